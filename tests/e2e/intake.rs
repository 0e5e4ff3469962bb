//! Intake: a counsellor records a breast-cancer intake in the chart (cautions that follow the
//! medical answers, field errors, autosave including the flush when the window closes, a PHQ-9
//! with its blocking alert, signing and addenda), and reception sees none of it.

// Helpers below fail the test the way the test functions do (clippy allows that only inside
// `#[test]` functions themselves).
#![allow(clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use rekindle_e2e::{default_timeout, AppWindow, Profile};
use serde_json::{json, Value};

use crate::flows::{self, *};

const FORBIDDEN: &str = "Your account is not allowed to do that.";
const ESCAPE: &str = "\u{E00C}";
const GOALS_SENTENCE: &str = "To feel close to David again without being afraid that it will hurt.";
const ADDENDUM: &str = "Oncologist confirmed by letter that the aromatase inhibitor continues for five years.";

/// Waits until the intake's save status says everything is saved (`data-state="saved"`).
async fn wait_saved(app: &AppWindow, step: &str) {
    app.wait_until(&format!("the intake to be saved ({step})"), default_timeout(), async || {
        Ok((app.attr_of("intake-save-status", "data-state").await?.as_deref() == Some("saved")).then_some(()))
    })
    .await
    .unwrap_or_else(|e| panic!("{step}: {e}"));
}

/// The whole page's visible text, lower-cased.
async fn page_text(app: &AppWindow) -> String {
    let text = app.execute("return document.body.innerText;", vec![]).await.expect("read the page text");
    text.as_str().unwrap_or_default().to_lowercase()
}

