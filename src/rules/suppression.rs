//! `suppression/` rules: inline suppressions and waivers. Their findings
//! come from the sink, which applies suppressions.

use crate::finding::Severity;
use crate::rules::{RuleId, RuleMeta};

pub static UNUSED: RuleMeta = RuleMeta {
    id: RuleId::new("suppression/unused"),
    severity: Severity::Warning,
    summary: "an inline suppression or a waiver suppresses nothing; an inline suppression names an unknown rule or gives no reason",
    rationale: "A suppression outlives the problem it excused; left in place it would hide the \
                next real problem on that line. Every suppression must say why.",
    options: &[],
    pass:
        "# ladderlint: disable-next-line nomination/endorsements -- approved by board 2026-07-01\n\
           endorsements: []\n",
    fail: "# ladderlint: disable-next-line nomination/endorsements\nendorsements: []\n",
};

pub static EXPIRED: RuleMeta = RuleMeta {
    id: RuleId::new("suppression/expired"),
    severity: Severity::Warning,
    summary: "a waiver in the waivers file is past its `expires` date; the findings it waived are reported again",
    rationale: "A waiver is an exception granted for a time, not forever: when it lapses, \
                whoever approved it must look again, and the finding it hid must be fixed or \
                the waiver renewed with a new date.",
    options: &[],
    pass: "# ladderlint-waivers.yaml\nwaivers:\n  - rule: nomination/endorsements\n    \
           file: nominations/2026h2-jdenton.yaml\n    reason: external reviewer joins in \
           September\n    approved_by: trunty\n    expires: 2026-12-31\n",
    fail: "# ladderlint-waivers.yaml (today: 2027-01-15)\nwaivers:\n  - rule: \
           nomination/endorsements\n    file: nominations/2026h2-jdenton.yaml\n    reason: \
           external reviewer joins in September\n    approved_by: trunty\n    expires: \
           2026-12-31\n",
};

pub static INVALID: RuleMeta = RuleMeta {
    id: RuleId::new("suppression/invalid"),
    severity: Severity::Error,
    summary: "a waiver is malformed, names an unknown rule or approver, has no reason, or waives a rule that cannot be waived; it waives nothing",
    rationale: "A waiver is an accountable decision: it says why, who approved it (a person \
                in People) and until when. One without a reason or an approver, such as an \
                unreviewed baseline from `--write-waivers`, must not silence anything.",
    options: &[],
    pass: "waivers:\n  - rule: nomination/endorsements\n    file: \
           nominations/2026h2-jdenton.yaml\n    reason: external reviewer joins in \
           September\n    approved_by: trunty\n    expires: 2026-12-31\n",
    fail: "waivers:\n  - rule: nomination/endorsements\n    file: \
           nominations/2026h2-jdenton.yaml\n    reason: \"\"\n    approved_by: \"\"\n    \
           expires: 2026-12-31\n",
};
