//! `nomination/reviewer-seniority`: reviewers are at least as senior as the
//! level the candidate is nominated for.

use crate::finding::Severity;
use crate::model::Nomination;
use crate::repo::Entry;
use crate::rules::{Context, Emitter, Rule, RuleId, RuleMeta};

pub struct ReviewerSeniority;

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("nomination/reviewer-seniority"),
    severity: Severity::Warning,
    summary: "every reviewer's level rank is at least the rank of the target level",
    rationale: "A reviewer judges whether the evidence meets the expectations of the target \
                level. Someone who has not reached that seniority, on either track, is asked \
                to judge work beyond their own level; candidates deserve reviewers who know \
                the level from the inside.",
    options: &[],
    pass: "to_level: E6       # rank 6\nreview:\n  reviewers: [ahmed, lchen, okafor]   # E8, M7, M7\n",
    fail: "to_level: E7       # rank 7\nreview:\n  reviewers: [ahmed, tkim, okafor]    # tkim is E6, rank 6\n",
};

impl Rule for ReviewerSeniority {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_nomination(&self, cx: &Context, n: &Entry<Nomination>, out: &mut Emitter) {
        let repo = cx.repo;
        let nom = &n.item;
        let Some(review) = &nom.review else {
            return;
        };
        let Some((_, _, target)) = repo.level(&nom.ladder, &nom.to_level) else {
            return;
        };
        for (i, who) in review.reviewers.iter().enumerate() {
            let Some(person) = repo.person(who) else {
                continue;
            };
            let (Some(ladder), Some(level)) = (&person.item.ladder, &person.item.level) else {
                continue;
            };
            let Some((_, _, own)) = repo.level(ladder, level) else {
                continue;
            };
            if own.rank >= target.rank {
                continue;
            }
            out.at(
                n.at,
                &n.ptr(&format!("/review/reviewers/{i}")),
                format!(
                    "reviewer {} is at `{}` (rank {}), below the target level `{}` (rank {})",
                    repo.named(who),
                    own.id,
                    own.rank,
                    target.id,
                    target.rank
                ),
            )
            .related(person.at, &person.ptr("/level"), format!("`{who}`'s level"))
            .help(format!(
                "assign a board member at rank {} or above, on either track",
                target.rank
            ));
        }
    }
}
