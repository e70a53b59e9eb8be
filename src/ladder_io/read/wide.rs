//! The wide layout: a header row naming the levels, rows describing them,
//! then one row per competency.

use super::cells::{is_id, key, meta_cell, scope, slug};
use super::Column;
use crate::ladder_io::doc::CompetencyDoc;
use crate::ladder_io::grid::{err, Grid, SheetError};

pub(super) fn wide(grid: &Grid) -> Result<(Vec<CompetencyDoc>, Vec<Column>), SheetError> {
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
