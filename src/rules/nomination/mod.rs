//! `nomination/` rules: one candidate, one target level, one cycle.

pub mod answers_complete;
pub mod conflict_of_interest;
pub mod dates;
pub mod decision_matches_votes;
pub mod duplicate_candidate;
pub mod endorsements;
pub mod evidence_coverage;
pub mod late;
pub mod level_step;
pub mod quorum;
pub mod rationale;
pub mod reviewer_seniority;

use super::Rule;

/// Every `nomination/` rule.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(level_step::LevelStep),
        Box::new(conflict_of_interest::ConflictOfInterest),
        Box::new(reviewer_seniority::ReviewerSeniority),
        Box::new(quorum::Quorum),
        Box::new(decision_matches_votes::DecisionMatchesVotes),
        Box::new(endorsements::Endorsements),
        Box::new(evidence_coverage::EvidenceCoverage),
        Box::new(answers_complete::AnswersComplete),
        Box::new(rationale::Rationale),
        Box::new(duplicate_candidate::DuplicateCandidate),
        Box::new(dates::Dates),
        Box::new(late::Late),
    ]
}

pub(crate) use crate::dates::parse as date;

/// "1 day" / "3 days".
pub(crate) fn days(n: i64) -> String {
    if n == 1 {
        "1 day".to_owned()
    } else {
        format!("{n} days")
    }
}

/// `a`, `a and b`, `a, b and c`.
pub(crate) fn and_list(items: &[String]) -> String {
    list(items, "and")
}

/// `a`, `a or b`, `a, b or c`.
pub(crate) fn or_list(items: &[String]) -> String {
    list(items, "or")
}

fn list(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {word} {last}", init.join(", ")),
    }
}
