//! The findings sink: the one place where severities are applied, inline
//! suppressions honoured (and unused ones reported), reporting restricted to
//! the files asked for, and findings put in their stable order.

use crate::config::Config;
use crate::finding::{Finding, RuleId, Severity};
use crate::load::LoadedFile;
use crate::rules;
use crate::suppress;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};

pub use crate::suppress::SUPPRESSION_UNUSED;

/// Apply configuration and suppressions; return the findings to report,
/// sorted by file, line, column, rule.
pub fn finish(
    findings: Vec<Finding>,
    files: &[LoadedFile],
    config: &Config,
    report_only: Option<&BTreeSet<String>>,
) -> Vec<Finding> {
    let mut metas = rules::all_meta();
    metas.extend(config.custom.iter().map(|c| c.meta));
    let defaults: HashMap<RuleId, Severity> = metas.iter().map(|m| (m.id, m.severity)).collect();
    let known: Vec<RuleId> = metas.iter().map(|m| m.id).collect();

    let mut by_file: HashMap<String, Vec<Finding>> = HashMap::new();
    for mut f in findings {
        let default = defaults.get(&f.rule).copied().unwrap_or(f.severity);
        f.severity = config.severity(f.rule, default);
        if f.severity != Severity::Off {
            by_file.entry(f.file.clone()).or_default().push(f);
        }
    }

    let mut out: Vec<Finding> =
        files
            .par_iter()
            .flat_map_iter(|file| {
                let mut problems = Vec::new();
                let mut sups = match config.no_suppressions {
                    true => Vec::new(),
                    false => suppress::parse(file, &known, &mut problems),
                };
                let mut kept = Vec::new();
                for f in by_file.get(&file.path).into_iter().flatten() {
                    let hit = sups.iter_mut().find(|s| s.covers(f));
                    match hit {
                        Some(s) if config.unsuppressible.contains(&f.rule) => {
                            // Counted as used: the finding below says why it did not work.
                            s.used = true;
                            kept.push(f.clone());
                            problems.push(file.finding_at(
                            SUPPRESSION_UNUSED.id,
                            s.span.clone(),
                            format!("`{}` cannot be suppressed in this repository", f.rule),
                            Some(
                                "the configuration sets `suppressible: false` for it; fix the \
                                 finding instead"
                                    .into(),
                            ),
                        ));
                        }
                        Some(s) => s.used = true,
                        None => kept.push(f.clone()),
                    }
                }
                // A suppression of rules that `--select` left out is not judged.
                for s in sups
                    .iter()
                    .filter(|s| !s.used && s.rules.iter().any(|r| config.selected(*r)))
                {
                    problems.push(file.finding_at(
                        SUPPRESSION_UNUSED.id,
                        s.span.clone(),
                        format!(
                            "suppression of `{}` suppresses nothing",
                            s.rules.iter().map(|r| r.as_str()).collect::<Vec<_>>().join("`, `")
                        ),
                        Some("remove it: the finding it excused is gone".into()),
                    ));
                }
                for mut p in problems {
                    p.severity = config.severity(p.rule, SUPPRESSION_UNUSED.severity);
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
    crate::finding::cap_per_document(&mut out);
    out
}

/// The stable output order.
pub fn sort(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup();
}
