#!/usr/bin/env bash
# Installs the Debian 12 packages BSG Platform needs to build, run, test and benchmark.
# Idempotent and silent when nothing is missing. Run as root, or as a user with sudo.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config clang-format tzdata
  # platform libraries
  librestinio-dev libasio-dev libfmt-dev libhttp-parser-dev libcpp-httplib-dev
  libsqlite3-dev sqlite3 libpq-dev postgresql
  libsodium-dev libtomlplusplus-dev libcli11-dev libspdlog-dev nlohmann-json3-dev
  # documents, charts, spreadsheets
  libcairo2-dev libpango1.0-dev libqrencode-dev fonts-noto-core fonts-noto-cjk
  liborcus-dev libixion-dev libxlsxwriter-dev zlib1g-dev
  # the course: Moodle XML questions, Markdown pages
  libxml2-dev libcmark-dev
  # tests and benchmarks
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  chromium poppler-utils python3 python3-icalendar zbar-tools
  wrk nginx-light hyperfine sqlmap curl
  # make fuzz: libFuzzer with ASan and UBSan
  clang
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# Node.js: Debian's nodejs (18) with its npm, unless a Node.js with npm is already installed.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh machine often runs unattended upgrades at boot: wait for the dpkg and package-list
# locks (BSG_APT_LOCK_TIMEOUT seconds, default 600) instead of failing at once. apt-get waits for
# the dpkg lock itself (DPkg::Lock::Timeout) but not for the lists lock of `update`: retry that.
LOCK_TIMEOUT=${BSG_APT_LOCK_TIMEOUT:-600}
apt_get() {
  local deadline=$((SECONDS + LOCK_TIMEOUT)) out rc
  while :; do
    rc=0
    out=$($SUDO apt-get -o DPkg::Lock::Timeout="$LOCK_TIMEOUT" "$@" 2>&1) || rc=$?
    if [ $rc -eq 0 ]; then
      return 0
    fi
    if ! grep -qE "Could not get lock|Unable to lock|Unable to acquire the dpkg" <<<"$out" ||
       [ $SECONDS -ge $deadline ]; then
      printf '%s\n' "$out" >&2
      return $rc
    fi
    echo "install-deps: another package manager holds the lock; waiting" >&2
    sleep "${BSG_APT_LOCK_POLL:-5}"
  done
}
apt_get update -qq
apt_get install -y -qq --no-install-recommends "${missing[@]}"
