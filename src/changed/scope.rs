//! Which unchanged files changed-only mode loads.
//!
//! Each rule declares what it reads to judge a document (`Rule::reach`).
//! When every changed file is a nomination, on both sides, the rules that
//! look from one nomination at another read its namesakes (`ref/duplicate-id`:
//! the same id; `nomination/duplicate-candidate`: the same candidate in the
//! same cycle) or every nomination through a few of its fields (the
//! fairness rules, `Reach::Cohort`: a cycle's cohort, and eligibility at a
//! cycle rebuilt from the approved nominations of any cycle, read only
//! `fairness::Inputs`). So an unchanged nomination whose findings the
//! change can alter has the id of a changed nomination or its candidate in
//! its cycle, or an enabled cohort rule reads it and a changed nomination's
//! inputs differ between the two sides (`cohort_changed`); every other
//! unchanged nomination has, on both sides, the same findings, and so has
//! every cycle's cohort analysis when no input differs. Everything else
//! (people, cycles, ladders, and any file a quick look is not certain of)
//! is always loaded. When a changed file is anything but a nomination,
//! every file is loaded.

use super::sniff::Sniff;
use crate::fairness::Inputs;
use crate::load;
use crate::repo::{Extracted, Loaded};
use crate::source::{Data, Input};
use std::collections::{BTreeMap, BTreeSet};

/// What the changed documents are, read in full on both sides.
#[derive(Debug, Default)]
pub struct Needs {
    /// A changed file is not (on one side) a single nomination: every
    /// file is loaded.
    pub everything: bool,
    ids: BTreeSet<String>,
    candidates: BTreeMap<String, BTreeSet<String>>,
    /// Every nomination is loaded: an enabled rule reaches them all
    /// (`Reach::Cohort`) and a changed nomination alters what it reads.
    pub all_nominations: bool,
}

impl Needs {
    /// The needs of the changed files as read at the head and at the base
    /// (`changed`), for the rules that read a document's namesakes.
    pub fn of<'a>(changed: impl IntoIterator<Item = &'a Input>, limits: &load::Limits) -> Needs {
        let mut needs = Needs::default();
        for input in changed {
            let Data::Bytes(bytes) = &input.data else {
                needs.everything = true;
                continue;
            };
            let (_, json) = load::load_fast(&input.path, bytes.clone(), limits).into_parts();
            let [doc] = json.as_slice() else {
                needs.everything = true;
                continue;
            };
            let field = |k: &str| doc.get(k).and_then(serde_json::Value::as_str);
            match (
                field("kind"),
                field("id"),
                field("cycle"),
                field("candidate"),
            ) {
                (Some("Nomination"), Some(id), Some(cycle), Some(candidate)) => {
                    needs.ids.insert(id.to_owned());
                    needs
                        .candidates
                        .entry(cycle.to_owned())
                        .or_default()
                        .insert(candidate.to_owned());
                }
                _ => needs.everything = true,
            }
        }
        needs
    }

    /// Whether an unchanged file that a quick look saw as `sniff` is loaded.
    pub fn keeps(&self, sniff: &Sniff) -> bool {
        match sniff {
            _ if self.everything => true,
            Sniff::Other => true,
            Sniff::Nomination {
                id,
                cycle,
                candidate,
            } => {
                // A rule that reaches every nomination (the fairness
                // rules: the level each person held when a cycle opened is
                // rebuilt from approved nominations of later cycles) can
                // change its findings with any of them, once a change
                // alters what it reads.
                self.all_nominations
                    || self.ids.contains(id)
                    || self
                        .candidates
                        .get(cycle)
                        .is_some_and(|c| c.contains(candidate))
            }
        }
    }
}

/// Whether the changed files, as loaded at the base and at the head, give
/// the cohort rules (`Reach::Cohort`) different inputs: a nomination added,
/// removed, no longer valid, or with one of its `fairness::Inputs` changed.
/// A changed file that holds anything but nominations counts as a change
/// (every file is loaded then anyway).
pub fn cohort_changed(base: &[Loaded], head: &[Loaded]) -> bool {
    fn inputs(parts: &[Loaded]) -> Option<BTreeMap<&str, Vec<Inputs<'_>>>> {
        let mut by_path = BTreeMap::new();
        for part in parts {
            let mut of_file = Vec::new();
            for e in &part.extracted {
                let Extracted::Nomination(n) = e else {
                    return None;
                };
                of_file.push(Inputs::of(&n.item));
            }
            if !of_file.is_empty() {
                by_path.insert(part.file.path.as_str(), of_file);
            }
        }
        Some(by_path)
    }
    match (inputs(base), inputs(head)) {
        (Some(b), Some(h)) => b != h,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::{registry, Reach};

    /// `Needs` finds namesakes by id and by candidate in a cycle: a rule
    /// that reads other namesakes would need more here.
    #[test]
    fn the_namesakes_read_are_the_ones_needs_loads() {
        let mut namesakes: Vec<&str> = registry()
            .iter()
            .filter(|r| r.reach() == Reach::Namesakes)
            .map(|r| r.meta().id.as_str())
            .collect();
        namesakes.sort_unstable();
        assert_eq!(
            namesakes,
            ["nomination/duplicate-candidate", "ref/duplicate-id"]
        );
    }
}
