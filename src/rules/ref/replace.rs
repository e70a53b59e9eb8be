//! The unsafe fix of an unknown id: write the id it most resembles instead.

use crate::fix::{Applicability, Change, Edit, Fix};
use crate::load::{node::Pos, LoadedFile};

/// The fix that replaces the id `old` at `pointer` of document `doc` (a
/// string value, or else the key the pointer ends in) by `new`, keeping
/// the way the source quotes it. `None` when the source does not spell
/// `old` as a one-line scalar (a block scalar, escapes, an alias).
///
/// Works from the positions kept at loading (`LoadedFile::locate`): a
/// finding's fix reads no file again.
pub fn replace_id(
    file: &LoadedFile,
    doc: usize,
    pointer: &str,
    old: &str,
    new: &str,
) -> Option<Fix> {
    let found = file.locate(doc, pointer)?;
    // The source of `pos`, when it spells `old`.
    let spelling_old = |pos: Pos| source(file, pos).filter(|s| scalar(s).as_deref() == Some(old));
    let value = (!found.collection)
        .then(|| spelling_old(found.node))
        .flatten();
    let (pos, source, change) = if let Some(source) = value {
        (
            found.node,
            source,
            Change::Value {
                document: doc,
                pointer: pointer.to_owned(),
                to: new.to_owned(),
            },
        )
    } else {
        match found.key.and_then(|k| Some((k, spelling_old(k)?))) {
            Some((k, source)) if !has_key(file, doc, pointer, new) => (
                k,
                source,
                Change::Key {
                    document: doc,
                    pointer: pointer.to_owned(),
                    to: new.to_owned(),
                },
            ),
            _ => return None,
        }
    };
    let (start, end) = (pos.byte_start as usize, pos.byte_end as usize);
    let content = if source.starts_with('"') {
        // A JSON string is a YAML double-quoted scalar.
        serde_json::to_string(new).ok()?
    } else if source.starts_with('\'') {
        format!("'{}'", new.replace('\'', "''"))
    } else if plain(new) {
        new.to_owned()
    } else {
        serde_json::to_string(new).ok()?
    };
    Some(Fix {
        applicability: Applicability::Unsafe,
        title: format!("replace `{old}` with `{new}`"),
        edits: vec![Edit::replace(start, end, content)],
        strip_bom: false,
        change: Some(change),
    })
}

/// The source text of a node or key.
fn source(file: &LoadedFile, pos: Pos) -> Option<&str> {
    file.text
        .get(pos.byte_start as usize..pos.byte_end as usize)
}

/// The string a one-line scalar's source spells: plain, single- or
/// double-quoted without escapes JSON lacks. `None` for anything else (a
/// block scalar, a multi-line scalar, an alias, a tag or an anchor), which
/// the fix leaves alone.
fn scalar(source: &str) -> Option<String> {
    if source.is_empty() || source.contains(['\n', '\r']) {
        return None;
    }
    if source.starts_with('"') {
        return serde_json::from_str(source).ok();
    }
    if let Some(inner) = source.strip_prefix('\'') {
        let inner = inner.strip_suffix('\'')?;
        return (!inner.replace("''", "").contains('\'')).then(|| inner.replace("''", "'"));
    }
    if source.starts_with(['|', '>', '&', '*', '!']) {
        return None;
    }
    Some(source.to_owned())
}

/// Whether the mapping that holds the key at `pointer` has a key `name`.
fn has_key(file: &LoadedFile, doc: usize, pointer: &str, name: &str) -> bool {
    let parent = pointer.rsplit_once('/').map_or("", |(p, _)| p);
    let sibling = format!("{parent}/{}", crate::load::pointer::escape(name));
    file.locate(doc, &sibling).is_some()
}

