//! The screen lock: its setting (an administrator's, 1 to 60 minutes) and coming back to a
//! locked session with one's own password, a wrong one counting towards the delay.

use chrono::Duration;
use rekindle_core::access::Role;
use rekindle_core::error::Error;
use rekindle_core::lock;
use rekindle_core::session;
use rekindle_core::store::keyring;

use crate::support::{self, add_account, now, DESK_PW};

#[test]
fn the_lock_time_is_an_administrators_choice_of_1_to_60_minutes() {
    let (dir, mut admin, _) = support::clinic();
    assert_eq!(admin.read(|c, _| lock::lock_after_minutes(c)).unwrap(), lock::DEFAULT_MINUTES);
    for bad in [0, 61, -5] {
        let r = admin.write(|tx, a| lock::set_lock_after_minutes(tx, a, bad, now()));
        assert_eq!(support::fields_of(r), ["lockAfterMinutes"], "{bad}");
    }
    assert_eq!(admin.write(|tx, a| lock::set_lock_after_minutes(tx, a, 2, now())).unwrap(), 2);
    add_account(&mut admin, "frankie", &[Role::Reception]);
    let mut desk = session::sign_in(dir.path(), "frankie", DESK_PW, now()).unwrap();
    assert_eq!(desk.read(|c, _| lock::lock_after_minutes(c)).unwrap(), 2, "everyone's window reads it");
    assert!(matches!(desk.write(|tx, a| lock::set_lock_after_minutes(tx, a, 30, now())), Err(Error::Forbidden)));
}

#[test]
fn coming_back_to_a_locked_screen_takes_ones_own_password() {
    let (dir, mut admin, _) = support::clinic();
    add_account(&mut admin, "frankie", &[Role::Reception]);
    let mut desk = session::sign_in(dir.path(), "frankie", DESK_PW, now()).unwrap();
    desk.record_lock("idle", now()).unwrap();
    for k in 0..=i64::from(keyring::FREE_FAILURES) {
        assert!(matches!(desk.unlock("not my password", now() + Duration::seconds(k)), Err(Error::SignInFailed)));
    }
    // After that, the next try has to wait, as at sign-in.
    let waited = desk.unlock("not my password", now() + Duration::seconds(4));
    assert!(matches!(waited, Err(Error::TooManyAttempts { .. })), "{waited:?}");
    desk.unlock(DESK_PW, now() + Duration::minutes(10)).unwrap();
    let actions: Vec<(String, String)> = desk
        .connection()
        .prepare("SELECT action, detail FROM audit_log WHERE action LIKE 'session.%lock' ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(actions[0], ("session.lock".to_string(), "idle".to_string()));
    assert_eq!(actions[1].0, "session.unlock");
    assert!(actions[1].1.contains("failed attempts"), "{actions:?}");
}
