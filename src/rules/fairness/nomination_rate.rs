//! `fairness/nomination-rate`: who gets nominated, by group, against the
//! eligible population.

use super::{check_cycles, Measure};
use crate::finding::Severity;
use crate::rules::{Context, Emitter, Reach, Rule, RuleId, RuleMeta};

pub struct NominationRate;

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("fairness/nomination-rate"),
    severity: Severity::Info,
    summary: "no group is nominated at below four-fifths of the highest group's rate with a \
              statistically significant difference",
    rationale: "Bias can act before the board sees anyone: in who is put forward at all. For \
                each attribute in `fairness.attributes` (except the nomination channel), the \
                rate at which eligible people were nominated in the cycle is compared with the \
                reference group (the highest rate), with the same threshold, Fisher's exact \
                test against the reference, correction and small-group protection as \
                `fairness/adverse-impact`. Eligible: employed on the day the cycle opened \
                (`joined` on or before `opens`, no `left` on or before it), at a level with a \
                level above it as of that day (reconstructed through approved nominations), \
                and at it for `fairness.min_time_in_level` months when set.",
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

    /// Reads every nomination of a cycle, and the approved ones of later cycles for who was eligible.
    fn reach(&self) -> Reach {
        Reach::Cohort
    }

    fn reads_cycle_analyses(&self) -> bool {
        true
    }

    fn check_repo(&self, cx: &Context, out: &mut Emitter) {
        check_cycles(
            cx,
            out,
            &Measure {
                analyses: |a| &a.nomination,
                needs_nominations: true,
                rate: "nomination rate",
                unit: "eligible people nominated",
                selection: "nomination",
            },
        );
    }
}
