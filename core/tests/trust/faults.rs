//! Faults a clinic computer really meets: a full disk, a read-only data file, the file held by
//! another program, a damaged file. Each gives a message in plain words (no SQL, no client
//! data) and loses nothing that was saved before.

use std::io::{BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rekindle_core::error::StorageFault;
use rekindle_core::people::{self};
use rekindle_core::{store, Error};
use rusqlite::{Transaction, TransactionBehavior};

use crate::common::*;

/// The storage fault of an error, or a failed test naming what came instead.
fn fault(e: &Error) -> StorageFault {
    e.storage_fault().unwrap_or_else(|| panic!("expected a storage fault, got {e:?}"))
}

// ---- A full disk ---------------------------------------------------------------------------

/// Simulated with SQLite's own size limit on the session's connection (`PRAGMA max_page_count`
/// at the current size): the write that needs one more page fails with `SQLITE_FULL`, the same
/// result code SQLite gives when the operating system reports the disk full (ENOSPC). The
/// operating-system half, a filesystem that is really full, is the next test.
#[test]
fn a_full_disk_gives_a_plain_message_and_keeps_what_was_saved() {
    let (dir, mut s) = clinic();
    for n in 0..5 {
        register(&mut s, "Filling", n).unwrap();
    }
    let pages: i64 = count(&s, "PRAGMA page_count");
    let limit: i64 = s.connection().query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| r.get(0)).unwrap();
    assert_eq!(limit, pages, "the size limit took");

    // Keep registering, one action at a time, until the free space inside the file runs out.
    let mut saved = 5;
    let err = loop {
        match register(&mut s, "Filling", saved) {
            Ok(_) => saved += 1,
            Err(e) => break e,
        }
        assert!(saved < 5_000, "the size limit never stopped a write");
    };
    assert_eq!(fault(&err), StorageFault::DiskFull, "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("disk is full"), "{msg}");
    assert!(msg.contains("Everything saved before is safe"), "{msg}");
    assert_plain_message(&err, &["Filling", &letters(saved)]);

    // Rolled back whole: the failed client is not there even in this session, which still reads.
    assert_eq!(numbers_present(&s, "Filling"), (0..saved).collect::<Vec<_>>());
    drop(s); // without signing out: signing out is a write too

    let s = sign_in(dir.path()).unwrap();
    assert_eq!(numbers_present(&s, "Filling"), (0..saved).collect::<Vec<_>>(), "after opening again");
    assert_verify_good(&s);
    println!("disk full: {saved} clients saved before the disk filled; the next was refused and rolled back");
}

/// Tells `full_filesystem_child` to act: the folder where a small filesystem is mounted.
const FULL_FS_CHILD_ENV: &str = "REKINDLE_FULL_FS_CHILD_DIR";
/// The size of that filesystem: room for a new clinic and a few hundred clients.
const FULL_FS_SIZE: &str = "6m";

/// Runs inside its own mount namespace (see the test below), on a small tmpfs mounted over
/// its folder: sets up a clinic there, fills the rest of the filesystem with a ballast file
/// but for about 200 KB, registers clients until the disk is really full, reports the refusal,
/// then deletes the ballast (someone frees space), signs in again and reports what is there.
#[test]
fn full_filesystem_child() {
    let Some(dir) = std::env::var_os(FULL_FS_CHILD_ENV) else { return };
    let root = Path::new(&dir);
    let clinic_dir = root.join("clinic");
    std::fs::create_dir(&clinic_dir).unwrap();
    let (mut s, _recovery) = rekindle_core::session::set_up(&clinic_dir, &setup_input(), now()).unwrap();
    let ballast = root.join("ballast");
    {
        let mut f = std::fs::File::create(&ballast).unwrap();
        let chunk = vec![0x5a_u8; 64 * 1024];
        while free_bytes(root) > 200 * 1024 {
            if f.write_all(&chunk).is_err() {
                break;
            }
        }
        let _ = f.sync_all();
    }
    let mut saved = 0;
    let err = loop {
        match register(&mut s, "Filling", saved) {
            Ok(_) => saved += 1,
            Err(e) => break e,
        }
        assert!(saved < 20_000, "the filesystem never filled");
    };
    println!("REFUSED {saved}|{:?}|{err}", err.storage_fault());
    assert_plain_message(&err, &["Filling", &letters(saved)]);
    drop(s);
    std::fs::remove_file(&ballast).unwrap();
    let s = rekindle_core::session::sign_in(&clinic_dir, USER, PASSWORD, now()).unwrap();
    let present = numbers_present(&s, "Filling");
    let good = store::verify(s.connection()).unwrap().is_good();
    println!("AFTER {}|{}|{good}", present.len(), present == (0..saved).collect::<Vec<_>>());
}

/// Free bytes on the filesystem that holds `path` (`df`, so no extra dependency is needed).
fn free_bytes(path: &Path) -> u64 {
    let out = std::process::Command::new("df").args(["-B1", "--output=avail"]).arg(path).output().unwrap();
    String::from_utf8_lossy(&out.stdout).lines().nth(1).and_then(|l| l.trim().parse().ok()).unwrap()
}

/// A filesystem that is really full, not a simulated limit: a 6 MB tmpfs mounted in a mount
/// namespace of the child's own (`unshare --user --map-root-user --mount`, which needs no
/// privileges where unprivileged user namespaces are allowed, as on Debian 12), so nothing
/// outside the test sees it. The write that finds no space gets ENOSPC from the kernel; it
/// must come back as the plain disk-full message, roll back whole, and, once space is freed,
/// every client saved before must be there and `store::verify` good.
#[test]
#[cfg(target_os = "linux")]
fn a_really_full_filesystem_gives_a_plain_message_and_keeps_what_was_saved() {
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let script = format!("mount -t tmpfs -o size={FULL_FS_SIZE} rekindle-full \"$0\" && exec \"$@\"");
    let out = std::process::Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "--", "sh", "-c", &script])
        .arg(dir.path())
        .arg(&exe)
        .args(["--exact", "faults::full_filesystem_child", "--nocapture", "--test-threads=1"])
        .env(FULL_FS_CHILD_ENV, dir.path())
        .output()
        .expect("unshare (util-linux) runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "the child on a full filesystem failed: {stdout}\n{stderr}");
    let line = |tag: &str| {
        stdout
            .lines()
            .find_map(|l| l.split_once(tag).map(|(_, rest)| rest.to_owned()))
            .unwrap_or_else(|| panic!("the child did not report {tag}: {stdout}\n{stderr}"))
    };
    let refused = line("REFUSED ");
    let mut parts = refused.splitn(3, '|');
    let (saved, fault_text, msg) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap());
    let saved: usize = saved.parse().unwrap();
    println!("full filesystem: {saved} clients saved, then: {fault_text} {msg}");
    assert!(saved > 0, "some clients fit before the disk filled");
    assert_eq!(fault_text, "Some(DiskFull)", "{refused}");
    assert!(msg.contains("disk is full") && msg.contains("Everything saved before is safe"), "{msg}");
    // After space was freed: every saved client, in one unbroken run, and a sound file.
    assert_eq!(line("AFTER "), format!("{saved}|true|true"));
}

