//! Building the index: every input loaded in parallel, each document
//! validated against its schema and extracted as its typed item.

use super::{DocRef, Entry, Extracted, Repo};
use crate::finding::{Finding, Severity};
use crate::load::{self, Kind, LoadedFile};
use crate::model::{Cycle, Ladder, Nomination, Person};
use crate::rules;
use crate::source::{Data, Input};
use rayon::prelude::*;

/// Repositories at least this large show a progress bar while loading, on
/// stderr and only when it is a terminal.
const PROGRESS_FROM: usize = 5_000;

/// A progress bar for `len` files: hidden unless stderr is a terminal and
/// the run is long enough to need one.
fn progress(len: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if len < PROGRESS_FROM || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} checking {pos}/{len} files {wide_bar} {eta}",
    ) {
        bar.set_style(style);
    }
    bar
}

impl Repo {
    /// Load every input (sorted by path) and build the index of its typed
    /// documents.
    pub fn load(inputs: Vec<Input>, limits: &load::Limits) -> Repo {
        let (files, extracted) = load_all(inputs, limits);
        Repo::new(files, extracted)
    }
}

/// One file loaded, and what it contributes to the index.
#[derive(Clone)]
pub struct Loaded {
    pub file: LoadedFile,
    pub extracted: Vec<Extracted>,
}

impl Loaded {
    /// Load every input, in parallel, each on its own: the parts of an
    /// index that can be shared by two states of a repository (see
    /// `Repo::assemble`).
    pub fn each(inputs: Vec<Input>, limits: &load::Limits) -> Vec<Loaded> {
        let one = |(_, input): (usize, Input)| {
            let (file, extracted) = load_one(0, input, limits);
            Loaded { file, extracted }
        };
        load_parallel(
            inputs,
            &one,
            |pieces| pieces.collect::<Vec<_>>(),
            |out, i, loaded| out[i] = loaded,
        )
    }
}

/// Files at least this large (the people file of a large organisation)
/// are loaded first, each on its own, beside the others: left in a run of
/// small files, one of them can keep a thread busy at the end while the
/// others wait.
const LARGE: usize = 16 * 1024;

/// How many bytes an input holds (none when it is not read).
fn size(input: &Input) -> usize {
    match &input.data {
        Data::Bytes(b) => b.len(),
        _ => 0,
    }
}

fn is_large(input: &Input) -> bool {
    size(input) >= LARGE
}

/// The inputs other than the large ones, numbered, in pieces of a few
/// files, each loaded by the function given.
type Pieces<'a, T> = rayon::iter::Map<
    rayon::iter::MaxLen<rayon::iter::Enumerate<rayon::vec::IntoIter<Input>>>,
    &'a (dyn Fn((usize, Input)) -> T + Sync),
>;

/// Load every input with `one` (given its index) in parallel: in pieces of
/// a few files, so that no thread is left with a long run of files at the
/// end while the others wait, and the large files first, each on its own.
/// `collect` gathers the loaded files in input order (with an empty file
/// in the place of each large one), and `put` puts a large one in its
/// place.
fn load_parallel<'a, T: Send, C: Send>(
    mut inputs: Vec<Input>,
    one: &'a (dyn Fn((usize, Input)) -> T + Sync),
    collect: impl FnOnce(Pieces<'a, T>) -> C + Send,
    mut put: impl FnMut(&mut C, usize, T),
) -> C {
    let mut large: Vec<(usize, Input)> = inputs
        .iter_mut()
        .enumerate()
        .filter(|(_, input)| is_large(input))
        .map(|(i, input)| {
            let data = std::mem::replace(&mut input.data, Data::Bytes(Vec::new()));
            let (path, blob) = (input.path.clone(), input.blob);
            (i, Input { path, data, blob })
        })
        .collect();
    large.sort_by_key(|(_, input)| std::cmp::Reverse(size(input)));
    let (large, mut out) = rayon::join(
        || {
            large
                .into_par_iter()
                .with_max_len(1)
                .map(|(i, input)| (i, one((i, input))))
                .collect::<Vec<_>>()
        },
        || collect(inputs.into_par_iter().enumerate().with_max_len(16).map(one)),
    );
    for (i, loaded) in large {
        put(&mut out, i, loaded);
    }
    out
}

