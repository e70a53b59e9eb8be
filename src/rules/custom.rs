//! Custom rules: an organisation's own checks, written in `ladderlint.yaml`
//! as minijinja expressions evaluated against every document of a kind.
//!
//! ```yaml
//! custom_rules:
//!   - id: acme/staff-needs-mentor
//!     kind: Nomination
//!     when: "to_level in ['E7', 'E8']"
//!     assert: "mentor is defined"
//!     message: "Staff+ nominations need a mentor"
//!     severity: error          # default: error
//!     at: /mentor              # JSON pointer of the node to point at (default: the document)
//! ```
//!
//! An expression sees the document's top-level fields (as its JSON Schema
//! names them) and the lookup maps `people`, `ladders` and `cycles` (by id).
//! Every expression is compiled, and its variables checked, when the
//! configuration is read: a typo is a `config/invalid` error at its position
//! before any document is read. Evaluation is bounded by minijinja's fuel, so
//! an expression that does too much work fails clearly instead of hanging.

use crate::finding::{Finding, Related, Severity, Span};
use crate::load::node::{Node, Value as Yaml};
use crate::load::{Kind, LoadedFile};
use crate::repo::{DocRef, Repo};
use crate::rules::config::INVALID as CONFIG_INVALID;
use crate::rules::{self, RuleId, RuleMeta};
use minijinja::value::{merge_maps, Serde, Value};
use minijinja::{Environment, ErrorKind, UndefinedBehavior};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::ops::Range;

/// The work one evaluation may do (minijinja fuel: about one instruction,
/// or 64 bytes of data, each).
pub const FUEL: u64 = 1_000_000;

pub static RULE_FAILED: RuleMeta = RuleMeta {
    id: RuleId::new("config/rule-failed"),
    severity: Severity::Error,
    summary: "a custom rule could be checked on every document of its kind",
    rationale: "An expression that fails on a document (a division by zero, a value of an \
                unexpected type, too much work) checks nothing there. The document is reported, \
                so a rule never stops silently, and a change cannot slip past a rule by making \
                it fail; the rule goes on with the other documents.",
    options: &[],
    pass: "custom_rules:\n  - { id: acme/votes, kind: Nomination, assert: \"review.votes | length > 0\", \
           message: x }\n",
    fail: "custom_rules:\n  - { id: acme/ratio, kind: Nomination, assert: \"1 / (evidence | length) > 0\", \
           message: x }\n# a nomination without evidence divides by zero\n",
};

/// The lookup maps every expression may use.
const LOOKUPS: [&str; 3] = ["people", "ladders", "cycles"];

const KEYS: [&str; 7] = ["id", "kind", "when", "assert", "message", "severity", "at"];

