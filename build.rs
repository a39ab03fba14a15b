//! Compiles the numbering plans in `data/libphonenumber/` (libphonenumber's metadata, vendored unchanged) into
//! per-region tables.
//!
//! Why at build time: the XML is 1.4 MB and its patterns are hundreds of regexes; parsing and compiling them
//! on every run would cost more than the whole of a `hotline check`. Here each region's validation patterns
//! (long numbers) and short-number patterns are compiled into full-match DFAs (`regions.dfa`) that the binary
//! reads in place; the few patterns a DFA does not serve (prefixes to strip, formats) are written out as
//! strings for the runtime to compile on first use.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::{env, fs, path::Path};

use roxmltree::{Document, Node, ParsingOptions};

const LONG_NUMBERS: &str = "data/libphonenumber/PhoneNumberMetadata.xml";
const SHORT_NUMBERS: &str = "data/libphonenumber/ShortNumberMetadata.xml";

/// The id libphonenumber gives every non-geographic entity (+800, +808, ...): only the country code tells
/// them apart.
const NON_GEOGRAPHIC: &str = "001";

/// The number types we keep (XML element, `NumberType` variant), in the order libphonenumber's
/// `getNumberType` checks them.
const TYPES: &[(&str, &str)] = &[
    ("premiumRate", "PremiumRate"),
    ("tollFree", "TollFree"),
    ("sharedCost", "SharedCost"),
    ("voip", "Voip"),
    ("personalNumber", "PersonalNumber"),
    ("pager", "Pager"),
    ("uan", "Uan"),
    ("voicemail", "Voicemail"),
    ("fixedLine", "FixedLine"),
    ("mobile", "Mobile"),
];

/// The short-number kinds we keep (XML element, `ShortKind` variant). The general pattern comes first in
/// every short-number DFA, as `ShortKind::Possible`.
const SHORT_KINDS: &[(&str, &str)] = &[
    ("shortCode", "ShortCode"),
    ("emergency", "Emergency"),
    ("tollFree", "TollFree"),
    ("standardRate", "StandardRate"),
    ("premiumRate", "PremiumRate"),
    ("carrierSpecific", "CarrierSpecific"),
    ("smsServices", "SmsServices"),
];

fn read(path: &str) -> String {
    println!("cargo:rerun-if-changed={path}");
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn parse<'i>(path: &str, text: &'i str) -> Document<'i> {
    // The files start with a DOCTYPE declaring their schema; it declares no entities we would need.
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, options).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn territories<'a, 'i>(doc: &'a Document<'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    doc.descendants().filter(|n| n.has_tag_name("territory"))
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| n.has_tag_name(name))
}

fn attribute<'a>(node: Node<'a, '_>, name: &str) -> &'a str {
    node.attribute(name)
        .unwrap_or_else(|| panic!("a <{}> without {name}", node.tag_name().name()))
}

fn country_code(territory: Node) -> u16 {
    attribute(territory, "countryCode")
        .parse()
        .expect("country codes are numbers")
}

