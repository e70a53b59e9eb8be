//! The `fairness:` settings of the configuration, and what counts as
//! loosening them, kept beside the analysis that reads them so
//! `config/relaxed` can ask instead of knowing.

#[derive(Clone, Debug)]
pub struct Fairness {
    pub attributes: Vec<String>,
    pub min_group_size: u64,
    pub ratio_threshold: f64,
    pub significance: f64,
    /// Adjustment of p-values for the number of tests per attribute.
    pub correction: crate::fairness::stats::Correction,
    /// Months at a level before someone counts as eligible (none: no
    /// minimum).
    pub min_time_in_level: Option<u32>,
}

impl Default for Fairness {
    fn default() -> Self {
        Fairness {
            attributes: ["org", "track", "location", "tenure_band", "channel"]
                .map(String::from)
                .to_vec(),
            min_group_size: 5,
            ratio_threshold: 0.8,
            significance: 0.05,
            correction: crate::fairness::stats::Correction::None,
            min_time_in_level: None,
        }
    }
}

/// One way a change of `fairness:` weakens the analysis: the JSON pointer
/// of the setting and what the change does, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loosening {
    pub pointer: &'static str,
    pub message: String,
}

/// Every way `head` is looser than `base`:
/// - an attribute removed: its groups are no longer analysed;
/// - `ratio_threshold` lowered or `significance` lowered: fewer groups are
///   flagged;
/// - `min_group_size` raised: more groups are hidden from the analysis (and
///   so from its flags); lowered: smaller groups are shown, a weaker privacy
///   protection;
/// - `correction` made stronger (`none` < `bh` < `holm`): fewer groups are
///   flagged; made weaker (`holm` or `bh` to `none`, `holm` to `bh`): the
///   guard against false alarms that the policy chose is gone, so its flags
///   can no longer be read at the error rate it promised;
/// - `min_time_in_level` added or raised: fewer people count as eligible
///   for the nomination-rate analysis.
pub fn loosenings(base: &Fairness, head: &Fairness) -> Vec<Loosening> {
    let mut out = Vec::new();
    let mut add = |pointer: &'static str, message: String| out.push(Loosening { pointer, message });
    for attr in base
        .attributes
        .iter()
        .filter(|a| !head.attributes.contains(a))
    {
        add(
            "/fairness/attributes",
            format!("removes fairness attribute `{attr}`"),
        );
    }
    if head.ratio_threshold < base.ratio_threshold {
        add(
            "/fairness/ratio_threshold",
            format!(
                "lowers `fairness.ratio_threshold` from {} to {}",
                base.ratio_threshold, head.ratio_threshold
            ),
        );
    }
    if head.significance < base.significance {
        add(
            "/fairness/significance",
            format!(
                "lowers `fairness.significance` from {} to {}",
                base.significance, head.significance
            ),
        );
    }
    if head.min_group_size > base.min_group_size {
        add(
            "/fairness/min_group_size",
            format!(
                "raises `fairness.min_group_size` from {} to {}: more groups are hidden from the \
                 analysis and its flags",
                base.min_group_size, head.min_group_size
            ),
        );
    }
    if head.min_group_size < base.min_group_size {
        add(
            "/fairness/min_group_size",
            format!(
                "lowers `fairness.min_group_size` from {} to {}: smaller groups are shown, a \
                 weaker protection of the people in them",
                base.min_group_size, head.min_group_size
            ),
        );
    }
    if head.correction.strength() > base.correction.strength() {
        add(
            "/fairness/correction",
            format!(
                "changes `fairness.correction` from `{}` to `{}`: fewer groups are flagged",
                base.correction.name(),
                head.correction.name()
            ),
        );
    }
    if head.correction.strength() < base.correction.strength() {
        add(
            "/fairness/correction",
            format!(
                "changes `fairness.correction` from `{}` to `{}`: a weaker guard against false \
                 alarms, so more flags come from chance alone",
                base.correction.name(),
                head.correction.name()
            ),
        );
    }
    if head.min_time_in_level.unwrap_or(0) > base.min_time_in_level.unwrap_or(0) {
        add(
            "/fairness/min_time_in_level",
            format!(
                "raises `fairness.min_time_in_level` from {} to {} months: fewer people count as \
                 eligible",
                base.min_time_in_level.unwrap_or(0),
                head.min_time_in_level.unwrap_or(0)
            ),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fairness::stats::Correction;

    #[test]
    fn each_loosening_is_named() {
        let base = Fairness::default();
        assert!(loosenings(&base, &base).is_empty());
        let head = Fairness {
            attributes: vec!["org".into()],
            min_group_size: 3,
            ratio_threshold: 0.7,
            significance: 0.01,
            correction: Correction::Holm,
            min_time_in_level: Some(12),
        };
        let got: Vec<&str> = loosenings(&base, &head).iter().map(|l| l.pointer).collect();
        assert_eq!(
            got,
            [
                "/fairness/attributes",
                "/fairness/attributes",
                "/fairness/attributes",
                "/fairness/attributes",
                "/fairness/ratio_threshold",
                "/fairness/significance",
                "/fairness/min_group_size",
                "/fairness/correction",
                "/fairness/min_time_in_level",
            ]
        );
        // Holm back to none flags more, but drops the guard against false
        // alarms the policy chose: named too, and only that.
        let weaker = loosenings(
            &head,
            &Fairness {
                correction: Correction::None,
                ..head.clone()
            },
        );
        assert_eq!(weaker.len(), 1, "{weaker:?}");
        assert_eq!(weaker[0].pointer, "/fairness/correction");
        assert!(weaker[0].message.contains("from `holm` to `none`"));
    }
}
