//! The composite GitHub Action, run step by step under a simulated runner:
//! a repository with a base and a head commit, a `pull_request` event
//! payload, the `GITHUB_*` variables, and `${{ }}` expressions evaluated
//! the way the runner does (only in `env:` values; never in scripts).

mod common;

use common::*;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

const FOSEI: &str = "nominations/2026h2-fosei.yaml";

struct Outcome {
    code: i32,
    stdout: String,
    summary: String,
    outputs: String,
    sarif: Option<serde_json::Value>,
}

/// Evaluate `${{ inputs.x }}` and `${{ github.x }}` in an env value.
fn expand(value: &str, inputs: &BTreeMap<&str, String>, github: &BTreeMap<&str, String>) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(start) = rest.find("${{") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("}}").expect("closed expression") + start;
        let expr = rest[start + 3..end].trim();
        let v = if let Some(name) = expr.strip_prefix("inputs.") {
            inputs.get(name).cloned().unwrap_or_default()
        } else if let Some(name) = expr.strip_prefix("github.") {
            github.get(name).cloned().unwrap_or_default()
        } else {
            panic!("unexpected expression {expr}");
        };
        out.push_str(&v);
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

fn run_action(repo: &Path, base_sha: &str, with: &[(&str, &str)]) -> Outcome {
    run_event(repo, "pull_request", base_sha, with)
}

fn action() -> serde_json::Value {
    serde_saphyr::from_str(&fs::read_to_string(manifest().join("action.yml")).unwrap()).unwrap()
}

fn run_event(repo: &Path, event_name: &str, base_sha: &str, with: &[(&str, &str)]) -> Outcome {
    let action: serde_json::Value =
        serde_saphyr::from_str(&fs::read_to_string(manifest().join("action.yml")).unwrap())
            .unwrap();
    let mut inputs: BTreeMap<&str, String> = BTreeMap::new();
    for (name, spec) in action["inputs"].as_object().unwrap() {
        inputs.insert(
            name.as_str(),
            spec["default"].as_str().unwrap_or("").to_owned(),
        );
    }
    for (k, v) in with {
        assert!(inputs.contains_key(k), "unknown input {k}");
        inputs.insert(k, (*v).to_owned());
    }
    let runner = tempfile::tempdir().unwrap();
    let event = runner.path().join("event.json");
    fs::write(
        &event,
        serde_json::json!({"action": "synchronize", "pull_request": {"number": 7, "base": {"sha": base_sha}, "head": {"sha": "HEAD"}}}).to_string(),
    )
    .unwrap();
    let (summary, outputs) = (
        runner.path().join("summary.md"),
        runner.path().join("output"),
    );
    let github: BTreeMap<&str, String> = BTreeMap::from([
        ("action_path", manifest().display().to_string()),
        ("action_ref", "main".to_owned()),
    ]);
    let mut last = (0, String::new());
    for step in action["runs"]["steps"].as_array().unwrap() {
        let Some(script) = step["run"].as_str() else {
            assert!(step["uses"].is_string(), "a step either runs or uses");
            continue;
        };
        assert!(
            !script.contains("${{"),
            "expressions must not be spliced into scripts: {script}"
        );
        assert_eq!(step["shell"], "bash");
        let mut cmd = Command::new("bash");
        cmd.arg("-c").arg(script).current_dir(repo);
        for (k, v) in step["env"].as_object().into_iter().flatten() {
            cmd.env(k, expand(v.as_str().unwrap(), &inputs, &github));
        }
        cmd.env("GITHUB_EVENT_NAME", event_name)
            .env("GITHUB_EVENT_PATH", &event)
            .env("GITHUB_WORKSPACE", repo)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("GITHUB_OUTPUT", &outputs)
            .env("GITHUB_ENV", runner.path().join("env"))
            .env("GITHUB_PATH", runner.path().join("path"))
            .env("GITHUB_ACTIONS", "true")
            .env("LADDERLINT_BIN", env!("CARGO_BIN_EXE_ladderlint"))
            .env("LADDERLINT_TODAY", "2026-08-01");
        let out = cmd.output().unwrap();
        last = (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        );
        if last.0 != 0 {
            break;
        }
    }
    let sarif = with
        .iter()
        .find(|(k, _)| *k == "sarif-file")
        .map(|(_, f)| serde_json::from_str(&fs::read_to_string(repo.join(f)).unwrap()).unwrap());
    Outcome {
        code: last.0,
        stdout: last.1,
        summary: fs::read_to_string(&summary).unwrap_or_default(),
        outputs: fs::read_to_string(&outputs).unwrap_or_default(),
        sarif,
    }
}

