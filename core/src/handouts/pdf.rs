//! Turns laid-out pages into PDF bytes with printpdf's operations API.
//!
//! Each glyph is placed at its shaped position (printpdf merges a line's glyphs into one text
//! run) with its text attached, so the PDF searches and copies as the words it shows.
//!
//! Fonts are embedded as subsets of the glyphs a sheet uses, cut with `subsetter` (typst's font
//! subsetter): printpdf subsets only with its `text_layout` feature, which pulls in its whole
//! HTML layout engine and adds about twelve minutes to every cold build. Object names and the
//! file identifier are derived from the content, not random, so the same pages give the same bytes.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Codepoint, Color, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFont, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, RawImage, Rect, Rgb as PdfRgb, TextItem, TextMatrix, WindingOrder, XObjectId,
    XObjectTransform,
};

use super::fonts::FontFile;
use super::layout::{Item, Page, Rgb};

fn font_id(f: FontFile) -> FontId {
    FontId(format!("F{}", f as usize + 1))
}

fn postscript_name(f: FontFile) -> &'static str {
    match f {
        FontFile::LatinRegular => "NotoSans-Regular",
        FontFile::LatinBold => "NotoSans-Bold",
        FontFile::LatinItalic => "NotoSans-Italic",
        FontFile::DevanagariRegular => "NotoSansDevanagari-Regular",
        FontFile::DevanagariBold => "NotoSansDevanagari-Bold",
        FontFile::KannadaRegular => "NotoSansKannada-Regular",
        FontFile::KannadaBold => "NotoSansKannada-Bold",
    }
}

/// A six-letter subset tag (ISO 32000-1, 9.6.4) derived from the glyphs kept.
fn subset_tag(f: FontFile, gids: &BTreeSet<u16>) -> String {
    let mut h: u32 = 2166136261 ^ (f as u32);
    for g in gids {
        h = (h ^ u32::from(*g)).wrapping_mul(16777619);
    }
    (0..6).map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8)).collect()
}

/// Cuts a font down to `gids`; returns the parsed subset and the old-to-new glyph numbers.
fn subset(f: FontFile, gids: &BTreeSet<u16>) -> Option<(ParsedFont, BTreeMap<u16, u16>)> {
    let mut remapper = subsetter::GlyphRemapper::new();
    let map: BTreeMap<u16, u16> = gids.iter().map(|g| (*g, remapper.remap(*g))).collect();
    let bytes = subsetter::subset(f.bytes(), 0, &remapper).ok()?;
    let mut parsed = ParsedFont::from_bytes(&bytes, 0, &mut Vec::new())?;
    parsed.font_name = Some(format!("{}+{}", subset_tag(f, gids), postscript_name(f)));
    Some((parsed, map))
}

/// Replaces the random file identifier printpdf writes with one derived from the content.
fn fix_file_id(mut bytes: Vec<u8>) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    let key = b"/ID[(";
    let Some(start) = bytes.windows(key.len()).rposition(|w| w == key) else { return bytes };
    let digest = Sha256::digest(&bytes[..start]);
    let hexed: Vec<u8> = hex::encode_upper(digest).into_bytes();
    let mut pos = start + key.len();
    // Two strings of the same length: `(…)(…)`; overwrite their characters in place.
    for _ in 0..2 {
        let mut k = 0;
        while let Some(b) = bytes.get_mut(pos) {
            if *b == b')' {
                break;
            }
            *b = hexed[k % hexed.len()];
            k += 1;
            pos += 1;
        }
        pos += 2; // skip ")("
    }
    bytes
}

fn color(c: Rgb) -> Color {
    Color::Rgb(PdfRgb { r: c.0, g: c.1, b: c.2, icc_profile: None })
}

fn pt_point(x: f32, y: f32, page_h: f32) -> Point {
    Point { x: Pt(x), y: Pt(page_h - y) }
}

