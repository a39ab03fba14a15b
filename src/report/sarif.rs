//! SARIF 2.1.0, for code-scanning dashboards: one result per flagged claim, with the rule that flagged it
//! (its id from the rules registry, `hotline rules`) and where it is (document, line, column). A claim
//! that no rule flagged but the reference lists as a scam or as another organisation's contact is a
//! result of the pseudo-rule `reference/reported_scam` or `reference/wrong_org`. Input errors are the
//! invocation's notifications.

use std::io::{self, Write};

use serde_json::{json, Value};

use crate::document::ErrorRecord;
use crate::model::{Claim, Conflict, Lang, Risk, Verdict};
use crate::rules::{self, Severity, RULES};
use crate::run::{DocumentResult, Sink, Summary};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Rules for claims the reference condemns without a rule firing: (id, verdict, description).
const REFERENCE_RULES: &[(&str, Verdict, &str)] = &[
    (
        "reference/reported_scam",
        Verdict::ReportedScam,
        "the reference lists this contact as reported for scams",
    ),
    (
        "reference/wrong_org",
        Verdict::WrongOrg,
        "the reference lists this contact for another organisation",
    ),
];

pub struct SarifPrinter<'w> {
    out: Box<dyn Write + 'w>,
    results: Vec<Value>,
    notifications: Vec<Value>,
}

impl<'w> SarifPrinter<'w> {
    pub fn new(out: Box<dyn Write + 'w>) -> Self {
        SarifPrinter {
            out,
            results: Vec::new(),
            notifications: Vec::new(),
        }
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

fn risk_level(risk: Risk) -> &'static str {
    match risk {
        Risk::Danger => "error",
        Risk::Caution => "warning",
        Risk::Ok => "note",
    }
}

/// A document name as a SARIF URI: paths as given (relative ones resolve against the working
/// directory), addresses (a WARC record's target URI) as they are; spaces and `%` escaped.
fn uri(doc: &str) -> String {
    let mut out = String::with_capacity(doc.len());
    for c in doc.chars() {
        match c {
            '%' => out.push_str("%25"),
            ' ' => out.push_str("%20"),
            '\\' => out.push('/'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn location(doc: &str, line: Option<usize>, column: Option<(usize, usize)>) -> Value {
    let mut region = serde_json::Map::new();
    if let Some(line) = line {
        region.insert("startLine".into(), json!(line));
    }
    if let Some((start, end)) = column {
        region.insert("startColumn".into(), json!(start));
        region.insert("endColumn".into(), json!(end));
    }
    let mut physical = json!({ "artifactLocation": { "uri": uri(doc) } });
    if !region.is_empty() {
        physical["region"] = Value::Object(region);
    }
    json!({ "physicalLocation": physical })
}

/// The rule a flagged claim is reported under: its most severe signal's, else its verdict's.
fn rule_of(c: &Claim) -> Option<(usize, &'static str)> {
    let fired = c
        .signals
        .ids()
        .filter_map(|id| RULES.iter().position(|r| r.id == id))
        .max_by_key(|&i| (RULES[i].severity, std::cmp::Reverse(i)));
    if let Some(i) = fired {
        return Some((i, RULES[i].id));
    }
    REFERENCE_RULES
        .iter()
        .position(|(_, v, _)| c.verification.verdict == Some(*v))
        .map(|i| (RULES.len() + i, REFERENCE_RULES[i].0))
}

fn result(c: &Claim) -> Option<Value> {
    let (index, id) = rule_of(c)?;
    let mut message = format!("{} ({})", c.value, c.kind.as_str());
    if let Some(org) = c.org() {
        message.push_str(&format!(" claimed for {org}"));
    }
    let details: Vec<String> = c
        .signals
        .0
        .iter()
        .map(|s| {
            let what = rules::rule(s.rule).map_or("", |r| r.message.get(Lang::En));
            format!("{} ({what}): {}", s.rule, s.detail)
        })
        .collect();
    if details.is_empty() {
        if let Some(note) = &c.verification.verdict_note {
            message.push_str(&format!(": {note}"));
        }
    } else {
        message.push_str(": ");
        message.push_str(&details.join("; "));
    }
    let width = c.raw.chars().count();
    let signals: Vec<&str> = c.signals.ids().collect();
    Some(json!({
        "ruleId": id,
        "ruleIndex": index,
        "level": risk_level(c.risk),
        "message": { "text": message },
        "locations": [location(&c.doc, Some(c.line), Some((c.column, c.column + width)))],
        "partialFingerprints": { "hotline/value": format!("{id}:{}", c.value) },
        "properties": {
            "value": c.value,
            "raw": c.raw,
            "risk": c.risk.as_str(),
            "verdict": c.verification.verdict.map(|v| v.as_str()),
            "org": c.attribution.org,
            "role": c.attribution.role,
            "signals": signals,
        },
    }))
}

fn notification(e: &ErrorRecord) -> Value {
    json!({
        "level": "error",
        "message": { "text": e.message },
        "locations": [location(&e.doc, e.line, None)],
    })
}

fn rules_section() -> Vec<Value> {
    let mut out: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "shortDescription": { "text": r.message.en },
                "fullDescription": { "text": r.why },
                "help": { "text": format!("{}\n\nSources: {}\n\n`hotline explain {}` says more.", r.why, r.sources.join(", "), r.id) },
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": { "severity": r.severity.as_str() },
            })
        })
        .collect();
    out.extend(REFERENCE_RULES.iter().map(|(id, _, what)| {
        json!({
            "id": id,
            "shortDescription": { "text": what },
            "defaultConfiguration": { "level": "error" },
            "properties": { "severity": "high" },
        })
    }));
    out
}

impl Sink for SarifPrinter<'_> {
    fn document(&mut self, result_: &DocumentResult) -> io::Result<()> {
        self.results
            .extend(result_.claims.iter().filter_map(result));
        self.notifications
            .extend(result_.errors.iter().map(notification));
        Ok(())
    }

    fn finish(&mut self, _: &[Conflict], summary: &Summary) -> io::Result<()> {
        let log = json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": {
                    "name": "hotline",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules_section(),
                }},
                "columnKind": "unicodeCodePoints",
                "results": std::mem::take(&mut self.results),
                "invocations": [{
                    "executionSuccessful": summary.failed == 0 && summary.internal_errors == 0,
                    "toolExecutionNotifications": std::mem::take(&mut self.notifications),
                }],
                "properties": { "summary": summary },
            }],
        });
        serde_json::to_writer_pretty(&mut self.out, &log)?;
        self.out.write_all(b"\n")?;
        self.out.flush()
    }
}
