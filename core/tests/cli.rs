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
    for sub in ["init", "demo", "verify", "clients", "checklist", "import-instrument"] {
        let o = Command::new(env!("CARGO_BIN_EXE_rekindle-admin")).args([sub, "--help"]).output().unwrap();
        assert!(o.status.success());
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.contains("--data-dir") && out.contains("--user"), "{sub} --help lists the global options:\n{out}");
    }
}
