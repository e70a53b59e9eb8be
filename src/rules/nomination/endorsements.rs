//! `nomination/endorsements`: enough endorsements, from more than the
//! candidate's own corner of the organisation.

use super::and_list;
use crate::finding::Severity;
use crate::model::Nomination;
use crate::repo::Entry;
use crate::rules::{Context, Emitter, Looser, OptionKind, OptionMeta, Rule, RuleId, RuleMeta};

pub struct Endorsements;

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("nomination/endorsements"),
    severity: Severity::Warning,
    summary: "at least `min` endorsements, at least `min_outside_org` from outside the \
              candidate's org, and not all from the candidate's management chain",
    rationale: "Endorsements show that the candidate's impact is seen beyond their own team. \
                Endorsements only from inside the candidate's org, or only from their managers, \
                reward proximity to the decision makers rather than the work; asking for \
                voices from elsewhere keeps the process from being a popularity contest \
                among people who already know each other.",
    options: &[
        OptionMeta {
            name: "min",
            kind: OptionKind::Count { min: 0 },
            default: "2",
            looser: Looser::Lower,
            doc: "endorsements needed",
        },
        OptionMeta {
            name: "min_outside_org",
            kind: OptionKind::Count { min: 0 },
            default: "1",
            looser: Looser::Lower,
            doc: "endorsements needed from people outside the candidate's `org`",
        },
    ],
    pass: "# jdenton is in org `cloud`; rpatel in `data`\nendorsements:\n  \
           - { by: mbordash, relationship: peer, summary: ... }\n  \
           - { by: rpatel, relationship: cross-org, summary: ... }\n",
    fail: "# both endorsers are in `cloud`, like jdenton\nendorsements:\n  \
           - { by: mbordash, relationship: peer, summary: ... }\n  \
           - { by: fosei, relationship: peer, summary: ... }\n",
};

fn plural(n: i64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

impl Rule for Endorsements {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_nomination(&self, cx: &Context, n: &Entry<Nomination>, out: &mut Emitter) {
        let repo = cx.repo;
        let nom = &n.item;
        let opts = cx.options(META.id);
        let (min, min_outside) = (opts.count("min"), opts.count("min_outside_org"));
        let ptr = n.ptr("/endorsements");
        let candidate = nom.candidate.as_str();
        let count = nom.endorsements.len() as i64;

        if count < min {
            out.at(
                n.at,
                &ptr,
                format!(
                    "{} for `{candidate}`, at least {min} needed",
                    if count == 0 {
                        "no endorsements".to_owned()
                    } else {
                        plural(count, "endorsement")
                    }
                ),
            )
            .help("ask people who saw the candidate's work, including someone from another org");
        }

        let person = repo.person(candidate);
        if let Some((p, org)) = person.and_then(|p| p.item.org.as_deref().map(|o| (p, o))) {
            let outside = nom
                .endorsements
                .iter()
                .filter(|e| {
                    repo.person(&e.by)
                        .and_then(|x| x.item.org.as_deref())
                        .is_some_and(|o| o != org)
                })
                .count() as i64;
            // No endorsement at all is already reported above.
            let reported = count == 0 && min > 0;
            if outside < min_outside && !reported {
                let found = if count == 0 {
                    format!("no endorsement is from outside org `{org}`")
                } else {
                    format!(
                        "{outside} of {} {} from outside org `{org}`",
                        plural(count, "endorsement"),
                        if count == 1 { "is" } else { "are" }
                    )
                };
                out.at(
                    n.at,
                    &ptr,
                    format!("{found} (`{candidate}`'s org); at least {min_outside} needed"),
                )
                .related(p.at, &p.ptr("/org"), format!("`{candidate}`'s org"))
                .help("ask someone from another org who worked with the candidate");
            }
        }

        let chain = repo.chain(candidate);
        if count > 0
            && nom
                .endorsements
                .iter()
                .all(|e| chain.contains(&e.by.as_str()))
        {
            let mut names: Vec<String> = Vec::new();
            for e in &nom.endorsements {
                let name = format!("`{}`", e.by);
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            out.at(
                n.at,
                &ptr,
                format!(
                    "every endorsement comes from `{candidate}`'s management chain ({})",
                    and_list(&names)
                ),
            )
            .help("add endorsements from peers or people outside the candidate's reporting line");
        }
    }
}
