//! Clients and partners.
//!
//! Everyone the clinic knows is a row in `people`. A client has the full record (date of birth,
//! contact preferences, discretion note, ...); a partner who is not a client is the same record
//! with only a name and optional contact details, and can become a client later without being
//! typed again. Records are archived, never silently deleted.
//!
//! Everything here is non-clinical: reception and counsellors both use it.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{params, Connection, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::access::{Actor, Permission};
use crate::audit::{self, action};
use crate::error::{Error, Result};
use crate::relationships::{self, Relationship};
use crate::text::{digits, fold};
use crate::validate::{Checker, NOTE_MAX, SHORT_TEXT_MAX};
use crate::vocab;

/// The details reception takes when registering a client (and edits later).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClientInput {
    pub given_name: String,
    #[ts(optional = nullable)]
    pub family_name: Option<String>,
    #[ts(optional = nullable)]
    pub preferred_name: Option<String>,
    #[ts(optional = nullable)]
    pub pronouns: Option<String>,
    /// YYYY-MM-DD. A string so that a malformed date is a field error, not a transport error.
    #[ts(optional = nullable)]
    pub date_of_birth: Option<String>,
    #[ts(optional = nullable)]
    pub phone: Option<String>,
    #[ts(optional = nullable)]
    pub email: Option<String>,
    /// A code from `Vocabulary::contact_methods`.
    #[ts(optional = nullable)]
    pub preferred_contact: Option<String>,
    /// How to be discreet with this person, e.g. "do not mention the clinic on voicemail".
    #[ts(optional = nullable)]
    pub discretion_note: Option<String>,
    #[ts(optional = nullable)]
    pub referral_source: Option<String>,
    /// Non-clinical notes for the front desk.
    #[ts(optional = nullable)]
    pub reception_notes: Option<String>,
}

/// A partner who is not a client: a name and, if known, how to reach them.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PartnerInput {
    pub given_name: String,
    #[ts(optional = nullable)]
    pub family_name: Option<String>,
    #[ts(optional = nullable)]
    pub preferred_name: Option<String>,
    #[ts(optional = nullable)]
    pub pronouns: Option<String>,
    #[ts(optional = nullable)]
    pub phone: Option<String>,
    #[ts(optional = nullable)]
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    pub id: i64,
    pub given_name: String,
    pub family_name: Option<String>,
    pub preferred_name: Option<String>,
    pub pronouns: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub is_client: bool,
    pub date_of_birth: Option<NaiveDate>,
    pub preferred_contact: Option<String>,
    pub discretion_note: Option<String>,
    pub referral_source: Option<String>,
    pub reception_notes: Option<String>,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Person {
    /// The name to use in the room: the preferred name, or the given name.
    pub fn known_as(&self) -> &str {
        self.preferred_name.as_deref().unwrap_or(&self.given_name)
    }

    pub fn full_name(&self) -> String {
        full_name(&self.given_name, self.family_name.as_deref())
    }
}

/// One line of a search result or a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonSummary {
    pub id: i64,
    /// Preferred name (or given name) followed by the family name.
    pub display_name: String,
    /// The legal name, given then family.
    pub full_name: String,
    pub phone: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub is_client: bool,
    pub archived: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonDetail {
    pub person: Person,
    pub relationships: Vec<Relationship>,
    /// A client's choice for printed sheets: discreet, full, or none (the clinic's default).
    pub print_discreet: Option<bool>,
}

pub fn full_name(given: &str, family: Option<&str>) -> String {
    match family {
        Some(f) => format!("{given} {f}"),
        None => given.to_owned(),
    }
}

fn display_name(given: &str, preferred: Option<&str>, family: Option<&str>) -> String {
    full_name(preferred.unwrap_or(given), family)
}

/// Cleaned partner fields, shared by clients and partners.
struct NameAndContact {
    given: String,
    family: Option<String>,
    preferred: Option<String>,
    pronouns: Option<String>,
    phone: Option<String>,
    email: Option<String>,
}

fn check_name_and_contact(c: &mut Checker, prefix: &str, p: &PartnerInput) -> NameAndContact {
    let f = |name: &str| format!("{prefix}{name}");
    NameAndContact {
        given: c.name(&f("givenName"), "Given name", Some(&p.given_name), true).unwrap_or_default(),
        family: c.name(&f("familyName"), "Family name", p.family_name.as_deref(), false),
        preferred: c.name(&f("preferredName"), "Preferred name", p.preferred_name.as_deref(), false),
        pronouns: c.optional_text(&f("pronouns"), "Pronouns", p.pronouns.as_deref(), 40),
        phone: c.phone(&f("phone"), p.phone.as_deref()),
        email: c.email(&f("email"), p.email.as_deref()),
    }
}

