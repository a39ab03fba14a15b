//! The country a page's numbers are dialled in, when the number's own line does not say: weighed from
//! what the page carries. An English page about an Indian bank writes `1800 103 4567` for India, not for
//! the United States; a Japanese page is not Chinese because it holds kanji.
//!
//! Evidence, each capped so that no one kind decides alone: the script (kana, hangul, a page mostly in
//! Han), numbers written with `+CC`, the country-code top-level domains of its addresses and links,
//! currencies, country and city names (outside organisation names), the home region of the organisations
//! it names, and, among the regions its language and evidence make plausible, where its bare numbers are
//! valid.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

use crate::data::{countries, region_markers, Fnv};
use crate::lexicon::{Found, Hit};
use crate::numbering::parse::{parse_international, parse_national};
use crate::numbering::Region;
use crate::reference::Reference;

/// How much of a page is read for evidence (the start of a huge page says where it is from).
const SAMPLE: usize = 256 * 1024;

/// Below this score the page says too little, and the fallbacks decide.
const ENOUGH: f32 = 2.0;

/// Scores per region.
#[derive(Default, Debug)]
struct Scores(HashMap<&'static str, f32>);

impl Scores {
    fn add(&mut self, region: Region, points: f32) {
        *self.0.entry(region.id()).or_default() += points;
    }

    /// Adds `points` for each of `hits`, at most `cap` in all per region.
    fn add_capped(&mut self, hits: impl IntoIterator<Item = Region>, points: f32, cap: f32) {
        let mut counts: HashMap<&'static str, (Region, f32)> = HashMap::new();
        for r in hits {
            counts.entry(r.id()).or_insert((r, 0.0)).1 += points;
        }
        for (region, p) in counts.into_values() {
            self.add(region, p.min(cap));
        }
    }

    fn best(&self) -> Option<(Region, f32)> {
        let mut all: Vec<(&&str, &f32)> = self.0.iter().collect();
        // Highest score; ties go to the alphabetically first id, so the choice is stable.
        all.sort_by(|a, b| b.1.total_cmp(a.1).then(a.0.cmp(b.0)));
        all.first()
            .and_then(|(id, s)| Region::by_id(id).map(|r| (r, **s)))
    }
}

/// What a page's text says about the region of its numbers.
pub(super) struct Evidence {
    /// The region the evidence points to, or `None` when it is too thin.
    pub region: Option<Region>,
    /// The main region of the page's language when it is not English or Chinese (`fr` is France, `de`
    /// Germany): where numbers on a page with no other evidence are most likely from, rather than the US.
    pub language: Option<Region>,
}

/// What a page's text says about the region of its numbers. `names` are the countries and listed
/// organisations its sample names, `home` the home region of the organisation the page is about, and
/// `writing` is the page's, from `page_writing`.
/// The start of a page that its evidence is read from.
pub(super) fn sample(text: &str) -> &str {
    &text[..crate::text::floor_boundary(text, SAMPLE)]
}

pub(super) fn page_region(
    text: &str,
    names: &SampleNames,
    home: Option<Region>,
    writing: &Writing,
) -> Evidence {
    let sample = sample(text);
    let mut scores = Scores::default();
    let (script, language) = (&writing.script, writing.language);
    if script.kana >= 3 {
        scores.add(region("JP"), 8.0);
    }
    if script.hangul >= 3 {
        scores.add(region("KR"), 8.0);
    }
    if script.mostly_han() && script.kana < 3 {
        scores.add(Region::cn(), 6.0);
    }
    // (The digit runs are read once for both the numbers written with a country code and the bare ones.)
    let runs: Vec<String> = digit_runs(sample).collect();
    scores.add_capped(international_numbers(&runs), 3.0, 9.0);
    scores.add_capped(domain_regions(sample), 2.0, 6.0);
    for (region, hits) in marker_hits(sample) {
        scores.add(region, (2.0 * hits as f32).min(6.0));
    }
    scores.add_capped(names.country_mentions(), 1.0, 5.0);
    if let Some(home) = home {
        scores.add(home, 3.0);
    }
    // Where the page's bare numbers are valid, among the regions its language and evidence make plausible.
    let mut candidates: Vec<Region> = language.regions().iter().map(|id| region(id)).collect();
    candidates.extend(scores.0.keys().filter_map(|id| Region::by_id(id)));
    candidates.sort_by_key(|r| r.id());
    candidates.dedup();
    let numbers = bare_numbers(&runs);
    if !numbers.is_empty() {
        for r in candidates {
            let valid = numbers
                .iter()
                .filter(|n| parse_national(n, r).is_some_and(|p| p.region == r))
                .count();
            scores.add(r, (valid as f32).min(6.0));
        }
    }
    let region = scores
        .best()
        .filter(|&(_, score)| score >= ENOUGH)
        .map(|(r, _)| r);
    let language = match language {
        Language::English | Language::Chinese | Language::Unknown => None,
        language => language.regions().first().map(|id| self::region(id)),
    };
    Evidence { region, language }
}

/// How a page's start is written: the scripts it uses and, from them and its function words, its
/// language. Worked out once per page: the page's region and its name reader both ask.
pub(super) struct Writing {
    script: Script,
    pub language: Language,
}

pub(super) fn page_writing(text: &str) -> Writing {
    let sample = sample(text);
    let script = Script::of(sample);
    let language = script.language(sample);
    Writing { script, language }
}

impl Language {
    /// Whether the page's Latin words, if any, are English (so that English word lists can judge them):
    /// not a page in French, German, Spanish, Portuguese, Japanese or Korean, whose capitalised words are
    /// not names the English way.
    pub(super) fn latin_is_english(self) -> bool {
        matches!(
            self,
            Language::English | Language::Chinese | Language::Unknown
        )
    }
}

fn region(id: &str) -> Region {
    Region::by_id(id).expect("a region of the metadata")
}

/// Counts of the scripts a page is written in.
#[derive(Default)]
struct Script {
    han: usize,
    kana: usize,
    hangul: usize,
    latin: usize,
}

/// The language of a page, as far as the candidate regions of its numbers go.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Language {
    English,
    Spanish,
    French,
    German,
    Portuguese,
    Japanese,
    Korean,
    Chinese,
    Unknown,
}

