//! Changed-only mode takes all of the policy from the base: `--config PATH`
//! is read from the base commit, every weakening is reported
//! (`config/relaxed`), a custom rule that fails on a document is an error
//! there (and kept whatever changed), on real repositories.

mod common;

use common::*;
use std::fs;

const FOSEI: &str = "nominations/2026h2-fosei.yaml";

const BASE_CONFIG: &str = "\
exclude: []
fairness:
  attributes: [org, track, location]
  min_group_size: 5
  ratio_threshold: 0.8
  significance: 0.05
custom_rules:
  - id: acme/a
    kind: Nomination
    assert: \"candidate != 'fosei'\"
    message: fosei is checked by acme/a
  - id: acme/b
    kind: Nomination
    assert: \"candidate != 'fosei'\"
    message: fosei is checked by acme/b
  - id: acme/c
    kind: Nomination
    assert: \"candidate != 'fosei'\"
    message: fosei is checked by acme/c
  - id: acme/d
    kind: Nomination
    when: \"to_level == 'E5'\"
    assert: \"candidate != 'fosei'\"
    message: fosei is checked by acme/d
";

/// The demo with `config` at `name`, committed on `main`, checked out on
/// a branch `pr`.
fn repo(name: &str, config: &str) -> (tempfile::TempDir, git2::Repository) {
    let tmp = demo_copy("");
    fs::remove_file(tmp.path().join("ladderlint.yaml")).unwrap();
    let path = tmp.path().join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, config).unwrap();
    let repo = repo_on_pr_branch(tmp.path());
    (tmp, repo)
}

fn touch_fosei(tmp: &std::path::Path) {
    edit(
        &tmp.join(FOSEI),
        "submitted: 2026-06-25",
        "submitted: 2026-06-25 # touched",
    );
}

fn messages<'a>(findings: &'a [serde_json::Value], rule: &str) -> Vec<&'a str> {
    findings
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| f["message"].as_str().unwrap())
        .collect()
}

/// Each of `expected` is part of one of `messages`.
fn says_all(messages: &[impl AsRef<str> + std::fmt::Debug], expected: &[&str]) {
    for e in expected {
        assert!(
            messages.iter().any(|m| m.as_ref().contains(e)),
            "missing `{e}` in {messages:#?}"
        );
    }
}

#[test]
fn every_weakening_of_custom_rules_and_fairness_is_reported() {
    let (tmp, repo) = repo("ladderlint.yaml", BASE_CONFIG);
    let head = BASE_CONFIG
        .replace(
            "  - id: acme/a\n    kind: Nomination\n    assert: \"candidate != 'fosei'\"\n    message: fosei is checked by acme/a\n",
            "",
        )
        .replace(
            "message: fosei is checked by acme/b\n",
            "message: fosei is checked by acme/b\n    severity: warning\n",
        )
        .replace(
            "when: \"to_level == 'E5'\"\n    assert: \"candidate != 'fosei'\"",
            "when: \"to_level == 'E5'\"\n    assert: \"candidate != 'fosei' or true\"",
        )
        .replace("exclude: []", "exclude: [\"nominations/old/**\"]\nrules:\n  acme/c: off")
        .replace("attributes: [org, track, location]", "attributes: [org, track]")
        .replace("min_group_size: 5", "min_group_size: 3")
        .replace("ratio_threshold: 0.8", "ratio_threshold: 0.5")
        .replace("significance: 0.05", "significance: 0.01");
    fs::write(tmp.path().join("ladderlint.yaml"), head).unwrap();
    touch_fosei(tmp.path());
    commit_all(&repo, "relax");
    let (code, findings) = lint_json(tmp.path(), &["--base", "main"]);
    assert_eq!(code, 1);
    let relaxed = messages(&findings, "config/relaxed");
    says_all(
        &relaxed,
        &[
            "removes custom rule `acme/a`",
            "weakens custom rule `acme/b`: severity lowered from error to warning",
            "weakens custom rule `acme/c`: severity lowered from error to off",
            "changes `assert` of custom rule `acme/d`",
            "adds exclude glob `nominations/old/**`",
            "removes fairness attribute `location`",
            "lowers `fairness.min_group_size` from 5 to 3",
            "lowers `fairness.ratio_threshold` from 0.8 to 0.5",
            "lowers `fairness.significance` from 0.05 to 0.01",
        ],
    );
    // The base's rules still check the change, at the base's severity.
    for id in ["acme/a", "acme/b", "acme/c", "acme/d"] {
        let hit = findings
            .iter()
            .find(|f| f["rule"] == id)
            .unwrap_or_else(|| panic!("{id} did not run: {findings:#?}"));
        assert_eq!(hit["severity"], "error", "{id}");
        assert_eq!(hit["file"], FOSEI);
    }
}

#[test]
fn a_min_group_size_below_three_is_invalid() {
    let tmp = demo_copy("");
    fs::write(
        tmp.path().join("ladderlint.yaml"),
        "fairness:\n  min_group_size: 2\n",
    )
    .unwrap();
    let (code, findings) = lint_json(tmp.path(), &[]);
    assert_eq!(code, 2);
    assert_eq!(findings[0]["rule"], "config/invalid");
    assert!(findings[0]["message"]
        .as_str()
        .unwrap()
        .contains("at least 3, found `2`"));
    assert_eq!(findings[0]["line"], 2);
}

