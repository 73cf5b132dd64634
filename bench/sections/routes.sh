#!/usr/bin/env bash
# Read paths (a bench/run.sh section: prints Markdown on stdout; progress and diagnostics go to
# stderr).
#
# Every GET route of the API against nginx serving the same bytes, on SQLite and on a throwaway
# PostgreSQL. For each backend: migrate, `seed --demo`, `bsg serve` with its default threads and
# its access log written to a file. The routes come from the running server's
# /api/openapi.json (bench/route_list.py), so the routes of a new module are measured without
# touching this file: every GET operation except the heavy ones (`x-bsg-cost: heavy`, measured
# by report_load.sh), /metrics, the OpenAPI document itself and routes that do not answer JSON.
# Public routes are asked anonymously, the others with a read-only API token of the demo admin
# (signed in through the API with the password `seed --demo` prints). Path parameters take the
# first row of the list route above them (/api/events/{id} <- /api/events), required query
# parameters the first row of the list named after them; a route with no value, or that answers
# non-2xx, is listed as skipped with the reason. List routes taking `limit` get ?limit=50.
#
# Per route: the body is fetched once with curl (no Accept-Encoding, as wrk asks) and copied into
# nginx's root; then wrk -t2 -c64, 1 s warm-up and BENCH_ROUTE_DURATION seconds (default 3), on
# bsg and on nginx, alternated. Then revalidation of the events and countries lists with the
# ETag bsg sends (If-None-Match, 304) against nginx's 304 for its static copy, and bsg's memory
# (VmRSS idle, after the sign-in, after the loads; VmHWM). Ends with the aims, evaluated.
#
# Environment: BSG (binary, default build/bsg), BENCH_ROUTE_DURATION (seconds per run, default
# 3), BENCH_BACKENDS (default "sqlite postgresql"). About 11 minutes with the defaults on two
# cores (about 40 routes, 8 s each, per backend).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BSG=${BSG:-$ROOT/build/bsg}
DURATION=${BENCH_ROUTE_DURATION:-3}
BACKENDS=${BENCH_BACKENDS:-sqlite postgresql}
WARMUP=1
THREADS=2
CONNECTIONS=64

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
bench_init bsg-bench-routes
log() { echo "bench routes: $*" >&2; }

PG_DIR=""
trap 'exit 130' INT TERM

[[ "$DURATION" =~ ^[1-9][0-9]*$ ]] || { log "BENCH_ROUTE_DURATION must be a whole number of seconds"; exit 2; }
for b in $BACKENDS; do
  case "$b" in sqlite | postgresql) ;; *) log "unknown backend '$b' in BENCH_BACKENDS (sqlite, postgresql)"; exit 2 ;; esac
done
[ -n "${BACKENDS// /}" ] || { log "BENCH_BACKENDS is empty"; exit 2; }

# The binary, copied into the work folder once it is complete, so that a rebuild during the run
# cannot swap it between the two backends (or cut a start short while it is being linked).
BIN="$WORK/bsg"
for attempt in $(seq 12); do
  if [ -x "$BSG" ] && [ $(($(date +%s) - $(stat -c %Y "$BSG"))) -ge 2 ] &&
    cp "$BSG" "$BIN" 2>/dev/null && cmp -s "$BSG" "$BIN" && "$BIN" version >/dev/null 2>&1; then
    break
  fi
  [ "$attempt" -eq 12 ] && { log "$BSG is missing or not runnable; build first"; exit 1; }
  log "waiting for $BSG (missing or being written)"
  sleep 5
done
VERSION=$("$BIN" version 2>/dev/null | head -1)

