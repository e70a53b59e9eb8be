//! Running a custom rule over every document of its kind: a custom rule
//! is a `Rule` like the built-in ones, run by the same runner.

use super::{environment, error_text, find_identifier, CustomRule, RULE_FAILED};
use crate::finding::{Finding, Related};
use crate::load::Kind;
use crate::repo::{DocRef, Entry, Repo};
use crate::rules::{self, Context, Emitter, Rule, RuleMeta};
use minijinja::value::{merge_maps, Serde, Value};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// The documents a custom rule of `kind` runs over, in file order: every
/// document of that kind that satisfies its schema.
fn documents(repo: &Repo, kind: Kind) -> Vec<DocRef> {
    let mut out = Vec::new();
    for (fi, file) in repo.files.iter().enumerate() {
        for (index, (doc_kind, _)) in file.documents_json().iter().enumerate() {
            let invalid = file
                .findings
                .iter()
                .any(|f| f.document == index && rules::schema::is_schema(f.rule));
            if *doc_kind == Some(kind) && !invalid {
                out.push(DocRef {
                    file: fi as u32,
                    doc: index as u32,
                });
            }
        }
    }
    out
}

fn document_json(repo: &Repo, at: DocRef, pointer: &str) -> serde_json::Value {
    repo.file(at)
        .json_at(at.doc as usize, pointer)
        .unwrap_or(serde_json::Value::Null)
}

/// The lookup maps the rule uses, by id.
fn lookups(repo: &Repo, rule: &CustomRule) -> Value {
    let uses = |name: &str| {
        [Some(&rule.assert), rule.when.as_ref(), Some(&rule.message)]
            .into_iter()
            .flatten()
            .any(|e| find_identifier(&e.source, name).is_some())
    };
    // By id; where an id is defined twice, the first definition wins.
    fn by_id<T>(repo: &Repo, entries: &[Entry<T>], id: impl Fn(&T) -> &str) -> Value {
        let map: BTreeMap<&str, serde_json::Value> = entries
            .iter()
            .rev()
            .map(|e| (id(&e.item), document_json(repo, e.at, &e.base)))
            .collect();
        Value::from(Serde(&map))
    }
    let mut map: BTreeMap<&str, Value> = BTreeMap::new();
    if uses("people") {
        map.insert("people", by_id(repo, &repo.people, |p| &p.id));
    }
    if uses("ladders") {
        map.insert("ladders", by_id(repo, &repo.ladders, |l| &l.id));
    }
    if uses("cycles") {
        map.insert("cycles", by_id(repo, &repo.cycles, |c| &c.id));
    }
    Value::from(map)
}

enum Outcome {
    Pass,
    Finding(Finding),
    /// An expression failed: which one, and the error.
    Error(&'static str, String),
}

impl Rule for CustomRule {
    fn meta(&self) -> &'static RuleMeta {
        self.meta
    }

    /// Every document of its kind, in parallel. An expression that fails
    /// on a document (an error, or out of fuel) is a `config/rule-failed`
    /// error on that document, pointing at the expression; the rule goes
    /// on with the other documents.
    fn check_repo(&self, cx: &Context, out: &mut Emitter) {
        let repo = cx.repo;
        let env = environment();
        let compiled = (
            self.when
                .as_ref()
                .map(|w| env.compile_expression(&w.source)),
            env.compile_expression(&self.assert.source),
            env.template_from_str(&self.message.source),
        );
        let (when, assert, message) = match compiled {
            (None, Ok(a), Ok(m)) => (None, a, m),
            (Some(Ok(w)), Ok(a), Ok(m)) => (Some(w), a, m),
            // Compiled once already when the configuration was read.
            _ => return,
        };
        let lookups = lookups(repo, self);
        let docs = documents(repo, self.kind);
        let findings: Vec<Finding> = docs
            .par_iter()
            .filter_map(|&at| {
                let doc = Value::from(Serde(document_json(repo, at, "")));
                let ctx = merge_maps([doc, lookups.clone()]);
                match evaluate(repo, self, at, &ctx, when.as_ref(), &assert, &message) {
                    Outcome::Pass => None,
                    Outcome::Finding(f) => Some(f),
                    Outcome::Error(key, text) => Some(failure(repo, self, at, key, text)),
                }
            })
            .collect();
        out.findings.extend(findings);
    }
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
    let missing = repo.file(at).json_at(at.doc as usize, &rule.at).is_none();
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
