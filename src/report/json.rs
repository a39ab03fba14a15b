//! One JSON document for the whole run:
//! `{"claims": [...], "conflicts": [...], "errors": [...], "warnings": [...], "summary": {...}}`.

use std::io::{self, Write};

use serde::Serialize;

use crate::document::{ErrorRecord, Warning};
use crate::model::{Claim, Conflict};
use crate::run::{DocumentResult, Sink, Summary};

pub struct JsonPrinter<'w> {
    out: Box<dyn Write + 'w>,
    claims: Vec<Claim>,
    errors: Vec<ErrorRecord>,
    warnings: Vec<Warning>,
}

impl<'w> JsonPrinter<'w> {
    pub fn new(out: Box<dyn Write + 'w>) -> Self {
        JsonPrinter {
            out,
            claims: Vec::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

#[derive(Serialize)]
struct Run<'a> {
    claims: &'a [Claim],
    conflicts: &'a [Conflict],
    errors: &'a [ErrorRecord],
    warnings: &'a [Warning],
    summary: &'a Summary,
}

impl Sink for JsonPrinter<'_> {
    fn document(&mut self, result: &DocumentResult) -> io::Result<()> {
        self.claims.extend(result.claims.iter().cloned());
        self.errors.extend(result.errors.iter().cloned());
        self.warnings.extend(result.warnings.iter().cloned());
        Ok(())
    }

    fn finish(&mut self, conflicts: &[Conflict], summary: &Summary) -> io::Result<()> {
        let run = Run {
            claims: &self.claims,
            conflicts,
            errors: &self.errors,
            warnings: &self.warnings,
            summary,
        };
        serde_json::to_writer_pretty(&mut self.out, &run)?;
        self.out.write_all(b"\n")?;
        self.out.flush()
    }
}
