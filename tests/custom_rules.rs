//! Custom rules in `ladderlint.yaml` (spec §5), run through the binary on a
//! copy of the demo organisation.

mod common;

use assert_cmd::Command;
use common::copy_tree;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

fn demo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo")
}

/// A copy of the demo with `config` as its ladderlint.yaml, and Ravi
/// Patel's Staff+ (E7) nomination without its mentor.
fn org(config: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&demo(), tmp.path());
    fs::write(tmp.path().join("ladderlint.yaml"), config).unwrap();
    let nomination = tmp.path().join("nominations/2026h2-rpatel.yaml");
    let text = fs::read_to_string(&nomination).unwrap();
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("mentor:"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(text, without, "the demo nomination has a mentor");
    fs::write(&nomination, without).unwrap();
    tmp
}

fn lint(dir: &Path, format: &str) -> (Option<i32>, String) {
    let out = Command::cargo_bin("ladderlint")
        .unwrap()
        .current_dir(dir)
        .args(["lint", "--format", format])
        .env("LADDERLINT_TODAY", "2026-08-01")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap() + &String::from_utf8_lossy(&out.stderr),
    )
}

fn findings(dir: &Path) -> (Option<i32>, Vec<Value>) {
    let (code, out) = lint(dir, "json");
    let v: Vec<Value> = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    (code, v)
}

fn place(f: &Value) -> (String, String, u64, u64, u64, u64) {
    (
        f["rule"].as_str().unwrap().to_owned(),
        f["file"].as_str().unwrap().to_owned(),
        f["line"].as_u64().unwrap(),
        f["column"].as_u64().unwrap(),
        f["end_line"].as_u64().unwrap(),
        f["end_column"].as_u64().unwrap(),
    )
}

const STAFF_NEEDS_MENTOR: &str = "\
custom_rules:
  - id: acme/staff-needs-mentor
    kind: Nomination
    when: \"to_level in ['E7', 'E8']\"
    assert: \"mentor is defined\"
    message: \"Staff+ nominations need a mentor\"
";

#[test]
fn staff_needs_mentor_in_five_lines() {
    let tmp = org(STAFF_NEEDS_MENTOR);
    let (code, found) = findings(tmp.path());
    assert_eq!(code, Some(1), "{found:#?}");
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0];
    // No `at`: the document, at its first line.
    assert_eq!(
        place(f),
        (
            "acme/staff-needs-mentor".into(),
            "nominations/2026h2-rpatel.yaml".into(),
            2,
            1,
            2,
            17
        )
    );
    assert_eq!(f["severity"], "error");
    assert_eq!(f["message"], "Staff+ nominations need a mentor");

    let (_, text) = lint(tmp.path(), "text");
    assert!(
        text.contains("error[acme/staff-needs-mentor]: Staff+ nominations need a mentor")
            && text.contains("--> nominations/2026h2-rpatel.yaml:2:1"),
        "{text}"
    );
}

#[test]
fn at_points_at_the_node_and_message_is_a_template() {
    let tmp = org("\
custom_rules:
  - id: acme/staff-needs-mentor
    kind: Nomination
    when: \"to_level in ['E7', 'E8']\"
    assert: \"mentor is defined\"
    message: \"{{ people[candidate].name }} is nominated for {{ to_level }} without a mentor\"
    severity: warning
    at: /to_level
  - id: acme/board-quorum
    kind: Cycle
    assert: \"quorum >= (board | length) - 1 and cycles[id].board == board\"
    message: \"cycle {{ id }}: a quorum of {{ quorum }} is less than all but one of its {{ board | length }} board members\"
    at: /quorum
");
    let (code, found) = findings(tmp.path());
    assert_eq!(code, Some(1), "{found:#?}");
    let got: Vec<_> = found.iter().map(place).collect();
    assert_eq!(
        got,
        vec![
            (
                "acme/board-quorum".into(),
                "cycles/2026-H2.yaml".into(),
                9,
                9,
                9,
                10
            ),
            (
                "acme/staff-needs-mentor".into(),
                "nominations/2026h2-rpatel.yaml".into(),
                8,
                11,
                8,
                13
            ),
        ]
    );
    assert_eq!(
        found[0]["message"],
        "cycle 2026-H2: a quorum of 3 is less than all but one of its 5 board members"
    );
    assert_eq!(
        found[1]["message"],
        "Ravi Patel is nominated for E7 without a mentor"
    );
    assert_eq!(found[1]["severity"], "warning");
}

#[test]
fn a_missing_node_is_named_in_the_help() {
    let tmp = org(&format!("{STAFF_NEEDS_MENTOR}    at: /mentor\n"));
    let (_, found) = findings(tmp.path());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["pointer"], "/mentor");
    assert_eq!(found[0]["line"], 2);
    assert_eq!(found[0]["help"], "the document has no `/mentor`");
}

