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

/// The id of a rule (`nomination/quorum`): compared as a value, never as
/// text, and written out as its text. Built-in ids are constants; a custom
/// rule's id is interned when the configuration is read, so every id is a
/// `&'static str` and an id is `Copy`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RuleId(&'static str);

impl RuleId {
    /// A built-in rule's id.
    pub const fn new(id: &'static str) -> RuleId {
        RuleId(id)
    }

    /// The id of a rule named at run time (a custom rule): each distinct
    /// id is stored once for the life of the process.
    pub fn intern(id: &str) -> RuleId {
        use std::collections::HashSet;
        use std::sync::{Mutex, OnceLock};
        static IDS: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
        let mut ids = IDS
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(&known) = ids.get(id) {
            return RuleId(known);
        }
        let leaked: &'static str = Box::leak(id.to_owned().into_boxed_str());
        ids.insert(leaked);
        RuleId(leaked)
    }

    pub fn as_str(self) -> &'static str {
        self.0
    }

    /// The family before the `/` (`nomination`).
    pub fn group(self) -> &'static str {
        self.0.split('/').next().unwrap_or(self.0)
    }

    /// Whether a `--select`/`select:` entry (an id, or a prefix such as
    /// `nomination/`) selects this rule.
    pub fn selected_by(self, selector: &str) -> bool {
        self.0.starts_with(selector)
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl fmt::Debug for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
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
    pub rule: RuleId,
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
    /// How to fix it, when the fix is mechanical (`lint --fix`).
    #[serde(skip)]
    pub fix: Option<Box<crate::fix::Fix>>,
}

impl Finding {
    /// A finding with no place, built only to be counted and forgotten.
    pub fn scratch(rule: RuleId) -> Finding {
        Finding {
            rule,
            severity: Severity::Error,
            message: String::new(),
            file: String::new(),
            span: Span::FILE_START,
            pointer: String::new(),
            document: 0,
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

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
            self.rule.as_str(),
            &self.message,
        )
    }
}

/// The most findings of one rule in one document that are listed. A
/// hostile or broken document (a mapping of 100,000 unexpected keys) would
/// otherwise bury every other finding and take the outputs with it.
pub const MAX_PER_DOCUMENT: usize = 100;

const MORE_HELP: &str = "fix the ones listed and run again to see the rest";

/// The finding that stands for `rest` findings like `first` (the first of
/// them) that are not listed.
pub fn more(first: &Finding, rest: usize) -> Finding {
    Finding {
        message: format!(
            "and {rest} more `{}` {} in this document (only the first {MAX_PER_DOCUMENT} are \
             listed)",
            first.rule,
            if rest == 1 { "finding" } else { "findings" }
        ),
        help: Some(MORE_HELP.into()),
        related: Vec::new(),
        fix: None,
        ..first.clone()
    }
}

fn is_more(f: &Finding) -> bool {
    f.help.as_deref() == Some(MORE_HELP) && f.message.starts_with("and ")
}

/// Keep at most [`MAX_PER_DOCUMENT`] findings of each rule in each
/// document of `findings` (sorted), the first ones in order; the rest are
/// counted in one more finding at the first of them ("and N more"), with
/// the highest severity among them, so the exit code is unchanged.
pub fn cap_per_document(findings: &mut Vec<Finding>) {
    use std::collections::HashMap;
    let mut counts: ahash::AHashMap<(&str, usize, RuleId), usize> = ahash::AHashMap::new();
    // A rule that stopped listing early already said how many it left out.
    for f in findings.iter().filter(|f| !is_more(f)) {
        *counts
            .entry((f.file.as_str(), f.document, f.rule))
            .or_default() += 1;
    }
    if counts.values().all(|&n| n <= MAX_PER_DOCUMENT) {
        return;
    }
    let over: HashMap<(String, usize, RuleId), usize> = counts
        .into_iter()
        .filter(|(_, n)| *n > MAX_PER_DOCUMENT)
        .map(|((file, doc, rule), n)| ((file.to_owned(), doc, rule), n))
        .collect();
    let mut seen: HashMap<(String, usize, RuleId), usize> = HashMap::new();
    let mut summaries: HashMap<(String, usize, RuleId), Finding> = HashMap::new();
    findings.retain(|f| {
        let key = (f.file.clone(), f.document, f.rule);
        let Some(&total) = over.get(&key).filter(|_| !is_more(f)) else {
            return true;
        };
        let n = seen.entry(key.clone()).or_default();
        *n += 1;
        if *n <= MAX_PER_DOCUMENT {
            return true;
        }
        let summary = summaries
            .entry(key)
            .or_insert_with(|| more(f, total - MAX_PER_DOCUMENT));
        summary.severity = summary.severity.max(f.severity);
        false
    });
    findings.extend(summaries.into_values());
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32, rule: &'static str, severity: Severity) -> Finding {
        Finding {
            rule: RuleId::new(rule),
            severity,
            message: format!("m{line}"),
            file: "f.yaml".into(),
            span: Span {
                line,
                column: 1,
                end_line: line,
                end_column: 2,
                byte_start: 0,
                byte_end: 0,
            },
            pointer: String::new(),
            document: 0,
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    #[test]
    fn caps_each_rule_in_each_document() {
        let mut v: Vec<Finding> = (1..=250)
            .map(|i| {
                at(
                    i,
                    "a/x",
                    if i == 200 {
                        Severity::Error
                    } else {
                        Severity::Info
                    },
                )
            })
            .collect();
        v.extend((1..=3).map(|i| at(i, "b/y", Severity::Warning)));
        v.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        cap_per_document(&mut v);
        let a: Vec<&Finding> = v.iter().filter(|f| f.rule == RuleId::new("a/x")).collect();
        assert_eq!(a.len(), MAX_PER_DOCUMENT + 1);
        let last = a.iter().find(|f| f.message.starts_with("and ")).unwrap();
        assert_eq!(
            last.message,
            "and 150 more `a/x` findings in this document (only the first 100 are listed)"
        );
        assert_eq!(last.span.line, 101);
        assert_eq!(last.severity, Severity::Error, "the worst of the rest");
        assert_eq!(v.iter().filter(|f| f.rule == RuleId::new("b/y")).count(), 3);
    }
}
