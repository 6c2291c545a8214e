#!/usr/bin/env bash
# Same and near-duplicate text: lockstep against the QUT Coordination Network Toolkit's
# co_similar_tweet (Jaccard on word sets, at THRESHOLD) or co_tweet (identical text after
# lowercasing, removing @mentions and collapsing whitespace; THRESHOLD is then ignored and
# lockstep links texts with the same word set, J = 1) on `lockstep synth` data, at the same
# window.
#
# Usage: bench/qut_compare.sh [WORK_DIR] [THRESHOLD] [WINDOW_S] [ACCOUNTS] [NETWORK]
# NETWORK is co_similar_tweet (default) or co_tweet. Needs a release build (cargo build
# --release) and python3 with venv.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/lockstep-qut}
threshold=${2:-0.8}
window=${3:-300}
accounts=${4:-4000}
network=${5:-co_similar_tweet}
case "$network" in
    co_similar_tweet) toolkit_args=(--similarity_threshold "$threshold") ;;
    co_tweet) toolkit_args=() threshold=1 ;;
    *) echo "unknown network $network" >&2; exit 2 ;;
esac
bin=target/release/lockstep
mkdir -p "$work"
if [ ! -x "$work/venv/bin/compute_networks" ]; then
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install -q coordination-network-toolkit
fi
[ -f "$work/data/posts.csv" ] || "$bin" synth --out "$work/data" --accounts "$accounts" --days 14 --seed 7
python3 bench/qut_compare.py prepare "$work/data/posts.csv" "$work"

rm -f "$work/qut.db" "$work/qut_edges.csv"
echo "== toolkit"
/usr/bin/time -f "toolkit wall %e s, peak RSS %M KiB" bash -c "
    '$work/venv/bin/compute_networks' '$work/qut.db' preprocess '$work/qut.csv' > /dev/null &&
    '$work/venv/bin/compute_networks' '$work/qut.db' compute $network \
        --time_window $window ${toolkit_args[*]} --min_edge_weight 1 > /dev/null"
# The toolkit's CSV export fails in this version (an unexpected n_messages argument), so the
# edges are read from its result table.
python3 bench/qut_compare.py export "$work/qut.db" "$work/qut_edges.csv" "$network"

echo "== lockstep"
# Word sets (shingles of one word), every pair of co-posting accounts kept as an edge (fixed
# evidence rule at zero, no chance model), no boilerplate removal, no cap on busy narratives,
# and URLs, mentions and hashtags handled as the toolkit does (URL words and hashtags kept,
# mentions dropped).
/usr/bin/time -f "lockstep wall %e s, peak RSS %M KiB" "$bin" detect "$work/lockstep.csv" \
    --out "$work/lockstep" --quiet --signals text --window "text=${window}s" \
    --text-similarity "$threshold" --text-shingle 1 --text-urls keep --text-hashtags keep \
    --max-text-accounts 1000000000 --max-neighbours 1000000 \
    --min-evidence --min-weight 0 --min-objects 1 --min-size 2
python3 bench/qut_compare.py score "$work/qut_edges.csv" "$work/lockstep/edges.csv"
