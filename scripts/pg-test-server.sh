#!/usr/bin/env bash
# Starts and stops a throwaway PostgreSQL server for tests (never for real data: durability is
# switched off for speed).
#
#   scripts/pg-test-server.sh start DIR   initdb into DIR/data, start on a free loopback port and
#                                         print the URL (the only line on stdout), e.g.
#                                         postgresql://postgres@127.0.0.1:54321/postgres
#   scripts/pg-test-server.sh stop DIR    stop it (safe to call twice, or when it never started)
#   scripts/pg-test-server.sh url DIR     print the URL of the running server again
#
# Typical use:
#   export BSG_TEST_POSTGRES_URL=$(scripts/pg-test-server.sh start /tmp/bsg-pg)
#   ./build/bsg_db_tests
#   scripts/pg-test-server.sh stop /tmp/bsg-pg
#
# PostgreSQL refuses to run as root, so when run as root the server runs as the `postgres` user
# (via runuser) and DIR is chown'ed to it. The binaries are taken from the newest
# /usr/lib/postgresql/*/bin (Debian's layout); set PG_BIN to use another folder.
# Authentication is `trust` for loopback and the Unix socket in DIR: do not expose this server.
set -euo pipefail

usage() {
  echo "usage: $0 start|stop|url DIR" >&2
  exit 2
}

[[ $# -eq 2 ]] || usage
cmd=$1
dir=$2

find_pg_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then
    echo "$PG_BIN"
    return
  fi
  local initdb
  # shellcheck disable=SC2012  # fixed, simple paths; sort -V needs a list
  initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1 || true)
  if [[ -z "$initdb" ]]; then
    echo "pg-test-server: no /usr/lib/postgresql/*/bin/initdb; install the postgresql package" >&2
    exit 1
  fi
  dirname "$initdb"
}

# Runs a command as the server's owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# A loopback port nobody listens on: the kernel's pick through python3, else a random one that
# `ss` shows free.
free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
    return
  fi
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    if [[ -z "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]]; then
      echo "$port"
      return
    fi
  done
}

start() {
  local bin port data log
  bin=$(find_pg_bin)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  data=$dir/data
  log=$dir/server.log
  if [[ $(id -u) -eq 0 ]]; then
    if ! id postgres >/dev/null 2>&1; then
      echo "pg-test-server: running as root needs a 'postgres' user" >&2
      exit 1
    fi
    chown postgres: "$dir"
  fi
  if ! as_owner test -w "$dir"; then
    echo "pg-test-server: $dir is not writable by the server's user (check the parent folders)" >&2
    exit 1
  fi
  if [[ -f "$data/postmaster.pid" ]] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    echo "pg-test-server: a server is already running in $data" >&2
    exit 1
  fi
  if [[ ! -f "$data/PG_VERSION" ]]; then
    as_owner "$bin/initdb" -D "$data" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=trust >"$dir/initdb.log" 2>&1 || {
      echo "pg-test-server: initdb failed; see $dir/initdb.log" >&2
      exit 1
    }
  fi
  # A port picked now may be taken before the server binds it: try a few times.
  local attempt
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if as_owner "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir \
          -c fsync=off -c full_page_writes=off -c synchronous_commit=off \
          -c max_connections=200 -c shared_buffers=64MB" \
      start >/dev/null 2>&1; then
      echo "$port" >"$dir/port"
      echo "postgresql://postgres@127.0.0.1:$port/postgres"
      return 0
    fi
    echo "pg-test-server: start on port $port failed (attempt $attempt); see $log" >&2
  done
  exit 1
}

stop() {
  local bin data
  [[ -d "$dir" ]] || return 0
  dir=$(cd "$dir" && pwd)
  data=$dir/data
  [[ -f "$data/postmaster.pid" ]] || return 0
  bin=$(find_pg_bin)
  as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
}

url() {
  [[ -f "$dir/port" ]] || {
    echo "pg-test-server: not started in $dir" >&2
    exit 1
  }
  echo "postgresql://postgres@127.0.0.1:$(cat "$dir/port")/postgres"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  url) url ;;
  *) usage ;;
esac
