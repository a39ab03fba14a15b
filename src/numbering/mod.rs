//! Numbering knowledge, in one home: which national numbers are valid in a region and of what type
//! (libphonenumber's metadata, compiled by `build.rs`), which short numbers a region has ([`short`]), how
//! digit strings as pages write them become validated numbers ([`parse`]), and what China's short codes and
//! ranges mean ([`cn`]).
//!
//! The tables come from libphonenumber's metadata, vendored in `data/libphonenumber/` and compiled at build
//! time. Every pattern is matched against the *whole* national number, so `400-606-55001` is not a valid
//! Chinese shared-cost number. Validity and type, and a short number's kinds, come from DFAs (one per region
//! for long numbers, one for its short numbers) built by `build.rs` and read in place from the binary: no
//! compilation, no cache and no lock at run time, one pass over the digits. Only the prefix patterns (two per
//! region) and the formats are regexes, compiled on first use.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use regex_automata::dfa::{dense, Automaton};
use regex_automata::{Anchored, Input};

use crate::model::NumberType;
use short::{ShortData, ShortKind, ShortPattern};

pub mod cn;
pub mod parse;
pub mod short;

pub(crate) struct RegionData {
    pub id: &'static str,
    pub country_code: u16,
    pub international_prefix: Option<&'static str>,
    pub national_prefix_for_parsing: Option<&'static str>,
    pub national_prefix_transform_rule: Option<&'static str>,
    pub main_country_for_code: bool,
    /// The types the region's DFA recognises, in the order libphonenumber tries them.
    pub types: &'static [NumberType],
    pub formats: &'static [FormatData],
    /// Where the region's classifying DFA lies in `REGION_DFAS`.
    pub dfa: (usize, usize),
    /// The region's short numbers, where libphonenumber has them.
    pub short: Option<ShortData>,
}

pub(crate) struct FormatData {
    pub pattern: &'static str,
    pub format: &'static str,
    pub leading_digits: Option<&'static str>,
}

include!(concat!(env!("OUT_DIR"), "/regions.rs"));

/// Bytes aligned for deserializing a DFA in place (it reads them as `u32`s).
#[repr(C)]
struct Aligned<B: ?Sized> {
    _align: [u64; 0],
    bytes: B,
}

/// Every region's DFAs (`RegionData::dfa` and `ShortData::dfa` say where each lies). Pattern 0 of a region's
/// DFA is its general pattern, pattern `i` its `types[i - 1]`; pattern `i` of its short-number DFA is
/// `ShortData::patterns[i]`. Each matches whole digit strings only.
static REGION_DFAS: &Aligned<[u8]> = &Aligned {
    _align: [],
    bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/regions.dfa")),
};

type Dfa = dense::DFA<&'static [u32]>;

/// The DFA at `range` in `REGION_DFAS`, read in place.
fn dfa_at((start, end): (usize, usize)) -> Dfa {
    dense::DFA::from_bytes(&REGION_DFAS.bytes[start..end])
        .expect("build.rs wrote this DFA for this target")
        .0
}

/// Which of a DFA's patterns match the whole of `digits`: bit `i` for pattern `i`, in one pass.
fn matching_patterns(dfa: &Dfa, digits: &str) -> u32 {
    let input = Input::new(digits).anchored(Anchored::Yes);
    let Ok(mut state) = dfa.start_state_forward(&input) else {
        return 0;
    };
    for &b in digits.as_bytes() {
        state = dfa.next_state(state, b);
        if dfa.is_dead_state(state) {
            return 0;
        }
    }
    // Match states are reported one transition late: the end-of-input transition reveals which patterns
    // matched the whole string.
    state = dfa.next_eoi_state(state);
    let mut bits = 0;
    if dfa.is_match_state(state) {
        for i in 0..dfa.match_len(state) {
            bits |= 1 << dfa.match_pattern(state, i).as_usize();
        }
    }
    bits
}

