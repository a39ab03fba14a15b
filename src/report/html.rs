//! `hotline audit … --report report.html`: one self-contained HTML file that opens from disk offline. It
//! renders only what the run's records hold (claims, conflicts, errors, warnings, the summary) and the
//! reference's listed contacts for the organisations claimed: the summary figures; bar charts of verdicts,
//! risk and number types as inline SVG; the conflicts with their competing values and the documents and
//! lines behind them; the unverified numbers repeated on the most pages, with the pages; a section per
//! organisation (claimed against listed contacts); the claims at risk; errors and warnings.
//!
//! A crawl can hold millions of claims: every list is capped (the figures say how many there were) and the
//! full data stays in the JSON Lines output, so a 100,000-document report stays a few megabytes.

use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::Arc;

use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::answer::{role_words, status_words, Words, EN, ZH};
use super::text::verdict_words;
use super::web::{content_security_policy, SCRIPT, STYLE};
use crate::document::{ErrorRecord, Warning};
use crate::model::{Claim, Conflict, ConflictKind, Kind, Lang, NumberType, Risk, Verdict};
use crate::reference::Reference;
use crate::run::{DocumentResult, Sink, Summary};
use crate::text::thousands;

/// Claims at risk listed (danger first); the rest are counted.
pub const MAX_CLAIM_ROWS: usize = 1000;
/// Conflicts listed.
pub const MAX_CONFLICTS: usize = 200;
/// Organisations given a section, and claimed values listed per organisation.
pub const MAX_ORGS: usize = 60;
pub const MAX_VALUES_PER_ORG: usize = 100;
/// Error and warning records listed.
pub const MAX_PROBLEMS: usize = 500;
/// Pages kept per unverified number, and distinct unverified numbers tracked.
const PAGES_PER_VALUE: usize = 5;
const TRACKED_VALUES: usize = 100_000;
/// Organisations tracked for their sections (a crawl names few; the cap bounds memory on hostile input).
const TRACKED_ORGS: usize = 5_000;

/// One claim as a table row shows it.
struct Row {
    doc: Arc<str>,
    line: usize,
    value: String,
    raw: String,
    org: String,
    role: String,
    verdict: Option<Verdict>,
    risk: Risk,
    signals: String,
}

impl Row {
    fn of(c: &Claim, doc: &Arc<str>) -> Row {
        Row {
            doc: doc.clone(),
            line: c.line,
            value: c.value.clone(),
            raw: c.raw.clone(),
            org: c.org().unwrap_or_default().to_string(),
            role: c.attribution.role.clone().unwrap_or_default(),
            verdict: c.verification.verdict,
            risk: c.risk,
            signals: c.signals.ids().collect::<Vec<_>>().join(", "),
        }
    }
}

/// A value claimed for an organisation: how it was judged, on how many pages, and where first.
struct Claimed {
    kind: Kind,
    verdict: Option<Verdict>,
    risk: Risk,
    pages: usize,
    last_document: usize,
    first: (Arc<str>, usize),
}

#[derive(Default)]
struct OrgClaims {
    claims: usize,
    values: HashMap<String, Claimed>,
    /// Values not tracked past `MAX_VALUES_PER_ORG * 4`.
    untracked: usize,
}

impl OrgClaims {
    /// The values claimed, on the most pages first.
    fn by_pages(&self) -> Vec<(&String, &Claimed)> {
        let mut values: Vec<(&String, &Claimed)> = self.values.iter().collect();
        values.sort_by(|a, b| b.1.pages.cmp(&a.1.pages).then(a.0.cmp(b.0)));
        values
    }
}

/// The HTML report printer: gathers bounded lists as documents stream by and writes the file at the end.
pub struct HtmlPrinter<'w> {
    out: Box<dyn Write + 'w>,
    reference: &'w Reference,
    title: String,
    labels: &'static Labels,
    documents: usize,
    danger: Vec<Row>,
    caution: Vec<Row>,
    at_risk: usize,
    orgs: HashMap<String, OrgClaims>,
    unverified_pages: HashMap<String, Vec<(Arc<str>, usize)>>,
    errors: Vec<ErrorRecord>,
    warnings: Vec<Warning>,
}

