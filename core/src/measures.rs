//! Scored measures: PHQ-9, GAD-7 and the 0-10 pain rating, defined as data (items, options,
//! bands, alerts in the database), scored here, given at intake and again at any later session.
//!
//! An answer that matches an alert rule (PHQ-9 item 9 above zero) marks the result; the UI
//! must stop until a counsellor acknowledges it, and the acknowledgement is recorded.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::access::{Actor, Permission};
use crate::audit::{self, action};
use crate::error::{Error, FieldError, Result};
use crate::people;
use crate::validate::Checker;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InstrumentItem {
    pub number: i64,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InstrumentOption {
    pub value: i64,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Band {
    pub min_total: i64,
    pub max_total: i64,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AlertRule {
    pub item_number: i64,
    pub min_value: i64,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Instrument {
    pub code: String,
    pub title: String,
    pub question: String,
    pub licence: String,
    pub items: Vec<InstrumentItem>,
    pub options: Vec<InstrumentOption>,
    pub bands: Vec<Band>,
    pub alerts: Vec<AlertRule>,
}

impl Instrument {
    pub fn max_total(&self) -> i64 {
        let top = self.options.iter().map(|o| o.value).max().unwrap_or(0);
        top * self.items.len() as i64
    }
}

/// One answer as given: `None` when the item was left unanswered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Answer {
    pub item_number: i64,
    pub value: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    pub total: i64,
    pub band: String,
    /// Messages of every alert rule the answers matched.
    pub alerts: Vec<String>,
}

/// Scores a complete set of answers. Every item must be answered with one of the instrument's
/// options: a partial questionnaire has no valid total, so it gets field errors
/// (`answers.<item>`) rather than a misleading number.
pub fn score(instrument: &Instrument, answers: &[Answer]) -> Result<Score> {
    let mut errors = Vec::new();
    let mut total = 0;
    let mut alerts = Vec::new();
    for item in &instrument.items {
        let field = format!("answers.{}", item.number);
        match answers.iter().find(|a| a.item_number == item.number).and_then(|a| a.value) {
            None => errors.push(FieldError::new(
                &field,
                format!("Item {} is not answered. Every item is needed for a score.", item.number),
            )),
            Some(v) if !instrument.options.iter().any(|o| o.value == v) => errors.push(FieldError::new(
                &field,
                format!("Item {} has an answer that is not one of the choices.", item.number),
            )),
            Some(v) => {
                total += v;
                for rule in instrument.alerts.iter().filter(|r| r.item_number == item.number && v >= r.min_value) {
                    alerts.push(rule.message.clone());
                }
            }
        }
    }
    if answers.iter().any(|a| !instrument.items.iter().any(|i| i.number == a.item_number)) {
        errors.push(FieldError::new("answers", "An answer refers to an item this questionnaire does not have."));
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let band = instrument
        .bands
        .iter()
        .find(|b| (b.min_total..=b.max_total).contains(&total))
        .map(|b| b.label.clone())
        .ok_or_else(|| {
            Error::Conflict(format!("{} has no band for a total of {total}; check its definition.", instrument.title))
        })?;
    Ok(Score { total, band, alerts })
}

/// Loads every active instrument with its items, options, bands and alerts.
pub fn instruments(conn: &Connection, actor: &Actor) -> Result<Vec<Instrument>> {
    actor.require(Permission::ViewClinical)?;
    let mut stmt = conn.prepare_cached("SELECT code FROM instruments WHERE active = 1 ORDER BY sort")?;
    let codes = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    codes.iter().map(|c| load(conn, c)).collect()
}

pub(crate) fn load(conn: &Connection, code: &str) -> Result<Instrument> {
    let head = conn
        .prepare_cached("SELECT title, question, licence FROM instruments WHERE code = ?1")?
        .query_row(params![code], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))
        .optional()?;
    let Some((title, question, licence)) = head else {
        return Err(Error::field("instrument", "That questionnaire is not known."));
    };
    let items = conn
        .prepare_cached("SELECT number, text FROM instrument_items WHERE instrument = ?1 ORDER BY number")?
        .query_map(params![code], |r| Ok(InstrumentItem { number: r.get(0)?, text: r.get(1)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let options = conn
        .prepare_cached("SELECT value, label FROM instrument_options WHERE instrument = ?1 ORDER BY value")?
        .query_map(params![code], |r| Ok(InstrumentOption { value: r.get(0)?, label: r.get(1)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let bands = conn
        .prepare_cached(
            "SELECT min_total, max_total, label FROM instrument_bands WHERE instrument = ?1 ORDER BY min_total",
        )?
        .query_map(params![code], |r| Ok(Band { min_total: r.get(0)?, max_total: r.get(1)?, label: r.get(2)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let alerts = conn
        .prepare_cached("SELECT item_number, min_value, message FROM instrument_alerts WHERE instrument = ?1")?
        .query_map(params![code], |r| {
            Ok(AlertRule { item_number: r.get(0)?, min_value: r.get(1)?, message: r.get(2)? })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Instrument { code: code.to_owned(), title, question, licence, items, options, bands, alerts })
}

/// A questionnaire a clinic adds under its own licence, as a JSON document:
/// `{"code": "...", "title": "...", "question": "...", "licence": "...",
///   "items": ["first item", ...], "options": [{"value": 0, "label": "Never"}, ...],
///   "bands": [{"minTotal": 0, "maxTotal": 4, "label": "Low"}, ...],
///   "alerts": [{"itemNumber": 3, "minValue": 1, "message": "..."}]}`
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InstrumentDefinition {
    pub code: String,
    pub title: String,
    pub question: String,
    pub licence: String,
    pub items: Vec<String>,
    pub options: Vec<OptionDefinition>,
    pub bands: Vec<BandDefinition>,
    #[serde(default)]
    pub alerts: Vec<AlertDefinition>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OptionDefinition {
    pub value: i64,
    pub label: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BandDefinition {
    pub min_total: i64,
    pub max_total: i64,
    pub label: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AlertDefinition {
    pub item_number: i64,
    pub min_value: i64,
    pub message: String,
}

/// Checks a definition: a new lower-case code, at least one item, distinct option values, bands
/// that cover every possible total exactly once, alerts on real items. Then saves it (one
/// transaction) so it appears beside PHQ-9 and GAD-7.
pub fn import_instrument(tx: &Transaction, actor: &Actor, def: &InstrumentDefinition) -> Result<Instrument> {
    actor.require(Permission::EditContent)?;
    let code = def.code.trim();
    let exists: bool =
        tx.query_row("SELECT EXISTS (SELECT 1 FROM instruments WHERE code = ?1)", params![code], |r| r.get(0))?;
    check_definition(def, exists)?;
    let sort: i64 = tx.query_row("SELECT COALESCE(MAX(sort), 0) + 1 FROM instruments", [], |r| r.get(0))?;
    tx.execute(
        "INSERT INTO instruments (code, title, question, licence, shipped, sort) VALUES (?1, ?2, ?3, ?4, 0, ?5)",
        params![code, def.title.trim(), def.question.trim(), def.licence.trim(), sort],
    )?;
    for (i, text) in def.items.iter().enumerate() {
        tx.execute(
            "INSERT INTO instrument_items (instrument, number, text) VALUES (?1, ?2, ?3)",
            params![code, i as i64 + 1, text.trim()],
        )?;
    }
    for o in &def.options {
        tx.execute(
            "INSERT INTO instrument_options (instrument, value, label) VALUES (?1, ?2, ?3)",
            params![code, o.value, o.label.trim()],
        )?;
    }
    for b in &def.bands {
        tx.execute(
            "INSERT INTO instrument_bands (instrument, min_total, max_total, label) VALUES (?1, ?2, ?3, ?4)",
            params![code, b.min_total, b.max_total, b.label.trim()],
        )?;
    }
    for a in &def.alerts {
        tx.execute(
            "INSERT INTO instrument_alerts (instrument, item_number, min_value, message) VALUES (?1, ?2, ?3, ?4)",
            params![code, a.item_number, a.min_value, a.message.trim()],
        )?;
    }
    load(tx, code)
}

/// The checks `import_instrument` makes before it writes anything, but for looking the code up:
/// `code_taken` says whether a questionnaire with this code already exists. Pure, so any
/// document can be checked without a clinic (the fuzzer does).
pub fn check_definition(def: &InstrumentDefinition, code_taken: bool) -> Result<()> {
    let mut c = Checker::new();
    let code = def.code.trim();
    if !(2..=32).contains(&code.len())
        || !code.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
    {
        c.fail("code", "Code should be 2 to 32 lower-case letters, digits or underscores.");
    }
    if code_taken {
        c.fail("code", "A questionnaire with this code already exists.");
    }
    c.required_text("title", "Title", &def.title, crate::validate::SHORT_TEXT_MAX);
    c.required_text("question", "Question", &def.question, 500);
    c.required_text("licence", "Licence", &def.licence, 300);
    if def.items.is_empty() || def.items.len() > 100 {
        c.fail("items", "A questionnaire needs between 1 and 100 items.");
    }
    for (i, text) in def.items.iter().enumerate() {
        c.required_text(&format!("items.{i}"), "Item", text, 500);
    }
    let mut values: Vec<i64> = def.options.iter().map(|o| o.value).collect();
    values.sort_unstable();
    values.dedup();
    if def.options.len() < 2 || values.len() != def.options.len() || values.iter().any(|v| !(0..=100).contains(v)) {
        c.fail("options", "Give at least two options with different values from 0 to 100.");
    }
    for (i, o) in def.options.iter().enumerate() {
        c.required_text(&format!("options.{i}.label"), "Option", &o.label, crate::validate::SHORT_TEXT_MAX);
    }
    // Saturating: an option value or band out of range is refused above and below, and must not
    // overflow on the way there.
    let min_total = values.first().copied().unwrap_or(0).saturating_mul(def.items.len() as i64);
    let max_total = values.last().copied().unwrap_or(0).saturating_mul(def.items.len() as i64);
    let mut bands: Vec<&BandDefinition> = def.bands.iter().collect();
    bands.sort_by_key(|b| b.min_total);
    let mut next = min_total;
    let mut bands_ok = !bands.is_empty();
    for b in &bands {
        bands_ok &= b.min_total == next && b.max_total >= b.min_total && !b.label.trim().is_empty();
        next = b.max_total.saturating_add(1);
    }
    if !bands_ok || next != max_total.saturating_add(1) {
        c.fail(
            "bands",
            format!("Bands must cover every total from {min_total} to {max_total} once, in order, each with a label."),
        );
    }
    for (i, a) in def.alerts.iter().enumerate() {
        if a.item_number < 1 || a.item_number > def.items.len() as i64 {
            c.fail(&format!("alerts.{i}.itemNumber"), "The alert refers to an item the questionnaire does not have.");
        }
        c.required_text(&format!("alerts.{i}.message"), "Alert message", &a.message, 500);
    }
    c.finish()
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeasureInput {
    pub instrument: String,
    /// YYYY-MM-DD; the day it was answered.
    pub taken_on: String,
    pub answers: Vec<Answer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeasureResult {
    pub id: i64,
    pub instrument: String,
    pub instrument_title: String,
    pub taken_on: NaiveDate,
    pub total: i64,
    pub max_total: i64,
    pub band: String,
    /// The alert message when an answer needs attention.
    pub alert: Option<String>,
    /// Whether a counsellor has acknowledged the alert.
    pub acknowledged: bool,
    pub answers: Vec<Answer>,
}

/// Scores and saves one administration. `today` is the clinic's date.
pub fn record(
    tx: &Transaction,
    actor: &Actor,
    person_id: i64,
    input: &MeasureInput,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<MeasureResult> {
    actor.require(Permission::EditClinical)?;
    people::get_unchecked(tx, person_id)?;
    let instrument = load(tx, input.instrument.trim())?;
    let mut c = Checker::new();
    let taken_on = c.date("takenOn", "Date answered", Some(&input.taken_on), NaiveDate::MIN, today);
    if taken_on.is_none() && input.taken_on.trim().is_empty() {
        c.fail("takenOn", "Date answered is required.");
    }
    let checked = c.finish();
    let scored = score(&instrument, &input.answers);
    let (taken_on, s) = match (checked, scored, taken_on) {
        (Ok(()), Ok(s), Some(d)) => (d, s),
        (a, b, _) => {
            let mut all = Vec::new();
            for r in [a.err(), b.err()].into_iter().flatten() {
                match r {
                    Error::Validation(v) => all.extend(v),
                    other => return Err(other),
                }
            }
            return Err(Error::Validation(all));
        }
    };
    tx.execute(
        "INSERT INTO measure_results (person_id, instrument, taken_on, total, band, alert, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            person_id,
            instrument.code,
            taken_on,
            s.total,
            s.band,
            !s.alerts.is_empty(),
            actor.account_id,
            now.to_rfc3339()
        ],
    )?;
    let id = tx.last_insert_rowid();
    for a in &input.answers {
        if let Some(v) = a.value {
            tx.execute(
                "INSERT INTO measure_answers (result_id, item_number, value) VALUES (?1, ?2, ?3)",
                params![id, a.item_number, v],
            )?;
        }
    }
    let detail = format!("instrument={}", instrument.code);
    audit::log(tx, actor, action::MEASURE_RECORD, Some(person_id), &detail, now)?;
    get(tx, id)
}

/// Records that a counsellor has seen and acted on a result's alert.
pub fn acknowledge_alert(tx: &Transaction, actor: &Actor, result_id: i64, now: DateTime<Utc>) -> Result<MeasureResult> {
    actor.require(Permission::EditClinical)?;
    let r = get(tx, result_id)?;
    if r.alert.is_none() {
        return Err(Error::Conflict("This result has no alert to acknowledge.".into()));
    }
    tx.execute(
        "UPDATE measure_results SET acknowledged_by = ?1, acknowledged_at = ?2 WHERE id = ?3 AND acknowledged_at IS NULL",
        params![actor.account_id, now.to_rfc3339(), result_id],
    )?;
    let person: i64 =
        tx.query_row("SELECT person_id FROM measure_results WHERE id = ?1", params![result_id], |r| r.get(0))?;
    audit::log(tx, actor, action::MEASURE_ALERT_ACKNOWLEDGE, Some(person), &format!("result={result_id}"), now)?;
    get(tx, result_id)
}

fn get(conn: &Connection, id: i64) -> Result<MeasureResult> {
    let row = conn
        .prepare_cached(
            "SELECT m.instrument, i.title, m.taken_on, m.total, m.band, m.alert, m.acknowledged_at IS NOT NULL
             FROM measure_results m JOIN instruments i ON i.code = m.instrument WHERE m.id = ?1",
        )?
        .query_row(params![id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, NaiveDate>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, bool>(5)?,
                r.get::<_, bool>(6)?,
            ))
        })
        .optional()?;
    let Some((code, title, taken_on, total, band, alert, acknowledged)) = row else {
        return Err(Error::NotFound { what: "measure result", id });
    };
    let instrument = load(conn, &code)?;
    let answers = conn
        .prepare_cached("SELECT item_number, value FROM measure_answers WHERE result_id = ?1 ORDER BY item_number")?
        .query_map(params![id], |r| Ok(Answer { item_number: r.get(0)?, value: Some(r.get(1)?) }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let alert = alert.then(|| {
        instrument
            .alerts
            .iter()
            .filter(|rule| {
                answers.iter().any(|a| a.item_number == rule.item_number && a.value.unwrap_or(0) >= rule.min_value)
            })
            .map(|rule| rule.message.clone())
            .collect::<Vec<_>>()
            .join(" ")
    });
    Ok(MeasureResult {
        id,
        instrument: code,
        instrument_title: title,
        taken_on,
        total,
        max_total: instrument.max_total(),
        band,
        alert,
        acknowledged,
        answers,
    })
}

/// Every result for a person, oldest first (the order a trend is drawn in). The caller audits
/// the read (see `chart::open`).
pub(crate) fn history(conn: &Connection, person_id: i64) -> Result<Vec<MeasureResult>> {
    let ids = conn
        .prepare_cached("SELECT id FROM measure_results WHERE person_id = ?1 ORDER BY taken_on, id")?
        .query_map(params![person_id], |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    ids.into_iter().map(|id| get(conn, id)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inst(conn: &Connection, code: &str) -> Instrument {
        load(conn, code).unwrap()
    }

    /// Answers whose values add up to `total`, filling items from the first with the largest value.
    fn answers_totalling(i: &Instrument, mut total: i64) -> Vec<Answer> {
        let top = i.options.iter().map(|o| o.value).max().unwrap();
        i.items
            .iter()
            .map(|it| {
                let v = total.min(top);
                total -= v;
                Answer { item_number: it.number, value: Some(v) }
            })
            .collect()
    }

    fn check_band(conn: &Connection, code: &str, total: i64, band: &str) {
        let i = inst(conn, code);
        let s = score(&i, &answers_totalling(&i, total)).unwrap();
        assert_eq!((s.total, s.band.as_str()), (total, band), "{code} total {total} falls in the {band} band");
    }

    #[test]
    fn phq9_bands_at_every_edge() {
        let conn = crate::store::open_in_memory().unwrap();
        for (t, b) in [
            (0, "Minimal"),
            (4, "Minimal"),
            (5, "Mild"),
            (9, "Mild"),
            (10, "Moderate"),
            (14, "Moderate"),
            (15, "Moderately severe"),
            (19, "Moderately severe"),
            (20, "Severe"),
            (27, "Severe"),
        ] {
            check_band(&conn, "phq9", t, b);
        }
        assert_eq!(inst(&conn, "phq9").max_total(), 27);
    }

    #[test]
    fn gad7_bands_at_every_edge() {
        let conn = crate::store::open_in_memory().unwrap();
        for (t, b) in [
            (0, "Minimal"),
            (4, "Minimal"),
            (5, "Mild"),
            (9, "Mild"),
            (10, "Moderate"),
            (14, "Moderate"),
            (15, "Severe"),
            (21, "Severe"),
        ] {
            check_band(&conn, "gad7", t, b);
        }
        assert_eq!(inst(&conn, "gad7").max_total(), 21);
    }

    #[test]
    fn phq9_item_9_above_zero_raises_the_alert_and_zero_does_not() {
        let conn = crate::store::open_in_memory().unwrap();
        let i = inst(&conn, "phq9");
        let mut a: Vec<Answer> = (1..=9).map(|n| Answer { item_number: n, value: Some(0) }).collect();
        assert!(score(&i, &a).unwrap().alerts.is_empty());
        a[8].value = Some(1);
        let s = score(&i, &a).unwrap();
        assert_eq!(s.alerts.len(), 1);
        assert!(s.alerts[0].contains("self-harm"), "{}", s.alerts[0]);
        a[8].value = Some(0);
        a[0].value = Some(3);
        assert!(score(&i, &a).unwrap().alerts.is_empty(), "a high score elsewhere is not the item-9 alert");
    }

    #[test]
    fn unanswered_or_impossible_answers_give_no_score() {
        let conn = crate::store::open_in_memory().unwrap();
        let i = inst(&conn, "gad7");
        let mut a: Vec<Answer> = (1..=7).map(|n| Answer { item_number: n, value: Some(1) }).collect();
        a[3].value = None;
        a[5].value = Some(4);
        match score(&i, &a) {
            Err(Error::Validation(v)) => {
                let fields: Vec<&str> = v.iter().map(|f| f.field.as_str()).collect();
                assert_eq!(fields, vec!["answers.4", "answers.6"]);
                assert_eq!(v[0].message, "Item 4 is not answered. Every item is needed for a score.");
            }
            other => panic!("expected field errors, got {other:?}"),
        }
        a.truncate(6);
        assert!(score(&i, &a).is_err(), "a missing item is unanswered too");
    }

    #[test]
    fn the_pain_rating_is_one_item_from_0_to_10() {
        let conn = crate::store::open_in_memory().unwrap();
        let i = inst(&conn, "pain_nrs");
        for (v, b) in [(0, "No pain"), (3, "Mild"), (4, "Moderate"), (7, "Severe"), (10, "Severe")] {
            assert_eq!(score(&i, &[Answer { item_number: 1, value: Some(v) }]).unwrap().band, b);
        }
        assert!(score(&i, &[Answer { item_number: 1, value: Some(11) }]).is_err(), "11 is outside 0-10");
    }

    fn definition() -> InstrumentDefinition {
        serde_json::from_str(
            r#"{"code": "short3", "title": "Short three", "question": "In the last week?", "licence": "Licensed to the clinic, 2026",
                "items": ["One", "Two", "Three"],
                "options": [{"value": 0, "label": "No"}, {"value": 1, "label": "Some"}, {"value": 2, "label": "Lots"}],
                "bands": [{"minTotal": 0, "maxTotal": 2, "label": "Low"}, {"minTotal": 3, "maxTotal": 6, "label": "High"}],
                "alerts": [{"itemNumber": 3, "minValue": 2, "message": "Ask about item three."}]}"#,
        )
        .unwrap()
    }

    fn counsellor() -> Actor {
        Actor { account_id: 1, username: "c".into(), roles: vec![crate::access::Role::Counsellor] }
    }

    #[test]
    fn an_imported_definition_scores_like_a_shipped_one() {
        let mut conn = crate::store::open_in_memory().unwrap();
        conn.execute(
            "INSERT INTO accounts (id, username, display_name, created_at, updated_at) VALUES (1, 'c', 'C', 'x', 'x')",
            [],
        )
        .unwrap();
        let tx = conn.transaction().unwrap();
        let i = import_instrument(&tx, &counsellor(), &definition()).unwrap();
        tx.commit().unwrap();
        assert_eq!(i.max_total(), 6);
        let s = score(
            &i,
            &[1, 1, 2]
                .iter()
                .enumerate()
                .map(|(n, v)| Answer { item_number: n as i64 + 1, value: Some(*v) })
                .collect::<Vec<_>>(),
        )
        .unwrap();
        assert_eq!((s.total, s.band.as_str(), s.alerts.len()), (4, "High", 1));
    }

    #[test]
    fn a_definition_with_gaps_in_its_bands_or_bad_alerts_is_refused_whole() {
        let mut conn = crate::store::open_in_memory().unwrap();
        let mut d = definition();
        d.bands[1].min_total = 4; // total 3 would have no band
        d.alerts[0].item_number = 7;
        d.code = "Bad Code".into();
        let tx = conn.transaction().unwrap();
        match import_instrument(&tx, &counsellor(), &d) {
            Err(Error::Validation(v)) => {
                let f: Vec<&str> = v.iter().map(|e| e.field.as_str()).collect();
                assert_eq!(f, vec!["code", "bands", "alerts.0.itemNumber"]);
            }
            other => panic!("expected field errors, got {other:?}"),
        }
        let n: i64 = tx.query_row("SELECT count(*) FROM instruments", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 3, "only the shipped three");
        let dup = InstrumentDefinition { code: "phq9".into(), ..definition() };
        assert!(import_instrument(&tx, &counsellor(), &dup).is_err(), "a shipped code cannot be replaced");
    }

    #[test]
    fn a_clinic_can_add_a_licensed_instrument_as_rows() {
        let conn = crate::store::open_in_memory().unwrap();
        conn.execute_batch(
            "INSERT INTO instruments (code, title, question, licence, shipped, sort) VALUES ('x2', 'Two items', 'How?', 'Licensed to the clinic', 0, 9);
             INSERT INTO instrument_items VALUES ('x2', 1, 'First'), ('x2', 2, 'Second');
             INSERT INTO instrument_options VALUES ('x2', 0, 'No'), ('x2', 1, 'Yes');
             INSERT INTO instrument_bands VALUES ('x2', 0, 1, 'Low'), ('x2', 2, 2, 'High');",
        )
        .unwrap();
        let i = inst(&conn, "x2");
        let s =
            score(&i, &[Answer { item_number: 1, value: Some(1) }, Answer { item_number: 2, value: Some(1) }]).unwrap();
        assert_eq!((s.total, s.band.as_str()), (2, "High"));
    }
}
