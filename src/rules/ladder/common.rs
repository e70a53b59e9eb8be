//! Small helpers shared by the `ladder/` rules.

use crate::model::{Ladder, Level, Track};
use crate::repo::Entry;
use crate::rules::reference::unknown::esc;

/// The pointer of level `i` of a ladder, plus `rest`.
pub fn level_ptr(l: &Entry<Ladder>, i: usize, rest: &str) -> String {
    l.ptr(&format!("/levels/{i}{rest}"))
}

/// The pointer of the expectation for `competency` of level `i`.
pub fn expectation_ptr(l: &Entry<Ladder>, i: usize, competency: &str) -> String {
    level_ptr(l, i, &format!("/expectations/{}", esc(competency)))
}

/// The track `id` of the ladder, with its index.
pub fn track<'a>(ladder: &'a Ladder, id: &str) -> Option<(usize, &'a Track)> {
    ladder.tracks.iter().enumerate().find(|(_, t)| t.id == id)
}

/// Whether level `level` is on a people-managing track (`None` when its
/// track is unknown, which `ref/unknown` reports).
pub fn manages_people(ladder: &Ladder, level: &Level) -> Option<bool> {
    track(ladder, &level.track).map(|(_, t)| t.manages_people)
}

/// The levels of each track, as `(index, level)` in file order, tracks in
/// order of first appearance.
pub fn by_track(ladder: &Ladder) -> Vec<(&str, Vec<(usize, &Level)>)> {
    let mut out: Vec<(&str, Vec<(usize, &Level)>)> = Vec::new();
    for (i, level) in ladder.levels.iter().enumerate() {
        match out.iter_mut().find(|(t, _)| *t == level.track) {
            Some((_, levels)) => levels.push((i, level)),
            None => out.push((&level.track, vec![(i, level)])),
        }
    }
    out
}

/// The levels of each track sorted by rank (stable: file order within a
/// rank), for rules about "as rank rises".
pub fn by_track_and_rank(ladder: &Ladder) -> Vec<(&str, Vec<(usize, &Level)>)> {
    let mut tracks = by_track(ladder);
    for (_, levels) in &mut tracks {
        levels.sort_by_key(|(_, l)| l.rank);
    }
    tracks
}

/// An amount of pay as written in a ladder: whole numbers without a
/// fraction (`150000`), others with up to two decimals.
pub fn amount(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        let s = format!("{x:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::amount;

    #[test]
    fn amounts_read_as_written() {
        assert_eq!(amount(150000.0), "150000");
        assert_eq!(amount(1234.5), "1234.5");
        assert_eq!(amount(1234.567), "1234.57");
    }
}
