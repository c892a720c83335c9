#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Instructions of one load + report of the first 199,999 rows of the large set, natively
# (`csmetrics report` under callgrind) and in wasm (Node running web/ with every function
# compiled optimised up front, the difference between two rounds and one, so that start
# and compilation cancel out). Deterministic, unlike timings on a shared machine.
# With `answers`, the same customers' survey answers (from the full set) are loaded and
# reported too.
#   bash bench/instructions.sh [WEB_DIR] [answers]   (after `npm run bench` made the sets)
set -euo pipefail
cd "$(dirname "$0")/.."
web=$(realpath "${1:-web}")
dir=build/bench-data/first200k
if [ ! -f "$dir/subscriptions.csv" ]; then
  mkdir -p "$dir"
  head -n 200000 build/bench-data/large/subscriptions.csv > "$dir/subscriptions.csv"
fi
if [ "${2:-}" = answers ]; then
  subs=$dir/subscriptions.csv
  dir=build/bench-data/first200k-answers
  if [ ! -f "$dir/responses.csv" ]; then
    mkdir -p "$dir"
    cp "$subs" "$dir/subscriptions.csv"
    # Customer ids are zero-padded and in order, so the first rows' customers are those up
    # to the last one's id.
    last=$(tail -n 1 "$subs" | cut -d, -f1)
    awk -F, -v last="$last" 'NR == 1 || $1 <= last' build/bench-data/full/responses.csv > "$dir/responses.csv"
  fi
fi
refs() { grep 'refs:' | sed 's/.*refs: *//; s/,//g'; }
native=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null build/native/csmetrics report "$dir" 2>&1 >/dev/null | refs)
rounds() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null node --no-liftoff --no-wasm-lazy-compilation \
    --single-threaded bench/instructions.mjs "$web" "$dir" "$1" 2>&1 | refs
}
one=$(rounds 1)
two=$(rounds 2)
echo "native report: $((native / 1000000)) M instructions"
echo "wasm load + report: $(((two - one) / 1000000)) M instructions per round"
