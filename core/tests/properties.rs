//! Bad input, everywhere: property tests over the input of every command that takes one.
//!
//! Each property generates arbitrary values of one command's input type (empty, huge, control
//! characters, any script, numbers out of range, days and times that do not exist, ids that do
//! not exist mixed with real ones), builds it as the window would (JSON deserialized into the
//! core type, as Tauri does) and calls the core function the command calls, as a role allowed
//! to call it, on a copy of the small demo clinic. It checks:
//! - nothing panics (proptest reports a panic as a failure and shrinks it);
//! - the answer is `Ok`, or a typed refusal: `Validation` (every field error names a field and
//!   says something), `NotFound`, `Conflict`, `Clash` or `Forbidden`; never a storage fault,
//!   which would mean a bad value reached SQLite;
//! - a refusal wrote nothing: no statement changed a row on the connection (SQLite's
//!   `total_changes`, which also counts changes a rollback undid, so a write made before the
//!   check fails the property even though the transaction would have hidden it), and the row
//!   count and largest rowid of every table of the database and of the keyring are as before.
//!   No exception is made for the audit log: no refused command logs anything, and no command
//!   is exempt.
//!
//! One demo clinic is made per run (password hashing is slow) and each property works on its
//! own copy of its files, signed in as the role the command needs. 64 cases per property
//! (16 where each case renders a PDF).

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::cell::RefCell;
use std::path::Path;
use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, Utc};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use rekindle_core::error::Error;
use rekindle_core::session::{self, Session};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use tempfile::TempDir;

const PW: &str = "demo-password-1";

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-22T10:00:00Z").unwrap().with_timezone(&Utc)
}

fn today() -> NaiveDate {
    now().date_naive()
}

/// The demo clinic every property copies, made once.
fn template() -> &'static Path {
    static DIR: OnceLock<TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        rekindle_core::demo::create(dir.path(), rekindle_core::demo::Scale::Small, PW, now()).unwrap();
        dir
    })
    .path()
}

/// A private copy of the demo clinic, signed in as `user` (admin, counsellor, reception).
struct Clinic {
    dir: TempDir,
    s: RefCell<Session>,
}

fn clinic(user: &str) -> Clinic {
    let src = template();
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(src).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
        }
    }
    let s = session::sign_in(dir.path(), user, PW, now()).unwrap();
    Clinic { dir, s: RefCell::new(s) }
}

impl Clinic {
    fn ids(&self, sql: &str) -> Vec<i64> {
        let s = self.s.borrow();
        let mut stmt = s.connection().prepare(sql).unwrap();
        let ids: Vec<i64> = stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap();
        assert!(!ids.is_empty(), "the demo clinic has none of: {sql}");
        ids
    }

    fn strings(&self, sql: &str) -> Vec<String> {
        let s = self.s.borrow();
        let mut stmt = s.connection().prepare(sql).unwrap();
        let v: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap();
        assert!(!v.is_empty(), "the demo clinic has none of: {sql}");
        v
    }