impl Repo {
    /// The files of the index back as parts, in its file order, each with
    /// what it contributes: the inverse of `Repo::assemble`, so that a
    /// second index can share them without copying them.
    pub fn into_parts(self) -> Vec<Loaded> {
        let mut extracted: Vec<Vec<Extracted>> = self.files.iter().map(|_| Vec::new()).collect();
        let all = (self.ladders.into_iter().map(Extracted::Ladder))
            .chain(self.people.into_iter().map(Extracted::Person))
            .chain(self.cycles.into_iter().map(Extracted::Cycle))
            .chain(self.nominations.into_iter().map(Extracted::Nomination));
        for e in all {
            extracted[e.at().file as usize].push(e);
        }
        self.files
            .into_iter()
            .zip(extracted)
            .map(|(file, extracted)| Loaded { file, extracted })
            .collect()
    }

    /// The index of files loaded apart (`Loaded::each`), in path order:
    /// those of `parts` and of `more`, merged. Each list is sorted first
    /// unless it already is (as `Loaded::each` and `Repo::into_parts` leave
    /// files read in path order), so that the many files of one are not
    /// moved about to make room for the few of the other.
    pub fn assemble(mut parts: Vec<Loaded>, mut more: Vec<Loaded>) -> Repo {
        let by_path = |a: &Loaded, b: &Loaded| a.file.path.cmp(&b.file.path);
        parts.sort_by(by_path);
        more.sort_by(by_path);
        let n = parts.len() + more.len();
        let (mut files, mut extracted) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let mut place = |mut part: Loaded| {
            for e in &mut part.extracted {
                e.at_mut().file = files.len() as u32;
            }
            files.push(part.file);
            extracted.push(part.extracted);
        };
        let mut more = more.into_iter().peekable();
        for part in parts {
            while let Some(m) = more.next_if(|m| m.file.path < part.file.path) {
                place(m);
            }
            place(part);
        }
        more.for_each(place);
        Repo::new(files, extracted)
    }
}

/// Load every input and extract its typed documents, in parallel: the
/// files in input order, and what each contributes to the index.
fn load_all(inputs: Vec<Input>, limits: &load::Limits) -> (Vec<LoadedFile>, Vec<Vec<Extracted>>) {
    // One step for each file loaded, and for the empty one left in the
    // place of each large file.
    let bar = progress(inputs.len() + inputs.iter().filter(|i| is_large(i)).count());
    let one = |(i, input): (usize, Input)| {
        let loaded = load_one(i as u32, input, limits);
        bar.inc(1);
        loaded
    };
    // Unzipped in place, each into a list of its final length: no
    // intermediate list of both, which at 100,000 files would hold the
    // whole index twice for a moment, and no copying of parts together.
    let (files, extracted) = load_parallel(
        inputs,
        &one,
        |pieces| {
            let (mut files, mut extracted) = (Vec::new(), Vec::new());
            pieces.unzip_into_vecs(&mut files, &mut extracted);
            (files, extracted)
        },
        |(files, extracted), i, (file, e)| {
            files[i] = file;
            extracted[i] = e;
        },
    );
    bar.finish_and_clear();
    (files, extracted)
}

fn load_one(index: u32, input: Input, limits: &load::Limits) -> (LoadedFile, Vec<Extracted>) {
    let file = match input.data {
        Data::SymlinkOutside(target) => {
            let f = LoadedFile::unreadable(
                &input.path,
                rules::source::SYMLINK.id,
                format!("symlink to `{target}` leads outside the repository; it was not followed"),
                Some("replace the link with the file, or point it inside the repository".into()),
            );
            return (f, Vec::new());
        }
        Data::Submodule => {
            let mut f = LoadedFile::unreadable(
                &input.path,
                rules::source::SUBMODULE.id,
                "submodule skipped: files inside submodules are not read".into(),
                None,
            );
            f.findings[0].severity = Severity::Info;
            return (f, Vec::new());
        }
        Data::Bytes(bytes) => load::load_fast(&input.path, bytes, limits),
    };
    let mut extracted = Vec::new();
    let mut findings = Vec::new();
    let (mut file, json) = file.into_parts();
    file.blob = input.blob;
    for (i, json) in json.into_iter().enumerate() {
        let at = DocRef {
            file: index,
            doc: i as u32,
        };
        let kind = json
            .get("kind")
            .and_then(serde_json::Value::as_str)
            .and_then(Kind::parse);
        let Some(kind) = kind else {
            findings.push(unknown_kind(&file, i, &json));
            continue;
        };
        findings.extend(rules::schema::invalid::validate(&file, i, kind, &json));
        extract(kind, at, json, &mut extracted);
    }
    let mut file = file;
    file.findings.extend(findings);
    extracted.shrink_to_fit();
    (file, extracted)
}

