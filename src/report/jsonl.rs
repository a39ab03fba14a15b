//! JSON Lines: one self-contained object per line, streamed as documents finish.

use std::io::{self, Write};

use super::OutputRecord as Record;
use crate::model::Conflict;
use crate::run::{DocumentResult, Sink, Summary};

pub struct JsonlPrinter<'w> {
    out: Box<dyn Write + 'w>,
}

impl<'w> JsonlPrinter<'w> {
    pub fn new(out: Box<dyn Write + 'w>) -> Self {
        JsonlPrinter { out }
    }

    fn record(&mut self, record: Record) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, &record)?;
        self.out.write_all(b"\n")
    }
}

impl Sink for JsonlPrinter<'_> {
    fn document(&mut self, result: &DocumentResult) -> io::Result<()> {
        for e in &result.errors {
            self.record(Record::Error(e))?;
        }
        for w in &result.warnings {
            self.record(Record::Warning(w))?;
        }
        for c in &result.claims {
            self.record(Record::Claim(c))?;
        }
        Ok(())
    }

    fn finish(&mut self, conflicts: &[Conflict], summary: &Summary) -> io::Result<()> {
        for c in conflicts {
            self.record(Record::Conflict(c))?;
        }
        self.record(Record::Summary(summary))?;
        self.out.flush()
    }
}
