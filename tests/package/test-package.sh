#!/usr/bin/env bash
# Builds the two .debs with cpack (fulfillsync, and fulfillsync-sandbox, the test server kept off
# production machines) and checks them as Debian would:
#  - what each holds, and that lintian finds no error and no warning in either;
#  - the changelog's version is the package's; every program in /usr/bin has its manual page;
#  - the maintainer scripts reload, start, restart and stop the unit exactly as
#    `dh_installsystemd --no-enable` would, run against recording stand-ins of systemctl and
#    deb-systemd-helper/-invoke;
#  - `systemd-analyze security --offline` scores the unit at most 3.0;
#  - unpacked into a scratch root: the AppStream and desktop files validate, the programs start,
#    the app's demo runs from the fulfillsync package alone (its sandbox is built in), and the
#    unit's own ExecStart line (with its %d credentials directory and state directory
#    pointed into the scratch root) syncs a connector against the packaged sandbox until SIGTERM
#    ends it cleanly, under strace and the unit's RestrictAddressFamilies= (a seccomp filter of
#    our own, restrict-families.c): every system call it makes is in the unit's
#    SystemCallFilter=, none needs MemoryDenyWriteExecute= lifted;
#  - the README's PostgreSQL example for the service (a pgpass credential read through
#    PGPASSFILE) opens a password-protected PostgreSQL as a user without a home directory, and
#    the same without PGPASSFILE is refused.
# Usage: test-package.sh BUILD_DIR
set -euo pipefail
export LC_ALL=C.UTF-8 # one collation for sort and comm
build=$(cd "$1" && pwd)
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
chmod 755 "$work" # the worker runs as another user below, from the scratch root
daemon_pid=
strace_pid=
sandbox_pid=
pgdir=
as_pg=()
# The service's stand-in: as root, an unnamed user of systemd's dynamic range, as DynamicUser=
# runs it (and SQLite, say, behaves differently for root); else ourselves.
service_uid=61184
run_as=()
[[ $(id -u) -eq 0 ]] && run_as=(setpriv --reuid="$service_uid" --regid="$service_uid" --clear-groups)
service_env=(env -i HOME=/ PATH=/usr/bin:/bin LANG=C.UTF-8) # systemd's: no home of its own
cleanup() {
  [[ -n $daemon_pid ]] && kill "$daemon_pid" 2>/dev/null || true
  [[ -n $strace_pid ]] && kill "$strace_pid" 2>/dev/null || true
  [[ -n $sandbox_pid ]] && kill "$sandbox_pid" 2>/dev/null || true
  if [[ -n $pgdir && -d $pgdir/data ]]; then
    "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  [[ -n $pgdir ]] && rm -rf "$pgdir"
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) ||
  { cat "$work/cpack.log"; fail "cpack could not build the packages"; }
deb=$(ls "$work"/out/fulfillsync_*.deb)
sandbox_deb=$(ls "$work"/out/fulfillsync-sandbox_*.deb)
echo "built $(basename "$deb") ($(du -h "$deb" | cut -f1)), $(basename "$sandbox_deb")"

# --- what each package holds ------------------------------------------------------------------
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for path in ./usr/bin/fulfillsync ./usr/bin/fulfillsync-worker \
  ./usr/share/applications/io.github.fulfillsync.fulfillsync.desktop \
  ./usr/share/metainfo/io.github.fulfillsync.fulfillsync.metainfo.xml \
  ./usr/share/icons/hicolor/scalable/apps/io.github.fulfillsync.fulfillsync.svg \
  ./usr/share/man/man1/fulfillsync.1.gz ./usr/share/man/man1/fulfillsync-worker.1.gz \
  ./usr/lib/systemd/system/fulfillsync-worker.service \
  ./usr/share/doc/fulfillsync/README.md ./usr/share/doc/fulfillsync/copyright \
  ./usr/share/doc/fulfillsync/changelog.gz; do
  grep -qxF "$path" <<<"$contents" || fail "the package lacks $path"
done
# The sandbox is a test server: never on a production machine with the app and the daemon.
if grep -q 'fulfillsync-sandbox' <<<"$contents"; then
  fail "the fulfillsync package holds the sandbox: $(grep 'fulfillsync-sandbox' <<<"$contents")"
