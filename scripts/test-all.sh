#!/usr/bin/env bash
# Installs what is missing, then runs every check and test Rekindle has:
# formatting and lints, core unit and integration tests, the TypeScript bindings check, the UI's
# type check and unit tests, the end-to-end tests in the real
# window under Xvfb, and a release .deb build (skip that last one with REKINDLE_SKIP_DEB=1).
# Each fuzz target runs briefly too (skip with REKINDLE_FUZZ=0). Each step prints the time.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

started=$(date +%s)
step() { printf '\n==> %s (at %d min %02d s)\n' "$*" $(( ($(date +%s) - started) / 60 )) $(( ($(date +%s) - started) % 60 )); }

# The fuzz smoke run is on unless REKINDLE_FUZZ=0 (install-deps.sh then adds its tools).
export REKINDLE_FUZZ="${REKINDLE_FUZZ:-1}"
bash scripts/install-deps.sh

step "formatting"
cargo fmt --all --check

step "UI: type check and unit tests"
(cd ui && npm run check && npm test)

step "UI: production build (embedded in the app)"
(cd ui && npm run build)

step "lints (clippy, warnings are errors)"
cargo clippy --workspace --all-targets --features rekindle/custom-protocol -- -D warnings

step "core and shell tests (includes the TypeScript bindings check)"
cargo test --workspace --exclude rekindle-e2e --features rekindle/custom-protocol

# The fuzz targets (core/fuzz): a coverage-instrumented debug build (about 12 min cold on two
# cores), then 20 s of each target. REKINDLE_FUZZ=0 skips them.
if [ "$REKINDLE_FUZZ" = "1" ]; then
  step "fuzz targets, briefly (core/fuzz; a crash fails the build)"
  bash scripts/fuzz-smoke.sh
fi

step "end-to-end tests in the real window"
cargo build -p rekindle --features custom-protocol
e2e() { xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p rekindle-e2e -- --test-threads=1 "$@"; }
mkdir -p target
if ! e2e 2>&1 | tee target/e2e-run.log; then
  # WebKitWebDriver behind tauri-driver now and then stops answering for a while (every request
  # fails with an empty error). A journey that failed is run once more on its own; a second
  # failure fails the build. The retry is announced so it is never silent.
  failed=$(sed -nE 's/^test (.*) \.\.\. FAILED$/\1/p' target/e2e-run.log)
  [ -n "$failed" ] || exit 1
  for t in $failed; do
    step "RETRY: end-to-end test $t failed once; running it again on its own"
    e2e --exact "$t"
  done
fi

if [ "${REKINDLE_SKIP_DEB:-0}" != "1" ]; then
  step "release .deb (offline)"
  (cd src-tauri && ../ui/node_modules/.bin/tauri build --bundles deb)
  ls -l target/release/bundle/deb/*.deb
fi

step "all checks passed"
