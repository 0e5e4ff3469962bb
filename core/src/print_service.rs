//! The operating system print service (being written).
