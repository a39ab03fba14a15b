//! Input errors on standard error, one line each, as ripgrep prints them: a script that reads only the
//! exit code and a person who reads only the terminal both learn that some input failed. Past `cap` lines
//! the rest are counted; the records themselves stay in the output.

use std::io::Write;

use super::text::printable;
use crate::model::Conflict;
use crate::run::{DocumentResult, Sink, Summary};

/// Error lines shown before the rest are only counted.
pub const ERROR_LINES: usize = 20;

pub struct ErrorLines<'w> {
    out: Box<dyn Write + 'w>,
    cap: usize,
    shown: usize,
    more: usize,
}

impl<'w> ErrorLines<'w> {
    /// Writes at most `cap` error lines to `out` (standard error), then a count of the rest.
    pub fn new(out: Box<dyn Write + 'w>, cap: usize) -> Self {
        ErrorLines {
            out,
            cap,
            shown: 0,
            more: 0,
        }
    }
}

impl Sink for ErrorLines<'_> {
    // Failing to write to standard error must not stop the run: errors are ignored here.
    fn document(&mut self, result: &DocumentResult) -> std::io::Result<()> {
        for e in &result.errors {
            if self.shown == self.cap {
                self.more += 1;
                continue;
            }
            self.shown += 1;
            let line = e.line.map(|l| format!(":{l}")).unwrap_or_default();
            let _ = writeln!(
                self.out,
                "hotline: {}{line}: {}",
                printable(&e.doc),
                printable(&e.message)
            );
        }
        Ok(())
    }

    fn finish(&mut self, _: &[Conflict], s: &Summary) -> std::io::Result<()> {
        if self.more > 0 {
            let _ = writeln!(
                self.out,
                "hotline: ... and {} more errors (every one is an error record in the output)",
                self.more
            );
        }
        if s.failed > 0 && s.audited > 0 {
            let _ = writeln!(
                self.out,
                "hotline: {} of {} documents could not be read; the rest were audited (exit code 2)",
                s.failed, s.documents
            );
        }
        let _ = self.out.flush();
        Ok(())
    }
}
