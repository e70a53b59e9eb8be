//! Changed-only mode (`lint --base REV`): the findings a change introduces.
//!
//! Both states are checked, the head and the merge base, over the same
//! files (the changed ones in their own version on each side, and the
//! unchanged ones that `scope` keeps, read once and shared), with the
//! base's policy. Reported: every finding in a changed file, every finding
//! with a location (primary or related) in a changed file, and every
//! finding in an unchanged file that the base does not have (by
//! fingerprint: rule, file, document, pointer, message). So a change
//! cannot pass here when a full lint rejects what it introduced.

pub mod cache;
pub mod git;
pub mod scope;
pub mod sniff;

use crate::config::{Config, ConfigError};
use crate::finding::{Finding, Severity};
use crate::load::{self, LoadedFile};
use crate::repo::{Loaded, Repo};
use crate::sink::Sunk;
use crate::source::{Input, Listing, Matcher, Mode, Root};
use crate::suppress::{waivers::WaiversFile, Suppressed};
use anyhow::Result;
use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

/// What to compare.
pub struct Request<'a> {
    pub root: &'a Root,
    pub mode: &'a Mode,
    /// The revision given to `--base`.
    pub base: &'a str,
    /// `--config`.
    pub config: Option<&'a PathBuf>,
    pub select: &'a [String],
    pub today: &'a str,
    pub limits: &'a load::Limits,
    /// Drop the findings that the base has too.
    pub new_only: bool,
    /// Use what the last full lint kept of each nomination.
    pub cache: bool,
    /// `--no-suppressions`.
    pub no_suppressions: bool,
    /// Files named on the command line: checked even outside `include`.
    pub named: Option<&'a BTreeSet<String>>,
}

/// What changed-only mode found.
pub struct Outcome {
    /// The head's index, for outputs that show source lines.
    pub repo: Repo,
    /// The findings reported, sorted.
    pub findings: Vec<Finding>,
    /// The files changed since the merge base.
    pub changed: BTreeSet<String>,
    /// The head's configuration file, when it has one.
    pub config_file: Option<LoadedFile>,
    /// The commit compared with, as a full hex id.
    pub merge_base: String,
    /// With `new_only`: how many findings of the change (in the files
    /// named, when files were named) were dropped because the base has
    /// them too.
    pub hidden: usize,
    /// The findings that suppressions hid, restricted as `findings` are,
    /// those the base does not hide marked new.
    pub suppressed: Vec<Suppressed>,
    /// The head's waivers file (at the base's path), when there is one.
    pub waivers: Option<Arc<WaiversFile>>,
}

