#!/usr/bin/env bash
# Scale of the text signal: N posts of about 20 words (bench/gen_text_posts.py), detection with
# only the text signal, wall time and peak memory.
#
# Usage: bench/text_scale.sh [N_POSTS] [WORK_DIR]
# Needs a release build (cargo build --release) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000000}
work=${2:-/tmp/lockstep-text-scale}
mkdir -p "$work"
posts="$work/posts-$n.csv"
[ -f "$posts" ] || python3 bench/gen_text_posts.py "$n" "$posts"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "wall %e s, peak RSS %M KiB, user %U s, sys %S s" \
    target/release/lockstep detect "$posts" --out "$work/out-$n" --signals text
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 -c "import json; r = json.load(open('$work/out-$n/run.json')); print(json.dumps(r['narratives'])); print(r['timings_s'])"
