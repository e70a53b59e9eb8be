//! The command line: the arguments of each command, and the dispatch to
//! the module that runs it (`lint`, `report`, `diff`, `ladder_io`,
//! `catalogue`, `schema`, `init`). Errors become exit code 2 here.

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;

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
    Lint(crate::lint::LintArgs),
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
        Command::Lint(args) => crate::lint::command::run(&args),
        Command::Schema { kind } => crate::schema::print(&kind),
        Command::Rules { markdown, config } => crate::catalogue::rules(markdown, config.as_ref()),
        Command::Explain { id, config } => crate::catalogue::explain(&id, config.as_ref()),
        Command::Init { dir, today } => crate::init::run(&dir, today.as_deref()),
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

fn completions_command(shell: clap_complete::Shell) -> Result<i32> {
    use clap::CommandFactory as _;
    let mut out = std::io::stdout().lock();
    clap_complete::generate(shell, &mut Cli::command(), "ladderlint", &mut out);
    out.flush()?;
    Ok(0)
}
