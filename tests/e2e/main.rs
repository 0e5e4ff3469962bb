//! Rekindle's end-to-end tests: one binary, one module per area of the app.
//!
//! Run (needs a display; the app binary must be built with `--features custom-protocol`):
//!
//! ```sh
//! xvfb-run -a -s "-screen 0 1280x800x24" env CARGO_TARGET_DIR=/work/e2e-target \
//!     cargo test -p rekindle-e2e -- --test-threads=1 --nocapture
//! ```
//!
//! The harness (launching the app, waiting, typing) is in `tests/src/lib.rs`; journeys shared by
//! several areas (set up the clinic, sign in, add an account) are in `flows.rs`.

mod flows;

mod foundation;

mod intake;

mod planning;

mod printing;
