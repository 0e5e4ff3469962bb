//! The demo clinic's calendar: its time zone, rooms, each counsellor's working hours, the bank
//! holidays it is closed on, and appointments.
//!
//! The small clinic's calendar is booked through the scheduling functions the window uses, as
//! reception would book it, so every rule holds: the weeks before today with the clock of the day
//! they were booked (booking refuses the past), then marked as they went (done, did not attend,
//! cancelled late); today's appointments as the day stands at `now`; and the weeks ahead, with
//! Maggie and David's weekly evening series, a fortnightly series, an intake, a review and a
//! group. A bank holiday in a series' way splits it in two, as reception would book round it.
//!
//! The ten-year clinic writes about 100,000 appointments for six counsellors with prepared
//! inserts in one transaction, under the same rules: no counsellor, room or person booked twice
//! at once, inside working hours, never on a closed day, series stored as a rule with its bounds
//! computed as booking computes them, and exceptions (marked, moved, cancelled) as rows.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use jiff::civil::{self, Date, Weekday};
use jiff::tz::TimeZone;
use jiff::ToSpan;
use rusqlite::{params, Connection, OptionalExtension};

use super::{find, Gen, Scale};
use crate::access::Role;
use crate::accounts::{self, NewAccount};
use crate::error::{Error, Result};
use crate::scheduling::settings::{ClosedDay, CounsellorHours, HoursRow, Room, SchedulingSettingsInput};
use crate::scheduling::time::{self, Rule, RuleEnd};
use crate::scheduling::{self, BookingInput, CancelInput, Repeat, RescheduleInput, Scope};
use crate::session::Session;

/// The clinic's clock.
pub const ZONE: &str = "Europe/London";
/// Why the clinic is closed on a bank holiday.
pub const BANK_HOLIDAY: &str = "Bank holiday";

type Hours = &'static [(u8, &'static str, &'static str)];

/// A counsellor's account and weekly hours (weekday 1 = Monday, local `HH:MM`).
struct Staff {
    username: &'static str,
    name: &'static str,
    hours: Hours,
}

const NINE_TO_FIVE: (&str, &str) = ("09:00", "17:00");
const LATE: (&str, &str) = ("12:00", "20:00");

/// Every counsellor keeps one late evening, to 20:00, for couples who both work. The first is
/// the demo's own `counsellor` account; the small clinic also has the second; the ten-year
/// clinic all six.
const STAFF: [Staff; 6] = [
    Staff {
        username: "counsellor",
        name: "Dr Jordan Ellis",
        hours: &[
            (1, NINE_TO_FIVE.0, NINE_TO_FIVE.1),
            (2, NINE_TO_FIVE.0, NINE_TO_FIVE.1),
            (3, NINE_TO_FIVE.0, NINE_TO_FIVE.1),
            (4, LATE.0, LATE.1),
            (5, NINE_TO_FIVE.0, NINE_TO_FIVE.1),
        ],
    },
    // Part-time, with a split Wednesday that runs late.
    Staff {
        username: "counsellor2",
        name: "Dr Ruth Adeyemi",
        hours: &[
            (1, NINE_TO_FIVE.0, NINE_TO_FIVE.1),
            (2, NINE_TO_FIVE.0, NINE_TO_FIVE.1),
            (3, "09:00", "13:00"),
            (3, "14:00", "20:00"),
            (5, "09:00", "13:00"),
        ],
    },
    Staff {
        username: "counsellor3",
        name: "Marcus Lindqvist",
        hours: &[
            (1, LATE.0, LATE.1),
            (2, NINE_TO_FIVE.0, NINE_TO_FIVE.1),
            (3, NINE_TO_FIVE.0, NINE_TO_FIVE.1),
            (4, NINE_TO_FIVE.0, NINE_TO_FIVE.1),
            (5, NINE_TO_FIVE.0, NINE_TO_FIVE.1),
        ],
    },
    Staff {
        username: "counsellor4",
        name: "Siân Pritchard",
        hours: &[
            (1, NINE_TO_FIVE.0, NINE_TO_FIVE.1),
            (2, LATE.0, LATE.1),
            (3, NINE_TO_FIVE.0, NINE_TO_FIVE.1),
            (4, NINE_TO_FIVE.0, NINE_TO_FIVE.1),
            (5, NINE_TO_FIVE.0, NINE_TO_FIVE.1),
        ],
    },
    Staff {
        username: "counsellor5",
        name: "Dr Hugo Ferreira",
        hours: &[
            (1, NINE_TO_FIVE.0, NINE_TO_FIVE.1),
            (2, NINE_TO_FIVE.0, NINE_TO_FIVE.1),
            (3, LATE.0, LATE.1),
            (4, NINE_TO_FIVE.0, NINE_TO_FIVE.1),
            (5, NINE_TO_FIVE.0, NINE_TO_FIVE.1),
        ],
    },
    Staff {
        username: "counsellor6",
        name: "Amani Wanjiru",
        hours: &[
            (1, NINE_TO_FIVE.0, NINE_TO_FIVE.1),
            (2, NINE_TO_FIVE.0, NINE_TO_FIVE.1),
            (3, NINE_TO_FIVE.0, NINE_TO_FIVE.1),
            (4, LATE.0, LATE.1),
            (5, NINE_TO_FIVE.0, NINE_TO_FIVE.1),
        ],
    },
];

const WILLOW: &str = "Willow room";
const CEDAR: &str = "Cedar room";
const GARDEN: &str = "Garden room";

/// Rooms in the order the calendar lists them; the Garden room is the big one, for groups.
fn rooms(scale: Scale) -> &'static [&'static str] {
    match scale {
        Scale::Small => &[WILLOW, CEDAR, GARDEN],
        Scale::TenYears => &[WILLOW, CEDAR, "Rowan room", "Hazel room", "Birch room", GARDEN],
    }
}

fn how_many_counsellors(scale: Scale) -> usize {
    match scale {
        Scale::Small => 2,
        Scale::TenYears => STAFF.len(),
    }
}

fn out_of_range() -> Error {
    Error::field("date", "The demo calendar ran past the dates the calendar can hold.")
}

fn utc(secs: i64) -> Result<DateTime<Utc>> {
    DateTime::from_timestamp(secs, 0).ok_or_else(out_of_range)
}

fn weekday(d: Date) -> i8 {
    d.weekday().to_monday_one_offset()
}

/// The counsellors the demo needs besides `counsellor` (one more for the small clinic, five
/// for the ten-year one), with the same password and no forced change. Returns how many.
pub(super) fn add_counsellors(s: &mut Session, scale: Scale, password: &str, at: DateTime<Utc>) -> Result<usize> {
    let mut added = 0;
    for staff in STAFF.iter().take(how_many_counsellors(scale)).skip(1) {
        let input = NewAccount {
            username: staff.username.into(),
            display_name: staff.name.into(),
            roles: vec![Role::Counsellor],
            temporary_password: password.into(),
        };
        let acct = accounts::add(s, &input, at)?;
        s.write(|tx, _| {
            tx.execute("UPDATE accounts SET must_change_password = 0 WHERE id = ?1", [acct.id])?;
            Ok(())
        })?;
        added += 1;
    }
    Ok(added)
}

