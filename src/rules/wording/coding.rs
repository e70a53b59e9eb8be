//! Gender-coded words: the stems of Gaucher, Friesen & Kay (2011)
//! (`gendered_words.txt`), how words are matched against them, and which of
//! them count in a ladder: not the ones typical ladder text uses all the
//! time (`ladder_words.txt`, measured on the calibration set), not inside a
//! domain term, not said against the trait or about other people.

use super::words::{self, Pattern, Token};
use std::ops::Range;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Masculine,
    Feminine,
}

impl Gender {
    pub fn name(self) -> &'static str {
        match self {
            Gender::Masculine => "masculine",
            Gender::Feminine => "feminine",
        }
    }
}

/// A coded word stem and the neutral wording suggested for it.
#[derive(Clone, Debug)]
pub struct Stem {
    pub gender: Gender,
    pub stem: String,
    pub alternative: Option<String>,
}

const WORDS: &str = include_str!("gendered_words.txt");
const LADDER_WORDS: &str = include_str!("ladder_words.txt");

/// The stems of `gendered_words.txt`.
pub fn builtin() -> &'static [Stem] {
    static STEMS: OnceLock<Vec<Stem>> = OnceLock::new();
    STEMS.get_or_init(|| parse(WORDS))
}

fn parse(data: &str) -> Vec<Stem> {
    let mut out = Vec::new();
    for line in data.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let (head, alternative) = match line.split_once("->") {
            Some((h, a)) => (h.trim(), Some(a.trim().to_owned())),
            None => (line, None),
        };
        let Some((gender, stem)) = head.split_once(char::is_whitespace) else {
            continue;
        };
        let gender = match gender {
            "masculine" => Gender::Masculine,
            "feminine" => Gender::Feminine,
            _ => continue,
        };
        out.push(Stem {
            gender,
            stem: stem.trim().to_lowercase(),
            alternative,
        });
    }
    out
}

/// How often typical ladder text uses each stem, per 1000 words
/// (`ladder_words.txt`).
pub fn ladder_rates() -> &'static [(String, f64)] {
    static RATES: OnceLock<Vec<(String, f64)>> = OnceLock::new();
    RATES.get_or_init(|| {
        LADDER_WORDS
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter_map(|l| {
                let (stem, rate) = l.split_once(char::is_whitespace)?;
                Some((stem.to_owned(), rate.trim().parse().ok()?))
            })
            .collect()
    })
}

/// Domain terms: phrases in which coded stems have their everyday work
/// sense.
pub const DOMAIN: &[&str] = &[
    "individual contributor*",
    "individual contribution*",
    "incident|incidents respon*",
    "first respon*",
    "respon* time*|times|codes|code|payload*|rate*|plan*|process*",
    "hiring|promotion|review|steering|programme|program committee*",
    "competitive position*|landscape|analysis|advantage|market*|pricing|intelligence|edge",
    "business|product|tech|technical|team|project|design|engineering|data|squad|area|group|workstream lead|leads",
    "lead time*|engineer*|developer*|designer*",
    "competenc*",
    "customer|user|product|production|technical|platform support",
    "on call support",
    "support rota*|rotation*|ticket*|queue*|engineer*|team*|request*|case*",
    "data driven",
    "self directed|organising|organizing|managing",
    "independent*|autonom* of|from",
    "principal engineer*|engineers|designer*|architect*|level*|track",
    "objectives and key results",
    "key results",
    "kind of",
    "what kind",
    "connection pool*|string*|limit*",
    "dependency|dependencies|dependent",
    "look and feel",
    "warm standby|up|cache*|caches",
    "child process*|processes|node*|span*|record*|table*",
    "force push*|pushes|pushed|multiplier*",
    "agree* on",
    "service level agreement*",
    "shared service*|library|libraries|component*|infrastructure|platform*|code|drive*|ownership|understanding",
    "commit message*|messages|history|log|logs|access",
];

/// Words after a coded word that show it describes other people or
/// their talk, not the person the level describes.
const OTHERS: &[&str] = &[
    "people",
    "voices",
    "voice",
    "colleagues",
    "teammates",
    "members",
    "folks",
    "personalities",
    "conversation",
    "conversations",
    "discussion",
    "discussions",
    "participants",
    "speakers",
    "stakeholders",
    "customers",
    "behaviour",
    "behaviours",
    "behavior",
    "behaviors",
    "language",
    "deadlines",
    "timelines",
];

