//! The pipeline for one state of a repository: collect, load, check, and
//! pass through the sink.

use crate::config::Config;
use crate::finding::Finding;
use crate::load;
use crate::repo::Repo;
use crate::sink::Sunk;
use crate::source::{Input, Matcher, Mode, Root};
use std::collections::BTreeSet;

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
    let repo = Repo::load(inputs, limits);
    let findings = crate::rules::run::run(&repo, config, today);
    let sunk = crate::sink::finish(findings, &repo, config, today, report_only);
    (repo, sunk)
}
