//! China's numbering, beyond libphonenumber's tables: the regulator-allocated short service numbers, the
//! number shapes that can only be Chinese, the ranges with a meaning of their own (400, 800, 170/171), and
//! what each kind of number means for a caller. The facts and their sources are in `docs/numbering-cn.md`.

use serde::Serialize;

use crate::model::{Lang, NumberType};
use crate::numbering::parse::{parse_international, parse_national, PhoneNumber};
use crate::numbering::Region;

/// China's regulator-allocated short service numbers: 95xxx(x) nationwide customer service, 96xxx(x)
/// provincial, 100xx carriers, 1010xxxx nationwide service lines, 106… platform text-message senders,
/// 12xxx government and public services, 11185/11183 China Post, and the emergency numbers. Seven-digit
/// 95 numbers occur as caller displays (Pinduoduo's 9541366).
pub fn short_code(digits: &str) -> Option<PhoneNumber> {
    let n = digits.len();
    let ok = matches!(digits, "110" | "119" | "120" | "122")
        || match digits.get(..2) {
            Some("95") => (5..=7).contains(&n),
            Some("96") => (5..=6).contains(&n),
            Some("10") => {
                n == 5 && digits.starts_with("100")
                    || n == 8 && digits.starts_with("1010")
                    || (8..=14).contains(&n) && digits.starts_with("106")
            }
            Some("12") => n == 5,
            Some("11") => matches!(digits, "11185" | "11183"),
            _ => false,
        };
    ok.then(|| PhoneNumber {
        region: Region::cn(),
        national: digits.to_string(),
        number_type: NumberType::ShortCode,
        extension: None,
    })
}

/// Numbers that can only be Chinese as written, for pages that print them without a country (pages
/// about Chinese brands do, even in English): 400 numbers anywhere; 800 numbers and 11-digit mobiles only
/// on a page with something Chinese about it, since elsewhere they are more likely a local number written
/// wrongly (`1 800 847 2911` on a Mexican page is not a Chinese mobile).
pub fn distinctively_chinese(digits: &str, chinese_page: bool) -> Option<PhoneNumber> {
    let shaped = match digits.len() {
        10 => digits.starts_with("400") || chinese_page && digits.starts_with("800"),
        11 => {
            chinese_page
                && digits.starts_with('1')
                && !["10", "11", "12"].iter().any(|p| digits.starts_with(p))
        }
        _ => false,
    };
    shaped
        .then(|| parse_national(digits, Region::cn()))
        .flatten()
}

/// A service number dialled after a city's area code (`010-96110`, as caller displays show police and
/// provincial lines): the trunk 0, an area code, then a 95, 96 or 12 code. Its value keeps the area code
/// (`+861096110`): that is the line a caller reaches.
pub fn area_service_number(digits: &str) -> Option<PhoneNumber> {
    let rest = digits.strip_prefix('0')?;
    service_after_area_code(rest)?;
    // The area code must be one the plan has (`0605 95588` is no landline +86 60595588), or `check` could
    // not re-read the number an audit reports.
    parse_international(&format!("86{rest}"))?;
    Some(PhoneNumber {
        region: Region::cn(),
        national: rest.to_string(),
        number_type: NumberType::FixedLine,
        extension: None,
    })
}

/// The 95, 96 or 12 service code that a national number (without the trunk 0) dials after its area code
/// (`1012345` is Beijing's `12345`).
pub fn service_after_area_code(national: &str) -> Option<&str> {
    // 400 and 800 are nationwide number ranges, never an area code (`0800 123 45` is no Beijing-style line).
    if national.starts_with("400") || national.starts_with("800") {
        return None;
    }
    // No area code starts with 0 (`0005 95588` is no landline +86 00595588): 10 and 2x, else three digits.
    let area_len = if national.starts_with("10") || national.starts_with('2') {
        2
    } else if national.starts_with(|c: char| ('3'..='9').contains(&c)) {
        3
    } else {
        return None;
    };
    let code = national.get(area_len..)?;
    let service = ["95", "96", "12"].iter().any(|p| code.starts_with(p));
    (service && short_code(code).is_some()).then_some(code)
}

