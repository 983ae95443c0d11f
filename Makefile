# Skep. The README's two commands:
#   make run    install what is missing, build the UI and the app, open Skep
#   make test   install what tests need, then lint, unit, UI, SDK-compat and end-to-end tests
# The single steps (make clippy, make e2e, ...) work on their own too.

SHELL := /usr/bin/env bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run
.DELETE_ON_ERROR:
.NOTPARALLEL:

export PATH := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)
# Carbon's npm packages run IBM's telemetry reporter after install. ui/ installs a do-nothing
# stand-in for it (ui/tools/no-telemetry; `make ui-no-telemetry` checks it); this is a second guard.
export IBM_TELEMETRY_DISABLED := true

TARGET_DIR  := $(abspath $(or $(CARGO_TARGET_DIR),target))
APP_BIN     := $(TARGET_DIR)/debug/skep
SANDBOX_BIN := $(TARGET_DIR)/debug/console-sandbox
# One feature set for every cargo step of `make test`: tauri (and the app) compile once, and the
# e2e suite drives a production-mode binary (assets embedded, served over tauri://) with the test
# hooks (crash points; inert unless their variable is set). `make run`, `make bench` and the
# bundles build without them.
TEST_FEATURES := --features skep/custom-protocol,skep/test-hooks
STEP := scripts/step.sh

# Everything the UI build reads (tauri embeds ui/dist when the app crate compiles).
UI_INPUTS := $(shell find ui -path ui/node_modules -prune -o -path ui/dist -prune -o -path ui/coverage -prune \
               -o -type f -print 2>/dev/null)

.PHONY: run test deps deps-test ui ui-deps app fmt clippy ui-check ui-no-telemetry build-test cargo-test ui-test \
        sdk-compat e2e workflows

# ---- run ---------------------------------------------------------------------------------------

run: deps ui
	$(STEP) "build app" cargo build -p skep --features custom-protocol
	$(APP_BIN)

deps:
	@scripts/install-deps.sh run

ui: ui/dist/index.html

ui-deps:
	@scripts/npm-ci-if-needed.sh ui

ui/dist/index.html: $(UI_INPUTS) | ui-deps
	$(STEP) "build ui" bash -c 'cd ui && npm run build'
	@touch $@

app: deps ui
	cargo build -p skep --features custom-protocol

# ---- test --------------------------------------------------------------------------------------

test: deps-test ui fmt workflows clippy ui-check ui-no-telemetry build-test cargo-test ui-test sdk-compat e2e
	@echo "==> make test: all passed"

deps-test:
	@scripts/install-deps.sh test

fmt:
	$(STEP) "cargo fmt --check" cargo fmt --all --check

# Also the app as it ships (and as `make bench` builds it): code that only a test reaches is dead
# code there, and clippy says so.
clippy: ui
	$(STEP) "cargo clippy" cargo clippy --workspace --all-targets $(TEST_FEATURES) -- -D warnings
	$(STEP) "cargo clippy: the shipped app" cargo clippy -p skep --features custom-protocol -- -D warnings
	$(STEP) "cargo clippy: the bench build" cargo clippy -p skep --features custom-protocol,bench -- -D warnings

ui-check: ui-deps
	$(STEP) "ui typecheck" bash -c 'cd ui && npm run typecheck'
	$(STEP) "ui lint" bash -c 'cd ui && npm run lint'

# `npm ci` of a copy of ui/ with the telemetry variables unset starts no reporter, and installs the
# stand-in (scripts/check-no-telemetry.sh; without --no-build it also runs `npm run build`).
ui-no-telemetry:
	$(STEP) "ui: no telemetry" scripts/check-no-telemetry.sh --no-build

# Builds the test binaries and the app binaries in one go (dev-dependency features unified), so
# `cargo test` reuses everything and the e2e suite gets target/debug/skep and console-sandbox.
build-test: ui
	$(STEP) "cargo build (tests + app)" cargo build --workspace --all-targets $(TEST_FEATURES)

# The GitHub Actions workflows: actionlint and zizmor (scripts/workflows-lint.sh installs both).
workflows:
	$(STEP) "workflows: actionlint, zizmor" scripts/workflows-lint.sh

# Keychain tests talk to a real Secret Service: a throwaway unlocked gnome-keyring in a private bus.
cargo-test: build-test
	$(STEP) "cargo test" scripts/keyring-session.sh cargo test --workspace $(TEST_FEATURES)
	$(STEP) "cargo test: real keychain" scripts/real-keychain-tests.sh $(TEST_FEATURES)

ui-test: ui-deps
	$(STEP) "ui unit tests" bash -c 'cd ui && CI=true npm run test'

# Official Camunda SDK against the standalone sandbox binary.
sdk-compat: build-test
	@if [[ -f tests/sdk-compat/package.json ]]; then \
	  scripts/npm-ci-if-needed.sh tests/sdk-compat && \
	  $(STEP) "sdk-compat" bash -c 'cd tests/sdk-compat && SANDBOX_BIN=$(SANDBOX_BIN) node --test'; \
	else echo "==> sdk-compat: skipped (tests/sdk-compat is not there)"; fi

e2e: build-test
	$(STEP) "e2e" env SKEP_APP_BIN=$(APP_BIN) SKEP_SANDBOX_BIN=$(SANDBOX_BIN) tests/e2e/run.sh

# Cross-check for Windows, not part of `make test` (it needs rustup's x86_64-pc-windows-gnu std and
# the Debian package gcc-mingw-w64-x86-64 for the C parts of dependencies): clippy over the
# workspace as it compiles there, keychain and platform code included. CI's Windows job builds natively.
.PHONY: check-windows
check-windows:
	rustup target add x86_64-pc-windows-gnu
	cargo clippy --workspace --target x86_64-pc-windows-gnu --all-targets $(TEST_FEATURES) -- -D warnings

# ---- bench -----------------------------------------------------------------------------------
# Builds the release app once, then measures every figure beside its baseline (BENCHMARKS.md):
# prints the table, writes bench/results.json, exits 0 even when a budget is missed (marked).
.PHONY: bench
bench: deps-test ui
	BENCH_TARGET_DIR=$(TARGET_DIR) bench/build.sh
	BENCH_TARGET_DIR=$(TARGET_DIR) bench/run.sh
