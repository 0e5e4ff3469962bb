#!/usr/bin/env bash
# Builds rekindle-core's fuzz targets (core/fuzz, cargo-fuzz on the nightly toolchain) and runs
# each one for a bounded time from the small seed corpus in core/fuzz/seeds. A crash, a panic,
# a timeout or running out of memory fails the script (libFuzzer saves the input under
# core/fuzz/artifacts/<target>/ and prints how to replay it).
#
#   FUZZ_SECONDS   seconds per target (default 20)
#   FUZZ_TARGETS   which targets (default: all of them)
#
# To fuzz one target for longer on your own machine, from core/:
#   cargo +nightly fuzz run --target-dir ../target/fuzz-release markup -- -max_total_time=3600
# (optimised, with AddressSanitizer: slow to build, many times faster to run)
set -euo pipefail
cd "$(dirname "$0")/../core"

seconds="${FUZZ_SECONDS:-20}"
target_dir="$(cd .. && pwd)/target/fuzz"
# A debug build with coverage instrumentation and no sanitizer. The optimised instrumented
# build of the whole dependency tree (SQLCipher, the PDF writer, the shaper) was still
# compiling the PDF library after 8 minutes; this one builds in about 12 minutes cold and still
# runs 600 to 4,000 inputs a second, which is plenty for a smoke run. Rekindle's own code is
# safe Rust, so panics, overflows (debug assertions are on), timeouts and running out of
# memory are what the run is there to find; AddressSanitizer adds little to that.
build_opts=(--target-dir "$target_dir" --dev --sanitizer none)

targets="${FUZZ_TARGETS:-$(cargo +nightly fuzz list)}"
cargo +nightly fuzz build "${build_opts[@]}"
for t in $targets; do
  echo "==> fuzzing $t for ${seconds}s"
  work="$target_dir/corpus/$t"
  mkdir -p "$work"
  # New inputs go to the work corpus under target/ (the first folder); the seeds stay as they are.
  cargo +nightly fuzz run "${build_opts[@]}" "$t" "$work" "fuzz/seeds/$t" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1
done
echo "==> fuzz targets ran clean: $targets"
