//! Batch runs: many inputs, each holding one or many documents, audited in parallel with results in input
//! order. One thread reads and decodes inputs; each worker takes the next document as soon as it is free
//! (no batch boundaries where a worker waits for a slow page); the calling thread puts results back in
//! order and hands them to the sink. At most `WINDOW_PER_THREAD` documents per worker are in flight, read
//! but not yet handed over, so memory does not grow with the run.

use std::thread;

use crossbeam_channel::bounded;

use crate::audit::audit_document;
use crate::claim::DocumentResult;
use crate::context::ReadOptions;
use crate::reference::Reference;
use crate::source::{items, Input, Item, SourceOptions};

/// Documents in flight per worker: enough that a worker rarely waits for a slow page ahead of it (a
/// directory page costs as much as dozens of ordinary ones), few enough that memory stays small. Measured
/// on the 256 MB bench corpus at -j 2: 8 left the cores idle a quarter of the time, 32 kept them busy.
const WINDOW_PER_THREAD: usize = 32;

/// What the reader hands the workers, with its place in the input order.
enum Unit {
    Item(Item),
    /// An input has been read completely (for progress reporting): its index.
    InputDone(usize),
}

/// Audits every document of `inputs`. `sink` receives each document's result in input order, and
/// `done(i)` after the last document of input `i`.
///
/// The number of workers is the size of the current rayon pool (`-j`). With one (`-j 1`) everything runs
/// on the calling thread: one job means one core, as it does for ripgrep, rather than a worker plus a
/// reader and a printer competing for it.
pub fn audit_inputs<E: Send>(
    inputs: &[Input],
    sources: &SourceOptions,
    reference: &Reference,
    options: &ReadOptions,
    mut sink: impl FnMut(DocumentResult) -> Result<(), E>,
    mut done: impl FnMut(usize),
) -> Result<(), E> {
    let workers = rayon::current_num_threads();
    if workers == 1 {
        for (i, input) in inputs.iter().enumerate() {
            for item in items(input, sources) {
                sink(audit_item(&item, reference, options))?;
            }
            done(i);
        }
        return Ok(());
    }
    let window = WINDOW_PER_THREAD * workers;
    // The reader takes a permit before it sends a unit and the calling thread returns it once the unit's
    // result is handed over, so a unit's sequence number is always within `window` of the next to hand over.
    let (permit_tx, permit_rx) = bounded::<()>(window);
    let (work_tx, work_rx) = bounded::<(usize, Unit)>(window);
    let (done_tx, done_rx) = bounded::<(usize, Audited)>(window);
    // `move`: when the sink fails, returning drops the receivers, which is what stops the other threads.
    thread::scope(move |scope| {
        scope.spawn(move || {
            let mut seq = 0;
            for (i, input) in inputs.iter().enumerate() {
                let units = items(input, sources)
                    .map(Unit::Item)
                    .chain(std::iter::once(Unit::InputDone(i)));
                for unit in units {
                    if permit_tx.send(()).is_err() || work_tx.send((seq, unit)).is_err() {
                        return;
                    }
                    seq += 1;
                }
            }
        });
        for _ in 0..workers {
            let (work_rx, done_tx) = (work_rx.clone(), done_tx.clone());
            scope.spawn(move || {
                for (seq, unit) in work_rx {
                    let audited = match unit {
                        Unit::Item(item) => {
                            Audited::Document(audit_item(&item, reference, options))
                        }
                        Unit::InputDone(i) => Audited::InputDone(i),
                    };
                    if done_tx.send((seq, audited)).is_err() {
                        return;
                    }
                }
            });
        }
        drop((work_rx, done_tx));
        let mut pending: Vec<Option<Audited>> = (0..window).map(|_| None).collect();
        let mut next = 0;
        for (seq, audited) in &done_rx {
            pending[seq % window] = Some(audited);
            while let Some(audited) = pending[next % window].take() {
                next += 1;
                let _ = permit_rx.recv();
                match audited {
                    Audited::InputDone(i) => done(i),
                    Audited::Document(result) => sink(result)?,
                }
            }
        }
        Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// A JSON Lines file of `n` pages of uneven length; page `i` gives the address `user{i}@example.com`.
    fn pages(n: usize) -> (Input, PathBuf) {
        let dir = std::env::temp_dir().join(format!("hotline-batch-{n}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("pages.jsonl");
        let lines: Vec<String> = (0..n)
            .map(|i| {
                let filler = "Helpline directory. ".repeat((i * 37) % 300);
                format!(r#"{{"url": "https://example.com/{i}", "text": "{filler} Write to user{i}@example.com"}}"#)
            })
            .collect();
        std::fs::write(&path, lines.join("\n")).unwrap();
        let input = Input::File {
            name: path.display().to_string().into(),
            path: path.into(),
        };
        (input, dir)
    }

    fn on_two_threads<T: Send>(f: impl FnOnce() -> T + Send) -> T {
        rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap()
            .install(f)
    }

    fn first_value(result: &DocumentResult) -> String {
        result
            .claims
            .first()
            .map(|c| c.value.clone())
            .unwrap_or_default()
    }

    #[test]
    fn results_arrive_in_input_order_whatever_finishes_first() {
        let (input, dir) = pages(300);
        let seen = std::sync::Mutex::new(Vec::new());
        let mut inputs_done = Vec::new();
        on_two_threads(|| {
            audit_inputs::<()>(
                std::slice::from_ref(&input),
                &SourceOptions::default(),
                Reference::embedded(),
                &ReadOptions::default(),
                |result| {
                    seen.lock().unwrap().push(first_value(&result));
                    Ok(())
                },
                |i| inputs_done.push((i, seen.lock().unwrap().len())),
            )
        })
        .unwrap();
        let expected: Vec<String> = (0..300).map(|i| format!("user{i}@example.com")).collect();
        let seen = seen.into_inner().unwrap();
        assert_eq!(seen, expected);
        assert_eq!(inputs_done, [(0, 300)]);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_failing_sink_stops_the_run_without_waiting_for_the_rest() {
        let (input, dir) = pages(2000);
        let mut handed_over = 0;
        let outcome = on_two_threads(|| {
            audit_inputs(
                std::slice::from_ref(&input),
                &SourceOptions::default(),
                Reference::embedded(),
                &ReadOptions::default(),
                |_| {
                    handed_over += 1;
                    if handed_over == 5 {
                        Err("output closed")
                    } else {
                        Ok(())
                    }
                },
                |_| {},
            )
        });
        assert_eq!(outcome, Err("output closed"));
        assert_eq!(handed_over, 5);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
