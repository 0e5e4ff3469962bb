//! The end-to-end harness: the real Rekindle window, driven through `tauri-driver` and
//! `WebKitWebDriver`, exactly as a person would use it.
//!
//! What belongs where:
//! - This file (`tests/src/lib.rs`) is the *harness* only: starting and stopping the app
//!   ([`AppWindow::launch`], [`AppWindow::close`], [`AppWindow::relaunch`]), a fresh data folder per
//!   test ([`Profile`]), and small, generic verbs on the window (find by test id, click, type,
//!   wait, read text, screenshot, call a Rust command through the real IPC). It knows nothing about
//!   Rekindle's screens. It is library code: no `unwrap`/`expect`/`panic`; every failure is an
//!   [`E2eError`] whose message says what was being attempted.
//! - `tests/e2e/main.rs` is the single test binary. It declares one module per area of the app
//!   (`foundation`, later `intake`, `planning`, ...) plus `flows`, the journeys several areas share
//!   (set up the clinic, sign in, add an account). Screen knowledge (test ids, wording) lives there.
//! - Selectors are only ever `[data-testid="..."]`. Waits always poll with a timeout; the only
//!   fixed pause is the two animation frames before a screenshot.
//!
//! Environment:
//! - `REKINDLE_APP_BINARY`: the app under test (default `<workspace>/target/debug/rekindle`,
//!   which must be built with the UI embedded: `--features custom-protocol`).
//! - `TAURI_DRIVER`: the `tauri-driver` binary (default: on `PATH`, then `~/.cargo/bin`).
//! - `REKINDLE_E2E_SHOTS`: where screenshots go (default `<target dir>/e2e-shots`).
//! - `REKINDLE_E2E_TIMEOUT_SECS`: the default wait (default 20 s; raise it on slow machines).
//! - The app is given `REKINDLE_DATA_DIR` (the profile's data folder) and `REKINDLE_TEST_SAVE_DIR`
//!   (debug builds answer the native save dialog with a file in that folder; `REKINDLE_TEST_EXPORT_DIR`,
//!   the same folder, answers the export's folder dialog) via `tauri-driver`, whose environment
//!   the app inherits.

use std::fmt;
use std::fs;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

/// A harness failure, with a message that says which step failed and why.
#[derive(Debug, Clone)]
pub struct E2eError(pub String);

impl fmt::Display for E2eError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for E2eError {}

pub type Result<T, E = E2eError> = std::result::Result<T, E>;

fn err<T>(msg: impl Into<String>) -> Result<T> {
    Err(E2eError(msg.into()))
}

/// Adds "what we were doing" to any error.
trait Context<T> {
    fn ctx(self, what: impl FnOnce() -> String) -> Result<T>;
}

impl<T, E: fmt::Display> Context<T> for std::result::Result<T, E> {
    fn ctx(self, what: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|e| E2eError(format!("{}: {e}", what())))
    }
}

/// The default time to wait for something to appear.
pub fn default_timeout() -> Duration {
    let secs = std::env::var("REKINDLE_E2E_TIMEOUT_SECS").ok().and_then(|s| s.parse::<u64>().ok()).unwrap_or(20);
    Duration::from_secs(secs)
}

const POLL: Duration = Duration::from_millis(100);

/// The workspace root (the parent of this crate).
pub fn workspace_dir() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent().map(Path::to_path_buf).unwrap_or_else(|| here.to_path_buf())
}

/// The app binary under test; fails with instructions if it is missing.
pub fn app_binary() -> Result<PathBuf> {
    let path = match std::env::var_os("REKINDLE_APP_BINARY") {
        Some(p) => PathBuf::from(p),
        None => workspace_dir().join("target").join("debug").join("rekindle"),
    };
    if !path.is_file() {
        return err(format!(
            "the Rekindle binary is missing at {}. Build it first with the UI embedded \
             (`npm --prefix ui run build`, then `cargo build -p rekindle --features custom-protocol`), \
             or point REKINDLE_APP_BINARY at it.",
            path.display()
        ));
    }
    path.canonicalize().ctx(|| format!("resolving {}", path.display()))
}