impl Language {
    /// Regions whose numbers pages in this language usually carry.
    fn regions(&self) -> &'static [&'static str] {
        match self {
            Language::English => &[
                "US", "GB", "IN", "AU", "CA", "SG", "PH", "HK", "MY", "NZ", "IE", "ZA",
            ],
            Language::Spanish => &["MX", "ES", "AR", "CO", "CL", "PE", "US"],
            Language::French => &["FR", "BE", "CH", "CA"],
            Language::German => &["DE", "AT", "CH"],
            Language::Portuguese => &["BR", "PT"],
            Language::Japanese => &["JP"],
            Language::Korean => &["KR"],
            Language::Chinese => &["CN", "TW", "HK", "SG", "MY"],
            Language::Unknown => &[],
        }
    }
}

impl Script {
    fn of(text: &str) -> Script {
        let mut s = Script::default();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // A run of ASCII (most of a Latin page) is counted byte by byte, which the compiler vectorizes.
            let ascii = bytes[i..].iter().take_while(|b| b.is_ascii()).count();
            s.latin += bytes[i..i + ascii]
                .iter()
                .filter(|b| b.is_ascii_alphabetic())
                .count();
            i += ascii;
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            match c {
                '\u{3040}'..='\u{30ff}' => s.kana += 1,
                '\u{ac00}'..='\u{d7af}' | '\u{1100}'..='\u{11ff}' => s.hangul += 1,
                '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' => s.han += 1,
                '\u{c0}'..='\u{24f}' => s.latin += 1,
                _ => {}
            }
            i += c.len_utf8();
        }
        s
    }

    /// Han characters make up a good part of the letters (a Chinese page, not an English page quoting a
    /// Chinese name). A Han character carries a word; a Latin letter a fifth of one.
    fn mostly_han(&self) -> bool {
        self.han >= 10 && self.han * 5 >= self.latin
    }

    fn language(&self, text: &str) -> Language {
        if self.kana >= 3 {
            return Language::Japanese;
        }
        if self.hangul >= 3 {
            return Language::Korean;
        }
        if self.mostly_han() {
            return Language::Chinese;
        }
        if self.latin < 40 {
            return Language::Unknown;
        }
        latin_language(text)
    }
}

