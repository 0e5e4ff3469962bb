//! What is booked: reading appointments and series out of the store (for the calendar and for
//! clash checks), and booking singles and series after every occurrence is checked.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use jiff::civil;
use jiff::tz::TimeZone;
use jiff::ToSpan;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::clash::{self, Busy, Clash, ClashKind, Found, Limits, Span};
use super::settings::{self, CounsellorHours};
use super::time::{self, Occurrence, Rule, RuleEnd};
use super::{
    status_label, Appointment, AppointmentRef, AttendeeName, Booked, BookingInput, CalendarQuery, CalendarView,
};
use crate::access::{Actor, Permission, Role};
use crate::audit::{self, action};
use crate::error::{Error, Result};
use crate::people;
use crate::validate::Checker;

/// Most people at one appointment (a group).
pub const MAX_ATTENDEES: usize = 12;
/// How far ahead a booking may be made.
pub const MAX_YEARS_AHEAD: i64 = 2;
/// Longest appointment in seconds: bounds every "what overlaps this" query.
const MAX_SECONDS: i64 = time::MAX_MINUTES * 60;

/// A series as stored.
#[derive(Debug, Clone)]
pub(crate) struct SeriesRow {
    pub id: i64,
    pub kind: String,
    pub counsellor_id: i64,
    pub room_id: i64,
    pub relationship_id: Option<i64>,
    pub rule: Rule,
    pub time_zone: String,
    pub reception_note: Option<String>,
}

const SERIES_COLUMNS: &str = "id, kind, counsellor_id, room_id, relationship_id, first_local, time_zone, \
     duration_minutes, interval_weeks, occurrences, until_day, reception_note";

fn series_from_row(r: &rusqlite::Row) -> rusqlite::Result<(SeriesRow, Option<String>)> {
    let first: String = r.get(5)?;
    let occurrences: Option<u32> = r.get(9)?;
    let until: Option<String> = r.get(10)?;
    let end = match (occurrences, until.as_deref().and_then(time::parse_day)) {
        (Some(n), _) => RuleEnd::Count(n),
        (None, Some(d)) => RuleEnd::Until(d),
        (None, None) => RuleEnd::Count(1),
    };
    let rule = Rule {
        first: time::parse_local(&first).unwrap_or(civil::DateTime::ZERO),
        interval_weeks: r.get(8)?,
        end,
        minutes: r.get(7)?,
    };
    Ok((
        SeriesRow {
            id: r.get(0)?,
            kind: r.get(1)?,
            counsellor_id: r.get(2)?,
            room_id: r.get(3)?,
            relationship_id: r.get(4)?,
            rule,
            time_zone: r.get(6)?,
            reception_note: r.get(11)?,
        },
        Some(first),
    ))
}

pub(crate) fn series(conn: &Connection, id: i64) -> Result<SeriesRow> {
    let sql = format!("SELECT {SERIES_COLUMNS} FROM appointment_series WHERE id = ?1");
    conn.prepare_cached(&sql)?
        .query_row([id], series_from_row)
        .optional()?
        .map(|(s, _)| s)
        .ok_or(Error::NotFound { what: "appointment series", id })
}

/// The occurrences of a series, in the zone it was booked in.
pub(crate) fn series_occurrences(s: &SeriesRow) -> Result<Vec<Occurrence>> {
    let tz = time::zone(&s.time_zone)?;
    time::occurrences(&tz, &s.rule)
}

/// Which occurrences of a series have a row of their own (moved, cancelled, marked).
pub(crate) fn exceptions(conn: &Connection, series_id: i64) -> Result<HashSet<u32>> {
    let mut stmt = conn.prepare_cached("SELECT occurrence FROM appointments WHERE series_id = ?1")?;
    let rows = stmt.query_map([series_id], |r| r.get::<_, u32>(0))?;
    Ok(rows.collect::<rusqlite::Result<HashSet<_>>>()?)
}

/// Expands series, once each, for one check or one calendar read.
#[derive(Default)]
pub(crate) struct Expander {
    cache: HashMap<i64, (SeriesRow, Vec<Occurrence>, HashSet<u32>)>,
}

impl Expander {
    pub(crate) fn get(
        &mut self,
        conn: &Connection,
        row: SeriesRow,
    ) -> Result<&(SeriesRow, Vec<Occurrence>, HashSet<u32>)> {
        let id = row.id;
        if let std::collections::hash_map::Entry::Vacant(slot) = self.cache.entry(id) {
            let occ = series_occurrences(&row)?;
            let ex = exceptions(conn, id)?;
            slot.insert((row, occ, ex));
        }
        self.cache.get(&id).ok_or(Error::NotFound { what: "appointment series", id })
    }

    /// The occurrences of matching series that fall in [from, to) and have no row of their own.
    fn spans(&mut self, conn: &Connection, filter: &str, id: i64, from: i64, to: i64) -> Result<Vec<Span>> {
        let sql = format!(
            "SELECT {SERIES_COLUMNS} FROM appointment_series WHERE {filter} AND first_start < ?3 AND last_end > ?2"
        );
        let rows: Vec<SeriesRow> = conn
            .prepare_cached(&sql)?
            .query_map(params![id, from, to], series_from_row)?
            .map(|r| r.map(|(s, _)| s))
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for row in rows {
            let sid = row.id;
            let (_, occ, ex) = self.get(conn, row)?;
            out.extend(occ.iter().filter(|o| o.start < to && o.end > from && !ex.contains(&o.index)).map(|o| Span {
                start: o.start,
                end: o.end,
                source: AppointmentRef::Occurrence { series: sid, index: o.index },
            }));
        }
        Ok(out)
    }
}

