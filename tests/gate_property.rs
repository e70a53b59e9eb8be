//! The soundness of changed-only mode as a property: on a generated
//! organisation, for a few hundred random single-file edits of the kinds a
//! pull request makes (delete or rename a person, change a manager or a
//! level, add a nomination, change a cycle, edit a ladder, add a file that
//! redefines an id), the findings of `--base` include every finding of a
//! full lint of the head that a full lint of the base does not have, and
//! nothing a full lint of the head does not have.

mod common;
#[path = "../examples/gen_corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

use ladderlint::config::Config;
use ladderlint::finding::Finding;
use ladderlint::source::{Mode, Root};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

const TODAY: &str = "2026-08-01";

fn edits() -> usize {
    std::env::var("LADDERLINT_PROPERTY_EDITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
}

fn files(dir: &Path, folder: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.join(folder)];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// One edit: the files it wrote (with their earlier content, `None` for a
/// new file), and what it did.
struct Edit {
    undo: Vec<(PathBuf, Option<String>)>,
    what: String,
}

fn person_lines(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("- { id: "))
        .map(|(i, _)| i)
        .collect()
}

fn field<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let start = line.find(&format!("{key}: "))? + key.len() + 2;
    let rest = &line[start..];
    let end = rest.find([',', ' ', '}']).unwrap_or(rest.len());
    Some(&rest[..end])
}

fn replace_line(text: &str, at: usize, with: Option<String>) -> String {
    let mut out = String::new();
    for (i, l) in text.lines().enumerate() {
        if i == at {
            if let Some(w) = &with {
                out.push_str(w);
                out.push('\n');
            }
        } else {
            out.push_str(l);
            out.push('\n');
        }
    }
    out
}

fn random_edit(rng: &mut fastrand::Rng, dir: &Path, n: usize) -> Option<Edit> {
    let people = files(dir, "people");
    let mut ids = Vec::new();
    let mut levels = BTreeSet::new();
    for p in &people {
        let text = fs::read_to_string(p).unwrap();
        for l in text.lines() {
            if let Some(id) = field(l, "id") {
                ids.push(id.to_owned());
            }
            if let Some(lv) = field(l, "level") {
                levels.insert(lv.to_owned());
            }
        }
    }
    let levels: Vec<String> = levels.into_iter().collect();
    let write = |path: PathBuf, text: String, what: String| -> Edit {
        let old = fs::read_to_string(&path).ok();
        fs::write(&path, text).unwrap();
        Edit {
            undo: vec![(path, old)],
            what,
        }
    };
    let kind = rng.usize(0..8);
    match kind {
        0..=3 => {
            let file = rng.choice(&people)?.clone();
            let text = fs::read_to_string(&file).unwrap();
            let at = *rng.choice(&person_lines(&text))?;
            let line = text.lines().nth(at)?.to_owned();
            let id = field(&line, "id")?.to_owned();
            let (new, what) = match kind {
                0 => (None, format!("delete person {id}")),
                1 => (
                    Some(line.replacen(&format!("id: {id},"), &format!("id: {id}-r,"), 1)),
                    format!("rename person {id}"),
                ),
                2 => {
                    let m = rng.choice(&ids)?;
                    let new = match field(&line, "manager") {
                        Some(old) => {
                            line.replacen(&format!("manager: {old}"), &format!("manager: {m}"), 1)
                        }
                        None => line.replacen(", ladder:", &format!(", manager: {m}, ladder:"), 1),
                    };
                    (Some(new), format!("manager of {id} -> {m}"))
                }
                _ => {
                    let lv = rng.choice(&levels)?;
                    let old = field(&line, "level")?;
                    (
                        Some(line.replacen(&format!("level: {old}"), &format!("level: {lv}"), 1)),
                        format!("level of {id} -> {lv}"),
                    )
                }
            };
            Some(write(file, replace_line(&text, at, new), what))
        }
        4 => {
            let noms = files(dir, "nominations");
            let from = rng.choice(&noms)?.clone();
            let text = fs::read_to_string(&from).unwrap();
            let old_id = text
                .lines()
                .find_map(|l| l.strip_prefix("id: "))?
                .to_owned();
            let new_id = format!("zz-new-{n}");
            let mut new = text.replacen(&format!("id: {old_id}"), &format!("id: {new_id}"), 1);
            if rng.bool() {
                let cand = text
                    .lines()
                    .find_map(|l| l.strip_prefix("candidate: "))?
                    .to_owned();
                let other = rng.choice(&ids)?;
                new = new.replacen(
                    &format!("candidate: {cand}"),
                    &format!("candidate: {other}"),
                    1,
                );
            }
            if rng.bool() {
                if let Some(sub) = text.lines().find_map(|l| l.strip_prefix("submitted: ")) {
                    new = new.replacen(&format!("submitted: {sub}"), "submitted: 2020-01-02", 1);
                }
            }
            let to = from.with_file_name(format!("{new_id}.yaml"));
            Some(write(to, new, format!("new nomination like {old_id}")))
        }
        5 => {
            let cycles = files(dir, "cycles");
            let file = rng.choice(&cycles)?.clone();
            let text = fs::read_to_string(&file).unwrap();
            let (new, what) = if rng.bool() {
                let q = rng.usize(1..7);
                (
                    text.replacen("quorum: 3", &format!("quorum: {q}"), 1),
                    format!("quorum {q}"),
                )
            } else {
                let start = text.find("board: [")? + 8;
                let end = start + text[start..].find([',', ']'])?;
                let mut t = text.clone();
                t.replace_range(start..(end + 1).min(t.len()), "");
                (t, "board member removed".to_owned())
            };
            Some(write(file, new, format!("cycle: {what}")))
        }
        6 => {
            let ladders = files(dir, "ladders");
            let file = rng.choice(&ladders)?.clone();
            let text = fs::read_to_string(&file).unwrap();
            let lines: Vec<usize> = text
                .lines()
                .enumerate()
                .filter(|(_, l)| {
                    l.starts_with(' ')
                        && l.trim_start().trim_start_matches("- ").starts_with("id: ")
                })
                .map(|(i, _)| i)
                .collect();
            let at = *rng.choice(&lines)?;
            let line = format!("{}x", text.lines().nth(at)?);
            Some(write(
                file,
                replace_line(&text, at, Some(line.clone())),
                format!("ladder: {line}"),
            ))
        }
        _ => {
            if rng.bool() {
                let cycles = files(dir, "cycles");
                let from = rng.choice(&cycles)?;
                let text = fs::read_to_string(from)
                    .unwrap()
                    .replacen("quorum: 3", "quorum: 1", 1);
                Some(write(
                    dir.join("cycles/0-override.yaml"),
                    text,
                    "cycle redefined".into(),
                ))
            } else {
                let file = rng.choice(&people)?;
                let text = fs::read_to_string(file).unwrap();
                let at = *rng.choice(&person_lines(&text))?;
                let line = text.lines().nth(at)?;
                let lv = rng.choice(&levels)?;
                let old = field(line, "level")?;
                let line = line.replacen(&format!("level: {old}"), &format!("level: {lv}"), 1);
                Some(write(
                    dir.join("people/zz-more.yaml"),
                    format!("kind: People\npeople:\n{line}\n"),
                    format!("person redefined: {line}"),
                ))
            }
        }
    }
}

