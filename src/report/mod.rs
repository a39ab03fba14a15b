//! Reporting: printers that render records for people (text) or programs (JSON Lines, JSON, CSV).
//!
//! Printers receive documents in input order and one final call with the run's totals; each decides what
//! to stream and what to hold until the end.

mod check;
mod csv;
mod json;
mod jsonl;
mod text;

use std::io::{self, Write};

pub use crate::claim::DocumentResult;
use crate::claim::Summary;
use crate::crosscheck::Conflict;
use crate::reference::Reference;

pub use self::check::render_check;
pub use self::csv::{write_conflicts_csv, CsvPrinter};
pub use self::json::JsonPrinter;
pub use self::jsonl::JsonlPrinter;
pub use self::text::TextPrinter;

/// A renderer of audit results.
pub trait Printer {
    /// Called once per input, in input order.
    fn document(&mut self, result: &DocumentResult) -> io::Result<()>;
    /// Called once at the end of the run, with the conflicts found across all documents.
    fn finish(&mut self, conflicts: &[Conflict], summary: &Summary) -> io::Result<()>;
}

/// Output formats, as named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Jsonl,
    Json,
    Csv,
}

/// A printer for `format` writing to `out` (the text printer names listed alternatives from `reference`
/// and, with `explain`, prints why each signal matters).
pub fn printer<'w>(
    format: Format,
    out: Box<dyn Write + 'w>,
    color: bool,
    reference: &'w Reference,
    explain: bool,
) -> Box<dyn Printer + 'w> {
    match format {
        Format::Text => Box::new(TextPrinter::new(out, color, reference, explain)),
        Format::Jsonl => Box::new(JsonlPrinter::new(out)),
        Format::Json => Box::new(JsonPrinter::new(out)),
        Format::Csv => Box::new(CsvPrinter::new(out)),
    }
}
