//! Clock and calendar maths for scheduling, on `jiff` (time zones from the IANA database, which
//! is bundled so a machine without tzdata still knows the clinic's zone).
//!
//! Stored instants are UTC seconds. Local times are the clinic's wall clock: a series is a rule in
//! local time, so "every Monday at 18:00" stays at 18:00 when the clocks change. A local time that
//! does not exist (the hour skipped in spring) moves forward; one that happens twice (autumn)
//! takes the first.

use chrono::{DateTime, NaiveDate, Utc};
use jiff::civil;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

use crate::error::{Error, Result};

/// Longest appointment, in minutes (a long group session).
pub const MAX_MINUTES: i64 = 480;
/// Shortest appointment, in minutes.
pub const MIN_MINUTES: i64 = 5;
/// Most occurrences in one series (two years of weekly sessions).
pub const MAX_OCCURRENCES: u32 = 104;
/// Longest gap between occurrences, in weeks.
pub const MAX_INTERVAL_WEEKS: u32 = 12;

/// The clinic's zone by its IANA name, e.g. `Europe/London`.
pub fn zone(name: &str) -> Result<TimeZone> {
    TimeZone::get(name).map_err(|_| Error::field("timeZone", "Choose a time zone from the list (e.g. Europe/London)."))
}

/// Parses `YYYY-MM-DD`.
pub fn parse_day(s: &str) -> Option<civil::Date> {
    let s = s.trim();
    if s.len() != 10 {
        return None;
    }
    s.parse::<civil::Date>().ok()
}

/// Parses `HH:MM` (24-hour clock).
pub fn parse_clock(s: &str) -> Option<civil::Time> {
    let s = s.trim();
    let (h, m) = s.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let h: i8 = h.parse().ok()?;
    let m: i8 = m.parse().ok()?;
    civil::Time::new(h, m, 0, 0).ok()
}

/// Parses `YYYY-MM-DDTHH:MM`.
pub fn parse_local(s: &str) -> Option<civil::DateTime> {
    let (d, t) = s.split_once('T')?;
    Some(parse_day(d)?.to_datetime(parse_clock(t)?))
}

pub fn fmt_local(dt: civil::DateTime) -> String {
    format!("{}T{:02}:{:02}", dt.date(), dt.hour(), dt.minute())
}

pub fn fmt_clock(t: civil::Time) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// The UTC second at which the wall clock in `tz` shows `local`.
pub fn to_utc(tz: &TimeZone, local: civil::DateTime) -> Result<i64> {
    tz.to_ambiguous_zoned(local)
        .compatible()
        .map(|z| z.timestamp().as_second())
        .map_err(|_| Error::field("date", "That date is outside the range the calendar can hold."))
}

/// The wall-clock time in `tz` at UTC second `secs`.
pub fn to_local(tz: &TimeZone, secs: i64) -> civil::DateTime {
    match Timestamp::from_second(secs) {
        Ok(ts) => tz.to_datetime(ts),
        Err(_) => civil::DateTime::ZERO,
    }
}

pub fn timestamp(now: DateTime<Utc>) -> i64 {
    now.timestamp()
}

/// Today's date on the clinic's wall clock.
pub fn local_today(tz: &TimeZone, now: DateTime<Utc>) -> civil::Date {
    to_local(tz, now.timestamp()).date()
}

pub fn to_naive(d: civil::Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::from(d.year()), u32::try_from(d.month()).ok()?, u32::try_from(d.day()).ok()?)
}

pub fn from_naive(d: NaiveDate) -> Option<civil::Date> {
    use chrono::Datelike;
    civil::Date::new(i16::try_from(d.year()).ok()?, i8::try_from(d.month()).ok()?, i8::try_from(d.day()).ok()?).ok()
}

/// Monday = 1 ... Sunday = 7.
pub fn weekday_number(d: civil::Date) -> i64 {
    i64::from(d.weekday().to_monday_one_offset())
}

/// How a series ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleEnd {
    /// After this many occurrences.
    Count(u32),
    /// No occurrence after this local day.
    Until(civil::Date),
}

/// A recurring appointment: the first start in local time, repeated every `interval_weeks`.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub first: civil::DateTime,
    pub interval_weeks: u32,
    pub end: RuleEnd,
    pub minutes: i64,
}