fn account_ids(conn: &Connection) -> Result<HashMap<String, i64>> {
    let mut stmt = conn.prepare("SELECT username, id FROM accounts")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<HashMap<_, _>>>()?)
}

fn room_ids(conn: &Connection) -> Result<HashMap<String, i64>> {
    let mut stmt = conn.prepare("SELECT name, id FROM rooms")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<HashMap<_, _>>>()?)
}

fn id_in(ids: &HashMap<String, i64>, what: &'static str, name: &str) -> Result<i64> {
    ids.get(name).copied().ok_or(Error::NotFound { what, id: 0 })
}

/// The administrator sets up the calendar: Europe/London, the rooms, every counsellor's hours,
/// and the bank holidays as closed days (the small clinic: the last one and the next two; the
/// ten-year clinic: every one from its first day to two years ahead).
pub(super) fn settings(s: &mut Session, scale: Scale, start: DateTime<Utc>, now: DateTime<Utc>) -> Result<()> {
    let tz = time::zone(ZONE)?;
    let today = time::local_today(&tz, now);
    let closed: Vec<Date> = match scale {
        Scale::Small => around(today),
        Scale::TenYears => {
            let first = time::local_today(&tz, start);
            (first.year()..=today.year() + 2)
                .flat_map(bank_holidays)
                .filter(|d| *d >= first && today.checked_add(2.years()).is_ok_and(|last| *d <= last))
                .collect()
        }
    };
    let ids = s.read(|c, _| account_ids(c))?;
    let counsellors = STAFF
        .iter()
        .take(how_many_counsellors(scale))
        .filter_map(|st| {
            ids.get(st.username).map(|id| CounsellorHours {
                counsellor_id: *id,
                name: String::new(),
                hours: st
                    .hours
                    .iter()
                    .map(|(d, a, b)| HoursRow { weekday: *d, starts: (*a).into(), ends: (*b).into() })
                    .collect(),
            })
        })
        .collect();
    let input = SchedulingSettingsInput {
        time_zone: ZONE.into(),
        rooms: rooms(scale).iter().map(|n| Room { id: None, name: (*n).into(), active: true }).collect(),
        counsellors,
        closed_days: closed.iter().map(|d| ClosedDay { day: d.to_string(), reason: BANK_HOLIDAY.into() }).collect(),
    };
    s.write(|tx, a| scheduling::save_settings(tx, a, &input, start).map(|_| ()))
}

// ---------------------------------------------------------------------------------------------
// Bank holidays (England and Wales)

/// Easter Sunday (the Gregorian computus).
fn easter(year: i16) -> Option<Date> {
    let y = i32::from(year);
    let (a, b, c) = (y % 19, y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    Date::new(year, i8::try_from(n / 31).ok()?, i8::try_from(n % 31 + 1).ok()?).ok()
}

fn is_weekend(d: Date) -> bool {
    weekday(d) > 5
}

/// Fixed-date holidays; one on a weekend moves to the next weekday that is not already one.
fn substitute(out: &mut Vec<Date>, days: &[Option<Date>]) {
    let days: Vec<Date> = days.iter().flatten().copied().collect();
    let mut taken: Vec<Date> = days.iter().copied().filter(|d| !is_weekend(*d)).collect();
    for d in days.iter().filter(|d| is_weekend(**d)) {
        let mut next = *d;
        while is_weekend(next) || taken.contains(&next) {
            match next.tomorrow() {
                Ok(n) => next = n,
                Err(_) => break,
            }
        }
        taken.push(next);
    }
    out.extend(taken);
}

/// The bank holidays of England and Wales in `year`, by their standing rules (one-off royal
/// holidays are left out).
pub(crate) fn bank_holidays(year: i16) -> Vec<Date> {
    let on = |m: i8, d: i8| Date::new(year, m, d).ok();
    let monday = |m: i8, nth: i8| on(m, 1).and_then(|d| d.nth_weekday_of_month(nth, Weekday::Monday).ok());
    let mut out = Vec::new();
    substitute(&mut out, &[on(1, 1)]);
    if let Some(e) = easter(year) {
        out.extend(e.checked_sub(2.days()).ok());
        out.extend(e.checked_add(1.day()).ok());
    }
    out.extend([monday(5, 1), monday(5, -1), monday(8, -1)].into_iter().flatten());
    substitute(&mut out, &[on(12, 25), on(12, 26)]);
    out.sort();
    out
}

fn holidays_near(today: Date) -> Vec<Date> {
    (today.year() - 1..=today.year() + 1).flat_map(bank_holidays).collect()
}

/// The last bank holiday up to today and the next two.
fn around(today: Date) -> Vec<Date> {
    let all = holidays_near(today);
    let mut out: Vec<Date> = all.iter().copied().rev().find(|d| *d <= today).into_iter().collect();
    out.extend(all.iter().copied().filter(|d| *d > today).take(2));
    out
}

// ---------------------------------------------------------------------------------------------
// The small clinic, booked through the scheduling functions

/// What became of a booked appointment.
#[derive(Debug, Clone, Copy)]
enum Outcome {
    /// Done, in session, arrived or still booked, as the clock stands at `now`.
    ByTheClock,
    NoShow,
    /// Cancelled this many hours before its start, with a reason code and a note.
    Cancelled {
        hours_before: i64,
        reason: &'static str,
        note: &'static str,
    },
    /// Moved by reception, today, to another day of the same week (1 = Monday) and time.
    Moved {
        weekday: i8,
        at: &'static str,
    },
}

use Outcome::ByTheClock;

/// Who comes, with whom, where, and at what local time.
struct Visit {
    kind: &'static str,
    counsellor: i64,
    room: i64,
    people: Vec<i64>,
    relationship: Option<i64>,
    at: &'static str,
    note: Option<&'static str>,
}

impl Visit {
    fn input(&self, day: Date, repeat: Option<Repeat>) -> BookingInput {
        BookingInput {
            kind: self.kind.into(),
            counsellor_id: self.counsellor,
            room_id: self.room,
            attendee_ids: self.people.clone(),
            relationship_id: self.relationship,
            date: day.to_string(),
            start_time: self.at.into(),
            end_time: None,
            minutes: None,
            repeat,
            reception_note: self.note.map(Into::into),
            allow_outside_hours: false,
        }
    }
}

const HOUR: i64 = 3600;
const DAY: i64 = 24 * HOUR;

/// Reception at the desk, booking the demo calendar.
struct Desk<'a> {
    s: &'a mut Session,
    tz: TimeZone,
    now: DateTime<Utc>,
    /// Every bank holiday near today, closed on the calendar or not: never booked.
    holidays: HashSet<Date>,
    /// Monday of this week.
    monday: Date,
    made: usize,
}

