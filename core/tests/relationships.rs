//! Relationships of any structure: couples, triads, partners who are not clients.

use rekindle_core::people::{self, ClientInput, PartnerInput};
use rekindle_core::relationships::{self, NewRelationship, RelationshipUpdate};
use rekindle_core::session::Session;
use rekindle_core::Error;

use crate::support::*;

fn client(s: &mut Session, given: &str, family: &str) -> i64 {
    let c = ClientInput { given_name: given.into(), family_name: Some(family.into()), ..ClientInput::default() };
    s.write(|tx, a| people::register_client(tx, a, &c, today(), now())).unwrap().id
}

fn partner(given: &str) -> PartnerInput {
    PartnerInput { given_name: given.into(), ..PartnerInput::default() }
}

#[test]
fn a_couple_with_a_partner_who_is_not_a_client_is_made_in_one_action() {
    let (_dir, mut desk) = clinic_at_the_desk();
    let maggie = client(&mut desk, "Maggie", "Okafor");
    let input = NewRelationship {
        structure: "married".into(),
        member_ids: vec![maggie],
        new_partners: vec![partner("David")],
        note: None,
    };
    let rel = desk.write(|tx, a| relationships::create(tx, a, &input, now())).unwrap();
    assert_eq!(rel.structure_label, "Married");
    let members: Vec<(&str, bool)> = rel.members.iter().map(|m| (m.display_name.as_str(), m.is_client)).collect();
    assert_eq!(members, vec![("Maggie Okafor", true), ("David", false)]);
    let detail = desk.read(|c, a| people::detail(c, a, maggie)).unwrap();
    assert_eq!(detail.relationships.len(), 1);
}

#[test]
fn a_polyamorous_triad_of_two_clients_and_a_partner() {
    let (_dir, mut desk) = clinic_at_the_desk();
    let priya = client(&mut desk, "Priya", "Raman");
    let jonah = client(&mut desk, "Jonah", "Weiss");
    let input = NewRelationship {
        structure: "polyamorous".into(),
        member_ids: vec![priya, jonah],
        new_partners: vec![partner("Lucía")],
        note: None,
    };
    let rel = desk.write(|tx, a| relationships::create(tx, a, &input, now())).unwrap();
    assert_eq!(rel.members.len(), 3);
    let both = desk.read(|c, a| people::detail(c, a, jonah)).unwrap().relationships;
    assert_eq!(both[0].id, rel.id, "each member sees the same relationship");
}

#[test]
fn bad_relationships_are_refused_whole() {
    let (_dir, mut desk) = clinic_at_the_desk();
    let maggie = client(&mut desk, "Maggie", "Okafor");
    let alone = NewRelationship {
        structure: "married".into(),
        member_ids: vec![maggie, maggie],
        new_partners: vec![],
        note: None,
    };
    assert_eq!(
        fields_of(desk.write(|tx, a| relationships::create(tx, a, &alone, now()))),
        vec!["memberIds"],
        "the same person twice is still one person"
    );
    let bad = NewRelationship {
        structure: "situationship".into(),
        member_ids: vec![maggie],
        new_partners: vec![partner("David"), partner("🙂")],
        note: None,
    };
    let fields = fields_of(desk.write(|tx, a| relationships::create(tx, a, &bad, now())));
    assert_eq!(fields, vec!["structure", "newPartners.1.givenName"]);
    assert_eq!(count(&desk, "SELECT count(*) FROM people"), 1, "the valid new partner was not saved either");
    assert_eq!(count(&desk, "SELECT count(*) FROM relationships"), 0);
}

#[test]
fn members_come_and_go_but_two_always_remain_and_ending_keeps_history() {
    let (_dir, mut desk) = clinic_at_the_desk();
    let a_id = client(&mut desk, "Ravi", "Shankar");
    let b_id = client(&mut desk, "Meera", "Shankar");
    let c_id = client(&mut desk, "Kit", "Lane");
    let input = NewRelationship {
        structure: "non_monogamous".into(),
        member_ids: vec![a_id, b_id],
        new_partners: vec![],
        note: None,
    };
    let rel = desk.write(|tx, a| relationships::create(tx, a, &input, now())).unwrap();
    let rel = desk.write(|tx, a| relationships::add_member(tx, a, rel.id, Some(c_id), None, now())).unwrap();
    assert_eq!(rel.members.len(), 3);
    let again = desk.write(|tx, a| relationships::add_member(tx, a, rel.id, Some(c_id), None, now()));
    assert!(matches!(again, Err(Error::Conflict(_))));
    let rel = desk.write(|tx, a| relationships::remove_member(tx, a, rel.id, c_id, now())).unwrap();
    let last = desk.write(|tx, a| relationships::remove_member(tx, a, rel.id, b_id, now()));
    assert!(matches!(last, Err(Error::Conflict(_))));
    let rel = desk
        .write(|tx, a| {
            relationships::update(
                tx,
                a,
                rel.id,
                &RelationshipUpdate { structure: "married".into(), note: Some("Married in May.".into()) },
                now(),
            )
        })
        .unwrap();
    assert_eq!(rel.structure, "married");
    let rel = desk.write(|tx, a| relationships::end(tx, a, rel.id, now())).unwrap();
    assert!(rel.ended);
    let added = desk.write(|tx, a| relationships::add_member(tx, a, rel.id, None, Some(&partner("Sam")), now()));
    assert!(matches!(added, Err(Error::Conflict(_))));
    assert_eq!(
        desk.read(|c, a| people::detail(c, a, a_id)).unwrap().relationships.len(),
        1,
        "an ended relationship stays on the record"
    );
}
