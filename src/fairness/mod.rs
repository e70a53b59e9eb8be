//! Fairness analysis of a promotion cycle: for each attribute, the rate at
//! which each group is selected (approved among decided nominations, or
//! nominated among the people eligible when the cycle opened), its impact
//! ratio against the group with the highest rate (the reference: the
//! four-fifths rule, computed exactly), Fisher's exact test of the group
//! against that same reference group, and the status.
//!
//! Small groups: a group with fewer than `min_group_size` people in any
//! measure is never shown on its own (`suppress`); the same groups are
//! hidden from every measure and total of a cycle, and a hidden set that
//! would let its members' counts or rates be worked out is widened with a
//! complement that is never a flagged group.

pub mod eligible;
mod grouping;
pub mod groups;
pub mod settings;
pub mod stats;
pub mod suppress;
pub mod trend;

pub use settings::Fairness;

use crate::model::{Cycle, Nomination, Person};
use crate::repo::Repo;
use serde::Serialize;
use stats::{Correction, Count, Fraction};
use std::borrow::Cow;
use std::collections::BTreeMap;

pub use grouping::{tenure_band, Grouping};
pub use groups::GroupsFile;

/// The group of people with no value for an attribute.
pub const NOT_RECORDED: &str = "(not recorded)";

/// Which step of the process is analysed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// Approved among decided (approved, declined, deferred) nominations.
    Approval,
    /// Nominated among eligible people.
    Nomination,
}

/// What the numbers say about one group, against the reference group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Ratio below the threshold and significantly lower: flagged.
    AdverseImpact,
    /// Significantly lower although the ratio is at or above the threshold
    /// (the Uniform Guidelines let a smaller difference count when it is
    /// significant): flagged.
    SignificantDisparity,
    /// Ratio below the threshold, not significant (often a small group):
    /// watch.
    BelowThresholdNotSignificant,
    /// The group with the highest rate, which the others are compared with.
    Reference,
    /// At or above the threshold and not significantly lower.
    Ok,
    /// Nobody in any shown group was selected: there is no rate to compare.
    NoComparison,
}

impl Status {
    /// Whether the lint rules report it.
    pub fn flagged(self) -> bool {
        matches!(self, Status::AdverseImpact | Status::SignificantDisparity)
    }

    pub fn describe(self, threshold: f64) -> String {
        match self {
            Status::AdverseImpact => {
                format!("adverse impact: below {threshold} of the reference and significant")
            }
            Status::SignificantDisparity => {
                format!("significant disparity: at or above {threshold}, significantly lower")
            }
            Status::BelowThresholdNotSignificant => {
                format!("below {threshold}, not significant: watch")
            }
            Status::Reference => "reference: the highest rate".into(),
            Status::Ok => "no indication".into(),
            Status::NoComparison => "no one selected: nothing to compare".into(),
        }
    }
}

/// One shown group of one attribute.
#[derive(Clone, Debug, Serialize)]
pub struct GroupRow {
    pub group: String,
    /// People in the analysis: decided nominations, or eligible people.
    pub n: u64,
    /// Approved, or nominated.
    pub selected: u64,
    /// `selected / n`, 0..1.
    pub rate: f64,
    /// Impact ratio against the reference group, exact; absent when no
    /// shown group had anyone selected.
    pub ratio: Option<Fraction>,
    /// The ratio as a number, for display and charts.
    pub ratio_value: Option<f64>,
    /// Fisher's exact test, two-sided, of this group against the reference
    /// group (absent for the reference itself).
    pub p_value: Option<f64>,
    /// `p_value` adjusted for the attribute's number of tests by
    /// `fairness.correction` (equal to `p_value` with `none`).
    pub p_adjusted: Option<f64>,
    pub status: Status,
    /// `status` in words.
    pub status_text: String,
    /// True for the group with the highest rate (the reference).
    pub reference: bool,
    /// Selections the group would need for its ratio to reach the
    /// threshold (four-fifths of the reference rate) minus its selections.
    pub shortfall_to_threshold: u64,
    /// Selections expected at the overall rate (every group together)
    /// minus its selections: what practitioners call the shortfall;
    /// negative when the group did better than the overall rate.
    pub shortfall_to_overall: f64,
}

