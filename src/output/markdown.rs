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
use std::collections::BTreeMap;
use std::io::{self, Write};

pub struct Markdown;

/// The most findings listed in the table.
pub const MAX_ROWS: usize = 100;

fn icon(s: Severity) -> &'static str {
    match s {
        Severity::Error => "🔴 error",
        Severity::Warning => "🟡 warning",
        Severity::Info | Severity::Off => "🔵 info",
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn row(run: &Run, f: &Finding) -> String {
    let mut message = escape(&f.message);
    if let Some(note) = run.unchanged_note(f) {
        message.push_str(&format!(" _({note})_"));
    }
    if let Some(help) = &f.help {
        message.push_str("<br>help: ");
        message.push_str(&escape(help));
    }
    format!(
        "| {} | {} | {}:{}:{} | {} |",
        icon(f.severity),
        escape(&f.rule),
        escape(&f.file),
        f.span.line,
        f.span.column,
        message
    )
}

impl Format for Markdown {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "## ladderlint\n")?;
        let files = plural(run.checked, "file");
        if run.findings.is_empty() {
            writeln!(out, "✅ All checks passed: {files} checked.")?;
            return Ok(());
        }
        let (e, w, i) = (
            run.count(Severity::Error),
            run.count(Severity::Warning),
            run.count(Severity::Info),
        );
        let mut with_findings: Vec<&str> = run.findings.iter().map(|f| f.file.as_str()).collect();
        with_findings.sort_unstable();
        with_findings.dedup();
        writeln!(
            out,
            "Found **{}**, **{}**, **{}** in {} of {files} checked.\n",
            plural(e, "error"),
            plural(w, "warning"),
            plural(i, "info"),
            with_findings.len()
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
            let entry = by_rule.entry(&f.rule).or_insert((f.severity, 0));
            entry.0 = entry.0.max(f.severity);
            entry.1 += 1;
        }
        writeln!(
            out,
            "\n| Rule | Severity | Findings |\n| --- | --- | ---: |"
        )?;
        for (rule, (s, n)) in &by_rule {
            writeln!(out, "| {} | {} | {n} |", escape(rule), icon(*s))?;
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
                "\n…and {more} more {} (run `ladderlint lint` for all of them).",
                if more == 1 { "finding" } else { "findings" }
            )?;
        }
        Ok(())
    }
}
