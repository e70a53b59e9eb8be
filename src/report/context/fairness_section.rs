//! The `fairness` section: approval and nomination rates per attribute,
//! the eligible population, the by-level comparisons, and what the groups
//! file brought.

use super::Inputs;
use crate::fairness::{self, Analysis, CycleAnalysis};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct FairnessSection {
    /// Approval rates: approved among decided nominations, per attribute.
    pub approval: Vec<Analysis>,
    /// Nomination rates: nominated among eligible people, per attribute.
    pub nomination: Vec<Analysis>,
    /// Eligible people.
    pub eligible: u64,
    /// Who was eligible as of the cycle, who was not and why.
    pub eligibility: fairness::eligible::Summary,
    /// Approval, each shown group against the reference, crude and
    /// stratified by target level.
    pub by_level: Vec<fairness::ByLevel>,
    /// Attributes from `--groups FILE` (none without it).
    pub groups_file_attributes: Vec<String>,
    /// People in the groups file who are not in People (ignored).
    pub groups_file_unknown_people: usize,
    /// Their ids, sorted.
    pub groups_file_unknown_ids: Vec<String>,
}

/// Flagged groups over both measures, counting those inside withheld
/// tables.
pub(super) fn flagged_groups(approval: &[Analysis], nomination: &[Analysis]) -> usize {
    approval
        .iter()
        .chain(nomination)
        .map(|a| a.flagged().count() + a.withheld_flags)
        .sum()
}

pub(super) fn section(i: &Inputs, analysis: CycleAnalysis) -> FairnessSection {
    let mut unknown_in_groups: Vec<String> = i.groups.map_or(Vec::new(), |g| {
        g.people()
            .filter(|p| i.repo.person(p).is_none())
            .map(str::to_owned)
            .collect()
    });
    unknown_in_groups.sort();
    unknown_in_groups.dedup();
    FairnessSection {
        approval: analysis.approval,
        nomination: analysis.nomination,
        eligible: analysis.eligible.count,
        eligibility: analysis.eligible,
        by_level: analysis.by_level,
        groups_file_attributes: i.groups.map_or(Vec::new(), |g| g.attributes().to_vec()),
        groups_file_unknown_people: unknown_in_groups.len(),
        groups_file_unknown_ids: unknown_in_groups,
    }
}
