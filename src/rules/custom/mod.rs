//! Custom rules: an organisation's own checks, written in `ladderlint.yaml`
//! as minijinja expressions evaluated against every document of a kind.
//!
//! ```yaml
//! custom_rules:
//!   - id: acme/staff-needs-mentor
//!     kind: Nomination
//!     when: "to_level in ['E7', 'E8']"
//!     assert: "mentor is defined"
//!     message: "Staff+ nominations need a mentor"
//!     severity: error          # default: error
//!     at: /mentor              # JSON pointer of the node to point at (default: the document)
//! ```
//!
//! An expression sees the document's top-level fields (as its JSON Schema
//! names them) and the lookup maps `people`, `ladders` and `cycles` (by id).
//! Every expression is compiled, and its variables checked, when the
//! configuration is read: a typo is a `config/invalid` error at its position
//! before any document is read. Evaluation is bounded by minijinja's fuel, so
//! an expression that does too much work fails clearly instead of hanging.

mod parse;
mod run;

pub use parse::parse;

use crate::finding::{Severity, Span};
use crate::load::Kind;
use crate::rules::{RuleId, RuleMeta};
use minijinja::{Environment, ErrorKind, UndefinedBehavior};
use std::ops::Range;

/// The work one evaluation may do (minijinja fuel: about one instruction,
/// or 64 bytes of data, each).
pub const FUEL: u64 = 1_000_000;

pub static RULE_FAILED: RuleMeta = RuleMeta {
    id: RuleId::new("config/rule-failed"),
    severity: Severity::Error,
    summary: "a custom rule could be checked on every document of its kind",
    rationale: "An expression that fails on a document (a division by zero, a value of an \
                unexpected type, too much work) checks nothing there. The document is reported, \
                so a rule never stops silently, and a change cannot slip past a rule by making \
                it fail; the rule goes on with the other documents.",
    options: &[],
    pass: "custom_rules:\n  - { id: acme/votes, kind: Nomination, assert: \"review.votes | length > 0\", \
           message: x }\n",
    fail: "custom_rules:\n  - { id: acme/ratio, kind: Nomination, assert: \"1 / (evidence | length) > 0\", \
           message: x }\n# a nomination without evidence divides by zero\n",
};

/// The lookup maps every expression may use.
const LOOKUPS: [&str; 3] = ["people", "ladders", "cycles"];

const KEYS: [&str; 7] = ["id", "kind", "when", "assert", "message", "severity", "at"];

/// An expression or template of a custom rule, with where it is written.
#[derive(Clone, Debug)]
pub struct Expr {
    pub source: String,
    /// The scalar in the configuration file.
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct CustomRule {
    /// Generated documentation, for `rules`, `explain` and every output.
    pub meta: &'static RuleMeta,
    pub kind: Kind,
    pub when: Option<Expr>,
    pub assert: Expr,
    /// A minijinja template (plain text unless it holds `{{ }}`).
    pub message: Expr,
    /// JSON pointer of the node to report at ("" for the document).
    pub at: String,
    /// The configuration file, where evaluation errors are reported.
    pub config_path: String,
}

/// The environment every custom rule is compiled and evaluated in.
fn environment<'s>() -> Environment<'s> {
    let mut env = Environment::new();
    env.set_fuel(Some(FUEL));
    env.set_undefined_behavior(UndefinedBehavior::Chainable);
    env.set_debug(true);
    env
}

/// The variables an expression over a document of `kind` may use.
pub fn variables(kind: Kind) -> Vec<String> {
    let schema = &crate::schema::compiled(kind).schema;
    let mut out: Vec<String> = schema
        .get("properties")
        .and_then(|p| p.as_object())
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    for l in LOOKUPS {
        if !out.iter().any(|v| v == l) {
            out.push(l.to_owned());
        }
    }
    out
}

/// The byte range of the first use of variable `name` in an expression:
/// a whole identifier, outside string literals, not an attribute (`.name`).
fn find_identifier(source: &str, name: &str) -> Option<Range<usize>> {
    let bytes = source.as_bytes();
    let mut i = 0;
    let mut quote: Option<u8> = None;
    let mut prev_significant: Option<u8> = None;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(q) = quote {
            if b == b'\\' {
                i += 2;
                continue;
            }
            if b == q {
                quote = None;
                prev_significant = Some(b);
            }
            i += 1;
            continue;
        }
        if b == b'\'' || b == b'"' {
            quote = Some(b);
            i += 1;
            continue;
        }
        if b.is_ascii_alphabetic() || b == b'_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            if &source[start..i] == name && prev_significant != Some(b'.') {
                return Some(start..i);
            }
            prev_significant = Some(b'a');
            continue;
        }
        if !b.is_ascii_whitespace() {
            prev_significant = Some(b);
        }
        i += 1;
    }
    None
}

/// A minijinja error as one plain sentence.
fn error_text(e: &minijinja::Error) -> String {
    match e.kind() {
        ErrorKind::OutOfFuel => format!(
            "it ran out of its evaluation budget ({FUEL} units of fuel): the expression does \
             too much work for one document"
        ),
        _ => {
            let kind = e.kind().to_string();
            match e.detail() {
                Some(d) => format!("{kind}: {d}"),
                None => kind,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_skip_strings_and_attributes() {
        let s = "x.mentr == 'mentr' and mentr is defined";
        assert_eq!(find_identifier(s, "mentr"), Some(23..28));
        assert_eq!(find_identifier("\"a\\\"b\" ~ b", "b"), Some(9..10));
    }

    #[test]
    fn nomination_variables_come_from_the_schema() {
        let v = variables(Kind::Nomination);
        for name in [
            "to_level",
            "mentor",
            "candidate",
            "people",
            "ladders",
            "cycles",
        ] {
            assert!(v.iter().any(|x| x == name), "{name} missing from {v:?}");
        }
    }
}
