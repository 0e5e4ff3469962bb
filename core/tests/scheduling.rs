//! Scheduling: booking singles and series, every clash rule, daylight saving, changing one
//! occurrence or this and all following, bad input, roles, the next free slot, the waitlist.

use rekindle_core::access::Role;
use rekindle_core::people::{self, ClientInput};
use rekindle_core::relationships::{self, NewRelationship};
use rekindle_core::scheduling::settings::{ClosedDay, CounsellorHours, HoursRow, Room, SchedulingSettingsInput};
use rekindle_core::scheduling::{
    self, Appointment, BookingInput, CalendarQuery, CancelInput, ClashKind, Repeat, RescheduleInput, Scope, SlotQuery,
    WaitlistInput,
};
use rekindle_core::session::{self, Session};
use rekindle_core::Error;
use tempfile::TempDir;

use crate::support::*;

struct Clinic {
    _dir: TempDir,
    desk: Session,
    dir_path: std::path::PathBuf,
    jordan: i64,
    sam: i64,
    willow: i64,
    cedar: i64,
    maggie: i64,
    david: i64,
    couple: i64,
    priya: i64,
}

fn account_id(s: &Session, username: &str) -> i64 {
    s.connection().query_row("SELECT id FROM accounts WHERE username = ?1", [username], |r| r.get(0)).unwrap()
}

fn hours(id: i64, from: &str, to: &str) -> CounsellorHours {
    CounsellorHours {
        counsellor_id: id,
        name: String::new(),
        hours: (1..=5).map(|d| HoursRow { weekday: d, starts: from.into(), ends: to.into() }).collect(),
    }
}

/// A clinic in `zone` with two counsellors (Jordan works 09:00-20:00, Sam 09:00-17:00, both
/// weekdays), two rooms, Easter Monday 2027 closed, reception signed in, and three people:
/// Maggie (a client) and David (her husband, not a client), and Priya (a client).
fn clinic_in(zone: &str) -> Clinic {
    let (dir, mut admin, _) = clinic();
    add_account(&mut admin, "jordan", &[Role::Counsellor]);
    add_account(&mut admin, "sam", &[Role::Counsellor]);
    add_account(&mut admin, "frankie", &[Role::Reception]);
    let (jordan, sam) = (account_id(&admin, "jordan"), account_id(&admin, "sam"));
    let input = SchedulingSettingsInput {
        time_zone: zone.into(),
        rooms: vec![
            Room { id: None, name: "Willow room".into(), active: true },
            Room { id: None, name: "Cedar room".into(), active: true },
        ],
        counsellors: vec![hours(jordan, "09:00", "20:00"), hours(sam, "09:00", "17:00")],
        closed_days: vec![ClosedDay { day: "2027-03-29".into(), reason: "Easter Monday".into() }],
    };
    let saved = admin.write(|tx, a| scheduling::save_settings(tx, a, &input, now())).unwrap();
    let willow = saved.rooms[0].id.unwrap();
    let cedar = saved.rooms[1].id.unwrap();
    admin.sign_out(now()).unwrap();
    let mut desk = session::sign_in(dir.path(), "frankie", DESK_PW, now()).unwrap();
    let client = |s: &mut Session, given: &str, family: &str| {
        let c = ClientInput { given_name: given.into(), family_name: Some(family.into()), ..ClientInput::default() };
        s.write(|tx, a| people::register_client(tx, a, &c, today(), now())).unwrap().id
    };
    let maggie = client(&mut desk, "Maggie", "Okafor");
    let priya = client(&mut desk, "Priya", "Raman");
    let rel = NewRelationship {
        structure: "married".into(),
        member_ids: vec![maggie],
        new_partners: vec![people::PartnerInput {
            given_name: "David".into(),
            family_name: Some("Okafor".into()),
            ..Default::default()
        }],
        note: None,
    };
    let rel = desk.write(|tx, a| relationships::create(tx, a, &rel, now())).unwrap();
    let david = rel.members.iter().find(|m| !m.is_client).unwrap().id;
    let dir_path = dir.path().to_path_buf();
    Clinic { _dir: dir, desk, dir_path, jordan, sam, willow, cedar, maggie, david, couple: rel.id, priya }
}

