//! What changed in the ladders between two states of a repository, in terms
//! a reviewer of a ladder pull request cares about: levels added, removed,
//! renamed (same rank and track, new id) or re-ranked; band changes with
//! percentages; expectation text as word diffs; competencies added or
//! removed; and who is affected: people whose level no longer exists, open
//! nominations whose target level changed.
//!
//! This file compares ladders; `words` makes the word diffs and `impact`
//! finds who is affected.

use super::impact::{impact, Impact};
use super::words::{words, Segment};
use crate::model::{Band, Ladder, Level};
use crate::repo::Repo;
use serde::Serialize;
use std::collections::BTreeSet;

#[derive(Debug, Serialize)]
pub struct LadderDiff {
    pub base: String,
    pub head: String,
    pub summary: Summary,
    /// Ladders with any change, by id.
    pub ladders: Vec<LadderChange>,
    pub impact: Impact,
}

#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub ladders_changed: usize,
    pub levels_added: usize,
    pub levels_removed: usize,
    pub levels_renamed: usize,
    pub levels_reranked: usize,
    pub band_changes: usize,
    pub expectation_changes: usize,
    /// Level summaries added, removed or changed.
    pub summary_changes: usize,
    pub competencies_added: usize,
    pub competencies_removed: usize,
    pub people_affected: usize,
    pub nominations_affected: usize,
}

#[derive(Debug, Serialize)]
pub struct LadderChange {
    pub id: String,
    /// `added`, `removed` or `changed`.
    pub status: &'static str,
    pub competencies_added: Vec<Named>,
    pub competencies_removed: Vec<Named>,
    pub levels_added: Vec<LevelInfo>,
    pub levels_removed: Vec<LevelInfo>,
    pub levels_renamed: Vec<Renamed>,
    /// Rank or track changed, same id.
    pub levels_reranked: Vec<Reranked>,
    pub titles: Vec<TitleChange>,
    pub bands: Vec<BandChange>,
    pub expectations: Vec<ExpectationChange>,
    /// Level summaries added, removed or changed, as word diffs.
    pub summaries: Vec<SummaryChange>,
}

impl LadderChange {
    fn is_empty(&self) -> bool {
        self.competencies_added.is_empty()
            && self.competencies_removed.is_empty()
            && self.levels_added.is_empty()
            && self.levels_removed.is_empty()
            && self.levels_renamed.is_empty()
            && self.levels_reranked.is_empty()
            && self.titles.is_empty()
            && self.bands.is_empty()
            && self.expectations.is_empty()
            && self.summaries.is_empty()
    }
}

#[derive(Debug, Serialize)]
pub struct Named {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Serialize)]
pub struct LevelInfo {
    pub id: String,
    pub track: String,
    pub rank: i64,
    pub title: String,
    pub band: Option<BandInfo>,
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct BandInfo {
    pub min: f64,
    pub max: f64,
}

#[derive(Debug, Serialize)]
pub struct Renamed {
    pub from: String,
    pub to: String,
    pub track: String,
    pub rank: i64,
}

#[derive(Debug, Serialize)]
pub struct Reranked {
    pub id: String,
    pub from_track: String,
    pub to_track: String,
    pub from_rank: i64,
    pub to_rank: i64,
}

#[derive(Debug, Serialize)]
pub struct TitleChange {
    /// The level's id at head (`from → to` ids are in `levels_renamed`).
    pub level: String,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Serialize)]
pub struct BandChange {
    pub level: String,
    pub from: Option<BandInfo>,
    pub to: Option<BandInfo>,
    /// Relative changes (`0.05` = +5%), when both bands exist.
    pub min_change: Option<f64>,
    pub max_change: Option<f64>,
    pub midpoint_change: Option<f64>,
}

#[derive(Debug, Serialize)]
pub struct ExpectationChange {
    pub level: String,
    pub competency: String,
    /// `added`, `removed` or `changed`.
    pub kind: &'static str,
    pub from: Option<String>,
    pub to: Option<String>,
    /// The word diff from `from` to `to`.
    pub words: Vec<Segment>,
}

