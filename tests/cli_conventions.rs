//! The command-line conventions people bring from ruff and eslint: several
//! paths, output files, statistics, colour, completions, `--verbose`, a
//! summary that names what was read, clickable paths, sizes with units,
//! clear errors for bad input; and no silent pass (a missing path, a file
//! outside `include`, no file at all, a `--select` that selects nothing).
//! Each runs the real binary on a real git repository.

mod common;

use common::*;
use std::fs;
use std::path::Path;

const NOM: &str = "nominations/2026h2-fosei.yaml";

/// The demo in a git repository (committed on `main`, checked out on
/// `pr`), with an unknown candidate in one nomination and an unknown
/// manager in the people file, both committed.
fn broken_repo(sub: &str) -> (tempfile::TempDir, git2::Repository) {
    let tmp = demo_copy(sub);
    let root = tmp.path().join(sub);
    edit(&root.join(NOM), "candidate: fosei", "candidate: fose");
    edit(
        &root.join("people/people.yaml"),
        "manager: trunty",
        "manager: truntyy",
    );
    let repo = repo_on_pr_branch(tmp.path());
    (tmp, repo)
}

fn lint(dir: &Path, args: &[&str]) -> (i32, String, String) {
    run(ladderlint().current_dir(dir).arg("lint").args(args))
}

/// The files of a `--format json` run.
fn files_of(out: &str) -> Vec<String> {
    let v: Vec<serde_json::Value> =
        serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let mut files: Vec<String> = v
        .iter()
        .map(|f| f["file"].as_str().unwrap().to_owned())
        .collect();
    files.dedup();
    files
}

/// The `X of Y` of a summary line: files with findings, files checked.
fn of_counts(summary: &str) -> (usize, usize) {
    let words: Vec<&str> = summary.split(' ').collect();
    let i = words.iter().position(|w| *w == "of").unwrap();
    (words[i - 1].parse().unwrap(), words[i + 1].parse().unwrap())
}

