//! YAML syntax errors in plain words, at the place a person has to fix.
//!
//! The parser stops where it notices a problem, which is often lines after
//! the cause: an unclosed `{` is noticed at the next key, an unclosed quote
//! at the end of the file. For those, the finding points at the opening
//! bracket or quote, and names the place where the parser stopped as a
//! related location.

use super::{LoadedFile, SYNTAX};
use crate::finding::{Finding, Span};

/// A syntax error, explained: where it starts, what is wrong, and (when
/// it differs) where the parser noticed.
pub struct Explained {
    /// Byte offset of the start of the problem.
    pub at: usize,
    /// Its length in bytes (at least one character where possible).
    pub len: usize,
    pub message: String,
    pub help: Option<String>,
    /// Byte offset where the parser stopped, when it is elsewhere.
    pub noticed: Option<usize>,
}

/// Explain the parser's `raw` message for an error noticed at byte `at` of
/// `text`.
pub fn explain(text: &str, raw: &str, at: usize) -> Explained {
    let at = at.min(text.len());
    let lower = raw.to_ascii_lowercase();
    let here = |message: String, help: &str| Explained {
        at,
        len: char_len(text, at),
        message,
        help: Some(help.to_owned()),
        noticed: None,
    };
    let brackets = ["flow mapping", "flow sequence", "bracket", "implicit flow"];
    if brackets.iter().any(|b| lower.contains(b)) {
        if let Some((open, offset)) = unclosed_bracket(text, at) {
            let close = if open == '{' { '}' } else { ']' };
            let what = if open == '{' { "mapping" } else { "list" };
            let end = lower.contains("eof") || lower.contains("end of") || at >= text.len();
            return Explained {
                at: offset,
                len: 1,
                message: if end {
                    format!("this `{open}` is never closed: the file ends before its `{close}`")
                } else {
                    format!(
                        "this `{open}` is not closed: a `,` or `{close}` was expected where the \
                         parser stopped (line {})",
                        line_of(text, at)
                    )
                },
                help: Some(format!(
                    "close the {what} with `{close}` (items are separated by `,`), or write it as \
                     indented lines"
                )),
                noticed: (!end).then_some(at),
            };
        }
        if lower.contains("mismatched") || lower.contains("misplaced") {
            return here(
                "this bracket does not match the one that opened the mapping or list".into(),
                "a mapping opened with `{` closes with `}`, a list opened with `[` with `]`",
            );
        }
    }
    if lower.contains("quote") || lower.contains("quoted scalar") {
        if let Some(offset) = unclosed_quote(text, at) {
            return Explained {
                at: offset,
                len: 1,
                message: "this quoted text is never closed".into(),
                help: Some(
                    "end it with the same quote it starts with; inside single quotes write `''` \
                     for a quote, inside double quotes `\\\"`"
                        .into(),
                ),
                noticed: (offset != at).then_some(at),
            };
        }
    }
    if lower.contains("tab") {
        return here(
            "a tab character is used to indent this line; YAML indents with spaces only".into(),
            "replace the tab with spaces",
        );
    }
    if lower.contains("mapping values are not allowed") {
        return here(
            "unexpected `:` inside a value: text that contains `: ` must be quoted".into(),
            "put the whole value in quotes (`summary: \"Result: 40% fewer incidents\"`), or \
             check that this line is indented as intended",
        );
    }
    if lower.contains("did not find expected key") || lower.contains("invalid indentation") {
        return here(
            "this line is not indented like the keys around it".into(),
            "line it up with the keys of its mapping, or indent it under the key it belongs to; \
             a list item needs `- ` before it",
        );
    }
    if lower.contains("expected '-' indicator") || lower.contains("block sequence entries") {
        return here(
            "this line is not indented like the items of the list it is in".into(),
            "start each item of a list with `- ` at the same indentation",
        );
    }
    if lower.contains("expected ':'") || lower.contains("could not find expected ':'") {
        return here(
            "a key here has no `:` after it".into(),
            "write `key: value`, with a space after the colon",
        );
    }
    if lower.contains("did not find expected node content") {
        return here(
            "a value is missing here".into(),
            "give the value, or `~` for none",
        );
    }
    if lower.contains("unknown anchor") {
        return here(
            "this alias (`*name`) refers to an anchor (`&name`) that is not defined above it"
                .into(),
            "define the anchor before the alias, or write the value out",
        );
    }
    Explained {
        at,
        len: char_len(text, at),
        message: format!("invalid YAML: {raw}"),
        help: None,
        noticed: None,
    }
}

fn char_len(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|s| s.chars().next())
        .filter(|c| *c != '\n' && *c != '\r')
        .map_or(0, char::len_utf8)
}

fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// The innermost `{` or `[` still open at byte `at`, with its offset,
/// outside quotes and comments.
fn unclosed_bracket(text: &str, at: usize) -> Option<(char, usize)> {
    let mut stack: Vec<(char, usize)> = Vec::new();
    scan(text, at, |c, i| match c {
        '{' | '[' => stack.push((c, i)),
        '}' | ']' => {
            stack.pop();
        }
        _ => {}
    });
    stack.pop()
}

