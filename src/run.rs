//! A run: inputs read into documents; each document through the per-document pipeline on worker threads
//! (mentions, attribution, verification, the per-page rules); then, in input order on the calling thread,
//! the cross-check across documents, each claim's risk (computed once, from its final signals), the
//! summary and the exit status. The CLI, the tests and the benches all go through here: nothing else
//! orchestrates the stages.
//!
//! Parallelism: one thread reads and decodes inputs; each worker takes the next document as soon as it is
//! free (no batch boundaries where a worker waits for a slow page); the calling thread puts results back
//! in order. At most `WINDOW_PER_THREAD` documents per worker are in flight, read but not yet handed over,
//! so memory does not grow with the run.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Arc, Once};
use std::thread;

use crossbeam_channel::bounded;
use serde::Serialize;

use crate::attribute::attribute;
use crate::context::{Page, ReadOptions};
use crate::crosscheck::CrossCheck;
use crate::document::{Document, ErrorRecord, Lines, Warning};
use crate::mention::{find_mentions, Reading};
use crate::model::{Claim, Conflict, ConflictKind, Kind, NumberType, Risk, Verdict};
use crate::reference::Reference;
use crate::rules;
use crate::source::{items, Entry, Input, Item, SourceOptions};
use crate::verify::verify;

/// Every contact claim in one document, attributed, verified against the reference, and checked by the
/// per-page rules (risk and the cross-check come later, in the run).
pub fn audit_document(doc: &Document, reference: &Reference, options: &ReadOptions) -> Vec<Claim> {
    let page = Page::new(doc, reference, options);
    let mut claims = claims_on(&page);
    for claim in &mut claims {
        claim.verification = verify(claim, reference);
    }
    rules::apply(&page, &mut claims, reference);
    claims
}

/// Every contact claim in one document, in text order, before verification.
pub fn extract_claims(doc: &Document, reference: &Reference, options: &ReadOptions) -> Vec<Claim> {
    claims_on(&Page::new(doc, reference, options))
}

fn claims_on(page: &Page) -> Vec<Claim> {
    let doc = page.doc;
    let mentions = find_mentions(&doc.text, &|offset| page.region_at(offset), Reading::Page);
    let mut cursor = Cursor::new(&page.lines);
    mentions
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let (line, column) = cursor.position(&doc.text, m.start);
            Claim {
                doc: doc.name.clone(),
                line,
                column,
                kind: m.kind,
                raw: doc.text[m.start..m.end].to_string(),
                value: m.value.clone(),
                region: m.region.map(|r| r.id().to_string()),
                region_source: m.region_source,
                number_type: m.number.as_ref().map(|n| n.number_type),
                attribution: attribute(page, &mentions, i),
                verification: Default::default(),
                signals: Default::default(),
                risk: Risk::default(),
                origin: doc.origin.clone(),
                span: (m.start, m.end),
            }
        })
        .collect()
}

/// Line and column of offsets visited in increasing order, counting each character once (columns on a
/// 50 MB single-line page would otherwise be counted from the line start for every contact).
struct Cursor<'l> {
    lines: &'l Lines,
    offset: usize,
    line: usize,
    column: usize,
}

impl<'l> Cursor<'l> {
    fn new(lines: &'l Lines) -> Self {
        Cursor {
            lines,
            offset: 0,
            line: 0,
            column: 1,
        }
    }

    /// 1-based line and character column of `offset` (offsets must not decrease).
    fn position(&mut self, text: &str, offset: usize) -> (usize, usize) {
        let index = self.lines.index_of(offset);
        if index != self.line || offset < self.offset {
            let start = self.lines.range(text, index).start;
            self.line = index;
            self.offset = start;
            self.column = 1;
        }
        self.column += text[self.offset..offset].chars().count();
        self.offset = offset;
        (index + 1, self.column)
    }
}

/// Everything one document (or one unreadable input) produced.
#[derive(Debug, Default)]
pub struct DocumentResult {
    pub claims: Vec<Claim>,
    pub warnings: Vec<Warning>,
    pub errors: Vec<ErrorRecord>,
    /// Bytes of text audited.
    pub bytes: usize,
    /// Errors that are hotline's own fault (a panic while auditing the document).
    pub internal_errors: usize,
    /// Which document it was and a hash of its text (for the evidence store); `None` for an input that
    /// could not be read.
    pub document: Option<DocumentInfo>,
}

