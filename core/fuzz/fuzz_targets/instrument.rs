//! A questionnaire a clinic imports as JSON (`rekindle-admin instrument import`): the document
//! as read, then every check made before anything is written. Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rekindle_core::error::Error;
use rekindle_core::measures::{check_definition, InstrumentDefinition};

fuzz_target!(|data: &[u8]| {
    let Ok(def) = serde_json::from_slice::<InstrumentDefinition>(data) else { return };
    for taken in [false, true] {
        match check_definition(&def, taken) {
            Ok(()) => assert!(!taken, "a taken code was accepted"),
            Err(Error::Validation(fields)) => assert!(!fields.is_empty()),
            Err(other) => panic!("not a validation error: {other:?}"),
        }
    }
});
