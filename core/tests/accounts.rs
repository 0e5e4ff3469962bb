//! Accounts: sign-in, roles, passwords, deactivation, the growing delay.

use chrono::Duration;
use rekindle_core::access::Role;
use rekindle_core::accounts::{self, AccountUpdate, NewAccount};
use rekindle_core::people;
use rekindle_core::session;
use rekindle_core::Error;

use crate::support::*;

#[test]
fn a_wrong_password_and_an_unknown_name_fail_the_same_way() {
    let (dir, s, _) = clinic();
    s.sign_out(now()).unwrap();
    let wrong = session::sign_in(dir.path(), "robin", "not-the-password", now()).unwrap_err();
    let unknown = session::sign_in(dir.path(), "nobody", "not-the-password", now()).unwrap_err();
    assert!(matches!(wrong, Error::SignInFailed) && matches!(unknown, Error::SignInFailed));
    assert_eq!(wrong.to_string(), unknown.to_string());
    assert_eq!(wrong.to_string(), "That name and password were not recognised.");
}

#[test]
fn repeated_failures_bring_a_growing_wait_that_even_the_right_password_must_respect() {
    let (dir, s, _) = clinic();
    s.sign_out(now()).unwrap();
    for _ in 0..4 {
        assert!(matches!(session::sign_in(dir.path(), "robin", "guess-guess-guess", now()), Err(Error::SignInFailed)));
    }
    match session::sign_in(dir.path(), "robin", ADMIN_PW, now()) {
        Err(Error::TooManyAttempts { retry_after_seconds }) => assert_eq!(retry_after_seconds, 2),
        other => panic!("expected a wait, got {other:?}"),
    }
    let later = now() + Duration::seconds(3);
    session::sign_in(dir.path(), "robin", ADMIN_PW, later).unwrap();
}

