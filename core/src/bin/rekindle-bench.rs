//! `rekindle-bench`: timings over the synthetic ten-year clinic, reported as median and p95.
//!
//! Run with `cargo run --release -p rekindle-core --bin rekindle-bench`. It builds the
//! ten-year demo clinic in a temporary folder (or reuses `--data-dir DIR` if it already holds
//! one), then measures:
//! - sign-in: Argon2id unwrap + open + SQLCipher key check + migrate, the whole unlock path;
//! - client search as the front desk types it: prefixes of real names and phone fragments;
//! - opening a counsellor's full chart (intake, every measure, cautions; the read audited);
//! - autosaving one intake field (one transaction, committed with a full sync);
//! - computing suggestions for a full intake (the rules over an opened chart), and the whole
//!   `suggest_for_session` command (chart read audited, course loaded, suggestions filtered);
//! - opening a course plan of 40 sessions with their items, notes and reviews (read audited);
//! - handouts (`--handouts` runs only these, on the small demo clinic): a 2-page homework sheet
//!   from its document model to PDF bytes, a batch of 50 sheets, and the same sheet's content
//!   as equivalent HTML rendered by WeasyPrint (from the venv `scripts/install-deps.sh` makes),
//!   reported as a ratio.
//! - scheduling (`--scheduling` runs only these, over the ten-year clinic): the week view of six
//!   counsellors for random weeks across the ten years, the clash check of a 52-week series
//!   for a couple starting in the coming weeks, and the next free slot over eight weeks for a
//!   counsellor, a room and three people.
//! - audit overhead (`--audit` runs only this, over the ten-year clinic): opening a chart as the
//!   `open_chart` command does (`Session::open_record`) with its `chart.read` entry, and the same work
//!   with auditing off (`chart::read_unaudited`, which `chart::open` itself calls), for clients
//!   spread over the whole file, on and off interleaved; reported with their ratio. Then, apart, the
//!   same audited open with its commit synced to disk, for comparison.
//!
//! Timings are printed, never asserted: speed is judged from these figures, not from tests.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::Utc;
use clap::Parser;
use rekindle_core::chart;
use rekindle_core::demo::{self, Scale};
use rekindle_core::intake::{self, Goals, IntakeSection};
use rekindle_core::people;
use rekindle_core::planning::{self, course};
use rekindle_core::session::{self, SetupState};
use rekindle_core::suggestions;

const PASSWORD: &str = "bench-password-1";

#[derive(Parser)]
#[command(about = "Measure Rekindle's core over the ten-year demo clinic.")]
struct Args {
    /// Reuse (or create) the ten-year clinic here instead of a temporary folder.
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Searches to time.
    #[arg(long, default_value_t = 2000)]
    searches: usize,
    /// Sign-ins to time.
    #[arg(long, default_value_t = 20)]
    sign_ins: usize,
    /// Only the handout benchmarks (on the small demo clinic; no ten-year build).
    #[arg(long)]
    handouts: bool,
    /// Only the scheduling benchmarks (over the ten-year clinic).
    #[arg(long)]
    scheduling: bool,
    /// Only the audit overhead: a chart opened with auditing on versus off (ten-year clinic).
    #[arg(long)]
    audit: bool,
    /// Samples for each scheduling benchmark, and for each side of the audit benchmark.
    #[arg(long, default_value_t = 500)]
    samples: usize,
}

/// A small deterministic generator for picking weeks, people and times.
struct Pick(u64);
impl Pick {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        if n == 0 {
            0
        } else {
            ((self.0 >> 33) % n as u64) as usize
        }
    }
}

/// Time this thread has spent running on a CPU, so that figures taken on a busy machine can be
/// told apart from time spent waiting for a CPU.
fn on_cpu() -> Option<Duration> {
    // The thread's own CPU clock: exact to the nanosecond. (`/proc/thread-self/schedstat` moves
    // only at scheduler ticks, which made sub-millisecond samples read as 0 or 4 ms.)
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    Some(Duration::new(u64::try_from(t.tv_sec).ok()?, u32::try_from(t.tv_nsec).ok()?))
}