fi
sandbox_contents=$(dpkg-deb -c "$sandbox_deb" | awk '{print $6}')
for path in ./usr/bin/fulfillsync-sandbox ./usr/share/man/man1/fulfillsync-sandbox.1.gz \
  ./usr/share/doc/fulfillsync-sandbox/copyright ./usr/share/doc/fulfillsync-sandbox/changelog.gz; do
  grep -qxF "$path" <<<"$sandbox_contents" || fail "fulfillsync-sandbox lacks $path"
done
depends=$(dpkg-deb -f "$deb" Depends)
for dep in libqt6core6 libqt6sql6-sqlite libqt6sql6-psql qt6-qpa-plugins; do
  grep -q "$dep" <<<"$depends" || fail "Depends does not name $dep: $depends"
done
echo "depends: $depends"

# --- lintian: no error, no warning (informational tags are printed, not failed) ----------------
lintian_out=$work/lintian.txt
lintian_status=0
lintian --fail-on error,warning --display-level '>=info' "$deb" "$sandbox_deb" \
  >"$lintian_out" 2>&1 || lintian_status=$?
cat "$lintian_out"
[[ $lintian_status -eq 0 ]] || fail "lintian finds errors or warnings (exit $lintian_status)"
echo "lintian: no errors or warnings in either package"

root=$work/root
dpkg-deb -x "$deb" "$root"
dpkg-deb -x "$sandbox_deb" "$root"

# --- changelog and manual pages --------------------------------------------------------------
version=$(dpkg-deb -f "$deb" Version)
for pkg in fulfillsync fulfillsync-sandbox; do
  changelog_version=$(zcat "$root/usr/share/doc/$pkg/changelog.gz" |
    dpkg-parsechangelog -l - -S Version)
  [[ $changelog_version == "$version" ]] ||
    fail "$pkg's changelog is at $changelog_version, the package at $version"
done
for program in "$root"/usr/bin/*; do
  name=$(basename "$program")
  page=$root/usr/share/man/man1/$name.1.gz
  [[ -f $page ]] || fail "$name has no manual page"
  upper=${name^^}
  zcat "$page" | grep -q "^\.TH $upper 1" || fail "the man page of $name has no title line"
done
echo "changelog at $version; every program has its manual page"

# --- maintainer scripts: what dh_installsystemd --no-enable generates ---------------------------
# systemctl and deb-systemd-helper/-invoke are replaced by stand-ins that record their arguments;
# /run/systemd/system (systemd is running) is pointed at a scratch directory that exists.
control=$work/control
dpkg-deb -e "$deb" "$control"
stubs=$work/stubs
mkdir -p "$stubs" "$work/systemd-running"
for tool in systemctl deb-systemd-helper deb-systemd-invoke; do
  # `debian-installed` answers "no": the admin never enabled the unit.
  printf '#!/bin/sh\necho "%s $*" >>"%s"\n[ "$1" != debian-installed ]\n' \
    "$tool" "$work/calls" >"$stubs/$tool"
  chmod +x "$stubs/$tool"
done
run_script() { # SCRIPT ARGS... → the calls it made, one a line
  rm -f "$work/calls"
  sed "s|/run/systemd/system|$work/systemd-running|g; s|/usr/bin/deb-systemd-helper|$stubs/deb-systemd-helper|g" \
    "$control/$1" >"$work/script"
  PATH=$stubs:$PATH sh "$work/script" "${@:2}" || fail "$* exited with $?"
  [[ -f $work/calls ]] && cat "$work/calls" || true
}
expect_calls() { # WHAT EXPECTED ACTUAL
  [[ $3 == "$2" ]] || fail "$1: expected calls
$2
got
$3"
}
unit_name=fulfillsync-worker.service
for s in postinst prerm postrm; do
  [[ -x $control/$s ]] || fail "the package has no executable $s"
done
expect_calls "postinst configure (first install)" "deb-systemd-helper debian-installed $unit_name
deb-systemd-helper update-state $unit_name
systemctl --system daemon-reload
deb-systemd-invoke start $unit_name" "$(run_script postinst configure)"
expect_calls "postinst configure (upgrade)" "deb-systemd-helper debian-installed $unit_name
deb-systemd-helper update-state $unit_name
systemctl --system daemon-reload
deb-systemd-invoke restart $unit_name" "$(run_script postinst configure 0.0.9)"
expect_calls "prerm remove" "deb-systemd-invoke stop $unit_name" "$(run_script prerm remove)"
expect_calls "prerm upgrade (restarted by the new postinst)" "" "$(run_script prerm upgrade 0.1.1)"
expect_calls "postrm remove" "systemctl --system daemon-reload" "$(run_script postrm remove)"
expect_calls "postrm purge" "deb-systemd-helper purge $unit_name" "$(run_script postrm purge)"
# Without systemd (a chroot, a container) nothing is reloaded, started or stopped.
rmdir "$work/systemd-running"
expect_calls "postinst configure without systemd" "deb-systemd-helper debian-installed $unit_name
deb-systemd-helper update-state $unit_name" "$(run_script postinst configure)"
expect_calls "prerm remove without systemd" "" "$(run_script prerm remove)"
echo "maintainer scripts: reload on install/upgrade/remove, start only an enabled unit," \
  "restart on upgrade, stop on remove, purge its state"

# --- the unit's hardening ----------------------------------------------------------------------
unit=$root/usr/lib/systemd/system/$unit_name
security=$(systemd-analyze security --offline=yes --root="$root" "$unit" 2>&1) ||
  { echo "$security"; fail "systemd-analyze security cannot read the unit"; }
score=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\) .*/\1/p' <<<"$security")
[[ -n $score ]] || { echo "$security"; fail "no exposure score"; }
awk -v s="$score" 'BEGIN { exit !(s <= 3.0) }' ||
  { echo "$security"; fail "the unit's exposure is $score, above 3.0"; }
