//! What stops a booking, decided without the database: each occurrence against what is already
//! booked for the counsellor, the room and every attendee, the counsellor's working hours, the
//! clinic's closed days, and the clock. The store gathers the facts; this module judges them.

use std::collections::HashMap;

use jiff::civil;
use serde::Serialize;
use ts_rs::TS;

use super::time::{self, Occurrence};
use super::AppointmentRef;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ClashKind {
    /// The counsellor is already booked then.
    Counsellor,
    /// The room is already booked then.
    Room,
    /// One of the attendees is already booked then (with anyone, in any room).
    Attendee,
    /// Outside the counsellor's working hours (can be allowed on purpose).
    OutsideHours,
    /// The clinic is closed that day.
    ClosedDay,
    /// The time has already passed.
    InPast,
}

/// A clash as the person booking reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Clash {
    pub kind: ClashKind,
    /// Which occurrence of a series (1-based); none for a single appointment.
    #[ts(optional = nullable)]
    pub occurrence: Option<u32>,
    /// Clinic-local start of the occurrence that clashes, `YYYY-MM-DDTHH:MM`.
    pub start: String,
    /// The whole sentence, naming the other booking when there is one.
    pub message: String,
    /// Only "outside working hours" can be allowed by confirming.
    pub can_override: bool,
    /// The other booking's calendar key, when the clash is with one.
    #[ts(optional = nullable)]
    pub other_key: Option<String>,
}

/// A stretch of time something is booked, and what booked it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: i64,
    pub end: i64,
    pub source: AppointmentRef,
}

/// What is already booked in the window being checked.
#[derive(Debug, Default, Clone)]
pub struct Busy {
    pub counsellor: Vec<Span>,
    pub room: Vec<Span>,
    /// Per attendee (person id).
    pub people: Vec<(i64, Vec<Span>)>,
}

/// The counsellor's hours (weekday 1-7, start, end) and the clinic's closed days.
#[derive(Debug, Default, Clone)]
pub struct Limits {
    pub hours: Vec<(i64, civil::Time, civil::Time)>,
    pub closed: HashMap<civil::Date, String>,
}

/// A clash found, before it is put into words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub kind: ClashKind,
    pub occurrence: Occurrence,
    pub other: Option<Span>,
    pub person: Option<i64>,
}

fn overlapping(spans: &[Span], occ: &Occurrence, skip: &dyn Fn(AppointmentRef) -> bool) -> Option<Span> {
    spans.iter().find(|s| s.start < occ.end && s.end > occ.start && !skip(s.source)).copied()
}

/// Within working hours when the whole appointment sits inside one stretch of that weekday.
/// A counsellor with no hours recorded at all is taken to work whenever booked.
pub fn within_hours(limits: &Limits, occ: &Occurrence, local_end: civil::DateTime) -> bool {
    if limits.hours.is_empty() {
        return true;
    }
    if local_end.date() != occ.local.date() {
        return false;
    }
    let wd = time::weekday_number(occ.local.date());
    limits.hours.iter().any(|(d, s, e)| *d == wd && *s <= occ.local.time() && local_end.time() <= *e)
}

