//! Everything the clinic holds about one person, to give to them.
//!
//! The JSON file is complete by construction: each section is every column of every row that
//! belongs to the person (their own rows, and their part of shared ones such as a couple's
//! course), with checklist codes, library items and staff given their names alongside. The PDF
//! says the same in readable form: one heading per section, each row as labelled lines, and the
//! audit entries as a table of when, who and what.
//!
//! Exporting is audited (`person.export_record`) before the audit entries are read, so the
//! export lists itself.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use serde_json::{json, Map, Value};
use ts_rs::TS;

use super::{ids, object, rows, Row};
use crate::access::{Actor, Permission};
use crate::audit::{self, action};
use crate::audit_view;
use crate::error::{Error, Result};
use crate::handouts::model::{Block, Document, Letterhead, Paper};
use crate::handouts::{layout, pdf};
use crate::people;
use crate::scheduling::book::{self, Describer, Expander};
use crate::scheduling::AppointmentRef;

/// The format's name and version, at the top of the JSON file.
pub const FORMAT: &str = "rekindle-client-record";
pub const FORMAT_VERSION: u32 = 1;

/// The courses the person's chart holds, and the ones they attend as a partner.
const THEIR_COURSES: &str =
    "SELECT id FROM courses WHERE person_id = ?1 UNION SELECT course_id FROM course_attendees WHERE person_id = ?1";

/// One part of the record: a key in the JSON file, a heading in the PDF, and the rows.
struct Section {
    key: &'static str,
    title: &'static str,
    sql: String,
}

