//! `ladder/gendered-language`: expectation texts are not strongly
//! masculine- or feminine-coded, scored with the word stems of Gaucher,
//! Friesen & Kay (2011) as gender-decoder uses them (`gendered_words.txt`).

use super::text::{self, Text};
use crate::finding::Severity;
use crate::model::{Ladder, Nomination};
use crate::repo::{DocRef, Entry};
use crate::rules::{Context, Emitter, OptionKind, OptionMeta, Rule, RuleMeta};
use std::ops::Range;
use std::sync::OnceLock;

pub struct GenderedLanguage;

pub static META: RuleMeta = RuleMeta {
    id: "ladder/gendered-language",
    severity: Severity::Warning,
    summary: "expectation texts are not strongly masculine- or feminine-coded (gender-decoder \
              score, Gaucher, Friesen & Kay 2011)",
    rationale: "Gaucher, Friesen & Kay (2011, Journal of Personality and Social Psychology \
                101(1), 109-128) found that job advertisements for male-dominated fields use \
                more masculine-coded words (\"competitive\", \"dominant\", \"leader\"), and that \
                such wording made women find the job less appealing and expect to belong \
                there less, not because they judged themselves less able. A level's expectations are the job advertisement \
                of the next promotion. Each text is scored as the open-source gender-decoder \
                does: words are lower-cased, hyphenated words split unless a listed stem has \
                the hyphen, and every listed stem that a word starts with is counted once per \
                text (a word matching nested stems, such as `domina` and `dominant`, counts \
                once); the score is feminine minus masculine. A text is flagged when the \
                absolute score reaches `min_score`, naming the coded words and a neutral \
                alternative where one is known. The stems are in \
                `src/rules/ladder/gendered_words.txt`; add or remove stems with \
                `add_masculine`, `add_feminine` and `remove`.",
    options: &[
        OptionMeta {
            name: "min_score",
            kind: OptionKind::Count { min: 1 },
            default: "2",
            doc: "flag a text when |feminine - masculine| reaches this many coded words",
        },
        OptionMeta {
            name: "add_masculine",
            kind: OptionKind::Terms,
            default: "[]",
            doc: "further masculine-coded stems (a stem matches words that start with it)",
        },
        OptionMeta {
            name: "add_feminine",
            kind: OptionKind::Terms,
            default: "[]",
            doc: "further feminine-coded stems",
        },
        OptionMeta {
            name: "remove",
            kind: OptionKind::Terms,
            default: "[]",
            doc: "built-in stems not to count, e.g. `lead`",
        },
        text::SCAN_NOMINATIONS,
    ],
    pass: "expectations:\n  influence: Mentors engineers on the team and reviews their designs.\n",
    fail:
        "expectations:\n  influence: A competitive, decisive leader who dominates design reviews.\n",
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Masculine,
    Feminine,
}

impl Gender {
    fn name(self) -> &'static str {
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

/// The stems in force for this run: the built-in ones without `remove`,
/// plus `add_masculine` and `add_feminine`.
pub fn stems(cx: &Context) -> Vec<Stem> {
    let options = cx.options(META.id);
    let remove: Vec<String> = options
        .terms("remove")
        .iter()
        .map(|s| s.trim().to_lowercase())
        .collect();
    let mut out: Vec<Stem> = builtin()
        .iter()
        .filter(|s| !remove.contains(&s.stem))
        .cloned()
        .collect();
    for (option, gender) in [
        ("add_masculine", Gender::Masculine),
        ("add_feminine", Gender::Feminine),
    ] {
        for s in options.terms(option) {
            let stem = s.trim().to_lowercase();
            if !stem.is_empty() {
                out.push(Stem {
                    gender,
                    stem,
                    alternative: None,
                });
            }
        }
    }
    out
}

/// A coded word found in a text.
#[derive(Clone, Debug)]
pub struct Coded<'s> {
    pub stem: &'s Stem,
    /// Byte range of the word in the text.
    pub range: Range<usize>,
}

/// The words of `text` as gender-decoder reads them: runs of letters,
/// digits and hyphens, lower-cased; a hyphenated word is split into its
/// parts unless it starts with a hyphenated stem.
fn words(text: &str, stems: &[Stem]) -> Vec<(String, Range<usize>)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() || c == '-' {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            runs.push(s..i);
        }
    }
    if let Some(s) = start {
        runs.push(s..text.len());
    }
    let mut out = Vec::new();
    for run in runs {
        let word = text[run.clone()].to_lowercase();
        let keep = word.contains('-')
            && stems
                .iter()
                .any(|s| s.stem.contains('-') && word.starts_with(&s.stem));
        if keep || !word.contains('-') {
            out.push((word, run));
            continue;
        }
        let mut s = run.start;
        for part in text[run.clone()].split('-') {
            if !part.is_empty() {
                out.push((part.to_lowercase(), s..s + part.len()));
            }
            s += part.len() + 1;
        }
    }
    out
}

