//! Text for people: each document's claims, then the totals. Page content is stripped of terminal control
//! characters so that a hostile page cannot drive the user's terminal.

use std::io::{self, Write};

use crate::model::{Claim, Conflict, ConflictKind, Lang, Verdict};
use crate::rules;
use crate::run::{DocumentResult, Sink, Summary};
use crate::text::count;

/// Removes control characters (ESC, C1 controls, ...) from text taken from a page.
pub fn printable(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

pub struct TextPrinter<'w> {
    out: Box<dyn Write + 'w>,
    color: bool,
    explain: bool,
}

fn files(n: usize) -> String {
    if n == 1 {
        "1 file".into()
    } else {
        format!("{n} files")
    }
}

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
    pub fn new(out: Box<dyn Write + 'w>, color: bool, explain: bool) -> Self {
        TextPrinter {
            out,
            color,
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
        let mut what = vec![c.kind.as_str().to_string()];
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
        let a = &c.attribution;
        let mut claimed = Vec::new();
        claimed.push(a.org.clone().unwrap_or_else(|| "no organisation".into()));
        if let Some(r) = &a.role {
            claimed.push(r.clone());
        }
        if let Some(l) = &a.label {
            claimed.push(format!("“{}”", printable(l)));
        }
        if let Some(h) = &a.hours {
            claimed.push(format!("hours {}", printable(h)));
        }
        if let Some(ch) = a.channel {
            claimed.push(format!("via {ch}"));
        }
        writeln!(
            self.out,
            "              claimed as: {}",
            claimed.join(" · ")
        )?;
        let v = &c.verification;
        if let Some(verdict) = v.verdict {
            let note = v.verdict_note.as_deref().unwrap_or("");
            let words = self.bold(verdict_words(verdict));
            writeln!(
                self.out,
                "              {words}: {} [risk: {}]",
                printable(note),
                c.risk.as_str()
            )?;
            for s in &c.signals.0 {
                let rule = rules::rule(s.rule);
                let message = rule.map_or("", |r| r.message.get(Lang::En));
                writeln!(
                    self.out,
                    "              ! {} ({message}): {}",
                    s.rule,
                    printable(&s.detail)
                )?;
                if let (true, Some(r)) = (self.explain, rule) {
                    writeln!(self.out, "                why: {}", r.why)?;
                }
            }
            if !v.alternatives.is_empty() {
                let listed: Vec<String> = v
                    .alternatives
                    .iter()
                    .map(|a| {
                        let role = a.role.as_deref().unwrap_or("-");
                        format!("{} ({role}, {})", a.value, a.status.as_str())
                    })
                    .collect();
                writeln!(
                    self.out,
                    "              listed instead: {}",
                    listed.join("; ")
                )?;
            }
        }
        Ok(())
    }

    /// One conflict record, as the run's text ends with them (also `hotline conflicts`).
    pub fn write_conflict(&mut self, c: &Conflict) -> io::Result<()> {
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

    /// The line under a conflict that lists only its first values (`hotline conflicts --values N`).
    pub fn write_more_values(&mut self, more: usize) -> io::Result<()> {
        writeln!(self.out, "    and {more} more values")
    }
}

impl Sink for TextPrinter<'_> {
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
                self.write_conflict(c)?;
            }
            writeln!(self.out)?;
        }
        let heading = self.bold("Summary");
        writeln!(self.out, "{heading}")?;
        writeln!(
            self.out,
            "  {} ({} audited, {} failed), {} ({}, {}), {}",
            count(s.documents, "document", "documents"),
            s.audited,
            s.failed,
            count(s.claims, "claim", "claims"),
            count(s.phones, "phone number", "phone numbers"),
            count(s.emails, "email address", "email addresses"),
            count(s.warnings, "warning", "warnings")
        )?;
        let mut skipped = Vec::new();
        if s.ignored > 0 {
            skipped.push(format!(
                "{} by ignore rules (--no-ignore reads them)",
                files(s.ignored)
            ));
        }
        if s.hidden > 0 {
            skipped.push(format!("{} hidden (--hidden reads them)", files(s.hidden)));
        }
        if !skipped.is_empty() {
            writeln!(self.out, "  skipped: {}", skipped.join(", "))?;
        }
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
        if !s.most_contested.is_empty() {
            let top: Vec<String> = s
                .most_contested
                .iter()
                .map(|c| {
                    format!(
                        "{} {} ({} values, {} claims)",
                        c.org, c.role, c.values, c.claims
                    )
                })
                .collect();
            writeln!(self.out, "  most contested: {}", top.join("; "))?;
        }
        if !s.most_repeated_unverified.is_empty() {
            let top: Vec<String> = s
                .most_repeated_unverified
                .iter()
                .map(|r| {
                    let n = r.pages;
                    let pages = if n == 1 { "page" } else { "pages" };
                    format!("{} ({}) on {n} {pages}", r.value, r.org)
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