/// The quote still open at byte `at` (or at the end of the text), with its
/// offset.
fn unclosed_quote(text: &str, at: usize) -> Option<usize> {
    let mut open = None;
    let mut quote = None;
    let mut prev = ' ';
    for (i, c) in text.char_indices() {
        if i >= at && quote.is_none() {
            break;
        }
        match (quote, c) {
            (None, '#') if prev.is_whitespace() => {
                // A comment: skip to the end of the line.
                quote = Some('#');
            }
            (Some('#'), '\n') => quote = None,
            (Some('#'), _) => {}
            (None, '"' | '\'') if prev.is_whitespace() || "[{,:-".contains(prev) => {
                quote = Some(c);
                open = Some(i);
            }
            (Some('"'), '"') if prev != '\\' => quote = None,
            (Some('\''), '\'') => quote = None,
            _ => {}
        }
        prev = c;
    }
    matches!(quote, Some('"' | '\'')).then_some(open).flatten()
}

/// Call `f` for every character before `at` that is outside quotes and
/// comments.
fn scan(text: &str, at: usize, mut f: impl FnMut(char, usize)) {
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for (i, c) in text.char_indices() {
        if i >= at {
            break;
        }
        match (quote, c) {
            (None, '#') if prev.is_whitespace() => quote = Some('#'),
            (Some('#'), '\n') => quote = None,
            (None, '"' | '\'') if prev.is_whitespace() || "[{,:-".contains(prev) => quote = Some(c),
            (Some('"'), '"') if prev != '\\' => quote = None,
            (Some('\''), '\'') => quote = None,
            (None, _) => f(c, i),
            _ => {}
        }
        prev = c;
    }
}

/// The finding for a file the parser could not read: at the place where
/// the problem starts, in plain words (see `syntax`).
pub(super) fn finding(file: &LoadedFile, e: &serde_saphyr::Error) -> Finding {
    let message = syntax_message(e);
    let at = e.location().filter(|l| l.line() > 0).map(|loc| {
        let s = loc.span();
        match s.byte_offset() {
            Some(b) => b as usize,
            None => {
                let start = file
                    .line_starts()
                    .get(loc.line() as usize - 1)
                    .copied()
                    .unwrap_or(0) as usize;
                let line = file.line_text(loc.line() as u32);
                start
                    + line
                        .char_indices()
                        .nth(loc.column().saturating_sub(1) as usize)
                        .map_or(line.len(), |(i, _)| i)
            }
        }
    });
    let Some(raw) = message.strip_prefix("invalid YAML: ") else {
        // A limit, already in plain words.
        let span = at.map_or(Span::FILE_START, |b| file.byte_span(b, 0));
        return file.finding_at(SYNTAX, span, message, None);
    };
    let x = explain(&file.text, raw, at.unwrap_or(0));
    let mut f = file.finding_at(SYNTAX, file.byte_span(x.at, x.len), x.message, x.help);
    if let Some(n) = x.noticed {
        f.related
            .push(file.related(file.byte_span(n, 0), "the parser stopped here"));
    }
    f
}

/// serde-saphyr's message without its trailing position (we print our own).
fn syntax_message(e: &serde_saphyr::Error) -> String {
    use serde_saphyr::budget::BudgetBreach;
    use serde_saphyr::Error;
    let mut inner = e;
    while let Error::AliasError { error, .. } | Error::WithSnippet { error, .. } = inner {
        inner = error;
    }
    if let Error::Budget { breach, .. } = inner {
        return match breach {
            BudgetBreach::Depth { .. } => {
                "nesting is deeper than the limit of 64 levels; the file was not read".into()
            }
            BudgetBreach::Aliases { .. } | BudgetBreach::Anchors { .. } => {
                "too many anchors or aliases; the file was not read".into()
            }
            _ => "the file expands to too many YAML nodes (alias expansion, a \"billion \
                  laughs\" file?); the file was not read"
                .into(),
        };
    }
    let msg = e.to_string();
    if msg.contains("recursion limit exceeded") {
        return "nesting is deeper than the limit of 64 levels; the file was not read".into();
    }
    let msg = match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg,
    };
    let first = msg.lines().next().unwrap_or("invalid YAML").trim();
    format!("invalid YAML: {first}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_brace_is_found_where_it_opens() {
        let text = "levels:\n  - { id: E5, track: ic\n  - id: E6\n    track: ic\n";
        let at = text.find("- id: E6").unwrap();
        let e = explain(
            text,
            "while parsing a flow mapping, did not find expected ',' or '}'",
            at,
        );
        assert_eq!(e.at, text.find('{').unwrap());
        assert!(
            e.message.contains("this `{` is not closed"),
            "{}",
            e.message
        );
        assert_eq!(e.noticed, Some(at));
    }

    #[test]
    fn brackets_in_quotes_and_comments_do_not_count() {
        let text = "a: \"{ not\" # [ nor\nb: [1, 2\n";
        let e = explain(
            text,
            "unexpected EOF while parsing a flow sequence",
            text.len(),
        );
        assert_eq!(e.at, text.find("[1").unwrap());
        assert!(e.message.contains("never closed"), "{}", e.message);
    }

    #[test]
    fn an_unclosed_quote_is_found_where_it_opens() {
        let text = "id: x\ntitle: \"Staff engineer\nnext: 1\n";
        let e = explain(text, "unclosed quote", text.len());
        assert_eq!(e.at, text.find('"').unwrap());
    }

    #[test]
    fn parser_words_become_plain_ones() {
        let text = "summary: Result: fewer incidents\n";
        let e = explain(text, "mapping values are not allowed in this context", 15);
        assert!(e.message.contains("must be quoted"), "{}", e.message);
    }
}
