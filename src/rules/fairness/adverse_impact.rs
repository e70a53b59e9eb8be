//! `fairness/adverse-impact`: approval rates by group, the four-fifths rule
//! and Fisher's exact test.

use super::{p_text, percent, reference};
use crate::fairness;
use crate::finding::Severity;
use crate::rules::{Context, Emitter, Rule, RuleMeta};
use rayon::prelude::*;

pub struct AdverseImpact;

pub static META: RuleMeta = RuleMeta {
    id: "fairness/adverse-impact",
    severity: Severity::Warning,
    summary: "no group's approval rate is below four-fifths of the highest group's with a \
              statistically significant difference",
    rationale: "Promotion decisions are widely felt to be subjective and biased. For each \
                attribute in `fairness.attributes` (org, track, location, tenure band, \
                nomination channel), the approval rate of each group (approved / decided) is \
                compared with the group with the highest rate. A ratio below \
                `fairness.ratio_threshold` (the four-fifths rule of the US Uniform \
                Guidelines; exactly 0.8 is not below) is flagged when Fisher's exact test of \
                the group against everyone else is significant at `fairness.significance`, so \
                small random differences are not. Groups with fewer than \
                `fairness.min_group_size` people are never named.",
    options: &[],
    pass: "# 2026-H1: self-nominated 4 of 5 approved (80%), manager-nominated 5 of 5 (100%)\n\
           # ratio 0.8: not below four-fifths\n",
    fail: "# 2026-H1: self-nominated 1 of 6 approved (16.7%), manager-nominated 6 of 6 (100%)\n\
           # ratio 0.17, Fisher's exact test p = 0.015\n",
};

impl Rule for AdverseImpact {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_repo(&self, cx: &Context, out: &mut Emitter) {
        // Cycles are analysed in parallel, reported in order.
        let analyses: Vec<_> = cx
            .repo
            .cycles
            .par_iter()
            .map(|c| (c, fairness::approval(cx.repo, &c.item, cx.fairness, None)))
            .collect();
        for (c, analyses) in analyses {
            for a in analyses {
                let Some(top) = reference(&a) else { continue };
                for g in a.flagged() {
                    let ratio = g.ratio_value.unwrap_or(0.0);
                    let mut help = format!(
                        "{} more approval{} in `{}` would reach the threshold; review how \
                         these nominations were decided",
                        g.shortfall,
                        if g.shortfall == 1 { "" } else { "s" },
                        g.group
                    );
                    if let Some(note) = &a.suppression_note {
                        help.push_str(&format!(" ({note})"));
                    }
                    out.at(
                        c.at,
                        &c.ptr("/id"),
                        format!(
                            "cycle `{}`: {} `{}` had {} of {} decided nominations approved ({}), {ratio:.2} \
                             times the rate of `{}` ({} of {}, {}), below the four-fifths \
                             threshold of {} and significant (Fisher's exact test, {} < {})",
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
                    .help(help);
                }
            }
        }
    }
}