/// A document's identity in the evidence store: its name, where it was read from, and its content hash.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocumentInfo {
    pub name: String,
    pub origin: crate::model::Origin,
    /// xxh3 of the document's text: a changed page has a new hash.
    pub hash: u64,
}

impl DocumentInfo {
    pub fn of(doc: &Document) -> DocumentInfo {
        DocumentInfo {
            name: doc.name.clone(),
            origin: doc.origin.clone(),
            hash: xxhash_rust::xxh3::xxh3_64(doc.text.as_bytes()),
        }
    }
}

/// Totals for a run.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Summary {
    /// Documents seen = audited + failed.
    pub documents: usize,
    pub audited: usize,
    pub failed: usize,
    pub claims: usize,
    pub phones: usize,
    pub emails: usize,
    pub warnings: usize,
    /// Bytes of document text audited.
    pub bytes: usize,
    pub conflicts: usize,
    /// Documents whose audit failed because of a bug in hotline (each also has an error record).
    #[serde(skip_serializing_if = "is_zero")]
    pub internal_errors: usize,
    /// Files a directory walk did not read because ignore rules (`.gitignore`, `.ignore`) list them.
    #[serde(skip_serializing_if = "is_zero")]
    pub ignored: usize,
    /// Hidden files a directory walk did not read.
    #[serde(skip_serializing_if = "is_zero")]
    pub hidden: usize,
    /// Claims not cross-checked because the index of distinct values was full (`crosscheck::MAX_VALUES`).
    #[serde(skip_serializing_if = "is_zero")]
    pub not_cross_checked: usize,
    /// Claims per verdict.
    pub verdicts: BTreeMap<Verdict, usize>,
    /// Claims per risk level.
    pub risks: BTreeMap<Risk, usize>,
    /// Phone claims per number type (the HTML report's chart).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub number_types: BTreeMap<NumberType, usize>,
    /// The organisation/roles that sources give the most different numbers for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub most_contested: Vec<Contested>,
    /// The unverified numbers claimed for an organisation on the most pages.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub most_repeated_unverified: Vec<Repeated>,
}

/// An organisation and role with several competing numbers.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Contested {
    pub org: String,
    pub role: String,
    pub values: usize,
    pub claims: usize,
}

/// An unverified number and the pages claiming it for an organisation.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Repeated {
    pub value: String,
    pub org: String,
    pub pages: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Summary {
    /// Counts one document's result: audited, or failed when it is an error record.
    fn add(&mut self, result: &DocumentResult) {
        self.documents += 1;
        if result.errors.is_empty() {
            self.audited += 1;
        } else {
            self.failed += 1;
        }
        self.warnings += result.warnings.len();
        self.internal_errors += result.internal_errors;
        self.bytes += result.bytes;
        self.claims += result.claims.len();
        for c in &result.claims {
            match c.kind {
                Kind::Phone => self.phones += 1,
                Kind::Email => self.emails += 1,
                Kind::InvalidPhone => {}
            }
            if let Some(v) = c.verification.verdict {
                *self.verdicts.entry(v).or_default() += 1;
            }
            *self.risks.entry(c.risk).or_default() += 1;
            if let Some(t) = c.number_type {
                *self.number_types.entry(t).or_default() += 1;
            }
        }
    }
}

/// How many entries the summary's top lists hold.
const TOP_CONTESTED: usize = 5;
const TOP_UNVERIFIED: usize = 10;
/// Distinct unverified numbers tracked for the top list (a crawl can hold millions; the top ones matter).
const TRACKED_UNVERIFIED: usize = 100_000;

/// Unverified phone numbers claimed for an organisation, with the pages claiming them.
#[derive(Default)]
struct Unverified {
    /// value -> (organisation, pages, the last document counted).
    values: HashMap<Box<str>, (Arc<str>, usize, usize)>,
    /// The organisations, each held once: a crawl's 100,000 numbers are claimed for a few of them.
    orgs: HashSet<Arc<str>>,
}

