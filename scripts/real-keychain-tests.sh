#!/usr/bin/env bash
# The app's tests against the real Secret Service (ignored in a plain `cargo test`):
#  - a round trip through an unlocked throwaway gnome-keyring;
#  - a session bus without an unlocked keyring is reported as unavailable (no hang, no fallback).
# Extra cargo flags (e.g. --features skep/custom-protocol) are passed through. Fails if a test
# is not found, so a rename cannot turn this into a no-op.
set -euo pipefail
cd "$(dirname "$0")/.."

run_one() {
  local name="$1" session_flag="$2" env_var="$3"
  shift 3
  local log
  log="$(mktemp)"
  # shellcheck disable=SC2086
  if ! scripts/keyring-session.sh $session_flag env "$env_var=1" \
    cargo test --workspace --lib "$@" -- --ignored --exact "$name" 2>&1 | tee "$log"; then
    rm -f "$log"
    return 1
  fi
  if ! grep -q "^test ${name} \.\.\. ok$" "$log"; then
    echo "real-keychain-tests: '${name}' did not run (renamed?)" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}

run_one secrets::keyring_store::tests::real_keychain_round_trip "" SKEP_REAL_KEYCHAIN "$@"
run_one secrets::keyring_store::tests::real_keychain_unavailable_is_reported --no-keyring SKEP_NO_KEYCHAIN "$@"
