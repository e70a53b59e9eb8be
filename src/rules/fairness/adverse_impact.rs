//! `fairness/adverse-impact`: approval rates by group, the four-fifths rule
//! and Fisher's exact test.

use super::{check_cycles, Measure};
use crate::finding::Severity;
use crate::rules::{Context, Emitter, Reach, Rule, RuleId, RuleMeta};

pub struct AdverseImpact;

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("fairness/adverse-impact"),
    severity: Severity::Warning,
    summary: "no group's approval rate is below four-fifths of the reference group's with a \
              significant difference, nor significantly lower at any ratio",
    rationale: "Promotion decisions are widely felt to be subjective and biased. For each \
                attribute in `fairness.attributes` (org, track, location, tenure band, \
                nomination channel), the approval rate of each group (approved / decided) is \
                compared with the reference: the group with the highest rate. Fisher's exact \
                test (two-sided, exact at any size) compares the group with that same \
                reference group, adjusted for the attribute's number of tests by \
                `fairness.correction`. Reported: `adverse-impact` (ratio below \
                `fairness.ratio_threshold`, the four-fifths rule of the US Uniform Guidelines, \
                exactly 0.8 not below, and p below `fairness.significance`) and \
                `significant-disparity` (significantly lower at a ratio at or above the \
                threshold). Groups with fewer than `fairness.min_group_size` people are never \
                shown on their own.",
    options: &[],
    pass: "# 2026-H1: self-nominated 4 of 5 approved (80%), manager-nominated 5 of 5 (100%)\n\
           # ratio 0.8: not below four-fifths\n",
    fail: "# 2026-H1: self-nominated 1 of 6 approved (16.7%), manager-nominated 6 of 6 (100%)\n\
           # ratio 0.17, Fisher's exact test against manager-nominated p = 0.015\n",
};

impl Rule for AdverseImpact {
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
                analyses: |a| &a.approval,
                needs_nominations: false,
                rate: "approval rate",
                unit: "decided nominations approved",
                selection: "approval",
            },
        );
    }
}
