//! A sheet read into a grid of cells, each knowing where it came from:
//! a CSV file (through the `csv` crate) or the first table of a Markdown
//! file (through `pulldown-cmark`). Bad sheets fail here, at a row and a
//! column.

use std::fmt;

/// Where a sheet problem is, in the terms of the sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// A CSV record (1-based, as a spreadsheet numbers rows) and column,
    /// with the line of the file where the record starts.
    Csv {
        row: usize,
        column: usize,
        line: usize,
    },
    /// A Markdown table row (its line in the file) and cell (1-based).
    Markdown { line: usize, cell: usize },
    /// A place in the file's bytes (encoding problems), 1-based.
    Text { line: usize, column: usize },
}

impl Place {
    /// The start of the file: for what no single cell holds (an empty
    /// file, a command-line option, a level the sheet names nowhere).
    pub const START: Place = Place::Text { line: 1, column: 1 };
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Place::Csv { row, column, line } => {
                write!(f, "row {row}, column {column} ({})", column_letters(column))?;
                if line != row {
                    write!(f, " (line {line})")?;
                }
                Ok(())
            }
            Place::Markdown { line, cell } => write!(f, "line {line}, cell {cell}"),
            Place::Text { line, column } => write!(f, "line {line}, column {column}"),
        }
    }
}

/// A spreadsheet's name for column `n` (1-based): A, B, …, Z, AA, AB, …
pub fn column_letters(mut n: usize) -> String {
    let mut out = Vec::new();
    while n > 0 {
        let d = (n - 1) % 26;
        out.push(b'A' + d as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A problem with a sheet, at a place in it.
#[derive(Debug, PartialEq, Eq)]
pub struct SheetError {
    pub place: Place,
    pub message: String,
}

impl fmt::Display for SheetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

impl std::error::Error for SheetError {}

pub fn err(place: Place, message: impl Into<String>) -> SheetError {
    SheetError {
        place,
        message: message.into(),
    }
}

/// One row of a sheet: its cells (trimmed) and where it is.
#[derive(Debug)]
pub struct Row {
    pub cells: Vec<String>,
    /// The row's number: CSV record or Markdown line.
    pub number: usize,
    /// The line where it starts.
    pub line: usize,
}

/// A sheet's rows, the first being the header.
#[derive(Debug)]
pub struct Grid {
    pub rows: Vec<Row>,
    markdown: bool,
}

impl Grid {
    /// The place of cell `column` (0-based) of row `row` (0-based).
    pub fn place(&self, row: usize, column: usize) -> Place {
        let (number, line) = self
            .rows
            .get(row)
            .or(self.rows.last())
            .map_or((row + 1, row + 1), |r| (r.number, r.line));
        if self.markdown {
            Place::Markdown {
                line: number,
                cell: column + 1,
            }
        } else {
            Place::Csv {
                row: number,
                column: column + 1,
                line,
            }
        }
    }
}

/// The text of a file that should be UTF-8: a UTF-8 byte order mark is
/// dropped (spreadsheets write one), anything else that is not UTF-8 is an
/// error at the first bad byte.
pub fn utf8(bytes: &[u8]) -> Result<&str, SheetError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(err(
            Place::START,
            "the file is UTF-16, not UTF-8: save the sheet as \"CSV UTF-8\" (or the Markdown \
             file as UTF-8)",
        ));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        // Everything before the bad byte is valid UTF-8.
        let text = std::str::from_utf8(good).unwrap_or_default();
        let line = text.matches('\n').count() + 1;
        let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        err(
            Place::Text { line, column },
            format!(
                "byte 0x{:02X} is not UTF-8: the sheet was saved in another encoding \
                 (Windows-1252 or Latin-1, most likely); save it as \"CSV UTF-8\"",
                bytes[e.valid_up_to()]
            ),
        )
    })
}

/// The delimiter of a CSV text: the most frequent of `,`, `;` and tab on
/// its first line (spreadsheets in many locales write `;`).
pub fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| (first.bytes().filter(|b| b == d).count(), *d == b','))
        .unwrap_or(b',')
}

