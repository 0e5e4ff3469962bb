//! Staff accounts: who may sign in, with which roles.
//!
//! Account rows live in the encrypted database; each active account's sealed copy of the
//! database key lives in the keyring. Deactivating an account removes its copy, so a former
//! colleague's password no longer opens anything; reactivating it needs a new temporary password.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::access::{Actor, Permission, Role};
use crate::audit::{self, action};
use crate::crypto::{self, KdfParams};
use crate::error::{Error, Result};
use crate::session::Session;
use crate::store::keyring;
use crate::validate::{Checker, SHORT_TEXT_MAX};

pub const PASSWORD_MIN: usize = 10;
pub const PASSWORD_MAX: usize = 256;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub active: bool,
    pub must_change_password: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewAccount {
    pub username: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    /// Given to the person, who must replace it at their first sign-in.
    pub temporary_password: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccountUpdate {
    pub display_name: String,
    pub roles: Vec<Role>,
}

/// Usernames are compared in lower case, without surrounding spaces.
pub fn normalise_username(s: &str) -> String {
    s.trim().to_lowercase()
}

pub(crate) fn check_username(c: &mut Checker, field: &str, raw: &str) -> String {
    let u = normalise_username(raw);
    if u.is_empty() {
        c.fail(field, "Username is required.");
    } else if !(2..=32).contains(&u.chars().count())
        || !u.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || "._-".contains(ch))
    {
        c.fail(field, "Username should be 2 to 32 letters (a-z), digits, dots, hyphens or underscores.");
    }
    u
}

pub(crate) fn check_password(c: &mut Checker, field: &str, password: &str, username: &str) {
    let n = password.chars().count();
    if n < PASSWORD_MIN {
        c.fail(field, format!("Password needs at least {PASSWORD_MIN} characters."));
    } else if n > PASSWORD_MAX {
        c.fail(field, format!("Password can be at most {PASSWORD_MAX} characters."));
    } else if password.trim().is_empty() {
        c.fail(field, "Password cannot be only spaces.");
    } else if normalise_username(password) == username {
        c.fail(field, "Password must not be the username.");
    }
}

fn check_roles(c: &mut Checker, roles: &[Role]) -> Vec<Role> {
    let mut r = roles.to_vec();
    r.sort();
    r.dedup();
    if r.is_empty() {
        c.fail("roles", "Choose at least one role.");
    }
    r
}

pub(crate) fn insert(
    tx: &Transaction,
    username: &str,
    display: &str,
    roles: &[Role],
    must_change: bool,
    now: DateTime<Utc>,
) -> Result<i64> {
    let exists: bool =
        tx.query_row("SELECT EXISTS (SELECT 1 FROM accounts WHERE username = ?1)", params![username], |r| r.get(0))?;
    if exists {
        return Err(Error::field("username", "That username is already taken."));
    }
    tx.execute(
        "INSERT INTO accounts (username, display_name, active, must_change_password, created_at, updated_at) VALUES (?1, ?2, 1, ?3, ?4, ?4)",
        params![username, display, must_change, now.to_rfc3339()],
    )?;
    let id = tx.last_insert_rowid();
    set_roles(tx, id, roles)?;
    Ok(id)
}

fn set_roles(tx: &Transaction, id: i64, roles: &[Role]) -> Result<()> {
    tx.execute("DELETE FROM account_roles WHERE account_id = ?1", params![id])?;
    for r in roles {
        tx.execute("INSERT INTO account_roles (account_id, role) VALUES (?1, ?2)", params![id, r.code()])?;
    }
    Ok(())
}

