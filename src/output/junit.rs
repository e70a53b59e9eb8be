//! `--format junit`: JUnit XML for CI test reports. One test suite,
//! `ladderlint`, with one test case per checked file (the files the
//! summary line counts). A file with an error fails, its failure listing
//! every finding; so does a file with a warning under `--deny-warnings`,
//! the one case where warnings fail the run. Otherwise the file passes and
//! its findings are in `system-out`. quick-junit writes the XML
//! and escapes it; characters XML 1.0 cannot hold are replaced first, so
//! the report is well-formed whatever the YAML contains.

use super::{Format, Run};
use crate::finding::{Finding, Severity};
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
use std::collections::BTreeMap;
use std::io::{self, Write};

pub struct Junit;

/// Text that XML 1.0 can carry and that shows as itself: control and
/// reordering characters are made visible ([`crate::escape::visible`]), the
/// non-characters U+FFFE, U+FFFF become U+FFFD.
pub fn xml_text(s: &str) -> String {
    // XML reads every line break as LF; CR is otherwise a control character.
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    crate::escape::visible(&s)
        .chars()
        .map(|c| match c {
            '\u{FFFE}' | '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

fn line(f: &Finding) -> String {
    let mut s = format!(
        "{}:{}:{}: {}[{}]: {}",
        f.file, f.span.line, f.span.column, f.severity, f.rule, f.message
    );
    if let Some(help) = &f.help {
        s.push_str(&format!("\n    help: {help}"));
    }
    for r in &f.related {
        s.push_str(&format!(
            "\n    note: {}: {}:{}:{}",
            r.message, r.file, r.span.line, r.span.column
        ));
    }
    s
}

fn counts(findings: &[&Finding]) -> String {
    let plural = crate::human::count;
    let n = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let mut parts = Vec::new();
    for (s, word) in [
        (Severity::Error, "error"),
        (Severity::Warning, "warning"),
        (Severity::Info, "info"),
    ] {
        if n(s) > 0 {
            parts.push(plural(n(s), word));
        }
    }
    parts.join(", ")
}

fn case(file: &str, findings: &[&Finding], deny_warnings: bool) -> TestCase {
    let body = findings
        .iter()
        .map(|f| line(f))
        .collect::<Vec<_>>()
        .join("\n");
    let worst = findings.iter().map(|f| f.severity).max();
    let fails = |s: Severity| s == Severity::Error || (deny_warnings && s == Severity::Warning);
    let status = match worst {
        Some(s) if fails(s) => {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            status
                .set_message(xml_text(&counts(findings)))
                .set_type(s.as_str())
                .set_description(xml_text(&body));
            status
        }
        _ => TestCaseStatus::success(),
    };
    let mut case = TestCase::new(xml_text(file), status);
    case.set_classname("ladderlint");
    if worst.is_some_and(|s| !fails(s)) {
        case.set_system_out(xml_text(&body));
    }
    case
}

impl Format for Junit {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        let mut by_file: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
        for f in run.findings {
            by_file.entry(f.file.as_str()).or_default().push(f);
        }
        let mut suite = TestSuite::new("ladderlint");
        for file in run.checked_files() {
            let findings = by_file.get(file).map_or(&[][..], Vec::as_slice);
            suite.add_test_case(case(file, findings, run.deny_warnings));
        }
        let mut report = Report::new("ladderlint");
        report.add_test_suite(suite);
        report.serialize(&mut *out).map_err(io::Error::other)?;
        writeln!(out)
    }
}