/// Read a CSV text. Rows whose cells are all empty are left out; a row
/// with fewer cells than the header, or more that are not empty, is an
/// error at its first missing or extra cell.
pub fn from_csv(text: &str, delimiter: u8) -> Result<Grid, SheetError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let (row, line) = e.position().map_or((i + 1, i + 1), |p| {
                (p.record() as usize + 1, p.line() as usize)
            });
            err(
                Place::Csv {
                    row,
                    column: 1,
                    line,
                },
                format!("not a CSV row: {e}"),
            )
        })?;
        let line = record.position().map_or(i + 1, |p| p.line() as usize);
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_owned()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        rows.push(Row {
            cells,
            number: i + 1,
            line,
        });
    }
    let grid = Grid {
        rows,
        markdown: false,
    };
    check_ragged(&grid)?;
    Ok(grid)
}

fn check_ragged(grid: &Grid) -> Result<(), SheetError> {
    let Some(header) = grid.rows.first() else {
        return Err(err(
            Place::START,
            "the sheet is empty: expected a header row and one row per competency",
        ));
    };
    let width = header.cells.len();
    for (r, row) in grid.rows.iter().enumerate().skip(1) {
        let n = row.cells.len();
        if n < width {
            return Err(err(
                grid.place(r, n),
                format!(
                    "the row has {n} cells but the header has {width}: every row needs a cell \
                     for every column (leave it empty if there is nothing to say)"
                ),
            ));
        }
        if let Some(extra) = (width..n).find(|&c| !row.cells[c].is_empty()) {
            return Err(err(
                grid.place(r, extra),
                format!(
                    "the row has a cell beyond the header's {width} columns: give the column \
                     a header, or move the text into the right column"
                ),
            ));
        }
    }
    Ok(())
}

/// Read table number `which` (1-based) of a Markdown text.
pub fn from_markdown(text: &str, which: usize) -> Result<Grid, SheetError> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
    let mut tables: Vec<Grid> = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    let mut cell: Option<String> = None;
    let mut in_table = false;
    // The row being read: where it ends in the text, where its last cell
    // from the text ends, and its first cell that the parser made up.
    let mut row_end = 0;
    let mut last_cell_end = 0;
    let mut padded: Option<usize> = None;
    let mut ragged: Option<SheetError> = None;
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::Table(_)) => {
                in_table = true;
                rows.clear();
            }
            Event::End(TagEnd::Table) => {
                in_table = false;
                tables.push(Grid {
                    rows: std::mem::take(&mut rows),
                    markdown: true,
                });
            }
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) if in_table => {
                rows.push(Row {
                    cells: Vec::new(),
                    number: line_of(range.start),
                    line: line_of(range.start),
                });
                row_end = range.end;
                last_cell_end = range.start;
                padded = None;
            }
            // The parser fills a short row with empty cells at its end and
            // drops the cells of a long one: both are ragged rows.
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) if in_table => {
                let line = line_of(range.start);
                let n = rows.last().map_or(0, |r| r.cells.len());
                let rest = &text[last_cell_end.min(row_end)..row_end];
                if ragged.is_none() {
                    if let Some(k) = padded {
                        ragged = Some(err(
                            Place::Markdown { line, cell: k + 1 },
                            format!(
                                "the row has {k} cells but the header has {n}: every row needs a \
                                 cell for every column (leave it empty if there is nothing to say)"
                            ),
                        ));
                    } else if rest.chars().any(|c| !(c == '|' || c.is_whitespace())) {
                        ragged = Some(err(
                            Place::Markdown { line, cell: n + 1 },
                            format!(
                                "the row has a cell beyond the header's {n} columns: give the \
                                 column a header, or move the text into the right column"
                            ),
                        ));
                    }
                }
            }
            Event::Start(Tag::TableCell) if in_table => {
                if range.is_empty() && range.start >= row_end && padded.is_none() {
                    padded = Some(rows.last().map_or(0, |r| r.cells.len()));
                }
                if !range.is_empty() || range.start < row_end {
                    last_cell_end = range.end;
                }
                cell = Some(String::new());
            }
            Event::End(TagEnd::TableCell) if in_table => {
                if let (Some(c), Some(row)) = (cell.take(), rows.last_mut()) {
                    row.cells.push(c.trim().to_owned());
                }
            }
            // `<br>` is how a Markdown table cell breaks a line.
            Event::InlineHtml(t) if is_br(&t) => {
                if let Some(c) = cell.as_mut() {
                    c.push('\n');
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(c) = cell.as_mut() {
                    c.push(' ');
                }
            }
            _ => {}
        }
        if !in_table {
            if let Some(e) = ragged.take() {
                // Only the chosen table's rows matter.
                if tables.len() == which {
                    return Err(e);
                }
            }
        }
    }
    let count = tables.len();
    if count == 0 {
        return Err(err(
            Place::START,
            "no table found: expected a Markdown table with a header row (levels) and one row \
             per competency",
        ));
    }
    if which == 0 || which > count {
        return Err(err(
            Place::START,
            format!("the file has {count} tables; --table takes a number from 1 to {count}"),
        ));
    }
    let mut grid = tables.swap_remove(which - 1);
    for row in &mut grid.rows {
        for c in &mut row.cells {
            *c = c.lines().map(str::trim).collect::<Vec<_>>().join("\n");
        }
    }
    check_ragged(&grid)?;
    Ok(grid)
}

