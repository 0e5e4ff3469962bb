//! The errors every core operation can return.
//!
//! Each variant is something the UI can act on differently. None of them carries client data:
//! messages name fields and say what is wrong, never what was typed.

use serde::Serialize;
use ts_rs::TS;

/// A problem with one input field, shown next to that field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldError {
    /// The input's field name as the UI knows it (camelCase), e.g. `givenName`.
    pub field: String,
    /// What is wrong, in plain words, without echoing the value.
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self { field: field.to_owned(), message: message.into() }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("Some fields need attention.")]
    Validation(Vec<FieldError>),

    #[error("That {what} could not be found. It may have been removed.")]
    NotFound { what: &'static str, id: i64 },

    #[error("{0}")]
    Conflict(String),

    #[error("Your account is not allowed to do that.")]
    Forbidden,

    #[error("That name and password were not recognised.")]
    SignInFailed,

    #[error("Too many failed attempts. Wait {retry_after_seconds} seconds and try again.")]
    TooManyAttempts { retry_after_seconds: u64 },

    #[error("Rekindle has not been set up on this computer yet.")]
    NotSetUp,

    #[error("Rekindle is already set up in this data folder.")]
    AlreadySetUp,

    #[error("The data file could not be opened with this key. It may belong to another clinic, or be damaged.")]
    WrongKey,

    /// A booking clashes with what is already booked, the working hours, a closed day or the
    /// clock. Every clash is listed; each message names the other booking.
    #[error("{}", clash_summary(.0))]
    Clash(Vec<crate::scheduling::Clash>),

    /// The operating system's print service refused or failed a job, or no printer is set up.
    /// The message names the printer at most, never a client.
    #[error("{0}")]
    Print(String),

    /// A fault in the database or the disk. The source stays inside the program: it is logged
    /// without parameters and never shown, because SQL errors can quote values. The message
    /// says in plain words what happened when the fault is one a person can act on (a full disk,
    /// a read-only file, another program holding the file, a damaged file); see `StorageFault`.
    #[error("{}", storage_message(.context, .source))]
    Storage {
        context: &'static str,
        #[source]
        source: StorageSource,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum StorageSource {
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error(transparent)]
    Migration(#[from] rusqlite_migration::Error),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Other(&'static str),
}

pub type Result<T> = std::result::Result<T, Error>;

fn clash_summary(clashes: &[crate::scheduling::Clash]) -> String {
    match clashes {
        [one] => one.message.clone(),
        [first, ..] => format!("{} clashes, the first: {}", clashes.len(), first.message),
        [] => "That time clashes with another booking.".into(),
    }
}

impl Error {
    /// Wraps a storage fault with a short, data-free description of what was being done.
    pub fn storage(context: &'static str, source: impl Into<StorageSource>) -> Self {
        Error::Storage { context, source: source.into() }
    }

    /// The kind of storage fault, when this is one.
    pub fn storage_fault(&self) -> Option<StorageFault> {
        match self {
            Error::Storage { source, .. } => Some(source.fault()),
            _ => None,
        }
    }

    /// A validation error about a single field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Error::Validation(vec![FieldError::new(field, message)])
    }
}

/// `?` on a rusqlite call inside core: a storage fault with a generic context.
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::storage("database", e)
    }
}

impl From<rusqlite_migration::Error> for Error {
    fn from(e: rusqlite_migration::Error) -> Self {
        Error::storage("schema migration", e)
    }
}

/// What kind of storage fault happened, in terms of what the person at the computer can do
/// about it. Read from the SQLite result code (or the operating system's error), never from
/// the message text, which can quote values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageFault {
    /// The disk (or the database's size limit) is full: the write was not saved.
    DiskFull,
    /// The data file or its folder (or a backup's) may be read but not changed.
    ReadOnly,
    /// Another program (or another copy of Rekindle) holds the data file.
    InUse,
    /// The data file (or a backup being read) is damaged.
    Damaged,
    /// The disk could not be read or written.
    DiskProblem,
    /// Anything else.
    Other,
}

impl StorageSource {
    /// The kind of fault, for choosing the message and for callers that react differently.
    pub fn fault(&self) -> StorageFault {
        match self {
            StorageSource::Sqlite(e) => sqlite_fault(e),
            StorageSource::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => sqlite_fault(err),
            StorageSource::Migration(_) | StorageSource::Other(_) => StorageFault::Other,
            StorageSource::Io(e) => io_fault(e),
        }
    }
}

