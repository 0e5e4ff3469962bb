//! Session planning: the content library and the suggestions drawn from each demo intake.

use rekindle_core::chart::{self, Chart};
use rekindle_core::intake::{self, IntakeSection};
use rekindle_core::library;
use rekindle_core::people;
use rekindle_core::session::Session;
use rekindle_core::suggestions::{self, Progress, Suggestion};
use rekindle_core::{cautions, Error};

use crate::support::*;

fn chart_of(s: &mut Session, name: &str) -> Chart {
    let id = s.read(|c, a| people::search(c, a, name, false)).unwrap()[0].id;
    s.write(|tx, a| chart::open(tx, a, id, now())).unwrap()
}

fn suggestions(s: &Session, chart: &Chart, progress: &Progress) -> Vec<Suggestion> {
    s.read(|c, _| suggestions::for_chart(c, chart, progress)).unwrap()
}

fn slugs(list: &[Suggestion]) -> Vec<&str> {
    list.iter().map(|s| s.slug.as_str()).collect()
}

fn reasons<'a>(list: &'a [Suggestion], slug: &str) -> &'a [String] {
    list.iter().find(|s| s.slug == slug).map(|s| s.reasons.as_slice()).unwrap_or(&[])
}

/// Nothing a caution in force forbids may be suggested, whatever the rules say.
fn assert_nothing_forbidden(s: &Session, chart: &Chart, list: &[Suggestion]) {
    let items = s.read(|c, _| library::current_unchecked_for_tests(c)).unwrap();
    for sug in list {
        let item = items.iter().find(|i| i.id == sug.item_id).unwrap();
        let blocked = s
            .read(|c, _| library::blocking_caution(c, item, &chart.cautions).map(|b| b.map(|b| b.code.clone())))
            .unwrap();
        assert_eq!(blocked, None, "{} was suggested although a caution forbids it", sug.slug);
    }
}

#[test]
fn the_library_has_the_sections_and_sizes_the_clinic_needs() {
    let (_dir, s) = demo_counsellor();
    let items = s.read(library::current).unwrap();
    let count = |section: &str| items.iter().filter(|i| i.section == section).count();
    assert!(count("education") >= 8, "education: {}", count("education"));
    assert!(count("communication") >= 8, "communication: {}", count("communication"));
    assert_eq!(count("acceptance"), 5);
    assert!(count("practical") >= 8, "practical: {}", count("practical"));
    assert!(count("homework") >= 18, "homework: {}", count("homework"));
    for i in &items {
        assert!(
            !i.title.is_empty() && !i.purpose.is_empty() && !i.steps.is_empty() && !i.handout_text.is_empty(),
            "{} is incomplete",
            i.slug
        );
        if i.section == "homework" {
            assert!(i.frequency.is_some() && i.tracking.is_some(), "{} needs how often and how to track", i.slug);
        }
        if i.stage == "sexual" {
            assert!(i.tags.iter().any(|t| t == "needs_clearance"), "{} is sexual but not gated on clearance", i.slug);
        }
    }
    let estrogen: Vec<&str> =
        items.iter().filter(|i| i.tags.iter().any(|t| t == "contains_estrogen")).map(|i| i.slug.as_str()).collect();
    assert_eq!(estrogen, vec!["prac_vaginal_estrogen"]);
    for i in items.iter().filter(|i| i.section == "homework" || i.section == "practical") {
        let text = i.handout_text.to_lowercase();
        assert!(!text.contains("cancer"), "{}: handout text must stay discreet", i.slug);
    }
}

#[test]
fn maggie_gets_dryness_help_without_any_estrogen_product_and_is_told_why() {
    let (_dir, mut s) = demo_counsellor();
    let chart = chart_of(&mut s, "Margaret Okafor");
    let list = suggestions(&s, &chart, &Progress::default());
    let got = slugs(&list);
    for want in [
        "edu_treatment_effects",
        "edu_vaginal_dryness",
        "prac_lubricants",
        "prac_moisturisers",
        "edu_estrogen_caution",
        "hw_mirror",
        "com_i_feel_statements",
        "com_regular_checkins",
        "edu_painful_sex_causes",
        "hw_cuddling",
        "hw_present_moment",
        "hw_touch_nonsexual",
        "hw_daily_hug",
    ] {
        assert!(got.contains(&want), "Maggie should be offered {want}; got {got:?}");
    }
    assert!(!got.contains(&"prac_vaginal_estrogen"), "the estrogen caution forbids vaginal estrogen");
    assert_eq!(reasons(&list, "prac_lubricants"), ["Vaginal dryness is recorded.".to_string()]);
    assert_eq!(reasons(&list, "com_i_feel_statements"), ["A partner is holding back.".to_string()]);
    assert!(!got.contains(&"hw_touch_sensual"), "the second touch stage waits for the first");
    assert_nothing_forbidden(&s, &chart, &list);
}

#[test]
fn the_same_dryness_without_the_caution_does_offer_vaginal_estrogen_and_an_override_allows_it() {
    let (_dir, mut s) = demo_counsellor();
    let maggie = chart_of(&mut s, "Margaret Okafor");
    let with_override = {
        s.write(|tx, a| {
            cautions::record_override(
                tx,
                a,
                maggie.person_id,
                "avoid_estrogen",
                "Oncologist approved vaginal estrogen on 2026-11-01.",
                now(),
            )
        })
        .unwrap();
        chart_of(&mut s, "Margaret Okafor")
    };
    let list = suggestions(&s, &with_override, &Progress::default());
    assert!(slugs(&list).contains(&"prac_vaginal_estrogen"), "a recorded override lifts the caution for suggestions");
    // Another client with dryness and no estrogen caution at all.
    let kavya = chart_of(&mut s, "Kavya Gowda");
    let fx = vec![intake::SideEffect { code: "vaginal_dryness".into(), severity: "moderate".into(), note: None }];
    s.write(|tx, a| intake::save_section(tx, a, kavya.intake.id, &IntakeSection::SideEffects(fx), today(), now()))
        .unwrap();
    let kavya = chart_of(&mut s, "Kavya Gowda");
    let list = suggestions(&s, &kavya, &Progress::default());
    assert!(slugs(&list).contains(&"prac_vaginal_estrogen"));
    assert!(!slugs(&list).contains(&"edu_estrogen_caution"));
}

