#!/usr/bin/env bash
# Configures and builds into build/ (Ninja, RelWithDebInfo). Fast when nothing changed.
# Extra arguments are cache settings for the configure step, e.g. -DFULFILLSYNC_WERROR=ON.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [[ ! -f "$root/build/build.ninja" || $# -gt 0 ]]; then
  cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
fi
cmake --build "$root/build" -j"$(nproc)"