/// An expression or template of a custom rule, with where it is written.
#[derive(Clone, Debug)]
pub struct Expr {
    pub source: String,
    /// The scalar in the configuration file.
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct CustomRule {
    /// Generated documentation, for `rules`, `explain` and every output.
    pub meta: &'static RuleMeta,
    pub kind: Kind,
    pub when: Option<Expr>,
    pub assert: Expr,
    /// A minijinja template (plain text unless it holds `{{ }}`).
    pub message: Expr,
    /// JSON pointer of the node to report at ("" for the document).
    pub at: String,
    /// The configuration file, where evaluation errors are reported.
    pub config_path: String,
}

/// The environment every custom rule is compiled and evaluated in.
fn environment<'s>() -> Environment<'s> {
    let mut env = Environment::new();
    env.set_fuel(Some(FUEL));
    env.set_undefined_behavior(UndefinedBehavior::Chainable);
    env.set_debug(true);
    env
}

/// The variables an expression over a document of `kind` may use.
pub fn variables(kind: Kind) -> Vec<String> {
    let schema = &crate::schema::compiled(kind).schema;
    let mut out: Vec<String> = schema
        .get("properties")
        .and_then(|p| p.as_object())
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    for l in LOOKUPS {
        if !out.iter().any(|v| v == l) {
            out.push(l.to_owned());
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Reading the configuration

/// Read the `custom_rules` entries. Problems are `config/invalid` findings.
pub fn parse<'f>(
    file: &'f LoadedFile,
    items: &'f [Node],
    errors: &mut Vec<Finding>,
) -> Vec<CustomRule> {
    let env = environment();
    let mut cx = Parser {
        file,
        env: &env,
        errors,
    };
    let mut out: Vec<CustomRule> = Vec::new();
    let mut seen: BTreeMap<String, Span> = BTreeMap::new();
    for item in items {
        if let Some(rule) = cx.entry(item, &mut seen) {
            out.push(rule);
        }
    }
    out
}

struct Parser<'f, 'e> {
    file: &'f LoadedFile,
    env: &'e Environment<'f>,
    errors: &'e mut Vec<Finding>,
}

impl<'f> Parser<'f, '_> {
    fn error(&mut self, span: Span, message: String, help: Option<String>) -> &mut Finding {
        let f = self.file.finding_at(CONFIG_INVALID.id, span, message, help);
        self.errors.push(f);
        self.errors.last_mut().expect("just pushed")
    }

    fn at(&mut self, node: &Node, message: String, help: Option<String>) {
        let span = self.file.span_of(node.pos);
        self.error(span, message, help);
    }

    fn entry(&mut self, item: &'f Node, seen: &mut BTreeMap<String, Span>) -> Option<CustomRule> {
        let Yaml::Map(entries) = &item.value else {
            self.at(
                item,
                format!(
                    "a custom rule must be a mapping with `id`, `kind`, `assert` and `message`, \
                     found {}",
                    item.type_name()
                ),
                None,
            );
            return None;
        };
        let errors_before = self.errors.len();
        for (key, _) in entries {
            if !KEYS.contains(&key.name.as_str()) {
                let help = rules::suggest(&key.name, KEYS)
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| format!("a custom rule has: {}", KEYS.join(", ")));
                let span = self.file.span_of(key.pos);
                self.error(
                    span,
                    format!("unknown key `{}` in a custom rule", key.name),
                    Some(help),
                );
            }
        }
        let id = self.id(item, seen);
        let name = item
            .get("id")
            .and_then(Node::as_str)
            .unwrap_or("(no id)")
            .to_owned();
        let kind = self.kind(item, &name);
        let severity = match item.get("severity") {
            None => Some(Severity::Error),
            Some(n) => match n.as_str().and_then(Severity::parse) {
                Some(s) => Some(s),
                None => {
                    self.at(
                        n,
                        format!(
                            "`severity` of custom rule `{name}` must be one of error, warning, \
                             info, off"
                        ),
                        None,
                    );
                    None
                }
            },
        };
        let at = match item.get("at") {
            None => Some(String::new()),
            Some(n) => match n.as_str() {
                Some(p) if p.is_empty() || p.starts_with('/') => Some(p.to_owned()),
                _ => {
                    self.at(
                        n,
                        format!(
                            "`at` of custom rule `{name}` must be a JSON pointer such as \
                             `/mentor`, or empty for the whole document"
                        ),
                        None,
                    );
                    None
                }
            },
        };
        let when = match item.get("when") {
            None => Some(None),
            Some(n) => self.expression(n, "when", &name, kind).map(Some),
        };
        let assert = match item.get("assert") {
            Some(n) => self.expression(n, "assert", &name, kind),
            None => {
                self.missing(item, &name, "assert", "an expression that must be true");
                None
            }
        };
        let message = match item.get("message") {
            Some(n) => self.template(n, &name, kind),
            None => {
                self.missing(item, &name, "message", "the text of the finding");
                None
            }
        };
        if self.errors.len() > errors_before {
            return None;
        }
        let (id, kind, severity, at, when, assert, message) =
            (id?, kind?, severity?, at?, when?, assert?, message?);
        let meta = Box::leak(Box::new(RuleMeta {
            id: RuleId::intern(&id),
            severity,
            summary: leak(message.source.trim().to_owned()),
            rationale: leak(rationale(kind, when.as_ref(), &assert)),
            options: &[],
            pass: "",
            fail: "",
        }));
        Some(CustomRule {
            meta,
            kind,
            when,
            assert,
            message,
            at,
            config_path: self.file.path.clone(),
        })
    }

    fn missing(&mut self, item: &Node, name: &str, key: &str, what: &str) {
        self.at(
            item,
            format!("custom rule `{name}` has no `{key}`"),
            Some(format!("add `{key}:` with {what}")),
        );
    }

    fn id(&mut self, item: &Node, seen: &mut BTreeMap<String, Span>) -> Option<String> {
        let Some(node) = item.get("id") else {
            self.missing(
                item,
                "(no id)",
                "id",
                "a rule id such as `acme/staff-needs-mentor`",
            );
            return None;
        };
        let Some(id) = node.as_str() else {
            self.at(
                node,
                "the `id` of a custom rule must be text such as `acme/staff-needs-mentor`".into(),
                None,
            );
            return None;
        };
        let part = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        };
        let Some((group, rest)) = id.split_once('/').filter(|(g, r)| part(g) && part(r)) else {
            self.at(
                node,
                format!("custom rule id `{id}` must be `group/name` in lower case"),
                Some("e.g. `acme/staff-needs-mentor`".into()),
            );
            return None;
        };
        // The groups of ladderlint's own rules, as the rules declare them.
        if rules::all_meta().iter().any(|m| m.group() == group) {
            let help = if rules::find_meta(id).is_some() {
                format!("`{id}` is a built-in rule; configure it under `rules:`")
            } else {
                format!("use your organisation's name as the group, e.g. `acme/{rest}`")
            };
            self.at(
                node,
                format!(
                    "custom rule id `{id}` uses the group `{group}/` of ladderlint's own rules"
                ),
                Some(help),
            );
            return None;
        }
        let span = self.file.span_of(node.pos);
        if let Some(first) = seen.get(id).cloned() {
            let related = self.file.related(first, "first defined here");
            let f = self.error(span, format!("duplicate custom rule id `{id}`"), None);
            f.related.push(related);
            return None;
        }
        seen.insert(id.to_owned(), span);
        Some(id.to_owned())
    }