    /// Row count and largest rowid of every table, in the database and the keyring.
    fn fingerprint(&self) -> Vec<(String, i64, i64)> {
        let s = self.s.borrow();
        let mut out = tables(s.connection(), "db");
        let keyring = rusqlite::Connection::open_with_flags(
            self.dir.path().join("keyring.db"),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .unwrap();
        out.extend(tables(&keyring, "keyring"));
        out
    }

    /// Runs `f` on the session and checks the outcome (see the top of the file).
    fn check<T: std::fmt::Debug>(
        &self,
        f: impl FnOnce(&mut Session) -> rekindle_core::Result<T>,
    ) -> Result<(), TestCaseError> {
        let before = self.fingerprint();
        let changes = self.s.borrow().connection().total_changes();
        let r = f(&mut self.s.borrow_mut());
        let Err(e) = r else { return Ok(()) };
        match &e {
            Error::Validation(fields) => {
                prop_assert!(!fields.is_empty(), "a validation error with no field");
                for f in fields {
                    prop_assert!(
                        !f.field.is_empty()
                            && f.field.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_'),
                        "a field error that names no field: {f:?}"
                    );
                    prop_assert!(!f.message.trim().is_empty(), "a field error that says nothing: {f:?}");
                }
            }
            Error::NotFound { .. } | Error::Conflict(_) | Error::Clash(_) | Error::Forbidden => {}
            other => prop_assert!(false, "not a typed refusal: {other:?}"),
        }
        let after_changes = self.s.borrow().connection().total_changes();
        prop_assert_eq!(changes, after_changes, "a refused command changed rows ({:?})", e);
        prop_assert_eq!(before, self.fingerprint(), "a refused command left rows behind ({:?})", e);
        Ok(())
    }
}

fn tables(conn: &rusqlite::Connection, prefix: &str) -> Vec<(String, i64, i64)> {
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap();
    let names: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap();
    names
        .into_iter()
        .map(|n| {
            let q = format!("SELECT count(*), COALESCE(max(rowid), 0) FROM \"{n}\"");
            let (c, m) = conn
                .query_row(&q, [], |r| Ok((r.get(0)?, r.get(1)?)))
                .or_else(|_| {
                    conn.query_row(&format!("SELECT count(*), 0 FROM \"{n}\""), [], |r| Ok((r.get(0)?, r.get(1)?)))
                })
                .unwrap();
            (format!("{prefix}.{n}"), c, m)
        })
        .collect()
}

/// Runs a property with `cases` cases; a failure (or panic) fails the test with the shrunk input.
fn run<S: Strategy>(cases: u32, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    if let Err(e) = runner.run(&strategy, test) {
        panic!("{e}");
    }
}

/// The input as the window would send it: JSON, deserialized as Tauri does. A value the
/// deserializer refuses never reaches core, so the case has nothing more to check.
fn input<T: DeserializeOwned>(v: Value) -> Option<T> {
    serde_json::from_value(v).ok()
}

// ---- strategies -------------------------------------------------------------------------

/// Any text a person (or a broken window) could send.
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        3 => "[A-Za-z][A-Za-z '.-]{0,20}",
        2 => "\\PC{0,30}",
        1 => Just(String::new()),
        1 => "[ \t\r\n]{1,4}",
        1 => ".{0,40}",
        1 => "[\\x00-\\x1f\\x7f\u{200b}\u{202e}\u{feff}]{1,6}",
        1 => "[a-z ]{0,5}".prop_map(|s| format!("{s}\0{s}")),
        1 => (1usize..3).prop_map(|n| "x".repeat(2_001 * n)),
        1 => Just("é".repeat(101)),
        1 => Just("👩‍👩‍👧 ज़ ಕನ್ನಡ".into()),
        1 => Just("'; DROP TABLE people; --".into()),
    ]
    .boxed()
}

fn opt_text() -> BoxedStrategy<Option<String>> {
    prop::option::of(text()).boxed()
}

/// One of the known good values, or anything.
fn one_of(good: Vec<String>) -> BoxedStrategy<String> {
    prop_oneof![3 => prop::sample::select(good), 1 => text()].boxed()
}

