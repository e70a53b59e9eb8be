//! The rule fixtures, `fixtures/rules/<group>/<name>/{pass,fail}/`, one test
//! per rule, named `<group>/<name>` (`cargo test --test rules
//! nomination/quorum`), each folder found when the tests start: a fixture
//! added is a test, with nothing to list. The folders are linted in-process
//! by the pipeline the binary runs.
//!
//! Each tree is laid over a copy of the demo organisation (a file at the
//! same path replaces the demo's). In a `fail` tree, every line that must
//! carry a finding of the rule ends with the comment `# expect:
//! <group>/<name>`: the rule must fire on exactly those lines, and the text
//! output of its findings (position, message, source line, related
//! locations, help) is a snapshot, `tests/snapshots/rules__<group>-<name>.snap`.
//! A `pass` tree must produce no finding of the rule.
//!
//! `every_rule_has_a_fixture` keeps the fixture folders, the rule registry
//! and the snapshots in step; `binary_agrees` checks that the binary prints
//! what the in-process lint renders.

mod common;

use common::{copy_tree, ladderlint, manifest, run};
use ladderlint::lint::{self, Linted};
use ladderlint::output::FormatKind;
use libtest_mimic::Trial;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The date the fixtures are linted on.
const TODAY: &str = "2026-08-01";

/// Rules whose findings cannot come from a fixture tree laid over the demo.
const NO_FIXTURE: &[&str] = &[
    "config/invalid",     // an unusable configuration stops the lint: tests/cli.rs
    "config/relaxed",     // needs a base revision: tests/base.rs
    "config/rule-failed", // needs a custom rule: tests/custom_rules.rs, tests/policy_from_base.rs
    "source/submodule",   // needs a git repository: tests/git.rs
    "source/symlink",     // tests/git.rs
    "source/lfs-pointer", // tests/git.rs
    "schema/encoding",    // tests/hostile.rs
];

fn fixture(id: &str) -> PathBuf {
    manifest().join("fixtures/rules").join(id)
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// A copy of the demo with `overlay` laid over it.
fn organisation(overlay: &Path) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&manifest().join("fixtures/demo"), tmp.path());
    copy_tree(overlay, tmp.path());
    tmp
}

/// Lint the demo with `overlay` laid over it.
fn lint_overlay(overlay: &Path) -> Linted {
    let tmp = organisation(overlay);
    match lint::dir(tmp.path(), TODAY) {
        Ok(Ok(linted)) => linted,
        Ok(Err(e)) => panic!(
            "{}: the configuration is unusable: {:#?}",
            overlay.display(),
            e.findings
        ),
        Err(e) => panic!("{}: {e:#}", overlay.display()),
    }
}

/// `(file, line)` of every `# expect: RULE` comment in the tree.
fn expectations(tree: &Path, rule: &str) -> BTreeSet<(String, u32)> {
    let mut all = Vec::new();
    files(tree, &mut all);
    let mut out = BTreeSet::new();
    for f in all {
        let rel = f
            .strip_prefix(tree)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = fs::read_to_string(&f).unwrap_or_default();
        for (i, line) in text.lines().enumerate() {
            let marked = line
                .split("# expect: ")
                .skip(1)
                .any(|rest| rest.split_whitespace().next() == Some(rule));
            if marked {
                out.insert((rel.clone(), i as u32 + 1));
            }
        }
    }
    out
}

/// The text output of the findings of `rule` alone (and of the findings of
/// it that suppressions hid, which the summary counts).
fn text_of(linted: &Linted, rule: &str) -> String {
    let findings: Vec<_> = linted
        .sunk
        .findings
        .iter()
        .filter(|f| f.rule.as_str() == rule)
        .cloned()
        .collect();
    let suppressed: Vec<_> = linted
        .sunk
        .suppressed
        .iter()
        .filter(|s| s.finding.rule.as_str() == rule)
        .cloned()
        .collect();
    let mut run = linted.run();
    run.findings = &findings;
    run.suppressed = &suppressed;
    Linted::render(&run, FormatKind::Text)
}

fn check(id: &str) {
    let dir = fixture(id);
    let (fail, pass) = (dir.join("fail"), dir.join("pass"));
    assert!(
        fail.is_dir() && pass.is_dir(),
        "{id}: needs pass/ and fail/"
    );

    let expected = expectations(&fail, id);
    assert!(
        !expected.is_empty(),
        "{id}: fail/ has no `# expect: {id}` comment"
    );
    let linted = lint_overlay(&fail);
    let got: BTreeSet<(String, u32)> = linted
        .sunk
        .findings
        .iter()
        .filter(|f| f.rule.as_str() == id)
        .map(|f| (f.file.clone(), f.span.line))
        .collect();
    assert_eq!(
        got, expected,
        "{id}: lines with a finding (left) against `# expect:` comments (right)"
    );
    insta::with_settings!({
        description => format!("fixtures/rules/{id}/fail, linted on {TODAY}"),
        omit_expression => true,
    }, {
        insta::assert_snapshot!(id.replace('/', "-"), text_of(&linted, id));
    });

    let linted = lint_overlay(&pass);
    let unexpected = text_of(&linted, id);
    assert!(
        linted.sunk.findings.iter().all(|f| f.rule.as_str() != id),
        "{id}: pass/ has findings of the rule:\n{unexpected}"
    );
}

