//! A new user's first hour: output formats, messages, `init`, the report
//! at 10 and at 2,000 nominations, and `diff`, as a person meets them.

mod common;

use common::*;
use std::fs;
use std::path::Path;

fn demo_with(edits: &[(&str, &str, &str)]) -> tempfile::TempDir {
    let tmp = demo_copy("");
    for (file, from, to) in edits {
        edit(&tmp.path().join(file), from, to);
    }
    tmp
}

/// The demo with one error (an unknown candidate) and one warning (a
/// reviewer below the target rank).
fn one_error_one_warning() -> tempfile::TempDir {
    demo_with(&[
        (
            "nominations/2026h2-fosei.yaml",
            "candidate: fosei",
            "candidate: fose",
        ),
        (
            "ladders/engineering.yaml",
            "band: { min: 150000, max: 190000 }",
            "band: { min: 150000, max: 160000 }",
        ),
    ])
}

fn lint(dir: &Path, args: &[&str]) -> (i32, String, String) {
    run(ladderlint().current_dir(dir).arg("lint").args(args))
}

#[test]
fn concise_format_is_one_line_per_finding() {
    let tmp = one_error_one_warning();
    let (code, out, err) = lint(tmp.path(), &["--format", "concise"]);
    assert_eq!(code, 1, "{err}");
    let (_, findings) = lint_json(tmp.path(), &[]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), findings.len() + 1, "{out}");
    for (line, f) in lines.iter().zip(&findings) {
        let start = format!(
            "{}:{}:{}: {}[{}] ",
            f["file"].as_str().unwrap(),
            f["line"],
            f["column"],
            f["severity"].as_str().unwrap(),
            f["rule"].as_str().unwrap()
        );
        assert!(
            line.starts_with(&start),
            "{line} does not start with {start}"
        );
    }
    assert!(
        lines.last().unwrap().starts_with("Found 1 error, "),
        "{out}"
    );
}

#[test]
fn summary_counts_the_files_junit_lists_and_never_more_with_findings_than_checked() {
    let tmp = one_error_one_warning();
    let (_, text, _) = lint(tmp.path(), &[]);
    let (_, junit, _) = lint(tmp.path(), &["--format", "junit"]);
    let cases = junit.matches("<testcase ").count();
    assert!(
        text.contains(&format!("of {cases} files checked.")),
        "{cases} cases, but: {}",
        text.lines().last().unwrap()
    );
    // One named file: the summary counts that one, and the finding in it.
    let (_, text, _) = lint(tmp.path(), &["nominations/2026h2-fosei.yaml"]);
    assert!(
        text.trim_end().ends_with("in 1 of 1 file checked."),
        "{text}"
    );
}

#[test]
fn junit_fails_on_warnings_only_with_deny_warnings() {
    let tmp = demo_with(&[(
        "ladders/engineering.yaml",
        "band: { min: 150000, max: 190000 }",
        "band: { min: 150000, max: 160000 }",
    )]);
    let (code, out, _) = lint(tmp.path(), &["--format", "junit"]);
    assert_eq!(code, 0);
    assert!(out.contains("failures=\"0\""), "{out}");
    assert!(
        out.contains("<system-out>"),
        "warnings are in the output: {out}"
    );
    assert!(out.contains("ladder/band-parity"), "{out}");
    let (code, out, _) = lint(tmp.path(), &["--format", "junit", "--deny-warnings"]);
    assert_eq!(code, 1);
    assert!(out.contains("failures=\"1\""), "{out}");
    assert!(out.contains("<failure"), "{out}");
}

#[test]
fn markdown_shows_ids_as_code() {
    let tmp = one_error_one_warning();
    let (_, out, _) = lint(tmp.path(), &["--format", "markdown"]);
    assert!(out.contains("unknown person `fose`"), "{out}");
    assert!(out.contains("did you mean `fosei`?"), "{out}");
    assert!(!out.contains("\\`"), "no escaped backticks: {out}");
    assert!(out.contains("| `ref/unknown` |"), "{out}");
}

/// "1 error(s)", "1 ladder(s)", "0 competency(ies)": never.
fn assert_no_lazy_plurals(what: &str, text: &str) {
    for lazy in ["(s)", "(es)", "(ies)"] {
        assert!(!text.contains(lazy), "{what} says {lazy}: {text}");
    }
}

