//! `lint --fix`, `--unsafe-fixes` and `--diff` on real repositories, with
//! the real binary (and the real `git apply` for the diff).

mod common;

use common::{commit_all, demo_copy, edit, ladderlint, lint_json, rules_of, run};
use std::fs;
use std::path::Path;

const NOMINATION: &str = "nominations/2026h2-asingh.yaml";
const OTHER: &str = "nominations/2026h2-cdubois.yaml";

/// The documents of a file as the linter reads them.
fn documents(bytes: &[u8]) -> Vec<serde_json::Value> {
    let limits = ladderlint::load::Limits::default();
    let (file, json) = ladderlint::load::load_fast("f.yaml", bytes.to_vec(), &limits).into_parts();
    assert!(
        !file
            .findings
            .iter()
            .any(|f| f.rule.as_str() == "schema/yaml-syntax"),
        "{:?}",
        file.findings
    );
    json
}

/// The demo in a git repository, with `NOMINATION` rewritten by `spoil`
/// and committed.
fn demo_with(spoil: impl Fn(&str) -> Vec<u8>) -> (tempfile::TempDir, Vec<u8>) {
    let tmp = demo_copy("");
    let path = tmp.path().join(NOMINATION);
    let spoiled = spoil(&fs::read_to_string(&path).unwrap());
    fs::write(&path, &spoiled).unwrap();
    let repo = git2::Repository::init(tmp.path()).unwrap();
    commit_all(&repo, "demo");
    (tmp, spoiled)
}

fn with_bom(text: &str) -> Vec<u8> {
    [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()
}

fn with_crlf(text: &str) -> Vec<u8> {
    text.replace('\n', "\r\n").into_bytes()
}

/// Trailing whitespace after a value, after a comment, on an empty line,
/// and inside a folded text (where it is part of the value).
fn with_trailing(text: &str) -> Vec<u8> {
    text.replace("cycle: 2026-H2\n", "cycle: 2026-H2  \n")
        .replace("# a peer\n", "# a peer\t\n")
        .replace("answers:\n", "answers:\n   \n")
        .replace("rewrote its health\n", "rewrote its health  \n")
        .into_bytes()
}

#[test]
fn each_safe_fix_kind_is_applied_and_the_documents_read_the_same() {
    type Spoil = fn(&str) -> Vec<u8>;
    let kinds: [(&str, Spoil, &str); 4] = [
        ("byte-order mark", with_bom, "schema/encoding"),
        ("CRLF", with_crlf, "schema/encoding"),
        (
            "trailing whitespace",
            with_trailing,
            "format/trailing-whitespace",
        ),
        (
            "all three",
            |t| {
                with_bom(
                    &String::from_utf8(with_crlf(&String::from_utf8(with_trailing(t)).unwrap()))
                        .unwrap(),
                )
            },
            "schema/encoding",
        ),
    ];
    for (kind, spoil, rule) in kinds {
        let (tmp, spoiled) = demo_with(spoil);
        let (code, before) = lint_json(tmp.path(), &[]);
        assert_eq!(code, 0, "{kind}: warnings and infos only");
        assert!(
            rules_of(&before).contains(&rule.to_owned()),
            "{kind}: {before:?}"
        );

        let (code, after) = lint_json(tmp.path(), &["--fix"]);
        assert_eq!(code, 0, "{kind}");
        assert!(after.is_empty(), "{kind}: {after:?}");
        let fixed = fs::read(tmp.path().join(NOMINATION)).unwrap();
        assert!(!fixed.starts_with(b"\xEF\xBB\xBF"), "{kind}");
        let text = String::from_utf8(fixed.clone()).unwrap();
        assert!(!text.contains('\r'), "{kind}");
        assert_eq!(
            documents(&fixed),
            documents(&spoiled),
            "{kind}: same documents"
        );
        // Whitespace that is part of a value stays.
        if kind != "byte-order mark" && kind != "CRLF" {
            assert!(text.contains("rewrote its health  \n"), "{kind}");
            assert!(text.contains("cycle: 2026-H2\n"), "{kind}");
            assert!(text.contains("# a peer\n"), "{kind}");
            assert!(text.contains("answers:\n\n"), "{kind}");
        }
        // Nothing else was touched.
        let other = fs::read(tmp.path().join(OTHER)).unwrap();
        assert_eq!(
            other,
            fs::read(common::manifest().join("fixtures/demo").join(OTHER)).unwrap()
        );
    }
}

#[test]
fn the_summary_says_what_was_fixed_and_what_remains() {
    let (tmp, _) = demo_with(|t| with_bom(&t.replace("candidate: asingh", "candidate: asinghh  ")));
    let (code, out, _) = run(ladderlint().current_dir(tmp.path()).args(["lint", "--fix"]));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.ends_with(
            "Found 3 findings (2 fixed, 1 remaining): 1 error, 0 warnings and 0 infos in 1 of \
             15 files checked. 1 fix that needs review is available with --unsafe-fixes.\n"
        ),
        "{out}"
    );
    assert!(out.contains("unknown person `asinghh`"), "{out}");

    // Nothing left to fix, nothing found: the usual line.
    let (tmp, _) = demo_with(|t| t.as_bytes().to_vec());
    let (code, out, _) = run(ladderlint().current_dir(tmp.path()).args(["lint", "--fix"]));
    assert_eq!(
        (code, out.as_str()),
        (0, "All checks passed: 15 files checked.\n")
    );

    // Everything fixed.
    let (tmp, _) = demo_with(with_crlf);
    let (code, out, _) = run(ladderlint().current_dir(tmp.path()).args(["lint", "--fix"]));
    assert_eq!(
        (code, out.as_str()),
        (
            0,
            "Found 1 finding (1 fixed, 0 remaining) in 15 files checked.\n"
        )
    );
}

