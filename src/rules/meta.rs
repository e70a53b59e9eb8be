//! What a rule is: its id, default severity, documentation and options.
//! The configuration validates against it, the sink applies severities
//! from it, and `rules`, `explain`, SARIF and the README are generated
//! from it.

use crate::finding::{RuleId, Severity};
use std::collections::BTreeMap;

/// The kind of value an option takes, used to validate configuration.
#[derive(Clone, Copy, Debug)]
pub enum OptionKind {
    /// A whole number, at least `min`.
    Count { min: i64 },
    /// A number in `[min, max]`.
    Number { min: f64, max: f64 },
    /// One of the listed words.
    Choice(&'static [&'static str]),
    /// A list of strings.
    Terms,
}

#[derive(Debug)]
pub struct OptionMeta {
    pub name: &'static str,
    pub kind: OptionKind,
    /// The default, as YAML/JSON text.
    pub default: &'static str,
    pub doc: &'static str,
}

#[derive(Debug)]
pub struct RuleMeta {
    pub id: RuleId,
    pub severity: Severity,
    pub summary: &'static str,
    pub rationale: &'static str,
    pub options: &'static [OptionMeta],
    /// A passing and a failing example (YAML).
    pub pass: &'static str,
    pub fail: &'static str,
}

impl RuleMeta {
    pub fn group(&self) -> &'static str {
        self.id.group()
    }
}

/// The options of one rule, defaults filled in, validated at configuration
/// load (so the getters never fail on a configured value).
#[derive(Clone, Debug, Default)]
pub struct RuleOptions(pub BTreeMap<String, serde_json::Value>);

impl RuleOptions {
    pub fn number(&self, name: &str) -> f64 {
        self.0.get(name).and_then(|v| v.as_f64()).unwrap_or(0.0)
    }
    pub fn count(&self, name: &str) -> i64 {
        self.0.get(name).and_then(|v| v.as_i64()).unwrap_or(0)
    }
    pub fn choice(&self, name: &str) -> &str {
        self.0.get(name).and_then(|v| v.as_str()).unwrap_or("")
    }
    pub fn terms(&self, name: &str) -> Vec<String> {
        self.0
            .get(name)
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }
}