fn sections() -> Vec<Section> {
    let courses = THEIR_COURSES;
    let sessions = format!("SELECT id FROM course_sessions WHERE course_id IN ({courses})");
    let s = |key, title, sql: String| Section { key, title, sql };
    vec![
        s(
            "person",
            "Your details",
            "SELECT p.*, cm.label AS preferred_contact_label FROM people p
               LEFT JOIN contact_methods cm ON cm.code = p.preferred_contact WHERE p.id = ?1"
                .into(),
        ),
        s(
            "relationships",
            "Relationships",
            "SELECT r.*, st.label AS structure_label,
                    (SELECT group_concat(coalesce(p.preferred_name, p.given_name) || coalesce(' ' || p.family_name, ''), ', ')
                       FROM relationship_members o JOIN people p ON p.id = o.person_id
                      WHERE o.relationship_id = r.id AND o.person_id <> ?1) AS with_people
               FROM relationships r
               JOIN relationship_members m ON m.relationship_id = r.id AND m.person_id = ?1
               LEFT JOIN relationship_structures st ON st.code = r.structure
              ORDER BY r.id"
                .into(),
        ),
        s("intake", "Intake", "SELECT * FROM intakes WHERE person_id = ?1".into()),
        s(
            "intakeDiagnoses",
            "Diagnoses",
            "SELECT coalesce(c.label, d.diagnosis) AS diagnosis_label, d.*
               FROM intake_diagnoses d JOIN intakes i ON i.id = d.intake_id
               LEFT JOIN checklist_items c ON c.list = 'diagnosis' AND c.code = d.diagnosis
              WHERE i.person_id = ?1 ORDER BY d.sort"
                .into(),
        ),
        s(
            "intakeTreatments",
            "Treatments",
            "SELECT coalesce(c.label, t.kind) AS treatment_label, a.label AS agent_class_label, t.*
               FROM intake_treatments t JOIN intakes i ON i.id = t.intake_id
               LEFT JOIN checklist_items c ON c.list = 'treatment' AND c.code = t.kind
               LEFT JOIN checklist_items a ON a.list = 'agent_class' AND a.code = t.agent_class
              WHERE i.person_id = ?1 ORDER BY t.sort"
                .into(),
        ),
        s(
            "intakeSideEffects",
            "Side effects",
            "SELECT coalesce(c.label, e.code) AS side_effect_label, e.*
               FROM intake_side_effects e JOIN intakes i ON i.id = e.intake_id
               LEFT JOIN checklist_items c ON c.list = 'side_effect' AND c.code = e.code
              WHERE i.person_id = ?1 ORDER BY c.sort"
                .into(),
        ),
        s(
            "intakeTicks",
            "Body image, feelings and causes of pain",
            "SELECT coalesce(c.label, k.code) AS item_label, k.*
               FROM intake_ticks k JOIN intakes i ON i.id = k.intake_id
               LEFT JOIN checklist_items c ON c.list = k.list AND c.code = k.code
              WHERE i.person_id = ?1 ORDER BY k.list, c.sort"
                .into(),
        ),
        s(
            "intakePartners",
            "Partners in your intake",
            "SELECT coalesce(p.preferred_name, p.given_name) || coalesce(' ' || p.family_name, '') AS partner_name, ip.*
               FROM intake_partners ip JOIN intakes i ON i.id = ip.intake_id
               JOIN people p ON p.id = ip.person_id
              WHERE i.person_id = ?1"
                .into(),
        ),
        s(
            "partnerPerspectives",
            "Your side, as recorded in a partner's intake",
            "SELECT ip.* FROM intake_partners ip WHERE ip.person_id = ?1".into(),
        ),
        s(
            "intakeAddenda",
            "Intake addenda",
            "SELECT a.* FROM intake_addenda a JOIN intakes i ON i.id = a.intake_id WHERE i.person_id = ?1 ORDER BY a.id"
                .into(),
        ),
        s(
            "cautionOverrides",
            "Cautions set aside",
            "SELECT * FROM caution_overrides WHERE person_id = ?1 ORDER BY id".into(),
        ),
        s(
            "measures",
            "Questionnaires",
            "SELECT ins.title AS instrument_title, m.* FROM measure_results m
               LEFT JOIN instruments ins ON ins.code = m.instrument
              WHERE m.person_id = ?1 ORDER BY m.taken_on, m.id"
                .into(),
        ),
        s(
            "measureAnswers",
            "Questionnaire answers",
            "SELECT a.* FROM measure_answers a JOIN measure_results m ON m.id = a.result_id
              WHERE m.person_id = ?1 ORDER BY a.result_id, a.item_number"
                .into(),
        ),
        s("courses", "Courses", format!("SELECT * FROM courses WHERE id IN ({courses}) ORDER BY id")),
        s(
            "courseAttendees",
            "Who attends each course",
            format!(
                "SELECT coalesce(p.preferred_name, p.given_name) || coalesce(' ' || p.family_name, '') AS name, ca.*
                   FROM course_attendees ca JOIN people p ON p.id = ca.person_id
                  WHERE ca.course_id IN ({courses})"
            ),
        ),
        s(
            "sessions",
            "Sessions",
            format!("SELECT * FROM course_sessions WHERE course_id IN ({courses}) ORDER BY course_id, number"),
        ),
        s(
            "sessionItems",
            "What each session covered",
            format!(
                "SELECT v.title AS library_title, si.* FROM session_items si
                   LEFT JOIN library_item_versions v ON v.item_id = si.item_id AND v.version = si.item_version
                  WHERE si.session_id IN ({sessions}) ORDER BY si.session_id, si.section, si.position"
            ),
        ),
        s(
            "homeworkFor",
            "Who each piece of homework was for",
            format!(
                "SELECT coalesce(p.preferred_name, p.given_name) || coalesce(' ' || p.family_name, '') AS name, sp.*
                   FROM session_item_people sp JOIN people p ON p.id = sp.person_id
                   JOIN session_items si ON si.id = sp.session_item_id
                  WHERE si.session_id IN ({sessions})"
            ),
        ),
        s(
            "sessionNotes",
            "Session notes",
            format!("SELECT * FROM session_notes WHERE session_id IN ({sessions}) ORDER BY session_id"),
        ),
        s(
            "sessionAttendance",
            "Who came to each session",
            format!("SELECT * FROM session_attendance WHERE session_id IN ({sessions})"),
        ),
        s(
            "sessionNoteAddenda",
            "Session note addenda",
            format!("SELECT * FROM session_note_addenda WHERE session_id IN ({sessions}) ORDER BY id"),
        ),
        s(
            "homeworkReviews",
            "Homework reviews",
            format!("SELECT * FROM homework_reviews WHERE session_id IN ({sessions}) ORDER BY session_id"),
        ),
        s(
            "appointmentSeries",
            "Repeating appointments",
            "SELECT s.* FROM appointment_series s JOIN series_attendees a ON a.series_id = s.id
              WHERE a.person_id = ?1 ORDER BY s.first_start"
                .into(),
        ),
        s(
            "waitlist",
            "Waiting list",
            "SELECT * FROM waitlist WHERE person_id = ?1 ORDER BY id".into(),
        ),
        s(
            "handoutsPrinted",
            "Handouts given to you",
            "SELECT v.title AS handout_title, h.* FROM handout_prints h
               LEFT JOIN handout_template_versions v ON v.template_id = h.template_id AND v.version = h.version
              WHERE h.person_id = ?1 ORDER BY h.printed_at"
                .into(),
        ),
    ]
}