fn london() -> Clinic {
    clinic_in("Europe/London")
}

fn booking(c: &Clinic, people: &[i64], date: &str, start: &str) -> BookingInput {
    BookingInput {
        kind: if people.len() > 1 { "couple".into() } else { "individual".into() },
        counsellor_id: c.jordan,
        room_id: c.willow,
        attendee_ids: people.to_vec(),
        relationship_id: if people.len() > 1 { Some(c.couple) } else { None },
        date: date.into(),
        start_time: start.into(),
        end_time: None,
        minutes: None,
        repeat: None,
        reception_note: None,
        allow_outside_hours: false,
    }
}

fn weekly(mut b: BookingInput, n: u32) -> BookingInput {
    b.repeat = Some(Repeat { every_weeks: 1, count: Some(n), until: None });
    b
}

fn book(c: &mut Clinic, b: &BookingInput) -> Vec<Appointment> {
    c.desk.write(|tx, a| scheduling::book(tx, a, b, now())).unwrap().appointments
}

fn clashes(r: Result<impl std::fmt::Debug, Error>) -> Vec<(ClashKind, Option<u32>, String)> {
    match r {
        Err(Error::Clash(v)) => v.into_iter().map(|c| (c.kind, c.occurrence, c.message)).collect(),
        other => panic!("expected clashes, got {other:?}"),
    }
}

fn saved_rows(c: &Clinic) -> (i64, i64) {
    (count(&c.desk, "SELECT count(*) FROM appointments"), count(&c.desk, "SELECT count(*) FROM appointment_series"))
}

fn week(c: &Clinic, s: &Session, from: &str, days: u32) -> Vec<Appointment> {
    let _ = c;
    let q = CalendarQuery { from: from.into(), days, counsellor_ids: vec![], room_ids: vec![] };
    s.read(|conn, a| scheduling::calendar(conn, a, &q, now())).unwrap().appointments
}

fn starts(list: &[Appointment]) -> Vec<&str> {
    list.iter().map(|a| a.start.as_str()).collect()
}

#[test]
fn a_couples_weekly_series_is_one_rule_and_shows_every_occurrence_with_both_partners() {
    let mut c = london();
    let b = weekly(booking(&c, &[c.maggie, c.david], "2027-01-04", "18:00"), 6);
    let booked = book(&mut c, &b);
    assert_eq!(booked.len(), 6);
    assert_eq!(saved_rows(&c), (0, 1), "a series is stored as its rule, not as six copied rows");
    let cal = week(&c, &c.desk, "2027-01-01", 42);
    assert_eq!(
        starts(&cal),
        [
            "2027-01-04T18:00",
            "2027-01-11T18:00",
            "2027-01-18T18:00",
            "2027-01-25T18:00",
            "2027-02-01T18:00",
            "2027-02-08T18:00"
        ]
    );
    let names: Vec<&str> = cal[0].attendees.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Maggie Okafor", "David Okafor"], "the partner who is not a client comes too");
    assert_eq!((cal[3].series_position, cal[3].series_length), (Some(4), Some(6)));
    assert_eq!(cal[0].minutes, 60, "a couple session lasts an hour by default");
}

