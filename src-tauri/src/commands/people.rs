use rekindle_core::people::{self, ClientInput, PartnerInput, Person, PersonDetail, PersonSummary};
use tauri::State;

use crate::error::CmdResult;
use crate::state::App;

#[tauri::command(async)]
pub fn search_people(app: State<'_, App>, query: String, include_archived: bool) -> CmdResult<Vec<PersonSummary>> {
    app.with_session(|s| s.read(|conn, actor| people::search(conn, actor, &query, include_archived)))
}

#[tauri::command(async)]
pub fn get_person(app: State<'_, App>, id: i64) -> CmdResult<PersonDetail> {
    app.with_session(|s| s.read(|conn, actor| people::detail(conn, actor, id)))
}

#[tauri::command(async)]
pub fn register_client(app: State<'_, App>, input: ClientInput) -> CmdResult<Person> {
    let (now, today) = (app.now(), app.today());
    app.with_session(|s| s.write(|tx, actor| people::register_client(tx, actor, &input, today, now)))
}

/// Saves a client's record; for a partner who is not yet a client, makes them one.
#[tauri::command(async)]
pub fn save_client(app: State<'_, App>, id: i64, input: ClientInput) -> CmdResult<Person> {
    let (now, today) = (app.now(), app.today());
    app.with_session(|s| s.write(|tx, actor| people::save_client(tx, actor, id, &input, today, now)))
}

#[tauri::command(async)]
pub fn save_partner(app: State<'_, App>, id: i64, input: PartnerInput) -> CmdResult<Person> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| people::save_partner(tx, actor, id, &input, now)))
}

#[tauri::command(async)]
pub fn set_person_archived(app: State<'_, App>, id: i64, archived: bool) -> CmdResult<Person> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| people::set_archived(tx, actor, id, archived, now)))
}
