//! Foundation: first-run setup, the recovery key, accounts and roles, signing in and out,
//! registering a client, a relationship, and finding people again after a restart.

use std::time::{Duration, Instant};

use rekindle_e2e::{default_timeout, AppWindow, Profile};
use serde_json::json;

use crate::flows::{self, *};

const WRONG_SIGN_IN: &str = "That name and password were not recognised.";
const FORBIDDEN: &str = "Your account is not allowed to do that.";

fn is_recovery_key_shape(key: &str) -> bool {
    let groups: Vec<&str> = key.split('-').collect();
    groups.len() == 8
        && groups.iter().all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
}

#[tokio::test(flavor = "multi_thread")]
async fn first_run_to_reception_finding_a_couple() {
    let started = Instant::now();
    let profile = Profile::new("journey").expect("create a profile");
    let app = AppWindow::launch(&profile).await.expect("launch Rekindle");

    // First run: the setup form, not a sign-in screen.
    app.wait_for("setup-clinic-name", default_timeout()).await.expect("first run shows the setup form");
    assert!(!app.is_present("signin-username").await.unwrap(), "first run must not ask to sign in");
    app.screenshot("setup-form").await.unwrap();

    // Setup -> recovery key of the documented shape.
    let key = flows::submit_setup(&app).await.expect("submit the setup form");
    assert!(is_recovery_key_shape(&key), "the recovery key should be 8 groups of 4 letters/digits, got {key:?}");
    assert!(
        !app.is_enabled("recovery-continue").await.unwrap(),
        "Continue must stay disabled until the key is confirmed stored"
    );
    app.screenshot("recovery-key").await.unwrap();

    // Save it to a file (the save dialog is answered by REKINDLE_TEST_SAVE_DIR).
    app.click("recovery-save").await.expect("click Save to file");
    let shown_path = app.text_of("recovery-saved-path").await.expect("the saved path is shown");
    let expected_file = profile.save_dir().join("rekindle-recovery-key.txt");
    assert_eq!(shown_path, expected_file.display().to_string(), "the screen names the file it wrote");
    let saved = std::fs::read_to_string(&expected_file).expect("the recovery key file exists");
    assert!(saved.contains(&key), "the saved file contains the key shown on screen; file was:\n{saved}");

    // Tick, continue: the administrator is in.
    flows::confirm_recovery_key(&app).await.expect("confirm the key and continue");
    let me = app.text_of("current-user").await.unwrap();
    assert!(me.contains(ADMIN_NAME) && me.contains("Administrator"), "sidebar shows who is signed in: {me:?}");
    assert!(!app.is_present("nav-clients").await.unwrap(), "an administrator-only account does not see Clients");

    // Accounts: add reception.
    let row = flows::add_account(&app, RECEPTION_NAME, RECEPTION_USERNAME, &["reception"], RECEPTION_TEMP_PASSWORD)
        .await
        .expect("add the reception account");
    assert!(row.contains("Reception"), "row shows the role: {row:?}");
    assert!(row.contains("Must change password"), "row shows the pending password change: {row:?}");
    app.wait_for_text("notice", &format!("Account added for {RECEPTION_NAME}"), default_timeout())
        .await
        .expect("a notice confirms the account");
    app.screenshot("accounts-with-reception").await.unwrap();

    // Reception's first sign-in: must choose a password.
    flows::sign_out(&app).await.expect("sign out as admin");
    flows::submit_sign_in(&app, RECEPTION_USERNAME, RECEPTION_TEMP_PASSWORD)
        .await
        .expect("sign in with the temporary password");
    app.wait_for("password-current", default_timeout()).await.expect("asked to choose a new password");
    assert!(!app.is_present("nav-clients").await.unwrap(), "no app before the password is changed");
    app.screenshot("must-change-password").await.unwrap();
    flows::change_temporary_password(&app, RECEPTION_TEMP_PASSWORD, RECEPTION_PASSWORD)
        .await
        .expect("change the password");
    app.wait_for_text("current-user", RECEPTION_NAME, default_timeout()).await.expect("reception is signed in");
    assert!(!app.is_present("nav-accounts").await.unwrap(), "reception has no Accounts");

    // Register Margaret "Maggie" Okafor.
    app.click("client-new").await.expect("click New client");
    app.type_into("client-given-name", "Margaret").await.unwrap();
    app.type_into("client-family-name", "Okafor").await.unwrap();
    app.type_into("client-preferred-name", "Maggie").await.unwrap();
    app.type_into("client-pronouns", "she/her").await.unwrap();
    // WebKit's <input type="date"> takes keys per locale-dependent segment, so the harness sets
    // the value through the DOM with input+change events (see AppWindow::set_value).
    app.set_value("client-dob", "1979-04-23").await.unwrap();
    app.type_into("client-phone", "07700 900461").await.unwrap();
    app.type_into("client-email", "maggie.okafor@example.org").await.unwrap();
    app.select_option("client-preferred-contact", "text").await.expect("choose Text message");
    app.type_into("client-discretion-note", "Do not mention the clinic on voicemail.").await.unwrap();
    app.click("client-save").await.expect("register the client");
    // The notice shows for 5 s from the moment the page changes: check it first.
    app.wait_for_text("notice", "Client registered", default_timeout()).await.expect("a notice confirms registration");
    app.wait_for_text("person-name", "Maggie Okafor", default_timeout()).await.expect("her page opens");
    let note = app.text_of("person-discretion-note").await.unwrap();
    assert_eq!(note, "Do not mention the clinic on voicemail.");
    app.screenshot("client-registered").await.unwrap();

    // A marriage with a new partner, David Okafor.
    app.click("relationship-add").await.expect("click Add relationship");
    app.select_option("relationship-structure", "married").await.expect("choose Married");
    app.type_into("relationship-new-partner-given-name", "David").await.unwrap();
    app.type_into("relationship-new-partner-family-name", "Okafor").await.unwrap();
    app.type_into("relationship-new-partner-pronouns", "he/him").await.unwrap();
    app.click("relationship-save").await.expect("save the relationship");
    let card =
        app.wait_for_text("relationship-card", "David Okafor", default_timeout()).await.expect("the card shows David");
    assert!(card.contains("Maggie Okafor"), "the card shows both partners: {card:?}");
    assert!(card.contains("Married"), "the card shows the kind of relationship: {card:?}");
    let member = app.text_of("relationship-member").await.unwrap();
    assert_eq!(member, "David Okafor", "David is the other member, a link to his record");
    app.screenshot("relationship-added").await.unwrap();

    // Sign out, close, open again: the clinic is set up, so it asks to sign in.
    flows::sign_out(&app).await.expect("sign out as reception");
    let app = app.relaunch(&profile).await.expect("close and relaunch with the same data");
    app.wait_for("signin-username", default_timeout()).await.expect("relaunch shows sign-in");
    assert!(!app.is_present("setup-clinic-name").await.unwrap(), "relaunch must not show setup again");
    app.screenshot("relaunched-sign-in").await.unwrap();
    flows::sign_in(&app, RECEPTION_USERNAME, RECEPTION_PASSWORD, RECEPTION_NAME)
        .await
        .expect("reception signs in again");

    // The list starts with both of them (recently updated). Searching part of her phone number
    // narrows it to Maggie (David has no phone)...
    flows::wait_for_results(&app, "the recent list with both", |r| r.len() == 2)
        .await
        .expect("the list shows the couple");
    app.type_into("client-search", "900461").await.expect("type digits in the search");
    flows::wait_for_results(&app, "only Maggie in results for \"900461\"", |r| {
        r.len() == 1 && r[0].contains("Maggie Okafor")
    })
    .await
    .expect("searching part of her phone number finds only her");
    app.screenshot("search-by-phone").await.unwrap();

    // ... and part of the family name finds the couple again (a change the search had to make).
    app.type_into("client-search", "oka").await.expect("type in the search");
    let results = flows::wait_for_results(&app, "Maggie and David in results for \"oka\"", |r| {
        r.len() == 2 && r.iter().any(|t| t.contains("Maggie Okafor")) && r.iter().any(|t| t.contains("David Okafor"))
    })
    .await
    .expect("searching \"oka\" finds the couple");
    let maggie = results.iter().find(|t| t.contains("Maggie Okafor")).unwrap();
    let david = results.iter().find(|t| t.contains("David Okafor")).unwrap();
    assert!(maggie.contains("Margaret Okafor"), "her legal name is shown too: {maggie:?}");
    assert!(!maggie.contains("Partner"), "Maggie is a client, not only a partner: {maggie:?}");
    assert!(david.contains("Partner"), "David is marked as a partner: {david:?}");
    app.screenshot("search-by-name").await.unwrap();

    app.close().await.expect("close the app");
    println!("first_run_to_reception_finding_a_couple: {:.1?}", started.elapsed());
}

