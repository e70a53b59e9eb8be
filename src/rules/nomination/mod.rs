//! `nomination/` rules: one candidate, one target level, one cycle.

use super::Rule;

/// Every `nomination/` rule.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![]
}
