//! `fairness/nomination-rate`: who gets nominated, by group, against the
//! eligible population.

use super::{p_text, percent, reference};
use crate::fairness;
use crate::finding::Severity;
use crate::rules::{Context, Emitter, Rule, RuleMeta};
use rayon::prelude::*;

pub struct NominationRate;

pub static META: RuleMeta = RuleMeta {
    id: "fairness/nomination-rate",
    severity: Severity::Info,
    summary: "no group is nominated at below four-fifths of the highest group's rate with a \
              statistically significant difference",
    rationale: "Bias can act before the board sees anyone: in who is put forward at all. For \
                each attribute in `fairness.attributes` (except the nomination channel), the \
                rate at which eligible people (those at a level with a level above it on \
                their ladder) were nominated in the cycle is compared with the group with the \
                highest rate, with the same four-fifths threshold, Fisher's exact test and \
                small-group suppression as `fairness/adverse-impact`.",
    options: &[],
    pass: "# 2026-H1: one nomination in each org: platform 1 of 6, cloud 1 of 9, data 1 of 7\n\
           # cloud's ratio is 0.67 but the difference is not significant\n",
    fail: "# 2026-H1: all 16 eligible people of cloud and data nominated, none of the 6 of \
           # platform nor the 6 of product (p = 0.0025 each)\n",
};

impl Rule for NominationRate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_repo(&self, cx: &Context, out: &mut Emitter) {
        // Cycles are analysed in parallel, reported in order.
        let analyses: Vec<_> = cx
            .repo
            .cycles
            .par_iter()
            .filter(|c| !fairness::cycle_nominations(cx.repo, &c.item.id).is_empty())
            .map(|c| (c, fairness::nomination(cx.repo, &c.item, cx.fairness, None)))
            .collect();
        for (c, analyses) in analyses {
            for a in analyses {
                let Some(top) = reference(&a) else { continue };
                for g in a.flagged() {
                    let ratio = g.ratio_value.unwrap_or(0.0);
                    out.at(
                        c.at,
                        &c.ptr("/id"),
                        format!(
                            "cycle `{}`: {} `{}` had {} of {} eligible people nominated ({}), \
                             {ratio:.2} times the rate of `{}` ({} of {}, {}), below the \
                             four-fifths threshold of {} and significant (Fisher's exact test, \
                             {} < {})",
                            c.item.id,
                            a.attribute,
                            g.group,
                            g.selected,
                            g.n,
                            percent(g.rate),
                            top.group,
                            top.selected,
                            top.n,
                            percent(top.rate),
                            cx.fairness.ratio_threshold,
                            p_text(g.p_value),
                            cx.fairness.significance,
                        ),
                    )
                    .help(format!(
                        "{} more nomination{} in `{}` would reach the threshold; check that \
                         everyone eligible there knows the channels (self, manager, peer) and \
                         that managers put people forward",
                        g.shortfall,
                        if g.shortfall == 1 { "" } else { "s" },
                        g.group
                    ));
                }
            }
        }
    }
}
