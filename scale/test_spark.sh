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
# shared corpus. Skips, saying so, when pyspark or Java is missing.
#
#   scale/test_spark.sh [ZHSEARCH_BINARY]     (by default target/debug/zhsearch)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
bin=$(realpath "${1:-target/debug/zhsearch}")
[[ -x $bin ]] || { echo "test_spark: no binary at $bin (cargo build first)" >&2; exit 2; }

if ! spark_home=$(python3 -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))' 2>/dev/null); then
  echo "test_spark: skipping: pyspark is not installed"
  exit 0
fi
if ! command -v java >/dev/null 2>&1; then
  echo "test_spark: skipping: no java on the path"
  exit 0
fi

work=$(mktemp -d)
pids=()
stop_cluster() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ -n ${KEEP_WORK:-} ]]; then echo "test_spark: kept $work"; else rm -rf "$work"; fi
}
trap stop_cluster EXIT

export SPARK_HOME=$spark_home SPARK_LOCAL_IP=127.0.0.1 SPARK_LOG_DIR=$work/logs
export PYSPARK_PYTHON=$(command -v python3) SPARK_NO_DAEMONIZE=1
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
ui=$(free_port)
master=spark://127.0.0.1:$port

"$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$port" --webui-port "$ui" >"$work/master.log" 2>&1 &
pids+=($!)
for i in 1 2; do
  "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores 1 --memory 1g --webui-port 0 --work-dir "$work/worker$i" \
    "$master" >"$work/worker$i.log" 2>&1 &
  pids+=($!)
done
# Both workers registered, as the master's status page says.
python3 - "$ui" <<'EOF' || { cat "$work"/*.log >&2; exit 1; }
import json, sys, time, urllib.request
deadline = time.time() + 90
while time.time() < deadline:
    try:
        status = json.load(urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/json/", timeout=2))
        if status.get("aliveworkers", 0) >= 2:
            sys.exit(0)
    except OSError:
        pass
    time.sleep(1)
sys.exit("test_spark: the two workers did not register within 90 s")
EOF
echo "test_spark: master $master with 2 workers"

# Runs the job over corpus $1 into $2 (4 partitions, the first attempt of partition 1
# failing), indexes the corpus whole, and compares them on queries $3.
check_corpus() {
  local corpus=$1 out=$2 queries=$3
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
  [[ $whole -eq $merged && $whole -eq $in_shards ]] ||
    { echo "test_spark: documents: whole $whole, merged $merged, shards $in_shards" >&2; exit 1; }
  python3 scale/compare_search.py --zhsearch "$bin" --queries "$queries" \
    --reference "$out.whole" --against "$shards" --against "$out/merged"
  # Run again: every partition's shard is kept, none is added.
  timeout 300 "$SPARK_HOME/bin/spark-submit" --master "$master" --conf spark.ui.enabled=false \
    --files "$bin" scale/spark_index.py --zhsearch "$(basename "$bin")" --partitions 4 \
    --out "$out" "$corpus" >"$out.again.out" 2>"$out.again.err" || { tail -20 "$out.again.err" >&2; exit 1; }
  [[ $(grep -c '"status": "kept"' "$out.again.out") -eq 4 && $(ls "$out/shards" | wc -l) -eq 4 ]] ||
    { echo "test_spark: the second run did not keep the 4 shards" >&2; exit 1; }
  echo "test_spark: $corpus: $whole documents, 4 shards and their merge answer like one index"
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
cat "$work/out.job.out" "$work/out.job.err" | grep -q "reports-2.jsonl:151: invalid JSON" ||
  { echo "test_spark: the bad record was not reported" >&2; exit 1; }

if [[ -d ../shared/corpus ]]; then
  mkdir -p "$work/shared/pages"
  head -n 1500 ../shared/corpus/xwlb-2022-2024.jsonl >"$work/shared/xwlb-part.jsonl"
  find ../shared/corpus/xwlb-html -type f | sort | head -n 100 | xargs -I{} cp {} "$work/shared/pages/"
  check_corpus "$work/shared" "$work/shared-out" benches/queries.txt
else
  echo "test_spark: ../shared/corpus is absent: the shared-corpus run is skipped"
fi
