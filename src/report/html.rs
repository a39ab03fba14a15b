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

use super::text::verdict_words;
use super::web::{content_security_policy, SCRIPT, STYLE};
use crate::document::{ErrorRecord, Warning};
use crate::model::{Claim, Conflict, ConflictKind, Kind, Risk, Verdict};
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
        html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta http-equiv="Content-Security-Policy" content=(content_security_policy());
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    meta name="referrer" content="no-referrer";
                    title { "hotline audit: " (self.title) }
                    style { (PreEscaped(STYLE)) }
                }
                body {
                    main {
                        h1 { "hotline audit" }
                        p.muted { (self.title) }
                        (figures(s))
                        (charts(s))
                        (self.conflicts(conflicts, s))
                        (self.repeated(s))
                        (self.organisations())
                        (self.claims_at_risk())
                        (self.problems(s))
                        p.muted.small {
                            "Lists are capped; every record is in the JSON Lines output "
                            code { "hotline audit PATH -f jsonl" } "."
                        }
                    }
                    script { (PreEscaped(SCRIPT)) }
                }
            }
        }
    }

    fn conflicts(&self, conflicts: &[Conflict], s: &Summary) -> Markup {
        html! {
            h2 #conflicts { "Conflicts between sources (" (thousands(s.conflicts)) ")" }
            @if conflicts.is_empty() { p.muted { "No source contradicts another." } }
            @for c in conflicts.iter().take(MAX_CONFLICTS) {
                div.conflict {
                    h3 {
                        (conflict_words(c.kind)) ": "
                        @match (&c.org, &c.role) {
                            (Some(org), Some(role)) => { (org) " · " (role) }
                            (Some(org), None) => { (org) }
                            _ => { span.value { (c.values.first().map_or("-", |v| v.value.as_str())) } }
                        }
                    }
                    ul {
                        @for v in &c.values {
                            li {
                                span.value { (v.value) } " — "
                                @for (i, r) in v.claims.iter().enumerate() {
                                    @if i > 0 { "; " }
                                    (r.doc) ":" (r.line)
                                    @let said: Vec<&str> = [r.org.as_deref(), r.role.as_deref(), r.hours.as_deref()].into_iter().flatten().collect();
                                    @if !said.is_empty() { " (" (said.join(", ")) ")" }
                                }
                                @if v.more > 0 { " … and " (thousands(v.more)) " more claims" }
                            }
                        }
                        @for l in &c.reference {
                            li { "reference: " span.value { (l.value) } " (" (l.status.as_str()) "; source: " (l.source) ")" }
                        }
                    }
                }
            }
            @if conflicts.len() > MAX_CONFLICTS {
                p.muted { "… and " (thousands(conflicts.len() - MAX_CONFLICTS)) " more conflicts in the JSON Lines output." }
            }
        }
    }

    fn repeated(&self, s: &Summary) -> Markup {
        html! {
            h2 #repeated { "Unverified numbers repeated on the most pages" }
            @if s.most_repeated_unverified.is_empty() { p.muted { "None." } } @else {
                div.wrap { table.sortable data-filter="Filter numbers" {
                    thead { tr { th { "number" } th { "claimed for" } th { "pages" } th { "seen on" } } }
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
        html! {
            h2 #organisations { "Organisations (" (thousands(self.orgs.len())) ")" }
            @if orgs.is_empty() { p.muted { "No claim names an organisation." } }
            @for (org, claims) in orgs.iter().take(MAX_ORGS) {
                section.org {
                    h3 { (org) " — " (thousands(claims.claims)) " claims" }
                    @let values = claims.by_pages();
                    @let listed: Vec<_> = self.reference.contacts.iter().filter(|c| &c.org == *org).collect();
                    div.wrap { table.sortable data-filter="Filter contacts" {
                        thead { tr { th { "claimed" } th { "kind" } th { "verdict" } th { "risk" } th { "pages" } th { "first seen" } } }
                        tbody {
                            @for (value, v) in values.iter().take(MAX_VALUES_PER_ORG) {
                                tr {
                                    td.value { (value) }
                                    td { (v.kind.as_str()) }
                                    td { (v.verdict.map_or("-", verdict_words)) }
                                    td class=(risk_class(v.risk)) { (v.risk.as_str()) }
                                    td.num { (thousands(v.pages)) }
                                    td { (v.first.0) ":" (v.first.1) }
                                }
                            }
                        }
                    } }
                    @let hidden = values.len().saturating_sub(MAX_VALUES_PER_ORG) + claims.untracked;
                    @if hidden > 0 { p.muted.small { "… and more claimed values (" (thousands(hidden)) ") in the JSON Lines output." } }
                    @if listed.is_empty() {
                        p.muted.small { "The reference lists no contacts for " (org) "." }
                    } @else {
                        p.small { "Listed in the reference:" }
                        ul.small {
                            @for l in &listed {
                                li {
                                    span.value { (l.value) } " — " (l.status.as_str())
                                    @if let Some(role) = &l.role { ", " (role) }
                                    @if claims.values.contains_key(&l.value) { " (claimed)" } @else { " (not claimed in these pages)" }
                                    br; span.muted { "source: " (l.source) }
                                }
                            }
                        }
                    }
                }
            }
            @if orgs.len() > MAX_ORGS {
                p.muted { "… and " (thousands(orgs.len() - MAX_ORGS)) " more organisations in the JSON Lines output." }
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
        html! {
            h2 #claims { "Claims at risk (" (thousands(self.at_risk)) ")" }
            @if rows.is_empty() { p.muted { "No claim is at risk." } } @else {
                @if self.at_risk > rows.len() {
                    p.muted.small { "The first " (thousands(rows.len())) " (danger first) of " (thousands(self.at_risk)) "; the rest are in the JSON Lines output." }
                }
                div.wrap { table.sortable #claims-table data-filter="Filter claims" {
                    thead { tr { th { "risk" } th { "value" } th { "as written" } th { "organisation" } th { "role" } th { "verdict" } th { "signals" } th { "where" } } }
                    tbody {
                        @for r in rows {
                            tr {
                                td class=(risk_class(r.risk)) { (r.risk.as_str()) }
                                td.value { (r.value) }
                                td { (r.raw) }
                                td { (r.org) }
                                td { (r.role) }
                                td { (r.verdict.map_or("-", verdict_words)) }
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
        html! {
            h2 #errors { "Errors (" (thousands(s.failed)) ") and warnings (" (thousands(s.warnings)) ")" }
            @if self.errors.is_empty() && self.warnings.is_empty() { p.muted { "Every document was read." } } @else {
                div.wrap { table.sortable #problems-table data-filter="Filter errors and warnings" {
                    thead { tr { th { "kind" } th { "document" } th { "message" } } }
                    tbody {
                        @for e in &self.errors {
                            tr { td.r-danger { "error" } td { (e.doc) @if let Some(l) = e.line { ":" (l) } } td { (e.message) } }
                        }
                        @for w in &self.warnings {
                            tr { td.r-caution { "warning" } td { (w.doc) } td { (w.message) } }
                        }
                    }
                } }
                @let listed = self.errors.len() + self.warnings.len();
                @let all = s.failed + s.warnings;
                @if all > listed { p.muted.small { "… and " (thousands(all - listed)) " more in the JSON Lines output." } }
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

fn conflict_words(k: ConflictKind) -> &'static str {
    match k {
        ConflictKind::SameRoleDifferentValues => "One role, different numbers",
        ConflictKind::SameValueDifferentClaims => "One number, different claims",
        ConflictKind::ReferenceDisagreement => "Sources disagree with the reference",
    }
}

/// The summary figures, each with an id the tests read.
fn figures(s: &Summary) -> Markup {
    let figures = [
        ("documents", "documents", s.documents),
        ("audited", "audited", s.audited),
        ("failed", "could not be read", s.failed),
        ("claims", "claims", s.claims),
        ("phones", "phone numbers", s.phones),
        ("emails", "email addresses", s.emails),
        ("conflicts", "conflicts", s.conflicts),
        ("warnings", "warnings", s.warnings),
    ];
    html! {
        h2 #summary { "Summary" }
        div.figures {
            @for (id, words, n) in figures {
                div.figure { b id={ "figure-" (id) } data-value=(n) { (thousands(n)) } (words) }
            }
        }
    }
}

fn charts(s: &Summary) -> Markup {
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
            (v.as_str().replace('_', " "), *n, colour)
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
            (r.as_str().to_string(), *n, colour)
        })
        .collect();
    let types: Vec<(String, usize, &str)> = s
        .number_types
        .iter()
        .map(|(t, n)| (t.as_str().replace('_', " "), *n, "#0b57d0"))
        .collect();
    html! {
        div.charts {
            (bar_chart("verdicts", "Claims by verdict", &verdicts))
            (bar_chart("risks", "Claims by risk", &risks))
            (bar_chart("number-types", "Phone numbers by type", &types))
        }
    }
}

/// A horizontal bar chart as inline SVG, with the same figures as a plain list for screen readers.
fn bar_chart(id: &str, title: &str, bars: &[(String, usize, &str)]) -> Markup {
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    let (label_w, bar_w, row_h) = (170usize, 150usize, 24usize);
    let height = (bars.len().max(1) * row_h) + 8;
    let width = label_w + bar_w + 70;
    html! {
        figure id={ "chart-" (id) } {
            figcaption { b { (title) } }
            @if bars.is_empty() { p.muted { "Nothing to show." } } @else {
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
