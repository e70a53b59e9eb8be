//! `ladder/gendered-language`: a level's wording is not strongly masculine-
//! or feminine-coded, and expectations do not assume the person's gender.
//!
//! Scored as Gaucher, Friesen & Kay (2011) score a job advert: over the
//! whole text of a level (its summary and expectations), with their word
//! stems (`gendered_words.txt`), leaving out the coded words that typical
//! ladder text uses all the time (`ladder_words.txt`, measured on the
//! calibration set) and domain terms ("individual contributor").

use super::coding::Scorer;
pub use super::coding::{builtin, coded, ladder_rates, Coded, Gender, Stem, DOMAIN};
use super::text::{self, LevelTexts, Text};
use super::words::{self, Pattern};
use crate::finding::Severity;
use crate::model::{Ladder, Nomination};
use crate::repo::{DocRef, Entry};
use crate::rules::{Context, Emitter, Looser, OptionKind, OptionMeta, Rule, RuleId, RuleMeta};

/// The default of `common_rate`.
const DEFAULT_COMMON_RATE: f64 = 0.4;

pub struct GenderedLanguage;

pub static META: RuleMeta = RuleMeta {
    id: RuleId::new("ladder/gendered-language"),
    severity: Severity::Warning,
    summary: "a level's wording is not strongly masculine- or feminine-coded (Gaucher, Friesen \
              & Kay 2011, relative to typical ladder wording), and expectations say \"they\", \
              not \"he\" or \"she\"",
    rationale: "Gaucher, Friesen & Kay (2011, Journal of Personality and Social Psychology \
                101(1), 109-128) found that job advertisements for male-dominated fields use \
                more masculine-coded words (\"competitive\", \"dominant\", \"leader\"), and that \
                such wording made women find the job less appealing and expect to belong \
                there less, not because they judged themselves less able. A level is the job \
                advertisement of the next promotion, so it is scored as they scored an \
                advert: over its whole text (summary and expectations), counting each coded \
                stem once (the stems are the paper's, as the open-source gender-decoder uses \
                them, in `src/rules/wording/gendered_words.txt`). Ladders are full of coded \
                words in everyday senses (\"leads\", \"supports\", \"decisions\", \
                \"understands\", \"responsible\"), so a stem that typical ladder text uses at \
                least `common_rate` times per 1000 words does not count; the rates are measured \
                on the calibration set of ladders in `fixtures/calibration/wording` and kept in \
                `src/rules/wording/ladder_words.txt`. Domain terms do not count \
                (\"individual contributor\", \"incident response\", \"hiring committee\", \
                \"competitive position\", \"business leads\"; more with `allow`), nor does a \
                word said against the trait or about other people (\"avoids aggressive \
                language\", \"draws quiet people into a dominant conversation\"). A level is \
                flagged when its feminine and masculine counts differ by `min_score` or more, \
                at its most coded text, naming the words and a neutral alternative where one is \
                known. Separately, an expectation that calls the person \"he\", \"his\", \
                \"she\" or \"her\" (or \"he or she\") is flagged with \"they\" or \"their\" to \
                write instead. Add or remove stems with `add_masculine`, `add_feminine` and \
                `remove`.",
    options: &[
        OptionMeta {
            name: "min_score",
            kind: OptionKind::Count { min: 1 },
            default: "3",
            looser: Looser::Higher,
            doc: "flag a level when its feminine- and masculine-coded stems, not counting \
                  ladder vocabulary, differ by this many",
        },
        OptionMeta {
            name: "common_rate",
            kind: OptionKind::Number {
                min: 0.0,
                max: 1000.0,
            },
            default: "0.4",
            looser: Looser::Lower,
            doc: "a stem that typical ladder text (`ladder_words.txt`) uses at least this many \
                  times per 1000 words is ladder vocabulary and does not count; 1000 counts \
                  every stem, as gender-decoder does",
        },
        OptionMeta {
            name: "add_masculine",
            kind: OptionKind::Terms,
            default: "[]",
            looser: Looser::Removed,
            doc: "further masculine-coded stems (a stem matches words that start with it)",
        },
        OptionMeta {
            name: "add_feminine",
            kind: OptionKind::Terms,
            default: "[]",
            looser: Looser::Removed,
            doc: "further feminine-coded stems",
        },
        OptionMeta {
            name: "remove",
            kind: OptionKind::Terms,
            default: "[]",
            looser: Looser::Added,
            doc: "built-in stems not to count, e.g. `compet`",
        },
        text::ALLOW,
        text::SCAN_NOMINATIONS,
    ],
    pass: "expectations:\n  influence: Mentors engineers on the team and reviews their designs.\n",
    fail: "expectations:\n  influence: A competitive, decisive leader who dominates design \
           reviews, fearless and aggressive.\n",
};

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

