//! Normalization: digit strings, as dialled, to validated phone numbers and their E.164 value.

use crate::model::NumberType;
use crate::numbering::{split_country_code, Region};

/// A validated phone number.
#[derive(Debug, Clone, PartialEq)]
pub struct PhoneNumber {
    pub region: Region,
    /// National significant number (no trunk prefix), or the bare short code.
    pub national: String,
    pub number_type: NumberType,
    pub extension: Option<String>,
}

impl PhoneNumber {
    /// The normalized value: E.164 (`+864006065500`, `;ext=3` appended), or the bare digits of a short code.
    pub fn value(&self) -> String {
        let mut v = if self.number_type == NumberType::ShortCode {
            self.national.clone()
        } else {
            format!("+{}{}", self.region.country_code(), self.national)
        };
        if let Some(ext) = &self.extension {
            v.push_str(";ext=");
            v.push_str(ext);
        }
        v
    }

    /// How the number is written for people: `+86 400 606 5500`, or the short code itself.
    pub fn display(&self) -> String {
        if self.number_type == NumberType::ShortCode {
            return self.national.clone();
        }
        let mut s = format!(
            "+{} {}",
            self.region.country_code(),
            self.region.format_national_number(&self.national)
        );
        if let Some(ext) = &self.extension {
            s.push_str(" ext. ");
            s.push_str(ext);
        }
        s
    }
}

/// Validates `national` for `region`'s calling code. As in libphonenumber, the number's region is the first
/// region of that code where it is valid (`+1 800 ...` is US even when a page lists it under Canada;
/// `8712345678` dialled in Kazakhstan is a Russian number).
fn validated(region: Region, national: &str) -> Option<PhoneNumber> {
    Region::for_country_code(region.country_code()).find_map(|r| {
        r.classify(national).map(|number_type| PhoneNumber {
            region: r,
            national: national.to_string(),
            number_type,
            extension: None,
        })
    })
}

/// Longest national number any plan uses; longer digit strings are never phone numbers.
const MAX_DIGITS: usize = 17;

/// Parses the digits that follow a `+` (country code first).
pub fn parse_international(digits: &str) -> Option<PhoneNumber> {
    if digits.len() > MAX_DIGITS || digits.len() < 4 {
        return None;
    }
    for (code, rest) in split_country_code(digits) {
        // As libphonenumber does, only the main region's trunk-prefix rule applies after a country code
        // (`+44 (0)20 ...`); Guernsey's rule would turn `+44 20 3865` into a Guernsey number.
        let Some(main) = Region::for_country_code(code).next() else {
            continue;
        };
        if let Some(n) = validated(main, rest) {
            return Some(n);
        }
        if let Some(stripped) = main.strip_national_prefix(rest) {
            if let Some(n) = validated(main, &stripped) {
                return Some(n);
            }
        }
    }
    None
}

/// Trunk prefixes that numbering plans retired but pages still print (Mexico dropped `01`, `044` and `045`
/// in 2019 and 2020; libphonenumber no longer strips them).
fn legacy_trunk_prefixes(region: Region) -> &'static [&'static str] {
    match region.id() {
        "MX" => &["01", "044", "045", "02"],
        _ => &[],
    }
}

/// Parses digits written as dialled inside `region` (trunk prefix, or an international prefix like `00`).
pub fn parse_national(digits: &str, region: Region) -> Option<PhoneNumber> {
    if digits.len() > MAX_DIGITS + 4 || digits.len() < 3 {
        return None;
    }
    // Like libphonenumber, digits that start with the international prefix are read as international.
    if let Some(len) = region.international_prefix_len(digits) {
        return parse_international(&digits[len..]);
    }
    // Like libphonenumber, strip a trunk prefix only when what remains could be a number of this region.
    if let Some(stripped) = region.strip_national_prefix(digits) {
        if region.is_possible(&stripped) {
            if let Some(n) = validated(region, &stripped) {
                return Some(n);
            }
        }
    }
    for prefix in legacy_trunk_prefixes(region) {
        if let Some(rest) = digits.strip_prefix(prefix) {
            if let Some(n) = validated(region, rest) {
                return Some(n);
            }
        }
    }
    if let Some(n) = validated(region, digits) {
        return Some(n);
    }
    // The country code written without `+` (`86 400 606 5500`).
    let code = region.country_code().to_string();
    digits
        .strip_prefix(code.as_str())
        .and_then(|rest| validated(region, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(id: &str) -> Region {
        Region::by_id(id).unwrap()
    }

    fn national(digits: &str, id: &str) -> Option<String> {
        parse_national(digits, region(id)).map(|n| n.value())
    }

    #[test]
    fn international_forms() {
        let v = |d: &str| parse_international(d).map(|n| n.value());
        assert_eq!(v("864006065500").as_deref(), Some("+864006065500"));
        assert_eq!(
            v("4402038659200").as_deref(),
            Some("+442038659200"),
            "+44 (0)20"
        );
        assert_eq!(v("18885058792").as_deref(), Some("+18885058792"));
        assert_eq!(v("8640060655001"), None);
    }

    #[test]
    fn non_geographic_numbers() {
        let uifn = parse_international("80086318000").unwrap();
        assert_eq!(
            (uifn.value().as_str(), uifn.region.id(), uifn.number_type),
            ("+80086318000", "001", NumberType::TollFree)
        );
        assert_eq!(parse_international("800863180001"), None);
    }

    #[test]
    fn national_forms() {
        assert_eq!(
            national("08000289999", "GB").as_deref(),
            Some("+448000289999")
        );
        assert_eq!(
            national("18008889999", "PH").as_deref(),
            Some("+6318008889999")
        );
        assert_eq!(
            national("018008429999", "MX").as_deref(),
            Some("+528008429999")
        );
        assert_eq!(
            national("008613800138999", "CN").as_deref(),
            Some("+8613800138999")
        );
        assert_eq!(
            national("02161959999", "CN").as_deref(),
            Some("+862161959999")
        );
        assert_eq!(
            national("864006065500", "CN").as_deref(),
            Some("+864006065500")
        );
        assert_eq!(national("40060655001", "CN"), None);
    }
}
