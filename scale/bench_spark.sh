#!/usr/bin/env bash
# Indexing time of scale/spark_index.py on a loopback cluster of 1 and of 2 workers (one
# core each), ROUNDS runs each, over CORPUS in 4 partitions, with the merge of the shards;
# prints each run's indexing and merge seconds (the job's own clock, without the JVM's
# start) and the shard sizes. BENCHMARKS.md reports the medians.
#
#   scale/bench_spark.sh [CORPUS] [ROUNDS] [ZHSEARCH_BINARY]
#   (by default ../shared/corpus/xwlb-2022-2024.jsonl, 3, target/release/zhsearch)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=$(realpath "${1:-../shared/corpus/xwlb-2022-2024.jsonl}")
rounds=${2:-3}
bin=$(realpath "${3:-target/release/zhsearch}")
source scale/loopback_cluster.sh
# Each worker on a core of its own (PIN_WORKERS=0 to let them share).
export PIN_WORKERS=${PIN_WORKERS:-1}
spark_available || exit 0
work=$(mktemp -d)
trap 'stop_cluster; rm -rf "$work"' EXIT
for workers in 1 2; do
  start_cluster "$workers" "$work/logs-$workers"
  for ((round = 1; round <= rounds; round++)); do
    out=$work/out-$workers-$round
    "$SPARK_HOME/bin/spark-submit" --master "$master" --conf spark.ui.enabled=false \
      --conf spark.executor.cores=1 --files "$bin" scale/spark_index.py \
      --zhsearch "$(basename "$bin")" --partitions 4 --out "$out" --merge "$out/merged" "$corpus" \
      2>"$out.err" | grep -h '_seconds' | paste -sd' ' | sed "s/^/workers $workers round $round: /"
    [[ $round -eq 1 ]] && du -sm "$out"/shards/part-* "$out/merged" | sed "s|$work/||"
  done
  stop_cluster
done
