use rekindle_core::accounts::{self, Account, AccountUpdate, NewAccount};
use tauri::State;

use crate::error::CmdResult;
use crate::state::App;

#[tauri::command(async)]
pub fn list_accounts(app: State<'_, App>) -> CmdResult<Vec<Account>> {
    app.with_session(|s| s.read(accounts::list))
}

#[tauri::command(async)]
pub fn add_account(app: State<'_, App>, input: NewAccount) -> CmdResult<Account> {
    let now = app.now();
    app.with_session(|s| accounts::add(s, &input, now))
}

#[tauri::command(async)]
pub fn update_account(app: State<'_, App>, id: i64, input: AccountUpdate) -> CmdResult<Account> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| accounts::update(tx, actor, id, &input, now)))
}

#[tauri::command(async)]
pub fn deactivate_account(app: State<'_, App>, id: i64) -> CmdResult<Account> {
    let now = app.now();
    app.with_session(|s| accounts::deactivate(s, id, now))
}

#[tauri::command(async)]
pub fn reactivate_account(app: State<'_, App>, id: i64, temporary_password: String) -> CmdResult<Account> {
    let now = app.now();
    app.with_session(|s| accounts::reactivate(s, id, &temporary_password, now))
}

#[tauri::command(async)]
pub fn reset_account_password(app: State<'_, App>, id: i64, temporary_password: String) -> CmdResult<Account> {
    let now = app.now();
    app.with_session(|s| accounts::reset_password(s, id, &temporary_password, now))
}
