//! Words and word patterns: the one place where a text is split into words
//! and where configured phrases are matched against them.
//!
//! A pattern is a phrase, matched as whole words in any case. Its words may
//! be joined in the text by spaces, line breaks, hyphens, apostrophes or a
//! slash ("digital native" also finds "Digital-Native"). In a pattern:
//!
//! - `a|b|c` matches any one of the words;
//! - a trailing `*` matches any ending (`report*`: reports, reporting);
//! - `N` matches a number, in digits or as a word up to twenty (`eight`);
//! - `*` on its own matches any one word;
//! - a trailing `?` makes the word optional (`the? career*`).

use std::ops::Range;

/// A word of a text: lower-cased, with its byte range in the original.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub word: String,
    pub range: Range<usize>,
}

/// The words of `text`: runs of letters and digits, and `+` on its own
/// (so "5+ years" is `5`, `+`, `years`). Everything else separates.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push(token(text, s..i));
        }
        if c == '+' {
            out.push(token(text, i..i + 1));
        }
    }
    if let Some(s) = start {
        out.push(token(text, s..text.len()));
    }
    out
}

fn token(text: &str, range: Range<usize>) -> Token {
    Token {
        word: text[range.clone()].to_lowercase(),
        range,
    }
}

/// Whether two neighbouring words of `text` belong to one phrase: only
/// white space, hyphens, apostrophes or a slash between them.
pub fn joined(text: &str, a: &Token, b: &Token) -> bool {
    text[a.range.end..b.range.start]
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, '-' | '\'' | '\u{2019}' | '/'))
}

