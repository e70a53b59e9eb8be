//! Changed-only mode (`--base`, `--new-only`) and policy from the base, on
//! real repositories with a base and a head commit.

mod common;

use common::*;
use std::fs;

const FOSEI: &str = "nominations/2026h2-fosei.yaml";

/// The sniffs file `kept` with the line of blob `blob` saying that its
/// nomination is about someone else, in another cycle.
fn lie_about(kept: &str, blob: &str) -> String {
    kept.lines()
        .map(|l| match l.strip_prefix(blob) {
            Some(_) => format!("{blob} elsewhere 1999-H1 someone-else\n"),
            None => format!("{l}\n"),
        })
        .collect()
}
const JDENTON: &str = "nominations/2026h2-jdenton.yaml";

/// A repository whose base commit already has one problem (in jdenton's
/// nomination), on branch `main`; returns it checked out on `pr`.
fn repo_with_base() -> (tempfile::TempDir, git2::Repository) {
    let tmp = demo_copy("");
    edit(
        &tmp.path().join(JDENTON),
        "mentor: mbordash",
        "mentor: mbordah",
    );
    let repo = repo_on_pr_branch(tmp.path());
    (tmp, repo)
}

#[test]
fn base_reports_only_changed_files() {
    let (tmp, repo) = repo_with_base();
    edit(
        &tmp.path().join(FOSEI),
        "candidate: fosei",
        "candidate: fose",
    );
    commit_all(&repo, "pr");
    let (code, all) = lint_json(tmp.path(), &[]);
    assert_eq!((code, all.len()), (1, 2));
    let (code, findings) = lint_json(tmp.path(), &["--base", "main"]);
    assert_eq!(code, 1);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["file"], FOSEI);
    // The work tree, the index and a revision all work as the source.
    let (_, staged) = lint_json(tmp.path(), &["--base", "main", "--staged"]);
    let (_, rev) = lint_json(tmp.path(), &["--base", "main", "--rev", "HEAD"]);
    assert_eq!(staged, findings);
    assert_eq!(rev, findings);
}

#[test]
fn new_only_drops_findings_that_existed_at_the_base_even_when_lines_shift() {
    let (tmp, repo) = repo_with_base();
    // Touch jdenton's file: shift its old problem down two lines, add a new one.
    let path = tmp.path().join(JDENTON);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replacen("kind: Nomination", "# moved\n# down\nkind: Nomination", 1)
            .replace("candidate: jdenton", "candidate: jdentn"),
    )
    .unwrap();
    commit_all(&repo, "pr");
    let (_, changed) = lint_json(tmp.path(), &["--base", "main"]);
    assert_eq!(changed.len(), 2, "{changed:#?}");
    let (code, new) = lint_json(tmp.path(), &["--base", "main", "--new-only"]);
    assert_eq!(code, 1);
    assert_eq!(new.len(), 1, "{new:#?}");
    assert!(new[0]["message"].as_str().unwrap().contains("jdentn"));
}

#[test]
fn a_pull_request_cannot_relax_the_policy_that_checks_it() {
    let (tmp, repo) = repo_with_base();
    fs::write(
        tmp.path().join("ladderlint.yaml"),
        "include:\n  - \"ladders/**/*.y*ml\"\n  - \"people/**/*.y*ml\"\n  - \"cycles/**/*.y*ml\"\n  - \"nominations/**/*.y*ml\"\nrules:\n  ref/unknown: off\n",
    )
    .unwrap();
    edit(
        &tmp.path().join(FOSEI),
        "candidate: fosei",
        "candidate: fose",
    );
    commit_all(&repo, "pr");
    let (code, findings) = lint_json(tmp.path(), &["--base", "main"]);
    assert_eq!(code, 1);
    let got: Vec<(String, String, u64)> = findings
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().into(),
                f["rule"].as_str().unwrap().into(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("ladderlint.yaml".into(), "config/relaxed".into(), 7),
            (FOSEI.into(), "ref/unknown".into(), 5),
        ]
    );
    assert!(findings[0]["message"]
        .as_str()
        .unwrap()
        .contains("severity lowered from error to off"));
}

