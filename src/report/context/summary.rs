//! The `summary` and `outcomes` sections: the cycle's counts at a glance.

use super::{ratio, NominationRow};
use crate::finding::{Finding, Severity};
use serde::Serialize;

/// The outcomes, in the order reports list them.
pub const OUTCOMES: [&str; 5] = ["approved", "declined", "deferred", "withdrawn", "pending"];

#[derive(Debug, Serialize)]
pub struct Summary {
    pub nominations: usize,
    /// Approved, declined or deferred.
    pub decided: usize,
    pub approved: usize,
    /// `approved / decided` (0 when nothing is decided).
    pub approval_rate: f64,
    pub pending: usize,
    pub late: usize,
    pub overdue: usize,
    /// Findings in this cycle's nominations and its own file (see `problems`).
    pub problems: usize,
    /// Error and warning findings anywhere in the repository.
    pub repository_errors: usize,
    pub repository_warnings: usize,
    /// Fairness groups flagged (`adverse-impact` or
    /// `significant-disparity`, approval and nomination), including flagged
    /// groups of withheld tables.
    pub flagged_groups: usize,
}

#[derive(Debug, Serialize)]
pub struct OutcomeCount {
    pub outcome: &'static str,
    pub count: usize,
    /// `count / nominations`.
    pub share: f64,
}

/// Each outcome in `OUTCOMES` order, counted over the rows.
pub(super) fn outcomes(rows: &[NominationRow]) -> Vec<OutcomeCount> {
    OUTCOMES
        .iter()
        .map(|o| {
            let count = rows.iter().filter(|r| r.outcome == *o).count();
            OutcomeCount {
                outcome: o,
                count,
                share: ratio(count, rows.len()),
            }
        })
        .collect()
}

/// The counts the summary takes from the other sections.
pub(super) struct Tallies {
    pub nominations: usize,
    pub late: usize,
    pub overdue: usize,
    pub problems: usize,
    pub flagged_groups: usize,
}

pub(super) fn summary(outcomes: &[OutcomeCount], t: Tallies, findings: &[Finding]) -> Summary {
    let count = |o: &str| {
        outcomes
            .iter()
            .find(|c| c.outcome == o)
            .map_or(0, |c| c.count)
    };
    let decided = count("approved") + count("declined") + count("deferred");
    let severity = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    Summary {
        nominations: t.nominations,
        decided,
        approved: count("approved"),
        approval_rate: ratio(count("approved"), decided),
        pending: count("pending"),
        late: t.late,
        overdue: t.overdue,
        problems: t.problems,
        repository_errors: severity(Severity::Error),
        repository_warnings: severity(Severity::Warning),
        flagged_groups: t.flagged_groups,
    }
}
