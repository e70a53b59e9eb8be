//! Rules: each declares what it is (`RuleMeta`) and checks nominations,
//! ladders or the whole repository. The registry lists them all; `rules`,
//! `explain`, SARIF metadata and the README table are generated from it.

pub mod config;
pub mod custom;
pub mod fairness;
pub mod format;
pub mod ladder;
pub mod meta;
pub mod nomination;
pub mod r#ref;
pub mod run;
pub mod schema;
pub mod source;
pub mod suppression;
pub mod wording;

use crate::fairness::Fairness;
use crate::finding::Finding;
use crate::model::{Ladder, Nomination};
use crate::repo::{DocRef, Entry, Repo};
use std::collections::BTreeMap;

pub use crate::finding::RuleId;
pub use crate::suggest::{did_you_mean, suggest, suggest_rule};
pub use meta::{Looser, OptionKind, OptionMeta, Reach, RuleMeta, RuleOptions};

/// What every rule sees: the repository index and its own options.
pub struct Context<'a> {
    pub repo: &'a Repo,
    pub options: &'a BTreeMap<RuleId, RuleOptions>,
    /// Today, `YYYY-MM-DD`, for rules about overdue decisions.
    pub today: String,
    /// The `fairness:` settings, for the cohort rules.
    pub fairness: &'a Fairness,
    /// The analysis of each cycle (as `repo.cycles`), computed once for
    /// every rule that asks for it (`Rule::reads_cycle_analyses`); empty
    /// when none does, and while per-document checks run.
    pub analyses: &'a [crate::fairness::CycleAnalysis],
    /// Whether findings get their "did you mean" help: not when they are
    /// only told apart from another state's (the base of changed-only
    /// mode), by what the help is not part of.
    pub hints: bool,
}

impl Context<'_> {
    pub fn options(&self, rule: RuleId) -> &RuleOptions {
        static EMPTY: std::sync::OnceLock<RuleOptions> = std::sync::OnceLock::new();
        self.options
            .get(&rule)
            .unwrap_or_else(|| EMPTY.get_or_init(RuleOptions::default))
    }
}

/// Collects one rule's findings, resolving pointers to positions at once.
///
/// A rule lists at most [`crate::finding::MAX_PER_DOCUMENT`] findings in
/// one document (the first it reports, in the order it checks), and one
/// more that stands for the rest ("and N more"): the
/// rest are counted, never resolved to positions nor kept, so a hostile
/// document of 100,000 bad entries costs its count, not 100,000 findings.
pub struct Emitter<'a> {
    pub repo: &'a Repo,
    pub rule: RuleId,
    findings: Vec<Finding>,
    /// Findings reported so far in each document.
    counts: ahash::AHashMap<DocRef, usize>,
    /// Where in `findings` the one that stands for the rest is, by
    /// document.
    anchors: ahash::AHashMap<DocRef, usize>,
    /// Where a finding that is only counted is built (and then forgotten).
    scratch: Finding,
    /// Whether the last finding reported is only counted.
    last_dropped: bool,
}

impl<'a> Emitter<'a> {
    pub fn new(repo: &'a Repo, rule: RuleId) -> Self {
        Emitter {
            repo,
            rule,
            findings: Vec::new(),
            counts: Default::default(),
            anchors: Default::default(),
            scratch: Finding::scratch(rule),
            last_dropped: false,
        }
    }

    /// Whether the next finding in `at` is listed (or stands for the rest).
    fn keeps(&mut self, at: DocRef) -> bool {
        let n = self.counts.entry(at).or_default();
        *n += 1;
        if *n == crate::finding::MAX_PER_DOCUMENT + 1 {
            self.anchors.insert(at, self.findings.len());
        }
        self.last_dropped = *n > crate::finding::MAX_PER_DOCUMENT + 1;
        !self.last_dropped
    }

    /// Whether a finding reported now in `at` would only be counted (it is
    /// past the listed ones and the one that stands for the rest): a rule
    /// can then skip what only a listed finding needs, such as the
    /// did-you-mean search, and call [`Emitter::count`].
    pub fn only_counts(&self, at: DocRef) -> bool {
        self.counts
            .get(&at)
            .is_some_and(|n| *n > crate::finding::MAX_PER_DOCUMENT)
    }

    /// Count one more finding in `at` that [`Emitter::only_counts`].
    pub fn count(&mut self, at: DocRef) {
        let listed = self.keeps(at);
        debug_assert!(!listed, "a finding that is listed needs its message");
    }

