#!/usr/bin/env python3
"""Batch indexing on a Spark cluster: one zhsearch shard per partition of the inputs.

The driver lists the input files (folders walked, hidden entries passed over), cuts JSON
Lines files larger than a partition at line boundaries into pieces kept in the output
folder, and splits the files into partitions of about equal bytes. Each Spark task runs
`zhsearch index --threads N` over its partition's files into a folder named by the
partition and the task attempt, then renames it atomically to the partition's shard
(`OUT/shards/part-00003`). An attempt that finds its partition's shard already there (an
earlier attempt, or the job run again) leaves it and writes nothing, so a retried or
speculative task never leaves a second shard or a second copy of a document. A bad input
(an undecodable page, a malformed record) is reported as zhsearch reports it, on one line
naming the file, and the job goes on; the lines are kept beside the shard
(`OUT/problems/part-00003.txt`, written before the shard is renamed into place), so an
attempt that finds the shard there reports them too; only a fatal error of zhsearch (exit code 2: no
index could be written) fails the task, which Spark then retries.

At the end the driver writes `OUT/shards.txt` (one shard a line; `--index` accepts each)
and, with `--merge DIR`, merges the shards into one index with `zhsearch merge`.

    spark-submit --master spark://127.0.0.1:7077 --files target/release/zhsearch \\
        scale/spark_index.py --zhsearch zhsearch --out /shared/zh CORPUS...

`--zhsearch` is a file shipped with `--files` (found by its name on the executors) or a
program on the workers' path. OUT must be a folder every executor and the driver see
(NFS or another shared file system; the sizing note in BENCHMARKS.md says more).
"""

import argparse
import json
import os
import shutil
import stat
import subprocess
import sys
import time
import uuid

SHARDS = "shards"
PROBLEMS = "problems"
PIECES = "pieces"
JSON_LINES = (".jsonl", ".ndjson")


def list_inputs(paths):
    """Every file under `paths`, sorted, hidden entries passed over, with its size."""
    found = []
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    if not name.startswith("."):
                        file = os.path.join(root, name)
                        found.append((os.path.abspath(file), os.path.getsize(file)))
        else:
            found.append((os.path.abspath(path), os.path.getsize(path)))
    return sorted(found)


def cut_large_json_lines(inputs, limit, out):
    """JSON Lines files over `limit` bytes cut at line boundaries into pieces of about
    `limit` bytes, written under OUT/pieces (the same pieces on every run)."""
    result = []
    for path, size in inputs:
        if size <= limit or not path.endswith(JSON_LINES):
            result.append((path, size))
            continue
        folder = os.path.join(out, PIECES, uuid.uuid5(uuid.NAMESPACE_URL, path).hex[:12])
        os.makedirs(folder, exist_ok=True)
        stem = os.path.splitext(os.path.basename(path))[0]
        pieces, piece, written = [], None, limit
        with open(path, "rb") as lines:
            for line in lines:
                if written >= limit:
                    if piece:
                        piece.close()
                    name = os.path.join(folder, f"{stem}.{len(pieces):04d}.jsonl")
                    pieces.append(name)
                    piece, written = open(name + ".partial", "wb"), 0
                piece.write(line)
                written += len(line)
        if piece:
            piece.close()
        for name in pieces:
            os.replace(name + ".partial", name)
            result.append((name, os.path.getsize(name)))
    return sorted(result)


def split_by_bytes(inputs, partitions):
    """`inputs` in `partitions` groups of about equal bytes: the largest file first into
    the lightest group, ties by path, so the same inputs always give the same groups."""
    groups = [[0, i, []] for i in range(partitions)]
    for path, size in sorted(inputs, key=lambda f: (-f[1], f[0])):
        lightest = min(groups, key=lambda g: (g[0], g[1]))
        lightest[0] += size
        lightest[2].append(path)
    return [sorted(g[2]) for g in groups if g[2]]


