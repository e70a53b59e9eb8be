//! `ladderlint import` and `ladderlint export`: a ladder kept in a
//! spreadsheet (CSV, or a Markdown table) into a Ladder file, and back.

pub mod doc;
pub mod grid;
pub mod read;
pub mod write;

use crate::load::{self, Kind};
use crate::model::Ladder;
use anyhow::{bail, Context as _, Result};
use clap::{Args, ValueEnum};
use read::Layout;
use std::path::{Path, PathBuf};

/// What a sheet file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SheetFormat {
    Csv,
    Markdown,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The sheet: a CSV export, or a Markdown file with a table.
    pub file: PathBuf,
    /// Write the Ladder here (default: standard output). Refuses to
    /// overwrite a file unless --force.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite the output file.
    #[arg(long)]
    pub force: bool,
    /// The sheet's format (default: from the extension, `.md` is Markdown).
    #[arg(long, value_enum)]
    pub format: Option<SheetFormat>,
    /// The layout (default: long when the header has `level`, `competency`
    /// and `text` columns, else wide).
    #[arg(long, value_enum)]
    pub layout: Option<Layout>,
    /// Which table of a Markdown file (1 = the first).
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub table: usize,
    /// CSV delimiter (default: the most frequent of `,`, `;` and tab on the
    /// header line).
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<char>,
    /// The ladder's id (default: made of the file name).
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// The ladder's title (default: the file name).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// ISO 4217 currency of the bands, e.g. USD.
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
    /// Each level lists only what is new; an empty cell reads as the level below.
    #[arg(long)]
    pub cumulative: bool,
    /// The track of a level, by its id or column name: `--track E1=ic+management`
    /// (repeatable; overrides the sheet's Track row).
    #[arg(long, value_name = "LEVEL=TRACK[+TRACK]")]
    pub track: Vec<String>,
    /// The rank of a level: `--rank M5=5` (repeatable; overrides the sheet's Rank row).
    #[arg(long, value_name = "LEVEL=N")]
    pub rank: Vec<String>,
    /// The track of levels that neither the sheet nor --track places.
    #[arg(long, default_value = "ic", value_name = "TRACK")]
    pub default_track: String,
    /// A track whose levels manage people (repeatable).
    #[arg(long, value_name = "TRACK")]
    pub managing: Vec<String>,
    /// The title of a track: `--track-title ic="Individual contributor"` (repeatable).
    #[arg(long, value_name = "TRACK=TITLE")]
    pub track_title: Vec<String>,
    /// The rank of each track's first level when ranks are not given.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub first_rank: i64,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// A Ladder YAML file.
    pub file: PathBuf,
    /// The ladder to export when the file holds several.
    #[arg(long, value_name = "ID")]
    pub ladder: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: SheetFormat,
    /// Competencies as rows and levels as columns (wide), or one row per
    /// expectation (long: `level,competency,text`).
    #[arg(long, value_enum, default_value = "wide")]
    pub layout: Layout,
    /// Write here (default: standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

