//! Organisations as a page names them, whether the reference lists them or not: `Hang Seng Bank`,
//! `GlobalCollect`, `中国邮政储蓄银行`, `华为` in `华为客服`. Most real pages are about companies the reference
//! does not know (a courier, a regional bank), and a person still needs to know whose number it claims to be.
//!
//! Three shapes of name are read, each a general habit of how pages write organisations:
//! - a name ending in an organisation word (`… Bank`, `… Airlines`, `…银行`, `…公司`, `…カード`);
//! - a Latin proper noun: capitalised words the page never writes in lower case (`Chase`, `Wells Fargo`),
//!   so that title-case headings (`Contact Us About Fraud`) are not taken for names;
//! - a Chinese brand right before a service word (`携程人工客服`, `华为官方`), counted across the page.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use crate::data::{
    channel_words, countries, cue_terms, cues, is_common_english_word, is_cue_term, CueSet, Fnv,
};
use crate::lexicon::Lexicon;
use crate::text::{ceil_boundary, floor_boundary, is_han};

/// How much of a page is read for names; as for the reference organisations, the start of a page says what
/// it is about.
const SAMPLE: usize = 256 * 1024;
/// A title's names count as much as this many mentions in the text.
const TITLE_WEIGHT: usize = 10;
/// Longest name kept, in characters: longer runs are sentences, not names.
const MAX_NAME_CHARS: usize = 48;

/// The names a page gives organisations, worked out once per page.
pub struct Names {
    /// Latin words the page writes in lower case somewhere (lower-cased): capitalised elsewhere, they are
    /// ordinary words at a sentence start or in a heading.
    lower_words: HashSet<String, Fnv>,
    /// How often each name occurs (title occurrences weighted).
    counts: HashMap<String, usize>,
    /// Whether the page's Latin words are English, so that English word lists can tell its names from its
    /// ordinary words (German capitalises every noun).
    english: bool,
}

/// A name found in a text: where, and the name as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Whether it ends in an organisation word (`Bank`, `银行`): a name by its shape, even if seen once.
    pub suffixed: bool,
    /// Latin (`Hang Seng Bank`) rather than CJK.
    pub latin: bool,
}

fn is_cjk(c: char) -> bool {
    is_han(c) || ('\u{30a0}'..='\u{30ff}').contains(&c)
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

fn is_sentence_end(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '。' | '！' | '？' | ':' | '：' | '\n' | '|' | '•' | '-' | '*'
    )
}

/// Organisation words (`Bank`, `Ltd`) and words that are no part of a name (`The`, `Monday`), asked of
/// every Latin word of a page.
static ORG_SUFFIXES: CueSet = CueSet::new("org_suffix");
static NAME_STOPWORDS: CueSet = CueSet::new("name_stopword");

fn has_term(list: &str, word: &str) -> bool {
    is_cue_term(list, word)
}

/// Latin word spans (ASCII letters and digits, with `&`, `'` and `-` inside a word: `AT&T`, `Anti-Fraud`).
fn latin_words(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut words = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() {
            let b = bytes[i];
            // (Letters and digits first: they are most of a word, and need no look at what follows.)
            if b.is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            // A possessive ends the word (`Maybank's` is Maybank).
            let possessive = b == b'\''
                && bytes.get(i + 1) == Some(&b's')
                && !bytes.get(i + 2).is_some_and(u8::is_ascii_alphanumeric);
            let joiner = matches!(b, b'&' | b'\'' | b'-')
                && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
                && i > start
                && !possessive;
            if joiner {
                i += 1;
            } else {
                break;
            }
        }
        words.push((start, i));
    }
    words
}

