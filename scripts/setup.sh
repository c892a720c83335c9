#!/usr/bin/env bash
# Installs what csmetrics needs and this machine lacks: Debian packages with apt-get,
# npm packages from package-lock.json. A second run finds everything and installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v g++ >/dev/null || need+=(g++)
command -v cmake >/dev/null || need+=(cmake)
[ -f /usr/include/gtest/gtest.h ] || need+=(libgtest-dev)
[ -f /usr/include/nlohmann/json.hpp ] || need+=(nlohmann-json3-dev)
command -v em++ >/dev/null || need+=(emscripten)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v clang++-14 >/dev/null || need+=(clang-14)
# Japanese and Chinese glyphs for the browser tests' screenshots of the ja/zh dashboard.
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need+=(fonts-noto-cjk)
compgen -G '/usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a' >/dev/null || need+=(libclang-rt-14-dev)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      apt=(sudo DEBIAN_FRONTEND=noninteractive apt-get)
    else
      echo "csmetrics setup: these Debian packages are missing: ${need[*]}" >&2
      echo "Install them as root, then run this again:" >&2
      echo "  apt-get update && apt-get install -y ${need[*]}" >&2
      exit 1
    fi
  else
    apt=(env DEBIAN_FRONTEND=noninteractive apt-get)
  fi
  echo "csmetrics setup: installing ${need[*]} (apt-get)" >&2
  "${apt[@]}" update -qq
  "${apt[@]}" install -y -qq "${need[@]}" >/dev/null
fi

# npm packages only when node_modules is missing or older than the lock file. Not `npm ci`:
# npm 11 writes a lock without the other platforms' optional packages (rollup's and
# esbuild's binaries for macOS, Windows, ...) and `npm ci` then refuses it as out of sync;
# `npm install --no-save` installs exactly the locked versions and leaves the lock alone.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "csmetrics setup: installing npm packages from package-lock.json" >&2
  npm install --no-save --no-audit --no-fund --loglevel=error
fi
