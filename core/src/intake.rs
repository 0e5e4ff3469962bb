//! The intake: the counsellor's structured assessment, filled in sections, in any order.
//!
//! Each section saves on its own (`save_section`), so the window can save as the counsellor
//! types: a problem in one section never holds back another. Signing locks the intake; after
//! that, corrections are dated addenda by their author.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::access::{Actor, Permission};
use crate::audit::{self, action};
use crate::error::{Error, Result};
use crate::people;
use crate::validate::{Checker, NOTE_MAX, SHORT_TEXT_MAX};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Diagnosis {
    /// A code from the `diagnosis` checklist.
    pub diagnosis: String,
    /// Which illness, for "a chronic illness" or "another cancer".
    pub detail: Option<String>,
    pub stage: Option<String>,
    pub metastatic: bool,
    /// YYYY-MM-DD.
    pub diagnosed_on: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Treatment {
    /// A code from the `treatment` checklist.
    pub kind: String,
    /// A code from the `agent_class` checklist, for hormonal therapy.
    pub agent_class: Option<String>,
    /// Radiotherapy to the pelvis.
    pub pelvic: bool,
    /// planned, ongoing or finished.
    pub status: String,
    pub started_on: Option<String>,
    pub ended_on: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Medical {
    pub diagnoses: Vec<Diagnosis>,
    pub treatments: Vec<Treatment>,
    /// yes, no or unknown.
    pub hormone_receptor_positive: String,
    /// Has a doctor cleared sexual activity: yes, no, not_asked.
    pub clearance: String,
    pub clearance_by: Option<String>,
    pub clearance_on: Option<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SideEffect {
    /// A code from the `side_effect` checklist.
    pub code: String,
    /// none, mild, moderate or severe.
    pub severity: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Feelings {
    /// Codes from the `body_image` checklist.
    pub body_image: Vec<String>,
    pub body_image_notes: Option<String>,
    /// Codes from the `emotional` checklist.
    pub emotional: Vec<String>,
    pub emotional_notes: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Pain {
    pub during_sex: bool,
    /// entry, deep or both.
    pub location: Option<String>,
    pub when: Option<String>,
    /// 0 to 10.
    pub intensity: Option<i64>,
    /// YYYY-MM-DD: since when.
    pub since: Option<String>,
    pub better: Option<String>,
    pub worse: Option<String>,
    /// Codes from the `pain_cause` checklist (any number, any group).
    pub causes: Vec<String>,
    pub new_or_worsening: bool,
    pub infection_signs: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Health {
    pub latex_allergy: bool,
    pub other_allergies: Option<String>,
    pub has_ostomy: bool,
    /// none, left, right or both.
    pub lymphoedema_side: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PartnerPerspective {
    pub person_id: i64,
    /// Filled in by Rekindle when read; ignored when saved.
    #[serde(default)]
    pub name: String,
    pub perspective: Option<String>,
    pub attends: bool,
    pub consent_to_contact: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Goals {
    pub intimacy_meaning: Option<String>,
    /// In the client's own words.
    pub goals: Option<String>,
    /// not_discussed, not_relevant, wants_children or unsure.
    pub fertility_wish: String,
    pub fertility_notes: Option<String>,
    pub disclosure_concern: bool,
    pub dating_notes: Option<String>,
}

/// One section, as the window saves it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "section", content = "data", rename_all = "camelCase")]
pub enum IntakeSection {
    Medical(Medical),
    SideEffects(Vec<SideEffect>),
    Feelings(Feelings),
    Pain(Pain),
    Health(Health),
    Relationship(Vec<PartnerPerspective>),
    Goals(Goals),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Addendum {
    pub id: i64,
    pub author: String,
    pub written_at: DateTime<Utc>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Intake {
    pub id: i64,
    pub person_id: i64,
    pub signed: bool,
    pub signed_by: Option<String>,
    pub signed_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub medical: Medical,
    pub side_effects: Vec<SideEffect>,
    pub feelings: Feelings,
    pub pain: Pain,
    pub health: Health,
    pub relationship: Vec<PartnerPerspective>,
    pub goals: Goals,
    pub addenda: Vec<Addendum>,
}

fn checklist(conn: &Connection, list: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT code FROM checklist_items WHERE list = ?1 AND active = 1")?;
    let codes = stmt.query_map(params![list], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(codes)
}

fn one_of(c: &mut Checker, field: &str, label: &str, value: &str, allowed: &[&str]) {
    if !allowed.contains(&value) {
        c.fail(field, format!("{label} is not one of the choices offered."));
    }
}

fn codes_in(c: &mut Checker, field: &str, label: &str, values: &[String], allowed: &[String]) {
    if values.iter().any(|v| !allowed.contains(v)) {
        c.fail(field, format!("{label} has an item that is not on the list."));
    }
}

/// The earliest date any past event in an intake can have.
fn earliest() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN)
}

fn check_section(conn: &Connection, section: &IntakeSection, person_id: i64, today: NaiveDate) -> Result<()> {
    let mut c = Checker::new();
    match section {
        IntakeSection::Medical(m) => {
            let diagnoses = checklist(conn, "diagnosis")?;
            let kinds = checklist(conn, "treatment")?;
            let agents = checklist(conn, "agent_class")?;
            for (i, d) in m.diagnoses.iter().enumerate() {
                let f = |n: &str| format!("medical.diagnoses.{i}.{n}");
                c.code(&f("diagnosis"), "Diagnosis", Some(&d.diagnosis), &diagnoses);
                if d.diagnosis.trim().is_empty() {
                    c.fail(&f("diagnosis"), "Choose the diagnosis.");
                }
                c.optional_text(&f("detail"), "Detail", d.detail.as_deref(), SHORT_TEXT_MAX);
                c.optional_text(&f("stage"), "Stage", d.stage.as_deref(), 40);
                c.date(&f("diagnosedOn"), "Date of diagnosis", d.diagnosed_on.as_deref(), earliest(), today);
            }
            for (i, t) in m.treatments.iter().enumerate() {
                let f = |n: &str| format!("medical.treatments.{i}.{n}");
                c.code(&f("kind"), "Treatment", Some(&t.kind), &kinds);
                if t.kind.trim().is_empty() {
                    c.fail(&f("kind"), "Choose the treatment.");
                }
                c.code(&f("agentClass"), "Agent class", t.agent_class.as_deref(), &agents);
                one_of(&mut c, &f("status"), "Status", &t.status, &["planned", "ongoing", "finished"]);
                // A planned treatment may start in the future; nothing may end in the future
                // unless it is still to come.
                let latest_start = if t.status == "planned" { NaiveDate::MAX } else { today };
                let start = c.date(&f("startedOn"), "Start date", t.started_on.as_deref(), earliest(), latest_start);
                let latest_end = if t.status == "finished" { today } else { NaiveDate::MAX };
                let end = c.date(&f("endedOn"), "End date", t.ended_on.as_deref(), earliest(), latest_end);
                if let (Some(s), Some(e)) = (start, end) {
                    if e < s {
                        c.fail(&f("endedOn"), "End date cannot be before the start date.");
                    }
                }
                if t.pelvic && t.kind != "radiation" {
                    c.fail(&f("pelvic"), "Only radiotherapy is marked as pelvic.");
                }
            }
            one_of(
                &mut c,
                "medical.hormoneReceptorPositive",
                "Hormone-receptor status",
                &m.hormone_receptor_positive,
                &["yes", "no", "unknown"],
            );
            one_of(&mut c, "medical.clearance", "Clearance", &m.clearance, &["yes", "no", "not_asked"]);
            c.optional_text("medical.clearanceBy", "Cleared by", m.clearance_by.as_deref(), SHORT_TEXT_MAX);
            c.date("medical.clearanceOn", "Date of clearance", m.clearance_on.as_deref(), earliest(), today);
            c.optional_note("medical.notes", "Medical notes", m.notes.as_deref(), NOTE_MAX);
        }
        IntakeSection::SideEffects(items) => {
            let allowed = checklist(conn, "side_effect")?;
            let mut seen = Vec::new();
            for (i, s) in items.iter().enumerate() {
                let f = |n: &str| format!("sideEffects.{i}.{n}");
                c.code(&f("code"), "Side effect", Some(&s.code), &allowed);
                if seen.contains(&s.code) {
                    c.fail(&f("code"), "This side effect is listed twice.");
                }
                seen.push(s.code.clone());
                one_of(&mut c, &f("severity"), "Severity", &s.severity, &["none", "mild", "moderate", "severe"]);
                c.optional_note(&f("note"), "Note", s.note.as_deref(), 500);
            }
        }
        IntakeSection::Feelings(f) => {
            codes_in(&mut c, "feelings.bodyImage", "Body image", &f.body_image, &checklist(conn, "body_image")?);
            codes_in(&mut c, "feelings.emotional", "Emotional factors", &f.emotional, &checklist(conn, "emotional")?);
            c.optional_note("feelings.bodyImageNotes", "Body-image notes", f.body_image_notes.as_deref(), NOTE_MAX);
            c.optional_note("feelings.emotionalNotes", "Emotional notes", f.emotional_notes.as_deref(), NOTE_MAX);
        }
        IntakeSection::Pain(p) => {
            if let Some(l) = &p.location {
                one_of(&mut c, "pain.location", "Where", l, &["entry", "deep", "both"]);
            }
            c.optional_text("pain.when", "When", p.when.as_deref(), 200);
            if let Some(i) = p.intensity {
                if !(0..=10).contains(&i) {
                    c.fail("pain.intensity", "Pain is rated from 0 to 10.");
                }
            }
            c.date("pain.since", "Since when", p.since.as_deref(), earliest(), today);
            c.optional_note("pain.better", "What helps", p.better.as_deref(), 500);
            c.optional_note("pain.worse", "What makes it worse", p.worse.as_deref(), 500);
            codes_in(&mut c, "pain.causes", "Suspected causes", &p.causes, &checklist(conn, "pain_cause")?);
        }
        IntakeSection::Health(h) => {
            c.optional_text("health.otherAllergies", "Other allergies", h.other_allergies.as_deref(), 200);
            one_of(
                &mut c,
                "health.lymphoedemaSide",
                "Lymphoedema",
                &h.lymphoedema_side,
                &["none", "left", "right", "both"],
            );
        }
        IntakeSection::Relationship(partners) => {
            let linked = partners_of(conn, person_id)?;
            for (i, p) in partners.iter().enumerate() {
                if !linked.iter().any(|(id, _)| *id == p.person_id) {
                    c.fail(
                        &format!("relationship.{i}.personId"),
                        "This person is not in a relationship with the client.",
                    );
                }
                c.optional_note(
                    &format!("relationship.{i}.perspective"),
                    "Their perspective",
                    p.perspective.as_deref(),
                    NOTE_MAX,
                );
            }
        }
        IntakeSection::Goals(g) => {
            c.optional_note(
                "goals.intimacyMeaning",
                "What intimacy means to them",
                g.intimacy_meaning.as_deref(),
                NOTE_MAX,
            );
            c.optional_note("goals.goals", "Goals", g.goals.as_deref(), NOTE_MAX);
            one_of(
                &mut c,
                "goals.fertilityWish",
                "Fertility",
                &g.fertility_wish,
                &["not_discussed", "not_relevant", "wants_children", "unsure"],
            );
            c.optional_note("goals.fertilityNotes", "Fertility notes", g.fertility_notes.as_deref(), NOTE_MAX);
            c.optional_note("goals.datingNotes", "Dating and disclosure notes", g.dating_notes.as_deref(), NOTE_MAX);
        }
    }
    c.finish()
}

/// People in a current relationship with `person_id`: (id, display name).
fn partners_of(conn: &Connection, person_id: i64) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT other.person_id FROM relationship_members me
         JOIN relationships r ON r.id = me.relationship_id AND r.ended_at IS NULL
         JOIN relationship_members other ON other.relationship_id = me.relationship_id AND other.person_id <> me.person_id
         WHERE me.person_id = ?1",
    )?;
    let ids = stmt.query_map(params![person_id], |r| r.get::<_, i64>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    ids.into_iter()
        .map(|id| {
            let p = people::get_unchecked(conn, id)?;
            Ok((id, people::full_name(p.known_as(), p.family_name.as_deref())))
        })
        .collect()
}

fn trimmed(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// The intake for a person, created empty the first time a counsellor opens it.
pub(crate) fn open_or_create(tx: &Transaction, actor: &Actor, person_id: i64, now: DateTime<Utc>) -> Result<Intake> {
    actor.require(Permission::EditClinical)?;
    let person = people::get_unchecked(tx, person_id)?;
    let existing: Option<i64> =
        tx.query_row("SELECT id FROM intakes WHERE person_id = ?1", params![person_id], |r| r.get(0)).optional()?;
    let id = match existing {
        Some(id) => id,
        None => {
            if !person.is_client {
                return Err(Error::Conflict(
                    "Only a client has an intake. Register this person as a client first.".into(),
                ));
            }
            tx.execute(
                "INSERT INTO intakes (person_id, created_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
                params![person_id, actor.account_id, now.to_rfc3339()],
            )?;
            let id = tx.last_insert_rowid();
            audit::log(tx, actor, action::INTAKE_CREATE, Some(person_id), "", now)?;
            id
        }
    };
    load(tx, id)
}

/// Saves one section of a draft intake. A signed intake refuses: add an addendum instead.
pub fn save_section(
    tx: &Transaction,
    actor: &Actor,
    intake_id: i64,
    section: &IntakeSection,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>> {
    actor.require(Permission::EditClinical)?;
    let (person_id, status): (i64, String) = tx
        .prepare_cached("SELECT person_id, status FROM intakes WHERE id = ?1")?
        .query_row(params![intake_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or(Error::NotFound { what: "intake", id: intake_id })?;
    if status == "signed" {
        return Err(Error::Conflict(
            "This intake is signed and can no longer be changed. Add a dated addendum instead.".into(),
        ));
    }
    check_section(tx, section, person_id, today)?;
    let ts = now.to_rfc3339();
    match section {
        IntakeSection::Medical(m) => {
            tx.execute("DELETE FROM intake_diagnoses WHERE intake_id = ?1", params![intake_id])?;
            for (i, d) in m.diagnoses.iter().enumerate() {
                tx.execute(
                    "INSERT INTO intake_diagnoses (intake_id, diagnosis, detail, stage, metastatic, diagnosed_on, sort) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![intake_id, d.diagnosis.trim(), trimmed(&d.detail), trimmed(&d.stage), d.metastatic, trimmed(&d.diagnosed_on), i as i64],
                )?;
            }
            tx.execute("DELETE FROM intake_treatments WHERE intake_id = ?1", params![intake_id])?;
            for (i, t) in m.treatments.iter().enumerate() {
                tx.execute(
                    "INSERT INTO intake_treatments (intake_id, kind, agent_class, pelvic, status, started_on, ended_on, sort) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![intake_id, t.kind.trim(), trimmed(&t.agent_class), t.pelvic, t.status, trimmed(&t.started_on), trimmed(&t.ended_on), i as i64],
                )?;
            }
            tx.execute(
                "UPDATE intakes SET hormone_receptor_positive = ?1, clearance = ?2, clearance_by = ?3, clearance_on = ?4, medical_notes = ?5 WHERE id = ?6",
                params![m.hormone_receptor_positive, m.clearance, trimmed(&m.clearance_by), trimmed(&m.clearance_on), trimmed(&m.notes), intake_id],
            )?;
        }
        IntakeSection::SideEffects(items) => {
            tx.execute("DELETE FROM intake_side_effects WHERE intake_id = ?1", params![intake_id])?;
            for s in items {
                tx.execute(
                    "INSERT INTO intake_side_effects (intake_id, code, severity, note) VALUES (?1, ?2, ?3, ?4)",
                    params![intake_id, s.code, s.severity, trimmed(&s.note)],
                )?;
            }
        }
        IntakeSection::Feelings(f) => {
            replace_ticks(tx, intake_id, "body_image", &f.body_image)?;
            replace_ticks(tx, intake_id, "emotional", &f.emotional)?;
            tx.execute(
                "UPDATE intakes SET body_image_notes = ?1, emotional_notes = ?2 WHERE id = ?3",
                params![trimmed(&f.body_image_notes), trimmed(&f.emotional_notes), intake_id],
            )?;
        }
        IntakeSection::Pain(p) => {
            replace_ticks(tx, intake_id, "pain_cause", &p.causes)?;
            tx.execute(
                "UPDATE intakes SET pain_during_sex = ?1, pain_where = ?2, pain_when = ?3, pain_intensity = ?4, pain_since = ?5,
                     pain_better = ?6, pain_worse = ?7, pain_new_or_worsening = ?8, infection_signs = ?9 WHERE id = ?10",
                params![p.during_sex, trimmed(&p.location), trimmed(&p.when), p.intensity, trimmed(&p.since), trimmed(&p.better), trimmed(&p.worse), p.new_or_worsening, p.infection_signs, intake_id],
            )?;
        }
        IntakeSection::Health(h) => {
            tx.execute(
                "UPDATE intakes SET latex_allergy = ?1, other_allergies = ?2, has_ostomy = ?3, lymphoedema_side = ?4 WHERE id = ?5",
                params![h.latex_allergy, trimmed(&h.other_allergies), h.has_ostomy, h.lymphoedema_side, intake_id],
            )?;
        }
        IntakeSection::Relationship(partners) => {
            tx.execute("DELETE FROM intake_partners WHERE intake_id = ?1", params![intake_id])?;
            for p in partners {
                tx.execute(
                    "INSERT INTO intake_partners (intake_id, person_id, perspective, attends, consent_to_contact) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![intake_id, p.person_id, trimmed(&p.perspective), p.attends, p.consent_to_contact],
                )?;
            }
        }
        IntakeSection::Goals(g) => {
            tx.execute(
                "UPDATE intakes SET intimacy_meaning = ?1, goals = ?2, fertility_wish = ?3, fertility_notes = ?4, disclosure_concern = ?5, dating_notes = ?6 WHERE id = ?7",
                params![trimmed(&g.intimacy_meaning), trimmed(&g.goals), g.fertility_wish, trimmed(&g.fertility_notes), g.disclosure_concern, trimmed(&g.dating_notes), intake_id],
            )?;
        }
    }
    tx.execute("UPDATE intakes SET updated_at = ?1 WHERE id = ?2", params![ts, intake_id])?;
    let section_name = match section {
        IntakeSection::Medical(_) => "medical",
        IntakeSection::SideEffects(_) => "side_effects",
        IntakeSection::Feelings(_) => "feelings",
        IntakeSection::Pain(_) => "pain",
        IntakeSection::Health(_) => "health",
        IntakeSection::Relationship(_) => "relationship",
        IntakeSection::Goals(_) => "goals",
    };
    audit::log(tx, actor, action::INTAKE_SAVE, Some(person_id), &format!("section={section_name}"), now)?;
    Ok(now)
}

fn replace_ticks(tx: &Transaction, intake_id: i64, list: &str, codes: &[String]) -> Result<()> {
    tx.execute("DELETE FROM intake_ticks WHERE intake_id = ?1 AND list = ?2", params![intake_id, list])?;
    for code in codes {
        tx.execute(
            "INSERT OR IGNORE INTO intake_ticks (intake_id, list, code) VALUES (?1, ?2, ?3)",
            params![intake_id, list, code],
        )?;
    }
    Ok(())
}

/// Signs the intake: from now on it is read-only, and corrections are addenda.
pub fn sign(tx: &Transaction, actor: &Actor, intake_id: i64, now: DateTime<Utc>) -> Result<Intake> {
    actor.require(Permission::EditClinical)?;
    let before = load(tx, intake_id)?;
    if before.signed {
        return Err(Error::Conflict("This intake is already signed.".into()));
    }
    tx.execute(
        "UPDATE intakes SET status = 'signed', signed_by = ?1, signed_at = ?2, updated_at = ?2 WHERE id = ?3",
        params![actor.account_id, now.to_rfc3339(), intake_id],
    )?;
    audit::log(tx, actor, action::INTAKE_SIGN, Some(before.person_id), "", now)?;
    load(tx, intake_id)
}

/// Adds a dated correction to a signed intake, in the author's name.
pub fn add_addendum(tx: &Transaction, actor: &Actor, intake_id: i64, text: &str, now: DateTime<Utc>) -> Result<Intake> {
    actor.require(Permission::EditClinical)?;
    let before = load(tx, intake_id)?;
    if !before.signed {
        return Err(Error::Conflict(
            "The intake is still a draft: change it directly, and sign it when it is complete.".into(),
        ));
    }
    let mut c = Checker::new();
    let text = c.required_note("text", "Addendum", text, NOTE_MAX);
    c.finish()?;
    tx.execute(
        "INSERT INTO intake_addenda (intake_id, author_id, written_at, text) VALUES (?1, ?2, ?3, ?4)",
        params![intake_id, actor.account_id, now.to_rfc3339(), text],
    )?;
    audit::log(tx, actor, action::INTAKE_ADDENDUM, Some(before.person_id), "", now)?;
    load(tx, intake_id)
}

fn account_name(conn: &Connection, id: Option<i64>) -> Result<Option<String>> {
    match id {
        None => Ok(None),
        Some(id) => Ok(conn
            .query_row("SELECT display_name FROM accounts WHERE id = ?1", params![id], |r| r.get(0))
            .optional()?),
    }
}

/// Reads a whole intake. The caller has checked the role and audits the read.
pub(crate) fn load(conn: &Connection, id: i64) -> Result<Intake> {
    let row = conn
        .prepare_cached(
            "SELECT person_id, status, medical_notes, hormone_receptor_positive, clearance, clearance_by, clearance_on,
                latex_allergy, other_allergies, has_ostomy, lymphoedema_side, body_image_notes, emotional_notes,
                pain_during_sex, pain_where, pain_when, pain_intensity, pain_since, pain_better, pain_worse,
                pain_new_or_worsening, infection_signs, intimacy_meaning, goals, fertility_wish, fertility_notes,
                disclosure_concern, dating_notes, signed_by, signed_at, updated_at
             FROM intakes WHERE id = ?1",
        )?
        .query_row(params![id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)? == "signed",
                Medical {
                    diagnoses: vec![],
                    treatments: vec![],
                    notes: r.get(2)?,
                    hormone_receptor_positive: r.get(3)?,
                    clearance: r.get(4)?,
                    clearance_by: r.get(5)?,
                    clearance_on: r.get(6)?,
                },
                Health {
                    latex_allergy: r.get(7)?,
                    other_allergies: r.get(8)?,
                    has_ostomy: r.get(9)?,
                    lymphoedema_side: r.get(10)?,
                },
                Feelings {
                    body_image: vec![],
                    body_image_notes: r.get(11)?,
                    emotional: vec![],
                    emotional_notes: r.get(12)?,
                },
                Pain {
                    during_sex: r.get(13)?,
                    location: r.get(14)?,
                    when: r.get(15)?,
                    intensity: r.get(16)?,
                    since: r.get(17)?,
                    better: r.get(18)?,
                    worse: r.get(19)?,
                    causes: vec![],
                    new_or_worsening: r.get(20)?,
                    infection_signs: r.get(21)?,
                },
                Goals {
                    intimacy_meaning: r.get(22)?,
                    goals: r.get(23)?,
                    fertility_wish: r.get(24)?,
                    fertility_notes: r.get(25)?,
                    disclosure_concern: r.get(26)?,
                    dating_notes: r.get(27)?,
                },
                r.get::<_, Option<i64>>(28)?,
                r.get::<_, Option<DateTime<Utc>>>(29)?,
                r.get::<_, DateTime<Utc>>(30)?,
            ))
        })
        .optional()?;
    let Some((person_id, signed, mut medical, health, mut feelings, mut pain, goals, signed_by, signed_at, updated_at)) =
        row
    else {
        return Err(Error::NotFound { what: "intake", id });
    };
    medical.diagnoses = conn
        .prepare_cached("SELECT diagnosis, detail, stage, metastatic, diagnosed_on FROM intake_diagnoses WHERE intake_id = ?1 ORDER BY sort")?
        .query_map(params![id], |r| Ok(Diagnosis { diagnosis: r.get(0)?, detail: r.get(1)?, stage: r.get(2)?, metastatic: r.get(3)?, diagnosed_on: r.get(4)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    medical.treatments = conn
        .prepare_cached("SELECT kind, agent_class, pelvic, status, started_on, ended_on FROM intake_treatments WHERE intake_id = ?1 ORDER BY sort")?
        .query_map(params![id], |r| {
            Ok(Treatment { kind: r.get(0)?, agent_class: r.get(1)?, pelvic: r.get(2)?, status: r.get(3)?, started_on: r.get(4)?, ended_on: r.get(5)? })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let side_effects = conn
        .prepare_cached(
            "SELECT s.code, s.severity, s.note FROM intake_side_effects s
             LEFT JOIN checklist_items c ON c.list = 'side_effect' AND c.code = s.code
             WHERE s.intake_id = ?1 ORDER BY c.sort",
        )?
        .query_map(params![id], |r| Ok(SideEffect { code: r.get(0)?, severity: r.get(1)?, note: r.get(2)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut ticks = conn.prepare_cached(
        "SELECT t.list, t.code FROM intake_ticks t LEFT JOIN checklist_items c ON c.list = t.list AND c.code = t.code
         WHERE t.intake_id = ?1 ORDER BY c.sort",
    )?;
    for row in ticks.query_map(params![id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (list, code) = row?;
        match list.as_str() {
            "body_image" => feelings.body_image.push(code),
            "emotional" => feelings.emotional.push(code),
            _ => pain.causes.push(code),
        }
    }
    // Every current partner appears, with what was recorded about them (or nothing yet).
    let recorded: Vec<PartnerPerspective> = conn
        .prepare_cached(
            "SELECT person_id, perspective, attends, consent_to_contact FROM intake_partners WHERE intake_id = ?1",
        )?
        .query_map(params![id], |r| {
            Ok(PartnerPerspective {
                person_id: r.get(0)?,
                name: String::new(),
                perspective: r.get(1)?,
                attends: r.get(2)?,
                consent_to_contact: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let relationship = partners_of(conn, person_id)?
        .into_iter()
        .map(|(pid, name)| match recorded.iter().find(|p| p.person_id == pid) {
            Some(p) => PartnerPerspective { name, ..p.clone() },
            None => PartnerPerspective { person_id: pid, name, ..PartnerPerspective::default() },
        })
        .collect();
    let addenda = conn
        .prepare_cached(
            "SELECT a.id, acc.display_name, a.written_at, a.text FROM intake_addenda a JOIN accounts acc ON acc.id = a.author_id
             WHERE a.intake_id = ?1 ORDER BY a.written_at, a.id",
        )?
        .query_map(params![id], |r| Ok(Addendum { id: r.get(0)?, author: r.get(1)?, written_at: r.get(2)?, text: r.get(3)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Intake {
        id,
        person_id,
        signed,
        signed_by: account_name(conn, signed_by)?,
        signed_at,
        updated_at,
        medical,
        side_effects,
        feelings,
        pain,
        health,
        relationship,
        goals,
        addenda,
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistItem {
    pub list: String,
    pub code: String,
    pub label: String,
    pub group: Option<String>,
}

/// Every active checklist item, in display order, for the intake form. Checklists are
/// vocabulary, not client data: whoever may use or extend them may read them.
pub fn checklists(conn: &Connection, actor: &Actor) -> Result<Vec<ChecklistItem>> {
    actor.require(Permission::EditContent)?;
    let mut stmt = conn.prepare_cached(
        "SELECT list, code, label, group_code FROM checklist_items WHERE active = 1 ORDER BY list, sort",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(ChecklistItem { list: r.get(0)?, code: r.get(1)?, label: r.get(2)?, group: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// What an autosave returns: when it was saved, and the cautions as they now stand (a change
/// to the medical section can add or clear one while the counsellor types).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Saved {
    pub saved_at: DateTime<Utc>,
    pub cautions: Vec<crate::cautions::Caution>,
}

/// `save_section`, then the cautions recomputed from the saved intake.
pub fn autosave(
    tx: &Transaction,
    actor: &Actor,
    intake_id: i64,
    section: &IntakeSection,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Saved> {
    let saved_at = save_section(tx, actor, intake_id, section, today, now)?;
    let intake = load(tx, intake_id)?;
    let cautions = crate::cautions::in_force(tx, intake.person_id, Some(&intake))?;
    Ok(Saved { saved_at, cautions })
}

/// The checklists a clinic can extend, with the groups each accepts.
pub const EXTENSIBLE_LISTS: [(&str, &[&str]); 7] = [
    ("diagnosis", &["cancer", "chronic"]),
    ("treatment", &[]),
    ("agent_class", &[]),
    ("side_effect", &[]),
    ("body_image", &[]),
    ("emotional", &[]),
    ("pain_cause", &["physical", "hormonal", "emotional", "arousal", "chronic"]),
];

/// Adds a clinic's own item to a checklist. Its code is made from the label (`clinic_` and the
/// label in lower case), so no rule in Rekindle ever fires on it by accident.
pub fn add_checklist_item(
    tx: &Transaction,
    actor: &Actor,
    list: &str,
    label: &str,
    group: Option<&str>,
) -> Result<ChecklistItem> {
    actor.require(Permission::EditContent)?;
    let mut c = Checker::new();
    let groups = EXTENSIBLE_LISTS.iter().find(|(l, _)| *l == list).map(|(_, g)| *g);
    if groups.is_none() {
        c.fail("list", "That checklist cannot be extended.");
    }
    let label = c.required_text("label", "Label", label, SHORT_TEXT_MAX);
    let group = group.map(str::trim).filter(|g| !g.is_empty());
    match (groups, group) {
        (Some(gs), None) if !gs.is_empty() => c.fail("group", format!("Choose a group: {}.", gs.join(", "))),
        (Some(gs), Some(g)) if !gs.contains(&g) => c.fail("group", format!("Choose a group: {}.", gs.join(", "))),
        _ => {}
    }
    let slug: String =
        crate::text::fold(&label).chars().map(|ch| if ch.is_alphanumeric() { ch } else { '_' }).collect();
    let code = format!("clinic_{}", slug.trim_matches('_'));
    let taken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM checklist_items WHERE list = ?1 AND (code = ?2 OR lower(label) = lower(?3)))",
        params![list, code, label],
        |r| r.get(0),
    )?;
    if taken {
        c.fail("label", "That checklist already has this item.");
    }
    c.finish()?;
    let sort: i64 =
        tx.query_row("SELECT COALESCE(MAX(sort), 0) + 1 FROM checklist_items WHERE list = ?1", params![list], |r| {
            r.get(0)
        })?;
    tx.execute(
        "INSERT INTO checklist_items (list, code, label, group_code, sort, added_by_clinic) VALUES (?1, ?2, ?3, ?4, ?5, 1)",
        params![list, code, label, group, sort],
    )?;
    Ok(ChecklistItem { list: list.to_owned(), code, label, group: group.map(str::to_owned) })
}