/// Under a root in a subfolder of the repository, the paths of unchanged
/// files are the root's: what a full lint kept of each nomination is found
/// by them, and decides. A changed-only run keeps nothing.
#[test]
fn changed_only_mode_uses_what_a_full_lint_kept_under_a_subfolder_root() {
    let tmp = demo_copy("org");
    let org = tmp.path().join("org");
    // A second nomination of fosei in the cycle: the duplicate is there at
    // the base already, and involves the nomination the change edits.
    let again = "nominations/zz-fosei-again.yaml";
    let text = fs::read_to_string(org.join(FOSEI))
        .unwrap()
        .replace("id: 2026h2-fosei", "id: 2026h2-fosei-again");
    fs::write(org.join(again), text).unwrap();
    let repo = git2::Repository::init(tmp.path()).unwrap();
    let base = commit_all(&repo, "base");
    let commit = repo.find_commit(base).unwrap();
    repo.branch("main", &commit, true).unwrap();
    drop(commit);
    edit(
        &org.join(FOSEI),
        "candidate: fosei",
        "candidate: fosei # a note",
    );
    commit_all(&repo, "pr");
    let sniffs = tmp.path().join(".git/ladderlint/sniffs");
    let only = ["--base", "main", "--select", "nomination/"];
    let (code, changed) = lint_json(&org, &only);
    assert_eq!(code, 1);
    let duplicate = |findings: &[serde_json::Value]| {
        rules_of(findings)
            .iter()
            .any(|r| r == "nomination/duplicate-candidate")
    };
    assert!(duplicate(&changed), "{changed:#?}");
    assert!(!sniffs.exists());

    lint_json(&org, &["--rev", "main"]);
    let kept = fs::read_to_string(&sniffs).unwrap();
    assert_eq!(lint_json(&org, &only).1, changed);
    // Told that the unchanged nomination is about someone else in another
    // cycle, the run leaves it out, and the duplicate goes unseen: the
    // entry was found by its path under the root.
    let again_blob = repo
        .revparse_single(&format!("main:org/{again}"))
        .unwrap()
        .id()
        .to_string();
    let lie = lie_about(&kept, &again_blob);
    assert_ne!(lie, kept);
    fs::write(&sniffs, lie).unwrap();
    let told = lint_json(&org, &only).1;
    assert!(!duplicate(&told), "{told:#?}");
    assert_eq!(
        fs::read_to_string(&sniffs).unwrap().lines().count(),
        kept.lines().count()
    );
}

#[test]
fn shallow_clone_without_the_base_says_fetch_depth_0() {
    let (tmp, repo) = repo_with_base();
    edit(
        &tmp.path().join(FOSEI),
        "candidate: fosei",
        "candidate: fosei # pr",
    );
    commit_all(&repo, "pr");
    let clone = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("git")
        .args(["clone", "-q", "--depth", "1", "--branch", "pr"])
        .arg(format!("file://{}", tmp.path().display()))
        .arg(clone.path().join("c"))
        .status()
        .unwrap();
    assert!(status.success());
    let sha = repo.revparse_single("main").unwrap().id().to_string();
    let (code, _, err) = run(ladderlint()
        .current_dir(clone.path().join("c"))
        .args(["lint", "--base", &sha]));
    assert_eq!(code, 2);
    assert!(err.contains("fetch-depth: 0"), "{err}");
}

#[path = "../examples/gen_corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

