//! Handout tests (being written).
