//! Setting up a clinic, signing in and out, and the signed-in session.
//!
//! A `Session` is the only way to reach the clinic's data: it holds the open encrypted
//! connection, the database key (needed to seal copies for new accounts) and the signed-in
//! `Actor`. `read` and `write` hand the domain functions a connection or a transaction; each
//! `write` is one transaction, so one user action is saved whole or not at all.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zeroize::Zeroizing;

use crate::access::{Actor, Role};
use crate::accounts::{self, check_password, normalise_username};
use crate::audit::{self, action, Entry};
use crate::clinic::{self, ClinicProfile};
use crate::crypto::{self, DbKey, KdfParams};
use crate::error::{Error, Result};
use crate::store::{
    self,
    keyring::{self, Keyring, PendingFailure},
};
use crate::validate::Checker;

/// What the window shows first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SetupState {
    /// No clinic in this data folder: show first-run setup.
    NotSetUp,
    /// A clinic exists: show sign-in.
    Ready,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    pub account_id: i64,
    pub username: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    /// Set after an administrator reset the password: the person must choose their own.
    pub must_change_password: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetupInput {
    pub clinic: ClinicProfile,
    pub admin_username: String,
    pub admin_display_name: String,
    pub admin_password: String,
    /// The first administrator also sees clients as a counsellor.
    pub also_counsellor: bool,
}

pub struct Session {
    conn: Connection,
    actor: Actor,
    display_name: String,
    must_change_password: bool,
    key: DbKey,
    dir: PathBuf,
    /// Whether commits wait for the disk (`synchronous = FULL`, as the store opens). False after
    /// [`Session::open_record`]; [`Session::write`] sets it back before its transaction begins.
    synced: bool,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session").field("actor", &self.actor).finish_non_exhaustive()
    }
}

pub fn state(dir: &Path) -> Result<SetupState> {
    let keyring = store::keyring_path(dir);
    if !keyring.exists() || !store::db_path(dir).exists() {
        return Ok(SetupState::NotSetUp);
    }
    if Keyring::open(&keyring, false)?.is_empty()? {
        return Ok(SetupState::NotSetUp);
    }
    Ok(SetupState::Ready)
}

/// Creates the clinic: a random database key, the encrypted database with its schema, the
/// profile, the first administrator, and a recovery key returned once to be shown to them.
pub fn set_up(dir: &Path, input: &SetupInput, now: DateTime<Utc>) -> Result<(Session, Zeroizing<String>)> {
    set_up_with(dir, input, now, KdfParams::OWASP)
}

pub(crate) fn set_up_with(
    dir: &Path,
    input: &SetupInput,
    now: DateTime<Utc>,
    kdf: KdfParams,
) -> Result<(Session, Zeroizing<String>)> {
    if state(dir)? == SetupState::Ready {
        return Err(Error::AlreadySetUp);
    }
    // Check everything before the first byte is written.
    let profile = clinic::validate(&input.clinic).map_err(|e| prefix_fields(e, "clinic."))?;
    let mut c = Checker::new();
    let username = accounts::check_username(&mut c, "adminUsername", &input.admin_username);
    let display =
        c.required_text("adminDisplayName", "Your name", &input.admin_display_name, crate::validate::SHORT_TEXT_MAX);
    check_password(&mut c, "adminPassword", &input.admin_password, &username);
    c.finish()?;

    std::fs::create_dir_all(dir).map_err(|e| Error::storage("creating the data folder", e))?;
    restrict_to_owner(dir)?;
    // A database without a keyring is unusable (its key is gone): keep it aside, never delete it.
    let db_path = store::db_path(dir);
    if db_path.exists() {
        let aside = dir.join(format!("rekindle.db.orphaned-{}", now.format("%Y%m%dT%H%M%S")));
        std::fs::rename(&db_path, aside).map_err(|e| Error::storage("moving an unusable data file aside", e))?;
        for ext in ["-wal", "-shm"] {
            let p = dir.join(format!("{}{ext}", store::DB_FILE));
            if p.exists() {
                std::fs::remove_file(p).map_err(|e| Error::storage("moving an unusable data file aside", e))?;
            }
        }
    }

    let key = DbKey::generate()?;
    let mut conn = store::open_encrypted(&db_path, &key, true)?;
    let roles =
        if input.also_counsellor { vec![Role::Administrator, Role::Counsellor] } else { vec![Role::Administrator] };
    let account_id = {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        clinic::insert(&tx, &profile, now)?;
        let id = accounts::insert(&tx, &username, &display, &roles, false, now)?;
        audit::record(
            &tx,
            &Entry { account_id: Some(id), action: action::SET_UP, person_id: None, outcome: "ok", detail: "" },
            now,
        )?;
        tx.commit()?;
        id
    };

    let keyring = Keyring::open(&store::keyring_path(dir), true)?;
    let recovery = crypto::new_recovery_key()?;
    let recovery_secret = crypto::recovery_secret(&recovery).ok_or(Error::storage(
        "making the recovery key",
        crate::error::StorageSource::Other("recovery key did not read back"),
    ))?;
    keyring.put(keyring::RECOVERY_OWNER, &crypto::wrap(&key, &recovery_secret, keyring::RECOVERY_OWNER, kdf)?, now)?;
    // The administrator's wrap goes last: until it exists the folder reads as not set up.
    let owner = keyring::account_owner(&username);
    keyring.put(&owner, &crypto::wrap(&key, input.admin_password.as_bytes(), &owner, kdf)?, now)?;

    let actor = Actor { account_id, username, roles };
    Ok((Session::new(conn, actor, display, false, key, dir), recovery))
}

