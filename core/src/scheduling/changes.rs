//! Changing what is booked: move, cancel with a reason, mark arrived / in session / done / did
//! not attend. For a series, a change touches one occurrence (it becomes an exception row) or
//! this and all following (the series is split: the rule ends before this occurrence and a new
//! rule starts at it).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Transaction};

use super::book::{self, appt_rows, ApptRow, Describer, Expander, SeriesRow};
use super::time::{self, Occurrence, Rule, RuleEnd};
use super::{settings, Appointment, AppointmentRef, CancelInput, RescheduleInput, Scope};
use crate::access::{Actor, Permission};
use crate::audit::{self, action};
use crate::error::{Error, Result};
use crate::validate::Checker;

/// The appointment an action is about, stored or still only a rule's occurrence.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    pub row: Option<ApptRow>,
    pub series: Option<SeriesRow>,
    /// The rule's occurrence, for a series (its index and the time the rule gives it).
    pub occurrence: Option<Occurrence>,
    /// How many occurrences the series has.
    pub series_len: u32,
    pub counsellor_id: i64,
    pub room_id: i64,
    pub start: i64,
    pub end: i64,
    pub status: String,
}

fn series_attendees(conn: &Connection, series_id: i64) -> Result<Vec<i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT person_id FROM series_attendees WHERE series_id = ?1 ORDER BY person_id")?;
    let rows = stmt.query_map([series_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub(crate) fn attendees_of(conn: &Connection, t: &Target) -> Result<Vec<i64>> {
    match &t.row {
        Some(row) => {
            let mut stmt = conn.prepare_cached(
                "SELECT person_id FROM appointment_attendees WHERE appointment_id = ?1 ORDER BY person_id",
            )?;
            let rows = stmt.query_map([row.id], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        }
        None => match &t.series {
            Some(s) => series_attendees(conn, s.id),
            None => Ok(vec![]),
        },
    }
}

pub(crate) fn load(conn: &Connection, r: AppointmentRef) -> Result<Target> {
    match r {
        AppointmentRef::Single(id) => {
            let row = appt_rows(conn, "a.id = ?1 AND a.series_id IS NULL", &[&id])?
                .into_iter()
                .next()
                .ok_or(Error::NotFound { what: "appointment", id })?;
            Ok(Target {
                counsellor_id: row.counsellor_id,
                room_id: row.room_id,
                start: row.start,
                end: row.end,
                status: row.status.clone(),
                row: Some(row),
                series: None,
                occurrence: None,
                series_len: 1,
            })
        }
        AppointmentRef::Occurrence { series, index } => {
            let s = book::series(conn, series)?;
            let occ = book::series_occurrences(&s)?;
            let o = *occ
                .get(usize::try_from(index).unwrap_or(usize::MAX))
                .ok_or(Error::NotFound { what: "appointment", id: series })?;
            let row = appt_rows(conn, "a.series_id = ?1 AND a.occurrence = ?2", &[&series, &index])?.into_iter().next();
            let len = u32::try_from(occ.len()).unwrap_or(u32::MAX);
            Ok(match row {
                Some(row) => Target {
                    counsellor_id: row.counsellor_id,
                    room_id: row.room_id,
                    start: row.start,
                    end: row.end,
                    status: row.status.clone(),
                    row: Some(row),
                    series: Some(s),
                    occurrence: Some(o),
                    series_len: len,
                },
                None => Target {
                    counsellor_id: s.counsellor_id,
                    room_id: s.room_id,
                    start: o.start,
                    end: o.end,
                    status: "booked".into(),
                    row: None,
                    series: Some(s),
                    occurrence: Some(o),
                    series_len: len,
                },
            })
        }
    }
}

/// Gives an occurrence a row of its own (an exception to the rule) and returns its id.
fn materialize(tx: &Transaction, actor: &Actor, t: &Target, now: DateTime<Utc>) -> Result<i64> {
    if let Some(row) = &t.row {
        return Ok(row.id);
    }
    let (Some(s), Some(o)) = (&t.series, &t.occurrence) else {
        return Err(Error::NotFound { what: "appointment", id: 0 });
    };
    let people = series_attendees(tx, s.id)?;
    book::insert_row(
        tx,
        actor,
        Some((s.id, o.index)),
        &s.kind,
        s.counsellor_id,
        s.room_id,
        s.relationship_id,
        o.start,
        o.end,
        s.reception_note.as_deref(),
        None,
        &people,
        now,
    )
}

fn first_person(conn: &Connection, t: &Target) -> Result<Option<i64>> {
    Ok(attendees_of(conn, t)?.first().copied())
}

fn describe(conn: &Connection, refs: &[AppointmentRef]) -> Result<Vec<Appointment>> {
    Describer::new(conn)?.refs(conn, &mut Expander::default(), refs)
}

/// Moves an appointment, or this occurrence and every later one of its series, after checking
/// the new times like a new booking.
pub fn reschedule(
    tx: &Transaction,
    actor: &Actor,
    input: &RescheduleInput,
    now: DateTime<Utc>,
) -> Result<Vec<Appointment>> {
    let r = AppointmentRef::parse(&input.key)?;
    let t = load(tx, r)?;
    book::may_edit(actor, t.counsellor_id)?;
    let counsellor_id = input.counsellor_id.unwrap_or(t.counsellor_id);
    let room_id = input.room_id.unwrap_or(t.room_id);
    book::may_edit(actor, counsellor_id)?;
    if t.status == "cancelled" {
        return Err(Error::Conflict("A cancelled appointment cannot be moved; book a new one instead.".into()));
    }
    let tz_name = settings::time_zone_name(tx)?;
    let tz = time::zone(&tz_name)?;
    let mut c = Checker::new();
    book::check_resources(tx, &mut c, counsellor_id, room_id)?;
    let current_minutes = (t.end - t.start) / 60;
    let times =
        book::check_times(&mut c, &input.date, &input.start_time, None, input.minutes.or(Some(current_minutes)), None);
    c.finish()?;
    let (local, minutes) = times.ok_or_else(|| Error::field("date", "Give a date and a start time."))?;
    let people = attendees_of(tx, &t)?;
    let person = people.first().copied();

    let following = matches!((input.scope, &t.series, &t.occurrence), (Scope::ThisAndFollowing, Some(_), Some(_)));
    if !following {
        let start = time::to_utc(&tz, local)?;
        let occ = [Occurrence { index: 0, start, end: start + minutes * 60, local }];
        let found = book::clashes(
            tx,
            actor,
            &tz,
            &occ,
            false,
            counsellor_id,
            room_id,
            &people,
            input.allow_outside_hours,
            now,
            &|x| x == r,
        )?;
        if !found.is_empty() {
            return Err(Error::Clash(found));
        }
        let id = materialize(tx, actor, &t, now)?;
        tx.execute(
            "UPDATE appointments SET starts_at = ?1, ends_at = ?2, counsellor_id = ?3, room_id = ?4, updated_at = ?5
              WHERE id = ?6",
            params![start, start + minutes * 60, counsellor_id, room_id, now.to_rfc3339(), id],
        )?;
        audit::log(tx, actor, action::APPOINTMENT_MOVE, person, &format!("appointment={id}"), now)?;
        return describe(tx, &[r]);
    }

    // This and all following: a new rule from this occurrence on.
    let (Some(s), Some(o)) = (t.series.clone(), t.occurrence) else {
        return Err(Error::NotFound { what: "appointment", id: 0 });
    };
    let k = o.index;
    let end = match s.rule.end {
        RuleEnd::Count(n) => RuleEnd::Count(n.saturating_sub(k).max(1)),
        RuleEnd::Until(d) if d < local.date() => {
            return Err(Error::field("date", "The new date is after the series' last day; move only this one."));
        }
        RuleEnd::Until(d) => RuleEnd::Until(d),
    };
    let rule = Rule { first: local, interval_weeks: s.rule.interval_weeks, end, minutes };
    let exceptions = book::exceptions(tx, s.id)?;
    let occ: Vec<Occurrence> = time::occurrences(&tz, &rule)?
        .into_iter()
        .map(|mut x| {
            x.index += k;
            x
        })
        .filter(|x| !exceptions.contains(&x.index))
        .collect();
    let sid = s.id;
    let skip = move |x: AppointmentRef| matches!(x, AppointmentRef::Occurrence { series, index } if series == sid && index >= k);
    let found = book::clashes(
        tx,
        actor,
        &tz,
        &occ,
        true,
        counsellor_id,
        room_id,
        &people,
        input.allow_outside_hours,
        now,
        &skip,
    )?;
    if !found.is_empty() {
        return Err(Error::Clash(found));
    }
    let plan = book::Plan {
        kind: s.kind.clone(),
        counsellor_id,
        room_id,
        attendees: series_attendees(tx, s.id)?,
        relationship_id: s.relationship_id,
        rule: rule.clone(),
        is_series: true,
        reception_note: s.reception_note.clone(),
    };
    let new_occ = time::occurrences(&tz, &rule)?;
    let refs: Vec<AppointmentRef> = if k == 0 {
        let (Some(first), Some(last)) = (new_occ.first(), new_occ.last()) else {
            return Err(Error::field("date", "That change leaves the series empty."));
        };
        tx.execute(
            "UPDATE appointment_series SET first_local = ?1, duration_minutes = ?2, counsellor_id = ?3, room_id = ?4,
                    time_zone = ?5, first_start = ?6, last_end = ?7, updated_at = ?8 WHERE id = ?9",
            params![
                time::fmt_local(local),
                minutes,
                counsellor_id,
                room_id,
                tz_name,
                first.start,
                last.end,
                now.to_rfc3339(),
                s.id
            ],
        )?;
        new_occ.iter().map(|x| AppointmentRef::Occurrence { series: s.id, index: x.index }).collect()
    } else {
        let old = book::series_occurrences(&s)?;
        let last_kept = old
            .get(usize::try_from(k - 1).unwrap_or(usize::MAX))
            .map(|x| x.end)
            .ok_or(Error::NotFound { what: "appointment", id: s.id })?;
        tx.execute(
            "UPDATE appointment_series SET occurrences = ?1, until_day = NULL, last_end = ?2, updated_at = ?3 WHERE id = ?4",
            params![k, last_kept, now.to_rfc3339(), s.id],
        )?;
        let new_id = book::insert_series(tx, actor, &plan, &tz_name, &new_occ, now)?;
        tx.execute(
            "UPDATE appointments SET series_id = ?1, occurrence = occurrence - ?2, updated_at = ?3
              WHERE series_id = ?4 AND occurrence >= ?2",
            params![new_id, k, now.to_rfc3339(), s.id],
        )?;
        new_occ.iter().map(|x| AppointmentRef::Occurrence { series: new_id, index: x.index }).collect()
    };
    audit::log(tx, actor, action::APPOINTMENT_MOVE, person, &format!("series={} from={k}", s.id), now)?;
    describe(tx, &refs)
}

fn check_cancel(conn: &Connection, input: &CancelInput) -> Result<Option<String>> {
    let mut c = Checker::new();
    let reasons: Vec<String> = settings::cancel_reasons(conn)?.into_iter().map(|t| t.code).collect();
    if !reasons.iter().any(|r| r == input.reason.trim()) {
        c.fail("reason", "Choose why the appointment is cancelled.");
    }
    let note = c.optional_note("note", "Note", input.note.as_deref(), 300);
    c.finish()?;
    Ok(note)
}

/// Cancels one appointment, or this occurrence and every later one of its series, with a reason.
/// Cancelled occurrences stay on the calendar, marked, so reception can see what happened.
pub fn cancel(tx: &Transaction, actor: &Actor, input: &CancelInput, now: DateTime<Utc>) -> Result<Vec<Appointment>> {
    let r = AppointmentRef::parse(&input.key)?;
    let t = load(tx, r)?;
    book::may_edit(actor, t.counsellor_id)?;
    let note = check_cancel(tx, input)?;
    let reason = input.reason.trim();
    match t.status.as_str() {
        "cancelled" => return Err(Error::Conflict("That appointment is already cancelled.".into())),
        "arrived" | "in_session" | "done" => {
            return Err(Error::Conflict("That appointment has already started; it can no longer be cancelled.".into()))
        }
        _ => {}
    }
    let person = first_person(tx, &t)?;
    let set = |id: i64| -> Result<()> {
        tx.execute(
            "UPDATE appointments SET status = 'cancelled', cancel_reason = ?1, cancel_note = ?2, updated_at = ?3
              WHERE id = ?4",
            params![reason, note, now.to_rfc3339(), id],
        )?;
        Ok(())
    };
    let mut refs = vec![r];
    match (input.scope, &t.series, &t.occurrence) {
        (Scope::ThisAndFollowing, Some(s), Some(o)) => {
            refs.clear();
            for i in o.index..t.series_len {
                let ri = AppointmentRef::Occurrence { series: s.id, index: i };
                let ti = load(tx, ri)?;
                if ti.status == "booked" || ti.status == "no_show" && i == o.index {
                    set(materialize(tx, actor, &ti, now)?)?;
                    refs.push(ri);
                }
            }
            let detail = format!("series={} from={} count={} reason={reason}", s.id, o.index, refs.len());
            audit::log(tx, actor, action::APPOINTMENT_CANCEL, person, &detail, now)?;
        }
        _ => {
            let id = materialize(tx, actor, &t, now)?;
            set(id)?;
            audit::log(
                tx,
                actor,
                action::APPOINTMENT_CANCEL,
                person,
                &format!("appointment={id} reason={reason}"),
                now,
            )?;
        }
    }
    describe(tx, &refs)
}

/// Marks how the appointment went: arrived, in session, done, did not attend, or back to booked.
pub fn change_status(
    tx: &Transaction,
    actor: &Actor,
    key: &str,
    status: &str,
    now: DateTime<Utc>,
) -> Result<Appointment> {
    // The role first, so a refused person learns nothing about which appointments exist.
    actor.require(Permission::EditSchedule)?;
    let r = AppointmentRef::parse(key)?;
    if !["booked", "arrived", "in_session", "done", "no_show"].contains(&status) {
        return Err(Error::field("status", "Choose arrived, in session, done or did not attend."));
    }
    let t = load(tx, r)?;
    book::may_edit(actor, t.counsellor_id)?;
    if t.status == "cancelled" {
        return Err(Error::Conflict("A cancelled appointment cannot be marked; book it again instead.".into()));
    }
    let tz = settings::clinic_zone(tx)?;
    if status != "booked" && time::to_local(&tz, t.start).date() > time::local_today(&tz, now) {
        return Err(Error::Conflict(
            "An appointment can be marked arrived, in session, done or did not attend only on its day or later.".into(),
        ));
    }
    let person = first_person(tx, &t)?;
    let id = materialize(tx, actor, &t, now)?;
    tx.execute(
        "UPDATE appointments SET status = ?1, updated_at = ?2 WHERE id = ?3",
        params![status, now.to_rfc3339(), id],
    )?;
    audit::log(tx, actor, action::APPOINTMENT_STATUS, person, &format!("appointment={id} status={status}"), now)?;
    describe(tx, &[r])?.into_iter().next().ok_or(Error::NotFound { what: "appointment", id })
}
