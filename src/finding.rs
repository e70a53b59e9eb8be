//! What a rule reports: a finding at a resolved position in a file.

use serde::Serialize;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Off,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "off" => Some(Severity::Off),
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Off => "off",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A resolved place in a file. Lines and columns are 1-based; columns count
/// Unicode code points; the end is exclusive. Byte offsets serve renderers.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    #[serde(skip)]
    pub byte_start: u32,
    #[serde(skip)]
    pub byte_end: u32,
}

impl Span {
    /// The start of a file, for findings about the file as a whole.
    pub const FILE_START: Span = Span {
        line: 1,
        column: 1,
        end_line: 1,
        end_column: 1,
        byte_start: 0,
        byte_end: 0,
    };
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Related {
    pub file: String,
    #[serde(flatten)]
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub file: String,
    #[serde(flatten)]
    pub span: Span,
    /// JSON pointer of the node within its document ("" for the document).
    pub pointer: String,
    /// 0-based index of the document within a multi-document file.
    pub document: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

impl Finding {
    /// Stable identity across commits: never line numbers, which shift.
    pub fn fingerprint(&self) -> String {
        use std::hash::{Hash, Hasher};
        let mut h = Fnv(0xcbf29ce484222325);
        (
            &self.rule,
            &self.file,
            self.document,
            &self.pointer,
            &self.message,
        )
            .hash(&mut h);
        format!("{:016x}", h.finish())
    }

    pub fn sort_key(&self) -> (&str, u32, u32, &str, &str) {
        (
            &self.file,
            self.span.line,
            self.span.column,
            &self.rule,
            &self.message,
        )
    }
}

/// FNV-1a: a hash whose value is the same on every platform and release,
/// which `DefaultHasher` does not promise.
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x100000001b3);
        }
    }
}
