#!/usr/bin/env bash
# Command 2: install what the tests need, build, start a throwaway PostgreSQL, and run the whole
# suite with ctest (SQLite and PostgreSQL, loopback HTTP, offscreen GUI). Ends with ctest's
# summary line.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh" --test
"$root/scripts/build.sh"

pgdir=$(mktemp -d /tmp/fulfillsync-pg.XXXXXX)
trap '"$root/scripts/postgres-test-server.sh" stop "$pgdir"' EXIT
port=$(( 20000 + RANDOM % 20000 ))
FULFILLSYNC_TEST_PG_URL=$("$root/scripts/postgres-test-server.sh" start "$pgdir" "$port")
export FULFILLSYNC_TEST_PG_URL

export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp/runtime-$(id -u)}
mkdir -p -m 700 "$XDG_RUNTIME_DIR"
unset QT_NO_GLIB
cd "$root/build"
ctest --output-on-failure --timeout 600 "$@"
