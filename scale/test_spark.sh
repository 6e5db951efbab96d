#!/usr/bin/env bash
# The Spark job on a real standalone cluster on loopback: a master and two workers of one
# core each, started here from the pyspark package's bin/spark-class and stopped on exit.
#
# Runs scale/spark_index.py over a corpus this script writes (with a bad record and an
# undecodable page, and a first task attempt that fails on purpose so that Spark retries
# it), then checks that the merged index and the shards searched as one give exactly the
# ids, order, scores, totals and facets of one `zhsearch index` of the whole corpus
# (scale/compare_search.py), that no second shard or document was left, and that running
# the job again keeps the shards. Where ../shared is present, the same over part of the
# shared corpus (or $ZHSEARCH_SHARED). Skips, saying so, when pyspark or Java is missing.
#
#   scale/test_spark.sh [ZHSEARCH_BINARY]     (by default target/debug/zhsearch)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-target/debug/zhsearch}")
[[ -x $bin ]] || { echo "test_spark: no binary at $bin (cargo build first)" >&2; exit 2; }

source scale/loopback_cluster.sh
spark_available || exit 0

work=$(mktemp -d)
cleanup() {
  stop_cluster
  if [[ -n ${KEEP_WORK:-} ]]; then echo "test_spark: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
start_cluster 2 "$work/logs"
echo "test_spark: master $master with 2 workers"

# Runs the job over corpus $1 into $2 (4 partitions, the first attempt of partition 1
# failing), indexes the corpus whole, and compares them on queries $3. With $4 = folds,
# some stories come from two files (a record and its page) that may fall into different
# shards: searched together the shards count them twice (as documented), so only the
# merge, which folds them, is compared.
check_corpus() {
  local corpus=$1 out=$2 queries=$3 folds=${4:-}
  timeout 300 "$SPARK_HOME/bin/spark-submit" --master "$master" \
    --conf spark.task.maxFailures=3 --conf spark.ui.enabled=false \
    --conf spark.executor.cores=1 --conf spark.executor.memory=1g \
    --files "$bin" scale/spark_index.py --zhsearch "$(basename "$bin")" --partitions 4 \
    --fail-once 1 --out "$out" --merge "$out/merged" "$corpus" \
    >"$out.job.out" 2>"$out.job.err" ||
    { grep -v '^\s*at ' "$out.job.err" | tail -30 >&2; echo "test_spark: the job failed" >&2; exit 1; }
  local shards
  shards=$(paste -sd, "$out/shards.txt")
  [[ $(wc -l <"$out/shards.txt") -eq 4 ]] || { echo "test_spark: not 4 shards: $shards" >&2; exit 1; }
  [[ -z $(find "$out/shards" -maxdepth 1 -name '.part-*') ]] ||
    { echo "test_spark: a retried attempt left its folder" >&2; exit 1; }
  grep -q '"status": "written"' "$out.job.out"
  "$bin" index "$corpus" --index "$out.whole" >/dev/null 2>&1
  local whole merged in_shards
  whole=$("$bin" stats --index "$out.whole" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
  merged=$("$bin" stats --index "$out/merged" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
  in_shards=$("$bin" stats $(sed 's/^/--index /' "$out/shards.txt") --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
  local against=("--against" "$shards" "--against" "$out/merged")
  if [[ -n $folds ]]; then
    against=("--against" "$out/merged")
    [[ $in_shards -ge $whole ]] || { echo "test_spark: shards hold $in_shards < $whole" >&2; exit 1; }
  else
    [[ $whole -eq $in_shards ]] || { echo "test_spark: shards hold $in_shards, not $whole" >&2; exit 1; }
  fi
  [[ $whole -eq $merged ]] || { echo "test_spark: merged holds $merged, not $whole" >&2; exit 1; }
  python3 scale/compare_search.py --zhsearch "$bin" --queries "$queries" \
    --reference "$out.whole" "${against[@]}"
  # Run again: every partition's shard is kept, none is added.
  timeout 300 "$SPARK_HOME/bin/spark-submit" --master "$master" --conf spark.ui.enabled=false \
    --files "$bin" scale/spark_index.py --zhsearch "$(basename "$bin")" --partitions 4 \
    --out "$out" "$corpus" >"$out.again.out" 2>"$out.again.err" || { tail -20 "$out.again.err" >&2; exit 1; }
  [[ $(grep -c '"status": "kept"' "$out.again.out") -eq 4 && $(ls "$out/shards" | wc -l) -eq 4 ]] ||
    { echo "test_spark: the second run did not keep the 4 shards" >&2; exit 1; }
  if [[ -n $folds ]]; then
    echo "test_spark: $corpus: $whole documents; the merge of its 4 shards answers like one index"
  else
    echo "test_spark: $corpus: $whole documents; 4 shards and their merge answer like one index"
  fi
}

# A corpus of fictional reports: JSON Lines files of several sizes, a page, a bad record
# and an undecodable page (reported, the job goes on).
mkdir -p "$work/corpus/pages"
python3 - "$work/corpus" <<'EOF'
import json, sys
corpus = sys.argv[1]
bodies = ["会议传达学习党的二十大精神，研究部署下一阶段重点工作。",
          "会议强调，要因地制宜发展新质生产力，推动产业转型升级。",
          "与会同志围绕科技创新、乡村振兴等议题进行了深入讨论。",
          "南湖市人民政府副市长林思远出席会议并讲话。",
          "市科协党组书记方可主持会议。会议听取了年度工作情况汇报。"]
n = 0
for f, count in enumerate([40, 90, 150, 260, 60]):
    with open(f"{corpus}/reports-{f}.jsonl", "w") as out:
        for _ in range(count):
            record = {"id": f"r{n}", "date": f"2023-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                      "title": f"南湖市召开第{n % 37}次专题工作会议",
                      "body": bodies[n % 5] + f"本次会议材料编号{n}号。" + bodies[(n // 5) % 5] * (1 + n % 3)}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
        if f == 2:
            out.write('{"id": "broken", "title": \n')
with open(f"{corpus}/pages/broken.html", "wb") as out:
    out.write(bytes(range(256)) * 8)
EOF
cp tests/fixtures/jiaoyu.html "$work/corpus/pages/"
cat >"$work/queries.txt" <<'EOF'
会议
新质生产力
"二十大精神"
科技创新 乡村振兴
会议 date:2023-05
会议 date:2023-01..2023-06
person:林思远
南湖市 -乡村振兴
title:专题 OR 新质生产力
"材料编号12号"
EOF
check_corpus "$work/corpus" "$work/out" "$work/queries.txt"
# grep reads the files itself: `cat … | grep -q` under pipefail fails when grep stops
# reading at the first match while cat still writes (SIGPIPE), as the clean-clone CI once did.
grep -q "reports-2.jsonl:151: invalid JSON" "$work/out.job.out" "$work/out.job.err" ||
  { echo "test_spark: the bad record was not reported" >&2; exit 1; }
# A run that keeps the shards reports what writing them found.
grep -q "reports-2.jsonl:151: invalid JSON" "$work/out.again.out" "$work/out.again.err" ||
  { echo "test_spark: the run that kept the shards did not report the bad record" >&2; exit 1; }

shared=${ZHSEARCH_SHARED:-../shared}
if [[ -d $shared/corpus ]]; then
  mkdir -p "$work/shared/pages"
  head -n 1500 "$shared/corpus/xwlb-2022-2024.jsonl" >"$work/shared/xwlb-part.jsonl"
  find "$shared/corpus/xwlb-html" -type f | sort | sed -n 1,100p | xargs -I{} cp {} "$work/shared/pages/"
  check_corpus "$work/shared" "$work/shared-out" benches/queries.txt folds
else
  echo "test_spark: skipping the shared-corpus run: $shared/corpus is absent (ZHSEARCH_SHARED names another)"
fi