/// Whether `s` reads back as the same string when written unquoted, in
/// YAML 1.1 and 1.2 alike: an id of letters, digits, `_`, `-` and `.`
/// that no reader takes for a number, a boolean or null.
fn plain(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf",
    ];
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && !WORDS.contains(&s.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{load, load_fast, Limits};

    /// The source after the fix, read by the full loader and by the fast
    /// path (whose positions are kept without node trees): both agree.
    fn fixed(src: &str, pointer: &str, old: &str, new: &str) -> Option<String> {
        let apply = |file: &LoadedFile| {
            let fix = replace_id(file, 0, pointer, old, new)?;
            let applied =
                crate::lint::fix::apply("n.yaml", src.as_bytes(), &[&fix], &Limits::default())
                    .unwrap()
                    .unwrap();
            Some(String::from_utf8(applied.bytes).unwrap())
        };
        let full = apply(&load("n.yaml", src.as_bytes(), &Limits::default()));
        let loaded = load_fast("n.yaml", src.as_bytes().to_vec(), &Limits::default());
        // The fast path leaves anchors, aliases and tags to the full loader.
        let by_fast_path = loaded.fast_json().is_some();
        assert_eq!(by_fast_path, !src.contains(['&', '*', '!']), "{src:?}");
        let fast = apply(&loaded.into_parts().0);
        assert_eq!(full, fast, "{src:?}");
        full
    }

    #[test]
    fn keeps_the_quoting_of_the_source() {
        let base = "kind: Nomination\n";
        for (src, want) in [
            ("candidate: jdentn\n", "candidate: jdenton\n"),
            ("candidate: \"jdentn\"\n", "candidate: \"jdenton\"\n"),
            (
                "candidate: 'jdentn'  # typo\n",
                "candidate: 'jdenton'  # typo\n",
            ),
        ] {
            let got = fixed(&format!("{base}{src}"), "/candidate", "jdentn", "jdenton");
            assert_eq!(got.as_deref(), Some(format!("{base}{want}").as_str()));
        }
    }

    #[test]
    fn quotes_an_id_that_would_read_as_something_else() {
        let src = "kind: Nomination\ncandidate: o\n";
        let got = fixed(src, "/candidate", "o", "on").unwrap();
        assert_eq!(got, "kind: Nomination\ncandidate: \"on\"\n");
    }

    #[test]
    fn renames_a_key() {
        let src = "kind: Nomination\nreview:\n  votes: { trunty: approve, ahmd: decline }\n";
        let got = fixed(src, "/review/votes/ahmd", "ahmd", "ahmed").unwrap();
        assert_eq!(
            got,
            "kind: Nomination\nreview:\n  votes: { trunty: approve, ahmed: decline }\n"
        );
    }

    #[test]
    fn never_renames_a_key_onto_another() {
        let src = "kind: Nomination\nanswers: { impct: a, impact: b }\n";
        assert_eq!(fixed(src, "/answers/impct", "impct", "impact"), None);
    }

    #[test]
    fn reads_what_the_source_spells() {
        let base = "kind: Nomination\n";
        for (src, want) in [
            // Quotes with an escape JSON knows, and a doubled single quote.
            ("to_level: \"E\\u0039\"\n", Some("to_level: \"E4\"\n")),
            ("to_level: 'E''9'\n", None),
            // A flow mapping and a sequence.
            ("votes: { E9: approve }\n", Some("votes: { E4: approve }\n")),
            ("reviewers: [a, E9]\n", Some("reviewers: [a, E4]\n")),
            // An anchored or tagged value keeps its anchor or tag; an
            // alias is left alone.
            ("to_level: &a E9\n", Some("to_level: &a E4\n")),
            ("x: &a E9\nto_level: *a\n", None),
            ("to_level: !!str E9\n", Some("to_level: !!str E4\n")),
            // A multi-line plain scalar.
            ("to_level: E9\n  more\n", None),
        ] {
            let pointer = match src {
                s if s.starts_with("votes") => "/votes/E9",
                s if s.starts_with("reviewers") => "/reviewers/1",
                _ => "/to_level",
            };
            let got = fixed(&format!("{base}{src}"), pointer, "E9", "E4");
            assert_eq!(got, want.map(|w| format!("{base}{w}")), "{src:?}");
        }
        // The doubled quote is read as one.
        let src = format!("{base}to_level: 'E''9'\n");
        assert_eq!(
            fixed(&src, "/to_level", "E'9", "E4").as_deref(),
            Some(format!("{base}to_level: 'E4'\n").as_str())
        );
    }

    #[test]
    fn leaves_a_block_scalar_alone() {
        let src = "kind: Nomination\ncandidate: >-\n  jdentn\n";
        assert_eq!(fixed(src, "/candidate", "jdentn", "jdenton"), None);
    }
}