#[test]
fn failed_sign_ins_and_the_hold_they_start_reach_the_audit_log_at_the_next_sign_in() {
    let (dir, s, _) = clinic();
    s.sign_out(now()).unwrap();
    let typed_password_as_name = "hunter-two-secret";
    for _ in 0..4 {
        assert!(matches!(session::sign_in(dir.path(), "robin", "guess-guess-guess", now()), Err(Error::SignInFailed)));
    }
    assert!(session::sign_in(dir.path(), typed_password_as_name, "x", now()).is_err());
    let later = now() + Duration::seconds(3);
    let s = session::sign_in(dir.path(), "robin", ADMIN_PW, later).unwrap();

    let failed = |s: &session::Session, action: &str| -> Vec<(Option<i64>, String, String)> {
        let mut st = s
            .connection()
            .prepare("SELECT account_id, outcome, detail FROM audit_log WHERE action = ?1 ORDER BY id")
            .unwrap();
        st.query_map([action], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
    };
    let failures = failed(&s, "session.sign_in_failed");
    assert_eq!(failures.len(), 5, "{failures:?}");
    assert!(failures.iter().all(|(who, outcome, _)| who.is_none() && outcome == "refused"));
    assert_eq!(failures.iter().filter(|(_, _, d)| d.starts_with("as robin, at 2026-11-22 10:00:00 UTC")).count(), 4);
    assert!(failures[3].2.ends_with("4 in a row"), "{:?}", failures[3]);
    assert!(failures[4].2.starts_with("with a name that is no account's"), "{:?}", failures[4]);
    // The fourth failure made the next attempt wait: one hold, with how long.
    let holds = failed(&s, "session.lock_out");
    assert_eq!(holds.len(), 1, "{holds:?}");
    assert!(holds[0].2.ends_with("held back 2 s"), "{holds:?}");
    // A mistyped name may be a password: it is never kept.
    assert_eq!(count(&s, &format!("SELECT count(*) FROM audit_log WHERE detail LIKE '%{typed_password_as_name}%'")), 0);
    // The successful sign-in comes after them, and each failure is logged once only.
    let last_failure: i64 =
        count(&s, "SELECT max(id) FROM audit_log WHERE action IN ('session.sign_in_failed', 'session.lock_out')");
    let sign_in: i64 = count(&s, "SELECT max(id) FROM audit_log WHERE action = 'session.sign_in'");
    assert!(last_failure < sign_in);
    s.sign_out(later).unwrap();
    let s = session::sign_in(dir.path(), "robin", ADMIN_PW, later).unwrap();
    assert_eq!(failed(&s, "session.sign_in_failed").len(), 5);
    assert!(rekindle_core::store::verify(s.connection()).unwrap().is_good());
}

#[test]
fn names_are_not_case_sensitive_and_accounts_start_with_a_temporary_password() {
    let (dir, mut admin, _) = clinic();
    add_account(&mut admin, "frankie", &[Role::Reception]);
    admin.sign_out(now()).unwrap();
    let s = session::sign_in(dir.path(), "  Frankie ", DESK_PW, now()).unwrap();
    assert!(s.info().must_change_password, "a temporary password must be replaced");
    assert_eq!(s.info().roles, vec![Role::Reception]);
}

#[test]
fn only_an_administrator_manages_accounts() {
    let (_dir, mut desk) = clinic_at_the_desk();
    let input = NewAccount {
        username: "sneaky".into(),
        display_name: "Sneaky".into(),
        roles: vec![Role::Administrator],
        temporary_password: DESK_PW.into(),
    };
    assert!(matches!(accounts::add(&mut desk, &input, now()), Err(Error::Forbidden)));
    assert!(matches!(desk.read(accounts::list), Err(Error::Forbidden)));
    assert_eq!(count(&desk, "SELECT count(*) FROM accounts WHERE username = 'sneaky'"), 0);
}

#[test]
fn an_administrator_who_also_counsels_sees_clients_and_a_plain_administrator_does_not() {
    let (dir, mut admin, _) = clinic();
    assert!(matches!(admin.read(|c, a| people::search(c, a, "", false)), Err(Error::Forbidden)));
    let id = admin.info().account_id;
    admin
        .write(|tx, a| {
            accounts::update(
                tx,
                a,
                id,
                &AccountUpdate {
                    display_name: "Robin Hale".into(),
                    roles: vec![Role::Administrator, Role::Counsellor],
                },
                now(),
            )
        })
        .unwrap();
    admin.sign_out(now()).unwrap();
    let again = session::sign_in(dir.path(), "robin", ADMIN_PW, now()).unwrap();
    assert!(again.read(|c, a| people::search(c, a, "", false)).is_ok());
}

#[test]
fn a_deactivated_account_cannot_sign_in_and_reactivation_needs_a_new_password() {
    let (dir, mut admin, _) = clinic();
    add_account(&mut admin, "frankie", &[Role::Reception]);
    let frankie = admin.read(accounts::list).unwrap().into_iter().find(|a| a.username == "frankie").unwrap();
    accounts::deactivate(&mut admin, frankie.id, now()).unwrap();
    assert!(matches!(session::sign_in(dir.path(), "frankie", DESK_PW, now()), Err(Error::SignInFailed)));
    accounts::reactivate(&mut admin, frankie.id, "fresh-temporary-1", now()).unwrap();
    assert!(
        matches!(session::sign_in(dir.path(), "frankie", DESK_PW, now()), Err(Error::SignInFailed)),
        "the old password stays dead"
    );
    session::sign_in(dir.path(), "frankie", "fresh-temporary-1", now()).unwrap();
}

#[test]
fn the_clinic_always_keeps_an_active_administrator() {
    let (_dir, mut admin, _) = clinic();
    let me = admin.info().account_id;
    assert!(matches!(accounts::deactivate(&mut admin, me, now()), Err(Error::Conflict(_))));
    let r = admin.write(|tx, a| {
        accounts::update(
            tx,
            a,
            me,
            &AccountUpdate { display_name: "Robin".into(), roles: vec![Role::Counsellor] },
            now(),
        )
    });
    assert_eq!(fields_of(r), vec!["roles"]);
    assert_eq!(
        count(&admin, "SELECT count(*) FROM account_roles WHERE role = 'administrator'"),
        1,
        "nothing half written"
    );
}

#[test]
fn account_input_is_checked_field_by_field() {
    let (_dir, mut admin, _) = clinic();
    let bad =
        NewAccount { username: "x".into(), display_name: "".into(), roles: vec![], temporary_password: "short".into() };
    let mut f = fields_of(accounts::add(&mut admin, &bad, now()));
    f.sort();
    assert_eq!(f, vec!["displayName", "roles", "temporaryPassword", "username"]);
    add_account(&mut admin, "frankie", &[Role::Reception]);
    let dup = NewAccount {
        username: "FRANKIE".into(),
        display_name: "Other".into(),
        roles: vec![Role::Reception],
        temporary_password: DESK_PW.into(),
    };
    assert_eq!(
        field_errors(accounts::add(&mut admin, &dup, now())),
        vec![("username".to_string(), "That username is already taken.".to_string())]
    );
}

#[test]
fn changing_your_own_password_checks_the_current_one() {
    let (_dir, mut admin, _) = clinic();
    let r = accounts::change_own_password(&mut admin, "wrong-current-pw", "another-password-2", now());
    assert_eq!(fields_of(r), vec!["currentPassword"]);
    let r = accounts::change_own_password(&mut admin, ADMIN_PW, ADMIN_PW, now());
    assert_eq!(fields_of(r), vec!["newPassword"]);
}
