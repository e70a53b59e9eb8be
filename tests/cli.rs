//! The binary's output, snapshotted for every format of this build, exit
//! codes, configuration errors, and determinism across thread counts.

mod common;

use common::*;
use std::fs;

/// The demo with one problem of each kind the core checks.
fn broken_demo() -> tempfile::TempDir {
    let tmp = demo_copy("");
    let p = tmp.path();
    edit(
        &p.join("nominations/2026h2-fosei.yaml"),
        "candidate: fosei",
        "candidate: fose",
    );
    edit(
        &p.join("nominations/2026h2-fosei.yaml"),
        "submitted: 2026-06-25",
        "submitted: 2026-06-31\ndecison: approved",
    );
    edit(
        &p.join("nominations/2026h2-jdenton.yaml"),
        "id: 2026h2-jdenton",
        "id: 2026h2-fosei",
    );
    fs::write(
        p.join("cycles/notes.yaml"),
        "# planning notes\nkind: Notes\n",
    )
    .unwrap();
    fs::write(
        p.join("cycles/2026-H1.yaml"),
        "kind: Cycle\nid: 2026-H1\nid: again\n",
    )
    .unwrap();
    tmp
}

#[test]
fn text_output() {
    let tmp = broken_demo();
    let (code, out, err) = run(ladderlint().current_dir(tmp.path()).arg("lint"));
    assert_eq!(code, 1, "{err}");
    insta::assert_snapshot!(out);
}

#[test]
fn json_output() {
    let tmp = broken_demo();
    let (code, out, _) = run(ladderlint()
        .current_dir(tmp.path())
        .args(["lint", "--format", "json"]));
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    insta::assert_json_snapshot!(v);
}

#[test]
fn clean_demo_text_and_quiet() {
    let (code, out, _) = run(ladderlint()
        .arg("lint")
        .arg(manifest().join("fixtures/demo")));
    assert_eq!(code, 0);
    assert_eq!(out, "All checks passed: 15 files checked.\n");
    let (code, out, _) = run(ladderlint()
        .args(["lint", "--quiet"])
        .arg(manifest().join("fixtures/demo")));
    assert_eq!((code, out.as_str()), (0, ""));
}

#[test]
fn no_colour_when_not_a_terminal_and_with_no_color() {
    let tmp = broken_demo();
    let (_, out, _) = run(ladderlint().current_dir(tmp.path()).arg("lint"));
    assert!(!out.contains('\u{1b}'));
    let (_, out, _) = run(ladderlint()
        .current_dir(tmp.path())
        .arg("lint")
        .env("NO_COLOR", "1"));
    assert!(!out.contains('\u{1b}'));
}

#[test]
fn deny_warnings_turns_warnings_into_exit_1() {
    let tmp = demo_copy("");
    let f = tmp.path().join("cycles/2026-H2.yaml");
    let text = fs::read_to_string(&f).unwrap().replace('\n', "\r\n");
    fs::write(&f, text).unwrap();
    let (code, findings) = lint_json(tmp.path(), &[]);
    assert_eq!(
        (code, rules_of(&findings)),
        (0, vec!["schema/encoding".to_owned()])
    );
    let (code, _) = lint_json(tmp.path(), &["--deny-warnings"]);
    assert_eq!(code, 1);
}

#[test]
fn configuration_errors_exit_2_with_positions() {
    let tmp = demo_copy("");
    fs::write(
        tmp.path().join("ladderlint.yaml"),
        "include: [\"nominations/**/*.yaml\"]\nrules:\n  ref/unknwn: error\n  ref/duplicate-id: loud\nfairnes: {}\n",
    )
    .unwrap();
    let (code, findings) = lint_json(tmp.path(), &[]);
    assert_eq!(code, 2);
    let got: Vec<(u64, u64, &str)> = findings
        .iter()
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["help"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (3, 3, "did you mean `ref/unknown`?"),
            (4, 21, ""),
            (5, 1, "did you mean `fairness`?"),
        ]
    );
    assert!(findings
        .iter()
        .all(|f| f["rule"] == "config/invalid" && f["file"] == "ladderlint.yaml"));
}

#[test]
fn severity_overrides_and_off() {
    let tmp = broken_demo();
    fs::write(
        tmp.path().join("ladderlint.yaml"),
        "rules:\n  ref/unknown: off\n  ref/duplicate-id: warning\n",
    )
    .unwrap();
    let (_, findings) = lint_json(tmp.path(), &[]);
    assert!(!rules_of(&findings).contains(&"ref/unknown".to_owned()));
    let dup = findings
        .iter()
        .find(|f| f["rule"] == "ref/duplicate-id")
        .unwrap();
    assert_eq!(dup["severity"], "warning");
}

#[test]
fn explicit_config_path_and_dot_config() {
    let tmp = broken_demo();
    fs::remove_file(tmp.path().join("ladderlint.yaml")).unwrap();
    fs::write(
        tmp.path().join(".ladderlint.yaml"),
        "rules:\n  ref/unknown: off\n",
    )
    .unwrap();
    let (_, findings) = lint_json(tmp.path(), &[]);
    assert!(!rules_of(&findings).contains(&"ref/unknown".to_owned()));
    fs::write(
        tmp.path().join("other.yaml"),
        "rules:\n  schema/invalid: off\n",
    )
    .unwrap();
    let (_, findings) = lint_json(tmp.path(), &["--config", "other.yaml"]);
    assert!(rules_of(&findings).contains(&"ref/unknown".to_owned()));
    assert!(!rules_of(&findings).contains(&"schema/invalid".to_owned()));
}