#[test]
fn no_lazy_plurals_anywhere() {
    let tmp = one_error_one_warning();
    for format in ["text", "concise", "markdown", "junit", "github"] {
        let (_, out, _) = lint(tmp.path(), &["--format", format]);
        assert_no_lazy_plurals(format, &out);
    }
    for format in ["html", "markdown"] {
        let (_, out, _) = run(ladderlint()
            .current_dir(tmp.path())
            .args(["report", "--format", format]));
        assert_no_lazy_plurals(format, &out);
        assert!(
            out.contains("1 error and 1 warning"),
            "{format}: counts in words"
        );
    }
    for template in fs::read_dir(manifest().join("templates")).unwrap() {
        let path = template.unwrap().path();
        assert_no_lazy_plurals(
            &path.display().to_string(),
            &fs::read_to_string(&path).unwrap(),
        );
    }
}

#[test]
fn messages_name_people_with_their_id() {
    // Karen Baptiste manages Arjun Singh.
    let tmp = demo_with(&[(
        "nominations/2026h2-asingh.yaml",
        "reviewers: [",
        "reviewers: [kbaptiste, ",
    )]);
    let (_, findings) = lint_json(tmp.path(), &[]);
    let coi: Vec<&str> = findings
        .iter()
        .filter(|f| f["rule"] == "nomination/conflict-of-interest")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        coi,
        ["Karen Baptiste (`kbaptiste`) reviews Arjun Singh but is their manager"]
    );
}

#[test]
fn amounts_are_written_the_same_in_lint_report_and_diff() {
    let tmp = one_error_one_warning();
    let (_, findings) = lint_json(tmp.path(), &[]);
    let parity = findings
        .iter()
        .find(|f| f["rule"] == "ladder/band-parity")
        .expect("a band-parity finding");
    assert!(
        parity["message"].as_str().unwrap().contains("155,000"),
        "{parity}"
    );
    let (_, html, _) = run(ladderlint().current_dir(tmp.path()).arg("report"));
    assert!(html.contains("150,000 – 160,000"), "the report");
    let repo = git2::Repository::init(tmp.path()).unwrap();
    commit_all(&repo, "base");
    edit(
        &tmp.path().join("ladders/engineering.yaml"),
        "band: { min: 150000, max: 160000 }",
        "band: { min: 150000, max: 190000 }",
    );
    let (code, md, err) =
        run(ladderlint()
            .current_dir(tmp.path())
            .args(["diff", "HEAD", "--worktree"]));
    assert_eq!(code, 0, "{err}");
    assert!(md.contains("150,000–160,000"), "{md}");
    assert!(md.contains("150,000–190,000"), "{md}");
}

#[test]
fn a_duplicate_key_points_at_the_value_read_and_causes_nothing_else() {
    let tmp = demo_with(&[(
        "nominations/2026h2-jdenton.yaml",
        "decision:\n",
        "review:\n  reviewers: [ahmed]\ndecision:\n",
    )]);
    let (_, findings) = lint_json(tmp.path(), &[]);
    let mine: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["file"] == "nominations/2026h2-jdenton.yaml")
        .collect();
    assert_eq!(mine.len(), 1, "{mine:#?}");
    let f = mine[0];
    assert_eq!(f["rule"], "schema/yaml-syntax");
    let text = fs::read_to_string(tmp.path().join("nominations/2026h2-jdenton.yaml")).unwrap();
    let used = text.rfind("review:").unwrap();
    let used_line = text[..used].lines().count() + 1;
    let first_line = text[..text.find("review:").unwrap()].lines().count() + 1;
    assert_eq!(f["line"], used_line, "at the value that is read");
    assert_eq!(f["related"][0]["line"], first_line);
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains(&format!("the one on line {first_line} is ignored")),
        "{f}"
    );
}

#[test]
fn a_yaml_syntax_error_points_where_the_problem_starts() {
    let tmp = demo_copy("");
    let path = tmp.path().join("cycles/2026-H2.yaml");
    let text = fs::read_to_string(&path).unwrap();
    let broken = text
        .replacen("board: [", "board: {", 1)
        .replacen(']', "", 1);
    fs::write(&path, &broken).unwrap();
    let (_, findings) = lint_json(tmp.path(), &[]);
    let f = findings
        .iter()
        .find(|f| f["file"] == "cycles/2026-H2.yaml")
        .expect("a finding in the cycle");
    assert_eq!(f["rule"], "schema/yaml-syntax");
    let brace = broken.find('{').unwrap();
    let line = broken[..brace].lines().count();
    assert_eq!(f["line"], line, "at the unclosed brace: {f}");
    let message = f["message"].as_str().unwrap();
    assert!(message.contains("this `{` is"), "{message}");
    assert!(!message.contains("flow mapping"), "plain words: {message}");
}

