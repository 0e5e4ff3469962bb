//! The fonts Rekindle prints with, and text shaping.
//!
//! The files live in `core/assets/fonts/` with their licence (SIL OFL 1.1) and are compiled into
//! the program, so a sheet looks the same on every computer. Noto Sans carries Latin text
//! (accents, curly quotes, the rupee sign); Noto Sans Devanagari and Noto Sans Kannada carry Hindi,
//! Marathi and Kannada. Each character goes to the first font of the style's chain that has it, so
//! a line can mix scripts. Runs are shaped with rustybuzz (a port of HarfBuzz), which forms
//! conjuncts and places vowel signs; printpdf alone does no shaping. A character no font has (an
//! emoji, say) is dropped rather than printed as an empty box.

use std::sync::OnceLock;

use rustybuzz::{Face, UnicodeBuffer};
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// The weights and slants a sheet uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    Regular,
    Bold,
    Italic,
}

/// One embedded font file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontFile {
    LatinRegular,
    LatinBold,
    LatinItalic,
    DevanagariRegular,
    DevanagariBold,
    KannadaRegular,
    KannadaBold,
}

impl FontFile {
    pub const ALL: [FontFile; 7] = [
        FontFile::LatinRegular,
        FontFile::LatinBold,
        FontFile::LatinItalic,
        FontFile::DevanagariRegular,
        FontFile::DevanagariBold,
        FontFile::KannadaRegular,
        FontFile::KannadaBold,
    ];

    pub fn bytes(self) -> &'static [u8] {
        match self {
            FontFile::LatinRegular => include_bytes!("../../assets/fonts/NotoSans-Regular.ttf"),
            FontFile::LatinBold => include_bytes!("../../assets/fonts/NotoSans-Bold.ttf"),
            FontFile::LatinItalic => include_bytes!("../../assets/fonts/NotoSans-Italic.ttf"),
            FontFile::DevanagariRegular => include_bytes!("../../assets/fonts/NotoSansDevanagari-Regular.ttf"),
            FontFile::DevanagariBold => include_bytes!("../../assets/fonts/NotoSansDevanagari-Bold.ttf"),
            FontFile::KannadaRegular => include_bytes!("../../assets/fonts/NotoSansKannada-Regular.ttf"),
            FontFile::KannadaBold => include_bytes!("../../assets/fonts/NotoSansKannada-Bold.ttf"),
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// The fonts tried in order for a style.
    fn chain(style: Style) -> [FontFile; 3] {
        match style {
            Style::Regular => [FontFile::LatinRegular, FontFile::DevanagariRegular, FontFile::KannadaRegular],
            Style::Bold => [FontFile::LatinBold, FontFile::DevanagariBold, FontFile::KannadaBold],
            // Neither Indic family has an italic: their upright faces stand in.
            Style::Italic => [FontFile::LatinItalic, FontFile::DevanagariRegular, FontFile::KannadaRegular],
        }
    }
}

struct Faces {
    faces: Vec<Option<Face<'static>>>,
}

fn faces() -> &'static Faces {
    static FACES: OnceLock<Faces> = OnceLock::new();
    FACES.get_or_init(|| Faces { faces: FontFile::ALL.iter().map(|f| Face::from_slice(f.bytes(), 0)).collect() })
}

fn face(file: FontFile) -> Option<&'static Face<'static>> {
    faces().faces.get(file.index()).and_then(|f| f.as_ref())
}

/// One glyph placed within a shaped word, in points from the word's start.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub font: FontFile,
    pub gid: u16,
    pub x: f32,
    pub y: f32,
    /// The text this glyph stands for when the PDF is searched or copied.
    pub text: String,
}

/// A word (or any run without spaces) shaped at a size.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Shaped {
    pub glyphs: Vec<Glyph>,
    pub width: f32,
}

/// Characters that belong to the character before them (marks, joiners, variation selectors), so
/// they stay in that character's font run.
fn attaches_to_previous(c: char) -> bool {
    matches!(
        c.general_category(),
        GeneralCategory::NonspacingMark | GeneralCategory::SpacingMark | GeneralCategory::EnclosingMark
    ) || matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}')
}

fn covering_font(c: char, style: Style) -> Option<FontFile> {
    FontFile::chain(style).into_iter().find(|f| face(*f).is_some_and(|face| face.glyph_index(c).is_some()))
}

