#!/usr/bin/env bash
# Runs the e2e suite against the built app (target/debug/skep, built with --features custom-protocol):
# a private D-Bus session with a throwaway unlocked gnome-keyring and temp HOME/XDG dirs
# (scripts/keyring-session.sh), a virtual X display (xvfb-run), and Node's test runner.
#
#   tests/e2e/run.sh                         # every tests/e2e/*.test.mjs
#   tests/e2e/run.sh tests/e2e/skeleton.test.mjs
#
# Failure artifacts (screenshot, page source, driver/app and sandbox logs) land in tests/e2e/out/.
#
# After the test files, tests/e2e/final/secret-scan.test.mjs searches everything the apps could
# have written (the session dir, TMPDIR inside it, the captured app output) for every secret the
# sandboxes issued during the run; they record them in a 0600 file in a private temp dir
# (CONSOLE_SANDBOX_RECORD_SECRETS), which is deleted at the end.
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

issued_dir="$(mktemp -d "${TMPDIR:-/tmp}/skep-e2e-issued.XXXXXX")"
chmod 700 "$issued_dir"
trap 'rm -rf "$issued_dir"' EXIT
export CONSOLE_SANDBOX_RECORD_SECRETS="$issued_dir/issued.tsv"
export SKEP_E2E_CAPTURE_APP_OUTPUT=1
# The app's own code logs at debug level (the most it would ever print), for the scan.
export RUST_LOG="${RUST_LOG:-info,skep_lib=debug,skep=debug,console_api=debug}"
SKEP_E2E_RUN_STARTED_MS="$(date +%s%3N)"
export SKEP_E2E_RUN_STARTED_MS

# 1280x1024x24: room for the 1200x800 window (xvfb-run's default screen is 640x480x8).
# Inside the session: temp files of the apps (and the tests) go below the scanned session dir.
status=0
scripts/keyring-session.sh bash -c '
  export TMPDIR="$SKEP_SESSION_DIR/tmp"
  mkdir -p "$TMPDIR"
  status=0
  xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" \
    node --test --test-concurrency=1 --test-reporter=spec "$@" || status=$?
  node --test --test-reporter=spec tests/e2e/final/secret-scan.test.mjs || status=$?
  exit "$status"
' e2e "$@" || status=$?
exit "$status"
