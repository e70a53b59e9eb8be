//! Suppressions are visible (SARIF `suppressions`, a Markdown section, a
//! count in text) and waivers are governed: a reason, an approver in
//! People, an expiry date; in changed-only mode only the base's waivers
//! apply. On real git repositories, through the binary.

mod common;

use common::*;
use std::fs;
use std::path::Path;

const FOSEI: &str = "nominations/2026h2-fosei.yaml";
const JDENTON: &str = "nominations/2026h2-jdenton.yaml";
const WAIVERS: &str = "ladderlint-waivers.yaml";

/// The demo, with one error: fosei's nomination names an unknown candidate
/// (line 5).
fn repo() -> tempfile::TempDir {
    unknown_candidate_demo()
}

fn waiver(rule: &str, file: &str, extra: &str, approver: &str, expires: &str) -> String {
    format!(
        "  - rule: {rule}\n    file: {file}\n{extra}    reason: the new hire's People entry \
         lands next week\n    approved_by: {approver}\n    expires: {expires}\n"
    )
}

fn write_waivers(dir: &Path, entries: &[String]) {
    fs::write(
        dir.join(WAIVERS),
        format!("# Accepted findings.\nwaivers:\n{}", entries.concat()),
    )
    .unwrap();
}

/// The files and lines of one rule's findings.
fn at(findings: &[serde_json::Value], rule: &str) -> Vec<(String, u64)> {
    lines_where(findings, "rule", rule, "file")
}

fn lint_out(dir: &Path, args: &[&str]) -> (i32, String) {
    let (code, out, err) = run(ladderlint().current_dir(dir).arg("lint").args(args));
    assert!(code == 0 || code == 1, "exit {code}: {out}\n{err}");
    (code, out)
}

#[test]
fn a_waiver_suppresses_its_finding_and_every_format_shows_it() {
    let tmp = repo();
    write_waivers(
        tmp.path(),
        &[waiver(
            "ref/unknown",
            FOSEI,
            "    pointer: /candidate\n",
            "trunty",
            "2026-09-01",
        )],
    );
    let (code, findings) = lint_json(tmp.path(), &[]);
    assert_eq!(code, 0, "{findings:#?}");
    assert!(findings.is_empty(), "{findings:#?}");

    // Text: a count, and where to see them.
    let (_, text) = lint_out(tmp.path(), &[]);
    assert!(
        text.contains("1 finding suppressed, listed by --format markdown and sarif."),
        "{text}"
    );

    // Markdown: the section, with rule, location, approver and reason.
    let (_, md) = lint_out(tmp.path(), &["--format", "markdown"]);
    assert!(md.contains("✅ All checks passed"), "{md}");
    assert!(md.contains("### Suppressed"), "{md}");
    let row = md
        .lines()
        .find(|l| l.contains("`ref/unknown`"))
        .unwrap_or_else(|| panic!("{md}"));
    assert!(row.contains("nominations/2026h2-fosei.yaml:5:12"), "{row}");
    assert!(row.contains("waiver at ladderlint-waivers.yaml:3"), "{row}");
    assert!(row.contains("approved by `trunty`"), "{row}");
    assert!(row.contains("the new hire's People entry"), "{row}");
    assert!(!row.contains("new**"), "not in changed-only mode: {row}");

    // SARIF: the result, with an external suppression and its reason.
    let (_, sarif) = lint_out(tmp.path(), &["--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{results:#?}");
    let r = &results[0];
    assert_eq!(r["ruleId"], "ref/unknown");
    assert!(r["partialFingerprints"]["ladderlint/v1"].is_string());
    let s = &r["suppressions"];
    assert_eq!(s.as_array().unwrap().len(), 1, "{s:#?}");
    assert_eq!(s[0]["kind"], "external");
    assert_eq!(s[0]["status"], "accepted");
    assert_eq!(
        s[0]["justification"],
        "the new hire's People entry lands next week"
    );
    assert_eq!(s[0]["properties"]["approvedBy"], "trunty");
    assert_eq!(s[0]["properties"]["expires"], "2026-09-01");
    let loc = &s[0]["location"]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], WAIVERS);
    assert_eq!(loc["region"]["startLine"], 3);
}

