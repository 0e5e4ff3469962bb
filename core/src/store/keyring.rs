//! The keyring file: sealed database keys and sign-in attempt counters.
//!
//! It must be readable before anything is unlocked, so it is a plain SQLite file. What it holds
//! is useless without a password or the recovery key: sealed copies of the database key, how
//! many times each name failed to sign in (for the growing delay), and the failed sign-ins
//! that the next successful sign-in moves into the audit log.

use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use rusqlite_migration::{Migrations, M};

use crate::crypto::{KdfParams, Wrapped};
use crate::error::{Error, Result};

const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("../../../migrations/keyring/0001_keyring.sql")),
    M::up(include_str!("../../../migrations/keyring/0002_failed_sign_ins.sql")),
];

/// Failed sign-ins kept for the audit log at most; the oldest go first (a flood of guesses must
/// not fill the disk).
pub const MAX_PENDING_FAILURES: i64 = 1000;

/// A failed sign-in that has not reached the audit log yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingFailure {
    pub id: i64,
    /// The account's name, or `None` for a name that is no account's.
    pub username: Option<String>,
    pub at: String,
    pub failures_in_a_row: u32,
    pub held_back_seconds: i64,
}

/// Sign-in failures allowed before a delay starts.
pub const FREE_FAILURES: u32 = 3;
/// The longest delay between attempts.
pub const MAX_DELAY_SECONDS: i64 = 300;

pub struct Keyring {
    conn: Connection,
}

/// The owner name of an account's wrap.
pub fn account_owner(username: &str) -> String {
    format!("account:{username}")
}
pub const RECOVERY_OWNER: &str = "recovery";

impl Keyring {
    /// Opens the keyring, creating it when `create` is set.
    pub fn open(path: &Path, create: bool) -> Result<Self> {
        if !create && !path.exists() {
            return Err(Error::NotSetUp);
        }
        let mut conn = Connection::open(path).map_err(|e| Error::storage("opening the keyring", e))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Migrations::from_slice(MIGRATIONS).to_latest(&mut conn)?;
        Ok(Keyring { conn })
    }

    pub fn is_empty(&self) -> Result<bool> {
        let n: i64 =
            self.conn.query_row("SELECT count(*) FROM wraps WHERE owner LIKE 'account:%'", [], |r| r.get(0))?;
        Ok(n == 0)
    }

    pub fn get(&self, owner: &str) -> Result<Option<Wrapped>> {
        Ok(self
            .conn
            .query_row(
                "SELECT salt, nonce, sealed, m_cost_kib, t_cost, p_cost FROM wraps WHERE owner = ?1",
                params![owner],
                |r| {
                    Ok(Wrapped {
                        salt: r.get(0)?,
                        nonce: r.get(1)?,
                        sealed: r.get(2)?,
                        params: KdfParams { m_cost_kib: r.get(3)?, t_cost: r.get(4)?, p_cost: r.get(5)? },
                    })
                },
            )
            .optional()?)
    }

    /// Writes (or replaces) one wrap: a single-row write, atomic on its own.
    pub fn put(&self, owner: &str, w: &Wrapped, now: DateTime<Utc>) -> Result<()> {
        self.conn.execute(
            "INSERT INTO wraps (owner, salt, nonce, sealed, m_cost_kib, t_cost, p_cost, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (owner) DO UPDATE SET salt = ?2, nonce = ?3, sealed = ?4,
                 m_cost_kib = ?5, t_cost = ?6, p_cost = ?7, updated_at = ?8",
            params![
                owner,
                w.salt,
                w.nonce,
                w.sealed,
                w.params.m_cost_kib,
                w.params.t_cost,
                w.params.p_cost,
                now.to_rfc3339()
            ],
        )?;
        Ok(())
    }

    pub fn remove(&self, owner: &str) -> Result<()> {
        self.conn.execute("DELETE FROM wraps WHERE owner = ?1", params![owner])?;
        Ok(())
    }

    /// Refuses with `TooManyAttempts` while `username` is inside its delay.
    pub fn check_attempt_allowed(&self, username: &str, now: DateTime<Utc>) -> Result<()> {
        let not_before: Option<String> = self
            .conn
            .query_row("SELECT not_before FROM sign_in_attempts WHERE username = ?1", params![username], |r| r.get(0))
            .optional()?;
        if let Some(nb) = not_before.and_then(|s| DateTime::parse_from_rfc3339(&s).ok()) {
            let wait = nb.with_timezone(&Utc) - now;
            if wait > Duration::zero() {
                let secs = (wait.num_milliseconds() + 999) / 1000;
                return Err(Error::TooManyAttempts { retry_after_seconds: u64::try_from(secs).unwrap_or(1) });
            }
        }
        Ok(())
    }

