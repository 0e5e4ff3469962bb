//! The virtual PDF printer the printing journeys print to, and reading back what came out: the
//! CUPS queue `Rekindle_PDF` (set up by `scripts/cups-pdf-printer.sh` when it is missing), the
//! print dialog's printer list, copies and status line, and the printed file's pages and words.
//! Shared by `printing.rs` (handouts) and `scheduling.rs` (the appointment card).
//!
//! Needs poppler-utils (`pdfinfo`, `pdftotext`, `pdftoppm`) and `tesseract` (tesseract-ocr: the
//! text layer of what cups-pdf writes can be unreadable, see `printed_text`).

// Helpers below fail the test the way the test functions do (clippy allows that only inside
// `#[test]` functions themselves).
#![allow(clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use rekindle_e2e::{default_timeout, workspace_dir, AppWindow};

/// The CUPS queue that writes PDFs instead of paper.
pub(crate) const PRINTER: &str = "Rekindle_PDF";

/// Waits for the dialog, its preview and the printers (IPC and WebKit can be slow).
pub(crate) fn long_wait() -> Duration {
    default_timeout() * 2
}

/// How long a job may take to come out of CUPS as a PDF.
pub(crate) const PRINT_WAIT: Duration = Duration::from_secs(30);

fn command_says(program: &str, args: &[&str], needle: &str) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .map(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).contains(needle))
        .unwrap_or(false)
}

/// Makes sure CUPS runs with the virtual PDF queue; returns the folder its PDFs land in.
pub(crate) fn pdf_printer_out_dir() -> PathBuf {
    let ready =
        || command_says("lpstat", &["-r"], "scheduler is running") && command_says("lpstat", &["-p", PRINTER], PRINTER);
    if !ready() {
        let script = workspace_dir().join("scripts").join("cups-pdf-printer.sh");
        let out =
            Command::new("bash").arg(&script).output().unwrap_or_else(|e| panic!("run {}: {e}", script.display()));
        assert!(
            out.status.success() && ready(),
            "CUPS with the {PRINTER} queue is needed and {} could not set it up ({}):\n{}{}",
            script.display(),
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    std::env::var_os("REKINDLE_CUPS_PDF_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/var/spool/cups-pdf/rekindle"))
}

/// The PDF files in a folder now.
pub(crate) fn pdfs_in(dir: &Path) -> BTreeSet<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf")))
                .collect()
        })
        .unwrap_or_default()
}

/// Runs a tool and returns its output, or None when it fails; panics when the tool is missing.
fn run_tool(program: &str, args: &[&std::ffi::OsStr], install: &str) -> Option<std::process::Output> {
    match Command::new(program).args(args).output() {
        Ok(o) if o.status.success() => Some(o),
        Ok(_) => None,
        Err(e) => panic!("run {program} (install {install}): {e}"),
    }
}

/// Every run of white space made one space.
pub(crate) fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The number of pages of a PDF; None while the file is not a whole PDF yet (still being written).
pub(crate) fn pdf_pages(path: &Path) -> Option<u64> {
    let out = run_tool("pdfinfo", &[path.as_os_str()], "poppler-utils")?;
    let info = String::from_utf8_lossy(&out.stdout).into_owned();
    info.lines().find_map(|l| l.strip_prefix("Pages:")).and_then(|n| n.trim().parse().ok())
}

/// The text layer of a PDF (pdftotext), white space squeezed.
pub(crate) fn pdf_text_layer(path: &Path) -> String {
    let out = run_tool("pdftotext", &[path.as_os_str(), "-".as_ref()], "poppler-utils")
        .unwrap_or_else(|| panic!("pdftotext could not read {}", path.display()));
    squeeze(&String::from_utf8_lossy(&out.stdout))
}

/// Whether extracted text is mostly Latin letters and digits (not the symbols a lost font map gives).
fn readable(text: &str) -> bool {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let latin = chars.iter().filter(|c| c.is_ascii_alphanumeric()).count();
    !chars.is_empty() && latin * 10 >= chars.len() * 7
}