#[test]
fn each_kind_of_clash_is_caught_before_saving_and_names_the_other_booking() {
    let mut c = london();
    // Priya sees Jordan in Willow at 10:00 on Monday 4 January 2027.
    let input = booking(&c, &[c.priya], "2027-01-04", "10:00");
    book(&mut c, &input);

    // Counsellor double-booked (Maggie, another room).
    let mut b = booking(&c, &[c.maggie], "2027-01-04", "10:30");
    b.room_id = c.cedar;
    let found = clashes(c.desk.write(|tx, a| scheduling::book(tx, a, &b, now())));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, ClashKind::Counsellor);
    assert!(
        found[0].2.contains("jordan (test) is already booked (10:00\u{2013}10:50, Priya Raman, Willow room)"),
        "{}",
        found[0].2
    );
    assert!(found[0].2.starts_with("Monday 4 January 2027 at 10:30"), "{}", found[0].2);

    // Room double-booked (Sam, same room).
    let mut b = booking(&c, &[c.maggie], "2027-01-04", "10:30");
    b.counsellor_id = c.sam;
    let found = clashes(c.desk.write(|tx, a| scheduling::book(tx, a, &b, now())));
    assert_eq!(found[0].0, ClashKind::Room);
    assert!(found[0].2.contains("Willow room is already booked (10:00\u{2013}10:50, jordan (test) with Priya Raman)"));

    // An attendee booked elsewhere: David, the partner, is in Cedar with Sam at 15:00.
    let mut elsewhere = booking(&c, &[c.maggie, c.david], "2027-01-05", "15:00");
    elsewhere.counsellor_id = c.sam;
    elsewhere.room_id = c.cedar;
    book(&mut c, &elsewhere);
    let mut b = booking(&c, &[c.david, c.maggie], "2027-01-05", "15:30");
    b.room_id = c.willow;
    let found = clashes(c.desk.write(|tx, a| scheduling::book(tx, a, &b, now())));
    let kinds: Vec<ClashKind> = found.iter().map(|f| f.0).collect();
    assert_eq!(kinds, [ClashKind::Attendee, ClashKind::Attendee], "both partners are busy: {found:?}");
    assert!(found.iter().any(|f| f.2.contains("David Okafor is already booked")));

    // Outside hours: Sam stops at 17:00; allowed with an explicit confirmation.
    let mut b = booking(&c, &[c.priya], "2027-01-06", "16:30");
    b.counsellor_id = c.sam;
    let found = clashes(c.desk.write(|tx, a| scheduling::book(tx, a, &b, now())));
    assert_eq!(found[0].0, ClashKind::OutsideHours);
    assert!(
        found[0].2.contains("outside sam (test)'s working hours on Wednesdays (09:00\u{2013}17:00)"),
        "{}",
        found[0].2
    );
    b.allow_outside_hours = true;
    book(&mut c, &b);

    // Closed day and the past cannot be overridden.
    let mut b = booking(&c, &[c.priya], "2027-03-29", "10:00");
    b.allow_outside_hours = true;
    let found = clashes(c.desk.write(|tx, a| scheduling::book(tx, a, &b, now())));
    assert_eq!(found[0].0, ClashKind::ClosedDay);
    assert!(found[0].2.contains("closed that day (Easter Monday)"));
    let b = booking(&c, &[c.priya], "2026-11-20", "10:00");
    let found = clashes(c.desk.write(|tx, a| scheduling::book(tx, a, &b, now())));
    assert_eq!(found[0].0, ClashKind::InPast);
    assert_eq!(saved_rows(&c).0, 3, "only the three good bookings were saved");
}

#[test]
fn a_series_that_clashes_only_in_its_fifth_week_saves_nothing() {
    let mut c = london();
    let mut room_booking = booking(&c, &[c.priya], "2027-02-01", "18:30");
    room_booking.counsellor_id = c.jordan;
    book(&mut c, &room_booking);
    let before = saved_rows(&c);
    let b = weekly(booking(&c, &[c.maggie, c.david], "2027-01-04", "18:00"), 6);
    // check() is what the form shows while it is filled in; book() refuses the same.
    let shown = c.desk.read(|conn, a| scheduling::check(conn, a, &b, now())).unwrap();
    let found = clashes(c.desk.write(|tx, a| scheduling::book(tx, a, &b, now())));
    assert_eq!(shown.len(), found.len());
    assert!(found.iter().all(|f| f.1 == Some(5)), "only the fifth occurrence clashes: {found:?}");
    assert!(found[0].2.starts_with("Appointment 5 (Monday 1 February 2027 at 18:00)"), "{}", found[0].2);
    assert_eq!(saved_rows(&c), before, "nothing of the series was saved");
}

