//! The numbers of an adverse-impact analysis: exact rate ratios against a
//! threshold (integers only, so 48/100 against 60/100 is exactly 0.8), the
//! shortfall to the threshold, and Fisher's exact test.

use serde::Serialize;
use statrs::distribution::{ChiSquared, ContinuousCDF};
use statrs::function::factorial::ln_binomial;

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

/// Relative tolerance for "no more likely than the observed table": SciPy's
/// and R's rule, which keeps tables whose probability equals the observed
/// one up to rounding (symmetric tables) on the observed side of the cut.
const TIE: f64 = 1e-7;

/// Two-sided p-value of Fisher's exact test for the 2x2 table
/// `[[group selected, group not selected], [other selected, other not selected]]`:
/// the probability, under the hypergeometric distribution with the table's
/// margins, of every table no more likely than the observed one
/// (probability at most observed x (1 + 1e-7)).
///
/// Computed in log space from `ln_binomial`, so it neither overflows nor
/// loses the tail at any size (a million people and more). The
/// distribution is unimodal: the tables counted are the observed tail and
/// the far tail past the first table as unlikely as the observed one,
/// summed outward until the terms no longer change the sum.
pub fn fisher_two_sided(group: Count, other: Count) -> f64 {
    let (n1, n2) = (group.total, other.total);
    let k = group.selected + other.selected;
    let n = n1 + n2;
    if n1 == 0 || n2 == 0 || k == 0 || k == n {
        return 1.0;
    }
    let lo = k.saturating_sub(n2);
    let hi = k.min(n1);
    let ln_pmf = |x: u64| ln_binomial(n1, x) + ln_binomial(n2, k - x) - ln_binomial(n, k);
    let x0 = group.selected;
    let observed = ln_pmf(x0);
    let cut = observed + TIE.ln_1p();
    // The mode of the hypergeometric distribution.
    let mode = ((u128::from(k) + 1) * (u128::from(n1) + 1) / (u128::from(n) + 2)) as u64;
    let mode = mode.clamp(lo, hi);
    // Terms are scaled by the observed probability, so none underflows
    // before it stops mattering.
    let term = |x: u64| (ln_pmf(x) - observed).exp();
    let mut sum = 0.0;
    let negligible = |t: f64, sum: f64| t < sum * 1e-17;
    if x0 < mode {
        // The observed tail: x0 down to lo.
        for x in (lo..=x0).rev() {
            let t = term(x);
            sum += t;
            if negligible(t, sum) {
                break;
            }
        }
        // The far tail: the first x in [mode, hi] as unlikely as x0, upward.
        if let Some(start) = first_at_or_below(mode, hi, &|x| ln_pmf(x) <= cut) {
            for x in start..=hi {
                let t = term(x);
                sum += t;
                if negligible(t, sum) {
                    break;
                }
            }
        }
    } else {
        for x in x0..=hi {
            let t = term(x);
            sum += t;
            if negligible(t, sum) {
                break;
            }
        }
        // The far tail: the last x in [lo, mode] (below x0) as unlikely as
        // x0, downward.
        let top = if x0 == mode {
            mode.checked_sub(1)
        } else {
            Some(mode)
        };
        if let Some(top) = top.filter(|t| *t >= lo) {
            if let Some(start) = last_at_or_below(lo, top, &|x| ln_pmf(x) <= cut) {
                for x in (lo..=start).rev() {
                    let t = term(x);
                    sum += t;
                    if negligible(t, sum) {
                        break;
                    }
                }
            }
        }
    }
    (observed + sum.ln()).exp().min(1.0)
}

