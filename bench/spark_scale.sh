#!/usr/bin/env bash
# lockstep on Spark at scale: for each size, generate posts (lockstep synth, seed 9, 14 days),
# run `spark-submit lockstep/spark/__main__.py detect` on local-cluster masters of 1 and 2
# executors (1 core each), and read wall time, shuffle bytes and peak executor memory from
# Spark's event log; `lockstep detect` on the same file is the single-machine baseline, and
# every run's result files are compared with it.
#
#   bench/spark_scale.sh 20000 200000     # about 1M and 10M posts (the sizes are accounts)
#
# Needs a Python environment with the lockstep wheel and pyspark (PYTHON, default python3),
# Java, /usr/bin/time and the release binary. INPUT=parquet runs on the posts converted to
# typed Parquet (lockstep.read) instead of the CSV. SIGNALS (default: the exact signals) is
# passed to --signals; WORK holds the data and runs (default: a temporary directory); EXECUTOR_MEMORY
# (default 4g) and DRIVER_MEMORY (default 8g) size the JVMs.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
LOCKSTEP=$PWD/target/release/lockstep
SIGNALS=${SIGNALS:-reshare,reply,link,hashtag,mention}
WORK=${WORK:-$(mktemp -d)}
INPUT=${INPUT:-csv}
EXECUTOR_MEMORY=${EXECUTOR_MEMORY:-4g}
DRIVER_MEMORY=${DRIVER_MEMORY:-8g}
MAIN=$("$PYTHON" -c 'import lockstep.spark.__main__ as m; print(m.__file__)')
SUBMIT=$(dirname "$(command -v "$PYTHON")")/spark-submit
export PYSPARK_PYTHON=$PYTHON PYSPARK_DRIVER_PYTHON=$PYTHON
echo "| accounts | posts | run | wall s | shuffle written MB | shuffle read MB | peak executor JVM heap MiB | peak executor Python RSS MiB | driver peak RSS MiB | same files |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for accounts in "$@"; do
    dir="$WORK/spark-$accounts"
    mkdir -p "$dir"
    [ -f "$dir/data/posts.csv" ] || "$LOCKSTEP" synth --out "$dir/data" --seed 9 --accounts "$accounts" --days 14 >/dev/null
    input="$dir/data/posts.$INPUT"
    if [ ! -f "$input" ]; then
        "$PYTHON" -c 'import sys, lockstep, pyarrow.parquet as pq
pq.write_table(lockstep.read(sys.argv[1]), sys.argv[2], row_group_size=500_000)' "$dir/data/posts.csv" "$input"
    fi
    rm -rf "$dir/single-$INPUT"
    /usr/bin/time -f "%e %M" -o "$dir/single.time" "$LOCKSTEP" detect "$input" \
        --out "$dir/single-$INPUT" --quiet --signals "$SIGNALS" --window 60s
    read -r wall rss <"$dir/single.time"
    posts=$("$PYTHON" -c 'import json, sys; print(json.load(open(sys.argv[1]))["input"]["posts"])' "$dir/single-$INPUT/run.json")
    echo "| $accounts | $posts | lockstep detect ($INPUT) | $wall | — | — | — | — | $((rss / 1024)) | — |"
    for executors in 1 2; do
        out="$dir/spark-$INPUT-$executors"
        logs="$dir/events-$INPUT-$executors"
        rm -rf "$out" "$logs" && mkdir -p "$logs"
        /usr/bin/time -f "%e %M" -o "$dir/spark-$INPUT-$executors.time" "$SUBMIT" \
            --master "local-cluster[$executors,1,$(( ${EXECUTOR_MEMORY%g} * 1024 + 1024 ))]" \
            --driver-memory "$DRIVER_MEMORY" --conf "spark.executor.memory=$EXECUTOR_MEMORY" \
            --conf spark.ui.enabled=false --conf spark.driver.maxResultSize=0 \
            --conf spark.eventLog.enabled=true \
            --conf "spark.eventLog.dir=file://$logs" --conf spark.eventLog.compress=false \
            --conf spark.executor.processTreeMetrics.enabled=true \
            "$MAIN" detect "$input" --out "$out" \
            --signals "$SIGNALS" --window 60s --spark-partitions $((executors * 8)) \
            >"$dir/spark-$INPUT-$executors.log" 2>&1
        read -r wall rss <"$dir/spark-$INPUT-$executors.time"
        "$PYTHON" bench/spark_metrics.py "$logs" "$dir/single-$INPUT" "$out" \
            "| $accounts | $posts | Spark ($INPUT), $executors executor(s) | $wall |" "$((rss / 1024))"
        grep "^time:" "$dir/spark-$INPUT-$executors.log" | sed "s/^/    $executors executor(s): /" >&2
    done
done
