//! "Find the next free slot": the earliest times when the counsellor, the room and every
//! attendee are all free, inside the counsellor's working hours, on days the clinic is open.

use chrono::{DateTime, Utc};
use jiff::civil;
use jiff::ToSpan;
use rusqlite::Connection;

use super::book::{self, Expander};
use super::time;
use super::{settings, FreeSlot, SlotQuery};
use crate::access::{Actor, Permission};
use crate::error::{Error, Result};
use crate::people;
use crate::validate::Checker;

/// Slots start on the quarter hour.
pub const STEP_MINUTES: i64 = 15;
/// At most this many slots are offered on one day, so the list reaches across several days.
pub const PER_DAY: usize = 2;

/// Hours assumed for a counsellor who has none recorded: Monday to Friday, 09:00-17:00.
fn default_hours() -> Vec<(i64, civil::Time, civil::Time)> {
    (1..=5).map(|d| (d, civil::time(9, 0, 0, 0), civil::time(17, 0, 0, 0))).collect()
}

/// Merges busy spans into sorted, disjoint intervals.
fn merge(mut spans: Vec<(i64, i64)>) -> Vec<(i64, i64)> {
    spans.sort_unstable();
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

fn is_free(merged: &[(i64, i64)], start: i64, end: i64) -> bool {
    let i = merged.partition_point(|(_, e)| *e <= start);
    merged.get(i).is_none_or(|(s, _)| *s >= end)
}

pub fn next_free_slots(conn: &Connection, actor: &Actor, q: &SlotQuery, now: DateTime<Utc>) -> Result<Vec<FreeSlot>> {
    actor.require(Permission::ViewSchedule)?;
    if !book::sees_everyone(actor) && q.counsellor_id != actor.account_id {
        return Err(Error::Forbidden);
    }
    let tz = settings::clinic_zone(conn)?;
    let mut c = Checker::new();
    if settings::counsellors(conn, Some(q.counsellor_id))?.is_empty() {
        c.fail("counsellorId", "Choose a counsellor from the list; that one is not an active counsellor.");
    }
    if !(time::MIN_MINUTES..=time::MAX_MINUTES).contains(&q.minutes) {
        c.fail("minutes", "An appointment lasts between 5 minutes and 8 hours.");
    }
    let weeks = q.weeks.unwrap_or(8);
    if !(1..=26).contains(&weeks) {
        c.fail("weeks", "Look between 1 and 26 weeks ahead.");
    }
    let limit = usize::try_from(q.limit.unwrap_or(5)).unwrap_or(5);
    if !(1..=20).contains(&limit) {
        c.fail("limit", "Ask for between 1 and 20 slots.");
    }
    let from_day = match q.from.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => match time::parse_day(s) {
            Some(d) => Some(d),
            None => {
                c.fail("from", "The first day is written as YYYY-MM-DD.");
                None
            }
        },
        None => None,
    };
    for p in &q.attendee_ids {
        match people::get_unchecked(conn, *p) {
            Ok(_) => {}
            Err(Error::NotFound { .. }) => c.fail("attendeeIds", "One of the chosen people is no longer on file."),
            Err(e) => return Err(e),
        }
    }
    c.finish()?;

    let now_s = time::timestamp(now);
    let today = time::local_today(&tz, now);
    let first_day = from_day.filter(|d| *d > today).unwrap_or(today);
    let last_day = first_day
        .checked_add(i64::from(weeks).weeks())
        .map_err(|_| Error::field("from", "That day is too far away."))?;
    let window_start = time::to_utc(&tz, first_day.to_datetime(civil::Time::midnight()))?.max(now_s);
    let window_end = time::to_utc(&tz, last_day.to_datetime(civil::Time::midnight()))?;

    let mut ex = Expander::default();
    let busy = book::busy(conn, &mut ex, q.counsellor_id, q.room_id, &q.attendee_ids, window_start, window_end)?;
    let mut all: Vec<(i64, i64)> = Vec::new();
    all.extend(busy.counsellor.iter().map(|s| (s.start, s.end)));
    all.extend(busy.room.iter().map(|s| (s.start, s.end)));
    for (_, spans) in &busy.people {
        all.extend(spans.iter().map(|s| (s.start, s.end)));
    }
    let merged = merge(all);
    let limits = book::limits(conn, &tz, q.counsellor_id, window_start, window_end)?;
    let hours = if limits.hours.is_empty() { default_hours() } else { limits.hours.clone() };

    let mut out = Vec::new();
    let mut day = first_day;
    while day < last_day && out.len() < limit {
        if !limits.closed.contains_key(&day) {
            let wd = time::weekday_number(day);
            let mut today_count = 0;
            for (_, from, to) in hours.iter().filter(|(d, _, _)| *d == wd) {
                let mut t = day.to_datetime(*from);
                let stop = day.to_datetime(*to);
                while today_count < PER_DAY && out.len() < limit {
                    let Ok(end_local) = t.checked_add(q.minutes.minutes()) else { break };
                    if end_local > stop {
                        break;
                    }
                    let start = time::to_utc(&tz, t)?;
                    let end = start + q.minutes * 60;
                    if start >= now_s && is_free(&merged, start, end) {
                        out.push(FreeSlot {
                            start: time::fmt_local(t),
                            end: time::fmt_local(end_local),
                            label: time::long_when(t),
                        });
                        today_count += 1;
                        // The next offer on the same day starts after this one ends.
                        t = end_local;
                        continue;
                    }
                    let Ok(next) = t.checked_add(STEP_MINUTES.minutes()) else { break };
                    t = next;
                }
            }
        }
        let Ok(next) = day.checked_add(1.day()) else { break };
        day = next;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merging_and_freedom_treat_touching_ends_as_free() {
        let m = merge(vec![(10, 20), (15, 30), (40, 50)]);
        assert_eq!(m, [(10, 30), (40, 50)]);
        assert!(is_free(&m, 30, 40), "between two bookings, touching both ends");
        assert!(!is_free(&m, 29, 35));
        assert!(!is_free(&m, 0, 11));
        assert!(is_free(&m, 50, 60));
    }
}