/// Columns that name a staff member by account id; the PDF gives the name.
const STAFF: &[&str] = &[
    "created_by",
    "signed_by",
    "recorded_by",
    "acknowledged_by",
    "override_by",
    "reviewed_by",
    "printed_by",
    "author_id",
    "counsellor_id",
    "added_by",
];

/// Columns holding a code that the section's query also gives by name (as `…_label`).
const CODES: &[&str] = &["diagnosis", "kind", "agent_class", "code", "structure", "preferred_contact"];

/// Columns that hold 0 or 1 for no or yes.
const YES_NO: &[&str] = &[
    "is_client",
    "print_discreet",
    "latex_allergy",
    "has_ostomy",
    "pain_during_sex",
    "pain_new_or_worsening",
    "infection_signs",
    "disclosure_concern",
    "metastatic",
    "pelvic",
    "attends",
    "consent_to_contact",
    "alert",
    "discreet",
    "with_diagnosis",
];

/// A finished export: the JSON text, the PDF bytes, and a neutral folder name for them.
pub struct ClientExport {
    pub folder_name: String,
    pub json: String,
    pub pdf: Vec<u8>,
}

/// Where an export was written.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportWritten {
    pub folder: String,
    pub files: Vec<String>,
}

/// Gathers the person's whole record, records the export, and makes both files.
pub fn export(tx: &Transaction, actor: &Actor, person_id: i64, now: DateTime<Utc>) -> Result<ClientExport> {
    actor.require(Permission::ClientRights)?;
    let person = people::get_unchecked(tx, person_id)?;
    audit::log(tx, actor, action::RECORD_EXPORT, Some(person_id), "", now)?;

    let staff: HashMap<i64, String> = {
        let mut st = tx.prepare("SELECT id, display_name FROM accounts")?;
        let v = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        v
    };
    let mut record = Map::new();
    record.insert("format".into(), json!(FORMAT));
    record.insert("formatVersion".into(), json!(FORMAT_VERSION));
    record.insert("exportedAt".into(), json!(now.to_rfc3339()));
    record.insert("exportedBy".into(), json!(staff.get(&actor.account_id)));
    let clinic = crate::clinic::get(tx, actor)?;
    record.insert("clinic".into(), json!({ "name": clinic.name, "address": clinic.address, "phone": clinic.phone }));

    let mut gathered: Vec<(&'static str, &'static str, Vec<Row>)> = Vec::new();
    for s in sections() {
        let v = rows(tx, &s.sql, params![person_id])?;
        record.insert(s.key.into(), Value::from(v.iter().map(object).collect::<Vec<_>>()));
        gathered.push((s.key, s.title, v));
    }
    let appointments = appointments_of(tx, person_id)?;
    record.insert("appointments".into(), serde_json::to_value(&appointments).map_err(json_fault)?);
    let audit_rows = audit_entries(tx, person_id)?;
    record.insert("auditEntries".into(), Value::from(audit_rows.iter().map(object).collect::<Vec<_>>()));
    let mut staff_list: Vec<(&i64, &String)> = staff.iter().collect();
    staff_list.sort();
    record.insert(
        "staff".into(),
        Value::from(staff_list.into_iter().map(|(id, name)| json!({ "id": id, "name": name })).collect::<Vec<_>>()),
    );
    let json = serde_json::to_string_pretty(&Value::Object(record)).map_err(json_fault)?;

    let paper = paper(tx)?;
    let logo: Option<Vec<u8>> =
        tx.query_row("SELECT logo_png FROM clinic WHERE id = 1", [], |r| r.get(0)).optional()?.flatten();
    let name = person.full_name();
    let doc = summary(SummaryInput {
        paper,
        clinic: &clinic,
        logo: logo.clone(),
        name: &name,
        made_on: now.format("%-d %B %Y").to_string(),
        gathered: &gathered,
        appointments: &appointments,
        audit: &audit_rows,
        staff: &staff,
    });
    let pages = layout::layout(&doc);
    let pdf = pdf::render(&pages, "Client record", logo.as_deref());
    Ok(ClientExport { folder_name: format!("rekindle-record-{person_id}-{}", now.format("%Y-%m-%d")), json, pdf })
}