/// Changed-only mode loads only the nominations that the changed files'
/// checks can involve, and reports exactly what a full lint reports in the
/// changed files: duplicate candidates and ids against unchanged files
/// included.
#[test]
fn changed_only_mode_loads_less_and_reports_what_a_full_lint_reports() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("org");
    let opts = gen_corpus::Options {
        nominations: 600,
        people: 200,
        cycles: 4,
        seed: 3,
        violations: 0.05,
        worktree: true,
    };
    let manifest = gen_corpus::generate(&opts, &dir).unwrap();
    let noms = |cycle: &str| -> Vec<std::path::PathBuf> {
        let mut v: Vec<_> = fs::read_dir(dir.join("nominations").join(cycle))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        v.sort();
        v
    };
    let (first, last) = ("2025-H1", "2026-H2");
    // A second nomination for the candidate of an unchanged one.
    let a = fs::read_to_string(&noms(last)[0]).unwrap();
    let id = |t: &str| {
        t.lines()
            .find_map(|l| l.strip_prefix("id: "))
            .unwrap()
            .to_owned()
    };
    fs::write(
        dir.join(format!("nominations/{last}/zz-again.yaml")),
        a.replacen(&format!("id: {}", id(&a)), "id: zz-again", 1),
    )
    .unwrap();
    // An id already used in another cycle.
    let b = fs::read_to_string(&noms(first)[3]).unwrap();
    fs::write(
        dir.join(format!("nominations/{last}/zz-reused.yaml")),
        b.replacen(&format!("cycle: {first}"), &format!("cycle: {last}"), 1),
    )
    .unwrap();
    // A problem in an edited file (its own mentor replaced: a second
    // `mentor` key would be a duplicate key, reported alone).
    let changed_path = dir.join(&manifest.changed_file);
    let text: String = fs::read_to_string(&changed_path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("mentor: "))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(&changed_path, text).unwrap();
    edit(
        &changed_path,
        "\nreview:\n",
        "\nmentor: nobody-x\nreview:\n",
    );

    let (_, full) = lint_json(&dir, &[]);
    let (_, at_base) = lint_json(&dir, &["--rev", "main"]);
    let (_, changed) = lint_json(&dir, &["--base", "main"]);
    let files: std::collections::BTreeSet<&str> = changed
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    let key = |f: &serde_json::Value| {
        (
            f["rule"].to_string(),
            f["file"].to_string(),
            f["pointer"].to_string(),
            f["message"].to_string(),
        )
    };
    let before: std::collections::BTreeSet<_> = at_base.iter().map(key).collect();
    let in_change = |file: &str| file.contains("/zz-") || file == manifest.changed_file;
    // In a changed file, pointing at one, or new since the base.
    let expected: Vec<&serde_json::Value> = full
        .iter()
        .filter(|f| {
            in_change(f["file"].as_str().unwrap())
                || f["related"]
                    .as_array()
                    .is_some_and(|r| r.iter().any(|r| in_change(r["file"].as_str().unwrap())))
                || !before.contains(&key(f))
        })
        .collect();
    assert_eq!(changed.iter().collect::<Vec<_>>(), expected);
    // The id that `zz-reused` repeats is reported on the unchanged file too.
    assert_eq!(files.len(), 4, "{files:?}");

    // What the full lints read of each nomination is kept in the git
    // directory, by blob: a changed-only run reads only what it needs, and
    // reports the same.
    let sniffs = dir.join(".git/ladderlint/sniffs");
    let kept = fs::read_to_string(&sniffs).unwrap();
    assert!(kept.starts_with("ladderlint sniffs 1\n"), "{kept:.200}");
    assert!(kept.lines().count() > 500, "{}", kept.lines().count());
    assert_eq!(lint_json(&dir, &["--base", "main"]).1, changed);
    // It is what decides, without reading the blob: told that the
    // nomination whose candidate `zz-again` repeats is about someone else
    // in another cycle, the run leaves it out and the duplicate goes unseen
    // (so the file must come only from runs one trusts).
    let rel = |p: &std::path::Path| {
        p.strip_prefix(&dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/")
    };
    let again_blob = git2::Repository::open(&dir)
        .unwrap()
        .revparse_single(&format!("main:{}", rel(&noms(last)[0])))
        .unwrap()
        .id()
        .to_string();
    let lie = lie_about(&kept, &again_blob);
    assert_ne!(lie, kept);
    // With a fairness rule on, every nomination is loaded whatever the
    // cache says; the cache decides only for the other rules.
    let only = ["--base", "main", "--select", "nomination/"];
    let honest = lint_json(&dir, &only).1;
    assert!(rules_of(&honest)
        .iter()
        .any(|r| r == "nomination/duplicate-candidate"));
    fs::write(&sniffs, lie).unwrap();
    assert_eq!(lint_json(&dir, &["--base", "main"]).1, changed);
    let told = lint_json(&dir, &only).1;
    assert!(!rules_of(&told)
        .iter()
        .any(|r| r == "nomination/duplicate-candidate"));
    fs::write(&sniffs, &kept).unwrap();
    // A damaged file costs only the reading; `--no-cache` neither reads nor
    // writes it.
    let damaged: String = kept
        .lines()
        .enumerate()
        .map(|(i, l)| match i % 3 {
            1 => format!("{}\u{0}\n", &l[..l.len() / 2]),
            2 => format!("{l} extra\n"),
            _ => format!("{l}\n"),
        })
        .collect();
    fs::write(&sniffs, damaged).unwrap();
    assert_eq!(lint_json(&dir, &["--base", "main"]).1, changed);
    fs::write(&sniffs, b"\xff\xfe not a cache").unwrap();
    assert_eq!(lint_json(&dir, &["--base", "main"]).1, changed);
    fs::remove_dir_all(dir.join(".git/ladderlint")).unwrap();
    assert_eq!(
        lint_json(&dir, &["--base", "main", "--no-cache"]).1,
        changed
    );
    assert!(!dir.join(".git/ladderlint").exists());
    let rules = rules_of(&changed);
    for rule in [
        "nomination/duplicate-candidate",
        "ref/duplicate-id",
        "ref/unknown",
    ] {
        assert!(rules.iter().any(|r| r == rule), "{rule}: {rules:?}");
    }

    // What was loaded: every non-nomination file, the changed files, and
    // the unchanged nominations that share an id, or a candidate in the
    // same cycle, with a changed one; nothing else.
    let (root, _) = ladderlint::source::Root::discover(std::slice::from_ref(&dir)).unwrap();
    let config = ladderlint::config::Config::default();
    let matcher = ladderlint::source::Matcher::new(&config.include, &config.exclude).unwrap();
    let all = root
        .collect(&ladderlint::source::Mode::Worktree, &matcher)
        .unwrap()
        .len();
    // Without the fairness rules, which load every nomination.
    let outcome = changed_only(
        &root,
        &["nomination/".to_owned(), "ref/".to_owned()],
        "2026-08-01",
    );
    let changed_set = &outcome.changed;
    let loaded: Vec<&str> = outcome.repo.files.iter().map(|f| f.path.as_str()).collect();
    let sniffed = |p: &str| ladderlint::changed::sniff::sniff(&fs::read(dir.join(p)).unwrap());
    let cycle_of = |p: &str| match sniffed(p) {
        ladderlint::changed::sniff::Sniff::Nomination { cycle, .. } => Some(cycle),
        ladderlint::changed::sniff::Sniff::Other => None,
    };
    // The cycles of the changed nominations.
    let touched: std::collections::BTreeSet<String> = changed_set
        .iter()
        .filter(|p| dir.join(p).is_file())
        .filter_map(|p| cycle_of(p))
        .collect();
    assert!(touched.contains(last), "{touched:?}");
    let others: Vec<&str> = loaded
        .iter()
        .copied()
        .filter(|p| p.starts_with("nominations/") && !changed_set.contains(*p))
        .collect();
    let outside: Vec<&str> = others
        .iter()
        .copied()
        // Nominations a quick look cannot be sure of are always loaded.
        .filter(|p| cycle_of(p).is_some_and(|c| !touched.contains(&c)))
        .collect();
    // `zz-again` repeats the candidate of the first nomination of its cycle,
    // `zz-reused` the id of one in another cycle.
    let (again, reused) = (rel(&noms(last)[0]), rel(&noms(first)[3]));
    assert!(others.contains(&again.as_str()), "{others:?}");
    assert!(outside.contains(&reused.as_str()), "{outside:?}");
    assert!(outside.len() <= 4, "{outside:?}");
    assert!(loaded.contains(&"people/office.yaml"));
    let in_touched: usize = touched.iter().map(|c| noms(c).len()).sum();
    assert!(
        loaded.len() < in_touched + (all - 600) + 10,
        "{} of {all}",
        loaded.len()
    );
}

