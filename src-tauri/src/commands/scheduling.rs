//! The calendar: settings, the week's appointments, booking, moving, cancelling, marking, the
//! next free slot and the waitlist. Core checks every role and rule.

use rekindle_core::scheduling::settings::{SchedulingSettings, SchedulingSettingsInput};
use rekindle_core::scheduling::{
    self, Appointment, Booked, BookingInput, CalendarQuery, CalendarView, CancelInput, Clash, FreeSlot,
    RescheduleInput, SlotQuery, WaitlistEntry, WaitlistInput,
};
use tauri::State;

use crate::error::CmdResult;
use crate::state::App;

#[tauri::command(async)]
pub fn scheduling_settings(app: State<'_, App>) -> CmdResult<SchedulingSettings> {
    app.with_session(|s| s.read(scheduling::settings))
}

#[tauri::command(async)]
pub fn save_scheduling_settings(app: State<'_, App>, input: SchedulingSettingsInput) -> CmdResult<SchedulingSettings> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| scheduling::save_settings(tx, actor, &input, now)))
}

#[tauri::command(async)]
pub fn calendar(app: State<'_, App>, query: CalendarQuery) -> CmdResult<CalendarView> {
    let now = app.now();
    app.with_session(|s| s.read(|c, actor| scheduling::calendar(c, actor, &query, now)))
}

#[tauri::command(async)]
pub fn check_booking(app: State<'_, App>, input: BookingInput) -> CmdResult<Vec<Clash>> {
    let now = app.now();
    app.with_session(|s| s.read(|c, actor| scheduling::check(c, actor, &input, now)))
}

#[tauri::command(async)]
pub fn book_appointment(app: State<'_, App>, input: BookingInput) -> CmdResult<Booked> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| scheduling::book(tx, actor, &input, now)))
}

#[tauri::command(async)]
pub fn reschedule_appointment(app: State<'_, App>, input: RescheduleInput) -> CmdResult<Vec<Appointment>> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| scheduling::reschedule(tx, actor, &input, now)))
}

#[tauri::command(async)]
pub fn cancel_appointment(app: State<'_, App>, input: CancelInput) -> CmdResult<Vec<Appointment>> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| scheduling::cancel(tx, actor, &input, now)))
}

#[tauri::command(async)]
pub fn set_appointment_status(app: State<'_, App>, key: String, status: String) -> CmdResult<Appointment> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| scheduling::change_status(tx, actor, &key, &status, now)))
}

#[tauri::command(async)]
pub fn next_free_slots(app: State<'_, App>, query: SlotQuery) -> CmdResult<Vec<FreeSlot>> {
    let now = app.now();
    app.with_session(|s| s.read(|c, actor| scheduling::next_free_slots(c, actor, &query, now)))
}

#[tauri::command(async)]
pub fn waitlist(app: State<'_, App>) -> CmdResult<Vec<WaitlistEntry>> {
    app.with_session(|s| s.read(scheduling::waitlist))
}

#[tauri::command(async)]
pub fn add_to_waitlist(app: State<'_, App>, input: WaitlistInput) -> CmdResult<WaitlistEntry> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| scheduling::add_to_waitlist(tx, actor, &input, now)))
}

#[tauri::command(async)]
pub fn remove_from_waitlist(app: State<'_, App>, id: i64) -> CmdResult<()> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| scheduling::remove_from_waitlist(tx, actor, id, now)))
}
