//! A client's rights: the whole record exported (JSON with every part, a readable PDF, the audit
//! entries about them included), and erased after the typed-name confirmation, leaving nothing of
//! theirs, their partner's own record intact and the audit chain whole.

use std::process::Command;

use rekindle_core::audit;
use rekindle_core::chart;
use rekindle_core::data_rights::{self, export::write_files};
use rekindle_core::error::Error;
use rekindle_core::session::{self, Session};
use serde_json::Value;

use crate::support::{demo_counsellor, field_errors, now, DEMO_PW};

fn id_of(s: &Session, given: &str, family: &str) -> i64 {
    s.connection()
        .query_row("SELECT id FROM people WHERE given_name = ?1 AND family_name = ?2", [given, family], |r| r.get(0))
        .unwrap()
}

/// Every (table, column) that refers to a person, from the schema's foreign keys.
fn person_columns(s: &Session) -> Vec<(String, String)> {
    let conn = s.connection();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut out = vec![];
    for t in tables {
        let mut st = conn.prepare(&format!("SELECT \"table\", \"from\" FROM pragma_foreign_key_list('{t}')")).unwrap();
        let fks: Vec<(String, String)> =
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<rusqlite::Result<_>>().unwrap();
        out.extend(fks.into_iter().filter(|(to, _)| to == "people").map(|(_, col)| (t.clone(), col)));
    }
    out
}

fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext").arg("-layout").arg(&path).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_export_holds_maggies_whole_record_and_who_looked_at_it() {
    let (dir, mut s) = demo_counsellor();
    let maggie = id_of(&s, "Margaret", "Okafor");
    s.write(|tx, a| chart::open(tx, a, maggie, now())).unwrap();
    let e = s.write(|tx, a| data_rights::export(tx, a, maggie, now())).unwrap();

    let v: Value = serde_json::from_str(&e.json).unwrap();
    assert_eq!(v["format"], "rekindle-client-record");
    assert_eq!(v["person"][0]["preferred_name"], "Maggie");
    assert!(v["person"][0].get("search_names").is_none(), "derived search keys are left out");
    let diagnoses: Vec<&str> =
        v["intakeDiagnoses"].as_array().unwrap().iter().filter_map(|d| d["diagnosis_label"].as_str()).collect();
    assert!(diagnoses.contains(&"Breast cancer"), "{diagnoses:?}");
    for part in ["intakeSideEffects", "measures", "courses", "sessions", "sessionItems", "appointments"] {
        assert!(!v[part].as_array().unwrap().is_empty(), "{part} is empty");
    }
    assert!(v["relationships"][0]["with_people"].as_str().unwrap().contains("David"));
    let actions: Vec<&str> =
        v["auditEntries"].as_array().unwrap().iter().filter_map(|r| r["action"].as_str()).collect();
    assert!(actions.contains(&"chart.read"), "{actions:?}");
    assert_eq!(actions.last(), Some(&"person.export_record"), "the export lists itself");
    // Nobody else's chart: the other clients' intakes are not in it.
    let others: i64 =
        s.connection().query_row("SELECT count(*) FROM intakes WHERE person_id <> ?1", [maggie], |r| r.get(0)).unwrap();
    assert!(others > 0);
    assert_eq!(v["intake"].as_array().unwrap().len(), 1);

    let text = pdf_text(&e.pdf);
    for expected in
        ["Your record", "Margaret Okafor", "Breast cancer", "Who opened or changed your record", "Opened the chart"]
    {
        assert!(text.contains(expected), "the PDF lacks {expected:?}:\n{text}");
    }
    assert!(!text.contains("search_names"));

    // Written as two files in a new folder; an existing export is never overwritten.
    let out = dir.path().join("export");
    let w = write_files(&out, &e).unwrap();
    assert_eq!(w.files.len(), 2);
    assert!(out.join("record.json").is_file() && out.join("record.pdf").is_file());
    assert_eq!(field_errors(write_files(&out, &e))[0].0, "folder");

    // Reception may not.
    let desk = session::sign_in(dir.path(), "reception", DEMO_PW, now());
    let mut desk = desk.unwrap();
    assert!(matches!(desk.write(|tx, a| data_rights::export(tx, a, maggie, now())), Err(Error::Forbidden)));
}

#[test]
fn erasing_maggie_takes_everything_hers_and_keeps_davids_record_and_the_log() {
    let (dir, mut s) = demo_counsellor();
    let maggie = id_of(&s, "Margaret", "Okafor");
    let david = id_of(&s, "David", "Okafor");
    s.write(|tx, a| chart::open(tx, a, maggie, now())).unwrap();
    let preview = s.read(|c, a| data_rights::erase_preview(c, a, maggie)).unwrap();
    assert_eq!(preview.full_name, "Margaret Okafor");
    assert!(preview.has_intake && preview.courses > 0 && preview.appointments > 0, "{preview:?}");

    // Reception may not; a wrong name changes nothing.
    let mut desk = session::sign_in(dir.path(), "reception", DEMO_PW, now()).unwrap();
    assert!(matches!(data_rights::erase(&mut desk, maggie, "Margaret Okafor", now()), Err(Error::Forbidden)));
    drop(desk);
    let entries_before: i64 = s.connection().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap();
    let errors = field_errors(data_rights::erase(&mut s, maggie, "Maggie", now()));
    assert_eq!(errors[0].0, "confirmName");
    assert_eq!(id_of(&s, "Margaret", "Okafor"), maggie, "still there");

    data_rights::erase(&mut s, maggie, "  margaret OKAFOR ", now()).unwrap();

    let conn = s.connection();
    for (table, column) in person_columns(&s) {
        let n: i64 = conn
            .query_row(&format!("SELECT count(*) FROM \"{table}\" WHERE \"{column}\" = ?1"), [maggie], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0, "{table}.{column} still refers to her");
    }
    let fk_problems: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(fk_problems, 0);
    let gate: i64 = conn.query_row("SELECT open FROM erasure_gate", [], |r| r.get(0)).unwrap();
    assert_eq!(gate, 0, "the gate is shut again");
    // Session notes are still protected once the erasure is over.
    assert!(conn.execute("DELETE FROM session_notes", []).is_err());

    // David, a partner and not a client, stays.
    assert_eq!(id_of(&s, "David", "Okafor"), david);
    // The log gains one entry, the erasure, naming only the record's number.
    let (action, person, detail): (String, Option<i64>, String) = conn
        .query_row("SELECT action, person_id, detail FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!((action.as_str(), person, detail.as_str()), ("person.erase", Some(maggie), ""));
    let entries_after: i64 = conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap();
    assert_eq!(entries_after, entries_before + 1, "the refused attempt wrote nothing");
    assert_eq!(audit::verify_chain(conn).unwrap(), None, "the chain is whole");
    // Her earlier entries are kept, by number only.
    let kept: i64 =
        conn.query_row("SELECT count(*) FROM audit_log WHERE person_id = ?1", [maggie], |r| r.get(0)).unwrap();
    assert!(kept >= 2, "the chart read and the erasure, by number: {kept}");
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
}
