//! The operating system's print service: list the printers and send a finished PDF to one.
//!
//! On Linux (and macOS) that service is CUPS. Rekindle talks to it through its own command-line
//! clients rather than a library binding, so there is nothing to link and the behaviour is the
//! one the administrator sees in a terminal:
//! - `lpstat -r` says whether the scheduler is running, `lpstat -l -p` lists the queues with
//!   their descriptions and `lpstat -d` names the default one;
//! - `lp -d PRINTER -n COPIES -t TITLE` reads the PDF from its standard input and answers with
//!   the job's id once the scheduler has accepted the job (`request id is PRINTER-12 ...`).
//!
//! The clients run with `LC_ALL=C`/`LANG=C` so their answers are in English whatever the desktop
//! language, and with a time limit so a stuck scheduler cannot freeze the window.
//!
//! Errors are [`Error::Print`] with plain words a receptionist can act on (no printer set up, the
//! print service not running, an unknown printer, a refused job), or [`Error::Validation`] on
//! `copies`. They never carry client data: the caller passes a neutral job title, and the
//! document itself is only ever written to `lp`'s standard input.
//!
//! Nothing here reads the clock or the environment beyond running the two programs found on
//! `PATH`.

use std::io::{Read, Write};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, FieldError, Result};

/// The most copies one job may ask for.
pub const MAX_COPIES: u32 = 20;

/// How long one call of `lpstat` or `lp` may take before Rekindle gives up on it.
const TIMEOUT: Duration = Duration::from_secs(30);

/// The longest part of `lp`'s own error text quoted in a message.
const MAX_QUOTED: usize = 300;

/// What to tell the person when there is nowhere to print.
const NO_PRINTER: &str = "No printer is set up on this computer. Save the sheet as a PDF instead, \
                          or ask the administrator to add a printer.";

/// One print queue of the operating system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Printer {
    /// The queue's name, as `lp -d` takes it (e.g. `Office_Laser`).
    pub name: String,
    /// The description the administrator gave it, or the name when there is none.
    pub description: String,
    /// Whether this is the computer's default printer.
    pub is_default: bool,
}

/// Lists the printers of this computer, the default one marked. An empty list means no printer
/// is set up (the caller can offer "Save as PDF" instead); an error means the print service
/// itself is missing or not running.
pub fn list_printers() -> Result<Vec<Printer>> {
    list_with(&Tools::SYSTEM)
}

/// Sends a PDF to `printer`, `copies` times, under the neutral `job_title`, and returns the
/// job's id as CUPS names it (e.g. `Rekindle_PDF-12`) once the print service has accepted it.
///
/// `copies` must be 1 to [`MAX_COPIES`]; otherwise a validation error on the field `copies`.
/// `job_title` shows in the print queue and on some printers' cover pages: never put a client's
/// name in it.
pub fn print_pdf(printer: &str, copies: u32, job_title: &str, pdf: &[u8]) -> Result<String> {
    print_with(&Tools::SYSTEM, printer, copies, job_title, pdf)
}

/// The programs to run; tests point them at names that do not exist.
struct Tools {
    lpstat: &'static str,
    lp: &'static str,
}

impl Tools {
    const SYSTEM: Tools = Tools { lpstat: "lpstat", lp: "lp" };
}

fn list_with(tools: &Tools) -> Result<Vec<Printer>> {
    let running = run(tools.lpstat, &["-r"], None)?;
    if !parse_scheduler_running(&running.stdout) {
        return Err(Error::Print(
            "The print service on this computer is not running. Restart the computer, or ask the \
             administrator to start the printing system (CUPS). You can save the sheet as a PDF \
             instead."
                .to_owned(),
        ));
    }
    // `lpstat -p` exits with 1 and "No destinations added." when there is no queue: an empty
    // list, not a failure. Any other failure with nothing listed is reported.
    let queues = run(tools.lpstat, &["-l", "-p"], None)?;
    let mut printers = parse_printers(&queues.stdout);
    if printers.is_empty() && !queues.status.success() && !queues.stderr.contains("No destinations added") {
        return Err(Error::Print(format!(
            "The list of printers could not be read from the print service: {}",
            quote(&queues.stderr)
        )));
    }
    let default = run(tools.lpstat, &["-d"], None)?;
    if let Some(default) = parse_default(&default.stdout) {
        for p in &mut printers {
            p.is_default = p.name == default;
        }
    }
    Ok(printers)
}

