//! The iCalendar export: its structure, and a round trip through Python's `icalendar` and
//! `recurring_ical_events` (a weekly series across the spring clock change with one occurrence
//! cancelled and one moved, a fortnightly series up to a last day across the autumn change, a
//! single), expanded there and compared with what the clinic booked. The `VTIMEZONE` written from
//! jiff is checked against Python's own zone database at every event.
//!
//! Set REKINDLE_TEST_OUTPUT to a folder to keep the exported file for a look.

use std::process::Command;

use rekindle_core::handouts::compose;
use rekindle_core::scheduling::{self, ics, CancelInput, Repeat, RescheduleInput, Scope};
use rekindle_core::Error;

use crate::sched_support::*;
use crate::support::*;

/// A Python that has both modules: REKINDLE_ICAL_PYTHON, then Debian's (where
/// scripts/install-deps.sh puts python3-icalendar and python3-recurring-ical-events), then
/// whatever `python3` is first on PATH.
fn python() -> String {
    let mut candidates: Vec<String> = std::env::var("REKINDLE_ICAL_PYTHON").into_iter().collect();
    candidates.extend(["/usr/bin/python3".to_owned(), "python3".to_owned()]);
    for c in &candidates {
        let ok = Command::new(c)
            .args(["-c", "import icalendar, recurring_ical_events"])
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false);
        if ok {
            return c.clone();
        }
    }
    panic!(
        "No Python with the icalendar and recurring_ical_events modules was found (tried {candidates:?}). \
         Run scripts/install-deps.sh (Debian: apt-get install python3-icalendar python3-recurring-ical-events), \
         or set REKINDLE_ICAL_PYTHON to an interpreter that has both."
    );
}

const EXPAND: &str = r#"
import sys, datetime
from zoneinfo import ZoneInfo
import icalendar, recurring_ical_events

cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
london = ZoneInfo("Europe/London")
start = datetime.datetime(2027, 1, 1, tzinfo=london)
end = datetime.datetime(2028, 1, 1, tzinfo=london)
events = sorted(recurring_ical_events.of(cal).between(start, end), key=lambda e: e["DTSTART"].dt)
vtz = cal.walk("VTIMEZONE")[0].to_tz()
for e in events:
    s = e["DTSTART"].dt
    if "DTEND" in e:
        f = e["DTEND"].dt
    else:
        f = s + e["DURATION"].dt
    local = s.astimezone(london)
    # The VTIMEZONE the file carries must agree with the zone database at this instant.
    utc = s.astimezone(datetime.timezone.utc)
    tz_ok = utc.astimezone(vtz).utcoffset() == utc.astimezone(london).utcoffset()
    minutes = int((f - s).total_seconds() // 60)
    print(local.strftime("%Y-%m-%dT%H:%M%z"), minutes, str(e.get("SUMMARY")), "|", str(e.get("LOCATION")), "|",
          "vtimezone-ok" if tz_ok else "vtimezone-WRONG")
"#;

fn expand(ics_text: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("alex.ics");
    std::fs::write(&file, ics_text).unwrap();
    let out = Command::new(python()).arg("-c").arg(EXPAND).arg(&file).output().unwrap();
    assert!(out.status.success(), "python failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).lines().map(str::to_owned).collect()
}

#[test]
fn a_counsellors_calendar_round_trips_through_python_across_both_clock_changes() {
    let cal = calendar();
    let mut desk = cal.sign_in("frankie");
    // Mondays at 18:00 from 15 March 2027; the clocks go forward on 28 March.
    let series = book(&mut desk, &weekly_couple(&cal, "2027-03-15", "18:00", 6));
    let keys: Vec<String> = series.appointments.iter().map(|a| a.key.clone()).collect();
    let cancel = CancelInput { key: keys[1].clone(), scope: Scope::ThisOne, reason: "by_client".into(), note: None };
    desk.write(|tx, a| scheduling::cancel(tx, a, &cancel, now())).unwrap();
    let mv = RescheduleInput {
        key: keys[3].clone(),
        scope: Scope::ThisOne,
        date: "2027-04-07".into(),
        start_time: "09:30".into(),
        minutes: None,
        counsellor_id: None,
        room_id: Some(cal.garden),
        allow_outside_hours: false,
    };
    desk.write(|tx, a| scheduling::reschedule(tx, a, &mv, now())).unwrap();
    // A single, and a fortnightly series up to a last day across the autumn change (31 October).
    let mut single = booking("individual", cal.alex, cal.room1, &[cal.tom], "2027-03-24", "10:00");
    single.reception_note = Some("Prefers a text reminder".into());
    book(&mut desk, &single);
    let mut fortnightly = booking("individual", cal.alex, cal.room1, &[cal.tom], "2027-10-18", "10:00");
    fortnightly.repeat = Some(Repeat { every_weeks: 2, count: None, until: Some("2027-11-20".into()) });
    book(&mut desk, &fortnightly);
    // Another counsellor's appointment stays out of Alex's file.
    book(&mut desk, &booking("individual", cal.sam, cal.garden, &[cal.priya], "2027-03-16", "10:00"));
    desk.sign_out(now()).unwrap();

    let mut alex = cal.sign_in("alex");
    let text = alex.write(|tx, a| ics::export(tx, a, cal.alex, now())).unwrap();
    if let Some(dir) = std::env::var_os("REKINDLE_TEST_OUTPUT") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(std::path::Path::new(&dir).join("alex.ics"), &text).unwrap();
    }

    // Structure: CRLF lines of at most 75 octets, the rule, its exceptions and the zone.
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && text.ends_with("END:VCALENDAR\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "every line ends in CRLF");
    assert!(text.split("\r\n").all(|l| l.len() <= 75), "lines are folded at 75 octets");
    for expected in [
        "BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n",
        "DTSTART;TZID=Europe/London:20270315T180000\r\n",
        "RRULE:FREQ=WEEKLY;INTERVAL=1;COUNT=6\r\n",
        "EXDATE;TZID=Europe/London:20270322T180000\r\n",
        "RECURRENCE-ID;TZID=Europe/London:20270405T180000\r\n",
        "DTSTART;TZID=Europe/London:20270407T093000\r\n",
        "RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=20271115T100000Z\r\n",
        "SUMMARY:Maggie Okafor and David Okafor\r\n",
        "LOCATION:Garden Room\r\n",
    ] {
        assert!(text.contains(expected), "expected {expected:?} in:\n{text}");
    }
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 4, "two series, one override, one single:\n{text}");
    assert!(text.contains("UID:a-") && text.contains("UID:s-") && text.contains("@rekindle.local"));
    for never in ["Priya", "Raman", "Couple", "couple", "Individual", "session", "Prefers", "reminder"] {
        assert!(!text.contains(never), "the export must not say {never:?}:\n{text}");
    }
    assert_eq!(compose::clinical_word_in(&text, &[]), None);

    // Round trip: Python expands the rules, and the times are the clinic's wall clock.
    let lines = expand(&text);
    let got: Vec<String> = lines
        .iter()
        .map(|l| {
            assert!(l.ends_with("vtimezone-ok"), "the VTIMEZONE disagrees with the zone database: {l}");
            l.trim_end_matches(" | vtimezone-ok").to_owned()
        })
        .collect();
    let couple = "Maggie Okafor and David Okafor";
    assert_eq!(
        got,
        vec![
            format!("2027-03-15T18:00+0000 60 {couple} | Room 1"),
            "2027-03-24T10:00+0000 50 Tom Ellis | Room 1".to_owned(),
            format!("2027-03-29T18:00+0100 60 {couple} | Room 1"),
            format!("2027-04-07T09:30+0100 60 {couple} | Garden Room"),
            format!("2027-04-12T18:00+0100 60 {couple} | Room 1"),
            format!("2027-04-19T18:00+0100 60 {couple} | Room 1"),
            "2027-10-18T10:00+0100 50 Tom Ellis | Room 1".to_owned(),
            "2027-11-01T10:00+0000 50 Tom Ellis | Room 1".to_owned(),
            "2027-11-15T10:00+0000 50 Tom Ellis | Room 1".to_owned(),
        ],
        "cancelled 22 March absent, 5 April moved to 7 April 09:30, 18:00 and 10:00 kept across both changes"
    );

    // The export is audited with the counsellor's id only.
    let (action, person, detail): (String, Option<i64>, String) = alex
        .connection()
        .query_row("SELECT action, person_id, detail FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!((action.as_str(), person, detail), ("calendar.export", None, format!("counsellor={}", cal.alex)));
}

#[test]
fn reception_exports_anyones_calendar_a_counsellor_only_their_own() {
    let cal = calendar();
    let mut desk = cal.sign_in("frankie");
    book(&mut desk, &booking("individual", cal.sam, cal.garden, &[cal.priya], "2027-03-16", "10:00"));
    let sams = desk.write(|tx, a| ics::export(tx, a, cal.sam, now())).unwrap();
    assert!(sams.contains("SUMMARY:Priya Raman"));
    let mut alex = cal.sign_in("alex");
    assert!(matches!(alex.write(|tx, a| ics::export(tx, a, cal.sam, now())), Err(Error::Forbidden)));
    let empty = alex.write(|tx, a| ics::export(tx, a, cal.alex, now())).unwrap();
    assert!(empty.contains("BEGIN:VTIMEZONE") && !empty.contains("BEGIN:VEVENT"), "an empty calendar is still valid");
    let mut admin = cal.sign_in("robin");
    assert!(matches!(admin.write(|tx, a| ics::export(tx, a, cal.alex, now())), Err(Error::Forbidden)));
    assert!(matches!(desk.write(|tx, a| ics::export(tx, a, 999_999, now())), Err(Error::NotFound { .. })));
}

#[test]
fn rekindle_admin_writes_a_counsellors_calendar_to_a_file() {
    let cal = calendar();
    let mut desk = cal.sign_in("frankie");
    book(&mut desk, &weekly_couple(&cal, "2027-03-15", "18:00", 3));
    desk.sign_out(now()).unwrap();
    let out = cal.dir.path().join("alex.ics");
    let run = |user: &str, counsellor: &str| {
        Command::new(env!("CARGO_BIN_EXE_rekindle-admin"))
            .arg("--data-dir")
            .arg(cal.dir.path())
            .args(["--user", user, "calendar", "export", "--counsellor", counsellor, "--out"])
            .arg(&out)
            .env("REKINDLE_PASSWORD", DESK_PW)
            .env_remove("REKINDLE_DATA_DIR")
            .output()
            .unwrap()
    };
    let o = run("alex", "alex");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("RRULE:FREQ=WEEKLY;INTERVAL=1;COUNT=3"));
    assert_eq!(expand(&text).len(), 3);
    assert_eq!(run("sam", "alex").status.code(), Some(3), "a counsellor cannot export a colleague's calendar");
    assert_eq!(run("frankie", "nobody").status.code(), Some(1), "an unknown counsellor is an error");
}
