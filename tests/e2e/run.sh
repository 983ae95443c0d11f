#!/usr/bin/env bash
# Runs the e2e suite against the built app (target/debug/skep, built with --features custom-protocol):
# a private D-Bus session with a throwaway unlocked gnome-keyring and temp HOME/XDG dirs
# (scripts/keyring-session.sh), a virtual X display (xvfb-run), and Node's test runner.
#
#   tests/e2e/run.sh                         # every tests/e2e/*.test.mjs
#   tests/e2e/run.sh tests/e2e/skeleton.test.mjs
#
# Failure artifacts (screenshot, page source, driver/app and sandbox logs) land in tests/e2e/out/.
set -euo pipefail
cd "$(dirname "$0")/../.."

target_dir="${CARGO_TARGET_DIR:-target}"
export SKEP_APP_BIN="${SKEP_APP_BIN:-$(realpath -m "$target_dir/debug/skep")}"
export SKEP_SANDBOX_BIN="${SKEP_SANDBOX_BIN:-$(realpath -m "$target_dir/debug/console-sandbox")}"
if [[ ! -x "$SKEP_APP_BIN" ]]; then
  echo "e2e: warning: $SKEP_APP_BIN is missing; build it with: cargo build -p skep --features custom-protocol" >&2
fi
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
command -v tauri-driver >/dev/null || { echo "e2e: tauri-driver is missing (make test installs it)" >&2; exit 1; }

mkdir -p tests/e2e/out

# WebKitGTK's DMA-BUF renderer paints nothing under Xvfb (white screenshots); use the shared-memory path.
export WEBKIT_DISABLE_DMABUF_RENDERER=1

if [[ $# -eq 0 ]]; then
  set -- tests/e2e/selftest/*.test.mjs tests/e2e/*.test.mjs
fi

# 1280x1024x24: room for the 1200x800 window (xvfb-run's default screen is 640x480x8).
exec scripts/keyring-session.sh \
  xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" \
  node --test --test-concurrency=1 --test-reporter=spec "$@"
