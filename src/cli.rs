//! The command line.

use crate::config::{Config, ConfigError};
use crate::finding::{Finding, Severity};
use crate::load::{self, Kind};
use crate::output::{FormatKind, Run};
use crate::source::{Mode, Root};
use crate::{changed, lint, rules, sink};
use anyhow::{bail, Context as _, Result};
use clap::{Args, Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;

/// Git-native policy linter and reporter for career ladders and promotion
/// nominations.
#[derive(Parser, Debug)]
#[command(name = "ladderlint", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check ladders, people, cycles and nominations against schemas and rules.
    Lint(LintArgs),
    /// Print the JSON Schema of a document kind (Ladder, People, Cycle, Nomination).
    Schema {
        /// The document kind.
        kind: String,
    },
    /// List every rule with its default severity and summary, with the
    /// custom rules of the configuration.
    Rules {
        /// Print the table as Markdown (as in the README).
        #[arg(long)]
        markdown: bool,
        /// Configuration file (default: ladderlint.yaml or .ladderlint.yaml in the current directory).
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
    },
    /// Scaffold a small working example: configuration, a ladder, people, a
    /// cycle, two nominations, a GitHub workflow and a pre-commit config.
    Init {
        /// Where to write it (default: the current directory).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Today's date (YYYY-MM-DD), around which the cycle's dates are set.
        #[arg(long, env = "LADDERLINT_TODAY", value_name = "DATE")]
        today: Option<String>,
    },
    /// Print the documentation of one rule.
    Explain {
        /// The rule id, e.g. `nomination/quorum`.
        id: String,
        /// Configuration file, for custom rules (default: as for `rules`).
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
    },
    /// Render a cycle's report for the program board (HTML, Markdown or JSON).
    Report(crate::report::ReportArgs),
    /// Report what changed in the ladders between two revisions, and who it affects.
    Diff(crate::diff::DiffArgs),
    /// Turn a spreadsheet ladder (CSV or a Markdown table) into a Ladder file.
    Import(crate::ladder_io::ImportArgs),
    /// Write a ladder as a sheet (CSV or a Markdown table) for spreadsheet users.
    Export(crate::ladder_io::ExportArgs),
}

#[derive(Args, Debug)]
pub struct LintArgs {
    /// A directory (the repository root) or files to report on. Default: the current directory.
    pub paths: Vec<PathBuf>,
    /// Configuration file (default: ladderlint.yaml or .ladderlint.yaml at the root).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Read the files of a revision from the object database, not the working tree.
    #[arg(long, value_name = "REV", conflicts_with = "staged")]
    pub rev: Option<String>,
    /// Read the files in the index: what a commit would contain.
    #[arg(long)]
    pub staged: bool,
    /// Report only findings in files changed since `merge-base(REV, HEAD)`;
    /// the configuration is read from that base commit.
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// With --base: drop findings that already existed at the base.
    #[arg(long, requires = "base")]
    pub new_only: bool,
    /// With --base: neither use nor keep what earlier runs saw of unchanged
    /// files (kept in `.git/ladderlint/`, by content).
    #[arg(long, requires = "base")]
    pub no_cache: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: FormatKind,
    /// Today's date (YYYY-MM-DD) for date rules; default: the clock.
    #[arg(long, env = "LADDERLINT_TODAY", value_name = "DATE")]
    pub today: Option<String>,
    /// Exit with 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Print findings only, no summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// Run only the rules whose id starts with PREFIX (repeatable), e.g.
    /// `--select schema/` or `--select nomination/quorum`.
    #[arg(long, value_name = "PREFIX")]
    pub select: Vec<String>,
    /// Report as if there were no inline suppressions (an audit of what
    /// they hide).
    #[arg(long)]
    pub no_suppressions: bool,
    /// Largest file read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 4 * 1024 * 1024)]
    pub max_file_size: usize,
}

/// Run the command line; returns the exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    // Deserializing a YAML node recurses once per nesting level (at most
    // `Limits::max_depth`); unoptimised builds need more than rayon's
    // default 2 MiB per thread for that.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(32 << 20)
        .build_global();
    let result = match cli.command {
        Command::Lint(args) => lint_command(&args),
        Command::Schema { kind } => schema_command(&kind),
        Command::Rules { markdown, config } => rules_command(markdown, config.as_ref()),
        Command::Explain { id, config } => explain_command(&id, config.as_ref()),
        Command::Init { dir, today } => init_command(&dir, today.as_deref()),
        Command::Report(args) => crate::report::run(&args),
        Command::Diff(args) => crate::diff::run(&args),
        Command::Import(args) => crate::ladder_io::run_import(&args),
        Command::Export(args) => crate::ladder_io::run_export(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            let mut err = anstream::stderr();
            let _ = writeln!(
                err,
                "error: {}",
                crate::output::text::sanitize(&format!("{e:#}"))
            );
            2
        }
    }
}

