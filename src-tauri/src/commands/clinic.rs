use rekindle_core::clinic::{self, ClinicProfile};
use rekindle_core::vocab::{self, Vocabulary};
use tauri::State;

use crate::error::CmdResult;
use crate::state::App;

#[tauri::command(async)]
pub fn get_clinic(app: State<'_, App>) -> CmdResult<ClinicProfile> {
    app.with_session(|s| s.read(clinic::get))
}

#[tauri::command(async)]
pub fn update_clinic(app: State<'_, App>, profile: ClinicProfile) -> CmdResult<ClinicProfile> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| clinic::update(tx, actor, &profile, now)))
}

#[tauri::command(async)]
pub fn get_vocabulary(app: State<'_, App>) -> CmdResult<Vocabulary> {
    app.with_session(|s| s.read(|conn, _| vocab::all(conn)))
}
