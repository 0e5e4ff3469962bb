//! Course plans, homework gating and overrides, session notes and reviews, progress.

use rekindle_core::access::Role;
use rekindle_core::chart;
use rekindle_core::intake::{self, IntakeSection};
use rekindle_core::library;
use rekindle_core::people;
use rekindle_core::planning::course::{self, Course, CourseInput, CoursePage, ItemInput};
use rekindle_core::planning::notes::{self, NoteInput, ReviewInput};
use rekindle_core::planning::{self, progress};
use rekindle_core::session::{self, Session};
use rekindle_core::Error;

use crate::support::*;

fn person(s: &Session, name: &str) -> i64 {
    s.read(|c, a| people::search(c, a, name, false)).unwrap()[0].id
}

fn item_id(s: &Session, slug: &str) -> i64 {
    s.read(library::current).unwrap().into_iter().find(|i| i.slug == slug).unwrap().id
}

fn course_of(page: CoursePage) -> Course {
    page.course.unwrap()
}

/// Maggie's course with David attending, started fresh (the demo's own course is finished
/// first so this test controls every step).
fn maggie_course(s: &mut Session) -> (Course, i64, i64) {
    let maggie = person(s, "Maggie");
    let david = person(s, "David Okafor");
    let rel = s.read(|c, a| people::detail(c, a, maggie)).unwrap().relationships[0].id;
    s.write(|tx, _| {
        tx.execute("UPDATE courses SET status = 'finished' WHERE person_id = ?1", [maggie])?;
        Ok(())
    })
    .unwrap();
    let input = CourseInput {
        goals: "Feel close again".into(),
        planned_sessions: 6,
        relationship_id: Some(rel),
        partner_ids: vec![david],
    };
    let c = course_of(s.write(|tx, a| course::create(tx, a, maggie, &input, now())).unwrap());
    (c, maggie, david)
}

fn add(
    s: &mut Session,
    session_id: i64,
    section: &str,
    slug: &str,
    who: Vec<i64>,
    reason: Option<&str>,
) -> Result<Course, Error> {
    let input = ItemInput {
        section: section.into(),
        item_id: Some(item_id(s, slug)),
        free_text: None,
        assignee_ids: who,
        override_reason: reason.map(str::to_owned),
    };
    s.write(|tx, a| course::add_item(tx, a, session_id, &input, now())).map(course_of)
}

fn write_and_sign(s: &mut Session, session_id: i64, attended: Vec<i64>) -> Course {
    let note = NoteInput {
        held_on: Some("2026-11-20".into()),
        attended,
        data: Some("Talked through the week.".into()),
        assessment: Some("Engaged.".into()),
        plan: Some("Continue.".into()),
        ..Default::default()
    };
    s.write(|tx, a| notes::save(tx, a, session_id, &note, today(), now())).unwrap();
    course_of(s.write(|tx, a| notes::sign(tx, a, session_id, now())).unwrap())
}

fn review(s: &mut Session, at: i64, item: i64, outcome: &str, comfort: i64) -> Course {
    let input = ReviewInput { outcome: outcome.into(), helped: None, hard: None, comfort: Some(comfort) };
    course_of(s.write(|tx, a| notes::review(tx, a, at, item, &input, now())).unwrap())
}

#[test]
fn a_course_opens_with_the_journey_and_every_session_has_the_four_parts_in_order() {
    let (_dir, mut s) = demo_counsellor();
    let (c, maggie, david) = maggie_course(&mut s);
    assert_eq!(c.sessions.len(), 6);
    assert!(c.sessions[0].journey && !c.sessions[1].journey);
    for session in &c.sessions {
        let order: Vec<&str> = session.sections.iter().map(|x| x.section.as_str()).collect();
        assert_eq!(order, ["education", "communication", "practical", "homework"]);
    }
    let people: Vec<i64> = c.attendees.iter().map(|a| a.person_id).collect();
    assert_eq!(people, vec![maggie, david]);
    // Added out of order, shown in order.
    let s2 = c.sessions[1].id;
    add(&mut s, s2, "homework", "hw_mirror", vec![maggie], None).unwrap();
    let c = add(&mut s, s2, "education", "edu_body_changes", vec![], None).unwrap();
    let titles: Vec<(&str, usize)> =
        c.sessions[1].sections.iter().map(|x| (x.section.as_str(), x.items.len())).collect();
    assert_eq!(titles, [("education", 1), ("communication", 0), ("practical", 0), ("homework", 1)]);
    // A second active course for the same client is refused.
    let again = s.write(|tx, a| {
        course::create(
            tx,
            a,
            maggie,
            &CourseInput { goals: "x".into(), planned_sessions: 3, relationship_id: None, partner_ids: vec![] },
            now(),
        )
    });
    assert!(matches!(again, Err(Error::Conflict(_))), "{again:?}");
}

