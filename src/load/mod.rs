//! Loading: bytes of one file -> YAML documents with positions, or findings
//! that say why a file cannot be read. Never panics on any input.

mod duplicate_keys;
mod fast;
pub mod node;
pub mod pointer;
mod position;
mod spans;
mod syntax;
mod text_span;

use crate::finding::{Finding, Related, RuleId, Severity, Span};
use node::{Node, Pos};

/// How files are loaded: hard limits against hostile input, and what is
/// kept of each file.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_file_bytes: usize,
    pub max_depth: usize,
    /// Keep each document's JSON on its file (`LoadedFile::json_at`), for
    /// the custom rules; else only positions are kept.
    pub keep_json: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 4 * 1024 * 1024,
            max_depth: 64,
            keep_json: false,
        }
    }
}

/// The document kinds ladderlint knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Ladder,
    People,
    Cycle,
    Nomination,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Ladder, Kind::People, Kind::Cycle, Kind::Nomination];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Ladder => "Ladder",
            Kind::People => "People",
            Kind::Cycle => "Cycle",
            Kind::Nomination => "Nomination",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == s)
    }
}

/// One YAML document of a file.
#[derive(Clone, Debug)]
pub struct Document {
    pub index: usize,
    pub root: Node,
    pub kind: Option<Kind>,
}

/// A file after loading: its text (kept for positions and rendering), its
/// documents, and the findings that loading itself produced.
///
/// The node trees of the documents, which map JSON pointers to positions,
/// are built when first asked for (`documents`): a file read by the fast
/// path keeps only its text until a finding needs a position in it.
#[derive(Clone, Debug)]
pub struct LoadedFile {
    pub path: String,
    pub text: String,
    line_starts: std::sync::OnceLock<Vec<u32>>,
    documents: std::sync::OnceLock<Vec<Document>>,
    /// Where the nodes are, when the fast path read the file: positions
    /// without the node trees.
    spans: Option<spans::Spans>,
    /// The documents as JSON, when the loader was asked to keep them
    /// (`Limits::keep_json`).
    json: Option<Vec<serde_json::Value>>,
    limits: Limits,
    pub findings: Vec<Finding>,
    /// Documents (by index) with a key given twice: read with the last
    /// value, but the other checks leave them alone until the key is fixed,
    /// so that one mistake is one finding.
    pub ambiguous: Vec<usize>,
    /// The id of the blob the file was read from, when it was read from
    /// git's object database (a revision, the index).
    pub blob: Option<git2::Oid>,
}

/// A loaded file and, when the fast path read it, its documents as JSON
/// (in order; the same values as `Node::to_json` of its node trees).
/// `into_parts` gives both whichever path read the file.
pub struct Loaded {
    file: LoadedFile,
    json: Option<Vec<serde_json::Value>>,
}

impl Loaded {
    /// The file and its documents as JSON, in order: from the fast path, or
    /// built from the node trees when the full loader read it.
    pub fn into_parts(self) -> (LoadedFile, Vec<serde_json::Value>) {
        let json = match self.json {
            Some(json) => json,
            None => self
                .file
                .documents()
                .iter()
                .map(|d| d.root.to_json())
                .collect(),
        };
        let mut file = self.file;
        if file.limits.keep_json {
            file.json = Some(json.clone());
        }
        (file, json)
    }

    /// The documents when the fast path read the file: for the fuzzer,
    /// which checks that both paths read a file alike.
    #[doc(hidden)]
    pub fn fast_json(&self) -> Option<&Vec<serde_json::Value>> {
        self.json.as_ref()
    }
}

impl LoadedFile {
    /// A file that could not be read at all (e.g. an LFS pointer, a symlink
    /// out of the repository): no text, one finding.
    pub fn unreadable(
        path: &str,
        rule: RuleId,
        message: String,
        help: Option<String>,
    ) -> LoadedFile {
        let mut file = LoadedFile::empty(path, String::new());
        file.findings
            .push(file.finding_at(rule, Span::FILE_START, message, help));
        file
    }

    /// The documents of the file as JSON, with their kinds: those the
    /// loader kept (`Limits::keep_json`), else built from the node trees.
    pub fn documents_json(&self) -> Vec<(Option<Kind>, std::borrow::Cow<'_, serde_json::Value>)> {
        use std::borrow::Cow;
        match &self.json {
            Some(json) => json
                .iter()
                .map(|v| {
                    let kind = v.get("kind").and_then(|k| k.as_str()).and_then(Kind::parse);
                    (kind, Cow::Borrowed(v))
                })
                .collect(),
            None => self
                .documents()
                .iter()
                .map(|d| (d.kind, Cow::Owned(d.root.to_json())))
                .collect(),
        }
    }

