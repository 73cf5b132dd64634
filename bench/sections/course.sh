#!/usr/bin/env bash
# The online course under load (a bench/run.sh section: prints Markdown on stdout; progress and
# diagnostics go to stderr).
#
# Two measures, on SQLite and on a throwaway PostgreSQL, each against nginx as the reference,
# driven by bench/course_load.mjs (Node, built-in modules only):
#   1. Synchronised start: BENCH_COURSE_LEARNERS (3,000) learners start the A.1 final assessment
#      (`seed --demo`: 20 questions, 30 minutes) within BENCH_COURSE_SPREAD_MS (1,000 ms):
#      every learner's connection is opened first (not timed: the browser that has the quiz
#      page open; all N are held at once), then learner i sends POST /api/quizzes/{id}/attempts
#      at i * spread / N over it and, as soon as its attempt arrives, saves an answer to the
#      first question (PUT /api/attempts/{id}/answers/1 with a client-made answer_id). Every
#      request's latency is recorded; any non-2xx, failed connection or request unanswered
#      after 60 s is an error. The reference: the same generator sending the same requests (method, headers, body) in the
#      same pattern to nginx serving the two answers bsg gave as static files.
#   2. Grading: every other question of the attempts answered (not timed; learner i answers
#      10 + i % 11 right, so 5 in 11 reach the 80% pass mark), then every attempt submitted with
#      BENCH_COURSE_CONCURRENCY (32) requests in flight, timed. The reference: the same
#      submissions to nginx serving the submit answer as a static file.
#
# The learners, prepared before anything is timed:
#   - the demo data (`bsg seed --demo`) and its admin, signed in once through the API (which
#     also reads the course, its final assessment and the question bank, so that learners can
#     answer right or wrong on purpose);
#   - N accounts made through the API as an officer would (POST /api/users, role delegate,
#     audited), without a password: signing 3,000 learners in would cost 3,000 argon2id hashes
#     (64 MiB and about 60 ms each, two at a time per process: minutes per backend) and measure
#     nothing this section is about;
#   - one API token per learner written straight into the throwaway database, in one
#     transaction, as identity writes it (`bsg_` + 32 random bytes in unpadded base64url; the
#     row keeps the BLAKE2b-256 hex of the whole token, i.e. libsodium's crypto_generichash,
#     which Python's hashlib.blake2b(digest_size=32) computes; the first 10 characters as the
#     prefix; scopes `read write`; one day). The API cannot make them: POST /api/tokens needs the
#     learner's own session, which needs the password. Tokens need no CSRF token;
#   - each learner enrolled through the API (POST /api/courses/{id}/enrolment, which makes the
#     learner's person record) and every module visited (POST .../modules/{id}/visit), so that a
#     passing assessment completes the course and a submission issues the certificate.
#
# bsg serve: the release binary (copied once it is complete), 2 request threads, its access log
# written to a file. It has no connection limit of its own (RESTinio's connection count limiter
# is off in its traits; the listen backlog is SOMAXCONN); the file descriptors of this shell are
# raised towards the hard limit so that N connections fit. nginx: 2 workers, access log, a
# worker_connections of its own here (lib.sh's 1024 per worker would refuse 3,000 connections).
#
# Environment: BSG (binary, default build/bsg), BENCH_BACKENDS (default "sqlite postgresql"),
# BENCH_COURSE_LEARNERS (3000), BENCH_COURSE_SPREAD_MS (1000), BENCH_COURSE_CONCURRENCY (32).
# About 8 minutes for SQLite (where a synchronous write takes about 4 ms) and 3 for PostgreSQL on
# two cores, nearly all of it preparation (84,000 requests per backend that write).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BSG=${BSG:-$ROOT/build/bsg}
BACKENDS=${BENCH_BACKENDS:-sqlite postgresql}
LEARNERS=${BENCH_COURSE_LEARNERS:-3000}
SPREAD_MS=${BENCH_COURSE_SPREAD_MS:-1000}
CONCURRENCY=${BENCH_COURSE_CONCURRENCY:-32}
AIM_P99_MS=200
LOAD=(node "$ROOT/bench/course_load.mjs")
# Upper bounds of each step (seconds): everything ends even when the server hangs.
PREP_LIMIT=900
PHASE_LIMIT=300

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
bench_init bsg-bench-course
log() { echo "bench course: $*" >&2; }

