//! `ladder/` rules: the shape of a career ladder.

pub mod band_order;
pub mod band_parity;
mod common;
pub mod dual_track_parity;
pub mod exclusionary_language;
pub mod gendered_language;
pub mod ic_manages_people;
pub mod level_progression;
pub mod matrix_complete;
pub mod phrases;
pub mod rank_order;
pub mod subjective_criteria;
pub mod tenure_requirement;
pub mod text;

use super::Rule;

/// Every `ladder/` rule.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(rank_order::RankOrder),
        Box::new(dual_track_parity::DualTrackParity),
        Box::new(ic_manages_people::IcManagesPeople),
        Box::new(band_order::BandOrder),
        Box::new(band_parity::BandParity),
        Box::new(matrix_complete::MatrixComplete),
        Box::new(level_progression::LevelProgression),
        Box::new(subjective_criteria::SubjectiveCriteria),
        Box::new(gendered_language::GenderedLanguage),
        Box::new(exclusionary_language::ExclusionaryLanguage),
        Box::new(tenure_requirement::TenureRequirement),
    ]
}
