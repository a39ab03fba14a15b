//! The answer to `hotline check VALUE` in plain words, for someone holding one number, in English or Chinese.

use std::io::{self, Write};

use super::text::printable;
use crate::answer::{Answer, Standing, MAX_APPEARANCES};
use crate::model::{Lang, RoleSource, Status};
use crate::reference::Reference;

fn standing_words(s: Standing, lang: Lang) -> &'static str {
    match (s, lang) {
        (Standing::Official, Lang::En) => "YES, listed as official",
        (Standing::Official, Lang::Zh) => "是，已列为官方号码",
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

fn status_words(s: Status, lang: Lang) -> &'static str {
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

/// `21628` as `21,628`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// Labels of the answer's sections, per language.
struct Words {
    what: &'static str,
    official: &'static str,
    listed_for: &'static str,
    appears: &'static str,
    claimed_as: &'static str,
    nowhere: &'static str,
    disagree: &'static str,
    listed_contacts: &'static str,
    advice: &'static str,
    source: &'static str,
    section: &'static str,
    /// `(shown, total, pages)` -> "first 50 of 21,628 claims, on 9,000 pages".
    more: fn(usize, usize, usize) -> String,
}

const EN: Words = Words {
    what: "What it is",
    official: "Is it official?",
    listed_for: "Listed for",
    appears: "Where it appears",
    claimed_as: "claimed as",
    nowhere: "It does not appear in the documents given.",
    disagree: "Sources disagree",
    listed_contacts: "Listed contacts for",
    advice: "What to do: look the number up in the company's own app or website, not in search results or \
             articles. If someone calls you claiming to be the company, hang up and call back on a number you \
             found yourself. In China, 96110 (police anti-fraud line) can advise.",
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

const ZH: Words = Words {
    what: "号码类型",
    official: "是否官方？",
    listed_for: "登记为",
    appears: "出现位置",
    claimed_as: "声称是",
    nowhere: "在给定的文档中没有出现。",
    disagree: "来源之间存在矛盾",
    listed_contacts: "已登记的联系方式：",
    advice: "建议：请在企业官方 App 或官网上查找客服电话，不要相信搜索结果或文章中的号码。如有自称客服的来电，\
             请挂断后通过自己查到的官方号码回拨核实。如有疑问可拨打 96110 反诈专线咨询。",
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
    writeln!(out, "{}  →  {}", printable(&id.input), id.display)?;
    if let Some(m) = id.meaning {
        writeln!(out, "{}: {}", w.what, m.text(lang))?;
    }
    writeln!(out)?;
    writeln!(out, "{} {}", w.official, standing_words(a.standing, lang))?;
    for l in &a.listed {
        let role = role_words(reference, l.role.as_deref());
        writeln!(
            out,
            "  {} {} ({role}), {}; {}: {}",
            w.listed_for,
            l.org,
            status_words(l.status, lang),
            w.source,
            l.source
        )?;
    }
    if !a.appearances.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}:", w.appears)?;
        let shown = a.appearances.len().min(TEXT_APPEARANCES);
        for c in &a.appearances[..shown] {
            let mut what: Vec<String> = Vec::new();
            what.extend(c.attribution.org.clone());
            let role = role_words(reference, c.attribution.role.as_deref());
            match c.attribution.role_source {
                Some(RoleSource::Heading) => what.push(format!("({role}: {})", w.section)),
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
                what.join(", ")
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
        writeln!(out, "{}:", w.disagree)?;
        for c in &a.conflicts {
            let subject = match (&c.org, &c.role) {
                (Some(org), Some(role)) => format!("{org} {}", role_words(reference, Some(role))),
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
                writeln!(out, "  {subject}: {}  {}", v.value, places.join("; "))?;
            }
            for r in &c.reference {
                writeln!(
                    out,
                    "  {subject}: {} ({}; {}: {})",
                    r.value,
                    status_words(r.status, lang),
                    w.source,
                    r.source
                )?;
            }
        }
    }
    if let Some(org) = &a.alternatives_for {
        if !a.alternatives.is_empty() {
            writeln!(out)?;
            writeln!(out, "{} {org}:", w.listed_contacts)?;
            for l in &a.alternatives {
                writeln!(
                    out,
                    "  {}  {}  {}",
                    l.value,
                    status_words(l.status, lang),
                    role_words(reference, l.role.as_deref())
                )?;
                writeln!(out, "      {}: {}", w.source, l.source)?;
            }
        }
    }
    if a.standing != Standing::Official {
        writeln!(out)?;
        writeln!(out, "{}", w.advice)?;
    }
    Ok(())
}

/// A role key in words (`plus_member` -> its description in roles.csv).
fn role_words(reference: &Reference, role: Option<&str>) -> String {
    match role {
        None => "-".into(),
        Some(key) => match key.strip_prefix("international:") {
            Some(iso) => format!("line for {iso}"),
            None => reference
                .roles
                .iter()
                .find(|r| r.key == key)
                .map_or_else(|| key.to_string(), |r| r.description.clone()),
        },
    }
}
