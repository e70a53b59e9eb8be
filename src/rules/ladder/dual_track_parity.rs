//! `ladder/dual-track-parity`: every rank of a people-managing track also
//! exists on a non-managing track.

use super::common::{level_ptr, manages_people};
use crate::finding::Severity;
use crate::model::{Ladder, Level};
use crate::repo::Entry;
use crate::rules::{Context, Emitter, Rule, RuleId, RuleMeta};

pub struct DualTrackParity;

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("ladder/dual-track-parity"),
    severity: Severity::Error,
    summary: "every rank on a people-managing track also exists on a non-managing track",
    rationale: "A dual-track ladder promises that people who do not want to manage can still \
                reach the top. When the management track goes higher than the individual \
                contributor track, the only way up is to take on direct reports. A level's own \
                `manages_people` overrides its track's; a level shared by several tracks (the \
                trunk before a fork) manages people only when all of them do.",
    options: &[],
    pass:
        "tracks:\n  - { id: ic, manages_people: false, ... }\n  \
           - { id: management, manages_people: true, ... }\nlevels:\n  \
           - { id: E8, track: ic, rank: 8, ... }\n  - { id: M8, track: management, rank: 8, ... }\n",
    fail: "levels:\n  - { id: E7, track: ic, rank: 7, ... }   # the IC track stops at rank 7\n  \
           - { id: M8, track: management, rank: 8, ... }\n",
};

impl Rule for DualTrackParity {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_ladder(&self, _cx: &Context, l: &Entry<Ladder>, out: &mut Emitter) {
        let ladder = &l.item;
        let on = |managing: bool| -> Vec<(usize, &Level)> {
            ladder
                .levels
                .iter()
                .enumerate()
                .filter(|(_, lv)| manages_people(ladder, lv) == Some(managing))
                .collect()
        };
        let (managing, others) = (on(true), on(false));
        let Some(&(first, first_level)) = managing.first() else {
            return;
        };
        if others.is_empty() {
            out.at_key(
                l.at,
                &l.ptr("/tracks"),
                format!(
                    "ladder `{}` has levels only on people-managing tracks: people who do not \
                     manage have no path up",
                    ladder.id
                ),
            )
            .related(
                l.at,
                &level_ptr(l, first, "/rank"),
                format!("`{}` manages people", first_level.id),
            )
            .help("add a track with `manages_people: false` and a level for every rank");
            return;
        }
        let mut seen = Vec::new();
        for &(i, level) in &managing {
            let r = level.rank;
            if seen.contains(&r) || others.iter().any(|(_, o)| o.rank == r) {
                continue;
            }
            seen.push(r);
            // The place where the missing level belongs: after the highest
            // non-managing level below the rank, else before the lowest.
            let below = others
                .iter()
                .filter(|(_, o)| o.rank < r)
                .max_by_key(|(k, o)| (o.rank, *k));
            let (k, anchor, place) = match below {
                Some(&(k, o)) => (k, o, "after"),
                None => {
                    let &(k, o) = others
                        .iter()
                        .min_by_key(|(k, o)| (o.rank, *k))
                        .expect("others is not empty");
                    (k, o, "before")
                }
            };
            out.at(
                l.at,
                &level_ptr(l, k, "/id"),
                format!(
                    "no level of a non-managing track has rank {r}, the rank of the \
                     people-managing level `{}`: people who do not manage cannot reach that \
                     seniority",
                    level.id
                ),
            )
            .related(
                l.at,
                &level_ptr(l, i, "/rank"),
                format!("`{}` manages people and has rank {r}", level.id),
            )
            .help(format!(
                "add a level of rank {r} to track `{}` {place} `{}`, equivalent to `{}`",
                open_track(ladder, anchor),
                anchor.id,
                level.id
            ));
        }
    }
}

/// The track of a non-managing level where a missing rank belongs: the
/// first of its tracks that does not manage people.
fn open_track<'a>(ladder: &Ladder, level: &'a Level) -> &'a str {
    let ids = level.track.ids();
    ids.iter()
        .find(|t| ladder.track(t).is_some_and(|(_, t)| !t.manages_people))
        .or(ids.first())
        .map_or("", String::as_str)
}
