//! The encrypted store: where the files are, how they are opened, and the schema migrations.
//!
//! Two files live in the data folder:
//! - `rekindle.db`, the SQLCipher database holding everything about the clinic;
//! - `keyring.db`, a small plain SQLite file with the sealed copies of the database key
//!   (see `crypto`) and sign-in attempt counters. It holds no client data.
//!
//! Every connection runs in WAL mode with `synchronous = FULL` (a commit the user saw survives
//! a power cut; the one exception is the audit entry of opening a record, see
//! `Session::open_record`), foreign keys on, and temporary tables in memory so nothing spills to disk in
//! plain text.

pub mod keyring;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{Migrations, M};

use crate::crypto::DbKey;
use crate::error::{Error, Result};

pub const DB_FILE: &str = "rekindle.db";
pub const KEYRING_FILE: &str = "keyring.db";

/// The schema of the clinic database, oldest first. Files are never edited once released;
/// a change is a new file at the end of this list.
const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("../../../migrations/0001_init.sql")),
    M::up(include_str!("../../../migrations/0002_intake.sql")),
    M::up(include_str!("../../../migrations/0003_library.sql")),
    M::up(include_str!("../../../migrations/0004_library_content.sql")),
    M::up(include_str!("../../../migrations/0005_planning.sql")),
    M::up(include_str!("../../../migrations/0006_handouts.sql")),
    M::up(include_str!("../../../migrations/0007_scheduling.sql")),
    M::up(include_str!("../../../migrations/0008_trust.sql")),
    M::up(include_str!("../../../migrations/0009_data_rights.sql")),
    M::up(include_str!("../../../migrations/0010_audit_indexes.sql")),
];

pub fn migrations() -> Migrations<'static> {
    Migrations::from_slice(MIGRATIONS)
}

/// The schema version a database has once fully migrated.
pub fn latest_schema_version() -> usize {
    MIGRATIONS.len()
}

/// The data folder: `REKINDLE_DATA_DIR` when set (passed in by the caller, which reads the
/// environment), otherwise the operating system's per-user data folder.
pub fn data_dir(env_override: Option<std::ffi::OsString>) -> Result<PathBuf> {
    if let Some(dir) = env_override.filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    dirs::data_dir().map(|d| d.join("rekindle")).ok_or_else(|| {
        Error::storage(
            "finding the data folder",
            crate::error::StorageSource::Other("the operating system reports no per-user data folder"),
        )
    })
}

pub fn db_path(dir: &Path) -> PathBuf {
    dir.join(DB_FILE)
}

pub fn keyring_path(dir: &Path) -> PathBuf {
    dir.join(KEYRING_FILE)
}

/// Opens (or creates, when `create` is set) the encrypted database with `key` and brings its
/// schema up to date. A key that does not fit gives `Error::WrongKey`.
pub fn open_encrypted(path: &Path, key: &DbKey, create: bool) -> Result<Connection> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let mut conn = Connection::open_with_flags(path, flags).map_err(|e| Error::storage("opening the data file", e))?;
    // SQLCipher logs decryption failures to stderr by default; the app reports them itself.
    let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE");
    conn.pragma_update(None, "key", key.sqlcipher_key().as_str())
        .map_err(|e| Error::storage("unlocking the data file", e))?;
    // The first read is where SQLCipher finds out whether the key fits.
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)) {
        Ok(_) => {}
        Err(rusqlite::Error::SqliteFailure(f, _)) if f.code == rusqlite::ErrorCode::NotADatabase => {
            return Err(Error::WrongKey)
        }
        Err(e) => return Err(Error::storage("unlocking the data file", e)),
    }
    configure(&conn)?;
    migrations().to_latest(&mut conn)?;
    Ok(conn)
}

/// An in-memory, unencrypted database with the full schema: for tests and benchmarks of the
/// domain code, which behaves the same on either.
pub fn open_in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    migrations().to_latest(&mut conn)?;
    Ok(conn)
}

fn configure(conn: &Connection) -> Result<()> {
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::storage(
            "configuring the data file",
            crate::error::StorageSource::Other("write-ahead logging could not be turned on"),
        ));
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

/// What `verify` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyReport {
    pub integrity: String,
    pub cipher_integrity_problems: Vec<String>,
    pub schema_version: usize,
    pub expected_schema_version: usize,
}

impl VerifyReport {
    pub fn is_good(&self) -> bool {
        self.integrity == "ok"
            && self.cipher_integrity_problems.is_empty()
            && self.schema_version == self.expected_schema_version
    }
}

/// Runs SQLite's `integrity_check`, SQLCipher's `cipher_integrity_check` (every page's
/// authentication code) and compares the schema version with this program's.
pub fn verify(conn: &Connection) -> Result<VerifyReport> {
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    let mut stmt = conn.prepare("PRAGMA cipher_integrity_check")?;
    let problems = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    let version: usize = migrations().current_version(conn).map(usize::from)?;
    Ok(VerifyReport {
        integrity,
        cipher_integrity_problems: problems,
        schema_version: version,
        expected_schema_version: latest_schema_version(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_and_apply_to_an_empty_database() {
        migrations().validate().unwrap();
        let conn = open_in_memory().unwrap();
        let version: usize = migrations().current_version(&conn).map(usize::from).unwrap();
        assert_eq!(version, latest_schema_version());
        let roles: i64 = conn.query_row("SELECT count(*) FROM roles", [], |r| r.get(0)).unwrap();
        assert_eq!(roles, 3, "the three roles are seeded as reference rows");
    }

    #[test]
    fn a_database_made_by_the_previous_schema_upgrades_with_its_data() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        // Schema 1 is what the first release (the foundation) created.
        migrations().to_version(&mut conn, 1).unwrap();
        conn.execute_batch(
            "INSERT INTO accounts (id, username, display_name, created_at, updated_at) VALUES (1, 'robin', 'Robin', 't', 't');
             INSERT INTO people (id, given_name, is_client, search_names, created_at, updated_at) VALUES (7, 'Maggie', 1, 'maggie', 't', 't');",
        )
        .unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let name: String = conn.query_row("SELECT given_name FROM people WHERE id = 7", [], |r| r.get(0)).unwrap();
        assert_eq!(name, "Maggie", "existing clients survive the upgrade");
        conn.execute("INSERT INTO intakes (person_id, created_by, created_at, updated_at) VALUES (7, 1, 't', 't')", [])
            .unwrap();
        let v: usize = migrations().current_version(&conn).map(usize::from).unwrap();
        assert_eq!(v, latest_schema_version());
    }
}
