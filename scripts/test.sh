#!/usr/bin/env bash
# Command 2: install what the tests need, build (warnings are errors), start a throwaway
# PostgreSQL, run the unit, engine, gui and integration tests under AddressSanitizer +
# UndefinedBehaviorSanitizer (build-asan/), then the whole suite with ctest (SQLite and
# PostgreSQL, loopback HTTP, offscreen GUI, the .deb). Ends with ctest's summary line.
#   scripts/test.sh --tsan   instead: the engine, gui and integration tests under
#                            ThreadSanitizer (build-tsan/); too slow for every run
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tsan=0
if [[ "${1:-}" == "--tsan" ]]; then
  tsan=1
  shift
fi
"$root/scripts/install-deps.sh" --test
if [[ $tsan -eq 1 ]]; then
  (cd "$root" && cmake --preset tsan >/dev/null && cmake --build --preset tsan)
else
  "$root/scripts/build.sh" -DFULFILLSYNC_WERROR=ON
  (cd "$root" && cmake --preset asan >/dev/null && cmake --build --preset asan)
fi

pgdir=$(mktemp -d /tmp/fulfillsync-pg.XXXXXX)
trap '"$root/scripts/postgres-test-server.sh" stop "$pgdir"' EXIT
port=$(( 20000 + RANDOM % 20000 ))
FULFILLSYNC_TEST_PG_URL=$("$root/scripts/postgres-test-server.sh" start "$pgdir" "$port")
export FULFILLSYNC_TEST_PG_URL

export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp/runtime-$(id -u)}
mkdir -p -m 700 "$XDG_RUNTIME_DIR"
unset QT_NO_GLIB
if [[ $tsan -eq 1 ]]; then
  echo "== engine, gui and integration tests under TSan"
  cd "$root"
  ctest --preset tsan "$@"
  exit 0
fi
echo "== unit, engine, gui and integration tests under ASan + UBSan"
(cd "$root" && ctest --preset asan)
echo "== the whole suite"
cd "$root/build"
# Two at a time, as the two cores allow: the long tests mostly wait (on workers, on HTTP).
ctest --output-on-failure --timeout 600 --parallel 2 "$@"