/// Every folder `fixtures/rules/<group>/<name>` as `<group>/<name>`.
fn fixture_dirs() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for group in fs::read_dir(manifest().join("fixtures/rules")).unwrap() {
        let group = group.unwrap().path();
        for rule in fs::read_dir(&group).unwrap() {
            let rule = rule.unwrap().path();
            out.insert(format!(
                "{}/{}",
                group.file_name().unwrap().to_string_lossy(),
                rule.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    out
}

/// Every rule of the registry has a fixture (or a reason in
/// [`NO_FIXTURE`]), every fixture is of a rule, and every snapshot is of a
/// fixture.
fn every_rule_has_a_fixture() {
    let rules: BTreeSet<String> = ladderlint::rules::all_meta()
        .iter()
        .map(|m| m.id.as_str().to_owned())
        .collect();
    let dirs = fixture_dirs();
    let missing: Vec<&String> = rules
        .iter()
        .filter(|id| !dirs.contains(*id) && !NO_FIXTURE.contains(&id.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "rules without fixtures/rules/<group>/<name>: {missing:?}"
    );
    let unknown: Vec<&String> = dirs.difference(&rules).collect();
    assert!(unknown.is_empty(), "fixtures of no rule: {unknown:?}");
    let stale: Vec<&&str> = NO_FIXTURE
        .iter()
        .filter(|id| !rules.contains(**id) || dirs.contains(**id))
        .collect();
    assert!(
        stale.is_empty(),
        "NO_FIXTURE lists rules that do not exist or have a fixture: {stale:?}"
    );
    // A snapshot left behind by a fixture renamed or removed.
    let snapshots: BTreeSet<String> = dirs.iter().map(|id| id.replace('/', "-")).collect();
    let orphans: Vec<String> = fs::read_dir(manifest().join("tests/snapshots"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            let rule = name
                .strip_prefix("rules__")?
                .strip_suffix(".snap")?
                .to_owned();
            (!snapshots.contains(&rule)).then_some(name)
        })
        .collect();
    assert!(orphans.is_empty(), "snapshots of no fixture: {orphans:?}");
}

/// The binary, run at the root of a `fail` tree, prints exactly what the
/// in-process lint renders: the tests above check the binary's pipeline,
/// not a copy of it. A few trees that between them have findings from the
/// loader, the index, per-document rules, the sink (inline suppressions and
/// the waivers file), related locations and help, in several files.
fn binary_agrees() {
    for id in [
        "schema/yaml-syntax",
        "ref/duplicate-id",
        "nomination/conflict-of-interest",
        "ladder/gendered-language",
        "suppression/unused",
    ] {
        let tmp = organisation(&fixture(id).join("fail"));
        let (code, out, err) = run(ladderlint()
            .current_dir(tmp.path())
            .args(["lint", "--format", "text", "--color", "never"]));
        assert!(code == 0 || code == 1, "{id}: exit {code}\n{out}{err}");
        let linted = match lint::dir(tmp.path(), TODAY) {
            Ok(Ok(linted)) => linted,
            _ => panic!("{id}: in-process lint failed"),
        };
        let expected = Linted::render(&linted.run(), FormatKind::Text);
        assert!(out.contains(&format!("[{id}]")), "{id}: no finding\n{out}");
        assert_eq!(
            out, expected,
            "{id}: binary (left) against in-process (right)"
        );
    }
}

/// The demo organisation, which every fixture starts from, has no finding.
fn demo_is_clean() {
    let (code, out, err) = run(ladderlint()
        .args(["lint", "--format", "json"])
        .arg(manifest().join("fixtures/demo")));
    let findings: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(findings.is_empty(), "{findings:#?}\n{err}");
    assert_eq!(code, 0);
}

fn main() {
    let args = libtest_mimic::Arguments::from_args();
    let mut tests: Vec<Trial> = fixture_dirs()
        .into_iter()
        .map(|id| {
            Trial::test(id.clone(), move || {
                check(&id);
                Ok(())
            })
        })
        .collect();
    let checks: [(&str, fn()); 3] = [
        ("every_rule_has_a_fixture", every_rule_has_a_fixture),
        ("binary_agrees", binary_agrees),
        ("demo_is_clean", demo_is_clean),
    ];
    tests.extend(checks.into_iter().map(|(name, test)| {
        Trial::test(name, move || {
            test();
            Ok(())
        })
    }));
    libtest_mimic::run(&args, tests).exit();
}
