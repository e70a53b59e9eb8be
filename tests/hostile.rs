//! Bad and hostile input: every case gets a clear finding at a real
//! position, never a panic or a hang, and the other files' findings are
//! still reported.

mod common;

use common::*;
use std::fs;
use std::path::Path;

/// Lint the demo plus one hostile file at `path`; the findings for that file
/// and for the rest. The demo carries one known problem elsewhere, which
/// must survive.
fn with_hostile(path: &str, bytes: &[u8]) -> (Vec<serde_json::Value>, Vec<serde_json::Value>) {
    let tmp = demo_copy("");
    edit(
        &tmp.path().join("nominations/2026h2-fosei.yaml"),
        "candidate: fosei",
        "candidate: fose",
    );
    fs::write(tmp.path().join(path), bytes).unwrap();
    let (code, findings) = lint_json(tmp.path(), &[]);
    assert_eq!(code, 1);
    let (mine, rest): (Vec<_>, Vec<_>) = findings.into_iter().partition(|f| f["file"] == path);
    assert_eq!(
        rules_of(&rest),
        ["ref/unknown"],
        "the other file's finding is kept"
    );
    for f in &mine {
        assert!(
            f["line"].as_u64().unwrap() >= 1 && f["column"].as_u64().unwrap() >= 1,
            "{f}"
        );
    }
    (mine, rest)
}

fn one(path: &str, bytes: &[u8], rule: &str, message: &str) -> serde_json::Value {
    let (mine, _) = with_hostile(path, bytes);
    let hit = mine
        .iter()
        .find(|f| f["rule"] == rule && f["message"].as_str().unwrap().contains(message))
        .unwrap_or_else(|| panic!("no {rule} finding containing {message:?} in {mine:#?}"));
    hit.clone()
}

#[test]
fn invalid_utf8() {
    let f = one(
        "cycles/x.yaml",
        b"kind: Cycle\nid: \xff\xfe\n",
        "schema/yaml-syntax",
        "not valid UTF-8",
    );
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(2), Some(5))
    );
}

#[test]
fn binary_file_with_nul_bytes() {
    one(
        "cycles/x.yaml",
        b"\x7fELF\x02\x01\x01\x00\x00\x00",
        "schema/yaml-syntax",
        "binary",
    );
}

#[test]
fn bom_and_crlf_are_reported_and_the_file_is_still_checked() {
    let (mine, _) = with_hostile(
        "cycles/x.yaml",
        b"\xef\xbb\xbfkind: Cycle\r\nid: x\r\nopens: 2026-13-01\r\n",
    );
    let rules = rules_of(&mine);
    assert!(
        rules.iter().filter(|r| *r == "schema/encoding").count() == 2,
        "{mine:#?}"
    );
    let date = mine
        .iter()
        .find(|f| f["message"].as_str().unwrap().contains("is not a date"))
        .unwrap();
    assert_eq!(
        (date["line"].as_u64(), date["column"].as_u64()),
        (Some(3), Some(8))
    );
}

#[test]
fn tabs_for_indentation() {
    one(
        "cycles/x.yaml",
        b"kind: Cycle\nboard:\n\t- a\n",
        "schema/yaml-syntax",
        "tab",
    );
}

#[test]
fn empty_file_and_comment_only_file() {
    one("cycles/x.yaml", b"", "schema/unknown-kind", "empty");
    one(
        "cycles/x.yaml",
        b"# nothing here\n",
        "schema/unknown-kind",
        "empty",
    );
}

/// A FIFO where a YAML file is expected is read as an empty file, never
/// waited on (nothing will ever write to it), and the other files are
/// checked as usual.
#[cfg(target_os = "linux")]
#[test]
fn a_fifo_is_read_as_empty_not_waited_on() {
    let tmp = demo_copy("");
    edit(
        &tmp.path().join("nominations/2026h2-fosei.yaml"),
        "candidate: fosei",
        "candidate: fose",
    );
    let fifo = tmp.path().join("cycles/pipe.yaml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let (code, out, err) = run(ladderlint()
        .current_dir(tmp.path())
        .args(["lint", "--format", "json"])
        .timeout(std::time::Duration::from_secs(60)));
    assert_eq!(code, 1, "{err}");
    let findings: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let (mine, rest): (Vec<_>, Vec<_>) = findings
        .into_iter()
        .partition(|f| f["file"] == "cycles/pipe.yaml");
    assert_eq!(rules_of(&rest), ["ref/unknown"]);
    assert_eq!(rules_of(&mine), ["schema/unknown-kind"], "{mine:#?}");
}

#[test]
fn non_mapping_top_level() {
    let f = one(
        "cycles/x.yaml",
        b"- kind: Cycle\n",
        "schema/unknown-kind",
        "a sequence",
    );
    assert_eq!(f["line"], 1);
    one(
        "cycles/x.yaml",
        b"just text\n",
        "schema/unknown-kind",
        "a string",
    );
}