/// What one region needs at run time, set up on first use.
struct Compiled {
    dfa: Dfa,
    /// Present exactly when the region has short-number data.
    short_dfa: Option<Dfa>,
    international_prefix: Option<Regex>,
    national_prefix_for_parsing: Option<Regex>,
    /// Each format's leading-digits pattern and whole pattern, compiled the first time a number of the
    /// region is formatted (only `check` formats; compiling them for every number made a value holding a
    /// few hundred numbers take seconds).
    formats: OnceLock<Vec<(Option<Regex>, Regex)>>,
}

/// Which of a region's patterns match a number: bit `i` for pattern `i`.
#[derive(Clone, Copy)]
struct Matches(u32);

impl Matches {
    fn general(self) -> bool {
        self.0 & 1 != 0
    }

    fn has_type(self, index: usize) -> bool {
        self.0 & (1 << (index + 1)) != 0
    }
}

/// Metadata patterns only ever see ASCII digits: compiled without Unicode classes (`\d` = `[0-9]`), they
/// build several times faster and match faster.
fn ascii_regex(pattern: &str) -> Regex {
    regex::RegexBuilder::new(pattern)
        .unicode(false)
        .build()
        .expect("patterns are checked in build.rs")
}

fn full_match(pattern: &str) -> Regex {
    ascii_regex(&format!("^(?:{pattern})$"))
}

fn at_start(pattern: &str) -> Regex {
    ascii_regex(&format!("^(?:{pattern})"))
}

/// A region of the numbering plan (a country, or a non-geographic entity such as `+800`).
#[derive(Clone, Copy)]
pub struct Region {
    index: usize,
}

impl std::fmt::Debug for Region {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Region({} +{})", self.id(), self.country_code())
    }
}

impl PartialEq for Region {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index
    }
}

fn compiled_cells() -> &'static [OnceLock<Compiled>] {
    static CELLS: OnceLock<Vec<OnceLock<Compiled>>> = OnceLock::new();
    CELLS.get_or_init(|| REGIONS.iter().map(|_| OnceLock::new()).collect())
}

fn by_code() -> &'static HashMap<u16, Vec<usize>> {
    static MAP: OnceLock<HashMap<u16, Vec<usize>>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map: HashMap<u16, Vec<usize>> = HashMap::new();
        for (i, r) in REGIONS.iter().enumerate() {
            map.entry(r.country_code).or_default().push(i);
        }
        // The main country for a shared code (US for +1) is tried first.
        for list in map.values_mut() {
            list.sort_by_key(|&i| !REGIONS[i].main_country_for_code);
        }
        map
    })
}

impl Region {
    /// Looks up a region by its ISO 3166 code (`"CN"`, `"GB"`). `None` for `"001"`, which libphonenumber gives
    /// every non-geographic entity (+800, +808, +870, ...): find those with [`Region::for_country_code`].
    pub fn by_id(id: &str) -> Option<Region> {
        let start = REGIONS.partition_point(|r| r.id < id);
        let end = REGIONS.partition_point(|r| r.id <= id);
        (end - start == 1).then_some(Region { index: start })
    }

    /// All regions using a country calling code, main country first.
    pub fn for_country_code(code: u16) -> impl Iterator<Item = Region> {
        by_code()
            .get(&code)
            .into_iter()
            .flatten()
            .map(|&index| Region { index })
    }

    /// True if some region uses this calling code.
    pub fn is_country_code(code: u16) -> bool {
        by_code().contains_key(&code)
    }

    /// Mainland China, whose numbers and short codes most pages are about.
    pub fn cn() -> Region {
        Region::by_id("CN").expect("CN is in the metadata")
    }

