//! The small text format handout templates are written in, so an administrator can edit them in
//! the app. One construct per line:
//!
//! ```text
//! # A heading
//! Plain lines make a paragraph; a blank line ends it.
//! - a bullet
//! 1. a numbered step
//! [ ] a check box
//! > a note in a shaded box
//! {box 4 What I noticed}        a box to write in, 4 lines tall, with its label
//! {tasks}                       the homework tasks given at the latest session
//! {grid}                        a tick grid: the tasks by the days until the next appointment
//! {appointment}                 next appointment, counsellor and the clinic's phone
//! {if caution avoid_estrogen} ... {end}     only while that caution is in force
//! {unless caution avoid_estrogen} ... {end} only while it is not
//! {if full} ... {end}           only on a sheet that is not discreet
//! {if diagnosis} ... {end}      only when the counsellor ticked that the diagnosis may be printed
//! ```
//!
//! Text may hold placeholders: {first_name}, {name}, {counsellor}, {clinic}, {clinic_phone},
//! {next_appointment}, {today}, and {diagnosis} (inside `{if diagnosis}` only). Parsing checks
//! all of it and reports the line and what is wrong; it never panics, whatever the input.

use crate::cautions::code as caution_codes;

/// Placeholders a template may use in its text.
pub const PLACEHOLDERS: [&str; 8] =
    ["first_name", "name", "counsellor", "clinic", "clinic_phone", "next_appointment", "today", "diagnosis"];

const MAX_LEN: usize = 20_000;
const MAX_DEPTH: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    Caution(String),
    Full,
    Diagnosis,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Heading(String),
    Paragraph(String),
    Bullets(Vec<String>),
    Numbered(Vec<String>),
    Checklist(Vec<String>),
    Note(String),
    WriteBox { lines: u8, label: String },
    Tasks,
    Grid,
    Appointment,
    When { condition: Condition, negated: bool, body: Vec<Node> },
}

/// A problem in a template, with its 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkupError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for MarkupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.message)
        } else {
            write!(f, "Line {}: {}", self.line, self.message)
        }
    }
}

fn err(line: usize, message: impl Into<String>) -> MarkupError {
    MarkupError { line, message: message.into() }
}

/// Checks the placeholders in one line of text.
fn check_placeholders(text: &str, line: usize, diagnosis_ok: bool) -> Result<(), MarkupError> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err(err(line, "a “{” is never closed with “}”"));
        };
        let name = &after[..close];
        if !PLACEHOLDERS.contains(&name) {
            return Err(err(line, format!("“{{{name}}}” is not a placeholder this template can use")));
        }
        if name == "diagnosis" && !diagnosis_ok {
            return Err(err(line, "{diagnosis} may only appear inside {if diagnosis} … {end}"));
        }
        rest = &after[close + 1..];
    }
    if rest.contains('}') {
        return Err(err(line, "a “}” has no opening “{”"));
    }
    Ok(())
}

struct Frame {
    condition: Option<(Condition, bool)>,
    line: usize,
    nodes: Vec<Node>,
}