#[test]
fn a_weekly_series_keeps_its_local_time_across_daylight_saving_changes() {
    for (zone, first) in [("Europe/London", "2027-03-23"), ("America/New_York", "2027-03-09")] {
        let mut c = clinic_in(zone);
        // Book before the clocks change, four weeks.
        let b = weekly(booking(&c, &[c.priya], first, "18:00"), 4);
        let booked = book(&mut c, &b);
        let local: Vec<&str> = booked.iter().map(|a| &a.start[11..]).collect();
        assert_eq!(local, ["18:00"; 4], "{zone}: 18:00 every week");
        let gaps: Vec<i64> = booked.windows(2).map(|w| w[1].start_utc - w[0].start_utc).collect();
        assert!(gaps.contains(&(7 * 86400 - 3600)), "{zone}: the week across the change is 167 hours: {gaps:?}");
    }
}

#[test]
fn moving_one_occurrence_leaves_the_others_and_this_and_following_splits_the_series() {
    let mut c = london();
    let input = weekly(booking(&c, &[c.maggie, c.david], "2027-01-04", "18:00"), 6);
    let series = book(&mut c, &input);

    // Only week 3 moves to Tuesday at 17:00.
    let one = RescheduleInput {
        key: series[2].key.clone(),
        scope: Scope::ThisOne,
        date: "2027-01-19".into(),
        start_time: "17:00".into(),
        minutes: None,
        counsellor_id: None,
        room_id: None,
        allow_outside_hours: false,
    };
    c.desk.write(|tx, a| scheduling::reschedule(tx, a, &one, now())).unwrap();
    let cal = week(&c, &c.desk, "2027-01-01", 42);
    assert_eq!(
        starts(&cal),
        [
            "2027-01-04T18:00",
            "2027-01-11T18:00",
            "2027-01-19T17:00",
            "2027-01-25T18:00",
            "2027-02-01T18:00",
            "2027-02-08T18:00"
        ]
    );
    assert_eq!(saved_rows(&c), (1, 1), "the moved occurrence is the one exception row");

    // From week 4 on, 19:00 in Cedar.
    let following = RescheduleInput {
        key: cal[3].key.clone(),
        scope: Scope::ThisAndFollowing,
        date: "2027-01-25".into(),
        start_time: "19:00".into(),
        minutes: None,
        counsellor_id: None,
        room_id: Some(c.cedar),
        allow_outside_hours: false,
    };
    let moved = c.desk.write(|tx, a| scheduling::reschedule(tx, a, &following, now())).unwrap();
    assert_eq!(moved.len(), 3);
    let cal = week(&c, &c.desk, "2027-01-01", 42);
    let summary: Vec<(&str, &str)> = cal.iter().map(|a| (a.start.as_str(), a.room_name.as_str())).collect();
    assert_eq!(
        summary,
        [
            ("2027-01-04T18:00", "Willow room"),
            ("2027-01-11T18:00", "Willow room"),
            ("2027-01-19T17:00", "Willow room"),
            ("2027-01-25T19:00", "Cedar room"),
            ("2027-02-01T19:00", "Cedar room"),
            ("2027-02-08T19:00", "Cedar room"),
        ]
    );
    assert_eq!(saved_rows(&c), (1, 2), "the series was split into two rules");

    // Cancel the last with a reason; it stays on the calendar, marked.
    let last = cal[5].key.clone();
    let cancel = CancelInput { key: last, scope: Scope::ThisOne, reason: "by_client".into(), note: None };
    c.desk.write(|tx, a| scheduling::cancel(tx, a, &cancel, now())).unwrap();
    let cal = week(&c, &c.desk, "2027-01-01", 42);
    assert_eq!(cal[5].status, "cancelled");
    assert_eq!(cal[5].cancel_reason_label.as_deref(), Some("Cancelled by the client"));
    assert_eq!(cal.iter().filter(|a| a.status == "booked").count(), 5);

    // Cancel this and following from week 2 of the original: weeks 2-5 join the cancelled one.
    let from2 =
        CancelInput { key: cal[1].key.clone(), scope: Scope::ThisAndFollowing, reason: "by_clinic".into(), note: None };
    c.desk.write(|tx, a| scheduling::cancel(tx, a, &from2, now())).unwrap();
    let cal = week(&c, &c.desk, "2027-01-01", 42);
    let statuses: Vec<&str> = cal.iter().map(|a| a.status.as_str()).collect();
    assert_eq!(
        statuses,
        ["booked", "cancelled", "cancelled", "booked", "booked", "cancelled"],
        "this and following cancels the rest of its own series only"
    );
}

