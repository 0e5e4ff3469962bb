//! A counsellor's schedule as an iCalendar file (RFC 5545), to import into their own calendar.
//!
//! What the file holds:
//! - one `VTIMEZONE` per zone used (the clinic's, and a series' own if it was booked before the
//!   clinic changed zone), written from jiff's transitions over the span the file covers: the
//!   observance in force at its start, then one `STANDARD` or `DAYLIGHT` per change, each with
//!   an explicit `DTSTART` (local time before the change) and no rule to extrapolate;
//! - a single appointment as one `VEVENT` (`UID:a-ID@rekindle.local`); cancelled ones are left
//!   out;
//! - a series as one `VEVENT` (`UID:s-ID@rekindle.local`) with `DTSTART;TZID=...` in the zone it
//!   was booked in, `DURATION`, `RRULE:FREQ=WEEKLY;INTERVAL=N` ending with `COUNT=n` or, for a
//!   series booked up to a last day, `UNTIL=` its last start in UTC (RFC 5545 wants UTC there when
//!   DTSTART has a TZID); an occurrence cancelled, or moved to another counsellor, is an `EXDATE`;
//!   an occurrence moved or marked is an override `VEVENT` with the same UID and a
//!   `RECURRENCE-ID` naming the time the rule gave it;
//! - an occurrence of another counsellor's series moved to this counsellor, as a single.
//!
//! Every event says only who is coming (`SUMMARY`) and the room (`LOCATION`), with
//! `CLASS:PRIVATE`: never the kind of appointment, notes, or anything clinical. Local times are
//! written with their `TZID` unless the wall clock is ambiguous (the repeated autumn hour, where
//! RFC 5545 reads the first), then in UTC. Lines end in CRLF and are folded at 75 octets; text
//! is escaped (`\\`, `\;`, `\,`, `\n`).
//!
//! The writer is small and written here rather than taken from a crate: the `icalendar` crate
//! names zones through chrono-tz (a second copy of the time zone database next to jiff's) and has
//! no typed `VTIMEZONE`, which is the part that needs care.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use jiff::civil;
use jiff::tz::{Offset, TimeZone};
use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, Transaction};

use super::book::{self, ApptRow, Describer, Expander};
use super::time::{self, RuleEnd};
use super::{settings, Appointment};
use crate::access::{Actor, Permission};
use crate::audit::{self, action};
use crate::error::{Error, Result};

/// The domain part of every UID.
const UID_DOMAIN: &str = "rekindle.local";

