//! Scheduling, in the demo clinic on a fixed clock (Monday 3 March 2031, 08:30 in London). Reception
//! books Daniel Kim with the demo's second counsellor into the first room in four weeks' time;
//! then tries Maggie and David Okafor's weekly series of six couple sessions with Dr Jordan Ellis
//! in that room, from today, at the latest hour inside Dr Ellis's Monday hours (16:00 in the
//! demo). The booking dialog refuses it before anything is saved, naming Daniel's booking as
//! appointment 4's one clash, and the calendar shows no Okafor appointment. Reception books the
//! six in the other room instead (the last two, after the clocks go forward on 30 March, still at
//! the same local time), marks the first as arrived, moves the fourth alone to the Tuesday an hour
//! earlier, cancels the last as cancelled by the client, and prints the couple's appointment card
//! to the virtual PDF printer (the date, the time, the clinic's phone and the moved week; no
//! surname, nothing clinical, not the cancelled week). The counsellor then signs in and sees the
//! series as it now is in their own column, and no other counsellor's column or appointment.
//!
//! Needs what `printed.rs` needs (CUPS with the `Rekindle_PDF` queue, poppler-utils, tesseract),
//! `rekindle-admin` beside the app binary, and a debug build of the app (it honours
//! `REKINDLE_TEST_NOW`).

// Helpers below fail the test the way the test functions do (clippy allows that only inside
// `#[test]` functions themselves).
#![allow(clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use fantoccini::elements::Element;
use fantoccini::Locator;
use rekindle_e2e::{default_timeout, AppWindow, E2eError, Profile};
use serde_json::{json, Value};

use crate::flows;
use crate::printed::{
    choose_printer, job_file_prefix, long_wait, pdf_printer_out_dir, pdfs_in, print_one_copy, printed_text,
    wait_new_pdf,
};

/// The app's clock starts here: a Monday morning in London (UTC+0 until 30 March 2031).
const TEST_NOW: &str = "2031-03-03T08:30:00Z";
const TODAY: &str = "2031-03-03";
/// The Mondays of the series, as `YYYY-MM-DD` and as the calendar's week title says.
const WEEKS: [(&str, &str); 6] = [
    ("2031-03-03", "3 \u{2013} 9 March 2031"),
    ("2031-03-10", "10 \u{2013} 16 March 2031"),
    ("2031-03-17", "17 \u{2013} 23 March 2031"),
    ("2031-03-24", "24 \u{2013} 30 March 2031"),
    ("2031-03-31", "31 March \u{2013} 6 April 2031"),
    ("2031-04-07", "7 \u{2013} 13 April 2031"),
];
/// The day week 4 is moved to (same week, so the week's title stays).
const MOVED_DAY: &str = "2031-03-25";
const MOVED_DAY_WORDS: &str = "Tuesday 25 March 2031";

use flows::{create_demo_clinic, DEMO_PASSWORD};
const COUNSELLOR: &str = "counsellor";
const COUNSELLOR_NAME: &str = "Dr Jordan Ellis";
const RECEPTION: &str = "reception";
const RECEPTION_NAME: &str = "Casey Rivers";
const COUPLE: &str = "Maggie Okafor & David Okafor";
const OTHER_CLIENT: &str = "Daniel Kim";
const CLINIC_PHONE_DIGITS: &str = "7946 0000";

// ---------- Set-up: the demo clinic and its calendar ----------

/// Calls a command through the real IPC (set-up and read-backs only) and expects it to succeed.
async fn call(app: &AppWindow, cmd: &str, args: Value) -> Value {
    app.invoke_raw(cmd, args.clone())
        .await
        .unwrap_or_else(|e| panic!("invoke {cmd}: {e}"))
        .unwrap_or_else(|e| panic!("{cmd} {args} was refused: {e}"))
}

/// Minutes since midnight of `HH:MM`.
fn minutes_of(clock: &str) -> i64 {
    let (h, m) = clock.split_once(':').unwrap_or_else(|| panic!("not a clock time: {clock:?}"));
    h.parse::<i64>().expect("hours") * 60 + m.parse::<i64>().expect("minutes")
}

fn clock_of(minutes: i64) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Whether `start` for `minutes` fits the counsellor's hours on `weekday` (1 = Monday), as Rust
/// judges it: no hours at all means they work whenever booked.
fn fits(hours: &Value, weekday: i64, start: i64, minutes: i64) -> bool {
    let hours = hours.as_array().cloned().unwrap_or_default();
    hours.is_empty()
        || hours.iter().any(|h| {
            h["weekday"].as_i64() == Some(weekday)
                && minutes_of(h["starts"].as_str().unwrap_or("00:00")) <= start
                && start + minutes <= minutes_of(h["ends"].as_str().unwrap_or("00:00"))
        })
}

