//! Which groups of an attribute are hidden, decided once for every measure
//! of a cycle.
//!
//! A group with fewer than `min_group_size` people (k) in any measure is
//! hidden from every measure. Everything an outsider can subtract (a total
//! minus the shown rows) then gives the hidden groups together, so the
//! hidden set is shown as one pooled row, and it must be safe: at least k
//! people, selected neither none nor all of them (that would give every
//! member's outcome), and no small member's count or selections pinned to
//! one value by the bounds an outsider knows (each small group has 1 to
//! k - 1 people, each other hidden group k or more). When it is not safe, a
//! complement is hidden too: the smallest group that is neither flagged
//! nor the reference in any measure, so hiding never removes a warning. If
//! no such group is left, the whole table is withheld and says so.

use super::Fairness;
use super::{rows, sort_groups, Analysis, HiddenGroup, HiddenReason, Measure, PooledRow, Status};
use crate::fairness::stats::Count;
use std::collections::BTreeMap;

/// The hidden groups of one attribute, for every measure of a cycle.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub hidden: BTreeMap<String, HiddenReason>,
    /// Every group is withheld (no safe complement exists).
    pub withheld: bool,
    /// Name the hidden groups (not for sensitive attributes).
    pub name_hidden: bool,
}

/// Decide the hidden groups of `attr` from its counts in each measure.
pub fn plan(measures: &[(Measure, &BTreeMap<String, Count>)], settings: &Fairness) -> Plan {
    let k = settings.min_group_size;
    let mut hidden: BTreeMap<String, HiddenReason> = BTreeMap::new();
    for (_, counts) in measures {
        for (g, c) in counts.iter() {
            if c.total > 0 && c.total < k {
                hidden.insert(g.clone(), HiddenReason::Small);
            }
        }
    }
    loop {
        if hidden.is_empty() || measures.iter().all(|(_, counts)| safe(counts, &hidden, k)) {
            return Plan {
                hidden,
                withheld: false,
                name_hidden: true,
            };
        }
        // Groups that must stay visible: flagged or reference anywhere.
        let mut keep: Vec<String> = Vec::new();
        let mut size: BTreeMap<&String, u64> = BTreeMap::new();
        for (_, counts) in measures {
            let shown = shown(counts, &hidden);
            let overall = total(counts.values().copied());
            let (rows, _, _) = rows(&shown, overall, settings);
            for r in rows {
                if r.reference || r.status.flagged() || r.status == Status::Reference {
                    keep.push(r.group);
                }
            }
            for (g, c) in shown {
                *size.entry(g).or_default() += c.total;
            }
        }
        let candidate = size
            .into_iter()
            .filter(|(g, _)| !keep.contains(g))
            .min_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(b.0)))
            .map(|(g, _)| g.clone());
        match candidate {
            Some(g) => {
                hidden.insert(g, HiddenReason::Complement);
            }
            None => {
                return Plan {
                    hidden,
                    withheld: true,
                    name_hidden: true,
                }
            }
        }
    }
}

impl Plan {
    /// The table of one measure under this plan.
    pub fn apply(
        &self,
        attr: &str,
        measure: Measure,
        counts: &BTreeMap<String, Count>,
        settings: &Fairness,
    ) -> Analysis {
        let k = settings.min_group_size;
        let overall = total(counts.values().copied());
        let present: Vec<(&String, Count)> = counts
            .iter()
            .filter(|(_, c)| c.total > 0)
            .map(|(g, c)| (g, *c))
            .collect();
        let mut withheld_flags = 0;
        let (mut groups, reference, tests) = if self.withheld {
            // The flags the table would show with only its small groups
            // hidden (complements are never flagged): the warnings that
            // withholding it takes away, counted so they are not lost.
            let small: BTreeMap<String, HiddenReason> = self
                .hidden
                .iter()
                .filter(|(_, r)| **r == HiddenReason::Small)
                .map(|(g, r)| (g.clone(), *r))
                .collect();
            withheld_flags = rows(&shown(counts, &small), overall, settings)
                .0
                .iter()
                .filter(|r| r.status.flagged())
                .count();
            (Vec::new(), None, 0)
        } else {
            rows(&shown(counts, &self.hidden), overall, settings)
        };
        sort_groups(attr, &mut groups);
        let hidden: Vec<HiddenGroup> = present
            .iter()
            .filter_map(|(g, _)| {
                let reason = if self.withheld {
                    HiddenReason::Withheld
                } else {
                    *self.hidden.get(*g)?
                };
                Some(HiddenGroup {
                    group: self.name_hidden.then(|| (*g).clone()),
                    reason,
                })
            })
            .collect();
        let pooled_members: Vec<Count> = present
            .iter()
            .filter(|(g, _)| self.hidden.contains_key(*g))
            .map(|(_, c)| *c)
            .collect();
        let pooled = (!self.withheld && !pooled_members.is_empty()).then(|| {
            let sum = total(pooled_members.iter().copied());
            let all_small = pooled_members.iter().all(|c| c.total < k);
            PooledRow {
                label: if all_small {
                    format!("other groups (each under {k})")
                } else {
                    "other groups".into()
                },
                groups: pooled_members.len(),
                n: sum.total,
                selected: sum.selected,
                rate: sum.rate(),
            }
        });
        let suppression_note = note(&hidden, self.withheld, k);
        Analysis {
            attribute: attr.to_owned(),
            measure,
            groups,
            pooled,
            reference,
            tests,
            correction: settings.correction,
            hidden,
            withheld_flags,
            total_groups: present.len(),
            population: overall.total,
            population_selected: overall.selected,
            overall_rate: overall.rate(),
            suppression_note,
        }
    }
}

