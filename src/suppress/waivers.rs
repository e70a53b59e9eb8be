//! The waivers file (`ladderlint-waivers.yaml` at the root, or where
//! `waivers:` in the configuration says): findings accepted for a time.
//! Each waiver names a rule, a file and optionally a JSON pointer (the
//! node and everything below it), says why, who approved it (a person in
//! People) and the last day it applies. A waiver that is malformed, has no
//! reason or approver, names an unknown rule or person, or waives a rule
//! that cannot be waived waives nothing (`suppression/invalid`); an
//! expired one waives nothing either (`suppression/expired`), and one that
//! matches no finding is `suppression/unused`.

use crate::finding::{Finding, Related, RuleId, Severity};
use crate::load::{self, LoadedFile};
use crate::rules::suppression::{EXPIRED, INVALID};
use std::collections::{BTreeSet, HashMap};

/// Where the waivers file is when the configuration does not say.
pub const DEFAULT_PATH: &str = "ladderlint-waivers.yaml";

/// One waiver as written. Equal waivers are the same decision: in
/// changed-only mode a waiver applies only when the base has an equal one.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    pub rule: String,
    pub file: String,
    #[serde(default)]
    pub pointer: Option<String>,
    pub reason: String,
    pub approved_by: String,
    pub expires: String,
}

impl Waiver {
    /// Whether it covers `f`: same rule and file, and, with a pointer, a
    /// finding at that node or below it (`/a/1` covers `/a/1/b`, not `/a/10`).
    pub fn covers(&self, f: &Finding) -> bool {
        f.rule.as_str() == self.rule
            && f.file == self.file
            && self.pointer.as_deref().is_none_or(|p| {
                p.is_empty()
                    || f.pointer == p
                    || f.pointer
                        .strip_prefix(p)
                        .is_some_and(|r| r.starts_with('/'))
            })
    }

    /// What it waives, for messages: `` `rule` in `file` at `/pointer` ``.
    pub fn target(&self) -> String {
        let mut s = format!("`{}` in `{}`", self.rule, self.file);
        if let Some(p) = self.pointer.as_deref().filter(|p| !p.is_empty()) {
            s.push_str(&format!(" at `{p}`"));
        }
        s
    }
}

/// A well-formed entry of the file.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Its index in `waivers:`.
    pub index: usize,
    pub waiver: Waiver,
    /// False for a waiver that this run does not apply: in changed-only
    /// mode, one the base does not have (a change cannot waive its own
    /// findings).
    pub applies: bool,
}

/// The waivers file, read and checked for form.
#[derive(Clone, Debug)]
pub struct WaiversFile {
    pub file: LoadedFile,
    /// The well-formed entries, in order.
    pub entries: Vec<Entry>,
    /// Problems of form: syntax, and the schema (`suppression/invalid`).
    pub problems: Vec<Finding>,
    /// Changed-only mode loads only some files: a waiver of a file that was
    /// not loaded is judged unused only when that file is in this set (the
    /// changed files). `None`: every file was loaded.
    pub judged_unloaded: Option<BTreeSet<String>>,
}

/// What one waiver is in a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// It waives the findings it covers.
    Active,
    /// Past its date: its findings are reported, noting it.
    Expired,
    /// Not applied in this run (changed-only mode, not on the base).
    Pending,
    /// It has problems: it waives nothing.
    Invalid,
}

/// The waivers checked against a repository and a date.
pub struct Checked<'a> {
    pub waivers: &'a WaiversFile,
    /// The state of each entry (same order as `entries`).
    pub states: Vec<State>,
    /// Findings about the file and its entries.
    pub findings: Vec<Finding>,
    /// Entries by (rule, file), for matching findings.
    by_target: HashMap<(&'a str, &'a str), Vec<usize>>,
}

/// The rules whose findings a waiver may not cover: the checks of
/// suppressions themselves, and a configuration that cannot be read.
pub fn waivable(rule: RuleId) -> bool {
    rule.group() != "suppression" && rule != crate::rules::config::INVALID.id
}

impl WaiversFile {
    /// Read the waivers file `path` (relative to the root) from its bytes.
    pub fn parse(path: &str, bytes: &[u8]) -> WaiversFile {
        let file = load::load(path, bytes, &load::Limits::default());
        let mut problems = file.findings.clone();
        let mut entries = Vec::new();
        match file.documents() {
            [] => {}
            [doc] => {
                let json = doc.root.to_json();
                if !matches!(json, serde_json::Value::Null) {
                    for mut f in crate::rules::schema::invalid::validate_against(
                        &file,
                        0,
                        crate::schema::waivers(),
                        "waivers file",
                        &json,
                    ) {
                        f.rule = INVALID.id;
                        problems.push(f);
                    }
                }
                let bad = |i: usize| {
                    let at = format!("/waivers/{i}");
                    problems.iter().any(|p| {
                        p.pointer.is_empty()
                            || p.pointer == "/waivers"
                            || p.pointer == at
                            || p.pointer.starts_with(&format!("{at}/"))
                    })
                };
                if let Some(items) = json.get("waivers").and_then(|w| w.as_array()) {
                    for (index, item) in items.iter().enumerate() {
                        if bad(index) {
                            continue;
                        }
                        if let Ok(waiver) = serde_json::from_value::<Waiver>(item.clone()) {
                            entries.push(Entry {
                                index,
                                waiver,
                                applies: true,
                            });
                        }
                    }
                }
            }
            [_, second, ..] => {
                let span = file.span_of(second.root.pos);
                problems.push(file.finding_at(
                    INVALID.id,
                    span,
                    "the waivers file must be a single YAML document".into(),
                    None,
                ));
            }
        }
        WaiversFile {
            file,
            entries,
            problems,
            judged_unloaded: None,
        }
    }