    /// The ISO 3166 code, or `"001"` for a non-geographic entity (which its country code names).
    pub fn id(self) -> &'static str {
        REGIONS[self.index].id
    }

    pub fn country_code(self) -> u16 {
        REGIONS[self.index].country_code
    }

    pub(crate) fn data(self) -> &'static RegionData {
        &REGIONS[self.index]
    }

    fn compiled(self) -> &'static Compiled {
        compiled_cells()[self.index].get_or_init(|| {
            let d = self.data();
            Compiled {
                dfa: dfa_at(d.dfa),
                short_dfa: d.short.as_ref().map(|s| dfa_at(s.dfa)),
                international_prefix: d.international_prefix.map(at_start),
                national_prefix_for_parsing: d.national_prefix_for_parsing.map(at_start),
                formats: OnceLock::new(),
            }
        })
    }

    /// Runs the region's DFA over `national` once.
    fn matches(self, national: &str) -> Matches {
        Matches(matching_patterns(&self.compiled().dfa, national))
    }

    /// The type of a national significant number, or `None` when it is not a valid number here.
    pub fn classify(self, national: &str) -> Option<NumberType> {
        let matches = self.matches(national);
        if !matches.general() {
            return None;
        }
        let mut found = None;
        for (i, t) in self.data().types.iter().enumerate() {
            if matches.has_type(i) {
                match (found, t) {
                    (None, _) => found = Some(*t),
                    (Some(NumberType::FixedLine), NumberType::Mobile) => {
                        return Some(NumberType::FixedLineOrMobile)
                    }
                    _ => {}
                }
                if *t != NumberType::FixedLine {
                    return found;
                }
            }
        }
        found
    }

    /// True when `national` matches the region's general pattern (any type).
    pub fn is_possible(self, national: &str) -> bool {
        self.matches(national).general()
    }

    /// Length of the international (IDD) prefix at the start of `digits`, e.g. `00` in China.
    pub fn international_prefix_len(self, digits: &str) -> Option<usize> {
        let re = self.compiled().international_prefix.as_ref()?;
        re.find(digits).map(|m| m.end()).filter(|&n| n > 0)
    }

    /// Strips a national (trunk) prefix such as `0` or Mexico's old `01`, returning the national number.
    /// Returns `None` if there is no prefix to strip.
    pub fn strip_national_prefix(self, digits: &str) -> Option<String> {
        let re = self.compiled().national_prefix_for_parsing.as_ref()?;
        let Some(rule) = self.data().national_prefix_transform_rule else {
            // Without a rule only where the prefix ends matters: a search, not the slower captures.
            let end = re.find(digits)?.end();
            return (end > 0).then(|| digits[end..].to_string());
        };
        let caps = re.captures(digits)?;
        let whole = caps.get(0)?;
        if whole.end() == 0 {
            return None;
        }
        let rest = &digits[whole.end()..];
        // The rule rewrites captured groups (Argentina's mobiles, for example) in front of the rest.
        // As in libphonenumber, the rule applies only when its last group took part in the match.
        if caps.len() < 2 || caps.get(caps.len() - 1).is_none() {
            return Some(rest.to_string());
        }
        let mut expanded = String::new();
        for (i, part) in rule.split('$').enumerate() {
            let group = part.chars().next().and_then(|c| c.to_digit(10));
            match group {
                Some(g) if i > 0 => {
                    expanded.push_str(caps.get(g as usize).map_or("", |m| m.as_str()));
                    expanded.push_str(&part[1..]);
                }
                _ => expanded.push_str(part),
            }
        }
        Some(expanded + rest)
    }

    /// Formats a national number the way the region writes it (`400 606 5500`, `20 3865 9200`).
    pub fn format_national_number(self, national: &str) -> String {
        let formats = self.compiled().formats.get_or_init(|| {
            let formats = self.data().formats.iter();
            formats
                .map(|f| (f.leading_digits.map(at_start), full_match(f.pattern)))
                .collect()
        });
        for (f, (leading, re)) in self.data().formats.iter().zip(formats) {
            if leading.as_ref().is_some_and(|l| !l.is_match(national)) {
                continue;
            }
            if re.is_match(national) {
                return re.replace(national, f.format).into_owned();
            }
        }
        national.to_string()
    }
}

