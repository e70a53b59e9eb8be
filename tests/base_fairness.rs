//! Changed-only mode and the fairness rules, on real git repositories: a
//! change to one nomination can alter the fairness findings of its own
//! cycles (the one it had at the base and the one it has at the head) and,
//! through who was eligible when a cycle opened, of any other cycle; a
//! change to the people alters every cycle. Each is reported by `lint
//! --base` as a full lint reports it; a change that alters nothing the
//! analysis reads loads only the nominations that share an id, or a
//! candidate in a cycle, with it.
//!
//! The cohorts sit on the edge of the four-fifths rule (two-sided Fisher's
//! exact test, computed exactly with `math.comb` outside the repository):
//! 14/20 approved against 7/20 is p = 0.0562 (not flagged); one fewer
//! approval, 6/20 (p = 0.0256), one more decline, 7/21 (p = 0.0294), or one
//! approval moved away, 6/19 (p = 0.0256), is flagged; 15/21 against 6/19
//! is p = 0.0253.

mod common;

use common::cohort::{Cohort, N, P};
use common::*;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

const X: &str = "2026-H1";
const Y: &str = "2026-H2";
const CONFIG: &str = "fairness:\n  attributes: [org]\n";

/// Two cycles, each with 20 nominations of org `a` (14 approved) and 20 of
/// org `b` (7 approved): `n0`..`n19` and `n20`..`n39` (approved `n20` to
/// `n26`) in X, `n40`..`n59` and `n60`..`n79` (approved `n60` to `n66`) in
/// Y; the candidate of `nK` is `pK`.
fn two_cycles() -> Cohort {
    let mut c = Cohort {
        config: CONFIG.into(),
        ..Cohort::default()
    };
    c.cycle(X, "2026-01-05");
    c.cycle(Y, "2026-07-06");
    for cycle in [X, Y] {
        c.group(cycle, "org", "a", 14, 20);
        c.group(cycle, "org", "b", 7, 20);
    }
    c
}

/// The cohort committed on `main`, checked out on branch `pr`.
fn committed(c: &Cohort) -> (tempfile::TempDir, git2::Repository) {
    let tmp = tempfile::tempdir().unwrap();
    c.write(tmp.path());
    let repo = repo_on_pr_branch(tmp.path());
    (tmp, repo)
}

fn nomination(dir: &Path, i: usize) -> std::path::PathBuf {
    dir.join(format!("nominations/n{i}.yaml"))
}

/// What identifies a finding across commits.
fn key(f: &serde_json::Value) -> (String, String, String, String) {
    let s = |k: &str| f[k].as_str().unwrap_or_default().to_owned();
    (s("rule"), s("file"), s("pointer"), s("message"))
}

/// Lint the head in full, the base in full and the change with `--base
/// main` (with and without what earlier runs kept): every finding new at
/// the head is reported and nothing that a full lint of the head does not
/// have. Returns the findings new at the head.
fn assert_sound(dir: &Path) -> Vec<serde_json::Value> {
    let (_, head) = lint_json(dir, &[]);
    let (_, base) = lint_json(dir, &["--rev", "main"]);
    let before: BTreeSet<_> = base.iter().map(key).collect();
    let all: BTreeSet<_> = head.iter().map(key).collect();
    let new: Vec<serde_json::Value> = head
        .iter()
        .filter(|f| !before.contains(&key(f)))
        .cloned()
        .collect();
    for args in [&["--base", "main"][..], &["--base", "main", "--no-cache"]] {
        let (_, changed) = lint_json(dir, args);
        let reported: BTreeSet<_> = changed.iter().map(key).collect();
        for f in &new {
            assert!(
                reported.contains(&key(f)),
                "missed by {args:?}: {f:#}\nreported: {changed:#?}"
            );
        }
        for f in &changed {
            assert!(all.contains(&key(f)), "not in a full lint: {f:#}");
        }
    }
    new
}

/// The fairness findings of `rule` among `findings`, by cycle file.
fn flagged(findings: &[serde_json::Value], rule: &str) -> BTreeSet<String> {
    findings
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| f["file"].as_str().unwrap().to_owned())
        .collect()
}