fn is_br(html: &str) -> bool {
    let t: String = html.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(t.to_lowercase().as_str(), "<br>" | "<br/>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_as_in_a_spreadsheet() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(703), "AAA");
    }

    #[test]
    fn encoding_errors_name_the_place() {
        let e = utf8(b"a,b\nc,caf\xe9\n").unwrap_err();
        assert_eq!(e.place, Place::Text { line: 2, column: 6 });
        assert!(e.message.contains("0xE9"), "{}", e.message);
        assert!(utf8(b"\xFF\xFEa\x00").is_err());
        assert_eq!(utf8(b"\xEF\xBB\xBFok").unwrap(), "ok");
    }

    #[test]
    fn delimiters() {
        assert_eq!(sniff_delimiter("a;b;c\n1,5;2;3"), b';');
        assert_eq!(sniff_delimiter("a,b,c"), b',');
        assert_eq!(sniff_delimiter("a\tb"), b'\t');
        assert_eq!(sniff_delimiter("single"), b',');
    }

    #[test]
    fn ragged_rows_fail_at_the_missing_cell() {
        let e = from_csv("c,E1,E2\nx,a,b\ny,a\n", b',').unwrap_err();
        assert_eq!(e.place.to_string(), "row 3, column 3 (C)");
        let e = from_csv("c,E1,E2\nx,\"a\nb\",b,extra\n", b',').unwrap_err();
        assert_eq!(e.place.to_string(), "row 2, column 4 (D)");
        let e = from_csv("c,E1,E2\nx,\"a\nb\",b\ny,a\n", b',').unwrap_err();
        assert_eq!(e.place.to_string(), "row 3, column 3 (C) (line 4)");
        // Trailing empty cells and empty rows are what spreadsheets write.
        let g = from_csv("c,E1,E2\nx,a,b,,\n,,\ny,c,d\n", b',').unwrap();
        assert_eq!(g.rows.len(), 3);
        assert_eq!(g.rows[2].number, 4);
    }

    #[test]
    fn markdown_tables() {
        let md = "# Ladder\n\n| Competency | E1 | E2 |\n|---|---|---|\n| Craft | Builds `x` | Designs<br>systems |\n";
        let g = from_markdown(md, 1).unwrap();
        assert_eq!(g.rows[0].cells, ["Competency", "E1", "E2"]);
        assert_eq!(g.rows[1].cells, ["Craft", "Builds x", "Designs\nsystems"]);
        assert_eq!(g.place(1, 2), Place::Markdown { line: 5, cell: 3 });
        assert!(from_markdown("no table", 1).is_err());
        let short = "| A | B | C |\n|---|---|---|\n| x | | z |\n| x |\n";
        let e = from_markdown(short, 1).unwrap_err();
        assert_eq!(e.place, Place::Markdown { line: 4, cell: 2 });
        let long = "| A | B |\n|---|---|\n| x | y |\n| 1 | 2 | 3 |\n";
        let e = from_markdown(long, 1).unwrap_err();
        assert_eq!(e.place, Place::Markdown { line: 4, cell: 3 });
        // Another table's ragged rows do not matter.
        let two = format!("{long}\n\n| A |\n|---|\n| ok |\n");
        assert_eq!(from_markdown(&two, 2).unwrap().rows.len(), 2);
        assert!(from_markdown(md, 2).is_err());
    }
}
