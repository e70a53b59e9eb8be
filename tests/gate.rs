//! Changed-only mode is sound: on real git repositories, every finding
//! that a full lint of the head has and a full lint of the base does not
//! is reported by `lint --base`, wherever it lands; the change is the
//! attack a hostile contributor would try.

mod common;

use common::*;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// The demo organisation committed on `main`, checked out on branch `pr`.
fn demo_repo() -> (tempfile::TempDir, git2::Repository) {
    let tmp = demo_copy("");
    let repo = repo_on_pr_branch(tmp.path());
    (tmp, repo)
}

/// What identifies a finding across commits.
fn key(f: &serde_json::Value) -> (String, String, String, String) {
    let s = |k: &str| f[k].as_str().unwrap_or_default().to_owned();
    (s("rule"), s("file"), s("pointer"), s("message"))
}

/// Lint the head in full, the base in full and the change with `--base
/// main`: every finding new at the head is reported, nothing is reported
/// that a full lint of the head does not have, and the exit code fails
/// when a new error exists. Returns the findings of `--base`.
fn assert_sound(dir: &Path) -> Vec<serde_json::Value> {
    let (_, head) = lint_json(dir, &[]);
    let (_, base) = lint_json(dir, &["--rev", "main"]);
    let (code, changed) = lint_json(dir, &["--base", "main"]);
    let before: BTreeSet<_> = base.iter().map(key).collect();
    let reported: BTreeSet<_> = changed.iter().map(key).collect();
    let all: BTreeSet<_> = head.iter().map(key).collect();
    let new: Vec<&serde_json::Value> = head.iter().filter(|f| !before.contains(&key(f))).collect();
    assert!(
        !new.is_empty(),
        "the change introduces no finding: {head:#?}"
    );
    for f in &new {
        assert!(
            reported.contains(&key(f)),
            "missed by --base: {f:#}\nreported: {changed:#?}"
        );
    }
    for f in &changed {
        assert!(all.contains(&key(f)), "not in a full lint: {f:#}");
    }
    if new.iter().any(|f| f["severity"] == "error") {
        assert_eq!(code, 1, "{changed:#?}");
    }
    changed
}

fn commit(repo: &git2::Repository) {
    commit_all(repo, "change");
}

fn people(dir: &Path) -> std::path::PathBuf {
    dir.join("people/people.yaml")
}

