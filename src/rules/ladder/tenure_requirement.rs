//! `ladder/tenure-requirement`: expectations ask for results, not time served.

use super::text::{self, Text};
use crate::finding::Severity;
use crate::model::{Ladder, Nomination};
use crate::repo::{DocRef, Entry};
use crate::rules::{Context, Emitter, Rule, RuleMeta};

pub struct TenureRequirement;

pub static META: RuleMeta = RuleMeta {
    id: "ladder/tenure-requirement",
    severity: Severity::Warning,
    summary: "expectations do not demand years of tenure or experience (\"5+ years\", \"at \
              least eight years at the company\", \"years of experience\")",
    rationale: "A new joiner must be able to advance on merit, not on time served: a years \
                requirement holds back people who reach the level's scope quickly, and lets \
                time stand in for evidence. Describe the scope and outcomes expected at the \
                level instead. In the list, `N` stands for a number (digits or a word such as \
                `eight`); a number of years after `next`, `coming`, `every`, `per` or \
                `within` is a time horizon, not a demand, and is not flagged. The list is \
                configurable with `add` and `remove`.",
    options: &[text::ADD, text::REMOVE, text::SCAN_NOMINATIONS],
    pass: "expectations:\n  impact: Delivers projects that change the roadmaps of at least two \
           teams.\n",
    fail: "expectations:\n  impact: Has 8+ years of experience, at least five of them at the \
           company.\n",
};

const SCOPE: &str = "describe the scope and outcomes expected at this level instead, e.g. \
                     \"has led a project across two teams\"; promotion follows evidence, not \
                     time served";

/// The built-in terms. `N` matches a number.
pub const TERMS: &[(&str, &str)] = &[
    ("N years", SCOPE),
    ("N+ years", SCOPE),
    ("N yrs", SCOPE),
    ("N+ yrs", SCOPE),
    ("N or more years", SCOPE),
    ("at least N years", SCOPE),
    ("more than N years", SCOPE),
    ("over N years", SCOPE),
    ("minimum of N years", SCOPE),
    ("years of experience", SCOPE),
    ("years of tenure", SCOPE),
    ("years of service", SCOPE),
    ("years at the company", SCOPE),
    ("years in the role", SCOPE),
    ("years in role", SCOPE),
    ("years in level", SCOPE),
    ("years at this level", SCOPE),
    ("time in role", SCOPE),
    ("time in level", SCOPE),
    ("time in grade", SCOPE),
    ("tenure", SCOPE),
];

/// Words before a number of years that make it a time horizon.
const HORIZON: [&str; 5] = ["next", "coming", "every", "per", "within"];

fn report(
    cx: &Context,
    out: &mut Emitter,
    at: DocRef,
    texts: &[Text],
    help: Option<&str>,
    message: impl Fn(&str, &str) -> String,
) {
    let terms = text::term_list(cx, META.id, TERMS, SCOPE);
    for t in texts {
        let toks = text::tokens(t.value);
        for f in text::find_terms(t.value, &terms) {
            let before = toks.iter().rev().find(|k| k.range.end <= f.range.start);
            let starts_with_number = f.term.text.starts_with("N ") || f.term.text.starts_with("N+");
            if starts_with_number && before.is_some_and(|k| HORIZON.contains(&k.word.as_str())) {
                continue;
            }
            let words = text::quote(&t.value[f.range.clone()]);
            text::report_at(
                out,
                at,
                &t.pointer,
                f.range.clone(),
                message(&t.what, &words),
                help.unwrap_or(&f.term.suggestion),
            );
        }
    }
}

impl Rule for TenureRequirement {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_ladder(&self, cx: &Context, l: &Entry<Ladder>, out: &mut Emitter) {
        report(
            cx,
            out,
            l.at,
            &text::ladder_texts(l),
            None,
            |what, words| format!("{what} demands time served: `{words}`"),
        );
    }

    fn check_nomination(&self, cx: &Context, n: &Entry<Nomination>, out: &mut Emitter) {
        if !text::scans_nominations(cx, META.id) {
            return;
        }
        let help = "weigh the evidence against the level's expectations, not years of service";
        report(
            cx,
            out,
            n.at,
            &text::nomination_texts(n),
            Some(help),
            |what, words| format!("{what} weighs time served: `{words}`"),
        );
    }
}
