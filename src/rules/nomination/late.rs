//! `nomination/late`: submitted after the cycle closed. A warning of its
//! own, apart from `nomination/dates`, so that a board can accept late
//! nominations (or refuse them) without touching the other date checks.

use super::days;
use crate::finding::Severity;
use crate::model::Nomination;
use crate::repo::Entry;
use crate::rules::{Context, Emitter, Rule, RuleId, RuleMeta};

pub struct Late;

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("nomination/late"),
    severity: Severity::Warning,
    summary: "submitted within the cycle's window: not after `closes`",
    rationale: "Everyone nominated in a cycle gets the same time to prepare and the board the \
                same time to review. A late nomination may still be accepted, but the board \
                should decide that knowingly: make it an error to refuse late nominations, or \
                suppress the finding with the board's reason.",
    options: &[],
    pass: "# cycle 2026-H2 closes 2026-07-15\nsubmitted: 2026-07-14\n",
    fail: "# cycle 2026-H2 closes 2026-07-15\nsubmitted: 2026-07-20   # 5 days late\n",
};

impl Rule for Late {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_nomination(&self, cx: &Context, n: &Entry<Nomination>, out: &mut Emitter) {
        let nom = &n.item;
        let Some(c) = cx.repo.cycle(&nom.cycle) else {
            return;
        };
        let Some(late) = nom.submitted_late(&c.item) else {
            return;
        };
        let (s, closes) = (late.on, late.due);
        let cid = &nom.cycle;
        out.at(
            n.at,
            &n.ptr("/submitted"),
            format!(
                "submitted on {s}, {} after cycle `{cid}` closed on {closes}",
                days(late.days)
            ),
        )
        .related(c.at, &c.ptr("/closes"), format!("cycle `{cid}` closes"))
        .help(format!(
            "if the board accepts it, say so: `# ladderlint: disable-next-line {} -- reason`",
            META.id
        ));
    }
}
