//! Output formats: one small file each, all behind one trait. Every format
//! gets the whole run at the end, already sorted.

pub mod json;
pub mod text;

use crate::finding::{Finding, Severity};
use crate::load::LoadedFile;
use std::collections::HashMap;
use std::io::{self, Write};

/// Everything a format may show.
pub struct Run<'a> {
    pub findings: &'a [Finding],
    /// Source files by path, for snippets.
    pub files: HashMap<&'a str, &'a LoadedFile>,
    /// How many files were checked.
    pub checked: usize,
}

impl<'a> Run<'a> {
    pub fn new(
        findings: &'a [Finding],
        files: impl IntoIterator<Item = &'a LoadedFile>,
        checked: usize,
    ) -> Self {
        Run {
            findings,
            files: files.into_iter().map(|f| (f.path.as_str(), f)).collect(),
            checked,
        }
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

pub trait Format {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()>;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatKind {
    Text,
    Json,
}

impl FormatKind {
    pub fn formatter(self) -> Box<dyn Format> {
        match self {
            FormatKind::Text => Box::new(text::Text),
            FormatKind::Json => Box::new(json::Json),
        }
    }
}
