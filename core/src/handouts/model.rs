//! What a printed sheet says, before it is laid out: a plain document model. Templates and the
//! homework sheet build one of these; `layout` turns it into pages and `pdf` into bytes.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Paper sizes a clinic prints on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Paper {
    A4,
    Letter,
}

impl Paper {
    /// Width and height in points.
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "letter",
        }
    }

    pub fn from_code(code: &str) -> Option<Paper> {
        match code {
            "a4" => Some(Paper::A4),
            "letter" => Some(Paper::Letter),
            _ => None,
        }
    }
}

/// The clinic's name and contact details at the top of the first page. A discreet sheet may
/// leave the name off.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Letterhead {
    pub clinic_name: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    /// A PNG image, drawn at the left of the letterhead.
    pub logo_png: Option<Vec<u8>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub paper: Paper,
    pub letterhead: Letterhead,
    pub title: String,
    /// A line under the title, e.g. who the sheet is for and the date.
    pub subtitle: Option<String>,
    /// Repeated at the top of every page after the first.
    pub running_header: String,
    /// Repeated at the bottom of every page, left of "Page 1 of 2".
    pub footer: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section heading. Never left alone at the bottom of a page.
    Heading(String),
    /// A smaller heading, e.g. one homework task's title.
    Subheading(String),
    Paragraph(String),
    /// A short line in a muted colour, e.g. who a task is for.
    Detail(String),
    /// A shaded box for something to keep in mind.
    Note(String),
    Bullets(Vec<String>),
    Numbered(Vec<String>),
    Checklist(Vec<String>),
    /// Label and value pairs in two columns (next appointment, counsellor, phone).
    Facts(Vec<(String, String)>),
    /// A tick grid: one row per task, one column per day.
    TickGrid {
        rows: Vec<String>,
        columns: Vec<String>,
    },
    /// A box to write in, `lines` ruled lines tall.
    WriteBox {
        label: String,
        lines: u8,
    },
    /// A table: column headings, each with its share of the width (any positive numbers; they
    /// are scaled to the page), then rows of cells that wrap. A row is never split across
    /// pages, and the headings are repeated at the top of a page the table continues on.
    Table {
        columns: Vec<(String, f32)>,
        rows: Vec<Vec<String>>,
    },
    /// A dashed line across the page with a short label, to cut a slip off the sheet (an
    /// appointment card printed at the top of the clinic's paper).
    CutLine(String),
}
