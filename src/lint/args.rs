//! The arguments of `ladderlint lint`.

use crate::output::FormatKind;
use clap::Args;
use std::path::PathBuf;

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
    /// Neither use nor keep what earlier runs read of each nomination
    /// (kept in `.git/ladderlint/`, by content, for changed-only mode).
    #[arg(long)]
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