pub(crate) fn roles_of(conn: &Connection, id: i64) -> Result<Vec<Role>> {
    let mut stmt = conn.prepare_cached("SELECT role FROM account_roles WHERE account_id = ?1")?;
    let codes = stmt.query_map(params![id], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut roles: Vec<Role> = codes.iter().filter_map(|c| Role::from_code(c)).collect();
    roles.sort();
    Ok(roles)
}

pub fn list(conn: &Connection, actor: &Actor) -> Result<Vec<Account>> {
    actor.require(Permission::ManageAccounts)?;
    let mut stmt = conn.prepare("SELECT id FROM accounts ORDER BY active DESC, display_name COLLATE NOCASE")?;
    let ids = stmt.query_map([], |r| r.get::<_, i64>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    ids.into_iter().map(|id| get(conn, id)).collect()
}

fn get(conn: &Connection, id: i64) -> Result<Account> {
    let row = conn.query_row(
        "SELECT id, username, display_name, active, must_change_password, created_at FROM accounts WHERE id = ?1",
        params![id],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, bool>(3)?,
                r.get::<_, bool>(4)?,
                r.get::<_, DateTime<Utc>>(5)?,
            ))
        },
    );
    let (id, username, display_name, active, must_change_password, created_at) = match row {
        Ok(r) => r,
        Err(rusqlite::Error::QueryReturnedNoRows) => return Err(Error::NotFound { what: "account", id }),
        Err(e) => return Err(e.into()),
    };
    Ok(Account { id, username, display_name, roles: roles_of(conn, id)?, active, must_change_password, created_at })
}

fn active_admins(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM accounts a JOIN account_roles r ON r.account_id = a.id WHERE a.active = 1 AND r.role = 'administrator'",
        [],
        |r| r.get(0),
    )?)
}

fn log(tx: &Transaction, actor: &Actor, what: &str, subject: &str, now: DateTime<Utc>) -> Result<()> {
    audit::log(tx, actor, what, None, &format!("account={subject}"), now)
}

/// Adds an account with a temporary password; its owner must change it at first sign-in.
pub fn add(session: &mut Session, input: &NewAccount, now: DateTime<Utc>) -> Result<Account> {
    add_with(session, input, now, KdfParams::OWASP)
}

pub(crate) fn add_with(
    session: &mut Session,
    input: &NewAccount,
    now: DateTime<Utc>,
    kdf: KdfParams,
) -> Result<Account> {
    session.actor().require(Permission::ManageAccounts)?;
    let mut c = Checker::new();
    let username = check_username(&mut c, "username", &input.username);
    let display = c.required_text("displayName", "Name", &input.display_name, SHORT_TEXT_MAX);
    let roles = check_roles(&mut c, &input.roles);
    check_password(&mut c, "temporaryPassword", &input.temporary_password, &username);
    c.finish()?;
    let owner = keyring::account_owner(&username);
    let wrapped = crypto::wrap(session.key(), input.temporary_password.as_bytes(), &owner, kdf)?;
    let keyring = session.keyring()?;
    // The database row and its audit entry commit only after the key copy is stored: a crash in
    // between leaves an unused key copy, never an account that cannot sign in.
    session.write(|tx, actor| {
        let id = insert(tx, &username, &display, &roles, true, now)?;
        keyring.put(&owner, &wrapped, now)?;
        log(tx, actor, action::ACCOUNT_CREATE, &username, now)?;
        get(tx, id)
    })
}

/// Changes an account's name and roles. The last active administrator keeps that role.
pub fn update(tx: &Transaction, actor: &Actor, id: i64, input: &AccountUpdate, now: DateTime<Utc>) -> Result<Account> {
    actor.require(Permission::ManageAccounts)?;
    let before = get(tx, id)?;
    let mut c = Checker::new();
    let display = c.required_text("displayName", "Name", &input.display_name, SHORT_TEXT_MAX);
    let roles = check_roles(&mut c, &input.roles);
    c.finish()?;
    // Checked before anything is written: this account is one of the active administrators
    // counted, so it is the last one when the count is 1.
    if before.active
        && before.roles.contains(&Role::Administrator)
        && !roles.contains(&Role::Administrator)
        && active_admins(tx)? <= 1
    {
        return Err(Error::field("roles", "The clinic needs at least one active administrator."));
    }
    tx.execute(
        "UPDATE accounts SET display_name = ?1, updated_at = ?2 WHERE id = ?3",
        params![display, now.to_rfc3339(), id],
    )?;
    set_roles(tx, id, &roles)?;
    log(tx, actor, action::ACCOUNT_UPDATE, &before.username, now)?;
    get(tx, id)
}