fn sqlite_fault(e: &rusqlite::Error) -> StorageFault {
    use rusqlite::ErrorCode as C;
    match e.sqlite_error_code() {
        Some(C::DiskFull) => StorageFault::DiskFull,
        Some(C::ReadOnly | C::PermissionDenied) => StorageFault::ReadOnly,
        Some(C::DatabaseBusy | C::DatabaseLocked) => StorageFault::InUse,
        // SQLCipher reports a page that fails its authentication check as "out of memory": the
        // decryption hook hands back no page, which SQLite's pager counts as a failed allocation.
        // On an encrypted store that is by far the likelier cause, so it reads as damage.
        Some(C::DatabaseCorrupt | C::NotADatabase | C::OutOfMemory) => StorageFault::Damaged,
        Some(C::SystemIoFailure) => StorageFault::DiskProblem,
        _ => StorageFault::Other,
    }
}

fn io_fault(e: &std::io::Error) -> StorageFault {
    // Only a full disk is named from the operating system's errors: the other kinds are too
    // varied in where they come from (a backup folder, a removed drive) to name the file.
    match e.kind() {
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => StorageFault::DiskFull,
        _ => StorageFault::Other,
    }
}

/// The message of `Error::Storage`. It names no values: only what happened and what to do.
/// A fault met while making, reading or restoring a backup (the context says so) is about the
/// backup file, not the clinic's data file, and says that.
fn storage_message(context: &str, source: &StorageSource) -> String {
    let backup = context.contains("backup");
    let text = match (source.fault(), backup) {
        (StorageFault::DiskFull, _) => {
            "The disk is full, so this could not be saved. Everything saved before is safe. \
             Free up some space on the disk, then try again."
        }
        (StorageFault::ReadOnly, false) => {
            "The clinic's data file is set to read-only, so this could not be saved. Everything saved \
             before is safe. Ask whoever looks after this computer to let Rekindle change the files in \
             its data folder."
        }
        (StorageFault::ReadOnly, true) => {
            "The backup folder or file is set to read-only, so this could not be done. Choose a folder \
             Rekindle may write to, or ask whoever looks after this computer."
        }
        (StorageFault::InUse, _) => {
            "The clinic's data is in use by another program, so this could not be done just now. \
             Nothing was changed. Close any other copy of Rekindle or any program using its data \
             folder, then try again."
        }
        (StorageFault::Damaged, false) => {
            "The clinic's data file is damaged. Stop using Rekindle on this computer and ask whoever \
             looks after it to restore the data from the latest backup."
        }
        (StorageFault::Damaged, true) => {
            "The backup file is damaged, or is not a Rekindle backup. Choose another backup."
        }
        (StorageFault::DiskProblem, _) => {
            "The computer could not read or write a file Rekindle needs. The disk may be failing or \
             disconnected. Try again, and if it keeps happening ask whoever looks after this computer \
             to check the disk."
        }
        (StorageFault::Other, _) => return format!("The clinic's data could not be read or saved ({context})."),
    };
    text.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite(code: i32) -> Error {
        Error::storage("database", rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None))
    }

    #[test]
    fn storage_faults_are_named_from_the_result_code() {
        use rusqlite::ffi;
        let cases = [
            (ffi::SQLITE_FULL, StorageFault::DiskFull, "disk is full"),
            (ffi::SQLITE_READONLY, StorageFault::ReadOnly, "read-only"),
            (ffi::SQLITE_PERM, StorageFault::ReadOnly, "read-only"),
            (ffi::SQLITE_BUSY, StorageFault::InUse, "in use by another program"),
            (ffi::SQLITE_LOCKED, StorageFault::InUse, "in use by another program"),
            (ffi::SQLITE_CORRUPT, StorageFault::Damaged, "damaged"),
            (ffi::SQLITE_NOTADB, StorageFault::Damaged, "damaged"),
            (ffi::SQLITE_NOMEM, StorageFault::Damaged, "damaged"),
            (ffi::SQLITE_IOERR, StorageFault::DiskProblem, "could not read or write"),
        ];
        for (code, fault, words) in cases {
            let e = sqlite(code);
            assert_eq!(e.storage_fault(), Some(fault), "code {code}");
            assert!(e.to_string().contains(words), "code {code}: {e}");
        }
        let other = sqlite(ffi::SQLITE_CONSTRAINT);
        assert_eq!(other.storage_fault(), Some(StorageFault::Other));
        assert_eq!(other.to_string(), "The clinic's data could not be read or saved (database).");
        assert_eq!(Error::Forbidden.storage_fault(), None);
        let full = Error::storage("writing a file", std::io::Error::from(std::io::ErrorKind::StorageFull));
        assert_eq!(full.storage_fault(), Some(StorageFault::DiskFull));
        // About a backup, the message names the backup, not the clinic's data file.
        let bad_backup = Error::storage(
            "opening a backup",
            rusqlite::Error::SqliteFailure(ffi::Error::new(ffi::SQLITE_NOTADB), None),
        );
        assert!(bad_backup.to_string().starts_with("The backup file is damaged"), "{bad_backup}");
    }
}