    /// Report at the node at `pointer` (its key, for a mapping or sequence).
    pub fn at(&mut self, at: DocRef, pointer: &str, message: impl Into<String>) -> Report<'_> {
        if !self.keeps(at) {
            return Report {
                repo: self.repo,
                finding: &mut self.scratch,
                resolve: false,
            };
        }
        let f = self.repo.finding(self.rule, at, pointer, message.into());
        self.findings.push(f);
        Report {
            repo: self.repo,
            finding: self.findings.last_mut().expect("just pushed"),
            resolve: true,
        }
    }

    /// Report at the key of the entry at `pointer` (not its value).
    pub fn at_key(&mut self, at: DocRef, pointer: &str, message: impl Into<String>) -> Report<'_> {
        let r = self.at(at, pointer, message);
        if r.resolve {
            r.finding.span = r.repo.key_span(at, pointer);
        }
        r
    }

    /// Report at the bytes `range` of the string at `pointer` (some words of
    /// a text), or at the whole string when the source does not spell it
    /// byte for byte (block scalars, escapes).
    pub fn at_text(
        &mut self,
        at: DocRef,
        pointer: &str,
        range: std::ops::Range<usize>,
        message: impl Into<String>,
    ) -> Report<'_> {
        let r = self.at(at, pointer, message);
        if r.resolve {
            if let Some(span) = r.repo.text_span(at, pointer, range) {
                r.finding.span = span;
            }
        }
        r
    }

    /// The finding reported last, to add to it; `None` when it is only
    /// counted (past the listed ones) or when nothing was reported.
    pub fn last_mut(&mut self) -> Option<&mut Finding> {
        if self.last_dropped {
            return None;
        }
        self.findings.last_mut()
    }

    /// The findings, with the first one past the listed ones in each
    /// document turned into "and N more" when others followed it.
    pub fn into_findings(mut self) -> Vec<Finding> {
        // The anchor and every finding after it are the rest.
        for (d, &anchor) in &self.anchors {
            let rest = self.counts[d] - crate::finding::MAX_PER_DOCUMENT;
            if rest > 1 {
                let f = &mut self.findings[anchor];
                *f = crate::finding::more(f, rest);
            }
        }
        self.findings
    }
}

/// A finding being built: add help and related locations.
pub struct Report<'a> {
    repo: &'a Repo,
    finding: &'a mut Finding,
    /// Whether the finding is listed (its places are resolved) or only
    /// counted.
    resolve: bool,
}

impl Report<'_> {
    pub fn help(self, help: impl Into<String>) -> Self {
        self.finding.help = Some(help.into());
        self
    }
    /// Attach the fix of the finding, when there is one.
    pub fn fix(self, fix: Option<crate::fix::Fix>) -> Self {
        self.finding.fix = fix.map(Box::new);
        self
    }
    pub fn related(self, at: DocRef, pointer: &str, message: impl Into<String>) -> Self {
        if self.resolve {
            let r = self.repo.related(at, pointer, message);
            self.finding.related.push(r);
        }
        self
    }
}

/// A rule. Per-item checks run in parallel over all nominations or ladders;
/// `check_repo` runs once over the index.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    /// Which documents it reads to judge one.
    fn reach(&self) -> Reach {
        Reach::Document
    }
    fn check_nomination(&self, _cx: &Context, _n: &Entry<Nomination>, _out: &mut Emitter) {}
    fn check_ladder(&self, _cx: &Context, _l: &Entry<Ladder>, _out: &mut Emitter) {}
    fn check_repo(&self, _cx: &Context, _out: &mut Emitter) {}
    /// Whether `check_repo` reads `Context::analyses`: they are then
    /// computed once, before it runs, for all the rules that read them.
    fn reads_cycle_analyses(&self) -> bool {
        false
    }
}

/// Rules whose findings come from loading and schema validation, not from
/// a check over the index. Listed for documentation and configuration.
pub fn builtin_meta() -> Vec<&'static RuleMeta> {
    vec![
        &schema::YAML_SYNTAX,
        &schema::ENCODING,
        &schema::UNKNOWN_KIND,
        &schema::INVALID,
        &source::LFS_POINTER,
        &source::SYMLINK,
        &source::SUBMODULE,
        &config::INVALID,
        &custom::RULE_FAILED,
        &config::relaxed::META,
        &suppression::UNUSED,
        &suppression::EXPIRED,
        &suppression::INVALID,
    ]
}

