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
    /// Add the fairness trend over a range of cycles, `A..B` (both
    /// included, in the order the cycles open); the report is on `B`
    /// unless --cycle names another.
    #[arg(long, value_name = "A..B", conflicts_with = "last")]
    pub cycles: Option<String>,
    /// Add the fairness trend over the last N cycles (by opening date); the
    /// report is on the last unless --cycle names another.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub last: Option<u32>,
    /// Output format (ignored with --template). Default: the one the
    /// extension of --output names (.md, .json, .html), else HTML.
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
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
    /// Today's date (YYYY-MM-DD) for overdue decisions; default:
    /// `LADDERLINT_TODAY`, else the clock.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

impl ReportArgs {
    /// `--format`, else the format the extension of `--output` names, else
    /// HTML.
    pub fn format(&self) -> ReportFormat {
        let by_extension = || {
            let ext = self
                .output
                .as_ref()?
                .extension()?
                .to_str()?
                .to_ascii_lowercase();
            match ext.as_str() {
                "md" | "markdown" => Some(ReportFormat::Markdown),
                "json" => Some(ReportFormat::Json),
                "html" | "htm" => Some(ReportFormat::Html),
                _ => None,
            }
        };
        self.format
            .or_else(by_extension)
            .unwrap_or(ReportFormat::Html)
    }
}

/// Run `ladderlint report`; returns the exit code.
pub fn run(args: &ReportArgs) -> Result<i32> {
    let today = crate::dates::today(args.today.as_deref())?;
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
    let config: Config = match Config::discover(&root, &mode, args.config.as_ref())? {
        Ok((c, _)) => c,
        Err(e) => {
            let first = e.findings.first().map_or(String::new(), |f| {
                format!(": {}:{}: {}", f.file, f.span.line, f.message)
            });
            bail!("the configuration is invalid{first}; `ladderlint lint` shows every problem");
        }
    };
    let groups = args.groups.as_deref().map(GroupsFile::read).transpose()?;
    let (repo, findings) = crate::lint::run(
        &root,
        &mode,
        &config,
        &today,
        &load::Limits::default(),
        None,
    )?;

    let ids: Vec<&str> = repo.cycles.iter().map(|c| c.item.id.as_str()).collect();
    let range = trend_range(&repo, args.cycles.as_deref(), args.last, &ids)?;
    let cycle = match &args.cycle {
        Some(id) => repo.cycle(id).ok_or_else(|| {
            let hint = crate::suggest::suggest(id, ids.iter().copied())
                .map_or(String::new(), |s| format!("; did you mean `{s}`?"));
            anyhow!(
                "no cycle `{id}` in the repository{hint} (cycles: {})",
                list(&ids)
            )
        })?,
        None if !range.is_empty() => {
            let last = range.last().expect("not empty");
            repo.cycle(last).expect("a cycle of the repository")
        }
        None => match repo.cycles.as_slice() {
            [only] => only,
            [] => bail!("the repository has no cycle to report on"),
            _ => bail!("several cycles: choose one with --cycle ({})", list(&ids)),
        },
    };
    let trend = (!range.is_empty()).then(|| {
        let index = crate::fairness::Index::new(&repo);
        let per: Vec<(String, crate::fairness::CycleAnalysis)> = range
            .iter()
            .filter_map(|id| repo.cycle(id))
            .map(|c| {
                (
                    c.item.id.clone(),
                    crate::fairness::analyse_cycle_in(
                        &index,
                        &c.item,
                        &config.fairness,
                        groups.as_ref(),
                    ),
                )
            })
            .collect();
        crate::fairness::trend::trend(&per, &config.fairness)
    });
    let ctx = context::build(&context::Inputs {
        trend,
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
    let unknown = &ctx.fairness.groups_file_unknown_ids;
    if !unknown.is_empty() {
        let shown: Vec<&str> = unknown.iter().take(20).map(String::as_str).collect();
        let more = unknown.len() - shown.len();
        eprintln!(
            "warning: {} in the groups file {} not in People and {} left out: {}{}",
            crate::human::count(unknown.len(), "person"),
            crate::human::plural(unknown.len(), "is"),
            crate::human::plural(unknown.len(), "was"),
            crate::output::text::sanitize(&shown.join(", ")),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        );
    }
    let text = match (&args.template, args.format()) {
        (Some(t), _) => render::user(t, &ctx)?,
        (None, ReportFormat::Json) => crate::escape::json_string(&ctx)?,
        (None, ReportFormat::Html) => render::builtin("report.html", &ctx)?,
        (None, ReportFormat::Markdown) => render::builtin("report.md", &ctx)?,
    };
    render::emit(args.output.as_deref(), &text)?;
    Ok(0)
}

/// The cycles of `--cycles A..B` or `--last N`, oldest first (by opening
/// date, then id); empty without either.
fn trend_range(
    repo: &crate::repo::Repo,
    cycles: Option<&str>,
    last: Option<u32>,
    ids: &[&str],
) -> Result<Vec<String>> {
    let mut order: Vec<(&str, &str)> = repo
        .cycles
        .iter()
        .map(|c| (c.item.opens.as_deref().unwrap_or(""), c.item.id.as_str()))
        .collect();
    order.sort();
    let order: Vec<&str> = order.into_iter().map(|(_, id)| id).collect();
    let find = |id: &str| {
        order.iter().position(|c| *c == id).ok_or_else(|| {
            let hint = crate::suggest::suggest(id, ids.iter().copied())
                .map_or(String::new(), |s| format!("; did you mean `{s}`?"));
            anyhow!(
                "no cycle `{id}` in the repository{hint} (cycles: {})",
                list(ids)
            )
        })
    };
    let picked: &[&str] = match (cycles, last) {
        (Some(spec), _) => {
            let Some((a, b)) = spec.split_once("..") else {
                bail!("--cycles expects `A..B` (two cycle ids), found `{spec}`");
            };
            let (i, j) = (find(a.trim())?, find(b.trim())?);
            if i > j {
                bail!("--cycles {spec}: `{a}` opens after `{b}`; give the older cycle first");
            }
            &order[i..=j]
        }
        (None, Some(n)) => &order[order.len().saturating_sub(n as usize)..],
        (None, None) => &[],
    };
    Ok(picked.iter().map(|s| s.to_string()).collect())
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
