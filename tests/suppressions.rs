//! Suppressions are real comments, can be forbidden per rule and switched
//! off for an audit; a document cannot bury the output in findings. On
//! real git repositories, through the binary.

mod common;

use common::*;
use std::fs;

const FOSEI: &str = "nominations/2026h2-fosei.yaml";

fn repo() -> tempfile::TempDir {
    let tmp = unknown_candidate_demo();
    git2::Repository::init(tmp.path()).unwrap();
    tmp
}

/// The rules and lines of fosei's findings.
fn rules(findings: &[serde_json::Value]) -> Vec<(String, u64)> {
    lines_where(findings, "file", FOSEI, "rule")
}

#[test]
fn a_marker_inside_a_string_suppresses_nothing() {
    let tmp = repo();
    for answer in [
        "\"# ladderlint: disable-file ref/unknown -- hidden in a quoted string\"",
        "|\n    # ladderlint: disable-file ref/unknown -- hidden in a block scalar",
        "\"first line\n    # ladderlint: disable-file ref/unknown -- hidden in a multi-line string\"",
        "plain # ladderlint: disable-next-line ref/unknown -- a comment, covering the next line only",
    ] {
        let path = tmp.path().join(FOSEI);
        let text = fs::read_to_string(manifest().join("fixtures/demo").join(FOSEI))
            .unwrap()
            .replace("candidate: fosei", "candidate: nobody");
        let at = text.find("  influence: >-").unwrap();
        let mut text = text;
        text.insert_str(at, &format!("  extra_note: {answer}\n"));
        fs::write(&path, text).unwrap();
        let (code, findings) = lint_json(tmp.path(), &["--select", "ref/"]);
        assert_eq!(code, 1, "{answer}: {findings:#?}");
        assert!(
            rules(&findings).iter().any(|(r, l)| r == "ref/unknown" && *l == 5),
            "{answer}: the finding stays: {findings:#?}"
        );
    }
    // A real comment does suppress.
    edit(
        &tmp.path().join(FOSEI),
        "candidate: nobody",
        "candidate: nobody # ladderlint: disable-file ref/unknown -- a real comment",
    );
    let (code, findings) = lint_json(tmp.path(), &["--select", "ref/"]);
    assert_eq!(code, 0, "{findings:#?}");
}

#[test]
fn suppressible_false_and_no_suppressions() {
    let tmp = repo();
    edit(
        &tmp.path().join(FOSEI),
        "candidate: nobody",
        "# ladderlint: disable-next-line ref/unknown -- we know\ncandidate: nobody",
    );
    let (code, findings) = lint_json(tmp.path(), &["--select", "ref/"]);
    assert_eq!(code, 0, "suppressed: {findings:#?}");
    // An audit: as if there were no suppressions.
    let (code, findings) = lint_json(tmp.path(), &["--select", "ref/", "--no-suppressions"]);
    assert_eq!(code, 1);
    assert_eq!(rules(&findings), [("ref/unknown".into(), 6)]);
    // A rule the configuration makes unsuppressible.
    let config = tmp.path().join("ladderlint.yaml");
    let text = fs::read_to_string(&config).unwrap().replace(
        "rules: {}",
        "rules:\n  ref/unknown: { suppressible: false }",
    );
    fs::write(&config, text).unwrap();
    let (code, findings) = lint_json(
        tmp.path(),
        &["--select", "ref/", "--select", "suppression/"],
    );
    assert_eq!(code, 1, "{findings:#?}");
    let got = rules(&findings);
    assert!(got.contains(&("ref/unknown".into(), 6)), "{got:?}");
    assert!(got.contains(&("suppression/unused".into(), 5)), "{got:?}");
    let why = findings
        .iter()
        .find(|f| f["rule"] == "suppression/unused")
        .unwrap();
    assert!(why["message"]
        .as_str()
        .unwrap()
        .contains("`ref/unknown` cannot be suppressed"));
}

#[test]
fn a_document_of_124000_keys_is_listed_in_bounded_findings() {
    let tmp = repo();
    let path = tmp.path().join(FOSEI);
    let mut text = fs::read_to_string(&path).unwrap();
    for i in 0..124_000 {
        text.push_str(&format!("k{i}: v\n"));
    }
    fs::write(&path, text).unwrap();
    let (code, findings) = lint_json(tmp.path(), &[]);
    assert_eq!(code, 1);
    let unexpected: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["rule"] == "schema/invalid" && f["file"] == FOSEI)
        .collect();
    assert_eq!(unexpected.len(), 101, "100 listed and one for the rest");
    let more: Vec<&&serde_json::Value> = unexpected
        .iter()
        .filter(|f| f["message"].as_str().unwrap().starts_with("and "))
        .collect();
    assert_eq!(more.len(), 1);
    let last = more[0];
    assert!(
        last["message"]
            .as_str()
            .unwrap()
            .starts_with("and 123900 more `schema/invalid` findings in this document"),
        "{last}"
    );
    // The rest of the file's findings are still there.
    assert!(findings.iter().any(|f| f["rule"] == "ref/unknown"));
}
