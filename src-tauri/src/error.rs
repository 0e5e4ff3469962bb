//! `CommandError`: what the UI receives when a command fails.
//!
//! It is the only place core errors become something serialisable. The UI switches on `kind`
//! and places `fields` next to the inputs. Storage faults become a plain message; their cause is
//! logged without parameters (SQL errors can quote values, and values here are client data).

use rekindle_core::{Error, FieldError};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ErrorKind {
    Validation,
    NotFound,
    Conflict,
    Forbidden,
    SignedOut,
    /// The screen is locked: only unlocking (or signing in as someone else) is possible.
    Locked,
    SignInFailed,
    TooManyAttempts,
    NotSetUp,
    AlreadySetUp,
    WrongKey,
    Print,
    /// A booking clashes; `clashes` lists each one.
    Clash,
    Internal,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CommandError {
    pub kind: ErrorKind,
    pub message: String,
    pub fields: Vec<FieldError>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after_seconds: Option<u64>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clashes: Option<Vec<rekindle_core::scheduling::Clash>>,
}

impl CommandError {
    pub fn signed_out() -> Self {
        CommandError {
            kind: ErrorKind::SignedOut,
            message: "Please sign in again.".into(),
            fields: vec![],
            retry_after_seconds: None,
            clashes: None,
        }
    }

    pub fn locked() -> Self {
        CommandError {
            kind: ErrorKind::Locked,
            message: "The screen is locked. Sign in to carry on.".into(),
            fields: vec![],
            retry_after_seconds: None,
            clashes: None,
        }
    }

    pub fn internal(message: &str) -> Self {
        CommandError {
            kind: ErrorKind::Internal,
            message: message.into(),
            fields: vec![],
            retry_after_seconds: None,
            clashes: None,
        }
    }
}

impl From<Error> for CommandError {
    fn from(e: Error) -> Self {
        let message = e.to_string();
        if let Error::Clash(clashes) = e {
            return CommandError {
                kind: ErrorKind::Clash,
                message,
                fields: vec![],
                retry_after_seconds: None,
                clashes: Some(clashes),
            };
        }
        let (kind, fields, retry) = match e {
            Error::Validation(fields) => (ErrorKind::Validation, fields, None),
            Error::NotFound { .. } => (ErrorKind::NotFound, vec![], None),
            Error::Conflict(_) => (ErrorKind::Conflict, vec![], None),
            Error::Forbidden => (ErrorKind::Forbidden, vec![], None),
            Error::SignInFailed => (ErrorKind::SignInFailed, vec![], None),
            Error::TooManyAttempts { retry_after_seconds } => {
                (ErrorKind::TooManyAttempts, vec![], Some(retry_after_seconds))
            }
            Error::NotSetUp => (ErrorKind::NotSetUp, vec![], None),
            Error::AlreadySetUp => (ErrorKind::AlreadySetUp, vec![], None),
            Error::WrongKey => (ErrorKind::WrongKey, vec![], None),
            Error::Print(_) => (ErrorKind::Print, vec![], None),
            Error::Clash(_) => (ErrorKind::Clash, vec![], None),
            Error::Storage { context, ref source } => {
                // The kind of fault only: never the SQL text or values.
                eprintln!("rekindle: storage fault while {context}: {}", storage_kind(source));
                (ErrorKind::Internal, vec![], None)
            }
        };
        CommandError { kind, message, fields, retry_after_seconds: retry, clashes: None }
    }
}

fn storage_kind(s: &rekindle_core::error::StorageSource) -> String {
    use rekindle_core::error::StorageSource;
    match s {
        StorageSource::Sqlite(rusqlite_err) => match rusqlite_err.sqlite_error_code() {
            Some(code) => format!("sqlite {code:?}"),
            None => "sqlite (no code)".into(),
        },
        StorageSource::Migration(_) => "migration".into(),
        StorageSource::Io(e) => format!("io {:?}", e.kind()),
        StorageSource::Other(what) => (*what).into(),
    }
}

pub type CmdResult<T> = Result<T, CommandError>;
