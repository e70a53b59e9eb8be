//! `ladder/ic-manages-people`: no level of a non-managing track requires
//! people management.

use super::common::{expectation_ptr, manages_people, track};
use super::phrases::{self, Phrase};
use crate::finding::Severity;
use crate::model::Ladder;
use crate::repo::Entry;
use crate::rules::{Context, Emitter, OptionKind, OptionMeta, Rule, RuleMeta};

pub struct IcManagesPeople;

pub static META: RuleMeta = RuleMeta {
    id: "ladder/ic-manages-people",
    severity: Severity::Error,
    summary: "no level of a non-managing track requires people management (direct reports, \
              hiring and firing, performance reviews of reports)",
    rationale: "One can lead without direct reports. If an individual contributor level asks \
                for people management, the non-managing track is a management track in \
                disguise, and people who do not want to manage are blocked at that level.",
    options: &[OptionMeta {
        name: "phrases",
        kind: OptionKind::Terms,
        default: r#"["direct report*", "manag* a team of", "manag* people", "people manag*", "line manag*", "headcount", "hiring and firing", "hire* and fire*", "fire* underperform*", "performance review* of", "writ* performance reviews", "compensation decisions", "one-to-ones with", "one-on-ones with"]"#,
        doc: "phrases that describe managing people; matched as whole words, ignoring case; a \
              `*` at the end of a word matches any ending (`report*`: reports, reporting)",
    }],
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
        let phrases: Vec<Phrase> = cx
            .options(META.id)
            .terms("phrases")
            .iter()
            .filter_map(|p| Phrase::new(p))
            .collect();
        if phrases.is_empty() {
            return;
        }
        for (i, level) in ladder.levels.iter().enumerate() {
            if manages_people(ladder, level) != Some(false) {
                continue;
            }
            for (competency, text) in &level.expectations {
                let found = phrases::find(text, &phrases);
                let Some((first, _)) = found.first() else {
                    continue;
                };
                let words: Vec<String> = found
                    .iter()
                    .map(|(r, _)| format!("\"{}\"", &text[r.clone()]))
                    .collect();
                let ptr = expectation_ptr(l, i, competency);
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
                        first.clone(),
                        format!(
                            "`{}` is on the non-managing track `{}`, but its `{competency}` \
                             expectation asks for people management: {}",
                            level.id,
                            level.track,
                            words.join(", ")
                        ),
                    )
                    .help(format!(
                        "describe leadership without direct reports (mentoring, technical \
                         direction, raising the bar), and keep people management on {keep}"
                    ));
                if let Some((t, _)) = track(ladder, &level.track) {
                    r = r.related(
                        l.at,
                        &l.ptr(&format!("/tracks/{t}/manages_people")),
                        format!("track `{}` does not manage people", level.track),
                    );
                }
                let _ = r;
            }
        }
    }
}