/// On `[a, b]` where `below` is false then true (probabilities falling away
/// from the mode): the first `x` where it is true.
fn first_at_or_below(a: u64, b: u64, below: &dyn Fn(u64) -> bool) -> Option<u64> {
    if !below(b) {
        return None;
    }
    let (mut lo, mut hi) = (a, b);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if below(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Some(lo)
}

/// On `[a, b]` where `below` is true then false (probabilities rising toward
/// the mode): the last `x` where it is true.
fn last_at_or_below(a: u64, b: u64, below: &dyn Fn(u64) -> bool) -> Option<u64> {
    if !below(a) {
        return None;
    }
    let (mut lo, mut hi) = (a, b);
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        if below(mid) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    Some(lo)
}

/// How p-values of several tests on one attribute are adjusted for the
/// number of tests (`fairness.correction`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Correction {
    /// Each test at `significance` on its own.
    #[default]
    None,
    /// Holm's step-down method: the chance of any false alarm among the
    /// attribute's tests stays under `significance`.
    Holm,
    /// Benjamini-Hochberg: the expected share of false alarms among the
    /// flagged groups stays under `significance`.
    Bh,
}

impl Correction {
    pub const NAMES: [&'static str; 3] = ["none", "holm", "bh"];

    pub fn parse(s: &str) -> Option<Correction> {
        match s {
            "none" => Some(Correction::None),
            "holm" => Some(Correction::Holm),
            "bh" => Some(Correction::Bh),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Correction::None => "none",
            Correction::Holm => "holm",
            Correction::Bh => "bh",
        }
    }

    /// How strongly the method holds alarms back: `none` < `bh` < `holm`.
    /// A change to a stronger method flags fewer groups (a loosening of
    /// the fairness rules).
    pub fn strength(self) -> u8 {
        match self {
            Correction::None => 0,
            Correction::Bh => 1,
            Correction::Holm => 2,
        }
    }

    /// The adjusted p-values, in the order given.
    pub fn adjust(self, p: &[f64]) -> Vec<f64> {
        let m = p.len();
        let mut order: Vec<usize> = (0..m).collect();
        order.sort_by(|&a, &b| p[a].total_cmp(&p[b]).then(a.cmp(&b)));
        let mut out = p.to_vec();
        match self {
            Correction::None => {}
            Correction::Holm => {
                let mut running: f64 = 0.0;
                for (rank, &i) in order.iter().enumerate() {
                    running = running.max(((m - rank) as f64 * p[i]).min(1.0));
                    out[i] = running;
                }
            }
            Correction::Bh => {
                let mut running: f64 = 1.0;
                for (rank, &i) in order.iter().enumerate().rev() {
                    running = running.min((m as f64 / (rank + 1) as f64 * p[i]).min(1.0));
                    out[i] = running;
                }
            }
        }
        out
    }
}

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
        assert_eq!(shortfall_to_threshold(c(45, 100), top, t), 3);
        assert_eq!(shortfall_to_threshold(c(48, 100), top, t), 0);
        assert_eq!(shortfall_to_threshold(c(51, 100), top, t), 0);
        // Same rates, different group sizes: 9 of 20 against 60 of 100.
        assert!(impact_ratio(c(9, 20), top).unwrap().less_than(t));
        assert_eq!(shortfall_to_threshold(c(9, 20), top, t), 1); // 10/20 = 50% >= 48%
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
        assert_eq!(shortfall_to_threshold(c(0, 10), c(0, 12), decimal(0.8)), 0);
        assert_eq!(impact_ratio(c(0, 10), c(5, 10)), Some(Fraction::new(0, 1)));
    }

    /// Two-sided p-values from an independent implementation: SciPy 1.17.1,
    /// `scipy.stats.fisher_exact([[a, n1 - a], [c, n2 - c]])`, computed once
    /// and written here as `((a, n1), (c, n2), p)`. They include the tables
    /// where plain binomial coefficients overflow (a thousand people and
    /// more) and where a loose tie tolerance flips the 0.05 decision.
    #[test]
    fn fisher_matches_scipy() {
        type Case = ((u64, u64), (u64, u64), f64);
        let cases: [Case; 34] = [
            ((400, 1000), (300, 1000), 3.371699707399935e-06),
            ((5, 40), (500, 2000), 0.0936431441054685),
            ((0, 6), (67, 157), 0.04326475784862618),
            ((1, 12), (100, 261), 0.03611710938355267),
            ((9, 25), (58, 99), 0.04721795339220975),
            ((45, 100), (60, 100), 0.04716548538301931),
            ((48, 100), (60, 100), 0.118388137804041),
            ((51, 100), (60, 100), 0.25495026362395945),
            ((164, 400), (200, 400), 0.01290633380299002),
            ((1, 6), (6, 6), 0.015151515151515154),
            ((1, 10), (9, 10), 0.001093333910671372),
            ((3, 10), (8, 10), 0.06977851869492736),
            ((4, 5), (5, 5), 1.0),
            ((2, 10), (12, 20), 0.057671164417791104),
            ((0, 6), (9, 9), 0.00019980019980019983),
            ((0, 5), (0, 7), 1.0),
            ((5, 5), (7, 7), 1.0),
            ((0, 1), (1, 1), 1.0),
            ((3, 7), (3, 7), 1.0),
            ((2, 4), (6, 12), 1.0),
            ((1, 3), (10, 11), 0.0934065934065934),
            ((0, 20), (3, 25), 0.24242424242424243),
            ((7, 30), (19, 31), 0.004210685841667802),
            ((12, 13), (4, 14), 0.0013390965336045428),
            ((4000, 10000), (4100, 10000), 0.15385239420763458),
            ((30000, 100000), (30500, 100000), 0.015134745404810003),
            ((299000, 1000000), (300000, 1000000), 0.12301865753641539),
            ((120, 1000), (150, 1000), 0.05759585086892674),
            ((50, 500000), (80, 500000), 0.010688991866717604),
            ((2, 3000), (15, 3100), 0.002369261950950031),
            ((700, 2000), (650, 1800), 0.4762022401061806),
            ((10, 100000), (500, 900000), 8.564887642720594e-13),
            ((33333, 99999), (33000, 100001), 0.11375296818982533),
            ((1000, 2000), (1060, 2000), 0.06194616497328532),
        ];
        for ((a, n1), (b, n2), want) in cases {
            let got = fisher_two_sided(c(a, n1), c(b, n2));
            // Exact to rounding for small tables; the log-gamma terms of a
            // million people carry about 1e-9 of relative error.
            let tol = if n1 + n2 > 10_000 { 1e-6 } else { 1e-9 };
            assert!(
                (got - want).abs() <= tol * want,
                "{a}/{n1} against {b}/{n2}: got {got}, scipy {want}"
            );
            // The test is symmetric in its two rows.
            let swapped = fisher_two_sided(c(b, n2), c(a, n1));
            assert!((swapped - got).abs() <= 1e-9 * got, "{a}/{n1} swapped");
        }
    }

    /// The p-value from exact rational arithmetic: every table with the
    /// observed margins whose probability is at most the observed one.
    fn exact_fisher(group: Count, other: Count) -> f64 {
        use num_bigint::BigUint;
        use num_rational::BigRational;
        use num_traits::ToPrimitive;
        fn binom(n: u64, k: u64) -> BigUint {
            let mut r = BigUint::from(1u32);
            for i in 0..k {
                r = r * BigUint::from(n - i) / BigUint::from(i + 1);
            }
            r
        }
        let (n1, n2) = (group.total, other.total);
        let k = group.selected + other.selected;
        let weight = |x: u64| binom(n1, x) * binom(n2, k - x);
        let observed = weight(group.selected);
        let (mut hit, mut all) = (BigUint::from(0u32), BigUint::from(0u32));
        for x in k.saturating_sub(n2)..=k.min(n1) {
            let w = weight(x);
            if w <= observed {
                hit += &w;
            }
            all += w;
        }
        let p = BigRational::new(hit.into(), all.into());
        p.to_f64().unwrap()
    }

    /// Random small tables against the exact rational computation.
    #[test]
    fn fisher_matches_exact_rationals() {
        let mut rng = fastrand::Rng::with_seed(12);
        for _ in 0..3000 {
            let n1 = rng.u64(1..=40);
            let n2 = rng.u64(1..=40);
            let a = rng.u64(0..=n1);
            let b = rng.u64(0..=n2);
            let got = fisher_two_sided(c(a, n1), c(b, n2));
            let want = exact_fisher(c(a, n1), c(b, n2));
            assert!(
                (got - want).abs() <= 1e-9 * want,
                "{a}/{n1} against {b}/{n2}: got {got}, exact {want}"
            );
        }
    }

    /// statsmodels 0.15.0, `multipletests(p, method="holm" | "fdr_bh")`
    /// for `p = [0.01, 0.04, 0.03, 0.005, 0.2]`.
    const HOLM: [f64; 5] = [0.04, 0.09, 0.09, 0.025, 0.2];
    const BH: [f64; 5] = [
        0.024999999999999998,
        0.049999999999999996,
        0.049999999999999996,
        0.024999999999999998,
        0.2,
    ];

    #[test]
    fn corrections_match_statsmodels() {
        let p = [0.01, 0.04, 0.03, 0.005, 0.2];
        let holm = Correction::Holm.adjust(&p);
        let bh = Correction::Bh.adjust(&p);
        for (got, want) in holm.iter().zip(HOLM) {
            assert!((got - want).abs() < 1e-12, "holm {holm:?}");
        }
        for (got, want) in bh.iter().zip(BH) {
            assert!((got - want).abs() < 1e-12, "bh {bh:?}");
        }
        assert_eq!(Correction::None.adjust(&p), p);
    }

    fn strata(v: &[(u64, u64, u64, u64)]) -> Vec<Stratum> {
        v.iter()
            .map(|&(a, n1, b, n2)| Stratum {
                group: c(a, n1),
                reference: c(b, n2),
            })
            .collect()
    }

    /// statsmodels 0.15.0: `StratifiedTable(tables).test_null_odds(correction=True)`
    /// (statistic, p-value) and `.oddsratio_pooled`, each stratum
    /// `[[a, n1 - a], [b, n2 - b]]` given as `(a, n1, b, n2)`.
    #[test]
    fn cmh_matches_statsmodels() {
        type Case<'a> = (&'a [(u64, u64, u64, u64)], f64, f64, f64);
        let cases: [Case; 5] = [
            (
                &[(6, 20, 10, 20), (5, 20, 9, 20), (7, 20, 11, 20)],
                4.125,
                0.04225402065442241,
                0.42583732057416274,
            ),
            // Simpson's paradox: the crude table says strongly "less often"
            // (Fisher p = 4.5e-11, odds ratio 0.149); within each stratum the
            // group does as well as the reference. The sum of differences
            // is under 0.5, so no continuity correction is applied (R's
            // rule; statsmodels would subtract 0.5 anyway and get 0.0517):
            // the value is statsmodels' `correction=False` one.
            (
                &[(18, 20, 85, 100), (12, 80, 4, 20)],
                0.0002635605316392138,
                0.9870472741937288,
                1.008058017727639,
            ),
            (
                &[(30, 50, 40, 60), (10, 40, 15, 40), (3, 20, 8, 25)],
                2.5408159289901455,
                0.11093744503328362,
                0.6101073870215565,
            ),
            // A stratum where the group has nobody contributes nothing.
            (
                &[(4, 10, 6, 10), (0, 0, 5, 8), (3, 9, 7, 9)],
                2.507763975155279,
                0.11328657026721578,
                0.27419354838709675,
            ),
            (
                &[
                    (400, 1000, 450, 1000),
                    (380, 1000, 460, 1000),
                    (410, 1000, 440, 1000),
                    (300, 800, 330, 800),
                ],
                19.33363526555999,
                1.0975583526251498e-05,
                0.813917046177954,
            ),
        ];
        for (s, stat, p, or) in cases {
            let got = cmh(&strata(s));
            assert!(
                (got.statistic - stat).abs() <= 1e-9 * stat,
                "{s:?}: {got:?}"
            );
            assert!((got.p_value - p).abs() <= 1e-9 * p, "{s:?}: {got:?}");
            let got_or = got.odds_ratio.unwrap();
            assert!((got_or - or).abs() <= 1e-12 * or, "{s:?}: {got:?}");
        }
        // Crude odds ratio of the Simpson case: 30/100 against 89/120.
        let crude = odds_ratio(c(30, 100), c(89, 120)).unwrap();
        assert!((crude - 0.1492776886035313).abs() < 1e-12);
        // Nothing to test.
        let none = cmh(&strata(&[(0, 0, 3, 5)]));
        assert_eq!((none.p_value, none.odds_ratio), (1.0, None));
    }
}
