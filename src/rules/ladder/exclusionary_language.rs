//! `ladder/exclusionary-language`: expectations use words everyone can see
//! themselves in.

use super::text;
use crate::finding::Severity;
use crate::model::{Ladder, Nomination};
use crate::repo::Entry;
use crate::rules::{Context, Emitter, Rule, RuleMeta};

pub struct ExclusionaryLanguage;

pub static META: RuleMeta = RuleMeta {
    id: "ladder/exclusionary-language",
    severity: Severity::Warning,
    summary: "expectations avoid exclusionary terms such as \"rockstar\", \"ninja\", \"guru\", \
              \"digital native\" or \"young\"",
    rationale: "Hero words (\"rockstar\", \"ninja\", \"guru\") describe a stereotype rather than \
                the work, and people who do not see themselves in it hold back from applying \
                for the next level; age words (\"young\", \"digital native\") exclude by age, \
                which the law in many countries forbids. Say what the work needs instead. The \
                list is configurable with `add` and `remove`.",
    options: &[text::ADD, text::REMOVE, text::SCAN_NOMINATIONS],
    pass: "expectations:\n  technical: Is the reference for the team's hardest design problems.\n",
    fail: "expectations:\n  technical: Is a rockstar engineer in a young and energetic team.\n",
};

const SKILL: &str = "describe the skill and its level instead, e.g. \"is the reference for the \
                     team's hardest design problems\"";
const AGE: &str = "leave age out; describe the skill instead, e.g. \"learns new tools quickly \
                   and teaches them to the team\"";
const HERO: &str = "describe the outcome instead, e.g. \"restores service within the on-call \
                    target\"";
const TOOLS: &str = "describe the skill instead, e.g. \"fluent with the team's current tools\"";
const GRADUATE: &str = "describe the skill instead; the level says how much experience it expects";
const LANGUAGE: &str = "state the language level the work needs, e.g. \"writes clear English\"";
const GENERIC: &str = "describe the work or the skill instead, in words anyone can see \
                       themselves in";

/// The built-in terms and what to write instead.
pub const TERMS: &[(&str, &str)] = &[
    ("rockstar", SKILL),
    ("rockstars", SKILL),
    ("rock star", SKILL),
    ("rock stars", SKILL),
    ("superstar", SKILL),
    ("superstars", SKILL),
    ("ninja", SKILL),
    ("ninjas", SKILL),
    ("guru", SKILL),
    ("gurus", SKILL),
    ("hero", HERO),
    ("heroes", HERO),
    ("wizard", SKILL),
    ("wizards", SKILL),
    ("jedi", SKILL),
    ("unicorn", SKILL),
    ("unicorns", SKILL),
    ("10x engineer", SKILL),
    ("10x engineers", SKILL),
    ("digital native", TOOLS),
    ("digital natives", TOOLS),
    ("young", AGE),
    ("youthful", AGE),
    ("young and energetic", AGE),
    ("recent graduate", GRADUATE),
    ("recent graduates", GRADUATE),
    ("native speaker", LANGUAGE),
    ("native english speaker", LANGUAGE),
    ("manpower", "write \"staffing\" or \"people\""),
    ("man hours", "write \"person-hours\" or \"hours of work\""),
    ("chairman", "write \"chair\""),
    ("guys", "write \"everyone\" or \"the team\""),
    ("work hard play hard", GENERIC),
];

impl Rule for ExclusionaryLanguage {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_ladder(&self, cx: &Context, l: &Entry<Ladder>, out: &mut Emitter) {
        let terms = text::term_list(cx, META.id, TERMS, GENERIC);
        text::report_terms(out, l.at, &text::ladder_texts(l), &terms, |what, words| {
            format!("{what} uses `{words}`: words like this describe a kind of person, not the work, and put off people who do not see themselves in them")
        });
    }

    fn check_nomination(&self, cx: &Context, n: &Entry<Nomination>, out: &mut Emitter) {
        if !text::scans_nominations(cx, META.id) {
            return;
        }
        let terms = text::term_list(cx, META.id, TERMS, GENERIC);
        text::report_terms(
            out,
            n.at,
            &text::nomination_texts(n),
            &terms,
            |what, words| {
                format!("{what} uses `{words}`: words like this describe a kind of person, not the work")
            },
        );
    }
}
