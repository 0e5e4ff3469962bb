//! The demo clinic's course plans, session notes and homework reviews.
//!
//! The small clinic's four clients get their courses through the same functions the window
//! uses (so every rule, including the homework stages, holds for them). The ten-year clinic
//! writes its volume (tens of thousands of sessions) with prepared inserts in one transaction
//! per batch, following the same order: a journey session first, the four parts in each session,
//! a thread's next step only after the previous one was reviewed as done and comfortable.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::params;

use super::{find, Gen};
use crate::error::{Error, Result};
use crate::library;
use crate::planning::course::{self, CourseInput, ItemInput};
use crate::planning::notes::{self, NoteInput, ReviewInput};
use crate::session::Session;

/// Who does a homework task.
#[derive(Clone, Copy)]
enum Who {
    Client,
    Everyone,
}

struct Held<'a> {
    /// Days before `now`; `None` for a session still to come.
    days_ago: Option<i64>,
    /// Reviews of the previous homework: (slug, outcome, comfort).
    reviews: &'a [(&'a str, &'a str, i64)],
    /// (session part, slug, who).
    items: &'a [(&'a str, &'a str, Who)],
}

fn note(held_on: NaiveDate, attended: Vec<i64>) -> NoteInput {
    NoteInput {
        held_on: Some(held_on.to_string()),
        attended,
        covered_education: Some("Went through the handout together; questions answered.".into()),
        covered_communication: Some("Practised the exercise in the room.".into()),
        covered_practical: Some("Discussed what to try at home and what to avoid.".into()),
        covered_homework: Some("Agreed this week's tasks and how to keep track.".into()),
        data: Some("Reported on the week; engaged throughout.".into()),
        assessment: Some("Making steady progress; no new concerns raised.".into()),
        plan: Some("Continue as planned; review the homework next time.".into()),
    }
}

fn run_course(
    s: &mut Session,
    person: i64,
    partners: &[&str],
    goals: &str,
    planned: i64,
    sessions: &[Held],
    now: DateTime<Utc>,
) -> Result<()> {
    let partner_ids: Vec<i64> = partners.iter().map(|p| find(s, p)).collect::<Result<_>>()?;
    let relationship_id = match partner_ids.first() {
        None => None,
        Some(_) => s
            .read(|c, a| crate::people::detail(c, a, person))?
            .relationships
            .into_iter()
            .find(|r| partner_ids.iter().all(|p| r.members.iter().any(|m| m.id == *p)))
            .map(|r| r.id),
    };
    let start = now - Duration::days(sessions.first().and_then(|h| h.days_ago).unwrap_or(0) + 1);
    let input = CourseInput { goals: goals.into(), planned_sessions: planned, relationship_id, partner_ids };
    let page = s.write(|tx, a| course::create(tx, a, person, &input, start))?;
    let mut c = page.course.ok_or(Error::NotFound { what: "demo course", id: person })?;
    let everyone: Vec<i64> = c.attendees.iter().map(|a| a.person_id).collect();
    let items = s.write(|tx, _| library::current_unchecked(tx))?;
    for (i, held) in sessions.iter().enumerate() {
        let session_id = c.sessions.get(i).map(|x| x.id).ok_or(Error::NotFound { what: "demo session", id: 0 })?;
        let at = now - Duration::days(held.days_ago.unwrap_or(0));
        for (slug, outcome, comfort) in held.reviews {
            let given = c.sessions[..i]
                .iter()
                .rev()
                .flat_map(|x| x.items())
                .find(|it| it.library.as_ref().is_some_and(|g| g.slug == *slug))
                .map(|it| it.id)
                .ok_or(Error::NotFound { what: "demo homework", id: 0 })?;
            let review = ReviewInput {
                outcome: (*outcome).into(),
                helped: Some("Doing it at the same time each day.".into()),
                hard: (*outcome != "done").then(|| "Finding a quiet moment.".into()),
                comfort: Some(*comfort),
            };
            s.write(|tx, a| notes::review(tx, a, session_id, given, &review, at))?;
        }
        for (section, slug, who) in held.items {
            let item = items.iter().find(|x| x.slug == *slug).ok_or(Error::NotFound { what: "demo item", id: 0 })?;
            let input = ItemInput {
                section: (*section).into(),
                item_id: Some(item.id),
                free_text: None,
                assignee_ids: match (section, who) {
                    (&"homework", Who::Client) => vec![person],
                    (&"homework", Who::Everyone) => everyone.clone(),
                    _ => vec![],
                },
                override_reason: None,
            };
            s.write(|tx, a| course::add_item(tx, a, session_id, &input, at))?;
        }
        match held.days_ago {
            Some(days) if days > 0 => {
                let n = note((now - Duration::days(days)).date_naive(), everyone.clone());
                s.write(|tx, a| notes::save(tx, a, session_id, &n, now.date_naive(), at))?;
                s.write(|tx, a| notes::sign(tx, a, session_id, at))?;
            }
            _ => {
                let on = (now + Duration::days(7)).date_naive();
                s.write(|tx, a| course::set_planned_on(tx, a, session_id, Some(on), at))?;
            }
        }
        c = s
            .write(|tx, a| course::open(tx, a, person, at))?
            .course
            .ok_or(Error::NotFound { what: "course", id: 0 })?;
    }
    Ok(())
}