/// The scorer for this run: the stems in force, the built-in domain terms
/// plus `allow`, and the ladder vocabulary at or above `common_rate`.
fn scorer(cx: &Context) -> Scorer {
    let options = cx.options(META.id);
    let rate = if options.0.contains_key("common_rate") {
        options.number("common_rate")
    } else {
        DEFAULT_COMMON_RATE
    };
    Scorer::with(stems(cx), &options.terms("allow"), rate)
}

/// The verdict on one level: the coded words that count, per text.
struct LevelScore<'s> {
    /// `(text index, coded word)` in text order.
    words: Vec<(usize, Coded<'s>)>,
}

impl LevelScore<'_> {
    /// The distinct stems of one gender.
    fn stems(&self, g: Gender) -> Vec<&Stem> {
        let mut out: Vec<&Stem> = Vec::new();
        for (_, c) in &self.words {
            if c.stem.gender == g && !out.iter().any(|s| std::ptr::eq(*s, c.stem)) {
                out.push(c.stem);
            }
        }
        out
    }

    /// Feminine minus masculine distinct stems.
    fn score(&self) -> i64 {
        self.stems(Gender::Feminine).len() as i64 - self.stems(Gender::Masculine).len() as i64
    }
}

fn score_level<'s>(scorer: &'s Scorer, level: &LevelTexts) -> LevelScore<'s> {
    let mut words = Vec::new();
    for (i, t) in level.texts.iter().enumerate() {
        words.extend(scorer.counted(t.value).into_iter().map(|c| (i, c)));
    }
    LevelScore { words }
}

fn report_level(cx: &Context, out: &mut Emitter, at: DocRef, scorer: &Scorer, level: &LevelTexts) {
    let min = cx.options(META.id).count("min_score").max(1);
    let s = score_level(scorer, level);
    let score = s.score();
    if score.abs() < min {
        return;
    }
    let (side, other) = if score < 0 {
        (Gender::Masculine, Gender::Feminine)
    } else {
        (Gender::Feminine, Gender::Masculine)
    };
    // Each stem once, at its first word.
    let mut firsts: Vec<&(usize, Coded)> = Vec::new();
    for w in &s.words {
        if !firsts.iter().any(|f| std::ptr::eq(f.1.stem, w.1.stem)) {
            firsts.push(w);
        }
    }
    let quote = |(i, c): &&(usize, Coded)| format!("`{}`", &level.texts[*i].value[c.range.clone()]);
    let named: Vec<String> = firsts
        .iter()
        .filter(|(_, c)| c.stem.gender == side)
        .map(quote)
        .collect();
    let others: Vec<String> = firsts
        .iter()
        .filter(|(_, c)| c.stem.gender == other)
        .map(quote)
        .collect();
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
    // Point at the text with the most words of the dominant side.
    let mut per_text = vec![0usize; level.texts.len()];
    for (i, c) in &s.words {
        if c.stem.gender == side {
            per_text[*i] += 1;
        }
    }
    let Some(best) = (0..per_text.len()).max_by_key(|&i| (per_text[i], std::cmp::Reverse(i)))
    else {
        return;
    };
    let first = s
        .words
        .iter()
        .find(|(i, c)| *i == best && c.stem.gender == side)
        .map_or(0..0, |(_, c)| c.range.clone());
    let message = format!(
        "level `{}` reads as strongly {}-coded: {} {}-coded word{} that typical ladders rarely \
         use ({}) against {against}",
        level.id,
        side.name(),
        named.len(),
        side.name(),
        if named.len() == 1 { "" } else { "s" },
        named.join(", "),
    );
    let alternatives: Vec<String> = firsts
        .iter()
        .filter(|(_, c)| c.stem.gender == side)
        .filter_map(|w| {
            w.1.stem
                .alternative
                .as_ref()
                .map(|a| format!("{} -> {a}", quote(w)))
        })
        .collect();
    let help = if alternatives.is_empty() {
        "rephrase with words that describe the work itself".to_owned()
    } else {
        format!(
            "neutral wording: {}; or describe the work itself",
            alternatives.join("; ")
        )
    };
    let t: &Text = &level.texts[best];
    text::report_at(out, at, &t.pointer, first, message, &help);
    let related: Vec<usize> = (0..per_text.len())
        .filter(|&i| i != best && per_text[i] > 0)
        .collect();
    let repo = out.repo;
    for i in related {
        if let Some(f) = out.last_mut() {
            let r = repo.related(
                at,
                &level.texts[i].pointer,
                format!("{}-coded words in {}", side.name(), level.texts[i].what),
            );
            f.related.push(r);
        }
    }
}