#[tokio::test(flavor = "multi_thread")]
async fn wrong_password_shows_one_clear_message() {
    let started = Instant::now();
    let profile = Profile::new("wrong-password").expect("create a profile");
    let app = AppWindow::launch(&profile).await.expect("launch Rekindle");
    flows::set_up_clinic(&app).await.expect("first-run setup");
    flows::sign_out(&app).await.expect("sign out");

    // A known name with the wrong password.
    flows::submit_sign_in(&app, ADMIN_USERNAME, "not the right password").await.unwrap();
    let shown =
        app.wait_for_text("signin-error", WRONG_SIGN_IN, default_timeout()).await.expect("wrong password is refused");
    assert_eq!(shown, WRONG_SIGN_IN);
    app.screenshot("wrong-password").await.unwrap();

    // An unknown name: the very same words (no hint that the name does not exist).
    flows::submit_sign_in(&app, "nobody", "not the right password").await.unwrap();
    // The form empties the password field when the answer arrives: wait for that, so the message
    // read below is the answer to this attempt, not the last one.
    app.wait_until("the password field to be emptied", default_timeout(), async || {
        Ok((app.prop_of("signin-password", "value").await?.unwrap_or_default().is_empty()).then_some(()))
    })
    .await
    .expect("the second attempt is answered");
    let shown = app.text_of("signin-error").await.unwrap();
    assert_eq!(shown, WRONG_SIGN_IN, "an unknown username gets the same message");
    assert!(!app.is_present("current-user").await.unwrap(), "nobody is signed in");

    // And the right password still works.
    flows::sign_in(&app, ADMIN_USERNAME, ADMIN_PASSWORD, ADMIN_NAME).await.expect("the right password signs in");
    app.close().await.expect("close the app");
    println!("wrong_password_shows_one_clear_message: {:.1?}", started.elapsed());
}

