//! The intake, cautions and measures: saved by section, locked by signing, clinical only.

use rekindle_core::access::Role;
use rekindle_core::chart;
use rekindle_core::intake::{self, Diagnosis, Health, IntakeSection, Medical, Pain, Treatment};
use rekindle_core::measures::{self, Answer, MeasureInput};
use rekindle_core::people::{self, ClientInput};
use rekindle_core::session::{self, Session};
use rekindle_core::{cautions, Error};
use tempfile::TempDir;

use crate::support::*;

/// A clinic with a counsellor `jordan` signed in and a client on file; returns the client's id.
fn counsellor_with_client() -> (TempDir, Session, i64) {
    let (dir, mut admin, _) = clinic();
    add_account(&mut admin, "jordan", &[Role::Counsellor]);
    add_account(&mut admin, "frankie", &[Role::Reception]);
    admin.sign_out(now()).unwrap();
    let mut s = session::sign_in(dir.path(), "jordan", DESK_PW, now()).unwrap();
    let c = ClientInput { given_name: "Margaret".into(), family_name: Some("Okafor".into()), ..ClientInput::default() };
    let id = s.write(|tx, a| people::register_client(tx, a, &c, today(), now())).unwrap().id;
    (dir, s, id)
}

fn breast_cancer_on_an_aromatase_inhibitor() -> Medical {
    Medical {
        diagnoses: vec![Diagnosis {
            diagnosis: "breast".into(),
            stage: Some("II".into()),
            diagnosed_on: Some("2024-03-10".into()),
            ..Diagnosis::default()
        }],
        treatments: vec![
            Treatment {
                kind: "mastectomy".into(),
                status: "finished".into(),
                started_on: Some("2024-04-02".into()),
                ended_on: Some("2024-04-02".into()),
                ..Treatment::default()
            },
            Treatment {
                kind: "hormonal".into(),
                agent_class: Some("aromatase_inhibitor".into()),
                status: "ongoing".into(),
                started_on: Some("2024-06-01".into()),
                ..Treatment::default()
            },
        ],
        hormone_receptor_positive: "yes".into(),
        clearance: "yes".into(),
        clearance_by: Some("Dr Lee, oncologist".into()),
        clearance_on: Some("2026-09-01".into()),
        notes: None,
    }
}

fn save(s: &mut Session, intake_id: i64, section: IntakeSection) -> Result<intake::Saved, Error> {
    s.write(|tx, a| intake::autosave(tx, a, intake_id, &section, today(), now()))
}

fn open(s: &mut Session, person: i64) -> chart::Chart {
    s.open_record(|tx, a| chart::open(tx, a, person, now())).unwrap()
}

fn synchronous(s: &Session) -> i64 {
    s.connection().query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap()
}

#[test]
fn the_medical_section_raises_the_estrogen_caution_with_its_reasons_as_it_saves() {
    let (_dir, mut s, client) = counsellor_with_client();
    let chart = open(&mut s, client);
    assert!(
        chart.cautions.iter().any(|c| c.code == cautions::code::NO_CLEARANCE),
        "a new intake has no clearance recorded"
    );
    let saved =
        save(&mut s, chart.intake.id, IntakeSection::Medical(breast_cancer_on_an_aromatase_inhibitor())).unwrap();
    let codes: Vec<&str> = saved.cautions.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(codes, vec![cautions::code::AVOID_ESTROGEN], "cleared, so only the estrogen caution remains");
    assert_eq!(
        saved.cautions[0].reasons.len(),
        3,
        "breast cancer, receptor status and the aromatase inhibitor: {:?}",
        saved.cautions[0].reasons
    );
    let again = open(&mut s, client);
    assert_eq!(again.intake.medical, breast_cancer_on_an_aromatase_inhibitor(), "the section reads back exactly");
}

