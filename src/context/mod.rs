//! Document structure the later stages read: lines, headings, table rows, country names, the document's
//! organisation and default region.

use std::cell::{Cell, OnceCell};

use crate::data::{channel_words, countries, cues};
use crate::document::{Document, Lines};
use crate::lexicon::Hit;
use crate::model::RegionSource;
use crate::numbering::Region;
use crate::reference::Reference;
use crate::text::{ceil_boundary, floor_boundary, fold_traditional, is_han};

pub mod names;
mod region;

pub use region::countries_outside_orgs;

use names::Names;

/// The region to read a number in, as the text around it decides.
#[derive(Debug, Clone, Copy)]
pub struct RegionHint {
    pub region: Option<Region>,
    /// True when the text names the country for this number (then no other region is tried).
    pub named: bool,
    /// How `region` was decided.
    pub source: RegionSource,
    /// Whether the page has something Chinese about it, so that 800 numbers and 11-digit mobiles valid in
    /// no other way may be read as Chinese (`cn::distinctively_chinese`).
    pub chinese_shapes: bool,
    /// Where a short number that is none in `region` may be from instead: Taiwan, on a page written in
    /// traditional characters whose numbers are read as China's without a country named for them
    /// (`手機直撥123客服中心`).
    pub short_elsewhere: Option<Region>,
}

/// How far around a number (in bytes) the text may name its country; keeps huge lines linear.
const WINDOW: usize = 240;

/// How much of a page's start says which script it writes Chinese in.
const TRADITIONAL_SAMPLE: usize = 16 * 1024;

/// How far around a contact (in bytes) its label, description and sentence are read; keeps huge lines
/// linear (a 50 MB single-line page with 100,000 numbers).
pub const LABEL_WINDOW: usize = 400;

/// A table row: cells separated by `|` (Markdown tables, flattened HTML tables). A two-cell row has a
/// single separator, written ` | ` by the HTML reader.
pub fn is_table_row(line: &str) -> bool {
    line.matches(['|', '｜']).count() >= 2 || line.contains(" | ")
}

/// A short line that introduces what follows: a title, a section heading, a label line ending with `:`.
pub fn is_heading(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > 240 || t.chars().count() > 60 || is_table_row(t) {
        return false;
    }
    if t.starts_with('#') {
        return true;
    }
    let ends_label = t.ends_with([':', '：']);
    if t.ends_with(['.', '。', '!', '！', '?', '？', ',', '，', ';', '；']) {
        return false;
    }
    // A line with a phone-length amount of digits is content, not a heading.
    if t.chars().filter(char::is_ascii_digit).count() >= 6 {
        return false;
    }
    let bullet = t.starts_with(['-', '•', '*', '·', '–']);
    !bullet || ends_label
}

fn has_han(text: &str) -> bool {
    let sample = &text[..floor_boundary(text, text.len().min(64 * 1024))];
    // Every character from U+4000 to U+9FFF has a lead byte from 0xE4 to 0xE9: a page without one (most
    // of a Latin page) is passed over a block of bytes at a time, which the compiler vectorizes.
    let may_have = sample.as_bytes().chunks(64).any(|block| {
        block
            .iter()
            .fold(false, |found, b| found | (0xE4..=0xE9).contains(b))
    });
    may_have
        && sample
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Options that change how documents are read.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The region for numbers whose country the text does not name (instead of guessing it).
    pub region: Option<Region>,
}

