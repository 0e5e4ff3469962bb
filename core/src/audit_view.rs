//! The administrator's view of the audit log: entries newest first, filtered by client, staff
//! member, kind and dates, each said in plain words. Reading the log is itself logged.
//!
//! The log holds codes and ids only; names are joined in here, for the administrator's eyes.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::access::{Actor, Permission};
use crate::audit::{self, action};
use crate::error::Result;
use crate::validate::Checker;

/// Entries per page.
pub const PAGE: usize = 100;

/// What sort of thing an entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AuditKind {
    /// Signing in and out.
    Session,
    /// Opening a client's clinical record (chart, course plan, a handout on screen).
    ClinicalRead,
    /// Printing, saving as PDF, exporting.
    PrintExport,
    /// Creating, changing or archiving records.
    Change,
    /// Staff accounts and passwords.
    Account,
    /// Backups, restores, and reading this log.
    Backup,
}

impl AuditKind {
    pub const ALL: [AuditKind; 6] = [
        AuditKind::Session,
        AuditKind::ClinicalRead,
        AuditKind::PrintExport,
        AuditKind::Change,
        AuditKind::Account,
        AuditKind::Backup,
    ];

    pub fn label(self) -> &'static str {
        match self {
            AuditKind::Session => "Signing in and out",
            AuditKind::ClinicalRead => "Clinical records opened",
            AuditKind::PrintExport => "Prints and exports",
            AuditKind::Change => "Records created or changed",
            AuditKind::Account => "Staff accounts",
            AuditKind::Backup => "Backups and the audit log",
        }
    }

    pub fn of(action: &str) -> AuditKind {
        match action {
            a if a.starts_with("session.") => AuditKind::Session,
            action::CHART_READ
            | action::COURSE_READ
            | action::COURSE_SUGGEST
            | action::HANDOUT_PREVIEW
            | action::HANDOUT_OPEN => AuditKind::ClinicalRead,
            action::HANDOUT_PRINT
            | action::HANDOUT_SAVE_PDF
            | action::APPOINTMENT_CARD
            | action::DAY_SHEET
            | action::CALENDAR_EXPORT
            | action::RECORD_EXPORT => AuditKind::PrintExport,
            a if a.starts_with("account.") => AuditKind::Account,
            a if a.starts_with("backup.") || a == action::BACKUP_SETTINGS || a == action::AUDIT_READ => {
                AuditKind::Backup
            }
            _ => AuditKind::Change,
        }
    }
}

