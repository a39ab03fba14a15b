//! `region-mismatch`: a country's directory row holding another country's number.

use super::{finding, Check, Finding, Rule, Severity, Template, Text};
use crate::context::Page;
use crate::model::{Claim, Kind};
use crate::numbering::Region;
use crate::reference::Reference;

const CHECK: Check = Check::Claim(check);

fn check(_: &Page, c: &Claim, _: &Reference) -> Option<Finding> {
    let iso = c
        .attribution
        .role
        .as_deref()?
        .strip_prefix("international:")?;
    let named = Region::by_id(iso)?;
    let actual = Region::by_id(c.region.as_deref()?)?;
    if c.kind != Kind::Phone || named.country_code() == actual.country_code() {
        return None;
    }
    let code = actual.country_code().to_string();
    Some(finding(
        "other_country",
        &[("listed", iso), ("code", &code), ("actual", actual.id())],
    ))
}

pub const RULE: Rule = Rule {
    id: "region-mismatch",
    severity: Severity::Medium,
    message: Text {
        en: "listed for one country, but the number belongs to another",
        zh: "列在一个国家/地区名下，号码却属于另一个国家/地区",
    },
    why: "A directory row such as 'Germany: +86 ...' sends a German caller to a Chinese number, at international rates, and is a sign the list was assembled without care or to mislead. The rule compares the country the page names for the row with the country code of the number.",
    sources: &[
        "https://www.fcc.gov/sophisticated-spoofing-tactics-used-tech-support-scam (verify support numbers from the company's own bills, statements or pages)",
        "docs/scam-signals.md (toll-free numbers for countries where the brand has no presence)",
    ],
    evidence: &[
        Template {
            case: "other_country",
            en: "listed for {listed}, but +{code} is {actual}'s country code",
            zh: "列在 {listed} 名下，但 +{code} 是 {actual} 的国家代码",
        },
    ],
    check: CHECK,
    positive: &[
        "JD.com Global Helpline Numbers\n- Germany: +86 21 6195 9999",
        "PayPal Customer Care Numbers Worldwide\n- United Kingdom: +1 888 505 8792",
        "Amazon International Helpline\n- Japan: +44 20 3865 9200\n- Australia: +61 2 8006 6670",
        "Apple Support Worldwide\n- Australia: +64 9 887 1234",
        "京东海外客服电话\n- 德国：+86 400 606 5500",
        "拼多多海外客服电话\n- 新加坡：+852 3018 6699\n- 日本：+81 3 4578 1250",
        "淘宝全球客服电话\n| 国家 | 客服电话 |\n| 英国 | +86 10 8888 1234 |\n| 日本 | +81 3 4578 1250 |",
    ],
    negative: &[
        "JD.com Global Helpline Numbers\n- Germany: +49 69 1208 1850",
        "PayPal Customer Care Numbers Worldwide\n- Canada: +1 888 505 8792",
        "JD.com Global Helpline Numbers\n- Germany: 069 1208 1850",
        "JD.com Global Helpline Numbers\n- Overseas customer service (from Germany): +86 21 6195 9999",
        "京东海外客服电话\n- 海外用户客服热线（英国）：+86 10 8888 1234",
        "京东海外客服电话\n- 英国：+44 20 3865 9200\n- 日本：+81 3 4578 8050",
        "支付宝香港客服\n- 香港：+852 3018 6699",
        "拼多多海外客服电话\n- 日本：03-4578-8050",
    ],
};