impl Unverified {
    fn add(&mut self, document: usize, claims: &[Claim]) {
        for c in claims {
            let (Some(Verdict::Unverified), Some(org), Kind::Phone) =
                (c.verification.verdict, c.org(), c.kind)
            else {
                continue;
            };
            if let Some(entry) = self.values.get_mut(c.value.as_str()) {
                if entry.2 != document {
                    entry.1 += 1;
                    entry.2 = document;
                }
                continue;
            }
            if self.values.len() >= TRACKED_UNVERIFIED {
                continue;
            }
            let org = match self.orgs.get(org) {
                Some(shared) => shared.clone(),
                None => {
                    let shared: Arc<str> = Arc::from(org);
                    self.orgs.insert(shared.clone());
                    shared
                }
            };
            self.values
                .insert(c.value.as_str().into(), (org, 1, document));
        }
    }

    fn top(&self) -> Vec<Repeated> {
        // Sorted by reference, and only the top ones copied: a crawl tracks 100,000 values, and copying
        // them all at the end was the run's peak memory.
        let mut top: Vec<_> = self.values.iter().collect();
        top.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then(a.0.cmp(b.0)));
        top.into_iter()
            .take(TOP_UNVERIFIED)
            .map(|(value, (org, pages, _))| Repeated {
                value: value.to_string(),
                org: org.to_string(),
                pages: *pages,
            })
            .collect()
    }
}

fn most_contested(conflicts: &[Conflict]) -> Vec<Contested> {
    let mut contested: Vec<Contested> = conflicts
        .iter()
        .filter(|c| c.kind == ConflictKind::SameRoleDifferentValues)
        .map(|c| Contested {
            org: c.org.clone().unwrap_or_default(),
            role: c.role.clone().unwrap_or_default(),
            values: c.values.len(),
            claims: c.values.iter().map(|v| v.claims.len() + v.more).sum(),
        })
        .collect();
    contested.sort_by(|a, b| {
        b.claims
            .cmp(&a.claims)
            .then((&a.org, &a.role, a.values).cmp(&(&b.org, &b.role, b.values)))
    });
    contested.truncate(TOP_CONTESTED);
    contested
}

/// Where a run's results go, in input order: a printer, a store, a progress bar, or several.
pub trait Sink {
    /// One document's finished result (claims with their signals and risk), or its error record.
    fn document(&mut self, result: &DocumentResult) -> io::Result<()>;
    /// The last document of an input has been handed over (for progress).
    fn input_done(&mut self, _input: &Input) {}
    /// Every document has been handed over; `finish` follows. Work that needs all documents but not the
    /// conflicts (the store's index build) goes here, before the run's conflict records are made.
    fn documents_done(&mut self) -> io::Result<()> {
        Ok(())
    }
    /// The end of the run, with the conflicts found across all documents and the totals.
    fn finish(&mut self, conflicts: &[Conflict], summary: &Summary) -> io::Result<()>;
}

/// How a run reads and audits its inputs.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub sources: SourceOptions,
    pub read: ReadOptions,
    #[doc(hidden)]
    pub faults: Faults,
}

/// Why a run stopped before the end.
#[derive(Debug)]
pub enum RunError {
    /// The sink failed (for example, the output was closed).
    Output(io::Error),
    /// A worker thread died outside the per-document guard; the run stopped instead of waiting for it.
    WorkerDied(String),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Output(e) => write!(f, "{e}"),
            RunError::WorkerDied(why) => write!(
                f,
                "internal error: a worker thread died ({why}); the run was stopped"
            ),
        }
    }
}

impl std::error::Error for RunError {}

/// What a run found: its totals and conflicts.
#[derive(Debug)]
pub struct Outcome {
    pub summary: Summary,
    pub conflicts: Vec<Conflict>,
}

/// How a run ended, for scripts: see `exit_code`. The variants are in the order they win in: a run with
/// an unreadable input and a dangerous claim is `InputErrors` (its "flagged" would hide what was not read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Everything read was audited and no claim reached the `--fail-on` level.
    Clean,
    /// Some claim reached the `--fail-on` risk level.
    Flagged,
    /// Some input could not be read (each has an error record); the rest was audited.
    InputErrors,
    /// Nothing could be read.
    NothingRead,
    /// A document could not be audited because of a bug in hotline.
    InternalError,
}

/// The exit codes, one table for every command (the README's "Exit codes" shows it).
pub mod exit {
    /// Success: nothing reached the `--fail-on` level (for `check`: listed as official).
    pub const OK: u8 = 0;
    /// Flagged: some claim reached the `--fail-on` level (for `check`: not listed as official; for
    /// `reference check`: invalid).
    pub const FLAGGED: u8 = 1;
    /// A usage or input error: bad arguments or configuration, an output that cannot be written, an input
    /// that could not be read, or an internal error. Wins over `FLAGGED`.
    pub const ERROR: u8 = 2;
    /// The same code under the name the command line used for it.
    pub const USAGE: u8 = ERROR;
}

