//! The repository index: every loaded file, and the typed documents found in
//! them with where they came from. Built once; every cross-document rule
//! reads it, none re-reads a file.

use crate::finding::{Finding, Related, Severity, Span};
use crate::load::LoadedFile;
use crate::model::{Cycle, Ladder, Level, Nomination, Person};
use ahash::AHashMap as HashMap;

/// A document: file index in `Repo::files`, document index in that file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocRef {
    pub file: u32,
    pub doc: u32,
}

/// A typed item and where it is: its document and the JSON pointer of the
/// item inside it ("" for a whole document, "/people/3" for a person).
#[derive(Clone, Debug)]
pub struct Entry<T> {
    pub at: DocRef,
    pub base: String,
    pub item: T,
}

impl<T> Entry<T> {
    /// The pointer of a field of this item.
    pub fn ptr(&self, rest: &str) -> String {
        format!("{}{}", self.base, rest)
    }
}

/// What one file contributes to the index.
#[derive(Debug)]
pub enum Extracted {
    Ladder(Entry<Ladder>),
    Person(Entry<Person>),
    Cycle(Entry<Cycle>),
    Nomination(Box<Entry<Nomination>>),
}

#[derive(Default)]
pub struct Repo {
    pub files: Vec<LoadedFile>,
    pub ladders: Vec<Entry<Ladder>>,
    pub people: Vec<Entry<Person>>,
    pub cycles: Vec<Entry<Cycle>>,
    /// Boxed: moved here from loading without copying each one.
    pub nominations: Vec<Box<Entry<Nomination>>>,
    ladder_by_id: HashMap<String, usize>,
    person_by_id: HashMap<String, usize>,
    cycle_by_id: HashMap<String, usize>,
    /// The files whose findings are reported (all when `None`).
    pub report_only: Option<std::collections::BTreeSet<String>>,
}

impl Repo {
    pub fn new(files: Vec<LoadedFile>, extracted: Vec<Vec<Extracted>>) -> Repo {
        let mut repo = Repo {
            files,
            ..Repo::default()
        };
        let nominations = extracted
            .iter()
            .flatten()
            .filter(|e| matches!(e, Extracted::Nomination(_)))
            .count();
        repo.nominations.reserve_exact(nominations);
        for e in extracted.into_iter().flatten() {
            match e {
                Extracted::Ladder(l) => repo.ladders.push(l),
                Extracted::Person(p) => repo.people.push(p),
                Extracted::Cycle(c) => repo.cycles.push(c),
                Extracted::Nomination(n) => repo.nominations.push(n),
            }
        }
        for (i, l) in repo.ladders.iter().enumerate() {
            repo.ladder_by_id.entry(l.item.id.clone()).or_insert(i);
        }
        for (i, p) in repo.people.iter().enumerate() {
            repo.person_by_id.entry(p.item.id.clone()).or_insert(i);
        }
        for (i, c) in repo.cycles.iter().enumerate() {
            repo.cycle_by_id.entry(c.item.id.clone()).or_insert(i);
        }
        repo
    }

    pub fn ladder(&self, id: &str) -> Option<&Entry<Ladder>> {
        self.ladder_by_id.get(id).map(|&i| &self.ladders[i])
    }
    pub fn person(&self, id: &str) -> Option<&Entry<Person>> {
        self.person_by_id.get(id).map(|&i| &self.people[i])
    }
    pub fn cycle(&self, id: &str) -> Option<&Entry<Cycle>> {
        self.cycle_by_id.get(id).map(|&i| &self.cycles[i])
    }

    /// The level `level` of ladder `ladder`, with its index in the ladder.
    pub fn level(&self, ladder: &str, level: &str) -> Option<(&Entry<Ladder>, usize, &Level)> {
        let l = self.ladder(ladder)?;
        let (i, lv) = l
            .item
            .levels
            .iter()
            .enumerate()
            .find(|(_, x)| x.id == level)?;
        Some((l, i, lv))
    }

    /// The management chain above `person`: manager, manager's manager, …
    /// Stops at an unknown id or a cycle (reported by `ref/manager-cycle`).
    pub fn chain(&self, person: &str) -> Vec<&str> {
        let mut chain: Vec<&str> = Vec::new();
        let mut cur = self.person(person).and_then(|p| p.item.manager.as_deref());
        while let Some(m) = cur {
            if m == person || chain.contains(&m) {
                break;
            }
            chain.push(m);
            cur = self.person(m).and_then(|p| p.item.manager.as_deref());
        }
        chain
    }

    pub fn file(&self, at: DocRef) -> &LoadedFile {
        &self.files[at.file as usize]
    }

    /// A finding of `rule` at `pointer` of document `at`.
    pub fn finding(&self, rule: &str, at: DocRef, pointer: &str, message: String) -> Finding {
        let file = self.file(at);
        Finding {
            rule: rule.to_owned(),
            severity: Severity::Error,
            message,
            file: file.path.clone(),
            span: file.span_at(at.doc as usize, pointer),
            pointer: pointer.to_owned(),
            document: at.doc as usize,
            help: None,
            related: Vec::new(),
        }
    }

    pub fn related(&self, at: DocRef, pointer: &str, message: impl Into<String>) -> Related {
        let file = self.file(at);
        Related {
            file: file.path.clone(),
            span: file.span_at(at.doc as usize, pointer),
            message: message.into(),
        }
    }

    /// The span of bytes `range` of the string at `pointer`, when the source
    /// spells it exactly (see `LoadedFile::text_span_at`).
    pub fn text_span(
        &self,
        at: DocRef,
        pointer: &str,
        range: std::ops::Range<usize>,
    ) -> Option<Span> {
        self.file(at).text_span_at(at.doc as usize, pointer, range)
    }

    pub fn key_span(&self, at: DocRef, pointer: &str) -> Span {
        self.file(at).key_span_at(at.doc as usize, pointer)
    }
}
