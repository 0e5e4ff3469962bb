//! Appointment cards and reception's day sheet, printed through the handouts renderer.
//!
//! The **appointment card** is what reception hands a client at the desk: the day, the time and
//! length, the room, who it is with, the clinic's phone, and for a series the next appointments
//! still booked. It goes home with the client, so it is always discreet: the people coming are
//! named by first name (or initials, as the clinic's print settings say), the clinic's name and
//! logo are printed only when the settings allow them on discreet sheets (and only then is the
//! counsellor called "your counsellor"), the address is left off, and nothing says what kind of
//! appointment it is. It is printed at the top of the clinic's own paper with a line to cut along:
//! a desk printer holds A4 or Letter, not cards, and the renderer's margins and columns are made
//! for a full sheet.
//!
//! The **day sheet** stays at the desk: for one day, each counsellor's appointments in time order
//! with start, end, names, kind, room, status and reception's note, as one table per counsellor.
//!
//! Nothing clinical is on either. Rendering records nothing; the `record_*` functions write the
//! audit entry once the print service accepted the job.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::book::{self, Describer, Expander};
use super::changes;
use super::time;
use super::{Appointment, AppointmentRef, CalendarQuery};
use crate::access::{Actor, Permission};
use crate::audit::{self, action};
use crate::error::{Error, Result};
use crate::handouts::model::{Block, Document, Letterhead};
use crate::handouts::{compose, layout, pdf, svg, HandoutPreview};

/// How many later appointments of a series a card lists.
pub const NEXT_ON_CARD: usize = 6;

/// The title of a card, in the PDF's properties and the preview.
const CARD_TITLE: &str = "Appointment card";
const DAY_SHEET_TITLE: &str = "Day sheet";

/// Reception sees every counsellor's appointments; a counsellor only their own.
fn may_see(actor: &Actor, counsellor_id: i64) -> Result<()> {
    if book::sees_everyone(actor) || counsellor_id == actor.account_id {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// The clinic as the card and the day sheet print it.
struct Clinic {
    name: String,
    phone: Option<String>,
    logo: Option<Vec<u8>>,
    paper: crate::handouts::model::Paper,
    initials: bool,
    name_on_discreet: bool,
}

fn clinic(conn: &Connection, actor: &Actor) -> Result<Clinic> {
    let settings = crate::handouts::settings(conn, actor)?;
    let profile = crate::clinic::get(conn, actor)?;
    let logo: Option<Vec<u8>> =
        conn.query_row("SELECT logo_png FROM clinic WHERE id = 1", [], |r| r.get(0)).optional()?.flatten();
    Ok(Clinic {
        name: profile.name,
        phone: profile.phone.filter(|p| !p.trim().is_empty()),
        logo,
        paper: settings.paper,
        initials: settings.discreet_name == "initials",
        name_on_discreet: settings.discreet_clinic_name,
    })
}

/// How a discreet sheet names a person: the name they go by, or its initial and the family
/// name's ("M. O."), as the handouts do.
fn discreet_name(given: &str, family: Option<&str>, preferred: Option<&str>, initials: bool) -> String {
    let known = preferred.filter(|p| !p.trim().is_empty()).unwrap_or(given).trim();
    if !initials {
        return known.to_owned();
    }
    let mut s: String = known.chars().next().map(|c| format!("{c}.")).unwrap_or_default();
    if let Some(f) = family.and_then(|f| f.trim().chars().next()) {
        s.push_str(&format!(" {f}."));
    }
    s
}

/// The people coming, clients first, as a discreet sheet names them.
fn names_on_card(conn: &Connection, ids: &[i64], initials: bool) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT given_name, family_name, preferred_name, is_client FROM people WHERE id = ?1")?;
    let mut people = Vec::with_capacity(ids.len());
    for id in ids {
        let row: Option<(String, Option<String>, Option<String>, bool)> =
            stmt.query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).optional()?;
        if let Some((given, family, preferred, is_client)) = row {
            let name = discreet_name(&given, family.as_deref(), preferred.as_deref(), initials);
            people.push((!is_client, given, name));
        }
    }
    people.sort();
    Ok(people.into_iter().map(|(_, _, name)| name).collect())
}

fn clock(local: &str) -> &str {
    local.get(11..16).unwrap_or("")
}

fn day_of(local: &str) -> Option<jiff::civil::Date> {
    local.get(..10).and_then(time::parse_day)
}

