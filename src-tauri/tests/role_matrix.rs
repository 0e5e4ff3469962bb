//! The role matrix: every command the UI can call, tried through the real IPC path as each role
//! and while signed out, against one table of who may call what.
//!
//! The app is built as `run()` builds it (same state, same dialog plugin, same `all_commands!()`
//! handler) and every call goes through `Webview::on_message`, the entry point of the UI's
//! `invoke`. It runs on the real (Wry) runtime, not `tauri::test::mock_builder`: the commands that
//! open dialogs take a `tauri::AppHandle`, which is the Wry handle, so the handler does not
//! compile for the mock runtime. The window is never shown and the event loop never runs; with
//! no `DISPLAY` the test starts its own Xvfb for the window. Each role signs in through
//! `sign_in`, then calls every command with plausible arguments (ids of real rows in the small
//! demo clinic). A cell is *refused* when the command
//! answers `forbidden` (for a role) or `signedOut` (signed out); anything else, success or a
//! validation, not-found or conflict error, means the role check let the call through.
//!
//! A command in `all_commands!` that is missing from [`MATRIX`] (or the other way round) fails the
//! test, so a new command cannot ship without someone deciding who may call it.
//!
//! Commands behind a native dialog use the debug-build seams in `src-tauri/src/dialogs.rs`.
//! Printing commands are called with zero copies and a printer that does not exist, so they
//! fail after the role check and never reach the print queue. `open_handout` names a handout
//! that does not exist, so it fails after the role check and never starts a PDF viewer.
//! `restore_backup` names a file that does not exist, so the session survives it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::registered_commands;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use chrono::Utc;
use rekindle_app::state::App;
use rekindle_core::demo::{self, Scale};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody, InvokeError, InvokeResponse};
use tauri::test::{mock_context, noop_assets};
use tauri::webview::InvokeRequest;
use tauri::{WebviewWindow, WebviewWindowBuilder};