/// Shapes a run of text with no line breaks in it at `size` points.
pub fn shape(text: &str, style: Style, size: f32) -> Shaped {
    // Split into runs by font: each base character picks the first font that has it; marks and
    // joiners follow their base. Characters no font has are dropped.
    let mut runs: Vec<(FontFile, String)> = Vec::new();
    for c in text.chars() {
        if attaches_to_previous(c) {
            if let Some((_, run)) = runs.last_mut() {
                run.push(c);
            }
            continue;
        }
        let Some(font) = covering_font(c, style) else { continue };
        match runs.last_mut() {
            Some((f, run)) if *f == font => run.push(c),
            _ => runs.push((font, c.to_string())),
        }
    }
    let mut out = Shaped::default();
    for (font, run) in runs {
        let Some(face) = face(font) else { continue };
        let scale = size / face.units_per_em() as f32;
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(&run);
        buffer.guess_segment_properties();
        let shaped = rustybuzz::shape(face, &[], buffer);
        let infos = shaped.glyph_infos();
        let positions = shaped.glyph_positions();
        for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
            let start = info.cluster as usize;
            let first_of_cluster = i == 0 || infos[i - 1].cluster != info.cluster;
            let end = infos.iter().skip(i + 1).map(|g| g.cluster as usize).find(|c| *c > start).unwrap_or(run.len());
            let gid = u16::try_from(info.glyph_id).unwrap_or(0);
            if gid != 0 {
                out.glyphs.push(Glyph {
                    font,
                    gid,
                    x: out.width + pos.x_offset as f32 * scale,
                    y: pos.y_offset as f32 * scale,
                    text: if first_of_cluster {
                        run.get(start..end).unwrap_or_default().to_owned()
                    } else {
                        String::new()
                    },
                });
            }
            out.width += pos.x_advance as f32 * scale;
        }
    }
    out
}

/// The width of a space in the style's Latin font.
pub fn space_width(style: Style, size: f32) -> f32 {
    shape(" ", style, size).width
}

/// Ascender and descender of the Latin face of a style, as fractions of the size.
pub fn line_metrics(style: Style) -> (f32, f32) {
    match face(FontFile::chain(style)[0]) {
        Some(f) => {
            let upem = f.units_per_em() as f32;
            (f.ascender() as f32 / upem, -(f.descender() as f32) / upem)
        }
        None => (0.9, 0.25),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_text_uses_noto_sans_and_has_width() {
        let s = shape("Café ₹500 “curly”", Style::Regular, 10.0);
        assert!(s.glyphs.iter().all(|g| g.font == FontFile::LatinRegular));
        assert!(s.width > 40.0 && s.width < 120.0, "width {}", s.width);
        let text: String = s.glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(text, "Café ₹500 “curly”", "every character is kept");
    }

    #[test]
    fn an_emoji_is_dropped_not_boxed() {
        let with = shape("hug🤗", Style::Regular, 10.0);
        let without = shape("hug", Style::Regular, 10.0);
        assert_eq!(with.glyphs.len(), without.glyphs.len());
        assert!((with.width - without.width).abs() < 0.01);
    }

    #[test]
    fn devanagari_forms_a_conjunct_and_kannada_uses_its_font() {
        // क्ष is one conjunct glyph in Noto Sans Devanagari: fewer glyphs than characters.
        let kssa = shape("क्ष", Style::Regular, 10.0);
        assert!(kssa.glyphs.iter().all(|g| g.font == FontFile::DevanagariRegular));
        assert_eq!(kssa.glyphs.len(), 1, "क + virama + ष shape into one conjunct glyph");
        // The vowel sign ि is drawn before the consonant it follows in memory.
        let ki = shape("कि", Style::Regular, 10.0);
        assert_eq!(ki.glyphs.len(), 2);
        assert!(ki.glyphs[0].x < ki.glyphs[1].x);
        let kn = shape("ಕನ್ನಡ", Style::Bold, 10.0);
        assert!(kn.glyphs.iter().all(|g| g.font == FontFile::KannadaBold));
        assert!(kn.glyphs.len() < 5, "the double ನ್ನ is one glyph pair, not a visible virama");
    }

    #[test]
    fn mixed_scripts_fall_back_per_character() {
        let s = shape("Priya-प्रिया", Style::Italic, 10.0);
        assert!(s.glyphs.iter().any(|g| g.font == FontFile::LatinItalic));
        assert!(s.glyphs.iter().any(|g| g.font == FontFile::DevanagariRegular));
    }
}
