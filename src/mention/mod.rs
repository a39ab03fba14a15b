//! Finding mentions: every phone number and email address in a text, validated and normalized (with the
//! numbering plan's knowledge), with its byte span.

pub mod email;
pub mod phone;

use crate::context::RegionHint;
use crate::model::{Kind, RegionSource};
use crate::numbering::parse::PhoneNumber;
use crate::numbering::Region;

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
    /// The number's region (for an invalid one, the region it was read in), and how it was decided.
    pub region: Option<Region>,
    pub region_source: Option<RegionSource>,
}

/// What the text being read is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// A page: short codes (95588) count only where the page presents them as something to call.
    Page,
    /// A value someone asks about (`hotline check`): every number in it is presented as one to call.
    Value,
}

/// All mentions in `text`, in text order, never overlapping. `region_at` tells the phone finder which
/// region the context implies at a byte offset.
pub fn find_mentions(
    text: &str,
    region_at: &dyn Fn(usize) -> RegionHint,
    reading: Reading,
) -> Vec<Mention> {
    let mut out = Vec::new();
    email::find(text, &mut out);
    let mut emails = std::mem::take(&mut out);
    emails.sort_by_key(|m| m.start);
    phone::find(text, region_at, reading, &mut out);
    // Digits inside an address (`400123@qq.com`) are not a phone number. Both lists are in text order,
    // so one sweep finds the overlaps.
    let mut e = 0;
    out.retain(|p| {
        while e < emails.len() && emails[e].end <= p.start {
            e += 1;
        }
        !emails[e..]
            .iter()
            .take_while(|m| m.start < p.end)
            .any(|m| p.start < m.end)
    });
    out.extend(emails);
    out.sort_by_key(|m| m.start);
    // The later stages read the text between neighbouring mentions: they must not overlap.
    let mut last_end = 0;
    out.retain(|m| {
        let keep = m.start >= last_end;
        if keep {
            last_end = m.end;
        }
        keep
    });
    out
}
