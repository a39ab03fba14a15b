//! Multi-term dictionaries (country names, organisation aliases, role keywords) matched in one pass.

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};

/// A set of terms, each mapped to a value, found in text with word-boundary checks for Latin terms.
///
/// Short all-capital terms (`US`, `JD`, `PDD`) match case-sensitively so that the pronoun "us" is not the
/// United States; every other term matches ASCII-case-insensitively.
pub struct Lexicon<T> {
    automata: Vec<(AhoCorasick, Vec<T>)>,
}

/// One term found in a text.
#[derive(Debug)]
pub struct Hit<'a, T> {
    pub start: usize,
    pub end: usize,
    pub value: &'a T,
}

// (A hit borrows its value, so it copies whatever the value.)
impl<T> Clone for Hit<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Hit<'_, T> {}

/// The terms a lexicon's automata found in a text, in order of position (see `Lexicon::found_in`).
pub struct Found<'a, T> {
    terms: Vec<Term<'a, T>>,
    /// For each term, the furthest end of it and the terms before it.
    furthest_end: Vec<usize>,
}

/// A term found, and whether a word character touches it (which `find_all` drops it for).
struct Term<'a, T> {
    hit: Hit<'a, T>,
    glued_before: bool,
    glued_after: bool,
}

impl<'a, T> Found<'a, T> {
    /// Whether no term occurs anywhere in the text: the scan finds the leftmost occurrence of any term,
    /// so then no part of the text (folded as the whole is) holds one either.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The hits `find_all` gives for the whole text.
    pub fn hits(&self) -> Vec<Hit<'a, T>> {
        self.terms
            .iter()
            .filter(|t| !t.glued_before && !t.glued_after)
            .map(|t| t.hit)
            .collect()
    }

    /// The hits `find_all` gives for the window `from..to` of the text the terms were found in, at the
    /// text's offsets, when the window holds no character that may fold (which the caller knows); `None`
    /// when a term found crosses an end of the window (the window's own scan could then find others).
    ///
    /// Otherwise the leftmost-longest terms of the window are the text's terms inside it: the first of
    /// them is the leftmost-longest term after the one before, which ends before the window, so it is
    /// the window's first, and so on. Only a term at an end of the window is judged differently: the
    /// window holds nothing beyond it to glue to. (A character that never folds is itself in any
    /// context, so the window folds to the same bytes alone as inside the text.)
    pub fn within(&self, from: usize, to: usize) -> Option<Vec<Hit<'a, T>>> {
        let crosses = |at: usize| {
            let starting_before = self.terms.partition_point(|t| t.hit.start < at);
            starting_before > 0 && self.furthest_end[starting_before - 1] > at
        };
        if from > to || crosses(from) || crosses(to) {
            return None;
        }
        let first = self.terms.partition_point(|t| t.hit.start < from);
        let inside = self.terms[first..]
            .iter()
            .take_while(|t| t.hit.start < to)
            .filter(|t| {
                (!t.glued_before || t.hit.start == from) && (!t.glued_after || t.hit.end == to)
            })
            .map(|t| t.hit)
            .collect();
        Some(inside)
    }
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
                .start_kind(StartKind::Both)
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
        self.terms(text, &crate::text::fold_traditional(text))
            .into_iter()
            .filter(|t| !t.glued_before && !t.glued_after)
            .map(|t| t.hit)
            .collect()
    }

    /// Every term the automata find in `text`, glued to a word or not, from which the hits of `text` and
    /// of its windows are read (`Found::within`): a page scanned once answers for the window around each
    /// of its numbers. `folded` is `fold_traditional(text)`, folded once for every lexicon read.
    pub fn found_in<'a>(&'a self, text: &str, folded: &str) -> Found<'a, T> {
        let terms = self.terms(text, folded);
        let furthest_end = terms
            .iter()
            .scan(0, |end, t| {
                *end = t.hit.end.max(*end);
                Some(*end)
            })
            .collect();
        Found {
            terms,
            furthest_end,
        }
    }

    /// The terms the automata find in `text`, in order of position, matched in `folded`, its folded form.
    fn terms<'a>(&'a self, text: &str, folded: &str) -> Vec<Term<'a, T>> {
        let mut found = Vec::new();
        for (automaton, values) in &self.automata {
            for m in automaton.find_iter(folded) {
                let (start, end) = (m.start(), m.end());
                let starts_word = text[start..].chars().next().is_some_and(is_word_char);
                let ends_word = text[..end].chars().next_back().is_some_and(is_word_char);
                found.push(Term {
                    hit: Hit {
                        start,
                        end,
                        value: &values[m.pattern().as_usize()],
                    },
                    glued_before: starts_word
                        && text[..start].chars().next_back().is_some_and(is_word_char),
                    glued_after: ends_word && text[end..].chars().next().is_some_and(is_word_char),
                });
            }
        }
        found.sort_by_key(|t| (t.hit.start, std::cmp::Reverse(t.hit.end)));
        found
    }

    /// Whether the whole of `text` is one term (`Hong Kong`): whether `find_all` has a hit spanning it,
    /// since the longest term at the start is the hit there, found with one anchored step per byte
    /// instead of a search.
    pub fn is_term(&self, text: &str) -> bool {
        let folded = crate::text::fold_traditional(text);
        let input = Input::new(folded.as_ref()).anchored(Anchored::Yes);
        self.automata.iter().any(|(automaton, _)| {
            automaton
                .find(input.clone())
                .is_some_and(|m| m.end() == text.len())
        })
    }

    /// True if any term occurs in `text`.
    pub fn contains(&self, text: &str) -> bool {
        !self.find_all(text).is_empty()
    }
}

