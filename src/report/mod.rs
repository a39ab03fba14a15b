//! Reporting: printers that render a run's records for people (text) or programs (JSON Lines, JSON,
//! CSV, SARIF), input errors on standard error, and `hotline check`'s answer. Printers are [`Sink`]s: they receive documents in input order and
//! one final call with the conflicts and totals, and only render what those records hold.

mod answer;
mod csv;
mod errors;
mod html;
mod json;
mod jsonl;
mod page;
mod sarif;
mod store;
mod text;
pub mod web;

use std::io::Write;

use serde::Serialize;

use crate::document::{ErrorRecord, Warning};
use crate::model::{Claim, Conflict};
use crate::run::{Sink, Summary};

pub use self::answer::render_answer;
pub use self::csv::{guard, write_conflicts_csv, ConflictsCsv, CsvPrinter};
pub use self::errors::{ErrorLines, ERROR_LINES};
pub use self::html::HtmlPrinter;
pub use self::json::JsonPrinter;
pub use self::jsonl::JsonlPrinter;
pub use self::page::{check_page, Shown};
pub use self::sarif::SarifPrinter;
pub use self::store::{render_seen, render_stats};
pub use self::text::{printable, TextPrinter};

/// Output formats, as named on the command line (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum OutputFormat {
    Text,
    Jsonl,
    Json,
    Csv,
    /// SARIF 2.1.0 (code-scanning dashboards): one result per flagged claim.
    Sarif,
    /// The evidence store's claim rows as JSON Lines (for the Spark job and `hotline import`).
    Evidence,
}

/// A printer for `format` writing to `out` (text in bold where `color`; with `explain`, why each signal
/// matters).
pub fn printer<'w>(
    format: OutputFormat,
    out: Box<dyn Write + 'w>,
    color: bool,
    explain: bool,
) -> Box<dyn Sink + 'w> {
    match format {
        OutputFormat::Text => Box::new(TextPrinter::new(out, color, explain)),
        OutputFormat::Jsonl => Box::new(JsonlPrinter::new(out)),
        OutputFormat::Json => Box::new(JsonPrinter::new(out)),
        OutputFormat::Csv => Box::new(CsvPrinter::new(out)),
        OutputFormat::Sarif => Box::new(SarifPrinter::new(out)),
        // With the built-in reference; the command line passes its own to `EvidencePrinter::new`.
        OutputFormat::Evidence => Box::new(crate::store::EvidencePrinter::new(
            out,
            crate::reference::Reference::embedded(),
        )),
    }
}

/// Any output record, tagged with its `type` for JSON Lines.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum OutputRecord<'a> {
    Claim(&'a Claim),
    Conflict(&'a Conflict),
    Error(&'a ErrorRecord),
    Warning(&'a Warning),
    Summary(&'a Summary),
}