#[test]
fn same_output_for_one_and_two_threads() {
    let tmp = broken_demo();
    let p = tmp.path();
    // More files, so that scheduling could matter.
    for i in 0..60 {
        let text = fs::read_to_string(p.join("nominations/2026h2-fosei.yaml")).unwrap();
        fs::write(
            p.join(format!("nominations/extra-{i:02}.yaml")),
            text.replace("id: 2026h2-fosei", &format!("id: extra-{i}")),
        )
        .unwrap();
    }
    for format in ["text", "json"] {
        let outs: Vec<String> = ["1", "2", "4"]
            .iter()
            .map(|n| {
                run(ladderlint()
                    .current_dir(p)
                    .args(["lint", "--format", format])
                    .env("RAYON_NUM_THREADS", n))
                .1
            })
            .collect();
        assert!(outs[0].len() > 1000);
        assert_eq!(outs[0], outs[1], "{format}");
        assert_eq!(outs[0], outs[2], "{format}");
    }
}

#[test]
fn schema_command_prints_each_kind() {
    for kind in ["Ladder", "People", "Cycle", "Nomination"] {
        let (code, out, _) = run(ladderlint().args(["schema", kind]));
        assert_eq!(code, 0);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
        assert_eq!(v["properties"]["kind"]["const"], kind);
    }
    let (code, _, err) = run(ladderlint().args(["schema", "Team"]));
    assert_eq!(code, 2);
    assert!(err.contains("unknown kind `Team`"));
}

#[test]
fn explain_and_rules() {
    let (code, out, _) = run(ladderlint().args(["explain", "ref/unknown"]));
    assert_eq!(code, 0);
    assert!(out.contains("Why:") && out.contains("Fails:"));
    let (code, _, err) = run(ladderlint().args(["explain", "ref/unknwn"]));
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `ref/unknown`?"), "{err}");
}

/// `explain` prints a wording rule's own built-in lists, after its
/// documentation and before its examples.
#[test]
fn explain_prints_a_wording_rules_lists() {
    for (rule, flagged, quiet) in [
        (
            "ladder/tenure-requirement",
            "time served",
            "N +? years|yrs plan",
        ),
        (
            "ladder/exclusionary-language",
            "whatever it takes",
            "young s modulus",
        ),
    ] {
        let (code, out, _) = run(ladderlint().args(["explain", rule]));
        assert_eq!(code, 0);
        let lists = out.find("\nFlagged (").expect("the flagged list");
        let quiet_at = out
            .find("\n\nQuiet, the same words about the work: ")
            .unwrap();
        assert!(out.find("Why:").unwrap() < lists && lists < quiet_at);
        assert!(quiet_at < out.find("\nPasses:").unwrap());
        assert!(out[lists..quiet_at].contains(flagged), "{rule}: {out}");
        assert!(out[quiet_at..].contains(quiet), "{rule}: {out}");
    }
    let (_, out, _) = run(ladderlint().args(["explain", "ladder/gendered-language"]));
    assert!(out.contains("Masculine-coded stems") && !out.contains("\nFlagged ("));
    let (_, out, _) = run(ladderlint().args(["explain", "ref/unknown"]));
    assert!(!out.contains("Flagged (") && !out.contains("Masculine-coded"));
}

#[test]
fn select_runs_only_the_rules_with_a_prefix() {
    let tmp = broken_demo();
    let (_, all) = lint_json(tmp.path(), &[]);
    let prefixes = |findings: &[serde_json::Value]| {
        let mut r = rules_of(findings);
        r.dedup();
        r
    };
    assert!(prefixes(&all).iter().any(|r| r.starts_with("ref/")));
    let (code, schema) = lint_json(tmp.path(), &["--select", "schema/"]);
    assert_eq!(code, 1);
    assert!(!schema.is_empty());
    assert!(schema
        .iter()
        .all(|f| f["rule"].as_str().unwrap().starts_with("schema/")));
    let expected: Vec<&serde_json::Value> = all
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("schema/"))
        .collect();
    assert_eq!(schema.iter().collect::<Vec<_>>(), expected);
    let (_, two) = lint_json(
        tmp.path(),
        &["--select", "ref/unknown", "--select", "ref/duplicate-id"],
    );
    let mut rules = prefixes(&two);
    rules.sort();
    rules.dedup();
    assert_eq!(rules, ["ref/duplicate-id", "ref/unknown"]);
}

#[path = "../examples/gen_corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

/// Byte-identical output for one and two threads on a generated
/// organisation of 2,000 nominations with violations of every kind.
#[test]
fn same_output_for_one_and_two_threads_on_a_generated_organisation() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("org");
    let opts = gen_corpus::Options {
        nominations: 2000,
        people: 400,
        seed: 11,
        worktree: false,
        ..gen_corpus::Options::default()
    };
    let manifest = gen_corpus::generate(&opts, &dir).unwrap();
    assert!(manifest.injected.len() >= 40);
    for format in ["json", "text"] {
        let outs: Vec<String> = ["1", "2"]
            .iter()
            .map(|n| {
                let (code, out, err) = run(ladderlint()
                    .current_dir(&dir)
                    .args(["lint", "--rev", "HEAD", "--format", format])
                    .env("RAYON_NUM_THREADS", n));
                assert_eq!(code, 1, "{err}");
                out
            })
            .collect();
        assert!(outs[0].len() > 10_000, "{format}");
        assert!(
            outs[0] == outs[1],
            "{format} output differs between 1 and 2 threads"
        );
    }
}