def program(name):
    """The zhsearch binary: shipped with --files (made executable), else `name` itself."""
    try:
        from pyspark import SparkFiles

        shipped = SparkFiles.get(os.path.basename(name))
        if os.path.isfile(shipped):
            mode = os.stat(shipped).st_mode
            os.chmod(shipped, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
            return shipped
    except Exception:  # not in a Spark task, or nothing shipped under that name
        pass
    return name


def read_problems(path):
    """The problem lines kept for a shard written earlier (none if it had none)."""
    try:
        with open(path, encoding="utf-8") as lines:
            return [line.rstrip("\n") for line in lines if line.strip()]
    except FileNotFoundError:
        return []


def index_partition(number, files, options):
    """Runs in a Spark task: the shard of one partition, written once."""
    from pyspark import TaskContext

    context = TaskContext.get()
    attempt = context.attemptNumber() if context else 0
    shards = os.path.join(options["out"], SHARDS)
    final = os.path.join(shards, f"part-{number:05d}")
    report = {"partition": number, "attempt": attempt, "shard": final, "files": len(files)}
    problems_file = os.path.join(options["out"], PROBLEMS, f"part-{number:05d}.txt")
    if os.path.exists(os.path.join(final, "zhsearch.json")):
        return dict(report, status="kept", problems=read_problems(problems_file), summary="")
    work = os.path.join(shards, f".part-{number:05d}.attempt-{attempt}.{uuid.uuid4().hex[:8]}")
    command = [program(options["zhsearch"]), "index", "--index", work]
    command += ["--threads", str(options["threads"])] + files
    run = subprocess.run(command, capture_output=True, text=True)
    problems = [line for line in run.stderr.splitlines() if line.strip()]
    if run.returncode != 0 or not os.path.exists(os.path.join(work, "zhsearch.json")):
        shutil.rmtree(work, ignore_errors=True)
        # Fatal for this attempt: Spark retries the task, and the job fails if it keeps failing.
        raise RuntimeError(
            f"partition {number}: zhsearch index exited {run.returncode}: " + " | ".join(problems[-5:])
        )
    if options.get("fail_once") == number and context and context.attemptNumber() == 0:
        # For the retry test: the first attempt dies after writing its shard, unrenamed.
        raise RuntimeError(f"partition {number}: failing the first attempt on purpose")
    # The shard's problems first, so that a shard in place always has its report.
    os.makedirs(os.path.dirname(problems_file), exist_ok=True)
    partial = f"{problems_file}.{attempt}.{uuid.uuid4().hex[:8]}"
    with open(partial, "w", encoding="utf-8") as out:
        out.writelines(line + "\n" for line in problems)
    os.replace(partial, problems_file)
    try:
        os.rename(work, final)
        status = "written"
    except OSError:
        # Another attempt renamed its shard first: keep that one, drop this one.
        shutil.rmtree(work, ignore_errors=True)
        status = "kept"
    return dict(report, status=status, problems=problems, summary=run.stdout.strip())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", help="files and folders to index")
    parser.add_argument("--out", required=True, help="shared folder for the shards")
    parser.add_argument("--zhsearch", default="zhsearch", help="binary shipped with --files, or on PATH")
    parser.add_argument("--partitions", type=int, help="by default, the cluster's default parallelism")
    parser.add_argument("--threads", type=int, default=1, help="zhsearch threads a task (cores a task)")
    parser.add_argument("--merge", metavar="DIR", help="merge the shards into one index in DIR")
    parser.add_argument("--fail-once", type=int, metavar="PARTITION", help=argparse.SUPPRESS)
    args = parser.parse_args()

    from pyspark import SparkConf, SparkContext

    context = SparkContext(conf=SparkConf().setAppName("zhsearch-index"))
    context.setLogLevel("WARN")
    partitions = args.partitions or context.defaultParallelism
    out = os.path.abspath(args.out)
    os.makedirs(os.path.join(out, SHARDS), exist_ok=True)

    inputs = list_inputs(args.inputs)
    total = sum(size for _, size in inputs)
    inputs = cut_large_json_lines(inputs, max(1, -(-total // partitions)), out)
    groups = split_by_bytes(inputs, partitions)
    options = {"out": out, "zhsearch": args.zhsearch, "threads": args.threads, "fail_once": args.fail_once}
    # One Spark partition per group, so that a task is one shard.
    started = time.monotonic()
    reports = (
        context.parallelize(list(enumerate(groups)), len(groups))
        .map(lambda group: index_partition(group[0], group[1], options))
        .collect()
    )
    indexing_seconds = time.monotonic() - started
    # Attempts that died between writing and renaming leave their folders: none is a shard.
    shards_dir = os.path.join(out, SHARDS)
    for name in os.listdir(shards_dir):
        if name.startswith(".part-"):
            shutil.rmtree(os.path.join(shards_dir, name), ignore_errors=True)

    shards = sorted(r["shard"] for r in reports)
    for report in sorted(reports, key=lambda r: r["partition"]):
        for problem in report["problems"]:
            print(problem, file=sys.stderr)
        print(json.dumps({k: report[k] for k in ("partition", "attempt", "status", "files", "summary")}, ensure_ascii=False))
    with open(os.path.join(out, "shards.txt.partial"), "w") as listing:
        listing.writelines(shard + "\n" for shard in shards)
    os.replace(os.path.join(out, "shards.txt.partial"), os.path.join(out, "shards.txt"))
    print(f"{len(shards)} shards of {len(inputs)} files ({total} bytes) listed in {os.path.join(out, 'shards.txt')}")
    print(json.dumps({"indexing_seconds": round(indexing_seconds, 2)}))
    # Before the context stops: a binary shipped with --files goes with it.
    merged = 0
    if args.merge:
        started = time.monotonic()
        merged = subprocess.run([program(args.zhsearch), "merge", *shards, "--into", args.merge]).returncode
        print(json.dumps({"merge_seconds": round(time.monotonic() - started, 2)}))
    context.stop()
    sys.exit(merged)


if __name__ == "__main__":
    main()
