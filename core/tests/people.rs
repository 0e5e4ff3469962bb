//! Clients and partners: registration, validation, archive, search.

use rekindle_core::people::{self, ClientInput, PartnerInput};
use rekindle_core::session::Session;
use rekindle_core::Error;

use crate::support::*;

fn maggie() -> ClientInput {
    ClientInput {
        given_name: "Margaret".into(),
        family_name: Some("Okafor".into()),
        preferred_name: Some("Maggie".into()),
        pronouns: Some("she/her".into()),
        date_of_birth: Some("1968-04-17".into()),
        phone: Some("+44 7700 900101".into()),
        preferred_contact: Some("text".into()),
        discretion_note: Some("Do not mention the clinic on voicemail.".into()),
        ..ClientInput::default()
    }
}

fn register(s: &mut Session, c: &ClientInput) -> Result<people::Person, Error> {
    s.write(|tx, a| people::register_client(tx, a, c, today(), now()))
}

fn names(s: &Session, q: &str) -> Vec<String> {
    s.read(|c, a| people::search(c, a, q, false)).unwrap().into_iter().map(|p| p.display_name).collect()
}

#[test]
fn a_registered_client_reads_back_exactly() {
    let (_dir, mut desk) = clinic_at_the_desk();
    let p = register(&mut desk, &maggie()).unwrap();
    let back = desk.read(|c, a| people::detail(c, a, p.id)).unwrap().person;
    assert_eq!(back, p);
    assert_eq!(back.known_as(), "Maggie");
    assert_eq!(back.date_of_birth.map(|d| d.to_string()).as_deref(), Some("1968-04-17"));
    assert!(back.is_client && !back.archived);
}

#[test]
fn every_bad_field_is_reported_at_once_and_nothing_is_written() {
    let (_dir, mut desk) = clinic_at_the_desk();
    let bad = ClientInput {
        given_name: "Maggie 🌸".into(),
        family_name: Some("0kafor2".into()),
        date_of_birth: Some("2031-01-01".into()),
        phone: Some("12".into()),
        email: Some("maggie@".into()),
        preferred_contact: Some("carrier_pigeon".into()),
        reception_notes: Some("x".repeat(10_000)),
        ..ClientInput::default()
    };
    let errors = field_errors(register(&mut desk, &bad));
    let fields: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        fields,
        vec!["givenName", "familyName", "phone", "email", "dateOfBirth", "preferredContact", "receptionNotes"]
    );
    let notes = errors.iter().find(|(f, _)| f == "receptionNotes").map(|(_, m)| m.as_str());
    assert_eq!(notes, Some("Reception notes can be at most 2,000 characters (this has 10,000)."));
    assert!(
        errors.iter().all(|(_, m)| !m.contains("🌸") && !m.contains("0kafor2")),
        "messages never echo what was typed"
    );
    assert_eq!(count(&desk, "SELECT count(*) FROM people"), 0);
    assert_eq!(count(&desk, "SELECT count(*) FROM audit_log WHERE action = 'person.create'"), 0);
}

#[test]
fn an_empty_given_name_is_required() {
    let (_dir, mut desk) = clinic_at_the_desk();
    let e = field_errors(register(&mut desk, &ClientInput { given_name: "   ".into(), ..ClientInput::default() }));
    assert_eq!(e, vec![("givenName".to_string(), "Given name is required.".to_string())]);
}

#[test]
fn non_latin_and_accented_names_are_welcome_and_searchable() {
    let (_dir, mut desk) = clinic_at_the_desk();
    for (given, family) in [("अनन्या", "राव"), ("ಕಾವ್ಯಾ", "ಗೌಡ"), ("Zoë", "Núñez"), ("Siobhán", "O'Connor")]
    {
        register(
            &mut desk,
            &ClientInput { given_name: given.into(), family_name: Some(family.into()), ..ClientInput::default() },
        )
        .unwrap();
    }
    assert_eq!(names(&desk, "अनन्या"), vec!["अनन्या राव"]);
    assert_eq!(names(&desk, "ಗೌಡ"), vec!["ಕಾವ್ಯಾ ಗೌಡ"]);
    assert_eq!(names(&desk, "zoe nunez"), vec!["Zoë Núñez"], "accents and case are ignored");
    assert_eq!(names(&desk, "o'con"), vec!["Siobhán O'Connor"]);
}

