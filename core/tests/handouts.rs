//! Handouts: every shipped template as a real PDF (structure, fonts, text in reading order),
//! discretion, the estrogen case, page breaks, Indic text, template versions, the print record,
//! and who may do what.

use std::path::Path;
use std::process::Command;

use rekindle_core::handouts::{self, layout, model, PrintOptions, TemplateInput};
use rekindle_core::people;
use rekindle_core::session::{self, Session};
use rekindle_core::Error;

use crate::support::*;

fn person(s: &Session, name: &str) -> i64 {
    s.read(|c, a| people::search(c, a, name, false)).unwrap()[0].id
}

fn opts(person_id: i64, handout: &str, discreet: Option<bool>) -> PrintOptions {
    PrintOptions { person_id, handout: handout.into(), discreet, include_diagnosis: false }
}

fn export(s: &mut Session, o: &PrintOptions) -> handouts::Rendered {
    s.write(|tx, a| handouts::export(tx, a, o, "pdf", now(), today())).unwrap()
}

fn tool(dir: &Path, name: &str, pdf: &[u8], program: &str, args: &[&str]) -> (bool, String) {
    let file = dir.join(format!("{name}.pdf"));
    std::fs::write(&file, pdf).unwrap();
    let out =
        Command::new(program).args(args).arg(&file).output().unwrap_or_else(|e| panic!("{program} is needed: {e}"));
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned())
}

