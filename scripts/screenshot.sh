#!/usr/bin/env bash
# Starts fulfillsync under Xvfb on a fresh database with the demo sandbox, syncs once, and saves
# the window to docs/screenshots/main-window.png (the app grabs its own window when the sync
# has finished). Usage: scripts/screenshot.sh [output.png]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/docs/screenshots/main-window.png}
"$root/scripts/install-deps.sh" --test
"$root/scripts/build.sh" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work XDG_RUNTIME_DIR=$work/xdg
mkdir -p -m 700 "$XDG_RUNTIME_DIR"
xvfb-run -a -s "-screen 0 1280x800x24" \
  "$root/build/app/fulfillsync" --database "sqlite://$work/shot.db" --demo 120 --screenshot "$out"
echo "saved $out"
