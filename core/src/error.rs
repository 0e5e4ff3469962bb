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
    /// without parameters and never shown, because SQL errors can quote values.
    #[error("The clinic's data could not be read or saved ({context}).")]
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
