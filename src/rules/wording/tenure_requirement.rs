//! `ladder/tenure-requirement`: expectations ask for results, not time served.

use super::list::WordList;
use super::text;
use crate::finding::Severity;
use crate::rules::{RuleId, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("ladder/tenure-requirement"),
    severity: Severity::Warning,
    summary: "expectations do not demand time served (\"5+ years of experience\", \"has been \
              here for two years\", \"a track record of four quarters\", \"time in level\")",
    rationale: "A new joiner must be able to advance on merit, not on time served: a years \
                requirement holds back people who reach the level's scope quickly, and lets \
                time stand in for evidence; career breaks, which women take more often, turn \
                into a penalty. Describe the scope and outcomes expected at the level instead. \
                Time served is flagged in its usual forms: years of experience or tenure, years \
                or quarters at the company, in the role or at the level, \"has been here for\", \
                \"a track record of N quarters\", \"time in grade\". A period that describes the \
                work stays quiet: a horizon (\"for the next two years\", \"a one- to two-year \
                horizon\", \"multi-year plan\"), a project's length (\"projects of two to three \
                months\") or a review rhythm (\"every six months\"). In the lists `N` stands for a \
                number, in digits or as a word such as `eight`. The lists were written from the \
                wording of published engineering career ladders and are printed below; change \
                them with `add`, `remove` and `allow`.",
    options: &[text::ADD, text::REMOVE, text::ALLOW, text::SCAN_NOMINATIONS],
    pass: "expectations:\n  impact: Delivers projects that change the roadmaps of at least two \
           teams.\n",
    fail: "expectations:\n  impact: Has 8+ years of experience, at least five of them at the \
           company.\n",
};

const SCOPE: &str = "describe the scope and outcomes expected at this level instead, e.g. \
                     \"has led a project across two teams\"; promotion follows evidence, not \
                     time served";

/// The built-in phrases. `N` matches a number.
pub const TERMS: &[(&str, &str)] = &[
    ("N +? years|yrs", SCOPE),
    ("N or more years|yrs", SCOPE),
    ("at least N +? years|yrs|quarters|months|cycles|halves", SCOPE),
    ("more|less than N +? years|yrs|quarters|months|cycles|halves", SCOPE),
    ("over|minimum|min N +? years|yrs|quarters|months|cycles|halves", SCOPE),
    ("minimum of N +? years|yrs|quarters|months|cycles|halves", SCOPE),
    ("a|one year|years of experience|tenure|service", SCOPE),
    ("years|quarters|months of experience|tenure|service", SCOPE),
    ("several|many|multiple|few years|quarters of experience|tenure|service", SCOPE),
    ("years|quarters|months at|in|with the|this|our? company|firm|business|organisation|organization|role|level|grade|band|position|industry|team", SCOPE),
    ("N +? quarters|months|cycles|halves at|in|on|with the|this|that|their|a? company|firm|organisation|organization|role|level|grade|band|position|team", SCOPE),
    ("N +? consecutive quarters|months|cycles|halves|reviews", SCOPE),
    ("N +? review|performance|promotion cycles|cycle", SCOPE),
    ("for N|several|multiple +? consecutive? quarters|cycles|halves", SCOPE),
    ("N +? years|yrs|quarters|months as a|an", SCOPE),
    ("track record of N|several|many|multiple +? years|quarters|months|cycles|halves", SCOPE),
    ("been here|there for", SCOPE),
    ("been with|at|in the|us|this|our company|firm|business|organisation|organization|team|role|level|grade|position? for", SCOPE),
    ("for a year or more", SCOPE),
    ("more than a year", SCOPE),
    ("over a year", SCOPE),
    ("at least a year", SCOPE),
    ("time in|at role|level|grade|band|position|seat|company", SCOPE),
    ("length of service|tenure", SCOPE),
    ("time served", SCOPE),
    ("tenure", SCOPE),
];

/// Periods that describe the work: horizons, ages, review rhythms.
pub const QUIET: &[&str] = &[
    "next|coming|every|per|within|last|past|each N +? years|yrs|quarters|months",
    "for|over|in the next|coming N +? years|yrs|quarters|months",
    "N +? years|yrs ahead|out|from|forward|horizon|ago|old|later|hence",
    "N +? years|yrs plan|plans|roadmap|roadmaps|strategy|vision",
];

fn ladder_message(what: &str, words: &str) -> String {
    format!("{what} demands time served: `{words}`")
}

fn nomination_message(what: &str, words: &str) -> String {
    format!("{what} weighs time served: `{words}`")
}

pub const RULE: WordList = WordList {
    meta: &META,
    terms: TERMS,
    quiet: QUIET,
    added_help: SCOPE,
    ladder_message,
    nomination_message,
    nomination_help: Some(
        "weigh the evidence against the level's expectations, not years of service",
    ),
};
