//! The pipeline: source -> load -> model -> rules -> findings.

use crate::changes::{self, Sniff};
use crate::config::Config;
use crate::finding::{Finding, Severity};
use crate::load::{self, Kind, LoadedFile};
use crate::model::{Cycle, Ladder, Nomination, Person};
use crate::repo::{DocRef, Entry, Extracted, Repo};
use crate::rules::{self, Context, Emitter};
use crate::source::{Data, Input, Keep, Matcher, Mode, Root};
use rayon::prelude::*;
use std::collections::BTreeSet;

/// Repositories at least this large show a progress bar while loading, on
/// stderr and only when it is a terminal.
const PROGRESS_FROM: usize = 5_000;

/// A progress bar for `len` files: hidden unless stderr is a terminal and
/// the run is long enough to need one.
fn progress(len: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if len < PROGRESS_FROM || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} checking {pos}/{len} files {wide_bar} {eta}",
    ) {
        bar.set_style(style);
    }
    bar
}

/// Load every input and extract its typed documents, in parallel: the
/// files in input order, and what each contributes to the index.
pub fn load_all(
    inputs: Vec<Input>,
    limits: &load::Limits,
) -> (Vec<LoadedFile>, Vec<Vec<Extracted>>) {
    use indicatif::ParallelProgressIterator;
    let bar = progress(inputs.len());
    // Unzipped in place: no intermediate list of both, which at 100,000
    // files would hold the whole index twice for a moment.
    let loaded = inputs
        .into_par_iter()
        .enumerate()
        .progress_with(bar.clone())
        .map(|(i, input)| load_one(i as u32, input, limits))
        .unzip();
    bar.finish_and_clear();
    loaded
}

fn load_one(index: u32, input: Input, limits: &load::Limits) -> (LoadedFile, Vec<Extracted>) {
    let mut file = match input.data {
        Data::SymlinkOutside(target) => {
            let f = LoadedFile::unreadable(
                &input.path,
                rules::source::SYMLINK.id,
                format!("symlink to `{target}` leads outside the repository; it was not followed"),
                Some("replace the link with the file, or point it inside the repository".into()),
            );
            return (f, Vec::new());
        }
        Data::Submodule => {
            let mut f = LoadedFile::unreadable(
                &input.path,
                rules::source::SUBMODULE.id,
                "submodule skipped: files inside submodules are not read".into(),
                None,
            );
            f.findings[0].severity = Severity::Info;
            return (f, Vec::new());
        }
        Data::Bytes(bytes) => load::load_fast(&input.path, bytes, limits),
    };
    let mut extracted = Vec::new();
    let mut findings = Vec::new();
    // The documents as JSON: from the fast path, else from the node trees.
    let json = match file.json.take() {
        Some(json) => json,
        None => file
            .file
            .documents()
            .iter()
            .map(|d| d.root.to_json())
            .collect(),
    };
    let file = file.file;
    for (i, json) in json.into_iter().enumerate() {
        let at = DocRef {
            file: index,
            doc: i as u32,
        };
        let kind = json
            .get("kind")
            .and_then(serde_json::Value::as_str)
            .and_then(Kind::parse);
        let Some(kind) = kind else {
            if let Some(d) = file.documents().get(i) {
                findings.push(unknown_kind(&file, d));
            }
            continue;
        };
        findings.extend(rules::schema::invalid::validate(&file, i, kind, &json));
        extract(kind, at, json, &mut extracted);
    }
    let mut file = file;
    file.findings.extend(findings);
    extracted.shrink_to_fit();
    (file, extracted)
}

fn unknown_kind(file: &LoadedFile, d: &load::Document) -> Finding {
    let id = rules::schema::UNKNOWN_KIND.id;
    let names = Kind::ALL.map(Kind::name);
    let (span, message, help) = match (&d.root.value, d.root.get("kind")) {
        (load::node::Value::Map(_), Some(k)) => {
            let text = k
                .as_str()
                .map_or_else(|| k.type_name().to_owned(), |s| format!("`{s}`"));
            let hint = k
                .as_str()
                .and_then(|s| rules::suggest(s, names))
                .map(|s| format!("did you mean `{s}`?"));
            (
                file.span_of(k.pos),
                format!("unknown kind {text}: expected Ladder, People, Cycle or Nomination"),
                hint,
            )
        }
        (load::node::Value::Map(_), None) => (
            file.span_of(d.root.pos),
            "document has no `kind`: expected Ladder, People, Cycle or Nomination".to_owned(),
            Some("add `kind:` to the document".to_owned()),
        ),
        (load::node::Value::Null, _) => (
            file.span_of(d.root.pos),
            "document is empty: expected a ladderlint document with `kind`".to_owned(),
            None,
        ),
        _ => (
            file.span_of(d.root.pos),
            format!(
                "document is {}, expected a mapping with `kind`",
                d.root.type_name()
            ),
            None,
        ),
    };
    let mut f = file.finding_at(id, span, message, help);
    f.document = d.index;
    f
}