PG_DIR=""
SAMPLER_PID=""
course_cleanup() {
  [ -z "$SAMPLER_PID" ] || kill "$SAMPLER_PID" 2>/dev/null || true
  bench_cleanup
}
trap course_cleanup EXIT
trap 'exit 130' INT TERM

for v in LEARNERS SPREAD_MS CONCURRENCY; do
  [[ "${!v}" =~ ^[1-9][0-9]*$ ]] || { log "BENCH_COURSE_$v must be a positive whole number"; exit 2; }
done
for b in $BACKENDS; do
  case "$b" in sqlite | postgresql) ;; *) log "unknown backend '$b' in BENCH_BACKENDS (sqlite, postgresql)"; exit 2 ;; esac
done
[ -n "${BACKENDS// /}" ] || { log "BENCH_BACKENDS is empty"; exit 2; }

# File descriptors: the client holds N sockets and bsg N more (plus its database and log files).
NEED_FDS=$((LEARNERS + 1024))
if [ "$(ulimit -Sn)" != unlimited ] && [ "$(ulimit -Sn)" -lt "$NEED_FDS" ]; then
  hard=$(ulimit -Hn)
  if [ "$hard" = unlimited ] || [ "$hard" -ge "$NEED_FDS" ]; then
    ulimit -Sn "$NEED_FDS"
  else
    ulimit -Sn "$hard"
    log "warning: the hard limit of open files is $hard, under the $NEED_FDS that $LEARNERS connections need"
  fi
fi
FD_LIMIT=$(ulimit -Sn)

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

# What a durable commit costs on the work folder's disk: SQLite (synchronous=FULL, WAL) waits
# for one fsync per transaction; the throwaway PostgreSQL runs with fsync off.
FSYNC_MS=$(dd if=/dev/zero of="$WORK/fsync.test" bs=4k count=100 oflag=dsync 2>&1 |
  sed -n 's/.* copied, \([0-9.e-]*\) s,.*/\1/p' | awk '{ printf "%.1f", $1 * 10 }')
rm -f "$WORK/fsync.test"

# nginx: as lib.sh's start_nginx, with room for N connections, and POST/PUT to a static file
# answered with the file (nginx's static handler refuses them with 405; error_page turns that
# into the file, after reading and discarding the request body).
NGINX_PORT=$(free_port)
mkdir -p "$WORK/nginx/www" "$WORK/nginx/tmp"
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes 2;
worker_rlimit_nofile $((LEARNERS * 2 + 1024));
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections $((LEARNERS + 1024)); }
http {
  access_log $WORK/nginx/access.log;
  default_type application/json;
  keepalive_requests 100000;
  client_body_temp_path $WORK/nginx/tmp; proxy_temp_path $WORK/nginx/tmp;
  fastcgi_temp_path $WORK/nginx/tmp; uwsgi_temp_path $WORK/nginx/tmp; scgi_temp_path $WORK/nginx/tmp;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/nginx/www; error_page 405 =200 \$uri; }
}
CONF
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" &
NGINX_PID=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$NGINX_PORT/" && break; sleep 0.1; done
NGINX_VERSION=$(nginx -v 2>&1 | sed 's|.*/||')

alive() { kill -0 "$BSG_PID" 2>/dev/null || { log "FAIL: bsg serve died ($1):"; tail -20 "$WORK/bsg-$2.log" >&2; exit 1; }; }

