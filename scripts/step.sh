#!/usr/bin/env bash
# Runs one named step of `make test`, printing its wall time:  scripts/step.sh NAME CMD [ARGS...]
set -uo pipefail
name="$1"
shift
echo "==> ${name}"
start="$(date +%s)"
"$@"
status=$?
elapsed=$(($(date +%s) - start))
if ((status == 0)); then
  printf '==> %s: ok (%dm%02ds)\n' "$name" $((elapsed / 60)) $((elapsed % 60))
else
  printf '==> %s: FAILED with status %d (%dm%02ds)\n' "$name" "$status" $((elapsed / 60)) $((elapsed % 60)) >&2
fi
exit "$status"
