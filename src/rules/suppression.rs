//! `suppression/` rules: inline suppressions. Their findings
//! come from the sink, which applies suppressions.

use crate::finding::Severity;
use crate::rules::{RuleId, RuleMeta};

pub static UNUSED: RuleMeta = RuleMeta {
    id: RuleId::new("suppression/unused"),
    severity: Severity::Warning,
    summary: "an inline suppression suppresses nothing, names an unknown rule, or gives no reason",
    rationale: "A suppression outlives the problem it excused; left in place it would hide the \
                next real problem on that line. Every suppression must say why.",
    options: &[],
    pass:
        "# ladderlint: disable-next-line nomination/endorsements -- approved by board 2026-07-01\n\
           endorsements: []\n",
    fail: "# ladderlint: disable-next-line nomination/endorsements\nendorsements: []\n",
};