#[tokio::test(flavor = "multi_thread")]
async fn reception_is_refused_admin_actions_by_rust() {
    let started = Instant::now();
    let profile = Profile::new("reception-refused").expect("create a profile");
    let app = AppWindow::launch(&profile).await.expect("launch Rekindle");
    flows::clinic_with_reception_signed_in(&app).await.expect("clinic with reception signed in");

    assert!(app.is_present("nav-clients").await.unwrap(), "reception sees Clients");
    assert!(!app.is_present("nav-accounts").await.unwrap(), "reception has no Accounts in the sidebar");
    assert!(!app.is_present("nav-clinic").await.unwrap(), "reception has no Clinic in the sidebar");

    // Going around the UI: Rust itself refuses.
    let added = app
        .invoke_raw(
            "add_account",
            json!({ "input": {
                "username": "mallory", "displayName": "Mallory Grey",
                "roles": ["administrator"], "temporaryPassword": "sneaky-password-1",
            }}),
        )
        .await
        .expect("invoke add_account");
    let refusal = added.expect_err("add_account must be refused for reception");
    assert_eq!(refusal["kind"], "forbidden", "add_account refusal: {refusal}");
    assert_eq!(refusal["message"], FORBIDDEN, "add_account refusal: {refusal}");
    assert_eq!(refusal["fields"], json!([]), "add_account refusal: {refusal}");

    let listed = app.invoke_raw("list_accounts", json!({})).await.expect("invoke list_accounts");
    let refusal = listed.expect_err("list_accounts must be refused for reception");
    assert_eq!(refusal["kind"], "forbidden", "list_accounts refusal: {refusal}");
    assert_eq!(refusal["message"], FORBIDDEN, "list_accounts refusal: {refusal}");

    // The administrator sees that no account was created.
    flows::sign_out(&app).await.expect("sign out reception");
    flows::sign_in(&app, ADMIN_USERNAME, ADMIN_PASSWORD, ADMIN_NAME).await.expect("admin signs in");
    app.click("nav-accounts").await.unwrap();
    app.wait_for(&format!("account-row-{RECEPTION_USERNAME}"), default_timeout())
        .await
        .expect("accounts list is shown");
    app.wait_for(&format!("account-row-{ADMIN_USERNAME}"), default_timeout()).await.unwrap();
    assert!(!app.is_present("account-row-mallory").await.unwrap(), "the refused account must not exist");
    app.screenshot("accounts-without-mallory").await.unwrap();
    app.close().await.expect("close the app");
    println!("reception_is_refused_admin_actions_by_rust: {:.1?}", started.elapsed());
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_client_input_gets_field_errors_and_saves_nothing() {
    let started = Instant::now();
    let profile = Profile::new("bad-client-input").expect("create a profile");
    let app = AppWindow::launch(&profile).await.expect("launch Rekindle");
    flows::clinic_with_reception_signed_in(&app).await.expect("clinic with reception signed in");

    // Someone else on file, so that the searches below visibly narrow the list.
    let other = app
        .invoke_raw("register_client", json!({ "input": { "givenName": "Tomasz", "familyName": "Birch" } }))
        .await
        .expect("invoke register_client");
    assert!(other.is_ok(), "registering Tomasz Birch failed: {other:?}");

    let next_year = app.execute("return new Date().getFullYear() + 1;", vec![]).await.unwrap();
    let future_dob = format!("{}-06-15", next_year.as_i64().expect("a year"));

    app.click("client-new").await.expect("click New client");
    app.type_into("client-given-name", "Sam").await.unwrap();
    // Emoji come from the emoji picker, not the keyboard (and WebKitWebDriver drops them as keys).
    app.insert_text("client-given-name", "😀").await.expect("add an emoji to the name");
    app.type_into("client-family-name", "Rao").await.unwrap();
    app.set_value("client-dob", &future_dob).await.unwrap(); // date input: see AppWindow::set_value
    app.type_into("client-phone", "12").await.unwrap();
    app.type_into("client-email", "sam@").await.unwrap();
    // 10,000 key presses take minutes over WebDriver; paste-like DOM set instead.
    app.set_value("client-reception-notes", &"n".repeat(10_000)).await.unwrap();
    app.click("client-save").await.expect("try to register");

    let summary = app.wait_for("form-error", default_timeout()).await.expect("the form says something is wrong");
    let summary = summary.text().await.unwrap();
    assert!(summary.contains("Please check the 5 highlighted fields"), "summary: {summary:?}");
    let expect_error = |field: &'static str, needle: &'static str| {
        let app = &app;
        async move {
            app.wait_for_text(&format!("field-error-{field}"), needle, Duration::from_secs(5))
                .await
                .unwrap_or_else(|e| panic!("field-error-{field} should mention {needle:?}: {e}"))
        }
    };
    let given = expect_error("givenName", "Given name").await;
    assert!(given.contains("emoji"), "the name error says emoji are not allowed: {given:?}");
    expect_error("dateOfBirth", "Date of birth cannot be in the future.").await;
    expect_error("phone", "Phone needs between 6 and 15 digits (this has 2).").await;
    expect_error("email", "Email should look like name@example.org.").await;
    expect_error("receptionNotes", "Reception notes can be at most 2,000 characters (this has 10,000).").await;
    assert!(!app.is_present("field-error-familyName").await.unwrap(), "a good field gets no error");
    app.screenshot("field-errors").await.unwrap();

    // Nothing was saved: Rust has no one called Rao.
    let found = app.invoke_raw("search_people", json!({ "query": "Rao", "includeArchived": true })).await.unwrap();
    assert_eq!(found, Ok(json!([])), "nothing may be saved from a refused form");

    // Fix everything, with a name in Devanagari.
    app.type_into("client-given-name", "अनन्या").await.expect("type a Devanagari name");
    app.set_value("client-dob", "1994-11-02").await.unwrap();
    app.type_into("client-phone", "0117 496 0312").await.unwrap();
    app.type_into("client-email", "ananya.rao@example.org").await.unwrap();
    app.set_value("client-reception-notes", "").await.unwrap();
    app.type_into("client-reception-notes", "Prefers evening appointments.").await.unwrap();
    app.click("client-save").await.expect("register the corrected client");
    app.wait_for_text("person-name", "अनन्या Rao", default_timeout()).await.expect("her page shows her name");
    app.screenshot("devanagari-client").await.unwrap();

    // Searching: each query changes the list, so each result below is that query's answer.
    // "Rao" finds only her: the refused form left nothing behind.
    app.click("nav-clients").await.unwrap();
    flows::wait_for_results(&app, "the recent list with both", |r| r.len() == 2)
        .await
        .expect("the list shows both people");
    app.type_into("client-search", "Rao").await.unwrap();
    flows::wait_for_results(&app, "exactly one Rao", |r| r.len() == 1 && r[0].contains("अनन्या Rao"))
        .await
        .expect("only the corrected record is a Rao");
    app.type_into("client-search", "Birch").await.unwrap();
    flows::wait_for_results(&app, "Tomasz Birch", |r| r.len() == 1 && r[0].contains("Tomasz Birch"))
        .await
        .expect("search Birch");
    app.type_into("client-search", "अनन्या").await.expect("type a Devanagari search");
    flows::wait_for_results(&app, "अनन्या in the results", |r| r.len() == 1 && r[0].contains("अनन्या Rao"))
        .await
        .expect("searching अनन्या finds her");
    app.screenshot("devanagari-search").await.unwrap();
    app.close().await.expect("close the app");
    println!("bad_client_input_gets_field_errors_and_saves_nothing: {:.1?}", started.elapsed());
}

/// Cold start: from starting the driver (which starts the app) to the first screen being usable.
/// Prints the numbers; asserts nothing about them.
#[tokio::test(flavor = "multi_thread")]
async fn cold_start_timing() {
    let profile = Profile::new("cold-start").expect("create a profile");

    // First run (empty data folder) -> setup form.
    let app = AppWindow::launch(&profile).await.expect("launch Rekindle");
    app.wait_for("setup-clinic-name", default_timeout()).await.expect("setup form");
    let first_run = app.launched_at().elapsed();
    let setup = app
        .invoke_raw(
            "set_up_clinic",
            json!({ "input": {
                "clinic": { "name": CLINIC_NAME }, "adminUsername": ADMIN_USERNAME,
                "adminDisplayName": ADMIN_NAME, "adminPassword": ADMIN_PASSWORD, "alsoCounsellor": false,
            }}),
        )
        .await
        .expect("invoke set_up_clinic");
    assert!(setup.is_ok(), "set_up_clinic failed: {setup:?}");
    app.close().await.expect("close");

    // Set-up clinic -> sign-in screen, five times.
    let mut runs = Vec::new();
    let mut session_parts = Vec::new();
    for i in 0..5 {
        let app = AppWindow::launch(&profile).await.expect("launch Rekindle");
        app.wait_for("signin-username", default_timeout())
            .await
            .unwrap_or_else(|e| panic!("run {i}: sign-in screen: {e}"));
        let total = app.launched_at().elapsed();
        runs.push(total);
        session_parts.push(app.session_ready_at().duration_since(app.launched_at()));
        app.close().await.expect("close");
    }
    let mut sorted = runs.clone();
    sorted.sort();
    let ms = |d: &Duration| format!("{} ms", d.as_millis());
    println!("cold start, first run to setup form: {}", ms(&first_run));
    println!("cold start to sign-in, 5 runs: {}", runs.iter().map(ms).collect::<Vec<_>>().join(", "));
    println!("  of which driver + session start: {}", session_parts.iter().map(ms).collect::<Vec<_>>().join(", "));
    println!("cold start to sign-in, median: {}", ms(&sorted[sorted.len() / 2]));
}