/// True when `written` (digits as the page has them, read in China) gives a landline's area code without
/// the trunk prefix 0. Chinese pages write a landline as `010 …` or as a local number without area code,
/// so `10107888` is a service number, not Beijing's 107888.
pub fn lacks_trunk_prefix(written: &str, number: &PhoneNumber) -> bool {
    matches!(
        number.number_type,
        NumberType::FixedLine | NumberType::FixedLineOrMobile
    ) && !written.starts_with('0')
        && !written.starts_with("86")
}

/// A national number on the 170/171 virtual-operator (MVNO) mobile ranges, which police named the worst
/// hit by fraud because many SIMs on them were sold without real-name registration.
pub fn is_virtual_mobile(national: &str) -> bool {
    national.starts_with("170") || national.starts_with("171")
}

/// A national number on the 400 (split-charge) or 800 (free-to-caller) service ranges, which companies
/// use for incoming calls only.
pub fn is_400_or_800(national: &str) -> bool {
    national.starts_with("400") || national.starts_with("800")
}

/// The national number of a Chinese E.164 value (`+864006065500` -> `4006065500`).
pub fn national_of(value: &str) -> Option<&str> {
    value.strip_prefix("+86")
}

/// What calling a kind of number means for the person holding it (sources: `docs/numbering-cn.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Meaning {
    Cn400,
    SharedCost,
    Cn800,
    TollFree,
    CnVirtualMobile,
    Mobile,
    Landline,
    PremiumRate,
    Voip,
    PersonalNumber,
    Uan,
    PagerOrVoicemail,
    Emergency,
    AntiFraud96110,
    AntiFraud12381,
    Cn95,
    Cn96,
    Carrier100,
    Government12,
    ShortCode,
    /// Fits the shape of the region's short numbers, but the metadata lists no kind of service at it.
    PossibleShortCode,
}

impl Meaning {
    pub fn of(n: &PhoneNumber) -> Meaning {
        let cn = n.region == Region::cn();
        let code = n.national.as_str();
        match n.number_type {
            NumberType::SharedCost if cn && code.starts_with("400") => Meaning::Cn400,
            NumberType::SharedCost => Meaning::SharedCost,
            NumberType::TollFree if cn => Meaning::Cn800,
            NumberType::TollFree => Meaning::TollFree,
            NumberType::Mobile | NumberType::FixedLineOrMobile if cn && is_virtual_mobile(code) => {
                Meaning::CnVirtualMobile
            }
            NumberType::Mobile => Meaning::Mobile,
            NumberType::FixedLine | NumberType::FixedLineOrMobile => Meaning::Landline,
            NumberType::PremiumRate => Meaning::PremiumRate,
            NumberType::Voip => Meaning::Voip,
            NumberType::PersonalNumber => Meaning::PersonalNumber,
            NumberType::Uan => Meaning::Uan,
            NumberType::Pager | NumberType::Voicemail => Meaning::PagerOrVoicemail,
            // China's short codes by their prefixes; elsewhere, what the region's short-number metadata
            // says (999 in GB is an emergency number, 159 is only a short number).
            NumberType::ShortCode if !cn => match super::short::short_number(n.region, code) {
                Some(s) if s.is(super::short::ShortKind::Emergency) => Meaning::Emergency,
                Some(s) if s.is_valid() => Meaning::ShortCode,
                _ => Meaning::PossibleShortCode,
            },
            NumberType::ShortCode => match code {
                "110" | "119" | "120" | "122" => Meaning::Emergency,
                "96110" => Meaning::AntiFraud96110,
                "12381" => Meaning::AntiFraud12381,
                _ if code.starts_with("95") => Meaning::Cn95,
                _ if code.starts_with("96") => Meaning::Cn96,
                _ if code.starts_with("100") => Meaning::Carrier100,
                _ if code.starts_with("12") => Meaning::Government12,
                _ => Meaning::ShortCode,
            },
        }
    }

