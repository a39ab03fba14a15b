//! The curated word lists compiled into the binary, in one home: `data/cues.csv` (cue words the finder,
//! attribution and the rules look for), `data/channels.csv` (messaging channels), `data/countries.csv`
//! (country names) and `data/freemail.txt` (free webmail domains). `data/README.md` says what each list is
//! for and who reads it. Lists are parsed on first use and kept for the process.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::lexicon::{Lexicon, WordRegex};
use crate::numbering::Region;

const CUES_CSV: &str = include_str!("../data/cues.csv");
const CHANNELS_CSV: &str = include_str!("../data/channels.csv");
const COUNTRIES_CSV: &str = include_str!("../data/countries.csv");
const FREEMAIL_TXT: &str = include_str!("../data/freemail.txt");
const REGION_MARKERS_CSV: &str = include_str!("../data/region_markers.csv");
const ENGLISH_WORDS_TXT: &str = include_str!("../data/english-words/words.txt");

/// Every list of `data/cues.csv` by name, each term trimmed, in file order.
fn cue_lists() -> &'static HashMap<String, Vec<String>> {
    static LISTS: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
    LISTS.get_or_init(|| {
        let mut reader = csv::Reader::from_reader(CUES_CSV.as_bytes());
        reader
            .records()
            .map(|r| r.expect("data/cues.csv is checked by tests"))
            .map(|r| {
                let terms = r[1].split('|').map(|t| t.trim().to_string());
                (r[0].to_string(), terms.filter(|t| !t.is_empty()).collect())
            })
            .collect()
    })
}

/// The terms of the list `name` in `data/cues.csv`, in file order.
pub fn cue_terms(name: &str) -> &'static [String] {
    cue_lists()
        .get(name)
        .unwrap_or_else(|| panic!("data/cues.csv has no `{name}` list"))
}

/// The list `name` of `data/cues.csv` as a lexicon (word boundaries for Latin terms), built once.
pub fn cues(name: &str) -> &'static Lexicon<()> {
    // Each list's automaton is built when first asked for: `hotline check` needs a few of them.
    static ALL: OnceLock<HashMap<String, OnceLock<Lexicon<()>>>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        cue_lists()
            .keys()
            .map(|name| (name.clone(), OnceLock::new()))
            .collect()
    });
    all.get(name)
        .unwrap_or_else(|| panic!("data/cues.csv has no `{name}` list"))
        .get_or_init(|| Lexicon::new(cue_terms(name).iter().map(|t| (t, ()))))
}

/// Whether `word` is, exactly as written, a term of the list `name` of `data/cues.csv` (a hash look-up,
/// for lists asked about once per word of a page).
pub fn is_cue_term(name: &str, word: &str) -> bool {
    cue_set(name).contains(word)
}

/// A list of `data/cues.csv` asked about, as `is_cue_term` does, for every word of a page: its set is found
/// once, instead of by the list's name at every word.
pub struct CueSet {
    name: &'static str,
    set: OnceLock<&'static HashSet<&'static str, Fnv>>,
}

impl CueSet {
    pub const fn new(name: &'static str) -> CueSet {
        CueSet {
            name,
            set: OnceLock::new(),
        }
    }

    /// Whether `word` is, exactly as written, a term of the list.
    pub fn contains(&self, word: &str) -> bool {
        self.set.get_or_init(|| cue_set(self.name)).contains(word)
    }
}

/// The terms of the list `name` of `data/cues.csv` as a set, built once for every list.
fn cue_set(name: &str) -> &'static HashSet<&'static str, Fnv> {
    type Sets = HashMap<&'static str, HashSet<&'static str, Fnv>, Fnv>;
    static SETS: OnceLock<Sets> = OnceLock::new();
    let sets = SETS.get_or_init(|| {
        cue_lists()
            .iter()
            .map(|(name, terms)| (name.as_str(), terms.iter().map(String::as_str).collect()))
            .collect()
    });
    sets.get(name)
        .unwrap_or_else(|| panic!("data/cues.csv has no `{name}` list"))
}

/// FNV-1a hashing for fixed sets of words: their keys are short words, for which SipHash's set-up is most
/// of a look-up (a look-up per word of a page). The sets never change, so crafted input cannot grow a
/// bucket.
pub type Fnv = std::hash::BuildHasherDefault<FnvHasher>;

pub struct FnvHasher(u64);

