//! `--format markdown`: a summary for `$GITHUB_STEP_SUMMARY` or a
//! pull-request comment. Counts by severity and by rule, then a table of
//! findings, errors first, capped at [`MAX_ROWS`] rows with a line saying
//! how many more there are, so a large repository still fits in a comment.
//!
//! Everything that comes from the repository (paths, messages, rule ids of
//! custom rules) goes through [`crate::escape::markdown`], so no file can add
//! markup, links, mentions or a column to the table.

use super::{Format, Run};
use crate::escape::markdown as escape;
use crate::finding::{Finding, Severity};
use crate::suppress::{Suppressed, Via};
use std::collections::BTreeMap;
use std::io::{self, Write};

pub struct Markdown;

/// The most findings listed in the table.
pub const MAX_ROWS: usize = 100;

/// A code span showing `s` as it is, safe in a table cell: the fence is
/// longer than any run of backticks inside, `|` is escaped for the table,
/// and line breaks become spaces.
pub fn code_span(s: &str) -> String {
    let s = crate::escape::visible(s)
        .replace(['\r', '\n'], " ")
        .replace('|', "\\|");
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// A message for one table cell: text between backticks (ids, values,
/// suggestions) as code, the rest escaped.
pub fn message(s: &str) -> String {
    with_code_spans(s, escape, code_span)
}

/// `s` with its backtick-quoted parts passed to `code` and the rest to
/// `text`; an unmatched backtick is text.
pub fn with_code_spans(
    s: &str,
    text: impl Fn(&str) -> String,
    code: impl Fn(&str) -> String,
) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut rest = s;
    while let Some(open) = rest.find('`') {
        let Some(close) = rest[open + 1..].find('`') else {
            break;
        };
        out.push_str(&text(&rest[..open]));
        let inner = &rest[open + 1..open + 1 + close];
        let plain = inner.contains(['\r', '\n', '@'])
            || inner.contains("://")
            || inner.to_ascii_lowercase().contains("www.");
        if inner.trim().is_empty() || plain {
            // Not an id: a code span cannot hold a line break, and mentions
            // and links are left to the text escaper to neutralise.
            out.push_str(&text(&rest[open..open + close + 2]));
        } else {
            out.push_str(&code(inner));
        }
        rest = &rest[open + close + 2..];
    }
    out.push_str(&text(rest));
    out
}

fn icon(s: Severity) -> &'static str {
    match s {
        Severity::Error => "🔴 error",
        Severity::Warning => "🟡 warning",
        Severity::Info | Severity::Off => "🔵 info",
    }
}

use crate::human::count as plural;

fn row(run: &Run, f: &Finding) -> String {
    let mut text = message(&f.message);
    if let Some(note) = run.unchanged_note(f) {
        text.push_str(&format!(" _({note})_"));
    }
    if let Some(help) = &f.help {
        text.push_str("<br>help: ");
        text.push_str(&message(help));
    }
    format!(
        "| {} | {} | {}:{}:{} | {} |",
        icon(f.severity),
        code_span(f.rule.as_str()),
        escape(&f.file),
        f.span.line,
        f.span.column,
        text
    )
}

impl Format for Markdown {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "## ladderlint\n")?;
        let files = plural(run.checked_files().len(), "file");
        let scope = run
            .scope
            .as_deref()
            .map_or(String::new(), |s| format!(" in {}", escape(s)));
        let hidden = run.hidden.map_or(String::new(), |n| {
            format!(
                " {} that already existed at the base {} hidden (`--new-only`).",
                plural(n, "finding"),
                crate::human::plural(n, "was")
            )
        });
        if run.findings.is_empty() {
            writeln!(out, "✅ All checks passed: {files} checked{scope}.{hidden}")?;
            return suppressed(run, out);
        }
        let (e, w, i) = (
            run.count(Severity::Error),
            run.count(Severity::Warning),
            run.count(Severity::Info),
        );
        writeln!(
            out,
            "Found **{}**, **{}** and **{}** in {} of {files} checked{scope}.{hidden}\n",
            plural(e, "error"),
            plural(w, "warning"),
            plural(i, "info"),
            run.files_with_findings()
        )?;

        writeln!(out, "| Severity | Findings |\n| --- | ---: |")?;
        for (s, n) in [
            (Severity::Error, e),
            (Severity::Warning, w),
            (Severity::Info, i),
        ] {
            writeln!(out, "| {} | {n} |", icon(s))?;
        }

        let mut by_rule: BTreeMap<&str, (Severity, usize)> = BTreeMap::new();
        for f in run.findings {
            let entry = by_rule.entry(f.rule.as_str()).or_insert((f.severity, 0));
            entry.0 = entry.0.max(f.severity);
            entry.1 += 1;
        }
        writeln!(
            out,
            "\n| Rule | Severity | Findings |\n| --- | --- | ---: |"
        )?;
        for (rule, (s, n)) in &by_rule {
            writeln!(out, "| {} | {} | {n} |", code_span(rule), icon(*s))?;
        }

        // Errors first, so that a cap drops infos before errors.
        let mut order: Vec<&Finding> = run.findings.iter().collect();
        order.sort_by_key(|f| std::cmp::Reverse(f.severity));
        writeln!(
            out,
            "\n### Findings\n\n| Severity | Rule | Location | Message |\n| --- | --- | --- | --- |"
        )?;
        for f in order.iter().take(MAX_ROWS) {
            writeln!(out, "{}", row(run, f))?;
        }
        if order.len() > MAX_ROWS {
            let more = order.len() - MAX_ROWS;
            writeln!(
                out,
                "\n…and {} more {} (run `ladderlint lint` for all of them).",
                crate::human::amount(more as f64),
                crate::human::plural(more, "finding")
            )?;
        }
        suppressed(run, out)
    }
}

