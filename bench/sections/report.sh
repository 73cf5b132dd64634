#!/usr/bin/env bash
# Benchmark of the progress report (a bench/run.sh section: prints Markdown on stdout).
#
# For each scale (BENCH_REPORT_SCALES, default "1 10"; scale 1 is about ITU-T's size over ten
# years) and each backend (SQLite, and PostgreSQL through a throwaway server from
# scripts/pg-test-server.sh), it loads the synthetic programme, then times
#   - `bsg report --format pdf` for 2019-09-01..2020-03-31, end to end (process start to PDF on
#     disk), and the statistics part of it (`--timings`: counting);
#   - the same statistics as plain SQL (bench/sql/report_stats.sql) in the sqlite3 / psql shell
#     on the same database;
# and prints both and their ratio. Each figure is the best of BENCH_REPORT_RUNS runs (default 3).
# Progress and diagnostics go to stderr.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BSG=${BSG:-$ROOT/build/bsg}
SCALES=${BENCH_REPORT_SCALES:-"1 10"}
RUNS=${BENCH_REPORT_RUNS:-3}
SINCE=2019-09-01
UNTIL=2020-03-31
YEAR_START=2019-01-01
YEAR_END=2019-12-31

WORK=$(mktemp -d /tmp/bsg-bench-report.XXXXXX)
chmod 755 "$WORK"
PG_DIR="$WORK/pg"
PG_URL=""
cleanup() {
  if [ -n "$PG_URL" ]; then "$ROOT/scripts/pg-test-server.sh" stop "$PG_DIR" >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

log() { echo "bench report: $*" >&2; }

[ -x "$BSG" ] || { echo "bench report: $BSG is missing; build first" >&2; exit 1; }

seed_synthetic() {
  "$BSG" --database "$1" seed --synthetic --scale "$2" >&2
}

now() { date +%s.%N; }
elapsed_ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) * 1000 }'; }
min() { printf '%s\n' "$@" | sort -g | head -1; }

# Times the PDF report: prints "total_ms counting_ms".
time_pdf() {
  local db=$1 totals=() countings=()
  for _ in $(seq "$RUNS"); do
    local start end err
    start=$(now)
    err=$("$BSG" --database "$db" report --since "$SINCE" --until "$UNTIL" --format pdf \
      --out "$WORK/out" --timings 2>&1 >/dev/null)
    end=$(now)
    totals+=("$(elapsed_ms "$start" "$end")")
    countings+=("$(sed -n 's/.*counting \([0-9.]*\) ms.*/\1/p' <<<"$err")")
  done
  echo "$(min "${totals[@]}") $(min "${countings[@]}")"
}

# The study period in force on UNTIL and the one before, by id.
periods() {
  local query="SELECT id FROM study_period WHERE start_date <= '$UNTIL' ORDER BY start_date DESC LIMIT 2"
  if [ "$1" = sqlite ]; then sqlite3 "$2" "$query"; else psql -qAt "$2" -c "$query"; fi
}

# Times the plain SQL statistics: prints milliseconds (best run).
time_sql() {
  local backend=$1 target=$2 current previous times=()
  read -r current previous <<<"$(periods "$backend" "$target" | tr '\n' ' ')"
  previous=${previous:-0}
  local script="$WORK/stats-$backend.sql"
  if [ "$backend" = sqlite ]; then
    {
      echo ".parameter init"
      # The value is an SQL expression: quote it twice so that it stays text.
      echo ".parameter set :since \"'$SINCE'\""
      echo ".parameter set :until \"'$UNTIL'\""
      echo ".parameter set :year_start \"'$YEAR_START'\""
      echo ".parameter set :year_end \"'$YEAR_END'\""
      echo ".parameter set :period_current $current"
      echo ".parameter set :period_previous $previous"
      cat "$ROOT/bench/sql/report_stats.sql"
    } >"$script"
  else
    sed -E "s/:(since|until|year_start|year_end)\b/:'\1'/g" "$ROOT/bench/sql/report_stats.sql" >"$script"
  fi
  for _ in $(seq "$RUNS"); do
    local start end
    start=$(now)
    if [ "$backend" = sqlite ]; then
      sqlite3 "$target" <"$script" >/dev/null
    else
      psql -qAt -v ON_ERROR_STOP=1 -v since="$SINCE" -v until="$UNTIL" \
        -v year_start="$YEAR_START" -v year_end="$YEAR_END" -v period_current="$current" \
        -v period_previous="$previous" "$target" -f "$script" >/dev/null
    fi
    end=$(now)
    times+=("$(elapsed_ms "$start" "$end")")
  done
  min "${times[@]}"
}

