//! The pre-commit hooks, run by the real `pre-commit` (from PyPI) in a
//! temporary git repository holding the demo organisation.
//!
//! The `ladderlint-system` hook of `.pre-commit-hooks.yaml` is used as it
//! is (its `types`, `files`, `pass_filenames`, `require_serial`), as a
//! `repo: local` hook whose entry runs the binary built by this test run.
//!
//! `PRE_COMMIT` names the `pre-commit` executable; `scripts/precommit-test.sh`
//! installs it in a virtual environment and runs this test, and `.ci/run`
//! sets it. Without it the test is skipped on a developer's machine, and
//! fails in CI (`CI` set), where it must run.

mod common;

use common::{copy_tree, manifest};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn pre_commit() -> Option<PathBuf> {
    match std::env::var_os("PRE_COMMIT") {
        Some(p) if !p.is_empty() => Some(PathBuf::from(p)),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "PRE_COMMIT must name the pre-commit executable in CI (see scripts/precommit-test.sh)"
            );
            eprintln!(
                "skipped: set PRE_COMMIT to a pre-commit executable, or run scripts/precommit-test.sh"
            );
            None
        }
    }
}

/// A command in the test repository, isolated from the user's git and
/// pre-commit configuration.
fn command(program: &Path, dir: &Path, home: &Path) -> Command {
    let mut c = Command::new(program);
    c.current_dir(dir)
        .env("HOME", home)
        .env("PRE_COMMIT_HOME", home.join("pre-commit-cache"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", home.join("gitconfig"))
        .env("LADDERLINT_TODAY", "2026-08-01")
        .env("NO_COLOR", "1")
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_WORK_TREE");
    c
}

fn run(mut c: Command) -> Output {
    c.output().expect("the command starts")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn git(dir: &Path, home: &Path, args: &[&str]) -> Output {
    let mut c = command(Path::new("git"), dir, home);
    c.args(args);
    run(c)
}

fn git_ok(dir: &Path, home: &Path, args: &[&str]) {
    let out = git(dir, home, args);
    assert!(out.status.success(), "git {args:?}:\n{}", text(&out));
}

/// The `ladderlint-system` hook of `.pre-commit-hooks.yaml`, with its
/// entry pointing at the binary under test.
fn local_hook() -> serde_json::Value {
    let hooks: Vec<serde_json::Value> = serde_saphyr::from_str(
        &fs::read_to_string(manifest().join(".pre-commit-hooks.yaml")).unwrap(),
    )
    .expect(".pre-commit-hooks.yaml parses");
    let mut hook = hooks
        .into_iter()
        .find(|h| h["id"] == "ladderlint-system")
        .expect("a ladderlint-system hook");
    let entry = hook["entry"].as_str().unwrap().to_owned();
    let args = entry
        .strip_prefix("ladderlint ")
        .expect("the entry runs `ladderlint`");
    let bin = env!("CARGO_BIN_EXE_ladderlint");
    hook["entry"] = serde_json::json!(format!("'{bin}' {args}"));
    hook
}

#[test]
fn hooks_are_declared_as_documented() {
    let hooks: Vec<serde_json::Value> = serde_saphyr::from_str(
        &fs::read_to_string(manifest().join(".pre-commit-hooks.yaml")).unwrap(),
    )
    .unwrap();
    let ids: Vec<&str> = hooks.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["ladderlint", "ladderlint-system"]);
    for h in &hooks {
        assert_eq!(h["entry"], "ladderlint lint --staged");
        assert_eq!(h["types"], serde_json::json!(["yaml"]));
        assert_eq!(h["pass_filenames"], true);
        assert_eq!(h["require_serial"], true);
        assert!(h["files"].as_str().unwrap().contains("nominations"));
    }
    assert_eq!(hooks[0]["language"], "rust");
    assert_eq!(hooks[1]["language"], "system");
}

#[test]
fn a_broken_nomination_cannot_be_committed() {
    broken_nomination_is_refused("");
}

/// The ladder repository is a folder of a larger git repository: the hook
/// still runs on its files, and finds its root.
#[test]
fn a_broken_nomination_in_a_subfolder_cannot_be_committed() {
    broken_nomination_is_refused("hr/career/");
}

/// The demo organisation under `sub` ("" or "dir/") of a new git
/// repository with the hook installed: a broken nomination is refused, a
/// good one committed.
fn broken_nomination_is_refused(sub: &str) {
    let Some(pre_commit) = pre_commit() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    let repo = tmp.path().join("repo");
    let org = repo.join(sub);
    fs::create_dir_all(&home).unwrap();
    fs::create_dir_all(&org).unwrap();
    fs::write(home.join("gitconfig"), "").unwrap();
    copy_tree(&manifest().join("fixtures/demo"), &org);

    // A nomination that is already broken in history: not staged later,
    // so never reported by the hook.
    let old = org.join("nominations/2026h2-rpatel.yaml");
    let t = fs::read_to_string(&old).unwrap();
    fs::write(&old, t.replacen("candidate: rpatel", "candidate: rpatl", 1)).unwrap();

    let config = serde_json::json!({"repos": [{"repo": "local", "hooks": [local_hook()]}]});
    fs::write(
        repo.join(".pre-commit-config.yaml"),
        serde_json::to_string_pretty(&config).unwrap(),
    )
    .unwrap();

    git_ok(&repo, &home, &["init", "-q", "-b", "main"]);
    git_ok(&repo, &home, &["config", "user.name", "Test"]);
    git_ok(&repo, &home, &["config", "user.email", "test@example.com"]);
    git_ok(&repo, &home, &["add", "-A"]);
    git_ok(&repo, &home, &["commit", "-q", "-m", "demo organisation"]);

    let mut install = command(&pre_commit, &repo, &home);
    install.arg("install");
    let out = run(install);
    assert!(out.status.success(), "pre-commit install:\n{}", text(&out));

    // A bad nomination is staged: the commit is refused, the finding shown.
    let rel = format!("{sub}nominations/2026h2-jdenton.yaml");
    let nomination = repo.join(&rel);
    let good = fs::read_to_string(&nomination).unwrap();
    fs::write(
        &nomination,
        good.replacen("candidate: jdenton", "candidate: jdnton", 1),
    )
    .unwrap();
    git_ok(&repo, &home, &["add", &rel]);
    let out = git(&repo, &home, &["commit", "-m", "nominate jdenton"]);
    let shown = text(&out);
    assert!(!out.status.success(), "the commit must fail:\n{shown}");
    assert!(shown.contains("ladderlint"), "{shown}");
    assert!(shown.contains("Failed"), "{shown}");
    assert!(
        shown.contains("unknown person `jdnton`"),
        "the finding is shown:\n{shown}"
    );
    assert!(
        shown.contains("nominations/2026h2-jdenton.yaml:5:12"),
        "{shown}"
    );
    assert!(
        !shown.contains("rpatl"),
        "only the files passed are reported:\n{shown}"
    );
    let head = git(&repo, &home, &["rev-list", "--count", "HEAD"]);
    assert_eq!(String::from_utf8_lossy(&head.stdout).trim(), "1");

    // Fixed and staged: the commit goes through.
    fs::write(
        &nomination,
        good.replacen(
            "Designed the new tenant networking layer",
            "Designed and built the new tenant networking layer",
            1,
        ),
    )
    .unwrap();
    git_ok(&repo, &home, &["add", &rel]);
    let out = git(&repo, &home, &["commit", "-m", "nominate jdenton"]);
    let shown = text(&out);
    assert!(out.status.success(), "the commit must pass:\n{shown}");
    assert!(shown.contains("ladderlint"), "the hook ran:\n{shown}");
    assert!(shown.contains("Passed"), "{shown}");
    let head = git(&repo, &home, &["rev-list", "--count", "HEAD"]);
    assert_eq!(String::from_utf8_lossy(&head.stdout).trim(), "2");
}
