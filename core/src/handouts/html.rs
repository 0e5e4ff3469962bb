//! The same document as HTML and CSS, only for the benchmark that compares Rekindle's renderer
//! with WeasyPrint on equivalent input. Not used to print.

use super::model::{Block, Document, Paper};

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn list(tag: &str, class: &str, items: &[String]) -> String {
    let lis: String = items.iter().map(|i| format!("<li>{}</li>", esc(i))).collect();
    format!("<{tag} class=\"{class}\">{lis}</{tag}>")
}

/// HTML for `doc`, with `font_dir` holding the Noto font files.
pub fn to_html(doc: &Document, font_dir: &str) -> String {
    let size = match doc.paper {
        Paper::A4 => "A4",
        Paper::Letter => "letter",
    };
    let mut body = String::new();
    if let Some(name) = &doc.letterhead.clinic_name {
        body.push_str(&format!("<div class=\"clinic\">{}</div>", esc(name)));
    }
    body.push_str(&format!("<h1>{}</h1>", esc(&doc.title)));
    if let Some(s) = &doc.subtitle {
        body.push_str(&format!("<p class=\"sub\">{}</p>", esc(s)));
    }
    for b in &doc.blocks {
        let html = match b {
            Block::Heading(s) => format!("<h2>{}</h2>", esc(s)),
            Block::Subheading(s) => format!("<h3>{}</h3>", esc(s)),
            Block::Paragraph(s) => format!("<p>{}</p>", esc(s)),
            Block::Detail(s) => format!("<p class=\"detail\">{}</p>", esc(s)),
            Block::Note(s) => format!("<div class=\"note\">{}</div>", esc(s)),
            Block::Bullets(v) => list("ul", "", v),
            Block::Numbered(v) => list("ol", "", v),
            Block::Checklist(v) => list("ul", "check", v),
            Block::Facts(v) => {
                let rows: String =
                    v.iter().map(|(a, b)| format!("<tr><th>{}</th><td>{}</td></tr>", esc(a), esc(b))).collect();
                format!("<table class=\"facts\">{rows}</table>")
            }
            Block::TickGrid { rows, columns } => {
                let head: String = columns.iter().map(|c| format!("<th>{}</th>", esc(c))).collect();
                let cells: String = columns.iter().map(|_| "<td><span class=\"box\"></span></td>").collect();
                let body: String = rows.iter().map(|r| format!("<tr><th>{}</th>{cells}</tr>", esc(r))).collect();
                format!("<table class=\"grid\"><tr><th></th>{head}</tr>{body}</table>")
            }
            Block::Table { columns, rows } => {
                let head: String = columns.iter().map(|(h, _)| format!("<th>{}</th>", esc(h))).collect();
                let body: String = rows
                    .iter()
                    .map(|r| {
                        format!("<tr>{}</tr>", r.iter().map(|c| format!("<td>{}</td>", esc(c))).collect::<String>())
                    })
                    .collect();
                format!("<table class=\"rows\"><tr>{head}</tr>{body}</table>")
            }
            Block::CutLine(label) => format!("<p class=\"cut\">{}</p>", esc(label)),
            Block::WriteBox { label, lines } => {
                format!(
                    "<p class=\"label\">{}</p><div class=\"write\" style=\"height:{}pt\"></div>",
                    esc(label),
                    u32::from(*lines) * 20
                )
            }
        };
        body.push_str(&html);
    }
    format!(
        r#"<!doctype html><html><head><meta charset="utf-8"><style>
@font-face {{ font-family: Noto; src: url("file://{font_dir}/NotoSans-Regular.ttf"); }}
@font-face {{ font-family: Noto; font-weight: bold; src: url("file://{font_dir}/NotoSans-Bold.ttf"); }}
@font-face {{ font-family: Noto; font-style: italic; src: url("file://{font_dir}/NotoSans-Italic.ttf"); }}
@font-face {{ font-family: NotoDeva; src: url("file://{font_dir}/NotoSansDevanagari-Regular.ttf"); }}
@font-face {{ font-family: NotoKnda; src: url("file://{font_dir}/NotoSansKannada-Regular.ttf"); }}
@page {{ size: {size}; margin: 50pt 54pt 56pt 54pt;
  @top-left {{ content: "{header}"; font: italic 8.5pt Noto; color: #666; }}
  @bottom-left {{ content: "{footer}"; font: 8pt Noto; color: #666; }}
  @bottom-right {{ content: "Page " counter(page) " of " counter(pages); font: 8pt Noto; color: #666; }} }}
body {{ font: 10.5pt/1.38 Noto, NotoDeva, NotoKnda; color: #222; }}
h1 {{ font-size: 20pt; margin: 0; }} h2 {{ font-size: 13.5pt; color: #8c403a; border-bottom: 0.6pt solid #bbb; break-after: avoid; }}
h3 {{ font-size: 11.5pt; break-after: avoid; margin-bottom: 0; }} .detail {{ font-style: italic; color: #666; font-size: 9.5pt; margin: 0; }}
.note {{ background: #f5ede3; border-left: 3pt solid #8c403a; padding: 7pt; font-style: italic; }}
ul.check {{ list-style: none; }} ul.check li::before {{ content: ""; display: inline-block; width: 9pt; height: 9pt; border: 0.8pt solid #222; margin-right: 6pt; }}
table.grid {{ border-collapse: collapse; }} table.grid th {{ font-size: 7.5pt; color: #666; }} table.grid td {{ width: 30pt; text-align: center; }}
.box {{ display: inline-block; width: 12pt; height: 12pt; border: 0.7pt solid #222; }}
.write {{ border: 0.8pt solid #bbb; }} .label {{ font-weight: bold; }} .clinic {{ font-weight: bold; color: #8c403a; }}
</style></head><body>{body}</body></html>"#,
        header = esc(&doc.running_header).replace('"', "'"),
        footer = esc(&doc.footer).replace('"', "'"),
    )
}
