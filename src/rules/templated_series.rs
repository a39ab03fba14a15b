//! `templated-series`: numbers for four or more countries on one page that end with the same three or
//! four digits, as template-generated helpline directories have.

use std::collections::BTreeMap;

use super::{finding, Check, Finding, Rule, Severity, Template, Text};
use crate::model::{base_value, Claim, Kind};
use crate::numbering::Region;

const CHECK: Check = Check::Page(check);

fn check(claims: &[Claim]) -> Vec<(usize, Finding)> {
    let phones: Vec<(usize, u16, &str)> = claims
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c.kind, Kind::Phone | Kind::InvalidPhone))
        .filter_map(|(i, c)| {
            let code = Region::by_id(c.region.as_deref()?)?.country_code();
            Some((i, code, base_value(&c.value)))
        })
        .collect();
    let mut flagged: Vec<(usize, Finding)> = Vec::new();
    for width in [4, 3] {
        let mut endings: BTreeMap<&str, Vec<(usize, u16)>> = BTreeMap::new();
        for &(i, code, digits) in &phones {
            if digits.len() > width + 4 {
                endings
                    .entry(&digits[digits.len() - width..])
                    .or_default()
                    .push((i, code));
            }
        }
        for (ending, members) in endings {
            let mut countries: Vec<u16> = members.iter().map(|&(_, c)| c).collect();
            countries.sort_unstable();
            countries.dedup();
            if countries.len() >= 4 {
                let count = countries.len().to_string();
                for (i, _) in members {
                    if !flagged.iter().any(|(f, _)| *f == i) {
                        let facts = [("countries", count.as_str()), ("ending", ending)];
                        flagged.push((i, finding("series", &facts)));
                    }
                }
            }
        }
    }
    flagged
}

pub const RULE: Rule = Rule {
    id: "templated-series",
    severity: Severity::High,
    message: Text {
        en: "one of many numbers for different countries that end the same way",
        zh: "多个国家/地区的号码结尾相同，像是模板生成的",
    },
    why: "Invented helpline directories are generated from a template: the same last digits glued to each country's prefix (one SEO page lists about 20 countries all ending in 8050, another about 20 ending in 9999). Real companies do not get the same ending in twenty countries. The rule fires when four or more numbers for different countries on one page share their last three or four digits.",
    sources: &[
        "docs/scam-signals.md (one ending repeated across many countries)",
        "fixtures/seeds/000_d9a7547db497ca30.txt and 002_7afdf4f3c9e2eaf0.txt (about 20 countries ending in 8050 and 9999)",
    ],
    evidence: &[
        Template {
            case: "series",
            en: "{countries} countries on this page have numbers ending in {ending}",
            zh: "本页有 {countries} 个国家/地区的号码都以 {ending} 结尾",
        },
    ],
    check: CHECK,
    positive: &[
        "JD.com Global Helpline Numbers\n- United Kingdom: +44 20 3865 8050\n- Germany: +49 69 1208 8050\n- Japan: +81 3 4578 8050\n- Singapore: +65 3158 8050\n- Australia: +61 2 8006 8050",
        "PayPal Customer Care Numbers Worldwide\n- United Kingdom: +44 20 3865 9999\n- France: +33 1 70 37 99 99\n- Australia: +61 2 8006 9999\n- Japan: +81 3 4578 9999",
        "Amazon International Toll-Free Numbers\n- UK: 0800 028 9999\n- Australia: 1800 639 999\n- Hong Kong: 800 90 9999\n- New Zealand: 0800 45 9999",
        "京东海外客服电话\n- 英国：+44 20 3865 6688\n- 德国：+49 30 2555 6688\n- 法国：+33 1 70 37 66 88\n- 日本：+81 3 4578 6688",
        "京东国际客服热线\n- 英国：020 3865 8050\n- 德国：069 1208 8050\n- 法国：01 70 37 80 50\n- 澳大利亚：(02) 8006 8050",
        "拼多多海外客服电话\n- 英国：+44 20 3865 1888\n- 德国：+49 69 1208 2888\n- 日本：+81 3 4578 3888\n- 新加坡：+65 6715 4888",
        "淘宝全球客服电话\n| 国家 | 客服电话 |\n| 英国 | +44 20 3865 8050 |\n| 德国 | +49 69 1208 8050 |\n| 日本 | +81 3 4578 8050 |\n| 新加坡 | +65 3158 8050 |",
    ],
    negative: &[
        "JD.com Global Helpline Numbers\n- United Kingdom: +44 20 3865 9200\n- Germany: +49 69 1208 1850\n- Japan: +81 3 4578 1250\n- Singapore: +65 6715 4888\n- South Korea: +82 2 6213 9080",
        "PayPal Customer Care Numbers Worldwide\n- United Kingdom: +44 20 3865 8050\n- Germany: +49 69 1208 8050\n- Japan: +81 3 4578 8050\n- Australia: +61 2 8006 6670",
        "Amazon UK Department Numbers\n- UK orders: 020 3865 8050\n- UK returns: 0161 496 8050\n- UK Prime: 0113 496 8050\n- UK business: 0117 496 8050",
        "京东各地客服电话\n- 北京：010-6511 8050\n- 上海：021-6495 8050\n- 广州：020-3811 8050\n- 深圳：0755-2631 8050",
        "拼多多海外客服电话\n- 英国：+44 20 3865 1250\n- 德国：+49 69 1208 3450\n- 法国：+33 1 70 37 56 50\n- 新加坡：+65 6715 7850",
        "京东海外客服电话\n- 英国：+44 20 3865 8050\n- 英国（伦敦）：+44 20 3865 8050\n- 德国：+49 69 1208 8050\n- 日本：+81 3 4578 8050",
        "淘宝全球客服电话\n| 国家 | 客服电话 |\n| 英国 | +44 20 3865 9200 |\n| 德国 | +49 69 1208 1850 |\n| 日本 | +81 3 4578 8050 |\n| 新加坡 | +65 3158 8050 |",
    ],
};
