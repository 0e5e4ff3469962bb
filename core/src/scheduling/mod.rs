//! Scheduling: the reception calendar.
//!
//! - [`time`]: the clinic's time zone, local times, recurring rules (pure).
//! - [`clash`]: what stops a booking: double bookings, hours, closed days, the past (pure).
//! - [`settings`]: rooms, working hours, closed days, the clinic's zone.
//! - [`book`]: loading what is booked, and booking singles and series.
//! - [`changes`]: moving, cancelling and marking appointments (one occurrence, or this and all
//!   following).
//! - [`waitlist`]: clients who would take an earlier slot.
//! - [`slots`]: the next free slot for a counsellor, a room and every attendee together.
//!
//! Nothing here is clinical: reception sees names, times, kind, room and reception notes. The
//! only link to the clinical side is the number of the course session an appointment is for.

pub mod book;
pub mod changes;
pub mod clash;
pub mod ics;
pub mod print;
pub mod settings;
pub mod slots;
pub mod time;
pub mod waitlist;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

pub use book::{book, calendar, check};
pub use changes::{cancel, change_status, reschedule};
pub use clash::{Clash, ClashKind};
pub use settings::{save_settings, settings};
pub use slots::next_free_slots;
pub use waitlist::{add_to_waitlist, remove_from_waitlist, waitlist, WaitlistEntry, WaitlistInput};

/// What an appointment's status can be, in the order the day goes.
pub const STATUSES: [&str; 6] = ["booked", "arrived", "in_session", "done", "no_show", "cancelled"];

pub fn status_label(code: &str) -> &'static str {
    match code {
        "booked" => "Booked",
        "arrived" => "Arrived",
        "in_session" => "In session",
        "done" => "Done",
        "no_show" => "Did not attend",
        "cancelled" => "Cancelled",
        _ => "Unknown",
    }
}

/// Which appointment an action is about: a stored appointment, or occurrence `occurrence`
/// (0-based) of a series. Written as `a:ID` or `s:SERIES:OCCURRENCE`, as the calendar hands it
/// back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppointmentRef {
    Single(i64),
    Occurrence { series: i64, index: u32 },
}

impl AppointmentRef {
    pub fn parse(key: &str) -> Result<AppointmentRef> {
        let bad = || Error::field("appointment", "That appointment is not one the calendar knows.");
        let mut parts = key.split(':');
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some("a"), Some(id), None, None) => id.parse().map(AppointmentRef::Single).map_err(|_| bad()),
            (Some("s"), Some(s), Some(i), None) => Ok(AppointmentRef::Occurrence {
                series: s.parse().map_err(|_| bad())?,
                index: i.parse().map_err(|_| bad())?,
            }),
            _ => Err(bad()),
        }
    }

    pub fn key(self) -> String {
        match self {
            AppointmentRef::Single(id) => format!("a:{id}"),
            AppointmentRef::Occurrence { series, index } => format!("s:{series}:{index}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttendeeName {
    pub person_id: i64,
    pub name: String,
    pub is_client: bool,
}

/// One appointment as the calendar shows it: never anything clinical.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Appointment {
    /// `a:ID` for a stored appointment, `s:SERIES:N` for occurrence N of a series.
    pub key: String,
    #[ts(optional = nullable)]
    pub series_id: Option<i64>,
    /// 1-based position in its series ("3 of 6").
    #[ts(optional = nullable)]
    pub series_position: Option<u32>,
    #[ts(optional = nullable)]
    pub series_length: Option<u32>,
    pub kind: String,
    pub kind_label: String,
    pub counsellor_id: i64,
    pub counsellor_name: String,
    pub room_id: i64,
    pub room_name: String,
    #[ts(optional = nullable)]
    pub relationship_id: Option<i64>,
    pub attendees: Vec<AttendeeName>,
    /// Clinic-local wall-clock times, `YYYY-MM-DDTHH:MM`.
    pub start: String,
    pub end: String,
    /// UTC seconds, for sorting and export.
    pub start_utc: i64,
    pub end_utc: i64,
    pub minutes: i64,
    pub status: String,
    pub status_label: String,
    #[ts(optional = nullable)]
    pub cancel_reason: Option<String>,
    #[ts(optional = nullable)]
    pub cancel_reason_label: Option<String>,
    #[ts(optional = nullable)]
    pub cancel_note: Option<String>,
    #[ts(optional = nullable)]
    pub reception_note: Option<String>,
    /// The course session this appointment is for, by number ("Session 3").
    #[ts(optional = nullable)]
    pub session_number: Option<i64>,
}

/// How often a series repeats and when it stops: exactly one of `count` and `until`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Repeat {
    /// 1 = weekly, 2 = fortnightly, ...
    pub every_weeks: u32,
    #[ts(optional = nullable)]
    pub count: Option<u32>,
    /// Last possible day, `YYYY-MM-DD`.
    #[ts(optional = nullable)]
    pub until: Option<String>,
}

