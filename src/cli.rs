//! The command line.

use crate::config::{Config, ConfigError};
use crate::finding::{Finding, RuleId, Severity};
use crate::load::{self, Kind};
use crate::output::{FormatKind, Run};
use crate::source::{Matcher, Mode, Root};
use crate::{changed, lint, rules, sink};
use anyhow::{bail, Context as _, Result};
use clap::{Args, Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Git-native policy linter and reporter for career ladders and promotion
/// nominations.
#[derive(Parser, Debug)]
#[command(name = "ladderlint", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// When to colour the output: `auto` colours a terminal unless
    /// `NO_COLOR` is set, or when `FORCE_COLOR` (or `CLICOLOR_FORCE`) is.
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        default_value = "auto"
    )]
    pub color: ColorWhen,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

impl ColorWhen {
    /// The choice for the output streams. `--color` decides over the
    /// environment; `NO_COLOR` over `FORCE_COLOR`, so that a log never gets
    /// escapes its owner turned off.
    fn choice(self) -> anstream::ColorChoice {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        let forced = std::env::var_os("FORCE_COLOR")
            .is_some_and(|v| !v.is_empty() && v != "0" && v != "false");
        match self {
            ColorWhen::Always => anstream::ColorChoice::Always,
            ColorWhen::Never => anstream::ColorChoice::Never,
            ColorWhen::Auto if set("NO_COLOR") => anstream::ColorChoice::Never,
            ColorWhen::Auto if forced => anstream::ColorChoice::Always,
            ColorWhen::Auto => anstream::ColorChoice::Auto,
        }
    }
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
        /// Today's date (YYYY-MM-DD), around which the cycle's dates are
        /// set; default: `LADDERLINT_TODAY`, else the clock.
        #[arg(long, value_name = "DATE")]
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
    /// Print a shell completion script, e.g. `ladderlint completions bash >
    /// ~/.local/share/bash-completion/completions/ladderlint`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("fixing").args(["fix", "diff"]).multiple(true)))]
pub struct LintArgs {
    /// Folders and files to report on, all under one root (found upward
    /// from them: the nearest folder holding ladderlint.yaml, else the git
    /// top-level). Default: the whole root around the current directory.
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
    /// Today's date (YYYY-MM-DD) for date rules; default:
    /// `LADDERLINT_TODAY`, else the clock.
    #[arg(long, value_name = "DATE")]
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
    /// Largest file read: bytes, or a size with a unit (`500KB`, `4MiB`;
    /// KB = 1000 bytes, KiB = 1024).
    #[arg(long, value_name = "SIZE", default_value = "4MiB", value_parser = parse_file_size)]
    pub max_file_size: usize,
    /// Write the findings as waivers to FILE, a baseline for adopting
    /// ladderlint on a repository that has findings, then exit 0. Each
    /// entry needs a reason and an approver filled in before it waives
    /// anything.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["base", "no_suppressions"])]
    pub write_waivers: Option<PathBuf>,
    /// With --write-waivers: replace FILE when it exists (its entries that
    /// still cover a finding are kept as they are).
    #[arg(long, requires = "write_waivers")]
    pub force: bool,
    /// Also write the findings to FILE (repeatable), in the format its
    /// extension names: .sarif, .json, .xml (JUnit), .md (Markdown), .txt
    /// (concise); any other extension gets --format's. Standard output
    /// keeps --format.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output_file: Vec<PathBuf>,
    /// Print how many findings each rule has (rule, severity, summary),
    /// most first, instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Say on standard error which root, configuration and source were used.
    #[arg(long, short)]
    pub verbose: bool,
    /// Apply the safe fixes (line endings, byte-order mark, trailing
    /// whitespace, key order) to the files in the working tree, then
    /// report what remains. Not with --rev, --staged or --base, which do not read the
    /// working tree.
    #[arg(long, conflicts_with_all = ["rev", "staged", "base"])]
    pub fix: bool,
    /// With --fix or --diff: apply the fixes a person should review too
    /// (an unknown id replaced by the one it most resembles).
    #[arg(long, requires = "fixing")]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff and write nothing; exit 1 when
    /// there is something to fix.
    #[arg(long, conflicts_with_all = ["rev", "staged", "base"])]
    pub diff: bool,
}

/// A size in bytes: `4194304`, `500KB`, `4MiB`, `4 MiB`.
fn parse_file_size(s: &str) -> std::result::Result<usize, String> {
    let bytes = parse_size::parse_size(s).map_err(|e| {
        format!("{e}: expected a number of bytes or a size such as `500KB` or `4MiB`")
    })?;
    usize::try_from(bytes).map_err(|_| format!("{bytes} bytes is more than this machine can read"))
}

/// Run the command line; returns the exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    cli.color.choice().write_global();
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
        Command::Completions { shell } => completions_command(shell),
    };
    match result {
        Ok(code) => code,
        // The reader went away (`ladderlint lint | head`): nothing to say.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            2
        }
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
    // Formatters write many small pieces: one system call per piece would
    // cost more than the lint on a run with many findings. Only the
    // formats for people have colour to strip; machine formats escape
    // every control character themselves.
    fn write(format: FormatKind, run: &Run, out: impl Write) -> Result<()> {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
        format.formatter().write(run, &mut out)?;
        out.flush()?;
        Ok(())
    }
    match format {
        FormatKind::Text | FormatKind::Concise => write(format, run, anstream::stdout().lock()),
        _ => write(format, run, std::io::stdout().lock()),
    }
}