#[test]
fn search_finds_any_part_of_a_name_or_phone_and_puts_prefixes_first() {
    let (_dir, mut desk) = clinic_at_the_desk();
    register(&mut desk, &maggie()).unwrap();
    register(
        &mut desk,
        &ClientInput { given_name: "Okoro".into(), family_name: Some("Adeyemi".into()), ..ClientInput::default() },
    )
    .unwrap();
    register(
        &mut desk,
        &ClientInput {
            given_name: "Tom".into(),
            family_name: Some("Brennan".into()),
            phone: Some("020 7946 0958".into()),
            ..ClientInput::default()
        },
    )
    .unwrap();
    assert_eq!(names(&desk, "oka"), vec!["Maggie Okafor"], "middle of the family name");
    assert_eq!(names(&desk, "ok"), vec!["Okoro Adeyemi", "Maggie Okafor"], "a name starting with the text comes first");
    assert_eq!(names(&desk, "margaret"), vec!["Maggie Okafor"], "the legal name finds the preferred name");
    assert_eq!(names(&desk, "900101"), vec!["Maggie Okafor"], "part of a phone number");
    assert_eq!(names(&desk, "7946-0958"), vec!["Tom Brennan"], "phone separators are ignored");
    assert_eq!(names(&desk, "mag oka"), vec!["Maggie Okafor"], "every word must match");
    assert!(names(&desk, "mag brennan").is_empty());
    assert!(names(&desk, "100%_").is_empty(), "LIKE wildcards are matched literally");
}

#[test]
fn archived_people_leave_searches_but_are_never_deleted() {
    let (_dir, mut desk) = clinic_at_the_desk();
    let p = register(&mut desk, &maggie()).unwrap();
    desk.write(|tx, a| people::set_archived(tx, a, p.id, true, now())).unwrap();
    assert!(names(&desk, "oka").is_empty());
    let with_archived = desk.read(|c, a| people::search(c, a, "oka", true)).unwrap();
    assert_eq!(with_archived.len(), 1);
    assert!(with_archived[0].archived);
    let edit = desk.write(|tx, a| people::save_client(tx, a, p.id, &maggie(), today(), now()));
    assert!(matches!(edit, Err(Error::Conflict(_))), "an archived record is restored before editing");
    desk.write(|tx, a| people::set_archived(tx, a, p.id, false, now())).unwrap();
    assert_eq!(names(&desk, "oka"), vec!["Maggie Okafor"]);
}

#[test]
fn a_partner_becomes_a_client_without_being_typed_again() {
    let (_dir, mut desk) = clinic_at_the_desk();
    let partner = desk
        .write(|tx, a| {
            people::add_partner(
                tx,
                a,
                &PartnerInput {
                    given_name: "David".into(),
                    family_name: Some("Okafor".into()),
                    ..PartnerInput::default()
                },
                "",
                now(),
            )
        })
        .unwrap();
    assert!(!partner.is_client);
    let mut as_client = ClientInput {
        given_name: partner.given_name.clone(),
        family_name: partner.family_name.clone(),
        ..ClientInput::default()
    };
    as_client.date_of_birth = Some("1966-05-01".into());
    let client = desk.write(|tx, a| people::save_client(tx, a, partner.id, &as_client, today(), now())).unwrap();
    assert_eq!(client.id, partner.id);
    assert!(client.is_client);
    assert_eq!(count(&desk, "SELECT count(*) FROM audit_log WHERE action = 'person.become_client'"), 1);
}

#[test]
fn contact_preference_needs_the_matching_detail() {
    let (_dir, mut desk) = clinic_at_the_desk();
    let c = ClientInput { given_name: "Ana".into(), preferred_contact: Some("email".into()), ..ClientInput::default() };
    assert_eq!(fields_of(register(&mut desk, &c)), vec!["email"]);
}

#[test]
fn every_change_is_in_the_audit_log_without_names() {
    let (_dir, mut desk) = clinic_at_the_desk();
    let p = register(&mut desk, &maggie()).unwrap();
    desk.write(|tx, a| people::save_client(tx, a, p.id, &maggie(), today(), now())).unwrap();
    desk.write(|tx, a| people::set_archived(tx, a, p.id, true, now())).unwrap();
    let actions: Vec<String> = {
        let mut st =
            desk.connection().prepare("SELECT action FROM audit_log WHERE person_id = ?1 ORDER BY id").unwrap();
        st.query_map([p.id], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
    };
    assert_eq!(actions, vec!["person.create", "person.update", "person.archive"]);
    assert_eq!(
        count(&desk, "SELECT count(*) FROM audit_log WHERE detail LIKE '%Okafor%' OR detail LIKE '%Maggie%'"),
        0
    );
    assert_eq!(rekindle_core::audit::verify_chain(desk.connection()).unwrap(), None);
}
