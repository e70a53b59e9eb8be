//! Output formats: one small file each, all behind one trait. Every format
//! gets the whole run at the end, already sorted.

pub mod concise;
pub mod github;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod statistics;
pub mod text;

use crate::finding::{Finding, Severity};
use crate::human::count;
use crate::load::LoadedFile;
use crate::suppress::waivers::{Waiver, WaiversFile};
use crate::suppress::Suppressed;
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
    /// Warnings fail the run (`--deny-warnings`): JUnit counts them as
    /// failures.
    pub deny_warnings: bool,
    /// What was read, when it is not simply the working tree: `revision
    /// v1.2`, `the index (--staged)`, `changes since main (merge base
    /// 1a2b3c4)`.
    pub scope: Option<String>,
    /// Put before a path shown to a person (text formats), so that it
    /// reads from the current directory: `` when the root is the current
    /// directory, `fixtures/demo/`, `../`.
    pub shown_base: String,
    /// Findings left out because they already existed at the base
    /// (`--new-only`).
    pub hidden: Option<usize>,
    /// What `--fix` fixed before this run, which lints the fixed files.
    pub fixes: Option<crate::fix::Tally>,
    /// The findings that suppressions hid (shown apart, never counted as
    /// findings).
    pub suppressed: &'a [Suppressed],
    /// The waivers file, for the waivers a change adds (which apply only
    /// once on the base).
    pub waivers: Option<&'a WaiversFile>,
}

impl<'a> Run<'a> {
    pub fn new(findings: &'a [Finding], files: impl IntoIterator<Item = &'a LoadedFile>) -> Self {
        Run {
            findings,
            files: files.into_iter().map(|f| (f.path.as_str(), f)).collect(),
            reported: None,
            prefix: "",
            quiet: false,
            changed: None,
            deny_warnings: false,
            scope: None,
            hidden: None,
            shown_base: String::new(),
            fixes: None,
            suppressed: &[],
            waivers: None,
        }
    }

    /// The run of a lint: its findings, what suppressions hid, and every
    /// file read (the documents, the configuration and the waivers file),
    /// for snippets and file counts.
    pub fn of_lint(
        findings: &'a [Finding],
        repo: &'a crate::repo::Repo,
        config_file: Option<&'a LoadedFile>,
        waivers: Option<&'a WaiversFile>,
        suppressed: &'a [Suppressed],
    ) -> Self {
        let waivers_file = waivers.map(|w| &w.file);
        Run::new(
            findings,
            repo.files.iter().chain(config_file).chain(waivers_file),
        )
        .with_suppressed(suppressed)
        .with_waivers(waivers)
    }

    /// Show the findings that suppressions hid.
    pub fn with_suppressed(mut self, suppressed: &'a [Suppressed]) -> Self {
        self.suppressed = suppressed;
        self
    }

    /// The waivers file read, if any.
    pub fn with_waivers(mut self, waivers: Option<&'a WaiversFile>) -> Self {
        self.waivers = waivers;
        self
    }

    /// The waivers that a change adds, not applied in this run: (entry
    /// index, waiver), in order.
    pub fn pending_waivers(&self) -> Vec<(usize, &'a Waiver)> {
        self.waivers
            .into_iter()
            .flat_map(|w| w.entries.iter())
            .filter(|e| !e.applies)
            .map(|e| (e.index, &e.waiver))
            .collect()
    }

    /// Say in the summary what `--fix` fixed and which fixes it held back.
    pub fn with_fixes(mut self, fixes: Option<crate::fix::Tally>) -> Self {
        self.fixes = fixes;
        self
    }

    /// Show paths from the current directory: `base` is the root seen from
    /// there (`""` for the current directory itself).
    pub fn with_shown_base(mut self, base: String) -> Self {
        self.shown_base = base;
        self
    }

    /// A finding's path as a person at the current directory would type it.
    pub fn shown_path(&self, file: &str) -> String {
        format!("{}{file}", self.shown_base)
    }

    pub fn with_deny_warnings(mut self, deny: bool) -> Self {
        self.deny_warnings = deny;
        self
    }

    /// Say in the summary what was read (see [`Run::scope`]).
    pub fn with_scope(mut self, scope: Option<String>) -> Self {
        self.scope = scope;
        self
    }