fn strs(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

/// A real id, or one that does not exist.
fn id(real: &[i64]) -> BoxedStrategy<i64> {
    prop_oneof![
        4 => prop::sample::select(real.to_vec()),
        1 => any::<i64>(),
        1 => prop::sample::select(vec![0, -1, i64::MIN, i64::MAX, 999_999]),
    ]
    .boxed()
}

fn ids(real: &[i64]) -> BoxedStrategy<Vec<i64>> {
    prop::collection::vec(id(real), 0..4).boxed()
}

fn number() -> BoxedStrategy<i64> {
    prop_oneof![3 => -3i64..120, 1 => any::<i64>(), 1 => prop::sample::select(vec![i64::MIN, i64::MAX, 0])].boxed()
}

/// Days: real ones near today, ones that do not exist, and anything.
fn day() -> BoxedStrategy<String> {
    prop_oneof![
        3 => (2020i32..2030, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        2 => (-1i32..10_000, 0u32..14, 0u32..33).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        1 => prop::sample::select(strs(&["2026-02-29", "2024-02-29", "2026-11-23", "1900-01-01", "9999-12-31", "2026-11-23T10:00", " 2026-11-23 ", "23/11/2026"])),
        1 => text(),
    ]
    .boxed()
}

fn clock() -> BoxedStrategy<String> {
    prop_oneof![
        3 => (7u32..20, prop::sample::select(vec![0u32, 15, 30, 45])).prop_map(|(h, m)| format!("{h:02}:{m:02}")),
        2 => (0u32..30, 0u32..70).prop_map(|(h, m)| format!("{h}:{m:02}")),
        1 => prop::sample::select(strs(&["24:00", "-1:30", "9:5", "12:3a", "1:30pm", ":", "00:00", "23:59", "+9:00"])),
        1 => text(),
    ]
    .boxed()
}

fn opt<T: std::fmt::Debug + Clone + 'static>(s: BoxedStrategy<T>) -> BoxedStrategy<Option<T>> {
    prop::option::of(s).boxed()
}

fn flag() -> BoxedStrategy<bool> {
    any::<bool>().boxed()
}

// ---- administrator ----------------------------------------------------------------------

#[test]
fn clinic_profile() {
    let c = clinic("admin");
    let s = (text(), opt_text(), opt_text(), opt_text());
    run(64, s, |(name, address, phone, email)| {
        let Some(p) = input(json!({"name": name, "address": address, "phone": phone, "email": email})) else {
            return Ok(());
        };
        c.check(|s| s.write(|tx, a| rekindle_core::clinic::update(tx, a, &p, now())))
    });
}

#[test]
fn accounts() {
    let c = clinic("admin");
    let accts = c.ids("SELECT id FROM accounts");
    let role = || one_of(strs(&["administrator", "counsellor", "reception"]));
    let names = one_of(strs(&["counsellor", "reception", "admin", "new.person", "ab"]));
    let roles = prop::collection::vec(role(), 0..4);
    let s = (names, text(), roles.clone(), text(), id(&accts), roles, text(), text());
    run(48, s, |(username, display, roles, pw, id, roles2, display2, pw2)| {
        if let Some(new) =
            input(json!({"username": username, "displayName": display, "roles": roles, "temporaryPassword": pw}))
        {
            c.check(|s| rekindle_core::accounts::add(s, &new, now()))?;
        }
        if let Some(u) = input(json!({"displayName": display2, "roles": roles2})) {
            c.check(|s| s.write(|tx, a| rekindle_core::accounts::update(tx, a, id, &u, now())))?;
        }
        c.check(|s| rekindle_core::accounts::reset_password(s, id, &pw2, now()))
    });
}

#[test]
fn lock_setting() {
    let c = clinic("admin");
    run(64, number(), |m| c.check(|s| s.write(|tx, a| rekindle_core::lock::set_lock_after_minutes(tx, a, m, now()))));
}

#[test]
fn backup_folder() {
    let c = clinic("admin");
    let outside = tempfile::tempdir().unwrap();
    let data = c.dir.path().to_owned();
    let base = outside.path().to_owned();
    let folder = prop_oneof![
        2 => "[a-z]{1,8}(/[a-z]{1,8}){0,2}".prop_map(move |t| base.join(t).display().to_string()),
        1 => "[a-z]{0,8}".prop_map(move |t| data.join(t).display().to_string()),
        1 => Just("/proc/rekindle-not-here".to_owned()),
        1 => "[a-z./ ]{0,12}".prop_filter("relative", |t| !t.trim().starts_with('/')),
        1 => Just(String::new()),
    ];
    let dir = c.dir.path().to_owned();
    run(32, folder, |f| c.check(|s| s.write(|tx, a| rekindle_core::backup::set_folder(tx, a, &dir, &f, now()))));
}

#[test]
fn handout_templates() {
    let c = clinic("admin");
    let slugs = c.strings("SELECT slug FROM handout_templates");
    let bodies = c.strings("SELECT body FROM handout_template_versions");
    let body = prop_oneof![
        2 => prop::sample::select(bodies.clone()),
        2 => (prop::sample::select(bodies), 0usize..400, text()).prop_map(|(b, at, t)| {
            // A shipped template with something typed into the middle of it.
            let at = b.char_indices().map(|(i, _)| i).nth(at).unwrap_or(b.len());
            format!("{}{t}{}", &b[..at], &b[at..])
        }),
        1 => prop::collection::vec(
            prop_oneof![
                Just("{tasks}".to_owned()), Just("{grid}".to_owned()), Just("{end}".to_owned()),
                Just("{if full}".to_owned()), Just("{box 99999999999 x}".to_owned()), Just("{box 0}".to_owned()),
                Just("{unless caution avoid_estrogen}".to_owned()), Just("# ".to_owned()), Just("1. ".to_owned()),
                Just("[ ] ".to_owned()), Just("> ".to_owned()), text(),
            ],
            0..12,
        )
        .prop_map(|l| l.join("\n")),
        1 => text(),
    ];
    let s = (one_of(slugs), text(), one_of(strs(&["Your sheet", "Notes"])), body, flag());
    run(48, s, |(slug, title, discreet, body, preview_discreet)| {
        let Some(t) = input::<rekindle_core::handouts::TemplateInput>(
            json!({"title": title, "discreetTitle": discreet, "body": body}),
        ) else {
            return Ok(());
        };
        c.check(|s| {
            s.read(|conn, a| rekindle_core::handouts::template_preview(conn, a, &slug, &t, preview_discreet, today()))
        })?;
        c.check(|s| s.write(|tx, a| rekindle_core::handouts::save_template(tx, a, &slug, &t, now())))
    });
}

#[test]
fn print_settings_and_logo() {
    let c = clinic("admin");
    let png_start = b"\x89PNG\r\n\x1a\n".to_vec();
    let logo = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..64),
        prop::collection::vec(any::<u8>(), 0..64).prop_map(move |t| [png_start.clone(), t].concat()),
        Just(vec![0u8; 1_000_001]),
    ];
    let s = (one_of(strs(&["a4", "letter"])), flag(), one_of(strs(&["first", "initials"])), flag(), flag(), logo);
    run(64, s, |(paper, by_default, name, clinic_name, has_logo, logo)| {
        let v = json!({"paper": paper, "discreetByDefault": by_default, "discreetName": name, "discreetClinicName": clinic_name, "hasLogo": has_logo});
        if let Some(p) = input::<rekindle_core::handouts::PrintSettings>(v) {
            c.check(|s| s.write(|tx, a| rekindle_core::handouts::save_settings(tx, a, &p, now())))?;
        }
        c.check(|s| s.write(|tx, a| rekindle_core::handouts::set_logo(tx, a, Some(&logo), now())))
    });
}

