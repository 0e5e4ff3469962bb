//! Lays a [`Document`] out on pages: word wrap on the shaped glyph widths, lists, check boxes,
//! tick grids, writing boxes, tables (headings repeated on each page) and cut lines, page breaks
//! that keep a heading with what follows it, the letterhead on the first page, a running header on
//! the others and a footer with "Page 1 of 2" on every page. Pure: the same document always gives
//! the same pages.
//!
//! Coordinates are points from the page's top-left corner, y growing downwards; text `y` is the
//! baseline. `pdf` flips them into PDF space.

use std::collections::BTreeMap;

use super::fonts::{self, Shaped, Style};
use super::model::{Block, Document};

/// A colour as RGB in 0..=1.
pub type Rgb = (f32, f32, f32);

pub const INK: Rgb = (0.13, 0.13, 0.15);
pub const MUTED: Rgb = (0.38, 0.38, 0.42);
pub const ACCENT: Rgb = (0.55, 0.25, 0.22);
const RULE: Rgb = (0.72, 0.70, 0.68);
const NOTE_FILL: Rgb = (0.96, 0.93, 0.89);

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text { x: f32, y: f32, size: f32, color: Rgb, shaped: Shaped },
    Rect { x: f32, y: f32, w: f32, h: f32, stroke: Option<Rgb>, fill: Option<Rgb>, line_width: f32 },
    Line { x1: f32, y1: f32, x2: f32, y2: f32, color: Rgb, width: f32 },
    Image { x: f32, y: f32, h: f32 },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub items: Vec<Item>,
}

impl Page {
    /// The page's text in drawing order, words joined by spaces (for tests and checks).
    pub fn text(&self) -> String {
        let mut out = Vec::new();
        for item in &self.items {
            if let Item::Text { shaped, .. } = item {
                out.push(shaped.glyphs.iter().map(|g| g.text.as_str()).collect::<String>());
            }
        }
        out.join(" ")
    }
}

const MARGIN_X: f32 = 54.0;
const MARGIN_TOP: f32 = 50.0;
const MARGIN_BOTTOM: f32 = 56.0;
const BODY: f32 = 10.5;
const LEADING: f32 = 1.38;

/// A piece of the flow that is never split across pages.
struct Chunk {
    height: f32,
    /// Space above, dropped at the top of a page.
    space_before: f32,
    items: Vec<Item>,
    keep_with_next: bool,
}

struct Flow {
    width: f32,
    chunks: Vec<Chunk>,
    /// A table row's chunk -> its table's heading chunk, drawn again above the row when the
    /// row starts a page.
    repeat: BTreeMap<usize, usize>,
}

fn text(x: f32, y: f32, s: &str, style: Style, size: f32, color: Rgb) -> Item {
    Item::Text { x, y, size, color, shaped: fonts::shape(s, style, size) }
}

