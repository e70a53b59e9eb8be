//! Reading the `custom_rules` entries of the configuration: each one
//! checked and compiled, problems reported as `config/invalid`.

use super::{environment, error_text, find_identifier, variables, CustomRule, Expr, KEYS};
use crate::finding::{Finding, Severity, Span};
use crate::load::node::{Node, Value as Yaml};
use crate::load::{Kind, LoadedFile};
use crate::rules::config::INVALID as CONFIG_INVALID;
use crate::rules::{self, RuleId, RuleMeta};
use minijinja::Environment;
use std::collections::BTreeMap;

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