fn cycle_file(id: &str) -> String {
    format!("cycles/{id}.yaml")
}

#[test]
fn an_outcome_changed_in_one_cycle_is_reported_on_that_cycle() {
    let (tmp, repo) = committed(&two_cycles());
    assert!(flagged(&lint_json(tmp.path(), &[]).1, "fairness/adverse-impact").is_empty());
    edit(
        &nomination(tmp.path(), 20),
        "outcome: approved",
        "outcome: declined",
    );
    commit_all(&repo, "decline");
    let new = assert_sound(tmp.path());
    assert_eq!(
        flagged(&new, "fairness/adverse-impact"),
        BTreeSet::from([cycle_file(X)])
    );
}

#[test]
fn a_new_nomination_is_reported_on_its_cycle() {
    let (tmp, repo) = committed(&two_cycles());
    // A declined nomination of `p67` (org b), also nominated in Y.
    let text = fs::read_to_string(nomination(tmp.path(), 67)).unwrap();
    fs::write(
        tmp.path().join("nominations/zz-new.yaml"),
        text.replacen("id: n67", "id: zz-new", 1).replacen(
            &format!("cycle: {Y}"),
            &format!("cycle: {X}"),
            1,
        ),
    )
    .unwrap();
    commit_all(&repo, "new nomination");
    let new = assert_sound(tmp.path());
    assert_eq!(
        flagged(&new, "fairness/adverse-impact"),
        BTreeSet::from([cycle_file(X)])
    );
}

/// A nomination moved to another cycle alters the cycle it leaves and the
/// cycle it joins: each is checked.
#[test]
fn a_nomination_moved_to_another_cycle_is_reported_on_both() {
    // An approval of org b leaves X (6/19 there).
    let (tmp, repo) = committed(&two_cycles());
    edit(
        &nomination(tmp.path(), 20),
        &format!("cycle: {X}"),
        &format!("cycle: {Y}"),
    );
    commit_all(&repo, "move");
    let new = assert_sound(tmp.path());
    assert_eq!(
        flagged(&new, "fairness/adverse-impact"),
        BTreeSet::from([cycle_file(X)])
    );

    // A decline of org b joins X from Y (7/21 there).
    let (tmp, repo) = committed(&two_cycles());
    edit(
        &nomination(tmp.path(), 67),
        &format!("cycle: {Y}"),
        &format!("cycle: {X}"),
    );
    commit_all(&repo, "move");
    let new = assert_sound(tmp.path());
    assert_eq!(
        flagged(&new, "fairness/adverse-impact"),
        BTreeSet::from([cycle_file(X)])
    );
}

/// A change to the people file regroups people of every cycle: every cycle
/// is checked.
#[test]
fn a_people_change_is_reported_on_every_cycle() {
    let (tmp, repo) = committed(&two_cycles());
    let people = tmp.path().join("people/people.yaml");
    for p in ["p20", "p60"] {
        let text = fs::read_to_string(&people).unwrap();
        let line = text
            .lines()
            .find(|l| l.contains(&format!("id: {p},")))
            .unwrap();
        assert!(line.contains("org: \"b\""), "{line}");
        fs::write(
            &people,
            text.replacen(line, &line.replace("org: \"b\"", "org: \"a\""), 1),
        )
        .unwrap();
    }
    commit_all(&repo, "regroup");
    let new = assert_sound(tmp.path());
    assert_eq!(
        flagged(&new, "fairness/adverse-impact"),
        BTreeSet::from([cycle_file(X), cycle_file(Y)])
    );
}