/// Writes `record.json` and `record.pdf` into a new folder `folder_name` inside `parent`.
/// Refuses when that folder already exists, so an earlier export is never overwritten.
pub fn write_export(parent: &Path, e: &ClientExport) -> Result<ExportWritten> {
    if !parent.is_dir() {
        return Err(Error::field("folder", "That folder does not exist."));
    }
    let dir = parent.join(&e.folder_name);
    write_files(&dir, e)
}

/// Writes `record.json` and `record.pdf` into `dir` (created if missing; the files must not
/// exist yet). Used by the command line, which is given the folder itself.
pub fn write_files(dir: &Path, e: &ClientExport) -> Result<ExportWritten> {
    let json_path = dir.join("record.json");
    let pdf_path = dir.join("record.pdf");
    if json_path.exists() || pdf_path.exists() {
        return Err(Error::field("folder", "That folder already holds an exported record. Choose another."));
    }
    let io = |e: std::io::Error| Error::storage("writing the exported record", e);
    fs::create_dir_all(dir).map_err(io)?;
    for (path, bytes) in [(&json_path, e.json.as_bytes()), (&pdf_path, e.pdf.as_slice())] {
        let mut f = fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(io)?;
        f.write_all(bytes).map_err(io)?;
        f.sync_all().map_err(io)?;
    }
    let files = [json_path, pdf_path].iter().map(|p: &PathBuf| p.display().to_string()).collect();
    Ok(ExportWritten { folder: dir.display().to_string(), files })
}

fn json_fault(_: serde_json::Error) -> Error {
    Error::Conflict("The record could not be written out as JSON.".into())
}

fn paper(conn: &Connection) -> Result<Paper> {
    let code: String = conn.query_row("SELECT paper FROM clinic WHERE id = 1", [], |r| r.get(0))?;
    Ok(Paper::from_code(&code).unwrap_or(Paper::A4))
}