#[test]
fn audit_log_filters() {
    let c = clinic("admin");
    let people = c.ids("SELECT id FROM people");
    let accts = c.ids("SELECT id FROM accounts");
    let kind = one_of(strs(&["session", "clinicalRead", "printExport", "change", "account", "backup"]));
    let s = (opt(id(&people)), opt_text(), opt(id(&accts)), opt(kind), opt(day()), opt(day()), opt(number()));
    run(64, s, |(person, client, account, kind, from, to, before)| {
        let v = json!({"personId": person, "client": client, "accountId": account, "kind": kind, "from": from, "to": to, "beforeId": before});
        let Some(f) = input::<rekindle_core::audit_view::AuditFilter>(v) else { return Ok(()) };
        c.check(|s| s.write(|tx, a| rekindle_core::audit_view::search(tx, a, &f, now())))
    });
}

#[test]
fn scheduling_settings() {
    let c = clinic("admin");
    let counsellors = c.ids("SELECT account_id FROM account_roles WHERE role = 'counsellor'");
    let rooms = c.ids("SELECT id FROM rooms");
    let zone = one_of(strs(&["Europe/London", "America/New_York", "UTC", "Asia/Kolkata", "Mars/Olympus"]));
    let room = (opt(id(&rooms)), text(), flag())
        .prop_map(|(id, name, active)| json!({"id": id, "name": name, "active": active}));
    let row = (0u8..9, clock(), clock()).prop_map(|(w, a, b)| json!({"weekday": w, "starts": a, "ends": b}));
    let hours = (id(&counsellors), prop::collection::vec(row, 0..4))
        .prop_map(|(id, hours)| json!({"counsellorId": id, "hours": hours}));
    let closed = (day(), text()).prop_map(|(d, r)| json!({"day": d, "reason": r}));
    let s = (
        zone,
        prop::collection::vec(room, 0..4),
        prop::collection::vec(hours, 0..3),
        prop::collection::vec(closed, 0..3),
    );
    run(64, s, |(zone, rooms, counsellors, closed)| {
        let v = json!({"timeZone": zone, "rooms": rooms, "counsellors": counsellors, "closedDays": closed});
        let Some(i) = input(v) else { return Ok(()) };
        c.check(|s| s.write(|tx, a| rekindle_core::scheduling::save_settings(tx, a, &i, now())))
    });
}

#[test]
fn instrument_import() {
    let c = clinic("admin");
    let code = one_of(strs(&["phq9", "new_scale", "x", "Upper", "a_very_long_code_of_more_than_thirty_two"]));
    let option = (number(), text()).prop_map(|(v, l)| json!({"value": v, "label": l}));
    let band = (number(), number(), text()).prop_map(|(a, b, l)| json!({"minTotal": a, "maxTotal": b, "label": l}));
    let alert =
        (number(), number(), text()).prop_map(|(i, v, m)| json!({"itemNumber": i, "minValue": v, "message": m}));
    let s = (
        code,
        (text(), text(), text()),
        prop::collection::vec(text(), 0..5),
        prop::collection::vec(option, 0..4),
        prop::collection::vec(band, 0..4),
        prop::collection::vec(alert, 0..3),
    );
    run(64, s, |(code, (title, question, licence), items, options, bands, alerts)| {
        let v = json!({"code": code, "title": title, "question": question, "licence": licence,
            "items": items, "options": options, "bands": bands, "alerts": alerts});
        let Some(d) = input(v) else { return Ok(()) };
        c.check(|s| s.write(|tx, a| rekindle_core::measures::import_instrument(tx, a, &d)))
    });
}

