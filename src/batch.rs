//! Batch runs: many inputs, each holding one or many documents, audited in parallel with results in input
//! order. One thread reads and decodes inputs into batches; the rayon pool audits each batch while the next
//! is read. Memory is bounded by two batches in flight (each capped in documents and bytes).

use std::sync::mpsc::sync_channel;
use std::thread;

use rayon::prelude::*;

use crate::audit::audit_document;
use crate::claim::DocumentResult;
use crate::context::ReadOptions;
use crate::reference::Reference;
use crate::source::{items, Input, Item, SourceOptions};

/// A batch is sent to the workers at this many documents or this many bytes of text, whichever comes first.
const BATCH_DOCS: usize = 32;
const BATCH_BYTES: usize = 512 * 1024;

/// What is sent from the reader to the workers.
enum Unit {
    Item(Item),
    /// An input has been read completely (for progress reporting): its index.
    InputDone(usize),
}

/// Audits every document of `inputs`. `sink` receives each document's result in input order, and
/// `done(i)` after the last document of input `i`.
///
/// With a one-thread pool (`-j 1`) everything runs on the calling thread: one job means one core, as it
/// does for ripgrep, rather than a worker plus a reader and a printer competing for it.
pub fn audit_inputs<E: Send>(
    inputs: &[Input],
    sources: &SourceOptions,
    reference: &Reference,
    options: &ReadOptions,
    mut sink: impl FnMut(DocumentResult) -> Result<(), E>,
    mut done: impl FnMut(usize),
) -> Result<(), E> {
    if rayon::current_num_threads() == 1 {
        for (i, input) in inputs.iter().enumerate() {
            for item in items(input, sources) {
                sink(audit_item(&item, reference, options))?;
            }
            done(i);
        }
        return Ok(());
    }
    let (tx, rx) = sync_channel::<Vec<Unit>>(2);
    thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut batch = Vec::new();
            let mut bytes = 0;
            for (i, input) in inputs.iter().enumerate() {
                for item in items(input, sources) {
                    if let Item::Document(doc, _) = &item {
                        bytes += doc.text.len();
                    }
                    batch.push(Unit::Item(item));
                    if batch.len() >= BATCH_DOCS || bytes >= BATCH_BYTES {
                        if tx.send(std::mem::take(&mut batch)).is_err() {
                            return;
                        }
                        bytes = 0;
                    }
                }
                batch.push(Unit::InputDone(i));
            }
            let _ = tx.send(batch);
        });
        // Workers audit batch N+1 while this thread hands batch N to the sink (printing and
        // cross-checking are sequential; overlapping them with the audit is what lets -j scale).
        let (done_tx, done_rx) = sync_channel::<Vec<Audited>>(1);
        let workers = scope.spawn(move || {
            for batch in rx.iter() {
                let results: Vec<Audited> = batch
                    .into_par_iter()
                    .map(|unit| match unit {
                        Unit::Item(item) => {
                            Audited::Document(audit_item(&item, reference, options))
                        }
                        Unit::InputDone(i) => Audited::InputDone(i),
                    })
                    .collect();
                if done_tx.send(results).is_err() {
                    return;
                }
            }
        });
        let mut outcome = Ok(());
        'batches: for results in done_rx.iter() {
            for result in results {
                match result {
                    Audited::InputDone(i) => done(i),
                    Audited::Document(r) => {
                        if let Err(e) = sink(r) {
                            outcome = Err(e);
                            break 'batches;
                        }
                    }
                }
            }
        }
        drop(done_rx);
        let _ = workers.join();
        let _ = reader.join();
        outcome
    })
}

/// What the workers hand back, in input order.
enum Audited {
    Document(DocumentResult),
    InputDone(usize),
}

fn audit_item(item: &Item, reference: &Reference, options: &ReadOptions) -> DocumentResult {
    match item {
        Item::Document(doc, warnings) => DocumentResult {
            claims: audit_document(doc, reference, options),
            warnings: warnings.clone(),
            errors: Vec::new(),
            bytes: doc.text.len(),
        },
        Item::Error(e) => DocumentResult {
            errors: vec![e.clone()],
            ..DocumentResult::default()
        },
    }
}
