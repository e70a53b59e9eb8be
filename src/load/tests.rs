//! Tests of loading: both paths read and place alike, the budgets, and
//! words inside texts.

use super::*;

fn words(yaml: &str, pointer: &str, word: &str) -> Option<String> {
    let file = load("t.yaml", yaml.as_bytes(), &Limits::default());
    let (_, node) = file.documents()[0].root.resolve(pointer).unwrap();
    let value = node.as_str().unwrap();
    let at = value.find(word).unwrap();
    let span = file.text_span_at(0, pointer, at..at + word.len())?;
    assert_eq!(span.end_line, span.line);
    let line: Vec<char> = file.line_text(span.line).chars().collect();
    Some(
        line[span.column as usize - 1..span.end_column as usize - 1]
            .iter()
            .collect(),
    )
}

#[test]
fn text_span_inside_plain_and_quoted_scalars() {
    let yaml = "a:\n  b: Hires and fires — direct reports.\n  c: \"Has direct reports\"\n  d: 'it''s direct reports'\n  e: { f: Manages direct reports }\n";
    for p in ["/a/b", "/a/c", "/a/d", "/a/e/f"] {
        assert_eq!(
            words(yaml, p, "direct reports").as_deref(),
            Some("direct reports")
        );
    }
}

#[test]
fn text_span_inside_block_and_folded_scalars() {
    let yaml = "a: |\n  Manages\n  direct reports.\nb: >-\n  Manages\n  direct reports\nc: Has\n  direct reports\n";
    for p in ["/a", "/b", "/c"] {
        assert_eq!(words(yaml, p, "direct").as_deref(), Some("direct"));
    }
}

#[test]
fn text_span_where_words_are_folded_escaped_or_repeated() {
    // Folded over a line break: from the first word to the last.
    let file = load(
        "t.yaml",
        b"a: Manages direct\n  reports\n",
        &Limits::default(),
    );
    let span = file.text_span_at(0, "/a", 8..22).unwrap();
    assert_eq!(
        (span.line, span.column, span.end_line, span.end_column),
        (1, 12, 2, 10)
    );
    // Spelled by an escape, and also literally elsewhere in the source:
    // which one is meant cannot be told.
    let yaml = "a: \"\\x41BC then ABC\"\n";
    assert_eq!(words(yaml, "/a", "ABC"), None);
    // Repeated, as often in the value as in the source: the second in
    // the value is the second in the source.
    let file = load("t.yaml", b"a: |\n  direct,\n  direct\n", &Limits::default());
    let span = file.text_span_at(0, "/a", 8..14).unwrap();
    assert_eq!((span.line, span.column), (3, 3));
}

/// Where the fast path reads a file, it reads what the full path reads,
/// and places every node and key where the full path places them.
fn same_as_full(text: &str) {
    let limits = Limits::default();
    let Some((json, _)) = fast::parse(text, limits.max_depth) else {
        return;
    };
    let file = load("t.yaml", text.as_bytes(), &limits);
    assert!(file.findings.is_empty(), "{text:?}: {:?}", file.findings);
    let full: Vec<serde_json::Value> = file.documents().iter().map(|d| d.root.to_json()).collect();
    assert_eq!(json, full, "{text:?}");
    let (fast, _) = load_fast("t.yaml", text.as_bytes().to_vec(), &limits).into_parts();
    assert!(fast.spans.is_some());
    for (doc, value) in json.iter().enumerate() {
        let mut pointers = Vec::new();
        all_pointers(value, String::new(), &mut pointers);
        // And places that do not exist: the deepest one that does.
        pointers.extend(["/nowhere".to_owned(), "/0/x/y".to_owned(), "x".to_owned()]);
        for p in pointers {
            assert_eq!(
                fast.span_at(doc, &p),
                file.span_at(doc, &p),
                "{p} in {text:?}"
            );
            assert_eq!(
                fast.key_span_at(doc, &p),
                file.key_span_at(doc, &p),
                "key of {p} in {text:?}"
            );
        }
    }
    assert_eq!(fast.span_at(json.len(), ""), Span::FILE_START);
}

fn all_pointers(value: &serde_json::Value, at: String, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                all_pointers(v, format!("{at}/{}", pointer::escape(k)), out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                all_pointers(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

#[test]
fn fast_path_reads_every_fixture_as_the_full_path_does() {
    fn walk(dir: &std::path::Path, n: &mut usize) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, n);
            } else if let Ok(text) = std::fs::read_to_string(&p) {
                same_as_full(&text);
                *n += usize::from(fast::parse(&text, 64).is_some());
            }
        }
    }
    let mut n = 0;
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
        &mut n,
    );
    assert!(n > 50, "the fast path read only {n} fixtures");
}

#[test]
fn fast_path_places_nodes_as_the_full_path_does() {
    for text in [
        "a: 1\nb:\n  c: [x, {d: e}]\n  'q k': v\n  \"e\\tk\": w\n",
        "- - a\n  - b\n- {}\n- []\n- k: |\n    block\n    text\n  l: >-\n    folded\n",
        "a/b: 1\nc~d: 2\n\"x\": {'y': [1, 2, {z: 3}]}\n",
        "kind: A\n---\nkind: B\nlist:\n- x: 1\n  y: 2\n- x: 3\n",
        "outer:\n  inner:\n    deep: [a, b, c]\n  after: 'it''s'\n",
        "é: ü\nnom: \"ça\"\n",
        "{a: 1, b: [2, 3]}\n",
        "[a, b]\n",
    ] {
        assert!(fast::parse(text, 64).is_some(), "{text:?}");
        same_as_full(text);
    }
}