#[derive(Debug, Serialize)]
pub struct SummaryChange {
    pub level: String,
    /// `added`, `removed` or `changed`.
    pub kind: &'static str,
    pub from: Option<String>,
    pub to: Option<String>,
    /// The word diff from `from` to `to`.
    pub words: Vec<Segment>,
}

/// Compare the ladders (and their impact) of `base` and `head`.
pub fn diff(base: &Repo, head: &Repo, base_name: &str, head_name: &str) -> LadderDiff {
    let ids: BTreeSet<&str> = base
        .ladders
        .iter()
        .chain(&head.ladders)
        .map(|l| l.item.id.as_str())
        .collect();
    let mut ladders = Vec::new();
    for id in ids {
        let change = ladder(
            id,
            base.ladder(id).map(|l| &l.item),
            head.ladder(id).map(|l| &l.item),
        );
        if !change.is_empty() {
            ladders.push(change);
        }
    }
    let impact = impact(base, head, &ladders);
    let mut summary = Summary {
        ladders_changed: ladders.len(),
        people_affected: impact.people.len(),
        nominations_affected: impact.nominations.len(),
        ..Summary::default()
    };
    for l in &ladders {
        summary.levels_added += l.levels_added.len();
        summary.levels_removed += l.levels_removed.len();
        summary.levels_renamed += l.levels_renamed.len();
        summary.levels_reranked += l.levels_reranked.len();
        summary.band_changes += l.bands.len();
        summary.expectation_changes += l.expectations.len();
        summary.summary_changes += l.summaries.len();
        summary.competencies_added += l.competencies_added.len();
        summary.competencies_removed += l.competencies_removed.len();
    }
    LadderDiff {
        base: base_name.to_owned(),
        head: head_name.to_owned(),
        summary,
        ladders,
        impact,
    }
}

fn info(l: &Level) -> LevelInfo {
    LevelInfo {
        id: l.id.clone(),
        track: l.track.to_string(),
        rank: l.rank,
        title: l.title.clone(),
        band: l.band.map(band),
    }
}

fn band(b: Band) -> BandInfo {
    BandInfo {
        min: b.min,
        max: b.max,
    }
}

