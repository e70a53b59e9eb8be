//! `config/relaxed`: in `--base` mode, the policy comes from the base
//! revision; a pull request that weakens it is told which rules it weakens.

use crate::config::Config;
use crate::finding::{Finding, Severity, Span};
use crate::load::LoadedFile;
use crate::rules::{self, RuleId, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("config/relaxed"),
    severity: Severity::Warning,
    summary: "in `--base` mode, the change weakens the configuration (lower severity, looser \
              option, fewer files, looser fairness settings, a custom rule removed, lowered or \
              changed)",
    rationale: "A pull request is checked with the policy of its base, so it cannot switch off \
                the rules that check it; this finding makes a proposed relaxation visible to \
                the reviewers, who decide on it with everything else in the change.",
    options: &[],
    pass: "# base and head\nrules:\n  nomination/quorum: { min_votes: 3 }\n",
    fail: "# base: nomination/quorum: { min_votes: 3 }\nrules:\n  nomination/quorum: { min_votes: 1 }\n",
};

/// Every weakening of the custom rules: a rule removed, switched off or
/// lowered in severity, and any change to what it checks (`kind`, `when`,
/// `assert`, `at`), which no comparison can call stricter or looser, so it
/// is put before the reviewers.
fn custom_rules(base: &Config, head: &Config, report: &mut impl FnMut(String, String)) {
    for b in &base.custom {
        let id = b.meta.id;
        let index = head.custom.iter().position(|h| h.meta.id == id);
        let pointer = index.map_or("/custom_rules".to_owned(), |i| format!("/custom_rules/{i}"));
        let Some(h) = index.map(|i| &head.custom[i]) else {
            report(pointer, format!("removes custom rule `{id}`"));
            continue;
        };
        let (bs, hs) = (
            base.severity(id, b.meta.severity),
            head.severity(id, h.meta.severity),
        );
        if hs < bs {
            report(
                pointer.clone(),
                format!("weakens custom rule `{id}`: severity lowered from {bs} to {hs}"),
            );
        }
        let text = |e: Option<&crate::rules::custom::Expr>| e.map(|e| e.source.trim().to_owned());
        let changes = [
            (
                "kind",
                (b.kind != h.kind).then(|| (b.kind.name().to_owned(), h.kind.name().to_owned())),
            ),
            (
                "when",
                (text(b.when.as_ref()) != text(h.when.as_ref())).then(|| {
                    (
                        text(b.when.as_ref()).unwrap_or_else(|| "(none)".into()),
                        text(h.when.as_ref()).unwrap_or_else(|| "(none)".into()),
                    )
                }),
            ),
            (
                "assert",
                (text(Some(&b.assert)) != text(Some(&h.assert))).then(|| {
                    (
                        b.assert.source.trim().to_owned(),
                        h.assert.source.trim().to_owned(),
                    )
                }),
            ),
            ("at", (b.at != h.at).then(|| (b.at.clone(), h.at.clone()))),
        ];
        for (key, change) in changes {
            if let Some((from, to)) = change {
                report(
                    format!("{pointer}/{key}"),
                    format!(
                        "changes `{key}` of custom rule `{id}` from `{from}` to `{to}`: the base's \
                         rule applies to this change; review what the new one checks"
                    ),
                );
            }
        }
    }
}

/// Compare the base configuration with the head's; one finding per weakened
/// rule or setting, at its place in the head configuration.
pub fn compare(base: &Config, head: &Config, head_file: Option<&LoadedFile>) -> Vec<Finding> {
    let path = head
        .path
        .clone()
        .or(base.path.clone())
        .unwrap_or_else(|| "ladderlint.yaml".into());
    let at = |pointer: &str| -> Span {
        head_file.map_or(Span::FILE_START, |f| f.key_span_at(0, pointer))
    };
    let mut out = Vec::new();
    let mut report = |pointer: String, message: String| {
        out.push(Finding {
            rule: META.id,
            severity: META.severity,
            message,
            file: path.clone(),
            span: at(&pointer),
            pointer,
            document: 0,
            help: Some("the base revision's configuration applies to this change; the relaxation takes effect once merged".into()),
            related: Vec::new(),
            fix: None,
        });
    };
    for meta in rules::all_meta() {
        let id = meta.id;
        let key = format!("/rules/{}", crate::load::pointer::escape(id.as_str()));
        let (b, h) = (
            base.severity(id, meta.severity),
            head.severity(id, meta.severity),
        );
        if h < b {
            report(
                key.clone(),
                format!("weakens `{id}`: severity lowered from {b} to {h}"),
            );
        }
        let (Some(bo), Some(ho)) = (base.options.get(&id), head.options.get(&id)) else {
            continue;
        };
        for (name, bv) in &bo.0 {
            let hv = ho.0.get(name).unwrap_or(bv);
            if bv == hv {
                continue;
            }
            // An option the rule does not declare (none today) is not judged.
            let Some(option) = meta.options.iter().find(|o| o.name == name) else {
                continue;
            };
            let looser = option.looser.is_looser(option.kind, bv, hv);
            if looser {
                report(
                    format!("{key}/{name}"),
                    format!("weakens `{id}`: option `{name}` changed from {bv} to {hv}"),
                );
            }
        }
    }
    for id in base.unsuppressible.difference(&head.unsuppressible) {
        report(
            format!("/rules/{}", crate::load::pointer::escape(id.as_str())),
            format!("lets `{id}` be suppressed inline again (`suppressible: false` removed)"),
        );
    }
    for glob in base.include.iter().filter(|g| !head.include.contains(g)) {
        report(
            "/include".into(),
            format!("removes include glob `{glob}`: its files would no longer be checked"),
        );
    }
    for glob in head.exclude.iter().filter(|g| !base.exclude.contains(g)) {
        report(
            "/exclude".into(),
            format!("adds exclude glob `{glob}`: its files would no longer be checked"),
        );
    }
    for l in crate::fairness::settings::loosenings(&base.fairness, &head.fairness) {
        report(l.pointer.into(), l.message);
    }
    custom_rules(base, head, &mut report);
    out
}
