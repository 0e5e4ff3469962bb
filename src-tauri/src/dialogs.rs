//! Native dialogs, with a seam for end-to-end tests (WebDriver cannot drive a native dialog):
//! in debug builds, `REKINDLE_TEST_SAVE_DIR` answers the save dialog with a file in that folder.

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

/// Asks for a folder (the backup folder). In debug builds `REKINDLE_TEST_BACKUP_DIR` answers.
pub fn choose_folder(handle: &tauri::AppHandle) -> Option<PathBuf> {
    #[cfg(debug_assertions)]
    if let Some(dir) = std::env::var_os("REKINDLE_TEST_BACKUP_DIR") {
        return Some(PathBuf::from(dir));
    }
    handle.dialog().file().blocking_pick_folder().and_then(|p| p.into_path().ok())
}
