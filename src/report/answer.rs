//! The answer to `hotline check VALUE` in plain words, for someone holding one number, in English or Chinese.

use std::io::{self, Write};

use super::text::printable;
use crate::answer::{Advice, Answer, DomainFact, Standing, MAX_APPEARANCES};
use crate::model::{Kind, Lang, Listed, RoleSource, Status};
use crate::reference::{Reference, Role};
use crate::text::thousands;

pub(super) fn standing_words(s: Standing, kind: Kind, lang: Lang) -> &'static str {
    let address = kind == Kind::Email;
    match (s, lang) {
        (Standing::Official, Lang::En) => "YES, listed as official",
        (Standing::Official, Lang::Zh) if address => "是，已列为官方邮箱地址",
        (Standing::Official, Lang::Zh) => "是，已列为官方号码",
        (Standing::Retired, Lang::Zh) if address => "否：旧地址，已不再使用",
        (Standing::Unverified, Lang::Zh) if address => {
            "未核实：hotline 的官方联系方式清单中没有这个邮箱地址"
        }
        (Standing::ReportedScam, Lang::En) => "NO: reported as used by scammers",
        (Standing::ReportedScam, Lang::Zh) => "否：已被举报用于诈骗",
        (Standing::Retired, Lang::En) => "NO: a former contact, no longer in use",
        (Standing::Retired, Lang::Zh) => "否：旧号码，已不再使用",
        (Standing::ListedUnconfirmed, Lang::En) => {
            "NOT CONFIRMED: listed by directories, but no official source"
        }
        (Standing::ListedUnconfirmed, Lang::Zh) => "未确认：仅见于第三方目录，没有官方来源",
        (Standing::Unverified, Lang::En) => {
            "NOT VERIFIED: hotline's list of official contacts does not have it"
        }
        (Standing::Unverified, Lang::Zh) => "未核实：hotline 的官方联系方式清单中没有这个号码",
    }
}

pub(super) fn status_words(s: Status, lang: Lang) -> &'static str {
    match (s, lang) {
        (Status::Official, Lang::En) => "official",
        (Status::Official, Lang::Zh) => "官方",
        (Status::Unconfirmed, Lang::En) => "unconfirmed",
        (Status::Unconfirmed, Lang::Zh) => "未确认",
        (Status::Retired, Lang::En) => "former",
        (Status::Retired, Lang::Zh) => "旧号码",
        (Status::ReportedScam, Lang::En) => "reported scam",
        (Status::ReportedScam, Lang::Zh) => "举报为诈骗",
    }
}

/// Appearances listed in the text answer; past them, a count (the JSON answer holds `MAX_APPEARANCES`).
pub const TEXT_APPEARANCES: usize = 20;

/// Labels of the answer's sections, per language.
pub(super) struct Words {
    pub(super) what: &'static str,
    pub(super) official: &'static str,
    pub(super) listed_for: &'static str,
    pub(super) appears: &'static str,
    pub(super) claimed_as: &'static str,
    pub(super) nowhere: &'static str,
    pub(super) disagree: &'static str,
    /// The heading of the organisation's listed contacts.
    pub(super) listed_contacts: fn(&str) -> String,
    pub(super) company_advice: &'static str,
    pub(super) government_advice: &'static str,
    pub(super) address_advice: &'static str,
    /// What a domain fact says.
    pub(super) domain: fn(&DomainFact) -> String,
    /// A per-country line's role (`international:HK`).
    pub(super) line_for: fn(&str) -> String,
    /// A role's description.
    pub(super) role: fn(&Role) -> &str,
    /// A row's source, with when it was read and the copy it was read from.
    pub(super) sourced: fn(&Listed) -> String,
    /// Punctuation: `: `, `, `, `; `, and brackets, as the language writes them.
    pub(super) colon: &'static str,
    pub(super) comma: &'static str,
    pub(super) semicolon: &'static str,
    pub(super) open: &'static str,
    pub(super) close: &'static str,
    pub(super) source: &'static str,
    pub(super) section: &'static str,
    /// `(shown, total, pages)` -> "first 50 of 21,628 claims, on 9,000 pages".
    pub(super) more: fn(usize, usize, usize) -> String,
}