fn unknown_kind(file: &LoadedFile, doc: usize, json: &serde_json::Value) -> Finding {
    use serde_json::Value;
    let id = rules::schema::UNKNOWN_KIND.id;
    let names = Kind::ALL.map(Kind::name);
    let type_name = load::node::json_type_name;
    let at = |pointer: &str| {
        file.node_span(doc, pointer)
            .unwrap_or(crate::finding::Span::FILE_START)
    };
    let (span, message, help) = match (json, json.get("kind")) {
        (Value::Object(_), Some(k)) => {
            let text = k
                .as_str()
                .map_or_else(|| type_name(k).to_owned(), |s| format!("`{s}`"));
            let hint = k
                .as_str()
                .and_then(|s| crate::suggest::suggest(s, names))
                .map(|s| format!("did you mean `{s}`?"));
            (
                at("/kind"),
                format!("unknown kind {text}: expected Ladder, People, Cycle or Nomination"),
                hint,
            )
        }
        (Value::Object(_), None) => (
            at(""),
            "document has no `kind`: expected Ladder, People, Cycle or Nomination".to_owned(),
            Some("add `kind:` to the document".to_owned()),
        ),
        (Value::Null, _) => (
            at(""),
            "document is empty: expected a ladderlint document with `kind`".to_owned(),
            None,
        ),
        _ => (
            at(""),
            format!(
                "document is {}, expected a mapping with `kind`",
                type_name(json)
            ),
            None,
        ),
    };
    let mut f = file.finding_at(id, span, message, help);
    f.document = doc;
    f
}

