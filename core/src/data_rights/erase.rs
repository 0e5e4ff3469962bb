//! Erasing a person's record when they ask, after two confirmations.
//!
//! What goes: the person; their intake and everything in it; questionnaires; cautions set aside;
//! the courses their chart holds (sessions, plans, homework, notes, addenda, reviews) and the
//! handouts printed from them; their part in anyone else's course (attendance, homework for them,
//! their side in a partner's intake); the handouts printed for them; their place in
//! relationships; appointments and repeating series no one else is booked into (they are taken
//! off the others); the waiting list.
//!
//! What stays: a partner's own record, including notes of sessions they shared (those belong to
//! the partner's chart); the audit log, which gains one entry saying an erasure happened (who,
//! when, the record's number) and whose earlier entries hold only numbers and codes, never a
//! name or clinical text. Backups made before the erasure still hold the record until they are
//! rotated out; the confirmation says so.
//!
//! The first confirmation is the preview ([`erase_preview`]) the counsellor reads; the second is
//! typing the person's full name, checked here, not only on screen. One transaction: all of it
//! goes, or none of it. SQLite's `secure_delete` is on while it runs, so the freed pages are
//! overwritten, and the write-ahead log is checkpointed afterwards.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Transaction};
use serde::Serialize;
use ts_rs::TS;

use super::ids;
use crate::access::{Actor, Permission};
use crate::audit::{self, action};
use crate::error::{Error, Result};
use crate::people;
use crate::session::Session;
use crate::text;

/// What an erasure would remove, for the first confirmation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ErasePreview {
    pub person_id: i64,
    /// The full name to type for the second confirmation.
    pub full_name: String,
    pub has_intake: bool,
    pub measures: i64,
    /// Courses their chart holds (erased with everything in them).
    pub courses: i64,
    pub session_notes: i64,
    /// Courses of someone else they attend (only their part goes).
    pub shared_courses: i64,
    pub appointments: i64,
    pub handouts_printed: i64,
    pub relationships: i64,
}

fn count(conn: &Connection, sql: &str, id: i64) -> Result<i64> {
    Ok(conn.query_row(sql, params![id], |r| r.get(0))?)
}

/// The first confirmation: who, and how much of their record would go.
pub fn erase_preview(conn: &Connection, actor: &Actor, person_id: i64) -> Result<ErasePreview> {
    actor.require(Permission::ClientRights)?;
    let p = people::get_unchecked(conn, person_id)?;
    Ok(ErasePreview {
        person_id,
        full_name: p.full_name(),
        has_intake: count(conn, "SELECT count(*) FROM intakes WHERE person_id = ?1", person_id)? > 0,
        measures: count(conn, "SELECT count(*) FROM measure_results WHERE person_id = ?1", person_id)?,
        courses: count(conn, "SELECT count(*) FROM courses WHERE person_id = ?1", person_id)?,
        session_notes: count(
            conn,
            "SELECT count(*) FROM session_notes n JOIN course_sessions s ON s.id = n.session_id
               JOIN courses c ON c.id = s.course_id WHERE c.person_id = ?1",
            person_id,
        )?,
        shared_courses: count(
            conn,
            "SELECT count(*) FROM course_attendees a JOIN courses c ON c.id = a.course_id
              WHERE a.person_id = ?1 AND c.person_id <> ?1",
            person_id,
        )?,
        appointments: count(
            conn,
            "SELECT (SELECT count(*) FROM appointment_attendees WHERE person_id = ?1)
                  + (SELECT count(*) FROM series_attendees WHERE person_id = ?1)",
            person_id,
        )?,
        handouts_printed: count(conn, "SELECT count(*) FROM handout_prints WHERE person_id = ?1", person_id)?,
        relationships: count(conn, "SELECT count(*) FROM relationship_members WHERE person_id = ?1", person_id)?,
    })
}

/// True when `typed` is the name, ignoring case, accents and extra spaces.
fn same_name(typed: &str, name: &str) -> bool {
    let norm = |s: &str| text::fold(s).split_whitespace().collect::<Vec<_>>().join(" ");
    !typed.trim().is_empty() && norm(typed) == norm(name)
}

