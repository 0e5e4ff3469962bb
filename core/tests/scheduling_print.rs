//! Appointment cards and the day sheet: what they say (read back from the PDF with pdftotext),
//! what they never say, that they are sound PDFs (qpdf), and who may print them.
//!
//! Set REKINDLE_TEST_OUTPUT to a folder to keep the PDFs for a look.

use std::path::Path;
use std::process::Command;

use rekindle_core::handouts::{self, compose, model::Paper, PrintSettings};
use rekindle_core::scheduling::{self, print, CancelInput, RescheduleInput, Scope};
use rekindle_core::session::Session;
use rekindle_core::Error;

use crate::sched_support::*;
use crate::support::*;

fn keep(name: &str, pdf: &[u8]) {
    if let Some(dir) = std::env::var_os("REKINDLE_TEST_OUTPUT") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(Path::new(&dir).join(format!("{name}.pdf")), pdf).unwrap();
    }
}

/// The PDF's text, in reading order or (`layout`) with each table row on its own line.
fn text_of(pdf: &[u8], layout: bool) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sheet.pdf");
    std::fs::write(&file, pdf).unwrap();
    let mut cmd = Command::new("pdftotext");
    if layout {
        cmd.arg("-layout");
    }
    let out = cmd.arg(&file).arg("-").output().expect("pdftotext (poppler-utils) is needed");
    assert!(out.status.success());
    let check = Command::new("qpdf").arg("--check").arg(&file).output().expect("qpdf is needed");
    assert!(check.status.success(), "qpdf --check: {}", String::from_utf8_lossy(&check.stdout));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Asserts `needles` occur in `text` in this order.
fn in_order(text: &str, needles: &[&str]) {
    let mut from = 0;
    for n in needles {
        match text[from..].find(n) {
            Some(i) => from += i + n.len(),
            None => panic!("expected {n:?} after position {from}; text was:\n{text}"),
        }
    }
}

fn card(s: &Session, key: &str) -> Result<(String, Vec<u8>), Error> {
    s.read(|c, a| print::card_pdf(c, a, key, now()))
}

fn cancel(s: &mut Session, key: &str) {
    let input = CancelInput { key: key.into(), scope: Scope::ThisOne, reason: "by_client".into(), note: None };
    s.write(|tx, a| scheduling::cancel(tx, a, &input, now())).unwrap();
}

fn move_to(s: &mut Session, key: &str, date: &str, start: &str, room: Option<i64>) {
    let input = RescheduleInput {
        key: key.into(),
        scope: Scope::ThisOne,
        date: date.into(),
        start_time: start.into(),
        minutes: None,
        counsellor_id: None,
        room_id: room,
        allow_outside_hours: false,
    };
    s.write(|tx, a| scheduling::reschedule(tx, a, &input, now())).unwrap();
}

#[test]
fn a_card_has_the_day_time_phone_and_first_names_and_nothing_else_about_the_people_or_the_service() {
    let cal = calendar();
    let mut desk = cal.sign_in("frankie");
    let series = book(&mut desk, &weekly_couple(&cal, "2027-03-15", "18:00", 6));
    let keys: Vec<String> = series.appointments.iter().map(|a| a.key.clone()).collect();
    cancel(&mut desk, &keys[2]);
    move_to(&mut desk, &keys[3], "2027-04-07", "09:30", Some(cal.garden));

    let (title, pdf) = card(&desk, &keys[0]).unwrap();
    keep("appointment-card", &pdf);
    assert_eq!(title, "Appointment card 2027-03-15", "a neutral job title");
    let text = text_of(&pdf, false);
    in_order(
        &text,
        &[
            "Your appointment",
            "For Maggie and David",
            "Monday 15 March 2027",
            "18:00 to 19:00 (1 hour)",
            "Room 1",
            "Alex Rivera",
            "Please call 020 7946 0001",
            "Your next appointments",
            "Monday 22 March 2027 at 18:00 to 19:00",
            "Wednesday 7 April 2027 at 09:30 to 10:30, Garden Room",
            "Monday 12 April 2027 at 18:00",
            "Monday 19 April 2027 at 18:00",
            "Cut along this line",
        ],
    );
    assert!(!text.contains("29 March"), "the cancelled occurrence is not listed:\n{text}");
    assert!(!text.contains("5 April"), "the moved occurrence is listed at its new time only:\n{text}");
    for never in ["Okafor", "Margaret", "Couple", "couple", "session", "Willow Street", "ounsell"] {
        assert!(!text.contains(never), "the card must not say {never:?}:\n{text}");
    }
    assert_eq!(compose::clinical_word_in(&text, &[]), None);

    // The preview is the same single page, as SVG.
    let preview = desk.read(|c, a| print::card_preview(c, a, &keys[0], now())).unwrap();
    assert_eq!(preview.pages.len(), 1);
    assert!(preview.pages[0].starts_with("<svg") && preview.discreet);
}