/// A document with the structure the pipeline stages share.
pub struct Page<'a> {
    pub doc: &'a Document,
    pub text: &'a str,
    pub lines: Lines,
    pub reference: &'a Reference,
    /// The region the user chose for numbers whose country the text does not name.
    chosen_region: Option<Region>,
    /// The organisation the page is about and the page's default region, worked out on first use: a page
    /// without contacts never needs them, and the organisation scan reads the whole page.
    subject: OnceCell<Subject>,
    listed_orgs: OnceCell<ListedOrgs>,
    /// The countries and listed organisations the start of the page names.
    sample_names: OnceCell<region::SampleNames<'a>>,
    no_listed_org: OnceCell<bool>,
    names: OnceCell<Names>,
    default_region: OnceCell<(Option<Region>, RegionSource)>,
    chinese: OnceCell<bool>,
    traditional: OnceCell<bool>,
    first_person: OnceCell<bool>,
    writing: OnceCell<region::Writing>,
    /// Whose the page's own addresses say it is (attribution works it out from the page's mentions).
    address_owner: OnceCell<Option<Owner>>,
    /// Per-line structure, worked out line by line as the stages ask: only lines near contacts are ever
    /// looked at, and most of a page is prose far from any.
    structure: OnceCell<Structure>,
}

/// An organisation a text names: the listed one (an index into the reference's `orgs`) and the name as
/// written.
pub type Owner = (Option<usize>, Option<String>);

/// What is known of each line: whether it is a heading or a table row, and where its table starts.
struct Structure {
    /// `KNOWN | HEADING | TABLE_ROW` bits, 0 until the line is first looked at.
    flags: Vec<Cell<u8>>,
    /// For a table row whose block start was worked out: that first row.
    table_start: Vec<Cell<Option<usize>>>,
    /// For a heading whose country was looked up: the first country it names (a directory's heading
    /// is asked once for each number under it).
    heading_country: Vec<OnceCell<Option<Region>>>,
}

const KNOWN: u8 = 1;
const HEADING: u8 = 2;
const TABLE_ROW: u8 = 4;

