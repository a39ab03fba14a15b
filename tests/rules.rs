//! Every rule carries its own flagged and not-flagged sample pages (in its file under `src/rules/`), run
//! here through the whole run (`---8<---` lines separate documents of one run), the way gitleaks runs its
//! rules' samples. The samples also check the evidence both ways: every signal raised names exactly the
//! facts its template uses, in English and Chinese.

use std::io;

use hotline::document::Document;
use hotline::model::{Claim, Conflict, Lang};
use hotline::reference::Reference;
use hotline::rules::{evidence, Rule, RULES};
use hotline::run::{DocumentResult, Run, RunOptions, Sink, Summary};

#[derive(Default)]
struct Claims(Vec<Claim>);

impl Sink for Claims {
    fn document(&mut self, result: &DocumentResult) -> io::Result<()> {
        self.0.extend(result.claims.iter().cloned());
        Ok(())
    }

    fn finish(&mut self, _: &[Conflict], _: &Summary) -> io::Result<()> {
        Ok(())
    }
}

/// Audits a sample as one run.
fn audit_sample(sample: &str) -> Vec<Claim> {
    let documents = sample
        .split("\n---8<---\n")
        .enumerate()
        .map(|(i, text)| Document::new(format!("sample{i}.txt"), text))
        .collect::<Vec<_>>();
    let mut claims = Claims::default();
    let mut run = Run::new(Reference::embedded(), RunOptions::default());
    run.audit_documents(documents, &mut claims).unwrap();
    run.finish(&mut claims).unwrap();
    claims.0
}

/// The names a template refers to, sorted.
fn placeholders(template: &str) -> Vec<&str> {
    let mut names: Vec<&str> = template
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .collect();
    names.sort_unstable();
    names
}

/// Problems with the evidence of `rule`'s signals on `claims`.
fn evidence_problems(rule: &Rule, claims: &[Claim]) -> Vec<String> {
    let mut problems = Vec::new();
    for signal in claims.iter().flat_map(|c| &c.signals.0) {
        if signal.rule != rule.id {
            continue;
        }
        let Some(template) = rule.evidence.iter().find(|t| t.case == signal.case) else {
            problems.push(format!(
                "{}: no template for case `{}`",
                rule.id, signal.case
            ));
            continue;
        };
        let mut facts: Vec<&str> = signal.facts.iter().map(|(n, _)| *n).collect();
        facts.sort_unstable();
        if facts != placeholders(template.en) {
            problems.push(format!(
                "{} {}: facts {facts:?} but the template names {:?}",
                rule.id,
                signal.case,
                placeholders(template.en)
            ));
        }
        if evidence(signal, Lang::En) != signal.detail || evidence(signal, Lang::Zh).contains('{') {
            problems.push(format!(
                "{} {}: evidence does not render",
                rule.id, signal.case
            ));
        }
    }
    problems
}

#[test]
fn every_rule_has_samples_that_behave() {
    let mut failures = Vec::new();
    for rule in RULES {
        if rule.positive.len() < 5 || rule.negative.len() < 5 {
            failures.push(format!(
                "{}: needs at least 5 positive and 5 negative samples",
                rule.id
            ));
        }
        for sample in rule.positive {
            let claims = audit_sample(sample);
            if !claims.iter().any(|c| c.signals.has(rule.id)) {
                let got: Vec<_> = claims
                    .iter()
                    .map(|c| (&c.value, c.signals.ids().collect::<Vec<_>>()))
                    .collect();
                failures.push(format!(
                    "{} missed:\n    {sample:?}\n    got {got:?}",
                    rule.id
                ));
            }
            failures.extend(evidence_problems(rule, &claims));
        }
        for sample in rule.negative {
            let claims = audit_sample(sample);
            if claims.is_empty() {
                failures.push(format!(
                    "{} negative finds no contact at all (proves nothing): {sample:?}",
                    rule.id
                ));
            }
            if let Some(c) = claims.iter().find(|c| c.signals.has(rule.id)) {
                failures.push(format!(
                    "{} false positive on {}: {:?}\n    {sample:?}",
                    rule.id, c.value, c.signals
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

#[test]
fn every_evidence_case_is_exercised_by_a_sample() {
    let mut missing = Vec::new();
    for rule in RULES {
        let raised: Vec<&str> = rule
            .positive
            .iter()
            .flat_map(|s| audit_sample(s))
            .flat_map(|c| c.signals.0)
            .filter(|s| s.rule == rule.id)
            .map(|s| s.case)
            .collect();
        for t in rule.evidence {
            if !raised.contains(&t.case) {
                missing.push(format!("{} {}", rule.id, t.case));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "evidence cases no positive sample raises (add a sample): {missing:?}"
    );
}
