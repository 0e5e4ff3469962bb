//! Integration tests of rekindle-core, one binary with a module per area:
//! - `store`: encryption at rest, keys, migrations, verify;
//! - `accounts`: sign-in, passwords, roles, the growing delay;
//! - `people`: registering, validation, archiving, search;
//! - `relationships`: linking people in any structure;
//! - `intake`: intake sections, signing, cautions, measures, clinical privacy;
//! - `planning`: the content library and suggestions from the demo intakes;
//! - `course`: course plans, homework stages and overrides, notes, reviews, progress;
//! - `handouts`: templates, the homework sheet, discretion, cautions in print, PDF structure;
//! - `scheduling`: booking, clashes, series and daylight saving, changes, slots, the waitlist;
//! - `print_service`: printing through CUPS to the cups-pdf virtual printer;
//! - `scheduling_print`: appointment cards and the day sheet; `ics`: the iCalendar export;
//! - `demo_calendar`: the small demo clinic's calendar (rooms, hours, series, today, no clashes);
//! - `audit_view`: the administrator's audit log viewer and its filters;
//! - `backup`: backups, their check and rotation, restore, and a clinic brought back from a backup folder;
//! - `data_rights`: a client's whole record exported, and erased at their request;
//! - `lock`: the screen lock's setting and unlocking with one's own password;
//! - `cli`: the `rekindle-admin` binary end to end.
//!
//! Shared set-up lives in `support` (a calendar with rooms and hours: `sched_support`).

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod accounts;
mod audit_view;
mod backup;
mod cli;
mod course;
mod data_rights;
mod demo_calendar;
mod handouts;
mod ics;
mod intake;
mod lock;
mod people;
mod planning;
mod print_service;
mod relationships;
mod sched_support;
mod scheduling;
mod scheduling_print;
mod store;
mod support;