impl Status {
    /// 0 clean, 1 flagged, 2 some input failed, nothing read or an internal error (2 wins over 1).
    pub fn exit_code(self) -> u8 {
        match self {
            Status::Clean => exit::OK,
            Status::Flagged => exit::FLAGGED,
            Status::InputErrors | Status::NothingRead | Status::InternalError => exit::ERROR,
        }
    }
}

impl Outcome {
    /// How the run ended, given the risk level that fails it (`None`: never fail on risk).
    pub fn status(&self, fail_on: Option<Risk>) -> Status {
        let s = &self.summary;
        if s.internal_errors > 0 {
            Status::InternalError
        } else if s.audited == 0 {
            Status::NothingRead
        } else if s.failed > 0 {
            Status::InputErrors
        } else if fail_on.is_some_and(|t| s.risks.iter().any(|(r, n)| *r >= t && *n > 0)) {
            Status::Flagged
        } else {
            Status::Clean
        }
    }
}

/// One run over any number of inputs and documents, against one reference.
pub struct Run<'r> {
    reference: &'r Reference,
    options: RunOptions,
    index: CrossCheck,
    summary: Summary,
    unverified: Unverified,
    /// The sink's output was closed (a broken pipe): the run stopped, and nothing more is handed over.
    closed: bool,
}

impl<'r> Run<'r> {
    pub fn new(reference: &'r Reference, options: RunOptions) -> Run<'r> {
        Run {
            reference,
            options,
            index: CrossCheck::default(),
            summary: Summary::default(),
            unverified: Unverified::default(),
            closed: false,
        }
    }

    /// Records the files a directory walk skipped (hidden, or listed by ignore rules), for the summary.
    pub fn skipped(&mut self, ignored: usize, hidden: usize) {
        self.summary.ignored += ignored;
        self.summary.hidden += hidden;
    }

    /// Records errors found before reading (a path that does not exist): each is a failed document.
    pub fn fail(&mut self, errors: Vec<ErrorRecord>, sink: &mut dyn Sink) -> io::Result<()> {
        for e in errors {
            self.complete(
                DocumentResult {
                    errors: vec![e],
                    ..DocumentResult::default()
                },
                sink,
            )?;
        }
        Ok(())
    }

    /// Audits every document of `inputs` (in parallel on the current rayon pool), handing each result to
    /// `sink` in input order.
    pub fn audit_inputs(&mut self, inputs: &[Input], sink: &mut dyn Sink) -> Result<(), RunError> {
        let sources = self.options.sources.clone();
        let units = inputs.iter().enumerate().flat_map(move |(i, input)| {
            items(input, &sources)
                .map(Unit::Item)
                .chain(std::iter::once(Unit::InputDone(i)))
        });
        self.audit_units(units, &|i| &inputs[i], sink)
    }

    /// Audits the inputs of a stream ([`crate::source::Walk::stream`]) as they come, in order: nothing
    /// holds the whole list of inputs. An error entry is a failed document in its place.
    pub fn audit_entries(
        &mut self,
        entries: impl Iterator<Item = Entry> + Send,
        sink: &mut dyn Sink,
    ) -> Result<(), RunError> {
        let sources = self.options.sources.clone();
        let units = entries.flat_map(move |entry| -> Box<dyn Iterator<Item = Unit> + Send> {
            match entry {
                Entry::Input(input) => Box::new(
                    items(&input, &sources)
                        .map(Unit::Item)
                        .chain(std::iter::once(Unit::Read(Box::new(input)))),
                ),
                Entry::Error(e) => Box::new(std::iter::once(Unit::Item(Item::Error(e)))),
            }
        });
        self.audit_units(units, &|_| &Input::Stdin, sink)
    }

    /// Audits documents already in memory (a pasted message, test pages), in order.
    pub fn audit_documents(
        &mut self,
        documents: impl IntoIterator<Item = Document, IntoIter: Send>,
        sink: &mut dyn Sink,
    ) -> Result<(), RunError> {
        let units = documents
            .into_iter()
            .map(|doc| Unit::Item(Item::Document(doc, Vec::new())));
        self.audit_units(units, &|_| &Input::Stdin, sink)
    }

    /// Audits documents read already (with their warnings) or their error records, in order.
    pub fn audit_items(
        &mut self,
        items: impl IntoIterator<Item = Item, IntoIter: Send>,
        sink: &mut dyn Sink,
    ) -> Result<(), RunError> {
        let units = items.into_iter().map(Unit::Item);
        self.audit_units(units, &|_| &Input::Stdin, sink)
    }

    fn audit_units<'i>(
        &mut self,
        units: impl Iterator<Item = Unit> + Send,
        input: &dyn Fn(usize) -> &'i Input,
        sink: &mut dyn Sink,
    ) -> Result<(), RunError> {
        let (reference, options) = (self.reference, &self.options.clone());
        engine(units, reference, options, |audited| match audited {
            Audited::InputDone(i) => {
                sink.input_done(input(i));
                Ok(())
            }
            Audited::Read(read) => {
                sink.input_done(&read);
                Ok(())
            }
            Audited::Document(result) => self.complete(result, sink).map_err(RunError::Output),
        })
    }

