//! Where some words of a string scalar are in the source: the span of a
//! byte range of the value, found in the scalar's source text.

use super::node::{Node, Value};
use super::LoadedFile;
use crate::finding::Span;
use std::ops::Range;

impl LoadedFile {
    /// The span of the bytes `range` of the string value of `node` (some
    /// words of a text). A plain or quoted scalar on one line is found at
    /// its column; in a block scalar (`>-`, `|`) or a scalar folded over
    /// several lines, the words are found on their own line, and words
    /// folded over a line break span both lines. `None` when the source
    /// does not hold the words as they are in the value (escapes) or they
    /// cannot be told apart: the caller points at the whole value.
    pub fn text_span(&self, node: &Node, range: Range<usize>) -> Option<Span> {
        let Value::Str(value) = &node.value else {
            return None;
        };
        let word = value.get(range.clone())?;
        let start = node.pos.byte_start as usize;
        let end = (node.pos.byte_end as usize).min(self.text.len());
        let raw = self.text.get(start..end)?;
        // The k-th occurrence in the value is the k-th in the source when
        // both hold the words equally often.
        let in_value = matches(value, word);
        let in_raw = matches(raw, word);
        let k = in_value.iter().position(|m| m.start == range.start)?;
        if in_value.len() != in_raw.len() {
            return None;
        }
        let found = &in_raw[k];
        Some(self.byte_span(start + found.start, found.len()))
    }
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
    use crate::load::node::{Node, Value};

    fn field<'a>(file: &'a LoadedFile, key: &str) -> &'a Node {
        let Value::Map(entries) = &file.documents()[0].root.value else {
            panic!("not a mapping")
        };
        &entries.iter().find(|(k, _)| k.name == key).unwrap().1
    }

    /// The span of the words, or of the whole value when they cannot be
    /// placed (what the rules report).
    fn whole_or_words(file: &LoadedFile, node: &Node, range: Range<usize>) -> crate::finding::Span {
        file.text_span(node, range)
            .unwrap_or_else(|| file.span_of(node.pos))
    }

    fn span_of_word(src: &str, key: &str, word: &str) -> (u32, u32, u32, u32) {
        let file = crate::load::load("x.yaml", src.as_bytes(), &Default::default());
        let node = field(&file, key);
        let value = node.as_str().unwrap();
        let at = value.find(word).unwrap();
        let s = whole_or_words(&file, node, at..at + word.len());
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
        let s = whole_or_words(&file, node, second..second + 5);
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
        let s = whole_or_words(&file, node, at..end);
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
        let s = whole_or_words(&file, node, 0..8);
        assert_eq!((s.line, s.column, s.end_column), (1, 4, 19));
    }
}