#[test]
fn library_items() {
    let c = clinic("counsellor");
    let items = c.ids("SELECT id FROM library_items");
    let stage = one_of(strs(&["education", "communication", "practical", "homework", "1", "2"]));
    let tags = prop::collection::vec(one_of(strs(&["needs_clearance", "avoid_estrogen", "solo", "couple"])), 0..3);
    let s = (
        id(&items),
        one_of(strs(&["education", "communication", "practical", "homework"])),
        (text(), text(), prop::collection::vec(text(), 0..4), opt_text()),
        (stage, one_of(strs(&["solo", "couple", "either"])), opt_text(), text(), tags),
    );
    run(
        64,
        s,
        |(item, section, (title, purpose, steps, frequency), (stage, participants, tracking, handout, tags))| {
            let v = json!({"title": title, "purpose": purpose, "steps": steps, "frequency": frequency, "stage": stage,
            "participants": participants, "tracking": tracking, "handoutText": handout, "tags": tags});
            let Some(i) = input(v) else { return Ok(()) };
            c.check(|s| s.write(|tx, a| rekindle_core::library::edit(tx, a, item, &i, now())))?;
            c.check(|s| s.write(|tx, a| rekindle_core::library::create(tx, a, &section, &i, now())))
        },
    );
}

// ---- reception --------------------------------------------------------------------------

fn client_json() -> BoxedStrategy<Value> {
    let contact = opt(one_of(strs(&["phone", "email", "text", "post", "none"])));
    let email = opt(prop_oneof![text(), "[a-z]{1,8}@[a-z]{1,8}\\.org".boxed(), Just("a@b".to_owned()).boxed()].boxed());
    (
        (text(), opt_text(), opt_text(), opt_text(), opt(day())),
        (opt(prop_oneof![text(), "\\+?[0-9 ]{3,20}".boxed()].boxed()), email, contact),
        (opt_text(), opt_text(), opt_text()),
    )
        .prop_map(
            |((given, family, preferred, pronouns, dob), (phone, email, contact), (discretion, referral, notes))| {
                json!({"givenName": given, "familyName": family, "preferredName": preferred, "pronouns": pronouns,
                "dateOfBirth": dob, "phone": phone, "email": email, "preferredContact": contact,
                "discretionNote": discretion, "referralSource": referral, "receptionNotes": notes})
            },
        )
        .boxed()
}

fn partner_json() -> BoxedStrategy<Value> {
    (text(), opt_text(), opt_text(), opt_text(), opt_text(), opt_text())
        .prop_map(|(given, family, preferred, pronouns, phone, email)| {
            json!({"givenName": given, "familyName": family, "preferredName": preferred, "pronouns": pronouns,
                "phone": phone, "email": email})
        })
        .boxed()
}

#[test]
fn people() {
    let c = clinic("reception");
    let people = c.ids("SELECT id FROM people");
    let s = (client_json(), id(&people), partner_json(), text(), flag());
    run(64, s, |(client, person, partner, query, archived)| {
        c.check(|s| s.read(|conn, a| rekindle_core::people::search(conn, a, &query, archived)))?;
        if let Some(i) = input(client) {
            c.check(|s| s.write(|tx, a| rekindle_core::people::register_client(tx, a, &i, today(), now())))?;
            c.check(|s| s.write(|tx, a| rekindle_core::people::save_client(tx, a, person, &i, today(), now())))?;
        }
        if let Some(p) = input(partner) {
            c.check(|s| s.write(|tx, a| rekindle_core::people::save_partner(tx, a, person, &p, now())))?;
        }
        c.check(|s| s.write(|tx, a| rekindle_core::people::set_archived(tx, a, person, archived, now())))
    });
}

#[test]
fn relationships() {
    let c = clinic("reception");
    let people = c.ids("SELECT id FROM people");
    let rels = c.ids("SELECT id FROM relationships");
    let structure = || one_of(c.strings("SELECT code FROM relationship_structures"));
    let s = (
        (structure(), ids(&people), prop::collection::vec(partner_json(), 0..2), opt_text()),
        (id(&rels), structure(), opt_text()),
        (opt(id(&people)), opt(partner_json()), id(&people)),
    );
    run(64, s, |((st, members, partners, note), (rel, st2, note2), (member, new_partner, remove))| {
        if let Some(i) = input(json!({"structure": st, "memberIds": members, "newPartners": partners, "note": note})) {
            c.check(|s| s.write(|tx, a| rekindle_core::relationships::create(tx, a, &i, now())))?;
        }
        if let Some(u) = input(json!({"structure": st2, "note": note2})) {
            c.check(|s| s.write(|tx, a| rekindle_core::relationships::update(tx, a, rel, &u, now())))?;
        }
        let np: Option<rekindle_core::people::PartnerInput> = new_partner.and_then(input);
        c.check(|s| s.write(|tx, a| rekindle_core::relationships::add_member(tx, a, rel, member, np.as_ref(), now())))?;
        c.check(|s| s.write(|tx, a| rekindle_core::relationships::remove_member(tx, a, rel, remove, now())))
    });
}

