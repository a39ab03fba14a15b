//! `hotline check VALUE`: the answer about one phone number or address, for the person holding it. The
//! value is read as the finder reads a page (so `Tel +1 800 555 0199` is the `+1` number), looked up in
//! the reference, and, with `--in`, in what pages claim for it.

use std::io;

use serde::Serialize;

use crate::context::RegionHint;
use crate::data::is_freemail;
use crate::mention::{find_mentions, Reading};
use crate::model::{
    base_value, Claim, Conflict, Kind, Lang, Listed, NumberType, RegionSource, Status,
};
use crate::numbering::cn::{self, Meaning};
use crate::numbering::short::short_number;
use crate::numbering::{split_country_code, Region};
use crate::reference::{OrgKind, Reference};
use crate::rules::lookalike_of;
use crate::run::{DocumentResult, Sink, Summary};
use crate::store::{Seen, Store, StoreError};

/// What one value is, before anything is looked up.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Identified {
    pub input: String,
    /// The input as the answer repeats it: cut to [`ECHO_MAX`] characters, and `None` when it reads the
    /// same as `display` (an address given as it is written).
    #[serde(skip)]
    pub echo: Option<String>,
    pub kind: Kind,
    pub value: String,
    /// How to write it for people (`+86 400 606 5500`).
    pub display: String,
    pub region: Option<String>,
    pub number_type: Option<NumberType>,
    /// What this kind of number means for someone calling it.
    pub meaning: Option<Meaning>,
}

/// How many characters of a value an answer or an error repeats; longer values are cut, with `…`.
pub const ECHO_MAX: usize = 60;

/// `input` as an answer or an error repeats it: trimmed, on one line, and at most [`ECHO_MAX`] characters.
pub fn echo(input: &str) -> String {
    let one_line: String = trim_blank(input)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    match one_line.char_indices().nth(ECHO_MAX) {
        Some((cut, _)) => format!("{}…", one_line[..cut].trim_end()),
        None => one_line,
    }
}

/// Characters that show as nothing: a value made only of these (and spaces) is empty.
fn is_blank(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
        )
}

fn trim_blank(input: &str) -> &str {
    input.trim_matches(is_blank)
}

/// Why a value could not be identified.
#[derive(Debug, Clone, PartialEq)]
pub enum NotIdentified {
    /// Nothing to read.
    Empty,
    /// No digits or address at all.
    Unreadable,
    /// Digits that are not a valid number in the region tried. `international`: written with `+`.
    InvalidNumber {
        digits: String,
        region: String,
        international: bool,
    },
    /// A short service number written with a country code (`+86 95588`): short numbers are dialled
    /// only inside their country, without one.
    ShortWithCountryCode {
        short: String,
        country_code: u16,
        region: String,
    },
}

impl NotIdentified {
    /// The error in words, in `lang`, repeating (a cut of) the value it is about when there is one.
    pub fn message(&self, input: &str, lang: Lang) -> String {
        let shown = echo(input);
        let why = self.text(lang);
        if shown.is_empty() || matches!(self, NotIdentified::Empty) {
            why
        } else {
            format!("{shown}: {why}")
        }
    }

