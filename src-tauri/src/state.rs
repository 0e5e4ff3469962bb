//! The app's state: the data folder and, while someone is signed in, their `Session`.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, PoisonError};

use chrono::{DateTime, Local, NaiveDate, Utc};
use rekindle_core::session::Session;
use zeroize::Zeroizing;

use crate::error::{CmdResult, CommandError};

pub struct App {
    pub data_dir: PathBuf,
    session: Mutex<Option<Session>>,
    /// The recovery key from first-run setup, kept only until the administrator confirms they
    /// have stored it (so "Save to file" can write it without it crossing IPC again).
    pub pending_recovery_key: Mutex<Option<Zeroizing<String>>>,
    clock: Clock,
}

/// The wall clock. Debug builds (the end-to-end tests) may start it at a fixed instant with
/// `REKINDLE_TEST_NOW=2027-03-01T08:00:00Z`, after which it runs on normally, so a journey
/// about "today's" appointments does not depend on the hour the tests run at. Release builds
/// ignore the variable.
struct Clock {
    offset: chrono::TimeDelta,
}

impl Clock {
    fn from_env() -> Clock {
        let offset = if cfg!(debug_assertions) {
            std::env::var("REKINDLE_TEST_NOW")
                .ok()
                .and_then(|v| DateTime::parse_from_rfc3339(&v).ok())
                .map(|start| start.with_timezone(&Utc) - Utc::now())
                .unwrap_or_default()
        } else {
            chrono::TimeDelta::zero()
        };
        Clock { offset }
    }

    fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.offset
    }
}

impl App {
    pub fn new(data_dir: PathBuf) -> Self {
        App { data_dir, session: Mutex::new(None), pending_recovery_key: Mutex::new(None), clock: Clock::from_env() }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The clinic's date. (The clinic's own time zone setting arrives with scheduling; until
    /// then the computer's local zone is the clinic's.)
    pub fn today(&self) -> NaiveDate {
        self.now().with_timezone(&Local).date_naive()
    }

    /// The daily automatic backup, when one is due and someone is signed in. Its failure is
    /// logged (without data); the backup list in the Clinic view shows how old the newest is.
    pub fn daily_backup(&self) {
        let now = self.now();
        let mut slot = self.session_slot();
        if let Some(s) = slot.as_mut() {
            if let Err(e) = rekindle_core::backup::automatic(s, rekindle_core::backup::Automatic::Daily, now) {
                eprintln!("rekindle: the daily backup failed: {}", CommandError::from(e).message);
            }
        }
    }

    pub fn session_slot(&self) -> MutexGuard<'_, Option<Session>> {
        self.session.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `f` with the signed-in session, or refuses with `SignedOut`. The role check itself
    /// happens inside core, which every operation starts with.
    pub fn with_session<T>(&self, f: impl FnOnce(&mut Session) -> rekindle_core::Result<T>) -> CmdResult<T> {
        let mut slot = self.session_slot();
        let session = slot.as_mut().ok_or_else(CommandError::signed_out)?;
        Ok(f(session)?)
    }
}
