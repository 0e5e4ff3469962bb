//! A clinic with a calendar, for the printing and export tests: the administrator `robin`, the
//! counsellors `alex` (Alex Rivera) and `sam` (Sam Patel), reception `frankie`, two rooms, everyone
//! working 08:00-20:00 Monday to Friday in Europe/London, and three clients: Maggie Okafor
//! (Margaret, with her husband David, not a client), Priya Raman and Tom Ellis. Everything is made
//! through the same functions the app uses.

use rekindle_core::access::Role;
use rekindle_core::accounts::{self, NewAccount};
use rekindle_core::people::{self, ClientInput, PartnerInput};
use rekindle_core::relationships::{self, NewRelationship};
use rekindle_core::scheduling::settings::{CounsellorHours, HoursRow, Room, SchedulingSettingsInput};
use rekindle_core::scheduling::{self, Booked, BookingInput, Repeat};
use rekindle_core::session::{self, Session};
use tempfile::TempDir;

use crate::support::*;

pub struct Calendar {
    pub dir: TempDir,
    pub alex: i64,
    pub sam: i64,
    pub room1: i64,
    pub garden: i64,
    pub maggie: i64,
    pub david: i64,
    pub couple: i64,
    pub priya: i64,
    pub tom: i64,
}

impl Calendar {
    pub fn sign_in(&self, username: &str) -> Session {
        let pw = if username == "robin" { ADMIN_PW } else { DESK_PW };
        session::sign_in(self.dir.path(), username, pw, now()).unwrap()
    }
}

fn account(admin: &mut Session, username: &str, name: &str, roles: &[Role]) -> i64 {
    let input = NewAccount {
        username: username.into(),
        display_name: name.into(),
        roles: roles.to_vec(),
        temporary_password: DESK_PW.into(),
    };
    accounts::add(admin, &input, now()).unwrap().id
}

fn client(desk: &mut Session, given: &str, family: &str, preferred: Option<&str>) -> i64 {
    let input = ClientInput {
        given_name: given.into(),
        family_name: Some(family.into()),
        preferred_name: preferred.map(Into::into),
        ..Default::default()
    };
    desk.write(|tx, a| people::register_client(tx, a, &input, today(), now())).unwrap().id
}

pub fn calendar() -> Calendar {
    let (dir, mut admin, _) = clinic();
    let alex = account(&mut admin, "alex", "Alex Rivera", &[Role::Counsellor]);
    let sam = account(&mut admin, "sam", "Sam Patel", &[Role::Counsellor]);
    account(&mut admin, "frankie", "Frankie Desk", &[Role::Reception]);
    let week: Vec<HoursRow> =
        (1..=5).map(|weekday| HoursRow { weekday, starts: "08:00".into(), ends: "20:00".into() }).collect();
    let input = SchedulingSettingsInput {
        time_zone: "Europe/London".into(),
        rooms: vec![
            Room { id: None, name: "Room 1".into(), active: true },
            Room { id: None, name: "Garden Room".into(), active: true },
        ],
        counsellors: [alex, sam]
            .into_iter()
            .map(|counsellor_id| CounsellorHours { counsellor_id, name: String::new(), hours: week.clone() })
            .collect(),
        closed_days: vec![],
    };
    let saved = admin.write(|tx, a| scheduling::save_settings(tx, a, &input, now())).unwrap();
    let room = |name: &str| saved.rooms.iter().find(|r| r.name == name).and_then(|r| r.id).unwrap();
    let (room1, garden) = (room("Room 1"), room("Garden Room"));
    admin.sign_out(now()).unwrap();

    let mut desk = session::sign_in(dir.path(), "frankie", DESK_PW, now()).unwrap();
    let maggie = client(&mut desk, "Margaret", "Okafor", Some("Maggie"));
    let rel = NewRelationship {
        structure: "married".into(),
        member_ids: vec![maggie],
        new_partners: vec![PartnerInput {
            given_name: "David".into(),
            family_name: Some("Okafor".into()),
            ..Default::default()
        }],
        note: None,
    };
    let r = desk.write(|tx, a| relationships::create(tx, a, &rel, now())).unwrap();
    let david = r.members.iter().find(|m| m.id != maggie).unwrap().id;
    let priya = client(&mut desk, "Priya", "Raman", None);
    let tom = client(&mut desk, "Thomas", "Ellis", Some("Tom"));
    desk.sign_out(now()).unwrap();
    Calendar { dir, alex, sam, room1, garden, maggie, david, couple: r.id, priya, tom }
}

/// A booking on `date` at `start` for `minutes`, without repeats.
pub fn booking(
    kind: &str,
    counsellor_id: i64,
    room_id: i64,
    attendees: &[i64],
    date: &str,
    start: &str,
) -> BookingInput {
    BookingInput {
        kind: kind.into(),
        counsellor_id,
        room_id,
        attendee_ids: attendees.to_vec(),
        relationship_id: None,
        date: date.into(),
        start_time: start.into(),
        end_time: None,
        minutes: None,
        repeat: None,
        reception_note: None,
        allow_outside_hours: false,
    }
}

/// Maggie and David's couple sessions with Alex in Room 1: `count` weeks from `date` at `start`.
pub fn weekly_couple(cal: &Calendar, date: &str, start: &str, count: u32) -> BookingInput {
    let mut b = booking("couple", cal.alex, cal.room1, &[cal.maggie, cal.david], date, start);
    b.relationship_id = Some(cal.couple);
    b.repeat = Some(Repeat { every_weeks: 1, count: Some(count), until: None });
    b
}

pub fn book(s: &mut Session, input: &BookingInput) -> Booked {
    s.write(|tx, a| scheduling::book(tx, a, input, now())).unwrap()
}
