#!/usr/bin/env bash
# Command 1: install what is missing, build, and start fulfillsync on its embedded default: the
# demo — generated orders served by the built-in sandbox, in a SQLite database of the demo's own
# (your real configuration is never touched). Arguments replace --demo: `scripts/run.sh
# --database URL` opens a real database.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
if [[ $# -eq 0 ]]; then
  set -- --demo
fi
exec "$root/build/app/fulfillsync" "$@"
