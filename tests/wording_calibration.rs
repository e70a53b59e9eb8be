//! Precision and recall of the wording rules on the calibration set
//! (`fixtures/calibration/wording/`): career ladders in the style of
//! published ones, where every text a rule must flag ends with
//! `# expect: <rule>` and every other text must stay quiet.
//!
//! A finding counts once per `(file, line, rule)`: it is right when that
//! line carries the rule's mark. Print the figures with
//! `cargo test --test wording_calibration -- --nocapture`.

mod common;

use common::{copy_tree, ladderlint, manifest};
use std::collections::BTreeSet;
use std::fs;

const RULES: [&str; 4] = [
    "ladder/gendered-language",
    "ladder/subjective-criteria",
    "ladder/exclusionary-language",
    "ladder/tenure-requirement",
];

type Key = (String, u64, String);

fn labelled(tree: &std::path::Path) -> BTreeSet<Key> {
    let mut out = BTreeSet::new();
    for entry in fs::read_dir(tree.join("ladders")).unwrap() {
        let path = entry.unwrap().path();
        let name = format!("ladders/{}", path.file_name().unwrap().to_string_lossy());
        let text = fs::read_to_string(&path).unwrap();
        for (i, line) in text.lines().enumerate() {
            for rule in RULES {
                if line.contains(&format!("# expect: {rule}")) {
                    out.insert((name.clone(), i as u64 + 1, rule.to_owned()));
                }
            }
        }
    }
    out
}

fn found(tree: &std::path::Path) -> BTreeSet<Key> {
    let out = ladderlint()
        .args(["lint", "--format", "json"])
        .arg(tree)
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    findings
        .iter()
        .filter(|f| RULES.contains(&f["rule"].as_str().unwrap_or("")))
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
                f["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
}

fn score(expected: &BTreeSet<Key>, got: &BTreeSet<Key>, rule: Option<&str>) -> Score {
    let keep = |k: &&Key| rule.is_none_or(|r| k.2 == r);
    let e: BTreeSet<&Key> = expected.iter().filter(keep).collect();
    let g: BTreeSet<&Key> = got.iter().filter(keep).collect();
    Score {
        tp: g.intersection(&e).count(),
        fp: g.difference(&e).count(),
        fn_: e.difference(&g).count(),
    }
}

#[test]
fn wording_rules_meet_their_targets_on_the_calibration_set() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&manifest().join("fixtures/calibration/wording"), tmp.path());
    let expected = labelled(tmp.path());
    let got = found(tmp.path());
    assert!(expected.len() >= 40, "{} labelled texts", expected.len());

    let mut table = String::from("rule                          tp  fp  fn  precision  recall\n");
    let mut rows: Vec<(String, Score)> = RULES
        .iter()
        .map(|r| (r.to_string(), score(&expected, &got, Some(r))))
        .collect();
    rows.push(("all four".into(), score(&expected, &got, None)));
    for (name, s) in &rows {
        table.push_str(&format!(
            "{name:<29} {:>3} {:>3} {:>3}  {:>8.1}%  {:>5.1}%\n",
            s.tp,
            s.fp,
            s.fn_,
            100.0 * s.precision(),
            100.0 * s.recall()
        ));
    }
    let missed: Vec<&Key> = expected.difference(&got).collect();
    let wrong: Vec<&Key> = got.difference(&expected).collect();
    println!("{table}\nmissed: {missed:#?}\nunexpected: {wrong:#?}");

    for (name, s) in &rows {
        assert!(
            s.precision() >= 0.8 && s.recall() >= 0.5,
            "{name} below the target (precision >= 80%, recall >= 50%)\n{table}\n\
             missed: {missed:#?}\nunexpected: {wrong:#?}"
        );
    }
}