# A misspelt or misplaced directive is ignored with a message, its protection silently gone.
if grep -Ei 'unknown|ignoring|invalid|failed' <<<"$security"; then
  fail "systemd ignores part of the unit"
fi
grep -q '^UMask=0077$' "$unit" || fail "the unit lets its files (the database) be read by others"
echo "systemd-analyze security: exposure $score"

# --- metadata and the installed programs -------------------------------------------------------
appstreamcli validate --no-net --pedantic \
  "$root/usr/share/metainfo/io.github.fulfillsync.fulfillsync.metainfo.xml" ||
  fail "appstreamcli rejects the metainfo file"
desktop-file-validate "$root/usr/share/applications/io.github.fulfillsync.fulfillsync.desktop" ||
  fail "desktop-file-validate rejects the .desktop file"
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
app_help=$(QT_QPA_PLATFORM=offscreen "$root/usr/bin/fulfillsync" --help) ||
  fail "the installed app does not start"
app_man=$(zcat "$root/usr/share/man/man1/fulfillsync.1.gz")
for option in $(grep -o -- '--[a-z][a-z-]*' <<<"$app_help" | sort -u); do
  grep -qF -- "${option//-/\\-}" <<<"$app_man" || fail "fulfillsync(1) does not describe $option"
done
echo "fulfillsync --help and its man page agree"

# The app's demo serves its orders from a sandbox built into the program, not from the
# fulfillsync-sandbox package: from the main package alone it syncs and shows every screen.
main_only=$work/main-only
dpkg-deb -x "$deb" "$main_only"
demo_home=$work/demo-home
mkdir -p "$demo_home/runtime" "$work/shots"
chmod 700 "$demo_home/runtime"
env HOME="$demo_home" XDG_CONFIG_HOME="$demo_home/config" XDG_DATA_HOME="$demo_home/data" \
  XDG_CACHE_HOME="$demo_home/cache" XDG_RUNTIME_DIR="$demo_home/runtime" \
  QT_QPA_PLATFORM=offscreen timeout 300 "$main_only/usr/bin/fulfillsync" --demo \
  --demo-orders 20 --screenshot "$work/shots" >"$work/demo.out" 2>&1 ||
  { cat "$work/demo.out"; fail "the installed app's demo did not run"; }
[[ -s $work/shots/dashboard.png && -s $work/shots/sync-history.png ]] ||
  { cat "$work/demo.out"; ls "$work/shots"; fail "the installed app's demo showed no synced screens"; }