impl Desk<'_> {
    fn day(&self, week: i64, weekday: i8) -> Result<Date> {
        self.monday.checked_add((week * 7 + i64::from(weekday) - 1).days()).map_err(|_| out_of_range())
    }

    fn start_of(&self, day: Date, at: &str) -> Result<i64> {
        let clock = time::parse_clock(at).ok_or_else(out_of_range)?;
        time::to_utc(&self.tz, day.to_datetime(clock))
    }

    /// Booked some days ahead, or now when that day is still to come.
    fn booked_at(&self, start: i64, days_ahead: i64) -> Result<DateTime<Utc>> {
        Ok(self.now.min(utc(start - days_ahead * DAY)?))
    }

    fn single(&mut self, v: &Visit, week: i64, weekday: i8, outcome: Outcome) -> Result<()> {
        let day = self.day(week, weekday)?;
        self.single_on(v, day, outcome)
    }

    fn single_on(&mut self, v: &Visit, day: Date, outcome: Outcome) -> Result<()> {
        if self.holidays.contains(&day) {
            return Ok(());
        }
        let at = self.booked_at(self.start_of(day, v.at)?, 9)?;
        let input = v.input(day, None);
        let booked = self.s.write(|tx, a| scheduling::book(tx, a, &input, at))?;
        for appt in booked.appointments {
            self.made += 1;
            self.settle(&appt.key, appt.start_utc, appt.end_utc, outcome)?;
        }
        Ok(())
    }

    /// `count` appointments every `every` weeks from `week`, booked as one series; a bank
    /// holiday on the way splits it (reception books round it). `outcomes` names the weeks
    /// that did not go by the clock.
    fn series(
        &mut self,
        v: &Visit,
        week: i64,
        weekday: i8,
        every: i64,
        count: i64,
        outcomes: &[(i64, Outcome)],
    ) -> Result<()> {
        let mut runs: Vec<Vec<i64>> = vec![vec![]];
        for w in (0..count).map(|k| week + k * every) {
            if self.holidays.contains(&self.day(w, weekday)?) {
                runs.push(vec![]);
            } else if let Some(run) = runs.last_mut() {
                run.push(w);
            }
        }
        for run in runs.into_iter().filter(|r| !r.is_empty()) {
            let first = self.day(run[0], weekday)?;
            let at = self.booked_at(self.start_of(first, v.at)?, 6)?;
            let repeat = (run.len() > 1).then(|| Repeat {
                every_weeks: u32::try_from(every).unwrap_or(1),
                count: u32::try_from(run.len()).ok(),
                until: None,
            });
            let input = v.input(first, repeat);
            let booked = self.s.write(|tx, a| scheduling::book(tx, a, &input, at))?;
            for (w, appt) in run.iter().zip(booked.appointments) {
                self.made += 1;
                let outcome = outcomes.iter().find(|(x, _)| x == w).map_or(ByTheClock, |(_, o)| *o);
                self.settle(&appt.key, appt.start_utc, appt.end_utc, outcome)?;
            }
        }
        Ok(())
    }

    fn mark(&mut self, key: &str, status: &str, at: DateTime<Utc>) -> Result<()> {
        self.s.write(|tx, a| scheduling::change_status(tx, a, key, status, at).map(|_| ()))
    }

    fn settle(&mut self, key: &str, start: i64, end: i64, outcome: Outcome) -> Result<()> {
        let now = time::timestamp(self.now);
        match outcome {
            Outcome::Cancelled { hours_before, reason, note } => {
                let at = self.now.min(utc(start - hours_before * HOUR)?);
                let input = CancelInput {
                    key: key.into(),
                    scope: Scope::ThisOne,
                    reason: reason.into(),
                    note: Some(note.into()),
                };
                self.s.write(|tx, a| scheduling::cancel(tx, a, &input, at).map(|_| ()))
            }
            Outcome::NoShow if end <= now => self.mark(key, "no_show", self.now.min(utc(end + 15 * 60)?)),
            Outcome::Moved { weekday, at } if start > now => {
                let local = time::to_local(&self.tz, start).date();
                let day = local.checked_add((i64::from(weekday) - i64::from(self::weekday(local))).days());
                let Ok(day) = day else { return Ok(()) };
                if self.holidays.contains(&day) || self.start_of(day, at)? <= now {
                    return Ok(());
                }
                let input = RescheduleInput {
                    key: key.into(),
                    scope: Scope::ThisOne,
                    date: day.to_string(),
                    start_time: at.into(),
                    minutes: None,
                    counsellor_id: None,
                    room_id: None,
                    allow_outside_hours: false,
                };
                let at = self.now;
                self.s.write(|tx, a| scheduling::reschedule(tx, a, &input, at).map(|_| ()))
            }
            _ if end <= now => self.mark(key, "done", self.now.min(utc(end + 10 * 60)?)),
            _ if start <= now => self.mark(key, "in_session", self.now),
            _ if start - 15 * 60 <= now => self.mark(key, "arrived", self.now),
            _ => Ok(()),
        }
    }
}

fn relationship_of(conn: &Connection, person: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT relationship_id FROM relationship_members WHERE person_id = ?1 ORDER BY relationship_id LIMIT 1",
            [person],
            |r| r.get(0),
        )
        .optional()?)
}

