//! Backups and restore.
//!
//! A backup is one file, `rekindle-YYYYMMDD-HHMMSS.rkbackup`: a copy of the clinic database made
//! with SQLite's online backup API from a connection of its own, a few hundred pages at a time,
//! so the app stays usable while it runs. It is encrypted with the clinic's database key, like the
//! live file. Beside the backups sits a copy of the keyring (`keyring.db`: the sealed copies of
//! that key, useless without a password or the recovery key), so a backup folder alone is enough
//! to bring a clinic back on a new computer.
//!
//! Every backup is checked before it counts: opened with the key, SQLite's `integrity_check`,
//! SQLCipher's page authentication and the audit log's hash chain. It is written under a
//! temporary name and renamed only once it passes, so a half-written file never looks like a
//! backup. Old backups are thinned out to 7 daily, 4 weekly and 12 monthly ones.
//!
//! Restore checks the backup first, keeps the file it replaces (`rekindle.db.replaced-…`) and
//! records the restore in the restored log.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags, Transaction};
use serde::Serialize;
use ts_rs::TS;

use crate::access::{Actor, Permission};
use crate::audit::{self, action};
use crate::crypto::DbKey;
use crate::error::{Error, Result};
use crate::session::Session;
use crate::store;

pub const EXTENSION: &str = "rkbackup";
const PREFIX: &str = "rekindle-";
const STAMP: &str = "%Y%m%d-%H%M%S";
/// Pages copied per step of the online backup, and the pause between steps that lets the app's
/// own reads and writes in.
const PAGES_PER_STEP: std::ffi::c_int = 512;
const PAUSE: Duration = Duration::from_millis(2);

/// How many backups of each kind are kept.
pub const KEEP_DAILY: usize = 7;
pub const KEEP_WEEKLY: usize = 4;
pub const KEEP_MONTHLY: usize = 12;

/// A backup that was written and passed its check.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupDone {
    /// The backup file.
    #[ts(type = "string")]
    pub file: PathBuf,
    #[ts(type = "number")]
    pub bytes: u64,
    /// How long the copy and its check took, in milliseconds.
    #[ts(type = "number")]
    pub millis: u64,
    /// Older backups removed by the rotation.
    pub removed: usize,
}

/// What the check of a backup found.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupCheck {
    pub schema_version: usize,
    #[ts(type = "number")]
    pub audit_entries: i64,
    /// When the newest audit entry in it was written (RFC 3339): how recent the backup is.
    pub last_entry_at: Option<String>,
}

/// A backup in the folder, newest first in `list`.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupFile {
    #[ts(type = "string")]
    pub file: PathBuf,
    /// When it was made (UTC, RFC 3339), read from its name.
    pub made_at: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// Backs the signed-in clinic up into `folder` (created if missing), checks the copy, refreshes
/// the keyring copy beside it and thins out older backups. Administrators only; the backup and
/// its outcome are audited.
pub fn back_up_to_folder(session: &mut Session, folder: &Path, now: DateTime<Utc>) -> Result<BackupDone> {
    session.actor().require(Permission::ManageBackups)?;
    into_folder(session, folder, "on request", now)
}

fn into_folder(session: &mut Session, folder: &Path, why: &str, now: DateTime<Utc>) -> Result<BackupDone> {
    fs::create_dir_all(folder).map_err(|e| Error::storage("creating the backup folder", e))?;
    let file = folder.join(file_name(now));
    let mut done = copy_and_check(session, &file, why, now)?;
    copy_keyring(session.data_dir(), folder)?;
    done.removed = rotate(folder)?;
    Ok(done)
}

/// When an automatic backup is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Automatic {
    /// Someone signs out: always, so the day's work is in a backup.
    SignOut,
    /// The app is open: when the newest backup is a day old or more.
    Daily,
}

