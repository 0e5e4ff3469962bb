//! Builds a sheet's [`Document`] from a template and what the clinic knows: the client's name as
//! discretion allows, the cautions in force, the homework from the latest session, the next
//! appointment, the counsellor and the clinic's letterhead. Pure over its inputs.

use chrono::{Duration, NaiveDate};

use super::markup::{self, Condition, Node};
use super::model::{Block, Document, Letterhead, Paper};

/// One homework task as printed.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub title: String,
    pub text: Option<String>,
    pub steps: Vec<String>,
    pub frequency: Option<String>,
    pub tracking: Option<String>,
    /// Who does it, by the names printed on this sheet; empty when the sheet is for one person.
    pub who: Vec<String>,
    pub for_everyone: bool,
}

/// Everything a template can draw on.
#[derive(Debug, Clone, PartialEq)]
pub struct Context {
    pub paper: Paper,
    pub letterhead: Letterhead,
    pub title: String,
    /// The client as printed: full name, or first name or initials on a discreet sheet.
    pub name: String,
    pub first_name: String,
    /// Everyone the sheet is for, as printed (the client first).
    pub people: Vec<String>,
    pub counsellor: String,
    pub clinic_name: Option<String>,
    pub clinic_phone: Option<String>,
    pub today: NaiveDate,
    pub next_appointment: Option<NaiveDate>,
    pub cautions: Vec<String>,
    pub discreet: bool,
    /// The diagnosis, when the counsellor ticked that it may be printed (never on a discreet sheet).
    pub diagnosis: Option<String>,
    pub tasks: Vec<Task>,
}

