//! Trust tests of rekindle-core: what happens to the clinic's data when things go wrong.
//!
//! - `crash`: a separate writer process (this test binary, re-run as a child) registers clients
//!   one transaction at a time and acknowledges each commit; it is killed with SIGKILL at random
//!   moments, at least 50 times on the same database. After every kill the database is signed
//!   into again and every acknowledged write must be there (nothing lost, nothing half written,
//!   at most the one write that committed just before the kill and was not yet acknowledged),
//!   and at the end `store::verify` (integrity check and every page's authentication code) is
//!   good.
//! - `faults`: a full disk, a read-only data file, a data file held by another process and a
//!   damaged data file each give a plain-words message (no client data, no SQL) and lose nothing
//!   that was saved before. How real each is: the held file is a second process holding an
//!   exclusive transaction past the real 5 s busy timeout; the read-only file is real file
//!   permissions (as root, the attempt runs in a child process dropped to `nobody`, since root
//!   ignores permission bits); the damaged file is real bytes overwritten in the file. The full
//!   disk is simulated with SQLite's page limit, which gives the same result code as a full disk
//!   but does not fill a filesystem; a mid-session read-only refusal is simulated the same way
//!   with `PRAGMA query_only`.
//!
//! Shared set-up lives in `common`.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
mod crash;
mod faults;