/// Groups shown together as one row: the small ones, and any complement
/// hidden with them.
#[derive(Clone, Debug, Serialize)]
pub struct PooledRow {
    /// `other groups (each under 5)`, or `other groups` when a complement
    /// of 5 or more is among them.
    pub label: String,
    /// How many groups are pooled.
    pub groups: usize,
    pub n: u64,
    pub selected: u64,
    pub rate: f64,
}

/// Why a group is not shown on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HiddenReason {
    /// Fewer than `min_group_size` people in this or another measure of
    /// the cycle.
    Small,
    /// Hidden as well so that the small groups' counts or rates cannot be
    /// worked out from the totals.
    Complement,
    /// The whole table is withheld: no group could be hidden as a
    /// complement without hiding a flagged group or the reference.
    Withheld,
}

#[derive(Clone, Debug, Serialize)]
pub struct HiddenGroup {
    /// The group's name; `None` for an attribute from `--groups FILE`,
    /// where even naming a small group would say that someone in the cycle
    /// belongs to it.
    pub group: Option<String>,
    pub reason: HiddenReason,
}

/// One attribute's table.
#[derive(Clone, Debug, Serialize)]
pub struct Analysis {
    pub attribute: String,
    pub measure: Measure,
    /// Shown groups, in a stable order.
    pub groups: Vec<GroupRow>,
    /// The hidden groups together, when they can be shown together.
    pub pooled: Option<PooledRow>,
    /// The group with the highest rate among the shown ones.
    pub reference: Option<String>,
    /// Fisher tests run (one per shown group other than the reference).
    pub tests: usize,
    pub correction: Correction,
    /// Groups not shown on their own, by name, and why.
    pub hidden: Vec<HiddenGroup>,
    /// Flagged groups inside a withheld table (named nowhere).
    pub withheld_flags: usize,
    /// How many groups had anyone at all.
    pub total_groups: usize,
    /// The people in the analysis, over all groups.
    pub population: u64,
    /// Selected people over all groups.
    pub population_selected: u64,
    /// `population_selected / population`.
    pub overall_rate: f64,
    /// What was hidden and why, in words.
    pub suppression_note: Option<String>,
}

impl Analysis {
    pub fn flagged(&self) -> impl Iterator<Item = &GroupRow> {
        self.groups.iter().filter(|g| g.status.flagged())
    }
}

/// Everything the analysis reads of a nomination (`analyse_cycle`, the
/// eligible population and the approved promotions behind it): two
/// nominations with the same inputs weigh the same in every cycle.
/// Changed-only mode relies on it to leave the other nominations out when
/// a change alters none of these (`Reach::Cohort`): a field that the
/// analysis starts reading belongs here too.
#[derive(Debug, PartialEq, Eq)]
pub struct Inputs<'a> {
    pub id: &'a str,
    pub cycle: &'a str,
    pub candidate: &'a str,
    pub ladder: &'a str,
    pub from_level: &'a str,
    pub to_level: &'a str,
    pub nominated_by: Option<&'a str>,
    pub outcome: &'a str,
    pub decided: Option<&'a str>,
}

impl<'a> Inputs<'a> {
    pub fn of(n: &'a Nomination) -> Inputs<'a> {
        Inputs {
            id: &n.id,
            cycle: &n.cycle,
            candidate: &n.candidate,
            ladder: &n.ladder,
            from_level: &n.from_level,
            to_level: &n.to_level,
            nominated_by: n.nominated_by.as_deref(),
            outcome: n.outcome(),
            decided: n.decision.as_ref().and_then(|d| d.date.as_deref()),
        }
    }
}

/// The attributes analysed: the configured ones, then those of the groups
/// file not already listed.
pub fn attributes(settings: &Fairness, extra: Option<&GroupsFile>) -> Vec<String> {
    let mut attrs = settings.attributes.clone();
    if let Some(extra) = extra {
        for a in extra.attributes() {
            if !attrs.contains(a) {
                attrs.push(a.clone());
            }
        }
    }
    attrs
}

/// Count members and selected members per group. Groups are few and
/// members many: a group's name is copied once, when first seen.
pub fn tally<'a>(members: impl Iterator<Item = (Cow<'a, str>, bool)>) -> BTreeMap<String, Count> {
    let mut counts: ahash::AHashMap<Cow<'a, str>, Count> = ahash::AHashMap::new();
    for (group, selected) in members {
        let c = counts.entry(group).or_insert(Count {
            selected: 0,
            total: 0,
        });
        c.total += 1;
        c.selected += u64::from(selected);
    }
    counts
        .into_iter()
        .map(|(g, c)| (g.into_owned(), c))
        .collect()
}