impl Default for FnvHasher {
    fn default() -> Self {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Messaging-channel words (`whatsapp`, `微信`, `短信`), with the channel each names, in file order: the
/// first channel named in a label wins.
pub fn channel_words() -> &'static [(String, String)] {
    static WORDS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut reader = csv::Reader::from_reader(CHANNELS_CSV.as_bytes());
        let mut words = Vec::new();
        for r in reader.records() {
            let r = r.expect("data/channels.csv is checked by tests");
            words.extend(
                r[1].split('|')
                    .map(|w| (w.trim().to_string(), r[0].to_string())),
            );
        }
        words
    })
}

/// Country names in English and Chinese, mapped to their region.
pub fn countries() -> &'static Lexicon<Region> {
    static LEX: OnceLock<Lexicon<Region>> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut entries = Vec::new();
        let mut reader = csv::Reader::from_reader(COUNTRIES_CSV.as_bytes());
        for r in reader.records() {
            let r = r.expect("data/countries.csv is checked by tests");
            let region = Region::by_id(&r[0]).expect("data/countries.csv uses known ISO codes");
            entries.extend(r[1].split('|').map(|n| (n.to_string(), region)));
        }
        Lexicon::new(entries)
    })
}

/// Patterns that mark a page as being from a region (its currency written before an amount: `₹ 500`,
/// `RM50`, `HK$`), compiled once.
pub fn region_markers() -> &'static [(Region, WordRegex)] {
    static MARKERS: OnceLock<Vec<(Region, WordRegex)>> = OnceLock::new();
    MARKERS.get_or_init(|| {
        let mut reader = csv::Reader::from_reader(REGION_MARKERS_CSV.as_bytes());
        reader
            .records()
            .map(|r| {
                let r = r.expect("data/region_markers.csv is checked by tests");
                let region =
                    Region::by_id(&r[0]).expect("data/region_markers.csv uses known ISO codes");
                let pattern =
                    WordRegex::new(&r[1]).expect("data/region_markers.csv holds valid patterns");
                (region, pattern)
            })
            .collect()
    })
}

/// Whether `lower` (lower case) is a common English word (`fraud`, `escalation`, `premier`): capitalised in a
/// heading or a table, such a word is a title, not a brand (`Paytel`, `Maybank`, `Mastercard` are not words).
pub fn is_common_english_word(lower: &str) -> bool {
    // A binary search of the sorted file's lines, found once: a page asks about thousands of words, and each
    // probe of the file itself had to look for the ends of the line it fell in. (`hotline check` asks about
    // none, and the lines are only found when first asked for.)
    static LINES: OnceLock<Vec<&'static [u8]>> = OnceLock::new();
    let lines = LINES.get_or_init(|| {
        // (Past the comment lines that open the file.)
        let mut words = ENGLISH_WORDS_TXT.as_bytes();
        while words.first() == Some(&b'#') {
            let end = memchr::memchr(b'\n', words).map_or(words.len(), |i| i + 1);
            words = &words[end..];
        }
        let mut lines = Vec::new();
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', words) {
            lines.push(&words[start..end]);
            start = end + 1;
        }
        if start < words.len() {
            lines.push(&words[start..]);
        }
        lines
    });
    lines.binary_search(&lower.as_bytes()).is_ok()
}

/// True for a free webmail provider's domain (`gmail.com`, `qq.com`, `163.com`, ...).
pub fn is_freemail(domain: &str) -> bool {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    let list = LIST.get_or_init(|| {
        FREEMAIL_TXT
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    });
    list.contains(&domain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_english_word_is_found_and_nothing_else() {
        let words: Vec<&str> = ENGLISH_WORDS_TXT
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect();
        assert!(
            words.windows(2).all(|w| w[0] < w[1]),
            "the file is sorted, bytewise, once each"
        );
        for word in &words {
            assert!(is_common_english_word(word), "{word}");
        }
        for not_a_word in ["", "a", "maybank", "paytel", "zzzz", "aardvarks0", "Fraud"] {
            assert!(!is_common_english_word(not_a_word), "{not_a_word}");
        }
    }

    #[test]
    fn every_list_loads_and_names_its_purpose() {
        let mut reader = csv::Reader::from_reader(CUES_CSV.as_bytes());
        assert_eq!(reader.headers().unwrap(), vec!["cue", "terms", "why"]);
        for r in reader.records() {
            let r = r.unwrap();
            assert!(!r[1].trim().is_empty(), "{} has no terms", &r[0]);
            assert!(r[2].len() > 20, "{} needs a `why`", &r[0]);
        }
        assert!(!channel_words().is_empty());
        assert!(countries().contains("Mainland China"));
        assert!(is_freemail("qq.com") && !is_freemail("jd.com"));
        assert!(region_markers().len() >= 10);
    }
}