    fn kind(&mut self, item: &Node, name: &str) -> Option<Kind> {
        let Some(node) = item.get("kind") else {
            self.missing(
                item,
                name,
                "kind",
                "the kind of document it checks: Ladder, People, Cycle or Nomination",
            );
            return None;
        };
        let text = node.as_str().unwrap_or("");
        match Kind::parse(text) {
            Some(k) => Some(k),
            None => {
                let hint = rules::suggest(text, Kind::ALL.map(Kind::name))
                    .map(|s| format!("did you mean `{s}`?"));
                self.at(
                    node,
                    format!(
                        "unknown kind `{text}` in custom rule `{name}`: expected Ladder, People, \
                         Cycle or Nomination"
                    ),
                    hint,
                );
                None
            }
        }
    }

    fn text(&mut self, node: &'f Node, key: &str, name: &str) -> Option<&'f str> {
        match node.as_str() {
            Some(s) if !s.trim().is_empty() => Some(s),
            _ => {
                self.at(
                    node,
                    format!(
                        "`{key}` of custom rule `{name}` must be a non-empty string, found {}",
                        node.type_name()
                    ),
                    Some(format!("quote it: {key}: \"...\"")),
                );
                None
            }
        }
    }

    /// Compile an expression and check its variables.
    fn expression(
        &mut self,
        node: &'f Node,
        key: &str,
        name: &str,
        kind: Option<Kind>,
    ) -> Option<Expr> {
        let source = self.text(node, key, name)?;
        match self.env.compile_expression(source) {
            Ok(expr) => {
                let vars = expr.undeclared_variables(false);
                self.check_variables(node, source, key, name, kind, vars)?;
            }
            Err(e) => {
                self.syntax(node, source, key, name, &e);
                return None;
            }
        }
        Some(Expr {
            source: source.to_owned(),
            span: self.file.span_of(node.pos),
        })
    }

    /// Compile the message template and check its variables.
    fn template(&mut self, node: &'f Node, name: &str, kind: Option<Kind>) -> Option<Expr> {
        let source = self.text(node, "message", name)?;
        match self.env.template_from_str(source) {
            Ok(t) => {
                let vars = t.undeclared_variables(false);
                self.check_variables(node, source, "message", name, kind, vars)?;
            }
            Err(e) => {
                self.syntax(node, source, "message", name, &e);
                return None;
            }
        }
        Some(Expr {
            source: source.to_owned(),
            span: self.file.span_of(node.pos),
        })
    }

    fn syntax(&mut self, node: &Node, source: &str, key: &str, name: &str, e: &minijinja::Error) {
        let span = match e.range() {
            Some(r) if r.start < source.len() => {
                let end = r.end.clamp(r.start + 1, source.len());
                let end = (end..=source.len())
                    .find(|&i| source.is_char_boundary(i))
                    .unwrap_or(source.len());
                let start = (0..=r.start)
                    .rev()
                    .find(|&i| source.is_char_boundary(i))
                    .unwrap_or(0);
                self.file
                    .text_span(node, start..end)
                    .unwrap_or_else(|| self.file.span_of(node.pos))
            }
            _ => self.file.span_of(node.pos),
        };
        self.error(
            span,
            format!(
                "`{key}` of custom rule `{name}` is not a valid expression: {}",
                error_text(e)
            ),
            Some(
                "expressions use minijinja (Jinja2) syntax, e.g. `to_level in ['E7', 'E8']`".into(),
            ),
        );
    }

    fn check_variables(
        &mut self,
        node: &Node,
        source: &str,
        key: &str,
        name: &str,
        kind: Option<Kind>,
        vars: std::collections::HashSet<String>,
    ) -> Option<()> {
        let kind = kind?;
        let known = variables(kind);
        let globals: Vec<&str> = self.env.globals().map(|(n, _)| n).collect();
        let mut unknown: Vec<String> = vars
            .into_iter()
            .filter(|v| !known.contains(v) && !globals.contains(&v.as_str()))
            .collect();
        unknown.sort_by_key(|v| find_identifier(source, v).map_or(usize::MAX, |r| r.start));
        for v in &unknown {
            let span = match find_identifier(source, v) {
                Some(r) => self
                    .file
                    .text_span(node, r)
                    .unwrap_or_else(|| self.file.span_of(node.pos)),
                None => self.file.span_of(node.pos),
            };
            let hint = rules::suggest(v, known.iter().map(String::as_str))
                .map(|s| format!("did you mean `{s}`? "))
                .unwrap_or_default();
            self.error(
                span,
                format!(
                    "unknown variable `{v}` in `{key}` of custom rule `{name}`: a {} document \
                     has no field `{v}`",
                    kind.name()
                ),
                Some(format!(
                    "{hint}a {} expression can use: {}",
                    kind.name(),
                    known.join(", ")
                )),
            );
        }
        unknown.is_empty().then_some(())
    }
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn rationale(kind: Kind, when: Option<&Expr>, assert: &Expr) -> String {
    let scope = match when {
        Some(w) => format!("every {} document where `{}`", kind.name(), w.source.trim()),
        None => format!("every {} document", kind.name()),
    };
    format!(
        "A custom rule of this organisation, defined in ladderlint.yaml: for {scope}, `{}` \
         must hold.",
        assert.source.trim()
    )
}

/// The byte range of the first use of variable `name` in an expression:
/// a whole identifier, outside string literals, not an attribute (`.name`).
fn find_identifier(source: &str, name: &str) -> Option<Range<usize>> {
    let bytes = source.as_bytes();
    let mut i = 0;
    let mut quote: Option<u8> = None;
    let mut prev_significant: Option<u8> = None;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(q) = quote {
            if b == b'\\' {
                i += 2;
                continue;
            }
            if b == q {
                quote = None;
                prev_significant = Some(b);
            }
            i += 1;
            continue;
        }
        if b == b'\'' || b == b'"' {
            quote = Some(b);
            i += 1;
            continue;
        }
        if b.is_ascii_alphabetic() || b == b'_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            if &source[start..i] == name && prev_significant != Some(b'.') {
                return Some(start..i);
            }
            prev_significant = Some(b'a');
            continue;
        }
        if !b.is_ascii_whitespace() {
            prev_significant = Some(b);
        }
        i += 1;
    }
    None
}

