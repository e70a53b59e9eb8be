//! `ladderlint.yaml`: what to read, rule severities and options, fairness
//! settings, custom rules. Every problem is a `config/invalid` finding at
//! its position; a bad configuration stops the run with exit code 2.

use crate::finding::{Finding, RuleId, Severity};
use crate::load::node::{Node, Value};
use crate::load::{self, LoadedFile};
use crate::rules::{self, OptionKind, RuleMeta, RuleOptions};
use crate::source::{Mode, Root};
use anyhow::Context as _;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

pub use crate::rules::config::INVALID as CONFIG_INVALID;

pub const CONFIG_NAMES: [&str; 2] = ["ladderlint.yaml", ".ladderlint.yaml"];

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

    /// Parse a configuration file. `path` is how findings name it.
    pub fn parse(path: &str, bytes: &[u8]) -> Result<(Config, LoadedFile), Box<ConfigError>> {
        let file = load::load(path, bytes, &load::Limits::default());
        let mut cx = Parse {
            file: &file,
            errors: Vec::new(),
        };
        // Loader findings (syntax, encoding) are configuration errors here.
        for f in &file.findings {
            if f.rule != rules::schema::ENCODING.id {
                cx.errors.push(Finding {
                    rule: CONFIG_INVALID.id,
                    ..f.clone()
                });
            }
        }
        let mut config = Config {
            path: Some(path.to_owned()),
            ..Config::default()
        };
        if cx.errors.is_empty() {
            match file.documents() {
                [] => {}
                [doc] => cx.config(&doc.root, &mut config),
                [_, second, ..] => cx.error(
                    second.root.pos,
                    "the configuration must be a single YAML document".into(),
                    None,
                ),
            }
        }
        let errors = cx.errors;
        if errors.is_empty() {
            Ok((config, file))
        } else {
            Err(Box::new(ConfigError {
                findings: errors,
                file,
            }))
        }
    }
}

/// A configuration that cannot be used: its findings, and the file (for
/// rendering them).
#[derive(Debug)]
pub struct ConfigError {
    pub findings: Vec<Finding>,
    pub file: LoadedFile,
}

struct Parse<'a> {
    file: &'a LoadedFile,
    errors: Vec<Finding>,
}