/// The automatic backup, made for whoever is signed in (they need no right of their own: they
/// choose nothing). Nothing happens until an administrator has chosen the folder. Returns what
/// was made, or `None` when none was due.
pub fn automatic(session: &mut Session, when: Automatic, now: DateTime<Utc>) -> Result<Option<BackupDone>> {
    let Some(folder) = session.read(|conn, _| folder_of(conn))? else { return Ok(None) };
    if when == Automatic::Daily {
        let newest = list(&folder)?.first().and_then(|f| DateTime::parse_from_rfc3339(&f.made_at).ok());
        if newest.is_some_and(|t| now.signed_duration_since(t) < chrono::Duration::hours(24)) {
            return Ok(None);
        }
    }
    let why = match when {
        Automatic::SignOut => "automatic, on sign-out",
        Automatic::Daily => "automatic, daily",
    };
    into_folder(session, &folder, why, now).map(Some)
}

/// The folder automatic backups go to, and what is in it (administrators only).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupSettings {
    pub folder: Option<String>,
    /// The backups in it, newest first.
    pub backups: Vec<BackupFile>,
}

pub fn settings(conn: &Connection, actor: &Actor) -> Result<BackupSettings> {
    actor.require(Permission::ManageBackups)?;
    let folder = folder_of(conn)?;
    let backups = match &folder {
        Some(f) => list(f)?,
        None => Vec::new(),
    };
    Ok(BackupSettings { folder: folder.map(|f| f.display().to_string()), backups })
}

/// Chooses the backup folder: an absolute path outside the data folder, which exists (or can
/// be made) and can be written to.
pub fn set_folder(tx: &Transaction, actor: &Actor, data_dir: &Path, folder: &str, now: DateTime<Utc>) -> Result<()> {
    actor.require(Permission::ManageBackups)?;
    let typed = folder.trim();
    if typed.is_empty() {
        return Err(Error::field("folder", "Choose a folder for the backups."));
    }
    let path = PathBuf::from(typed);
    if !path.is_absolute() {
        return Err(Error::field("folder", "Give the whole path of the folder, from the top of the drive."));
    }
    let inside = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a.starts_with(b),
        _ => a.starts_with(b),
    };
    if fs::create_dir_all(&path).is_ok() && inside(&path, data_dir) {
        return Err(Error::field(
            "folder",
            "Choose a folder outside Rekindle's own data folder, ideally on another drive: a backup beside the data is lost with it.",
        ));
    }
    let probe = path.join(".rekindle-write-check");
    let writable = fs::create_dir_all(&path).is_ok() && fs::write(&probe, b"ok").is_ok();
    let _ = fs::remove_file(&probe);
    if !writable {
        return Err(Error::field("folder", "That folder cannot be written to. Is the drive connected?"));
    }
    tx.execute("UPDATE clinic SET backup_folder = ?1 WHERE id = 1", [path.display().to_string()])?;
    audit::log(tx, actor, action::BACKUP_SETTINGS, None, "", now)
}

fn folder_of(conn: &Connection) -> Result<Option<PathBuf>> {
    let f: Option<String> = conn.query_row("SELECT backup_folder FROM clinic WHERE id = 1", [], |r| r.get(0))?;
    Ok(f.filter(|f| !f.trim().is_empty()).map(PathBuf::from))
}

/// Backs the clinic up to exactly `out` (for `rekindle-admin backup --out FILE`), checked.
pub fn back_up_to_file(session: &mut Session, out: &Path, now: DateTime<Utc>) -> Result<BackupDone> {
    session.actor().require(Permission::ManageBackups)?;
    if out.exists() {
        return Err(Error::field("out", "A file of that name is already there; choose another name."));
    }
    let done = copy_and_check(session, out, "on request", now)?;
    if let Some(folder) = out.parent() {
        copy_keyring(session.data_dir(), folder)?;
    }
    Ok(done)
}

