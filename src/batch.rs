//! Batch runs: many inputs, each holding one or many documents, audited in parallel with results in input
//! order. One thread reads and decodes inputs; each worker takes the next document as soon as it is free
//! (no batch boundaries where a worker waits for a slow page); the calling thread puts results back in
//! order and hands them to the sink. At most `WINDOW_PER_THREAD` documents per worker are in flight, read
//! but not yet handed over, so memory does not grow with the run.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;
use std::thread;

use crossbeam_channel::bounded;

use crate::audit::audit_document;
use crate::claim::{DocumentResult, ErrorRecord};
use crate::context::ReadOptions;
use crate::document::Document;
use crate::reference::Reference;
use crate::source::{items, Input, Item, SourceOptions};

/// Documents in flight per worker: enough that a worker rarely waits for a slow page ahead of it (a
/// directory page costs as much as dozens of ordinary ones), few enough that memory stays small. Measured
/// on the 256 MB bench corpus at -j 2: 8 left the cores idle a quarter of the time, 32 kept them busy.
const WINDOW_PER_THREAD: usize = 32;

/// How a batch reads and audits its inputs.
#[derive(Debug, Clone, Default)]
pub struct BatchOptions {
    pub sources: SourceOptions,
    pub read: ReadOptions,
    #[doc(hidden)]
    pub faults: Faults,
}

/// Fault injection, for tests that prove a run survives a panic: while auditing a marked document (inside
/// the per-document guard), or in a worker outside that guard (the worker dies).
#[doc(hidden)]
#[derive(Debug, Clone, Copy, Default)]
pub struct Faults {
    /// Panic while auditing a document whose text contains this marker.
    pub panic_in_document: Option<&'static str>,
    /// Panic in the worker thread, outside the per-document guard, on a document containing this marker.
    pub kill_worker: Option<&'static str>,
}

impl Faults {
    fn marked(marker: Option<&str>, item: &Item) -> bool {
        matches!((marker, item), (Some(m), Item::Document(doc, _)) if doc.text.contains(m))
    }
}

/// Why a batch stopped before the end.
#[derive(Debug, PartialEq)]
pub enum BatchError<E> {
    /// The sink failed (for example, the output was closed).
    Sink(E),
    /// A worker thread died outside the per-document guard; the run stopped instead of waiting for it.
    WorkerDied(String),
}

/// What the reader hands the workers, with its place in the input order.
enum Unit {
    Item(Item),
    /// An input has been read completely (for progress reporting): its index.
    InputDone(usize),
}

/// What the workers hand back.
enum Done {
    Audited(usize, Audited),
    WorkerDied(String),
}

