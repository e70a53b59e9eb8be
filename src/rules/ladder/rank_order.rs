//! `ladder/rank-order`: within a track, ranks strictly increase in file
//! order, with no gaps.

use super::common::level_ptr;
use crate::finding::Severity;
use crate::model::Ladder;
use crate::repo::Entry;
use crate::rules::{Context, Emitter, Rule, RuleId, RuleMeta};

pub struct RankOrder;

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("ladder/rank-order"),
    severity: Severity::Error,
    summary: "within a track, ranks strictly increase in file order, with no gaps",
    rationale: "A ladder is a ladder: each level of a track is one step above the previous one. \
                A repeated rank makes two levels claim the same seniority, a missing rank leaves \
                a step that nobody can be promoted to, and levels out of order make the file \
                say something different from what readers see. A level shared by several tracks \
                (`track: [ic, management]`) is a level of each of them.",
    options: &[],
    pass: "levels:\n  - { id: E4, track: ic, rank: 4, ... }\n  - { id: E5, track: ic, rank: 5, ... }\n  \
           - { id: E6, track: ic, rank: 6, ... }\n",
    fail: "levels:\n  - { id: E4, track: ic, rank: 4, ... }\n  \
           - { id: E6, track: ic, rank: 6, ... }   # no level of rank 5\n  \
           - { id: E5, track: ic, rank: 5, ... }   # below the previous level\n",
};

impl Rule for RankOrder {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_ladder(&self, _cx: &Context, l: &Entry<Ladder>, out: &mut Emitter) {
        for (track, levels) in l.item.by_track() {
            for pair in levels.windows(2) {
                let ((pi, prev), (i, level)) = (pair[0], pair[1]);
                // Ranks come from the file: no arithmetic may overflow.
                let next = prev.rank.saturating_add(1);
                let (what, help) = if level.rank == prev.rank {
                    (
                        format!(
                            "the same as the previous level `{}` of track `{track}`: each level \
                             of a track needs its own rank",
                            prev.id
                        ),
                        format!("give `{}` rank {}, or merge the two levels", level.id, next),
                    )
                } else if level.rank < prev.rank {
                    (
                        format!(
                            "below rank {} of the previous level `{}` of track `{track}`: ranks \
                             must rise in file order",
                            prev.rank, prev.id
                        ),
                        "list the levels of each track from the lowest rank up".to_owned(),
                    )
                } else if level.rank > next {
                    let missing = if level.rank == next.saturating_add(1) {
                        format!("rank {}", next)
                    } else {
                        format!("ranks {} to {}", next, level.rank - 1)
                    };
                    (
                        format!(
                            "but the previous level `{}` of track `{track}` has rank {}: the \
                             track has no level of {missing}",
                            prev.id, prev.rank
                        ),
                        format!(
                            "give `{}` rank {}, or add the missing level",
                            level.id, next
                        ),
                    )
                } else {
                    continue;
                };
                out.at(
                    l.at,
                    &level_ptr(l, i, "/rank"),
                    format!("`{}` has rank {}, {what}", level.id, level.rank),
                )
                .related(
                    l.at,
                    &level_ptr(l, pi, "/rank"),
                    format!("the previous level of track `{track}`, `{}`", prev.id),
                )
                .help(help);
            }
        }
    }
}
