//! A counsellor's schedule as an iCalendar file (RFC 5545).
