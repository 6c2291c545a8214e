#!/bin/sh
# Seeds the corpus with every fixture once per format choice (the first byte picks the format).
set -eu
cd "$(dirname "$0")"
mkdir -p corpus/read_posts
for fixture in ../crates/ingest/tests/fixtures/*; do
    name=$(basename "$fixture")
    for choice in 0 1 2 3 4 5 6 7 8 9 10 11 12 13; do
        { printf "\\$(printf '%03o' "$choice")"; cat "$fixture"; } > "corpus/read_posts/$name.$choice"
    done
done
