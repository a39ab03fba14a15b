//! Table-driven extraction cases (`tests/cases/extract.jsonl`): each text must yield exactly the expected
//! values, in order, and where given the expected raw text, roles, hours and organisation names.

use hotline::context::ReadOptions;
use hotline::document::Document;
use hotline::model::{Claim, Kind};
use hotline::numbering::Region;
use hotline::reference::Reference;
use hotline::run::extract_claims;
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    id: String,
    text: String,
    expect: Vec<String>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    roles: Option<Vec<Option<String>>>,
    #[serde(default)]
    hours: Option<Vec<Option<String>>>,
    /// The organisation as the page names it (`org_name`), `null` where it names none.
    #[serde(default)]
    org_names: Option<Vec<Option<String>>>,
    /// Each claim's text exactly as written, where given.
    #[serde(default)]
    raw: Option<Vec<String>>,
}

/// A claim field a case may check: its name, the expected values, whether `null` is checked too, and how
/// to read it.
type Field<'c> = (
    &'static str,
    &'c Option<Vec<Option<String>>>,
    bool,
    fn(&Claim) -> Option<&str>,
);

fn cases() -> Vec<Case> {
    include_str!("cases/extract.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("case line {}: {e}", i + 1))
        })
        .collect()
}

#[test]
fn extraction_cases() {
    let cases = cases();
    assert!(cases.len() >= 60, "the table keeps at least 60 cases");
    let mut failures = Vec::new();
    for case in &cases {
        let options = ReadOptions {
            region: case.region.as_deref().and_then(Region::by_id),
        };
        let doc = Document::new(case.id.clone(), case.text.clone());
        // Invalid numbers are reported as `invalid_phone` claims for the rules; they are not phone numbers.
        let claims: Vec<_> = extract_claims(&doc, Reference::embedded(), &options)
            .into_iter()
            .filter(|c| c.kind != Kind::InvalidPhone)
            .collect();
        let got: Vec<&str> = claims.iter().map(|c| c.value.as_str()).collect();
        if got != case.expect {
            failures.push(format!(
                "{}: expected {:?}, got {:?}\n    {}",
                case.id, case.expect, got, case.text
            ));
            continue;
        }
        if let Some(raw) = &case.raw {
            let got: Vec<&str> = claims.iter().map(|c| c.raw.as_str()).collect();
            if &got != raw {
                failures.push(format!("{}: raw {got:?}, expected {raw:?}", case.id));
            }
        }
        // Roles and hours are checked where given; organisation names everywhere given, `null` included
        // (a heading or a department must not become a name).
        let fields: [Field; 3] = [
            ("role", &case.roles, false, |c| {
                c.attribution.role.as_deref()
            }),
            ("hours", &case.hours, false, |c| {
                c.attribution.hours.as_deref()
            }),
            ("org_name", &case.org_names, true, |c| {
                c.attribution.org_name.as_deref()
            }),
        ];
        for (field, expected, strict, get) in fields {
            for (claim, want) in claims.iter().zip(expected.iter().flatten()) {
                if (strict || want.is_some()) && get(claim) != want.as_deref() {
                    failures.push(format!(
                        "{}: {} {field} {:?}, expected {:?}",
                        case.id,
                        claim.value,
                        get(claim),
                        want
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