/// A coded word found in a text.
#[derive(Clone, Debug)]
pub struct Coded<'s> {
    pub stem: &'s Stem,
    /// Byte range of the word in the text.
    pub range: Range<usize>,
}

/// The stem of `stems` that the word at token `i` starts with, for each
/// gender: a hyphenated stem (`self-confiden`) against the word and the
/// next one joined by a hyphen, others against the word alone; of nested
/// stems (`domina`, `dominant`) the shortest.
fn stems_of<'s>(
    text: &str,
    toks: &[Token],
    i: usize,
    stems: &'s [Stem],
) -> Vec<(&'s Stem, Range<usize>)> {
    let t = &toks[i];
    let hyphenated = toks
        .get(i + 1)
        .filter(|n| &text[t.range.end..n.range.start] == "-")
        .map(|n| (format!("{}-{}", t.word, n.word), t.range.start..n.range.end));
    let mut out = Vec::new();
    for gender in [Gender::Masculine, Gender::Feminine] {
        let of = |word: &str, hyphen: bool| {
            stems
                .iter()
                .filter(|s| {
                    s.gender == gender
                        && s.stem.contains('-') == hyphen
                        && word.starts_with(&s.stem)
                })
                .min_by_key(|s| s.stem.len())
        };
        let found = hyphenated
            .as_ref()
            .and_then(|(w, r)| of(w, true).map(|s| (s, r.clone())))
            .or_else(|| of(&t.word, false).map(|s| (s, t.range.clone())));
        out.extend(found);
    }
    out
}

/// The coded words of `text`, as gender-decoder counts them: each stem
/// once (its first word). The report's ladder-wide balance uses this.
pub fn coded<'s>(text: &str, stems: &'s [Stem]) -> Vec<Coded<'s>> {
    let mut out: Vec<Coded> = Vec::new();
    for c in every_coded(text, &words::tokens(text), stems) {
        if !out.iter().any(|o| std::ptr::eq(o.stem, c.stem)) {
            out.push(c);
        }
    }
    out
}

/// Every coded word of `text`, in order; the second word of a hyphenated
/// stem's match ("self-confident") is not counted again.
fn every_coded<'s>(text: &str, toks: &[Token], stems: &'s [Stem]) -> Vec<Coded<'s>> {
    let mut out: Vec<Coded> = Vec::new();
    let mut covered = [0usize; 2];
    for i in 0..toks.len() {
        for (stem, range) in stems_of(text, toks, i, stems) {
            let g = stem.gender as usize;
            if range.start < covered[g] {
                continue;
            }
            covered[g] = range.end;
            out.push(Coded { stem, range });
        }
    }
    out
}

/// What the rule needs to score texts.
pub struct Scorer {
    stems: Vec<Stem>,
    domain: Vec<Pattern>,
    common: Vec<String>,
}

impl Scorer {
    pub fn with(stems: Vec<Stem>, allow: &[String], common_rate: f64) -> Scorer {
        let domain = DOMAIN
            .iter()
            .map(|d| d.to_string())
            .chain(allow.iter().cloned())
            .filter_map(|d| Pattern::new(&d, ""))
            .collect();
        let common = ladder_rates()
            .iter()
            .filter(|(_, r)| *r >= common_rate)
            .map(|(s, _)| s.clone())
            .collect();
        Scorer {
            stems,
            domain,
            common,
        }
    }

    /// The coded words of `text` that count: not ladder vocabulary, not in
    /// a domain term, not said against the trait or about others. Every
    /// occurrence, in text order.
    pub fn counted(&self, text: &str) -> Vec<Coded<'_>> {
        let toks = words::tokens(text);
        let masked = words::spans(text, &toks, &self.domain);
        let mut out = Vec::new();
        for c in every_coded(text, &toks, &self.stems) {
            let r = &c.range;
            let skip = self.common.contains(&c.stem.stem)
                || masked.iter().any(|m| m.start < r.end && r.start < m.end)
                || words::negated(text, &toks, r)
                || about_others(text, &toks, r);
            if !skip {
                out.push(c);
            }
        }
        out
    }
}

/// Whether the coded word at `range` describes other people or their
/// talk ("quiet people", "a dominant conversation").
fn about_others(text: &str, toks: &[Token], range: &Range<usize>) -> bool {
    let next = toks.iter().find(|t| t.range.start >= range.end);
    next.is_some_and(|n| {
        OTHERS.contains(&n.word.as_str())
            && text[range.end..n.range.start]
                .chars()
                .all(|c| c.is_whitespace() || c == ',')
    })
}
