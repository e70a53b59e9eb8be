//! Every output format, run by the real binary on a copy of the demo
//! organisation broken in a few ways, some of them hostile: a YAML value
//! and a file name that carry workflow commands, percent escapes, commas,
//! colons, newlines, HTML and Markdown.
//!
//! - snapshots of each format (insta);
//! - SARIF validated against the official SARIF 2.1.0 JSON schema
//!   (the copy shipped in the `serde-sarif` crate's sources, found through
//!   `cargo metadata`), with rule
//!   metadata, 1-based regions and fingerprints that survive line shifts;
//! - `github` output parsed back: one command per finding, nothing else;
//! - Markdown parsed back (pulldown-cmark): the table keeps its columns and
//!   no HTML but our own `<br>` gets through;
//! - JUnit parsed back (quick-xml): well-formed, the content intact;
//! - exit codes: 1 on errors in every format, 0 on a clean repository.

mod common;

use assert_cmd::Command;
use common::{copy_tree, manifest};
use std::fs;
use std::path::{Path, PathBuf};

const FORMATS: [&str; 6] = ["text", "json", "sarif", "github", "junit", "markdown"];

/// A value a pull request could put in a nomination.
const HOSTILE_VALUE: &str = "mbordash\n::error file=pwned.yaml,line=1::injected %0A, a:b \
     <script>alert(1)</script> | `c` *d* _e_ [f](https://example.com) $x$ ~~g~~ \\ &amp;\r\nend";

/// A file name a pull request could add (a copy of the cycle, so a
/// duplicate id with a related location).
const HOSTILE_FILE: &str = "cycles/dup,line=9:col%0A|<b>_x_\n::error::pwned.yaml";

fn demo() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&manifest().join("fixtures/demo"), tmp.path());
    tmp
}

fn edit(dir: &Path, file: &str, f: impl FnOnce(String) -> String) {
    let path = dir.join(file);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, f(text)).unwrap();
}

/// The demo with errors (hostile content included), a warning and a
/// finding with a related location.
fn broken() -> tempfile::TempDir {
    let tmp = demo();
    let dir = tmp.path();
    let quoted = serde_json::to_string(HOSTILE_VALUE).unwrap();
    edit(dir, "nominations/2026h2-jdenton.yaml", |t| {
        t.replace("mentor: mbordash", &format!("mentor: {quoted}"))
    });
    fs::copy(
        dir.join("cycles/2026-H2.yaml"),
        dir.join(HOSTILE_FILE.replace('/', std::path::MAIN_SEPARATOR_STR)),
    )
    .unwrap();
    edit(dir, "people/people.yaml", |t| {
        t.replacen(
            "  # Platform\n",
            "  # Platform\n  # ladderlint: disable-next-line ref/unknown\n",
            1,
        )
    });
    tmp
}

struct Out {
    code: i32,
    stdout: String,
}

fn lint(dir: &Path, format: &str, extra: &[&str]) -> Out {
    let out = Command::cargo_bin("ladderlint")
        .unwrap()
        .current_dir(dir)
        .args(["lint", "--format", format])
        .args(extra)
        .env("LADDERLINT_TODAY", "2026-08-01")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    Out {
        code: out.status.code().expect("exited"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 output"),
    }
}

fn findings(dir: &Path) -> Vec<serde_json::Value> {
    serde_json::from_str(&lint(dir, "json", &[]).stdout).unwrap()
}

fn str_of<'a>(v: &'a serde_json::Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_default()
}

/// SARIF with the parts that change whenever a rule is added (the rule
/// list, rule indexes) or a release is made (the version) left out.
fn sarif_for_snapshot(text: &str) -> String {
    let mut log: serde_json::Value = serde_json::from_str(text).unwrap();
    let driver = &mut log["runs"][0]["tool"]["driver"];
    let count = driver["rules"].as_array().map_or(0, Vec::len);
    driver["rules"] = serde_json::json!(format!("[{count} rules]"));
    driver["version"] = serde_json::json!("[version]");
    driver["semanticVersion"] = serde_json::json!("[version]");
    for r in log["runs"][0]["results"].as_array_mut().unwrap() {
        r.as_object_mut().unwrap().remove("ruleIndex");
    }
    let mut s = serde_json::to_string_pretty(&log).unwrap();
    s.push('\n');
    s.replace(
        &format!("[{count} rules]"),
        "[every rule of ladderlint rules]",
    )
}

