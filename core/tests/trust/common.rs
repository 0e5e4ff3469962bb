//! Set-up shared by the trust tests: a clinic, signing in, numbered clients, child processes.

use std::path::Path;
use std::process::{Command, Stdio};

use chrono::{DateTime, NaiveDate, Utc};
use rekindle_core::clinic::ClinicProfile;
use rekindle_core::people::{self, ClientInput, Person};
use rekindle_core::session::{self, Session, SetupInput};
use rekindle_core::{store, Error};
use tempfile::TempDir;

pub const USER: &str = "robin";
pub const PASSWORD: &str = "admin-password-1";

pub fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-22T10:00:00Z").unwrap().with_timezone(&Utc)
}

pub fn today() -> NaiveDate {
    now().date_naive()
}

/// The set-up of a clinic whose administrator is also a counsellor (so may register clients).
pub fn setup_input() -> SetupInput {
    SetupInput {
        clinic: ClinicProfile { name: "Willow Street Counselling".into(), address: None, phone: None, email: None },
        admin_username: USER.into(),
        admin_display_name: "Robin Hale".into(),
        admin_password: PASSWORD.into(),
        also_counsellor: true,
    }
}

/// A new clinic (see [`setup_input`]), its administrator signed in.
pub fn clinic() -> (TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    let (s, _recovery) = session::set_up(dir.path(), &setup_input(), now()).unwrap();
    (dir, s)
}

pub fn sign_in(dir: &Path) -> rekindle_core::Result<Session> {
    session::sign_in(dir, USER, PASSWORD, now())
}

/// Names may not hold digits, so a number is written in letters: 0 -> "aaaaaa", 1 -> "aaaaab".
pub fn letters(mut n: u64) -> String {
    let mut out = [b'a'; 6];
    for slot in out.iter_mut().rev() {
        *slot = b'a' + u8::try_from(n % 26).unwrap();
        n /= 26;
    }
    assert_eq!(n, 0, "number too large for six letters");
    String::from_utf8(out.to_vec()).unwrap()
}

pub fn number(letters: &str) -> Option<u64> {
    if letters.len() != 6 {
        return None;
    }
    letters.bytes().try_fold(0u64, |acc, b| b.is_ascii_lowercase().then(|| acc * 26 + u64::from(b - b'a')))
}

/// The input for client `n` of a series: given name `series`, family name `n` in letters.
pub fn numbered_client(series: &str, n: u64) -> ClientInput {
    ClientInput { given_name: series.into(), family_name: Some(letters(n)), ..ClientInput::default() }
}

/// Registers client `n` of a series: one user action, one transaction.
pub fn register(s: &mut Session, series: &str, n: u64) -> rekindle_core::Result<Person> {
    let input = numbered_client(series, n);
    s.write(|tx, actor| people::register_client(tx, actor, &input, today(), now()))
}

/// The numbers of the series' clients that are in the database, ascending.
pub fn numbers_present(s: &Session, series: &str) -> Vec<u64> {
    numbers(s, "SELECT family_name FROM people WHERE given_name = ?1", series)
}

/// The numbers of the series' clients whose chart has a `chart.read` entry, ascending.
pub fn numbers_read(s: &Session, series: &str) -> Vec<u64> {
    numbers(
        s,
        "SELECT DISTINCT p.family_name FROM people p \
         JOIN audit_log a ON a.person_id = p.id AND a.action = 'chart.read' WHERE p.given_name = ?1",
        series,
    )
}

/// The client numbers (family names in letters) that `sql` selects for `series`, ascending.
fn numbers(s: &Session, sql: &str, series: &str) -> Vec<u64> {
    let mut stmt = s.connection().prepare(sql).unwrap();
    let mut out: Vec<u64> = stmt
        .query_map([series], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|name| number(&name.unwrap()).expect("a family name written by these tests"))
        .collect();
    out.sort_unstable();
    out
}

pub fn count(s: &Session, sql: &str) -> i64 {
    s.connection().query_row(sql, [], |r| r.get(0)).unwrap()
}

pub fn assert_verify_good(s: &Session) {
    let report = store::verify(s.connection()).unwrap();
    assert!(report.is_good(), "store::verify found a problem: {report:?}");
}

/// A storage error's message must be plain words for the person at the desk: no SQL, no SQLite
/// jargon and none of the client data that was being saved.
pub fn assert_plain_message(e: &Error, client_words: &[&str]) {
    let msg = e.to_string();
    let lower = msg.to_lowercase();
    for jargon in ["sqlite", "sql", "insert", "update", "pragma", "errno", "code", "wal", "journal", "(database)"] {
        assert!(!lower.contains(jargon), "the message {msg:?} contains the jargon {jargon:?}");
    }
    for word in client_words {
        assert!(!lower.contains(&word.to_lowercase()), "the message {msg:?} quotes client data {word:?}");
    }
    assert!(msg.ends_with('.'), "the message {msg:?} is not a finished sentence");
}

/// This test binary again, running only the named child test, with its output uncaptured. The
/// child tests do nothing unless their environment variable is set.
pub fn child_command(test: &str) -> Command {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args(["--exact", test, "--nocapture", "--test-threads=1"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// Whether this process runs as root (the owner of a file it has just made), where file
/// permissions do not stop writes.
#[cfg(unix)]
pub fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    let probe = tempfile::NamedTempFile::new().unwrap();
    probe.as_file().metadata().unwrap().uid() == 0
}
