//! `lint --write-waivers FILE`: the findings of a run written as waivers,
//! a baseline for adopting ladderlint on a repository that already has
//! findings. Every entry is written with an empty `reason` and
//! `approved_by` for a person to fill in: until then it is a
//! `suppression/invalid` error and waives nothing, so an unreviewed
//! baseline cannot pass.

use super::waivers::{waivable, Waiver, WaiversFile};
use crate::finding::{Finding, RuleId};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// How long a written waiver lasts.
pub const DAYS: i64 = 90;

/// What was written.
pub struct Written {
    pub text: String,
    /// Entries kept from the file being replaced.
    pub kept: usize,
    /// New entries, to fill in.
    pub added: usize,
    /// Findings covered.
    pub covered: usize,
    /// Findings that no waiver may cover (`suppression/`, `config/invalid`,
    /// rules set `suppressible: false`).
    pub unwaivable: Vec<Finding>,
}

/// The waivers for `findings`: the entries of `previous` (the file being
/// replaced) that still cover one are kept as they are; every other
/// finding gets a new entry (one per rule, file and pointer) expiring
/// [`DAYS`] after `today`.
pub fn write(
    findings: &[Finding],
    previous: Option<&WaiversFile>,
    unsuppressible: &BTreeSet<RuleId>,
    today: &str,
) -> Written {
    let expires = crate::dates::parse(today)
        .and_then(|d| d.checked_add(time::Duration::days(DAYS)))
        .map_or_else(|| today.to_owned(), crate::dates::format);
    let mut kept: Vec<&Waiver> = Vec::new();
    let mut added: Vec<(Waiver, &Finding)> = Vec::new();
    let mut unwaivable = Vec::new();
    let mut covered = 0;
    for f in findings {
        if !waivable(f.rule) || unsuppressible.contains(&f.rule) {
            unwaivable.push(f.clone());
            continue;
        }
        covered += 1;
        let old = previous
            .into_iter()
            .flat_map(|p| p.entries.iter())
            .map(|e| &e.waiver)
            .find(|w| w.covers(f));
        if let Some(w) = old {
            if !kept.contains(&w) {
                kept.push(w);
            }
            continue;
        }
        if added.iter().any(|(w, _)| w.covers(f)) {
            continue;
        }
        added.push((
            Waiver {
                rule: f.rule.as_str().to_owned(),
                file: f.file.clone(),
                pointer: (!f.pointer.is_empty()).then(|| f.pointer.clone()),
                reason: String::new(),
                approved_by: String::new(),
                expires: expires.clone(),
            },
            f,
        ));
    }
    let mut text = format!(
        "# Waivers: findings accepted for a time. `ladderlint schema Waivers` prints the\n\
         # schema of this file.\n\
         #\n\
         # Written by `ladderlint lint --write-waivers` on {today}. Before committing,\n\
         # fill in each `reason` (why the finding is accepted) and `approved_by` (the\n\
         # People id of who approved it): until then each entry is a `suppression/invalid`\n\
         # error and waives nothing. `expires` is the last day a waiver applies.\n\
         waivers:\n"
    );
    if kept.is_empty() && added.is_empty() {
        text = text.replace("waivers:\n", "waivers: []\n");
    }
    for w in &kept {
        entry(&mut text, w, None);
    }
    for (w, f) in &added {
        entry(&mut text, w, Some(f));
    }
    Written {
        text,
        kept: kept.len(),
        added: added.len(),
        covered,
        unwaivable,
    }
}

fn entry(out: &mut String, w: &Waiver, new: Option<&Finding>) {
    if let Some(f) = new {
        let _ = writeln!(
            out,
            "  # {}:{}: {}",
            f.span.line,
            f.span.column,
            comment(&f.message)
        );
    }
    let _ = writeln!(out, "  - rule: {}", scalar(&w.rule));
    let _ = writeln!(out, "    file: {}", scalar(&w.file));
    if let Some(p) = &w.pointer {
        let _ = writeln!(out, "    pointer: {}", scalar(p));
    }
    let fill = |s: &str, what: &str| match (s.is_empty(), new.is_some()) {
        (true, true) => format!("\"\"  # fill in: {what}"),
        _ => scalar(s),
    };
    let _ = writeln!(
        out,
        "    reason: {}",
        fill(&w.reason, "why this finding is accepted")
    );
    let _ = writeln!(
        out,
        "    approved_by: {}",
        fill(&w.approved_by, "the People id of who approved it")
    );
    let _ = writeln!(out, "    expires: {}", scalar(&w.expires));
}

/// A message as one line of a comment.
fn comment(s: &str) -> String {
    crate::escape::visible(s).replace(['\r', '\n'], " ")
}

/// `s` as a YAML scalar: plain when it reads back as the same string,
/// else double-quoted (JSON's escapes are YAML's).
fn scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_./-".contains(c))
        && s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '_')
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
        );
    let date = crate::dates::parse(s).is_some();
    if plain || date {
        s.to_owned()
    } else {
        serde_json::to_string(s).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_read_back_as_written() {
        for s in [
            "nominations/a.yaml",
            "ref/unknown",
            "/review/votes/lchen",
            "yes",
            "a: b",
            "# x",
            "é \"q\" \\ \n",
            "",
            "123",
            "-x",
            "/a~1b/0",
        ] {
            let text = format!("k: {}\n", scalar(s));
            let file = crate::load::load("x.yaml", text.as_bytes(), &Default::default());
            assert!(file.findings.is_empty(), "{s:?}: {:?}", file.findings);
            let doc = &file.documents()[0];
            assert_eq!(
                doc.root.get("k").and_then(|n| n.as_str()),
                Some(s),
                "{text}"
            );
        }
    }
}
