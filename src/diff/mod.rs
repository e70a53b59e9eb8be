//! `ladderlint diff BASE [HEAD]`: the semantic change report of the ladders
//! between two revisions (or a revision and the working tree), as Markdown
//! for a pull-request comment or as JSON.

pub mod compare;
pub mod impact;
pub mod words;

use crate::config::Config;
use crate::load;
use crate::repo::Repo;
use crate::report::render;
use crate::source::{Matcher, Mode, Root};
use anyhow::{anyhow, Result};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Markdown,
    Json,
}

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// The base revision (e.g. `origin/main`, or the pull request's base commit).
    pub base: String,
    /// The head revision. Default: HEAD.
    #[arg(conflicts_with = "worktree")]
    pub head: Option<String>,
    /// Compare BASE with the working tree instead of a revision.
    #[arg(long)]
    pub worktree: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: DiffFormat,
    /// The repository root (a folder inside a git repository). Default: the
    /// current directory.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Run `ladderlint diff`; returns the exit code.
pub fn run(args: &DiffArgs) -> Result<i32> {
    let paths: Vec<PathBuf> = args.root.iter().cloned().collect();
    let (root, _) = Root::discover(&paths)?;
    if root.repo.is_none() {
        return Err(anyhow!(
            "`{}` is not inside a git repository, which `diff` needs",
            root.dir.display()
        ));
    }
    let (head_mode, head_name) = match (&args.head, args.worktree) {
        (_, true) => (Mode::Worktree, "working tree".to_owned()),
        (Some(h), false) => (Mode::Rev(h.clone()), h.clone()),
        (None, false) => (Mode::Rev("HEAD".into()), "HEAD".to_owned()),
    };
    // From where the head left the base, as `lint --base` does: what the
    // base gained since is not this change.
    let base_mode = Mode::Rev(crate::changed::git::merge_base(
        &root, &args.base, &head_mode,
    )?);
    let base = read(&root, &base_mode, &args.base)?;
    let head = read(&root, &head_mode, &head_name)?;
    let d = compare::diff(&base, &head, &args.base, &head_name);
    let text = match args.format {
        DiffFormat::Json => crate::escape::json_string(&d)?,
        DiffFormat::Markdown => render::builtin("diff.md", &d)?,
    };
    render::emit(args.output.as_deref(), &text)?;
    Ok(0)
}

/// Load one side: its own configuration's `include`/`exclude` (the
/// defaults when it has none or it is invalid), no rules. A ladder that
/// does not load is an error: read as missing, it would show as removed.
fn read(root: &Root, mode: &Mode, name: &str) -> Result<Repo> {
    let config: Config = match Config::discover(root, mode, None)? {
        Ok((c, _)) => c,
        Err(_) => Config::default(),
    };
    let matcher = Matcher::new(&config.include, &config.exclude)?;
    let inputs = root.collect(mode, &matcher)?;
    let repo = Repo::load(inputs, &load::Limits::default());
    for file in &repo.files {
        for f in &file.findings {
            let ladder = file
                .documents()
                .get(f.document)
                .is_some_and(|d| d.kind == Some(load::Kind::Ladder));
            let broken = f.rule == crate::rules::schema::YAML_SYNTAX.id
                || (f.rule == crate::rules::schema::INVALID.id && ladder)
                || (f.rule == crate::rules::schema::UNKNOWN_KIND.id
                    && file.path.starts_with("ladders/"));
            if broken {
                return Err(anyhow!(
                    "{}:{}:{}: {} [{}] (at {name}); fix it before comparing ladders",
                    file.path,
                    f.span.line,
                    f.span.column,
                    crate::output::text::sanitize(&f.message),
                    f.rule
                ));
            }
        }
    }
    Ok(repo)
}
