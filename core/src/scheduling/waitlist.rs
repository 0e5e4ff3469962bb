//! The waitlist: clients who would take an earlier slot if one comes free. Reception keeps it;
//! the note is for scheduling only (no clinical details).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::book;
use crate::access::{Actor, Permission};
use crate::audit::{self, action};
use crate::error::{Error, Result};
use crate::people;
use crate::validate::Checker;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WaitlistEntry {
    pub id: i64,
    pub person_id: i64,
    pub name: String,
    #[ts(optional = nullable)]
    pub phone: Option<String>,
    #[ts(optional = nullable)]
    pub counsellor_id: Option<i64>,
    #[ts(optional = nullable)]
    pub counsellor_name: Option<String>,
    pub kind: String,
    pub kind_label: String,
    #[ts(optional = nullable)]
    pub note: Option<String>,
    /// `YYYY-MM-DD`
    pub added_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WaitlistInput {
    pub person_id: i64,
    /// A particular counsellor, or anyone.
    #[ts(optional = nullable)]
    pub counsellor_id: Option<i64>,
    pub kind: String,
    #[ts(optional = nullable)]
    pub note: Option<String>,
}

/// Who is waiting, longest first. A counsellor sees those waiting for them or for anyone.
pub fn waitlist(conn: &Connection, actor: &Actor) -> Result<Vec<WaitlistEntry>> {
    actor.require(Permission::ViewSchedule)?;
    let only: Option<i64> = if book::sees_everyone(actor) { None } else { Some(actor.account_id) };
    let mut stmt = conn.prepare_cached(
        "SELECT w.id, w.person_id, p.given_name, p.family_name, p.preferred_name, p.phone, w.counsellor_id,
                a.display_name, w.kind, k.label, w.note, substr(w.added_at, 1, 10)
           FROM waitlist w JOIN people p ON p.id = w.person_id
           JOIN appointment_kinds k ON k.code = w.kind
           LEFT JOIN accounts a ON a.id = w.counsellor_id
          WHERE w.removed_at IS NULL AND (?1 IS NULL OR w.counsellor_id IS NULL OR w.counsellor_id = ?1)
          ORDER BY w.added_at, w.id",
    )?;
    let rows = stmt.query_map([only], |r| {
        let given: String = r.get(2)?;
        let family: Option<String> = r.get(3)?;
        let preferred: Option<String> = r.get(4)?;
        Ok(WaitlistEntry {
            id: r.get(0)?,
            person_id: r.get(1)?,
            name: people::full_name(preferred.as_deref().unwrap_or(&given), family.as_deref()),
            phone: r.get(5)?,
            counsellor_id: r.get(6)?,
            counsellor_name: r.get(7)?,
            kind: r.get(8)?,
            kind_label: r.get(9)?,
            note: r.get(10)?,
            added_on: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub fn add_to_waitlist(
    tx: &Transaction,
    actor: &Actor,
    input: &WaitlistInput,
    now: DateTime<Utc>,
) -> Result<WaitlistEntry> {
    actor.require(Permission::EditSchedule)?;
    let mut c = Checker::new();
    match people::get_unchecked(tx, input.person_id) {
        Ok(p) if p.archived => c.fail("personId", format!("{} is archived; restore them first.", p.known_as())),
        Ok(p) if !p.is_client => c.fail("personId", "Only clients can wait for an appointment."),
        Ok(_) => {}
        Err(Error::NotFound { .. }) => c.fail("personId", "Choose a client from the search."),
        Err(e) => return Err(e),
    }
    if let Some(cid) = input.counsellor_id {
        book::check_resources_counsellor(tx, &mut c, cid)?;
    }
    let kinds: Vec<String> = super::settings::kinds(tx)?.into_iter().map(|k| k.code).collect();
    if !kinds.iter().any(|k| k == input.kind.trim()) {
        c.fail("kind", "Choose what kind of appointment they are waiting for.");
    }
    let note = c.optional_note("note", "Note", input.note.as_deref(), 300);
    c.finish()?;
    let waiting: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM waitlist WHERE person_id = ?1 AND removed_at IS NULL)",
        [input.person_id],
        |r| r.get(0),
    )?;
    if waiting {
        return Err(Error::Conflict("That client is already on the waitlist.".into()));
    }
    tx.execute(
        "INSERT INTO waitlist (person_id, counsellor_id, kind, note, added_by, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![input.person_id, input.counsellor_id, input.kind.trim(), note, actor.account_id, now.to_rfc3339()],
    )?;
    let id = tx.last_insert_rowid();
    audit::log(tx, actor, action::WAITLIST_ADD, Some(input.person_id), &format!("waitlist={id}"), now)?;
    waitlist(tx, actor)?.into_iter().find(|w| w.id == id).ok_or(Error::NotFound { what: "waitlist entry", id })
}

pub fn remove_from_waitlist(tx: &Transaction, actor: &Actor, id: i64, now: DateTime<Utc>) -> Result<()> {
    actor.require(Permission::EditSchedule)?;
    let n = tx.execute(
        "UPDATE waitlist SET removed_at = ?1 WHERE id = ?2 AND removed_at IS NULL",
        params![now.to_rfc3339(), id],
    )?;
    if n == 0 {
        return Err(Error::NotFound { what: "waitlist entry", id });
    }
    audit::log(tx, actor, action::WAITLIST_REMOVE, None, &format!("waitlist={id}"), now)?;
    Ok(())
}