/// Signs in with a name and password. Any failure gives the same `SignInFailed`; repeated
/// failures for a name make it wait before the next attempt is even checked.
pub fn sign_in(dir: &Path, username: &str, password: &str, now: DateTime<Utc>) -> Result<Session> {
    if state(dir)? != SetupState::Ready {
        return Err(Error::NotSetUp);
    }
    let keyring = Keyring::open(&store::keyring_path(dir), false)?;
    let username = normalise_username(username);
    keyring.check_attempt_allowed(&username, now)?;
    let owner = keyring::account_owner(&username);
    let wrap = keyring.get(&owner)?;
    let is_account = wrap.is_some();
    let unwrapped = match wrap {
        Some(w) => crypto::unwrap(&w, password.as_bytes(), &owner),
        None => {
            crypto::waste_equal_effort(password.as_bytes());
            Err(Error::SignInFailed)
        }
    };
    let key = match unwrapped {
        Ok(k) => k,
        Err(Error::SignInFailed) => {
            keyring.record_failure(&username, is_account, now)?;
            return Err(Error::SignInFailed);
        }
        Err(other) => return Err(other),
    };
    let conn = store::open_encrypted(&store::db_path(dir), &key, false)?;
    let Some((account_id, display_name, must_change)) = active_account(&conn, &username)? else {
        keyring.record_failure(&username, true, now)?;
        return Err(Error::SignInFailed);
    };
    let earlier_failures = keyring.clear_failures(&username)?;
    let roles = accounts::roles_of(&conn, account_id)?;
    let mut session = Session::new(conn, Actor { account_id, username, roles }, display_name, must_change, key, dir);
    session.record_arrival(&keyring, action::SIGN_IN, earlier_failures, now)?;
    Ok(session)
}

/// The detail of a sign-in or unlock that came after failures: "after 2 failed attempts".
fn after_failures(n: u32) -> String {
    match n {
        0 => String::new(),
        1 => "after 1 failed attempt".to_string(),
        n => format!("after {n} failed attempts"),
    }
}

/// Moves failed sign-ins that waited in the keyring (no key was open to write them anywhere
/// else) into the audit log, inside the transaction of the sign-in or unlock that found them.
/// Each becomes a `session.sign_in_failed` entry, followed by `session.lock_out` when it made
/// the next attempt wait. The entry's own time is when it was logged; the detail says when the
/// attempt happened.
fn log_failed_sign_ins(tx: &Transaction, pending: &[PendingFailure], now: DateTime<Utc>) -> Result<()> {
    for f in pending {
        let at = DateTime::parse_from_rfc3339(&f.at)
            .map(|t| t.with_timezone(&Utc).format("%Y-%m-%d %H:%M:%S UTC").to_string())
            .unwrap_or_else(|_| f.at.clone());
        let how = match f.username.as_deref() {
            Some(keyring::RECOVERY_OWNER) => "with the recovery key".to_string(),
            Some(name) => format!("as {name}"),
            None => "with a name that is no account's".to_string(),
        };
        let detail = format!("{how}, at {at}; {} in a row", f.failures_in_a_row);
        let entry = |action, detail| Entry { account_id: None, action, person_id: None, outcome: "refused", detail };
        audit::record(tx, &entry(action::SIGN_IN_FAILED, &detail), now)?;
        if f.held_back_seconds > 0 {
            let held = format!("{how}, at {at}; the next attempt held back {} s", f.held_back_seconds);
            audit::record(tx, &entry(action::LOCK_OUT, &held), now)?;
        }
    }
    Ok(())
}

