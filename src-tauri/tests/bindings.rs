//! The TypeScript types the UI uses are generated from these Rust types by ts-rs and checked
//! in under `ui/src/lib/api/bindings/`. This test regenerates them into a temporary folder and
//! fails when the checked-in copies differ, so a Rust change cannot silently drift from the UI.
//!
//! The same goes for `ui/isolation/commands.js`, the list of commands the isolation frame lets
//! through, made from `all_commands!`.
//!
//! To refresh them after changing a type or a command: `REKINDLE_UPDATE_BINDINGS=1 cargo test -p rekindle --test bindings`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ts_rs::TS;

fn export_all(dir: &Path) {
    // ids are i64 in Rust but travel as JSON numbers: `number` in TypeScript, not `bigint`.
    let cfg = ts_rs::Config::new().with_large_int("number").with_out_dir(dir);
    use rekindle_app::commands::session::{AppStatus, LockSettings, SetupDone};
    use rekindle_app::error::CommandError;
    use rekindle_core::{accounts, clinic, people, relationships, session, vocab};
    CommandError::export_all(&cfg).unwrap();
    rekindle_core::backup::BackupSettings::export_all(&cfg).unwrap();
    rekindle_core::audit_view::AuditChoices::export_all(&cfg).unwrap();
    rekindle_core::audit_view::AuditFilter::export_all(&cfg).unwrap();
    rekindle_core::audit_view::AuditPage::export_all(&cfg).unwrap();
    rekindle_core::backup::BackupDone::export_all(&cfg).unwrap();
    rekindle_core::data_rights::ErasePreview::export_all(&cfg).unwrap();
    rekindle_core::data_rights::ExportWritten::export_all(&cfg).unwrap();
    rekindle_app::commands::backup::RestoreDone::export_all(&cfg).unwrap();
    AppStatus::export_all(&cfg).unwrap();
    LockSettings::export_all(&cfg).unwrap();
    SetupDone::export_all(&cfg).unwrap();
    session::SetupInput::export_all(&cfg).unwrap();
    accounts::Account::export_all(&cfg).unwrap();
    accounts::NewAccount::export_all(&cfg).unwrap();
    accounts::AccountUpdate::export_all(&cfg).unwrap();
    clinic::ClinicProfile::export_all(&cfg).unwrap();
    vocab::Vocabulary::export_all(&cfg).unwrap();
    people::ClientInput::export_all(&cfg).unwrap();
    people::PartnerInput::export_all(&cfg).unwrap();
    people::PersonDetail::export_all(&cfg).unwrap();
    relationships::NewRelationship::export_all(&cfg).unwrap();
    relationships::RelationshipUpdate::export_all(&cfg).unwrap();
    rekindle_core::chart::Chart::export_all(&cfg).unwrap();
    rekindle_core::intake::IntakeSection::export_all(&cfg).unwrap();
    rekindle_core::intake::ChecklistItem::export_all(&cfg).unwrap();
    rekindle_core::intake::Saved::export_all(&cfg).unwrap();
    rekindle_core::measures::Instrument::export_all(&cfg).unwrap();
    rekindle_core::measures::MeasureInput::export_all(&cfg).unwrap();
    rekindle_core::library::LibraryItem::export_all(&cfg).unwrap();
    rekindle_core::library::LibraryItemInput::export_all(&cfg).unwrap();
    rekindle_core::suggestions::Suggestion::export_all(&cfg).unwrap();
    rekindle_core::planning::course::CoursePage::export_all(&cfg).unwrap();
    rekindle_core::planning::course::CourseInput::export_all(&cfg).unwrap();
    rekindle_core::planning::course::ItemInput::export_all(&cfg).unwrap();
    rekindle_core::planning::notes::NoteInput::export_all(&cfg).unwrap();
    rekindle_core::planning::notes::NoteSaved::export_all(&cfg).unwrap();
    rekindle_core::planning::notes::ReviewInput::export_all(&cfg).unwrap();
    rekindle_core::handouts::HandoutSummary::export_all(&cfg).unwrap();
    rekindle_core::handouts::HandoutTemplate::export_all(&cfg).unwrap();
    rekindle_core::handouts::TemplateInput::export_all(&cfg).unwrap();
    rekindle_core::handouts::PrintOptions::export_all(&cfg).unwrap();
    rekindle_core::handouts::PrintSettings::export_all(&cfg).unwrap();
    rekindle_core::handouts::PrintRecord::export_all(&cfg).unwrap();
    rekindle_core::handouts::HandoutPreview::export_all(&cfg).unwrap();
    rekindle_core::print_service::Printer::export_all(&cfg).unwrap();
    rekindle_app::commands::handouts::PrintDone::export_all(&cfg).unwrap();
    use rekindle_core::scheduling;
    scheduling::settings::SchedulingSettings::export_all(&cfg).unwrap();
    scheduling::settings::SchedulingSettingsInput::export_all(&cfg).unwrap();
    scheduling::CalendarQuery::export_all(&cfg).unwrap();
    scheduling::CalendarView::export_all(&cfg).unwrap();
    scheduling::BookingInput::export_all(&cfg).unwrap();
    scheduling::Booked::export_all(&cfg).unwrap();
    scheduling::RescheduleInput::export_all(&cfg).unwrap();
    scheduling::CancelInput::export_all(&cfg).unwrap();
    scheduling::SlotQuery::export_all(&cfg).unwrap();
    scheduling::FreeSlot::export_all(&cfg).unwrap();
    scheduling::WaitlistEntry::export_all(&cfg).unwrap();
    scheduling::WaitlistInput::export_all(&cfg).unwrap();
}

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".ts") {
                out.insert(name, std::fs::read_to_string(e.path()).unwrap());
            }
        }
    }
    out
}

