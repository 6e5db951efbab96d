#!/usr/bin/env python3
"""Checks that several ways of holding one corpus answer every query alike.

Runs `zhsearch search --queries FILE --json --all` once per index set (`--index` given
once for one index, several times for shards searched as one) and per option set, and
compares, query by query, the ids in order, the scores, the totals and the facet counts
with those of the first index set (the reference: one index of the whole corpus).

    scale/compare_search.py --zhsearch target/release/zhsearch --queries benches/queries.txt \
        --reference ix --against s1,s2,s3 --against merged

Prints one line per index set and option set; exits 1 on any difference, 2 on an error.
"""

import argparse
import json
import subprocess
import sys
from collections import defaultdict

# The option sets every query is run with: relevance and date order, both rankings,
# facets, and a page past the first.
OPTION_SETS = [
    [],
    ["--facets", "--facet-top", "20"],
    ["--ranking", "bm25"],
    ["--ranking", "bm25", "--facets"],
    ["--sort", "date", "--facets"],
    ["--offset", "7", "--limit", "13"],
]


def answers(zhsearch, indexes, queries, options):
    """Query line → (hits as (id, score), facets, total) for one index set."""
    command = [zhsearch, "search", "--queries", queries, "--json"]
    if "--limit" not in options:
        command.append("--all")
    for index in indexes:
        command += ["--index", index]
    command += options
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode not in (0, 1):
        sys.exit(f"compare_search: {' '.join(command)} failed ({run.returncode}): {run.stderr.strip()}")
    by_query = defaultdict(lambda: {"hits": [], "facets": None, "total": None})
    for line in run.stdout.splitlines():
        item = json.loads(line)
        answer = by_query[item["query"]]
        if "total" in item:
            answer["total"] = item["total"]
        elif "facets" in item:
            answer["facets"] = item["facets"]
        else:
            answer["hits"].append((item["id"], item["score"]))
    return dict(by_query)


def differences(reference, other):
    """The first few differences between two answer sets, as lines."""
    found = []
    for query in sorted(set(reference) | set(other)):
        a, b = reference.get(query), other.get(query)
        if a is None or b is None:
            found.append(f"query {query}: answered by one side only")
            continue
        if a["total"] != b["total"]:
            found.append(f"query {query}: total {a['total']} vs {b['total']}")
        ids_a = [h[0] for h in a["hits"]]
        ids_b = [h[0] for h in b["hits"]]
        if ids_a != ids_b:
            at = next((i for i, (x, y) in enumerate(zip(ids_a, ids_b)) if x != y), min(len(ids_a), len(ids_b)))
            found.append(f"query {query}: ids differ from hit {at + 1} ({ids_a[at:at + 3]} vs {ids_b[at:at + 3]})")
        elif [h[1] for h in a["hits"]] != [h[1] for h in b["hits"]]:
            found.append(f"query {query}: same ids, different scores")
        if a["facets"] != b["facets"]:
            found.append(f"query {query}: facets differ")
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--zhsearch", default="zhsearch")
    parser.add_argument("--queries", required=True)
    parser.add_argument("--reference", required=True, help="index folders, comma-separated")
    parser.add_argument("--against", action="append", required=True, help="index folders, comma-separated")
    args = parser.parse_args()
    failed = False
    for options in OPTION_SETS:
        reference = answers(args.zhsearch, args.reference.split(","), args.queries, options)
        hits = sum(len(a["hits"]) for a in reference.values())
        for against in args.against:
            found = differences(reference, answers(args.zhsearch, against.split(","), args.queries, options))
            label = f"{against} vs {args.reference} [{' '.join(options) or 'defaults'}]"
            if found:
                failed = True
                print(f"DIFFERENT {label}: {len(found)} differences", flush=True)
                for line in found[:10]:
                    print(f"  {line}")
            else:
                print(f"same {label}: {len(reference)} queries, {hits} hits", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
