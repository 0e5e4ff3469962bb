//! The clinic profile: the name, address and phone that head every printed sheet.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::access::{Actor, Permission};
use crate::audit::{self, action};
use crate::error::{Error, Result};
use crate::validate::{Checker, SHORT_TEXT_MAX};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClinicProfile {
    pub name: String,
    #[ts(optional = nullable)]
    pub address: Option<String>,
    #[ts(optional = nullable)]
    pub phone: Option<String>,
    #[ts(optional = nullable)]
    pub email: Option<String>,
}

/// Cleans and checks a profile; every problem is reported at once.
pub fn validate(input: &ClinicProfile) -> Result<ClinicProfile> {
    let mut c = Checker::new();
    let name = c.required_text("name", "Clinic name", &input.name, SHORT_TEXT_MAX);
    let address = c.optional_note("address", "Address", input.address.as_deref(), 300);
    let phone = c.phone("phone", input.phone.as_deref());
    let email = c.email("email", input.email.as_deref());
    c.finish()?;
    Ok(ClinicProfile { name, address, phone, email })
}

pub(crate) fn insert(tx: &Transaction, p: &ClinicProfile, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        "INSERT INTO clinic (id, name, address, phone, email, created_at, updated_at) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?5)",
        params![p.name, p.address, p.phone, p.email, now.to_rfc3339()],
    )?;
    Ok(())
}

pub fn get(conn: &Connection, actor: &Actor) -> Result<ClinicProfile> {
    actor.require(Permission::ViewClinic)?;
    conn.query_row("SELECT name, address, phone, email FROM clinic WHERE id = 1", [], |r| {
        Ok(ClinicProfile { name: r.get(0)?, address: r.get(1)?, phone: r.get(2)?, email: r.get(3)? })
    })
    .map_err(|e| match e {
        rusqlite::Error::QueryReturnedNoRows => Error::NotFound { what: "clinic profile", id: 1 },
        other => other.into(),
    })
}

pub fn update(tx: &Transaction, actor: &Actor, input: &ClinicProfile, now: DateTime<Utc>) -> Result<ClinicProfile> {
    actor.require(Permission::EditClinic)?;
    let p = validate(input)?;
    tx.execute(
        "UPDATE clinic SET name = ?1, address = ?2, phone = ?3, email = ?4, updated_at = ?5 WHERE id = 1",
        params![p.name, p.address, p.phone, p.email, now.to_rfc3339()],
    )?;
    audit::log(tx, actor, action::CLINIC_UPDATE, None, "", now)?;
    Ok(p)
}