/// Finds a counsellor's account by username (for the command line).
pub fn counsellor_by_username(conn: &Connection, actor: &Actor, username: &str) -> Result<i64> {
    actor.require(Permission::ViewSchedule)?;
    conn.query_row(
        "SELECT a.id FROM accounts a JOIN account_roles r ON r.account_id = a.id AND r.role = 'counsellor'
          WHERE a.username = ?1",
        [crate::accounts::normalise_username(username)],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(Error::NotFound { what: "counsellor", id: 0 })
}

/// The counsellor's appointments as an iCalendar file. Reception may export anyone's; a
/// counsellor only their own. Audited with the counsellor's id only.
pub fn export(tx: &Transaction, actor: &Actor, counsellor_id: i64, now: DateTime<Utc>) -> Result<String> {
    actor.require(Permission::ViewSchedule)?;
    if !book::sees_everyone(actor) && counsellor_id != actor.account_id {
        return Err(Error::Forbidden);
    }
    let is_counsellor = tx
        .prepare_cached("SELECT 1 FROM account_roles WHERE account_id = ?1 AND role = 'counsellor'")?
        .exists([counsellor_id])?;
    if !is_counsellor {
        return Err(Error::NotFound { what: "counsellor", id: counsellor_id });
    }
    let text = calendar(tx, counsellor_id, now)?;
    audit::log(tx, actor, action::CALENDAR_EXPORT, None, &format!("counsellor={counsellor_id}"), now)?;
    Ok(text)
}

/// One zone the file uses and the span of UTC seconds its times fall in.
struct ZoneUse {
    tz: TimeZone,
    from: i64,
    to: i64,
}

#[derive(Default)]
struct Zones(BTreeMap<String, ZoneUse>);

impl Zones {
    fn add(&mut self, name: &str, tz: &TimeZone, from: i64, to: i64) {
        let e = self.0.entry(name.to_owned()).or_insert_with(|| ZoneUse { tz: tz.clone(), from, to });
        e.from = e.from.min(from);
        e.to = e.to.max(to);
    }
}

fn calendar(conn: &Connection, counsellor_id: i64, now: DateTime<Utc>) -> Result<String> {
    let clinic_zone = settings::time_zone_name(conn)?;
    let clinic_tz = time::zone(&clinic_zone)?;
    let stamp = utc_text(now.timestamp());
    let d = Describer::new(conn)?;
    let mut ex = Expander::default();
    let mut zones = Zones::default();
    let mut events: Vec<Vec<String>> = Vec::new();

    // Appointments of their own, and occurrences of others' series moved to this counsellor.
    let rows = book::appt_rows(
        conn,
        "a.counsellor_id = ?1 AND a.status != 'cancelled'
           AND (a.series_id IS NULL OR a.series_id NOT IN (SELECT id FROM appointment_series WHERE counsellor_id = ?1))",
        &[&counsellor_id],
    )?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    for (id, a) in ids.into_iter().zip(d.rows(conn, &mut ex, rows)?) {
        zones.add(&clinic_zone, &clinic_tz, a.start_utc, a.end_utc);
        let mut e = vec![format!("UID:a-{id}@{UID_DOMAIN}"), format!("DTSTAMP:{stamp}")];
        e.push(date_time("DTSTART", &clinic_zone, &clinic_tz, a.start_utc));
        e.push(date_time("DTEND", &clinic_zone, &clinic_tz, a.end_utc));
        e.extend(what(&a));
        events.push(e);
    }

    // Series: the rule, its exceptions, and overrides for what was moved or marked.
    let series_ids: Vec<i64> = conn
        .prepare_cached("SELECT id FROM appointment_series WHERE counsellor_id = ?1 ORDER BY first_start, id")?
        .query_map([counsellor_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for sid in series_ids {
        let s = book::series(conn, sid)?;
        let tz = time::zone(&s.time_zone)?;
        let occ = book::series_occurrences(&s)?;
        let (Some(first), Some(last)) = (occ.first().copied(), occ.last().copied()) else { continue };
        let exceptions: Vec<ApptRow> = book::appt_rows(conn, "a.series_id = ?1", &[&sid])?;
        let described = d.rows(conn, &mut ex, exceptions.clone())?;
        let mut exdates: Vec<civil::DateTime> = Vec::new();
        let mut overrides: Vec<(civil::DateTime, Appointment)> = Vec::new();
        for (row, a) in exceptions.iter().zip(described) {
            let Some(o) = row.occurrence.and_then(|i| occ.get(usize::try_from(i).ok()?)) else { continue };
            if row.status == "cancelled" || row.counsellor_id != counsellor_id {
                exdates.push(o.local);
            } else {
                overrides.push((o.local, a));
            }
        }
        if exdates.len() >= occ.len() {
            continue; // every occurrence is cancelled or someone else's
        }
        let Some(master) = d.occurrences(conn, &mut ex, &[(sid, 0)])?.into_iter().next() else { continue };
        zones.add(&s.time_zone, &tz, first.start, last.end);
        let uid = format!("UID:s-{sid}@{UID_DOMAIN}");
        let mut e = vec![uid.clone(), format!("DTSTAMP:{stamp}")];
        e.push(format!("DTSTART;TZID={}:{}", s.time_zone, local_text(s.rule.first)));
        e.push(format!("DURATION:PT{}M", s.rule.minutes));
        let end = match s.rule.end {
            RuleEnd::Count(_) => format!("COUNT={}", occ.len()),
            RuleEnd::Until(_) => format!("UNTIL={}", utc_text(last.start)),
        };
        e.push(format!("RRULE:FREQ=WEEKLY;INTERVAL={};{end}", s.rule.interval_weeks));
        if !exdates.is_empty() {
            exdates.sort();
            let list: Vec<String> = exdates.iter().map(|x| local_text(*x)).collect();
            e.push(format!("EXDATE;TZID={}:{}", s.time_zone, list.join(",")));
        }
        e.extend(what(&master));
        events.push(e);
        overrides.sort_by_key(|(at, _)| *at);
        for (at, a) in overrides {
            zones.add(&s.time_zone, &tz, a.start_utc, a.end_utc);
            let mut e = vec![uid.clone(), format!("DTSTAMP:{stamp}")];
            e.push(format!("RECURRENCE-ID;TZID={}:{}", s.time_zone, local_text(at)));
            e.push(date_time("DTSTART", &s.time_zone, &tz, a.start_utc));
            e.push(date_time("DTEND", &s.time_zone, &tz, a.end_utc));
            e.extend(what(&a));
            events.push(e);
        }
    }
    if zones.0.is_empty() {
        zones.add(&clinic_zone, &clinic_tz, now.timestamp(), now.timestamp());
    }

    let mut w = Writer::default();
    for line in ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Rekindle//Rekindle calendar export//EN"] {
        w.line(line);
    }
    w.line("CALSCALE:GREGORIAN");
    w.line("METHOD:PUBLISH");
    w.line("X-WR-CALNAME:Appointments");
    for (name, z) in &zones.0 {
        for line in vtimezone(name, &z.tz, z.from, z.to) {
            w.line(&line);
        }
    }
    for e in events {
        w.line("BEGIN:VEVENT");
        for line in e {
            w.line(&line);
        }
        w.line("END:VEVENT");
    }
    w.line("END:VCALENDAR");
    Ok(w.out)
}

/// Who is coming and where: all an event says.
fn what(a: &Appointment) -> Vec<String> {
    let names: Vec<String> = a.attendees.iter().map(|p| p.name.clone()).collect();
    let summary =
        if names.is_empty() { "Appointment".to_owned() } else { crate::handouts::compose::join_names(&names) };
    vec![
        format!("SUMMARY:{}", escape_text(&summary)),
        format!("LOCATION:{}", escape_text(&a.room_name)),
        "CLASS:PRIVATE".to_owned(),
        "TRANSP:OPAQUE".to_owned(),
    ]
}

/// `NAME;TZID=zone:local` when the wall clock names the instant unambiguously, else `NAME:utcZ`.
fn date_time(name: &str, zone: &str, tz: &TimeZone, utc: i64) -> String {
    let local = time::to_local(tz, utc);
    if utc % 60 == 0 && time::to_utc(tz, local).ok() == Some(utc) {
        format!("{name};TZID={zone}:{}", local_text(local))
    } else {
        format!("{name}:{}", utc_text(utc))
    }
}

fn local_text(dt: civil::DateTime) -> String {
    dt.strftime("%Y%m%dT%H%M%S").to_string()
}

fn utc_text(secs: i64) -> String {
    local_text(time::to_local(&TimeZone::UTC, secs)) + "Z"
}

/// `+0100`, `-0330`, `+054530` (seconds only when there are some).
fn offset_text(o: Offset) -> String {
    let s = o.seconds();
    let sign = if s < 0 { '-' } else { '+' };
    let a = s.unsigned_abs();
    let (h, m, sec) = (a / 3600, a % 3600 / 60, a % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

/// The zone's rules over [from, to] (UTC seconds): the observance in force at `from`, then one
/// per transition up to `to`.
fn vtimezone(name: &str, tz: &TimeZone, from: i64, to: i64) -> Vec<String> {
    let at = |secs: i64| Timestamp::from_second(secs).unwrap_or(Timestamp::UNIX_EPOCH);
    let mut out = vec!["BEGIN:VTIMEZONE".to_owned(), format!("TZID:{name}")];
    let mut observance = |start: civil::DateTime, before: Offset, after: Offset, abbreviation: &str, dst: bool| {
        let kind = if dst { "DAYLIGHT" } else { "STANDARD" };
        out.push(format!("BEGIN:{kind}"));
        out.push(format!("DTSTART:{}", local_text(start)));
        out.push(format!("TZOFFSETFROM:{}", offset_text(before)));
        out.push(format!("TZOFFSETTO:{}", offset_text(after)));
        if !abbreviation.is_empty() {
            out.push(format!("TZNAME:{}", escape_text(abbreviation)));
        }
        out.push(format!("END:{kind}"));
    };
    let start = at(from);
    match tz.preceding(at(from.saturating_add(1))).next() {
        Some(t) => {
            let before = tz.to_offset(at(t.timestamp().as_second().saturating_sub(1)));
            observance(before.to_datetime(t.timestamp()), before, t.offset(), t.abbreviation(), t.dst().is_dst());
        }
        None => {
            let info = tz.to_offset_info(start);
            let epoch = civil::date(1970, 1, 1).to_datetime(civil::Time::midnight());
            observance(epoch, info.offset(), info.offset(), info.abbreviation(), info.dst().is_dst());
        }
    }
    for t in tz.following(start).take_while(|t| t.timestamp().as_second() <= to).take(1000) {
        let before = tz.to_offset(at(t.timestamp().as_second().saturating_sub(1)));
        observance(before.to_datetime(t.timestamp()), before, t.offset(), t.abbreviation(), t.dst().is_dst());
    }
    out.push("END:VTIMEZONE".to_owned());
    out
}

/// Escapes a TEXT value (RFC 5545 3.3.11).
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Content lines: CRLF endings, folded so no line is longer than 75 octets (RFC 5545 3.1),
/// never inside a UTF-8 character.
#[derive(Default)]
struct Writer {
    out: String,
}

impl Writer {
    fn line(&mut self, line: &str) {
        let mut used = 0;
        for c in line.chars() {
            let n = c.len_utf8();
            if used + n > 75 {
                self.out.push_str("\r\n ");
                used = 1;
            }
            self.out.push(c);
            used += n;
        }
        self.out.push_str("\r\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(line: &str) -> String {
        let mut w = Writer::default();
        w.line(line);
        w.out
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape_text("a\\b;c,d\ne\r"), "a\\\\b\\;c\\,d\\ne");
        assert_eq!(escape_text("Maggie Okafor and David Okafor"), "Maggie Okafor and David Okafor");
    }

    #[test]
    fn long_lines_fold_at_75_octets_and_unfold_to_the_same_text() {
        let long = format!("SUMMARY:{}", "x".repeat(200));
        let out = write(&long);
        assert!(out.ends_with("\r\n"));
        for l in out.trim_end_matches("\r\n").split("\r\n") {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        assert_eq!(out.trim_end_matches("\r\n").replace("\r\n ", ""), long);
        assert_eq!(write("SHORT:1"), "SHORT:1\r\n");
    }

    #[test]
    fn folding_never_splits_a_character() {
        let long = format!("SUMMARY:{}", "é€🙂".repeat(40));
        let out = write(&long);
        for l in out.trim_end_matches("\r\n").split("\r\n") {
            assert!(l.len() <= 75);
            assert!(std::str::from_utf8(l.as_bytes()).is_ok());
        }
        assert_eq!(out.trim_end_matches("\r\n").replace("\r\n ", ""), long);
        // Exactly 75 octets stays on one line.
        let exact = format!("X:{}", "y".repeat(73));
        assert_eq!(write(&exact), format!("{exact}\r\n"));
    }

    #[test]
    fn offsets_are_written_as_the_rfc_wants() {
        assert_eq!(offset_text(Offset::constant(1)), "+0100");
        assert_eq!(offset_text(Offset::UTC), "+0000");
        assert_eq!(offset_text(Offset::from_seconds(-(3 * 3600 + 30 * 60)).unwrap()), "-0330");
        assert_eq!(offset_text(Offset::from_seconds(5 * 3600 + 45 * 60 + 30).unwrap()), "+054530");
    }

    #[test]
    fn london_over_a_year_has_the_winter_rule_then_both_changes() {
        let tz = time::zone("Europe/London").unwrap();
        let from = time::to_utc(&tz, time::parse_local("2027-01-10T09:00").unwrap()).unwrap();
        let to = time::to_utc(&tz, time::parse_local("2027-12-20T09:00").unwrap()).unwrap();
        let lines = vtimezone("Europe/London", &tz, from, to);
        let text = lines.join("\n");
        // In force on 10 January: GMT since the change on 25 October 2026 at 02:00 BST.
        assert!(
            text.contains("BEGIN:STANDARD\nDTSTART:20261025T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0000\nTZNAME:GMT")
        );
        // Clocks forward on 28 March 2027 at 01:00 GMT, back on 31 October 2027 at 02:00 BST.
        assert!(
            text.contains("BEGIN:DAYLIGHT\nDTSTART:20270328T010000\nTZOFFSETFROM:+0000\nTZOFFSETTO:+0100\nTZNAME:BST")
        );
        assert!(text.contains("BEGIN:STANDARD\nDTSTART:20271031T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0000"));
        assert_eq!(lines.iter().filter(|l| l.starts_with("BEGIN:")).count(), 4);
    }

    #[test]
    fn a_zone_without_changes_has_one_fixed_observance() {
        let tz = TimeZone::UTC;
        let lines = vtimezone("UTC", &tz, 0, 86_400 * 400);
        assert_eq!(lines.iter().filter(|l| l.starts_with("BEGIN:STANDARD")).count(), 1);
        assert!(lines.contains(&"TZOFFSETTO:+0000".to_owned()));
    }

    #[test]
    fn an_ambiguous_autumn_time_is_written_in_utc() {
        let tz = time::zone("Europe/London").unwrap();
        // 01:30 happens twice on 31 October 2027; the second is 01:30 GMT = 01:30 UTC.
        let second = time::to_utc(&TimeZone::UTC, time::parse_local("2027-10-31T01:30").unwrap()).unwrap();
        assert_eq!(date_time("DTSTART", "Europe/London", &tz, second), "DTSTART:20271031T013000Z");
        let first = second - 3600;
        assert_eq!(date_time("DTSTART", "Europe/London", &tz, first), "DTSTART;TZID=Europe/London:20271031T013000");
    }
}
