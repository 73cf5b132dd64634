# Shared by the bench scripts (sourced): a work folder cleaned up on exit with the servers they
# started, a free loopback port, wrk's latencies in milliseconds, and nginx as the reference.

# bench_init PREFIX: WORK is a new folder /tmp/PREFIX.XXXXXX; BSG_PID and NGINX_PID, when set,
# are stopped on exit, and so is the throwaway PostgreSQL of PG_DIR (scripts/pg-test-server.sh).
bench_init() {
  WORK=$(mktemp -d "/tmp/$1.XXXXXX")
  chmod 755 "$WORK"
  BSG_PID=""
  NGINX_PID=""
  trap bench_cleanup EXIT
}
bench_cleanup() {
  [ -n "$BSG_PID" ] && kill "$BSG_PID" 2>/dev/null && wait "$BSG_PID" 2>/dev/null
  BSG_PID=""
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null
  if [ -n "${PG_DIR:-}" ]; then
    "$ROOT/scripts/pg-test-server.sh" stop "$PG_DIR" >/dev/null 2>&1 || true
    PG_DIR=""
  fi
  rm -rf "$WORK"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# to_ms VALUE [DECIMALS]: wrk prints 1.23ms, 456.00us or 1.20s.
to_ms() {
  awk -v v="$1" -v d="${2:-3}" 'BEGIN { n = v + 0
    if (v ~ /us$/) n = n / 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n = n * 1000
    printf "%." d "f\n", n }'
}

# start_nginx PORT DEFAULT_TYPE: nginx with 2 workers and an access log, serving $WORK/nginx/www
# on 127.0.0.1:PORT; sets NGINX_PID and returns once it answers.
start_nginx() {
  mkdir -p "$WORK/nginx/www" "$WORK/nginx/tmp"
  cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes 2;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log $WORK/nginx/access.log;
  default_type $2;
  keepalive_requests 100000;
  client_body_temp_path $WORK/nginx/tmp; proxy_temp_path $WORK/nginx/tmp;
  fastcgi_temp_path $WORK/nginx/tmp; uwsgi_temp_path $WORK/nginx/tmp; scgi_temp_path $WORK/nginx/tmp;
  server { listen 127.0.0.1:$1; root $WORK/nginx/www; }
}
CONF
  nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" &
  NGINX_PID=$!
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$1/" && break; sleep 0.1; done
}

# start_bsg DB NAME [SERVE_ARGS...]: `$BIN serve` on database DB at a free port, its access log
# in $WORK/access-NAME.log and its own log in $WORK/bsg-NAME.log; sets PORT and BSG_PID and
# returns once it answers (three tries on fresh ports); otherwise shows the log and exits 1.
# Needs the section's log function.
start_bsg() {
  local db=$1 name=$2 attempt
  shift 2
  for attempt in 1 2 3; do
    PORT=$(free_port)
    BSG_DATA_DIR="$ROOT/data" "$BIN" --database "$db" serve --port "$PORT" "$@" \
      >"$WORK/access-$name.log" 2>"$WORK/bsg-$name.log" &
    BSG_PID=$!
    for _ in $(seq 100); do
      curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && return 0
      kill -0 "$BSG_PID" 2>/dev/null || break
      sleep 0.1
    done
    log "bsg serve did not answer on port $PORT (attempt $attempt):"
    sed 's/^/  /' "$WORK/bsg-$name.log" >&2
    kill "$BSG_PID" 2>/dev/null || true
    wait "$BSG_PID" 2>/dev/null || true
    BSG_PID=""
  done
  exit 1
}