fn pairs<T>(
    flag: &str,
    values: &[String],
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Vec<(String, T)>> {
    values
        .iter()
        .map(|v| {
            let (level, value) = v
                .split_once('=')
                .with_context(|| format!("{flag} `{v}`: expected LEVEL=VALUE"))?;
            let parsed = parse(value.trim())
                .with_context(|| format!("{flag} `{v}`: `{value}` is not valid here"))?;
            Ok((level.trim().to_owned(), parsed))
        })
        .collect()
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The options of an import, checked.
fn options(args: &ImportArgs) -> Result<read::Options> {
    let stem = file_stem(&args.file);
    let id = match &args.id {
        Some(id) => id.clone(),
        None => read::slug(&stem),
    };
    if !read::is_id(&id) {
        bail!("`{id}` is not a ladder id: give one with --id (letters, digits, `.`, `_`, `-`)");
    }
    let title = args.title.clone().unwrap_or_else(|| {
        let t = stem.replace(['-', '_'], " ");
        let t = t.trim();
        if t.is_empty() {
            id.clone()
        } else {
            t.to_owned()
        }
    });
    if let Some(c) = &args.currency {
        if c.len() != 3 || !c.chars().all(|ch| ch.is_ascii_uppercase()) {
            bail!("--currency `{c}`: expected an ISO 4217 code such as USD or EUR");
        }
    }
    let track_list = |v: &str| -> Option<Vec<String>> {
        let ids: Vec<String> = v
            .split(['+', ','])
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        (!ids.is_empty() && ids.iter().all(|t| read::is_id(t))).then_some(ids)
    };
    for t in args.managing.iter().chain([&args.default_track]) {
        if !read::is_id(t) {
            bail!("`{t}` is not a track id");
        }
    }
    Ok(read::Options {
        id,
        title,
        currency: args.currency.clone(),
        cumulative: args.cumulative,
        tracks: pairs("--track", &args.track, track_list)?,
        ranks: pairs("--rank", &args.rank, |v| {
            v.parse::<i64>().ok().filter(|r| *r >= 0)
        })?,
        default_track: args.default_track.clone(),
        managing: args.managing.clone(),
        track_titles: pairs("--track-title", &args.track_title, |v| {
            (!v.is_empty()).then(|| v.to_owned())
        })?,
        first_rank: args.first_rank,
        layout: args.layout,
    })
}

/// Read a sheet into a Ladder document's YAML. Errors name the file, the
/// row and the column.
pub fn import_text(path: &Path, bytes: &[u8], args: &ImportArgs) -> Result<String> {
    let o = options(args)?;
    let shown = path.display();
    let format = args.format.unwrap_or_else(|| {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_lowercase)
        {
            Some(e) if e == "md" || e == "markdown" => SheetFormat::Markdown,
            _ => SheetFormat::Csv,
        }
    });
    let text = grid::utf8(bytes).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
    let grid = match format {
        SheetFormat::Csv => {
            let delimiter = match args.delimiter {
                Some(c) if c.is_ascii() => c as u8,
                Some(c) => bail!("--delimiter `{c}`: expected one ASCII character"),
                None => grid::sniff_delimiter(text),
            };
            grid::from_csv(text, delimiter)
        }
        SheetFormat::Markdown => grid::from_markdown(text, args.table),
    }
    .map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
    let doc = read::ladder(&grid, &o).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
    let yaml = doc::to_yaml(&doc)?;
    // What was written must be a valid Ladder: read it back as `lint` would.
    let json = load::load("import", yaml.as_bytes(), &load::Limits::default())
        .documents()
        .first()
        .map(|d| d.root.to_json())
        .unwrap_or_default();
    let errors: Vec<String> = crate::schema::compiled(Kind::Ladder)
        .validator
        .iter_errors(&json)
        .map(|e| format!("{} at `{}`", e, e.instance_path()))
        .collect();
    if !errors.is_empty() {
        bail!(
            "{shown}: the ladder made of the sheet is not valid: {}",
            errors.join("; ")
        );
    }
    Ok(yaml)
}

pub fn run_import(args: &ImportArgs) -> Result<i32> {
    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let yaml = import_text(&args.file, &bytes, args)?;
    match &args.output {
        Some(out) => {
            if out.exists() && !args.force {
                bail!(
                    "{} exists: choose another file, or pass --force to overwrite it",
                    out.display()
                );
            }
            if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
            }
            std::fs::write(out, &yaml)
                .with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!("wrote {}; check it with `ladderlint lint`", out.display());
        }
        None => print!("{yaml}"),
    }
    Ok(0)
}

