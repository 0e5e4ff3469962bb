use chrono::NaiveDate;
use rekindle_core::library::{self, LibraryItem, LibraryItemInput};
use rekindle_core::planning;
use rekindle_core::planning::course::{self, CourseInput, CoursePage, ItemInput};
use rekindle_core::planning::notes::{self, NoteInput, NoteSaved, ReviewInput};
use rekindle_core::suggestions::Suggestion;
use tauri::State;

use crate::error::CmdResult;
use crate::state::App;

/// The client's course (or the intake's goals to start one). Counsellors only; audited.
#[tauri::command(async)]
pub fn open_course(app: State<'_, App>, person_id: i64) -> CmdResult<CoursePage> {
    let now = app.now();
    app.with_session(|s| s.open_record(|tx, actor| course::open(tx, actor, person_id, now)))
}

#[tauri::command(async)]
pub fn create_course(app: State<'_, App>, person_id: i64, input: CourseInput) -> CmdResult<CoursePage> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| course::create(tx, actor, person_id, &input, now)))
}

#[tauri::command(async)]
pub fn update_course(app: State<'_, App>, course_id: i64, input: CourseInput) -> CmdResult<CoursePage> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| course::update(tx, actor, course_id, &input, now)))
}

#[tauri::command(async)]
pub fn set_session_date(app: State<'_, App>, session_id: i64, planned_on: Option<NaiveDate>) -> CmdResult<CoursePage> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| course::set_planned_on(tx, actor, session_id, planned_on, now)))
}

#[tauri::command(async)]
pub fn suggest_for_session(app: State<'_, App>, session_id: i64) -> CmdResult<Vec<Suggestion>> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| planning::suggest_for_session(tx, actor, session_id, now)))
}

#[tauri::command(async)]
pub fn add_session_item(app: State<'_, App>, session_id: i64, input: ItemInput) -> CmdResult<CoursePage> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| course::add_item(tx, actor, session_id, &input, now)))
}

#[tauri::command(async)]
pub fn remove_session_item(app: State<'_, App>, session_item_id: i64) -> CmdResult<CoursePage> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| course::remove_item(tx, actor, session_item_id, now)))
}

/// Saves the session note as the counsellor types.
#[tauri::command(async)]
pub fn save_session_note(app: State<'_, App>, session_id: i64, input: NoteInput) -> CmdResult<NoteSaved> {
    let (now, today) = (app.now(), app.today());
    app.with_session(|s| s.write(|tx, actor| notes::save(tx, actor, session_id, &input, today, now)))
}

#[tauri::command(async)]
pub fn sign_session_note(app: State<'_, App>, session_id: i64) -> CmdResult<CoursePage> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| notes::sign(tx, actor, session_id, now)))
}

#[tauri::command(async)]
pub fn add_session_addendum(app: State<'_, App>, session_id: i64, text: String) -> CmdResult<CoursePage> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| notes::add_addendum(tx, actor, session_id, &text, now)))
}

#[tauri::command(async)]
pub fn review_homework(
    app: State<'_, App>,
    session_id: i64,
    session_item_id: i64,
    input: ReviewInput,
) -> CmdResult<CoursePage> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| notes::review(tx, actor, session_id, session_item_id, &input, now)))
}

/// The content library at its current versions (counsellors and administrators).
#[tauri::command(async)]
pub fn list_library(app: State<'_, App>) -> CmdResult<Vec<LibraryItem>> {
    app.with_session(|s| s.read(library::current))
}

#[tauri::command(async)]
pub fn edit_library_item(app: State<'_, App>, item_id: i64, input: LibraryItemInput) -> CmdResult<LibraryItem> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| library::edit(tx, actor, item_id, &input, now)))
}

#[tauri::command(async)]
pub fn add_library_item(app: State<'_, App>, section: String, input: LibraryItemInput) -> CmdResult<LibraryItem> {
    let now = app.now();
    app.with_session(|s| s.write(|tx, actor| library::create(tx, actor, &section, &input, now)))
}