/// A few function words of each language, most telling first.
const FUNCTION_WORDS: [(Language, &str); 5] = [
    (Language::English, "the|and|of|to|your|you|for|with|is|call"),
    (
        Language::Spanish,
        "el|los|las|del|por|para|con|una|su|llame|tarjeta",
    ),
    (
        Language::French,
        "le|les|des|du|une|vous|pour|avec|est|votre",
    ),
    (
        Language::German,
        "der|die|das|und|nicht|mit|sie|ihre|ist|für",
    ),
    (
        Language::Portuguese,
        "não|você|seu|sua|uma|com|para|pelo|cartão",
    ),
];

/// The most frequent language among the function words of each, at most `COUNTED` counted per language:
/// the words of `text` as a Unicode `\b` splits them, compared ignoring case as `(?i)` does (what
/// `(?i)\b(?:the|and|…)\b` counts, in one pass for every language, without the regex crate's slowest
/// engine, which a Unicode `\b` sends non-ASCII text to).
fn latin_language(text: &str) -> Language {
    let mut best = (Language::Unknown, 2);
    for ((language, _), n) in FUNCTION_WORDS.iter().zip(function_word_counts(text)) {
        if n.min(COUNTED) > best.1 {
            best = (*language, n.min(COUNTED));
        }
    }
    best.0
}

/// The most function words counted for a language.
const COUNTED: usize = 200;

/// How many of `text`'s words are each language's function words. Counting stops once English, first
/// in `FUNCTION_WORDS`, has `COUNTED`: no language can then pass it (most of a long English page is
/// never split into words).
fn function_word_counts(text: &str) -> [usize; FUNCTION_WORDS.len()] {
    static WORDS: OnceLock<HashMap<String, Vec<usize>, Fnv>> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        let mut words: HashMap<String, Vec<usize>, Fnv> = HashMap::default();
        for (i, (_, list)) in FUNCTION_WORDS.iter().enumerate() {
            for word in list.split('|') {
                words
                    .entry(word.chars().map(case_folded).collect())
                    .or_default()
                    .push(i);
            }
        }
        words
    });
    // No function word has more than 8 characters of at most 4 bytes each.
    const LONGEST: usize = 32;
    let mut counts = [0usize; FUNCTION_WORDS.len()];
    let mut folded = String::new();
    let is_word = |c: char| {
        if c.is_ascii() {
            c.is_ascii_alphanumeric() || c == '_'
        } else {
            regex_syntax::is_word_character(c)
        }
    };
    for word in text.split(|c: char| !is_word(c)) {
        if word.is_empty() || word.len() > LONGEST {
            continue;
        }
        folded.clear();
        folded.extend(word.chars().map(case_folded));
        for &language in words.get(&folded).into_iter().flatten() {
            counts[language] += 1;
        }
        if counts[0] >= COUNTED {
            break;
        }
    }
    counts
}

/// One character standing for all those `(?i)` takes for `c` (Unicode simple case folding: `S`, `s` and
/// `ſ` are `s`).
fn case_folded(c: char) -> char {
    use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
    class.case_fold_simple();
    let members: Vec<char> = class.iter().flat_map(|r| r.start()..=r.end()).collect();
    match members.iter().find(|m| m.is_ascii()) {
        Some(ascii) => ascii.to_ascii_lowercase(),
        None => members.first().copied().unwrap_or(c),
    }
}

