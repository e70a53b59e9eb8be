//! Reading a configuration file: every problem is a `config/invalid`
//! finding at its position.

use super::{Config, ConfigError, CONFIG_INVALID};
use crate::finding::Finding;
use crate::load::node::{Node, Value};
use crate::load::{self, LoadedFile};
use crate::rules;

impl Config {
    /// Parse a configuration file. `path` is how findings name it.
    pub fn parse(path: &str, bytes: &[u8]) -> Result<(Config, LoadedFile), Box<ConfigError>> {
        let file = load::load(path, bytes, &load::Limits::default());
        let mut cx = Parse {
            file: &file,
            errors: Vec::new(),
        };
        // Loader findings (syntax, encoding) are configuration errors here.
        for f in &file.findings {
            if f.rule != rules::schema::ENCODING.id {
                cx.errors.push(Finding {
                    rule: CONFIG_INVALID.id,
                    ..f.clone()
                });
            }
        }
        let mut config = Config {
            path: Some(path.to_owned()),
            ..Config::default()
        };
        if cx.errors.is_empty() {
            match file.documents() {
                [] => {}
                [doc] => cx.config(&doc.root, &mut config),
                [_, second, ..] => cx.error(
                    second.root.pos,
                    "the configuration must be a single YAML document".into(),
                    None,
                ),
            }
        }
        let errors = cx.errors;
        if errors.is_empty() {
            Ok((config, file))
        } else {
            Err(Box::new(ConfigError {
                findings: errors,
                file,
            }))
        }
    }
}

pub(super) struct Parse<'a> {
    pub(super) file: &'a LoadedFile,
    pub(super) errors: Vec<Finding>,
}

impl Parse<'_> {
    pub(super) fn error(&mut self, pos: load::node::Pos, message: String, help: Option<String>) {
        let f = self
            .file
            .finding_at(CONFIG_INVALID.id, self.file.span_of(pos), message, help);
        self.errors.push(f);
    }

    fn config(&mut self, root: &Node, config: &mut Config) {
        let Value::Map(entries) = &root.value else {
            if root.value != Value::Null {
                self.error(
                    root.pos,
                    format!(
                        "the configuration must be a mapping, found {}",
                        root.type_name()
                    ),
                    None,
                );
            }
            return;
        };
        const KEYS: [&str; 6] = [
            "include",
            "exclude",
            "rules",
            "fairness",
            "custom_rules",
            "waivers",
        ];
        // Custom rules first: `rules:` may set their severity.
        if let Some(Value::Seq(items)) = root.get("custom_rules").map(|v| &v.value) {
            config.custom = rules::custom::parse(self.file, items, &mut self.errors);
        }
        for (key, value) in entries {
            match key.name.as_str() {
                "include" => {
                    if let Some(globs) = self.globs(value) {
                        config.include = globs;
                    }
                }
                "exclude" => {
                    if let Some(globs) = self.globs(value) {
                        config.exclude = globs;
                    }
                }
                "rules" => self.rules(value, config),
                "fairness" => self.fairness(value, &mut config.fairness),
                "waivers" => match value.as_str() {
                    Some(p)
                        if !p.is_empty()
                            && !p.starts_with('/')
                            && !p.contains('\\')
                            && !p.split('/').any(|s| s == ".." || s == ".") =>
                    {
                        config.waivers_path = Some(p.to_owned())
                    }
                    _ => self.error(
                        value.pos,
                        "`waivers` must be the path of the waivers file, relative to the \
                         repository root, with `/` separators and no `..`"
                            .into(),
                        None,
                    ),
                },
                "custom_rules" => match &value.value {
                    Value::Seq(items) => config.custom_rules = items.clone(),
                    Value::Null => {}
                    _ => self.error(value.pos, "`custom_rules` must be a list".into(), None),
                },
                other => {
                    let help = crate::suggest::suggest(other, KEYS)
                        .map(|s| format!("did you mean `{s}`?"));
                    self.error(
                        key.pos,
                        format!("unknown configuration key `{other}`"),
                        help.or_else(|| Some(format!("expected one of: {}", KEYS.join(", ")))),
                    );
                }
            }
        }
    }

    fn globs(&mut self, value: &Node) -> Option<Vec<String>> {
        let Value::Seq(items) = &value.value else {
            self.error(
                value.pos,
                format!(
                    "expected a list of glob patterns, found {}",
                    value.type_name()
                ),
                None,
            );
            return None;
        };
        let mut out = Vec::new();
        for item in items {
            match item.as_str() {
                Some(s) => match globset::GlobBuilder::new(s).literal_separator(true).build() {
                    Ok(_) => out.push(s.to_owned()),
                    Err(e) => {
                        self.error(item.pos, format!("invalid glob `{s}`: {}", e.kind()), None)
                    }
                },
                None => self.error(
                    item.pos,
                    format!("expected a glob pattern, found {}", item.type_name()),
                    None,
                ),
            }
        }
        Some(out)
    }
}

pub(super) fn show(node: &Node) -> String {
    match &node.value {
        Value::Str(s) => format!("`{s}`"),
        Value::Int(i) => format!("`{i}`"),
        Value::Float(f) => format!("`{f}`"),
        Value::Bool(b) => format!("`{b}`"),
        _ => node.type_name().to_owned(),
    }
}
