//! Handouts and printing: thin commands over `rekindle_core::handouts` and `print_service`.
//! Every role check is in core; reception can only send a sheet to a printer.

use rekindle_core::handouts::{
    self, HandoutPreview, HandoutSummary, HandoutTemplate, PrintOptions, PrintRecord, PrintSettings, TemplateInput,
};
use rekindle_core::print_service::{self, Printer};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::dialogs;
use crate::error::{CmdResult, CommandError};
use crate::state::App;

/// What happened to a sheet sent to a printer.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintDone {
    pub job_id: String,
    pub printer: String,
    pub copies: u32,
}

#[tauri::command(async)]
pub fn list_handouts(app: State<'_, App>) -> CmdResult<Vec<HandoutSummary>> {
    app.with_session(|s| s.read(handouts::list))
}

#[tauri::command(async)]
pub fn get_handout_template(app: State<'_, App>, slug: String) -> CmdResult<HandoutTemplate> {
    app.with_session(|s| s.read(|conn, actor| handouts::template(conn, actor, &slug)))
}

#[tauri::command(async)]
pub fn save_handout_template(app: State<'_, App>, slug: String, input: TemplateInput) -> CmdResult<HandoutTemplate> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| handouts::save_template(tx, actor, &slug, &input, now)))
}

/// The administrator's live preview while editing a template (a fictional client).
#[tauri::command(async)]
pub fn preview_handout_template(
    app: State<'_, App>,
    slug: String,
    input: TemplateInput,
    discreet: bool,
) -> CmdResult<HandoutPreview> {
    let today = app.today();
    app.with_session(|s| s.read(|conn, actor| handouts::template_preview(conn, actor, &slug, &input, discreet, today)))
}

/// A client's sheet as the pages that will print (counsellors; audited).
#[tauri::command(async)]
pub fn preview_handout(app: State<'_, App>, options: PrintOptions) -> CmdResult<HandoutPreview> {
    let (now, today) = (app.now(), app.today());
    app.with_session(|s| {
        s.open_record(|tx, actor| handouts::preview(tx, actor, &options, now, today).map(|r| r.preview()))
    })
}

/// Saves a client's sheet as a PDF where the counsellor chooses. None when the dialog was cancelled.
#[tauri::command(async)]
pub fn save_handout_pdf(
    app: State<'_, App>,
    handle: tauri::AppHandle,
    options: PrintOptions,
) -> CmdResult<Option<String>> {
    let (now, today) = (app.now(), app.today());
    // Render first (checks the role) without recording, so a cancelled dialog records nothing.
    let probe = app.with_session(|s| {
        s.read(|conn, actor| {
            actor.require(rekindle_core::access::Permission::ViewClinical)?;
            handouts::render_for_printer(conn, actor, &options, today)
        })
    })?;
    let Some(path) = dialogs::choose_save_path(&handle, &probe.file_name) else { return Ok(None) };
    let rendered =
        app.with_session(|s| s.write(|tx, actor| handouts::export(tx, actor, &options, "pdf", now, today)))?;
    std::fs::write(&path, &rendered.pdf).map_err(|e| {
        eprintln!("rekindle: saving a handout failed: {:?}", e.kind());
        CommandError::internal("The PDF could not be saved there. Choose another folder and try again.")
    })?;
    Ok(Some(path.display().to_string()))
}

/// Opens a client's sheet in the system's PDF viewer, from a private temporary file.
#[tauri::command(async)]
pub fn open_handout(app: State<'_, App>, options: PrintOptions) -> CmdResult<()> {
    let (now, today) = (app.now(), app.today());
    let rendered =
        app.with_session(|s| s.write(|tx, actor| handouts::export(tx, actor, &options, "viewer", now, today)))?;
    let dir = std::env::temp_dir().join(format!("rekindle-{}", std::process::id()));
    let write = || -> std::io::Result<std::path::PathBuf> {
        std::fs::create_dir_all(&dir)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))?;
        }
        let path = dir.join(&rendered.file_name);
        std::fs::write(&path, &rendered.pdf)?;
        Ok(path)
    };
    let path = write().map_err(|_| CommandError::internal("The sheet could not be prepared for viewing."))?;
    std::process::Command::new("xdg-open").arg(&path).spawn().map(|_| ()).map_err(|_| {
        CommandError::internal("No PDF viewer could be opened on this computer. Save the sheet as a PDF instead.")
    })
}

#[tauri::command(async)]
pub fn list_printers(app: State<'_, App>) -> CmdResult<Vec<Printer>> {
    app.with_session(|s| s.read(|_, actor| actor.require(rekindle_core::access::Permission::PrintHandouts)))?;
    Ok(print_service::list_printers()?)
}

/// Sends a client's sheet to a printer and records the print (counsellors and reception).
#[tauri::command(async)]
pub fn print_handout(app: State<'_, App>, options: PrintOptions, printer: String, copies: u32) -> CmdResult<PrintDone> {
    let (now, today) = (app.now(), app.today());
    let rendered =
        app.with_session(|s| s.read(|conn, actor| handouts::render_for_printer(conn, actor, &options, today)))?;
    let job_id = print_service::print_pdf(&printer, copies, &rendered.file_name, &rendered.pdf)?;
    app.with_session(|s| s.write(|tx, actor| handouts::record_printed(tx, actor, &rendered, copies, now)))?;
    Ok(PrintDone { job_id, printer, copies })
}

#[tauri::command(async)]
pub fn handout_history(app: State<'_, App>, person_id: i64) -> CmdResult<Vec<PrintRecord>> {
    app.with_session(|s| s.read(|conn, actor| handouts::history(conn, actor, person_id)))
}

#[tauri::command(async)]
pub fn get_print_settings(app: State<'_, App>) -> CmdResult<PrintSettings> {
    app.with_session(|s| s.read(handouts::settings))
}

#[tauri::command(async)]
pub fn save_print_settings(app: State<'_, App>, input: PrintSettings) -> CmdResult<PrintSettings> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| handouts::save_settings(tx, actor, &input, now)))
}

/// Sets a client's own choice of discreet sheets (None: the clinic's default).
#[tauri::command(async)]
pub fn set_client_discretion(app: State<'_, App>, person_id: i64, discreet: Option<bool>) -> CmdResult<()> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| handouts::set_client_discretion(tx, actor, person_id, discreet, now)))
}

/// Lets the administrator choose the clinic's logo (a PNG) for the letterhead. None when the
/// dialog was cancelled.
#[tauri::command(async)]
pub fn choose_clinic_logo(app: State<'_, App>, handle: tauri::AppHandle) -> CmdResult<Option<PrintSettings>> {
    app.with_session(|s| s.read(|_, actor| actor.require(rekindle_core::access::Permission::EditClinic)))?;
    let Some(path) = dialogs::choose_png(&handle) else { return Ok(None) };
    let bytes =
        std::fs::read(&path).map_err(|_| CommandError::internal("That file could not be read. Choose another one."))?;
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| handouts::set_logo(tx, actor, Some(&bytes), now))).map(Some)
}

#[tauri::command(async)]
pub fn clear_clinic_logo(app: State<'_, App>) -> CmdResult<PrintSettings> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| handouts::set_logo(tx, actor, None, now)))
}