/// A minijinja error as one plain sentence.
fn error_text(e: &minijinja::Error) -> String {
    match e.kind() {
        ErrorKind::OutOfFuel => format!(
            "it ran out of its evaluation budget ({FUEL} units of fuel): the expression does \
             too much work for one document"
        ),
        _ => {
            let kind = e.kind().to_string();
            match e.detail() {
                Some(d) => format!("{kind}: {d}"),
                None => kind,
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Running

/// The documents a custom rule of `kind` runs over, in file order: every
/// document of that kind that satisfies its schema.
fn documents(repo: &Repo, kind: Kind) -> Vec<DocRef> {
    let mut out = Vec::new();
    for (fi, file) in repo.files.iter().enumerate() {
        for d in file.documents() {
            let invalid = file
                .findings
                .iter()
                .any(|f| f.document == d.index && rules::schema::is_schema(f.rule));
            if d.kind == Some(kind) && !invalid {
                out.push(DocRef {
                    file: fi as u32,
                    doc: d.index as u32,
                });
            }
        }
    }
    out
}

fn document_json(repo: &Repo, at: DocRef, pointer: &str) -> serde_json::Value {
    repo.file(at)
        .documents()
        .get(at.doc as usize)
        .and_then(|d| d.root.resolve(pointer))
        .map_or(serde_json::Value::Null, |(_, n)| n.to_json())
}

/// The lookup maps the rules use, by id.
fn lookups(repo: &Repo, rules: &[&CustomRule]) -> Value {
    let uses = |name: &str| {
        rules.iter().any(|r| {
            [Some(&r.assert), r.when.as_ref(), Some(&r.message)]
                .into_iter()
                .flatten()
                .any(|e| find_identifier(&e.source, name).is_some())
        })
    };
    let mut map: BTreeMap<&str, Value> = BTreeMap::new();
    if uses("people") {
        let people: BTreeMap<&str, serde_json::Value> = repo
            .people
            .iter()
            .rev()
            .map(|p| (p.item.id.as_str(), document_json(repo, p.at, &p.base)))
            .collect();
        map.insert("people", Value::from(Serde(&people)));
    }
    if uses("ladders") {
        let ladders: BTreeMap<&str, serde_json::Value> = repo
            .ladders
            .iter()
            .rev()
            .map(|l| (l.item.id.as_str(), document_json(repo, l.at, &l.base)))
            .collect();
        map.insert("ladders", Value::from(Serde(&ladders)));
    }
    if uses("cycles") {
        let cycles: BTreeMap<&str, serde_json::Value> = repo
            .cycles
            .iter()
            .rev()
            .map(|c| (c.item.id.as_str(), document_json(repo, c.at, &c.base)))
            .collect();
        map.insert("cycles", Value::from(Serde(&cycles)));
    }
    Value::from(map)
}

enum Outcome {
    Pass,
    Finding(Finding),
    /// An expression failed: which one, and the error.
    Error(&'static str, String),
}

/// Run the custom rules over every document of their kind, in parallel.
/// An expression that fails on a document (an error, or out of fuel) is a
/// `config/rule-failed` error on that document, pointing at the expression;
/// the rule goes on with the other documents.
pub fn check(repo: &Repo, rules: &[&CustomRule]) -> Vec<Finding> {
    if rules.is_empty() {
        return Vec::new();
    }
    let env = environment();
    let lookups = lookups(repo, rules);
    let mut findings = Vec::new();
    for rule in rules {
        let compiled = (
            rule.when
                .as_ref()
                .map(|w| env.compile_expression(&w.source)),
            env.compile_expression(&rule.assert.source),
            env.template_from_str(&rule.message.source),
        );
        let (when, assert, message) = match compiled {
            (None, Ok(a), Ok(m)) => (None, a, m),
            (Some(Ok(w)), Ok(a), Ok(m)) => (Some(w), a, m),
            // Compiled once already when the configuration was read.
            _ => continue,
        };
        let docs = documents(repo, rule.kind);
        let outcomes: Vec<Finding> = docs
            .par_iter()
            .filter_map(|&at| {
                let doc = Value::from(Serde(document_json(repo, at, "")));
                let ctx = merge_maps([doc, lookups.clone()]);
                match evaluate(repo, rule, at, &ctx, when.as_ref(), &assert, &message) {
                    Outcome::Pass => None,
                    Outcome::Finding(f) => Some(f),
                    Outcome::Error(key, text) => Some(failure(repo, rule, at, key, text)),
                }
            })
            .collect();
        findings.extend(outcomes);
    }
    findings
}

fn evaluate(
    repo: &Repo,
    rule: &CustomRule,
    at: DocRef,
    ctx: &Value,
    when: Option<&minijinja::Expression>,
    assert: &minijinja::Expression,
    message: &minijinja::Template,
) -> Outcome {
    if let Some(w) = when {
        match w.eval(ctx.clone()) {
            Ok(v) if !v.is_true() => return Outcome::Pass,
            Ok(_) => {}
            Err(e) => return Outcome::Error("when", error_text(&e)),
        }
    }
    match assert.eval(ctx.clone()) {
        Ok(v) if v.is_true() => return Outcome::Pass,
        Ok(_) => {}
        Err(e) => return Outcome::Error("assert", error_text(&e)),
    }
    let text = match message.render(ctx.clone()) {
        Ok(t) => t,
        Err(e) => return Outcome::Error("message", error_text(&e)),
    };
    let text = match text.trim() {
        "" => format!("custom rule `{}` does not hold", rule.meta.id),
        t => t.to_owned(),
    };
    let mut f = repo.finding(rule.meta.id, at, &rule.at, text);
    f.severity = rule.meta.severity;
    let missing = repo
        .file(at)
        .documents()
        .get(at.doc as usize)
        .is_some_and(|d| d.root.resolve(&rule.at).is_none());
    if missing {
        f.help = Some(format!("the document has no `{}`", rule.at));
    }
    Outcome::Finding(f)
}

/// The `config/rule-failed` finding for an expression that failed on `at`:
/// on the document, with the expression as a related location.
fn failure(repo: &Repo, rule: &CustomRule, at: DocRef, key: &str, text: String) -> Finding {
    let expr = match key {
        "when" => rule.when.as_ref().unwrap_or(&rule.assert),
        "message" => &rule.message,
        _ => &rule.assert,
    };
    let mut f = repo.finding(
        RULE_FAILED.id,
        at,
        "",
        format!(
            "custom rule `{}` could not be checked on this document: its `{key}` failed: {text}",
            rule.meta.id
        ),
    );
    f.severity = RULE_FAILED.severity;
    f.help = Some(
        "the rule was checked on the other documents; fix the expression, or the value it \
         cannot handle"
            .into(),
    );
    f.related.push(Related {
        file: rule.config_path.clone(),
        span: expr.span.clone(),
        message: format!("the `{key}` of `{}`", rule.meta.id),
    });
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_skip_strings_and_attributes() {
        let s = "x.mentr == 'mentr' and mentr is defined";
        assert_eq!(find_identifier(s, "mentr"), Some(23..28));
        assert_eq!(find_identifier("\"a\\\"b\" ~ b", "b"), Some(9..10));
    }

    #[test]
    fn nomination_variables_come_from_the_schema() {
        let v = variables(Kind::Nomination);
        for name in [
            "to_level",
            "mentor",
            "candidate",
            "people",
            "ladders",
            "cycles",
        ] {
            assert!(v.iter().any(|x| x == name), "{name} missing from {v:?}");
        }
    }
}
