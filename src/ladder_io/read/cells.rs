//! Reading one cell: ids and slugs, tracks, scopes, ranks, amounts, and a
//! level's description cells (`Level`, `Track`, `Rank`, `Band min`, …).

use super::Column;
use crate::ladder_io::doc::ScopeDoc;
use crate::ladder_io::grid::{err, Place, SheetError};

/// Whether `s` is a ladderlint id.
pub fn is_id(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// An id made of a name: lower-case ASCII letters and digits, words joined
/// by `-` ("Technical depth" -> `technical-depth`).
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// The ids of a `Track` cell: `ic`, `ic + management`, `ic, management`.
pub(super) fn track_ids(cell: &str) -> Vec<String> {
    cell.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

pub(super) fn key(label: &str) -> String {
    label
        .trim()
        .trim_end_matches(':')
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn meta_cell(
    col: &mut Column,
    field: &str,
    cell: &str,
    place: Place,
) -> Result<(), SheetError> {
    match field {
        "level" => col.id = Some(cell.to_owned()),
        "title" => col.title = Some(cell.to_owned()),
        "track" => {
            let ids = track_ids(cell);
            if ids.is_empty() {
                return Err(err(place, format!("`{cell}` names no track")));
            }
            col.tracks = Some(ids);
        }
        "rank" => col.rank = Some(rank(cell, place)?),
        "summary" => col.summary = Some(cell.to_owned()),
        "manages people" => {
            col.manages_people = Some(match key(cell).as_str() {
                "yes" | "y" | "true" | "x" => true,
                "no" | "n" | "false" => false,
                _ => return Err(err(place, format!("`{cell}` is not yes or no"))),
            })
        }
        "band min" => col.band_min = Some(amount(cell, place)?),
        "band max" => col.band_max = Some(amount(cell, place)?),
        _ => {}
    }
    Ok(())
}

/// An `Applies to` cell: `management`, `ic + management`, `management
/// from rank 5`, `from rank 3` (the word `rank` may be left out).
pub(super) fn scope(cell: &str, place: Place) -> Result<ScopeDoc, SheetError> {
    let words: Vec<&str> = cell.split_whitespace().collect();
    let from = words.iter().position(|w| w.eq_ignore_ascii_case("from"));
    let (track_words, rank_words) = match from {
        Some(i) => (&words[..i], Some(&words[i + 1..])),
        None => (&words[..], None),
    };
    let min_rank = match rank_words {
        Some(ws) => {
            let ws: Vec<&str> = ws
                .iter()
                .copied()
                .filter(|w| !w.eq_ignore_ascii_case("rank"))
                .collect();
            Some(rank(&ws.join(" "), place.clone())?)
        }
        None => None,
    };
    let tracks = track_ids(&track_words.join(" "));
    if tracks.is_empty() && min_rank.is_none() {
        return Err(err(
            place,
            format!(
                "`{cell}` is not a scope: write tracks (`management`), a rank (`from rank 5`) \
                 or both (`management from rank 5`)"
            ),
        ));
    }
    Ok(ScopeDoc { tracks, min_rank })
}

pub(super) fn rank(cell: &str, place: Place) -> Result<i64, SheetError> {
    cell.trim()
        .parse::<i64>()
        .ok()
        .filter(|r| *r >= 0)
        .ok_or_else(|| {
            err(
                place,
                format!("the rank `{cell}` is not a whole number of 0 or more"),
            )
        })
}

pub(super) fn amount(cell: &str, place: Place) -> Result<f64, SheetError> {
    let digits: String = cell
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' ' | '\u{a0}'))
        .collect();
    digits
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite() && *x >= 0.0)
        .ok_or_else(|| err(place, format!("the amount `{cell}` is not a number")))
}