fn print_with(tools: &Tools, printer: &str, copies: u32, job_title: &str, pdf: &[u8]) -> Result<String> {
    if !(1..=MAX_COPIES).contains(&copies) {
        return Err(Error::Validation(vec![FieldError::new(
            "copies",
            format!("Choose between 1 and {MAX_COPIES} copies."),
        )]));
    }
    let printers = list_with(tools)?;
    if printers.is_empty() {
        return Err(Error::Print(NO_PRINTER.to_owned()));
    }
    if !printers.iter().any(|p| p.name == printer) {
        return Err(Error::Print(format!(
            "There is no printer called “{}” on this computer. Choose one of the printers listed, \
             or ask the administrator to check the printer's name.",
            printable(printer)
        )));
    }
    if pdf.is_empty() {
        return Err(Error::Print("There was nothing to print: the sheet came out empty.".to_owned()));
    }
    let title = printable(job_title);
    let title = if title.trim().is_empty() { "Rekindle".to_owned() } else { title };
    let copies = copies.to_string();
    let out = run(tools.lp, &["-d", printer, "-n", &copies, "-t", &title], Some(pdf))?;
    if !out.status.success() {
        return Err(Error::Print(format!("The printer “{printer}” did not accept the job: {}", quote(&out.stderr))));
    }
    parse_request_id(&out.stdout).ok_or_else(|| {
        Error::Print(format!(
            "The print service did not confirm the job for “{printer}”. Check the printer's queue \
             before printing again, so the sheet does not come out twice."
        ))
    })
}

/// What a finished program said.
struct Output {
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

/// Runs `program` with the C locale, feeding it `input` when given, and waits for it for at most
/// [`TIMEOUT`]. A missing program or a time-out is a print error in plain words.
fn run(program: &str, args: &[&str], input: Option<&[u8]>) -> Result<Output> {
    let mut child = Command::new(program)
        .args(args)
        .env("LC_ALL", "C")
        .env("LANG", "C")
        .stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            Error::Print(if e.kind() == std::io::ErrorKind::NotFound {
                format!(
                    "The print service is not installed on this computer (the program “{program}” \
                     is missing). Save the sheet as a PDF instead, or ask the administrator to \
                     install the printing system (CUPS)."
                )
            } else {
                format!("The print service could not be started ({e}). Save the sheet as a PDF instead.")
            })
        })?;

    let stdin = child.stdin.take();
    let stdout = child.stdout.take();
    let stderr = child.stderr.take();
    let (status, stdout, stderr) = std::thread::scope(|s| {
        // The writer and the readers run beside each other so a full pipe cannot block either
        // side. A write error (the program stopped reading, e.g. because it refused the job)
        // is not reported here: the exit status and the error text say why.
        if let (Some(mut pipe), Some(bytes)) = (stdin, input) {
            s.spawn(move || {
                let _ = pipe.write_all(bytes);
            });
        }
        let out = s.spawn(move || read_all(stdout));
        let err = s.spawn(move || read_all(stderr));
        let status = wait_with_timeout(&mut child);
        let stdout = out.join().unwrap_or_default();
        let stderr = err.join().unwrap_or_default();
        (status, stdout, stderr)
    });
    match status {
        Some(status) => Ok(Output { status, stdout, stderr }),
        None => Err(Error::Print(format!(
            "The print service did not answer within {} seconds. Check that the printer is on \
             and try again, or save the sheet as a PDF instead.",
            TIMEOUT.as_secs()
        ))),
    }
}