/// A full lint keeps what it read of each file holding one nomination, by
/// blob id, for later changed-only runs (what the Action saves from pushes
/// to the default branch); files of other kinds, and a file whose
/// nomination is not alone, are left for the quick look. `--no-cache`
/// keeps nothing.
#[test]
fn a_full_lint_keeps_what_it_read_of_each_nomination() {
    let tmp = demo_copy("");
    let fosei = fs::read_to_string(tmp.path().join(FOSEI)).unwrap();
    let two = format!(
        "{}\n---\nkind: People\npeople:\n  - {{id: zed, name: Zed, level: E3}}\n",
        fosei.replace("id: 2026h2-fosei", "id: 2026h2-two")
    );
    fs::write(tmp.path().join("nominations/two.yaml"), &two).unwrap();
    let repo = git2::Repository::init(tmp.path()).unwrap();
    commit_all(&repo, "base");
    let blob =
        |text: &str| git2::Oid::hash_object(git2::ObjectType::Blob, text.as_bytes()).unwrap();

    lint_json(tmp.path(), &["--no-cache"]);
    assert!(!tmp.path().join(".git/ladderlint").exists());

    lint_json(tmp.path(), &[]);
    let kept = fs::read_to_string(tmp.path().join(".git/ladderlint/sniffs")).unwrap();
    let line = |oid: git2::Oid| {
        kept.lines()
            .find(|l| l.starts_with(&oid.to_string()))
            .map(str::to_owned)
    };
    assert_eq!(
        line(blob(&fosei)),
        Some(format!("{} 2026h2-fosei 2026-H2 fosei", blob(&fosei))),
        "{kept}"
    );
    assert_eq!(line(blob(&two)), None, "{kept}");
    // The header, and a line for each nomination file but `two.yaml`.
    let nominations = fs::read_dir(tmp.path().join("nominations"))
        .unwrap()
        .count();
    assert_eq!(kept.lines().count() - 1, nominations - 1, "{kept}");
    for entry in fs::read_dir(tmp.path().join("people")).unwrap() {
        let text = fs::read_to_string(entry.unwrap().path()).unwrap();
        assert_eq!(line(blob(&text)), None, "{kept}");
    }

    // Read from the commit (by the ids of its blobs, not hashed again),
    // the same file.
    fs::remove_dir_all(tmp.path().join(".git/ladderlint")).unwrap();
    lint_json(tmp.path(), &["--rev", "HEAD"]);
    let from_commit = fs::read_to_string(tmp.path().join(".git/ladderlint/sniffs")).unwrap();
    assert_eq!(from_commit, kept);
}