fn row_ref(id: i64, series: Option<i64>, occurrence: Option<u32>) -> AppointmentRef {
    match (series, occurrence) {
        (Some(series), Some(index)) => AppointmentRef::Occurrence { series, index },
        _ => AppointmentRef::Single(id),
    }
}

/// Stored appointments (not cancelled) matching `filter` that overlap [from, to).
fn row_spans(conn: &Connection, filter: &str, id: i64, from: i64, to: i64) -> Result<Vec<Span>> {
    let sql = format!(
        "SELECT a.id, a.series_id, a.occurrence, a.starts_at, a.ends_at FROM {filter}
           AND a.starts_at < ?3 AND a.starts_at > ?2 - {MAX_SECONDS} AND a.ends_at > ?2 AND a.status != 'cancelled'"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![id, from, to], |r| {
        Ok(Span { start: r.get(3)?, end: r.get(4)?, source: row_ref(r.get(0)?, r.get(1)?, r.get(2)?) })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Everything booked for this counsellor, this room and these people in [from, to).
pub(crate) fn busy(
    conn: &Connection,
    ex: &mut Expander,
    counsellor: i64,
    room: Option<i64>,
    people: &[i64],
    from: i64,
    to: i64,
) -> Result<Busy> {
    let mut b = Busy {
        counsellor: row_spans(conn, "appointments a WHERE a.counsellor_id = ?1", counsellor, from, to)?,
        ..Busy::default()
    };
    b.counsellor.extend(ex.spans(conn, "counsellor_id = ?1", counsellor, from, to)?);
    if let Some(room) = room {
        b.room = row_spans(conn, "appointments a WHERE a.room_id = ?1", room, from, to)?;
        b.room.extend(ex.spans(conn, "room_id = ?1", room, from, to)?);
    }
    for p in people {
        let mut spans = row_spans(
            conn,
            "appointment_attendees x JOIN appointments a ON a.id = x.appointment_id WHERE x.person_id = ?1",
            *p,
            from,
            to,
        )?;
        spans.extend(ex.spans(
            conn,
            "id IN (SELECT series_id FROM series_attendees WHERE person_id = ?1)",
            *p,
            from,
            to,
        )?);
        b.people.push((*p, spans));
    }
    Ok(b)
}

/// The counsellor's working hours and the closed days between two UTC instants.
pub(crate) fn limits(conn: &Connection, tz: &TimeZone, counsellor: i64, from: i64, to: i64) -> Result<Limits> {
    let mut l = Limits::default();
    for ch in settings::counsellors(conn, Some(counsellor))? {
        for h in ch.hours {
            if let (Some(s), Some(e)) = (time::parse_clock(&h.starts), time::parse_clock(&h.ends)) {
                l.hours.push((i64::from(h.weekday), s, e));
            }
        }
    }
    let (a, b) = (time::to_local(tz, from).date().to_string(), time::to_local(tz, to).date().to_string());
    for d in settings::closed_days(conn, Some((&a, &b)))? {
        if let Some(day) = time::parse_day(&d.day) {
            l.closed.insert(day, d.reason);
        }
    }
    Ok(l)
}

// ---------------------------------------------------------------------------------------------
// Describing appointments (for the calendar and for naming the other booking in a clash)

struct Names {
    counsellors: HashMap<i64, String>,
    rooms: HashMap<i64, String>,
    kinds: HashMap<String, String>,
    reasons: HashMap<String, String>,
}

impl Names {
    fn load(conn: &Connection) -> Result<Names> {
        let mut counsellors = HashMap::new();
        let mut stmt = conn.prepare_cached("SELECT id, display_name FROM accounts")?;
        for r in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (id, n) = r?;
            counsellors.insert(id, n);
        }
        let rooms = settings::rooms(conn, false)?.into_iter().filter_map(|r| r.id.map(|id| (id, r.name))).collect();
        let kinds = settings::kinds(conn)?.into_iter().map(|k| (k.code, k.label)).collect();
        let reasons = settings::cancel_reasons(conn)?.into_iter().map(|t| (t.code, t.label)).collect();
        Ok(Names { counsellors, rooms, kinds, reasons })
    }
    fn counsellor(&self, id: i64) -> String {
        self.counsellors.get(&id).cloned().unwrap_or_else(|| "A former counsellor".into())
    }
    fn room(&self, id: i64) -> String {
        self.rooms.get(&id).cloned().unwrap_or_else(|| "A room".into())
    }
    fn kind(&self, code: &str) -> String {
        self.kinds.get(code).cloned().unwrap_or_else(|| code.to_owned())
    }
}

/// Ids as a JSON array, bound as one parameter and read with `json_each` (no SQL is built from
/// values).
fn ids_json(ids: impl IntoIterator<Item = i64>) -> String {
    format!("[{}]", ids.into_iter().map(|i| i.to_string()).collect::<Vec<_>>().join(","))
}

/// Attendee names for stored appointments (`table` = appointment_attendees) or series.
fn attendee_names(conn: &Connection, table: &str, key: &str, ids: &[i64]) -> Result<HashMap<i64, Vec<AttendeeName>>> {
    let mut out: HashMap<i64, Vec<AttendeeName>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let sql = format!(
        "SELECT x.{key}, p.id, p.given_name, p.family_name, p.preferred_name, p.is_client
           FROM {table} x JOIN people p ON p.id = x.person_id
          WHERE x.{key} IN (SELECT value FROM json_each(?1)) ORDER BY p.is_client DESC, p.given_name"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([ids_json(ids.iter().copied())], |r| {
        let given: String = r.get(2)?;
        let family: Option<String> = r.get(3)?;
        let preferred: Option<String> = r.get(4)?;
        let name = people::full_name(preferred.as_deref().unwrap_or(&given), family.as_deref());
        Ok((r.get::<_, i64>(0)?, AttendeeName { person_id: r.get(1)?, name, is_client: r.get(5)? }))
    })?;
    for row in rows {
        let (k, a) = row?;
        out.entry(k).or_default().push(a);
    }
    Ok(out)
}

