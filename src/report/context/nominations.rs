//! The per-nomination lists: `nominations` (one row each, with votes),
//! `late` (submitted after `closes`) and `overdue` (decided after, or still
//! pending past, `decide_by`).

use super::{person_ref, PersonRef, Problem};
use crate::fairness::Grouping;
use crate::model::{Cycle, Nomination};
use crate::repo::{Entry, Repo};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct NominationRow {
    pub id: String,
    pub candidate: PersonRef,
    pub ladder: String,
    /// Absent when `track` has hidden groups (the levels give the track).
    pub from_level: Option<String>,
    pub to_level: Option<String>,
    /// Absent when `channel` has hidden groups.
    pub nominated_by: Option<PersonRef>,
    /// `self`, `manager` or `other`; absent when `channel` has hidden
    /// groups.
    pub channel: Option<String>,
    pub submitted: Option<String>,
    pub outcome: String,
    pub decision_date: Option<String>,
    pub votes: Votes,
    pub late: bool,
    pub overdue: bool,
    /// Findings in this nomination (see `problems`).
    pub problems: usize,
    pub file: String,
}

#[derive(Debug, Default, Serialize)]
pub struct Votes {
    pub approve: usize,
    pub decline: usize,
    pub abstain: usize,
}

#[derive(Debug, Serialize)]
pub struct LateRow {
    pub id: String,
    pub candidate: PersonRef,
    pub submitted: String,
    pub days_late: i64,
}

#[derive(Debug, Serialize)]
pub struct OverdueRow {
    pub id: String,
    pub candidate: PersonRef,
    pub outcome: String,
    /// The decision date, when decided late.
    pub decision_date: Option<String>,
    pub days_overdue: i64,
    /// `pending past decide_by` or `decided after decide_by`.
    pub reason: &'static str,
}

/// The three lists, in the order of `noms`.
pub(super) struct Lists {
    pub rows: Vec<NominationRow>,
    pub late: Vec<LateRow>,
    pub overdue: Vec<OverdueRow>,
}

pub(super) fn lists(
    repo: &Repo,
    cycle: &Cycle,
    noms: &[&Entry<Nomination>],
    grouping: &Grouping,
    today: &str,
) -> Lists {
    let mut rows = Vec::new();
    let mut late = Vec::new();
    let mut overdue = Vec::new();
    for n in noms {
        let item = &n.item;
        let outcome = item.outcome().to_owned();
        let decision_date = item
            .decision
            .as_ref()
            .and_then(|d| d.date.as_deref().map(str::to_owned));
        let days_late = item.submitted_late(cycle).map(|l| l.days);
        if let (Some(d), Some(s)) = (days_late, &item.submitted) {
            late.push(LateRow {
                id: item.id.to_string(),
                candidate: person_ref(repo, &item.candidate),
                submitted: s.to_string(),
                days_late: d,
            });
        }
        let over = overdue_row(item, cycle, today, repo);
        let is_overdue = over.is_some();
        overdue.extend(over);
        let mut votes = Votes::default();
        for v in item.review.iter().flat_map(|r| r.votes.values()) {
            match v.as_str() {
                "approve" => votes.approve += 1,
                "decline" => votes.decline += 1,
                "abstain" => votes.abstain += 1,
                _ => {}
            }
        }
        rows.push(NominationRow {
            id: item.id.to_string(),
            candidate: person_ref(repo, &item.candidate),
            ladder: item.ladder.to_string(),
            from_level: Some(item.from_level.to_string()),
            to_level: Some(item.to_level.to_string()),
            nominated_by: item.nominated_by.as_deref().map(|p| person_ref(repo, p)),
            channel: Some(grouping.channel(item).to_owned()),
            submitted: item.submitted.as_deref().map(str::to_owned),
            outcome,
            decision_date,
            votes,
            late: days_late.is_some(),
            overdue: is_overdue,
            problems: 0,
            file: repo.file(n.at).path.clone(),
        });
    }
    Lists {
        rows,
        late,
        overdue,
    }
}

/// Sets each row's count of the problems found in its nomination.
pub(super) fn count_problems(rows: &mut [NominationRow], problems: &[Problem]) {
    for r in rows {
        r.problems = problems
            .iter()
            .filter(|p| p.nomination.as_deref() == Some(r.id.as_str()))
            .count();
    }
}

fn overdue_row(n: &Nomination, cycle: &Cycle, today: &str, repo: &Repo) -> Option<OverdueRow> {
    let (late, reason) = match n.overdue(cycle, today) {
        Some(late) => (late, "pending past decide_by"),
        None => (n.decided_late(cycle)?, "decided after decide_by"),
    };
    Some(OverdueRow {
        id: n.id.to_string(),
        candidate: person_ref(repo, &n.candidate),
        outcome: n.outcome().to_owned(),
        decision_date: n
            .decision
            .as_ref()
            .and_then(|d| d.date.as_deref().map(str::to_owned)),
        days_overdue: late.days,
        reason,
    })
}
