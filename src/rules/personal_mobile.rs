//! `personal-mobile`: a personal mobile number offered as a company's line.

use super::{company, finding, Check, Finding, Rule, Severity, Template, Text};
use crate::context::Page;
use crate::model::{Claim, NumberType};
use crate::numbering::cn;
use crate::reference::Reference;

const CHECK: Check = Check::Claim(check);

fn check(_: &Page, c: &Claim, reference: &Reference) -> Option<Finding> {
    if c.number_type != Some(NumberType::Mobile) {
        return None;
    }
    let org = company(c, reference)?;
    let virtual_range = cn::national_of(&c.value).is_some_and(cn::is_virtual_mobile);
    let case = if virtual_range { "virtual" } else { "mobile" };
    Some(finding(case, &[("org", &org)]))
}

pub const RULE: Rule = Rule {
    id: "personal-mobile",
    severity: Severity::High,
    message: Text {
        en: "a personal mobile number offered as a company's line",
        zh: "把个人手机号当作企业的客服线路",
    },
    why: "Companies run customer service on short codes (95xxx), 400/800 numbers or landlines, not on one person's SIM card. A mobile number given as a brand's hotline, WhatsApp or SMS line reaches whoever holds that SIM. Numbers on the 170/171 virtual-operator ranges deserve extra care: police warned in 2016 that they were the 'worst-hit area' of telecom fraud because many were not registered to a real name, and MIIT ordered every 170/171 user re-verified.",
    sources: &[
        "http://district.ce.cn/newarea/roll/201609/05/t20160905_15613297.shtml (2016: 170、171号段成了非实名手机号的重灾区)",
        "https://www.newton.com.tw/wiki/170/19140305 (MIIT ordered every 170/171 user re-verified)",
        "docs/scam-signals.md (contact routes outside the company: a personal mobile)",
    ],
    evidence: &[
        Template {
            case: "virtual",
            en: "a 170/171 virtual-operator mobile, offered as {org}'s line (these ranges were widely used in fraud)",
            zh: "170/171 虚拟运营商手机号，却被当作{org}的线路（这些号段曾被大量用于诈骗）",
        },
        Template {
            case: "mobile",
            en: "a mobile number offered as {org}'s line",
            zh: "个人手机号码，却被当作{org}的线路",
        },
    ],
    check: CHECK,
    positive: &[
        "京东客服电话大全\n京东人工客服手机：13812345678",
        "拼多多退款客服\n拼多多退款专员电话：159-2187-6543",
        "淘宝客服热线\n淘宝官方客服：170 2345 6789",
        "支付宝客服电话\n支付宝人工客服：17123456789",
        "Amazon UK Customer Service\nAmazon UK refunds line: 07824 561230",
        "Amazon India Customer Care\nAmazon customer care number (India): 98765 43210",
        "JD.com Customer Service Numbers\nJD.com support hotline: +86 138 1013 2456",
        "PayPal Support\nPayPal helpline (SMS and calls): +44 7459 812345",
    ],
    negative: &[
        "京东客服电话大全\n京东客服热线：400-606-5500\n也可拨打950618",
        "工商银行客服电话\n工商银行客服热线：95588\n总行电话：010-6610 6114",
        "二手自行车转让\n九成新山地车，有意者请联系：13812345678（张先生）",
        "Lost dog found near the park\nPlease call the owner on 07824 561230 (UK)",
        "Amazon Customer Service\nAmazon customer service: 1-206-921-4587",
        "Apple Support UK\nAppleCare UK: +44 20 3865 9200",
        "美团客服电话\n美团总部电话：010-5637 6500",
        "京东客服电话大全\n京东客服热线：400-606-5500\n广告：二手手机回收请致电13912345678",
    ],
};