# sql BACKEND DB: runs standard input (a script) in the sqlite3 or psql shell; prints the result.
sql() {
  case "$1" in
    sqlite) sqlite3 -batch -cmd '.timeout 10000' "${2#sqlite://}" ;;
    postgresql) psql -X -q -A -t -v ON_ERROR_STOP=1 "$2" ;;
  esac
}

# The learners' API tokens: DIR/users.tsv (index, user_id) -> DIR/tokens.tsv (index, user_id,
# token) and DIR/tokens.sql, as identity's CreateApiToken and HashToken make them.
make_tokens() {
  python3 - "$1" <<'PY'
import base64, datetime, hashlib, os, secrets, sys
folder = sys.argv[1]
now = datetime.datetime.now(datetime.timezone.utc)
def stamp(t):  # identity's fixed-width UTC text with milliseconds
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"
created, expires = stamp(now), stamp(now + datetime.timedelta(days=1))
rows = []
with open(os.path.join(folder, "users.tsv")) as users, \
        open(os.path.join(folder, "tokens.tsv"), "w") as tokens:
    for line in users:
        index, user_id = line.split()
        token = "bsg_" + base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode()
        digest = hashlib.blake2b(token.encode(), digest_size=32).hexdigest()
        tokens.write(f"{index}\t{user_id}\t{token}\n")
        rows.append(f"({int(user_id)}, 'bench course', '{digest}', '{token[:10]}', 'read write', "
                    f"'{created}', '{expires}')")
with open(os.path.join(folder, "tokens.sql"), "w") as out:
    out.write("BEGIN;\nINSERT INTO api_token (user_id, name, token_hash, prefix, scopes, "
              "created_at, expires_at) VALUES\n" + ",\n".join(rows) + ";\nCOMMIT;\n")
PY
}

# Server-side durations (duration_ms of the access log) of lines FROM..TO for one method and
# route -> "p50 p99 max".
server_ms() {
  sed -n "$(($2 + 1)),$3p" "$1" | python3 -c '
import json, math, sys
method, route = sys.argv[1], sys.argv[2]
ms = sorted(r["duration_ms"] for r in map(json.loads, sys.stdin)
            if r.get("method") == method and r.get("route") == route)
rank = lambda p: ms[min(len(ms) - 1, math.ceil(p / 100 * len(ms)) - 1)] if ms else math.nan
print(f"{rank(50):.1f} {rank(99):.1f} {rank(100):.1f}")' "$4" "$5"
}

