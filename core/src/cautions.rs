//! Cautions: what the intake says the counsellor must respect, each with the reason it fired.
//!
//! `compute` is pure: the same intake always gives the same cautions. A counsellor may record
//! an override with its reason (for example "oncologist approved vaginal estrogen on ..."); the
//! caution stays visible, marked as overridden, and the override is kept for good.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Transaction};
use serde::Serialize;
use ts_rs::TS;

use crate::access::{Actor, Permission};
use crate::audit::{self, action};
use crate::error::Result;
use crate::intake::Intake;
use crate::people;
use crate::validate::Checker;

/// Stable codes: later rules (suggestions, handouts) refer to these.
pub mod code {
    pub const AVOID_ESTROGEN: &str = "avoid_estrogen";
    pub const NO_CLEARANCE: &str = "no_clearance";
    pub const PELVIC_RADIATION: &str = "pelvic_radiation";
    pub const ON_CHEMOTHERAPY: &str = "on_chemotherapy";
    pub const OSTOMY: &str = "ostomy";
    pub const LYMPHOEDEMA: &str = "lymphoedema";
    pub const LATEX_ALLERGY: &str = "latex_allergy";
    pub const SEE_DOCTOR_FIRST: &str = "see_doctor_first";
    pub const ALL: [&str; 8] = [
        AVOID_ESTROGEN,
        NO_CLEARANCE,
        PELVIC_RADIATION,
        ON_CHEMOTHERAPY,
        OSTOMY,
        LYMPHOEDEMA,
        LATEX_ALLERGY,
        SEE_DOCTOR_FIRST,
    ];
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Override {
    pub reason: String,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Caution {
    pub code: String,
    pub title: String,
    /// What to do about it.
    pub guidance: String,
    /// Why it fired: one line per fact in the intake that triggered it.
    pub reasons: Vec<String>,
    /// The latest recorded override, if any.
    pub overridden: Option<Override>,
}

fn caution(code: &str, title: &str, guidance: &str, reasons: Vec<String>) -> Option<Caution> {
    (!reasons.is_empty()).then(|| Caution {
        code: code.to_owned(),
        title: title.to_owned(),
        guidance: guidance.to_owned(),
        reasons,
        overridden: None,
    })
}

/// Every caution the intake triggers, in a fixed order, without overrides.
pub fn compute(intake: &Intake) -> Vec<Caution> {
    let m = &intake.medical;
    let mut out = Vec::new();

    let mut estrogen = Vec::new();
    if m.diagnoses.iter().any(|d| d.diagnosis == "breast") {
        estrogen.push("Breast cancer is recorded in the diagnoses.".to_owned());
    }
    if m.hormone_receptor_positive == "yes" {
        estrogen.push("The cancer is hormone-receptor positive.".to_owned());
    }
    for t in &m.treatments {
        match t.agent_class.as_deref() {
            Some("aromatase_inhibitor") => {
                estrogen.push(format!("Hormonal therapy with an aromatase inhibitor ({}).", t.status))
            }
            Some("tamoxifen") => estrogen.push(format!("Hormonal therapy with tamoxifen ({}).", t.status)),
            _ => {}
        }
    }
    out.extend(caution(
        code::AVOID_ESTROGEN,
        "Avoid estrogen products",
        "Suggest no product that contains estrogen (some vaginal creams, rings and moisturisers) unless the oncologist has approved it; ask the client to check product choices with their oncologist.",
        estrogen,
    ));

    let clearance = match m.clearance.as_str() {
        "yes" => vec![],
        "no" => vec!["The doctor has not yet cleared sexual activity.".to_owned()],
        _ => vec!["Nobody has asked the doctor about sexual activity yet.".to_owned()],
    };
    out.extend(caution(
        code::NO_CLEARANCE,
        "No medical clearance yet",
        "Keep homework to non-sexual closeness and touch until a doctor clears sexual activity.",
        clearance,
    ));

    let pelvic: Vec<String> = m
        .treatments
        .iter()
        .filter(|t| t.kind == "radiation" && t.pelvic)
        .map(|t| match (&t.status[..], t.ended_on.as_deref()) {
            ("finished", Some(end)) => format!("Pelvic radiotherapy, finished on {end}."),
            (status, _) => format!("Pelvic radiotherapy ({status})."),
        })
        .collect();
    out.extend(caution(
        code::PELVIC_RADIATION,
        "Pelvic radiotherapy",
        "Dilator therapy only as the treating team prescribed it, and only from when they said to start after treatment ended.",
        pelvic,
    ));

    let chemo: Vec<String> = m
        .treatments
        .iter()
        .filter(|t| t.kind == "chemotherapy" && t.status == "ongoing")
        .map(|t| match t.started_on.as_deref() {
            Some(s) => format!("Chemotherapy is ongoing (started {s})."),
            None => "Chemotherapy is ongoing.".to_owned(),
        })
        .collect();
    out.extend(caution(
        code::ON_CHEMOTHERAPY,
        "On chemotherapy",
        "Use barrier protection for the days after each dose the team advises, and respect low blood counts (infection and bleeding risk).",
        chemo,
    ));

    let mut ostomy = Vec::new();
    if intake.health.has_ostomy {
        ostomy.push("The client has an ostomy.".to_owned());
    } else if m.treatments.iter().any(|t| t.kind == "ostomy") {
        ostomy.push("Surgery forming an ostomy is recorded.".to_owned());
    }
    out.extend(caution(
        code::OSTOMY,
        "Ostomy",
        "Choose positions that keep pressure off the stoma and suggest securing or covering the pouch.",
        ostomy,
    ));

    let lymph = match intake.health.lymphoedema_side.as_str() {
        "left" => vec!["Lymphoedema on the left side.".to_owned()],
        "right" => vec!["Lymphoedema on the right side.".to_owned()],
        "both" => vec!["Lymphoedema on both sides.".to_owned()],
        _ => vec![],
    };
    out.extend(caution(
        code::LYMPHOEDEMA,
        "Lymphoedema",
        "Avoid positions that put weight on the affected limb, and keep massage on that side gentle.",
        lymph,
    ));

    let latex = if intake.health.latex_allergy { vec!["A latex allergy is recorded.".to_owned()] } else { vec![] };
    out.extend(caution(
        code::LATEX_ALLERGY,
        "Latex allergy",
        "Suggest only latex-free condoms and dilators, and lubricants that suit them.",
        latex,
    ));

    let mut doctor = Vec::new();
    if intake.pain.new_or_worsening {
        doctor.push("The pain is new or getting worse.".to_owned());
    }
    if intake.pain.infection_signs {
        doctor.push("There are signs of an infection.".to_owned());
    }
    out.extend(caution(
        code::SEE_DOCTOR_FIRST,
        "See a doctor first",
        "Refer to a doctor before any practical exercises.",
        doctor,
    ));
    out
}

/// The cautions in force for a person, with any overrides. No intake: no cautions.
pub(crate) fn in_force(conn: &Connection, person_id: i64, intake: Option<&Intake>) -> Result<Vec<Caution>> {
    let Some(intake) = intake else { return Ok(vec![]) };
    let mut list = compute(intake);
    let mut stmt = conn.prepare_cached(
        "SELECT o.caution, o.reason, a.display_name, o.recorded_at FROM caution_overrides o JOIN accounts a ON a.id = o.recorded_by
         WHERE o.person_id = ?1 ORDER BY o.recorded_at, o.id",
    )?;
    for row in stmt.query_map(params![person_id], |r| {
        Ok((r.get::<_, String>(0)?, Override { reason: r.get(1)?, recorded_by: r.get(2)?, recorded_at: r.get(3)? }))
    })? {
        let (code, o) = row?;
        if let Some(c) = list.iter_mut().find(|c| c.code == code) {
            c.overridden = Some(o);
        }
    }
    Ok(list)
}

/// Records a counsellor's decision to set a caution aside, with the reason.
pub fn record_override(
    tx: &Transaction,
    actor: &Actor,
    person_id: i64,
    caution: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    actor.require(Permission::EditClinical)?;
    people::get_unchecked(tx, person_id)?;
    let mut c = Checker::new();
    if !code::ALL.contains(&caution) {
        c.fail("caution", "That caution is not known.");
    }
    let reason = c.optional_note("reason", "Reason", Some(reason), 500);
    if reason.is_none() {
        c.fail("reason", "Give the reason for the override (for example who approved what, and when).");
    }
    c.finish()?;
    tx.execute(
        "INSERT INTO caution_overrides (person_id, caution, reason, recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![person_id, caution, reason, actor.account_id, now.to_rfc3339()],
    )?;
    audit::log(tx, actor, action::CAUTION_OVERRIDE, Some(person_id), &format!("caution={caution}"), now)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::{Diagnosis, Health, Intake, Medical, Pain, Treatment};

    fn blank() -> Intake {
        Intake {
            id: 1,
            person_id: 1,
            signed: false,
            signed_by: None,
            signed_at: None,
            updated_at: Utc::now(),
            medical: Medical {
                hormone_receptor_positive: "unknown".into(),
                clearance: "yes".into(),
                ..Medical::default()
            },
            side_effects: vec![],
            feelings: Default::default(),
            pain: Pain::default(),
            health: Health { lymphoedema_side: "none".into(), ..Health::default() },
            relationship: vec![],
            goals: Default::default(),
            addenda: vec![],
        }
    }

    fn treatment(kind: &str, agent: Option<&str>, status: &str) -> Treatment {
        Treatment {
            kind: kind.into(),
            agent_class: agent.map(Into::into),
            status: status.into(),
            ..Treatment::default()
        }
    }

    /// The cautions that fire, as (code, reasons).
    fn fired(i: &Intake) -> Vec<(String, Vec<String>)> {
        compute(i).into_iter().map(|c| (c.code, c.reasons)).collect()
    }

    fn reasons_for(i: &Intake, code: &str) -> Option<Vec<String>> {
        compute(i).into_iter().find(|c| c.code == code).map(|c| c.reasons)
    }

    #[test]
    fn a_cleared_client_with_nothing_recorded_has_no_cautions() {
        assert!(fired(&blank()).is_empty(), "{:?}", fired(&blank()));
    }

    #[test]
    fn estrogen_fires_for_breast_cancer_receptor_status_and_each_agent_with_its_reason() {
        let mut i = blank();
        i.medical.diagnoses.push(Diagnosis { diagnosis: "breast".into(), ..Diagnosis::default() });
        assert_eq!(
            reasons_for(&i, code::AVOID_ESTROGEN),
            Some(vec!["Breast cancer is recorded in the diagnoses.".to_string()])
        );

        let mut i = blank();
        i.medical.hormone_receptor_positive = "yes".into();
        assert_eq!(
            reasons_for(&i, code::AVOID_ESTROGEN),
            Some(vec!["The cancer is hormone-receptor positive.".to_string()])
        );

        let mut i = blank();
        i.medical.treatments.push(treatment("hormonal", Some("aromatase_inhibitor"), "ongoing"));
        i.medical.treatments.push(treatment("hormonal", Some("tamoxifen"), "finished"));
        assert_eq!(
            reasons_for(&i, code::AVOID_ESTROGEN),
            Some(vec![
                "Hormonal therapy with an aromatase inhibitor (ongoing).".to_string(),
                "Hormonal therapy with tamoxifen (finished).".to_string()
            ])
        );
    }

    #[test]
    fn estrogen_does_not_fire_for_prostate_cancer_on_androgen_deprivation() {
        let mut i = blank();
        i.medical.diagnoses.push(Diagnosis { diagnosis: "prostate".into(), ..Diagnosis::default() });
        i.medical.treatments.push(treatment("hormonal", Some("androgen_deprivation"), "ongoing"));
        i.medical.hormone_receptor_positive = "no".into();
        assert_eq!(reasons_for(&i, code::AVOID_ESTROGEN), None);
    }

    #[test]
    fn clearance_fires_until_a_doctor_says_yes() {
        let mut i = blank();
        i.medical.clearance = "not_asked".into();
        assert_eq!(
            reasons_for(&i, code::NO_CLEARANCE),
            Some(vec!["Nobody has asked the doctor about sexual activity yet.".to_string()])
        );
        i.medical.clearance = "no".into();
        assert_eq!(
            reasons_for(&i, code::NO_CLEARANCE),
            Some(vec!["The doctor has not yet cleared sexual activity.".to_string()])
        );
        i.medical.clearance = "yes".into();
        assert_eq!(reasons_for(&i, code::NO_CLEARANCE), None);
    }

    #[test]
    fn pelvic_radiation_fires_only_for_pelvic_radiotherapy_and_gives_the_end_date() {
        let mut i = blank();
        i.medical.treatments.push(treatment("radiation", None, "finished"));
        assert_eq!(reasons_for(&i, code::PELVIC_RADIATION), None, "radiotherapy elsewhere is not pelvic");
        i.medical.treatments[0].pelvic = true;
        i.medical.treatments[0].ended_on = Some("2026-03-01".into());
        assert_eq!(
            reasons_for(&i, code::PELVIC_RADIATION),
            Some(vec!["Pelvic radiotherapy, finished on 2026-03-01.".to_string()])
        );
    }

    #[test]
    fn chemotherapy_fires_only_while_ongoing() {
        let mut i = blank();
        i.medical.treatments.push(treatment("chemotherapy", None, "finished"));
        assert_eq!(reasons_for(&i, code::ON_CHEMOTHERAPY), None);
        i.medical.treatments[0].status = "ongoing".into();
        i.medical.treatments[0].started_on = Some("2026-10-01".into());
        assert_eq!(
            reasons_for(&i, code::ON_CHEMOTHERAPY),
            Some(vec!["Chemotherapy is ongoing (started 2026-10-01).".to_string()])
        );
    }

    #[test]
    fn ostomy_lymphoedema_and_latex_fire_from_the_health_section() {
        let mut i = blank();
        i.health.has_ostomy = true;
        i.health.lymphoedema_side = "left".into();
        i.health.latex_allergy = true;
        assert_eq!(reasons_for(&i, code::OSTOMY), Some(vec!["The client has an ostomy.".to_string()]));
        assert_eq!(reasons_for(&i, code::LYMPHOEDEMA), Some(vec!["Lymphoedema on the left side.".to_string()]));
        assert_eq!(reasons_for(&i, code::LATEX_ALLERGY), Some(vec!["A latex allergy is recorded.".to_string()]));
        let mut i = blank();
        i.medical.treatments.push(treatment("ostomy", None, "finished"));
        assert_eq!(reasons_for(&i, code::OSTOMY), Some(vec!["Surgery forming an ostomy is recorded.".to_string()]));
    }

    #[test]
    fn new_pain_or_infection_sends_to_a_doctor_first() {
        let mut i = blank();
        i.pain.during_sex = true;
        i.pain.intensity = Some(6);
        assert_eq!(reasons_for(&i, code::SEE_DOCTOR_FIRST), None, "known, stable pain alone does not");
        i.pain.new_or_worsening = true;
        i.pain.infection_signs = true;
        assert_eq!(
            reasons_for(&i, code::SEE_DOCTOR_FIRST),
            Some(vec!["The pain is new or getting worse.".to_string(), "There are signs of an infection.".to_string()])
        );
    }

    #[test]
    fn every_caution_has_a_title_and_guidance_and_a_stable_order() {
        let mut i = blank();
        i.medical.diagnoses.push(Diagnosis { diagnosis: "breast".into(), ..Diagnosis::default() });
        i.medical.clearance = "not_asked".into();
        i.health.latex_allergy = true;
        let codes: Vec<String> = compute(&i).into_iter().map(|c| c.code).collect();
        assert_eq!(codes, vec![code::AVOID_ESTROGEN, code::NO_CLEARANCE, code::LATEX_ALLERGY]);
        assert!(compute(&i).iter().all(|c| !c.title.is_empty() && !c.guidance.is_empty()));
    }
}