#[test]
fn snapshots_of_every_format() {
    let repo = broken();
    for format in FORMATS {
        let out = lint(repo.path(), format, &[]);
        assert_eq!(out.code, 1, "{format} must exit 1 on errors");
        let text = if format == "sarif" {
            sarif_for_snapshot(&out.stdout)
        } else {
            out.stdout
        };
        insta::assert_snapshot!(format!("broken_{format}"), text);
    }
}

#[test]
fn clean_repository_in_every_format() {
    let repo = demo();
    for format in FORMATS {
        let out = lint(repo.path(), format, &[]);
        assert_eq!(out.code, 0, "{format}: the demo is clean\n{}", out.stdout);
        if format != "sarif" {
            insta::assert_snapshot!(format!("clean_{format}"), out.stdout);
        }
    }
}

#[test]
fn exit_codes_do_not_depend_on_the_format() {
    // Only a warning: 0, or 1 with --deny-warnings.
    let repo = demo();
    edit(repo.path(), "people/people.yaml", |t| {
        t.replacen(
            "  # Platform\n",
            "  # Platform\n  # ladderlint: disable-next-line ref/unknown\n",
            1,
        )
    });
    for format in FORMATS {
        assert_eq!(lint(repo.path(), format, &[]).code, 0, "{format}");
        assert_eq!(
            lint(repo.path(), format, &["--deny-warnings"]).code,
            1,
            "{format} --deny-warnings"
        );
    }
}

/// The official SARIF 2.1.0 schema, as the `serde-sarif` crate ships it.
fn sarif_schema_path() -> PathBuf {
    // Only this platform's dependencies: they are the ones already fetched.
    let rustc = std::process::Command::new("rustc")
        .arg("-vV")
        .output()
        .expect("rustc runs");
    let host = String::from_utf8_lossy(&rustc.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_owned))
        .expect("rustc names its host");
    let out = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .args(["--filter-platform", &host])
        .current_dir(manifest())
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let manifest = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "serde-sarif")
        .and_then(|p| p["manifest_path"].as_str())
        .expect("serde-sarif is a dependency");
    Path::new(manifest)
        .parent()
        .unwrap()
        .join("src/schema.json")
}

fn sarif_validator() -> jsonschema::Validator {
    let mut schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(sarif_schema_path()).unwrap()).unwrap();
    // This copy predates OASIS errata 01, which fixed the `language` pattern
    // (a stray `]` that is not a valid regex) wherever it appears.
    fn fix(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::String(s) if s == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$" => {
                *s = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into();
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(fix),
            serde_json::Value::Object(m) => m.values_mut().for_each(fix),
            _ => {}
        }
    }
    fix(&mut schema);
    assert!(
        schema["$id"]
            .as_str()
            .unwrap_or("")
            .ends_with("sarif-schema-2.1.0.json"),
        "the SARIF 2.1.0 schema"
    );
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn assert_valid_sarif(validator: &jsonschema::Validator, log: &serde_json::Value) {
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
}

