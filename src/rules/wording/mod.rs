//! The wording rules: what the texts of a ladder (and, when asked, of a
//! nomination) say. `ladder/subjective-criteria`,
//! `ladder/exclusionary-language` and `ladder/tenure-requirement` are one
//! generic rule over word lists (`list`); `ladder/gendered-language` scores
//! a level's whole text against typical ladder wording. `words` is the one
//! word splitter and phrase matcher, `text` says which texts are read and
//! where a match is in the file.

pub mod coding;
pub mod exclusionary_language;
pub mod gendered_language;
pub mod list;
pub mod subjective_criteria;
pub mod tenure_requirement;
pub mod text;
pub mod words;

use super::{Rule, RuleId};

/// The word-list rules.
pub const WORD_LISTS: [&list::WordList; 3] = [
    &subjective_criteria::RULE,
    &exclusionary_language::RULE,
    &tenure_requirement::RULE,
];

/// Every wording rule.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(subjective_criteria::RULE),
        Box::new(gendered_language::GenderedLanguage),
        Box::new(exclusionary_language::RULE),
        Box::new(tenure_requirement::RULE),
    ]
}

/// The built-in lists of a wording rule, as `explain` prints them after
/// the rule's documentation.
pub fn explain_lists(id: RuleId) -> Option<String> {
    if let Some(l) = WORD_LISTS.iter().find(|l| l.meta.id == id) {
        let list = |items: Vec<&str>| items.join("; ");
        return Some(format!(
            "\nFlagged (`a|b`: either word, `*`: any ending, `N`: a number, `?`: may be left \
             out): {}\n\nQuiet, the same words about the work: {}\n",
            list(l.terms.iter().map(|(t, _)| *t).collect()),
            list(l.quiet.to_vec())
        ));
    }
    if id != gendered_language::META.id {
        return None;
    }
    let stems = |g| {
        gendered_language::builtin()
            .iter()
            .filter(|s| s.gender == g)
            .map(|s| s.stem.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let common: Vec<String> = gendered_language::ladder_rates()
        .iter()
        .map(|(s, r)| format!("{s} {r:.2}"))
        .collect();
    Some(format!(
        "\nMasculine-coded stems (Gaucher, Friesen & Kay 2011, appendix A, as \
             gender-decoder uses them): {}\n\nFeminine-coded stems: {}\n\nTypical ladder \
             wording, per 1000 words (stems at or above `common_rate` do not count): {}\n\n\
             Domain terms (not counted): {}\n",
        stems(gendered_language::Gender::Masculine),
        stems(gendered_language::Gender::Feminine),
        common.join(", "),
        gendered_language::DOMAIN.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::words::{well_formed, Pattern};

    #[test]
    fn built_in_lists_are_well_formed() {
        let mut lists: Vec<(&str, Vec<&str>)> = super::WORD_LISTS
            .iter()
            .map(|l| {
                let words = l.terms.iter().map(|(t, _)| *t);
                (
                    l.meta.id.as_str(),
                    words.chain(l.quiet.iter().copied()).collect(),
                )
            })
            .collect();
        lists.push(("domain", super::gendered_language::DOMAIN.to_vec()));
        for (name, list) in lists {
            for p in list {
                assert!(Pattern::new(p, "").is_some(), "{name}: `{p}` has no words");
                for piece in p.split_whitespace() {
                    assert!(well_formed(piece), "{name}: `{piece}` in `{p}`");
                }
            }
        }
    }
}