/// A stored appointment row, before names are attached.
#[derive(Debug, Clone)]
pub(crate) struct ApptRow {
    pub id: i64,
    pub series_id: Option<i64>,
    pub occurrence: Option<u32>,
    pub kind: String,
    pub counsellor_id: i64,
    pub room_id: i64,
    pub relationship_id: Option<i64>,
    pub start: i64,
    pub end: i64,
    pub status: String,
    pub cancel_reason: Option<String>,
    pub cancel_note: Option<String>,
    pub reception_note: Option<String>,
    pub session_number: Option<i64>,
}

const APPT_COLUMNS: &str = "a.id, a.series_id, a.occurrence, a.kind, a.counsellor_id, a.room_id, a.relationship_id, \
     a.starts_at, a.ends_at, a.status, a.cancel_reason, a.cancel_note, a.reception_note, \
     (SELECT number FROM course_sessions WHERE id = a.course_session_id)";

fn appt_from_row(r: &rusqlite::Row) -> rusqlite::Result<ApptRow> {
    Ok(ApptRow {
        id: r.get(0)?,
        series_id: r.get(1)?,
        occurrence: r.get(2)?,
        kind: r.get(3)?,
        counsellor_id: r.get(4)?,
        room_id: r.get(5)?,
        relationship_id: r.get(6)?,
        start: r.get(7)?,
        end: r.get(8)?,
        status: r.get(9)?,
        cancel_reason: r.get(10)?,
        cancel_note: r.get(11)?,
        reception_note: r.get(12)?,
        session_number: r.get(13)?,
    })
}

