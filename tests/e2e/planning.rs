//! Session planning: a counsellor starts a course for a breast-cancer client seen with her
//! husband, plans session 2 from the suggestions (staged homework opened by session 1's review),
//! assigns homework to one or both of them, is stopped from giving an estrogen product until an
//! override with its reason is recorded, signs the note, reviews the homework at session 3 and
//! sees it in the progress view. Reception sees no course; everything survives a restart.

// Helpers below fail the test the way the test functions do (clippy allows that only inside
// `#[test]` functions themselves).
#![allow(clippy::expect_used, clippy::panic)]

use std::time::Instant;

use fantoccini::elements::Element;
use fantoccini::Locator;
use rekindle_e2e::{default_timeout, AppWindow, E2eError, Profile};
use serde_json::{json, Value};

use crate::flows::{self, *};

const FORBIDDEN: &str = "Your account is not allowed to do that.";
const GOALS: &str = "To feel close to David again without being afraid that it will hurt.";
const OVERRIDE_REASON: &str =
    "Her oncologist agreed in writing to a low-dose vaginal estrogen; she has the letter with her.";
const MIRROR_HELPED: &str = "Doing it after a warm shower, with music on.";
const KISS_HARD: &str = "Both felt awkward counting; they stopped after three days.";
const NOTE_DATA: &str = "Both attended. The daily hug happened most days and felt easy for both of them.";
const NOTE_ASSESSMENT: &str = "Closeness is returning; Maggie still avoids her reflection.";
const NOTE_PLAN: &str = "Mirror exercise for Maggie, the six-second kiss together; review at session 3.";

/// One row on screen: the displayed element with test id `testid` whose attribute `attr` is
/// `value` (e.g. the `session-item` with `data-slug="hw_mirror"`).
#[derive(Clone, Copy)]
struct Row<'a> {
    testid: &'a str,
    attr: &'a str,
    value: &'a str,
}

fn row<'a>(testid: &'a str, attr: &'a str, value: &'a str) -> Row<'a> {
    Row { testid, attr, value }
}

/// The (single) displayed element with this test id, as a row.
fn by_id(testid: &str) -> Row<'_> {
    Row { testid, attr: "data-testid", value: testid }
}

impl std::fmt::Display for Row<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[data-testid=\"{}\"][{}=\"{}\"]", self.testid, self.attr, self.value)
    }
}

fn fail(what: String) -> impl FnOnce(fantoccini::error::CmdError) -> E2eError {
    move |e| E2eError(format!("{what}: {e}"))
}

/// The row now, if it is on screen.
async fn find_row(app: &AppWindow, r: Row<'_>) -> rekindle_e2e::Result<Option<Element>> {
    for e in app.visible_by_test_id(r.testid).await? {
        if e.attr(r.attr).await.map_err(fail(format!("reading {} of {}", r.attr, r.testid)))?.as_deref()
            == Some(r.value)
        {
            return Ok(Some(e));
        }
    }
    Ok(None)
}

/// The first displayed element with test id `child` inside `parent`, now.
async fn find_in(parent: &Element, child: &str) -> rekindle_e2e::Result<Option<Element>> {
    let sel = AppWindow::selector(child);
    for c in parent.find_all(Locator::Css(&sel)).await.map_err(fail(format!("finding {sel}")))? {
        if c.is_displayed().await.unwrap_or(false) {
            return Ok(Some(c));
        }
    }
    Ok(None)
}

