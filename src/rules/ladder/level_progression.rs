//! `ladder/level-progression`: adjacent levels of a track do not repeat
//! the same expectation text.

use super::common::{by_track_and_rank, expectation_ptr};
use crate::finding::Severity;
use crate::model::Ladder;
use crate::repo::Entry;
use crate::rules::{Context, Emitter, OptionKind, OptionMeta, Rule, RuleMeta};

pub struct LevelProgression;

pub static META: RuleMeta = RuleMeta {
    id: "ladder/level-progression",
    severity: Severity::Warning,
    summary: "adjacent levels of a track do not have identical or near-identical expectation \
              text for the same competency",
    rationale: "Each step of a ladder must say what changes. When two adjacent levels expect \
                the same thing, a candidate cannot tell what to show to be promoted, and the \
                board decides on impressions instead of a stated bar.",
    options: &[OptionMeta {
        name: "similarity",
        kind: OptionKind::Number { min: 0.0, max: 1.0 },
        default: "0.9",
        doc: "texts at least this similar are flagged (normalized Levenshtein similarity of the \
              texts, ignoring case, spacing and a final full stop; 1 flags identical texts only)",
    }],
    pass: "- id: E4\n  expectations:\n    technical: Builds features within one service.\n\
           - id: E5\n  expectations:\n    technical: Designs systems that span several services.\n",
    fail: "- id: E4\n  expectations:\n    technical: Builds features within one service.\n\
           - id: E5\n  expectations:\n    technical: Builds features within one service.\n",
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

impl Rule for LevelProgression {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_ladder(&self, cx: &Context, l: &Entry<Ladder>, out: &mut Emitter) {
        let threshold = cx.options(META.id).number("similarity");
        for (track, levels) in by_track_and_rank(&l.item) {
            for pair in levels.windows(2) {
                let ((pi, prev), (i, level)) = (pair[0], pair[1]);
                if prev.rank == level.rank {
                    continue; // not a step (a `ladder/rank-order` problem)
                }
                for (competency, text) in &level.expectations {
                    let Some(before) = prev.expectations.get(competency) else {
                        continue;
                    };
                    let Some(s) = similarity(before, text, threshold) else {
                        continue;
                    };
                    let how = if s >= 1.0 {
                        "is the same as".to_owned()
                    } else {
                        format!("is {}% similar to", ((s * 100.0).floor() as i64).min(99))
                    };
                    out.at(
                        l.at,
                        &expectation_ptr(l, i, competency),
                        format!(
                            "the `{competency}` expectation of `{}` (rank {}) {how} that of \
                             `{}` (rank {}), the level below on track `{track}`: it does not \
                             say what changes with the promotion",
                            level.id, level.rank, prev.id, prev.rank
                        ),
                    )
                    .related(
                        l.at,
                        &expectation_ptr(l, pi, competency),
                        format!("the `{competency}` expectation of `{}`", prev.id),
                    )
                    .help(format!(
                        "describe what a `{}` does beyond a `{}`: wider scope, harder \
                         problems, more autonomy or more influence",
                        level.id, prev.id
                    ));
                }
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