echo "the app's demo ran from the fulfillsync package alone: $(ls "$work/shots" | wc -l) screens"

# --- the unit's command, as systemd would run it, against the packaged sandbox ----------------
"$root/usr/bin/fulfillsync-sandbox" --scenario "$source_dir/sandbox/scenarios/basic.json" \
  --port 0 >"$work/sandbox.out" 2>&1 &
sandbox_pid=$!
for _ in $(seq 100); do
  grep -q "listening on" "$work/sandbox.out" && break
  kill -0 "$sandbox_pid" 2>/dev/null || { cat "$work/sandbox.out"; fail "the sandbox did not start"; }
  sleep 0.1
done
sandbox_url=$(sed -n 's/^fulfillsync-sandbox listening on \(http[^ ]*\)$/\1/p' "$work/sandbox.out")
[[ -n $sandbox_url ]] || { cat "$work/sandbox.out"; fail "the sandbox names no URL"; }
# By name, as NetSuite and the channels are reached: the resolver's calls are in the trace too.
sandbox_url=${sandbox_url/\/\/127.0.0.1:/\/\/localhost:}

exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
grep -q '^DynamicUser=yes' "$unit" || fail "the unit does not run as its own user"
grep -q '^StateDirectory=fulfillsync' "$unit" || fail "the unit has no state directory"
mkdir -p "$work/credentials" "$root/var/lib/fulfillsync"
"$root/usr/bin/fulfillsync-worker" --database "sqlite://$root/var/lib/fulfillsync/fulfillsync.db" \
  --credentials "$work/credentials/credentials.json" \
  --scenario "$source_dir/sandbox/scenarios/basic.json" setup-sandbox "$sandbox_url" ||
  fail "setup-sandbox could not configure the packaged sandbox"
