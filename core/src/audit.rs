//! The audit log: who did what, to whose record, when, and how it ended.
//!
//! Append-only (triggers refuse updates and deletes) and hash-chained: each entry's hash covers
//! its own fields and the previous entry's hash, so changing or removing a row breaks the chain
//! at that point. Entries hold action codes and ids, never clinical content or names.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};

use crate::access::Actor;
use crate::error::Result;

pub const GENESIS: [u8; 32] = [0u8; 32];

/// What happened, as stable codes.
pub mod action {
    pub const SET_UP: &str = "clinic.set_up";
    pub const SIGN_IN: &str = "session.sign_in";
    pub const SIGN_IN_RECOVERY: &str = "session.sign_in_with_recovery_key";
    pub const SIGN_OUT: &str = "session.sign_out";
    /// Written at the next successful sign-in or unlock (see `session`), with the attempt's time.
    pub const SIGN_IN_FAILED: &str = "session.sign_in_failed";
    /// A failure that made the next attempt for that name wait.
    pub const LOCK_OUT: &str = "session.lock_out";
    pub const CLINIC_UPDATE: &str = "clinic.update";
    pub const ACCOUNT_CREATE: &str = "account.create";
    pub const ACCOUNT_UPDATE: &str = "account.update";
    pub const ACCOUNT_DEACTIVATE: &str = "account.deactivate";
    pub const ACCOUNT_REACTIVATE: &str = "account.reactivate";
    pub const ACCOUNT_RESET_PASSWORD: &str = "account.reset_password";
    pub const ACCOUNT_CHANGE_OWN_PASSWORD: &str = "account.change_own_password";
    pub const PERSON_CREATE: &str = "person.create";
    pub const PERSON_UPDATE: &str = "person.update";
    pub const PERSON_BECOME_CLIENT: &str = "person.become_client";
    pub const PERSON_ARCHIVE: &str = "person.archive";
    pub const PERSON_UNARCHIVE: &str = "person.unarchive";
    pub const RELATIONSHIP_CREATE: &str = "relationship.create";
    pub const RELATIONSHIP_UPDATE: &str = "relationship.update";
    pub const RELATIONSHIP_END: &str = "relationship.end";
    pub const CHART_READ: &str = "chart.read";
    pub const INTAKE_CREATE: &str = "intake.create";
    pub const INTAKE_SAVE: &str = "intake.save_section";
    pub const INTAKE_SIGN: &str = "intake.sign";
    pub const INTAKE_ADDENDUM: &str = "intake.addendum";
    pub const CAUTION_OVERRIDE: &str = "caution.override";
    pub const MEASURE_RECORD: &str = "measure.record";
    pub const MEASURE_ALERT_ACKNOWLEDGE: &str = "measure.acknowledge_alert";
    pub const LIBRARY_EDIT: &str = "library.edit";
    pub const COURSE_READ: &str = "course.read";
    pub const COURSE_CREATE: &str = "course.create";
    pub const COURSE_UPDATE: &str = "course.update";
    pub const COURSE_ADD_ITEM: &str = "course.add_item";
    pub const COURSE_REMOVE_ITEM: &str = "course.remove_item";
    pub const COURSE_ITEM_OVERRIDE: &str = "course.item_override";
    pub const COURSE_SUGGEST: &str = "course.suggest";
    pub const SESSION_NOTE_SAVE: &str = "session_note.save";
    pub const SESSION_NOTE_SIGN: &str = "session_note.sign";
    pub const SESSION_NOTE_ADDENDUM: &str = "session_note.addendum";
    pub const HOMEWORK_REVIEW: &str = "homework.review";
    pub const HANDOUT_PREVIEW: &str = "handout.preview";
    pub const HANDOUT_PRINT: &str = "handout.print";
    pub const HANDOUT_SAVE_PDF: &str = "handout.save_pdf";
    pub const HANDOUT_OPEN: &str = "handout.open";
    pub const HANDOUT_TEMPLATE_EDIT: &str = "handout_template.edit";
    pub const PRINT_SETTINGS_UPDATE: &str = "clinic.print_settings";
    pub const PERSON_PRINT_DISCRETION: &str = "person.print_discretion";
    pub const SCHEDULING_SETTINGS: &str = "clinic.scheduling_settings";
    pub const APPOINTMENT_BOOK: &str = "appointment.book";
    pub const APPOINTMENT_MOVE: &str = "appointment.move";
    pub const APPOINTMENT_CANCEL: &str = "appointment.cancel";
    pub const APPOINTMENT_STATUS: &str = "appointment.status";
    pub const APPOINTMENT_CARD: &str = "appointment.card";
    pub const DAY_SHEET: &str = "appointment.day_sheet";
    pub const CALENDAR_EXPORT: &str = "calendar.export";
    pub const WAITLIST_ADD: &str = "waitlist.add";
    pub const WAITLIST_REMOVE: &str = "waitlist.remove";
    pub const BACKUP_CREATE: &str = "backup.create";
    pub const BACKUP_RESTORE: &str = "backup.restore";
    pub const BACKUP_SETTINGS: &str = "clinic.backup_settings";
    pub const AUDIT_READ: &str = "audit.read";
    pub const LOCK_SETTINGS: &str = "clinic.lock_settings";
    pub const SESSION_LOCK: &str = "session.lock";
    pub const SESSION_UNLOCK: &str = "session.unlock";
    pub const RECORD_EXPORT: &str = "person.export_record";
    pub const PERSON_ERASE: &str = "person.erase";
}

