#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds the ASan+UBSan and release builds,
# starts a throwaway PostgreSQL, runs every suite and prints one summary line:
#   N passed, N failed, N skipped
# Exits non-zero when anything failed or a suite could not run.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

scripts/install-deps.sh || exit 1

WORK=$(mktemp -d /tmp/bsg-test.XXXXXX)
chmod 755 "$WORK"
PG_DIR="$WORK/pg"
cleanup() {
  scripts/pg-test-server.sh stop "$PG_DIR" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { printf '\n== %s\n' "$*"; }
fail_setup() { echo "test: $*" >&2; echo "0 passed, 1 failed"; exit 1; }

# One build: everything, the end-to-end and browser suites included, runs under ASan+UBSan.
step "build (ASan+UBSan)"
cmake --preset asan >/dev/null || fail_setup "cmake configure (asan) failed"
cmake --build --preset asan || fail_setup "asan build failed"

step "web build"
scripts/npm-ci.sh web || fail_setup "npm ci (web) failed"
npm --prefix web run --silent build || fail_setup "web build failed"
scripts/npm-ci.sh tests/browser || fail_setup "npm ci (tests/browser) failed"

step "PostgreSQL"
mkdir -p "$PG_DIR"
BSG_TEST_POSTGRES_URL=$(scripts/pg-test-server.sh start "$PG_DIR") || fail_setup "could not start PostgreSQL"
export BSG_TEST_POSTGRES_URL
echo "throwaway PostgreSQL at $BSG_TEST_POSTGRES_URL"

# One line "passed failed skipped" per suite; scripts/test-summary.py adds them up.
COUNTS="$WORK/counts"
: >"$COUNTS"
add_counts() {  # "P F S"
  echo "$1" >>"$COUNTS"
}

step "C++ suites (ASan+UBSan; SQLite and PostgreSQL)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build-asan -j2 --output-on-failure --output-junit "$WORK/ctest.xml" >"$WORK/ctest.log" 2>&1
ctest_rc=$?
tail -n 40 "$WORK/ctest.log"
# junit-counts.py counts a missing test binary, a missing or unreadable JUnit file, and a non-zero
# exit without a failed test as failures.
counts=$(python3 scripts/junit-counts.py "$WORK/ctest.xml" "$ctest_rc") || counts="0 1 0"
add_counts "$counts"

# Runs a node test command with the TAP reporter and adds its counts.
run_tap_suite() {  # name command...
  local name=$1; shift
  local out="$WORK/$name.tap"
  "$@" >"$out" 2>&1
  local rc=$?
  grep -E '^(# (tests|pass|fail|skipped) )' "$out" || true
  [ $rc -ne 0 ] && grep -B2 -A30 '^not ok' "$out" | head -80
  local p f s
  p=$(sed -n 's/^# pass \([0-9]*\)/\1/p' "$out" | tail -1)
  f=$(sed -n 's/^# fail \([0-9]*\)/\1/p' "$out" | tail -1)
  s=$(sed -n 's/^# skipped \([0-9]*\)/\1/p' "$out" | tail -1)
  add_counts "${p:-0} ${f:-0} ${s:-0}"
  if [ $rc -ne 0 ] && [ "${f:-0}" = 0 ]; then
    tail -20 "$out"
    add_counts "0 1 0"
  fi
}

step "web unit tests"
run_tap_suite web npm --prefix web test --silent -- --test-reporter=tap

step "browser and HTTP suites (headless Chromium)"
export BSG_BINARY="$ROOT/build-asan/bsg"
export LSAN_OPTIONS="suppressions=$ROOT/tests/support/lsan.supp:print_suppressions=0"
run_tap_suite browser node --test --test-reporter=tap tests/browser/*.test.mjs

echo
python3 scripts/test-summary.py "$COUNTS"