/// The small clinic's calendar from seven weeks ago to two months ahead, booked by reception.
/// Returns how many appointments were booked (each occurrence of a series counts).
pub(super) fn small(s: &mut Session, now: DateTime<Utc>) -> Result<usize> {
    let tz = time::zone(ZONE)?;
    let (accounts, rooms) = s.read(|c, _| Ok((account_ids(c)?, room_ids(c)?)))?;
    let jordan = id_in(&accounts, "demo counsellor", STAFF[0].username)?;
    let ruth = id_in(&accounts, "demo counsellor", STAFF[1].username)?;
    let (willow, cedar, garden) =
        (id_in(&rooms, "room", WILLOW)?, id_in(&rooms, "room", CEDAR)?, id_in(&rooms, "room", GARDEN)?);
    let maggie = find(s, "Margaret Okafor")?;
    let david = find(s, "David Okafor")?;
    let tom = find(s, "Thomas Brennan")?;
    let eileen = find(s, "Eileen Brennan")?;
    let priya = find(s, "Priya Raman")?;
    let jonah = find(s, "Jonah Weiss")?;
    let daniel = find(s, "Daniel Kim")?;
    let aisha = find(s, "Aisha Bello")?;
    let sam = find(s, "Sam Carter")?;
    let ravi = find(s, "Ravi Shankar")?;
    let meera = find(s, "Meera Shankar")?;
    let kavya = find(s, "Gowda")?;
    let zoe = find(s, "Zoë Martin")?;
    let rel = |p: i64| s.read(|c, _| relationship_of(c, p));
    let (okafors, brennans, bello_carter, shankars) = (rel(maggie)?, rel(tom)?, rel(aisha)?, rel(ravi)?);

    let today = time::local_today(&tz, now);
    let monday = today.checked_sub((i64::from(weekday(today)) - 1).days()).map_err(|_| out_of_range())?;
    let holidays = holidays_near(today).into_iter().collect();
    let mut d = Desk { s, tz, now, holidays, monday, made: 0 };

    let visit = |kind, counsellor, room, people: &[i64], relationship, at| Visit {
        kind,
        counsellor,
        room,
        people: people.to_vec(),
        relationship,
        at,
        note: None,
    };
    let (mon, tue, wed, thu, fri) = (1, 2, 3, 4, 5);

    // Dr Jordan Ellis, in the Willow room.
    // Maggie and David, weekly on Thursday evenings after work: twelve weeks from six weeks ago;
    // one week off for a family wedding, and one moved an hour earlier.
    let couple = Visit {
        note: Some("Thursday evenings: both work days."),
        ..visit("couple", jordan, willow, &[maggie, david], okafors, "18:00")
    };
    let wedding = Outcome::Cancelled { hours_before: 96, reason: "by_client", note: "Away at a family wedding." };
    d.series(&couple, -6, thu, 1, 12, &[(-3, wedding), (2, Outcome::Moved { weekday: thu, at: "17:00" })])?;
    // Priya, fortnightly on Monday mornings; one missed, one moved to a Tuesday.
    let priya_visit = visit("individual", jordan, willow, &[priya], None, "10:00");
    let moved = Outcome::Moved { weekday: tue, at: "11:30" };
    d.series(&priya_visit, -6, mon, 2, 8, &[(-4, Outcome::NoShow), (4, moved)])?;
    // Daniel, weekly on Mondays (one cancelled when he was unwell).
    let daniel_visit = visit("individual", jordan, willow, &[daniel], None, "14:00");
    for week in -4..=1 {
        let outcome = if week == -3 {
            Outcome::Cancelled { hours_before: 30, reason: "by_client", note: "Unwell." }
        } else {
            ByTheClock
        };
        d.single(&daniel_visit, week, mon, outcome)?;
    }
    // Ravi and Meera: their intake together, then every other Tuesday.
    d.single(&visit("intake", jordan, willow, &[ravi, meera], shankars, "10:00"), -6, tue, ByTheClock)?;
    for week in [-4, -2, 0, 2] {
        d.single(&visit("couple", jordan, willow, &[ravi, meera], shankars, "10:00"), week, tue, ByTheClock)?;
    }
    // Tom and Eileen on Wednesday afternoons; one cancelled an hour before.
    let brennans_visit = visit("couple", jordan, willow, &[tom, eileen], brennans, "14:00");
    for week in [-5, -3, -1, 0, 1, 3] {
        let outcome = if week == -1 {
            Outcome::Cancelled { hours_before: 1, reason: "late", note: "Rang an hour before: the car broke down." }
        } else {
            ByTheClock
        };
        d.single(&brennans_visit, week, wed, outcome)?;
    }
    // Aisha and Sam at lunchtime on Thursdays, every other week.
    for week in [-2, 0, 2] {
        d.single(&visit("couple", jordan, willow, &[aisha, sam], bello_carter, "13:00"), week, thu, ByTheClock)?;
    }
    // Jonah on Friday mornings, then a review of how far he has come.
    for week in -5..=0 {
        d.single(&visit("individual", jordan, willow, &[jonah], None, "11:00"), week, fri, ByTheClock)?;
    }
    d.single(&visit("review", jordan, willow, &[jonah], None, "11:00"), 1, fri, ByTheClock)?;
    // Zoë's intake on the next day Dr Ellis works.
    let mut day = today;
    for _ in 0..14 {
        day = day.tomorrow().map_err(|_| out_of_range())?;
        if weekday(day) <= 5 && !d.holidays.contains(&day) {
            d.single_on(&visit("intake", jordan, willow, &[zoe], None, "15:00"), day, ByTheClock)?;
            break;
        }
    }

    // Dr Ruth Adeyemi, in the Cedar room (the Garden room for her group).
    // Kavya, after 4 pm as she asked: an intake, then weekly on Mondays (one missed).
    d.single(&visit("intake", ruth, cedar, &[kavya], None, "16:00"), -7, mon, ByTheClock)?;
    d.series(&visit("individual", ruth, cedar, &[kavya], None, "16:00"), -5, mon, 1, 10, &[(-2, Outcome::NoShow)])?;
    // Meera on her own, Tuesdays after the couple's session.
    for week in -3..=1 {
        d.single(&visit("individual", ruth, cedar, &[meera], None, "11:00"), week, tue, ByTheClock)?;
    }
    // The Wednesday group, six weeks from a fortnight ago.
    let group = Visit {
        note: Some("Living well after treatment: a six-week group."),
        ..visit("group", ruth, garden, &[tom, daniel, aisha, jonah], None, "10:00")
    };
    d.series(&group, -2, wed, 1, 6, &[])?;
    // Aisha on her own, early on Fridays.
    for week in [-4, -3, -1, 0, 1] {
        d.single(&visit("individual", ruth, cedar, &[aisha], None, "09:30"), week, fri, ByTheClock)?;
    }
    Ok(d.made)
}

// ---------------------------------------------------------------------------------------------
// The ten-year clinic, written with prepared inserts

/// The grid counts quarter hours; appointments start on the hour or the half hour.
const QUARTER: i64 = 15;

fn quarters(minutes: i64) -> u32 {
    u32::try_from((minutes + QUARTER - 1) / QUARTER).unwrap_or(u32::MAX)
}

fn quarter_of(clock: &str) -> u32 {
    time::parse_clock(clock)
        .map(|t| u32::try_from((i64::from(t.hour()) * 60 + i64::from(t.minute())) / QUARTER).unwrap_or(0))
        .unwrap_or(0)
}

fn mask(q: u32, n: u32) -> u128 {
    1u128.checked_shl(n).map_or(u128::MAX, |b| b - 1).checked_shl(q).unwrap_or(0)
}

/// What a booking asks of the grid: counsellor, people, rooms to try in order, the first day
/// to try and how many days on, how often it repeats, how many times, how long, and the day
/// it must end before. Couples are offered the evening first.
struct Want<'a> {
    counsellor: usize,
    people: &'a [i64],
    rooms: &'a [i64],
    from: usize,
    within: usize,
    every_days: usize,
    count: usize,
    minutes: i64,
    before: usize,
    evening_first: bool,
    rotate: usize,
}

/// Where a booking went: counsellor (by position), room, first day (index) and quarter.
#[derive(Debug, Clone, Copy)]
struct Slot {
    counsellor: usize,
    room: i64,
    day: usize,
    q: u32,
}