/// Keys that do not fit in a node's 16 bytes: 70,000 bytes before their
/// value, or 70,000 bytes long (an explicit `?` key: an implicit one is at
/// most 1,024 characters).
#[test]
fn fast_path_places_far_and_long_keys_as_the_full_path_does() {
    let comments = "  # a comment line that pushes the value away from its key\n".repeat(1_200);
    for text in [
        format!("a:\n{comments}  b: 1\nc: 2\n"),
        format!("a:\n{comments}  - x\n  - y\nc: 2\n"),
        format!("a:\n{comments}  [x, {{y: 1}}]\nc: 2\n"),
        format!("- a:\n{comments}    b\n  c: 2\n"),
    ] {
        assert!(fast::parse(&text, 64).is_some(), "{}", &text[..40]);
        same_as_full(&text);
    }
    let long = "k".repeat(70_000);
    for text in [
        format!("? {long}\n: 1\nb: 2\n"),
        format!("? \"{long}\"\n: [1, 2]\n"),
    ] {
        assert!(fast::parse(&text, 64).is_some(), "{}", &text[..40]);
        same_as_full(&text);
    }
}

#[test]
fn fast_path_stays_within_the_full_loaders_budget() {
    // Just under and over each limit of the full loader's budget: the
    // fast path reads only files the full loader reads without a
    // finding (`same_as_full` checks it).
    for docs in [1_024, 1_025] {
        same_as_full(&"---\nkind: Person\n".repeat(docs));
    }
    for keys in [124_000, 125_000] {
        let text: String = (0..keys).map(|i| format!("k{i}: v\n")).collect();
        same_as_full(&text);
    }
    let many: String = (0..124_000).map(|i| format!("k{i}: v\n")).collect();
    assert!(fast::parse(&many, 64).is_some());
}

#[test]
fn documents_kept_as_json_are_read_without_node_trees() {
    let text = "kind: Nomination\nid: n1\nreview:\n  votes: {a: approve}\n";
    let limits = Limits {
        keep_json: true,
        ..Limits::default()
    };
    let (file, _) = load_fast("n.yaml", text.as_bytes().to_vec(), &limits).into_parts();
    assert_eq!(
        file.json_at(0, "/review/votes/a"),
        Some(serde_json::json!("approve"))
    );
    assert_eq!(file.json_at(0, "/review/nowhere"), None);
    let kinds: Vec<_> = file.documents_json().into_iter().map(|(k, _)| k).collect();
    assert_eq!(kinds, [Some(Kind::Nomination)]);
    // Positions too come from what the fast path kept.
    assert_eq!(file.span_at(0, "/review/votes/a").line, 4);
    assert!(file.documents.get().is_none(), "the file was parsed again");
    // Not asked to keep them: the same answers, from the node trees.
    let (file, _) = load_fast("n.yaml", text.as_bytes().to_vec(), &Limits::default()).into_parts();
    assert!(file.json.is_none());
    assert_eq!(
        file.json_at(0, "/review/votes/a"),
        Some(serde_json::json!("approve"))
    );
}

#[test]
fn fast_path_scalars() {
    for v in [
        "0",
        "7",
        "-7",
        "007",
        "-0",
        "+7",
        "1_000",
        "0x1F",
        "0o17",
        "0b11",
        "1e3",
        "1.5",
        ".5",
        ".inf",
        "-.inf",
        ".nan",
        "inf",
        "Infinity",
        "NaN",
        "nan",
        "true",
        "True",
        "FALSE",
        "yes",
        "no",
        "on",
        "off",
        "~",
        "null",
        "Null",
        "NULL",
        "2026-06-20",
        "2026-13-45",
        "2026-H2",
        "2026h2-jdenton",
        "12:30",
        "1,000",
        "1 2",
        "123abc",
        "abc_def",
        "influence",
        "E6",
        "€5",
        "-",
        "--",
        "- x",
        "9223372036854775807",
        "99999999999999999999",
        "1e999",
        "0.0",
        "'q'",
        "\"q\"",
        "[]",
        "{}",
        "[1, a]",
    ] {
        same_as_full(&format!("k: {v}\n"));
        same_as_full(&format!("- {v}\n"));
        same_as_full(&format!("{v}: x\n"));
    }
    for text in [
        "",
        "# only\n",
        "---\n---\n",
        "a: 1\n---\nb: 2\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 5\n",
        "a: 1\na: 2\n",
        "? [a]\n: 1\n",
        "a:\n  b:\n    c: [1, {d: e}]\n",
        "a: |\n  text\n  more\n",
        "a: >-\n  folded\n  text\n",
        "a: 'it''s'\n",
        "a: \"\\x41\"\n",
        "<<: {a: 1}\n",
        "null: 1\n",
        "1: a\n2: b\n",
    ] {
        same_as_full(text);
    }
}