#[test]
fn init_says_each_thing_once_and_offers_the_installed_hook() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, err) = run(ladderlint()
        .arg("init")
        .arg(tmp.path())
        .env("LADDERLINT_TODAY", "2026-08-01"));
    assert_eq!(code, 0, "{err}");
    let people = fs::read_to_string(tmp.path().join("people/people.yaml")).unwrap();
    let lines: Vec<&str> = people.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if line.trim_start().starts_with("# ") && i > 2 {
            let next = lines[i + 1..].iter().find(|l| !l.trim().is_empty());
            assert!(
                next.is_some_and(|l| l.trim_start().starts_with("- ")),
                "empty section {line:?}"
            );
        }
    }
    let hooks = fs::read_to_string(tmp.path().join(".pre-commit-config.yaml")).unwrap();
    assert!(hooks.contains("- id: ladderlint-system"), "{hooks}");
    assert!(!hooks.contains("- id: ladderlint\n"), "{hooks}");
    let (_, html, _) = run(ladderlint().current_dir(tmp.path()).arg("report"));
    let h1 = &html[html.find("<h1>").unwrap()..html.find("</h1>").unwrap()];
    assert_eq!(h1.matches("2026").count(), 1, "{h1}");
    let (_, md, _) = run(ladderlint()
        .current_dir(tmp.path())
        .args(["report", "--format", "markdown"]));
    let title = md.lines().next().unwrap();
    assert_eq!(title.matches("2026").count(), 1, "{title}");
}

#[test]
fn report_has_contents_legends_and_one_colour_per_meaning() {
    let (code, html, err) = run(ladderlint()
        .arg("report")
        .arg(manifest().join("fixtures/demo")));
    assert_eq!(code, 0, "{err}");
    assert!(html.contains("<nav class=\"toc\""));
    for id in [
        "outcomes",
        "nominations",
        "problems",
        "fairness-approval",
        "ladders",
    ] {
        assert!(html.contains(&format!("href=\"#{id}\"")), "{id}");
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
    }
    // The outcome chart counts; its bars carry no status colour.
    let outcomes =
        &html[html.find("id=\"outcomes\"").unwrap()..html.find("id=\"nominations\"").unwrap()];
    assert!(!outcomes.contains("bar-adverse-impact"));
    assert!(!outcomes.contains("bar-below-threshold"));
    // Track colours are not status colours.
    let css = &html[html.find("<style>").unwrap()..html.find("</style>").unwrap()];
    let colour = |var: &str| {
        let at = css.find(&format!("{var}: ")).unwrap() + var.len() + 2;
        css[at..at + 7].to_owned()
    };
    let status: Vec<String> = ["--bad", "--warn", "--info", "--none", "--count", "--ok"]
        .iter()
        .map(|v| colour(v))
        .collect();
    for t in ["--track0", "--track1", "--track2", "--track3"] {
        assert!(!status.contains(&colour(t)), "{t} reuses a status colour");
    }
    let mut unique = status.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), status.len(), "one colour per meaning");
    // Every fairness chart section and every band chart has a legend.
    assert!(html.matches("Bar colours:").count() >= 2);
    assert_eq!(
        html.matches("Tracks:").count(),
        html.matches("aria-label=\"Pay bands").count()
    );
    // Band charts: round amounts on a labelled axis.
    assert!(html.contains("Pay band (USD), from minimum to maximum"));
    assert!(html.contains(">100,000</text>"), "ticks at round amounts");
}

#[test]
fn a_group_alone_has_nothing_to_compare() {
    let (_, html, _) = run(ladderlint()
        .arg("report")
        .arg(manifest().join("fixtures/demo")));
    // In the demo only the `manager` channel is large enough to show.
    assert!(
        html.contains("Only one group (manager, 4 of 5, 80.0%) can be shown, beside 2 smaller groups pooled (2 of 5, 40.0%), so there is nothing to compare it with."),
        "{}",
        &html[html.find("By channel").unwrap()..][..600]
    );
    // Where no group is tested, the note says so (not "0 tests ... about
    // 0.00 of them"), in HTML and Markdown; chart labels fit their margin.
    let (_, md, _) = run(ladderlint()
        .arg("report")
        .args(["--format", "markdown"])
        .arg(manifest().join("fixtures/demo")));
    for out in [&html, &md] {
        assert!(out.contains("No group was tested against the reference. Overall rate:"));
        assert!(!out.contains("0 tests against the reference"));
    }
    assert!(html.contains("<title>other groups (each under 5)</title>other groups (each…"));
}

#[test]
fn problems_of_the_cycle_are_all_shown_with_names() {
    let tmp = one_error_one_warning();
    let (_, ctx, _) = run(ladderlint()
        .current_dir(tmp.path())
        .args(["report", "--format", "json"]));
    let ctx: serde_json::Value = serde_json::from_str(&ctx).unwrap();
    let problems = ctx["problems"].as_array().unwrap();
    let unknown = problems
        .iter()
        .find(|p| p["rule"] == "ref/unknown")
        .expect("the unknown candidate is the cycle's problem");
    assert_eq!(unknown["nomination"], "2026h2-fosei");
    let (_, html, _) = run(ladderlint().current_dir(tmp.path()).arg("report"));
    assert!(
        html.contains("unknown person <code>fose</code>"),
        "ids as code"
    );
    let (_, md, _) = run(ladderlint()
        .current_dir(tmp.path())
        .args(["report", "--format", "markdown"]));
    assert!(md.contains("| 2026h2-fosei (fose) |"), "{md}");
}

