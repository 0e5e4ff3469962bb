//! Session planning: the course plan ([`course`]), session notes and homework reviews
//! ([`notes`]), and the progress view ([`progress`]).

pub mod course;
pub mod notes;
pub mod progress;

use chrono::{DateTime, Utc};
use rusqlite::Transaction;

use crate::access::{Actor, Permission};
use crate::error::{Error, Result};
use crate::suggestions::{self, Suggestion};

/// Suggestions for one session of a course, from the client's intake, cautions and progress.
/// What the session already holds is left out, as is anything but homework that an earlier
/// session already gave. Opening the chart for this is recorded as a read.
pub fn suggest_for_session(
    tx: &Transaction,
    actor: &Actor,
    session_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<Suggestion>> {
    actor.require(Permission::ViewClinical)?;
    let course = course::load(tx, course::course_of_session(tx, session_id)?)?;
    let session = course.session(session_id).ok_or(Error::NotFound { what: "session", id: session_id })?;
    let chart = crate::chart::open(tx, actor, course.person_id, now)?;
    let progress = progress::for_suggestions(&course);
    let given_before: Vec<i64> = course
        .sessions
        .iter()
        .filter(|s| s.number < session.number)
        .flat_map(|s| s.items())
        .filter(|i| i.section != "homework")
        .filter_map(|i| i.library.as_ref().map(|g| g.item_id))
        .collect();
    let here: Vec<i64> = session.items().filter_map(|i| i.library.as_ref().map(|g| g.item_id)).collect();
    let items = crate::library::current_unchecked(tx)?;
    let mut list = suggestions::suggest(tx, &chart.intake, &chart.cautions, &items, &progress)?;
    // Partner items need a partner on the course, not only in the intake.
    let with_partner = course.attendees.len() > 1;
    list.retain(|s| {
        let partner_only = items.iter().any(|i| i.id == s.item_id && i.participants == "partners");
        !here.contains(&s.item_id) && !given_before.contains(&s.item_id) && (with_partner || !partner_only)
    });
    crate::audit::log(
        tx,
        actor,
        crate::audit::action::COURSE_SUGGEST,
        Some(course.person_id),
        &format!("session={session_id}"),
        now,
    )?;
    Ok(list)
}