/// Who may call what. `yes`: the role check lets the call through; `no`: refused (`forbidden`
/// for a role, `signedOut` when nobody is signed in). Keep it in the order of `all_commands!`.
const MATRIX: &str = "
command                     admin  couns  recep  out   note
app_status                  yes    yes    yes    yes
set_up_clinic               yes    yes    yes    yes   answers alreadySetUp once set up
sign_in                     yes    yes    yes    yes   signed out: a name that does not exist
sign_in_with_recovery_key   yes    yes    yes    yes   a wrong key: wrongKey
sign_out                    yes    yes    yes    yes   called last for each role
lock_screen                 yes    yes    yes    no    called near the end, then unlock
still_here                  yes    yes    yes    no
unlock                      yes    yes    yes    no    the right password, after lock_screen
lock_settings               yes    yes    yes    no
set_lock_after              yes    no     no     no    0 minutes: a validation error
change_own_password         yes    yes    yes    no    new = current: a validation error, nothing changes
save_recovery_key           yes    no     no     no    the administrator only; answers conflict once the key is gone
forget_recovery_key         yes    yes    yes    yes
get_clinic                  yes    yes    yes    no
update_clinic               yes    no     no     no
get_vocabulary              yes    yes    yes    no
list_accounts               yes    no     no     no
add_account                 yes    no     no     no
update_account              yes    no     no     no
deactivate_account          yes    no     no     no    an account that does not exist
reactivate_account          yes    no     no     no    an account that does not exist
reset_account_password      yes    no     no     no    an account that does not exist
search_people               no     yes    yes    no
get_person                  no     yes    yes    no
register_client             no     yes    yes    no
save_client                 no     yes    yes    no
save_partner                no     yes    yes    no
set_person_archived         no     yes    yes    no
create_relationship         no     yes    yes    no
update_relationship         no     yes    yes    no
add_relationship_member     no     yes    yes    no
remove_relationship_member  no     yes    yes    no
end_relationship            no     yes    yes    no    a relationship that does not exist
open_chart                  no     yes    no     no
get_checklists              yes    yes    no     no
get_instruments             no     yes    no     no
save_intake_section         no     yes    no     no
sign_intake                 no     yes    no     no    an intake that does not exist
add_intake_addendum         no     yes    no     no
record_measure              no     yes    no     no
acknowledge_measure_alert   no     yes    no     no
override_caution            no     yes    no     no
open_course                 no     yes    no     no
create_course               no     yes    no     no
update_course               no     yes    no     no
set_session_date            no     yes    no     no
suggest_for_session         no     yes    no     no
add_session_item            no     yes    no     no
remove_session_item         no     yes    no     no
save_session_note           no     yes    no     no
sign_session_note           no     yes    no     no    a session that does not exist
add_session_addendum        no     yes    no     no
review_homework             no     yes    no     no
list_library                yes    yes    no     no
edit_library_item           yes    yes    no     no
add_library_item            yes    yes    no     no
scheduling_settings         yes    yes    yes    no
save_scheduling_settings    yes    no     no     no
calendar                    no     yes    yes    no
check_booking               no     yes    yes    no
book_appointment            no     yes    yes    no
reschedule_appointment      no     yes    yes    no
cancel_appointment          no     yes    yes    no
set_appointment_status      no     yes    yes    no
next_free_slots             no     yes    yes    no
waitlist                    no     yes    yes    no
add_to_waitlist             no     yes    yes    no
remove_from_waitlist        no     yes    yes    no
preview_appointment_card    no     yes    yes    no
print_appointment_card      no     yes    yes    no    0 copies, no such printer: fails after the role check
save_appointment_card       no     yes    yes    no    dialog seam REKINDLE_TEST_SAVE_DIR
preview_day_sheet           no     yes    yes    no
print_day_sheet             no     yes    yes    no    0 copies, no such printer: fails after the role check
export_calendar             no     yes    yes    no    dialog seam REKINDLE_TEST_SAVE_DIR
list_handouts               yes    yes    yes    no
get_handout_template        yes    yes    no     no
save_handout_template       yes    no     no     no
preview_handout_template    yes    yes    no     no
preview_handout             no     yes    no     no
save_handout_pdf            no     yes    no     no    dialog seam REKINDLE_TEST_SAVE_DIR
open_handout                no     yes    no     no    a handout that does not exist: no viewer starts
list_printers               no     yes    yes    no
print_handout               no     yes    yes    no    0 copies, no such printer: fails after the role check
handout_history             no     yes    no     no
get_print_settings          yes    yes    yes    no
save_print_settings         yes    no     no     no
set_client_discretion       no     yes    yes    no
choose_clinic_logo          yes    no     no     no    dialog seam REKINDLE_TEST_OPEN_FILE: a missing file
clear_clinic_logo           yes    no     no     no
backup_settings             yes    no     no     no
set_backup_folder           yes    no     no     no
choose_backup_folder        yes    no     no     no    dialog seam REKINDLE_TEST_BACKUP_DIR
back_up_now                 yes    no     no     no    no folder set: a validation error
restore_backup              yes    no     no     no    a file that does not exist: the session survives
audit_choices               yes    no     no     no
audit_log                   yes    no     no     no
export_client_record        no     yes    no     no    dialog seam REKINDLE_TEST_EXPORT_DIR: written there
erase_preview               no     yes    no     no
erase_client                no     yes    no     no    a name that is not theirs: a validation error, nothing erased
";

/// Called after every other command, in this order: locking stops everything but unlocking,
/// and signing out ends the session.
const LAST: [&str; 3] = ["lock_screen", "unlock", "sign_out"];

const PASSWORD: &str = "role matrix password 2026";

/// The table's columns: the demo account that signs in, or `None` for signed out.
const COLUMNS: [(&str, Option<&str>); 4] =
    [("out", None), ("admin", Some("admin")), ("couns", Some("counsellor")), ("recep", Some("reception"))];

struct Row {
    command: String,
    /// admin, counsellor, reception, signed out: may the call get through?
    allowed: [bool; 4],
}

fn column_index(name: &str) -> usize {
    match name {
        "admin" => 0,
        "couns" => 1,
        "recep" => 2,
        _ => 3,
    }
}

fn parse_matrix() -> Vec<Row> {
    let mut rows = Vec::new();
    for line in MATRIX.lines().map(str::trim).filter(|l| !l.is_empty()).skip(1) {
        let mut parts = line.split_whitespace();
        let command = parts.next().unwrap().to_string();
        let mut allowed = [false; 4];
        for cell in &mut allowed {
            *cell = match parts.next() {
                Some("yes") => true,
                Some("no") => false,
                other => panic!("role matrix: `{command}` has {other:?} where yes or no belongs"),
            };
        }
        rows.push(Row { command, allowed });
    }
    rows
}

