//! Laid-out pages as SVG, for the preview in the app: the same layout the PDF is made from, with
//! each glyph drawn from its outline, so the preview is exactly what will print.

use std::collections::BTreeMap;
use std::fmt::Write;

use rustybuzz::ttf_parser::{GlyphId, OutlineBuilder};
use rustybuzz::Face;

use super::fonts::FontFile;
use super::layout::{Item, Page, Rgb};

struct PathData(String);

impl OutlineBuilder for PathData {
    fn move_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "M{x} {y}");
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "L{x} {y}");
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let _ = write!(self.0, "Q{x1} {y1} {x} {y}");
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let _ = write!(self.0, "C{x1} {y1} {x2} {y2} {x} {y}");
    }
    fn close(&mut self) {
        self.0.push('Z');
    }
}

fn rgb(c: Rgb) -> String {
    format!("rgb({},{},{})", (c.0 * 255.0).round(), (c.1 * 255.0).round(), (c.2 * 255.0).round())
}

/// One SVG document per page, sized in points.
pub fn pages(pages: &[Page]) -> Vec<String> {
    let faces: BTreeMap<FontFile, Face<'static>> =
        FontFile::ALL.iter().filter_map(|f| Face::from_slice(f.bytes(), 0).map(|face| (*f, face))).collect();
    pages.iter().map(|p| page(p, &faces)).collect()
}

fn page(page: &Page, faces: &BTreeMap<FontFile, Face<'static>>) -> String {
    let mut defs = String::new();
    let mut body = String::new();
    let mut defined = std::collections::BTreeSet::new();
    for item in &page.items {
        match item {
            Item::Text { x, y, size, color, shaped } => {
                let _ = write!(body, r#"<g fill="{}">"#, rgb(*color));
                for g in &shaped.glyphs {
                    let Some(face) = faces.get(&g.font) else { continue };
                    let id = format!("g{}-{}", g.font as usize, g.gid);
                    if defined.insert(id.clone()) {
                        let mut path = PathData(String::new());
                        if face.outline_glyph(GlyphId(g.gid), &mut path).is_some() {
                            let _ = write!(defs, r#"<path id="{id}" d="{}"/>"#, path.0);
                        }
                    }
                    let s = size / face.units_per_em() as f32;
                    let _ = write!(
                        body,
                        r##"<use href="#{id}" transform="translate({:.2} {:.2}) scale({s:.5} {:.5})"/>"##,
                        x + g.x,
                        y - g.y,
                        -s
                    );
                }
                body.push_str("</g>");
            }
            Item::Rect { x, y, w, h, stroke, fill, line_width } => {
                let fill = fill.map(rgb).unwrap_or_else(|| "none".into());
                let stroke = stroke.map(rgb).unwrap_or_else(|| "none".into());
                let _ = write!(
                    body,
                    r#"<rect x="{x:.2}" y="{y:.2}" width="{w:.2}" height="{h:.2}" fill="{fill}" stroke="{stroke}" stroke-width="{line_width}"/>"#
                );
            }
            Item::Line { x1, y1, x2, y2, color, width } => {
                let _ = write!(
                    body,
                    r#"<line x1="{x1:.2}" y1="{y1:.2}" x2="{x2:.2}" y2="{y2:.2}" stroke="{}" stroke-width="{width}"/>"#,
                    rgb(*color)
                );
            }
            Item::Image { x, y, h } => {
                let _ = write!(
                    body,
                    r##"<rect x="{x:.2}" y="{y:.2}" width="{h:.2}" height="{h:.2}" fill="#eee" stroke="#ccc"/>"##
                );
            }
        }
    }
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.2} {h:.2}" width="{w:.2}" height="{h:.2}"><rect width="100%" height="100%" fill="white"/><defs>{defs}</defs>{body}</svg>"#,
        w = page.width,
        h = page.height
    )
}