struct ClientFields {
    base: NameAndContact,
    date_of_birth: Option<NaiveDate>,
    preferred_contact: Option<String>,
    discretion_note: Option<String>,
    referral_source: Option<String>,
    reception_notes: Option<String>,
}

fn check_client(conn: &Connection, input: &ClientInput, today: NaiveDate) -> Result<ClientFields> {
    let mut c = Checker::new();
    let base = check_name_and_contact(
        &mut c,
        "",
        &PartnerInput {
            given_name: input.given_name.clone(),
            family_name: input.family_name.clone(),
            preferred_name: input.preferred_name.clone(),
            pronouns: input.pronouns.clone(),
            phone: input.phone.clone(),
            email: input.email.clone(),
        },
    );
    let earliest = NaiveDate::from_ymd_opt(today.year() - 120, 1, 1).unwrap_or(NaiveDate::MIN);
    let date_of_birth = c.date("dateOfBirth", "Date of birth", input.date_of_birth.as_deref(), earliest, today);
    let methods = vocab::codes(conn, vocab::CONTACT_METHODS)?;
    let preferred_contact =
        c.code("preferredContact", "Preferred contact", input.preferred_contact.as_deref(), &methods);
    if preferred_contact.as_deref() == Some("phone_call") && base.phone.is_none()
        || preferred_contact.as_deref() == Some("text") && base.phone.is_none()
    {
        c.fail("phone", "A phone number is needed when the preferred contact is by phone or text.");
    }
    if preferred_contact.as_deref() == Some("email") && base.email.is_none() {
        c.fail("email", "An email address is needed when the preferred contact is email.");
    }
    let discretion_note = c.optional_note("discretionNote", "Discretion note", input.discretion_note.as_deref(), 500);
    let referral_source =
        c.optional_text("referralSource", "Referral source", input.referral_source.as_deref(), SHORT_TEXT_MAX);
    let reception_notes =
        c.optional_note("receptionNotes", "Reception notes", input.reception_notes.as_deref(), NOTE_MAX);
    c.finish()?;
    Ok(ClientFields { base, date_of_birth, preferred_contact, discretion_note, referral_source, reception_notes })
}

fn search_names(b: &NameAndContact) -> String {
    let mut s = fold(&b.given);
    for part in [&b.family, &b.preferred].into_iter().flatten() {
        s.push(' ');
        s.push_str(&fold(part));
    }
    s
}

fn log(tx: &Transaction, actor: &Actor, what: &str, person: i64, now: DateTime<Utc>) -> Result<()> {
    audit::log(tx, actor, what, Some(person), "", now)
}

/// Registers a client. `today` is the clinic's date (for the date-of-birth check).
pub fn register_client(
    tx: &Transaction,
    actor: &Actor,
    input: &ClientInput,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Person> {
    actor.require(Permission::EditPeople)?;
    let f = check_client(tx, input, today)?;
    tx.execute(
        "INSERT INTO people (given_name, family_name, preferred_name, pronouns, phone, email, is_client, date_of_birth,
             preferred_contact, discretion_note, referral_source, reception_notes, search_names, phone_digits,
             created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
        params![
            f.base.given,
            f.base.family,
            f.base.preferred,
            f.base.pronouns,
            f.base.phone,
            f.base.email,
            f.date_of_birth,
            f.preferred_contact,
            f.discretion_note,
            f.referral_source,
            f.reception_notes,
            search_names(&f.base),
            f.base.phone.as_deref().map(digits).unwrap_or_default(),
            actor.account_id,
            now.to_rfc3339()
        ],
    )?;
    let id = tx.last_insert_rowid();
    log(tx, actor, action::PERSON_CREATE, id, now)?;
    get_unchecked(tx, id)
}

/// Adds a partner who is not a client. Field names in errors start with `prefix`
/// (for example `newPartners.0.`), so a form with several partners can place them.
pub fn add_partner(
    tx: &Transaction,
    actor: &Actor,
    input: &PartnerInput,
    prefix: &str,
    now: DateTime<Utc>,
) -> Result<Person> {
    actor.require(Permission::EditPeople)?;
    let mut c = Checker::new();
    let b = check_name_and_contact(&mut c, prefix, input);
    c.finish()?;
    insert_partner(tx, actor, &b, now)
}

/// Checks a partner's fields without saving anything.
pub(crate) fn add_partner_check(input: &PartnerInput, prefix: &str) -> Result<()> {
    let mut c = Checker::new();
    check_name_and_contact(&mut c, prefix, input);
    c.finish()
}

fn insert_partner(tx: &Transaction, actor: &Actor, b: &NameAndContact, now: DateTime<Utc>) -> Result<Person> {
    tx.execute(
        "INSERT INTO people (given_name, family_name, preferred_name, pronouns, phone, email, is_client, search_names,
             phone_digits, created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?8, ?9, ?10, ?10)",
        params![
            b.given,
            b.family,
            b.preferred,
            b.pronouns,
            b.phone,
            b.email,
            search_names(b),
            b.phone.as_deref().map(digits).unwrap_or_default(),
            actor.account_id,
            now.to_rfc3339()
        ],
    )?;
    let id = tx.last_insert_rowid();
    log(tx, actor, action::PERSON_CREATE, id, now)?;
    get_unchecked(tx, id)
}