counts() {  # people events registrations attendance positions
  local q="SELECT (SELECT COUNT(*) FROM person) || ' ' || (SELECT COUNT(*) FROM event) || ' ' ||
    (SELECT COUNT(*) FROM event_registration) || ' ' || (SELECT COUNT(*) FROM event_attendance) ||
    ' ' || (SELECT COUNT(*) FROM group_position)"
  if [ "$1" = sqlite ]; then sqlite3 "$2" "$q"; else psql -qAt "$2" -c "$q"; fi
}

ROWS=()
run_case() {
  local backend=$1 scale=$2 url=$3 target=$4
  log "$backend scale $scale: migrate and load"
  "$BSG" --database "$url" migrate >/dev/null
  local start end
  start=$(now)
  seed_synthetic "$url" "$scale"
  end=$(now)
  local load_s
  load_s=$(awk -v ms="$(elapsed_ms "$start" "$end")" 'BEGIN { printf "%.1f", ms / 1000 }')
  local people events regs days positions
  read -r people events regs days positions <<<"$(counts "$backend" "$target")"
  log "$backend scale $scale: PDF report"
  local total counting plain
  read -r total counting <<<"$(time_pdf "$url")"
  log "$backend scale $scale: plain SQL"
  plain=$(time_sql "$backend" "$target")
  local ratio
  ratio=$(awk -v a="$counting" -v b="$plain" 'BEGIN { printf "%.2f", a / b }')
  ROWS+=("| $backend | $scale | $people / $events / $regs / $days / $positions | $load_s | $total | $counting | $plain | ${ratio}x |")
}

for scale in $SCALES; do
  run_case sqlite "$scale" "sqlite://$WORK/report-$scale.db" "$WORK/report-$scale.db"
done
if command -v psql >/dev/null 2>&1 && PG_URL=$("$ROOT/scripts/pg-test-server.sh" start "$PG_DIR"); then
  for scale in $SCALES; do
    name="bench_report_${scale//./_}"
    psql -qAt "$PG_URL" -c "CREATE DATABASE $name" >/dev/null
    url="${PG_URL%/*}/$name"
    run_case postgresql "$scale" "$url" "$url"
  done
else
  log "no PostgreSQL server: PostgreSQL cases skipped"
fi

echo "## Progress report: PDF at scale, and its statistics against plain SQL"
echo
echo "\`bsg report --format pdf\` for $SINCE..$UNTIL on the synthetic programme (\`seed --synthetic --scale N\`:"
echo "N times ITU-T's size over ten years). *PDF* is the whole command, process start to file;"
echo "*statistics* is its counting phase (\`--timings\`); *plain SQL* runs the same queries"
echo "(bench/sql/report_stats.sql) in the sqlite3 / psql shell on the same database. Best of $RUNS."
echo
echo "| backend | scale | people / events / registrations / attendance days / positions | load (s) | PDF (ms) | statistics (ms) | plain SQL (ms) | ratio |"
echo "|---|---:|---|---:|---:|---:|---:|---:|"
for row in "${ROWS[@]}"; do echo "$row"; done
echo
echo "Aim: the PDF at scale 10 under 2000 ms; statistics within 1.5x of plain SQL."