fn extract(kind: Kind, at: DocRef, json: serde_json::Value, out: &mut Vec<Extracted>) {
    fn entry<T: serde::de::DeserializeOwned>(
        at: DocRef,
        base: String,
        v: serde_json::Value,
    ) -> Option<Entry<T>> {
        serde_json::from_value(v)
            .ok()
            .map(|item| Entry { at, base, item })
    }
    match kind {
        Kind::Ladder => out.extend(entry::<Ladder>(at, String::new(), json).map(Extracted::Ladder)),
        Kind::Cycle => out.extend(entry::<Cycle>(at, String::new(), json).map(Extracted::Cycle)),
        Kind::Nomination => out.extend(
            entry::<Nomination>(at, String::new(), json)
                .map(|n| Extracted::Nomination(Box::new(n))),
        ),
        Kind::People => {
            if let Some(serde_json::Value::Array(people)) = json.get("people") {
                for (i, p) in people.iter().enumerate() {
                    out.extend(
                        entry::<Person>(at, format!("/people/{i}"), p.clone())
                            .map(Extracted::Person),
                    );
                }
            }
        }
    }
}

/// Run every rule over the index. Per-item checks run in parallel over the
/// items, repository checks in parallel over the rules.
pub fn check(repo: &Repo, config: &Config, today: &str) -> Vec<Finding> {
    let registry = rules::registry();
    let cx = Context {
        repo,
        options: &config.options,
        today: today.to_owned(),
        fairness: &config.fairness,
    };
    let enabled: Vec<&dyn rules::Rule> = registry
        .iter()
        .map(|r| r.as_ref())
        .filter(|r| config.severity(r.meta().id, r.meta().severity) != Severity::Off)
        .collect();
    let mut findings: Vec<Finding> = enabled
        .par_iter()
        .flat_map_iter(|r| {
            let mut out = Emitter::new(repo, r.meta().id);
            r.check_repo(&cx, &mut out);
            out.findings
        })
        .collect();
    findings.par_extend(repo.nominations.par_iter().flat_map_iter(|n| {
        enabled
            .iter()
            .flat_map(|r| {
                let mut out = Emitter::new(repo, r.meta().id);
                r.check_nomination(&cx, n, &mut out);
                out.findings
            })
            .collect::<Vec<_>>()
    }));
    findings.par_extend(repo.ladders.par_iter().flat_map_iter(|l| {
        enabled
            .iter()
            .flat_map(|r| {
                let mut out = Emitter::new(repo, r.meta().id);
                r.check_ladder(&cx, l, &mut out);
                out.findings
            })
            .collect::<Vec<_>>()
    }));
    let custom: Vec<&rules::custom::CustomRule> = config
        .custom
        .iter()
        .filter(|c| config.severity(c.meta.id, c.meta.severity) != Severity::Off)
        .collect();
    findings.extend(rules::custom::check(repo, &custom));
    findings
}

/// The whole pipeline for one state of a repository: collect, load, check,
/// and pass through the sink. Returns the index (for outputs that show
/// source lines) and every finding, not yet restricted to reported files.
pub fn run(
    root: &Root,
    mode: &Mode,
    config: &Config,
    today: &str,
    limits: &load::Limits,
) -> anyhow::Result<(Repo, Vec<Finding>)> {
    let matcher = Matcher::new(&config.include, &config.exclude)?;
    let inputs = root.collect(mode, &matcher)?;
    Ok(run_inputs(inputs, config, today, limits))
}

/// Changed-only mode: the pipeline over the files that the checks of the
/// `changed` files can involve. Every file is read, but a nomination that
/// is not changed is loaded only when a finding in a changed file can
/// depend on it: it has the id of a changed nomination (`ref/duplicate-id`),
/// the same candidate in the same cycle (`nomination/duplicate-candidate`),
/// or its cycle's file changed (the fairness rules report there). No other
/// rule that reports in a nomination looks at another nomination. Files
/// whose shape `changes::sniff` is not certain of are always loaded.
pub fn run_changed(
    root: &Root,
    mode: &Mode,
    config: &Config,
    today: &str,
    limits: &load::Limits,
    changes: &Changes,
) -> anyhow::Result<(Repo, Vec<Finding>)> {
    let matcher = Matcher::new(&config.include, &config.exclude)?;
    let changed = &changes.files;
    // The changed files first, then every other file, each dropped as soon
    // as it is read unless the changed ones need it.
    let in_change = |p: &str| changed.contains(p);
    let first = root.collect_where(
        mode,
        &matcher,
        &Keep {
            path: &in_change,
            content: &|_, _| true,
        },
    )?;
    let needs = Needs::of(&first, limits);
    // An unchanged file holds the base's blob: what an earlier run saw of
    // that blob decides without reading it.
    let sniffs = changes::Sniffs::open(root, changes.cache);
    let blobs = match changes.cache {
        true => changes::blobs(root, &changes.base, |p| {
            !in_change(p) && matcher.is_match(p)
        }),
        false => Default::default(),
    };
    let known = |p: &str| blobs.get(p).and_then(|oid| sniffs.get(oid));
    let keep_path = |p: &str| !in_change(p) && known(p).is_none_or(|s| needs.keeps(s));
    let keep = |p: &str, bytes: &[u8]| {
        let sniff = changes::sniff(bytes);
        if let Some(oid) = blobs.get(p) {
            sniffs.learn(*oid, &sniff);
        }
        needs.keeps(&sniff)
    };
    let mut inputs = root.collect_where(
        mode,
        &matcher,
        &Keep {
            path: &keep_path,
            content: &keep,
        },
    )?;
    sniffs.save(blobs.values());
    inputs.extend(first);
    inputs.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(run_inputs(inputs, config, today, limits))
}

