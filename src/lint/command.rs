//! `ladderlint lint`: the whole run from the arguments to the exit code.
//! Where the files are read from, the configuration, changed-only mode
//! (`--base`), fixes, and what is written where.

use super::LintArgs;
use crate::config::{Config, ConfigError};
use crate::finding::{Finding, RuleId, Severity};
use crate::load;
use crate::output::statistics::Statistics;
use crate::output::{FormatKind, Run};
use crate::source::{Matcher, Mode, Root};
use crate::{changed, lint, rules, sink};
use anyhow::{bail, Context as _, Result};
use std::io::Write;

/// Write a run: `--format` (or the statistics) to standard output, and
/// each `--output-file` in the format its extension names.
fn emit(args: &LintArgs, run: &Run, statistics: Option<&Statistics>) -> Result<()> {
    match statistics {
        Some(stats) => {
            let mut out = std::io::BufWriter::new(anstream::stdout().lock());
            stats.write(args.format, run, &mut out)?;
            out.flush()?;
        }
        None => crate::output::write_stdout(args.format, run)?,
    }
    for path in &args.output_file {
        let format = FormatKind::of_file(path).unwrap_or(args.format);
        // No colour in a file, whatever --color says.
        let buf = format.plain(run)?;
        std::fs::write(path, buf).with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    Ok(())
}

/// What the run read, for the summary line and `--verbose`; `None` for
/// the working tree.
fn scope_of(mode: &Mode, base: Option<(&str, &str)>) -> Option<String> {
    let source = match mode {
        Mode::Worktree => None,
        Mode::Rev(rev) => Some(format!("revision {rev}")),
        Mode::Staged => Some("the index (--staged)".to_owned()),
    };
    match base {
        None => source,
        Some((base, merge_base)) => {
            let short = merge_base.get(..7).unwrap_or(merge_base);
            let mut s = format!("changes since {base} (merge base {short})");
            if let Some(source) = source {
                s.push_str(&format!(" in {source}"));
            }
            Some(s)
        }
    }
}

/// `--verbose`: which root, configuration and source a run used, on
/// standard error.
fn say_verbose(
    root: &Root,
    config_file: Option<&load::LoadedFile>,
    config_from: Option<&str>,
    scope: Option<&str>,
) -> Result<()> {
    use crate::output::text::sanitize;
    let why = if crate::config::CONFIG_NAMES
        .iter()
        .any(|n| root.dir.join(n).is_file())
    {
        "the nearest folder holding a configuration file"
    } else if root.repo.is_some() {
        "the top of the git work tree, no configuration file above the paths"
    } else {
        "no configuration file or git repository above the paths"
    };
    let config = match (config_file, config_from) {
        (Some(f), Some(from)) => format!("`{}` as of {from}", f.path),
        (Some(f), None) => format!("`{}`", f.path),
        (None, _) => "none (the defaults)".to_owned(),
    };
    let mut err = anstream::stderr().lock();
    writeln!(
        err,
        "root: {} ({why})",
        sanitize(&root.dir.display().to_string())
    )?;
    writeln!(err, "configuration: {}", sanitize(&config))?;
    writeln!(
        err,
        "source: {}",
        sanitize(scope.unwrap_or("the working tree"))
    )?;
    Ok(())
}

/// The summaries of every rule, built-in and custom.
fn summaries(config: Option<&Config>) -> std::collections::HashMap<RuleId, &'static str> {
    let mut all: std::collections::HashMap<RuleId, &str> = rules::all_meta()
        .into_iter()
        .map(|m| (m.id, m.summary))
        .collect();
    if let Some(c) = config {
        all.extend(c.custom.iter().map(|c| (c.meta.id, c.meta.summary)));
    }
    all
}

