//! A claim as the evidence store keeps it: one flat row, the same in SQLite, in `--format evidence` (JSON
//! Lines, which the Spark job writes as Parquet) and in `hotline import`.

use serde::{Deserialize, Serialize};

use crate::crosscheck::canonical_hours;
use crate::model::{base_value, Claim, Kind, RoleSource, Status};
use crate::reference::{Channel, Reference};
use crate::run::DocumentInfo;

/// One claim row. The columns `sql/conflicts.sql` compares are `kind`, `base`, `org`, `role`,
/// `role_source`, `hours_canonical` and `family`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// The document: path or URL, as records name it.
    pub doc: String,
    /// The WARC or JSON Lines file it was read from, the record's offset and the export's line.
    pub container: Option<String>,
    pub offset: Option<i64>,
    pub container_line: Option<i64>,
    pub line: i64,
    pub col: i64,
    pub kind: String,
    pub raw: String,
    /// Normalized, with any extension; `base` without it (what conflicts compare).
    pub value: String,
    pub base: String,
    /// The organisation the contact is claimed for (a government line's owner first), as the reference
    /// names it; `org_name` as the page names it.
    pub org: Option<String>,
    pub org_name: Option<String>,
    /// The organisation's family root in the reference (`JD Pay` -> `JD.com`).
    pub family: Option<String>,
    pub role: Option<String>,
    /// `label` or `heading`: only labelled roles are compared.
    pub role_source: Option<String>,
    pub label: Option<String>,
    pub hours: Option<String>,
    pub hours_canonical: Option<String>,
    pub channel: Option<String>,
    pub verdict: Option<String>,
    /// The rule ids that fired, space-separated.
    pub signals: String,
    pub risk: String,
    /// When it was seen (Unix seconds) and the document's content hash (xxh3, 16 hex digits).
    pub seen: i64,
    pub hash: String,
}

impl Row {
    pub fn of(c: &Claim, doc: &DocumentInfo, seen: i64, reference: &Reference) -> Row {
        let org = c.org().map(str::to_string);
        Row {
            doc: doc.name.clone(),
            container: doc.origin.container.clone(),
            offset: doc.origin.offset.map(|o| o as i64),
            container_line: doc.origin.container_line.map(|l| l as i64),
            line: c.line as i64,
            col: c.column as i64,
            kind: c.kind.as_str().to_string(),
            raw: c.raw.clone(),
            value: c.value.clone(),
            base: base_value(&c.value).to_string(),
            family: org.as_deref().map(|o| reference.family_root(o).to_string()),
            org,
            org_name: c.attribution.org_name.clone(),
            role: c.attribution.role.clone(),
            role_source: c.attribution.role_source.map(|s| {
                match s {
                    RoleSource::Label => "label",
                    RoleSource::Heading => "heading",
                }
                .to_string()
            }),
            label: c.attribution.label.clone(),
            hours: c.attribution.hours.clone(),
            hours_canonical: c.attribution.hours.as_deref().and_then(canonical_hours),
            channel: c.attribution.channel.map(str::to_string),
            verdict: c.verification.verdict.map(|v| v.as_str().to_string()),
            signals: c.signals.ids().collect::<Vec<_>>().join(" "),
            risk: c.risk.as_str().to_string(),
            seen,
            hash: hex(doc.hash),
        }
    }

    /// The role the contact's own label gives it.
    pub fn labelled_role(&self) -> Option<&str> {
        (self.role_source.as_deref() == Some("label"))
            .then_some(self.role.as_deref())
            .flatten()
    }
}

/// A reference row the conflict definitions compare against: an official value for an organisation,
/// role and kind (`phone` or `email`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Official {
    pub org: String,
    pub role: String,
    pub kind: String,
    pub value: String,
}

/// The reference's official phone and email values with a role, as `sql/conflicts.sql` reads them.
pub fn officials(reference: &Reference) -> Vec<Official> {
    let mut out: Vec<Official> = reference
        .contacts
        .iter()
        .filter(|c| c.status == Status::Official)
        .filter_map(|c| {
            let kind = match c.channel {
                Channel::Phone => Kind::Phone,
                Channel::Email => Kind::Email,
                Channel::Domain => return None,
            };
            Some(Official {
                org: c.org.clone(),
                role: c.role.clone()?,
                kind: kind.as_str().to_string(),
                value: base_value(&c.value).to_string(),
            })
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

pub fn hex(hash: u64) -> String {
    format!("{hash:016x}")
}
