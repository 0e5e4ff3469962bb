//! The calendar's text inputs: days, clock times, local date-times, time-zone names and the
//! appointment keys the calendar hands back. Never a panic; what parses prints back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rekindle_core::scheduling::time;
use rekindle_core::scheduling::AppointmentRef;

fuzz_target!(|data: &str| {
    if let Some(d) = time::parse_day(data) {
        assert_eq!(time::parse_day(&d.to_string()), Some(d));
        let _ = time::long_day(d);
        let _ = time::to_naive(d);
    }
    if let Some(t) = time::parse_clock(data) {
        assert_eq!(time::parse_clock(&time::fmt_clock(t)), Some(t));
    }
    if let Some(dt) = time::parse_local(data) {
        assert_eq!(time::parse_local(&time::fmt_local(dt)), Some(dt));
        let _ = time::long_when(dt);
        if let Ok(tz) = time::zone("Europe/London") {
            if let Ok(secs) = time::to_utc(&tz, dt) {
                let _ = time::to_local(&tz, secs);
            }
        }
    }
    if let Ok(tz) = time::zone(data) {
        let _ = time::to_local(&tz, 0);
    }
    if let Ok(r) = AppointmentRef::parse(data) {
        assert_eq!(AppointmentRef::parse(&r.key()).ok(), Some(r));
    }
});
