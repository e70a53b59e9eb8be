//! `ref/duplicate-id`: ids are unique.

use crate::finding::Severity;
use crate::repo::DocRef;
use crate::rules::{Context, Emitter, Reach, Rule, RuleId, RuleMeta};
use ahash::AHashMap as HashMap;

pub struct DuplicateId;

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("ref/duplicate-id"),
    severity: Severity::Error,
    summary: "ids are unique: ladders, people, cycles and nominations repo-wide; levels, \
              tracks and competencies within a ladder; questions within a cycle",
    rationale: "Two things with one id make every reference to it ambiguous: which `E6`, which \
                `jdenton`, which nomination did the board decide?",
    options: &[],
    pass: "levels:\n  - { id: E5, ... }\n  - { id: E6, ... }\n",
    fail: "levels:\n  - { id: E5, ... }\n  - { id: E5, ... }   # duplicate\n",
};

/// How many of the other definitions each finding lists.
const MAX_RELATED: usize = 10;

/// Report every definition of an id defined more than once, each pointing
/// at the others (the first few): none of them is "the" definition (a reference to the id
/// resolves to nothing, see `ref/unknown`).
fn check<'a>(
    out: &mut Emitter,
    what: &str,
    items: impl IntoIterator<Item = (&'a str, DocRef, String)>,
) {
    let mut by_id: HashMap<&str, Vec<(DocRef, String)>> = HashMap::new();
    let mut order = Vec::new();
    for (id, at, ptr) in items {
        let defs = by_id.entry(id).or_default();
        if defs.len() == 1 {
            order.push(id);
        }
        defs.push((at, ptr));
    }
    for id in order {
        let defs = &by_id[id];
        for (i, (at, ptr)) in defs.iter().enumerate() {
            let mut r = out.at(
                *at,
                ptr,
                format!("{what} id `{id}` is defined {} times", defs.len()),
            );
            // The first few other definitions (the message says how many
            // there are): an id defined a thousand times would otherwise
            // list a million places.
            let others = defs.iter().enumerate().filter(|(j, _)| *j != i);
            for (_, (oat, optr)) in others.take(MAX_RELATED) {
                r = r.related(*oat, optr, "also defined here");
            }
            r.help("ids must be unique: rename or remove all but one; until then, a reference to this id resolves to nothing");
        }
    }
}

impl Rule for DuplicateId {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Reads every document with the same id.
    fn reach(&self) -> Reach {
        Reach::Namesakes
    }

    fn check_repo(&self, cx: &Context, out: &mut Emitter) {
        let repo = cx.repo;
        check(
            out,
            "ladder",
            repo.ladders
                .iter()
                .map(|l| (l.item.id.as_str(), l.at, l.ptr("/id"))),
        );
        check(
            out,
            "person",
            repo.people
                .iter()
                .map(|p| (p.item.id.as_str(), p.at, p.ptr("/id"))),
        );
        check(
            out,
            "cycle",
            repo.cycles
                .iter()
                .map(|c| (c.item.id.as_str(), c.at, c.ptr("/id"))),
        );
        check(
            out,
            "nomination",
            repo.nominations
                .iter()
                .map(|n| (n.item.id.as_str(), n.at, n.ptr("/id"))),
        );
        for l in &repo.ladders {
            let ladder = &l.item;
            let at = l.at;
            check(
                out,
                "level",
                ladder
                    .levels
                    .iter()
                    .enumerate()
                    .map(|(i, x)| (x.id.as_str(), at, l.ptr(&format!("/levels/{i}/id")))),
            );
            check(
                out,
                "track",
                ladder
                    .tracks
                    .iter()
                    .enumerate()
                    .map(|(i, x)| (x.id.as_str(), at, l.ptr(&format!("/tracks/{i}/id")))),
            );
            check(
                out,
                "competency",
                ladder
                    .competencies
                    .iter()
                    .enumerate()
                    .map(|(i, x)| (x.id.as_str(), at, l.ptr(&format!("/competencies/{i}/id")))),
            );
        }
        for c in &repo.cycles {
            let at = c.at;
            check(
                out,
                "question",
                c.item
                    .questions
                    .iter()
                    .enumerate()
                    .map(|(i, x)| (x.id.as_str(), at, c.ptr(&format!("/questions/{i}/id")))),
            );
        }
    }
}