    /// Say in the summary how many findings `--new-only` left out.
    pub fn with_hidden(mut self, hidden: Option<usize>) -> Self {
        self.hidden = hidden;
        self
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

    /// The message of `f` as one text, for formats with a single message
    /// field (SARIF, annotations): the note for an unchanged file in
    /// parentheses, then `help:` on its own line.
    pub fn full_message(&self, f: &Finding) -> String {
        let mut message = f.message.clone();
        if let Some(note) = self.unchanged_note(f) {
            message.push_str(&format!(" ({note})"));
        }
        if let Some(help) = &f.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        message
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

    /// The files checked, sorted: every file read (the configuration file
    /// too), only those asked for when paths were named, plus any file that
    /// carries a finding. Every format counts files from this one list.
    pub fn checked_files(&self) -> Vec<&str> {
        let mut all: BTreeSet<&str> = self
            .files
            .keys()
            .copied()
            .filter(|f| self.reported.is_none_or(|only| only.contains(*f)))
            .collect();
        all.extend(self.findings.iter().map(|f| f.file.as_str()));
        all.into_iter().collect()
    }

    /// The files that carry at least one finding.
    pub fn files_with_findings(&self) -> usize {
        self.findings
            .iter()
            .map(|f| f.file.as_str())
            .collect::<BTreeSet<_>>()
            .len()
    }

    /// The closing line of a run, the same in every format that has one:
    /// `All checks passed: 15 files checked.` or `Found 1 error, 2 warnings
    /// and 0 infos in 3 of 15 files checked.`, naming what was read when it
    /// was not the working tree, and what `--new-only` left out.
    pub fn summary(&self) -> String {
        let files = count(self.checked_files().len(), "file");
        let scope = self
            .scope
            .as_deref()
            .map_or(String::new(), |s| format!(" in {s}"));
        let fixed = self.fixes.map_or(0, |t| t.fixed);
        let mut line = if self.findings.is_empty() && fixed == 0 {
            format!("All checks passed: {files} checked{scope}.")
        } else if self.fixes.is_some() {
            // As ruff says it: what was found, fixed and left.
            let remaining = self.findings.len();
            let head = format!(
                "Found {} ({fixed} fixed, {remaining} remaining)",
                count(fixed + remaining, "finding")
            );
            if remaining == 0 {
                format!("{head} in {files} checked{scope}.")
            } else {
                format!(
                    "{head}: {}, {} and {} in {} of {files} checked{scope}.",
                    count(self.count(Severity::Error), "error"),
                    count(self.count(Severity::Warning), "warning"),
                    count(self.count(Severity::Info), "info"),
                    self.files_with_findings(),
                )
            }
        } else {
            format!(
                "Found {}, {} and {} in {} of {files} checked{scope}.",
                count(self.count(Severity::Error), "error"),
                count(self.count(Severity::Warning), "warning"),
                count(self.count(Severity::Info), "info"),
                self.files_with_findings(),
            )
        };
        if self.hidden == Some(0) {
            line.push_str(" No finding that already existed at the base was hidden (--new-only).");
        } else if let Some(n) = self.hidden {
            line.push_str(&format!(
                " {} that already existed at the base {} hidden (--new-only).",
                count(n, "finding"),
                crate::human::plural(n, "was"),
            ));
        }
        if let Some(t) = self.fixes {
            // The fixes held back: unsafe ones, without `--unsafe-fixes`.
            let held_back = match t.unsafe_fixes {
                true => 0,
                false => (self.findings.iter())
                    .filter(|f| f.fix.as_ref().is_some_and(|x| !x.is_safe()))
                    .count(),
            };
            line.push_str(&crate::fix::held_back_note(held_back));
        }
        if let Some(s) = self.suppressed_note() {
            line.push(' ');
            line.push_str(&s);
        }
        line
    }

    /// `3 findings suppressed (1 new), listed by --format markdown and
    /// sarif.`, when suppressions hid any.
    pub fn suppressed_note(&self) -> Option<String> {
        let n = self.suppressed.len();
        if n == 0 {
            return None;
        }
        let new = self.suppressed.iter().filter(|s| s.new).count();
        let new = match new {
            0 => String::new(),
            k => format!(" ({k} new)"),
        };
        Some(format!(
            "{} suppressed{new}, listed by --format markdown and sarif.",
            count(n, "finding")
        ))
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
    /// Diagnostics with the source line and a caret under the problem.
    Text,
    /// One line per finding: `file:line:column: severity[rule] message`.
    Concise,
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
    /// `run` in this format as a file receives it: no colour, whatever the
    /// terminal.
    pub fn plain(self, run: &Run) -> io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        self.formatter().write(run, &mut buf)?;
        if matches!(self, FormatKind::Text | FormatKind::Concise) {
            buf = anstream::adapter::strip_bytes(&buf).into_vec();
        }
        Ok(buf)
    }

    pub fn formatter(self) -> Box<dyn Format> {
        match self {
            FormatKind::Text => Box::new(text::Text),
            FormatKind::Concise => Box::new(concise::Concise),
            FormatKind::Json => Box::new(json::Json),
            FormatKind::Sarif => Box::new(sarif::Sarif),
            FormatKind::Github => Box::new(github::Github),
            FormatKind::Junit => Box::new(junit::Junit),
            FormatKind::Markdown => Box::new(markdown::Markdown),
        }
    }

    /// The format of an output file, by its extension.
    pub fn of_file(path: &std::path::Path) -> Option<FormatKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "sarif" => FormatKind::Sarif,
            "json" => FormatKind::Json,
            "xml" => FormatKind::Junit,
            "md" | "markdown" => FormatKind::Markdown,
            "txt" => FormatKind::Concise,
            _ => return None,
        })
    }
}

/// Writes a run to standard output in `format`.
pub fn write_stdout(format: FormatKind, run: &Run) -> anyhow::Result<()> {
    // Formatters write many small pieces: one system call per piece would
    // cost more than the lint on a run with many findings. Only the
    // formats for people have colour to strip; machine formats escape
    // every control character themselves.
    fn write(format: FormatKind, run: &Run, out: impl Write) -> anyhow::Result<()> {
        let mut out = io::BufWriter::with_capacity(1 << 16, out);
        format.formatter().write(run, &mut out)?;
        out.flush()?;
        Ok(())
    }
    match format {
        FormatKind::Text | FormatKind::Concise => write(format, run, anstream::stdout().lock()),
        _ => write(format, run, io::stdout().lock()),
    }
}