pub(crate) fn appt_rows(conn: &Connection, where_sql: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<ApptRow>> {
    let sql = format!("SELECT {APPT_COLUMNS} FROM appointments a WHERE {where_sql} ORDER BY a.starts_at, a.id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(args, appt_from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Builds calendar entries from stored rows and series occurrences.
pub(crate) struct Describer {
    names: Names,
    tz: TimeZone,
}

impl Describer {
    pub(crate) fn new(conn: &Connection) -> Result<Describer> {
        Ok(Describer { names: Names::load(conn)?, tz: settings::clinic_zone(conn)? })
    }

    pub(crate) fn rows(&self, conn: &Connection, ex: &mut Expander, rows: Vec<ApptRow>) -> Result<Vec<Appointment>> {
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let mut names = attendee_names(conn, "appointment_attendees", "appointment_id", &ids)?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let (position, length) = match r.series_id {
                Some(sid) => {
                    let s = series(conn, sid)?;
                    let (_, occ, _) = ex.get(conn, s)?;
                    (r.occurrence.map(|i| i + 1), u32::try_from(occ.len()).ok())
                }
                None => (None, None),
            };
            out.push(Appointment {
                key: row_ref(r.id, r.series_id, r.occurrence).key(),
                series_id: r.series_id,
                series_position: position,
                series_length: length,
                kind_label: self.names.kind(&r.kind),
                kind: r.kind,
                counsellor_name: self.names.counsellor(r.counsellor_id),
                counsellor_id: r.counsellor_id,
                room_name: self.names.room(r.room_id),
                room_id: r.room_id,
                relationship_id: r.relationship_id,
                attendees: names.remove(&r.id).unwrap_or_default(),
                start: time::fmt_local(time::to_local(&self.tz, r.start)),
                end: time::fmt_local(time::to_local(&self.tz, r.end)),
                start_utc: r.start,
                end_utc: r.end,
                minutes: (r.end - r.start) / 60,
                status_label: status_label(&r.status).to_owned(),
                status: r.status,
                cancel_reason_label: r.cancel_reason.as_ref().and_then(|c| self.names.reasons.get(c).cloned()),
                cancel_reason: r.cancel_reason,
                cancel_note: r.cancel_note,
                reception_note: r.reception_note,
                session_number: r.session_number,
            });
        }
        Ok(out)
    }

    /// Occurrences of series that have no row of their own.
    pub(crate) fn occurrences(
        &self,
        conn: &Connection,
        ex: &mut Expander,
        items: &[(i64, u32)],
    ) -> Result<Vec<Appointment>> {
        let series_ids: Vec<i64> = items.iter().map(|(s, _)| *s).collect::<HashSet<_>>().into_iter().collect();
        let names = attendee_names(conn, "series_attendees", "series_id", &series_ids)?;
        let mut out = Vec::with_capacity(items.len());
        for (sid, index) in items {
            let s = series(conn, *sid)?;
            let (s, occ, _) = ex.get(conn, s)?;
            let Some(o) = occ.get(usize::try_from(*index).unwrap_or(usize::MAX)) else { continue };
            out.push(Appointment {
                key: AppointmentRef::Occurrence { series: *sid, index: *index }.key(),
                series_id: Some(*sid),
                series_position: Some(index + 1),
                series_length: u32::try_from(occ.len()).ok(),
                kind: s.kind.clone(),
                kind_label: self.names.kind(&s.kind),
                counsellor_id: s.counsellor_id,
                counsellor_name: self.names.counsellor(s.counsellor_id),
                room_id: s.room_id,
                room_name: self.names.room(s.room_id),
                relationship_id: s.relationship_id,
                attendees: names.get(sid).cloned().unwrap_or_default(),
                start: time::fmt_local(time::to_local(&self.tz, o.start)),
                end: time::fmt_local(time::to_local(&self.tz, o.end)),
                start_utc: o.start,
                end_utc: o.end,
                minutes: s.rule.minutes,
                status: "booked".into(),
                status_label: status_label("booked").into(),
                cancel_reason: None,
                cancel_reason_label: None,
                cancel_note: None,
                reception_note: s.reception_note.clone(),
                session_number: None,
            });
        }
        Ok(out)
    }

    /// Any mix of references, in start order.
    pub(crate) fn refs(
        &self,
        conn: &Connection,
        ex: &mut Expander,
        refs: &[AppointmentRef],
    ) -> Result<Vec<Appointment>> {
        let mut rows = Vec::new();
        let mut occ = Vec::new();
        for r in refs {
            match *r {
                AppointmentRef::Single(id) => rows.extend(appt_rows(conn, "a.id = ?1", &[&id])?),
                AppointmentRef::Occurrence { series, index } => {
                    let found = appt_rows(conn, "a.series_id = ?1 AND a.occurrence = ?2", &[&series, &index])?;
                    if found.is_empty() {
                        occ.push((series, index));
                    } else {
                        rows.extend(found);
                    }
                }
            }
        }
        let mut out = self.rows(conn, ex, rows)?;
        out.extend(self.occurrences(conn, ex, &occ)?);
        out.sort_by_key(|a| (a.start_utc, a.counsellor_id));
        Ok(out)
    }
}

// ---------------------------------------------------------------------------------------------
// Who may see and change whose appointments

/// Reception works with every counsellor's calendar; a counsellor with their own only.
pub(crate) fn sees_everyone(actor: &Actor) -> bool {
    actor.has(Role::Reception)
}

pub(crate) fn may_edit(actor: &Actor, counsellor_id: i64) -> Result<()> {
    actor.require(Permission::EditSchedule)?;
    if sees_everyone(actor) || counsellor_id == actor.account_id {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

// ---------------------------------------------------------------------------------------------
// The calendar

pub fn calendar(conn: &Connection, actor: &Actor, q: &CalendarQuery, now: DateTime<Utc>) -> Result<CalendarView> {
    actor.require(Permission::ViewSchedule)?;
    let tz = settings::clinic_zone(conn)?;
    let mut c = Checker::new();
    let from = time::parse_day(&q.from);
    if from.is_none() {
        c.fail("from", "The first day is written as YYYY-MM-DD.");
    }
    if !(1..=42).contains(&q.days) {
        c.fail("days", "The calendar shows between 1 and 42 days.");
    }
    c.finish()?;
    let from = from.ok_or_else(|| Error::field("from", "The first day is written as YYYY-MM-DD."))?;
    let to_day =
        from.checked_add(i64::from(q.days).days()).map_err(|_| Error::field("from", "That day is too far away."))?;
    let start = time::to_utc(&tz, from.to_datetime(civil::Time::midnight()))?;
    let end = time::to_utc(&tz, to_day.to_datetime(civil::Time::midnight()))?;

    let mut counsellors: Vec<CounsellorHours> =
        settings::counsellors(conn, if sees_everyone(actor) { None } else { Some(actor.account_id) })?;
    if !q.counsellor_ids.is_empty() {
        counsellors.retain(|c| q.counsellor_ids.contains(&c.counsellor_id));
    }
    let allowed: Vec<i64> = counsellors.iter().map(|c| c.counsellor_id).collect();
    let mut rooms = settings::rooms(conn, false)?;
    if !q.room_ids.is_empty() {
        rooms.retain(|r| r.id.is_some_and(|id| q.room_ids.contains(&id)));
    }
    let room_ids: Vec<i64> = rooms.iter().filter_map(|r| r.id).collect();
    let filter = format!(
        "a.starts_at < ?2 AND a.starts_at > ?1 - {MAX_SECONDS} AND a.ends_at > ?1
         AND a.counsellor_id IN (SELECT value FROM json_each(?3))
         AND (?4 IS NULL OR a.room_id IN (SELECT value FROM json_each(?4)))"
    );
    let series_filter = "first_start < ?2 AND last_end > ?1 AND counsellor_id IN (SELECT value FROM json_each(?3))
         AND (?4 IS NULL OR room_id IN (SELECT value FROM json_each(?4)))";
    let counsellor_ids = ids_json(allowed.iter().copied());
    let room_filter: Option<String> =
        if q.room_ids.is_empty() { None } else { Some(ids_json(room_ids.iter().copied())) };
    let d = Describer::new(conn)?;
    let mut ex = Expander::default();
    let rows = appt_rows(conn, &filter, &[&start, &end, &counsellor_ids, &room_filter])?;
    let mut appointments = d.rows(conn, &mut ex, rows)?;
    let sql = format!("SELECT {SERIES_COLUMNS} FROM appointment_series WHERE {series_filter}");
    let series_rows: Vec<SeriesRow> = conn
        .prepare_cached(&sql)?
        .query_map(params![start, end, counsellor_ids, room_filter], series_from_row)?
        .map(|r| r.map(|(s, _)| s))
        .collect::<rusqlite::Result<_>>()?;
    let mut items = Vec::new();
    for s in series_rows {
        let sid = s.id;
        let (_, occ, exc) = ex.get(conn, s)?;
        items.extend(
            occ.iter().filter(|o| o.start < end && o.end > start && !exc.contains(&o.index)).map(|o| (sid, o.index)),
        );
    }
    appointments.extend(d.occurrences(conn, &mut ex, &items)?);
    appointments.sort_by_key(|a| (a.start_utc, a.counsellor_id));
    let last = to_day.checked_sub(1.day()).unwrap_or(to_day).to_string();
    Ok(CalendarView {
        time_zone: settings::time_zone_name(conn)?,
        today: time::local_today(&tz, now).to_string(),
        from: from.to_string(),
        days: q.days,
        counsellors,
        rooms,
        closed_days: settings::closed_days(conn, Some((&from.to_string(), &last)))?,
        appointments,
    })
}

// ---------------------------------------------------------------------------------------------
// Booking

/// A booking once its input is checked.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    pub kind: String,
    pub counsellor_id: i64,
    pub room_id: i64,
    pub attendees: Vec<i64>,
    pub relationship_id: Option<i64>,
    pub rule: Rule,
    pub is_series: bool,
    pub reception_note: Option<String>,
}

fn kind_minutes(conn: &Connection, kind: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row("SELECT default_minutes FROM appointment_kinds WHERE code = ?1", [kind], |r| r.get(0))
        .optional()?)
}

pub(crate) fn check_resources_counsellor(conn: &Connection, c: &mut Checker, counsellor_id: i64) -> Result<()> {
    if settings::counsellors(conn, Some(counsellor_id))?.is_empty() {
        c.fail("counsellorId", "Choose a counsellor from the list; that one is not an active counsellor.");
    }
    Ok(())
}

/// Checks the counsellor and room exist and can be booked.
pub(crate) fn check_resources(conn: &Connection, c: &mut Checker, counsellor_id: i64, room_id: i64) -> Result<()> {
    check_resources_counsellor(conn, c, counsellor_id)?;
    let active: Option<bool> =
        conn.query_row("SELECT active FROM rooms WHERE id = ?1", [room_id], |r| r.get(0)).optional()?;
    match active {
        None => c.fail("roomId", "Choose a room from the list; that room is not known."),
        Some(false) => c.fail("roomId", "That room is no longer in use; choose another."),
        Some(true) => {}
    }
    Ok(())
}

fn clock_minutes(t: civil::Time) -> i64 {
    i64::from(t.hour()) * 60 + i64::from(t.minute())
}

/// Parses a start and a length given as an end time, minutes or the kind's default.
pub(crate) fn check_times(
    c: &mut Checker,
    date: &str,
    start_time: &str,
    end_time: Option<&str>,
    minutes: Option<i64>,
    default_minutes: Option<i64>,
) -> Option<(civil::DateTime, i64)> {
    let day = time::parse_day(date);
    if day.is_none() {
        c.fail("date", "The date is written as YYYY-MM-DD and must be a real day.");
    }
    let start = time::parse_clock(start_time);
    if start.is_none() {
        c.fail("startTime", "The start is written as HH:MM on the 24-hour clock, e.g. 18:00.");
    }
    let minutes = match end_time.map(str::trim).filter(|s| !s.is_empty()) {
        Some(end) => match (time::parse_clock(end), start) {
            (None, _) => {
                c.fail("endTime", "The end is written as HH:MM on the 24-hour clock, e.g. 19:00.");
                None
            }
            (Some(e), Some(s)) if e <= s => {
                c.fail("endTime", "The end must be after the start.");
                None
            }
            (Some(e), Some(s)) => Some(clock_minutes(e) - clock_minutes(s)),
            (Some(_), None) => None,
        },
        None => minutes.or(default_minutes),
    };
    let minutes = match minutes {
        Some(m) if (time::MIN_MINUTES..=time::MAX_MINUTES).contains(&m) => Some(m),
        Some(_) => {
            c.fail("minutes", "An appointment lasts between 5 minutes and 8 hours.");
            None
        }
        None => None,
    };
    Some((day?.to_datetime(start?), minutes?))
}

fn check_attendees(conn: &Connection, c: &mut Checker, input: &BookingInput) -> Result<Vec<i64>> {
    let mut ids = input.attendee_ids.clone();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        c.fail("attendeeIds", "Choose who is coming.");
    } else if ids.len() > MAX_ATTENDEES {
        c.fail("attendeeIds", format!("At most {MAX_ATTENDEES} people can come to one appointment."));
    }
    let mut any_client = false;
    for id in &ids {
        match people::get_unchecked(conn, *id) {
            Ok(p) if p.archived => {
                c.fail("attendeeIds", format!("{} is archived; restore them before booking.", p.known_as()))
            }
            Ok(p) => any_client |= p.is_client,
            Err(Error::NotFound { .. }) => c.fail("attendeeIds", "One of the chosen people is no longer on file."),
            Err(e) => return Err(e),
        }
    }
    if !ids.is_empty() && !any_client {
        c.fail("attendeeIds", "At least one person coming must be a client.");
    }
    if let Some(rel) = input.relationship_id {
        let ended: Option<bool> = conn
            .query_row("SELECT ended_at IS NOT NULL FROM relationships WHERE id = ?1", [rel], |r| r.get(0))
            .optional()?;
        match ended {
            None => c.fail("relationshipId", "That relationship is no longer on file."),
            Some(true) => c.fail("relationshipId", "That relationship has ended; book the people one by one."),
            Some(false) => {
                let mut stmt = conn.prepare_cached(
                    "SELECT 1 FROM relationship_members WHERE relationship_id = ?1 AND person_id = ?2",
                )?;
                if ids.iter().any(|p| !stmt.exists(params![rel, p]).unwrap_or(false)) {
                    c.fail("attendeeIds", "Everyone coming must belong to the chosen relationship.");
                }
            }
        }
    }
    Ok(ids)
}

/// Checks a booking's input; every problem at once, nothing read but reference data.
pub(crate) fn plan(conn: &Connection, input: &BookingInput, tz: &TimeZone, now: DateTime<Utc>) -> Result<Plan> {
    let mut c = Checker::new();
    let default_minutes = kind_minutes(conn, input.kind.trim())?;
    if default_minutes.is_none() {
        c.fail("kind", "Choose what kind of appointment this is.");
    }
    check_resources(conn, &mut c, input.counsellor_id, input.room_id)?;
    let attendees = check_attendees(conn, &mut c, input)?;
    let times =
        check_times(&mut c, &input.date, &input.start_time, input.end_time.as_deref(), input.minutes, default_minutes);
    let reception_note = c.optional_note("receptionNote", "Reception note", input.reception_note.as_deref(), 500);
    let latest = time::local_today(tz, now).checked_add((MAX_YEARS_AHEAD * 12).months()).ok();
    let mut end = RuleEnd::Count(1);
    let mut interval = 1;
    if let Some(r) = &input.repeat {
        if !(1..=time::MAX_INTERVAL_WEEKS).contains(&r.every_weeks) {
            c.fail("repeat.everyWeeks", format!("Repeat every 1 to {} weeks.", time::MAX_INTERVAL_WEEKS));
        }
        interval = r.every_weeks.max(1);
        match (r.count, r.until.as_deref().map(str::trim).filter(|s| !s.is_empty())) {
            (Some(n), None) if (2..=time::MAX_OCCURRENCES).contains(&n) => end = RuleEnd::Count(n),
            (Some(_), None) => {
                c.fail("repeat.count", format!("A series has between 2 and {} appointments.", time::MAX_OCCURRENCES))
            }
            (None, Some(u)) => match (time::parse_day(u), times) {
                (None, _) => c.fail("repeat.until", "The last day is written as YYYY-MM-DD."),
                (Some(d), Some((first, _))) if d <= first.date() => {
                    c.fail("repeat.until", "The last day must be after the first appointment.")
                }
                (Some(d), _) if latest.is_some_and(|l| d > l) => {
                    c.fail("repeat.until", "A series can run at most two years ahead.")
                }
                (Some(d), _) => end = RuleEnd::Until(d),
            },
            _ => c.fail("repeat", "Give either how many appointments or the last day, not both."),
        }
    }
    if let (Some((first, _)), Some(l)) = (times, latest) {
        if first.date() > l {
            c.fail("date", "Appointments can be booked at most two years ahead.");
        }
    }
    c.finish()?;
    let (first, minutes) = times.ok_or_else(|| Error::field("date", "Give a date and a start time."))?;
    Ok(Plan {
        kind: input.kind.trim().to_owned(),
        counsellor_id: input.counsellor_id,
        room_id: input.room_id,
        attendees,
        relationship_id: input.relationship_id,
        rule: Rule { first, interval_weeks: interval, end, minutes },
        is_series: input.repeat.is_some(),
        reception_note,
    })
}

/// The clashes of a set of occurrences, in words. `skip` leaves out what is being changed.
#[allow(clippy::too_many_arguments)]
pub(crate) fn clashes(
    conn: &Connection,
    actor: &Actor,
    tz: &TimeZone,
    occ: &[Occurrence],
    numbered: bool,
    counsellor_id: i64,
    room_id: i64,
    people: &[i64],
    allow_outside_hours: bool,
    now: DateTime<Utc>,
    skip: &dyn Fn(AppointmentRef) -> bool,
) -> Result<Vec<Clash>> {
    let (Some(first), Some(last)) = (occ.iter().map(|o| o.start).min(), occ.iter().map(|o| o.end).max()) else {
        return Ok(vec![]);
    };
    let mut ex = Expander::default();
    let b = busy(conn, &mut ex, counsellor_id, Some(room_id), people, first, last)?;
    let l = limits(conn, tz, counsellor_id, first, last)?;
    let found: Vec<Found> = clash::find(tz, time::timestamp(now), occ, &b, &l, skip)
        .into_iter()
        .filter(|f| !(allow_outside_hours && f.kind == ClashKind::OutsideHours))
        .collect();
    if found.is_empty() {
        return Ok(vec![]);
    }
    let d = Describer::new(conn)?;
    let mut out = Vec::with_capacity(found.len());
    for f in found {
        let other = match f.other {
            Some(s) => d.refs(conn, &mut ex, &[s.source])?.into_iter().next(),
            None => None,
        };
        out.push(words(actor, &d, &l, &f, other.as_ref(), numbered, counsellor_id, room_id, tz));
    }
    Ok(out)
}

fn span_text(a: &Appointment) -> String {
    let clock = |s: &str| s.get(11..16).unwrap_or("").to_owned();
    format!("{}\u{2013}{}", clock(&a.start), clock(&a.end))
}

fn who(a: &Appointment) -> String {
    let names: Vec<&str> = a.attendees.iter().map(|p| p.name.as_str()).collect();
    crate::handouts::compose::join_names(&names.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
}

#[allow(clippy::too_many_arguments)]
fn words(
    actor: &Actor,
    d: &Describer,
    l: &Limits,
    f: &Found,
    other: Option<&Appointment>,
    numbered: bool,
    counsellor_id: i64,
    room_id: i64,
    tz: &TimeZone,
) -> Clash {
    let when = time::long_when(f.occurrence.local);
    let prefix = if numbered { format!("Appointment {} ({when})", f.occurrence.index + 1) } else { when };
    // A counsellor without reception's view learns only that another counsellor is busy.
    let visible = |a: &Appointment| sees_everyone(actor) || a.counsellor_id == actor.account_id;
    let other_text = |a: &Appointment, with_counsellor: bool, with_room: bool| -> String {
        if !visible(a) {
            return format!("{}, another counsellor's appointment", span_text(a));
        }
        let mut parts = vec![span_text(a)];
        parts.push(if with_counsellor { format!("{} with {}", a.counsellor_name, who(a)) } else { who(a) });
        if with_room {
            parts.push(a.room_name.clone());
        }
        parts.join(", ")
    };
    let body = match (f.kind, other) {
        (ClashKind::Counsellor, Some(a)) => {
            format!("{} is already booked ({}).", d.names.counsellor(counsellor_id), other_text(a, false, true))
        }
        (ClashKind::Room, Some(a)) => {
            format!("{} is already booked ({}).", d.names.room(room_id), other_text(a, true, false))
        }
        (ClashKind::Attendee, Some(a)) => {
            let name = f
                .person
                .and_then(|p| a.attendees.iter().find(|x| x.person_id == p))
                .map(|x| x.name.clone())
                .unwrap_or_else(|| "Someone coming".into());
            format!("{name} is already booked ({}).", other_text(a, true, true))
        }
        (ClashKind::OutsideHours, _) => {
            let wd = time::weekday_number(f.occurrence.local.date());
            let hours: Vec<String> = l
                .hours
                .iter()
                .filter(|(d, _, _)| *d == wd)
                .map(|(_, s, e)| format!("{}\u{2013}{}", time::fmt_clock(*s), time::fmt_clock(*e)))
                .collect();
            let day = f.occurrence.local.date().strftime("%A").to_string();
            if hours.is_empty() {
                format!("{} does not work on {day}s.", d.names.counsellor(counsellor_id))
            } else {
                format!(
                    "This is outside {}'s working hours on {day}s ({}).",
                    d.names.counsellor(counsellor_id),
                    hours.join(", ")
                )
            }
        }
        (ClashKind::ClosedDay, _) => {
            let reason = l.closed.get(&f.occurrence.local.date()).cloned().unwrap_or_default();
            format!("The clinic is closed that day ({reason}).")
        }
        (ClashKind::InPast, _) => "That time has already passed.".into(),
        (_, None) => "Something else is already booked then.".into(),
    };
    Clash {
        kind: f.kind,
        occurrence: if numbered { Some(f.occurrence.index + 1) } else { None },
        start: time::fmt_local(time::to_local(tz, f.occurrence.start)),
        message: format!("{prefix}: {body}"),
        can_override: f.kind == ClashKind::OutsideHours,
        other_key: other.map(|a| a.key.clone()),
    }
}

/// Checks a booking without saving it: the form shows these as they are filled in.
pub fn check(conn: &Connection, actor: &Actor, input: &BookingInput, now: DateTime<Utc>) -> Result<Vec<Clash>> {
    may_edit(actor, input.counsellor_id)?;
    let tz = settings::clinic_zone(conn)?;
    let p = plan(conn, input, &tz, now)?;
    let occ = time::occurrences(&tz, &p.rule)?;
    clashes(
        conn,
        actor,
        &tz,
        &occ,
        p.is_series,
        p.counsellor_id,
        p.room_id,
        &p.attendees,
        input.allow_outside_hours,
        now,
        &|_| false,
    )
}

/// The next planned session of the client's active course that no appointment holds yet.
fn next_course_session(conn: &Connection, attendees: &[i64]) -> Result<Option<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id FROM courses c JOIN course_sessions s ON s.course_id = c.id
          WHERE c.person_id = ?1 AND c.status = 'active'
            AND NOT EXISTS (SELECT 1 FROM session_notes n WHERE n.session_id = s.id AND n.held_on IS NOT NULL)
            AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.course_session_id = s.id AND a.status != 'cancelled')
          ORDER BY s.number LIMIT 1",
    )?;
    for p in attendees {
        if let Some(id) = stmt.query_row([p], |r| r.get(0)).optional()? {
            return Ok(Some(id));
        }
    }
    Ok(None)
}

