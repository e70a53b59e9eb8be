//! The repository index: every loaded file, and the typed documents found in
//! them with where they came from. Built once; every cross-document rule
//! reads it, none re-reads a file.

use crate::finding::{Finding, Related, RuleId, Severity, Span};
use crate::load::LoadedFile;
use crate::model::{Cycle, Ladder, Level, Nomination, Person};
use ahash::AHashMap as HashMap;

mod build;

pub use build::Loaded;

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
#[derive(Clone, Debug)]
pub enum Extracted {
    Ladder(Entry<Ladder>),
    Person(Entry<Person>),
    Cycle(Entry<Cycle>),
    Nomination(Box<Entry<Nomination>>),
}

/// The index entry of an id defined more than once.
const AMBIGUOUS: usize = usize::MAX;

fn index(map: &mut HashMap<String, usize>, id: &str, i: usize) {
    map.entry(id.to_owned())
        .and_modify(|e| *e = AMBIGUOUS)
        .or_insert(i);
}

fn unique(map: &HashMap<String, usize>, id: &str) -> Option<usize> {
    map.get(id).copied().filter(|&i| i != AMBIGUOUS)
}

impl Extracted {
    /// Where the item is.
    pub fn at(&self) -> DocRef {
        match self {
            Extracted::Ladder(e) => e.at,
            Extracted::Person(e) => e.at,
            Extracted::Cycle(e) => e.at,
            Extracted::Nomination(e) => e.at,
        }
    }

    /// Where the item is.
    pub fn at_mut(&mut self) -> &mut DocRef {
        match self {
            Extracted::Ladder(e) => &mut e.at,
            Extracted::Person(e) => &mut e.at,
            Extracted::Cycle(e) => &mut e.at,
            Extracted::Nomination(e) => &mut e.at,
        }
    }
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
            index(&mut repo.ladder_by_id, &l.item.id, i);
        }
        for (i, p) in repo.people.iter().enumerate() {
            index(&mut repo.person_by_id, &p.item.id, i);
        }
        for (i, c) in repo.cycles.iter().enumerate() {
            index(&mut repo.cycle_by_id, &c.item.id, i);
        }
        repo
    }

    /// The ladder `id`; `None` when there is none, or more than one
    /// (`ref/unknown` reports the reference, naming every definition).
    pub fn ladder(&self, id: &str) -> Option<&Entry<Ladder>> {
        unique(&self.ladder_by_id, id).map(|i| &self.ladders[i])
    }
    /// The person `id`; `None` when there is none, or more than one.
    pub fn person(&self, id: &str) -> Option<&Entry<Person>> {
        unique(&self.person_by_id, id).map(|i| &self.people[i])
    }

    /// A person as a message names them: `Karen Baptiste (`kbaptiste`)`,
    /// or `` `kbaptiste` `` when People has no name for the id.
    pub fn named(&self, id: &str) -> String {
        match self.person(id).map(|p| p.item.name.trim()) {
            Some(name) if !name.is_empty() && name != id => format!("{name} (`{id}`)"),
            _ => format!("`{id}`"),
        }
    }

    /// A person by name alone (`Arjun Singh`), for the second person in a
    /// sentence that already gives ids where they are needed; `` `id` ``
    /// without a name.
    pub fn name_of(&self, id: &str) -> String {
        match self.person(id).map(|p| p.item.name.trim()) {
            Some(name) if !name.is_empty() => name.to_owned(),
            _ => format!("`{id}`"),
        }
    }

    /// The cycle `id`; `None` when there is none, or more than one.
    pub fn cycle(&self, id: &str) -> Option<&Entry<Cycle>> {
        unique(&self.cycle_by_id, id).map(|i| &self.cycles[i])
    }

    /// Where `id` is defined, when it is defined more than once as a
    /// `kind` ("ladder", "person" or "cycle"): each definition's document
    /// and the pointer of its `id`. Empty otherwise.
    pub fn definitions(&self, kind: &str, id: &str) -> Vec<(DocRef, String)> {
        fn all<T>(
            map: &HashMap<String, usize>,
            entries: &[Entry<T>],
            id: &str,
            item_id: impl Fn(&T) -> &str,
        ) -> Vec<(DocRef, String)> {
            if map.get(id) != Some(&AMBIGUOUS) {
                return Vec::new();
            }
            entries
                .iter()
                .filter(|e| item_id(&e.item) == id)
                .map(|e| (e.at, e.ptr("/id")))
                .collect()
        }
        match kind {
            "ladder" => all(&self.ladder_by_id, &self.ladders, id, |l| &l.id),
            "person" => all(&self.person_by_id, &self.people, id, |p| &p.id),
            "cycle" => all(&self.cycle_by_id, &self.cycles, id, |c| &c.id),
            _ => Vec::new(),
        }
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
    pub fn finding(&self, rule: RuleId, at: DocRef, pointer: &str, message: String) -> Finding {
        let file = self.file(at);
        Finding {
            rule,
            severity: Severity::Error,
            message,
            file: file.path.clone(),
            span: file.span_at(at.doc as usize, pointer),
            pointer: pointer.to_owned(),
            document: at.doc as usize,
            help: None,
            related: Vec::new(),
            fix: None,
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
