//! Printing handouts, in the demo clinic: a counsellor prints Maggie's homework sheet from her
//! chart to the virtual PDF printer (the sheet that comes out names both partners, both tasks and
//! the next appointment), sees the print in the chart's history, previews the lubricants handout
//! and saves it as a PDF (her estrogen caution shows); reception prints the homework sheet from
//! her page without ever seeing the sheet.
//!
//! Needs CUPS with the `Rekindle_PDF` queue (`scripts/cups-pdf-printer.sh`, run here when the
//! queue is missing), poppler-utils (`pdfinfo`, `pdftotext`, `pdftoppm`), `tesseract`
//! (tesseract-ocr: the text layer of what cups-pdf writes is unreadable, see
//! `printed::printed_text`), and `rekindle-admin` beside the app binary
//! (`cargo build -p rekindle-core --bin rekindle-admin`) to create the demo clinic.

// Helpers below fail the test the way the test functions do (clippy allows that only inside
// `#[test]` functions themselves).
#![allow(clippy::expect_used, clippy::panic)]

use std::time::Instant;

use rekindle_e2e::{default_timeout, AppWindow, Profile};
use serde_json::{json, Value};

use crate::flows;
use crate::printed::{
    choose_printer, job_file_prefix, long_wait, pdf_printer_out_dir, pdf_text_layer, pdfs_in, print_one_copy,
    printed_text, wait_new_pdf, wait_status,
};

/// The demo accounts' password (`rekindle-admin demo` gives all three the same one).
use flows::{create_demo_clinic, DEMO_PASSWORD};
const DEMO_COUNSELLOR: &str = "counsellor";
const DEMO_COUNSELLOR_NAME: &str = "Dr Jordan Ellis";
const DEMO_RECEPTION: &str = "reception";
const DEMO_RECEPTION_NAME: &str = "Casey Rivers";

const HOMEWORK_TITLE: &str = "Your homework until we meet again";
const TOUCH_TASK: &str = "Gentle touch, stage 1: non-sexual touch";
const KISS_TASK: &str = "The six-second kiss";

/// What the preview shows now: pages, pages with an SVG, whether it is updating, and a
/// fingerprint of the pages' markup (to tell one sheet's preview from another's).
async fn preview_state(app: &AppWindow) -> Value {
    app.execute(
        r#"const root = [...document.querySelectorAll('[data-testid="print-preview"]')]
               .find((e) => e.getClientRects().length > 0);
           if (!root) return null;
           const pages = [...root.querySelectorAll('.print-page')];
           let h = 0;
           for (const p of pages) { const s = p.innerHTML; for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0; }
           return { pages: pages.length, svgs: pages.filter((p) => p.querySelector('svg')).length,
                    busy: root.getAttribute('aria-busy') === 'true', print: h };"#,
        vec![],
    )
    .await
    .expect("read the preview")
}