fn ladder(id: &str, base: Option<&Ladder>, head: Option<&Ladder>) -> LadderChange {
    let empty = Ladder {
        id: id.to_owned(),
        ..Ladder::default()
    };
    let status = match (base, head) {
        (None, _) => "added",
        (_, None) => "removed",
        _ => "changed",
    };
    let (b, h) = (base.unwrap_or(&empty), head.unwrap_or(&empty));
    let mut c = LadderChange {
        id: id.to_owned(),
        status,
        competencies_added: Vec::new(),
        competencies_removed: Vec::new(),
        levels_added: Vec::new(),
        levels_removed: Vec::new(),
        levels_renamed: Vec::new(),
        levels_reranked: Vec::new(),
        titles: Vec::new(),
        bands: Vec::new(),
        expectations: Vec::new(),
        summaries: Vec::new(),
    };
    for comp in &h.competencies {
        if !b.competencies.iter().any(|x| x.id == comp.id) {
            c.competencies_added.push(Named {
                id: comp.id.clone(),
                title: comp.title.clone(),
            });
        }
    }
    for comp in &b.competencies {
        if !h.competencies.iter().any(|x| x.id == comp.id) {
            c.competencies_removed.push(Named {
                id: comp.id.clone(),
                title: comp.title.clone(),
            });
        }
    }
    // Pair levels: same id first, then same (track, rank) under a new id.
    let mut pairs: Vec<(&Level, &Level)> = Vec::new();
    let mut removed: Vec<&Level> = Vec::new();
    for lb in &b.levels {
        match h.levels.iter().find(|lh| lh.id == lb.id) {
            Some(lh) => pairs.push((lb, lh)),
            None => removed.push(lb),
        }
    }
    let mut added: Vec<&Level> = h
        .levels
        .iter()
        .filter(|lh| !b.levels.iter().any(|lb| lb.id == lh.id))
        .collect();
    removed.retain(|lb| {
        let Some(i) = added
            .iter()
            .position(|lh| lh.track == lb.track && lh.rank == lb.rank)
        else {
            return true;
        };
        let lh = added.remove(i);
        c.levels_renamed.push(Renamed {
            from: lb.id.clone(),
            to: lh.id.clone(),
            track: lh.track.to_string(),
            rank: lh.rank,
        });
        pairs.push((lb, lh));
        false
    });
    c.levels_added = added.iter().map(|l| info(l)).collect();
    c.levels_removed = removed.iter().map(|l| info(l)).collect();
    // Keep the head's order for everything about paired levels.
    let order = |id: &str| h.levels.iter().position(|l| l.id == id);
    pairs.sort_by_key(|(_, lh)| order(&lh.id));
    for (lb, lh) in pairs {
        if lb.rank != lh.rank || lb.track != lh.track {
            c.levels_reranked.push(Reranked {
                id: lh.id.clone(),
                from_track: lb.track.to_string(),
                to_track: lh.track.to_string(),
                from_rank: lb.rank,
                to_rank: lh.rank,
            });
        }
        if lb.title != lh.title {
            c.titles.push(TitleChange {
                level: lh.id.clone(),
                from: lb.title.clone(),
                to: lh.title.clone(),
            });
        }
        if let Some(bc) = band_change(&lh.id, lb.band, lh.band) {
            c.bands.push(bc);
        }
        let (from, to) = (lb.summary.as_deref(), lh.summary.as_deref());
        let kind = match (from, to) {
            (Some(a), Some(b)) if a.trim() == b.trim() => None,
            (Some(_), Some(_)) => Some("changed"),
            (None, Some(_)) => Some("added"),
            (Some(_), None) => Some("removed"),
            (None, None) => None,
        };
        if let Some(kind) = kind {
            c.summaries.push(SummaryChange {
                level: lh.id.clone(),
                kind,
                from: from.map(str::to_owned),
                to: to.map(str::to_owned),
                words: words(from.unwrap_or(""), to.unwrap_or("")),
            });
        }
        let comps: BTreeSet<&String> = lb
            .expectations
            .keys()
            .chain(lh.expectations.keys())
            .collect();
        // Competencies in the head ladder's order, then any others.
        let mut comps: Vec<&String> = comps.into_iter().collect();
        let pos = |k: &str| {
            h.competencies
                .iter()
                .chain(&b.competencies)
                .position(|x| x.id == k)
                .unwrap_or(usize::MAX)
        };
        comps.sort_by_key(|k| (pos(k), (*k).clone()));
        for k in comps {
            let (from, to) = (lb.expectations.get(k), lh.expectations.get(k));
            let kind = match (from, to) {
                (Some(a), Some(b)) if a.trim() == b.trim() => continue,
                (Some(_), Some(_)) => "changed",
                (None, Some(_)) => "added",
                (Some(_), None) => "removed",
                (None, None) => continue,
            };
            c.expectations.push(ExpectationChange {
                level: lh.id.clone(),
                competency: k.clone(),
                kind,
                from: from.cloned(),
                to: to.cloned(),
                words: words(
                    from.map_or("", String::as_str),
                    to.map_or("", String::as_str),
                ),
            });
        }
    }
    c
}

fn relative(old: f64, new: f64) -> Option<f64> {
    (old != 0.0).then(|| (new - old) / old)
}

fn band_change(level: &str, from: Option<Band>, to: Option<Band>) -> Option<BandChange> {
    let same = match (from, to) {
        (Some(a), Some(b)) => a.min == b.min && a.max == b.max,
        (None, None) => true,
        _ => false,
    };
    if same {
        return None;
    }
    let both = from.zip(to);
    Some(BandChange {
        level: level.to_owned(),
        from: from.map(band),
        to: to.map(band),
        min_change: both.and_then(|(a, b)| relative(a.min, b.min)),
        max_change: both.and_then(|(a, b)| relative(a.max, b.max)),
        midpoint_change: both.and_then(|(a, b)| relative(a.midpoint(), b.midpoint())),
    })
}