use Who::{Client, Everyone};

/// Courses for the small clinic's four clients, each part-way through.
pub(super) fn small(s: &mut Session, now: DateTime<Utc>) -> Result<()> {
    let maggie = find(s, "Margaret Okafor")?;
    run_course(
        s,
        maggie,
        &["David Okafor"],
        "To feel close to David again, and to find a way to be intimate that does not hurt.",
        8,
        &[
            Held {
                days_ago: Some(56),
                reviews: &[],
                items: &[("education", "edu_treatment_effects", Client), ("homework", "hw_daily_hug", Everyone)],
            },
            Held {
                days_ago: Some(42),
                reviews: &[("hw_daily_hug", "done", 8)],
                items: &[
                    ("education", "edu_vaginal_dryness", Client),
                    ("communication", "com_i_feel_statements", Client),
                    ("practical", "prac_moisturisers", Client),
                    ("homework", "hw_mirror", Client),
                    ("homework", "hw_six_second_kiss", Everyone),
                ],
            },
            Held {
                days_ago: Some(28),
                reviews: &[("hw_mirror", "done", 7), ("hw_six_second_kiss", "partly", 5)],
                items: &[
                    ("education", "edu_body_changes", Client),
                    ("communication", "com_regular_checkins", Client),
                    ("practical", "prac_lubricants", Client),
                    ("homework", "hw_touch_nonsexual", Everyone),
                    ("homework", "hw_six_second_kiss", Everyone),
                ],
            },
            Held { days_ago: None, reviews: &[], items: &[("education", "edu_intimacy_vs_sex", Client)] },
        ],
        now,
    )?;
    let tom = find(s, "Thomas Brennan")?;
    run_course(
        s,
        tom,
        &["Eileen Brennan"],
        "To be close to Eileen without the pressure of erections.",
        6,
        &[
            Held {
                days_ago: Some(35),
                reviews: &[],
                items: &[("education", "edu_erectile_changes", Client), ("homework", "hw_daily_hug", Everyone)],
            },
            Held {
                days_ago: Some(21),
                reviews: &[("hw_daily_hug", "done", 9)],
                items: &[
                    ("education", "edu_intimacy_vs_sex", Client),
                    ("homework", "hw_touch_nonsexual", Everyone),
                    ("homework", "hw_six_second_kiss", Everyone),
                ],
            },
        ],
        now,
    )?;
    let priya = find(s, "Priya Raman")?;
    run_course(
        s,
        priya,
        &[],
        "To live well with lupus, and to stop feeling like a burden to the people I love.",
        8,
        &[
            Held { days_ago: Some(30), reviews: &[], items: &[("homework", "hw_gratitude_journal", Client)] },
            Held {
                days_ago: Some(16),
                reviews: &[("hw_gratitude_journal", "partly", 6)],
                items: &[("communication", "act_present_moment", Client), ("homework", "hw_present_moment", Client)],
            },
            Held { days_ago: None, reviews: &[], items: &[("communication", "act_defusion", Client)] },
        ],
        now,
    )?;
    let daniel = find(s, "Daniel Kim")?;
    run_course(
        s,
        daniel,
        &[],
        "To feel ready to date again, and to know how I would tell someone.",
        6,
        &[
            Held { days_ago: Some(14), reviews: &[], items: &[("homework", "hw_values_writing", Client)] },
            Held {
                days_ago: None,
                reviews: &[("hw_values_writing", "done", 8)],
                items: &[
                    ("communication", "com_disclosure_rehearsal", Client),
                    ("homework", "hw_disclosure_rehearsal", Client),
                ],
            },
        ],
        now,
    )?;
    Ok(())
}

