//! `--format json`: a stable array of findings. Fields: rule, severity,
//! message, file, line, column, end_line, end_column (1-based, columns in
//! Unicode code points, end exclusive), pointer (JSON pointer in the
//! document), document (0-based index in the file), help (optional),
//! related (optional list of {file, line, column, end_line, end_column,
//! message}).

use super::{Format, Run};
use std::io::{self, Write};

pub struct Json;

impl Format for Json {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        crate::escape::write_json_list(&mut *out, run.findings)?;
        writeln!(out)
    }
}
