//! `ladderlint report`: the program board's report on one cycle, as a
//! self-contained HTML page, Markdown, JSON (exactly the template context),
//! or the user's own minijinja template.

pub mod context;
pub mod render;

use crate::config::Config;
use crate::fairness::GroupsFile;
use crate::load;
use crate::source::{Mode, Root};
use anyhow::{anyhow, bail, Result};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Html,
    Markdown,
    Json,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// The repository root. Default: the current directory.
    pub path: Option<PathBuf>,
    /// The cycle to report on (default: the only cycle, if there is one).
    #[arg(long, value_name = "ID")]
    pub cycle: Option<String>,
    /// Output format (ignored with --template).
    #[arg(long, value_enum, default_value = "html")]
    pub format: ReportFormat,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Sensitive attributes kept outside the repository (CSV or YAML keyed
    /// by person id), added to the fairness analysis.
    #[arg(long, value_name = "FILE")]
    pub groups: Option<PathBuf>,
    /// Render your own minijinja template instead; it receives the same
    /// context as `--format json` prints, and can load templates only from
    /// its own folder.
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
    /// Read the files of a revision instead of the working tree.
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
    /// Configuration file (default: ladderlint.yaml or .ladderlint.yaml at the root).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Today's date (YYYY-MM-DD) for overdue decisions; default: the clock.
    #[arg(long, env = "LADDERLINT_TODAY", value_name = "DATE")]
    pub today: Option<String>,
}

/// Run `ladderlint report`; returns the exit code.
pub fn run(args: &ReportArgs) -> Result<i32> {
    let today = crate::cli::today(args.today.as_deref())?;
    let paths: Vec<PathBuf> = args.path.iter().cloned().collect();
    if let Some(p) = &args.path {
        if !p.is_dir() {
            bail!(
                "`{}` is not a directory: give the repository root",
                p.display()
            );
        }
    }
    let (root, _) = Root::discover(&paths)?;
    let mode = match &args.rev {
        Some(rev) => Mode::Rev(rev.clone()),
        None => Mode::Worktree,
    };
    let config: Config = match crate::cli::load_config(&root, &mode, args.config.as_ref())? {
        Ok((c, _)) => c,
        Err(e) => {
            let first = e.findings.first().map_or(String::new(), |f| {
                format!(": {}:{}: {}", f.file, f.span.line, f.message)
            });
            bail!("the configuration is invalid{first}; `ladderlint lint` shows every problem");
        }
    };
    let groups = args.groups.as_deref().map(GroupsFile::read).transpose()?;
    let (repo, findings) =
        crate::lint::run(&root, &mode, &config, &today, &load::Limits::default())?;

    let ids: Vec<&str> = repo.cycles.iter().map(|c| c.item.id.as_str()).collect();
    let cycle = match &args.cycle {
        Some(id) => repo.cycle(id).ok_or_else(|| {
            let hint = crate::rules::suggest(id, ids.iter().copied())
                .map_or(String::new(), |s| format!("; did you mean `{s}`?"));
            anyhow!(
                "no cycle `{id}` in the repository{hint} (cycles: {})",
                list(&ids)
            )
        })?,
        None => match repo.cycles.as_slice() {
            [only] => only,
            [] => bail!("the repository has no cycle to report on"),
            _ => bail!("several cycles: choose one with --cycle ({})", list(&ids)),
        },
    };
    let ctx = context::build(&context::Inputs {
        repo: &repo,
        config: &config,
        cycle,
        findings: &findings,
        groups: groups.as_ref(),
        today: &today,
        source: match &args.rev {
            Some(rev) => format!("revision {rev}"),
            None => "working tree".into(),
        },
    });
    let text = match (&args.template, args.format) {
        (Some(t), _) => render::user(t, &ctx)?,
        (None, ReportFormat::Json) => crate::escape::json_string(&ctx)?,
        (None, ReportFormat::Html) => render::builtin("report.html", &ctx)?,
        (None, ReportFormat::Markdown) => render::builtin("report.md", &ctx)?,
    };
    render::emit(args.output.as_deref(), &text)?;
    Ok(0)
}

fn list(ids: &[&str]) -> String {
    if ids.is_empty() {
        "none".into()
    } else {
        ids.iter()
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