/// Base: the demo with one old problem (jdenton's mentor); head: a new
/// problem in fosei's nomination, with hostile text.
fn pull_request() -> (tempfile::TempDir, String) {
    let tmp = demo_copy("");
    edit(
        &tmp.path().join("nominations/2026h2-jdenton.yaml"),
        "mentor: mbordash",
        "mentor: mbordah",
    );
    let repo = git2::Repository::init(tmp.path()).unwrap();
    let base = commit_all(&repo, "base").to_string();
    edit(
        &tmp.path().join(FOSEI),
        "candidate: fosei",
        "candidate: \"fose\\n::error::pwned, 100%\"",
    );
    commit_all(&repo, "pr");
    (tmp, base)
}

#[test]
fn pull_request_annotations_summary_sarif_and_outputs() {
    let (tmp, base) = pull_request();
    let out = run_action(tmp.path(), &base, &[("sarif-file", "ladderlint.sarif")]);
    assert_eq!(out.code, 1, "fail-on: error fails the step\n{}", out.stdout);
    let commands: Vec<&str> = out.stdout.lines().filter(|l| l.starts_with("::")).collect();
    // The unknown candidate is also not a valid id: two findings, both on
    // the changed line; the base's old problem in another file is not shown.
    // Commands are only read at the start of a line: the escaped newline
    // keeps the hostile `::error::` inside the message.
    assert_eq!(commands.len(), 2, "{}", out.stdout);
    for c in &commands {
        assert!(
            c.starts_with(&format!("::error file={FOSEI},line=5,col=12,")),
            "{c}"
        );
    }
    assert!(commands[0].contains("title=ref/unknown::"));
    assert!(
        commands[0].contains("fose%0A::error::pwned, 100%25"),
        "escaped: {}",
        commands[0]
    );
    assert!(
        out.outputs.contains("errors=2\n") && out.outputs.contains("warnings=0\n"),
        "{}",
        out.outputs
    );
    assert!(out.summary.contains("ref/unknown"), "{}", out.summary);
    assert!(
        !out.summary.contains("mbordah"),
        "the base's problem is not in the PR's summary"
    );
    let sarif = out.sarif.unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 2);
    println!(
        "annotations:\n{}\nsummary:\n{}",
        commands.join("\n"),
        out.summary
    );
}

#[test]
fn fail_on_never_and_warning() {
    let (tmp, base) = pull_request();
    let out = run_action(tmp.path(), &base, &[("fail-on", "never")]);
    assert_eq!(out.code, 0);
    assert!(out.outputs.contains("errors=2"));
    let out = run_action(tmp.path(), &base, &[("fail-on", "sometimes")]);
    assert_eq!(out.code, 2);
}

