//! Positions in a file: lines and columns from byte offsets, and the span
//! of the node at a JSON pointer, from the ranges the fast path kept
//! (`spans`) or else from the node trees.

use super::node::{Pos, Value};
use super::LoadedFile;
use crate::finding::Span;

impl LoadedFile {
    /// Byte offsets of the starts of lines, computed when first needed.
    pub(super) fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0u32];
            starts.extend(
                self.text
                    .bytes()
                    .enumerate()
                    .filter(|(_, b)| *b == b'\n')
                    .map(|(i, _)| i as u32 + 1),
            );
            starts
        })
    }

    /// The source line `line` (1-based), without its line ending.
    pub fn line_text(&self, line: u32) -> &str {
        let Some(&start) = self.line_starts().get(line.saturating_sub(1) as usize) else {
            return "";
        };
        let end = self
            .line_starts()
            .get(line as usize)
            .map_or(self.text.len(), |&e| e as usize);
        self.text
            .get(start as usize..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }

    /// Line and column (1-based, in characters) of a byte offset.
    pub(super) fn line_col(&self, byte: u32) -> (u32, u32) {
        let byte = (byte as usize).min(self.text.len()) as u32;
        let line = self.line_starts().partition_point(|&s| s <= byte).max(1);
        let start = self.line_starts()[line - 1] as usize;
        let col = self
            .text
            .get(start..byte as usize)
            .map_or(1, |s| s.chars().count() + 1);
        (line as u32, col as u32)
    }

    /// The span of `len` bytes at byte `at` (widened like `span_of`).
    pub fn byte_span(&self, at: usize, len: usize) -> Span {
        let at = at.min(self.text.len()) as u32;
        let (line, column) = self.line_col(at);
        self.span_of(Pos {
            line,
            column,
            byte_start: at,
            byte_end: at + len as u32,
        })
    }

    /// A resolved span from a loader position. Collections report an empty
    /// range at their start; they are widened to the rest of that line.
    pub fn span_of(&self, pos: Pos) -> Span {
        let mut end = pos.byte_end;
        if end <= pos.byte_start {
            let (line, _) = self.line_col(pos.byte_start);
            let line_end = self
                .line_starts()
                .get(line as usize)
                .map_or(self.text.len() as u32, |&e| e);
            let text = self
                .text
                .get(pos.byte_start as usize..line_end as usize)
                .unwrap_or("");
            end = pos.byte_start + text.trim_end().len().max(1) as u32;
            end = end.min(self.text.len() as u32).max(pos.byte_start);
        }
        let (end_line, end_column) = self.line_col(end);
        Span {
            line: pos.line.max(1),
            column: pos.column.max(1),
            end_line,
            end_column: if end_line == pos.line.max(1) {
                end_column.max(pos.column.max(1) + 1)
            } else {
                end_column
            },
            byte_start: pos.byte_start,
            byte_end: end,
        }
    }

    /// The node at `pointer` in document `doc`: from the positions the
    /// fast path kept, else from the node tree.
    pub(crate) fn locate(&self, doc: usize, pointer: &str) -> Option<Located> {
        if let Some(spans) = &self.spans {
            let found = spans.resolve(&self.text, doc, pointer)?;
            return Some(Located {
                key: found.key.map(|k| self.pos_at(k)),
                node: self.pos_at(found.node),
                collection: found.collection,
            });
        }
        let (key, node) = self.documents().get(doc)?.root.resolve(pointer)?;
        Some(Located {
            key: key.map(|k| k.pos),
            node: node.pos,
            collection: matches!(node.value, Value::Map(_) | Value::Seq(_)),
        })
    }

    /// The position of the bytes `range`.
    fn pos_at(&self, range: std::ops::Range<u32>) -> Pos {
        let (line, column) = self.line_col(range.start);
        Pos {
            line,
            column,
            byte_start: range.start,
            byte_end: range.end,
        }
    }

    /// The span of the node itself at `pointer` in document `doc`, if
    /// there is one.
    pub fn node_span(&self, doc: usize, pointer: &str) -> Option<Span> {
        self.locate(doc, pointer)
            .map(|found| self.span_of(found.node))
    }

    /// The span of the node at `pointer` in document `doc`: the key that
    /// leads to it when there is one (a mapping's own span is its first
    /// child), else the node. Falls back to the deepest node that exists.
    pub fn span_at(&self, doc: usize, pointer: &str) -> Span {
        let mut p = pointer;
        loop {
            if let Some(found) = self.locate(doc, p) {
                let pos = match found.key {
                    Some(key) if found.collection => key,
                    _ => found.node,
                };
                return self.span_of(pos);
            }
            if p.is_empty() {
                // No such document.
                return Span::FILE_START;
            }
            p = p.rfind('/').map_or("", |i| &p[..i]);
        }
    }

    /// The span of the key named by the last token of `pointer`, when the
    /// node is a mapping entry; else the node's own span.
    pub fn key_span_at(&self, doc: usize, pointer: &str) -> Span {
        match self.locate(doc, pointer).and_then(|found| found.key) {
            Some(key) => self.span_of(key),
            None => self.span_at(doc, pointer),
        }
    }
}

/// A node found by a pointer.
pub(crate) struct Located {
    /// The key that leads to it, when its parent is a mapping.
    pub key: Option<Pos>,
    pub node: Pos,
    pub collection: bool,
}