/// Wall-clock and on-CPU samples of one benchmark.
#[derive(Default)]
struct Samples {
    wall: Vec<Duration>,
    cpu: Vec<Duration>,
}

impl Samples {
    fn time<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let (t, c) = (Instant::now(), on_cpu());
        let out = f();
        self.wall.push(t.elapsed());
        if let (Some(before), Some(after)) = (c, on_cpu()) {
            self.cpu.push(after.saturating_sub(before));
        }
        out
    }

    fn report(self, name: &str) {
        summary(name, self.wall);
        if !self.cpu.is_empty() {
            summary("  the same, time on CPU", self.cpu);
        }
    }
}

fn scheduling_bench(dir: &std::path::Path, samples: usize) -> Result<(), String> {
    use jiff::civil::Date;
    use jiff::ToSpan;
    use rekindle_core::scheduling::{self, BookingInput, CalendarQuery, Repeat, SlotQuery};
    let e = |e: rekindle_core::error::Error| e.to_string();
    let now = Utc::now();
    let s = session::sign_in(dir, "reception", PASSWORD, now).map_err(e)?;
    let count = |sql: &str| -> Result<i64, String> {
        s.read(|c, _| Ok(c.query_row(sql, [], |r| r.get::<_, i64>(0))?)).map_err(e)
    };
    println!(
        "calendar: {} appointment rows ({} exceptions to series), {} series, {} attendee rows, {} closed days",
        count("SELECT COUNT(*) FROM appointments")?,
        count("SELECT COUNT(*) FROM appointments WHERE series_id IS NOT NULL")?,
        count("SELECT COUNT(*) FROM appointment_series")?,
        count("SELECT COUNT(*) FROM appointment_attendees")?,
        count("SELECT COUNT(*) FROM closed_days")?
    );
    let first = count("SELECT MIN(starts_at) FROM appointments")?;
    let settings = s.read(scheduling::settings).map_err(e)?;
    let tz = jiff::tz::TimeZone::get(&settings.time_zone).map_err(|x| x.to_string())?;
    let local = |secs: i64| -> Result<Date, String> {
        Ok(tz.to_datetime(jiff::Timestamp::from_second(secs).map_err(|x| x.to_string())?).date())
    };
    let today = local(now.timestamp())?;
    let start = local(first)?;
    let monday = |d: Date| d.checked_sub(i64::from(d.weekday().to_monday_one_offset() - 1).days());
    let first_monday = monday(start).map_err(|x| x.to_string())?;
    let weeks = (today.since(first_monday).map_err(|x| x.to_string())?.get_days() / 7).max(1) as usize;
    println!(
        "{} counsellors, {} rooms, {weeks} weeks from {first_monday}",
        settings.counsellors.len(),
        settings.rooms.len()
    );
    let mut pick = Pick(0x5C4E_D111);

    // 1. The week view of every counsellor, for random weeks across the ten years.
    let week_query = |pick: &mut Pick| -> Result<CalendarQuery, String> {
        let from = first_monday.checked_add((7 * pick.below(weeks + 8) as i64).days()).map_err(|x| x.to_string())?;
        Ok(CalendarQuery { from: from.to_string(), days: 7, counsellor_ids: vec![], room_ids: vec![] })
    };
    for _ in 0..20 {
        let q = week_query(&mut pick)?;
        s.read(|c, a| scheduling::calendar(c, a, &q, now)).map_err(e)?;
    }
    let mut times = Samples::default();
    let mut shown = 0usize;
    let mut columns = 0usize;
    for _ in 0..samples {
        let q = week_query(&mut pick)?;
        let view = times.time(|| s.read(|c, a| scheduling::calendar(c, a, &q, now))).map_err(e)?;
        shown += view.appointments.len();
        columns = columns.max(view.counsellors.len());
    }
    times.report("week view, every counsellor (7 days)");
    println!(
        "appointments per week shown: {:.0} on average, {columns} counsellor columns",
        shown as f64 / samples.max(1) as f64
    );

    // Couples and groups of three who are on file and not archived.
    let groups = |size: i64| -> Result<Vec<(i64, Vec<i64>)>, String> {
        s.read(|c, _| {
            let mut stmt = c.prepare(
                "SELECT m.relationship_id, group_concat(m.person_id) FROM relationship_members m
                   JOIN people p ON p.id = m.person_id
                  GROUP BY m.relationship_id
                 HAVING COUNT(*) = ?1 AND SUM(p.archived_at IS NOT NULL) = 0 AND SUM(p.is_client) > 0",
            )?;
            let rows = stmt
                .query_map([size], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows
                .into_iter()
                .map(|(id, people)| (id, people.split(',').filter_map(|p| p.parse().ok()).collect()))
                .collect())
        })
        .map_err(e)
    };
    let couples = groups(2)?;
    let rooms: Vec<i64> = settings.rooms.iter().filter_map(|r| r.id).collect();
    // A start inside one of the counsellor's stretches, on the half hour, `minutes` long.
    let when = |pick: &mut Pick, weeks_ahead: usize, minutes: i64| -> Result<(i64, String, String), String> {
        let ch = &settings.counsellors[pick.below(settings.counsellors.len())];
        let h = &ch.hours[pick.below(ch.hours.len())];
        let clock = |t: &str| -> i64 {
            let (hh, mm) = t.split_once(':').unwrap_or(("9", "0"));
            hh.parse::<i64>().unwrap_or(9) * 60 + mm.parse::<i64>().unwrap_or(0)
        };
        let (a, b) = (clock(&h.starts), clock(&h.ends));
        let slots = ((b - a - minutes) / 30 + 1).max(1) as usize;
        let at = a + 30 * pick.below(slots) as i64;
        let day = monday(today)
            .map_err(|x| x.to_string())?
            .checked_add((7 * (1 + pick.below(weeks_ahead)) as i64 + i64::from(h.weekday) - 1).days());
        Ok((ch.counsellor_id, day.map_err(|x| x.to_string())?.to_string(), format!("{:02}:{:02}", at / 60, at % 60)))
    };

    // 2. The clash check of a weekly series of 52 for a couple, starting in the coming weeks.
    let series_input = |pick: &mut Pick| -> Result<BookingInput, String> {
        let (rel, people) = couples[pick.below(couples.len())].clone();
        let (counsellor_id, date, start_time) = when(pick, 8, 60)?;
        Ok(BookingInput {
            kind: "couple".into(),
            counsellor_id,
            room_id: rooms[pick.below(rooms.len())],
            attendee_ids: people,
            relationship_id: Some(rel),
            date,
            start_time,
            end_time: None,
            minutes: None,
            repeat: Some(Repeat { every_weeks: 1, count: Some(52), until: None }),
            reception_note: None,
            allow_outside_hours: false,
        })
    };
    for _ in 0..20 {
        let input = series_input(&mut pick)?;
        s.read(|c, a| scheduling::check(c, a, &input, now)).map_err(e)?;
    }
    let mut times = Samples::default();
    let (mut with_clashes, mut clashes) = (0usize, 0usize);
    for _ in 0..samples {
        let input = series_input(&mut pick)?;
        let found = times.time(|| s.read(|c, a| scheduling::check(c, a, &input, now))).map_err(e)?;
        with_clashes += usize::from(!found.is_empty());
        clashes += found.len();
    }
    times.report("clash check, weekly series of 52 (couple)");
    println!("series that clash somewhere: {with_clashes} of {samples}; {clashes} clashes named in all");

    // 3. The next free slot over eight weeks for a counsellor, a room and three people.
    let triads = groups(3)?;
    let clients: Vec<i64> = s
        .read(|c, _| {
            let mut stmt =
                c.prepare("SELECT id FROM people WHERE is_client = 1 AND archived_at IS NULL ORDER BY id")?;
            let rows = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?;
            Ok(rows)
        })
        .map_err(e)?;
    let slot_query = |pick: &mut Pick| -> Result<SlotQuery, String> {
        // A triad when the clinic has one to hand, otherwise three recent clients.
        let attendee_ids = if !triads.is_empty() && pick.below(2) == 0 {
            triads[pick.below(triads.len())].1.clone()
        } else {
            let recent = &clients[clients.len().saturating_sub(600)..];
            (0..3).map(|_| recent[pick.below(recent.len())]).collect()
        };
        let (counsellor_id, _, _) = when(pick, 1, 60)?;
        Ok(SlotQuery {
            counsellor_id,
            room_id: Some(rooms[pick.below(rooms.len())]),
            attendee_ids,
            minutes: 60,
            from: None,
            weeks: Some(8),
            limit: Some(5),
        })
    };
    for _ in 0..20 {
        let q = slot_query(&mut pick)?;
        s.read(|c, a| scheduling::next_free_slots(c, a, &q, now)).map_err(e)?;
    }
    let mut times = Samples::default();
    let mut offered = 0usize;
    for _ in 0..samples {
        let q = slot_query(&mut pick)?;
        let slots = times.time(|| s.read(|c, a| scheduling::next_free_slots(c, a, &q, now))).map_err(e)?;
        offered += slots.len();
    }
    times.report("next free slot, 8 weeks, 3 people + room");
    println!("slots offered per search: {:.1} (of 5 asked)", offered as f64 / samples.max(1) as f64);
    s.sign_out(Utc::now()).map_err(e)?;
    Ok(())
}