/// Number words that `N` matches besides digits.
const NUMBER_WORDS: [&str; 20] = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// Whether `word` is a number: digits or a number word.
pub fn is_number(word: &str) -> bool {
    (!word.is_empty() && word.bytes().all(|b| b.is_ascii_digit())) || NUMBER_WORDS.contains(&word)
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Alt {
    Word(String),
    Prefix(String),
    Number,
}

impl Alt {
    fn matches(&self, word: &str) -> bool {
        match self {
            Alt::Word(w) => w == word,
            Alt::Prefix(p) => word.starts_with(p.as_str()),
            Alt::Number => is_number(word),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Element {
    alts: Vec<Alt>,
    optional: bool,
}

/// A phrase to find, with what to write instead.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// The pattern as written in the list or configuration.
    pub text: String,
    elements: Vec<Element>,
    pub suggestion: String,
}

impl Pattern {
    /// `None` for a pattern with no words.
    pub fn new(text: &str, suggestion: &str) -> Option<Pattern> {
        let mut elements = Vec::new();
        for piece in text.split_whitespace() {
            let (piece, optional) = match piece.strip_suffix('?') {
                Some(p) => (p, true),
                None => (piece, false),
            };
            if piece.contains('|') {
                let alts: Vec<Alt> = piece.split('|').filter_map(alt).collect();
                if !alts.is_empty() {
                    elements.push(Element { alts, optional });
                }
                continue;
            }
            // A piece without alternatives may hold several words
            // ("one-to-ones", "N+", "teammate's"): one element each.
            for part in split_piece(piece) {
                if let Some(a) = alt(&part) {
                    elements.push(Element {
                        alts: vec![a],
                        optional,
                    });
                }
            }
        }
        let any_word = |e: &Element| e.alts.iter().any(|a| *a == Alt::Prefix(String::new()));
        if elements.iter().all(|e| e.optional || any_word(e)) {
            return None;
        }
        Some(Pattern {
            text: text.trim().to_owned(),
            elements,
            suggestion: suggestion.to_owned(),
        })
    }

    /// Whether two patterns match the same phrases, as written.
    pub fn same(&self, other: &Pattern) -> bool {
        self.elements == other.elements
    }

    /// The end (token index, exclusive) of the longest match starting at
    /// token `i`. The pattern is run as a set of positions, element by
    /// element, so optional words cost a pass each, never a search over
    /// their combinations.
    fn match_at(&self, text: &str, toks: &[Token], i: usize) -> Option<usize> {
        // (next token, whether a word was taken yet)
        let mut states: Vec<(usize, bool)> = vec![(i, false)];
        for e in &self.elements {
            let mut next: Vec<(usize, bool)> = Vec::new();
            for &(p, started) in &states {
                let take = toks.get(p).is_some_and(|t| {
                    e.alts.iter().any(|a| a.matches(&t.word))
                        && (!started || joined(text, &toks[p - 1], t))
                });
                if take {
                    next.push((p + 1, true));
                }
                if e.optional {
                    next.push((p, started));
                }
            }
            next.sort_unstable();
            next.dedup();
            if next.is_empty() {
                return None;
            }
            states = next;
        }
        states
            .iter()
            .filter(|(p, started)| *started && *p > i)
            .map(|(p, _)| *p)
            .max()
    }
}

/// The words of a pattern piece: runs of letters, digits and `*`, and `+`.
fn split_piece(piece: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in piece.chars() {
        if c.is_alphanumeric() || c == '*' {
            cur.push(c);
            continue;
        }
        if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        if c == '+' {
            out.push("+".into());
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Whether `piece` (one word of a pattern, perhaps `a|b`) is well formed:
/// each alternative one word of letters and digits, with `*` at the end.
pub fn well_formed(piece: &str) -> bool {
    let piece = piece.strip_suffix('?').unwrap_or(piece);
    !piece.contains('|')
        || piece.split('|').all(|a| {
            let a = a.strip_suffix('*').unwrap_or(a);
            !a.is_empty() && a.chars().all(char::is_alphanumeric)
        })
}

fn alt(word: &str) -> Option<Alt> {
    if word == "N" {
        return Some(Alt::Number);
    }
    if word == "*" {
        return Some(Alt::Prefix(String::new()));
    }
    let prefix = word.ends_with('*');
    let w: String = word
        .trim_matches('*')
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '+')
        .collect::<String>()
        .to_lowercase();
    if w.is_empty() {
        return None;
    }
    Some(if prefix { Alt::Prefix(w) } else { Alt::Word(w) })
}

/// A pattern found in a text: the byte range of its words.
#[derive(Clone, Debug)]
pub struct Found<'p> {
    pub range: Range<usize>,
    pub pattern: &'p Pattern,
}

/// Every place where one of `patterns` occurs in `text`, in text order; of
/// overlapping matches the first and longest is kept. A match that overlaps
/// a match of one of `quiet` (phrases in which the words mean something
/// else, such as "always-on service") is dropped.
pub fn find<'p>(text: &str, patterns: &'p [Pattern], quiet: &[Pattern]) -> Vec<Found<'p>> {
    let toks = tokens(text);
    let masked = spans(text, &toks, quiet);
    let mut out: Vec<Found> = Vec::new();
    for i in 0..toks.len() {
        let best = patterns
            .iter()
            .filter_map(|p| p.match_at(text, &toks, i).map(|end| (end, p)))
            .max_by_key(|(end, _)| *end);
        let Some((end, pattern)) = best else {
            continue;
        };
        let range = toks[i].range.start..toks[end - 1].range.end;
        if masked
            .iter()
            .any(|m| m.start < range.end && range.start < m.end)
        {
            continue;
        }
        if out.last().is_none_or(|f| range.start >= f.range.end) {
            out.push(Found { range, pattern });
        }
    }
    out
}

/// The byte ranges of every match of `patterns` in `text`.
pub fn spans(text: &str, toks: &[Token], patterns: &[Pattern]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for i in 0..toks.len() {
        for p in patterns {
            if let Some(end) = p.match_at(text, toks, i) {
                out.push(toks[i].range.start..toks[end - 1].range.end);
            }
        }
    }
    out
}

/// Words that turn what follows into its opposite ("does not need
/// heroes", "without heroics", "avoids aggressive language").
const AGAINST: &[&str] = &[
    "not",
    "no",
    "never",
    "without",
    "nor",
    "avoid",
    "avoids",
    "avoiding",
    "instead",
    "rather",
    "doesn",
    "don",
    "isn",
    "aren",
    "won",
    "cannot",
    "discourage",
    "discourages",
    "prevent",
    "prevents",
    "free",
    "counter",
    "counters",
    "against",
];

/// Whether the words at `range` of `text` are said against themselves: a
/// word such as "not", "without" or "avoids" within the three words before
/// them, in the same clause.
pub fn negated(text: &str, toks: &[Token], range: &Range<usize>) -> bool {
    let Some(i) = toks.iter().position(|t| t.range.start == range.start) else {
        return false;
    };
    let mut end = range.start;
    for t in toks[..i].iter().rev().take(3) {
        let gap = &text[t.range.end..end];
        if gap.contains(['.', ';', ':', '!', '?', ',', '(', ')']) {
            return false;
        }
        if AGAINST.contains(&t.word.as_str()) {
            return true;
        }
        end = t.range.start;
    }
    false
}

/// The words of a text as a message quotes them: one line, original case.
pub fn quote(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, patterns: &[&str], quiet: &[&str]) -> Vec<String> {
        let ps: Vec<Pattern> = patterns
            .iter()
            .filter_map(|p| Pattern::new(p, ""))
            .collect();
        let qs: Vec<Pattern> = quiet.iter().filter_map(|p| Pattern::new(p, "")).collect();
        find(text, &ps, &qs)
            .into_iter()
            .map(|f| text[f.range].to_owned())
            .collect()
    }

    #[test]
    fn whole_words_any_case_joined_by_space_or_hyphen() {
        assert_eq!(
            found(
                "Digital-Natives; a Digital native",
                &["digital native"],
                &[]
            ),
            ["Digital native"]
        );
        assert!(found("indirect reports", &["direct reports"], &[]).is_empty());
        assert!(found("direct. Reports", &["direct reports"], &[]).is_empty());
        assert_eq!(
            found("holds one-to-ones and one to ones", &["one-to-ones"], &[]),
            ["one-to-ones", "one to ones"]
        );
        assert_eq!(
            found("each teammate's personality", &["teammate's"], &[]),
            ["teammate's"]
        );
    }

    #[test]
    fn stars_alternatives_numbers_and_optional_words() {
        assert_eq!(
            found("Hires and fires staff", &["hire* and fire*"], &[]),
            ["Hires and fires"]
        );
        assert_eq!(
            found(
                "5+ years, eight years, 3 yrs, many years",
                &["N +? years|yrs"],
                &[]
            ),
            ["5+ years", "eight years", "3 yrs"]
        );
        assert_eq!(
            found(
                "manages careers; manages the careers",
                &["manag* the? career*"],
                &[]
            ),
            ["manages careers", "manages the careers"]
        );
        assert_eq!(
            found(
                "a natural technical leader, a natural leader",
                &["natural *? leader"],
                &[]
            ),
            ["natural technical leader", "natural leader"]
        );
        assert!(Pattern::new("the?", "").is_none());
        assert!(Pattern::new(" * ", "").is_none());
    }

    #[test]
    fn many_optional_words_cost_no_search() {
        // A configured pattern of forty optional words over a long text:
        // one pass per word, not 2^40 combinations.
        let pattern = format!("{} end", "*? ".repeat(40));
        let text = "word ".repeat(400) + "end";
        assert_eq!(found(&text, &[&pattern], &[]).len(), 1);
    }

    #[test]
    fn longest_match_wins_without_overlap() {
        assert_eq!(
            found(
                "young and energetic; young",
                &["young", "young and energetic"],
                &[]
            ),
            ["young and energetic", "young"]
        );
    }

    #[test]
    fn quiet_phrases_mask_their_words() {
        assert_eq!(
            found(
                "Keeps the always-on API up and is always on",
                &["always on"],
                &["always on api|service*"]
            ),
            ["always on"]
        );
        assert!(found(
            "Brings problems to their line manager",
            &["line manag*"],
            &["their line manag*"]
        )
        .is_empty());
    }

    #[test]
    fn against_the_words() {
        let text = "Does not rely on heroes, hires heroes; avoids aggressive timelines";
        let toks = tokens(text);
        let at = |w: &str, n: usize| {
            let s = text.match_indices(w).nth(n).unwrap().0;
            s..s + w.len()
        };
        assert!(negated(text, &toks, &at("heroes", 0)));
        assert!(!negated(text, &toks, &at("heroes", 1)));
        assert!(negated(text, &toks, &at("aggressive", 0)));
    }

    #[test]
    fn non_ascii_text() {
        assert_eq!(
            found("Führt Gespräche — direct reports", &["direct report*"], &[]),
            ["direct reports"]
        );
    }
}
