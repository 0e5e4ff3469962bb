//! Suggestions: what in the content library fits this client now, each with the reason.
//!
//! Rules read the intake (by checklist codes, never labels) and the cautions in force. An item
//! whose tags a caution forbids is never suggested (its tag's `blocked_by` caution is in force
//! and not overridden). Homework threads move in stages: only the step after the last one that
//! was reviewed as done and comfortable is offered, and a sexual-stage step waits for clearance
//! (its `needs_clearance` tag is blocked by the no-clearance caution).

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::cautions::{self, Caution};
use crate::error::Result;
use crate::intake::Intake;
use crate::library::{self, LibraryItem};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    pub item_id: i64,
    pub slug: String,
    pub section: String,
    /// The part of a session it goes in (education, communication, practical, homework).
    pub session_section: String,
    pub title: String,
    /// Who takes part: client, partners or either (as in the library).
    pub participants: String,
    /// Why it fits: the intake facts that led to it.
    pub reasons: Vec<String>,
}

/// How far the client has come: per homework thread, the last step reviewed as done and
/// comfortable; and the acceptance steps already covered (one per session).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    pub thread_steps_done: BTreeMap<String, i64>,
}

fn severity_at_least(intake: &Intake, code: &str, levels: &[&str]) -> bool {
    intake.side_effects.iter().any(|s| s.code == code && levels.contains(&s.severity.as_str()))
}

const ANY: &[&str] = &["mild", "moderate", "severe"];
const MARKED: &[&str] = &["moderate", "severe"];

/// The rules, in the order their suggestions are shown: (slug, reason).
fn wanted(intake: &Intake, in_force: &[Caution], progress: &Progress) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut add = |slug: &str, reason: &str| out.push((slug.to_owned(), reason.to_owned()));
    let has = |code: &str| in_force.iter().any(|c| c.code == code && c.overridden.is_none());
    let emotional = |code: &str| intake.feelings.emotional.iter().any(|c| c == code);
    let has_partners = !intake.relationship.is_empty();
    let m = &intake.medical;

    if !m.treatments.is_empty() {
        add(
            "edu_treatment_effects",
            "Treatments are recorded: how they change hormones, nerves and arousal is the first thing to understand.",
        );
    }
    let dryness =
        severity_at_least(intake, "vaginal_dryness", ANY) || intake.pain.causes.iter().any(|c| c == "dryness");
    if dryness {
        let why = "Vaginal dryness is recorded.";
        add("edu_vaginal_dryness", why);
        add("prac_lubricants", why);
        add("prac_moisturisers", why);
        add("prac_vaginal_estrogen", why);
        if has(cautions::code::AVOID_ESTROGEN) {
            add(
                "edu_estrogen_caution",
                "The estrogen caution is in force: product choices need the oncologist's agreement.",
            );
        }
    }
    if severity_at_least(intake, "erectile_difficulty", ANY) {
        add("edu_erectile_changes", "Erectile difficulties are recorded.");
        add("edu_intimacy_vs_sex", "Erectile difficulties are recorded: intimacy does not depend on erections.");
        if severity_at_least(intake, "erectile_difficulty", &["severe"]) {
            add(
                "prac_specialist_referral",
                "Erectile difficulties are severe: a sexual-medicine specialist can offer treatments.",
            );
        }
    }
    let body = !intake.feelings.body_image.is_empty()
        || ["body_change", "scars", "hair_loss"].iter().any(|c| severity_at_least(intake, c, MARKED));
    if body {
        add("hw_mirror", "Body-image concerns are recorded.");
        add("edu_body_changes", "Body-image concerns are recorded.");
    }
    if has_partners && (emotional("partner_holding_back") || emotional("silence_avoidance")) {
        let why = if emotional("partner_holding_back") {
            "A partner is holding back."
        } else {
            "There is silence and avoidance between partners."
        };
        add("com_i_feel_statements", why);
        add("com_regular_checkins", why);
        add("hw_checkin_question", why);
        add("hw_i_feel_practice", why);
    }
    if intake.pain.during_sex || severity_at_least(intake, "pain", ANY) {
        let why = "Pain during sex is recorded: closeness without intercourse comes first.";
        add("edu_painful_sex_causes", "Pain during sex is recorded.");
        add("edu_intimacy_vs_sex", why);
        if has_partners {
            add("hw_cuddling", why);
        }
        if intake.pain.causes.iter().any(|c| c == "arousal") {
            add("prac_more_foreplay", "Not enough arousal is a suspected cause of the pain.");
        }
        if intake.pain.causes.iter().any(|c| c == "pelvic_floor" || c == "vaginismus") {
            add(
                "prac_specialist_referral",
                "Pelvic-floor tightness or vaginismus is suspected: a pelvic-health specialist can help.",
            );
        }
    }
    if emotional("anxiety_about_pain") {
        add("hw_present_moment", "Anxiety about pain is recorded: a present-moment practice eases it.");
    }
    if m.diagnoses.iter().any(|d| d.diagnosis == "chronic_illness") {
        // One acceptance step per session: the first not yet covered.
        let done = progress.thread_steps_done.get("acceptance").copied().unwrap_or(0);
        let step = ["act_present_moment", "act_defusion", "act_opening_up", "act_values", "act_committed_action"]
            .get(done as usize);
        if let Some(slug) = step {
            add(slug, "Living with a chronic illness: the acceptance steps, one per session.");
        }
    }
    if intake.goals.disclosure_concern {
        add("com_disclosure_rehearsal", "Worried about when and how to tell a new partner.");
        add("hw_disclosure_rehearsal", "Worried about when and how to tell a new partner.");
    }
    if severity_at_least(intake, "low_desire", MARKED) || severity_at_least(intake, "fatigue", MARKED) {
        add("edu_fatigue_and_desire", "Lower desire or fatigue is marked.");
    }
    if has(cautions::code::PELVIC_RADIATION) {
        add("prac_dilator", "Pelvic radiotherapy is recorded: dilator therapy only as the treating team prescribed.");
    }
    if matches!(intake.goals.fertility_wish.as_str(), "wants_children" | "unsure") {
        add("edu_fertility", "Fertility matters to the client.");
    }
    if has_partners && emotional("carer_patient") {
        let why = "The relationship has become carer and patient.";
        add("com_love_non_sexual", why);
        add("hw_shared_activity", why);
        add("hw_daily_gestures", why);
    }
    if emotional("fear_of_rejection") || emotional("low_self_worth") {
        add("hw_values_writing", "Fear of rejection or low self-worth is recorded.");
    }
    // Staged homework threads for people seen with partners: the next step of each.
    if has_partners
        && (intake.pain.during_sex || emotional("partner_holding_back") || emotional("silence_avoidance") || body)
    {
        next_step(&mut out, progress, "touch", "Gradual touch rebuilds closeness in stages.");
        next_step(&mut out, progress, "closeness", "Small daily closeness, one stage at a time.");
    }
    out
}

