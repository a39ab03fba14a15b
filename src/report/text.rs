//! Text for people: each document's claims, then the totals. Page content is stripped of terminal control
//! characters so that a hostile page cannot drive the user's terminal.

use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};

use super::{DocumentResult, Printer};
use crate::claim::{Claim, Summary};
use crate::crosscheck::Conflict;
use crate::crosscheck::ConflictKind;
use crate::reference::Reference;
use crate::verify::{alternatives, Verdict};

/// Removes control characters (ESC, C1 controls, ...) from text taken from a page.
pub fn printable(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

pub struct TextPrinter<'w> {
    out: Box<dyn Write + 'w>,
    color: bool,
    reference: &'w Reference,
    /// Unverified phone numbers claimed for an organisation, and the pages claiming them.
    unverified_pages: HashMap<String, (String, BTreeSet<String>)>,
    explain: bool,
}

/// How many unverified numbers the summary tracks (a crawl can hold millions; the top ones matter).
const TRACKED_UNVERIFIED: usize = 100_000;

/// How a verdict reads for people.
pub fn verdict_words(v: Verdict) -> &'static str {
    match v {
        Verdict::Official => "OFFICIAL",
        Verdict::ListedUnconfirmed => "LISTED, UNCONFIRMED",
        Verdict::Retired => "RETIRED",
        Verdict::ReportedScam => "REPORTED SCAM",
        Verdict::WrongOrg => "WRONG ORGANISATION",
        Verdict::WrongRole => "WRONG ROLE",
        Verdict::Unverified => "UNVERIFIED",
        Verdict::NotAClaim => "no claim",
    }
}

impl<'w> TextPrinter<'w> {
    pub fn new(
        out: Box<dyn Write + 'w>,
        color: bool,
        reference: &'w Reference,
        explain: bool,
    ) -> Self {
        TextPrinter {
            out,
            color,
            reference,
            unverified_pages: HashMap::new(),
            explain,
        }
    }