// ---- A read-only data file ----------------------------------------------------------------

/// Tells `read_only_child` to act, and where the clinic is.
const READ_ONLY_CHILD_ENV: &str = "REKINDLE_READ_ONLY_CHILD_DIR";
/// The unprivileged account the read-only attempt runs as when the tests run as root.
#[cfg(unix)]
const NOBODY: u32 = 65_534;

/// Signs in and tries to register a client; prints what happened on one `OUTCOME` line.
#[test]
fn read_only_child() {
    let Some(dir) = std::env::var_os(READ_ONLY_CHILD_ENV) else { return };
    println!("OUTCOME {}", attempt_a_write(Path::new(&dir)));
}

/// `saved`, or `<step>|<fault>|<message>` of the first failure, where the step is `sign-in`
/// (signing in is a write too: the audit log records it) or `register`.
fn attempt_a_write(dir: &Path) -> String {
    let failed = |step: &str, e: Error| format!("{step}|{:?}|{e}", e.storage_fault());
    match sign_in(dir) {
        Err(e) => failed("sign-in", e),
        Ok(mut s) => match register(&mut s, "Refused", 0) {
            Ok(_) => "saved".into(),
            Err(e) => failed("register", e),
        },
    }
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
fn chown_all(dir: &Path, uid: u32) {
    std::os::unix::fs::chown(dir, Some(uid), Some(uid)).unwrap();
    for entry in std::fs::read_dir(dir).unwrap() {
        std::os::unix::fs::chown(entry.unwrap().path(), Some(uid), Some(uid)).unwrap();
    }
}

/// The database file is made read-only (mode 0400) and a person tries to sign in and save.
///
/// Root ignores permission bits, and these tests may run as root (they do in the project's
/// container). Then the attempt runs in a child process (this test binary again) that drops to
/// the `nobody` account, which owns the data folder for the duration: the operating system
/// really refuses the writes. Run as an ordinary user, the attempt runs in this process.
#[test]
#[cfg(unix)]
fn a_read_only_data_file_gives_a_plain_message_and_keeps_what_was_saved() {
    let (dir, mut s) = clinic();
    for n in 0..3 {
        register(&mut s, "Kept", n).unwrap();
    }
    let audit_rows = count(&s, "SELECT count(*) FROM audit_log") + 1; // and the sign-out
    s.sign_out(now()).unwrap();
    let db = store::db_path(dir.path());
    set_mode(&db, 0o400);

    let outcome = if running_as_root() {
        use std::os::unix::process::CommandExt;
        chown_all(dir.path(), NOBODY);
        let out = child_command("faults::read_only_child")
            .env(READ_ONLY_CHILD_ENV, dir.path())
            .uid(NOBODY)
            .gid(NOBODY)
            .output()
            .unwrap();
        chown_all(dir.path(), 0);
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let line = stdout.lines().find_map(|l| l.split_once("OUTCOME ").map(|(_, o)| o.to_owned()));
        line.unwrap_or_else(|| {
            panic!("the child as nobody reported nothing: {stdout} {}", String::from_utf8_lossy(&out.stderr))
        })
    } else {
        attempt_a_write(dir.path())
    };
    set_mode(&db, 0o600);
    println!("read-only file (as root: {}): {outcome}", running_as_root());

    let mut parts = outcome.splitn(3, '|');
    let (_step, fault_text, msg) = match (parts.next(), parts.next(), parts.next()) {
        (Some(step), Some(fault), Some(msg)) => (step, fault, msg),
        _ => panic!("the write was not refused: {outcome}"),
    };
    assert_eq!(fault_text, "Some(ReadOnly)", "{outcome}");
    assert!(msg.contains("read-only"), "{msg}");
    assert!(msg.contains("Everything saved before is safe"), "{msg}");
    for word in ["sqlite", "sql", "insert", "refused", &letters(0)] {
        assert!(!msg.to_lowercase().contains(word), "the message {msg:?} contains {word:?}");
    }

    let s = sign_in(dir.path()).unwrap();
    assert_eq!(numbers_present(&s, "Kept"), vec![0, 1, 2], "what was saved before is all there");
    assert!(numbers_present(&s, "Refused").is_empty(), "nothing of the refused action was written");
    // The refused sign-in left no audit entry either; this sign-in added one.
    assert_eq!(count(&s, "SELECT count(*) FROM audit_log"), audit_rows + 1);
    assert_verify_good(&s);
}

/// A file that turns read-only while a session is open, simulated with `PRAGMA query_only`
/// on the session's connection: SQLite then refuses writes with the same `SQLITE_READONLY`
/// result code that a read-only file gives. This proves the message and the rollback of a
/// refused client write mid-session; the file permissions themselves are the test above.
#[test]
fn a_write_refused_as_read_only_mid_session_is_rolled_back() {
    let (dir, mut s) = clinic();
    register(&mut s, "Kept", 0).unwrap();
    s.connection().pragma_update(None, "query_only", "ON").unwrap();
    let err = register(&mut s, "Refused", 0).unwrap_err();
    assert_eq!(fault(&err), StorageFault::ReadOnly, "{err:?}");
    assert!(err.to_string().contains("read-only"), "{err}");
    assert_plain_message(&err, &["Refused", &letters(0)]);
    s.connection().pragma_update(None, "query_only", "OFF").unwrap();
    assert!(numbers_present(&s, "Refused").is_empty());
    register(&mut s, "Kept", 1).unwrap();
    drop(s);
    let s = sign_in(dir.path()).unwrap();
    assert_eq!(numbers_present(&s, "Kept"), vec![0, 1]);
    assert!(numbers_present(&s, "Refused").is_empty());
    assert_verify_good(&s);
}

// ---- The data file held by another program ------------------------------------------------

/// Tells `lock_holder_child` to act, and where the clinic is.
const LOCK_CHILD_ENV: &str = "REKINDLE_LOCK_CHILD_DIR";

/// Signs in, starts an exclusive transaction, half-writes a client in it, says `LOCKED`, and
/// then holds on until it is killed.
#[test]
fn lock_holder_child() {
    let Some(dir) = std::env::var_os(LOCK_CHILD_ENV) else { return };
    let s = sign_in(Path::new(&dir)).unwrap();
    let tx = Transaction::new_unchecked(s.connection(), TransactionBehavior::Exclusive).unwrap();
    people::register_client(&tx, s.actor(), &numbered_client("Halfway", 0), today(), now()).unwrap();
    let mut out = std::io::stdout().lock();
    writeln!(out, "LOCKED").unwrap();
    out.flush().unwrap();
    std::thread::sleep(Duration::from_secs(120));
    panic!("the lock holder was never killed");
}

/// Another process holds an exclusive write transaction for longer than the store's busy
/// timeout (5 s, the real setting): the write waits that long, then is refused with a plain
/// message. The holder is then killed mid-transaction: its half-written client never appears,
/// and the refused action, done again, is saved.
#[test]
fn a_data_file_held_by_another_program_gives_a_plain_message() {
    let (dir, mut s) = clinic();
    for n in 0..3 {
        register(&mut s, "Kept", n).unwrap();
    }

    let mut child = child_command("faults::lock_holder_child").env(LOCK_CHILD_ENV, dir.path()).spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if line.ends_with("LOCKED") {
                let _ = tx.send(());
            }
        }
    });
    if rx.recv_timeout(Duration::from_secs(60)).is_err() {
        let _ = child.kill();
        let out = child.wait_with_output().unwrap();
        panic!("the lock holder never took its lock: {}", String::from_utf8_lossy(&out.stderr));
    }

    let t = Instant::now();
    let err = register(&mut s, "Blocked", 0).unwrap_err();
    let waited = t.elapsed();
    assert_eq!(fault(&err), StorageFault::InUse, "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("in use by another program"), "{msg}");
    assert!(msg.contains("Nothing was changed"), "{msg}");
    assert_plain_message(&err, &["Blocked", "Halfway", &letters(0)]);
    assert!(waited >= Duration::from_secs(4), "it gave up after {waited:?}, before the busy timeout");

    child.kill().unwrap();
    let _ = child.wait_with_output().unwrap();
    reader.join().unwrap();

    assert!(numbers_present(&s, "Blocked").is_empty(), "the refused action wrote nothing");
    assert!(numbers_present(&s, "Halfway").is_empty(), "the killed holder's transaction never shows");
    register(&mut s, "Blocked", 0).unwrap();
    drop(s);
    let s = sign_in(dir.path()).unwrap();
    assert_eq!(numbers_present(&s, "Kept"), vec![0, 1, 2]);
    assert_eq!(numbers_present(&s, "Blocked"), vec![0]);
    assert!(numbers_present(&s, "Halfway").is_empty());
    assert_verify_good(&s);
    println!("held file: the write waited {waited:?} and was refused with a plain message");
}

