//! The handout template markup an administrator types: the parser and the whole check a
//! template gets before it is saved. Never a panic; an error names a line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rekindle_core::handouts::{markup, validate_template, TemplateInput};

fuzz_target!(|data: &str| {
    if let Ok(nodes) = markup::parse(data) {
        // Whatever parsed has a shape the rest of the code can walk.
        let _ = format!("{nodes:?}");
    }
    let _ = markup::fill(data, |name| name.to_uppercase());
    // The same text as a whole template: a title, a discreet title and a body, split at the
    // first two record separators (or all body).
    let mut parts = data.splitn(3, '\u{1e}');
    let (a, b, c) = (parts.next(), parts.next(), parts.next());
    let input = match (a, b, c) {
        (Some(t), Some(d), Some(body)) => {
            TemplateInput { title: t.into(), discreet_title: d.into(), body: body.into() }
        }
        _ => TemplateInput { title: "Title".into(), discreet_title: "Notes".into(), body: data.into() },
    };
    for kind in ["homework", "education"] {
        let _ = validate_template(kind, &input);
    }
});
