//! `ladder/matrix-complete`: every level has an expectation for every
//! competency of the ladder.

use super::common::level_ptr;
use crate::finding::Severity;
use crate::model::Ladder;
use crate::repo::Entry;
use crate::rules::{Context, Emitter, Rule, RuleMeta};

pub struct MatrixComplete;

pub static META: RuleMeta = RuleMeta {
    id: "ladder/matrix-complete",
    severity: Severity::Error,
    summary: "every level has an expectation for every competency of the ladder",
    rationale: "Candidates must know what is expected of them. A level that says nothing about \
                a competency leaves the board to invent the bar during the review, which is \
                where subjectivity and bias come in.",
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
        for (i, level) in ladder.levels.iter().enumerate() {
            let missing: Vec<String> = ladder
                .competencies
                .iter()
                .filter(|c| !level.expectations.contains_key(&c.id))
                .map(|c| {
                    if c.title.is_empty() {
                        format!("`{}`", c.id)
                    } else {
                        format!("`{}` ({})", c.id, c.title)
                    }
                })
                .collect();
            if missing.is_empty() {
                continue;
            }
            let what = match missing.as_slice() {
                [one] => format!("competency {one}"),
                [init @ .., last] => format!("competencies {} and {last}", init.join(", ")),
                [] => unreachable!(),
            };
            let message = format!("`{}` has no expectation for {what}", level.id);
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