    /// The error in words, in `lang`, without the value.
    pub fn text(&self, lang: Lang) -> String {
        let cut = |s: &str| echo(s);
        match (self, lang) {
            (NotIdentified::Empty, Lang::En) => {
                "no value given: give a phone number or an email address".into()
            }
            (NotIdentified::Empty, Lang::Zh) => "没有给出要查询的内容：请给出一个电话号码或邮箱地址".into(),
            (NotIdentified::Unreadable, Lang::En) => {
                "this is neither a phone number nor an email address".into()
            }
            (NotIdentified::Unreadable, Lang::Zh) => "这既不是电话号码，也不是邮箱地址".into(),
            (
                NotIdentified::InvalidNumber {
                    digits,
                    region,
                    international: false,
                },
                Lang::En,
            ) => format!(
                "{} is not a valid phone number in {region} (wrong length or an unassigned range); \
                 if it is from another country, give it with + and the country code, or use --region",
                cut(digits)
            ),
            (
                NotIdentified::InvalidNumber {
                    digits,
                    region,
                    international: false,
                },
                Lang::Zh,
            ) => format!(
                "{} 不是 {region} 的有效电话号码（位数不对或号段未分配）；如果是其他国家或地区的号码，\
                 请加上 + 和国家代码，或使用 --region",
                cut(digits)
            ),
            (NotIdentified::InvalidNumber { digits, .. }, Lang::En) => format!(
                "+{} is not a valid phone number in any country (wrong length or an unassigned range); \
                 check the country code and the digits",
                cut(digits)
            ),
            (NotIdentified::InvalidNumber { digits, .. }, Lang::Zh) => format!(
                "+{} 在任何国家或地区都不是有效的电话号码（位数不对或号段未分配）；请核对国家代码和号码",
                cut(digits)
            ),
            (
                NotIdentified::ShortWithCountryCode {
                    short,
                    country_code,
                    region,
                },
                Lang::En,
            ) => format!(
                "{short} is a short service number in {region}: it is dialled only inside the country and \
                 without +{country_code}, so +{country_code} {short} reaches nobody; to check the number, \
                 run `hotline check {short}`"
            ),
            (
                NotIdentified::ShortWithCountryCode {
                    short,
                    country_code,
                    region,
                },
                Lang::Zh,
            ) => format!(
                "{short} 是 {region} 的短号码：只能在境内直接拨打，不加 +{country_code}，\
                 所以 +{country_code} {short} 打不通；要查询这个号码，请运行 `hotline check {short}`"
            ),
        }
    }
}

impl std::fmt::Display for NotIdentified {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// Reads `input` as the finder reads a page (numbers without `+` as dialled in `region`), and returns
/// every contact in it. Digits that are no valid number but that the reference lists exactly as written (a
/// scam caller's display) are that value; the reference is asked before validity is judged.
pub fn identify(
    input: &str,
    region: Region,
    reference: &Reference,
) -> Result<Vec<Identified>, NotIdentified> {
    let trimmed = trim_blank(input);
    if trimmed.is_empty() {
        return Err(NotIdentified::Empty);
    }
    // The region is the one the user gave (or the default): no other is tried.
    let hint = RegionHint {
        region: Some(region),
        named: true,
        source: RegionSource::Chosen,
        chinese_shapes: false,
        short_elsewhere: None,
    };
    let mentions = find_mentions(trimmed, &|_| hint, Reading::Value);
    let mut found = Vec::new();
    let mut invalid = None;
    for m in mentions {
        // Each answer repeats the contact as the value wrote it, not the whole value: a message with
        // thousands of numbers would otherwise repeat itself thousands of times.
        let input = trimmed[m.start..m.end].to_string();
        match (&m.number, m.kind) {
            // Looked up before it is judged: scam caller displays are listed as the victims saw them.
            (_, Kind::InvalidPhone) => match listed_as_written(&m.value, reference) {
                Some(listed) => found.push(Identified { input, ..listed }),
                None => {
                    invalid.get_or_insert_with(|| why_invalid(&m.value, region));
                }
            },
            (Some(number), _) => found.push(Identified {
                input,
                echo: None,
                kind: Kind::Phone,
                display: number.display(),
                value: m.value,
                region: Some(number.region.id().to_string()),
                number_type: Some(number.number_type),
                meaning: Some(Meaning::of(number)),
            }),
            (None, _) => found.push(Identified {
                input,
                echo: None,
                kind: m.kind,
                display: m.value.clone(),
                value: m.value,
                region: None,
                number_type: None,
                meaning: None,
            }),
        }
    }
    if found.is_empty() {
        match listed_as_written(trimmed, reference) {
            Some(listed) => found.push(listed),
            None => return Err(invalid.unwrap_or(NotIdentified::Unreadable)),
        }
    }
    for i in &mut found {
        i.echo = echoed(&i.input, &i.display);
    }
    Ok(found)
}

/// The echo of `input`, unless it reads exactly as the value shown.
fn echoed(input: &str, display: &str) -> Option<String> {
    (input != display).then(|| echo(input))
}

/// Why `value` (as the finder wrote it: `+` and digits when international) is no number.
fn why_invalid(value: &str, region: Region) -> NotIdentified {
    let Some(digits) = value.strip_prefix('+') else {
        return NotIdentified::InvalidNumber {
            digits: value.to_string(),
            region: region.id().to_string(),
            international: false,
        };
    };
    // `+86 95588`: a country's short number with its country code.
    for (code, national) in split_country_code(digits) {
        for r in Region::for_country_code(code) {
            let short = (r == Region::cn() && cn::short_code(national).is_some())
                || short_number(r, national).is_some_and(|s| s.is_valid());
            if short {
                return NotIdentified::ShortWithCountryCode {
                    short: national.to_string(),
                    country_code: code,
                    region: r.id().to_string(),
                };
            }
        }
    }
    NotIdentified::InvalidNumber {
        digits: digits.to_string(),
        region: "any country".into(),
        international: true,
    }
}

/// A value made only of digits (and separators) that the reference lists exactly so.
fn listed_as_written(input: &str, reference: &Reference) -> Option<Identified> {
    let plain = input
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')' | '.'));
    let digits: String = input.chars().filter(char::is_ascii_digit).collect();
    let value = if input.starts_with('+') {
        format!("+{digits}")
    } else {
        digits
    };
    (plain && reference.rows_for(&value).next().is_some()).then(|| Identified {
        input: input.to_string(),
        echo: echoed(input, &value),
        kind: Kind::Phone,
        display: value.clone(),
        value,
        region: None,
        number_type: None,
        meaning: None,
    })
}

