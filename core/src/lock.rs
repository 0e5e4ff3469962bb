//! The automatic screen lock's setting: how many minutes without use before the window hides
//! everything behind the sign-in. The lock itself lives with the open session in the app.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Transaction};

use crate::access::{Actor, Permission};
use crate::audit::{self, action};
use crate::error::{Error, Result};

pub const DEFAULT_MINUTES: u32 = 5;
pub const MIN_MINUTES: u32 = 1;
pub const MAX_MINUTES: u32 = 60;

/// Minutes without use before the screen locks. Anyone signed in may read it (the window needs it).
pub fn lock_after_minutes(conn: &Connection) -> Result<u32> {
    let m: i64 = conn.query_row("SELECT lock_after_minutes FROM clinic WHERE id = 1", [], |r| r.get(0))?;
    Ok(u32::try_from(m).unwrap_or(DEFAULT_MINUTES).clamp(MIN_MINUTES, MAX_MINUTES))
}

/// Sets it (administrators), 1 to 60 minutes.
pub fn set_lock_after_minutes(tx: &Transaction, actor: &Actor, minutes: i64, now: DateTime<Utc>) -> Result<u32> {
    actor.require(Permission::EditClinic)?;
    let Some(m) = u32::try_from(minutes).ok().filter(|m| (MIN_MINUTES..=MAX_MINUTES).contains(m)) else {
        return Err(Error::field(
            "lockAfterMinutes",
            format!("Give a number of minutes from {MIN_MINUTES} to {MAX_MINUTES}."),
        ));
    };
    tx.execute("UPDATE clinic SET lock_after_minutes = ?1 WHERE id = 1", [m])?;
    audit::log(tx, actor, action::LOCK_SETTINGS, None, &format!("{m} minutes"), now)?;
    Ok(m)
}