    /// The path of the file, relative to the root.
    pub fn path(&self) -> &str {
        &self.file.path
    }

    /// Changed-only mode: apply only the entries that `base` has too
    /// (equal in every field), so that a change cannot waive its own
    /// findings, extend a waiver's date or change what it covers.
    pub fn applying_only_those_of(&mut self, base: Option<&WaiversFile>) {
        let on_base: BTreeSet<&Waiver> = base
            .map(|b| b.entries.iter().map(|e| &e.waiver).collect())
            .unwrap_or_default();
        for e in &mut self.entries {
            e.applies = on_base.contains(&e.waiver);
        }
    }

    /// A finding at entry `index` (at its `field`, when given).
    pub fn finding_at(
        &self,
        rule: RuleId,
        index: usize,
        field: Option<&str>,
        message: String,
        help: Option<String>,
    ) -> Finding {
        let pointer = match field {
            Some(field) => format!("/waivers/{index}/{field}"),
            None => format!("/waivers/{index}"),
        };
        let span = self.file.span_at(0, &pointer);
        let mut f = self.file.finding_at(rule, span, message, help);
        f.pointer = pointer;
        f
    }

    /// Where entry `index` is, as a related location.
    pub fn related(&self, index: usize, message: impl Into<String>) -> Related {
        let span = self.file.span_at(0, &format!("/waivers/{index}"));
        self.file.related(span, message)
    }

    /// Check every entry: rule, approver (`person` says whether a person
    /// id exists), reason, date against `today`.
    pub fn check<'a>(
        &'a self,
        known: &[RuleId],
        unsuppressible: &BTreeSet<RuleId>,
        person: &dyn Fn(&str) -> bool,
        people: &dyn Fn() -> Vec<String>,
        today: &str,
    ) -> Checked<'a> {
        let mut findings = self.problems.clone();
        let mut states = Vec::with_capacity(self.entries.len());
        // Every person id, for suggestions: listed once, when first needed.
        let ids = std::cell::OnceCell::new();
        for e in &self.entries {
            let w = &e.waiver;
            let before = findings.len();
            let mut invalid = |field: &str, message: String, help: Option<String>| {
                findings.push(self.finding_at(INVALID.id, e.index, Some(field), message, help));
            };
            let id = known.iter().copied().find(|k| k.as_str() == w.rule);
            if id.is_none() {
                let help = crate::suggest::suggest(&w.rule, known.iter().map(|k| k.as_str()))
                    .map(|s| format!("did you mean `{s}`?"))
                    .or_else(|| Some("`ladderlint rules` lists every rule id".into()));
                invalid(
                    "rule",
                    format!("waiver names unknown rule `{}`", w.rule),
                    help,
                );
            } else if id.is_some_and(|id| !waivable(id)) {
                invalid(
                    "rule",
                    format!("`{}` findings cannot be waived", w.rule),
                    Some("fix what they report instead".into()),
                );
            } else if id.is_some_and(|id| unsuppressible.contains(&id)) {
                invalid(
                    "rule",
                    format!("`{}` cannot be waived in this repository", w.rule),
                    Some(
                        "the configuration sets `suppressible: false` for it; fix the finding \
                         instead"
                            .into(),
                    ),
                );
            }
            if w.file.trim().is_empty() {
                invalid(
                    "file",
                    "waiver names no file".into(),
                    Some("give the path of the file, relative to the repository root".into()),
                );
            }
            if w.reason.trim().is_empty() {
                invalid(
                    "reason",
                    "waiver without a reason".into(),
                    Some("say why the finding is accepted, for whoever reviews it next".into()),
                );
            }
            if w.approved_by.trim().is_empty() {
                invalid(
                    "approved_by",
                    "waiver without an approver".into(),
                    Some("`approved_by` takes the People id of the person who approved it".into()),
                );
            } else if !person(&w.approved_by) {
                let ids = ids.get_or_init(people);
                let help = crate::suggest::suggest(&w.approved_by, ids.iter().map(String::as_str))
                    .map(|s| format!("did you mean `{s}`?"))
                    .or_else(|| Some("`approved_by` takes the id of a person in People".into()));
                invalid(
                    "approved_by",
                    format!(
                        "`approved_by` names `{}`, who is not in People",
                        w.approved_by
                    ),
                    help,
                );
            }
            let expired = crate::dates::parse(&w.expires)
                .zip(crate::dates::parse(today))
                .is_some_and(|(expires, today)| expires < today);
            let state = if findings.len() > before {
                State::Invalid
            } else if !e.applies {
                State::Pending
            } else if expired {
                let days = crate::dates::days_between(&w.expires, today).unwrap_or(0);
                findings.push(self.finding_at(
                    EXPIRED.id,
                    e.index,
                    Some("expires"),
                    // The message stays the same from day to day: it is
                    // part of the finding's fingerprint.
                    format!(
                        "waiver of {} expired on {}; the findings it waived are reported \
                             again",
                        w.target(),
                        w.expires,
                    ),
                    Some(format!(
                        "it expired {} ago: fix the findings and remove the waiver, or \
                             renew it with a new `expires` date and approval",
                        crate::human::count(days as usize, "day")
                    )),
                ));
                State::Expired
            } else {
                State::Active
            };
            states.push(state);
        }
        for f in &mut findings {
            f.severity = match f.rule {
                r if r == EXPIRED.id => EXPIRED.severity,
                r if r == INVALID.id => INVALID.severity,
                _ => Severity::Error,
            };
        }
        let mut by_target: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            by_target
                .entry((e.waiver.rule.as_str(), e.waiver.file.as_str()))
                .or_default()
                .push(i);
        }
        Checked {
            waivers: self,
            states,
            findings,
            by_target,
        }
    }
}

