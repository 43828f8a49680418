#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for the test suite (toolchain.md §4e, method B).
#   scripts/postgres-test-server.sh start DIR PORT   → prints the admin URL on stdout
#   scripts/postgres-test-server.sh stop DIR
# initdb refuses to run as root, so the server runs as the postgres user when we are root.
set -euo pipefail
cmd=$1 dir=$2
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[[ -x "$pgbin/initdb" ]] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
as_pg=()
if [[ $(id -u) -eq 0 ]]; then as_pg=(runuser -u postgres --); fi

case "$cmd" in
start)
  port=$3
  rm -rf "$dir"; mkdir -p "$dir"; chmod 755 "$dir"  # the postgres user must reach it
  [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
  "${as_pg[@]}" "$pgbin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
     -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
  echo "postgresql://postgres@127.0.0.1:$port/postgres"
  ;;
stop)
  [[ -d "$dir/data" ]] && "${as_pg[@]}" "$pgbin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
*) echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
