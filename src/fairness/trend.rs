//! Evidence across strata: several cycles (each group's rates cycle by
//! cycle, and a test stratified by cycle), and one cycle's approvals
//! stratified by target level, so that a group concentrated at harder
//! promotions is not mistaken for a disadvantaged one, and a disadvantage
//! hidden by the mix of levels (Simpson's paradox) is found.
//!
//! Each comparison is a group against the reference group, shown crude
//! (the strata summed: Fisher's exact test and the odds ratio) beside
//! stratified (the Cochran-Mantel-Haenszel test and the Mantel-Haenszel
//! common odds ratio), and flagged when the two disagree.
//!
//! Across cycles, only the numbers each cycle's own report shows are used:
//! a group enters a cycle's stratum only where that cycle shows it, so
//! nothing here lets a hidden group be worked out from the cycles' reports.

use super::stats::{self, Cmh, Count, Stratum};
use super::Fairness;
use super::{Analysis, CycleAnalysis, Measure};
use serde::Serialize;
use std::collections::BTreeMap;

/// One group against the reference, crude and stratified.
#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    pub group: String,
    pub reference: String,
    /// The group and the reference summed over the strata used.
    pub crude_group: CountRow,
    pub crude_reference: CountRow,
    /// Fisher's exact test, two-sided, of the summed table.
    pub crude_p_value: f64,
    /// Odds ratio of the summed table (group against reference; below 1:
    /// selected less often). `None` when a cell it divides by is empty.
    pub crude_odds_ratio: Option<f64>,
    /// Cochran-Mantel-Haenszel test and Mantel-Haenszel common odds ratio.
    pub stratified: Cmh,
    /// The crude and stratified results lead to different conclusions:
    /// one significant and not the other, or odds ratios on opposite
    /// sides of 1.
    pub disagree: bool,
    /// What the disagreement is, in words.
    pub disagreement: Option<String>,
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct CountRow {
    pub n: u64,
    pub selected: u64,
    pub rate: f64,
}

impl From<Count> for CountRow {
    fn from(c: Count) -> Self {
        CountRow {
            n: c.total,
            selected: c.selected,
            rate: c.rate(),
        }
    }
}

/// Compare `group` with `reference` over `strata`.
pub fn compare(group: &str, reference: &str, strata: &[Stratum], significance: f64) -> Comparison {
    let sum = |f: fn(&Stratum) -> Count| super::suppress::total(strata.iter().map(f));
    let g = sum(|s| s.group);
    let r = sum(|s| s.reference);
    let crude_p_value = stats::fisher_two_sided(g, r);
    let crude_odds_ratio = stats::odds_ratio(g, r);
    let stratified = stats::cmh(strata);
    let crude_sig = crude_p_value < significance;
    let strat_sig = stratified.p_value < significance;
    let side = |or: Option<f64>| or.map(|x| x.partial_cmp(&1.0));
    let opposite = matches!(
        (side(crude_odds_ratio), side(stratified.odds_ratio)),
        (Some(Some(a)), Some(Some(b)))
            if a != b && a != std::cmp::Ordering::Equal && b != std::cmp::Ordering::Equal
    );
    let disagreement = if crude_sig && !strat_sig {
        Some(
            "significant crude, not within strata: the difference is explained by how the \
             groups are spread over the strata"
                .to_owned(),
        )
    } else if strat_sig && !crude_sig {
        Some(
            "significant within strata, not crude: the mix of strata hides a difference".to_owned(),
        )
    } else if opposite {
        Some("the crude and stratified odds ratios point in opposite directions".to_owned())
    } else {
        None
    };
    Comparison {
        group: group.to_owned(),
        reference: reference.to_owned(),
        crude_group: g.into(),
        crude_reference: r.into(),
        crude_p_value,
        crude_odds_ratio,
        stratified,
        disagree: disagreement.is_some(),
        disagreement,
    }
}

/// One attribute's trend over cycles for one measure.
#[derive(Clone, Debug, Serialize)]
pub struct TrendTable {
    pub attribute: String,
    pub measure: Measure,
    /// The group with the highest rate over the cycles that show it.
    pub reference: Option<String>,
    pub groups: Vec<TrendGroup>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TrendGroup {
    pub group: String,
    /// One per cycle of the trend, in order; `None` where that cycle does
    /// not show the group (absent, or hidden to protect a small group).
    pub cycles: Vec<Option<CountRow>>,
    /// Against the reference, stratified by cycle (absent for the
    /// reference, and where no cycle shows both).
    pub pooled: Option<Comparison>,
}

/// Several cycles together.
#[derive(Clone, Debug, Serialize)]
pub struct Trend {
    /// Cycle ids, oldest first.
    pub cycles: Vec<String>,
    pub approval: Vec<TrendTable>,
    pub nomination: Vec<TrendTable>,
}

/// The trend of `cycles` (oldest first) from their own analyses.
pub fn trend(cycles: &[(String, CycleAnalysis)], settings: &Fairness) -> Trend {
    let pick = |m: Measure| -> Vec<TrendTable> {
        let per: Vec<&Vec<Analysis>> = cycles
            .iter()
            .map(|(_, a)| match m {
                Measure::Approval => &a.approval,
                Measure::Nomination => &a.nomination,
            })
            .collect();
        let mut attrs: Vec<&str> = Vec::new();
        for list in &per {
            for a in list.iter() {
                if !attrs.contains(&a.attribute.as_str()) {
                    attrs.push(&a.attribute);
                }
            }
        }
        attrs
            .iter()
            .map(|attr| table(attr, m, &per, settings))
            .collect()
    };
    Trend {
        cycles: cycles.iter().map(|(id, _)| id.clone()).collect(),
        approval: pick(Measure::Approval),
        nomination: pick(Measure::Nomination),
    }
}

fn table(attr: &str, measure: Measure, per: &[&Vec<Analysis>], settings: &Fairness) -> TrendTable {
    // Shown counts: group -> one entry per cycle.
    let mut cells: BTreeMap<String, Vec<Option<Count>>> = BTreeMap::new();
    for (i, list) in per.iter().enumerate() {
        let Some(a) = list.iter().find(|a| a.attribute == attr) else {
            continue;
        };
        for g in &a.groups {
            cells
                .entry(g.group.clone())
                .or_insert_with(|| vec![None; per.len()])[i] = Some(Count {
                selected: g.selected,
                total: g.n,
            });
        }
    }
    let pooled: BTreeMap<&String, Count> = cells
        .iter()
        .map(|(g, v)| (g, super::suppress::total(v.iter().flatten().copied())))
        .collect();
    let reference = super::reference(pooled.iter().map(|(k, v)| (*k, v))).map(|(r, _)| r.clone());
    let mut groups: Vec<TrendGroup> = cells
        .iter()
        .map(|(g, v)| {
            let cmp = reference.as_ref().filter(|r| *r != g).and_then(|r| {
                let rv = &cells[r];
                let strata: Vec<Stratum> = v
                    .iter()
                    .zip(rv)
                    .filter_map(|(a, b)| {
                        Some(Stratum {
                            group: (*a)?,
                            reference: (*b)?,
                        })
                    })
                    .collect();
                (!strata.is_empty()).then(|| compare(g, r, &strata, settings.significance))
            });
            TrendGroup {
                group: g.clone(),
                cycles: v.iter().map(|c| c.map(CountRow::from)).collect(),
                pooled: cmp,
            }
        })
        .collect();
    groups.sort_by_key(|g| (Some(&g.group) != reference.as_ref(), g.group.clone()));
    TrendTable {
        attribute: attr.to_owned(),
        measure,
        reference,
        groups,
    }
}
