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

mod printed;

mod printing;

mod scheduling;

mod trust;

/// Opens the app with its clock started at `now` (RFC 3339, e.g. `2031-03-03T08:30:00Z`): debug
/// builds read `REKINDLE_TEST_NOW`, so a journey about "today's" appointments does not depend
/// on the day the tests run. The app inherits `tauri-driver`'s environment, which inherits this
/// process's, so the variable is set here for the launch alone and removed again once the driver
/// has started (even if the launch fails). Tests run one at a time (`--test-threads=1`).
pub async fn launch_at(profile: &rekindle_e2e::Profile, now: &str) -> rekindle_e2e::Result<rekindle_e2e::AppWindow> {
    struct Unset;
    impl Drop for Unset {
        fn drop(&mut self) {
            std::env::remove_var("REKINDLE_TEST_NOW");
        }
    }
    let _unset = Unset;
    std::env::set_var("REKINDLE_TEST_NOW", now);
    rekindle_e2e::AppWindow::launch(profile).await
}
