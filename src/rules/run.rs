//! Running the rules over the index, in parallel.

use super::{Context, Emitter, Rule};
use crate::config::Config;
use crate::finding::{Finding, Severity};
use crate::repo::Repo;
use rayon::prelude::*;

/// Every finding of the index: what loading found, and every enabled
/// rule. Per-item checks run in parallel over the items, repository checks
/// in parallel over the rules.
pub fn run(repo: &Repo, config: &Config, today: &str) -> Vec<Finding> {
    run_with(repo, config, today, true)
}

/// As [`run`]; without `hints`, no finding gets a "did you mean" help
/// (the findings are only told apart by rule, place and message).
pub fn run_with(repo: &Repo, config: &Config, today: &str, hints: bool) -> Vec<Finding> {
    let registry = super::registry();
    let cx = Context {
        repo,
        options: &config.options,
        today: today.to_owned(),
        fairness: &config.fairness,
        analyses: &[],
        hints,
    };
    // Built-in and custom rules alike.
    let enabled: Vec<&dyn Rule> = registry
        .iter()
        .map(|r| r.as_ref())
        .chain(config.custom.iter().map(|c| c as &dyn Rule))
        .filter(|r| config.severity(r.meta().id, r.meta().severity) != Severity::Off)
        .collect();
    // The cycle analyses are computed while the per-document checks run;
    // the repository checks, which may read them, run after.
    let reads_analyses = enabled.iter().any(|r| r.reads_cycle_analyses());
    let (analyses, mut findings) = rayon::join(
        || {
            if reads_analyses {
                crate::fairness::analyse_cycles(repo, &config.fairness)
            } else {
                Vec::new()
            }
        },
        || per_document(&cx, &enabled),
    );
    let cx = Context {
        analyses: &analyses,
        ..cx
    };
    findings.par_extend(enabled.par_iter().flat_map_iter(|r| {
        let mut out = Emitter::new(repo, r.meta().id);
        r.check_repo(&cx, &mut out);
        out.into_findings()
    }));
    // A document with a key given twice is reported once, by the loader:
    // what the rules say of it would only follow from that one problem.
    let ambiguous: std::collections::HashSet<(&str, usize)> = repo
        .files
        .iter()
        .flat_map(|f| f.ambiguous.iter().map(move |d| (f.path.as_str(), *d)))
        .collect();
    if !ambiguous.is_empty() {
        findings.retain(|f| !ambiguous.contains(&(f.file.as_str(), f.document)));
    }
    // What loading found.
    findings.par_extend(
        repo.files
            .par_iter()
            .flat_map_iter(|f| f.findings.iter().cloned()),
    );
    findings
}

/// The findings of the per-document checks of `enabled`, over every
/// nomination and ladder.
fn per_document(cx: &Context, enabled: &[&dyn Rule]) -> Vec<Finding> {
    let repo = cx.repo;
    let mut findings: Vec<Finding> = repo
        .nominations
        .par_iter()
        // Small pieces: no thread left with a long run at the end.
        .with_max_len(64)
        .flat_map_iter(|n| {
            enabled
                .iter()
                .flat_map(|r| {
                    let mut out = Emitter::new(repo, r.meta().id);
                    r.check_nomination(cx, n, &mut out);
                    out.into_findings()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    findings.par_extend(repo.ladders.par_iter().flat_map_iter(|l| {
        enabled
            .iter()
            .flat_map(|r| {
                let mut out = Emitter::new(repo, r.meta().id);
                r.check_ladder(cx, l, &mut out);
                out.into_findings()
            })
            .collect::<Vec<_>>()
    }));
    findings
}
