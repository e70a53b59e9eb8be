//! `ladder/matrix-complete`: every level has an expectation for every
//! competency of the ladder.

use super::common::level_ptr;
use crate::finding::Severity;
use crate::model::Ladder;
use crate::repo::Entry;
use crate::rules::{Context, Emitter, Rule, RuleId, RuleMeta};

pub struct MatrixComplete;

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("ladder/matrix-complete"),
    severity: Severity::Error,
    summary: "every level has an expectation for every competency that applies to it",
    rationale: "Candidates must know what is expected of them. A level that says nothing about \
                a competency leaves the board to invent the bar during the review, which is \
                where subjectivity and bias come in. A competency with `applies_to` is only \
                expected where it applies (its tracks, from its `min_rank` up; on a level shared \
                by several tracks, only when it applies on each of them). In a `cumulative: true` \
                ladder a level lists only what is new: a missing expectation reads as the level \
                below, so only a competency that no level below states is missing.",
    options: &[],
    pass: "competencies:\n  - { id: technical, ... }\n  - { id: impact, ... }\nlevels:\n  \
           - id: E5\n    expectations:\n      technical: ...\n      impact: ...\n",
    fail: "competencies:\n  - { id: technical, ... }\n  - { id: impact, ... }\nlevels:\n  \
           - id: E5\n    expectations:   # no expectation for `impact`\n      technical: ...\n",
};

impl Rule for MatrixComplete {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_ladder(&self, cx: &Context, l: &Entry<Ladder>, out: &mut Emitter) {
        let ladder = &l.item;
        let root = cx
            .repo
            .file(l.at)
            .documents()
            .get(l.at.doc as usize)
            .map(|d| &d.root);
        let cells = ladder.cells();
        for (i, level) in ladder.levels.iter().enumerate() {
            // Only the competencies that apply to the level; in a cumulative
            // ladder a cell left out reads as the level below.
            let missing: Vec<String> = ladder
                .competencies_of(level)
                .filter(|(ci, _)| cells.expectation(ladder, i, *ci).is_none())
                .map(|(_, c)| c.name())
                .collect();
            if missing.is_empty() {
                continue;
            }
            let what = match missing.as_slice() {
                [one] => format!("competency {one}"),
                [init @ .., last] => format!("competencies {} and {last}", init.join(", ")),
                [] => unreachable!(),
            };
            let message = if ladder.cumulative {
                format!(
                    "`{}` has no expectation for {what}, and no level below it states one",
                    level.id
                )
            } else {
                format!("`{}` has no expectation for {what}", level.id)
            };
            let help = "say what a person at this level does for every competency, in \
                        concrete, observable terms";
            let expectations = level_ptr(l, i, "/expectations");
            if root.is_some_and(|r| r.resolve(&expectations).is_some()) {
                out.at_key(l.at, &expectations, message).help(help);
            } else {
                out.at(l.at, &level_ptr(l, i, "/id"), message).help(help);
            }
        }
    }
}