/// Waits until the preview shows at least one page with its SVG, and is not updating, and (when
/// `not` is given) shows something other than that fingerprint; returns its state.
async fn wait_preview(app: &AppWindow, what: &str, not: Option<&Value>) -> Value {
    app.wait_until(what, long_wait(), async || {
        let s = preview_state(app).await;
        let pages = s["pages"].as_u64().unwrap_or(0);
        let ok = pages >= 1
            && s["svgs"].as_u64() == Some(pages)
            && s["busy"] == json!(false)
            && not.is_none_or(|n| s["print"] != n["print"]);
        Ok(ok.then_some(s))
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"))
}

/// The day of Maggie's next booked appointment after today, read from the calendar through the
/// real IPC, as the sheet writes it ("Thursday 26 November 2026"): the homework sheet counts down
/// to it. One week from today when nothing is booked (the course's planned date).
async fn next_appointment_day(app: &AppWindow) -> String {
    const LONG: &str = "const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
        const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
                        'September', 'October', 'November', 'December'];
        const long = (d) => `${days[d.getDay()]} ${d.getDate()} ${months[d.getMonth()]} ${d.getFullYear()}`;
        const pad = (n) => String(n).padStart(2, '0');";
    let js = |body: &str| format!("{LONG}\n{body}");
    let tomorrow = app
        .execute(
            &js("const t = new Date(); t.setDate(t.getDate() + 1);
             return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`;"),
            vec![],
        )
        .await
        .expect("compute tomorrow in the window");
    let query = serde_json::json!({ "query": { "from": tomorrow, "days": 42, "counsellorIds": [], "roomIds": [] } });
    let view = app
        .invoke_raw("calendar", query)
        .await
        .expect("invoke calendar")
        .unwrap_or_else(|e| panic!("the counsellor's calendar was refused: {e}"));
    let next = view["appointments"].as_array().into_iter().flatten().find(|a| {
        a["status"] == "booked" && a["attendees"].as_array().into_iter().flatten().any(|p| p["name"] == "Maggie Okafor")
    });
    let day = match next.and_then(|a| a["start"].as_str()).and_then(|s| s.get(..10)) {
        Some(ymd) => app
            .execute(
                &js("const [y, m, d] = arguments[0].split('-').map(Number); return long(new Date(y, m - 1, d));"),
                vec![serde_json::json!(ymd)],
            )
            .await
            .expect("format the day"),
        None => app
            .execute(&js("const w = new Date(); w.setDate(w.getDate() + 7); return long(w);"), vec![])
            .await
            .expect("compute a date in the window"),
    };
    day.as_str().expect("a date string").to_owned()
}

/// Waits until a history row in the chart mentions every one of `needles`; returns its text.
async fn wait_history_row(app: &AppWindow, needles: &[&str], what: &str) -> String {
    app.wait_until(what, long_wait(), async || {
        let rows = app.texts_of("print-history-row").await?;
        Ok(rows.into_iter().find(|r| needles.iter().all(|n| r.contains(n))))
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn counsellor_and_reception_print_handouts() {
    let started = Instant::now();
    let cups_out = pdf_printer_out_dir();
    let profile = Profile::new("printing").expect("create a profile");
    create_demo_clinic(&profile);
    let app = AppWindow::launch(&profile).await.expect("launch Rekindle");

    // 1. The counsellor opens Maggie's chart and prints her homework sheet to the PDF printer.
    flows::sign_in(&app, DEMO_COUNSELLOR, DEMO_PASSWORD, DEMO_COUNSELLOR_NAME).await.expect("counsellor signs in");
    flows::open_person(&app, "Maggie", "Maggie Okafor").await.expect("open Maggie's page");
    app.click("person-open-chart").await.expect("click Open chart");
    app.wait_for_text("chart-name", "Maggie Okafor", default_timeout()).await.expect("her chart opens");
    let week = next_appointment_day(&app).await;
    app.wait_for_text("print-history", "Nothing has been printed", long_wait())
        .await
        .expect("the chart's printed handouts say nothing has been printed for Maggie yet");

    app.click("chart-print").await.expect("click Print a handout");
    app.wait_for("print-dialog", long_wait()).await.expect("the print dialog opens");
    let homework_preview = wait_preview(&app, "the homework sheet's preview (at least one page)", None).await;
    println!("homework preview: {homework_preview}");
    let chosen = app.prop_of("print-handout", "value").await.expect("read the handout").unwrap_or_default();
    let homework_preview = if chosen == "homework" {
        homework_preview
    } else {
        println!("the dialog opened on {chosen:?}; choosing the homework sheet");
        app.select_option("print-handout", "homework").await.expect("choose the homework sheet");
        wait_preview(&app, "the homework sheet's preview", Some(&homework_preview)).await
    };
    assert_eq!(
        app.prop_of("print-discreet", "checked").await.expect("read Discreet sheet").as_deref(),
        Some("false"),
        "Maggie follows the clinic's default, a full sheet: Discreet sheet starts unticked"
    );
    let shot = app.screenshot("homework-preview").await.expect("screenshot");
    println!("screenshot, the print dialog with the homework sheet: {}", shot.display());

    choose_printer(&app, "counsellor").await;
    let before = pdfs_in(&cups_out);
    let status = print_one_copy(&app, "counsellor").await;
    println!("print status: {status:?}");
    let (pdf, pages) = wait_new_pdf(
        &app,
        &cups_out,
        &before,
        job_file_prefix(&status).as_deref(),
        "the homework sheet printed by the counsellor",
    )
    .await;

    // 2. What came out of the printer: the pages the preview showed, saying what it showed.
    let (text, read_by) = printed_text(&pdf);
    println!("printed: {} ({pages} pages, read by {read_by})", pdf.display());
    let _ = std::fs::remove_file(&pdf);
    assert_eq!(
        Some(pages),
        homework_preview["pages"].as_u64(),
        "the printer got as many pages as the preview showed ({})",
        pdf.display()
    );
    for needle in ["Maggie", "David", HOMEWORK_TITLE, TOUCH_TASK, KISS_TASK, "For both of you"] {
        assert!(text.contains(needle), "the printed sheet {} should say {needle:?}, but reads:\n{text}", pdf.display());
    }
    assert_eq!(text.matches("For both of you").count(), 2, "both tasks are for both of them:\n{text}");
    let at = text.find("Next appointment").unwrap_or_else(|| panic!("the sheet has no Next appointment:\n{text}"));
    assert!(
        text[at..].contains(&week),
        "after \"Next appointment\" the sheet should give {week:?} (her next booked appointment), but reads:\n{}",
        &text[at..]
    );

    // 3. The chart's history shows the print.
    app.click("print-close").await.expect("click Close");
    app.wait_gone("print-dialog", long_wait()).await.expect("the print dialog closes");
    let row = wait_history_row(&app, &[HOMEWORK_TITLE, "v1"], "the homework sheet (v1) in the printed handouts").await;
    println!("history: {row:?}");

    // 4. The lubricants handout: a new preview, then saved as a PDF.
    app.click("chart-print").await.expect("click Print a handout again");
    app.wait_for("print-dialog", long_wait()).await.expect("the print dialog opens again");
    let homework_preview = wait_preview(&app, "the homework sheet's preview on opening", None).await;
    app.select_option("print-handout", "lubricants").await.expect("choose the lubricants handout");
    let lubricants_preview =
        wait_preview(&app, "the preview to show the lubricants handout instead", Some(&homework_preview)).await;
    println!("lubricants preview: {lubricants_preview}");
    app.set_checked("print-discreet", false).await.expect("a full sheet, not a discreet one");
    let shot = app.screenshot("lubricants-preview").await.expect("screenshot");
    println!("screenshot, the lubricants handout: {}", shot.display());
    let saved_before = pdfs_in(&profile.save_dir());
    app.click("print-save-pdf").await.expect("click Save as PDF");
    let saved_status = wait_status(&app, "Saved as PDF", "the status saying the PDF was saved").await;
    println!("save status: {saved_status:?}");
    let (saved, pages) = wait_new_pdf(&app, &profile.save_dir(), &saved_before, None, "the saved lubricants PDF").await;
    assert_eq!(Some(pages), lubricants_preview["pages"].as_u64(), "the saved PDF has the pages the preview showed");
    let text = pdf_text_layer(&saved);
    assert!(
        saved_status.contains(&saved.display().to_string()),
        "the status should say where the PDF went ({}), but says {saved_status:?}",
        saved.display()
    );
    assert!(text.contains("Lubricants and moisturisers"), "the saved PDF is the lubricants handout:\n{text}");
    assert!(text.contains("oncologist"), "Maggie must avoid estrogen: her sheet sends her to her oncologist:\n{text}");
    assert!(
        !text.to_lowercase().contains("vaginal estrogen"),
        "Maggie must avoid estrogen: her sheet must not suggest vaginal estrogen:\n{text}"
    );
    app.click("print-close").await.expect("click Close");
    app.wait_gone("print-dialog", long_wait()).await.expect("the print dialog closes");
    let row =
        wait_history_row(&app, &["Lubricants and moisturisers", "v1"], "the saved lubricants sheet in the history")
            .await;
    println!("history: {row:?}");

    // 5. Reception prints the homework sheet from Maggie's page, without seeing it.
    flows::sign_out(&app).await.expect("counsellor signs out");
    flows::sign_in(&app, DEMO_RECEPTION, DEMO_PASSWORD, DEMO_RECEPTION_NAME).await.expect("reception signs in");
    flows::open_person(&app, "Maggie", "Maggie Okafor").await.expect("reception opens Maggie's page");
    app.click("person-print-homework").await.expect("click Print homework sheet");
    app.wait_for("print-dialog", long_wait()).await.expect("reception's print dialog opens");
    choose_printer(&app, "reception").await;
    for hidden in ["print-preview", "print-save-pdf", "print-open", "print-handout"] {
        assert!(
            app.all_by_test_id(hidden).await.expect("look for the element").is_empty(),
            "reception must not see the sheet or save it, but the dialog has {}",
            AppWindow::selector(hidden)
        );
    }
    let shot = app.screenshot("reception-dialog").await.expect("screenshot");
    println!("screenshot, reception's print dialog: {}", shot.display());
    let before = pdfs_in(&cups_out);
    let status = print_one_copy(&app, "reception").await;
    println!("reception's print status: {status:?}");
    let (pdf, pages) = wait_new_pdf(
        &app,
        &cups_out,
        &before,
        job_file_prefix(&status).as_deref(),
        "the homework sheet printed by reception",
    )
    .await;
    let (text, read_by) = printed_text(&pdf);
    println!("printed by reception: {} ({pages} pages, read by {read_by})", pdf.display());
    let _ = std::fs::remove_file(&pdf);
    for needle in ["Maggie", HOMEWORK_TITLE, KISS_TASK] {
        assert!(text.contains(needle), "reception's printed sheet should say {needle:?}, but reads:\n{text}");
    }

    app.close().await.expect("close the app");
    println!("counsellor_and_reception_print_handouts: {:.1?}", started.elapsed());
}
