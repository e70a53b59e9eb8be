//! `ladder/subjective-criteria`: expectations ask for what can be observed.

use super::text;
use crate::finding::Severity;
use crate::model::{Ladder, Nomination};
use crate::repo::Entry;
use crate::rules::{Context, Emitter, Rule, RuleMeta};

pub struct SubjectiveCriteria;

pub static META: RuleMeta = RuleMeta {
    id: "ladder/subjective-criteria",
    severity: Severity::Warning,
    summary: "expectations avoid unobservable criteria such as \"culture fit\", \"executive \
              presence\", \"gravitas\", \"polish\", \"likeable\" or \"popular\"",
    rationale: "A criterion that nobody can observe is judged by impression, and impressions \
                favour people who resemble the judges: promotion becomes a popularity contest. \
                An expectation should name a behaviour or an outcome that a reviewer can point \
                to in the evidence. The list is configurable with `add` and `remove`.",
    options: &[text::ADD, text::REMOVE, text::SCAN_NOMINATIONS],
    pass: "expectations:\n  communication: Presents the team's plan to directors and answers \
           their questions in writing.\n",
    fail: "expectations:\n  communication: Has executive presence and is a good culture fit.\n",
};

const BEHAVIOUR: &str = "name a behaviour or outcome a reviewer can find in the evidence";

/// The built-in terms and what to write instead.
pub const TERMS: &[(&str, &str)] = &[
    ("culture fit", "name the behaviour you value instead, e.g. \"gives and asks for feedback in design reviews\""),
    ("cultural fit", "name the behaviour you value instead, e.g. \"gives and asks for feedback in design reviews\""),
    ("fits the culture", "name the behaviour you value instead, e.g. \"gives and asks for feedback in design reviews\""),
    ("executive presence", "describe what the person does, e.g. \"presents the plan to directors and answers their questions\""),
    ("leadership presence", "describe what the person does, e.g. \"runs the incident review and agrees the follow-ups\""),
    ("gravitas", "describe what the person does, e.g. \"explains trade-offs to directors so they can decide\""),
    ("polish", "state the standard the work meets, e.g. \"design documents that other teams act on without a meeting\""),
    ("polished", "state the standard the work meets, e.g. \"design documents that other teams act on without a meeting\""),
    ("likeable", "describe how the person works with others, e.g. \"resolves disagreements in writing and records the decision\""),
    ("likable", "describe how the person works with others, e.g. \"resolves disagreements in writing and records the decision\""),
    ("well liked", "describe how the person works with others, e.g. \"resolves disagreements in writing and records the decision\""),
    ("popular", "describe the effect of the work, e.g. \"the tool is used by four teams\""),
    ("charisma", "describe what the person does, e.g. \"runs the architecture forum\""),
    ("charismatic", "describe what the person does, e.g. \"runs the architecture forum\""),
    ("personality", BEHAVIOUR),
    ("attitude", BEHAVIOUR),
    ("natural leader", "describe what the person does, e.g. \"sets the plan for the project and keeps it current\""),
    ("born leader", "describe what the person does, e.g. \"sets the plan for the project and keeps it current\""),
    ("passionate", "describe the work, e.g. \"improves the on-call runbooks without being asked\""),
    ("rising star", "describe the results that show growth at this level"),
    ("high potential", "describe the results that show growth at this level"),
    ("demeanor", BEHAVIOUR),
    ("demeanour", BEHAVIOUR),
    ("gut feeling", BEHAVIOUR),
];

fn message(what: &str, words: &str) -> String {
    format!("{what} asks for `{words}`, which reviewers cannot observe, only judge by impression")
}

impl Rule for SubjectiveCriteria {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_ladder(&self, cx: &Context, l: &Entry<Ladder>, out: &mut Emitter) {
        let terms = text::term_list(cx, META.id, TERMS, BEHAVIOUR);
        text::report_terms(out, l.at, &text::ladder_texts(l), &terms, message);
    }

    fn check_nomination(&self, cx: &Context, n: &Entry<Nomination>, out: &mut Emitter) {
        if !text::scans_nominations(cx, META.id) {
            return;
        }
        let terms = text::term_list(cx, META.id, TERMS, BEHAVIOUR);
        text::report_terms(
            out,
            n.at,
            &text::nomination_texts(n),
            &terms,
            |what, words| {
                format!("{what} relies on `{words}`, which reviewers cannot observe, only judge by impression")
            },
        );
    }
}
