#!/usr/bin/env bash
# Installs what Skep needs and is missing, and nothing else (a second run does nothing).
#
#   scripts/install-deps.sh run    # build + run the app
#   scripts/install-deps.sh test   # + what `make test` needs (WebDriver, Xvfb, D-Bus, gnome-keyring, tauri-driver)
#
# System packages are installed with apt on Debian 12 / Ubuntu 22.04+ only (other systems: see
# README.md for the prerequisites). Uses sudo when not root.
set -euo pipefail

mode="${1:-run}"
case "$mode" in run | test) ;; *) echo "usage: $0 run|test" >&2; exit 2 ;; esac

RUN_APT=(libwebkit2gtk-4.1-dev librsvg2-dev build-essential pkg-config libdbus-1-dev libxdo-dev)
# xauth: xvfb-run needs it; xclip / xdotool: the e2e suite reads the clipboard and answers the save dialog;
# imagemagick: a screenshot of the app's X window when WebKitWebDriver's snapshot does not answer.
TEST_APT=(webkit2gtk-driver xvfb xauth dbus dbus-x11 gnome-keyring xclip xdotool imagemagick)
TAURI_DRIVER_VERSION=2.1.0
NODE_MAJOR_MIN=20

sudo_cmd=()
if [[ "$(id -u)" -ne 0 ]]; then sudo_cmd=(sudo); fi

# --- system packages ---------------------------------------------------------------------------
wanted=("${RUN_APT[@]}")
if [[ "$mode" == test ]]; then wanted+=("${TEST_APT[@]}"); fi

if [[ "$(uname -s)" == Linux ]] && command -v dpkg >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  missing=()
  for pkg in "${wanted[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    echo "==> apt: installing ${missing[*]}"
    "${sudo_cmd[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
  fi
elif [[ "$(uname -s)" == Linux ]]; then
  echo "note: not a Debian/Ubuntu system; make sure these (or your distribution's equivalents) are installed:" >&2
  echo "      ${wanted[*]}" >&2
fi

# --- toolchains --------------------------------------------------------------------------------
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
if ! command -v cargo >/dev/null 2>&1; then
  echo "error: Rust is missing. Install it from https://rustup.rs (stable, 1.90 or newer), then re-run." >&2
  exit 1
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "error: Node.js ${NODE_MAJOR_MIN}+ with npm is missing (https://nodejs.org or your package manager)." >&2
  exit 1
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if ((node_major < NODE_MAJOR_MIN)); then
  echo "error: Node.js ${NODE_MAJOR_MIN}+ is needed, found $(node --version)." >&2
  exit 1
fi

# --- tauri-driver (tests only) -----------------------------------------------------------------
# tauri-driver has no --version flag; cargo's install list is the reliable source.
if [[ "$mode" == test ]]; then
  if ! command -v tauri-driver >/dev/null 2>&1 ||
    ! cargo install --list 2>/dev/null | grep -q "^tauri-driver v${TAURI_DRIVER_VERSION}:"; then
    echo "==> cargo install tauri-driver ${TAURI_DRIVER_VERSION}"
    cargo install tauri-driver --version "$TAURI_DRIVER_VERSION" --locked
  fi
fi
