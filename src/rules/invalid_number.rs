//! `invalid-number`: presented as a phone number, but not valid for its country.

use super::{finding, Check, Finding, Rule, Severity, Template, Text};
use crate::context::Page;
use crate::model::{Claim, Kind};
use crate::reference::Reference;

const CHECK: Check = Check::Claim(check);

fn check(_: &Page, c: &Claim, _: &Reference) -> Option<Finding> {
    if c.kind != Kind::InvalidPhone {
        return None;
    }
    Some(match c.region.as_deref() {
        Some(region) => finding("in_region", &[("raw", &c.raw), ("region", region)]),
        None => finding("anywhere", &[("raw", &c.raw)]),
    })
}

pub const RULE: Rule = Rule {
    id: "invalid-number",
    severity: Severity::Medium,
    message: Text {
        en: "presented as a phone number, but not a valid number for its country",
        zh: "以电话号码的形式给出，但在其所属国家/地区不是有效号码",
    },
    why: "A number with a digit too many or too few, or in a range no operator uses, cannot be dialled as written; pages that make up numbers produce them. The number is checked against libphonenumber's numbering plans, matching the whole national number. It is reported only where the page presents it as a number to call (a label, a call word, a country directory row, a leading +).",
    sources: &[
        "https://github.com/google/libphonenumber (resources/PhoneNumberMetadata.xml: the numbering plans, compiled in by build.rs)",
        "docs/numbering-cn.md (China's short service numbers)",
    ],
    evidence: &[
        Template {
            case: "in_region",
            en: "{raw} is not a valid number in {region} (wrong length or an unassigned range)",
            zh: "{raw} 不是 {region} 的有效号码（位数不对，或号段未分配）",
        },
        Template {
            case: "anywhere",
            en: "{raw} is not a valid number in any country (wrong length or an unassigned range)",
            zh: "{raw} 在任何国家/地区都不是有效号码（位数不对，或号段未分配）",
        },
    ],
    check: CHECK,
    positive: &[
        "京东客服电话大全\n客服热线：400-606-55001",
        "JD.com Global Helpline Numbers\n- United Kingdom: +44 20 3865 92001",
        "拼多多客服电话\n拼多多客服电话：400-826-666",
        "美团外卖客服电话\n请拨打美团骑手客服 138 1234 56789",
        "淘宝客服热线\n淘宝人工客服：160-1234-5678",
        "PayPal Customer Care Numbers Worldwide\n- France: +33 1 70 37 82 001",
        "Amazon UK Customer Service\nCall Amazon UK on 07824 56123",
        "Apple Support Asia Pacific\n- Japan: +81 3 4578 805",
        "Apple Support Asia Pacific\n- Thailand: 001 800 101 9999",
        "Apple Support Worldwide\n- International hotline: +999 2345 6789",
    ],
    negative: &[
        "京东客服电话大全\n客服热线：400-606-5500",
        "京东订单查询\n订单号 1234567890123\n客服热线：400-606-5500",
        "拼多多客服电话\n更新日期：2024-03-15\n拼多多客服电话：400-826-6666",
        "顺丰快递查询\n运单号：773456789012\n顺丰客服热线：95338",
        "Amazon Books Customer Service\nISBN: 978-7-115-42820-4\nAmazon customer service: 1-888-280-4331",
        "PayPal Resolution Center\nTicket ID: 12345678\nPayPal customer service: 1-888-555-0147",
        "JD.com Global Helpline Numbers\n- United Kingdom: +44 20 3865 9200\n- Germany: +49 69 1208 1850",
        "淘宝账号安全\n验证码：583920，请勿告诉他人\n淘宝客服热线：400-800-1688",
    ],
};
