//! The small demo clinic's calendar: rooms, hours and closed days; Maggie and David's weekly
//! series; today's appointments as the day stands; and nothing double-booked.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rekindle_core::demo::{self, Scale};
use rekindle_core::scheduling::{self, Appointment, CalendarQuery, CalendarView};
use rekindle_core::session::{self, Session};
use tempfile::TempDir;

use crate::support::DEMO_PW;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// A Wednesday morning (10:30 in London): the group is under way, earlier weeks are marked.
fn wednesday() -> DateTime<Utc> {
    at("2026-11-25T10:30:00Z")
}

fn demo_desk(now: DateTime<Utc>) -> (TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    let r = demo::create(dir.path(), Scale::Small, DEMO_PW, now).unwrap();
    assert!(r.appointments > 60, "the demo calendar is busy: {} appointments", r.appointments);
    assert_eq!(r.accounts, 4, "admin, two counsellors and reception");
    let s = session::sign_in(dir.path(), "reception", DEMO_PW, now).unwrap();
    (dir, s)
}

fn view(s: &Session, from: &str, days: u32, now: DateTime<Utc>) -> CalendarView {
    let q = CalendarQuery { from: from.into(), days, counsellor_ids: vec![], room_ids: vec![] };
    s.read(|c, a| scheduling::calendar(c, a, &q, now)).unwrap()
}

fn names(a: &Appointment) -> Vec<&str> {
    a.attendees.iter().map(|p| p.name.as_str()).collect()
}

fn minutes_of(clock: &str) -> i64 {
    let (h, m) = clock.split_once(':').unwrap();
    h.parse::<i64>().unwrap() * 60 + m.parse::<i64>().unwrap()
}

#[test]
fn the_small_demo_calendar_has_rooms_hours_and_bank_holidays() {
    let (_dir, s) = demo_desk(wednesday());
    let settings = s.read(scheduling::settings).unwrap();
    assert_eq!(settings.time_zone, "Europe/London");
    let rooms: Vec<&str> = settings.rooms.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(rooms, ["Willow room", "Cedar room", "Garden room"]);
    assert_eq!(settings.counsellors.len(), 2, "two counsellor columns");
    for c in &settings.counsellors {
        assert!(!c.hours.is_empty(), "{} has working hours", c.name);
        assert!(c.hours.iter().any(|h| h.ends == "20:00"), "{} keeps one late evening", c.name);
        assert!(c.hours.iter().all(|h| h.weekday <= 5), "nobody works weekends");
    }
    let jordan = settings.counsellors.iter().find(|c| c.name == "Dr Jordan Ellis").unwrap();
    assert!(jordan.hours.iter().any(|h| (h.weekday, h.starts.as_str(), h.ends.as_str()) == (4, "12:00", "20:00")));
    // The last bank holiday (the summer one) and the next two: Christmas and Boxing Day (moved
    // to Monday 28 December 2026, as the 26th is a Saturday).
    let closed: Vec<(&str, &str)> = settings.closed_days.iter().map(|d| (d.day.as_str(), d.reason.as_str())).collect();
    assert_eq!(
        closed,
        [("2026-08-31", "Bank holiday"), ("2026-12-25", "Bank holiday"), ("2026-12-28", "Bank holiday")]
    );
}

#[test]
fn the_small_demo_books_maggie_and_davids_weekly_series_with_both_partners() {
    let now = wednesday();
    let (_dir, s) = demo_desk(now);
    let mut seen = Vec::new();
    for from in ["2026-10-12", "2026-11-23", "2027-01-04"] {
        seen.extend(view(&s, from, 42, now).appointments);
    }
    seen.dedup_by(|a, b| a.key == b.key);
    let couple: Vec<&Appointment> =
        seen.iter().filter(|a| a.kind == "couple" && names(a).contains(&"Maggie Okafor")).collect();
    assert!(couple.len() >= 10, "weekly for twelve weeks (bank holidays aside): {}", couple.len());
    for a in &couple {
        assert_eq!(names(a), ["Maggie Okafor", "David Okafor"], "both partners come: {}", a.key);
        assert!(a.series_id.is_some() && a.relationship_id.is_some(), "{} is part of the couple's series", a.key);
        assert_eq!(a.counsellor_name, "Dr Jordan Ellis");
        assert!(a.start.ends_with("T18:00") || a.start.ends_with("T17:00"), "Thursday evenings: {}", a.start);
    }
    let starts: Vec<&str> = couple.iter().map(|a| a.start.as_str()).collect();
    assert!(starts.iter().any(|s| s.ends_with("T17:00")), "one was moved an hour earlier: {starts:?}");
    let statuses: Vec<&str> = couple.iter().map(|a| a.status.as_str()).collect();
    assert!(statuses.contains(&"cancelled") && statuses.contains(&"done") && statuses.contains(&"booked"));
    // The fortnightly series and the group are there too.
    let priya: Vec<&Appointment> = seen.iter().filter(|a| names(a) == ["Priya Raman"]).collect();
    assert!(priya.len() >= 6 && priya.iter().all(|a| a.series_id.is_some()), "Priya's fortnightly series");
    assert!(priya.iter().any(|a| a.status == "no_show"), "one missed");
    assert!(seen.iter().any(|a| a.kind == "group" && a.room_name == "Garden room" && a.attendees.len() == 4));
    assert!(seen.iter().any(|a| a.kind == "intake" && a.status == "booked"), "an intake to come");
    assert!(seen.iter().any(|a| a.kind == "review"), "a review");
    assert!(
        seen.iter().any(|a| a.cancel_reason.as_deref() == Some("late")),
        "one cancelled late, with its reason kept"
    );
}

