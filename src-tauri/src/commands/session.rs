use rekindle_core::backup;
use rekindle_core::session::{self, SessionInfo, SetupInput, SetupState};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::error::{CmdResult, CommandError};
use crate::state::App;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    pub setup: SetupState,
    pub session: Option<SessionInfo>,
    /// The screen is locked: show the lock screen over whatever was open.
    pub locked: bool,
}

/// How long the window waits without input before it locks.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LockSettings {
    /// The clinic's setting.
    pub minutes: u32,
    /// What this window uses (the setting, or a test's shorter time).
    #[ts(type = "number")]
    pub after_seconds: u64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetupDone {
    /// Shown once; the UI must not keep it after the administrator confirms it is stored.
    pub recovery_key: String,
    pub session: SessionInfo,
}

#[tauri::command(async)]
pub fn app_status(app: State<'_, App>) -> CmdResult<AppStatus> {
    let setup = session::state(&app.data_dir)?;
    let session = app.session_slot().as_ref().map(|s| s.info());
    Ok(AppStatus { setup, session, locked: app.is_locked() })
}

#[tauri::command(async)]
pub fn set_up_clinic(app: State<'_, App>, input: SetupInput) -> CmdResult<SetupDone> {
    let (s, recovery) = session::set_up(&app.data_dir, &input, app.now())?;
    let info = s.info();
    app.start_lock_clock(&s);
    *app.session_slot() = Some(s);
    let recovery_key = recovery.to_string();
    *app.pending_recovery_key.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(recovery);
    Ok(SetupDone { recovery_key, session: info })
}

#[tauri::command(async)]
pub fn sign_in(app: State<'_, App>, username: String, password: String) -> CmdResult<SessionInfo> {
    let s = session::sign_in(&app.data_dir, &username, &password, app.now())?;
    let info = s.info();
    replace_session(&app, s);
    Ok(info)
}

#[tauri::command(async)]
pub fn sign_in_with_recovery_key(
    app: State<'_, App>,
    recovery_key: String,
    username: String,
    new_password: String,
) -> CmdResult<SessionInfo> {
    let s = session::sign_in_with_recovery_key(&app.data_dir, &recovery_key, &username, &new_password, app.now())?;
    let info = s.info();
    replace_session(&app, s);
    Ok(info)
}

/// A new sign-in replaces whoever was signed in (their sign-out is recorded).
fn replace_session(app: &App, s: session::Session) {
    app.start_lock_clock(&s);
    // The recovery key shown at set-up is for that administrator only: another sign-in drops it.
    *app.pending_recovery_key.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = None;
    let old = app.session_slot().replace(s);
    if let Some(old) = old {
        if let Err(e) = old.sign_out(app.now()) {
            eprintln!("rekindle: recording the previous sign-out failed: {}", CommandError::from(e).message);
        }
    }
}

/// Signs out, after the automatic backup (when a backup folder is set). A backup that fails
/// does not keep anyone signed in: its problem is returned for the screen to show.
#[tauri::command(async)]
pub fn sign_out(app: State<'_, App>) -> CmdResult<Option<String>> {
    let old = app.session_slot().take();
    let mut problem = None;
    if let Some(mut s) = old {
        let now = app.now();
        if let Err(e) = backup::automatic(&mut s, backup::Automatic::SignOut, now) {
            let e = CommandError::from(e);
            eprintln!("rekindle: the automatic backup on sign-out failed: {}", e.message);
            problem = Some(format!("The automatic backup could not be made: {}", e.message));
        }
        s.sign_out(now)?;
    }
    *app.pending_recovery_key.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = None;
    Ok(problem)
}

#[tauri::command(async)]
pub fn change_own_password(
    app: State<'_, App>,
    current_password: String,
    new_password: String,
) -> CmdResult<SessionInfo> {
    let now = app.now();
    app.with_session(|s| {
        rekindle_core::accounts::change_own_password(s, &current_password, &new_password, now)?;
        Ok(s.info())
    })
}

/// Writes the pending recovery key to a file the administrator chooses.
/// Returns the path written, or `None` when they cancelled the dialog.
#[tauri::command(async)]
pub fn save_recovery_key(app: State<'_, App>, handle: tauri::AppHandle) -> CmdResult<Option<String>> {
    // Only the signed-in, unlocked administrator who set the clinic up.
    app.with_session(|s| s.actor().require(rekindle_core::access::Permission::ManageAccounts))?;
    let key = app.pending_recovery_key.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
    let Some(key) = key else {
        return Err(CommandError::from(rekindle_core::Error::Conflict(
            "The recovery key is no longer available to save.".into(),
        )));
    };
    let Some(path) = crate::dialogs::choose_save_path(&handle, "rekindle-recovery-key.txt") else {
        return Ok(None);
    };
    let text = format!(
        "Rekindle recovery key\n\nKeep this somewhere safe and separate from the computer.\nIt can reset an administrator's password if every administrator password is lost.\n\n{}\n",
        key.as_str()
    );
    std::fs::write(&path, text).map_err(|e| {
        eprintln!("rekindle: saving the recovery key failed: {:?}", e.kind());
        CommandError::internal("The file could not be written. Choose another folder and try again.")
    })?;
    Ok(Some(path.display().to_string()))
}

/// The administrator has stored the recovery key: forget it.
#[tauri::command(async)]
pub fn forget_recovery_key(app: State<'_, App>) -> CmdResult<()> {
    *app.pending_recovery_key.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = None;
    Ok(())
}

/// Locks the screen now: Ctrl+L, or the window saw no input for the lock time.
#[tauri::command(async)]
pub fn lock_screen(app: State<'_, App>, idle: bool) -> CmdResult<()> {
    app.lock_now(if idle { "idle" } else { "on request" })
}

/// The window saw keyboard or pointer input (sent at most every half minute).
#[tauri::command(async)]
pub fn still_here(app: State<'_, App>) -> CmdResult<()> {
    app.still_here()
}

/// The signed-in person comes back to the locked screen with their password.
#[tauri::command(async)]
pub fn unlock(app: State<'_, App>, password: String) -> CmdResult<SessionInfo> {
    app.unlock(&password)?;
    app.with_session(|s| Ok(s.info()))
}

#[tauri::command(async)]
pub fn lock_settings(app: State<'_, App>) -> CmdResult<LockSettings> {
    let minutes = app.with_session(|s| s.read(|conn, _| rekindle_core::lock::lock_after_minutes(conn)))?;
    Ok(LockSettings { minutes, after_seconds: app.lock_after_seconds() })
}

/// The administrator's lock time, 1 to 60 minutes; it applies from the next sign-in.
#[tauri::command(async)]
pub fn set_lock_after(app: State<'_, App>, minutes: i64) -> CmdResult<LockSettings> {
    let now = app.now();
    let minutes = app
        .with_session(|s| s.write(|tx, actor| rekindle_core::lock::set_lock_after_minutes(tx, actor, minutes, now)))?;
    Ok(LockSettings { minutes, after_seconds: app.lock_after_seconds() })
}