#[test]
fn checked_in_typescript_bindings_match_the_rust_types() {
    let checked_in_dir: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/api/bindings");
    let fresh = tempfile::tempdir().unwrap();
    export_all(fresh.path());
    let generated = read_dir(fresh.path());
    assert!(generated.len() >= 20, "expected every shared type to be exported, got {}", generated.len());

    if std::env::var_os("REKINDLE_UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&checked_in_dir);
        std::fs::create_dir_all(&checked_in_dir).unwrap();
        for (name, text) in &generated {
            std::fs::write(checked_in_dir.join(name), text).unwrap();
        }
    }

    let checked_in = read_dir(&checked_in_dir);
    let stale: Vec<&String> = generated.keys().filter(|k| checked_in.get(*k) != generated.get(*k)).collect();
    let extra: Vec<&String> = checked_in.keys().filter(|k| !generated.contains_key(*k)).collect();
    assert!(
        stale.is_empty() && extra.is_empty(),
        "ui/src/lib/api/bindings is out of date (changed or missing: {stale:?}; no longer generated: {extra:?}). \
         Run: REKINDLE_UPDATE_BINDINGS=1 cargo test -p rekindle --test bindings"
    );
}

/// The isolation frame's allow-list, as it must read for the commands registered now.
fn isolation_commands_js() -> String {
    let mut out = String::from(
        "// Generated from all_commands! in src-tauri/src/lib.rs by src-tauri/tests/bindings.rs; do not edit.\n\
         // Refresh: REKINDLE_UPDATE_BINDINGS=1 cargo test -p rekindle --test bindings\n\
         window.__REKINDLE_COMMANDS__ = Object.freeze([\n",
    );
    for name in common::registered_commands() {
        out.push_str(&format!("  '{name}',\n"));
    }
    out.push_str("]);\n");
    out
}

#[test]
fn the_isolation_frame_lets_through_exactly_the_registered_commands() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/isolation/commands.js");
    let fresh = isolation_commands_js();
    assert!(fresh.matches("',").count() >= 90, "expected every command in the list:\n{fresh}");
    if std::env::var_os("REKINDLE_UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == fresh,
        "ui/isolation/commands.js is out of date. Run: REKINDLE_UPDATE_BINDINGS=1 cargo test -p rekindle --test bindings"
    );
}
