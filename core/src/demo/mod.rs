//! The demo clinic: fictional staff, clients, couples and a polyamorous triad, for trying the
//! app and for benchmarks (`ten-years` makes about 5,000 clients with ten years of history).
//!
//! Everything goes through the same functions the app uses, so demo data passes the same
//! validation. Names are invented. A small deterministic generator (SplitMix64) is used instead
//! of a random-number crate so the same scale always produces the same clinic.

mod appointments;
mod courses;

use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::access::Role;
use crate::accounts::{self, NewAccount};
use crate::chart;
use crate::clinic::ClinicProfile;
use crate::crypto::KdfParams;
use crate::error::{Error, Result};
use crate::intake::{
    self, Diagnosis, Feelings, Goals, Health, IntakeSection, Medical, Pain, PartnerPerspective, SideEffect, Treatment,
};
use crate::measures::{self, Answer, MeasureInput};
use crate::people::{self, ClientInput, PartnerInput};
use crate::relationships::{self, NewRelationship};
use crate::session::{self, Session, SetupInput, SetupState};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    Small,
    TenYears,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub accounts: usize,
    pub clients: usize,
    pub partners: usize,
    pub relationships: usize,
    /// Planned and held sessions across all courses.
    pub sessions: usize,
    /// Appointments on the calendar, each occurrence of a series counted (cancelled ones too).
    pub appointments: usize,
    pub recovery_key: String,
}

/// Creates the demo clinic in an empty data folder. Accounts `admin`, `counsellor` and
/// `reception` all get `password`.
pub fn create(dir: &Path, scale: Scale, password: &str, now: DateTime<Utc>) -> Result<Report> {
    if session::state(dir)? == SetupState::Ready {
        return Err(Error::AlreadySetUp);
    }
    let setup = SetupInput {
        clinic: ClinicProfile {
            name: "Harbour Light Counselling (demo)".into(),
            address: Some("12 Example Row\nFictional Town".into()),
            phone: Some("+44 20 7946 0000".into()),
            email: Some("desk@example.org".into()),
        },
        admin_username: "admin".into(),
        admin_display_name: "Alex Morgan".into(),
        admin_password: password.into(),
        also_counsellor: false,
    };
    let start = match scale {
        Scale::Small => now - Duration::days(90),
        Scale::TenYears => now - Duration::days(3652),
    };
    let (mut s, recovery) = session::set_up_with(dir, &setup, start, KdfParams::OWASP)?;
    for (username, name, role) in
        [("counsellor", "Dr Jordan Ellis", Role::Counsellor), ("reception", "Casey Rivers", Role::Reception)]
    {
        let input = NewAccount {
            username: username.into(),
            display_name: name.into(),
            roles: vec![role],
            temporary_password: password.into(),
        };
        let acct = accounts::add(&mut s, &input, start)?;
        s.write(|tx, _| {
            tx.execute("UPDATE accounts SET must_change_password = 0 WHERE id = ?1", [acct.id])?;
            Ok(())
        })?;
    }
    let extra_counsellors = appointments::add_counsellors(&mut s, scale, password, start)?;
    appointments::settings(&mut s, scale, start, now)?;
    // Clients are registered by the front desk, as in the clinic.
    let desk = session::sign_in(dir, "reception", password, now)?;
    s.sign_out(now)?;
    let mut desk = desk;
    let (clients, partners, rels) = match scale {
        Scale::Small => small(&mut desk, now)?,
        Scale::TenYears => ten_years(&mut desk, start, now)?,
    };
    let appointments = match scale {
        Scale::Small => appointments::small(&mut desk, now)?,
        Scale::TenYears => appointments::ten_years(&mut desk, start, now)?,
    };
    desk.sign_out(now)?;
    // Intakes and measures are the counsellor's.
    let mut counsellor = session::sign_in(dir, "counsellor", password, now)?;
    let sessions = match scale {
        Scale::Small => {
            small_intakes(&mut counsellor, now)?;
            courses::small(&mut counsellor, now)?;
            counsellor.read(|c, _| {
                Ok(c.query_row("SELECT COUNT(*) FROM course_sessions", [], |r| r.get::<_, i64>(0))? as usize)
            })?
        }
        Scale::TenYears => {
            ten_year_intakes(&mut counsellor, now)?;
            courses::ten_years(&mut counsellor, now)?
        }
    };
    counsellor.sign_out(now)?;
    Ok(Report {
        accounts: 3 + extra_counsellors,
        clients,
        partners,
        relationships: rels,
        sessions,
        appointments,
        recovery_key: recovery.to_string(),
    })
}

