//! `nomination/duplicate-candidate`: one nomination per candidate per cycle.

use crate::finding::Severity;
use crate::model::Nomination;
use crate::repo::Entry;
use crate::rules::{Context, Emitter, Reach, Rule, RuleId, RuleMeta};
use ahash::AHashMap as HashMap;

pub struct DuplicateCandidate;

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("nomination/duplicate-candidate"),
    severity: Severity::Error,
    summary: "at most one nomination per candidate per cycle, withdrawn ones aside",
    rationale: "Two nominations for one candidate in one cycle split the evidence and the \
                votes, and give that candidate two chances where everyone else has one. \
                Withdraw one (`decision: { outcome: withdrawn }`) to keep its history.",
    options: &[],
    pass: "# nominations/2026h2-jdenton.yaml\ncycle: 2026-H2\ncandidate: jdenton\n\
           # nominations/2026h2-jdenton-e7.yaml\ncycle: 2026-H2\ncandidate: jdenton\n\
           decision: { outcome: withdrawn }\n",
    fail: "# nominations/2026h2-jdenton.yaml\ncycle: 2026-H2\ncandidate: jdenton\n\
           # nominations/2026h2-jdenton-e7.yaml\ncycle: 2026-H2\ncandidate: jdenton   # second\n",
};

impl Rule for DuplicateCandidate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Reads the nominations of the same candidate in the same cycle.
    fn reach(&self) -> Reach {
        Reach::Namesakes
    }

    fn check_repo(&self, cx: &Context, out: &mut Emitter) {
        let repo = cx.repo;
        let mut live: Vec<&Entry<Nomination>> = repo
            .nominations
            .iter()
            .map(|n| &**n)
            .filter(|n| n.item.outcome() != "withdrawn")
            .collect();
        // The first is the one submitted first (then by path), whatever order
        // the files were read in; undated ones come last.
        live.sort_by_cached_key(|n| {
            let submitted = n.item.submitted.as_deref().and_then(super::date);
            (
                submitted.is_none(),
                submitted,
                repo.file(n.at).path.clone(),
                n.at.doc,
            )
        });
        let mut first: HashMap<(&str, &str), &Entry<Nomination>> = HashMap::new();
        for n in live {
            let key = (n.item.cycle.as_str(), n.item.candidate.as_str());
            let Some(f) = first.get(&key) else {
                first.insert(key, n);
                continue;
            };
            out.at(
                n.at,
                &n.ptr("/candidate"),
                format!(
                    "{} already has a nomination in cycle `{}`: `{}`",
                    repo.named(&n.item.candidate),
                    n.item.cycle,
                    f.item.id
                ),
            )
            .related(
                f.at,
                &f.ptr("/candidate"),
                format!("nomination `{}`", f.item.id),
            )
            .help(
                "keep one nomination per cycle: merge the evidence into it, or mark this one \
                 `decision: { outcome: withdrawn }`",
            );
        }
    }
}