/// Every checking rule.
pub fn registry() -> Vec<Box<dyn Rule>> {
    let mut all: Vec<Box<dyn Rule>> = vec![
        Box::new(r#ref::unknown::Unknown),
        Box::new(r#ref::duplicate_id::DuplicateId),
        Box::new(r#ref::manager_cycle::ManagerCycle),
    ];
    all.extend(ladder::rules());
    all.extend(nomination::rules());
    all.extend(fairness::rules());
    all.extend(format::rules());
    all
}

/// The metadata of every rule, sorted by id.
pub fn all_meta() -> Vec<&'static RuleMeta> {
    let mut all = builtin_meta();
    all.extend(registry().iter().map(|r| r.meta()));
    all.sort_by_key(|m| m.id);
    all
}

pub fn find_meta(id: &str) -> Option<&'static RuleMeta> {
    all_meta().into_iter().find(|m| m.id.as_str() == id)
}

/// Every `--select` prefix must select a rule (built-in, or custom in
/// `config`): a typo would otherwise run nothing and pass.
pub fn check_select(select: &[String], config: &crate::config::Config) -> anyhow::Result<()> {
    let mut ids = all_meta();
    ids.extend(config.custom.iter().map(|c| c.meta));
    for prefix in select {
        if ids.iter().any(|m| m.id.selected_by(prefix)) {
            continue;
        }
        let mut candidates: Vec<&str> = ids.iter().map(|m| m.id.as_str()).collect();
        let groups: Vec<String> = ids.iter().map(|m| format!("{}/", m.group())).collect();
        candidates.extend(groups.iter().map(String::as_str));
        let hint = did_you_mean(
            &suggest_rule(prefix, candidates.iter().copied()),
            "; `ladderlint rules` lists every rule",
        );
        anyhow::bail!("--select `{prefix}` matches no rule{hint}");
    }
    Ok(())
}

/// The error of a run that found no file to check.
pub fn nothing_matched(root: &crate::source::Root, config: &crate::config::Config) -> String {
    format!(
        "no files matched `include` under {} (include: {})",
        root.dir.display(),
        config.include.join(", ")
    )
}

/// The whole documentation of a rule, as `ladderlint explain` prints it.
pub fn explain(m: &RuleMeta) -> String {
    let mut s = format!(
        "{}\n\nDefault severity: {}\n\n{}\n\nWhy: {}\n",
        m.id,
        m.severity,
        capitalize(m.summary),
        m.rationale
    );
    if !m.options.is_empty() {
        s.push_str("\nOptions:\n");
        for o in m.options {
            s.push_str(&format!(
                "  {} (default {}): {}\n",
                o.name, o.default, o.doc
            ));
        }
    }
    if let Some(lists) = wording::explain_lists(m.id) {
        s.push_str(&lists);
    }
    if !m.pass.is_empty() {
        s.push_str(&format!("\nPasses:\n{}\n", indent(m.pass)));
    }
    if !m.fail.is_empty() {
        s.push_str(&format!("\nFails:\n{}\n", indent(m.fail)));
    }
    s.push_str(&format!(
        "\nConfigure in ladderlint.yaml:\n  rules:\n    {}: {}\n",
        m.id, m.severity
    ));
    s
}

/// `s` with its first letter upper-case.
pub fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

fn indent(s: &str) -> String {
    s.lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The rule table of the README, generated from the registry.
pub fn markdown_table() -> String {
    let mut s = String::from("| rule | default | checks |\n|---|---|---|\n");
    for m in all_meta() {
        s.push_str(&format!(
            "| `{}` | {} | {} |\n",
            m.id,
            m.severity,
            m.summary.replace('|', "\\|")
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::{suggest, suggest_rule};

    /// The same as `suggest`, computing every similarity.
    fn every<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
        candidates
            .iter()
            .map(|c| (strsim::jaro_winkler(word, c), *c))
            .filter(|(score, c)| *score >= 0.8 && *c != word)
            .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
            .map(|(_, c)| c)
    }

    #[test]
    fn the_letter_bound_never_changes_a_suggestion() {
        let mut rng = fastrand::Rng::with_seed(7);
        let word = |rng: &mut fastrand::Rng| -> String {
            let len = rng.usize(1..12);
            (0..len)
                .map(|_| {
                    let c = rng.choice(b"abcdeijklnorst-_0123".iter()).copied();
                    char::from(c.unwrap_or(b'a'))
                })
                .collect()
        };
        let owned: Vec<String> = (0..3000).map(|_| word(&mut rng)).collect();
        let mut candidates: Vec<&str> = owned.iter().map(String::as_str).collect();
        candidates.extend(["jdenton", "jdentön", "ahmed", "lchen", ""]);
        let mut checked = 0;
        for w in owned
            .iter()
            .take(300)
            .map(String::as_str)
            .chain(["jdentn", "jdentön", "ahmd", "x", "", "lchen2"])
        {
            // Near misses of known words as well as unrelated ones.
            let mut near = w.to_owned();
            near.push('x');
            for q in [w, near.as_str()] {
                assert_eq!(
                    suggest(q, candidates.iter().copied()),
                    every(q, &candidates),
                    "{q:?}"
                );
                checked += 1;
            }
        }
        assert!(checked > 600);
        assert_eq!(suggest("jdentn", ["jdenton", "ahmed"]), Some("jdenton"));
    }

    #[test]
    fn a_rule_is_suggested_by_its_last_part() {
        let ids = [
            "nomination/quorum",
            "ref/unknown",
            "ref/duplicate-id",
            "ladder/unknown",
        ];
        assert_eq!(suggest_rule("quorum", ids), ["nomination/quorum"]);
        assert_eq!(suggest_rule("quorom", ids), ["nomination/quorum"]);
        assert_eq!(suggest_rule("duplicate-id", ids), ["ref/duplicate-id"]);
        assert_eq!(suggest_rule("ref/unknwn", ids), ["ref/unknown"]);
        assert_eq!(
            suggest_rule("unknown", ids),
            ["ref/unknown", "ladder/unknown"]
        );
        assert!(suggest_rule("fairness", ids).is_empty());
        assert!(suggest_rule("nomination/quorum", ids).is_empty());
    }
}
