//! How far a course has come: sessions held and planned, homework done per thread, and what is
//! planned next. Pure functions over a loaded `Course`, so the same course always gives the same
//! summary. Measure trends come from the chart's measures.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::course::{Course, COMFORTABLE_FROM};
use crate::suggestions::Progress;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEntry {
    pub session_id: i64,
    pub number: i64,
    /// held (note signed), draft (note begun) or planned.
    pub status: String,
    /// The day it was held, or the day it is planned for.
    pub date: Option<NaiveDate>,
    /// Titles given, in the four-part order.
    pub items: Vec<String>,
    pub homework_given: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ThreadProgress {
    /// The thread's code (touch, closeness), or "other" for homework outside a thread.
    pub thread: String,
    pub label: String,
    pub given: i64,
    pub reviewed: i64,
    pub done: i64,
    pub partly: i64,
    pub not_done: i64,
    /// Done out of reviewed, in whole percent; none before the first review.
    pub done_percent: Option<i64>,
    /// The last step reviewed as done and comfortable (0 for none), and the thread's length.
    pub step_reached: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CourseProgress {
    pub sessions_held: i64,
    pub sessions_planned: i64,
    pub timeline: Vec<TimelineEntry>,
    pub threads: Vec<ThreadProgress>,
    /// The first session whose note is not signed.
    pub next_session: Option<TimelineEntry>,
}

fn thread_label(thread: &str) -> String {
    match thread {
        "touch" => "Touch, in stages".into(),
        "closeness" => "Everyday closeness".into(),
        "acceptance" => "Acceptance steps".into(),
        "other" => "Other homework".into(),
        t => t.replace('_', " "),
    }
}

/// Per thread, the last step reviewed as done and comfortable; for the acceptance steps, the
/// last one covered in a signed session. This gates the next stage.
pub fn for_suggestions(course: &Course) -> Progress {
    let mut done: BTreeMap<String, i64> = BTreeMap::new();
    for session in &course.sessions {
        for review in &session.reviews {
            let comfortable = review.outcome == "done" && review.comfort.is_some_and(|c| c >= COMFORTABLE_FROM);
            if !comfortable {
                continue;
            }
            if let Some((_, item)) = course.item(review.session_item_id) {
                if let Some(g) = &item.library {
                    if let (Some(t), Some(step)) = (&g.thread, g.thread_step) {
                        let e = done.entry(t.clone()).or_insert(0);
                        *e = (*e).max(step);
                    }
                }
            }
        }
        if session.signed() {
            for item in session.items() {
                if let Some(g) = &item.library {
                    if let (Some("acceptance"), Some(step)) = (g.thread.as_deref(), g.thread_step) {
                        let e = done.entry("acceptance".into()).or_insert(0);
                        *e = (*e).max(step);
                    }
                }
            }
        }
    }
    Progress { thread_steps_done: done }
}

/// The progress view of a course.
pub fn summarise(course: &Course) -> CourseProgress {
    let timeline: Vec<TimelineEntry> = course
        .sessions
        .iter()
        .map(|s| TimelineEntry {
            session_id: s.id,
            number: s.number,
            status: match s.status.as_str() {
                "signed" => "held",
                other => other,
            }
            .into(),
            date: s.note.as_ref().and_then(|n| n.held_on).or(s.planned_on),
            items: s.items().map(|i| i.title().to_owned()).collect(),
            homework_given: s.sections.iter().filter(|x| x.section == "homework").map(|x| x.items.len() as i64).sum(),
        })
        .collect();
    let reached = for_suggestions(course).thread_steps_done;
    let mut threads: BTreeMap<String, ThreadProgress> = BTreeMap::new();
    for session in &course.sessions {
        for item in session.sections.iter().filter(|x| x.section == "homework").flat_map(|x| &x.items) {
            let thread = item.library.as_ref().and_then(|g| g.thread.clone()).unwrap_or_else(|| "other".into());
            let t = threads.entry(thread.clone()).or_insert_with(|| ThreadProgress {
                label: thread_label(&thread),
                step_reached: reached.get(&thread).copied().unwrap_or(0),
                thread,
                given: 0,
                reviewed: 0,
                done: 0,
                partly: 0,
                not_done: 0,
                done_percent: None,
            });
            t.given += 1;
        }
    }
    for session in &course.sessions {
        for review in &session.reviews {
            let Some((_, item)) = course.item(review.session_item_id) else { continue };
            let thread = item.library.as_ref().and_then(|g| g.thread.clone()).unwrap_or_else(|| "other".into());
            if let Some(t) = threads.get_mut(&thread) {
                t.reviewed += 1;
                match review.outcome.as_str() {
                    "done" => t.done += 1,
                    "partly" => t.partly += 1,
                    _ => t.not_done += 1,
                }
            }
        }
    }
    for t in threads.values_mut() {
        if t.reviewed > 0 {
            t.done_percent = Some((t.done * 100 + t.reviewed / 2) / t.reviewed);
        }
    }
    // Threads first in the library's order, then the rest.
    let mut threads: Vec<ThreadProgress> = threads.into_values().collect();
    threads.sort_by_key(|t| match t.thread.as_str() {
        "touch" => 0,
        "closeness" => 1,
        "other" => 3,
        _ => 2,
    });
    let held = timeline.iter().filter(|t| t.status == "held").count() as i64;
    let next_session = timeline.iter().find(|t| t.status != "held").cloned();
    CourseProgress { sessions_held: held, sessions_planned: course.planned_sessions, timeline, threads, next_session }
}