fn copy_and_check(session: &mut Session, out: &Path, why: &str, now: DateTime<Utc>) -> Result<BackupDone> {
    let started = Instant::now();
    let partial = out.with_extension("partial");
    let result = copy_database(session, &partial).and_then(|()| {
        check_backup(&partial, session.key())?;
        sync_file(&partial)?;
        fs::rename(&partial, out).map_err(|e| Error::storage("naming the backup", e))?;
        sync_parent(out);
        fs::metadata(out).map(|m| m.len()).map_err(|e| Error::storage("reading the backup", e))
    });
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let (outcome, detail) = match &result {
        Ok(bytes) => ("ok", format!("{name}, {bytes} bytes, {why}")),
        Err(_) => {
            let _ = fs::remove_file(&partial);
            ("failed", format!("{name}, {why}"))
        }
    };
    // The attempt goes in the live log whatever happened.
    session.write(|tx, actor| {
        audit::record(
            tx,
            &audit::Entry {
                account_id: Some(actor.account_id),
                action: action::BACKUP_CREATE,
                person_id: None,
                outcome,
                detail: &detail,
            },
            now,
        )
    })?;
    let bytes = result?;
    let millis = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    Ok(BackupDone { file: out.to_owned(), bytes, millis, removed: 0 })
}

/// The online backup, from a connection of its own so the session's stays free.
fn copy_database(session: &Session, partial: &Path) -> Result<()> {
    let src = open_with_key(&store::db_path(session.data_dir()), session.key(), OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let _ = fs::remove_file(partial);
    let mut dst =
        open_with_key(partial, session.key(), OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE)?;
    let backup = Backup::new(&src, &mut dst).map_err(|e| Error::storage("starting the backup", e))?;
    backup
        .run_to_completion(PAGES_PER_STEP, PAUSE, None)
        .map_err(|e| Error::storage("copying the data for the backup", e))?;
    drop(backup);
    // A backup is one self-contained file: no write-ahead log beside it.
    let _: String = dst
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .map_err(|e| Error::storage("finishing the backup", e))?;
    dst.close().map_err(|(_, e)| Error::storage("finishing the backup", e))?;
    Ok(())
}

fn open_with_key(path: &Path, key: &DbKey, flags: OpenFlags) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| Error::storage("opening a backup", e))?;
    let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE");
    conn.pragma_update(None, "key", key.sqlcipher_key().as_str())
        .map_err(|e| Error::storage("unlocking a backup", e))?;
    Ok(conn)
}

/// Opens a backup with the clinic's key and checks it: it must be this clinic's, every page must
/// authenticate, SQLite must find it intact, its audit chain must be unbroken, and its schema must
/// not be newer than this program's. Nothing is written to it.
pub fn check_backup(file: &Path, key: &DbKey) -> Result<BackupCheck> {
    if !file.is_file() {
        return Err(Error::field("from", "There is no backup file at that place."));
    }
    let conn = open_with_key(file, key, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let fails =
        |why: &str| Error::field("from", format!("This backup failed its check: {why}. Choose another backup."));
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)) {
        Ok(_) => {}
        Err(_) => return Err(fails("it is not a backup of this clinic, or it is damaged")),
    }
    let report = store::verify(&conn).map_err(|_| fails("it is damaged and could not be read to the end"))?;
    if report.integrity != "ok" || !report.cipher_integrity_problems.is_empty() {
        return Err(fails("it is damaged"));
    }
    if report.schema_version > report.expected_schema_version {
        return Err(fails("it was made by a newer version of Rekindle"));
    }
    if audit::verify_chain(&conn)?.is_some() {
        return Err(fails("its audit log has been altered"));
    }
    let (audit_entries, last_entry_at) = conn.query_row(
        "SELECT count(*), (SELECT at FROM audit_log ORDER BY id DESC LIMIT 1) FROM audit_log",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(BackupCheck { schema_version: report.schema_version, audit_entries, last_entry_at })
}

