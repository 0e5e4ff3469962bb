//! Who may do what.
//!
//! Every core operation that touches clinic data starts with `actor.require(Permission::…)`.
//! The table in `Permission::allowed_roles` is the one place the policy is written down; the
//! Tauri commands and the admin command line both go through it, so hiding a button in the UI is
//! never what protects data.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Administrator,
    Counsellor,
    Reception,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Administrator, Role::Counsellor, Role::Reception];

    pub fn code(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::Counsellor => "counsellor",
            Role::Reception => "reception",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// Everything a signed-in person can ask for, by what it touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Read the clinic profile (every signed-in person: it heads printed sheets).
    ViewClinic,
    /// Change the clinic profile.
    EditClinic,
    /// List, add, deactivate, reactivate accounts and reset their passwords.
    ManageAccounts,
    /// Find clients and partners, and read their non-clinical details.
    ViewPeople,
    /// Register, edit and archive clients and partners, and link them in relationships.
    EditPeople,
    /// Read clinical records: intakes, cautions, measures. Every read is audited.
    ViewClinical,
    /// Write clinical records.
    EditClinical,
    /// Extend the clinic's checklists, questionnaires and content library (not client data).
    EditContent,
    /// Send a client's handout or homework sheet straight to a printer, without seeing it.
    PrintHandouts,
    /// See the calendar: reception sees every counsellor's, a counsellor their own.
    ViewSchedule,
    /// Book, move, cancel and mark appointments: reception for anyone, a counsellor their own.
    EditSchedule,
    /// Make backups, choose where they go, and restore one.
    ManageBackups,
    /// Read the audit log (who looked at or changed what, and when).
    ViewAudit,
    /// Give a client their whole record (a PDF summary and a JSON file with everything held,
    /// the audit entries about them included), or erase it when they ask. Counsellors: the
    /// record is clinical, and they are the ones who see the client.
    ClientRights,
}

impl Permission {
    pub fn allowed_roles(self) -> &'static [Role] {
        use Role::*;
        match self {
            Permission::ViewClinic => &[Administrator, Counsellor, Reception],
            Permission::EditClinic | Permission::ManageAccounts | Permission::ManageBackups | Permission::ViewAudit => {
                &[Administrator]
            }
            Permission::ViewPeople | Permission::EditPeople => &[Counsellor, Reception],
            Permission::ViewClinical | Permission::EditClinical | Permission::ClientRights => &[Counsellor],
            Permission::EditContent => &[Administrator, Counsellor],
            Permission::PrintHandouts => &[Counsellor, Reception],
            Permission::ViewSchedule | Permission::EditSchedule => &[Counsellor, Reception],
        }
    }
}

/// The signed-in person, as core sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub account_id: i64,
    pub username: String,
    pub roles: Vec<Role>,
}

impl Actor {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Refuses with `Error::Forbidden` unless one of the actor's roles grants `permission`.
    pub fn require(&self, permission: Permission) -> Result<()> {
        if permission.allowed_roles().iter().any(|r| self.has(*r)) {
            Ok(())
        } else {
            Err(Error::Forbidden)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(roles: &[Role]) -> Actor {
        Actor { account_id: 1, username: "x".into(), roles: roles.to_vec() }
    }

    #[test]
    fn reception_cannot_manage_accounts_but_can_register_clients() {
        let r = actor(&[Role::Reception]);
        assert!(matches!(r.require(Permission::ManageAccounts), Err(Error::Forbidden)));
        assert!(r.require(Permission::EditPeople).is_ok());
    }

    #[test]
    fn an_administrator_who_also_counsels_holds_both_sets_of_rights() {
        let a = actor(&[Role::Administrator]);
        assert!(a.require(Permission::EditPeople).is_err(), "administration alone gives no access to clients");
        let both = actor(&[Role::Administrator, Role::Counsellor]);
        assert!(both.require(Permission::EditPeople).is_ok());
        assert!(both.require(Permission::ManageAccounts).is_ok());
    }

    #[test]
    fn only_counsellors_touch_clinical_records() {
        for roles in [&[Role::Reception][..], &[Role::Administrator][..], &[Role::Administrator, Role::Reception][..]] {
            assert!(
                actor(roles).require(Permission::ViewClinical).is_err(),
                "{roles:?} must not read clinical records"
            );
            assert!(actor(roles).require(Permission::EditClinical).is_err());
        }
        assert!(actor(&[Role::Counsellor]).require(Permission::ViewClinical).is_ok());
    }

    #[test]
    fn no_roles_means_no_access() {
        let none = actor(&[]);
        for p in [
            Permission::ViewClinic,
            Permission::EditClinic,
            Permission::ManageAccounts,
            Permission::ViewPeople,
            Permission::EditPeople,
            Permission::ViewClinical,
            Permission::EditClinical,
            Permission::EditContent,
            Permission::PrintHandouts,
            Permission::ViewSchedule,
            Permission::EditSchedule,
        ] {
            assert!(none.require(p).is_err(), "{p:?} must need a role");
        }
    }
}
