//! The statistics against independent computations (SciPy, statsmodels,
//! exact rationals) and the Uniform Guidelines' own examples.

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
