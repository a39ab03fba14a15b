//! `hotline check VALUE`: the answer about one phone number or address, for the person holding it. The
//! value is read as the finder reads a page (so `Tel +1 800 555 0199` is the `+1` number), looked up in
//! the reference, and, with `--in`, in what pages claim for it.

use std::io;

use serde::Serialize;

use crate::context::RegionHint;
use crate::mention::{find_mentions, Reading};
use crate::model::{base_value, Claim, Conflict, Kind, Listed, NumberType, RegionSource, Status};
use crate::numbering::cn::Meaning;
use crate::numbering::Region;
use crate::reference::Reference;
use crate::run::{DocumentResult, Sink, Summary};

/// What one value is, before anything is looked up.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Identified {
    pub input: String,
    pub kind: Kind,
    pub value: String,
    /// How to write it for people (`+86 400 606 5500`).
    pub display: String,
    pub region: Option<String>,
    pub number_type: Option<NumberType>,
    /// What this kind of number means for someone calling it.
    pub meaning: Option<Meaning>,
}

/// Why a value could not be identified.
#[derive(Debug, Clone, PartialEq)]
pub enum NotIdentified {
    /// Nothing to read.
    Empty,
    /// No digits or address at all.
    Unreadable,
    /// Digits that are not a valid number in the region tried.
    InvalidNumber { digits: String, region: String },
}

impl std::fmt::Display for NotIdentified {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotIdentified::Empty => write!(f, "no value given: give a phone number or an email address"),
            NotIdentified::Unreadable => {
                write!(f, "this is neither a phone number nor an email address")
            }
            NotIdentified::InvalidNumber { digits, region } => write!(
                f,
                "{digits} is not a valid phone number in {region} (wrong length or an unassigned range); \
                 if it is from another country, give it with + and the country code, or use --region"
            ),
        }
    }
}

/// Reads `input` as the finder reads a page (numbers without `+` as dialled in `region`), and returns
/// every contact in it. Digits that are no valid number but that the reference lists exactly as written (a
/// scam caller's display) are that value.
pub fn identify(
    input: &str,
    region: Region,
    reference: &Reference,
) -> Result<Vec<Identified>, NotIdentified> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(NotIdentified::Empty);
    }
    // The region is the one the user gave (or the default): no other is tried.
    let hint = RegionHint {
        region: Some(region),
        named: true,
        source: RegionSource::Chosen,
        chinese_shapes: false,
    };
    let mentions = find_mentions(trimmed, &|_| hint, Reading::Value);
    let mut found = Vec::new();
    let mut invalid = None;
    for m in mentions {
        match (&m.number, m.kind) {
            (_, Kind::InvalidPhone) => {
                invalid.get_or_insert(NotIdentified::InvalidNumber {
                    region: if m.value.starts_with('+') {
                        "any country".into()
                    } else {
                        region.id().to_string()
                    },
                    digits: m.value.trim_start_matches('+').to_string(),
                });
            }
            (Some(number), _) => found.push(Identified {
                input: input.to_string(),
                kind: Kind::Phone,
                display: number.display(),
                value: m.value,
                region: Some(number.region.id().to_string()),
                number_type: Some(number.number_type),
                meaning: Some(Meaning::of(number)),
            }),
            (None, _) => found.push(Identified {
                input: input.to_string(),
                kind: m.kind,
                display: m.value.clone(),
                value: m.value,
                region: None,
                number_type: None,
                meaning: None,
            }),
        }
    }
    if !found.is_empty() {
        return Ok(found);
    }
    // Looked up before it is judged invalid: scam caller displays are listed as the victims saw them.
    if let Some(listed) = listed_as_written(trimmed, reference) {
        return Ok(vec![listed]);
    }
    Err(invalid.unwrap_or(NotIdentified::Unreadable))
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
        // A scam caller's display, listed as the victims saw it: too long to be a valid number.
        assert_eq!(one("0633154848672").value, "0633154848672");
    }
}
