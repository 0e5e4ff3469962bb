//! Reference vocabularies read from the database (seeded by migrations), so the UI and the
//! rules offer and accept exactly the same lists.

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Term {
    pub code: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Vocabulary {
    pub relationship_structures: Vec<Term>,
    pub contact_methods: Vec<Term>,
    pub roles: Vec<Term>,
}

/// The vocabularies are not client data: anyone signed in may read them.
pub fn all(conn: &Connection) -> Result<Vocabulary> {
    Ok(Vocabulary {
        relationship_structures: terms(
            conn,
            "SELECT code, label FROM relationship_structures WHERE active = 1 ORDER BY sort",
        )?,
        contact_methods: terms(conn, "SELECT code, label FROM contact_methods WHERE active = 1 ORDER BY sort")?,
        roles: terms(conn, "SELECT code, label FROM roles ORDER BY sort")?,
    })
}

pub fn codes(conn: &Connection, table_sql: &str) -> Result<Vec<String>> {
    Ok(terms(conn, table_sql)?.into_iter().map(|t| t.code).collect())
}

pub(crate) const STRUCTURES: &str = "SELECT code, label FROM relationship_structures WHERE active = 1 ORDER BY sort";
pub(crate) const CONTACT_METHODS: &str = "SELECT code, label FROM contact_methods WHERE active = 1 ORDER BY sort";

fn terms(conn: &Connection, sql: &str) -> Result<Vec<Term>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([], |r| Ok(Term { code: r.get(0)?, label: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
