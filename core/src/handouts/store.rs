//! Handout templates, print settings, rendering a client's sheet, and the record of prints.
//!
//! Who may do what: counsellors preview, save and print a client's sheets (a clinical read,
//! audited); reception may send a sheet straight to a printer (`PrintHandouts`) but never
//! receives its content; administrators edit templates and print settings.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::compose::{self, Context, Task};
use super::markup;
use super::model::{Letterhead, Paper};
use super::{layout, pdf, svg};
use crate::access::{Actor, Permission};
use crate::audit::{self, action};
use crate::error::{Error, FieldError, Result};
use crate::validate::Checker;

/// The slug of the homework sheet's template.
pub const HOMEWORK: &str = "homework";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HandoutSummary {
    pub slug: String,
    /// homework or education.
    pub kind: String,
    pub title: String,
    pub discreet_title: String,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HandoutTemplate {
    pub slug: String,
    pub kind: String,
    pub version: i64,
    pub title: String,
    pub discreet_title: String,
    pub body: String,
    /// Who made this version; none for what Rekindle ships.
    pub edited_by: Option<String>,
    pub edited_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TemplateInput {
    pub title: String,
    pub discreet_title: String,
    pub body: String,
}

/// What to print, for whom, and how.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintOptions {
    pub person_id: i64,
    /// A template's slug; `homework` is the client's current homework sheet.
    pub handout: String,
    /// None follows the client's choice, then the clinic's default.
    #[ts(optional = nullable)]
    pub discreet: Option<bool>,
    /// The counsellor ticked that the diagnosis may be printed (never on a discreet sheet).
    #[serde(default)]
    pub include_diagnosis: bool,
}

/// How the clinic prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintSettings {
    pub paper: Paper,
    pub discreet_by_default: bool,
    /// first_name or initials: how a discreet sheet names the client.
    pub discreet_name: String,
    /// Whether a discreet sheet carries the clinic's name.
    pub discreet_clinic_name: bool,
    /// Read only: whether a logo is set.
    #[serde(default)]
    pub has_logo: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintRecord {
    pub id: i64,
    pub printed_at: DateTime<Utc>,
    pub slug: String,
    pub title: String,
    pub version: i64,
    pub printed_by: String,
    /// printer, pdf or viewer.
    pub destination: String,
    pub copies: i64,
    pub discreet: bool,
}

/// A sheet rendered for a client, ready to preview, save or print.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub pdf: Vec<u8>,
    pub pages: Vec<layout::Page>,
    /// The title printed on the sheet.
    pub title: String,
    /// A neutral name for a file or a print job: never the client's name or a clinical word.
    pub file_name: String,
    pub template_id: i64,
    pub version: i64,
    pub course_session_id: Option<i64>,
    pub discreet: bool,
    pub with_diagnosis: bool,
    pub person_id: i64,
}

/// What the preview shows: pages as SVG, drawn from the same layout as the PDF.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HandoutPreview {
    pub title: String,
    pub version: i64,
    pub discreet: bool,
    pub pages: Vec<String>,
}

impl Rendered {
    pub fn preview(&self) -> HandoutPreview {
        HandoutPreview {
            title: self.title.clone(),
            version: self.version,
            discreet: self.discreet,
            pages: svg::pages(&self.pages),
        }
    }
}

fn not_found(what: &'static str) -> Error {
    Error::NotFound { what, id: 0 }
}

