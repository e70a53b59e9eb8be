//! `nomination/dates`: the nomination and its decision fall within the
//! cycle's dates, and no decision is overdue.

use super::{date, days};
use crate::finding::Severity;
use crate::model::Nomination;
use crate::repo::Entry;
use crate::rules::{Context, Emitter, Rule, RuleId, RuleMeta};

pub struct Dates;

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("nomination/dates"),
    severity: Severity::Error,
    summary: "submitted after the cycle opens; decided not before submission and not after \
              `decide_by`; not still pending after `decide_by`",
    rationale: "Candidates plan around the cycle's dates and are owed a decision by \
                `decide_by`. A nomination that sits undecided past that date leaves someone \
                waiting without an answer; dates out of order usually mean a nomination was \
                filed in the wrong cycle. Overdue is measured against today (`--today` or \
                `LADDERLINT_TODAY` make runs reproducible). Submissions after the cycle \
                closes are reported by `nomination/late`.",
    options: &[],
    pass: "# cycle 2026-H2: opens 2026-06-01, decide_by 2026-09-01\nsubmitted: 2026-06-20\n\
           decision: { outcome: approved, date: 2026-08-20, ... }\n",
    fail: "# cycle 2026-H2: opens 2026-06-01, decide_by 2026-09-01\nsubmitted: 2026-06-20\n\
           decision: { outcome: approved, date: 2026-09-15, ... }   # 14 days after decide_by\n",
};

impl Rule for Dates {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_nomination(&self, cx: &Context, n: &Entry<Nomination>, out: &mut Emitter) {
        let nom = &n.item;
        let cycle = cx.repo.cycle(&nom.cycle);
        let field = |v: Option<&str>| v.and_then(date);
        let submitted = field(nom.submitted.as_deref());
        let decided = nom.decision.as_ref().and_then(|d| field(d.date.as_deref()));
        let cid = &nom.cycle;

        if let (Some(c), Some(s)) = (cycle, submitted) {
            if let Some(opens) = field(c.item.opens.as_deref()) {
                if s < opens {
                    let r = out
                        .at(
                            n.at,
                            &n.ptr("/submitted"),
                            format!(
                                "submitted on {s}, {} before cycle `{cid}` opens on {opens}",
                                days((opens - s).whole_days())
                            ),
                        )
                        .related(c.at, &c.ptr("/opens"), format!("cycle `{cid}` opens"));
                    let open_then = cx.repo.cycles.iter().find(|o| {
                        field(o.item.opens.as_deref()).is_some_and(|a| a <= s)
                            && field(o.item.closes.as_deref()).is_some_and(|b| s <= b)
                    });
                    match open_then {
                        Some(o) => r.help(format!(
                            "cycle `{}` was open on {s}; did you mean `{}`?",
                            o.item.id, o.item.id
                        )),
                        None => r.help("check the date, or file the nomination in another cycle"),
                    };
                }
            }
        }

        if let (Some(s), Some(d)) = (submitted, decided) {
            if d < s {
                out.at(
                    n.at,
                    &n.ptr("/decision/date"),
                    format!(
                        "decided on {d}, {} before the nomination was submitted on {s}",
                        days((s - d).whole_days())
                    ),
                )
                .related(n.at, &n.ptr("/submitted"), "submitted here");
            }
        }

        let Some(c) = cycle else {
            return;
        };
        if let Some(late) = nom.decided_late(&c.item) {
            let (d, decide_by) = (late.on, late.due);
            out.at(
                n.at,
                &n.ptr("/decision/date"),
                format!(
                    "decided on {d}, {} after cycle `{cid}`'s `decide_by` date {decide_by}",
                    days(late.days)
                ),
            )
            .related(
                c.at,
                &c.ptr("/decide_by"),
                format!("cycle `{cid}` decides by {decide_by}"),
            )
            .help("check the date; a late decision is still late for the candidate");
        }
        if let Some(late) = nom.overdue(&c.item, &cx.today) {
            let (today, decide_by) = (late.on, late.due);
            out.at(
                n.at,
                &n.ptr("/decision/outcome"),
                format!(
                    "decision overdue: still pending {} after cycle `{cid}`'s `decide_by` \
                     date {decide_by} (today is {today})",
                    days(late.days)
                ),
            )
            .related(
                c.at,
                &c.ptr("/decide_by"),
                format!("cycle `{cid}` decides by {decide_by}"),
            )
            .help(
                "decide the nomination, or record it as `deferred` with feedback for the \
                 candidate",
            );
        }
    }
}