/// Every clash of every occurrence. `skip` leaves out the bookings being changed themselves.
pub fn find(
    tz: &jiff::tz::TimeZone,
    now: i64,
    occurrences: &[Occurrence],
    busy: &Busy,
    limits: &Limits,
    skip: &dyn Fn(AppointmentRef) -> bool,
) -> Vec<Found> {
    let mut out = Vec::new();
    for occ in occurrences {
        let mut push = |kind, other, person| out.push(Found { kind, occurrence: *occ, other, person });
        if occ.start < now {
            push(ClashKind::InPast, None, None);
        }
        if limits.closed.contains_key(&occ.local.date()) {
            push(ClashKind::ClosedDay, None, None);
        }
        if let Some(s) = overlapping(&busy.counsellor, occ, skip) {
            push(ClashKind::Counsellor, Some(s), None);
        }
        if let Some(s) = overlapping(&busy.room, occ, skip) {
            push(ClashKind::Room, Some(s), None);
        }
        for (person, spans) in &busy.people {
            if let Some(s) = overlapping(spans, occ, skip) {
                push(ClashKind::Attendee, Some(s), Some(*person));
            }
        }
        if !within_hours(limits, occ, time::to_local(tz, occ.end)) {
            push(ClashKind::OutsideHours, None, None);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduling::time::{occurrences, parse_clock, parse_local, zone, Rule, RuleEnd};

    fn weekly(first: &str, n: u32) -> Vec<Occurrence> {
        let tz = zone("Europe/London").unwrap();
        let rule = Rule { first: parse_local(first).unwrap(), interval_weeks: 1, end: RuleEnd::Count(n), minutes: 60 };
        occurrences(&tz, &rule).unwrap()
    }

    fn span(o: &Occurrence, id: i64) -> Span {
        Span { start: o.start + 1800, end: o.end + 1800, source: AppointmentRef::Single(id) }
    }

    #[test]
    fn a_series_that_clashes_only_in_its_fifth_week_is_caught_there() {
        let tz = zone("Europe/London").unwrap();
        let occ = weekly("2027-01-04T10:00", 6);
        let busy = Busy { room: vec![span(&occ[4], 99)], ..Busy::default() };
        let found = find(&tz, 0, &occ, &busy, &Limits::default(), &|_| false);
        assert_eq!(found.len(), 1, "only week five clashes: {found:?}");
        assert_eq!(found[0].kind, ClashKind::Room);
        assert_eq!(found[0].occurrence.index, 4);
        assert_eq!(found[0].other.map(|s| s.source), Some(AppointmentRef::Single(99)));
    }

    #[test]
    fn a_partner_booked_elsewhere_is_an_attendee_clash_and_touching_ends_are_not() {
        let tz = zone("Europe/London").unwrap();
        let occ = weekly("2027-01-04T10:00", 1);
        let elsewhere = Span { start: occ[0].start - 1800, end: occ[0].start + 600, source: AppointmentRef::Single(7) };
        let back_to_back = Span { start: occ[0].end, end: occ[0].end + 3600, source: AppointmentRef::Single(8) };
        let busy = Busy { people: vec![(42, vec![elsewhere]), (43, vec![back_to_back])], ..Busy::default() };
        let found = find(&tz, 0, &occ, &busy, &Limits::default(), &|_| false);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].kind, found[0].person), (ClashKind::Attendee, Some(42)));
    }

    #[test]
    fn hours_closed_days_and_the_past_are_each_named() {
        let tz = zone("Europe/London").unwrap();
        let occ = weekly("2027-01-04T16:30", 1); // a Monday
        let mut limits = Limits {
            hours: vec![(1, parse_clock("09:00").unwrap(), parse_clock("17:00").unwrap())],
            closed: HashMap::new(),
        };
        let kinds = |limits: &Limits, now| -> Vec<ClashKind> {
            find(&tz, now, &occ, &Busy::default(), limits, &|_| false).into_iter().map(|f| f.kind).collect()
        };
        assert_eq!(kinds(&limits, 0), [ClashKind::OutsideHours], "16:30-17:30 runs past 17:00");
        limits.hours.push((1, parse_clock("17:00").unwrap(), parse_clock("20:00").unwrap()));
        assert_eq!(kinds(&limits, 0), [ClashKind::OutsideHours], "one booking must fit in one stretch");
        limits.hours = vec![(1, parse_clock("12:00").unwrap(), parse_clock("20:00").unwrap())];
        assert!(kinds(&limits, 0).is_empty());
        limits.closed.insert(occ[0].local.date(), "Holiday".into());
        assert_eq!(kinds(&limits, occ[0].start + 1), [ClashKind::InPast, ClashKind::ClosedDay]);
    }

    #[test]
    fn the_booking_being_moved_does_not_clash_with_itself() {
        let tz = zone("Europe/London").unwrap();
        let occ = weekly("2027-01-04T10:00", 1);
        let me = AppointmentRef::Occurrence { series: 5, index: 0 };
        let busy =
            Busy { counsellor: vec![Span { start: occ[0].start, end: occ[0].end, source: me }], ..Busy::default() };
        assert!(find(&tz, 0, &occ, &busy, &Limits::default(), &|r| r == me).is_empty());
        assert_eq!(find(&tz, 0, &occ, &busy, &Limits::default(), &|_| false).len(), 1);
    }
}
