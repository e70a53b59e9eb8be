//! `--format text`: rustc-style diagnostics with the source line and a caret
//! under the span, then a summary line. Colour only on a terminal
//! (`NO_COLOR` and `CLICOLOR` respected by the caller's stream).

use super::{Format, Run};
use crate::finding::{Finding, Severity};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::io::{self, Write};

pub struct Text;

/// One line of text that cannot drive the terminal: control and
/// reordering characters shown as `<U+XXXX>`, line breaks too.
pub fn sanitize(s: &str) -> String {
    crate::escape::visible(s).replace('\n', "<U+000A>")
}

fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info | Severity::Off => Level::INFO,
    }
}

/// Byte range in `line` of characters `[from, to)` (1-based columns).
fn byte_range(line: &str, from: u32, to: u32) -> std::ops::Range<usize> {
    let offset = |col: u32| {
        line.char_indices()
            .nth(col.saturating_sub(1) as usize)
            .map_or(line.len(), |(i, _)| i)
    };
    let start = offset(from);
    let end = offset(to).max(start);
    start..end
}

fn render(run: &Run, f: &Finding, renderer: &Renderer) -> String {
    let message = sanitize(&f.message);
    let title = level(f.severity)
        .primary_title(message.as_str())
        .id(f.rule.as_str());
    let line = run
        .files
        .get(f.file.as_str())
        .map(|file| sanitize(file.line_text(f.span.line)))
        .unwrap_or_default();
    let path = sanitize(&run.shown_path(&f.file));
    let end = if f.span.end_line == f.span.line {
        f.span.end_column
    } else {
        line.chars().count() as u32 + 1
    };
    let range = byte_range(&line, f.span.column, end);
    let snippet = Snippet::source(line.as_str())
        .line_start(f.span.line as usize)
        .path(path.as_str())
        .annotation(AnnotationKind::Primary.span(range));
    let notes: Vec<String> = f
        .related
        .iter()
        .map(|r| {
            sanitize(&format!(
                "{}: {}:{}:{}",
                r.message,
                run.shown_path(&r.file),
                r.span.line,
                r.span.column
            ))
        })
        .collect();
    let help = f.help.as_deref().map(sanitize);
    let mut group = title.element(snippet);
    if let Some(note) = run.unchanged_note(f) {
        group = group.element(Level::NOTE.message(note));
    }
    for n in &notes {
        group = group.element(Level::NOTE.message(n.as_str()));
    }
    if let Some(h) = &help {
        group = group.element(Level::HELP.message(h.as_str()));
    }
    let report: [Group; 1] = [group];
    renderer.render(&report)
}

impl Format for Text {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        let renderer = Renderer::styled();
        for f in run.findings {
            writeln!(out, "{}\n", render(run, f, &renderer))?;
        }
        if run.quiet {
            return Ok(());
        }
        writeln!(out, "{}", run.summary())
    }
}
