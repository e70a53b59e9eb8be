//! `ladder/` rules: the shape of a career ladder.

pub mod band_order;
pub mod band_parity;
mod common;
pub mod dual_track_parity;
pub mod ic_manages_people;
pub mod level_progression;
pub mod matrix_complete;
pub mod rank_order;

use super::Rule;

/// Every `ladder/` rule.
pub fn rules() -> Vec<Box<dyn Rule>> {
    let mut all: Vec<Box<dyn Rule>> = vec![
        Box::new(rank_order::RankOrder),
        Box::new(dual_track_parity::DualTrackParity),
        Box::new(ic_manages_people::IcManagesPeople),
        Box::new(band_order::BandOrder),
        Box::new(band_parity::BandParity),
        Box::new(matrix_complete::MatrixComplete),
        Box::new(level_progression::LevelProgression),
    ];
    all.extend(super::wording::rules());
    all
}