fn extract(kind: Kind, at: DocRef, json: serde_json::Value, out: &mut Vec<Extracted>) {
    fn entry<T: serde::de::DeserializeOwned>(
        at: DocRef,
        base: String,
        v: serde_json::Value,
    ) -> Option<Entry<T>> {
        serde_json::from_value(v)
            .ok()
            .map(|item| Entry { at, base, item })
    }
    match kind {
        Kind::Ladder => out.extend(entry::<Ladder>(at, String::new(), json).map(Extracted::Ladder)),
        Kind::Cycle => out.extend(entry::<Cycle>(at, String::new(), json).map(Extracted::Cycle)),
        Kind::Nomination => out.extend(
            entry::<Nomination>(at, String::new(), json)
                .map(|n| Extracted::Nomination(Box::new(n))),
        ),
        Kind::People => {
            if let Some(serde_json::Value::Array(people)) = json.get("people") {
                for (i, p) in people.iter().enumerate() {
                    out.extend(
                        entry::<Person>(at, format!("/people/{i}"), p.clone())
                            .map(Extracted::Person),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Loaded, LARGE};
    use crate::load::Limits;
    use crate::repo::Repo;
    use crate::source::{Data, Input};

    /// Large files are loaded apart from the others and put back in their
    /// places: every file, large or small, ends where it was given, with
    /// its own text, blob id and documents.
    #[test]
    fn large_files_are_put_back_in_their_places() {
        let people = |n: usize| {
            let mut text = String::from("kind: People\npeople:\n");
            let mut i = 0;
            while text.len() < LARGE * n {
                text.push_str(&format!("  - {{id: p{n}x{i}, name: P {i}, level: E3}}\n"));
                i += 1;
            }
            text
        };
        let mut inputs = Vec::new();
        for i in 0..200 {
            let text = match i % 37 {
                5 => people(1 + i / 37),
                _ => format!("kind: Ladder\nid: l{i:03}\n"),
            };
            let blob = git2::Oid::hash_object(git2::ObjectType::Blob, text.as_bytes()).unwrap();
            inputs.push(Input {
                path: format!("f{i:03}.yaml"),
                data: Data::Bytes(text.into_bytes()),
                blob: Some(blob),
            });
        }
        let expected: Vec<(String, String, Option<git2::Oid>)> = inputs
            .iter()
            .map(|i| match &i.data {
                Data::Bytes(b) => (
                    i.path.clone(),
                    String::from_utf8(b.clone()).unwrap(),
                    i.blob,
                ),
                _ => unreachable!(),
            })
            .collect();
        assert!(expected.iter().filter(|e| e.1.len() >= LARGE).count() >= 5);
        let repo = Repo::load(inputs.clone(), &Limits::default());
        let got: Vec<_> = (repo.files.iter())
            .map(|f| (f.path.clone(), f.text.clone(), f.blob))
            .collect();
        assert_eq!(got, expected);
        // The people of each large file are found in it.
        for (i, f) in repo.files.iter().enumerate() {
            if f.text.len() >= LARGE {
                let n = 1 + i / 37;
                let p = repo.person(&format!("p{n}x0")).expect("indexed");
                assert_eq!(repo.files[p.at.file as usize].path, f.path);
            }
        }
        let each = Loaded::each(inputs.clone(), &Limits::default());
        let got: Vec<_> = (each.iter())
            .map(|l| (l.file.path.clone(), l.file.text.clone(), l.file.blob))
            .collect();
        assert_eq!(got, expected);
    }

    /// An index taken back apart gives each file with what it contributed,
    /// in file order (a file of two kinds of document included), and an
    /// index assembled from those parts is the same index.
    #[test]
    fn an_index_taken_apart_gives_back_its_parts() {
        let texts = [
            ("b.yaml", "kind: People\npeople:\n  - {id: ann, name: Ann, level: E3}\n---\nkind: Ladder\nid: eng\n"),
            ("a.yaml", "kind: Ladder\nid: design\n"),
            ("c.yaml", "not: a kind\n"),
            ("d.yaml", "kind: People\npeople:\n  - {id: bob, name: Bob, level: E4}\n  - {id: cy, name: Cy, level: E5}\n"),
        ];
        let inputs: Vec<Input> = texts
            .iter()
            .map(|(path, text)| Input {
                path: path.to_string(),
                data: Data::Bytes(text.as_bytes().to_vec()),
                blob: None,
            })
            .collect();
        // Each file's path, and what it contributed: id, file, document.
        type Shape = Vec<(String, Vec<(String, u32, u32)>)>;
        let shape = |parts: &[Loaded]| -> Shape {
            parts
                .iter()
                .map(|p| {
                    let items = (p.extracted.iter())
                        .map(|e| {
                            let id = match e {
                                crate::repo::Extracted::Ladder(l) => {
                                    format!("ladder {}", l.item.id)
                                }
                                crate::repo::Extracted::Person(x) => {
                                    format!("person {}", x.item.id)
                                }
                                crate::repo::Extracted::Cycle(c) => format!("cycle {}", c.item.id),
                                crate::repo::Extracted::Nomination(n) => {
                                    format!("nomination {}", n.item.id)
                                }
                            };
                            (id, e.at().file, e.at().doc)
                        })
                        .collect();
                    (p.file.path.clone(), items)
                })
                .collect()
        };
        let repo = Repo::assemble(Loaded::each(inputs, &Limits::default()), Vec::new());
        let people: Vec<String> = repo.people.iter().map(|p| p.item.id.clone()).collect();
        let parts = repo.into_parts();
        assert_eq!(
            shape(&parts),
            [
                (
                    "a.yaml".to_string(),
                    vec![("ladder design".to_string(), 0, 0)]
                ),
                (
                    "b.yaml".to_string(),
                    vec![
                        ("ladder eng".to_string(), 1, 1),
                        ("person ann".to_string(), 1, 0)
                    ]
                ),
                ("c.yaml".to_string(), vec![]),
                (
                    "d.yaml".to_string(),
                    vec![
                        ("person bob".to_string(), 3, 0),
                        ("person cy".to_string(), 3, 0)
                    ]
                ),
            ]
        );
        let whole = shape(&parts);
        // Put together again from two lists, one of them out of order:
        // merged by path, every item pointing at its file's new place.
        let (mut more, parts): (Vec<Loaded>, Vec<Loaded>) = parts
            .into_iter()
            .partition(|p| ["a.yaml", "d.yaml"].contains(&p.file.path.as_str()));
        more.reverse();
        let again = Repo::assemble(parts, more);
        let people_again: Vec<String> = again.people.iter().map(|p| p.item.id.clone()).collect();
        assert_eq!(people_again, people);
        assert!(again.person("cy").is_some() && again.ladder("eng").is_some());
        assert_eq!(shape(&again.into_parts()), whole);
    }
}
