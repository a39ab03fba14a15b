//! `conflict`: the claim contradicts one seen earlier in the run, or the reference's official number for
//! its role. Raised by the cross-check (`crosscheck.rs`) as documents arrive in input order.

use super::{Check, Rule, Severity, Template, Text};

const CHECK: Check = Check::CrossCheck;

pub const RULE: Rule = Rule {
    id: "conflict",
    severity: Severity::Medium,
    message: Text {
        en: "contradicts what another source (or the same page) says",
        zh: "与其他来源（或同一页面）的说法相矛盾",
    },
    why: "Sources that give different numbers for the same role, or different roles or hours for the same number, cannot all be right; at least one is invented or outdated. In a streamed run the signal marks the claim that contradicts one seen earlier; the conflict records at the end list every side.",
    sources: &[
        "fixtures/seeds/001_d1cf8ef2f5378ac3.txt and 003_6769d65fc4511666.txt (two different JD PLUS member lines: 400-656-0055 and 400-026-0598)",
    ],
    evidence: &[
        Template {
            case: "role_value",
            en: "{org} {role} is given as {other} at {place}",
            zh: "{org} 的 {role} 在 {place} 给的是 {other}",
        },
        Template {
            case: "reference",
            en: "the reference's official {org} {role} number is {official}",
            zh: "参考清单中 {org} 的官方 {role} 号码是 {official}",
        },
        Template {
            case: "value_claims",
            en: "{value} is claimed differently at {place}",
            zh: "{value} 在 {place} 的说法不同",
        },
    ],
    check: CHECK,
    positive: &[
        "京东热线\nPLUS 会员专属热线：400-656-0055\nPLUS 会员热线：400-026-0598",
        "京东客服电话大全\n京东售后服务热线：400-606-5500\n---8<---\n京东客服电话\n京东售后热线：400-606-1234",
        "京东客服电话大全\n京东客服热线：400-606-5500\n---8<---\n拼多多客服电话\n拼多多客服热线：400-606-5500",
        "京东热线\n售后服务热线：400-606-5500\n商家入驻热线：400-606-5500",
        "京东客服电话大全\n京东客服热线：400-606-5500（24小时）\n---8<---\n京东客服电话\n京东客服热线：400-606-5500（9:00-18:00）",
        "JD.com Seller Support\nSeller support hotline: 400-622-3377\nMerchant hotline: 400-622-3388",
        "PayPal Customer Service\nPayPal customer service: 1-888-555-0147\n---8<---\nPayPal Help\nPayPal customer service: 1-402-935-2050",
        "Amazon Customer Service\nAmazon customer service: 1-888-280-4331\n---8<---\nPayPal Help\nPayPal customer service: 1-888-280-4331",
    ],
    negative: &[
        "京东客服电话大全\n客服热线：400-606-5500\n如需帮助，请拨打客服热线：400-606-5500",
        "京东客服电话大全\n客服热线：400-606-5500\n商家客服热线：400-622-3377",
        "JD.com Support\nSupport email: support@jd.com\nSupport email: help@jd.com",
        "京东热线\n售后服务\n400-606-5500\n400-606-1234",
        "京东客服电话大全\n京东客服热线：400-606-5500\n---8<---\n京东客服电话\n京东客服热线：400-606-5500",
        "京东客服电话大全\n京东客服热线：400-606-5500\n---8<---\n美团客服电话\n美团客服热线：400-660-5335",
        "Temu Customer Service\nTemu customer service: 1-888-555-0147 (24/7)\n---8<---\nTemu Help\nTemu customer service: 1-888-555-0147 (24/7)",
        "JD.com Contacts\nCustomer service hotline: 400-606-5500\nSeller support hotline: 400-622-3377",
    ],
};
