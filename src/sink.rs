//! The findings sink: the one place where severities are applied, inline
//! suppressions and waivers honoured (and unused or expired ones
//! reported), what they hide kept apart to be shown, reporting restricted
//! to the files asked for, and findings put in their stable order.

use crate::config::Config;
use crate::finding::{Finding, RuleId, Severity};
use crate::repo::Repo;
use crate::rules;
use crate::suppress::{self, waivers::State, Suppressed, Via};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};

pub use crate::suppress::SUPPRESSION_UNUSED;

/// What the sink leaves: the findings to report, sorted by file, line,
/// column, rule, and the findings that suppressions hid, in the same order.
#[derive(Debug, Default)]
pub struct Sunk {
    pub findings: Vec<Finding>,
    pub suppressed: Vec<Suppressed>,
}

/// Apply configuration, inline suppressions and waivers (`config.waivers`,
/// checked against the people of `repo` and `today`); return the findings
/// to report and those suppressed.
pub fn finish(
    findings: Vec<Finding>,
    repo: &Repo,
    config: &Config,
    today: &str,
    report_only: Option<&BTreeSet<String>>,
) -> Sunk {
    let files = &repo.files;
    let mut metas = rules::all_meta();
    metas.extend(config.custom.iter().map(|c| c.meta));
    let defaults: HashMap<RuleId, Severity> = metas.iter().map(|m| (m.id, m.severity)).collect();
    let known: Vec<RuleId> = metas.iter().map(|m| m.id).collect();

    let waivers = match config.no_suppressions {
        true => None,
        false => config.waivers.as_deref(),
    };
    let checked = waivers.map(|w| {
        w.check(
            &known,
            &config.unsuppressible,
            &|id| repo.person(id).is_some(),
            &|| repo.people.iter().map(|p| p.item.id.clone()).collect(),
            today,
        )
    });
    let n = checked.as_ref().map_or(0, |c| c.states.len());
    let used: Vec<AtomicBool> = (0..n).map(|_| AtomicBool::new(false)).collect();

    // Each loaded file's findings, by the file's index; the rest are about
    // other files (the configuration, the waivers file).
    let index: ahash::AHashMap<&str, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.path.as_str(), i))
        .collect();
    let mut mine: Vec<Vec<Finding>> = (0..files.len()).map(|_| Vec::new()).collect();
    let mut others: Vec<Finding> = Vec::new();
    let extra = checked.iter().flat_map(|c| c.findings.iter().cloned());
    for mut f in findings.into_iter().chain(extra) {
        let default = defaults.get(&f.rule).copied().unwrap_or(f.severity);
        f.severity = config.severity(f.rule, default);
        if f.severity != Severity::Off {
            match index.get(f.file.as_str()) {
                Some(&i) => mine[i].push(f),
                None => others.push(f),
            }
        }
    }

    // A finding that no comment suppressed: waived, or kept (with a note
    // when a waiver that does not apply covers it).
    let waive = |mut f: Finding, kept: &mut Vec<Finding>, hidden: &mut Vec<Suppressed>| {
        let Some(c) = checked.as_ref() else {
            kept.push(f);
            return;
        };
        match c.active_for(&f) {
            Some(i) => {
                used[i].store(true, Ordering::Relaxed);
                let e = &c.waivers.entries[i];
                hidden.push(Suppressed {
                    finding: f,
                    via: Via::Waiver,
                    at: c.waivers.related(e.index, "waiver"),
                    reason: e.waiver.reason.clone(),
                    approved_by: Some(e.waiver.approved_by.clone()),
                    expires: Some(e.waiver.expires.clone()),
                    new: false,
                });
            }
            None => {
                let notes = c.notes_for(&f);
                f.related.extend(notes);
                kept.push(f);
            }
        }
    };

    let per_file: Vec<(Vec<Finding>, Vec<Suppressed>)> =
        files
            .par_iter()
            .zip(mine)
            .with_max_len(64)
            .map(|(file, mine)| {
                let mut problems = Vec::new();
                let mut hidden = Vec::new();
                let mut sups = match config.no_suppressions {
                    true => Vec::new(),
                    false => suppress::parse(file, &known, &mut problems),
                };
                let mut kept = Vec::new();
                for f in mine {
                    let hit = sups.iter_mut().find(|s| s.covers(&f));
                    match hit {
                        Some(s) if config.unsuppressible.contains(&f.rule) => {
                            // Counted as used: the finding below says why it did not work.
                            s.used = true;
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
                            kept.push(f);
                        }
                        Some(s) => {
                            s.used = true;
                            hidden.push(Suppressed {
                                finding: f,
                                via: Via::Comment,
                                at: file.related(s.span.clone(), "suppression comment"),
                                reason: s.reason.clone(),
                                approved_by: None,
                                expires: None,
                                new: false,
                            });
                        }
                        None => waive(f, &mut kept, &mut hidden),
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
                // In order here, so that the order of all is mostly made.
                kept.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                hidden.sort_by(|a, b| a.finding.sort_key().cmp(&b.finding.sort_key()));
                (kept, hidden)
            })
            .collect();
    let mut out = Vec::new();
    let mut suppressed = Vec::new();
    for (kept, hidden) in per_file {
        out.extend(kept);
        suppressed.extend(hidden);
    }
    // Findings about files that are not loaded files (the configuration,
    // the waivers file) are kept unless a waiver covers them.
    others.sort_by(|a, b| a.file.cmp(&b.file));
    for f in others {
        waive(f, &mut out, &mut suppressed);
    }
    if let Some(c) = &checked {
        for (i, e) in c.waivers.entries.iter().enumerate() {
            let judged = c.waivers.judged_unloaded.as_ref().is_none_or(|changed| {
                index.contains_key(e.waiver.file.as_str()) || changed.contains(&e.waiver.file)
            });
            if c.states[i] != State::Active
                || used[i].load(Ordering::Relaxed)
                || !known
                    .iter()
                    .any(|k| k.as_str() == e.waiver.rule && config.selected(*k))
                || !judged
            {
                continue;
            }
            let mut f = c.waivers.finding_at(
                SUPPRESSION_UNUSED.id,
                e.index,
                None,
                format!("waiver of {} waives nothing", e.waiver.target()),
                Some("remove it: the finding it waived is gone".into()),
            );
            f.severity = config.severity(f.rule, SUPPRESSION_UNUSED.severity);
            if f.severity != Severity::Off {
                out.push(f);
            }
        }
    }
    if let Some(only) = report_only {
        out.retain(|f| only.contains(&f.file));
        suppressed.retain(|s| only.contains(&s.finding.file));
    }
    sort(&mut out);
    crate::finding::cap_per_document(&mut out);
    suppressed.sort_by(|a, b| a.finding.sort_key().cmp(&b.finding.sort_key()));
    Sunk {
        findings: out,
        suppressed,
    }
}

/// The stable output order.
pub fn sort(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup();
}
