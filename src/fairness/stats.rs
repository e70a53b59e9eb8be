//! The numbers of an adverse-impact analysis: exact rate ratios against a
//! threshold (integers only, so 48/100 against 60/100 is exactly 0.8), the
//! shortfall to the threshold, and Fisher's exact test.

use serde::Serialize;
use statrs::stats_tests::{fisher::fishers_exact, Alternative};

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

/// How many more of the group would have to be selected for its impact
/// ratio to reach `threshold` (0 when it already does).
pub fn shortfall(group: Count, reference: Count, threshold: Fraction) -> u64 {
    if reference.selected == 0 || reference.total == 0 {
        return 0;
    }
    // Smallest s with (s / n_g) / (a_r / n_r) >= t, that is
    // s * n_r * t_den >= t_num * n_g * a_r.
    let need =
        u128::from(threshold.numerator) * u128::from(group.total) * u128::from(reference.selected);
    let per = u128::from(reference.total) * u128::from(threshold.denominator);
    let s = need.div_ceil(per).min(u128::from(group.total));
    (s as u64).saturating_sub(group.selected)
}

/// Two-sided p-value of Fisher's exact test for the 2x2 table
/// `[[group selected, group not selected], [rest selected, rest not selected]]`.
pub fn fisher_two_sided(group: Count, rest: Count) -> f64 {
    let table = [
        group.selected,
        group.total - group.selected,
        rest.selected,
        rest.total - rest.selected,
    ];
    fishers_exact(&table, Alternative::TwoSided).unwrap_or(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(selected: u64, total: u64) -> Count {
        Count { selected, total }
    }

    /// The Uniform Guidelines on Employee Selection Procedures, Questions and
    /// Answers, Q.11-12 (44 Fed. Reg. 11996, 1979): with a highest selection
    /// rate of 60%, rates of 45% (ratio 0.75) show adverse impact; 48%
    /// (exactly 0.8) and 51% (0.85) do not, as the rule is "less than
    /// four-fifths".
    #[test]
    fn uniform_guidelines_four_fifths_examples() {
        let t = decimal(0.8);
        assert_eq!(t, Fraction::new(4, 5));
        let top = c(60, 100);
        let r45 = impact_ratio(c(45, 100), top).unwrap();
        let r48 = impact_ratio(c(48, 100), top).unwrap();
        let r51 = impact_ratio(c(51, 100), top).unwrap();
        assert_eq!(r45, Fraction::new(3, 4));
        assert_eq!(r48, Fraction::new(4, 5));
        assert_eq!(r51, Fraction::new(17, 20));
        assert!(r45.less_than(t));
        assert!(!r48.less_than(t), "exactly 0.8 is not adverse impact");
        assert!(!r51.less_than(t));
        // The float route gets 4 of 6 against 5 of 6 wrong (0.7999…): the
        // trap the exact comparison avoids.
        let float = |a: u64, b: u64| a as f64 / b as f64;
        assert!(float(4, 6) / float(5, 6) < 0.8);
        assert!(!impact_ratio(c(4, 6), c(5, 6)).unwrap().less_than(t));
        // Shortfalls: 45% needs 3 more of 100 selected to reach 48%.
        assert_eq!(shortfall(c(45, 100), top, t), 3);
        assert_eq!(shortfall(c(48, 100), top, t), 0);
        assert_eq!(shortfall(c(51, 100), top, t), 0);
        // Same rates, different group sizes: 9 of 20 against 60 of 100.
        assert!(impact_ratio(c(9, 20), top).unwrap().less_than(t));
        assert_eq!(shortfall(c(9, 20), top, t), 1); // 10/20 = 50% >= 48%
    }

    #[test]
    fn decimals_are_exact() {
        assert_eq!(decimal(0.8), Fraction::new(8, 10));
        assert_eq!(decimal(1.0), Fraction::new(1, 1));
        assert_eq!(decimal(0.05), Fraction::new(1, 20));
        assert_eq!(decimal(0.75), Fraction::new(3, 4));
    }

    #[test]
    fn no_selection_at_all_has_no_ratio() {
        assert_eq!(impact_ratio(c(0, 10), c(0, 12)), None);
        assert_eq!(shortfall(c(0, 10), c(0, 12), decimal(0.8)), 0);
        assert_eq!(impact_ratio(c(0, 10), c(5, 10)), Some(Fraction::new(0, 1)));
    }

    /// Two-sided p-values from an independent implementation: SciPy 1.17.1,
    /// `scipy.stats.fisher_exact(table, alternative="two-sided")`, computed
    /// once and written here:
    ///
    /// ```text
    /// [[1, 5], [6, 0]]     0.015151515151515154
    /// [[1, 9], [9, 1]]     0.001093333910671372
    /// [[45, 55], [60, 40]] 0.04716548538301931
    /// [[48, 52], [60, 40]] 0.118388137804041
    /// [[3, 7], [8, 2]]     0.06977851869492736
    /// [[4, 1], [5, 0]]     1.0
    /// [[2, 8], [12, 8]]    0.057671164417791104
    /// [[0, 6], [9, 0]]     0.00019980019980019983
    /// ```
    #[test]
    fn fisher_matches_scipy() {
        let cases: [([u64; 4], f64); 8] = [
            ([1, 5, 6, 0], 0.015151515151515154),
            ([1, 9, 9, 1], 0.001093333910671372),
            ([45, 55, 60, 40], 0.04716548538301931),
            ([48, 52, 60, 40], 0.118388137804041),
            ([3, 7, 8, 2], 0.06977851869492736),
            ([4, 1, 5, 0], 1.0),
            ([2, 8, 12, 8], 0.057671164417791104),
            ([0, 6, 9, 0], 0.00019980019980019983),
        ];
        for (t, want) in cases {
            let got = fisher_two_sided(c(t[0], t[0] + t[1]), c(t[2], t[2] + t[3]));
            assert!(
                (got - want).abs() <= 1e-9 * want.max(1e-12),
                "{t:?}: got {got}, scipy {want}"
            );
        }
    }
}