fn read_all(pipe: Option<impl Read>) -> String {
    let mut bytes = Vec::new();
    if let Some(mut pipe) = pipe {
        let _ = pipe.read_to_end(&mut bytes);
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Waits for the child; after [`TIMEOUT`] it is killed and `None` returned.
fn wait_with_timeout(child: &mut std::process::Child) -> Option<ExitStatus> {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(10)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}

/// `lpstat -r`: "scheduler is running" or "scheduler is not running".
fn parse_scheduler_running(stdout: &str) -> bool {
    stdout.lines().any(|l| l.trim() == "scheduler is running")
}

/// `lpstat -l -p`: a line "printer NAME ..." starts each queue; its indented lines follow, one of
/// them "Description: TEXT" (empty when none was given).
fn parse_printers(stdout: &str) -> Vec<Printer> {
    let mut printers: Vec<Printer> = Vec::new();
    for line in stdout.lines() {
        if let Some(rest) = line.strip_prefix("printer ") {
            if let Some(name) = rest.split_whitespace().next() {
                printers.push(Printer { name: name.to_owned(), description: name.to_owned(), is_default: false });
            }
        } else if line.starts_with(char::is_whitespace) {
            if let (Some(description), Some(last)) =
                (line.trim_start().strip_prefix("Description:"), printers.last_mut())
            {
                let description = description.trim();
                if !description.is_empty() {
                    description.clone_into(&mut last.description);
                }
            }
        }
    }
    printers
}

/// `lpstat -d`: "system default destination: NAME" (or "NAME/INSTANCE"), or "no system default
/// destination".
fn parse_default(stdout: &str) -> Option<String> {
    stdout.lines().find_map(|l| {
        let dest = l.trim().strip_prefix("system default destination:")?.trim();
        let name = dest.split('/').next().unwrap_or(dest);
        (!name.is_empty()).then(|| name.to_owned())
    })
}

/// `lp`: "request id is NAME-12 (1 file(s))" (0 files when the document came on standard input).
fn parse_request_id(stdout: &str) -> Option<String> {
    stdout.lines().find_map(|l| {
        let id = l.trim().strip_prefix("request id is ")?.split_whitespace().next()?;
        Some(id.to_owned())
    })
}

/// Text from another program, on one line, without control characters, cut to a readable length.
fn quote(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let one_line = one_line.strip_prefix("lp: ").or_else(|| one_line.strip_prefix("lpstat: ")).unwrap_or(&one_line);
    let one_line = if one_line.is_empty() { "no reason was given" } else { one_line };
    let mut quoted: String = printable(one_line).chars().take(MAX_QUOTED).collect();
    if one_line.chars().count() > MAX_QUOTED {
        quoted.push('…');
    }
    quoted
}

/// A name or title without control characters (they would garble a message or a queue listing).
fn printable(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_queues_with_descriptions() {
        let out = "printer Office_Laser is idle.  enabled since Mon Nov 23 03:37:08 2026\n\
                   \tForm mounted:\n\
                   \tDescription: Front desk laser\n\
                   \tLocation: Reception\n\
                   printer Rekindle_PDF disabled since Mon Nov 23 03:37:08 2026 -\n\
                   \treason unknown\n\
                   \tDescription: \n\
                   printer Back_Room now printing Back_Room-7.  enabled since Mon Nov 23 2026\n";
        let printers = parse_printers(out);
        let names: Vec<_> = printers.iter().map(|p| (p.name.as_str(), p.description.as_str())).collect();
        assert_eq!(
            names,
            [("Office_Laser", "Front desk laser"), ("Rekindle_PDF", "Rekindle_PDF"), ("Back_Room", "Back_Room")]
        );
        assert!(parse_printers("").is_empty());
    }

    #[test]
    fn reads_the_default_and_the_scheduler_state() {
        assert_eq!(parse_default("system default destination: Office_Laser\n").as_deref(), Some("Office_Laser"));
        assert_eq!(parse_default("system default destination: Office_Laser/duplex\n").as_deref(), Some("Office_Laser"));
        assert_eq!(parse_default("no system default destination\n"), None);
        assert!(parse_scheduler_running("scheduler is running\n"));
        assert!(!parse_scheduler_running("scheduler is not running\n"));
    }

    #[test]
    fn reads_the_request_id() {
        assert_eq!(parse_request_id("request id is Rekindle_PDF-12 (0 file(s))\n").as_deref(), Some("Rekindle_PDF-12"));
        assert_eq!(parse_request_id("request id is Office-3 (1 file(s))").as_deref(), Some("Office-3"));
        assert_eq!(parse_request_id(""), None);
    }

    #[test]
    fn quotes_other_programs_tidily() {
        assert_eq!(
            quote("lp: Error - The printer\nor class does not exist.\n"),
            "Error - The printer or class does not exist."
        );
        assert_eq!(quote("  "), "no reason was given");
        assert_eq!(quote(&"x".repeat(400)).chars().count(), MAX_QUOTED + 1);
    }

    #[test]
    fn a_missing_print_service_is_said_plainly() {
        let tools = Tools { lpstat: "rekindle-no-such-lpstat", lp: "rekindle-no-such-lp" };
        let Err(Error::Print(message)) = list_with(&tools) else { panic!("expected a print error") };
        assert!(message.contains("not installed"), "{message}");
        let Err(Error::Print(message)) = print_with(&tools, "Office", 1, "Sheet", b"%PDF-1.4") else {
            panic!("expected a print error")
        };
        assert!(message.contains("not installed"), "{message}");
    }

    #[test]
    fn copies_are_checked_before_anything_runs() {
        let tools = Tools { lpstat: "rekindle-no-such-lpstat", lp: "rekindle-no-such-lp" };
        for copies in [0, MAX_COPIES + 1] {
            let Err(Error::Validation(fields)) = print_with(&tools, "Office", copies, "Sheet", b"%PDF") else {
                panic!("expected a field error")
            };
            assert_eq!(fields[0].field, "copies");
        }
    }
}
