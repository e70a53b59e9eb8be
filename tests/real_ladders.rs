//! Ladders in the shape companies publish them (`fixtures/ladders-real`):
//! a shared trunk before the fork, competencies scoped to a track or from
//! a rank up, level summaries, a track that takes on direct reports from
//! some rank, a cumulative ladder and deliberate plateaus. The structural
//! rules must say only what a reviewer would act on: here, the one level
//! that copies the level below.

mod common;

use common::{copy_tree, ladderlint, manifest, run};
use serde_json::Value;
use std::fs;

const STRUCTURAL: &[&str] = &[
    "schema/",
    "ref/",
    "ladder/rank-order",
    "ladder/dual-track-parity",
    "ladder/band-order",
    "ladder/band-parity",
    "ladder/matrix-complete",
    "ladder/level-progression",
];

fn lint(dir: &std::path::Path) -> Vec<Value> {
    let mut cmd = ladderlint();
    cmd.args(["lint", "--format", "json"]);
    for s in STRUCTURAL {
        cmd.args(["--select", s]);
    }
    let (code, stdout, stderr) = run(cmd.arg(dir));
    assert!(code == 0 || code == 1, "{stderr}");
    serde_json::from_str(&stdout).unwrap()
}

#[test]
fn structural_rules_report_only_the_near_copy() {
    let findings = lint(&manifest().join("fixtures/ladders-real"));
    let got: Vec<(String, String, u64)> = findings
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["file"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let line = fs::read_to_string(manifest().join("fixtures/ladders-real/ladders/design.yaml"))
        .unwrap()
        .lines()
        .position(|l| l.trim() == "- id: D3")
        .unwrap() as u64
        + 1;
    assert_eq!(
        got,
        [(
            "ladder/level-progression".to_owned(),
            "ladders/design.yaml".to_owned(),
            line
        )],
        "{findings:#?}"
    );
    let msg = findings[0]["message"].as_str().unwrap();
    assert!(msg.contains("only `influence` changes"), "{msg}");
}

#[test]
fn the_rules_still_bite_when_the_shapes_are_misused() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&manifest().join("fixtures/ladders-real"), tmp.path());
    let path = tmp.path().join("ladders/platform.yaml");
    let text = fs::read_to_string(&path).unwrap();
    // The people-management competency scoped to every track: the IC levels
    // now lack it. The last shared level moved to rank 4: the management
    // track has two levels of rank 4.
    let text = text
        .replace(
            "applies_to: { tracks: [management] }",
            "applies_to: { min_rank: 4 }",
        )
        .replace(
            "    track: [ic, management]\n    rank: 3\n",
            "    track: [ic, management]\n    rank: 4\n",
        );
    fs::write(&path, text).unwrap();
    let findings = lint(tmp.path());
    let count = |rule: &str| findings.iter().filter(|f| f["rule"] == rule).count();
    // P3 (moved to rank 4), P4 and P5 lack `people`; M4 and M5 state it.
    let missing: Vec<&str> = findings
        .iter()
        .filter(|f| f["rule"] == "ladder/matrix-complete")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(missing.len(), 3, "{findings:#?}");
    for (m, level) in missing.iter().zip(["P3", "P4", "P5"]) {
        assert!(
            m.starts_with(&format!(
                "`{level}` has no expectation for competency `people`"
            )),
            "{m}"
        );
    }
    assert!(count("ladder/rank-order") >= 2, "{findings:#?}");
}

#[test]
fn wording_rules_read_level_summaries() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&manifest().join("fixtures/ladders-real"), tmp.path());
    let path = tmp.path().join("ladders/platform.yaml");
    let text = fs::read_to_string(&path).unwrap().replace(
        "summary: Owns features of a single service from design note to production.",
        "summary: A rockstar who owns features of a single service.",
    );
    fs::write(&path, &text).unwrap();
    let line = text.lines().position(|l| l.contains("A rockstar")).unwrap() as u64 + 1;
    let (_, stdout, stderr) = run(ladderlint()
        .args([
            "lint",
            "--format",
            "json",
            "--select",
            "ladder/exclusionary-language",
        ])
        .arg(tmp.path()));
    let findings: Vec<Value> = serde_json::from_str(&stdout).unwrap_or_else(|_| panic!("{stderr}"));
    assert!(
        findings
            .iter()
            .any(|f| f["line"] == line && f["file"] == "ladders/platform.yaml"),
        "{findings:#?}"
    );
}