/// A regex with Unicode word boundaries (`\bRs\.?\s?\d`), counted fast. For a `\b`, the regex crate reads
/// any non-ASCII text with its slowest engine (a Chinese page's 256 KB, for each such pattern). So the
/// candidates are found with the pattern without its word boundaries, which a fast automaton runs, and each
/// is checked with the whole pattern anchored where it starts: every match of the whole pattern is one of
/// the loose pattern's, so the matches are the same as `Regex::find_iter`'s, in the same order.
pub struct WordRegex {
    exact: regex_automata::meta::Regex,
    loose: regex_automata::meta::Regex,
}

impl WordRegex {
    /// Compiles `pattern` as `Regex::new` does. A pattern that can match the empty string is refused:
    /// `find_iter` steps over empty matches in a way `count` does not repeat.
    pub fn new(pattern: &str) -> Result<WordRegex, String> {
        let hir = regex_syntax::parse(pattern).map_err(|e| e.to_string())?;
        if hir.properties().minimum_len() == Some(0) {
            return Err(format!("{pattern:?} can match the empty string"));
        }
        let build = |hir: &regex_syntax::hir::Hir| {
            regex_automata::meta::Regex::builder()
                .build_from_hir(hir)
                .map_err(|e| e.to_string())
        };
        Ok(WordRegex {
            exact: build(&hir)?,
            loose: build(&without_assertions(&hir))?,
        })
    }

    /// How many of the first `max` matches `text` holds: `Regex::find_iter(text).take(max).count()`.
    pub fn count(&self, text: &str, max: usize) -> usize {
        use regex_automata::{Anchored, Input};
        let (mut n, mut at) = (0, 0);
        while n < max {
            let Some(candidate) = self.loose.find(Input::new(text).range(at..)) else {
                break;
            };
            let start = candidate.start();
            let exact = Input::new(text).range(start..).anchored(Anchored::Yes);
            match self.exact.find(exact) {
                Some(m) => {
                    n += 1;
                    at = m.end();
                }
                None => at = start + text[start..].chars().next().map_or(1, char::len_utf8),
            }
        }
        n
    }
}

/// `hir` with its assertions (`\b`, `$`, ...) taken out: it matches wherever `hir` does, and more.
fn without_assertions(hir: &regex_syntax::hir::Hir) -> regex_syntax::hir::Hir {
    use regex_syntax::hir::{Hir, HirKind};
    match hir.kind() {
        HirKind::Look(_) => Hir::empty(),
        HirKind::Repetition(r) => {
            let mut r = r.clone();
            r.sub = Box::new(without_assertions(&r.sub));
            Hir::repetition(r)
        }
        HirKind::Capture(c) => {
            let mut c = c.clone();
            c.sub = Box::new(without_assertions(&c.sub));
            Hir::capture(c)
        }
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(without_assertions).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(without_assertions).collect())
        }
        _ => hir.clone(),
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
        assert!(lex.is_term("Support") && lex.is_term("US") && lex.is_term("客服"));
        assert!(!lex.is_term("us") && !lex.is_term("supports") && !lex.is_term("客服热线"));
    }

    #[test]
    fn a_window_reads_the_terms_found_in_the_whole_as_its_own_scan_finds_them() {
        let lex = Lexicon::new([
            ("Hong Kong", 1),
            ("Hong", 2),
            ("Kong Kong", 3),
            ("US", 4),
            ("China", 5),
            ("中国", 6),
            ("中国银行", 7),
            ("Bank of China", 8),
            ("ina", 9),
        ]);
        let text = "Call Hong Kong Kong, USA or US: the Bank of China, China2 and 中国银行 中国 Chinas                     HongKong Hong Kong Kong 中国中国银行US aChina ZUS";
        let found = lex.found_in(text, &crate::text::fold_traditional(text));
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let (mut answered, mut windows) = (0, 0);
        for &from in &bounds {
            for &to in bounds.iter().filter(|&&to| to >= from) {
                windows += 1;
                let Some(hits) = found.within(from, to) else {
                    continue;
                };
                answered += 1;
                let read: Vec<(usize, usize, i32)> = hits
                    .iter()
                    .map(|h| (h.start - from, h.end - from, *h.value))
                    .collect();
                let scanned: Vec<(usize, usize, i32)> = lex
                    .find_all(&text[from..to])
                    .iter()
                    .map(|h| (h.start, h.end, *h.value))
                    .collect();
                assert_eq!(read, scanned, "{:?}", &text[from..to]);
            }
        }
        // In this text dense with terms, a third of the windows are answered; those a term crosses are
        // scanned instead.
        assert!(answered * 3 > windows, "{answered} of {windows}");
    }

    #[test]
    fn word_regex_counts_as_the_regex_crate() {
        let texts = [
            "中RMB5 RMB5 x RMB 6元a 5元 人民币RMB7 7\n元 é5元 RMB８ ５元",
            "The other theme, then the end; THE end of the\u{301} ſo and and-and",
            "",
        ];
        for pattern in [
            r"\bRMB\s?\d|人民币|\d\s?元(?:[^a-zA-Z]|$)",
            r"(?i)\b(?:the|and|of|so)\b",
            r"(?:₹|\bRs\.?|\bINR)\s?\d",
        ] {
            let (fast, slow) = (
                WordRegex::new(pattern).unwrap(),
                regex::Regex::new(pattern).unwrap(),
            );
            for text in texts {
                for max in [1, 3, 200] {
                    let expected = slow.find_iter(text).take(max).count();
                    assert_eq!(fast.count(text, max), expected, "{pattern} in {text:?}");
                }
            }
        }
        assert!(WordRegex::new(r"\b|x").is_err());
    }
}
