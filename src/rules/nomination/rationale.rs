//! `nomination/rationale`: every decision says why, and every "not yet"
//! says what to do next.

use crate::finding::Severity;
use crate::model::Nomination;
use crate::repo::Entry;
use crate::rules::{Context, Emitter, Rule, RuleId, RuleMeta};
use compact_str::CompactString;

pub struct Rationale;

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("nomination/rationale"),
    severity: Severity::Error,
    summary: "a decided nomination has a rationale; a declined or deferred one also has \
              feedback for the candidate",
    rationale: "A decision without a written reason cannot be checked against the ladder, and \
                a candidate who is told \"no\" without feedback does not know what to change. \
                Candidates deserve actionable feedback.",
    options: &[],
    pass: "decision:\n  outcome: declined\n  date: 2026-08-26\n  \
           rationale: The evidence shows solid P4 work on one feature ...\n  \
           feedback: Take ownership of the billing area's problem list ...\n",
    fail: "decision:\n  outcome: declined   # no feedback for the candidate\n  \
           date: 2026-08-26\n  rationale: The evidence shows solid P4 work on one feature ...\n",
};

fn blank(s: &Option<CompactString>) -> bool {
    s.as_deref().is_none_or(|s| s.trim().is_empty())
}

impl Rule for Rationale {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_nomination(&self, _cx: &Context, n: &Entry<Nomination>, out: &mut Emitter) {
        let nom = &n.item;
        let Some(decision) = &nom.decision else {
            return;
        };
        let outcome = decision.outcome.as_str();
        if !nom.is_decided() {
            return;
        }
        // `an approved nomination`, `a declined nomination`.
        let article = match outcome.starts_with(['a', 'e', 'i', 'o', 'u']) {
            true => "an",
            false => "a",
        };
        // Point at an empty field, else at the outcome that requires it.
        let at = |field: &str, value: &Option<CompactString>| {
            if value.is_some() {
                n.ptr(&format!("/decision/{field}"))
            } else {
                n.ptr("/decision/outcome")
            }
        };
        if blank(&decision.rationale) {
            out.at(
                n.at,
                &at("rationale", &decision.rationale),
                match decision.rationale {
                    Some(_) => {
                        format!("the rationale is empty; {article} {outcome} nomination needs one")
                    }
                    None => format!("nomination {outcome} without a rationale"),
                },
            )
            .help(
                "add `rationale:` saying how the evidence compares with the target level's \
                 expectations",
            );
        }
        if matches!(outcome, "declined" | "deferred") && blank(&decision.feedback) {
            out.at(
                n.at,
                &at("feedback", &decision.feedback),
                match decision.feedback {
                    Some(_) => format!(
                        "the feedback is empty; {article} {outcome} nomination needs feedback \
                         for the candidate"
                    ),
                    None => format!("nomination {outcome} without feedback for the candidate"),
                },
            )
            .help(
                "add `feedback:` telling the candidate what evidence would make the case next time",
            );
        }
    }
}
