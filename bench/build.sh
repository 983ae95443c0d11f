#!/usr/bin/env bash
# `make bench`, build step (once): the release app as it ships (footprint, .deb), then with the
# bench hooks (feature `bench`), + standalone sandbox (the project's release
# profile: LTO, opt-level "s", stripped), the bench helper (bench/rust), and the .deb via
# `tauri bundle` (tauri-cli from npm). A failed .deb is reported in the table, not fatal.
set -euo pipefail
cd "$(dirname "$0")/.."
target="$(realpath -m "${BENCH_TARGET_DIR:-${CARGO_TARGET_DIR:-target}}")"
export CARGO_TARGET_DIR="$target"
echo "==> bench: cargo build --release (skep as it ships, console-sandbox) into $target"
cargo build --release -p skep -p console-sandbox --features skep/custom-protocol
echo "==> bench: cargo build --release (bench/rust)"
(cd bench/rust && cargo build --release)
echo "==> bench: .deb (tauri bundle --bundles deb)"
rm -f "$target/bench-deb-note"
if (cd src-tauri && npx --yes @tauri-apps/cli@2.12 bundle --bundles deb --features custom-protocol) >"$target/bench-deb.log" 2>&1; then
  echo "    $(ls "$target"/release/bundle/deb/*.deb)"
else
  echo "    .deb failed, see $target/bench-deb.log" >&2
  tail -3 "$target/bench-deb.log" | tr '\n' ' ' > "$target/bench-deb-note"
fi
# The footprint figure measures the app as it ships; every other figure runs the same app with
# the bench hooks (feature `bench`: the empty page, the bench socket) built in.
cp "$target/release/skep" "$target/release/skep-shipped"
echo "==> bench: cargo build --release (skep with the bench hooks)"
cargo build --release -p skep --features skep/custom-protocol,skep/bench