/// Deactivates an account and removes its key copy. Nobody can deactivate themselves, and the
/// last active administrator stays.
pub fn deactivate(session: &mut Session, id: i64, now: DateTime<Utc>) -> Result<Account> {
    session.actor().require(Permission::ManageAccounts)?;
    if session.actor().account_id == id {
        return Err(Error::Conflict("You cannot deactivate your own account.".into()));
    }
    let keyring = session.keyring()?;
    session.write(|tx, actor| {
        let before = get(tx, id)?;
        tx.execute("UPDATE accounts SET active = 0, updated_at = ?1 WHERE id = ?2", params![now.to_rfc3339(), id])?;
        if before.roles.contains(&Role::Administrator) && active_admins(tx)? == 0 {
            return Err(Error::Conflict("The clinic needs at least one active administrator.".into()));
        }
        log(tx, actor, action::ACCOUNT_DEACTIVATE, &before.username, now)?;
        keyring.remove(&keyring::account_owner(&before.username))?;
        get(tx, id)
    })
}

/// Reactivates an account with a new temporary password.
pub fn reactivate(session: &mut Session, id: i64, temporary_password: &str, now: DateTime<Utc>) -> Result<Account> {
    set_temporary_password(session, id, temporary_password, now, action::ACCOUNT_REACTIVATE)
}

/// Gives an account a new temporary password (the administrator tells the person).
pub fn reset_password(session: &mut Session, id: i64, temporary_password: &str, now: DateTime<Utc>) -> Result<Account> {
    set_temporary_password(session, id, temporary_password, now, action::ACCOUNT_RESET_PASSWORD)
}

fn set_temporary_password(
    session: &mut Session,
    id: i64,
    password: &str,
    now: DateTime<Utc>,
    what: &'static str,
) -> Result<Account> {
    session.actor().require(Permission::ManageAccounts)?;
    let before = session.read(|conn, _| get(conn, id))?;
    let mut c = Checker::new();
    check_password(&mut c, "temporaryPassword", password, &before.username);
    c.finish()?;
    let owner = keyring::account_owner(&before.username);
    let wrapped = crypto::wrap(session.key(), password.as_bytes(), &owner, KdfParams::OWASP)?;
    let keyring = session.keyring()?;
    session.write(|tx, actor| {
        tx.execute(
            "UPDATE accounts SET active = 1, must_change_password = 1, updated_at = ?1 WHERE id = ?2",
            params![now.to_rfc3339(), id],
        )?;
        log(tx, actor, what, &before.username, now)?;
        keyring.put(&owner, &wrapped, now)?;
        keyring.clear_failures(&before.username)?;
        get(tx, id)
    })
}

/// Changes the signed-in person's own password after checking the current one. Only their key
/// copy is resealed; the database is untouched.
pub fn change_own_password(session: &mut Session, current: &str, new: &str, now: DateTime<Utc>) -> Result<()> {
    change_own_password_with(session, current, new, now, KdfParams::OWASP)
}

pub(crate) fn change_own_password_with(
    session: &mut Session,
    current: &str,
    new: &str,
    now: DateTime<Utc>,
    kdf: KdfParams,
) -> Result<()> {
    let username = session.actor().username.clone();
    let owner = keyring::account_owner(&username);
    let keyring = session.keyring()?;
    let mut c = Checker::new();
    check_password(&mut c, "newPassword", new, &username);
    if new == current {
        c.fail("newPassword", "Choose a password different from the current one.");
    }
    let current_ok = match keyring.get(&owner)? {
        Some(w) => crypto::unwrap(&w, current.as_bytes(), &owner).is_ok(),
        None => false,
    };
    if !current_ok {
        c.fail("currentPassword", "The current password is not right.");
    }
    c.finish()?;
    let wrapped = crypto::wrap(session.key(), new.as_bytes(), &owner, kdf)?;
    session.write(|tx, actor| {
        tx.execute(
            "UPDATE accounts SET must_change_password = 0, updated_at = ?1 WHERE id = ?2",
            params![now.to_rfc3339(), actor.account_id],
        )?;
        log(tx, actor, action::ACCOUNT_CHANGE_OWN_PASSWORD, &username, now)?;
        keyring.put(&owner, &wrapped, now)
    })?;
    session.password_changed();
    Ok(())
}
