//! What the evidence store says, for people: where a value was seen (`hotline check --db`) and the
//! analyst's first questions (`hotline stats`), in English or Chinese.

use std::io::{self, Write};

use super::text::printable;
use crate::model::Lang;
use crate::store::{Place, Seen, Stats, SEEN_PAGES};
use crate::text::count;

pub(super) struct Words {
    pub(super) seen: &'static str,
    pub(super) never: &'static str,
    /// (pages now, claims now, pages ever)
    pub(super) pages: fn(usize, usize, usize) -> String,
    pub(super) first: &'static str,
    pub(super) last: &'static str,
    pub(super) claimed_as: &'static str,
    pub(super) no_org: &'static str,
    /// (shown, total)
    pub(super) more: fn(usize, usize) -> String,
    store: fn(usize, usize, usize) -> String,
    unverified: &'static str,
    pages_of: fn(usize) -> String,
    impersonated: &'static str,
    /// (values, pages)
    impersonated_line: fn(usize, usize) -> String,
    last_run: fn(usize, &str, Option<&str>) -> String,
    /// (audited, new, changed)
    audited: fn(usize, usize, usize) -> String,
    new_values: fn(usize) -> String,
    gone_values: fn(usize) -> String,
    none: &'static str,
    pub(super) colon: &'static str,
}

const EN: Words = Words {
    seen: "Seen in the evidence store",
    never: "The evidence store has never seen it.",
    pages: |now, claims, ever| {
        format!(
            "claimed {} on {} now; {} claimed it in any run",
            count(claims, "time", "times"),
            count(now, "page", "pages"),
            count(ever, "page has", "pages have")
        )
    },
    first: "first seen",
    last: "last seen",
    claimed_as: "claimed as",
    no_org: "no organisation",
    more: |shown, total| format!("... the newest {shown} of {total} claims (`hotline audit` with `-f jsonl` lists every one)"),
    store: |runs, docs, claims| {
        format!(
            "{}, {}, {}",
            count(runs, "run", "runs"),
            count(docs, "document", "documents"),
            count(claims, "current claim", "current claims")
        )
    },
    unverified: "Unverified numbers claimed on the most pages",
    pages_of: |n| count(n, "page", "pages"),
    impersonated: "Organisations most impersonated (contacts claimed for them that the reference does not list as theirs)",
    impersonated_line: |values, pages| {
        format!("{} on {}", count(values, "contact", "contacts"), count(pages, "page", "pages"))
    },
    last_run: |run, started, finished| match finished {
        Some(f) => format!("What changed in the last run (run {run}, {started} to {f})"),
        None => format!("What changed in the last run (run {run}, started {started}, stopped before the end)"),
    },
    audited: |audited, new, changed| {
        format!("{audited} documents audited: {new} new, {changed} changed since their previous audit")
    },
    new_values: |n| format!("{} seen for the first time", count(n, "value", "values")),
    gone_values: |n| {
        format!(
            "{} no longer claimed by the pages that claimed them",
            count(n, "value", "values")
        )
    },
    none: "none",
    colon: ": ",
};

const ZH: Words = Words {
    seen: "证据库中的记录",
    never: "证据库中从未出现过该号码。",
    pages: |now, claims, ever| {
        format!("目前在 {now} 个页面上被声称 {claims} 次；历次运行中共有 {ever} 个页面声称过")
    },
    first: "首次出现",
    last: "最近出现",
    claimed_as: "声称是",
    no_org: "未指明机构",
    more: |shown, total| {
        format!("……共 {total} 条声称，列出最新的 {shown} 条（`hotline audit -f jsonl` 列出全部）")
    },
    store: |runs, docs, claims| format!("{runs} 次运行，{docs} 个文档，{claims} 条当前声称"),
    unverified: "出现在最多页面上的未核实号码",
    pages_of: |n| format!("{n} 个页面"),
    impersonated: "被冒充最多的机构（为其声称、但参考数据未登记为其所有的联系方式）",
    impersonated_line: |values, pages| format!("{pages} 个页面上的 {values} 个联系方式"),
    last_run: |run, started, finished| match finished {
        Some(f) => format!("上次运行的变化（第 {run} 次运行，{started} 至 {f}）"),
        None => format!("上次运行的变化（第 {run} 次运行，开始于 {started}，未运行完）"),
    },
    audited: |audited, new, changed| {
        format!("审核了 {audited} 个文档：{new} 个新文档，{changed} 个自上次审核后有变化")
    },
    new_values: |n| format!("{n} 个首次出现的号码或地址"),
    gone_values: |n| format!("{n} 个不再被原页面声称的号码或地址"),
    none: "无",
    colon: "：",
};

