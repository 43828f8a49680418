#!/usr/bin/env bash
# Starts fulfillsync under Xvfb (a real X server, not offscreen) on a fresh database with the
# demo sandbox, syncs once, and saves each tab into docs/screenshots/ (the app grabs its own
# window once the sync has finished). Usage: scripts/screenshot.sh [folder]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/docs/screenshots}
"$root/scripts/install-deps.sh" --test
"$root/scripts/build.sh" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work XDG_RUNTIME_DIR=$work/xdg
mkdir -p -m 700 "$XDG_RUNTIME_DIR"
xvfb-run -a -s "-screen 0 1280x800x24" \
  "$root/build/app/fulfillsync" --database "sqlite://$work/shot.db" --demo 120 --screenshot "$out"
echo "saved $out"
