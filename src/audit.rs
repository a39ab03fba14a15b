//! The per-document pipeline: document -> mentions -> normalized values -> attributed claims -> verdicts.

use crate::attribute::attribute;
use crate::claim::Claim;
use crate::context::{Page, ReadOptions};
use crate::document::{Document, Lines};
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
    let mut cursor = Cursor::new(&page.lines);
    mentions
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let a = attribute(page, &mentions, i);
            let (line, column) = cursor.position(&doc.text, m.start);
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
                span: (m.start, m.end),
            }
        })
        .collect()
}

/// Line and column of offsets visited in increasing order, counting each character once (columns on a
/// 50 MB single-line page would otherwise be counted from the line start for every contact).
struct Cursor<'l> {
    lines: &'l Lines,
    offset: usize,
    line: usize,
    column: usize,
}

impl<'l> Cursor<'l> {
    fn new(lines: &'l Lines) -> Self {
        Cursor {
            lines,
            offset: 0,
            line: 0,
            column: 1,
        }
    }

    /// 1-based line and character column of `offset` (offsets must not decrease).
    fn position(&mut self, text: &str, offset: usize) -> (usize, usize) {
        let index = self.lines.index_of(offset);
        if index != self.line || offset < self.offset {
            let start = self.lines.range(text, index).start;
            self.line = index;
            self.offset = start;
            self.column = 1;
        }
        self.column += text[self.offset..offset].chars().count();
        self.offset = offset;
        (index + 1, self.column)
    }
}