#[test]
fn severity_overrides_and_suppressions_apply() {
    let tmp = org(&format!(
        "rules:\n  acme/staff-needs-mentor: warning\n{STAFF_NEEDS_MENTOR}"
    ));
    let (code, found) = findings(tmp.path());
    assert_eq!(code, Some(0), "{found:#?}");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["severity"], "warning");

    let tmp = org(&format!(
        "rules:\n  acme/staff-needs-mentor: off\n{STAFF_NEEDS_MENTOR}"
    ));
    assert_eq!(findings(tmp.path()), (Some(0), vec![]));

    let tmp = org(STAFF_NEEDS_MENTOR);
    let path = tmp.path().join("nominations/2026h2-rpatel.yaml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replacen(
            "kind: Nomination",
            "# ladderlint: disable-next-line acme/staff-needs-mentor -- mentor assigned 2026-06-30\n\
             kind: Nomination",
            1,
        ),
    )
    .unwrap();
    assert_eq!(findings(tmp.path()), (Some(0), vec![]));
}

#[test]
fn custom_rules_are_listed_and_explained() {
    let tmp = org(STAFF_NEEDS_MENTOR);
    let out = Command::cargo_bin("ladderlint")
        .unwrap()
        .arg("rules")
        .current_dir(tmp.path())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines()
            .any(|l| l.starts_with("acme/staff-needs-mentor")
                && l.contains("error")
                && l.contains("Staff+ nominations need a mentor")),
        "{text}"
    );
    let out = Command::cargo_bin("ladderlint")
        .unwrap()
        .args(["explain", "acme/staff-needs-mentor"])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("every Nomination document where `to_level in ['E7', 'E8']`"),
        "{text}"
    );
}

#[test]
fn a_typo_is_a_configuration_error_before_any_document_is_read() {
    let tmp = org("\
custom_rules:
  - id: acme/staff-needs-mentor
    kind: Nomination
    when: \"to_levl in ['E7', 'E8']\"
    assert: \"mentor is defined\"
    message: \"Staff+ nominations need a mentor\"
");
    let (code, found) = findings(tmp.path());
    assert_eq!(code, Some(2));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        place(&found[0]),
        (
            "config/invalid".into(),
            "ladderlint.yaml".into(),
            4,
            12,
            4,
            19
        )
    );
    assert_eq!(
        found[0]["help"]
            .as_str()
            .unwrap()
            .split('?')
            .next()
            .unwrap(),
        "did you mean `to_level`"
    );
    let (_, text) = lint(tmp.path(), "text");
    assert!(
        text.contains(
            "unknown variable `to_levl` in `when` of custom rule `acme/staff-needs-mentor`"
        ) && text.contains("--> ladderlint.yaml:4:12"),
        "{text}"
    );
}