pub fn long_date(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

fn short_day(d: NaiveDate) -> String {
    d.format("%a %-d").to_string()
}

/// The days a tick grid covers: from tomorrow up to the day before the next appointment, or a
/// week when none is booked; at most 28.
pub fn grid_days(today: NaiveDate, next: Option<NaiveDate>) -> Vec<NaiveDate> {
    let count = match next {
        Some(n) if n > today => (n - today).num_days().saturating_sub(1).clamp(1, 28),
        _ => 7,
    };
    (1..=count).map(|i| today + Duration::days(i)).collect()
}

impl Context {
    fn value(&self, name: &str) -> String {
        match name {
            "first_name" => self.first_name.clone(),
            "name" => self.name.clone(),
            "counsellor" => self.counsellor.clone(),
            "clinic" => self.clinic_name.clone().unwrap_or_else(|| "the clinic".into()),
            "clinic_phone" => self.clinic_phone.clone().unwrap_or_default(),
            "next_appointment" => self.next_appointment.map(long_date).unwrap_or_else(|| "to be arranged".into()),
            "today" => long_date(self.today),
            "diagnosis" => self.diagnosis.clone().unwrap_or_default(),
            _ => String::new(),
        }
    }

    fn fill(&self, text: &str) -> String {
        markup::fill(text, |n| self.value(n))
    }

    fn holds(&self, condition: &Condition) -> bool {
        match condition {
            Condition::Caution(code) => self.cautions.iter().any(|c| c == code),
            Condition::Full => !self.discreet,
            Condition::Diagnosis => !self.discreet && self.diagnosis.is_some(),
        }
    }

    fn task_blocks(&self, out: &mut Vec<Block>) {
        if self.tasks.is_empty() {
            out.push(Block::Paragraph("No homework was set at the last session.".into()));
        }
        for (i, t) in self.tasks.iter().enumerate() {
            out.push(Block::Subheading(format!("{}. {}", i + 1, t.title)));
            if let Some(who) = who_line(t, self.people.len()) {
                out.push(Block::Detail(who));
            }
            if let Some(text) = &t.text {
                out.push(Block::Paragraph(text.clone()));
            }
            if !t.steps.is_empty() {
                out.push(Block::Numbered(t.steps.clone()));
            }
            if let Some(f) = &t.frequency {
                out.push(Block::Detail(format!("How often: {f}")));
            }
            if let Some(k) = &t.tracking {
                out.push(Block::Detail(format!("Keeping track: {k}")));
            }
        }
    }

    fn grid(&self) -> Block {
        let rows = self
            .tasks
            .iter()
            .map(|t| match who_short(t, self.people.len()) {
                Some(w) => format!("{} ({w})", t.title),
                None => t.title.clone(),
            })
            .collect();
        let columns = grid_days(self.today, self.next_appointment).into_iter().map(short_day).collect();
        Block::TickGrid { rows, columns }
    }

    fn appointment(&self) -> Block {
        let mut facts = vec![(
            "Next appointment".to_owned(),
            self.next_appointment.map(long_date).unwrap_or_else(|| "Please call us to arrange it".into()),
        )];
        facts.push(("Your counsellor".to_owned(), self.counsellor.clone()));
        if let Some(phone) = &self.clinic_phone {
            facts.push(("To change or ask".to_owned(), format!("Call {phone}")));
        }
        Block::Facts(facts)
    }

    fn expand(&self, nodes: &[Node], out: &mut Vec<Block>) {
        for node in nodes {
            match node {
                Node::Heading(s) => out.push(Block::Heading(self.fill(s))),
                Node::Paragraph(s) => out.push(Block::Paragraph(self.fill(s))),
                Node::Note(s) => out.push(Block::Note(self.fill(s))),
                Node::Bullets(items) => out.push(Block::Bullets(items.iter().map(|s| self.fill(s)).collect())),
                Node::Numbered(items) => out.push(Block::Numbered(items.iter().map(|s| self.fill(s)).collect())),
                Node::Checklist(items) => out.push(Block::Checklist(items.iter().map(|s| self.fill(s)).collect())),
                Node::WriteBox { lines, label } => out.push(Block::WriteBox { label: self.fill(label), lines: *lines }),
                Node::Tasks => self.task_blocks(out),
                Node::Grid => out.push(self.grid()),
                Node::Appointment => out.push(self.appointment()),
                Node::When { condition, negated, body } => {
                    if self.holds(condition) != *negated {
                        self.expand(body, out);
                    }
                }
            }
        }
    }
}

fn who_line(t: &Task, people: usize) -> Option<String> {
    if people < 2 || t.who.is_empty() {
        return None;
    }
    Some(if t.for_everyone && people == 2 {
        "For both of you".to_owned()
    } else if t.for_everyone {
        "For all of you".to_owned()
    } else {
        format!("For {}", join_names(&t.who))
    })
}

fn who_short(t: &Task, people: usize) -> Option<String> {
    if people < 2 || t.who.is_empty() {
        return None;
    }
    Some(if t.for_everyone { "together".to_owned() } else { join_names(&t.who) })
}

pub fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Builds the document for a parsed template.
pub fn document(ctx: &Context, nodes: &[Node]) -> Document {
    let mut blocks = Vec::new();
    ctx.expand(nodes, &mut blocks);
    let footer = match (&ctx.clinic_name, &ctx.clinic_phone) {
        (Some(n), Some(p)) => format!("{n} · {p}"),
        (Some(n), None) => n.clone(),
        (None, Some(p)) => p.clone(),
        (None, None) => String::new(),
    };
    Document {
        paper: ctx.paper,
        letterhead: ctx.letterhead.clone(),
        title: ctx.title.clone(),
        subtitle: Some(format!("For {} · {}", join_names(&ctx.people), long_date(ctx.today))),
        running_header: format!("{} · {}", ctx.title, ctx.first_name),
        footer,
        blocks,
    }
}

/// Words a discreet sheet never carries: diagnoses and the clinical words that give them away.
pub const CLINICAL_WORDS: [&str; 24] = [
    "cancer",
    "oncolog",
    "tumour",
    "tumor",
    "chemotherapy",
    "radiotherapy",
    "radiation",
    "mastectomy",
    "prostatectomy",
    "hysterectomy",
    "lumpectomy",
    "metasta",
    "malignan",
    "carcinoma",
    "leukaemia",
    "lymphoma",
    "lupus",
    "multiple sclerosis",
    "diabetes",
    "diagnos",
    "dysfunction",
    "dyspareunia",
    "vaginismus",
    "aromatase",
];

/// The first clinical word in a text, if any (case-insensitive).
pub fn clinical_word_in(text: &str, extra: &[String]) -> Option<String> {
    let lower = text.to_lowercase();
    CLINICAL_WORDS
        .iter()
        .map(|w| (*w).to_owned())
        .chain(extra.iter().map(|w| w.to_lowercase()))
        .find(|w| !w.trim().is_empty() && lower.contains(w.as_str()))
}

/// All the words a document prints, for checks.
pub fn document_text(doc: &Document) -> String {
    let mut parts = vec![doc.title.clone(), doc.subtitle.clone().unwrap_or_default(), doc.running_header.clone()];
    parts.push(doc.footer.clone());
    parts.extend(doc.letterhead.clinic_name.clone());
    for b in &doc.blocks {
        match b {
            Block::Heading(s) | Block::Subheading(s) | Block::Paragraph(s) | Block::Detail(s) | Block::Note(s) => {
                parts.push(s.clone())
            }
            Block::Bullets(v) | Block::Numbered(v) | Block::Checklist(v) => parts.extend(v.iter().cloned()),
            Block::Facts(v) => parts.extend(v.iter().flat_map(|(a, b)| [a.clone(), b.clone()])),
            Block::TickGrid { rows, columns } => {
                parts.extend(rows.iter().cloned());
                parts.extend(columns.iter().cloned());
            }
            Block::WriteBox { label, .. } => parts.push(label.clone()),
            Block::Table { columns, rows } => {
                parts.extend(columns.iter().map(|(h, _)| h.clone()));
                parts.extend(rows.iter().flatten().cloned());
            }
            Block::CutLine(label) => parts.push(label.clone()),
        }
    }
    parts.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Context {
        Context {
            paper: Paper::A4,
            letterhead: Letterhead::default(),
            title: "Sheet".into(),
            name: "Maggie".into(),
            first_name: "Maggie".into(),
            people: vec!["Maggie".into(), "David".into()],
            counsellor: "Alex".into(),
            clinic_name: None,
            clinic_phone: Some("0400".into()),
            today: NaiveDate::from_ymd_opt(2026, 5, 5).unwrap_or_default(),
            next_appointment: NaiveDate::from_ymd_opt(2026, 5, 12),
            cautions: vec!["avoid_estrogen".into()],
            discreet: true,
            diagnosis: None,
            tasks: vec![Task {
                title: "Kiss".into(),
                text: None,
                steps: vec![],
                frequency: None,
                tracking: None,
                who: vec!["Maggie".into(), "David".into()],
                for_everyone: true,
            }],
        }
    }

    #[test]
    fn grid_runs_to_the_day_before_the_next_appointment_or_a_week() {
        let today = NaiveDate::from_ymd_opt(2026, 5, 5).unwrap_or_default();
        assert_eq!(grid_days(today, today.checked_add_days(chrono::Days::new(7))).len(), 6);
        assert_eq!(grid_days(today, None).len(), 7);
        assert_eq!(grid_days(today, today.checked_add_days(chrono::Days::new(1))).len(), 1);
        assert_eq!(grid_days(today, today.checked_add_days(chrono::Days::new(90))).len(), 28);
    }

    #[test]
    fn conditions_follow_cautions_and_discretion() {
        let nodes = markup::parse(
            "{if caution avoid_estrogen}\nAVOID\n{end}\n{unless caution avoid_estrogen}\nUSE\n{end}\n{if full}\nFULL\n{end}\n{grid}",
        )
        .unwrap_or_default();
        let doc = document(&ctx(), &nodes);
        let text = document_text(&doc);
        assert!(text.contains("AVOID") && !text.contains("USE") && !text.contains("FULL"));
        assert!(text.contains("Kiss (together)"), "{text}");
        let mut full = ctx();
        full.discreet = false;
        full.cautions.clear();
        let text = document_text(&document(&full, &nodes));
        assert!(!text.contains("AVOID") && text.contains("USE") && text.contains("FULL"));
    }

    #[test]
    fn clinical_words_are_found_whatever_the_case() {
        assert_eq!(clinical_word_in("After Breast CANCER", &[]), Some("cancer".into()));
        assert_eq!(clinical_word_in("A kind word", &["lichen sclerosus".into()]), None);
        assert!(clinical_word_in("about lichen sclerosus", &["Lichen sclerosus".into()]).is_some());
    }
}
