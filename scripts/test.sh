#!/usr/bin/env bash
# Every test: GoogleTest (ctest), JS in Node against the built wasm, the type check,
# and the browser tests in Chromium. Run by `npm test` after setup and build.
set -euo pipefail
cd "$(dirname "$0")/.."

# House rule: only src/bindings knows Emscripten; the engine has no JSON transport.
if grep -rln 'emscripten' src/core src/io src/cli; then
  echo "error: the files above include Emscripten; only src/bindings may" >&2
  exit 1
fi
if grep -rln 'nlohmann' src/core | grep -v 'src/core/json_reader.cpp'; then
  echo "error: the files above use nlohmann outside the JSON table reader" >&2
  exit 1
fi

echo "== C++ (GoogleTest via ctest)"
ctest --test-dir build/native --output-on-failure -j"$(nproc 2>/dev/null || echo 2)"

echo "== C++ under AddressSanitizer and UndefinedBehaviorSanitizer"
cmake -S . -B build/sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCSM_SANITIZE=ON >/dev/null
cmake --build build/sanitize -j"$(nproc 2>/dev/null || echo 2)" --target csm_tests
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build/sanitize --output-on-failure -j"$(nproc 2>/dev/null || echo 2)"

echo "== Fuzzing (libFuzzer, clang-14, ASan + UBSan): ${CSM_FUZZ_SECONDS:-50} s per harness"
bash scripts/fuzz.sh "${CSM_FUZZ_SECONDS:-50}"

echo "== TypeScript declarations"
npx --no-install tsc -p tests/types/tsconfig.json

echo "== JavaScript (Node) and browser (Chromium)"
node --test --test-concurrency=1 tests/js/ tests/browser/
