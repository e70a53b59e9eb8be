//! `ladder/level-progression`: a level is not a near-copy of the level
//! below it.

use super::common::level_ptr;
use crate::finding::Severity;
use crate::model::{Cells, Ladder};
use crate::repo::Entry;
use crate::rules::{Context, Emitter, Looser, OptionKind, OptionMeta, Rule, RuleId, RuleMeta};

pub struct LevelProgression;

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("ladder/level-progression"),
    severity: Severity::Warning,
    summary: "a level is not a near-copy of the level below it: more than one competency \
              changes (of three or more)",
    rationale: "Each step of a ladder must say what changes. When a level repeats the level \
                below in all but one competency, a candidate cannot tell what to show to be \
                promoted, and the board decides on impressions instead of a stated bar. A \
                competency that stays the same at an otherwise progressing level is a \
                plateau, which real ladders have on purpose, and is not reported. One finding \
                per pair of adjacent levels of a track (a level shared by several tracks is \
                compared once with each level below it). A competency changes when its text \
                is not near-identical (`similarity`) to the level below's; one that starts to \
                apply at the level (`applies_to`) changes; in a `cumulative: true` ladder a \
                missing expectation reads as the level below, so it does not change.",
    options: &[OptionMeta {
        name: "similarity",
        kind: OptionKind::Number { min: 0.0, max: 1.0 },
        default: "0.9",
        looser: Looser::Higher,
        doc: "texts at least this similar count as unchanged (normalized Levenshtein \
              similarity of the texts, ignoring case, spacing and a final full stop; 1 counts \
              identical texts only)",
    }],
    pass: "- id: E4\n  expectations:\n    technical: Builds features within one service.\n    \
           impact: Delivers the team's sprint goals.\n    mentoring: Helps new joiners.\n\
           - id: E5\n  expectations:\n    technical: Designs systems that span several services.\n    \
           impact: Delivers a quarter's roadmap for the team.\n    \
           mentoring: Helps new joiners.   # a plateau: the rest progresses\n",
    fail: "- id: E4\n  expectations:\n    technical: Builds features within one service.\n    \
           impact: Delivers the team's sprint goals.\n    mentoring: Helps new joiners.\n\
           - id: E5   # only `technical` changes\n  expectations:\n    \
           technical: Designs systems that span several services.\n    \
           impact: Delivers the team's sprint goals.\n    mentoring: Helps new joiners.\n",
};

/// Texts longer than this (in characters) are only compared for equality:
/// the edit distance takes time in the product of the two lengths.
const MAX_COMPARED: usize = 4000;

fn normalize(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .join(" ")
        .trim_end_matches('.')
        .trim_end()
        .to_lowercase()
}

/// Similarity of two expectation texts in `[0, 1]` (1: identical after
/// normalizing case, spacing and a final full stop), or `None` when it is
/// certainly below `threshold`.
fn similarity(a: &str, b: &str, threshold: f64) -> Option<f64> {
    let (a, b) = (normalize(a), normalize(b));
    if a == b {
        return Some(1.0);
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    let (short, long) = (la.min(lb), la.max(lb));
    // The edit distance is at least the difference in length.
    if long == 0 || (short as f64) / (long as f64) < threshold || long > MAX_COMPARED {
        return None;
    }
    let s = strsim::normalized_levenshtein(&a, &b);
    (s >= threshold).then_some(s)
}

/// How a competency compares between a level and the level below.
enum Step {
    Changed,
    Same,
}

/// Compare level `i` with level `below` of a ladder: the competencies that
/// apply to `i` and have an expectation there, each changed or the same.
fn compare<'a>(
    ladder: &'a Ladder,
    cells: &Cells,
    below: usize,
    i: usize,
    threshold: f64,
) -> Vec<(&'a str, Step)> {
    let (prev, level) = (&ladder.levels[below], &ladder.levels[i]);
    let mut out = Vec::new();
    for (ci, c) in ladder.competencies_of(level) {
        let Some((from, now)) = cells.expectation(ladder, i, ci) else {
            continue; // nothing stated: `ladder/matrix-complete`
        };
        let before = if c.applies_to(prev) {
            cells.expectation(ladder, below, ci)
        } else {
            None
        };
        let step = match before {
            None => Step::Changed,
            Some((k, _)) if k == from => Step::Same,
            Some((_, text)) if similarity(text, now, threshold).is_some() => Step::Same,
            Some(_) => Step::Changed,
        };
        out.push((c.id.as_str(), step));
    }
    out
}

