//! Shared by the wording rules (`ladder/subjective-criteria`,
//! `ladder/gendered-language`, `ladder/exclusionary-language`,
//! `ladder/tenure-requirement`): which texts they read, how words and
//! phrases are matched, and how a match inside a YAML scalar is turned into
//! the exact place in the file.

use crate::finding::Span;
use crate::load::node::{Node, Pos};
use crate::load::LoadedFile;
use crate::model::{Ladder, Nomination};
use crate::repo::Entry;
use crate::rules::{Context, Emitter, OptionKind, OptionMeta};
use std::ops::Range;

/// A text that a wording rule reads: where it is and how to name it.
pub struct Text<'a> {
    /// JSON pointer of the scalar within its document.
    pub pointer: String,
    /// How a message names it, e.g. "the E5 `technical` expectation".
    pub what: String,
    pub value: &'a str,
}

/// Every expectation text of a ladder.
pub fn ladder_texts(l: &Entry<Ladder>) -> Vec<Text<'_>> {
    let mut out = Vec::new();
    for (i, level) in l.item.levels.iter().enumerate() {
        for (competency, value) in &level.expectations {
            out.push(Text {
                pointer: l.ptr(&format!(
                    "/levels/{i}/expectations/{}",
                    escape_pointer(competency)
                )),
                what: format!("the {} `{competency}` expectation", level.id),
                value,
            });
        }
    }
    out
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

fn escape_pointer(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The option every wording rule has: also read nomination texts.
pub const SCAN_NOMINATIONS: OptionMeta = OptionMeta {
    name: "scan_nominations",
    kind: OptionKind::Choice(&["off", "on"]),
    default: "\"off\"",
    doc: "`on` also checks what others write about a candidate: endorsement summaries and \
          the decision's rationale and feedback",
};

/// The `add` and `remove` options of a rule with a term list.
pub const ADD: OptionMeta = OptionMeta {
    name: "add",
    kind: OptionKind::Terms,
    default: "[]",
    doc: "further words or phrases to flag (whole words, any case)",
};
pub const REMOVE: OptionMeta = OptionMeta {
    name: "remove",
    kind: OptionKind::Terms,
    default: "[]",
    doc: "built-in words or phrases not to flag",
};

/// Whether the rule `id` also reads nomination texts.
pub fn scans_nominations(cx: &Context, id: &str) -> bool {
    cx.options(id).choice("scan_nominations") == "on"
}

// ---------------------------------------------------------------------------
// Words and phrases

/// A word of a text: lower-cased, with its byte range in the original.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub word: String,
    pub range: Range<usize>,
}

/// The words of `text`: runs of letters and digits, and `+` on its own
/// (so "5+ years" is `5`, `+`, `years`). Everything else separates.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push(token(text, s..i));
        }
        if c == '+' {
            out.push(token(text, i..i + 1));
        }
    }
    if let Some(s) = start {
        out.push(token(text, s..text.len()));
    }
    out
}

fn token(text: &str, range: Range<usize>) -> Token {
    Token {
        word: text[range.clone()].to_lowercase(),
        range,
    }
}

/// Number words that a term's `N` matches besides digits.
const NUMBER_WORDS: [&str; 20] = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// A word or phrase to flag, with what to write instead.
#[derive(Clone, Debug)]
pub struct Term {
    /// The term as written in the list or configuration.
    pub text: String,
    words: Vec<String>,
    pub suggestion: String,
}

impl Term {
    pub fn new(text: &str, suggestion: &str) -> Term {
        let words = tokens(text)
            .into_iter()
            .map(|t| {
                if &text[t.range.clone()] == "N" {
                    "\u{0}N".to_owned() // a number, see `word_matches`
                } else {
                    t.word
                }
            })
            .collect();
        Term {
            text: text.to_owned(),
            words,
            suggestion: suggestion.to_owned(),
        }
    }

    fn same(&self, other: &str) -> bool {
        self.words == Term::new(other, "").words
    }
}

fn word_matches(pattern: &str, word: &str) -> bool {
    if pattern == "\u{0}N" {
        return (!word.is_empty() && word.bytes().all(|b| b.is_ascii_digit()))
            || NUMBER_WORDS.contains(&word);
    }
    pattern == word
}

