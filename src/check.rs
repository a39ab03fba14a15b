//! `hotline check VALUE`: one phone number or address, normalized and explained for the person holding it.

use serde::Serialize;

use crate::mention::{email, Kind};
use crate::normalize::{parse_cn_short_code, parse_international, parse_national, PhoneNumber};
use crate::numbering::{NumberType, Region};

/// What one value is, before anything is looked up.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Identified {
    pub input: String,
    pub kind: Kind,
    pub value: String,
    /// How to write it for people (`+86 400 606 5500`).
    pub display: String,
    pub region: Option<String>,
    pub number_type: Option<NumberType>,
    /// What this kind of number means for someone calling it, in plain words.
    pub meaning: Option<String>,
}

/// Why a value could not be identified.
#[derive(Debug, Clone, PartialEq)]
pub enum NotIdentified {
    /// No digits or address at all.
    Unreadable,
    /// Digits that are not a valid number in the region tried.
    InvalidNumber { digits: String, region: String },
}

impl std::fmt::Display for NotIdentified {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotIdentified::Unreadable => {
                write!(f, "this is neither a phone number nor an email address")
            }
            NotIdentified::InvalidNumber { digits, region } => write!(
                f,
                "{digits} is not a valid phone number in {region} (wrong length or an unassigned range); \
                 if it is from another country, give it with + and the country code, or use --region"
            ),
        }
    }
}

fn to_ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        _ => None,
    }
}

/// Reads `input` as one phone number (in `region` unless it starts with `+`) or one email address.
pub fn identify(input: &str, region: Region) -> Result<Identified, NotIdentified> {
    let trimmed = input.trim();
    if trimmed.contains(['@', '＠']) || trimmed.to_ascii_lowercase().contains("[at]") {
        let mut found = Vec::new();
        email::find(trimmed, &mut found);
        let m = found.into_iter().next().ok_or(NotIdentified::Unreadable)?;
        return Ok(Identified {
            input: input.to_string(),
            kind: Kind::Email,
            display: m.value.clone(),
            value: m.value,
            region: None,
            number_type: None,
            meaning: None,
        });
    }
    let without_tel = trimmed.trim_start_matches("tel:");
    let (main, extension) = split_extension(without_tel);
    let plus = main.trim_start().starts_with(['+', '＋']);
    let digits: String = main.chars().filter_map(to_ascii_digit).collect();
    if digits.is_empty() {
        return Err(NotIdentified::Unreadable);
    }
    let parsed = if plus {
        parse_international(&digits)
    } else {
        parse_national(&digits, region).or_else(|| {
            (region.id() == "CN")
                .then(|| parse_cn_short_code(&digits))
                .flatten()
        })
    };
    let mut number = parsed.ok_or_else(|| NotIdentified::InvalidNumber {
        digits: digits.clone(),
        region: if plus {
            "any country".into()
        } else {
            region.id().to_string()
        },
    })?;
    number.extension = extension;
    Ok(Identified {
        input: input.to_string(),
        kind: Kind::Phone,
        value: number.value(),
        display: number.display(),
        region: Some(number.region.id().to_string()),
        number_type: Some(number.number_type),
        meaning: Some(meaning(&number)),
    })
}

/// Splits `400 606 5500 ext 3` / `4006561155转3` / `;ext=3` into the number and the extension.
fn split_extension(s: &str) -> (&str, Option<String>) {
    let lower = s.to_lowercase();
    for marker in [";ext=", "ext.", "ext", "转", "分机", "x", "#"] {
        if let Some(i) = lower.find(marker) {
            let ext: String = s[i + marker.len()..]
                .chars()
                .filter_map(to_ascii_digit)
                .collect();
            if !ext.is_empty() && i > 0 {
                return (&s[..i], Some(ext));
            }
        }
    }
    (s, None)
}