#[test]
fn tom_gets_erection_education_a_referral_and_help_for_a_partner_holding_back() {
    let (_dir, mut s) = demo_counsellor();
    let chart = chart_of(&mut s, "Thomas Brennan");
    let list = suggestions(&s, &chart, &Progress::default());
    let got = slugs(&list);
    for want in [
        "edu_erectile_changes",
        "edu_intimacy_vs_sex",
        "prac_specialist_referral",
        "com_i_feel_statements",
        "hw_checkin_question",
        "edu_fatigue_and_desire",
    ] {
        assert!(got.contains(&want), "Tom should be offered {want}; got {got:?}");
    }
    assert!(!got.contains(&"edu_vaginal_dryness") && !got.contains(&"prac_vaginal_estrogen"));
    assert_eq!(
        reasons(&list, "prac_specialist_referral"),
        ["Erectile difficulties are severe: a sexual-medicine specialist can offer treatments.".to_string()]
    );
    assert_nothing_forbidden(&s, &chart, &list);
}

#[test]
fn priya_gets_the_acceptance_steps_one_per_session() {
    let (_dir, mut s) = demo_counsellor();
    let chart = chart_of(&mut s, "Priya Raman");
    let first = suggestions(&s, &chart, &Progress::default());
    assert!(slugs(&first).contains(&"act_present_moment"));
    assert!(!slugs(&first).contains(&"act_defusion"), "one step at a time");
    let mut progress = Progress::default();
    progress.thread_steps_done.insert("acceptance".into(), 1);
    let second = suggestions(&s, &chart, &progress);
    assert!(slugs(&second).contains(&"act_defusion") && !slugs(&second).contains(&"act_present_moment"));
    assert_eq!(
        reasons(&second, "act_defusion"),
        ["Living with a chronic illness: the acceptance steps, one per session.".to_string()]
    );
}

#[test]
fn daniel_single_and_worried_about_disclosure_gets_rehearsal_and_no_partner_homework() {
    let (_dir, mut s) = demo_counsellor();
    let chart = chart_of(&mut s, "Daniel Kim");
    let list = suggestions(&s, &chart, &Progress::default());
    let got = slugs(&list);
    for want in ["com_disclosure_rehearsal", "hw_disclosure_rehearsal", "hw_mirror", "hw_values_writing"] {
        assert!(got.contains(&want), "Daniel should be offered {want}; got {got:?}");
    }
    assert!(
        !got.contains(&"hw_cuddling") && !got.contains(&"hw_daily_hug") && !got.contains(&"com_i_feel_statements"),
        "no partner homework for a client seen alone: {got:?}"
    );
}

#[test]
fn the_sexual_touch_stage_is_offered_only_after_the_sensual_one_and_only_with_clearance() {
    let (_dir, mut s) = demo_counsellor();
    let chart = chart_of(&mut s, "Margaret Okafor");
    let mut progress = Progress::default();
    progress.thread_steps_done.insert("touch".into(), 2);
    let cleared = suggestions(&s, &chart, &progress);
    assert!(slugs(&cleared).contains(&"hw_touch_sexual"), "cleared, and the first two stages reviewed as done");
    // Same client without clearance.
    let mut medical = chart.intake.medical.clone();
    medical.clearance = "not_asked".into();
    s.write(|tx, a| intake::save_section(tx, a, chart.intake.id, &IntakeSection::Medical(medical), today(), now()))
        .unwrap();
    let uncleared = chart_of(&mut s, "Margaret Okafor");
    let list = suggestions(&s, &uncleared, &progress);
    assert!(!slugs(&list).contains(&"hw_touch_sexual"), "sexual homework waits for clearance");
    assert_nothing_forbidden(&s, &uncleared, &list);
}

#[test]
fn editing_an_item_adds_a_version_and_the_old_one_stays_readable() {
    let (_dir, mut s) = demo_counsellor();
    let items = s.read(library::current).unwrap();
    let mirror = items.iter().find(|i| i.slug == "hw_mirror").unwrap().clone();
    let input = library::LibraryItemInput {
        title: "Mirror kindness".into(),
        purpose: mirror.purpose.clone(),
        steps: mirror.steps.clone(),
        frequency: mirror.frequency.clone(),
        stage: mirror.stage.clone(),
        participants: mirror.participants.clone(),
        tracking: mirror.tracking.clone(),
        handout_text: mirror.handout_text.clone(),
        tags: mirror.tags.clone(),
    };
    let v2 = s.write(|tx, a| library::edit(tx, a, mirror.id, &input, now())).unwrap();
    assert_eq!((v2.version, v2.title.as_str()), (mirror.version + 1, "Mirror kindness"));
    let old = s.read(|c, _| library::at_version(c, mirror.id, mirror.version)).unwrap();
    assert_eq!(old.title, mirror.title, "what an old plan gave is still there");
    let bad = library::LibraryItemInput { stage: "sexual".into(), tags: vec![], ..input };
    let r = s.write(|tx, a| library::edit(tx, a, mirror.id, &bad, now()));
    assert!(matches!(r, Err(Error::Validation(ref v)) if v.iter().any(|f| f.field == "tags")), "{r:?}");
}