#[test]
fn sarif_is_valid_and_complete() {
    let validator = sarif_validator();
    // The schema does catch a broken log.
    let bad = serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
        "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {
        "artifactLocation": {"uri": "a"}, "region": {"startLine": 1, "startColumn": 0}}}]}]}]});
    assert!(!validator.is_valid(&bad), "startColumn 0 must be rejected");

    for repo in [broken(), demo()] {
        let out = lint(repo.path(), "sarif", &[]);
        let log: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        assert_valid_sarif(&validator, &log);

        let run = &log["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        let ids: Vec<&str> = rules.iter().map(|r| str_of(r, "id")).collect();
        let expected: Vec<&str> = ladderlint::rules::all_meta()
            .iter()
            .map(|m| m.id.as_str())
            .collect();
        assert_eq!(ids, expected, "every rule is described");
        for (rule, meta) in rules.iter().zip(ladderlint::rules::all_meta()) {
            assert_eq!(rule["shortDescription"]["text"], meta.summary);
            assert_eq!(rule["fullDescription"]["text"], meta.rationale);
            assert_eq!(rule["help"]["text"], ladderlint::rules::explain(meta));
            assert_eq!(
                str_of(rule, "helpUri"),
                format!("https://ladderlint.dev/rules/{}", meta.id)
            );
            let level = &rule["defaultConfiguration"]["level"];
            match meta.severity.as_str() {
                "error" => assert_eq!(level, "error"),
                "warning" => assert_eq!(level, "warning"),
                "info" => assert_eq!(level, "note"),
                _ => assert_eq!(rule["defaultConfiguration"]["enabled"], false),
            }
        }

        let results = run["results"].as_array().unwrap();
        let json = findings(repo.path());
        assert_eq!(results.len(), json.len());
        for (r, f) in results.iter().zip(&json) {
            assert_eq!(r["ruleId"], f["rule"]);
            let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
            assert_eq!(rules[index]["id"], r["ruleId"]);
            let level = match str_of(f, "severity") {
                "info" => "note",
                s => s,
            };
            assert_eq!(r["level"], level);
            assert!(str_of(&r["message"], "text").starts_with(str_of(f, "message")));
            let loc = &r["locations"][0]["physicalLocation"];
            assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
            let region = &loc["region"];
            for key in ["startLine", "startColumn", "endLine", "endColumn"] {
                assert!(region[key].as_u64().unwrap() >= 1, "{key} is 1-based");
            }
            assert_eq!(region["startLine"], f["line"]);
            assert_eq!(region["startColumn"], f["column"]);
            let related = f["related"].as_array().map_or(0, Vec::len);
            assert_eq!(
                r["relatedLocations"].as_array().map_or(0, Vec::len),
                related
            );
            assert!(!str_of(&r["partialFingerprints"], "ladderlint/v1").is_empty());
        }
    }
}

#[test]
fn sarif_fingerprints_survive_line_shifts() {
    let fingerprints = |dir: &Path| -> Vec<(String, u64, String)> {
        let log: serde_json::Value = serde_json::from_str(&lint(dir, "sarif", &[]).stdout).unwrap();
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    str_of(r, "ruleId").to_owned(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .unwrap(),
                    str_of(&r["partialFingerprints"], "ladderlint/v1").to_owned(),
                )
            })
            .collect()
    };
    let repo = broken();
    let before = fingerprints(repo.path());
    edit(repo.path(), "nominations/2026h2-jdenton.yaml", |t| {
        format!("# a comment\n# and another\n\n{t}")
    });
    let after = fingerprints(repo.path());
    assert_eq!(before.len(), after.len());
    let mut shifted = 0;
    for (b, a) in before.iter().zip(&after) {
        assert_eq!((&b.0, &b.2), (&a.0, &a.2), "same finding, same fingerprint");
        if a.1 == b.1 + 3 {
            shifted += 1;
        }
    }
    assert!(
        shifted >= 2,
        "the nomination's findings moved down three lines"
    );
    let mut unique: Vec<&String> = after.iter().map(|r| &r.2).collect();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        after.len(),
        "fingerprints tell findings apart"
    );
}