/// Plain words on what calling this kind of number means (facts from `numbering_cn.md`).
pub fn meaning(n: &PhoneNumber) -> String {
    let cn = n.region.id() == "CN";
    match n.number_type {
        NumberType::SharedCost if cn && n.national.starts_with("400") => {
            "A Chinese 400 number: the caller pays the local rate and the company pays the rest, so it is \
             not free. Companies use 400 numbers for incoming calls only: a call that shows a 400 number \
             as the caller is suspect."
                .into()
        }
        NumberType::SharedCost => "A shared-cost number: the caller pays part of the cost.".into(),
        NumberType::TollFree if cn => {
            "A Chinese 800 number: free to call, but traditionally only from landlines.".into()
        }
        NumberType::TollFree => "A toll-free number: free to call from inside its country.".into(),
        NumberType::Mobile | NumberType::FixedLineOrMobile if cn && is_cn_virtual(&n.national) => {
            "A mobile number on a virtual-operator (170/171) range: these were widely used by fraudsters \
             because many were not registered to a real name. Companies do not run their hotlines on them."
                .into()
        }
        NumberType::Mobile => {
            "A mobile number: it belongs to a person's SIM card, not to a company's service line.".into()
        }
        NumberType::FixedLine | NumberType::FixedLineOrMobile => {
            "An ordinary landline number; normal call charges apply.".into()
        }
        NumberType::PremiumRate => {
            "A premium-rate number: calling it costs much more than a normal call.".into()
        }
        NumberType::ShortCode => short_code_meaning(&n.national).into(),
        NumberType::Voip => "An internet (VoIP) number: anyone can rent one, anywhere.".into(),
        NumberType::PersonalNumber => {
            "A personal forwarding number: it can be redirected anywhere.".into()
        }
        NumberType::Uan => "A company's universal access number.".into(),
        NumberType::Pager | NumberType::Voicemail => "A pager or voicemail number.".into(),
    }
}

fn is_cn_virtual(national: &str) -> bool {
    national.starts_with("170") || national.starts_with("171")
}

fn short_code_meaning(code: &str) -> &'static str {
    match code {
        "110" | "119" | "120" | "122" => "A Chinese emergency number.",
        "96110" => {
            "China's national anti-fraud warning line (police). If 96110 calls you, answer: it is warning \
             you about a possible fraud."
        }
        "12381" => {
            "The sender of the national anti-fraud warning text messages; those messages never contain \
             links or numbers to call back."
        }
        _ if code.starts_with("95") => {
            "A Chinese 95 short number: allocated by the telecom regulator to one company for nationwide \
             customer service (banks, insurers, airlines, couriers, platforms)."
        }
        _ if code.starts_with("96") => {
            "A Chinese 96 short number: allocated by a provincial regulator for customer service in that \
             province."
        }
        _ if code.starts_with("100") => "A Chinese carrier's customer-service number (10086, 10010, 10000).",
        _ if code.starts_with("12") => "A Chinese government or public-service number.",
        _ => "A Chinese short service number.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cn() -> Region {
        Region::by_id("CN").unwrap()
    }

    #[test]
    fn identifies_numbers_and_addresses() {
        let a = identify("400-656-0055", cn()).unwrap();
        assert_eq!(a.value, "+864006560055");
        assert_eq!(a.number_type, Some(NumberType::SharedCost));
        assert!(a.meaning.unwrap().contains("not free"));
        assert_eq!(identify("95588", cn()).unwrap().value, "95588");
        assert_eq!(
            identify("４００６５６１１５５转3", cn()).unwrap().value,
            "+864006561155;ext=3"
        );
        assert_eq!(
            identify("+44 (0)20 3865 9200", cn())
                .unwrap()
                .region
                .as_deref(),
            Some("GB")
        );
        assert_eq!(
            identify("Support@JD.com", cn()).unwrap().value,
            "support@jd.com"
        );
        assert!(matches!(
            identify("400-606-55001", cn()),
            Err(NotIdentified::InvalidNumber { .. })
        ));
        assert_eq!(identify("hello", cn()), Err(NotIdentified::Unreadable));
    }
}
