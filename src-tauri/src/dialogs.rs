//! Native dialogs, with a seam for end-to-end tests (WebDriver cannot drive a native dialog):
//! in debug builds, `REKINDLE_TEST_SAVE_DIR` answers the save dialog with a file in that folder,
//! and each folder dialog has its own variable (see `Purpose`).

use std::path::PathBuf;

use tauri_plugin_dialog::DialogExt;

pub fn choose_save_path(handle: &tauri::AppHandle, suggested: &str) -> Option<PathBuf> {
    #[cfg(debug_assertions)]
    if let Some(dir) = std::env::var_os("REKINDLE_TEST_SAVE_DIR") {
        return Some(PathBuf::from(dir).join(suggested));
    }
    handle.dialog().file().set_file_name(suggested).blocking_save_file().and_then(|p| p.into_path().ok())
}

/// Asks for a PNG image to open. In debug builds `REKINDLE_TEST_OPEN_FILE` answers the dialog.
pub fn choose_png(handle: &tauri::AppHandle) -> Option<PathBuf> {
    #[cfg(debug_assertions)]
    if let Some(file) = std::env::var_os("REKINDLE_TEST_OPEN_FILE") {
        return Some(PathBuf::from(file));
    }
    handle.dialog().file().add_filter("PNG image", &["png"]).blocking_pick_file().and_then(|p| p.into_path().ok())
}

/// What a folder is being chosen for; in debug builds each has its own test seam.
#[derive(Debug, Clone, Copy)]
pub enum Purpose {
    /// The backup folder: `REKINDLE_TEST_BACKUP_DIR`.
    Backups,
    /// Where a client's exported record goes: `REKINDLE_TEST_EXPORT_DIR`.
    Export,
}

/// Asks for a folder; `None` when cancelled.
pub fn choose_folder(handle: &tauri::AppHandle, purpose: Purpose) -> Option<PathBuf> {
    #[cfg(debug_assertions)]
    {
        let seam = match purpose {
            Purpose::Backups => "REKINDLE_TEST_BACKUP_DIR",
            Purpose::Export => "REKINDLE_TEST_EXPORT_DIR",
        };
        if let Some(dir) = std::env::var_os(seam) {
            return Some(PathBuf::from(dir));
        }
    }
    #[cfg(not(debug_assertions))]
    let _ = purpose;
    handle.dialog().file().blocking_pick_folder().and_then(|p| p.into_path().ok())
}