# wrk FILE URL [wrk options]: a warm-up, then the run written to FILE; fails on any non-2xx/3xx.
run_wrk() {
  local out=$1 url=$2
  shift 2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$@" "$url" >"$out.warm"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" "$url" >"$out"
  local f bad sock
  for f in "$out.warm" "$out"; do
    bad=$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$f")
    if [ -n "$bad" ]; then
      log "FAIL: $url answered $bad non-2xx/3xx responses under load:"
      sed 's/^/  /' "$f" >&2
      exit 1
    fi
    sock=$(awk '/Socket errors:/ { $1 = $1; print }' "$f")
    [ -z "$sock" ] || log "warning: $url: $sock"
  done
}
# wrk output -> "req_per_sec p99_ms timeouts" (p99 "-" when no request completed; timeouts are
# requests wrk gave up on after its 2 s, which its latency figures leave out)
summary() {
  local rps p99 completed timeouts
  rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$1")
  p99=$(awk '$1=="99%" {print $2}' "$1")
  completed=$(awk '/ requests in / {print $1}' "$1")
  timeouts=$(awk '/Socket errors:/ {print $NF}' "$1")
  if [ -z "$rps" ] || [ -z "$p99" ] || [ -z "$completed" ]; then
    log "wrk printed no figures:"
    cat "$1" >&2
    exit 1
  fi
  if [ "$completed" -eq 0 ]; then
    log "warning: no request completed in ${DURATION} s $(awk '/Socket errors:/ { $1 = $1; print "(" $0 ")" }' "$1")"
    echo "0 - ${timeouts:-0}"
    return
  fi
  echo "$rps $(to_ms "$p99" 2) ${timeouts:-0}"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
rss_kb() { awk -v k="$2:" '$1==k {print $2}' "/proc/$1/status"; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

# measure_pair LABEL ORDER BSG_URL BSG_HEADER NGINX_URL NGINX_HEADER: wrk on both, bsg first when
# ORDER is 0; a header may be empty. Sets B_RPS B_P99 B_TIMEOUTS B_P99_CELL N_RPS N_P99.
measure_pair() {
  local label=$1 order=$2 bsg_url=$3 bsg_header=$4 nginx_url=$5 nginx_header=$6
  local -a bh=() nh=()
  [ -z "$bsg_header" ] || bh=(-H "$bsg_header")
  [ -z "$nginx_header" ] || nh=(-H "$nginx_header")
  if [ "$order" -eq 0 ]; then
    run_wrk "$WORK/wrk-bsg.txt" "$bsg_url" "${bh[@]}"
    run_wrk "$WORK/wrk-nginx.txt" "$nginx_url" "${nh[@]}"
  else
    run_wrk "$WORK/wrk-nginx.txt" "$nginx_url" "${nh[@]}"
    run_wrk "$WORK/wrk-bsg.txt" "$bsg_url" "${bh[@]}"
  fi
  read -r B_RPS B_P99 B_TIMEOUTS <<<"$(summary "$WORK/wrk-bsg.txt")"
  read -r N_RPS N_P99 _ <<<"$(summary "$WORK/wrk-nginx.txt")"
  # The p99 cell of the table: wrk's figure, and the requests it gave up on, if any.
  B_P99_CELL=$B_P99
  [ "$B_TIMEOUTS" -eq 0 ] || B_P99_CELL="$B_P99 ($B_TIMEOUTS timed out)"
  log "$label: bsg $B_RPS req/s (p99 $B_P99_CELL ms), nginx $N_RPS req/s (p99 $N_P99 ms): $(ratio "$B_RPS" "$N_RPS")x"
}

# etag URL [curl options] -> the ETag header's value, or nothing
etag() {
  local url=$1
  shift
  curl -s -D - -o /dev/null "$@" "$url" | tr -d '\r' | awk 'tolower($1)=="etag:" { sub(/^[^:]*: */, ""); print; exit }'
}
status_of() {
  local url=$1
  shift
  curl -s -o /dev/null -w '%{http_code}' "$@" "$url"
}

# nginx, one for both backends: 2 workers, access log, the bodies under www/BACKEND/N.json.
NGINX_PORT=$(free_port)
start_nginx "$NGINX_PORT" application/json
NGINX_VERSION=$(nginx -v 2>&1 | sed 's|.*/||')


# measure_backend BACKEND LABEL: writes $WORK/BACKEND.md (its table, memory, skipped routes),
# $WORK/results-BACKEND.tsv (for the aims) and $WORK/excluded.txt.
measure_backend() {
  local backend=$1 label=$2 db seed_out password
  case "$backend" in
    sqlite) db="sqlite://$WORK/routes.db" ;;
    postgresql)
      PG_DIR="$WORK/pg"
      db=$(scripts/pg-test-server.sh start "$PG_DIR")
      ;;
  esac
  log "$label: migrate, seed --demo ($db)"
  "$BIN" --database "$db" migrate >/dev/null
  seed_out=$("$BIN" --database "$db" seed --demo)
  password=$(sed -n 's|^demo admin: admin@example.org / ||p' <<<"$seed_out")
  [ -n "$password" ] || { log "seed --demo printed no demo admin password:"; echo "$seed_out" >&2; exit 1; }

  start_bsg "$db" "$backend"
  local base="http://127.0.0.1:$PORT" threads
  local rss_idle rss_signin hwm_signin rss_after hwm_after
  rss_idle=$(rss_kb "$BSG_PID" VmRSS)
  threads=$(sed -n 's/.* with \([0-9]*\) thread(s).*/\1/p' "$WORK/bsg-$backend.log" | head -1)
  TOKEN=$(python3 "$ROOT/bench/route_list.py" token "$base" admin@example.org "$password")
  rss_signin=$(rss_kb "$BSG_PID" VmRSS)
  hwm_signin=$(rss_kb "$BSG_PID" VmHWM)
  python3 "$ROOT/bench/route_list.py" plan "$base" "$TOKEN" >"$WORK/plan-$backend.tsv"
  awk -F'\t' '$1=="exclude"' "$WORK/plan-$backend.tsv" >"$WORK/excluded.txt"

  local n_measure n_skip
  n_measure=$(awk -F'\t' '$1=="measure"' "$WORK/plan-$backend.tsv" | wc -l)
  n_skip=$(awk -F'\t' '$1=="skip"' "$WORK/plan-$backend.tsv" | wc -l)
  log "$label: $n_measure routes to measure, $n_skip skipped, $(wc -l <"$WORK/excluded.txt") excluded;" \
    "about $(((n_measure + 2) * 2 * (WARMUP + DURATION))) s of load"

  local rows="$WORK/rows-$backend.md" skipped="$WORK/skipped-$backend.md"
  local results="$WORK/results-$backend.tsv"
  : >"$rows"
  : >"$skipped"
  : >"$results"
  mkdir -p "$WORK/nginx/www/$backend"
  local action template path auth kind nrows reason i=0 code file bytes shown header
  local events="" countries=""  # "N PATH": the lists revalidated below, N their nginx copy
  while IFS=$'\t' read -r action template path auth kind nrows reason; do
    case "$action" in
      skip)
        if [ "$path" = - ] || [ "$path" = "$template" ]; then
          echo "- \`$template\`: $reason" >>"$skipped"
        else
          echo "- \`$template\` (\`$path\`): $reason" >>"$skipped"
        fi
        continue
        ;;
      measure) ;;
      *) continue ;;
    esac
    i=$((i + 1))
    header=""
    [ "$auth" = token ] && header="Authorization: Bearer $TOKEN"
    file="$WORK/nginx/www/$backend/$i.json"
    code=$(curl -s -o "$file" -w '%{http_code}' ${header:+-H "$header"} "$base$path")
    if [[ "$code" != 2?? ]]; then
      echo "- \`$template\` (\`$path\`): answered $code when fetched for nginx" >>"$skipped"
      continue
    fi
    bytes=$(stat -c %s "$file")
    # nginx gets the same header (it ignores it) so that both requests are the same size.
    measure_pair "[$i/$n_measure] $label $path ($bytes bytes)" $((i % 2)) "$base$path" "$header" \
      "http://127.0.0.1:$NGINX_PORT/$backend/$i.json" "$header"
    shown=$kind
    [ "$kind" = list ] && shown="list ($nrows)"
    echo "| \`$path\` | $shown | $bytes | $B_RPS | $N_RPS | $(ratio "$B_RPS" "$N_RPS")x | $B_P99_CELL |" >>"$rows"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$kind" "$template" "$path" \
      "$nrows" "$bytes" "$B_RPS" "$N_RPS" "$(ratio "$B_RPS" "$N_RPS")" "$B_P99" >>"$results"
    case "$template" in
      /api/events) events="$i $path" ;;
      /api/countries) countries="$i $path" ;;
    esac
  done <"$WORK/plan-$backend.tsv"

  # Revalidation: the lists' ETag, If-None-Match -> 304, against nginx's 304 for the same bytes.
  local p tag ntag ncopy list nginx_url
  for list in "$events" "$countries"; do
    [ -n "$list" ] || continue
    read -r ncopy p <<<"$list"
    nginx_url="http://127.0.0.1:$NGINX_PORT/$backend/$ncopy.json"
    tag=$(etag "$base$p")
    ntag=$(etag "$nginx_url")
    code=$(status_of "$nginx_url" -H "If-None-Match: $ntag")
    [ "$code" = 304 ] || { log "FAIL: nginx answered $code to If-None-Match on its copy of $p"; exit 1; }
    if [ -z "$tag" ]; then
      log "$label $p: bsg sends no ETag; nginx's 304 measured alone"
      run_wrk "$WORK/wrk-nginx.txt" "$nginx_url" -H "If-None-Match: $ntag"
      read -r N_RPS N_P99 _ <<<"$(summary "$WORK/wrk-nginx.txt")"
      echo "| \`$p\` If-None-Match (304) | 304 | 0 | no ETag | $N_RPS | no ETag | - |" >>"$rows"
      printf '%s\t304\t%s\t%s\t-\t0\t-\t%s\tno ETag\t-\n' "$label" "$p" "$p" "$N_RPS" >>"$results"
      continue
    fi
    code=$(status_of "$base$p" -H "If-None-Match: $tag")
    if [ "$code" != 304 ]; then
      log "$label $p: bsg sends ETag $tag but answers $code to If-None-Match"
      echo "| \`$p\` If-None-Match (304) | 304 | - | answers $code | - | - | - |" >>"$rows"
      printf '%s\t304\t%s\t%s\t-\t-\t-\t-\tanswers %s\t-\n' "$label" "$p" "$p" "$code" >>"$results"
      continue
    fi
    measure_pair "$label $p If-None-Match" 0 "$base$p" "If-None-Match: $tag" \
      "$nginx_url" "If-None-Match: $ntag"
    echo "| \`$p\` If-None-Match (304) | 304 | 0 | $B_RPS | $N_RPS | $(ratio "$B_RPS" "$N_RPS")x | $B_P99_CELL |" >>"$rows"
    printf '%s\t304\t%s\t%s\t-\t0\t%s\t%s\t%s\t%s\n' "$label" "$p" "$p" "$B_RPS" "$N_RPS" \
      "$(ratio "$B_RPS" "$N_RPS")" "$B_P99" >>"$results"
  done

  rss_after=$(rss_kb "$BSG_PID" VmRSS)
  hwm_after=$(rss_kb "$BSG_PID" VmHWM)
  local served errors
  served=$(wc -l <"$WORK/access-$backend.log")
  errors=$(grep -c '"status":5' "$WORK/access-$backend.log" || true)
  log "$label: $served requests in bsg's access log, $errors with status 5xx"
  kill -TERM "$BSG_PID"
  local rc=0
  wait "$BSG_PID" || rc=$?
  BSG_PID=""
  if grep -qE ' (error|warning) ' "$WORK/bsg-$backend.log"; then
    log "$label: bsg's log has warnings or errors:"
    grep -E ' (error|warning) ' "$WORK/bsg-$backend.log" | sort -k2 | uniq -c -f2 | head -20 >&2
  fi
  [ "$rc" -eq 0 ] || { log "FAIL: bsg serve exited $rc on SIGTERM"; exit 1; }
  rm -f "$WORK/access-$backend.log" "$WORK/nginx/access.log"
  kill -USR1 "$NGINX_PID" 2>/dev/null || true  # reopen its (removed) access log
  if [ "$backend" = postgresql ]; then
    scripts/pg-test-server.sh stop "$PG_DIR" >/dev/null
    PG_DIR=""
  fi

  {
    echo "### $label"
    echo
    echo "bsg serve with ${threads:-?} request thread(s); $served requests answered, $errors of them 5xx."
    echo
    echo "| route | kind | bytes | bsg req/s | nginx req/s | ratio | bsg p99 (ms) |"
    echo "|---|---|---:|---:|---:|---:|---:|"
    cat "$rows"
    echo
    echo "Memory of bsg serve (VmRSS): $(mib "$rss_idle") MiB idle after start (demo data seeded);"
    echo "$(mib "$rss_signin") MiB after the sign-in that made the token (VmHWM $(mib "$hwm_signin") MiB:"
    echo "the argon2id hash takes 64 MiB); after the route loads $(mib "$rss_after") MiB, peak (VmHWM)"
    echo "$(mib "$hwm_after") MiB."
    echo
    if [ -s "$skipped" ]; then
      echo "Skipped on $label:"
      echo
      cat "$skipped"
    else
      echo "Skipped on $label: none."
    fi
    echo
  } >"$WORK/$backend.md"
}