#[test]
fn moving_into_a_clash_is_refused_and_nothing_changes() {
    let mut c = london();
    let input = booking(&c, &[c.priya], "2027-01-05", "10:00");
    book(&mut c, &input);
    let input = weekly(booking(&c, &[c.maggie, c.david], "2027-01-04", "10:00"), 3);
    let series = book(&mut c, &input);
    let mv = RescheduleInput {
        key: series[0].key.clone(),
        scope: Scope::ThisAndFollowing,
        date: "2027-01-05".into(),
        start_time: "10:30".into(),
        minutes: None,
        counsellor_id: None,
        room_id: None,
        allow_outside_hours: false,
    };
    let found = clashes(c.desk.write(|tx, a| scheduling::reschedule(tx, a, &mv, now())));
    assert_eq!(found[0].1, Some(1));
    assert!(found.iter().any(|f| f.2.contains("Priya Raman")));
    assert_eq!(starts(&week(&c, &c.desk, "2027-01-04", 1)), ["2027-01-04T10:00"], "the series did not move");
}

#[test]
fn bad_input_names_the_field_and_saves_nothing() {
    let mut c = london();
    let base = booking(&c, &[c.priya], "2027-01-04", "10:00");
    let cases: Vec<(BookingInput, &str, &str)> = vec![
        (BookingInput { end_time: Some("09:30".into()), ..base.clone() }, "endTime", "after the start"),
        (BookingInput { minutes: Some(0), ..base.clone() }, "minutes", "between 5 minutes and 8 hours"),
        (BookingInput { minutes: Some(24 * 60), ..base.clone() }, "minutes", "between 5 minutes and 8 hours"),
        (BookingInput { counsellor_id: 9999, ..base.clone() }, "counsellorId", "not an active counsellor"),
        (BookingInput { room_id: 9999, ..base.clone() }, "roomId", "not known"),
        (BookingInput { date: "2027-02-30".into(), ..base.clone() }, "date", "real day"),
        (BookingInput { start_time: "25:00".into(), ..base.clone() }, "startTime", "HH:MM"),
        (BookingInput { kind: "massage".into(), ..base.clone() }, "kind", "what kind"),
        (BookingInput { attendee_ids: vec![], ..base.clone() }, "attendeeIds", "who is coming"),
        (BookingInput { attendee_ids: vec![c.david], ..base.clone() }, "attendeeIds", "must be a client"),
        (
            BookingInput { repeat: Some(Repeat { every_weeks: 0, count: Some(4), until: None }), ..base.clone() },
            "repeat.everyWeeks",
            "1 to 12 weeks",
        ),
        (
            BookingInput {
                repeat: Some(Repeat { every_weeks: 1, count: Some(4), until: Some("2027-03-01".into()) }),
                ..base.clone()
            },
            "repeat",
            "not both",
        ),
        (
            BookingInput {
                repeat: Some(Repeat { every_weeks: 1, count: None, until: Some("2027-01-01".into()) }),
                ..base.clone()
            },
            "repeat.until",
            "after the first",
        ),
    ];
    for (input, field, words) in cases {
        let errors = field_errors(c.desk.write(|tx, a| scheduling::book(tx, a, &input, now())));
        assert!(
            errors.iter().any(|(f, m)| f == field && m.contains(words)),
            "{field} should say '{words}': {errors:?}"
        );
    }
    // An archived attendee.
    c.desk.write(|tx, a| people::set_archived(tx, a, c.priya, true, now())).unwrap();
    let errors = field_errors(c.desk.write(|tx, a| scheduling::book(tx, a, &base, now())));
    assert!(errors.iter().any(|(f, m)| f == "attendeeIds" && m.contains("Priya is archived")), "{errors:?}");
    assert_eq!(saved_rows(&c), (0, 0), "nothing was written");
    let audit = count(&c.desk, "SELECT count(*) FROM audit_log WHERE action = 'appointment.book'");
    assert_eq!(audit, 0);
    let _ = &mut c;
}