/// The XML pretty-prints its patterns; white space is never significant in them.
fn compact(pattern: &str) -> String {
    pattern.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `pattern`, once the regex crate has compiled it as the runtime will (a refresh that brings a construct
/// the crate lacks, such as look-ahead, must fail here rather than at run time).
fn checked(pattern: String, region: &str) -> String {
    if let Err(e) = regex::RegexBuilder::new(&pattern).unicode(false).build() {
        panic!("{region}: the regex crate cannot compile {pattern:?}: {e}");
    }
    pattern
}

/// The national-number pattern of a descriptor (`generalDesc`, `mobile`, `shortCode`, ...).
fn national_pattern(desc: Node, region: &str) -> String {
    let pattern = child(desc, "nationalNumberPattern")
        .and_then(|n| n.text())
        .unwrap_or_else(|| panic!("{region}: a <{}> without a pattern", desc.tag_name().name()));
    checked(compact(pattern), region)
}

/// A descriptor's possible lengths (`<possibleLengths national="[4-6],8"/>`) as a bit set: bit `n` for `n`
/// digits.
fn possible_lengths(desc: Node, region: &str) -> u32 {
    let spec = child(desc, "possibleLengths")
        .and_then(|n| n.attribute("national"))
        .unwrap_or_else(|| panic!("{region}: a <{}> without lengths", desc.tag_name().name()));
    spec.split(',').fold(0, |bits, part| {
        let range = part.strip_prefix('[').and_then(|p| p.strip_suffix(']'));
        let (low, high) = range.map_or((part, part), |r| r.split_once('-').expect("[low-high]"));
        let (low, high): (u32, u32) = (low.parse().unwrap(), high.parse().unwrap());
        (low..=high).fold(bits, |bits, n| bits | 1 << n)
    })
}

fn option(value: Option<String>) -> String {
    match value {
        Some(v) => format!("Some({v:?})"),
        None => "None".to_string(),
    }
}

/// One anchored DFA recognising, all at once, which of its patterns match a whole digit string. Built here,
/// where the time is paid once; at run time it is read in place from the binary, so matching costs no
/// compilation and no memory per region.
fn compile_dfa(patterns: &[String]) -> Vec<u8> {
    use regex_automata::dfa::{dense, StartKind};
    use regex_automata::{util::syntax, MatchKind};
    let anchored: Vec<String> = patterns.iter().map(|p| format!("^(?:{p})$")).collect();
    let dfa = dense::Builder::new()
        .configure(
            dense::Config::new()
                .match_kind(MatchKind::All)
                .start_kind(StartKind::Anchored)
                .minimize(true),
        )
        .syntax(syntax::Config::new().unicode(false).utf8(false))
        .build_many(&anchored)
        .expect("metadata patterns compile to a DFA");
    let (bytes, pad) = if env::var("CARGO_CFG_TARGET_ENDIAN").as_deref() == Ok("big") {
        dfa.to_bytes_big_endian()
    } else {
        dfa.to_bytes_little_endian()
    };
    bytes[pad..].to_vec()
}

/// Every DFA the runtime reads, in one blob, and the patterns each was built from (for the test that checks
/// each DFA against the regex crate).
#[derive(Default)]
struct Dfas {
    blob: Vec<u8>,
    patterns: String,
}

impl Dfas {
    /// Compiles `patterns` into one DFA at the end of the blob and returns where it lies. `name` names it in
    /// the test's failures.
    fn add(&mut self, name: &str, patterns: &[String]) -> (usize, usize) {
        let dfa = compile_dfa(patterns);
        // Each DFA starts on an 8-byte boundary: deserializing in place needs 4-byte alignment.
        self.blob.resize(self.blob.len().next_multiple_of(8), 0);
        let range = (self.blob.len(), self.blob.len() + dfa.len());
        self.blob.extend_from_slice(&dfa);
        let _ = writeln!(self.patterns, "({name:?}, {range:?}, &{patterns:?}),");
        range
    }
}

/// A region's `RegionData` from its long-number territory and, where it has one, its short-number territory.
fn region_data(territory: Node, short: Option<Node>, dfas: &mut Dfas) -> String {
    let id = attribute(territory, "id");
    let general = child(territory, "generalDesc").expect("every territory has a generalDesc");
    let mut patterns = vec![national_pattern(general, id)];
    let mut types = String::new();
    for (element, variant) in TYPES {
        if let Some(desc) = child(territory, element) {
            patterns.push(national_pattern(desc, id));
            let _ = write!(types, "NumberType::{variant},");
        }
    }
    let code = country_code(territory);
    let dfa = dfas.add(&format!("{id} +{code}"), &patterns);

    let mut formats = String::new();
    let number_formats = child(territory, "availableFormats")
        .into_iter()
        .flat_map(|f| f.children().filter(|n| n.has_tag_name("numberFormat")));
    for f in number_formats {
        let pattern = checked(compact(attribute(f, "pattern")), id);
        let format = child(f, "format").and_then(|n| n.text()).expect("a format");
        // libphonenumber matches the last (most specific) leading-digits pattern.
        let leading = f
            .children()
            .rfind(|n| n.has_tag_name("leadingDigits"))
            .map(|n| checked(compact(n.text().unwrap_or_default()), id));
        let _ = write!(
            formats,
            "FormatData {{ pattern: {pattern:?}, format: {format:?}, leading_digits: {} }},",
            option(leading),
        );
    }

    let prefix = |name: &str| territory.attribute(name).map(|p| checked(compact(p), id));
    let short = match short {
        Some(s) => format!("Some({})", short_data(s, id, dfas)),
        None => "None".to_string(),
    };
    format!(
        "RegionData {{ id: {id:?}, country_code: {}, international_prefix: {}, \
         national_prefix_for_parsing: {}, national_prefix_transform_rule: {}, main_country_for_code: {}, \
         types: &[{types}], formats: &[{formats}], dfa: {dfa:?}, short: {short} }},",
        code,
        option(prefix("internationalPrefix")),
        // Absent means "the national prefix itself" (libphonenumber's rule).
        option(prefix("nationalPrefixForParsing").or_else(|| prefix("nationalPrefix"))),
        option(territory.attribute("nationalPrefixTransformRule").map(String::from)),
        territory.attribute("mainCountryForCode") == Some("true"),
    )
}

/// A region's `ShortData`: its general short-number pattern and each kind's, with their possible lengths.
fn short_data(territory: Node, id: &str, dfas: &mut Dfas) -> String {
    let general = child(territory, "generalDesc").expect("every territory has a generalDesc");
    // As libphonenumber's metadata builder does, the general lengths are those of every descriptor.
    let all_lengths = territory
        .children()
        .filter(|n| n.is_element() && !n.has_tag_name("generalDesc"))
        .fold(0, |bits, desc| bits | possible_lengths(desc, id));
    let mut patterns = vec![national_pattern(general, id)];
    let mut kinds =
        format!("ShortPattern {{ kind: ShortKind::Possible, lengths: {all_lengths:#b} }},");
    for (element, variant) in SHORT_KINDS {
        if let Some(desc) = child(territory, element) {
            patterns.push(national_pattern(desc, id));
            let lengths = possible_lengths(desc, id);
            let _ = write!(
                kinds,
                "ShortPattern {{ kind: ShortKind::{variant}, lengths: {lengths:#b} }},"
            );
        }
    }
    let dfa = dfas.add(&format!("{id} short numbers"), &patterns);
    format!("ShortData {{ patterns: &[{kinds}], dfa: {dfa:?} }}")
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let (long_text, short_text) = (read(LONG_NUMBERS), read(SHORT_NUMBERS));
    let long = parse(LONG_NUMBERS, &long_text);
    let short = parse(SHORT_NUMBERS, &short_text);

    // Short-number territories carry only an id, so they can only be geographic regions, each listed once.
    let mut short_by_id = HashMap::new();
    for t in territories(&short) {
        let id = attribute(t, "id");
        assert!(
            id != NON_GEOGRAPHIC,
            "{SHORT_NUMBERS}: a {id} entry cannot be told apart from the others"
        );
        assert!(
            short_by_id.insert(id, t).is_none(),
            "{SHORT_NUMBERS}: {id} twice"
        );
    }

    // By id, then country code: `Region::by_id` searches by id, and the non-geographic entities share one.
    let mut regions: Vec<Node> = territories(&long).collect();
    regions.sort_by_key(|&t| (attribute(t, "id"), country_code(t)));

    let mut dfas = Dfas::default();
    let mut out = String::from("// @generated by build.rs from data/libphonenumber/.\n");
    out.push_str("pub(crate) static REGIONS: &[RegionData] = &[\n");
    for &t in &regions {
        let short = short_by_id.remove(attribute(t, "id"));
        out.push_str(&region_data(t, short, &mut dfas));
        out.push('\n');
    }
    out.push_str("];\n");
    let mut orphans: Vec<_> = short_by_id.into_keys().collect();
    orphans.sort_unstable();
    assert!(
        orphans.is_empty(),
        "short numbers for regions {LONG_NUMBERS} lacks: {orphans:?}"
    );

    let out_dir = env::var("OUT_DIR").unwrap();
    let test_patterns = format!(
        "static DFA_PATTERNS: &[(&str, (usize, usize), &[&str])] = &[\n{}];\n",
        dfas.patterns
    );
    fs::write(Path::new(&out_dir).join("regions.rs"), out).unwrap();
    fs::write(Path::new(&out_dir).join("regions.dfa"), dfas.blob).unwrap();
    fs::write(Path::new(&out_dir).join("dfa_patterns.rs"), test_patterns).unwrap();
}