/// What a printed sheet says, as a person holding it would read it. The file cups-pdf writes has
/// been through CUPS's PostScript step, which turns Rekindle's embedded fonts into Type 3 fonts
/// whose text layer no longer maps to letters; when that happens, the pages are drawn at 200 dpi
/// and read back with tesseract (OCR). Returns the text and how it was read.
pub(crate) fn printed_text(path: &Path) -> (String, &'static str) {
    let layer = pdf_text_layer(path);
    if readable(&layer) {
        return (layer, "pdftotext");
    }
    let has_tesseract = Command::new("tesseract").arg("--version").output().is_ok_and(|o| o.status.success());
    assert!(
        has_tesseract,
        "the printed PDF {} has no readable text layer (pdftotext gives {:?}...: CUPS's PostScript \
         step turned Rekindle's CID TrueType fonts into Type 3 fonts with a useless ToUnicode map), \
         and tesseract is not installed to read its pages instead: apt-get install tesseract-ocr",
        path.display(),
        layer.chars().take(40).collect::<String>()
    );
    let dir = tempfile::tempdir().expect("a temp dir for the page images");
    let stem = dir.path().join("page");
    run_tool(
        "pdftoppm",
        &["-r".as_ref(), "200".as_ref(), "-gray".as_ref(), "-png".as_ref(), path.as_os_str(), stem.as_os_str()],
        "poppler-utils",
    )
    .unwrap_or_else(|| panic!("pdftoppm could not draw {}", path.display()));
    let mut images: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .expect("read the page images")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "png"))
        .collect();
    images.sort();
    let mut text = String::new();
    for image in &images {
        let out = run_tool("tesseract", &[image.as_os_str(), "-".as_ref()], "tesseract-ocr")
            .unwrap_or_else(|| panic!("tesseract could not read {}", image.display()));
        text.push_str(&String::from_utf8_lossy(&out.stdout));
        text.push('\n');
    }
    (squeeze(&text), "OCR of the printed pages (tesseract)")
}

/// Waits for a PDF in `dir` that was not in `before` (the one whose name starts with `prefix`,
/// when given) to be complete; returns its path and page count.
pub(crate) async fn wait_new_pdf(
    app: &AppWindow,
    dir: &Path,
    before: &BTreeSet<PathBuf>,
    prefix: Option<&str>,
    what: &str,
) -> (PathBuf, u64) {
    app.wait_until(&format!("{what} to appear as a new PDF in {}", dir.display()), PRINT_WAIT, async || {
        for p in pdfs_in(dir).difference(before) {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if prefix.is_some_and(|pre| !name.starts_with(pre)) {
                continue;
            }
            if let Some(pages) = pdf_pages(p) {
                return Ok(Some((p.clone(), pages)));
            }
        }
        Ok(None)
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"))
}

/// cups-pdf names a job's file `job_<n>-<title>.pdf`; the status line says "Job Rekindle_PDF-<n>".
pub(crate) fn job_file_prefix(status: &str) -> Option<String> {
    let after = status.split(&format!("{PRINTER}-")).nth(1)?;
    let n: String = after.chars().take_while(char::is_ascii_digit).collect();
    (!n.is_empty()).then(|| format!("job_{n}-"))
}

/// Waits until the printer list has loaded and offers the queue, then chooses it.
pub(crate) async fn choose_printer(app: &AppWindow, who: &str) {
    let offered = app
        .wait_until(&format!("{PRINTER} among the printers ({who})"), long_wait(), async || {
            if app.is_present("print-no-printer").await? {
                let said = app.text_of("print-no-printer").await?;
                return Err(rekindle_e2e::E2eError(format!("the dialog says there is no printer: {said:?}")));
            }
            let names = app
                .execute(
                    r#"const s = document.querySelector('[data-testid="print-printer"]');
                       return s ? [...s.options].map((o) => o.value) : [];"#,
                    vec![],
                )
                .await?;
            let names: Vec<String> = names
                .as_array()
                .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
                .unwrap_or_default();
            Ok(names.iter().any(|n| n == PRINTER).then_some(names))
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    println!("printers offered to {who}: {offered:?}");
    app.select_option("print-printer", PRINTER).await.unwrap_or_else(|e| panic!("choose {PRINTER} ({who}): {e}"));
}

/// With the printer chosen: one copy, Print, and the status line naming the printer; fails with
/// the dialog's error if it shows one instead. Returns the status text.
pub(crate) async fn print_one_copy(app: &AppWindow, who: &str) -> String {
    app.type_into("print-copies", "1").await.unwrap_or_else(|e| panic!("one copy ({who}): {e}"));
    app.click("print-send").await.unwrap_or_else(|e| panic!("click Print ({who}): {e}"));
    wait_status(app, PRINTER, &format!("the print status naming {PRINTER} ({who})")).await
}

/// Waits until `print-status` shows `needle`; an error shown instead fails at once with its text.
pub(crate) async fn wait_status(app: &AppWindow, needle: &str, what: &str) -> String {
    app.wait_until(what, long_wait(), async || {
        if app.is_present("print-error").await? {
            let said = app.text_of("print-error").await?;
            return Err(rekindle_e2e::E2eError(format!("the dialog shows an error instead: {said:?}")));
        }
        for t in app.texts_of("print-status").await? {
            if t.contains(needle) {
                return Ok(Some(t));
            }
        }
        Ok(None)
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"))
}
