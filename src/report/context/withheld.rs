//! The `withheld` list: what the per-person lists leave out so that no
//! outcome per person stands beside a group table that could expose it,
//! and why (in words, for the reader of the report).

use super::{NominationRow, OverdueRow, Problem};
use crate::fairness::Analysis;

/// The per-person lists, trimmed in place.
pub(super) struct PerPerson<'a> {
    pub rows: &'a mut Vec<NominationRow>,
    pub overdue: &'a mut Vec<OverdueRow>,
    pub problems: &'a mut Vec<Problem>,
}

/// Trims the per-person lists: all of them with a groups file, else the
/// columns of `nominations` that show an attribute with hidden groups.
/// Returns the reasons.
pub(super) fn withhold(
    with_groups_file: bool,
    approval: &[Analysis],
    nomination: &[Analysis],
    lists: PerPerson,
) -> Vec<String> {
    let PerPerson {
        rows,
        overdue,
        problems,
    } = lists;
    // No per-person outcome beside an attribute whose groups are hidden.
    let mut withheld = Vec::new();
    if with_groups_file {
        withheld.push(
            "the per-nomination list, the overdue decisions and the problems found in \
             nominations are left out of a report with --groups: outcomes per person beside \
             sensitive group tables could expose a group; build the report without --groups \
             for them"
                .to_owned(),
        );
        rows.clear();
        overdue.clear();
        problems.clear();
    }
    if with_groups_file {
        // Nor a candidate's name beside their nomination's problems.
        for p in problems.iter_mut() {
            p.candidate = None;
        }
    }
    let hides = |attr: &str| {
        approval
            .iter()
            .chain(nomination)
            .any(|a| a.attribute == attr && !a.hidden.is_empty())
    };
    if !rows.is_empty() && hides("channel") {
        withheld.push(
            "the nomination channel and who nominated are left out of the per-nomination list: \
             the channel has groups too small to show"
                .to_owned(),
        );
        for r in rows.iter_mut() {
            r.channel = None;
            r.nominated_by = None;
        }
    }
    if !rows.is_empty() && hides("track") {
        withheld.push(
            "the levels are left out of the per-nomination list: they give the track, which \
             has groups too small to show"
                .to_owned(),
        );
        for r in rows.iter_mut() {
            r.from_level = None;
            r.to_level = None;
        }
    }
    withheld
}
