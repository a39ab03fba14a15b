//! CSV: one row per claim, streamed, and one per error or warning record (`kind` `error` or `warning`,
//! with `doc`, `line` and `message`), so that a spreadsheet shows every input, read or not. Cells a
//! spreadsheet would run as a formula are guarded.

use std::io::{self, Write};

use crate::model::Conflict;
use crate::run::{DocumentResult, Sink, Summary};

pub const CLAIM_COLUMNS: &[&str] = &[
    "doc",
    "line",
    "column",
    "kind",
    "raw",
    "value",
    "region",
    "number_type",
    "org",
    "role",
    "label",
    "hours",
    "channel",
    "verdict",
    "owner",
    "signals",
    "risk",
    "message",
];

/// Prefixes a cell that starts like a formula (`=`, `+`, `-`, `@`, tab, carriage return) with `'`, the
/// OWASP-recommended guard: spreadsheets then show it as text. A phone value `+864006065500` is written
/// `'+864006065500`.
pub fn guard(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

pub const CONFLICT_COLUMNS: &[&str] = &[
    "conflict",
    "kind",
    "org",
    "role",
    "value",
    "doc",
    "line",
    "claimed_org",
    "claimed_role",
    "hours",
    "reference_value",
    "reference_source",
];

/// Writes conflicts as CSV: one row per claim of each competing value, numbered by conflict.
pub fn write_conflicts_csv(out: impl Write, conflicts: &[Conflict]) -> io::Result<()> {
    let mut w = ConflictsCsv::new(out)?;
    for c in conflicts {
        w.write(c)?;
    }
    w.finish()
}

/// Conflict rows written one conflict at a time (`hotline conflicts -f csv` streams them), numbered
/// from 1 in the order they come.
pub struct ConflictsCsv<W: Write> {
    w: csv::Writer<W>,
    number: usize,
}

impl<W: Write> ConflictsCsv<W> {
    pub fn new(out: W) -> io::Result<Self> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(CONFLICT_COLUMNS)?;
        Ok(ConflictsCsv { w, number: 0 })
    }

    pub fn write(&mut self, c: &Conflict) -> io::Result<()> {
        self.number += 1;
        let number = self.number.to_string();
        let reference_value: Vec<&str> = c.reference.iter().map(|r| r.value.as_str()).collect();
        let reference_source: Vec<&str> = c.reference.iter().map(|r| r.source.as_str()).collect();
        let (reference_value, reference_source) =
            (reference_value.join(" "), reference_source.join(" "));
        for v in &c.values {
            for r in &v.claims {
                let line = r.line.to_string();
                let row = [
                    number.as_str(),
                    c.kind.as_str(),
                    c.org.as_deref().unwrap_or(""),
                    c.role.as_deref().unwrap_or(""),
                    &v.value,
                    &r.doc,
                    &line,
                    r.org.as_deref().unwrap_or(""),
                    r.role.as_deref().unwrap_or(""),
                    r.hours.as_deref().unwrap_or(""),
                    &reference_value,
                    &reference_source,
                ];
                self.w
                    .write_record(row.iter().map(|cell| guard(cell).into_owned()))?;
            }
        }
        Ok(())
    }

    pub fn finish(mut self) -> io::Result<()> {
        self.w.flush()
    }
}

pub struct CsvPrinter<'w> {
    writer: csv::Writer<Box<dyn Write + 'w>>,
    header_written: bool,
}

impl<'w> CsvPrinter<'w> {
    pub fn new(out: Box<dyn Write + 'w>) -> Self {
        CsvPrinter {
            writer: csv::Writer::from_writer(out),
            header_written: false,
        }
    }
}

impl CsvPrinter<'_> {
    /// A row for an error or warning record: its document, line, kind and message.
    fn record(&mut self, doc: &str, line: &str, kind: &str, message: &str) -> io::Result<()> {
        let mut row = vec![""; CLAIM_COLUMNS.len()];
        row[0] = doc;
        row[1] = line;
        row[3] = kind;
        row[CLAIM_COLUMNS.len() - 1] = message;
        self.writer
            .write_record(row.iter().map(|cell| guard(cell).into_owned()))?;
        Ok(())
    }
}

fn opt(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("")
}

impl Sink for CsvPrinter<'_> {
    fn document(&mut self, result: &DocumentResult) -> io::Result<()> {
        if !self.header_written {
            self.writer.write_record(CLAIM_COLUMNS)?;
            self.header_written = true;
        }
        for e in &result.errors {
            let line = e.line.map(|l| l.to_string()).unwrap_or_default();
            self.record(&e.doc, &line, "error", &e.message)?;
        }
        for w in &result.warnings {
            self.record(&w.doc, "", "warning", &w.message)?;
        }
        for c in &result.claims {
            let line = c.line.to_string();
            let column = c.column.to_string();
            let signals: Vec<&str> = c.signals.ids().collect();
            let signals = signals.join(" ");
            let (a, v) = (&c.attribution, &c.verification);
            let row = [
                c.doc.as_str(),
                &line,
                &column,
                c.kind.as_str(),
                &c.raw,
                &c.value,
                opt(&c.region),
                c.number_type.map_or("", |t| t.as_str()),
                opt(&a.org),
                opt(&a.role),
                opt(&a.label),
                opt(&a.hours),
                a.channel.unwrap_or(""),
                v.verdict.map_or("", |v| v.as_str()),
                opt(&v.owner),
                &signals,
                c.risk.as_str(),
                "",
            ];
            self.writer
                .write_record(row.iter().map(|cell| guard(cell).into_owned()))?;
        }
        Ok(())
    }

    fn finish(&mut self, _conflicts: &[Conflict], _summary: &Summary) -> io::Result<()> {
        if !self.header_written {
            self.writer.write_record(CLAIM_COLUMNS)?;
        }
        self.writer.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::guard;

    #[test]
    fn formula_cells_are_guarded() {
        assert_eq!(guard("+864006065500"), "'+864006065500");
        assert_eq!(guard("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(guard("-1"), "'-1");
        assert_eq!(guard("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(guard("950618"), "950618");
    }
}
