//! The content library: education topics, communication exercises, the acceptance steps,
//! practical guidance and homework, as versioned data. Sessions and handouts draw on it.
//!
//! Editing an item adds a version; plans keep the version they used, so an old plan still shows
//! exactly what was given.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::access::{Actor, Permission};
use crate::cautions::Caution;
use crate::error::{Error, Result};
use crate::validate::{Checker, NOTE_MAX, SHORT_TEXT_MAX};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LibraryItem {
    pub id: i64,
    pub slug: String,
    /// education, communication, acceptance, practical or homework.
    pub section: String,
    /// Homework that moves in stages shares a thread; `thread_step` orders it.
    pub thread: Option<String>,
    pub thread_step: Option<i64>,
    pub version: i64,
    pub title: String,
    pub purpose: String,
    pub steps: Vec<String>,
    pub frequency: Option<String>,
    /// non_sexual, sensual or sexual.
    pub stage: String,
    /// client, partners or either.
    pub participants: String,
    pub tracking: Option<String>,
    pub handout_text: String,
    /// Caution tags (`caution_tags`): what the item involves.
    pub tags: Vec<String>,
}

/// An edit: becomes the item's next version.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LibraryItemInput {
    pub title: String,
    pub purpose: String,
    pub steps: Vec<String>,
    #[ts(optional = nullable)]
    pub frequency: Option<String>,
    pub stage: String,
    pub participants: String,
    #[ts(optional = nullable)]
    pub tracking: Option<String>,
    pub handout_text: String,
    pub tags: Vec<String>,
}

const ITEM_SQL: &str =
    "SELECT i.id, i.slug, i.section, i.thread, i.thread_step, v.version, v.title, v.purpose, v.steps,
        v.frequency, v.stage, v.participants, v.tracking, v.handout_text
    FROM library_items i JOIN library_item_versions v ON v.item_id = i.id";

