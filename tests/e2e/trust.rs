//! Trust: the administrator chooses a backup folder and backs up on Sunday evening; on Monday
//! reception registers a client (and signing out makes Monday's automatic backup); the
//! administrator restores Sunday's backup from the Clinic view; everyone signs in again and the
//! clinic is as it was on Sunday: the new client is gone, the older ones are there.

// Helpers fail the test the way the test functions do.
#![allow(clippy::expect_used, clippy::panic)]

use std::time::Duration;

use rekindle_e2e::{default_timeout, Profile};

use crate::flows::{self, create_demo_clinic, DEMO_PASSWORD};
use crate::launch_at;

const ADMIN: &str = "admin";
const ADMIN_NAME: &str = "Alex Morgan";
const RECEPTION: &str = "reception";
const RECEPTION_NAME: &str = "Casey Rivers";
const SUNDAY_EVENING: &str = "2031-03-02T18:00:00Z";
const MONDAY_MORNING: &str = "2031-03-03T09:00:00Z";
const NEW_CLIENT: &str = "Rowan Ashdown";

/// A backup and its check take a few seconds on a slow machine.
fn backup_wait() -> Duration {
    default_timeout() * 3
}

#[tokio::test(flavor = "multi_thread")]
async fn the_administrator_restores_yesterdays_backup_and_the_app_shows_yesterdays_data() {
    let profile = Profile::new("trust-restore").expect("profile");
    create_demo_clinic(&profile);
    let folder = profile.save_dir().join("clinic-usb");

    // Sunday evening: the administrator chooses the folder, a bad choice first.
    let app = launch_at(&profile, SUNDAY_EVENING).await.expect("launch on Sunday");
    flows::sign_in(&app, ADMIN, DEMO_PASSWORD, ADMIN_NAME).await.expect("administrator signs in");
    app.click("nav-clinic").await.expect("open Clinic");
    app.scroll_into_view("backup-panel").await.expect("scroll to Backups");
    app.type_into("backup-folder", "usb/backups").await.expect("type a relative folder");
    app.click("backup-folder-save").await.expect("save the folder");
    let error =
        app.wait_for_text("field-error-folder", "whole path", default_timeout()).await.expect("the field says why");
    println!("relative folder refused: {error:?}");
    app.type_into("backup-folder", folder.to_str().expect("utf-8 path")).await.expect("type the folder");
    app.click("backup-folder-save").await.expect("save the folder");
    app.wait_for_text("notice", "Backups will go to this folder", default_timeout()).await.expect("folder saved");
    app.wait_for("backup-warning", default_timeout()).await.expect("no backup yet is pointed out");
    app.click("backup-now").await.expect("click Back up now");
    app.wait_for_text("notice", "Backed up and checked", backup_wait()).await.expect("the backup is made and checked");
    let rows = app.all_by_test_id("backup-row").await.expect("backup rows");
    assert_eq!(rows.len(), 1, "one backup listed");
    let shot = app.screenshot("backup-panel").await.expect("screenshot");
    println!("screenshot, the backup panel: {}", shot.display());
    flows::sign_out(&app).await.expect("administrator signs out");
    app.close().await.expect("close on Sunday");

    // Monday: reception registers a new client and signs out (the automatic backup).
    let app = launch_at(&profile, MONDAY_MORNING).await.expect("launch on Monday");
    flows::sign_in(&app, RECEPTION, DEMO_PASSWORD, RECEPTION_NAME).await.expect("reception signs in");
    app.click("client-new").await.expect("click New client");
    app.type_into("client-given-name", "Rowan").await.expect("given name");
    app.type_into("client-family-name", "Ashdown").await.expect("family name");
    app.click("client-save").await.expect("register");
    app.wait_for_text("person-name", NEW_CLIENT, default_timeout()).await.expect("Rowan's page opens");
    flows::sign_out(&app).await.expect("reception signs out");

    // The administrator restores Sunday's backup.
    flows::sign_in(&app, ADMIN, DEMO_PASSWORD, ADMIN_NAME).await.expect("administrator signs in");
    app.click("nav-clinic").await.expect("open Clinic");
    app.scroll_into_view("backup-panel").await.expect("scroll to Backups");
    let made = app
        .wait_until("Sunday's and Monday's backups to be listed", backup_wait(), async || {
            let mut made = Vec::new();
            for row in app.all_by_test_id("backup-row").await? {
                made.push(row.attr("data-made-at").await.ok().flatten().unwrap_or_default());
            }
            Ok((made.len() == 2).then_some(made))
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    println!("backups listed: {made:?}");
    assert!(made[0].starts_with("2031-03-03") && made[1].starts_with("2031-03-02"), "newest first: {made:?}");
    let restore_buttons = app.all_by_test_id("backup-restore").await.expect("restore buttons");
    restore_buttons[1].click().await.expect("click Restore on Sunday's backup");
    let text =
        app.wait_for_text("restore-dialog", "March 2031", default_timeout()).await.expect("the dialog names the day");
    assert!(text.contains("Sunday 2 March 2031"), "the dialog names Sunday's backup: {text:?}");
    app.screenshot("restore-confirm").await.expect("screenshot");
    app.click("confirm-ok").await.expect("confirm the restore");
    let notice = app.wait_for_text("notice", "sign in again", backup_wait()).await.expect("back at sign-in, told why");
    assert!(notice.contains("Sunday 2 March 2031"), "{notice:?}");

    // Reception signs in to Sunday's clinic: Rowan is gone, Maggie is there.
    flows::sign_in(&app, RECEPTION, DEMO_PASSWORD, RECEPTION_NAME).await.expect("reception signs in again");
    app.click("nav-clients").await.expect("open Clients");
    app.type_into("client-search", "Ashdown").await.expect("search for Rowan");
    app.wait_for_text("client-search-empty", "No one on file matches", default_timeout())
        .await
        .expect("no one called Ashdown");
    assert!(app.texts_of("client-result").await.expect("results").is_empty(), "Rowan was registered after the backup");
    app.type_into("client-search", "Okafor").await.expect("search for Maggie");
    flows::wait_for_results(&app, "Maggie in the results", |r| r.iter().any(|t| t.contains("Maggie Okafor")))
        .await
        .expect("Maggie, registered long before, is there");
    app.close().await.expect("close");
}

/// The counsellor opens Maggie's chart; the administrator filters the audit log to Maggie and
/// to clinical reads, and sees the counsellor's read, in plain words, with no one else's.
#[tokio::test(flavor = "multi_thread")]
async fn the_administrator_filters_the_audit_log_to_one_client_and_sees_the_counsellors_reads() {
    const COUNSELLOR: &str = "counsellor";
    const COUNSELLOR_NAME: &str = "Dr Jordan Ellis";
    let profile = Profile::new("trust-audit").expect("profile");
    create_demo_clinic(&profile);
    let app = launch_at(&profile, MONDAY_MORNING).await.expect("launch");

    // A mistyped password first: no key opens, so it waits in the keyring for the next sign-in.
    flows::submit_sign_in(&app, COUNSELLOR, "not-her-password").await.expect("a wrong password");
    app.wait_for_text("signin-error", "not recognised", default_timeout()).await.expect("refused");
    flows::sign_in(&app, COUNSELLOR, DEMO_PASSWORD, COUNSELLOR_NAME).await.expect("counsellor signs in");
    flows::open_person(&app, "Maggie", "Maggie Okafor").await.expect("Maggie's page");
    app.click("person-open-chart").await.expect("click Open chart");
    app.wait_for_text("chart-name", "Maggie Okafor", default_timeout()).await.expect("her chart opens");
    flows::sign_out(&app).await.expect("counsellor signs out");

    flows::sign_in(&app, ADMIN, DEMO_PASSWORD, ADMIN_NAME).await.expect("administrator signs in");
    app.click("nav-audit").await.expect("open the Audit log");
    app.wait_for("audit-table", default_timeout()).await.expect("the log shows");
    app.type_into("audit-client", "Maggie").await.expect("type the client");
    app.select_option("audit-kind", "clinicalRead").await.expect("choose Clinical records opened");
    app.type_into("audit-from", "2031-03-03").await.expect("from Monday");
    app.click("audit-search").await.expect("click Show");
    let rows = app
        .wait_until("only Maggie's clinical reads", default_timeout(), async || {
            let people = app.texts_of("audit-person").await?;
            let whats = app.texts_of("audit-what").await?;
            let ready = !people.is_empty() && people.iter().all(|p| p == "Maggie Okafor");
            Ok(ready.then(|| whats.into_iter().zip(people).collect::<Vec<_>>()))
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    println!("entries: {rows:?}");
    assert!(rows.iter().any(|(what, _)| what == "Opened the chart"), "the chart read is listed: {rows:?}");
    let who = app.texts_of("audit-who").await.expect("who");
    assert!(who.iter().all(|w| w == COUNSELLOR_NAME), "only the counsellor read her record: {who:?}");
    let shot = app.screenshot("audit-filtered").await.expect("screenshot");
    println!("screenshot, the filtered log: {}", shot.display());

    // Signing in and out that day: the failed attempt is there, by nobody signed in.
    app.click("audit-clear").await.expect("clear the filters");
    app.select_option("audit-kind", "session").await.expect("choose Signing in and out");
    app.click("audit-search").await.expect("click Show");
    let sessions = app
        .wait_until("the sign-in entries", default_timeout(), async || {
            let whats = app.texts_of("audit-what").await?;
            let who = app.texts_of("audit-who").await?;
            let details = app.texts_of("audit-detail").await?;
            let ready = whats.iter().any(|w| w.starts_with("Failed sign-in"));
            Ok(ready.then(|| whats.into_iter().zip(who).zip(details).collect::<Vec<_>>()))
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    println!("sign-in entries: {sessions:?}");
    let shot = app.screenshot("audit-sign-ins").await.expect("screenshot");
    println!("screenshot, the day's sign-ins: {}", shot.display());
    let failed: Vec<_> = sessions.iter().filter(|((what, _), _)| what.starts_with("Failed sign-in")).collect();
    assert_eq!(failed.len(), 1, "one failed attempt: {sessions:?}");
    assert_eq!(failed[0].0 .0, "Failed sign-in Refused", "the outcome is shown: {failed:?}");
    assert_eq!(failed[0].0 .1, "Not signed in");
    assert!(failed[0].1.contains(&format!("as {COUNSELLOR}")), "whose name was tried: {failed:?}");
    assert!(!failed[0].1.contains("not-her-password"), "the password typed is never kept: {failed:?}");

    // A day that is not a date is named at its field.
    app.type_into("audit-to", "tomorrow").await.expect("type a bad day");
    app.click("audit-search").await.expect("click Show");
    app.wait_for_text("field-error-to", "YYYY-MM-DD", default_timeout()).await.expect("the field says why");
    app.close().await.expect("close");
}

/// The lock time for this launch alone (debug builds read `REKINDLE_TEST_LOCK_SECONDS`): a
/// journey cannot wait the clinic's five minutes.
async fn launch_locking_after(profile: &Profile, now: &str, seconds: u64) -> rekindle_e2e::AppWindow {
    struct Unset;
    impl Drop for Unset {
        fn drop(&mut self) {
            std::env::remove_var("REKINDLE_TEST_LOCK_SECONDS");
        }
    }
    let _unset = Unset;
    std::env::set_var("REKINDLE_TEST_LOCK_SECONDS", seconds.to_string());
    launch_at(profile, now).await.expect("launch")
}

/// The counsellor starts a note on Maggie's details and leaves it unsaved; the window locks
/// after the idle time and hides it; Rust refuses commands meanwhile; a wrong password is named;
/// signing back in shows the form exactly as it was, and the note saves. Ctrl+L locks at once.
#[tokio::test(flavor = "multi_thread")]
async fn an_idle_counsellor_is_locked_out_and_finds_the_half_typed_note_on_return() {
    const COUNSELLOR: &str = "counsellor";
    const COUNSELLOR_NAME: &str = "Dr Jordan Ellis";
    const HALF_NOTE: &str = "Prefers a text the day before, not a ca";
    let profile = Profile::new("trust-lock").expect("profile");
    create_demo_clinic(&profile);
    let app = launch_locking_after(&profile, MONDAY_MORNING, 6).await;

    flows::sign_in(&app, COUNSELLOR, DEMO_PASSWORD, COUNSELLOR_NAME).await.expect("counsellor signs in");
    flows::open_person(&app, "Maggie", "Maggie Okafor").await.expect("Maggie's page");
    app.click("person-edit").await.expect("click Edit");
    app.type_into("client-discretion-note", HALF_NOTE).await.expect("start a note");

    // No input for the lock time: the lock screen covers everything.
    app.wait_for("lock-screen", Duration::from_secs(30)).await.expect("the window locks itself");
    let user = app.text_of("lock-user").await.expect("who is locked out");
    assert_eq!(user, COUNSELLOR_NAME);
    assert!(
        !app.is_present("client-discretion-note").await.expect("read visibility"),
        "the note is hidden behind the lock"
    );
    let shot = app.screenshot("locked").await.expect("screenshot");
    println!("screenshot, locked: {}", shot.display());
    // Rust refuses too, whatever the window does.
    let refused =
        app.invoke_raw("search_people", serde_json::json!({ "query": "oka", "includeArchived": false })).await;
    let refused = refused.expect("invoke").expect_err("refused while locked");
    assert_eq!(refused["kind"], "locked", "{refused}");

    app.type_into("lock-password", "not my password").await.expect("a wrong password");
    app.click("lock-submit").await.expect("click Unlock");
    app.wait_for_text("lock-error", "not recognised", default_timeout()).await.expect("the wrong password is named");
    app.type_into("lock-password", DEMO_PASSWORD).await.expect("the password");
    app.click("lock-submit").await.expect("click Unlock");
    app.wait_gone("lock-screen", default_timeout()).await.expect("unlocked");
    let note = app.prop_of("client-discretion-note", "value").await.expect("read the note");
    assert_eq!(note.as_deref(), Some(HALF_NOTE), "the half-typed note is still there");
    app.insert_text("client-discretion-note", "ll.").await.expect("finish the note");
    app.click("client-save").await.expect("save");
    app.wait_for_text("person-discretion-note", "not a call.", default_timeout()).await.expect("the note is saved");

    // Ctrl+L locks at once.
    app.press_key("\u{E009}l").await.expect("press Ctrl+L");
    app.wait_for("lock-screen", default_timeout()).await.expect("Ctrl+L locks");
    app.close().await.expect("close");
}

/// Maggie asks for her whole record, then for it to be erased: the counsellor exports it from
/// her page (a readable PDF and a JSON file, the export itself among the audit entries), then
/// erases it through both confirmations; she is gone from the clients, David stays, and the
/// administrator's log shows the erasure by record number only.
#[tokio::test(flavor = "multi_thread")]
async fn a_counsellor_exports_a_clients_whole_record_then_erases_it_at_her_request() {
    const COUNSELLOR: &str = "counsellor";
    const COUNSELLOR_NAME: &str = "Dr Jordan Ellis";
    let profile = Profile::new("trust-rights").expect("profile");
    create_demo_clinic(&profile);
    let app = launch_at(&profile, MONDAY_MORNING).await.expect("launch");

    flows::sign_in(&app, COUNSELLOR, DEMO_PASSWORD, COUNSELLOR_NAME).await.expect("counsellor signs in");
    flows::open_person(&app, "Maggie", "Maggie Okafor").await.expect("Maggie's page");
    app.scroll_into_view("rights-export").await.expect("scroll to the client's record");
    app.click("rights-export").await.expect("click Export whole record");
    let done =
        app.wait_for_text("rights-export-done", "record.json", backup_wait()).await.expect("the export is saved");
    println!("export: {done}");
    let folder = std::fs::read_dir(profile.save_dir())
        .expect("the export folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("rekindle-record-")))
        .expect("a rekindle-record-… folder was written");
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(folder.join("record.json")).expect("record.json")).expect("JSON");
    assert_eq!(record["person"][0]["given_name"], "Margaret");
    let actions: Vec<&str> =
        record["auditEntries"].as_array().expect("audit entries").iter().filter_map(|e| e["action"].as_str()).collect();
    assert_eq!(actions.last(), Some(&"person.export_record"), "the export lists itself: {actions:?}");
    let pdf = std::process::Command::new("pdftotext")
        .arg(folder.join("record.pdf"))
        .arg("-")
        .output()
        .expect("run pdftotext");
    let text = String::from_utf8_lossy(&pdf.stdout);
    assert!(text.contains("Your record") && text.contains("Breast cancer"), "the PDF reads as her record:\n{text}");

    // Erase: the first confirmation lists what goes; the second wants her full name.
    app.click("rights-erase").await.expect("click Erase record");
    let lines = app.wait_for_text("erase-lines", "The intake", default_timeout()).await.expect("what would go");
    println!("erasure would remove: {lines}");
    let shot = app.screenshot("erase-first-confirmation").await.expect("screenshot");
    println!("screenshot, the first confirmation: {}", shot.display());
    app.click("erase-continue").await.expect("click Continue");
    app.type_into("erase-name", "Maggie").await.expect("type her preferred name only");
    assert!(!app.is_enabled("erase-confirm").await.expect("button state"), "not her full name: no erasing");
    app.type_into("erase-name", "Margaret Okafor").await.expect("type her full name");
    app.wait_until("Erase for good to be enabled", default_timeout(), async || {
        Ok(app.is_enabled("erase-confirm").await?.then_some(()))
    })
    .await
    .expect("enabled once the name matches");
    app.click("erase-confirm").await.expect("click Erase for good");
    // Back on Clients, where the last search (for her) now finds no one.
    app.wait_for("client-search-empty", default_timeout()).await.expect("she is not found");
    app.type_into("client-search", "Okafor").await.expect("search for the Okafors");
    let results = flows::wait_for_results(&app, "David alone", |r| {
        r.iter().any(|t| t.contains("David Okafor")) && !r.iter().any(|t| t.contains("Maggie"))
    })
    .await
    .expect("Maggie is gone and David stays");
    println!("results after the erasure: {results:?}");
    flows::sign_out(&app).await.expect("counsellor signs out");

    // The administrator's log: the erasure, by number.
    flows::sign_in(&app, ADMIN, DEMO_PASSWORD, ADMIN_NAME).await.expect("administrator signs in");
    app.click("nav-audit").await.expect("open the Audit log");
    app.wait_for("audit-table", default_timeout()).await.expect("the log shows");
    let whats = app.texts_of("audit-what").await.expect("entries");
    let people = app.texts_of("audit-person").await.expect("people");
    let erased =
        whats.iter().position(|w| w == "Erased a client's record at their request").expect("the erasure is logged");
    assert!(people[erased].starts_with("Erased record no. "), "by number only: {:?}", people[erased]);
    assert!(!people.iter().any(|p| p.contains("Maggie") || p.contains("Margaret")), "no trace of her name: {people:?}");
    app.close().await.expect("close");
}

/// Tauri's isolation pattern: every message from the page goes through the isolation frame's
/// check (`ui/isolation/`) before it is encrypted and handed to Rust. A message Rekindle never
/// sends (a filesystem plugin call, an invented command) gets no answer at all, where without
/// the frame Rust would have answered that it has no such command; Rekindle's own commands
/// answer as always.
#[tokio::test(flavor = "multi_thread")]
async fn the_isolation_frame_stops_messages_rekindle_never_sends_and_passes_its_own() {
    let profile = Profile::new("trust-isolation").expect("profile");
    create_demo_clinic(&profile);
    let app = launch_at(&profile, MONDAY_MORNING).await.expect("launch");
    flows::sign_in(&app, RECEPTION, DEMO_PASSWORD, RECEPTION_NAME).await.expect("reception signs in");

    let frame = app
        .execute(
            "const f = document.getElementById('__tauri_isolation__'); return f ? f.getAttribute('sandbox') : null;",
            vec![],
        )
        .await
        .expect("look for the frame");
    assert_eq!(frame, serde_json::json!("allow-scripts"), "the sandboxed isolation frame is in the page");

    let outcome = |cmd: &'static str| {
        let app = &app;
        async move {
            let script = r#"
                const cmd = arguments[0], done = arguments[arguments.length - 1];
                const silence = new Promise((r) => setTimeout(() => r('no answer'), 3000));
                const call = window.__TAURI_INTERNALS__.invoke(cmd, { path: '/etc/passwd' })
                    .then(() => 'answered', () => 'refused by Rust');
                Promise.race([call, silence]).then(done);
            "#;
            app.execute_async(script, vec![serde_json::json!(cmd)]).await.expect("call from the page")
        }
    };
    assert_eq!(outcome("plugin:fs|read_text_file").await, "no answer", "a filesystem call never reaches Rust");
    assert_eq!(outcome("export_everything").await, "no answer", "an invented command never reaches Rust");
    // Rekindle's own commands still arrive, and Rust's role checks still answer them.
    let status = app.invoke_raw("app_status", serde_json::json!({})).await.expect("invoke app_status");
    assert!(status.is_ok(), "app_status answers: {status:?}");
    let refused = app.invoke_raw("list_accounts", serde_json::json!({})).await.expect("invoke list_accounts");
    let code = refused.as_ref().err().and_then(|e| e.get("kind")).cloned();
    assert_eq!(code, Some(serde_json::json!("forbidden")), "reception is refused by Rust: {refused:?}");
    app.close().await.expect("close");
}
