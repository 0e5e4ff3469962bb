//! The demo clinic: fictional staff, clients, couples and a polyamorous triad, for trying the
//! app and for benchmarks (`ten-years` makes about 5,000 clients with ten years of history).
//!
//! Everything goes through the same functions the app uses, so demo data passes the same
//! validation. Names are invented. A small deterministic generator (SplitMix64) is used instead
//! of a random-number crate so the same scale always produces the same clinic.

use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::access::Role;
use crate::accounts::{self, NewAccount};
use crate::clinic::ClinicProfile;
use crate::crypto::KdfParams;
use crate::error::{Error, Result};
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
    // Clients are registered by the front desk, as in the clinic.
    let desk = session::sign_in(dir, "reception", password, now)?;
    s.sign_out(now)?;
    let mut desk = desk;
    let (clients, partners, rels) = match scale {
        Scale::Small => small(&mut desk, now)?,
        Scale::TenYears => ten_years(&mut desk, start, now)?,
    };
    desk.sign_out(now)?;
    Ok(Report { accounts: 3, clients, partners, relationships: rels, recovery_key: recovery.to_string() })
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
