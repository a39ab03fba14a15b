//! `outbound-400`: the page says the company calls out from a 400/800 number.

use super::{finding, sentence_of, Check, Finding, Rule, Severity, Template, Text};
use crate::context::Page;
use crate::data::cues;
use crate::model::Claim;
use crate::numbering::cn;
use crate::reference::Reference;

const CHECK: Check = Check::Claim(check);

fn check(page: &Page, c: &Claim, _: &Reference) -> Option<Finding> {
    if !cn::national_of(&c.value).is_some_and(cn::is_400_or_800) {
        return None;
    }
    // Only the sentence holding the number: outbound words elsewhere describe something else.
    let sentence = sentence_of(page, c);
    if !cues("outbound").contains(sentence) || cues("negation").contains(sentence) {
        return None;
    }
    Some(finding("outbound", &[("quote", sentence.trim())]))
}

pub const RULE: Rule = Rule {
    id: "outbound-400",
    severity: Severity::High,
    message: Text {
        en: "the page says the company calls out from a 400/800 number",
        zh: "页面称企业会用 400/800 号码打电话给你",
    },
    why: "Large companies use 400 (and 800) lines only to receive calls; police advise that a call showing a 400 number is suspect, and 400 numbers are a spoofing target. A page that tells readers to expect a call from a 400/800 number, or that such a call is the company, prepares them to trust a spoofed call. (Some companies publish their real outbound display numbers, such as Pinduoduo's 9541366, which calls out only; those are short codes, not 400 numbers.)",
    sources: &[
        "http://119tjxf.com/shehuixinwen/9813.html (正规大型企业单位“400”热线电话一般只作为被叫使用，不会用作主叫外呼)",
        "https://feifmx.com/yaoyan/xinxi/13004635/20250430/48280113.html (WeChat Security Center on calls spoofing its 400 number)",
        "docs/numbering-cn.md (400 numbers)",
    ],
    evidence: &[
        Template {
            case: "outbound",
            en: "the page says calls come from this 400/800 number: “{quote}”",
            zh: "页面称来电会显示这个 400/800 号码：“{quote}”",
        },
    ],
    check: CHECK,
    positive: &[
        "京东客服电话\n京东客服会通过400-606-5500致电您，请注意接听。",
        "拼多多客服电话\n来电显示400-826-6666的就是拼多多官方客服。",
        "美团外卖客服\n接到400-660-5335打来的电话，就是美团客服在联系您。",
        "中国移动客服\n中国移动客服会用800-810-0080给您回电。",
        "JD.com Customer Service\nIf you get a call from 400-606-5500 it is JD customer service.",
        "Amazon Customer Service China\nAmazon will call you from 400-910-5668 to confirm your refund.",
        "PayPal China Support\nPayPal's team may phone you from 800-820-1234 (China) about your dispute.",
    ],
    negative: &[
        "京东客服电话\n如有问题请拨打京东客服400-606-5500。",
        "京东客服电话\n京东客服热线：400-606-5500\n提醒：正规企业的400号码不会用来外呼，接到自称客服的来电请挂断核实。",
        "JD.com Customer Service\nJD will never call you from 400-606-5500; only call it yourself.",
        "拼多多客服电话\n拼多多官方外呼号码为9541366，来电显示9541366的是拼多多客服。",
        "美团外卖客服\n骑手会用手机13812345678联系您取餐。",
        "ICBC Customer Service\nICBC will call you from 95588 to confirm large transfers.",
        "Amazon Customer Service China\nAmazon China customer service: call 400-910-5668 from any phone.",
        "京东客服电话\n拨打京东客服电话400-606-5500，按1转人工。",
        "京东客服电话\n京东客服热线400-606-5500只接听来电，不会外呼。",
    ],
};