/// Whether the word at `start..end` is part of an email address, a URL or a host name (`barclays` in
/// `fraud@barclays.co.uk`): addresses are written in lower case whatever the name, so they say nothing about
/// whether the page writes the word as an ordinary one.
/// `marked` says whether the text holds an `@` or a `://` at all: without one, only a dotted host name can
/// hold the word, and its neighbours need not be searched.
fn in_address(text: &str, start: usize, end: usize, marked: bool) -> bool {
    let bytes = text.as_bytes();
    let dotted = |i: usize| {
        bytes.get(i) == Some(&b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
    };
    if dotted(end) || start >= 2 && dotted(start - 1) && bytes[start - 2].is_ascii_alphanumeric() {
        return true;
    }
    if !marked {
        return false;
    }
    // The rest of the address, up to white space, within an address's length either side.
    let before = &text[floor_boundary(text, start.saturating_sub(ADDRESS_REACH))..start];
    let after = &text[end..ceil_boundary(text, (end + ADDRESS_REACH).min(text.len()))];
    let before = before.rsplit(char::is_whitespace).next().unwrap_or(before);
    let after = after.split(char::is_whitespace).next().unwrap_or(after);
    before.contains('@') || after.starts_with('@') || before.contains("://")
}

/// How far from a word the rest of an address it belongs to is looked for.
const ADDRESS_REACH: usize = 64;

fn is_all_lower(word: &str) -> bool {
    word.bytes()
        .all(|b| b.is_ascii_lowercase() || b == b'-' || b == b'\'')
}

impl Names {
    pub fn new(title: &str, text: &str, english: bool) -> Names {
        let sample = &text[..floor_boundary(text, text.len().min(SAMPLE))];
        let words = latin_words(sample);
        let marked = memchr::memchr(b'@', sample.as_bytes()).is_some()
            || memchr::memmem::find(sample.as_bytes(), b"://").is_some();
        let mut lower_words = HashSet::default();
        for &(s, e) in &words {
            let w = &sample[s..e];
            // (Looked up before a `String` is made: most such words recur.)
            if is_all_lower(w) && !lower_words.contains(w) && !in_address(sample, s, e, marked) {
                lower_words.insert(w.to_string());
            }
        }
        let mut names = Names {
            lower_words,
            counts: HashMap::new(),
            english,
        };
        let mut counts = HashMap::new();
        // A Latin name counts where prose writes it, not where a line opens with it: headings and labels
        // are title-case (`Card Loss`, `Redressal Mechanism`) whatever their words.
        // (A line that opens with the name and goes on as a sentence is prose: `GlobalCollect is a …`.)
        let mid_line = |text: &str, name: &Name| {
            let opens_line = text[..name.start]
                .rsplit('\n')
                .next()
                .unwrap_or("")
                .trim_start_matches(|c: char| {
                    c.is_whitespace() || matches!(c, '-' | '*' | '•' | '#' | '|')
                })
                .is_empty();
            // (So does a Latin brand glued to Chinese words: `MIUI指纹锁售后`.)
            let sentence_goes_on = text[name.end..]
                .strip_prefix(' ')
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_lowercase()))
                || text[name.end..].starts_with(is_cjk);
            !name.latin || !opens_line || sentence_goes_on
        };
        // The first line is the title when the page has no other; it is weighed below, as a title.
        let body_start = if sample.trim_start().starts_with(title) && !title.is_empty() {
            sample.find(title).map_or(0, |i| i + title.len())
        } else {
            0
        };
        for name in names.shaped_in(sample, &words) {
            if name.start >= body_start && mid_line(sample, &name) {
                // `BDO Rewards card`, `Via BDO Rewards Call Center`: an acronym or brand-shaped word inside
                // a longer name is the organisation behind each of its products and departments.
                if name.text.contains(' ') {
                    for word in name.text.split(' ') {
                        if is_acronym_or_camel(word) && names.is_name_word(word) {
                            *counts.entry(word.to_string()).or_insert(0) += 1;
                        }
                    }
                }
                *counts.entry(name.text).or_insert(0) += 1;
            }
        }
        for brand in brands_before_service_words(&sample[body_start..]) {
            *counts.entry(brand).or_insert(0) += 1;
        }
        // A title names the page's subject: its names weigh most, Latin ones only if the text uses them too
        // (`Frequently Asked Questions` is a title, not a name).
        let mut in_title: Vec<String> = names
            .shaped(title)
            .into_iter()
            .filter(|n| {
                !n.latin
                    || counts.contains_key(&n.text) && shape_weight(&n.text) >= CAMEL
                    || is_acronym_or_camel(&n.text) && counts.contains_key(&n.text)
            })
            .map(|n| n.text)
            .collect();
        in_title.extend(brands_before_service_words(title));
        in_title.extend(title_brand(title));
        for name in in_title {
            *counts.entry(name).or_insert(0) += TITLE_WEIGHT;
        }
        names.counts = counts;
        names
    }

    /// How often the page names `name` (title mentions weighted).
    pub fn count(&self, name: &str) -> usize {
        self.counts.get(name).copied().unwrap_or(0)
    }

    /// The name the page gives most, if it gives one more than once.
    pub fn dominant(&self) -> Option<(&str, usize)> {
        // A shorter name that opens one longer name is mostly the same organisation (`Hang Seng` and `Hang
        // Seng Bank`): its mentions count for the longer name too. One that opens several (`JD Finance`, `JD
        // Logistics`) is the group, and its mentions are its own.
        let opens = |short: &str, long: &str| {
            long.len() > short.len()
                && long.starts_with(short)
                && long[short.len()..].starts_with(' ')
        };
        let opens_one = |short: &str| {
            self.counts
                .keys()
                .filter(|long| shape_weight(long) == SUFFIXED && opens(short, long))
                .count()
                == 1
        };
        let mentions = |name: &str, weight: usize| -> usize {
            self.counts
                .iter()
                .filter(|(other, _)| {
                    *other == name || weight == SUFFIXED && opens(other, name) && opens_one(other)
                })
                .map(|(_, n)| n)
                .sum()
        };
        // (Off an English page, a capitalised word is a name only by a stronger shape: `Sie`, `Sofern`.)
        let named: Vec<(&str, usize, usize)> = self
            .counts
            .keys()
            .filter(|name| self.english || shape_weight(name) >= CAMEL || is_acronym(name))
            .map(|name| {
                let weight = shape_weight(name);
                (name.as_str(), mentions(name, weight), weight)
            })
            .collect();
        // A page that repeats no name but gives one brand-shaped word once (`… or CommBank.`) is about it.
        let repeated = named.iter().any(|&(_, n, _)| n >= 2);
        let mut brands = named
            .iter()
            .filter(|&&(name, _, w)| w == CAMEL && !is_channel_name(name));
        if let (false, Some(&(name, n, _)), None) = (repeated, brands.next(), brands.next()) {
            return Some((name, n));
        }
        named
            .into_iter()
            .filter(|&(_, n, _)| n >= 2)
            // A name shaped like one (`… Bank`, `CommBank`) outweighs capitalised words that happen to
            // recur (`Card Loss`). Ties go to the longer, then the alphabetically first name, so the answer
            // does not depend on hash order.
            // (A name written in normal case beats one shouted in capitals, `Maybank` over `VIGILANT`.)
            .max_by(|a, b| {
                let shouted = |n: &str| !n.bytes().any(|c| c.is_ascii_lowercase());
                (a.1 * a.2, !shouted(a.0), a.0.chars().count())
                    .cmp(&(b.1 * b.2, !shouted(b.0), b.0.chars().count()))
                    .then_with(|| b.0.cmp(a.0))
            })
            .map(|(name, n, _)| (name, n))
    }

    /// The names `text` gives by their shape: Latin proper nouns and names ending in an organisation word.
    pub fn shaped(&self, text: &str) -> Vec<Name> {
        self.shaped_in(text, &latin_words(text))
    }

    /// `shaped`, with the Latin words of `text` already split.
    fn shaped_in(&self, text: &str, words: &[(usize, usize)]) -> Vec<Name> {
        let mut found = self.latin_names(text, words);
        found.extend(suffixed_cjk_names(text));
        found.sort_by_key(|n| n.start);
        found
    }

    /// The organisation a label or heading names, if any, by its shape: a name ending in an organisation
    /// word. Other capitalised phrases there are usually roles (`Debit Card`, `Card Loss`, `Redressal
    /// Mechanism`), even when repeated.
    pub fn in_label(&self, label: &str) -> Option<Name> {
        self.in_label_all(label).into_iter().next()
    }

    /// Every organisation a label or heading names by its shape, in text order: names ending in an
    /// organisation word, and a label that is nothing but a name (`Mastercard (nur Deutschland)`,
    /// `Eurocard/Mastercard`, `Barclaycard`), which lists and tables write before each issuer's number.
    pub fn in_label_all(&self, label: &str) -> Vec<Name> {
        let mut names: Vec<Name> = self
            .shaped(label)
            .into_iter()
            .filter(|n| n.suffixed)
            .collect();
        if names.is_empty() {
            names.extend(self.whole_label_name(label));
        }
        if names.is_empty() {
            names.extend(self.leading_name(label));
        }
        names
    }

    /// The organisations a sentence names: as a label does, else, on a page whose Latin words are English,
    /// brand-shaped names the page writes in its prose, more than once unless an acronym (`…
    /// on your Barclaycard …, call 0844 …`), not ordinary capitalised words or a place named in passing.
    pub fn in_sentence_all(&self, sentence: &str) -> Vec<Name> {
        let names = self.in_label_all(sentence);
        if !names.is_empty() || !self.english {
            return names;
        }
        // (Not a word opening the sentence, which may be any language's verb (`Signalez …`), nor a name
        // holding a word that presents a number (`Berliner Rufnummer`).)
        self.latin_names(sentence, &latin_words(sentence))
            .into_iter()
            .filter(|n| {
                let weight = shape_weight(&n.text);
                let opens = sentence[..n.start]
                    .trim_end_matches([' ', '"', '“'])
                    .chars()
                    .next_back()
                    .is_none_or(is_sentence_end);
                let presents = n
                    .text
                    .split(' ')
                    .any(|w| has_term("call", &w.to_lowercase()));
                // (An acronym is a name by its shape, often given once: `… List (DNCL)`.)
                let repeated = self.count(&n.text) >= if is_acronym(&n.text) { 1 } else { 2 };
                weight >= BRAND && (weight >= CAMEL || !opens) && !presents && repeated
            })
            .collect()
    }

    /// A brand-shaped name that opens a label whose other words are lower case (`Barclaycard fraud`,
    /// `HSBC Premier credit card holders`): the issuer, then what its line is for.
    fn leading_name(&self, label: &str) -> Option<Name> {
        let first = self
            .latin_names(label, &latin_words(label))
            .into_iter()
            .next()?;
        let rest = label[first.end..].trim_start();
        let opens = label[..first.start].trim().is_empty();
        // (The words after it are English ones: in German every noun is capitalised, `Sofern sich …`.)
        let next_word = rest
            .split(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or("");
        let lower_after = next_word.starts_with(|c: char| c.is_ascii_lowercase())
            && is_common_english_word(next_word);
        (opens && lower_after && shape_weight(&first.text) >= BRAND).then_some(first)
    }

    /// The label itself, less a note in brackets, when it is one to three capitalised words the page never
    /// writes in lower case (joined by spaces, `/` or `-`), and not a country or a word that presents a
    /// number (`Hotline`, `Telefon`). Whether it names a role instead is for the caller to judge.
    fn whole_label_name(&self, label: &str) -> Option<Name> {
        let core_end = label.find(['(', '（']).unwrap_or(label.len());
        let core = label[..core_end].trim_end();
        let start = core.len() - core.trim_start().len();
        let mut core = core.trim_start();
        // A country after the name is where the line is for (`Citibank Hong Kong` is Citibank).
        let countries_at_end = countries().find_all(core);
        if let Some(last) = countries_at_end.last().filter(|c| c.end == core.len()) {
            core = core[..last.start].trim_end();
        }
        let words = latin_words(core);
        let joined_plainly = words
            .windows(2)
            .all(|w| matches!(&core[w[0].1..w[1].0], " " | "/" | " / "));
        let covers = words.first().is_some_and(|w| w.0 == 0)
            && words.last().is_some_and(|w| w.1 == core.len());
        let name_words = words.iter().all(|&(s, e)| {
            let word = &core[s..e];
            self.is_name_word(word)
                && !has_term("call", &word.to_lowercase())
                && !word.chars().all(|c| c.is_ascii_digit())
        });
        let country = !countries().find_all(core).is_empty();
        let named = covers && joined_plainly && name_words && words.len() <= 3;
        (named && !country && !is_common_phrase(core)).then(|| Name {
            start,
            end: start + core.len(),
            text: core.to_string(),
            suffixed: false,
            latin: true,
        })
    }

    fn is_name_word(&self, word: &str) -> bool {
        // Every part of a hyphenated name is capitalised (`Anti-Fraud`, not `AM-midnight`).
        if word.split('-').any(|part| {
            !part.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
                || NAME_STOPWORDS.contains(part)
        }) {
            return false;
        }
        let written_lower = || with_ascii_lowercase(word, |lower| self.lower_words.contains(lower));
        let all_caps = word.bytes().all(|b| !b.is_ascii_lowercase());
        if all_caps {
            // Acronyms (`OCBC`, `BDO`, `AT&T`), not shouted words the page also writes in lower case
            // (`FRAUD`); one letter is an initial or a pronoun.
            word.len() >= 2
                && word.bytes().all(|b| b.is_ascii_alphabetic() || b == b'&')
                && !written_lower()
        } else {
            !written_lower()
        }
    }

    /// Runs of capitalised words the page never writes in lower case, joined by `of`, `the`, `&`, with
    /// organisation words allowed inside (`Bank of the Philippine Islands`); a country alone is not a name,
    /// and a country after a name is dropped (`OCBC Singapore` is OCBC).
    fn latin_names(&self, text: &str, words: &[(usize, usize)]) -> Vec<Name> {
        let mut names = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let (mut j, mut last_name_word) = (i, None);
            let mut has_proper = false;
            while j < words.len() {
                let (s, e) = words[j];
                let w = &text[s..e];
                if j > i {
                    let gap = &text[words[j - 1].1..s];
                    if gap != " " {
                        break;
                    }
                }
                let suffix = ORG_SUFFIXES.contains(w);
                let proper = self.is_name_word(w);
                let joiner = j > i && matches!(w, "of" | "the" | "&" | "and" | "de");
                if proper || suffix {
                    has_proper |= proper && !suffix;
                    last_name_word = Some(j);
                } else if !joiner {
                    break;
                }
                j += 1;
            }
            let Some(last) = last_name_word.filter(|_| has_proper) else {
                i = j.max(i + 1);
                continue;
            };
            // Drop trailing countries (`PayMe India`) and leading joiners never happen: `i` is a name word.
            let mut end_word = last;
            // `Bank of China` keeps its country.
            while end_word > i
                && is_country(&text[words[end_word].0..words[end_word].1])
                && !matches!(
                    &text[words[end_word - 1].0..words[end_word - 1].1],
                    "of" | "the"
                )
            {
                end_word -= 1;
                while end_word > i
                    && !self.is_name_or_suffix(&text[words[end_word].0..words[end_word].1])
                {
                    end_word -= 1;
                }
            }
            let (start, end) = (words[i].0, words[end_word].1);
            let name = &text[start..end];
            let suffixed = end_word > i && is_suffixed_latin(name);
            let sentence_start = text[..start]
                .trim_end_matches([' ', '"', '“'])
                .chars()
                .next_back()
                .is_none_or(is_sentence_end);
            let lone_word = end_word == i;
            // A capitalised word opening a sentence is a name only if it is no ordinary word (`Paytel
            // endeavours …`, not `Beware …`).
            let brand_shaped =
                name.len() >= 2 && is_acronym_or_camel(name) || !is_common_phrase(name);
            // `Debit Card`, `Credit Cards`: ordinary words before Card name a product, not an issuer.
            let card_product = suffixed
                && matches!(&text[words[end_word].0..end], "Card" | "Cards")
                && is_common_phrase(text[start..words[end_word].0].trim_end());
            let keep = !is_country(name)
                && !card_product
                && name.chars().count() <= MAX_NAME_CHARS
                && (!lone_word || !sentence_start || brand_shaped)
                && !text[end..].starts_with(|c: char| is_word_char(c));
            if keep {
                names.push(Name {
                    start,
                    end,
                    text: name.to_string(),
                    suffixed,
                    latin: true,
                });
            }
            i = last + 1;
        }
        names
    }

    fn is_name_or_suffix(&self, word: &str) -> bool {
        self.is_name_word(word) || ORG_SUFFIXES.contains(word)
    }
}