/// What happened, in plain words.
pub fn describe(code: &str) -> &str {
    match code {
        action::SET_UP => "Set up the clinic",
        action::SIGN_IN => "Signed in",
        action::SIGN_IN_RECOVERY => "Signed in with the recovery key",
        action::SIGN_OUT => "Signed out",
        action::SIGN_IN_FAILED => "Failed sign-in",
        action::LOCK_OUT => "Sign-in held back after repeated failures",
        action::CLINIC_UPDATE => "Changed the clinic's details",
        action::ACCOUNT_CREATE => "Added a staff account",
        action::ACCOUNT_UPDATE => "Changed a staff account",
        action::ACCOUNT_DEACTIVATE => "Deactivated a staff account",
        action::ACCOUNT_REACTIVATE => "Reactivated a staff account",
        action::ACCOUNT_RESET_PASSWORD => "Reset a staff member's password",
        action::ACCOUNT_CHANGE_OWN_PASSWORD => "Changed their own password",
        action::PERSON_CREATE => "Registered a person",
        action::PERSON_UPDATE => "Changed a person's details",
        action::PERSON_BECOME_CLIENT => "Made a partner a client",
        action::PERSON_ARCHIVE => "Archived a person",
        action::PERSON_UNARCHIVE => "Brought a person back from the archive",
        action::RELATIONSHIP_CREATE => "Linked people in a relationship",
        action::RELATIONSHIP_UPDATE => "Changed a relationship",
        action::RELATIONSHIP_END => "Ended a relationship",
        action::CHART_READ => "Opened the chart",
        action::INTAKE_CREATE => "Started an intake",
        action::INTAKE_SAVE => "Saved part of an intake",
        action::INTAKE_SIGN => "Signed an intake",
        action::INTAKE_ADDENDUM => "Added an addendum to an intake",
        action::CAUTION_OVERRIDE => "Overrode a caution",
        action::MEASURE_RECORD => "Recorded a measure",
        action::MEASURE_ALERT_ACKNOWLEDGE => "Acknowledged a measure alert",
        action::LIBRARY_EDIT => "Edited the content library",
        action::COURSE_READ => "Opened the course plan",
        action::COURSE_CREATE => "Started a course",
        action::COURSE_UPDATE => "Changed a course",
        action::COURSE_ADD_ITEM => "Added to a session plan",
        action::COURSE_REMOVE_ITEM => "Removed from a session plan",
        action::COURSE_ITEM_OVERRIDE => "Overrode a caution in a session plan",
        action::COURSE_SUGGEST => "Asked for suggestions",
        action::SESSION_NOTE_SAVE => "Saved a session note",
        action::SESSION_NOTE_SIGN => "Signed a session note",
        action::SESSION_NOTE_ADDENDUM => "Added an addendum to a session note",
        action::HOMEWORK_REVIEW => "Reviewed homework",
        action::HANDOUT_PREVIEW => "Previewed a handout",
        action::HANDOUT_PRINT => "Printed a handout",
        action::HANDOUT_SAVE_PDF => "Saved a handout as PDF",
        action::HANDOUT_OPEN => "Opened a handout",
        action::HANDOUT_TEMPLATE_EDIT => "Edited a handout template",
        action::PRINT_SETTINGS_UPDATE => "Changed the print settings",
        action::PERSON_PRINT_DISCRETION => "Changed a client's printing discretion",
        action::SCHEDULING_SETTINGS => "Changed the calendar settings",
        action::APPOINTMENT_BOOK => "Booked an appointment",
        action::APPOINTMENT_MOVE => "Moved an appointment",
        action::APPOINTMENT_CANCEL => "Cancelled an appointment",
        action::APPOINTMENT_STATUS => "Marked an appointment",
        action::APPOINTMENT_CARD => "Printed an appointment card",
        action::DAY_SHEET => "Printed a day sheet",
        action::CALENDAR_EXPORT => "Exported a calendar",
        action::WAITLIST_ADD => "Added to the waitlist",
        action::WAITLIST_REMOVE => "Removed from the waitlist",
        action::BACKUP_CREATE => "Made a backup",
        action::BACKUP_RESTORE => "Restored a backup",
        action::BACKUP_SETTINGS => "Chose the backup folder",
        action::AUDIT_READ => "Looked at the audit log",
        action::LOCK_SETTINGS => "Changed when the screen locks",
        action::SESSION_LOCK => "Locked the screen",
        action::SESSION_UNLOCK => "Unlocked the screen",
        action::RECORD_EXPORT => "Exported a client's whole record",
        action::PERSON_ERASE => "Erased a client's record at their request",
        other => other,
    }
}

/// The filters; every one optional.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditFilter {
    /// Entries about this person.
    pub person_id: Option<i64>,
    /// Entries about people whose name contains this (any of given, family or preferred name).
    pub client: Option<String>,
    /// Entries by this staff account.
    pub account_id: Option<i64>,
    pub kind: Option<AuditKind>,
    /// First and last day, `YYYY-MM-DD` (UTC days), both included.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Entries older than this id (the next page).
    pub before_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditRow {
    pub id: i64,
    /// RFC 3339, UTC.
    pub at: String,
    /// Who did it: the staff member's name, or none (the system, a failed sign-in).
    pub who: Option<String>,
    pub action: String,
    /// The action in plain words.
    pub what: String,
    pub kind: AuditKind,
    pub person_id: Option<i64>,
    /// The person's name as the clinic knows them, when the entry is about someone.
    pub person_name: Option<String>,
    pub outcome: String,
    pub detail: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    /// Whether older entries match too (ask again with `before_id` = the last row's id).
    pub more: bool,
}