# The largest number of open file descriptors of bsg serve, sampled every 50 ms until stopped
# (at most PHASE_LIMIT seconds), written to FILE.
sample_fds() {
  local file=$1 max=0 n end=$((SECONDS + PHASE_LIMIT))
  while [ "$SECONDS" -lt "$end" ] && kill -0 "$BSG_PID" 2>/dev/null; do
    n=$(find "/proc/$BSG_PID/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
    if [ "$n" -gt "$max" ]; then max=$n; echo "$max" >"$file"; fi
    sleep 0.05
  done
}

# Serialization failures PostgreSQL has logged so far ("-" on SQLite): bsg runs writing
# transactions at SERIALIZABLE and tries each up to 5 times before answering 503.
pg_failures() {
  if [ -n "$PG_DIR" ] && [ -f "$PG_DIR/server.log" ]; then
    grep -c 'could not serialize access' "$PG_DIR/server.log" || true
  else
    echo "-"
  fi
}

# js FILE EXPR: a value from a JSON file (EXPR in JavaScript over `r`).
js() { node -e "const r = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8')); console.log($2)" "$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }'; }

# measure_backend BACKEND LABEL: writes $WORK/BACKEND.md and $WORK/aims-BACKEND.md.
measure_backend() {
  local backend=$1 label=$2 db seed_out password dir="$WORK/$1"
  mkdir -p "$dir"
  case "$backend" in
    sqlite) db="sqlite://$WORK/course.db" ;;
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
  start_bsg "$db" "$backend" --threads 2
  local base="http://127.0.0.1:$PORT" ref="http://127.0.0.1:$NGINX_PORT" access="$WORK/access-$backend.log"

  # --- preparation (not timed)
  local t0=$SECONDS
  log "$label: $LEARNERS accounts (POST /api/users)"
  timeout "$PREP_LIMIT" "${LOAD[@]}" users --base "$base" --dir "$dir" --learners "$LEARNERS" \
    --email admin@example.org "--password=$password" >"$dir/users.json"
  make_tokens "$dir"
  sql "$backend" "$db" <"$dir/tokens.sql" >/dev/null
  log "$label: tokens inserted; enrolling every learner and visiting the modules"
  timeout "$PREP_LIMIT" "${LOAD[@]}" enrol --base "$base" --dir "$dir" --concurrency "$CONCURRENCY" >"$dir/enrol.json"
  alive "after enrolling" "$backend"
  local prep_s=$((SECONDS - t0))

  # --- 1. synchronised start, then the same pattern at nginx
  log "$label: $LEARNERS learners start the quiz within $SPREAD_MS ms"
  local from to fds_max f_start f_started f_submit f_submitted
  f_start=$(pg_failures)
  from=$(wc -l <"$access")
  sample_fds "$dir/fds" &
  SAMPLER_PID=$!
  timeout "$PHASE_LIMIT" "${LOAD[@]}" start --base "$base" --dir "$dir" --spread-ms "$SPREAD_MS" \
    --bodies "$dir/bodies" >"$dir/start.json"
  kill "$SAMPLER_PID" 2>/dev/null || true
  wait "$SAMPLER_PID" 2>/dev/null || true
  SAMPLER_PID=""
  fds_max=$(cat "$dir/fds" 2>/dev/null || echo "?")
  sleep 0.5  # the last access-log lines
  to=$(wc -l <"$access")
  f_started=$(pg_failures)
  alive "after the synchronised start" "$backend"
  [ -s "$dir/bodies/start.json" ] || { log "FAIL: no attempt was started"; cat "$dir/start.json" >&2; exit 1; }
  read -r S_SRV50 S_SRV99 S_SRVMAX <<<"$(server_ms "$access" "$from" "$to" POST '/api/quizzes/{id:int}/attempts')"
  read -r A_SRV50 A_SRV99 A_SRVMAX <<<"$(server_ms "$access" "$from" "$to" PUT '/api/attempts/{id:int}/answers/{position:int}')"
  mkdir -p "$WORK/nginx/www"
  cp "$dir/bodies/start.json" "$dir/bodies/save.json" "$WORK/nginx/www/"
  log "$label: the same pattern at nginx"
  timeout "$PHASE_LIMIT" "${LOAD[@]}" start --reference --base "$ref" --dir "$dir" --spread-ms "$SPREAD_MS" \
    >"$dir/start-nginx.json"

  # --- 2. grading
  log "$label: answering the other questions of every attempt (not timed)"
  t0=$SECONDS
  timeout "$PREP_LIMIT" "${LOAD[@]}" answer --base "$base" --dir "$dir" --concurrency "$CONCURRENCY" >"$dir/answer.json"
  local answer_s=$((SECONDS - t0)) certs_before certs_after done_before done_after
  certs_before=$(echo "SELECT COUNT(*) FROM certificate;" | sql "$backend" "$db")
  done_before=$(echo "SELECT COUNT(*) FROM enrolment WHERE completed_at IS NOT NULL;" | sql "$backend" "$db")
  log "$label: submitting every attempt, $CONCURRENCY in flight"
  f_submit=$(pg_failures)
  from=$(wc -l <"$access")
  timeout "$PHASE_LIMIT" "${LOAD[@]}" submit --base "$base" --dir "$dir" --concurrency "$CONCURRENCY" \
    --bodies "$dir/bodies" >"$dir/submit.json"
  sleep 0.5
  to=$(wc -l <"$access")
  f_submitted=$(pg_failures)
  alive "after submitting" "$backend"
  read -r U_SRV50 U_SRV99 U_SRVMAX <<<"$(server_ms "$access" "$from" "$to" POST '/api/attempts/{id:int}/submit')"
  certs_after=$(echo "SELECT COUNT(*) FROM certificate;" | sql "$backend" "$db")
  done_after=$(echo "SELECT COUNT(*) FROM enrolment WHERE completed_at IS NOT NULL;" | sql "$backend" "$db")
  [ -s "$dir/bodies/submit.json" ] || { log "FAIL: no attempt was submitted"; cat "$dir/submit.json" >&2; exit 1; }
  cp "$dir/bodies/submit.json" "$WORK/nginx/www/"
  timeout "$PHASE_LIMIT" "${LOAD[@]}" submit --reference --base "$ref" --dir "$dir" --concurrency "$CONCURRENCY" \
    >"$dir/submit-nginx.json"

  local hwm served errors5
  hwm=$(awk '$1=="VmHWM:" {printf "%.0f", $2 / 1024}' "/proc/$BSG_PID/status")
  served=$(wc -l <"$access")
  errors5=$(grep -c '"status":5' "$access" || true)
  kill -TERM "$BSG_PID"
  local rc=0
  wait "$BSG_PID" || rc=$?
  BSG_PID=""
  if grep -qE ' (error|warning) ' "$WORK/bsg-$backend.log"; then
    log "$label: bsg's log has warnings or errors:"
    grep -E ' (error|warning) ' "$WORK/bsg-$backend.log" | sort -k2 | uniq -c -f2 | head -20 >&2
  fi
  [ "$rc" -eq 0 ] || { log "FAIL: bsg serve exited $rc on SIGTERM"; exit 1; }
  if [ "$backend" = postgresql ]; then
    scripts/pg-test-server.sh stop "$PG_DIR" >/dev/null
    PG_DIR=""
  fi

  # --- Markdown
  local s="$dir/start.json" n="$dir/start-nginx.json" u="$dir/submit.json" un="$dir/submit-nginx.json"
  errs() {  # errors of one kind as "0" or "12 (503 server.busy: 12)"
    js "$1" "(() => { const x = r.$2; const e = x.requests - x.ok;
      return e ? e + ' (' + Object.entries(x.errors).map(([k, v]) => k + ': ' + v).join(', ') + ')' : '0'; })()"
  }
  row() {  # FILE KIND LABEL NGINX_FILE SERVER_P99
    local p99 np99
    p99=$(js "$1" "r.$2.p99")
    np99=$(js "$4" "r.$2.p99")
    echo "| $label | $3 | $(js "$1" "r.$2.requests") | $(errs "$1" "$2") | $(js "$1" "r.$2.p50") |" \
      "$(js "$1" "r.$2.p95") | **$p99** | $(js "$1" "r.$2.max") | $5 | $np99 | $(ratio "$p99" "$np99")x |"
  }
  {
    row "$s" start "start attempt (POST /api/quizzes/{id}/attempts)" "$n" "$S_SRV99"
    row "$s" save "save answer (PUT /api/attempts/{id}/answers/1)" "$n" "$A_SRV99"
  } >"$WORK/start-rows-$backend.md"
  {
    echo "| $label | $(js "$u" r.attempts) | $(errs "$u" submit) | $(js "$u" r.submit.mean) |" \
      "$(js "$u" r.submit.p50) | **$(js "$u" r.submit.p99)** | $(js "$u" r.submit.max) | $U_SRV99 |" \
      "$(awk -v w="$(js "$u" r.wall_ms)" 'BEGIN { printf "%.1f", w / 1000 }') | $(js "$u" r.per_attempt_ms) |" \
      "$(js "$u" r.passed) | $((certs_after - certs_before)) | $(js "$un" r.submit.p99) | $(js "$un" r.per_attempt_ms) |" \
      "$(ratio "$(js "$u" r.per_attempt_ms)" "$(js "$un" r.per_attempt_ms)")x |"
  } >"$WORK/submit-rows-$backend.md"
  {
    echo "- $label: preparation $prep_s s (accounts $(js "$dir/users.json" 'r.seconds.toFixed(0)') s,"
    echo "  enrolment and $(js "$dir/course.json" r.module_ids.length) module visits per learner"
    echo "  $(js "$dir/enrol.json" 'r.seconds.toFixed(0)') s); the other $(js "$dir/answer.json" r.answers) answers"
    echo "  $answer_s s, $CONCURRENCY in flight. Preparation requests answered 503 and sent again:"
    echo "  $(js "$dir/users.json" r.retried) creating accounts, $(js "$dir/enrol.json" r.retried) enrolling and visiting,"
    echo "  $(js "$dir/answer.json" r.retried) answering. Start: the client's sends ran up to $(js "$s" r.launch_lag_max_ms) ms late"
    echo "  (nginx run: $(js "$n" r.launch_lag_max_ms) ms); the last answer came $(js "$s" r.wall_ms) ms after the"
    echo "  first send (nginx: $(js "$n" r.wall_ms) ms); bsg's time per request in its access log (p50 / p99 / max):"
    echo "  start $S_SRV50 / $S_SRV99 / $S_SRVMAX ms, save $A_SRV50 / $A_SRV99 / $A_SRVMAX ms,"
    echo "  submit $U_SRV50 / $U_SRV99 / $U_SRVMAX ms. Connections: $(js "$s" r.connections_opened) of $LEARNERS opened in"
    echo "  $(js "$s" r.connect_ms) ms (refused or failed: $(js "$s" "Object.entries(r.connect_errors).map(([k, v]) => k + ' ' + v).join(', ') || 'none'")); open files of bsg serve at"
    echo "  most $fds_max during the start (limit $FD_LIMIT)."
    echo "  $((done_after - done_before)) enrolments completed by the submissions."
    if [ "$f_start" != "-" ]; then
      echo "  Serialization failures in PostgreSQL's log (each a transaction rolled back, retried by"
      echo "  bsg up to 5 times, then 503): $f_start during the preparation, $((f_started - f_start)) during the"
      echo "  start, $((f_submitted - f_submit)) during the submissions."
    fi
    echo "  $served requests answered in all, $errors5 of them 5xx; peak memory (VmHWM) $hwm MiB."
  } >"$WORK/notes-$backend.md"
  # Aims: p99 of both timed requests within AIM_P99_MS, no error at all.
  local verdict
  verdict=$(js "$s" "(() => { const e = (r.start.requests - r.start.ok) + (r.save.requests - r.save.ok);
    const p = Math.max(r.start.p99, r.save.p99);
    const holds = e === 0 && p <= $AIM_P99_MS && r.start.requests === r.learners && r.save.requests === r.learners;
    return (holds ? '**holds**' : '**does not hold**') + ': worst p99 ' + p + ' ms, ' + e + ' error(s)'; })()")
  echo "- $label: $verdict." >"$WORK/aims-$backend.md"
}