/// Every appointment the person is booked into, single or part of a series, as the calendar
/// describes it (names, times, room, status, reception's note).
fn appointments_of(conn: &Connection, person_id: i64) -> Result<Vec<crate::scheduling::Appointment>> {
    let mut refs: Vec<AppointmentRef> = ids(
        conn,
        "SELECT a.id FROM appointments a JOIN appointment_attendees t ON t.appointment_id = a.id
          WHERE t.person_id = ?1 AND a.series_id IS NULL",
        params![person_id],
    )?
    .into_iter()
    .map(AppointmentRef::Single)
    .collect();
    let mut ex = Expander::default();
    for sid in ids(conn, "SELECT series_id FROM series_attendees WHERE person_id = ?1", params![person_id])? {
        let row = book::series(conn, sid)?;
        let n = ex.get(conn, row)?.1.len();
        refs.extend(
            (0..n).filter_map(|i| u32::try_from(i).ok()).map(|index| AppointmentRef::Occurrence { series: sid, index }),
        );
    }
    let d = Describer::new(conn)?;
    d.refs(conn, &mut ex, &refs)
}

/// The audit entries about the person, oldest first, with the staff member's name and the
/// action in plain words.
fn audit_entries(conn: &Connection, person_id: i64) -> Result<Vec<Row>> {
    let mut v = rows(
        conn,
        "SELECT l.id, l.at, a.display_name AS staff, l.action, l.outcome, l.detail
           FROM audit_log l LEFT JOIN accounts a ON a.id = l.account_id
          WHERE l.person_id = ?1 ORDER BY l.id",
        params![person_id],
    )?;
    for m in &mut v {
        let what = get(m, "action").and_then(Value::as_str).map(audit_view::describe).unwrap_or("").to_owned();
        m.push(("what".into(), Value::from(what)));
    }
    Ok(v)
}

struct SummaryInput<'a> {
    paper: Paper,
    clinic: &'a crate::clinic::ClinicProfile,
    logo: Option<Vec<u8>>,
    name: &'a str,
    made_on: String,
    gathered: &'a [(&'static str, &'static str, Vec<Row>)],
    appointments: &'a [crate::scheduling::Appointment],
    audit: &'a [Row],
    staff: &'a HashMap<i64, String>,
}

/// "hormone_receptor_positive" -> "Hormone receptor positive".
fn label(column: &str) -> String {
    let s = column.strip_suffix("_label").unwrap_or(column).replace('_', " ");
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => s,
    }
}

/// One row as label and value pairs: ids and empty values left out, staff named, yes or no
/// said in words, times shortened.
fn facts(row: &Row, staff: &HashMap<i64, String>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    // A row that names its codes (`diagnosis_label`, ...) shows the name, not the code.
    let named = row.iter().any(|(c, _)| c.ends_with("_label"));
    for (col, v) in row {
        let is_staff = STAFF.contains(&col.as_str());
        if !is_staff && (col == "id" || col.ends_with("_id") || col == "position") {
            continue;
        }
        if named && CODES.contains(&col.as_str()) {
            continue;
        }
        let text = match v {
            Value::Null => continue,
            Value::String(s) if s.trim().is_empty() => continue,
            Value::String(s) => shorten_time(s),
            Value::Number(n) if is_staff => {
                n.as_i64().and_then(|id| staff.get(&id).cloned()).unwrap_or_else(|| "a former staff member".into())
            }
            Value::Number(n) if YES_NO.contains(&col.as_str()) => {
                if n.as_i64() == Some(1) { "Yes" } else { "No" }.to_owned()
            }
            other => other.to_string(),
        };
        let label = if is_staff { label(col.strip_suffix("_id").unwrap_or(col)) } else { label(col) };
        out.push((label, text));
    }
    out
}

/// RFC 3339 times as "2026-11-23 14:05 UTC"; anything else unchanged.
fn shorten_time(s: &str) -> String {
    match DateTime::parse_from_rfc3339(s) {
        Ok(t) => t.with_timezone(&Utc).format("%Y-%m-%d %H:%M UTC").to_string(),
        Err(_) => s.to_owned(),
    }
}

