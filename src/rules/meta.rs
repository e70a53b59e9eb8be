//! What a rule is: its id, default severity, documentation and options.
//! The configuration validates against it, the sink applies severities
//! from it, and `rules`, `explain`, SARIF and the README are generated
//! from it.

use crate::finding::{RuleId, Severity};
use serde_json::Value;
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

/// Which documents a rule reads to judge one: changed-only mode loads
/// what the enabled rules reach and nothing less.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// The document and the people, cycles and ladders it names (always
    /// loaded).
    Document,
    /// Also the other documents with the same id, or the nominations of
    /// the same candidate in the same cycle.
    Namesakes,
    /// Every nomination, through what `fairness::Inputs` takes of each (a
    /// cycle's cohort, and who was eligible when it opened, rebuilt from
    /// approved nominations of any cycle). When no changed nomination's
    /// inputs differ between the base and the head (and nothing but
    /// nominations changed), the rule's findings are the same on both
    /// sides whatever else is loaded, and no other nomination is needed.
    Cohort,
}

/// Which change of an option makes its rule check less: what
/// `config/relaxed` reports when a pull request makes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Looser {
    /// A higher number.
    Higher,
    /// A lower number.
    Lower,
    /// A word earlier in the option's `Choice` list (listed loosest first).
    Earlier,
    /// An entry added to the list (`allow`, `remove`).
    Added,
    /// An entry taken out of the list (`add`, `phrases`).
    Removed,
}

impl Looser {
    /// Whether changing the option from `base` to `head` checks less. A
    /// value of a kind the option does not take counts as looser: no
    /// comparison can vouch for it.
    pub fn is_looser(self, kind: OptionKind, base: &Value, head: &Value) -> bool {
        match (self, base, head) {
            (Looser::Higher | Looser::Lower, Value::Number(b), Value::Number(h)) => {
                let (b, h) = (b.as_f64().unwrap_or(0.0), h.as_f64().unwrap_or(0.0));
                if self == Looser::Higher {
                    h > b
                } else {
                    h < b
                }
            }
            (Looser::Earlier, Value::String(b), Value::String(h)) => {
                let words: &[&str] = match kind {
                    OptionKind::Choice(words) => words,
                    _ => &[],
                };
                let rank = |s: &str| words.iter().position(|w| *w == s);
                match (rank(b), rank(h)) {
                    (Some(b), Some(h)) => h < b,
                    _ => true,
                }
            }
            (Looser::Added, Value::Array(b), Value::Array(h)) => h.iter().any(|x| !b.contains(x)),
            (Looser::Removed, Value::Array(b), Value::Array(h)) => b.iter().any(|x| !h.contains(x)),
            _ => base != head,
        }
    }
}

#[derive(Debug)]
pub struct OptionMeta {
    pub name: &'static str,
    pub kind: OptionKind,
    /// The default, as YAML/JSON text.
    pub default: &'static str,
    /// Which change checks less.
    pub looser: Looser,
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
