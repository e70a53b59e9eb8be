//! Finding configured phrases in expectation text: whole words,
//! case-insensitively, a trailing `*` on a word matching any ending.

use std::ops::Range;

/// A phrase as configured (`"direct report*"`), split into words.
#[derive(Debug)]
pub struct Phrase {
    pub text: String,
    words: Vec<(String, bool)>,
}

impl Phrase {
    /// `None` for a phrase with no words (nothing to match).
    pub fn new(text: &str) -> Option<Phrase> {
        let words: Vec<(String, bool)> = text
            .split(|c: char| !(c.is_alphanumeric() || c == '*'))
            .filter(|w| !w.trim_matches('*').is_empty())
            .map(|w| {
                let prefix = w.ends_with('*');
                (w.trim_matches('*').to_lowercase(), prefix)
            })
            .collect();
        (!words.is_empty()).then(|| Phrase {
            text: text.trim().to_owned(),
            words,
        })
    }
}

/// The words of `text` with their byte ranges, lowercased.
fn words(text: &str) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s..i, text[s..i].to_lowercase()));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Words of a phrase may be separated by spaces or hyphens in the text
/// ("one-to-one", "one to one"), not by other punctuation.
fn joins(gap: &str) -> bool {
    gap.chars().all(|c| c.is_whitespace() || c == '-')
}

/// Every match of any of `phrases` in `text`: the byte range and the
/// phrase, in text order; overlapping matches keep the first and longest.
pub fn find<'p>(text: &str, phrases: &'p [Phrase]) -> Vec<(Range<usize>, &'p Phrase)> {
    let words = words(text);
    let mut found: Vec<(Range<usize>, &Phrase)> = Vec::new();
    for start in 0..words.len() {
        let mut best: Option<(Range<usize>, &Phrase)> = None;
        for p in phrases {
            let Some(candidate) = words.get(start..start + p.words.len()) else {
                continue;
            };
            let matched = p.words.iter().zip(candidate).enumerate().all(
                |(k, ((want, prefix), (range, got)))| {
                    let same = if *prefix {
                        got.starts_with(want.as_str())
                    } else {
                        got == want
                    };
                    same && (k == 0 || joins(&text[candidate[k - 1].0.end..range.start]))
                },
            );
            if matched {
                let range = candidate[0].0.start..candidate[candidate.len() - 1].0.end;
                if best.as_ref().is_none_or(|(b, _)| range.end > b.end) {
                    best = Some((range, p));
                }
            }
        }
        if let Some((range, p)) = best {
            if found.last().is_none_or(|(r, _)| range.start >= r.end) {
                found.push((range, p));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(text: &str, phrases: &[&str]) -> Vec<String> {
        let phrases: Vec<Phrase> = phrases.iter().filter_map(|p| Phrase::new(p)).collect();
        find(text, &phrases)
            .into_iter()
            .map(|(r, _)| text[r].to_owned())
            .collect()
    }

    #[test]
    fn whole_words_case_insensitive() {
        assert_eq!(
            matches("Has Direct Reports.", &["direct reports"]),
            ["Direct Reports"]
        );
        assert!(matches("indirect reports", &["direct reports"]).is_empty());
        assert!(matches("headcounts", &["headcount"]).is_empty());
    }

    #[test]
    fn star_matches_any_ending() {
        assert_eq!(
            matches("Hires and fires staff", &["hire* and fire*"]),
            ["Hires and fires"]
        );
        assert_eq!(
            matches("a direct report, two direct reports", &["direct report*"]),
            ["direct report", "direct reports"]
        );
    }

    #[test]
    fn words_join_by_space_or_hyphen_only() {
        assert_eq!(
            matches("holds one-to-ones and one to ones", &["one-to-ones"]),
            ["one-to-ones", "one to ones"]
        );
        assert!(matches("direct. Reports", &["direct reports"]).is_empty());
        assert!(matches("manages a team's backlog", &["manag* a team of"]).is_empty());
    }

    #[test]
    fn longest_match_wins_and_no_overlap() {
        let phrases = ["performance review*", "performance reviews of"];
        assert_eq!(
            matches("writes performance reviews of reports", &phrases),
            ["performance reviews of"]
        );
    }

    #[test]
    fn non_ascii_text() {
        assert_eq!(
            matches(
                "Führt Mitarbeitergespräche — direct reports",
                &["direct report*"]
            ),
            ["direct reports"]
        );
        assert!(Phrase::new(" * ").is_none());
    }
}