/// The coded words of `text`: each stem counted once (its first word), and
/// a word matching nested stems of one gender (`domina`, `dominant`)
/// counted once, for the shortest.
pub fn coded<'s>(text: &str, stems: &'s [Stem]) -> Vec<Coded<'s>> {
    let mut out: Vec<Coded> = Vec::new();
    for (word, range) in words(text, stems) {
        for gender in [Gender::Masculine, Gender::Feminine] {
            let Some(stem) = stems
                .iter()
                .filter(|s| s.gender == gender && word.starts_with(s.stem.as_str()))
                .min_by_key(|s| s.stem.len())
            else {
                continue;
            };
            if !out.iter().any(|c| std::ptr::eq(c.stem, stem)) {
                out.push(Coded {
                    stem,
                    range: range.clone(),
                });
            }
        }
    }
    out
}

/// Feminine minus masculine coded words of a text.
pub fn score(coded: &[Coded]) -> i64 {
    coded
        .iter()
        .map(|c| match c.stem.gender {
            Gender::Feminine => 1,
            Gender::Masculine => -1,
        })
        .sum()
}

fn report(cx: &Context, out: &mut Emitter, at: DocRef, texts: &[Text]) {
    let stems = stems(cx);
    let min = cx.options(META.id).count("min_score").max(1);
    for t in texts {
        let found = coded(t.value, &stems);
        let score = score(&found);
        if score.abs() < min {
            continue;
        }
        let side = if score < 0 {
            Gender::Masculine
        } else {
            Gender::Feminine
        };
        let other = if score < 0 {
            Gender::Feminine
        } else {
            Gender::Masculine
        };
        let quote = |c: &Coded| format!("`{}`", &t.value[c.range.clone()]);
        let of = |g: Gender| found.iter().filter(move |c| c.stem.gender == g);
        let named: Vec<String> = of(side).map(quote).collect();
        let others: Vec<String> = of(other).map(quote).collect();
        let against = if others.is_empty() {
            format!("no {}-coded word", other.name())
        } else {
            format!(
                "{} {}-coded ({})",
                others.len(),
                other.name(),
                others.join(", ")
            )
        };
        let message = format!(
            "{} reads as {}-coded: {} {}-coded word{} ({}) against {against}",
            t.what,
            side.name(),
            named.len(),
            side.name(),
            if named.len() == 1 { "" } else { "s" },
            named.join(", "),
        );
        let alternatives: Vec<String> = of(side)
            .filter_map(|c| {
                c.stem
                    .alternative
                    .as_ref()
                    .map(|a| format!("{} -> {a}", quote(c)))
            })
            .collect();
        let help = if alternatives.is_empty() {
            "rephrase with words that describe the work itself".to_owned()
        } else {
            format!("neutral wording: {}", alternatives.join("; "))
        };
        let first = of(side).next().map_or(0..0, |c| c.range.clone());
        text::report_at(out, at, &t.pointer, first, message, &help);
    }
}

impl Rule for GenderedLanguage {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_ladder(&self, cx: &Context, l: &Entry<Ladder>, out: &mut Emitter) {
        report(cx, out, l.at, &text::ladder_texts(l));
    }

    fn check_nomination(&self, cx: &Context, n: &Entry<Nomination>, out: &mut Emitter) {
        if text::scans_nominations(cx, META.id) {
            report(cx, out, n.at, &text::nomination_texts(n));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scored(text: &str) -> (i64, Vec<String>) {
        let found = coded(text, builtin());
        let words = found
            .iter()
            .map(|c| text[c.range.clone()].to_owned())
            .collect();
        (score(&found), words)
    }

    #[test]
    fn the_data_file_holds_both_lists() {
        let all = builtin();
        let m = all.iter().filter(|s| s.gender == Gender::Masculine).count();
        let f = all.iter().filter(|s| s.gender == Gender::Feminine).count();
        assert!(m >= 50 && f >= 45, "{m} masculine, {f} feminine stems");
        assert!(all
            .iter()
            .all(|s| !s.stem.is_empty() && !s.stem.contains(' ')));
    }

    #[test]
    fn alternatives_are_neutral() {
        for s in builtin() {
            if let Some(a) = &s.alternative {
                assert_eq!(
                    coded(a, builtin()).len(),
                    0,
                    "`{a}` for `{}` is coded",
                    s.stem
                );
            }
        }
    }

    #[test]
    fn scoring_follows_gender_decoder() {
        assert_eq!(
            scored("A competitive, decisive leader who dominates."),
            (
                -4,
                vec![
                    "competitive".into(),
                    "decisive".into(),
                    "leader".into(),
                    "dominates".into()
                ]
            )
        );
        // Each stem counts once per text; nested stems count once per word.
        assert_eq!(scored("Leads and leads; dominant.").0, -2);
        // Hyphenated words split unless a hyphenated stem matches.
        assert_eq!(
            scored("self-confident").1,
            vec!["self-confident".to_owned()]
        );
        assert_eq!(scored("team-supportive, trust-building").0, 2);
        assert_eq!(scored("Supports and nurtures, with empathy.").0, 3);
        assert_eq!(scored("Mentors engineers on the team.").0, 0);
    }
}