/// Who and where, as the calendar's settings have them.
struct Clinic {
    jordan: i64,
    /// Working hours as the settings list them: `[{ weekday, starts, ends }]`.
    jordan_hours: Value,
    other: i64,
    other_name: String,
    other_hours: Value,
    /// The room Daniel is booked in (and the series first asks for), and the free one.
    busy_room: (i64, String),
    free_room: (i64, String),
}

fn clinic_from(settings: &Value) -> Option<Clinic> {
    let counsellors = settings["counsellors"].as_array()?;
    let jordan = counsellors.iter().find(|c| c["name"] == json!(COUNSELLOR_NAME))?;
    let other = counsellors.iter().find(|c| c["name"] != json!(COUNSELLOR_NAME))?;
    let rooms: Vec<(i64, String)> = settings["rooms"]
        .as_array()?
        .iter()
        .filter(|r| r["active"] == json!(true))
        .filter_map(|r| Some((r["id"].as_i64()?, r["name"].as_str()?.to_owned())))
        .collect();
    if rooms.len() < 2 {
        return None;
    }
    Some(Clinic {
        jordan: jordan["counsellorId"].as_i64()?,
        jordan_hours: jordan["hours"].clone(),
        other: other["counsellorId"].as_i64()?,
        other_name: other["name"].as_str()?.to_owned(),
        other_hours: other["hours"].clone(),
        busy_room: rooms[0].clone(),
        free_room: rooms[1].clone(),
    })
}

// ---------- Reading and driving the calendar ----------

/// One appointment on the grid, as the person sees it.
#[derive(Debug, Clone)]
struct Shown {
    key: String,
    status: String,
    text: String,
    /// Whether its time or names are drawn struck through.
    struck: bool,
}

async fn shown(app: &AppWindow) -> rekindle_e2e::Result<Vec<Shown>> {
    let v = app
        .execute(
            r#"return [...document.querySelectorAll('[data-testid="appt"]')]
                 .filter((e) => e.getClientRects().length > 0)
                 .map((e) => ({
                   key: e.getAttribute('data-appt-key') || '',
                   status: e.getAttribute('data-status') || '',
                   text: e.innerText.replace(/\s+/g, ' ').trim(),
                   struck: [e, ...e.querySelectorAll('*')].some((x) => getComputedStyle(x).textDecorationLine.includes('line-through')),
                 }));"#,
            vec![],
        )
        .await?;
    Ok(v.as_array()
        .map(|a| {
            a.iter()
                .map(|x| Shown {
                    key: x["key"].as_str().unwrap_or_default().to_owned(),
                    status: x["status"].as_str().unwrap_or_default().to_owned(),
                    text: x["text"].as_str().unwrap_or_default().to_owned(),
                    struck: x["struck"] == json!(true),
                })
                .collect()
        })
        .unwrap_or_default())
}

/// Whether the calendar is fetching (its toolbar shows the spinner).
async fn calendar_loading(app: &AppWindow) -> rekindle_e2e::Result<bool> {
    let v = app
        .execute(
            r#"const v = document.querySelector('[data-testid="calendar-view"] [role="toolbar"]');
               return !!(v && v.querySelector('[role="status"]'));"#,
            vec![],
        )
        .await?;
    Ok(v == json!(true))
}