T0=$(date +%s)
LOADAVG=$(cut -d' ' -f1 /proc/loadavg)
for b in $BACKENDS; do
  case "$b" in
    sqlite) measure_backend sqlite SQLite ;;
    postgresql) measure_backend postgresql PostgreSQL ;;
  esac
done
log "done in $(($(date +%s) - T0)) s"

echo "## Online course: $LEARNERS learners start the final assessment at once, and grading"
echo
echo "The A.1 course of the demo data (\`bsg seed --demo\`: final assessment of 20 questions, 30"
echo "minutes), $VERSION, $(nproc) cores; \`bsg serve --threads 2\` with its access log written to a file,"
echo "nginx $NGINX_VERSION with 2 workers and an access log as the reference; bench/course_load.mjs (Node"
echo "$(node --version), one process) drives both over loopback, without Accept-Encoding. The $LEARNERS"
echo "learners are accounts made through the API, each with an API token (\`Authorization: Bearer\`,"
echo "written into the throwaway database as identity writes them, since signing in would cost"
echo "$LEARNERS argon2id hashes), enrolled and through every module before anything is timed."
echo "Latencies are the client's, from sending the request to the last byte of the answer; an"
echo "error is any non-2xx answer, failed connection, or request unanswered after 60 s. SQLite's"
echo "file is on the work folder's disk, where a synchronous 4 kB write took $FSYNC_MS ms when the"
echo "section started (SQLite in WAL mode with synchronous=FULL waits for one such flush per"
echo "transaction); the throwaway PostgreSQL (scripts/pg-test-server.sh) runs with fsync and"
echo "synchronous_commit off, so its figures leave the flush out. Load average when the section"
echo "started: $LOADAVG."
echo
echo "### Synchronised start"
echo
echo "The $LEARNERS learners' connections are opened first (not timed: browsers with the quiz page open),"
echo "then learner i sends \"start attempt\" at i x $SPREAD_MS / $LEARNERS ms over its own connection and"
echo "saves an answer to the first question as soon as the attempt"
echo "(about $(($(stat -c %s "$WORK/nginx/www/start.json") / 1024)) kB: the 20 questions) arrives. nginx gets the same requests (method,"
echo "headers, bodies) in the same pattern and answers each with a static copy of bsg's answer"
echo "(POST and PUT allowed through \`error_page 405 =200\`). \"bsg own p99\" is the p99 of"
echo "\`duration_ms\` in bsg's access log: from the request read to its answer handed to the socket,"
echo "without the time the request waited for one of the 2 threads."
echo
echo "| backend | request | requests | errors | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | bsg own p99 (ms) | nginx p99 (ms) | p99 bsg/nginx |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for b in $BACKENDS; do cat "$WORK/start-rows-$b.md"; done
echo
echo "### Grading: $LEARNERS attempts submitted, $CONCURRENCY at a time"
echo
echo "A submission (POST /api/attempts/{id}/submit), in one transaction: the attempt read"
echo "with its 20 questions (as given: version and answer order) and saved answers, graded"
echo "exactly (integers), the grade stored, an audit event, then the completion rule (every"
echo "module visited, the final assessment at 80% or more under the quiz's grading method) and,"
echo "when it is met, the enrolment completed and the certificate issued: a fresh code, the"
echo "learner's name from the registry, a random free index in the revocation list (the indexes"
echo "in use read to find one), and its audit event; then the graded attempt read again and"
echo "answered with each question's points and review. The certificate's credential is signed"
echo "and its PDF drawn when they are asked for, not here. Learner i answered 10 + i mod 11 of 20"
echo "questions right, so 5 in 11 pass. The reference: the same submissions to nginx serving"
echo "bsg's answer as a static file."
echo
echo "| backend | attempts | errors | mean (ms) | p50 (ms) | p99 (ms) | max (ms) | bsg own p99 (ms) | wall (s) | wall / attempt (ms) | passed | certificates issued | nginx p99 (ms) | nginx wall / attempt (ms) | wall / attempt bsg/nginx |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for b in $BACKENDS; do cat "$WORK/submit-rows-$b.md"; done
echo
echo "Notes:"
echo
for b in $BACKENDS; do cat "$WORK/notes-$b.md"; done
echo
echo "### Aims"
echo
echo "$LEARNERS learners starting within $SPREAD_MS ms: \"start attempt\" and \"save answer\" each with a p99"
echo "of $AIM_P99_MS ms or less, and no error."
echo
for b in $BACKENDS; do cat "$WORK/aims-$b.md"; done