/// A backup checked and copied next to the live file, ready to be put in its place.
#[derive(Debug)]
pub struct PreparedRestore {
    staged: PathBuf,
    source_name: String,
    pub check: BackupCheck,
}

/// The first half of a restore, while the administrator is still signed in, so a refusal
/// changes nothing: checks `from` with the clinic's key and copies it beside the data file
/// (the copy compared byte for byte by its SHA-256).
pub fn prepare_restore(session: &Session, from: &Path) -> Result<PreparedRestore> {
    session.actor().require(Permission::ManageBackups)?;
    let check = check_backup(from, session.key())?;
    let staged = session.data_dir().join("rekindle.db.restoring");
    let _ = fs::remove_file(&staged);
    fs::copy(from, &staged).map_err(|e| Error::storage("copying the backup into place", e))?;
    sync_file(&staged)?;
    if digest(from)? != digest(&staged)? {
        let _ = fs::remove_file(&staged);
        return Err(Error::storage(
            "copying the backup into place",
            crate::error::StorageSource::Other("the copy differs"),
        ));
    }
    let source_name = from.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(PreparedRestore { staged, source_name, check })
}

/// The second half: the session ends, the live file is kept as `rekindle.db.replaced-<when>`,
/// the backup takes its place (its schema brought up to date) and the restore is the restored
/// log's newest entry. Returns the path of the kept file.
pub fn finish_restore(session: Session, prepared: PreparedRestore, now: DateTime<Utc>) -> Result<PathBuf> {
    session.actor().require(Permission::ManageBackups)?;
    let dir = session.data_dir().to_owned();
    let actor = session.actor().clone();
    let key = session.key().clone();
    session.sign_out(now)?;

    let live = store::db_path(&dir);
    let kept = dir.join(format!("rekindle.db.replaced-{}", now.format(STAMP)));
    fs::rename(&live, &kept).map_err(|e| Error::storage("keeping the replaced data file", e))?;
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", live.display()));
        if side.exists() {
            let _ = fs::rename(&side, PathBuf::from(format!("{}{suffix}", kept.display())));
        }
    }
    fs::rename(&prepared.staged, &live).map_err(|e| Error::storage("putting the backup in place", e))?;
    sync_parent(&live);

    let mut conn = store::open_encrypted(&live, &key, false)?;
    let detail = format!(
        "from {}; replaced file kept as {}",
        prepared.source_name,
        kept.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    );
    let tx = conn.transaction()?;
    audit::log(&tx, &actor, action::BACKUP_RESTORE, None, &detail, now)?;
    tx.commit()?;
    let _ = conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)");
    Ok(kept)
}

/// Both halves at once (the command line).
pub fn restore(session: Session, from: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
    let prepared = prepare_restore(&session, from)?;
    finish_restore(session, prepared, now)
}

fn digest(path: &Path) -> Result<[u8; 32]> {
    use sha2::{Digest, Sha256};
    let mut f = File::open(path).map_err(|e| Error::storage("reading the backup", e))?;
    let mut h = Sha256::new();
    std::io::copy(&mut f, &mut h).map_err(|e| Error::storage("reading the backup", e))?;
    Ok(h.finalize().into())
}

