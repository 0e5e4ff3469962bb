//! Encryption at rest, key handling, migrations, verify.

use rekindle_core::people::{self, ClientInput};
use rekindle_core::session::{self, SetupState};
use rekindle_core::{accounts, store, Error};

use crate::support::*;

fn all_bytes(dir: &std::path::Path) -> Vec<u8> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        out.extend(std::fs::read(e.path()).unwrap());
    }
    out
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn no_client_name_appears_anywhere_in_the_data_files() {
    let (dir, mut desk) = clinic_at_the_desk();
    let input =
        ClientInput { given_name: "Quenby".into(), family_name: Some("Zanzibarova".into()), ..ClientInput::default() };
    desk.write(|tx, a| people::register_client(tx, a, &input, today(), now())).unwrap();
    // While open (the WAL holds the write) and after closing (checkpointed into the main file).
    let open_bytes = all_bytes(dir.path());
    assert!(!contains(&open_bytes, "Zanzibarova"), "the name must not be readable in the WAL or the database");
    desk.sign_out(now()).unwrap();
    let closed_bytes = all_bytes(dir.path());
    assert!(!contains(&closed_bytes, "Zanzibarova") && !contains(&closed_bytes, "Quenby"));
    let db = std::fs::read(store::db_path(dir.path())).unwrap();
    assert!(!db.starts_with(b"SQLite format 3"), "the encrypted database has no plain SQLite header");
}

#[test]
fn a_plain_sqlite_connection_cannot_read_the_database() {
    let (dir, s, _) = clinic();
    s.sign_out(now()).unwrap();
    let plain = rusqlite::Connection::open(store::db_path(dir.path())).unwrap();
    let err = plain.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).unwrap_err();
    assert!(err.to_string().contains("file is not a database"), "got: {err}");
}

#[test]
fn the_database_opens_only_through_a_wrapped_key() {
    let (dir, s, _) = clinic();
    s.sign_out(now()).unwrap();
    let random_key = rekindle_core::crypto::DbKey::generate().unwrap();
    assert!(matches!(store::open_encrypted(&store::db_path(dir.path()), &random_key, false), Err(Error::WrongKey)));
}

#[test]
fn changing_a_password_reseals_one_key_and_never_rewrites_the_database() {
    let (dir, mut s, _) = clinic();
    s.connection().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    let db_before = std::fs::read(store::db_path(dir.path())).unwrap();
    accounts::change_own_password(&mut s, ADMIN_PW, "a-brand-new-password", now()).unwrap();
    // The only database change is the account row and its audit entry, which sit in the WAL; the
    // main file's pages (and its salt, in page 1) are untouched.
    let db_after = std::fs::read(store::db_path(dir.path())).unwrap();
    assert_eq!(db_before, db_after, "the database file was rewritten");
    s.sign_out(now()).unwrap();
    assert!(
        matches!(session::sign_in(dir.path(), "robin", ADMIN_PW, now()), Err(Error::SignInFailed)),
        "the old password no longer opens it"
    );
    session::sign_in(dir.path(), "robin", "a-brand-new-password", now()).unwrap();
}

#[test]
fn the_recovery_key_resets_an_administrator_password() {
    let (dir, s, recovery) = clinic();
    s.sign_out(now()).unwrap();
    // Typed sloppily: lower case, spaces instead of dashes.
    let typed = recovery.to_lowercase().replace('-', " ");
    let s = session::sign_in_with_recovery_key(dir.path(), &typed, "robin", "recovered-password-9", now()).unwrap();
    assert_eq!(s.info().username, "robin");
    s.sign_out(now()).unwrap();
    session::sign_in(dir.path(), "robin", "recovered-password-9", now()).unwrap();
    let wrong = session::sign_in_with_recovery_key(
        dir.path(),
        "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA",
        "robin",
        "another-password-9",
        now(),
    );
    assert!(matches!(wrong, Err(Error::SignInFailed)));
}

#[test]
fn setup_happens_once_and_says_so() {
    let (dir, s, _) = clinic();
    assert_eq!(session::state(dir.path()).unwrap(), SetupState::Ready);
    s.sign_out(now()).unwrap();
    assert!(matches!(session::set_up(dir.path(), &setup_input(), now()), Err(Error::AlreadySetUp)));
    let empty = tempfile::tempdir().unwrap();
    assert_eq!(session::state(empty.path()).unwrap(), SetupState::NotSetUp);
    assert!(matches!(session::sign_in(empty.path(), "robin", ADMIN_PW, now()), Err(Error::NotSetUp)));
}

#[test]
fn setup_with_bad_input_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut input = setup_input();
    input.clinic.name = " ".into();
    input.admin_password = "short".into();
    input.admin_username = "Robin Hale!".into();
    let fields = fields_of(session::set_up(dir.path(), &input, now()));
    assert_eq!(fields, vec!["clinic.name"], "the clinic is checked first");
    input.clinic.name = "Willow Street".into();
    let mut fields = fields_of(session::set_up(dir.path(), &input, now()));
    fields.sort();
    assert_eq!(fields, vec!["adminPassword", "adminUsername"]);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no file is created before the input is valid");
}

#[test]
fn verify_reports_a_healthy_database() {
    let (_dir, s, _) = clinic();
    let r = store::verify(s.connection()).unwrap();
    assert!(r.is_good(), "{r:?}");
    assert_eq!(r.schema_version, store::latest_schema_version());
}

#[test]
fn the_store_runs_in_wal_mode_with_full_sync_and_foreign_keys() {
    let (_dir, s, _) = clinic();
    let c = s.connection();
    let mode: String = c.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    let sync: i64 = c.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
    let fk: i64 = c.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert_eq!((mode.as_str(), sync, fk), ("wal", 2, 1), "WAL, synchronous = FULL (2), foreign keys on");
}
