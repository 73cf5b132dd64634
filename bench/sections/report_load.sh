#!/usr/bin/env bash
# Reports under load (a bench/run.sh section: prints Markdown on stdout).
#
# `bsg serve` on SQLite with the demo data and its default threads (2 for requests, 1 heavy
# worker for documents). While wrk drives 100 connections at the progress report PDF, a second
# wrk measures GET /api/health on 4 connections. Two loads:
#   - cached: every request asks for the same window (one build, then the cache);
#   - uncached: every request a random window (a build each; the per-address limit is switched
#     off so that every request really builds, or waits in the heavy queue, or gets 503);
# against /api/health alone, and against nginx serving the same PDF bytes as a static file.
# Progress and diagnostics go to stderr.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BSG=${BSG:-$ROOT/build/bsg}
DURATION=${BENCH_DURATION:-10}
WINDOW="since=2019-09-01&until=2020-03-31"

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
bench_init bsg-bench-load
log() { echo "bench report_load: $*" >&2; }
# wrk output file -> "req_per_sec p99_ms non2xx"
summary() {
  local rps p99 bad
  rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$1")
  p99=$(awk '$1=="99%" {print $2}' "$1")
  bad=$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$1")
  echo "$rps $(to_ms "$p99" 1) ${bad:-0}"
}

[ -x "$BSG" ] || { log "$BSG is missing; build first"; exit 1; }
DB="sqlite://$WORK/load.db"
"$BSG" --database "$DB" migrate >/dev/null
"$BSG" --database "$DB" seed --demo >/dev/null

start_bsg() {  # $1: anonymous renders per minute
  PORT=$(free_port)
  BSG_ANONYMOUS_RENDERS_PER_MINUTE=$1 BSG_DATA_DIR="$ROOT/data" \
    "$BSG" --database "$DB" serve --port "$PORT" >"$WORK/access.log" 2>"$WORK/bsg.log" &
  BSG_PID=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && break; sleep 0.1; done
}
stop_bsg() { kill -TERM "$BSG_PID"; wait "$BSG_PID" || true; BSG_PID=""; }

cat >"$WORK/random.lua" <<'LUA'
request = function()
  return wrk.format("GET", string.format(
    "/api/reports/progress.pdf?since=2019-%02d-%02d&until=2020-%02d-%02d",
    math.random(1, 8), math.random(1, 28), math.random(1, 12), math.random(1, 28)))
end
LUA

# $1: label, $2: wrk arguments for the PDF load ("" for none)
HEALTH_ROWS=""
measure() {
  local label=$1 load=$2
  if [ -n "$load" ]; then
    # shellcheck disable=SC2086
    wrk -t1 -c100 -d"$((DURATION + 2))s" --latency $load >"$WORK/load.txt" 2>&1 &
    local wrk_pid=$!
    sleep 1
  fi
  wrk -t1 -c4 -d"${DURATION}s" --latency "http://127.0.0.1:$PORT/api/health" >"$WORK/health.txt"
  read -r H_RPS H_P99 _ <<<"$(summary "$WORK/health.txt")"
  local pdf="" 
  if [ -n "$load" ]; then
    wait "$wrk_pid"
    read -r P_RPS P_P99 P_BAD <<<"$(summary "$WORK/load.txt")"
    pdf="$P_RPS | $P_P99 | $P_BAD"
  else
    pdf="- | - | -"
  fi
  HEALTH_ROWS+="| $label | $H_P99 | $H_RPS | $pdf |"$'\n'
  log "$label: health p99 $H_P99 ms; pdf $pdf"
}

start_bsg 60
curl -sf "http://127.0.0.1:$PORT/api/reports/progress.pdf?$WINDOW" -o "$WORK/report.pdf"
PDF_BYTES=$(stat -c %s "$WORK/report.pdf")
measure "none" ""
HEALTH_IDLE=$H_P99
measure "same PDF (cached)" "http://127.0.0.1:$PORT/api/reports/progress.pdf?$WINDOW"
CACHED_RPS=$P_RPS
HEALTH_CACHED=$H_P99
stop_bsg

start_bsg 0
measure "random windows (every request builds)" "-s $WORK/random.lua http://127.0.0.1:$PORT/"
HEALTH_UNCACHED=$H_P99
BUILDS=$(grep -c '"route":"/api/reports/progress.pdf","status":200' "$WORK/access.log" || true)
BUSY=$(grep -c '"route":"/api/reports/progress.pdf","status":503' "$WORK/access.log" || true)
stop_bsg

# nginx serving the same PDF bytes
NGINX_PORT=$(free_port)
mkdir -p "$WORK/nginx/www"
cp "$WORK/report.pdf" "$WORK/nginx/www/report.pdf"
start_nginx "$NGINX_PORT" text/plain
wrk -t1 -c100 -d"${DURATION}s" --latency "http://127.0.0.1:$NGINX_PORT/report.pdf" >"$WORK/nginx.txt"
read -r NGINX_RPS _ _ <<<"$(summary "$WORK/nginx.txt")"
kill "$NGINX_PID"; NGINX_PID=""

ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
echo "## Reports under load: /api/health while the report PDF is asked for"
echo
echo "\`bsg serve\` on SQLite with the demo data, default threads (2 for requests, 1 heavy worker"
echo "for documents, 64 queued at most). wrk drives 100 connections at"
echo "\`/api/reports/progress.pdf\` ($PDF_BYTES bytes) while a second wrk measures \`/api/health\`"
echo "on 4 connections, ${DURATION}s each. \"Random windows\" asks for a different window on every"
echo "request with the per-address limit off, so that each one is built, waits, or gets 503."
echo
echo "| PDF load | /api/health p99 (ms) | /api/health req/s | PDF req/s | PDF p99 (ms) | PDF non-2xx |"
echo "|---|---:|---:|---:|---:|---:|"
printf "%s" "$HEALTH_ROWS"
echo
echo "- /api/health p99 under the cached load: ${HEALTH_CACHED} ms; under the building load:"
echo "  ${HEALTH_UNCACHED} ms (aim: 20 ms or less); idle: ${HEALTH_IDLE} ms."
echo "- The cached PDF: $CACHED_RPS req/s against $NGINX_RPS req/s for nginx serving the same"
echo "  bytes as a static file: **$(ratio "$CACHED_RPS" "$NGINX_RPS")x**."
echo "- Building load: $BUILDS PDFs built and $BUSY answered 503 (queue full, Retry-After) in"
echo "  $((DURATION + 2)) s."
