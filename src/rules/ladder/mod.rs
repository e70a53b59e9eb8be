//! `ladder/` rules: the shape of a career ladder.

use super::Rule;

/// Every `ladder/` rule.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![]
}
