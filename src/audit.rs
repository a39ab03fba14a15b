//! The per-document pipeline: document -> mentions -> normalized values -> attributed claims -> verdicts.

use crate::attribute::attribute;
use crate::claim::Claim;
use crate::context::{Page, ReadOptions};
use crate::document::Document;
use crate::mention::find_mentions;
use crate::reference::Reference;
use crate::rules::{self, Risk};
use crate::verify::verify;

/// Every contact claim in one document, attributed, verified against the reference, and checked by the
/// per-page rules.
pub fn audit_document(doc: &Document, reference: &Reference, options: &ReadOptions) -> Vec<Claim> {
    let page = Page::new(doc, reference, options);
    let mut claims = claims_on(&page);
    for claim in &mut claims {
        verify(claim, reference);
    }
    rules::apply(&page, &mut claims, reference);
    claims
}

/// Every contact claim in one document, in text order, before verification.
pub fn extract_claims(doc: &Document, reference: &Reference, options: &ReadOptions) -> Vec<Claim> {
    claims_on(&Page::new(doc, reference, options))
}

fn claims_on(page: &Page) -> Vec<Claim> {
    let doc = page.doc;
    let mentions = find_mentions(&doc.text, &|offset| page.region_at(offset));
    mentions
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let a = attribute(page, &mentions, i);
            let (line, column) = page.lines.position(&doc.text, m.start);
            Claim {
                doc: doc.name.clone(),
                line,
                column,
                kind: m.kind,
                raw: doc.text[m.start..m.end].to_string(),
                value: m.value.clone(),
                region: m.region.map(|r| r.id().to_string()),
                number_type: m.number.as_ref().map(|n| n.number_type),
                org: a.org,
                role: a.role,
                role_source: a.role_source,
                label: a.label,
                hours: a.hours,
                channel: a.channel,
                verdict: None,
                verdict_note: None,
                listed: None,
                signals: Vec::new(),
                evidence: Vec::new(),
                risk: Risk::default(),
                origin: doc.origin.clone(),
            }
        })
        .collect()
}
