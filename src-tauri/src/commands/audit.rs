//! The administrator's audit log viewer. Core checks the role and logs each search.

use rekindle_core::audit_view::{self, AuditChoices, AuditFilter, AuditPage};
use tauri::State;

use crate::error::CmdResult;
use crate::state::App;

#[tauri::command(async)]
pub fn audit_choices(app: State<'_, App>) -> CmdResult<AuditChoices> {
    app.with_session(|s| s.read(audit_view::choices))
}

#[tauri::command(async)]
pub fn audit_log(app: State<'_, App>, filter: AuditFilter) -> CmdResult<AuditPage> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| audit_view::search(tx, actor, &filter, now)))
}