fn files_of(findings: &[serde_json::Value], rule: &str) -> BTreeSet<String> {
    findings
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| f["file"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn deleting_a_person_still_referenced_fails() {
    let (tmp, repo) = demo_repo();
    let text = fs::read_to_string(people(tmp.path())).unwrap();
    let kept: String = text
        .lines()
        .filter(|l| !l.contains("id: mbordash,"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(people(tmp.path()), kept).unwrap();
    commit(&repo);
    let changed = assert_sound(tmp.path());
    assert!(files_of(&changed, "ref/unknown").contains("nominations/2026h2-jdenton.yaml"));
}

#[test]
fn renaming_a_person_still_referenced_fails() {
    let (tmp, repo) = demo_repo();
    edit(&people(tmp.path()), "id: jdenton,", "id: jdenton2,");
    commit(&repo);
    let changed = assert_sound(tmp.path());
    assert!(files_of(&changed, "ref/unknown").contains("nominations/2026h2-jdenton.yaml"));
}

#[test]
fn a_new_manager_that_makes_a_reviewer_conflicted_fails() {
    let (tmp, repo) = demo_repo();
    // lchen reviews jdenton; now lchen is their manager's manager.
    edit(
        &people(tmp.path()),
        "id: hyamada, name: Hiro Yamada, org: cloud, manager: trunty,",
        "id: hyamada, name: Hiro Yamada, org: cloud, manager: lchen,",
    );
    commit(&repo);
    let changed = assert_sound(tmp.path());
    assert!(files_of(&changed, "nomination/conflict-of-interest")
        .contains("nominations/2026h2-jdenton.yaml"));
}

#[test]
fn a_back_dated_second_nomination_fails_on_the_old_file() {
    let (tmp, repo) = demo_repo();
    let old = fs::read_to_string(tmp.path().join("nominations/2026h2-fosei.yaml")).unwrap();
    let submitted = old
        .lines()
        .find_map(|l| l.strip_prefix("submitted: "))
        .unwrap()
        .to_owned();
    fs::write(
        tmp.path().join("nominations/2026h2-fosei-again.yaml"),
        old.replacen("id: 2026h2-fosei", "id: 2026h2-fosei-again", 1)
            .replacen(
                &format!("submitted: {submitted}"),
                "submitted: 2026-06-02",
                1,
            ),
    )
    .unwrap();
    commit(&repo);
    let changed = assert_sound(tmp.path());
    assert!(files_of(&changed, "nomination/duplicate-candidate")
        .contains("nominations/2026h2-fosei.yaml"));
}

#[test]
fn a_stricter_quorum_that_breaks_unchanged_nominations_fails() {
    let (tmp, repo) = demo_repo();
    edit(
        &tmp.path().join("cycles/2026-H2.yaml"),
        "quorum: 3",
        "quorum: 5",
    );
    commit(&repo);
    let changed = assert_sound(tmp.path());
    assert!(files_of(&changed, "nomination/quorum")
        .iter()
        .any(|f| f.starts_with("nominations/")));
}

#[test]
fn removing_a_ladder_level_that_unchanged_nominations_use_fails() {
    let (tmp, repo) = demo_repo();
    let ladder = tmp.path().join("ladders/engineering.yaml");
    let text = fs::read_to_string(&ladder).unwrap();
    assert!(text.contains("id: E6"), "{text}");
    fs::write(&ladder, text.replace("id: E6", "id: E6x")).unwrap();
    commit(&repo);
    let changed = assert_sound(tmp.path());
    assert!(files_of(&changed, "ref/unknown").contains("nominations/2026h2-jdenton.yaml"));
}

/// A new file that takes over an existing id resolves to nothing: every
/// reference is an error naming both definitions, and both definitions
/// are reported.
#[test]
fn a_cycle_redefined_in_a_new_file_takes_nothing_over() {
    let (tmp, repo) = demo_repo();
    let cycle = fs::read_to_string(tmp.path().join("cycles/2026-H2.yaml")).unwrap();
    fs::write(
        tmp.path().join("cycles/0-override.yaml"),
        cycle.replacen("quorum: 3", "quorum: 1", 1),
    )
    .unwrap();
    commit(&repo);
    let changed = assert_sound(tmp.path());
    let dup = files_of(&changed, "ref/duplicate-id");
    assert!(dup.contains("cycles/0-override.yaml"), "{dup:?}");
    assert!(dup.contains("cycles/2026-H2.yaml"), "{dup:?}");
    let refs: Vec<&serde_json::Value> = changed
        .iter()
        .filter(|f| f["rule"] == "ref/unknown" && f["pointer"] == "/cycle")
        .collect();
    assert_eq!(refs.len(), 10, "every nomination's cycle: {changed:#?}");
    for f in refs {
        let related: BTreeSet<&str> = f["related"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["file"].as_str().unwrap())
            .collect();
        assert_eq!(
            related,
            BTreeSet::from(["cycles/0-override.yaml", "cycles/2026-H2.yaml"])
        );
    }
}

#[test]
fn a_person_redefined_in_a_new_people_file_takes_nothing_over() {
    let (tmp, repo) = demo_repo();
    let line = fs::read_to_string(people(tmp.path()))
        .unwrap()
        .lines()
        .find(|l| l.contains("id: jdenton,"))
        .unwrap()
        .replace("level: E5", "level: E6");
    fs::write(
        tmp.path().join("people/zz-more.yaml"),
        format!("kind: People\npeople:\n{line}\n"),
    )
    .unwrap();
    commit(&repo);
    let changed = assert_sound(tmp.path());
    let dup = files_of(&changed, "ref/duplicate-id");
    assert!(dup.contains("people/people.yaml"), "{dup:?}");
    assert!(dup.contains("people/zz-more.yaml"), "{dup:?}");
    assert!(changed.iter().any(|f| f["rule"] == "ref/unknown"
        && f["file"] == "nominations/2026h2-jdenton.yaml"
        && f["pointer"] == "/candidate"));
}

/// Findings in unchanged files say so, in every format a reviewer reads.
#[test]
fn findings_in_unchanged_files_are_marked_as_caused_by_the_change() {
    let (tmp, repo) = demo_repo();
    edit(&people(tmp.path()), "id: jdenton,", "id: jdenton2,");
    commit(&repo);
    const NOTE: &str = "in an unchanged file, caused by this change";
    for format in ["text", "markdown", "sarif", "github"] {
        let (code, out, err) = run(ladderlint()
            .current_dir(tmp.path())
            .env("NO_COLOR", "1")
            .args(["lint", "--base", "main", "--format", format]));
        assert_eq!(code, 1, "{format}: {err}");
        assert!(out.contains(NOTE), "{format}: {out}");
    }
    // A finding in a changed file carries no such note.
    let (_, out, _) = run(ladderlint()
        .current_dir(tmp.path())
        .env("NO_COLOR", "1")
        .args(["lint", "--base", "main", "--format", "github"]));
    for line in out.lines().filter(|l| l.contains("file=people/")) {
        assert!(!line.contains(NOTE), "{line}");
    }
}