#[test]
fn entries_are_validated() {
    let tmp = org("\
custom_rules:
  - id: ref/unknown
    kind: Nomination
    assert: \"true\"
    message: x
  - id: acme/a
    kind: Nominaton
    assert: \"a +\"
    message: x
    sevrity: error
  - id: acme/b
    kind: Ladder
    message: x
");
    let (code, found) = findings(tmp.path());
    assert_eq!(code, Some(2));
    let lines: Vec<(u64, &str)> = found
        .iter()
        .map(|f| (f["line"].as_u64().unwrap(), f["message"].as_str().unwrap()))
        .collect();
    assert_eq!(
        lines,
        vec![
            (2, "custom rule id `ref/unknown` uses the group `ref/` of ladderlint's own rules"),
            (7, "unknown kind `Nominaton` in custom rule `acme/a`: expected Ladder, People, Cycle or Nomination"),
            (8, "`assert` of custom rule `acme/a` is not a valid expression: syntax error: unexpected end of input, expected expression"),
            (10, "unknown key `sevrity` in a custom rule"),
            (11, "custom rule `acme/b` has no `assert`"),
        ],
        "{found:#?}"
    );
}

#[test]
fn a_heavy_expression_is_bounded() {
    let tmp = org("\
custom_rules:
  - id: acme/heavy
    kind: Nomination
    assert: \"range(100000) | map('string') | join | list | map('upper') | join | list | unique | length > 0\"
    message: x
  - id: acme/huge
    kind: Nomination
    assert: \"('x' * 1000000000) | length > 0\"
    message: x
");
    let (code, found) = findings(tmp.path());
    // Out of fuel on a document: an error on that document, pointing at
    // the expression; each rule goes on with the other documents.
    assert_eq!(code, Some(1), "{found:#?}");
    let failed: Vec<&Value> = found
        .iter()
        .filter(|f| f["rule"] == "config/rule-failed")
        .collect();
    let nominations = fs::read_dir(tmp.path().join("nominations"))
        .unwrap()
        .count();
    assert_eq!(failed.len(), 2 * nominations, "{found:#?}");
    for f in &failed {
        let m = f["message"].as_str().unwrap();
        assert!(m.contains("ran out of its evaluation budget"), "{m}");
        assert!(f["file"].as_str().unwrap().starts_with("nominations/"));
        assert_eq!(f["severity"], "error");
        assert_eq!(f["related"][0]["file"], "ladderlint.yaml");
    }
    let mut lines: Vec<u64> = failed
        .iter()
        .map(|f| f["related"][0]["line"].as_u64().unwrap())
        .collect();
    lines.dedup();
    lines.sort_unstable();
    lines.dedup();
    assert_eq!(lines, [4, 8]);
}

#[test]
fn a_rule_that_fails_on_one_document_goes_on_with_the_others() {
    // Division by zero on the one nomination without a mentor only.
    let tmp = org("\
custom_rules:
  - id: acme/ratio
    kind: Nomination
    assert: \"(1 // (1 if mentor is defined else 0)) > 0 and candidate != 'jdenton'\"
    message: \"{{ candidate }} is jdenton\"
");
    let (code, found) = findings(tmp.path());
    assert_eq!(code, Some(1), "{found:#?}");
    let got: Vec<(&str, &str)> = found
        .iter()
        .filter(|f| f["rule"] == "config/rule-failed" || f["rule"] == "acme/ratio")
        .map(|f| (f["rule"].as_str().unwrap(), f["file"].as_str().unwrap()))
        .collect();
    assert!(
        got.contains(&("config/rule-failed", "nominations/2026h2-rpatel.yaml")),
        "{got:?}"
    );
    assert!(
        got.contains(&("acme/ratio", "nominations/2026h2-jdenton.yaml")),
        "the rule went on with the other documents: {got:?}"
    );
    let failed = found
        .iter()
        .find(|f| f["rule"] == "config/rule-failed")
        .unwrap();
    assert!(
        failed["message"].as_str().unwrap().contains("acme/ratio"),
        "{failed}"
    );
    assert_eq!(failed["related"][0]["line"], 4);
}