fn write_out(format: FormatKind, run: &Run) -> Result<()> {
    let mut out = anstream::stdout().lock();
    format.formatter().write(run, &mut out)?;
    out.flush()?;
    Ok(())
}

fn lint_command(args: &LintArgs) -> Result<i32> {
    let today = crate::dates::today(args.today.as_deref())?;
    let (root, report_only) = Root::discover(&args.paths)?;
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
    let limits = load::Limits {
        max_file_bytes: args.max_file_size,
        ..load::Limits::default()
    };
    let config_error = |e: Box<ConfigError>| -> Result<i32> {
        let mut findings = e.findings;
        sink::sort(&mut findings);
        write_out(args.format, &Run::new(&findings, [&e.file]))?;
        Ok(2)
    };
    if let Some(base) = &args.base {
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
        let code = finish(
            args,
            &root,
            &outcome.repo,
            outcome.config_file.as_ref(),
            &outcome.findings,
            Some(&reported),
            Some(&outcome.changed),
        );
        exit_without_freeing(outcome.repo);
        return code;
    }
    let (mut config, config_file) = match Config::discover(&root, &mode, args.config.as_ref())? {
        Ok(c) => c,
        Err(e) => return config_error(e),
    };
    rules::check_select(&args.select, &config)?;
    config.select.clone_from(&args.select);
    config.no_suppressions = args.no_suppressions;
    let (repo, findings) = lint::run(&root, &mode, &config, &today, &limits, report_only.as_ref())?;
    if repo.files.is_empty() {
        bail!(rules::nothing_matched(&root, &config));
    }
    if let Some(only) = &report_only {
        // The configuration file was read too.
        let missing: Vec<String> = only
            .iter()
            .filter(|p| !crate::config::CONFIG_NAMES.contains(&p.as_str()))
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
    let code = finish(
        args,
        &root,
        &repo,
        config_file.as_ref(),
        &findings,
        report_only.as_ref(),
        None,
    );
    exit_without_freeing(repo);
    code
}

/// The process exits right after a lint: freeing the index of a large
/// repository value by value would only delay that (by a tenth of the run
/// at 100,000 files), so its memory is left to the operating system.
fn exit_without_freeing(repo: crate::repo::Repo) {
    std::mem::forget(repo);
}

fn finish(
    args: &LintArgs,
    root: &Root,
    repo: &crate::repo::Repo,
    config_file: Option<&load::LoadedFile>,
    findings: &[Finding],
    report_only: Option<&std::collections::BTreeSet<String>>,
    changed: Option<&std::collections::BTreeSet<String>>,
) -> Result<i32> {
    let run = Run::new(findings, repo.files.iter().chain(config_file))
        .with_prefix(&root.prefix)
        .with_reported(report_only)
        .with_changed(changed)
        .with_quiet(args.quiet)
        .with_deny_warnings(args.deny_warnings);
    write_out(args.format, &run)?;
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

fn schema_command(kind: &str) -> Result<i32> {
    let Some(k) = Kind::ALL
        .into_iter()
        .find(|k| k.name().eq_ignore_ascii_case(kind))
    else {
        bail!("unknown kind `{kind}`: expected Ladder, People, Cycle or Nomination");
    };
    print!("{}", crate::schema::text(k));
    Ok(0)
}

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
            write_out(FormatKind::Text, &Run::new(&findings, [&e.file]))?;
            return Ok(Err(2));
        }
    }
    all.sort_by_key(|m| m.id);
    Ok(Ok(all))
}

fn rules_command(markdown: bool, config: Option<&PathBuf>) -> Result<i32> {
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

fn explain_command(id: &str, config: Option<&PathBuf>) -> Result<i32> {
    if let Some(m) = rules::find_meta(id) {
        print!("{}", rules::explain(m));
        return Ok(0);
    }
    let all = match every_meta(config)? {
        Ok(all) => all,
        Err(code) => return Ok(code),
    };
    let Some(m) = all.iter().copied().find(|m| m.id.as_str() == id) else {
        let hint = rules::suggest(id, all.iter().map(|m| m.id.as_str()))
            .map_or(String::from("; `ladderlint rules` lists them"), |s| {
                format!("; did you mean `{s}`?")
            });
        bail!("unknown rule `{id}`{hint}");
    };
    print!("{}", rules::explain(m));
    Ok(0)
}

fn init_command(dir: &std::path::Path, today_arg: Option<&str>) -> Result<i32> {
    let today = crate::dates::today(today_arg)?;
    let today = crate::dates::parse(&today).context("--today is not a date")?;
    let written = crate::init::scaffold(dir, today)?;
    let mut out = std::io::stdout().lock();
    for path in &written {
        writeln!(out, "created {path}")?;
    }
    writeln!(out, "\nNext: `ladderlint lint {}`", dir.display())?;
    Ok(0)
}
