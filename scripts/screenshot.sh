#!/usr/bin/env bash
# Starts fulfillsync under Xvfb (a real X server, not offscreen) on a fresh database with the
# demo sandbox and a private unlocked keyring, syncs once, and saves every screen into
# docs/screenshots/ (the app's --screenshot tour). Usage: scripts/screenshot.sh [folder]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/docs/screenshots}
"$root/scripts/install-deps.sh" --test
"$root/scripts/build.sh" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
out=$(cd "$out" && pwd)
# The keyring wraps Xvfb: it clears DISPLAY, which xvfb-run then sets for the app.
"$root/scripts/with-keyring.sh" xvfb-run -a -s "-screen 0 1280x800x24" \
  "$root/build/app/fulfillsync" --demo --demo-orders 120 --database "sqlite://$work/shot.db" --screenshot "$out"
echo "saved $out"