/// Who is busy when, day by day from the first day, one bit per quarter hour; plus each
/// counsellor's hours and the closed days. Cancelled appointments keep their time taken here,
/// which only makes the demo stricter than the clash rules.
struct Grid {
    days: Vec<Date>,
    closed: Vec<bool>,
    /// Per counsellor: (weekday, first quarter, end quarter) of each stretch of work.
    hours: Vec<Vec<(i8, u32, u32)>>,
    counsellor: Vec<Vec<u128>>,
    room: HashMap<i64, Vec<u128>>,
    person: HashMap<(i64, usize), u128>,
}

impl Grid {
    fn open(&self, day: usize) -> bool {
        self.closed.get(day).is_some_and(|c| !c)
    }

    fn works(&self, c: usize, day: usize, q: u32, n: u32) -> bool {
        let (Some(d), Some(hours)) = (self.days.get(day), self.hours.get(c)) else { return false };
        let wd = weekday(*d);
        hours.iter().any(|(w, s, e)| *w == wd && *s <= q && q + n <= *e)
    }

    fn free(&self, c: usize, people: &[i64], day: usize, q: u32, n: u32) -> bool {
        let m = mask(q, n);
        let counsellor = self.counsellor.get(c).and_then(|v| v.get(day)).copied().unwrap_or(u128::MAX);
        counsellor & m == 0 && people.iter().all(|p| self.person.get(&(*p, day)).copied().unwrap_or(0) & m == 0)
    }

    fn room_free(&self, room: i64, day: usize, q: u32, n: u32) -> bool {
        self.room.get(&room).and_then(|v| v.get(day)).is_some_and(|b| b & mask(q, n) == 0)
    }

    fn set(&mut self, slot: Slot, people: &[i64], n: u32, taken: bool) {
        let m = mask(slot.q, n);
        let apply = |bits: &mut u128| {
            if taken {
                *bits |= m;
            } else {
                *bits &= !m;
            }
        };
        if let Some(b) = self.counsellor.get_mut(slot.counsellor).and_then(|v| v.get_mut(slot.day)) {
            apply(b);
        }
        if let Some(b) = self.room.get_mut(&slot.room).and_then(|v| v.get_mut(slot.day)) {
            apply(b);
        }
        for p in people {
            apply(self.person.entry((*p, slot.day)).or_insert(0));
        }
    }

    /// The first place that fits every occurrence of `w`.
    fn place(&self, w: &Want) -> Option<Slot> {
        let n = quarters(w.minutes);
        let hours = self.hours.get(w.counsellor)?;
        for day in w.from..w.from + w.within {
            let last = day + w.every_days * w.count.saturating_sub(1);
            if last >= w.before.min(self.days.len()) {
                return None;
            }
            if !self.open(day) {
                continue;
            }
            let wd = weekday(*self.days.get(day)?);
            let mut starts: Vec<u32> = hours
                .iter()
                .filter(|(d, _, _)| *d == wd)
                .flat_map(|(_, s, e)| (*s..e.saturating_sub(n).saturating_add(1)).step_by(2))
                .collect();
            if starts.is_empty() {
                continue;
            }
            if w.evening_first {
                starts.reverse();
            } else {
                let k = w.rotate % starts.len();
                starts.rotate_left(k);
            }
            let days: Vec<usize> = (0..w.count).map(|k| day + k * w.every_days).collect();
            for q in starts {
                if !days.iter().all(|d| self.open(*d) && self.free(w.counsellor, w.people, *d, q, n)) {
                    continue;
                }
                if let Some(room) = w.rooms.iter().find(|r| days.iter().all(|d| self.room_free(**r, *d, q, n))) {
                    return Some(Slot { counsellor: w.counsellor, room: *room, day, q });
                }
            }
        }
        None
    }

    /// Another time for one occurrence: an hour later or earlier that day, or the same time the
    /// next day, wherever counsellor, room and people are free.
    fn move_target(&self, slot: Slot, people: &[i64], n: u32) -> Option<Slot> {
        let options = [(slot.day, slot.q + 4), (slot.day, slot.q.saturating_sub(4)), (slot.day + 1, slot.q)];
        options
            .into_iter()
            .filter(|(d, q)| (*d, *q) != (slot.day, slot.q))
            .find(|(d, q)| {
                self.open(*d)
                    && self.works(slot.counsellor, *d, *q, n)
                    && self.free(slot.counsellor, people, *d, *q, n)
                    && self.room_free(slot.room, *d, *q, n)
            })
            .map(|(day, q)| Slot { day, q, ..slot })
    }

    fn local(&self, slot: Slot) -> Option<civil::DateTime> {
        let minutes = i64::from(slot.q) * QUARTER;
        let clock = civil::Time::new(i8::try_from(minutes / 60).ok()?, i8::try_from(minutes % 60).ok()?, 0, 0).ok()?;
        Some(self.days.get(slot.day)?.to_datetime(clock))
    }
}

/// A series as it will be stored.
struct NewSeries {
    kind: &'static str,
    counsellor: i64,
    room: i64,
    relationship: Option<i64>,
    people: Vec<i64>,
    rule: Rule,
    first_start: i64,
    last_end: i64,
    note: Option<&'static str>,
    created: i64,
}

/// An appointment row: a single appointment, or an exception to series `series.0` (its
/// position in the list) at occurrence `series.1`.
struct NewRow {
    series: Option<(usize, u32)>,
    kind: &'static str,
    counsellor: i64,
    room: i64,
    relationship: Option<i64>,
    /// Empty for a series' exception: it has the series' people.
    people: Vec<i64>,
    start: i64,
    end: i64,
    fate: Fate,
    note: Option<&'static str>,
    created: i64,
}

/// How an appointment went, and when that was recorded.
#[derive(Debug, Clone, Copy)]
struct Fate {
    status: &'static str,
    reason: Option<&'static str>,
    note: Option<&'static str>,
    at: i64,
}

const BY_CLIENT: &[&str] =
    &["Unwell.", "Work came up.", "Childcare fell through.", "Hospital appointment that day.", "Away that week."];
const BY_CLINIC: &[&str] = &["Counsellor unwell.", "The heating failed in the building."];
const LATE_NOTES: &[&str] = &["Rang on the morning.", "Rang an hour before.", "Texted just before."];

/// How an appointment at [start, end) went, as of `now`: mostly done in the past, some not
/// attended, some cancelled with a reason; in session if it is under way; a few cancelled
/// ahead; otherwise still booked.
fn fate(g: &mut Gen, start: i64, end: i64, now: i64) -> Fate {
    let booked = Fate { status: "booked", reason: None, note: None, at: now };
    let cancel =
        |reason, note, at: i64| Fate { status: "cancelled", reason: Some(reason), note: Some(note), at: at.min(now) };
    if end <= now {
        let roll = g.below(100);
        let days = i64::try_from(g.below(5)).unwrap_or(0) + 1;
        match roll {
            0..=85 => Fate { status: "done", at: (end + 600).min(now), ..booked },
            86..=90 => Fate { status: "no_show", at: (end + 900).min(now), ..booked },
            91..=95 => cancel("by_client", g.pick(BY_CLIENT), start - days * DAY),
            96..=97 => cancel("by_clinic", g.pick(BY_CLINIC), start - DAY),
            _ => cancel("late", g.pick(LATE_NOTES), start - 2 * HOUR),
        }
    } else if start <= now {
        Fate { status: "in_session", ..booked }
    } else if g.chance(3) {
        cancel("by_client", g.pick(BY_CLIENT), now - i64::try_from(g.below(3 * 24)).unwrap_or(0) * HOUR)
    } else {
        booked
    }
}