#[test]
fn arrival_is_marked_on_the_day_and_a_cancelled_appointment_cannot_be_marked() {
    let mut c = london();
    // now() is Sunday 22 November 2026, 10:00 UTC; book today at 15:00 outside weekday hours.
    let mut today = booking(&c, &[c.priya], "2026-11-22", "15:00");
    today.allow_outside_hours = true;
    let a = book(&mut c, &today).remove(0);
    let marked = c.desk.write(|tx, ac| scheduling::change_status(tx, ac, &a.key, "arrived", now())).unwrap();
    assert_eq!(marked.status_label, "Arrived");
    let input = weekly(booking(&c, &[c.maggie], "2027-01-04", "10:00"), 2);
    let later = book(&mut c, &input);
    let r = c.desk.write(|tx, ac| scheduling::change_status(tx, ac, &later[1].key, "no_show", now()));
    assert!(matches!(r, Err(Error::Conflict(ref m)) if m.contains("only on its day")), "{r:?}");
    let cancel = CancelInput {
        key: later[1].key.clone(),
        scope: Scope::ThisOne,
        reason: "late".into(),
        note: Some("Rang at 9".into()),
    };
    c.desk.write(|tx, ac| scheduling::cancel(tx, ac, &cancel, now())).unwrap();
    let r = c.desk.write(|tx, ac| scheduling::change_status(tx, ac, &later[1].key, "arrived", now()));
    assert!(matches!(r, Err(Error::Conflict(_))), "{r:?}");
    let bad = CancelInput { key: later[0].key.clone(), scope: Scope::ThisOne, reason: "bored".into(), note: None };
    assert_eq!(fields_of(c.desk.write(|tx, ac| scheduling::cancel(tx, ac, &bad, now()))), ["reason"]);
    let detail: String = c
        .desk
        .connection()
        .query_row("SELECT detail FROM audit_log WHERE action = 'appointment.cancel'", [], |r| r.get(0))
        .unwrap();
    assert!(!detail.contains("Rang"), "the audit log keeps the reason code, never the note: {detail}");
}