fn first_client(conn: &Connection, attendees: &[i64]) -> Result<Option<i64>> {
    for p in attendees {
        if people::get_unchecked(conn, *p)?.is_client {
            return Ok(Some(*p));
        }
    }
    Ok(None)
}

/// Inserts one stored appointment with its attendees.
#[allow(clippy::too_many_arguments)]
pub(crate) fn insert_row(
    tx: &Transaction,
    actor: &Actor,
    series: Option<(i64, u32)>,
    kind: &str,
    counsellor_id: i64,
    room_id: i64,
    relationship_id: Option<i64>,
    start: i64,
    end: i64,
    reception_note: Option<&str>,
    course_session_id: Option<i64>,
    attendees: &[i64],
    now: DateTime<Utc>,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO appointments (series_id, occurrence, kind, counsellor_id, room_id, relationship_id, starts_at,
                                   ends_at, reception_note, course_session_id, created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        params![
            series.map(|s| s.0),
            series.map(|s| s.1),
            kind,
            counsellor_id,
            room_id,
            relationship_id,
            start,
            end,
            reception_note,
            course_session_id,
            actor.account_id,
            now.to_rfc3339()
        ],
    )?;
    let id = tx.last_insert_rowid();
    for p in attendees {
        tx.execute("INSERT INTO appointment_attendees (appointment_id, person_id) VALUES (?1, ?2)", params![id, p])?;
    }
    Ok(id)
}