/// The `tauri-driver` binary; fails with instructions if it cannot be found.
pub fn tauri_driver_binary() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        let p = PathBuf::from(p);
        return if p.is_file() {
            Ok(p)
        } else {
            err(format!("TAURI_DRIVER points at {}, which does not exist", p.display()))
        };
    }
    let mut candidates: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).map(|d| d.join("tauri-driver")).collect())
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("HOME") {
        candidates.push(PathBuf::from(home).join(".cargo/bin/tauri-driver"));
    }
    match candidates.into_iter().find(|c| c.is_file()) {
        Some(p) => Ok(p),
        None => err("tauri-driver was not found on PATH or in ~/.cargo/bin. Install it with \
             `cargo install tauri-driver --locked` (it also needs WebKitWebDriver: \
             the `webkit2gtk-driver` package on Debian/Ubuntu), or set TAURI_DRIVER."),
    }
}

/// Where screenshots are written.
pub fn shots_dir() -> PathBuf {
    if let Some(p) = std::env::var_os("REKINDLE_E2E_SHOTS") {
        return PathBuf::from(p);
    }
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| workspace_dir().join("target"));
    target.join("e2e-shots")
}

/// One test's own world: a fresh data folder (the encrypted database) and a folder that stands
/// in for wherever the user saves files. Removed when dropped. Relaunching the app with the same
/// profile is "close the app and open it again" on the same computer.
pub struct Profile {
    name: String,
    root: tempfile::TempDir,
    /// Screenshot numbering, shared by every launch on this profile.
    shots: std::sync::Arc<std::sync::atomic::AtomicU32>,
}

impl Profile {
    /// `name` labels screenshots and logs (use the test's name).
    pub fn new(name: &str) -> Result<Self> {
        let root = tempfile::Builder::new()
            .prefix(&format!("rekindle-e2e-{name}-"))
            .tempdir()
            .ctx(|| "creating a temp dir".into())?;
        let profile = Profile { name: name.to_owned(), root, shots: Default::default() };
        fs::create_dir_all(profile.data_dir()).ctx(|| "creating the data dir".into())?;
        fs::create_dir_all(profile.save_dir()).ctx(|| "creating the save dir".into())?;
        Ok(profile)
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Given to the app as `REKINDLE_DATA_DIR`.
    pub fn data_dir(&self) -> PathBuf {
        self.root.path().join("data")
    }

    /// Given to the app as `REKINDLE_TEST_SAVE_DIR`: the save dialog "chooses" a file here.
    pub fn save_dir(&self) -> PathBuf {
        self.root.path().join("saved")
    }

    fn log_path(&self, launch: u32) -> PathBuf {
        self.root.path().join(format!("tauri-driver-{launch}.log"))
    }
}

/// A `tauri-driver` process (and, below it, WebKitWebDriver and the app) in its own process
/// group, so that all of them can be ended together, by group id, and only them.
struct DriverProcess {
    child: Child,
    log: PathBuf,
}

impl DriverProcess {
    fn pgid(&self) -> String {
        format!("-{}", self.child.id())
    }

