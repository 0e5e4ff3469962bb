//! The course plan: goals, who attends, and the sessions in order, each with its four sections
//! (education, communication, practical guidance, homework) holding library items at the
//! version given, or free text.
//!
//! Adding an item checks the client's cautions and the homework stage. An item a caution
//! forbids, or a homework step whose previous step has not been reviewed as done and
//! comfortable, is refused unless the counsellor records an override with its reason; the
//! override is kept on the item and in the audit log.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::notes::{self, HomeworkReview, SessionNote};
use super::progress;
use crate::access::{Actor, Permission};
use crate::audit::{self, action};
use crate::cautions;
use crate::error::{Error, Result};
use crate::intake;
use crate::library::{self, LibraryItem};
use crate::people;
use crate::relationships;
use crate::validate::{Checker, NOTE_MAX};

/// The four parts of every session, in the order they run and print.
pub const SECTIONS: [&str; 4] = ["education", "communication", "practical", "homework"];

/// The most sessions one course can plan.
pub const MAX_SESSIONS: i64 = 60;

/// A homework review counts as comfortable from this comfort rating (0 to 10) up.
pub const COMFORTABLE_FROM: i64 = 7;

pub fn section_label(section: &str) -> &'static str {
    match section {
        "education" => "Education",
        "communication" => "Communication",
        "practical" => "Practical guidance",
        _ => "Homework",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Attendee {
    pub person_id: i64,
    /// The name used in the room (preferred or given name) and the family name.
    pub name: String,
    /// The client whose chart holds the course.
    pub is_client: bool,
}

/// A library item as it was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GivenItem {
    pub item_id: i64,
    pub version: i64,
    /// The library's version now: newer than `version` when the item was edited since.
    pub current_version: i64,
    pub slug: String,
    pub title: String,
    pub purpose: String,
    pub frequency: Option<String>,
    pub stage: String,
    pub participants: String,
    pub thread: Option<String>,
    pub thread_step: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemOverride {
    /// caution or stage.
    pub kind: String,
    /// What would have held the item back, in words.
    pub held_back_by: String,
    pub reason: String,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionItem {
    pub id: i64,
    pub section: String,
    pub library: Option<GivenItem>,
    pub free_text: Option<String>,
    /// Homework: who does it (people attending the course).
    pub assignees: Vec<i64>,
    #[serde(rename = "override")]
    #[ts(rename = "override")]
    pub override_: Option<ItemOverride>,
}

impl SessionItem {
    pub fn title(&self) -> &str {
        match (&self.library, &self.free_text) {
            (Some(g), _) => &g.title,
            (None, Some(t)) => t,
            (None, None) => "",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionSection {
    pub section: String,
    pub label: String,
    pub items: Vec<SessionItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlannedSession {
    pub id: i64,
    pub number: i64,
    /// Session 1: understanding the client's journey.
    pub journey: bool,
    pub planned_on: Option<NaiveDate>,
    /// planned (nothing recorded yet), draft (under way: reviews or a note begun) or signed.
    pub status: String,
    /// Always the four sections, in the clinic's order.
    pub sections: Vec<SessionSection>,
    pub note: Option<SessionNote>,
    /// Homework from the previous session with homework, to review at this one.
    pub review_due: Vec<i64>,
    /// Reviews recorded at this session.
    pub reviews: Vec<HomeworkReview>,
}

impl PlannedSession {
    pub fn items(&self) -> impl Iterator<Item = &SessionItem> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }

    pub fn signed(&self) -> bool {
        self.status == "signed"
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Course {
    pub id: i64,
    pub person_id: i64,
    pub relationship_id: Option<i64>,
    pub counsellor: String,
    pub goals: String,
    pub planned_sessions: i64,
    pub attendees: Vec<Attendee>,
    pub sessions: Vec<PlannedSession>,
    pub created_at: DateTime<Utc>,
}

impl Course {
    pub fn session(&self, session_id: i64) -> Option<&PlannedSession> {
        self.sessions.iter().find(|s| s.id == session_id)
    }

    /// The session that holds an item, and the item.
    pub fn item(&self, session_item_id: i64) -> Option<(&PlannedSession, &SessionItem)> {
        self.sessions.iter().find_map(|s| s.items().find(|i| i.id == session_item_id).map(|i| (s, i)))
    }
}

/// What the counsellor sets when starting or changing a course.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CourseInput {
    pub goals: String,
    pub planned_sessions: i64,
    /// The relationship seen together, if any.
    #[ts(optional = nullable)]
    pub relationship_id: Option<i64>,
    /// Partners from that relationship who attend (the client always does).
    pub partner_ids: Vec<i64>,
}

/// An item to add to a session: a library item or free text.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemInput {
    pub section: String,
    #[ts(optional = nullable)]
    pub item_id: Option<i64>,
    #[ts(optional = nullable)]
    pub free_text: Option<String>,
    /// Homework only: who does it.
    pub assignee_ids: Vec<i64>,
    /// Needed when a caution or the homework stage holds the item back.
    #[ts(optional = nullable)]
    pub override_reason: Option<String>,
}

/// The chart's course page: the active course, if one was started, and its progress.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CoursePage {
    pub course: Option<Course>,
    pub progress: Option<progress::CourseProgress>,
    /// The goals the intake records, to start a course from.
    pub intake_goals: Option<String>,
}

fn page(course: Course) -> Result<CoursePage> {
    let progress = progress::summarise(&course);
    Ok(CoursePage { course: Some(course), progress: Some(progress), intake_goals: None })
}

/// The page for a course after a change (the caller audited the change).
pub(crate) fn reload_page(conn: &Connection, course_id: i64) -> Result<CoursePage> {
    page(load(conn, course_id)?)
}

/// Opens the client's active course (or says there is none), and records the read.
pub fn open(tx: &Transaction, actor: &Actor, person_id: i64, now: DateTime<Utc>) -> Result<CoursePage> {
    actor.require(Permission::ViewClinical)?;
    people::get_unchecked(tx, person_id)?;
    let id = active_course_id(tx, person_id)?;
    audit::log(tx, actor, action::COURSE_READ, Some(person_id), "", now)?;
    match id {
        Some(id) => page(load(tx, id)?),
        None => {
            let goals: Option<String> = tx
                .query_row("SELECT goals FROM intakes WHERE person_id = ?1", params![person_id], |r| r.get(0))
                .optional()?
                .flatten();
            Ok(CoursePage { course: None, progress: None, intake_goals: goals })
        }
    }
}

fn active_course_id(conn: &Connection, person_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM courses WHERE person_id = ?1 AND status = 'active'")?
        .query_row(params![person_id], |r| r.get(0))
        .optional()?)
}

struct CheckedCourse {
    goals: String,
    planned: i64,
    relationship_id: Option<i64>,
    partners: Vec<i64>,
}

fn check_course(conn: &Connection, person_id: i64, input: &CourseInput, min_sessions: i64) -> Result<CheckedCourse> {
    let mut c = Checker::new();
    let goals = c.required_note("goals", "Goals", &input.goals, NOTE_MAX);
    if !(1..=MAX_SESSIONS).contains(&input.planned_sessions) {
        c.fail("plannedSessions", format!("Planned sessions must be between 1 and {MAX_SESSIONS}."));
    } else if input.planned_sessions < min_sessions {
        c.fail(
            "plannedSessions",
            format!("Sessions up to {min_sessions} already have content or notes, so the plan cannot be shorter."),
        );
    }
    let mut partners: Vec<i64> = input.partner_ids.clone();
    partners.sort_unstable();
    partners.dedup();
    match input.relationship_id {
        None => {
            if !partners.is_empty() {
                c.fail("partnerIds", "Choose the relationship the partners belong to.");
            }
        }
        Some(rid) => match relationships::get(conn, rid) {
            Err(Error::NotFound { .. }) => c.fail("relationshipId", "That relationship could not be found."),
            Err(e) => return Err(e),
            Ok(rel) => {
                if !rel.members.iter().any(|m| m.id == person_id) {
                    c.fail("relationshipId", "The client is not part of that relationship.");
                } else if partners.iter().any(|p| *p == person_id || !rel.members.iter().any(|m| m.id == *p)) {
                    c.fail("partnerIds", "Only partners in that relationship can attend.");
                } else if partners.is_empty() {
                    c.fail(
                        "partnerIds",
                        "Tick at least one partner who attends, or plan the course for the client alone.",
                    );
                }
            }
        },
    }
    c.finish()?;
    Ok(CheckedCourse { goals, planned: input.planned_sessions, relationship_id: input.relationship_id, partners })
}

/// Starts a course for a client: session 1 (understanding the journey) and the rest, planned.
pub fn create(
    tx: &Transaction,
    actor: &Actor,
    person_id: i64,
    input: &CourseInput,
    now: DateTime<Utc>,
) -> Result<CoursePage> {
    actor.require(Permission::EditClinical)?;
    let person = people::get_unchecked(tx, person_id)?;
    if !person.is_client || person.archived {
        return Err(Error::Conflict("A course can be planned only for a current client.".into()));
    }
    if active_course_id(tx, person_id)?.is_some() {
        return Err(Error::Conflict("This client already has a course under way.".into()));
    }
    let checked = check_course(tx, person_id, input, 1)?;
    let at = now.to_rfc3339();
    tx.execute(
        "INSERT INTO courses (person_id, relationship_id, counsellor_id, goals, planned_sessions, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![person_id, checked.relationship_id, actor.account_id, checked.goals, checked.planned, at],
    )?;
    let id = tx.last_insert_rowid();
    set_attendees(tx, id, person_id, &checked.partners)?;
    for n in 1..=checked.planned {
        tx.execute("INSERT INTO course_sessions (course_id, number) VALUES (?1, ?2)", params![id, n])?;
    }
    audit::log(
        tx,
        actor,
        action::COURSE_CREATE,
        Some(person_id),
        &format!("course={id} sessions={}", checked.planned),
        now,
    )?;
    page(load(tx, id)?)
}

fn set_attendees(tx: &Transaction, course_id: i64, person_id: i64, partners: &[i64]) -> Result<()> {
    tx.execute("DELETE FROM course_attendees WHERE course_id = ?1", params![course_id])?;
    for p in std::iter::once(&person_id).chain(partners) {
        tx.execute("INSERT INTO course_attendees (course_id, person_id) VALUES (?1, ?2)", params![course_id, p])?;
    }
    Ok(())
}

/// Changes the goals, the number of sessions or who attends. Sessions can be removed from the
/// end only while they are still empty.
pub fn update(
    tx: &Transaction,
    actor: &Actor,
    course_id: i64,
    input: &CourseInput,
    now: DateTime<Utc>,
) -> Result<CoursePage> {
    actor.require(Permission::EditClinical)?;
    let before = load(tx, course_id)?;
    let used = before
        .sessions
        .iter()
        .filter(|s| s.note.is_some() || s.items().next().is_some() || !s.reviews.is_empty())
        .map(|s| s.number)
        .max()
        .unwrap_or(1);
    let checked = check_course(tx, before.person_id, input, used)?;
    // Someone who already came to a session, or holds homework, stays on the course.
    let dropped_but_involved =
        before.attendees.iter().filter(|a| !a.is_client && !checked.partners.contains(&a.person_id)).any(|a| {
            before.sessions.iter().any(|s| {
                s.items().any(|i| i.assignees.contains(&a.person_id))
                    || s.note.as_ref().is_some_and(|n| n.attended.contains(&a.person_id))
            })
        });
    if dropped_but_involved {
        return Err(Error::Validation(vec![crate::FieldError::new(
            "partnerIds",
            "A partner who has attended or holds homework cannot be taken off the course.",
        )]));
    }
    tx.execute(
        "UPDATE courses SET goals = ?1, planned_sessions = ?2, relationship_id = ?3, updated_at = ?4 WHERE id = ?5",
        params![checked.goals, checked.planned, checked.relationship_id, now.to_rfc3339(), course_id],
    )?;
    set_attendees(tx, course_id, before.person_id, &checked.partners)?;
    let have = before.sessions.len() as i64;
    for n in (have + 1)..=checked.planned {
        tx.execute("INSERT INTO course_sessions (course_id, number) VALUES (?1, ?2)", params![course_id, n])?;
    }
    if checked.planned < have {
        tx.execute(
            "DELETE FROM course_sessions WHERE course_id = ?1 AND number > ?2",
            params![course_id, checked.planned],
        )?;
    }
    audit::log(
        tx,
        actor,
        action::COURSE_UPDATE,
        Some(before.person_id),
        &format!("course={course_id} sessions={}", checked.planned),
        now,
    )?;
    page(load(tx, course_id)?)
}

/// Sets or clears the date a session is planned for.
pub fn set_planned_on(
    tx: &Transaction,
    actor: &Actor,
    session_id: i64,
    planned_on: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<CoursePage> {
    actor.require(Permission::EditClinical)?;
    let course = load(tx, course_of_session(tx, session_id)?)?;
    tx.execute("UPDATE course_sessions SET planned_on = ?1 WHERE id = ?2", params![planned_on, session_id])?;
    audit::log(tx, actor, action::COURSE_UPDATE, Some(course.person_id), &format!("session={session_id}"), now)?;
    page(load(tx, course.id)?)
}

pub(crate) fn course_of_session(conn: &Connection, session_id: i64) -> Result<i64> {
    conn.prepare_cached("SELECT course_id FROM course_sessions WHERE id = ?1")?
        .query_row(params![session_id], |r| r.get(0))
        .optional()?
        .ok_or(Error::NotFound { what: "session", id: session_id })
}

/// The session part a library item belongs in: acceptance steps are guided conversation.
pub fn session_section_of(library_section: &str) -> &'static str {
    match library_section {
        "education" => "education",
        "communication" | "acceptance" => "communication",
        "practical" => "practical",
        _ => "homework",
    }
}

/// What would hold an item back for this client now, in words, and its kind.
pub(crate) fn holder(
    conn: &Connection,
    item: &LibraryItem,
    in_force: &[cautions::Caution],
    progress: &crate::suggestions::Progress,
) -> Result<Option<(&'static str, String, String)>> {
    if let Some(c) = library::blocking_caution(conn, item, in_force)? {
        return Ok(Some((
            "caution",
            c.code.clone(),
            format!(
                "The caution \u{201c}{}\u{201d} is in force for this client, and this item is held back by it.",
                c.title
            ),
        )));
    }
    if let (Some(thread), Some(step)) = (&item.thread, item.thread_step) {
        if thread != "acceptance" && item.section == "homework" {
            let done = progress.thread_steps_done.get(thread).copied().unwrap_or(0);
            if step > done + 1 {
                return Ok(Some((
                    "stage",
                    format!("{thread}:{step}"),
                    format!(
                        "This is step {step} of a staged homework thread; step {} has not yet been reviewed as done and comfortable.",
                        step - 1
                    ),
                )));
            }
        }
    }
    Ok(None)
}

fn require_unsigned(session: &PlannedSession) -> Result<()> {
    if session.signed() {
        return Err(Error::Conflict(
            "This session's note is signed, so its plan can no longer change. Plan the next session instead.".into(),
        ));
    }
    Ok(())
}

/// Adds a library item or free text to one section of a session.
pub fn add_item(
    tx: &Transaction,
    actor: &Actor,
    session_id: i64,
    input: &ItemInput,
    now: DateTime<Utc>,
) -> Result<CoursePage> {
    actor.require(Permission::EditClinical)?;
    let course = load(tx, course_of_session(tx, session_id)?)?;
    let session = course.session(session_id).ok_or(Error::NotFound { what: "session", id: session_id })?;
    require_unsigned(session)?;

    let mut c = Checker::new();
    if !SECTIONS.contains(&input.section.as_str()) {
        c.fail("section", "Section is not one of the four parts of a session.");
    }
    let homework = input.section == "homework";
    let free_text = c.optional_text("freeText", "Text", input.free_text.as_deref(), 300);
    let library_item = match input.item_id {
        Some(id) => {
            let item = library::current_unchecked(tx)?.into_iter().find(|i| i.id == id);
            if item.is_none() {
                c.fail("itemId", "That library item could not be found, or is no longer in use.");
            }
            item
        }
        None => None,
    };
    match (&library_item, &free_text) {
        (None, None) if input.item_id.is_none() => c.fail("freeText", "Choose a library item or write the text."),
        (Some(_), Some(_)) => c.fail("freeText", "Give a library item or free text, not both."),
        _ => {}
    }
    if let Some(item) = &library_item {
        if session_section_of(&item.section) != input.section {
            c.fail(
                "section",
                format!(
                    "This item belongs in the {} part of a session.",
                    section_label(session_section_of(&item.section))
                ),
            );
        }
        if item.participants == "partners" && course.attendees.len() < 2 {
            c.fail("itemId", "This item is done with a partner, and no partner attends this course.");
        }
    }
    let mut assignees = input.assignee_ids.clone();
    assignees.sort_unstable();
    assignees.dedup();
    if homework {
        if assignees.is_empty() {
            c.fail("assigneeIds", "Say who does this homework.");
        } else if assignees.iter().any(|a| !course.attendees.iter().any(|p| p.person_id == *a)) {
            c.fail("assigneeIds", "Homework can be given only to people who attend the course.");
        }
    } else if !assignees.is_empty() {
        c.fail("assigneeIds", "Only homework is given to someone.");
    }
    let reason = c.optional_note("overrideReason", "Reason for the override", input.override_reason.as_deref(), 500);
    c.finish()?;

    let mut held = None;
    if let Some(item) = &library_item {
        let intake = intake::open_or_create(tx, actor, course.person_id, now)?;
        let in_force = cautions::in_force(tx, course.person_id, Some(&intake))?;
        held = holder(tx, item, &in_force, &progress::for_suggestions(&course))?;
        if let Some((_, _, why)) = &held {
            if reason.is_none() {
                return Err(Error::Validation(vec![crate::FieldError::new(
                    "overrideReason",
                    format!("{why} To give it anyway, record the reason for the override."),
                )]));
            }
        }
    }
    let position: i64 = tx.query_row(
        "SELECT COALESCE(MAX(position), 0) + 1 FROM session_items WHERE session_id = ?1 AND section = ?2",
        params![session_id, input.section],
        |r| r.get(0),
    )?;
    let (kind, detail, why_reason) = match &held {
        Some((kind, detail, _)) => (Some(*kind), Some(detail.clone()), reason),
        None => (None, None, None),
    };
    let at = now.to_rfc3339();
    tx.execute(
        "INSERT INTO session_items (session_id, section, position, item_id, item_version, free_text,
             override_kind, override_detail, override_reason, override_by, override_at, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            session_id,
            input.section,
            position,
            library_item.as_ref().map(|i| i.id),
            library_item.as_ref().map(|i| i.version),
            free_text,
            kind,
            detail,
            why_reason,
            kind.map(|_| actor.account_id),
            kind.map(|_| at.clone()),
            at,
        ],
    )?;
    let row = tx.last_insert_rowid();
    if homework {
        for a in &assignees {
            tx.execute(
                "INSERT INTO session_item_people (session_item_id, person_id) VALUES (?1, ?2)",
                params![row, a],
            )?;
        }
    }
    let what = library_item.as_ref().map_or("free".to_owned(), |i| format!("{}v{}", i.id, i.version));
    audit::log(
        tx,
        actor,
        action::COURSE_ADD_ITEM,
        Some(course.person_id),
        &format!("session={session_id} section={} item={what}", input.section),
        now,
    )?;
    if let (Some(kind), Some(detail)) = (kind, &detail) {
        audit::log(
            tx,
            actor,
            action::COURSE_ITEM_OVERRIDE,
            Some(course.person_id),
            &format!("session_item={row} kind={kind} held_by={detail}"),
            now,
        )?;
    }
    page(load(tx, course.id)?)
}

/// Takes an item off a session whose note is not signed (and whose homework is not reviewed).
pub fn remove_item(tx: &Transaction, actor: &Actor, session_item_id: i64, now: DateTime<Utc>) -> Result<CoursePage> {
    actor.require(Permission::EditClinical)?;
    let session_id: i64 = tx
        .query_row("SELECT session_id FROM session_items WHERE id = ?1", params![session_item_id], |r| r.get(0))
        .optional()?
        .ok_or(Error::NotFound { what: "session item", id: session_item_id })?;
    let course = load(tx, course_of_session(tx, session_id)?)?;
    let session = course.session(session_id).ok_or(Error::NotFound { what: "session", id: session_id })?;
    require_unsigned(session)?;
    let reviewed: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM homework_reviews WHERE session_item_id = ?1)",
        params![session_item_id],
        |r| r.get(0),
    )?;
    if reviewed {
        return Err(Error::Conflict("This homework has been reviewed, so it stays on the plan.".into()));
    }
    tx.execute("DELETE FROM session_items WHERE id = ?1", params![session_item_id])?;
    audit::log(
        tx,
        actor,
        action::COURSE_REMOVE_ITEM,
        Some(course.person_id),
        &format!("session={session_id} session_item={session_item_id}"),
        now,
    )?;
    page(load(tx, course.id)?)
}