/// Inserts a series row with its attendees; its occurrences are computed from the rule.
pub(crate) fn insert_series(
    tx: &Transaction,
    actor: &Actor,
    p: &Plan,
    tz_name: &str,
    occ: &[Occurrence],
    now: DateTime<Utc>,
) -> Result<i64> {
    let (Some(first), Some(last)) = (occ.first(), occ.last()) else {
        return Err(Error::field("repeat", "That series has no appointments in it."));
    };
    let (count, until) = match p.rule.end {
        RuleEnd::Count(n) => (Some(n), None),
        RuleEnd::Until(d) => (None, Some(d.to_string())),
    };
    tx.execute(
        "INSERT INTO appointment_series (kind, counsellor_id, room_id, relationship_id, first_local, time_zone,
             duration_minutes, interval_weeks, occurrences, until_day, reception_note, first_start, last_end,
             created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
        params![
            p.kind,
            p.counsellor_id,
            p.room_id,
            p.relationship_id,
            time::fmt_local(p.rule.first),
            tz_name,
            p.rule.minutes,
            p.rule.interval_weeks,
            count,
            until,
            p.reception_note,
            first.start,
            last.end,
            actor.account_id,
            now.to_rfc3339()
        ],
    )?;
    let id = tx.last_insert_rowid();
    for person in &p.attendees {
        tx.execute("INSERT INTO series_attendees (series_id, person_id) VALUES (?1, ?2)", params![id, person])?;
    }
    Ok(id)
}

