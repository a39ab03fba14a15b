//! `tollfree-mismatch`: a number called free that is not free to call (a Chinese 400 number is
//! split-charge), or a premium-rate number called a local call.

use super::{context_lines, finding, Check, Finding, Rule, Severity, Template, Text};
use crate::context::Page;
use crate::data::cues;
use crate::model::{Claim, Kind, NumberType};
use crate::numbering::Region;
use crate::reference::Reference;

const CHECK: Check = Check::Claim(check);

fn check(page: &Page, c: &Claim, _: &Reference) -> Option<Finding> {
    let t = c.number_type?;
    let lines = context_lines(page, c);
    if t == NumberType::PremiumRate {
        let said = lines.iter().find(|l| cues("local_rate").contains(l))?;
        return Some(finding("premium", &[("quote", said.trim())]));
    }
    if t == NumberType::TollFree || c.kind != Kind::Phone {
        return None;
    }
    let said = lines
        .iter()
        .find(|l| cues("free").contains(l) && !cues("negation").contains(l))?;
    let cn_400 = t == NumberType::SharedCost && c.region.as_deref() == Some(Region::cn().id());
    let case = if cn_400 { "not_free_400" } else { "not_free" };
    Some(finding(
        case,
        &[("quote", said.trim()), ("number_type", t.as_str())],
    ))
}

pub const RULE: Rule = Rule {
    id: "tollfree-mismatch",
    severity: Severity::Medium,
    message: Text {
        en: "called free or toll-free, but this kind of number is not free to call",
        zh: "被称为免费电话，但这类号码拨打并不免费",
    },
    why: "Pages that invent hotlines reuse the 'toll-free number' template whatever the number is. In China a 400 number is split-charge: the caller pays the local-access fee and the called party the long-distance part (官方名称 主被叫分摊付费业务); only 800 numbers are free to the caller, and traditionally only from landlines. A 400 number sold as toll-free, or a premium-rate number sold as a local call, shows the page does not know what it is listing.",
    sources: &[
        "https://www.tollfreechina.com/ecosystem/ (a 400 call: the caller pays the local access fee, the company the long-distance part)",
        "http://www.pulsestar.cn/news/1740.html (400免费电话不是免费的: 400 numbers are not free)",
        "docs/numbering-cn.md (400 and 800 numbers)",
    ],
    evidence: &[
        Template {
            case: "premium",
            en: "a premium-rate number presented as a local call: “{quote}”",
            zh: "高额付费号码却被说成按市话计费：“{quote}”",
        },
        Template {
            case: "not_free",
            en: "called free in “{quote}”, but it is a {number_type} number",
            zh: "页面称其免费（“{quote}”），但它是{number_type}号码",
        },
        Template {
            case: "not_free_400",
            en: "called free in “{quote}”, but it is a {number_type} number (400: the caller pays the local rate)",
            zh: "页面称其免费（“{quote}”），但它是{number_type}号码（400 号码由主叫支付市话费）",
        },
    ],
    check: CHECK,
    positive: &[
        "京东客服电话大全\n京东免费客服电话：400-606-5500\n服务时间：24小时",
        "拼多多客服热线汇总\n拼多多全国免费热线：400-826-6666（7×24小时）",
        "美团外卖客服电话\n全国免费服务热线：\n400-660-5335",
        "淘宝客服电话\n淘宝人工客服（免长途费）：0571-8815 8090",
        "JD.com Customer Service Numbers\nJD.com toll-free number: 400-606-5500 (24/7)",
        "Amazon UK Customer Service\nAmazon UK toll free helpline: +44 20 3865 9200",
        "PayPal UK Help Numbers\nFreephone (UK): 0161 496 0734",
        "Microsoft Support UK\nLocal rate support line (UK): 0906 302 4567",
        "Amazon Toll-Free Numbers (China)\n- Customer service: 400-910-5668",
    ],
    negative: &[
        "Amazon UK Customer Service\n- UK freephone: 0800 028 9999",
        "京东客服电话大全\n京东免费服务电话：800-810-1234",
        "PayPal Customer Service Numbers\nUS toll-free: 1-888-555-0147",
        "京东客服电话大全\n京东客服热线：400-606-5500（24小时）",
        "京东客服电话大全\n京东客服热线：400-606-5500（注意：400号码并非免费电话，主叫需支付市话费）",
        "JD.com Customer Service Numbers\nJD.com hotline: 400-606-5500 (not toll-free: callers pay the local rate)",
        "Apple Support Japan\n- Japan (free dial): 0120-277-535",
        "支付宝香港客服\n香港免费电话：800 906 313",
        "Microsoft Support UK\nMicrosoft UK support (local rate): 0344 800 2400",
    ],
};