fn client(given: &str, family: &str, preferred: Option<&str>, pronouns: &str, dob: &str, phone: &str) -> ClientInput {
    ClientInput {
        given_name: given.into(),
        family_name: Some(family.into()),
        preferred_name: preferred.map(Into::into),
        pronouns: Some(pronouns.into()),
        date_of_birth: Some(dob.into()),
        phone: Some(phone.into()),
        preferred_contact: Some("phone_call".into()),
        ..ClientInput::default()
    }
}

fn partner(given: &str, family: &str, pronouns: &str) -> PartnerInput {
    PartnerInput {
        given_name: given.into(),
        family_name: Some(family.into()),
        pronouns: Some(pronouns.into()),
        ..PartnerInput::default()
    }
}

fn today(now: DateTime<Utc>) -> NaiveDate {
    now.date_naive()
}

/// The small clinic: the people the later demo data (intakes, plans) is about.
fn small(s: &mut Session, now: DateTime<Utc>) -> Result<(usize, usize, usize)> {
    let d = today(now);
    s.write(|tx, a| {
        let reg = |c: ClientInput| people::register_client(tx, a, &c, d, now).map(|p| p.id);
        // A breast-cancer survivor on an aromatase inhibitor, married.
        let mut maggie = client("Margaret", "Okafor", Some("Maggie"), "she/her", "1968-04-17", "+44 7700 900101");
        maggie.discretion_note = Some("Do not leave messages that mention the clinic; use her mobile only.".into());
        maggie.referral_source = Some("Breast care nurse".into());
        let maggie = reg(maggie)?;
        // Prostate cancer; his wife holds back for fear of hurting him.
        let tom = reg(client("Thomas", "Brennan", Some("Tom"), "he/him", "1960-09-02", "+44 7700 900102"))?;
        // Living with lupus, in a polyamorous triad (Jonah is also a client).
        let mut priya = client("Priya", "Raman", None, "they/them", "1987-01-23", "+44 7700 900103");
        priya.preferred_contact = Some("email".into());
        priya.email = Some("priya.raman@example.org".into());
        let priya = reg(priya)?;
        let jonah = reg(client("Jonah", "Weiss", None, "he/him", "1985-06-30", "+44 7700 900104"))?;
        // Single, after testicular cancer, worried about telling new partners.
        let daniel = reg(client("Daniel", "Kim", None, "he/him", "1991-11-08", "+44 7700 900105"))?;
        // Painful sex (dyspareunia), dating.
        let aisha = reg(client("Aisha", "Bello", None, "she/her", "1996-03-14", "+44 7700 900106"))?;
        // A married couple who both attend as clients.
        let ravi = reg(client("Ravi", "Shankar", None, "he/him", "1972-12-01", "+44 7700 900107"))?;
        let meera = reg(client("Meera", "Shankar", None, "she/her", "1974-02-19", "+44 7700 900108"))?;
        let mut kavya = client("Kavya", "Gowda", Some("ಕಾವ್ಯಾ"), "she/her", "1982-07-05", "+91 98450 00109");
        kavya.reception_notes = Some("Prefers appointments after 4 pm.".into());
        reg(kavya)?;
        reg(client("Zoë", "Martin", None, "she/her", "1979-10-27", "+44 7700 900110"))?;

        let rel = |structure: &str, ids: Vec<i64>, new: Vec<PartnerInput>| {
            relationships::create(
                tx,
                a,
                &NewRelationship { structure: structure.into(), member_ids: ids, new_partners: new, note: None },
                now,
            )
        };
        rel("married", vec![maggie], vec![partner("David", "Okafor", "he/him")])?;
        rel("married", vec![tom], vec![partner("Eileen", "Brennan", "she/her")])?;
        rel("polyamorous", vec![priya, jonah], vec![partner("Lucía", "Ferrer", "she/her")])?;
        rel("dating", vec![aisha], vec![partner("Sam", "Carter", "they/them")])?;
        rel("married", vec![ravi, meera], vec![])?;
        let _ = daniel;
        Ok((10, 4, 5))
    })
}