/// Edits a client's record, or turns a partner into a client (`PERSON_BECOME_CLIENT`).
pub fn save_client(
    tx: &Transaction,
    actor: &Actor,
    id: i64,
    input: &ClientInput,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Person> {
    actor.require(Permission::EditPeople)?;
    let before = get_unchecked(tx, id)?;
    if before.archived {
        return Err(Error::Conflict("This record is archived. Restore it before editing.".into()));
    }
    let f = check_client(tx, input, today)?;
    tx.execute(
        "UPDATE people SET given_name = ?1, family_name = ?2, preferred_name = ?3, pronouns = ?4, phone = ?5, email = ?6,
             is_client = 1, date_of_birth = ?7, preferred_contact = ?8, discretion_note = ?9, referral_source = ?10,
             reception_notes = ?11, search_names = ?12, phone_digits = ?13, updated_at = ?14
         WHERE id = ?15",
        params![
            f.base.given, f.base.family, f.base.preferred, f.base.pronouns, f.base.phone, f.base.email, f.date_of_birth,
            f.preferred_contact, f.discretion_note, f.referral_source, f.reception_notes, search_names(&f.base),
            f.base.phone.as_deref().map(digits).unwrap_or_default(), now.to_rfc3339(), id
        ],
    )?;
    log(tx, actor, if before.is_client { action::PERSON_UPDATE } else { action::PERSON_BECOME_CLIENT }, id, now)?;
    get_unchecked(tx, id)
}

/// Edits a partner who is not a client.
pub fn save_partner(
    tx: &Transaction,
    actor: &Actor,
    id: i64,
    input: &PartnerInput,
    now: DateTime<Utc>,
) -> Result<Person> {
    actor.require(Permission::EditPeople)?;
    let before = get_unchecked(tx, id)?;
    if before.is_client {
        return Err(Error::Conflict("This person is a client: edit them with the client form.".into()));
    }
    if before.archived {
        return Err(Error::Conflict("This record is archived. Restore it before editing.".into()));
    }
    let mut c = Checker::new();
    let b = check_name_and_contact(&mut c, "", input);
    c.finish()?;
    tx.execute(
        "UPDATE people SET given_name = ?1, family_name = ?2, preferred_name = ?3, pronouns = ?4, phone = ?5, email = ?6,
             search_names = ?7, phone_digits = ?8, updated_at = ?9 WHERE id = ?10",
        params![b.given, b.family, b.preferred, b.pronouns, b.phone, b.email, search_names(&b), b.phone.as_deref().map(digits).unwrap_or_default(), now.to_rfc3339(), id],
    )?;
    log(tx, actor, action::PERSON_UPDATE, id, now)?;
    get_unchecked(tx, id)
}

/// Archives (or restores) a person. Archived people drop out of searches unless asked for, and
/// keep everything recorded about them.
pub fn set_archived(tx: &Transaction, actor: &Actor, id: i64, archived: bool, now: DateTime<Utc>) -> Result<Person> {
    actor.require(Permission::EditPeople)?;
    let before = get_unchecked(tx, id)?;
    if before.archived == archived {
        return Ok(before);
    }
    let at = archived.then(|| now.to_rfc3339());
    tx.execute("UPDATE people SET archived_at = ?1, updated_at = ?2 WHERE id = ?3", params![at, now.to_rfc3339(), id])?;
    log(tx, actor, if archived { action::PERSON_ARCHIVE } else { action::PERSON_UNARCHIVE }, id, now)?;
    get_unchecked(tx, id)
}

const PERSON_COLUMNS: &str = "id, given_name, family_name, preferred_name, pronouns, phone, email, is_client, date_of_birth,
    preferred_contact, discretion_note, referral_source, reception_notes, archived_at IS NOT NULL, created_at, updated_at";

fn person_from_row(r: &Row) -> rusqlite::Result<Person> {
    Ok(Person {
        id: r.get(0)?,
        given_name: r.get(1)?,
        family_name: r.get(2)?,
        preferred_name: r.get(3)?,
        pronouns: r.get(4)?,
        phone: r.get(5)?,
        email: r.get(6)?,
        is_client: r.get(7)?,
        date_of_birth: r.get(8)?,
        preferred_contact: r.get(9)?,
        discretion_note: r.get(10)?,
        referral_source: r.get(11)?,
        reception_notes: r.get(12)?,
        archived: r.get(13)?,
        created_at: r.get(14)?,
        updated_at: r.get(15)?,
    })
}

pub(crate) fn get_unchecked(conn: &Connection, id: i64) -> Result<Person> {
    let sql = format!("SELECT {PERSON_COLUMNS} FROM people WHERE id = ?1");
    match conn.prepare_cached(&sql)?.query_row(params![id], person_from_row) {
        Ok(p) => Ok(p),
        Err(rusqlite::Error::QueryReturnedNoRows) => Err(Error::NotFound { what: "person", id }),
        Err(e) => Err(e.into()),
    }
}

pub fn get(conn: &Connection, actor: &Actor, id: i64) -> Result<Person> {
    actor.require(Permission::ViewPeople)?;
    get_unchecked(conn, id)
}

/// A person with the relationships they are part of.
pub fn detail(conn: &Connection, actor: &Actor, id: i64) -> Result<PersonDetail> {
    actor.require(Permission::ViewPeople)?;
    let person = get_unchecked(conn, id)?;
    let relationships = relationships::of_person(conn, id)?;
    let print_discreet = conn.query_row("SELECT print_discreet FROM people WHERE id = ?1", [id], |r| r.get(0))?;
    Ok(PersonDetail { person, relationships, print_discreet })
}

pub const SEARCH_LIMIT: usize = 50;

/// Finds people as the user types: every word must match part of a name (any case, accents
/// ignored) or, for words with digits, part of the phone number. An empty query lists the most
/// recently updated. Archived people appear only when asked for.
pub fn search(conn: &Connection, actor: &Actor, query: &str, include_archived: bool) -> Result<Vec<PersonSummary>> {
    actor.require(Permission::ViewPeople)?;
    let words: Vec<String> = query.split_whitespace().take(8).map(fold).collect();
    let mut sql = String::from(
        "SELECT id, given_name, family_name, preferred_name, phone, date_of_birth, is_client, archived_at IS NOT NULL FROM people WHERE 1 = 1",
    );
    let mut args: Vec<String> = Vec::new();
    if !include_archived {
        sql.push_str(" AND archived_at IS NULL");
    }
    for w in &words {
        let d = digits(w);
        let pattern = format!("%{}%", escape_like(w));
        args.push(pattern);
        let n = args.len();
        if d.len() >= 3 && d.len() * 2 >= w.chars().count() {
            args.push(format!("%{d}%"));
            sql.push_str(&format!(
                " AND (search_names LIKE ?{n} ESCAPE '\\' OR phone_digits LIKE ?{} ESCAPE '\\')",
                n + 1
            ));
        } else {
            sql.push_str(&format!(" AND search_names LIKE ?{n} ESCAPE '\\'"));
        }
    }
    if let Some(first) = words.first() {
        // Names that start with what was typed come first.
        args.push(format!("{}%", escape_like(first)));
        sql.push_str(&format!(
            " ORDER BY (search_names LIKE ?{} ESCAPE '\\') DESC, given_name COLLATE NOCASE, family_name COLLATE NOCASE",
            args.len()
        ));
    } else {
        sql.push_str(" ORDER BY updated_at DESC");
    }
    sql.push_str(&format!(" LIMIT {SEARCH_LIMIT}"));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
        let given: String = r.get(1)?;
        let family: Option<String> = r.get(2)?;
        let preferred: Option<String> = r.get(3)?;
        Ok(PersonSummary {
            id: r.get(0)?,
            display_name: display_name(&given, preferred.as_deref(), family.as_deref()),
            full_name: full_name(&given, family.as_deref()),
            phone: r.get(4)?,
            date_of_birth: r.get(5)?,
            is_client: r.get(6)?,
            archived: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

pub(crate) fn summary_of(p: &Person) -> PersonSummary {
    PersonSummary {
        id: p.id,
        display_name: display_name(&p.given_name, p.preferred_name.as_deref(), p.family_name.as_deref()),
        full_name: p.full_name(),
        phone: p.phone.clone(),
        date_of_birth: p.date_of_birth,
        is_client: p.is_client,
        archived: p.archived,
    }
}

/// Every client (not partners), oldest first, for listings and exports.
pub fn list_clients(conn: &Connection, actor: &Actor, include_archived: bool) -> Result<Vec<PersonSummary>> {
    actor.require(Permission::ViewPeople)?;
    let sql = format!(
        "SELECT {PERSON_COLUMNS} FROM people WHERE is_client = 1 {} ORDER BY id",
        if include_archived { "" } else { "AND archived_at IS NULL" }
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], person_from_row)?;
    rows.map(|r| r.map(|p| summary_of(&p)).map_err(Error::from)).collect()
}