fn undo(edit: Edit) {
    for (path, old) in edit.undo {
        match old {
            Some(text) => fs::write(&path, text).unwrap(),
            None => fs::remove_file(&path).unwrap(),
        }
    }
}

fn full(root: &Root, mode: &Mode) -> Vec<Finding> {
    let (config, _) = Config::discover(root, mode, None).unwrap().unwrap();
    ladderlint::lint::run(root, mode, &config, TODAY, &Default::default(), None)
        .unwrap()
        .1
}

#[test]
fn changed_only_mode_reports_every_finding_a_change_introduces() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("org");
    let opts = gen_corpus::Options {
        nominations: 80,
        people: 200,
        cycles: 2,
        seed: 11,
        violations: 0.05,
        worktree: true,
    };
    gen_corpus::generate(&opts, &dir).unwrap();
    let (root, _) = Root::discover(std::slice::from_ref(&dir)).unwrap();
    let base = full(&root, &Mode::Rev("main".into()));
    let before: BTreeSet<String> = base.iter().map(Finding::fingerprint).collect();
    let mut rng = fastrand::Rng::with_seed(5);
    let (mut checked, mut introducing, mut outside) = (0, 0, 0);
    for n in 0..edits() {
        let Some(edit) = random_edit(&mut rng, &dir, n) else {
            continue;
        };
        let head = full(&root, &Mode::Worktree);
        let outcome = common::changed_only(&root, &[], TODAY);
        let reported: BTreeSet<String> =
            outcome.findings.iter().map(Finding::fingerprint).collect();
        let all: BTreeSet<String> = head.iter().map(Finding::fingerprint).collect();
        let new: Vec<&Finding> = head
            .iter()
            .filter(|f| !before.contains(&f.fingerprint()))
            .collect();
        for f in &new {
            assert!(
                reported.contains(&f.fingerprint()),
                "edit {n} ({}): missed {} at {}{}: {}",
                edit.what,
                f.rule,
                f.file,
                f.pointer,
                f.message
            );
        }
        for f in &outcome.findings {
            assert!(
                all.contains(&f.fingerprint()),
                "edit {n} ({}): reported what a full lint does not: {} at {}: {}",
                edit.what,
                f.rule,
                f.file,
                f.message
            );
        }
        checked += 1;
        introducing += usize::from(!new.is_empty());
        outside += usize::from(new.iter().any(|f| !outcome.changed.contains(&f.file)));
        undo(edit);
    }
    // The edits were of consequence: most introduce findings, many of them
    // in files the edit did not touch.
    assert!(checked * 10 >= edits() * 9, "{checked} edits checked");
    assert!(introducing * 2 >= checked, "{introducing} of {checked}");
    assert!(outside * 5 >= checked, "{outside} of {checked}");
}
