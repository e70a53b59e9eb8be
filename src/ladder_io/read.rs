//! A grid of cells into a Ladder document.
//!
//! Two layouts. **Wide**, the common one: a header row naming the levels,
//! then one row per competency (its name in the first column, an optional
//! `id` column, then one cell per level). Rows labelled `Level`, `Track`,
//! `Rank`, `Summary`, `Manages people`, `Band min` or `Band max` right
//! under the header say what the sheet knows of each level. **Long**: a
//! header with the columns `level`, `competency` and `text` (optionally
//! `track`, `rank`, `level title`), one row per expectation.

use super::doc::{Band, CompetencyDoc, LadderDoc, LevelDoc, ScopeDoc, TrackDoc, TrackRef};
use super::grid::{err, Grid, Place, SheetError};

/// The two sheet layouts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Layout {
    /// Competencies as rows, levels as columns.
    Wide,
    /// One row per expectation: `level,competency,text`.
    Long,
}

/// What the sheet does not say, from the command line.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub id: String,
    pub title: String,
    pub currency: Option<String>,
    pub cumulative: bool,
    /// `(level, tracks)`: the tracks of a level, by its id or column name.
    pub tracks: Vec<(String, Vec<String>)>,
    /// `(level, rank)`.
    pub ranks: Vec<(String, i64)>,
    /// The track of levels that nothing places on one.
    pub default_track: String,
    /// The tracks whose levels manage people.
    pub managing: Vec<String>,
    /// `(track, title)`.
    pub track_titles: Vec<(String, String)>,
    /// The rank of the first level of each track, when ranks are not given.
    pub first_rank: i64,
    /// Forced layout (else: long when the header has `level`, `competency`
    /// and `text`).
    pub layout: Option<Layout>,
}

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
fn track_ids(cell: &str) -> Vec<String> {
    cell.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn key(label: &str) -> String {
    label
        .trim()
        .trim_end_matches(':')
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A level as the sheet gives it.
#[derive(Debug, Default)]
struct Column {
    /// Where its name is.
    place: Option<Place>,
    name: String,
    id: Option<String>,
    title: Option<String>,
    tracks: Option<Vec<String>>,
    rank: Option<i64>,
    summary: Option<String>,
    manages_people: Option<bool>,
    band_min: Option<f64>,
    band_max: Option<f64>,
    /// `(competency index, text)`.
    cells: Vec<(usize, String)>,
}

pub fn ladder(grid: &Grid, o: &Options) -> Result<LadderDoc, SheetError> {
    let header = &grid.rows[0].cells;
    let names: Vec<String> = header.iter().map(|h| key(h)).collect();
    let long = o.layout.unwrap_or(
        if ["level", "competency", "text"]
            .iter()
            .all(|c| names.iter().any(|n| n == c))
        {
            Layout::Long
        } else {
            Layout::Wide
        },
    );
    let (competencies, columns) = match long {
        Layout::Wide => wide(grid)?,
        Layout::Long => long_form(grid, &names)?,
    };
    build(competencies, columns, o)
}

fn wide(grid: &Grid) -> Result<(Vec<CompetencyDoc>, Vec<Column>), SheetError> {
    let header = &grid.rows[0].cells;
    // Optional columns after the competency's name: `id`, `applies to`.
    let mut id_col = None;
    let mut scope_col = None;
    let mut first = 1;
    while let Some(h) = header.get(first) {
        match key(h).as_str() {
            "id" if id_col.is_none() => id_col = Some(first),
            "applies to" if scope_col.is_none() => scope_col = Some(first),
            _ => break,
        }
        first += 1;
    }
    let has_id = id_col.is_some();
    if header.len() <= first {
        return Err(err(
            grid.place(0, header.len()),
            "the header names no level: expected the competency column, then one column per \
             level",
        ));
    }
    let mut columns: Vec<Column> = Vec::new();
    for (c, name) in header.iter().enumerate().skip(first) {
        if name.is_empty() {
            return Err(err(
                grid.place(0, c),
                "this column has no header: name the level, or delete the column",
            ));
        }
        columns.push(Column {
            place: Some(grid.place(0, c)),
            name: name.clone(),
            ..Column::default()
        });
    }
    let mut competencies: Vec<CompetencyDoc> = Vec::new();
    let mut comp_rows: Vec<usize> = Vec::new();
    let mut meta = true;
    for (r, row) in grid.rows.iter().enumerate().skip(1) {
        let label = key(&row.cells[0]);
        let id_cell = id_col.map_or("", |c| row.cells[c].as_str());
        let scope_cell = scope_col.map_or("", |c| row.cells[c].as_str());
        if meta && id_cell.is_empty() && scope_cell.is_empty() {
            let field = match label.as_str() {
                "level" | "level id" => Some("level"),
                "title" | "level title" => Some("title"),
                "track" | "tracks" => Some("track"),
                "rank" => Some("rank"),
                "summary" => Some("summary"),
                "manages people" => Some("manages people"),
                "band min" | "band minimum" => Some("band min"),
                "band max" | "band maximum" => Some("band max"),
                _ => None,
            };
            if let Some(field) = field {
                for (k, col) in columns.iter_mut().enumerate() {
                    let c = first + k;
                    let cell = row.cells[c].as_str();
                    if cell.is_empty() {
                        continue;
                    }
                    meta_cell(col, field, cell, grid.place(r, c))?;
                }
                continue;
            }
        }
        meta = false;
        let title = row.cells[0].clone();
        if title.is_empty() {
            return Err(err(
                grid.place(r, 0),
                "the row has no competency name: name it in the first column",
            ));
        }
        let id = if has_id && !id_cell.is_empty() {
            if !is_id(id_cell) {
                return Err(err(
                    grid.place(r, id_col.unwrap_or(1)),
                    format!(
                        "`{id_cell}` is not an id: use letters, digits, `.`, `_` and `-`, \
                         starting with a letter or digit"
                    ),
                ));
            }
            id_cell.to_owned()
        } else {
            slug(&title)
        };
        if id.is_empty() {
            return Err(err(
                grid.place(r, 0),
                format!("no id can be made of `{title}`: add an `id` column after the first"),
            ));
        }
        if let Some(k) = competencies.iter().position(|x| x.id == id) {
            return Err(err(
                grid.place(r, id_col.unwrap_or(0)),
                format!(
                    "competency `{id}` is already in row {}: each competency needs its own row",
                    grid.rows[comp_rows[k]].number
                ),
            ));
        }
        let applies_to = match scope_col {
            Some(c) if !scope_cell.is_empty() => Some(scope(scope_cell, grid.place(r, c))?),
            _ => None,
        };
        let index = competencies.len();
        competencies.push(CompetencyDoc {
            id,
            title,
            applies_to,
        });
        comp_rows.push(r);
        for (k, col) in columns.iter_mut().enumerate() {
            let text = &row.cells[first + k];
            if !text.is_empty() {
                col.cells.push((index, text.clone()));
            }
        }
    }
    if competencies.is_empty() {
        return Err(err(
            grid.place(grid.rows.len(), 0),
            "the sheet has no competency row: expected one row per competency under the header",
        ));
    }
    Ok((competencies, columns))
}

fn meta_cell(col: &mut Column, field: &str, cell: &str, place: Place) -> Result<(), SheetError> {
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
fn scope(cell: &str, place: Place) -> Result<ScopeDoc, SheetError> {
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

fn rank(cell: &str, place: Place) -> Result<i64, SheetError> {
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

fn amount(cell: &str, place: Place) -> Result<f64, SheetError> {
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

fn long_form(
    grid: &Grid,
    names: &[String],
) -> Result<(Vec<CompetencyDoc>, Vec<Column>), SheetError> {
    for (c, n) in names.iter().enumerate() {
        if n.is_empty() {
            return Err(err(
                grid.place(0, c),
                "this column has no header: name it, or delete the column",
            ));
        }
        if let Some(k) = names[..c].iter().position(|m| m == n) {
            return Err(err(
                grid.place(0, c),
                format!("column `{n}` is already column {}", k + 1),
            ));
        }
    }
    let col = |name: &str| names.iter().position(|n| n == name);
    let (Some(lc), Some(cc), Some(tc)) = (col("level"), col("competency"), col("text")) else {
        return Err(err(
            grid.place(0, 0),
            "the long layout needs the columns `level`, `competency` and `text`",
        ));
    };
    let track_c = col("track").or(col("tracks"));
    let rank_c = col("rank");
    let title_c = col("level title").or(col("title"));
    let mut competencies: Vec<CompetencyDoc> = Vec::new();
    let mut columns: Vec<Column> = Vec::new();
    // Where each level's track, rank and title were first given.
    let mut seen: Vec<[Option<(usize, usize)>; 3]> = Vec::new();
    let mut cell_rows: Vec<Vec<(usize, usize)>> = Vec::new();
    for (r, row) in grid.rows.iter().enumerate().skip(1) {
        let level = row.cells[lc].as_str();
        if level.is_empty() {
            return Err(err(grid.place(r, lc), "the row names no level"));
        }
        let comp = row.cells[cc].as_str();
        if comp.is_empty() {
            return Err(err(grid.place(r, cc), "the row names no competency"));
        }
        let k = match columns.iter().position(|c| c.name == level) {
            Some(k) => k,
            None => {
                columns.push(Column {
                    place: Some(grid.place(r, lc)),
                    name: level.to_owned(),
                    ..Column::default()
                });
                seen.push([None; 3]);
                cell_rows.push(Vec::new());
                columns.len() - 1
            }
        };
        // Track, rank and title: the same on every row of a level.
        for (slot, c) in [track_c, rank_c, title_c].into_iter().enumerate() {
            let Some(c) = c else { continue };
            let cell = row.cells[c].as_str();
            if cell.is_empty() {
                continue;
            }
            if let Some((pr, pc)) = seen[k][slot] {
                if grid.rows[pr].cells[pc] != cell {
                    return Err(err(
                        grid.place(r, c),
                        format!(
                            "`{cell}` differs from `{}` given for level `{level}` in row {}",
                            grid.rows[pr].cells[pc], grid.rows[pr].number
                        ),
                    ));
                }
                continue;
            }
            seen[k][slot] = Some((r, c));
            let field = ["track", "rank", "title"][slot];
            meta_cell(&mut columns[k], field, cell, grid.place(r, c))?;
        }
        let id = if is_id(comp) {
            comp.to_owned()
        } else {
            slug(comp)
        };
        if id.is_empty() {
            return Err(err(
                grid.place(r, cc),
                format!("no id can be made of `{comp}`"),
            ));
        }
        let index = match competencies.iter().position(|x| x.id == id) {
            Some(i) => i,
            None => {
                competencies.push(CompetencyDoc {
                    id,
                    title: comp.to_owned(),
                    applies_to: None,
                });
                competencies.len() - 1
            }
        };
        let text = row.cells[tc].as_str();
        if text.is_empty() {
            continue;
        }
        if let Some(&(pr, _)) = cell_rows[k].iter().find(|(_, i)| *i == index) {
            return Err(err(
                grid.place(r, tc),
                format!(
                    "level `{level}` already has an expectation for `{comp}`, in row {}",
                    grid.rows[pr].number
                ),
            ));
        }
        cell_rows[k].push((r, index));
        columns[k].cells.push((index, text.to_owned()));
    }
    if columns.is_empty() {
        return Err(err(
            grid.place(1, 0),
            "the sheet has no rows under the header",
        ));
    }
    Ok((competencies, columns))
}

fn build(
    competencies: Vec<CompetencyDoc>,
    mut columns: Vec<Column>,
    o: &Options,
) -> Result<LadderDoc, SheetError> {
    let flag_err = |m: String| err(Place::Text { line: 1, column: 1 }, m);
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
        let place = col
            .place
            .clone()
            .unwrap_or(Place::Text { line: 1, column: 1 });
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
            let place = col
                .place
                .clone()
                .unwrap_or(Place::Text { line: 1, column: 1 });
            return Err(err(
                place,
                format!(
                    "duplicate level `{}`: `{}` is already at {}",
                    col.name,
                    prev.id.as_deref().unwrap_or_default(),
                    prev.place
                        .clone()
                        .unwrap_or(Place::Text { line: 1, column: 1 })
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
                let place = col
                    .place
                    .clone()
                    .unwrap_or(Place::Text { line: 1, column: 1 });
                return Err(err(
                    place,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ladder_io::grid::from_csv;

    fn opts() -> Options {
        Options {
            id: "eng".into(),
            title: "Engineering".into(),
            default_track: "ic".into(),
            first_rank: 1,
            ..Options::default()
        }
    }

    #[test]
    fn slugs_and_ids() {
        assert_eq!(slug("Technical depth"), "technical-depth");
        assert_eq!(slug("  Impact & scope! "), "impact-scope");
        assert_eq!(slug("Été"), "t");
        assert!(is_id("E5") && is_id("l4.1") && !is_id("-x") && !is_id("a b"));
        assert_eq!(track_ids("ic + management"), ["ic", "management"]);
        assert_eq!(track_ids("ic, management"), ["ic", "management"]);
    }

    #[test]
    fn wide_with_meta_rows_and_shared_levels() {
        let csv = "Competency,Engineer,Senior,Staff,Manager\n\
                   Level,E1,E2,E3,M3\n\
                   Track,ic + management,ic + management,ic,management\n\
                   Craft,Builds,Designs,Shapes,\n\
                   People,,,,Manages a team\n";
        let g = from_csv(csv, b',').unwrap();
        let mut o = opts();
        o.managing = vec!["management".into()];
        let l = ladder(&g, &o).unwrap();
        let ranks: Vec<(&str, i64)> = l.levels.iter().map(|l| (l.id.as_str(), l.rank)).collect();
        assert_eq!(ranks, [("E1", 1), ("E2", 2), ("E3", 3), ("M3", 3)]);
        assert_eq!(l.levels[0].title, "Engineer");
        assert_eq!(l.levels[0].track.ids(), ["ic", "management"]);
        assert_eq!(l.competencies[1].id, "people");
        assert!(l.levels[3].expectations.contains_key("people"));
        assert!(!l.levels[3].expectations.contains_key("craft"));
        assert!(l.tracks[1].manages_people && !l.tracks[0].manages_people);
    }

    #[test]
    fn bad_sheets_fail_at_a_place() {
        let dup = from_csv("c,E1,E1\nx,a,b\n", b',').unwrap();
        let e = ladder(&dup, &opts()).unwrap_err();
        assert_eq!(e.place.to_string(), "row 1, column 3 (C)");
        assert!(e.message.contains("duplicate level"), "{}", e.message);
        let empty = from_csv("c,E1,,E3\nx,a,b,c\n", b',').unwrap();
        let e = ladder(&empty, &opts()).unwrap_err();
        assert_eq!(e.place.to_string(), "row 1, column 3 (C)");
        let bad_rank = from_csv("c,E1\nRank,one\nx,a\n", b',').unwrap();
        let e = ladder(&bad_rank, &opts()).unwrap_err();
        assert_eq!(e.place.to_string(), "row 2, column 2 (B)");
        let mut o = opts();
        o.ranks = vec![("E9".into(), 3)];
        let g = from_csv("c,E1\nx,a\n", b',').unwrap();
        assert!(ladder(&g, &o).unwrap_err().message.contains("--rank"));
    }

    #[test]
    fn scopes() {
        let p = || Place::Text { line: 1, column: 1 };
        let s = scope("management from rank 5", p()).unwrap();
        assert_eq!(
            (s.tracks, s.min_rank),
            (vec!["management".to_owned()], Some(5))
        );
        let s = scope("From 3", p()).unwrap();
        assert_eq!((s.tracks.len(), s.min_rank), (0, Some(3)));
        let s = scope("ic + management", p()).unwrap();
        assert_eq!((s.tracks.len(), s.min_rank), (2, None));
        assert!(scope("from rank five", p()).is_err());
        assert!(scope("—", p()).is_err());
    }

    #[test]
    fn long_form() {
        let csv = "level,competency,text,track\n\
                   E1,craft,Builds,ic\n\
                   E1,people,,ic\n\
                   E2,craft,Designs,\n\
                   E2,people,Mentors,\n";
        let g = from_csv(csv, b',').unwrap();
        let l = ladder(&g, &opts()).unwrap();
        assert_eq!(l.levels.len(), 2);
        assert_eq!(l.levels[1].rank, 2);
        assert_eq!(l.competencies.len(), 2);
        assert_eq!(l.levels[0].expectations.len(), 1);
        let twice = from_csv("level,competency,text\nE1,c,a\nE1,c,b\n", b',').unwrap();
        let e = ladder(&twice, &opts()).unwrap_err();
        assert_eq!(e.place.to_string(), "row 3, column 3 (C)");
        let clash = from_csv("level,competency,text,rank\nE1,c,a,1\nE1,d,b,2\n", b',').unwrap();
        let e = ladder(&clash, &opts()).unwrap_err();
        assert_eq!(e.place.to_string(), "row 3, column 4 (D)");
    }
}
