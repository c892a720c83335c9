#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Instructions of one load + report of the first 199,999 rows of the large set, natively
# (`csmetrics report` under callgrind) and in wasm (Node running web/ with every function
# compiled optimised up front, the difference between two rounds and one, so that start
# and compilation cancel out). Deterministic, unlike timings on a shared machine.
#   bash bench/instructions.sh [WEB_DIR]     (after `npm run bench` made the large set)
set -euo pipefail
cd "$(dirname "$0")/.."
web=$(realpath "${1:-web}")
dir=build/bench-data/first200k
if [ ! -f "$dir/subscriptions.csv" ]; then
  mkdir -p "$dir"
  head -n 200000 build/bench-data/large/subscriptions.csv > "$dir/subscriptions.csv"
fi
refs() { grep 'refs:' | sed 's/.*refs: *//; s/,//g'; }
native=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null build/native/csmetrics report "$dir" 2>&1 >/dev/null | refs)
rounds() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null node --no-liftoff --no-wasm-lazy-compilation \
    --single-threaded bench/instructions.mjs "$web" "$dir/subscriptions.csv" "$1" 2>&1 | refs
}
one=$(rounds 1)
two=$(rounds 2)
echo "native report: $((native / 1000000)) M instructions"
echo "wasm load + report: $(((two - one) / 1000000)) M instructions per round"