#[test]
fn an_inline_suppression_is_in_source_in_sarif() {
    let tmp = repo();
    edit(
        &tmp.path().join(FOSEI),
        "candidate: nobody",
        "# ladderlint: disable-next-line ref/unknown -- joins on Monday\ncandidate: nobody",
    );
    let (code, out) = lint_out(tmp.path(), &["--format", "sarif"]);
    assert_eq!(code, 0);
    let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{results:#?}");
    let s = &results[0]["suppressions"][0];
    assert_eq!(s["kind"], "inSource");
    assert_eq!(s["justification"], "joins on Monday");
    assert_eq!(
        s["location"]["physicalLocation"]["region"]["startLine"], 5,
        "{s:#?}"
    );
    // Without suppressions, the same result is active.
    let (code, out) = lint_out(tmp.path(), &["--format", "sarif", "--no-suppressions"]);
    assert_eq!(code, 1);
    let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert!(results[0].get("suppressions").is_none(), "{results:#?}");
}

#[test]
fn an_expired_waiver_is_reported_and_its_finding_comes_back() {
    let tmp = repo();
    write_waivers(
        tmp.path(),
        &[waiver("ref/unknown", FOSEI, "", "trunty", "2026-07-31")],
    );
    // The last day it applies.
    let (code, findings) = lint_json(tmp.path(), &["--today", "2026-07-31"]);
    assert_eq!(code, 0, "{findings:#?}");
    // The day after: expired, at its date, and the finding is back, with
    // the waiver as a related location.
    let (code, findings) = lint_json(tmp.path(), &["--today", "2026-08-01"]);
    assert_eq!(code, 1, "{findings:#?}");
    assert_eq!(
        at(&findings, "suppression/expired"),
        [(WAIVERS.to_owned(), 7)]
    );
    let expired = findings
        .iter()
        .find(|f| f["rule"] == "suppression/expired")
        .unwrap();
    assert_eq!(expired["column"], 14);
    assert!(expired["message"]
        .as_str()
        .unwrap()
        .contains("expired on 2026-07-31; the findings it waived are reported again"));
    assert!(expired["help"]
        .as_str()
        .unwrap()
        .starts_with("it expired 1 day ago"));
    let back = findings
        .iter()
        .find(|f| f["rule"] == "ref/unknown")
        .unwrap_or_else(|| panic!("{findings:#?}"));
    assert_eq!(back["file"], FOSEI);
    assert_eq!(back["related"][0]["file"], WAIVERS);
    assert_eq!(back["related"][0]["line"], 3);
    assert_eq!(
        back["related"][0]["message"],
        "waived until 2026-07-31 (expired)"
    );
    // LADDERLINT_TODAY is the same date as --today.
    let (code, _, _) = run(ladderlint()
        .current_dir(tmp.path())
        .env("LADDERLINT_TODAY", "2026-07-30")
        .args(["lint", "--format", "json"]));
    assert_eq!(code, 0);
}

#[test]
fn unused_and_badly_approved_waivers_are_findings_at_their_entry() {
    let tmp = repo();
    write_waivers(
        tmp.path(),
        &[
            // Nothing to waive in jdenton's nomination.
            waiver("ref/unknown", JDENTON, "", "trunty", "2026-12-31"),
            // An approver who is not in People: waives nothing.
            waiver("ref/unknown", FOSEI, "", "nobody-at-all", "2026-12-31"),
        ],
    );
    let (code, findings) = lint_json(tmp.path(), &[]);
    assert_eq!(code, 1, "{findings:#?}");
    assert_eq!(
        at(&findings, "suppression/unused"),
        [(WAIVERS.to_owned(), 3)]
    );
    assert_eq!(
        at(&findings, "suppression/invalid"),
        [(WAIVERS.to_owned(), 11)]
    );
    let bad = findings
        .iter()
        .find(|f| f["rule"] == "suppression/invalid")
        .unwrap();
    assert_eq!(bad["column"], 18);
    assert_eq!(
        bad["message"],
        "`approved_by` names `nobody-at-all`, who is not in People"
    );
    assert_eq!(at(&findings, "ref/unknown"), [(FOSEI.to_owned(), 5)]);

    // A waiver with a pointer waives only at or below that node.
    write_waivers(
        tmp.path(),
        &[waiver(
            "ref/unknown",
            FOSEI,
            "    pointer: /cand\n",
            "trunty",
            "2026-12-31",
        )],
    );
    let (code, findings) = lint_json(tmp.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(at(&findings, "ref/unknown"), [(FOSEI.to_owned(), 5)]);
    assert_eq!(
        at(&findings, "suppression/unused"),
        [(WAIVERS.to_owned(), 3)]
    );
}

#[test]
fn no_suppressions_and_suppressible_false_ignore_waivers() {
    let tmp = repo();
    write_waivers(
        tmp.path(),
        &[waiver("ref/unknown", FOSEI, "", "trunty", "2026-12-31")],
    );
    let (code, _) = lint_json(tmp.path(), &[]);
    assert_eq!(code, 0);
    // An audit: as if no waiver existed, and none is judged.
    let (code, findings) = lint_json(tmp.path(), &["--no-suppressions"]);
    assert_eq!(code, 1);
    assert_eq!(at(&findings, "ref/unknown"), [(FOSEI.to_owned(), 5)]);
    assert!(at(&findings, "suppression/unused").is_empty());
    // A rule the configuration makes unsuppressible cannot be waived.
    let config = tmp.path().join("ladderlint.yaml");
    edit(
        &config,
        "rules: {}",
        "rules:\n  ref/unknown: { suppressible: false }",
    );
    let (code, findings) = lint_json(tmp.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(at(&findings, "ref/unknown"), [(FOSEI.to_owned(), 5)]);
    let bad = findings
        .iter()
        .find(|f| f["rule"] == "suppression/invalid")
        .unwrap_or_else(|| panic!("{findings:#?}"));
    assert_eq!(bad["line"], 3);
    assert_eq!(
        bad["message"],
        "`ref/unknown` cannot be waived in this repository"
    );
}

#[test]
fn the_waivers_file_can_live_elsewhere_and_has_a_schema() {
    let tmp = repo();
    fs::create_dir_all(tmp.path().join("policy")).unwrap();
    fs::write(
        tmp.path().join("policy/waivers.yaml"),
        format!(
            "waivers:\n{}",
            waiver("ref/unknown", FOSEI, "", "trunty", "2026-12-31")
        ),
    )
    .unwrap();
    let config = tmp.path().join("ladderlint.yaml");
    edit(
        &config,
        "rules: {}",
        "rules: {}\nwaivers: policy/waivers.yaml",
    );
    let (code, findings) = lint_json(tmp.path(), &[]);
    assert_eq!(code, 0, "{findings:#?}");
    // A configured waivers file that does not exist is an error.
    fs::remove_file(tmp.path().join("policy/waivers.yaml")).unwrap();
    let (code, _, err) = run(ladderlint().current_dir(tmp.path()).arg("lint"));
    assert_eq!(code, 2);
    assert!(err.contains("`policy/waivers.yaml`"), "{err}");
    // A path out of the repository is refused.
    edit(
        &config,
        "waivers: policy/waivers.yaml",
        "waivers: ../waivers.yaml",
    );
    let (code, out, _) = run(ladderlint().current_dir(tmp.path()).arg("lint"));
    assert_eq!(code, 2);
    assert!(out.contains("config/invalid"), "{out}");

    let (code, schema, _) = run(ladderlint().args(["schema", "Waivers"]));
    assert_eq!(code, 0);
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    assert_eq!(schema["title"], "ladderlint Waivers");
    let required = schema["$defs"]["waiver"]["required"].as_array().unwrap();
    for key in ["rule", "file", "reason", "approved_by", "expires"] {
        assert!(required.contains(&serde_json::json!(key)), "{key}");
    }
}

/// The demo committed on `main` (with `waivers` as the waivers file, if
/// any), checked out on a `pr` branch.
fn git_repo(waivers: &[String]) -> (tempfile::TempDir, git2::Repository) {
    let tmp = repo();
    if !waivers.is_empty() {
        write_waivers(tmp.path(), waivers);
    }
    let repo = repo_on_pr_branch(tmp.path());
    (tmp, repo)
}

#[test]
fn a_change_cannot_waive_its_own_findings() {
    // The base has the fosei finding, unwaived; the change waives it and
    // adds a new finding with its own waiver.
    let (tmp, repo) = git_repo(&[]);
    edit(
        &tmp.path().join(JDENTON),
        "candidate: jdenton",
        "candidate: ghost",
    );
    write_waivers(
        tmp.path(),
        &[
            waiver("ref/unknown", FOSEI, "", "trunty", "2026-12-31"),
            waiver("ref/unknown", JDENTON, "", "trunty", "2026-12-31"),
        ],
    );
    // A full lint of the work tree applies them.
    let (code, findings) = lint_json(tmp.path(), &[]);
    assert_eq!(code, 0, "{findings:#?}");
    // The pull request's check does not.
    let (code, findings) = lint_json(tmp.path(), &["--base", "main"]);
    assert_eq!(code, 1, "{findings:#?}");
    let unknown = at(&findings, "ref/unknown");
    assert!(unknown.contains(&(JDENTON.to_owned(), 5)), "{unknown:?}");
    // fosei's finding is old, in an unchanged file: reported because the
    // waiver the change adds for it points there.
    assert!(unknown.contains(&(FOSEI.to_owned(), 5)), "{unknown:?}");
    let j = findings
        .iter()
        .find(|f| f["rule"] == "ref/unknown" && f["file"] == JDENTON)
        .unwrap();
    assert_eq!(j["related"][0]["file"], WAIVERS);
    assert!(j["related"][0]["message"]
        .as_str()
        .unwrap()
        .contains("added by this change"));
    assert!(
        at(&findings, "suppression/unused").is_empty(),
        "{findings:#?}"
    );
    let (_, md) = lint_out(tmp.path(), &["--base", "main", "--format", "markdown"]);
    assert!(md.contains("### Waivers added by this change"), "{md}");
    assert!(
        md.contains("| 🆕 **new** | ladderlint-waivers.yaml:8 | `ref/unknown` in `nominations/2026h2-jdenton.yaml` |"),
        "{md}"
    );

    // Once merged, the base has them, and they apply to later changes.
    commit_all(&repo, "waive");
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    repo.branch("main", &head, true).unwrap();
    edit(
        &tmp.path().join(JDENTON),
        "submitted: ",
        "# a later edit\nsubmitted: ",
    );
    let (code, findings) = lint_json(tmp.path(), &["--base", "main"]);
    assert_eq!(code, 0, "{findings:#?}");
    let (_, md) = lint_out(tmp.path(), &["--base", "main", "--format", "markdown"]);
    assert!(md.contains("### Suppressed"), "{md}");
    assert!(!md.contains("new**"), "nothing new: {md}");

    // A change that extends an expired waiver does not revive it.
    let text = fs::read_to_string(tmp.path().join(WAIVERS)).unwrap();
    fs::write(
        tmp.path().join(WAIVERS),
        text.replace("2026-12-31", "2026-07-01"),
    )
    .unwrap();
    commit_all(&repo, "expire");
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    repo.branch("main", &head, true).unwrap();
    fs::write(tmp.path().join(WAIVERS), &text).unwrap();
    let (code, findings) = lint_json(tmp.path(), &[]);
    assert_eq!(code, 0, "the work tree's own waivers apply: {findings:#?}");
    let (code, findings) = lint_json(tmp.path(), &["--base", "main"]);
    assert_eq!(code, 1, "{findings:#?}");
    let unknown = at(&findings, "ref/unknown");
    assert!(unknown.contains(&(JDENTON.to_owned(), 5)), "{unknown:?}");

    // A change that removes a waiver reports the finding it waived.
    fs::write(
        tmp.path().join(WAIVERS),
        text.replace("2026-12-31", "2026-07-01"),
    )
    .unwrap();
    commit_all(&repo, "renewed to the base");
    fs::write(tmp.path().join(WAIVERS), "waivers: []\n").unwrap();
    let (code, findings) = lint_json(tmp.path(), &["--base", "main", "--today", "2026-06-01"]);
    assert_eq!(code, 1, "{findings:#?}");
    assert!(at(&findings, "ref/unknown").contains(&(FOSEI.to_owned(), 5)));
}

#[test]
fn markdown_marks_the_suppressions_a_change_adds() {
    let (tmp, repo) = git_repo(&[]);
    // The base suppresses fosei's finding with a comment.
    edit(
        &tmp.path().join(FOSEI),
        "candidate: nobody",
        "# ladderlint: disable-next-line ref/unknown -- joins on Monday\ncandidate: nobody",
    );
    commit_all(&repo, "suppress");
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    repo.branch("main", &head, true).unwrap();
    // The change adds a second suppressed finding in the same file.
    edit(
        &tmp.path().join(FOSEI),
        "cycle: 2026-H2",
        "# ladderlint: disable-next-line ref/unknown -- the cycle file is on its way\ncycle: 2099-H9",
    );
    let (code, md) = lint_out(tmp.path(), &["--base", "main", "--format", "markdown"]);
    assert_eq!(code, 0, "{md}");
    assert!(md.contains("### Suppressed"), "{md}");
    assert!(
        md.contains(
            "2 findings suppressed by an inline comment or a waiver, not counted above. **1** new"
        ),
        "{md}"
    );
    let rows: Vec<&str> = md.lines().filter(|l| l.contains("`ref/unknown`")).collect();
    assert_eq!(rows.len(), 2, "{md}");
    assert!(rows[0].starts_with("| 🆕 **new** |"), "{rows:?}");
    assert!(rows[0].contains("the cycle file is on its way"), "{rows:?}");
    assert!(rows[1].starts_with("|  |"), "{rows:?}");
    assert!(rows[1].contains("joins on Monday"), "{rows:?}");
    let (_, text) = lint_out(tmp.path(), &["--base", "main"]);
    assert!(text.contains("2 findings suppressed (1 new)"), "{text}");
    // SARIF says which are new too.
    let (_, sarif) = lint_out(tmp.path(), &["--base", "main", "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let news: Vec<bool> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["suppressions"][0]["properties"]["new"].as_bool().unwrap())
        .collect();
    assert_eq!(news.iter().filter(|n| **n).count(), 1, "{news:?}");
}

#[test]
fn write_waivers_writes_a_baseline_that_must_be_reviewed() {
    let (tmp, _repo) = git_repo(&[]);
    let write = |args: &[&str]| {
        run(ladderlint()
            .current_dir(tmp.path())
            .args(["lint", "--write-waivers", WAIVERS])
            .args(args))
    };
    let (code, out, err) = write(&[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("wrote 1 waiver to `ladderlint-waivers.yaml` for 1 finding: fill in each `reason` and `approved_by`"),
        "{err}"
    );
    let text = fs::read_to_string(tmp.path().join(WAIVERS)).unwrap();
    assert!(text.contains("  # 5:12: unknown person `nobody`\n  - rule: ref/unknown\n    file: nominations/2026h2-fosei.yaml\n    pointer: /candidate\n"), "{text}");
    assert!(
        text.contains("    reason: \"\"  # fill in: why this finding is accepted\n"),
        "{text}"
    );
    assert!(
        text.contains("    approved_by: \"\"  # fill in: the People id of who approved it\n"),
        "{text}"
    );
    // 90 days after 2026-08-01.
    assert!(text.contains("    expires: 2026-10-30\n"), "{text}");

    // Unreviewed, it waives nothing and fails.
    let (code, findings) = lint_json(tmp.path(), &[]);
    assert_eq!(code, 1, "{findings:#?}");
    assert_eq!(at(&findings, "ref/unknown"), [(FOSEI.to_owned(), 5)]);
    let invalid = at(&findings, "suppression/invalid");
    assert_eq!(invalid.len(), 2, "{findings:#?}");
    assert!(invalid.iter().all(|(f, _)| f == WAIVERS));

    // Never replaced without --force.
    let (code, _, err) = write(&[]);
    assert_eq!(code, 2);
    assert!(err.contains("exists: use --force to replace it"), "{err}");
    assert_eq!(fs::read_to_string(tmp.path().join(WAIVERS)).unwrap(), text);

    // Reviewed: the lint is clean.
    let reviewed = text
        .replace(
            "reason: \"\"  # fill in: why this finding is accepted",
            "reason: joins in September, People entry follows",
        )
        .replace(
            "approved_by: \"\"  # fill in: the People id of who approved it",
            "approved_by: trunty",
        );
    fs::write(tmp.path().join(WAIVERS), &reviewed).unwrap();
    let (code, findings) = lint_json(tmp.path(), &[]);
    assert_eq!(code, 0, "{findings:#?}");
    assert!(findings.is_empty(), "{findings:#?}");

    // With --force, reviewed entries that still cover a finding are kept,
    // new findings are added to fill in.
    edit(
        &tmp.path().join(JDENTON),
        "candidate: jdenton",
        "candidate: ghost",
    );
    let (code, _, err) = write(&["--force"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("wrote 2 waivers to `ladderlint-waivers.yaml` for 2 findings, 1 kept from the file replaced"), "{err}");
    let text = fs::read_to_string(tmp.path().join(WAIVERS)).unwrap();
    assert!(
        text.contains("reason: \"joins in September, People entry follows\""),
        "{text}"
    );
    assert!(
        text.contains("file: nominations/2026h2-jdenton.yaml"),
        "{text}"
    );
    let (code, findings) = lint_json(tmp.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(at(&findings, "ref/unknown"), [(JDENTON.to_owned(), 5)]);
    assert!(at(&findings, "ref/unknown").iter().all(|(f, _)| f != FOSEI));

    // It is not a run with --base.
    let (code, _, err) = write(&["--force", "--base", "main"]);
    assert_eq!(code, 2, "{err}");
}