/// Once they are in the audit log, the queued failures leave the keyring. Should that fail, they
/// are logged again at the next sign-in: a repeat is better than a loss.
fn forget_logged_failures(keyring: &Keyring, pending: &[PendingFailure]) {
    if let Some(last) = pending.last() {
        let _ = keyring.forget_failures(last.id);
    }
}

/// For an administrator who has lost their password: the recovery key opens the database,
/// and the named administrator account gets `new_password`.
pub fn sign_in_with_recovery_key(
    dir: &Path,
    recovery_key: &str,
    username: &str,
    new_password: &str,
    now: DateTime<Utc>,
) -> Result<Session> {
    if state(dir)? != SetupState::Ready {
        return Err(Error::NotSetUp);
    }
    let keyring = Keyring::open(&store::keyring_path(dir), false)?;
    keyring.check_attempt_allowed(keyring::RECOVERY_OWNER, now)?;
    let username = normalise_username(username);
    let mut c = Checker::new();
    check_password(&mut c, "newPassword", new_password, &username);
    c.finish()?;
    let secret = crypto::recovery_secret(recovery_key);
    let unwrapped = match (keyring.get(keyring::RECOVERY_OWNER)?, secret) {
        (Some(w), Some(s)) => crypto::unwrap(&w, &s, keyring::RECOVERY_OWNER),
        _ => Err(Error::SignInFailed),
    };
    let key = match unwrapped {
        Ok(k) => k,
        Err(Error::SignInFailed) => {
            keyring.record_failure(keyring::RECOVERY_OWNER, true, now)?;
            return Err(Error::SignInFailed);
        }
        Err(e) => return Err(e),
    };
    let conn = store::open_encrypted(&store::db_path(dir), &key, false)?;
    let Some((account_id, display_name, _)) = active_account(&conn, &username)? else {
        return Err(Error::field("username", "No active account has that name."));
    };
    let roles = accounts::roles_of(&conn, account_id)?;
    if !roles.contains(&Role::Administrator) {
        return Err(Error::field("username", "The recovery key can only reset an administrator's password."));
    }
    keyring.clear_failures(keyring::RECOVERY_OWNER)?;
    let owner = keyring::account_owner(&username);
    keyring.put(&owner, &crypto::wrap(&key, new_password.as_bytes(), &owner, KdfParams::OWASP)?, now)?;
    let mut session = Session::new(conn, Actor { account_id, username, roles }, display_name, false, key, dir);
    let pending = keyring.pending_failures()?;
    session.write(|tx, actor| {
        tx.execute("UPDATE accounts SET must_change_password = 0 WHERE id = ?1", params![actor.account_id])?;
        log_failed_sign_ins(tx, &pending, now)?;
        audit::log(tx, actor, action::SIGN_IN_RECOVERY, None, "", now)
    })?;
    forget_logged_failures(&keyring, &pending);
    Ok(session)
}