    fn bold(&self, s: &str) -> String {
        if self.color {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    fn claim(&mut self, c: &Claim) -> io::Result<()> {
        let mut what = vec![c.kind_name().to_string()];
        if let Some(r) = &c.region {
            what.push(r.clone());
        }
        if let Some(t) = c.number_type {
            what.push(t.as_str().replace('_', " "));
        }
        let value = self.bold(&printable(&c.value));
        writeln!(
            self.out,
            "  {:>5}:{:<4} {}  ({})  as written: {}",
            c.line,
            c.column,
            value,
            what.join(", "),
            printable(&c.raw)
        )?;
        let mut claimed = Vec::new();
        claimed.push(c.org.clone().unwrap_or_else(|| "no organisation".into()));
        if let Some(r) = &c.role {
            claimed.push(r.clone());
        }
        if let Some(l) = &c.label {
            claimed.push(format!("“{}”", printable(l)));
        }
        if let Some(h) = &c.hours {
            claimed.push(format!("hours {}", printable(h)));
        }
        if let Some(ch) = c.channel {
            claimed.push(format!("via {ch}"));
        }
        writeln!(
            self.out,
            "              claimed as: {}",
            claimed.join(" · ")
        )?;
        if let Some(v) = c.verdict {
            let note = c.verdict_note.as_deref().unwrap_or("");
            let verdict = self.bold(verdict_words(v));
            writeln!(
                self.out,
                "              {verdict}: {} [risk: {}]",
                printable(note),
                c.risk.as_str()
            )?;
            for e in &c.evidence {
                let message = crate::rules::rule(&e.rule).map_or("", |r| r.message.as_str());
                writeln!(
                    self.out,
                    "              ! {} ({message}): {}",
                    e.rule,
                    printable(&e.detail)
                )?;
                if let (true, Some(r)) = (self.explain, crate::rules::rule(&e.rule)) {
                    writeln!(self.out, "                why: {}", r.why)?;
                }
            }
            let warn = matches!(
                v,
                Verdict::Unverified
                    | Verdict::WrongOrg
                    | Verdict::WrongRole
                    | Verdict::ReportedScam
            );
            if let (true, Some(org)) = (warn, &c.org) {
                let listed: Vec<String> = alternatives(self.reference, org, c.role.as_deref())
                    .iter()
                    .take(3)
                    .map(|a| {
                        let role = a.role.as_deref().unwrap_or("-");
                        format!("{} ({role}, {})", a.value, a.status.as_str())
                    })
                    .collect();
                if !listed.is_empty() {
                    writeln!(
                        self.out,
                        "              listed instead: {}",
                        listed.join("; ")
                    )?;
                }
            }
        }
        Ok(())
    }

    fn conflict(&mut self, c: &Conflict) -> io::Result<()> {
        let subject = match (&c.org, &c.role) {
            (Some(org), Some(role)) => format!("{org} {role}"),
            _ => c
                .values
                .first()
                .map(|v| v.value.clone())
                .unwrap_or_default(),
        };
        let headline = match c.kind {
            ConflictKind::SameRoleDifferentValues => {
                format!("{subject}: sources give different values")
            }
            ConflictKind::SameValueDifferentClaims => {
                format!("{subject}: sources say different things about it")
            }
            ConflictKind::ReferenceDisagreement => {
                let official: Vec<String> = c
                    .reference
                    .iter()
                    .map(|r| format!("{} (source: {})", r.value, r.source))
                    .collect();
                format!(
                    "{subject}: the reference's official value is {}, but sources give others",
                    official.join(", ")
                )
            }
        };
        writeln!(self.out, "  {}", printable(&headline))?;
        for v in &c.values {
            let places: Vec<String> = v
                .claims
                .iter()
                .map(|r| {
                    let mut place = format!("{}:{}", r.doc, r.line);
                    if c.kind == ConflictKind::SameValueDifferentClaims {
                        let what: Vec<&str> =
                            [r.org.as_deref(), r.role.as_deref(), r.hours.as_deref()]
                                .into_iter()
                                .flatten()
                                .collect();
                        place.push_str(&format!(" ({})", what.join(", ")));
                    }
                    place
                })
                .collect();
            let more = if v.more > 0 {
                format!(" and {} more", v.more)
            } else {
                String::new()
            };
            writeln!(
                self.out,
                "    {}  {}{more}",
                v.value,
                printable(&places.join("; "))
            )?;
        }
        Ok(())
    }
}

impl Printer for TextPrinter<'_> {
    fn document(&mut self, result: &DocumentResult) -> io::Result<()> {
        for e in &result.errors {
            writeln!(
                self.out,
                "error: {}: {}",
                printable(&e.doc),
                printable(&e.message)
            )?;
        }
        for w in &result.warnings {
            writeln!(
                self.out,
                "warning: {}: {}",
                printable(&w.doc),
                printable(&w.message)
            )?;
        }
        for c in &result.claims {
            let tracked = self.unverified_pages.len() < TRACKED_UNVERIFIED
                || self.unverified_pages.contains_key(&c.value);
            if let (Some(Verdict::Unverified), Some(org), true) = (c.verdict, &c.org, tracked) {
                if c.kind == crate::mention::Kind::Phone {
                    let entry = self
                        .unverified_pages
                        .entry(c.value.clone())
                        .or_insert_with(|| (org.clone(), BTreeSet::new()));
                    entry.1.insert(c.doc.clone());
                }
            }
        }
        if let Some(first) = result.claims.first() {
            let heading = self.bold(&printable(&first.doc));
            writeln!(self.out, "{heading}")?;
            for c in &result.claims {
                self.claim(c)?;
            }
            writeln!(self.out)?;
        }
        Ok(())
    }

    fn finish(&mut self, conflicts: &[Conflict], s: &Summary) -> io::Result<()> {
        if !conflicts.is_empty() {
            let heading = self.bold(&format!("Conflicts ({})", conflicts.len()));
            writeln!(self.out, "{heading}")?;
            for c in conflicts {
                self.conflict(c)?;
            }
            writeln!(self.out)?;
        }
        let heading = self.bold("Summary");
        writeln!(self.out, "{heading}")?;
        writeln!(
            self.out,
            "  {} documents ({} audited, {} failed), {} claims ({} phone numbers, {} email addresses), {} warnings",
            s.documents, s.audited, s.failed, s.claims, s.phones, s.emails, s.warnings
        )?;
        let verdicts: Vec<String> = s
            .verdicts
            .iter()
            .map(|(v, n)| format!("{} {n}", v.as_str()))
            .collect();
        if !verdicts.is_empty() {
            writeln!(self.out, "  verdicts: {}", verdicts.join(", "))?;
        }
        let risks: Vec<String> = s
            .risks
            .iter()
            .map(|(r, n)| format!("{} {n}", r.as_str()))
            .collect();
        if !risks.is_empty() {
            writeln!(self.out, "  risk: {}", risks.join(", "))?;
        }
        let mut contested: Vec<(usize, String)> = conflicts
            .iter()
            .filter(|c| c.kind == ConflictKind::SameRoleDifferentValues)
            .map(|c| {
                let claims: usize = c.values.iter().map(|v| v.claims.len() + v.more).sum();
                let subject = format!(
                    "{} {} ({} values, {claims} claims)",
                    c.org.as_deref().unwrap_or("?"),
                    c.role.as_deref().unwrap_or("?"),
                    c.values.len()
                );
                (claims, subject)
            })
            .collect();
        contested.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        if !contested.is_empty() {
            let top: Vec<&str> = contested.iter().take(5).map(|(_, s)| s.as_str()).collect();
            writeln!(self.out, "  most contested: {}", top.join("; "))?;
        }
        let mut unverified: Vec<(&String, &(String, BTreeSet<String>))> =
            self.unverified_pages.iter().collect();
        unverified.sort_by(|a, b| b.1 .1.len().cmp(&a.1 .1.len()).then(a.0.cmp(b.0)));
        if !unverified.is_empty() {
            let top: Vec<String> = unverified
                .iter()
                .take(10)
                .map(|(value, (org, pages))| {
                    let n = pages.len();
                    format!(
                        "{value} ({org}) on {n} page{}",
                        if n == 1 { "" } else { "s" }
                    )
                })
                .collect();
            writeln!(
                self.out,
                "  most repeated unverified numbers: {}",
                top.join("; ")
            )?;
        }
        self.out.flush()
    }
}
