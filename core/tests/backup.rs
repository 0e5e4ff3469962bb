//! Backups and restore: a backup holds exactly what the clinic held when it was made, a
//! restore brings that back (keeping the replaced file), a damaged or foreign backup is refused
//! with nothing changed, only an administrator may do either, the folder is thinned out, and a
//! backup folder alone brings a clinic back on an empty computer.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use rekindle_core::access::Role;
use rekindle_core::backup;
use rekindle_core::error::Error;
use rekindle_core::people::{self, ClientInput};
use rekindle_core::session::{self, Session};
use rusqlite::Connection;

use crate::support::{self, add_account, now, ADMIN_PW, DESK_PW};

/// Every row of every table, as text, table by table (the audit log apart).
fn dump(conn: &Connection) -> (Vec<(String, Vec<String>)>, Vec<String>) {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let rows_of = |t: &str| -> Vec<String> {
        let mut st = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = st.column_count();
        st.query_map([], |r| {
            let mut line = Vec::with_capacity(n);
            for i in 0..n {
                line.push(format!("{:?}", r.get_ref(i)?));
            }
            Ok(line.join("|"))
        })
        .unwrap()
        .collect::<rusqlite::Result<Vec<String>>>()
        .unwrap()
    };
    // Tables without a rowid have no natural order: rows are compared sorted (the log keeps its
    // own order, by id, which comes first in each line).
    let rows_of = |t: &str| -> Vec<String> {
        let mut rows = rows_of(t);
        if t != "audit_log" {
            rows.sort();
        }
        rows
    };
    let audit = rows_of("audit_log");
    let rest = tables.iter().filter(|t| *t != "audit_log").map(|t| (t.clone(), rows_of(t))).collect();
    (rest, audit)
}

fn register(s: &mut Session, given: &str) {
    let c = ClientInput { given_name: given.into(), family_name: Some("Backup".into()), ..ClientInput::default() };
    s.write(|tx, a| people::register_client(tx, a, &c, support::today(), now())).unwrap();
}

fn names(s: &Session) -> Vec<String> {
    let mut st = s.connection().prepare("SELECT given_name FROM people ORDER BY id").unwrap();
    st.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

#[test]
fn a_restored_backup_holds_exactly_what_the_clinic_held_and_the_replaced_file_is_kept() {
    let (dir, mut admin, _) = support::clinic();
    add_account(&mut admin, "frankie", &[Role::Reception]);
    admin.sign_out(now()).unwrap();
    let mut desk = session::sign_in(dir.path(), "frankie", DESK_PW, now()).unwrap();
    register(&mut desk, "Before");
    desk.sign_out(now()).unwrap();

    let mut admin = session::sign_in(dir.path(), "robin", ADMIN_PW, now()).unwrap();
    let (tables_then, audit_then) = dump(admin.connection());
    let folder = tempfile::tempdir().unwrap();
    let done = backup::back_up_to_folder(&mut admin, folder.path(), now()).unwrap();
    assert!(done.file.starts_with(folder.path()) && done.bytes > 0, "{done:?}");
    assert!(folder.path().join("keyring.db").is_file(), "the keyring copy sits beside the backups");
    let listed = backup::list(folder.path()).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].file, done.file);
    admin.sign_out(now()).unwrap();

    // A day's work after the backup.
    let mut desk = session::sign_in(dir.path(), "frankie", DESK_PW, now()).unwrap();
    register(&mut desk, "After");
    assert_eq!(names(&desk), ["Before", "After"]);
    desk.sign_out(now()).unwrap();

    let admin = session::sign_in(dir.path(), "robin", ADMIN_PW, now()).unwrap();
    let kept = backup::restore(admin, &done.file, now() + Duration::hours(1)).unwrap();
    assert!(kept.is_file(), "the replaced data file is kept: {}", kept.display());

    let admin = session::sign_in(dir.path(), "robin", ADMIN_PW, now()).unwrap();
    assert_eq!(names(&admin), ["Before"], "the restored clinic is the one backed up");
    let (tables_now, audit_now) = dump(admin.connection());
    assert_eq!(tables_now, tables_then, "every table but the log is as it was, row for row");
    assert_eq!(&audit_now[..audit_then.len()], &audit_then[..], "the log up to the backup is unchanged");
    let actions: Vec<String> = admin
        .connection()
        .prepare("SELECT action FROM audit_log WHERE id > ?1 ORDER BY id")
        .unwrap()
        .query_map([audit_then.len() as i64], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(actions.contains(&"backup.restore".to_string()), "the restore is in the restored log: {actions:?}");
    assert_eq!(rekindle_core::audit::verify_chain(admin.connection()).unwrap(), None);

    // The kept file still holds the day's work, should the restore have been a mistake.
    let side = tempfile::tempdir().unwrap();
    std::fs::copy(&kept, side.path().join("rekindle.db")).unwrap();
    std::fs::copy(dir.path().join("keyring.db"), side.path().join("keyring.db")).unwrap();
    let old = session::sign_in(side.path(), "robin", ADMIN_PW, now()).unwrap();
    assert_eq!(names(&old), ["Before", "After"]);
}

