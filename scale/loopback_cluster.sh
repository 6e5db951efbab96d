# Sourced by scale/test_spark.sh and scale/bench_spark.sh: a standalone Spark cluster on
# 127.0.0.1 from the pyspark package's bin/spark-class, one core a worker.
#
#   start_cluster WORKERS LOG_DIR   sets $master (spark://127.0.0.1:PORT) and $SPARK_HOME
#   stop_cluster                    stops what start_cluster started
# `spark_available` says (and prints why not) whether pyspark and Java are there.

cluster_pids=()

spark_available() {
  if ! SPARK_HOME=$(python3 -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))' 2>/dev/null); then
    echo "$0: skipping: pyspark is not installed"
    return 1
  fi
  if ! command -v java >/dev/null 2>&1; then
    echo "$0: skipping: no java on the path"
    return 1
  fi
  export SPARK_HOME SPARK_LOCAL_IP=127.0.0.1 SPARK_NO_DAEMONIZE=1
  PYSPARK_PYTHON=$(command -v python3)
  export PYSPARK_PYTHON
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_cluster() {
  local workers=$1 logs=$2 port ui
  mkdir -p "$logs"
  export SPARK_LOG_DIR=$logs
  port=$(free_port)
  ui=$(free_port)
  master=spark://127.0.0.1:$port
  "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$port" --webui-port "$ui" >"$logs/master.log" 2>&1 &
  cluster_pids+=($!)
  for ((i = 1; i <= workers; i++)); do
    # PIN_WORKERS=1: worker i (and the executors and zhsearch processes it starts) on
    # core i-1 only, so that "one core each" holds: a `zhsearch index --threads 1`
    # alone uses about 1.4 cores (extraction and the writer run side by side).
    local pin=()
    if [[ ${PIN_WORKERS:-0} == 1 ]] && command -v taskset >/dev/null; then
      pin=(taskset -c $(((i - 1) % $(nproc))))
    fi
    "${pin[@]}" "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --cores 1 --memory 1g --webui-port 0 --work-dir "$logs/worker$i" \
      "$master" >"$logs/worker$i.log" 2>&1 &
    cluster_pids+=($!)
  done
  # Every worker registered, as the master's status page says.
  python3 - "$ui" "$workers" <<'PY' || { cat "$logs"/*.log >&2; return 1; }
import json, sys, time, urllib.request
deadline = time.time() + 90
while time.time() < deadline:
    try:
        status = json.load(urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/json/", timeout=2))
        if status.get("aliveworkers", 0) >= int(sys.argv[2]):
            sys.exit(0)
    except OSError:
        pass
    time.sleep(1)
sys.exit("the workers did not register within 90 s")
PY
}

stop_cluster() {
  for pid in "${cluster_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${cluster_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  cluster_pids=()
}
