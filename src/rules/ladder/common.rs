//! Small helpers shared by the `ladder/` rules.

use crate::model::{Ladder, Level};
use crate::repo::Entry;

/// The pointer of level `i` of a ladder, plus `rest`.
pub fn level_ptr(l: &Entry<Ladder>, i: usize, rest: &str) -> String {
    l.ptr(&format!("/levels/{i}{rest}"))
}

/// Whether level `level` manages people (see `Ladder::manages_people`).
pub fn manages_people(ladder: &Ladder, level: &Level) -> Option<bool> {
    ladder.manages_people(level)
}

/// Where it is said that level `i` does not manage people, for a related
/// location: the level's own `manages_people`, else the first of its tracks
/// that does not manage people.
pub fn not_managing_source(l: &Entry<Ladder>, i: usize) -> Option<(String, String)> {
    let level = l.item.levels.get(i)?;
    if level.manages_people == Some(false) {
        return Some((
            level_ptr(l, i, "/manages_people"),
            format!("`{}` does not manage people", level.id),
        ));
    }
    level.track.ids().iter().find_map(|id| {
        let (t, track) = l.item.track(id)?;
        (!track.manages_people).then(|| {
            (
                l.ptr(&format!("/tracks/{t}/manages_people")),
                format!("track `{id}` does not manage people"),
            )
        })
    })
}