/// Waits until the calendar's title is exactly `title`.
async fn wait_title(app: &AppWindow, title: &str) {
    app.wait_until(&format!("the calendar's title to be {title:?}"), default_timeout(), async || {
        Ok((app.text_of("calendar-title").await?.trim() == title).then_some(()))
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"));
}

/// Week view, columns by counsellor, on the week of the series' `week`-th Monday (0-based), as
/// a person gets there: from one of the series' weeks by Previous or Next, from anywhere else by
/// Week, Counsellors and Today first. Waits for the title, the fetch, and until `ready` (which
/// `want` describes) holds for what is shown.
async fn show_week(app: &AppWindow, week: usize, want: &str, ready: impl Fn(&[Shown]) -> bool) -> Vec<Shown> {
    let title = app.text_of("calendar-title").await.expect("read the calendar's title");
    let at = match WEEKS.iter().position(|w| w.1 == title.trim()) {
        Some(at) => at,
        None => {
            app.click("calendar-view-week").await.expect("click Week");
            app.click("calendar-by-counsellor").await.expect("click Counsellors");
            if app.is_enabled("calendar-today").await.expect("read Today") {
                app.click("calendar-today").await.expect("click Today");
            }
            wait_title(app, WEEKS[0].1).await;
            0
        }
    };
    let (button, steps) = if week >= at { ("calendar-next", week - at) } else { ("calendar-prev", at - week) };
    for _ in 0..steps {
        app.click(button).await.unwrap_or_else(|e| panic!("click {button}: {e}"));
    }
    let title = WEEKS[week].1;
    wait_title(app, title).await;
    app.wait_until(&format!("the week of {title} to show {want}"), long_wait(), async || {
        if calendar_loading(app).await? {
            return Ok(None);
        }
        let now = shown(app).await?;
        Ok(ready(&now).then_some(now))
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"))
}

fn couple_in(list: &[Shown]) -> Vec<Shown> {
    list.iter().filter(|a| a.text.contains("Maggie Okafor")).cloned().collect()
}

fn with_key<'a>(list: &'a [Shown], key: &str) -> Option<&'a Shown> {
    list.iter().find(|a| a.key == key)
}

/// The displayed element with test id `testid` whose attribute `attr` is `value`, now.
async fn element_where(
    app: &AppWindow,
    testid: &str,
    attr: &str,
    value: &str,
) -> rekindle_e2e::Result<Option<Element>> {
    for e in app.visible_by_test_id(testid).await? {
        if e.attr(attr).await.map_err(|e| E2eError(format!("reading {attr}: {e}")))?.as_deref() == Some(value) {
            return Ok(Some(e));
        }
    }
    Ok(None)
}

/// The displayed element with test id `testid` whose text contains `needle`, now.
async fn element_saying(app: &AppWindow, testid: &str, needle: &str) -> rekindle_e2e::Result<Option<Element>> {
    for e in app.visible_by_test_id(testid).await? {
        if e.text().await.map_err(|e| E2eError(format!("reading {testid}: {e}")))?.contains(needle) {
            return Ok(Some(e));
        }
    }
    Ok(None)
}

/// Clicks an element found by `find` (retrying past re-renders until it is there and enabled).
async fn click_found(app: &AppWindow, what: &str, find: impl AsyncFn() -> rekindle_e2e::Result<Option<Element>>) {
    app.wait_until(&format!("{what} to be clickable"), default_timeout(), async || {
        let Some(e) = find().await? else { return Ok(None) };
        if !e.is_enabled().await.map_err(|e| E2eError(format!("reading enabled: {e}")))? {
            return Ok(None);
        }
        e.click().await.map_err(|e| E2eError(format!("clicking {what}: {e:?}")))?;
        Ok(Some(()))
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"));
}

/// Clicks the appointment on the grid (its event box, which a person clicks: the text inside
/// may run past the box's bottom edge, where something else is on top) and waits for its dialog.
async fn open_appointment(app: &AppWindow, key: &str) {
    click_found(app, &format!("the appointment {key} on the grid"), async || {
        let Some(appt) = element_where(app, "appt", "data-appt-key", key).await? else { return Ok(None) };
        let event = appt
            .find(Locator::XPath("./ancestor::*[@role='button'][1]"))
            .await
            .map_err(|e| E2eError(format!("finding the event box around {key}: {e}")))?;
        Ok(Some(event))
    })
    .await;
    app.wait_for("appointment-dialog", default_timeout()).await.expect("the appointment dialog opens");
}

/// Scrolls the grid so the appointment with this key (or whose text has it) is in the middle
/// (the grid opens at 08:00), for a screenshot that shows it.
async fn scroll_to(app: &AppWindow, key_or_text: &str) {
    app.execute(
        r#"const a = [...document.querySelectorAll('[data-testid="appt"]')]
             .find((e) => e.getAttribute('data-appt-key') === arguments[0] || e.innerText.includes(arguments[0]));
           if (a) (a.closest('[role="button"]') || a).scrollIntoView({ block: 'center' });"#,
        vec![json!(key_or_text)],
    )
    .await
    .expect("scroll to the appointment");
}

/// The text of the grid's column heads (days, and a column per counsellor or room when there
/// is more than one: with one column a day, the calendar heads it with the day alone).
async fn column_heads(app: &AppWindow) -> String {
    let v = app
        .execute(
            r#"const h = document.querySelector('[data-testid="calendar-grid"] .ec-header');
               return h ? h.innerText : '';"#,
            vec![],
        )
        .await
        .expect("read the column heads");
    v.as_str().unwrap_or_default().to_owned()
}

async fn close_appointment(app: &AppWindow) {
    app.click("appointment-close").await.expect("click Close");
    app.wait_gone("appointment-dialog", default_timeout()).await.expect("the appointment dialog closes");
}

/// The value and label of every option of the displayed `<select>` with this test id.
async fn options_of(app: &AppWindow, testid: &str) -> Vec<(String, String)> {
    app.wait_for(testid, default_timeout()).await.unwrap_or_else(|e| panic!("{e}"));
    let v = app
        .execute(
            r#"const s = [...document.querySelectorAll(`[data-testid="${arguments[0]}"]`)]
                 .find((e) => e.getClientRects().length > 0);
               return s ? [...s.options].map((o) => [o.value, o.textContent.trim()]) : [];"#,
            vec![json!(testid)],
        )
        .await
        .expect("read the options");
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|o| (o[0].as_str().unwrap_or_default().to_owned(), o[1].as_str().unwrap_or_default().to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

/// The booking dialog's clash lines: (data-kind, text).
async fn clash_lines(app: &AppWindow) -> rekindle_e2e::Result<Vec<(String, String)>> {
    let v = app
        .execute(
            r#"return [...document.querySelectorAll('[data-testid="booking-clash"]')]
                 .filter((e) => e.getClientRects().length > 0)
                 .map((e) => [e.getAttribute('data-kind') || '', e.innerText.trim()]);"#,
            vec![],
        )
        .await?;
    Ok(v.as_array()
        .map(|a| {
            a.iter()
                .map(|x| (x[0].as_str().unwrap_or_default().to_owned(), x[1].as_str().unwrap_or_default().to_owned()))
                .collect()
        })
        .unwrap_or_default())
}

/// In the booking dialog: search for a client and pick the result that names them.
async fn pick_client(app: &AppWindow, query: &str, name: &str) {
    app.type_into("booking-client-search", query).await.expect("type the client's name");
    click_found(app, &format!("{name} among the results"), async || {
        element_saying(app, "booking-client-result", name).await
    })
    .await;
    app.wait_for_text("booking-client", name, default_timeout()).await.expect("the client is chosen");
}

/// Fills in the booking dialog for Maggie and David's weekly series of six at `time` in `room`.
async fn fill_in_the_series(app: &AppWindow, c: &Clinic, room: i64, time: &str) {
    app.click("calendar-book").await.expect("click Book appointment");
    app.wait_for("booking-dialog", default_timeout()).await.expect("the booking dialog opens");
    pick_client(app, "Maggie", "Maggie Okafor").await;
    let relationships = options_of(app, "booking-relationship").await;
    let (rel, label) = relationships
        .iter()
        .find(|(v, _)| !v.is_empty())
        .unwrap_or_else(|| panic!("Maggie's relationship is offered: {relationships:?}"));
    println!("coming as: {label:?}");
    app.select_option("booking-relationship", rel).await.expect("choose the relationship");
    // Both are ticked by choosing the relationship; tick any that is not, as reception checks.
    let people = app
        .wait_until("Maggie and David to be offered as attendees", default_timeout(), async || {
            let v = app
                .execute(
                    r#"return [...document.querySelectorAll('[data-testid="booking-attendee"]')]
                         .filter((e) => e.getClientRects().length > 0)
                         .map((e) => [e.getAttribute('data-person-id'), e.checked,
                                      (document.querySelector(`label[for="${e.id}"]`) || {}).textContent || '']);"#,
                    vec![],
                )
                .await?;
            let list: Vec<(String, bool, String)> = v
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|x| {
                            (
                                x[0].as_str().unwrap_or_default().to_owned(),
                                x[1] == json!(true),
                                x[2].as_str().unwrap_or_default().to_owned(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let both = list.iter().any(|p| p.2.contains("Maggie")) && list.iter().any(|p| p.2.contains("David"));
            Ok(both.then_some(list))
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    println!("attendees offered: {people:?}");
    assert!(
        people.iter().any(|p| p.2.contains("David Okafor") && p.2.contains("partner")),
        "David is offered as Maggie's partner who is not a client: {people:?}"
    );
    for (id, ticked, _) in &people {
        if !ticked {
            click_found(app, &format!("attendee {id}"), async || {
                element_where(app, "booking-attendee", "data-person-id", id).await
            })
            .await;
        }
    }
    app.select_option("booking-kind", "couple").await.expect("kind: couple session");
    app.wait_until("the length to follow the kind (60 minutes)", default_timeout(), async || {
        Ok((app.prop_of("booking-minutes", "value").await?.as_deref() == Some("60")).then_some(()))
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    app.select_option("booking-counsellor", &c.jordan.to_string()).await.expect("choose Dr Jordan Ellis");
    app.select_option("booking-room", &room.to_string()).await.expect("choose the room");
    app.type_into("booking-date", TODAY).await.expect("type the date");
    app.type_into("booking-start", time).await.expect("type the start");
    app.set_checked("booking-repeat", true).await.expect("tick Repeat");
    app.type_into("booking-every-weeks", "1").await.expect("every week");
    app.type_into("booking-count", "6").await.expect("six appointments");
}

// ---------- Printing ----------

/// In the open print dialog: the PDF queue, one copy, Print; returns the printed file.
async fn print_to_pdf_queue(app: &AppWindow, cups_out: &Path) -> PathBuf {
    choose_printer(app, "reception").await;
    let before = pdfs_in(cups_out);
    let status = print_one_copy(app, "reception").await;
    println!("print status: {status:?}");
    wait_new_pdf(app, cups_out, &before, job_file_prefix(&status).as_deref(), "the card").await.0
}

// ---------- The journey ----------

#[tokio::test(flavor = "multi_thread")]
async fn reception_books_moves_cancels_and_prints_a_couples_weekly_series() {
    let started = Instant::now();
    let cups_out = pdf_printer_out_dir();
    let profile = Profile::new("scheduling").expect("create a profile");
    create_demo_clinic(&profile);
    let app = crate::launch_at(&profile, TEST_NOW).await.expect("launch Rekindle on the test clock");

    // 1. Reception opens the calendar: it is on the clinic's today, the test clock's Monday.
    flows::sign_in(&app, RECEPTION, DEMO_PASSWORD, RECEPTION_NAME).await.expect("reception signs in");
    app.click("nav-calendar").await.expect("click Calendar");
    app.wait_for_text("calendar-title", "Monday 3 March 2031", long_wait())
        .await
        .expect("the calendar opens on the clinic's today (REKINDLE_TEST_NOW)");
    let settings = call(&app, "scheduling_settings", json!({})).await;
    let c = clinic_from(&settings).unwrap_or_else(|| {
        panic!(
            "the demo clinic's calendar should have {COUNSELLOR_NAME}, a second counsellor and two rooms \
             (core/src/demo/appointments.rs), but its settings are: {settings}"
        )
    });
    println!(
        "rooms {:?} (busy) and {:?} (free); {COUNSELLOR_NAME} #{}; {} #{}",
        c.busy_room, c.free_room, c.jordan, c.other_name, c.other
    );
    // 18:00 when it is inside Dr Ellis's Monday hours (else the latest hour that is), and week 4
    // moved to the Tuesday an hour earlier (or later) inside their hours.
    let start = [18, 17, 16, 15, 14, 13, 12, 11, 10, 9]
        .into_iter()
        .map(|h| h * 60)
        .find(|&m| fits(&c.jordan_hours, 1, m, 60))
        .unwrap_or_else(|| panic!("{COUNSELLOR_NAME} has no free hour on Mondays: {}", c.jordan_hours));
    let moved_start = [start - 60, start + 60]
        .into_iter()
        .find(|&m| fits(&c.jordan_hours, 2, m, 60))
        .unwrap_or_else(|| panic!("{COUNSELLOR_NAME} cannot be seen on Tuesdays: {}", c.jordan_hours));
    let (time, moved_time) = (clock_of(start), clock_of(moved_start));
    println!("series at {time} on Mondays; week 4 moves to {MOVED_DAY} at {moved_time}");

    // 2. The room booking week 4 will clash with: Daniel Kim with the other counsellor.
    app.wait_for("calendar-grid", long_wait()).await.expect("the calendar grid");
    app.click("calendar-book").await.expect("click Book appointment");
    app.wait_for("booking-dialog", default_timeout()).await.expect("the booking dialog opens");
    pick_client(&app, "Daniel", OTHER_CLIENT).await;
    app.select_option("booking-kind", "individual").await.expect("kind: individual");
    app.select_option("booking-counsellor", &c.other.to_string()).await.expect("the other counsellor");
    app.select_option("booking-room", &c.busy_room.0.to_string()).await.expect("the busy room");
    app.type_into("booking-date", WEEKS[3].0).await.expect("type the date");
    app.type_into("booking-start", &time).await.expect("type the start");
    if !fits(&c.other_hours, 1, start, 50) {
        app.set_checked("booking-allow-outside-hours", true).await.expect("allow outside working hours");
    }
    app.click("booking-save").await.expect("click Book");
    app.wait_gone("booking-dialog", default_timeout()).await.expect("Daniel's appointment is booked");
    let notice = app.wait_for_text("notice", "Booked", default_timeout()).await.expect("the notice");
    println!("notice: {notice:?}");

    // 3. The series in the busy room: the dialog lists appointment 4's clash, naming Daniel's
    //    booking, while it is filled in and again on saving; nothing is saved.
    app.click("calendar-today").await.expect("click Today");
    app.wait_for_text("calendar-title", "Monday 3 March 2031", default_timeout()).await.expect("back on today");
    fill_in_the_series(&app, &c, c.busy_room.0, &time).await;
    let clash_ready = |lines: &[(String, String)]| {
        lines.iter().any(|(kind, text)| kind == "room" && text.contains(OTHER_CLIENT) && text.contains("Appointment 4"))
    };
    let lines = app
        .wait_until("the live check to list appointment 4's room clash", long_wait(), async || {
            let lines = clash_lines(&app).await?;
            Ok(clash_ready(&lines).then_some(lines))
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    println!("clashes while filling in: {lines:?}");
    app.scroll_into_view("booking-clashes").await.expect("scroll to the clash");
    let shot = app.screenshot("series-clash").await.expect("screenshot");
    println!("screenshot, the clash: {}", shot.display());
    app.click("booking-save").await.expect("click Book");
    let lines = app
        .wait_until("Book to come back with the clash", long_wait(), async || {
            if !app.is_enabled("booking-save").await? {
                return Ok(None);
            }
            let lines = clash_lines(&app).await?;
            Ok(clash_ready(&lines).then_some(lines))
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    println!("clashes on saving: {lines:?}");
    assert_eq!(lines.len(), 1, "only appointment 4 clashes, and only on the room: {lines:?}");
    let (_, line) = &lines[0];
    assert_eq!(line.matches("Appointment 4").count(), 1, "the line says which appointment once: {line:?}");
    for needle in [
        "Appointment 4",
        "Monday 24 March 2031",
        time.as_str(),
        c.busy_room.1.as_str(),
        OTHER_CLIENT,
        c.other_name.as_str(),
    ] {
        assert!(line.contains(needle), "the clash should say {needle:?}: {line:?}");
    }
    let box_text = app.text_of("booking-clashes").await.expect("read the clash box");
    assert!(box_text.contains("cannot be booked"), "the clash stops the booking: {box_text:?}");
    assert!(app.is_present("booking-dialog").await.expect("look for the dialog"), "the dialog stays open");

    // Reception closes the dialog and looks: Daniel is in the room in week 4; no Okafor booking.
    app.click("booking-close").await.expect("click Close");
    app.wait_gone("booking-dialog", default_timeout()).await.expect("the dialog closes");
    let week4 = show_week(&app, 3, "Daniel's booking", |l| l.iter().any(|a| a.text.contains(OTHER_CLIENT))).await;
    assert!(couple_in(&week4).is_empty(), "nothing of the series was saved (week 4): {week4:?}");
    scroll_to(&app, OTHER_CLIENT).await;
    let shot = app.screenshot("week4-room-booked").await.expect("screenshot");
    println!("screenshot, week 4 with Daniel's booking: {}", shot.display());
    let week1 = show_week(&app, 0, "no longer week 4", |l| !l.iter().any(|a| a.text.contains(OTHER_CLIENT))).await;
    assert!(couple_in(&week1).is_empty(), "nothing of the series was saved (week 1): {week1:?}");

    // 4. The six in the free room: the clash list clears; Book saves them.
    fill_in_the_series(&app, &c, c.busy_room.0, &time).await;
    app.wait_for("booking-clash", long_wait()).await.expect("the clash is listed again for the busy room");
    app.select_option("booking-room", &c.free_room.0.to_string()).await.expect("choose the free room");
    app.wait_gone("booking-clashes", long_wait()).await.expect("no clash in the free room");
    app.click("booking-save").await.expect("click Book");
    app.wait_gone("booking-dialog", long_wait()).await.expect("the series is booked");
    let notice = app.wait_for_text("notice", "Booked 6 appointments", default_timeout()).await.expect("the notice");
    assert!(notice.contains("Monday 3 March 2031"), "the notice says from when: {notice:?}");

    let first = show_week(&app, 0, "the series' first appointment", |l| !couple_in(l).is_empty()).await;
    let first = couple_in(&first);
    assert_eq!(first.len(), 1, "one appointment of the series this week: {first:?}");
    let series_id = first[0]
        .key
        .strip_prefix("s:")
        .and_then(|k| k.strip_suffix(":0"))
        .unwrap_or_else(|| panic!("the first is occurrence 0 of a series: {:?}", first[0].key))
        .to_owned();
    let keys: Vec<String> = (0..6).map(|i| format!("s:{series_id}:{i}")).collect();
    println!("series keys: {keys:?}");

    // 5. The couple arrive: reception marks the first as arrived in the day's arrivals.
    click_found(&app, "Arrived on the first appointment's arrival row", async || {
        let Some(row) = element_where(&app, "arrival-row", "data-appt-key", &keys[0]).await? else { return Ok(None) };
        Ok(row.find(Locator::Css(&AppWindow::selector("arrival-arrived"))).await.ok())
    })
    .await;
    app.wait_until("the arrival row to say Arrived", default_timeout(), async || {
        let Some(row) = element_where(&app, "arrival-row", "data-appt-key", &keys[0]).await? else { return Ok(None) };
        let status = row
            .find(Locator::Css(&AppWindow::selector("arrival-status")))
            .await
            .map_err(|e| E2eError(format!("finding the status: {e}")))?;
        Ok(status.text().await.map_err(|e| E2eError(e.to_string()))?.contains("Arrived").then_some(()))
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    scroll_to(&app, &keys[0]).await;
    let shot = app.screenshot("arrived").await.expect("screenshot");
    println!("screenshot, arrived: {}", shot.display());

    // 6. Week 4 moves to the Tuesday, this one only.
    show_week(&app, 3, &keys[3], |l| with_key(l, &keys[3]).is_some()).await;
    open_appointment(&app, &keys[3]).await;
    let series = app.text_of("appointment-series").await.expect("read the series");
    assert!(series.contains("4 of 6"), "the dialog places it in the series: {series:?}");
    let who = app.text_of("appointment-who").await.expect("read who comes");
    assert!(who.starts_with("Maggie Okafor, David Okafor"), "the dialog lists both, apart: {who:?}");
    app.click("appointment-move").await.expect("click Move");
    app.type_into("move-date", MOVED_DAY).await.expect("type the new date");
    app.type_into("move-start", &moved_time).await.expect("type the new start");
    app.click("move-scope-one").await.expect("choose Only this one");
    let shot = app.screenshot("move-week4").await.expect("screenshot");
    println!("screenshot, moving week 4: {}", shot.display());
    app.click("move-save").await.expect("click Move");
    let when = app
        .wait_for_text("appointment-when", MOVED_DAY_WORDS, default_timeout())
        .await
        .expect("the dialog shows the new day");
    assert!(when.contains(&moved_time), "the new start shows: {when:?}");
    close_appointment(&app).await;
    scroll_to(&app, &keys[3]).await;
    let shot = app.screenshot("week4-moved").await.expect("screenshot");
    println!("screenshot, week 4 moved to the Tuesday: {}", shot.display());

    // 7. The last is cancelled: by the client.
    show_week(&app, 5, &keys[5], |l| with_key(l, &keys[5]).is_some()).await;
    open_appointment(&app, &keys[5]).await;
    app.click("appointment-cancel").await.expect("click Cancel appointment");
    let reasons = options_of(&app, "cancel-reason").await;
    assert!(
        reasons.iter().any(|(v, l)| v == "by_client" && l == "Cancelled by the client"),
        "the reasons offered: {reasons:?}"
    );
    app.select_option("cancel-reason", "by_client").await.expect("choose Cancelled by the client");
    app.click("cancel-scope-one").await.expect("choose Only this one");
    app.click("cancel-confirm").await.expect("click Cancel appointment");
    app.wait_for_text("appointment-status", "Cancelled", default_timeout()).await.expect("the status says Cancelled");
    let dialog = app.text_of("appointment-dialog").await.expect("read the dialog");
    assert!(dialog.contains("Cancelled by the client"), "the reason shows: {dialog:?}");
    let shot = app.screenshot("cancelled").await.expect("screenshot");
    println!("screenshot, the last cancelled: {}", shot.display());
    close_appointment(&app).await;

    // 8. The whole series as reception sees it: weeks 5 and 6, after the clocks went forward,
    //    at the same local time; week 4 at its new time with Daniel's booking unchanged.
    let expected = |i: usize| -> (String, &'static str) {
        match i {
            0 => (time.clone(), "arrived"),
            3 => (moved_time.clone(), "booked"),
            5 => (time.clone(), "cancelled"),
            _ => (time.clone(), "booked"),
        }
    };
    for (i, key) in keys.iter().enumerate() {
        let (t, status) = expected(i);
        let want = format!("{key} {status}");
        let week = show_week(&app, i, &want, |l| with_key(l, key).is_some_and(|a| a.status == status)).await;
        let ours = couple_in(&week);
        assert_eq!(ours.len(), 1, "week {}: one appointment of the series: {ours:?}", i + 1);
        let a = &ours[0];
        assert_eq!(&a.key, key);
        assert!(a.text.contains(COUPLE) && a.text.contains(&format!("{t}\u{2013}")), "week {}: {a:?}", i + 1);
        assert_eq!(a.struck, status == "cancelled", "week {}: struck through only when cancelled: {a:?}", i + 1);
        if i == 3 {
            assert!(week.iter().any(|x| x.text.contains(OTHER_CLIENT)), "Daniel's booking stays: {week:?}");
        }
        let heads = column_heads(&app).await;
        assert!(
            heads.contains(COUNSELLOR_NAME) && heads.contains(&c.other_name),
            "reception sees every counsellor's column: {heads:?}"
        );
    }
    scroll_to(&app, &keys[5]).await;
    let shot = app.screenshot("reception-last-week").await.expect("screenshot");
    println!("screenshot, the last week (cancelled, after the clocks changed): {}", shot.display());

    // 9. The appointment card for the couple, from the first appointment.
    show_week(&app, 0, &keys[0], |l| with_key(l, &keys[0]).is_some()).await;
    open_appointment(&app, &keys[0]).await;
    app.click("appointment-print-card").await.expect("click Print appointment card");
    app.wait_for("print-dialog", long_wait()).await.expect("the print dialog opens");
    let shot = app.screenshot("card-print-dialog").await.expect("screenshot");
    println!("screenshot, the card's print dialog: {}", shot.display());
    let pdf = print_to_pdf_queue(&app, &cups_out).await;
    let (text, read_by) = printed_text(&pdf);
    println!("printed card {} (read by {read_by}):\n{text}", pdf.display());
    let _ = std::fs::remove_file(&pdf);
    let after_the_clocks_change = format!("31 March 2031 at {time}");
    let moved = format!("{MOVED_DAY_WORDS} at {moved_time}");
    for needle in ["Monday 3 March 2031", &time, CLINIC_PHONE_DIGITS, "For Maggie", &moved, &after_the_clocks_change] {
        assert!(text.contains(needle), "the card should say {needle:?}, but reads:\n{text}");
    }
    for never in ["Okafor", "Margaret", "ouple", "session", "ancer", "ounsell", "7 April"] {
        assert!(!text.contains(never), "the card must not say {never:?}, but reads:\n{text}");
    }
    app.click("print-close").await.expect("close the print dialog");
    app.wait_gone("print-dialog", long_wait()).await.expect("the print dialog closes");
    close_appointment(&app).await;

    // 10. The counsellor's own calendar: their column only, the series as it now is.
    flows::sign_out(&app).await.expect("reception signs out");
    flows::sign_in(&app, COUNSELLOR, DEMO_PASSWORD, COUNSELLOR_NAME).await.expect("the counsellor signs in");
    app.click("nav-calendar").await.expect("click Calendar");
    app.wait_for("calendar-grid", long_wait()).await.expect("the counsellor's calendar");
    for (i, key) in keys.iter().enumerate() {
        let (t, status) = expected(i);
        let want = format!("{key} {status}");
        let week = show_week(&app, i, &want, |l| with_key(l, key).is_some_and(|a| a.status == status)).await;
        let ours = couple_in(&week);
        assert_eq!(ours.len(), 1, "the counsellor's week {}: one of the series: {ours:?}", i + 1);
        assert!(ours[0].text.contains(&format!("{t}\u{2013}")), "the counsellor's week {}: {:?}", i + 1, ours[0]);
        assert!(
            !week.iter().any(|a| a.text.contains(OTHER_CLIENT)),
            "the counsellor never sees the other counsellor's appointment: {week:?}"
        );
        let heads = column_heads(&app).await;
        let day_heads = ["Mon, ", "Tue, ", "Wed, ", "Thu, ", "Fri, ", "Sat, ", "Sun, "];
        assert!(
            heads
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .all(|l| l == COUNSELLOR_NAME || day_heads.iter().any(|d| l.starts_with(d))),
            "the counsellor's week {} has their own column only (days, or days and their name): {heads:?}",
            i + 1
        );
        if i == 3 {
            scroll_to(&app, key).await;
            let shot = app.screenshot("counsellor-week4").await.expect("screenshot");
            println!("screenshot, the counsellor's week 4: {}", shot.display());
            open_appointment(&app, key).await;
            let when = app.text_of("appointment-when").await.expect("read when");
            assert!(when.contains(MOVED_DAY_WORDS) && when.contains(&moved_time), "moved: {when:?}");
            close_appointment(&app).await;
        }
    }
    scroll_to(&app, &keys[5]).await;
    let shot = app.screenshot("counsellor-last-week").await.expect("screenshot");
    println!("screenshot, the counsellor's last week: {}", shot.display());

    app.close().await.expect("close the app");
    println!("reception_books_moves_cancels_and_prints_a_couples_weekly_series: {:.1?}", started.elapsed());
}