/// How much a name's shape says it is an organisation: one ending in an organisation word (`Hang Seng
/// Bank`, `中国邮政储蓄银行`) most, a brand-shaped word (`CommBank`, `GlobalCollect`) next, then a word that is
/// no ordinary English word (`Paytel`, `Maybank`), and least ordinary words with capitals (`Escalation`).
const SUFFIXED: usize = 6;
const CAMEL: usize = 4;
const BRAND: usize = 2;
const TITLE_WORDS: usize = 1;

/// Whether a Latin name of two or more words ends in an organisation word (`Hang Seng Bank`) or names one
/// of a place or purpose (`Reserve Bank of India`, `Department of Justice`).
fn is_suffixed_latin(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    words.len() >= 2
        && (ORG_SUFFIXES.contains(words[words.len() - 1])
            || words
                .windows(2)
                .any(|pair| pair[1] == "of" && ORG_SUFFIXES.contains(pair[0])))
}

fn shape_weight(name: &str) -> usize {
    let suffixed = is_suffixed_latin(name)
        || cue_terms("org_suffix")
            .iter()
            .any(|s| !s.is_ascii() && name.ends_with(s.as_str()));
    // (`URLs`, `FAQs` are plural acronyms, not camel-case brands.)
    let plural_acronym = name
        .strip_suffix('s')
        .is_some_and(|a| a.len() >= 2 && a.bytes().all(|b| b.is_ascii_uppercase()));
    let camel = name.bytes().skip(1).any(|b| b.is_ascii_uppercase())
        && name.bytes().any(|b| b.is_ascii_lowercase())
        && !name.contains(' ')
        && !plural_acronym;
    if suffixed {
        SUFFIXED
    } else if camel {
        CAMEL
    } else if name.is_ascii() && is_common_phrase(name) {
        TITLE_WORDS
    } else {
        BRAND
    }
}