/// The format of an output file, by its extension.
fn format_of_file(path: &Path) -> Option<FormatKind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "sarif" => FormatKind::Sarif,
        "json" => FormatKind::Json,
        "xml" => FormatKind::Junit,
        "md" | "markdown" => FormatKind::Markdown,
        "txt" => FormatKind::Concise,
        _ => return None,
    })
}

/// Write a run: `--format` (or the statistics) to standard output, and
/// each `--output-file` in the format its extension names.
fn emit(args: &LintArgs, run: &Run, statistics: Option<&Statistics>) -> Result<()> {
    match statistics {
        Some(stats) => {
            let mut out = std::io::BufWriter::new(anstream::stdout().lock());
            stats.write(args.format, run, &mut out)?;
            out.flush()?;
        }
        None => write_out(args.format, run)?,
    }
    for path in &args.output_file {
        let format = format_of_file(path).unwrap_or(args.format);
        // No colour in a file, whatever --color says.
        let buf = format.plain(run)?;
        std::fs::write(path, buf).with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    Ok(())
}

/// `--statistics`: how many findings each rule has.
struct Statistics {
    /// (count, rule, most severe severity, summary), most first.
    rows: Vec<(usize, String, Severity, String)>,
}

impl Statistics {
    fn of(findings: &[Finding], summaries: &std::collections::HashMap<RuleId, &str>) -> Statistics {
        let mut by_rule: std::collections::BTreeMap<RuleId, (usize, Severity)> =
            std::collections::BTreeMap::new();
        for f in findings {
            let e = by_rule.entry(f.rule).or_insert((0, f.severity));
            e.0 += 1;
            if rank(f.severity) > rank(e.1) {
                e.1 = f.severity;
            }
        }
        let mut rows: Vec<_> = by_rule
            .into_iter()
            .map(|(rule, (n, sev))| {
                let summary = summaries.get(&rule).copied().unwrap_or_default();
                (n, rule.as_str().to_owned(), sev, summary.to_owned())
            })
            .collect();
        rows.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        Statistics { rows }
    }

    fn write(&self, format: FormatKind, run: &Run, out: &mut dyn Write) -> Result<()> {
        use crate::output::text::sanitize;
        if format == FormatKind::Json {
            let rows: Vec<serde_json::Value> = self
                .rows
                .iter()
                .map(|(n, rule, sev, summary)| {
                    serde_json::json!({
                        "rule": rule, "severity": sev.as_str(), "count": n, "summary": summary
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            writeln!(out)?;
            return Ok(());
        }
        let width = self.rows.iter().map(|r| r.1.len()).max().unwrap_or(0);
        let digits = self.rows.first().map_or(1, |r| r.0.to_string().len());
        for (n, rule, sev, summary) in &self.rows {
            writeln!(
                out,
                "{n:>digits$}  {:<width$}  {:<7}  {}",
                sanitize(rule),
                sev.as_str(),
                sanitize(summary)
            )?;
        }
        if !run.quiet {
            writeln!(out, "{}", run.summary())?;
        }
        Ok(())
    }
}

fn rank(s: Severity) -> u8 {
    match s {
        Severity::Error => 3,
        Severity::Warning => 2,
        Severity::Info => 1,
        Severity::Off => 0,
    }
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

fn lint_command(args: &LintArgs) -> Result<i32> {
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
            let options = crate::fix::Options {
                unsafe_fixes: args.unsafe_fixes,
                diff: args.diff,
            };
            match crate::fix::run(
                &root,
                &config,
                &today,
                &limits,
                report_only.as_ref(),
                options,
            )? {
                crate::fix::Outcome::Diffed(code) => return Ok(code),
                crate::fix::Outcome::Fixed(tally) => Some(tally),
            }
        }
    };
    if let Some(path) = &args.write_waivers {
        let report_only = report_only.as_ref();
        return write_waivers(
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
    let code = finish(
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
    );
    exit_without_freeing(repo);
    code
}

/// `--write-waivers FILE`: the findings (with no waivers applied, inline
/// suppressions honoured) written as waivers to fill in.
fn write_waivers(
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

/// The process exits right after a lint: freeing the index of a large
/// repository value by value would only delay that (by a tenth of the run
/// at 100,000 files), so its memory is left to the operating system.
fn exit_without_freeing(repo: crate::repo::Repo) {
    std::mem::forget(repo);
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

fn completions_command(shell: clap_complete::Shell) -> Result<i32> {
    use clap::CommandFactory as _;
    let mut out = std::io::stdout().lock();
    clap_complete::generate(shell, &mut Cli::command(), "ladderlint", &mut out);
    out.flush()?;
    Ok(0)
}

fn schema_command(kind: &str) -> Result<i32> {
    if kind.eq_ignore_ascii_case("waivers") {
        print!("{}", crate::schema::WAIVERS);
        return Ok(0);
    }
    let Some(k) = Kind::ALL
        .into_iter()
        .find(|k| k.name().eq_ignore_ascii_case(kind))
    else {
        bail!("unknown kind `{kind}`: expected Ladder, People, Cycle, Nomination or Waivers");
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
        let hint = rules::did_you_mean(
            &rules::suggest_rule(id, all.iter().map(|m| m.id.as_str())),
            "; `ladderlint rules` lists them",
        );
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
