#!/usr/bin/env bash
# Benchmarks, each as a ratio to a reference measured in the same run:
#   HTTP: GET /api/health on `bsg serve` versus nginx serving a static file of the same size.
# Loopback only; every load is bounded in time. Results go to bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BSG="$ROOT/build/bsg"
DURATION=${BENCH_DURATION:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=2

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
bench_init bsg-bench

# wrk summary -> "req_per_sec p99_ms"
run_wrk() {
  local url=$1
  wrk -t"$THREADS" -c"$CONNECTIONS" -d2s "$url" >/dev/null  # warm-up
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url" >"$WORK/wrk.txt"
  local rps p99
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk.txt")
  p99=$(awk '$1=="99%" {print $2}' "$WORK/wrk.txt")
  local errors
  errors=$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$WORK/wrk.txt")
  if [ -n "$errors" ]; then echo "bench: $url answered $errors non-2xx responses" >&2; exit 1; fi
  echo "$rps $(to_ms "$p99")"
}
# --- bsg serve on SQLite, access log on (as in production), written to a file
DB="sqlite://$WORK/bench.db"
"$BSG" --database "$DB" migrate >/dev/null
BSG_PORT=$(free_port)
"$BSG" --database "$DB" serve --port "$BSG_PORT" --threads 2 --static-dir "$ROOT/web/dist" >"$WORK/bsg-access.log" 2>"$WORK/bsg.log" &
BSG_PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$BSG_PORT/api/health" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$BSG_PORT/api/health" >"$WORK/health.json"
BODY_BYTES=$(stat -c %s "$WORK/health.json")

# --- nginx: 2 workers (one per core), access log on, serving a file of the same size
NGINX_PORT=$(free_port)
mkdir -p "$WORK/nginx/www"
cp "$WORK/health.json" "$WORK/nginx/www/health.json"
start_nginx "$NGINX_PORT" application/json

read -r NGINX_RPS NGINX_P99 <<<"$(run_wrk "http://127.0.0.1:$NGINX_PORT/health.json")"
read -r BSG_RPS BSG_P99 <<<"$(run_wrk "http://127.0.0.1:$BSG_PORT/api/health")"
RATIO=$(python3 -c "print(f'{$BSG_RPS/$NGINX_RPS:.2f}')")
RSS_KB=$(awk '/VmHWM/ {print $2}' /proc/$BSG_PID/status)

kill -TERM "$BSG_PID"; wait "$BSG_PID"; BSG_RC=$?; BSG_PID=""
[ "$BSG_RC" -eq 0 ] || { echo "bench: bsg serve exited $BSG_RC on SIGTERM" >&2; exit 1; }

CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
{
  echo "# Benchmark results"
  echo
  echo "Written by \`make bench\` (bench/run.sh) on $(date -u +%Y-%m-%d), $(nproc) cores ($CPU)."
  echo "Each figure is a ratio to a reference measured in the same run; absolute numbers vary"
  echo "with the machine and its load, ratios much less."
  echo
  echo "## HTTP: GET /api/health versus nginx serving a static file of the same size"
  echo
  echo "wrk, $THREADS threads, $CONNECTIONS connections, ${DURATION}s after a 2s warm-up, loopback;"
  echo "body $BODY_BYTES bytes; both servers with 2 worker threads/processes and an access log."
  echo
  echo "| server | req/s | p99 latency (ms) |"
  echo "|---|---:|---:|"
  echo "| nginx $(nginx -v 2>&1 | sed 's|.*/||'), static file | $NGINX_RPS | $NGINX_P99 |"
  echo "| bsg serve (SQLite), /api/health | $BSG_RPS | $BSG_P99 |"
  echo
  echo "**Ratio bsg/nginx (req/s): ${RATIO}x.** Peak resident memory of bsg serve: $((RSS_KB / 1024)) MiB."
} >"$WORK/http.md"

# Later benchmarks append their sections through bench/sections/*.sh (each prints Markdown).
{
  cat "$WORK/http.md"
  for s in bench/sections/*.sh; do
    [ -e "$s" ] || continue
    # BENCH_SECTIONS="registry_import report" runs only those sections.
    if [ -n "${BENCH_SECTIONS:-}" ] && ! grep -qw "$(basename "$s" .sh)" <<<"$BENCH_SECTIONS"; then
      continue
    fi
    echo
    bash "$s"
  done
  # Profiles written by bench/profile_read_paths.sh (snapshots, not rerun here).
  for p in bench/profiles/*.md; do
    [ -e "$p" ] || continue
    echo
    cat "$p"
  done
} >bench/RESULTS.md
cat bench/RESULTS.md