/// Whether `ladder` has a level ranked above `level`.
pub fn has_level_above(repo: &Repo, ladder: &str, level: &str) -> bool {
    let Some((l, _, lv)) = repo.level(ladder, level) else {
        return false;
    };
    l.item.levels.iter().any(|x| x.rank > lv.rank)
}

/// The fairness analyses of one cycle: both measures, every attribute,
/// with one choice of hidden groups per attribute for both.
#[derive(Clone, Debug, Serialize)]
pub struct CycleAnalysis {
    /// How many nominations the cycle has.
    #[serde(skip)]
    pub nominations: usize,
    pub approval: Vec<Analysis>,
    pub nomination: Vec<Analysis>,
    pub eligible: eligible::Summary,
    /// Approval, each shown group against the reference, stratified by
    /// target level (ladder and `to_level`).
    pub by_level: Vec<ByLevel>,
}

/// One attribute's approval comparisons stratified by target level.
#[derive(Clone, Debug, Serialize)]
pub struct ByLevel {
    pub attribute: String,
    /// Target levels with any decided nomination.
    pub levels: usize,
    pub comparisons: Vec<trend::Comparison>,
}

/// What the analyses of every cycle read of all the nominations, gathered
/// in one pass over them instead of one pass per cycle.
pub struct Index<'r> {
    repo: &'r Repo,
    by_cycle: ahash::AHashMap<&'r str, Vec<&'r Nomination>>,
    promotions: eligible::Promotions<'r>,
}