/// Audits every document of `inputs`. `sink` receives each document's result in input order, and
/// `done(i)` after the last document of input `i`. A document whose audit panics yields an error record
/// ("internal error: ...") and the run goes on.
///
/// The number of workers is the size of the current rayon pool (`-j`). With one (`-j 1`) everything runs
/// on the calling thread: one job means one core, as it does for ripgrep, rather than a worker plus a
/// reader and a printer competing for it.
pub fn audit_inputs<E: Send>(
    inputs: &[Input],
    options: &BatchOptions,
    reference: &Reference,
    mut sink: impl FnMut(DocumentResult) -> Result<(), E>,
    mut done: impl FnMut(usize),
) -> Result<(), BatchError<E>> {
    let workers = rayon::current_num_threads();
    if workers == 1 {
        for (i, input) in inputs.iter().enumerate() {
            for item in items(input, &options.sources) {
                if Faults::marked(options.faults.kill_worker, &item) {
                    return Err(BatchError::WorkerDied("injected fault".into()));
                }
                sink(audit_item(&item, reference, options)).map_err(BatchError::Sink)?;
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
    let (done_tx, done_rx) = bounded::<Done>(window);
    // `move`: when the sink fails or a worker dies, returning drops the receivers, which is what stops the
    // other threads.
    thread::scope(move |scope| {
        scope.spawn(move || {
            let mut seq = 0;
            for (i, input) in inputs.iter().enumerate() {
                let units = items(input, &options.sources)
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
                // A worker that dies leaves a hole in the order that nothing would fill: it says so, and the
                // calling thread stops the run instead of waiting forever.
                let worker = panic::catch_unwind(AssertUnwindSafe(|| {
                    for (seq, unit) in &work_rx {
                        let audited = match unit {
                            Unit::Item(item) => {
                                if Faults::marked(options.faults.kill_worker, &item) {
                                    panic!("injected fault: worker killed");
                                }
                                Audited::Document(audit_item(&item, reference, options))
                            }
                            Unit::InputDone(i) => Audited::InputDone(i),
                        };
                        if done_tx.send(Done::Audited(seq, audited)).is_err() {
                            return;
                        }
                    }
                }));
                if let Err(payload) = worker {
                    let _ = done_tx.send(Done::WorkerDied(panic_message(payload.as_ref())));
                }
            });
        }
        drop((work_rx, done_tx));
        let mut pending: Vec<Option<Audited>> = (0..window).map(|_| None).collect();
        let mut next = 0;
        for message in &done_rx {
            let (seq, audited) = match message {
                Done::Audited(seq, audited) => (seq, audited),
                Done::WorkerDied(why) => return Err(BatchError::WorkerDied(why)),
            };
            pending[seq % window] = Some(audited);
            while let Some(audited) = pending[next % window].take() {
                next += 1;
                let _ = permit_rx.recv();
                match audited {
                    Audited::InputDone(i) => done(i),
                    Audited::Document(result) => sink(result).map_err(BatchError::Sink)?,
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

fn audit_item(item: &Item, reference: &Reference, options: &BatchOptions) -> DocumentResult {
    match item {
        Item::Document(doc, warnings) => {
            let audited = guarded(|| {
                if Faults::marked(options.faults.panic_in_document, item) {
                    panic!("injected fault on {}", doc.name);
                }
                audit_document(doc, reference, &options.read)
            });
            match audited {
                Ok(claims) => DocumentResult {
                    claims,
                    warnings: warnings.clone(),
                    errors: Vec::new(),
                    bytes: doc.text.len(),
                    internal_errors: 0,
                },
                Err(why) => internal_error(doc, why),
            }
        }
        Item::Error(e) => DocumentResult {
            errors: vec![e.clone()],
            ..DocumentResult::default()
        },
    }
}

/// The error record for a document whose audit panicked.
fn internal_error(doc: &Document, why: String) -> DocumentResult {
    DocumentResult {
        errors: vec![ErrorRecord {
            doc: doc.name.clone(),
            line: None,
            message: format!(
                "internal error while auditing this document (please report it): {why}"
            ),
        }],
        internal_errors: 1,
        ..DocumentResult::default()
    }
}

thread_local! {
    /// Set while this thread runs inside `guarded`: its panics are reported as records, not printed.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// Where the last guarded panic happened, as the panic hook saw it.
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `f`, turning a panic into its message (with where it happened). The panic is not printed by the
/// default hook: the caller reports it, once, with the document it belongs to.
pub fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if GUARDED.with(Cell::get) {
                let at = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()));
                LOCATION.with(|l| *l.borrow_mut() = at);
            } else {
                previous(info);
            }
        }));
    });
    let outer = GUARDED.with(|g| g.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(outer));
    result.map_err(|payload| {
        let message = panic_message(payload.as_ref());
        match LOCATION.with(|l| l.borrow_mut().take()) {
            Some(at) => format!("{message} (at {at})"),
            None => message,
        }
    })
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".into())
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
        on_threads(2, || {
            audit_inputs::<()>(
                std::slice::from_ref(&input),
                &BatchOptions::default(),
                Reference::embedded(),
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
        let outcome = on_threads(2, || {
            audit_inputs(
                std::slice::from_ref(&input),
                &BatchOptions::default(),
                Reference::embedded(),
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
        assert_eq!(outcome, Err(BatchError::Sink("output closed")));
        assert_eq!(handed_over, 5);
        std::fs::remove_dir_all(dir).unwrap();
    }

    fn on_threads<T: Send>(n: usize, f: impl FnOnce() -> T + Send) -> T {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap()
            .install(f)
    }

    /// Runs `f` on another thread and fails the test if it takes longer than a minute (a deadlock).
    fn within_a_minute<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || tx.send(f()));
        rx.recv_timeout(std::time::Duration::from_secs(60))
            .expect("the batch did not finish within a minute: deadlock")
    }

    #[test]
    fn a_panicking_document_becomes_an_error_record_and_the_rest_is_audited() {
        for threads in [1, 2, 8] {
            let (input, dir) = pages(400);
            let outcome = within_a_minute(move || {
                let options = BatchOptions {
                    faults: Faults {
                        panic_in_document: Some("user123@"),
                        ..Faults::default()
                    },
                    ..BatchOptions::default()
                };
                let mut results = Vec::new();
                let run = on_threads(threads, || {
                    audit_inputs::<()>(
                        std::slice::from_ref(&input),
                        &options,
                        Reference::embedded(),
                        |r| {
                            results.push(r);
                            Ok(())
                        },
                        |_| {},
                    )
                });
                (run, results)
            });
            let (run, results) = outcome;
            assert_eq!(run, Ok(()));
            assert_eq!(results.len(), 400, "-j {threads}");
            let failed: Vec<usize> = (0..400)
                .filter(|&i| !results[i].errors.is_empty())
                .collect();
            assert_eq!(failed, [123], "-j {threads}");
            assert!(results[123].errors[0]
                .message
                .contains("internal error while auditing this document"));
            assert!(results[123].errors[0].message.contains("injected fault"));
            assert_eq!(results[123].internal_errors, 1);
            assert_eq!(first_value(&results[124]), "user124@example.com");
            std::fs::remove_dir_all(dir).unwrap();
        }
    }

    #[test]
    fn a_dead_worker_stops_the_run_instead_of_hanging_it() {
        for threads in [1, 2, 8] {
            let (input, dir) = pages(1500);
            let run = within_a_minute(move || {
                let options = BatchOptions {
                    faults: Faults {
                        kill_worker: Some("user700@"),
                        ..Faults::default()
                    },
                    ..BatchOptions::default()
                };
                on_threads(threads, || {
                    audit_inputs::<()>(
                        std::slice::from_ref(&input),
                        &options,
                        Reference::embedded(),
                        |_| Ok(()),
                        |_| {},
                    )
                })
            });
            assert!(
                matches!(&run, Err(BatchError::WorkerDied(why)) if why.contains("injected fault")),
                "-j {threads}: {run:?}"
            );
            std::fs::remove_dir_all(dir).unwrap();
        }
    }
}
