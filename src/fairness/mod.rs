//! Fairness analysis of a promotion cycle: for each attribute, the rate at
//! which each group is selected (approved among decided nominations, or
//! nominated among eligible people), its impact ratio against the group
//! with the highest rate (the four-fifths rule, computed exactly), Fisher's
//! exact test of the group against everyone else, and the flag.
//!
//! Small-cell suppression: a group with fewer than `min_group_size` people
//! is never named or counted in any output. When exactly one group is
//! suppressed, the next smallest is suppressed too, so the small group's
//! counts cannot be recovered by subtracting the others from a total.

pub mod groups;
pub mod stats;

use crate::config::Fairness;
use crate::model::{Cycle, Nomination, Person};
use crate::repo::Repo;
use serde::Serialize;
use stats::{Count, Fraction};
use std::borrow::Cow;
use std::collections::BTreeMap;

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

/// What the numbers say about one group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Ratio below the threshold and the difference significant: flagged.
    AdverseImpact,
    /// Ratio below the threshold, but the test is not significant (often
    /// because the group is small): watch, not flagged.
    BelowThresholdNotSignificant,
    /// Significantly different from the rest, although the ratio is at or
    /// above the threshold (for instance the top group).
    SignificantAboveThreshold,
    /// Neither.
    Ok,
    /// No ratio: nobody in any shown group was selected.
    NoComparison,
}

impl Status {
    pub fn describe(self, threshold: f64) -> String {
        match self {
            Status::AdverseImpact => format!("adverse impact: below {threshold} and significant"),
            Status::BelowThresholdNotSignificant => {
                format!("below {threshold} but not significant")
            }
            Status::SignificantAboveThreshold => {
                format!("significant although at or above {threshold}")
            }
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
    /// Fisher's exact test, two-sided: this group against all others.
    pub p_value: f64,
    pub status: Status,
    /// `status` in words.
    pub status_text: String,
    /// True for the group with the highest rate (the reference).
    pub reference: bool,
    /// More selections the group would need for its ratio to reach the
    /// threshold.
    pub shortfall: u64,
}

/// One attribute's table.
#[derive(Clone, Debug, Serialize)]
pub struct Analysis {
    pub attribute: String,
    pub measure: Measure,
    /// Shown groups, in a stable order.
    pub groups: Vec<GroupRow>,
    /// The group with the highest rate among the shown ones.
    pub reference: Option<String>,
    /// Groups left out because they had fewer than `min_group_size` people.
    pub suppressed_small: usize,
    /// Groups left out so that a single small group cannot be derived from
    /// the totals (0 or 1).
    pub suppressed_complement: usize,
    /// How many groups had anyone at all.
    pub total_groups: usize,
    /// The people in the analysis, over all groups.
    pub population: u64,
    /// `"fewer than 5"`-style note, when groups were suppressed.
    pub suppression_note: Option<String>,
}

impl Analysis {
    pub fn flagged(&self) -> impl Iterator<Item = &GroupRow> {
        self.groups
            .iter()
            .filter(|g| g.status == Status::AdverseImpact)
    }
}

/// Everything needed to put people and nominations into groups.
pub struct Grouping<'a> {
    repo: &'a Repo,
    cycle: &'a Cycle,
    extra: Option<&'a GroupsFile>,
}

impl<'a> Grouping<'a> {
    pub fn new(repo: &'a Repo, cycle: &'a Cycle, extra: Option<&'a GroupsFile>) -> Self {
        Grouping { repo, cycle, extra }
    }

