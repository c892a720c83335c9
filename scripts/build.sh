#!/usr/bin/env bash
# Builds the native targets (library, tests, CLI, benchmarks) and the wasm module.
# Incremental: a second run rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/native -j"$jobs"

# Debian's em++ runs an optimizer that needs acorn from /usr/share/nodejs.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
if [ ! -f build/wasm/CMakeCache.txt ]; then
  emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release \
    -DCSM_WASM_OUT_DIR="$PWD/web/wasm" >/dev/null
fi
cmake --build build/wasm -j"$jobs"

# The package's entry: the JS API and the Emscripten glue in one minified ES module, so a
# page fetches one module before the .wasm instead of three requests in sequence (the
# engine's ready time in Chromium, bench/README.md); the worker imports it too. The sources
# stay in web/ for the demo, the CLI and the tests; the bundle sits beside csmetrics.js, so
# the wasm URL relative to it is the same.
npx --no-install esbuild web/csmetrics.js --bundle --minify --format=esm --target=es2022 \
  --sourcemap --outfile=web/csmetrics.min.js --log-level=warning