#[test]
fn the_card_follows_the_print_settings_for_initials_and_the_clinics_name() {
    let cal = calendar();
    let mut admin = cal.sign_in("robin");
    let settings = PrintSettings {
        paper: Paper::Letter,
        discreet_by_default: true,
        discreet_name: "initials".into(),
        discreet_clinic_name: true,
        has_logo: false,
    };
    admin.write(|tx, a| handouts::save_settings(tx, a, &settings, now())).unwrap();
    admin.sign_out(now()).unwrap();
    let mut desk = cal.sign_in("frankie");
    let single = book(&mut desk, &booking("individual", cal.alex, cal.room1, &[cal.tom], "2027-03-16", "10:00"));
    let (_, pdf) = card(&desk, &single.appointments[0].key).unwrap();
    keep("appointment-card-initials", &pdf);
    let text = text_of(&pdf, false);
    in_order(&text, &["Willow Street Counselling", "Your appointment", "For T. E.", "Tuesday 16 March 2027"]);
    let rows = text_of(&pdf, true);
    in_order(&rows, &["Time", "10:00 to 10:50 (50 minutes)", "Your counsellor", "Alex Rivera", "Please call"]);
    assert!(!text.contains("Tom") && !text.contains("Ellis") && !text.contains("Your next appointments"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("card.pdf"), &pdf).unwrap();
    let info = Command::new("pdfinfo").arg(dir.path().join("card.pdf")).output().expect("pdfinfo is needed");
    assert!(String::from_utf8_lossy(&info.stdout).contains("(letter)"), "printed on the clinic's Letter paper");
}

#[test]
fn reception_prints_anyones_card_a_counsellor_only_their_own_and_prints_are_audited_without_names() {
    let cal = calendar();
    let mut desk = cal.sign_in("frankie");
    let alex_appt = book(&mut desk, &booking("individual", cal.alex, cal.room1, &[cal.tom], "2027-03-16", "10:00"));
    let sam_appt = book(&mut desk, &booking("individual", cal.sam, cal.garden, &[cal.priya], "2027-03-16", "11:00"));
    let (alex_key, sam_key) = (alex_appt.appointments[0].key.clone(), sam_appt.appointments[0].key.clone());
    assert!(card(&desk, &alex_key).is_ok() && card(&desk, &sam_key).is_ok(), "reception prints anyone's card");
    desk.write(|tx, a| print::record_card_printed(tx, a, &alex_key, 2, now())).unwrap();
    let (action, person, detail): (String, Option<i64>, String) = desk
        .connection()
        .query_row("SELECT action, person_id, detail FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(action, "appointment.card");
    assert_eq!(person, Some(cal.tom));
    assert!(detail.contains("copies=2") && !detail.contains("Tom") && !detail.contains("Ellis"), "{detail}");

    let alex = cal.sign_in("alex");
    assert!(card(&alex, &alex_key).is_ok(), "a counsellor prints their own client's card");
    assert!(matches!(card(&alex, &sam_key), Err(Error::Forbidden)), "but not another counsellor's");
    let mut alex = alex;
    assert!(matches!(alex.write(|tx, a| print::record_card_printed(tx, a, &sam_key, 1, now())), Err(Error::Forbidden)));
    let admin = cal.sign_in("robin");
    assert!(matches!(card(&admin, &alex_key), Err(Error::Forbidden)), "the administrator role alone prints no cards");

    cancel(&mut desk, &alex_key);
    assert!(matches!(card(&desk, &alex_key), Err(Error::Conflict(_))), "a cancelled appointment has no card");
    assert!(card(&desk, "a:999999").is_err() && card(&desk, "nonsense").is_err());
}

#[test]
fn the_day_sheet_lists_the_chosen_counsellors_day_in_time_order() {
    let cal = calendar();
    let mut desk = cal.sign_in("frankie");
    book(&mut desk, &weekly_couple(&cal, "2027-03-15", "18:00", 6));
    let mut noted = booking("individual", cal.alex, cal.room1, &[cal.tom], "2027-03-15", "09:00");
    noted.reception_note = Some("Parking permit at the desk".into());
    book(&mut desk, &noted);
    let late = book(&mut desk, &booking("review", cal.alex, cal.garden, &[cal.priya], "2027-03-15", "14:00"));
    cancel(&mut desk, &late.appointments[0].key);
    book(&mut desk, &booking("intake", cal.alex, cal.room1, &[cal.priya], "2027-03-15", "11:30"));
    book(&mut desk, &booking("individual", cal.sam, cal.garden, &[cal.tom], "2027-03-15", "10:00"));
    book(&mut desk, &booking("individual", cal.alex, cal.room1, &[cal.tom], "2027-03-16", "09:00"));

    let (title, pdf) = desk.read(|c, a| print::day_sheet_pdf(c, a, "2027-03-15", &[cal.alex], now())).unwrap();
    keep("day-sheet", &pdf);
    assert_eq!(title, "Day sheet 2027-03-15");
    let text = text_of(&pdf, true);
    in_order(
        &text,
        &[
            "Day sheet",
            "Monday 15 March 2027",
            "Alex Rivera",
            "Start",
            "Note",
            "09:00",
            "09:50",
            "Tom Ellis",
            "Individual",
            "Room 1",
            "Booked",
            "Parking permit",
            "11:30",
            "Priya Raman",
            "Intake",
            "14:00",
            "Priya Raman",
            "Review",
            "Garden",
            "Cancelled by",
            "18:00",
            "19:00",
            "Maggie Okafor",
            "Couple session",
            "(1 of 6)",
        ],
    );
    assert!(!text.contains("Sam Patel"), "only Alex's appointments:\n{text}");
    assert_eq!(text.matches("Tom Ellis").count(), 1, "Sam's 10:00 with Tom is not on Alex's sheet:\n{text}");
    assert!(!text.contains("16 March"), "only that day:\n{text}");
    assert_eq!(compose::clinical_word_in(&text, &[]), None);

    // Everyone's, as reception sees the day: both counsellors, by name.
    let (_, all) = desk.read(|c, a| print::day_sheet_pdf(c, a, "2027-03-15", &[], now())).unwrap();
    keep("day-sheet-everyone", &all);
    in_order(&text_of(&all, true), &["Alex Rivera", "09:00", "Sam Patel", "10:00", "Tom Ellis"]);
    let preview = desk.read(|c, a| print::day_sheet_preview(c, a, "2027-03-15", &[cal.sam], now())).unwrap();
    assert_eq!(preview.pages.len(), 1);

    desk.write(|tx, a| print::record_day_sheet_printed(tx, a, "2027-03-15", now())).unwrap();
    let (action, detail): (String, String) = desk
        .connection()
        .query_row("SELECT action, detail FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!((action.as_str(), detail.as_str()), ("appointment.day_sheet", "day=2027-03-15"));

    // A counsellor prints their own day, not a colleague's.
    let alex = cal.sign_in("alex");
    let (_, own) = alex.read(|c, a| print::day_sheet_pdf(c, a, "2027-03-15", &[], now())).unwrap();
    let own = text_of(&own, true);
    assert!(own.contains("Alex Rivera") && !own.contains("Sam Patel"), "{own}");
    assert!(matches!(
        alex.read(|c, a| print::day_sheet_pdf(c, a, "2027-03-15", &[cal.sam], now())),
        Err(Error::Forbidden)
    ));
    assert!(matches!(
        desk.read(|c, a| print::day_sheet_pdf(c, a, "15/03/2027", &[], now())),
        Err(Error::Validation(_))
    ));
}

#[test]
fn a_day_with_nothing_booked_says_so() {
    let cal = calendar();
    let desk = cal.sign_in("frankie");
    let (_, pdf) = desk.read(|c, a| print::day_sheet_pdf(c, a, "2027-03-17", &[], now())).unwrap();
    assert!(text_of(&pdf, false).contains("Nothing is booked on this day."));
}