/// Ids of real rows in the demo clinic, read with core directly (one more sign-in).
struct Ids {
    admin: i64,
    counsellor: i64,
    reception: i64,
    client: i64,
    partner: i64,
    relationship: i64,
    structure: String,
    intake: i64,
    measure_result: i64,
    course: i64,
    session: i64,
    session_item: i64,
    library_item: i64,
    room: i64,
    appointment: String,
    handout: String,
    today: String,
}

fn demo_ids(dir: &Path) -> Ids {
    let now = Utc::now();
    let s = rekindle_core::session::sign_in(dir, "counsellor", PASSWORD, now).unwrap();
    let ids = s
        .read(|c, _| {
            let one = |sql: &str, p: i64| c.query_row(sql, [p], |r| r.get::<_, i64>(0)).ok();
            let text = |sql: &str, p: i64| c.query_row(sql, [p], |r| r.get::<_, String>(0)).ok();
            let account =
                |name: &str| c.query_row("SELECT id FROM accounts WHERE username = ?1", [name], |r| r.get::<_, i64>(0));
            let counsellor: i64 = account("counsellor")?;
            let course = one("SELECT id FROM courses WHERE counsellor_id = ?1 ORDER BY id LIMIT 1", counsellor)
                .or_else(|| one("SELECT id FROM courses WHERE ?1 > 0 ORDER BY id LIMIT 1", 1))
                .unwrap_or(999_999);
            let client = one("SELECT person_id FROM courses WHERE id = ?1", course)
                .or_else(|| one("SELECT id FROM people WHERE is_client = ?1 ORDER BY id LIMIT 1", 1))
                .unwrap_or(999_999);
            let session = one("SELECT id FROM course_sessions WHERE course_id = ?1 ORDER BY number LIMIT 1", course)
                .unwrap_or(999_999);
            let relationship =
                one("SELECT relationship_id FROM relationship_members WHERE person_id = ?1 LIMIT 1", client)
                    .or_else(|| one("SELECT id FROM relationships WHERE ?1 > 0 ORDER BY id LIMIT 1", 1))
                    .unwrap_or(999_999);
            let appointment = one(
                "SELECT id FROM appointments WHERE counsellor_id = ?1 AND series_id IS NULL AND status = 'booked'
                 ORDER BY starts_at DESC LIMIT 1",
                counsellor,
            )
            .map(|id| format!("a:{id}"))
            .or_else(|| {
                one("SELECT id FROM appointment_series WHERE counsellor_id = ?1 LIMIT 1", counsellor)
                    .map(|id| format!("s:{id}:0"))
            })
            .unwrap_or_else(|| "a:999999".into());
            Ok(Ids {
                admin: account("admin")?,
                counsellor,
                reception: account("reception")?,
                client,
                partner: one("SELECT id FROM people WHERE is_client = ?1 ORDER BY id LIMIT 1", 0).unwrap_or(999_999),
                relationship,
                structure: text("SELECT structure FROM relationships WHERE id = ?1", relationship)
                    .unwrap_or_else(|| "couple".into()),
                intake: one("SELECT id FROM intakes WHERE person_id = ?1", client)
                    .or_else(|| one("SELECT id FROM intakes WHERE ?1 > 0 ORDER BY id LIMIT 1", 1))
                    .unwrap_or(999_999),
                measure_result: one("SELECT id FROM measure_results WHERE ?1 > 0 ORDER BY id LIMIT 1", 1)
                    .unwrap_or(999_999),
                course,
                session,
                session_item: one("SELECT id FROM session_items WHERE session_id = ?1 LIMIT 1", session)
                    .or_else(|| one("SELECT id FROM session_items WHERE ?1 > 0 ORDER BY id LIMIT 1", 1))
                    .unwrap_or(999_999),
                library_item: one("SELECT id FROM library_items WHERE ?1 > 0 ORDER BY id LIMIT 1", 1)
                    .unwrap_or(999_999),
                room: one("SELECT id FROM rooms WHERE active = ?1 ORDER BY position LIMIT 1", 1).unwrap_or(999_999),
                appointment,
                handout: text("SELECT slug FROM handout_templates WHERE ?1 > 0 ORDER BY sort LIMIT 1", 1)
                    .unwrap_or_else(|| "no-such-handout".into()),
                today: now.date_naive().to_string(),
            })
        })
        .unwrap();
    s.sign_out(now).unwrap();
    ids
}