impl<'w> HtmlPrinter<'w> {
    /// A report titled `title` (what was audited), citing `reference` for the listed contacts.
    pub fn new(out: Box<dyn Write + 'w>, reference: &'w Reference, title: &str) -> Self {
        HtmlPrinter {
            out,
            reference,
            title: title.to_string(),
            labels: labels(Lang::En),
            documents: 0,
            danger: Vec::new(),
            caution: Vec::new(),
            at_risk: 0,
            orgs: HashMap::new(),
            unverified_pages: HashMap::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// The report in `lang` (English unless told).
    pub fn with_lang(mut self, lang: Lang) -> Self {
        self.labels = labels(lang);
        self
    }

    fn claim(&mut self, c: &Claim, doc: &Arc<str>) {
        match c.risk {
            Risk::Danger if self.danger.len() < MAX_CLAIM_ROWS => self.danger.push(Row::of(c, doc)),
            Risk::Caution if self.caution.len() < MAX_CLAIM_ROWS => {
                self.caution.push(Row::of(c, doc))
            }
            _ => {}
        }
        if c.risk != Risk::Ok {
            self.at_risk += 1;
        }
        if let (Some(Verdict::Unverified), Some(_), Kind::Phone) =
            (c.verification.verdict, c.org(), c.kind)
        {
            let tracked = self.unverified_pages.len() < TRACKED_VALUES
                || self.unverified_pages.contains_key(&c.value);
            if tracked {
                let pages = self.unverified_pages.entry(c.value.clone()).or_default();
                if pages.len() < PAGES_PER_VALUE && pages.last().is_none_or(|(d, _)| d != doc) {
                    pages.push((doc.clone(), c.line));
                }
            }
        }
        let Some(org) = c.org() else { return };
        if self.orgs.len() >= TRACKED_ORGS && !self.orgs.contains_key(org) {
            return;
        }
        let entry = self.orgs.entry(org.to_string()).or_default();
        entry.claims += 1;
        let room = entry.values.len() < MAX_VALUES_PER_ORG * 4;
        match entry.values.get_mut(&c.value) {
            Some(v) => {
                if v.last_document != self.documents {
                    v.pages += 1;
                    v.last_document = self.documents;
                }
                if c.risk > v.risk {
                    v.risk = c.risk;
                    v.verdict = c.verification.verdict;
                }
            }
            None if room => {
                entry.values.insert(
                    c.value.clone(),
                    Claimed {
                        kind: c.kind,
                        verdict: c.verification.verdict,
                        risk: c.risk,
                        pages: 1,
                        last_document: self.documents,
                        first: (doc.clone(), c.line),
                    },
                );
            }
            None => entry.untracked += 1,
        }
    }

    fn page(&self, conflicts: &[Conflict], s: &Summary) -> Markup {
        let l = self.labels;
        html! {
            (DOCTYPE)
            html lang=(l.lang) {
                head {
                    meta charset="utf-8";
                    meta http-equiv="Content-Security-Policy" content=(content_security_policy());
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    meta name="referrer" content="no-referrer";
                    title { (l.title) (l.answer.colon) (self.title) }
                    style { (PreEscaped(STYLE)) }
                }
                body {
                    main {
                        h1 { (l.title) }
                        p.muted { (self.title) }
                        (figures(s, l))
                        (charts(s, l))
                        (self.conflicts(conflicts, s))
                        (self.repeated(s))
                        (self.organisations())
                        (self.claims_at_risk())
                        (self.problems(s))
                        p.muted.small {
                            (l.capped)
                            code { "hotline audit PATH -f jsonl" } "."
                        }
                    }
                    script { (PreEscaped(SCRIPT)) }
                }
            }
        }
    }

    fn conflicts(&self, conflicts: &[Conflict], s: &Summary) -> Markup {
        let l = self.labels;
        let w = l.answer;
        html! {
            h2 #conflicts { ((l.conflicts)(&thousands(s.conflicts))) }
            @if conflicts.is_empty() { p.muted { (l.no_conflicts) } }
            @for c in conflicts.iter().take(MAX_CONFLICTS) {
                div.conflict {
                    h3 {
                        ((l.conflict_kind)(c.kind)) (w.colon)
                        @match (&c.org, &c.role) {
                            (Some(org), Some(role)) => { (org) " · " (role_words(self.reference, Some(role), w)) }
                            (Some(org), None) => { (org) }
                            _ => { span.value { (c.values.first().map_or("-", |v| v.value.as_str())) } }
                        }
                    }
                    ul {
                        @for v in &c.values {
                            li {
                                span.value { (v.value) } " — "
                                @for (i, r) in v.claims.iter().enumerate() {
                                    @if i > 0 { (w.semicolon) }
                                    (r.doc) ":" (r.line)
                                    @let role = r.role.as_deref().map(|role| role_words(self.reference, Some(role), w));
                                    @let said: Vec<&str> = [r.org.as_deref(), role.as_deref(), r.hours.as_deref()].into_iter().flatten().collect();
                                    @if !said.is_empty() { (w.open) (said.join(w.comma)) (w.close) }
                                }
                                @if v.more > 0 { ((l.more_claims)(&thousands(v.more))) }
                            }
                        }
                        @for r in &c.reference {
                            li {
                                (l.reference) (w.colon) span.value { (r.value) }
                                (w.open) (status_words(r.status, lang(l))) (w.semicolon) (w.source) (w.colon) (r.source) (w.close)
                            }
                        }
                    }
                }
            }
            @if conflicts.len() > MAX_CONFLICTS {
                p.muted { ((l.more_conflicts)(&thousands(conflicts.len() - MAX_CONFLICTS))) }
            }
        }
    }

    fn repeated(&self, s: &Summary) -> Markup {
        let l = self.labels;
        html! {
            h2 #repeated { (l.repeated) }
            @if s.most_repeated_unverified.is_empty() { p.muted { (l.none) } } @else {
                div.wrap { table.sortable data-filter=(l.filter_numbers) {
                    thead { tr { @for c in l.repeated_columns { th { (c) } } } }
                    tbody {
                        @for r in &s.most_repeated_unverified {
                            tr {
                                td.value { (r.value) }
                                td { (r.org) }
                                td.num { (thousands(r.pages)) }
                                td {
                                    @for (i, (doc, line)) in self.unverified_pages.get(&r.value).into_iter().flatten().enumerate() {
                                        @if i > 0 { br; }
                                        (doc) ":" (line)
                                    }
                                    @if r.pages > PAGES_PER_VALUE { br; span.muted { "…" } }
                                }
                            }
                        }
                    }
                } }
            }
        }
    }

    fn organisations(&self) -> Markup {
        let mut orgs: Vec<(&String, &OrgClaims)> = self.orgs.iter().collect();
        orgs.sort_by(|a, b| b.1.claims.cmp(&a.1.claims).then(a.0.cmp(b.0)));
        let l = self.labels;
        let w = l.answer;
        html! {
            h2 #organisations { ((l.organisations)(&thousands(self.orgs.len()))) }
            @if orgs.is_empty() { p.muted { (l.no_orgs) } }
            @for (org, claims) in orgs.iter().take(MAX_ORGS) {
                section.org {
                    h3 { (org) " — " ((l.org_claims)(&thousands(claims.claims))) }
                    @let values = claims.by_pages();
                    @let listed: Vec<_> = self.reference.contacts.iter().filter(|c| &c.org == *org).collect();
                    div.wrap { table.sortable data-filter=(l.filter_contacts) {
                        thead { tr { @for c in l.org_columns { th { (c) } } } }
                        tbody {
                            @for (value, v) in values.iter().take(MAX_VALUES_PER_ORG) {
                                tr {
                                    td.value { (value) }
                                    td { ((l.kind)(v.kind)) }
                                    td { (v.verdict.map_or("-", l.verdict)) }
                                    td class=(risk_class(v.risk)) { ((l.risk)(v.risk)) }
                                    td.num { (thousands(v.pages)) }
                                    td { (v.first.0) ":" (v.first.1) }
                                }
                            }
                        }
                    } }
                    @let hidden = values.len().saturating_sub(MAX_VALUES_PER_ORG) + claims.untracked;
                    @if hidden > 0 { p.muted.small { ((l.more_values)(&thousands(hidden))) } }
                    @if listed.is_empty() {
                        p.muted.small { ((l.no_listed)(org)) }
                    } @else {
                        p.small { ((w.listed_contacts)(org)) }
                        ul.small {
                            @for c in &listed {
                                li {
                                    span.value { (c.value) } " — " (status_words(c.status, lang(l)))
                                    @if c.role.is_some() { (w.comma) (role_words(self.reference, c.role.as_deref(), w)) }
                                    @if claims.values.contains_key(&c.value) { (l.claimed) } @else { (l.not_claimed) }
                                    br; span.muted { (w.source) (w.colon) (c.source) }
                                }
                            }
                        }
                    }
                }
            }
            @if orgs.len() > MAX_ORGS {
                p.muted { ((l.more_orgs)(&thousands(orgs.len() - MAX_ORGS))) }
            }
        }
    }

    fn claims_at_risk(&self) -> Markup {
        let rows: Vec<&Row> = self
            .danger
            .iter()
            .chain(&self.caution)
            .take(MAX_CLAIM_ROWS)
            .collect();
        let l = self.labels;
        html! {
            h2 #claims { ((l.at_risk)(&thousands(self.at_risk))) }
            @if rows.is_empty() { p.muted { (l.no_risk) } } @else {
                @if self.at_risk > rows.len() {
                    p.muted.small { ((l.first_of)(&thousands(rows.len()), &thousands(self.at_risk))) }
                }
                div.wrap { table.sortable #claims-table data-filter=(l.filter_claims) {
                    thead { tr { @for c in l.claim_columns { th { (c) } } } }
                    tbody {
                        @for r in rows {
                            tr {
                                td class=(risk_class(r.risk)) { ((l.risk)(r.risk)) }
                                td.value { (r.value) }
                                td { (r.raw) }
                                td { (r.org) }
                                td { @if !r.role.is_empty() { (role_words(self.reference, Some(&r.role), l.answer)) } }
                                td { (r.verdict.map_or("-", l.verdict)) }
                                td { (r.signals) }
                                td { (r.doc) ":" (r.line) }
                            }
                        }
                    }
                } }
            }
        }
    }

    fn problems(&self, s: &Summary) -> Markup {
        let l = self.labels;
        html! {
            h2 #errors { ((l.problems)(&thousands(s.failed), &thousands(s.warnings))) }
            @if self.errors.is_empty() && self.warnings.is_empty() { p.muted { (l.all_read) } } @else {
                div.wrap { table.sortable #problems-table data-filter=(l.filter_problems) {
                    thead { tr { @for c in l.problem_columns { th { (c) } } } }
                    tbody {
                        @for e in &self.errors {
                            tr { td.r-danger { (l.error) } td { (e.doc) @if let Some(line) = e.line { ":" (line) } } td { (e.message) } }
                        }
                        @for w in &self.warnings {
                            tr { td.r-caution { (l.warning) } td { (w.doc) } td { (w.message) } }
                        }
                    }
                } }
                @let listed = self.errors.len() + self.warnings.len();
                @let all = s.failed + s.warnings;
                @if all > listed { p.muted.small { ((l.more_problems)(&thousands(all - listed))) } }
            }
        }
    }
}

