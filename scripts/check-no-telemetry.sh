#!/usr/bin/env bash
# Checks that installing and building the UI starts no IBM telemetry reporter, without any help
# from the environment: copies ui/ (no node_modules, dist, coverage) to a temp dir, runs `npm ci`
# and `npm run build` there with IBM_TELEMETRY_DISABLED / IBM_TELEMETRY_EXPORT_DISABLED unset,
# waits, and fails when
#   - a process of that copy mentions telemetry-js or ibmtelemetry (the reporters detach and
#     linger; Carbon's postinstall `ibmtelemetry --config=telemetry.yml` starts one per package), or
#   - node_modules holds the real @ibm/telemetry-js (its background-process.js) instead of the
#     stand-in in ui/tools/no-telemetry.
# Every process of the copy still running at the end is killed (by pid), the copy removed.
#   scripts/check-no-telemetry.sh            npm ci + npm run build
#   scripts/check-no-telemetry.sh --no-build npm ci only (what `make test` runs: the build runs no
#                                            package scripts, and `make ui` builds the UI anyway)
set -euo pipefail
build=1
if [[ "${1:-}" == --no-build ]]; then build=0; fi

root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/skep-no-telemetry.XXXXXX")"
copy="$tmp/ui"

# Processes whose command line names the copy and the telemetry tool.
telemetry_pids() {
  { pgrep -f -- "$copy/" 2>/dev/null || true; } | while read -r pid; do
    if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qE 'telemetry-js|ibmtelemetry'; then
      echo "$pid"
    fi
  done
}

cleanup() {
  local pids
  pids="$(pgrep -f -- "$copy/" 2>/dev/null || true)"
  if [[ -n "$pids" ]]; then
    # shellcheck disable=SC2086
    kill $pids 2>/dev/null || true
  fi
  # The reporters' logs (ibmtelemetry-*.log in the temp dir) that name the copy.
  grep -l -F -- "$copy/" "${TMPDIR:-/tmp}"/ibmtelemetry-*.log 2>/dev/null | xargs -r rm -f || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# The stand-in is installed from its packed tarball (a `file:` directory would be a symlink, whose
# bin npm links only after the dependents' postinstalls ran: "ibmtelemetry: not found"); the
# tarball must be the directory's sources, packed.
# (Without a tarball, the stand-in check below fails.)
tools="$root/ui/tools"
for tarball in "$tools"/ibm-telemetry-js-*.tgz; do
  [[ -f "$tarball" ]] || continue
  rm -rf "$tmp/packed" && mkdir -p "$tmp/packed"
  tar -C "$tmp/packed" -xzf "$tarball"
  if ! diff -r "$tmp/packed/package" "$tools/no-telemetry" >&2; then
    echo "check-no-telemetry: FAILED: $tarball is not ui/tools/no-telemetry packed" >&2
    echo "  (re-pack: cd ui/tools/no-telemetry && npm pack --pack-destination ..; then npm install in ui)" >&2
    exit 1
  fi
done

mkdir -p "$copy"
tar -C "$root/ui" --exclude=./node_modules --exclude=./dist --exclude=./coverage -cf - . | tar -C "$copy" -xf -

# No help from the environment (make exports IBM_TELEMETRY_DISABLED, CI systems set CI).
bare=(env -u IBM_TELEMETRY_DISABLED -u IBM_TELEMETRY_EXPORT_DISABLED -u CI
  -u npm_config_ignore_scripts -u NPM_CONFIG_IGNORE_SCRIPTS)

echo "==> check-no-telemetry: npm ci in $copy"
(cd "$copy" && "${bare[@]}" npm ci --no-audit --no-fund --loglevel=error)
if ((build)); then
  echo "==> check-no-telemetry: npm run build"
  (cd "$copy" && "${bare[@]}" npm run build --silent >/dev/null)
fi
cmp -s "$root/ui/package-lock.json" "$copy/package-lock.json" || {
  echo "check-no-telemetry: FAILED: npm ci changed package-lock.json" >&2
  exit 1
}

sleep 3 # the reporters are detached children of the postinstall; give them time to show

failed=0
pids="$(telemetry_pids)"
if [[ -n "$pids" ]]; then
  echo "check-no-telemetry: FAILED: $(wc -l <<<"$pids") telemetry process(es) running, e.g.:" >&2
  head -n 3 <<<"$pids" | while read -r pid; do
    echo "  $pid $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" >&2
  done
  failed=1
fi

reporters="$(find -L "$copy/node_modules" -path '*/@ibm/telemetry-js/dist/background-process.js' 2>/dev/null || true)"
if [[ -n "$reporters" ]]; then
  echo "check-no-telemetry: FAILED: the real @ibm/telemetry-js is installed:" >&2
  sed 's/^/  /' <<<"$reporters" >&2
  failed=1
fi
stand_in="$(cd "$copy" && node -p 'require("./node_modules/@ibm/telemetry-js/package.json").skepStandIn === true' 2>/dev/null || true)"
if [[ "$stand_in" != true ]]; then
  echo "check-no-telemetry: FAILED: node_modules/@ibm/telemetry-js is not the stand-in (ui/tools/no-telemetry)" >&2
  failed=1
fi

if ((failed)); then exit 1; fi
echo "==> check-no-telemetry: ok (no telemetry process, @ibm/telemetry-js is the stand-in)"