#[test]
fn a_bad_section_is_refused_whole_and_others_still_save() {
    let (_dir, mut s, client) = counsellor_with_client();
    let id = open(&mut s, client).intake.id;
    let mut m = breast_cancer_on_an_aromatase_inhibitor();
    m.treatments[0].ended_on = Some("2024-01-01".into()); // before its start
    m.diagnoses[0].diagnosed_on = Some("2030-01-01".into()); // in the future
    let fields = fields_of(save(&mut s, id, IntakeSection::Medical(m)));
    assert_eq!(fields, vec!["medical.diagnoses.0.diagnosedOn", "medical.treatments.0.endedOn"]);
    let pain = Pain { during_sex: true, intensity: Some(11), ..Pain::default() };
    assert_eq!(fields_of(save(&mut s, id, IntakeSection::Pain(pain))), vec!["pain.intensity"]);
    let chart = open(&mut s, client);
    assert!(chart.intake.medical.diagnoses.is_empty() && chart.intake.pain.intensity.is_none(), "nothing half written");
    let health = Health { latex_allergy: true, lymphoedema_side: "left".into(), ..Health::default() };
    save(&mut s, id, IntakeSection::Health(health)).unwrap();
    assert!(open(&mut s, client).intake.health.latex_allergy);
}

#[test]
fn a_signed_intake_is_locked_and_corrections_are_dated_addenda() {
    let (_dir, mut s, client) = counsellor_with_client();
    let id = open(&mut s, client).intake.id;
    save(&mut s, id, IntakeSection::Medical(breast_cancer_on_an_aromatase_inhibitor())).unwrap();
    let signed = s.write(|tx, a| intake::sign(tx, a, id, now())).unwrap();
    assert!(signed.signed);
    assert_eq!(signed.signed_by.as_deref(), Some("jordan (test)"));
    let edit = save(&mut s, id, IntakeSection::Health(Health { lymphoedema_side: "none".into(), ..Health::default() }));
    assert!(matches!(edit, Err(Error::Conflict(_))), "{edit:?}");
    let with = s
        .write(|tx, a| intake::add_addendum(tx, a, id, "Stage corrected to IIA after the pathology letter.", now()))
        .unwrap();
    assert_eq!(with.addenda.len(), 1);
    assert_eq!(with.addenda[0].author, "jordan (test)");
    assert_eq!(with.medical.diagnoses[0].stage.as_deref(), Some("II"), "the signed text itself never changes");
    assert_eq!(fields_of(s.write(|tx, a| intake::add_addendum(tx, a, id, "  ", now()))), vec!["text"]);
}

#[test]
fn phq9_with_item_9_needs_an_acknowledgement_that_is_recorded() {
    let (_dir, mut s, client) = counsellor_with_client();
    let mut answers: Vec<Answer> = (1..=9).map(|n| Answer { item_number: n, value: Some(1) }).collect();
    answers[8].value = Some(1);
    let input = MeasureInput { instrument: "phq9".into(), taken_on: today().to_string(), answers };
    let r = s.write(|tx, a| measures::record(tx, a, client, &input, today(), now())).unwrap();
    assert_eq!((r.total, r.band.as_str(), r.max_total), (9, "Mild", 27));
    assert!(r.alert.is_some() && !r.acknowledged);
    let r = s.write(|tx, a| measures::acknowledge_alert(tx, a, r.id, now())).unwrap();
    assert!(r.acknowledged);
    assert_eq!(count(&s, "SELECT count(*) FROM audit_log WHERE action = 'measure.acknowledge_alert'"), 1);
    let trend = open(&mut s, client).measures;
    assert_eq!(trend.len(), 1);
}

#[test]
fn an_incomplete_questionnaire_gets_no_score_and_saves_nothing() {
    let (_dir, mut s, client) = counsellor_with_client();
    let mut answers: Vec<Answer> = (1..=7).map(|n| Answer { item_number: n, value: Some(2) }).collect();
    answers[2].value = None;
    let input = MeasureInput { instrument: "gad7".into(), taken_on: "2099-01-01".into(), answers };
    let mut f = fields_of(s.write(|tx, a| measures::record(tx, a, client, &input, today(), now())));
    f.sort();
    assert_eq!(f, vec!["answers.3", "takenOn"]);
    assert_eq!(count(&s, "SELECT count(*) FROM measure_results"), 0);
}