/// Renders pages to PDF bytes. `title` goes into the document's properties (keep it neutral:
/// viewers and print queues show it). `logo_png` is drawn where the layout placed an image.
pub fn render(pages: &[Page], title: &str, logo_png: Option<&[u8]>) -> Vec<u8> {
    let mut doc = PdfDocument::new(title);
    doc.metadata.info.identifier = "rekindle-handout".into();
    doc.metadata.info.producer = "Rekindle".into();
    doc.metadata.info.creator = "Rekindle".into();

    let mut glyphs: BTreeMap<FontFile, BTreeSet<u16>> = BTreeMap::new();
    for page in pages {
        for item in &page.items {
            if let Item::Text { shaped, .. } = item {
                for g in &shaped.glyphs {
                    glyphs.entry(g.font).or_default().insert(g.gid);
                }
            }
        }
    }
    let mut remaps: BTreeMap<FontFile, BTreeMap<u16, u16>> = BTreeMap::new();
    for (f, gids) in &glyphs {
        if let Some((font, map)) = subset(*f, gids) {
            doc.resources.fonts.map.insert(font_id(*f), PdfFont::new(font));
            remaps.insert(*f, map);
        }
    }
    let logo = logo_png.and_then(|bytes| RawImage::decode_from_bytes(bytes, &mut Vec::new()).ok()).map(|img| {
        let id = XObjectId("Logo".into());
        let (w, h) = (img.width, img.height);
        doc.resources.xobjects.map.insert(id.clone(), printpdf::XObject::Image(img));
        (id, w, h)
    });

    let pdf_pages = pages
        .iter()
        .map(|page| {
            let mut ops = Vec::new();
            for item in &page.items {
                draw(&mut ops, item, page.height, &remaps, logo.as_ref());
            }
            PdfPage::new(Mm::from(Pt(page.width)), Mm::from(Pt(page.height)), ops)
        })
        .collect();
    fix_file_id(doc.with_pages(pdf_pages).save(&PdfSaveOptions::default(), &mut Vec::new()))
}

fn draw(
    ops: &mut Vec<Op>,
    item: &Item,
    page_h: f32,
    remaps: &BTreeMap<FontFile, BTreeMap<u16, u16>>,
    logo: Option<&(XObjectId, usize, usize)>,
) {
    match item {
        Item::Text { x, y, size, color: c, shaped } => {
            if shaped.glyphs.is_empty() {
                return;
            }
            ops.push(Op::StartTextSection);
            ops.push(Op::SetFillColor { col: color(*c) });
            let mut current: Option<FontFile> = None;
            for g in &shaped.glyphs {
                let Some(gid) = remaps.get(&g.font).and_then(|m| m.get(&g.gid)) else { continue };
                if current != Some(g.font) {
                    ops.push(Op::SetFont { font: PdfFontHandle::External(font_id(g.font)), size: Pt(*size) });
                    current = Some(g.font);
                }
                ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(x + g.x), Pt(page_h - y + g.y)) });
                let cid = if g.text.is_empty() { None } else { Some(g.text.clone()) };
                ops.push(Op::ShowText {
                    items: vec![TextItem::GlyphIds(vec![Codepoint { gid: *gid, offset: 0.0, cid }])],
                });
            }
            ops.push(Op::EndTextSection);
        }
        Item::Rect { x, y, w, h, stroke, fill, line_width } => {
            let mode = match (stroke, fill) {
                (Some(_), Some(_)) => PaintMode::FillStroke,
                (Some(_), None) => PaintMode::Stroke,
                (None, Some(_)) => PaintMode::Fill,
                (None, None) => return,
            };
            ops.push(Op::SaveGraphicsState);
            if let Some(s) = stroke {
                ops.push(Op::SetOutlineColor { col: color(*s) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*line_width) });
            }
            if let Some(f) = fill {
                ops.push(Op::SetFillColor { col: color(*f) });
            }
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(*x),
                    y: Pt(page_h - y - h),
                    width: Pt(*w),
                    height: Pt(*h),
                    mode: Some(mode),
                    winding_order: Some(WindingOrder::NonZero),
                },
            });
            ops.push(Op::RestoreGraphicsState);
        }
        Item::Line { x1, y1, x2, y2, color: c, width } => {
            ops.push(Op::SaveGraphicsState);
            ops.push(Op::SetOutlineColor { col: color(*c) });
            ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint { p: pt_point(*x1, *y1, page_h), bezier: false },
                        LinePoint { p: pt_point(*x2, *y2, page_h), bezier: false },
                    ],
                    is_closed: false,
                },
            });
            ops.push(Op::RestoreGraphicsState);
        }
        Item::Image { x, y, h } => {
            let Some((id, w_px, h_px)) = logo else { return };
            if *h_px == 0 || *w_px == 0 {
                return;
            }
            // At 72 dpi one pixel is one point; scale so the image is `h` points tall.
            let scale = h / *h_px as f32;
            ops.push(Op::UseXobject {
                id: id.clone(),
                transform: XObjectTransform {
                    translate_x: Some(Pt(*x)),
                    translate_y: Some(Pt(page_h - y - h)),
                    scale_x: Some(scale),
                    scale_y: Some(scale),
                    dpi: Some(72.0),
                    ..Default::default()
                },
            });
        }
    }
}