fn unescape_data(s: &str) -> String {
    s.replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

#[test]
fn github_commands_cannot_be_injected() {
    let repo = broken();
    let json = findings(repo.path());
    let out = lint(repo.path(), "github", &[]);
    assert_eq!(out.code, 1);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), json.len(), "one line per finding, no more");
    assert!(json
        .iter()
        .any(|f| str_of(f, "message").contains("::error")));
    assert!(json.iter().any(|f| str_of(f, "file").contains("::error")));
    for (line, f) in lines.iter().zip(&json) {
        let command = match str_of(f, "severity") {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        let rest = line
            .strip_prefix(&format!("::{command} "))
            .unwrap_or_else(|| panic!("not a {command} command: {line}"));
        // Properties hold no raw `:` so the first `::` ends them.
        let (props, message) = rest.split_once("::").expect("`::` before the message");
        assert!(!line.contains('\r'));
        let props: Vec<(&str, &str)> = props
            .split(',')
            .map(|p| p.split_once('=').expect("key=value"))
            .collect();
        let keys: Vec<&str> = props.iter().map(|p| p.0).collect();
        assert_eq!(
            keys,
            ["file", "line", "col", "endLine", "endColumn", "title"]
        );
        for (_, v) in &props {
            assert!(!v.contains(':') && !v.contains('\n'));
        }
        assert_eq!(unescape_data(props[0].1), str_of(f, "file"));
        assert_eq!(props[1].1, f["line"].to_string());
        assert_eq!(props[2].1, f["column"].to_string());
        assert_eq!(props[3].1, f["end_line"].to_string());
        assert_eq!(props[4].1, f["end_column"].to_string());
        assert_eq!(unescape_data(props[5].1), str_of(f, "rule"));
        assert!(
            unescape_data(message).starts_with(str_of(f, "message")),
            "{message}"
        );
    }
}

#[test]
fn markdown_escapes_user_content() {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let repo = broken();
    let json = findings(repo.path());
    let out = lint(repo.path(), "markdown", &[]);
    assert_eq!(out.code, 1);

    let mut tables = Vec::new();
    let (mut row, mut cell, mut in_cell): (Vec<String>, String, bool) =
        (Vec::new(), String::new(), false);
    let mut rows: Vec<Vec<String>> = Vec::new();
    for event in Parser::new_ext(&out.stdout, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::TableCell) => {
                in_cell = true;
                cell.clear();
            }
            Event::End(TagEnd::TableCell) => {
                in_cell = false;
                row.push(cell.clone());
            }
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                rows.push(std::mem::take(&mut row));
            }
            Event::End(TagEnd::Table) => tables.push(std::mem::take(&mut rows)),
            // The zero-width spaces that break mentions and links show as
            // nothing; the text is otherwise exact.
            Event::Text(t) if in_cell => cell.push_str(&t.replace('\u{200B}', "")),
            // Ids and values quoted in a message are code spans.
            Event::Code(t) if in_cell => cell.push_str(&format!("`{t}`")),
            Event::InlineHtml(h) => {
                assert_eq!(&*h, "<br>", "only our own line breaks are HTML");
                cell.push('\n');
            }
            Event::Html(h) => panic!("HTML block in the summary: {h}"),
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::Emphasis | Tag::Strong)
                if in_cell =>
            {
                panic!("markup from user content in a table cell")
            }
            Event::Start(Tag::Strikethrough) => panic!("strikethrough from user content"),
            _ => {}
        }
    }
    assert_eq!(tables.len(), 3, "severity, rule and findings tables");
    let findings_table = &tables[2];
    assert_eq!(findings_table.len(), json.len() + 1, "a row per finding");
    for r in findings_table {
        assert_eq!(r.len(), 4, "four cells in every row: {r:?}");
    }
    // The text survives exactly, errors first.
    let mut expected: Vec<&serde_json::Value> = json.iter().collect();
    expected.sort_by_key(|f| match str_of(f, "severity") {
        "error" => 0,
        "warning" => 1,
        _ => 2,
    });
    for (r, f) in findings_table[1..].iter().zip(expected) {
        assert_eq!(r[1], format!("`{}`", str_of(f, "rule")));
        assert_eq!(
            r[2],
            format!("{}:{}:{}", str_of(f, "file"), f["line"], f["column"])
        );
        let message = str_of(f, "message")
            .replace("\r\n", "\n")
            .replace('\r', "\n");
        assert!(r[3].starts_with(&message), "{:?} vs {:?}", r[3], message);
    }
}