/// `ladderlint lint`: returns the exit code.
pub fn run(args: &LintArgs) -> Result<i32> {
    let today = crate::dates::today(args.today.as_deref())?;
    let (root, named) = Root::discover_paths(&args.paths)?;
    let mode = match (&args.rev, args.staged) {
        (Some(rev), _) => Mode::Rev(rev.clone()),
        (None, true) => Mode::Staged,
        (None, false) => Mode::Worktree,
    };
    if mode != Mode::Worktree && root.repo.is_none() {
        bail!(
            "`{}` is not inside a git repository, which {} needs",
            root.dir.display(),
            if args.staged { "--staged" } else { "--rev" }
        );
    }
    if args.statistics
        && !matches!(
            args.format,
            FormatKind::Text | FormatKind::Concise | FormatKind::Json
        )
    {
        bail!("--statistics prints a table (--format text or concise) or JSON (--format json)");
    }
    let limits = load::Limits {
        max_file_bytes: args.max_file_size,
        ..load::Limits::default()
    };
    let shown_base = root.shown_base();
    let config_error = |e: Box<ConfigError>| -> Result<i32> {
        let mut findings = e.findings;
        sink::sort(&mut findings);
        let run = Run::new(&findings, [&e.file]).with_shown_base(shown_base.clone());
        emit(args, &run, None)?;
        Ok(2)
    };
    if let Some(base) = &args.base {
        let merge_base = changed::git::merge_base(&root, base, &mode)?;
        let base_mode = Mode::Rev(merge_base.clone());
        // The policy is the base's: its `include` says what a named folder holds.
        let policy = Config::discover(&root, &base_mode, args.config.as_ref())?
            .ok()
            .map(|(c, _)| c);
        let report_only = match (&named, &policy) {
            (Some(n), Some(c)) => {
                let matcher = Matcher::new(&c.include, &c.exclude)?;
                Some(n.resolve(&root, &mode, &matcher, &c.include)?)
            }
            (Some(n), None) => Some(n.files.clone()),
            (None, _) => None,
        };
        let request = changed::Request {
            root: &root,
            mode: &mode,
            base,
            config: args.config.as_ref(),
            select: &args.select,
            today: &today,
            limits: &limits,
            new_only: args.new_only,
            cache: !args.no_cache,
            no_suppressions: args.no_suppressions,
            named: report_only.as_ref(),
        };
        let mut outcome = match changed::run(&request)? {
            Ok(outcome) => outcome,
            Err(e) => return config_error(e),
        };
        if let Some(only) = &report_only {
            outcome.findings.retain(|f| only.contains(&f.file));
        }
        let reported = match &report_only {
            Some(only) => only.intersection(&outcome.changed).cloned().collect(),
            None => outcome.changed.clone(),
        };
        let scope = scope_of(&mode, Some((base, &outcome.merge_base)));
        if args.verbose {
            let short = outcome.merge_base.get(..7).unwrap_or(&outcome.merge_base);
            let from = format!("the merge base {short}");
            let policy_file = Config::discover(&root, &base_mode, args.config.as_ref())?
                .ok()
                .and_then(|(_, f)| f);
            say_verbose(&root, policy_file.as_ref(), Some(&from), scope.as_deref())?;
        }
        outcome.suppressed.retain(|s| {
            report_only
                .as_ref()
                .is_none_or(|o| o.contains(&s.finding.file))
        });
        let code = finish(
            args,
            &root,
            &outcome.repo,
            outcome.config_file.as_ref(),
            &outcome.findings,
            Some(&reported),
            Some(&outcome.changed),
            Shown {
                base: shown_base,
                scope,
                hidden: args.new_only.then_some(outcome.hidden),
                summaries: summaries(policy.as_ref()),
                fixes: None,
                suppressed: &outcome.suppressed,
                waivers: outcome.waivers.as_deref(),
            },
        );
        exit_without_freeing(outcome.repo);
        return code;
    }
    let (mut config, config_file) = match Config::discover(&root, &mode, args.config.as_ref())? {
        Ok(c) => c,
        Err(e) => return config_error(e),
    };
    let scope = scope_of(&mode, None);
    if args.verbose {
        say_verbose(&root, config_file.as_ref(), None, scope.as_deref())?;
    }
    rules::check_select(&args.select, &config)?;
    config.select.clone_from(&args.select);
    config.no_suppressions = args.no_suppressions;
    let report_only = match &named {
        Some(n) => {
            let matcher = Matcher::new(&config.include, &config.exclude)?;
            Some(n.resolve(&root, &mode, &matcher, &config.include)?)
        }
        None => None,
    };
    let fixes = match args.fix || args.diff {
        false => None,
        true => {
            let options = super::fix::Options {
                unsafe_fixes: args.unsafe_fixes,
                diff: args.diff,
            };
            match super::fix::run(
                &root,
                &config,
                &today,
                &limits,
                report_only.as_ref(),
                options,
            )? {
                super::fix::Outcome::Diffed(code) => return Ok(code),
                super::fix::Outcome::Fixed(tally) => Some(tally),
            }
        }
    };
    if let Some(path) = &args.write_waivers {
        let report_only = report_only.as_ref();
        return super::write_waivers::write_waivers(
            args,
            path,
            (&root, &mode, report_only),
            config,
            &today,
            &limits,
        );
    }
    let (repo, sunk) = lint::run_all(&root, &mode, &config, &today, &limits, report_only.as_ref())?;
    let findings = &sunk.findings;
    if repo.files.is_empty() {
        bail!(rules::nothing_matched(&root, &config));
    }
    // What the lint read of each nomination is kept for changed-only mode
    // while the findings are written: both only read the index.
    let keep_at = match args.no_cache {
        true => None,
        false => crate::changed::cache::Sniffs::path(&root),
    };
    if let Some(only) = &report_only {
        // The configuration file was read too.
        let missing: Vec<String> = only
            .iter()
            .filter(|p| !config.is_policy_file(p))
            .filter(|p| !repo.files.iter().any(|f| &f.path == *p))
            .map(|p| format!("`{p}`"))
            .collect();
        if !missing.is_empty() && missing.len() == only.len() {
            bail!(
                "none of the files named was checked: {} (left out by `exclude`, or not in \
                 the source read)",
                missing.join(", ")
            );
        }
        if !missing.is_empty() {
            let mut err = anstream::stderr();
            writeln!(
                err,
                "warning: not checked: {} (left out by `exclude`, or not in the source read)",
                crate::output::text::sanitize(&missing.join(", "))
            )?;
        }
    }
    let summaries = summaries(Some(&config));
    let code = std::thread::scope(|s| {
        if let Some(file) = &keep_at {
            s.spawn(|| crate::changed::cache::remember(file, &repo));
        }
        finish(
            args,
            &root,
            &repo,
            config_file.as_ref(),
            findings,
            report_only.as_ref(),
            None,
            Shown {
                base: shown_base,
                scope,
                hidden: None,
                summaries,
                fixes,
                suppressed: &sunk.suppressed,
                waivers: config.waivers.as_deref(),
            },
        )
    });
    exit_without_freeing(repo);
    exit_without_freeing(sunk);
    code
}

