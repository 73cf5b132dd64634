#!/usr/bin/env bash
# Where the time of the read paths goes: `bsg serve` (release build, SQLite, demo data) under wrk,
# sampled with `perf record --call-graph dwarf`, for GET /api/health, /api/events?limit=50 and
# /api/countries?class=ldc&on=2020-01-01 anonymously, and /api/events?limit=50 with a read-only API
# token. Prints Markdown: req/s and p99 per route, and the
# project's frames that hold the most time (inclusive, as in a flame graph's wide boxes).
# Usage: PROFILE_LABEL=after bench/profile_read_paths.sh > bench/profiles/read_paths_after.md
# (bench/run.sh appends bench/profiles/*.md to RESULTS.md; the label names the snapshot). Needs perf (Debian linux-perf) and wrk; loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BSG=${BSG:-$ROOT/build/bsg}
SECONDS_PER_ROUTE=${PROFILE_SECONDS:-4}
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
bench_init bsg-profile
command -v perf >/dev/null || { echo "profile: perf is missing (apt-get install linux-perf)" >&2; exit 1; }
[ -x "$BSG" ] || { echo "profile: $BSG is missing; build first" >&2; exit 1; }

PORT=$(free_port)
"$BSG" --database "sqlite://$WORK/p.db" migrate >/dev/null
"$BSG" --database "sqlite://$WORK/p.db" seed --demo >"$WORK/seed.txt"
BSG_DATA_DIR="$ROOT/data" "$BSG" --database "sqlite://$WORK/p.db" serve --port "$PORT" \
  >/dev/null 2>"$WORK/bsg.log" &
BSG_PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && break; sleep 0.1; done
# A read-only API token of the demo admin, for the signed-in route.
TOKEN=$(python3 "$ROOT/bench/route_list.py" token "http://127.0.0.1:$PORT" admin@example.org \
  "$(awk '/demo admin:/ {print $NF; exit}' "$WORK/seed.txt")")

echo "## Profile of the read paths${PROFILE_LABEL:+, $PROFILE_LABEL} ($(git -C "$ROOT" rev-parse --short HEAD), $(date -u +%Y-%m-%d))"
echo
echo "\`bsg serve\` (release build with debug information, SQLite, demo data, default threads: $(nproc)) under"
echo "\`wrk -t2 -c64\`; \`perf record -F 199 --call-graph dwarf\` for ${SECONDS_PER_ROUTE}s per route."
echo "The frames are the project's functions holding the most samples, inclusive of what they"
echo "call (the wide boxes of a flame graph), in percent of the server's samples."
for route in "/api/health" "/api/events?limit=50" "/api/countries?class=ldc&on=2020-01-01" \
  "signed-in /api/events?limit=50"; do
  auth=()
  if [[ $route == "signed-in "* ]]; then
    route=${route#signed-in }
    auth=(-H "Authorization: Bearer $TOKEN")
  fi
  url="http://127.0.0.1:$PORT$route"
  bytes=$(curl -s "${auth[@]}" "$url" | wc -c)
  wrk -t2 -c64 -d"$((SECONDS_PER_ROUTE + 3))s" --latency "${auth[@]}" "$url" >"$WORK/wrk.txt" &
  wrk_pid=$!
  sleep 1
  perf record -q -F 199 --call-graph dwarf,16384 -p "$BSG_PID" -o "$WORK/perf.data" \
    -- sleep "$SECONDS_PER_ROUTE" >/dev/null 2>&1
  wait "$wrk_pid"
  rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$WORK/wrk.txt")
  p99=$(awk '$1=="99%" {print $2}' "$WORK/wrk.txt")
  echo
  echo "### GET $route${auth:+ with an API token} ($bytes bytes): $rps req/s, p99 $p99 (while sampled)"
  echo
  echo "| inclusive | self | frame |"
  echo "|---:|---:|---|"
  perf report -i "$WORK/perf.data" --children --stdio --percent-limit 1.5 -g none 2>/dev/null |
    grep -E '^ +[0-9]' |
    sed -E 's/\(anonymous namespace\):://g; s/std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >/string/g' |
    awk '{ inc=$1; self=$2; $1=$2=$3=$4=$5=""; sub(/^ +/, "")
           if ($0 !~ /^(bsg::|sqlite3_step|sqlite3_prepare|sqlite3Reprepare|nlohmann::.*(dump|serializer)|malloc$|_int_malloc|_int_free|cfree|__libc_sendmsg|__GI___writev|writev|__send|tcp_sendmsg)/) next
           if ($0 ~ /^bsg::http::(Core|RequestHandler)/) next
           name=substr($0, 1, 100); if (!seen[name]++ && n++ < 16) printf "| %s | %s | `%s` |\n", inc, self, name }'
done