pub fn list(conn: &Connection, actor: &Actor) -> Result<Vec<HandoutSummary>> {
    actor.require(Permission::ViewClinic)?;
    let mut stmt = conn.prepare_cached(
        "SELECT t.slug, t.kind, v.title, v.discreet_title, t.current_version FROM handout_templates t
         JOIN handout_template_versions v ON v.template_id = t.id AND v.version = t.current_version ORDER BY t.sort",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(HandoutSummary {
            slug: r.get(0)?,
            kind: r.get(1)?,
            title: r.get(2)?,
            discreet_title: r.get(3)?,
            version: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

fn template_at(conn: &Connection, slug: &str, version: Option<i64>) -> Result<(i64, HandoutTemplate)> {
    conn.query_row(
        "SELECT t.id, t.slug, t.kind, v.version, v.title, v.discreet_title, v.body, a.display_name, v.created_at
         FROM handout_templates t JOIN handout_template_versions v ON v.template_id = t.id
         LEFT JOIN accounts a ON a.id = v.created_by
         WHERE t.slug = ?1 AND v.version = COALESCE(?2, t.current_version)",
        params![slug, version],
        |r| {
            Ok((
                r.get(0)?,
                HandoutTemplate {
                    slug: r.get(1)?,
                    kind: r.get(2)?,
                    version: r.get(3)?,
                    title: r.get(4)?,
                    discreet_title: r.get(5)?,
                    body: r.get(6)?,
                    edited_by: r.get(7)?,
                    edited_at: r.get(8)?,
                },
            ))
        },
    )
    .optional()?
    .ok_or_else(|| not_found("handout"))
}

/// A template at its current version, for the editor.
pub fn template(conn: &Connection, actor: &Actor, slug: &str) -> Result<HandoutTemplate> {
    actor.require(Permission::EditContent)?;
    Ok(template_at(conn, slug, None)?.1)
}

/// Checks a template edit; the body's errors name the line.
pub fn validate_template(kind: &str, input: &TemplateInput) -> Result<Vec<markup::Node>> {
    let mut c = Checker::new();
    c.required_text("title", "Title", &input.title, 120);
    c.required_text("discreetTitle", "Discreet title", &input.discreet_title, 120);
    if let Some(word) = compose::clinical_word_in(&input.discreet_title, &[]) {
        c.fail("discreetTitle", format!("A discreet title cannot say “{word}”."));
    }
    let nodes = match markup::parse(&input.body) {
        Ok(nodes) => {
            if kind == "homework" && !contains(&nodes, &|n| matches!(n, markup::Node::Tasks)) {
                c.fail("body", "The homework sheet must list the tasks: add a line with {tasks}.");
            }
            nodes
        }
        Err(e) => {
            c.fail("body", e.to_string());
            vec![]
        }
    };
    c.finish()?;
    Ok(nodes)
}

fn contains(nodes: &[markup::Node], pred: &dyn Fn(&markup::Node) -> bool) -> bool {
    nodes.iter().any(|n| pred(n) || matches!(n, markup::Node::When { body, .. } if contains(body, pred)))
}

/// Saves an edit as a new version; earlier prints keep naming the version they printed.
pub fn save_template(
    tx: &Transaction,
    actor: &Actor,
    slug: &str,
    input: &TemplateInput,
    now: DateTime<Utc>,
) -> Result<HandoutTemplate> {
    actor.require(Permission::EditClinic)?;
    let (id, current) = template_at(tx, slug, None)?;
    validate_template(&current.kind, input)?;
    if current.title == input.title.trim()
        && current.discreet_title == input.discreet_title.trim()
        && current.body == input.body
    {
        return Ok(current);
    }
    let version = current.version + 1;
    tx.execute(
        "INSERT INTO handout_template_versions (template_id, version, title, discreet_title, body, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, version, input.title.trim(), input.discreet_title.trim(), input.body, actor.account_id, now],
    )?;
    tx.execute("UPDATE handout_templates SET current_version = ?2 WHERE id = ?1", params![id, version])?;
    audit::log(tx, actor, action::HANDOUT_TEMPLATE_EDIT, None, &format!("{slug} v{version}"), now)?;
    Ok(template_at(tx, slug, None)?.1)
}

pub fn settings(conn: &Connection, actor: &Actor) -> Result<PrintSettings> {
    actor.require(Permission::ViewClinic)?;
    let (paper, discreet, name, clinic_name, has_logo): (String, bool, String, bool, bool) = conn.query_row(
        "SELECT paper, discreet_by_default, discreet_name, discreet_clinic_name, logo_png IS NOT NULL FROM clinic WHERE id = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    Ok(PrintSettings {
        paper: Paper::from_code(&paper).unwrap_or(Paper::A4),
        discreet_by_default: discreet,
        discreet_name: name,
        discreet_clinic_name: clinic_name,
        has_logo,
    })
}

pub fn save_settings(
    tx: &Transaction,
    actor: &Actor,
    input: &PrintSettings,
    now: DateTime<Utc>,
) -> Result<PrintSettings> {
    actor.require(Permission::EditClinic)?;
    if !matches!(input.discreet_name.as_str(), "first_name" | "initials") {
        return Err(Error::Validation(vec![FieldError::new("discreetName", "Choose first name or initials.")]));
    }
    tx.execute(
        "UPDATE clinic SET paper = ?1, discreet_by_default = ?2, discreet_name = ?3, discreet_clinic_name = ?4, updated_at = ?5 WHERE id = 1",
        params![input.paper.code(), input.discreet_by_default, input.discreet_name, input.discreet_clinic_name, now],
    )?;
    audit::log(tx, actor, action::PRINT_SETTINGS_UPDATE, None, "", now)?;
    settings(tx, actor)
}

/// Sets or clears the clinic's logo. It must be a PNG image of at most 1 MB.
pub fn set_logo(tx: &Transaction, actor: &Actor, png: Option<&[u8]>, now: DateTime<Utc>) -> Result<PrintSettings> {
    actor.require(Permission::EditClinic)?;
    if let Some(bytes) = png {
        check_logo(bytes)?;
    }
    tx.execute("UPDATE clinic SET logo_png = ?1, updated_at = ?2 WHERE id = 1", params![png, now])?;
    audit::log(tx, actor, action::PRINT_SETTINGS_UPDATE, None, "logo", now)?;
    settings(tx, actor)
}

/// Checks a logo before it is kept: a PNG image (one the PDF writer can read) of at most 1 MB.
pub fn check_logo(bytes: &[u8]) -> Result<()> {
    let bad = |m: &str| Error::Validation(vec![FieldError::new("logo", m)]);
    if bytes.len() > 1_000_000 {
        return Err(bad("The logo can be at most 1 MB."));
    }
    if !bytes.starts_with(b"\x89PNG\r\n\x1a\n")
        || printpdf::RawImage::decode_from_bytes(bytes, &mut Vec::new()).is_err()
    {
        return Err(bad("The logo must be a PNG image."));
    }
    Ok(())
}

/// A client's own choice of discreet sheets; None follows the clinic's default.
pub fn set_client_discretion(
    tx: &Transaction,
    actor: &Actor,
    person_id: i64,
    discreet: Option<bool>,
    now: DateTime<Utc>,
) -> Result<()> {
    actor.require(Permission::EditPeople)?;
    let n = tx.execute(
        "UPDATE people SET print_discreet = ?2, updated_at = ?3 WHERE id = ?1 AND is_client = 1",
        params![person_id, discreet, now],
    )?;
    if n == 0 {
        return Err(Error::NotFound { what: "client", id: person_id });
    }
    audit::log(tx, actor, action::PERSON_PRINT_DISCRETION, Some(person_id), "", now)
}

struct Person {
    given: String,
    family: Option<String>,
    preferred: Option<String>,
}

impl Person {
    fn known_as(&self) -> &str {
        self.preferred.as_deref().filter(|p| !p.trim().is_empty()).unwrap_or(&self.given)
    }

    fn printed(&self, discreet: bool, initials: bool) -> String {
        if discreet && initials {
            let mut s: String = self.known_as().chars().next().map(|c| format!("{c}.")).unwrap_or_default();
            if let Some(f) = self.family.as_deref().and_then(|f| f.chars().next()) {
                s.push_str(&format!(" {f}."));
            }
            s
        } else if discreet {
            self.known_as().to_owned()
        } else {
            match &self.family {
                Some(f) if !f.trim().is_empty() => format!("{} {f}", self.known_as()),
                _ => self.known_as().to_owned(),
            }
        }
    }
}

fn person(conn: &Connection, id: i64) -> Result<(Person, Option<bool>, bool)> {
    conn.query_row(
        "SELECT given_name, family_name, preferred_name, print_discreet, is_client FROM people WHERE id = ?1",
        params![id],
        |r| Ok((Person { given: r.get(0)?, family: r.get(1)?, preferred: r.get(2)? }, r.get(3)?, r.get(4)?)),
    )
    .optional()?
    .ok_or(Error::NotFound { what: "client", id })
}

/// A homework task as stored: title, library item and version (none for free text), who does it.
type StoredTask = (String, Option<i64>, Option<i64>, Vec<i64>);
/// A library item's printed parts: handout text, steps, how often, how to keep track.
type TaskText = (String, Vec<String>, Option<String>, Option<String>);

/// The clinic row as printing needs it.
struct ClinicPrint {
    name: String,
    address: Option<String>,
    phone: Option<String>,
    paper: String,
    discreet_default: bool,
    discreet_name: String,
    discreet_clinic_name: bool,
    logo: Option<Vec<u8>>,
}

/// The homework of the latest session that was held (or, failing that, the latest with homework).
struct Homework {
    session_id: i64,
    tasks: Vec<StoredTask>,
    next_appointment: Option<NaiveDate>,
}

fn homework(conn: &Connection, course_id: i64, today: NaiveDate) -> Result<Option<Homework>> {
    let session: Option<(i64, i64)> = conn
        .query_row(
            "SELECT s.id, s.number FROM course_sessions s LEFT JOIN session_notes n ON n.session_id = s.id
             WHERE s.course_id = ?1 AND EXISTS (SELECT 1 FROM session_items i WHERE i.session_id = s.id AND i.section = 'homework')
             ORDER BY (COALESCE(n.held_on, s.planned_on) IS NOT NULL AND COALESCE(n.held_on, s.planned_on) <= ?2) DESC, s.number DESC
             LIMIT 1",
            params![course_id, today],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((session_id, number)) = session else { return Ok(None) };
    let mut stmt = conn.prepare_cached(
        "SELECT i.id, COALESCE(v.title, i.free_text, ''), i.item_id, i.item_version FROM session_items i
         LEFT JOIN library_item_versions v ON v.item_id = i.item_id AND v.version = i.item_version
         WHERE i.session_id = ?1 AND i.section = 'homework' ORDER BY i.position",
    )?;
    let rows: Vec<(i64, String, Option<i64>, Option<i64>)> = stmt
        .query_map(params![session_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<std::result::Result<_, _>>()?;
    let mut people =
        conn.prepare_cached("SELECT person_id FROM session_item_people WHERE session_item_id = ?1 ORDER BY person_id")?;
    let mut tasks = Vec::new();
    for (item_id, title, lib, version) in rows {
        let who: Vec<i64> = people.query_map(params![item_id], |r| r.get(0))?.collect::<std::result::Result<_, _>>()?;
        tasks.push((title, lib, version, who));
    }
    // The next booked appointment; failing that, the next session's planned date.
    let person: i64 = conn.query_row("SELECT person_id FROM courses WHERE id = ?1", [course_id], |r| r.get(0))?;
    let booked = crate::scheduling::book::next_day_after(conn, person, today)?;
    let planned: Option<NaiveDate> = conn
        .query_row(
            "SELECT MIN(planned_on) FROM course_sessions WHERE course_id = ?1 AND number > ?2 AND planned_on >= ?3",
            params![course_id, number, today],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    let next_appointment = booked.or(planned);
    Ok(Some(Homework { session_id, tasks, next_appointment }))
}

fn library_task(conn: &Connection, item: i64, version: i64) -> Result<Option<TaskText>> {
    Ok(conn
        .query_row(
            "SELECT handout_text, steps, frequency, tracking FROM library_item_versions WHERE item_id = ?1 AND version = ?2",
            params![item, version],
            |r| {
                let steps: String = r.get(1)?;
                Ok((
                    r.get(0)?,
                    steps.lines().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect(),
                    r.get(2)?,
                    r.get(3)?,
                ))
            },
        )
        .optional()?)
}

/// A composed sheet and what the print record needs, before layout.
struct Composed {
    doc: super::model::Document,
    title: String,
    file_name: String,
    neutral_title: String,
    logo: Option<Vec<u8>>,
    template_id: i64,
    version: i64,
    course_session_id: Option<i64>,
    discreet: bool,
    with_diagnosis: bool,
}

/// Renders a sheet for a client. Checks nothing and records nothing: the public functions
/// below do both.
fn render_inner(conn: &Connection, opts: &PrintOptions, today: NaiveDate) -> Result<Rendered> {
    let c = compose_inner(conn, opts, today)?;
    let pages = layout::layout(&c.doc);
    let pdf = pdf::render(&pages, &c.neutral_title, c.logo.as_deref());
    Ok(Rendered {
        pdf,
        pages,
        title: c.title,
        file_name: c.file_name,
        template_id: c.template_id,
        version: c.version,
        course_session_id: c.course_session_id,
        discreet: c.discreet,
        with_diagnosis: c.with_diagnosis,
        person_id: opts.person_id,
    })
}

/// The document model of a client's sheet, before layout (counsellors; for checks and benchmarks).
pub fn document(
    conn: &Connection,
    actor: &Actor,
    opts: &PrintOptions,
    today: NaiveDate,
) -> Result<super::model::Document> {
    actor.require(Permission::ViewClinical)?;
    Ok(compose_inner(conn, opts, today)?.doc)
}

fn compose_inner(conn: &Connection, opts: &PrintOptions, today: NaiveDate) -> Result<Composed> {
    let (client, client_choice, is_client) = person(conn, opts.person_id)?;
    if !is_client {
        return Err(Error::NotFound { what: "client", id: opts.person_id });
    }
    let (template_id, template) = template_at(conn, &opts.handout, None)?;
    let nodes = markup::parse(&template.body)
        .map_err(|e| Error::Conflict(format!("The “{}” template cannot be used: {e}", template.title)))?;

    let ClinicPrint {
        name: clinic_name,
        address,
        phone,
        paper,
        discreet_default,
        discreet_name,
        discreet_clinic_name,
        logo,
    } = conn.query_row(
        "SELECT name, address, phone, paper, discreet_by_default, discreet_name, discreet_clinic_name, logo_png FROM clinic WHERE id = 1",
        [],
        |r| {
            Ok(ClinicPrint {
                name: r.get(0)?,
                address: r.get(1)?,
                phone: r.get(2)?,
                paper: r.get(3)?,
                discreet_default: r.get(4)?,
                discreet_name: r.get(5)?,
                discreet_clinic_name: r.get(6)?,
                logo: r.get(7)?,
            })
        },
    )?;
    let discreet = opts.discreet.or(client_choice).unwrap_or(discreet_default);
    let initials = discreet_name == "initials";

    // The active course: its counsellor, the people it is for, and the latest homework.
    let course: Option<(i64, String)> = conn
        .query_row(
            "SELECT c.id, a.display_name FROM courses c JOIN accounts a ON a.id = c.counsellor_id
             WHERE c.person_id = ?1 ORDER BY c.status = 'active' DESC, c.id DESC LIMIT 1",
            params![opts.person_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (counsellor, attendees, homework) = match &course {
        Some((id, counsellor)) => {
            let mut stmt =
                conn.prepare_cached("SELECT person_id FROM course_attendees WHERE course_id = ?1 ORDER BY person_id")?;
            let ids: Vec<i64> = stmt.query_map(params![id], |r| r.get(0))?.collect::<std::result::Result<_, _>>()?;
            (counsellor.clone(), ids, homework(conn, *id, today)?)
        }
        None => (String::new(), vec![], None),
    };
    if template.kind == "homework" && homework.is_none() {
        return Err(Error::Conflict(
            "No homework has been set for this client yet, so there is no sheet to print.".into(),
        ));
    }
    let mut people_ids = vec![opts.person_id];
    people_ids.extend(attendees.iter().copied().filter(|id| *id != opts.person_id));
    let mut names = Vec::new();
    for id in &people_ids {
        let (p, _, _) = person(conn, *id)?;
        names.push(p.printed(discreet, initials));
    }

    let mut tasks = Vec::new();
    if let Some(hw) = &homework {
        for (title, lib, version, who) in &hw.tasks {
            let (text, steps, frequency, tracking) = match (lib, version) {
                (Some(l), Some(v)) => {
                    library_task(conn, *l, *v)?.map(|(t, s, f, k)| (Some(t), s, f, k)).unwrap_or_default()
                }
                _ => (None, vec![], None, None),
            };
            let who_names: Vec<String> =
                people_ids.iter().zip(&names).filter(|(id, _)| who.contains(id)).map(|(_, n)| n.clone()).collect();
            tasks.push(Task {
                title: title.clone(),
                text,
                steps,
                frequency,
                tracking,
                for_everyone: people_ids.len() > 1 && who.len() >= people_ids.len(),
                who: who_names,
            });
        }
    }

    // Cautions in force (overridden ones still count: printing stays on the safe side).
    let intake = conn
        .query_row("SELECT id FROM intakes WHERE person_id = ?1", params![opts.person_id], |r| r.get::<_, i64>(0))
        .optional()?;
    let (cautions, diagnosis_labels) = match intake {
        Some(id) => {
            let intake = crate::intake::load(conn, id)?;
            let cautions: Vec<String> = crate::cautions::compute(&intake).into_iter().map(|c| c.code).collect();
            let mut stmt = conn.prepare_cached(
                "SELECT COALESCE(NULLIF(TRIM(d.detail), ''), c.label) FROM intake_diagnoses d
                 JOIN checklist_items c ON c.list = 'diagnosis' AND c.code = d.diagnosis WHERE d.intake_id = ?1 ORDER BY d.sort",
            )?;
            let labels: Vec<String> =
                stmt.query_map(params![id], |r| r.get(0))?.collect::<std::result::Result<_, _>>()?;
            (cautions, labels)
        }
        None => (vec![], vec![]),
    };
    let with_diagnosis = opts.include_diagnosis && !discreet && !diagnosis_labels.is_empty();

    let show_clinic_name = !discreet || discreet_clinic_name;
    let title = if discreet { template.discreet_title.clone() } else { template.title.clone() };
    let client_printed = client.printed(discreet, initials);
    let ctx = Context {
        paper: Paper::from_code(&paper).unwrap_or(Paper::A4),
        letterhead: Letterhead {
            clinic_name: show_clinic_name.then(|| clinic_name.clone()),
            address: if discreet { None } else { address },
            phone: phone.clone(),
            logo_png: if show_clinic_name { logo.clone() } else { None },
        },
        title: title.clone(),
        first_name: if discreet && initials { client_printed.clone() } else { client.known_as().to_owned() },
        name: client_printed,
        people: names,
        counsellor,
        clinic_name: show_clinic_name.then_some(clinic_name),
        clinic_phone: phone,
        today,
        next_appointment: homework.as_ref().and_then(|h| h.next_appointment),
        cautions,
        discreet,
        diagnosis: with_diagnosis.then(|| compose::join_names(&diagnosis_labels)),
        tasks,
    };
    let doc = compose::document(&ctx, &nodes);
    if discreet {
        let mut extra = diagnosis_labels.clone();
        extra.push(String::new());
        if compose::clinical_word_in(&compose::document_text(&doc), &extra).is_some() {
            return Err(Error::Conflict(format!(
                "The discreet version of “{}” would carry a diagnosis or a clinical word, so it was not made. \
                 Print the full version, or ask the administrator to adjust the template.",
                template.discreet_title
            )));
        }
    }
    Ok(Composed {
        doc,
        title,
        file_name: format!("{} {}.pdf", template.discreet_title, today.format("%Y-%m-%d")),
        neutral_title: template.discreet_title.clone(),
        logo: logo.filter(|_| show_clinic_name),
        template_id,
        version: template.version,
        course_session_id: if template.kind == "homework" { homework.map(|h| h.session_id) } else { None },
        discreet,
        with_diagnosis,
    })
}

/// A counsellor's preview of a client's sheet (a clinical read, audited).
pub fn preview(
    tx: &Transaction,
    actor: &Actor,
    opts: &PrintOptions,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<Rendered> {
    actor.require(Permission::ViewClinical)?;
    let r = render_inner(tx, opts, today)?;
    audit::log(
        tx,
        actor,
        action::HANDOUT_PREVIEW,
        Some(opts.person_id),
        &format!("{} v{}", opts.handout, r.version),
        now,
    )?;
    Ok(r)
}

/// Renders a sheet to be saved as a PDF or opened in the system viewer (counsellors only).
pub fn export(
    tx: &Transaction,
    actor: &Actor,
    opts: &PrintOptions,
    destination: &str,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<Rendered> {
    actor.require(Permission::ViewClinical)?;
    let r = render_inner(tx, opts, today)?;
    let act = if destination == "viewer" { action::HANDOUT_OPEN } else { action::HANDOUT_SAVE_PDF };
    record(tx, actor, &r, destination, 1, act, now)?;
    Ok(r)
}

/// Renders a sheet to send to a printer. Reception may do this: the bytes go to the print
/// service, never to the screen. Call [`record_printed`] once the job is accepted.
pub fn render_for_printer(conn: &Connection, actor: &Actor, opts: &PrintOptions, today: NaiveDate) -> Result<Rendered> {
    actor.require(Permission::PrintHandouts)?;
    render_inner(conn, opts, today)
}

/// Records a print the print service accepted.
pub fn record_printed(tx: &Transaction, actor: &Actor, r: &Rendered, copies: u32, now: DateTime<Utc>) -> Result<()> {
    actor.require(Permission::PrintHandouts)?;
    record(tx, actor, r, "printer", copies, action::HANDOUT_PRINT, now)
}

fn record(
    tx: &Transaction,
    actor: &Actor,
    r: &Rendered,
    destination: &str,
    copies: u32,
    act: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO handout_prints (person_id, template_id, version, course_session_id, printed_by, printed_at, destination, copies, discreet, with_diagnosis)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![r.person_id, r.template_id, r.version, r.course_session_id, actor.account_id, now, destination, copies, r.discreet, r.with_diagnosis],
    )?;
    let slug: String =
        tx.query_row("SELECT slug FROM handout_templates WHERE id = ?1", params![r.template_id], |row| row.get(0))?;
    audit::log(
        tx,
        actor,
        act,
        Some(r.person_id),
        &format!("{slug} v{}; {destination}; copies {copies}", r.version),
        now,
    )
}

/// The prints for a client, newest first: "printed 12 May: Mirror exercise v3".
pub fn history(conn: &Connection, actor: &Actor, person_id: i64) -> Result<Vec<PrintRecord>> {
    actor.require(Permission::ViewClinical)?;
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.printed_at, t.slug, v.title, p.version, a.display_name, p.destination, p.copies, p.discreet
         FROM handout_prints p JOIN handout_templates t ON t.id = p.template_id
         JOIN handout_template_versions v ON v.template_id = p.template_id AND v.version = p.version
         JOIN accounts a ON a.id = p.printed_by
         WHERE p.person_id = ?1 ORDER BY p.printed_at DESC, p.id DESC",
    )?;
    let rows = stmt.query_map(params![person_id], |r| {
        Ok(PrintRecord {
            id: r.get(0)?,
            printed_at: r.get(1)?,
            slug: r.get(2)?,
            title: r.get(3)?,
            version: r.get(4)?,
            printed_by: r.get(5)?,
            destination: r.get(6)?,
            copies: r.get(7)?,
            discreet: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// An administrator's live preview of a template being edited, filled with a fictional client.
pub fn template_preview(
    conn: &Connection,
    actor: &Actor,
    slug: &str,
    input: &TemplateInput,
    discreet: bool,
    today: NaiveDate,
) -> Result<HandoutPreview> {
    actor.require(Permission::EditContent)?;
    let (_, current) = template_at(conn, slug, None)?;
    let nodes = validate_template(&current.kind, input)?;
    let settings = settings(conn, actor)?;
    let (clinic_name, phone): (String, Option<String>) =
        conn.query_row("SELECT name, phone FROM clinic WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let sample = Task {
        title: "A sample task".into(),
        text: Some("This is where the task's explanation for the client appears.".into()),
        steps: vec!["The first step.".into(), "The second step.".into()],
        frequency: Some("Once a day".into()),
        tracking: None,
        who: vec![],
        for_everyone: false,
    };
    let ctx = Context {
        paper: settings.paper,
        letterhead: Letterhead {
            clinic_name: (!discreet || settings.discreet_clinic_name).then(|| clinic_name.clone()),
            address: None,
            phone: phone.clone(),
            logo_png: None,
        },
        title: if discreet { input.discreet_title.trim().to_owned() } else { input.title.trim().to_owned() },
        name: if discreet { "Sam".into() } else { "Sam Sample".into() },
        first_name: "Sam".into(),
        people: vec![if discreet { "Sam".into() } else { "Sam Sample".into() }],
        counsellor: actor.username.clone(),
        clinic_name: (!discreet || settings.discreet_clinic_name).then_some(clinic_name),
        clinic_phone: phone,
        today,
        next_appointment: today.checked_add_days(chrono::Days::new(7)),
        cautions: vec![],
        discreet,
        diagnosis: None,
        tasks: vec![sample],
    };
    let pages = layout::layout(&compose::document(&ctx, &nodes));
    Ok(HandoutPreview { title: ctx.title, version: current.version, discreet, pages: svg::pages(&pages) })
}

/// Renders a client's sheet for the command line: the administrator's batch printing and checks.
/// Needs a counsellor's access, like any clinical read, and is audited as a saved PDF.
pub fn render_for_cli(
    tx: &Transaction,
    actor: &Actor,
    opts: &PrintOptions,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<Rendered> {
    export(tx, actor, opts, "pdf", now, today)
}