/// A messaging channel's name (`WhatsApp`): how to reach an organisation, not one the page is about.
pub fn is_channel_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    channel_words().iter().any(|(word, _)| *word == lower)
}

/// Whether every word of a Latin name is an ordinary English word written with a capital (`Equipment
/// Identity`), with no acronym (`UK`) or brand among them.
fn is_common_phrase(name: &str) -> bool {
    name.split([' ', '-', '/'])
        .filter(|w| !w.is_empty())
        .map(|w| w.split('\'').next().unwrap_or(w))
        .all(|w| !is_acronym_or_camel(w) && with_ascii_lowercase(w, is_common_english_word))
}

/// `f` of `word` in ASCII lower case, as `to_ascii_lowercase` gives it, without allocating for a word of
/// ordinary length (asked for every word of a page).
fn with_ascii_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buffer = [0; 32];
    let Some(lower) = buffer.get_mut(..word.len()) else {
        return f(&word.to_ascii_lowercase());
    };
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    // (Lower-casing ASCII letters leaves every other byte, so the bytes are still `word`'s UTF-8.)
    f(std::str::from_utf8(lower).expect("ASCII lower-casing keeps UTF-8"))
}

/// An acronym (`BBVA`, `DNCL`): capitals only.
fn is_acronym(name: &str) -> bool {
    name.len() >= 2 && name.bytes().all(|b| b.is_ascii_uppercase())
}

