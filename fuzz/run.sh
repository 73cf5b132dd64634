#!/usr/bin/env bash
# Builds the course module's fuzzers with clang's libFuzzer under ASan and UBSan, runs each for
# FUZZ_SECONDS (default 60) and prints, per target, the executions, the executions per second
# and the crashes (0, or the saved inputs). Exits non-zero when a target crashed (a sanitizer
# report, a broken round trip, a timeout or running out of memory) or could not be built.
#
#   fuzz/run.sh                       every target, 60 seconds each
#   FUZZ_SECONDS=5 fuzz/run.sh        a smoke run
#   fuzz/run.sh course_gift_fuzzer    one target
#
# The seeds are in fuzz/corpus/<target>/: the files the module's tests read (test-*), the inputs
# of crashes found and fixed (crash-*) and hostile shapes (bomb-*: entity expansion, deep
# nesting, long lines of unclosed tokens, long names and categories). FUZZ_BUILD_DIR (default
# build-fuzz) holds the binaries, the working corpus of each target (the seeds plus what the
# runs found, kept from run to run), the crash inputs under artifacts/<target>/ and each run's
# log. Only the sources the parsers need are compiled: no CMake build is involved. Reproduce a
# crash with
#   build-fuzz/<target> build-fuzz/artifacts/<target>/crash-...
set -uo pipefail
cd "$(dirname "$0")/.."

FUZZ_SECONDS=${FUZZ_SECONDS:-60}
BUILD_DIR=${FUZZ_BUILD_DIR:-build-fuzz}
CXX=${FUZZ_CXX:-clang++}
CXXFLAGS=(-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -std=c++20 -g -O1
  -Wall -Wextra -Werror -I. -Isrc)
# Every target, with the sources it is linked from.
declare -A SOURCES=(
  [course_gift_fuzzer]="fuzz/course_gift_fuzzer.cc src/modules/course/gift.cc src/platform/text.cc"
  [course_moodle_xml_fuzzer]="fuzz/course_moodle_xml_fuzzer.cc src/modules/course/moodle_xml.cc src/platform/text.cc"
)
declare -A DICTS=(
  [course_gift_fuzzer]=fuzz/gift.dict
  [course_moodle_xml_fuzzer]=fuzz/moodle_xml.dict
)
declare -A NEEDS_LIBXML=([course_moodle_xml_fuzzer]=1)

if [[ $# -gt 0 ]]; then
  TARGETS=("$@")
else
  TARGETS=(course_gift_fuzzer course_moodle_xml_fuzzer)
fi
if ! [[ $FUZZ_SECONDS =~ ^[1-9][0-9]*$ ]]; then
  echo "fuzz: FUZZ_SECONDS must be a whole number of seconds, not '$FUZZ_SECONDS'" >&2
  exit 2
fi
if ! command -v "$CXX" >/dev/null; then
  echo "fuzz: $CXX not found (apt-get install clang)" >&2
  exit 2
fi

mkdir -p "$BUILD_DIR/logs"
failed=0

# Builds `target` unless its binary is newer than every file it is made from.
build() {
  local target=$1 binary=$BUILD_DIR/$1
  local -a sources libs=()
  read -ra sources <<<"${SOURCES[$target]}"
  if [[ -n ${NEEDS_LIBXML[$target]:-} ]]; then
    read -ra libs <<<"$(pkg-config --cflags --libs libxml-2.0)" || return 1
  fi
  if [[ -x $binary ]] && [[ -z $(find "${sources[@]}" fuzz/round_trip.h src/modules/course/*.h \
    src/platform/text.h fuzz/run.sh -newer "$binary" 2>/dev/null) ]]; then
    return 0
  fi
  echo "fuzz: building $target"
  "$CXX" "${CXXFLAGS[@]}" "${sources[@]}" "${libs[@]}" -o "$binary"
}

# Runs `target` for FUZZ_SECONDS and prints its line of the summary.
run() {
  local target=$1
  local corpus=$BUILD_DIR/corpus/$target artifacts=$BUILD_DIR/artifacts/$target
  local log=$BUILD_DIR/logs/$target.log
  mkdir -p "$corpus" "$artifacts"
  # The working corpus starts from the seeds and keeps what earlier runs found.
  cp -n fuzz/corpus/"$target"/* "$corpus"/ 2>/dev/null
  local marker
  marker=$(mktemp)
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$BUILD_DIR/$target" "$corpus" -dict="${DICTS[$target]}" -max_len=65536 -timeout=5 \
    -rss_limit_mb=2048 -max_total_time="$FUZZ_SECONDS" -print_final_stats=1 \
    -artifact_prefix="$artifacts/" >"$log" 2>&1
  local status=$?
  local executions rate
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  local -a crashes=()
  mapfile -t crashes < <(find "$artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o \
    -name 'timeout-*' -o -name 'oom-*' \) -newer "$marker" | sort)
  rm -f "$marker"
  if [[ ${#crashes[@]} -eq 0 && $status -ne 0 ]]; then
    crashes=("exit status $status, see $log")
  fi
  printf '%-26s executions %-10s exec/s %-7s crashes %s\n' "$target" "${executions:-?}" \
    "${rate:-?}" "$([[ ${#crashes[@]} -eq 0 ]] && echo 0 || echo "${crashes[*]}")"
  [[ ${#crashes[@]} -eq 0 ]]
}

for target in "${TARGETS[@]}"; do
  if [[ -z ${SOURCES[$target]:-} ]]; then
    echo "fuzz: no target $target (targets: ${!SOURCES[*]})" >&2
    exit 2
  fi
  if ! build "$target"; then
    echo "fuzz: building $target failed" >&2
    failed=1
    continue
  fi
done
[[ $failed -eq 0 ]] || exit 1

echo "fuzz: running each target for ${FUZZ_SECONDS}s (logs in $BUILD_DIR/logs/)"
for target in "${TARGETS[@]}"; do
  run "$target" || failed=1
done
exit $failed