fn audit_bench(dir: &std::path::Path, samples: usize) -> Result<(), String> {
    let e = |e: rekindle_core::error::Error| e.to_string();
    let mut c = session::sign_in(dir, "counsellor", PASSWORD, Utc::now()).map_err(e)?;
    let count = |c: &session::Session, sql: &str| -> Result<i64, String> {
        c.read(|conn, _| Ok(conn.query_row(sql, [], |r| r.get::<_, i64>(0))?)).map_err(e)
    };
    let clients: Vec<i64> = c
        .read(|conn, _| {
            let mut stmt = conn.prepare("SELECT id FROM people WHERE is_client = 1 ORDER BY id")?;
            let rows = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?;
            Ok(rows)
        })
        .map_err(e)?;
    if clients.is_empty() || samples == 0 {
        return Err("no clients on file, or no samples asked".into());
    }
    // One client per sample, evenly spread from the oldest to the newest on file.
    let picked: Vec<i64> = (0..samples).map(|i| clients[i * clients.len() / samples]).collect();
    let mut distinct = picked.clone();
    distinct.sort_unstable();
    distinct.dedup();
    println!(
        "audit log: {} entries; clients on file: {}; charts opened: {} distinct, {samples} samples on each side",
        count(&c, "SELECT COUNT(*) FROM audit_log")?,
        clients.len(),
        distinct.len()
    );
    // Warm up as a running app would be: every chart opened once (which also creates an intake
    // that was never opened), so both sides below do the same reads and no first-use writes.
    for id in &picked {
        c.write(|tx, a| chart::open(tx, a, *id, Utc::now())).map_err(e)?;
        c.write(|tx, a| chart::read_unaudited(tx, a, *id, Utc::now())).map_err(e)?;
    }
    let before = count(&c, "SELECT COUNT(*) FROM audit_log")?;
    // On: the app's own path (`Session::open_record`, its entry committed to the log unsynced),
    // as when opening one record after another. Off: the same read in the same kind of
    // transaction, without the entry. After a change: the app's path right after a change (an
    // empty one, not timed), so the open also switches the connection from durable commits to
    // unsynced ones. The three are interleaved, each going first for a third of the clients, so
    // drift on a busy machine, and a chart's pages being warm from another side's read, hit all
    // alike.
    let (mut on, mut off, mut after_change) = (Samples::default(), Samples::default(), Samples::default());
    let mut measures = 0usize;
    for (i, id) in picked.iter().enumerate() {
        for k in 0..3 {
            let chart = match (i + k) % 3 {
                0 => on.time(|| c.open_record(|tx, a| chart::open(tx, a, *id, Utc::now()))),
                1 => off.time(|| c.open_record(|tx, a| chart::read_unaudited(tx, a, *id, Utc::now()))),
                _ => c
                    .write(|_, _| Ok(()))
                    .and_then(|()| after_change.time(|| c.open_record(|tx, a| chart::open(tx, a, *id, Utc::now())))),
            }
            .map_err(e)?;
            measures += chart.measures.len();
        }
    }
    // Diagnosis, not a path the app takes: the audited read with a synced commit, showing what a
    // disk flush per chart would cost. A pass of its own afterwards: interleaved, its flushes
    // slowed the next audited open (the kernel holds writes to the log's pages while they are
    // being flushed), which once made the app's path look 0.1 ms dearer than it is.
    let mut synced = Samples::default();
    for id in &picked {
        synced.time(|| c.write(|tx, a| chart::open(tx, a, *id, Utc::now()))).map_err(e)?;
    }
    let written = count(&c, "SELECT COUNT(*) FROM audit_log")? - before;
    if written != 3 * samples as i64 {
        return Err(format!("expected {} chart.read entries from the audited passes, found {written}", 3 * samples));
    }
    println!("measures per chart on average: {:.1}", measures as f64 / (3 * samples) as f64);
    let quantiles = |d: &[Duration]| -> (f64, f64) {
        let mut v = d.to_vec();
        v.sort();
        let q = |q: f64| v.get(((v.len() as f64 - 1.0) * q).round() as usize).map(Duration::as_secs_f64);
        (q(0.5).unwrap_or(0.0), q(0.95).unwrap_or(0.0))
    };
    let ((on_med, on_p95), (off_med, off_p95), (sy_med, sy_p95), (ac_med, ac_p95)) =
        (quantiles(&on.wall), quantiles(&off.wall), quantiles(&synced.wall), quantiles(&after_change.wall));
    on.report("open a chart, audited (Session::open_record + chart::open)");
    off.report("open a chart, auditing off (the same read)");
    synced.report("diagnosis: audited, commit synced to disk");
    after_change.report("open a chart, audited, right after a change");
    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
    println!(
        "audit overhead: on/off median {:.2}, p95 {:.2} (goal: under 1.2); the audit entry adds {:.3} ms \
         at the median",
        ratio(on_med, off_med),
        ratio(on_p95, off_p95),
        (on_med - off_med) * 1000.0
    );
    println!(
        "with a synced commit per chart it would be on/off median {:.2}, p95 {:.2} ({:.3} ms more at the median)",
        ratio(sy_med, off_med),
        ratio(sy_p95, off_p95),
        (sy_med - on_med) * 1000.0
    );
    println!(
        "opened right after a change: on/off median {:.2}, p95 {:.2} (the switch to unsynced commits adds {:.3} ms)",
        ratio(ac_med, off_med),
        ratio(ac_p95, off_p95),
        (ac_med - on_med) * 1000.0
    );
    c.sign_out(Utc::now()).map_err(e)?;
    viewer_bench(dir, &picked)
}