#[test]
fn billion_laughs() {
    let mut y = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
    {
        y.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 9].join(",")
        ));
    }
    one(
        "cycles/x.yaml",
        y.as_bytes(),
        "schema/yaml-syntax",
        "too many YAML nodes",
    );
}

#[test]
fn five_thousand_deep_nesting() {
    let flow = format!("a: {}{}\n", "[".repeat(5000), "]".repeat(5000));
    one(
        "cycles/x.yaml",
        flow.as_bytes(),
        "schema/yaml-syntax",
        "deeper than the limit",
    );
    let mut block = String::new();
    for i in 0..300 {
        block.push_str(&" ".repeat(i));
        block.push_str("-\n");
    }
    one(
        "cycles/y.yaml",
        block.as_bytes(),
        "schema/yaml-syntax",
        "deeper than the limit",
    );
}

#[test]
fn duplicate_keys_name_both_positions() {
    let f = one(
        "cycles/x.yaml",
        b"kind: Cycle\nid: a\nid: b\n",
        "schema/yaml-syntax",
        "duplicate key `id`",
    );
    assert_eq!(f["line"], 3);
    assert_eq!(f["related"][0]["line"], 2);
}

#[test]
fn oversized_file() {
    let big = format!(
        "kind: Cycle\nid: x\nnote: \"{}\"\n",
        "x".repeat(5 * 1024 * 1024)
    );
    one(
        "cycles/x.yaml",
        big.as_bytes(),
        "schema/yaml-syntax",
        "over the limit",
    );
}

#[test]
fn many_documents_and_unknown_kinds_in_one_file() {
    let (mine, _) = with_hostile(
        "cycles/x.yaml",
        b"kind: Ladderr\n---\nkind: Cycle\nid: 2026-H1\n---\n- 1\n",
    );
    let lines: Vec<u64> = mine
        .iter()
        .filter(|f| f["rule"] == "schema/unknown-kind")
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [1, 6]);
    assert!(mine
        .iter()
        .any(|f| f["rule"] == "schema/invalid" && f["document"] == 1));
}

#[test]
fn hostile_names_and_content_do_not_break_text_output() {
    let tmp = demo_copy("");
    let path = tmp.path().join("cycles/evil\u{1b}[31m.yaml");
    // `\e` and `\a` are YAML escapes: the value holds real control bytes.
    fs::write(&path, "kind: \"\\e]0;pwned\\a\"\n").unwrap();
    let (code, out, _) = run(ladderlint().current_dir(tmp.path()).arg("lint"));
    assert_eq!(code, 1);
    assert!(
        !out.contains('\u{1b}'),
        "terminal escapes must not reach the output: {out:?}"
    );
    assert!(out.contains("schema/unknown-kind"));
}