/// The ladders of a YAML file, schema-checked.
pub fn ladders_in(path: &Path, bytes: &[u8]) -> Result<Vec<Ladder>> {
    let shown = path.display().to_string();
    let file = load::load(&shown, bytes, &load::Limits::default());
    if let Some(f) = file.findings.first() {
        bail!("{shown}:{}:{}: {}", f.span.line, f.span.column, f.message);
    }
    let mut out = Vec::new();
    for d in file.documents() {
        let json = d.root.to_json();
        if json.get("kind").and_then(|k| k.as_str()) != Some("Ladder") {
            continue;
        }
        let invalid = crate::schema::compiled(Kind::Ladder)
            .validator
            .iter_errors(&json)
            .count();
        if invalid > 0 {
            bail!(
                "{shown}: the ladder has {}; run `ladderlint lint` and fix {} first",
                crate::human::count(invalid, "schema error"),
                if invalid == 1 { "it" } else { "them" }
            );
        }
        out.push(serde_json::from_value(json).with_context(|| format!("{shown}: not a ladder"))?);
    }
    Ok(out)
}

/// The import command that reads an export of `ladder` back.
fn import_hint(ladder: &Ladder, args: &ExportArgs) -> String {
    let mut cmd = format!("ladderlint import SHEET --id {}", ladder.id);
    if !ladder.title.is_empty() {
        cmd.push_str(&format!(" --title {:?}", ladder.title));
    }
    if let Some(c) = &ladder.currency {
        cmd.push_str(&format!(" --currency {c}"));
    }
    if ladder.cumulative {
        cmd.push_str(" --cumulative");
    }
    for t in ladder.tracks.iter().filter(|t| t.manages_people) {
        cmd.push_str(&format!(" --managing {}", t.id));
    }
    for t in &ladder.tracks {
        if !t.title.is_empty() {
            cmd.push_str(&format!(" --track-title {}={:?}", t.id, t.title));
        }
    }
    if args.format == SheetFormat::Markdown {
        cmd.push_str(" --format markdown");
    }
    cmd
}

pub fn export_text(ladder: &Ladder, args: &ExportArgs) -> Result<Vec<u8>> {
    let rows = write::rows(ladder, args.layout);
    Ok(match args.format {
        SheetFormat::Csv => write::csv(&rows)?,
        SheetFormat::Markdown => write::markdown(&rows).into_bytes(),
    })
}

pub fn run_export(args: &ExportArgs) -> Result<i32> {
    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let mut ladders = ladders_in(&args.file, &bytes)?;
    let ladder = match &args.ladder {
        Some(id) => {
            let known: Vec<String> = ladders.iter().map(|l| l.id.clone()).collect();
            let i = ladders.iter().position(|l| &l.id == id).with_context(|| {
                format!(
                    "{} has no ladder `{id}` (it has: {})",
                    args.file.display(),
                    known.join(", ")
                )
            })?;
            ladders.swap_remove(i)
        }
        None => match ladders.len() {
            0 => bail!("{} holds no Ladder document", args.file.display()),
            1 => ladders.remove(0),
            _ => bail!(
                "{} holds {} ladders: choose one with --ladder",
                args.file.display(),
                ladders.len()
            ),
        },
    };
    let out = export_text(&ladder, args)?;
    match &args.output {
        Some(path) => std::fs::write(path, &out)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            use std::io::Write;
            std::io::stdout().write_all(&out)?;
        }
    }
    let mut lost = Vec::new();
    if args.layout == Layout::Long && ladder.competencies.iter().any(|c| c.applies_to.is_some()) {
        lost.push("the competencies' `applies_to` (the wide layout keeps it)");
    }
    if args.layout == Layout::Long
        && ladder
            .levels
            .iter()
            .any(|l| l.summary.is_some() || l.band.is_some() || l.manages_people.is_some())
    {
        lost.push("the levels' summaries, bands and `manages_people` (the wide layout keeps them)");
    }
    if !lost.is_empty() {
        eprintln!("note: the sheet does not hold {}", lost.join(", nor "));
    }
    eprintln!(
        "note: the sheet does not hold the ladder's id, title, currency or track definitions; \
         to read it back: {}",
        import_hint(&ladder, args)
    );
    Ok(0)
}