/// Brings a clinic back on a computer that has none: the backup and the keyring copy beside it
/// are put in the empty data folder `dir`, then `username` signs in with `password` (which
/// proves the pair belongs together and the person may restore) and the restore is recorded.
/// When anything fails, the data folder is left empty again.
pub fn restore_into_empty(dir: &Path, from: &Path, username: &str, password: &str, now: DateTime<Utc>) -> Result<()> {
    if crate::session::state(dir)? == crate::session::SetupState::Ready {
        return Err(Error::AlreadySetUp);
    }
    let keyring = from.parent().map(|p| p.join(store::KEYRING_FILE)).filter(|k| k.is_file());
    let Some(keyring) = keyring else {
        return Err(Error::field("from", "The keyring copy (keyring.db) is not beside this backup."));
    };
    if !from.is_file() {
        return Err(Error::field("from", "There is no backup file at that place."));
    }
    fs::create_dir_all(dir).map_err(|e| Error::storage("creating the data folder", e))?;
    let (db, ring) = (store::db_path(dir), store::keyring_path(dir));
    let attempt = || -> Result<()> {
        fs::copy(&keyring, &ring).map_err(|e| Error::storage("copying the keyring into place", e))?;
        fs::copy(from, &db).map_err(|e| Error::storage("copying the backup into place", e))?;
        sync_file(&db)?;
        let mut s = crate::session::sign_in(dir, username, password, now)?;
        s.actor().require(Permission::ManageBackups)?;
        check_backup(&db, s.key())?;
        let name = from.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        s.write(|tx, actor| {
            audit::log(tx, actor, action::BACKUP_RESTORE, None, &format!("from {name} into an empty data folder"), now)
        })?;
        s.sign_out(now)
    };
    attempt().inspect_err(|_| {
        for f in [db.clone(), ring.clone()] {
            let _ = fs::remove_file(&f);
            let _ = fs::remove_file(PathBuf::from(format!("{}-wal", f.display())));
            let _ = fs::remove_file(PathBuf::from(format!("{}-shm", f.display())));
        }
    })
}

/// The backups in `folder`, newest first. Files of other names are left out.
pub fn list(folder: &Path) -> Result<Vec<BackupFile>> {
    let mut out: Vec<(NaiveDateTime, BackupFile)> = Vec::new();
    let entries = match fs::read_dir(folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::storage("reading the backup folder", e)),
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(made) = path.file_name().and_then(|n| n.to_str()).and_then(stamp_of) else { continue };
        let bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
        out.push((made, BackupFile { file: path, made_at: made.and_utc().to_rfc3339(), bytes }));
    }
    out.sort_by_key(|f| std::cmp::Reverse(f.0));
    Ok(out.into_iter().map(|(_, f)| f).collect())
}

/// `rekindle-20261123-140500.rkbackup` for a backup made at 14:05:00 UTC on 23 November 2026.
pub fn file_name(now: DateTime<Utc>) -> String {
    format!("{PREFIX}{}.{EXTENSION}", now.format(STAMP))
}

fn stamp_of(name: &str) -> Option<NaiveDateTime> {
    let stem = name.strip_prefix(PREFIX)?.strip_suffix(&format!(".{EXTENSION}"))?;
    NaiveDateTime::parse_from_str(stem, STAMP).ok()
}

/// Which backups to keep: the newest of each of the last 7 days that have one, of each of the
/// last 4 ISO weeks and of each of the last 12 months. Everything else may go.
pub fn to_keep(made: &[NaiveDateTime]) -> BTreeSet<NaiveDateTime> {
    let mut newest_first: Vec<NaiveDateTime> = made.to_vec();
    newest_first.sort_by_key(|t| std::cmp::Reverse(*t));
    let mut keep = BTreeSet::new();
    let mut pick = |period: &dyn Fn(&NaiveDateTime) -> (i32, u32), limit: usize| {
        let mut seen = BTreeSet::new();
        for t in &newest_first {
            if seen.len() == limit && !seen.contains(&period(t)) {
                break;
            }
            if seen.insert(period(t)) {
                keep.insert(*t);
            }
        }
    };
    pick(&|t| (t.year(), t.ordinal()), KEEP_DAILY);
    pick(&|t| (t.iso_week().year(), t.iso_week().week()), KEEP_WEEKLY);
    pick(&|t| (t.year(), t.month()), KEEP_MONTHLY);
    keep
}

