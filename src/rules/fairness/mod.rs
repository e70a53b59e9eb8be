//! `fairness/` rules: cohort analyses of each cycle (see `crate::fairness`).

pub mod adverse_impact;
pub mod nomination_rate;

use super::Rule;
use crate::fairness::{Analysis, GroupRow};

/// Every `fairness/` rule.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(adverse_impact::AdverseImpact),
        Box::new(nomination_rate::NominationRate),
    ]
}

/// `0.4` as `40.0%`.
pub fn percent(rate: f64) -> String {
    format!("{:.1}%", rate * 100.0)
}

/// A p-value as a report shows it.
pub fn p_text(p: f64) -> String {
    if p < 0.001 {
        "p < 0.001".into()
    } else {
        format!("p = {p:.3}")
    }
}

/// The reference (highest-rate) row of an analysis.
pub fn reference(a: &Analysis) -> Option<&GroupRow> {
    a.groups.iter().find(|g| g.reference)
}