impl<'r> Index<'r> {
    pub fn new(repo: &'r Repo) -> Index<'r> {
        let mut by_cycle: ahash::AHashMap<&str, Vec<&Nomination>> = ahash::AHashMap::new();
        for n in &repo.nominations {
            by_cycle
                .entry(n.item.cycle.as_str())
                .or_default()
                .push(&n.item);
        }
        Index {
            repo,
            by_cycle,
            promotions: eligible::promotions(repo),
        }
    }

    /// The nominations of cycle `id`, in the repository's order.
    pub fn nominations(&self, id: &str) -> &[&'r Nomination] {
        self.by_cycle.get(id).map_or(&[], Vec::as_slice)
    }
}

/// Every cycle of `repo` analysed (as `analyse_cycle`, with no groups
/// file), in the order of `repo.cycles`, in parallel.
pub fn analyse_cycles(repo: &Repo, settings: &Fairness) -> Vec<CycleAnalysis> {
    use rayon::prelude::*;
    let index = Index::new(repo);
    repo.cycles
        .par_iter()
        .map(|c| analyse_cycle_in(&index, &c.item, settings, None))
        .collect()
}

/// Analyse cycle `cycle`: approval rates (decided nominations, approved
/// ones selected) and nomination rates (people eligible when the cycle
/// opened, nominated ones selected; `channel` describes a nomination and
/// does not apply).
pub fn analyse_cycle(
    repo: &Repo,
    cycle: &Cycle,
    settings: &Fairness,
    extra: Option<&GroupsFile>,
) -> CycleAnalysis {
    analyse_cycle_in(&Index::new(repo), cycle, settings, extra)
}

/// As [`analyse_cycle`], with the index of the repository's nominations.
pub fn analyse_cycle_in(
    index: &Index,
    cycle: &Cycle,
    settings: &Fairness,
    extra: Option<&GroupsFile>,
) -> CycleAnalysis {
    let repo = index.repo;
    let g = Grouping::new(repo, cycle, extra);
    let noms = index.nominations(&cycle.id);
    // Each candidate looked up once, for every attribute.
    let decided: Vec<Decided> = noms
        .iter()
        .filter(|n| n.is_decided())
        .map(|n| Decided {
            n,
            person: repo.person(&n.candidate).map(|p| &p.item),
            approved: n.outcome() == "approved",
        })
        .collect();
    let population = eligible::population(index, cycle, settings);
    let mut approval = Vec::new();
    let mut nomination = Vec::new();
    let mut by_level = Vec::new();
    for attr in attributes(settings, extra) {
        let a = tally(
            decided
                .iter()
                .map(|d| (g.value(&attr, d.person, Some(d.n)), d.approved)),
        );
        let nom = (attr != "channel").then(|| {
            tally(
                (population.people.iter())
                    .map(|(p, nominated)| (g.value(&attr, Some(p), None), *nominated)),
            )
        });
        let measures: Vec<(Measure, &BTreeMap<String, Count>)> =
            std::iter::once((Measure::Approval, &a))
                .chain(nom.as_ref().map(|c| (Measure::Nomination, c)))
                .collect();
        let mut plan = suppress::plan(&measures, settings);
        plan.name_hidden = !extra.is_some_and(|e| e.attributes().contains(&attr));
        let table = plan.apply(&attr, Measure::Approval, &a, settings);
        if let Some(c) = &nom {
            nomination.push(plan.apply(&attr, Measure::Nomination, c, settings));
        }
        by_level.push(stratify_by_level(&g, &attr, &decided, &table, settings));
        approval.push(table);
    }
    CycleAnalysis {
        nominations: noms.len(),
        approval,
        nomination,
        eligible: population.summary(),
        by_level,
    }
}

/// A decided nomination of the cycle, with its candidate.
struct Decided<'r> {
    n: &'r Nomination,
    person: Option<&'r Person>,
    approved: bool,
}

/// The shown groups of `table` against its reference, stratified by the
/// target level of each decided nomination.
fn stratify_by_level(
    g: &Grouping,
    attr: &str,
    decided: &[Decided],
    table: &Analysis,
    settings: &Fairness,
) -> ByLevel {
    let mut per: BTreeMap<(&str, &str), BTreeMap<Cow<str>, Count>> = BTreeMap::new();
    for d in decided {
        let c = per
            .entry((d.n.ladder.as_str(), d.n.to_level.as_str()))
            .or_default()
            .entry(g.value(attr, d.person, Some(d.n)))
            .or_insert(Count {
                selected: 0,
                total: 0,
            });
        c.total += 1;
        c.selected += u64::from(d.approved);
    }
    let zero = Count {
        selected: 0,
        total: 0,
    };
    let comparisons = match &table.reference {
        None => Vec::new(),
        Some(r) => table
            .groups
            .iter()
            .filter(|row| !row.reference)
            .map(|row| {
                let strata: Vec<stats::Stratum> = per
                    .values()
                    .map(|m| stats::Stratum {
                        group: m.get(row.group.as_str()).copied().unwrap_or(zero),
                        reference: m.get(r.as_str()).copied().unwrap_or(zero),
                    })
                    .collect();
                trend::compare(&row.group, r, &strata, settings.significance)
            })
            .collect(),
    };
    ByLevel {
        attribute: attr.to_owned(),
        levels: per.len(),
        comparisons,
    }
}

/// The reference of `groups`: the highest rate, exactly; ties go to the
/// larger group, then the first by name.
pub fn reference<'a>(
    groups: impl Iterator<Item = (&'a String, &'a Count)>,
) -> Option<(&'a String, Count)> {
    groups
        .reduce(|best, x| {
            let (b, c) = (best.1, x.1);
            let lhs = u128::from(c.selected) * u128::from(b.total);
            let rhs = u128::from(b.selected) * u128::from(c.total);
            if lhs > rhs || (lhs == rhs && c.total > b.total) {
                x
            } else {
                best
            }
        })
        .map(|(n, c)| (n, *c))
}

