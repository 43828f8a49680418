#!/usr/bin/env bash
# Command 1: install what is missing, build, and start fulfillsync on its embedded default:
# SQLite in the user's data folder and demo data served by the built-in sandbox.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
exec "$root/build/app/fulfillsync" "$@"
