#!/usr/bin/env bash
# Importing 100,000 people with `bsg import people` on SQLite and on a throwaway PostgreSQL,
# against the sqlite3 shell's `.import --csv` of the same file into a plain table (the
# reference). Prints a Markdown section on stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BSG="$ROOT/build/bsg"
N=${BENCH_PEOPLE:-100000}
WORK=$(mktemp -d /tmp/bsg-bench-import.XXXXXX)
chmod 755 "$WORK"
cleanup() {
  scripts/pg-test-server.sh stop "$WORK/pg" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

python3 - "$WORK/people.csv" "$N" <<'PY'
import csv, sys
path, n = sys.argv[1], int(sys.argv[2])
given = ["Ama", "José", "Chen", "Dalia", "Émeka", "Farida", "Goran", "Hana", "Ivo", "Jamila"]
family = ["Sampleton", "Núñez", "Examplar", "Demoulin", "Testova", "Mockridge"]
countries = ["KE", "Côte d'Ivoire", "VUT", "France", "Sénégal", "", "BR", "IN", "Japon"]
genders = ["female", "male", "", "other"]
with open(path, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["given_name", "family_name", "email", "country", "gender", "languages"])
    for i in range(n):
        w.writerow([given[i % 10], family[i % 6], "person%d@example.org" % i,
                    countries[i % 9], genders[i % 4], "en fr"])
PY

seconds() { python3 -c "import time,sys; print(f'{time.time():.3f}')"; }
elapsed() { python3 -c "print(f'{$2 - $1:.2f}')"; }

# Reference: the sqlite3 shell importing the same file into a plain table.
T0=$(seconds)
sqlite3 "$WORK/ref.db" ".import --csv $WORK/people.csv people"
T1=$(seconds)
REF=$(elapsed "$T0" "$T1")

# The file is larger than an import's default limit (registry.import_max_rows, 50,000 rows).
export BSG_REGISTRY_IMPORT_MAX_ROWS=$((N + 1000))
failed() { echo "bench registry_import: bsg import failed on $1:" >&2; cat "$2" >&2; exit 1; }

# bsg on SQLite.
"$BSG" --database "sqlite://$WORK/bsg.db" migrate >/dev/null
T0=$(seconds)
"$BSG" --database "sqlite://$WORK/bsg.db" import people "$WORK/people.csv" >/dev/null 2>"$WORK/sqlite.err" ||
  failed SQLite "$WORK/sqlite.err"
T1=$(seconds)
SQLITE=$(elapsed "$T0" "$T1")

# bsg on PostgreSQL.
PG_URL=$(scripts/pg-test-server.sh start "$WORK/pg")
"$BSG" --database "$PG_URL" migrate >/dev/null
T0=$(seconds)
"$BSG" --database "$PG_URL" import people "$WORK/people.csv" >/dev/null 2>"$WORK/pg.err" ||
  failed PostgreSQL "$WORK/pg.err"
T1=$(seconds)
PG=$(elapsed "$T0" "$T1")

ratio() { python3 -c "print(f'{$1 / max($2, 0.001):.1f}')"; }
echo "## Import: $N people from CSV"
echo
echo "\`bsg import people FILE\` (every row checked: names folded, countries matched by code or"
echo "English/French name, emails checked for duplicates; one transaction, bulk insert) versus the"
echo "sqlite3 shell's \`.import --csv\` of the same file into a plain table, which checks nothing."
echo
echo "| run | seconds | ratio to sqlite3 .import |"
echo "|---|---:|---:|"
echo "| sqlite3 shell .import (reference) | $REF | 1.0 |"
echo "| bsg import, SQLite | $SQLITE | $(ratio "$SQLITE" "$REF") |"
echo "| bsg import, PostgreSQL (COPY) | $PG | $(ratio "$PG" "$REF") |"