#[test]
fn bad_plan_input_names_the_field_and_saves_nothing() {
    let (_dir, mut s) = demo_counsellor();
    let (c, maggie, _david) = maggie_course(&mut s);
    let before = count(&s, "SELECT COUNT(*) FROM session_items");
    let s2 = c.sessions[1].id;
    // Homework for nobody, an item in the wrong part, text and item together.
    assert_eq!(fields_of(add(&mut s, s2, "homework", "hw_mirror", vec![], None)), ["assigneeIds"]);
    assert_eq!(fields_of(add(&mut s, s2, "practical", "hw_mirror", vec![maggie], None)), ["section", "assigneeIds"]);
    let stranger = person(&s, "Tom");
    assert_eq!(fields_of(add(&mut s, s2, "homework", "hw_mirror", vec![stranger], None)), ["assigneeIds"]);
    let both = ItemInput {
        section: "education".into(),
        item_id: Some(item_id(&s, "edu_body_changes")),
        free_text: Some("and this".into()),
        assignee_ids: vec![],
        override_reason: None,
    };
    assert_eq!(fields_of(s.write(|tx, a| course::add_item(tx, a, s2, &both, now()))), ["freeText"]);
    let bad_course = CourseInput { goals: " ".into(), planned_sessions: 0, relationship_id: None, partner_ids: vec![] };
    assert_eq!(
        fields_of(s.write(|tx, a| course::update(tx, a, c.id, &bad_course, now()))),
        ["goals", "plannedSessions"]
    );
    assert_eq!(count(&s, "SELECT COUNT(*) FROM session_items"), before);
}

#[test]
fn an_estrogen_product_is_refused_for_maggie_unless_an_override_with_its_reason_is_recorded() {
    let (_dir, mut s) = demo_counsellor();
    let (c, _maggie, _david) = maggie_course(&mut s);
    let s2 = c.sessions[1].id;
    let refused = field_errors(add(&mut s, s2, "practical", "prac_vaginal_estrogen", vec![], None));
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].0, "overrideReason");
    assert!(refused[0].1.contains("estrogen"), "{}", refused[0].1);
    assert_eq!(count(&s, "SELECT COUNT(*) FROM session_items WHERE override_kind IS NOT NULL"), 0);
    // Estrogen-free moisturisers are fine.
    add(&mut s, s2, "practical", "prac_moisturisers", vec![], None).unwrap();
    let c = add(
        &mut s,
        s2,
        "practical",
        "prac_vaginal_estrogen",
        vec![],
        Some("Oncologist agreed in writing to low-dose vaginal estrogen."),
    )
    .unwrap();
    let given = c.sessions[1].sections[2].items.last().unwrap();
    let o = given.override_.as_ref().unwrap();
    assert_eq!(o.kind, "caution");
    assert!(o.reason.starts_with("Oncologist agreed"));
    assert!(!o.recorded_by.is_empty());
    assert_eq!(count(&s, "SELECT COUNT(*) FROM audit_log WHERE action = 'course.item_override'"), 1);
    // The audit entry names the caution, never the reason.
    let detail: String = s
        .connection()
        .query_row("SELECT detail FROM audit_log WHERE action = 'course.item_override'", [], |r| r.get(0))
        .unwrap();
    assert!(detail.contains("avoid_estrogen") && !detail.contains("Oncologist"), "{detail}");
}