fn is_acronym_or_camel(word: &str) -> bool {
    let upper = word.bytes().filter(u8::is_ascii_uppercase).count();
    upper >= 2
}

fn is_country(name: &str) -> bool {
    countries().is_term(name)
}

/// The characters left of `end` that may belong to a CJK name: CJK letters, back to a break or to a word
/// that introduces the name (`向`, `拨打`), never more than a name's length.
fn cjk_name_before(text: &str, end: usize) -> &str {
    let before = &text[..end];
    let mut start = end;
    for (i, c) in before.char_indices().rev() {
        if !is_cjk(c) || end - i > MAX_NAME_CHARS {
            break;
        }
        start = i;
    }
    let left = &text[start..end];
    // Cut after the last word that introduces a name (`消费者可向中国` -> `中国`).
    &left[name_left_edge_end(left)..]
}

/// Where the last word that introduces a name ends in `left` (0 if none does), found in one pass for all
/// the words (asked before every organisation and service word of a page). Where several start at one
/// character, the first listed is the one read (`或` in `或者`); a term listed after one of its own
/// prefixes is thus never read, and the rest give the furthest end of any of their occurrences.
fn name_left_edge_end(left: &str) -> usize {
    static EDGES: OnceLock<AhoCorasick> = OnceLock::new();
    EDGES
        .get_or_init(|| {
            let edges = cue_terms("name_left_edge");
            let read = edges.iter().enumerate().filter(|&(i, edge)| {
                !edges[..i]
                    .iter()
                    .any(|earlier| edge.starts_with(earlier.as_str()))
            });
            AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .build(read.map(|(_, edge)| edge))
                .expect("cue words are plain strings")
        })
        .find_overlapping_iter(left)
        .map(|m| m.end())
        .max()
        .unwrap_or(0)
}

