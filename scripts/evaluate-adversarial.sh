#!/usr/bin/env bash
# Scores lockstep on the adversarial backgrounds of `lockstep synth --background`, without an
# accounts file: for each background and seed, generate, detect at each window, score against
# the planted truth (authentic_looking networks count as not flagged) and print one markdown
# table row per run, with recall per planted kind and the share of hard negatives flagged.
#
#   scripts/evaluate-adversarial.sh                          # every background, seeds 1 2, 1m and 1h
#   BACKGROUNDS="forum few-rare" SEEDS=7 WINDOWS=1h scripts/evaluate-adversarial.sh
#   DAYS=7 WINDOWS=1h scripts/evaluate-adversarial.sh         # a week's dump instead of 21 days
#
# Needs a release build (cargo build --release) and python3. Work files go to $WORK (default: a
# temporary directory); extra detect options come from $EXTRA.
set -euo pipefail
cd "$(dirname "$0")/.."
LOCKSTEP=${LOCKSTEP:-target/release/lockstep}
WORK=${WORK:-$(mktemp -d)}
BACKGROUNDS=${BACKGROUNDS:-standard many-rare few-rare dense-tags sparse-tags small-dump hyperactive operation forum forum-sites forum-general}
SEEDS=${SEEDS:-1 2}
WINDOWS=${WINDOWS:-1m 1h}
EXTRA=${EXTRA:-}
DAYS=${DAYS:-}
echo "| background | seed | window | posts | precision | recall | F1 | hard negatives flagged | recall per planted kind | detect time |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for background in $BACKGROUNDS; do
    for seed in $SEEDS; do
        data="$WORK/$background-$seed"
        # shellcheck disable=SC2086
        "$LOCKSTEP" synth --out "$data" --background "$background" --seed "$seed" ${DAYS:+--days $DAYS} >/dev/null
        for window in $WINDOWS; do
            out="$data/results-$window"
            start=$(date +%s.%N)
            # shellcheck disable=SC2086
            "$LOCKSTEP" detect "$data/posts.csv" --window "$window" --out "$out" --quiet $EXTRA
            end=$(date +%s.%N)
            "$LOCKSTEP" eval --truth "$data/truth.csv" "$out" --json >"$out/eval.json"
            python3 - "$out" "$background" "$seed" "$window" "$start" "$end" <<'PY'
import json, sys
out, background, seed, window, start, end = sys.argv[1:]
e = json.load(open(f"{out}/eval.json"))
run = json.load(open(f"{out}/run.json"))
hard = sum(k["flagged"] for k in e["hard_kinds"])
hard_share = f"{hard / e['hard_accounts']:.3f}" if e["hard_accounts"] else "-"
kinds = ", ".join(f"{k['kind'].removeprefix('cib:')} {k['fraction']:.2f}" for k in e["planted_kinds"])
print(f"| {background} | {seed} | {window} | {run['input']['posts']:,} | {e['precision']:.3f} | "
      f"{e['recall']:.3f} | {e['f1']:.3f} | {hard_share} | {kinds} | "
      f"{float(end) - float(start):.1f} s |")
PY
        done
    done
done
