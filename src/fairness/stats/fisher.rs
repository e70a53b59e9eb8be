//! Fisher's exact test, two-sided, in log space.

use super::Count;
use statrs::function::factorial::ln_binomial;

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