/// The administrator's audit viewer over the same log: one page of results (each search is
/// itself an entry), by client, by staff member, by kind and by dates.
fn viewer_bench(dir: &std::path::Path, clients: &[i64]) -> Result<(), String> {
    use rekindle_core::audit_view::{self, AuditFilter, AuditKind};
    let e = |e: rekindle_core::error::Error| e.to_string();
    let mut s = session::sign_in(dir, "admin", PASSWORD, Utc::now()).map_err(e)?;
    let staff: Vec<i64> =
        s.read(|c, a| Ok(audit_view::choices(c, a)?.staff.into_iter().map(|st| st.account_id).collect())).map_err(e)?;
    let five_years_ago = (Utc::now() - chrono::Duration::days(5 * 365)).date_naive();
    let month = |d: chrono::NaiveDate| {
        (Some(d.format("%Y-%m-%d").to_string()), Some((d + chrono::Duration::days(30)).format("%Y-%m-%d").to_string()))
    };
    let (from, to) = month(five_years_ago);
    let searches: Vec<(&str, Vec<AuditFilter>)> = vec![
        ("audit viewer: newest page, no filter", vec![AuditFilter::default(); 50]),
        (
            "audit viewer: one client",
            clients.iter().step_by(5).map(|id| AuditFilter { person_id: Some(*id), ..Default::default() }).collect(),
        ),
        (
            "audit viewer: one staff member",
            staff
                .iter()
                .cycle()
                .take(50)
                .map(|id| AuditFilter { account_id: Some(*id), ..Default::default() })
                .collect(),
        ),
        (
            "audit viewer: backups and restores",
            vec![AuditFilter { kind: Some(AuditKind::Backup), ..Default::default() }; 20],
        ),
        ("audit viewer: one month, five years ago", vec![AuditFilter { from, to, ..Default::default() }; 20]),
    ];
    let mut rows = 0usize;
    for (name, filters) in searches {
        let mut t = Samples::default();
        for f in &filters {
            rows += t.time(|| s.write(|tx, a| audit_view::search(tx, a, f, Utc::now()))).map_err(e)?.rows.len();
        }
        t.report(name);
    }
    println!("audit viewer: {rows} rows shown in all");
    s.sign_out(Utc::now()).map_err(e)?;
    Ok(())
}