/// SplitMix64: small, fast, and the same sequence on every machine.
struct Gen(u64);
impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len() as u64) as usize).copied().unwrap_or("Sam")
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const GIVEN: &[&str] = &[
    "Ada",
    "Adebayo",
    "Agnieszka",
    "Aiko",
    "Alma",
    "Amara",
    "Ana",
    "Anika",
    "Arjun",
    "Aroha",
    "Beatriz",
    "Bilal",
    "Bridget",
    "Camille",
    "Chidi",
    "Claire",
    "Dara",
    "Deepa",
    "Eamon",
    "Elena",
    "Emeka",
    "Esther",
    "Farah",
    "Femi",
    "Fiona",
    "Gabriel",
    "Grace",
    "Hana",
    "Hamid",
    "Helen",
    "Ines",
    "Ivan",
    "Jamal",
    "Jane",
    "Joaquín",
    "Joy",
    "Kalani",
    "Kenji",
    "Khadija",
    "Lars",
    "Leila",
    "Liam",
    "Lina",
    "Malik",
    "Mar",
    "Marta",
    "Mei",
    "Mihai",
    "Nadia",
    "Nkechi",
    "Noor",
    "Olga",
    "Omar",
    "Pablo",
    "Paula",
    "Quinn",
    "Rafael",
    "Rana",
    "Rosa",
    "Rui",
    "Sade",
    "Samir",
    "Sara",
    "Siobhán",
    "Sunita",
    "Tariq",
    "Tess",
    "Tomás",
    "Uma",
    "Vera",
    "Wen",
    "Yara",
    "Yusuf",
    "Zainab",
];
const FAMILY: &[&str] = &[
    "Abara",
    "Ahmed",
    "Alvarez",
    "Andersen",
    "Banerjee",
    "Barros",
    "Becker",
    "Bianchi",
    "Boateng",
    "Byrne",
    "Castillo",
    "Chen",
    "Costa",
    "Dąbrowska",
    "Demir",
    "Díaz",
    "Doyle",
    "Dubois",
    "Eze",
    "Fischer",
    "Fitzgerald",
    "Fontaine",
    "García",
    "Gill",
    "Haddad",
    "Hansen",
    "Hughes",
    "Iqbal",
    "Ivanova",
    "Jansen",
    "Jones",
    "Kaur",
    "Kowalski",
    "Kumar",
    "Larsen",
    "Lee",
    "Lopes",
    "MacLeod",
    "Mensah",
    "Moreau",
    "Murphy",
    "Nakamura",
    "Nguyen",
    "Novak",
    "Obi",
    "O'Connor",
    "Osei",
    "Park",
    "Patel",
    "Petrov",
    "Quigley",
    "Reyes",
    "Rossi",
    "Saito",
    "Santos",
    "Schmidt",
    "Silva",
    "Singh",
    "Sokolova",
    "Tanaka",
    "Torres",
    "Tran",
    "Usman",
    "Vargas",
    "Walsh",
    "Wang",
    "Yilmaz",
    "Zhou",
];
const PRONOUNS: &[&str] = &["she/her", "she/her", "he/him", "he/him", "they/them"];
const REFERRALS: &[&str] = &[
    "GP",
    "Oncology team",
    "Breast care nurse",
    "Urology clinic",
    "Self-referral",
    "Pain clinic",
    "Rheumatology",
    "Gynaecology",
];
const STRUCTURES: &[&str] =
    &["married", "married", "partnered", "partnered", "dating", "non_monogamous", "polyamorous"];