/// CJK names ending in an organisation word: `中国邮政储蓄银行`, `国家邮政局`, `楽天カード`.
fn suffixed_cjk_names(text: &str) -> Vec<Name> {
    let mut names = Vec::new();
    // One pass for every organisation word; the leftmost longest wins (`有限公司` before `公司`).
    let mut last_end = 0;
    // (Asked of every label and sentence: the list is found by its name once.)
    static ORG_SUFFIX_LEXICON: OnceLock<&Lexicon<()>> = OnceLock::new();
    let lexicon = ORG_SUFFIX_LEXICON.get_or_init(|| cues("org_suffix"));
    for hit in lexicon.find_all(text) {
        let (from, end) = (hit.start, hit.end);
        if text[from..end].is_ascii() || from < last_end {
            continue;
        }
        last_end = end;
        let left = cjk_name_before(text, from);
        let name = &text[from - left.len()..end];
        // `网上银行`, `本公司` are generic; `北美呼叫中心`, `客服中心` are departments, not organisations.
        let generic = cue_terms("generic_name_prefix").iter().any(|g| left == g)
            || cue_terms("department_word")
                .iter()
                .any(|d| left.ends_with(d.as_str()));
        let continued = cue_terms("suffix_continuation")
            .iter()
            .any(|c| text[end..].starts_with(c.as_str()));
        if left.chars().count() >= 2 && !generic && !continued {
            names.push(Name {
                start: from - left.len(),
                end,
                text: name.to_string(),
                suffixed: true,
                latin: false,
            });
        }
    }
    names
}

/// A brand written right before a service word (`携程人工客服`, `华为官方热线`): the 2 to 4 characters before
/// the word, the most repeated ending winning, so `拨打华为客服` and `华为客服` both give `华为`.
/// (In no particular order: callers count them.)
fn brands_before_service_words(text: &str) -> Vec<String> {
    let mut endings: Vec<Vec<String>> = Vec::new();
    for at in service_words_at(text) {
        let left = cjk_name_before(text, at);
        let chars: Vec<(usize, char)> = left.char_indices().collect();
        let candidates = (2..=4.min(chars.len()))
            .map(|n| left[chars[chars.len() - n].0..].to_string())
            .filter(|c| !is_generic_brand(c))
            .collect::<Vec<_>>();
        if !candidates.is_empty() {
            endings.push(candidates);
        }
    }
    // Count every ending, then keep for each occurrence its ending seen most often (longer on ties).
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for candidates in &endings {
        for c in candidates {
            *seen.entry(c).or_insert(0) += 1;
        }
    }
    endings
        .iter()
        .filter_map(|candidates| {
            candidates
                .iter()
                .max_by_key(|c| (seen[c.as_str()], c.chars().count()))
                .cloned()
        })
        .collect()
}

/// Where each service word occurs in `text`, as `match_indices` finds it (a word's occurrences do not
/// overlap), with one pass for all the words instead of one per word.
fn service_words_at(text: &str) -> Vec<usize> {
    static WORDS: OnceLock<AhoCorasick> = OnceLock::new();
    let words = cue_terms("brand_service_word");
    let automaton = WORDS.get_or_init(|| {
        // Only the runs of a page without ASCII are searched: its Latin text, spaces and digits need no
        // step of the automaton.
        assert!(
            words.iter().all(|w| w.bytes().all(|b| !b.is_ascii())),
            "brand service words are CJK"
        );
        AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(words)
            .expect("cue words are plain strings")
    });
    let mut next_free = vec![0; words.len()];
    let mut found = Vec::new();
    for (run_start, run) in runs_without_ascii(text) {
        for m in automaton.find_overlapping_iter(run) {
            let word = m.pattern().as_usize();
            let (start, end) = (run_start + m.start(), run_start + m.end());
            if start >= next_free[word] {
                next_free[word] = end;
                found.push(start);
            }
        }
    }
    found
}