fn note(hidden: &[HiddenGroup], withheld: bool, k: u64) -> Option<String> {
    if hidden.is_empty() {
        return None;
    }
    // Named groups as a list; unnamed ones as a count.
    let names = |reason: HiddenReason| -> Vec<String> {
        let of: Vec<&HiddenGroup> = hidden.iter().filter(|h| h.reason == reason).collect();
        if of.is_empty() {
            return Vec::new();
        }
        if of.iter().all(|h| h.group.is_some()) {
            return of
                .iter()
                .filter_map(|h| h.group.as_ref().map(|g| format!("“{g}”")))
                .collect();
        }
        vec![format!(
            "{} {}",
            of.len(),
            if of.len() == 1 { "group" } else { "groups" }
        )]
    };
    if withheld {
        return Some(format!(
            "no group is shown: a group of fewer than {k} people could be worked out from \
             the totals, and no other group could be hidden with it without hiding a flagged \
             group or the reference"
        ));
    }
    let small = names(HiddenReason::Small);
    let complement = names(HiddenReason::Complement);
    if small.is_empty() {
        return Some(format!(
            "{} hidden so that groups of fewer than {k} people in the cycle's other analysis \
             cannot be worked out from the totals; shown together as one row",
            complement.join(", ")
        ));
    }
    let one = hidden
        .iter()
        .filter(|h| h.reason == HiddenReason::Small)
        .count()
        == 1;
    let mut s = format!(
        "{} hidden: fewer than {k} people in this cycle's analyses; shown together as one row",
        small.join(", ")
    );
    if !complement.is_empty() {
        s.push_str(&format!(
            "; {} hidden with {} so that {} counts and rates cannot be worked out from the totals",
            complement.join(", "),
            if one { "it" } else { "them" },
            if one { "its" } else { "their" },
        ));
    }
    Some(s)
}

/// The groups of `counts` that are shown: not hidden, anyone in them.
pub fn shown<'a>(
    counts: &'a BTreeMap<String, Count>,
    hidden: &BTreeMap<String, HiddenReason>,
) -> BTreeMap<&'a String, Count> {
    counts
        .iter()
        .filter(|(g, c)| c.total > 0 && !hidden.contains_key(*g))
        .map(|(g, c)| (g, *c))
        .collect()
}

pub fn total(counts: impl Iterator<Item = Count>) -> Count {
    counts.fold(
        Count {
            selected: 0,
            total: 0,
        },
        |a, c| Count {
            selected: a.selected + c.selected,
            total: a.total + c.total,
        },
    )
}

/// Whether the hidden groups of one measure, seen only as their sum, keep
/// every member group under `k` from being worked out.
pub fn safe(
    counts: &BTreeMap<String, Count>,
    hidden: &BTreeMap<String, HiddenReason>,
    k: u64,
) -> bool {
    let members: Vec<Count> = counts
        .iter()
        .filter(|(g, c)| c.total > 0 && hidden.contains_key(*g))
        .map(|(_, c)| *c)
        .collect();
    if members.is_empty() {
        return true;
    }
    let sum = total(members.iter().copied());
    let (n, s) = (sum.total, sum.selected);
    if n < k || s == 0 || s == n {
        return false;
    }
    let small = members.iter().filter(|c| c.total < k).count() as u64;
    let big = members.len() as u64 - small;
    if small == 0 {
        return true;
    }
    // Bounds of one small group's size, given the others' bounds.
    let lo = if big > 0 {
        1
    } else {
        n.saturating_sub((small - 1) * (k - 1)).max(1)
    };
    let hi = (k - 1).min(n.saturating_sub((small - 1) + big * k));
    if lo >= hi {
        return false;
    }
    // Bounds of its selections: at least what the others cannot hold.
    let s_lo = s.saturating_sub(n - lo);
    let s_hi = hi.min(s);
    s_lo < s_hi
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn hide(v: &[&str]) -> BTreeMap<String, HiddenReason> {
        v.iter()
            .map(|g| (g.to_string(), HiddenReason::Small))
            .collect()
    }

    #[test]
    fn safety_of_a_pool() {
        let k = 5;
        // One small group alone: its counts are the pool's.
        assert!(!safe(
            &counts(&[("a", 1, 3), ("b", 5, 9)]),
            &hide(&["a"]),
            k
        ));
        // Two small groups of 3 and 4: 7 people, 2 selected; sizes 3..4 each.
        assert!(safe(
            &counts(&[("a", 1, 3), ("c", 1, 4), ("b", 5, 9)]),
            &hide(&["a", "c"]),
            k
        ));
        // Nobody selected: every member's outcome is known.
        assert!(!safe(
            &counts(&[("a", 0, 3), ("c", 0, 4), ("b", 5, 9)]),
            &hide(&["a", "c"]),
            k
        ));
        // Two groups of 4: the only way to make 8 from two groups under 5.
        assert!(!safe(
            &counts(&[("a", 1, 4), ("c", 2, 4), ("b", 5, 9)]),
            &hide(&["a", "c"]),
            k
        ));
        // Under k together.
        assert!(!safe(
            &counts(&[("a", 1, 2), ("c", 1, 2), ("b", 5, 9)]),
            &hide(&["a", "c"]),
            k
        ));
    }
}