fn handouts_bench() -> Result<(), String> {
    use rekindle_core::handouts::{self, layout, pdf, PrintOptions};
    let dir = std::env::temp_dir().join(format!("rekindle-bench-handouts-{}", std::process::id()));
    demo::create(&dir, Scale::Small, PASSWORD, Utc::now()).map_err(|e| e.to_string())?;
    let s = session::sign_in(&dir, "counsellor", PASSWORD, Utc::now()).map_err(|e| e.to_string())?;
    let today = chrono::Local::now().date_naive();
    let clients = s.read(|c, a| people::list_clients(c, a, false)).map_err(|e| e.to_string())?;
    let maggie = clients.iter().find(|p| p.display_name.starts_with("Maggie")).ok_or("no demo client Maggie")?.id;
    let opts =
        PrintOptions { person_id: maggie, handout: "homework".into(), discreet: Some(false), include_diagnosis: false };
    let doc = s.read(|c, a| handouts::document(c, a, &opts, today)).map_err(|e| e.to_string())?;
    let pages = layout::layout(&doc);
    println!("homework sheet: {} pages", pages.len());
    let render = || {
        let pages = layout::layout(&doc);
        pdf::render(&pages, &doc.title, None)
    };
    for _ in 0..5 {
        render();
    }
    let mut one = Vec::new();
    let mut bytes = 0;
    for _ in 0..200 {
        let t = Instant::now();
        bytes = render().len();
        one.push(t.elapsed());
    }
    summary("homework sheet, model to PDF bytes", one.clone());
    println!("PDF size: {:.1} KB", bytes as f64 / 1024.0);
    let mut batches = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        for _ in 0..50 {
            render();
        }
        batches.push(t.elapsed());
    }
    summary("batch of 50 sheets, model to bytes", batches);
    let mut full = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        s.read(|c, a| handouts::render_for_printer(c, a, &opts, today)).map_err(|e| e.to_string())?;
        full.push(t.elapsed());
    }
    summary("homework sheet from the database (compose+render)", full);

    // WeasyPrint on equivalent HTML, in the same run.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let fonts = root.join("core/assets/fonts");
    let html = handouts::html::to_html(&doc, &fonts.display().to_string());
    let html_file = dir.join("sheet.html");
    std::fs::write(&html_file, html).map_err(|e| e.to_string())?;
    let python = dirs::home_dir().unwrap_or_default().join(".cache/rekindle/weasyprint-venv/bin/python");
    let out = std::process::Command::new(&python)
        .arg(root.join("scripts/weasyprint-bench.py"))
        .arg(&html_file)
        .arg("20")
        .output();
    match out {
        Ok(o) if o.status.success() => {
            let v: serde_json::Value = serde_json::from_slice(&o.stdout).map_err(|e| e.to_string())?;
            let weasy = v["median_ms"].as_f64().unwrap_or(0.0);
            let mut sorted = one;
            sorted.sort();
            let ours = sorted.get(sorted.len() / 2).map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0);
            println!(
                "WeasyPrint {} on the same content: median {weasy:.1} ms, {} pages; Rekindle {ours:.2} ms; Rekindle is {:.0} times faster",
                v["weasyprint"].as_str().unwrap_or("?"),
                v["pages"],
                if ours > 0.0 { weasy / ours } else { 0.0 }
            );
        }
        _ => println!("WeasyPrint is not installed (run scripts/install-deps.sh): no comparison"),
    }
    s.sign_out(Utc::now()).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn summary(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let pick = |q: f64| samples.get(((samples.len() as f64 - 1.0) * q).round() as usize).copied().unwrap_or_default();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<44} n={:<5} median {:>8.3} ms   p95 {:>8.3} ms   max {:>8.3} ms",
        samples.len(),
        ms(pick(0.5)),
        ms(pick(0.95)),
        ms(pick(1.0))
    );
}