pub struct Entry<'a> {
    pub account_id: Option<i64>,
    pub action: &'a str,
    pub person_id: Option<i64>,
    pub outcome: &'a str,
    /// Non-clinical context only (counts, codes, account names of staff).
    pub detail: &'a str,
}

/// Appends one entry inside the caller's transaction, so the record and the change it
/// describes are saved together or not at all.
pub fn record(tx: &Transaction, e: &Entry, now: DateTime<Utc>) -> Result<()> {
    // Cached statements: an entry is written on every read of a record, so parsing the SQL each
    // time would be a good part of what auditing a read costs.
    let last: Option<(i64, Vec<u8>)> = tx
        .prepare_cached("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (id, prev) = match last {
        Some((id, h)) => (id + 1, h),
        None => (1, GENESIS.to_vec()),
    };
    let at = now.to_rfc3339();
    let hash = entry_hash(id, &at, e, &prev);
    tx.prepare_cached(
        "INSERT INTO audit_log (id, at, account_id, action, person_id, outcome, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![id, at, e.account_id, e.action, e.person_id, e.outcome, e.detail, prev, hash.to_vec()])?;
    Ok(())
}

fn entry_hash(id: i64, at: &str, e: &Entry, prev: &[u8]) -> [u8; 32] {
    let mut h = Sha256::new();
    // Length-prefixed fields: no two different entries can hash the same bytes.
    let mut field = |b: &[u8]| {
        h.update((b.len() as u64).to_be_bytes());
        h.update(b);
    };
    field(prev);
    field(&id.to_be_bytes());
    field(at.as_bytes());
    field(&e.account_id.unwrap_or(-1).to_be_bytes());
    field(e.action.as_bytes());
    field(&e.person_id.unwrap_or(-1).to_be_bytes());
    field(e.outcome.as_bytes());
    field(e.detail.as_bytes());
    h.finalize().into()
}

/// Records a successful action by the signed-in `actor`: the usual entry.
pub fn log(
    tx: &Transaction,
    actor: &Actor,
    action: &str,
    person_id: Option<i64>,
    detail: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    record(tx, &Entry { account_id: Some(actor.account_id), action, person_id, outcome: "ok", detail }, now)
}

/// Walks the whole chain. `Ok(None)` when intact, `Ok(Some(id))` for the first entry that does
/// not match its hash or its predecessor.
pub fn verify_chain(conn: &Connection) -> Result<Option<i64>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, account_id, action, person_id, outcome, detail, prev_hash, hash FROM audit_log ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_vec();
    let mut expected_id = 1;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let at: String = r.get(1)?;
        let action: String = r.get(3)?;
        let outcome: String = r.get(5)?;
        let detail: String = r.get(6)?;
        let e =
            Entry { account_id: r.get(2)?, action: &action, person_id: r.get(4)?, outcome: &outcome, detail: &detail };
        let stored_prev: Vec<u8> = r.get(7)?;
        let stored: Vec<u8> = r.get(8)?;
        if id != expected_id || stored_prev != prev || stored != entry_hash(id, &at, &e, &prev) {
            return Ok(Some(id));
        }
        prev = stored;
        expected_id += 1;
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_row_breaks_the_chain_at_that_row() {
        let mut conn = crate::store::open_in_memory().unwrap();
        let now = Utc::now();
        let tx = conn.transaction().unwrap();
        for action in ["a", "b", "c"] {
            record(&tx, &Entry { account_id: Some(1), action, person_id: None, outcome: "ok", detail: "" }, now)
                .unwrap();
        }
        tx.commit().unwrap();
        assert_eq!(verify_chain(&conn).unwrap(), None);
        let err = conn.execute("UPDATE audit_log SET outcome = 'refused' WHERE id = 2", []);
        assert!(err.is_err(), "the trigger refuses updates");
        conn.execute_batch("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET outcome = 'refused' WHERE id = 2;")
            .unwrap();
        assert_eq!(verify_chain(&conn).unwrap(), Some(2));
    }
}