#[test]
fn a_counsellor_sees_and_books_only_their_own_calendar_and_the_administrator_none() {
    let mut c = london();
    let input = booking(&c, &[c.priya], "2027-01-04", "10:00");
    book(&mut c, &input);
    let mut sams = booking(&c, &[c.maggie], "2027-01-04", "11:00");
    sams.counsellor_id = c.sam;
    book(&mut c, &sams);
    let jordan = session::sign_in(&c.dir_path, "jordan", DESK_PW, now()).unwrap();
    let mine = week(&c, &jordan, "2027-01-04", 1);
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].counsellor_id, c.jordan);
    let mut jordan = jordan;
    let r = jordan.write(|tx, a| scheduling::book(tx, a, &sams, now()));
    assert!(matches!(r, Err(Error::Forbidden)), "a counsellor cannot book for a colleague: {r:?}");
    let admin = session::sign_in(&c.dir_path, "robin", ADMIN_PW, now()).unwrap();
    let q = CalendarQuery { from: "2027-01-04".into(), days: 1, counsellor_ids: vec![], room_ids: vec![] };
    assert!(matches!(admin.read(|conn, a| scheduling::calendar(conn, a, &q, now())), Err(Error::Forbidden)));
    assert!(admin.read(scheduling::settings).is_ok(), "the administrator keeps the settings");
}

#[test]
fn the_next_free_slot_fits_the_counsellor_the_room_and_every_attendee() {
    let mut c = london();
    // Monday 4 January 2027: Jordan is busy 09:00-12:00, David (the partner) 12:00-13:00 elsewhere.
    let mut morning = booking(&c, &[c.priya], "2027-01-04", "09:00");
    morning.minutes = Some(180);
    book(&mut c, &morning);
    let mut david = booking(&c, &[c.maggie, c.david], "2027-01-04", "12:00");
    david.counsellor_id = c.sam;
    david.room_id = c.cedar;
    book(&mut c, &david);
    let q = SlotQuery {
        counsellor_id: c.jordan,
        room_id: Some(c.willow),
        attendee_ids: vec![c.maggie, c.david],
        minutes: 60,
        from: Some("2027-01-04".into()),
        weeks: Some(8),
        limit: Some(3),
    };
    let slots = c.desk.read(|conn, a| scheduling::next_free_slots(conn, a, &q, now())).unwrap();
    let s: Vec<&str> = slots.iter().map(|s| s.start.as_str()).collect();
    assert_eq!(s, ["2027-01-04T13:00", "2027-01-04T14:00", "2027-01-05T09:00"], "two a day, after both are free");
    assert_eq!(slots[0].label, "Monday 4 January 2027 at 13:00");
}

#[test]
fn the_waitlist_keeps_clients_who_want_an_earlier_slot() {
    let mut c = london();
    let input = WaitlistInput {
        person_id: c.priya,
        counsellor_id: Some(c.jordan),
        kind: "individual".into(),
        note: Some("Mornings".into()),
    };
    let e = c.desk.write(|tx, a| scheduling::add_to_waitlist(tx, a, &input, now())).unwrap();
    assert_eq!((e.name.as_str(), e.kind_label.as_str()), ("Priya Raman", "Individual session"));
    let again = c.desk.write(|tx, a| scheduling::add_to_waitlist(tx, a, &input, now()));
    assert!(matches!(again, Err(Error::Conflict(_))));
    let partner = WaitlistInput { person_id: c.david, ..input.clone() };
    assert_eq!(fields_of(c.desk.write(|tx, a| scheduling::add_to_waitlist(tx, a, &partner, now()))), ["personId"]);
    c.desk.write(|tx, a| scheduling::remove_from_waitlist(tx, a, e.id, now())).unwrap();
    assert!(c.desk.read(scheduling::waitlist).unwrap().is_empty());
}

#[test]
fn the_next_appointment_skips_cancelled_occurrences_and_reads_series_and_singles() {
    let mut c = london();
    let next = |c: &Clinic| {
        scheduling::book::next_day_after(c.desk.connection(), c.maggie, today()).unwrap().map(|d| d.to_string())
    };
    assert_eq!(next(&c), None);
    let input = booking(&c, &[c.maggie], "2027-01-08", "10:00");
    book(&mut c, &input);
    let input = weekly(booking(&c, &[c.maggie, c.david], "2027-01-05", "18:00"), 3);
    let series = book(&mut c, &input);
    assert_eq!(next(&c).as_deref(), Some("2027-01-05"), "the series' first evening comes first");
    let cancel =
        CancelInput { key: series[0].key.clone(), scope: Scope::ThisOne, reason: "by_client".into(), note: None };
    c.desk.write(|tx, a| scheduling::cancel(tx, a, &cancel, now())).unwrap();
    assert_eq!(next(&c).as_deref(), Some("2027-01-08"), "a cancelled evening is not the next appointment");
}