/// The term list of a rule: the built-in terms without the configured
/// `remove`, plus the configured `add` (with `added_help` as suggestion).
pub fn term_list(cx: &Context, id: &str, builtin: &[(&str, &str)], added_help: &str) -> Vec<Term> {
    let options = cx.options(id);
    let remove: Vec<Term> = options
        .terms("remove")
        .iter()
        .map(|r| Term::new(r, ""))
        .collect();
    let mut out: Vec<Term> = builtin
        .iter()
        .map(|(t, s)| Term::new(t, s))
        .filter(|t| !remove.iter().any(|r| r.words == t.words))
        .collect();
    for a in options.terms("add") {
        let t = Term::new(&a, added_help);
        if !t.words.is_empty() && !out.iter().any(|o| o.same(&a)) {
            out.push(t);
        }
    }
    out
}

/// A term found in a text: the byte range of the words in the text.
#[derive(Clone, Debug)]
pub struct Found<'t> {
    pub range: Range<usize>,
    pub term: &'t Term,
}

/// Every place where a term occurs in `text` as whole words, in any case,
/// with words separated only by spaces, line breaks or hyphens ("digital
/// native" also finds "Digital-Native"). Overlapping finds become one,
/// covering both, named by the leftmost and longest term ("young and
/// energetic" over "young").
pub fn find_terms<'t>(text: &str, terms: &'t [Term]) -> Vec<Found<'t>> {
    let toks = tokens(text);
    let joined = |a: &Token, b: &Token| {
        text[a.range.end..b.range.start]
            .chars()
            .all(|c| c.is_whitespace() || c == '-')
    };
    let mut all = Vec::new();
    for term in terms {
        let n = term.words.len();
        if n == 0 || n > toks.len() {
            continue;
        }
        for i in 0..=toks.len() - n {
            let window = &toks[i..i + n];
            let ok = window
                .iter()
                .zip(&term.words)
                .all(|(t, w)| word_matches(w, &t.word))
                && window.windows(2).all(|p| joined(&p[0], &p[1]));
            if ok {
                all.push(Found {
                    range: window[0].range.start..window[n - 1].range.end,
                    term,
                });
            }
        }
    }
    all.sort_by(|a, b| {
        a.range
            .start
            .cmp(&b.range.start)
            .then(b.range.end.cmp(&a.range.end))
    });
    let mut out: Vec<Found> = Vec::new();
    for f in all {
        match out.last_mut() {
            Some(last) if f.range.start < last.range.end => {
                last.range.end = last.range.end.max(f.range.end);
            }
            _ => out.push(f),
        }
    }
    out
}

/// The words of a text as a message quotes them: one line, original case.
pub fn quote(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Report every term of `terms` found in `texts`, one finding per find, at
/// the exact words. `message` gets the text's description and the words.
pub fn report_terms(
    out: &mut Emitter,
    at: crate::repo::DocRef,
    texts: &[Text],
    terms: &[Term],
    message: impl Fn(&str, &str) -> String,
) {
    for t in texts {
        for f in find_terms(t.value, terms) {
            let words = quote(&t.value[f.range.clone()]);
            let msg = message(&t.what, &words);
            report_at(
                out,
                at,
                &t.pointer,
                f.range.clone(),
                msg,
                &f.term.suggestion,
            );
        }
    }
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

    #[test]
    fn terms_match_whole_words_and_phrases() {
        let terms = vec![
            Term::new("young", "a"),
            Term::new("young and energetic", "b"),
            Term::new("digital native", "c"),
            Term::new("N+ years", "d"),
            Term::new("at least N years", "e"),
            Term::new("years at the company", "f"),
        ];
        let text = "Young and  energetic; youngster; Digital-Natives; a digital native; \
                    5+ years; at least eight years at the company; young. And energetic";
        let found: Vec<(&str, &str)> = find_terms(text, &terms)
            .iter()
            .map(|f| (&text[f.range.clone()], f.term.suggestion.as_str()))
            .collect();
        assert_eq!(
            found,
            vec![
                ("Young and  energetic", "b"),
                ("digital native", "c"),
                ("5+ years", "d"),
                ("at least eight years at the company", "e"),
                ("young", "a"),
            ]
        );
    }
}