#[test]
fn an_explicit_config_is_read_from_the_base_commit() {
    let strict = "rules:\n  ref/unknown: error\n";
    let (tmp, repo) = repo("policy/strict.yaml", strict);
    // The change switches the rule off in that very file and breaks fosei.
    fs::write(
        tmp.path().join("policy/strict.yaml"),
        "rules:\n  ref/unknown: off\n",
    )
    .unwrap();
    edit(
        &tmp.path().join(FOSEI),
        "candidate: fosei",
        "candidate: nobody",
    );
    commit_all(&repo, "pr");
    // A full lint with the head's file: the rule is off.
    let (_, head) = lint_json(tmp.path(), &["--config", "policy/strict.yaml"]);
    assert!(messages(&head, "ref/unknown").is_empty());
    let (code, findings) = lint_json(
        tmp.path(),
        &["--base", "main", "--config", "policy/strict.yaml"],
    );
    assert_eq!(code, 1, "{findings:#?}");
    assert!(
        messages(&findings, "ref/unknown")
            .iter()
            .any(|m| m.contains("nobody")),
        "the base's policy checks the change: {findings:#?}"
    );
    assert!(
        messages(&findings, "config/relaxed")
            .iter()
            .any(|m| m.contains("ref/unknown")),
        "{findings:#?}"
    );
    // From a subfolder, the same file by another relative path.
    let (code, _, err) = run(ladderlint().current_dir(tmp.path().join("policy")).args([
        "lint",
        "..",
        "--base",
        "main",
        "--config",
        "strict.yaml",
    ]));
    assert_eq!(code, 1, "{err}");
}

#[test]
fn a_custom_rule_failing_on_an_unchanged_document_is_kept_in_changed_only_mode() {
    // The rule divides by a number that a change to the cycle turns to
    // zero, on nominations the change does not touch.
    let config = "\
custom_rules:
  - id: acme/board
    kind: Nomination
    assert: \"(1 // (cycles[cycle].quorum - 2)) >= 0\"
    message: x
";
    let (tmp, repo) = repo("ladderlint.yaml", config);
    let (code, before) = lint_json(tmp.path(), &["--base", "main"]);
    assert_eq!(code, 0, "{before:#?}");
    edit(
        &tmp.path().join("cycles/2026-H2.yaml"),
        "quorum: 3",
        "quorum: 2",
    );
    commit_all(&repo, "pr");
    let (code, findings) = lint_json(tmp.path(), &["--base", "main"]);
    assert_eq!(code, 1, "{findings:#?}");
    let failed: Vec<&str> = findings
        .iter()
        .filter(|f| f["rule"] == "config/rule-failed")
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert!(failed.contains(&FOSEI), "{findings:#?}");
    assert!(failed.iter().all(|f| f.starts_with("nominations/")));
}

/// Commit `base` on main and `head` on the pr branch; the messages of
/// `config/relaxed` in changed-only mode.
fn relaxed_between(base: &str, head: &str) -> Vec<String> {
    let (tmp, repo) = repo("ladderlint.yaml", base);
    fs::write(tmp.path().join("ladderlint.yaml"), head).unwrap();
    touch_fosei(tmp.path());
    commit_all(&repo, "change the policy");
    let (_, findings) = lint_json(tmp.path(), &["--base", "main"]);
    messages(&findings, "config/relaxed")
        .into_iter()
        .map(str::to_owned)
        .collect()
}

const OPTIONS_BASE: &str = "\
fairness:
  correction: holm
rules:
  nomination/quorum: { min_votes: 3 }
  nomination/decision-matches-votes: { rule: two-thirds }
  ladder/subjective-criteria: { allow: [\"strong opinions\"], scan_nominations: \"on\" }
";

#[test]
fn each_option_is_judged_by_the_direction_its_rule_declares() {
    let head = OPTIONS_BASE
        .replace(
            "correction: holm",
            "correction: none\n  min_time_in_level: 6",
        )
        .replace("min_votes: 3", "min_votes: 4")
        .replace("rule: two-thirds", "rule: unanimous")
        .replace(
            "allow: [\"strong opinions\"], scan_nominations: \"on\"",
            "allow: [\"strong opinions\", \"rockstar\"], scan_nominations: \"off\"",
        );
    let relaxed = relaxed_between(OPTIONS_BASE, &head);
    says_all(
        &relaxed,
        &[
        "changes `fairness.correction` from `holm` to `none`",
        "raises `fairness.min_time_in_level` from 0 to 6 months",
        "weakens `ladder/subjective-criteria`: option `allow` changed",
        "weakens `ladder/subjective-criteria`: option `scan_nominations` changed from \"on\" to \"off\"",
    ],
    );
    // Stricter settings are not weakenings.
    assert!(
        !relaxed
            .iter()
            .any(|m| m.contains("quorum") || m.contains("decision-matches-votes")),
        "{relaxed:#?}"
    );
    assert_eq!(relaxed.len(), 4, "{relaxed:#?}");

    // The other way round: a stronger correction flags fewer groups, and
    // an `allow` entry taken out or nominations read again check more.
    let relaxed = relaxed_between(
        &head.replace("correction: none", "correction: bh"),
        &OPTIONS_BASE.replace(
            "correction: holm",
            "correction: holm\n  min_time_in_level: 6",
        ),
    );
    assert_eq!(
        relaxed,
        [
            "changes `fairness.correction` from `bh` to `holm`: fewer groups are flagged",
            "weakens `nomination/quorum`: option `min_votes` changed from 4 to 3",
            "weakens `nomination/decision-matches-votes`: option `rule` changed from \"unanimous\" \
             to \"two-thirds\"",
        ],
    );
}
