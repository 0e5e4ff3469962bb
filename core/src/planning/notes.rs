//! Session notes and homework reviews.
//!
//! After a session the counsellor records who came, what was covered in each of the four parts,
//! a structured note (data, assessment, plan) and, at the start of the next session, how the
//! previous homework went. The note saves as it is typed; signing locks it (and the session's
//! plan and reviews) and corrections become dated addenda.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::course::{self, CoursePage, PlannedSession};
use crate::access::{Actor, Permission};
use crate::audit::{self, action};
use crate::error::{Error, Result};
use crate::intake::Addendum;
use crate::validate::{Checker, NOTE_MAX};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionNote {
    pub held_on: Option<NaiveDate>,
    /// Who came: people attending the course.
    pub attended: Vec<i64>,
    pub covered_education: Option<String>,
    pub covered_communication: Option<String>,
    pub covered_practical: Option<String>,
    pub covered_homework: Option<String>,
    pub data: Option<String>,
    pub assessment: Option<String>,
    pub plan: Option<String>,
    pub signed: bool,
    pub signed_by: Option<String>,
    pub signed_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub addenda: Vec<Addendum>,
}

/// The note as the window saves it.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoteInput {
    /// YYYY-MM-DD.
    #[ts(optional = nullable)]
    pub held_on: Option<String>,
    pub attended: Vec<i64>,
    #[ts(optional = nullable)]
    pub covered_education: Option<String>,
    #[ts(optional = nullable)]
    pub covered_communication: Option<String>,
    #[ts(optional = nullable)]
    pub covered_practical: Option<String>,
    #[ts(optional = nullable)]
    pub covered_homework: Option<String>,
    #[ts(optional = nullable)]
    pub data: Option<String>,
    #[ts(optional = nullable)]
    pub assessment: Option<String>,
    #[ts(optional = nullable)]
    pub plan: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HomeworkReview {
    /// The homework reviewed (a session item of an earlier session).
    pub session_item_id: i64,
    /// done, partly or not_done.
    pub outcome: String,
    pub helped: Option<String>,
    pub hard: Option<String>,
    /// 0 (very uncomfortable) to 10 (completely comfortable).
    pub comfort: Option<i64>,
    pub reviewed_by: String,
    pub reviewed_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewInput {
    pub outcome: String,
    #[ts(optional = nullable)]
    pub helped: Option<String>,
    #[ts(optional = nullable)]
    pub hard: Option<String>,
    #[ts(optional = nullable)]
    pub comfort: Option<i64>,
}

/// When a note was saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoteSaved {
    pub saved_at: DateTime<Utc>,
}