/// The digits of each run of phone length (separators allowed), after a `+` when one is written.
fn digit_runs(text: &str) -> impl Iterator<Item = String> + '_ {
    static RUN: OnceLock<Regex> = OnceLock::new();
    let re = RUN.get_or_init(|| {
        Regex::new(r"\+?\(?\d[\d\-\u{2010}-\u{2015}\u{a0} ().]{5,22}\d").expect("a plain pattern")
    });
    re.find_iter(text).map(|m| {
        let digits: String = m.as_str().chars().filter(char::is_ascii_digit).collect();
        if m.as_str().starts_with('+') {
            format!("+{digits}")
        } else {
            digits
        }
    })
}

/// The regions of the numbers among a page's digit runs written with a country code (`+44 20 …`).
fn international_numbers(runs: &[String]) -> Vec<Region> {
    runs.iter()
        .filter_map(|d| d.strip_prefix('+').and_then(parse_international))
        .map(|n| n.region)
        .take(50)
        .collect()
}

/// The bare numbers (no `+`) of 8 to 13 digits among a page's digit runs, for the validity vote.
fn bare_numbers(runs: &[String]) -> Vec<&str> {
    runs.iter()
        .filter(|d| !d.starts_with('+') && (8..=13).contains(&d.len()))
        .filter(|d| !is_date_like(d))
        .map(String::as_str)
        .take(40)
        .collect()
}

/// `20240315`, `2024-03-15 10:30` and the like are dates, not numbers.
fn is_date_like(digits: &str) -> bool {
    digits.starts_with("19") || digits.starts_with("20") && digits.len() <= 12
}

/// The regions of the country-code top-level domains of the page's addresses and links (`.co.uk`, `.in`).
fn domain_regions(text: &str) -> Vec<Region> {
    // Every match holds `@`, `://` or `www.`, and most pages have none: the pattern's Unicode word boundary
    // makes the regex engine read any page with non-ASCII text at its slowest, for nothing.
    let bytes = text.as_bytes();
    let www = memchr::memchr2_iter(b'w', b'W', bytes).any(|i| {
        bytes
            .get(i..i + 4)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"www."))
    });
    if memchr::memchr(b'@', bytes).is_none()
        && memchr::memmem::find(bytes, b"://").is_none()
        && !www
    {
        return Vec::new();
    }
    static HOST: OnceLock<Regex> = OnceLock::new();
    let re = HOST.get_or_init(|| {
        Regex::new(r"(?i)(?:@|://|\bwww\.)[a-z0-9.-]+\.([a-z]{2})\b").expect("a plain pattern")
    });
    re.captures_iter(text)
        .filter_map(|c| {
            let tld = c[1].to_ascii_uppercase();
            // Two-letter domains sold as generic names say nothing about a country.
            let generic = [
                "CO", "IO", "ME", "TV", "AI", "CC", "FM", "LY", "GG", "TO", "WS",
            ];
            let iso = if tld == "UK" { "GB".to_string() } else { tld };
            (!generic.contains(&iso.as_str()))
                .then(|| Region::by_id(&iso))
                .flatten()
        })
        .take(30)
        .collect()
}

/// Currency and other region markers (`₹ 500`, `RM50`, `HK$`), counted per region up to the three that
/// reach a marker's cap in `page_region`.
fn marker_hits(text: &str) -> Vec<(Region, usize)> {
    region_markers()
        .iter()
        .filter_map(|(region, pattern)| {
            let n = pattern.count(text, 3);
            (n > 0).then_some((*region, n))
        })
        .collect()
}

/// The country and city names and the listed organisations named in the start of a page that its
/// evidence is read from (`SAMPLE`), found once: the page's region, its subject and the country named
/// beside each of its numbers are read from them.
pub(super) struct SampleNames<'a> {
    len: usize,
    /// Where the sample's characters that may fold are: a window holding one may fold otherwise alone.
    foldable: Vec<usize>,
    countries: Found<'static, Region>,
    pub orgs: Found<'a, usize>,
}

