//! The administrator's audit log viewer: a counsellor's reads of one client's chart are found by
//! the client's name, by the counsellor and by kind; dates are checked; only an administrator
//! may look, and looking is itself logged.

use chrono::Duration;
use rekindle_core::audit_view::{self, AuditFilter, AuditKind};
use rekindle_core::chart;
use rekindle_core::error::Error;
use rekindle_core::session::{self, Session};

use crate::support::{self, now, DEMO_PW};

fn person_named(s: &Session, given: &str, family: &str) -> i64 {
    s.connection()
        .query_row("SELECT id FROM people WHERE given_name = ?1 AND family_name = ?2", [given, family], |r| r.get(0))
        .unwrap()
}

fn search(admin: &mut Session, f: &AuditFilter) -> Result<audit_view::AuditPage, Error> {
    admin.write(|tx, a| audit_view::search(tx, a, f, now() + Duration::hours(1)))
}

#[test]
fn a_counsellors_reads_of_one_client_are_found_by_name_staff_and_kind() {
    let (dir, mut counsellor) = support::demo_counsellor();
    let maggie = person_named(&counsellor, "Margaret", "Okafor");
    let other = person_named(&counsellor, "Priya", "Raman");
    counsellor.write(|tx, a| chart::open(tx, a, maggie, now())).unwrap();
    counsellor.write(|tx, a| chart::open(tx, a, maggie, now() + Duration::minutes(5))).unwrap();
    counsellor.write(|tx, a| chart::open(tx, a, other, now())).unwrap();
    let counsellor_id = counsellor.actor().account_id;

    let mut admin = session::sign_in(dir.path(), "admin", DEMO_PW, now()).unwrap();
    let by_name = search(&mut admin, &AuditFilter { client: Some("maggie".into()), ..AuditFilter::default() }).unwrap();
    let reads: Vec<_> = by_name.rows.iter().filter(|r| r.action == "chart.read").collect();
    assert!(reads.len() >= 2, "both reads of Maggie's chart: {:?}", by_name.rows);
    assert!(by_name.rows.iter().all(|r| r.person_id == Some(maggie)), "only entries about Maggie");
    let first = reads[0];
    assert_eq!(first.what, "Opened the chart");
    assert_eq!(first.kind, AuditKind::ClinicalRead);
    assert_eq!(first.person_name.as_deref(), Some("Maggie Okafor"));
    assert!(first.who.as_deref().is_some_and(|w| !w.is_empty()), "the counsellor is named");
    assert!(by_name.rows.windows(2).all(|w| w[0].id > w[1].id), "newest first");

    let by_staff_and_kind = search(
        &mut admin,
        &AuditFilter { account_id: Some(counsellor_id), kind: Some(AuditKind::ClinicalRead), ..AuditFilter::default() },
    )
    .unwrap();
    let people: std::collections::BTreeSet<_> = by_staff_and_kind.rows.iter().filter_map(|r| r.person_id).collect();
    assert!(people.contains(&maggie) && people.contains(&other), "{people:?}");
    assert!(by_staff_and_kind.rows.iter().all(|r| r.kind == AuditKind::ClinicalRead && r.who == first.who));

    // Dates: the day after has none of it; a bad date names the field.
    let tomorrow = (now() + Duration::days(1)).format("%Y-%m-%d").to_string();
    let later =
        search(&mut admin, &AuditFilter { person_id: Some(maggie), from: Some(tomorrow), ..AuditFilter::default() })
            .unwrap();
    assert!(later.rows.iter().all(|r| r.action != "chart.read"), "{:?}", later.rows);
    let bad = search(
        &mut admin,
        &AuditFilter { from: Some("23/11/2026".into()), to: Some("2026-01-01".into()), ..AuditFilter::default() },
    );
    assert_eq!(support::fields_of(bad), ["from"]);
    let backwards = search(
        &mut admin,
        &AuditFilter { from: Some("2026-11-22".into()), to: Some("2026-11-01".into()), ..AuditFilter::default() },
    );
    assert_eq!(support::fields_of(backwards), ["to"]);

    // Looking is logged, with the filters used and not the name typed.
    let looked = search(&mut admin, &AuditFilter { kind: Some(AuditKind::Backup), ..AuditFilter::default() }).unwrap();
    let entry = looked.rows.iter().find(|r| r.action == "audit.read").expect("the earlier searches are in the log");
    assert!(!entry.detail.to_lowercase().contains("maggie"), "{}", entry.detail);

    // Only an administrator.
    assert!(matches!(
        counsellor.write(|tx, a| audit_view::search(tx, a, &AuditFilter::default(), now())),
        Err(Error::Forbidden)
    ));
    assert!(matches!(counsellor.read(audit_view::choices), Err(Error::Forbidden)));
    let choices = admin.read(audit_view::choices).unwrap();
    assert!(choices.staff.iter().any(|s| s.account_id == counsellor_id));
    assert_eq!(choices.kinds.len(), AuditKind::ALL.len());
}

#[test]
fn pages_of_a_hundred_go_back_to_the_beginning() {
    let (dir, mut counsellor) = support::demo_counsellor();
    let maggie = person_named(&counsellor, "Margaret", "Okafor");
    for k in 0..230 {
        counsellor.write(|tx, a| chart::open(tx, a, maggie, now() + Duration::seconds(k))).unwrap();
    }
    let mut admin = session::sign_in(dir.path(), "admin", DEMO_PW, now()).unwrap();
    let mut f = AuditFilter { person_id: Some(maggie), kind: Some(AuditKind::ClinicalRead), ..AuditFilter::default() };
    let mut seen = Vec::new();
    loop {
        let page = search(&mut admin, &f).unwrap();
        assert!(page.rows.len() <= audit_view::PAGE);
        seen.extend(page.rows.iter().map(|r| r.id));
        if !page.more {
            break;
        }
        f.before_id = page.rows.last().map(|r| r.id);
    }
    assert!(seen.len() >= 230, "{}", seen.len());
    assert!(seen.windows(2).all(|w| w[0] > w[1]), "no entry twice, newest first");
}