/// Every known calling code, for splitting `+<code><national>`.
pub fn split_country_code(digits: &str) -> impl Iterator<Item = (u16, &str)> {
    (1..=3).filter_map(move |len| {
        let code: u16 = digits.get(..len)?.parse().ok()?;
        Region::is_country_code(code).then(|| (code, &digits[len..]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    include!(concat!(env!("OUT_DIR"), "/dfa_patterns.rs"));

    /// Each DFA (a region's long numbers, a region's short numbers) agrees, pattern by pattern, with the regex
    /// crate matching the patterns it was built from against whole numbers. Numbers are random digit strings
    /// whose first digits are taken from strings the general pattern accepts, so that every type gets
    /// exercised, not only the rejections.
    #[test]
    fn dfas_match_exactly_what_their_patterns_match() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let (mut checked, mut valid) = (0, 0);
        for &(name, range, patterns) in DFA_PATTERNS {
            let dfa = dfa_at(range);
            let regexes: Vec<Regex> = patterns.iter().map(|p| full_match(p)).collect();
            let mut prefixes = vec![String::new()];
            for _ in 0..400 {
                let prefix = &prefixes[next(prefixes.len() as u64) as usize];
                let len = 2 + next(14) as usize;
                let mut number: String = prefix.chars().take(len).collect();
                while number.len() < len {
                    number.push(char::from(b'0' + next(10) as u8));
                }
                let expected = regexes
                    .iter()
                    .enumerate()
                    .filter(|(_, re)| re.is_match(&number))
                    .fold(0u32, |bits, (i, _)| bits | 1 << i);
                assert_eq!(
                    matching_patterns(&dfa, &number),
                    expected,
                    "{name}: {number}"
                );
                checked += 1;
                if expected & 1 != 0 {
                    valid += 1;
                    prefixes.push(number[..len / 2].to_string());
                }
            }
        }
        assert!(
            valid * 20 > checked,
            "only {valid} of {checked} numbers were valid"
        );
    }

    fn cn() -> Region {
        Region::by_id("CN").unwrap()
    }

    #[test]
    fn whole_number_must_match() {
        assert_eq!(cn().classify("4006065500"), Some(NumberType::SharedCost));
        assert_eq!(cn().classify("40060655001"), None, "one digit too many");
        assert_eq!(cn().classify("2161959999"), Some(NumberType::FixedLine));
        assert_eq!(cn().classify("21619599991"), None);
    }

    #[test]
    fn types() {
        assert_eq!(cn().classify("13800138999"), Some(NumberType::Mobile));
        assert_eq!(cn().classify("8001234567"), Some(NumberType::TollFree));
        let gb = Region::by_id("GB").unwrap();
        assert_eq!(gb.classify("8000289999"), Some(NumberType::TollFree));
        let us = Region::by_id("US").unwrap();
        assert_eq!(us.classify("8885058792"), Some(NumberType::TollFree));
    }

    #[test]
    fn national_prefixes() {
        let co = Region::by_id("CO").unwrap();
        assert_eq!(
            co.strip_national_prefix("018000099999").as_deref(),
            Some("18000099999")
        );
        assert_eq!(
            cn().strip_national_prefix("02161959999").as_deref(),
            Some("2161959999")
        );
        assert_eq!(cn().international_prefix_len("008613800138999"), Some(2));
    }

    #[test]
    fn shared_country_code_lists_main_country_first() {
        let first = Region::for_country_code(1).next().unwrap();
        assert_eq!(first.id(), "US");
        assert!(Region::for_country_code(44).any(|r| r.id() == "GB"));
    }

    #[test]
    fn non_geographic_entities_share_one_id_and_are_found_by_country_code() {
        for code in [800, 808, 870, 878, 881, 882, 883, 888, 979] {
            let entity = Region::for_country_code(code).next().unwrap();
            assert_eq!((entity.id(), entity.country_code()), ("001", code));
        }
        assert_eq!(Region::by_id("001"), None, "ambiguous");
        assert_eq!(Region::by_id("CN"), Some(cn()));
        assert_eq!(Region::by_id("XX"), None);
    }

    #[test]
    fn national_format() {
        assert_eq!(cn().format_national_number("4006065500"), "400 606 5500");
    }
}