pub(super) fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// `hotline check VALUE --db FILE`: how many pages, first and last seen, and what each page claims.
pub fn render_seen(out: &mut dyn Write, seen: &Seen, lang: Lang) -> io::Result<()> {
    let w = words(lang);
    writeln!(out)?;
    if seen.pages_ever == 0 && seen.pages == 0 {
        return writeln!(out, "{}", w.never);
    }
    writeln!(out, "{}{}", w.seen, w.colon.trim_end())?;
    writeln!(
        out,
        "  {}",
        (w.pages)(seen.pages, seen.claims, seen.pages_ever)
    )?;
    if let (Some(first), Some(last)) = (&seen.first_seen, &seen.last_seen) {
        writeln!(
            out,
            "  {}{}{first}; {}{}{last}",
            w.first, w.colon, w.last, w.colon
        )?;
    }
    for p in &seen.places {
        writeln!(
            out,
            "  {}:{}  {} {}  ({})",
            printable(&p.doc),
            p.line,
            w.claimed_as,
            printable(&said(p, w)),
            p.seen
        )?;
    }
    if seen.claims > seen.places.len() {
        writeln!(
            out,
            "  {}",
            (w.more)(seen.places.len().min(SEEN_PAGES), seen.claims)
        )?;
    }
    Ok(())
}

/// What one page claims for the value: its organisation, role, label, hours, verdict and signals.
pub(super) fn said(p: &Place, w: &Words) -> String {
    let mut said: Vec<String> = Vec::new();
    said.push(match (&p.org, &p.org_name) {
        (Some(org), _) => org.clone(),
        (None, Some(name)) => name.clone(),
        (None, None) => w.no_org.to_string(),
    });
    said.extend(p.role.clone());
    said.extend(p.label.as_ref().map(|l| format!("“{l}”")));
    said.extend(p.hours.clone());
    said.extend(p.verdict.clone());
    if !p.signals.is_empty() {
        said.push(p.signals.replace(' ', ", "));
    }
    said.join(", ")
}

/// `hotline stats`.
pub fn render_stats(out: &mut dyn Write, s: &Stats, lang: Lang) -> io::Result<()> {
    let w = words(lang);
    writeln!(out, "{}", (w.store)(s.runs, s.documents, s.claims))?;
    writeln!(out, "\n{}{}", w.unverified, w.colon.trim_end())?;
    if s.unverified.is_empty() {
        writeln!(out, "  {}", w.none)?;
    }
    for r in &s.unverified {
        writeln!(
            out,
            "  {:<16} {}  ({})",
            r.value,
            printable(&r.org),
            (w.pages_of)(r.pages)
        )?;
    }
    writeln!(out, "\n{}{}", w.impersonated, w.colon.trim_end())?;
    if s.impersonated.is_empty() {
        writeln!(out, "  {}", w.none)?;
    }
    for i in &s.impersonated {
        writeln!(
            out,
            "  {}  {}",
            printable(&i.org),
            (w.impersonated_line)(i.values, i.pages)
        )?;
    }
    if let Some(c) = &s.last_run {
        writeln!(
            out,
            "\n{}{}",
            (w.last_run)(c.run, &c.started, c.finished.as_deref()),
            w.colon.trim_end()
        )?;
        writeln!(
            out,
            "  {}",
            (w.audited)(c.audited, c.new_documents, c.changed_documents)
        )?;
        let list = |v: &[String]| {
            if v.is_empty() {
                String::new()
            } else {
                format!("{}{}", w.colon, v.join(", "))
            }
        };
        writeln!(
            out,
            "  {}{}",
            (w.new_values)(c.new_values),
            list(&c.new_examples)
        )?;
        writeln!(
            out,
            "  {}{}",
            (w.gone_values)(c.gone_values),
            list(&c.gone_examples)
        )?;
    }
    Ok(())
}