/// What changed-only mode compares: the files changed since `base`, and
/// whether what earlier runs saw of unchanged files may be used and kept
/// (`changes::Sniffs`).
pub struct Changes {
    pub base: String,
    pub files: BTreeSet<String>,
    pub cache: bool,
}

/// The inputs that changed-only mode loads (see `run_changed`), from every
/// input.
pub fn scope(inputs: Vec<Input>, changed: &BTreeSet<String>, limits: &load::Limits) -> Vec<Input> {
    let (first, rest): (Vec<Input>, Vec<Input>) =
        inputs.into_iter().partition(|i| changed.contains(&i.path));
    let needs = Needs::of(&first, limits);
    let mut inputs: Vec<Input> = rest
        .into_par_iter()
        .filter(|i| match &i.data {
            Data::Bytes(b) => needs.keeps(&changes::sniff(b)),
            _ => true,
        })
        .collect();
    inputs.extend(first);
    inputs.sort_by(|a, b| a.path.cmp(&b.path));
    inputs
}

/// What the changed documents are, read in full: the ids, the cycles and
/// the candidates per cycle that decide which unchanged nominations
/// changed-only mode loads.
#[derive(Default)]
struct Needs {
    ids: BTreeSet<String>,
    cycles: BTreeSet<String>,
    candidates: std::collections::BTreeMap<String, BTreeSet<String>>,
}

impl Needs {
    fn of(changed: &[Input], limits: &load::Limits) -> Needs {
        let mut needs = Needs::default();
        for input in changed {
            let Data::Bytes(bytes) = &input.data else {
                continue;
            };
            let loaded = load::load_fast(&input.path, bytes.clone(), limits);
            let json = match loaded.json {
                Some(json) => json,
                None => loaded
                    .file
                    .documents()
                    .iter()
                    .map(|d| d.root.to_json())
                    .collect(),
            };
            for doc in json {
                let field = |k: &str| doc.get(k).and_then(serde_json::Value::as_str);
                match field("kind") {
                    Some("Nomination") => {
                        needs.ids.extend(field("id").map(str::to_owned));
                        if let (Some(cycle), Some(candidate)) = (field("cycle"), field("candidate"))
                        {
                            needs
                                .candidates
                                .entry(cycle.to_owned())
                                .or_default()
                                .insert(candidate.to_owned());
                        }
                    }
                    Some("Cycle") => needs.cycles.extend(field("id").map(str::to_owned)),
                    _ => {}
                }
            }
        }
        needs
    }

    /// Whether an unchanged file that a quick look saw as `sniff` is loaded.
    fn keeps(&self, sniff: &Sniff) -> bool {
        match sniff {
            Sniff::Other => true,
            Sniff::Nomination {
                id,
                cycle,
                candidate,
            } => {
                self.ids.contains(id)
                    || self.cycles.contains(cycle)
                    || self
                        .candidates
                        .get(cycle)
                        .is_some_and(|c| c.contains(candidate))
            }
        }
    }
}

/// The pipeline from files already read (sorted by path): load, check, and
/// pass through the sink.
pub fn run_inputs(
    inputs: Vec<Input>,
    config: &Config,
    today: &str,
    limits: &load::Limits,
) -> (Repo, Vec<Finding>) {
    let (files, extracted) = load_all(inputs, limits);
    let repo = Repo::new(files, extracted);
    let mut findings = check(&repo, config, today);
    for f in &repo.files {
        findings.extend(f.findings.iter().cloned());
    }
    let custom_ids: Vec<String> = config.custom.iter().map(|c| c.meta.id.to_owned()).collect();
    let findings = crate::sink::finish(findings, &repo.files, config, &custom_ids, None);
    (repo, findings)
}
