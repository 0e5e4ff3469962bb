//! Appointment cards, reception's day sheet and the iCalendar export: thin commands over
//! `rekindle_core::scheduling::{print, ics}` and the print service.

use rekindle_core::handouts::HandoutPreview;
use rekindle_core::print_service;
use rekindle_core::scheduling::{ics, print};
use tauri::State;

use crate::commands::handouts::PrintDone;
use crate::dialogs;
use crate::error::{CmdResult, CommandError};
use crate::state::App;

fn write_file(path: &std::path::Path, bytes: &[u8]) -> CmdResult<()> {
    std::fs::write(path, bytes).map_err(|e| {
        eprintln!("rekindle: saving a file failed: {:?}", e.kind());
        CommandError::internal("The file could not be saved there. Choose another folder and try again.")
    })
}

#[tauri::command(async)]
pub fn preview_appointment_card(app: State<'_, App>, key: String) -> CmdResult<HandoutPreview> {
    let now = app.now();
    app.with_session(|s| s.read(|conn, actor| print::card_preview(conn, actor, &key, now)))
}

/// Sends an appointment card to a printer and records it.
#[tauri::command(async)]
pub fn print_appointment_card(app: State<'_, App>, key: String, printer: String, copies: u32) -> CmdResult<PrintDone> {
    let now = app.now();
    let (title, pdf) = app.with_session(|s| s.read(|conn, actor| print::card_pdf(conn, actor, &key, now)))?;
    let job_id = print_service::print_pdf(&printer, copies, &title, &pdf)?;
    app.with_session(|s| s.write(|tx, actor| print::record_card_printed(tx, actor, &key, copies, now)))?;
    Ok(PrintDone { job_id, printer, copies })
}

/// Saves an appointment card as a PDF where reception chooses. None when the dialog was cancelled.
#[tauri::command(async)]
pub fn save_appointment_card(app: State<'_, App>, handle: tauri::AppHandle, key: String) -> CmdResult<Option<String>> {
    let now = app.now();
    let (title, pdf) = app.with_session(|s| s.read(|conn, actor| print::card_pdf(conn, actor, &key, now)))?;
    let Some(path) = dialogs::choose_save_path(&handle, &format!("{title}.pdf")) else { return Ok(None) };
    write_file(&path, &pdf)?;
    app.with_session(|s| s.write(|tx, actor| print::record_card_printed(tx, actor, &key, 1, now)))?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command(async)]
pub fn preview_day_sheet(app: State<'_, App>, day: String, counsellor_ids: Vec<i64>) -> CmdResult<HandoutPreview> {
    let now = app.now();
    app.with_session(|s| s.read(|conn, actor| print::day_sheet_preview(conn, actor, &day, &counsellor_ids, now)))
}

#[tauri::command(async)]
pub fn print_day_sheet(
    app: State<'_, App>,
    day: String,
    counsellor_ids: Vec<i64>,
    printer: String,
    copies: u32,
) -> CmdResult<PrintDone> {
    let now = app.now();
    let (title, pdf) =
        app.with_session(|s| s.read(|conn, actor| print::day_sheet_pdf(conn, actor, &day, &counsellor_ids, now)))?;
    let job_id = print_service::print_pdf(&printer, copies, &title, &pdf)?;
    app.with_session(|s| s.write(|tx, actor| print::record_day_sheet_printed(tx, actor, &day, now)))?;
    Ok(PrintDone { job_id, printer, copies })
}

/// Saves a counsellor's schedule as an .ics file. None when the dialog was cancelled.
#[tauri::command(async)]
pub fn export_calendar(app: State<'_, App>, handle: tauri::AppHandle, counsellor_id: i64) -> CmdResult<Option<String>> {
    let now = app.now();
    // Refuse before the dialog when the calendar is not this person's to see at all; the export
    // itself checks whose calendar it is.
    app.with_session(|s| s.read(|_, actor| actor.require(rekindle_core::access::Permission::ViewSchedule)))?;
    let Some(path) = dialogs::choose_save_path(&handle, "schedule.ics") else { return Ok(None) };
    let text = app.with_session(|s| s.write(|tx, actor| ics::export(tx, actor, counsellor_id, now)))?;
    write_file(&path, text.as_bytes())?;
    Ok(Some(path.display().to_string()))
}
