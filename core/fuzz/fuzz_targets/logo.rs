//! The clinic's logo, a file the administrator chooses: the check before it is kept (the PNG
//! decoder the PDF writer uses). Never a panic; never more memory than libFuzzer allows.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = rekindle_core::handouts::check_logo(data);
    // The signature is what a real file has; most inputs should get past it to the decoder.
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(data);
    let _ = rekindle_core::handouts::check_logo(&png);
});