/// The choices the filters offer.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditChoices {
    pub staff: Vec<StaffChoice>,
    pub kinds: Vec<KindChoice>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StaffChoice {
    pub account_id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KindChoice {
    pub kind: AuditKind,
    pub label: String,
}

pub fn choices(conn: &Connection, actor: &Actor) -> Result<AuditChoices> {
    actor.require(Permission::ViewAudit)?;
    let mut st = conn.prepare("SELECT id, display_name FROM accounts ORDER BY display_name COLLATE NOCASE")?;
    let staff = st
        .query_map([], |r| Ok(StaffChoice { account_id: r.get(0)?, name: r.get(1)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let kinds = AuditKind::ALL.iter().map(|k| KindChoice { kind: *k, label: k.label().to_string() }).collect();
    Ok(AuditChoices { staff, kinds })
}

/// One page of entries, newest first. The search is recorded (which filters were used, not
/// the names typed).
pub fn search(tx: &Transaction, actor: &Actor, f: &AuditFilter, now: DateTime<Utc>) -> Result<AuditPage> {
    actor.require(Permission::ViewAudit)?;
    let mut check = Checker::new();
    let day = |field: &str, v: &Option<String>, check: &mut Checker| -> Option<NaiveDate> {
        let v = v.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
        match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                check.fail(field, "Give a date as YYYY-MM-DD.");
                None
            }
        }
    };
    let from = day("from", &f.from, &mut check);
    let to = day("to", &f.to, &mut check);
    if let (Some(a), Some(b)) = (from, to) {
        if b < a {
            check.fail("to", "The last day is before the first.");
        }
    }
    check.finish()?;
    let from = from.map(|d| d.format("%Y-%m-%d").to_string());
    let to_exclusive = to.and_then(|d| d.succ_opt()).map(|d| d.format("%Y-%m-%d").to_string());
    let kind_actions = f.kind.map(|k| {
        let codes: Vec<&str> = KNOWN.iter().copied().filter(|a| AuditKind::of(a) == k).collect();
        serde_json::Value::from(codes).to_string()
    });
    let client = f.client.as_deref().map(crate::text::fold).filter(|c| !c.trim().is_empty());

    let mut st = tx.prepare_cached(SEARCH)?;
    let limit = i64::try_from(PAGE).unwrap_or(100) + 1;
    let mut rows = st
        .query_map(
            params![f.person_id, f.account_id, from, to_exclusive, f.before_id, kind_actions, client, limit],
            |r| {
                let action: String = r.get(3)?;
                Ok(AuditRow {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    who: r.get(2)?,
                    what: describe(&action).to_string(),
                    kind: AuditKind::of(&action),
                    action,
                    person_id: r.get(4)?,
                    // People are only ever removed by an erasure; their entries keep the number.
                    person_name: match (r.get::<_, Option<i64>>(4)?, r.get::<_, Option<String>>(5)?) {
                        (Some(id), None) => Some(format!("Erased record no. {id}")),
                        (_, name) => name,
                    },
                    outcome: r.get(6)?,
                    detail: r.get(7)?,
                })
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let more = rows.len() > PAGE;
    rows.truncate(PAGE);
    let used: Vec<&str> = [
        f.person_id.map(|_| "client"),
        f.client.as_deref().filter(|c| !c.trim().is_empty()).map(|_| "client name"),
        f.account_id.map(|_| "staff"),
        f.kind.map(|_| "kind"),
        f.from.as_deref().filter(|v| !v.is_empty()).map(|_| "from"),
        f.to.as_deref().filter(|v| !v.is_empty()).map(|_| "to"),
    ]
    .into_iter()
    .flatten()
    .collect();
    // One entry per search: paging through the same search is not logged again.
    if f.before_id.is_none() {
        let detail = if used.is_empty() { "no filters".to_string() } else { format!("filters: {}", used.join(", ")) };
        audit::log(tx, actor, action::AUDIT_READ, f.person_id, &detail, now)?;
    }
    Ok(AuditPage { rows, more })
}

/// The viewer's query. Every filter is optional, and the log has no index (each one would be a
/// page more to write with every record opened), so it walks the log from the newest entry down
/// and stops at a page of results.
const SEARCH: &str = "SELECT l.id, l.at, a.display_name, l.action, l.person_id,
        CASE WHEN p.id IS NULL THEN NULL
             ELSE coalesce(p.preferred_name, p.given_name) || coalesce(' ' || p.family_name, '') END,
        l.outcome, l.detail
   FROM audit_log l
   LEFT JOIN accounts a ON a.id = l.account_id
   LEFT JOIN people p ON p.id = l.person_id
  WHERE (?1 IS NULL OR l.person_id = ?1)
    AND (?2 IS NULL OR l.account_id = ?2)
    AND (?3 IS NULL OR l.at >= ?3)
    AND (?4 IS NULL OR l.at < ?4)
    AND (?5 IS NULL OR l.id < ?5)
    AND (?6 IS NULL OR l.action IN (SELECT value FROM json_each(?6)))
    AND (?7 IS NULL OR (p.id IS NOT NULL AND instr(p.search_names, ?7) > 0))
  ORDER BY l.id DESC
  LIMIT ?8";

/// Every action code the app writes (for the kind filter).
const KNOWN: &[&str] = &[
    action::SET_UP,
    action::SIGN_IN,
    action::SIGN_IN_RECOVERY,
    action::SIGN_OUT,
    action::SIGN_IN_FAILED,
    action::LOCK_OUT,
    action::CLINIC_UPDATE,
    action::ACCOUNT_CREATE,
    action::ACCOUNT_UPDATE,
    action::ACCOUNT_DEACTIVATE,
    action::ACCOUNT_REACTIVATE,
    action::ACCOUNT_RESET_PASSWORD,
    action::ACCOUNT_CHANGE_OWN_PASSWORD,
    action::PERSON_CREATE,
    action::PERSON_UPDATE,
    action::PERSON_BECOME_CLIENT,
    action::PERSON_ARCHIVE,
    action::PERSON_UNARCHIVE,
    action::RELATIONSHIP_CREATE,
    action::RELATIONSHIP_UPDATE,
    action::RELATIONSHIP_END,
    action::CHART_READ,
    action::INTAKE_CREATE,
    action::INTAKE_SAVE,
    action::INTAKE_SIGN,
    action::INTAKE_ADDENDUM,
    action::CAUTION_OVERRIDE,
    action::MEASURE_RECORD,
    action::MEASURE_ALERT_ACKNOWLEDGE,
    action::LIBRARY_EDIT,
    action::COURSE_READ,
    action::COURSE_CREATE,
    action::COURSE_UPDATE,
    action::COURSE_ADD_ITEM,
    action::COURSE_REMOVE_ITEM,
    action::COURSE_ITEM_OVERRIDE,
    action::COURSE_SUGGEST,
    action::SESSION_NOTE_SAVE,
    action::SESSION_NOTE_SIGN,
    action::SESSION_NOTE_ADDENDUM,
    action::HOMEWORK_REVIEW,
    action::HANDOUT_PREVIEW,
    action::HANDOUT_PRINT,
    action::HANDOUT_SAVE_PDF,
    action::HANDOUT_OPEN,
    action::HANDOUT_TEMPLATE_EDIT,
    action::PRINT_SETTINGS_UPDATE,
    action::PERSON_PRINT_DISCRETION,
    action::SCHEDULING_SETTINGS,
    action::APPOINTMENT_BOOK,
    action::APPOINTMENT_MOVE,
    action::APPOINTMENT_CANCEL,
    action::APPOINTMENT_STATUS,
    action::APPOINTMENT_CARD,
    action::DAY_SHEET,
    action::CALENDAR_EXPORT,
    action::WAITLIST_ADD,
    action::WAITLIST_REMOVE,
    action::BACKUP_CREATE,
    action::BACKUP_RESTORE,
    action::BACKUP_SETTINGS,
    action::AUDIT_READ,
    action::LOCK_SETTINGS,
    action::SESSION_LOCK,
    action::SESSION_UNLOCK,
    action::RECORD_EXPORT,
    action::PERSON_ERASE,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_action_has_words_and_a_kind() {
        for code in KNOWN {
            assert_ne!(describe(code), *code, "{code} has no plain words");
        }
        assert_eq!(AuditKind::of(action::CHART_READ), AuditKind::ClinicalRead);
        assert_eq!(AuditKind::of(action::SIGN_OUT), AuditKind::Session);
        assert_eq!(AuditKind::of(action::HANDOUT_PRINT), AuditKind::PrintExport);
        assert_eq!(AuditKind::of(action::ACCOUNT_RESET_PASSWORD), AuditKind::Account);
        assert_eq!(AuditKind::of(action::BACKUP_RESTORE), AuditKind::Backup);
        assert_eq!(AuditKind::of(action::APPOINTMENT_BOOK), AuditKind::Change);
        for k in AuditKind::ALL {
            assert!(KNOWN.iter().any(|a| AuditKind::of(a) == k), "{k:?} has actions");
        }
    }

    #[test]
    fn a_search_walks_the_log_newest_first_and_the_log_has_no_index_to_write() {
        let conn = crate::store::open_in_memory().unwrap();
        let mut st = conn.prepare(&format!("EXPLAIN QUERY PLAN {SEARCH}")).unwrap();
        let plan = st
            .query_map([rusqlite::types::Null; 8], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<Vec<_>>>()
            .unwrap();
        assert!(plan.iter().any(|p| p == "SCAN l"), "{plan:?}");
        assert!(!plan.iter().any(|p| p.contains("TEMP B-TREE")), "the log is never sorted: {plan:?}");
        // Every index on the log would be one more page written with each record opened.
        let indexes: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(indexes, 0);
    }
}
