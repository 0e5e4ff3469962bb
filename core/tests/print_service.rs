//! Print service tests (being written).