/// What the reference says about a value on its own, whoever claims it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Listed as official for some organisation.
    Official,
    /// Listed as used by scammers.
    ReportedScam,
    /// Listed as a former contact.
    Retired,
    /// Listed, but only by sources the organisation does not own.
    ListedUnconfirmed,
    /// Not in the reference.
    Unverified,
}

/// The whole answer to `hotline check VALUE [--in PATH...]`.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    #[serde(flatten)]
    pub identified: Identified,
    pub standing: Standing,
    /// Reference rows for this value.
    pub listed: Vec<Listed>,
    /// How many documents were searched (`--in`), and where the value appears in them.
    pub documents: usize,
    /// The first claims of the value found (at most `MAX_APPEARANCES`).
    pub appearances: Vec<Claim>,
    /// All claims of the value found, and the documents holding them (beyond those listed).
    pub appearances_total: usize,
    pub pages_total: usize,
    /// Conflicts between sources that involve the value.
    pub conflicts: Vec<Conflict>,
    /// The organisation whose listed contacts are offered instead, and those contacts.
    pub alternatives_for: Option<String>,
    pub alternatives: Vec<Listed>,
    /// For an address: what its domain is (free-mail, an imitation of an official domain, or an
    /// organisation's own), as the audit's `freemail` and `lookalike-domain` rules judge it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub domain: Vec<DomainFact>,
    /// What the person holding the value should do; `None` when it is listed as official.
    pub advice: Option<Advice>,
}

/// What is known about an address's domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "fact", rename_all = "snake_case")]
pub enum DomainFact {
    /// A domain the reference lists as the organisation's own (or a sub-domain of one).
    OwnDomain { domain: String, org: String },
    /// A free webmail service: anyone can open a mailbox under any name (rule `freemail`).
    Freemail { domain: String, rule: &'static str },
    /// A domain built to look like an official one (rule `lookalike-domain`).
    Lookalike {
        domain: String,
        imitated: String,
        owner: String,
        how: &'static str,
        rule: &'static str,
    },
}

/// Which advice fits the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Advice {
    /// A company's number: look it up in the company's own app or website.
    CompanyNumber,
    /// A government or public-service line: look it up on the government's own site.
    GovernmentLine,
    /// An address: look it up on the organisation's own site; a free-mail or lookalike domain is not it.
    Address,
}

/// What the reference and the audit's domain rules know about an address's domain.
fn domain_facts(address: &str, reference: &Reference) -> Vec<DomainFact> {
    let Some((_, domain)) = address.rsplit_once('@') else {
        return Vec::new();
    };
    let mut facts = Vec::new();
    let own = reference
        .official_domains()
        .find(|(d, _)| domain == *d || domain.ends_with(&format!(".{d}")));
    if let Some((_, org)) = own {
        facts.push(DomainFact::OwnDomain {
            domain: domain.to_string(),
            org: org.to_string(),
        });
    } else if is_freemail(domain) {
        facts.push(DomainFact::Freemail {
            domain: domain.to_string(),
            rule: "freemail",
        });
    } else if let Some((imitated, how)) =
        lookalike_of(domain, reference.official_domains().map(|(d, _)| d))
    {
        let owner = reference
            .official_domains()
            .find(|(d, _)| *d == imitated)
            .map_or("", |(_, o)| o);
        facts.push(DomainFact::Lookalike {
            domain: domain.to_string(),
            imitated: imitated.to_string(),
            owner: owner.to_string(),
            how,
            rule: "lookalike-domain",
        });
    }
    facts
}