    fn signal_group(&self, signal: &str) {
        let _ = Command::new("kill")
            .args([signal, "--", &self.pgid()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }

    fn group_alive(&self) -> bool {
        Command::new("kill")
            .args(["-0", "--", &self.pgid()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    }

    /// Ends the whole group: politely first, then firmly. Waits until every member has gone, so
    /// a relaunch never meets the previous app still holding the database.
    fn stop(&mut self, grace: Duration) {
        self.signal_group("-TERM");
        let start = Instant::now();
        loop {
            let _ = self.child.try_wait(); // reap tauri-driver itself
            if !self.group_alive() {
                return;
            }
            if start.elapsed() > grace {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        self.signal_group("-KILL");
        let _ = self.child.wait();
        let start = Instant::now();
        while self.group_alive() && start.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn log_tail(&self) -> String {
        let text = fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        let from = lines.len().saturating_sub(30);
        format!("--- last lines of {} ---\n{}", self.log.display(), lines[from..].join("\n"))
    }
}

impl Drop for DriverProcess {
    fn drop(&mut self) {
        self.stop(Duration::from_secs(3));
    }
}

fn free_port() -> Result<u16> {
    let l = TcpListener::bind("127.0.0.1:0").ctx(|| "finding a free port".into())?;
    Ok(l.local_addr().ctx(|| "reading a port".into())?.port())
}

/// A plain HTTP GET of `/status`; true when it answers 200.
fn status_ok(port: u16) -> bool {
    let Ok(mut s) = TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_millis(500)) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    if s.write_all(b"GET /status HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").is_err() {
        return false;
    }
    let mut buf = [0u8; 64];
    match s.read(&mut buf) {
        Ok(n) => String::from_utf8_lossy(&buf[..n]).contains(" 200"),
        Err(_) => false,
    }
}

/// How a command sent through the real IPC ended.
pub type Invoked = std::result::Result<Value, Value>;

/// The Rekindle window, driven over WebDriver.
pub struct AppWindow {
    client: Option<Client>,
    driver: DriverProcess,
    name: String,
    launched_at: Instant,
    session_ready_at: Instant,
    shots: std::sync::Arc<std::sync::atomic::AtomicU32>,
}

static LAUNCHES: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

impl AppWindow {
    /// Starts `tauri-driver` and opens a session, which starts the app with the profile's folders.
    pub async fn launch(profile: &Profile) -> Result<AppWindow> {
        let launched_at = Instant::now();
        let app = app_binary()?;
        let driver_bin = tauri_driver_binary()?;
        let port = free_port()?;
        let mut native_port = free_port()?;
        while native_port == port {
            native_port = free_port()?;
        }
        let n = LAUNCHES.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let log = profile.log_path(n);
        let out = fs::File::create(&log).ctx(|| format!("creating {}", log.display()))?;
        let out2 = out.try_clone().ctx(|| "cloning a log handle".into())?;
        let child = Command::new(&driver_bin)
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("REKINDLE_DATA_DIR", profile.data_dir())
            .env("REKINDLE_TEST_SAVE_DIR", profile.save_dir())
            .env("REKINDLE_TEST_EXPORT_DIR", profile.save_dir())
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(out2)
            .process_group(0)
            .spawn()
            .ctx(|| format!("starting {}", driver_bin.display()))?;
        let mut driver = DriverProcess { child, log };

        // Wait for tauri-driver to answer.
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(Some(status)) = driver.child.try_wait() {
                return err(format!("tauri-driver exited early ({status})\n{}", driver.log_tail()));
            }
            if status_ok(port) {
                break;
            }
            if Instant::now() > deadline {
                return err(format!("tauri-driver did not answer on port {port} within 30 s\n{}", driver.log_tail()));
            }
            tokio::time::sleep(POLL).await;
        }

        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("wry"));
        caps.insert("tauri:options".into(), json!({ "application": app.display().to_string() }));
        let connect = ClientBuilder::native().capabilities(caps).connect(&format!("http://127.0.0.1:{port}")).await;
        let client = match connect {
            Ok(c) => c,
            Err(e) => return err(format!("could not open a WebDriver session on the app: {e}\n{}", driver.log_tail())),
        };
        Ok(AppWindow {
            client: Some(client),
            driver,
            name: profile.name().to_owned(),
            launched_at,
            session_ready_at: Instant::now(),
            shots: profile.shots.clone(),
        })
    }

    /// When `launch` was called (for start-up timings).
    pub fn launched_at(&self) -> Instant {
        self.launched_at
    }

    /// When the WebDriver session (and so the app's process) was up.
    pub fn session_ready_at(&self) -> Instant {
        self.session_ready_at
    }

    /// Ends the session (which closes the app) and stops the driver processes.
    pub async fn close(mut self) -> Result<()> {
        let closed = match self.client.take() {
            Some(c) => c.close().await.ctx(|| "ending the WebDriver session".into()),
            None => Ok(()),
        };
        let _ = tokio::task::spawn_blocking(move || {
            self.driver.stop(Duration::from_secs(10));
        })
        .await;
        closed
    }

    /// Closes the app and opens it again on the same profile.
    pub async fn relaunch(self, profile: &Profile) -> Result<AppWindow> {
        self.close().await?;
        AppWindow::launch(profile).await
    }

    fn client(&self) -> Result<&Client> {
        match &self.client {
            Some(c) => Ok(c),
            None => err("the WebDriver session is already closed"),
        }
    }

    /// The CSS selector for a test id.
    pub fn selector(testid: &str) -> String {
        format!("[data-testid=\"{testid}\"]")
    }

    /// Every element with this test id, displayed or not, in document order.
    pub async fn all_by_test_id(&self, testid: &str) -> Result<Vec<Element>> {
        let sel = Self::selector(testid);
        self.client()?.find_all(Locator::Css(&sel)).await.ctx(|| format!("finding {sel}"))
    }

    /// The displayed elements with this test id.
    pub async fn visible_by_test_id(&self, testid: &str) -> Result<Vec<Element>> {
        let mut shown = Vec::new();
        for e in self.all_by_test_id(testid).await? {
            if e.is_displayed().await.unwrap_or(false) {
                shown.push(e);
            }
        }
        Ok(shown)
    }

    /// The first displayed element with this test id, now (no waiting).
    pub async fn by_test_id(&self, testid: &str) -> Result<Element> {
        match self.visible_by_test_id(testid).await?.into_iter().next() {
            Some(e) => Ok(e),
            None => err(format!("{} is not on screen", Self::selector(testid))),
        }
    }

    /// Whether an element with this test id is on screen now.
    pub async fn is_present(&self, testid: &str) -> Result<bool> {
        Ok(!self.visible_by_test_id(testid).await?.is_empty())
    }

    /// Polls `probe` until it yields a value or `timeout` passes. Errors from the probe count as
    /// "not yet" (the page may be re-rendering) and the last one is quoted on timeout. On timeout
    /// a screenshot is saved and its path is part of the message.
    pub async fn wait_until<T>(
        &self,
        what: &str,
        timeout: Duration,
        mut probe: impl AsyncFnMut() -> Result<Option<T>>,
    ) -> Result<T> {
        let start = Instant::now();
        let mut last_err: Option<String> = None;
        loop {
            match probe().await {
                Ok(Some(v)) => return Ok(v),
                Ok(None) => {}
                Err(e) => last_err = Some(e.0),
            }
            if start.elapsed() > timeout {
                let shot = match self.screenshot(&format!("FAILED-{}", sanitize(what))).await {
                    Ok(p) => format!(" (screenshot: {})", p.display()),
                    Err(e) => format!(" (no screenshot: {e})"),
                };
                let last = last_err.map(|e| format!("; last error: {e}")).unwrap_or_default();
                return err(format!("timed out after {:.0?} waiting for {what}{last}{shot}", timeout));
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until an element with this test id is displayed.
    pub async fn wait_for(&self, testid: &str, timeout: Duration) -> Result<Element> {
        self.wait_until(&format!("{} to be shown", Self::selector(testid)), timeout, async || {
            Ok(self.visible_by_test_id(testid).await?.into_iter().next())
        })
        .await
    }

    /// Waits until no element with this test id is displayed.
    pub async fn wait_gone(&self, testid: &str, timeout: Duration) -> Result<()> {
        self.wait_until(&format!("{} to go away", Self::selector(testid)), timeout, async || {
            Ok(self.visible_by_test_id(testid).await?.is_empty().then_some(()))
        })
        .await
    }

    /// Waits until a displayed element with this test id shows text containing `needle`;
    /// returns that element's whole text.
    pub async fn wait_for_text(&self, testid: &str, needle: &str, timeout: Duration) -> Result<String> {
        self.wait_until(&format!("{} to show {needle:?}", Self::selector(testid)), timeout, async || {
            for e in self.visible_by_test_id(testid).await? {
                let t = e.text().await.ctx(|| "reading text".into())?;
                if t.contains(needle) {
                    return Ok(Some(t));
                }
            }
            Ok(None)
        })
        .await
    }

    /// The visible text of the first displayed element with this test id (waits for it).
    pub async fn text_of(&self, testid: &str) -> Result<String> {
        let e = self.wait_for(testid, default_timeout()).await?;
        e.text().await.ctx(|| format!("reading the text of {}", Self::selector(testid)))
    }

    /// The visible texts of all displayed elements with this test id (no waiting).
    pub async fn texts_of(&self, testid: &str) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for e in self.visible_by_test_id(testid).await? {
            out.push(e.text().await.ctx(|| format!("reading the text of {}", Self::selector(testid)))?);
        }
        Ok(out)
    }

    /// A DOM property of the first displayed element with this test id (e.g. "value").
    pub async fn prop_of(&self, testid: &str, prop: &str) -> Result<Option<String>> {
        let e = self.wait_for(testid, default_timeout()).await?;
        e.prop(prop).await.ctx(|| format!("reading {prop} of {}", Self::selector(testid)))
    }

    /// Whether the (displayed) element is enabled.
    pub async fn is_enabled(&self, testid: &str) -> Result<bool> {
        let e = self.wait_for(testid, default_timeout()).await?;
        e.is_enabled().await.ctx(|| format!("reading whether {} is enabled", Self::selector(testid)))
    }

    /// Clicks the element once it is shown and enabled. Retries while something (an animation,
    /// a re-render) gets in the way, until the timeout.
    pub async fn click(&self, testid: &str) -> Result<()> {
        self.wait_until(&format!("{} to be clickable", Self::selector(testid)), default_timeout(), async || {
            let Some(e) = self.visible_by_test_id(testid).await?.into_iter().next() else { return Ok(None) };
            if !e.is_enabled().await.ctx(|| "reading enabled".into())? {
                return Ok(None);
            }
            e.click().await.ctx(|| format!("clicking {}", Self::selector(testid)))?;
            Ok(Some(()))
        })
        .await
    }

    /// Types into a field as a person does: clear it, then send the keys. Checks the field then
    /// holds exactly `text` (so a dropped key fails here, not three steps later).
    pub async fn type_into(&self, testid: &str, text: &str) -> Result<()> {
        let sel = Self::selector(testid);
        let e = self.wait_for(testid, default_timeout()).await?;
        e.clear().await.ctx(|| format!("clearing {sel}"))?;
        if text.is_empty() {
            // Clearing does not fire `input`; tell the page the field is now empty.
            self.client()?
                .execute("arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", vec![element_arg(&e)?])
                .await
                .ctx(|| format!("signalling input on {sel}"))?;
        } else {
            // A line break is the Enter key in WebDriver's key codes.
            let keys = text.replace('\n', "\u{E007}");
            e.send_keys(&keys).await.ctx(|| format!("typing into {sel}"))?;
        }
        let now = e.prop("value").await.ctx(|| format!("reading back {sel}"))?.unwrap_or_default();
        if now != text {
            return err(format!("typed {text:?} into {sel} but it holds {now:?}"));
        }
        Ok(())
    }

    /// Sets a field's value through the DOM and fires `input` and `change`, for inputs WebDriver
    /// cannot type into reliably (WebKit's `<input type="date">`, whose segments depend on the
    /// locale) and for very long text (10,000 key events take minutes). Svelte's `bind:value`
    /// sees exactly what it sees when a person edits the field.
    pub async fn set_value(&self, testid: &str, value: &str) -> Result<()> {
        let sel = Self::selector(testid);
        let e = self.wait_for(testid, default_timeout()).await?;
        let script = r#"
            const el = arguments[0], v = arguments[1];
            const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype
                : el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
            Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, v);
            el.dispatchEvent(new Event('input', { bubbles: true }));
            el.dispatchEvent(new Event('change', { bubbles: true }));
            return el.value;
        "#;
        let got = self
            .client()?
            .execute(script, vec![element_arg(&e)?, json!(value)])
            .await
            .ctx(|| format!("setting {sel}"))?;
        if got.as_str() != Some(value) {
            return err(format!("set {sel} to {value:?} but it holds {got}"));
        }
        Ok(())
    }

    /// Inserts text at the end of a field the way an emoji picker, an input method or a paste
    /// does (one `insertText` edit, which fires `input`), for characters WebDriver cannot send as
    /// key presses: WebKitWebDriver silently drops characters outside the Basic Multilingual Plane,
    /// such as emoji. Checks the field then ends with `text`.
    pub async fn insert_text(&self, testid: &str, text: &str) -> Result<()> {
        let sel = Self::selector(testid);
        let e = self.wait_for(testid, default_timeout()).await?;
        let script = r#"
            const el = arguments[0], t = arguments[1];
            el.focus();
            el.setSelectionRange(el.value.length, el.value.length);
            document.execCommand('insertText', false, t);
            return el.value;
        "#;
        let got = self
            .client()?
            .execute(script, vec![element_arg(&e)?, json!(text)])
            .await
            .ctx(|| format!("inserting into {sel}"))?;
        if !got.as_str().is_some_and(|v| v.ends_with(text)) {
            return err(format!("inserted {text:?} into {sel} but it holds {got}"));
        }
        Ok(())
    }

    /// Chooses an option of a `<select>` by its value, by clicking the option as a person does.
    pub async fn select_option(&self, testid: &str, value: &str) -> Result<()> {
        let sel = Self::selector(testid);
        let e = self.wait_for(testid, default_timeout()).await?;
        e.select_by_value(value).await.ctx(|| format!("choosing {value:?} in {sel}"))?;
        let now = e.prop("value").await.ctx(|| format!("reading back {sel}"))?.unwrap_or_default();
        if now != value {
            return err(format!("chose {value:?} in {sel} but it holds {now:?}"));
        }
        Ok(())
    }

    /// Ticks or unticks a checkbox (by clicking it, if it is not already as wanted).
    pub async fn set_checked(&self, testid: &str, checked: bool) -> Result<()> {
        let sel = Self::selector(testid);
        let e = self.wait_for(testid, default_timeout()).await?;
        if e.is_selected().await.ctx(|| format!("reading {sel}"))? != checked {
            e.click().await.ctx(|| format!("clicking {sel}"))?;
        }
        if e.is_selected().await.ctx(|| format!("reading {sel}"))? != checked {
            return err(format!("{sel} did not become {}", if checked { "ticked" } else { "unticked" }));
        }
        Ok(())
    }

    /// An attribute (e.g. "data-state") of the first displayed element with this test id (waits for it).
    pub async fn attr_of(&self, testid: &str, name: &str) -> Result<Option<String>> {
        let e = self.wait_for(testid, default_timeout()).await?;
        e.attr(name).await.ctx(|| format!("reading {name} of {}", Self::selector(testid)))
    }

    /// For every displayed element with this test id, in document order: the value of attribute
    /// `name` (empty if absent) and the texts of the displayed elements with test id `child`
    /// inside it (no waiting).
    pub async fn attr_and_child_texts(
        &self,
        testid: &str,
        name: &str,
        child: &str,
    ) -> Result<Vec<(String, Vec<String>)>> {
        let mut out = Vec::new();
        let child_sel = Self::selector(child);
        for e in self.visible_by_test_id(testid).await? {
            let value = e.attr(name).await.ctx(|| format!("reading {name} of {}", Self::selector(testid)))?;
            let mut texts = Vec::new();
            for c in e.find_all(Locator::Css(&child_sel)).await.ctx(|| format!("finding {child_sel}"))? {
                if c.is_displayed().await.unwrap_or(false) {
                    texts.push(c.text().await.ctx(|| format!("reading the text of {child_sel}"))?);
                }
            }
            out.push((value.unwrap_or_default(), texts));
        }
        Ok(out)
    }

    /// Scrolls the page so that the first displayed element with this test id is at the top of
    /// the window (for a screenshot of part of a long page).
    pub async fn scroll_into_view(&self, testid: &str) -> Result<()> {
        let e = self.wait_for(testid, default_timeout()).await?;
        self.client()?
            .execute("arguments[0].scrollIntoView({ block: 'start' });", vec![element_arg(&e)?])
            .await
            .ctx(|| format!("scrolling to {}", Self::selector(testid)))?;
        Ok(())
    }

    /// Presses a key (a WebDriver key code such as `"\u{E00C}"` for Escape) on whatever has the
    /// focus, as a person pressing it on the keyboard does.
    pub async fn press_key(&self, key: &str) -> Result<()> {
        let c = self.client()?;
        let focused = c.active_element().await.ctx(|| "finding the focused element".into())?;
        focused.send_keys(key).await.ctx(|| format!("pressing {key:?}"))
    }

    /// For when the app closes its own window (e.g. a script asks it to, as the title bar's close
    /// button does): waits until the app's process has exited by itself, then stops the driver.
    /// Fails (after stopping everything) if the app is still running after `timeout`.
    pub async fn wait_for_app_exit(mut self, timeout: Duration) -> Result<()> {
        let app = app_binary()?;
        let pgid = self.driver.child.id();
        let start = Instant::now();
        let mut exited = false;
        while start.elapsed() < timeout {
            if !group_runs(pgid, &app) {
                exited = true;
                break;
            }
            tokio::time::sleep(POLL).await;
        }
        // The session's window is gone; ending it may fail, which is expected here.
        if let Some(c) = self.client.take() {
            let _ = tokio::time::timeout(Duration::from_secs(5), c.close()).await;
        }
        let _ = tokio::task::spawn_blocking(move || {
            self.driver.stop(Duration::from_secs(10));
        })
        .await;
        if exited {
            Ok(())
        } else {
            err(format!(
                "the app ({}) was still running {timeout:?} after its window was asked to close",
                app.display()
            ))
        }
    }

    /// Runs `window.__TAURI_INTERNALS__.invoke(cmd, args)` in the window, through the real IPC
    /// and the real Rust command. `Ok(Ok(value))` when it resolved, `Ok(Err(error))` when it
    /// rejected (Rust's `CommandError` JSON), `Err` when the harness itself failed.
    pub async fn invoke_raw(&self, cmd: &str, args: Value) -> Result<Invoked> {
        let script = r#"
            const cmd = arguments[0], args = arguments[1], done = arguments[arguments.length - 1];
            try {
                window.__TAURI_INTERNALS__.invoke(cmd, args).then(
                    (v) => done({ ok: v === undefined ? null : v }),
                    (e) => done({ err: e instanceof Error ? { jsError: String(e) } : (e === undefined ? null : e) }));
            } catch (e) {
                done({ err: { jsError: String(e) } });
            }
        "#;
        let out =
            self.client()?.execute_async(script, vec![json!(cmd), args]).await.ctx(|| format!("invoking {cmd}"))?;
        match out {
            Value::Object(mut m) => {
                if let Some(v) = m.remove("ok") {
                    Ok(Ok(v))
                } else if let Some(e) = m.remove("err") {
                    Ok(Err(e))
                } else {
                    err(format!("invoking {cmd}: unexpected reply {m:?}"))
                }
            }
            other => err(format!("invoking {cmd}: unexpected reply {other}")),
        }
    }

    /// Runs a script in the window (for reading what is on screen, not for driving it).
    pub async fn execute(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        self.client()?.execute(script, args).await.ctx(|| "running a script".into())
    }

    /// Runs a script that finishes by calling its last argument (WebDriver's asynchronous
    /// script), for what only settles later, such as a call to the Rust side.
    pub async fn execute_async(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        self.client()?.execute_async(script, args).await.ctx(|| "running an asynchronous script".into())
    }

    /// Saves a PNG of the window to [`shots_dir`] as `<test>-<nn>-<name>.png`, after two
    /// animation frames so the picture shows the latest DOM.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf> {
        let c = self.client()?;
        let two_frames = "const done = arguments[arguments.length - 1];\
            requestAnimationFrame(() => requestAnimationFrame(() => done(true)));";
        // Best effort: a hidden window may never paint a frame; the screenshot is still useful.
        let _ = tokio::time::timeout(Duration::from_secs(2), c.execute_async(two_frames, vec![])).await;
        let png = c.screenshot().await.ctx(|| "taking a screenshot".into())?;
        let dir = shots_dir();
        fs::create_dir_all(&dir).ctx(|| format!("creating {}", dir.display()))?;
        let n = self.shots.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let path = dir.join(format!("{}-{n:02}-{}.png", self.name, sanitize(name)));
        fs::write(&path, png).ctx(|| format!("writing {}", path.display()))?;
        Ok(path)
    }
}

/// Whether a process running `exe` is in process group `pgid` (read from `/proc`).
fn group_runs(pgid: u32, exe: &Path) -> bool {
    let Ok(entries) = fs::read_dir("/proc") else { return false };
    entries.flatten().any(|entry| {
        let pid = entry.path();
        let Ok(stat) = fs::read_to_string(pid.join("stat")) else { return false };
        // "pid (comm) state ppid pgrp ...": comm may hold spaces, so split after its last ')'.
        let pgrp = stat.rsplit_once(')').and_then(|(_, rest)| rest.split_whitespace().nth(2)?.parse::<u32>().ok());
        pgrp == Some(pgid) && fs::read_link(pid.join("exe")).is_ok_and(|p| p == exe)
    })
}

fn element_arg(e: &Element) -> Result<Value> {
    serde_json::to_value(e).ctx(|| "passing an element to a script".into())
}

fn sanitize(s: &str) -> String {
    let cleaned: String = s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    cleaned.chars().take(60).collect()
}
