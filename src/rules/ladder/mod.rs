//! `ladder/` rules: the shape of a career ladder.

pub mod exclusionary_language;
pub mod gendered_language;
pub mod subjective_criteria;
pub mod tenure_requirement;
pub mod text;

use super::Rule;

/// Every `ladder/` rule.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(subjective_criteria::SubjectiveCriteria),
        Box::new(gendered_language::GenderedLanguage),
        Box::new(exclusionary_language::ExclusionaryLanguage),
        Box::new(tenure_requirement::TenureRequirement),
    ]
}