#[test]
fn homework_moves_stage_by_stage_only_after_a_comfortable_review_and_sexual_touch_waits_for_clearance() {
    let (_dir, mut s) = demo_counsellor();
    let (c, maggie, david) = maggie_course(&mut s);
    let [s1, s2, s3, s4] = [c.sessions[0].id, c.sessions[1].id, c.sessions[2].id, c.sessions[3].id];
    let both = vec![maggie, david];
    // Step 2 before step 1 was done: held back by the stage.
    let early = field_errors(add(&mut s, s1, "homework", "hw_six_second_kiss", both.clone(), None));
    assert_eq!(early[0].0, "overrideReason");
    assert!(early[0].1.contains("step 1"), "{}", early[0].1);
    let c = add(&mut s, s1, "homework", "hw_daily_hug", both.clone(), None).unwrap();
    let hug = c.sessions[0].sections[3].items[0].id;
    write_and_sign(&mut s, s1, both.clone());
    // Reviewed as done but uncomfortable: step 2 still waits.
    review(&mut s, s2, hug, "done", 4);
    assert!(add(&mut s, s2, "homework", "hw_six_second_kiss", both.clone(), None).is_err());
    let c = review(&mut s, s2, hug, "done", 8);
    assert_eq!(progress::for_suggestions(&c).thread_steps_done.get("closeness"), Some(&1));
    let c = add(&mut s, s2, "homework", "hw_six_second_kiss", both.clone(), None).unwrap();
    assert!(c.sessions[1].sections[3].items[0].override_.is_none());
    // The touch thread, step by step.
    let c = add(&mut s, s2, "homework", "hw_touch_nonsexual", both.clone(), None).unwrap();
    let touch1 = c.sessions[1].sections[3].items[1].id;
    write_and_sign(&mut s, s2, both.clone());
    review(&mut s, s3, touch1, "done", 9);
    let c = add(&mut s, s3, "homework", "hw_touch_sensual", both.clone(), None).unwrap();
    let touch2 = c.sessions[2].sections[3].items[0].id;
    write_and_sign(&mut s, s3, both.clone());
    review(&mut s, s4, touch2, "done", 9);
    // Maggie's oncologist cleared sexual activity, so the sexual stage is now offered...
    let offered = s.write(|tx, a| planning::suggest_for_session(tx, a, s4, now())).unwrap();
    assert!(
        offered.iter().any(|x| x.slug == "hw_touch_sexual"),
        "sexual touch not offered after stage 2 with clearance"
    );
    // ...but not once the clearance is withdrawn from the intake.
    let chart = s.write(|tx, a| chart::open(tx, a, maggie, now())).unwrap();
    let mut medical = chart.intake.medical.clone();
    medical.clearance = "not_asked".into();
    medical.clearance_by = None;
    medical.clearance_on = None;
    s.write(|tx, a| intake::autosave(tx, a, chart.intake.id, &IntakeSection::Medical(medical), today(), now()))
        .unwrap();
    let offered = s.write(|tx, a| planning::suggest_for_session(tx, a, s4, now())).unwrap();
    assert!(!offered.iter().any(|x| x.slug == "hw_touch_sexual"), "sexual touch offered without clearance");
    let refused = field_errors(add(&mut s, s4, "homework", "hw_touch_sexual", both.clone(), None));
    assert!(refused[0].1.to_lowercase().contains("clearance"), "{}", refused[0].1);
    // With an override the step is given, and the override is kept on the item.
    let c =
        add(&mut s, s4, "homework", "hw_touch_sexual", both, Some("Surgeon cleared her verbally on 18 Nov.")).unwrap();
    assert_eq!(c.sessions[3].sections[3].items[0].override_.as_ref().unwrap().kind, "caution");
}

#[test]
fn a_signed_note_is_locked_and_corrections_are_addenda_and_progress_counts_reviews() {
    let (_dir, mut s) = demo_counsellor();
    let (c, maggie, david) = maggie_course(&mut s);
    let [s1, s2, s3] = [c.sessions[0].id, c.sessions[1].id, c.sessions[2].id];
    // Signing needs the note first.
    assert_eq!(fields_of(s.write(|tx, a| notes::sign(tx, a, s2, now()))), ["attended"]);
    let future = NoteInput { held_on: Some("2027-01-01".into()), attended: vec![maggie], ..Default::default() };
    assert_eq!(fields_of(s.write(|tx, a| notes::save(tx, a, s1, &future, today(), now()))), ["heldOn"]);
    write_and_sign(&mut s, s1, vec![maggie, david]);
    let c = add(&mut s, s2, "homework", "hw_mirror", vec![maggie], None).unwrap();
    let mirror = c.sessions[1].sections[3].items[0].id;
    let c = add(&mut s, s2, "homework", "hw_daily_hug", vec![maggie, david], None).unwrap();
    let hug = c.sessions[1].sections[3].items[1].id;
    let c = write_and_sign(&mut s, s2, vec![maggie, david]);
    assert_eq!(c.sessions[1].status, "signed");
    // Locked: the note, the plan.
    let again = NoteInput { attended: vec![maggie], ..Default::default() };
    assert!(matches!(s.write(|tx, a| notes::save(tx, a, s2, &again, today(), now())), Err(Error::Conflict(_))));
    assert!(matches!(add(&mut s, s2, "education", "edu_body_changes", vec![], None), Err(Error::Conflict(_))));
    let c = course_of(
        s.write(|tx, a| notes::add_addendum(tx, a, s2, "David came for the last ten minutes only.", now())).unwrap(),
    );
    assert_eq!(c.sessions[1].note.as_ref().unwrap().addenda.len(), 1);
    // At session 3: the homework of session 2 is due for review; one done, one partly.
    assert_eq!(c.sessions[2].review_due, vec![mirror, hug]);
    review(&mut s, s3, mirror, "done", 8);
    let c = review(&mut s, s3, hug, "partly", 5);
    // Session 3 gave no homework, and session 2's was reviewed at session 3: nothing is due at 4.
    assert_eq!(c.sessions[2].review_due, vec![mirror, hug]);
    assert!(c.sessions[3].review_due.is_empty(), "{:?}", c.sessions[3].review_due);
    assert_eq!(c.sessions[2].status, "draft", "reviews put session 3 under way");
    let p = progress::summarise(&c);
    assert_eq!(p.sessions_held, 2);
    assert_eq!(p.next_session.as_ref().map(|n| n.number), Some(3));
    let closeness = p.threads.iter().find(|t| t.thread == "closeness").unwrap();
    assert_eq!((closeness.given, closeness.done, closeness.partly, closeness.done_percent), (1, 0, 1, Some(0)));
    let other = p.threads.iter().find(|t| t.thread == "other").unwrap();
    assert_eq!((other.given, other.done, other.done_percent), (1, 1, Some(100)));
    // A review of homework not yet given earlier is refused.
    let late = ReviewInput { outcome: "done".into(), helped: None, hard: None, comfort: Some(11) };
    assert_eq!(fields_of(s.write(|tx, a| notes::review(tx, a, s3, mirror, &late, now()))), ["comfort"]);
}

