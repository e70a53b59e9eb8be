//! Runs every rule fixture: `fixtures/rules/<group>/<name>/{pass,fail}/`.
//!
//! Each tree is laid over a copy of the demo organisation (a file at the same
//! path replaces the demo's), then linted by the real binary. In a `fail`
//! tree, every line that must carry a finding of the rule ends with the
//! comment `# expect: <group>/<name>`; the rule must fire on exactly those
//! lines. A `pass` tree must produce no finding of the rule.

mod common;

use assert_cmd::Command;
use common::{copy_tree, manifest};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Lint the demo with `overlay` laid over it; the findings as JSON.
fn lint_overlay(overlay: &Path) -> Vec<serde_json::Value> {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&manifest().join("fixtures/demo"), tmp.path());
    copy_tree(overlay, tmp.path());
    let out = Command::cargo_bin("ladderlint")
        .unwrap()
        .args(["lint", "--format", "json"])
        .arg(tmp.path())
        .env("LADDERLINT_TODAY", "2026-08-01")
        .output()
        .unwrap();
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{}: exit {:?}\n{}{}",
        overlay.display(),
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `(file, line)` of every `# expect: RULE` comment in the tree.
fn expectations(tree: &Path, rule: &str) -> BTreeSet<(String, u64)> {
    let mut all = Vec::new();
    files(tree, &mut all);
    let mark = format!("# expect: {rule}");
    let mut out = BTreeSet::new();
    for f in all {
        let rel = f
            .strip_prefix(tree)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = fs::read_to_string(&f).unwrap_or_default();
        for (i, line) in text.lines().enumerate() {
            if line.contains(&mark) {
                out.insert((rel.clone(), i as u64 + 1));
            }
        }
    }
    out
}

fn fixture_dirs() -> Vec<(String, PathBuf)> {
    let base = manifest().join("fixtures/rules");
    let mut out = Vec::new();
    let Ok(groups) = fs::read_dir(&base) else {
        return out;
    };
    for group in groups {
        let group = group.unwrap().path();
        for rule in fs::read_dir(&group).unwrap() {
            let rule = rule.unwrap().path();
            let id = format!(
                "{}/{}",
                group.file_name().unwrap().to_string_lossy(),
                rule.file_name().unwrap().to_string_lossy()
            );
            out.push((id, rule));
        }
    }
    out.sort();
    out
}

#[test]
fn every_rule_fixture() {
    let mut failures = Vec::new();
    for (id, dir) in fixture_dirs() {
        let fail = dir.join("fail");
        let pass = dir.join("pass");
        assert!(
            fail.is_dir() && pass.is_dir(),
            "{id}: needs pass/ and fail/"
        );
        let expected = expectations(&fail, &id);
        if expected.is_empty() {
            failures.push(format!("{id}: fail/ has no `# expect: {id}` comment"));
        }
        let got: BTreeSet<(String, u64)> = lint_overlay(&fail)
            .iter()
            .filter(|f| f["rule"] == id.as_str())
            .map(|f| {
                (
                    f["file"].as_str().unwrap().to_owned(),
                    f["line"].as_u64().unwrap(),
                )
            })
            .collect();
        if got != expected {
            failures.push(format!(
                "{id}: fail/ expected findings at {expected:?}, got {got:?}"
            ));
        }
        let pass_findings: Vec<String> = lint_overlay(&pass)
            .iter()
            .filter(|f| f["rule"] == id.as_str())
            .map(|f| format!("{}:{}: {}", f["file"], f["line"], f["message"]))
            .collect();
        if !pass_findings.is_empty() {
            failures.push(format!("{id}: pass/ produced {pass_findings:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Rules whose findings cannot come from a fixture tree laid over the demo.
const NO_FIXTURE: &[&str] = &[
    "config/invalid",     // tested in tests/cli.rs
    "config/relaxed",     // needs a base revision: tests/base.rs
    "config/rule-failed", // needs a custom rule: tests/custom_rules.rs, tests/policy_from_base.rs
    "source/submodule",   // needs a git repository: tests/git.rs
    "source/symlink",     // tests/git.rs
    "source/lfs-pointer", // tests/git.rs
    "schema/encoding",    // tests/hostile.rs
];

#[test]
fn every_rule_has_a_fixture() {
    let out = Command::cargo_bin("ladderlint")
        .unwrap()
        .arg("rules")
        .output()
        .unwrap();
    let have: BTreeSet<String> = fixture_dirs().into_iter().map(|(id, _)| id).collect();
    let missing: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .filter(|id| !have.contains(id) && !NO_FIXTURE.contains(&id.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "rules without fixtures/rules/<group>/<name>: {missing:?}"
    );
}

#[test]
fn demo_is_clean() {
    let out = Command::cargo_bin("ladderlint")
        .unwrap()
        .args(["lint", "--format", "json"])
        .arg(manifest().join("fixtures/demo"))
        .output()
        .unwrap();
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(findings.is_empty(), "{findings:#?}");
    assert_eq!(out.status.code(), Some(0));
}
