#!/usr/bin/env bash
# Co-retweet and co-link: lockstep against the QUT Coordination Network Toolkit's co_retweet
# and co_link on `lockstep synth` data, both at the same window, every co-acting pair counted.
#
# Usage: bench/qut_coaction.sh [WORK_DIR] [WINDOW_S] [ACCOUNTS] [DAYS]
# Needs a release build (cargo build --release) and python3 with venv (the toolkit is installed
# from PyPI into WORK_DIR/venv).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/lockstep-qut-coaction}
window=${2:-60}
accounts=${3:-4000}
days=${4:-14}
bin=target/release/lockstep
mkdir -p "$work"
if [ ! -x "$work/venv/bin/compute_networks" ]; then
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install -q coordination-network-toolkit
fi
[ -f "$work/data/posts.csv" ] || "$bin" synth --out "$work/data" --accounts "$accounts" --days "$days" --seed 7
python3 bench/qut_compare.py prepare-posts "$work/data/posts.csv" "$work"
rm -f "$work/qut.db"
/usr/bin/time -f "toolkit preprocess: wall %e s, peak RSS %M KiB" \
    "$work/venv/bin/compute_networks" "$work/qut.db" preprocess "$work/qut.csv" >/dev/null
# The toolkit stores an empty urls field as the URL "", which would make every two posts
# without a link within the window a co-link; drop those rows before computing.
python3 -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute(\"delete from message_url where url = ''\"); c.commit()" "$work/qut.db"
for pair in "co_retweet reshare" "co_link link"; do
    set -- $pair
    network=$1 signal=$2
    echo "== $network (lockstep: $signal), ${window} s"
    /usr/bin/time -f "toolkit: wall %e s, peak RSS %M KiB" \
        "$work/venv/bin/compute_networks" "$work/qut.db" compute "$network" \
        --time_window "$window" --min_edge_weight 1 >/dev/null
    python3 bench/qut_compare.py export "$work/qut.db" "$work/qut_$network.csv" "$network"
    # Every pair with at least one co-action is an edge: the fixed evidence rule at zero, no
    # cap on viral posts, networks of two allowed.
    /usr/bin/time -f "lockstep: wall %e s, peak RSS %M KiB" "$bin" detect "$work/data/posts.csv" \
        --out "$work/lockstep_$signal" --quiet --signals "$signal" --window "${window}s" \
        --max-neighbours 1000000 --min-evidence --min-weight 0 --min-objects 1 --min-size 2
    python3 bench/qut_compare.py score "$work/qut_$network.csv" "$work/lockstep_$signal/edges.csv"
done