/// Ten years of courses: every client has one; most are finished, a few run long (up to 40
/// sessions), and recent ones are part-way. Returns the number of sessions written.
pub(super) fn ten_years(s: &mut Session, now: DateTime<Utc>) -> Result<usize> {
    let mut g = Gen(0xC0_5E55_1075);
    let counsellor = s.actor().account_id;
    let clients: Vec<(i64, DateTime<Utc>)> = s.read(|c, _| {
        let mut stmt = c.prepare("SELECT id, created_at FROM people WHERE is_client = 1 ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    })?;
    let items = s.write(|tx, _| library::current_unchecked(tx))?;
    let pick = |section: &str| -> Vec<(i64, i64)> {
        items
            .iter()
            .filter(|i| i.section == section && !i.tags.iter().any(|t| t == "contains_estrogen"))
            .map(|i| (i.id, i.version))
            .collect()
    };
    let (edu, com, prac) = (pick("education"), pick("communication"), pick("practical"));
    let solo_homework: Vec<(i64, i64)> = items
        .iter()
        .filter(|i| i.section == "homework" && i.thread.is_none() && i.participants != "partners")
        .map(|i| (i.id, i.version))
        .collect();
    let closeness: Vec<(i64, i64)> =
        items.iter().filter(|i| i.thread.as_deref() == Some("closeness")).map(|i| (i.id, i.version)).collect();
    let mut sessions_written = 0usize;
    for chunk in clients.chunks(250) {
        s.write(|tx, _| {
            let mut partners_of = tx.prepare_cached(
                "SELECT rm2.relationship_id, rm2.person_id FROM relationship_members rm
                 JOIN relationship_members rm2 ON rm2.relationship_id = rm.relationship_id AND rm2.person_id <> rm.person_id
                 WHERE rm.person_id = ?1",
            )?;
            for (person, registered) in chunk {
                let start = *registered + Duration::days(7);
                if start >= now {
                    continue;
                }
                let partners: Vec<(i64, i64)> =
                    partners_of.query_map([person], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
                let planned: i64 = if g.chance(2) { 40 } else { 4 + g.below(9) as i64 };
                let fortnight = Duration::days(14);
                let held = (0..planned).take_while(|k| start + fortnight * (*k as i32) < now).count() as i64;
                let status = if held == planned { "finished" } else { "active" };
                tx.execute(
                    "INSERT INTO courses (person_id, relationship_id, counsellor_id, goals, planned_sessions, status, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                    params![
                        person,
                        partners.first().map(|p| p.0),
                        counsellor,
                        "To feel at ease with intimacy again.",
                        planned,
                        status,
                        start.to_rfc3339()
                    ],
                )?;
                let course_id = tx.last_insert_rowid();
                let mut attendees = vec![*person];
                attendees.extend(partners.iter().map(|p| p.1));
                for p in &attendees {
                    tx.execute("INSERT INTO course_attendees (course_id, person_id) VALUES (?1, ?2)", params![course_id, p])?;
                }
                let mut last_homework: Vec<(i64, Option<usize>)> = vec![];
                let mut closeness_step = 0usize;
                for n in 1..=planned {
                    let on = start + fortnight * ((n - 1) as i32);
                    let is_held = n <= held;
                    tx.execute(
                        "INSERT INTO course_sessions (course_id, number, planned_on) VALUES (?1, ?2, ?3)",
                        params![course_id, n, (!is_held).then(|| on.date_naive())],
                    )?;
                    let sid = tx.last_insert_rowid();
                    sessions_written += 1;
                    if n > held + 1 {
                        continue;
                    }
                    let at = on.to_rfc3339();
                    let insert = |section: &str, pos: i64, item: (i64, i64)| -> Result<i64> {
                        tx.execute(
                            "INSERT INTO session_items (session_id, section, position, item_id, item_version, added_at)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                            params![sid, section, pos, item.0, item.1, at],
                        )?;
                        Ok(tx.last_insert_rowid())
                    };
                    if n > 1 {
                        insert("education", 1, edu[g.below(edu.len() as u64) as usize])?;
                        if attendees.len() > 1 || g.chance(50) {
                            insert("communication", 1, com[g.below(com.len() as u64) as usize])?;
                        }
                        if g.chance(60) {
                            insert("practical", 1, prac[g.below(prac.len() as u64) as usize])?;
                        }
                    }
                    // Review the previous homework at this session (held ones only).
                    let mut step_done = false;
                    if is_held {
                        for (item_row, step) in &last_homework {
                            let outcome = ["done", "done", "done", "partly", "not_done"][g.below(5) as usize];
                            let comfort = if outcome == "done" { 6 + g.below(5) as i64 } else { g.below(7) as i64 };
                            tx.execute(
                                "INSERT INTO homework_reviews (session_item_id, session_id, outcome, comfort, reviewed_by, reviewed_at)
                                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                params![item_row, sid, outcome, comfort, counsellor, at],
                            )?;
                            if step.is_some() && outcome == "done" && comfort >= course::COMFORTABLE_FROM {
                                step_done = true;
                            }
                        }
                    }
                    if step_done {
                        closeness_step = (closeness_step + 1).min(closeness.len().saturating_sub(1));
                    }
                    last_homework.clear();
                    let solo = solo_homework[g.below(solo_homework.len() as u64) as usize];
                    let row = insert("homework", 1, solo)?;
                    tx.execute("INSERT INTO session_item_people (session_item_id, person_id) VALUES (?1, ?2)", params![row, person])?;
                    last_homework.push((row, None));
                    if attendees.len() > 1 && closeness_step < closeness.len() {
                        let row = insert("homework", 2, closeness[closeness_step])?;
                        for p in &attendees {
                            tx.execute(
                                "INSERT INTO session_item_people (session_item_id, person_id) VALUES (?1, ?2)",
                                params![row, p],
                            )?;
                        }
                        last_homework.push((row, Some(closeness_step)));
                    }
                    if is_held {
                        let n = note(on.date_naive(), attendees.clone());
                        tx.execute(
                            "INSERT INTO session_notes (session_id, held_on, covered_education, covered_communication,
                                 covered_practical, covered_homework, data, assessment, plan, status, signed_by, signed_at, updated_at)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'signed', ?10, ?11, ?11)",
                            params![
                                sid,
                                on.date_naive(),
                                n.covered_education,
                                n.covered_communication,
                                n.covered_practical,
                                n.covered_homework,
                                n.data,
                                n.assessment,
                                n.plan,
                                counsellor,
                                at
                            ],
                        )?;
                        for p in &attendees {
                            tx.execute("INSERT INTO session_attendance (session_id, person_id) VALUES (?1, ?2)", params![sid, p])?;
                        }
                    }
                }
            }
            Ok(())
        })?;
    }
    Ok(sessions_written)
}