#[test]
fn an_override_keeps_the_caution_visible_with_its_reason() {
    let (_dir, mut s, client) = counsellor_with_client();
    let id = open(&mut s, client).intake.id;
    save(&mut s, id, IntakeSection::Medical(breast_cancer_on_an_aromatase_inhibitor())).unwrap();
    let r = s.write(|tx, a| cautions::record_override(tx, a, client, "avoid_estrogen", "", now()));
    assert_eq!(fields_of(r), vec!["reason"]);
    s.write(|tx, a| {
        cautions::record_override(
            tx,
            a,
            client,
            "avoid_estrogen",
            "Oncologist approved vaginal estrogen on 2026-11-01.",
            now(),
        )
    })
    .unwrap();
    let c = open(&mut s, client).cautions.into_iter().find(|c| c.code == "avoid_estrogen").unwrap();
    let o = c.overridden.expect("the override is shown with the caution");
    assert_eq!(o.reason, "Oncologist approved vaginal estrogen on 2026-11-01.");
    assert_eq!(o.recorded_by, "jordan (test)");
}

#[test]
fn reception_is_refused_every_clinical_read_and_write() {
    let (dir, mut s, client) = counsellor_with_client();
    let id = open(&mut s, client).intake.id;
    s.sign_out(now()).unwrap();
    let mut desk = session::sign_in(dir.path(), "frankie", DESK_PW, now()).unwrap();
    assert!(matches!(desk.write(|tx, a| chart::open(tx, a, client, now())), Err(Error::Forbidden)));
    assert!(matches!(save(&mut desk, id, IntakeSection::Health(Health::default())), Err(Error::Forbidden)));
    assert!(matches!(desk.write(|tx, a| intake::sign(tx, a, id, now())), Err(Error::Forbidden)));
    assert!(matches!(desk.read(intake::checklists), Err(Error::Forbidden)));
    assert!(matches!(
        desk.write(|tx, a| intake::add_checklist_item(tx, a, "side_effect", "Bleeding", None)),
        Err(Error::Forbidden)
    ));
    assert!(matches!(desk.read(measures::instruments), Err(Error::Forbidden)));
    let input = MeasureInput {
        instrument: "pain_nrs".into(),
        taken_on: today().to_string(),
        answers: vec![Answer { item_number: 1, value: Some(3) }],
    };
    assert!(matches!(
        desk.write(|tx, a| measures::record(tx, a, client, &input, today(), now())),
        Err(Error::Forbidden)
    ));
    assert!(matches!(
        desk.write(|tx, a| cautions::record_override(tx, a, client, "avoid_estrogen", "x", now())),
        Err(Error::Forbidden)
    ));
    // The client's non-clinical details stay available at the desk.
    assert!(desk.read(|c, a| people::detail(c, a, client)).is_ok());
}

#[test]
fn every_chart_read_is_audited_with_who_and_whom_and_no_content() {
    let (_dir, mut s, client) = counsellor_with_client();
    open(&mut s, client);
    open(&mut s, client);
    let me = s.info().account_id;
    let reads: i64 = s
        .connection()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'chart.read' AND person_id = ?1 AND account_id = ?2",
            [client, me],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(reads, 2);
    let id = open(&mut s, client).intake.id;
    save(&mut s, id, IntakeSection::Medical(breast_cancer_on_an_aromatase_inhibitor())).unwrap();
    assert_eq!(
        count(&s, "SELECT count(*) FROM audit_log WHERE detail LIKE '%breast%' OR detail LIKE '%aromatase%'"),
        0
    );
}

/// `synchronous` as the next change's transaction sees it, the setting its commit uses.
fn synchronous_of_next_change(s: &mut Session) -> i64 {
    s.write(|tx, _| Ok(tx.query_row("PRAGMA synchronous", [], |r| r.get(0))?)).unwrap()
}

#[test]
fn opening_a_chart_leaves_every_later_change_synced_to_disk_even_when_the_open_fails() {
    const NORMAL: i64 = 1;
    const FULL: i64 = 2;
    let (_dir, mut s, client) = counsellor_with_client();
    assert_eq!(synchronous(&s), FULL);
    let id = open(&mut s, client).intake.id;
    assert_eq!(synchronous(&s), NORMAL, "a read's entry is committed without waiting for the disk");
    assert_eq!(synchronous_of_next_change(&mut s), FULL, "the intake saved next must wait for the disk");
    assert_eq!(count(&s, "SELECT count(*) FROM audit_log WHERE action = 'chart.read'"), 1);
    // A chart that is not there: refused, nothing written, and durable commits again after it.
    let missing = s.open_record(|tx, a| chart::open(tx, a, client + 1000, now()));
    assert!(matches!(missing, Err(Error::NotFound { .. })), "{missing:?}");
    assert_eq!(synchronous_of_next_change(&mut s), FULL);
    assert_eq!(count(&s, "SELECT count(*) FROM audit_log WHERE action = 'chart.read'"), 1);
    open(&mut s, client);
    save(&mut s, id, IntakeSection::Medical(breast_cancer_on_an_aromatase_inhibitor())).unwrap();
    assert_eq!(synchronous(&s), FULL, "the change switched back to durable commits");
    assert_eq!(count(&s, "SELECT count(*) FROM audit_log WHERE action = 'intake.save_section'"), 1);
}

