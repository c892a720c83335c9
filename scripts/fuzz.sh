#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang-14 (ASan + UBSan), replays every kept
# regression input, then fuzzes each harness for SECONDS (default 50) from its seed
# corpus. Any crash, hang (over 10 s on one input) or sanitizer report fails the run;
# the input that did it is left in build/fuzz/findings/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-50}
jobs=$(nproc 2>/dev/null || echo 2)
# Configured every time (cheap): a harness added since the last run must have its target.
CC=clang-14 CXX=clang++-14 cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCSM_FUZZ=ON >/dev/null
harnesses=(csv_reader loader json_loader header parsers models)
cmake --build build/fuzz -j"$jobs" --target "${harnesses[@]/#/fuzz_}"
mkdir -p build/fuzz/findings
for h in "${harnesses[@]}"; do
  regressions=(tests/fuzz/regressions/"$h"/*)
  if [ -e "${regressions[0]}" ]; then
    echo "== fuzz_$h: replaying ${#regressions[@]} regression inputs"
    build/fuzz/fuzz_"$h" -timeout=10 "${regressions[@]}" >/dev/null 2>build/fuzz/findings/"$h".log ||
      { tail -40 build/fuzz/findings/"$h".log; exit 1; }
  fi
  work=build/fuzz/corpus/"$h"
  mkdir -p "$work"
  cp -n tests/fuzz/corpus/"$h"/* "$work"/ 2>/dev/null || true
  echo "== fuzz_$h: ${seconds} s"
  if ! build/fuzz/fuzz_"$h" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix=build/fuzz/findings/"$h"- "$work" >build/fuzz/findings/"$h".log 2>&1; then
    tail -60 build/fuzz/findings/"$h".log
    echo "fuzz_$h failed; the input is in build/fuzz/findings/" >&2
    exit 1
  fi
  grep -E '^stat::number_of_executed_runs|^#[0-9]+.*DONE' build/fuzz/findings/"$h".log | tail -2 || true
done