fn main() -> Result<(), String> {
    let args = Args::parse();
    if args.handouts {
        return handouts_bench();
    }
    let temp;
    let dir = match &args.data_dir {
        Some(d) => d.clone(),
        None => {
            temp = std::env::temp_dir().join(format!("rekindle-bench-{}", std::process::id()));
            temp.clone()
        }
    };
    if session::state(&dir).map_err(|e| e.to_string())? == SetupState::NotSetUp {
        let t = Instant::now();
        let r = demo::create(&dir, Scale::TenYears, PASSWORD, Utc::now()).map_err(|e| e.to_string())?;
        println!(
            "built the ten-year clinic in {:.1} s: {} accounts, {} clients, {} partners, {} relationships, {} sessions, {} appointments",
            t.elapsed().as_secs_f64(),
            r.accounts,
            r.clients,
            r.partners,
            r.relationships,
            r.sessions,
            r.appointments
        );
    }
    let size: u64 = std::fs::read_dir(&dir)
        .map_err(|e| e.to_string())?
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    println!("data folder: {} ({:.1} MB)", dir.display(), size as f64 / 1e6);
    if args.scheduling || args.audit {
        if args.scheduling {
            scheduling_bench(&dir, args.samples)?;
        }
        if args.audit {
            audit_bench(&dir, args.samples)?;
        }
        if args.data_dir.is_none() {
            let _ = std::fs::remove_dir_all(&dir);
        }
        return Ok(());
    }

    let mut unlock = Vec::new();
    for _ in 0..args.sign_ins {
        let t = Instant::now();
        let s = session::sign_in(&dir, "reception", PASSWORD, Utc::now()).map_err(|e| e.to_string())?;
        unlock.push(t.elapsed());
        drop(s);
    }
    summary("unlock (Argon2id + open + migrate)", unlock);

    let today = Utc::now().date_naive();
    let s = session::sign_in(&dir, "reception", PASSWORD, Utc::now()).map_err(|e| e.to_string())?;
    let everyone = s.read(|c, a| people::list_clients(c, a, true)).map_err(|e| e.to_string())?;
    println!("clients on file: {}", everyone.len());
    // Queries as typed at the desk: 1 to 5 letters of a real name, or 3 to 6 digits of a phone.
    let mut queries = Vec::new();
    for (i, p) in everyone.iter().enumerate().take(args.searches) {
        let q = if i % 4 == 3 {
            let digits: String = p.phone.as_deref().unwrap_or("").chars().filter(char::is_ascii_digit).collect();
            let start = i % digits.len().saturating_sub(6).max(1);
            digits.chars().skip(start).take(3 + i % 4).collect()
        } else {
            let words: Vec<&str> = p.full_name.split_whitespace().collect();
            let w = words.get(i % words.len().max(1)).copied().unwrap_or("a");
            w.chars().take(1 + i % 5).collect::<String>()
        };
        queries.push(q);
    }
    // Warm the statement cache and the page cache as a running app would have them.
    for q in queries.iter().take(50) {
        s.read(|c, a| people::search(c, a, q, false)).map_err(|e| e.to_string())?;
    }
    let mut search = Vec::new();
    let mut hits = 0usize;
    for q in &queries {
        let t = Instant::now();
        let found = s.read(|c, a| people::search(c, a, q, false)).map_err(|e| e.to_string())?;
        search.push(t.elapsed());
        hits += found.len();
    }
    summary("client search as typed (5,000 clients)", search);
    println!("average results per search: {:.1}", hits as f64 / queries.len().max(1) as f64);
    s.sign_out(Utc::now()).map_err(|e| e.to_string())?;

    // The counsellor's side: opening full charts, and autosaving one field.
    let mut c = session::sign_in(&dir, "counsellor", PASSWORD, Utc::now()).map_err(|e| e.to_string())?;
    let mut open_chart = Vec::new();
    let mut biggest = 0usize;
    for p in everyone.iter().take(args.searches.min(1000)) {
        let t = Instant::now();
        let chart = c.open_record(|tx, a| chart::open(tx, a, p.id, Utc::now())).map_err(|e| e.to_string())?;
        open_chart.push(t.elapsed());
        biggest = biggest.max(chart.measures.len());
    }
    summary("open a full chart (intake, measures, cautions)", open_chart);
    println!("most measures on one chart: {biggest}");
    let mut autosave = Vec::new();
    for (i, p) in everyone.iter().take(500).enumerate() {
        let id = c.open_record(|tx, a| chart::open(tx, a, p.id, Utc::now())).map_err(|e| e.to_string())?.intake.id;
        // One field changed: the goals text, as a counsellor types a word.
        let goals = Goals {
            goals: Some(format!("Feel close again, step {i}")),
            fertility_wish: "not_discussed".into(),
            ..Goals::default()
        };
        let t = Instant::now();
        c.write(|tx, a| intake::autosave(tx, a, id, &IntakeSection::Goals(goals), today, Utc::now()))
            .map_err(|e| e.to_string())?;
        autosave.push(t.elapsed());
    }
    summary("autosave one field (one transaction, fsync)", autosave);

    // Suggestions: the rules over a full intake, then the whole command for a planned session.
    let mut rules = Vec::new();
    let mut command = Vec::new();
    let mut offered = 0usize;
    // The most recent clients: their courses are under way.
    for p in everyone.iter().rev().filter(|p| !p.archived).take(500) {
        let chart = c.open_record(|tx, a| chart::open(tx, a, p.id, Utc::now())).map_err(|e| e.to_string())?;
        let page = c.open_record(|tx, a| course::open(tx, a, p.id, Utc::now())).map_err(|e| e.to_string())?;
        let progress = page.course.as_ref().map(planning::progress::for_suggestions).unwrap_or_default();
        let t = Instant::now();
        let list = c.read(|conn, _| suggestions::for_chart(conn, &chart, &progress)).map_err(|e| e.to_string())?;
        rules.push(t.elapsed());
        offered += list.len();
        let Some(plan) = page.course else { continue };
        if let Some(next) = plan.sessions.iter().find(|s| !s.signed()) {
            let t = Instant::now();
            c.write(|tx, a| planning::suggest_for_session(tx, a, next.id, Utc::now())).map_err(|e| e.to_string())?;
            command.push(t.elapsed());
        }
    }
    summary("suggestions for a full intake (rules)", rules);
    summary("suggest_for_session (audited, filtered)", command);
    println!("average suggestions per client: {:.1}", offered as f64 / 500.0);

    // The longest course plans: 40 sessions with their items, notes and reviews.
    let long: Vec<i64> = c
        .read(|conn, _| {
            let mut stmt = conn.prepare("SELECT person_id FROM courses WHERE planned_sessions = 40")?;
            let rows = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?;
            Ok(rows)
        })
        .map_err(|e| e.to_string())?;
    let mut open_course = Vec::new();
    let mut most_items = 0usize;
    for _round in 0..5 {
        for person in &long {
            let t = Instant::now();
            let page = c.open_record(|tx, a| course::open(tx, a, *person, Utc::now())).map_err(|e| e.to_string())?;
            open_course.push(t.elapsed());
            if let Some(plan) = page.course {
                most_items = most_items.max(plan.sessions.iter().map(|s| s.items().count()).sum());
            }
        }
    }
    println!("courses of 40 sessions: {}; most items on one: {most_items}", long.len());
    summary("open a 40-session course plan (audited)", open_course);
    c.sign_out(Utc::now()).map_err(|e| e.to_string())?;
    if args.data_dir.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(())
}
