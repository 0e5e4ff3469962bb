//! The client's chart: everything clinical about one client, opened in one audited read.
//! Counsellors only; reception never receives any of it.

use chrono::{DateTime, Utc};
use rusqlite::Transaction;
use serde::Serialize;
use ts_rs::TS;

use crate::access::{Actor, Permission};
use crate::audit::{self, action};
use crate::cautions::{self, Caution};
use crate::error::Result;
use crate::intake::{self, Intake};
use crate::measures::{self, MeasureResult};
use crate::people;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Chart {
    pub person_id: i64,
    pub intake: Intake,
    pub cautions: Vec<Caution>,
    pub measures: Vec<MeasureResult>,
}

/// Opens (creating the empty intake on first use) and records who read it.
pub fn open(tx: &Transaction, actor: &Actor, person_id: i64, now: DateTime<Utc>) -> Result<Chart> {
    let chart = read_unaudited(tx, actor, person_id, now)?;
    audit::log(tx, actor, action::CHART_READ, Some(person_id), "", now)?;
    Ok(chart)
}

/// The work of [`open`] without its `chart.read` entry: exists only so `rekindle-bench --audit`
/// can time the same read with auditing off. Everything else opens charts through [`open`].
#[doc(hidden)]
pub fn read_unaudited(tx: &Transaction, actor: &Actor, person_id: i64, now: DateTime<Utc>) -> Result<Chart> {
    actor.require(Permission::ViewClinical)?;
    people::get_unchecked(tx, person_id)?;
    let intake = intake::open_or_create(tx, actor, person_id, now)?;
    let cautions = cautions::in_force(tx, person_id, Some(&intake))?;
    let measures = measures::history(tx, person_id)?;
    Ok(Chart { person_id, intake, cautions, measures })
}
