//! One instance per data folder: the built app binary is launched for real, on a private X
//! display (Xvfb) and, where the test needs one, a private D-Bus session bus (`dbus-daemon`), so
//! nothing depends on the desktop or CI session the tests run in.
//!
//! - A second launch on the same data folder hands over to the first (which says so on stderr
//!   and brings its window forward) and exits with success, while the first keeps running. A
//!   launch on another folder (another clinic's database, or another test's folder) starts a
//!   window of its own.
//! - With no session bus at all (as under `xvfb-run` in CI) the app still starts; a second
//!   launch then opens a second window, and SQLite's file locks keep the one database safe.
//!
//! "Up" is seen from the display: a top-level window titled "Rekindle" exists once the app is
//! past its setup (the single-instance check runs before any window is made).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

const APP: &str = env!("CARGO_BIN_EXE_rekindle");
const BROUGHT_FORWARD: &str = "another launch: bringing the window forward";
/// A debug build on a busy two-core machine can take a while to map its first window.
const START_TIMEOUT: Duration = Duration::from_secs(120);

/// A child process ended (killed if still running) when dropped.
struct Proc {
    child: Child,
}

impl Proc {
    fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        if self.running() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// A private Xvfb on a display number it chooses itself (`-displayfd`).
fn start_xvfb() -> (Proc, String) {
    let mut child = Command::new("Xvfb")
        .args(["-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("this test needs Xvfb (scripts/install-deps.sh installs it)");
    let mut out = child.stdout.take().expect("Xvfb's stdout");
    let proc = Proc { child };
    let mut number = String::new();
    let mut byte = [0u8; 1];
    while out.read(&mut byte).map(|n| n == 1).unwrap_or(false) && byte[0] != b'\n' {
        number.push(char::from(byte[0]));
    }
    assert!(!number.trim().is_empty(), "Xvfb did not say which display it took");
    (proc, format!(":{}", number.trim()))
}

/// A private session bus listening on a socket in `dir`; gives its address.
fn start_bus(dir: &Path) -> (Proc, String) {
    let socket = dir.join("bus");
    let mut child = Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--nopidfile", "--print-address=1"])
        .arg(format!("--address=unix:path={}", socket.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("this test needs dbus-daemon (scripts/install-deps.sh installs it)");
    let out = child.stdout.take().expect("dbus-daemon's stdout");
    let proc = Proc { child };
    let mut address = String::new();
    BufReader::new(out).read_line(&mut address).expect("reading the bus address");
    assert!(address.starts_with("unix:"), "dbus-daemon gave no address: {address:?}");
    (proc, address.trim().to_owned())
}

/// How the app is started: which display, which bus (or none), which data folder.
struct Env {
    display: String,
    /// `Some(address)`: that bus. `None`: no bus at all (no address, an empty runtime folder).
    bus: Option<String>,
    runtime_dir: PathBuf,
}

/// The app, with its stderr lines arriving on a channel.
struct App {
    proc: Proc,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl App {
    fn launch(env: &Env, data_dir: &Path) -> App {
        let mut cmd = Command::new(APP);
        cmd.env("DISPLAY", &env.display)
            .env_remove("WAYLAND_DISPLAY")
            .env("XDG_RUNTIME_DIR", &env.runtime_dir)
            .env("REKINDLE_DATA_DIR", data_dir)
            .env("NO_AT_BRIDGE", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        match &env.bus {
            Some(address) => cmd.env("DBUS_SESSION_BUS_ADDRESS", address),
            None => cmd.env_remove("DBUS_SESSION_BUS_ADDRESS"),
        };
        let mut child = cmd.spawn().expect("starting the app binary");
        let stderr = child.stderr.take().expect("the app's stderr");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        App { proc: Proc { child }, lines: rx, seen: Vec::new() }
    }

    /// Waits up to `timeout` for a stderr line containing `text`.
    fn wait_line(&mut self, text: &str, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            if self.seen.iter().any(|l| l.contains(text)) {
                return true;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            if let Ok(line) = self.lines.recv_timeout(left.min(Duration::from_millis(200))) {
                self.seen.push(line);
            }
        }
    }

    fn stderr(&mut self) -> String {
        while let Ok(line) = self.lines.try_recv() {
            self.seen.push(line);
        }
        self.seen.join("\n")
    }
}

/// Top-level windows titled "Rekindle" on `display`.
fn rekindle_windows(display: &str) -> usize {
    let out = Command::new("xwininfo")
        .args(["-root", "-children", "-display", display])
        .output()
        .expect("this test needs xwininfo (x11-utils)");
    String::from_utf8_lossy(&out.stdout).lines().filter(|l| l.contains("\"Rekindle\"")).count()
}

/// Waits until more than `before` Rekindle windows are on the display, while `app` runs.
fn wait_for_window(env: &Env, app: &mut App, before: usize, what: &str) -> usize {
    let deadline = Instant::now() + START_TIMEOUT;
    loop {
        let now = rekindle_windows(&env.display);
        if now > before {
            return now;
        }
        if !app.proc.running() {
            panic!("{what} exited before its window appeared; its stderr:\n{}", app.stderr());
        }
        if Instant::now() > deadline {
            panic!("{what} showed no window within {START_TIMEOUT:?}; its stderr:\n{}", app.stderr());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_second_launch_on_the_same_folder_brings_the_first_window_forward_and_exits() {
    let tmp = tempfile::tempdir().unwrap();
    let runtime_dir = tmp.path().join("runtime");
    std::fs::create_dir_all(&runtime_dir).unwrap();
    let (_xvfb, display) = start_xvfb();
    let (_bus, address) = start_bus(tmp.path());
    let env = Env { display, bus: Some(address), runtime_dir };
    let clinic = tmp.path().join("clinic");
    let other_clinic = tmp.path().join("other-clinic");

    let mut first = App::launch(&env, &clinic);
    let windows = wait_for_window(&env, &mut first, 0, "the first launch");

    let started = Instant::now();
    let mut second = App::launch(&env, &clinic);
    let status = second.proc.wait_exit(Duration::from_secs(30));
    let took = started.elapsed();
    let second_err = second.stderr();
    let Some(status) = status else {
        panic!("the second launch on the same folder was still running after 30 s; its stderr:\n{second_err}");
    };
    assert!(status.success(), "the second launch exited with {status}; its stderr:\n{second_err}");
    assert!(took < Duration::from_secs(20), "the second launch took {took:?} to hand over");
    assert!(first.proc.running(), "the first launch ended; its stderr:\n{}", first.stderr());
    assert!(
        first.wait_line(BROUGHT_FORWARD, Duration::from_secs(10)),
        "the first launch was not asked to come forward; its stderr:\n{}",
        first.stderr()
    );
    assert!(!second_err.contains(BROUGHT_FORWARD), "the second launch is the one that hands over");

    // Another data folder is another clinic's database: it gets its own window.
    let mut other = App::launch(&env, &other_clinic);
    wait_for_window(&env, &mut other, windows, "a launch on another folder");
    assert!(other.proc.running(), "the launch on another folder must keep running");
    assert!(first.proc.running(), "the first launch must keep running");
    assert!(!other.stderr().contains(BROUGHT_FORWARD));
    println!("second launch handed over and exited in {took:?}");
}

#[test]
fn without_a_session_bus_the_app_still_starts() {
    let tmp = tempfile::tempdir().unwrap();
    // No bus address and an empty runtime folder: where the plugin would look, nothing listens.
    let runtime_dir = tmp.path().join("runtime");
    std::fs::create_dir_all(&runtime_dir).unwrap();
    let (_xvfb, display) = start_xvfb();
    let env = Env { display, bus: None, runtime_dir };
    let clinic = tmp.path().join("clinic");

    let mut first = App::launch(&env, &clinic);
    let windows = wait_for_window(&env, &mut first, 0, "the first launch without a bus");
    // Without a bus nothing can find the running instance: the second launch starts too.
    let mut second = App::launch(&env, &clinic);
    wait_for_window(&env, &mut second, windows, "the second launch without a bus");
    assert!(first.proc.running(), "the first launch ended; its stderr:\n{}", first.stderr());
    assert!(second.proc.running(), "the second launch ended; its stderr:\n{}", second.stderr());
    assert!(!first.stderr().contains(BROUGHT_FORWARD));
}
