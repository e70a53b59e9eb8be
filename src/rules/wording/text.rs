//! The texts the wording rules read, their options, and how a match inside
//! a YAML scalar is turned into the exact place in the file.

use crate::finding::{RuleId, Span};
use crate::load::node::{Node, Pos};
use crate::load::LoadedFile;
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
    let r = out.at(at, pointer, message);
    if !help.is_empty() {
        r.help(help);
    }
    let file = out.repo.file(at);
    let span = file
        .documents()
        .get(at.doc as usize)
        .and_then(|d| d.root.resolve(pointer))
        .map(|(_, node)| value_span(file, node, range));
    if let (Some(span), Some(f)) = (span, out.findings.last_mut()) {
        f.span = span;
    }
}

// ---------------------------------------------------------------------------
// Positions inside a scalar

/// The file span of bytes `range` of the string value of `node`.
///
/// A plain or quoted scalar on one line is found at its column; in a block
/// scalar (`>-`, `|`) or a scalar folded over several lines, the words are
/// found on their own line. When the scalar's source does not hold the words
/// as they are in the value (escapes, line folding inside the words), the
/// span is the whole value.
pub fn value_span(file: &LoadedFile, node: &Node, range: Range<usize>) -> Span {
    let whole = file.span_of(node.pos);
    let Some(value) = node.as_str() else {
        return whole;
    };
    let Some(word) = value.get(range.clone()) else {
        return whole;
    };
    let start = node.pos.byte_start as usize;
    let end = (node.pos.byte_end as usize).min(file.text.len());
    let Some(raw) = file.text.get(start..end) else {
        return whole;
    };
    let in_value = matches(value, word);
    let in_raw = matches(raw, word);
    let Some(k) = in_value.iter().position(|m| m.start == range.start) else {
        return whole;
    };
    if in_value.len() != in_raw.len() {
        return whole;
    }
    let found = in_raw[k].clone();
    let before = &raw[..found.start];
    let line = node.pos.line + before.matches('\n').count() as u32;
    let column = match before.rfind('\n') {
        Some(nl) => before[nl + 1..].chars().count() as u32 + 1,
        None => node.pos.column + before.chars().count() as u32,
    };
    file.span_of(Pos {
        line,
        column,
        byte_start: (start + found.start) as u32,
        byte_end: (start + found.end) as u32,
    })
}

/// Where `needle` occurs in `hay`, a run of white space in the needle
/// matching any run of white space (line breaks and indentation included).
fn matches(hay: &str, needle: &str) -> Vec<Range<usize>> {
    let parts: Vec<&str> = needle.split_whitespace().collect();
    let mut out = Vec::new();
    if parts.is_empty() {
        return out;
    }
    let mut from = 0;
    while let Some(i) = hay[from..].find(parts[0]) {
        let s = from + i;
        let mut pos = s + parts[0].len();
        let mut ok = true;
        for p in &parts[1..] {
            let rest = &hay[pos..];
            let trimmed = rest.trim_start();
            if trimmed.len() == rest.len() || !trimmed.starts_with(p) {
                ok = false;
                break;
            }
            pos += rest.len() - trimmed.len() + p.len();
        }
        if ok {
            out.push(s..pos);
        }
        from = s + hay[s..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::node::Value;

    fn field<'a>(file: &'a LoadedFile, key: &str) -> &'a Node {
        let Value::Map(entries) = &file.documents()[0].root.value else {
            panic!("not a mapping")
        };
        &entries.iter().find(|(k, _)| k.name == key).unwrap().1
    }

    fn span_of_word(src: &str, key: &str, word: &str) -> (u32, u32, u32, u32) {
        let file = crate::load::load("x.yaml", src.as_bytes(), &Default::default());
        let node = field(&file, key);
        let value = node.as_str().unwrap();
        let at = value.find(word).unwrap();
        let s = value_span(&file, node, at..at + word.len());
        (s.line, s.column, s.end_line, s.end_column)
    }

    #[test]
    fn plain_and_quoted_scalars() {
        let src = "a: Is a rockstar here\nb: 'it''s a rockstar'\nc: \"a \\\"ninja\\\" ninja\"\n";
        assert_eq!(span_of_word(src, "a", "rockstar"), (1, 9, 1, 17));
        assert_eq!(span_of_word(src, "b", "rockstar"), (2, 13, 2, 21));
        // The value's first `ninja` is escaped in the source: found at its
        // own occurrence count, the second one is where it is.
        let file = crate::load::load("x.yaml", src.as_bytes(), &Default::default());
        let node = field(&file, "c");
        let v = node.as_str().unwrap();
        let second = v.rfind("ninja").unwrap();
        let s = value_span(&file, node, second..second + 5);
        assert_eq!((s.line, s.column, s.end_column), (3, 17, 22));
    }

    #[test]
    fn block_scalars_find_the_line() {
        let src = "d: >-\n  Writes clear notes and\n  is a true rockstar of the team.\n\
                   e: |\n  one\n  young and\n    energetic\n";
        assert_eq!(span_of_word(src, "d", "rockstar"), (3, 13, 3, 21));
        let file = crate::load::load("x.yaml", src.as_bytes(), &Default::default());
        let node = field(&file, "e");
        let v = node.as_str().unwrap();
        let at = v.find("young").unwrap();
        let end = v.find("energetic").unwrap() + "energetic".len();
        let s = value_span(&file, node, at..end);
        assert_eq!((s.line, s.column, s.end_line, s.end_column), (6, 3, 7, 14));
    }

    #[test]
    fn folded_words_across_lines() {
        let src = "f: a culture\n  fit matters\n";
        assert_eq!(span_of_word(src, "f", "culture fit"), (1, 6, 2, 6));
    }

    #[test]
    fn escapes_fall_back_to_the_whole_value() {
        let src = "g: \"ro\\u0063kstar\"\n";
        let file = crate::load::load("x.yaml", src.as_bytes(), &Default::default());
        let node = field(&file, "g");
        let s = value_span(&file, node, 0..8);
        assert_eq!((s.line, s.column, s.end_column), (1, 4, 19));
    }
}