/// The arguments each command is called with, as the UI sends them (camelCase keys).
fn args(command: &str, ids: &Ids, username: Option<&str>) -> Option<Value> {
    const NONE: i64 = 999_999;
    let client_input = json!({ "givenName": "Matrix", "familyName": "Client" });
    let library_input = json!({
        "title": "", "purpose": "", "steps": [], "frequency": null, "stage": "", "participants": "",
        "tracking": null, "handoutText": "", "tags": []
    });
    let booking = |attendees: Vec<i64>| {
        json!({
            "kind": "individual", "counsellorId": ids.counsellor, "roomId": ids.room, "attendeeIds": attendees,
            "relationshipId": null, "date": "2031-01-07", "startTime": "10:00", "endTime": null, "minutes": null,
            "repeat": null, "receptionNote": null, "allowOutsideHours": false
        })
    };
    let print_options = |handout: &str| json!({ "personId": ids.client, "handout": handout, "discreet": null, "includeDiagnosis": false });
    let no_printer = "rekindle-role-matrix-no-such-printer";
    let v = match command {
        "app_status" | "sign_out" | "forget_recovery_key" | "save_recovery_key" => json!({}),
        "set_up_clinic" => json!({ "input": {
            "clinic": { "name": "Another clinic", "address": null, "phone": null, "email": null },
            "adminUsername": "intruder", "adminDisplayName": "Intruder", "adminPassword": PASSWORD,
            "alsoCounsellor": false
        }}),
        "sign_in" => match username {
            Some(u) => json!({ "username": u, "password": PASSWORD }),
            None => json!({ "username": "nobody-here", "password": "not the password" }),
        },
        "sign_in_with_recovery_key" => {
            json!({ "recoveryKey": "WRONG-WRONG-WRONG", "username": "admin", "newPassword": "a new password 2026" })
        }
        "lock_screen" => json!({ "idle": false }),
        "still_here" | "lock_settings" => json!({}),
        "unlock" => json!({ "password": PASSWORD }),
        "set_lock_after" => json!({ "minutes": 0 }),
        "change_own_password" => json!({ "currentPassword": PASSWORD, "newPassword": PASSWORD }),
        "get_clinic" | "get_vocabulary" | "list_accounts" => json!({}),
        "update_clinic" => json!({ "profile": {
            "name": "Harbour Light Counselling (demo)", "address": "12 Example Row\nFictional Town",
            "phone": "+44 20 7946 0000", "email": "desk@example.org"
        }}),
        "add_account" => {
            json!({ "input": { "username": "", "displayName": "", "roles": [], "temporaryPassword": "" } })
        }
        "update_account" => {
            json!({ "id": ids.reception, "input": { "displayName": "Casey Rivers", "roles": ["reception"] } })
        }
        "deactivate_account" => json!({ "id": NONE }),
        "reactivate_account" | "reset_account_password" => {
            json!({ "id": NONE, "temporaryPassword": "a temporary password" })
        }
        "search_people" => json!({ "query": "a", "includeArchived": false }),
        "get_person" => json!({ "id": ids.client }),
        "register_client" => json!({ "input": client_input }),
        "save_client" => json!({ "id": ids.client, "input": client_input }),
        "save_partner" => json!({ "id": ids.partner, "input": { "givenName": "Matrix", "familyName": "Partner" } }),
        "set_person_archived" => json!({ "id": ids.client, "archived": false }),
        "create_relationship" => json!({ "input": {
            "structure": ids.structure, "memberIds": [ids.client], "newPartners": [], "note": null
        }}),
        "update_relationship" => {
            json!({ "id": ids.relationship, "input": { "structure": ids.structure, "note": null } })
        }
        "add_relationship_member" => {
            json!({ "id": ids.relationship, "personId": null, "newPartner": null })
        }
        "remove_relationship_member" => json!({ "id": ids.relationship, "personId": NONE }),
        "end_relationship" => json!({ "id": NONE }),
        "open_chart" | "open_course" | "handout_history" => json!({ "personId": ids.client }),
        "get_checklists" | "get_instruments" | "list_library" | "scheduling_settings" | "waitlist" => json!({}),
        "save_intake_section" => json!({ "intakeId": ids.intake, "section": { "section": "goals", "data": {
            "intimacyMeaning": null, "goals": "Matrix", "fertilityWish": "not_discussed", "fertilityNotes": null,
            "disclosureConcern": false, "datingNotes": null
        }}}),
        "sign_intake" => json!({ "intakeId": NONE }),
        "add_intake_addendum" => json!({ "intakeId": ids.intake, "text": "" }),
        "record_measure" => json!({ "personId": ids.client, "input": {
            "instrument": "no-such-instrument", "takenOn": ids.today, "answers": []
        }}),
        "acknowledge_measure_alert" => json!({ "resultId": ids.measure_result }),
        "override_caution" => json!({ "personId": ids.client, "caution": "no-such-caution", "reason": "" }),
        "create_course" => json!({ "personId": ids.client, "input": {
            "goals": "", "plannedSessions": 0, "relationshipId": null, "partnerIds": []
        }}),
        "update_course" => json!({ "courseId": ids.course, "input": {
            "goals": "", "plannedSessions": 0, "relationshipId": null, "partnerIds": []
        }}),
        "set_session_date" => json!({ "sessionId": ids.session, "plannedOn": "2031-01-07" }),
        "suggest_for_session" => json!({ "sessionId": ids.session }),
        "add_session_item" => json!({ "sessionId": ids.session, "input": {
            "section": "education", "itemId": null, "freeText": null, "assigneeIds": [], "overrideReason": null
        }}),
        "remove_session_item" => json!({ "sessionItemId": NONE }),
        "save_session_note" => json!({ "sessionId": ids.session, "input": {
            "heldOn": "not-a-date", "attended": [], "coveredEducation": null, "coveredCommunication": null,
            "coveredPractical": null, "coveredHomework": null, "data": null, "assessment": null, "plan": null
        }}),
        "sign_session_note" => json!({ "sessionId": NONE }),
        "add_session_addendum" => json!({ "sessionId": ids.session, "text": "" }),
        "review_homework" => json!({ "sessionId": ids.session, "sessionItemId": ids.session_item, "input": {
            "outcome": "", "helped": null, "hard": null, "comfort": null
        }}),
        "edit_library_item" => json!({ "itemId": ids.library_item, "input": library_input }),
        "add_library_item" => json!({ "section": "education", "input": library_input }),
        "save_scheduling_settings" => json!({ "input": {
            "timeZone": "Nowhere/Not_A_Zone", "rooms": [], "counsellors": [], "closedDays": []
        }}),
        "calendar" => json!({ "query": { "from": ids.today, "days": 7, "counsellorIds": [], "roomIds": [] } }),
        "check_booking" => json!({ "input": booking(vec![ids.client]) }),
        "book_appointment" => json!({ "input": booking(vec![]) }),
        "reschedule_appointment" => json!({ "input": {
            "key": ids.appointment, "scope": "thisOne", "date": "not-a-date", "startTime": "not-a-time",
            "minutes": null, "counsellorId": null, "roomId": null, "allowOutsideHours": false
        }}),
        "cancel_appointment" => json!({ "input": {
            "key": ids.appointment, "scope": "thisOne", "reason": "no-such-reason", "note": null
        }}),
        // Marked `booked` again: a valid status (an unknown one is refused before the role check).
        "set_appointment_status" => json!({ "key": ids.appointment, "status": "booked" }),
        "next_free_slots" => json!({ "query": {
            "counsellorId": ids.counsellor, "roomId": null, "attendeeIds": [], "minutes": 50, "from": null,
            "weeks": null, "limit": null
        }}),
        "add_to_waitlist" => json!({ "input": {
            "personId": ids.client, "counsellorId": null, "kind": "individual", "note": null
        }}),
        "remove_from_waitlist" => json!({ "id": NONE }),
        "preview_appointment_card" | "save_appointment_card" => json!({ "key": ids.appointment }),
        "print_appointment_card" => json!({ "key": ids.appointment, "printer": no_printer, "copies": 0 }),
        "preview_day_sheet" => json!({ "day": ids.today, "counsellorIds": [ids.counsellor] }),
        "print_day_sheet" => {
            json!({ "day": ids.today, "counsellorIds": [ids.counsellor], "printer": no_printer, "copies": 0 })
        }
        "export_calendar" => json!({ "counsellorId": ids.counsellor }),
        "list_handouts" | "list_printers" | "get_print_settings" | "choose_clinic_logo" | "clear_clinic_logo" => {
            json!({})
        }
        "get_handout_template" => json!({ "slug": ids.handout }),
        "save_handout_template" => {
            json!({ "slug": ids.handout, "input": { "title": "", "discreetTitle": "", "body": "" } })
        }
        "preview_handout_template" => json!({
            "slug": ids.handout, "input": { "title": "Matrix", "discreetTitle": "Notes", "body": "Hello." },
            "discreet": false
        }),
        "preview_handout" | "save_handout_pdf" => json!({ "options": print_options(&ids.handout) }),
        "open_handout" => json!({ "options": print_options("no-such-handout") }),
        "print_handout" => json!({ "options": print_options(&ids.handout), "printer": no_printer, "copies": 0 }),
        "save_print_settings" => json!({ "input": {
            "paper": "a4", "discreetByDefault": false, "discreetName": "no-such-choice", "discreetClinicName": false,
            "hasLogo": false
        }}),
        "set_client_discretion" => json!({ "personId": ids.client, "discreet": null }),
        "backup_settings" | "choose_backup_folder" | "back_up_now" | "audit_choices" => json!({}),
        "set_backup_folder" => json!({ "folder": "relative/folder" }),
        "restore_backup" => json!({ "file": "/nonexistent/rekindle-role-matrix/backup.rekindle" }),
        "export_client_record" | "erase_preview" => json!({ "personId": ids.client }),
        "erase_client" => json!({ "personId": ids.client, "typedName": "Not Their Name" }),
        "audit_log" => json!({ "filter": {
            "personId": null, "client": null, "accountId": ids.admin, "kind": null, "from": null, "to": null,
            "beforeId": null
        }}),
        _ => return None,
    };
    Some(v)
}