#[test]
fn a_damaged_or_foreign_backup_is_refused_and_nothing_changes() {
    let (dir, mut admin, _) = support::clinic();
    let folder = tempfile::tempdir().unwrap();
    let done = backup::back_up_to_folder(&mut admin, folder.path(), now()).unwrap();
    admin.sign_out(now()).unwrap();

    // Damage the middle of the backup.
    let damaged = folder.path().join("damaged.rkbackup");
    let mut bytes = std::fs::read(&done.file).unwrap();
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 64] {
        *b ^= 0x5a;
    }
    std::fs::write(&damaged, bytes).unwrap();
    // Another clinic's backup.
    let (_other_dir, mut other, _) = support::clinic();
    let other_folder = tempfile::tempdir().unwrap();
    let foreign = backup::back_up_to_folder(&mut other, other_folder.path(), now()).unwrap().file;

    let before = {
        let s = session::sign_in(dir.path(), "robin", ADMIN_PW, now()).unwrap();
        dump(s.connection()).0
    };
    for (bad, why) in [(damaged.as_path(), "damaged"), (foreign.as_path(), "not a backup of this clinic")] {
        let admin = session::sign_in(dir.path(), "robin", ADMIN_PW, now()).unwrap();
        let err = backup::restore(admin, bad, now()).unwrap_err();
        let Error::Validation(fields) = &err else { panic!("a typed refusal, not {err:?}") };
        assert_eq!(fields[0].field, "from");
        assert!(fields[0].message.contains(why), "{why}: {}", fields[0].message);
    }
    let after = session::sign_in(dir.path(), "robin", ADMIN_PW, now()).unwrap();
    assert!(dump(after.connection()).0 == before, "the clinic's data is untouched");
    let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    assert!(
        entries.iter().all(|n| !n.to_string_lossy().contains("replaced") && !n.to_string_lossy().contains("restoring")),
        "no kept or staged file: {entries:?}"
    );
}

#[test]
fn only_an_administrator_backs_up_or_restores() {
    let (dir, mut admin, _) = support::clinic();
    add_account(&mut admin, "frankie", &[Role::Reception]);
    add_account(&mut admin, "sam", &[Role::Counsellor]);
    let folder = tempfile::tempdir().unwrap();
    let done = backup::back_up_to_folder(&mut admin, folder.path(), now()).unwrap();
    admin.sign_out(now()).unwrap();
    for who in ["frankie", "sam"] {
        let mut s = session::sign_in(dir.path(), who, DESK_PW, now()).unwrap();
        let other = tempfile::tempdir().unwrap();
        assert!(matches!(backup::back_up_to_folder(&mut s, other.path(), now()), Err(Error::Forbidden)));
        assert!(std::fs::read_dir(other.path()).unwrap().next().is_none(), "{who} wrote nothing");
        assert!(matches!(backup::restore(s, &done.file, now()), Err(Error::Forbidden)));
    }
}

#[test]
fn the_folder_keeps_daily_weekly_and_monthly_backups_only() {
    let (_dir, mut admin, _) = support::clinic();
    let folder = tempfile::tempdir().unwrap();
    // A backup every third day for 60 days, and a stranger's file in the folder.
    std::fs::write(folder.path().join("notes.txt"), "not a backup").unwrap();
    let first = at("2026-08-01T18:00:00Z");
    let mut made: Vec<NaiveDateTime> = Vec::new();
    for k in 0..20 {
        let t = first + Duration::days(3 * k);
        backup::back_up_to_folder(&mut admin, folder.path(), t).unwrap();
        made.push(t.naive_utc());
    }
    let kept: Vec<NaiveDateTime> = backup::list(folder.path())
        .unwrap()
        .iter()
        .map(|f| DateTime::parse_from_rfc3339(&f.made_at).unwrap().naive_utc())
        .collect();
    let mut expected: Vec<NaiveDateTime> = backup::to_keep(&made).into_iter().collect();
    expected.reverse();
    assert_eq!(kept, expected, "newest first, exactly those the rotation keeps");
    assert!(kept.len() < 20 && kept.len() >= backup::KEEP_DAILY, "{} kept", kept.len());
    assert_eq!(kept[0], made[19], "the newest is kept");
    assert!(folder.path().join("notes.txt").is_file(), "files that are not backups are left alone");
}

