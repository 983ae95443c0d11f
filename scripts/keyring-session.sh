#!/usr/bin/env bash
# Run a command inside a private D-Bus session with a throwaway, unlocked gnome-keyring
# (the real Secret Service) and HOME / XDG dirs in a temp folder, so nothing touches the
# user's real keyring or settings.
#
#   scripts/keyring-session.sh CMD [ARGS...]
#   scripts/keyring-session.sh --no-keyring CMD [ARGS...]   # same, but no keyring is unlocked
#
# The exit status is CMD's. The keyring daemon and the temp folder are removed at the end.
# Set SKEP_KEEP_SESSION_DIR=1 to keep the temp folder (its path is printed).
set -euo pipefail

if [[ "${1:-}" == --no-keyring ]]; then
  export SKEP_NO_UNLOCKED_KEYRING=1
  shift
fi
if [[ $# -eq 0 ]]; then
  echo "usage: $0 [--no-keyring] CMD [ARGS...]" >&2
  exit 2
fi

if [[ -z "${SKEP_IN_KEYRING_SESSION:-}" ]]; then
  for tool in dbus-run-session gnome-keyring-daemon dbus-send; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "keyring-session: '$tool' is missing (apt-get install dbus dbus-x11 gnome-keyring)" >&2
      exit 127
    fi
  done

  # Cargo and rustup live under the real HOME; keep them reachable after HOME moves.
  export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
  export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
  export npm_config_cache="${npm_config_cache:-$HOME/.npm}"

  base="$(mktemp -d "${TMPDIR:-/tmp}/skep-session.XXXXXX")"
  chmod 700 "$base"
  mkdir -p "$base/home" "$base/data" "$base/config" "$base/cache" "$base/runtime"
  chmod 700 "$base/runtime"
  export HOME="$base/home"
  export XDG_DATA_HOME="$base/data"
  export XDG_CONFIG_HOME="$base/config"
  export XDG_CACHE_HOME="$base/cache"
  export XDG_RUNTIME_DIR="$base/runtime"
  export SKEP_SESSION_DIR="$base"
  export SKEP_IN_KEYRING_SESSION=1
  # No accessibility bus: avoids AT-SPI stalls of WebKitGTK under Xvfb.
  export NO_AT_BRIDGE=1

  status=0
  # The session bus logs every service activation on stderr; keep failures, drop the chatter.
  exec 3> >(grep -v --line-buffered -E \
    'Failed to set fd limit|Activating service name=|Successfully activated service|SpiRegistry daemon is running' >&2)
  filter_pid=$!
  dbus-run-session -- "$0" "$@" 2>&3 || status=$?
  exec 3>&-
  # Let the filter flush, but never hang on a bus service that outlives the session holding its stderr.
  for _ in $(seq 1 20); do kill -0 "$filter_pid" 2>/dev/null || break; sleep 0.1; done
  if [[ -n "${SKEP_KEEP_SESSION_DIR:-}" ]]; then
    echo "keyring-session: kept $base" >&2
  else
    # GTK apps may have started the document portal, which mounts a FUSE fs in XDG_RUNTIME_DIR/doc
    # and leaves a moment after the bus is gone.
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      if [[ -d "$base/runtime/doc" ]] && command -v fusermount >/dev/null 2>&1; then
        fusermount -u -z "$base/runtime/doc" 2>/dev/null || true
      fi
      rm -rf "$base" 2>/dev/null && break
      sleep 0.5
    done
    [[ -e "$base" ]] && echo "keyring-session: could not remove $base" >&2
  fi
  exit "$status"
fi

# --- inside dbus-run-session ---------------------------------------------------------------
keyring_pid=""
cleanup() {
  if [[ -n "$keyring_pid" ]] && kill -0 "$keyring_pid" 2>/dev/null; then
    kill "$keyring_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ -n "${SKEP_NO_UNLOCKED_KEYRING:-}" ]]; then
  status=0
  "$@" || status=$?
  exit "$status"
fi

# A throwaway password: the keyring lives in the temp XDG_DATA_HOME and is deleted afterwards.
password="skep-test-$RANDOM$RANDOM"
printf '%s' "$password" | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null

# Wait until the Secret Service name is on the bus, and remember the daemon's pid for cleanup.
for _ in $(seq 1 100); do
  reply="$(dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null || true)"
  if [[ "$reply" =~ uint32[[:space:]]+([0-9]+) ]]; then
    keyring_pid="${BASH_REMATCH[1]}"
    break
  fi
  sleep 0.1
done
if [[ -z "$keyring_pid" ]]; then
  echo "keyring-session: gnome-keyring-daemon did not register org.freedesktop.secrets" >&2
  exit 1
fi

status=0
"$@" || status=$?
exit "$status"
