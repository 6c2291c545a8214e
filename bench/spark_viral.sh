#!/usr/bin/env bash
# One viral object on Spark: a post reshared by N distinct accounts over about six hours (the
# file of BENCHMARKS.md's "One viral object"), run with `spark-submit` on a local cluster of 2
# executors (1 core each), once with the object swept whole by one partition and once cut into
# slices of SLICE actions (default 65,536, the module's default). Prints wall time, shuffle
# bytes and peak executor memory from Spark's event log, and whether each run's files equal
# `lockstep detect`'s.
#
#   bench/spark_viral.sh 200000 50000     # 200,000 reshares, slices of 50,000
#
# Needs what bench/spark_scale.sh needs (PYTHON, Java, /usr/bin/time, the release binary).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
LOCKSTEP=$PWD/target/release/lockstep
RESHARES=${1:-200000}
SLICE=${2:-65536}
WORK=${WORK:-$(mktemp -d)}
MAIN=$("$PYTHON" -c 'import lockstep.spark.__main__ as m; print(m.__file__)')
SUBMIT=$(dirname "$(command -v "$PYTHON")")/spark-submit
export PYSPARK_PYTHON=$PYTHON PYSPARK_DRIVER_PYTHON=$PYTHON
dir="$WORK/viral-$RESHARES"
mkdir -p "$dir"
"$PYTHON" -c "
import random, sys; random.seed(5)
print('post_id,account_id,timestamp,reshare_of'); print('root,star,1725235200,')
for i in range(int(sys.argv[1])): print(f'r{i},u{i},{1725235200 + int(random.expovariate(1/3600))},root')
" "$RESHARES" >"$dir/viral.csv"
/usr/bin/time -f "%e %M" -o "$dir/single.time" "$LOCKSTEP" detect "$dir/viral.csv" \
    --out "$dir/single" --quiet
read -r wall rss <"$dir/single.time"
echo "| run | wall s | shuffle written MB | shuffle read MB | peak executor JVM heap MiB | peak executor Python RSS MiB | driver peak RSS MiB | same files |"
echo "|---|---|---|---|---|---|---|---|"
echo "| lockstep detect | $wall | — | — | — | — | $((rss / 1024)) | — |"
for slice in 2000000000 "$SLICE"; do
    out="$dir/spark-$slice"
    logs="$dir/events-$slice"
    rm -rf "$out" "$logs" && mkdir -p "$logs"
    /usr/bin/time -f "%e %M" -o "$dir/spark-$slice.time" "$SUBMIT" \
        --master "local-cluster[2,1,5120]" --driver-memory 8g \
        --conf spark.executor.memory=4g --conf spark.ui.enabled=false \
        --conf spark.driver.maxResultSize=0 --conf spark.eventLog.enabled=true \
        --conf "spark.eventLog.dir=file://$logs" --conf spark.eventLog.compress=false \
        --conf spark.executor.processTreeMetrics.enabled=true \
        "$MAIN" detect "$dir/viral.csv" --out "$out" --quiet --spark-partitions 16 \
        --spark-slice-actions "$slice" >"$dir/spark-$slice.log" 2>&1
    read -r wall rss <"$dir/spark-$slice.time"
    label=$([ "$slice" = 2000000000 ] && echo "Spark, the object whole" || echo "Spark, slices of $slice")
    "$PYTHON" bench/spark_metrics.py "$logs" "$dir/single" "$out" "| $label | $wall |" "$((rss / 1024))"
done
