//! `ladder/subjective-criteria`: expectations ask for what can be observed,
//! not for a judgement of character or standing.

use super::list::WordList;
use super::text;
use crate::finding::Severity;
use crate::rules::{RuleId, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("ladder/subjective-criteria"),
    severity: Severity::Warning,
    summary: "expectations ask for behaviour and outcomes, not for judgements of character or \
              standing (\"culture fit\", \"executive presence\", \"embodies our values\", \
              \"accepts feedback graciously\", \"sought out\", \"can-do attitude\")",
    rationale: "A criterion that nobody can observe is judged by impression, and impressions \
                favour people who resemble the judges: promotion becomes a popularity contest \
                (Correll & Simard, \"Research: Vague Feedback Is Holding Women Back\", Harvard \
                Business Review 2016; Rivera, \"Hiring as Cultural Matching\", American \
                Sociological Review 2012, on \"culture fit\"). Three kinds of wording are \
                flagged: a fit with the culture or the values (\"culture fit\", \"embodies our \
                values\"); a character trait or manner (\"humble\", \"low ego\", \"can-do \
                attitude\", \"accepts feedback graciously\", \"strong followership\", \
                \"gravitas\"); and standing in others' eyes (\"sought out\", \"recognised as\", \
                \"well regarded\", \"credibility\", \"seen as a role model\"). The same words \
                about the work stay quiet: \"balances pragmatism and polish\" is about product \
                quality, \"adapts to each teammate's personality\" is a skill, \"recognises \
                good work\" and \"seeks out feedback\" are behaviours. An expectation should \
                name a behaviour or an outcome that a reviewer can point to in the evidence. \
                The lists were written from the wording of published engineering career \
                ladders and are printed below; change them with `add`, `remove` and `allow`.",
    options: &[text::ADD, text::REMOVE, text::ALLOW, text::SCAN_NOMINATIONS],
    pass: "expectations:\n  communication: Presents the team's plan to directors and answers \
           their questions in writing.\n",
    fail: "expectations:\n  communication: Has executive presence and is a good culture fit.\n",
};

const BEHAVIOUR: &str = "name a behaviour or outcome a reviewer can find in the evidence";
const FIT: &str = "name the behaviour you value instead, e.g. \"gives and asks for feedback in \
                   design reviews\"";
const PRESENCE: &str = "describe what the person does, e.g. \"presents the plan to directors \
                        and answers their questions\"";
const TRAIT: &str = "describe what the person does, not who they are, e.g. \"changes their \
                     design after review when the evidence supports it\"";
const STANDING: &str = "describe the work that others rely on, e.g. \"reviews the designs of \
                        three other teams each quarter\", not how others see the person";
const FEEDBACK: &str = "describe the behaviour, e.g. \"acts on review comments in the next \
                        change\"";
const ATTITUDE: &str = "describe the behaviour, e.g. \"offers a plan when the team is \
                        blocked\"";
const WORK: &str = "state the standard the work meets, e.g. \"design documents that other teams \
                    act on without a meeting\"";
const PEOPLE: &str = "describe how the person works with others, e.g. \"resolves disagreements \
                      in writing and records the decision\"";