/// The thread's next step, by slug: steps are numbered from 1 and named in the library.
fn next_step(out: &mut Vec<(String, String)>, progress: &Progress, thread: &str, why: &str) {
    let done = progress.thread_steps_done.get(thread).copied().unwrap_or(0);
    out.push((format!("@{thread}:{}", done + 1), why.to_owned()));
}

/// The suggestions for an intake, given the cautions in force and the library. Items a caution
/// forbids are left out, as are partner items for a client seen alone.
pub fn suggest(
    conn: &Connection,
    intake: &Intake,
    in_force: &[Caution],
    items: &[LibraryItem],
    progress: &Progress,
) -> Result<Vec<Suggestion>> {
    let has_partners = !intake.relationship.is_empty();
    let mut out: Vec<Suggestion> = Vec::new();
    for (key, reason) in wanted(intake, in_force, progress) {
        let item = match key.strip_prefix('@').and_then(|k| k.split_once(':')) {
            Some((thread, step)) => {
                let step: i64 = step.parse().unwrap_or(0);
                items.iter().find(|i| i.thread.as_deref() == Some(thread) && i.thread_step == Some(step))
            }
            None => items.iter().find(|i| i.slug == key),
        };
        let Some(item) = item else { continue };
        if item.participants == "partners" && !has_partners {
            continue;
        }
        if library::blocking_caution(conn, item, in_force)?.is_some() {
            continue;
        }
        match out.iter_mut().find(|s| s.item_id == item.id) {
            Some(s) => {
                if !s.reasons.contains(&reason) {
                    s.reasons.push(reason);
                }
            }
            None => out.push(Suggestion {
                item_id: item.id,
                slug: item.slug.clone(),
                section: item.section.clone(),
                session_section: crate::planning::course::session_section_of(&item.section).to_owned(),
                title: item.title.clone(),
                participants: item.participants.clone(),
                reasons: vec![reason],
            }),
        }
    }
    Ok(out)
}

/// Suggestions for an opened chart (whose read is already audited), from the current library.
pub fn for_chart(conn: &Connection, chart: &crate::chart::Chart, progress: &Progress) -> Result<Vec<Suggestion>> {
    let items = library::current_unchecked(conn)?;
    suggest(conn, &chart.intake, &chart.cautions, &items, progress)
}
