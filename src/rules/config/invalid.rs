//! `config/invalid`: the configuration file is valid. Its findings come
//! from reading the configuration (`Config::parse`).

use crate::finding::Severity;
use crate::rules::{RuleId, RuleMeta};

pub static INVALID: RuleMeta = RuleMeta {
    id: RuleId::new("config/invalid"),
    severity: Severity::Error,
    summary: "the configuration file is valid: known keys, rule ids and option values",
    rationale: "A typo in a rule id or option would otherwise switch a check off without \
                anyone noticing. A bad configuration stops the run with exit code 2.",
    options: &[],
    pass: "rules:\n  nomination/quorum: { severity: error, min_votes: 3 }\n",
    fail: "rules:\n  nomination/quorom: error   # unknown rule id\n",
};