fn risk_class(r: Risk) -> &'static str {
    match r {
        Risk::Ok => "r-ok",
        Risk::Caution => "r-caution",
        Risk::Danger => "r-danger",
    }
}

/// The summary figures, each with an id the tests read.
fn figures(s: &Summary, l: &Labels) -> Markup {
    let figures = [
        ("documents", s.documents),
        ("audited", s.audited),
        ("failed", s.failed),
        ("claims", s.claims),
        ("phones", s.phones),
        ("emails", s.emails),
        ("conflicts", s.conflicts),
        ("warnings", s.warnings),
    ];
    html! {
        h2 #summary { (l.summary) }
        div.figures {
            @for ((id, n), words) in figures.into_iter().zip(l.figures) {
                div.figure { b id={ "figure-" (id) } data-value=(n) { (thousands(n)) } (words) }
            }
        }
    }
}

fn charts(s: &Summary, l: &Labels) -> Markup {
    let verdicts: Vec<(String, usize, &str)> = s
        .verdicts
        .iter()
        .map(|(v, n)| {
            let colour = match v {
                Verdict::Official => "#1a7f37",
                Verdict::ReportedScam | Verdict::WrongOrg => "#c62828",
                Verdict::NotAClaim => "#8c959f",
                _ => "#bf8700",
            };
            ((l.chart_verdict)(*v), *n, colour)
        })
        .collect();
    let risks: Vec<(String, usize, &str)> = s
        .risks
        .iter()
        .map(|(r, n)| {
            let colour = match r {
                Risk::Ok => "#1a7f37",
                Risk::Caution => "#bf8700",
                Risk::Danger => "#c62828",
            };
            ((l.risk)(*r).to_string(), *n, colour)
        })
        .collect();
    let types: Vec<(String, usize, &str)> = s
        .number_types
        .iter()
        .map(|(t, n)| ((l.number_type)(*t), *n, "#0b57d0"))
        .collect();
    html! {
        div.charts {
            (bar_chart("verdicts", l.charts[0], &verdicts, l))
            (bar_chart("risks", l.charts[1], &risks, l))
            (bar_chart("number-types", l.charts[2], &types, l))
        }
    }
}