/// The process exits right after a lint: freeing the index of a large
/// repository, or its findings, value by value would only delay that (by a
/// tenth of the run at 100,000 files), so their memory is left to the
/// operating system.
fn exit_without_freeing<T>(value: T) {
    std::mem::forget(value);
}

/// How a run is shown: paths from the current directory, what was read,
/// what `--new-only` hid, and the rules' summaries for `--statistics`.
struct Shown<'a> {
    base: String,
    scope: Option<String>,
    hidden: Option<usize>,
    summaries: std::collections::HashMap<RuleId, &'static str>,
    /// What `--fix` fixed before this run.
    fixes: Option<crate::fix::Tally>,
    /// The findings that suppressions hid, and the waivers file.
    suppressed: &'a [crate::suppress::Suppressed],
    waivers: Option<&'a crate::suppress::waivers::WaiversFile>,
}

#[allow(clippy::too_many_arguments)]
fn finish(
    args: &LintArgs,
    root: &Root,
    repo: &crate::repo::Repo,
    config_file: Option<&load::LoadedFile>,
    findings: &[Finding],
    report_only: Option<&std::collections::BTreeSet<String>>,
    changed: Option<&std::collections::BTreeSet<String>>,
    shown: Shown,
) -> Result<i32> {
    let statistics = args
        .statistics
        .then(|| Statistics::of(findings, &shown.summaries));
    let run = Run::of_lint(findings, repo, config_file, shown.waivers, shown.suppressed)
        .with_prefix(&root.prefix)
        .with_reported(report_only)
        .with_changed(changed)
        .with_quiet(args.quiet)
        .with_deny_warnings(args.deny_warnings)
        .with_shown_base(shown.base)
        .with_scope(shown.scope)
        .with_hidden(shown.hidden)
        .with_fixes(shown.fixes);
    emit(args, &run, statistics.as_ref())?;
    // A custom rule's expression that failed on a document is a configuration error.
    if findings
        .iter()
        .any(|f| f.rule == crate::rules::config::INVALID.id)
    {
        return Ok(2);
    }
    let fail = findings.iter().any(|f| {
        f.severity == Severity::Error || (args.deny_warnings && f.severity == Severity::Warning)
    });
    Ok(i32::from(fail))
}