#[test]
fn several_paths_report_on_what_they_name_under_one_root() {
    let (tmp, _repo) = broken_repo("");
    let dir = tmp.path();
    let (code, out, err) = lint(dir, &["--format", "json"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(files_of(&out), [NOM, "people/people.yaml"]);
    // Two folders: the people file is checked (a nomination refers to it)
    // but not reported.
    let (code, out, err) = lint(dir, &["--format", "json", "nominations", "ladders"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(files_of(&out), [NOM]);
    let (code, out, err) = lint(dir, &["nominations", "ladders"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        out.ends_with("in 1 of 12 files checked.\n"),
        "10 nominations and 2 ladders: {out}"
    );
    // A folder and a file; the root named as `.` means all of it.
    let (code, out, _) = lint(dir, &["--format", "json", "ladders", "people/people.yaml"]);
    assert_eq!(
        (code, files_of(&out)),
        (1, vec!["people/people.yaml".to_owned()])
    );
    let (_, out, _) = lint(dir, &["--format", "json", ".", "ladders"]);
    assert_eq!(files_of(&out).len(), 2);
    // The same from a subfolder, with --rev and --staged too.
    for args in [&[][..], &["--rev", "HEAD"], &["--staged"]] {
        let (code, out, err) = lint(
            &dir.join("ladders"),
            &[args, &["--format", "json", "../nominations", "."]].concat(),
        );
        assert_eq!(
            (code, files_of(&out)),
            (1, vec![NOM.to_owned()]),
            "{args:?} {err}"
        );
    }
}

#[test]
fn paths_under_different_roots_are_an_error_naming_them() {
    let one = demo_copy("");
    let two = demo_copy("");
    let (code, out, err) = run(ladderlint()
        .arg("lint")
        .arg(one.path().join("nominations"))
        .arg(two.path().join("ladders")));
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("different roots"), "{err}");
    let canon = |p: &Path| p.canonicalize().unwrap().display().to_string();
    assert!(err.contains(&canon(one.path())), "{err}");
    assert!(err.contains(&canon(two.path())), "{err}");
}

#[test]
fn a_named_folder_with_nothing_to_check_is_an_error() {
    let (tmp, _repo) = broken_repo("");
    fs::create_dir(tmp.path().join("docs")).unwrap();
    fs::write(tmp.path().join("docs/notes.md"), "# notes\n").unwrap();
    let (code, out, err) = lint(tmp.path(), &["docs"]);
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("no files matched `include` under"), "{err}");
    assert!(err.contains("docs"), "{err}");
}

#[test]
fn output_files_take_their_format_from_the_extension() {
    let (tmp, _repo) = broken_repo("");
    let dir = tmp.path();
    let (code, out, err) = lint(
        dir,
        &[
            "--color",
            "always",
            "-o",
            "r.sarif",
            "-o",
            "r.json",
            "-o",
            "r.xml",
            "--output-file",
            "r.md",
            "-o",
            "r.txt",
            "-o",
            "r.log",
        ],
    );
    assert_eq!(code, 1, "{err}");
    // Standard output keeps --format (text), in colour as asked.
    assert!(out.contains("error[ref/unknown]") || out.contains("ref/unknown"));
    assert!(out.contains('\u{1b}'));
    let read = |name: &str| fs::read_to_string(dir.join(name)).unwrap();
    let sarif: serde_json::Value = serde_json::from_str(&read("r.sarif")).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 2);
    let json: Vec<serde_json::Value> = serde_json::from_str(&read("r.json")).unwrap();
    assert_eq!(json.len(), 2);
    let xml = read("r.xml");
    assert!(
        xml.starts_with("<?xml") && xml.contains("<testsuite"),
        "{xml}"
    );
    let md = read("r.md");
    assert!(md.contains("`ref/unknown`"), "{md}");
    let txt = read("r.txt");
    assert!(
        txt.starts_with(&format!("{NOM}:5:12: error[ref/unknown] ")),
        "{txt}"
    );
    // Any other extension: --format's, without colour in a file.
    let log = read("r.log");
    assert!(
        log.contains("--> nominations/2026h2-fosei.yaml:5:12"),
        "{log}"
    );
    assert!(!log.contains('\u{1b}'));
    // A configuration error is written to the files too, and exits 2.
    fs::write(
        dir.join("ladderlint.yaml"),
        "rules:\n  nomination/quorom: error\n",
    )
    .unwrap();
    let (code, _, _) = lint(dir, &["-o", "bad.sarif"]);
    assert_eq!(code, 2);
    let sarif: serde_json::Value = serde_json::from_str(&read("bad.sarif")).unwrap();
    assert_eq!(
        sarif["runs"][0]["results"][0]["ruleId"], "config/invalid",
        "{sarif}"
    );
}

#[test]
fn report_output_takes_its_format_from_the_extension() {
    let tmp = demo_copy("");
    let dir = tmp.path();
    for (name, check) in [
        ("r.md", (|t: &str| t.starts_with('#')) as fn(&str) -> bool),
        ("r.json", |t: &str| {
            serde_json::from_str::<serde_json::Value>(t).is_ok()
        }),
        ("r.html", |t: &str| {
            t.to_ascii_lowercase().starts_with("<!doctype html")
        }),
        ("r.out", |t: &str| {
            t.to_ascii_lowercase().starts_with("<!doctype html")
        }),
    ] {
        let (code, _, err) = run(ladderlint().current_dir(dir).args(["report", "-o", name]));
        assert_eq!(code, 0, "{err}");
        let text = fs::read_to_string(dir.join(name)).unwrap();
        assert!(check(&text), "{name}: {}", &text[..text.len().min(200)]);
    }
    // --format decides over the extension.
    let (code, _, _) = run(ladderlint()
        .current_dir(dir)
        .args(["report", "--format", "json", "-o", "x.md"]));
    assert_eq!(code, 0);
    let text = fs::read_to_string(dir.join("x.md")).unwrap();
    assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok());
}

#[test]
fn statistics_count_each_rule_most_first() {
    let (tmp, _repo) = broken_repo("");
    let dir = tmp.path();
    // A CRLF file (a warning), and two more unknown people, so that one
    // rule has 4 findings.
    let cycle = dir.join("cycles/2026-H2.yaml");
    fs::write(
        &cycle,
        fs::read_to_string(&cycle).unwrap().replace('\n', "\r\n"),
    )
    .unwrap();
    edit(
        &dir.join("nominations/2026h2-jdenton.yaml"),
        "candidate: jdenton",
        "candidate: jdentonn",
    );
    edit(
        &dir.join("nominations/2026h2-asingh.yaml"),
        "candidate: asingh",
        "candidate: asinghh",
    );
    let (_, out, _) = lint(dir, &["--format", "json"]);
    let findings: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let mut expected: Vec<(usize, String)> = Vec::new();
    for rule in rules_of(&findings) {
        match expected.iter_mut().find(|(_, r)| *r == rule) {
            Some(e) => e.0 += 1,
            None => expected.push((1, rule)),
        }
    }
    expected.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    assert!(expected.len() >= 2 && expected[0].0 >= 3, "{expected:?}");

    let (code, out, err) = lint(dir, &["--statistics"]);
    assert_eq!(code, 1, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), expected.len() + 1, "{out}");
    for ((n, rule), line) in expected.iter().zip(&lines) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(
            (cols[0], cols[1]),
            (n.to_string().as_str(), rule.as_str()),
            "{out}"
        );
    }
    let unknown = lines.iter().find(|l| l.contains("ref/unknown")).unwrap();
    assert!(unknown.contains(" error ") && unknown.contains("every reference resolves"));
    let encoding = lines
        .iter()
        .find(|l| l.contains("schema/encoding"))
        .unwrap();
    assert!(encoding.contains(" warning "), "{out}");
    assert!(lines.last().unwrap().starts_with("Found "), "{out}");

    let (_, out, _) = lint(dir, &["--statistics", "--format", "json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let got: Vec<(usize, String)> = rows
        .iter()
        .map(|r| {
            (
                r["count"].as_u64().unwrap() as usize,
                r["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(got, expected);
    let (code, _, err) = lint(dir, &["--statistics", "--format", "sarif"]);
    assert_eq!(code, 2);
    assert!(err.contains("--statistics"), "{err}");
}

#[test]
fn colour_follows_the_flag_then_no_color_then_force_color() {
    let (tmp, _repo) = broken_repo("");
    let coloured = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = ladderlint();
        cmd.current_dir(tmp.path()).arg("lint").args(args);
        cmd.env_remove("FORCE_COLOR").env_remove("CLICOLOR_FORCE");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let (code, out, _) = run(&mut cmd);
        assert_eq!(code, 1);
        out.contains('\u{1b}')
    };
    // Standard output is a pipe here.
    assert!(!coloured(&[], &[]));
    assert!(coloured(&["--color", "always"], &[]));
    assert!(coloured(&["--color=always"], &[("NO_COLOR", "1")]));
    assert!(coloured(&[], &[("FORCE_COLOR", "1")]));
    assert!(!coloured(&[], &[("FORCE_COLOR", "0")]));
    assert!(!coloured(&[], &[("FORCE_COLOR", "1"), ("NO_COLOR", "1")]));
    assert!(!coloured(&["--color", "never"], &[("FORCE_COLOR", "1")]));
    assert!(coloured(&["--color", "auto"], &[("FORCE_COLOR", "true")]));
}

#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, out, err) = run(ladderlint().args(["completions", shell]));
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(
            out.contains("ladderlint") && out.contains("lint"),
            "{shell}"
        );
    }
    let (code, _, _) = run(ladderlint().args(["completions", "tcsh"]));
    assert_eq!(code, 2);
    // The bash script loads in a real bash and completes a subcommand.
    if std::process::Command::new("bash")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("no bash on this machine: the bash script was not sourced");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let script = tmp.path().join("ladderlint.bash");
    fs::write(&script, run(ladderlint().args(["completions", "bash"])).1).unwrap();
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(
            "set -e; source \"$1\"; complete -p ladderlint; \
             COMP_WORDS=(ladderlint li); COMP_CWORD=1; _ladderlint ladderlint li ladderlint; \
             echo \"got: ${COMPREPLY[*]}\"; \
             COMP_WORDS=(ladderlint lint --sta); COMP_CWORD=2; _ladderlint ladderlint --sta lint; \
             echo \"got: ${COMPREPLY[*]}\"",
        )
        .arg("bash")
        .arg(&script)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("complete -o") && text.contains("-F _ladderlint ladderlint"),
        "{text}"
    );
    assert!(text.contains("got: lint"), "{text}");
    assert!(
        text.contains("--staged") && text.contains("--statistics"),
        "{text}"
    );
}

#[test]
fn verbose_says_which_root_configuration_and_source() {
    let (tmp, repo) = broken_repo("");
    let dir = tmp.path();
    let top = dir.canonicalize().unwrap().display().to_string();
    let (_, _, err) = lint(&dir.join("nominations"), &["--verbose"]);
    assert!(err.contains(&format!("root: {top} (")), "{err}");
    assert!(err.contains("configuration: `ladderlint.yaml`"), "{err}");
    assert!(err.contains("source: the working tree"), "{err}");
    let (_, _, err) = lint(dir, &["-v", "--rev", "HEAD"]);
    assert!(err.contains("source: revision HEAD"), "{err}");
    let (_, _, err) = lint(dir, &["-v", "--staged"]);
    assert!(err.contains("source: the index (--staged)"), "{err}");
    let base = repo.refname_to_id("refs/heads/main").unwrap().to_string();
    let (_, _, err) = lint(dir, &["-v", "--base", "main"]);
    assert!(
        err.contains(&format!(
            "configuration: `ladderlint.yaml` as of the merge base {}",
            &base[..7]
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "source: changes since main (merge base {})",
            &base[..7]
        )),
        "{err}"
    );
    // Without a configuration file: the git top-level, and the defaults.
    fs::remove_file(dir.join("ladderlint.yaml")).unwrap();
    let (_, _, err) = lint(&dir.join("nominations"), &["-v"]);
    assert!(
        err.contains(&format!("root: {top} (the top of the git work tree")),
        "{err}"
    );
    assert!(err.contains("configuration: none (the defaults)"), "{err}");
}

#[test]
fn the_summary_names_what_was_read_and_what_new_only_hid() {
    let (tmp, repo) = broken_repo("");
    let dir = tmp.path();
    let last = |out: &str| out.lines().last().unwrap_or_default().to_owned();
    let (_, out, _) = lint(dir, &[]);
    assert!(last(&out).ends_with("in 2 of 15 files checked."), "{out}");
    let (_, out, _) = lint(dir, &["--rev", "HEAD"]);
    assert!(last(&out).ends_with("checked in revision HEAD."), "{out}");
    let (_, out, _) = lint(dir, &["--staged"]);
    assert!(
        last(&out).ends_with("checked in the index (--staged)."),
        "{out}"
    );
    // A change on the pull request: the broken nomination is touched (its
    // existing finding is not new), and a second nomination broken.
    edit(
        &dir.join(NOM),
        "submitted: 2026-06-25",
        "submitted: 2026-06-26",
    );
    edit(
        &dir.join("nominations/2026h2-jdenton.yaml"),
        "candidate: jdenton",
        "candidate: jdentonn",
    );
    commit_all(&repo, "change");
    let base = repo.refname_to_id("refs/heads/main").unwrap().to_string();
    let scope = format!("in changes since main (merge base {})", &base[..7]);
    let (code, out, _) = lint(dir, &["--base", "main"]);
    assert_eq!(code, 1);
    let summary = last(&out);
    assert!(
        summary.ends_with(&format!("in 2 of 2 files checked {scope}.")),
        "{out}"
    );
    assert!(!summary.contains("hidden"));
    let (code, out, _) = lint(dir, &["--base", "main", "--new-only"]);
    assert_eq!(code, 1);
    let summary = last(&out);
    assert!(
        summary.contains(&format!(
            "Found 1 error, 0 warnings and 0 infos in 1 of 2 files checked {scope}."
        )),
        "{out}"
    );
    assert!(
        summary.ends_with(" 1 finding that already existed at the base was hidden (--new-only)."),
        "{out}"
    );
    // Only the findings of the files named count as hidden.
    let (_, out, _) = lint(dir, &["--base", "main", "--new-only", NOM]);
    assert!(
        last(&out)
            .ends_with(" 1 finding that already existed at the base was hidden (--new-only)."),
        "{out}"
    );
    let (_, out, _) = lint(
        dir,
        &[
            "--base",
            "main",
            "--new-only",
            "nominations/2026h2-jdenton.yaml",
        ],
    );
    assert!(
        last(&out)
            .ends_with(" No finding that already existed at the base was hidden (--new-only)."),
        "{out}"
    );
    // A change whose findings land in unchanged files: never more files
    // with findings than files checked.
    edit(&dir.join("people/people.yaml"), "id: fosei", "id: fosei2");
    commit_all(&repo, "rename a person");
    let (code, out, _) = lint(dir, &["--base", "main"]);
    assert_eq!(code, 1);
    let (with, checked) = of_counts(&last(&out));
    assert!(with >= 2 && with <= checked, "{out}");
    let (_, out, _) = lint(dir, &["--base", "main", "--format", "concise", NOM]);
    let (with, checked) = of_counts(&last(&out));
    assert!(with <= checked, "{out}");
}

/// The paths of a concise run, and whether each exists from `cwd`.
fn shown_paths(cwd: &Path, args: &[&str]) -> Vec<String> {
    let (_, out, err) = lint(cwd, &[&["--format", "concise"], args].concat());
    let paths: Vec<String> = out
        .lines()
        .filter(|l| l.contains(": error["))
        .map(|l| l.split(':').next().unwrap().to_owned())
        .collect();
    assert!(!paths.is_empty(), "{out}{err}");
    for p in &paths {
        assert!(
            cwd.join(p).is_file(),
            "`{p}` does not lead to the file from {}",
            cwd.display()
        );
    }
    paths
}

#[test]
fn text_paths_are_relative_to_the_current_directory() {
    // A monorepo: the ladder repository is `hr/career/` inside it.
    let (tmp, _repo) = broken_repo("hr/career");
    let top = tmp.path();
    let career = top.join("hr/career");
    assert_eq!(
        shown_paths(top, &["hr/career"]),
        [
            "hr/career/nominations/2026h2-fosei.yaml",
            "hr/career/people/people.yaml"
        ]
    );
    assert_eq!(shown_paths(&career, &[]), [NOM, "people/people.yaml"]);
    assert_eq!(
        shown_paths(&career.join("nominations"), &[]),
        ["../nominations/2026h2-fosei.yaml", "../people/people.yaml"]
    );
    assert_eq!(
        shown_paths(&top.join("hr"), &["career/nominations"]),
        ["career/nominations/2026h2-fosei.yaml"]
    );
    // The text format too, and its related locations.
    let (_, out, _) = lint(&career.join("nominations"), &[]);
    assert!(
        out.contains("--> ../nominations/2026h2-fosei.yaml:5:12"),
        "{out}"
    );
    // Machine formats keep their paths: JSON from the root, SARIF from the
    // top of the git work tree (as code scanning resolves them).
    let (_, out, _) = lint(&career.join("nominations"), &["--format", "json"]);
    assert_eq!(files_of(&out), [NOM, "people/people.yaml"]);
    let (_, out, _) = lint(&career.join("nominations"), &["--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
    let uri =
        &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(uri["uri"], format!("hr/career/{NOM}"), "{uri}");
}

#[test]
fn max_file_size_takes_units() {
    let (tmp, _repo) = broken_repo("");
    let too_big = |args: &[&str]| -> Vec<String> {
        let (_, out, err) = lint(tmp.path(), &[&["--format", "json"], args].concat());
        let v: Vec<serde_json::Value> =
            serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}{err}"));
        v.iter()
            .filter(|f| f["message"].as_str().unwrap().contains("over the limit"))
            .map(|f| f["file"].as_str().unwrap().to_owned())
            .collect()
    };
    let ladders = fs::metadata(tmp.path().join("ladders/engineering.yaml"))
        .unwrap()
        .len();
    assert!(ladders > 4096 && ladders < 10_000, "{ladders}");
    assert!(too_big(&[]).is_empty());
    assert!(too_big(&["--max-file-size", "500KB"]).is_empty());
    let four_kib = too_big(&["--max-file-size", "4KiB"]);
    assert!(
        four_kib.contains(&"ladders/engineering.yaml".to_owned()),
        "{four_kib:?}"
    );
    assert_eq!(too_big(&["--max-file-size", "4096"]), four_kib);
    assert_eq!(too_big(&["--max-file-size", "4 KiB"]), four_kib);
    // 4 KB is 4,000 bytes: a file between the two is over one limit only.
    fs::write(
        tmp.path().join("nominations/pad.yaml"),
        format!("# {}\n", "x".repeat(4040)),
    )
    .unwrap();
    let kb = too_big(&["--max-file-size", "4KB"]);
    assert!(
        kb.contains(&"nominations/pad.yaml".to_owned())
            && !four_kib.contains(&"nominations/pad.yaml".to_owned())
    );
    let (code, _, err) = lint(tmp.path(), &["--max-file-size", "4XB"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--max-file-size") && err.contains("4MiB"),
        "{err}"
    );
}

#[test]
fn a_bad_today_is_reported_once_naming_where_it_came_from() {
    let tmp = demo_copy("");
    let dir = tmp.path();
    for cmd in [&["lint"][..], &["report"], &["init", "new"]] {
        let (code, _, err) = run(ladderlint()
            .current_dir(dir)
            .args(cmd)
            .args(["--today", "2026-13-01"]));
        assert_eq!(code, 2, "{cmd:?}");
        assert_eq!(err.matches("not a date").count(), 1, "{cmd:?}: {err}");
        assert_eq!(
            err.matches("could not be parsed").count(),
            0,
            "{cmd:?}: {err}"
        );
        assert!(
            err.contains("--today `2026-13-01`") && !err.contains("LADDERLINT_TODAY"),
            "{err}"
        );
        let (code, _, err) = run(ladderlint()
            .current_dir(dir)
            .args(cmd)
            .env("LADDERLINT_TODAY", "01/08/2026"));
        assert_eq!(code, 2, "{cmd:?}");
        assert_eq!(err.matches("not a date").count(), 1, "{cmd:?}: {err}");
        assert!(
            err.contains("LADDERLINT_TODAY `01/08/2026`") && !err.contains("--today"),
            "{err}"
        );
        // The flag decides over the environment.
        let (code, _, err) = run(ladderlint()
            .current_dir(dir)
            .args(cmd)
            .args(["--today", "2026-08-01"])
            .env("LADDERLINT_TODAY", "soon"));
        assert_ne!(code, 2, "{cmd:?}: {err}");
        let _ = fs::remove_dir_all(dir.join("new"));
    }
}

#[test]
fn explain_suggests_a_rule_by_its_last_part_and_select_too() {
    let (code, _, err) = run(ladderlint().args(["explain", "quorum"]));
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `nomination/quorum`?"), "{err}");
    let (code, _, err) = run(ladderlint().args(["explain", "quorom"]));
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `nomination/quorum`?"), "{err}");
    let tmp = demo_copy("");
    for select in ["quorum", "nomination/quorom"] {
        let (code, out, err) = lint(tmp.path(), &["--select", select]);
        assert_eq!(code, 2, "{out}");
        assert!(
            err.contains(&format!("--select `{select}` matches no rule")),
            "{err}"
        );
        assert!(err.contains("did you mean `nomination/quorum`?"), "{err}");
    }
}

#[test]
fn diff_on_a_missing_root_says_it_does_not_exist() {
    let (tmp, _repo) = broken_repo("");
    let (code, out, err) =
        run(ladderlint()
            .current_dir(tmp.path())
            .args(["diff", "main", "--root", "hr/nowhere"]));
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("`hr/nowhere` does not exist"), "{err}");
}

// No silent passes.

#[test]
fn a_path_that_does_not_exist_exits_2() {
    let (tmp, _repo) = broken_repo("");
    for args in [&["nominations/nobody.yaml"][..], &["ladders", "nominatons"]] {
        let (code, out, err) = lint(tmp.path(), args);
        assert_eq!(code, 2, "{args:?}: {out}");
        assert!(err.contains("does not exist"), "{err}");
    }
}

#[test]
fn an_explicit_file_outside_include_is_checked_and_reported() {
    let (tmp, repo) = broken_repo("");
    let dir = tmp.path();
    fs::create_dir(dir.join("drafts")).unwrap();
    fs::write(
        dir.join("drafts/late.yaml"),
        fs::read_to_string(dir.join("nominations/2026h2-jdenton.yaml"))
            .unwrap()
            .replace("id: 2026h2-jdenton", "id: draft-late")
            .replace("candidate: jdenton", "candidate: nobody"),
    )
    .unwrap();
    commit_all(&repo, "a draft");
    // Not in `include`: a plain run does not read it.
    let (_, out, _) = lint(dir, &["--format", "json"]);
    assert!(!out.contains("drafts/late.yaml"));
    for args in [&[][..], &["--rev", "HEAD"], &["--staged"]] {
        let (code, out, err) = lint(
            dir,
            &[args, &["--format", "json", "drafts/late.yaml"]].concat(),
        );
        assert_eq!(code, 1, "{args:?}: {err}");
        assert_eq!(files_of(&out), ["drafts/late.yaml"], "{args:?}");
        assert!(out.contains("unknown person `nobody`"), "{out}");
    }
    let (_, out, _) = lint(dir, &["drafts/late.yaml"]);
    assert!(out.ends_with("in 1 of 1 file checked.\n"), "{out}");
}

#[test]
fn zero_files_checked_exits_2() {
    let (tmp, repo) = broken_repo("");
    let dir = tmp.path();
    fs::write(
        dir.join("ladderlint.yaml"),
        "include: [\"policies/**/*.yaml\"]\n",
    )
    .unwrap();
    commit_all(&repo, "include nothing");
    let root = dir.canonicalize().unwrap().display().to_string();
    for args in [&[][..], &["--staged"], &["--base", "HEAD"]] {
        let (code, out, err) = lint(dir, args);
        assert_eq!(code, 2, "{args:?}: {out}");
        assert!(
            err.contains(&format!("no files matched `include` under {root}")),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn the_root_is_found_upward_from_the_current_directory() {
    let (tmp, _repo) = broken_repo("");
    let dir = tmp.path();
    let (code, out, _) = lint(&dir.join("nominations"), &["--format", "json"]);
    assert_eq!(
        (code, files_of(&out)),
        (1, vec![NOM.to_owned(), "people/people.yaml".to_owned()])
    );
    // With `.ladderlint.yaml`, and with no configuration (the git top-level).
    fs::rename(dir.join("ladderlint.yaml"), dir.join(".ladderlint.yaml")).unwrap();
    let (code, out, _) = lint(&dir.join("nominations"), &["--format", "json"]);
    assert_eq!(files_of(&out).len(), 2, "{out}");
    assert_eq!(code, 1);
    fs::remove_file(dir.join(".ladderlint.yaml")).unwrap();
    let (code, out, _) = lint(&dir.join("people"), &["--format", "json"]);
    assert_eq!((code, files_of(&out).len()), (1, 2), "{out}");
    // A nearer configuration makes a nearer root.
    fs::write(
        dir.join("nominations/ladderlint.yaml"),
        "include: [\"*.yaml\"]\n",
    )
    .unwrap();
    let (_, out, err) = lint(&dir.join("nominations"), &["-v"]);
    let nominations = dir.join("nominations").canonicalize().unwrap();
    assert!(
        err.contains(&format!("root: {}", nominations.display())),
        "{err}"
    );
    assert!(out.contains("files checked"), "{out}");
}

/// A repository whose `main` moved on after `pr` left it: the base
/// changed a level title, the pull request a band.
fn diverged() -> (tempfile::TempDir, git2::Repository) {
    let tmp = demo_copy("");
    let repo = repo_on_pr_branch(tmp.path());
    let ladder = tmp.path().join("ladders/engineering.yaml");
    edit(
        &ladder,
        "band: { min: 150000, max: 190000 }",
        "band: { min: 150000, max: 200000 }",
    );
    commit_all(&repo, "pr: raise a band");
    // Move `main` on without touching the pull request's branch.
    let pr_tree = fs::read_to_string(&ladder).unwrap();
    repo.set_head("refs/heads/main").unwrap();
    repo.checkout_head(Some(git2::build::CheckoutBuilder::new().force()))
        .unwrap();
    edit(
        &ladder,
        "title: Senior Engineer",
        "title: Senior Software Engineer",
    );
    commit_all(&repo, "main: rename a level");
    repo.set_head("refs/heads/pr").unwrap();
    repo.checkout_head(Some(git2::build::CheckoutBuilder::new().force()))
        .unwrap();
    assert_eq!(fs::read_to_string(&ladder).unwrap(), pr_tree);
    (tmp, repo)
}

#[test]
fn diff_compares_from_the_merge_base_and_finds_the_root_upward() {
    let (tmp, _repo) = diverged();
    let from_top = run(ladderlint()
        .current_dir(tmp.path())
        .args(["diff", "main", "--format", "json"]));
    assert_eq!(from_top.0, 0, "{}", from_top.2);
    let d: serde_json::Value = serde_json::from_str(&from_top.1).unwrap();
    let text = d.to_string();
    assert!(
        text.contains("200000"),
        "the pull request's band change: {text}"
    );
    assert!(
        !text.contains("Senior Software Engineer"),
        "main's later rename is not this change: {text}"
    );
    let from_sub = run(ladderlint()
        .current_dir(tmp.path().join("nominations"))
        .args(["diff", "main", "--format", "json"]));
    assert_eq!(from_sub.0, 0, "{}", from_sub.2);
    assert_eq!(from_sub.1, from_top.1);
}

#[test]
fn diff_says_a_ladder_that_does_not_parse_is_an_error_not_removed() {
    let (tmp, _repo) = diverged();
    fs::write(
        tmp.path().join("ladders/product.yaml"),
        "kind: Ladder\nid: product\nlevels: [ {id: P1\n",
    )
    .unwrap();
    let (code, out, err) =
        run(ladderlint()
            .current_dir(tmp.path())
            .args(["diff", "main", "--worktree"]));
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("ladders/product.yaml:3:"), "{err}");
    assert!(err.contains("fix it before comparing ladders"), "{err}");
    assert!(!out.contains("removed"), "{out}");
}