    /// The value at `pointer` (RFC 6901) in document `doc`, as JSON.
    pub fn json_at(&self, doc: usize, pointer: &str) -> Option<serde_json::Value> {
        match &self.json {
            Some(json) => json.get(doc)?.pointer(pointer).cloned(),
            None => {
                let (_, node) = self.documents().get(doc)?.root.resolve(pointer)?;
                Some(node.to_json())
            }
        }
    }

    /// The documents of the file, with their node trees.
    /// How many documents the file holds, when the fast path read it: its
    /// text is then the file's bytes, unchanged.
    pub fn fast_document_count(&self) -> Option<usize> {
        self.spans.as_ref().map(spans::Spans::documents)
    }

    pub fn documents(&self) -> &[Document] {
        self.documents.get_or_init(|| {
            parse_nodes(&self.text, &self.limits)
                .map(documents)
                .unwrap_or_default()
        })
    }

    fn empty(path: &str, text: String) -> LoadedFile {
        LoadedFile {
            path: path.to_owned(),
            text,
            line_starts: std::sync::OnceLock::new(),
            documents: std::sync::OnceLock::from(Vec::new()),
            spans: None,
            json: None,
            limits: Limits::default(),
            findings: Vec::new(),
            ambiguous: Vec::new(),
            blob: None,
        }
    }

    /// The span of the bytes `range` of the text of the string scalar at
    /// `pointer`, e.g. a few words inside an expectation (see
    /// `text_span`); `None` when they cannot be placed safely, and the
    /// caller then points at the whole value.
    pub fn text_span_at(
        &self,
        doc: usize,
        pointer: &str,
        range: std::ops::Range<usize>,
    ) -> Option<Span> {
        let (_, node) = self.documents().get(doc)?.root.resolve(pointer)?;
        self.text_span(node, range)
    }

    pub fn finding_at(
        &self,
        rule: RuleId,
        span: Span,
        message: String,
        help: Option<String>,
    ) -> Finding {
        Finding {
            rule,
            severity: Severity::Error,
            message,
            file: self.path.clone(),
            span,
            pointer: String::new(),
            document: 0,
            help,
            related: Vec::new(),
            fix: None,
        }
    }

    pub fn related(&self, span: Span, message: impl Into<String>) -> Related {
        Related {
            file: self.path.clone(),
            span,
            message: message.into(),
        }
    }
}

const SYNTAX: RuleId = crate::rules::schema::YAML_SYNTAX.id;
const ENCODING: RuleId = crate::rules::schema::ENCODING.id;
const KIND: RuleId = crate::rules::schema::UNKNOWN_KIND.id;
const LFS: RuleId = crate::rules::source::LFS_POINTER.id;

/// Load one file, by the fast path when it can read it (see `fast`), else
/// by `load`.
pub fn load_fast(path: &str, bytes: Vec<u8>, limits: &Limits) -> Loaded {
    let plain = bytes.len() <= limits.max_file_bytes
        && !bytes.starts_with(b"version https://git-lfs.github.com/spec/")
        && !bytes.starts_with(b"\xEF\xBB\xBF")
        && !bytes.contains(&0)
        && !bytes.contains(&b'\r');
    if plain {
        match String::from_utf8(bytes) {
            Ok(text) => {
                if let Some((json, spans)) = fast::parse(&text, limits.max_depth) {
                    let mut file = LoadedFile::empty(path, text);
                    file.limits = *limits;
                    file.documents = std::sync::OnceLock::new();
                    file.spans = Some(spans);
                    return Loaded {
                        file,
                        json: Some(json),
                    };
                }
                return Loaded {
                    file: load(path, text.as_bytes(), limits),
                    json: None,
                };
            }
            Err(e) => {
                return Loaded {
                    file: load(path, e.as_bytes(), limits),
                    json: None,
                }
            }
        }
    }
    Loaded {
        file: load(path, &bytes, limits),
        json: None,
    }
}