#[tokio::test(flavor = "multi_thread")]
async fn counsellor_records_a_breast_cancer_intake() {
    let started = Instant::now();
    let profile = Profile::new("intake").expect("create a profile");
    let app = AppWindow::launch(&profile).await.expect("launch Rekindle");

    // 1. The clinic, a counsellor and reception.
    flows::set_up_clinic(&app).await.expect("first-run setup");
    let row = flows::add_account(&app, COUNSELLOR_NAME, COUNSELLOR_USERNAME, &["counsellor"], COUNSELLOR_TEMP_PASSWORD)
        .await
        .expect("add the counsellor account");
    assert!(row.contains("Counsellor"), "row shows the counsellor role: {row:?}");
    flows::add_account(&app, RECEPTION_NAME, RECEPTION_USERNAME, &["reception"], RECEPTION_TEMP_PASSWORD)
        .await
        .expect("add the reception account");
    flows::sign_out(&app).await.expect("sign out as admin");

    // 2. The counsellor's first sign-in. Maggie and her husband are registered through the IPC
    // (the registration and relationship forms are covered by the foundation test).
    flows::first_sign_in(&app, COUNSELLOR_USERNAME, COUNSELLOR_TEMP_PASSWORD, COUNSELLOR_PASSWORD, COUNSELLOR_NAME)
        .await
        .expect("counsellor signs in and chooses a password");
    let maggie = app
        .invoke_raw(
            "register_client",
            json!({ "input": {
                "givenName": "Margaret", "familyName": "Okafor", "preferredName": "Maggie",
                "pronouns": "she/her", "dateOfBirth": "1979-04-23",
            }}),
        )
        .await
        .expect("invoke register_client")
        .expect("register Maggie Okafor");
    let maggie_id = maggie["id"].as_i64().unwrap_or_else(|| panic!("register_client returned no id: {maggie}"));
    let rel = app
        .invoke_raw(
            "create_relationship",
            json!({ "input": {
                "structure": "married", "memberIds": [maggie_id],
                "newPartners": [{ "givenName": "David", "familyName": "Okafor", "pronouns": "he/him" }],
            }}),
        )
        .await
        .expect("invoke create_relationship");
    assert!(rel.is_ok(), "marrying Maggie to a new partner David failed: {rel:?}");

    flows::open_person(&app, "Maggie", "Maggie Okafor").await.expect("the counsellor opens Maggie's page");
    app.click("person-open-chart").await.expect("click Open chart");
    app.wait_for_text("chart-name", "Maggie Okafor", default_timeout()).await.expect("her chart opens");

    // 3. A new intake: nobody has asked the doctor yet.
    app.wait_until("the no_clearance caution on a new intake", default_timeout(), async || {
        let c = app.attr_and_child_texts("caution", "data-code", "caution-reason").await?;
        Ok((c.len() == 1 && c[0].0 == "no_clearance").then_some(()))
    })
    .await
    .expect("a new intake shows only the no-clearance caution");
    app.screenshot("new-intake").await.unwrap();

    // Medical: breast cancer, an aromatase inhibitor, cleared by the doctor.
    app.click("intake-tab-medical").await.expect("Medical tab");
    app.click("diagnosis-add").await.expect("Add diagnosis");
    app.wait_for("diagnosis-row", default_timeout()).await.expect("a diagnosis row appears");
    app.select_option("diagnosis-select", "breast").await.expect("choose breast cancer");
    app.type_into("diagnosis-stage", "IIA").await.expect("type the stage");
    app.set_value("diagnosis-date", "2025-03-14").await.expect("set the diagnosis date");
    app.click("treatment-add").await.expect("Add treatment");
    app.wait_for("treatment-row", default_timeout()).await.expect("a treatment row appears");
    assert_eq!(
        app.prop_of("treatment-status", "value").await.unwrap().as_deref(),
        Some(""),
        "a new treatment's status starts unset"
    );
    app.select_option("treatment-kind", "hormonal").await.expect("choose hormonal therapy");
    app.select_option("treatment-agent", "aromatase_inhibitor").await.expect("choose an aromatase inhibitor");
    app.select_option("treatment-status", "ongoing").await.expect("choose ongoing");
    app.set_value("treatment-start", "2025-06-02").await.expect("set the start date");
    app.select_option("clearance", "yes").await.expect("clearance: yes");
    wait_saved(&app, "medical").await;

    let shown = app
        .wait_until("avoid_estrogen and no no_clearance", default_timeout(), async || {
            let c = app.attr_and_child_texts("caution", "data-code", "caution-reason").await?;
            let codes: Vec<&str> = c.iter().map(|(code, _)| code.as_str()).collect();
            Ok((codes.contains(&"avoid_estrogen") && !codes.contains(&"no_clearance")).then_some(c))
        })
        .await
        .expect("the cautions follow the medical answers");
    let estrogen = &shown.iter().find(|(code, _)| code == "avoid_estrogen").unwrap().1;
    assert!(
        estrogen.iter().any(|r| r.contains("aromatase inhibitor") && r.contains("ongoing")),
        "a reason names the ongoing aromatase inhibitor: {estrogen:?}"
    );
    assert!(estrogen.iter().any(|r| r.contains("Breast cancer")), "a reason names the breast cancer: {estrogen:?}");
    assert_eq!(app.texts_of("diagnosis-row").await.unwrap().len(), 1, "one diagnosis row");
    assert_eq!(app.texts_of("treatment-row").await.unwrap().len(), 1, "one treatment row");
    let summary = app.text_of("summary-diagnoses").await.expect("the summary lists the diagnosis");
    assert!(summary.contains("stage IIA"), "the summary shows the stage: {summary:?}");
    println!("cautions after the medical section: {shown:?}; summary: {summary:?}");
    app.scroll_into_view("cautions-banner").await.unwrap();
    app.screenshot("medical-avoid-estrogen").await.unwrap();

    // 4. Side effects and pain, with a bad pain rating first.
    app.click("intake-tab-side-effects").await.expect("Side effects tab");
    app.select_option("side-effect-severity-vaginal_dryness", "severe").await.expect("vaginal dryness: severe");
    wait_saved(&app, "side effects").await;

    app.click("intake-tab-pain").await.expect("Pain tab");
    app.set_checked("pain-during-sex", true).await.expect("tick pain during sex");
    app.select_option("pain-location", "entry").await.expect("location: entry");
    app.set_checked("pain-cause-dryness", true).await.expect("tick dryness as a cause");
    app.type_into("pain-intensity", "11").await.expect("type 11 as the intensity");
    let e = app
        .wait_for_text("field-error-pain.intensity", "0 to 10", default_timeout())
        .await
        .expect("an intensity of 11 is refused with a field error");
    println!("intensity 11: {e:?}");
    app.wait_until("the save status to show an error", default_timeout(), async || {
        Ok((app.attr_of("intake-save-status", "data-state").await?.as_deref() == Some("error")).then_some(()))
    })
    .await
    .expect("the save status says the pain section is not saved");
    app.screenshot("pain-intensity-11").await.unwrap();
    app.type_into("pain-intensity", "6").await.expect("correct the intensity to 6");
    wait_saved(&app, "pain").await;
    app.wait_gone("field-error-pain.intensity", default_timeout()).await.expect("the intensity error goes away");

    // 5. Goals, and the window closed before the autosave's pause is over: closing flushes.
    app.click("intake-tab-goals").await.expect("Goals tab");
    wait_saved(&app, "before goals").await;
    let (first, last) = GOALS_SENTENCE.split_at(GOALS_SENTENCE.len() - " it will hurt.".len());
    app.type_into("goals-text", first).await.expect("type most of the goals");
    // The last words arrive as one edit and the close follows at once, well inside the 400 ms
    // pause: only the flush on close can save them.
    app.insert_text("goals-text", last).await.expect("finish the goals sentence");
    let state_at_close = app
        .execute(
            r#"const s = document.querySelector('[data-testid="intake-save-status"]').dataset.state;
               window.__TAURI_INTERNALS__.invoke('plugin:window|close', { label: 'main' });
               return s;"#,
            vec![],
        )
        .await
        .expect("ask the window to close");
    assert_eq!(state_at_close, json!("saving"), "the goals were still unsaved when the window was closed");
    let closing = Instant::now();
    app.wait_for_app_exit(Duration::from_secs(20)).await.expect("the app exits once its window has closed");
    println!("the app exited {:.1?} after its window was asked to close", closing.elapsed());

    let app = AppWindow::launch(&profile).await.expect("launch Rekindle again");
    flows::sign_in(&app, COUNSELLOR_USERNAME, COUNSELLOR_PASSWORD, COUNSELLOR_NAME)
        .await
        .expect("counsellor signs in again");
    flows::open_person(&app, "Maggie", "Maggie Okafor").await.expect("the counsellor opens Maggie's page again");
    app.click("person-open-chart").await.expect("click Open chart again");
    app.wait_for_text("chart-name", "Maggie Okafor", default_timeout()).await.expect("her chart opens again");
    app.click("intake-tab-goals").await.expect("Goals tab after relaunch");
    let goals = app.prop_of("goals-text", "value").await.unwrap().unwrap_or_default();
    app.screenshot("goals-after-relaunch").await.unwrap();
    assert_eq!(goals, GOALS_SENTENCE, "the goals typed just before the window closed were saved by the flush");
    // ... and everything saved before is still there.
    app.click("intake-tab-pain").await.unwrap();
    assert_eq!(app.prop_of("pain-intensity", "value").await.unwrap().as_deref(), Some("6"), "pain intensity kept");
    app.click("intake-tab-medical").await.unwrap();
    assert_eq!(app.prop_of("diagnosis-select", "value").await.unwrap().as_deref(), Some("breast"), "diagnosis kept");
    assert_eq!(app.prop_of("treatment-agent", "value").await.unwrap().as_deref(), Some("aromatase_inhibitor"));
    assert_eq!(app.prop_of("clearance", "value").await.unwrap().as_deref(), Some("yes"), "clearance kept");

    // 6. A PHQ-9 whose item 9 is not zero: a blocking alert.
    app.click("intake-tab-measures").await.expect("Questionnaires tab");
    app.click("measure-new").await.expect("New questionnaire");
    app.select_option("measure-instrument", "phq9").await.expect("choose the PHQ-9");
    for n in 1..=8 {
        app.click(&format!("measure-item-{n}-0")).await.unwrap_or_else(|e| panic!("answer item {n}: {e}"));
    }
    app.click("measure-item-9-1").await.expect("answer item 9 with 1");
    app.click("measure-save").await.expect("save the questionnaire");
    app.wait_for("measure-alert", default_timeout()).await.expect("the alert dialog opens");
    let alert = app.text_of("measure-alert-text").await.unwrap();
    println!("PHQ-9 alert: {alert:?}");
    app.press_key(ESCAPE).await.expect("press Escape");
    app.screenshot("measure-alert-after-escape").await.unwrap();
    assert!(app.is_present("measure-alert").await.unwrap(), "Escape must not close the alert");
    assert_eq!(app.prop_of("measure-alert", "open").await.unwrap().as_deref(), Some("true"), "the dialog stays open");
    app.click("measure-alert-acknowledge").await.expect("acknowledge the alert");
    app.wait_gone("measure-alert", default_timeout()).await.expect("the alert closes once acknowledged");
    let results = app
        .wait_until("a PHQ-9 result", default_timeout(), async || {
            let rows = app.attr_and_child_texts("measure-result", "data-instrument", "measure-total").await?;
            Ok((!rows.is_empty()).then_some(rows))
        })
        .await
        .expect("the result is listed");
    assert_eq!(results.len(), 1, "one result: {results:?}");
    assert_eq!(results[0].0, "phq9", "it is a PHQ-9: {results:?}");
    assert_eq!(results[0].1, vec!["1 / 27".to_string()], "total 1 of 27: {results:?}");
    let band = app.text_of("measure-band").await.unwrap();
    assert_eq!(band, "Minimal", "band of a total of 1");
    let marker = app.text_of("measure-alert-marker").await.unwrap();
    assert_eq!(marker, "Alert, acknowledged");
    app.screenshot("measure-result").await.unwrap();

    // 7. Sign. Escape cancels the ordinary confirm dialog (so the key does reach dialogs, and the
    // alert above really refused it); then sign for real.
    app.click("intake-tab-medical").await.unwrap();
    app.click("intake-sign").await.expect("click Sign intake");
    app.wait_for("confirm-ok", default_timeout()).await.expect("the confirm dialog opens");
    app.press_key(ESCAPE).await.expect("press Escape on the confirm dialog");
    app.wait_gone("confirm-ok", default_timeout()).await.expect("Escape cancels the ordinary confirm dialog");
    assert!(!app.is_present("intake-signed").await.unwrap(), "cancelling does not sign");
    app.click("intake-sign").await.expect("click Sign intake again");
    app.click("confirm-ok").await.expect("confirm signing");
    let badge = app.wait_for_text("intake-signed", COUNSELLOR_NAME, default_timeout()).await.expect("the signed badge");
    println!("signed badge: {badge:?}");
    app.wait_gone("confirm-ok", default_timeout()).await.expect("the confirm dialog closes");
    assert!(!app.is_enabled("clearance").await.unwrap(), "clearance is locked once signed");
    assert!(!app.is_enabled("diagnosis-stage").await.unwrap(), "the diagnosis is locked once signed");
    assert!(!app.is_present("diagnosis-add").await.unwrap(), "no Add diagnosis once signed");
    assert!(!app.is_present("intake-sign").await.unwrap(), "no Sign button once signed");

    app.type_into("addendum-text", ADDENDUM).await.expect("type an addendum");
    app.click("addendum-save").await.expect("save the addendum");
    let added = app.wait_for_text("addendum", ADDENDUM, default_timeout()).await.expect("the addendum is listed");
    assert!(added.contains(COUNSELLOR_NAME), "the addendum names its author: {added:?}");
    app.screenshot("signed-with-addendum").await.unwrap();
    app.scroll_into_view("intake-signed").await.unwrap();
    app.screenshot("signed-badge").await.unwrap();

    // 8. Rust refuses to change a signed intake.
    let chart = app
        .invoke_raw("open_chart", json!({ "personId": maggie_id }))
        .await
        .expect("invoke open_chart")
        .expect("the counsellor may open the chart");
    let intake_id = chart["intake"]["id"].as_i64().unwrap_or_else(|| panic!("no intake id in {chart}"));
    assert_eq!(chart["intake"]["signed"], json!(true), "the intake is signed");
    assert_eq!(chart["intake"]["goals"]["goals"], json!(GOALS_SENTENCE), "Rust has the flushed goals");
    let goals_section = json!({ "section": "goals", "data": {
        "intimacyMeaning": null, "goals": "Changed after signing.", "fertilityWish": "not_discussed",
        "fertilityNotes": null, "disclosureConcern": false, "datingNotes": null,
    }});
    let refused = app
        .invoke_raw("save_intake_section", json!({ "intakeId": intake_id, "section": goals_section }))
        .await
        .expect("invoke save_intake_section");
    let refusal = refused.expect_err("a signed intake cannot be saved");
    assert_eq!(refusal["kind"], "conflict", "save after signing: {refusal}");

    // 9. Reception sees no chart and nothing clinical; Rust refuses too.
    flows::sign_out(&app).await.expect("counsellor signs out");
    flows::first_sign_in(&app, RECEPTION_USERNAME, RECEPTION_TEMP_PASSWORD, RECEPTION_PASSWORD, RECEPTION_NAME)
        .await
        .expect("reception signs in and chooses a password");
    flows::open_person(&app, "Maggie", "Maggie Okafor").await.expect("reception opens Maggie's page");
    app.wait_for_text("relationship-card", "David Okafor", default_timeout()).await.expect("her page is fully shown");
    assert!(!app.is_present("person-open-chart").await.unwrap(), "reception has no Open chart");
    let text = page_text(&app).await;
    for word in ["estrogen", "breast", "phq", "aromatase", "intake", "addend", "pain"] {
        assert!(!text.contains(word), "reception's page must show nothing clinical, but it mentions {word:?}:\n{text}");
    }
    app.screenshot("reception-person-page").await.unwrap();

    let opened = app.invoke_raw("open_chart", json!({ "personId": maggie_id })).await.expect("invoke open_chart");
    let refusal: Value = opened.expect_err("open_chart must be refused for reception");
    assert_eq!(refusal["kind"], "forbidden", "open_chart as reception: {refusal}");
    assert_eq!(refusal["message"], FORBIDDEN, "open_chart as reception: {refusal}");
    let saved = app
        .invoke_raw("save_intake_section", json!({ "intakeId": intake_id, "section": goals_section }))
        .await
        .expect("invoke save_intake_section");
    let refusal = saved.expect_err("save_intake_section must be refused for reception");
    assert_eq!(refusal["kind"], "forbidden", "save_intake_section as reception: {refusal}");

    app.close().await.expect("close the app");
    println!("counsellor_records_a_breast_cancer_intake: {:.1?}", started.elapsed());
}
