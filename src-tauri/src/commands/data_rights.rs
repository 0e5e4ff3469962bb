//! A client's rights: their whole record exported to a folder they can be given, or erased.
//! Core checks the role (counsellors) and, for an erasure, the typed name.

use rekindle_core::access::Permission;
use rekindle_core::data_rights::{self, ErasePreview, ExportWritten};
use tauri::State;

use crate::error::CmdResult;
use crate::state::App;

/// Asks for a folder, then writes `record.json` and `record.pdf` into a new folder inside it.
/// `None` when the dialog is cancelled (nothing is read or recorded then).
#[tauri::command(async)]
pub fn export_client_record(
    app: State<'_, App>,
    handle: tauri::AppHandle,
    person_id: i64,
) -> CmdResult<Option<ExportWritten>> {
    // Only someone who may export gets the dialog.
    app.with_session(|s| s.actor().require(Permission::ClientRights))?;
    let Some(parent) = crate::dialogs::choose_folder(&handle, crate::dialogs::Purpose::Export) else {
        return Ok(None);
    };
    let now = app.now();
    app.with_session(|s| {
        let e = s.write(|tx, actor| data_rights::export(tx, actor, person_id, now))?;
        data_rights::write_export(&parent, &e).map(Some)
    })
}

/// The first confirmation: whose record, and what of it would go.
#[tauri::command(async)]
pub fn erase_preview(app: State<'_, App>, person_id: i64) -> CmdResult<ErasePreview> {
    app.with_session(|s| s.read(|conn, actor| data_rights::erase_preview(conn, actor, person_id)))
}

/// The second confirmation is `typed_name`, which must be the person's full name.
#[tauri::command(async)]
pub fn erase_client(app: State<'_, App>, person_id: i64, typed_name: String) -> CmdResult<()> {
    let now = app.now();
    app.with_session(|s| data_rights::erase(s, person_id, &typed_name, now))
}
