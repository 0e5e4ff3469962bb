//! Helpers shared by the integration tests.

use chrono::{DateTime, NaiveDate, Utc};
use rekindle_core::access::Role;
use rekindle_core::accounts::{self, NewAccount};
use rekindle_core::clinic::ClinicProfile;
use rekindle_core::error::{Error, FieldError};
use rekindle_core::session::{self, Session, SetupInput};
use tempfile::TempDir;

pub const ADMIN_PW: &str = "admin-password-1";
pub const DESK_PW: &str = "desk-password-1";

pub fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-22T10:00:00Z").unwrap().with_timezone(&Utc)
}

pub fn today() -> NaiveDate {
    now().date_naive()
}

pub fn setup_input() -> SetupInput {
    SetupInput {
        clinic: ClinicProfile {
            name: "Willow Street Counselling".into(),
            address: None,
            phone: Some("020 7946 0001".into()),
            email: None,
        },
        admin_username: "robin".into(),
        admin_display_name: "Robin Hale".into(),
        admin_password: ADMIN_PW.into(),
        also_counsellor: false,
    }
}

/// A new clinic in a temporary folder, with the administrator signed in.
pub fn clinic() -> (TempDir, Session, String) {
    let dir = tempfile::tempdir().unwrap();
    let (s, recovery) = session::set_up(dir.path(), &setup_input(), now()).unwrap();
    (dir, s, recovery.to_string())
}

/// A clinic with a reception account `frankie` (password already chosen), signed in as them.
pub fn clinic_at_the_desk() -> (TempDir, Session) {
    let (dir, mut admin, _) = clinic();
    add_account(&mut admin, "frankie", &[Role::Reception]);
    admin.sign_out(now()).unwrap();
    let desk = session::sign_in(dir.path(), "frankie", DESK_PW, now()).unwrap();
    (dir, desk)
}

pub fn add_account(admin: &mut Session, username: &str, roles: &[Role]) {
    let input = NewAccount {
        username: username.into(),
        display_name: format!("{username} (test)"),
        roles: roles.to_vec(),
        temporary_password: DESK_PW.into(),
    };
    accounts::add(admin, &input, now()).unwrap();
}

/// The field errors of a validation failure, as (field, message) pairs; panics on any other
/// outcome, naming what happened instead.
pub fn field_errors<T: std::fmt::Debug>(r: Result<T, Error>) -> Vec<(String, String)> {
    match r {
        Err(Error::Validation(v)) => v.into_iter().map(|FieldError { field, message }| (field, message)).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

pub fn fields_of<T: std::fmt::Debug>(r: Result<T, Error>) -> Vec<String> {
    field_errors(r).into_iter().map(|(f, _)| f).collect()
}

pub fn count(s: &Session, sql: &str) -> i64 {
    s.connection().query_row(sql, [], |r| r.get(0)).unwrap()
}

pub const DEMO_PW: &str = "demo-password-1";

/// The small demo clinic, with its counsellor signed in.
pub fn demo_counsellor() -> (TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    rekindle_core::demo::create(dir.path(), rekindle_core::demo::Scale::Small, DEMO_PW, now()).unwrap();
    let s = session::sign_in(dir.path(), "counsellor", DEMO_PW, now()).unwrap();
    (dir, s)
}
