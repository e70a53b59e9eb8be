//! `lint --statistics`: how many findings each rule has, as a table or
//! JSON, in place of the findings.

use crate::finding::{Finding, RuleId, Severity};
use crate::output::{FormatKind, Run};
use anyhow::Result;
use std::io::Write;

/// `--statistics`: how many findings each rule has.
pub struct Statistics {
    /// (count, rule, most severe severity, summary), most first.
    rows: Vec<(usize, String, Severity, String)>,
}

impl Statistics {
    pub fn of(
        findings: &[Finding],
        summaries: &std::collections::HashMap<RuleId, &str>,
    ) -> Statistics {
        let mut by_rule: std::collections::BTreeMap<RuleId, (usize, Severity)> =
            std::collections::BTreeMap::new();
        for f in findings {
            let e = by_rule.entry(f.rule).or_insert((0, f.severity));
            e.0 += 1;
            if rank(f.severity) > rank(e.1) {
                e.1 = f.severity;
            }
        }
        let mut rows: Vec<_> = by_rule
            .into_iter()
            .map(|(rule, (n, sev))| {
                let summary = summaries.get(&rule).copied().unwrap_or_default();
                (n, rule.as_str().to_owned(), sev, summary.to_owned())
            })
            .collect();
        rows.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        Statistics { rows }
    }

    pub fn write(&self, format: FormatKind, run: &Run, out: &mut dyn Write) -> Result<()> {
        use crate::output::text::sanitize;
        if format == FormatKind::Json {
            let rows: Vec<serde_json::Value> = self
                .rows
                .iter()
                .map(|(n, rule, sev, summary)| {
                    serde_json::json!({
                        "rule": rule, "severity": sev.as_str(), "count": n, "summary": summary
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            writeln!(out)?;
            return Ok(());
        }
        let width = self.rows.iter().map(|r| r.1.len()).max().unwrap_or(0);
        let digits = self.rows.first().map_or(1, |r| r.0.to_string().len());
        for (n, rule, sev, summary) in &self.rows {
            writeln!(
                out,
                "{n:>digits$}  {:<width$}  {:<7}  {}",
                sanitize(rule),
                sev.as_str(),
                sanitize(summary)
            )?;
        }
        if !run.quiet {
            writeln!(out, "{}", run.summary())?;
        }
        Ok(())
    }
}

fn rank(s: Severity) -> u8 {
    match s {
        Severity::Error => 3,
        Severity::Warning => 2,
        Severity::Info => 1,
        Severity::Off => 0,
    }
}
