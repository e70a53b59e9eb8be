//! Which unchanged files changed-only mode loads.
//!
//! Each rule declares what it reads to judge a document (`Rule::reach`).
//! When every changed file is a nomination, on both sides, the rules that
//! look from one nomination at another read its namesakes (`ref/duplicate-id`:
//! the same id; `nomination/duplicate-candidate`: the same candidate in the
//! same cycle) or every nomination through a few of its fields (the
//! fairness rules, `Reach::Cohort`: a cycle's cohort, and eligibility at a
//! cycle rebuilt from the approved nominations of any cycle, read only
//! `fairness::Inputs`). So an unchanged nomination whose findings the
//! change can alter has the id of a changed nomination or its candidate in
//! its cycle, or an enabled cohort rule reads it and a changed nomination's
//! inputs differ between the two sides (`cohort_changed`); every other
//! unchanged nomination has, on both sides, the same findings, and so has
//! every cycle's cohort analysis when no input differs. Everything else
//! (people, cycles, ladders, and any file a quick look is not certain of)
//! is always loaded. When a changed file is anything but a nomination,
//! every file is loaded.

use super::sniff::Sniff;
use crate::fairness::Inputs;
use crate::load;
use crate::repo::{Extracted, Loaded};
use crate::source::{Data, Input};
use std::collections::{BTreeMap, BTreeSet};

/// What the changed documents are, read in full on both sides.
#[derive(Debug, Default)]
pub struct Needs {
    /// A changed file is not (on one side) a single nomination: every
    /// file is loaded.
    pub everything: bool,
    ids: BTreeSet<String>,
    candidates: BTreeMap<String, BTreeSet<String>>,
    /// Every nomination is loaded: an enabled rule reaches them all
    /// (`Reach::Cohort`) and a changed nomination alters what it reads.
    pub all_nominations: bool,
    /// The texts `rules_out` looks for, and a search for them, built on
    /// first use.
    words: std::sync::OnceLock<Option<(aho_corasick::AhoCorasick, Vec<String>)>>,
}

/// The kinds of document a changed nomination's checks read whatever
/// their ids: the people, cycles and ladders it names.
const READ_KINDS: [&str; 3] = ["People", "Cycle", "Ladder"];

impl Needs {
    /// The needs of the changed files as read at the head and at the base
    /// (`changed`), for the rules that read a document's namesakes.
    pub fn of<'a>(changed: impl IntoIterator<Item = &'a Input>, limits: &load::Limits) -> Needs {
        let mut needs = Needs::default();
        for input in changed {
            let Data::Bytes(bytes) = &input.data else {
                needs.everything = true;
                continue;
            };
            let (_, json) = load::load_fast(&input.path, bytes.clone(), limits).into_parts();
            let [doc] = json.as_slice() else {
                needs.everything = true;
                continue;
            };
            let field = |k: &str| doc.get(k).and_then(serde_json::Value::as_str);
            match (
                field("kind"),
                field("id"),
                field("cycle"),
                field("candidate"),
            ) {
                (Some("Nomination"), Some(id), Some(cycle), Some(candidate)) => {
                    needs.ids.insert(id.to_owned());
                    needs
                        .candidates
                        .entry(cycle.to_owned())
                        .or_default()
                        .insert(candidate.to_owned());
                }
                _ => needs.everything = true,
            }
        }
        needs
    }

    /// Whether the bytes of an unchanged file certainly hold nothing that
    /// `keeps` would keep, decided without parsing them: no scalar in them
    /// can be the id or the candidate of a changed nomination, or a `kind`
    /// of people, cycles or ladders. A scalar's value is its source text
    /// (line breaks folded to spaces) unless an escape (`\`) or a tag
    /// (`!`) makes it, and ends where only blanks and then a line break,
    /// a comment, a quote or an indicator (`:`, `,`, `]`, `}`) follow; so
    /// when no such text ends that way, and the file has no escape, no tag
    /// and no NUL (another encoding), no document in it is one `keeps`
    /// wants. Anything else is left to the parser (`sniff`).
    pub fn rules_out(&self, bytes: &[u8]) -> bool {
        if self.everything || self.all_nominations {
            return false;
        }
        if std::str::from_utf8(bytes).is_err()
            || memchr::memchr2(b'\\', 0, bytes).is_some()
            || may_have_tag(bytes)
        {
            return false;
        }
        let words = self.words.get_or_init(|| {
            let words: Vec<String> = (self.ids.iter())
                .chain(self.candidates.values().flatten())
                .cloned()
                .chain(READ_KINDS.map(String::from))
                .collect();
            let search = aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(&words)
                .ok()?;
            Some((search, words))
        });
        let Some((search, words)) = words else {
            return false;
        };
        // Each place where a word starts (the leftmost left, then the next
        // byte on): every word found there, longest or not, must not end a
        // scalar.
        let mut from = 0;
        while let Some(m) = search.find(aho_corasick::Input::new(bytes).range(from..)) {
            let at = &bytes[m.start()..];
            if words
                .iter()
                .any(|w| at.strip_prefix(w.as_bytes()).is_some_and(ends_scalar))
            {
                return false;
            }
            from = m.start() + 1;
        }
        true
    }

    /// Whether an unchanged file that a quick look saw as `sniff` is loaded.
    pub fn keeps(&self, sniff: &Sniff) -> bool {
        match sniff {
            _ if self.everything => true,
            Sniff::Other => true,
            Sniff::Nomination {
                id,
                cycle,
                candidate,
            } => {
                // A rule that reaches every nomination (the fairness
                // rules: the level each person held when a cycle opened is
                // rebuilt from approved nominations of later cycles) can
                // change its findings with any of them, once a change
                // alters what it reads.
                self.all_nominations
                    || self.ids.contains(id)
                    || self
                        .candidates
                        .get(cycle)
                        .is_some_and(|c| c.contains(candidate))
            }
        }
    }
}