    /// Counts one more failure for `username`, queues it for the audit log (naming the account
    /// only when `is_account`), and returns how many failures there have been in a row.
    pub fn record_failure(&self, username: &str, is_account: bool, now: DateTime<Utc>) -> Result<u32> {
        let failures: u32 = self
            .conn
            .query_row("SELECT failures FROM sign_in_attempts WHERE username = ?1", params![username], |r| r.get(0))
            .optional()?
            .unwrap_or(0)
            + 1;
        let not_before = now + Duration::seconds(delay_after(failures));
        self.conn.execute(
            "INSERT INTO sign_in_attempts (username, failures, last_failure_at, not_before) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (username) DO UPDATE SET failures = ?2, last_failure_at = ?3, not_before = ?4",
            params![username, failures, now.to_rfc3339(), not_before.to_rfc3339()],
        )?;
        self.conn.execute(
            "INSERT INTO failed_sign_ins (username, at, failures_in_a_row, held_back_seconds) VALUES (?1, ?2, ?3, ?4)",
            params![is_account.then_some(username), now.to_rfc3339(), failures, delay_after(failures)],
        )?;
        self.conn.execute(
            "DELETE FROM failed_sign_ins WHERE id <= (SELECT max(id) FROM failed_sign_ins) - ?1",
            params![MAX_PENDING_FAILURES],
        )?;
        Ok(failures)
    }

    /// The failed sign-ins not yet in the audit log, oldest first.
    pub fn pending_failures(&self) -> Result<Vec<PendingFailure>> {
        let mut st = self.conn.prepare(
            "SELECT id, username, at, failures_in_a_row, held_back_seconds FROM failed_sign_ins ORDER BY id",
        )?;
        let rows = st
            .query_map([], |r| {
                Ok(PendingFailure {
                    id: r.get(0)?,
                    username: r.get(1)?,
                    at: r.get(2)?,
                    failures_in_a_row: r.get(3)?,
                    held_back_seconds: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Forgets the queued failures up to `last_id`, once they are in the audit log.
    pub fn forget_failures(&self, last_id: i64) -> Result<()> {
        self.conn.execute("DELETE FROM failed_sign_ins WHERE id <= ?1", params![last_id])?;
        Ok(())
    }

    /// Clears the counter after a successful sign-in and returns how many failures preceded it.
    pub fn clear_failures(&self, username: &str) -> Result<u32> {
        let failures: u32 = self
            .conn
            .query_row("SELECT failures FROM sign_in_attempts WHERE username = ?1", params![username], |r| r.get(0))
            .optional()?
            .unwrap_or(0);
        self.conn.execute("DELETE FROM sign_in_attempts WHERE username = ?1", params![username])?;
        Ok(failures)
    }
}

/// The wait after the n-th failure in a row: none for the first few, then doubling from two
/// seconds up to five minutes.
pub fn delay_after(failures: u32) -> i64 {
    if failures <= FREE_FAILURES {
        0
    } else {
        let exp = (failures - FREE_FAILURES).min(16);
        (1i64 << exp).min(MAX_DELAY_SECONDS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delay_grows_after_three_failures_and_is_capped() {
        let delays: Vec<i64> = (1..=12).map(delay_after).collect();
        assert_eq!(delays, vec![0, 0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 300]);
    }

    #[test]
    fn attempts_inside_the_delay_are_refused_and_success_resets_it() {
        let dir = tempfile::tempdir().unwrap();
        let k = Keyring::open(&dir.path().join("k.db"), true).unwrap();
        let t0 = DateTime::parse_from_rfc3339("2026-11-22T10:00:00Z").unwrap().with_timezone(&Utc);
        for _ in 0..4 {
            k.check_attempt_allowed("sam", t0).unwrap();
            k.record_failure("sam", true, t0).unwrap();
        }
        match k.check_attempt_allowed("sam", t0 + Duration::milliseconds(500)) {
            Err(Error::TooManyAttempts { retry_after_seconds }) => {
                assert_eq!(retry_after_seconds, 2, "rounded up, 1.5 s left")
            }
            other => panic!("expected a delay, got {other:?}"),
        }
        k.check_attempt_allowed("sam", t0 + Duration::seconds(2)).unwrap();
        k.check_attempt_allowed("alex", t0).unwrap();
        assert_eq!(k.clear_failures("sam").unwrap(), 4);
        k.check_attempt_allowed("sam", t0).unwrap();
    }
}
