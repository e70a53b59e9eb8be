//! `nomination/decision-matches-votes`: the outcome is what the votes say.

use crate::finding::Severity;
use crate::model::Nomination;
use crate::repo::Entry;
use crate::rules::{Context, Emitter, Looser, OptionKind, OptionMeta, Rule, RuleId, RuleMeta};

pub struct DecisionMatchesVotes;

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("nomination/decision-matches-votes"),
    severity: Severity::Error,
    summary: "`approved` needs enough approve votes under the voting `rule`; `declined` must \
              not have them",
    rationale: "If the recorded outcome differs from the votes, the decision was taken \
                somewhere else than in the board, by someone who is not accountable for it. \
                Votes for and against count; abstentions do not.",
    options: &[OptionMeta {
        name: "rule",
        kind: OptionKind::Choice(&["majority", "two-thirds", "unanimous"]),
        default: "\"majority\"",
        looser: Looser::Earlier,
        doc: "approve votes needed, out of the approve and decline votes: more than half \
              (`majority`), at least two thirds (`two-thirds`), or all of them (`unanimous`)",
    }],
    pass: "votes: { ahmed: approve, lchen: approve, okafor: decline }\n\
           decision: { outcome: approved, ... }\n",
    fail: "votes: { ahmed: approve, lchen: decline, okafor: decline }\n\
           decision: { outcome: approved, ... }   # 1 of 3 votes to approve\n",
};

/// Whether `approve` out of `approve + decline` votes carries under `rule`.
fn carries(rule: &str, approve: usize, decline: usize) -> bool {
    let total = approve + decline;
    match rule {
        "unanimous" => approve > 0 && decline == 0,
        "two-thirds" => approve > 0 && 3 * approve >= 2 * total,
        _ => 2 * approve > total,
    }
}

/// What `rule` asks of the approve votes, as a board member would say it.
fn needs(rule: &str) -> &'static str {
    match rule {
        "unanimous" => "rule `unanimous` needs all of them",
        "two-thirds" => "rule `two-thirds` needs at least two thirds",
        _ => "rule `majority` needs more than half",
    }
}

fn carried_by(rule: &str) -> &'static str {
    match rule {
        "unanimous" => "all of them, which carries approval under rule `unanimous`",
        "two-thirds" => "at least two thirds, which carries approval under rule `two-thirds`",
        _ => "a majority, which carries approval under rule `majority`",
    }
}

impl Rule for DecisionMatchesVotes {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_nomination(&self, cx: &Context, n: &Entry<Nomination>, out: &mut Emitter) {
        let nom = &n.item;
        let outcome = nom.outcome();
        if outcome != "approved" && outcome != "declined" {
            return;
        }
        let rule = cx.options(META.id).choice("rule");
        let votes = nom.review.as_ref().map(|r| &r.votes);
        let count = |v: &str| votes.map_or(0, |m| m.values().filter(|x| *x == v).count());
        let (approve, decline, abstain) = (count("approve"), count("decline"), count("abstain"));
        let carried = carries(rule, approve, decline);
        let total = approve + decline;
        let of = |k: usize| {
            format!(
                "{k} of the {total} {} for or against {} to approve{}",
                if total == 1 { "vote" } else { "votes" },
                if k == 1 { "is" } else { "are" },
                match abstain {
                    0 => String::new(),
                    1 => " (1 abstention not counted)".to_owned(),
                    a => format!(" ({a} abstentions not counted)"),
                }
            )
        };
        let (message, help) = match (outcome, carried) {
            ("approved", false) if total == 0 => (
                "approved without any vote for or against".to_owned(),
                "record the board's votes, or the outcome they support",
            ),
            ("approved", false) => (
                format!("approved, but only {}; {}", of(approve), needs(rule)),
                "check the votes, or record the outcome the votes support",
            ),
            ("declined", true) => (
                format!("declined, but {}: {}", of(approve), carried_by(rule)),
                "check the votes; if the board approved, set the outcome to `approved`",
            ),
            _ => return,
        };
        let mut r = out.at(n.at, &n.ptr("/decision/outcome"), message);
        if votes.is_some_and(|v| !v.is_empty()) {
            r = r.related(n.at, &n.ptr("/review/votes"), "the votes");
        }
        r.help(help);
    }
}

#[cfg(test)]
mod tests {
    use super::carries;

    #[test]
    fn thresholds() {
        assert!(carries("majority", 2, 1));
        assert!(!carries("majority", 1, 1));
        assert!(!carries("majority", 0, 0));
        assert!(carries("two-thirds", 2, 1));
        assert!(!carries("two-thirds", 3, 2));
        assert!(carries("unanimous", 2, 0));
        assert!(!carries("unanimous", 4, 1));
        assert!(!carries("unanimous", 0, 0));
    }
}