/// Whether a scalar can end just before `rest`: blanks, then the end of
/// the text, a line break, a comment, a closing quote or an indicator.
fn ends_scalar(rest: &[u8]) -> bool {
    rest.iter()
        .find(|c| !matches!(c, b' ' | b'\t'))
        .is_none_or(|c| {
            matches!(
                c,
                b'\n' | b'\r' | b'#' | b'"' | b'\'' | b':' | b',' | b']' | b'}'
            )
        })
}

/// Whether a `!` in `bytes` can start a tag: at the start of the text or
/// after a blank, a line break or an indicator (`Great work!` cannot).
fn may_have_tag(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'!', bytes).any(|i| {
        i == 0
            || matches!(
                bytes[i - 1],
                b' ' | b'\t' | b'\n' | b'\r' | b'[' | b'{' | b',' | b':' | b'-' | b'?'
            )
    })
}

/// Whether the changed files, as loaded at the base and at the head, give
/// the cohort rules (`Reach::Cohort`) different inputs: a nomination added,
/// removed, no longer valid, or with one of its `fairness::Inputs` changed.
/// A changed file that holds anything but nominations counts as a change
/// (every file is loaded then anyway).
pub fn cohort_changed(base: &[Loaded], head: &[Loaded]) -> bool {
    fn inputs(parts: &[Loaded]) -> Option<BTreeMap<&str, Vec<Inputs<'_>>>> {
        let mut by_path = BTreeMap::new();
        for part in parts {
            let mut of_file = Vec::new();
            for e in &part.extracted {
                let Extracted::Nomination(n) = e else {
                    return None;
                };
                of_file.push(Inputs::of(&n.item));
            }
            if !of_file.is_empty() {
                by_path.insert(part.file.path.as_str(), of_file);
            }
        }
        Some(by_path)
    }
    match (inputs(base), inputs(head)) {
        (Some(b), Some(h)) => b != h,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::Needs;
    use crate::rules::{registry, Reach};

    /// The needs of one changed nomination `n-1` of `ana` in `2026-H1`.
    fn needs() -> Needs {
        let mut needs = Needs::default();
        needs.ids.insert("n-1".into());
        needs
            .candidates
            .entry("2026-H1".into())
            .or_default()
            .insert("ana".into());
        needs
    }

    const OTHER: &str = "kind: Nomination\nid: n-2\ncycle: 2026-H1\ncandidate: bo\n\
        answers:\n  impact: >-\n    People across the org use it. Cycle times fell;\n    \
        Great work! Ladders of anabolic nonsense.\n";

    #[test]
    fn a_file_without_the_changed_ids_or_a_read_kind_is_ruled_out() {
        assert!(needs().rules_out(OTHER.as_bytes()));
    }

    #[test]
    fn whatever_may_be_a_namesake_or_a_read_kind_is_left_to_the_parser() {
        let needs = needs();
        for (what, text) in [
            ("the id", "kind: Nomination\nid: n-1\n"),
            ("the id, quoted", "{id: 'n-1', kind: Nomination}"),
            ("the candidate", "candidate: ana # the same\n"),
            ("the candidate in a flow list", "by: [ana, bo]\n"),
            ("the candidate as a key", "votes:\n  ana: approve\n"),
            ("the candidate, CRLF", "candidate: ana\r\n"),
            ("the candidate at the end", "candidate: ana"),
            ("people", "kind: People\n"),
            ("people, quoted", "kind: \"People\"\n"),
            ("a cycle, with blanks", "kind: Cycle \t\n"),
            ("a ladder in flow", "{kind: Ladder}"),
            ("a ladder, block scalar", "kind: |-\n  Ladder\n"),
            ("an escape", "kind: \"\\x50eople\"\n"),
            ("a tag", "kind: !!binary UGVvcGxl\n"),
            ("a tag in flow", "{kind:!t x}"),
            ("a tag first", "!t\nkind: x\n"),
            ("NUL: another encoding", "k\0i\0n\0d\0"),
        ] {
            assert!(!needs.rules_out(text.as_bytes()), "{what}: {text:?}");
        }
        assert!(!needs.rules_out(&[0xff, 0xfe, b'k']), "not UTF-8");
    }

    #[test]
    fn every_word_found_at_a_place_is_tried_not_only_the_longest() {
        let mut needs = needs();
        needs.ids.insert("ana:x".into());
        // `ana:x` (the longest there) runs on into a scalar; `ana` ends a key.
        assert!(!needs.rules_out(b"ana:x y\n"));
        // A word inside a longer one, further on.
        assert!(!needs.rules_out(b"note: xn-1\n"));
        assert!(needs.rules_out(b"note: xn-1y\n"));
    }

    #[test]
    fn nothing_is_ruled_out_when_every_file_or_every_nomination_is_loaded() {
        let mut all = needs();
        all.everything = true;
        assert!(!all.rules_out(OTHER.as_bytes()));
        let mut cohort = needs();
        cohort.all_nominations = true;
        assert!(!cohort.rules_out(OTHER.as_bytes()));
    }

    /// `Needs` finds namesakes by id and by candidate in a cycle: a rule
    /// that reads other namesakes would need more here.
    #[test]
    fn the_namesakes_read_are_the_ones_needs_loads() {
        let mut namesakes: Vec<&str> = registry()
            .iter()
            .filter(|r| r.reach() == Reach::Namesakes)
            .map(|r| r.meta().id.as_str())
            .collect();
        namesakes.sort_unstable();
        assert_eq!(
            namesakes,
            ["nomination/duplicate-candidate", "ref/duplicate-id"]
        );
    }
}
