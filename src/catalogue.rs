//! The rule catalogue commands: `ladderlint rules` lists every rule and
//! `ladderlint explain ID` prints one rule's documentation, built-in and
//! custom rules alike.

use crate::config::Config;
use crate::output::{FormatKind, Run};
use crate::rules;
use crate::sink;
use crate::source::{Mode, Root};
use anyhow::{bail, Result};
use std::io::Write;
use std::path::PathBuf;

/// Every rule: the built-in ones and the custom rules of the configuration
/// in the current directory (or `--config`). `Err(2)` after printing the
/// problems of an invalid configuration.
fn every_meta(
    config: Option<&PathBuf>,
) -> Result<std::result::Result<Vec<&'static rules::RuleMeta>, i32>> {
    let (root, _) = Root::discover(&[])?;
    let mut all = rules::all_meta();
    match Config::discover(&root, &Mode::Worktree, config)? {
        Ok((config, _)) => all.extend(config.custom.iter().map(|c| c.meta)),
        Err(e) => {
            let mut findings = e.findings;
            sink::sort(&mut findings);
            crate::output::write_stdout(FormatKind::Text, &Run::new(&findings, [&e.file]))?;
            return Ok(Err(2));
        }
    }
    all.sort_by_key(|m| m.id);
    Ok(Ok(all))
}

pub fn rules(markdown: bool, config: Option<&PathBuf>) -> Result<i32> {
    let all = match every_meta(config)? {
        Ok(all) => all,
        Err(code) => return Ok(code),
    };
    let mut out = std::io::stdout().lock();
    if markdown {
        out.write_all(rules::markdown_table().as_bytes())?;
        return Ok(0);
    }
    for m in all {
        writeln!(out, "{:<34} {:<8} {}", m.id, m.severity.as_str(), m.summary)?;
    }
    Ok(0)
}

pub fn explain(id: &str, config: Option<&PathBuf>) -> Result<i32> {
    if let Some(m) = rules::find_meta(id) {
        print!("{}", rules::explain(m));
        return Ok(0);
    }
    let all = match every_meta(config)? {
        Ok(all) => all,
        Err(code) => return Ok(code),
    };
    let Some(m) = all.iter().copied().find(|m| m.id.as_str() == id) else {
        let hint = crate::suggest::did_you_mean(
            &crate::suggest::suggest_rule(id, all.iter().map(|m| m.id.as_str())),
            "; `ladderlint rules` lists them",
        );
        bail!("unknown rule `{id}`{hint}");
    };
    print!("{}", rules::explain(m));
    Ok(0)
}
