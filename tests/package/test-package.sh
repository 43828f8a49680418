#!/usr/bin/env bash
# Builds the .deb with cpack, checks what it holds, validates its AppStream and desktop files,
# unpacks it into a scratch root and runs what it installed: fulfillsync-worker --help, and the
# systemd unit's own ExecStart line (with its %d credentials directory and state directory
# pointed into the scratch root) until SIGTERM ends it cleanly.
# Usage: test-package.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
work=$(mktemp -d)
daemon_pid=
cleanup() {
  [[ -n $daemon_pid ]] && kill "$daemon_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) ||
  { cat "$work/cpack.log"; fail "cpack could not build the package"; }
deb=$(ls "$work"/out/fulfillsync_*.deb)
echo "built $(basename "$deb") ($(du -h "$deb" | cut -f1))"

contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for path in ./usr/bin/fulfillsync ./usr/bin/fulfillsync-worker ./usr/bin/fulfillsync-sandbox \
  ./usr/share/applications/io.github.fulfillsync.fulfillsync.desktop \
  ./usr/share/metainfo/io.github.fulfillsync.fulfillsync.metainfo.xml \
  ./usr/share/icons/hicolor/scalable/apps/io.github.fulfillsync.fulfillsync.svg \
  ./usr/share/man/man1/fulfillsync-worker.1.gz \
  ./usr/lib/systemd/system/fulfillsync-worker.service \
  ./usr/share/doc/fulfillsync/README.md ./usr/share/doc/fulfillsync/copyright; do
  grep -qxF "$path" <<<"$contents" || fail "the package lacks $path"
done
depends=$(dpkg-deb -f "$deb" Depends)
for dep in libqt6core6 libqt6sql6-sqlite libqt6sql6-psql qt6-qpa-plugins; do
  grep -q "$dep" <<<"$depends" || fail "Depends does not name $dep: $depends"
done
echo "depends: $depends"

root=$work/root
dpkg-deb -x "$deb" "$root"
appstreamcli validate --no-net --pedantic \
  "$root/usr/share/metainfo/io.github.fulfillsync.fulfillsync.metainfo.xml" ||
  fail "appstreamcli rejects the metainfo file"
desktop-file-validate "$root/usr/share/applications/io.github.fulfillsync.fulfillsync.desktop" ||
  fail "desktop-file-validate rejects the .desktop file"
zcat "$root/usr/share/man/man1/fulfillsync-worker.1.gz" | grep -q '^\.TH FULFILLSYNC-WORKER 1' ||
  fail "the man page has no title line"
man_text=$(zcat "$root/usr/share/man/man1/fulfillsync-worker.1.gz")

help=$("$root/usr/bin/fulfillsync-worker" --help) || fail "fulfillsync-worker --help failed"
grep -q "sync --once | --daemon" <<<"$help" || fail "--help does not list sync"
# Every command --help names is in the man page.
commands=$(sed -n '/^Commands:/,/^$/s/^  \([a-z-]*\) .*/\1/p' <<<"$help" | sort -u | tr '\n' ' ')
[[ -n $commands ]] || fail "--help names no commands"
for c in $commands; do
  grep -qF "fB$c" <<<"$man_text" || fail "the man page does not describe '$c'"
done
echo "worker --help and man page agree on: $commands"
QT_QPA_PLATFORM=offscreen "$root/usr/bin/fulfillsync" --help | grep -q -- "--demo" ||
  fail "the installed app does not start"

# The unit's command, as systemd would run it, paths moved into the scratch root.
unit=$root/usr/lib/systemd/system/fulfillsync-worker.service
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
grep -q '^DynamicUser=yes' "$unit" || fail "the unit does not run as its own user"
grep -q '^StateDirectory=fulfillsync' "$unit" || fail "the unit has no state directory"
mkdir -p "$work/credentials" "$root/var/lib/fulfillsync"
printf '{"netsuite":{"consumerKey":"k","consumerSecret":"s","tokenId":"t","tokenSecret":"u"}}' \
  >"$work/credentials/credentials.json"
chmod 400 "$work/credentials/credentials.json"
command=${exec_start//%d/$work/credentials}
command=${command//\/usr\/bin\//$root/usr/bin/}
command=${command//\/var\/lib\/fulfillsync/$root/var/lib/fulfillsync}
echo "unit command: $command"
# shellcheck disable=SC2086 # the unit's line is split into words as systemd splits it
$command >"$work/daemon.out" 2>&1 &
daemon_pid=$!
for _ in $(seq 100); do
  grep -q "Running" "$work/daemon.out" && break
  kill -0 "$daemon_pid" 2>/dev/null || { cat "$work/daemon.out"; fail "the daemon exited early"; }
  sleep 0.1
done
grep -q "Running 0 connector" "$work/daemon.out" || { cat "$work/daemon.out"; fail "no daemon start"; }
[[ -f $root/var/lib/fulfillsync/fulfillsync.db ]] || fail "no database in the state directory"
kill -TERM "$daemon_pid"
status=0
wait "$daemon_pid" || status=$?
daemon_pid=
[[ $status -eq 0 ]] || { cat "$work/daemon.out"; fail "SIGTERM ended the daemon with $status"; }
echo "the unit's command started the daemon on the state directory and stopped cleanly on SIGTERM"
echo "PASS"