    /// The in-order part of a document's audit: the cross-check, risk, the totals, then the sink.
    ///
    /// A closed output (`BrokenPipe`, as when piped into `head`) stops the run as ripgrep does: the error is
    /// returned, the document is counted, and `finish` still gives the outcome of what was audited.
    fn complete(&mut self, mut result: DocumentResult, sink: &mut dyn Sink) -> io::Result<()> {
        if self.closed {
            return Err(io::ErrorKind::BrokenPipe.into());
        }
        self.index.add_and_flag(&mut result.claims, self.reference);
        for c in &mut result.claims {
            c.risk = rules::risk(c);
        }
        self.unverified.add(self.summary.documents, &result.claims);
        self.summary.add(&result);
        let handed = sink.document(&result);
        self.closed = is_closed(&handed);
        handed
    }

    /// Whether the output was closed (a broken pipe) and the run stopped early.
    pub fn output_closed(&self) -> bool {
        self.closed
    }

    /// Ends the run: the conflicts across all documents and the totals, to the sink and returned. After
    /// a broken pipe nothing more is written, and the outcome is that of the documents audited until then
    /// (the exit code that run has earned).
    pub fn finish(mut self, sink: &mut dyn Sink) -> io::Result<Outcome> {
        // Each tracker is dropped as soon as what it gives is out, and the sinks' own end work comes
        // before the conflict records: on a large crawl the unverified numbers, the index, the store's
        // index build and the conflict records are each several MB, and would otherwise all be held at
        // the end of the run at once.
        self.summary.most_repeated_unverified = std::mem::take(&mut self.unverified).top();
        if !self.closed {
            let done = sink.documents_done();
            self.closed = is_closed(&done);
            if !self.closed {
                done?;
            }
        }
        self.summary.not_cross_checked = self.index.untracked;
        let conflicts = std::mem::take(&mut self.index).conflicts(self.reference);
        self.summary.conflicts = conflicts.len();
        self.summary.most_contested = most_contested(&conflicts);
        if !self.closed {
            let finished = sink.finish(&conflicts, &self.summary);
            if !is_closed(&finished) {
                finished?;
            }
        }
        Ok(Outcome {
            summary: self.summary,
            conflicts,
        })
    }
}

/// Whether a write failed because the reader went away (`hotline audit | head`).
fn is_closed(result: &io::Result<()>) -> bool {
    matches!(result, Err(e) if e.kind() == io::ErrorKind::BrokenPipe)
}

/// Documents in flight per worker: enough that a worker rarely waits for a slow page ahead of it (a
/// directory page costs as much as dozens of ordinary ones), few enough that memory stays small. Measured
/// on the 256 MB bench corpus at -j 2: 8 left the cores idle a quarter of the time, 32 kept them busy.
const WINDOW_PER_THREAD: usize = 32;

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
    /// Faults named in the environment, for tests of the binary (`HOTLINE_TEST_PANIC_IN_DOCUMENT`,
    /// `HOTLINE_TEST_KILL_WORKER`, each a marker): honoured only in debug builds, so a release binary
    /// cannot be made to fail this way.
    pub fn from_env() -> Faults {
        if !cfg!(debug_assertions) {
            return Faults::default();
        }
        // Read once per process; leaking the two short strings gives them the `'static` the run needs.
        let marker = |name: &str| -> Option<&'static str> {
            let value = std::env::var(name).ok().filter(|m| !m.is_empty())?;
            Some(Box::leak(value.into_boxed_str()))
        };
        Faults {
            panic_in_document: marker("HOTLINE_TEST_PANIC_IN_DOCUMENT"),
            kill_worker: marker("HOTLINE_TEST_KILL_WORKER"),
        }
    }

    fn marked(marker: Option<&str>, item: &Item) -> bool {
        matches!((marker, item), (Some(m), Item::Document(doc, _)) if doc.text.contains(m))
    }
}

