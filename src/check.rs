//! `hotline check VALUE`: one phone number or address, normalized and explained for the person holding it.

use serde::Serialize;

use crate::claim::Claim;
use crate::crosscheck::Conflict;
use crate::mention::{email, Kind};
use crate::normalize::{parse_cn_short_code, parse_international, parse_national, PhoneNumber};
use crate::numbering::{NumberType, Region};
use crate::reference::{Reference, Status};
use crate::text::find_ignore_ascii_case;
use crate::verify::{base_value, Listed};

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
    /// What this kind of number means for someone calling it.
    pub meaning: Option<Meaning>,
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
        meaning: Some(Meaning::of(&number)),
    })
}

/// Splits `400 606 5500 ext 3` / `4006561155转3` / `;ext=3` into the number and the extension.
fn split_extension(s: &str) -> (&str, Option<String>) {
    for marker in [";ext=", "ext.", "ext", "转", "分机", "x", "#"] {
        if let Some(i) = find_ignore_ascii_case(s, marker) {
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

/// Language of the answers for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

/// What calling a kind of number means (facts from `numbering_cn.md`).
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
}

impl Meaning {
    pub fn of(n: &PhoneNumber) -> Meaning {
        let cn = n.region.id() == "CN";
        let code = n.national.as_str();
        match n.number_type {
            NumberType::SharedCost if cn && code.starts_with("400") => Meaning::Cn400,
            NumberType::SharedCost => Meaning::SharedCost,
            NumberType::TollFree if cn => Meaning::Cn800,
            NumberType::TollFree => Meaning::TollFree,
            NumberType::Mobile | NumberType::FixedLineOrMobile
                if cn && (code.starts_with("170") || code.starts_with("171")) =>
            {
                Meaning::CnVirtualMobile
            }
            NumberType::Mobile => Meaning::Mobile,
            NumberType::FixedLine | NumberType::FixedLineOrMobile => Meaning::Landline,
            NumberType::PremiumRate => Meaning::PremiumRate,
            NumberType::Voip => Meaning::Voip,
            NumberType::PersonalNumber => Meaning::PersonalNumber,
            NumberType::Uan => Meaning::Uan,
            NumberType::Pager | NumberType::Voicemail => Meaning::PagerOrVoicemail,
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
            (Meaning::Emergency, Lang::En) => "A Chinese emergency number.",
            (Meaning::Emergency, Lang::Zh) => "中国紧急服务号码。",
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
            (Meaning::ShortCode, Lang::En) => "A Chinese short service number.",
            (Meaning::ShortCode, Lang::Zh) => "中国短号码。",
        }
    }
}

/// What the reference says about a value on its own, whoever claims it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Listed as official for some organisation.
    Official,
    /// Listed as used by scammers.
    ReportedScam,
    /// Listed as a former contact.
    Retired,
    /// Listed, but only by sources the organisation does not own.
    ListedUnconfirmed,
    /// Not in the reference.
    Unverified,
}

/// The whole answer to `hotline check VALUE [--in PATH...]`.
#[derive(Debug, Clone, Serialize)]
pub struct CheckAnswer {
    #[serde(flatten)]
    pub identified: Identified,
    pub standing: Standing,
    /// Reference rows for this value.
    pub listed: Vec<Listed>,
    /// How many documents were searched (`--in`), and where the value appears in them.
    pub documents: usize,
    /// The first claims of the value found (at most `MAX_APPEARANCES`).
    pub appearances: Vec<Claim>,
    /// All claims of the value found, and the documents holding them (beyond those listed).
    pub appearances_total: usize,
    pub pages_total: usize,
    /// Conflicts between sources that involve the value.
    pub conflicts: Vec<Conflict>,
    /// The organisation whose listed contacts are offered instead, and those contacts.
    pub alternatives_for: Option<String>,
    pub alternatives: Vec<Listed>,
}

/// Claims of one value listed in an answer; the rest are counted. A folder of a million pages can hold
/// the value tens of thousands of times: memory and output stay bounded.
pub const MAX_APPEARANCES: usize = 50;

/// Where a value appears in the documents searched, gathered as their results stream by: the first
/// `MAX_APPEARANCES` claims are kept and the rest counted, so memory does not grow with the folder.
#[derive(Debug, Default)]
pub struct Appearances {
    value: String,
    documents: usize,
    claims: Vec<Claim>,
    total: usize,
    pages: usize,
    /// How often each organisation and role is claimed for the value (few distinct ones).
    orgs: Vec<(String, usize)>,
    roles: Vec<(String, usize)>,
}

impl Appearances {
    pub fn of(value: &str) -> Appearances {
        Appearances {
            value: base_value(value).to_string(),
            ..Appearances::default()
        }
    }

    /// Adds one document's claims.
    pub fn add_document(&mut self, claims: &[Claim]) {
        self.documents += 1;
        let mut on_page = false;
        for c in claims.iter().filter(|c| base_value(&c.value) == self.value) {
            on_page = true;
            self.total += 1;
            count(&mut self.orgs, c.org.as_deref());
            count(&mut self.roles, c.role.as_deref());
            if self.claims.len() < MAX_APPEARANCES {
                self.claims.push(c.clone());
            }
        }
        self.pages += usize::from(on_page);
    }
}

fn count(counts: &mut Vec<(String, usize)>, item: Option<&str>) {
    let Some(item) = item else { return };
    match counts.iter_mut().find(|(i, _)| i == item) {
        Some((_, n)) => *n += 1,
        None => counts.push((item.to_string(), 1)),
    }
}

fn most_common(counts: &[(String, usize)]) -> Option<String> {
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .map(|(i, _)| i.clone())
}

/// Looks a value up in the reference and, when documents were audited, in their claims and conflicts.
pub fn answer(
    identified: Identified,
    reference: &Reference,
    appearances: Appearances,
    conflicts: &[Conflict],
) -> CheckAnswer {
    let value = identified.value.clone();
    let listed: Vec<Listed> = reference
        .rows_for(&value)
        .chain(
            reference
                .rows_for(base_value(&value))
                .filter(|_| base_value(&value) != value),
        )
        .map(Listed::from)
        .collect();
    let standing = [
        (Status::Official, Standing::Official),
        (Status::ReportedScam, Standing::ReportedScam),
        (Status::Retired, Standing::Retired),
        (Status::Unconfirmed, Standing::ListedUnconfirmed),
    ]
    .into_iter()
    .find(|(status, _)| listed.iter().any(|l| l.status == *status))
    .map_or(Standing::Unverified, |(_, standing)| standing);
    let conflicts: Vec<Conflict> = conflicts
        .iter()
        .filter(|c| c.involves(&value))
        .cloned()
        .collect();

    // Alternatives for the organisation the value is listed for, else the one pages claim it for most.
    let claimed_org = most_common(&appearances.orgs);
    let org = listed.first().map(|l| l.org.clone()).or(claimed_org);
    let role = listed
        .first()
        .and_then(|l| l.role.clone())
        .or_else(|| most_common(&appearances.roles));
    let alternatives = org
        .as_deref()
        .map(|o| {
            crate::verify::alternatives(reference, o, role.as_deref())
                .into_iter()
                .filter(|c| base_value(&c.value) != base_value(&value))
                .map(Listed::from)
                .collect()
        })
        .unwrap_or_default();
    CheckAnswer {
        identified,
        standing,
        listed,
        documents: appearances.documents,
        appearances_total: appearances.total,
        pages_total: appearances.pages,
        appearances: appearances.claims,
        conflicts,
        alternatives_for: org,
        alternatives,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cn() -> Region {
        Region::by_id("CN").unwrap()
    }

    #[test]
    fn answers_from_the_reference() {
        let r = Reference::embedded();
        let official = answer(
            identify("021-53395288", cn()).unwrap(),
            r,
            Appearances::default(),
            &[],
        );
        assert_eq!(official.standing, Standing::Official);
        assert_eq!(official.listed[0].org, "Pinduoduo");
        let unknown = answer(
            identify("400-656-0055", cn()).unwrap(),
            r,
            Appearances::default(),
            &[],
        );
        assert_eq!(unknown.standing, Standing::Unverified);
        assert!(
            unknown.alternatives.is_empty(),
            "no page names an organisation for it"
        );
    }

    #[test]
    fn identifies_numbers_and_addresses() {
        let a = identify("400-656-0055", cn()).unwrap();
        assert_eq!(a.value, "+864006560055");
        assert_eq!(a.number_type, Some(NumberType::SharedCost));
        assert_eq!(a.meaning, Some(Meaning::Cn400));
        assert!(Meaning::Cn400.text(Lang::En).contains("not free"));
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