#[test]
fn a_backup_folder_alone_brings_the_clinic_back_on_an_empty_computer() {
    let (dir, mut admin, _) = support::clinic();
    add_account(&mut admin, "frankie", &[Role::Reception]);
    let mut desk = session::sign_in(dir.path(), "frankie", DESK_PW, now()).unwrap();
    register(&mut desk, "Kept");
    desk.sign_out(now()).unwrap();
    let folder = tempfile::tempdir().unwrap();
    let done = backup::back_up_to_folder(&mut admin, folder.path(), now()).unwrap();
    admin.sign_out(now()).unwrap();

    let fresh = tempfile::tempdir().unwrap();
    let target = fresh.path().join("data");
    let wrong = backup::restore_into_empty(&target, &done.file, "robin", "not the password", now());
    assert!(matches!(wrong, Err(Error::SignInFailed)), "{wrong:?}");
    assert!(!target.join("rekindle.db").exists(), "a failed attempt leaves the folder empty");
    backup::restore_into_empty(&target, &done.file, "robin", ADMIN_PW, now()).unwrap();
    let desk = session::sign_in(&target, "frankie", DESK_PW, now()).unwrap();
    assert_eq!(names(&desk), ["Kept"]);
    assert!(matches!(
        backup::restore_into_empty(&target, &done.file, "robin", ADMIN_PW, now()),
        Err(Error::AlreadySetUp)
    ));
}

#[test]
fn the_administrator_chooses_the_folder_and_a_bad_choice_is_named() {
    let (dir, mut admin, _) = support::clinic();
    let data = dir.path().to_owned();
    let set = |s: &mut Session, f: &str| s.write(|tx, a| backup::set_folder(tx, a, &data, f, now()));
    for (typed, says) in [
        ("", "Choose a folder"),
        ("backups/here", "whole path"),
        (data.join("inside").to_str().unwrap(), "outside Rekindle's own data folder"),
    ] {
        let fields = support::field_errors(set(&mut admin, typed));
        assert_eq!(fields.len(), 1, "{typed:?}: {fields:?}");
        assert_eq!(fields[0].0, "folder");
        assert!(fields[0].1.contains(says), "{typed:?}: {}", fields[0].1);
    }
    assert_eq!(admin.read(backup::settings).unwrap().folder, None, "nothing was saved");
    let folder = tempfile::tempdir().unwrap();
    let usb = folder.path().join("usb").join("rekindle");
    set(&mut admin, usb.to_str().unwrap()).unwrap();
    let settings = admin.read(backup::settings).unwrap();
    assert_eq!(settings.folder.as_deref(), usb.to_str());
    assert!(settings.backups.is_empty());

    add_account(&mut admin, "frankie", &[Role::Reception]);
    let mut desk = session::sign_in(dir.path(), "frankie", DESK_PW, now()).unwrap();
    assert!(matches!(desk.read(backup::settings), Err(Error::Forbidden)));
    assert!(matches!(set(&mut desk, "/tmp/elsewhere"), Err(Error::Forbidden)));
}

#[test]
fn automatic_backups_follow_sign_outs_and_the_day_for_whoever_is_signed_in() {
    use backup::Automatic;
    let (dir, mut admin, _) = support::clinic();
    add_account(&mut admin, "frankie", &[Role::Reception]);
    let mut desk = session::sign_in(dir.path(), "frankie", DESK_PW, now()).unwrap();
    assert!(backup::automatic(&mut desk, Automatic::SignOut, now()).unwrap().is_none(), "no folder, no backup");

    let folder = tempfile::tempdir().unwrap();
    let data = dir.path().to_owned();
    admin.write(|tx, a| backup::set_folder(tx, a, &data, folder.path().to_str().unwrap(), now())).unwrap();
    let first = backup::automatic(&mut desk, Automatic::SignOut, now()).unwrap();
    assert!(first.is_some(), "reception's sign-out makes a backup");
    let later = now() + Duration::hours(3);
    assert!(backup::automatic(&mut desk, Automatic::Daily, later).unwrap().is_none(), "not due within the day");
    assert!(backup::automatic(&mut desk, Automatic::SignOut, later).unwrap().is_some(), "every sign-out backs up");
    let next_day = now() + Duration::hours(27);
    assert!(backup::automatic(&mut desk, Automatic::Daily, next_day).unwrap().is_some(), "due after a day");
    assert_eq!(backup::list(folder.path()).unwrap().len(), 2, "the two of the first day thin out to the newest");

    let entries: Vec<(String, String)> = admin
        .connection()
        .prepare("SELECT outcome, detail FROM audit_log WHERE action = 'backup.create' ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(entries.len(), 3, "{entries:?}");
    assert!(entries.iter().all(|(o, d)| o == "ok" && d.contains("automatic")), "{entries:?}");
}
