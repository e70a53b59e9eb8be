//! The command line.

use crate::config::{Config, CONFIG_NAMES};
use crate::finding::Severity;
use crate::load::{self, Kind};
use crate::output::{FormatKind, Run};
use crate::repo::Repo;
use crate::source::{Matcher, Mode, Root};
use crate::{lint, rules, sink};
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
        /// Configuration file (default: ladderlint.yaml or .ladderlint.yaml in the current directory).
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
    },
    /// Print the documentation of one rule.
    Explain {
        /// The rule id, e.g. `nomination/quorum`.
        id: String,
        /// Configuration file, for custom rules (default: as for `rules`).
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
    },
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
    /// Largest file read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 4 * 1024 * 1024)]
    pub max_file_size: usize,
}

/// Run the command line; returns the exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Lint(args) => lint_command(&args),
        Command::Schema { kind } => schema_command(&kind),
        Command::Rules { config } => rules_command(config.as_ref()),
        Command::Explain { id, config } => explain_command(&id, config.as_ref()),
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

fn today(arg: Option<&str>) -> Result<String> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    match arg {
        Some(s) => {
            time::Date::parse(s, format)
                .with_context(|| format!("--today `{s}` is not a date (YYYY-MM-DD)"))?;
            Ok(s.to_owned())
        }
        None => Ok(time::OffsetDateTime::now_utc().date().format(format)?),
    }
}

fn write_out(format: FormatKind, run: &Run) -> Result<()> {
    let mut out = anstream::stdout().lock();
    format.formatter().write(run, &mut out)?;
    out.flush()?;
    Ok(())
}

pub fn load_config(
    root: &Root,
    mode: &Mode,
    explicit: Option<&PathBuf>,
) -> Result<
    Result<(Config, Option<load::LoadedFile>), (Vec<crate::finding::Finding>, load::LoadedFile)>,
> {
    let found = match explicit {
        Some(path) => {
            let bytes = std::fs::read(path)
                .with_context(|| format!("cannot read configuration `{}`", path.display()))?;
            Some((path.display().to_string(), bytes))
        }
        None => {
            let mut found = None;
            for name in CONFIG_NAMES {
                if let Some(bytes) = root.read(mode, name)? {
                    found = Some((name.to_owned(), bytes));
                    break;
                }
            }
            found
        }
    };
    Ok(match found {
        None => Ok((Config::default(), None)),
        Some((name, bytes)) => Config::parse(&name, &bytes).map(|(c, f)| (c, Some(f))),
    })
}

fn lint_command(args: &LintArgs) -> Result<i32> {
    let today = today(args.today.as_deref())?;
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
    let (config, config_file) = match load_config(&root, &mode, args.config.as_ref())? {
        Ok(c) => c,
        Err((findings, file)) => {
            let mut findings = findings;
            sink::sort(&mut findings);
            write_out(args.format, &Run::new(&findings, [&file], 1))?;
            return Ok(2);
        }
    };
    let matcher = Matcher::new(&config.include, &config.exclude)?;
    let inputs = root.collect(&mode, &matcher)?;
    let limits = load::Limits {
        max_file_bytes: args.max_file_size,
        ..load::Limits::default()
    };
    let (files, extracted) = lint::load_all(inputs, &limits);
    let repo = Repo::new(files, extracted);
    let mut findings = lint::check(&repo, &config, &today);
    for f in &repo.files {
        findings.extend(f.findings.iter().cloned());
    }
    let custom_ids: Vec<String> = config.custom.iter().map(|c| c.meta.id.to_owned()).collect();
    let findings = sink::finish(
        findings,
        &repo.files,
        &config,
        &custom_ids,
        report_only.as_ref(),
    );
    let checked = report_only.as_ref().map_or(repo.files.len(), |r| r.len());
    let run = Run::new(
        &findings,
        repo.files.iter().chain(config_file.as_ref()),
        checked,
    );
    write_out_quiet(args, &run)?;
    // A custom rule's expression that failed on a document is a configuration error.
    if findings
        .iter()
        .any(|f| f.rule == crate::config::CONFIG_INVALID.id)
    {
        return Ok(2);
    }
    let fail = findings.iter().any(|f| {
        f.severity == Severity::Error || (args.deny_warnings && f.severity == Severity::Warning)
    });
    Ok(i32::from(fail))
}

fn write_out_quiet(args: &LintArgs, run: &Run) -> Result<()> {
    if args.quiet && args.format == FormatKind::Text {
        let mut out = anstream::stdout().lock();
        let trimmed = Run::new(run.findings, run.files.values().copied(), run.checked);
        let mut buf = Vec::new();
        args.format.formatter().write(&trimmed, &mut buf)?;
        let text = String::from_utf8_lossy(&buf);
        let body = text.trim_end().rsplit_once('\n').map_or("", |(b, _)| b);
        if !body.is_empty() {
            writeln!(out, "{body}")?;
        }
        return Ok(());
    }
    write_out(args.format, run)
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
    match load_config(&root, &Mode::Worktree, config)? {
        Ok((config, _)) => all.extend(config.custom.iter().map(|c| c.meta)),
        Err((mut findings, file)) => {
            sink::sort(&mut findings);
            write_out(FormatKind::Text, &Run::new(&findings, [&file], 1))?;
            return Ok(Err(2));
        }
    }
    all.sort_by_key(|m| m.id);
    Ok(Ok(all))
}

fn rules_command(config: Option<&PathBuf>) -> Result<i32> {
    let all = match every_meta(config)? {
        Ok(all) => all,
        Err(code) => return Ok(code),
    };
    let mut out = std::io::stdout().lock();
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
    let Some(m) = all.iter().copied().find(|m| m.id == id) else {
        let hint = rules::suggest(id, all.iter().map(|m| m.id))
            .map_or(String::from("; `ladderlint rules` lists them"), |s| {
                format!("; did you mean `{s}`?")
            });
        bail!("unknown rule `{id}`{hint}");
    };
    print!("{}", rules::explain(m));
    Ok(0)
}