/// Claims of one value listed in an answer; the rest are counted. A folder of a million pages can hold
/// the value tens of thousands of times: memory and output stay bounded.
pub const MAX_APPEARANCES: usize = 50;

/// Where a value appears in the documents searched, gathered as their results stream by: the first
/// `MAX_APPEARANCES` claims are kept and the rest counted, so memory does not grow with the folder.
#[derive(Debug, Default)]
pub struct Appearances {
    value: String,
    documents: usize,
    /// The run's conflicts that involve the value.
    conflicts: Vec<Conflict>,
    claims: Vec<Claim>,
    total: usize,
    pages: usize,
    /// How often each organisation and role is claimed for the value (few distinct ones).
    orgs: Vec<(String, usize)>,
    roles: Vec<(String, usize)>,
}

impl Appearances {
    pub fn of(value: &str) -> Appearances {
        Appearances {
            value: base_value(value).to_string(),
            ..Appearances::default()
        }
    }

    /// Adds one document's claims.
    pub fn add_document(&mut self, claims: &[Claim]) {
        self.documents += 1;
        let mut on_page = false;
        for c in claims.iter().filter(|c| base_value(&c.value) == self.value) {
            on_page = true;
            self.total += 1;
            count(&mut self.orgs, c.org());
            count(&mut self.roles, c.attribution.role.as_deref());
            if self.claims.len() < MAX_APPEARANCES {
                self.claims.push(c.clone());
            }
        }
        self.pages += usize::from(on_page);
    }
}

impl Sink for Appearances {
    fn document(&mut self, result: &DocumentResult) -> io::Result<()> {
        self.add_document(&result.claims);
        Ok(())
    }

    fn finish(&mut self, conflicts: &[Conflict], _: &Summary) -> io::Result<()> {
        let value = self.value.clone();
        self.conflicts
            .extend(conflicts.iter().filter(|c| c.involves(&value)).cloned());
        Ok(())
    }
}

fn count(counts: &mut Vec<(String, usize)>, item: Option<&str>) {
    let Some(item) = item else { return };
    match counts.iter_mut().find(|(i, _)| i == item) {
        Some((_, n)) => *n += 1,
        None => counts.push((item.to_string(), 1)),
    }
}

fn most_common(counts: &[(String, usize)]) -> Option<String> {
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .map(|(i, _)| i.clone())
}

/// An answer with where an evidence store has seen its value: the object `hotline check --db` prints and
/// `hotline serve --db` sends (without a store, the answer alone).
#[derive(Debug, Clone, Serialize)]
pub struct Checked {
    #[serde(flatten)]
    pub answer: Answer,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seen: Option<Seen>,
}

/// Each answer with where `store` has seen its value ([`Store::seen`]); with no store, nothing is looked up.
pub fn with_seen(answers: Vec<Answer>, store: Option<&Store>) -> Result<Vec<Checked>, StoreError> {
    answers
        .into_iter()
        .map(|answer| {
            let seen = match store {
                Some(store) => Some(store.seen(&answer.identified.value)?),
                None => None,
            };
            Ok(Checked { answer, seen })
        })
        .collect()
}