/// "45 minutes", "1 hour", "1 hour 30 minutes".
pub fn length_words(minutes: i64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    let hours = match h {
        0 => String::new(),
        1 => "1 hour".to_owned(),
        n => format!("{n} hours"),
    };
    match (hours.is_empty(), m) {
        (true, 1) => "1 minute".to_owned(),
        (true, m) => format!("{m} minutes"),
        (false, 0) => hours,
        (false, 1) => format!("{hours} 1 minute"),
        (false, m) => format!("{hours} {m} minutes"),
    }
}

/// "Monday 22 March 2027 at 18:00"
fn when(a: &Appointment) -> String {
    match day_of(&a.start) {
        Some(d) => format!("{} at {}", time::long_day(d), clock(&a.start)),
        None => a.start.clone(),
    }
}

/// A card's document, its logo (when the clinic's name is printed) and its day.
struct Card {
    doc: Document,
    logo: Option<Vec<u8>>,
    day: String,
}

fn card(conn: &Connection, actor: &Actor, key: &str, now: DateTime<Utc>) -> Result<Card> {
    actor.require(Permission::PrintHandouts)?;
    actor.require(Permission::ViewSchedule)?;
    let r = AppointmentRef::parse(key)?;
    let t = changes::load(conn, r)?;
    may_see(actor, t.counsellor_id)?;
    if t.status == "cancelled" {
        return Err(Error::Conflict("That appointment is cancelled, so there is no card to print.".into()));
    }
    let c = clinic(conn, actor)?;
    let d = Describer::new(conn)?;
    let mut ex = Expander::default();
    let a = d.refs(conn, &mut ex, &[r])?.into_iter().next().ok_or(Error::NotFound { what: "appointment", id: 0 })?;
    let people = names_on_card(conn, &changes::attendees_of(conn, &t)?, c.initials)?;

    // The rest of the series that is still booked and still ahead, at the times it is booked for.
    let after = a.start_utc.max(now.timestamp());
    let next: Vec<Appointment> = match (&t.series, &t.occurrence) {
        (Some(s), Some(o)) => {
            let refs: Vec<AppointmentRef> =
                (o.index + 1..t.series_len).map(|index| AppointmentRef::Occurrence { series: s.id, index }).collect();
            d.refs(conn, &mut ex, &refs)?
                .into_iter()
                .filter(|x| x.status == "booked" && x.start_utc > after)
                .take(NEXT_ON_CARD)
                .collect()
        }
        _ => vec![],
    };

    let show_name = c.name_on_discreet;
    let day = day_of(&a.start).ok_or(Error::NotFound { what: "appointment", id: 0 })?;
    let mut facts = vec![
        ("Date".to_owned(), time::long_day(day)),
        ("Time".to_owned(), format!("{} to {} ({})", clock(&a.start), clock(&a.end), length_words(a.minutes))),
        ("Room".to_owned(), a.room_name.clone()),
        ((if show_name { "Your counsellor" } else { "With" }).to_owned(), a.counsellor_name.clone()),
    ];
    facts.push((
        "To change or cancel".to_owned(),
        match &c.phone {
            Some(p) => format!("Please call {p}"),
            None => "Please let us know".to_owned(),
        },
    ));
    let mut blocks = vec![Block::Facts(facts)];
    if !next.is_empty() {
        blocks.push(Block::Subheading("Your next appointments".into()));
        blocks.push(Block::Bullets(
            next.iter()
                .map(|n| {
                    let mut s = format!("{} to {}", when(n), clock(&n.end));
                    if n.room_id != a.room_id {
                        s.push_str(&format!(", {}", n.room_name));
                    }
                    s
                })
                .collect(),
        ));
    }
    blocks.push(Block::CutLine("Cut along this line".into()));
    let doc = Document {
        paper: c.paper,
        letterhead: Letterhead {
            clinic_name: show_name.then(|| c.name.clone()),
            address: None,
            phone: c.phone.clone(),
            logo_png: if show_name { c.logo.clone() } else { None },
        },
        title: "Your appointment".into(),
        subtitle: (!people.is_empty()).then(|| format!("For {}", compose::join_names(&people))),
        running_header: "Your appointment".into(),
        footer: String::new(),
        blocks,
    };
    if compose::clinical_word_in(&compose::document_text(&doc), &[]).is_some() {
        return Err(Error::Conflict(
            "The appointment card would carry a clinical word (in the clinic's or a room's name), so it was not \
             made. Ask the administrator to leave the clinic's name off discreet sheets, or to rename the room."
                .into(),
        ));
    }
    Ok(Card { doc, logo: if show_name { c.logo } else { None }, day: day.to_string() })
}

