#!/usr/bin/env bash
# Security scan (`make security`): SQL injection probing with Debian's sqlmap against a throwaway
# `bsg serve` on loopback. Builds nothing: uses build/bsg (or $BSG_BINARY).
#
#   1. a fresh SQLite database in a temporary folder: migrate, seed --demo (prints the demo
#      admin's password), serve on a free 127.0.0.1 port;
#   2. signs in as the demo admin and creates a read-only API token for the read endpoints;
#   3. runs sqlmap (batch mode, level 2, risk 1, techniques B, E, U; each run bounded by
#      `timeout`) against
#        POST /api/session          JSON body, both fields marked as injection points
#        GET  /api/audit?record=&by=&since=&until=   with the API token
#        GET  /api/users?q=&role=&disabled=          with the API token
#   4. prints one line per target and exits non-zero when sqlmap reports an injectable parameter,
#      when a payload caused a 500, or when a run does not finish.
#
# Sign-in rate limits: this server alone runs with BSG_IDENTITY_MAX_FAILURES_PER_ADDRESS and
# BSG_IDENTITY_MAX_FAILURES_PER_ACCOUNT raised, because sqlmap sends hundreds of failing sign-ins
# from 127.0.0.1 and would otherwise see 429s instead of the sign-in code's real answers.
#
# Environment: BSG_BINARY (default build/bsg), SQLMAP_TIMEOUT (seconds per target, default 600:
# the sign-in target costs one argon2id hash per request),
# KEEP=1 keeps the work folder (sqlmap logs, server log) for inspection.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BSG=${BSG_BINARY:-$ROOT/build/bsg}
SQLMAP_TIMEOUT=${SQLMAP_TIMEOUT:-600}

die() { echo "security: $*" >&2; exit 1; }
[[ -x "$BSG" ]] || die "$BSG is not built (make build)"
command -v sqlmap >/dev/null || die "sqlmap is not installed (apt-get install sqlmap)"
command -v curl >/dev/null || die "curl is not installed"

WORK=$(mktemp -d /tmp/bsg-security.XXXXXX)
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then
    kill "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  fi
  if [[ "${KEEP:-0}" == 1 ]]; then echo "security: kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

DB="sqlite://$WORK/bsg.db"
"$BSG" --database "$DB" migrate >"$WORK/migrate.log" 2>&1 || die "migrate failed: $(cat "$WORK/migrate.log")"
"$BSG" --database "$DB" seed --demo >"$WORK/seed.log" 2>&1 || die "seed failed: $(cat "$WORK/seed.log")"
PASSWORD=$(sed -n 's|^demo admin: admin@example.org / ||p' "$WORK/seed.log")
[[ -n "$PASSWORD" ]] || die "seed --demo printed no demo admin password"

PORT=$(python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()')
BASE="http://127.0.0.1:$PORT"

BSG_IDENTITY_MAX_FAILURES_PER_ADDRESS=1000000 BSG_IDENTITY_MAX_FAILURES_PER_ACCOUNT=1000000 \
  BSG_ACCESS_LOG=false "$BSG" --database "$DB" serve --host 127.0.0.1 --port "$PORT" \
  >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!

for _ in $(seq 1 100); do
  curl -fs "$BASE/api/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || die "bsg serve exited: $(tail -5 "$WORK/serve.log")"
  sleep 0.1
done
curl -fs "$BASE/api/health" >/dev/null || die "bsg serve did not answer on $BASE"
# A stale server with SO_REUSEPORT could share the port: make sure the listener is ours.
if command -v ss >/dev/null; then
  ss -ltnpH "sport = :$PORT" | grep -q "pid=$SERVER_PID," ||
    die "port $PORT is not served by our bsg (pid $SERVER_PID)"
fi

# Sign in, then create a read-only API token for the read endpoints.
JAR="$WORK/cookies"
SIGNIN=$(curl -fs -c "$JAR" -H 'Content-Type: application/json' \
  --data "{\"email\":\"admin@example.org\",\"password\":\"$PASSWORD\"}" "$BASE/api/session") ||
  die "cannot sign in as the demo admin"
CSRF=$(python3 -c 'import json, sys; print(json.load(sys.stdin)["csrf_token"])' <<<"$SIGNIN")
TOKEN_JSON=$(curl -fs -b "$JAR" -H 'Content-Type: application/json' -H "X-CSRF-Token: $CSRF" \
  --data '{"name":"sqlmap","scopes":["read"],"expires_in_days":1}' "$BASE/api/tokens") ||
  die "cannot create an API token"
TOKEN=$(python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])' <<<"$TOKEN_JSON")

status=0
# run_sqlmap NAME [sqlmap arguments...]: prints one line; sets status=1 on a finding or no verdict.
run_sqlmap() {
  local name=$1
  shift
  local out="$WORK/sqlmap-${name//[^a-z]/_}"
  mkdir -p "$out"
  timeout "$SQLMAP_TIMEOUT" sqlmap --batch --level=2 --risk=1 --technique=BEU --flush-session \
    --timeout=5 --time-sec=1 --retries=1 --threads=1 --disable-coloring \
    --output-dir="$out" "$@" >"$out/log.txt" 2>&1
  local rc=$?
  if grep -q "identified the following injection point" "$out/log.txt"; then
    echo "sqlmap $name: INJECTABLE"
    sed -n '/identified the following injection point/,/^---$/p' "$out/log.txt" | head -30
    status=1
  elif grep -q "500 (Internal Server Error)" "$out/log.txt"; then
    # Not a finding by itself, but a payload reached a code path that failed: look at it.
    echo "sqlmap $name: no injection found, but some payloads caused 500 errors"
    status=1
  elif grep -q "do not appear to be injectable" "$out/log.txt"; then
    echo "sqlmap $name: no injectable parameter found"
  else
    echo "sqlmap $name: no verdict (exit $rc); last lines:"
    tail -5 "$out/log.txt"
    status=1
  fi
}

run_sqlmap "POST /api/session (email, password)" -u "$BASE/api/session" \
  --method=POST --headers="Content-Type: application/json" \
  --data='{"email":"admin@example.org*","password":"not-the-password*"}' --ignore-code=401

run_sqlmap "GET /api/audit (record, by, since, until)" \
  -u "$BASE/api/audit?record=user%3A1&by=1&since=2020-01-01&until=2100-01-01&limit=20" \
  -p "record,by,since,until" --headers="Authorization: Bearer $TOKEN"

run_sqlmap "GET /api/users (q, role, disabled)" \
  -u "$BASE/api/users?q=admin&role=admin&disabled=false" \
  -p "q,role,disabled" --headers="Authorization: Bearer $TOKEN"

kill -0 "$SERVER_PID" 2>/dev/null || { echo "security: bsg serve died during the scan"; status=1; }
if [[ $status -eq 0 ]]; then echo "security: passed"; else echo "security: FAILED"; fi
exit $status