/// The runs of `text` with no ASCII byte, with where each starts: all a word without ASCII can occur in.
fn runs_without_ascii(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        // (A byte after an ASCII one starts a character, and an ASCII byte is one: both are boundaries.)
        let start = at + bytes[at..].iter().position(|b| !b.is_ascii())?;
        let end = bytes[start..]
            .iter()
            .position(u8::is_ascii)
            .map_or(bytes.len(), |i| start + i);
        at = end;
        Some((start, &text[start..end]))
    })
}

/// Whether a brand candidate holds a service, department or generic word (`人工`, `客服中心`): the brand is
/// what comes before them. (Names ending in an organisation word are read by their suffix instead.)
/// (Asked of every service word's occurrence: the words are looked for all at once.)
fn is_generic_brand(candidate: &str) -> bool {
    static WORDS: OnceLock<AhoCorasick> = OnceLock::new();
    WORDS
        .get_or_init(|| {
            let words = cue_terms("brand_service_word")
                .iter()
                .chain(cue_terms("generic_name_prefix"))
                .chain(cue_terms("department_word"))
                .chain(cue_terms("call_verb"))
                .chain(cue_terms("org_suffix").iter().filter(|s| !s.is_ascii()));
            AhoCorasick::new(words).expect("cue words are plain strings")
        })
        .is_match(candidate)
}

