//! The `problems` section: the findings in the cycle's nominations and in
//! the cycle itself.

use super::{person_ref, PersonRef};
use crate::finding::{Finding, Severity};
use crate::model::Nomination;
use crate::repo::{DocRef, Entry, Repo};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Serialize)]
pub struct Problem {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// The nomination's id, when the finding is in a nomination.
    pub nomination: Option<String>,
    /// Its candidate, when the finding is in a nomination.
    pub candidate: Option<PersonRef>,
}

/// Every finding in this cycle's nominations and in the cycle itself, of
/// any rule (an unknown candidate is as much the board's problem as a
/// conflict of interest), as the sink left them (severities, suppressions).
pub(super) fn problems(
    repo: &Repo,
    findings: &[Finding],
    noms: &[&Entry<Nomination>],
    cycle_at: DocRef,
) -> Vec<Problem> {
    let mut docs: BTreeMap<(&str, usize), Option<&Nomination>> = noms
        .iter()
        .map(|n| {
            (
                (repo.file(n.at).path.as_str(), n.at.doc as usize),
                Some(&n.item),
            )
        })
        .collect();
    docs.insert(
        (repo.file(cycle_at).path.as_str(), cycle_at.doc as usize),
        None,
    );
    findings
        .iter()
        .filter(|f| f.severity != Severity::Off)
        .filter_map(|f| {
            let nomination = docs.get(&(f.file.as_str(), f.document))?;
            Some(Problem {
                rule: f.rule.to_string(),
                severity: f.severity,
                message: f.message.clone(),
                help: f.help.clone(),
                file: f.file.clone(),
                line: f.span.line,
                column: f.span.column,
                nomination: nomination.map(|n| n.id.to_string()),
                candidate: nomination.map(|n| person_ref(repo, &n.candidate)),
            })
        })
        .collect()
}
