//! `schema/invalid`: a document satisfies the JSON Schema of its kind. Each
//! violation is reported at the offending node, found through the JSON
//! pointer the validator names.

use crate::finding::{Finding, Severity, MAX_PER_DOCUMENT};
use crate::load::{Kind, LoadedFile};
use crate::rules::{suggest, RuleId, RuleMeta};
use jsonschema::error::ValidationErrorKind;

pub static INVALID: RuleMeta = RuleMeta {
    id: RuleId::new("schema/invalid"),
    severity: Severity::Error,
    summary: "the document satisfies the JSON Schema of its kind",
    rationale: "A typo in a key (`decison:`) or a malformed date would otherwise pass \
                silently and every later rule would read a document that says less than its \
                author meant. `ladderlint schema KIND` prints the schema for editors.",
    options: &[],
    pass: "kind: Cycle\nid: 2026-H2\nopens: 2026-06-01\ncloses: 2026-07-15\n\
           decide_by: 2026-09-01\nboard: [trunty, ahmed, lchen]\n",
    fail: "kind: Cycle\nid: 2026-H2\nopens: 2026-13-01   # not a date\ncloses: 2026-07-15\n\
           decide_by: 2026-09-01\nboard: [trunty, ahmed, lchen]\n",
};

/// Validate document `doc` of `file` (already known to be of `kind`).
pub fn validate(
    file: &LoadedFile,
    doc: usize,
    kind: Kind,
    instance: &serde_json::Value,
) -> Vec<Finding> {
    validate_against(
        file,
        doc,
        crate::schema::compiled(kind),
        kind.name(),
        instance,
    )
}

/// Validate document `doc` of `file` against `compiled`, the schema of
/// what `what` names ("Nomination", "Waivers").
pub fn validate_against(
    file: &LoadedFile,
    doc: usize,
    compiled: &crate::schema::Compiled,
    what: &str,
    instance: &serde_json::Value,
) -> Vec<Finding> {
    let mut out = Vec::new();
    // Past the first findings, the rest are only counted: a mapping of
    // 100,000 unexpected keys costs no position lookups.
    let mut unlisted = 0usize;
    let full = |out: &Vec<Finding>| out.len() >= MAX_PER_DOCUMENT;
    // Missing keys of one object are reported together, at that object.
    let mut missing: Vec<(String, Vec<String>)> = Vec::new();
    for error in compiled.validator.iter_errors(instance) {
        let parent = error.instance_path().as_str().to_owned();
        let schema_parent = {
            let s = error.schema_path().as_str();
            s.rsplit_once('/').map_or("", |(p, _)| p).to_owned()
        };
        match error.kind() {
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or_default().to_owned();
                match missing.iter_mut().find(|(p, _)| *p == parent) {
                    Some((_, names)) => names.push(name),
                    None => missing.push((parent, vec![name])),
                }
            }
            ValidationErrorKind::AdditionalProperties { unexpected }
            | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
                let known = known_properties(&compiled.schema, &schema_parent);
                for key in unexpected {
                    if full(&out) {
                        unlisted += 1;
                        continue;
                    }
                    let pointer = format!("{parent}/{}", escape(key));
                    let mut f = finding(file, doc, &pointer, format!("unexpected key `{key}`"));
                    f.span = file.key_span_at(doc, &pointer);
                    if let Some(w) = where_(&parent) {
                        f.message.push_str(&format!(" in {w}"));
                    }
                    if let Some(s) = suggest(key, known.iter().map(String::as_str)) {
                        f.help = Some(format!("did you mean `{s}`?"));
                    } else if !known.is_empty() {
                        f.help = Some(format!("expected one of: {}", known.join(", ")));
                    }
                    out.push(f);
                }
            }
            _ if full(&out) => unlisted += 1,
            ValidationErrorKind::Format { format } if format == "date" => {
                let value = match error.instance().as_ref() {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let mut message =
                    format!("`{value}` is not a date: expected YYYY-MM-DD, a day that exists");
                if let Some(w) = where_(&parent) {
                    message.push_str(&format!(" (at {w})"));
                }
                out.push(finding(file, doc, &parent, message));
            }
            _ => {
                let mut message = error.to_string();
                if message.chars().count() > 200 {
                    message = message.chars().take(197).collect::<String>() + "...";
                }
                // Formats without the source line (JSON, SARIF,
                // annotations) still say which value is meant.
                if let Some(w) = where_(&parent) {
                    message.push_str(&format!(" (at {w})"));
                }
                out.push(finding(file, doc, &parent, message));
            }
        }
    }
    for (parent, names) in missing {
        let list = names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>();
        let list = match list.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => list.concat(),
        };
        let keys = if names.len() == 1 { "key" } else { "keys" };
        let at = match where_(&parent) {
            Some(w) => format!("in {w}"),
            None => format!("in this {what}"),
        };
        let mut f = finding(
            file,
            doc,
            &parent,
            format!("missing required {keys} {list} {at}"),
        );
        f.span = if parent.is_empty() {
            file.span_at(doc, "/kind")
        } else {
            file.key_span_at(doc, &parent)
        };
        out.push(f);
    }
    if unlisted > 0 || out.len() > MAX_PER_DOCUMENT {
        // As the sink would list them: the first ones, then how many more
        // (at the last one listed, the others having no position yet).
        let rest = out.len() - MAX_PER_DOCUMENT.min(out.len()) + unlisted;
        out.truncate(MAX_PER_DOCUMENT);
        if let Some(last) = out.last() {
            let more = crate::finding::more(last, rest);
            out.push(more);
        }
    }
    out
}

fn finding(file: &LoadedFile, doc: usize, pointer: &str, message: String) -> Finding {
    let mut f = file.finding_at(INVALID.id, file.span_at(doc, pointer), message, None);
    f.pointer = pointer.to_owned();
    f.document = doc;
    f
}

/// "`review`" for a pointer, or None for the document itself.
fn where_(pointer: &str) -> Option<String> {
    (!pointer.is_empty())
        .then(|| format!("`{}`", pointer.trim_start_matches('/').replace('/', ".")))
}

use crate::load::pointer::escape;

/// The property names declared beside the keyword at `schema_parent`.
fn known_properties(schema: &serde_json::Value, schema_parent: &str) -> Vec<String> {
    let mut node = schema;
    for token in schema_parent.split('/').filter(|t| !t.is_empty()) {
        let token = crate::load::pointer::unescape(token);
        node = match node {
            serde_json::Value::Object(m) => match m.get(&token) {
                Some(n) => n,
                None => return Vec::new(),
            },
            serde_json::Value::Array(a) => match token.parse::<usize>().ok().and_then(|i| a.get(i))
            {
                Some(n) => n,
                None => return Vec::new(),
            },
            _ => return Vec::new(),
        };
    }
    node.get("properties")
        .and_then(|p| p.as_object())
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}
