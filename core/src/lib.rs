//! Rekindle's core: the clinic's domain, its rules, and the encrypted store. No window, no IPC:
//! the Tauri shell (`src-tauri`) and the admin command line (`rekindle-admin`) are thin layers
//! over these functions, and both go through the same role checks.
//!
//! Modules:
//! - [`session`]: set up a clinic, sign in and out; a `Session` is the only way to the data.
//! - [`access`]: roles and the permission table every operation checks.
//! - [`accounts`]: staff accounts, passwords, roles.
//! - [`clinic`]: the clinic profile.
//! - [`people`]: clients and partners; search.
//! - [`relationships`]: people linked in any structure.
//! - [`intake`]: the counsellor's structured assessment, in sections; signing and addenda.
//! - [`cautions`]: rules over the intake, each with its reason; overrides.
//! - [`measures`]: PHQ-9, GAD-7 and pain rating as data; scoring, bands, alerts.
//! - [`chart`]: everything clinical about a client in one audited read.
//! - [`library`]: the versioned content library; [`suggestions`]: what fits this client, and why.
//! - [`planning`]: course plans, sessions in the four-part order, homework, notes, reviews, progress.
//! - [`handouts`]: handout templates as data, the homework sheet, discretion, and the PDF renderer.
//! - [`scheduling`]: rooms, working hours, appointments and recurring series, clash checks,
//!   the next free slot, the waitlist, appointment cards and iCalendar export.
//! - [`print_service`]: the operating system's printers (CUPS on Linux): list them, send a job.
//! - [`audit`]: the append-only, hash-chained log; [`audit_view`]: the administrator's viewer.
//! - [`data_rights`]: a client's whole record exported (JSON and a PDF summary), or erased.
//! - [`vocab`]: reference vocabularies seeded by migrations.
//! - [`store`]: files, SQLCipher, migrations, the keyring; [`crypto`]: key wrapping.
//! - [`validate`], [`text`]: field checks and search folding.
//! - [`demo`]: the fictional demo clinic used for trying the app and for benchmarks.
//! - [`error`]: the typed errors every operation returns.
//!
//! Domain functions never read the clock or the environment: `now` and `today` are passed in.

pub mod access;
pub mod accounts;
pub mod audit;
pub mod audit_view;
pub mod backup;
pub mod cautions;
pub mod chart;
pub mod clinic;
pub mod crypto;
pub mod data_rights;
pub mod demo;
pub mod error;
pub mod handouts;
pub mod intake;
pub mod library;
pub mod lock;
pub mod measures;
pub mod people;
pub mod planning;
pub mod print_service;
pub mod relationships;
pub mod scheduling;
pub mod session;
pub mod store;
pub mod suggestions;
pub mod text;
pub mod validate;
pub mod vocab;

pub use error::{Error, FieldError, Result};
