//! Printing through the operating system's print service (CUPS) to a real virtual printer: the
//! `Rekindle_PDF` queue of cups-pdf, which writes every job as a PDF file into one folder.
//!
//! `scripts/cups-pdf-printer.sh` sets the queue up (install-deps runs it) and prints the folder
//! as `REKINDLE_CUPS_PDF_OUT`; without that variable the folder the script configures is used.
//! These tests fail, never skip, when the queue is missing: run the script first.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rekindle_core::error::Error;
use rekindle_core::print_service::{self, Printer};

use crate::support::field_errors;

const QUEUE: &str = "Rekindle_PDF";
const DEFAULT_OUT: &str = "/var/spool/cups-pdf/rekindle";
const SET_UP: &str = "run `bash scripts/cups-pdf-printer.sh` (as root) to set up the cups-pdf printer";

fn out_dir() -> PathBuf {
    std::env::var_os("REKINDLE_CUPS_PDF_OUT").map_or_else(|| PathBuf::from(DEFAULT_OUT), PathBuf::from)
}

/// A one-page A4 PDF written by hand, with `text` on one line in 12-point Helvetica (letters,
/// digits and spaces only; what runs past the page edge is lost on the way through CUPS).
fn pdf_saying(text: &str) -> Vec<u8> {
    assert!(text.chars().all(|c| c.is_ascii_alphanumeric() || c == ' '));
    let content = format!("BT /F1 12 Tf 72 760 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> \
         /Contents 4 0 R >>"
            .to_owned(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    pdf
}

fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext").arg(path).arg("-").output().expect("pdftotext (poppler-utils) runs");
    assert!(out.status.success(), "pdftotext failed on {}: {}", path.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Whether CUPS lists `job_id` among the queue's completed jobs.
fn completed(job_id: &str) -> bool {
    let out = Command::new("lpstat").env("LC_ALL", "C").args(["-W", "completed", "-o", QUEUE]).output().unwrap();
    String::from_utf8_lossy(&out.stdout).lines().any(|l| l.split_whitespace().next() == Some(job_id))
}

/// cups-pdf names its file "job_<number>-<title>.pdf" (the script sets `Label 1`); waits for the
/// job to complete and returns that file.
fn output_of(job_id: &str) -> PathBuf {
    let number = job_id.rsplit('-').next().unwrap();
    let prefix = format!("job_{number}-");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let found = std::fs::read_dir(out_dir())
            .unwrap_or_else(|e| panic!("the cups-pdf folder {} cannot be read ({e}); {SET_UP}", out_dir().display()))
            .map(|entry| entry.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(&prefix));
        if let (Some(path), true) = (&found, completed(job_id)) {
            return path.clone();
        }
        assert!(
            Instant::now() < deadline,
            "job {job_id} left no finished file {prefix}*.pdf in {} within a minute \
             (see /var/log/cups/error_log and /var/log/cups/cups-pdf-{QUEUE}_log)",
            out_dir().display()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The `copies` CUPS recorded for a job, asked of the scheduler over IPP (Get-Job-Attributes on
/// localhost:631): cups-pdf writes one file whatever the count, so the file cannot tell.
fn copies_recorded(job_id: &str) -> u32 {
    fn attribute(body: &mut Vec<u8>, tag: u8, name: &str, value: &str) {
        body.push(tag);
        body.extend_from_slice(&u16::try_from(name.len()).unwrap().to_be_bytes());
        body.extend_from_slice(name.as_bytes());
        body.extend_from_slice(&u16::try_from(value.len()).unwrap().to_be_bytes());
        body.extend_from_slice(value.as_bytes());
    }
    let number = job_id.rsplit('-').next().unwrap();
    // IPP 2.0, operation 0x0009 Get-Job-Attributes, request id 1, then the operation attributes.
    let mut body = vec![2, 0, 0, 9, 0, 0, 0, 1, 1];
    attribute(&mut body, 0x47, "attributes-charset", "utf-8");
    attribute(&mut body, 0x48, "attributes-natural-language", "en");
    attribute(&mut body, 0x45, "job-uri", &format!("ipp://localhost/jobs/{number}"));
    attribute(&mut body, 0x44, "requested-attributes", "copies");
    body.push(3);
    let mut http = TcpStream::connect(("localhost", 631)).unwrap();
    write!(
        http,
        "POST /jobs/ HTTP/1.1\r\nHost: localhost:631\r\nContent-Type: application/ipp\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .unwrap();
    http.write_all(&body).unwrap();
    let mut answer = Vec::new();
    http.read_to_end(&mut answer).unwrap();
    // The integer attribute: tag 0x21, name "copies", a 4-byte value.
    let mut pattern = vec![0x21, 0, 6];
    pattern.extend_from_slice(b"copies");
    pattern.extend_from_slice(&[0, 4]);
    let at = answer.windows(pattern.len()).position(|w| w == pattern).expect("CUPS reports the job's copies");
    let value = &answer[at + pattern.len()..at + pattern.len() + 4];
    u32::from_be_bytes(value.try_into().unwrap())
}

fn unique_words() -> String {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos();
    format!("Rekindle print check {} {nanos}", std::process::id())
}

#[test]
fn lists_the_cups_pdf_queue_with_its_description() {
    let printers = print_service::list_printers().unwrap();
    let queue = printers.iter().find(|p| p.name == QUEUE);
    let Some(queue) = queue else { panic!("no {QUEUE} queue among {printers:?}; {SET_UP}") };
    assert_eq!(queue.description, "Rekindle virtual PDF printer");
    // The script makes the queue the default when nothing else is; either way exactly one is.
    assert_eq!(printers.iter().filter(|p| p.is_default).count(), 1, "{printers:?}");
    let json = serde_json::to_value(queue).unwrap();
    assert_eq!(json["isDefault"], serde_json::json!(queue.is_default));
}

#[test]
fn a_printed_pdf_arrives_with_its_text() {
    let words = unique_words();
    let job = print_service::print_pdf(QUEUE, 1, "Rekindle print test", &pdf_saying(&words)).unwrap();
    assert!(job.starts_with(&format!("{QUEUE}-")), "job id {job}");
    assert!(job[QUEUE.len() + 1..].parse::<u32>().is_ok(), "job id {job}");

    let file = output_of(&job);
    assert!(file.to_string_lossy().ends_with("-Rekindle_print_test.pdf"), "the job title names the file: {file:?}");
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "{file:?} is not a PDF");
    let text = pdftotext(&file);
    assert_eq!(text.split_whitespace().collect::<Vec<_>>().join(" "), words);
    std::fs::remove_file(&file).unwrap();
}

#[test]
fn copies_are_one_job_with_the_count() {
    let words = unique_words();
    let job = print_service::print_pdf(QUEUE, 3, "Rekindle copies test", &pdf_saying(&words)).unwrap();
    let file = output_of(&job);
    assert_eq!(copies_recorded(&job), 3);
    let text = pdftotext(&file);
    assert!(text.contains(&words), "{text:?} lacks {words:?}");
    std::fs::remove_file(&file).unwrap();
}

#[test]
fn copies_outside_one_to_twenty_are_a_field_error() {
    let pdf = pdf_saying("never printed");
    for copies in [0, 21, u32::MAX] {
        let errors = field_errors(print_service::print_pdf(QUEUE, copies, "Rekindle test", &pdf));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].0, "copies");
        assert!(errors[0].1.contains("1 and 20"), "{}", errors[0].1);
    }
    // The bounds themselves are allowed.
    for copies in [1, 20] {
        let job = print_service::print_pdf(QUEUE, copies, "Rekindle bounds test", &pdf_saying("bounds")).unwrap();
        std::fs::remove_file(output_of(&job)).unwrap();
        assert_eq!(copies_recorded(&job), copies);
    }
}

#[test]
fn an_unknown_printer_is_named_in_the_error() {
    let name = "No_Such_Printer_Rekindle";
    match print_service::print_pdf(name, 1, "Rekindle test", &pdf_saying("never printed")) {
        Err(Error::Print(message)) => {
            assert!(message.contains(name), "{message}");
            assert!(message.contains("no printer called"), "{message}");
        }
        other => panic!("expected a print error, got {other:?}"),
    }
}

#[test]
fn an_empty_document_is_refused_before_the_print_service() {
    match print_service::print_pdf(QUEUE, 1, "Rekindle test", b"") {
        Err(Error::Print(message)) => assert!(message.contains("nothing to print"), "{message}"),
        other => panic!("expected a print error, got {other:?}"),
    }
}

#[test]
fn the_printer_type_is_what_the_ui_receives() {
    let p = Printer { name: "Office".into(), description: "Front desk".into(), is_default: true };
    assert_eq!(
        serde_json::to_value(&p).unwrap(),
        serde_json::json!({"name": "Office", "description": "Front desk", "isDefault": true})
    );
}