/// Looks a value up in the reference and, when documents were audited, in their claims and conflicts.
pub fn answer(identified: Identified, reference: &Reference, appearances: Appearances) -> Answer {
    let value = identified.value.clone();
    let listed: Vec<Listed> = reference
        .rows_for(&value)
        .chain(
            reference
                .rows_for(base_value(&value))
                .filter(|_| base_value(&value) != value),
        )
        .map(Listed::from)
        .collect();
    let standing = [
        (Status::Official, Standing::Official),
        (Status::ReportedScam, Standing::ReportedScam),
        (Status::Retired, Standing::Retired),
        (Status::Unconfirmed, Standing::ListedUnconfirmed),
    ]
    .into_iter()
    .find(|(status, _)| listed.iter().any(|l| l.status == *status))
    .map_or(Standing::Unverified, |(_, standing)| standing);

    // Alternatives for the organisation the value is listed for, else the one pages claim it for most.
    let claimed_org = most_common(&appearances.orgs);
    let org = listed.first().map(|l| l.org.clone()).or(claimed_org);
    let role = listed
        .first()
        .and_then(|l| l.role.clone())
        .or_else(|| most_common(&appearances.roles));
    let alternatives = org
        .as_deref()
        .map(|o| {
            crate::verify::alternatives(reference, o, role.as_deref())
                .into_iter()
                .filter(|c| base_value(&c.value) != base_value(&value))
                .map(Listed::from)
                .collect()
        })
        .unwrap_or_default();
    let domain = match identified.kind {
        Kind::Email => domain_facts(&value, reference),
        _ => Vec::new(),
    };
    let government = identified.meaning.is_some_and(|m| {
        matches!(
            m,
            Meaning::Government12
                | Meaning::Emergency
                | Meaning::AntiFraud96110
                | Meaning::AntiFraud12381
        )
    }) || listed.iter().any(|l| {
        reference
            .org(&l.org)
            .is_some_and(|o| o.kind == OrgKind::Government)
    });
    let advice = (standing != Standing::Official).then_some(match identified.kind {
        Kind::Email => Advice::Address,
        _ if government => Advice::GovernmentLine,
        _ => Advice::CompanyNumber,
    });
    Answer {
        identified,
        standing,
        listed,
        documents: appearances.documents,
        appearances_total: appearances.total,
        pages_total: appearances.pages,
        appearances: appearances.claims,
        conflicts: appearances.conflicts,
        alternatives_for: org,
        alternatives,
        domain,
        advice,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;

    /// The one contact in `value`, read as dialled in China.
    fn one(value: &str) -> Identified {
        let mut found = identify(value, Region::cn(), Reference::embedded()).unwrap();
        assert_eq!(found.len(), 1, "{value}: {found:?}");
        found.remove(0)
    }

    #[test]
    fn answers_from_the_reference() {
        let r = Reference::embedded();
        let official = answer(one("021-53395288"), r, Appearances::default());
        assert_eq!(official.standing, Standing::Official);
        assert_eq!(official.listed[0].org, "Pinduoduo");
        let unknown = answer(one("400-656-0055"), r, Appearances::default());
        assert_eq!(unknown.standing, Standing::Unverified);
        assert!(
            unknown.alternatives.is_empty(),
            "no page names an organisation for it"
        );
    }

    #[test]
    fn identifies_numbers_and_addresses() {
        let a = one("400-656-0055");
        assert_eq!(a.value, "+864006560055");
        assert_eq!(a.number_type, Some(NumberType::SharedCost));
        assert_eq!(a.meaning, Some(Meaning::Cn400));
        assert!(Meaning::Cn400.text(Lang::En).contains("not free"));
        assert_eq!(one("95588").value, "95588");
        assert_eq!(one("４００６５６１１５５转3").value, "+864006561155;ext=3");
        assert_eq!(one("+44 (0)20 3865 9200").region.as_deref(), Some("GB"));
        assert_eq!(one("Support@JD.com").value, "support@jd.com");
        let cn = Region::cn();
        let r = Reference::embedded();
        assert!(matches!(
            identify("400-606-55001", cn, r),
            Err(NotIdentified::InvalidNumber { .. })
        ));
        assert_eq!(identify("hello", cn, r), Err(NotIdentified::Unreadable));
        assert_eq!(identify("  ", cn, r), Err(NotIdentified::Empty));
    }

    #[test]
    fn words_around_a_value_are_read_as_a_page_reads_them() {
        assert_eq!(one("Tel +1 800 555 0199").value, "+18005550199");
        assert_eq!(one("Phone: +44 20 3865 9200").region.as_deref(), Some("GB"));
        let two = identify(
            "京东 400-606-5500 或 support@jd.com",
            Region::cn(),
            Reference::embedded(),
        );
        let values: Vec<String> = two.unwrap().into_iter().map(|i| i.value).collect();
        assert_eq!(values, ["+864006065500", "support@jd.com"]);
    }

    #[test]
    fn a_value_the_reference_lists_as_written_is_that_value() {
        // Scam caller displays, listed as the victims saw them: no valid numbers, but listed.
        let r = Reference::embedded();
        for value in ["0633154848672", "26453692544"] {
            let a = answer(one(value), r, Appearances::default());
            assert_eq!(a.identified.value, value);
            assert_eq!(a.standing, Standing::ReportedScam, "{value}");
            assert_eq!(a.listed[0].org, "JD.com");
        }
        // With words around it, as a page or a message would show it.
        assert_eq!(one("来电显示 0633154848672").value, "0633154848672");
    }

    #[test]
    fn nothing_to_read_is_empty_and_a_long_value_is_echoed_cut() {
        let (cn, r) = (Region::cn(), Reference::embedded());
        for blank in ["", " \t", "\u{200B}", "\u{FEFF}\u{200B} "] {
            assert_eq!(
                identify(blank, cn, r),
                Err(NotIdentified::Empty),
                "{blank:?}"
            );
            assert!(!NotIdentified::Empty
                .message(blank, Lang::En)
                .starts_with(':'));
        }
        let long = format!("{} 400-606-5500", "a".repeat(300));
        let echo = echo(&long);
        assert!(
            echo.chars().count() <= ECHO_MAX + 1 && echo.ends_with('…'),
            "{echo}"
        );
        // An answer repeats its own contact as written, not the whole value around it.
        assert_eq!(one(&long).input, "400-606-5500");
        assert_eq!(one(&long).echo.as_deref(), Some("400-606-5500"));
        let many: Vec<String> = (0..300)
            .map(|i| format!("400-606-{:04}", 1000 + i))
            .collect();
        let answers = identify(&many.join(" "), cn, r).unwrap();
        let inputs: Vec<&str> = answers.iter().map(|a| a.input.as_str()).collect();
        assert_eq!(inputs, many);
        let digits = "1".repeat(300);
        let message = identify(&digits, cn, r)
            .unwrap_err()
            .message(&digits, Lang::En);
        assert!(message.len() < 250, "{message}");
        // An address given as it is written is not repeated.
        assert_eq!(one("support@jd.com").echo, None);
    }

    #[test]
    fn a_short_number_with_a_country_code_is_told_so() {
        let e = identify("+86 95588", Region::cn(), Reference::embedded()).unwrap_err();
        assert!(
            matches!(&e, NotIdentified::ShortWithCountryCode { short, .. } if short == "95588")
        );
        let text = e.text(Lang::En);
        assert!(!text.contains("give it with +"), "{text}");
        assert!(text.contains("hotline check 95588"), "{text}");
        // Only a number given without + is told to add one.
        let plus = identify("+44 12", Region::cn(), Reference::embedded()).unwrap_err();
        assert!(!plus.text(Lang::En).contains("give it with +"));
        let bare = identify("1234567", Region::cn(), Reference::embedded()).unwrap_err();
        assert!(bare.text(Lang::En).contains("give it with +"));
    }

    #[test]
    fn errors_read_in_chinese() {
        let r = Reference::embedded();
        for input in ["", "hello", "1234567", "+86 95588"] {
            let e = identify(input, Region::cn(), r).unwrap_err();
            let zh = e.text(Lang::Zh);
            let latin_words = zh
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.len() > 3 && !["hotline", "check", "region"].contains(w))
                .count();
            assert_eq!(latin_words, 0, "{zh}");
        }
    }

    #[test]
    fn an_address_says_what_its_domain_is() {
        let r = Reference::embedded();
        let facts = |v: &str| answer(one(v), r, Appearances::default()).domain;
        assert!(matches!(
            facts("jd-support@gmail.com")[..],
            [DomainFact::Freemail {
                rule: "freemail",
                ..
            }]
        ));
        assert!(matches!(
            &facts("support@jd.com")[..],
            [DomainFact::OwnDomain { org, .. }] if org == "JD.com"
        ));
        assert!(matches!(
            &facts("kefu@jd-support.com")[..],
            [DomainFact::Lookalike { owner, rule: "lookalike-domain", .. }] if owner == "JD.com"
        ));
        assert!(facts("someone@example.org").is_empty());
        assert_ne!(facts("jd-support@gmail.com"), facts("support@jd.com"));
    }

    #[test]
    fn advice_fits_the_value() {
        let r = Reference::embedded();
        let advice = |v: &str| answer(one(v), r, Appearances::default()).advice;
        assert_eq!(advice("12315"), Some(Advice::GovernmentLine));
        assert_eq!(advice("400-656-0055"), Some(Advice::CompanyNumber));
        assert_eq!(advice("jd-support@gmail.com"), Some(Advice::Address));
        assert_eq!(advice("021-53395288"), None, "official: nothing to do");
    }
}
