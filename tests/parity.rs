//! Parity with libphonenumber: hotline's own full-match parser must read every example number (and the
//! same number one digit longer or shorter) the way libphonenumber does, and its short-number tables must
//! say what libphonenumber's short-number functions say about every short-number example. Expectations
//! come from `tests/tools/gen_parity.py` (Python `phonenumbers` on the metadata in `data/libphonenumber/`).

use hotline::answer::identify;
use hotline::numbering::cn::Meaning;
use hotline::numbering::short::{short_number, ShortCost, ShortKind, ShortNumber};
use hotline::numbering::Region;
use hotline::reference::Reference;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(tag = "section", rename_all = "snake_case")]
enum Case {
    Long(LongCase),
    Short(ShortCase),
}

#[derive(Deserialize)]
struct LongCase {
    region: String,
    /// Given for a non-geographic entity, whose region id (`001`) it shares with the others.
    country_code: Option<u16>,
    input: String,
    variant: String,
    valid: bool,
    e164: Option<String>,
    #[serde(rename = "type")]
    number_type: Option<String>,
    number_region: Option<String>,
}

#[derive(Deserialize, Debug, PartialEq)]
struct ShortVerdict {
    possible: bool,
    valid: bool,
    cost: String,
    emergency: bool,
    carrier_specific: bool,
    sms_service: bool,
}

#[derive(Deserialize)]
struct ShortCase {
    region: String,
    input: String,
    variant: String,
    #[serde(flatten)]
    verdict: ShortVerdict,
}

fn cases() -> impl Iterator<Item = Case> {
    include_str!("cases/parity.jsonl")
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
}

fn assert_none_differ(mismatches: &[String], total: usize, what: &str) {
    assert!(total > 0, "no {what} cases");
    assert!(
        mismatches.is_empty(),
        "{} of {total} {what} read differently:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

#[test]
fn reads_numbers_like_libphonenumber() {
    let mut total = 0;
    let mut mismatches = Vec::new();
    for case in cases() {
        let Case::Long(case) = case else { continue };
        let region = match case.country_code {
            Some(code) => Region::for_country_code(code).next(),
            None => Region::by_id(&case.region),
        };
        let Some(region) = region else {
            mismatches.push(format!("{}: region unknown to hotline", case.region));
            continue;
        };
        total += 1;
        let got = identify(&case.input, region, Reference::embedded())
            .ok()
            .and_then(|found| found.into_iter().next());
        let got_value = got.as_ref().map(|a| a.value.clone());
        let got_type = got
            .as_ref()
            .and_then(|a| a.number_type)
            .map(|t| t.as_str().to_string());
        let got_region = got.as_ref().and_then(|a| a.region.clone());
        // A digit string that is no full number but a short number in libphonenumber's own short-number
        // metadata is read as that short number, as its ShortNumberInfo reads it: one the metadata knows
        // only as possible must say so in its meaning.
        let digits: String = case.input.chars().filter(char::is_ascii_digit).collect();
        let as_short = short_number(region, &digits).filter(|n| n.is(ShortKind::Possible));
        let told_so = |n: ShortNumber| {
            n.is_valid() || got.as_ref().and_then(|a| a.meaning) == Some(Meaning::PossibleShortCode)
        };
        let short_reading = !case.valid
            && got_type.as_deref() == Some("short_code")
            && got_value.as_deref() == Some(digits.as_str())
            && as_short.is_some_and(told_so);
        if short_reading {
            continue;
        }
        if got_value != case.e164
            || (case.valid && (got_type != case.number_type || got_region != case.number_region))
        {
            mismatches.push(format!(
                "{} {} ({}): libphonenumber {:?} {:?} {:?}, hotline {:?} {:?} {:?}",
                case.region,
                case.input,
                case.variant,
                case.e164,
                case.number_type,
                case.number_region,
                got_value,
                got_type,
                got_region
            ));
        }
    }
    assert_none_differ(&mismatches, total, "numbers");
}

#[test]
fn reads_short_numbers_like_libphonenumber() {
    let mut total = 0;
    let mut mismatches = Vec::new();
    for case in cases() {
        let Case::Short(case) = case else { continue };
        let Some(region) = Region::by_id(&case.region) else {
            mismatches.push(format!("{}: region unknown to hotline", case.region));
            continue;
        };
        total += 1;
        let found = short_number(region, &case.input);
        let is = |kind| found.is_some_and(|n| n.is(kind));
        let cost = match found.map_or(ShortCost::Unknown, |n| n.cost()) {
            ShortCost::TollFree => "toll_free",
            ShortCost::StandardRate => "standard_rate",
            ShortCost::PremiumRate => "premium_rate",
            ShortCost::Unknown => "unknown",
        };
        let got = ShortVerdict {
            possible: is(ShortKind::Possible),
            valid: found.is_some_and(|n| n.is_valid()),
            cost: cost.to_string(),
            emergency: is(ShortKind::Emergency),
            carrier_specific: is(ShortKind::CarrierSpecific),
            sms_service: is(ShortKind::SmsServices),
        };
        if got != case.verdict {
            mismatches.push(format!(
                "{} {} ({}): libphonenumber {:?}, hotline {got:?}",
                case.region, case.input, case.variant, case.verdict
            ));
        }
    }
    assert_none_differ(&mismatches, total, "short numbers");
}
