#!/usr/bin/env bash
# Runs a command with a real, unlocked Secret Service (gnome-keyring) on a private session bus,
# in a throwaway HOME, so keychain tests use the real thing and never touch the user's keyring.
set -euo pipefail
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME=$home XDG_RUNTIME_DIR=$home/xdg XDG_DATA_HOME=$home/data
mkdir -p -m 700 "$XDG_RUNTIME_DIR"
unset QT_NO_GLIB DISPLAY
exec dbus-run-session -- sh -c 'echo -n fulfillsync | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"' sh "$@"
