//! `ladderlint report`: the context (JSON), Markdown and HTML renderings,
//! small-group suppression in every format, escaping of user content, user
//! templates confined to their folder.

mod common;

use assert_cmd::Command;
use common::{copy_tree, manifest};
use std::fs;
use std::path::{Path, PathBuf};

/// A copy of the demo in `<tmp>/repo`; other files go beside it.
struct Demo {
    tmp: tempfile::TempDir,
}

impl Demo {
    fn path(&self) -> PathBuf {
        self.tmp.path().join("repo")
    }
    fn outside(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }
}

fn demo() -> Demo {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir(tmp.path().join("repo")).unwrap();
    copy_tree(&manifest().join("fixtures/demo"), &tmp.path().join("repo"));
    Demo { tmp }
}

fn report(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("ladderlint")
        .unwrap()
        .arg("report")
        .arg(dir)
        .args(args)
        .env("LADDERLINT_TODAY", "2026-08-01")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--format", "json"];
    all.extend(args);
    let (code, out, err) = report(dir, &all);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn demo_context() {
    let tmp = demo();
    let ctx = json(&tmp.path(), &["--cycle", "2026-H2"]);
    assert_eq!(ctx["schema_version"], 2);
    assert_eq!(ctx["cycle"]["id"], "2026-H2");
    assert_eq!(ctx["cycle"]["board"][0]["name"], "Teresa Runty");
    let s = &ctx["summary"];
    assert_eq!(s["nominations"], 10);
    assert_eq!(s["decided"], 10);
    assert_eq!(s["approved"], 6);
    assert_eq!(s["pending"], 0);
    assert_eq!(s["late"], 0);
    assert_eq!(s["overdue"], 0);
    let outcomes: Vec<(String, u64)> = ctx["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["outcome"].as_str().unwrap().to_owned(),
                o["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        outcomes,
        [
            ("approved".into(), 6),
            ("declined".into(), 2),
            ("deferred".into(), 2),
            ("withdrawn".into(), 0),
            ("pending".into(), 0)
        ]
    );
    // Reviewer load: Sofia Garcia reviews 7 and has voted on all of them.
    let first = &ctx["reviewer_load"][0];
    assert_eq!(first["reviewer"]["id"], "sgarcia");
    assert_eq!(first["assigned"], 7);
    assert_eq!(first["voted"], 7);
    assert_eq!(first["awaiting_vote"], 0);
    // The demo's `channel` groups `self` and `other` are under 5, so the
    // per-nomination list leaves the channel (and who nominated) out.
    assert!(ctx["nominations"]
        .as_array()
        .unwrap()
        .iter()
        .all(|n| n["channel"].is_null() && n["nominated_by"].is_null()));
    assert!(ctx["withheld"][0]
        .as_str()
        .unwrap()
        .contains("nomination channel"));
    // Without `channel` among the fairness attributes, channels come from
    // nominated_by.
    fs::write(
        tmp.path().join("ladderlint.yaml"),
        "fairness:\n  attributes: [org, location]\n",
    )
    .unwrap();
    let ctx = json(&tmp.path(), &["--cycle", "2026-H2"]);
    let channel = |id: &str| {
        ctx["nominations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == id)
            .unwrap()["channel"]
            .clone()
    };
    assert_eq!(channel("2026h2-jdenton"), "self");
    assert_eq!(channel("2026h2-fosei"), "manager");
    assert_eq!(channel("2026h2-asingh"), "other");
    // Ladder grid: ranks highest first, both tracks, parity computed.
    let eng = &ctx["ladders"][0];
    assert_eq!(eng["id"], "engineering");
    assert_eq!(eng["rows"][0]["rank"], 8);
    assert_eq!(eng["rows"][0]["cells"][0]["id"], "E8");
    assert_eq!(eng["rows"][0]["cells"][1]["id"], "M8");
    assert_eq!(eng["rows"][0]["parity"][0]["gap"], 0.0);
    assert_eq!(
        eng["rows"].as_array().unwrap().last().unwrap()["cells"][1],
        serde_json::Value::Null
    );
    // Eligible: everyone but the four people at the top rank of their ladder.
    assert_eq!(ctx["fairness"]["eligible"], 28);
}

#[test]
fn the_only_cycle_is_the_default_and_unknown_cycles_are_errors() {
    let tmp = demo();
    let ctx = json(&tmp.path(), &[]);
    assert_eq!(ctx["cycle"]["id"], "2026-H2");
    let (code, _, err) = report(&tmp.path(), &["--cycle", "2026-H3"]);
    assert_eq!(code, 2);
    assert!(err.contains("no cycle `2026-H3`"), "{err}");
    assert!(err.contains("did you mean `2026-H2`?"), "{err}");
}

/// A group from a groups file under `min_group_size` is never named nor
/// counted in any format; with one large and one small group nothing can
/// be shown (the large one's counts would give the small one's from the
/// totals), and the report says so. Per-person outcomes are left out of a
/// report with `--groups`.
#[test]
fn small_groups_are_never_named() {
    let tmp = demo();
    let groups = tmp.outside("groups.csv");
    // 8 decided candidates in one group, 2 in a small one.
    let mut csv = String::from("id,cohort\n");
    for id in [
        "asingh",
        "cdubois",
        "dmueller",
        "erossi",
        "fosei",
        "jdenton",
        "ltanaka",
        "ocampbell",
    ] {
        csv.push_str(&format!("{id},cohort-large\n"));
    }
    for id in ["rpatel", "yhassan"] {
        csv.push_str(&format!("{id},cohort-tiny\n"));
    }
    fs::write(&groups, csv).unwrap();
    let g = groups.to_str().unwrap();
    let ctx = json(&tmp.path(), &["--groups", g]);
    let cohort = ctx["fairness"]["approval"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["attribute"] == "cohort")
        .expect("the groups file's attribute is analysed");
    assert_eq!(cohort["groups"].as_array().unwrap().len(), 0);
    assert!(cohort["pooled"].is_null());
    let hidden = cohort["hidden"].as_array().unwrap();
    assert_eq!(hidden.len(), 2);
    assert!(hidden
        .iter()
        .all(|h| h["group"].is_null() && h["reason"] == "withheld"));
    assert!(ctx["nominations"].as_array().unwrap().is_empty());
    assert!(ctx["overdue"].as_array().unwrap().is_empty());
    assert!(ctx["withheld"][0].as_str().unwrap().contains("--groups"));
    for format in ["json", "markdown", "html"] {
        let (code, out, err) = report(&tmp.path(), &["--format", format, "--groups", g]);
        assert_eq!(code, 0, "{err}");
        assert!(!out.contains("cohort-tiny"), "{format} names a small group");
        assert!(
            !out.contains("cohort-large"),
            "{format} names the complement"
        );
        assert!(out.contains("fewer than 5"), "{format} says why");
        assert!(
            !out.contains("2026h2-rpatel"),
            "{format} lists outcomes per person"
        );
    }
    // And the lint findings never name a small group either.
    let out = Command::cargo_bin("ladderlint")
        .unwrap()
        .args(["lint", "--format", "json"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("cohort-tiny"));
}

#[test]
fn user_content_is_escaped() {
    let tmp = demo();
    let people = tmp.path().join("people/people.yaml");
    let text = fs::read_to_string(&people).unwrap().replace(
        "name: James Denton",
        "name: \"<script>alert(1)</script> **Jim** | [x](http://evil) @team\"",
    );
    fs::write(&people, text).unwrap();
    let (_, html, _) = report(&tmp.path(), &["--format", "html"]);
    assert!(!html.contains("<script>"), "raw HTML from the data");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no network"
    );
    let (_, md, _) = report(&tmp.path(), &["--format", "markdown"]);
    assert!(!md.contains("<script>"));
    assert!(md.contains(
        "&lt;script&gt;alert(1)&lt;/script&gt; \\*\\*Jim\\*\\* \\| \\[x\\](http&#8203;://evil) @&#8203;team"
    ));
    // A zero-width space after `@` and before `://`: GitHub neither
    // notifies `team` nor links the URL.
    assert!(!md.contains("@team") && !md.contains("http://evil"));
}

/// ltanaka's nomination submitted five days after `closes`, and still
/// pending.
fn late_and_pending(tmp: &Demo) {
    let path = tmp.path().join("nominations/2026h2-ltanaka.yaml");
    let text = fs::read_to_string(&path).unwrap();
    let text = text[..text.find("decision:").unwrap()]
        .replace("submitted: 2026-07-13", "submitted: 2026-07-20")
        + "decision:\n  outcome: pending\n";
    fs::write(&path, text).unwrap();
}

/// The README's "Report JSON" section: the section of the README, and the
/// names inside the first `{…}` of a table row (nested braces and
/// brackets skipped, `name: shape` read as `name`).
fn readme_report_json() -> (String, Vec<(String, Vec<String>)>) {
    let readme = fs::read_to_string(manifest().join("README.md")).unwrap();
    let start = readme
        .find("### Report JSON")
        .expect("a Report JSON section");
    let end = start + readme[start..].find("\n### ").expect("the next section");
    let section = readme[start..end].to_owned();
    let mut rows = Vec::new();
    for line in section.lines() {
        let Some(rest) = line.strip_prefix("| `") else {
            continue;
        };
        let Some((field, desc)) = rest.split_once("` | ") else {
            continue;
        };
        let mut names = Vec::new();
        if let Some(open) = desc
            .find('{')
            .filter(|&i| desc[..i].trim_matches(['`', '[']).is_empty())
        {
            let (mut depth, mut name) = (0, String::new());
            for c in desc[open..].chars() {
                match c {
                    '{' | '[' => depth += 1,
                    '}' | ']' => depth -= 1,
                    ',' if depth == 1 => {
                        names.push(std::mem::take(&mut name));
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 {
                    names.push(std::mem::take(&mut name));
                    break;
                }
                if depth == 1 && c != '{' {
                    name.push(c);
                }
            }
        }
        let names = names
            .iter()
            .map(|n| n.split(':').next().unwrap().trim().to_owned())
            .collect();
        rows.push((field.to_owned(), names));
    }
    (section, rows)
}

fn keys(v: &serde_json::Value, into: &mut std::collections::BTreeSet<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, v) in m {
                into.insert(k.clone());
                keys(v, into);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|v| keys(v, into)),
        _ => {}
    }
}

#[test]
fn readme_documents_the_report_context() {
    let tmp = demo();
    // A late and pending nomination, and one whose candidate is unknown, so
    // that `late`, `overdue` and `problems` have rows.
    late_and_pending(&tmp);
    let path = tmp.path().join("nominations/2026h2-asingh.yaml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replace("candidate: asingh", "candidate: nobody"),
    )
    .unwrap();
    let out = Command::cargo_bin("ladderlint")
        .unwrap()
        .args(["report", "--format", "json", "--last", "1"])
        .arg(tmp.path())
        .env("LADDERLINT_TODAY", "2026-09-11")
        .output()
        .unwrap();
    let ctx: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let (section, rows) = readme_report_json();

    let top: Vec<&String> = ctx.as_object().unwrap().keys().collect();
    let table: Vec<&String> = rows.iter().map(|(f, _)| f).collect();
    assert_eq!(top, table, "the README's table of top-level fields");
    for (field, names) in &rows {
        if names.is_empty() {
            continue;
        }
        let value = match &ctx[field] {
            serde_json::Value::Array(a) => a.first().unwrap_or_else(|| panic!("no `{field}`")),
            v => v,
        };
        let actual: Vec<&String> = value.as_object().unwrap().keys().collect();
        assert_eq!(
            actual,
            names.iter().collect::<Vec<_>>(),
            "`{field}` in the README"
        );
    }
    let mut all = std::collections::BTreeSet::new();
    keys(&ctx, &mut all);
    let words: std::collections::BTreeSet<&str> = section
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .collect();
    let missing: Vec<&String> = all.iter().filter(|k| !words.contains(k.as_str())).collect();
    assert!(
        missing.is_empty(),
        "fields the README does not name: {missing:?}"
    );
}

#[test]
fn late_and_overdue() {
    let tmp = demo();
    late_and_pending(&tmp);
    let out = Command::cargo_bin("ladderlint")
        .unwrap()
        .args(["report", "--format", "json"])
        .arg(tmp.path())
        .env("LADDERLINT_TODAY", "2026-09-11")
        .output()
        .unwrap();
    let ctx: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ctx["late"][0]["id"], "2026h2-ltanaka");
    assert_eq!(ctx["late"][0]["days_late"], 5);
    assert_eq!(ctx["overdue"][0]["id"], "2026h2-ltanaka");
    assert_eq!(ctx["overdue"][0]["days_overdue"], 10);
    assert_eq!(ctx["overdue"][0]["reason"], "pending past decide_by");
    assert_eq!(ctx["summary"]["overdue"], 1);
    assert_eq!(ctx["summary"]["late"], 1);
    // A report with --groups leaves the list out, not the count.
    let groups = tmp.outside("groups.csv");
    fs::write(&groups, "id,cohort\nltanaka,a\n").unwrap();
    let out = Command::cargo_bin("ladderlint")
        .unwrap()
        .args(["report", "--format", "json", "--groups"])
        .arg(&groups)
        .arg(tmp.path())
        .env("LADDERLINT_TODAY", "2026-09-11")
        .output()
        .unwrap();
    let grouped: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(grouped["overdue"].as_array().unwrap().is_empty());
    assert_eq!(grouped["summary"], ctx["summary"]);
}

#[test]
fn user_templates_stay_in_their_folder() {
    let tmp = demo();
    let tdir = tmp.outside("tpl");
    fs::create_dir_all(&tdir).unwrap();
    fs::write(tmp.outside("secret.txt"), "TOP-SECRET").unwrap();
    fs::write(tdir.join("part.md"), "approved: {{ summary.approved }}").unwrap();
    fs::write(
        tdir.join("ok.md"),
        "# {{ cycle.id }}\n{% include \"part.md\" %}\n{{ nominations[0].candidate.name }}\n",
    )
    .unwrap();
    fs::write(tdir.join("evil.md"), "{% include \"../secret.txt\" %}").unwrap();
    let (code, out, err) = report(
        &tmp.path(),
        &["--template", tdir.join("ok.md").to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "# 2026-H2\napproved: 6\nArjun Singh\n");
    let (code, out, err) = report(
        &tmp.path(),
        &["--template", tdir.join("evil.md").to_str().unwrap()],
    );
    assert_eq!(code, 2);
    assert!(!out.contains("TOP-SECRET"));
    assert!(err.contains("outside the template's folder"), "{err}");
    // A runaway template stops instead of hanging.
    fs::write(
        tdir.join("loop.md"),
        "{% for a in range(10000) %}{% for b in range(10000) %}{% endfor %}{% endfor %}",
    )
    .unwrap();
    let (code, _, err) = report(
        &tmp.path(),
        &["--template", tdir.join("loop.md").to_str().unwrap()],
    );
    assert_eq!(code, 2);
    assert!(err.contains("fuel"), "{err}");
}

#[test]
fn json_is_the_template_context() {
    let tmp = demo();
    let tdir = tmp.outside("tpl2");
    fs::create_dir_all(&tdir).unwrap();
    // The JSON output and what a template sees are the same data.
    let ctx = json(&tmp.path(), &[]);
    for key in ctx.as_object().unwrap().keys() {
        fs::write(tdir.join("k.txt"), format!("{{{{ {key} | tojson }}}}")).unwrap();
        let (code, out, err) = report(
            &tmp.path(),
            &["--template", tdir.join("k.txt").to_str().unwrap()],
        );
        assert_eq!(code, 0, "{err}");
        let seen: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(seen, ctx[key], "{key}");
    }
}

#[test]
fn output_file() {
    let tmp = demo();
    let out = tmp.outside("report.md");
    let (code, stdout, err) = report(
        &tmp.path(),
        &["--format", "markdown", "-o", out.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    assert!(stdout.is_empty());
    let md = fs::read_to_string(out).unwrap();
    assert!(md.starts_with("# Second-half 2026 promotion cycle\n\nPromotion cycle 2026-H2:"));
    assert!(md.contains("| approved | 6 | 60% |"));
}

#[test]
fn report_of_a_revision() {
    let tmp = demo();
    let repo = git2::Repository::init(tmp.path()).unwrap();
    let mut index = repo.index().unwrap();
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let sig = git2::Signature::now("Test", "test@example.com").unwrap();
    repo.commit(Some("HEAD"), &sig, &sig, "demo", &tree, &[])
        .unwrap();
    // The working tree withdraws a nomination; the committed state does not.
    let path = tmp.path().join("nominations/2026h2-ltanaka.yaml");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("outcome: deferred", "outcome: withdrawn");
    fs::write(&path, text).unwrap();
    let now = json(&tmp.path(), &[]);
    let then = json(&tmp.path(), &["--rev", "HEAD"]);
    assert_eq!(now["outcomes"][2]["count"], 1);
    assert_eq!(then["outcomes"][2]["count"], 2);
    assert_eq!(now["outcomes"][3]["count"], 1);
    assert_eq!(then["source"], "revision HEAD");
}

#[test]
fn groups_file_in_yaml() {
    let tmp = demo();
    let groups = tmp.outside("groups.yaml");
    let mut yaml = String::new();
    for id in [
        "asingh",
        "cdubois",
        "dmueller",
        "erossi",
        "fosei",
        "jdenton",
        "ltanaka",
        "ocampbell",
        "rpatel",
        "yhassan",
    ] {
        yaml.push_str(&format!("{id}: {{ band: all }}\n"));
    }
    fs::write(&groups, yaml).unwrap();
    let ctx = json(&tmp.path(), &["--groups", groups.to_str().unwrap()]);
    let band = ctx["fairness"]["approval"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["attribute"] == "band")
        .unwrap();
    assert_eq!(band["groups"][0]["group"], "all");
    assert_eq!(band["groups"][0]["n"], 10);
    assert_eq!(band["groups"][0]["selected"], 6);
    assert_eq!(ctx["fairness"]["groups_file_attributes"][0], "band");
}