impl Checked<'_> {
    /// The entries (positions in `entries`) that cover `f`, in order.
    pub fn covering<'s>(&'s self, f: &'s Finding) -> impl Iterator<Item = usize> + 's {
        self.by_target
            .get(&(f.rule.as_str(), f.file.as_str()))
            .into_iter()
            .flatten()
            .copied()
            .filter(move |&i| self.waivers.entries[i].waiver.covers(f))
    }

    /// The first active entry that covers `f`.
    pub fn active_for(&self, f: &Finding) -> Option<usize> {
        self.covering(f).find(|&i| self.states[i] == State::Active)
    }

    /// Notes for a finding that is reported although a waiver covers it:
    /// expired, or added by the change.
    pub fn notes_for(&self, f: &Finding) -> Vec<Related> {
        self.covering(f)
            .filter_map(|i| {
                let e = &self.waivers.entries[i];
                let message = match self.states[i] {
                    State::Expired => format!("waived until {} (expired)", e.waiver.expires),
                    State::Pending => "a waiver added by this change covers it; waivers apply \
                                       once they are on the base branch"
                        .to_owned(),
                    State::Active | State::Invalid => return None,
                };
                Some(self.waivers.related(e.index, message))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: &str, file: &str, pointer: &str) -> Finding {
        let mut f = LoadedFile::unreadable(file, RuleId::intern(rule), "m".into(), None).findings
            [0]
        .clone();
        f.pointer = pointer.into();
        f
    }

    #[test]
    fn a_pointer_covers_its_node_and_below() {
        let w = WaiversFile::parse(
            "w.yaml",
            b"waivers:\n  - { rule: a/b, file: f.yaml, pointer: /x/1, reason: r, approved_by: p, expires: 2026-01-01 }\n",
        );
        assert!(w.problems.is_empty(), "{:?}", w.problems);
        let w = &w.entries[0].waiver;
        assert!(w.covers(&finding("a/b", "f.yaml", "/x/1")));
        assert!(w.covers(&finding("a/b", "f.yaml", "/x/1/y")));
        assert!(!w.covers(&finding("a/b", "f.yaml", "/x/10")));
        assert!(!w.covers(&finding("a/b", "f.yaml", "/x")));
        assert!(!w.covers(&finding("a/c", "f.yaml", "/x/1")));
        assert!(!w.covers(&finding("a/b", "g.yaml", "/x/1")));
    }

    #[test]
    fn malformed_entries_are_left_out_and_reported() {
        let w = WaiversFile::parse(
            "w.yaml",
            b"waivers:\n  - { rule: a/b, file: f.yaml, reason: r, approved_by: p, expires: 2026-01-01 }\n  - { rule: a/b, file: f.yaml, reason: r, approved_by: p, expires: soon }\n  - { rule: a/b, file: f.yaml, reason: r, expires: 2026-01-01, extra: 1 }\n",
        );
        assert_eq!(w.entries.len(), 1);
        let lines: Vec<u32> = w.problems.iter().map(|p| p.span.line).collect();
        assert!(lines.contains(&3) && lines.contains(&4), "{:?}", w.problems);
        assert!(w.problems.iter().all(|p| p.rule == INVALID.id));
    }
}
