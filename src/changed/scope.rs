//! Which unchanged files changed-only mode loads.
//!
//! Each rule declares what it reads to judge a document (`Rule::reach`).
//! When every changed file is a nomination, on both sides, the rules that
//! look from one nomination at another read its namesakes (`ref/duplicate-id`:
//! the same id; `nomination/duplicate-candidate`: the same candidate in the
//! same cycle) or every nomination (the fairness rules: eligibility at a
//! cycle is rebuilt from the approved nominations of later cycles). So an
//! unchanged nomination whose findings the change can alter has the id of a
//! changed nomination or its candidate in its cycle, or an enabled rule
//! reads every nomination; every other unchanged nomination has, on both
//! sides, the same findings. Everything else (people, cycles, ladders, and
//! any file a quick look is not certain of) is always loaded. When a
//! changed file is anything but a nomination, every file is loaded.

use super::sniff::Sniff;
use crate::load;
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
    /// Every nomination is loaded (an enabled rule reaches them all).
    all_nominations: bool,
}

impl Needs {
    /// The needs of the changed files as read at the head and at the base
    /// (`changed`), with `all_nominations` when an enabled rule reaches
    /// every nomination.
    pub fn of<'a>(
        changed: impl IntoIterator<Item = &'a Input>,
        limits: &load::Limits,
        all_nominations: bool,
    ) -> Needs {
        let mut needs = Needs {
            all_nominations,
            ..Needs::default()
        };
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
                // change its findings with any of them.
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