#[test]
fn unsafe_fixes_apply_the_did_you_mean() {
    let (tmp, _) = demo_with(|t| {
        t.replace("candidate: asingh", "candidate: asingk")
            .replace(
                "reviewers: [trunty, lchen, sgarcia]",
                "reviewers: [trunty, \"lchem\", sgarcia]",
            )
            .into_bytes()
    });
    let path = tmp.path().join(NOMINATION);
    let before = fs::read(&path).unwrap();
    // Without --unsafe-fixes: nothing is written, the summary says why.
    let (code, out, _) = run(ladderlint().current_dir(tmp.path()).args(["lint", "--fix"]));
    assert_eq!(code, 1);
    assert!(
        out.contains("2 fixes that need review are available with --unsafe-fixes."),
        "{out}"
    );
    assert_eq!(fs::read(&path).unwrap(), before);

    let (code, out, err) =
        run(ladderlint()
            .current_dir(tmp.path())
            .args(["lint", "--fix", "--unsafe-fixes"]));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("(2 fixed, 0 remaining)"), "{out}");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("candidate: asingh\n"), "{text}");
    assert!(
        text.contains("reviewers: [trunty, \"lchen\", sgarcia]"),
        "{text}"
    );
    let (_, findings) = lint_json(tmp.path(), &[]);
    assert!(findings.is_empty(), "{findings:?}");
}

#[test]
fn unsafe_fixes_rename_an_unknown_key() {
    let (tmp, _) = demo_with(|t| t.replace("lchen: approve", "lchn: approve").into_bytes());
    let (code, out, err) = run(ladderlint().current_dir(tmp.path()).args([
        "lint",
        "--fix",
        "--unsafe-fixes",
        "--select",
        "ref/",
    ]));
    assert_eq!(code, 0, "{out}{err}");
    let text = fs::read_to_string(tmp.path().join(NOMINATION)).unwrap();
    assert!(
        text.contains("votes: { trunty: approve, lchen: approve, sgarcia: abstain }"),
        "{text}"
    );
}