/// Books a single appointment or a whole series, after checking every occurrence. Nothing is
/// saved when any occurrence clashes (`Error::Clash` lists them all).
pub fn book(tx: &Transaction, actor: &Actor, input: &BookingInput, now: DateTime<Utc>) -> Result<Booked> {
    may_edit(actor, input.counsellor_id)?;
    let tz_name = settings::time_zone_name(tx)?;
    let tz = time::zone(&tz_name)?;
    let p = plan(tx, input, &tz, now)?;
    let occ = time::occurrences(&tz, &p.rule)?;
    if occ.is_empty() {
        return Err(Error::field("repeat.until", "That series has no appointments before its last day."));
    }
    let found = clashes(
        tx,
        actor,
        &tz,
        &occ,
        p.is_series,
        p.counsellor_id,
        p.room_id,
        &p.attendees,
        input.allow_outside_hours,
        now,
        &|_| false,
    )?;
    if !found.is_empty() {
        return Err(Error::Clash(found));
    }
    let person = first_client(tx, &p.attendees)?;
    let (refs, series_id, detail) = if p.is_series {
        let id = insert_series(tx, actor, &p, &tz_name, &occ, now)?;
        let refs: Vec<AppointmentRef> =
            occ.iter().map(|o| AppointmentRef::Occurrence { series: id, index: o.index }).collect();
        (refs, Some(id), format!("series={id} occurrences={}", occ.len()))
    } else {
        let o = occ[0];
        let session = next_course_session(tx, &p.attendees)?;
        let id = insert_row(
            tx,
            actor,
            None,
            &p.kind,
            p.counsellor_id,
            p.room_id,
            p.relationship_id,
            o.start,
            o.end,
            p.reception_note.as_deref(),
            session,
            &p.attendees,
            now,
        )?;
        (vec![AppointmentRef::Single(id)], None, format!("appointment={id}"))
    };
    audit::log(tx, actor, action::APPOINTMENT_BOOK, person, &detail, now)?;
    let d = Describer::new(tx)?;
    let appointments = d.refs(tx, &mut Expander::default(), &refs)?;
    Ok(Booked { appointments, series_id })
}

