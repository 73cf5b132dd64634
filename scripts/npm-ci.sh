#!/usr/bin/env bash
# Runs `npm ci` in DIR when its node_modules is missing or older than package-lock.json.
set -euo pipefail
dir=$1
stamp="$dir/node_modules/.bsg-npm-ci"
if [ ! -f "$stamp" ] || [ "$dir/package-lock.json" -nt "$stamp" ]; then
  npm --prefix "$dir" ci --no-audit --no-fund --loglevel=error >&2
  touch "$stamp"
fi
