#!/usr/bin/env bash
# `make bench`, measuring step: runs bench/run.mjs against the release build in
# ${BENCH_TARGET_DIR:-${CARGO_TARGET_DIR:-target}} inside a private D-Bus session with a throwaway
# unlocked gnome-keyring (scripts/keyring-session.sh) and a virtual X display (Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_TARGET_DIR="$(realpath -m "${BENCH_TARGET_DIR:-${CARGO_TARGET_DIR:-target}}")"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
command -v tauri-driver >/dev/null || { echo "bench: tauri-driver is missing (make deps-test installs it)" >&2; exit 1; }
mkdir -p tests/e2e/out
deb="$(ls -t "$BENCH_TARGET_DIR"/release/bundle/deb/*.deb 2>/dev/null | head -1 || true)"
[[ -n "$deb" ]] && export BENCH_DEB="$deb"
[[ -f "$BENCH_TARGET_DIR/bench-deb-note" ]] && export BENCH_DEB_NOTE="$(cat "$BENCH_TARGET_DIR/bench-deb-note")"
# 1280x1024x24: room for the 1200x800 window.
# GTK/portal chatter of the session bus is dropped from stderr; bench: lines and errors stay.
exec scripts/keyring-session.sh \
  xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" \
  node bench/run.mjs "$@" \
  2> >(grep -v --line-buffered -E 'portal|dbus-daemon|pw\.conf|Gtk-WARNING|SpiRegistry|invalid max threads|^$' >&2)