/// Erases the person, in one transaction, once `typed_name` matches their full name.
pub fn erase(session: &mut Session, person_id: i64, typed_name: &str, now: DateTime<Utc>) -> Result<()> {
    session.actor().require(Permission::ClientRights)?;
    // Freed pages are overwritten, not left readable inside the (encrypted) file.
    session.connection().pragma_update(None, "secure_delete", "ON")?;
    let result = session.write(|tx, actor| erase_in(tx, actor, person_id, typed_name, now));
    let _ = session.connection().pragma_update(None, "secure_delete", "OFF");
    result?;
    // Old copies of the pages leave the write-ahead log too.
    session.connection().query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

fn erase_in(tx: &Transaction, actor: &Actor, id: i64, typed_name: &str, now: DateTime<Utc>) -> Result<()> {
    actor.require(Permission::ClientRights)?;
    let p = people::get_unchecked(tx, id)?;
    if !same_name(typed_name, &p.full_name()) {
        return Err(Error::field("confirmName", "Type the person's full name exactly as it is shown, to confirm."));
    }
    tx.execute("UPDATE erasure_gate SET open = 1 WHERE id = 1", [])?;

    // The courses their chart holds, with everything in them.
    let sessions = "SELECT s.id FROM course_sessions s JOIN courses c ON c.id = s.course_id WHERE c.person_id = ?1";
    let items = format!("SELECT id FROM session_items WHERE session_id IN ({sessions})");
    let steps: Vec<String> = vec![
        format!("UPDATE appointments SET course_session_id = NULL WHERE course_session_id IN ({sessions})"),
        format!("DELETE FROM handout_prints WHERE course_session_id IN ({sessions})"),
        format!("DELETE FROM homework_reviews WHERE session_id IN ({sessions}) OR session_item_id IN ({items})"),
        format!("DELETE FROM session_item_people WHERE session_item_id IN ({items})"),
        format!("DELETE FROM session_items WHERE session_id IN ({sessions})"),
        format!("DELETE FROM session_note_addenda WHERE session_id IN ({sessions})"),
        format!("DELETE FROM session_attendance WHERE session_id IN ({sessions})"),
        format!("DELETE FROM session_notes WHERE session_id IN ({sessions})"),
        format!("DELETE FROM course_sessions WHERE id IN ({sessions})"),
        "DELETE FROM course_attendees WHERE course_id IN (SELECT id FROM courses WHERE person_id = ?1)".into(),
        "DELETE FROM courses WHERE person_id = ?1".into(),
        // Their part in someone else's course.
        "DELETE FROM session_item_people WHERE person_id = ?1".into(),
        "DELETE FROM session_attendance WHERE person_id = ?1".into(),
        "DELETE FROM course_attendees WHERE person_id = ?1".into(),
        // The intake, and their side in a partner's.
        "DELETE FROM intake_diagnoses WHERE intake_id IN (SELECT id FROM intakes WHERE person_id = ?1)".into(),
        "DELETE FROM intake_treatments WHERE intake_id IN (SELECT id FROM intakes WHERE person_id = ?1)".into(),
        "DELETE FROM intake_side_effects WHERE intake_id IN (SELECT id FROM intakes WHERE person_id = ?1)".into(),
        "DELETE FROM intake_ticks WHERE intake_id IN (SELECT id FROM intakes WHERE person_id = ?1)".into(),
        "DELETE FROM intake_addenda WHERE intake_id IN (SELECT id FROM intakes WHERE person_id = ?1)".into(),
        "DELETE FROM intake_partners WHERE intake_id IN (SELECT id FROM intakes WHERE person_id = ?1) OR person_id = ?1"
            .into(),
        "DELETE FROM intakes WHERE person_id = ?1".into(),
        "DELETE FROM caution_overrides WHERE person_id = ?1".into(),
        "DELETE FROM measure_answers WHERE result_id IN (SELECT id FROM measure_results WHERE person_id = ?1)".into(),
        "DELETE FROM measure_results WHERE person_id = ?1".into(),
        "DELETE FROM handout_prints WHERE person_id = ?1".into(),
        "DELETE FROM waitlist WHERE person_id = ?1".into(),
    ];
    for sql in &steps {
        tx.execute(sql, params![id])?;
    }

    // Appointments: taken off each; the ones no one else is booked into go.
    let singles = ids(tx, "SELECT appointment_id FROM appointment_attendees WHERE person_id = ?1", params![id])?;
    let series = ids(tx, "SELECT series_id FROM series_attendees WHERE person_id = ?1", params![id])?;
    tx.execute("DELETE FROM appointment_attendees WHERE person_id = ?1", params![id])?;
    tx.execute("DELETE FROM series_attendees WHERE person_id = ?1", params![id])?;
    for a in singles {
        let left: i64 =
            tx.query_row("SELECT count(*) FROM appointment_attendees WHERE appointment_id = ?1", params![a], |r| {
                r.get(0)
            })?;
        let in_series: bool =
            tx.query_row("SELECT series_id IS NOT NULL FROM appointments WHERE id = ?1", params![a], |r| r.get(0))?;
        if left == 0 && !in_series {
            tx.execute("DELETE FROM appointments WHERE id = ?1", params![a])?;
        }
    }
    for s in series {
        let left: i64 =
            tx.query_row("SELECT count(*) FROM series_attendees WHERE series_id = ?1", params![s], |r| r.get(0))?;
        if left == 0 {
            tx.execute(
                "DELETE FROM appointment_attendees WHERE appointment_id IN (SELECT id FROM appointments WHERE series_id = ?1)",
                params![s],
            )?;
            tx.execute("DELETE FROM appointments WHERE series_id = ?1", params![s])?;
            tx.execute("DELETE FROM appointment_series WHERE id = ?1", params![s])?;
        }
    }

    // Relationships: they leave each; one left with nobody in it, and used by nothing, goes.
    let rels = ids(tx, "SELECT relationship_id FROM relationship_members WHERE person_id = ?1", params![id])?;
    tx.execute("DELETE FROM relationship_members WHERE person_id = ?1", params![id])?;
    for r in rels {
        tx.execute(
            "DELETE FROM relationships WHERE id = ?1
                AND NOT EXISTS (SELECT 1 FROM relationship_members WHERE relationship_id = ?1)
                AND NOT EXISTS (SELECT 1 FROM courses WHERE relationship_id = ?1)
                AND NOT EXISTS (SELECT 1 FROM appointments WHERE relationship_id = ?1)
                AND NOT EXISTS (SELECT 1 FROM appointment_series WHERE relationship_id = ?1)",
            params![r],
        )?;
    }

    tx.execute("DELETE FROM people WHERE id = ?1", params![id])?;
    tx.execute("UPDATE erasure_gate SET open = 0 WHERE id = 1", [])?;
    audit::log(tx, actor, action::PERSON_ERASE, Some(id), "", now)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_typed_name_must_be_the_name() {
        assert!(same_name("maggie  okafor", "Maggie Okafor"));
        assert!(same_name("Zoë Brown", "Zoe Brown"));
        assert!(!same_name("Maggie", "Maggie Okafor"));
        assert!(!same_name("  ", ""));
    }
}
