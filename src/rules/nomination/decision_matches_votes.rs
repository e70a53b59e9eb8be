//! `nomination/decision-matches-votes`: the outcome is what the votes say.

use crate::finding::Severity;
use crate::model::Nomination;
use crate::repo::Entry;
use crate::rules::{Context, Emitter, OptionKind, OptionMeta, Rule, RuleMeta};

pub struct DecisionMatchesVotes;

pub static META: RuleMeta = RuleMeta {
    id: "nomination/decision-matches-votes",
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

fn describe(rule: &str) -> &'static str {
    match rule {
        "unanimous" => "every vote for or against to approve (rule `unanimous`)",
        "two-thirds" => "at least two thirds of the votes for or against (rule `two-thirds`)",
        _ => "more than half of the votes for or against (rule `majority`)",
    }
}

impl Rule for DecisionMatchesVotes {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_nomination(&self, cx: &Context, n: &Entry<Nomination>, out: &mut Emitter) {
        let nom = &n.item;
        let outcome = super::outcome(nom);
        if outcome != "approved" && outcome != "declined" {
            return;
        }
        let rule = cx.options(META.id).choice("rule");
        let votes = nom.review.as_ref().map(|r| &r.votes);
        let count = |v: &str| votes.map_or(0, |m| m.values().filter(|x| *x == v).count());
        let (approve, decline, abstain) = (count("approve"), count("decline"), count("abstain"));
        let carried = carries(rule, approve, decline);
        let tally = format!(
            "{approve} to approve, {decline} to decline{}",
            if abstain > 0 {
                format!(", {abstain} abstaining")
            } else {
                String::new()
            }
        );
        let (message, help) = match (outcome, carried) {
            ("approved", false) => (
                format!("approved with {tally}; approval needs {}", describe(rule)),
                "check the votes, or record the outcome the votes support",
            ),
            ("declined", true) => (
                format!(
                    "declined with {tally}, which carries approval: {}",
                    describe(rule)
                ),
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
