//! The `rekindle-admin` binary, run as a clinic would run it.

use std::process::{Command, Output};

fn admin(dir: &std::path::Path, args: &[&str], password: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rekindle-admin"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("REKINDLE_PASSWORD", password)
        .env_remove("REKINDLE_DATA_DIR")
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn init_prints_a_recovery_key_once_and_verify_checks_everything() {
    let dir = tempfile::tempdir().unwrap();
    let o = admin(dir.path(), &["init", "--clinic-name", "Willow Street", "--admin", "robin"], "cli-password-1");
    assert!(o.status.success(), "{}", text(&o));
    let out = text(&o);
    let key_line = out.lines().map(str::trim).find(|l| l.len() == 39 && l.matches('-').count() == 7);
    assert!(key_line.is_some(), "a recovery key of 8 groups is printed:\n{out}");
    let again = admin(dir.path(), &["init", "--clinic-name", "Willow Street", "--admin", "robin"], "cli-password-1");
    assert_eq!(again.status.code(), Some(1), "a second init is refused: {}", text(&again));
    let v = admin(dir.path(), &["--user", "robin", "verify"], "cli-password-1");
    assert!(v.status.success(), "{}", text(&v));
    for what in ["integrity_check", "cipher_integrity_check", "schema version", "hash chain"] {
        assert!(text(&v).contains(what), "verify says it checked {what}");
    }
    let wrong = admin(dir.path(), &["--user", "robin", "verify"], "wrong-password");
    assert_eq!(wrong.status.code(), Some(3));
    assert!(text(&wrong).contains("not recognised"));
}

#[test]
fn demo_clinic_lists_clients_for_reception_and_refuses_the_plain_administrator() {
    let dir = tempfile::tempdir().unwrap();
    let o = admin(dir.path(), &["demo"], "demo-password-1");
    assert!(o.status.success(), "{}", text(&o));
    let list = admin(dir.path(), &["--user", "reception", "clients", "--json"], "demo-password-1");
    assert!(list.status.success(), "{}", text(&list));
    let rows: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let names: Vec<&str> = rows.as_array().unwrap().iter().filter_map(|r| r["preferredName"].as_str()).collect();
    assert!(names.contains(&"Maggie Okafor") && names.contains(&"Priya Raman"), "{names:?}");
    assert!(rows.as_array().unwrap().iter().all(|r| r["id"].is_i64() && r["archived"].is_boolean()));
    let refused = admin(dir.path(), &["clients"], "demo-password-1");
    assert_eq!(refused.status.code(), Some(3), "the administrator role alone does not see clients");
    let twice = admin(dir.path(), &["demo"], "demo-password-1");
    assert_eq!(twice.status.code(), Some(1), "demo only fills an empty folder");
}

#[test]
fn every_subcommand_has_help() {
    for sub in ["init", "demo", "verify", "clients", "checklist", "import-instrument", "export"] {
        let o = Command::new(env!("CARGO_BIN_EXE_rekindle-admin")).args([sub, "--help"]).output().unwrap();
        assert!(o.status.success());
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.contains("--data-dir") && out.contains("--user"), "{sub} --help lists the global options:\n{out}");
    }
}