/// Where a client's course stands after the first pass: who comes and how, with whom,
/// whether they have a regular time, the day after their first run of appointments, and the
/// day after the last.
#[derive(Debug, Clone)]
struct Plan {
    people: Vec<i64>,
    kind: &'static str,
    minutes: i64,
    relationship: Option<i64>,
    before: usize,
    counsellor: usize,
    regular: bool,
    next: usize,
    end: usize,
}

/// The ten-year clinic's people as the generator needs them.
struct Client {
    id: i64,
    registered: DateTime<Utc>,
}

struct Generator {
    g: Gen,
    grid: Grid,
    tz: TimeZone,
    now: i64,
    counsellors: Vec<i64>,
    /// Rooms each counsellor tries, their own first and the group room last.
    prefs: Vec<Vec<i64>>,
    group_room: i64,
    series: Vec<NewSeries>,
    rows: Vec<NewRow>,
    made: usize,
}

struct Booking<'a> {
    kind: &'static str,
    people: &'a [i64],
    relationship: Option<i64>,
    minutes: i64,
    every_weeks: usize,
    count: usize,
    note: Option<&'static str>,
}

impl Generator {
    fn utc_of(&self, slot: Slot) -> Result<(civil::DateTime, i64)> {
        let local = self.grid.local(slot).ok_or_else(out_of_range)?;
        Ok((local, time::to_utc(&self.tz, local)?))
    }

    /// Booked a few days to a fortnight ahead (or now, if that is later than the start allows).
    fn created(&mut self, start: i64) -> i64 {
        (start - (2 + i64::try_from(self.g.below(12)).unwrap_or(0)) * DAY).min(self.now)
    }

    /// Places and records a single appointment; returns its slot.
    fn single(
        &mut self,
        b: &Booking,
        counsellors: &[usize],
        from: usize,
        within: usize,
        before: usize,
    ) -> Result<Option<Slot>> {
        let rotate = usize::try_from(self.g.below(16)).unwrap_or(0);
        let found = counsellors.iter().find_map(|c| {
            self.grid.place(&Want {
                counsellor: *c,
                people: b.people,
                rooms: self.prefs.get(*c).map_or(&[][..], |v| v.as_slice()),
                from,
                within,
                every_days: 7,
                count: 1,
                minutes: b.minutes,
                before,
                evening_first: b.kind == "couple",
                rotate,
            })
        });
        let Some(slot) = found else { return Ok(None) };
        self.grid.set(slot, b.people, quarters(b.minutes), true);
        let (_, start) = self.utc_of(slot)?;
        let end = start + b.minutes * 60;
        let created = self.created(start);
        let fate = fate(&mut self.g, start, end, self.now);
        self.rows.push(NewRow {
            series: None,
            kind: b.kind,
            counsellor: self.counsellors.get(slot.counsellor).copied().unwrap_or(0),
            room: slot.room,
            relationship: b.relationship,
            people: b.people.to_vec(),
            start,
            end,
            fate,
            note: b.note,
            created,
        });
        self.made += 1;
        Ok(Some(slot))
    }

    /// Tries the counsellors in `order`, each in their own rooms, until one has a regular time
    /// free for the whole series; returns the day of its last occurrence and who it is with.
    fn series_any(
        &mut self,
        b: &Booking,
        order: &[usize],
        from: usize,
        within: usize,
        before: usize,
    ) -> Result<Option<(usize, usize)>> {
        for c in order {
            let rooms = self.prefs.get(*c).cloned().unwrap_or_default();
            if let Some(last) = self.series(b, *c, &rooms, from, within, before)? {
                return Ok(Some((last, *c)));
            }
        }
        Ok(None)
    }

    /// Places and records a series with its exceptions; returns the day of its last occurrence.
    fn series(
        &mut self,
        b: &Booking,
        counsellor: usize,
        rooms: &[i64],
        from: usize,
        within: usize,
        before: usize,
    ) -> Result<Option<usize>> {
        let every_days = 7 * b.every_weeks;
        let want = Want {
            counsellor,
            people: b.people,
            rooms,
            from,
            within,
            every_days,
            count: b.count,
            minutes: b.minutes,
            before,
            evening_first: b.kind == "couple",
            rotate: usize::try_from(self.g.below(16)).unwrap_or(0),
        };
        let Some(slot) = self.grid.place(&want) else { return Ok(None) };
        let n = quarters(b.minutes);
        let slots: Vec<Slot> = (0..b.count).map(|k| Slot { day: slot.day + k * every_days, ..slot }).collect();
        for s in &slots {
            self.grid.set(*s, b.people, n, true);
        }
        let (first, first_start) = self.utc_of(slot)?;
        let last_day = slots.last().map_or(slot.day, |s| s.day);
        // Some series are booked up to a last day rather than for a number of times.
        let end = if self.g.chance(15) {
            let extra = i64::try_from(self.g.below(6)).unwrap_or(0);
            let last = self.grid.days.get(last_day).ok_or_else(out_of_range)?;
            RuleEnd::Until(last.checked_add(extra.days()).map_err(|_| out_of_range())?)
        } else {
            RuleEnd::Count(u32::try_from(b.count).unwrap_or(1))
        };
        let rule = Rule { first, interval_weeks: u32::try_from(b.every_weeks).unwrap_or(1), end, minutes: b.minutes };
        // The occurrences and bounds exactly as booking computes them.
        let occ = time::occurrences(&self.tz, &rule)?;
        let (Some(o0), Some(on)) = (occ.first(), occ.last()) else { return Err(out_of_range()) };
        if occ.len() != slots.len() || o0.start != first_start {
            return Err(Error::Conflict("The demo series does not match its rule.".into()));
        }
        let index = self.series.len();
        let counsellor_id = self.counsellors.get(counsellor).copied().unwrap_or(0);
        let created = self.created(first_start);
        self.series.push(NewSeries {
            kind: b.kind,
            counsellor: counsellor_id,
            room: slot.room,
            relationship: b.relationship,
            people: b.people.to_vec(),
            rule,
            first_start: o0.start,
            last_end: on.end,
            note: b.note,
            created,
        });
        self.made += occ.len();
        // A few series stop early: the rest is cancelled at once, as reception would.
        let stop = (b.count >= 6 && self.g.chance(6)).then(|| 3 + usize::try_from(self.g.below(3)).unwrap_or(0));
        let stop_at = stop.and_then(|k| occ.get(k)).map(|o| (o.start - 2 * DAY).min(self.now));
        for (k, (o, s)) in occ.iter().zip(&slots).enumerate() {
            let index_u32 = u32::try_from(k).unwrap_or(0);
            let row = |start: i64, end: i64, fate: Fate| NewRow {
                series: Some((index, index_u32)),
                kind: b.kind,
                counsellor: counsellor_id,
                room: slot.room,
                relationship: b.relationship,
                people: vec![],
                start,
                end,
                fate,
                note: b.note,
                created: fate.at,
            };
            if let (Some(at), Some(stop)) = (stop_at, stop) {
                if k >= stop {
                    let fate =
                        Fate { status: "cancelled", reason: Some("by_client"), note: Some("Finished early."), at };
                    self.rows.push(row(o.start, o.end, fate));
                    continue;
                }
            }
            // Now and then one is moved (reception does it a few days before).
            if self.g.chance(3) {
                if let Some(to) = self.grid.move_target(*s, b.people, n) {
                    self.grid.set(*s, b.people, n, false);
                    self.grid.set(to, b.people, n, true);
                    let (_, start) = self.utc_of(to)?;
                    let end = start + b.minutes * 60;
                    let mut fate = fate(&mut self.g, start, end, self.now);
                    if fate.status == "booked" {
                        fate.at = (o.start - 3 * DAY).min(self.now);
                    }
                    self.rows.push(row(start, end, fate));
                    continue;
                }
            }
            let fate = fate(&mut self.g, o.start, o.end, self.now);
            if fate.status != "booked" {
                self.rows.push(row(o.start, o.end, fate));
            }
        }
        Ok(Some(last_day))
    }
}

