//! From the levels a sheet gives (in either layout) and the command line's
//! options to a Ladder document: level ids and titles, tracks and ranks,
//! bands, expectations.

use super::cells::{is_id, slug};
use super::{Column, Options};
use crate::ladder_io::doc::{Band, CompetencyDoc, LadderDoc, LevelDoc, TrackDoc, TrackRef};
use crate::ladder_io::grid::{err, Place, SheetError};

pub(super) fn build(
    competencies: Vec<CompetencyDoc>,
    mut columns: Vec<Column>,
    o: &Options,
) -> Result<LadderDoc, SheetError> {
    let flag_err = |m: String| err(Place::START, m);
    // Level ids and titles.
    for col in &mut columns {
        let (id, title) = match (&col.id, &col.title) {
            (Some(id), title) => (
                id.clone(),
                title.clone().unwrap_or_else(|| col.name.clone()),
            ),
            (None, Some(title)) if is_id(&col.name) => (col.name.clone(), title.clone()),
            (None, title) => (
                if is_id(&col.name) {
                    col.name.clone()
                } else {
                    slug(&col.name)
                },
                title.clone().unwrap_or_else(|| col.name.clone()),
            ),
        };
        let place = col.at();
        if !is_id(&id) {
            return Err(err(
                place,
                format!(
                    "no level id can be made of `{id}`: add a `Level` row with ids under the \
                     header"
                ),
            ));
        }
        col.id = Some(id);
        col.title = Some(title);
    }
    for (k, col) in columns.iter().enumerate() {
        // Ids differing only in case name the same level to a reader.
        let same = |c: &Column| {
            c.id.as_deref().map(str::to_lowercase) == col.id.as_deref().map(str::to_lowercase)
        };
        if let Some(prev) = columns[..k].iter().find(|c| same(c)) {
            return Err(err(
                col.at(),
                format!(
                    "duplicate level `{}`: `{}` is already at {}",
                    col.name,
                    prev.id.as_deref().unwrap_or_default(),
                    prev.at()
                ),
            ));
        }
    }
    let find = |columns: &[Column], name: &str, flag: &str| -> Result<usize, SheetError> {
        columns
            .iter()
            .position(|c| c.id.as_deref() == Some(name) || c.name == name)
            .ok_or_else(|| {
                let known: Vec<&str> = columns.iter().filter_map(|c| c.id.as_deref()).collect();
                flag_err(format!(
                    "{flag}: the sheet has no level `{name}` (its levels: {})",
                    known.join(", ")
                ))
            })
    };
    for (name, tracks) in &o.tracks {
        let k = find(&columns, name, "--track")?;
        columns[k].tracks = Some(tracks.clone());
    }
    for (name, r) in &o.ranks {
        let k = find(&columns, name, "--rank")?;
        columns[k].rank = Some(*r);
    }
    // Ranks not given: one above the last level of each of its tracks.
    let mut last: Vec<(String, i64)> = Vec::new();
    let mut levels = Vec::new();
    for col in &columns {
        let tracks = col
            .tracks
            .clone()
            .unwrap_or_else(|| vec![o.default_track.clone()]);
        let rank = col.rank.unwrap_or_else(|| {
            tracks
                .iter()
                .filter_map(|t| last.iter().find(|(x, _)| x == t).map(|(_, r)| r + 1))
                .max()
                .unwrap_or(o.first_rank)
        });
        for t in &tracks {
            match last.iter_mut().find(|(x, _)| x == t) {
                Some(entry) => entry.1 = rank,
                None => last.push((t.clone(), rank)),
            }
        }
        let band = match (col.band_min, col.band_max) {
            (Some(min), Some(max)) => Some(Band { min, max }),
            (None, None) => None,
            _ => {
                return Err(err(
                    col.at(),
                    format!(
                        "level `{}` has only one end of its band: give both `Band min` and \
                         `Band max`",
                        col.name
                    ),
                ));
            }
        };
        let mut expectations = serde_json::Map::new();
        let mut cells = col.cells.clone();
        cells.sort_by_key(|(i, _)| *i);
        for (i, text) in cells {
            expectations.insert(competencies[i].id.clone(), text.into());
        }
        levels.push(LevelDoc {
            id: col.id.clone().unwrap_or_default(),
            track: TrackRef::of(tracks),
            rank,
            title: col.title.clone().unwrap_or_default(),
            summary: col.summary.clone(),
            manages_people: col.manages_people,
            band,
            expectations,
        });
    }
    let mut tracks: Vec<TrackDoc> = Vec::new();
    for l in &levels {
        for t in l.track.ids() {
            if !tracks.iter().any(|x| &x.id == t) {
                let title = o
                    .track_titles
                    .iter()
                    .find(|(id, _)| id == t)
                    .map_or_else(|| track_title(t), |(_, title)| title.clone());
                tracks.push(TrackDoc {
                    id: t.clone(),
                    title,
                    manages_people: o.managing.contains(t),
                });
            }
        }
    }
    for m in o
        .managing
        .iter()
        .chain(o.track_titles.iter().map(|(t, _)| t))
    {
        if !tracks.iter().any(|t| &t.id == m) {
            let known: Vec<&str> = tracks.iter().map(|t| t.id.as_str()).collect();
            return Err(flag_err(format!(
                "--managing or --track-title: no level is on track `{m}` (tracks: {})",
                known.join(", ")
            )));
        }
    }
    Ok(LadderDoc {
        kind: "Ladder",
        id: o.id.clone(),
        title: o.title.clone(),
        currency: o.currency.clone(),
        cumulative: o.cumulative,
        competencies,
        tracks,
        levels,
    })
}

/// A readable title for a track id.
fn track_title(id: &str) -> String {
    match id.to_lowercase().as_str() {
        "ic" => "Individual contributor".to_owned(),
        "em" => "Engineering management".to_owned(),
        _ => {
            let words = id.replace(['-', '_', '.'], " ");
            let mut chars = words.chars();
            match chars.next() {
                Some(c) => c.to_uppercase().chain(chars).collect(),
                None => id.to_owned(),
            }
        }
    }
}