/// An approval recorded in a later cycle rebuilds the level its candidate
/// held when an earlier cycle opened: who was eligible then, and so the
/// nomination rate of the earlier cycle, changes although no nomination of
/// it did.
#[test]
fn an_approval_in_a_later_cycle_is_reported_on_an_earlier_one() {
    let mut c = Cohort {
        config: CONFIG.into(),
        ..Cohort::default()
    };
    c.cycle(X, "2026-01-05");
    c.cycle(Y, "2026-07-06");
    // Eligible in X: 20 of org a (14 nominated), 20 of org b (7 nominated).
    for (org, nominated) in [("a", 14), ("b", 7)] {
        for i in 0..20 {
            let id = format!("{org}{i}");
            c.people.push(P::new(&id, "E4").with("org", org));
            if i < nominated {
                let mut n = N::new(X, &id, "E4", "E5", Some("approved"));
                n.date = Some("2026-03-15".into());
                c.noms.push(n);
            }
        }
    }
    // At the top of the ladder now; promoted there in Y, or not yet.
    c.people.push(P::new("risen", "E8").with("org", "b"));
    c.noms.push(N::new(Y, "risen", "E7", "E8", None));
    let last = c.noms.len() - 1;
    let (tmp, repo) = committed(&c);
    assert!(flagged(&lint_json(tmp.path(), &[]).1, "fairness/nomination-rate").is_empty());
    let path = nomination(tmp.path(), last);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        format!("{text}decision:\n  outcome: approved\n  date: 2026-09-15\n"),
    )
    .unwrap();
    commit_all(&repo, "approve");
    let new = assert_sound(tmp.path());
    assert_eq!(
        flagged(&new, "fairness/nomination-rate"),
        BTreeSet::from([cycle_file(X)])
    );
}

/// A change to a field the fairness analysis does not read leaves every
/// cycle's findings as they were: the other nominations are not loaded
/// (only those sharing an id, or a candidate in a cycle), and what is
/// reported is what a full lint reports in the changed file.
#[test]
fn a_change_the_analysis_does_not_read_loads_only_namesakes() {
    let mut c = two_cycles();
    // X is flagged at the base already (6/20).
    c.noms[20].outcome = Some("declined".into());
    let (tmp, repo) = committed(&c);
    let at_base = lint_json(tmp.path(), &[]).1;
    assert_eq!(
        flagged(&at_base, "fairness/adverse-impact"),
        BTreeSet::from([cycle_file(X)])
    );
    let changed_file = "nominations/n21.yaml";
    edit(
        &tmp.path().join(changed_file),
        "submitted: 2026-01-05",
        "submitted: 2026-01-06\n# Reviewed again.",
    );
    commit_all(&repo, "resubmitted");
    let (_, head) = lint_json(tmp.path(), &[]);
    let expected: Vec<&serde_json::Value> =
        head.iter().filter(|f| f["file"] == changed_file).collect();
    assert!(flagged(&head, "fairness/adverse-impact").contains(&cycle_file(X)));
    let new = assert_sound(tmp.path());
    assert!(new.is_empty(), "{new:#?}");
    for args in [&["--base", "main"][..], &["--base", "main", "--no-cache"]] {
        let (_, changed) = lint_json(tmp.path(), args);
        assert_eq!(changed.iter().collect::<Vec<_>>(), expected, "{args:?}");
    }

    let dir = tmp.path();
    let (root, _) = ladderlint::source::Root::discover(&[dir.to_path_buf()]).unwrap();
    let outcome = changed_only(&root, &[], "2026-08-01");
    let loaded: Vec<&str> = outcome
        .repo
        .files
        .iter()
        .map(|f| f.path.as_str())
        .filter(|p| p.starts_with("nominations/"))
        .collect();
    assert_eq!(loaded, [changed_file]);
    assert!(outcome
        .repo
        .files
        .iter()
        .any(|f| f.path == "people/people.yaml"));

    // Once the change alters what the analysis reads, every nomination is
    // loaded.
    edit(
        &tmp.path().join(changed_file),
        "outcome: approved",
        "outcome: deferred",
    );
    commit_all(&repo, "deferred");
    let outcome = changed_only(&root, &[], "2026-08-01");
    let nominations = outcome
        .repo
        .files
        .iter()
        .filter(|f| f.path.starts_with("nominations/"))
        .count();
    assert_eq!(nominations, 80);
    // X's flag now counts 5 of 20: a new finding.
    let new = assert_sound(tmp.path());
    assert_eq!(
        flagged(&new, "fairness/adverse-impact"),
        BTreeSet::from([cycle_file(X)])
    );
}