/// The card's pages as SVG, as the print dialog previews them.
pub fn card_preview(conn: &Connection, actor: &Actor, key: &str, now: DateTime<Utc>) -> Result<HandoutPreview> {
    let c = card(conn, actor, key, now)?;
    let pages = layout::layout(&c.doc);
    Ok(HandoutPreview { title: CARD_TITLE.into(), version: 1, discreet: true, pages: svg::pages(&pages) })
}

/// The card as PDF bytes, with a neutral title for the print job or the file ("Appointment card
/// 2027-03-15"; add `.pdf` for a file name). Call [`record_card_printed`] once the job is accepted.
pub fn card_pdf(conn: &Connection, actor: &Actor, key: &str, now: DateTime<Utc>) -> Result<(String, Vec<u8>)> {
    let c = card(conn, actor, key, now)?;
    let pages = layout::layout(&c.doc);
    Ok((format!("{CARD_TITLE} {}", c.day), pdf::render(&pages, CARD_TITLE, c.logo.as_deref())))
}

/// Records that a card was printed: which appointment and how many copies, never a name.
pub fn record_card_printed(tx: &Transaction, actor: &Actor, key: &str, copies: u32, now: DateTime<Utc>) -> Result<()> {
    actor.require(Permission::PrintHandouts)?;
    actor.require(Permission::ViewSchedule)?;
    if copies == 0 {
        return Err(Error::field("copies", "Print at least one copy."));
    }
    let r = AppointmentRef::parse(key)?;
    let t = changes::load(tx, r)?;
    may_see(actor, t.counsellor_id)?;
    let person = changes::attendees_of(tx, &t)?.first().copied();
    let detail = match r {
        AppointmentRef::Single(id) => format!("appointment={id} copies={copies}"),
        AppointmentRef::Occurrence { series, index } => format!("series={series} occurrence={index} copies={copies}"),
    };
    audit::log(tx, actor, action::APPOINTMENT_CARD, person, &detail, now)
}

// ---------------------------------------------------------------------------------------------
// The day sheet

fn parse_sheet_day(day: &str) -> Result<jiff::civil::Date> {
    time::parse_day(day).ok_or_else(|| Error::field("day", "The day is written as YYYY-MM-DD and must be a real day."))
}

