//! `--format sarif`: SARIF 2.1.0 for code scanning. The driver lists every
//! rule with its documentation; each result carries its rule, level,
//! message, region (1-based lines and columns in Unicode code points, never
//! 0), related locations, and a `partialFingerprints` entry built from the
//! rule, file, document, JSON pointer and message, so a finding keeps its
//! identity when lines above it move.

use super::{Format, Run};
use crate::finding::{RuleId, Severity, Span};
use crate::rules::{self, RuleMeta};
use crate::suppress::{Suppressed, Via};
use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, PropertyBag,
    Region, ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel,
    Run as SarifRun, Sarif as SarifLog, Suppression, Tool, ToolComponent,
};
use std::collections::BTreeMap;
use std::io::{self, Write};

pub struct Sarif;

/// The key of our entry in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "ladderlint/v1";
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";

/// Where a rule's documentation lives.
pub fn help_uri(id: &str) -> String {
    format!("https://ladderlint.dev/rules/{id}")
}

fn level(s: Severity) -> ResultLevel {
    match s {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
        Severity::Info | Severity::Off => ResultLevel::Note,
    }
}

/// A relative path as a URI reference: every byte outside the unreserved
/// and path characters percent-encoded (so `:` in a first segment cannot
/// read as a scheme).
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn region(s: &Span) -> Region {
    let line = s.line.max(1);
    let column = s.column.max(1);
    let end_line = s.end_line.max(line);
    let end_column = if end_line == line {
        s.end_column.max(column)
    } else {
        s.end_column.max(1)
    };
    Region::builder()
        .start_line(i64::from(line))
        .start_column(i64::from(column))
        .end_line(i64::from(end_line))
        .end_column(i64::from(end_column))
        .build()
}

fn location(run: &Run, file: &str, span: &Span) -> PhysicalLocation {
    PhysicalLocation::builder()
        .artifact_location(
            ArtifactLocation::builder()
                .uri(uri(&run.repo_path(file)))
                .uri_base_id(SRCROOT)
                .build(),
        )
        .region(region(span))
        .build()
}

fn text(s: impl Into<String>) -> MultiformatMessageString {
    MultiformatMessageString::builder().text(s.into()).build()
}

/// The rule's documentation in Markdown, for code scanning's rule help.
fn help_markdown(m: &RuleMeta) -> String {
    let mut s = format!(
        "{}\n\n**Why:** {}\n",
        rules::capitalize(m.summary),
        m.rationale
    );
    if !m.options.is_empty() {
        s.push_str("\n**Options**\n\n");
        for o in m.options {
            s.push_str(&format!(
                "- `{}` (default `{}`): {}\n",
                o.name, o.default, o.doc
            ));
        }
    }
    if !m.pass.is_empty() {
        s.push_str(&format!(
            "\n**Passes**\n\n```yaml\n{}\n```\n",
            m.pass.trim_end()
        ));
    }
    if !m.fail.is_empty() {
        s.push_str(&format!(
            "\n**Fails**\n\n```yaml\n{}\n```\n",
            m.fail.trim_end()
        ));
    }
    s
}

fn descriptor(m: &RuleMeta) -> ReportingDescriptor {
    let config = match m.severity {
        Severity::Off => ReportingConfiguration::builder()
            .enabled(false)
            .level(serde_json::json!("note"))
            .build(),
        s => ReportingConfiguration::builder()
            .level(serde_json::to_value(level(s)).unwrap_or_default())
            .build(),
    };
    ReportingDescriptor::builder()
        .id(m.id.as_str())
        .short_description(text(m.summary))
        .full_description(text(m.rationale))
        .help(
            MultiformatMessageString::builder()
                .text(rules::explain(m))
                .markdown(help_markdown(m))
                .build(),
        )
        .help_uri(help_uri(m.id.as_str()))
        .default_configuration(config)
        .properties(
            PropertyBag::builder()
                .tags(vec![m.group().to_owned()])
                .build(),
        )
        .build()
}

/// The result of finding `f`.
fn result(run: &Run, index: &BTreeMap<RuleId, usize>, f: &crate::finding::Finding) -> SarifResult {
    let message = run.full_message(f);
    let related: Vec<Location> = f
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| {
            Location::builder()
                .id(i as i64)
                .physical_location(location(run, &r.file, &r.span))
                .message(Message::builder().text(r.message.clone()).build())
                .build()
        })
        .collect();
    let fingerprints = BTreeMap::from([(FINGERPRINT_KEY.to_owned(), f.fingerprint())]);
    let result = SarifResult::builder()
        .rule_id(f.rule.as_str())
        .level(level(f.severity))
        .message(Message::builder().text(message).build())
        .locations(vec![Location::builder()
            .physical_location(location(run, &f.file, &f.span))
            .build()])
        .partial_fingerprints(fingerprints);
    match (index.get(&f.rule), related.is_empty()) {
        (Some(&i), true) => result.rule_index(i as i64).build(),
        (Some(&i), false) => result
            .rule_index(i as i64)
            .related_locations(related)
            .build(),
        (None, true) => result.build(),
        (None, false) => result.related_locations(related).build(),
    }
}

/// How a suppressed finding was suppressed: `inSource` for a comment,
/// `external` for a waiver, with the reason as justification.
fn suppression(run: &Run, s: &Suppressed) -> Suppression {
    let kind = match s.via {
        Via::Comment => "inSource",
        Via::Waiver => "external",
    };
    let mut props = BTreeMap::new();
    if let Some(a) = &s.approved_by {
        props.insert("approvedBy".to_owned(), serde_json::json!(a));
    }
    if let Some(e) = &s.expires {
        props.insert("expires".to_owned(), serde_json::json!(e));
    }
    props.insert("new".to_owned(), serde_json::json!(s.new));
    Suppression::builder()
        .kind(serde_json::json!(kind))
        .status(serde_json::json!("accepted"))
        .justification(s.reason.clone())
        .location(
            Location::builder()
                .physical_location(location(run, &s.at.file, &s.at.span))
                .build(),
        )
        .properties(PropertyBag::builder().additional_properties(props).build())
        .build()
}

fn log(run: &Run) -> SarifLog {
    let metas = rules::all_meta();
    let index: BTreeMap<RuleId, usize> = metas.iter().enumerate().map(|(i, m)| (m.id, i)).collect();
    let mut results: Vec<SarifResult> = run
        .findings
        .iter()
        .map(|f| result(run, &index, f))
        .collect();
    results.extend(run.suppressed.iter().map(|s| {
        let mut r = result(run, &index, &s.finding);
        r.suppressions = Some(vec![suppression(run, s)]);
        r
    }));
    let driver = ToolComponent::builder()
        .name("ladderlint")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .information_uri("https://ladderlint.dev")
        .rules(metas.iter().map(|m| descriptor(m)).collect::<Vec<_>>())
        .build();
    let sarif_run = SarifRun::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .column_kind(serde_json::json!("unicodeCodePoints"))
        .build();
    SarifLog::builder()
        .schema(SCHEMA)
        .version(serde_json::json!("2.1.0"))
        .runs(vec![sarif_run])
        .build()
}

impl Format for Sarif {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        crate::escape::write_json(&mut *out, &log(run))?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_references() {
        assert_eq!(uri("nominations/a b.yaml"), "nominations/a%20b.yaml");
        assert_eq!(uri("c:d/é"), "c%3Ad/%C3%A9");
    }
}
