//! Fixes: what a finding can change in its file, mechanically.
//!
//! A rule attaches a [`Fix`] to its finding: text edits (byte ranges of the
//! file's text, never overlapping) and how safe they are. A *safe* fix
//! never changes what the file means: the documents read back from the
//! fixed file equal the original ones (line endings, a byte-order mark,
//! whitespace outside values, the order of keys). An *unsafe* fix changes
//! one value on purpose (an unknown id to the one it most resembles), and
//! a person should review it; the documents read back differ from the
//! original ones in exactly that value. Both promises are checked on every
//! fixed file before anything is written (see `lint::fix::apply`).
//!
//! `lint --fix` (`lint::fix`) applies the safe fixes (and the unsafe ones
//! with `--unsafe-fixes`), `--diff` prints them as a unified diff instead.

mod tally;

pub use tally::{held_back_note, Tally};

/// Whether a fix may be applied without a person looking at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Changes no value of any document (`--fix`).
    Safe,
    /// Changes a value: applied only with `--unsafe-fixes`.
    Unsafe,
}

/// Replace the bytes `start..end` of the file's text (after any
/// byte-order mark) by `content`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Edit {
    pub start: u32,
    pub end: u32,
    pub content: String,
}

impl Edit {
    pub fn delete(start: usize, end: usize) -> Edit {
        Edit {
            start: start as u32,
            end: end as u32,
            content: String::new(),
        }
    }

    pub fn replace(start: usize, end: usize, content: impl Into<String>) -> Edit {
        Edit {
            start: start as u32,
            end: end as u32,
            content: content.into(),
        }
    }

    pub(crate) fn overlaps(&self, other: &Edit) -> bool {
        // Two insertions at one place would depend on their order.
        (self.start < other.end && other.start < self.end)
            || (self.start == other.start && (self.start == self.end || other.start == other.end))
    }
}

/// The one value an unsafe fix changes, for the check that it changes
/// that and nothing else.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Change {
    /// The string at `pointer` of document `document` becomes `to`.
    Value {
        document: usize,
        pointer: String,
        to: String,
    },
    /// The key at the end of `pointer` is renamed `to` (its value kept).
    Key {
        document: usize,
        pointer: String,
        to: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fix {
    pub applicability: Applicability,
    /// What `--diff` and the summary call it: "remove trailing whitespace".
    pub title: String,
    pub edits: Vec<Edit>,
    /// Drop the file's UTF-8 byte-order mark (which is not in its text).
    pub strip_bom: bool,
    /// For an unsafe fix, the value it changes.
    pub change: Option<Change>,
}

impl Fix {
    /// A safe fix made of `edits`.
    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix {
            applicability: Applicability::Safe,
            title: title.into(),
            edits,
            strip_bom: false,
            change: None,
        }
    }

    /// The safe fix that removes the byte-order mark.
    pub fn strip_bom() -> Fix {
        Fix {
            strip_bom: true,
            ..Fix::safe("remove the byte-order mark", Vec::new())
        }
    }

    pub fn is_safe(&self) -> bool {
        self.applicability == Applicability::Safe
    }
}
