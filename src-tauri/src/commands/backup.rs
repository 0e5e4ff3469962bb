//! Backups: where they go, making one now, the list, and restoring one. Core checks the role
//! (administrators only); the automatic backups on sign-out and once a day are in `session` and
//! `lib`.

use std::path::PathBuf;

use rekindle_core::backup::{self, BackupDone, BackupSettings};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::error::{CmdResult, CommandError};
use crate::state::App;

/// A restore that happened: everyone is signed out and signs in to the restored clinic.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreDone {
    /// When the restored backup was made (RFC 3339, from the newest entry of its log).
    pub backup_made_at: Option<String>,
    /// Where the replaced data file was kept.
    pub kept_as: String,
}

#[tauri::command(async)]
pub fn backup_settings(app: State<'_, App>) -> CmdResult<BackupSettings> {
    app.with_session(|s| s.read(backup::settings))
}

#[tauri::command(async)]
pub fn set_backup_folder(app: State<'_, App>, folder: String) -> CmdResult<BackupSettings> {
    let now = app.now();
    app.with_session(|s| {
        let dir = s.data_dir().to_owned();
        s.write(|tx, actor| backup::set_folder(tx, actor, &dir, &folder, now))?;
        s.read(backup::settings)
    })
}

/// Asks for a folder with the system's dialog; `None` when cancelled.
#[tauri::command(async)]
pub fn choose_backup_folder(app: State<'_, App>, handle: tauri::AppHandle) -> CmdResult<Option<String>> {
    // Only someone who may set it gets the dialog.
    app.with_session(|s| s.read(backup::settings))?;
    Ok(crate::dialogs::choose_folder(&handle, crate::dialogs::Purpose::Backups).map(|p| p.display().to_string()))
}

#[tauri::command(async)]
pub fn back_up_now(app: State<'_, App>) -> CmdResult<BackupDone> {
    let now = app.now();
    app.with_session(|s| {
        let folder = s.read(backup::settings)?.folder;
        let Some(folder) = folder else {
            return Err(rekindle_core::Error::field("folder", "Choose a folder for the backups first."));
        };
        backup::back_up_to_folder(s, &PathBuf::from(folder), now)
    })
}

/// Checks the backup while the administrator is still signed in (a refusal changes nothing),
/// then puts it in place; the session ends.
#[tauri::command(async)]
pub fn restore_backup(app: State<'_, App>, file: String) -> CmdResult<RestoreDone> {
    let from = PathBuf::from(file);
    // Signed in, not locked, and allowed (core checks the role again below).
    app.with_session(|s| s.read(backup::settings))?;
    let mut slot = app.session_slot();
    let prepared = backup::prepare_restore(slot.as_ref().ok_or_else(CommandError::signed_out)?, &from)?;
    let made_at = prepared.check.last_entry_at.clone();
    let s = slot.take().ok_or_else(CommandError::signed_out)?;
    let kept = backup::finish_restore(s, prepared, app.now())?;
    Ok(RestoreDone { backup_made_at: made_at, kept_as: kept.display().to_string() })
}