/// Parses a template body.
pub fn parse(body: &str) -> Result<Vec<Node>, MarkupError> {
    if body.len() > MAX_LEN {
        return Err(err(0, format!("A template can be at most {MAX_LEN} characters long.")));
    }
    let mut stack: Vec<Frame> = vec![Frame { condition: None, line: 0, nodes: Vec::new() }];
    let mut paragraph: Vec<String> = Vec::new();
    let mut note: Vec<String> = Vec::new();

    fn flush(paragraph: &mut Vec<String>, note: &mut Vec<String>, nodes: &mut Vec<Node>) {
        if !paragraph.is_empty() {
            nodes.push(Node::Paragraph(paragraph.join(" ")));
            paragraph.clear();
        }
        if !note.is_empty() {
            nodes.push(Node::Note(note.join(" ")));
            note.clear();
        }
    }

    for (i, raw) in body.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        let diagnosis_ok = stack.iter().any(|f| matches!(f.condition, Some((Condition::Diagnosis, false))));
        let Some(frame) = stack.last_mut() else { return Err(err(n, "the template's structure is broken")) };
        if line.is_empty() {
            flush(&mut paragraph, &mut note, &mut frame.nodes);
            continue;
        }
        if let Some(rest) = line.strip_prefix("> ").or_else(|| (line == ">").then_some("")) {
            if !paragraph.is_empty() {
                flush(&mut paragraph, &mut Vec::new(), &mut frame.nodes);
            }
            check_placeholders(rest, n, diagnosis_ok)?;
            note.push(rest.trim().to_owned());
            continue;
        }
        let directive = line.starts_with('{') && line.ends_with('}') && !is_placeholder_line(line);
        let structural = directive
            || line.starts_with("# ")
            || line.starts_with("- ")
            || line.starts_with("[ ] ")
            || numbered(line).is_some();
        let plain_text = !structural;
        if plain_text {
            flush(&mut Vec::new(), &mut note, &mut frame.nodes);
            check_placeholders(line, n, diagnosis_ok)?;
            paragraph.push(line.to_owned());
            continue;
        }
        flush(&mut paragraph, &mut note, &mut frame.nodes);
        if directive {
            let inner = line[1..line.len() - 1].trim();
            let words: Vec<&str> = inner.split_whitespace().collect();
            match words.as_slice() {
                ["tasks"] => frame.nodes.push(Node::Tasks),
                ["grid"] => frame.nodes.push(Node::Grid),
                ["appointment"] => frame.nodes.push(Node::Appointment),
                ["box", count, label @ ..] => {
                    let lines: u8 = count.parse().ok().filter(|c| (1..=20).contains(c)).ok_or_else(|| {
                        err(n, "a box needs a number of lines from 1 to 20, e.g. {box 4 What I noticed}")
                    })?;
                    let label = label.join(" ");
                    check_placeholders(&label, n, diagnosis_ok)?;
                    frame.nodes.push(Node::WriteBox { lines, label });
                }
                ["end"] => {
                    if stack.len() < 2 {
                        return Err(err(n, "{end} has no {if …} or {unless …} to close"));
                    }
                    let Some(done) = stack.pop() else { return Err(err(n, "{end} has nothing to close")) };
                    let Some((condition, negated)) = done.condition else {
                        return Err(err(n, "{end} has nothing to close"));
                    };
                    let Some(parent) = stack.last_mut() else { return Err(err(n, "{end} has nothing to close")) };
                    parent.nodes.push(Node::When { condition, negated, body: done.nodes });
                }
                [kw @ ("if" | "unless"), rest @ ..] => {
                    let negated = *kw == "unless";
                    let condition = match rest {
                        ["caution", code] => {
                            if !caution_codes::ALL.contains(code) {
                                return Err(err(
                                    n,
                                    format!("“{code}” is not a caution; use one of: {}", caution_codes::ALL.join(", ")),
                                ));
                            }
                            Condition::Caution((*code).to_owned())
                        }
                        ["full"] => Condition::Full,
                        ["diagnosis"] if !negated => Condition::Diagnosis,
                        _ => {
                            return Err(err(
                                n,
                                format!("{{{kw} …}} needs “caution CODE”, “full” or “diagnosis” (for if only)"),
                            ))
                        }
                    };
                    if stack.len() > MAX_DEPTH {
                        return Err(err(n, format!("conditions can be nested at most {MAX_DEPTH} deep")));
                    }
                    stack.push(Frame { condition: Some((condition, negated)), line: n, nodes: Vec::new() });
                }
                _ => return Err(err(n, format!("“{line}” is not something a template can contain"))),
            }
            continue;
        }
        if let Some(text) = line.strip_prefix("# ") {
            check_placeholders(text, n, diagnosis_ok)?;
            frame.nodes.push(Node::Heading(text.trim().to_owned()));
        } else if let Some(text) = line.strip_prefix("- ") {
            check_placeholders(text, n, diagnosis_ok)?;
            push_item(&mut frame.nodes, ListKind::Bullets, text);
        } else if let Some(text) = line.strip_prefix("[ ] ") {
            check_placeholders(text, n, diagnosis_ok)?;
            push_item(&mut frame.nodes, ListKind::Checklist, text);
        } else if let Some(text) = numbered(line) {
            check_placeholders(text, n, diagnosis_ok)?;
            push_item(&mut frame.nodes, ListKind::Numbered, text);
        }
    }
    if let Some(frame) = stack.last_mut() {
        flush(&mut paragraph, &mut note, &mut frame.nodes);
    }
    if stack.len() > 1 {
        let line = stack.last().map(|f| f.line).unwrap_or(0);
        return Err(err(line, "this {if …} or {unless …} is never closed with {end}"));
    }
    Ok(stack.pop().map(|f| f.nodes).unwrap_or_default())
}

