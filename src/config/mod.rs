//! `ladderlint.yaml`: what to read, rule severities and options, fairness
//! settings, custom rules. Every problem is a `config/invalid` finding at
//! its position; a bad configuration stops the run with exit code 2.
//!
//! Here: the configuration and how it is found; `parse` reads the file
//! (`rule_settings` its `rules:` section, `fairness` its `fairness:` section).

use crate::finding::{Finding, RuleId, Severity};
use crate::load::node::Node;
use crate::load::LoadedFile;
use crate::rules::{self, RuleMeta, RuleOptions};
use crate::source::{Mode, Root};
use anyhow::Context as _;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

mod fairness;
mod parse;
mod rule_settings;

pub use crate::rules::config::INVALID as CONFIG_INVALID;

pub use crate::source::CONFIG_NAMES;

pub const DEFAULT_INCLUDE: [&str; 4] = [
    "ladders/**/*.{yaml,yml}",
    "people/**/*.{yaml,yml}",
    "cycles/**/*.{yaml,yml}",
    "nominations/**/*.{yaml,yml}",
];

pub use crate::fairness::Fairness;

/// The smallest `fairness.min_group_size` allowed: with groups of one or
/// two, a published rate says what happened to a named person.
pub const MIN_GROUP_SIZE_FLOOR: i64 = 3;

#[derive(Clone, Debug)]
pub struct Config {
    /// Path of the file it came from (relative to the root), if any.
    pub path: Option<String>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    /// Severity overrides by rule id.
    pub severities: BTreeMap<RuleId, Severity>,
    /// Options of every rule that has any, defaults filled in.
    pub options: BTreeMap<RuleId, RuleOptions>,
    pub fairness: Fairness,
    /// The parsed `custom_rules` entries.
    pub custom_rules: Vec<Node>,
    /// The custom rules, checked and compiled.
    pub custom: Vec<rules::custom::CustomRule>,
    /// Rule id prefixes to run (`--select`); empty: every rule.
    pub select: Vec<String>,
    /// Rules that inline suppressions cannot silence
    /// (`rules: { RULE: { suppressible: false } }`).
    pub unsuppressible: std::collections::BTreeSet<RuleId>,
    /// Report as if no suppression existed (`--no-suppressions`).
    pub no_suppressions: bool,
    /// `waivers:`: the waivers file, relative to the root (default
    /// `ladderlint-waivers.yaml`).
    pub waivers_path: Option<String>,
    /// The waivers file read from the same source as the configuration,
    /// when there is one.
    pub waivers: Option<std::sync::Arc<crate::suppress::waivers::WaiversFile>>,
}

impl Default for Config {
    fn default() -> Self {
        let mut options = BTreeMap::new();
        for meta in rules::all_meta() {
            options.insert(meta.id, defaults(meta));
        }
        Config {
            path: None,
            include: DEFAULT_INCLUDE.map(String::from).to_vec(),
            exclude: Vec::new(),
            severities: BTreeMap::new(),
            options,
            fairness: Fairness::default(),
            custom_rules: Vec::new(),
            custom: Vec::new(),
            select: Vec::new(),
            unsuppressible: Default::default(),
            no_suppressions: false,
            waivers_path: None,
            waivers: None,
        }
    }
}

fn defaults(meta: &RuleMeta) -> RuleOptions {
    RuleOptions(
        meta.options
            .iter()
            .map(|o| {
                let v = serde_json::from_str(o.default).unwrap_or(serde_json::Value::Null);
                (o.name.to_owned(), v)
            })
            .collect(),
    )
}

/// A usable configuration and its file (none when defaults apply), or why
/// the configuration cannot be used.
pub type Discovered = std::result::Result<(Config, Option<LoadedFile>), Box<ConfigError>>;

impl Config {
    /// The configuration of `root` as `mode` holds it: `explicit` (a path
    /// given on the command line) or the first of `CONFIG_NAMES` at the
    /// root; the defaults when there is none.
    pub fn discover(
        root: &Root,
        mode: &Mode,
        explicit: Option<&PathBuf>,
    ) -> anyhow::Result<Discovered> {
        let found = match explicit {
            // A revision (the base, in changed-only mode) has its own
            // version of a configuration inside the repository; none there
            // is no configuration.
            Some(path) if *mode != Mode::Worktree && root.relative(path).is_some() => {
                let rel = root.relative(path).unwrap_or_default();
                root.read(mode, &rel)
                    .with_context(|| format!("cannot read configuration `{rel}`"))?
                    .map(|bytes| (rel, bytes))
            }
            Some(path) => {
                let bytes = root
                    .read_named(path)
                    .with_context(|| format!("cannot read configuration `{}`", path.display()))?;
                Some((path.display().to_string(), bytes))
            }
            None => {
                let mut found = None;
                for name in CONFIG_NAMES {
                    if let Some(bytes) = root.read(mode, name)? {
                        found = Some((name.to_owned(), bytes));
                        break;
                    }
                }
                found
            }
        };
        let mut discovered = match found {
            None => Ok((Config::default(), None)),
            Some((name, bytes)) => Config::parse(&name, &bytes).map(|(c, f)| (c, Some(f))),
        };
        if let Ok((config, _)) = &mut discovered {
            config.read_waivers(root, mode)?;
        }
        Ok(discovered)
    }

    /// Whether `path` (relative to the root) is a file of the policy
    /// itself, the configuration or the waivers file, which is read as
    /// such even when named on the command line, never as a document.
    pub fn is_policy_file(&self, path: &str) -> bool {
        CONFIG_NAMES.contains(&path)
            || self.path.as_deref() == Some(path)
            || path
                == self
                    .waivers_path
                    .as_deref()
                    .unwrap_or(crate::suppress::waivers::DEFAULT_PATH)
    }

    /// The files named on the command line that are read as documents:
    /// all but the policy files.
    pub fn named_documents(&self, named: Option<&BTreeSet<String>>) -> Option<BTreeSet<String>> {
        named.map(|n| {
            n.iter()
                .filter(|p| !self.is_policy_file(p))
                .cloned()
                .collect()
        })
    }

    /// Read the waivers file from `mode`: where `waivers:` says (which
    /// must exist), else `ladderlint-waivers.yaml` when there is one.
    pub fn read_waivers(&mut self, root: &Root, mode: &Mode) -> anyhow::Result<()> {
        use crate::suppress::waivers::{WaiversFile, DEFAULT_PATH};
        let path = self.waivers_path.as_deref().unwrap_or(DEFAULT_PATH);
        self.waivers = match root.read(mode, path)? {
            Some(bytes) => Some(std::sync::Arc::new(WaiversFile::parse(path, &bytes))),
            None if self.waivers_path.is_some() => anyhow::bail!(
                "the waivers file `{path}` named by `waivers:` in {} does not exist",
                self.path.as_deref().unwrap_or("the configuration")
            ),
            None => None,
        };
        Ok(())
    }

    /// The effective severity of `rule` (its default unless configured).
    pub fn severity(&self, rule: RuleId, default: Severity) -> Severity {
        if !self.selected(rule) {
            return Severity::Off;
        }
        self.severities.get(&rule).copied().unwrap_or(default)
    }

    /// Whether `--select` lets `rule` run (always, without `--select`).
    pub fn selected(&self, rule: RuleId) -> bool {
        self.select.is_empty() || self.select.iter().any(|p| rule.selected_by(p))
    }
}

/// A configuration that cannot be used: its findings, and the file (for
/// rendering them).
#[derive(Debug)]
pub struct ConfigError {
    pub findings: Vec<Finding>,
    pub file: LoadedFile,
}
