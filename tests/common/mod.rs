//! Helpers shared by the integration tests.
#![allow(dead_code)]

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};

pub fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &dest);
        } else {
            fs::copy(entry.path(), dest).unwrap();
        }
    }
}

/// A temp dir holding a copy of the demo organisation at `sub` ("" for the top).
pub fn demo_copy(sub: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&manifest().join("fixtures/demo"), &tmp.path().join(sub));
    tmp
}

pub fn ladderlint() -> Command {
    let mut c = Command::cargo_bin("ladderlint").unwrap();
    c.env("LADDERLINT_TODAY", "2026-08-01")
        .env_remove("NO_COLOR");
    c
}

/// Run and return (exit code, stdout, stderr).
pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Lint with `--format json`; (exit code, findings).
pub fn lint_json(dir: &Path, args: &[&str]) -> (i32, Vec<serde_json::Value>) {
    let (code, out, err) = run(ladderlint()
        .current_dir(dir)
        .args(["lint", "--format", "json"])
        .args(args));
    let findings = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    (code, findings)
}

pub fn rules_of(findings: &[serde_json::Value]) -> Vec<String> {
    findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_owned())
        .collect()
}

/// Stage everything in the work tree and commit it.
pub fn commit_all(repo: &git2::Repository, message: &str) -> git2::Oid {
    let mut index = repo.index().unwrap();
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .unwrap();
    index.update_all(["*"], None).unwrap();
    index.write().unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let sig = git2::Signature::now("Test", "test@example.com").unwrap();
    let parents: Vec<git2::Commit> = repo
        .head()
        .ok()
        .and_then(|h| h.peel_to_commit().ok())
        .into_iter()
        .collect();
    let parents: Vec<&git2::Commit> = parents.iter().collect();
    repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
        .unwrap()
}

/// A git repository of the work tree at `dir`: everything committed on
/// `main`, and checked out on a branch `pr` at the same commit, as a pull
/// request starts.
pub fn repo_on_pr_branch(dir: &Path) -> git2::Repository {
    let repo = git2::Repository::init(dir).unwrap();
    let base = commit_all(&repo, "base");
    let commit = repo.find_commit(base).unwrap();
    repo.branch("main", &commit, true).unwrap();
    repo.branch("pr", &commit, true).unwrap();
    repo.set_head("refs/heads/pr").unwrap();
    drop(commit);
    repo
}

/// Replace `from` with `to` in a file.
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(
        text.contains(from),
        "{} does not contain {from:?}",
        path.display()
    );
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// A copy of the demo with one error: fosei's nomination names an unknown
/// candidate (line 5).
pub fn unknown_candidate_demo() -> tempfile::TempDir {
    let tmp = demo_copy("");
    edit(
        &tmp.path().join("nominations/2026h2-fosei.yaml"),
        "candidate: fosei",
        "candidate: nobody",
    );
    tmp
}

/// `(label, line)` of each JSON finding whose `field` is `value`: the rules
/// and lines of one file's findings (`"file", FILE, "rule"`), or the files
/// and lines of one rule's (`"rule", RULE, "file"`).
pub fn lines_where(
    findings: &[serde_json::Value],
    field: &str,
    value: &str,
    label: &str,
) -> Vec<(String, u64)> {
    findings
        .iter()
        .filter(|f| f[field] == value)
        .map(|f| {
            (
                f[label].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// Changed-only mode in-process: the working tree against `main`, with no
/// cache, the rules `select` names (all when empty), and no file named.
pub fn changed_only(
    root: &ladderlint::source::Root,
    select: &[String],
    today: &str,
) -> ladderlint::changed::Outcome {
    ladderlint::changed::run(&ladderlint::changed::Request {
        root,
        mode: &ladderlint::source::Mode::Worktree,
        base: "main",
        config: None,
        select,
        today,
        limits: &Default::default(),
        new_only: false,
        cache: false,
        no_suppressions: false,
        named: None,
    })
    .unwrap()
    .unwrap()
}
pub mod cohort;