impl<'a> Page<'a> {
    pub fn new(doc: &'a Document, reference: &'a Reference, options: &ReadOptions) -> Page<'a> {
        let text = doc.text.as_str();
        Page {
            doc,
            text,
            lines: Lines::new(text),
            reference,
            chosen_region: options.region,
            subject: OnceCell::new(),
            listed_orgs: OnceCell::new(),
            sample_names: OnceCell::new(),
            no_listed_org: OnceCell::new(),
            names: OnceCell::new(),
            default_region: OnceCell::new(),
            chinese: OnceCell::new(),
            traditional: OnceCell::new(),
            first_person: OnceCell::new(),
            writing: OnceCell::new(),
            address_owner: OnceCell::new(),
            structure: OnceCell::new(),
        }
    }

    /// The listed organisation the page is about (index into `reference.orgs`).
    pub fn org(&self) -> Option<usize> {
        if self.names_no_listed_org() {
            return None;
        }
        self.subject().org
    }

    /// Whether the page's title and sample hold no listed organisation's alias anywhere (and nothing
    /// that folds). Every name the page gives is a part of them, so then it is about no listed
    /// organisation whatever its names, which need not be read for that (a page of prose with numbers
    /// asks for its default region, which asks for this).
    fn names_no_listed_org(&self) -> bool {
        *self.no_listed_org.get_or_init(|| {
            let title = self.doc.title_or_first_line();
            self.sample_names().names_no_org_anywhere()
                && !crate::text::has_foldable(title)
                && self.reference.found_orgs_in(title, title).is_empty()
        })
    }

    /// The organisation the page is about, listed or not, and the name the page gives it.
    pub fn subject(&self) -> &Subject {
        self.subject.get_or_init(|| {
            let listed = self.listed_orgs().best.clone();
            let named = self.names().dominant();
            // A name the page gives more often than any listed organisation's is the page's subject
            // (`Santander International` on a page that mentions Amazon once).
            let named = named.filter(|(_, n)| listed.as_ref().is_none_or(|l| *n > l.score));
            match (named, listed) {
                (Some((name, _)), _) => Subject {
                    org: self.listed_in(name),
                    name: Some(name.to_string()),
                },
                (None, Some(l)) => Subject {
                    org: Some(l.org),
                    name: Some(l.alias),
                },
                (None, None) => Subject::default(),
            }
        })
    }

    fn listed_orgs(&self) -> &ListedOrgs {
        self.listed_orgs.get_or_init(|| {
            document_orgs(self.doc, self.reference, &self.sample_names().orgs.hits())
        })
    }

    /// The countries and listed organisations named in the start of the page.
    fn sample_names(&self) -> &region::SampleNames<'a> {
        self.sample_names
            .get_or_init(|| region::SampleNames::new(self.text, self.reference))
    }

    /// The countries the page names in `from..to` outside organisation names, read from the page's
    /// sample when it answers for them (their offsets are not the page's otherwise).
    fn countries_between(&self, from: usize, to: usize) -> Vec<Hit<'static, Region>> {
        self.sample_names()
            .countries_outside_orgs_within(from, to)
            .unwrap_or_else(|| region::countries_outside_orgs(&self.text[from..to], self.reference))
    }

    /// How the page (its title and start) writes a listed organisation's name most often (`公安機關`).
    pub fn written_name(&self, org: usize) -> Option<&str> {
        self.listed_orgs().written.get(org)?.as_deref()
    }

    /// The names the page gives organisations.
    pub fn names(&self) -> &Names {
        self.names.get_or_init(|| {
            Names::new(
                self.doc.title_or_first_line(),
                self.text,
                self.latin_is_english(),
            )
        })
    }

    /// The listed organisation `text` names first, other than a messaging channel (`顺丰微信客服` is SF
    /// Express's; `WeChat:` before a number says how to reach it, not whose it is).
    pub fn listed_in(&self, text: &str) -> Option<usize> {
        self.reference
            .find_orgs(text)
            .iter()
            .map(|h| *h.value)
            .find(|&i| !is_channel_org(self.reference, i))
    }

    /// The region of numbers whose country the text does not name: the user's choice, else what the page's
    /// evidence says (`region::page_region`), else CN for a page with Chinese text, else the home country of
    /// the brand the page is about, else the main country of the page's language (French: France), else the
    /// US.
    pub fn default_region(&self) -> (Option<Region>, RegionSource) {
        *self.default_region.get_or_init(|| {
            let home = self
                .org()
                .and_then(|i| self.reference.orgs[i].home_region.as_deref())
                .and_then(Region::by_id);
            if let Some(chosen) = self.chosen_region {
                return (Some(chosen), RegionSource::Chosen);
            }
            let evidence =
                region::page_region(self.text, self.sample_names(), home, self.writing());
            if let Some(region) = evidence.region {
                return (Some(region), RegionSource::Page);
            }
            let fallback = has_han(self.text)
                .then(Region::cn)
                .or(home)
                .or(evidence.language)
                .or_else(|| Region::by_id("US"));
            (fallback, RegionSource::Default)
        })
    }

    /// Whose the page's own addresses say it is, worked out by `find` once per page (it reads every
    /// mention: asked for each claim, it would cost the square of a page's contacts).
    pub fn address_owner(&self, find: impl FnOnce() -> Option<Owner>) -> Option<Owner> {
        self.address_owner.get_or_init(find).clone()
    }

    /// Whether the page speaks for an organisation in the first person (`call us`, `our team`, `我行`).
    pub fn writes_as_us(&self) -> bool {
        *self.first_person.get_or_init(|| {
            let sample = &self.text[..floor_boundary(self.text, self.text.len().min(256 * 1024))];
            cues("first_person").contains(sample)
        })
    }

    /// Whether the page's Latin words are English, so that English word lists can judge them.
    pub fn latin_is_english(&self) -> bool {
        self.writing().language.latin_is_english()
    }

    /// How the page's start is written (scripts and language), worked out once.
    fn writing(&self) -> &region::Writing {
        self.writing.get_or_init(|| region::page_writing(self.text))
    }

    /// Whether the page has something Chinese about it: Chinese text, a Chinese default region, or China
    /// named.
    fn is_chinese(&self) -> bool {
        *self.chinese.get_or_init(|| {
            has_han(self.text)
                || self.default_region().0 == Some(Region::cn())
                || self.text.contains("China")
        })
    }

    fn structure(&self) -> &Structure {
        self.structure.get_or_init(|| Structure {
            flags: vec![Cell::new(0); self.lines.count()],
            table_start: vec![Cell::new(None); self.lines.count()],
            heading_country: vec![OnceCell::new(); self.lines.count()],
        })
    }

    fn flags(&self, index: usize) -> u8 {
        let cell = &self.structure().flags[index];
        if cell.get() == 0 {
            let line = self.line(index);
            let heading = if is_heading(line) { HEADING } else { 0 };
            let row = if is_table_row(line) { TABLE_ROW } else { 0 };
            cell.set(KNOWN | heading | row);
        }
        cell.get()
    }

    fn is_heading(&self, index: usize) -> bool {
        self.flags(index) & HEADING != 0
    }

    /// The first row of the table block line `index` belongs to. Walks up to the nearest row whose start is
    /// already known, so the rows of a long table cost one step each when visited top to bottom.
    fn table_start(&self, index: usize) -> Option<usize> {
        if self.flags(index) & TABLE_ROW == 0 {
            return None;
        }
        let starts = &self.structure().table_start;
        let mut first = index;
        while first > 0 && self.flags(first - 1) & TABLE_ROW != 0 {
            if let Some(known) = starts[first - 1].get() {
                first = known;
                break;
            }
            first -= 1;
        }
        starts[index].set(Some(first));
        Some(first)
    }

    pub fn line(&self, index: usize) -> &'a str {
        self.lines.line(self.text, index)
    }

    /// Lines of the headings above line `index`, nearest first (at most `max`, within 15 lines).
    pub fn headings_above(&self, index: usize, max: usize) -> Vec<usize> {
        (index.saturating_sub(15)..index)
            .rev()
            .filter(|&i| self.is_heading(i))
            .take(max)
            .collect()
    }

    /// True if line `index` is a table row.
    pub fn is_table_row(&self, index: usize) -> bool {
        self.flags(index) & TABLE_ROW != 0
    }

    /// The first row of the table that line `index` belongs to, when that is another line.
    pub fn table_header(&self, index: usize) -> Option<usize> {
        let first = self.table_start(index)?;
        (first != index).then_some(first)
    }

    /// Which region a number starting at `offset` is written in, as the text around it says.
    pub fn region_at(&self, offset: usize) -> RegionHint {
        let index = self.lines.index_of(offset);
        let line = self.lines.range(self.text, index);
        let from = floor_boundary(self.text, offset.saturating_sub(WINDOW).max(line.start));
        if let Some(hit) = self.countries_between(from, offset).last() {
            return self.named(*hit.value, RegionSource::Line);
        }
        // A country named right after the number: `1800 639 999 (Australia)`.
        let to = ceil_boundary(self.text, (offset + WINDOW).min(line.end));
        let after = &self.text[offset..to];
        let number_len = after
            .find(|c: char| !(c.is_ascii_digit() || " -+().".contains(c)))
            .unwrap_or(after.len());
        let tail = &after[number_len..];
        // Up to the next number or the end of the sentence: `… 2262663 si estás en el interior. En caso
        // de que estés en EUA …` names the US for the numbers after it, not before.
        let next_digit = tail
            .find(|c: char| c.is_ascii_digit() || matches!(c, '。' | ';' | '；'))
            .into_iter()
            .chain(tail.find(". "))
            .min()
            .unwrap_or(tail.len());
        let tail_start = to - tail.len();
        if let Some(hit) = self
            .countries_between(tail_start, tail_start + next_digit)
            .first()
        {
            return self.named(*hit.value, RegionSource::Line);
        }
        if let Some(&heading) = self.headings_above(index, 1).first() {
            let country = self.structure().heading_country[heading].get_or_init(|| {
                countries()
                    .find_all(self.line(heading))
                    .first()
                    .map(|h| *h.value)
            });
            if let Some(country) = *country {
                return self.named(country, RegionSource::Heading);
            }
        }
        let (region, source) = self.default_region();
        // (China's short numbers come first: Taiwan's are tried only for one that is none in China.)
        let guessed_china = region == Some(Region::cn());
        RegionHint {
            region,
            named: false,
            source,
            chinese_shapes: self.is_chinese(),
            short_elsewhere: (guessed_china && self.is_traditional())
                .then(|| Region::by_id("TW"))
                .flatten(),
        }
    }

    /// Whether the page writes Chinese mostly in traditional characters: at least a tenth of the Han
    /// characters of its start are ones folding changes (a simplified page has none).
    fn is_traditional(&self) -> bool {
        *self.traditional.get_or_init(|| {
            let sample =
                &self.text[..floor_boundary(self.text, self.text.len().min(TRADITIONAL_SAMPLE))];
            let folded = fold_traditional(sample);
            let (mut han, mut changed) = (0usize, 0usize);
            for (a, b) in sample.chars().zip(folded.chars()) {
                if is_han(a) {
                    han += 1;
                    changed += usize::from(a != b);
                }
            }
            han > 0 && changed * 10 >= han
        })
    }

    fn named(&self, region: Region, source: RegionSource) -> RegionHint {
        RegionHint {
            region: Some(region),
            named: true,
            source,
            chinese_shapes: false,
            short_elsewhere: None,
        }
    }
}