pub(super) const EN: Words = Words {
    what: "What it is",
    official: "Is it official?",
    listed_for: "Listed for",
    appears: "Where it appears",
    claimed_as: "claimed as",
    nowhere: "It does not appear in the documents given.",
    disagree: "Sources disagree",
    listed_contacts: |org| format!("Listed contacts for {org}:"),
    company_advice: "What to do: look the number up in the company's own app or website, not in search results \
                     or articles. If someone calls you claiming to be the company, hang up and call back on a \
                     number you found yourself. In China, 96110 (police anti-fraud line) can advise.",
    government_advice: "What to do: this is a government or public-service line. Look it up on the government \
                        body's own website (in China, an address ending in .gov.cn), not in search results or \
                        articles. Government lines do not ask for money, transfers or verification codes: if a \
                        caller does, hang up. In China, 96110 (police anti-fraud line) can advise.",
    address_advice: "What to do: look the address up on the organisation's own website or app, not in search \
                     results or articles. Companies write from their own domain, never from a free-mail \
                     mailbox or a domain that only looks like theirs. Do not send documents, codes or money to \
                     an address you cannot confirm.",
    domain: |f| match f {
        DomainFact::OwnDomain { domain, org } => {
            format!("{domain} is {org}'s own domain; the address itself is not confirmed by that alone")
        }
        DomainFact::Freemail { domain, .. } => format!(
            "{domain} is a free webmail service: anyone can open a mailbox there under any name, so it is \
             no company's support address"
        ),
        DomainFact::Lookalike {
            domain,
            imitated,
            owner,
            how,
            ..
        } => format!("{domain} imitates {owner}'s {imitated} ({how})"),
    },
    line_for: |iso| format!("line for {iso}"),
    role: |r| &r.description,
    sourced: |l| match (l.retrieved.as_str(), l.copy.as_str()) {
        ("", "") => l.source.clone(),
        (read, "") => format!("{} (read {read})", l.source),
        ("", copy) => format!("{} (read from the copy at {copy})", l.source),
        (read, copy) => format!("{} (read {read} from the copy at {copy})", l.source),
    },
    colon: ": ",
    comma: ", ",
    semicolon: "; ",
    open: " (",
    close: ")",
    source: "source",
    section: "from the section heading",
    more: |shown, total, pages| {
        format!(
            "  ... and {} more: {} claims on {} pages in all. --format json lists the first {MAX_APPEARANCES} \
             with the totals; `hotline audit PATH -f jsonl` lists every claim.",
            thousands(total - shown),
            thousands(total),
            thousands(pages)
        )
    },
};

pub(super) const ZH: Words = Words {
    what: "号码类型",
    official: "是否官方？",
    listed_for: "登记为",
    appears: "出现位置",
    claimed_as: "声称是",
    nowhere: "在给定的文档中没有出现。",
    disagree: "来源之间存在矛盾",
    listed_contacts: |org| format!("{org} 已登记的联系方式："),
    company_advice: "建议：请在企业官方 App 或官网上查找客服电话，不要相信搜索结果或文章中的号码。如有自称客服的来电，\
                     请挂断后通过自己查到的官方号码回拨核实。如有疑问可拨打 96110 反诈专线咨询。",
    government_advice: "建议：这是政府或公共服务号码。请在该政府部门的官方网站（在中国为以 .gov.cn 结尾的网址）上核实，\
                        不要相信搜索结果或文章中的号码。政府热线不会要求转账、付款或提供验证码：如有来电这样要求，\
                        请立即挂断。如有疑问可拨打 96110 反诈专线咨询。",
    address_advice: "建议：请在该机构的官方网站或 App 上核实邮箱地址，不要相信搜索结果或文章中的地址。\
                     企业只会使用自己的域名发邮件，不会使用免费邮箱或仿冒的域名。不要向无法核实的地址发送证件、\
                     验证码或钱款。",
    domain: |f| match f {
        DomainFact::OwnDomain { domain, org } => {
            format!("{domain} 是{org}自己的域名；但仅凭这一点还不能确认这个邮箱地址")
        }
        DomainFact::Freemail { domain, .. } => {
            format!("{domain} 是免费邮箱服务：任何人都能以任意名字注册，不会是企业的客服邮箱")
        }
        DomainFact::Lookalike {
            domain,
            imitated,
            owner,
            how,
            ..
        } => format!("{domain} 仿冒{owner}的 {imitated}（{}）", crate::rules::how_words(how, Lang::Zh)),
    },
    line_for: |iso| format!("{iso} 专线"),
    role: |r| r.description_zh.as_deref().unwrap_or(&r.description),
    sourced: |l| match (l.retrieved.as_str(), l.copy.as_str()) {
        ("", "") => l.source.clone(),
        (read, "") => format!("{}（{read} 读取）", l.source),
        ("", copy) => format!("{}（读取自副本 {copy}）", l.source),
        (read, copy) => format!("{}（{read} 读取自副本 {copy}）", l.source),
    },
    colon: "：",
    comma: "，",
    semicolon: "；",
    open: "（",
    close: "）",
    source: "来源",
    section: "据所在章节标题",
    more: |shown, total, pages| {
        format!(
            "  ……另有 {} 处：共 {} 处，分布在 {} 个页面。--format json 列出前 {MAX_APPEARANCES} 处及总数；\
             `hotline audit 路径 -f jsonl` 列出全部。",
            thousands(total - shown),
            thousands(total),
            thousands(pages)
        )
    },
};

