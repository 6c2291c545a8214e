#!/usr/bin/env bash
# Scores lockstep on freshly generated synthetic data: for each "seed:accounts:days" given (or
# the default set), generate data, detect with default settings plus the accounts file, score
# against the planted truth and print one markdown table row per dataset.
#
#   scripts/evaluate-synth.sh                      # the default set
#   scripts/evaluate-synth.sh 7:10000:14 8:4000:7  # your own
#
# Needs a release build (cargo build --release) and python3. Work files go to $WORK (default: a
# temporary directory).
set -euo pipefail
cd "$(dirname "$0")/.."
LOCKSTEP=${LOCKSTEP:-target/release/lockstep}
WORK=${WORK:-$(mktemp -d)}
specs=("$@")
if [ ${#specs[@]} -eq 0 ]; then
    specs=(101:4000:7 202:10000:14 303:20000:14 404:10000:21)
fi
echo "| seed | accounts | days | posts | precision | recall | F1 | ARI | ROC-AUC | PR-AUC | hard negatives flagged | networks (likely CIB) | detect time |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for spec in "${specs[@]}"; do
    IFS=: read -r seed accounts days <<<"$spec"
    dir="$WORK/s$seed-$accounts-$days"
    "$LOCKSTEP" synth --out "$dir/data" --seed "$seed" --accounts "$accounts" --days "$days" >/dev/null
    start=$(date +%s.%N)
    "$LOCKSTEP" detect "$dir/data/posts.csv" --accounts "$dir/data/accounts.csv" --out "$dir/results" --quiet
    end=$(date +%s.%N)
    "$LOCKSTEP" eval --truth "$dir/data/truth.csv" "$dir/results" --json >"$dir/eval.json"
    python3 - "$dir" "$seed" "$accounts" "$days" "$start" "$end" <<'PY'
import json, sys
d, seed, accounts, days, start, end = sys.argv[1:]
e = json.load(open(f"{d}/eval.json"))
run = json.load(open(f"{d}/results/run.json"))
nets = json.load(open(f"{d}/results/networks.json"))["networks"]
cib = sum(1 for n in nets if n["verdict"] == "likely_cib")
hard = sum(k["flagged"] for k in e["hard_kinds"])
print(f"| {seed} | {accounts} | {days} | {run['input']['posts']:,} | {e['precision']:.3f} | "
      f"{e['recall']:.3f} | {e['f1']:.3f} | {e['adjusted_rand_index']:.3f} | {e['roc_auc']:.3f} | "
      f"{e['pr_auc']:.3f} | {hard} of {e['hard_accounts']} | {len(nets)} ({cib}) | "
      f"{float(end) - float(start):.1f} s |")
PY
done