/// A horizontal bar chart as inline SVG, with the same figures as a plain list for screen readers.
fn bar_chart(id: &str, title: &str, bars: &[(String, usize, &str)], l: &Labels) -> Markup {
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    let (label_w, bar_w, row_h) = (170usize, 150usize, 24usize);
    let height = (bars.len().max(1) * row_h) + 8;
    let width = label_w + bar_w + 70;
    html! {
        figure id={ "chart-" (id) } {
            figcaption { b { (title) } }
            @if bars.is_empty() { p.muted { (l.nothing) } } @else {
                svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label=(title)
                    width=(width) height=(height) viewBox={ "0 0 " (width) " " (height) } {
                    @for (i, (label, n, colour)) in bars.iter().enumerate() {
                        @let y = i * row_h + 4;
                        @let w = (n * bar_w).div_ceil(max).max(1);
                        text x=(label_w - 6) y=(y + 16) text-anchor="end" font-size="13" fill="#1d232a" { (label) }
                        rect x=(label_w) y=(y + 3) width=(w) height=(row_h - 8) fill=(colour) rx="2" {}
                        text x=(label_w + w + 6) y=(y + 16) font-size="13" fill="#1d232a" data-count=(n) { (thousands(*n)) }
                    }
                }
            }
        }
    }
}