fn appointment_key(singles: &[i64], series: &[i64]) -> BoxedStrategy<String> {
    prop_oneof![
        2 => id(singles).prop_map(|i| format!("a:{i}")),
        2 => (id(series), prop_oneof![0u32..120, any::<u32>()]).prop_map(|(s, i)| format!("s:{s}:{i}")),
        1 => text(),
        1 => prop::sample::select(strs(&["a:", "s:1", "s:1:-1", "a:1:2", "s:1:4294967296", ":"])),
    ]
    .boxed()
}

#[test]
fn booking() {
    let c = clinic("reception");
    let counsellors = c.ids("SELECT account_id FROM account_roles WHERE role = 'counsellor'");
    let rooms = c.ids("SELECT id FROM rooms");
    let people = c.ids("SELECT id FROM people");
    let rels = c.ids("SELECT id FROM relationships");
    let kind = one_of(c.strings("SELECT code FROM appointment_kinds"));
    let repeat =
        opt((prop_oneof![0u32..20, any::<u32>()], opt(prop_oneof![0u32..200, any::<u32>()].boxed()), opt(day()))
            .prop_map(|(every, count, until)| json!({"everyWeeks": every, "count": count, "until": until}))
            .boxed());
    let s = (
        (kind, id(&counsellors), id(&rooms), ids(&people), opt(id(&rels))),
        (day(), clock(), opt(clock()), opt(number()), repeat),
        (opt_text(), flag()),
    );
    run(64, s, |((kind, counsellor, room, attendees, rel), (date, start, end, minutes, repeat), (note, allow))| {
        let v = json!({"kind": kind, "counsellorId": counsellor, "roomId": room, "attendeeIds": attendees,
            "relationshipId": rel, "date": date, "startTime": start, "endTime": end, "minutes": minutes,
            "repeat": repeat, "receptionNote": note, "allowOutsideHours": allow});
        let Some(i) = input(v) else { return Ok(()) };
        c.check(|s| s.read(|conn, a| rekindle_core::scheduling::check(conn, a, &i, now())))?;
        c.check(|s| s.write(|tx, a| rekindle_core::scheduling::book(tx, a, &i, now())))
    });
}

#[test]
fn appointment_changes() {
    let c = clinic("reception");
    let singles = c.ids("SELECT id FROM appointments UNION SELECT 0");
    let series = c.ids("SELECT id FROM appointment_series UNION SELECT 0");
    let counsellors = c.ids("SELECT account_id FROM account_roles WHERE role = 'counsellor'");
    let rooms = c.ids("SELECT id FROM rooms");
    let reasons = c.strings("SELECT code FROM cancel_reasons");
    let scope = || one_of(strs(&["thisOne", "thisAndFollowing"]));
    let status = one_of(strs(&["booked", "arrived", "in_session", "done", "no_show", "cancelled"]));
    let s = (
        (appointment_key(&singles, &series), scope(), day(), clock(), opt(number())),
        (opt(id(&counsellors)), opt(id(&rooms)), flag()),
        (appointment_key(&singles, &series), scope(), one_of(reasons), opt_text()),
        (appointment_key(&singles, &series), status),
    );
    run(
        64,
        s,
        |(
            (key, scope, date, start, minutes),
            (counsellor, room, allow),
            (key2, scope2, reason, note),
            (key3, status),
        )| {
            let v = json!({"key": key, "scope": scope, "date": date, "startTime": start, "minutes": minutes,
            "counsellorId": counsellor, "roomId": room, "allowOutsideHours": allow});
            if let Some(i) = input(v) {
                c.check(|s| s.write(|tx, a| rekindle_core::scheduling::reschedule(tx, a, &i, now())))?;
            }
            if let Some(i) = input(json!({"key": key2, "scope": scope2, "reason": reason, "note": note})) {
                c.check(|s| s.write(|tx, a| rekindle_core::scheduling::cancel(tx, a, &i, now())))?;
            }
            c.check(|s| s.write(|tx, a| rekindle_core::scheduling::change_status(tx, a, &key3, &status, now())))
        },
    );
}