#[test]
fn the_small_demo_has_todays_appointments_as_the_day_stands() {
    let now = wednesday();
    let (_dir, s) = demo_desk(now);
    let today = view(&s, "2026-11-25", 1, now);
    assert_eq!(today.today, "2026-11-25");
    let by_kind: HashMap<&str, &Appointment> = today.appointments.iter().map(|a| (a.kind.as_str(), a)).collect();
    assert!(today.appointments.len() >= 2, "{:?}", today.appointments);
    assert_eq!(by_kind["group"].status, "in_session", "the 10:00 group is under way at 10:30");
    assert_eq!(by_kind["couple"].status, "booked", "Tom and Eileen come at 14:00");
    assert_eq!(
        names(by_kind["couple"]),
        ["Tom Brennan", "Eileen Brennan"],
        "preferred names, as the calendar shows them"
    );
    // Every appointment before today was marked; none after it was.
    let before = view(&s, "2026-10-14", 42, now);
    for a in before.appointments.iter().filter(|a| a.start.as_str() < "2026-11-25") {
        assert!(["done", "no_show", "cancelled"].contains(&a.status.as_str()), "{} {} is {}", a.key, a.start, a.status);
    }
    for a in view(&s, "2026-11-26", 42, now).appointments {
        assert!(["booked", "cancelled"].contains(&a.status.as_str()), "{} {} is {}", a.key, a.start, a.status);
    }
}

/// No counsellor, room or person twice at once; every appointment inside its counsellor's
/// hours, on a day the clinic is open.
fn assert_no_clashes(s: &Session, from: &str, days: u32, now: DateTime<Utc>) -> usize {
    let v = view(s, from, days, now);
    let settings = s.read(scheduling::settings).unwrap();
    let closed: Vec<&str> = settings.closed_days.iter().map(|d| d.day.as_str()).collect();
    let live: Vec<&Appointment> = v.appointments.iter().filter(|a| a.status != "cancelled").collect();
    for (i, a) in live.iter().enumerate() {
        for b in &live[i + 1..] {
            if a.start_utc < b.end_utc && b.start_utc < a.end_utc {
                let both = |x: &Appointment| x.attendees.iter().map(|p| p.person_id).collect::<Vec<_>>();
                assert_ne!(a.counsellor_id, b.counsellor_id, "counsellor double-booked: {} and {}", a.key, b.key);
                assert_ne!(a.room_id, b.room_id, "room double-booked: {} and {}", a.key, b.key);
                assert!(
                    both(a).iter().all(|p| !both(b).contains(p)),
                    "a person double-booked: {} and {}",
                    a.key,
                    b.key
                );
            }
        }
        let day = &a.start[..10];
        assert!(!closed.contains(&day), "{} is on a closed day", a.key);
        let wd = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap().format("%u").to_string();
        let hours = &settings.counsellors.iter().find(|c| c.counsellor_id == a.counsellor_id).unwrap().hours;
        let (start, end) = (minutes_of(&a.start[11..]), minutes_of(&a.end[11..]));
        assert!(
            hours
                .iter()
                .any(|h| h.weekday.to_string() == wd && minutes_of(&h.starts) <= start && end <= minutes_of(&h.ends)),
            "{} ({} to {}) is outside {}'s hours",
            a.key,
            a.start,
            a.end,
            a.counsellor_name
        );
    }
    live.len()
}

#[test]
fn the_small_demo_calendar_has_no_clashes() {
    let now = wednesday();
    let (_dir, s) = demo_desk(now);
    // Seven weeks back and eight weeks ahead.
    let booked = assert_no_clashes(&s, "2026-10-05", 42, now)
        + assert_no_clashes(&s, "2026-11-16", 42, now)
        + assert_no_clashes(&s, "2026-12-28", 42, now);
    assert!(booked > 60, "{booked} appointments checked");
}

#[test]
fn the_small_demo_can_be_made_on_any_day() {
    // Christmas Day (closed), a Thursday evening during Maggie and David's session, and a
    // Sunday: the calendar is made either way, and holds no clash.
    for now in ["2026-12-25T09:00:00Z", "2027-03-18T18:20:00Z", "2026-11-22T10:00:00Z"] {
        let now = at(now);
        let (_dir, s) = demo_desk(now);
        let today = now.date_naive();
        let monday = today - chrono::Days::new(u64::from(chrono::Datelike::weekday(&today).num_days_from_monday()));
        let from = (monday - chrono::Days::new(42)).to_string();
        assert_no_clashes(&s, &from, 42, now);
        assert_no_clashes(&s, &monday.to_string(), 42, now);
        let evening = view(&s, &today.to_string(), 1, now);
        if today.to_string() == "2027-03-18" {
            let couple =
                evening.appointments.iter().find(|a| a.kind == "couple" && a.start.ends_with("T18:00")).unwrap();
            assert_eq!(couple.status, "in_session", "Maggie and David are in the room at 18:20");
        }
    }
}
