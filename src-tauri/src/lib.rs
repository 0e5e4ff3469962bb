//! The Tauri v2 shell around `rekindle-core`: window, state, and thin commands.
//!
//! - [`state`]: the data folder and the signed-in session.
//! - [`commands`]: one module per core area; each command calls core and maps its error.
//! - [`error`]: `CommandError`, the one serialised error shape the UI sees.
//! - [`dialogs`]: native dialogs, with a test seam.

pub mod commands;
pub mod dialogs;
pub mod error;
pub mod state;

use state::App;
use tauri::Manager;

/// Every command the UI may call. Kept in one list so tests and the role matrix can see them all.
#[macro_export]
macro_rules! all_commands {
    () => {
        tauri::generate_handler![
            $crate::commands::session::app_status,
            $crate::commands::session::set_up_clinic,
            $crate::commands::session::sign_in,
            $crate::commands::session::sign_in_with_recovery_key,
            $crate::commands::session::sign_out,
            $crate::commands::session::lock_screen,
            $crate::commands::session::still_here,
            $crate::commands::session::unlock,
            $crate::commands::session::lock_settings,
            $crate::commands::session::set_lock_after,
            $crate::commands::session::change_own_password,
            $crate::commands::session::save_recovery_key,
            $crate::commands::session::forget_recovery_key,
            $crate::commands::clinic::get_clinic,
            $crate::commands::clinic::update_clinic,
            $crate::commands::clinic::get_vocabulary,
            $crate::commands::accounts::list_accounts,
            $crate::commands::accounts::add_account,
            $crate::commands::accounts::update_account,
            $crate::commands::accounts::deactivate_account,
            $crate::commands::accounts::reactivate_account,
            $crate::commands::accounts::reset_account_password,
            $crate::commands::people::search_people,
            $crate::commands::people::get_person,
            $crate::commands::people::register_client,
            $crate::commands::people::save_client,
            $crate::commands::people::save_partner,
            $crate::commands::people::set_person_archived,
            $crate::commands::relationships::create_relationship,
            $crate::commands::relationships::update_relationship,
            $crate::commands::relationships::add_relationship_member,
            $crate::commands::relationships::remove_relationship_member,
            $crate::commands::relationships::end_relationship,
            $crate::commands::intake::open_chart,
            $crate::commands::intake::get_checklists,
            $crate::commands::intake::get_instruments,
            $crate::commands::intake::save_intake_section,
            $crate::commands::intake::sign_intake,
            $crate::commands::intake::add_intake_addendum,
            $crate::commands::intake::record_measure,
            $crate::commands::intake::acknowledge_measure_alert,
            $crate::commands::intake::override_caution,
            $crate::commands::planning::open_course,
            $crate::commands::planning::create_course,
            $crate::commands::planning::update_course,
            $crate::commands::planning::set_session_date,
            $crate::commands::planning::suggest_for_session,
            $crate::commands::planning::add_session_item,
            $crate::commands::planning::remove_session_item,
            $crate::commands::planning::save_session_note,
            $crate::commands::planning::sign_session_note,
            $crate::commands::planning::add_session_addendum,
            $crate::commands::planning::review_homework,
            $crate::commands::planning::list_library,
            $crate::commands::planning::edit_library_item,
            $crate::commands::planning::add_library_item,
            $crate::commands::scheduling::scheduling_settings,
            $crate::commands::scheduling::save_scheduling_settings,
            $crate::commands::scheduling::calendar,
            $crate::commands::scheduling::check_booking,
            $crate::commands::scheduling::book_appointment,
            $crate::commands::scheduling::reschedule_appointment,
            $crate::commands::scheduling::cancel_appointment,
            $crate::commands::scheduling::set_appointment_status,
            $crate::commands::scheduling::next_free_slots,
            $crate::commands::scheduling::waitlist,
            $crate::commands::scheduling::add_to_waitlist,
            $crate::commands::scheduling::remove_from_waitlist,
            $crate::commands::calendar_print::preview_appointment_card,
            $crate::commands::calendar_print::print_appointment_card,
            $crate::commands::calendar_print::save_appointment_card,
            $crate::commands::calendar_print::preview_day_sheet,
            $crate::commands::calendar_print::print_day_sheet,
            $crate::commands::calendar_print::export_calendar,
            $crate::commands::handouts::list_handouts,
            $crate::commands::handouts::get_handout_template,
            $crate::commands::handouts::save_handout_template,
            $crate::commands::handouts::preview_handout_template,
            $crate::commands::handouts::preview_handout,
            $crate::commands::handouts::save_handout_pdf,
            $crate::commands::handouts::open_handout,
            $crate::commands::handouts::list_printers,
            $crate::commands::handouts::print_handout,
            $crate::commands::handouts::handout_history,
            $crate::commands::handouts::get_print_settings,
            $crate::commands::handouts::save_print_settings,
            $crate::commands::handouts::set_client_discretion,
            $crate::commands::handouts::choose_clinic_logo,
            $crate::commands::handouts::clear_clinic_logo,
            $crate::commands::backup::backup_settings,
            $crate::commands::backup::set_backup_folder,
            $crate::commands::backup::choose_backup_folder,
            $crate::commands::backup::back_up_now,
            $crate::commands::backup::restore_backup,
            $crate::commands::audit::audit_choices,
            $crate::commands::audit::audit_log,
            $crate::commands::data_rights::export_client_record,
            $crate::commands::data_rights::erase_preview,
            $crate::commands::data_rights::erase_client,
        ]
    };
}

/// Builds the app state from the environment: `REKINDLE_DATA_DIR`, or the per-user data folder.
pub fn app_state() -> Result<App, String> {
    let dir = rekindle_core::store::data_dir(std::env::var_os("REKINDLE_DATA_DIR")).map_err(|e| e.to_string())?;
    Ok(App::new(dir))
}

pub fn run() {
    let state = match app_state() {
        Ok(s) => s,
        Err(message) => {
            eprintln!("rekindle: {message}");
            std::process::exit(1);
        }
    };
    let instance_id = instance_id(&state.data_dir);
    let result = tauri::Builder::default()
        // First, so a second launch on the same data folder hands over before anything else runs.
        .plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(instance_id)
                .callback(|app, _args, _cwd| {
                    eprintln!("rekindle: another launch: bringing the window forward");
                    if let Some(window) = app.get_webview_window("main") {
                        let _ = window.unminimize();
                        let _ = window.show();
                        let _ = window.set_focus();
                    }
                })
                .build(),
        )
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .setup(|app| {
            // Once a day while the app is open: checked every quarter of an hour.
            let handle = app.handle().clone();
            std::thread::spawn(move || loop {
                std::thread::sleep(std::time::Duration::from_secs(15 * 60));
                handle.state::<App>().daily_backup();
            });
            Ok(())
        })
        .invoke_handler(all_commands!())
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("rekindle: the window could not start: {e}");
        std::process::exit(1);
    }
}

/// The single-instance identity (a D-Bus name on Linux): one per data folder, so a second launch
/// on the same folder brings that window forward while a launch on another folder (another
/// clinic's database, or a test's own temporary folder) starts its own window. The folder is
/// hashed (FNV-1a, stable across Rust versions), never named.
fn instance_id(data_dir: &std::path::Path) -> String {
    let dir = std::fs::canonicalize(data_dir)
        .or_else(|_| std::path::absolute(data_dir))
        .unwrap_or_else(|_| data_dir.to_path_buf());
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in dir.as_os_str().as_encoded_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("org.rekindle.desktop.d{hash:016x}")
}