/// Calls a command as the UI does and says what came back: `ok`, an error kind, or `bad call`
/// when the answer is not a `CommandError` (wrong arguments: the test's fault, never a pass).
fn call(webview: &WebviewWindow, invoke_key: &str, command: &str, args: Value) -> String {
    let request = InvokeRequest {
        cmd: command.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: invoke_key.to_string(),
    };
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    let webview: &tauri::Webview = webview.as_ref();
    webview.clone().on_message(
        request,
        Box::new(move |_webview, _command, response, _callback, _error| {
            let _ = tx.send(response);
        }),
    );
    match rx.recv_timeout(std::time::Duration::from_secs(60)) {
        Ok(InvokeResponse::Ok(_)) => "ok".into(),
        Ok(InvokeResponse::Err(InvokeError(e))) => match e.get("kind").and_then(Value::as_str) {
            Some(kind) => kind.to_string(),
            None => format!("bad call: {e}"),
        },
        Err(_) => "bad call: no answer within 60 s".into(),
    }
}

/// An Xvfb started for this test when there is no display. It is started with `-terminate`, so it
/// exits by itself when this process (its only client) goes; killing it first would make GTK
/// end the process with status 1 at its next look at the lost display.
struct Xvfb(#[allow(dead_code)] Option<std::process::Child>);

/// The window needs a display; without one, start a private Xvfb on a free display number.
fn display() -> Xvfb {
    if std::env::var_os("DISPLAY").is_some_and(|d| !d.is_empty()) || std::env::var_os("WAYLAND_DISPLAY").is_some() {
        return Xvfb(None);
    }
    let first = 90 + std::process::id() % 400;
    for n in first..first + 50 {
        let socket = std::path::PathBuf::from(format!("/tmp/.X11-unix/X{n}"));
        if socket.exists() || Path::new(&format!("/tmp/.X{n}-lock")).exists() {
            continue;
        }
        let mut child = std::process::Command::new("Xvfb")
            .args([format!(":{n}").as_str(), "-screen", "0", "800x600x24", "-nolisten", "tcp", "-terminate"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("the role matrix needs a display: set DISPLAY or install Xvfb");
        for _ in 0..100 {
            if socket.exists() {
                std::env::set_var("DISPLAY", format!(":{n}"));
                return Xvfb(Some(child));
            }
            if child.try_wait().ok().flatten().is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    panic!("could not start Xvfb for the role matrix");
}

#[test]
fn every_command_is_allowed_or_refused_per_role_as_the_table_says() {
    let started = Instant::now();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("clinic");
    let save_dir = tmp.path().join("saved");
    let backup_dir = tmp.path().join("backups");
    std::fs::create_dir_all(&save_dir).unwrap();
    std::fs::create_dir_all(&backup_dir).unwrap();
    // The debug-build dialog seams: no native dialog opens.
    std::env::set_var("REKINDLE_TEST_SAVE_DIR", &save_dir);
    std::env::set_var("REKINDLE_TEST_OPEN_FILE", tmp.path().join("no-such-logo.png"));
    std::env::set_var("REKINDLE_TEST_BACKUP_DIR", &backup_dir);
    let export_dir = tmp.path().join("exports");
    std::fs::create_dir_all(&export_dir).unwrap();
    std::env::set_var("REKINDLE_TEST_EXPORT_DIR", &export_dir);

    // The table and the handler list must name the same commands.
    let rows = parse_matrix();
    let in_table: BTreeSet<&str> = rows.iter().map(|r| r.command.as_str()).collect();
    let registered = registered_commands();
    let in_handler: BTreeSet<&str> = registered.iter().map(String::as_str).collect();
    assert!(registered.len() > 50, "all_commands! parsed to only {} commands", registered.len());
    assert_eq!(in_table.len(), rows.len(), "a command is listed twice in the role matrix");
    let missing: Vec<_> = in_handler.difference(&in_table).collect();
    let stale: Vec<_> = in_table.difference(&in_handler).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "the role matrix must list exactly the commands in all_commands!\n  missing from the table: {missing:?}\n  \
         in the table but not registered: {stale:?}"
    );

    demo::create(&dir, Scale::Small, PASSWORD, Utc::now()).unwrap();
    let ids = demo_ids(&dir);
    let no_args: Vec<_> = rows.iter().filter(|r| args(&r.command, &ids, None).is_none()).map(|r| &r.command).collect();
    assert!(no_args.is_empty(), "the role matrix has no arguments for {no_args:?}");
    let set_up = started.elapsed();

    let _xvfb = display();
    let app = tauri::Builder::default()
        .any_thread()
        .plugin(tauri_plugin_dialog::init())
        .manage(App::new(dir.clone()))
        .invoke_handler(rekindle_app::all_commands!())
        .build(mock_context(noop_assets()))
        .unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default()).visible(false).build().unwrap();
    let key = app.invoke_key().to_string();

    // actual[command][column] = what came back
    let mut actual: BTreeMap<String, [String; 4]> = BTreeMap::new();
    for (column, username) in COLUMNS {
        let col = column_index(column);
        let mut record = |command: &str, outcome: String| {
            actual.entry(command.to_string()).or_default()[col] = outcome;
        };
        if let Some(u) = username {
            let outcome = call(&webview, &key, "sign_in", args("sign_in", &ids, Some(u)).unwrap());
            assert_eq!(outcome, "ok", "{u} could not sign in through the sign_in command");
            record("sign_in", outcome);
        }
        for row in &rows {
            let skip = LAST.contains(&row.command.as_str()) || (row.command == "sign_in" && username.is_some());
            if !skip {
                record(&row.command, call(&webview, &key, &row.command, args(&row.command, &ids, username).unwrap()));
            }
        }
        for command in LAST.iter().filter(|c| in_table.contains(*c)) {
            record(command, call(&webview, &key, command, args(command, &ids, username).unwrap()));
        }
    }

    // Compare every cell; show the whole matrix when anything differs.
    let mut mismatches = Vec::new();
    let mut grid = String::new();
    let _ = writeln!(grid, "{:<28} admin couns recep out", "command");
    for row in &rows {
        let got = &actual[&row.command];
        let mut line = format!("{:<28}", row.command);
        for (column, _) in [COLUMNS[1], COLUMNS[2], COLUMNS[3], COLUMNS[0]] {
            let col = column_index(column);
            let refusal = if col == 3 { "signedOut" } else { "forbidden" };
            let outcome = &got[col];
            let refused = outcome == refusal;
            // `locked` (or any answer that is not a CommandError) means the call never reached
            // the role check: neither allowed nor refused.
            let good = !outcome.starts_with("bad call") && outcome != "locked" && refused != row.allowed[col];
            let mark = match (good, row.allowed[col]) {
                (true, true) => "  yes ",
                (true, false) => "  no  ",
                (false, _) => " *BAD*",
            };
            line.push_str(mark);
            if !good {
                let expected = if row.allowed[col] { "allowed" } else { refusal };
                mismatches.push(format!("{} as {column}: expected {expected}, got {outcome}", row.command));
            }
        }
        let _ = writeln!(grid, "{line}");
    }
    let elapsed = started.elapsed();
    println!("{grid}\nset-up {set_up:?}, whole test {elapsed:?}");
    assert!(
        mismatches.is_empty(),
        "the role matrix does not hold ({} cells):\n{grid}\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
