#!/usr/bin/env bash
# Criterion micro-benchmarks of the hot kernels (crates/*/benches/*.rs), run one after the
# other with each benchmark's own settings. Prints the workloads and each benchmark's summary
# (time and throughput, as [low estimate, estimate, high estimate]); criterion's full output
# goes to target/criterion-micro.log and its reports to target/criterion/.
#
#   bench/micro.sh                     # every benchmark, full settings (several minutes)
#   bench/micro.sh --warm-up-time 1 --measurement-time 2 --sample-size 10    # a quick look
#   bench/micro.sh sweep               # only benchmarks whose id contains "sweep"
#
# Arguments go to every benchmark: criterion's options and an optional name filter.
set -euo pipefail
cd "$(dirname "$0")/.."
benches=(
    "lockstep-ingest ingest"
    "lockstep-traces traces"
    "lockstep-neardup neardup"
    "lockstep-coaction coaction"
    "lockstep-stats stats"
)
log=target/criterion-micro.log
mkdir -p target
: >"$log"
for entry in "${benches[@]}"; do
    read -r package bench <<<"$entry"
    echo "== cargo bench -p $package --bench $bench"
    # Criterion puts long ids on a line of their own, before the time; the comparison with
    # the previous run ("change:") is left out.
    cargo bench -p "$package" --bench "$bench" -- "$@" 2>&1 | tee -a "$log" | awk '
        /^ +change:/ { change = 1; next }
        /^[^ ]/ { change = 0 }
        /^workload:/ { print; next }
        /^[^ ].* time: / { print; next }
        /^ +time: / && !change { print name; print; next }
        /^ +thrpt: / && !change { print; next }
        /^[^ ]/ { name = $0 }
    '
done
