//! Kill a writer process at random moments; no acknowledged write may be lost.
//!
//! The parent test sets up one clinic and then, round after round, starts this test binary
//! again as a child running only `crash::writer_child`. The child signs in and registers
//! numbered clients, one `Session::write` transaction each, then opens each one's chart
//! (`Session::open_record`, whose audit entry is committed without waiting for the disk), and
//! prints `ACK <n>` (and flushes) only after both commits have returned. Every acknowledged
//! client must be there with the `chart.read` entry of that opening: an unsynced commit survives
//! a killed process (only a power cut could lose it). The parent kills it with SIGKILL a random 5–120 ms after
//! its first acknowledgement, signs in again, and checks the round's clients: every
//! acknowledged number must be there, the numbers must run without a gap from the first, and at
//! most one more than acknowledged may be there: the write whose commit was under way when the
//! kill came (its log frames had reached the operating system, so it survives a killed process,
//! though it was never acknowledged). Every round continues the same database.
//!
//! The seed of the delays is printed; `REKINDLE_CRASH_SEED=<seed>` repeats a run.

use std::io::{BufRead, BufReader, Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rekindle_core::chart;

use crate::common::*;

/// Tells `writer_child` to act, and where the clinic is.
const CHILD_DIR_ENV: &str = "REKINDLE_CRASH_CHILD_DIR";
/// The first client number the child uses (each round has its own range).
const CHILD_START_ENV: &str = "REKINDLE_CRASH_CHILD_START";
const SEED_ENV: &str = "REKINDLE_CRASH_SEED";

const SERIES: &str = "Crash";
const ROUNDS: u64 = 55;
/// Numbers per round: round `r` writes `r * ROUND_SPAN`, `r * ROUND_SPAN + 1`, ...
const ROUND_SPAN: u64 = 10_000;
/// A round whose child has not acknowledged a write by then has hung.
const FIRST_ACK_TIMEOUT: Duration = Duration::from_secs(60);

/// SplitMix64: a small, good-enough generator for delays, so no dependency is needed.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform enough in `lo..=hi` for test delays.
    fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

/// The child writer: does nothing unless the parent set `REKINDLE_CRASH_CHILD_DIR`.
#[test]
fn writer_child() {
    let Some(dir) = std::env::var_os(CHILD_DIR_ENV) else { return };
    let start: u64 = std::env::var(CHILD_START_ENV).unwrap().parse().unwrap();
    let mut s = sign_in(std::path::Path::new(&dir)).unwrap();
    let mut out = std::io::stdout().lock();
    for n in start..start + ROUND_SPAN {
        let client = register(&mut s, SERIES, n).unwrap();
        s.open_record(|tx, a| chart::open(tx, a, client.id, now())).unwrap();
        writeln!(out, "ACK {n}").unwrap();
        out.flush().unwrap();
    }
    panic!("the writer was never killed");
}

/// Runs one writer until the random kill; returns the numbers it acknowledged.
fn run_round(dir: &std::path::Path, start: u64, rng: &mut SplitMix64) -> Vec<u64> {
    let mut child = child_command("crash::writer_child")
        .env(CHILD_DIR_ENV, dir)
        .env(CHILD_START_ENV, start.to_string())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    // Read the child's output on threads so neither pipe can fill up and stall it.
    let (tx, rx) = mpsc::channel::<u64>();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            // libtest may print "test crash::writer_child ... " in front of the first line.
            if let Some((_, n)) = line.rsplit_once("ACK ") {
                let _ = tx.send(n.trim().parse().unwrap());
            }
        }
    });
    let err_reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });

    let mut acked = Vec::new();
    match rx.recv_timeout(FIRST_ACK_TIMEOUT) {
        Ok(n) => acked.push(n),
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the writer acknowledged nothing in {FIRST_ACK_TIMEOUT:?}: {}", err_reader.join().unwrap());
        }
    }
    std::thread::sleep(Duration::from_millis(rng.between(5, 120)));
    let child_exited_by_itself = child.try_wait().unwrap().is_some();
    // `Child::kill` sends SIGKILL on unix: no destructor, no rollback, no flush.
    child.kill().unwrap();
    let status = child.wait().unwrap();
    reader.join().unwrap();
    acked.extend(rx.try_iter());
    let err_text = err_reader.join().unwrap();
    assert!(!child_exited_by_itself, "the writer stopped before it was killed ({status}): {err_text}");
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(9), "the writer was not killed by SIGKILL: {status}");
    }
    acked
}

#[test]
fn killed_writers_lose_no_acknowledged_write() {
    let started = Instant::now();
    let (dir, admin) = clinic();
    admin.sign_out(now()).unwrap();

    let t = Instant::now();
    let s = sign_in(dir.path()).unwrap();
    drop(s);
    println!("crash harness: one sign-in takes {:?}", t.elapsed());

    let seed = match std::env::var(SEED_ENV) {
        Ok(v) => v.parse().unwrap(),
        Err(_) => std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64,
    };
    println!("crash harness seed: {seed} (set {SEED_ENV}={seed} to repeat the delays)");
    let mut rng = SplitMix64(seed);

    let (mut kills, mut acked_total, mut lost_total, mut unacked_committed) = (0u64, 0usize, 0usize, 0usize);
    let mut expected_total = 0usize;
    for round in 1..=ROUNDS {
        let start = round * ROUND_SPAN;
        let acked = run_round(dir.path(), start, &mut rng);
        kills += 1;
        acked_total += acked.len();

        // Open it again as the next person at the desk would, and look for every acknowledged write.
        let mut s = sign_in(dir.path()).unwrap_or_else(|e| panic!("sign-in after kill {kills} failed: {e}"));
        let present: Vec<u64> =
            numbers_present(&s, SERIES).into_iter().filter(|n| (start..start + ROUND_SPAN).contains(n)).collect();
        let lost: Vec<u64> = acked.iter().copied().filter(|n| present.binary_search(n).is_err()).collect();
        lost_total += lost.len();
        assert!(lost.is_empty(), "round {round}: acknowledged writes lost after the kill: {lost:?}");
        let read = numbers_read(&s, SERIES);
        let reads_lost: Vec<u64> = acked.iter().copied().filter(|n| read.binary_search(n).is_err()).collect();
        lost_total += reads_lost.len();
        assert!(reads_lost.is_empty(), "round {round}: acknowledged chart reads not in the audit log: {reads_lost:?}");
        let expected: Vec<u64> = (start..start + present.len() as u64).collect();
        assert_eq!(present, expected, "round {round}: the round's writes are not one unbroken run");
        let extra = present.len() - acked.len();
        assert!(extra <= 1, "round {round}: {extra} writes committed that were never acknowledged");
        unacked_committed += extra;
        expected_total += present.len();
        assert_eq!(numbers_present(&s, SERIES).len(), expected_total, "round {round}: earlier rounds changed");

        // Now and then sign out properly (a checkpoint), so kills meet both a long and a short WAL.
        if round % 10 == 0 {
            register(&mut s, "Between", round).unwrap();
            s.sign_out(now()).unwrap();
        }
    }

    let s = sign_in(dir.path()).unwrap();
    assert_eq!(numbers_present(&s, SERIES).len(), expected_total);
    assert_eq!(numbers_present(&s, "Between").len() as u64, ROUNDS / 10);
    assert_verify_good(&s);
    println!(
        "crash harness: {kills} kills, {acked_total} acknowledged (client registered, chart opened), {lost_total} lost, \
         {unacked_committed} in-flight writes kept though never acknowledged, \
         {expected_total} clients in all, store::verify good, {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(kills >= 50);
    assert_eq!(lost_total, 0);
}
