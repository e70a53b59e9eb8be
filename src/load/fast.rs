//! The fast path of loading: YAML events straight to JSON values, with no
//! node tree. It accepts only what it can read exactly as the full loader
//! would (`Node::to_json` of its tree): plain mappings, sequences and
//! scalars whose type is certain. Anything else — anchors, aliases, tags,
//! keys that are not text, duplicate keys, empty documents, scalars that
//! might be numbers in some spelling, deep nesting, syntax errors — returns
//! `None`, and the file takes the full path, which reports it with
//! positions. The node tree of a file read here is built later, only when a
//! finding needs a position in it (`LoadedFile::documents`).

use super::spans::{Key, Spans};
use granit_parser::{Event, Parser, ScalarStyle};
use serde_json::{Map, Number, Value};
use std::borrow::Cow;

/// Above this many events the full loader's budget decides: it allows
/// 250,000 nodes (every node is an event) and 1,000,000 events, so a file
/// read here is never one the full loader would refuse.
const MAX_NODES: usize = 249_000;

/// Above this many documents, likewise (its budget allows 1,024).
const MAX_DOCUMENTS: usize = 1_024;

enum Frame {
    Seq(Vec<Value>),
    /// The entries so far, and the key waiting for its value with where
    /// it is.
    Map(Map<String, Value>, Option<(String, Key)>),
}

impl Frame {
    /// The key that leads to the next value, when this is a mapping.
    fn key(&self) -> Option<&Key> {
        match self {
            Frame::Map(_, Some((_, at))) => Some(at),
            _ => None,
        }
    }

    fn wants_key(&self) -> bool {
        matches!(self, Frame::Map(_, None))
    }
}

/// The documents of `text` as JSON, and where their nodes are, or `None`
/// when the full loader must read the file.
pub fn parse(text: &str, max_depth: usize) -> Option<(Vec<Value>, Spans)> {
    let mut docs = Vec::new();
    let mut spans = Spans::default();
    let mut stack: Vec<Frame> = Vec::new();
    let mut nodes = 0usize;
    // Leave the depth limit, and its message, to the full loader.
    let depth = max_depth / 2;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.ok()?;
        nodes += 1;
        if nodes > MAX_NODES {
            return None;
        }
        let is_map = matches!(event, Event::MappingStart(..));
        let value = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentStart(..) => continue,
            Event::DocumentEnd => {
                if !stack.is_empty() {
                    return None;
                }
                continue;
            }
            Event::Scalar(v, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                let value = scalar(v, style)?;
                let range = span.byte_range()?;
                if let Some(Frame::Map(_, key @ None)) = stack.last_mut() {
                    let Value::String(k) = value else {
                        return None;
                    };
                    // Merge keys (`<<`) are the full loader's.
                    if k == "<<" {
                        return None;
                    }
                    let name = (text.get(range.clone()) != Some(k.as_str())).then(|| k.clone());
                    *key = Some((k, Key { range, name }));
                    continue;
                }
                spans.scalar(range, stack.last().and_then(Frame::key));
                value
            }
            Event::SequenceStart(_, anchor, tag) | Event::MappingStart(_, anchor, tag) => {
                if anchor != 0 || tag.is_some() || stack.len() >= depth {
                    return None;
                }
                // A collection as a key is the full loader's.
                if stack.last().is_some_and(Frame::wants_key) {
                    return None;
                }
                spans.open(
                    span.byte_range()?,
                    stack.last().and_then(Frame::key),
                    is_map,
                );
                stack.push(if is_map {
                    Frame::Map(Map::new(), None)
                } else {
                    Frame::Seq(Vec::new())
                });
                continue;
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq(items)) => {
                    spans.close();
                    Value::Array(items)
                }
                _ => return None,
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map(map, None)) => {
                    spans.close();
                    Value::Object(map)
                }
                _ => return None,
            },
            _ => return None,
        };
        match stack.last_mut() {
            None => {
                // An empty document is left to the full loader.
                if value.is_null() || docs.len() == MAX_DOCUMENTS {
                    return None;
                }
                docs.push(value);
            }
            Some(Frame::Seq(items)) => items.push(value),
            Some(Frame::Map(map, key)) => {
                let (k, _) = key.take()?;
                // A key given twice is the full loader's to report.
                if map.insert(k, value).is_some() {
                    return None;
                }
            }
        }
    }
    if docs.is_empty() || !stack.is_empty() {
        return None;
    }
    spans.finish();
    Some((docs, spans))
}

/// A scalar's value, or `None` when its type is not certain here. Text the
/// parser already copied (escapes, folded lines) is moved, not copied again.
fn scalar(v: Cow<'_, str>, style: ScalarStyle) -> Option<Value> {
    if style != ScalarStyle::Plain {
        return Some(Value::String(v.into_owned()));
    }
    let v = v.as_ref();
    match v {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" => return Some(Value::Bool(true)),
        "false" => return Some(Value::Bool(false)),
        _ => {}
    }
    let b = v.as_bytes();
    match b[0] {
        b'-' => simple_int(v).map(|n| Value::Number(Number::from(n))),
        b'0'..=b'9' => {
            if let Some(n) = simple_int(v) {
                return Some(Value::Number(Number::from(n)));
            }
            if is_date(b) {
                return Some(Value::String(v.to_owned()));
            }
            // A letter that no number spelling uses: text.
            let text = b.iter().any(|c| {
                c.is_ascii_alphabetic()
                    && !matches!(c, b'a'..=b'f' | b'A'..=b'F' | b'x' | b'X' | b'o' | b'O')
            }) || b.iter().any(|c| matches!(c, b' ' | b'/' | b','));
            text.then(|| Value::String(v.to_owned()))
        }
        b'+' | b'.' => None,
        c if c.is_ascii_alphabetic() => {
            // Spellings of infinity and not-a-number, or booleans in
            // another case, are left to the full loader.
            if ["inf", "infinity", "nan", "true", "false"]
                .iter()
                .any(|w| v.eq_ignore_ascii_case(w))
            {
                return None;
            }
            Some(Value::String(v.to_owned()))
        }
        // Multi-byte text and punctuation other than number signs.
        _ => Some(Value::String(v.to_owned())),
    }
}

/// `0`, `42`, `-7`: a decimal integer with no leading zero, sign `-` only,
/// at most 18 digits (so it fits an i64).
fn simple_int(v: &str) -> Option<i64> {
    let digits = v.strip_prefix('-').unwrap_or(v);
    let ok = !digits.is_empty()
        && digits.len() <= 18
        && digits.bytes().all(|c| c.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && v != "-0";
    if ok {
        v.parse().ok()
    } else {
        None
    }
}

/// `YYYY-MM-DD` (any digits): never a number.
fn is_date(b: &[u8]) -> bool {
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}
