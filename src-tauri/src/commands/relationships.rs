use rekindle_core::people::PartnerInput;
use rekindle_core::relationships::{self, NewRelationship, Relationship, RelationshipUpdate};
use tauri::State;

use crate::error::CmdResult;
use crate::state::App;

#[tauri::command(async)]
pub fn create_relationship(app: State<'_, App>, input: NewRelationship) -> CmdResult<Relationship> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| relationships::create(tx, actor, &input, now)))
}

#[tauri::command(async)]
pub fn update_relationship(app: State<'_, App>, id: i64, input: RelationshipUpdate) -> CmdResult<Relationship> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| relationships::update(tx, actor, id, &input, now)))
}

#[tauri::command(async)]
pub fn add_relationship_member(
    app: State<'_, App>,
    id: i64,
    person_id: Option<i64>,
    new_partner: Option<PartnerInput>,
) -> CmdResult<Relationship> {
    let now = app.now();
    app.with_session(|s| {
        s.write(|tx, actor| relationships::add_member(tx, actor, id, person_id, new_partner.as_ref(), now))
    })
}

#[tauri::command(async)]
pub fn remove_relationship_member(app: State<'_, App>, id: i64, person_id: i64) -> CmdResult<Relationship> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| relationships::remove_member(tx, actor, id, person_id, now)))
}

#[tauri::command(async)]
pub fn end_relationship(app: State<'_, App>, id: i64) -> CmdResult<Relationship> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| relationships::end(tx, actor, id, now)))
}
