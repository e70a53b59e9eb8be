//! The `reviewer_load` section: per reviewer, the nominations they are
//! assigned in the cycle, their votes, and the votes still awaited.

use super::{person_ref, PersonRef};
use crate::model::{Cycle, Nomination};
use crate::repo::{Entry, Repo};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Serialize)]
pub struct ReviewerRow {
    pub reviewer: PersonRef,
    pub on_board: bool,
    /// Nominations listing them as a reviewer.
    pub assigned: usize,
    pub voted: usize,
    pub approve: usize,
    pub decline: usize,
    pub abstain: usize,
    /// Assigned nominations still without their vote.
    pub awaiting_vote: usize,
}

pub(super) fn reviewer_load(
    repo: &Repo,
    cycle: &Cycle,
    noms: &[&Entry<Nomination>],
) -> Vec<ReviewerRow> {
    let mut load: BTreeMap<&str, ReviewerRow> = BTreeMap::new();
    for n in noms {
        let Some(review) = &n.item.review else {
            continue;
        };
        let open = n.item.is_pending();
        for r in &review.reviewers {
            let row = load.entry(r).or_insert_with(|| ReviewerRow {
                reviewer: person_ref(repo, r),
                on_board: cycle.board.iter().any(|b| b == r),
                assigned: 0,
                voted: 0,
                approve: 0,
                decline: 0,
                abstain: 0,
                awaiting_vote: 0,
            });
            row.assigned += 1;
            match review.votes.get(r).map(|v| v.as_str()) {
                Some(v) => {
                    row.voted += 1;
                    match v {
                        "approve" => row.approve += 1,
                        "decline" => row.decline += 1,
                        "abstain" => row.abstain += 1,
                        _ => {}
                    }
                }
                None if open => row.awaiting_vote += 1,
                None => {}
            }
        }
    }
    let mut rows: Vec<ReviewerRow> = load.into_values().collect();
    rows.sort_by(|a, b| {
        b.assigned
            .cmp(&a.assigned)
            .then_with(|| a.reviewer.id.cmp(&b.reviewer.id))
    });
    rows
}