/// One occurrence of a rule (or a single appointment): 0-based index, UTC seconds, local start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    pub index: u32,
    pub start: i64,
    pub end: i64,
    pub local: civil::DateTime,
}

/// The local start of occurrence `index`, by calendar weeks (not by 7 × 24 hours).
pub fn local_start(rule: &Rule, index: u32) -> Option<civil::DateTime> {
    let weeks = i64::from(index) * i64::from(rule.interval_weeks);
    rule.first.checked_add(weeks.weeks()).ok()
}

/// Every occurrence of `rule`, in order. Capped at `MAX_OCCURRENCES`.
pub fn occurrences(tz: &TimeZone, rule: &Rule) -> Result<Vec<Occurrence>> {
    let mut out = Vec::new();
    for index in 0..MAX_OCCURRENCES {
        if let RuleEnd::Count(n) = rule.end {
            if index >= n {
                break;
            }
        }
        let Some(local) = local_start(rule, index) else { break };
        if let RuleEnd::Until(last) = rule.end {
            if local.date() > last {
                break;
            }
        }
        let start = to_utc(tz, local)?;
        out.push(Occurrence { index, start, end: start + rule.minutes * 60, local });
    }
    Ok(out)
}

/// "Monday 23 March 2026"
pub fn long_day(d: civil::Date) -> String {
    d.strftime("%A %-d %B %Y").to_string()
}

/// "Monday 23 March 2026 at 18:00"
pub fn long_when(dt: civil::DateTime) -> String {
    format!("{} at {}", long_day(dt.date()), fmt_clock(dt.time()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn london() -> TimeZone {
        zone("Europe/London").unwrap()
    }

    #[test]
    fn a_weekly_series_keeps_its_wall_clock_time_across_both_clock_changes() {
        let tz = london();
        // 18:00 on the Monday before the clocks go forward (29 March 2026) ...
        let rule = Rule {
            first: parse_local("2026-03-23T18:00").unwrap(),
            interval_weeks: 1,
            end: RuleEnd::Count(2),
            minutes: 60,
        };
        let occ = occurrences(&tz, &rule).unwrap();
        assert_eq!(occ.len(), 2);
        assert_eq!(fmt_local(to_local(&tz, occ[0].start)), "2026-03-23T18:00");
        assert_eq!(fmt_local(to_local(&tz, occ[1].start)), "2026-03-30T18:00", "still 18:00 after BST starts");
        assert_eq!(occ[1].start - occ[0].start, 7 * 24 * 3600 - 3600, "the week across the change is an hour short");
        // ... and the Monday before they go back (25 October 2026).
        let autumn = Rule { first: parse_local("2026-10-19T18:00").unwrap(), ..rule };
        let occ = occurrences(&tz, &autumn).unwrap();
        assert_eq!(fmt_local(to_local(&tz, occ[1].start)), "2026-10-26T18:00");
        assert_eq!(occ[1].start - occ[0].start, 7 * 24 * 3600 + 3600);
    }

    #[test]
    fn a_series_ends_on_its_count_or_on_its_last_day() {
        let tz = london();
        let first = parse_local("2026-01-05T10:00").unwrap();
        let by_count = Rule { first, interval_weeks: 2, end: RuleEnd::Count(3), minutes: 50 };
        let days: Vec<String> =
            occurrences(&tz, &by_count).unwrap().iter().map(|o| o.local.date().to_string()).collect();
        assert_eq!(days, ["2026-01-05", "2026-01-19", "2026-02-02"]);
        let until = Rule { end: RuleEnd::Until(parse_day("2026-02-01").unwrap()), ..by_count };
        assert_eq!(occurrences(&tz, &until).unwrap().len(), 2, "2 February is after the last day");
    }

    #[test]
    fn a_time_skipped_by_the_spring_change_moves_forward() {
        let tz = london();
        let skipped = parse_local("2026-03-29T01:30").unwrap();
        assert_eq!(fmt_local(to_local(&tz, to_utc(&tz, skipped).unwrap())), "2026-03-29T02:30");
    }

    #[test]
    fn clock_and_day_parsing_refuse_what_is_not_a_time() {
        assert!(parse_clock("9:05").is_some());
        for bad in ["24:00", "12:60", "noon", "12", "1:5", ""] {
            assert!(parse_clock(bad).is_none(), "{bad} is not a time");
        }
        assert!(parse_day("2026-02-30").is_none());
        assert!(zone("Mars/Olympus").is_err());
    }
}
