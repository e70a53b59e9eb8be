//! `ladder/band-order`: a band's min is at most its max, and neither
//! decreases as rank rises within a track.

use super::common::level_ptr;
use crate::finding::Severity;
use crate::human::amount;
use crate::model::{Band, Ladder, Level};
use crate::repo::Entry;
use crate::rules::{Context, Emitter, Rule, RuleId, RuleMeta};

pub struct BandOrder;

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("ladder/band-order"),
    severity: Severity::Error,
    summary: "band `min <= max`; min and max never decrease as rank rises within a track",
    rationale: "Pay rises with responsibility. A promotion that can lower the floor or the \
                ceiling of someone's pay band is a demotion in disguise, and a band whose \
                minimum is above its maximum cannot be paid at all.",
    options: &[],
    pass:
        "levels:\n  - { id: E4, track: ic, rank: 4, band: { min: 120000, max: 155000 }, ... }\n  \
           - { id: E5, track: ic, rank: 5, band: { min: 150000, max: 190000 }, ... }\n",
    fail:
        "levels:\n  - { id: E4, track: ic, rank: 4, band: { min: 120000, max: 155000 }, ... }\n  \
           - { id: E5, track: ic, rank: 5, band: { min: 115000, max: 190000 }, ... }   \
           # min falls\n",
};

impl Rule for BandOrder {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_ladder(&self, _cx: &Context, l: &Entry<Ladder>, out: &mut Emitter) {
        let ladder = &l.item;
        for (i, level) in ladder.levels.iter().enumerate() {
            if let Some(b) = level.band.filter(|b| b.min > b.max) {
                out.at(
                    l.at,
                    &level_ptr(l, i, "/band/max"),
                    format!(
                        "the band of `{}` has a maximum of {}, below its minimum of {}",
                        level.id,
                        amount(b.max),
                        amount(b.min)
                    ),
                )
                .related(
                    l.at,
                    &level_ptr(l, i, "/band/min"),
                    format!("the band minimum of `{}`", level.id),
                )
                .help("swap the two numbers, or correct the one that is wrong");
            }
        }
        for (track, levels) in ladder.by_track_and_rank() {
            // The nearest level of lower rank that has a band.
            let mut lower: Option<(usize, &Level, Band)> = None;
            let mut k = 0;
            while k < levels.len() {
                let rank = levels[k].1.rank;
                let same: Vec<(usize, &Level)> = levels[k..]
                    .iter()
                    .take_while(|(_, lv)| lv.rank == rank)
                    .copied()
                    .collect();
                k += same.len();
                let mut next = None;
                for &(i, level) in &same {
                    let Some(band) = level.band else { continue };
                    if let Some((li, low, lb)) = lower {
                        for (field, what, now, before) in [
                            ("min", "minimum", band.min, lb.min),
                            ("max", "maximum", band.max, lb.max),
                        ] {
                            if now < before {
                                out.at(
                                    l.at,
                                    &level_ptr(l, i, &format!("/band/{field}")),
                                    format!(
                                        "the band {what} of `{}` (rank {}) is {}, below the {} \
                                         of `{}` (rank {}) on the same track `{track}`: pay must \
                                         not fall as rank rises",
                                        level.id,
                                        level.rank,
                                        amount(now),
                                        amount(before),
                                        low.id,
                                        low.rank
                                    ),
                                )
                                .related(
                                    l.at,
                                    &level_ptr(l, li, &format!("/band/{field}")),
                                    format!("the band {what} of `{}`", low.id),
                                )
                                .help(format!(
                                    "raise the {what} of `{}` to at least {}, or lower that of \
                                     `{}`",
                                    level.id,
                                    amount(before),
                                    low.id
                                ));
                            }
                        }
                    }
                    next.get_or_insert((i, level, band));
                }
                if next.is_some() {
                    lower = next;
                }
            }
        }
    }
}