fn text_of(dir: &Path, name: &str, pdf: &[u8]) -> String {
    let file = dir.join(format!("{name}.pdf"));
    std::fs::write(&file, pdf).unwrap();
    let out = Command::new("pdftotext").arg(&file).arg("-").output().expect("pdftotext (poppler-utils) is needed");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Asserts `needles` occur in `text` in this order.
fn in_order(text: &str, needles: &[&str]) {
    let mut from = 0;
    for n in needles {
        match text[from..].find(n) {
            Some(i) => from += i + n.len(),
            None => panic!("expected {n:?} after position {from} in reading order; text was:\n{text}"),
        }
    }
}

#[test]
fn every_shipped_template_is_a_sound_pdf_with_embedded_fonts_and_its_text_in_order() {
    let (dir, mut s) = demo_counsellor();
    let maggie = person(&s, "Maggie");
    let list = s.read(handouts::list).unwrap();
    assert_eq!(list.len(), 5, "Rekindle ships the homework sheet and four education handouts");
    let expected: &[(&str, &[&str])] = &[
        (
            "homework",
            &[
                "Your homework until we meet again",
                "For Maggie Okafor and David Okafor",
                "What to do",
                "1.",
                "Tick each day you do it",
                "What I noticed",
                "Next appointment",
                "Page 2 of 2",
            ],
        ),
        (
            "lubricants",
            &[
                "Lubricants and moisturisers",
                "Moisturisers and lubricants are different",
                "Choosing a lubricant",
                "Choosing a moisturiser",
                "Try this week",
                "Next appointment",
            ],
        ),
        (
            "touch-without-pressure",
            &["Touch without pressure", "How it works", "Non-sexual touch", "Sensual touch", "Keep in mind"],
        ),
        (
            "talking-together",
            &["Talking about intimacy together", "Before you talk", "While you talk", "Try this week"],
        ),
        ("kind-to-your-body", &["Being kind to a changed body", "Small steps", "When thoughts get loud"]),
    ];
    for (slug, needles) in expected {
        let r = export(&mut s, &opts(maggie, slug, Some(false)));
        let (ok, report) = tool(dir.path(), slug, &r.pdf, "qpdf", &["--check"]);
        assert!(ok, "{slug}: qpdf --check failed: {report}");
        let (_, fonts) = tool(dir.path(), slug, &r.pdf, "pdffonts", &[]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{slug}: no fonts listed");
        for row in &rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            // name type encoding emb sub uni object gen: "CID TrueType" is two words.
            let n = cols.len();
            assert_eq!(
                &cols[n - 5..n - 2],
                &["yes", "yes", "yes"],
                "{slug}: every font embedded, subset, with Unicode: {row}"
            );
            assert!(cols[0].contains("+Noto"), "{slug}: the shipped Noto fonts: {row}");
        }
        let text = text_of(dir.path(), slug, &r.pdf);
        in_order(&text, needles);
    }
}

#[test]
fn a_discreet_sheet_has_a_neutral_title_first_names_and_no_clinical_word() {
    let (dir, mut s) = demo_counsellor();
    let maggie = person(&s, "Maggie");
    for slug in ["homework", "lubricants", "touch-without-pressure", "talking-together", "kind-to-your-body"] {
        let r = export(&mut s, &opts(maggie, slug, Some(true)));
        assert!(r.discreet);
        let text = text_of(dir.path(), &format!("{slug}-discreet"), &r.pdf).to_lowercase();
        assert!(!text.contains("okafor"), "{slug}: a discreet sheet carries no surname");
        assert!(text.contains("maggie"), "{slug}: it names her by first name");
        for word in ["cancer", "oncolog", "aromatase", "tamoxifen", "diagnos", "counselling (demo)"] {
            assert!(!text.contains(word), "{slug}: a discreet sheet must not say {word:?}");
        }
    }
    let hw = export(&mut s, &opts(maggie, "homework", Some(true)));
    let text = text_of(dir.path(), "hw-discreet", &hw.pdf);
    assert!(text.contains("Your plan for this week"), "the neutral title");
    assert!(!text.contains("Your homework until we meet again"));
    // The clinic's own choice decides when the sheet does not: initials instead of first names.
    let mut admin = session::sign_in(dir.path(), "admin", DEMO_PW, now()).unwrap();
    let mut settings = admin.read(handouts::settings).unwrap();
    settings.discreet_name = "initials".into();
    settings.discreet_by_default = true;
    admin.write(|tx, a| handouts::save_settings(tx, a, &settings, now())).unwrap();
    let r = export(&mut s, &opts(maggie, "homework", None));
    let text = text_of(dir.path(), "hw-initials", &r.pdf);
    assert!(r.discreet, "the clinic's default now makes sheets discreet");
    assert!(text.contains("M. O.") && !text.contains("Maggie"), "initials only:\n{text}");
}

#[test]
fn the_diagnosis_is_printed_only_when_ticked_and_never_on_a_discreet_sheet() {
    let (_dir, mut s) = demo_counsellor();
    let maggie = person(&s, "Maggie");
    let body =
        "# About you\n{if diagnosis}\nYou told us about {diagnosis}.\n{end}\n{unless full}\nPlain words only.\n{end}";
    let mut admin = session::sign_in(_dir.path(), "admin", DEMO_PW, now()).unwrap();
    let input = TemplateInput { title: "Care notes".into(), discreet_title: "Notes".into(), body: body.into() };
    admin.write(|tx, a| handouts::save_template(tx, a, "kind-to-your-body", &input, now())).unwrap();
    let text =
        |r: &handouts::Rendered| r.pages.iter().map(layout::Page::text).collect::<Vec<_>>().join(" ").to_lowercase();
    let plain = export(&mut s, &opts(maggie, "kind-to-your-body", Some(false)));
    assert!(!text(&plain).contains("cancer"), "not ticked: no diagnosis");
    let mut o = opts(maggie, "kind-to-your-body", Some(false));
    o.include_diagnosis = true;
    let ticked = export(&mut s, &o);
    assert!(text(&ticked).contains("breast cancer"), "ticked: the diagnosis is printed: {}", text(&ticked));
    o.discreet = Some(true);
    let discreet = export(&mut s, &o);
    assert!(!text(&discreet).contains("cancer") && text(&discreet).contains("plain words only"));
}

#[test]
fn the_estrogen_caution_changes_the_lubricant_handout() {
    let (dir, mut s) = demo_counsellor();
    let maggie = person(&s, "Maggie"); // breast cancer, aromatase inhibitor: avoid estrogen
    let tom = person(&s, "Tom");
    let for_maggie = text_of(dir.path(), "lub-maggie", &export(&mut s, &opts(maggie, "lubricants", Some(false))).pdf);
    let for_tom = text_of(dir.path(), "lub-tom", &export(&mut s, &opts(tom, "lubricants", Some(false))).pdf);
    let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let (m, t) = (flat(&for_maggie), flat(&for_tom));
    assert!(!m.contains("estrogen cream") && !m.contains("vaginal estrogen"), "no estrogen product for Maggie:\n{m}");
    assert!(m.contains("check every product choice with your oncologist"), "the oncologist note:\n{m}");
    assert!(t.contains("vaginal estrogen"), "without the caution the option is mentioned:\n{t}");
    assert!(!t.contains("oncologist"), "and no oncologist note:\n{t}");
}

#[test]
fn a_two_page_sheet_keeps_headings_with_their_text_and_repeats_header_and_footer() {
    let blocks: Vec<model::Block> = (0..14)
        .flat_map(|i| {
            [
                model::Block::Heading(format!("Section {i}")),
                model::Block::Paragraph("Words that fill the page, again and again, so that a heading lands near the foot of a page somewhere. ".repeat(3)),
            ]
        })
        .collect();
    let doc = model::Document {
        paper: model::Paper::A4,
        letterhead: model::Letterhead { clinic_name: Some("Clinic".into()), ..Default::default() },
        title: "Long sheet".into(),
        subtitle: None,
        running_header: "Long sheet · Sam".into(),
        footer: "Clinic · 0400".into(),
        blocks,
    };
    let pages = layout::layout(&doc);
    assert!(pages.len() >= 2, "the content needs more than one page");
    let total = pages.len();
    for (n, page) in pages.iter().enumerate() {
        let text = page.text();
        assert!(text.contains(&format!("Page {} of {total}", n + 1)), "footer numbering on page {}", n + 1);
        assert!(text.contains("Clinic · 0400"), "footer on every page");
        if n > 0 {
            assert!(text.starts_with("Long sheet · Sam"), "running header on page {}", n + 1);
        }
        // The last heading on a page is followed by at least one line of its paragraph there.
        let items: Vec<&str> = page
            .items
            .iter()
            .filter_map(|i| match i {
                layout::Item::Text { shaped, .. } => Some(shaped),
                _ => None,
            })
            .map(|s| s.glyphs.first().map(|g| g.text.as_str()).unwrap_or(""))
            .collect();
        let _ = items;
        let body = text.split("Page ").next().unwrap_or_default().trim_end();
        let last_heading = body.rfind("Section ");
        if let Some(i) = last_heading {
            let after = &body[i..];
            assert!(
                after.contains("Words that fill"),
                "page {}: a heading was left alone at the bottom: {after:?}",
                n + 1
            );
        }
    }
    assert_eq!(layout::layout(&doc), pages, "the same model gives the same pages");
    let (a, b) = (handouts::pdf::render(&pages, "x", None), handouts::pdf::render(&pages, "x", None));
    assert!(a == b, "and the same bytes");
}

#[test]
fn devanagari_and_kannada_names_are_shaped_and_embedded() {
    let (dir, mut s) = demo_counsellor();
    let kavya = person(&s, "Gowda"); // ಕಾವ್ಯಾ Gowda in the demo
    s.write(|tx, _| {
        tx.execute("UPDATE people SET preferred_name = 'काव्या' WHERE id = ?1", [kavya])?;
        Ok(())
    })
    .unwrap();
    let r = export(&mut s, &opts(kavya, "kind-to-your-body", Some(false)));
    let (_, fonts) = tool(dir.path(), "indic", &r.pdf, "pdffonts", &[]);
    assert!(fonts.contains("NotoSansDevanagari"), "the Devanagari font is embedded:\n{fonts}");
    let shaped = handouts::fonts::shape("काव्या ಕಾವ್ಯಾ", handouts::fonts::Style::Regular, 10.0);
    let chars = "काव्या ಕಾವ್ಯಾ".chars().filter(|c| !c.is_whitespace()).count();
    assert!(shaped.glyphs.len() < chars, "conjuncts and vowel signs shape into fewer glyphs than characters");
    assert!(shaped.glyphs.iter().any(|g| g.font == handouts::fonts::FontFile::KannadaRegular));
}

#[test]
fn templates_are_versioned_prints_are_recorded_and_errors_name_the_line() {
    let (dir, mut s) = demo_counsellor();
    let maggie = person(&s, "Maggie");
    let mut admin = session::sign_in(dir.path(), "admin", DEMO_PW, now()).unwrap();
    let before = admin.read(|c, a| handouts::template(c, a, "talking-together")).unwrap();
    export(&mut s, &opts(maggie, "talking-together", Some(false)));

    let bad = TemplateInput {
        title: before.title.clone(),
        discreet_title: "Cancer care".into(),
        body: "# Hi\n{if caution nonsense}\nx\n{end}".into(),
    };
    let errors = field_errors(admin.write(|tx, a| handouts::save_template(tx, a, "talking-together", &bad, now())));
    assert!(
        errors.iter().any(|(f, m)| f == "body" && m.starts_with("Line 2:") && m.contains("not a caution")),
        "{errors:?}"
    );
    assert!(errors.iter().any(|(f, _)| f == "discreetTitle"), "a discreet title cannot name a diagnosis: {errors:?}");
    assert_eq!(admin.read(|c, a| handouts::template(c, a, "talking-together")).unwrap().version, 1, "nothing saved");

    let edit = TemplateInput {
        title: "Talking together, kindly".into(),
        discreet_title: before.discreet_title.clone(),
        body: before.body.replace("Before you talk", "Before you start"),
    };
    let saved = admin.write(|tx, a| handouts::save_template(tx, a, "talking-together", &edit, now())).unwrap();
    assert_eq!(saved.version, 2);
    let r = export(&mut s, &opts(maggie, "talking-together", Some(false)));
    assert_eq!(r.version, 2);
    assert!(text_of(dir.path(), "v2", &r.pdf).contains("Before you start"));

    let history = s.read(|c, a| handouts::history(c, a, maggie)).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(
        (history[0].title.as_str(), history[0].version),
        ("Talking together, kindly", 2),
        "newest first, with the version printed"
    );
    assert_eq!(
        (history[1].title.as_str(), history[1].version),
        ("Talking about intimacy together", 1),
        "the old print keeps naming v1"
    );
    assert_eq!(history[1].destination, "pdf");
    let details: Vec<String> = s
        .connection()
        .prepare("SELECT detail FROM audit_log WHERE action LIKE 'handout.%' AND person_id = ?1")
        .unwrap()
        .query_map([maggie], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(details.iter().any(|d| d.starts_with("talking-together v1; pdf")), "{details:?}");
    assert!(
        details.iter().all(|d| !d.contains("Maggie") && !d.contains("Okafor")),
        "no client data in the audit detail"
    );
    let changed =
        s.write(|tx, _| tx.execute("UPDATE handout_prints SET copies = 3", []).map_err(|e| Error::storage("t", e)));
    assert!(changed.is_err(), "print records cannot be changed");
}

#[test]
fn reception_can_send_a_sheet_to_a_printer_but_never_see_or_save_it() {
    let (dir, s) = demo_counsellor();
    let maggie = person(&s, "Maggie");
    let mut desk = session::sign_in(dir.path(), "reception", DEMO_PW, now()).unwrap();
    let o = opts(maggie, "homework", None);
    assert!(matches!(desk.write(|tx, a| handouts::preview(tx, a, &o, now(), today())), Err(Error::Forbidden)));
    assert!(matches!(desk.write(|tx, a| handouts::export(tx, a, &o, "pdf", now(), today())), Err(Error::Forbidden)));
    assert!(matches!(desk.read(|c, a| handouts::history(c, a, maggie)), Err(Error::Forbidden)));
    let input = TemplateInput { title: "x".into(), discreet_title: "x".into(), body: "{tasks}".into() };
    assert!(matches!(
        desk.write(|tx, a| handouts::save_template(tx, a, "homework", &input, now())),
        Err(Error::Forbidden)
    ));
    let r = desk.read(|c, a| handouts::render_for_printer(c, a, &o, today())).unwrap();
    assert!(!r.pdf.is_empty());
    desk.write(|tx, a| handouts::record_printed(tx, a, &r, 2, now())).unwrap();
    assert_eq!(count(&desk, "SELECT COUNT(*) FROM handout_prints WHERE destination = 'printer' AND copies = 2"), 1);
}

#[test]
fn a_client_without_homework_gets_a_clear_message() {
    let (_dir, mut s) = demo_counsellor();
    let zoe = person(&s, "Zoë");
    let r = s.write(|tx, a| handouts::export(tx, a, &opts(zoe, "homework", None), "pdf", now(), today()));
    match r {
        Err(Error::Conflict(m)) => assert!(m.contains("No homework has been set"), "{m}"),
        other => panic!("expected a clear refusal, got {:?}", other.map(|r| r.version)),
    }
}

#[test]
fn a_clinic_logo_is_checked_and_printed_in_the_letterhead() {
    let (dir, mut s) = demo_counsellor();
    let maggie = person(&s, "Maggie");
    let mut admin = session::sign_in(dir.path(), "admin", DEMO_PW, now()).unwrap();
    let not_png = b"GIF89a not a png".to_vec();
    let errors = field_errors(admin.write(|tx, a| handouts::set_logo(tx, a, Some(&not_png), now())));
    assert_eq!(errors, vec![("logo".to_string(), "The logo must be a PNG image.".to_string())]);
    // The app's own icon stands in for a clinic logo.
    let png =
        std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri/icons/32x32.png")).unwrap();
    let settings = admin.write(|tx, a| handouts::set_logo(tx, a, Some(&png), now())).unwrap();
    assert!(settings.has_logo);
    let r = export(&mut s, &opts(maggie, "talking-together", Some(false)));
    let (ok, images) = tool(dir.path(), "logo", &r.pdf, "pdfimages", &["-list"]);
    assert!(ok && images.lines().count() >= 3, "the letterhead carries the logo image:\n{images}");
    let discreet = export(&mut s, &opts(maggie, "talking-together", Some(true)));
    let (_, images) = tool(dir.path(), "logo-discreet", &discreet.pdf, "pdfimages", &["-list"]);
    assert_eq!(images.lines().count(), 2, "a discreet sheet without the clinic's name has no logo either:\n{images}");
}

#[test]
fn a_clients_own_choice_of_discreet_sheets_wins_over_the_clinics_default() {
    let (_dir, mut s) = demo_counsellor();
    let maggie = person(&s, "Maggie");
    assert!(
        !export(&mut s, &opts(maggie, "talking-together", None)).discreet,
        "the demo clinic prints in full by default"
    );
    s.write(|tx, a| handouts::set_client_discretion(tx, a, maggie, Some(true), now())).unwrap();
    assert_eq!(s.read(|c, a| people::detail(c, a, maggie)).unwrap().print_discreet, Some(true));
    let r = export(&mut s, &opts(maggie, "talking-together", None));
    assert!(r.discreet && r.title == "Talking together", "her choice makes the sheet discreet");
    assert!(
        !export(&mut s, &opts(maggie, "talking-together", Some(false))).discreet,
        "the counsellor can still print in full"
    );
    let partner = person(&s, "David Okafor");
    let refused = s.write(|tx, a| handouts::set_client_discretion(tx, a, partner, Some(true), now()));
    assert!(matches!(refused, Err(Error::NotFound { .. })), "only clients have the choice");
}
