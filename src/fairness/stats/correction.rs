//! Adjusting the p-values of several tests on one attribute: Holm, or
//! Benjamini-Hochberg.

use serde::Serialize;

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
