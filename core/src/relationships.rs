//! Relationships: two or more people linked, in any structure (married, partnered, dating,
//! non-monogamous, polyamorous, ...). Members are clients or partners who are not clients.
//! A relationship is ended, never deleted; its history stays with each member.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::access::{Actor, Permission};
use crate::audit::{self, action};
use crate::error::{Error, FieldError, Result};
use crate::people::{self, PartnerInput, PersonSummary};
use crate::validate::Checker;
use crate::vocab;

pub const MAX_MEMBERS: usize = 12;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Relationship {
    pub id: i64,
    /// A code from `Vocabulary::relationship_structures`.
    pub structure: String,
    pub structure_label: String,
    pub note: Option<String>,
    pub ended: bool,
    pub members: Vec<PersonSummary>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewRelationship {
    pub structure: String,
    /// People already on file.
    pub member_ids: Vec<i64>,
    /// Partners not yet on file, created as part of this one action.
    pub new_partners: Vec<PartnerInput>,
    #[ts(optional = nullable)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RelationshipUpdate {
    pub structure: String,
    #[ts(optional = nullable)]
    pub note: Option<String>,
}

fn check_structure_and_note(
    conn: &Connection,
    c: &mut Checker,
    structure: &str,
    note: Option<&str>,
) -> Result<(String, Option<String>)> {
    let allowed = vocab::codes(conn, vocab::STRUCTURES)?;
    let s = c.code("structure", "Relationship", Some(structure), &allowed);
    if s.is_none() {
        c.fail("structure", "Choose what kind of relationship this is.");
    }
    let n = c.optional_note("note", "Note", note, 500);
    Ok((s.unwrap_or_default(), n))
}

fn log(tx: &Transaction, actor: &Actor, what: &str, rel: i64, now: DateTime<Utc>) -> Result<()> {
    audit::log(tx, actor, what, None, &format!("relationship={rel}"), now)
}

/// Links people: existing records by id plus new partners created in the same transaction.
pub fn create(tx: &Transaction, actor: &Actor, input: &NewRelationship, now: DateTime<Utc>) -> Result<Relationship> {
    actor.require(Permission::EditPeople)?;
    let mut c = Checker::new();
    let (structure, note) = check_structure_and_note(tx, &mut c, &input.structure, input.note.as_deref())?;
    let mut ids = input.member_ids.clone();
    ids.sort_unstable();
    ids.dedup();
    for id in &ids {
        match people::get_unchecked(tx, *id) {
            Ok(p) if p.archived => c.fail("memberIds", format!("{} is archived; restore them first.", p.known_as())),
            Ok(_) => {}
            Err(Error::NotFound { .. }) => c.fail("memberIds", "One of the chosen people is no longer on file."),
            Err(e) => return Err(e),
        }
    }
    let total = ids.len() + input.new_partners.len();
    if total < 2 {
        c.fail("memberIds", "A relationship needs at least two people.");
    } else if total > MAX_MEMBERS {
        c.fail("memberIds", format!("A relationship can have at most {MAX_MEMBERS} people."));
    }
    // Check every new partner too, so all problems show at once.
    let mut partner_errors: Vec<FieldError> = Vec::new();
    for (i, p) in input.new_partners.iter().enumerate() {
        if let Err(Error::Validation(v)) = people::add_partner_check(p, &format!("newPartners.{i}.")) {
            partner_errors.extend(v);
        }
    }
    let mut errors = match c.finish() {
        Ok(()) => vec![],
        Err(Error::Validation(v)) => v,
        Err(e) => return Err(e),
    };
    errors.extend(partner_errors);
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    for (i, p) in input.new_partners.iter().enumerate() {
        ids.push(people::add_partner(tx, actor, p, &format!("newPartners.{i}."), now)?.id);
    }
    tx.execute(
        "INSERT INTO relationships (structure, note, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
        params![structure, note, now.to_rfc3339()],
    )?;
    let id = tx.last_insert_rowid();
    for pid in &ids {
        tx.execute("INSERT INTO relationship_members (relationship_id, person_id) VALUES (?1, ?2)", params![id, pid])?;
    }
    log(tx, actor, action::RELATIONSHIP_CREATE, id, now)?;
    get(tx, id)
}

/// Changes the structure or note.
pub fn update(
    tx: &Transaction,
    actor: &Actor,
    id: i64,
    input: &RelationshipUpdate,
    now: DateTime<Utc>,
) -> Result<Relationship> {
    actor.require(Permission::EditPeople)?;
    get(tx, id)?;
    let mut c = Checker::new();
    let (structure, note) = check_structure_and_note(tx, &mut c, &input.structure, input.note.as_deref())?;
    c.finish()?;
    tx.execute(
        "UPDATE relationships SET structure = ?1, note = ?2, updated_at = ?3 WHERE id = ?4",
        params![structure, note, now.to_rfc3339(), id],
    )?;
    log(tx, actor, action::RELATIONSHIP_UPDATE, id, now)?;
    get(tx, id)
}

/// Adds someone on file, or a new partner, to a relationship.
pub fn add_member(
    tx: &Transaction,
    actor: &Actor,
    id: i64,
    person_id: Option<i64>,
    new_partner: Option<&PartnerInput>,
    now: DateTime<Utc>,
) -> Result<Relationship> {
    actor.require(Permission::EditPeople)?;
    let rel = get(tx, id)?;
    if rel.ended {
        return Err(Error::Conflict("This relationship has ended; start a new one instead.".into()));
    }
    if rel.members.len() >= MAX_MEMBERS {
        return Err(Error::Conflict(format!("A relationship can have at most {MAX_MEMBERS} people.")));
    }
    let pid = match (person_id, new_partner) {
        (Some(pid), None) => {
            let p = people::get_unchecked(tx, pid)?;
            if p.archived {
                return Err(Error::Conflict(format!("{} is archived; restore them first.", p.known_as())));
            }
            if rel.members.iter().any(|m| m.id == pid) {
                return Err(Error::Conflict(format!("{} is already part of this relationship.", p.known_as())));
            }
            pid
        }
        (None, Some(partner)) => people::add_partner(tx, actor, partner, "newPartner.", now)?.id,
        _ => return Err(Error::field("personId", "Choose someone on file or enter a new partner.")),
    };
    tx.execute("INSERT INTO relationship_members (relationship_id, person_id) VALUES (?1, ?2)", params![id, pid])?;
    tx.execute("UPDATE relationships SET updated_at = ?1 WHERE id = ?2", params![now.to_rfc3339(), id])?;
    log(tx, actor, action::RELATIONSHIP_UPDATE, id, now)?;
    get(tx, id)
}

/// Takes someone out of a relationship; at least two people stay (otherwise end it).
pub fn remove_member(
    tx: &Transaction,
    actor: &Actor,
    id: i64,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<Relationship> {
    actor.require(Permission::EditPeople)?;
    let rel = get(tx, id)?;
    if !rel.members.iter().any(|m| m.id == person_id) {
        return Err(Error::NotFound { what: "relationship member", id: person_id });
    }
    if rel.members.len() <= 2 {
        return Err(Error::Conflict("A relationship needs at least two people. End the relationship instead.".into()));
    }
    tx.execute(
        "DELETE FROM relationship_members WHERE relationship_id = ?1 AND person_id = ?2",
        params![id, person_id],
    )?;
    tx.execute("UPDATE relationships SET updated_at = ?1 WHERE id = ?2", params![now.to_rfc3339(), id])?;
    log(tx, actor, action::RELATIONSHIP_UPDATE, id, now)?;
    get(tx, id)
}

/// Marks a relationship as ended. It stays on each member's record.
pub fn end(tx: &Transaction, actor: &Actor, id: i64, now: DateTime<Utc>) -> Result<Relationship> {
    actor.require(Permission::EditPeople)?;
    get(tx, id)?;
    tx.execute(
        "UPDATE relationships SET ended_at = COALESCE(ended_at, ?1), updated_at = ?1 WHERE id = ?2",
        params![now.to_rfc3339(), id],
    )?;
    log(tx, actor, action::RELATIONSHIP_END, id, now)?;
    get(tx, id)
}

pub fn get(conn: &Connection, id: i64) -> Result<Relationship> {
    let row = conn
        .query_row(
            "SELECT r.structure, s.label, r.note, r.ended_at IS NOT NULL FROM relationships r
             JOIN relationship_structures s ON s.code = r.structure WHERE r.id = ?1",
            params![id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, bool>(3)?,
                ))
            },
        )
        .optional()?;
    let Some((structure, structure_label, note, ended)) = row else {
        return Err(Error::NotFound { what: "relationship", id });
    };
    let mut stmt = conn.prepare_cached("SELECT person_id FROM relationship_members WHERE relationship_id = ?1")?;
    let ids = stmt.query_map(params![id], |r| r.get::<_, i64>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut members = ids
        .into_iter()
        .map(|pid| people::get_unchecked(conn, pid).map(|p| people::summary_of(&p)))
        .collect::<Result<Vec<_>>>()?;
    members.sort_by(|a, b| b.is_client.cmp(&a.is_client).then_with(|| a.display_name.cmp(&b.display_name)));
    Ok(Relationship { id, structure, structure_label, note, ended, members })
}

pub(crate) fn of_person(conn: &Connection, person_id: i64) -> Result<Vec<Relationship>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id FROM relationships r JOIN relationship_members m ON m.relationship_id = r.id
         WHERE m.person_id = ?1 ORDER BY r.ended_at IS NOT NULL, r.created_at DESC",
    )?;
    let ids = stmt.query_map(params![person_id], |r| r.get::<_, i64>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    ids.into_iter().map(|id| get(conn, id)).collect()
}