/// Removes the backups `to_keep` lets go. Returns how many.
fn rotate(folder: &Path) -> Result<usize> {
    let files = list(folder)?;
    let made: Vec<NaiveDateTime> =
        files.iter().filter_map(|f| f.file.file_name().and_then(|n| n.to_str()).and_then(stamp_of)).collect();
    let keep = to_keep(&made);
    let mut removed = 0;
    for f in files {
        let Some(t) = f.file.file_name().and_then(|n| n.to_str()).and_then(stamp_of) else { continue };
        if !keep.contains(&t) && fs::remove_file(&f.file).is_ok() {
            removed += 1;
        }
    }
    Ok(removed)
}

/// The keyring beside the backups, copied through SQLite so a half-copied file never results.
fn copy_keyring(data_dir: &Path, folder: &Path) -> Result<()> {
    let src = Connection::open_with_flags(store::keyring_path(data_dir), OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| Error::storage("reading the keyring", e))?;
    let target = folder.join(store::KEYRING_FILE);
    let partial = folder.join("keyring.db.partial");
    let _ = fs::remove_file(&partial);
    src.backup(rusqlite::MAIN_DB, &partial, None)
        .map_err(|e| Error::storage("copying the keyring beside the backups", e))?;
    sync_file(&partial)?;
    fs::rename(&partial, &target).map_err(|e| Error::storage("copying the keyring beside the backups", e))?;
    Ok(())
}

fn sync_file(path: &Path) -> Result<()> {
    File::open(path).and_then(|f| f.sync_all()).map_err(|e| Error::storage("writing the backup to disk", e))
}

/// Makes a rename durable. Best effort: some file systems (network shares) cannot sync a folder.
fn sync_parent(path: &Path) {
    if let Some(dir) = path.parent() {
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration as Days, NaiveDate};

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(h, 0, 0)).unwrap_or_default()
    }

    #[test]
    fn names_round_trip_and_foreign_files_are_ignored() {
        let t = at(2026, 11, 23, 14);
        let name = file_name(t.and_utc());
        assert_eq!(name, "rekindle-20261123-140000.rkbackup");
        assert_eq!(stamp_of(&name), Some(t));
        assert_eq!(stamp_of("holiday-photos.jpg"), None);
        assert_eq!(stamp_of("rekindle-20261123-140000.rkbackup.partial"), None);
    }

    #[test]
    fn two_backups_a_day_for_a_year_thin_out_to_daily_weekly_and_monthly() {
        let start = at(2025, 11, 24, 9);
        let mut made = Vec::new();
        for day in 0..365 {
            made.push(start + Days::days(day));
            made.push(start + Days::days(day) + Days::hours(8));
        }
        let keep = to_keep(&made);
        let newest = start + Days::days(364) + Days::hours(8);
        assert!(keep.contains(&newest), "the newest backup is always kept");
        // The evening backup of each of the last 7 days.
        for d in 0..7 {
            assert!(keep.contains(&(newest - Days::days(d))), "day {d} back is kept");
            assert!(!keep.contains(&(newest - Days::days(d) - Days::hours(8))), "the morning one of day {d} goes");
        }
        // At most 7 + 4 + 12 files, and one from each of the last 12 months.
        assert!(keep.len() <= KEEP_DAILY + KEEP_WEEKLY + KEEP_MONTHLY, "{} kept", keep.len());
        let months: BTreeSet<(i32, u32)> = keep.iter().map(|t| (t.year(), t.month())).collect();
        assert_eq!(months.len(), 12, "one per month for a year: {months:?}");
        let weeks: BTreeSet<_> = keep.iter().map(|t| t.iso_week()).collect();
        assert!(weeks.len() >= 4);
        // Nothing from the first, thirteenth month back survives.
        assert!(!keep.contains(&start));
    }

    #[test]
    fn a_few_backups_are_all_kept() {
        let made = vec![at(2026, 1, 1, 9), at(2026, 3, 1, 9), at(2026, 3, 2, 9)];
        assert_eq!(to_keep(&made).len(), 3);
        assert!(to_keep(&[]).is_empty());
    }
}