fn summary(i: SummaryInput) -> Document {
    let mut blocks = vec![
        Block::Paragraph(format!(
            "This is everything {} holds about you, as it stood on {}. The file record.json beside this \
             summary holds the same, field by field, for a computer to read.",
            i.clinic.name, i.made_on
        )),
        Block::Note(
            "Times marked UTC are in Coordinated Universal Time. Appointment times are the clinic's local time.".into(),
        ),
    ];
    for (key, title, rows) in i.gathered {
        if rows.is_empty() {
            continue;
        }
        blocks.push(Block::Heading((*title).to_owned()));
        if *key == "measureAnswers" {
            blocks.push(Block::Table {
                columns: vec![("Questionnaire number".into(), 2.0), ("Item".into(), 1.0), ("Answer".into(), 1.0)],
                rows: rows
                    .iter()
                    .map(|r| ["result_id", "item_number", "value"].iter().map(|c| cell(r, c)).collect())
                    .collect(),
            });
            continue;
        }
        for r in rows {
            let f = facts(r, i.staff);
            if !f.is_empty() {
                blocks.push(Block::Facts(f));
            }
        }
    }
    if !i.appointments.is_empty() {
        blocks.push(Block::Heading("Appointments".into()));
        blocks.push(Block::Table {
            columns: vec![("When".into(), 3.0), ("With".into(), 2.5), ("Room".into(), 2.0), ("Status".into(), 1.5)],
            rows: i
                .appointments
                .iter()
                .map(|a| {
                    vec![
                        format!("{} to {}", a.start.replace('T', " "), a.end.get(11..16).unwrap_or("")),
                        a.counsellor_name.clone(),
                        a.room_name.clone(),
                        a.status_label.clone(),
                    ]
                })
                .collect(),
        });
    }
    if !i.audit.is_empty() {
        blocks.push(Block::Heading("Who opened or changed your record".into()));
        blocks.push(Block::Table {
            columns: vec![("When".into(), 2.2), ("Who".into(), 2.0), ("What".into(), 4.0)],
            rows: i
                .audit
                .iter()
                .map(|r| {
                    let at = get(r, "at").and_then(Value::as_str).map(shorten_time).unwrap_or_default();
                    let who = get(r, "staff").and_then(Value::as_str).unwrap_or("Rekindle").to_owned();
                    vec![at, who, cell(r, "what")]
                })
                .collect(),
        });
    }
    Document {
        paper: i.paper,
        letterhead: Letterhead {
            clinic_name: Some(i.clinic.name.clone()),
            address: i.clinic.address.clone(),
            phone: i.clinic.phone.clone(),
            logo_png: i.logo,
        },
        title: "Your record".into(),
        subtitle: Some(format!("For {}, made on {}", i.name, i.made_on)),
        running_header: format!("Record of {}", i.name),
        footer: "Confidential: the client's own record".into(),
        blocks,
    }
}

fn get<'r>(r: &'r Row, col: &str) -> Option<&'r Value> {
    r.iter().find(|(c, _)| c == col).map(|(_, v)| v)
}

fn cell(r: &Row, col: &str) -> String {
    match get(r, col) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(v) => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_as_words() {
        assert_eq!(label("hormone_receptor_positive"), "Hormone receptor positive");
        assert_eq!(label("diagnosis_label"), "Diagnosis");
    }

    #[test]
    fn a_row_leaves_out_ids_and_blanks_and_names_staff() {
        let row: Row = vec![
            ("id".into(), json!(4)),
            ("intake_id".into(), json!(2)),
            ("note".into(), json!("  ")),
            ("metastatic".into(), json!(1)),
            ("recorded_by".into(), json!(7)),
            ("recorded_at".into(), json!("2026-11-23T14:05:09+00:00")),
        ];
        let staff = HashMap::from([(7, "Dr Jordan Ellis".to_string())]);
        let f = facts(&row, &staff);
        assert_eq!(
            f,
            vec![
                ("Metastatic".to_string(), "Yes".to_string()),
                ("Recorded by".to_string(), "Dr Jordan Ellis".to_string()),
                ("Recorded at".to_string(), "2026-11-23 14:05 UTC".to_string()),
            ]
        );
    }
}
