//! The texts the wording rules read, their options, and how a match inside
//! a YAML scalar is turned into the exact place in the file.

use crate::finding::RuleId;
use crate::model::{Ladder, Nomination};
use crate::repo::Entry;
use crate::rules::{Context, Emitter, Looser, OptionKind, OptionMeta};
use std::ops::Range;

/// A text that a wording rule reads: where it is and how to name it.
pub struct Text<'a> {
    /// JSON pointer of the scalar within its document.
    pub pointer: String,
    /// How a message names it, e.g. "the E5 `technical` expectation".
    pub what: String,
    pub value: &'a str,
}

/// The texts of one level of a ladder: its summary, then its expectations.
pub struct LevelTexts<'a> {
    pub index: usize,
    pub id: &'a str,
    pub texts: Vec<Text<'a>>,
}

/// The texts of every level of a ladder, level by level.
pub fn levels(l: &Entry<Ladder>) -> Vec<LevelTexts<'_>> {
    let mut out = Vec::new();
    for (i, level) in l.item.levels.iter().enumerate() {
        let texts = level
            .texts()
            .into_iter()
            .map(|t| Text {
                pointer: l.ptr(&format!("/levels/{i}{}", t.pointer)),
                what: match t.competency {
                    Some(c) => format!("the {} `{c}` expectation", level.id),
                    None => format!("the {} summary", level.id),
                },
                value: t.value,
            })
            .collect();
        out.push(LevelTexts {
            index: i,
            id: &level.id,
            texts,
        });
    }
    out
}

/// Every text of a ladder: each level's summary and expectations.
pub fn ladder_texts(l: &Entry<Ladder>) -> Vec<Text<'_>> {
    levels(l)
        .into_iter()
        .flat_map(|level| level.texts)
        .collect()
}

/// The texts others write about a candidate: endorsement summaries, the
/// decision's rationale and feedback.
pub fn nomination_texts(n: &Entry<Nomination>) -> Vec<Text<'_>> {
    let mut out = Vec::new();
    for (i, e) in n.item.endorsements.iter().enumerate() {
        out.push(Text {
            pointer: n.ptr(&format!("/endorsements/{i}/summary")),
            what: format!("the endorsement by `{}`", e.by),
            value: &e.summary,
        });
    }
    if let Some(d) = &n.item.decision {
        if let Some(r) = &d.rationale {
            out.push(Text {
                pointer: n.ptr("/decision/rationale"),
                what: "the decision's rationale".into(),
                value: r,
            });
        }
        if let Some(f) = &d.feedback {
            out.push(Text {
                pointer: n.ptr("/decision/feedback"),
                what: "the feedback to the candidate".into(),
                value: f,
            });
        }
    }
    out
}

/// The option every wording rule has: also read nomination texts.
pub const SCAN_NOMINATIONS: OptionMeta = OptionMeta {
    name: "scan_nominations",
    kind: OptionKind::Choice(&["off", "on"]),
    default: "\"off\"",
    looser: Looser::Earlier,
    doc: "`on` also checks what others write about a candidate: endorsement summaries and \
          the decision's rationale and feedback",
};

/// The `add`, `remove` and `allow` options of a rule with a word list.
pub const ADD: OptionMeta = OptionMeta {
    name: "add",
    kind: OptionKind::Terms,
    default: "[]",
    looser: Looser::Removed,
    doc: "further words or phrases to flag (whole words, any case; `a|b` for either \
          word, `*` at the end of a word for any ending, `N` for a number, `?` after \
          a word when it may be left out)",
};
pub const ALLOW: OptionMeta = OptionMeta {
    name: "allow",
    kind: OptionKind::Terms,
    default: "[]",
    looser: Looser::Added,
    doc: "further phrases in which the listed words mean something else and are not \
          flagged (your own domain terms), written as for `add`",
};
pub const REMOVE: OptionMeta = OptionMeta {
    name: "remove",
    kind: OptionKind::Terms,
    default: "[]",
    looser: Looser::Added,
    doc: "built-in words or phrases not to flag, written as listed by `explain`",
};

/// Whether the rule `id` also reads nomination texts.
pub fn scans_nominations(cx: &Context, id: RuleId) -> bool {
    cx.options(id).choice("scan_nominations") == "on"
}

/// Report at the words `range` (bytes of the scalar's value) of the scalar
/// at `pointer`, with a help text.
pub fn report_at(
    out: &mut Emitter,
    at: crate::repo::DocRef,
    pointer: &str,
    range: Range<usize>,
    message: String,
    help: &str,
) {
    let r = out.at_text(at, pointer, range, message);
    if !help.is_empty() {
        r.help(help);
    }
}
