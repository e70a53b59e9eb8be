//! Sources read from real git repositories built in temp dirs: `--rev`,
//! `--staged`, a root inside a larger repository, unknown revisions,
//! shallow clones, symlinks, LFS pointers, submodules, `.gitignore`.

mod common;

use common::*;
use std::fs;

const NOM: &str = "nominations/2026h2-fosei.yaml";

#[test]
fn rev_reads_objects_not_the_work_tree() {
    let tmp = demo_copy("");
    let repo = git2::Repository::init(tmp.path()).unwrap();
    commit_all(&repo, "demo");
    // Break the work tree after the commit: HEAD stays clean.
    edit(&tmp.path().join(NOM), "candidate: fosei", "candidate: fose");
    let (code, findings) = lint_json(tmp.path(), &["--rev", "HEAD"]);
    assert_eq!((code, findings.len()), (0, 0), "{findings:#?}");
    let (code, findings) = lint_json(tmp.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(rules_of(&findings), ["ref/unknown"]);
    assert_eq!(findings[0]["file"], NOM);
    // Commit the break, then the previous revision is still clean.
    commit_all(&repo, "break");
    let (code, _) = lint_json(tmp.path(), &["--rev", "HEAD"]);
    assert_eq!(code, 1);
    let (code, _) = lint_json(tmp.path(), &["--rev", "HEAD~1"]);
    assert_eq!(code, 0);
}

#[test]
fn staged_reads_the_index() {
    let tmp = demo_copy("");
    let repo = git2::Repository::init(tmp.path()).unwrap();
    commit_all(&repo, "demo");
    edit(&tmp.path().join(NOM), "candidate: fosei", "candidate: fose");
    let mut index = repo.index().unwrap();
    index.add_path(std::path::Path::new(NOM)).unwrap();
    index.write().unwrap();
    // Fix the work tree again: only the index holds the break.
    edit(&tmp.path().join(NOM), "candidate: fose", "candidate: fosei");
    let (code, findings) = lint_json(tmp.path(), &["--staged"]);
    assert_eq!(code, 1);
    assert_eq!(rules_of(&findings), ["ref/unknown"]);
    assert_eq!(findings[0]["line"], 5);
    let (code, _) = lint_json(tmp.path(), &[]);
    assert_eq!(code, 0);
}

#[test]
fn root_inside_a_larger_repository() {
    let tmp = demo_copy("hr/ladders");
    fs::write(tmp.path().join("README.md"), "other things\n").unwrap();
    let repo = git2::Repository::init(tmp.path()).unwrap();
    edit(
        &tmp.path().join("hr/ladders").join(NOM),
        "candidate: fosei",
        "candidate: fose",
    );
    commit_all(&repo, "demo in a subfolder");
    for args in [&[][..], &["--rev", "HEAD"][..], &["--staged"][..]] {
        let (code, findings) = lint_json(&tmp.path().join("hr/ladders"), args);
        assert_eq!(code, 1, "{args:?}");
        assert_eq!(rules_of(&findings), ["ref/unknown"], "{args:?}");
        assert_eq!(
            findings[0]["file"], NOM,
            "{args:?}: paths are relative to the root"
        );
    }
    // Naming the subfolder from the top works the same.
    let (code, findings) = lint_json(tmp.path(), &["--rev", "HEAD", "hr/ladders"]);
    assert_eq!((code, findings[0]["file"].as_str()), (1, Some(NOM)));
}

#[test]
fn file_arguments_restrict_reporting_not_checking() {
    let tmp = demo_copy("");
    edit(&tmp.path().join(NOM), "candidate: fosei", "candidate: fose");
    let other = "nominations/2026h2-jdenton.yaml";
    let (code, findings) = lint_json(tmp.path(), &[other]);
    assert_eq!((code, findings.len()), (0, 0));
    let (code, findings) = lint_json(tmp.path(), &[NOM]);
    assert_eq!(
        (code, rules_of(&findings)),
        (1, vec!["ref/unknown".to_owned()])
    );
    // A file inside the root found from a parent folder holding ladderlint.yaml.
    let (code, findings) = lint_json(&tmp.path().join("nominations"), &["2026h2-fosei.yaml"]);
    assert_eq!((code, findings[0]["file"].as_str()), (1, Some(NOM)));
}

#[test]
fn unknown_revision_and_not_a_repository_are_clear_errors() {
    let tmp = demo_copy("");
    let (code, _, err) = run(ladderlint()
        .current_dir(tmp.path())
        .args(["lint", "--rev", "HEAD"]));
    assert_eq!(code, 2);
    assert!(err.contains("not inside a git repository"), "{err}");
    let repo = git2::Repository::init(tmp.path()).unwrap();
    commit_all(&repo, "demo");
    let (code, _, err) =
        run(ladderlint()
            .current_dir(tmp.path())
            .args(["lint", "--rev", "no-such-branch"]));
    assert_eq!(code, 2);
    assert!(err.contains("unknown revision `no-such-branch`"), "{err}");
    // A plain directory (no git) lints from the work tree.
    let plain = demo_copy("");
    let (code, findings) = lint_json(plain.path(), &[]);
    assert_eq!((code, findings.len()), (0, 0));
}

#[test]
fn shallow_clone_says_to_fetch_history() {
    let tmp = demo_copy("origin");
    let origin = tmp.path().join("origin");
    let repo = git2::Repository::init(&origin).unwrap();
    commit_all(&repo, "one");
    edit(
        &origin.join(NOM),
        "candidate: fosei",
        "candidate: fosei  # two",
    );
    commit_all(&repo, "two");
    let clone = tmp.path().join("clone");
    let status = std::process::Command::new("git")
        .args(["clone", "-q", "--depth", "1"])
        .arg(format!("file://{}", origin.display()))
        .arg(&clone)
        .status()
        .unwrap();
    assert!(status.success());
    let (code, findings) = lint_json(&clone, &["--rev", "HEAD"]);
    assert_eq!((code, findings.len()), (0, 0));
    let (code, _, err) = run(ladderlint()
        .current_dir(&clone)
        .args(["lint", "--rev", "HEAD~1"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("shallow clone") && err.contains("fetch-depth: 0"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn symlinks_are_never_followed_outside_the_root() {
    let tmp = demo_copy("");
    std::os::unix::fs::symlink("/etc/passwd", tmp.path().join("nominations/passwd.yaml")).unwrap();
    std::os::unix::fs::symlink(
        "2026h2-fosei.yaml",
        tmp.path().join("nominations/alias.yaml"),
    )
    .unwrap();
    let (code, findings) = lint_json(tmp.path(), &[]);
    assert_eq!(code, 1);
    let mine: Vec<_> = findings
        .iter()
        .filter(|f| f["file"] == "nominations/passwd.yaml")
        .collect();
    assert_eq!(mine.len(), 1, "{findings:#?}");
    assert_eq!(mine[0]["rule"], "source/symlink");
    assert!(
        !mine[0]["message"].as_str().unwrap().contains("root:"),
        "content must not leak"
    );
    // The link inside the root is read: a duplicate nomination id.
    assert!(findings
        .iter()
        .any(|f| f["file"] == "nominations/alias.yaml" && f["rule"] == "ref/duplicate-id"));
    // Same from git objects.
    let repo = git2::Repository::init(tmp.path()).unwrap();
    commit_all(&repo, "links");
    let (_, findings) = lint_json(tmp.path(), &["--rev", "HEAD"]);
    assert!(findings
        .iter()
        .any(|f| f["file"] == "nominations/passwd.yaml" && f["rule"] == "source/symlink"));
    assert!(findings
        .iter()
        .any(|f| f["file"] == "nominations/alias.yaml" && f["rule"] == "ref/duplicate-id"));
}

#[test]
fn lfs_pointers_and_submodules() {
    let tmp = demo_copy("");
    fs::write(
        tmp.path().join("nominations/big.yaml"),
        "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n",
    )
    .unwrap();
    let sub = tmp.path().join("ladders/vendor");
    fs::create_dir_all(&sub).unwrap();
    git2::Repository::init(&sub).unwrap();
    fs::write(sub.join("x.yaml"), "not: read\n").unwrap();
    let (code, findings) = lint_json(tmp.path(), &[]);
    assert_eq!(code, 1);
    let got: Vec<(String, String, String)> = findings
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().into(),
                f["rule"].as_str().unwrap().into(),
                f["severity"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "ladders/vendor".into(),
                "source/submodule".into(),
                "info".into()
            ),
            (
                "nominations/big.yaml".into(),
                "source/lfs-pointer".into(),
                "error".into()
            ),
        ]
    );
}

#[test]
fn gitignored_files_are_not_read_from_the_work_tree() {
    let tmp = demo_copy("");
    git2::Repository::init(tmp.path()).unwrap();
    fs::write(tmp.path().join(".gitignore"), "nominations/draft-*.yaml\n").unwrap();
    fs::write(tmp.path().join("nominations/draft-x.yaml"), "kind: Nope\n").unwrap();
    let (code, findings) = lint_json(tmp.path(), &[]);
    assert_eq!((code, findings.len()), (0, 0), "{findings:#?}");
}

#[test]
fn submodules_in_revisions_and_the_index_are_skipped() {
    let tmp = demo_copy("");
    let repo = git2::Repository::init(tmp.path()).unwrap();
    let head = commit_all(&repo, "demo").to_string();
    // A gitlink (mode 160000), as `git submodule add` records it.
    let git = |args: &[&str]| {
        let st = std::process::Command::new("git")
            .args(args)
            .current_dir(tmp.path())
            .status()
            .unwrap();
        assert!(st.success(), "{args:?}");
    };
    git(&[
        "update-index",
        "--add",
        "--cacheinfo",
        &format!("160000,{head},ladders/vendor"),
    ]);
    let (code, findings) = lint_json(tmp.path(), &["--staged"]);
    assert_eq!(code, 0);
    assert_eq!(rules_of(&findings), ["source/submodule"]);
    assert_eq!(findings[0]["file"], "ladders/vendor");
    git(&[
        "-c",
        "user.name=T",
        "-c",
        "user.email=t@example.com",
        "commit",
        "-q",
        "-m",
        "submodule",
    ]);
    let (code, findings) = lint_json(tmp.path(), &["--rev", "HEAD"]);
    assert_eq!(
        (code, rules_of(&findings)),
        (0, vec!["source/submodule".to_owned()])
    );
}

/// Objects in a pack, read from a linked work tree (objects in the common
/// directory) and from a clone that borrows them (`--shared`: objects
/// through `objects/info/alternates`). After every blob is read the packs
/// are let go and opened again: `--base` then reads the base from the same
/// object database, and must still find every object.
#[test]
fn packed_objects_in_a_linked_worktree_and_a_shared_clone() {
    let tmp = tempfile::tempdir().unwrap();
    let origin = tmp.path().join("origin");
    common::copy_tree(&manifest().join("fixtures/demo"), &origin);
    // A folder whose tree object is too large for the library's object
    // cache: walking it again after the packs were let go reads it again.
    fs::create_dir(origin.join("notes")).unwrap();
    for i in 0..300 {
        fs::write(origin.join(format!("notes/note-{i}.txt")), format!("{i}\n")).unwrap();
    }
    let repo = repo_on_pr_branch(&origin);
    edit(&origin.join(NOM), "candidate: fosei", "candidate: fose");
    commit_all(&repo, "break a nomination on the pr branch");
    drop(repo);
    let git = |dir: &std::path::Path, args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(dir)
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {out:?}");
    };
    git(&origin, &["gc", "-q"]);
    assert!(
        fs::read_dir(origin.join(".git/objects/pack"))
            .unwrap()
            .count()
            >= 2,
        "the objects are packed"
    );
    // Back on main, so that the work tree can take the pr branch.
    git(&origin, &["checkout", "-q", "-f", "main"]);
    let linked = tmp.path().join("linked");
    git(
        &origin,
        &["worktree", "add", "-q", linked.to_str().unwrap(), "pr"],
    );
    let shared = tmp.path().join("shared");
    git(
        tmp.path(),
        &[
            "clone", "-q", "--shared", "--branch", "pr", "origin", "shared",
        ],
    );
    git(&shared, &["branch", "-q", "main", "origin/main"]);
    assert!(shared.join(".git/objects/info/alternates").exists());
    for dir in [&linked, &shared] {
        let (code, findings) = lint_json(dir, &["--rev", "HEAD"]);
        assert_eq!(
            (code, rules_of(&findings)),
            (1, vec!["ref/unknown".to_owned()]),
            "{dir:?}"
        );
        let (code, findings) = lint_json(dir, &["--rev", "main"]);
        assert_eq!((code, findings.len()), (0, 0), "{dir:?}");
        for base in [
            &["--rev", "HEAD", "--base", "main"][..],
            &["--base", "main"][..],
        ] {
            let (code, findings) = lint_json(dir, base);
            assert_eq!(code, 1, "{dir:?} {base:?}: {findings:#?}");
            assert_eq!(rules_of(&findings), ["ref/unknown"], "{dir:?} {base:?}");
            assert_eq!(findings[0]["file"], NOM);
        }
    }
}