/// Gendered pronouns and what to write instead.
const PRONOUNS: &[(&str, &str)] = &[
    ("he|she or|and? she|he", "they"),
    ("s he", "they"),
    ("his|her or|and? her|his", "their"),
    ("him|her or|and? her|him", "them"),
    ("himself|herself or|and? herself|himself", "themselves"),
    ("he|she", "they"),
    ("his", "their"),
    ("him", "them"),
    ("her", "their or them"),
    ("hers", "theirs"),
    ("himself|herself", "themselves"),
];

fn report_pronouns(out: &mut Emitter, at: DocRef, texts: &[Text]) {
    let patterns: Vec<Pattern> = PRONOUNS
        .iter()
        .filter_map(|(p, s)| Pattern::new(p, s))
        .collect();
    for t in texts {
        let found = words::find(t.value, &patterns, &[]);
        let Some(first) = found.first() else {
            continue;
        };
        let list: Vec<String> = found
            .iter()
            .map(|f| format!("`{}`", words::quote(&t.value[f.range.clone()])))
            .collect();
        let help: Vec<String> = found
            .iter()
            .map(|f| {
                format!(
                    "`{}` -> {}",
                    words::quote(&t.value[f.range.clone()]),
                    f.pattern.suggestion
                )
            })
            .collect();
        text::report_at(
            out,
            at,
            &t.pointer,
            first.range.clone(),
            format!(
                "{} uses the gendered pronoun{} {}: a level describes whoever holds it, of any \
                 gender",
                t.what,
                if list.len() == 1 { "" } else { "s" },
                list.join(", ")
            ),
            &format!("write {}", help.join("; ")),
        );
    }
}

impl Rule for GenderedLanguage {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_ladder(&self, cx: &Context, l: &Entry<Ladder>, out: &mut Emitter) {
        let scorer = scorer(cx);
        for level in text::levels(l) {
            report_level(cx, out, l.at, &scorer, &level);
            report_pronouns(out, l.at, &level.texts);
        }
    }