#[test]
fn bad_input_never_panics_on_any_prefix() {
    // Every prefix of a real nomination: truncated files of every length.
    let text = fs::read(manifest().join("fixtures/demo/nominations/2026h2-jdenton.yaml")).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("nominations");
    fs::create_dir_all(&dir).unwrap();
    for n in (0..text.len()).step_by(37) {
        fs::write(dir.join(format!("n{n:05}.yaml")), &text[..n]).unwrap();
    }
    let (code, out, err) = run(ladderlint()
        .current_dir(tmp.path())
        .args(["lint", "--format", "json"]));
    assert!(code == 1, "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let findings: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(!findings.is_empty());
    let _ = Path::new("");
}

#[test]
fn fifty_megabyte_file() {
    let mut big = b"kind: Cycle\nid: x\nnote: |\n".to_vec();
    while big.len() < 50 * 1024 * 1024 {
        big.extend_from_slice(b"  all work and no play makes a very large file\n");
    }
    one(
        "cycles/x.yaml",
        &big,
        "schema/yaml-syntax",
        "over the limit",
    );
}

#[test]
fn a_finding_at_the_end_of_a_three_megabyte_line() {
    let filler = "x".repeat(3 * 1024 * 1024);
    let text = format!(
        "{{kind: Cycle, id: 2026-H1, opens: 2026-01-01, closes: 2026-01-31, \
         decide_by: 2026-02-28, board: [trunty], filler: \"{filler}\", zz: 1}}\n"
    );
    let hit = one(
        "cycles/x.yaml",
        text.as_bytes(),
        "schema/invalid",
        "unexpected key `zz`",
    );
    let at = text.find("zz:").unwrap() + 1;
    assert_eq!(hit["line"], 1);
    assert_eq!(hit["column"].as_u64().unwrap() as usize, at, "{hit}");
}

#[test]
fn a_hundred_thousand_keys_in_one_mapping() {
    let mut text = String::from("kind: Cycle\nid: 2026-H1\nextra:\n");
    for i in 0..100_000 {
        text.push_str(&format!("  k{i}: {i}\n"));
    }
    let (mine, _) = with_hostile("cycles/x.yaml", text.as_bytes());
    assert!(
        mine.iter()
            .any(|f| f["rule"] == "schema/invalid"
                && f["message"].as_str().unwrap().contains("`extra`")),
        "{mine:#?}"
    );
}

#[test]
fn a_file_named_with_newlines_and_colons() {
    let name = "nominations/evil\n2026h2-x.yaml:1:1: error\r:9.yaml";
    let (mine, _) = with_hostile(name, b"kind: Nomination\nid: x\n");
    assert!(
        mine.iter().any(|f| f["rule"] == "schema/invalid"),
        "{mine:#?}"
    );

    // In text output the name cannot forge a line of its own.
    let tmp = demo_copy("");
    fs::write(tmp.path().join(name), "kind: Nomination\nid: x\n").unwrap();
    let (code, out, _) = run(ladderlint().current_dir(tmp.path()).arg("lint"));
    assert_eq!(code, 1);
    assert!(
        !out.lines().any(|l| l.starts_with("2026h2-x.yaml")),
        "a file name must not start a line of output: {out}"
    );
    assert!(!out.contains('\r'), "{out:?}");
}

/// A rule that finds thousands of problems in one document (every vote by
/// someone unknown) lists 100 of them and one finding for the rest, counted
/// exactly; the listed ones are the first the rule reports.
#[test]
fn thousands_of_findings_of_one_rule_in_one_document_are_counted_not_listed() {
    const VOTERS: usize = 3_000;
    let tmp = demo_copy("");
    let path = tmp.path().join("nominations/2026h2-fosei.yaml");
    let voters: String = (0..VOTERS)
        .map(|i| format!("    stranger{i}: approve\n"))
        .collect();
    edit(
        &path,
        "  votes: { ahmed: approve, okafor: approve, sgarcia: approve }\n",
        &format!("  votes:\n{voters}"),
    );
    git2::Repository::init(tmp.path()).unwrap();
    let (code, findings) = lint_json(tmp.path(), &[]);
    assert_eq!(code, 1);
    let unknown: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["rule"] == "ref/unknown" && f["file"] == "nominations/2026h2-fosei.yaml")
        .collect();
    assert_eq!(unknown.len(), 101, "100 listed and one for the rest");
    let (more, listed): (Vec<&&serde_json::Value>, Vec<&&serde_json::Value>) = unknown
        .iter()
        .partition(|f| f["message"].as_str().unwrap().starts_with("and "));
    assert_eq!(more.len(), 1);
    assert!(
        more[0]["message"].as_str().unwrap().starts_with(&format!(
            "and {} more `ref/unknown` findings in this document",
            VOTERS - 100
        )),
        "{}",
        more[0]
    );
    // The listed ones are voters, each at its own line.
    let mut lines: Vec<u64> = listed.iter().map(|f| f["line"].as_u64().unwrap()).collect();
    lines.sort_unstable();
    lines.dedup();
    assert_eq!(lines.len(), 100, "each at its own line");
    assert!(listed
        .iter()
        .any(|f| f["message"].as_str().unwrap().contains("stranger0")));
    // No rule lists more than 101 findings in the document.
    let mut per_rule = std::collections::BTreeMap::<&str, usize>::new();
    for f in findings
        .iter()
        .filter(|f| f["file"] == "nominations/2026h2-fosei.yaml")
    {
        *per_rule.entry(f["rule"].as_str().unwrap()).or_default() += 1;
    }
    assert!(per_rule.values().all(|&n| n <= 101), "{per_rule:?}");
}

/// An id defined many times: every definition is reported, each with the
/// first few others as related locations, not all of them (an id defined
/// a thousand times would list a million places).
#[test]
fn an_id_defined_many_times_lists_a_few_others_at_each() {
    let tmp = demo_copy("");
    let text = fs::read_to_string(tmp.path().join("nominations/2026h2-asingh.yaml")).unwrap();
    for i in 0..29 {
        fs::write(
            tmp.path().join(format!("nominations/copy-{i:02}.yaml")),
            &text,
        )
        .unwrap();
    }
    let (_, findings) = lint_json(tmp.path(), &["--select", "ref/duplicate-id"]);
    assert_eq!(findings.len(), 30, "every definition is reported");
    for f in &findings {
        assert!(
            f["message"]
                .as_str()
                .unwrap()
                .contains("is defined 30 times"),
            "{f}"
        );
        let related = f["related"].as_array().unwrap();
        assert_eq!(related.len(), 10, "{f}");
        assert!(related.iter().all(|r| r["file"] != f["file"]), "{f}");
    }
}