// ---- A damaged data file ------------------------------------------------------------------

fn assert_damaged_message(e: &Error) {
    let msg = e.to_string();
    assert!(matches!(fault(e), StorageFault::Damaged) || matches!(e, Error::WrongKey), "{e:?}");
    assert!(msg.contains("damaged"), "{msg}");
    assert_plain_message(e, &["Kept"]);
}

/// Bytes in the middle of the database file are overwritten (as a failing disk or a stray
/// program might). `store::verify` reports it, reads report it in plain words, signing in
/// again either works (the damage is away from what sign-in reads) or says the file is
/// damaged, and nothing panics.
#[test]
fn a_damaged_data_file_is_reported_plainly() {
    let (dir, mut s) = clinic();
    // Enough clients that most of the file is client rows.
    s.write(|tx, actor| {
        for n in 0..400 {
            people::register_client(tx, actor, &numbered_client("Kept", n), today(), now())?;
        }
        Ok(())
    })
    .unwrap();
    s.connection().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    assert_verify_good(&s);

    let db = store::db_path(dir.path());
    let len = std::fs::metadata(&db).unwrap().len();
    let page: u64 = 4096;
    let middle = (len / page / 2) * page + 1024;
    assert!(len / page > 10, "the file is only {len} bytes");
    let mut f = std::fs::OpenOptions::new().write(true).open(&db).unwrap();
    f.seek(SeekFrom::Start(middle)).unwrap();
    f.write_all(&[0xA5; 64]).unwrap();
    f.sync_all().unwrap();
    drop(f);
    // The open session forgets the pages it has cached, so that it reads the file again.
    s.connection().execute_batch("PRAGMA shrink_memory").unwrap();

    match store::verify(s.connection()) {
        Ok(report) => {
            assert!(!report.is_good(), "verify did not notice the damage: {report:?}");
            println!("damaged file: verify reports {report:?}");
        }
        Err(e) => {
            assert_damaged_message(&e);
            println!("damaged file: verify reports {e}");
        }
    }
    match s.read(|conn, actor| people::list_clients(conn, actor, true)) {
        Ok(list) => println!("damaged file: listing clients still read {} rows", list.len()),
        Err(e) => {
            assert_damaged_message(&e);
            println!("damaged file: listing clients says {e}");
        }
    }
    drop(s);

    match sign_in(dir.path()) {
        Err(e) => {
            assert_damaged_message(&e);
            println!("damaged file: signing in says {e}");
        }
        Ok(s) => {
            match store::verify(s.connection()) {
                Ok(report) => assert!(!report.is_good(), "verify after signing in: {report:?}"),
                Err(e) => assert_damaged_message(&e),
            }
            println!("damaged file: signing in still works; verify reports the damage");
        }
    }
}
