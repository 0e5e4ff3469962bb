//! A client's rights over their record: to have all of it, and to have it erased.
//!
//! - [`export`]: everything the clinic holds about one person, as a JSON file (every row, every
//!   column, the audit entries about them included) and a readable PDF summary of the same.
//! - [`erase`]: removes the person and everything that is theirs, after two confirmations; the
//!   audit log keeps that an erasure happened (who, when, which record number), not what it held.
//!
//! Both are for counsellors (`Permission::ClientRights`): the record is clinical, and the
//! counsellor is the one who sees the client and takes the request.

pub mod erase;
pub mod export;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, Params};
use serde_json::{Map, Value};

/// One row: column names and values, in the table's column order.
pub(crate) type Row = Vec<(String, Value)>;

/// A row as a JSON object.
pub(crate) fn object(row: &Row) -> Value {
    Value::Object(row.iter().cloned().collect::<Map<String, Value>>())
}

pub use erase::{erase, erase_preview, ErasePreview};
pub use export::{export, write_export, ClientExport, ExportWritten};

/// Columns that are derived from others (search keys) or internal (hash chain, ordering): left
/// out of an export because they tell the client nothing the other columns do not.
const INTERNAL: &[&str] = &["search_names", "phone_digits", "prev_hash", "hash", "sort"];

/// Runs `sql` and gives each row's columns and values.
pub(crate) fn rows(conn: &Connection, sql: &str, params: impl Params) -> crate::Result<Vec<Row>> {
    let mut stmt = conn.prepare(sql)?;
    let names: Vec<String> = stmt.column_names().into_iter().map(str::to_owned).collect();
    let mut out = Vec::new();
    let mut q = stmt.query(params)?;
    while let Some(r) = q.next()? {
        let mut m = Row::new();
        for (i, name) in names.iter().enumerate() {
            if INTERNAL.contains(&name.as_str()) {
                continue;
            }
            let v = match r.get_ref(i)? {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(n) => Value::from(n),
                ValueRef::Real(f) => Value::from(f),
                ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Blob(b) => Value::from(b.iter().map(|x| format!("{x:02x}")).collect::<String>()),
            };
            m.push((name.clone(), v));
        }
        out.push(m);
    }
    Ok(out)
}

/// The ids in the first column of `sql`'s rows.
pub(crate) fn ids(conn: &Connection, sql: &str, params: impl Params) -> crate::Result<Vec<i64>> {
    let mut stmt = conn.prepare(sql)?;
    let v = stmt.query_map(params, |r| r.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(v)
}