/// Load one file. All problems become findings on the returned file.
pub fn load(path: &str, bytes: &[u8], limits: &Limits) -> LoadedFile {
    if bytes.len() > limits.max_file_bytes {
        return LoadedFile::unreadable(
            path,
            SYNTAX,
            format!(
                "file is {} bytes, over the limit of {} bytes; it was not parsed",
                bytes.len(),
                limits.max_file_bytes
            ),
            Some("split the file, or raise the limit with --max-file-size".into()),
        );
    }
    if bytes.starts_with(b"version https://git-lfs.github.com/spec/") {
        return LoadedFile::unreadable(
            path,
            LFS,
            "file is a Git LFS pointer: its content was not fetched".into(),
            Some("run `git lfs pull`, or keep ladder files out of LFS".into()),
        );
    }
    let (bytes, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let file = LoadedFile::empty(path, String::from_utf8_lossy(valid).into_owned());
            let (line, column) = file.line_col(valid.len() as u32);
            let kind = if bytes.contains(&0) {
                "a binary file, not UTF-8 text"
            } else {
                "not valid UTF-8"
            };
            let span = Span {
                line,
                column,
                end_line: line,
                end_column: column + 1,
                byte_start: valid.len() as u32,
                byte_end: valid.len() as u32,
            };
            let mut file = file;
            let f = file.finding_at(
                SYNTAX,
                span,
                format!(
                    "file is {kind}: invalid byte 0x{:02X} at byte offset {}",
                    bytes[e.valid_up_to()],
                    e.valid_up_to()
                ),
                Some("save the file as UTF-8".into()),
            );
            file.findings.push(f);
            return file;
        }
    };
    let mut file = LoadedFile::empty(path, text.to_owned());
    if bom {
        let mut f = file.finding_at(
            ENCODING,
            Span::FILE_START,
            "file starts with a UTF-8 byte-order mark".into(),
            Some("save the file as UTF-8 without a BOM".into()),
        );
        f.fix = Some(Box::new(crate::fix::Fix::strip_bom()));
        file.findings.push(f);
    }
    if let Some(i) = text.find("\r\n") {
        let (line, _) = file.line_col(i as u32);
        let mut f = file.finding_at(
            ENCODING,
            Span {
                line,
                column: 1,
                end_line: line,
                end_column: 2,
                byte_start: 0,
                byte_end: 0,
            },
            "file uses CRLF line endings".into(),
            Some("convert line endings to LF (e.g. `.gitattributes`: `*.yaml text eol=lf`)".into()),
        );
        f.span = file.span_of(Pos {
            line,
            column: 1,
            byte_start: file.line_starts()[line as usize - 1],
            byte_end: file.line_starts()[line as usize - 1],
        });
        let edits = text
            .match_indices("\r\n")
            .map(|(at, _)| crate::fix::Edit::delete(at, at + 1))
            .collect();
        f.fix = Some(Box::new(crate::fix::Fix::safe(
            "convert CRLF line endings to LF",
            edits,
        )));
        file.findings.push(f);
    }
    if text.contains('\0') {
        let i = text.find('\0').unwrap_or(0);
        let (line, column) = file.line_col(i as u32);
        let f = file.finding_at(
            SYNTAX,
            Span {
                line,
                column,
                end_line: line,
                end_column: column + 1,
                byte_start: i as u32,
                byte_end: i as u32 + 1,
            },
            "file contains a NUL byte: it looks like a binary file, not YAML".into(),
            None,
        );
        file.findings.push(f);
        return file;
    }

    file.limits = *limits;
    match parse_nodes(text, limits) {
        Ok(nodes) => {
            let docs = documents(nodes);
            if docs.is_empty() {
                let f = file.finding_at(
                    KIND,
                    Span::FILE_START,
                    "file is empty: every file matched by `include` must be a ladderlint document"
                        .into(),
                    Some(
                        "add `kind:` and the document, or exclude the file in ladderlint.yaml"
                            .into(),
                    ),
                );
                file.findings.push(f);
            }
            let mut dups = Vec::new();
            for d in &docs {
                let before = dups.len();
                duplicate_keys::check(&file, &d.root, &mut dups);
                if dups.len() > before {
                    for f in &mut dups[before..] {
                        f.document = d.index;
                    }
                    file.ambiguous.push(d.index);
                }
            }
            file.findings.extend(dups);
            file.documents = std::sync::OnceLock::from(docs);
        }
        Err(e) => {
            let f = syntax::finding(&file, &e);
            file.findings.push(f);
        }
    }
    file
}

/// The YAML documents of `text` as node trees (the full path).
fn parse_nodes(text: &str, limits: &Limits) -> Result<Vec<Node>, serde_saphyr::Error> {
    let mut budget = serde_saphyr::budget::Budget::default();
    budget.max_depth = limits.max_depth;
    let options = serde_saphyr::options! {
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        underscored_numbers_as_strings: true,
        with_snippet: false,
        duplicate_keys: serde_saphyr::options::DuplicateKeyPolicy::PassThrough,
        budget: Some(budget),
    };
    serde_saphyr::from_str_multiple_with_options::<Node, Vec<Node>>(text, options)
}

fn documents(nodes: Vec<Node>) -> Vec<Document> {
    nodes
        .into_iter()
        .enumerate()
        .map(|(index, root)| {
            let kind = root
                .get("kind")
                .and_then(Node::as_str)
                .and_then(Kind::parse);
            Document { index, root, kind }
        })
        .collect()
}

#[cfg(test)]
mod tests;
