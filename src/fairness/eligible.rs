//! The people eligible for a cycle, as of the day it opened: employed then
//! (`joined` on or before `opens`, no `left` on or before it), at a level
//! with a level above it on their ladder, and, with
//! `fairness.min_time_in_level`, at that level for long enough. Anyone
//! nominated in the cycle counts as eligible.
//!
//! A person's level at the cycle is reconstructed from approved
//! nominations: the earliest approved promotion decided on or after the
//! day the cycle opened starts from the level they held then; without one,
//! People's current level is the level they held. So the report of an old
//! cycle gives the same numbers after later promotions and departures (as
//! long as people who left stay in People with a `left:` date).

use super::has_level_above;
use super::{Fairness, Index};
use crate::dates::day;
use crate::model::{Cycle, Nomination, Person};
use crate::repo::Repo;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// How the level at the cycle is known, as the report states it.
pub const LEVEL_SOURCE: &str = "People's current level, taken back through approved nominations \
                                decided on or after the day the cycle opened";

/// The eligible people of one cycle.
pub struct Population<'r> {
    /// Each eligible person, and whether they were nominated in the cycle.
    pub people: Vec<(&'r Person, bool)>,
    summary: Summary,
}

/// Who was counted, who was not, and why.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    /// Eligible people.
    pub count: u64,
    /// The day eligibility is taken at (`opens`), when the cycle has one.
    pub as_of: Option<String>,
    /// How the level at the cycle was found.
    pub level_source: &'static str,
    /// People with a later level at the cycle than in People today.
    pub levels_reconstructed: u64,
    /// Not counted: joined after the cycle opened.
    pub joined_after: u64,
    /// Not counted: left on or before the day it opened.
    pub left_before: u64,
    /// Not counted: no level above theirs (or no known level).
    pub no_level_above: u64,
    /// Not counted: fewer than `fairness.min_time_in_level` months at their
    /// level.
    pub too_recent: u64,
    /// `fairness.min_time_in_level`, when set.
    pub min_time_in_level: Option<u32>,
}

/// The date of an approved promotion: its decision date, else the day its
/// cycle decided by, closed or opened.
fn decided_on<'r>(repo: &'r Repo, n: &'r Nomination) -> Option<&'r str> {
    n.decision
        .as_ref()
        .and_then(|d| d.date.as_deref())
        .or_else(|| {
            let c = &repo.cycle(&n.cycle)?.item;
            c.decide_by
                .as_deref()
                .or(c.closes.as_deref())
                .or(c.opens.as_deref())
        })
}

/// A person's ladder and level when `cycle` opened, and since when they
/// held it (when known), and whether it differs from People's.
pub struct LevelAt<'r> {
    pub ladder: &'r str,
    pub level: &'r str,
    pub since: Option<&'r str>,
    pub reconstructed: bool,
}

/// Approved promotions by candidate, with the day each was decided.
pub type Promotions<'r> = HashMap<&'r str, Vec<(&'r str, &'r Nomination)>>;

/// Every approved nomination of the repository, by candidate: read once
/// per analysis, not once per person.
pub fn promotions(repo: &Repo) -> Promotions<'_> {
    let mut by: Promotions = HashMap::new();
    for n in repo.nominations.iter().map(|n| &n.item) {
        if n.outcome() != "approved" {
            continue;
        }
        if let Some(d) = decided_on(repo, n).and_then(day) {
            by.entry(n.candidate.as_str()).or_default().push((d, n));
        }
    }
    by
}

pub fn level_at<'r>(
    promotions: &Promotions<'r>,
    p: &'r Person,
    opens: Option<&str>,
) -> Option<LevelAt<'r>> {
    let promotions: &[(&'r str, &'r Nomination)] =
        promotions.get(p.id.as_str()).map_or(&[], Vec::as_slice);
    let opens = opens.and_then(day);
    // The earliest promotion on or after the opening day starts from the
    // level held then.
    let later = opens.and_then(|o| {
        promotions
            .iter()
            .filter(|(d, _)| *d >= o)
            .min_by_key(|(d, n)| (*d, n.id.as_str()))
    });
    let (ladder, level, reconstructed) = match later {
        Some((_, n)) => (n.ladder.as_str(), n.from_level.as_str(), true),
        None => (p.ladder.as_deref()?, p.level.as_deref()?, false),
    };
    // Since: the last promotion into that level before the opening day,
    // else People's `level_since` (for the current level), else `joined`.
    let into = promotions
        .iter()
        .filter(|(d, n)| opens.is_none_or(|o| *d < o) && n.ladder == ladder && n.to_level == level)
        .max_by_key(|(d, _)| *d)
        .map(|(d, _)| *d);
    let since = into
        .or(if reconstructed {
            None
        } else {
            p.level_since.as_deref()
        })
        .or(p.joined.as_deref());
    Some(LevelAt {
        ladder,
        level,
        since,
        reconstructed,
    })
}

/// The people eligible for `cycle`.
pub fn population<'r>(index: &Index<'r>, cycle: &Cycle, settings: &Fairness) -> Population<'r> {
    let repo = index.repo;
    let opens = cycle.opens.as_deref().and_then(day);
    let nominated: HashSet<&str> = index
        .nominations(&cycle.id)
        .iter()
        .map(|n| n.candidate.as_str())
        .collect();
    let mut summary = Summary {
        count: 0,
        as_of: opens.map(str::to_owned),
        level_source: LEVEL_SOURCE,
        levels_reconstructed: 0,
        joined_after: 0,
        left_before: 0,
        no_level_above: 0,
        too_recent: 0,
        min_time_in_level: settings.min_time_in_level,
    };
    let promotions = &index.promotions;
    let mut people = Vec::new();
    for p in repo.people.iter().map(|p| &p.item) {
        if nominated.contains(p.id.as_str()) {
            people.push((p, true));
            continue;
        }
        if let Some(o) = opens {
            if p.joined.as_deref().and_then(day).is_some_and(|j| j > o) {
                summary.joined_after += 1;
                continue;
            }
            if p.left.as_deref().and_then(day).is_some_and(|l| l <= o) {
                summary.left_before += 1;
                continue;
            }
        }
        let Some(at) = level_at(promotions, p, opens) else {
            summary.no_level_above += 1;
            continue;
        };
        if !has_level_above(repo, at.ladder, at.level) {
            summary.no_level_above += 1;
            continue;
        }
        if let (Some(min), Some(o), Some(since)) = (settings.min_time_in_level, opens, at.since) {
            if crate::dates::whole_months(since, o).is_some_and(|m| m < i64::from(min)) {
                summary.too_recent += 1;
                continue;
            }
        }
        summary.levels_reconstructed += u64::from(at.reconstructed);
        people.push((p, false));
    }
    summary.count = people.len() as u64;
    Population { people, summary }
}

impl Population<'_> {
    pub fn summary(&self) -> Summary {
        self.summary.clone()
    }
}