#[test]
fn calendar_slots_and_waitlist() {
    let c = clinic("reception");
    let counsellors = c.ids("SELECT account_id FROM account_roles WHERE role = 'counsellor'");
    let rooms = c.ids("SELECT id FROM rooms");
    let people = c.ids("SELECT id FROM people");
    let waiting = c.ids("SELECT id FROM waitlist UNION SELECT 0");
    let kind = one_of(c.strings("SELECT code FROM appointment_kinds"));
    let small_u32 = || prop_oneof![0u32..60, any::<u32>()].boxed();
    let s = (
        (day(), small_u32(), ids(&counsellors), ids(&rooms)),
        (id(&counsellors), opt(id(&rooms)), ids(&people), number(), opt(day()), opt(small_u32()), opt(small_u32())),
        (id(&people), opt(id(&counsellors)), kind, opt_text(), id(&waiting)),
    );
    run(
        64,
        s,
        |(
            (from, days, cs, rs),
            (counsellor, room, attendees, minutes, sfrom, weeks, limit),
            (person, wc, kind, note, remove),
        )| {
            if let Some(q) = input(json!({"from": from, "days": days, "counsellorIds": cs, "roomIds": rs})) {
                c.check(|s| s.read(|conn, a| rekindle_core::scheduling::calendar(conn, a, &q, now())))?;
            }
            let v = json!({"counsellorId": counsellor, "roomId": room, "attendeeIds": attendees, "minutes": minutes,
            "from": sfrom, "weeks": weeks, "limit": limit});
            if let Some(q) = input(v) {
                c.check(|s| s.read(|conn, a| rekindle_core::scheduling::next_free_slots(conn, a, &q, now())))?;
            }
            if let Some(w) = input(json!({"personId": person, "counsellorId": wc, "kind": kind, "note": note})) {
                c.check(|s| s.write(|tx, a| rekindle_core::scheduling::add_to_waitlist(tx, a, &w, now())))?;
            }
            c.check(|s| s.write(|tx, a| rekindle_core::scheduling::remove_from_waitlist(tx, a, remove, now())))
        },
    );
}

#[test]
fn appointment_cards_and_day_sheets() {
    let c = clinic("reception");
    let singles = c.ids("SELECT id FROM appointments UNION SELECT 0");
    let series = c.ids("SELECT id FROM appointment_series UNION SELECT 0");
    let counsellors = c.ids("SELECT account_id FROM account_roles WHERE role = 'counsellor'");
    let s = (appointment_key(&singles, &series), day(), ids(&counsellors));
    run(16, s, |(key, d, cs)| {
        use rekindle_core::scheduling::print;
        c.check(|s| s.read(|conn, a| print::card_preview(conn, a, &key, now())))?;
        c.check(|s| s.read(|conn, a| print::day_sheet_preview(conn, a, &d, &cs, now())))
    });
}

// ---- counsellor -------------------------------------------------------------------------

#[test]
fn intake_sections() {
    let c = clinic("counsellor");
    let intakes = c.ids("SELECT id FROM intakes");
    let codes = c.strings("SELECT code FROM checklist_items");
    let code = || one_of(codes.clone());
    let side = (code(), one_of(strs(&["none", "mild", "moderate", "severe"])), opt_text())
        .prop_map(|(code, severity, note)| json!({"code": code, "severity": severity, "note": note}));
    let section = prop_oneof![
        (opt_text(), opt_text(), one_of(strs(&["yes", "no", "unsure", "not_asked"])), opt_text(), flag(), opt_text())
            .prop_map(|(m, g, f, fnotes, d, dn)| json!({"section": "goals", "data": {"intimacyMeaning": m, "goals": g,
                "fertilityWish": f, "fertilityNotes": fnotes, "disclosureConcern": d, "datingNotes": dn}})),
        (prop::collection::vec(code(), 0..4), opt_text(), prop::collection::vec(code(), 0..4), opt_text())
            .prop_map(|(b, bn, e, en)| json!({"section": "feelings", "data": {"bodyImage": b, "bodyImageNotes": bn,
                "emotional": e, "emotionalNotes": en}})),
        prop::collection::vec(side, 0..4).prop_map(|v| json!({"section": "sideEffects", "data": v})),
    ];
    let s = (id(&intakes), section, text());
    run(64, s, |(intake, section, addendum)| {
        if let Some(sec) = input::<rekindle_core::intake::IntakeSection>(section) {
            c.check(|s| s.write(|tx, a| rekindle_core::intake::autosave(tx, a, intake, &sec, today(), now())))?;
        }
        c.check(|s| s.write(|tx, a| rekindle_core::intake::add_addendum(tx, a, intake, &addendum, now())))
    });
}

#[test]
fn measures_and_cautions() {
    let c = clinic("counsellor");
    let people = c.ids("SELECT id FROM people");
    let results = c.ids("SELECT id FROM measure_results UNION SELECT 0");
    let instrument = one_of(c.strings("SELECT code FROM instruments"));
    let answer =
        (prop_oneof![1i64..12, any::<i64>()], opt(number())).prop_map(|(n, v)| json!({"itemNumber": n, "value": v}));
    let caution = one_of(strs(&["avoid_estrogen", "needs_clearance", "pelvic_pain"]));
    let s = ((id(&people), instrument, day(), prop::collection::vec(answer, 0..12)), id(&results), (caution, text()));
    run(64, s, |((person, instrument, taken, answers), result, (caution, reason))| {
        if let Some(m) = input(json!({"instrument": instrument, "takenOn": taken, "answers": answers})) {
            c.check(|s| s.write(|tx, a| rekindle_core::measures::record(tx, a, person, &m, today(), now())))?;
        }
        c.check(|s| s.write(|tx, a| rekindle_core::measures::acknowledge_alert(tx, a, result, now())))?;
        c.check(|s| s.write(|tx, a| rekindle_core::cautions::record_override(tx, a, person, &caution, &reason, now())))
    });
}

