//! The long layout: one row per expectation, with the columns `level`,
//! `competency` and `text` (and optionally `track`, `rank`, `level title`).

use super::cells::{is_id, meta_cell, slug};
use super::Column;
use crate::ladder_io::doc::CompetencyDoc;
use crate::ladder_io::grid::{err, Grid, SheetError};

pub(super) fn long_form(
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