#[test]
fn a_clean_pull_request_passes() {
    let tmp = demo_copy("");
    let repo = git2::Repository::init(tmp.path()).unwrap();
    let base = commit_all(&repo, "base").to_string();
    edit(
        &tmp.path().join(FOSEI),
        "candidate: fosei",
        "candidate: fosei   # checked",
    );
    commit_all(&repo, "pr");
    let out = run_action(tmp.path(), &base, &[("fail-on", "warning")]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(out.outputs.contains("errors=0") && out.outputs.contains("warnings=0"));
}

#[test]
fn inputs_cannot_inject_shell() {
    let (tmp, base) = pull_request();
    let out = run_action(
        tmp.path(),
        &base,
        &[
            ("args", "$(touch pwned) ; touch pwned2"),
            ("fail-on", "never"),
        ],
    );
    assert!(!tmp.path().join("pwned").exists() && !tmp.path().join("pwned2").exists());
    assert_eq!(
        out.code, 2,
        "unknown arguments are a usage error, not a command"
    );
}

#[test]
fn ladder_diff_in_the_summary_only_when_a_ladder_changes() {
    let (tmp, base) = pull_request();
    let out = run_action(tmp.path(), &base, &[("diff", "true"), ("fail-on", "never")]);
    assert!(!out.summary.contains("Ladder changes"), "{}", out.summary);
    let repo = git2::Repository::open(tmp.path()).unwrap();
    edit(
        &tmp.path().join("ladders/engineering.yaml"),
        "min: 150000",
        "min: 155000",
    );
    commit_all(&repo, "raise a band");
    let out = run_action(tmp.path(), &base, &[("diff", "true"), ("fail-on", "never")]);
    assert!(out.summary.contains("Ladder changes"), "{}", out.summary);
    assert!(out.summary.contains("+3.3%"), "{}", out.summary);
}

#[test]
fn pull_request_target_is_refused() {
    let (tmp, base) = pull_request();
    let out = run_event(tmp.path(), "pull_request_target", &base, &[]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(
        out.stdout.contains("::error title=ladderlint::")
            && out.stdout.contains("pull_request_target")
            && out.stdout.contains("pull_request instead"),
        "{}",
        out.stdout
    );
    assert!(
        out.outputs.is_empty(),
        "no findings were reported as a result"
    );
}

#[test]
fn third_party_actions_are_pinned_by_commit() {
    let action = action();
    let mut uses = 0;
    for step in action["runs"]["steps"].as_array().unwrap() {
        let Some(u) = step["uses"].as_str() else {
            continue;
        };
        uses += 1;
        let (_, rev) = u.split_once('@').expect("a version");
        assert!(
            rev.len() == 40 && rev.bytes().all(|b| b.is_ascii_hexdigit()),
            "`{u}` is not pinned by a full commit SHA"
        );
    }
    assert!(uses >= 2);
}

#[test]
fn pull_requests_never_save_the_sniff_cache_and_restore_an_exact_key() {
    let action = action();
    let steps = action["runs"]["steps"].as_array().unwrap();
    let sniffs: Vec<&serde_json::Value> = steps
        .iter()
        .filter(|s| {
            s["with"]["path"]
                .as_str()
                .is_some_and(|p| p.contains(".git/ladderlint"))
        })
        .collect();
    assert!(!sniffs.is_empty());
    for s in &sniffs {
        let uses = s["uses"].as_str().unwrap();
        assert!(
            !uses.starts_with("actions/cache@"),
            "the combined cache action saves at the end of every run, pull requests included: {uses}"
        );
        assert!(s["with"]["restore-keys"].is_null(), "no prefix matching");
        let cond = s["if"].as_str().unwrap_or("");
        if uses.starts_with("actions/cache/save@") {
            assert!(
                cond.contains("github.event_name == 'push'")
                    && cond.contains("github.event.repository.default_branch"),
                "saved only on pushes to the default branch: {cond}"
            );
            assert!(!cond.contains("||"), "{cond}");
        } else {
            assert!(uses.starts_with("actions/cache/restore@"), "{uses}");
            assert_eq!(
                s["with"]["key"],
                "ladderlint-sniffs-${{ github.event.pull_request.base.sha }}"
            );
        }
    }
    assert!(sniffs.iter().any(|s| s["uses"]
        .as_str()
        .unwrap()
        .starts_with("actions/cache/save@")));
    // No step restores or saves a built binary.
    for s in steps {
        let path = s["with"]["path"].as_str().unwrap_or("");
        assert!(
            !path.contains(".cargo/bin"),
            "a built binary is never cached: {path}"
        );
    }
}

/// Run `action/install.sh` against a local "release" folder: the archive
/// is used only when its checksum matches the one pinned in the action,
/// whether it was downloaded or restored from the cache.
#[test]
fn a_cached_or_downloaded_archive_is_verified_by_checksum() {
    let tmp = tempfile::tempdir().unwrap();
    let action = tmp.path().join("action-checkout");
    fs::create_dir_all(action.join("action")).unwrap();
    fs::copy(
        manifest().join("action/install.sh"),
        action.join("action/install.sh"),
    )
    .unwrap();
    let target = format!(
        "{}-unknown-linux-gnu",
        String::from_utf8(Command::new("uname").arg("-m").output().unwrap().stdout)
            .unwrap()
            .trim()
    );
    // A release archive holding a stand-in binary, and a tampered one.
    let make = |dir: &Path, body: &str| -> std::path::PathBuf {
        fs::create_dir_all(dir).unwrap();
        fs::write(dir.join("ladderlint"), body).unwrap();
        let archive = dir.join(format!("ladderlint-{target}.tar.gz"));
        let ok = Command::new("tar")
            .args(["-czf"])
            .arg(&archive)
            .arg("-C")
            .arg(dir)
            .arg("ladderlint")
            .status()
            .unwrap();
        assert!(ok.success());
        archive
    };
    let good = make(
        &tmp.path().join("release/v9.9.9"),
        "#!/bin/sh\necho genuine\n",
    );
    let evil = make(&tmp.path().join("evil"), "#!/bin/sh\necho planted\n");
    let sum = |p: &Path| -> String {
        let out = Command::new("sha256sum").arg(p).output().unwrap();
        String::from_utf8(out.stdout)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .to_owned()
    };
    fs::write(
        action.join("action/checksums.txt"),
        format!("# pinned\nv9.9.9 {target} {}\n", sum(&good)),
    )
    .unwrap();
    let home = tmp.path().join("home");
    let cache = tmp.path().join("cache");
    fs::create_dir_all(&cache).unwrap();
    let install = |release: &Path| {
        let outputs = tmp.path().join("outputs");
        let _ = fs::remove_file(&outputs);
        let out = Command::new("bash")
            .arg(action.join("action/install.sh"))
            .env("HOME", &home)
            .env("ACTION_PATH", &action)
            .env("ACTION_REF", "v9.9.9")
            .env(
                "LADDERLINT_RELEASE_URL",
                format!("file://{}", release.display()),
            )
            .env("LADDERLINT_ARCHIVE_DIR", &cache)
            .env("GITHUB_OUTPUT", &outputs)
            .env("GITHUB_PATH", tmp.path().join("path"))
            .env_remove("LADDERLINT_BIN")
            .output()
            .unwrap();
        let installed = fs::read_to_string(home.join(".cargo/bin/ladderlint")).unwrap_or_default();
        let _ = fs::remove_file(home.join(".cargo/bin/ladderlint"));
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            installed,
            fs::read_to_string(&outputs).unwrap_or_default(),
        )
    };
    let cached = cache.join(format!("ladderlint-v9.9.9-{target}.tar.gz"));

    // A planted archive in the cache is not used: it is downloaded again.
    fs::copy(&evil, &cached).unwrap();
    let (code, stdout, installed, outputs) = install(&tmp.path().join("release"));
    assert_eq!(code, 0, "{stdout}");
    assert!(installed.contains("genuine"), "{installed}");
    assert!(
        stdout.contains("does not match its pinned checksum"),
        "{stdout}"
    );
    assert!(outputs.contains("downloaded=true"), "{outputs}");

    // The genuine archive, now cached, is used without a download.
    let (code, _, installed, outputs) = install(&tmp.path().join("nowhere"));
    assert_eq!(code, 0);
    assert!(installed.contains("genuine"));
    assert!(outputs.contains("downloaded=false"), "{outputs}");

    // A tampered download is refused and nothing is installed.
    fs::remove_file(&cached).unwrap();
    let tampered = tmp.path().join("tampered/v9.9.9");
    fs::create_dir_all(&tampered).unwrap();
    fs::copy(&evil, tampered.join(format!("ladderlint-{target}.tar.gz"))).unwrap();
    let (code, stdout, installed, _) = install(&tmp.path().join("tampered"));
    assert_eq!(code, 2, "{stdout}");
    assert!(installed.is_empty(), "nothing installed: {installed}");
    assert!(
        !cached.exists(),
        "the bad archive is not kept for the next run"
    );
}

#[test]
fn init_workflow_triggers_on_every_file_that_changes_the_result() {
    let tmp = tempfile::tempdir().unwrap();
    let out = ladderlint()
        .current_dir(tmp.path())
        .arg("init")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let workflow: serde_json::Value = serde_saphyr::from_str(
        &fs::read_to_string(tmp.path().join(".github/workflows/ladderlint.yml")).unwrap(),
    )
    .unwrap();
    let paths: Vec<&str> = workflow["on"]["pull_request"]["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    for p in [
        "ladderlint.yaml",
        ".ladderlint.yaml",
        ".gitignore",
        "**/.gitignore",
        "ladderlint-waivers.yaml",
    ] {
        assert!(paths.contains(&p), "{p} missing from {paths:?}");
    }
}