    pub fn text(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Meaning::Cn400, Lang::En) => {
                "A Chinese 400 number: the caller pays the local rate and the company pays the rest, so it is \
                 not free. Companies use 400 numbers for incoming calls only: a call that shows a 400 number \
                 as the caller is suspect."
            }
            (Meaning::Cn400, Lang::Zh) => {
                "400 号码：主叫付市话费、被叫付长途费，并不免费。正规企业的 400 号码只用于接听来电，不会用来外呼：\
                 显示 400 号码的来电值得警惕。"
            }
            (Meaning::SharedCost, Lang::En) => "A shared-cost number: the caller pays part of the cost.",
            (Meaning::SharedCost, Lang::Zh) => "分摊付费号码：主叫方承担部分费用。",
            (Meaning::Cn800, Lang::En) => "A Chinese 800 number: free to call, but traditionally only from landlines.",
            (Meaning::Cn800, Lang::Zh) => "800 号码：被叫付费，主叫免费，但一般只能用固定电话拨打。",
            (Meaning::TollFree, Lang::En) => "A toll-free number: free to call from inside its country.",
            (Meaning::TollFree, Lang::Zh) => "免费电话：在其所属国家/地区内拨打免费。",
            (Meaning::CnVirtualMobile, Lang::En) => {
                "A mobile number on a virtual-operator (170/171) range: these were widely used by fraudsters \
                 because many were not registered to a real name. Companies do not run hotlines on them."
            }
            (Meaning::CnVirtualMobile, Lang::Zh) => {
                "170/171 虚拟运营商手机号段：曾因大量未实名而被诈骗分子广泛使用，正规企业不会用它做客服热线。"
            }
            (Meaning::Mobile, Lang::En) => {
                "A mobile number: it belongs to a person's SIM card, not to a company's service line."
            }
            (Meaning::Mobile, Lang::Zh) => "手机号码：属于个人的 SIM 卡，而不是企业的客服热线。",
            (Meaning::Landline, Lang::En) => "An ordinary landline number; normal call charges apply.",
            (Meaning::Landline, Lang::Zh) => "普通固定电话号码，按正常话费计费。",
            (Meaning::PremiumRate, Lang::En) => "A premium-rate number: calling it costs much more than a normal call.",
            (Meaning::PremiumRate, Lang::Zh) => "高额付费号码：拨打费用远高于普通电话。",
            (Meaning::Voip, Lang::En) => "An internet (VoIP) number: anyone can rent one, anywhere.",
            (Meaning::Voip, Lang::Zh) => "网络电话（VoIP）号码：任何人在任何地方都能租用。",
            (Meaning::PersonalNumber, Lang::En) => "A personal forwarding number: it can be redirected anywhere.",
            (Meaning::PersonalNumber, Lang::Zh) => "个人转接号码：可以被转接到任何地方。",
            (Meaning::Uan, Lang::En) => "A company's universal access number.",
            (Meaning::Uan, Lang::Zh) => "企业统一接入号码。",
            (Meaning::PagerOrVoicemail, Lang::En) => "A pager or voicemail number.",
            (Meaning::PagerOrVoicemail, Lang::Zh) => "寻呼或语音信箱号码。",
            (Meaning::Emergency, Lang::En) => "An emergency number (police, fire or ambulance).",
            (Meaning::Emergency, Lang::Zh) => "紧急服务号码（报警、火警或急救）。",
            (Meaning::AntiFraud96110, Lang::En) => {
                "China's national anti-fraud warning line (police). If 96110 calls you, answer: it is warning \
                 you about a possible fraud."
            }
            (Meaning::AntiFraud96110, Lang::Zh) => {
                "96110 是全国反诈预警劝阻专线（公安）。接到 96110 来电请务必接听：这是在提醒您可能遭遇诈骗。"
            }
            (Meaning::AntiFraud12381, Lang::En) => {
                "The sender of the national anti-fraud warning text messages; those messages never contain \
                 links or numbers to call back."
            }
            (Meaning::AntiFraud12381, Lang::Zh) => {
                "12381 是国家反诈预警短信的发送号码；这些短信不含任何链接或回拨号码。"
            }
            (Meaning::Cn95, Lang::En) => {
                "A Chinese 95 short number: allocated by the telecom regulator to one company for nationwide \
                 customer service (banks, insurers, airlines, couriers, platforms)."
            }
            (Meaning::Cn95, Lang::Zh) => {
                "95 开头的短号码：由工信部分配给一家企业，用于全国客户服务（银行、保险、航空、快递、平台等）。"
            }
            (Meaning::Cn96, Lang::En) => {
                "A Chinese 96 short number: allocated by a provincial regulator for customer service in that \
                 province."
            }
            (Meaning::Cn96, Lang::Zh) => "96 开头的短号码：由省级通信管理局分配，用于本省的客户服务。",
            (Meaning::Carrier100, Lang::En) => "A Chinese carrier's customer-service number (10086, 10010, 10000).",
            (Meaning::Carrier100, Lang::Zh) => "电信运营商的客服号码（10086、10010、10000 等）。",
            (Meaning::Government12, Lang::En) => "A Chinese government or public-service number.",
            (Meaning::Government12, Lang::Zh) => "政府或公共服务号码。",
            (Meaning::ShortCode, Lang::En) => {
                "A short service number: it is dialled only inside its own country, without a country code."
            }
            (Meaning::ShortCode, Lang::Zh) => "短号码：只能在其所属国家/地区内直接拨打，不加国家代码。",
            (Meaning::PossibleShortCode, Lang::En) => {
                "Possibly a short service number: it has the shape of this country's short numbers, but the \
                 numbering data lists no service at it, so it is not confirmed. Look it up on the organisation's \
                 own site before you call."
            }
            (Meaning::PossibleShortCode, Lang::Zh) => {
                "可能是短号码：它符合该国家/地区短号码的格式，但号码资料中没有登记任何服务，无法确认。\
                 拨打前请到该机构的官方网站核实。"
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_numbers_after_an_area_code() {
        let v = |d: &str| area_service_number(d).map(|n| n.value());
        assert_eq!(v("01096110").as_deref(), Some("+861096110"));
        assert_eq!(v("057196110").as_deref(), Some("+8657196110"));
        assert_eq!(v("02195588").as_deref(), Some("+862195588"));
        assert_eq!(v("01012345678"), None, "a Beijing landline");
        assert_eq!(v("96110"), None, "no area code");
        assert_eq!(v("0101008"), None, "10086 cut short is no code");
        assert_eq!(
            v("080012345"),
            None,
            "800 is no area code (found by the structured_page fuzz target)"
        );
        assert_eq!(
            v("000595588"),
            None,
            "no area code starts with 0 (found by the structured_page fuzz target)"
        );
        assert_eq!(
            v("060595588"),
            None,
            "605 is no area code (found by the structured_page fuzz target)"
        );
    }

    #[test]
    fn service_numbers_dialled_as_written() {
        for code in [
            "10107888",
            "1069095311",
            "10665185",
            "95588",
            "12381",
            "11185",
        ] {
            assert!(short_code(code).is_some(), "{code}");
        }
        for not in ["1010788", "106", "10612", "1011234567", "13800138000"] {
            assert!(short_code(not).is_none(), "{not}");
        }
    }

    #[test]
    fn short_codes() {
        for ok in [
            "95588", "950618", "96110", "10086", "12315", "110", "11185", "9541366",
        ] {
            assert!(short_code(ok).is_some(), "{ok}");
        }
        for bad in ["100101", "1234", "12", "9999", "123456", "95"] {
            assert!(short_code(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn short_codes_elsewhere_are_not_read_as_chinese() {
        let meaning = |region: &str, code: &str| {
            Meaning::of(&PhoneNumber {
                region: Region::by_id(region).unwrap(),
                national: code.to_string(),
                number_type: NumberType::ShortCode,
                extension: None,
            })
        };
        assert_eq!(meaning("CN", "110"), Meaning::Emergency);
        assert_eq!(meaning("CN", "95588"), Meaning::Cn95);
        assert_eq!(meaning("GB", "999"), Meaning::Emergency);
        assert_eq!(meaning("GB", "159"), Meaning::ShortCode);
        // Possible in GB but no kind of service there; 12 is China's government prefix only.
        assert_eq!(meaning("GB", "12345"), Meaning::PossibleShortCode);
        assert_eq!(meaning("GB", "7726"), Meaning::PossibleShortCode);
        assert_eq!(meaning("US", "95588"), Meaning::ShortCode);
    }

    #[test]
    fn shapes_that_can_only_be_chinese() {
        assert!(distinctively_chinese("4006065500", false).is_some());
        assert!(distinctively_chinese("13800138000", true).is_some());
        assert!(
            distinctively_chinese("18008472911", false).is_none(),
            "not on a page with nothing Chinese about it"
        );
        assert!(
            distinctively_chinese("12345678901", true).is_none(),
            "12 is a government prefix"
        );
        assert!(distinctively_chinese("2125550123", true).is_none());
        assert!(is_virtual_mobile("17012345678") && !is_virtual_mobile("13812345678"));
    }
}