    /// The group of `person` (or of the nomination's candidate) for `attr`.
    pub fn value(
        &self,
        attr: &str,
        person: Option<&'a Person>,
        n: Option<&'a Nomination>,
    ) -> Cow<'a, str> {
        let id = person
            .map(|p| p.id.as_str())
            .or(n.map(|n| n.candidate.as_str()));
        if let (Some(extra), Some(id)) = (self.extra, id) {
            if let Some(v) = extra.get(id, attr) {
                return Cow::Borrowed(v);
            }
        }
        let v: Option<Cow<'a, str>> = match attr {
            "org" => person.and_then(|p| p.org.as_deref()).map(Cow::Borrowed),
            "track" => self.track(person, n).map(Cow::Borrowed),
            "tenure_band" => person
                .and_then(|p| p.joined.as_deref())
                .and_then(|j| tenure_band(j, self.cycle.closes.as_deref()?))
                .map(Cow::Borrowed),
            "channel" => n.map(|n| Cow::Borrowed(self.channel(n))),
            other => person.and_then(|p| match p.attributes.get(other) {
                Some(serde_json::Value::String(s)) => Some(Cow::Borrowed(s.as_str())),
                Some(serde_json::Value::Number(x)) => Some(Cow::Owned(x.to_string())),
                Some(serde_json::Value::Bool(b)) => Some(Cow::Owned(b.to_string())),
                _ => None,
            }),
        };
        v.filter(|s| !s.trim().is_empty())
            .unwrap_or(Cow::Borrowed(NOT_RECORDED))
    }

    fn track(&self, person: Option<&Person>, n: Option<&Nomination>) -> Option<&'a str> {
        if let Some(n) = n {
            if let Some((_, _, lv)) = self.repo.level(&n.ladder, &n.from_level) {
                return Some(&lv.track);
            }
        }
        let p = person?;
        let (_, _, lv) = self.repo.level(p.ladder.as_deref()?, p.level.as_deref()?)?;
        Some(&lv.track)
    }

    /// `self`, `manager` (the candidate's direct manager) or `other`.
    pub fn channel(&self, n: &Nomination) -> &'static str {
        let Some(by) = n.nominated_by.as_deref() else {
            return "other";
        };
        if by == n.candidate {
            return "self";
        }
        let manager = self
            .repo
            .person(&n.candidate)
            .and_then(|p| p.item.manager.as_deref());
        if manager == Some(by) {
            "manager"
        } else {
            "other"
        }
    }
}

/// The tenure band of someone who joined on `joined`, at `at`: `<1y`,
/// `1–3y`, `3–5y` or `5y+` (whole years completed).
pub fn tenure_band(joined: &str, at: &str) -> Option<&'static str> {
    let (jy, jm, jd) = ymd(joined)?;
    let (ay, am, ad) = ymd(at)?;
    let mut years = ay - jy;
    if (am, ad) < (jm, jd) {
        years -= 1;
    }
    Some(match years {
        i64::MIN..=0 => "<1y",
        1..=2 => "1–3y",
        3..=4 => "3–5y",
        _ => "5y+",
    })
}

fn ymd(s: &str) -> Option<(i64, u32, u32)> {
    let mut it = s.splitn(3, '-');
    let y = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let d = it.next()?.get(..2)?.parse().ok()?;
    Some((y, m, d))
}

const DECIDED: [&str; 3] = ["approved", "declined", "deferred"];

/// The outcome of a nomination: its decision, or `pending` without one.
pub fn outcome(n: &Nomination) -> &str {
    n.decision
        .as_ref()
        .map_or("pending", |d| d.outcome.as_str())
}

/// The nominations of cycle `id`.
pub fn cycle_nominations<'r>(repo: &'r Repo, id: &str) -> Vec<&'r Nomination> {
    repo.nominations
        .iter()
        .map(|n| &n.item)
        .filter(|n| n.cycle == id)
        .collect()
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

/// Approval rates: decided nominations of the cycle, approved ones selected.
pub fn approval(
    repo: &Repo,
    cycle: &Cycle,
    settings: &Fairness,
    extra: Option<&GroupsFile>,
) -> Vec<Analysis> {
    let g = Grouping::new(repo, cycle, extra);
    let decided: Vec<&Nomination> = cycle_nominations(repo, &cycle.id)
        .into_iter()
        .filter(|n| DECIDED.contains(&outcome(n)))
        .collect();
    attributes(settings, extra)
        .iter()
        .map(|attr| {
            let counts = tally(decided.iter().map(|n| {
                let person = repo.person(&n.candidate).map(|p| &p.item);
                (g.value(attr, person, Some(n)), outcome(n) == "approved")
            }));
            analyse(attr, Measure::Approval, counts, settings)
        })
        .collect()
}

/// Nomination rates: eligible people (at a level with a higher rank on
/// their ladder, or nominated in the cycle), nominated ones selected. The
/// `channel` attribute does not apply (it describes a nomination).
pub fn nomination(
    repo: &Repo,
    cycle: &Cycle,
    settings: &Fairness,
    extra: Option<&GroupsFile>,
) -> Vec<Analysis> {
    let g = Grouping::new(repo, cycle, extra);
    let nominated: std::collections::HashSet<&str> = cycle_nominations(repo, &cycle.id)
        .into_iter()
        .map(|n| n.candidate.as_str())
        .collect();
    let eligible: Vec<&Person> = repo
        .people
        .iter()
        .map(|p| &p.item)
        .filter(|p| nominated.contains(p.id.as_str()) || has_level_above(repo, p))
        .collect();
    attributes(settings, extra)
        .iter()
        .filter(|a| a.as_str() != "channel")
        .map(|attr| {
            let counts = tally(eligible.iter().map(|p| {
                (
                    g.value(attr, Some(p), None),
                    nominated.contains(p.id.as_str()),
                )
            }));
            analyse(attr, Measure::Nomination, counts, settings)
        })
        .collect()
}

