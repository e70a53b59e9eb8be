//! The findings sink: the one place where severities are applied, inline
//! suppressions honoured (and unused ones reported), reporting restricted to
//! the files asked for, and findings put in their stable order.

use crate::config::Config;
use crate::finding::{Finding, Severity, Span};
use crate::load::LoadedFile;
use crate::rules::{self, RuleMeta};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};

pub static SUPPRESSION_UNUSED: RuleMeta = RuleMeta {
    id: "suppression/unused",
    severity: Severity::Warning,
    summary: "an inline suppression suppresses nothing, names an unknown rule, or gives no reason",
    rationale: "A suppression outlives the problem it excused; left in place it would hide the \
                next real problem on that line. Every suppression must say why.",
    options: &[],
    pass:
        "# ladderlint: disable-next-line nomination/endorsements -- approved by board 2026-07-01\n\
           endorsements: []\n",
    fail: "# ladderlint: disable-next-line nomination/endorsements\nendorsements: []\n",
};

const MARK: &str = "# ladderlint:";

#[derive(Debug)]
struct Suppression {
    rules: Vec<String>,
    /// `Some(line)`: the line it covers; `None`: the whole file.
    line: Option<u32>,
    span: Span,
    used: bool,
}

/// Parse the suppression comments of a file; malformed ones are findings.
fn suppressions(
    file: &LoadedFile,
    known: &[&str],
    problems: &mut Vec<Finding>,
) -> Vec<Suppression> {
    let mut out = Vec::new();
    if !file.text.contains(MARK) {
        return out;
    }
    for (i, line) in file.text.lines().enumerate() {
        let Some(col) = line.find(MARK) else { continue };
        let lineno = i as u32 + 1;
        let rest = line[col + MARK.len()..].trim();
        let span = Span {
            line: lineno,
            column: line[..col].chars().count() as u32 + 1,
            end_line: lineno,
            end_column: line.chars().count() as u32 + 1,
            byte_start: 0,
            byte_end: 0,
        };
        let mut report = |message: String, help: &str| {
            problems.push(file.finding_at(
                SUPPRESSION_UNUSED.id,
                span.clone(),
                message,
                Some(help.into()),
            ));
        };
        let (directive, body) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let line = match directive {
            "disable-next-line" => Some(lineno + 1),
            "disable-file" => None,
            other => {
                report(
                    format!("unknown suppression directive `{other}`"),
                    "use `disable-next-line RULE -- reason` or `disable-file RULE -- reason`",
                );
                continue;
            }
        };
        let (ids, reason) = match body.split_once("--") {
            Some((ids, reason)) => (ids, reason.trim()),
            None => (body, ""),
        };
        if reason.is_empty() {
            report(
                "suppression without a reason".into(),
                "add `-- reason` after the rule id, e.g. `-- approved by board 2026-07-01`",
            );
            continue;
        }
        let mut rules = Vec::new();
        for id in ids
            .split([',', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            if known.contains(&id) {
                rules.push(id.to_owned());
            } else {
                let hint = rules::suggest(id, known.iter().copied());
                report(
                    format!("suppression names unknown rule `{id}`"),
                    &hint.map_or("`ladderlint rules` lists every rule id".into(), |s| {
                        format!("did you mean `{s}`?")
                    }),
                );
            }
        }
        if rules.is_empty() {
            if !ids.trim().is_empty() {
                continue;
            }
            report(
                "suppression names no rule".into(),
                "name the rule to suppress before `--`",
            );
            continue;
        }
        out.push(Suppression {
            rules,
            line,
            span,
            used: false,
        });
    }
    out
}

/// Apply configuration and suppressions; return the findings to report,
/// sorted by file, line, column, rule.
pub fn finish(
    findings: Vec<Finding>,
    files: &[LoadedFile],
    config: &Config,
    extra_ids: &[String],
    report_only: Option<&BTreeSet<String>>,
) -> Vec<Finding> {
    let metas = rules::all_meta();
    let defaults: HashMap<&str, Severity> = metas.iter().map(|m| (m.id, m.severity)).collect();
    let mut known: Vec<&str> = metas.iter().map(|m| m.id).collect();
    known.extend(extra_ids.iter().map(String::as_str));

    let mut by_file: HashMap<String, Vec<Finding>> = HashMap::new();
    for mut f in findings {
        let default = defaults.get(f.rule.as_str()).copied().unwrap_or(f.severity);
        f.severity = config.severity(&f.rule, default);
        if f.severity != Severity::Off {
            by_file.entry(f.file.clone()).or_default().push(f);
        }
    }

    let mut out: Vec<Finding> = files
        .par_iter()
        .flat_map_iter(|file| {
            let mut problems = Vec::new();
            let mut sups = suppressions(file, &known, &mut problems);
            let mut kept = Vec::new();
            for f in by_file.get(&file.path).into_iter().flatten() {
                let hit = sups
                    .iter_mut()
                    .find(|s| s.rules.contains(&f.rule) && s.line.is_none_or(|l| l == f.span.line));
                match hit {
                    Some(s) => s.used = true,
                    None => kept.push(f.clone()),
                }
            }
            // A suppression of rules that `--select` left out is not judged.
            for s in sups
                .iter()
                .filter(|s| !s.used && s.rules.iter().any(|r| config.selected(r)))
            {
                problems.push(file.finding_at(
                    SUPPRESSION_UNUSED.id,
                    s.span.clone(),
                    format!(
                        "suppression of `{}` suppresses nothing",
                        s.rules.join("`, `")
                    ),
                    Some("remove it: the finding it excused is gone".into()),
                ));
            }
            for mut p in problems {
                p.severity = config.severity(&p.rule, SUPPRESSION_UNUSED.severity);
                if p.severity != Severity::Off {
                    kept.push(p);
                }
            }
            kept
        })
        .collect();
    // Findings about files that are not loaded files (none today) are kept as they are.
    let loaded: std::collections::HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for (path, fs) in by_file {
        if !loaded.contains(path.as_str()) {
            out.extend(fs);
        }
    }
    if let Some(only) = report_only {
        out.retain(|f| only.contains(&f.file));
    }
    sort(&mut out);
    out
}

/// The stable output order.
pub fn sort(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup();
}
