//! The pipeline for one state of a repository: collect, load, check, and
//! pass through the sink. The `lint` command itself is in `command`, its
//! arguments in `args`, `--write-waivers` in `write_waivers`.

use crate::config::{Config, ConfigError};
use crate::finding::Finding;
use crate::load::{self, LoadedFile};
use crate::output::{FormatKind, Run};
use crate::repo::Repo;
use crate::sink::Sunk;
use crate::source::{Input, Matcher, Mode, Root};
use std::collections::BTreeSet;
use std::path::Path;

/// A folder linted as `ladderlint lint DIR` lints it, with what its
/// outputs need.
pub struct Linted {
    pub repo: Repo,
    pub config: Config,
    /// The configuration file, when there is one.
    pub config_file: Option<LoadedFile>,
    /// The findings to report and those that suppressions hid.
    pub sunk: Sunk,
}

impl Linted {
    /// The run every output format takes: paths relative to the root.
    pub fn run(&self) -> Run<'_> {
        Run::of_lint(
            &self.sunk.findings,
            &self.repo,
            self.config_file.as_ref(),
            self.config.waivers.as_deref(),
            &self.sunk.suppressed,
        )
    }

    /// `--format FORMAT` output of `run` (this lint's, or one narrowed to
    /// some findings), without colour.
    pub fn render(run: &Run, format: FormatKind) -> String {
        let bytes = format.plain(run).unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

/// Lint the folder `dir` as `ladderlint lint DIR` does with no other
/// option, on the date `today` (`YYYY-MM-DD`): the same root and
/// configuration discovery and the same pipeline. The inner error is an
/// unusable configuration (its `config/invalid` findings).
pub fn dir(dir: &Path, today: &str) -> anyhow::Result<Result<Linted, Box<ConfigError>>> {
    let (root, _) = Root::discover_paths(&[dir.to_path_buf()])?;
    let mode = Mode::Worktree;
    let (config, config_file) = match Config::discover(&root, &mode, None)? {
        Ok(c) => c,
        Err(e) => return Ok(Err(e)),
    };
    let limits = load::Limits::default();
    let (repo, sunk) = run_all(&root, &mode, &config, today, &limits, None)?;
    if repo.files.is_empty() {
        anyhow::bail!(crate::rules::nothing_matched(&root, &config));
    }
    Ok(Ok(Linted {
        repo,
        config,
        config_file,
        sunk,
    }))
}

mod args;
pub mod command;
pub(crate) mod fix;
mod write_waivers;

pub use args::LintArgs;

/// Every finding of the files `config` includes (and of the files in
/// `report_only`, which are named on the command line), read from `mode`,
/// as the sink leaves them (restricted to `report_only` when given).
/// Returns the index too, for outputs that show source lines.
pub fn run(
    root: &Root,
    mode: &Mode,
    config: &Config,
    today: &str,
    limits: &load::Limits,
    report_only: Option<&BTreeSet<String>>,
) -> anyhow::Result<(Repo, Vec<Finding>)> {
    let (repo, sunk) = run_all(root, mode, config, today, limits, report_only)?;
    Ok((repo, sunk.findings))
}

/// As [`run`], with the findings that suppressions hid.
pub fn run_all(
    root: &Root,
    mode: &Mode,
    config: &Config,
    today: &str,
    limits: &load::Limits,
    report_only: Option<&BTreeSet<String>>,
) -> anyhow::Result<(Repo, Sunk)> {
    let named = config.named_documents(report_only);
    let matcher = Matcher::new(&config.include, &config.exclude)?.with_named(named.as_ref());
    let inputs = root.collect(mode, &matcher)?;
    Ok(check(inputs, config, today, limits, report_only))
}

/// The pipeline from files already read (sorted by path).
pub fn run_inputs(
    inputs: Vec<Input>,
    config: &Config,
    today: &str,
    limits: &load::Limits,
    report_only: Option<&BTreeSet<String>>,
) -> (Repo, Vec<Finding>) {
    let (repo, sunk) = check(inputs, config, today, limits, report_only);
    (repo, sunk.findings)
}

fn check(
    inputs: Vec<Input>,
    config: &Config,
    today: &str,
    limits: &load::Limits,
    report_only: Option<&BTreeSet<String>>,
) -> (Repo, Sunk) {
    // Custom rules read the documents as JSON: kept from loading rather
    // than built again.
    let limits = &load::Limits {
        keep_json: !config.custom.is_empty(),
        ..*limits
    };
    let repo = Repo::load(inputs, limits);
    let findings = crate::rules::run::run(&repo, config, today);
    let sunk = crate::sink::finish(findings, &repo, config, today, report_only);
    (repo, sunk)
}
