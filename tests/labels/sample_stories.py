#!/usr/bin/env python3
"""Draws the held-out field stories from the shared corpus, reproducibly.

    python3 tests/labels/sample_stories.py ../shared/corpus/xwlb-2022-2024.jsonl > ids.txt
    python3 tests/labels/sample_stories.py CORPUS --seed 20261203 --sizes 20,10,10 \
        --exclude tests/labels/xwlb-fields-dev.jsonl tests/labels/xwlb-fields-heldout.jsonl

Three strata, drawn with one seed, excluding stories already in
tests/labels/xwlb-meetings.jsonl (which were read while rules were written) and in any
`--exclude` label file. The first draw (the defaults) and the second (seed 20261203,
20/10/10) gave tests/labels/xwlb-fields-heldout.jsonl (and, from the first draw's read
half, xwlb-fields-dev2.jsonl); the third (seed 20261204, 20/10/10, excluding dev, dev2 and
heldout) gave the development set tests/labels/xwlb-fields-dev3.jsonl; the fourth (seed
20261205, 30/15/15, excluding dev, dev2, dev3 and heldout), labelled blind and then split
in halves by a shuffle with the same seed, gave tests/labels/xwlb-fields-dev4.jsonl (read)
and tests/labels/xwlb-fields-heldout2.jsonl (kept aside).
  meeting  40 stories whose title names a meeting (会议, 全会, 集体学习, 座谈会)
  acting   20 stories whose title issues, receives or inspects (印发, 意见, 通知, 决定,
           会见, 会谈, 考察, 主持) and is not in the first stratum
  other    20 stories drawn from the rest
"""
import argparse
import signal
import json
import random
import re
import sys

SEED = 20261202
MEETING = re.compile(r"会议|全会|集体学习|座谈会")
ACTING = re.compile(r"印发|意见|通知|决定|会见|会谈|考察|主持")


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--sizes", default="40,20,20", help="meeting,acting,other")
    parser.add_argument("--exclude", nargs="*", default=[])
    args = parser.parse_args()
    corpus = args.corpus
    sizes = [int(n) for n in args.sizes.split(",")]
    seen = set()
    for path in ["tests/labels/xwlb-meetings.jsonl", *args.exclude]:
        with open(path, encoding="utf-8") as labels:
            for line in labels:
                if line.strip():
                    seen.add(json.loads(line)["id"])
    strata = {"meeting": [], "acting": [], "other": []}
    with open(corpus, encoding="utf-8") as stories:
        for line in stories:
            story = json.loads(line)
            if story["id"] in seen:
                continue
            title = story["title"]
            if MEETING.search(title):
                strata["meeting"].append(story["id"])
            elif ACTING.search(title):
                strata["acting"].append(story["id"])
            else:
                strata["other"].append(story["id"])
    rng = random.Random(args.seed)
    for name, size in zip(("meeting", "acting", "other"), sizes):
        for story_id in rng.sample(sorted(strata[name]), size):
            print(f"{story_id}\t{name}")


if __name__ == "__main__":
    main()