/// Breaks `s` into lines no wider than `width`, on spaces, using shaped widths. A word longer
/// than a line is put on its own line.
pub fn wrap(s: &str, style: Style, size: f32, width: f32) -> Vec<Vec<Shaped>> {
    let space = fonts::space_width(style, size);
    let mut lines: Vec<Vec<Shaped>> = Vec::new();
    let mut line: Vec<Shaped> = Vec::new();
    let mut used = 0.0;
    for word in s.split_whitespace() {
        let shaped = fonts::shape(word, style, size);
        if shaped.glyphs.is_empty() {
            continue;
        }
        let need = if line.is_empty() { shaped.width } else { used + space + shaped.width };
        if !line.is_empty() && need > width {
            lines.push(std::mem::take(&mut line));
            used = shaped.width;
        } else {
            used = need;
        }
        line.push(shaped);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Joins shaped words into one line item, with a space glyph between words so the PDF's text
/// reads back with spaces.
fn line_item(x: f32, y: f32, words: Vec<Shaped>, style: Style, size: f32, color: Rgb) -> Item {
    let space = fonts::shape(" ", style, size);
    let mut line = Shaped::default();
    for (i, word) in words.into_iter().enumerate() {
        if i > 0 {
            for g in &space.glyphs {
                let mut g = g.clone();
                g.x += line.width;
                line.glyphs.push(g);
            }
            line.width += space.width;
        }
        for mut g in word.glyphs {
            g.x += line.width;
            line.glyphs.push(g);
        }
        line.width += word.width;
    }
    Item::Text { x, y, size, color, shaped: line }
}

impl Flow {
    fn push(&mut self, chunk: Chunk) {
        self.chunks.push(chunk);
    }

    /// Wrapped text as one chunk per line (a paragraph may break between lines).
    fn lines(&mut self, s: &str, style: Style, size: f32, color: Rgb, indent: f32, space_before: f32) {
        let lh = size * LEADING;
        for (i, words) in wrap(s, style, size, self.width - indent).into_iter().enumerate() {
            self.push(Chunk {
                height: lh,
                space_before: if i == 0 { space_before } else { 0.0 },
                items: vec![line_item(MARGIN_X + indent, size, words, style, size, color)],
                keep_with_next: false,
            });
        }
    }

    /// A list entry: a marker in the gutter and wrapped text; the first line keeps with the next.
    fn entry(&mut self, marker: Marker, s: &str, space_before: f32) {
        let indent = 18.0;
        let lh = BODY * LEADING;
        let lines = wrap(s, Style::Regular, BODY, self.width - indent);
        for (i, words) in lines.into_iter().enumerate() {
            let mut items = vec![line_item(MARGIN_X + indent, BODY, words, Style::Regular, BODY, INK)];
            if i == 0 {
                match &marker {
                    Marker::Bullet => items.push(text(MARGIN_X + 5.0, BODY, "•", Style::Bold, BODY, ACCENT)),
                    Marker::Number(n) => {
                        items.push(text(MARGIN_X + 1.0, BODY, &format!("{n}."), Style::Bold, BODY, ACCENT))
                    }
                    Marker::Box => items.push(Item::Rect {
                        x: MARGIN_X + 2.0,
                        y: BODY - 8.5,
                        w: 9.0,
                        h: 9.0,
                        stroke: Some(INK),
                        fill: None,
                        line_width: 0.8,
                    }),
                }
            }
            self.push(Chunk {
                height: lh,
                space_before: if i == 0 { space_before } else { 0.0 },
                items,
                keep_with_next: false,
            });
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading(s) => {
                let size = 13.5;
                let mut lines = wrap(s, Style::Bold, size, self.width);
                let last = lines.len().saturating_sub(1);
                for (i, words) in lines.drain(..).enumerate() {
                    self.push(Chunk {
                        height: size * 1.3,
                        space_before: if i == 0 { 16.0 } else { 0.0 },
                        items: vec![line_item(MARGIN_X, size, words, Style::Bold, size, ACCENT)],
                        keep_with_next: true,
                    });
                    if i == last {
                        // a thin rule under the heading, kept with it
                        if let Some(c) = self.chunks.last_mut() {
                            c.height += 4.0;
                            c.items.push(Item::Line {
                                x1: MARGIN_X,
                                y1: size * 1.3 + 1.0,
                                x2: MARGIN_X + self.width,
                                y2: size * 1.3 + 1.0,
                                color: RULE,
                                width: 0.6,
                            });
                        }
                    }
                }
            }
            Block::Subheading(s) => {
                let size = 11.5;
                for (i, words) in wrap(s, Style::Bold, size, self.width).into_iter().enumerate() {
                    self.push(Chunk {
                        height: size * 1.35,
                        space_before: if i == 0 { 10.0 } else { 0.0 },
                        items: vec![line_item(MARGIN_X, size, words, Style::Bold, size, INK)],
                        keep_with_next: true,
                    });
                }
            }
            Block::Paragraph(s) => self.lines(s, Style::Regular, BODY, INK, 0.0, 5.0),
            Block::Detail(s) => {
                self.lines(s, Style::Italic, 9.5, MUTED, 0.0, 1.0);
            }
            Block::Note(s) => {
                let pad = 7.0;
                let size = 10.0;
                let lh = size * LEADING;
                let lines = wrap(s, Style::Italic, size, self.width - 2.0 * pad - 4.0);
                let h = lines.len() as f32 * lh + 2.0 * pad - 3.0;
                let mut items = vec![
                    Item::Rect {
                        x: MARGIN_X,
                        y: 0.0,
                        w: self.width,
                        h,
                        stroke: None,
                        fill: Some(NOTE_FILL),
                        line_width: 0.0,
                    },
                    Item::Rect { x: MARGIN_X, y: 0.0, w: 3.0, h, stroke: None, fill: Some(ACCENT), line_width: 0.0 },
                ];
                for (i, words) in lines.into_iter().enumerate() {
                    items.push(line_item(
                        MARGIN_X + pad + 4.0,
                        pad + size * 0.8 + i as f32 * lh,
                        words,
                        Style::Italic,
                        size,
                        INK,
                    ));
                }
                self.push(Chunk { height: h, space_before: 8.0, items, keep_with_next: false });
            }
            Block::Bullets(items) => {
                for (i, s) in items.iter().enumerate() {
                    self.entry(Marker::Bullet, s, if i == 0 { 4.0 } else { 2.0 });
                }
            }
            Block::Numbered(items) => {
                for (i, s) in items.iter().enumerate() {
                    self.entry(Marker::Number(i + 1), s, if i == 0 { 4.0 } else { 2.0 });
                }
            }
            Block::Checklist(items) => {
                for (i, s) in items.iter().enumerate() {
                    self.entry(Marker::Box, s, if i == 0 { 5.0 } else { 4.0 });
                }
            }
            Block::Facts(pairs) => {
                // The labels' column is as wide as its widest label needs, from 130 pt up to
                // 40 % of the line, so a long label never runs into its value.
                let widest = pairs.iter().map(|(l, _)| fonts::shape(l, Style::Bold, BODY).width).fold(0.0, f32::max);
                let label_w = (widest + 14.0).clamp(130.0, self.width * 0.4);
                for (i, (label, value)) in pairs.iter().enumerate() {
                    let lines = wrap(value, Style::Regular, BODY, self.width - label_w);
                    let lh = BODY * LEADING;
                    let mut items = vec![text(MARGIN_X, BODY, label, Style::Bold, BODY, INK)];
                    let n = lines.len().max(1);
                    for (j, words) in lines.into_iter().enumerate() {
                        items.push(line_item(
                            MARGIN_X + label_w,
                            BODY + j as f32 * lh,
                            words,
                            Style::Regular,
                            BODY,
                            INK,
                        ));
                    }
                    self.push(Chunk {
                        height: n as f32 * lh,
                        space_before: if i == 0 { 6.0 } else { 1.0 },
                        items,
                        keep_with_next: false,
                    });
                }
            }
            Block::TickGrid { rows, columns } => self.grid(rows, columns),
            Block::Table { columns, rows } => self.table(columns, rows),
            Block::CutLine(label) => self.cut_line(label),
            Block::WriteBox { label, lines } => {
                let lh = 20.0;
                let label_h = BODY * 1.5;
                let box_h = f32::from((*lines).max(1)) * lh + 6.0;
                let mut items = vec![
                    text(MARGIN_X, BODY, label, Style::Bold, BODY, INK),
                    Item::Rect {
                        x: MARGIN_X,
                        y: label_h,
                        w: self.width,
                        h: box_h,
                        stroke: Some(RULE),
                        fill: None,
                        line_width: 0.8,
                    },
                ];
                for l in 1..(*lines).max(1) {
                    let y = label_h + f32::from(l) * lh + 3.0;
                    items.push(Item::Line {
                        x1: MARGIN_X + 8.0,
                        y1: y,
                        x2: MARGIN_X + self.width - 8.0,
                        y2: y,
                        color: (0.85, 0.84, 0.82),
                        width: 0.5,
                    });
                }
                self.push(Chunk { height: label_h + box_h, space_before: 12.0, items, keep_with_next: false });
            }
        }
    }

    /// A tick grid: task names down the left, one box per day. More than fourteen days make
    /// several grids, so boxes stay big enough to tick.
    fn grid(&mut self, rows: &[String], columns: &[String]) {
        const MAX_COLUMNS: usize = 14;
        let label_w = (self.width * 0.34).min(190.0);
        let cell_h: f32 = 20.0;
        let head_size = 7.5;
        for (g, cols) in columns.chunks(MAX_COLUMNS).enumerate() {
            let cell_w = ((self.width - label_w) / cols.len().max(1) as f32).min(34.0);
            let mut head = Vec::new();
            for (c, col) in cols.iter().enumerate() {
                let x = MARGIN_X + label_w + c as f32 * cell_w;
                // A column label like "Mon 12" is written on two short lines.
                let mut parts = col.splitn(2, ' ');
                let first = parts.next().unwrap_or_default();
                let second = parts.next().unwrap_or_default();
                for (k, part) in [first, second].iter().enumerate() {
                    let shaped = fonts::shape(part, Style::Bold, head_size);
                    let cx = x + (cell_w - shaped.width) / 2.0;
                    head.push(Item::Text {
                        x: cx,
                        y: head_size + k as f32 * head_size * 1.2,
                        size: head_size,
                        color: MUTED,
                        shaped,
                    });
                }
            }
            self.push(Chunk {
                height: head_size * 2.6,
                space_before: if g == 0 { 8.0 } else { 12.0 },
                items: head,
                keep_with_next: true,
            });
            for (r, row) in rows.iter().enumerate() {
                let lines = wrap(row, Style::Regular, 9.5, label_w - 8.0);
                let h = cell_h.max(lines.len() as f32 * 9.5 * 1.25 + 8.0);
                let mut items = Vec::new();
                let fill = if r % 2 == 0 { Some((0.975, 0.965, 0.955)) } else { None };
                items.push(Item::Rect {
                    x: MARGIN_X,
                    y: 0.0,
                    w: label_w + cols.len() as f32 * cell_w,
                    h,
                    stroke: None,
                    fill,
                    line_width: 0.0,
                });
                for (j, words) in lines.into_iter().enumerate() {
                    items.push(line_item(
                        MARGIN_X + 4.0,
                        13.0 + j as f32 * 9.5 * 1.25,
                        words,
                        Style::Regular,
                        9.5,
                        INK,
                    ));
                }
                for c in 0..cols.len() {
                    let x = MARGIN_X + label_w + c as f32 * cell_w;
                    let side = (cell_w - 10.0).clamp(8.0, 13.0);
                    items.push(Item::Rect {
                        x: x + (cell_w - side) / 2.0,
                        y: (h - side) / 2.0,
                        w: side,
                        h: side,
                        stroke: Some(INK),
                        fill: Some((1.0, 1.0, 1.0)),
                        line_width: 0.7,
                    });
                }
                self.push(Chunk { height: h, space_before: 0.0, items, keep_with_next: false });
            }
        }
    }
}

impl Flow {
    /// A table: headings in small bold type over a rule, then one chunk per row with the cells
    /// wrapped in their columns and every other row shaded.
    fn table(&mut self, columns: &[(String, f32)], rows: &[Vec<String>]) {
        const SIZE: f32 = 9.0;
        const HEAD: f32 = 8.0;
        const PAD: f32 = 4.0;
        let total: f32 = columns.iter().map(|(_, w)| w.max(0.0)).sum();
        if columns.is_empty() || total <= 0.0 {
            return;
        }
        let widths: Vec<f32> = columns.iter().map(|(_, w)| w.max(0.0) / total * self.width).collect();
        let mut xs = Vec::with_capacity(widths.len());
        let mut x = MARGIN_X;
        for w in &widths {
            xs.push(x);
            x += w;
        }
        let cell_lines = |s: &str, style: Style, size: f32, w: f32| wrap(s, style, size, (w - 2.0 * PAD).max(10.0));

        let head_lh = HEAD * 1.25;
        let heads: Vec<Vec<Vec<Shaped>>> =
            columns.iter().zip(&widths).map(|((h, _), w)| cell_lines(h, Style::Bold, HEAD, *w)).collect();
        let n = heads.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let head_h = n as f32 * head_lh + PAD + 3.0;
        let mut items = Vec::new();
        for (lines, x) in heads.into_iter().zip(&xs) {
            for (j, words) in lines.into_iter().enumerate() {
                items.push(line_item(x + PAD, PAD + HEAD * 0.8 + j as f32 * head_lh, words, Style::Bold, HEAD, MUTED));
            }
        }
        items.push(Item::Line {
            x1: MARGIN_X,
            y1: head_h,
            x2: MARGIN_X + self.width,
            y2: head_h,
            color: INK,
            width: 0.8,
        });
        let head = self.chunks.len();
        self.push(Chunk { height: head_h + 1.0, space_before: 8.0, items, keep_with_next: true });

        let lh = SIZE * 1.3;
        for (r, row) in rows.iter().enumerate() {
            let cells: Vec<Vec<Vec<Shaped>>> = widths
                .iter()
                .enumerate()
                .map(|(c, w)| cell_lines(row.get(c).map(String::as_str).unwrap_or(""), Style::Regular, SIZE, *w))
                .collect();
            let n = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let h = n as f32 * lh + 2.0 * PAD;
            let mut items = Vec::new();
            if r % 2 == 1 {
                items.push(Item::Rect {
                    x: MARGIN_X,
                    y: 0.0,
                    w: self.width,
                    h,
                    stroke: None,
                    fill: Some((0.965, 0.955, 0.945)),
                    line_width: 0.0,
                });
            }
            for (lines, x) in cells.into_iter().zip(&xs) {
                for (j, words) in lines.into_iter().enumerate() {
                    items.push(line_item(x + PAD, PAD + SIZE * 0.95 + j as f32 * lh, words, Style::Regular, SIZE, INK));
                }
            }
            items.push(Item::Line { x1: MARGIN_X, y1: h, x2: MARGIN_X + self.width, y2: h, color: RULE, width: 0.4 });
            self.push(Chunk { height: h, space_before: 0.0, items, keep_with_next: false });
            self.repeat.insert(self.chunks.len() - 1, head);
        }
    }

    /// A dashed line from edge to edge of the paper (a little inside it), with its label in the
    /// middle.
    fn cut_line(&mut self, label: &str) {
        let size = 7.5;
        let mid = 9.0;
        let shaped = fonts::shape(label, Style::Italic, size);
        let (left, right) = (MARGIN_X * 0.35, MARGIN_X * 1.65 + self.width);
        let label_x = MARGIN_X + (self.width - shaped.width) / 2.0;
        let (gap_from, gap_to) =
            if shaped.glyphs.is_empty() { (0.0, 0.0) } else { (label_x - 6.0, label_x + shaped.width + 6.0) };
        let mut items = Vec::new();
        let (dash, space) = (5.0, 3.5);
        let mut x = left;
        while x < right {
            let end = (x + dash).min(right);
            if end <= gap_from || x >= gap_to {
                items.push(Item::Line { x1: x, y1: mid, x2: end, y2: mid, color: MUTED, width: 0.6 });
            }
            x += dash + space;
        }
        items.push(Item::Text { x: label_x, y: mid + size * 0.35, size, color: MUTED, shaped });
        self.push(Chunk { height: 2.0 * mid, space_before: 22.0, items, keep_with_next: false });
    }
}

enum Marker {
    Bullet,
    Number(usize),
    Box,
}

fn shift(item: &Item, dy: f32) -> Item {
    let mut item = item.clone();
    match &mut item {
        Item::Text { y, .. } | Item::Image { y, .. } | Item::Rect { y, .. } => *y += dy,
        Item::Line { y1, y2, .. } => {
            *y1 += dy;
            *y2 += dy;
        }
    }
    item
}

/// The height of the letterhead and title block on the first page.
fn first_page_head(doc: &Document, width: f32, items: &mut Vec<Item>) -> f32 {
    let (page_w, _) = doc.paper.size_pt();
    let mut y = MARGIN_TOP;
    let mut left = MARGIN_X;
    let lh = &doc.letterhead;
    if lh.logo_png.is_some() {
        items.push(Item::Image { x: MARGIN_X, y, h: 40.0 });
        left += 52.0;
    }
    let mut head_h: f32 = if lh.logo_png.is_some() { 40.0 } else { 0.0 };
    let mut ty = y + 13.0;
    if let Some(name) = &lh.clinic_name {
        items.push(text(left, ty, name, Style::Bold, 13.0, ACCENT));
        ty += 14.0;
    }
    // Address and phone at the right, in small type.
    let mut ry = y + 9.0;
    for line in lh.address.iter().flat_map(|a| a.lines()).chain(lh.phone.iter().map(|p| p.as_str())) {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let shaped = fonts::shape(line, Style::Regular, 8.5);
        items.push(Item::Text { x: page_w - MARGIN_X - shaped.width, y: ry, size: 8.5, color: MUTED, shaped });
        ry += 11.0;
    }
    head_h = head_h.max(ty - y - 10.0).max(ry - y - 8.0);
    if head_h > 0.0 {
        y += head_h + 10.0;
        items.push(Item::Line { x1: MARGIN_X, y1: y, x2: MARGIN_X + width, y2: y, color: ACCENT, width: 1.2 });
        y += 14.0;
    }
    for words in wrap(&doc.title, Style::Bold, 20.0, width) {
        y += 22.0;
        items.push(line_item(MARGIN_X, y, words, Style::Bold, 20.0, INK));
    }
    if let Some(sub) = &doc.subtitle {
        y += 16.0;
        items.push(text(MARGIN_X, y, sub, Style::Regular, 10.5, MUTED));
    }
    y + 10.0
}

fn running_head(doc: &Document, width: f32, items: &mut Vec<Item>) -> f32 {
    let y = MARGIN_TOP;
    items.push(text(MARGIN_X, y, &doc.running_header, Style::Italic, 8.5, MUTED));
    items.push(Item::Line { x1: MARGIN_X, y1: y + 5.0, x2: MARGIN_X + width, y2: y + 5.0, color: RULE, width: 0.5 });
    y + 18.0
}

/// Draws the headings of the table that chunk `k` is a row of, at the top of a new page.
fn repeat_head(flow: &Flow, k: usize, y: f32, items: &mut Vec<Item>) -> f32 {
    match flow.repeat.get(&k).and_then(|h| flow.chunks.get(*h)) {
        Some(head) => {
            items.extend(head.items.iter().map(|item| shift(item, y)));
            y + head.height
        }
        None => y,
    }
}

/// Lays the document out on pages.
pub fn layout(doc: &Document) -> Vec<Page> {
    let (page_w, page_h) = doc.paper.size_pt();
    let width = page_w - 2.0 * MARGIN_X;
    let mut flow = Flow { width, chunks: Vec::new(), repeat: BTreeMap::new() };
    for block in &doc.blocks {
        flow.block(block);
    }
    let bottom = page_h - MARGIN_BOTTOM;

    let mut pages: Vec<Vec<Item>> = Vec::new();
    let mut items = Vec::new();
    let mut y = first_page_head(doc, width, &mut items);
    let mut at_top = true;
    let chunks = &flow.chunks;
    let mut i = 0;
    while i < chunks.len() {
        // The chunk and everything it must keep with: a heading never ends a page.
        let mut j = i;
        let mut need = chunks[i].space_before + chunks[i].height;
        while chunks[j].keep_with_next && j + 1 < chunks.len() {
            j += 1;
            need += chunks[j].space_before + chunks[j].height;
        }
        if y + need > bottom && !at_top {
            pages.push(std::mem::take(&mut items));
            y = running_head(doc, width, &mut items);
            y = repeat_head(&flow, i, y, &mut items);
            at_top = true;
        }
        for (k, chunk) in chunks.iter().enumerate().take(j + 1).skip(i) {
            if !at_top {
                y += chunk.space_before;
            }
            if y + chunk.height > bottom && !at_top {
                pages.push(std::mem::take(&mut items));
                y = running_head(doc, width, &mut items);
                y = repeat_head(&flow, k, y, &mut items);
            }
            for item in &chunk.items {
                items.push(shift(item, y));
            }
            y += chunk.height;
            at_top = false;
        }
        i = j + 1;
    }
    pages.push(items);

    let total = pages.len();
    pages
        .into_iter()
        .enumerate()
        .map(|(n, mut items)| {
            let fy = page_h - MARGIN_BOTTOM + 26.0;
            items.push(Item::Line {
                x1: MARGIN_X,
                y1: fy - 12.0,
                x2: MARGIN_X + width,
                y2: fy - 12.0,
                color: RULE,
                width: 0.5,
            });
            items.push(text(MARGIN_X, fy, &doc.footer, Style::Regular, 8.0, MUTED));
            let label = format!("Page {} of {}", n + 1, total);
            let shaped = fonts::shape(&label, Style::Regular, 8.0);
            items.push(Item::Text { x: page_w - MARGIN_X - shaped.width, y: fy, size: 8.0, color: MUTED, shaped });
            Page { width: page_w, height: page_h, items }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handouts::model::{Letterhead, Paper};

    fn doc(blocks: Vec<Block>) -> Document {
        Document {
            paper: Paper::A4,
            letterhead: Letterhead::default(),
            title: "Sheet".into(),
            subtitle: None,
            running_header: "Sheet".into(),
            footer: String::new(),
            blocks,
        }
    }

    #[test]
    fn a_long_table_repeats_its_headings_on_every_page_and_never_splits_a_row() {
        let columns = vec![("Start".to_owned(), 1.0), ("Who".to_owned(), 3.0), ("Note".to_owned(), 2.0)];
        let rows: Vec<Vec<String>> = (0..80)
            .map(|i| {
                vec![
                    format!("{:02}:00", i % 24),
                    format!("Person{i} Someone and a partner with a long name"),
                    if i % 7 == 0 {
                        "A note that is long enough to wrap onto a second line of its cell".into()
                    } else {
                        String::new()
                    },
                ]
            })
            .collect();
        let pages = layout(&doc(vec![Block::Heading("Alex".into()), Block::Table { columns, rows }]));
        assert!(pages.len() >= 3, "80 rows take several pages");
        for (n, p) in pages.iter().enumerate() {
            let text = p.text();
            assert!(text.contains("Start Who Note"), "page {} has the table's headings:\n{text}", n + 1);
        }
        // Every row's name is on exactly one page, whole.
        for i in 0..80 {
            let needle = format!("Person{i} Someone");
            assert_eq!(pages.iter().filter(|p| p.text().contains(&needle)).count(), 1, "{needle}");
        }
        // Nothing is drawn below the bottom margin but the footer.
        for p in &pages {
            let footer = p.height - MARGIN_BOTTOM + 26.0;
            for item in &p.items {
                if let Item::Text { y, .. } = item {
                    assert!(*y <= p.height - MARGIN_BOTTOM || (*y - footer).abs() < 0.01, "text at {y}");
                }
            }
        }
    }

    #[test]
    fn a_cut_line_is_dashed_across_the_page_with_its_label() {
        let pages = layout(&doc(vec![Block::Paragraph("Card".into()), Block::CutLine("Cut along this line".into())]));
        assert_eq!(pages.len(), 1);
        let dashes = pages[0]
            .items
            .iter()
            .filter(|i| matches!(i, Item::Line { width, .. } if (*width - 0.6).abs() < 0.01))
            .count();
        assert!(dashes > 40, "{dashes} dashes");
        assert!(pages[0].text().contains("Cut along this line"));
    }
}