fn active_account(conn: &Connection, username: &str) -> Result<Option<(i64, String, bool)>> {
    Ok(conn
        .query_row(
            "SELECT id, display_name, must_change_password FROM accounts WHERE username = ?1 AND active = 1",
            params![username],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

impl Session {
    fn new(
        conn: Connection,
        actor: Actor,
        display_name: String,
        must_change_password: bool,
        key: DbKey,
        dir: &Path,
    ) -> Self {
        Session { conn, actor, display_name, must_change_password, key, dir: dir.to_owned(), synced: true }
    }

    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    pub fn info(&self) -> SessionInfo {
        SessionInfo {
            account_id: self.actor.account_id,
            username: self.actor.username.clone(),
            display_name: self.display_name.clone(),
            roles: self.actor.roles.clone(),
            must_change_password: self.must_change_password,
        }
    }

    pub fn data_dir(&self) -> &Path {
        &self.dir
    }

    /// Runs a read.
    pub fn read<T>(&self, f: impl FnOnce(&Connection, &Actor) -> Result<T>) -> Result<T> {
        f(&self.conn, &self.actor)
    }

    /// Runs one user action as one transaction: committed when `f` succeeds, rolled back
    /// (nothing half written) when it fails. The commit waits for the disk (`synchronous =
    /// FULL`), so a change that was saved survives a power cut.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction, &Actor) -> Result<T>) -> Result<T> {
        self.set_synced(true)?;
        self.transaction(f)
    }

    /// Opens a clinical record for reading, as one transaction like [`Session::write`]. Its only
    /// lasting writes are the read's own audit entry (and, the first time a chart is opened, the
    /// empty intake it starts). That commit goes into the write-ahead log without waiting for
    /// the disk (`synchronous = NORMAL`). It survives the app crashing or being killed. The next
    /// durable commit (any change, a sign-in, lock or sign-out) or checkpoint flushes it to disk
    /// with everything before it. So only a power cut or an operating-system crash before then
    /// can lose a read's entry, and never a change someone made. A synced commit would add a
    /// disk flush to every chart opened (see ARCHITECTURE.md, "What auditing a read costs").
    ///
    /// The setting stays NORMAL after this, so a run of records opened one after another
    /// changes it once; [`Session::write`] sets FULL again before the next change begins.
    /// Nothing else commits on this connection: [`Session::read`] is for reads only.
    pub fn open_record<T>(&mut self, f: impl FnOnce(&Transaction, &Actor) -> Result<T>) -> Result<T> {
        self.set_synced(false)?;
        self.transaction(f)
    }

    fn transaction<T>(&mut self, f: impl FnOnce(&Transaction, &Actor) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx, &self.actor)?;
        tx.commit()?;
        Ok(out)
    }

    /// SQLite refuses to change `synchronous` inside a transaction, so it is set between them,
    /// and only when it differs from what the next commit needs.
    fn set_synced(&mut self, synced: bool) -> Result<()> {
        if self.synced != synced {
            self.conn.pragma_update(None, "synchronous", if synced { "FULL" } else { "NORMAL" })?;
            self.synced = synced;
        }
        Ok(())
    }

    /// The raw connection, for checks such as `store::verify`.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn key(&self) -> &DbKey {
        &self.key
    }

    pub(crate) fn keyring(&self) -> Result<Keyring> {
        Keyring::open(&store::keyring_path(&self.dir), false)
    }

    pub(crate) fn password_changed(&mut self) {
        self.must_change_password = false;
    }

    /// Records that the screen locked. The session stays open behind the lock, so what the
    /// person was doing is there when they come back.
    pub fn record_lock(&mut self, why: &str, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx, actor| audit::log(tx, actor, action::SESSION_LOCK, None, why, now))
    }

    /// The same person comes back to a locked screen: their password is checked as at sign-in
    /// (a wrong one counts towards the growing delay) and the session carries on.
    pub fn unlock(&mut self, password: &str, now: DateTime<Utc>) -> Result<()> {
        let keyring = self.keyring()?;
        let username = self.actor.username.clone();
        keyring.check_attempt_allowed(&username, now)?;
        let owner = keyring::account_owner(&username);
        let ok = match keyring.get(&owner)? {
            Some(w) => crypto::unwrap(&w, password.as_bytes(), &owner).map(|_| ()),
            None => Err(Error::SignInFailed),
        };
        match ok {
            Ok(()) => {}
            Err(Error::SignInFailed) => {
                keyring.record_failure(&username, true, now)?;
                return Err(Error::SignInFailed);
            }
            Err(other) => return Err(other),
        }
        let earlier_failures = keyring.clear_failures(&username)?;
        self.record_arrival(&keyring, action::SESSION_UNLOCK, earlier_failures, now)
    }

    /// Records a sign-in or unlock (`action`), after the `earlier_failures` of this name, in one
    /// transaction with the failed sign-ins that were waiting in the keyring.
    fn record_arrival(
        &mut self,
        keyring: &Keyring,
        action: &str,
        earlier_failures: u32,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let detail = after_failures(earlier_failures);
        let pending = keyring.pending_failures()?;
        self.write(|tx, actor| {
            log_failed_sign_ins(tx, &pending, now)?;
            audit::log(tx, actor, action, None, &detail, now)
        })?;
        forget_logged_failures(keyring, &pending);
        Ok(())
    }

    /// Signs out: records it, then closes the database (the key is zeroed when dropped).
    pub fn sign_out(mut self, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx, actor| audit::log(tx, actor, action::SIGN_OUT, None, "", now))?;
        let _ = self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)");
        Ok(())
    }
}

/// Only the person who runs Rekindle may list or open the data folder (the database is
/// encrypted anyway; this keeps even its existence and size private on a shared computer).
#[cfg(unix)]
fn restrict_to_owner(dir: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
        .map_err(|e| Error::storage("protecting the data folder", e))
}

#[cfg(not(unix))]
fn restrict_to_owner(_dir: &Path) -> Result<()> {
    Ok(())
}

fn prefix_fields(e: Error, prefix: &str) -> Error {
    match e {
        Error::Validation(v) => Error::Validation(
            v.into_iter()
                .map(|mut f| {
                    f.field = format!("{prefix}{}", f.field);
                    f
                })
                .collect(),
        ),
        other => other,
    }
}