/// A booking as reception fills it in.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BookingInput {
    /// `intake`, `individual`, `couple`, `group` or `review`.
    pub kind: String,
    pub counsellor_id: i64,
    pub room_id: i64,
    /// Who comes: one client, or any of a relationship's people.
    pub attendee_ids: Vec<i64>,
    #[ts(optional = nullable)]
    pub relationship_id: Option<i64>,
    /// `YYYY-MM-DD`, clinic-local.
    pub date: String,
    /// `HH:MM`, clinic-local.
    pub start_time: String,
    /// Either an end time (`HH:MM`) or a length in minutes; neither means the kind's default.
    #[ts(optional = nullable)]
    pub end_time: Option<String>,
    #[ts(optional = nullable)]
    pub minutes: Option<i64>,
    #[ts(optional = nullable)]
    pub repeat: Option<Repeat>,
    #[ts(optional = nullable)]
    pub reception_note: Option<String>,
    /// Reception confirmed booking outside the counsellor's working hours.
    #[serde(default)]
    pub allow_outside_hours: bool,
}

/// What a booking saved.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Booked {
    pub appointments: Vec<Appointment>,
    #[ts(optional = nullable)]
    pub series_id: Option<i64>,
}

/// Which occurrences a change to a series touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Scope {
    ThisOne,
    ThisAndFollowing,
}

/// A move: new day, start, length, counsellor or room. Empty fields keep what was there.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RescheduleInput {
    pub key: String,
    pub scope: Scope,
    pub date: String,
    pub start_time: String,
    #[ts(optional = nullable)]
    pub minutes: Option<i64>,
    #[ts(optional = nullable)]
    pub counsellor_id: Option<i64>,
    #[ts(optional = nullable)]
    pub room_id: Option<i64>,
    #[serde(default)]
    pub allow_outside_hours: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CancelInput {
    pub key: String,
    pub scope: Scope,
    /// `by_client`, `by_clinic` or `late`.
    pub reason: String,
    #[ts(optional = nullable)]
    pub note: Option<String>,
}

/// The calendar for some days: counsellors' and rooms' columns and what is booked.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CalendarQuery {
    /// First day, `YYYY-MM-DD`.
    pub from: String,
    /// How many days (1-42).
    pub days: u32,
    /// Only these counsellors (none: everyone the signed-in person may see).
    #[serde(default)]
    pub counsellor_ids: Vec<i64>,
    /// Only these rooms (none: every room).
    #[serde(default)]
    pub room_ids: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CalendarView {
    pub time_zone: String,
    /// Today on the clinic's clock, `YYYY-MM-DD`.
    pub today: String,
    pub from: String,
    pub days: u32,
    pub counsellors: Vec<settings::CounsellorHours>,
    pub rooms: Vec<settings::Room>,
    pub closed_days: Vec<settings::ClosedDay>,
    pub appointments: Vec<Appointment>,
}

/// A free slot for everyone asked about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FreeSlot {
    /// Clinic-local `YYYY-MM-DDTHH:MM`.
    pub start: String,
    pub end: String,
    /// "Tuesday 2 June 2026 at 10:00"
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SlotQuery {
    pub counsellor_id: i64,
    #[ts(optional = nullable)]
    pub room_id: Option<i64>,
    pub attendee_ids: Vec<i64>,
    pub minutes: i64,
    /// Search from this day (default: now).
    #[ts(optional = nullable)]
    pub from: Option<String>,
    /// How many weeks ahead to look (1-26; default 8).
    #[ts(optional = nullable)]
    pub weeks: Option<u32>,
    /// How many slots to offer (1-20; default 5).
    #[ts(optional = nullable)]
    pub limit: Option<u32>,
}