/// Run changed-only mode. `Ok(Err(_))`: the base's configuration cannot
/// be used.
pub fn run(req: &Request) -> Result<std::result::Result<Outcome, Box<ConfigError>>> {
    let (root, mode) = (req.root, req.mode);
    let head_config = Config::discover(root, mode, req.config)?;
    // The policy is the base's.
    let merge_base = git::merge_base(root, req.base, mode)?;
    let base_mode = Mode::Rev(merge_base.clone());
    let mut config = match Config::discover(root, &base_mode, req.config)? {
        Ok((c, _)) => c,
        Err(e) => return Ok(Err(e)),
    };
    let (relaxed, config_file) = match head_config {
        Ok((head, file)) => (
            crate::rules::config::relaxed::compare(&config, &head, file.as_ref()),
            file,
        ),
        Err(e) => (e.findings, Some(e.file)),
    };
    crate::rules::check_select(req.select, &config)?;
    config.select = req.select.to_vec();
    config.no_suppressions = req.no_suppressions;
    let named = config.named_documents(req.named);
    let matcher = Matcher::new(&config.include, &config.exclude)?.with_named(named.as_ref());
    // What changed since the merge base (a diff, which stats every file of
    // a working tree) is found on a thread of its own, with a handle of its
    // own on the repository, while this one reads what a full lint kept of
    // unchanged files and lists the head's files. When it kept anything,
    // the ids of the base's blobs (which that is kept by) are walked on a
    // third thread.
    let differ = root.reopen()?;
    let (base, matching) = (&merge_base, &matcher);
    let (diffed, blobs, head, sniffs) = std::thread::scope(|s| {
        let diffing = s.spawn(move || git::changed_files(&differ, base, mode));
        let sniffs = cache::Sniffs::open(root, req.cache);
        let walker = (!sniffs.is_empty()).then(|| root.reopen());
        let walking = walker.map(|walker| {
            s.spawn(move || walker.map(|w| cache::blobs(&w, base, |p| matching.is_match(p))))
        });
        let head = root.list(mode, &matcher, &|_| true);
        let diffed = diffing
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let blobs = walking
            .map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .transpose()
            .map(Option::unwrap_or_default);
        (diffed, blobs, head, sniffs)
    });
    let blobs = blobs?;
    let changed = diffed?;
    let mut head = head?;
    // The waivers that apply are the base's: the head's file, at the
    // base's path, where an entry waives only when the base has the same.
    let mut head_waivers = config.clone();
    head_waivers.read_waivers(root, mode)?;
    let head_waivers = head_waivers.waivers.map(|w| {
        let mut w = Arc::unwrap_or_clone(w);
        w.applying_only_those_of(config.waivers.as_deref());
        w.judged_unloaded = Some(changed.clone());
        Arc::new(w)
    });
    if let Some(w) = config.waivers.take() {
        let mut w = Arc::unwrap_or_clone(w);
        w.judged_unloaded = Some(changed.clone());
        config.waivers = Some(Arc::new(w));
    }
    let waivers_changed = config
        .waivers
        .as_deref()
        .map(WaiversFile::path)
        .or(head_waivers.as_deref().map(WaiversFile::path))
        .is_some_and(|p| changed.contains(p));
    let matched = head.matched(&matcher);
    let head_changed = root.read_listed(head.take(|p| changed.contains(p)), &|_, _| true)?;
    let base_changed = root
        .read_listed(root.list_paths(&base_mode, &matcher, &changed)?, &|_, _| {
            true
        })?;
    let mut needs = scope::Needs::of(head_changed.iter().chain(&base_changed), req.limits);
    // Custom rules read the documents as JSON: kept from loading rather
    // than built again.
    let limits = &load::Limits {
        keep_json: !config.custom.is_empty(),
        ..*req.limits
    };
    let head_changed = Loaded::each(head_changed, limits);
    let base_changed = Loaded::each(base_changed, limits);
    // The fairness rules read every nomination, through its fairness
    // inputs: they need them all only when a changed nomination's inputs
    // differ between the two sides.
    let cohort = crate::rules::registry().iter().any(|r| {
        r.reach() == crate::rules::Reach::Cohort
            && config.severity(r.meta().id, r.meta().severity) != Severity::Off
    });
    needs.all_nominations = cohort && scope::cohort_changed(&base_changed, &head_changed);
    // A changed waiver may stop waiving a finding in any file.
    needs.everything |= waivers_changed;
    let unchanged = unchanged(root, head, &needs, sniffs, &blobs)?;

    // The unchanged files are loaded once, checked with the base's changed
    // files, then taken back for the head's.
    let base_repo = Repo::assemble(Loaded::each(unchanged, limits), base_changed);
    // The base's findings are only told apart from the head's: no help.
    let before = check(&base_repo, &config, req.today, Vec::new(), false);
    let mut shared = base_repo.into_parts();
    shared.retain(|p| !changed.contains(&p.file.path));
    let known: HashSet<String> = before.findings.iter().map(Finding::fingerprint).collect();
    let known_suppressed: HashSet<_> = before
        .suppressed
        .iter()
        .map(Suppressed::fingerprint)
        .collect();

    if shared.is_empty() && head_changed.is_empty() && matched == 0 {
        anyhow::bail!(crate::rules::nothing_matched(root, &config));
    }
    let repo = Repo::assemble(shared, head_changed);
    let head_config = crate::config::Config {
        waivers: head_waivers.clone(),
        ..config.clone()
    };
    let Sunk {
        mut findings,
        mut suppressed,
    } = check(&repo, &head_config, req.today, relaxed, true);
    let touches = |f: &Finding| {
        changed.contains(&f.file) || f.related.iter().any(|r| changed.contains(&r.file))
    };
    let mut hidden = 0;
    findings.retain(|f| {
        let new = !known.contains(&f.fingerprint());
        let asked = req.named.is_none_or(|n| n.contains(&f.file));
        if !new && touches(f) && req.new_only && asked {
            hidden += 1;
        }
        new || (touches(f) && !req.new_only)
    });
    for s in &mut suppressed {
        s.new = !known_suppressed.contains(&s.fingerprint());
    }
    suppressed.retain(|s| {
        s.new || (!req.new_only && (touches(&s.finding) || changed.contains(&s.at.file)))
    });
    Ok(Ok(Outcome {
        repo,
        findings,
        changed,
        config_file,
        merge_base,
        hidden,
        suppressed,
        waivers: head_waivers,
    }))
}

/// Every finding of one state, through the sink (severities, suppressions);
/// with `hints`, with their "did you mean" help.
fn check(repo: &Repo, config: &Config, today: &str, extra: Vec<Finding>, hints: bool) -> Sunk {
    let mut findings = crate::rules::run::run_with(repo, config, today, hints);
    findings.extend(extra);
    crate::sink::finish(findings, repo, config, today, None)
}

/// The unchanged files of `listed` that `needs` keeps. What the last full
/// lint read of a blob (`sniffs`, by its id at the base: `blobs`) decides
/// without reading it.
fn unchanged(
    root: &Root,
    mut listed: Listing,
    needs: &scope::Needs,
    sniffs: cache::Sniffs,
    blobs: &ahash::AHashMap<String, git2::Oid>,
) -> Result<Vec<Input>> {
    if needs.everything {
        return root.read_listed(listed, &|_, _| true);
    }
    let known = |p: &str| blobs.get(p).and_then(|oid| sniffs.get(oid));
    // Ruled out by what an earlier run saw: not read.
    if !sniffs.is_empty() {
        drop(listed.take(|p| known(p).is_some_and(|s| !needs.keeps(s))));
    }
    let keep = |p: &str, bytes: &[u8]| {
        if let Some(s) = known(p) {
            return needs.keeps(s);
        }
        if needs.rules_out(bytes) {
            return false;
        }
        needs.keeps(&sniff::sniff(bytes))
    };
    let inputs = root.read_listed(listed, &keep)?;
    Ok(inputs)
}