impl Sink for HtmlPrinter<'_> {
    fn document(&mut self, result: &DocumentResult) -> io::Result<()> {
        let mut doc: Option<Arc<str>> = None;
        for c in &result.claims {
            let name = doc.get_or_insert_with(|| Arc::from(c.doc.as_str())).clone();
            self.claim(c, &name);
        }
        for e in &result.errors {
            if self.errors.len() < MAX_PROBLEMS {
                self.errors.push(e.clone());
            }
        }
        for w in &result.warnings {
            if self.warnings.len() < MAX_PROBLEMS {
                self.warnings.push(w.clone());
            }
        }
        self.documents += 1;
        Ok(())
    }

    fn finish(&mut self, conflicts: &[Conflict], summary: &Summary) -> io::Result<()> {
        let page = self.page(conflicts, summary).into_string();
        self.out.write_all(page.as_bytes())?;
        self.out.flush()
    }
}

/// The report's headings and labels, per language; listed statuses, roles and punctuation come from the
/// check answer's tables (`answer::Words`, `status_words`, `role_words`), so the two say things alike.
struct Labels {
    lang: &'static str,
    answer: &'static Words,
    title: &'static str,
    capped: &'static str,
    summary: &'static str,
    /// documents, audited, could not be read, claims, phone numbers, email addresses, conflicts, warnings
    figures: [&'static str; 8],
    charts: [&'static str; 3],
    nothing: &'static str,
    conflicts: fn(&str) -> String,
    no_conflicts: &'static str,
    conflict_kind: fn(ConflictKind) -> &'static str,
    more_claims: fn(&str) -> String,
    reference: &'static str,
    more_conflicts: fn(&str) -> String,
    repeated: &'static str,
    none: &'static str,
    /// number, claimed for, pages, seen on
    repeated_columns: [&'static str; 4],
    filter_numbers: &'static str,
    organisations: fn(&str) -> String,
    no_orgs: &'static str,
    org_claims: fn(&str) -> String,
    /// claimed, kind, verdict, risk, pages, first seen
    org_columns: [&'static str; 6],
    filter_contacts: &'static str,
    more_values: fn(&str) -> String,
    more_orgs: fn(&str) -> String,
    no_listed: fn(&str) -> String,
    claimed: &'static str,
    not_claimed: &'static str,
    at_risk: fn(&str) -> String,
    no_risk: &'static str,
    /// (shown, total)
    first_of: fn(&str, &str) -> String,
    /// risk, value, as written, organisation, role, verdict, signals, where
    claim_columns: [&'static str; 8],
    filter_claims: &'static str,
    /// (errors, warnings)
    problems: fn(&str, &str) -> String,
    all_read: &'static str,
    /// kind, document, message
    problem_columns: [&'static str; 3],
    error: &'static str,
    warning: &'static str,
    filter_problems: &'static str,
    more_problems: fn(&str) -> String,
    verdict: fn(Verdict) -> &'static str,
    /// A verdict, a phone number type, as the charts label them.
    chart_verdict: fn(Verdict) -> String,
    number_type: fn(NumberType) -> String,
    risk: fn(Risk) -> &'static str,
    kind: fn(Kind) -> &'static str,
}

const LABELS_EN: Labels = Labels {
    lang: "en",
    answer: &EN,
    title: "hotline audit",
    capped: "Lists are capped; every record is in the JSON Lines output ",
    summary: "Summary",
    figures: [
        "documents",
        "audited",
        "could not be read",
        "claims",
        "phone numbers",
        "email addresses",
        "conflicts",
        "warnings",
    ],
    charts: [
        "Claims by verdict",
        "Claims by risk",
        "Phone numbers by type",
    ],
    nothing: "Nothing to show.",
    conflicts: |n| format!("Conflicts between sources ({n})"),
    no_conflicts: "No source contradicts another.",
    conflict_kind: |k| match k {
        ConflictKind::SameRoleDifferentValues => "One role, different numbers",
        ConflictKind::SameValueDifferentClaims => "One number, different claims",
        ConflictKind::ReferenceDisagreement => "Sources disagree with the reference",
    },
    more_claims: |n| format!(" … and {n} more claims"),
    reference: "reference",
    more_conflicts: |n| format!("… and {n} more conflicts in the JSON Lines output."),
    repeated: "Unverified numbers repeated on the most pages",
    none: "None.",
    repeated_columns: ["number", "claimed for", "pages", "seen on"],
    filter_numbers: "Filter numbers",
    organisations: |n| format!("Organisations ({n})"),
    no_orgs: "No claim names an organisation.",
    org_claims: |n| format!("{n} claims"),
    org_columns: ["claimed", "kind", "verdict", "risk", "pages", "first seen"],
    filter_contacts: "Filter contacts",
    more_values: |n| format!("… and more claimed values ({n}) in the JSON Lines output."),
    more_orgs: |n| format!("… and {n} more organisations in the JSON Lines output."),
    no_listed: |org| format!("The reference lists no contacts for {org}."),
    claimed: " (claimed)",
    not_claimed: " (not claimed in these pages)",
    at_risk: |n| format!("Claims at risk ({n})"),
    no_risk: "No claim is at risk.",
    first_of: |shown, total| {
        format!(
            "The first {shown} (danger first) of {total}; the rest are in the JSON Lines output."
        )
    },
    claim_columns: [
        "risk",
        "value",
        "as written",
        "organisation",
        "role",
        "verdict",
        "signals",
        "where",
    ],
    filter_claims: "Filter claims",
    problems: |e, w| format!("Errors ({e}) and warnings ({w})"),
    all_read: "Every document was read.",
    problem_columns: ["kind", "document", "message"],
    error: "error",
    warning: "warning",
    filter_problems: "Filter errors and warnings",
    more_problems: |n| format!("… and {n} more in the JSON Lines output."),
    verdict: verdict_words,
    chart_verdict: |v| v.as_str().replace('_', " "),
    number_type: |t| t.as_str().replace('_', " "),
    risk: Risk::as_str,
    kind: Kind::as_str,
};

const LABELS_ZH: Labels = Labels {
    lang: "zh",
    answer: &ZH,
    title: "hotline 审核报告",
    capped: "列表有数量上限；全部记录见 JSON Lines 输出 ",
    summary: "概要",
    figures: [
        "文档",
        "已审核",
        "无法读取",
        "声称",
        "电话号码",
        "邮箱地址",
        "矛盾",
        "警告",
    ],
    charts: ["按核实结果的声称", "按风险的声称", "按类型的电话号码"],
    nothing: "无可显示的内容。",
    conflicts: |n| format!("来源之间的矛盾（{n}）"),
    no_conflicts: "没有来源互相矛盾。",
    conflict_kind: |k| match k {
        ConflictKind::SameRoleDifferentValues => "同一职能，不同号码",
        ConflictKind::SameValueDifferentClaims => "同一号码，不同说法",
        ConflictKind::ReferenceDisagreement => "来源与参考数据不一致",
    },
    more_claims: |n| format!(" ……另有 {n} 条声称"),
    reference: "参考数据",
    more_conflicts: |n| format!("……另有 {n} 个矛盾，见 JSON Lines 输出。"),
    repeated: "出现在最多页面上的未核实号码",
    none: "无。",
    repeated_columns: ["号码", "声称所属", "页面数", "出现于"],
    filter_numbers: "筛选号码",
    organisations: |n| format!("机构（{n}）"),
    no_orgs: "没有声称指明机构。",
    org_claims: |n| format!("{n} 条声称"),
    org_columns: [
        "声称的联系方式",
        "类型",
        "核实结果",
        "风险",
        "页面数",
        "首次出现",
    ],
    filter_contacts: "筛选联系方式",
    more_values: |n| format!("……另有 {n} 个声称的联系方式，见 JSON Lines 输出。"),
    more_orgs: |n| format!("……另有 {n} 个机构，见 JSON Lines 输出。"),
    no_listed: |org| format!("参考数据中没有 {org} 的联系方式。"),
    claimed: "（已声称）",
    not_claimed: "（这些页面未声称）",
    at_risk: |n| format!("有风险的声称（{n}）"),
    no_risk: "没有有风险的声称。",
    first_of: |shown, total| {
        format!("共 {total} 条，列出前 {shown} 条（危险的在前）；其余见 JSON Lines 输出。")
    },
    claim_columns: [
        "风险",
        "联系方式",
        "原文",
        "机构",
        "职能",
        "核实结果",
        "信号",
        "位置",
    ],
    filter_claims: "筛选声称",
    problems: |e, w| format!("错误（{e}）和警告（{w}）"),
    all_read: "所有文档均已读取。",
    problem_columns: ["类型", "文档", "信息"],
    error: "错误",
    warning: "警告",
    filter_problems: "筛选错误和警告",
    more_problems: |n| format!("……另有 {n} 条，见 JSON Lines 输出。"),
    verdict: |v| match v {
        Verdict::Official => "官方",
        Verdict::ListedUnconfirmed => "已登记，未确认",
        Verdict::Retired => "旧号码",
        Verdict::ReportedScam => "举报为诈骗",
        Verdict::WrongOrg => "属于其他机构",
        Verdict::WrongRole => "职能不符",
        Verdict::Unverified => "未核实",
        Verdict::NotAClaim => "非声称",
    },
    chart_verdict: |v| (LABELS_ZH.verdict)(v).to_string(),
    number_type: |t| {
        match t {
            NumberType::FixedLine => "固定电话",
            NumberType::Mobile => "手机",
            NumberType::FixedLineOrMobile => "固话或手机",
            NumberType::TollFree => "免费电话",
            NumberType::PremiumRate => "付费电话",
            NumberType::SharedCost => "分摊付费",
            NumberType::PersonalNumber => "个人号码",
            NumberType::Voip => "网络电话",
            NumberType::Pager => "寻呼",
            NumberType::Uan => "统一号码",
            NumberType::Voicemail => "语音信箱",
            NumberType::ShortCode => "短号码",
        }
        .to_string()
    },
    risk: |r| match r {
        Risk::Ok => "正常",
        Risk::Caution => "注意",
        Risk::Danger => "危险",
    },
    kind: |k| match k {
        Kind::Phone => "电话",
        Kind::Email => "邮箱",
        Kind::InvalidPhone => "无效号码",
    },
};

fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::En => &LABELS_EN,
        Lang::Zh => &LABELS_ZH,
    }
}

fn lang(l: &Labels) -> Lang {
    if l.lang == "zh" {
        Lang::Zh
    } else {
        Lang::En
    }
}
