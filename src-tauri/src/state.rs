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
    lock: Mutex<LockState>,
    /// The recovery key from first-run setup, kept only until the administrator confirms they
    /// have stored it (so "Save to file" can write it without it crossing IPC again).
    pub pending_recovery_key: Mutex<Option<Zeroizing<String>>>,
    clock: Clock,
}

/// The screen lock, enforced here rather than trusted to the window: once locked, or once no
/// command has come for longer than the lock time, every command but unlocking is refused with
/// `locked`. The window reports input it sees (`still_here`) so reading without clicking does
/// not count as idle.
struct LockState {
    locked: bool,
    last_activity: std::time::Instant,
    after: std::time::Duration,
}

impl LockState {
    fn new() -> Self {
        LockState {
            locked: false,
            last_activity: std::time::Instant::now(),
            after: std::time::Duration::from_secs(u64::from(rekindle_core::lock::DEFAULT_MINUTES) * 60),
        }
    }
}

/// The lock time: the clinic's setting, or in debug builds `REKINDLE_TEST_LOCK_SECONDS` (the
/// end-to-end tests cannot wait minutes).
fn lock_after(session: &Session) -> std::time::Duration {
    if cfg!(debug_assertions) {
        if let Some(secs) = std::env::var("REKINDLE_TEST_LOCK_SECONDS").ok().and_then(|v| v.parse::<u64>().ok()) {
            return std::time::Duration::from_secs(secs.max(1));
        }
    }
    let minutes = session
        .read(|conn, _| rekindle_core::lock::lock_after_minutes(conn))
        .unwrap_or(rekindle_core::lock::DEFAULT_MINUTES);
    std::time::Duration::from_secs(u64::from(minutes) * 60)
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
        App {
            data_dir,
            session: Mutex::new(None),
            lock: Mutex::new(LockState::new()),
            pending_recovery_key: Mutex::new(None),
            clock: Clock::from_env(),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The clinic's date: today in the time zone of the calendar's settings, whatever zone the
    /// computer is set to. With no one signed in nothing is dated, and the computer's zone is used.
    /// Callers take it before `with_session`, which locks the same session.
    pub fn today(&self) -> NaiveDate {
        let now = self.now();
        self.session_slot()
            .as_ref()
            .and_then(|s| s.read(|conn, _| rekindle_core::scheduling::settings::clinic_today(conn, now)).ok())
            .unwrap_or_else(|| now.with_timezone(&Local).date_naive())
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

    /// Runs `f` with the signed-in session, or refuses with `SignedOut` (no one signed in) or
    /// `Locked` (the screen is locked, or has been idle past the lock time). The role check
    /// itself happens inside core, which every operation starts with.
    pub fn with_session<T>(&self, f: impl FnOnce(&mut Session) -> rekindle_core::Result<T>) -> CmdResult<T> {
        let mut slot = self.session_slot();
        let session = slot.as_mut().ok_or_else(CommandError::signed_out)?;
        self.pass_lock(session)?;
        Ok(f(session)?)
    }

    fn lock_state(&self) -> MutexGuard<'_, LockState> {
        self.lock.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Refuses while locked; locks (and records it) when idle past the lock time; otherwise
    /// counts this as activity.
    fn pass_lock(&self, session: &mut Session) -> CmdResult<()> {
        let mut lock = self.lock_state();
        if !lock.locked && lock.last_activity.elapsed() > lock.after {
            lock.locked = true;
            if let Err(e) = session.record_lock("idle", self.now()) {
                eprintln!("rekindle: recording the lock failed: {}", CommandError::from(e).message);
            }
        }
        if lock.locked {
            return Err(CommandError::locked());
        }
        lock.last_activity = std::time::Instant::now();
        Ok(())
    }

    /// A new session starts unlocked, with the clinic's lock time.
    pub fn start_lock_clock(&self, session: &Session) {
        let mut lock = self.lock_state();
        lock.locked = false;
        lock.after = lock_after(session);
        lock.last_activity = std::time::Instant::now();
    }

    /// Locks now (Ctrl+L, or the window saw no input for the lock time). Returns whether it
    /// was unlocked before.
    pub fn lock_now(&self, why: &str) -> CmdResult<()> {
        let mut slot = self.session_slot();
        let session = slot.as_mut().ok_or_else(CommandError::signed_out)?;
        let mut lock = self.lock_state();
        if !lock.locked {
            lock.locked = true;
            session.record_lock(why, self.now())?;
        }
        Ok(())
    }

    /// The window saw input: not idle. Refused when already locked.
    pub fn still_here(&self) -> CmdResult<()> {
        let mut slot = self.session_slot();
        let session = slot.as_mut().ok_or_else(CommandError::signed_out)?;
        self.pass_lock(session)
    }

    pub fn is_locked(&self) -> bool {
        self.session_slot().is_some() && self.lock_state().locked
    }

    /// The lock time in seconds, for the window's own idle timer.
    pub fn lock_after_seconds(&self) -> u64 {
        self.lock_state().after.as_secs()
    }

    /// The same person, back at the locked screen, with their password.
    pub fn unlock(&self, password: &str) -> CmdResult<()> {
        let mut slot = self.session_slot();
        let session = slot.as_mut().ok_or_else(CommandError::signed_out)?;
        session.unlock(password, self.now())?;
        let mut lock = self.lock_state();
        lock.locked = false;
        lock.last_activity = std::time::Instant::now();
        Ok(())
    }
}