#[test]
fn unknown_people_in_a_groups_file_are_named_in_every_format() {
    let tmp = demo_copy("");
    let groups = tmp.path().join("groups.csv");
    fs::write(&groups, "id,gender\njdenton,m\nghost1,f\nghost2,m\n").unwrap();
    for format in ["html", "markdown", "json"] {
        let (code, out, err) = run(ladderlint()
            .current_dir(tmp.path())
            .args(["report", "--format", format, "--groups"])
            .arg(&groups));
        assert_eq!(code, 0, "{err}");
        assert!(
            out.contains("ghost1") && out.contains("ghost2"),
            "{format} names them"
        );
        assert!(err.contains("ghost1"), "and says so on stderr: {err}");
    }
}

/// A People file of `n` people and one nomination for each, in the demo's
/// ladders and cycle.
fn large_cycle(n: usize) -> tempfile::TempDir {
    let tmp = demo_copy("");
    let mut people = fs::read_to_string(tmp.path().join("people/people.yaml")).unwrap();
    let outcomes = ["approved", "declined", "deferred", "withdrawn"];
    for i in 0..n {
        people.push_str(&format!(
            "  - {{ id: p{i}, name: Person {i}, org: org{}, manager: okafor, ladder: engineering, level: E4, joined: 2020-01-01, location: site{} }}\n",
            i % 7,
            i % 5
        ));
        let decision = if i % 10 == 0 {
            String::new()
        } else {
            format!(
                "review:\n  reviewers: [ahmed, lchen, sgarcia]\n  votes: {{ ahmed: approve, lchen: approve, sgarcia: approve }}\n\
                 decision:\n  outcome: {}\n  date: 2026-08-20\n  rationale: Evidence meets the level.\n  feedback: Keep going.\n",
                outcomes[i % 4]
            )
        };
        fs::write(
            tmp.path().join(format!("nominations/2026h2-p{i}.yaml")),
            format!(
                "kind: Nomination\nid: 2026h2-p{i}\ncycle: 2026-H2\ncandidate: p{i}\nladder: engineering\n\
                 from_level: E4\nto_level: E5\nnominated_by: p{i}\nsubmitted: 2026-06-20\n{decision}"
            ),
        )
        .unwrap();
    }
    fs::write(tmp.path().join("people/people.yaml"), people).unwrap();
    tmp
}

#[test]
fn a_large_cycle_stays_readable() {
    let tmp = large_cycle(2000);
    let (code, html, err) = run(ladderlint().current_dir(tmp.path()).arg("report"));
    assert_eq!(code, 0, "{err}");
    assert!(
        html.len() < 450_000,
        "the page is {} bytes for 2,010 nominations",
        html.len()
    );
    assert!(html.contains("2,010 nominations") || html.contains("2010 nominations"));
    assert!(html.contains("<details"), "the long lists fold");
    // Every nomination is still listed.
    for i in [0, 999, 1999] {
        assert!(html.contains(&format!("2026h2-p{i}<")), "p{i}");
    }
}

#[test]
fn diff_groups_word_changes_into_phrases() {
    let tmp = demo_copy("");
    let repo = git2::Repository::init(tmp.path()).unwrap();
    commit_all(&repo, "base");
    let eng = tmp.path().join("ladders/engineering.yaml");
    let text = fs::read_to_string(&eng).unwrap();
    let start = text.find("technical: ").unwrap() + "technical: ".len();
    let end = start + text[start..].find('\n').unwrap();
    let old = text[start..end].to_owned();
    fs::write(
        &eng,
        format!(
            "{}Owns the approved budget. Reports quarterly.{}",
            &text[..start],
            &text[end..]
        ),
    )
    .unwrap();
    commit_all(&repo, "one");
    fs::write(
        &eng,
        format!(
            "{}Owns the budget of the group. Reports quarterly.{}",
            &text[..start],
            &text[end..]
        ),
    )
    .unwrap();
    let (code, md, err) =
        run(ladderlint()
            .current_dir(tmp.path())
            .args(["diff", "HEAD", "--worktree"]));
    assert_eq!(code, 0, "{err}");
    assert!(!old.is_empty());
    assert!(
        md.contains("Owns the ~~approved budget.~~ **budget of the group.** Reports quarterly."),
        "{md}"
    );
}
