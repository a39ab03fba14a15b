//! Multi-term dictionaries (country names, organisation aliases, role keywords) matched in one pass.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// A set of terms, each mapped to a value, found in text with word-boundary checks for Latin terms.
///
/// Short all-capital terms (`US`, `JD`, `PDD`) match case-sensitively so that the pronoun "us" is not the
/// United States; every other term matches ASCII-case-insensitively.
pub struct Lexicon<T> {
    automata: Vec<(AhoCorasick, Vec<T>)>,
}

/// One term found in a text.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'a, T> {
    pub start: usize,
    pub end: usize,
    pub value: &'a T,
}

/// The most term bytes a lexicon compiles to a DFA (the next largest list, 3.5 KB, makes a 2 MB one).
const DFA_MAX_TERM_BYTES: usize = 8 * 1024;

fn case_sensitive(term: &str) -> bool {
    term.len() <= 4 && term.chars().all(|c| c.is_ascii_uppercase() || c == '.')
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

impl<T: Clone> Lexicon<T> {
    pub fn new<S: AsRef<str>>(entries: impl IntoIterator<Item = (S, T)>) -> Self {
        Self::build(entries, case_sensitive)
    }

    /// A lexicon of proper names: every term matches exactly as written.
    pub fn case_sensitive<S: AsRef<str>>(entries: impl IntoIterator<Item = (S, T)>) -> Self {
        Self::build(entries, |_| true)
    }

    fn build<S: AsRef<str>>(
        entries: impl IntoIterator<Item = (S, T)>,
        exact: fn(&str) -> bool,
    ) -> Self {
        let (mut exact_terms, mut exact_values) = (Vec::new(), Vec::new());
        let (mut folded_terms, mut folded_values) = (Vec::new(), Vec::new());
        for (term, value) in entries {
            let term = term.as_ref().trim();
            if term.is_empty() {
                continue;
            }
            // Terms are matched in traditional-folded text, so they are folded too.
            let term = crate::text::fold_traditional(term);
            let term = term.as_ref();
            if exact(term) {
                exact_terms.push(term.to_string());
                exact_values.push(value);
            } else {
                folded_terms.push(term.to_string());
                folded_values.push(value);
            }
        }
        let build = |terms: &[String], fold: bool| {
            // A DFA for the small cue lists scanned over every page, where an NFA costs ~3x. A DFA's size
            // grows with terms times distinct bytes: the 35 KB of country and city names in many scripts
            // made a 23 MB one, most of a run's memory, so large lists get the compact contiguous NFA.
            let bytes: usize = terms.iter().map(String::len).sum();
            let kind = if bytes <= DFA_MAX_TERM_BYTES {
                AhoCorasickKind::DFA
            } else {
                AhoCorasickKind::ContiguousNFA
            };
            AhoCorasickBuilder::new()
                .kind(Some(kind))
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(fold)
                .build(terms)
                .expect("lexicon terms are plain strings")
        };
        // An automaton without terms would still scan the whole text for nothing.
        let automata = [
            (exact_terms, exact_values, false),
            (folded_terms, folded_values, true),
        ]
        .into_iter()
        .filter(|(terms, _, _)| !terms.is_empty())
        .map(|(terms, values, fold)| (build(&terms, fold), values))
        .collect();
        Lexicon { automata }
    }

    /// All terms in `text`, in order of position. Traditional Chinese matches the simplified terms
    /// (`中國銀行` is `中国银行`); offsets are those of `text`.
    pub fn find_all<'a>(&'a self, text: &str) -> Vec<Hit<'a, T>> {
        let mut hits = Vec::new();
        let folded = crate::text::fold_traditional(text);
        for (automaton, values) in &self.automata {
            for m in automaton.find_iter(folded.as_ref()) {
                let (start, end) = (m.start(), m.end());
                let term_starts_word = text[start..].chars().next().is_some_and(is_word_char);
                let term_ends_word = text[..end].chars().next_back().is_some_and(is_word_char);
                let glued_before =
                    term_starts_word && text[..start].chars().next_back().is_some_and(is_word_char);
                let glued_after =
                    term_ends_word && text[end..].chars().next().is_some_and(is_word_char);
                if !glued_before && !glued_after {
                    hits.push(Hit {
                        start,
                        end,
                        value: &values[m.pattern().as_usize()],
                    });
                }
            }
        }
        hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        hits
    }

    /// True if any term occurs in `text`.
    pub fn contains(&self, text: &str) -> bool {
        !self.find_all(text).is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_boundaries_and_case() {
        let lex = Lexicon::new([("US", 1), ("support", 2), ("客服", 3)]);
        let hits: Vec<i32> = lex
            .find_all("Contact us: US support, supports, 客服热线")
            .iter()
            .map(|h| *h.value)
            .collect();
        assert_eq!(hits, vec![1, 2, 3]);
    }
}
