//! The calendar's settings: the clinic's time zone, rooms, each counsellor's working hours and
//! the days the clinic is closed. Everyone who uses the calendar reads them; the administrator
//! changes them, all in one save.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::time;
use crate::access::{Actor, Permission, Role};
use crate::audit;
use crate::error::{Error, Result};
use crate::validate::Checker;
use crate::vocab::Term;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Room {
    /// None for a room being added.
    #[ts(optional = nullable)]
    pub id: Option<i64>,
    pub name: String,
    pub active: bool,
}

/// One stretch of working time on a weekday (1 = Monday ... 7 = Sunday), `HH:MM` local.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HoursRow {
    pub weekday: u8,
    pub starts: String,
    pub ends: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CounsellorHours {
    pub counsellor_id: i64,
    /// Filled in when read; ignored when saved.
    #[serde(default)]
    pub name: String,
    pub hours: Vec<HoursRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClosedDay {
    /// `YYYY-MM-DD`
    pub day: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentKind {
    pub code: String,
    pub label: String,
    pub default_minutes: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SchedulingSettings {
    pub time_zone: String,
    pub rooms: Vec<Room>,
    pub counsellors: Vec<CounsellorHours>,
    pub closed_days: Vec<ClosedDay>,
    pub kinds: Vec<AppointmentKind>,
    pub cancel_reasons: Vec<Term>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SchedulingSettingsInput {
    pub time_zone: String,
    pub rooms: Vec<Room>,
    pub counsellors: Vec<CounsellorHours>,
    pub closed_days: Vec<ClosedDay>,
}

/// Anyone who works with the calendar, or runs the clinic, may read the settings.
fn require_read(actor: &Actor) -> Result<()> {
    if actor.has(Role::Administrator) {
        return Ok(());
    }
    actor.require(Permission::ViewSchedule)
}

pub fn settings(conn: &Connection, actor: &Actor) -> Result<SchedulingSettings> {
    require_read(actor)?;
    Ok(SchedulingSettings {
        time_zone: time_zone_name(conn)?,
        rooms: rooms(conn, false)?,
        counsellors: counsellors(conn, None)?,
        closed_days: closed_days(conn, None)?,
        kinds: kinds(conn)?,
        cancel_reasons: cancel_reasons(conn)?,
    })
}

pub(crate) fn time_zone_name(conn: &Connection) -> Result<String> {
    Ok(conn
        .query_row("SELECT time_zone FROM clinic WHERE id = 1", [], |r| r.get(0))
        .optional()?
        .unwrap_or_else(|| "Europe/London".to_owned()))
}

pub(crate) fn clinic_zone(conn: &Connection) -> Result<jiff::tz::TimeZone> {
    time::zone(&time_zone_name(conn)?)
}

/// Today on the clinic's wall clock, in the time zone of the calendar's settings, whatever zone
/// the computer is set to: the date written on intakes, measures, session plans and handouts.
pub fn clinic_today(conn: &Connection, now: DateTime<Utc>) -> Result<NaiveDate> {
    let day = time::local_today(&clinic_zone(conn)?, now);
    // Every date jiff can hold also fits chrono's; the UTC date is only a guard.
    Ok(time::to_naive(day).unwrap_or_else(|| now.date_naive()))
}

pub(crate) fn rooms(conn: &Connection, active_only: bool) -> Result<Vec<Room>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, active FROM rooms WHERE (?1 = 0 OR active = 1) ORDER BY position, name COLLATE NOCASE",
    )?;
    let rows =
        stmt.query_map([active_only], |r| Ok(Room { id: Some(r.get(0)?), name: r.get(1)?, active: r.get(2)? }))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Active counsellors and their hours; `only` limits it to one account.
pub(crate) fn counsellors(conn: &Connection, only: Option<i64>) -> Result<Vec<CounsellorHours>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.display_name FROM accounts a JOIN account_roles r ON r.account_id = a.id
         WHERE r.role = 'counsellor' AND a.active = 1 AND (?1 IS NULL OR a.id = ?1)
         ORDER BY a.display_name COLLATE NOCASE",
    )?;
    let people: Vec<(i64, String)> =
        stmt.query_map([only], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut hours_stmt = conn.prepare_cached(
        "SELECT weekday, starts, ends FROM working_hours WHERE account_id = ?1 ORDER BY weekday, starts",
    )?;
    let mut out = Vec::with_capacity(people.len());
    for (id, name) in people {
        let hours = hours_stmt
            .query_map([id], |r| Ok(HoursRow { weekday: r.get(0)?, starts: r.get(1)?, ends: r.get(2)? }))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.push(CounsellorHours { counsellor_id: id, name, hours });
    }
    Ok(out)
}

/// Closed days, all of them or those between two `YYYY-MM-DD` days inclusive.
pub(crate) fn closed_days(conn: &Connection, between: Option<(&str, &str)>) -> Result<Vec<ClosedDay>> {
    let (from, to) = between.unwrap_or(("0000-01-01", "9999-12-31"));
    let mut stmt =
        conn.prepare_cached("SELECT day, reason FROM closed_days WHERE day BETWEEN ?1 AND ?2 ORDER BY day")?;
    let rows = stmt.query_map([from, to], |r| Ok(ClosedDay { day: r.get(0)?, reason: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub(crate) fn kinds(conn: &Connection) -> Result<Vec<AppointmentKind>> {
    let mut stmt =
        conn.prepare_cached("SELECT code, label, default_minutes FROM appointment_kinds ORDER BY position")?;
    let rows =
        stmt.query_map([], |r| Ok(AppointmentKind { code: r.get(0)?, label: r.get(1)?, default_minutes: r.get(2)? }))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub(crate) fn cancel_reasons(conn: &Connection) -> Result<Vec<Term>> {
    let mut stmt = conn.prepare_cached("SELECT code, label FROM cancel_reasons ORDER BY position")?;
    let rows = stmt.query_map([], |r| Ok(Term { code: r.get(0)?, label: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Replaces the settings in one transaction. Rooms are never deleted (appointments point at
/// them): a room left out of the list, or marked inactive, stops being offered.
pub fn save_settings(
    tx: &Transaction,
    actor: &Actor,
    input: &SchedulingSettingsInput,
    now: DateTime<Utc>,
) -> Result<SchedulingSettings> {
    actor.require(Permission::EditClinic)?;
    let mut c = Checker::new();
    let tz = input.time_zone.trim();
    if time::zone(tz).is_err() {
        c.fail("timeZone", "Choose a time zone from the list (e.g. Europe/London).");
    }
    let mut names: Vec<String> = Vec::new();
    for (i, room) in input.rooms.iter().enumerate() {
        let name = c.required_text(&format!("rooms.{i}.name"), "Room name", &room.name, 60);
        if !name.is_empty() && names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
            c.fail(&format!("rooms.{i}.name"), "Two rooms cannot have the same name.");
        }
        names.push(name);
    }
    let known: Vec<i64> = counsellors(tx, None)?.into_iter().map(|h| h.counsellor_id).collect();
    for (i, ch) in input.counsellors.iter().enumerate() {
        if !known.contains(&ch.counsellor_id) {
            c.fail(&format!("counsellors.{i}"), "That counsellor is not an active counsellor account.");
        }
        for (j, row) in ch.hours.iter().enumerate() {
            let f = format!("counsellors.{i}.hours.{j}");
            let (s, e) = (time::parse_clock(&row.starts), time::parse_clock(&row.ends));
            if !(1..=7).contains(&row.weekday) {
                c.fail(&f, "Choose a day of the week.");
            } else if s.is_none() || e.is_none() {
                c.fail(&f, "Working hours are written as HH:MM, e.g. 09:00.");
            } else if e <= s {
                c.fail(&f, "The end of the working hours must be after their start.");
            }
        }
    }
    for (i, d) in input.closed_days.iter().enumerate() {
        if time::parse_day(&d.day).is_none() {
            c.fail(&format!("closedDays.{i}.day"), "Closed days are written as YYYY-MM-DD.");
        }
        c.required_text(&format!("closedDays.{i}.reason"), "Reason", &d.reason, 100);
    }
    // Rooms left out of the list are taken out of use but keep their names (appointments refer
    // to them), so a room on the list may not take one of those names.
    let existing = rooms(tx, false)?;
    let keep: Vec<i64> = input.rooms.iter().filter_map(|r| r.id).collect();
    for (i, (room, name)) in input.rooms.iter().zip(&names).enumerate() {
        if let Some(id) = room.id {
            if !existing.iter().any(|r| r.id == Some(id)) {
                return Err(Error::NotFound { what: "room", id });
            }
        }
        let left_out_with_that_name = existing.iter().any(|r| {
            r.id.is_some_and(|id| !keep.contains(&id)) && !name.is_empty() && r.name.eq_ignore_ascii_case(name)
        });
        if left_out_with_that_name {
            c.fail(
                &format!("rooms.{i}.name"),
                "A room that is out of use already has this name. Choose another name, or bring that room back.",
            );
        }
    }
    c.finish()?;

    tx.execute("UPDATE clinic SET time_zone = ?1 WHERE id = 1", [tz])?;
    for r in &existing {
        if let Some(id) = r.id {
            if !keep.contains(&id) {
                tx.execute("UPDATE rooms SET active = 0 WHERE id = ?1", [id])?;
            }
        }
    }
    // Rooms on the list may swap names in one save: clear their names first, so no rename
    // meets a name that is about to be given up.
    for id in &keep {
        tx.execute("UPDATE rooms SET name = ?1 WHERE id = ?2", params![format!("\u{1}renaming {id}"), id])?;
    }
    for (pos, (room, name)) in input.rooms.iter().zip(&names).enumerate() {
        let pos = i64::try_from(pos).unwrap_or(i64::MAX);
        match room.id {
            Some(id) => {
                tx.execute(
                    "UPDATE rooms SET name = ?1, active = ?2, position = ?3 WHERE id = ?4",
                    params![name, room.active, pos, id],
                )?;
            }
            None => {
                tx.execute(
                    "INSERT INTO rooms (name, active, position) VALUES (?1, ?2, ?3)",
                    params![name, room.active, pos],
                )?;
            }
        }
    }
    for ch in &input.counsellors {
        tx.execute("DELETE FROM working_hours WHERE account_id = ?1", [ch.counsellor_id])?;
        for row in &ch.hours {
            tx.execute(
                "INSERT OR REPLACE INTO working_hours (account_id, weekday, starts, ends) VALUES (?1, ?2, ?3, ?4)",
                params![
                    ch.counsellor_id,
                    row.weekday,
                    time::parse_clock(&row.starts).map(time::fmt_clock),
                    time::parse_clock(&row.ends).map(time::fmt_clock)
                ],
            )?;
        }
    }
    tx.execute("DELETE FROM closed_days", [])?;
    for d in &input.closed_days {
        tx.execute(
            "INSERT OR REPLACE INTO closed_days (day, reason) VALUES (?1, ?2)",
            params![d.day.trim(), d.reason.trim()],
        )?;
    }
    audit::log(tx, actor, audit::action::SCHEDULING_SETTINGS, None, "", now)?;
    settings(tx, actor)
}
