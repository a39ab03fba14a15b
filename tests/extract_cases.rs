//! Table-driven extraction cases (`tests/cases/extract.jsonl`): each text must yield exactly the expected
//! values, in order, and where given the expected
//! raw text, roles and hours.

use hotline::context::ReadOptions;
use hotline::document::Document;
use hotline::model::Kind;
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
    /// Each claim's text exactly as written, where given.
    #[serde(default)]
    raw: Option<Vec<String>>,
}

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
        if let Some(roles) = &case.roles {
            for (claim, role) in claims.iter().zip(roles) {
                if role.is_some() && &claim.attribution.role != role {
                    failures.push(format!(
                        "{}: {} role {:?}, expected {:?}",
                        case.id, claim.value, claim.attribution.role, role
                    ));
                }
            }
        }
        if let Some(hours) = &case.hours {
            for (claim, h) in claims.iter().zip(hours) {
                if h.is_some() && &claim.attribution.hours != h {
                    failures.push(format!(
                        "{}: {} hours {:?}, expected {:?}",
                        case.id, claim.value, claim.attribution.hours, h
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