/// Writes the answer for people.
pub fn render_answer(
    out: &mut dyn Write,
    a: &Answer,
    lang: Lang,
    reference: &Reference,
) -> io::Result<()> {
    let w = match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    };
    let id = &a.identified;
    match &id.echo {
        Some(echo) => writeln!(out, "{}  →  {}", printable(echo), id.display)?,
        None => writeln!(out, "{}", id.display)?,
    }
    if let Some(m) = id.meaning {
        writeln!(out, "{}{}{}", w.what, w.colon, m.text(lang))?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{} {}",
        w.official,
        standing_words(a.standing, id.kind, lang)
    )?;
    for f in &a.domain {
        writeln!(out, "  {}", (w.domain)(f))?;
    }
    for l in &a.listed {
        let role = role_words(reference, l.role.as_deref(), w);
        writeln!(
            out,
            "  {} {}{}{role}{}{}{}{}{}{}{}",
            w.listed_for,
            l.org,
            w.open,
            w.close,
            w.comma,
            status_words(l.status, lang),
            w.semicolon,
            w.source,
            w.colon,
            (w.sourced)(l)
        )?;
    }
    if !a.appearances.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}{}", w.appears, w.colon.trim_end())?;
        let shown = a.appearances.len().min(TEXT_APPEARANCES);
        for c in &a.appearances[..shown] {
            let mut what: Vec<String> = Vec::new();
            what.extend(c.attribution.org.clone());
            let role = role_words(reference, c.attribution.role.as_deref(), w);
            match c.attribution.role_source {
                Some(RoleSource::Heading) => what.push(format!(
                    "{}{role}{}{}{}",
                    w.open.trim_start(),
                    w.colon,
                    w.section,
                    w.close
                )),
                _ => what.push(role),
            }
            if let Some(label) = &c.attribution.label {
                what.push(format!("“{}”", printable(label)));
            }
            if let Some(h) = &c.attribution.hours {
                what.push(printable(h));
            }
            writeln!(
                out,
                "  {}:{}  {} {}",
                printable(&c.doc),
                c.line,
                w.claimed_as,
                what.join(w.comma)
            )?;
        }
        if a.appearances_total > shown {
            writeln!(
                out,
                "{}",
                (w.more)(shown, a.appearances_total, a.pages_total)
            )?;
        }
    } else if a.documents > 0 {
        writeln!(out)?;
        writeln!(out, "{}", w.nowhere)?;
    }
    if !a.conflicts.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}{}", w.disagree, w.colon.trim_end())?;
        for c in &a.conflicts {
            let subject = match (&c.org, &c.role) {
                (Some(org), Some(role)) => {
                    format!("{org} {}", role_words(reference, Some(role), w))
                }
                _ => id.display.clone(),
            };
            for v in &c.values {
                let places: Vec<String> = v
                    .claims
                    .iter()
                    .map(|r| {
                        let claimed: Vec<&str> =
                            [r.org.as_deref(), r.role.as_deref(), r.hours.as_deref()]
                                .into_iter()
                                .flatten()
                                .collect();
                        format!("{}:{} ({})", printable(&r.doc), r.line, claimed.join(", "))
                    })
                    .collect();
                writeln!(
                    out,
                    "  {subject}{}{}  {}",
                    w.colon,
                    v.value,
                    places.join(w.semicolon)
                )?;
            }
            for r in &c.reference {
                writeln!(
                    out,
                    "  {subject}{}{}{}{}{}{}{}{}{}",
                    w.colon,
                    r.value,
                    w.open,
                    status_words(r.status, lang),
                    w.semicolon,
                    w.source,
                    w.colon,
                    (w.sourced)(r),
                    w.close
                )?;
            }
        }
    }
    if let Some(org) = &a.alternatives_for {
        if !a.alternatives.is_empty() {
            writeln!(out)?;
            writeln!(out, "{}", (w.listed_contacts)(org))?;
            for l in &a.alternatives {
                writeln!(
                    out,
                    "  {}  {}  {}",
                    l.value,
                    status_words(l.status, lang),
                    role_words(reference, l.role.as_deref(), w)
                )?;
                writeln!(out, "      {}{}{}", w.source, w.colon, (w.sourced)(l))?;
            }
        }
    }
    if let Some(advice) = a.advice {
        writeln!(out)?;
        let words = match advice {
            Advice::CompanyNumber => w.company_advice,
            Advice::GovernmentLine => w.government_advice,
            Advice::Address => w.address_advice,
        };
        writeln!(out, "{words}")?;
    }
    Ok(())
}

/// A role key in words, in the answer's language (`plus_member` -> its description in roles.csv).
pub(super) fn role_words(reference: &Reference, role: Option<&str>, w: &Words) -> String {
    match role {
        None => "-".into(),
        Some(key) => match key.strip_prefix("international:") {
            Some(iso) => (w.line_for)(iso),
            None => reference
                .roles
                .iter()
                .find(|r| r.key == key)
                .map_or_else(|| key.to_string(), |r| (w.role)(r).to_string()),
        },
    }
}
