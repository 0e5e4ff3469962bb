//! Handouts: printed sheets for clients.
//!
//! `model` (what a sheet says) -> `layout` (pages, pure) -> `pdf` (bytes, with printpdf).
//! `fonts` embeds the font files and shapes text.

pub mod fonts;
pub mod layout;
pub mod markup;
pub mod model;
pub mod pdf;

#[cfg(test)]
mod tests {
    use super::model::*;

    #[test]
    fn sample_renders() {
        let mut blocks = vec![Block::Heading("Your tasks this week".into())];
        for i in 0..6 {
            blocks.push(Block::Subheading(format!("{}. Mirror exercise — Café “curly” ₹500", i + 1)));
            blocks.push(Block::Detail("For Maggie and David".into()));
            blocks.push(Block::Paragraph("Stand in front of a mirror for ten minutes. Notice what you like about your body and say it out loud. नमस्ते क्षत्रिय प्रिया. ಕನ್ನಡ ಶ್ರೀ ಕ್ಷೇಮ. 🤗".into()));
            blocks.push(Block::Numbered(vec!["Find a quiet time when you will not be disturbed.".into(), "Look at yourself kindly, from head to toe, and breathe slowly for a long while, letting the thoughts come and go.".into()]));
        }
        blocks.push(Block::Heading("Tick each day you did it".into()));
        blocks.push(Block::TickGrid {
            rows: vec!["Mirror exercise".into(), "Six-second kiss".into()],
            columns: (1..=9).map(|d| format!("Mon {d}")).collect(),
        });
        blocks.push(Block::Checklist(vec!["I read this sheet".into(), "I talked with my partner".into()]));
        blocks.push(Block::Note("Check any product with your oncologist before you use it.".into()));
        blocks.push(Block::WriteBox { label: "What I noticed".into(), lines: 5 });
        blocks.push(Block::Facts(vec![
            ("Next appointment".into(), "Tuesday 12 May 2026, 10:00".into()),
            ("Counsellor".into(), "Alex Morgan".into()),
        ]));
        let doc = Document {
            paper: Paper::A4,
            letterhead: Letterhead {
                clinic_name: Some("Harbour Intimacy Clinic".into()),
                address: Some("12 Quay Street\nPort Town".into()),
                phone: Some("0400 000 000".into()),
                logo_png: None,
            },
            title: "Your plan for this week".into(),
            subtitle: Some("For Maggie · 5 May 2026".into()),
            running_header: "Your plan for this week · Maggie".into(),
            footer: "Harbour Intimacy Clinic · 0400 000 000".into(),
            blocks,
        };
        let t = std::time::Instant::now();
        let pages = super::layout::layout(&doc);
        let t1 = t.elapsed();
        let bytes = super::pdf::render(&pages, &doc.title, None);
        eprintln!("layout {:?} total {:?} pages {}", t1, t.elapsed(), pages.len());
        let t = std::time::Instant::now();
        let bytes2 = super::pdf::render(&super::layout::layout(&doc), &doc.title, None);
        eprintln!("second {:?}", t.elapsed());
        std::fs::write("/tmp/sample.pdf", &bytes).unwrap();
        std::fs::write("/tmp/sample2.pdf", &bytes2).unwrap();
        assert!(bytes == bytes2, "same bytes");
    }
}
