//! `lint --write-waivers FILE`: a baseline for adopting ladderlint on a
//! repository that has findings.

use super::LintArgs;
use crate::config::Config;
use crate::source::{Mode, Root};
use crate::{lint, load, rules};
use anyhow::{bail, Context as _, Result};
use std::io::Write;

/// `--write-waivers FILE`: the findings (with no waivers applied, inline
/// suppressions honoured) written as waivers to fill in.
pub(super) fn write_waivers(
    args: &LintArgs,
    path: &std::path::Path,
    (root, mode, report_only): (&Root, &Mode, Option<&std::collections::BTreeSet<String>>),
    mut config: Config,
    today: &str,
    limits: &load::Limits,
) -> Result<i32> {
    use crate::suppress::{baseline, waivers};
    let exists = path.symlink_metadata().is_ok();
    if exists && !args.force {
        bail!(
            "`{}` exists: use --force to replace it (its waivers that still cover a finding \
             are kept)",
            path.display()
        );
    }
    let shown = root
        .relative(path)
        .unwrap_or_else(|| path.display().to_string());
    let previous = match exists {
        true => {
            let bytes =
                std::fs::read(path).with_context(|| format!("cannot read `{}`", path.display()))?;
            Some(waivers::WaiversFile::parse(&shown, &bytes))
        }
        false => None,
    };
    config.waivers = None;
    let (repo, sunk) = lint::run_all(root, mode, &config, today, limits, report_only)?;
    if repo.files.is_empty() {
        bail!(rules::nothing_matched(root, &config));
    }
    let written = baseline::write(
        &sunk.findings,
        previous.as_ref(),
        &config.unsuppressible,
        today,
    );
    std::fs::write(path, &written.text)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    let mut err = anstream::stderr();
    let shown = crate::output::text::sanitize(&shown);
    writeln!(
        err,
        "wrote {} to `{shown}` for {}{}: fill in each `reason` and `approved_by` before \
         committing (until then each is a `suppression/invalid` error and waives nothing)",
        crate::human::count(written.kept + written.added, "waiver"),
        crate::human::count(written.covered, "finding"),
        match written.kept {
            0 => String::new(),
            n => format!(", {n} kept from the file replaced"),
        },
    )?;
    if !written.unwaivable.is_empty() {
        let mut rules: Vec<&str> = written.unwaivable.iter().map(|f| f.rule.as_str()).collect();
        rules.sort_unstable();
        rules.dedup();
        writeln!(
            err,
            "not written: {} that cannot be waived ({})",
            crate::human::count(written.unwaivable.len(), "finding"),
            rules.join(", ")
        )?;
    }
    let active = config
        .waivers_path
        .as_deref()
        .unwrap_or(waivers::DEFAULT_PATH);
    if root.relative(path).as_deref() != Some(active) {
        writeln!(
            err,
            "note: waivers are read from `{active}`: move the file there, or set `waivers: \
             PATH` in the configuration"
        )?;
    }
    Ok(0)
}
