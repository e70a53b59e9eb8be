//! `ladder/ic-manages-people`: no level of a non-managing track requires
//! people management.

use super::common::{manages_people, not_managing_source};
use crate::finding::Severity;
use crate::model::Ladder;
use crate::repo::Entry;
use crate::rules::wording::words::{self, Pattern};
use crate::rules::{Context, Emitter, Looser, OptionKind, OptionMeta, Rule, RuleId, RuleMeta};

pub struct IcManagesPeople;

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("ladder/ic-manages-people"),
    severity: Severity::Error,
    summary: "no level of a non-managing track requires people management (direct reports, \
              hiring and firing, performance reviews of reports)",
    rationale: "One can lead without direct reports. If an individual contributor level asks \
                for people management, the non-managing track is a management track in \
                disguise, and people who do not want to manage are blocked at that level. \
                Managing people means managing others' work as their manager: direct reports, \
                hiring and firing, their performance reviews, improvement plans and careers. \
                Having a manager is not being one: \"brings problems to their line manager\" or \
                \"one-to-ones with their manager\" stay quiet (the `allow` list). Both lists \
                were written from the management and individual contributor tracks of \
                published engineering career ladders; the level's summary is read as well as \
                its expectations.",
    options: &[
        OptionMeta {
            name: "phrases",
            kind: OptionKind::Terms,
            default: r#"["direct report*", "manag* a team of", "manag* people", "people manag*", "line manag*", "headcount", "hiring and firing", "hire* and fire*", "fire* underperform*", "performance review* of|for", "writ*|conduct*|run*|deliver* performance reviews|appraisals", "compensation decisions", "one-to-ones with", "one-on-ones with", "1:1s with", "manag*|own*|drive*|run* the? career* of?", "career development|growth|progression of their|his|her|the|team? reports|engineers|designers|team", "manag*|own*|handl* the? performance of", "performance management", "performance improvement plan*", "improvement plan*", "pips"]"#,
            looser: Looser::Removed,
            doc: "phrases that describe managing people; matched as whole words, ignoring \
                  case; `a|b` matches either word, a `*` at the end of a word any ending \
                  (`report*`: reports, reporting), `?` after a word makes it optional",
        },
        OptionMeta {
            name: "allow",
            kind: OptionKind::Terms,
            default: r#"["their|his|her|your|my|own|a|the line|people manag*", "with|to|from|by their|his|her|your|my manager*", "one-to-ones with their|his|her|your|my manager|lead", "one-on-ones with their|his|her|your|my manager|lead", "1:1s with their|his|her|your|my manager|lead", "their|his|her|your|my own? career*", "own career*", "their|his|her|your|my own? performance review*|appraisal*", "without|no any|formal? direct report*", "without|no any|formal? line|people manag*", "without|not|never managing|manage people|reports"]"#,
            looser: Looser::Added,
            doc: "phrases in which those words are about having a manager, not being one, \
                  or say the level does not manage (\"without direct reports\"); written as \
                  for `phrases`",
        },
    ],
    pass: "tracks:\n  - { id: ic, manages_people: false, ... }\nlevels:\n  - id: E6\n    \
           track: ic\n    expectations:\n      \
           influence: Mentors senior engineers and sets the team's technical direction.\n",
    fail: "levels:\n  - id: E6\n    track: ic\n    expectations:\n      \
           influence: Manages a team of four direct reports.\n",
};

impl Rule for IcManagesPeople {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_ladder(&self, cx: &Context, l: &Entry<Ladder>, out: &mut Emitter) {
        let ladder = &l.item;
        let options = cx.options(META.id);
        let phrases: Vec<Pattern> = options
            .terms("phrases")
            .iter()
            .filter_map(|p| Pattern::new(p, ""))
            .collect();
        let allow: Vec<Pattern> = options
            .terms("allow")
            .iter()
            .filter_map(|p| Pattern::new(p, ""))
            .collect();
        if phrases.is_empty() {
            return;
        }
        for (i, level) in ladder.levels.iter().enumerate() {
            if manages_people(ladder, level) != Some(false) {
                continue;
            }
            for t in level.texts() {
                let (text, ptr) = (t.value, l.ptr(&format!("/levels/{i}{}", t.pointer)));
                let what = match t.competency {
                    Some(c) => format!("`{c}` expectation"),
                    None => "summary".to_owned(),
                };
                let found = words::find(text, &phrases, &allow);
                let Some(first) = found.first().map(|f| f.range.clone()) else {
                    continue;
                };
                let words: Vec<String> = found
                    .iter()
                    .map(|f| format!("\"{}\"", words::quote(&text[f.range.clone()])))
                    .collect();
                let keep = match ladder
                    .levels
                    .iter()
                    .find(|m| m.rank == level.rank && manages_people(ladder, m) == Some(true))
                {
                    Some(m) => format!("the managing level of the same rank, `{}`", m.id),
                    None => "the managing track".to_owned(),
                };
                let mut r = out
                    .at_text(
                        l.at,
                        &ptr,
                        first,
                        format!(
                            "`{}` (track `{}`) does not manage people, but its {what} asks \
                             for people management: {}",
                            level.id,
                            level.track,
                            words.join(", ")
                        ),
                    )
                    .help(format!(
                        "describe leadership without direct reports (mentoring, technical \
                         direction, raising the bar), and keep people management on {keep}"
                    ));
                if let Some((ptr, why)) = not_managing_source(l, i) {
                    r = r.related(l.at, &ptr, why);
                }
                let _ = r;
            }
        }
    }
}