/// A client with an invented name, pronouns and a fictional mobile number.
fn random_client(g: &mut Gen, dob: &str) -> ClientInput {
    let phone = format!("+44 7700 {:06}", g.below(1_000_000));
    client(g.pick(GIVEN), g.pick(FAMILY), None, g.pick(PRONOUNS), dob, &phone)
}

/// About 5,000 clients registered over ten years, 40% with a partner, some couples who are both
/// clients, a few triads, and some archived after their course ended.
fn ten_years(s: &mut Session, start: DateTime<Utc>, now: DateTime<Utc>) -> Result<(usize, usize, usize)> {
    let mut g = Gen(0x5EED_2026);
    let span_days = (now - start).num_days().max(1) as u64;
    let mut counts = (0usize, 0usize, 0usize);
    // Forty batches of about 125: each batch is one transaction, as a day's work would be.
    for batch in 0..40u64 {
        s.write(|tx, a| {
            for i in 0..125u64 {
                let at = start
                    + Duration::days(((batch * 125 + i) * span_days / 5000) as i64)
                    + Duration::minutes(g.below(600) as i64);
                let d = at.date_naive();
                let year = 1940 + g.below(62) as i32;
                let dob = format!("{year}-{:02}-{:02}", 1 + g.below(12), 1 + g.below(28));
                let mut c = random_client(&mut g, &dob);
                c.referral_source = Some(g.pick(REFERRALS).into());
                if g.chance(10) {
                    c.discretion_note = Some("Use the mobile number only; no voicemail.".into());
                }
                let p = people::register_client(tx, a, &c, d, at)?;
                counts.0 += 1;
                if g.chance(40) {
                    let structure = g.pick(STRUCTURES);
                    let extra = if structure == "polyamorous" { 2 } else { 1 };
                    let mut ids = vec![p.id];
                    let mut new = Vec::new();
                    for _ in 0..extra {
                        if g.chance(25) {
                            let mut other = random_client(&mut g, &dob);
                            other.referral_source = Some("Partner of a client".into());
                            ids.push(people::register_client(tx, a, &other, d, at)?.id);
                            counts.0 += 1;
                        } else {
                            new.push(partner(g.pick(GIVEN), g.pick(FAMILY), g.pick(PRONOUNS)));
                            counts.1 += 1;
                        }
                    }
                    relationships::create(
                        tx,
                        a,
                        &NewRelationship {
                            structure: structure.into(),
                            member_ids: ids,
                            new_partners: new,
                            note: None,
                        },
                        at,
                    )?;
                    counts.2 += 1;
                }
                // Courses that ended years ago are archived.
                if (now - at).num_days() > 730 && g.chance(30) {
                    people::set_archived(tx, a, p.id, true, at + Duration::days(180))?;
                }
            }
            Ok(())
        })?;
    }
    Ok(counts)
}

fn find(s: &Session, name: &str) -> Result<i64> {
    let found = s.read(|c, a| people::search(c, a, name, false))?;
    found.first().map(|p| p.id).ok_or(Error::NotFound { what: "demo client", id: 0 })
}

fn diagnosis(code: &str, stage: Option<&str>, on: &str) -> Diagnosis {
    Diagnosis {
        diagnosis: code.into(),
        stage: stage.map(Into::into),
        diagnosed_on: Some(on.into()),
        ..Diagnosis::default()
    }
}

fn treatment(kind: &str, agent: Option<&str>, status: &str, start: &str, end: Option<&str>) -> Treatment {
    Treatment {
        kind: kind.into(),
        agent_class: agent.map(Into::into),
        pelvic: false,
        status: status.into(),
        started_on: Some(start.into()),
        ended_on: end.map(Into::into),
    }
}

