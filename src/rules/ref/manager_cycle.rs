//! `ref/manager-cycle`: the management chain has no cycle.

use crate::finding::Severity;
use crate::rules::{Context, Emitter, Rule, RuleId, RuleMeta};
use std::collections::HashSet;

pub struct ManagerCycle;

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("ref/manager-cycle"),
    severity: Severity::Error,
    summary: "the management chain has no cycle",
    rationale: "Conflict-of-interest and endorsement rules walk the management chain up to \
                the top; a loop means someone is their own manager's manager, and no chain \
                can be trusted.",
    options: &[],
    pass: "people:\n  - { id: a, name: A }\n  - { id: b, name: B, manager: a }\n",
    fail: "people:\n  - { id: a, name: A, manager: b }\n  - { id: b, name: B, manager: a }\n",
};

impl Rule for ManagerCycle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_repo(&self, cx: &Context, out: &mut Emitter) {
        let repo = cx.repo;
        let mut reported: HashSet<&str> = HashSet::new();
        for p in &repo.people {
            let start = p.item.id.as_str();
            if reported.contains(start) {
                continue;
            }
            // Walk up; a cycle through `start` returns to it.
            let mut path = vec![start];
            let mut seen: HashSet<&str> = HashSet::from([start]);
            let mut cur = p.item.manager.as_deref();
            while let Some(m) = cur {
                if m == start {
                    path.push(m);
                    reported.extend(path.iter().copied());
                    let chain = path
                        .iter()
                        .map(|x| format!("`{x}`"))
                        .collect::<Vec<_>>()
                        .join(" → ");
                    let mut r = out.at(
                        p.at,
                        &p.ptr("/manager"),
                        format!("management chain loops back: {chain}"),
                    );
                    // Every other link of the loop, where it is written.
                    for pair in path[1..].windows(2) {
                        if let Some(x) = repo.person(pair[0]) {
                            r = r.related(
                                x.at,
                                &x.ptr("/manager"),
                                format!("`{}` reports to `{}`", pair[0], pair[1]),
                            );
                        }
                    }
                    r.help(
                        "every chain must end at someone with no manager: correct the \
                         `manager` of one person in the loop",
                    );
                    break;
                }
                if !seen.insert(m) {
                    break; // a cycle further up, reported from one of its members
                }
                path.push(m);
                cur = repo.person(m).and_then(|x| x.item.manager.as_deref());
            }
        }
    }
}
