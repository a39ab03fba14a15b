//! `freemail`: a free webmail address offered as a company's support address.

use super::{company, finding, Check, Finding, Rule, Severity, Template, Text};
use crate::context::Page;
use crate::data::is_freemail;
use crate::model::Claim;
use crate::reference::Reference;

const CHECK: Check = Check::Claim(check);

/// The domain of an address claim.
pub(super) fn email_domain(c: &Claim) -> Option<&str> {
    (c.kind == crate::model::Kind::Email)
        .then(|| c.value.rsplit('@').next())
        .flatten()
}

fn check(_: &Page, c: &Claim, reference: &Reference) -> Option<Finding> {
    let domain = email_domain(c)?;
    let org = company(c, reference)?;
    let own = reference.family_domains(c.org()?).any(|d| d == domain);
    if !is_freemail(domain) || own {
        return None;
    }
    Some(finding("freemail", &[("domain", domain), ("org", &org)]))
}

pub const RULE: Rule = Rule {
    id: "freemail",
    severity: Severity::High,
    message: Text {
        en: "a free webmail address offered as a company's support address",
        zh: "把免费邮箱地址当作企业的客服邮箱",
    },
    why: "Anyone can open a Gmail, Outlook, QQ or 163.com mailbox under any name. Companies answer from their own domains; a brand's 'support' address on a free-mail service is someone else's mailbox.",
    sources: &[
        "https://abc7news.com/fake-customer-service-phone-number-malvertising-search-results-google-ads/13519280 (FTC: fake customer-service contacts planted in search results)",
        "https://fr.techtribune.net/google/de-faux-numeros-de-telephone-du-service-client-apparaissant-dans-les-recherches-google-avertissent-la-ftc/14887 (FTC: fake customer-service numbers and e-mail addresses in search results)",
    ],
    evidence: &[
        Template {
            case: "freemail",
            en: "{domain} is a free webmail service, not {org}'s domain",
            zh: "{domain} 是免费邮箱服务，不是{org}的域名",
        },
    ],
    check: CHECK,
    positive: &[
        "京东客服电话大全\n京东客服邮箱：jdkefu@163.com",
        "拼多多客服联系方式\n拼多多投诉邮箱：pdd_tousu@126.com",
        "淘宝客服\n淘宝售后邮箱：taobao.kefu@sina.com",
        "支付宝客服\n支付宝客服邮箱：alipay_service@foxmail.com",
        "Amazon Customer Service\nAmazon refund support email: amazon.refunds.help@gmail.com",
        "PayPal Support Contacts\nPayPal dispute team: paypal-disputes@outlook.com",
        "Apple Support\nAppleCare email: applecare.helpdesk@yahoo.com",
        "Temu Customer Service\nTemu support email: temu.help@proton.me",
    ],
    negative: &[
        "京东客服电话大全\n京东客服邮箱：help@jd.com",
        "拼多多客服联系方式\n商家入驻邮箱：service@pinduoduo.com",
        "二手相机出售\n九成新，非诚勿扰。联系邮箱：xiaowang1990@163.com",
        "Weekend hiking club\nQuestions? Email the organiser: hikingclub.sam@gmail.com",
        "PayPal Support Contacts\nPayPal help: service@paypal.com",
        "Amazon Seller Support\nSeller support: seller-help@sellercentral.amazon.com",
        "工商银行客服\n工商银行网站邮箱：webmaster@icbc.com.cn",
        "JD.com Customer Service\nJD.com enterprise sales: vip@jdhotmail.com",
    ],
};
