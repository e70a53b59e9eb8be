//! A grid of cells into a Ladder document.
//!
//! Two layouts. **Wide**, the common one: a header row naming the levels,
//! then one row per competency (its name in the first column, an optional
//! `id` column, then one cell per level). Rows labelled `Level`, `Track`,
//! `Rank`, `Summary`, `Manages people`, `Band min` or `Band max` right
//! under the header say what the sheet knows of each level. **Long**: a
//! header with the columns `level`, `competency` and `text` (optionally
//! `track`, `rank`, `level title`), one row per expectation.
//!
//! `wide` and `long` read the two layouts into levels (`Column`), `build`
//! makes the document, `cells` reads single cells.

use crate::ladder_io::doc::LadderDoc;
use crate::ladder_io::grid::{Grid, Place, SheetError};
use cells::key;

mod build;
mod cells;
mod long;
mod wide;

pub use cells::{is_id, slug};

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

/// A level as the sheet gives it.
#[derive(Debug, Default)]
pub(super) struct Column {
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

impl Column {
    /// Where its name is, else the start of the sheet.
    fn at(&self) -> Place {
        self.place.clone().unwrap_or(Place::START)
    }
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
        Layout::Wide => wide::wide(grid)?,
        Layout::Long => long::long_form(grid, &names)?,
    };
    build::build(competencies, columns, o)
}

#[cfg(test)]
mod tests {
    use super::cells::{scope, track_ids};
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
        let p = || Place::START;
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