    fn check_nomination(&self, cx: &Context, n: &Entry<Nomination>, out: &mut Emitter) {
        if !text::scans_nominations(cx, META.id) {
            return;
        }
        // What others write about a candidate is scored text by text: each
        // is a short advert for the person.
        let scorer = scorer(cx);
        for t in text::nomination_texts(n) {
            let level = LevelTexts {
                index: 0,
                id: "",
                texts: vec![t],
            };
            let s = score_level(&scorer, &level);
            let min = cx.options(META.id).count("min_score").max(1);
            if s.score().abs() < min {
                continue;
            }
            let side = if s.score() < 0 {
                Gender::Masculine
            } else {
                Gender::Feminine
            };
            let t = &level.texts[0];
            let named: Vec<String> = s
                .stems(side)
                .iter()
                .map(|st| format!("`{}`", st.stem))
                .collect();
            let first = s
                .words
                .iter()
                .find(|(_, c)| c.stem.gender == side)
                .map_or(0..0, |(_, c)| c.range.clone());
            text::report_at(
                out,
                n.at,
                &t.pointer,
                first,
                format!(
                    "{} reads as strongly {}-coded ({})",
                    t.what,
                    side.name(),
                    named.join(", ")
                ),
                "describe what the person did, in words that describe the work",
            );
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
        let score = found
            .iter()
            .map(|c| match c.stem.gender {
                Gender::Feminine => 1,
                Gender::Masculine => -1,
            })
            .sum();
        (score, words)
    }

    fn counted(text: &str) -> Vec<String> {
        let scorer = Scorer::with(builtin().to_vec(), &[], DEFAULT_COMMON_RATE);
        scorer
            .counted(text)
            .iter()
            .map(|c| text[c.range.clone()].to_owned())
            .collect()
    }

    #[test]
    fn the_data_files_hold_both_lists_and_the_rates() {
        let all = builtin();
        let m = all.iter().filter(|s| s.gender == Gender::Masculine).count();
        let f = all.iter().filter(|s| s.gender == Gender::Feminine).count();
        assert!(m >= 50 && f >= 45, "{m} masculine, {f} feminine stems");
        assert!(all
            .iter()
            .all(|s| !s.stem.is_empty() && !s.stem.contains(' ')));
        assert!(ladder_rates().len() >= 10);
        for (stem, _) in ladder_rates() {
            assert!(all.iter().any(|s| &s.stem == stem), "{stem} is not a stem");
        }
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

    #[test]
    fn ladder_vocabulary_and_domain_terms_do_not_count() {
        assert!(counted(
            "Leads decisions, supports the team, shares what they understand and is \
             responsible for the individual contributor ladder."
        )
        .is_empty());
        assert!(counted("Runs incident response and sits on the hiring committee.").is_empty());
        assert!(
            counted("Knows our competitive position and works with business leads.").is_empty()
        );
    }

    /// `ladder_words.txt` is what the calibration set measures: every
    /// coded stem's rate per 1000 words of the levels that
    /// `ladder/gendered-language` must leave quiet (domain terms and words
    /// against the trait left out). `LADDERLINT_BLESS=1` rewrites it.
    #[test]
    fn ladder_words_are_measured_on_the_calibration_set() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = root.join("fixtures/calibration/wording/ladders");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        let scorer = Scorer::with(builtin().to_vec(), &[], f64::INFINITY);
        let mut words = 0usize;
        let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
        for f in files {
            let src = std::fs::read_to_string(&f).unwrap();
            let flagged: Vec<String> = src
                .lines()
                .filter(|l| l.contains("# expect: ladder/gendered-language"))
                .filter_map(|l| l.split_once(": ").map(|(_, v)| v))
                .map(|v| v.split("  #").next().unwrap().trim().to_owned())
                .collect();
            let ladder: crate::model::Ladder = serde_saphyr::from_str(&src).unwrap();
            for level in &ladder.levels {
                let mut texts = level.summary.iter().chain(level.expectations.values());
                if texts.any(|t| flagged.contains(&t.trim().to_owned())) {
                    continue;
                }
                for t in level.summary.iter().chain(level.expectations.values()) {
                    words += words::tokens(t).len();
                    for c in scorer.counted(t) {
                        *counts.entry(c.stem.stem.clone()).or_default() += 1;
                    }
                }
            }
        }
        let mut rates: Vec<(String, f64)> = counts
            .into_iter()
            .map(|(s, n)| (s, n as f64 * 1000.0 / words as f64))
            .collect();
        rates.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut want = format!(
            "# Coded stems in typical ladder wording, per 1000 words, measured on the\n\
             # {words} words of the levels in fixtures/calibration/wording that\n\
             # `ladder/gendered-language` must leave quiet (domain terms and words\n\
             # against the trait left out). Generated: LADDERLINT_BLESS=1 cargo test\n\
             # --lib ladder_words_are_measured_on_the_calibration_set\n"
        );
        for (stem, rate) in &rates {
            want.push_str(&format!("{stem} {rate:.2}\n"));
        }
        let path = root.join("src/rules/wording/ladder_words.txt");
        if std::env::var_os("LADDERLINT_BLESS").is_some() {
            std::fs::write(&path, &want).unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            want,
            "ladder_words.txt is stale: rerun with LADDERLINT_BLESS=1"
        );
    }

    #[test]
    fn words_against_the_trait_do_not_count() {
        assert!(counted("Drew quiet people into a dominant conversation.").is_empty());
        assert!(counted("Avoids aggressive language in reviews.").is_empty());
        assert_eq!(
            counted("An aggressive, fearless architect."),
            ["aggressive", "fearless"]
        );
    }
}
