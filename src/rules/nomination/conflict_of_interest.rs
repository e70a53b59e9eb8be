//! `nomination/conflict-of-interest`: nobody reviews or votes on a
//! nomination they are tied to.

use super::and_list;
use crate::finding::Severity;
use crate::load::pointer::escape as esc;
use crate::model::Nomination;
use crate::repo::{DocRef, Entry, Repo};
use crate::rules::{Context, Emitter, Rule, RuleId, RuleMeta};

pub struct ConflictOfInterest;

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("nomination/conflict-of-interest"),
    severity: Severity::Error,
    summary: "no reviewer or voter is the candidate, the nominator, the mentor, an endorser, in \
              the candidate's management chain, or a direct report of the candidate",
    rationale: "Promotions are widely felt to be political: decided by who you know. A reviewer \
                who nominated, mentored or endorsed the candidate has already taken a side; a \
                manager, skip-level or direct report has a stake in the outcome. Reviews by \
                people without such ties are what make a decision credible to the candidate \
                and to everyone else.",
    options: &[],
    pass: "# lchen is not in jdenton's management chain\ncandidate: jdenton\nreview:\n  \
           reviewers: [ahmed, lchen, okafor]\n",
    fail: "# trunty is jdenton's manager's manager\ncandidate: jdenton\nreview:\n  \
           reviewers: [ahmed, trunty, okafor]   # `trunty` reviews `jdenton` but is their \
           manager's manager\n",
};

/// A tie between a reviewer and the candidate, and the place that shows it.
struct Tie {
    what: String,
    at: DocRef,
    ptr: String,
    note: String,
}

fn chain_name(depth: usize) -> String {
    match depth {
        1 => "is their manager".to_owned(),
        2 => "is their manager's manager".to_owned(),
        d => format!("is in their management chain, {d} levels up"),
    }
}

/// Every tie between `who` and the candidate of `n`.
fn ties(repo: &Repo, n: &Entry<Nomination>, chain: &[&str], who: &str) -> Vec<Tie> {
    let nom = &n.item;
    let mut out = Vec::new();
    let here = |what: &str, ptr: String, note: String| Tie {
        what: what.to_owned(),
        at: n.at,
        ptr,
        note,
    };
    if let Some(i) = chain.iter().position(|m| *m == who) {
        // The person whose `manager` is `who`: the candidate, or the one below.
        let below = if i == 0 {
            nom.candidate.as_str()
        } else {
            chain[i - 1]
        };
        if let Some(p) = repo.person(below) {
            out.push(Tie {
                what: chain_name(i + 1),
                at: p.at,
                ptr: p.ptr("/manager"),
                note: format!("`{below}` reports to `{who}`"),
            });
        }
    }
    if let Some(p) = repo.person(who) {
        if p.item.manager.as_deref() == Some(nom.candidate.as_str()) {
            out.push(Tie {
                what: "is their direct report".to_owned(),
                at: p.at,
                ptr: p.ptr("/manager"),
                note: format!("`{who}` reports to `{}`", nom.candidate),
            });
        }
    }
    if nom.nominated_by.as_deref() == Some(who) {
        out.push(here(
            "nominated them",
            n.ptr("/nominated_by"),
            format!("`{who}` nominated `{}` here", nom.candidate),
        ));
    }
    if nom.mentor.as_deref() == Some(who) {
        out.push(here(
            "is their mentor",
            n.ptr("/mentor"),
            format!("`{who}` mentors `{}`", nom.candidate),
        ));
    }
    if let Some(i) = nom.endorsements.iter().position(|e| e.by == who) {
        out.push(here(
            "endorsed them",
            n.ptr(&format!("/endorsements/{i}")),
            format!("`{who}`'s endorsement"),
        ));
    }
    out
}

impl Rule for ConflictOfInterest {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_nomination(&self, cx: &Context, n: &Entry<Nomination>, out: &mut Emitter) {
        let nom = &n.item;
        let Some(review) = &nom.review else {
            return;
        };
        let chain = cx.repo.chain(&nom.candidate);
        let candidate = nom.candidate.as_str();

        for (i, who) in review.reviewers.iter().enumerate() {
            // Built only for a finding: most reviewers have no tie.
            let vote = || {
                review.votes.get(who).map(|v| {
                    (
                        n.ptr(&format!("/review/votes/{}", esc(who))),
                        format!("`{who}` voted `{v}` here"),
                    )
                })
            };
            let ptr = || n.ptr(&format!("/review/reviewers/{i}"));
            if who == candidate {
                let r = out
                    .at(
                        n.at,
                        &ptr(),
                        format!("{} reviews their own nomination", cx.repo.named(who)),
                    )
                    .help("assign a board member who is not the candidate");
                if let Some((vptr, note)) = vote() {
                    r.related(n.at, &vptr, note);
                }
                continue;
            }
            let ties = ties(cx.repo, n, &chain, who);
            if ties.is_empty() {
                continue;
            }
            let what: Vec<String> = ties.iter().map(|t| t.what.clone()).collect();
            let mut r = out.at(
                n.at,
                &ptr(),
                format!(
                    "{} reviews {} but {}",
                    cx.repo.named(who),
                    cx.repo.name_of(candidate),
                    and_list(&what)
                ),
            );
            for t in &ties {
                r = r.related(t.at, &t.ptr, t.note.clone());
            }
            if let Some((vptr, note)) = vote() {
                r = r.related(n.at, &vptr, note);
            }
            r.help(format!(
                "assign a board member with no tie to {} in place of `{who}`",
                cx.repo.name_of(candidate)
            ));
        }

        for who in review.votes.keys() {
            if review.reviewers.iter().any(|r| r == who) {
                continue; // reported at the reviewer's entry
            }
            let ptr = || n.ptr(&format!("/review/votes/{}", esc(who)));
            if who == candidate {
                out.at_key(
                    n.at,
                    &ptr(),
                    format!("{} votes on their own nomination", cx.repo.named(who)),
                )
                .help("remove the candidate's vote");
                continue;
            }
            let ties = ties(cx.repo, n, &chain, who);
            if ties.is_empty() {
                continue;
            }
            let what: Vec<String> = ties.iter().map(|t| t.what.clone()).collect();
            let mut r = out.at_key(
                n.at,
                &ptr(),
                format!(
                    "{} votes on {}'s nomination but {}",
                    cx.repo.named(who),
                    cx.repo.name_of(candidate),
                    and_list(&what)
                ),
            );
            for t in &ties {
                r = r.related(t.at, &t.ptr, t.note.clone());
            }
            r.help(format!(
                "remove `{who}`'s vote: they have a tie to {}",
                cx.repo.name_of(candidate)
            ));
        }
    }
}