#[test]
fn markdown_is_capped_for_large_repositories() {
    let repo = demo();
    // Spread over two files: one rule lists at most 100 findings in one
    // document.
    edit(repo.path(), "people/people.yaml", |t| {
        let many = "  # ladderlint: disable-next-line ref/unknown\n".repeat(65);
        t.replacen("  # Platform\n", &format!("  # Platform\n{many}"), 1)
    });
    edit(repo.path(), "cycles/2026-H2.yaml", |t| {
        let many = "# ladderlint: disable-next-line ref/unknown\n".repeat(65);
        format!("{many}{t}")
    });
    let out = lint(repo.path(), "markdown", &[]);
    assert_eq!(out.code, 0);
    let rows = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("| 🟡 warning | `suppression/unused` |"))
        .count();
    assert_eq!(rows, 100);
    assert!(
        out.stdout.contains("…and 30 more findings"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("Found **0 errors**, **130 warnings**"));
}

#[test]
fn junit_is_well_formed_whatever_the_content() {
    use quick_xml::events::Event;
    let repo = broken();
    let json = findings(repo.path());
    let out = lint(repo.path(), "junit", &[]);
    assert_eq!(out.code, 1);

    let mut reader = quick_xml::Reader::from_str(&out.stdout);
    let mut cases = Vec::new();
    let mut failures: Vec<(String, String)> = Vec::new();
    // Findings that do not fail the file are in its `system-out`.
    let mut outputs: Vec<(String, String)> = Vec::new();
    let mut current = String::new();
    let mut in_failure = false;
    let mut in_out = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"testcase" => {
                let name = e
                    .try_get_attribute("name")
                    .unwrap()
                    .expect("a name")
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .unwrap()
                    .into_owned();
                current = name.clone();
                cases.push(name);
            }
            Event::Start(e) if e.name().as_ref() == b"failure" => {
                in_failure = true;
                failures.push((current.clone(), String::new()));
            }
            Event::End(e) if e.name().as_ref() == b"failure" => in_failure = false,
            Event::Start(e) if e.name().as_ref() == b"system-out" => {
                in_out = true;
                outputs.push((current.clone(), String::new()));
            }
            Event::End(e) if e.name().as_ref() == b"system-out" => in_out = false,
            Event::Text(t) if in_failure || in_out => {
                let block = if in_failure {
                    &mut failures
                } else {
                    &mut outputs
                };
                block.last_mut().unwrap().1 += &t.decode().unwrap();
            }
            Event::GeneralRef(r) if in_failure || in_out => {
                let text = match r.resolve_char_ref().expect("a valid reference") {
                    Some(c) => c.to_string(),
                    None => match &*r.decode().unwrap() {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => panic!("unknown entity &{other};"),
                    },
                };
                let block = if in_failure {
                    &mut failures
                } else {
                    &mut outputs
                };
                block.last_mut().unwrap().1 += &text;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let checked: Vec<String> = {
        // XML normalises line breaks in attribute values to spaces.
        let mut files: Vec<String> = walk(repo.path())
            .into_iter()
            .map(|f| f.replace(['\n', '\r', '\t'], " "))
            .collect();
        files.sort();
        files
    };
    assert_eq!(cases, checked, "one test case per file, sorted");
    // Errors fail a file; warnings only with --deny-warnings.
    let mut failing: Vec<String> = json
        .iter()
        .filter(|f| str_of(f, "severity") == "error")
        .map(|f| str_of(f, "file").replace(['\n', '\r', '\t'], " "))
        .collect();
    failing.dedup();
    let failed: Vec<String> = failures.iter().map(|f| f.0.clone()).collect();
    assert_eq!(failed, failing);
    let all_text: String = failures
        .iter()
        .chain(&outputs)
        .map(|f| f.1.as_str())
        .collect();
    for f in &json {
        let message = str_of(f, "message")
            .replace("\r\n", "\n")
            .replace('\r', "\n");
        assert!(all_text.contains(&message), "missing: {message}");
    }
}

/// Every file of the repository, relative, `/`-separated.
fn walk(dir: &Path) -> Vec<String> {
    fn go(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in fs::read_dir(dir).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                go(base, &p, out);
            } else {
                let rel = p.strip_prefix(base).unwrap().to_string_lossy();
                out.push(rel.replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    go(dir, dir, &mut out);
    out
}