/// What the reader hands the workers, with its place in the input order.
enum Unit {
    Item(Item),
    /// An input has been read completely (for progress reporting): its index.
    InputDone(usize),
    /// An input of a stream has been read completely.
    Read(Box<Input>),
}

/// What the workers hand back.
enum Done {
    Audited(usize, Audited),
    WorkerDied(String),
}

/// Audits every unit in parallel and hands each result to `handle` in the units' order. A document whose
/// audit panics yields an error record ("internal error: ...") and the run goes on.
///
/// The number of workers is the size of the current rayon pool (`-j`). With one (`-j 1`) everything runs
/// on the calling thread: one job means one core, as it does for ripgrep, rather than a worker plus a
/// reader and a printer competing for it.
fn engine(
    units: impl Iterator<Item = Unit> + Send,
    reference: &Reference,
    options: &RunOptions,
    mut handle: impl FnMut(Audited) -> Result<(), RunError>,
) -> Result<(), RunError> {
    let workers = rayon::current_num_threads();
    if workers == 1 {
        for unit in units {
            handle(match unit {
                Unit::Item(item) => {
                    if Faults::marked(options.faults.kill_worker, &item) {
                        return Err(RunError::WorkerDied("injected fault".into()));
                    }
                    Audited::Document(audit_item(&item, reference, options))
                }
                Unit::InputDone(i) => Audited::InputDone(i),
                Unit::Read(input) => Audited::Read(input),
            })?;
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
            for (seq, unit) in units.enumerate() {
                if permit_tx.send(()).is_err() || work_tx.send((seq, unit)).is_err() {
                    return;
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
                            Unit::Read(input) => Audited::Read(input),
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
                Done::WorkerDied(why) => return Err(RunError::WorkerDied(why)),
            };
            pending[seq % window] = Some(audited);
            while let Some(audited) = pending[next % window].take() {
                next += 1;
                let _ = permit_rx.recv();
                handle(audited)?;
            }
        }
        Ok(())
    })
}

/// What the workers hand back, in input order.
enum Audited {
    Document(DocumentResult),
    InputDone(usize),
    Read(Box<Input>),
}