/// Count members and selected members per group. Groups are few and
/// members many: a group's name is copied once, when first seen.
fn tally<'a>(members: impl Iterator<Item = (Cow<'a, str>, bool)>) -> BTreeMap<String, Count> {
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

/// Whether `p`'s ladder has a level ranked above `p`'s level.
pub fn has_level_above(repo: &Repo, p: &Person) -> bool {
    let (Some(ladder), Some(level)) = (p.ladder.as_deref(), p.level.as_deref()) else {
        return false;
    };
    let Some((l, _, lv)) = repo.level(ladder, level) else {
        return false;
    };
    l.item.levels.iter().any(|x| x.rank > lv.rank)
}

/// Suppress small groups, pick the reference, compute ratios, tests, flags.
pub fn analyse(
    attr: &str,
    measure: Measure,
    counts: BTreeMap<String, Count>,
    settings: &Fairness,
) -> Analysis {
    let threshold = stats::decimal(settings.ratio_threshold);
    let min = settings.min_group_size;
    let all: Vec<(String, Count)> = counts.into_iter().filter(|(_, c)| c.total > 0).collect();
    let population: u64 = all.iter().map(|(_, c)| c.total).sum();
    let total_selected: u64 = all.iter().map(|(_, c)| c.selected).sum();
    let (mut shown, small): (Vec<_>, Vec<_>) = all.iter().partition(|(_, c)| c.total >= min);
    let mut complement = 0;
    if small.len() == 1 && !shown.is_empty() {
        // Hide the smallest shown group as well (ties: the last by name).
        let i = (0..shown.len())
            .min_by_key(|&i| (shown[i].1.total, std::cmp::Reverse(i)))
            .expect("not empty");
        shown.remove(i);
        complement = 1;
    }
    let reference = shown
        .iter()
        .copied()
        .reduce(|best, x| {
            // Highest rate, exactly; ties go to the larger group, then the name.
            let (b, c) = (best.1, x.1);
            let lhs = u128::from(c.selected) * u128::from(b.total);
            let rhs = u128::from(b.selected) * u128::from(c.total);
            if lhs > rhs || (lhs == rhs && c.total > b.total) {
                x
            } else {
                best
            }
        })
        .map(|(name, c)| (name.clone(), *c));
    let mut rows: Vec<GroupRow> = shown
        .iter()
        .map(|(name, c)| {
            let rest = Count {
                selected: total_selected - c.selected,
                total: population - c.total,
            };
            let p_value = stats::fisher_two_sided(*c, rest);
            let ratio = reference
                .as_ref()
                .and_then(|(_, r)| stats::impact_ratio(*c, *r));
            let significant = p_value < settings.significance;
            let status = match ratio {
                None => Status::NoComparison,
                Some(r) if r.less_than(threshold) && significant => Status::AdverseImpact,
                Some(r) if r.less_than(threshold) => Status::BelowThresholdNotSignificant,
                Some(_) if significant => Status::SignificantAboveThreshold,
                Some(_) => Status::Ok,
            };
            GroupRow {
                group: name.clone(),
                n: c.total,
                selected: c.selected,
                rate: c.rate(),
                ratio,
                ratio_value: ratio.map(Fraction::value),
                p_value,
                status,
                status_text: status.describe(settings.ratio_threshold),
                reference: reference.as_ref().is_some_and(|(r, _)| r == name),
                shortfall: reference
                    .as_ref()
                    .map_or(0, |(_, r)| stats::shortfall(*c, *r, threshold)),
            }
        })
        .collect();
    sort_groups(attr, &mut rows);
    let suppressed = small.len() + complement;
    Analysis {
        attribute: attr.to_owned(),
        measure,
        groups: rows,
        reference: reference.map(|(r, _)| r),
        suppressed_small: small.len(),
        suppressed_complement: complement,
        total_groups: all.len(),
        population,
        suppression_note: (suppressed > 0).then(|| suppression_note(small.len(), complement, min)),
    }
}

fn suppression_note(small: usize, complement: usize, min: u64) -> String {
    let groups = |n: usize| if n == 1 { "group" } else { "groups" };
    let mut s = format!(
        "{small} {} with fewer than {min} people not shown",
        groups(small)
    );
    if complement > 0 {
        s.push_str(&format!(
            ", and {complement} more {} so that {} cannot be worked out from the totals",
            groups(complement),
            if small == 1 {
                "its counts"
            } else {
                "their counts"
            }
        ));
    }
    s
}

/// Tenure bands in their natural order, other values by name;
/// `(not recorded)` last.
fn sort_groups(attr: &str, rows: &mut [GroupRow]) {
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

    fn settings(min: u64) -> Fairness {
        Fairness {
            min_group_size: min,
            ..Fairness::default()
        }
    }

    fn counts(v: &[(&str, u64, u64)]) -> BTreeMap<String, Count> {
        v.iter()
            .map(|(g, s, t)| {
                (
                    g.to_string(),
                    Count {
                        selected: *s,
                        total: *t,
                    },
                )
            })
            .collect()
    }

    /// The Uniform Guidelines' Q&A examples as a whole analysis: groups
    /// selected at 60%, 45%, 48% and 51%.
    #[test]
    fn uniform_guidelines_rates() {
        let a = analyse(
            "group",
            Measure::Approval,
            counts(&[
                ("a", 60, 100),
                ("b", 45, 100),
                ("c", 48, 100),
                ("d", 51, 100),
            ]),
            &settings(5),
        );
        let by = |g: &str| a.groups.iter().find(|r| r.group == g).unwrap().clone();
        assert_eq!(a.reference.as_deref(), Some("a"));
        assert_eq!(by("b").ratio, Some(Fraction::new(3, 4)));
        assert_eq!(by("c").ratio, Some(Fraction::new(4, 5)));
        assert_eq!(by("d").ratio, Some(Fraction::new(17, 20)));
        // Each group against the other three (SciPy's fisher_exact):
        // 45/100 vs 159/300: p = 0.16838775242448506, not significant;
        // 60/100 vs 144/300: p = 0.03858872443162009, significant.
        assert!((by("b").p_value - 0.16838775242448506).abs() < 1e-12);
        assert!((by("a").p_value - 0.03858872443162009).abs() < 1e-12);
        assert_eq!(by("b").status, Status::BelowThresholdNotSignificant);
        assert_eq!(by("a").status, Status::SignificantAboveThreshold);
        assert_eq!(by("b").shortfall, 3);
        assert_ne!(by("c").status, Status::BelowThresholdNotSignificant);
        assert_ne!(by("c").status, Status::AdverseImpact);
        assert_eq!(by("c").shortfall, 0);
    }

    /// Two groups of 100 at 45% and 60%: below four-fifths and significant
    /// (p = 0.0472, SciPy); the top group itself is "significant although
    /// above the threshold".
    #[test]
    fn flags_need_both_ratio_and_significance() {
        let a = analyse(
            "org",
            Measure::Approval,
            counts(&[("high", 60, 100), ("low", 45, 100)]),
            &settings(5),
        );
        assert_eq!(a.groups[0].group, "high");
        assert_eq!(a.groups[0].status, Status::SignificantAboveThreshold);
        assert!(a.groups[0].reference);
        assert_eq!(a.groups[1].status, Status::AdverseImpact);
        assert!((a.groups[1].p_value - 0.04716548538301931).abs() < 1e-12);
        assert_eq!(a.flagged().count(), 1);
        // 48% against 60%: exactly four-fifths, never flagged.
        let b = analyse(
            "org",
            Measure::Approval,
            counts(&[("high", 60, 100), ("low", 48, 100)]),
            &settings(5),
        );
        assert_eq!(b.groups[1].status, Status::Ok);
    }

    #[test]
    fn small_groups_are_never_shown() {
        let a = analyse(
            "location",
            Measure::Approval,
            counts(&[("big", 9, 10), ("mid", 3, 8), ("tiny", 0, 3), ("wee", 1, 2)]),
            &settings(5),
        );
        let names: Vec<&str> = a.groups.iter().map(|g| g.group.as_str()).collect();
        assert_eq!(names, ["big", "mid"]);
        assert_eq!(a.suppressed_small, 2);
        assert_eq!(a.suppressed_complement, 0);
        assert_eq!(
            a.suppression_note.as_deref(),
            Some("2 groups with fewer than 5 people not shown")
        );
        let json = serde_json::to_string(&a).unwrap();
        assert!(!json.contains("tiny") && !json.contains("wee"));
    }

    #[test]
    fn a_single_small_group_hides_the_next_smallest_too() {
        let a = analyse(
            "location",
            Measure::Approval,
            counts(&[
                ("big", 9, 10),
                ("mid", 3, 8),
                ("other", 5, 7),
                ("tiny", 0, 3),
            ]),
            &settings(5),
        );
        let names: Vec<&str> = a.groups.iter().map(|g| g.group.as_str()).collect();
        assert_eq!(names, ["big", "mid"]);
        assert_eq!((a.suppressed_small, a.suppressed_complement), (1, 1));
        assert!(a
            .suppression_note
            .unwrap()
            .contains("cannot be worked out from the totals"));
    }

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