fn is_placeholder_line(line: &str) -> bool {
    let inner = &line[1..line.len() - 1];
    PLACEHOLDERS.contains(&inner)
}

fn numbered(line: &str) -> Option<&str> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    line[digits..].strip_prefix(". ")
}

enum ListKind {
    Bullets,
    Numbered,
    Checklist,
}

fn push_item(nodes: &mut Vec<Node>, kind: ListKind, text: &str) {
    let text = text.trim().to_owned();
    match (kind, nodes.last_mut()) {
        (ListKind::Bullets, Some(Node::Bullets(items)))
        | (ListKind::Numbered, Some(Node::Numbered(items)))
        | (ListKind::Checklist, Some(Node::Checklist(items))) => items.push(text),
        (ListKind::Bullets, _) => nodes.push(Node::Bullets(vec![text])),
        (ListKind::Numbered, _) => nodes.push(Node::Numbered(vec![text])),
        (ListKind::Checklist, _) => nodes.push(Node::Checklist(vec![text])),
    }
}

/// Replaces the placeholders in `text` with `value(name)`.
pub fn fill(text: &str, value: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                out.push_str(&value(&after[..close]));
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_construct() {
        let body = "# For {first_name}\nLine one\nline two\n\n- a\n- b\n1. x\n2. y\n[ ] tick\n> keep\n> in mind\n{box 3 What I noticed}\n{tasks}\n{grid}\n{appointment}\n{if caution avoid_estrogen}\nNo estrogen.\n{end}\n{unless full}\nShort.\n{end}\n{if diagnosis}\nAbout {diagnosis}.\n{end}";
        let nodes = parse(body).unwrap();
        assert_eq!(nodes[0], Node::Heading("For {first_name}".into()));
        assert_eq!(nodes[1], Node::Paragraph("Line one line two".into()));
        assert_eq!(nodes[2], Node::Bullets(vec!["a".into(), "b".into()]));
        assert_eq!(nodes[3], Node::Numbered(vec!["x".into(), "y".into()]));
        assert_eq!(nodes[4], Node::Checklist(vec!["tick".into()]));
        assert_eq!(nodes[5], Node::Note("keep in mind".into()));
        assert_eq!(nodes[6], Node::WriteBox { lines: 3, label: "What I noticed".into() });
        assert_eq!(&nodes[7..10], &[Node::Tasks, Node::Grid, Node::Appointment]);
        assert!(
            matches!(&nodes[10], Node::When { condition: Condition::Caution(c), negated: false, .. } if c == "avoid_estrogen")
        );
        assert!(matches!(&nodes[11], Node::When { condition: Condition::Full, negated: true, .. }));
        assert!(matches!(&nodes[12], Node::When { condition: Condition::Diagnosis, .. }));
    }

    #[test]
    fn errors_name_the_line_and_the_problem() {
        let cases = [
            ("ok\n{if caution made_up}\n{end}", 2, "not a caution"),
            ("{if full}\ntext", 1, "never closed"),
            ("text\n{end}", 2, "no {if"),
            ("Hello {frist_name}", 1, "not a placeholder"),
            ("About {diagnosis}", 1, "only appear inside"),
            ("{box 99 Notes}", 1, "from 1 to 20"),
            ("{dance}", 1, "not something"),
            ("brace { open", 1, "never closed"),
        ];
        for (body, line, words) in cases {
            let e = parse(body).unwrap_err();
            assert_eq!(e.line, line, "{body:?}");
            assert!(e.message.contains(words), "{body:?}: {}", e.message);
        }
    }

    #[test]
    fn odd_input_gives_an_error_or_nodes_never_a_panic() {
        for body in [
            "{",
            "}",
            "{}",
            "{ }",
            "{box}",
            "{if}",
            "{unless diagnosis}",
            ">",
            "1.",
            "123456. x",
            "é{",
            "{{first_name}}",
            "# ",
            "[ ]",
        ] {
            let _ = parse(body);
        }
        assert!(parse(&"x".repeat(MAX_LEN + 1)).is_err());
        let deep = "{if full}\n".repeat(6) + &"{end}\n".repeat(6);
        assert!(parse(&deep).unwrap_err().message.contains("nested"));
    }

    #[test]
    fn fill_replaces_placeholders() {
        assert_eq!(fill("Hi {first_name}, see {counsellor}.", |n| n.to_uppercase()), "Hi FIRST_NAME, see COUNSELLOR.");
    }
}