/// "`a`", "`a` and `b`", "`a`, `b` and `c`".
fn names(ids: &[&str]) -> String {
    let quoted: Vec<String> = ids.iter().map(|c| format!("`{c}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

impl Rule for LevelProgression {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_ladder(&self, cx: &Context, l: &Entry<Ladder>, out: &mut Emitter) {
        let threshold = cx.options(META.id).number("similarity");
        let ladder = &l.item;
        let cells = ladder.cells();
        let mut done = std::collections::HashSet::new();
        for (track, levels) in ladder.by_track_and_rank() {
            for pair in levels.windows(2) {
                let ((pi, prev), (i, level)) = (pair[0], pair[1]);
                if prev.rank == level.rank || !done.insert((pi, i)) {
                    continue; // not a step (a `ladder/rank-order` problem), or seen
                }
                let steps = compare(ladder, &cells, pi, i, threshold);
                let changed: Vec<&str> = steps
                    .iter()
                    .filter(|(_, s)| matches!(s, Step::Changed))
                    .map(|(c, _)| *c)
                    .collect();
                let same: Vec<&str> = steps
                    .iter()
                    .filter(|(_, s)| matches!(s, Step::Same))
                    .map(|(c, _)| *c)
                    .collect();
                let near_copy = match changed.len() {
                    0 => !same.is_empty(),
                    1 => steps.len() >= 3,
                    _ => false,
                };
                if !near_copy {
                    continue;
                }
                let what = if changed.is_empty() {
                    match same.len() {
                        1 => format!("its {} expectation is the same", names(&same)),
                        n => format!("none of its {n} expectations changes"),
                    }
                } else {
                    format!(
                        "only {} changes; {} {} the same",
                        names(&changed),
                        names(&same),
                        if same.len() == 1 { "stays" } else { "stay" }
                    )
                };
                out.at(
                    l.at,
                    &level_ptr(l, i, "/id"),
                    format!(
                        "`{}` (rank {}) is a near-copy of `{}` (rank {}), the level below on \
                         track `{track}`: {what}",
                        level.id, level.rank, prev.id, prev.rank
                    ),
                )
                .related(
                    l.at,
                    &level_ptr(l, pi, "/id"),
                    format!("the level below, `{}`", prev.id),
                )
                .help(format!(
                    "say what a `{}` does beyond a `{}` in {}: wider scope, harder problems, \
                     more autonomy or more influence; if the two levels do not differ, merge them",
                    level.id,
                    prev.id,
                    names(&same)
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::similarity;

    #[test]
    fn identical_after_normalizing() {
        assert_eq!(
            similarity("Mentors  engineers.", "mentors engineers", 0.9),
            Some(1.0)
        );
    }

    #[test]
    fn near_identical_and_different() {
        let s = similarity(
            "Mentors engineers on the team.",
            "Mentors engineers on the teams.",
            0.9,
        );
        assert!(s.is_some_and(|s| s > 0.9 && s < 1.0));
        assert_eq!(
            similarity(
                "Builds features within one service.",
                "Designs systems that span several services.",
                0.9
            ),
            None
        );
    }

    #[test]
    fn long_texts_compare_for_equality_only() {
        let a = "word ".repeat(2000);
        let b = format!("{a}x");
        assert_eq!(similarity(&a, &a, 0.9), Some(1.0));
        assert_eq!(similarity(&a, &b, 0.9), None);
    }
}