/// The organisation a page is about, listed or not: its index into `reference.orgs` when listed, and the
/// name the page gives it.
#[derive(Debug, Clone, Default)]
pub struct Subject {
    pub org: Option<usize>,
    pub name: Option<String>,
}

/// An organisation of the reference named on a page: how much, and by which alias most often.
#[derive(Clone)]
struct ListedOrg {
    org: usize,
    score: usize,
    alias: String,
}

/// A messaging app in the reference (WeChat): named on a page, it is mostly the channel a contact is
/// offered on, not the organisation the page is about.
fn is_channel_org(reference: &Reference, org: usize) -> bool {
    let org = &reference.orgs[org];
    std::iter::once(&org.name).chain(&org.aliases).any(|a| {
        let a = a.to_lowercase();
        channel_words().iter().any(|(word, _)| *word == a)
    })
}

/// The listed organisations a document names, worked out once: the one it is about, and how it writes each.
struct ListedOrgs {
    best: Option<ListedOrg>,
    /// For each organisation of the reference, the alias the page writes most (`公安機關`), if any.
    written: Vec<Option<String>>,
}

/// The listed organisations a document names: aliases in its title count most, then mentions in the
/// text. A messaging app counts only when the title names it.
/// The listed organisations a page is about, from its title and the organisations its sample names.
fn document_orgs(doc: &Document, reference: &Reference, sample_orgs: &[Hit<usize>]) -> ListedOrgs {
    let mut scores = vec![0usize; reference.orgs.len()];
    let mut aliases: Vec<std::collections::HashMap<&str, usize>> =
        vec![Default::default(); reference.orgs.len()];
    let title = doc.title_or_first_line();
    let sample = region::sample(&doc.text);
    let title_orgs = reference.find_orgs(title);
    // A page about an organisation names it on several lines, or in its title; one sentence can name
    // another twice in passing (`For example, Amazon charges … for Amazon Prime`).
    let mut lines = vec![0usize; reference.orgs.len()];
    let mut last_line: Vec<Option<usize>> = vec![None; reference.orgs.len()];
    for (text, hits, weight) in [(title, &title_orgs[..], 10), (sample, sample_orgs, 1)] {
        for hit in hits {
            let org = *hit.value;
            if weight == 1 && is_channel_org(reference, org) && scores[org] < 10 {
                continue;
            }
            scores[org] += weight;
            *aliases[org].entry(&text[hit.start..hit.end]).or_insert(0) += 1;
            if weight == 1 {
                let line =
                    memchr::memrchr(b'\n', &text.as_bytes()[..hit.start]).map_or(0, |i| i + 1);
                if last_line[org].replace(line) != Some(line) {
                    lines[org] += 1;
                }
            }
        }
    }
    let written: Vec<Option<String>> = aliases
        .iter()
        .map(|counts| {
            counts
                .iter()
                .max_by_key(|(a, n)| (**n, std::cmp::Reverse(**a)))
                .map(|(a, _)| a.to_string())
        })
        .collect();
    let best = scores
        .iter()
        .enumerate()
        .max_by_key(|&(i, s)| (*s, usize::MAX - i))
        .filter(|&(org, &score)| score >= 10 || score >= 2 && lines[org] >= 2)
        .map(|(best, &score)| ListedOrg {
            org: best,
            score,
            alias: written[best]
                .clone()
                .unwrap_or_else(|| reference.orgs[best].name.clone()),
        });
    ListedOrgs { best, written }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        assert!(is_heading("China Domestic Toll-Free Numbers"));
        assert!(is_heading("- 京东核心热线分类与适用场景(必存表):"));
        assert!(!is_heading(
            "- Customer Service Hotline: 400-606-5500 (24/7)"
        ));
        assert!(!is_heading("This is a sentence."));
        assert!(!is_heading("a | b | c"));
    }

    #[test]
    fn table_blocks_found_from_any_row() {
        let doc = Document::new(
            "t",
            "Intro\nName | Phone | Hours\nA | 1 | x\nB | 2 | y\nC | 3 | z\ntext\nX | Y | Z\nP | Q | R\n",
        );
        let page = Page::new(&doc, Reference::embedded(), &ReadOptions::default());
        // Rows visited out of order, and a second table after prose.
        assert_eq!(page.table_header(4), Some(1));
        assert_eq!(page.table_header(3), Some(1));
        assert_eq!(page.table_header(1), None);
        assert_eq!(page.table_header(7), Some(6));
        assert!(!page.is_table_row(5));
        assert!(page.is_heading(0));
    }

    #[test]
    fn a_page_naming_no_listed_organisation_reads_no_names_for_its_region() {
        let prose = "The museum opened after 14017 visitors and 663 comments.\nThe Riverside Garden Club met.";
        let doc = Document::new("garden.txt", format!("Garden news\n{prose}"));
        let page = Page::new(&doc, Reference::embedded(), &ReadOptions::default());
        page.region_at(doc.text.find("14017").unwrap());
        assert_eq!(page.org(), None);
        assert!(page.names.get().is_none(), "names read for nothing");
        // A page that names one (in its title too), or holds a character that may fold, reads them.
        for text in [
            "Garden news\nOur JD.com order came after 14017 visitors.".to_string(),
            "Garden news\n著名花园 after 14017 visitors.".to_string(),
            format!("JD.com news\n{prose}"),
        ] {
            let doc = Document::new("garden.txt", text.as_str());
            let page = Page::new(&doc, Reference::embedded(), &ReadOptions::default());
            page.region_at(doc.text.find("14017").unwrap());
            assert!(page.names.get().is_some(), "{text}");
        }
    }

    #[test]
    fn region_from_line_and_heading() {
        let doc = Document::new(
            "t",
            "Europe:\n- UK: 0800 028 9999\nAustralia & New Zealand:\n- Free Call: 0800 456 999 (New Zealand)\n- 1800 639 999\n",
        );
        let page = Page::new(&doc, Reference::embedded(), &ReadOptions::default());
        let at = |s: &str| {
            page.region_at(doc.text.find(s).unwrap())
                .region
                .unwrap()
                .id()
        };
        assert_eq!(at("0800 028"), "GB");
        assert_eq!(at("0800 456"), "NZ");
        assert_eq!(at("1800 639"), "AU");
    }

    #[test]
    fn a_country_in_the_next_sentence_is_not_the_numbers() {
        let doc = Document::new(
            "t",
            "Llama al 55 5226 2663 si vives en la ciudad. En caso de que estés en EUA comunícate al 1 800 847 2911.",
        );
        let page = Page::new(&doc, Reference::embedded(), &ReadOptions::default());
        let at = |s: &str| page.region_at(doc.text.find(s).unwrap());
        assert_ne!(at("55 5226").source, RegionSource::Line);
        assert_eq!(at("1 800 847").source, RegionSource::Line);
        assert_eq!(at("1 800 847").region.unwrap().id(), "US");
    }
}