#[test]
fn partners_of_the_client_appear_in_the_relationship_section() {
    use rekindle_core::intake::PartnerPerspective;
    use rekindle_core::people::PartnerInput;
    use rekindle_core::relationships::{self, NewRelationship};
    let (_dir, mut s, client) = counsellor_with_client();
    let rel = NewRelationship {
        structure: "married".into(),
        member_ids: vec![client],
        new_partners: vec![PartnerInput { given_name: "David".into(), ..PartnerInput::default() }],
        note: None,
    };
    let david = s
        .write(|tx, a| relationships::create(tx, a, &rel, now()))
        .unwrap()
        .members
        .into_iter()
        .find(|m| !m.is_client)
        .unwrap()
        .id;
    let chart = open(&mut s, client);
    assert_eq!(chart.intake.relationship.len(), 1);
    assert_eq!(chart.intake.relationship[0].name, "David");
    let p = PartnerPerspective {
        person_id: david,
        name: String::new(),
        perspective: Some("Holds back for fear of hurting her.".into()),
        attends: true,
        consent_to_contact: false,
    };
    save(&mut s, chart.intake.id, IntakeSection::Relationship(vec![p])).unwrap();
    let back = open(&mut s, client).intake.relationship;
    assert_eq!(back[0].perspective.as_deref(), Some("Holds back for fear of hurting her."));
    let stranger = PartnerPerspective { person_id: 999, ..PartnerPerspective::default() };
    assert_eq!(
        fields_of(save(&mut s, chart.intake.id, IntakeSection::Relationship(vec![stranger]))),
        vec!["relationship.0.personId"]
    );
}

#[test]
fn a_clinic_adds_its_own_checklist_item_and_the_form_and_rules_accept_it() {
    let (_dir, mut s, client) = counsellor_with_client();
    let item = s.write(|tx, a| intake::add_checklist_item(tx, a, "side_effect", "Bleeding after sex", None)).unwrap();
    assert_eq!(item.code, "clinic_bleeding_after_sex");
    let all = s.read(intake::checklists).unwrap();
    assert!(all.iter().any(|i| i.list == "side_effect" && i.label == "Bleeding after sex"));
    let id = open(&mut s, client).intake.id;
    let fx = vec![intake::SideEffect { code: item.code.clone(), severity: "moderate".into(), note: None }];
    save(&mut s, id, IntakeSection::SideEffects(fx)).unwrap();
    assert_eq!(open(&mut s, client).intake.side_effects[0].code, "clinic_bleeding_after_sex");
    let again = s.write(|tx, a| intake::add_checklist_item(tx, a, "side_effect", "bleeding after SEX", None));
    assert_eq!(fields_of(again), vec!["label"]);
    let no_group = s.write(|tx, a| intake::add_checklist_item(tx, a, "pain_cause", "Lichen sclerosus", None));
    assert_eq!(fields_of(no_group), vec!["group"], "pain causes belong to one of the five groups");
    s.write(|tx, a| intake::add_checklist_item(tx, a, "pain_cause", "Lichen sclerosus", Some("physical"))).unwrap();
}

#[test]
fn over_long_intake_text_is_refused_with_its_limit_and_nothing_is_saved() {
    use rekindle_core::intake::Goals;
    let (_dir, mut s, client) = counsellor_with_client();
    let id = open(&mut s, client).intake.id;
    let goals = Goals { goals: Some("g".repeat(10_000)), fertility_wish: "not_discussed".into(), ..Goals::default() };
    let errors = field_errors(save(&mut s, id, IntakeSection::Goals(goals)));
    assert_eq!(
        errors,
        vec![("goals.goals".to_string(), "Goals can be at most 2,000 characters (this has 10,000).".to_string())]
    );
    assert!(open(&mut s, client).intake.goals.goals.is_none());
}
