//! The `cycle` and `settings` sections: the cycle reported on, and the
//! fairness configuration and parity tolerance the report was built with.

use super::{person_ref, Inputs, PersonRef};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct CycleInfo {
    pub id: String,
    pub title: Option<String>,
    pub opens: Option<String>,
    pub closes: Option<String>,
    pub decide_by: Option<String>,
    pub board: Vec<PersonRef>,
    pub quorum: Option<u32>,
    pub file: String,
}

#[derive(Debug, Serialize)]
pub struct Settings {
    pub attributes: Vec<String>,
    pub min_group_size: u64,
    pub ratio_threshold: f64,
    pub significance: f64,
    /// `none`, `holm` or `bh`: how p-values are adjusted for the number of
    /// tests of each attribute.
    pub correction: crate::fairness::stats::Correction,
    /// Months at a level before someone is eligible (none: no minimum).
    pub min_time_in_level: Option<u32>,
    /// `ladder/band-parity`'s tolerance, used for the ladder grids.
    pub parity_tolerance: f64,
}

pub(super) fn cycle_info(i: &Inputs) -> CycleInfo {
    let repo = i.repo;
    let cycle = &i.cycle.item;
    CycleInfo {
        id: cycle.id.clone(),
        title: cycle.title.clone(),
        opens: cycle.opens.clone(),
        closes: cycle.closes.clone(),
        decide_by: cycle.decide_by.clone(),
        board: cycle.board.iter().map(|p| person_ref(repo, p)).collect(),
        quorum: cycle.quorum,
        file: repo.file(i.cycle.at).path.clone(),
    }
}

pub(super) fn settings(i: &Inputs, parity_tolerance: f64) -> Settings {
    let f = &i.config.fairness;
    Settings {
        attributes: crate::fairness::attributes(f, i.groups),
        min_group_size: f.min_group_size,
        ratio_threshold: f.ratio_threshold,
        significance: f.significance,
        correction: f.correction,
        min_time_in_level: f.min_time_in_level,
        parity_tolerance,
    }
}
