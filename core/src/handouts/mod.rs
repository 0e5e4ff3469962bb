//! Handouts: the printed sheets a client takes home.
//!
//! - [`markup`]: the template format an administrator edits; [`compose`]: template + what the
//!   clinic knows -> a [`model::Document`], with discretion and cautions applied;
//! - [`layout`]: the document on pages (pure); [`pdf`]: pages -> PDF bytes with printpdf;
//!   [`svg`]: the same pages as SVG for the in-app preview; [`fonts`]: embedded fonts and shaping.
//! - [`store`]: templates (versioned), the clinic's print settings, the record of every print,
//!   and rendering a client's sheet with the role checks and audit entries that go with it.

pub mod compose;
pub mod fonts;
pub mod html;
pub mod layout;
pub mod markup;
pub mod model;
pub mod pdf;
pub mod store;
pub mod svg;

pub use store::*;