impl Parse<'_> {
    fn error(&mut self, pos: load::node::Pos, message: String, help: Option<String>) {
        let f = self
            .file
            .finding_at(CONFIG_INVALID.id, self.file.span_of(pos), message, help);
        self.errors.push(f);
    }

    fn config(&mut self, root: &Node, config: &mut Config) {
        let Value::Map(entries) = &root.value else {
            if root.value != Value::Null {
                self.error(
                    root.pos,
                    format!(
                        "the configuration must be a mapping, found {}",
                        root.type_name()
                    ),
                    None,
                );
            }
            return;
        };
        const KEYS: [&str; 6] = [
            "include",
            "exclude",
            "rules",
            "fairness",
            "custom_rules",
            "waivers",
        ];
        // Custom rules first: `rules:` may set their severity.
        if let Some(Value::Seq(items)) = root.get("custom_rules").map(|v| &v.value) {
            config.custom = rules::custom::parse(self.file, items, &mut self.errors);
        }
        for (key, value) in entries {
            match key.name.as_str() {
                "include" => {
                    if let Some(globs) = self.globs(value) {
                        config.include = globs;
                    }
                }
                "exclude" => {
                    if let Some(globs) = self.globs(value) {
                        config.exclude = globs;
                    }
                }
                "rules" => self.rules(value, config),
                "fairness" => self.fairness(value, &mut config.fairness),
                "waivers" => match value.as_str() {
                    Some(p)
                        if !p.is_empty()
                            && !p.starts_with('/')
                            && !p.contains('\\')
                            && !p.split('/').any(|s| s == ".." || s == ".") =>
                    {
                        config.waivers_path = Some(p.to_owned())
                    }
                    _ => self.error(
                        value.pos,
                        "`waivers` must be the path of the waivers file, relative to the \
                         repository root, with `/` separators and no `..`"
                            .into(),
                        None,
                    ),
                },
                "custom_rules" => match &value.value {
                    Value::Seq(items) => config.custom_rules = items.clone(),
                    Value::Null => {}
                    _ => self.error(value.pos, "`custom_rules` must be a list".into(), None),
                },
                other => {
                    let help = rules::suggest(other, KEYS).map(|s| format!("did you mean `{s}`?"));
                    self.error(
                        key.pos,
                        format!("unknown configuration key `{other}`"),
                        help.or_else(|| Some(format!("expected one of: {}", KEYS.join(", ")))),
                    );
                }
            }
        }
    }

    fn globs(&mut self, value: &Node) -> Option<Vec<String>> {
        let Value::Seq(items) = &value.value else {
            self.error(
                value.pos,
                format!(
                    "expected a list of glob patterns, found {}",
                    value.type_name()
                ),
                None,
            );
            return None;
        };
        let mut out = Vec::new();
        for item in items {
            match item.as_str() {
                Some(s) => match globset::GlobBuilder::new(s).literal_separator(true).build() {
                    Ok(_) => out.push(s.to_owned()),
                    Err(e) => {
                        self.error(item.pos, format!("invalid glob `{s}`: {}", e.kind()), None)
                    }
                },
                None => self.error(
                    item.pos,
                    format!("expected a glob pattern, found {}", item.type_name()),
                    None,
                ),
            }
        }
        Some(out)
    }

    fn rules(&mut self, value: &Node, config: &mut Config) {
        let Value::Map(entries) = &value.value else {
            if value.value != Value::Null {
                self.error(
                    value.pos,
                    format!(
                        "`rules` must be a mapping of rule id to severity, found {}",
                        value.type_name()
                    ),
                    None,
                );
            }
            return;
        };
        let mut all = rules::all_meta();
        all.extend(config.custom.iter().map(|c| c.meta));
        for (key, setting) in entries {
            let Some(meta) = all.iter().copied().find(|m| m.id.as_str() == key.name) else {
                let help = rules::suggest(&key.name, all.iter().map(|m| m.id.as_str()))
                    .map(|s| format!("did you mean `{s}`?"))
                    .or_else(|| Some("`ladderlint rules` lists every rule id".into()));
                self.error(key.pos, format!("unknown rule `{}`", key.name), help);
                continue;
            };
            match &setting.value {
                Value::Str(s) => {
                    if let Some(sev) = self.severity(setting, s) {
                        config.severities.insert(meta.id, sev);
                    }
                }
                Value::Map(opts) => {
                    for (okey, ovalue) in opts {
                        if okey.name == "suppressible" {
                            match ovalue.value {
                                Value::Bool(false) => {
                                    config.unsuppressible.insert(meta.id);
                                }
                                Value::Bool(true) => {
                                    config.unsuppressible.remove(&meta.id);
                                }
                                _ => self.error(
                                    ovalue.pos,
                                    "`suppressible` must be true or false".into(),
                                    None,
                                ),
                            }
                            continue;
                        }
                        if okey.name == "severity" {
                            match ovalue.as_str() {
                                Some(s) => {
                                    if let Some(sev) = self.severity(ovalue, s) {
                                        config.severities.insert(meta.id, sev);
                                    }
                                }
                                None => self.error(
                                    ovalue.pos,
                                    "`severity` must be one of error, warning, info, off".into(),
                                    None,
                                ),
                            }
                            continue;
                        }
                        let Some(ometa) = meta.options.iter().find(|o| o.name == okey.name) else {
                            let names: Vec<&str> = meta.options.iter().map(|o| o.name).collect();
                            let help = rules::suggest(&okey.name, names.iter().copied())
                                .map(|s| format!("did you mean `{s}`?"))
                                .or_else(|| {
                                    Some(if names.is_empty() {
                                        format!(
                                            "`{}` takes no options, only `severity` and \
                                             `suppressible`",
                                            meta.id
                                        )
                                    } else {
                                        format!(
                                            "options of `{}`: severity, suppressible, {}",
                                            meta.id,
                                            names.join(", ")
                                        )
                                    })
                                });
                            self.error(
                                okey.pos,
                                format!("unknown option `{}` for rule `{}`", okey.name, meta.id),
                                help,
                            );
                            continue;
                        };
                        if let Some(v) = self.option(ometa.kind, ometa.name, ovalue) {
                            config
                                .options
                                .entry(meta.id)
                                .or_default()
                                .0
                                .insert(ometa.name.into(), v);
                        }
                    }
                }
                _ => self.error(
                    setting.pos,
                    format!(
                        "expected a severity or a mapping of options for `{}`, found {}",
                        meta.id,
                        setting.type_name()
                    ),
                    None,
                ),
            }
        }
    }

    fn severity(&mut self, node: &Node, s: &str) -> Option<Severity> {
        let sev = Severity::parse(s);
        if sev.is_none() {
            let help = rules::suggest(s, ["error", "warning", "info", "off"])
                .map(|x| format!("did you mean `{x}`?"));
            self.error(
                node.pos,
                format!("unknown severity `{s}`: expected error, warning, info or off"),
                help,
            );
        }
        sev
    }

    fn option(&mut self, kind: OptionKind, name: &str, node: &Node) -> Option<serde_json::Value> {
        let bad = |what: String| (node.pos, format!("option `{name}` {what}"));
        let result = match (kind, &node.value) {
            (OptionKind::Count { min }, Value::Int(i)) if *i >= min => Ok(serde_json::json!(i)),
            (OptionKind::Count { min }, _) => Err(bad(format!(
                "must be a whole number of at least {min}, found {}",
                show(node)
            ))),
            (OptionKind::Number { min, max }, Value::Int(i))
                if (*i as f64) >= min && (*i as f64) <= max =>
            {
                Ok(serde_json::json!(*i as f64))
            }
            (OptionKind::Number { min, max }, Value::Float(f)) if *f >= min && *f <= max => {
                Ok(serde_json::json!(f))
            }
            (OptionKind::Number { min, max }, _) => Err(bad(format!(
                "must be a number from {min} to {max}, found {}",
                show(node)
            ))),
            (OptionKind::Choice(choices), Value::Str(s)) if choices.contains(&s.as_str()) => {
                Ok(serde_json::json!(s))
            }
            (OptionKind::Choice(choices), _) => Err(bad(format!(
                "must be one of {}, found {}",
                choices.join(", "),
                show(node)
            ))),
            (OptionKind::Terms, Value::Seq(items))
                if items.iter().all(|i| i.as_str().is_some()) =>
            {
                Ok(serde_json::Value::Array(
                    items
                        .iter()
                        .filter_map(|i| i.as_str())
                        .map(|s| serde_json::json!(s))
                        .collect(),
                ))
            }
            (OptionKind::Terms, _) => Err(bad(format!(
                "must be a list of strings, found {}",
                show(node)
            ))),
        };
        match result {
            Ok(v) => Some(v),
            Err((pos, msg)) => {
                self.error(pos, msg, None);
                None
            }
        }
    }

    fn fairness(&mut self, value: &Node, fairness: &mut Fairness) {
        use crate::fairness::stats::Correction;
        let Value::Map(entries) = &value.value else {
            self.error(
                value.pos,
                format!("`fairness` must be a mapping, found {}", value.type_name()),
                None,
            );
            return;
        };
        const KEYS: [&str; 6] = [
            "attributes",
            "min_group_size",
            "ratio_threshold",
            "significance",
            "correction",
            "min_time_in_level",
        ];
        for (key, v) in entries {
            match (key.name.as_str(), &v.value) {
                ("attributes", Value::Seq(items)) if items.iter().all(|i| i.as_str().is_some()) => {
                    fairness.attributes = items
                        .iter()
                        .filter_map(|i| i.as_str().map(String::from))
                        .collect();
                }
                // Below 3, a group's count and its rate name the people in it.
                ("min_group_size", Value::Int(i)) if *i >= MIN_GROUP_SIZE_FLOOR => {
                    fairness.min_group_size = *i as u64
                }
                ("ratio_threshold", Value::Float(f)) if *f > 0.0 && *f <= 1.0 => {
                    fairness.ratio_threshold = *f
                }
                ("ratio_threshold", Value::Int(1)) => fairness.ratio_threshold = 1.0,
                ("significance", Value::Float(f)) if *f > 0.0 && *f < 1.0 => {
                    fairness.significance = *f
                }
                ("correction", Value::Str(c)) if Correction::parse(c).is_some() => {
                    fairness.correction = Correction::parse(c).unwrap_or_default()
                }
                ("min_time_in_level", Value::Int(i)) if (0..=1200).contains(i) => {
                    fairness.min_time_in_level = Some(*i as u32)
                }
                ("correction", _) => self.error(
                    v.pos,
                    format!(
                        "`fairness.correction` must be one of {}, found {}",
                        Correction::NAMES.map(|n| format!("`{n}`")).join(", "),
                        show(v)
                    ),
                    None,
                ),
                ("min_time_in_level", _) => self.error(
                    v.pos,
                    format!(
                        "`fairness.min_time_in_level` must be a whole number of months (0 to 1200), found {}",
                        show(v)
                    ),
                    None,
                ),
                ("attributes", _) => self.error(
                    v.pos,
                    "`fairness.attributes` must be a list of attribute names".into(),
                    None,
                ),
                ("min_group_size", _) => self.error(
                    v.pos,
                    format!(
                        "`fairness.min_group_size` must be a whole number of at least \
                         {MIN_GROUP_SIZE_FLOOR}, found {}",
                        show(v)
                    ),
                    None,
                ),
                ("ratio_threshold", _) => self.error(
                    v.pos,
                    format!(
                        "`fairness.ratio_threshold` must be a number in (0, 1], found {}",
                        show(v)
                    ),
                    None,
                ),
                ("significance", _) => self.error(
                    v.pos,
                    format!(
                        "`fairness.significance` must be a number in (0, 1), found {}",
                        show(v)
                    ),
                    None,
                ),
                (other, _) => {
                    let help = rules::suggest(other, KEYS).map(|s| format!("did you mean `{s}`?"));
                    self.error(
                        key.pos,
                        format!("unknown key `{other}` in `fairness`"),
                        help,
                    );
                }
            }
        }
    }
}

fn show(node: &Node) -> String {
    match &node.value {
        Value::Str(s) => format!("`{s}`"),
        Value::Int(i) => format!("`{i}`"),
        Value::Float(f) => format!("`{f}`"),
        Value::Bool(b) => format!("`{b}`"),
        _ => node.type_name().to_owned(),
    }
}