/// About 100,000 appointments over ten years. First, client by client as they came: an intake,
/// a weekly or fortnightly series of 6-12 (couples together, offered the evening first; with
/// whichever counsellor has a regular time free), often a second, fortnightly series after a
/// gap, and every eight weeks a group in the Garden room. Then the diary's gaps: single
/// appointments (weekly ones for those who found no regular time) and a review at the end.
/// Returns how many appointments were made (each occurrence of a series counts).
pub(super) fn ten_years(s: &mut Session, start: DateTime<Utc>, now: DateTime<Utc>) -> Result<usize> {
    let tz = time::zone(ZONE)?;
    type Partners = HashMap<i64, (i64, Vec<(i64, bool)>)>;
    type Loaded =
        (HashMap<String, i64>, HashMap<String, i64>, Vec<Client>, HashMap<i64, DateTime<Utc>>, Partners, Vec<String>);
    let (accounts, room_names, clients, archived, partners, closed): Loaded = s.read(|c, _| {
        let mut stmt = c.prepare("SELECT id, created_at, archived_at FROM people WHERE is_client = 1 ORDER BY id")?;
        let mut clients = Vec::new();
        let mut archived = HashMap::new();
        for row in stmt.query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, DateTime<Utc>>(1)?, r.get::<_, Option<DateTime<Utc>>>(2)?))
        })? {
            let (id, registered, gone) = row?;
            clients.push(Client { id, registered });
            if let Some(gone) = gone {
                archived.insert(id, gone);
            }
        }
        let mut stmt = c.prepare(
            "SELECT rm.person_id, rm.relationship_id, rm2.person_id, p.is_client FROM relationship_members rm
               JOIN relationship_members rm2 ON rm2.relationship_id = rm.relationship_id AND rm2.person_id <> rm.person_id
               JOIN people p ON p.id = rm2.person_id
              ORDER BY rm.person_id, rm.relationship_id, rm2.person_id",
        )?;
        let mut partners: Partners = HashMap::new();
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?, r.get(3)?)))? {
            let (person, rel, other, is_client) = row?;
            let entry = partners.entry(person).or_insert((rel, vec![]));
            if entry.0 == rel {
                entry.1.push((other, is_client));
            }
        }
        let mut stmt = c.prepare("SELECT day FROM closed_days")?;
        let closed = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
        Ok((account_ids(c)?, room_ids(c)?, clients, archived, partners, closed))
    })?;
    let counsellors: Vec<i64> =
        STAFF.iter().map(|st| id_in(&accounts, "demo counsellor", st.username)).collect::<Result<_>>()?;
    let room_list: Vec<i64> =
        rooms(Scale::TenYears).iter().map(|n| id_in(&room_names, "room", n)).collect::<Result<_>>()?;
    let group_room = id_in(&room_names, "room", GARDEN)?;
    let ordinary: Vec<i64> = room_list.iter().copied().filter(|r| *r != group_room).collect();
    let prefs: Vec<Vec<i64>> = (0..STAFF.len())
        .map(|c| {
            let mut v = ordinary.clone();
            v.rotate_left(c % ordinary.len().max(1));
            v.push(group_room);
            v
        })
        .collect();

    // The days the calendar covers: from the first day to thirty weeks ahead.
    let first_day = time::local_today(&tz, start);
    let today = time::local_today(&tz, now);
    let end_day = today.checked_add(30.weeks()).map_err(|_| out_of_range())?;
    let mut days = Vec::new();
    let mut d = first_day;
    while d <= end_day {
        days.push(d);
        d = d.tomorrow().map_err(|_| out_of_range())?;
    }
    let index = |d: Date| days.binary_search(&d).unwrap_or_else(|i| i);
    let closed_set: HashSet<Date> = closed.iter().filter_map(|d| time::parse_day(d)).collect();
    let hours: Vec<Vec<(i8, u32, u32)>> = STAFF
        .iter()
        .map(|st| {
            st.hours.iter().map(|(d, a, b)| (i8::try_from(*d).unwrap_or(0), quarter_of(a), quarter_of(b))).collect()
        })
        .collect();
    let grid = Grid {
        closed: days.iter().map(|d| closed_set.contains(d)).collect(),
        hours,
        counsellor: vec![vec![0; days.len()]; STAFF.len()],
        room: room_list.iter().map(|r| (*r, vec![0; days.len()])).collect(),
        person: HashMap::new(),
        days: days.clone(),
    };
    let gone: HashMap<i64, usize> = archived.iter().map(|(p, at)| (*p, index(time::local_today(&tz, *at)))).collect();
    let mut gen = Generator {
        g: Gen(0x0CA1_E7DA_2026),
        grid,
        tz: tz.clone(),
        now: time::timestamp(now),
        counsellors,
        prefs,
        group_room,
        series: Vec::new(),
        rows: Vec::new(),
        made: 0,
    };
    let before_of = |people: &[i64]| people.iter().filter_map(|p| gone.get(p)).copied().min().unwrap_or(days.len());
    let mut recent: Vec<i64> = Vec::new();
    let mut next_group = 56usize;
    // First the intakes, series and groups, in the order clients came; then the single
    // appointments and reviews around them, as a full diary fills up.
    let mut plans: Vec<Plan> = Vec::new();
    for client in &clients {
        let reg = index(time::local_today(&tz, client.registered));
        let (relationship, others) = partners.get(&client.id).cloned().unwrap_or((0, vec![]));
        // A partner who is also a client and came later is seen in the couple's sessions and
        // on their own; the first of them books for the couple.
        let first_of_couple = others.iter().all(|(p, is_client)| !is_client || *p > client.id);
        let couple = first_of_couple && !others.is_empty() && gen.g.chance(65);
        let mut people = vec![client.id];
        if couple {
            people.extend(others.iter().map(|(p, _)| *p));
        }
        let before = before_of(&people);
        let (kind, minutes, relationship) =
            if couple { ("couple", 60, Some(relationship)) } else { ("individual", 50, None) };
        let booking = |kind, minutes, every_weeks, count| Booking {
            kind,
            people: &people,
            relationship,
            minutes,
            every_weeks,
            count,
            note: None,
        };
        let c0 = usize::try_from(gen.g.below(6)).unwrap_or(0);
        let order: Vec<usize> = (0..STAFF.len()).map(|k| (c0 + k) % STAFF.len()).collect();
        let from = reg + 3 + usize::try_from(gen.g.below(10)).unwrap_or(0);
        let Some(intake) = gen.single(&booking("intake", 60, 1, 1), &order, from, 21, before)? else { continue };
        // The intake's counsellor goes on with them when they have a regular time free; else
        // whoever has.
        let mut plan = Plan {
            people: people.clone(),
            kind,
            minutes,
            relationship,
            before,
            counsellor: intake.counsellor,
            regular: false,
            next: intake.day + 7 + usize::try_from(gen.g.below(4)).unwrap_or(0),
            end: 0,
        };
        let order: Vec<usize> = (0..STAFF.len()).map(|k| (plan.counsellor + k) % STAFF.len()).collect();
        let every = if gen.g.chance(55) { 1 } else { 2 };
        let count = 6 + usize::try_from(gen.g.below(7)).unwrap_or(0);
        if let Some((last, with)) =
            gen.series_any(&booking(kind, minutes, every, count), &order, plan.next, 35, before)?
        {
            plan.counsellor = with;
            plan.regular = true;
            plan.next = last + 7 * every;
        }
        plan.end = plan.next;
        if gen.g.chance(60) {
            let count = 6 + usize::try_from(gen.g.below(7)).unwrap_or(0);
            let gap = 7 * (2 + usize::try_from(gen.g.below(4)).unwrap_or(0));
            let b = booking(kind, minutes, 2, count);
            if let Some((last, _)) = gen.series_any(&b, &[plan.counsellor], plan.next + gap, 28, before)? {
                plan.end = last + 14;
            }
        }
        plans.push(plan);
        recent.push(client.id);
        if recent.len() > 40 {
            recent.remove(0);
        }
        // Every eight weeks a group of six to eight recent clients, weekly for eight weeks.
        if reg >= next_group && recent.len() >= 8 {
            next_group = reg + 56;
            let mut pool = recent.clone();
            let mut group = Vec::new();
            for _ in 0..6 + gen.g.below(3) {
                let k = usize::try_from(gen.g.below(pool.len() as u64)).unwrap_or(0);
                if k < pool.len() {
                    group.push(pool.swap_remove(k));
                }
            }
            let b = Booking {
                kind: "group",
                people: &group,
                relationship: None,
                minutes: 90,
                every_weeks: 1,
                count: 8,
                note: Some("Living well after treatment: an eight-week group."),
            };
            let leader = usize::try_from(gen.g.below(6)).unwrap_or(0);
            let garden = [gen.group_room];
            gen.series(&b, leader, &garden, reg + 7, 28, before_of(&group))?;
        }
    }
    for plan in &plans {
        let b = Booking {
            kind: plan.kind,
            people: &plan.people,
            relationship: plan.relationship,
            minutes: plan.minutes,
            every_weeks: 1,
            count: 1,
            note: None,
        };
        let c = [plan.counsellor];
        // Without a regular time, weekly single appointments where they fit; then a few more
        // (between two series, or after), and a review at the end.
        let mut next = plan.next;
        let singles = if plan.regular { 0 } else { 6 } + gen.g.below(7);
        for _ in 0..singles {
            if let Some(s) = gen.single(&b, &c, next, 14, plan.before)? {
                next = s.day + 7;
            }
        }
        let review = Booking { kind: "review", minutes: 30, ..b };
        gen.single(&review, &c, next.max(plan.end) + 7, 21, plan.before)?;
    }
    let Generator { series, rows, made, .. } = gen;
    s.write(|tx, a| {
        let rfc = |secs: i64| utc(secs).map(|t| t.to_rfc3339());
        let mut ins_series = tx.prepare_cached(
            "INSERT INTO appointment_series (kind, counsellor_id, room_id, relationship_id, first_local, time_zone,
                 duration_minutes, interval_weeks, occurrences, until_day, reception_note, first_start, last_end,
                 created_by, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
        )?;
        let mut ins_series_person =
            tx.prepare_cached("INSERT INTO series_attendees (series_id, person_id) VALUES (?1, ?2)")?;
        let mut ids = Vec::with_capacity(series.len());
        for sr in &series {
            let (count, until) = match sr.rule.end {
                RuleEnd::Count(n) => (Some(n), None),
                RuleEnd::Until(d) => (None, Some(d.to_string())),
            };
            ins_series.execute(params![
                sr.kind,
                sr.counsellor,
                sr.room,
                sr.relationship,
                time::fmt_local(sr.rule.first),
                ZONE,
                sr.rule.minutes,
                sr.rule.interval_weeks,
                count,
                until,
                sr.note,
                sr.first_start,
                sr.last_end,
                a.account_id,
                rfc(sr.created)?
            ])?;
            let id = tx.last_insert_rowid();
            for p in &sr.people {
                ins_series_person.execute(params![id, p])?;
            }
            ids.push(id);
        }
        let mut ins_row = tx.prepare_cached(
            "INSERT INTO appointments (series_id, occurrence, kind, counsellor_id, room_id, relationship_id, starts_at,
                 ends_at, status, cancel_reason, cancel_note, reception_note, created_by, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?;
        let mut ins_person =
            tx.prepare_cached("INSERT INTO appointment_attendees (appointment_id, person_id) VALUES (?1, ?2)")?;
        for row in &rows {
            let series_id = row.series.and_then(|(i, _)| ids.get(i).copied());
            ins_row.execute(params![
                series_id,
                row.series.map(|(_, k)| k),
                row.kind,
                row.counsellor,
                row.room,
                row.relationship,
                row.start,
                row.end,
                row.fate.status,
                row.fate.reason,
                row.fate.note,
                row.note,
                a.account_id,
                rfc(row.created.min(row.fate.at))?,
                rfc(row.fate.at)?
            ])?;
            let id = tx.last_insert_rowid();
            let people = match row.series.and_then(|(i, _)| series.get(i)) {
                Some(sr) => &sr.people,
                None => &row.people,
            };
            for p in people {
                ins_person.execute(params![id, p])?;
            }
        }
        Ok(())
    })?;
    Ok(made)
}