#[test]
fn reception_cannot_read_or_change_a_course_and_reads_are_audited() {
    let (dir, mut s) = demo_counsellor();
    let (c, maggie, _) = maggie_course(&mut s);
    let reads = count(&s, "SELECT COUNT(*) FROM audit_log WHERE action = 'course.read'");
    s.write(|tx, a| course::open(tx, a, maggie, now())).unwrap();
    assert_eq!(count(&s, "SELECT COUNT(*) FROM audit_log WHERE action = 'course.read'"), reads + 1);
    s.sign_out(now()).unwrap();
    let mut desk = session::sign_in(dir.path(), "reception", DEMO_PW, now()).unwrap();
    assert!(desk.actor().has(Role::Reception));
    assert!(matches!(desk.write(|tx, a| course::open(tx, a, maggie, now())), Err(Error::Forbidden)));
    let note = NoteInput { attended: vec![maggie], ..Default::default() };
    assert!(matches!(
        desk.write(|tx, a| notes::save(tx, a, c.sessions[1].id, &note, today(), now())),
        Err(Error::Forbidden)
    ));
    assert!(matches!(
        desk.write(|tx, a| planning::suggest_for_session(tx, a, c.sessions[1].id, now())),
        Err(Error::Forbidden)
    ));
}

#[test]
fn maggies_suggestions_for_session_two_leave_out_what_the_session_already_holds() {
    let (_dir, mut s) = demo_counsellor();
    let (c, maggie, _) = maggie_course(&mut s);
    let s2 = c.sessions[1].id;
    let first = s.write(|tx, a| planning::suggest_for_session(tx, a, s2, now())).unwrap();
    let slugs: Vec<&str> = first.iter().map(|x| x.slug.as_str()).collect();
    assert!(slugs.contains(&"hw_mirror") && slugs.contains(&"prac_moisturisers"), "{slugs:?}");
    assert!(!slugs.contains(&"prac_vaginal_estrogen"), "{slugs:?}");
    let mirror = first.iter().find(|x| x.slug == "hw_mirror").unwrap();
    assert_eq!(mirror.session_section, "homework");
    assert!(mirror.reasons.iter().any(|r| r.contains("Body-image")), "{:?}", mirror.reasons);
    add(&mut s, s2, "homework", "hw_mirror", vec![maggie], None).unwrap();
    let after = s.write(|tx, a| planning::suggest_for_session(tx, a, s2, now())).unwrap();
    assert!(!after.iter().any(|x| x.slug == "hw_mirror"));
    assert_eq!(after.len(), first.len() - 1);
}

