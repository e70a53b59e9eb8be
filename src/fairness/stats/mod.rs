//! The numbers of an adverse-impact analysis: exact rate ratios against a
//! threshold (integers only, so 48/100 against 60/100 is exactly 0.8), the
//! shortfall to the threshold, and Fisher's exact test.
//!
//! Here: exact fractions, counts and the impact ratio with its shortfalls;
//! `fisher` is Fisher's exact test, `correction` the adjustment of
//! p-values for several tests, `cmh` the Cochran-Mantel-Haenszel test over
//! strata.

use serde::Serialize;

mod cmh;
mod correction;
mod fisher;
#[cfg(test)]
mod tests;

pub use cmh::{cmh, odds_ratio, Cmh, Stratum};
pub use correction::Correction;
pub use fisher::fisher_two_sided;

/// A fraction of whole numbers, kept exact; `value` is for display only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Fraction {
    pub numerator: u64,
    pub denominator: u64,
}

impl Fraction {
    /// `numerator / denominator`, reduced. `denominator` must not be 0.
    pub fn new(numerator: u128, denominator: u128) -> Fraction {
        let g = gcd(numerator, denominator).max(1);
        let (mut n, mut d) = (numerator / g, denominator / g);
        // Products of counts stay far below u64 once reduced for any real
        // organisation; halve both in the absurd case rather than overflow.
        while n > u128::from(u64::MAX) || d > u128::from(u64::MAX) {
            n /= 2;
            d = (d / 2).max(1);
        }
        Fraction {
            numerator: n as u64,
            denominator: d as u64,
        }
    }

    pub fn value(self) -> f64 {
        self.numerator as f64 / self.denominator as f64
    }

    /// `self < other`, exactly.
    pub fn less_than(self, other: Fraction) -> bool {
        u128::from(self.numerator) * u128::from(other.denominator)
            < u128::from(other.numerator) * u128::from(self.denominator)
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// A configured decimal number (`0.8`) as the exact fraction it was
/// written as (`8/10`), not as the nearest binary float.
pub fn decimal(x: f64) -> Fraction {
    let text = format!("{x}");
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let frac = &frac[..frac.len().min(12)];
    let den = 10u128.pow(frac.len() as u32);
    let int: u128 = int.parse().unwrap_or(0);
    let frac_n: u128 = if frac.is_empty() {
        0
    } else {
        frac.parse().unwrap_or(0)
    };
    Fraction::new(int * den + frac_n, den)
}

/// Selected out of a total: approvals of decided nominations, or
/// nominations of eligible people.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Count {
    pub selected: u64,
    pub total: u64,
}

impl Count {
    pub fn rate(self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.selected as f64 / self.total as f64
        }
    }
}

/// The impact ratio of `group` against `reference` (the highest-rate
/// group): `(a_g / n_g) / (a_r / n_r)`, exact. `None` when the reference
/// rate is zero (nobody was selected: there is nothing to compare).
pub fn impact_ratio(group: Count, reference: Count) -> Option<Fraction> {
    if reference.selected == 0 || group.total == 0 || reference.total == 0 {
        return None;
    }
    Some(Fraction::new(
        u128::from(group.selected) * u128::from(reference.total),
        u128::from(group.total) * u128::from(reference.selected),
    ))
}

/// Selections the group would need for its impact ratio to reach
/// `threshold` (the four-fifths rule's own measure): the smallest `s` with
/// `(s / n_g) / (a_r / n_r) >= threshold`, minus what it has (0 when it
/// already does).
pub fn shortfall_to_threshold(group: Count, reference: Count, threshold: Fraction) -> u64 {
    if reference.selected == 0 || reference.total == 0 {
        return 0;
    }
    // s * n_r * t_den >= t_num * n_g * a_r.
    let need =
        u128::from(threshold.numerator) * u128::from(group.total) * u128::from(reference.selected);
    let per = u128::from(reference.total) * u128::from(threshold.denominator);
    let s = need.div_ceil(per).min(u128::from(group.total));
    (s as u64).saturating_sub(group.selected)
}

/// Selections expected at the overall rate minus actual selections: what
/// practitioners call the shortfall. `overall` is every group together
/// (shown or not). Negative when the group did better than the overall
/// rate.
pub fn shortfall_to_overall(group: Count, overall: Count) -> f64 {
    if overall.total == 0 {
        return 0.0;
    }
    group.total as f64 * overall.selected as f64 / overall.total as f64 - group.selected as f64
}
