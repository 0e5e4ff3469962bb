//! Handouts: see mod docs (being written).
