//! Every rule carries its own true- and false-positive samples (`data/rules.json`), run here through the
//! whole pipeline, the way gitleaks runs its rules' samples.

use hotline::audit::audit_document;
use hotline::claim::Claim;
use hotline::context::ReadOptions;
use hotline::crosscheck::CrossCheck;
use hotline::document::Document;
use hotline::reference::Reference;
use hotline::rules::rules;

/// Audits a sample; `---8<---` lines separate documents of one run.
fn audit_sample(sample: &str) -> Vec<Claim> {
    let reference = Reference::embedded();
    let mut index = CrossCheck::default();
    let mut all = Vec::new();
    for (i, text) in sample.split("\n---8<---\n").enumerate() {
        let doc = Document::new(format!("sample{i}.txt"), text);
        let mut claims = audit_document(&doc, reference, &ReadOptions::default());
        index.add_and_flag(&mut claims, reference);
        all.extend(claims);
    }
    all
}

#[test]
fn every_rule_has_samples_that_behave() {
    let mut failures = Vec::new();
    for rule in rules() {
        if rule.positive.len() < 5 || rule.negative.len() < 5 {
            failures.push(format!(
                "{}: needs at least 5 positive and 5 negative samples",
                rule.id
            ));
        }
        for sample in &rule.positive {
            let claims = audit_sample(sample);
            if !claims.iter().any(|c| c.signals.contains(&rule.id)) {
                let got: Vec<_> = claims.iter().map(|c| (&c.value, &c.signals)).collect();
                failures.push(format!(
                    "{} missed:\n    {sample:?}\n    got {got:?}",
                    rule.id
                ));
            }
        }
        for sample in &rule.negative {
            let claims = audit_sample(sample);
            if claims.is_empty() {
                failures.push(format!(
                    "{} negative finds no contact at all (proves nothing): {sample:?}",
                    rule.id
                ));
            }
            if let Some(c) = claims.iter().find(|c| c.signals.contains(&rule.id)) {
                failures.push(format!(
                    "{} false positive on {}: {:?}\n    {sample:?}",
                    rule.id, c.value, c.evidence
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