fn read_item(conn: &Connection, where_sql: &str, p: &[&dyn rusqlite::ToSql]) -> Result<Vec<LibraryItem>> {
    let mut stmt = conn.prepare_cached(&format!("{ITEM_SQL} {where_sql}"))?;
    let mut items = stmt
        .query_map(p, |r| {
            Ok(LibraryItem {
                id: r.get(0)?,
                slug: r.get(1)?,
                section: r.get(2)?,
                thread: r.get(3)?,
                thread_step: r.get(4)?,
                version: r.get(5)?,
                title: r.get(6)?,
                purpose: r.get(7)?,
                steps: r
                    .get::<_, String>(8)?
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect(),
                frequency: r.get(9)?,
                stage: r.get(10)?,
                participants: r.get(11)?,
                tracking: r.get(12)?,
                handout_text: r.get(13)?,
                tags: vec![],
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut tags =
        conn.prepare_cached("SELECT tag FROM library_item_tags WHERE item_id = ?1 AND version = ?2 ORDER BY tag")?;
    for item in &mut items {
        item.tags =
            tags.query_map(params![item.id, item.version], |r| r.get(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    }
    Ok(items)
}

/// Every active item at its current version, in section order then title.
pub fn current(conn: &Connection, actor: &Actor) -> Result<Vec<LibraryItem>> {
    actor.require(Permission::ViewClinical).or_else(|_| actor.require(Permission::EditContent))?;
    current_unchecked(conn)
}

pub(crate) fn current_unchecked(conn: &Connection) -> Result<Vec<LibraryItem>> {
    read_item(
        conn,
        "WHERE v.version = i.current_version AND i.active = 1
         ORDER BY CASE i.section WHEN 'education' THEN 1 WHEN 'communication' THEN 2 WHEN 'acceptance' THEN 3
                                 WHEN 'practical' THEN 4 ELSE 5 END, i.thread, i.thread_step, v.title",
        &[],
    )
}

/// `current_unchecked` for tests that check suggestions against the raw library.
#[doc(hidden)]
pub fn current_unchecked_for_tests(conn: &Connection) -> Result<Vec<LibraryItem>> {
    current_unchecked(conn)
}

/// One item as it was at `version` (what an old plan gave).
pub fn at_version(conn: &Connection, item_id: i64, version: i64) -> Result<LibraryItem> {
    read_item(conn, "WHERE i.id = ?1 AND v.version = ?2", &[&item_id, &version])?
        .into_iter()
        .next()
        .ok_or(Error::NotFound { what: "library item version", id: item_id })
}

/// Adds a clinic's own item (version 1). Its slug is made from the title with a `clinic_`
/// prefix, so no suggestion rule ever fires on it by accident.
pub fn create(
    tx: &Transaction,
    actor: &Actor,
    section: &str,
    input: &LibraryItemInput,
    now: DateTime<Utc>,
) -> Result<LibraryItem> {
    actor.require(Permission::EditContent)?;
    if !["education", "communication", "acceptance", "practical", "homework"].contains(&section) {
        return Err(Error::Validation(vec![crate::FieldError::new(
            "section",
            "Section is not one of the library's sections.",
        )]));
    }
    // Every field is checked before anything is written (the new item's row included).
    let checked = check_input(tx, input)?;
    let base: String = input
        .title
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect::<String>()
        .split('_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    let base = format!("clinic_{}", if base.is_empty() { "item".to_owned() } else { base.chars().take(40).collect() });
    let mut slug = base.clone();
    let mut n = 2;
    while tx.query_row("SELECT EXISTS (SELECT 1 FROM library_items WHERE slug = ?1)", params![slug], |r| r.get(0))? {
        slug = format!("{base}_{n}");
        n += 1;
    }
    tx.execute(
        "INSERT INTO library_items (slug, section, current_version, shipped) VALUES (?1, ?2, 0, 0)",
        params![slug, section],
    )?;
    let id = tx.last_insert_rowid();
    write_version(tx, actor, id, 0, input, checked, now)
}

/// Saves an edit as the item's next version.
pub fn edit(
    tx: &Transaction,
    actor: &Actor,
    item_id: i64,
    input: &LibraryItemInput,
    now: DateTime<Utc>,
) -> Result<LibraryItem> {
    actor.require(Permission::EditContent)?;
    let current: Option<i64> = tx
        .query_row("SELECT current_version FROM library_items WHERE id = ?1", params![item_id], |r| r.get(0))
        .optional()?;
    let Some(current) = current else {
        return Err(Error::NotFound { what: "library item", id: item_id });
    };
    let checked = check_input(tx, input)?;
    write_version(tx, actor, item_id, current, input, checked, now)
}

/// An item's fields after their checks, ready to be written.
struct Checked {
    title: String,
    purpose: String,
    steps: Vec<String>,
    frequency: Option<String>,
    tracking: Option<String>,
    handout: String,
}

/// Checks every field of an item, naming each one that is wrong; writes nothing.
fn check_input(conn: &Connection, input: &LibraryItemInput) -> Result<Checked> {
    let mut c = Checker::new();
    let title = c.required_text("title", "Title", &input.title, SHORT_TEXT_MAX);
    let purpose = c.required_text("purpose", "Purpose", &input.purpose, 500);
    let steps: Vec<String> = input.steps.iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect();
    if steps.is_empty() {
        c.fail("steps", "Give at least one step.");
    }
    if steps.iter().any(|s| s.chars().count() > 500) {
        c.fail("steps", "Each step can be at most 500 characters.");
    }
    let frequency = c.optional_text("frequency", "How often", input.frequency.as_deref(), SHORT_TEXT_MAX);
    if !["non_sexual", "sensual", "sexual"].contains(&input.stage.as_str()) {
        c.fail("stage", "Stage is not one of the choices offered.");
    }
    if !["client", "partners", "either"].contains(&input.participants.as_str()) {
        c.fail("participants", "Who takes part is not one of the choices offered.");
    }
    let tracking = c.optional_text("tracking", "How to keep track", input.tracking.as_deref(), 300);
    let handout = c.required_note("handoutText", "Handout text", &input.handout_text, NOTE_MAX);
    let known: Vec<String> = conn
        .prepare_cached("SELECT code FROM caution_tags")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if input.tags.iter().any(|t| !known.contains(t)) {
        c.fail("tags", "A tag is not one of the caution tags.");
    }
    // Anything sexual waits for clearance: that tag cannot be left off.
    if input.stage == "sexual" && !input.tags.iter().any(|t| t == "needs_clearance") {
        c.fail("tags", "A sexual-stage item must carry the needs-clearance tag.");
    }
    c.finish()?;
    Ok(Checked { title, purpose, steps, frequency, tracking, handout })
}

/// Writes the checked input as the item's next version after `current`, and logs it.
fn write_version(
    tx: &Transaction,
    actor: &Actor,
    item_id: i64,
    current: i64,
    input: &LibraryItemInput,
    checked: Checked,
    now: DateTime<Utc>,
) -> Result<LibraryItem> {
    let Checked { title, purpose, steps, frequency, tracking, handout } = checked;
    let version = current + 1;
    tx.execute(
        "INSERT INTO library_item_versions (item_id, version, title, purpose, steps, frequency, stage, participants, tracking,
             handout_text, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            item_id,
            version,
            title,
            purpose,
            steps.join("\n"),
            frequency,
            input.stage,
            input.participants,
            tracking,
            handout,
            actor.account_id,
            now.to_rfc3339()
        ],
    )?;
    let mut tags = input.tags.clone();
    tags.sort();
    tags.dedup();
    for t in &tags {
        tx.execute(
            "INSERT INTO library_item_tags (item_id, version, tag) VALUES (?1, ?2, ?3)",
            params![item_id, version, t],
        )?;
    }
    tx.execute("UPDATE library_items SET current_version = ?1 WHERE id = ?2", params![version, item_id])?;
    crate::audit::log(
        tx,
        actor,
        crate::audit::action::LIBRARY_EDIT,
        None,
        &format!("item={item_id} version={version}"),
        now,
    )?;
    at_version(tx, item_id, version)
}

/// The caution (in force, not overridden) that forbids `item`, if any.
pub fn blocking_caution<'a>(
    conn: &Connection,
    item: &LibraryItem,
    cautions: &'a [Caution],
) -> Result<Option<&'a Caution>> {
    let mut stmt = conn.prepare_cached("SELECT blocked_by FROM caution_tags WHERE code = ?1")?;
    for tag in &item.tags {
        let blocked_by: Option<String> = stmt.query_row(params![tag], |r| r.get(0)).optional()?.flatten();
        if let Some(code) = blocked_by {
            if let Some(c) = cautions.iter().find(|c| c.code == code && c.overridden.is_none()) {
                return Ok(Some(c));
            }
        }
    }
    Ok(None)
}
