//! `nomination/level-step`: the nomination starts at the candidate's current
//! level and goes up one step on the ladder.

use crate::finding::Severity;
use crate::model::{Ladder, Level, Nomination, Tracks};
use crate::repo::Entry;
use crate::rules::{Context, Emitter, Looser, OptionKind, OptionMeta, Rule, RuleId, RuleMeta};

pub struct LevelStep;

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("nomination/level-step"),
    severity: Severity::Error,
    summary: "`from_level` is the candidate's current level; `to_level` is one rank above it \
              (`max_step`), or a track switch at equal rank or one above",
    rationale: "A nomination is judged against the expectations of the level it targets. A \
                `from_level` that is not the candidate's level, or a jump of several ranks, \
                means the board compares the evidence with the wrong expectations. Switching \
                between the individual-contributor and management tracks is allowed at the \
                same seniority or one rank above, so nobody has to manage people to advance.",
    options: &[OptionMeta {
        name: "max_step",
        kind: OptionKind::Count { min: 1 },
        default: "1",
        looser: Looser::Higher,
        doc: "how many ranks above `from_level` a nomination may target on the same track",
    }],
    pass: "# jdenton is E5 in People\nfrom_level: E5\nto_level: E6\n",
    fail: "# jdenton is E5 in People\nfrom_level: E5\nto_level: E7   # two ranks up: did you mean `E6`?\n",
};

impl Rule for LevelStep {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_nomination(&self, cx: &Context, n: &Entry<Nomination>, out: &mut Emitter) {
        let repo = cx.repo;
        let nom = &n.item;
        let max_step = cx.options(META.id).count("max_step").max(1);

        if let Some(person) = repo.person(&nom.candidate) {
            let p = &person.item;
            match (&p.ladder, &p.level) {
                (Some(ladder), _) if *ladder != nom.ladder => {
                    out.at(
                        n.at,
                        &n.ptr("/ladder"),
                        format!(
                            "the nomination is on ladder `{}`, but {} is on ladder `{ladder}` \
                             in People",
                            nom.ladder,
                            cx.repo.named(&nom.candidate)
                        ),
                    )
                    .related(
                        person.at,
                        &person.ptr("/ladder"),
                        format!("`{}`'s ladder in People", nom.candidate),
                    )
                    .help(format!("did you mean `{ladder}`?"));
                }
                (_, Some(current)) if *current != nom.from_level => {
                    let promoted = nom.outcome() == "approved" && *current == nom.to_level;
                    if !promoted {
                        out.at(
                            n.at,
                            &n.ptr("/from_level"),
                            format!(
                                "`from_level` is `{}`, but {} is at `{current}` in People",
                                nom.from_level,
                                cx.repo.named(&nom.candidate)
                            ),
                        )
                        .related(
                            person.at,
                            &person.ptr("/level"),
                            format!("`{}`'s current level", nom.candidate),
                        )
                        .help(format!("did you mean `{current}`?"));
                    }
                }
                _ => {}
            }
        }

        let Some(ladder) = repo.ladder(&nom.ladder) else {
            return;
        };
        let find = |id: &str| ladder.item.levels.iter().find(|l| l.id == id);
        let (Some(from), Some(to)) = (find(&nom.from_level), find(&nom.to_level)) else {
            return;
        };
        let step = to.rank - from.rank;
        let levels =
            |track: &Tracks, ranks: std::ops::RangeInclusive<i64>| -> Vec<(usize, &Level)> {
                ladder
                    .item
                    .levels
                    .iter()
                    .enumerate()
                    .filter(|(_, l)| l.track.shares(track) && ranks.contains(&l.rank))
                    .collect()
            };

        if from.track.shares(&to.track) {
            if (1..=max_step).contains(&step) {
                return;
            }
            let problem = if step < 1 {
                let how = if step == 0 {
                    "is not above"
                } else {
                    "is below"
                };
                format!(
                    "`to_level` `{}` (rank {}) {how} `from_level` `{}` (rank {})",
                    to.id, to.rank, from.id, from.rank
                )
            } else {
                format!(
                    "`to_level` `{}` (rank {}) is {step} ranks above `from_level` `{}` (rank {}); \
                     a nomination goes up at most {}",
                    to.id,
                    to.rank,
                    from.id,
                    from.rank,
                    ranks(max_step)
                )
            };
            let next = levels(&from.track, from.rank + 1..=from.rank + 1);
            report(out, n, ladder, problem, &next, from);
        } else {
            if (0..=1).contains(&step) {
                return;
            }
            let problem = format!(
                "`to_level` `{}` switches from track `{}` to track `{}` at rank {}, {} `from_level` \
                 `{}` (rank {}); a track switch is at equal rank or one above",
                to.id,
                from.track,
                to.track,
                to.rank,
                if step < 0 {
                    format!("{} below", ranks(-step))
                } else {
                    format!("{} above", ranks(step))
                },
                from.id,
                from.rank
            );
            let options = levels(&to.track, from.rank..=from.rank + 1);
            report(out, n, ladder, problem, &options, from);
        }
    }
}

fn ranks(n: i64) -> String {
    if n == 1 {
        "1 rank".to_owned()
    } else {
        format!("{n} ranks")
    }
}

/// Report a wrong `to_level`, suggesting the levels it could be.
fn report(
    out: &mut Emitter,
    n: &Entry<Nomination>,
    ladder: &Entry<Ladder>,
    problem: String,
    expected: &[(usize, &Level)],
    from: &Level,
) {
    let mut r = out.at(n.at, &n.ptr("/to_level"), problem);
    for (i, l) in expected {
        let relation = if l.rank == from.rank {
            "at the same rank as"
        } else {
            "one rank above"
        };
        r = r.related(
            ladder.at,
            &ladder.ptr(&format!("/levels/{i}/id")),
            format!("`{}` is {relation} `{}`", l.id, from.id),
        );
    }
    let names: Vec<String> = expected
        .iter()
        .map(|(_, l)| format!("`{}`", l.id))
        .collect();
    match names.as_slice() {
        [] => {
            r.help(format!(
                "ladder `{}` has no level to step up to from `{}`",
                ladder.item.id, from.id
            ));
        }
        [one] => {
            r.help(format!("did you mean {one}?"));
        }
        [a, b @ ..] => {
            r.help(format!("did you mean {a} or {}?", b.join(" or ")));
        }
    }
}