#[test]
fn an_old_plan_shows_the_version_it_gave_after_the_library_is_edited() {
    let (_dir, mut s) = demo_counsellor();
    let (c, maggie, _) = maggie_course(&mut s);
    let c = add(&mut s, c.sessions[1].id, "homework", "hw_mirror", vec![maggie], None).unwrap();
    let given = c.sessions[1].sections[3].items[0].library.clone().unwrap();
    let item = s.read(library::current).unwrap().into_iter().find(|i| i.slug == "hw_mirror").unwrap();
    let input = library::LibraryItemInput {
        title: "Mirror time".into(),
        purpose: item.purpose.clone(),
        steps: item.steps.clone(),
        frequency: item.frequency.clone(),
        stage: item.stage.clone(),
        participants: item.participants.clone(),
        tracking: item.tracking.clone(),
        handout_text: item.handout_text.clone(),
        tags: item.tags.clone(),
    };
    s.write(|tx, a| library::edit(tx, a, item.id, &input, now())).unwrap();
    let c = course_of(s.write(|tx, a| course::open(tx, a, maggie, now())).unwrap());
    let now_given = c.sessions[1].sections[3].items[0].library.clone().unwrap();
    assert_eq!(now_given.title, given.title);
    assert_eq!(now_given.version, given.version);
    assert_eq!(now_given.current_version, given.version + 1);
}

#[test]
fn the_demo_clinic_has_courses_part_way_through_that_follow_the_rules() {
    let (_dir, mut s) = demo_counsellor();
    let maggie = person(&s, "Maggie");
    let page = s.write(|tx, a| course::open(tx, a, maggie, now())).unwrap();
    let c = page.course.unwrap();
    let p = page.progress.unwrap();
    assert_eq!((p.sessions_held, p.sessions_planned), (3, 8));
    assert_eq!(p.next_session.as_ref().map(|n| n.number), Some(4));
    assert_eq!(c.attendees.len(), 2, "David attends");
    // Daily hug done, then the six-second kiss partly: half the closeness homework reviewed as done.
    let closeness = p.threads.iter().find(|t| t.thread == "closeness").unwrap();
    assert_eq!((closeness.reviewed, closeness.done, closeness.done_percent), (2, 1, Some(50)));
    // Every demo client with a course has signed notes, and no demo item needed an override.
    assert_eq!(count(&s, "SELECT COUNT(*) FROM courses"), 4);
    assert!(count(&s, "SELECT COUNT(*) FROM session_notes WHERE status = 'signed'") >= 7);
    assert_eq!(count(&s, "SELECT COUNT(*) FROM session_items WHERE override_kind IS NOT NULL"), 0);
}

#[test]
fn a_client_without_a_course_is_offered_the_intake_goals_to_start_one() {
    let (_dir, mut s) = demo_counsellor();
    let maggie = person(&s, "Maggie");
    s.write(|tx, _| {
        tx.execute("UPDATE courses SET status = 'finished' WHERE person_id = ?1", [maggie])?;
        Ok(())
    })
    .unwrap();
    let page = s.write(|tx, a| course::open(tx, a, maggie, now())).unwrap();
    assert!(page.course.is_none());
    let goals = page.intake_goals.unwrap();
    assert!(goals.contains("touched again"), "{goals}");
    // A partner who is not a client cannot have a course of their own.
    let david = person(&s, "David Okafor");
    let input = CourseInput { goals: "x".into(), planned_sessions: 3, relationship_id: None, partner_ids: vec![] };
    assert!(matches!(s.write(|tx, a| course::create(tx, a, david, &input, now())), Err(Error::Conflict(_))));
}

#[test]
fn a_clinic_adds_its_own_library_item_and_bad_input_names_the_field() {
    let (_dir, mut s) = demo_counsellor();
    let input = library::LibraryItemInput {
        title: "Walking together".into(),
        purpose: "Time side by side without pressure.".into(),
        steps: vec!["Walk for twenty minutes.".into(), "Talk about anything but illness.".into()],
        frequency: Some("Three times a week".into()),
        stage: "non_sexual".into(),
        participants: "partners".into(),
        tracking: Some("Tick each walk.".into()),
        handout_text: "Walk together three times this week.".into(),
        tags: vec![],
    };
    let item = s.write(|tx, a| library::create(tx, a, "homework", &input, now())).unwrap();
    assert_eq!((item.slug.as_str(), item.version), ("clinic_walking_together", 1));
    assert!(s.read(library::current).unwrap().iter().any(|i| i.id == item.id));
    let again = s.write(|tx, a| library::create(tx, a, "homework", &input, now())).unwrap();
    assert_eq!(again.slug, "clinic_walking_together_2");
    let before = count(&s, "SELECT COUNT(*) FROM library_items");
    let bad = library::LibraryItemInput { title: " ".into(), stage: "sexual".into(), ..input };
    assert_eq!(fields_of(s.write(|tx, a| library::create(tx, a, "homework", &bad, now()))), ["title", "tags"]);
    assert_eq!(count(&s, "SELECT COUNT(*) FROM library_items"), before, "nothing half written");
}
