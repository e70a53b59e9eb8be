//! Output formats: one small file each, all behind one trait. Every format
//! gets the whole run at the end, already sorted.

pub mod github;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod text;

use crate::finding::{Finding, Severity};
use crate::load::LoadedFile;
use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};

/// How every format marks a finding of changed-only mode that is in an
/// unchanged file.
pub const UNCHANGED_NOTE: &str = "in an unchanged file, caused by this change";

/// Everything a format may show.
pub struct Run<'a> {
    pub findings: &'a [Finding],
    /// Source files by path, for snippets.
    pub files: HashMap<&'a str, &'a LoadedFile>,
    /// How many files were checked.
    pub checked: usize,
    /// The files reported on, when paths were named on the command line
    /// (`None`: every file in `files`).
    pub reported: Option<&'a BTreeSet<String>>,
    /// The root's path inside its git work tree ("" or "sub/dir/"), for
    /// formats whose paths a CI service resolves from the repository root.
    pub prefix: &'a str,
    /// Findings only: no summary line (`--quiet`).
    pub quiet: bool,
    /// In changed-only mode, the files changed: a finding elsewhere is in
    /// an unchanged file, caused by the change.
    pub changed: Option<&'a BTreeSet<String>>,
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
            reported: None,
            prefix: "",
            quiet: false,
            changed: None,
        }
    }

    /// Restrict the files listed (e.g. JUnit test cases) to those asked for.
    pub fn with_reported(mut self, only: Option<&'a BTreeSet<String>>) -> Self {
        self.reported = only;
        self
    }

    /// Changed-only mode: the files changed.
    pub fn with_changed(mut self, changed: Option<&'a BTreeSet<String>>) -> Self {
        self.changed = changed;
        self
    }

    /// For a finding in changed-only mode that is in an unchanged file:
    /// the note that says so.
    pub fn unchanged_note(&self, f: &Finding) -> Option<&'static str> {
        self.changed
            .filter(|c| !c.contains(&f.file))
            .map(|_| UNCHANGED_NOTE)
    }

    pub fn with_quiet(mut self, quiet: bool) -> Self {
        self.quiet = quiet;
        self
    }

    /// Paths as seen from the git work tree's top, when the root is a
    /// folder inside it.
    pub fn with_prefix(mut self, prefix: &'a str) -> Self {
        self.prefix = prefix;
        self
    }

    /// A finding's path as a CI service sees it: from the work tree's top.
    pub fn repo_path(&self, file: &str) -> String {
        format!("{}{file}", self.prefix)
    }

    /// The files checked, sorted: those asked for, else every file read,
    /// plus any file that carries a finding.
    pub fn checked_files(&self) -> Vec<&str> {
        let mut all: BTreeSet<&str> = match self.reported {
            Some(only) => only.iter().map(String::as_str).collect(),
            None => self.files.keys().copied().collect(),
        };
        all.extend(self.findings.iter().map(|f| f.file.as_str()));
        all.into_iter().collect()
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
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML, one test case per file.
    Junit,
    /// A Markdown summary for a job summary or a pull-request comment.
    Markdown,
}

impl FormatKind {
    pub fn formatter(self) -> Box<dyn Format> {
        match self {
            FormatKind::Text => Box::new(text::Text),
            FormatKind::Json => Box::new(json::Json),
            FormatKind::Sarif => Box::new(sarif::Sarif),
            FormatKind::Github => Box::new(github::Github),
            FormatKind::Junit => Box::new(junit::Junit),
            FormatKind::Markdown => Box::new(markdown::Markdown),
        }
    }
}