/// The built-in phrases and what to write instead.
pub const TERMS: &[(&str, &str)] = &[
    // Fit with the culture or the values.
    ("culture|cultural fit", FIT),
    ("fits|fit the|our? culture", FIT),
    ("culture carrier|add", FIT),
    (
        "embod*|exemplif*|personif*|lives|live|living our|the? company? s? core? values",
        FIT,
    ),
    (
        "lives|live|living by our|the? company? s? core? values",
        FIT,
    ),
    (
        "lives|live|living up to our|the? company? s? core? values",
        FIT,
    ),
    (
        "aligned|alignment with our|the? company? s? core? values",
        FIT,
    ),
    (
        "in line|consistent with our|the? company? s? core? values",
        FIT,
    ),
    (
        "uphold*|reflect*|demonstrat*|model*|promot*|champion* our|the? company? s? core? values",
        FIT,
    ),
    ("values alignment|fit", FIT),
    ("lives and breathes", FIT),
    (
        "culture|cultural|values ambassador|ambassadors|champion|champions",
        FIT,
    ),
    (
        "embod*|exemplif*|personif* our|the company? s? mission",
        FIT,
    ),
    // Presence and manner.
    (
        "executive|leadership|commanding|strong|personal presence",
        PRESENCE,
    ),
    ("gravitas", PRESENCE),
    ("charisma|charismatic", PRESENCE),
    ("is|are|be|looks|appears polished", WORK),
    (
        "polished presence|manner|demeanour|demeanor|communicator|speaker|image|appearance",
        WORK,
    ),
    ("personal|professional polish", WORK),
    ("demeanour|demeanor", BEHAVIOUR),
    // Character traits.
    ("strong|good|moral|personal|high|right|of character", TRAIT),
    ("character trait|traits", TRAIT),
    ("personality trait|traits", TRAIT),
    (
        "strong|right|outgoing|big|great|good|engaging|winning|bubbly personality",
        TRAIT,
    ),
    ("personality fit", TRAIT),
    ("humble|humility", TRAIT),
    ("ego|egos|egoless", TRAIT),
    ("low ego", TRAIT),
    ("with|personal|high integrity", TRAIT),
    ("honesty and integrity", TRAIT),
    ("trustworthy|trustworthiness", TRAIT),
    ("emotional maturity|intelligence", TRAIT),
    ("professional|personal maturity", TRAIT),
    ("shows|demonstrates|displays maturity", TRAIT),
    ("team player|players", TRAIT),
    ("work ethic", TRAIT),
    ("self starter", TRAIT),
    ("natural|born *? leader|leaders", TRAIT),
    (
        "passionate",
        "describe the work, e.g. \"improves the on-call runbooks without being asked\"",
    ),
    ("followership", TRAIT),
    ("graciously|gracious", FEEDBACK),
    (
        "accept*|take*|receive* feedback|criticism well|gracefully|gratefully",
        FEEDBACK,
    ),
    (
        "positive|good|great|right|winning|professional|constructive attitude",
        ATTITUDE,
    ),
    ("can do attitude", ATTITUDE),
    ("attitude", ATTITUDE),
    ("likeable|likable", PEOPLE),
    ("well liked", PEOPLE),
    ("is|are|be popular", PEOPLE),
    ("popular with|among", PEOPLE),
    // Standing in others' eyes.
    ("sought out|after", STANDING),
    (
        "is|widely|well|broadly|generally|externally|internally recognised|recognized",
        STANDING,
    ),
    (
        "recognised|recognized as|by|across|within|throughout|for",
        STANDING,
    ),
    ("recognised|recognized expert|leader|authority", STANDING),
    ("well|highly regarded|respected", STANDING),
    ("regarded|seen|viewed|perceived as", STANDING),
    ("regarded|seen|viewed|perceived by * *? as", STANDING),
    ("thought leader|leaders", STANDING),
    ("is|be considered a|an|to|the", STANDING),
    ("respected as|by|for|across|within|throughout", STANDING),
    (
        "earn*|command*|gain*|has|have|win*|won the? respect",
        STANDING,
    ),
    ("is|widely|best known as|for", STANDING),
    ("reputation as|for", STANDING),
    ("has a|an? reputation", STANDING),
    ("credibility|credible", STANDING),
    (
        "rising star",
        "describe the results that show growth at this level",
    ),
    (
        "high potential",
        "describe the results that show growth at this level",
    ),
    ("gut feeling", BEHAVIOUR),
];

/// Phrases in which those words are about the work or a skill.
pub const QUIET: &[&str] = &[
    "attitude|attitudes to|towards|toward risk|risks",
    "credible estimate*|plan*|option*|alternative*|data|evidence|threat*|source*|forecast*",
    "polished ui|interface|release*|product*|feature*|document*|slide*|deck*",
    "integrity check*|checks|constraint*|guarantee*",
    "are|get|gets|getting|feel|feels|felt recognised|recognized|respected",
    "work|contribution*|effort*|achievement*|success*|impact is|was|gets recognised|recognized",
    "respect for|towards|toward",
    "sought out|after feedback|input|advice|opinions|help|mentorship|opportunities|perspectives",
];

fn ladder_message(what: &str, words: &str) -> String {
    format!("{what} asks for `{words}`: a judgement of character or standing that reviewers cannot observe, only judge by impression")
}

fn nomination_message(what: &str, words: &str) -> String {
    format!("{what} relies on `{words}`, which reviewers cannot observe, only judge by impression")
}

pub const RULE: WordList = WordList {
    meta: &META,
    terms: TERMS,
    quiet: QUIET,
    added_help: BEHAVIOUR,
    ladder_message,
    nomination_message,
    nomination_help: None,
};