/// A title that opens with a brand: `华为 拨打指南`, `携程人工客服电话` (the CJK letters before a space or
/// before a service word).
fn title_brand(title: &str) -> Option<String> {
    let title = title.trim_start();
    let run: String = title.chars().take_while(|&c| is_cjk(c)).collect();
    let words = cue_terms("brand_service_word");
    let cut = words
        .iter()
        .filter_map(|w| run.find(w.as_str()))
        .min()
        .unwrap_or(run.len());
    let brand = &run[..cut];
    let ends_at_space = cut == run.len() && title[run.len()..].starts_with([' ', '\u{3000}']);
    let count = brand.chars().count();
    ((cut < run.len() || ends_at_space) && (2..=6).contains(&count) && !is_generic_brand(brand))
        .then(|| brand.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_words_read_letters_first_as_byte_by_byte() {
        // Each byte asked whether it joins the word, letters and digits included.
        let byte_by_byte = |text: &str| {
            let bytes = text.as_bytes();
            let (mut words, mut i) = (Vec::new(), 0);
            while i < bytes.len() {
                if !bytes[i].is_ascii_alphanumeric() {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < bytes.len() {
                    let b = bytes[i];
                    let possessive = b == b'\''
                        && bytes.get(i + 1) == Some(&b's')
                        && !bytes.get(i + 2).is_some_and(u8::is_ascii_alphanumeric);
                    let joiner = matches!(b, b'&' | b'\'' | b'-')
                        && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
                        && i > start
                        && !possessive;
                    if b.is_ascii_alphanumeric() || joiner {
                        i += 1;
                    } else {
                        break;
                    }
                }
                words.push((start, i));
            }
            words
        };
        for text in [
            "",
            "AT&T and Anti-Fraud, Maybank's card; Maybank'sx O'Neil's -x &y 'z x- y& z'",
            "中国银行Bank of China（BOC）热线95566, é-mail café's naïve-ly",
            "a'b's'c--d&&e '' - & s's 's a's",
        ] {
            assert_eq!(latin_words(text), byte_by_byte(text), "{text}");
        }
    }

    #[test]
    fn service_words_found_in_runs_as_in_the_whole_text() {
        // Each word's occurrences as `match_indices` finds them in the whole text.
        let whole_text = |text: &str| {
            let mut found: Vec<usize> = cue_terms("brand_service_word")
                .iter()
                .flat_map(|w| text.match_indices(w.as_str()).map(|(i, _)| i))
                .collect();
            found.sort_unstable();
            found
        };
        for text in [
            "",
            "call us",
            "携程人工客服电话是多少？拨打携程客服，或者在携程官方App里找在线客服。",
            "华为服务热线热线 400 830 8300（人工）, Huawei 售后投诉: 電話 服務熱線熱線",
            "客服客服客服 客服\n客服a客服é客服",
            "服务热线务热线热线电话电",
        ] {
            let mut found = service_words_at(text);
            found.sort_unstable();
            assert_eq!(found, whole_text(text), "{text}");
        }
    }

    #[test]
    fn lower_case_on_the_stack_as_allocated() {
        let long = "Ab".repeat(40);
        for word in [
            "",
            "a",
            "A",
            "FRAUD",
            "Anti-Fraud",
            "AT&T",
            "Maybank's",
            "Ünïcödé",
            "ÀB",
            "İstanbul",
            "中国银行",
            "x1Y2",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEF",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFG",
            &long,
        ] {
            with_ascii_lowercase(word, |lower| assert_eq!(lower, word.to_ascii_lowercase()));
        }
    }

    #[test]
    fn name_left_edges_found_at_once_as_term_by_term() {
        // At each character, the first listed term that starts there.
        let term_by_term = |left: &str| {
            let edges = cue_terms("name_left_edge");
            let mut cut = 0;
            for (i, _) in left.char_indices() {
                if let Some(edge) = edges.iter().find(|e| left[i..].starts_with(e.as_str())) {
                    cut = cut.max(i + edge.len());
                }
            }
            cut
        };
        let texts = [
            "",
            "中国",
            "消费者可向中国",
            "请拨打",
            "拨打致电联系",
            "或者还是",
            "以及或者者",
            "可",
            "撥打中華電信",
            "消費者可向",
            "的的的",
            "Bank of 向",
            "é向ü给x",
            "中国银行",
        ];
        for text in texts {
            assert_eq!(name_left_edge_end(text), term_by_term(text), "{text}");
        }
        // Every pair of edge terms, alone and among other words.
        let edges = cue_terms("name_left_edge");
        for first in edges {
            for second in edges {
                for text in [
                    format!("{first}{second}"),
                    format!("中国{first}银行{second}"),
                    format!("{second}中{first}国"),
                ] {
                    assert_eq!(name_left_edge_end(&text), term_by_term(&text), "{text}");
                }
            }
        }
    }

    fn dominant(title: &str, text: &str) -> Option<String> {
        Names::new(title, text, true)
            .dominant()
            .map(|(n, _)| n.to_string())
    }

    #[test]
    fn an_acronym_inside_longer_names_is_their_organisation() {
        let text =
            "First, activate your XYZ Points card online.\nb. Via XYZ Points Call Center Hotline\n\
                    in the capital: (02) 8631-8000";
        assert_eq!(dominant("Questions", text).as_deref(), Some("XYZ"));
        // Technical acronyms are never the organisation, however often a page repeats them.
        let text =
            "Note the IMEI number of your phone. The IMEI code is on the box; give the IMEI to us.";
        assert_eq!(dominant("Lost phones", text), None);
    }

    #[test]
    fn proper_nouns_the_page_never_writes_in_lower_case() {
        let text = "Report fraud\nIf your Chase account was used, call us. We at Chase never ask for your PIN. \
                    Report fraud to us at once.";
        assert_eq!(dominant("Report fraud", text).as_deref(), Some("Chase"));
        // A title-case heading is not a name: its words are written in lower case below it.
        assert_eq!(
            dominant("Contact Us", "contact us about it; we reply to all."),
            None
        );
    }

    #[test]
    fn names_ending_in_an_organisation_word() {
        let names = Names::new("", "", true);
        let got: Vec<String> = names
            .shaped("消费者可向中国邮政储蓄银行投诉，或致电国家邮政局。Call Hang Seng Bank now")
            .into_iter()
            .map(|n| n.text)
            .collect();
        assert_eq!(got, ["中国邮政储蓄银行", "国家邮政局", "Hang Seng Bank"]);
        // Generic phrases are not names.
        assert!(names.shaped("请登录网上银行或手机银行").is_empty());
    }

    #[test]
    fn brands_before_service_words_and_in_titles() {
        let text = "携程人工客服电话是多少？拨打携程客服，或者在携程官方App里找在线客服。";
        assert_eq!(dominant("", text).as_deref(), Some("携程"));
        assert_eq!(dominant("华为 拨打指南", "").as_deref(), Some("华为"));
        assert_eq!(dominant("通知：近期退改签渠道", ""), None);
    }

    #[test]
    fn a_label_naming_an_organisation() {
        let names = Names::new("", "card lines below", true);
        assert_eq!(
            names
                .in_label("American Express lost cards")
                .map(|n| n.text)
                .as_deref(),
            Some("American Express")
        );
        // Named once, in a label only: a role, not a name.
        assert_eq!(names.in_label("Premier Line:"), None);
        // Words the page writes in lower case are a role, not a name.
        let names = Names::new("", "our customer service team", true);
        assert_eq!(names.in_label("Customer Service:"), None);
    }

    /// The names `text` gives by its shape, on a page that writes no word in lower case.
    fn shaped(text: &str) -> Vec<String> {
        Names::new("", "", true)
            .shaped(text)
            .into_iter()
            .map(|n| n.text)
            .collect()
    }

    #[test]
    fn countries_are_not_names() {
        assert_eq!(
            shaped("Need help? OCBC Singapore is here. Outside Singapore call us"),
            ["OCBC"]
        );
    }

    #[test]
    fn ordinary_words_before_card_are_a_product() {
        assert_eq!(
            shaped("Use your Debit Card abroad or call Kiyo Card"),
            ["Kiyo Card"]
        );
    }
}
