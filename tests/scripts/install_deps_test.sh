#!/usr/bin/env bash
# scripts/install-deps.sh waits for a package manager that holds the apt locks instead of failing,
# and still fails on other errors. Fakes apt-get and dpkg-query on PATH (nothing is installed).
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/bin"
# Every package looks missing.
cat >"$WORK/bin/dpkg-query" <<'SH'
#!/usr/bin/env bash
exit 1
SH
# apt-get: `update` reports the lists lock held for the first $LOCKED calls, then succeeds;
# `install` succeeds, or fails with $INSTALL_ERROR when set. Every call is logged.
cat >"$WORK/bin/apt-get" <<'SH'
#!/usr/bin/env bash
echo "$*" >>"$FAKE_DIR/calls"
n=$(grep -c ' update' "$FAKE_DIR/calls")
if [[ " $* " == *" update "* ]]; then
  if [ "$n" -le "${LOCKED:-0}" ]; then
    echo "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 1 (apt-get)" >&2
    exit 100
  fi
  exit 0
fi
if [ -n "${INSTALL_ERROR:-}" ]; then echo "E: $INSTALL_ERROR" >&2; exit 100; fi
exit 0
SH
chmod +x "$WORK/bin/"*
export FAKE_DIR=$WORK BSG_APT_LOCK_POLL=0 PATH="$WORK/bin:$PATH"
failed=0
check() {  # name condition-result
  if [ "$2" -eq 0 ]; then echo "ok - $1"; else echo "not ok - $1"; failed=1; fi
}

rm -f "$WORK/calls"
LOCKED=2 "$ROOT/scripts/install-deps.sh" 2>"$WORK/err"
check "waits while the lists lock is held, then installs" $?
check "update was tried three times" $([ "$(grep -c ' update' "$WORK/calls")" -eq 3 ]; echo $?)
check "install asks apt to wait for the dpkg lock" \
  $(grep -q 'DPkg::Lock::Timeout=600 install' "$WORK/calls"; echo $?)
check "says it is waiting" $(grep -q 'holds the lock; waiting' "$WORK/err"; echo $?)

rm -f "$WORK/calls"
LOCKED=100 BSG_APT_LOCK_TIMEOUT=0 "$ROOT/scripts/install-deps.sh" 2>"$WORK/err"
check "gives up when the lock is held past the timeout" $([ $? -ne 0 ]; echo $?)
check "names the lock" $(grep -q 'Could not get lock' "$WORK/err"; echo $?)

rm -f "$WORK/calls"
INSTALL_ERROR="Unable to locate package nosuch" "$ROOT/scripts/install-deps.sh" 2>"$WORK/err"
check "other errors fail at once" $([ $? -ne 0 ]; echo $?)
check "other errors are not retried" $([ "$(grep -c ' install' "$WORK/calls")" -eq 1 ]; echo $?)
exit $failed