/// Fills in notes, attendance, addenda and reviews for a course's sessions.
pub(crate) fn attach(
    conn: &Connection,
    course_id: i64,
    sessions: &mut [PlannedSession],
    index: &mut HashMap<i64, usize>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT n.session_id, n.held_on, n.covered_education, n.covered_communication, n.covered_practical,
             n.covered_homework, n.data, n.assessment, n.plan, n.status, a.display_name, n.signed_at, n.updated_at
         FROM session_notes n JOIN course_sessions cs ON cs.id = n.session_id
         LEFT JOIN accounts a ON a.id = n.signed_by
         WHERE cs.course_id = ?1",
    )?;
    let rows = stmt.query_map(params![course_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            SessionNote {
                held_on: r.get(1)?,
                attended: vec![],
                covered_education: r.get(2)?,
                covered_communication: r.get(3)?,
                covered_practical: r.get(4)?,
                covered_homework: r.get(5)?,
                data: r.get(6)?,
                assessment: r.get(7)?,
                plan: r.get(8)?,
                signed: r.get::<_, String>(9)? == "signed",
                signed_by: r.get(10)?,
                signed_at: r.get(11)?,
                updated_at: r.get(12)?,
                addenda: vec![],
            },
        ))
    })?;
    for row in rows {
        let (sid, note) = row?;
        if let Some(&i) = index.get(&sid) {
            sessions[i].status = if note.signed { "signed" } else { "draft" }.into();
            sessions[i].note = Some(note);
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT sa.session_id, sa.person_id FROM session_attendance sa JOIN course_sessions cs ON cs.id = sa.session_id
         WHERE cs.course_id = ?1 ORDER BY sa.person_id",
    )?;
    for row in stmt.query_map(params![course_id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
        let (sid, pid) = row?;
        if let Some(note) = index.get(&sid).and_then(|&i| sessions[i].note.as_mut()) {
            note.attended.push(pid);
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT ad.session_id, ad.id, a.display_name, ad.written_at, ad.text FROM session_note_addenda ad
         JOIN course_sessions cs ON cs.id = ad.session_id JOIN accounts a ON a.id = ad.author_id
         WHERE cs.course_id = ?1 ORDER BY ad.written_at, ad.id",
    )?;
    for row in stmt.query_map(params![course_id], |r| {
        Ok((r.get::<_, i64>(0)?, Addendum { id: r.get(1)?, author: r.get(2)?, written_at: r.get(3)?, text: r.get(4)? }))
    })? {
        let (sid, addendum) = row?;
        if let Some(note) = index.get(&sid).and_then(|&i| sessions[i].note.as_mut()) {
            note.addenda.push(addendum);
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT hr.session_id, hr.session_item_id, hr.outcome, hr.helped, hr.hard, hr.comfort, a.display_name, hr.reviewed_at
         FROM homework_reviews hr JOIN course_sessions cs ON cs.id = hr.session_id
         JOIN accounts a ON a.id = hr.reviewed_by
         WHERE cs.course_id = ?1 ORDER BY hr.session_item_id",
    )?;
    for row in stmt.query_map(params![course_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            HomeworkReview {
                session_item_id: r.get(1)?,
                outcome: r.get(2)?,
                helped: r.get(3)?,
                hard: r.get(4)?,
                comfort: r.get(5)?,
                reviewed_by: r.get(6)?,
                reviewed_at: r.get(7)?,
            },
        ))
    })? {
        let (sid, review) = row?;
        if let Some(&i) = index.get(&sid) {
            // Reviewing the last homework opens a session: it is under way before any note.
            if sessions[i].status == "planned" {
                sessions[i].status = "draft".into();
            }
            sessions[i].reviews.push(review);
        }
    }
    Ok(())
}

fn session_in_course(conn: &Connection, session_id: i64) -> Result<(course::Course, usize)> {
    let course = course::load(conn, course::course_of_session(conn, session_id)?)?;
    let i = course
        .sessions
        .iter()
        .position(|s| s.id == session_id)
        .ok_or(Error::NotFound { what: "session", id: session_id })?;
    Ok((course, i))
}

fn signed_conflict() -> Error {
    Error::Conflict("This session's note is signed. Add an addendum to correct it.".into())
}

/// Saves the note as the counsellor types (one transaction per save).
pub fn save(
    tx: &Transaction,
    actor: &Actor,
    session_id: i64,
    input: &NoteInput,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<NoteSaved> {
    actor.require(Permission::EditClinical)?;
    let (course, i) = session_in_course(tx, session_id)?;
    if course.sessions[i].signed() {
        return Err(signed_conflict());
    }
    let mut c = Checker::new();
    let earliest = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(NaiveDate::MIN);
    let held_on = c.date("heldOn", "Date held", input.held_on.as_deref(), earliest, today);
    let mut attended = input.attended.clone();
    attended.sort_unstable();
    attended.dedup();
    if attended.iter().any(|a| !course.attendees.iter().any(|p| p.person_id == *a)) {
        c.fail("attended", "Only people attending the course can be marked as present.");
    }
    let mut note = |field: &str, label: &str, v: &Option<String>| c.optional_note(field, label, v.as_deref(), NOTE_MAX);
    let covered = [
        note("coveredEducation", "Education covered", &input.covered_education),
        note("coveredCommunication", "Communication covered", &input.covered_communication),
        note("coveredPractical", "Practical guidance covered", &input.covered_practical),
        note("coveredHomework", "Homework covered", &input.covered_homework),
    ];
    let data = note("data", "Data", &input.data);
    let assessment = note("assessment", "Assessment", &input.assessment);
    let plan = note("plan", "Plan", &input.plan);
    c.finish()?;
    let at = now.to_rfc3339();
    tx.execute(
        "INSERT INTO session_notes (session_id, held_on, covered_education, covered_communication, covered_practical,
             covered_homework, data, assessment, plan, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (session_id) DO UPDATE SET held_on = excluded.held_on,
             covered_education = excluded.covered_education, covered_communication = excluded.covered_communication,
             covered_practical = excluded.covered_practical, covered_homework = excluded.covered_homework,
             data = excluded.data, assessment = excluded.assessment, plan = excluded.plan, updated_at = excluded.updated_at",
        params![session_id, held_on, covered[0], covered[1], covered[2], covered[3], data, assessment, plan, at],
    )?;
    tx.execute("DELETE FROM session_attendance WHERE session_id = ?1", params![session_id])?;
    for p in &attended {
        tx.execute("INSERT INTO session_attendance (session_id, person_id) VALUES (?1, ?2)", params![session_id, p])?;
    }
    audit::log(tx, actor, action::SESSION_NOTE_SAVE, Some(course.person_id), &format!("session={session_id}"), now)?;
    Ok(NoteSaved { saved_at: now })
}

/// Signs the note: the session counts as held, and its note, plan and reviews are locked.
pub fn sign(tx: &Transaction, actor: &Actor, session_id: i64, now: DateTime<Utc>) -> Result<CoursePage> {
    actor.require(Permission::EditClinical)?;
    let (course, i) = session_in_course(tx, session_id)?;
    let session = &course.sessions[i];
    let Some(note) = &session.note else {
        return Err(Error::Validation(vec![crate::FieldError::new(
            "attended",
            "Write the note first: at least who came and the date.",
        )]));
    };
    if note.signed {
        return Err(Error::Conflict("This session's note is already signed.".into()));
    }
    let mut c = Checker::new();
    if note.attended.is_empty() {
        c.fail("attended", "Mark who came before signing.");
    }
    if note.held_on.is_none() {
        c.fail("heldOn", "Give the date the session was held before signing.");
    }
    if [&note.data, &note.assessment, &note.plan].iter().all(|v| v.is_none()) {
        c.fail("data", "Write the note (data, assessment or plan) before signing.");
    }
    c.finish()?;
    tx.execute(
        "UPDATE session_notes SET status = 'signed', signed_by = ?1, signed_at = ?2, updated_at = ?2 WHERE session_id = ?3",
        params![actor.account_id, now.to_rfc3339(), session_id],
    )?;
    audit::log(tx, actor, action::SESSION_NOTE_SIGN, Some(course.person_id), &format!("session={session_id}"), now)?;
    course::reload_page(tx, course.id)
}

/// Adds a dated correction to a signed note.
pub fn add_addendum(
    tx: &Transaction,
    actor: &Actor,
    session_id: i64,
    text: &str,
    now: DateTime<Utc>,
) -> Result<CoursePage> {
    actor.require(Permission::EditClinical)?;
    let (course, i) = session_in_course(tx, session_id)?;
    if !course.sessions[i].signed() {
        return Err(Error::Conflict("This note is not signed yet: change it directly.".into()));
    }
    let mut c = Checker::new();
    let text = c.required_note("text", "Addendum", text, NOTE_MAX);
    c.finish()?;
    tx.execute(
        "INSERT INTO session_note_addenda (session_id, author_id, written_at, text) VALUES (?1, ?2, ?3, ?4)",
        params![session_id, actor.account_id, now.to_rfc3339(), text],
    )?;
    audit::log(
        tx,
        actor,
        action::SESSION_NOTE_ADDENDUM,
        Some(course.person_id),
        &format!("session={session_id}"),
        now,
    )?;
    course::reload_page(tx, course.id)
}

/// Records, at `session_id`, how homework given at an earlier session went.
pub fn review(
    tx: &Transaction,
    actor: &Actor,
    session_id: i64,
    session_item_id: i64,
    input: &ReviewInput,
    now: DateTime<Utc>,
) -> Result<CoursePage> {
    actor.require(Permission::EditClinical)?;
    let (course, i) = session_in_course(tx, session_id)?;
    let session = &course.sessions[i];
    if session.signed() {
        return Err(signed_conflict());
    }
    let Some((given_in, item)) = course.item(session_item_id) else {
        return Err(Error::NotFound { what: "homework", id: session_item_id });
    };
    if item.section != "homework" || given_in.number >= session.number {
        return Err(Error::Conflict("Only homework given at an earlier session can be reviewed here.".into()));
    }
    let reviewed_elsewhere: Option<i64> = tx
        .query_row(
            "SELECT session_id FROM homework_reviews WHERE session_item_id = ?1",
            params![session_item_id],
            |r| r.get(0),
        )
        .optional()?;
    if reviewed_elsewhere.is_some_and(|s| s != session_id) {
        return Err(Error::Conflict("This homework was already reviewed at another session.".into()));
    }
    let mut c = Checker::new();
    if !["done", "partly", "not_done"].contains(&input.outcome.as_str()) {
        c.fail("outcome", "Say whether the homework was done, partly done or not done.");
    }
    let helped = c.optional_note("helped", "What helped", input.helped.as_deref(), NOTE_MAX);
    let hard = c.optional_note("hard", "What was hard", input.hard.as_deref(), NOTE_MAX);
    if input.comfort.is_some_and(|v| !(0..=10).contains(&v)) {
        c.fail("comfort", "Comfort is a number from 0 to 10.");
    }
    c.finish()?;
    tx.execute(
        "INSERT INTO homework_reviews (session_item_id, session_id, outcome, helped, hard, comfort, reviewed_by, reviewed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (session_item_id) DO UPDATE SET outcome = excluded.outcome, helped = excluded.helped,
             hard = excluded.hard, comfort = excluded.comfort, reviewed_by = excluded.reviewed_by,
             reviewed_at = excluded.reviewed_at",
        params![session_item_id, session_id, input.outcome, helped, hard, input.comfort, actor.account_id, now.to_rfc3339()],
    )?;
    audit::log(
        tx,
        actor,
        action::HOMEWORK_REVIEW,
        Some(course.person_id),
        &format!("session={session_id} session_item={session_item_id}"),
        now,
    )?;
    course::reload_page(tx, course.id)
}
