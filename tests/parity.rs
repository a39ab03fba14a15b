//! Parity with libphonenumber: hotline's own full-match parser must read every example number (and the
//! same number one digit longer or shorter) the way libphonenumber does. Expectations come from
//! `tests/tools/gen_parity.py` (Python `phonenumbers`, the same metadata version).

use hotline::answer::identify;
use hotline::numbering::Region;
use hotline::reference::Reference;
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    region: String,
    input: String,
    variant: String,
    valid: bool,
    e164: Option<String>,
    #[serde(rename = "type")]
    number_type: Option<String>,
}

#[test]
fn reads_numbers_like_libphonenumber() {
    let mut total = 0;
    let mut mismatches = Vec::new();
    for line in include_str!("cases/parity.jsonl").lines() {
        let case: Case = serde_json::from_str(line).unwrap();
        let Some(region) = Region::by_id(&case.region) else {
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
        if got_value != case.e164 || (case.valid && got_type != case.number_type) {
            mismatches.push(format!(
                "{} {} ({}): libphonenumber {:?} {:?}, hotline {:?} {:?}",
                case.region,
                case.input,
                case.variant,
                case.e164,
                case.number_type,
                got_value,
                got_type
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {total} numbers read differently:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
