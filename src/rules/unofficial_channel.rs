//! `unofficial-channel`: support offered on a messaging app the organisation is not known to use.

use super::{company, finding, Check, Finding, Rule, Severity, Template, Text};
use crate::context::Page;
use crate::model::Claim;
use crate::reference::Reference;

const CHECK: Check = Check::Claim(check);

/// Channels a fake agent moves a victim to; SMS and fax are how companies reach people too.
const MESSAGING_APPS: &[&str] = &["whatsapp", "telegram", "viber", "wechat"];

fn check(_: &Page, c: &Claim, reference: &Reference) -> Option<Finding> {
    let channel = c.attribution.channel?;
    if !MESSAGING_APPS.contains(&channel) {
        return None;
    }
    let org = company(c, reference)?;
    let uses = |o: &str| {
        reference
            .org(o)
            .is_some_and(|o| o.messaging.iter().any(|m| m.starts_with(channel)))
    };
    let known = reference
        .orgs
        .iter()
        .any(|o| reference.is_ancestor(&o.name, &org) && uses(&o.name));
    (!known).then(|| finding("channel", &[("org", &org), ("channel", channel)]))
}

pub const RULE: Rule = Rule {
    id: "unofficial-channel",
    severity: Severity::High,
    message: Text {
        en: "official support claimed on a messaging app the organisation does not use",
        zh: "声称在该机构并不使用的聊天软件上提供官方客服",
    },
    why: "Fake customer-service scams move victims to WhatsApp, Telegram or a personal WeChat/QQ, where the 'agent' asks for card numbers, codes or screen sharing. The reference records which messaging channels each organisation is known to use for support; none of the listed organisations was found to use WhatsApp.",
    sources: &[
        "https://163.com/dy/article/HD7L101N0514O0F7.html (fake customer service: 诱导被害人私下添加“理赔客服”微信、QQ)",
        "docs/scam-signals.md (contact routes outside the company: WhatsApp, WeChat IDs)",
    ],
    evidence: &[
        Template {
            case: "channel",
            en: "{org} is not known to give support on {channel}",
            zh: "没有资料表明{org}通过 {channel} 提供客服",
        },
    ],
    check: CHECK,
    positive: &[
        "京东客服电话大全\n官方微信客服号：13800138000",
        "淘宝客服\n淘宝微信客服：15912345678",
        "拼多多退款客服\n拼多多WhatsApp客服：+852 5123 4567",
        "美团外卖客服\n美团官方微信：13512345678",
        "Amazon Customer Service\nAmazon WhatsApp support: +44 7824 561230",
        "PayPal Help\nPayPal Telegram support: +44 7459 812345",
        "Temu Refund Help\nTemu Viber hotline: +63 917 123 4567",
        "JD.com Customer Service Numbers\nJD.com WeChat support: +86 138 1013 2456",
    ],
    negative: &[
        "京东客服电话大全\n京东客服热线：400-606-5500",
        "Amazon Customer Service\nEmail: cs-reply@amazon.com",
        "顺丰速运客服\n顺丰微信客服：95338",
        "Used furniture for sale\nWhatsApp: +44 7824 561230",
        "微信支付客服电话\n微信支付公众号客服：95017",
        "JD.com Customer Service Numbers\nJD.com does not offer support on WhatsApp. Hotline: 400-606-5500",
        "拼多多客服电话\n拼多多没有微信客服。官方热线：400-826-6666",
        "JD.com Corporate Contacts\nFax: +86 10 8911 8888",
    ],
};