impl<'a> SampleNames<'a> {
    pub fn new(text: &str, reference: &'a Reference) -> SampleNames<'a> {
        let sample = sample(text);
        let foldable: Vec<usize> = crate::text::foldable_offsets(sample).collect();
        // (A sample without a character that may fold folds to itself.)
        let folded = if foldable.is_empty() {
            std::borrow::Cow::Borrowed(sample)
        } else {
            crate::text::fold_traditional(sample)
        };
        SampleNames {
            len: sample.len(),
            countries: countries().found_in(sample, &folded),
            orgs: reference.found_orgs_in(sample, &folded),
            foldable,
        }
    }

    /// Whether no listed organisation's alias occurs anywhere in the sample, and no character of it may
    /// fold: then no part of it, read alone, names one either.
    pub fn names_no_org_anywhere(&self) -> bool {
        self.orgs.is_empty() && self.foldable.is_empty()
    }

    /// Country and city names, except inside an organisation's name (`中国银行` is not China).
    fn country_mentions(&self) -> Vec<Region> {
        outside(self.countries.hits(), || self.orgs.hits())
            .into_iter()
            .map(|c| *c.value)
            .take(100)
            .collect()
    }

    /// `countries_outside_orgs` of the page's text `from..to`, when the sample answers for that window
    /// (offsets are the page's).
    pub fn countries_outside_orgs_within(
        &self,
        from: usize,
        to: usize,
    ) -> Option<Vec<Hit<'static, Region>>> {
        let foldable_before = |at: usize| self.foldable.partition_point(|&f| f < at);
        if to > self.len || foldable_before(from) < foldable_before(to) {
            return None;
        }
        let countries = self.countries.within(from, to)?;
        let orgs = self.orgs.within(from, to)?;
        Some(outside(countries, || orgs))
    }
}

/// The country and city names in `text` that are not part of a listed organisation's name: `Bank of
/// China` and `中国银行` say nothing about where a number on a Hong Kong page is dialled.
pub fn countries_outside_orgs(text: &str, reference: &Reference) -> Vec<Hit<'static, Region>> {
    outside(countries().find_all(text), || reference.find_orgs(text))
}

