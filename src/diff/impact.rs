//! Who a ladder change affects: people whose level no longer exists, and
//! open nominations whose target level changed.

use super::compare::{BandInfo, LadderChange};
use crate::human::amount;
use crate::repo::Repo;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Default, Serialize)]
pub struct Impact {
    /// People (at head) whose level existed at base and no longer exists.
    pub people: Vec<PersonImpact>,
    /// Open nominations (at head) whose target level changed.
    pub nominations: Vec<NominationImpact>,
}

#[derive(Debug, Serialize)]
pub struct PersonImpact {
    pub id: String,
    pub name: String,
    pub ladder: String,
    pub level: String,
    /// What happened to the level: `removed`, `renamed to X`, `ladder removed`.
    pub change: String,
}

#[derive(Debug, Serialize)]
pub struct NominationImpact {
    pub id: String,
    pub candidate: String,
    pub ladder: String,
    pub to_level: String,
    /// What changed about the target level, in words.
    pub changes: Vec<String>,
}

pub(super) fn impact(base: &Repo, head: &Repo, changes: &[LadderChange]) -> Impact {
    let by_id: BTreeMap<&str, &LadderChange> = changes.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut out = Impact::default();
    for p in &head.people {
        let p = &p.item;
        let (Some(ladder), Some(level)) = (p.ladder.as_deref(), p.level.as_deref()) else {
            continue;
        };
        if base.level(ladder, level).is_none() || head.level(ladder, level).is_some() {
            continue;
        }
        let change = match by_id.get(ladder) {
            Some(c) if c.status == "removed" => "ladder removed".to_owned(),
            Some(c) => c
                .levels_renamed
                .iter()
                .find(|r| r.from == level)
                .map_or("removed".to_owned(), |r| format!("renamed to {}", r.to)),
            None => "removed".to_owned(),
        };
        out.people.push(PersonImpact {
            id: p.id.clone(),
            name: p.name.clone(),
            ladder: ladder.to_owned(),
            level: level.to_owned(),
            change,
        });
    }
    for n in &head.nominations {
        let n = &n.item;
        if !n.is_pending() {
            continue;
        }
        let Some(c) = by_id.get(n.ladder.as_str()) else {
            continue;
        };
        let target = n.to_level.as_str();
        let mut what = Vec::new();
        if c.status == "removed" {
            what.push(format!("the ladder `{}` was removed", c.id));
        }
        if c.levels_removed.iter().any(|l| l.id == target) {
            what.push(format!("level `{target}` was removed"));
        }
        if let Some(r) = c.levels_renamed.iter().find(|r| r.from == target) {
            what.push(format!("level `{target}` was renamed to `{}`", r.to));
        }
        // Changes recorded under the head id of the target level.
        let head_id = c
            .levels_renamed
            .iter()
            .find(|r| r.from == target)
            .map_or(target, |r| r.to.as_str());
        if let Some(r) = c.levels_reranked.iter().find(|r| r.id == head_id) {
            what.push(format!(
                "re-ranked from {} rank {} to {} rank {}",
                r.from_track, r.from_rank, r.to_track, r.to_rank
            ));
        }
        if let Some(t) = c.titles.iter().find(|t| t.level == head_id) {
            what.push(format!("title changed from \"{}\" to \"{}\"", t.from, t.to));
        }
        if let Some(b) = c.bands.iter().find(|b| b.level == head_id) {
            what.push(format!(
                "band changed from {} to {}",
                band_text(b.from),
                band_text(b.to)
            ));
        }
        let comps: Vec<&str> = c
            .expectations
            .iter()
            .filter(|e| e.level == head_id)
            .map(|e| e.competency.as_str())
            .collect();
        if !comps.is_empty() {
            what.push(format!("expectations changed: {}", comps.join(", ")));
        }
        if c.summaries.iter().any(|s| s.level == head_id) {
            what.push("summary changed".to_owned());
        }
        if !what.is_empty() {
            out.nominations.push(NominationImpact {
                id: n.id.to_string(),
                candidate: n.candidate.to_string(),
                ladder: n.ladder.to_string(),
                to_level: n.to_level.to_string(),
                changes: what,
            });
        }
    }
    out.nominations.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

fn band_text(b: Option<BandInfo>) -> String {
    b.map_or("none".into(), |b| {
        format!("{}–{}", amount(b.min), amount(b.max))
    })
}
