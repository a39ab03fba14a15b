//! `lookalike-domain`: an address on a domain built to look like an official one.

use super::freemail::email_domain;
use super::{finding, lookalike_of, Check, Finding, Rule, Severity, Template, Text};
use crate::context::Page;
use crate::model::Claim;
use crate::reference::Reference;

const CHECK: Check = Check::Claim(check);

fn check(_: &Page, c: &Claim, reference: &Reference) -> Option<Finding> {
    let domain = email_domain(c)?;
    let official = reference.official_domains();
    let (imitated, how) = lookalike_of(domain, official.clone().map(|(d, _)| d))?;
    let owner = official
        .clone()
        .find(|(d, _)| *d == imitated)
        .map_or("", |(_, o)| o);
    Some(finding(
        "lookalike",
        &[
            ("domain", domain),
            ("owner", owner),
            ("imitated", imitated),
            ("how", how),
        ],
    ))
}

pub const RULE: Rule = Rule {
    id: "lookalike-domain",
    severity: Severity::High,
    message: Text {
        en: "an address on a domain that imitates an official domain",
        zh: "邮箱所在的域名在仿冒官方域名",
    },
    why: "Phishing mail and fake support addresses use domains built to pass a glance: the brand plus a word (jd-support.com), the official domain as a sub-domain of another (jd.com.help-center.xyz), one or two characters changed (pinduod0uo.com), or characters that look alike (Unicode TS #39 confusables such as rn for m, Cyrillic о for Latin o). The official domains themselves, and their sub-domains, are never flagged.",
    sources: &[
        "https://fr.techtribune.net/google/de-faux-numeros-de-telephone-du-service-client-apparaissant-dans-les-recherches-google-avertissent-la-ftc/14887 (FTC: vérifiez bien l'URL, check the address)",
        "https://www.unicode.org/reports/tr39/ (Unicode Technical Standard #39: confusable detection)",
        "docs/scam-signals.md (a lookalike mirror of the 12321 reporting centre)",
    ],
    evidence: &[
        Template {
            case: "lookalike",
            en: "{domain} imitates {owner}'s {imitated} ({how})",
            zh: "{domain} 仿冒{owner}的 {imitated}（{how}）",
        },
    ],
    check: CHECK,
    positive: &[
        "京东客服电话大全\n京东客服邮箱：kefu@jd-support.com",
        "拼多多客服联系方式\n拼多多退款邮箱：help@pinduoduo-service.net",
        "京东客服电话大全\n售后邮箱：x@jd.com.help-center.xyz",
        "拼多多客服联系方式\n客服邮箱：service@pinduodou.com",
        "支付宝客服\n支付宝客服邮箱：service@alipay-help.cn",
        "PayPal Support Contacts\nPayPal resolution team: help@paypa1.com",
        "Amazon Customer Service\nAmazon refunds: refunds@arnazon.com",
        "Microsoft Support\nMicrosoft support email: help@micr0soft.com",
    ],
    negative: &[
        "京东投资者关系\n投资者关系邮箱：ir@jd.com",
        "京东客服电话大全\n京东邮件服务：a@mail.jd.com",
        "拼多多客服联系方式\n拼多多客服邮箱：service@pinduoduo.com",
        "京东物流客服\n京东物流邮箱：service@jdl.com",
        "PayPal Community Meetup\nOrganiser: info@example.org",
        "Amazon Customer Service\nAmazon refund help: amazonhelp2024@gmail.com",
        "Alipay Global Support\nAlipay merchant support: support@antgroup.com",
        "淘宝客服\n淘宝客服邮箱：service@taobao.com",
    ],
};