#[test]
fn rooms_can_swap_names_but_not_take_the_name_of_a_room_out_of_use() {
    let c = london();
    let mut admin = session::sign_in(&c.dir_path, "robin", ADMIN_PW, now()).unwrap();
    let settings = |rooms: Vec<Room>| SchedulingSettingsInput {
        time_zone: "Europe/London".into(),
        rooms,
        counsellors: vec![],
        closed_days: vec![],
    };
    // Swapped in one save: both names are taken until the save is done.
    let swapped = settings(vec![
        Room { id: Some(c.willow), name: "Cedar room".into(), active: true },
        Room { id: Some(c.cedar), name: "Willow room".into(), active: true },
    ]);
    let saved = admin.write(|tx, a| scheduling::save_settings(tx, a, &swapped, now())).unwrap();
    let names: Vec<(Option<i64>, String)> = saved.rooms.iter().map(|r| (r.id, r.name.clone())).collect();
    assert!(names.contains(&(Some(c.willow), "Cedar room".into())), "{names:?}");
    assert!(names.contains(&(Some(c.cedar), "Willow room".into())), "{names:?}");

    // Cedar (now called Willow room) is left off the list: out of use, name kept. A new room
    // may not take that name; the field says why and nothing is written.
    let rooms_before = count(&admin, "SELECT count(*) FROM rooms");
    let clash = settings(vec![
        Room { id: Some(c.willow), name: "Cedar room".into(), active: true },
        Room { id: None, name: "willow ROOM".into(), active: true },
    ]);
    let refused = admin.write(|tx, a| scheduling::save_settings(tx, a, &clash, now()));
    assert_eq!(fields_of(refused), vec!["rooms.1.name"]);
    assert_eq!(count(&admin, "SELECT count(*) FROM rooms"), rooms_before);
    assert_eq!(count(&admin, "SELECT count(*) FROM rooms WHERE active = 0"), 0, "nothing was taken out of use");

    // A room that does not exist is named as such, before anything is written.
    let ghost = settings(vec![Room { id: Some(c.cedar + 100), name: "Ghost room".into(), active: true }]);
    let refused = admin.write(|tx, a| scheduling::save_settings(tx, a, &ghost, now()));
    assert!(matches!(refused, Err(Error::NotFound { what: "room", .. })), "{refused:?}");
}

#[test]
fn the_clinics_date_follows_its_own_time_zone_not_the_computers() {
    use chrono::{NaiveDate, TimeZone, Utc};
    use rekindle_core::scheduling::settings::clinic_today;
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    // 12:30 UTC is already half past one the next morning in Auckland (summer time, UTC+13).
    let auckland = clinic_in("Pacific/Auckland");
    let noon = Utc.with_ymd_and_hms(2026, 11, 24, 12, 30, 0).unwrap();
    assert_eq!(auckland.desk.read(|c, _| clinic_today(c, noon)).unwrap(), day(2026, 11, 25));
    // 03:00 UTC is still the evening before in Los Angeles (UTC-8).
    let los_angeles = clinic_in("America/Los_Angeles");
    let early = Utc.with_ymd_and_hms(2026, 11, 24, 3, 0, 0).unwrap();
    assert_eq!(los_angeles.desk.read(|c, _| clinic_today(c, early)).unwrap(), day(2026, 11, 23));
    assert_eq!(los_angeles.desk.read(|c, _| clinic_today(c, noon)).unwrap(), day(2026, 11, 24));
}
