//! The Cochran-Mantel-Haenszel test over strata and the Mantel-Haenszel
//! common odds ratio; the odds ratio of one table.

use super::Count;
use serde::Serialize;
use statrs::distribution::{ChiSquared, ContinuousCDF};

/// One stratum's 2x2 table: the group against the reference group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stratum {
    pub group: Count,
    pub reference: Count,
}

/// The Cochran-Mantel-Haenszel test of "no association in any stratum"
/// and the Mantel-Haenszel common odds ratio (group against reference;
/// below 1 means the group is selected less often).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Cmh {
    /// Continuity-corrected statistic (chi-squared, 1 degree of freedom;
    /// the correction of 0.5 is applied only when the sum of differences
    /// is at least 0.5, as R's `mantelhaen.test` does).
    pub statistic: f64,
    pub p_value: f64,
    /// `None` when no stratum has a discordant pair that defines it.
    pub odds_ratio: Option<f64>,
    /// Strata that contributed (at least two people in them).
    pub strata: usize,
}

pub fn cmh(strata: &[Stratum]) -> Cmh {
    let (mut diff, mut var, mut r, mut s, mut used) = (0.0, 0.0, 0.0, 0.0, 0);
    for st in strata {
        let a = st.group.selected as f64;
        let b = (st.group.total - st.group.selected) as f64;
        let c = st.reference.selected as f64;
        let d = (st.reference.total - st.reference.selected) as f64;
        let n = a + b + c + d;
        if n < 2.0 {
            continue;
        }
        used += 1;
        diff += a - (a + b) * (a + c) / n;
        var += (a + b) * (c + d) * (a + c) * (b + d) / (n * n * (n - 1.0));
        r += a * d / n;
        s += b * c / n;
    }
    let statistic = if var > 0.0 {
        let corr = if diff.abs() >= 0.5 { 0.5 } else { 0.0 };
        (diff.abs() - corr).powi(2) / var
    } else {
        0.0
    };
    let p_value = if var > 0.0 {
        ChiSquared::new(1.0).map_or(1.0, |c| c.sf(statistic))
    } else {
        1.0
    };
    Cmh {
        statistic,
        p_value,
        odds_ratio: (s > 0.0).then(|| r / s),
        strata: used,
    }
}

/// The odds ratio of one table, group against reference (`None` when a
/// cell it divides by is empty).
pub fn odds_ratio(group: Count, reference: Count) -> Option<f64> {
    let b = group.total - group.selected;
    let c = reference.selected;
    (b > 0 && c > 0).then(|| {
        (group.selected as f64 * (reference.total - reference.selected) as f64)
            / (b as f64 * c as f64)
    })
}