chmod 400 "$work/credentials/credentials.json"
chmod 500 "$work/credentials"
mkdir -p "$work/strace"
if [[ ${#run_as[@]} -gt 0 ]]; then # as systemd hands them to the service's user
  chown -R "$service_uid:$service_uid" "$work/credentials" "$root/var/lib/fulfillsync" "$work/strace"
fi
# shellcheck disable=SC2207 # KEY=VALUE words, as the unit writes them (no quoting)
unit_env=($(sed -n 's/^Environment=//p' "$unit"))
command=${exec_start//%d/$work/credentials}
command=${command//\/usr\/bin\//$root/usr/bin/}
command=${command//\/var\/lib\/fulfillsync/$root/var/lib/fulfillsync}
echo "unit command: ${unit_env[*]} $command"
# The unit's RestrictAddressFamilies= applied as systemd applies it (socket() refused with
# EAFNOSUPPORT), by a seccomp filter of our own: no service manager runs here.
allowed_families=$(sed -n 's/^RestrictAddressFamilies=//p' "$unit")
[[ -n $allowed_families ]] || fail "the unit has no RestrictAddressFamilies="
cc -std=c11 -O2 -Wall -Wextra -Werror -o "$work/restrict-families" \
  "$source_dir/tests/package/restrict-families.c" || fail "cannot build restrict-families"
# shellcheck disable=SC2086 # the unit's lines are split into words as systemd splits them
"${service_env[@]}" "${unit_env[@]}" "${run_as[@]}" "$work/restrict-families" $allowed_families -- \
  strace -f -qq -o "$work/strace/trace" $command >"$work/daemon.out" 2>&1 &
strace_pid=$!
for _ in $(seq 300); do
  # The traced daemon's pid: the first line of the trace is its execve.
  [[ -n $daemon_pid || ! -s $work/strace/trace ]] ||
    daemon_pid=$(sed -n '1s/^\([0-9]\+\) .*/\1/p' "$work/strace/trace")
  grep -q "channel requests in" "$work/daemon.out" && break
  kill -0 "$strace_pid" 2>/dev/null || { cat "$work/daemon.out"; fail "the daemon exited early"; }
  sleep 0.1
done
grep -q "Running 1 connector" "$work/daemon.out" || { cat "$work/daemon.out"; fail "no daemon start"; }
grep -q "channel requests in" "$work/daemon.out" ||
  { cat "$work/daemon.out"; fail "the daemon's first pass did not finish"; }
[[ -f $root/var/lib/fulfillsync/fulfillsync.db ]] || fail "no database in the state directory"
status=0
if ! kill -TERM "$daemon_pid" 2>/dev/null; then
  wait "$strace_pid" || status=$?
  cat "$work/daemon.out"
  fail "the daemon (pid $daemon_pid) ended by itself with $status before SIGTERM"
fi
wait "$strace_pid" || status=$?
daemon_pid=
strace_pid=
[[ $status -eq 0 ]] || { cat "$work/daemon.out"; fail "SIGTERM ended the daemon with $status"; }
cat "$work/daemon.out"
echo "the unit's command synced against the sandbox and stopped cleanly on SIGTERM"

# What the unit's filters allow, expanded by systemd itself: the SystemCallFilter= lines in order
# (an allow list, then ~ lines taking groups out), and the RestrictAddressFamilies= list.
expand_group() { # @group or name → the system call names, nested groups expanded
  if [[ $1 == @* ]]; then
    systemd-analyze syscall-filter --no-pager "$1" | sed -n 's/^    \([@a-z0-9_-]*\)$/\1/p' |
      while read -r member; do expand_group "$member"; done
  else
    echo "$1"
  fi
}
allowed=$work/allowed
: >"$allowed"
while read -r line; do
  if [[ $line == '~'* ]]; then
    for group in ${line#\~}; do expand_group "$group"; done | sort -u >"$work/denied"
    comm -23 "$allowed" "$work/denied" >"$work/allowed.new" && mv "$work/allowed.new" "$allowed"
  else
    for group in $line; do expand_group "$group"; done | cat - "$allowed" | sort -u >"$work/allowed.new"
    mv "$work/allowed.new" "$allowed"
  fi
done < <(sed -n 's/^SystemCallFilter=//p' "$unit")
[[ -s $allowed ]] || fail "the unit has no SystemCallFilter="
used=$(sed -n 's/^[0-9]\+ \+\([a-z0-9_]\+\)(.*/\1/p' "$work/strace/trace" | sort -u)
refused=$(comm -23 <(echo "$used") "$allowed" | grep -vx 'execve' || true) # execve: strace's own start
[[ -z $refused ]] ||
  fail "the unit's SystemCallFilter= would refuse what the daemon calls: $(tr '\n' ' ' <<<"$refused")"
# Families outside the unit's list were refused, and the pass above synced all the same (glibc's
# getaddrinfo asks netlink which address families are configured; refused, it assumes both).
families=$(grep -o 'socket\(pair\)\?(AF_[A-Z0-9]*' "$work/strace/trace" | sed 's/.*(//' | sort -u)
refused_families=
for family in $families; do
  grep -qw "$family" <<<"$allowed_families" && continue
  if grep -E "socket(pair)?\($family," "$work/strace/trace" | grep -qv 'EAFNOSUPPORT'; then
    fail "a $family socket was not refused: the restriction was not in effect"
  fi
  refused_families+="${refused_families:+ }$family"
done
# MemoryDenyWriteExecute= refuses memory both writable and executable, and making memory executable.
if grep -q '^MemoryDenyWriteExecute=yes' "$unit"; then
  wx=$(grep -E '^[0-9]+ +(mmap|mprotect|pkey_mprotect)\(.*PROT_EXEC' "$work/strace/trace" |
    grep -E 'PROT_WRITE|mprotect' || true)
  [[ -z $wx ]] || fail "the unit's MemoryDenyWriteExecute= would refuse: $wx"
fi
echo "the daemon used $(wc -l <<<"$used") system calls, all in the unit's SystemCallFilter=," \
  "and synced with only $allowed_families sockets (refused: ${refused_families:-none})"

# --- the README's PostgreSQL password for the service ----------------------------------------
# The drop-in the README gives for PostgreSQL, and its pgpass line, run as the service would:
# a user without a home directory (HOME=/, as for a DynamicUser), the credential a private 0400
# copy owned by that user.
readme_dropin=$(awk '/^sudo systemctl edit fulfillsync-worker/ { edit = 1 }
  edit && /^```ini$/ { block = 1; next } block && /^```$/ { exit } block' "$source_dir/README.md")
[[ -n $readme_dropin ]] || fail "the README gives no drop-in for PostgreSQL"
grep -qx 'LoadCredential=pgpass:/etc/fulfillsync/pgpass' <<<"$readme_dropin" ||
  fail "the README's drop-in does not load the pgpass credential"
pgpassfile=$(sed -n 's/^Environment=PGPASSFILE=//p' <<<"$readme_dropin")
[[ -n $pgpassfile ]] || fail "the README's drop-in sets no PGPASSFILE"
pg_exec_start=$(sed -n 's/^ExecStart=\(.\+\)$/\1/p' <<<"$readme_dropin")
[[ -n $pg_exec_start ]] || fail "the README's drop-in sets no ExecStart"
pgpass_line=$(grep -o 'db\.example\.com:5432:[^ ]*:PASSWORD' "$source_dir/README.md" | head -n1)
[[ -n $pgpass_line ]] || fail "the README shows no pgpass line"

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[[ -x $pgbin/initdb ]] || fail "PostgreSQL server binaries not found (scripts/install-deps.sh --test)"
pgdir=$(mktemp -d /tmp/fulfillsync-pkg-pg.XXXXXX)
chmod 755 "$pgdir"
if [[ $(id -u) -eq 0 ]]; then
  as_pg=(runuser -u postgres --)
  chown postgres: "$pgdir"
fi
password="pkg-$RANDOM-$RANDOM"
echo "$password" >"$pgdir/pw"
"${as_pg[@]}" "$pgbin/initdb" -D "$pgdir/data" -U postgres --pwfile="$pgdir/pw" \
  -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$pgdir/initdb.log" 2>&1 ||
  { cat "$pgdir/initdb.log"; fail "initdb failed"; }
pg_port=$((20000 + RANDOM % 20000))
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w \
  -o "-p $pg_port -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null ||
  { cat "$pgdir/server.log"; fail "PostgreSQL did not start"; }
PGPASSWORD=$password "$pgbin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qAt \
  -c "CREATE ROLE fulfillsync LOGIN PASSWORD '$password'" \
  -c "CREATE DATABASE fulfillsync OWNER fulfillsync" >/dev/null ||
  fail "cannot create the service's role and database"

pgcreds=$work/pg-credentials
mkdir -p "$pgcreds"
cp "$work/credentials/credentials.json" "$pgcreds/credentials.json"
pgpass_content=${pgpass_line/db.example.com:5432/127.0.0.1:$pg_port}
echo "${pgpass_content/PASSWORD/$password}" >"$pgcreds/pgpass"
chmod 400 "$pgcreds"/*
chmod 500 "$pgcreds"
[[ ${#run_as[@]} -eq 0 ]] || chown -R "$service_uid:$service_uid" "$pgcreds"
pg_command=${pg_exec_start//%d/$pgcreds}
pg_command=${pg_command//\/usr\/bin\//$root/usr/bin/}
pg_command=${pg_command//@db.example.com/@127.0.0.1:$pg_port}
run_service() { # ENV... → the daemon's output until it runs, or its error
  local out=$work/pg-daemon.out
  # shellcheck disable=SC2086 # the unit's line is split into words as systemd splits it
  "${service_env[@]}" "${unit_env[@]}" "$@" "${run_as[@]}" $pg_command >"$out" 2>&1 &
  local pid=$!
  for _ in $(seq 100); do
    grep -q "Running" "$out" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  cat "$out"
}
echo "README drop-in command: $pg_command"
without=$(run_service)
grep -q "Running" <<<"$without" &&
  fail "the service reached PostgreSQL without its password: the check proves nothing"
grep -qi "password" <<<"$without" || { echo "$without"; fail "refused for another reason"; }
with=$(run_service "PGPASSFILE=${pgpassfile//%d/$pgcreds}")
grep -q "Running 0 connector" <<<"$with" ||
  { echo "$with"; fail "the README's PostgreSQL password example does not open the database"; }
echo "the README's drop-in opens a password-protected PostgreSQL as a user without a home;" \
  "without PGPASSFILE it is refused: $(head -n1 <<<"$without")"
echo "PASS"