/// The findings that suppressions hid, with the suppression and its
/// reason, new ones marked; then the waivers a change adds, which do not
/// apply yet.
fn suppressed(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    let pending = run.pending_waivers();
    if run.suppressed.is_empty() && pending.is_empty() {
        return Ok(());
    }
    if !run.suppressed.is_empty() {
        let new = run.suppressed.iter().filter(|s| s.new).count();
        let new = match new {
            0 => String::new(),
            n => format!(
                " **{}** new: this change adds {}.",
                crate::human::amount(n as f64),
                if n == 1 {
                    "the suppression or the finding"
                } else {
                    "the suppressions or the findings"
                }
            ),
        };
        writeln!(
            out,
            "\n### Suppressed\n\n{} suppressed by an inline comment or a waiver, not counted \
             above.{new}\n\n| | Rule | Location | Suppressed by | Reason |\n| --- | --- | --- | --- | --- |",
            plural(run.suppressed.len(), "finding"),
        )?;
        // New ones first, so that a cap keeps what the change adds.
        let mut order: Vec<&Suppressed> = run.suppressed.iter().collect();
        order.sort_by_key(|s| !s.new);
        for s in order.iter().take(MAX_ROWS) {
            let by = match s.via {
                Via::Comment => format!("comment at {}:{}", escape(&s.at.file), s.at.span.line),
                Via::Waiver => {
                    let mut by = format!("waiver at {}:{}", escape(&s.at.file), s.at.span.line);
                    if let Some(a) = &s.approved_by {
                        by.push_str(&format!(", approved by {}", code_span(a)));
                    }
                    if let Some(e) = &s.expires {
                        by.push_str(&format!(", until {}", escape(e)));
                    }
                    by
                }
            };
            writeln!(
                out,
                "| {} | {} | {}:{}:{} | {by} | {} |",
                if s.new { "🆕 **new**" } else { "" },
                code_span(s.finding.rule.as_str()),
                escape(&s.finding.file),
                s.finding.span.line,
                s.finding.span.column,
                message(&s.reason),
            )?;
        }
        if order.len() > MAX_ROWS {
            let more = order.len() - MAX_ROWS;
            writeln!(
                out,
                "\n…and {} more suppressed (`--format sarif` lists every one).",
                crate::human::amount(more as f64),
            )?;
        }
    }
    if !pending.is_empty() {
        let path = run.waivers.map_or("", |w| w.path());
        writeln!(
            out,
            "\n### Waivers added by this change\n\nA waiver applies once it is on the base \
             branch: the findings these cover are reported above.\n\n| | Waiver | Waives | \
             Reason |\n| --- | --- | --- | --- |"
        )?;
        for (index, w) in pending.iter().take(MAX_ROWS) {
            let line = run
                .waivers
                .map_or(1, |f| f.file.span_at(0, &format!("/waivers/{index}")).line);
            writeln!(
                out,
                "| 🆕 **new** | {}:{line} | {} | {} |",
                escape(path),
                message(&w.target()),
                message(&w.reason),
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_in_messages_are_code() {
        assert_eq!(
            message("`from_level` is `E5`, not `E4` | <b>"),
            "`from_level` is `E5`, not `E4` \\| &lt;b&gt;"
        );
        assert_eq!(message("a `x|y` b"), "a `x\\|y` b");
        assert_eq!(message("odd ` tick"), "odd \\` tick");
        assert_eq!(message("`a\nb`"), "\\`a<br>b\\`");
        assert!(!message("`@team`").contains("`@team`"));
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`a"), "`` `a ``");
    }
}