/// Reads a whole course: attendees, sessions, items, notes and reviews, in a fixed number of
/// queries whatever its length. The caller has checked the role and audits the read.
pub(crate) fn load(conn: &Connection, id: i64) -> Result<Course> {
    let head = conn
        .prepare_cached(
            "SELECT c.person_id, c.relationship_id, a.display_name, c.goals, c.planned_sessions, c.created_at
             FROM courses c JOIN accounts a ON a.id = c.counsellor_id WHERE c.id = ?1",
        )?
        .query_row(params![id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, DateTime<Utc>>(5)?,
            ))
        })
        .optional()?
        .ok_or(Error::NotFound { what: "course", id })?;
    let (person_id, relationship_id, counsellor, goals, planned_sessions, created_at) = head;

    let attendees = conn
        .prepare_cached(
            "SELECT p.id, COALESCE(p.preferred_name, p.given_name) || COALESCE(' ' || p.family_name, '')
             FROM course_attendees ca JOIN people p ON p.id = ca.person_id
             WHERE ca.course_id = ?1 ORDER BY p.id = ?2 DESC, p.given_name, p.id",
        )?
        .query_map(params![id, person_id], |r| {
            let pid: i64 = r.get(0)?;
            Ok(Attendee { person_id: pid, name: r.get(1)?, is_client: pid == person_id })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;

    let mut sessions = conn
        .prepare_cached("SELECT id, number, planned_on FROM course_sessions WHERE course_id = ?1 ORDER BY number")?
        .query_map(params![id], |r| {
            let number: i64 = r.get(1)?;
            Ok(PlannedSession {
                id: r.get(0)?,
                number,
                journey: number == 1,
                planned_on: r.get(2)?,
                status: "planned".into(),
                sections: SECTIONS
                    .iter()
                    .map(|s| SessionSection { section: (*s).into(), label: section_label(s).into(), items: vec![] })
                    .collect(),
                note: None,
                review_due: vec![],
                reviews: vec![],
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;

    let mut items = conn.prepare_cached(
        "SELECT si.id, si.session_id, si.section, si.free_text, si.item_id, si.item_version, li.current_version, li.slug,
             v.title, v.purpose, v.frequency, v.stage, v.participants, li.thread, li.thread_step,
             si.override_kind, si.override_detail, si.override_reason, a.display_name, si.override_at
         FROM session_items si
         JOIN course_sessions cs ON cs.id = si.session_id
         LEFT JOIN library_items li ON li.id = si.item_id
         LEFT JOIN library_item_versions v ON v.item_id = si.item_id AND v.version = si.item_version
         LEFT JOIN accounts a ON a.id = si.override_by
         WHERE cs.course_id = ?1 ORDER BY si.session_id, si.position, si.id",
    )?;
    let rows = items.query_map(params![id], |r| {
        let item_id: Option<i64> = r.get(4)?;
        let library = match item_id {
            None => None,
            Some(item_id) => Some(GivenItem {
                item_id,
                version: r.get(5)?,
                current_version: r.get(6)?,
                slug: r.get(7)?,
                title: r.get(8)?,
                purpose: r.get(9)?,
                frequency: r.get(10)?,
                stage: r.get(11)?,
                participants: r.get(12)?,
                thread: r.get(13)?,
                thread_step: r.get(14)?,
            }),
        };
        let kind: Option<String> = r.get(15)?;
        let override_ = match kind {
            None => None,
            Some(kind) => Some(ItemOverride {
                held_back_by: held_back_label(&kind, &r.get::<_, Option<String>>(16)?.unwrap_or_default()),
                kind,
                reason: r.get::<_, Option<String>>(17)?.unwrap_or_default(),
                recorded_by: r.get::<_, Option<String>>(18)?.unwrap_or_default(),
                recorded_at: r.get::<_, Option<DateTime<Utc>>>(19)?.unwrap_or_default(),
            }),
        };
        Ok((
            r.get::<_, i64>(1)?,
            SessionItem {
                id: r.get(0)?,
                section: r.get(2)?,
                library,
                free_text: r.get(3)?,
                assignees: vec![],
                override_,
            },
        ))
    })?;
    let mut by_id: std::collections::HashMap<i64, usize> =
        sessions.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    for row in rows {
        let (session_id, item) = row?;
        if let Some(&i) = by_id.get(&session_id) {
            if let Some(sec) = sessions[i].sections.iter_mut().find(|s| s.section == item.section) {
                sec.items.push(item);
            }
        }
    }
    let mut people_stmt = conn.prepare_cached(
        "SELECT sip.session_item_id, sip.person_id FROM session_item_people sip
         JOIN session_items si ON si.id = sip.session_item_id JOIN course_sessions cs ON cs.id = si.session_id
         WHERE cs.course_id = ?1 ORDER BY sip.person_id",
    )?;
    let pairs = people_stmt
        .query_map(params![id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for s in &mut sessions {
        for sec in &mut s.sections {
            for item in &mut sec.items {
                item.assignees = pairs.iter().filter(|(i, _)| *i == item.id).map(|(_, p)| *p).collect();
            }
        }
    }

    notes::attach(conn, id, &mut sessions, &mut by_id)?;

    // Homework to review: that of the latest earlier session which gave any, less what another
    // session already reviewed.
    let reviewed_at: Vec<(i64, i64)> =
        sessions.iter().flat_map(|s| s.reviews.iter().map(move |r| (r.session_item_id, s.id))).collect();
    let mut last_homework: Vec<i64> = vec![];
    for s in &mut sessions {
        s.review_due = last_homework
            .iter()
            .copied()
            .filter(|item| !reviewed_at.iter().any(|(i, at)| i == item && *at != s.id))
            .collect();
        let given: Vec<i64> =
            s.sections.iter().filter(|x| x.section == "homework").flat_map(|x| &x.items).map(|i| i.id).collect();
        if !given.is_empty() {
            last_homework = given;
        }
    }
    Ok(Course { id, person_id, relationship_id, counsellor, goals, planned_sessions, attendees, sessions, created_at })
}

fn held_back_label(kind: &str, detail: &str) -> String {
    match kind {
        "caution" => match detail {
            cautions::code::AVOID_ESTROGEN => "Caution: avoid estrogen products".into(),
            cautions::code::NO_CLEARANCE => "Caution: no medical clearance for sexual activity".into(),
            cautions::code::SEE_DOCTOR_FIRST => "Caution: see a doctor before practical exercises".into(),
            cautions::code::LATEX_ALLERGY => "Caution: latex allergy".into(),
            other => format!("Caution: {}", other.replace('_', " ")),
        },
        _ => match detail.split_once(':') {
            Some((thread, step)) => format!("Stage: {thread} step {step} before the previous step was done"),
            None => "Stage".into(),
        },
    }
}