/// The day sheet's document and the logo it prints.
fn day_sheet(
    conn: &Connection,
    actor: &Actor,
    day: &str,
    counsellor_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<(Document, Option<Vec<u8>>, String)> {
    actor.require(Permission::ViewSchedule)?;
    let d = parse_sheet_day(day)?;
    if !book::sees_everyone(actor) && counsellor_ids.iter().any(|c| *c != actor.account_id) {
        return Err(Error::Forbidden);
    }
    let q = CalendarQuery { from: d.to_string(), days: 1, counsellor_ids: counsellor_ids.to_vec(), room_ids: vec![] };
    let view = book::calendar(conn, actor, &q, now)?;
    let c = clinic(conn, actor)?;
    let tz = super::settings::clinic_zone(conn)?;

    let mut blocks = Vec::new();
    for closed in &view.closed_days {
        blocks.push(Block::Note(format!("The clinic is closed on this day ({}).", closed.reason)));
    }
    let columns: Vec<(String, f32)> =
        [("Start", 0.75), ("End", 0.75), ("Who", 2.5), ("Kind", 1.6), ("Room", 1.5), ("Status", 1.5), ("Note", 2.0)]
            .into_iter()
            .map(|(h, w)| (h.to_owned(), w))
            .collect();
    for counsellor in &view.counsellors {
        let mine: Vec<&Appointment> =
            view.appointments.iter().filter(|a| a.counsellor_id == counsellor.counsellor_id).collect();
        if mine.is_empty() && !counsellor_ids.contains(&counsellor.counsellor_id) {
            continue;
        }
        blocks.push(Block::Heading(counsellor.name.clone()));
        if mine.is_empty() {
            blocks.push(Block::Paragraph("Nothing booked.".into()));
            continue;
        }
        let rows = mine.iter().map(|a| day_sheet_row(a)).collect();
        blocks.push(Block::Table { columns: columns.clone(), rows });
    }
    if blocks.iter().all(|b| matches!(b, Block::Note(_))) {
        blocks.push(Block::Paragraph("Nothing is booked on this day.".into()));
    }
    let long = time::long_day(d);
    let printed = time::to_local(&tz, now.timestamp());
    let doc = Document {
        paper: c.paper,
        letterhead: Letterhead {
            clinic_name: Some(c.name.clone()),
            address: None,
            phone: None,
            logo_png: c.logo.clone(),
        },
        title: DAY_SHEET_TITLE.into(),
        subtitle: Some(long.clone()),
        running_header: format!("{DAY_SHEET_TITLE} · {long}"),
        footer: format!("Printed {}", time::long_when(printed)),
        blocks,
    };
    Ok((doc, c.logo, d.to_string()))
}

fn day_sheet_row(a: &Appointment) -> Vec<String> {
    let who: Vec<String> = a.attendees.iter().map(|p| p.name.clone()).collect();
    let mut kind = a.kind_label.clone();
    if let (Some(p), Some(n)) = (a.series_position, a.series_length) {
        kind.push_str(&format!(" ({p} of {n})"));
    }
    let status = match (&a.status[..], &a.cancel_reason_label) {
        ("cancelled", Some(reason)) => reason.clone(),
        _ => a.status_label.clone(),
    };
    let note: Vec<&str> = [a.reception_note.as_deref(), a.cancel_note.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let end = match (day_of(&a.start), day_of(&a.end)) {
        (Some(s), Some(e)) if e > s => format!("{} (next day)", clock(&a.end)),
        _ => clock(&a.end).to_owned(),
    };
    vec![clock(&a.start).to_owned(), end, compose::join_names(&who), kind, a.room_name.clone(), status, note.join("; ")]
}

/// Reception's day sheet as SVG pages: `day` is `YYYY-MM-DD`; `counsellor_ids` chooses whose
/// appointments (none: everyone the signed-in person may see who has something booked).
pub fn day_sheet_preview(
    conn: &Connection,
    actor: &Actor,
    day: &str,
    counsellor_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<HandoutPreview> {
    let (doc, _, _) = day_sheet(conn, actor, day, counsellor_ids, now)?;
    let pages = layout::layout(&doc);
    Ok(HandoutPreview { title: DAY_SHEET_TITLE.into(), version: 1, discreet: false, pages: svg::pages(&pages) })
}

/// The day sheet as PDF bytes, with a neutral title ("Day sheet 2027-03-15"; add `.pdf` for a
/// file name). Call [`record_day_sheet_printed`] once the job is accepted.
pub fn day_sheet_pdf(
    conn: &Connection,
    actor: &Actor,
    day: &str,
    counsellor_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<(String, Vec<u8>)> {
    let (doc, logo, day) = day_sheet(conn, actor, day, counsellor_ids, now)?;
    let pages = layout::layout(&doc);
    Ok((format!("{DAY_SHEET_TITLE} {day}"), pdf::render(&pages, DAY_SHEET_TITLE, logo.as_deref())))
}

/// Records that the day sheet for `day` was printed.
pub fn record_day_sheet_printed(tx: &Transaction, actor: &Actor, day: &str, now: DateTime<Utc>) -> Result<()> {
    actor.require(Permission::ViewSchedule)?;
    let d = parse_sheet_day(day)?;
    audit::log(tx, actor, action::DAY_SHEET, None, &format!("day={d}"), now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_read_as_words() {
        assert_eq!(length_words(45), "45 minutes");
        assert_eq!(length_words(60), "1 hour");
        assert_eq!(length_words(90), "1 hour 30 minutes");
        assert_eq!(length_words(120), "2 hours");
        assert_eq!(length_words(1), "1 minute");
    }

    #[test]
    fn a_discreet_name_is_the_name_someone_goes_by_or_initials() {
        assert_eq!(discreet_name("Margaret", Some("Okafor"), Some("Maggie"), false), "Maggie");
        assert_eq!(discreet_name("Margaret", Some("Okafor"), Some(" "), false), "Margaret");
        assert_eq!(discreet_name("Margaret", Some("Okafor"), Some("Maggie"), true), "M. O.");
        assert_eq!(discreet_name("David", None, None, true), "D.");
    }
}
