#!/usr/bin/env bash
# End-to-end benchmark of `lockstep detect` on generated data: for each size, generate posts
# (streamed to disk), detect at a 60-second window, and record wall time, peak memory
# (/usr/bin/time -v), the per-stage timings and the peak memory after ingest from run.json.
# Prints a markdown table to stdout; append it to BENCHMARKS.md with the machine description.
#
#   bench/run.sh                 # 1M and 10M posts
#   bench/run.sh 20000 200000    # the sizes, as numbers of accounts (about 53 posts each
#                                # over 14 days)
#   SIGNALS=reshare,reply,link,hashtag,mention bench/run.sh 2000000   # 100M posts, no text
#
# SIGNALS, when set, is passed to --signals (default: every signal but domain, text included);
# EXTRA is added to the detect command line. Needs /usr/bin/time (Debian package `time`) and
# python3. Work files go to $WORK (default: a temporary directory; 10M posts take 2.1 GB, 100M
# posts 21 GB).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
LOCKSTEP=$PWD/target/release/lockstep
WORK=${WORK:-$(mktemp -d)}
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then
    sizes=(20000 200000)
fi
signals=()
if [ -n "${SIGNALS:-}" ]; then
    signals=(--signals "$SIGNALS")
fi
echo "| accounts | posts | input MB | wall s | peak RSS MiB | after ingest MiB | ingest s | narratives s | co-action s | statistics s | networks s | output s | ingest MB/s |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for accounts in "${sizes[@]}"; do
    dir="$WORK/bench-$accounts"
    [ -f "$dir/data/posts.csv" ] || "$LOCKSTEP" synth --out "$dir/data" --seed 9 --accounts "$accounts" --days 14 >/dev/null
    # shellcheck disable=SC2086
    /usr/bin/time -v "$LOCKSTEP" detect "$dir/data/posts.csv" --window 60s --out "$dir/results" --quiet \
        "${signals[@]}" ${EXTRA:-} 2>"$dir/time.txt"
    python3 - "$dir" <<'PY'
import json, os, re, sys
d = sys.argv[1]
run = json.load(open(f"{d}/results/run.json"))
t = open(f"{d}/time.txt").read()
wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", t)
h, m, s = wall.groups()
wall_s = int(h or 0) * 3600 + int(m) * 60 + float(s)
rss_mib = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
mb = os.path.getsize(f"{d}/data/posts.csv") / 1e6
ts = run["timings_s"]
ingest = ts.get("ingest", 0.0)
after_ingest = run.get("peak_memory_mib", {}).get("ingest", 0)
print(f"| {run['input']['accounts']:,} | {run['input']['posts']:,} | {mb:,.0f} | {wall_s:.1f} | "
      f"{rss_mib:,.0f} | {after_ingest:,} | {ingest:.1f} | {ts.get('narratives', 0):.1f} | "
      f"{ts.get('coaction', 0):.1f} | {ts.get('statistics', 0):.1f} | "
      f"{ts.get('networks', 0):.1f} | {ts.get('output', 0):.1f} | {mb / ingest if ingest else 0:.0f} |")
PY
done
