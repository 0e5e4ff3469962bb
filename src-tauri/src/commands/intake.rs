use rekindle_core::cautions;
use rekindle_core::chart::{self, Chart};
use rekindle_core::intake::{self, ChecklistItem, Intake, IntakeSection, Saved};
use rekindle_core::measures::{self, Instrument, MeasureInput, MeasureResult};
use tauri::State;

use crate::error::CmdResult;
use crate::state::App;

/// Opens a client's chart (intake, cautions, measures). Counsellors only; the read is audited.
#[tauri::command(async)]
pub fn open_chart(app: State<'_, App>, person_id: i64) -> CmdResult<Chart> {
    let now = app.now();
    app.with_session(|s| s.open_record(|tx, actor| chart::open(tx, actor, person_id, now)))
}

#[tauri::command(async)]
pub fn get_checklists(app: State<'_, App>) -> CmdResult<Vec<ChecklistItem>> {
    app.with_session(|s| s.read(intake::checklists))
}

#[tauri::command(async)]
pub fn get_instruments(app: State<'_, App>) -> CmdResult<Vec<Instrument>> {
    app.with_session(|s| s.read(measures::instruments))
}

/// Saves one section as the counsellor types.
#[tauri::command(async)]
pub fn save_intake_section(app: State<'_, App>, intake_id: i64, section: IntakeSection) -> CmdResult<Saved> {
    let (now, today) = (app.now(), app.today());
    app.with_session(|s| s.write(|tx, actor| intake::autosave(tx, actor, intake_id, &section, today, now)))
}

#[tauri::command(async)]
pub fn sign_intake(app: State<'_, App>, intake_id: i64) -> CmdResult<Intake> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| intake::sign(tx, actor, intake_id, now)))
}

#[tauri::command(async)]
pub fn add_intake_addendum(app: State<'_, App>, intake_id: i64, text: String) -> CmdResult<Intake> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| intake::add_addendum(tx, actor, intake_id, &text, now)))
}

#[tauri::command(async)]
pub fn record_measure(app: State<'_, App>, person_id: i64, input: MeasureInput) -> CmdResult<MeasureResult> {
    let (now, today) = (app.now(), app.today());
    app.with_session(|s| s.write(|tx, actor| measures::record(tx, actor, person_id, &input, today, now)))
}

#[tauri::command(async)]
pub fn acknowledge_measure_alert(app: State<'_, App>, result_id: i64) -> CmdResult<MeasureResult> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| measures::acknowledge_alert(tx, actor, result_id, now)))
}

#[tauri::command(async)]
pub fn override_caution(app: State<'_, App>, person_id: i64, caution: String, reason: String) -> CmdResult<()> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| cautions::record_override(tx, actor, person_id, &caution, &reason, now)))
}