#[test]
fn courses_and_items() {
    use rekindle_core::planning::course;
    let c = clinic("counsellor");
    let people = c.ids("SELECT id FROM people");
    let courses = c.ids("SELECT id FROM courses");
    let rels = c.ids("SELECT id FROM relationships");
    let sessions = c.ids("SELECT id FROM course_sessions");
    let items = c.ids("SELECT id FROM library_items");
    let session_items = c.ids("SELECT id FROM session_items UNION SELECT 0");
    let section = one_of(strs(&["education", "communication", "practical", "homework"]));
    let s = (
        (id(&people), id(&courses), text(), number(), opt(id(&rels)), ids(&people)),
        (
            id(&sessions),
            opt(prop_oneof![
                (2020i32..2030, 1u32..13, 1u32..29).prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)).boxed(),
                Just(NaiveDate::from_ymd_opt(262_000, 1, 1)).boxed(),
            ]
            .boxed()),
        ),
        (section, opt(id(&items)), opt_text(), ids(&people), opt_text(), id(&session_items)),
    );
    run(
        64,
        s,
        |(
            (person, course_id, goals, planned, rel, partners),
            (session, on),
            (section, item, free, assignees, reason, remove),
        )| {
            let v = json!({"goals": goals, "plannedSessions": planned, "relationshipId": rel, "partnerIds": partners});
            if let Some(i) = input::<course::CourseInput>(v) {
                c.check(|s| s.write(|tx, a| course::create(tx, a, person, &i, now())))?;
                c.check(|s| s.write(|tx, a| course::update(tx, a, course_id, &i, now())))?;
            }
            let on = on.flatten();
            c.check(|s| s.write(|tx, a| course::set_planned_on(tx, a, session, on, now())))?;
            let v = json!({"section": section, "itemId": item, "freeText": free, "assigneeIds": assignees, "overrideReason": reason});
            if let Some(i) = input::<course::ItemInput>(v) {
                c.check(|s| s.write(|tx, a| course::add_item(tx, a, session, &i, now())))?;
            }
            c.check(|s| s.write(|tx, a| course::remove_item(tx, a, remove, now())))
        },
    );
}

#[test]
fn session_notes_and_reviews() {
    use rekindle_core::planning::notes;
    let c = clinic("counsellor");
    let people = c.ids("SELECT id FROM people");
    let sessions = c.ids("SELECT id FROM course_sessions");
    let session_items = c.ids("SELECT id FROM session_items UNION SELECT 0");
    let outcome = one_of(strs(&["done", "partly", "not_done", "skipped"]));
    let s = (
        (id(&sessions), opt(day()), ids(&people), opt_text(), opt_text()),
        (opt_text(), opt_text(), opt_text(), opt_text(), opt_text()),
        (id(&session_items), outcome, opt_text(), opt_text(), opt(number()), text()),
    );
    run(
        64,
        s,
        |((session, held, attended, e, cm), (p, h, d, asm, plan), (item, outcome, helped, hard, comfort, addendum))| {
            let v = json!({"heldOn": held, "attended": attended, "coveredEducation": e, "coveredCommunication": cm,
            "coveredPractical": p, "coveredHomework": h, "data": d, "assessment": asm, "plan": plan});
            if let Some(n) = input(v) {
                c.check(|s| s.write(|tx, a| notes::save(tx, a, session, &n, today(), now())))?;
            }
            if let Some(r) = input(json!({"outcome": outcome, "helped": helped, "hard": hard, "comfort": comfort})) {
                c.check(|s| s.write(|tx, a| notes::review(tx, a, session, item, &r, now())))?;
            }
            c.check(|s| s.write(|tx, a| notes::add_addendum(tx, a, session, &addendum, now())))
        },
    );
}

#[test]
fn handout_printing_options() {
    let c = clinic("counsellor");
    let people = c.ids("SELECT id FROM people");
    let slugs = c.strings("SELECT slug FROM handout_templates");
    let s = (id(&people), one_of(slugs), opt(flag()), flag());
    run(16, s, |(person, handout, discreet, diagnosis)| {
        let v = json!({"personId": person, "handout": handout, "discreet": discreet, "includeDiagnosis": diagnosis});
        let Some(o) = input(v) else { return Ok(()) };
        c.check(|s| s.write(|tx, a| rekindle_core::handouts::set_client_discretion(tx, a, person, discreet, now())))?;
        c.check(|s| s.write(|tx, a| rekindle_core::handouts::preview(tx, a, &o, now(), today()).map(|r| r.file_name)))
    });
}
