//! The `rules:` section: each rule's severity, options and whether its
//! findings may be suppressed.

use super::parse::{show, Parse};
use super::Config;
use crate::finding::Severity;
use crate::load::node::{Node, Value};
use crate::rules::{self, OptionKind};

impl Parse<'_> {
    pub(super) fn rules(&mut self, value: &Node, config: &mut Config) {
        let Value::Map(entries) = &value.value else {
            if value.value != Value::Null {
                self.error(
                    value.pos,
                    format!(
                        "`rules` must be a mapping of rule id to severity, found {}",
                        value.type_name()
                    ),
                    None,
                );
            }
            return;
        };
        let mut all = rules::all_meta();
        all.extend(config.custom.iter().map(|c| c.meta));
        for (key, setting) in entries {
            let Some(meta) = all.iter().copied().find(|m| m.id.as_str() == key.name) else {
                let help = crate::suggest::suggest(&key.name, all.iter().map(|m| m.id.as_str()))
                    .map(|s| format!("did you mean `{s}`?"))
                    .or_else(|| Some("`ladderlint rules` lists every rule id".into()));
                self.error(key.pos, format!("unknown rule `{}`", key.name), help);
                continue;
            };
            match &setting.value {
                Value::Str(s) => {
                    if let Some(sev) = self.severity(setting, s) {
                        config.severities.insert(meta.id, sev);
                    }
                }
                Value::Map(opts) => {
                    for (okey, ovalue) in opts {
                        if okey.name == "suppressible" {
                            match ovalue.value {
                                Value::Bool(false) => {
                                    config.unsuppressible.insert(meta.id);
                                }
                                Value::Bool(true) => {
                                    config.unsuppressible.remove(&meta.id);
                                }
                                _ => self.error(
                                    ovalue.pos,
                                    "`suppressible` must be true or false".into(),
                                    None,
                                ),
                            }
                            continue;
                        }
                        if okey.name == "severity" {
                            match ovalue.as_str() {
                                Some(s) => {
                                    if let Some(sev) = self.severity(ovalue, s) {
                                        config.severities.insert(meta.id, sev);
                                    }
                                }
                                None => self.error(
                                    ovalue.pos,
                                    "`severity` must be one of error, warning, info, off".into(),
                                    None,
                                ),
                            }
                            continue;
                        }
                        let Some(ometa) = meta.options.iter().find(|o| o.name == okey.name) else {
                            let names: Vec<&str> = meta.options.iter().map(|o| o.name).collect();
                            let help = crate::suggest::suggest(&okey.name, names.iter().copied())
                                .map(|s| format!("did you mean `{s}`?"))
                                .or_else(|| {
                                    Some(if names.is_empty() {
                                        format!(
                                            "`{}` takes no options, only `severity` and \
                                             `suppressible`",
                                            meta.id
                                        )
                                    } else {
                                        format!(
                                            "options of `{}`: severity, suppressible, {}",
                                            meta.id,
                                            names.join(", ")
                                        )
                                    })
                                });
                            self.error(
                                okey.pos,
                                format!("unknown option `{}` for rule `{}`", okey.name, meta.id),
                                help,
                            );
                            continue;
                        };
                        if let Some(v) = self.option(ometa.kind, ometa.name, ovalue) {
                            config
                                .options
                                .entry(meta.id)
                                .or_default()
                                .0
                                .insert(ometa.name.into(), v);
                        }
                    }
                }
                _ => self.error(
                    setting.pos,
                    format!(
                        "expected a severity or a mapping of options for `{}`, found {}",
                        meta.id,
                        setting.type_name()
                    ),
                    None,
                ),
            }
        }
    }

    fn severity(&mut self, node: &Node, s: &str) -> Option<Severity> {
        let sev = Severity::parse(s);
        if sev.is_none() {
            let help = crate::suggest::suggest(s, ["error", "warning", "info", "off"])
                .map(|x| format!("did you mean `{x}`?"));
            self.error(
                node.pos,
                format!("unknown severity `{s}`: expected error, warning, info or off"),
                help,
            );
        }
        sev
    }

    fn option(&mut self, kind: OptionKind, name: &str, node: &Node) -> Option<serde_json::Value> {
        let bad = |what: String| (node.pos, format!("option `{name}` {what}"));
        let result = match (kind, &node.value) {
            (OptionKind::Count { min }, Value::Int(i)) if *i >= min => Ok(serde_json::json!(i)),
            (OptionKind::Count { min }, _) => Err(bad(format!(
                "must be a whole number of at least {min}, found {}",
                show(node)
            ))),
            (OptionKind::Number { min, max }, Value::Int(i))
                if (*i as f64) >= min && (*i as f64) <= max =>
            {
                Ok(serde_json::json!(*i as f64))
            }
            (OptionKind::Number { min, max }, Value::Float(f)) if *f >= min && *f <= max => {
                Ok(serde_json::json!(f))
            }
            (OptionKind::Number { min, max }, _) => Err(bad(format!(
                "must be a number from {min} to {max}, found {}",
                show(node)
            ))),
            (OptionKind::Choice(choices), Value::Str(s)) if choices.contains(&s.as_str()) => {
                Ok(serde_json::json!(s))
            }
            (OptionKind::Choice(choices), _) => Err(bad(format!(
                "must be one of {}, found {}",
                choices.join(", "),
                show(node)
            ))),
            (OptionKind::Terms, Value::Seq(items))
                if items.iter().all(|i| i.as_str().is_some()) =>
            {
                Ok(serde_json::Value::Array(
                    items
                        .iter()
                        .filter_map(|i| i.as_str())
                        .map(|s| serde_json::json!(s))
                        .collect(),
                ))
            }
            (OptionKind::Terms, _) => Err(bad(format!(
                "must be a list of strings, found {}",
                show(node)
            ))),
        };
        match result {
            Ok(v) => Some(v),
            Err((pos, msg)) => {
                self.error(pos, msg, None);
                None
            }
        }
    }
}