fn effect(code: &str, severity: &str) -> SideEffect {
    SideEffect { code: code.into(), severity: severity.into(), note: None }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn answers(values: &[i64]) -> Vec<Answer> {
    values.iter().enumerate().map(|(i, v)| Answer { item_number: i as i64 + 1, value: Some(*v) }).collect()
}

/// Writes a whole intake, section by section, as the counsellor would.
fn write_intake(
    s: &mut Session,
    person: i64,
    sections: Vec<IntakeSection>,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<i64> {
    s.write(|tx, a| {
        let id = chart::open(tx, a, person, now)?.intake.id;
        for section in &sections {
            intake::save_section(tx, a, id, section, today, now)?;
        }
        Ok(id)
    })
}

fn measure(
    s: &mut Session,
    person: i64,
    instrument: &str,
    on: NaiveDate,
    values: &[i64],
    now: DateTime<Utc>,
) -> Result<()> {
    let input = MeasureInput { instrument: instrument.into(), taken_on: on.to_string(), answers: answers(values) };
    s.write(|tx, a| measures::record(tx, a, person, &input, on, now).map(|_| ()))
}

fn goals(meaning: &str, goals: &str) -> Goals {
    Goals {
        intimacy_meaning: Some(meaning.into()),
        goals: Some(goals.into()),
        fertility_wish: "not_relevant".into(),
        ..Goals::default()
    }
}

/// Intakes for the people the later demo data is about.
fn small_intakes(s: &mut Session, now: DateTime<Utc>) -> Result<()> {
    let d = today(now);
    let no_health = Health { lymphoedema_side: "none".into(), ..Health::default() };

    // Breast cancer, on an aromatase inhibitor, dryness and pain at entry; David holds back.
    let maggie = find(s, "Margaret Okafor")?;
    let david = find(s, "David Okafor")?;
    write_intake(
        s,
        maggie,
        vec![
            IntakeSection::Medical(Medical {
                diagnoses: vec![diagnosis("breast", Some("IIA"), "2024-02-12")],
                treatments: vec![
                    treatment("mastectomy", None, "finished", "2024-03-20", Some("2024-03-20")),
                    treatment("chemotherapy", None, "finished", "2024-04-15", Some("2024-08-01")),
                    treatment("hormonal", Some("aromatase_inhibitor"), "ongoing", "2024-09-01", None),
                ],
                hormone_receptor_positive: "yes".into(),
                clearance: "yes".into(),
                clearance_by: Some("Her oncologist".into()),
                clearance_on: Some("2025-01-15".into()),
                notes: None,
            }),
            IntakeSection::SideEffects(vec![
                effect("vaginal_dryness", "severe"),
                effect("pain", "moderate"),
                effect("hot_flashes", "moderate"),
                effect("low_desire", "moderate"),
                effect("body_change", "moderate"),
            ]),
            IntakeSection::Feelings(Feelings {
                body_image: strings(&["breast_removal", "avoids_mirrors", "fears_partner_view"]),
                emotional: strings(&["anxiety_about_pain", "partner_holding_back", "silence_avoidance"]),
                ..Feelings::default()
            }),
            IntakeSection::Pain(Pain {
                during_sex: true,
                location: Some("entry".into()),
                when: Some("At penetration, easing if they stop".into()),
                intensity: Some(6),
                since: Some("2024-10-01".into()),
                better: Some("Going slowly, more time first".into()),
                worse: Some("Rushing; being tired".into()),
                causes: strings(&["dryness", "low_estrogen", "anxiety_depression"]),
                ..Pain::default()
            }),
            IntakeSection::Health(no_health.clone()),
            IntakeSection::Relationship(vec![PartnerPerspective {
                person_id: david,
                name: String::new(),
                perspective: Some("Afraid of hurting her, so he has stopped starting anything.".into()),
                attends: true,
                consent_to_contact: true,
            }]),
            IntakeSection::Goals(goals(
                "Feeling close again without fear.",
                "To enjoy being touched again and to have sex without pain.",
            )),
        ],
        d,
        now,
    )?;
    measure(s, maggie, "phq9", d, &[1, 1, 2, 2, 0, 1, 0, 0, 0], now)?;
    measure(s, maggie, "gad7", d, &[2, 1, 1, 2, 0, 1, 1], now)?;
    measure(s, maggie, "pain_nrs", d, &[6], now)?;

    // Prostate cancer with erectile difficulties; Eileen holds back.
    let tom = find(s, "Thomas Brennan")?;
    let eileen = find(s, "Eileen Brennan")?;
    write_intake(
        s,
        tom,
        vec![
            IntakeSection::Medical(Medical {
                diagnoses: vec![diagnosis("prostate", Some("T2"), "2025-05-06")],
                treatments: vec![
                    treatment("prostatectomy", None, "finished", "2025-07-10", Some("2025-07-10")),
                    treatment("hormonal", Some("androgen_deprivation"), "ongoing", "2025-09-01", None),
                ],
                hormone_receptor_positive: "unknown".into(),
                clearance: "yes".into(),
                clearance_by: Some("His urologist".into()),
                clearance_on: Some("2025-10-20".into()),
                notes: None,
            }),
            IntakeSection::SideEffects(vec![
                effect("erectile_difficulty", "severe"),
                effect("low_desire", "moderate"),
                effect("fatigue", "mild"),
            ]),
            IntakeSection::Feelings(Feelings {
                emotional: strings(&["partner_holding_back", "low_self_worth", "silence_avoidance"]),
                ..Feelings::default()
            }),
            IntakeSection::Health(no_health.clone()),
            IntakeSection::Relationship(vec![PartnerPerspective {
                person_id: eileen,
                name: String::new(),
                perspective: Some("Holds back so as not to pressure him; misses being close.".into()),
                attends: true,
                consent_to_contact: true,
            }]),
            IntakeSection::Goals(goals(
                "Being a couple again, not patient and carer.",
                "Find new ways to be intimate while erections are unreliable.",
            )),
        ],
        d,
        now,
    )?;
    measure(s, tom, "phq9", d, &[2, 2, 1, 1, 0, 2, 0, 0, 0], now)?;

    // A chronic illness, in a polyamorous triad.
    let priya = find(s, "Priya Raman")?;
    write_intake(
        s,
        priya,
        vec![
            IntakeSection::Medical(Medical {
                diagnoses: vec![Diagnosis {
                    detail: Some("Lupus (SLE)".into()),
                    ..diagnosis("chronic_illness", None, "2019-08-01")
                }],
                treatments: vec![],
                hormone_receptor_positive: "unknown".into(),
                clearance: "yes".into(),
                clearance_by: Some("Rheumatologist".into()),
                clearance_on: Some("2026-06-02".into()),
                notes: None,
            }),
            IntakeSection::SideEffects(vec![
                effect("fatigue", "severe"),
                effect("joint_pain", "moderate"),
                effect("low_desire", "mild"),
            ]),
            IntakeSection::Feelings(Feelings {
                emotional: strings(&["guilt_burden", "loneliness"]),
                ..Feelings::default()
            }),
            IntakeSection::Health(no_health.clone()),
            IntakeSection::Goals(goals(
                "Staying connected with both partners on low-energy days.",
                "Plan intimacy around flares without guilt.",
            )),
        ],
        d,
        now,
    )?;

    // Single after testicular cancer, worried about telling new partners.
    let daniel = find(s, "Daniel Kim")?;
    write_intake(
        s,
        daniel,
        vec![
            IntakeSection::Medical(Medical {
                diagnoses: vec![diagnosis("testis", Some("I"), "2025-11-03")],
                treatments: vec![treatment("surgery", None, "finished", "2025-11-20", Some("2025-11-20"))],
                hormone_receptor_positive: "unknown".into(),
                clearance: "yes".into(),
                clearance_by: Some("His oncologist".into()),
                clearance_on: Some("2026-01-10".into()),
                notes: None,
            }),
            IntakeSection::Feelings(Feelings {
                body_image: strings(&["scars", "avoids_being_seen"]),
                emotional: strings(&["fear_of_rejection"]),
                ..Feelings::default()
            }),
            IntakeSection::Health(no_health),
            IntakeSection::Goals(Goals {
                intimacy_meaning: Some("Being able to trust someone new.".into()),
                goals: Some("Feel confident dating, and know when and how to tell someone.".into()),
                fertility_wish: "unsure".into(),
                disclosure_concern: true,
                ..Goals::default()
            }),
        ],
        d,
        now,
    )?;
    Ok(())
}

/// Every client gets an intake and, over their course, repeated measures.
fn ten_year_intakes(s: &mut Session, now: DateTime<Utc>) -> Result<()> {
    let mut g = Gen(0x01A7_ACE5);
    let clients: Vec<(i64, NaiveDate)> = s.read(|c, a| {
        people::list_clients(c, a, true)
            .map(|v| v.into_iter().map(|p| (p.id, p.date_of_birth.unwrap_or(NaiveDate::MIN))).collect())
    })?;
    let sites = [
        "breast",
        "prostate",
        "cervix",
        "ovary",
        "uterus",
        "colorectal",
        "bladder",
        "testis",
        "blood",
        "head_neck",
        "chronic_illness",
    ];
    let effects = [
        "vaginal_dryness",
        "erectile_difficulty",
        "pain",
        "fatigue",
        "low_desire",
        "anxiety",
        "hot_flashes",
        "insomnia",
        "neuropathy",
    ];
    let d = today(now);
    for chunk in clients.chunks(125) {
        s.write(|tx, a| {
            for (person, _) in chunk {
                let id = chart::open(tx, a, *person, now)?.intake.id;
                let site = g.pick(&sites);
                let year = 2016 + g.below(10) as i32;
                let mut treatments = vec![treatment(
                    "surgery",
                    None,
                    "finished",
                    &format!("{year}-06-01"),
                    Some(&format!("{year}-06-01")),
                )];
                if site == "breast" && g.chance(60) {
                    treatments.push(treatment(
                        "hormonal",
                        Some(if g.chance(50) { "aromatase_inhibitor" } else { "tamoxifen" }),
                        "ongoing",
                        &format!("{year}-09-01"),
                        None,
                    ));
                }
                if g.chance(30) {
                    let mut r = treatment(
                        "radiation",
                        None,
                        "finished",
                        &format!("{year}-08-01"),
                        Some(&format!("{year}-09-15")),
                    );
                    r.pelvic = matches!(site, "cervix" | "uterus" | "prostate" | "colorectal" | "bladder");
                    treatments.push(r);
                }
                let medical = Medical {
                    diagnoses: vec![diagnosis(site, None, &format!("{year}-03-01"))],
                    treatments,
                    hormone_receptor_positive: "unknown".into(),
                    clearance: if g.chance(80) { "yes".into() } else { "not_asked".into() },
                    ..Medical::default()
                };
                intake::save_section(tx, a, id, &IntakeSection::Medical(medical), d, now)?;
                let mut fx: Vec<SideEffect> = Vec::new();
                for e in effects {
                    if g.chance(35) {
                        fx.push(effect(e, ["mild", "moderate", "severe"][g.below(3) as usize]));
                    }
                }
                intake::save_section(tx, a, id, &IntakeSection::SideEffects(fx), d, now)?;
                let pain = Pain { during_sex: g.chance(50), intensity: Some(g.below(11) as i64), ..Pain::default() };
                intake::save_section(tx, a, id, &IntakeSection::Pain(pain), d, now)?;
                // PHQ-9 and GAD-7 at intake and at a few later sessions.
                for k in 0..(2 + g.below(4)) {
                    let on = d - chrono::Duration::days(30 * (6 - k as i64).max(0));
                    let phq: Vec<i64> = (0..9).map(|i| if i == 8 { 0 } else { g.below(4) as i64 }).collect();
                    let gad: Vec<i64> = (0..7).map(|_| g.below(4) as i64).collect();
                    for (code, vals) in [("phq9", phq), ("gad7", gad)] {
                        let input =
                            MeasureInput { instrument: code.into(), taken_on: on.to_string(), answers: answers(&vals) };
                        measures::record(tx, a, *person, &input, d, now)?;
                    }
                }
            }
            Ok(())
        })?;
    }
    Ok(())
}
