//! Finding mentions: every phone number and email address in a text, normalized, with its byte span.

pub mod email;
pub mod phone;

use serde::Serialize;

use crate::normalize::PhoneNumber;
pub use phone::RegionHint;

/// What a contact is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Phone,
    Email,
    /// Presented as a phone number, but not a valid number for its country (kept for the
    /// `invalid-number` signal; never counted as a phone number).
    InvalidPhone,
}

/// One contact found in a text.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Byte span of the contact as written.
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Normalized value: E.164 (or a bare short code) for phones, the lower-cased address for emails.
    pub value: String,
    pub number: Option<PhoneNumber>,
    /// The number's region (for an invalid one, the region it was read in).
    pub region: Option<crate::numbering::Region>,
}

/// All mentions in `text`, in text order. `region_at` tells the phone finder which region the context
/// implies at a byte offset.
pub fn find_mentions(text: &str, region_at: &dyn Fn(usize) -> RegionHint) -> Vec<Mention> {
    let mut out = Vec::new();
    email::find(text, &mut out);
    let emails = out.len();
    phone::find(text, region_at, &mut out);
    // Digits inside an address (`400123@qq.com`) are not a phone number.
    let (email_spans, phones) = out.split_at(emails);
    let overlapping: Vec<bool> = phones
        .iter()
        .map(|p| {
            email_spans
                .iter()
                .any(|e| p.start < e.end && e.start < p.end)
        })
        .collect();
    let mut i = 0;
    out.retain(|m| {
        let keep = m.kind == Kind::Email || !overlapping[i - emails];
        i += 1;
        keep
    });
    out.sort_by_key(|m| m.start);
    out
}