/// `git apply --check` (and then `git apply`) reads the patch from stdin
/// in `dir`.
fn git_apply(dir: &Path, patch: &str, check: bool) -> (bool, String) {
    use std::io::Write;
    let mut cmd = std::process::Command::new("git");
    cmd.current_dir(dir).arg("apply");
    if check {
        cmd.arg("--check");
    }
    let mut child = cmd
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("git is installed");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(patch.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn diff_is_a_patch_git_applies_and_writes_nothing() {
    let (tmp, spoiled) = demo_with(|t| {
        with_bom(
            &String::from_utf8(with_crlf(&String::from_utf8(with_trailing(t)).unwrap())).unwrap(),
        )
    });
    let other = tmp.path().join(OTHER);
    edit(&other, "candidate: cdubois", "candidate: cduboiss");
    let other_before = fs::read(&other).unwrap();

    let (code, patch, err) = run(ladderlint()
        .current_dir(tmp.path())
        .args(["lint", "--diff"]));
    assert_eq!(code, 1, "{err}");
    assert!(
        patch.starts_with(&format!("--- a/{NOMINATION}\n+++ b/{NOMINATION}\n@@ ")),
        "{patch}"
    );
    assert!(
        !patch.contains(OTHER),
        "an unsafe fix is not in the diff without --unsafe-fixes"
    );
    assert_eq!(
        err,
        "Would fix 3 findings in 1 file. 1 fix that needs review is available with \
         --unsafe-fixes.\n"
    );
    // Nothing written.
    assert_eq!(fs::read(tmp.path().join(NOMINATION)).unwrap(), spoiled);
    assert_eq!(fs::read(&other).unwrap(), other_before);

    let (code, patch, _) =
        run(ladderlint()
            .current_dir(tmp.path())
            .args(["lint", "--diff", "--unsafe-fixes"]));
    assert_eq!(code, 1);
    assert!(
        patch.contains(&format!("--- a/{OTHER}\n+++ b/{OTHER}\n")),
        "{patch}"
    );
    assert!(
        patch.contains("-candidate: cduboiss\n+candidate: cdubois\n"),
        "{patch}"
    );

    let (ok, why) = git_apply(tmp.path(), &patch, true);
    assert!(ok, "git apply --check: {why}\n{patch}");
    let (ok, why) = git_apply(tmp.path(), &patch, false);
    assert!(ok, "git apply: {why}");
    // The patch does what --fix does.
    let (code, findings) = lint_json(tmp.path(), &[]);
    assert_eq!(code, 0);
    assert!(findings.is_empty(), "{findings:?}");

    // Nothing to fix: no diff, exit 0.
    let (code, patch, err) = run(ladderlint()
        .current_dir(tmp.path())
        .args(["lint", "--diff"]));
    assert_eq!(
        (code, patch.as_str(), err.as_str()),
        (0, "", "Nothing to fix.\n")
    );
}

#[test]
fn diff_paths_start_at_the_top_of_the_git_work_tree() {
    let tmp = demo_copy("org");
    let path = tmp.path().join("org").join(NOMINATION);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, with_crlf(&text)).unwrap();
    let repo = git2::Repository::init(tmp.path()).unwrap();
    commit_all(&repo, "demo");
    let (code, patch, _) = run(ladderlint()
        .current_dir(tmp.path())
        .args(["lint", "--diff", "org"]));
    assert_eq!(code, 1);
    assert!(
        patch.starts_with(&format!("--- a/org/{NOMINATION}\n")),
        "{patch}"
    );
    let (ok, why) = git_apply(tmp.path(), &patch, true);
    assert!(ok, "{why}");
}

#[test]
fn fix_refuses_sources_other_than_the_working_tree() {
    let (tmp, spoiled) = demo_with(with_crlf);
    for args in [
        &["--fix", "--rev", "HEAD"][..],
        &["--fix", "--staged"],
        &["--fix", "--base", "HEAD"],
        &["--diff", "--rev", "HEAD"],
        &["--unsafe-fixes"],
    ] {
        let (code, out, err) = run(ladderlint().current_dir(tmp.path()).arg("lint").args(args));
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(
            err.contains("cannot be used with") || err.contains("required"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(fs::read(tmp.path().join(NOMINATION)).unwrap(), spoiled);
}

#[test]
fn only_the_files_named_are_fixed() {
    let (tmp, _) = demo_with(with_crlf);
    let other = tmp.path().join(OTHER);
    let text = fs::read_to_string(&other).unwrap();
    fs::write(&other, with_crlf(&text)).unwrap();
    let (code, out, err) = run(ladderlint()
        .current_dir(tmp.path())
        .args(["lint", "--fix", OTHER]));
    assert_eq!(code, 0, "{out}{err}");
    assert!(!fs::read_to_string(&other).unwrap().contains('\r'));
    assert!(fs::read_to_string(tmp.path().join(NOMINATION))
        .unwrap()
        .contains('\r'));
}

#[cfg(unix)]
#[test]
fn a_symlink_is_never_written() {
    let (tmp, _) = demo_with(|t| t.as_bytes().to_vec());
    // A nomination that is a link to a file elsewhere in the root.
    let real = tmp.path().join("drafts/asingh.yaml");
    fs::create_dir_all(real.parent().unwrap()).unwrap();
    let text = fs::read_to_string(tmp.path().join(NOMINATION)).unwrap();
    fs::remove_file(tmp.path().join(NOMINATION)).unwrap();
    fs::write(&real, with_crlf(&text)).unwrap();
    std::os::unix::fs::symlink("../drafts/asingh.yaml", tmp.path().join(NOMINATION)).unwrap();
    let before = fs::read(&real).unwrap();
    let (code, out, err) = run(ladderlint().current_dir(tmp.path()).args(["lint", "--fix"]));
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains(&format!(
            "warning: `{NOMINATION}` was not fixed: it is a symbolic link, which --fix never \
             writes through"
        )),
        "{err}"
    );
    assert_eq!(fs::read(&real).unwrap(), before);
    assert!(fs::symlink_metadata(tmp.path().join(NOMINATION))
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(
        out.contains("file uses CRLF line endings"),
        "what remains is reported: {out}"
    );
    assert!(out.contains("(0 fixed, 1 remaining)"), "{out}");
}

#[test]
fn key_order_is_fixed_when_the_configuration_sets_one() {
    let (tmp, _) = demo_with(|t| {
        t.replace(
            "kind: Nomination\nid: 2026h2-asingh\ncycle: 2026-H2\n",
            "id: 2026h2-asingh\n# the cycle\ncycle: 2026-H2\nkind: Nomination\n",
        )
        .into_bytes()
    });
    // No order configured: nothing to report, nothing to fix.
    let (code, findings) = lint_json(tmp.path(), &["--fix"]);
    assert_eq!((code, findings.len()), (0, 0), "{findings:?}");
    let config = tmp.path().join("ladderlint.yaml");
    edit(
        &config,
        "rules: {}",
        "rules:\n  format/key-order: { nomination: [kind, id, cycle, candidate] }",
    );
    let (code, findings) = lint_json(tmp.path(), &[]);
    assert_eq!(code, 0);
    assert_eq!(rules_of(&findings), ["format/key-order"]);
    assert_eq!(
        findings[0]["message"],
        "`kind` comes after `id`; the configured order is kind, id, cycle, candidate"
    );
    let before = fs::read(tmp.path().join(NOMINATION)).unwrap();
    let (code, out, err) = run(ladderlint().current_dir(tmp.path()).args(["lint", "--fix"]));
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        out,
        "Found 1 finding (1 fixed, 0 remaining) in 15 files checked.\n"
    );
    let after = fs::read(tmp.path().join(NOMINATION)).unwrap();
    let text = String::from_utf8(after.clone()).unwrap();
    assert!(
        text.contains(
            "nomination.schema.json\nkind: Nomination\nid: 2026h2-asingh\n# the cycle\ncycle: \
             2026-H2\ncandidate: asingh\n"
        ),
        "{text}"
    );
    assert_eq!(documents(&after), documents(&before));
}
