//! Text for people: each document's claims, then the totals. Page content is stripped of terminal control
//! characters so that a hostile page cannot drive the user's terminal.

use std::io::{self, Write};

use super::{DocumentResult, Printer};
use crate::claim::{Claim, Summary};

/// Removes control characters (ESC, C1 controls, ...) from text taken from a page.
pub fn printable(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

pub struct TextPrinter<'w> {
    out: Box<dyn Write + 'w>,
    color: bool,
}

impl<'w> TextPrinter<'w> {
    pub fn new(out: Box<dyn Write + 'w>, color: bool) -> Self {
        TextPrinter { out, color }
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
        )
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

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        writeln!(
            self.out,
            "{} documents ({} audited, {} failed), {} claims ({} phone numbers, {} email addresses)",
            s.documents, s.audited, s.failed, s.claims, s.phones, s.emails
        )?;
        self.out.flush()
    }
}