/// `countries` without those overlapping one of the organisation names `orgs` gives (asked only when
/// there are countries). Both are in text order, so a binary search finds the names starting before a
/// country ends, and the furthest end among them says whether one overlaps it.
fn outside<'o, Orgs: std::ops::Deref<Target = [Hit<'o, usize>]>>(
    mut countries: Vec<Hit<'static, Region>>,
    orgs: impl FnOnce() -> Orgs,
) -> Vec<Hit<'static, Region>> {
    if countries.is_empty() {
        return countries;
    }
    let orgs = orgs();
    let furthest_end: Vec<usize> = orgs
        .iter()
        .scan(0, |end, o| {
            *end = o.end.max(*end);
            Some(*end)
        })
        .collect();
    countries.retain(|c| {
        let before_end = orgs.partition_point(|o| o.start < c.end);
        before_end == 0 || furthest_end[before_end - 1] <= c.start
    });
    countries
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(text: &str) -> Option<&'static str> {
        page_region(
            text,
            &SampleNames::new(text, Reference::embedded()),
            None,
            &page_writing(text),
        )
        .region
        .map(|r| r.id())
    }

    #[test]
    fn the_page_says_where_it_is_from() {
        assert_eq!(
            of("Need help with your card? Call our helpline 1800 103 4567 or write to care@examplebank.co.in. Charges of Rs. 500 apply."),
            Some("IN")
        );
        assert_eq!(
            of("お問い合わせは 0120-123-456 まで。受付時間は平日の9時から17時です。"),
            Some("JP")
        );
        assert_eq!(
            of("Questions? Call 6123 4567, or +65 6123 4567 from abroad, or +65 6222 3333 for cards."),
            Some("SG")
        );
        assert_eq!(
            of("客服热线：400-606-5500，服务时间 9:00-21:00，海外用户请拨打 +1 212 555 0123。"),
            Some("CN")
        );
        assert_eq!(
            of("Para reportar su tarjeta, llame al 55 5226 2663 o al 800 226 2663 desde el interior de la república."),
            Some("MX")
        );
    }

    #[test]
    fn a_page_in_a_language_falls_back_to_its_main_country() {
        let region = |text: &str| {
            page_region(
                text,
                &SampleNames::new(text, Reference::embedded()),
                None,
                &page_writing(text),
            )
            .language
            .map(|r| r.id())
        };
        let french = "Pour signaler un SMS indésirable, transférez-le gratuitement au 33 700, puis répondez \
                      avec le numéro de l’expéditeur. Vous recevrez une réponse de la plate-forme.";
        assert_eq!(region(french), Some("FR"));
        let german =
            "Der Sperr-Notruf ist rund um die Uhr erreichbar, und die Sperrung von Karten ist mit \
                      nur einem Anruf möglich, wenn die Bank sich dem Dienst angeschlossen hat.";
        assert_eq!(region(german), Some("DE"));
        let english =
            "If you receive a suspicious text, forward it to 7726 and then delete it from your \
                       phone. Never reply to the sender or click any link in the message.";
        assert_eq!(
            region(english),
            None,
            "English is the US fallback's own case"
        );
    }

    #[test]
    fn function_words_counted_as_the_regex_counts_them() {
        let texts = [
            "The end, THE END, the_end, the2, other theme; ſu SU su\u{301} Für FÜR für\u{308} NÃO não",
            "Vous êtes ÉLU pour le Prix, LES amis de l'avenir, l’Est, eſt, \u{212A}elvin, a\u{200d}nd",
            "中文the中文 and 你好 con com para PARA cartão CARTÃO você VOCÊ",
        ];
        for text in texts {
            let counts = function_word_counts(text);
            for ((_, words), n) in FUNCTION_WORDS.iter().zip(counts) {
                let re = Regex::new(&format!(r"(?i)\b(?:{words})\b")).unwrap();
                assert_eq!(n, re.find_iter(text).count(), "{words} in {text:?}");
            }
        }
    }

    #[test]
    fn countries_inside_organisation_names_dropped_as_by_pairs() {
        let cn: &'static Region = Box::leak(Box::new(Region::cn()));
        let org = 0usize;
        // Spans in text order, overlapping each other too, as two automata's hits can.
        let spans = |seed: usize, n: usize| -> Vec<(usize, usize)> {
            let mut spans: Vec<(usize, usize)> = (0..n)
                .map(|i| {
                    let start = (i * 7 + seed * 13) % 50;
                    (start, start + 1 + (i * 5 + seed) % 9)
                })
                .collect();
            spans.sort_by_key(|&(s, e)| (s, std::cmp::Reverse(e)));
            spans
        };
        for seed in 0..40 {
            let countries: Vec<Hit<Region>> = spans(seed, seed % 11)
                .into_iter()
                .map(|(start, end)| Hit {
                    start,
                    end,
                    value: cn,
                })
                .collect();
            let orgs: Vec<Hit<usize>> = spans(seed + 3, seed % 7)
                .into_iter()
                .map(|(start, end)| Hit {
                    start,
                    end,
                    value: &org,
                })
                .collect();
            let by_pairs: Vec<(usize, usize)> = countries
                .iter()
                .filter(|c| !orgs.iter().any(|o| o.start < c.end && c.start < o.end))
                .map(|c| (c.start, c.end))
                .collect();
            let kept: Vec<(usize, usize)> = outside(countries.clone(), || &orgs[..])
                .iter()
                .map(|c| (c.start, c.end))
                .collect();
            assert_eq!(kept, by_pairs, "seed {seed}");
        }
    }

    #[test]
    fn thin_evidence_decides_nothing() {
        assert_eq!(of("Call 555 0123."), None);
        assert_eq!(of(""), None);
    }
}