T0=$(date +%s)
LOAD=$(cut -d' ' -f1 /proc/loadavg)
for b in $BACKENDS; do
  case "$b" in
    sqlite) measure_backend sqlite SQLite ;;
    postgresql) measure_backend postgresql PostgreSQL ;;
  esac
done
log "done in $(($(date +%s) - T0)) s"

echo "## Read paths: every GET route versus nginx serving the same bytes"
echo
echo "Every GET route of \`/api/openapi.json\` that answers JSON and is not heavy, on the demo data"
echo "(\`bsg seed --demo\`), $VERSION, $(nproc) cores. For each route the body bsg answers"
echo "(fetched once, without Accept-Encoding, as wrk asks) is copied into nginx $NGINX_VERSION's"
echo "root; then wrk -t$THREADS -c$CONNECTIONS, ${WARMUP} s of warm-up and ${DURATION} s measured, on bsg and"
echo "on nginx in turn (which goes first alternates), over loopback. bsg serve runs with its default"
echo "threads, nginx with 2 workers; both write an access log to a file. Public routes are asked"
echo "anonymously, the others with a read-only API token of the demo admin (\`Authorization:"
echo "Bearer\`); path parameters are the first row of the list route above them; list routes"
echo "taking \`limit\` are asked for \`?limit=50\`. Kind: list (rows in brackets) is \`{items: [...]}\`,"
echo "an array, or one array beside paging figures; detail is one record by its key; other is the"
echo "rest. Ratio is bsg's req/s over nginx's. The 304 rows revalidate with \`If-None-Match\`: bsg's"
echo "ETag against bsg, nginx's own ETag for its static copy against nginx. \"Timed out\" counts the"
echo "requests wrk gave up on after 2 s, which its p99 leaves out. Load average when the"
echo "section started: $LOAD (anything else running on the machine lowers bsg's figures most)."
echo
if [ -s "$WORK/excluded.txt" ]; then
  echo "Not measured here:"
  echo
  awk -F'\t' '
    $7 ~ /^heavy/ { heavy = heavy (heavy ? ", " : "") "`" $2 "`"; next }
    $7 ~ /^not JSON/ { t = $7; sub(/^not JSON \(/, "", t); sub(/\)$/, "", t)
                       other = other (other ? ", " : "") "`" $2 "` (" t ")"; next }
    { rest = rest (rest ? ", " : "") "`" $2 "`" }
    END {
      if (heavy) print "- heavy routes (`x-bsg-cost: heavy`, measured by report_load.sh): " heavy ";"
      if (other) print "- routes that do not answer JSON: " other ";"
      if (rest) print "- " rest ": metrics and the OpenAPI document itself."
    }' "$WORK/excluded.txt"
  echo
fi
for b in $BACKENDS; do cat "$WORK/$b.md"; done
results=()
for b in $BACKENDS; do results+=("$WORK/results-$b.tsv"); done
python3 "$ROOT/bench/route_list.py" aims "${results[@]}"
