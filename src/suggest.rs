//! "Did you mean": the nearest id, rule or word to one that is not known.

/// The nearest of `candidates` to `word`, for "did you mean" hints.
pub fn suggest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let letters = Letters::of(word);
    candidates
        .into_iter()
        .filter(|c| letters.may_match(c))
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, c)| *score >= 0.8 && *c != word)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// The rule ids of `ids` that `word` most likely meant: those whose last
/// part it is (`quorum` -> `nomination/quorum`), else the nearest by
/// spelling, as a whole id or by its last part (`quorom`).
pub fn suggest_rule<'c>(
    word: &str,
    ids: impl IntoIterator<Item = &'c str> + Clone,
) -> Vec<&'c str> {
    let last = |id: &'c str| id.rsplit('/').next().unwrap_or(id);
    let word = word.trim_matches('/');
    let by_suffix: Vec<&str> = ids
        .clone()
        .into_iter()
        .filter(|id| last(id) == word && *id != word)
        .collect();
    if !by_suffix.is_empty() {
        return by_suffix;
    }
    suggest(word, ids.clone())
        .or_else(|| {
            let wanted = suggest(word, ids.clone().into_iter().map(last))?;
            ids.into_iter().find(|id| last(id) == wanted)
        })
        .into_iter()
        .collect()
}

/// `; did you mean `a`?` (or `` `a` or `b` ``) for the suggestions of
/// [`suggest_rule`], else `otherwise`.
pub fn did_you_mean(suggestions: &[&str], otherwise: &str) -> String {
    if suggestions.is_empty() {
        return otherwise.to_owned();
    }
    let quoted: Vec<String> = suggestions.iter().map(|s| format!("`{s}`")).collect();
    format!("; did you mean {}?", quoted.join(" or "))
}

/// The letters of an ASCII word, counted (a byte each, so the table that
/// each candidate copies is 128 bytes): a cheap bound that lets `suggest`
/// skip most of a large directory (20,000 people) without computing their
/// similarity.
/// `None` for a word that is not ASCII, which is never skipped.
struct Letters(Option<([u8; 128], usize)>);

impl Letters {
    fn of(word: &str) -> Letters {
        if !word.is_ascii() || word.len() > usize::from(u8::MAX) {
            return Letters(None);
        }
        let mut counts = [0u8; 128];
        for b in word.bytes() {
            counts[usize::from(b)] += 1;
        }
        Letters(Some((counts, word.len())))
    }

    /// Whether `candidate` can reach the 0.8 similarity `suggest` asks
    /// for. Jaro-Winkler only adds its prefix bonus above a Jaro similarity
    /// of 0.7, and Jaro is at most `(m/|a| + m/|b| + 1) / 3` for `m`
    /// matching characters, which are at most the letters the two words
    /// share (and so at most the shorter length). When that bound is at
    /// most 0.7 the candidate cannot match.
    fn may_match(&self, candidate: &str) -> bool {
        let Some((counts, len)) = &self.0 else {
            return true;
        };
        let len = *len;
        if !candidate.is_ascii() || len == 0 || candidate.is_empty() {
            return true;
        }
        let bound = |m: usize| {
            let m = m as f64;
            // A small margin keeps rounding on the side of computing.
            (m / len as f64 + m / candidate.len() as f64 + 1.0) / 3.0 > 0.7 - 1e-9
        };
        if !bound(len.min(candidate.len())) {
            return false;
        }
        let mut left = *counts;
        let mut shared = 0usize;
        for b in candidate.bytes() {
            let c = &mut left[usize::from(b)];
            if *c > 0 {
                *c -= 1;
                shared += 1;
            }
        }
        bound(shared)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bound never skips a candidate that `jaro_winkler` scores at
    /// 0.8 or more: checked against every pair of a set of ids that
    /// differ in the ways typos do.
    #[test]
    fn the_letter_bound_never_skips_a_match() {
        let ids = [
            "jdenton",
            "jdentn",
            "jdenotn",
            "jd",
            "j",
            "djenton",
            "jdenton2",
            "xjdentonx",
            "aadams10",
            "aadams1",
            "adams",
            "E4",
            "E9",
            "e4",
            "P4",
            "engineering",
            "enginering",
            "2026-H2",
            "2026-H1",
            "2026H2",
            "abcdefghijklmnopqrstuvwxyz",
            "zyx",
            "aaaa",
            "aaab",
        ];
        let mut skipped = 0;
        for a in ids {
            let letters = Letters::of(a);
            for b in ids {
                let score = strsim::jaro_winkler(a, b);
                if !letters.may_match(b) {
                    skipped += 1;
                    assert!(score < 0.8, "{a} ~ {b}: {score} was skipped");
                }
            }
        }
        // The bound does skip: it is what keeps a large directory cheap.
        assert!(skipped > 100, "{skipped}");
    }

    #[test]
    fn suggests_the_nearest_id() {
        let people = ["jdenton", "rpatel", "jdalton"];
        assert_eq!(suggest("jdentn", people), Some("jdenton"));
        assert_eq!(suggest("qqqqq", people), None);
        // A word is not its own suggestion.
        assert_eq!(suggest("rpatel", ["rpatel"]), None);
    }
}