/// The element with test id `child` inside the row, once both are on screen.
async fn child_of(app: &AppWindow, r: Row<'_>, child: &str) -> Element {
    app.wait_until(&format!("{} inside {r}", AppWindow::selector(child)), default_timeout(), async || {
        match find_row(app, r).await? {
            Some(e) => find_in(&e, child).await,
            None => Ok(None),
        }
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"))
}

/// Waits for the row and returns its text.
async fn wait_row(app: &AppWindow, r: Row<'_>) -> String {
    let e = app
        .wait_until(&format!("{r} to be shown"), default_timeout(), async || find_row(app, r).await)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    e.text().await.unwrap_or_else(|e| panic!("reading the text of {r}: {e}"))
}

/// Clicks `child` inside the row once it is shown and enabled (retrying past re-renders).
async fn click_in(app: &AppWindow, r: Row<'_>, child: &str) {
    app.wait_until(
        &format!("{} inside {r} to be clickable", AppWindow::selector(child)),
        default_timeout(),
        async || {
            let Some(e) = find_row(app, r).await? else { return Ok(None) };
            let Some(c) = find_in(&e, child).await? else { return Ok(None) };
            if !c.is_enabled().await.map_err(fail("reading enabled".into()))? {
                return Ok(None);
            }
            c.click().await.map_err(fail(format!("clicking {child} inside {r}")))?;
            Ok(Some(()))
        },
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
}

/// Clicks the row itself once it is shown and enabled.
async fn click_row(app: &AppWindow, r: Row<'_>) {
    app.wait_until(&format!("{r} to be clickable"), default_timeout(), async || {
        let Some(e) = find_row(app, r).await? else { return Ok(None) };
        if !e.is_enabled().await.map_err(fail("reading enabled".into()))? {
            return Ok(None);
        }
        e.click().await.map_err(fail(format!("clicking {r}")))?;
        Ok(Some(()))
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"));
}

/// Types into `child` inside the row as a person does (clear, then keys) and checks the field.
async fn type_in(app: &AppWindow, r: Row<'_>, child: &str, text: &str) {
    let e = child_of(app, r, child).await;
    e.clear().await.unwrap_or_else(|e| panic!("clearing {child} inside {r}: {e}"));
    e.send_keys(text).await.unwrap_or_else(|e| panic!("typing into {child} inside {r}: {e}"));
    let now = e.prop("value").await.unwrap_or_else(|e| panic!("reading back {child} inside {r}: {e}"));
    assert_eq!(now.as_deref(), Some(text), "typed {text:?} into {child} inside {r}");
}

/// The text of `child` inside the row.
async fn text_in(app: &AppWindow, r: Row<'_>, child: &str) -> String {
    let e = child_of(app, r, child).await;
    e.text().await.unwrap_or_else(|e| panic!("reading {child} inside {r}: {e}"))
}

/// A DOM property (value, checked) of `child` inside the row.
async fn prop_in(app: &AppWindow, r: Row<'_>, child: &str, prop: &str) -> Option<String> {
    let e = child_of(app, r, child).await;
    e.prop(prop).await.unwrap_or_else(|e| panic!("reading {prop} of {child} inside {r}: {e}"))
}

/// Waits until the row's attribute `name` is `want`.
async fn wait_attr(app: &AppWindow, r: Row<'_>, name: &str, want: &str) {
    app.wait_until(&format!("{name}={want:?} on {r}"), default_timeout(), async || {
        let Some(e) = find_row(app, r).await? else { return Ok(None) };
        let got = e.attr(name).await.map_err(fail(format!("reading {name}")))?;
        Ok((got.as_deref() == Some(want)).then_some(()))
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"));
}

/// Waits until the element with this test id has attribute `name` equal to `want`.
async fn wait_attr_of(app: &AppWindow, testid: &str, name: &str, want: &str) {
    app.wait_until(&format!("{name}={want:?} on {}", AppWindow::selector(testid)), default_timeout(), async || {
        Ok((app.attr_of(testid, name).await?.as_deref() == Some(want)).then_some(()))
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"));
}

/// For every displayed element with this test id: the value of its attribute `name`.
async fn attrs(app: &AppWindow, testid: &str, name: &str) -> Vec<String> {
    app.attr_and_child_texts(testid, name, "-none-")
        .await
        .unwrap_or_else(|e| panic!("reading {name} of {testid}: {e}"))
        .into_iter()
        .map(|(v, _)| v)
        .collect()
}

/// The whole page's visible text, lower-cased.
async fn page_text(app: &AppWindow) -> String {
    let text = app.execute("return document.body.innerText;", vec![]).await.expect("read the page text");
    text.as_str().unwrap_or_default().to_lowercase()
}

/// The local date `days_ago` days back, as YYYY-MM-DD (the window's clock, as the app's).
async fn local_day(app: &AppWindow, days_ago: i64) -> String {
    let day = app
        .execute(
            "const d = new Date(); d.setDate(d.getDate() - arguments[0]);
             const p = (n) => String(n).padStart(2, '0');
             return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;",
            vec![json!(days_ago)],
        )
        .await
        .expect("compute a date in the window");
    day.as_str().expect("a date string").to_owned()
}

/// Calls a command through the real IPC and expects it to succeed.
async fn call(app: &AppWindow, cmd: &str, args: Value) -> Value {
    app.invoke_raw(cmd, args.clone())
        .await
        .unwrap_or_else(|e| panic!("invoke {cmd}: {e}"))
        .unwrap_or_else(|e| panic!("{cmd} {args} was refused: {e}"))
}

/// Waits until the note's save status says it is saved.
async fn wait_note_saved(app: &AppWindow, step: &str) {
    app.wait_until(&format!("the note to be saved ({step})"), default_timeout(), async || {
        Ok((app.attr_of("note-save-status", "data-state").await?.as_deref() == Some("saved")).then_some(()))
    })
    .await
    .unwrap_or_else(|e| panic!("{step}: {e}"));
}

/// Opens session `n` in the plan and waits for its panel.
async fn open_session(app: &AppWindow, n: i64) {
    app.click(&format!("session-tab-{n}")).await.unwrap_or_else(|e| panic!("click session {n}: {e}"));
    wait_attr_of(app, "session-panel", "data-number", &n.to_string()).await;
}

/// From Maggie's person page: her chart, then her course.
async fn open_course_view(app: &AppWindow) {
    flows::open_person(app, "Maggie", "Maggie Okafor").await.expect("open Maggie's page");
    app.click("person-open-chart").await.expect("click Open chart");
    app.wait_for_text("chart-name", "Maggie Okafor", default_timeout()).await.expect("her chart opens");
    app.click("chart-open-course").await.expect("click the course button on the chart");
    app.wait_for("course-view", default_timeout()).await.expect("the course view opens");
}

/// The session's items in the course page, as (slug, section, assignees, override reason).
fn items_of(page: &Value, number: i64) -> Vec<(String, String, Vec<i64>, Option<String>)> {
    let sessions = page["course"]["sessions"].as_array().expect("sessions");
    let session = sessions.iter().find(|s| s["number"] == json!(number)).expect("the session");
    let mut out = Vec::new();
    for section in session["sections"].as_array().expect("sections") {
        for item in section["items"].as_array().expect("items") {
            out.push((
                item["library"]["slug"].as_str().unwrap_or_default().to_owned(),
                item["section"].as_str().unwrap_or_default().to_owned(),
                item["assignees"].as_array().expect("assignees").iter().filter_map(Value::as_i64).collect(),
                item["override"]["reason"].as_str().map(str::to_owned),
            ));
        }
    }
    out
}

/// Who and what the journey is about.
struct World {
    maggie_id: i64,
    david_id: i64,
    rel_id: i64,
    /// The content library at its current versions.
    library: Value,
}

impl World {
    fn library_id(&self, slug: &str) -> i64 {
        self.library
            .as_array()
            .and_then(|items| items.iter().find(|i| i["slug"] == json!(slug)))
            .and_then(|i| i["id"].as_i64())
            .unwrap_or_else(|| panic!("{slug} is not in the library"))
    }
}

/// The clinic, a counsellor and reception; Maggie, David and their marriage through the IPC
/// (the forms are covered by the foundation test), and her intake section by section (the
/// intake forms are covered by the intake test). Ends with the counsellor signed in.
async fn set_up(app: &AppWindow) -> World {
    flows::set_up_clinic(app).await.expect("first-run setup");
    flows::add_account(app, COUNSELLOR_NAME, COUNSELLOR_USERNAME, &["counsellor"], COUNSELLOR_TEMP_PASSWORD)
        .await
        .expect("add the counsellor account");
    flows::add_account(app, RECEPTION_NAME, RECEPTION_USERNAME, &["reception"], RECEPTION_TEMP_PASSWORD)
        .await
        .expect("add the reception account");
    flows::sign_out(app).await.expect("sign out as admin");
    flows::first_sign_in(app, COUNSELLOR_USERNAME, COUNSELLOR_TEMP_PASSWORD, COUNSELLOR_PASSWORD, COUNSELLOR_NAME)
        .await
        .expect("counsellor signs in and chooses a password");

    let maggie = call(
        app,
        "register_client",
        json!({ "input": {
            "givenName": "Margaret", "familyName": "Okafor", "preferredName": "Maggie",
            "pronouns": "she/her", "dateOfBirth": "1979-04-23",
        }}),
    )
    .await;
    let maggie_id = maggie["id"].as_i64().unwrap_or_else(|| panic!("register_client returned no id: {maggie}"));
    let rel = call(
        app,
        "create_relationship",
        json!({ "input": {
            "structure": "married", "memberIds": [maggie_id],
            "newPartners": [{ "givenName": "David", "familyName": "Okafor", "pronouns": "he/him" }],
        }}),
    )
    .await;
    let rel_id = rel["id"].as_i64().unwrap_or_else(|| panic!("no relationship id in {rel}"));
    let david_id = rel["members"]
        .as_array()
        .and_then(|m| m.iter().find(|p| p["displayName"].as_str().is_some_and(|n| n.contains("David"))))
        .and_then(|p| p["id"].as_i64())
        .unwrap_or_else(|| panic!("David is not among the members: {rel}"));

    let chart = call(app, "open_chart", json!({ "personId": maggie_id })).await;
    let intake_id = chart["intake"]["id"].as_i64().unwrap_or_else(|| panic!("no intake id in {chart}"));
    let sections = [
        json!({ "section": "medical", "data": {
            "diagnoses": [{ "diagnosis": "breast", "detail": null, "stage": "IIA", "metastatic": false,
                            "diagnosedOn": "2025-03-14" }],
            "treatments": [{ "kind": "hormonal", "agentClass": "aromatase_inhibitor", "pelvic": false,
                             "status": "ongoing", "startedOn": "2025-06-02", "endedOn": null }],
            "hormoneReceptorPositive": "yes", "clearance": "yes", "clearanceBy": "Her oncologist",
            "clearanceOn": "2025-09-01", "notes": null,
        }}),
        json!({ "section": "sideEffects", "data": [
            { "code": "vaginal_dryness", "severity": "moderate", "note": null },
        ]}),
        json!({ "section": "feelings", "data": {
            "bodyImage": ["avoids_mirrors", "fears_partner_view"], "bodyImageNotes": null,
            "emotional": ["partner_holding_back"], "emotionalNotes": null,
        }}),
        json!({ "section": "relationship", "data": [{
            "personId": david_id, "name": "",
            "perspective": "Afraid of hurting her, so he has stopped starting anything.",
            "attends": true, "consentToContact": true,
        }]}),
        json!({ "section": "goals", "data": {
            "intimacyMeaning": "Feeling close again without fear.", "goals": GOALS,
            "fertilityWish": "not_relevant", "fertilityNotes": null, "disclosureConcern": false, "datingNotes": null,
        }}),
    ];
    for section in sections {
        call(app, "save_intake_section", json!({ "intakeId": intake_id, "section": section })).await;
    }
    let chart = call(app, "open_chart", json!({ "personId": maggie_id })).await;
    let codes: Vec<&str> =
        chart["cautions"].as_array().expect("cautions").iter().filter_map(|c| c["code"].as_str()).collect();
    assert!(codes.contains(&"avoid_estrogen"), "the intake puts the estrogen caution in force: {codes:?}");

    let library = call(app, "list_library", json!({})).await;
    World { maggie_id, david_id, rel_id, library }
}

#[tokio::test(flavor = "multi_thread")]
async fn counsellor_plans_sessions_reviews_homework_and_sees_progress() {
    let started = Instant::now();
    let profile = Profile::new("planning").expect("create a profile");
    let app = AppWindow::launch(&profile).await.expect("launch Rekindle");

    // 1. The clinic, the accounts, Maggie and David, and her breast-cancer intake.
    let world = set_up(&app).await;
    let World { maggie_id, david_id, rel_id, .. } = world;
    let hug_id = world.library_id("hw_daily_hug");

    // 2. The counsellor starts a course of six sessions with David, from the chart.
    open_course_view(&app).await;
    let goals = app.prop_of("course-goals", "value").await.expect("read the goals").unwrap_or_default();
    assert_eq!(goals, GOALS, "the start form carries the intake's goals");
    app.type_into("course-sessions", "6").await.expect("six sessions");
    app.select_option("course-relationship", &rel_id.to_string()).await.expect("seen with David");
    app.set_checked(&format!("course-partner-{david_id}"), true).await.expect("David attends");
    app.click("course-start").await.expect("start the course");
    app.wait_for("session-tab-1", default_timeout()).await.expect("the plan shows session 1");
    assert!(app.is_present("session-tab-6").await.unwrap(), "six sessions are planned");
    assert!(!app.is_present("session-tab-7").await.unwrap(), "no seventh session");
    for n in 1..=6 {
        let status = app.attr_of(&format!("session-tab-{n}"), "data-status").await.unwrap();
        assert_eq!(status.as_deref(), Some("planned"), "session {n} starts planned");
    }

    let page = call(&app, "open_course", json!({ "personId": maggie_id })).await;
    let course = &page["course"];
    assert_eq!(course["plannedSessions"], json!(6), "Rust has six sessions planned: {course}");
    assert_eq!(course["goals"], json!(GOALS));
    let mut attendees: Vec<i64> =
        course["attendees"].as_array().expect("attendees").iter().filter_map(|a| a["personId"].as_i64()).collect();
    attendees.sort_unstable();
    let mut both = vec![maggie_id, david_id];
    both.sort_unstable();
    assert_eq!(attendees, both, "Maggie and David attend");
    let session_id = |n: i64| {
        course["sessions"]
            .as_array()
            .and_then(|s| s.iter().find(|s| s["number"] == json!(n)))
            .and_then(|s| s["id"].as_i64())
            .unwrap_or_else(|| panic!("no session {n} in {course}"))
    };
    let (s1, s2) = (session_id(1), session_id(2));

    // Session 1 (understanding the journey) through the IPC: the daily hug for both, the note
    // written and signed. Then the view is loaded again.
    let s1_day = local_day(&app, 14).await;
    let s2_day = local_day(&app, 7).await;
    call(
        &app,
        "add_session_item",
        json!({ "sessionId": s1, "input": { "section": "homework", "itemId": hug_id,
                "assigneeIds": [maggie_id, david_id] } }),
    )
    .await;
    call(
        &app,
        "save_session_note",
        json!({ "sessionId": s1, "input": {
            "heldOn": s1_day, "attended": [maggie_id, david_id],
            "coveredEducation": "How her treatment changes desire and comfort.",
            "coveredHomework": "A long daily hug, every day.",
            "data": "Maggie told the story of her diagnosis and treatment; David listened.",
            "assessment": "Both want closeness back; fear of pain holds them apart.",
            "plan": "Start the closeness thread with a daily hug.",
        }}),
    )
    .await;
    call(&app, "sign_session_note", json!({ "sessionId": s1 })).await;
    app.click("course-back").await.expect("leave the course");
    app.click("chart-open-course").await.expect("open the course again");
    app.wait_for("course-view", default_timeout()).await.expect("the course view opens again");
    wait_attr_of(&app, "session-tab-1", "data-status", "signed").await;

    // 3. Session 2: review the hug (done, comfortable), which opens the next closeness step.
    app.click("course-tab-plan").await.expect("the plan tab");
    open_session(&app, 2).await;
    let hug_review = row("review-row", "data-slug", "hw_daily_hug");
    wait_row(&app, hug_review).await;
    click_in(&app, hug_review, "review-outcome-done").await;
    type_in(&app, hug_review, "review-comfort", "8").await;
    type_in(&app, hug_review, "review-helped", "A hug before leaving for work.").await;
    click_in(&app, hug_review, "review-save").await;
    wait_attr(&app, hug_review, "data-reviewed", "true").await;

    let shown = app
        .wait_until("suggestions with the mirror and the six-second kiss", default_timeout(), async || {
            let slugs = attrs(&app, "suggestion", "data-slug").await;
            Ok((slugs.iter().any(|s| s == "hw_mirror") && slugs.iter().any(|s| s == "hw_six_second_kiss"))
                .then_some(slugs))
        })
        .await
        .expect("the suggestions offer the mirror exercise and the next closeness step");
    println!("session 2 suggestions: {shown:?}");
    assert!(
        !shown.iter().any(|s| s == "prac_vaginal_estrogen"),
        "the estrogen caution keeps vaginal estrogen out of the suggestions: {shown:?}"
    );
    assert!(!shown.iter().any(|s| s == "hw_daily_hug"), "the hug, reviewed as done, is not offered again: {shown:?}");
    let mirror_reasons = text_in(&app, row("suggestion", "data-slug", "hw_mirror"), "suggestion-reasons").await;
    assert!(
        mirror_reasons.to_lowercase().contains("body-image"),
        "the mirror is offered for body image: {mirror_reasons:?}"
    );

    // The mirror exercise for Maggie alone, the six-second kiss for both.
    click_in(&app, row("suggestion", "data-slug", "hw_mirror"), "suggestion-add").await;
    app.wait_for("assign-dialog", default_timeout()).await.expect("the assign dialog opens for the mirror");
    app.set_checked(&format!("assign-person-{maggie_id}"), true).await.expect("tick Maggie");
    if app.is_present(&format!("assign-person-{david_id}")).await.unwrap() {
        app.set_checked(&format!("assign-person-{david_id}"), false).await.expect("untick David");
    }
    app.click("assign-confirm").await.expect("assign the mirror");
    app.wait_gone("assign-dialog", default_timeout()).await.expect("the assign dialog closes");
    click_in(&app, row("suggestion", "data-slug", "hw_six_second_kiss"), "suggestion-add").await;
    app.wait_for("assign-dialog", default_timeout()).await.expect("the assign dialog opens for the kiss");
    app.set_checked(&format!("assign-person-{maggie_id}"), true).await.expect("tick Maggie");
    app.set_checked(&format!("assign-person-{david_id}"), true).await.expect("tick David");
    app.click("assign-confirm").await.expect("assign the kiss");
    app.wait_gone("assign-dialog", default_timeout()).await.expect("the assign dialog closes");

    let mirror = row("session-item", "data-slug", "hw_mirror");
    let kiss = row("session-item", "data-slug", "hw_six_second_kiss");
    wait_attr(&app, mirror, "data-section", "homework").await;
    wait_attr(&app, kiss, "data-section", "homework").await;
    let mirror_who = text_in(&app, mirror, "session-item-assignees").await;
    assert!(mirror_who.contains("Maggie") && !mirror_who.contains("David"), "the mirror is Maggie's: {mirror_who:?}");
    let kiss_who = text_in(&app, kiss, "session-item-assignees").await;
    assert!(kiss_who.contains("Maggie") && kiss_who.contains("David"), "the kiss is for both: {kiss_who:?}");
    let homework = app.text_of("session-section-homework").await.unwrap();
    let in_homework = app
        .execute(
            r#"const s = document.querySelector('[data-testid="session-panel"] [data-testid="session-section-homework"]');
               return [...s.querySelectorAll('[data-testid="session-item"]')].map((e) => e.dataset.slug);"#,
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(in_homework, json!(["hw_mirror", "hw_six_second_kiss"]), "the homework section holds both: {homework}");
    let suggestions_left = attrs(&app, "suggestion", "data-slug").await;
    assert!(
        !suggestions_left.iter().any(|s| s == "hw_mirror" || s == "hw_six_second_kiss"),
        "what was added is no longer suggested: {suggestions_left:?}"
    );

    // The four parts, in the clinic's order, top to bottom.
    let tops = app
        .execute(
            r#"return ['education', 'communication', 'practical', 'homework'].map((s) => {
                   const e = document.querySelector(`[data-testid="session-panel"] [data-testid="session-section-${s}"]`);
                   return e ? e.getBoundingClientRect().top : null; });"#,
            vec![],
        )
        .await
        .unwrap();
    let tops: Vec<f64> = tops.as_array().expect("positions").iter().map(|t| t.as_f64().expect("a position")).collect();
    assert!(tops.windows(2).all(|w| w[0] < w[1]), "sections top to bottom in the fixed order, got y = {tops:?}");

    // Vaginal estrogen from the library: held back by the caution until an override is given.
    let pick_estrogen = async || {
        // The picker of the practical part if each part has its own, else the session's one.
        let practical = by_id("session-section-practical");
        match find_row(&app, practical).await.unwrap() {
            Some(s) if find_in(&s, "library-picker-open").await.unwrap().is_some() => {
                click_in(&app, practical, "library-picker-open").await;
            }
            _ => app.click("library-picker-open").await.expect("open the library picker"),
        }
        app.type_into("library-picker-search", "estrogen").await.expect("search the library");
        click_row(&app, row("library-option", "data-slug", "prac_vaginal_estrogen")).await;
    };
    pick_estrogen().await;
    let message = app.text_of("override-message").await.expect("the override dialog explains why");
    println!("override message: {message:?}");
    assert!(message.to_lowercase().contains("estrogen"), "the override message names the caution: {message:?}");
    app.click("override-cancel").await.expect("cancel the override");
    app.wait_gone("override-dialog", default_timeout()).await.expect("the override dialog closes");
    assert!(
        find_row(&app, row("session-item", "data-slug", "prac_vaginal_estrogen")).await.unwrap().is_none(),
        "cancelling gives nothing"
    );
    let page = call(&app, "open_course", json!({ "personId": maggie_id })).await;
    assert!(
        !items_of(&page, 2).iter().any(|i| i.0 == "prac_vaginal_estrogen"),
        "Rust has no estrogen item after the cancel"
    );

    pick_estrogen().await;
    app.wait_for("override-dialog", default_timeout()).await.expect("the override dialog opens again");
    app.type_into("override-reason", OVERRIDE_REASON).await.expect("give the reason");
    let override_shot = app.screenshot("session-2-override-dialog").await.unwrap();
    println!("screenshot, the override dialog: {}", override_shot.display());
    app.click("override-confirm").await.expect("confirm the override");
    app.wait_gone("override-dialog", default_timeout()).await.expect("the override dialog closes");
    let estrogen = row("session-item", "data-slug", "prac_vaginal_estrogen");
    wait_attr(&app, estrogen, "data-section", "practical").await;
    let override_text = text_in(&app, estrogen, "session-item-override").await;
    assert!(override_text.contains(OVERRIDE_REASON), "the row shows the override's reason: {override_text:?}");
    app.scroll_into_view("session-section-practical").await.unwrap();
    let plan_shot = app.screenshot("session-2-plan").await.unwrap();
    println!("screenshot, session 2 planned: {}", plan_shot.display());

    let page = call(&app, "open_course", json!({ "personId": maggie_id })).await;
    let items = items_of(&page, 2);
    println!("session 2 in Rust: {items:?}");
    let get = |slug: &str| items.iter().find(|i| i.0 == slug).unwrap_or_else(|| panic!("{slug} not in {items:?}"));
    assert_eq!(get("hw_mirror").2, vec![maggie_id], "Rust: the mirror is Maggie's");
    assert_eq!(get("hw_six_second_kiss").2, both, "Rust: the kiss is for both");
    assert_eq!(get("prac_vaginal_estrogen").1, "practical");
    assert_eq!(get("prac_vaginal_estrogen").3.as_deref(), Some(OVERRIDE_REASON), "Rust records the reason");

    // Session 2's note, then signing it.
    app.set_value("note-held-on", &s2_day).await.expect("the date held");
    app.set_checked(&format!("note-attended-{maggie_id}"), true).await.expect("Maggie came");
    app.set_checked(&format!("note-attended-{david_id}"), true).await.expect("David came");
    app.type_into("note-covered-education", "Why estrogen needs the oncologist's agreement.").await.unwrap();
    app.type_into("note-covered-communication", "Saying what feels good, in I-statements.").await.unwrap();
    app.type_into("note-covered-practical", "Vaginal estrogen, as her oncologist agreed.").await.unwrap();
    app.type_into("note-covered-homework", "The mirror for Maggie; the six-second kiss together.").await.unwrap();
    app.type_into("note-data", NOTE_DATA).await.unwrap();
    app.type_into("note-assessment", NOTE_ASSESSMENT).await.unwrap();
    app.type_into("note-plan", NOTE_PLAN).await.unwrap();
    wait_note_saved(&app, "session 2's note").await;
    wait_attr_of(&app, "session-tab-2", "data-status", "draft").await;
    app.click("note-sign").await.expect("click Sign note");
    app.click("confirm-ok").await.expect("confirm signing");
    let badge = app.wait_for_text("note-signed", COUNSELLOR_NAME, default_timeout()).await.expect("the signed badge");
    println!("session 2 signed: {badge:?}");
    wait_attr_of(&app, "session-tab-2", "data-status", "signed").await;
    assert!(!app.is_present("note-sign").await.unwrap(), "no Sign button once signed");
    let editable = app
        .execute(
            r#"return ['note-data', 'note-assessment', 'note-plan', 'note-covered-homework'].map((id) => {
                   const e = document.querySelector(`[data-testid="session-panel"] [data-testid="${id}"]`);
                   if (!e) return false;
                   return e.matches('input, textarea, select') ? !(e.disabled || e.readOnly) : e.isContentEditable; });"#,
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(editable, json!([false, false, false, false]), "a signed note is read-only");
    assert!(!app.is_present("session-item-remove").await.unwrap(), "a signed session's plan cannot change");
    assert!(app.is_present("note-addendum-text").await.unwrap(), "a signed note takes addenda");

    // 4. Session 3: review the mirror (done) and the kiss (partly).
    open_session(&app, 3).await;
    let mirror_review = row("review-row", "data-slug", "hw_mirror");
    let kiss_review = row("review-row", "data-slug", "hw_six_second_kiss");
    wait_row(&app, mirror_review).await;
    wait_row(&app, kiss_review).await;
    assert_eq!(attrs(&app, "review-row", "data-slug").await.len(), 2, "session 3 reviews session 2's homework only");
    click_in(&app, mirror_review, "review-outcome-done").await;
    type_in(&app, mirror_review, "review-comfort", "8").await;
    type_in(&app, mirror_review, "review-helped", MIRROR_HELPED).await;
    click_in(&app, mirror_review, "review-save").await;
    wait_attr(&app, mirror_review, "data-reviewed", "true").await;
    click_in(&app, kiss_review, "review-outcome-partly").await;
    type_in(&app, kiss_review, "review-comfort", "5").await;
    type_in(&app, kiss_review, "review-hard", KISS_HARD).await;
    click_in(&app, kiss_review, "review-save").await;
    wait_attr(&app, kiss_review, "data-reviewed", "true").await;

    // The progress view.
    app.click("course-tab-progress").await.expect("the progress tab");
    app.wait_for("progress", default_timeout()).await.expect("the progress view opens");
    wait_attr(&app, row("progress-session", "data-number", "1"), "data-status", "held").await;
    wait_attr(&app, row("progress-session", "data-number", "2"), "data-status", "held").await;
    let timeline = attrs(&app, "progress-session", "data-status").await;
    assert_eq!(timeline.len(), 6, "six sessions in the timeline: {timeline:?}");
    println!("progress timeline: {timeline:?}");
    wait_attr(&app, row("progress-thread", "data-thread", "closeness"), "data-done-percent", "50").await;
    wait_attr(&app, row("progress-thread", "data-thread", "other"), "data-done-percent", "100").await;
    let next = app.text_of("progress-next").await.expect("what is next");
    println!("progress next: {next:?}");
    assert!(next.to_lowercase().contains("session 3"), "the next session is session 3: {next:?}");
    let progress_shot = app.screenshot("progress").await.unwrap();
    println!("screenshot, progress: {}", progress_shot.display());

    let page = call(&app, "open_course", json!({ "personId": maggie_id })).await;
    let threads = page["progress"]["threads"].as_array().expect("threads");
    let closeness = threads.iter().find(|t| t["thread"] == "closeness").expect("the closeness thread");
    assert_eq!(closeness["donePercent"], json!(50), "Rust: closeness {closeness}");
    assert_eq!(closeness["partly"], json!(1), "Rust: closeness {closeness}");
    assert_eq!(page["progress"]["sessionsHeld"], json!(2));

    // 5. Reception sees no course, and Rust refuses.
    flows::sign_out(&app).await.expect("counsellor signs out");
    flows::first_sign_in(&app, RECEPTION_USERNAME, RECEPTION_TEMP_PASSWORD, RECEPTION_PASSWORD, RECEPTION_NAME)
        .await
        .expect("reception signs in and chooses a password");
    flows::open_person(&app, "Maggie", "Maggie Okafor").await.expect("reception opens Maggie's page");
    app.wait_for_text("relationship-card", "David Okafor", default_timeout()).await.expect("her page is fully shown");
    assert!(!app.is_present("person-open-chart").await.unwrap(), "reception has no Open chart");
    assert!(!app.is_present("chart-open-course").await.unwrap(), "reception has no course button");
    assert!(!app.is_present("course-view").await.unwrap(), "reception sees no course");
    // Reception may print the take-home sheet (its content never reaches the page): the button's
    // own label is the one place the word "homework" may appear.
    assert!(app.is_present("person-print-homework").await.unwrap(), "reception can print the homework sheet");
    let text = page_text(&app).await.replace("print homework sheet", "");
    for word in ["course", "homework", "mirror", "kiss", "estrogen", "session 2"] {
        assert!(!text.contains(word), "reception's page must show no course, but it mentions {word:?}:\n{text}");
    }
    let opened = app.invoke_raw("open_course", json!({ "personId": maggie_id })).await.expect("invoke open_course");
    let refusal = opened.expect_err("open_course must be refused for reception");
    assert_eq!(refusal["kind"], "forbidden", "open_course as reception: {refusal}");
    assert_eq!(refusal["message"], FORBIDDEN, "open_course as reception: {refusal}");
    let suggested =
        app.invoke_raw("suggest_for_session", json!({ "sessionId": s2 })).await.expect("invoke suggest_for_session");
    assert_eq!(suggested.expect_err("suggestions are clinical")["kind"], "forbidden");

    // 6. Close the app and open it again: the signed note and the reviews are still there.
    let app = app.relaunch(&profile).await.expect("relaunch Rekindle");
    flows::sign_in(&app, COUNSELLOR_USERNAME, COUNSELLOR_PASSWORD, COUNSELLOR_NAME)
        .await
        .expect("counsellor signs in after the restart");
    open_course_view(&app).await;
    app.click("course-tab-plan").await.expect("the plan tab");
    wait_attr_of(&app, "session-tab-1", "data-status", "signed").await;
    wait_attr_of(&app, "session-tab-2", "data-status", "signed").await;
    open_session(&app, 2).await;
    app.wait_for_text("note-signed", COUNSELLOR_NAME, default_timeout()).await.expect("session 2 is still signed");
    assert_eq!(app.prop_of("note-data", "value").await.unwrap().as_deref(), Some(NOTE_DATA), "the note kept");
    let override_text = text_in(&app, estrogen, "session-item-override").await;
    assert!(override_text.contains(OVERRIDE_REASON), "the override kept: {override_text:?}");
    open_session(&app, 3).await;
    wait_attr(&app, mirror_review, "data-reviewed", "true").await;
    wait_attr(&app, kiss_review, "data-reviewed", "true").await;
    let mirror_result = text_in(&app, mirror_review, "review-result").await;
    assert!(mirror_result.contains("Done, comfort 8 of 10"), "the mirror's review kept: {mirror_result:?}");
    let kiss_result = text_in(&app, kiss_review, "review-result").await;
    assert!(kiss_result.contains("Partly, comfort 5 of 10"), "the kiss's review kept: {kiss_result:?}");
    assert_eq!(prop_in(&app, mirror_review, "review-outcome-done", "checked").await.as_deref(), Some("true"));
    assert_eq!(prop_in(&app, kiss_review, "review-outcome-partly", "checked").await.as_deref(), Some("true"));
    assert_eq!(prop_in(&app, mirror_review, "review-comfort", "value").await.as_deref(), Some("8"));
    assert_eq!(prop_in(&app, kiss_review, "review-comfort", "value").await.as_deref(), Some("5"));
    assert_eq!(prop_in(&app, mirror_review, "review-helped", "value").await.as_deref(), Some(MIRROR_HELPED));
    assert_eq!(prop_in(&app, kiss_review, "review-hard", "value").await.as_deref(), Some(KISS_HARD));
    app.click("course-tab-progress").await.expect("the progress tab after the restart");
    wait_attr(&app, row("progress-thread", "data-thread", "closeness"), "data-done-percent", "50").await;
    wait_attr(&app, row("progress-thread", "data-thread", "other"), "data-done-percent", "100").await;

    // 7. The counsellor rewords the mirror exercise in the library: a new version, while
    // session 2's plan keeps showing what was given, marked as an older version.
    app.click("nav-library").await.expect("open the library");
    app.wait_for("library-view", default_timeout()).await.expect("the library view opens");
    app.type_into("library-search", "mirror").await.expect("search the library");
    click_row(&app, row("library-item", "data-slug", "hw_mirror")).await;
    app.wait_for_text("library-version", "Version 1", default_timeout())
        .await
        .expect("the mirror exercise is version 1");
    app.click("library-edit").await.expect("edit the item");
    app.type_into("library-title", "").await.expect("clear the title");
    app.click("library-save").await.expect("save with no title");
    app.wait_for_text("library-form", "Title is required", default_timeout())
        .await
        .expect("a missing title is named at the field");
    app.type_into("library-title", "Mirror time").await.expect("type the new title");
    app.click("library-save").await.expect("save as a new version");
    app.wait_for_text("library-version", "Version 2", default_timeout()).await.expect("the edit is version 2");
    open_course_view(&app).await;
    app.click("course-tab-plan").await.expect("the plan tab");
    open_session(&app, 2).await;
    let mirror_row = wait_row(&app, row("session-item", "data-slug", "hw_mirror")).await;
    assert!(mirror_row.contains("v1 (now v2)"), "session 2 keeps version 1 of the mirror exercise: {mirror_row:?}");
    assert!(!mirror_row.contains("Mirror time"), "session 2 shows the title it gave: {mirror_row:?}");

    app.close().await.expect("close the app");
    println!("counsellor_plans_sessions_reviews_homework_and_sees_progress: {:.1?}", started.elapsed());
}