/// The rows of the shown groups: ratios and tests against the reference,
/// p-values adjusted for the number of tests, statuses and shortfalls.
/// `overall` is every group together (shown or not).
pub fn rows(
    shown: &BTreeMap<&String, Count>,
    overall: Count,
    settings: &Fairness,
) -> (Vec<GroupRow>, Option<String>, usize) {
    let threshold = stats::decimal(settings.ratio_threshold);
    let reference = reference(shown.iter().map(|(k, v)| (*k, v)));
    let mut rows: Vec<GroupRow> = shown
        .iter()
        .map(|(name, c)| {
            let is_ref = reference.is_some_and(|(r, _)| r == *name);
            let ratio = reference.and_then(|(_, r)| stats::impact_ratio(*c, r));
            let p_value = match reference {
                Some((_, r)) if !is_ref => Some(stats::fisher_two_sided(*c, r)),
                _ => None,
            };
            GroupRow {
                group: (*name).clone(),
                n: c.total,
                selected: c.selected,
                rate: c.rate(),
                ratio,
                ratio_value: ratio.map(Fraction::value),
                p_value,
                p_adjusted: None,
                status: Status::Ok,
                status_text: String::new(),
                reference: is_ref,
                shortfall_to_threshold: reference
                    .map_or(0, |(_, r)| stats::shortfall_to_threshold(*c, r, threshold)),
                shortfall_to_overall: stats::shortfall_to_overall(*c, overall),
            }
        })
        .collect();
    let tested: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].p_value.is_some())
        .collect();
    let raw: Vec<f64> = tested.iter().filter_map(|&i| rows[i].p_value).collect();
    let adjusted = settings.correction.adjust(&raw);
    for (&i, p) in tested.iter().zip(adjusted) {
        rows[i].p_adjusted = Some(p);
    }
    for r in &mut rows {
        let significant = r.p_adjusted.is_some_and(|p| p < settings.significance);
        let lower = reference.is_some_and(|(_, rc)| {
            u128::from(r.selected) * u128::from(rc.total)
                < u128::from(rc.selected) * u128::from(r.n)
        });
        r.status = match r.ratio {
            _ if r.reference && r.ratio.is_some() => Status::Reference,
            None => Status::NoComparison,
            Some(q) if q.less_than(threshold) && significant => Status::AdverseImpact,
            Some(q) if q.less_than(threshold) => Status::BelowThresholdNotSignificant,
            Some(_) if significant && lower => Status::SignificantDisparity,
            Some(_) => Status::Ok,
        };
        r.status_text = r.status.describe(settings.ratio_threshold);
    }
    (rows, reference.map(|(r, _)| r.clone()), tested.len())
}

/// Tenure bands in their natural order, other values by name;
/// `(not recorded)` last.
pub fn sort_groups(attr: &str, rows: &mut [GroupRow]) {
    const BANDS: [&str; 4] = ["<1y", "1–3y", "3–5y", "5y+"];
    rows.sort_by_key(|r| {
        let band = if attr == "tenure_band" {
            BANDS
                .iter()
                .position(|b| *b == r.group)
                .unwrap_or(BANDS.len())
        } else {
            0
        };
        (r.group == NOT_RECORDED, band, r.group.clone())
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenure_bands() {
        assert_eq!(tenure_band("2026-01-01", "2026-07-15"), Some("<1y"));
        assert_eq!(tenure_band("2025-07-15", "2026-07-15"), Some("1–3y"));
        assert_eq!(tenure_band("2025-07-16", "2026-07-15"), Some("<1y"));
        assert_eq!(tenure_band("2023-07-16", "2026-07-15"), Some("1–3y"));
        assert_eq!(tenure_band("2023-07-15", "2026-07-15"), Some("3–5y"));
        assert_eq!(tenure_band("2021-07-15", "2026-07-15"), Some("5y+"));
        assert_eq!(tenure_band("2027-01-01", "2026-07-15"), Some("<1y"));
        assert_eq!(tenure_band("soon", "2026-07-15"), None);
    }
}
