//! Short numbers (emergency, service, carrier and SMS codes) from libphonenumber's short-number metadata.
//!
//! The metadata says two things about a digit string, and a caller needs both. The general pattern says the
//! string is *possible* as a short number in the region; typed patterns say what it is (a short code, an
//! emergency number, free or premium, carrier-specific, an SMS service). Many real service numbers match only
//! the general pattern (GB 7726, TW 123, MY 997, CN 12381), so "possible" is no verdict by itself: whether
//! such a number counts on a page is for the caller to decide, from how the page presents it. For China,
//! [`crate::numbering::cn::short_code`] is the authority: the regulator's allocations cover more than
//! libphonenumber lists.

use super::{matching_patterns, Region};

/// What a short-number pattern says about a digit string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShortKind {
    /// It matches the region's general short-number pattern.
    Possible,
    /// A short code proper: libphonenumber's "valid" short numbers (with [`ShortKind::Possible`]).
    ShortCode,
    Emergency,
    TollFree,
    StandardRate,
    PremiumRate,
    /// Reaches a different place, or nothing, depending on the caller's carrier.
    CarrierSpecific,
    /// Meant for text messages.
    SmsServices,
}

impl ShortKind {
    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// What calling a short number costs, as libphonenumber's `expectedCost` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShortCost {
    TollFree,
    StandardRate,
    PremiumRate,
    /// No cost pattern matches.
    Unknown,
}

/// The kinds of short number a digit string is in a region: every pattern it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShortNumber {
    kinds: u8,
}

impl ShortNumber {
    pub fn is(self, kind: ShortKind) -> bool {
        self.kinds & kind.bit() != 0
    }

    /// libphonenumber's `isValidShortNumberForRegion`: the general pattern and the short-code pattern match.
    pub fn is_valid(self) -> bool {
        self.is(ShortKind::Possible) && self.is(ShortKind::ShortCode)
    }

    /// libphonenumber's `expectedCostForRegion`: the dearest cost pattern that matches; emergency numbers
    /// are free.
    pub fn cost(self) -> ShortCost {
        if self.is(ShortKind::PremiumRate) {
            ShortCost::PremiumRate
        } else if self.is(ShortKind::StandardRate) {
            ShortCost::StandardRate
        } else if self.is(ShortKind::TollFree) || self.is(ShortKind::Emergency) {
            ShortCost::TollFree
        } else {
            ShortCost::Unknown
        }
    }
}

/// One pattern of a region's short-number DFA, in pattern order.
pub(crate) struct ShortPattern {
    pub kind: ShortKind,
    /// The lengths it allows: bit `n` for `n` digits. As in libphonenumber, a pattern matches only strings
    /// of a length its metadata lists.
    pub lengths: u32,
}

/// A region's short-number data, compiled by `build.rs`.
pub(crate) struct ShortData {
    pub patterns: &'static [ShortPattern],
    /// Where the region's short-number DFA lies in `REGION_DFAS`.
    pub dfa: (usize, usize),
}

/// What `digits` (as dialled in `region`, digits only) is as a short number there, or `None` when no
/// short-number pattern of the region matches (or libphonenumber has none for it, as for `001`).
pub fn short_number(region: Region, digits: &str) -> Option<ShortNumber> {
    let data = region.data().short.as_ref()?;
    let dfa = region.compiled().short_dfa.as_ref()?;
    let matched = matching_patterns(dfa, digits);
    let length = u32::try_from(digits.len())
        .ok()
        .and_then(|n| 1u32.checked_shl(n))
        .unwrap_or(0);
    let kinds = data
        .patterns
        .iter()
        .enumerate()
        .filter(|&(i, p)| matched & 1 << i != 0 && p.lengths & length != 0)
        .fold(0, |kinds, (_, p)| kinds | p.kind.bit());
    (kinds != 0).then_some(ShortNumber { kinds })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn short(id: &str, digits: &str) -> Option<ShortNumber> {
        short_number(Region::by_id(id).unwrap(), digits)
    }

    #[test]
    fn emergency_numbers_are_valid_and_free() {
        for (id, digits) in [("GB", "999"), ("GB", "112"), ("FR", "112"), ("AU", "000")] {
            let n = short(id, digits).unwrap_or_else(|| panic!("{id} {digits}"));
            assert!(n.is(ShortKind::Emergency) && n.is_valid(), "{id} {digits}");
            assert_eq!(n.cost(), ShortCost::TollFree, "{id} {digits}");
        }
    }

    /// Real service numbers that libphonenumber lists only under the general pattern: possible, not valid.
    #[test]
    fn service_numbers_the_metadata_knows_only_as_possible() {
        for (id, digits) in [
            ("GB", "7726"),
            ("TW", "123"),
            ("MY", "997"),
            ("CN", "12381"),
        ] {
            let n = short(id, digits).unwrap_or_else(|| panic!("{id} {digits}"));
            assert!(n.is(ShortKind::Possible) && !n.is_valid(), "{id} {digits}");
        }
    }

    #[test]
    fn typed_kinds() {
        let gb_carrier = short("GB", "202").unwrap();
        assert!(gb_carrier.is(ShortKind::CarrierSpecific));
        let premium = short("FR", "3654").unwrap();
        assert_eq!(premium.cost(), ShortCost::PremiumRate);
    }

    #[test]
    fn no_match_is_none() {
        assert_eq!(short("GB", "5"), None, "too short");
        assert_eq!(short("GB", "99999999999"), None, "too long");
        assert_eq!(short("CN", "abc"), None, "not digits");
        let uifn = Region::for_country_code(800).next().unwrap();
        assert_eq!(short_number(uifn, "112"), None, "no short numbers in 001");
    }
}
