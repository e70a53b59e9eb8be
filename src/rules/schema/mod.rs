//! `schema/` rules: the file parses, names a known kind, and satisfies its
//! JSON Schema. Their findings come from loading, before any other rule.

pub mod invalid;

use super::{RuleId, RuleMeta};
use crate::finding::Severity;

pub use invalid::INVALID;

pub static YAML_SYNTAX: RuleMeta = RuleMeta {
    id: RuleId::new("schema/yaml-syntax"),
    severity: Severity::Error,
    summary: "the file parses as YAML within the size, depth and alias limits",
    rationale: "A file that does not parse cannot be checked; limits on size, nesting, alias \
                expansion and duplicate keys keep a hostile file from stalling the check or \
                hiding a second value behind a repeated key.",
    options: &[],
    pass: "kind: Cycle\nid: 2026-H2\n",
    fail: "kind: Cycle\nid: 2026-H2\nid: 2026-H1   # duplicate key\n",
};

pub static ENCODING: RuleMeta = RuleMeta {
    id: RuleId::new("schema/encoding"),
    severity: Severity::Warning,
    summary: "files are UTF-8 without a byte-order mark and with LF line endings",
    rationale: "A BOM or CRLF line endings make diffs noisy and trip other YAML tools; the \
                file is still checked. `ladderlint lint --fix` removes the BOM and converts the \
                line endings to LF (a safe fix: the documents read the same).",
    options: &[],
    pass: "kind: Cycle\n",
    fail: "\u{FEFF}kind: Cycle\r\n",
};

pub static UNKNOWN_KIND: RuleMeta = RuleMeta {
    id: RuleId::new("schema/unknown-kind"),
    severity: Severity::Error,
    summary: "every document is a mapping whose `kind` is Ladder, People, Cycle or Nomination",
    rationale: "Every file matched by `include` must be a ladderlint document; a file that is \
                silently skipped is a policy that is silently not enforced.",
    options: &[],
    pass: "kind: Nomination\n",
    fail: "kind: Nominaton\n",
};

/// Every `schema/` rule.
pub static ALL: [&RuleMeta; 4] = [&YAML_SYNTAX, &ENCODING, &UNKNOWN_KIND, &INVALID];

/// Whether `rule` is a `schema/` rule: the document it is about did not
/// load as its kind.
pub fn is_schema(rule: RuleId) -> bool {
    ALL.iter().any(|m| m.id == rule)
}
