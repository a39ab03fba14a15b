//! The records hotline produces: claims, conflicts, errors, warnings and the run summary.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::crosscheck::Conflict;

use crate::attribute::RoleSource;
use crate::document::Origin;
use crate::mention::Kind;
use crate::numbering::NumberType;
use crate::rules::Risk;
use crate::verify::{Listed, Verdict};

/// One contact as a page presents it: what it is, where, and what it is claimed to be.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Claim {
    pub doc: String,
    pub line: usize,
    pub column: usize,
    pub kind: Kind,
    /// The contact exactly as written.
    pub raw: String,
    /// Normalized: E.164 (or a bare China short code) for phones, the lower-cased address for emails.
    pub value: String,
    pub region: Option<String>,
    pub number_type: Option<NumberType>,
    pub org: Option<String>,
    pub role: Option<String>,
    /// Whether the role comes from the contact's own label or only from a heading above it.
    pub role_source: Option<RoleSource>,
    pub label: Option<String>,
    pub hours: Option<String>,
    /// The messaging channel the page offers the contact on (`whatsapp`, `sms`, ...), if any.
    pub channel: Option<&'static str>,
    pub verdict: Option<Verdict>,
    /// The verdict's reason in plain words.
    pub verdict_note: Option<String>,
    /// The reference row the verdict rests on.
    pub listed: Option<Listed>,
    /// Ids of the rules that fired (see `hotline rules`), with their evidence.
    pub signals: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// `ok`, `caution` or `danger`, from the verdict and the signals (`rules::risk`).
    pub risk: Risk,
    #[serde(flatten)]
    pub origin: Origin,
    /// Byte span of `raw` in the document text (for the rules; not part of the output).
    #[serde(skip)]
    pub span: (usize, usize),
}

/// What made a rule fire on a claim, in plain words.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Evidence {
    pub rule: String,
    pub detail: String,
}

/// A page that could not be read or audited; the rest of the run goes on.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ErrorRecord {
    pub doc: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    pub message: String,
}

/// Something the user should know about a page that was still audited (for example, truncated).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Warning {
    pub doc: String,
    pub message: String,
}

/// Totals for a run.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Summary {
    /// Documents seen = audited + failed.
    pub documents: usize,
    pub audited: usize,
    pub failed: usize,
    pub claims: usize,
    pub phones: usize,
    pub emails: usize,
    pub warnings: usize,
    /// Bytes of document text audited.
    pub bytes: usize,
    pub conflicts: usize,
    /// Documents whose audit failed because of a bug in hotline (each also has an error record).
    #[serde(skip_serializing_if = "is_zero")]
    pub internal_errors: usize,
    /// Claims not cross-checked because the index of distinct values was full (`crosscheck::MAX_VALUES`).
    #[serde(skip_serializing_if = "is_zero")]
    pub not_cross_checked: usize,
    /// Claims per verdict.
    pub verdicts: BTreeMap<Verdict, usize>,
    /// Claims per risk level.
    pub risks: BTreeMap<Risk, usize>,
}

impl Summary {
    /// Counts one document's result: audited, or failed when it is an error record.
    pub fn add(&mut self, result: &DocumentResult) {
        self.documents += 1;
        if result.errors.is_empty() {
            self.audited += 1;
        } else {
            self.failed += 1;
        }
        self.warnings += result.warnings.len();
        self.internal_errors += result.internal_errors;
        self.bytes += result.bytes;
        self.count(&result.claims);
    }

    pub fn count(&mut self, claims: &[Claim]) {
        self.claims += claims.len();
        self.phones += claims.iter().filter(|c| c.kind == Kind::Phone).count();
        self.emails += claims.iter().filter(|c| c.kind == Kind::Email).count();
        for c in claims {
            if let Some(v) = c.verdict {
                *self.verdicts.entry(v).or_default() += 1;
            }
            *self.risks.entry(c.risk).or_default() += 1;
        }
    }
}

/// Everything one document (or one unreadable input) produced.
#[derive(Debug, Default)]
pub struct DocumentResult {
    pub claims: Vec<Claim>,
    pub warnings: Vec<Warning>,
    pub errors: Vec<ErrorRecord>,
    /// Bytes of text audited.
    pub bytes: usize,
    /// Errors that are hotline's own fault (a panic while auditing the document).
    pub internal_errors: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Any output record, tagged with its `type` for JSON Lines.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Record<'a> {
    Claim(&'a Claim),
    Conflict(&'a Conflict),
    Error(&'a ErrorRecord),
    Warning(&'a Warning),
    Summary(&'a Summary),
}

impl Claim {
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            Kind::Phone => "phone",
            Kind::Email => "email",
            Kind::InvalidPhone => "invalid_phone",
        }
    }
}
