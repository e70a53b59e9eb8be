//! Which files are read: in a git repository, the tracked files plus the
//! untracked files `.gitignore` does not ignore. Ignore files that are not
//! git's (`.ignore`, `.rgignore`) hide nothing, and a `.gitignore` cannot
//! hide a tracked file. The configuration is never read through a symlink
//! that leads out of the repository.

mod common;

use common::*;
use std::fs;
use std::path::Path;

fn checked(dir: &Path, args: &[&str]) -> (i32, usize, String) {
    let (code, out, err) = run(ladderlint().current_dir(dir).arg("lint").args(args));
    let summary = out
        .lines()
        .rev()
        .find(|l| l.starts_with("Found ") || l.starts_with("All checks passed: "))
        .unwrap_or_else(|| panic!("no summary in {out}\n{err}"));
    // The summary may go on to say what was read (`in the index (--staged)`).
    let n = summary
        .split(" files checked")
        .next()
        .unwrap_or_default()
        .rsplit(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {summary}"));
    (code, n, out)
}

const BAD: &str = "nominations/2026h2-fosei.yaml";

/// The demo in a git repository with one tracked nomination made invalid.
fn repo_with_problem() -> (tempfile::TempDir, git2::Repository) {
    let tmp = demo_copy("");
    edit(
        &tmp.path().join(BAD),
        "candidate: fosei",
        "candidate: nobody-here",
    );
    let repo = git2::Repository::init(tmp.path()).unwrap();
    commit_all(&repo, "base");
    (tmp, repo)
}

#[test]
fn committed_ignore_files_do_not_hide_tracked_files() {
    let (tmp, repo) = repo_with_problem();
    let (code, before, _) = checked(tmp.path(), &[]);
    assert_eq!(code, 1);
    // A hostile change: ignore files that would hide the nominations.
    fs::write(tmp.path().join(".ignore"), "nominations/\n").unwrap();
    fs::write(tmp.path().join(".rgignore"), "people/\n").unwrap();
    fs::write(
        tmp.path().join(".gitignore"),
        "nominations/\ncycles/*.yaml\n",
    )
    .unwrap();
    commit_all(&repo, "hide things");
    for args in [&[][..], &["--staged"], &["--rev", "HEAD"]] {
        let (code, n, out) = checked(tmp.path(), args);
        assert_eq!(n, before, "{args:?}: every tracked file is checked\n{out}");
        assert_eq!(code, 1, "{args:?}: the problem is still found\n{out}");
        assert!(out.contains(BAD), "{out}");
    }
    // The report counts the same nominations.
    let (code, out, err) = run(ladderlint()
        .current_dir(tmp.path())
        .args(["report", "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    let ctx: serde_json::Value = serde_json::from_str(&out).unwrap();
    let text = ctx.to_string();
    assert!(
        text.contains("2026h2-fosei"),
        "the report sees the nomination"
    );
}

#[test]
fn untracked_files_follow_gitignore_only() {
    let (tmp, repo) = repo_with_problem();
    let (_, before, _) = checked(tmp.path(), &[]);
    fs::write(tmp.path().join(".gitignore"), "nominations/drafts/\n").unwrap();
    fs::write(tmp.path().join(".ignore"), "nominations/new/\n").unwrap();
    commit_all(&repo, "ignore drafts");
    let broken = "kind: Nomination\nid: x\n";
    fs::create_dir_all(tmp.path().join("nominations/drafts")).unwrap();
    fs::write(tmp.path().join("nominations/drafts/wip.yaml"), broken).unwrap();
    fs::create_dir_all(tmp.path().join("nominations/new")).unwrap();
    fs::write(tmp.path().join("nominations/new/n.yaml"), broken).unwrap();
    let (_, n, out) = checked(tmp.path(), &[]);
    assert_eq!(
        n,
        before + 1,
        "the untracked file `.ignore` names is checked, the one `.gitignore` names is not\n{out}"
    );
    assert!(out.contains("nominations/new/n.yaml"), "{out}");
    assert!(!out.contains("drafts/wip.yaml"), "{out}");
}

#[test]
fn a_tracked_file_deleted_in_the_work_tree_is_not_read() {
    let (tmp, _repo) = repo_with_problem();
    let (_, before, _) = checked(tmp.path(), &[]);
    fs::write(tmp.path().join(".gitignore"), "nominations/\n").unwrap();
    fs::remove_file(tmp.path().join(BAD)).unwrap();
    let (_, n, out) = checked(tmp.path(), &[]);
    assert_eq!(n, before - 1, "{out}");
}

#[cfg(unix)]
#[test]
fn a_configuration_linked_out_of_the_repository_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("lax.yaml"),
        "rules:\n  ref/unknown: off\n",
    )
    .unwrap();
    let (tmp, repo) = repo_with_problem();
    fs::remove_file(tmp.path().join("ladderlint.yaml")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("lax.yaml"),
        tmp.path().join("ladderlint.yaml"),
    )
    .unwrap();
    let (code, out, err) = run(ladderlint().current_dir(tmp.path()).arg("lint"));
    assert_eq!(code, 2, "{out}");
    assert!(
        err.contains("symlink") && err.contains("outside the repository"),
        "{err}"
    );
    // Committed, the link is refused from the object database too.
    commit_all(&repo, "link the configuration");
    let (code, _, err) = run(ladderlint()
        .current_dir(tmp.path())
        .args(["lint", "--rev", "HEAD"]));
    assert_eq!(code, 2);
    assert!(err.contains("outside the repository"), "{err}");
    // `--config` naming a link out of the repository.
    fs::remove_file(tmp.path().join("ladderlint.yaml")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("lax.yaml"),
        tmp.path().join("strict.yaml"),
    )
    .unwrap();
    let (code, _, err) =
        run(ladderlint()
            .current_dir(tmp.path())
            .args(["lint", "--config", "strict.yaml"]));
    assert_eq!(code, 2);
    assert!(err.contains("outside the repository"), "{err}");
    // A link inside the repository is followed.
    fs::remove_file(tmp.path().join("strict.yaml")).unwrap();
    fs::write(tmp.path().join("real.yaml"), "exclude: []\n").unwrap();
    std::os::unix::fs::symlink("real.yaml", tmp.path().join("ladderlint.yaml")).unwrap();
    let (code, out, err) = run(ladderlint().current_dir(tmp.path()).arg("lint"));
    assert_eq!(code, 1, "{out}{err}");
}

/// A revision and the index are read as git holds them, whatever the
/// working tree holds at the same paths (a file there is used only when
/// its bytes are the blob's).
#[test]
fn a_revision_is_read_as_committed_whatever_the_working_tree_holds() {
    let (tmp, repo) = repo_with_problem();
    let dir = tmp.path();
    // Mended in the working tree only: the revision and the index still
    // hold the problem.
    edit(&dir.join(BAD), "candidate: nobody-here", "candidate: fosei");
    assert_eq!(checked(dir, &[]).0, 0);
    assert_eq!(checked(dir, &["--rev", "HEAD"]).0, 1);
    assert_eq!(checked(dir, &["--staged"]).0, 1);
    // Mended in a commit, broken again in the working tree.
    commit_all(&repo, "mend");
    edit(&dir.join(BAD), "candidate: fosei", "candidate: nobody-here");
    assert_eq!(checked(dir, &[]).0, 1);
    assert_eq!(checked(dir, &["--rev", "HEAD"]).0, 0);
    assert_eq!(checked(dir, &["--staged"]).0, 0);
    assert_eq!(checked(dir, &["--rev", "HEAD~1"]).0, 1);
    // Mended again, with other line endings: not the blob of either.
    let text = fs::read_to_string(dir.join(BAD)).unwrap();
    let crlf = text.replace('\n', "\r\n");
    fs::write(dir.join(BAD), crlf.replace("nobody-here", "fosei")).unwrap();
    assert_eq!(checked(dir, &["--rev", "HEAD~1"]).0, 1);
}

/// A working tree where a folder of the revision is a link to another
/// folder, whose file at the same name is a device that never ends
/// (`/dev/zero`): the revision is read from git, not from the device.
#[cfg(target_os = "linux")]
#[test]
fn a_device_behind_a_linked_folder_is_not_read_for_a_revision() {
    let (tmp, repo) = repo_with_problem();
    let dir = tmp.path();
    edit(&dir.join(BAD), "candidate: nobody-here", "candidate: fosei");
    commit_all(&repo, "mend");
    let elsewhere = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(dir.join("nominations")).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), elsewhere.path().join(entry.file_name())).unwrap();
    }
    let device = elsewhere.path().join(Path::new(BAD).file_name().unwrap());
    fs::remove_file(&device).unwrap();
    let made = std::process::Command::new("mknod")
        .arg(&device)
        .args(["c", "1", "5"])
        .status()
        .unwrap();
    assert!(made.success(), "mknod (a device like /dev/zero) needs root");
    fs::remove_dir_all(dir.join("nominations")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), dir.join("nominations")).unwrap();
    let (code, out, err) = run(ladderlint()
        .current_dir(dir)
        .args(["lint", "--rev", "HEAD"])
        .timeout(std::time::Duration::from_secs(60)));
    assert_eq!(code, 0, "{out}\n{err}");
    let (code, out, _) = run(ladderlint()
        .current_dir(dir)
        .args(["lint", "--rev", "HEAD~1"])
        .timeout(std::time::Duration::from_secs(60)));
    assert_eq!(code, 1, "{out}");
}
