#!/usr/bin/env bash
# `npm ci` in DIR when DIR/node_modules is missing or older than DIR/package-lock.json.
#   scripts/npm-ci-if-needed.sh ui
set -euo pipefail
dir="${1:?usage: $0 DIR}"
cd "$dir"
if [[ ! -f package-lock.json ]]; then
  echo "error: $dir/package-lock.json is missing (npm ci needs it)" >&2
  exit 1
fi
stamp=node_modules/.package-lock.json   # npm rewrites it on every install
if [[ ! -f "$stamp" || package-lock.json -nt "$stamp" ]]; then
  echo "==> npm ci ($dir)"
  start="$(date +%s)"
  npm ci --no-audit --no-fund
  touch "$stamp"
  echo "==> npm ci ($dir): ok ($(($(date +%s) - start)) s)"
fi
