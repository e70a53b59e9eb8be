//! `ladder/exclusionary-language`: expectations use words everyone can see
//! themselves in, and do not ask for what only some people can give
//! (unlimited hours, drinking with the team).

use super::list::WordList;
use super::text;
use crate::finding::Severity;
use crate::rules::{RuleId, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("ladder/exclusionary-language"),
    severity: Severity::Warning,
    summary: "expectations avoid exclusionary wording: hero and age words (\"rockstar\", \
              \"ninja\", \"digital native\", \"young\"), demands on availability (\"beyond \
              standard hours\", \"always on\"), uncomplaining drudgery (\"grunt work\", \
              \"without complaint\") and drinking with the team",
    rationale: "Hero words (\"rockstar\", \"ninja\", \"guru\") describe a stereotype rather than \
                the work, and people who do not see themselves in it hold back from applying \
                for the next level; age words (\"young\", \"digital native\") exclude by age, \
                which the law in many countries forbids. Asking for hours beyond the working \
                day or for being reachable at any time shuts out carers and people with health \
                conditions, who are more often women (Goldin, \"A Grand Gender Convergence\", \
                American Economic Review 2014, on the cost of long and inflexible hours); \
                asking for grunt work \"without complaint\" rewards silence about unfair \
                allocation of work that is not promoted; and social events around alcohol \
                exclude people who do not drink, for religion, health or recovery. On-call \
                rotas with a schedule, \"always-on services\" and a \"hero image\" are the \
                work and stay quiet, as does a phrase said against itself (\"does not depend \
                on heroes\"). The lists were written from the wording of published \
                engineering career ladders and job-advert guidance and are printed below; \
                change them with `add`, `remove` and `allow`.",
    options: &[text::ADD, text::REMOVE, text::ALLOW, text::SCAN_NOMINATIONS],
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
const HOURS: &str = "describe the outcome and the agreed arrangements instead, e.g. \"takes \
                     part in the on-call rota and hands over at the end of each shift\"";
const QUIETLY: &str = "describe the work and how it is shared, e.g. \"takes a fair share of \
                       maintenance work and makes it visible in planning\"";
const DRINK: &str = "leave alcohol out; describe how the person builds relationships, e.g. \
                     \"organises team events that everyone can join\"";
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
    // Availability beyond the working day.
    ("beyond|outside|outwith standard|normal|regular|business|working|office|core|contracted hours", HOURS),
    ("outside of standard|normal|regular|business|working|office|core hours", HOURS),
    ("after hours", HOURS),
    ("long|extra|unsocial|antisocial hours", HOURS),
    ("late nights", HOURS),
    ("out of hours", HOURS),
    ("midnight oil", HOURS),
    ("weekend work|working", HOURS),
    ("always|constantly|permanently|continuously on call", HOURS),
    ("round|around the clock availability", HOURS),
    ("stay|stays|staying|work|works|working late|later", HOURS),
    ("nights|evenings and|or weekends", HOURS),
    ("work*|available|reachable|online on|at|over|during? the? weekend|weekends", HOURS),
    ("available|reachable|contactable|online|responsive *? *? weekend*|evening*|nights|holiday*|vacation*", HOURS),
    ("always on|available|reachable|online|contactable|responsive", HOURS),
    ("available|reachable|contactable|online|responsive 24 7", HOURS),
    ("available|reachable|contactable|online|responsive 24x7|anytime", HOURS),
    ("available|reachable|contactable|responsive at all|any hours|hour|times|time", HOURS),
    ("available|reachable|contactable|responsive around|round the clock", HOURS),
    ("at any hour|hours", HOURS),
    ("at all hours", HOURS),
    ("whatever it takes", HOURS),
    // Work that is expected to be silent and unrecognised.
    ("without complain*|complaint|complaints|grumbling", QUIETLY),
    ("never complain*", QUIETLY),
    ("grunt|scut|dirty|menial work|tasks|jobs", QUIETLY),
    // Drinking as part of the job.
    ("drinks", DRINK),
    ("beer|beers|wine|alcohol|alcoholic|booze|pint|pints|cocktail|cocktails", DRINK),
    ("happy hour|hours", DRINK),
    ("the|a pub", DRINK),
    ("pub night|nights|quiz", DRINK),
    ("drinking", DRINK),
];

/// Phrases in which those words are about the work.
pub const QUIET: &[&str] = &[
    "always on service*|system*|api*|apis|infrastructure|platform*|availability|connection*|\
     monitoring|product*|feature*|database*|cluster*|environment*",
    "hero image*|banner*|section*|unit*|shot*|component*|carousel*|module*|area*|content",
    "on call rota|rotation|rotas|rotations|schedule*",
    "young s modulus",
    "drinks company|brand*|industry|menu*",
];

fn ladder_message(what: &str, words: &str) -> String {
    format!("{what} uses `{words}`: wording like this describes a kind of person or a life outside work, not the work, and puts off people who do not fit it")
}

fn nomination_message(what: &str, words: &str) -> String {
    format!("{what} uses `{words}`: words like this describe a kind of person, not the work")
}

pub const RULE: WordList = WordList {
    meta: &META,
    terms: TERMS,
    quiet: QUIET,
    added_help: GENERIC,
    ladder_message,
    nomination_message,
    nomination_help: None,
};