#[test]
fn backup_and_restore_from_the_command_line_and_into_an_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    let pw = "cli-password-1";
    let o = admin(dir.path(), &["init", "--clinic-name", "Willow Street", "--admin", "robin"], pw);
    assert!(o.status.success(), "{}", text(&o));
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("monday.rkbackup");
    let b = admin(dir.path(), &["--user", "robin", "backup", "--out", file.to_str().unwrap()], pw);
    assert!(b.status.success(), "{}", text(&b));
    assert!(text(&b).contains("checked"), "{}", text(&b));
    let again = admin(dir.path(), &["--user", "robin", "backup", "--out", file.to_str().unwrap()], pw);
    assert_eq!(again.status.code(), Some(1), "an existing file is not overwritten: {}", text(&again));

    let r = admin(dir.path(), &["--user", "robin", "restore", "--from", file.to_str().unwrap()], pw);
    assert!(r.status.success(), "{}", text(&r));
    assert!(text(&r).contains("kept as"), "{}", text(&r));
    let kept = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .any(|e| e.file_name().to_string_lossy().starts_with("rekindle.db.replaced-"));
    assert!(kept, "the replaced file is kept");
    let v = admin(dir.path(), &["--user", "robin", "verify"], pw);
    assert!(v.status.success(), "the restored clinic verifies: {}", text(&v));

    // A new computer: an empty data folder and the backup folder.
    let fresh = tempfile::tempdir().unwrap();
    let r = admin(fresh.path(), &["--user", "robin", "restore", "--from", file.to_str().unwrap()], pw);
    assert!(r.status.success(), "{}", text(&r));
    let v = admin(fresh.path(), &["--user", "robin", "verify"], pw);
    assert!(v.status.success(), "{}", text(&v));

    let broken = folder.path().join("not-a-backup.rkbackup");
    std::fs::write(&broken, vec![7u8; 8192]).unwrap();
    let r = admin(dir.path(), &["--user", "robin", "restore", "--from", broken.to_str().unwrap()], pw);
    assert_eq!(r.status.code(), Some(1), "{}", text(&r));
    assert!(text(&r).contains("failed its check"), "{}", text(&r));
}

#[test]
fn verify_finds_an_audit_row_changed_behind_the_app_s_back() {
    use rekindle_core::store::{
        self,
        keyring::{self, Keyring},
    };
    let dir = tempfile::tempdir().unwrap();
    let pw = "cli-password-1";
    let o = admin(dir.path(), &["init", "--clinic-name", "Willow Street", "--admin", "robin"], pw);
    assert!(o.status.success(), "{}", text(&o));
    assert!(admin(dir.path(), &["--user", "robin", "verify"], pw).status.success());

    // Someone with the key and a raw SQLCipher connection rewrites who signed in.
    let ring = Keyring::open(&store::keyring_path(dir.path()), false).unwrap();
    let owner = keyring::account_owner("robin");
    let key = rekindle_core::crypto::unwrap(&ring.get(&owner).unwrap().unwrap(), pw.as_bytes(), &owner).unwrap();
    let raw = rusqlite::Connection::open(store::db_path(dir.path())).unwrap();
    raw.pragma_update(None, "key", key.sqlcipher_key().as_str()).unwrap();
    raw.execute_batch(
        "DROP TRIGGER audit_log_no_update;
         UPDATE audit_log SET account_id = 99 WHERE id = 2;",
    )
    .unwrap();
    drop(raw);

    let v = admin(dir.path(), &["--user", "robin", "verify"], pw);
    assert_eq!(v.status.code(), Some(1), "verify fails: {}", text(&v));
    assert!(text(&v).contains("broken at entry 2"), "{}", text(&v));
}

#[test]
fn a_counsellor_exports_a_clients_whole_record_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    assert!(admin(dir.path(), &["demo"], "demo-password-1").status.success());
    let list = admin(dir.path(), &["--user", "counsellor", "clients", "--json"], "demo-password-1");
    let rows: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let maggie = rows.as_array().unwrap().iter().find(|r| r["preferredName"] == "Maggie Okafor").unwrap()["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let out = dir.path().join("for-maggie");
    let o = admin(
        dir.path(),
        &["--user", "counsellor", "export", "--client", &maggie, "--out", out.to_str().unwrap()],
        "demo-password-1",
    );
    assert!(o.status.success(), "{}", text(&o));
    let record: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("record.json")).unwrap()).unwrap();
    assert_eq!(record["person"][0]["given_name"], "Margaret");
    assert!(std::fs::read(out.join("record.pdf")).unwrap().starts_with(b"%PDF-"));
    let again = admin(
        dir.path(),
        &["--user", "counsellor", "export", "--client", &maggie, "--out", out.to_str().unwrap()],
        "demo-password-1",
    );
    assert!(!again.status.success() && text(&again).contains("already holds"), "{}", text(&again));
    let desk = admin(
        dir.path(),
        &["--user", "reception", "export", "--client", &maggie, "--out", dir.path().join("x").to_str().unwrap()],
        "demo-password-1",
    );
    assert_eq!(desk.status.code(), Some(3), "reception may not: {}", text(&desk));
}