/// The day of the person's next booked appointment after `day` (clinic-local), if any: what a
/// homework sheet counts down to.
pub fn next_day_after(conn: &Connection, person_id: i64, day: chrono::NaiveDate) -> Result<Option<chrono::NaiveDate>> {
    let tz = settings::clinic_zone(conn)?;
    let Some(next) = time::from_naive(day).and_then(|d| d.checked_add(1.day()).ok()) else { return Ok(None) };
    let from = time::to_utc(&tz, next.to_datetime(civil::Time::midnight()))?;
    let mut best: Option<i64> = conn
        .query_row(
            "SELECT MIN(a.starts_at) FROM appointment_attendees x JOIN appointments a ON a.id = x.appointment_id
              WHERE x.person_id = ?1 AND a.status = 'booked' AND a.starts_at >= ?2",
            params![person_id, from],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    let mut ex = Expander::default();
    let spans = ex.spans(
        conn,
        "id IN (SELECT series_id FROM series_attendees WHERE person_id = ?1)",
        person_id,
        from,
        i64::MAX / 2,
    )?;
    if let Some(first) = spans.iter().map(|s| s.start).filter(|s| *s >= from).min() {
        best = Some(best.map_or(first, |b| b.min(first)));
    }
    Ok(best.and_then(|s| time::to_naive(time::to_local(&tz, s).date())))
}