fn audit_item(item: &Item, reference: &Reference, options: &RunOptions) -> DocumentResult {
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
                    document: Some(DocumentInfo::of(doc)),
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
    fn pages(n: usize, tag: &str) -> (Input, PathBuf) {
        let dir = std::env::temp_dir().join(format!("hotline-run-{tag}-{}", std::process::id()));
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
            .expect("the run did not finish within a minute: deadlock")
    }

    /// Keeps what a run hands over; fails once `fail_at` documents have been handed over.
    #[derive(Default)]
    struct Collect {
        first_values: Vec<String>,
        errors: Vec<(usize, String)>,
        inputs_done: Vec<usize>,
        fail_at: Option<usize>,
        /// Fail with a broken pipe (the reader went away) instead of another error.
        pipe: bool,
        finished: bool,
    }

    impl Sink for Collect {
        fn document(&mut self, result: &DocumentResult) -> io::Result<()> {
            let n = self.first_values.len();
            if let Some(e) = result.errors.first() {
                self.errors.push((n, e.message.clone()));
            }
            let first = result.claims.first().map(|c| c.value.clone());
            self.first_values.push(first.unwrap_or_default());
            if self.fail_at == Some(self.first_values.len()) {
                if self.pipe {
                    return Err(io::ErrorKind::BrokenPipe.into());
                }
                return Err(io::Error::other("output closed"));
            }
            Ok(())
        }

        fn input_done(&mut self, _: &Input) {
            self.inputs_done.push(self.first_values.len());
        }

        fn finish(&mut self, _: &[Conflict], _: &Summary) -> io::Result<()> {
            self.finished = true;
            Ok(())
        }
    }

    fn run(
        input: &Input,
        threads: usize,
        options: RunOptions,
        sink: &mut Collect,
    ) -> Result<(), RunError> {
        on_threads(threads, || {
            Run::new(Reference::embedded(), options).audit_inputs(std::slice::from_ref(input), sink)
        })
    }

    #[test]
    fn results_arrive_in_input_order_whatever_finishes_first() {
        let (input, dir) = pages(300, "order");
        let mut sink = Collect::default();
        run(&input, 2, RunOptions::default(), &mut sink).unwrap();
        let expected: Vec<String> = (0..300).map(|i| format!("user{i}@example.com")).collect();
        assert_eq!(sink.first_values, expected);
        assert_eq!(sink.inputs_done, [300]);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_failing_sink_stops_the_run_without_waiting_for_the_rest() {
        let (input, dir) = pages(2000, "sink");
        let mut sink = Collect {
            fail_at: Some(5),
            ..Collect::default()
        };
        let outcome = run(&input, 2, RunOptions::default(), &mut sink);
        assert!(matches!(outcome, Err(RunError::Output(_))), "{outcome:?}");
        assert_eq!(sink.first_values.len(), 5);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_broken_pipe_stops_the_run_and_its_outcome_is_what_was_audited() {
        let (input, dir) = pages(500, "pipe");
        let mut sink = Collect {
            fail_at: Some(3),
            pipe: true,
            ..Collect::default()
        };
        let outcome = on_threads(2, || {
            let mut run = Run::new(Reference::embedded(), RunOptions::default());
            let audited = run.audit_inputs(std::slice::from_ref(&input), &mut sink);
            assert!(matches!(audited, Err(RunError::Output(_))), "{audited:?}");
            assert!(run.output_closed());
            run.finish(&mut sink).unwrap()
        });
        assert_eq!(outcome.summary.documents, 3);
        assert!(!sink.finished, "nothing more is written to a closed output");
        assert_eq!(outcome.status(Some(Risk::Danger)), Status::Clean);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn an_input_error_wins_over_flagged() {
        let mut summary = Summary {
            documents: 2,
            audited: 1,
            failed: 1,
            ..Summary::default()
        };
        summary.risks.insert(Risk::Danger, 1);
        let outcome = Outcome {
            summary,
            conflicts: Vec::new(),
        };
        assert_eq!(outcome.status(Some(Risk::Danger)), Status::InputErrors);
        assert_eq!(Status::InputErrors.exit_code(), exit::ERROR);
        assert_eq!(Status::Flagged.exit_code(), exit::FLAGGED);
    }

    #[test]
    fn a_panicking_document_becomes_an_error_record_and_the_rest_is_audited() {
        for threads in [1, 2, 8] {
            let (input, dir) = pages(400, "panic");
            let sink = within_a_minute(move || {
                let options = RunOptions {
                    faults: Faults {
                        panic_in_document: Some("user123@"),
                        ..Faults::default()
                    },
                    ..RunOptions::default()
                };
                let mut sink = Collect::default();
                run(&input, threads, options, &mut sink).unwrap();
                sink
            });
            assert_eq!(sink.first_values.len(), 400, "-j {threads}");
            assert_eq!(sink.errors.len(), 1, "-j {threads}");
            let (at, message) = &sink.errors[0];
            assert_eq!(*at, 123);
            assert!(message.contains("internal error while auditing this document"));
            assert!(message.contains("injected fault"));
            assert_eq!(sink.first_values[124], "user124@example.com");
            std::fs::remove_dir_all(dir).unwrap();
        }
    }

    #[test]
    fn a_dead_worker_stops_the_run_instead_of_hanging_it() {
        for threads in [1, 2, 8] {
            let (input, dir) = pages(1500, "dead");
            let outcome = within_a_minute(move || {
                let options = RunOptions {
                    faults: Faults {
                        kill_worker: Some("user700@"),
                        ..Faults::default()
                    },
                    ..RunOptions::default()
                };
                run(&input, threads, options, &mut Collect::default())
            });
            assert!(
                matches!(&outcome, Err(RunError::WorkerDied(why)) if why.contains("injected fault")),
                "-j {threads}: {outcome:?}"
            );
            std::fs::remove_dir_all(dir).unwrap();
        }
    }
}
