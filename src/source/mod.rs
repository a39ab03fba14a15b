//! Reading sources: the paths a user names (files, directories, lists of files, `-` for stdin) into
//! documents. One input can hold many documents (a WARC file, a JSON Lines export); each comes out as a
//! document or an error record, so that one broken page never costs the rest.

pub mod decode;
pub mod html;
pub mod jsonl;
pub mod warc;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use flate2::bufread::MultiGzDecoder;

use crate::document::{Document, ErrorRecord, Warning};
use crate::model::Origin;

/// One input to read: a file, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    // Boxed: a crawl's list of inputs is held for the whole run, so each byte per input counts.
    File { name: Box<str>, path: Box<Path> },
    Stdin,
}

impl Input {
    /// The name records use for this input: the path as the user gave it (joined with the directory walk).
    pub fn name(&self) -> &str {
        match self {
            Input::File { name, .. } => name,
            Input::Stdin => "-",
        }
    }
}

/// How to read an input's bytes (`--input-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum InputFormat {
    /// By extension, then by content.
    #[default]
    Auto,
    Text,
    Html,
    /// WARC or WARC.gz (many records).
    Warc,
    /// JSON Lines of `{"url":..., "text"|"html":...}` (one page per line).
    Jsonl,
}

/// Options for reading inputs.
#[derive(Debug, Clone)]
pub struct SourceOptions {
    pub format: InputFormat,
    /// Longest document read; longer ones are cut with a warning.
    pub max_doc_bytes: usize,
    /// The name standard input's documents get (`--stdin-filename`), in records and for detecting its
    /// format by extension; `-` when not given.
    pub stdin_name: Option<String>,
}

impl Default for SourceOptions {
    fn default() -> Self {
        SourceOptions {
            format: InputFormat::Auto,
            max_doc_bytes: 16 * 1024 * 1024,
            stdin_name: None,
        }
    }
}

/// What reading produces: a document (with warnings about it) or an error in place of one.
#[derive(Debug)]
pub enum Item {
    Document(Document, Vec<Warning>),
    Error(ErrorRecord),
}

fn error(doc: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Item {
    Item::Error(ErrorRecord {
        doc: doc.into(),
        line,
        message: message.into(),
    })
}

/// Expands the paths a user gave into inputs, in a deterministic order. Directories are walked
/// recursively (sorted, hidden files and `.gitignore`d paths skipped); `globs` (like `*.html`, `!*.bak`)
/// filter what a walk finds. Paths that do not exist become error records; the rest are still read. A bad
/// glob is one error record (`Walk::new` reports it before anything is read).
pub fn expand(paths: &[String], globs: &[String]) -> (Vec<Input>, Vec<ErrorRecord>) {
    match Walk::new(globs) {
        Ok(walk) => {
            let e = walk.expand(paths);
            (e.inputs, e.errors)
        }
        Err(e) => (
            Vec::new(),
            vec![ErrorRecord {
                doc: globs.join(" "),
                line: None,
                message: e.to_string(),
            }],
        ),
    }
}

/// How directories are walked: which files a walk reads (`--glob`, `--hidden`, `--no-ignore`).
#[derive(Debug, Clone)]
pub struct Walk {
    overrides: ignore::overrides::Override,
    /// Also read hidden files and directories (names starting with `.`).
    pub hidden: bool,
    /// Read files that `.gitignore`, `.ignore` or git's exclude files list.
    pub no_ignore: bool,
}

/// A `--glob` that is not a glob.
#[derive(Debug)]
pub struct GlobError(String);

impl std::fmt::Display for GlobError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad --glob: {}", self.0)
    }
}

impl std::error::Error for GlobError {}

/// The inputs a walk found, the paths it could not read, and the files it skipped.
#[derive(Debug, Default)]
pub struct Expanded {
    pub inputs: Vec<Input>,
    pub errors: Vec<ErrorRecord>,
    /// Files not read because ignore rules (`.gitignore`, `.ignore`, git's exclude files) list them.
    pub ignored: usize,
    /// Hidden files not read (names, or a directory's name, starting with `.`).
    pub hidden: usize,
}

impl Walk {
    /// A walk filtered by `globs`, skipping hidden and ignored files as ripgrep does.
    pub fn new(globs: &[String]) -> Result<Walk, GlobError> {
        let mut builder = ignore::overrides::OverrideBuilder::new(".");
        for g in globs {
            builder
                .add(g)
                .map_err(|e| GlobError(format!("`{g}`: {}", glob_reason(&e))))?;
        }
        let overrides = builder.build().map_err(|e| GlobError(e.to_string()))?;
        Ok(Walk {
            overrides,
            hidden: false,
            no_ignore: false,
        })
    }

    /// Expands the paths a user gave into inputs, in a deterministic order (see [`expand`]), counting
    /// the files the walk skipped. Holds the whole list: a crawl should use [`Walk::stream`].
    pub fn expand(&self, paths: &[String]) -> Expanded {
        let mut out = Expanded::default();
        let mut stream = self.stream(paths.iter().cloned().map(Ok));
        for entry in &mut stream {
            match entry {
                Entry::Input(input) => out.inputs.push(input),
                Entry::Error(e) => out.errors.push(e),
            }
        }
        (out.ignored, out.hidden) = stream.skipped();
        out.inputs.shrink_to_fit();
        out
    }

    /// The inputs `paths` name, as a stream: files one by one as a directory walk finds them (each
    /// directory's entries sorted), so that nothing holds the whole list, in the same order as
    /// [`Walk::expand`]. A path that cannot be read is an error entry in its place. `paths` may itself be
    /// a stream (`--files-from`), whose read errors are error entries.
    pub fn stream<P>(&self, paths: P) -> Stream<P>
    where
        P: Iterator<Item = Result<String, ErrorRecord>>,
    {
        Stream {
            walk: self.clone(),
            paths,
            dir: None,
            skipped: Arc::new(Skipped::default()),
        }
    }

    fn builder(&self, dir: &Path, filtered: bool) -> ignore::WalkBuilder {
        let mut builder = ignore::WalkBuilder::new(dir);
        let rules = filtered && !self.no_ignore;
        builder
            .hidden(filtered && !self.hidden)
            .ignore(rules)
            .git_ignore(rules)
            .git_global(rules)
            .git_exclude(rules)
            .parents(rules)
            .require_git(false)
            .overrides(self.overrides.clone());
        builder
    }

    /// Files the walk of `dir` skipped as hidden, and as ignored, given that it found `found`: the same
    /// walk without hidden files or ignore rules, counted. (The ignore crate does not say what it skips;
    /// a second walk costs directory reads, not file reads, and holds no list.)
    fn skipped_in(&self, dir: &Path, found: usize) -> (usize, usize) {
        if self.hidden && self.no_ignore {
            return (0, 0);
        }
        let (mut hidden, mut eligible) = (0usize, 0usize);
        for e in self.builder(dir, false).build().flatten() {
            let counted = match e.file_type() {
                Some(t) if t.is_file() => true,
                Some(t) if t.is_symlink() => std::fs::metadata(e.path()).is_ok_and(|m| m.is_file()),
                _ => false,
            };
            if !counted {
                continue;
            }
            let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
            let is_hidden = rel
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
            if is_hidden && !self.hidden {
                hidden += 1;
            } else {
                eligible += 1;
            }
        }
        (eligible.saturating_sub(found), hidden)
    }
}

/// What a walk yields, in order: an input to read, or a path that could not be read.
#[derive(Debug)]
pub enum Entry {
    Input(Input),
    Error(ErrorRecord),
}

/// Files a streaming walk skipped, counted as it goes.
#[derive(Debug, Default)]
struct Skipped {
    ignored: AtomicUsize,
    hidden: AtomicUsize,
}

/// A streaming walk ([`Walk::stream`]): an iterator of entries.
pub struct Stream<P> {
    walk: Walk,
    paths: P,
    dir: Option<DirWalk>,
    skipped: Arc<Skipped>,
}

/// The directory being walked.
struct DirWalk {
    iter: ignore::Walk,
    dir: PathBuf,
    name: String,
    found: usize,
}

impl<P> Stream<P> {
    /// Files skipped so far as (ignored, hidden): complete once the stream has ended.
    pub fn skipped(&self) -> (usize, usize) {
        (
            self.skipped.ignored.load(Ordering::Relaxed),
            self.skipped.hidden.load(Ordering::Relaxed),
        )
    }

    /// A handle that reads the skipped counts after the stream has been handed to a run.
    pub fn skipped_counter(&self) -> SkippedCounter {
        SkippedCounter(self.skipped.clone())
    }
}

/// Reads a stream's skipped counts from elsewhere (the stream itself moves to the reading thread).
#[derive(Debug, Clone)]
pub struct SkippedCounter(Arc<Skipped>);

impl SkippedCounter {
    /// (ignored, hidden).
    pub fn get(&self) -> (usize, usize) {
        (
            self.0.ignored.load(Ordering::Relaxed),
            self.0.hidden.load(Ordering::Relaxed),
        )
    }
}

impl<P: Iterator<Item = Result<String, ErrorRecord>>> Iterator for Stream<P> {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        loop {
            if let Some(d) = &mut self.dir {
                match d.iter.next() {
                    Some(entry) => {
                        if let Some(entry) = dir_entry(entry, &d.dir, &d.name) {
                            d.found += usize::from(matches!(entry, Entry::Input(_)));
                            return Some(entry);
                        }
                        continue;
                    }
                    None => {
                        let (ignored, hidden) = self.walk.skipped_in(&d.dir, d.found);
                        self.skipped.ignored.fetch_add(ignored, Ordering::Relaxed);
                        self.skipped.hidden.fetch_add(hidden, Ordering::Relaxed);
                        self.dir = None;
                    }
                }
            }
            let p = match self.paths.next()? {
                Ok(p) => p,
                Err(e) => return Some(Entry::Error(e)),
            };
            if p == "-" {
                return Some(Entry::Input(Input::Stdin));
            }
            let path = Path::new(&p);
            match std::fs::metadata(path) {
                Ok(meta) if meta.is_dir() => {
                    let iter = self
                        .walk
                        .builder(path, true)
                        .sort_by_file_name(|a, b| a.cmp(b))
                        .build();
                    self.dir = Some(DirWalk {
                        iter,
                        dir: path.to_path_buf(),
                        name: p,
                        found: 0,
                    });
                }
                Ok(_) => {
                    return Some(Entry::Input(Input::File {
                        name: p.as_str().into(),
                        path: path.into(),
                    }))
                }
                Err(e) => {
                    return Some(Entry::Error(ErrorRecord {
                        doc: p,
                        line: None,
                        message: format!("cannot read: {e}"),
                    }))
                }
            }
        }
    }
}

/// What one entry of a directory walk is: a file to read, an error record (a broken link, a directory
/// that cannot be read), or nothing (a directory, a link to one).
fn dir_entry(
    entry: Result<ignore::DirEntry, ignore::Error>,
    dir: &Path,
    name: &str,
) -> Option<Entry> {
    match entry {
        Ok(e) => {
            let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
            let child = format!("{}/{}", name.trim_end_matches('/'), rel.display());
            let is_file = match e.file_type() {
                Some(t) if t.is_file() => true,
                // A link is followed: to a file it is read, to nothing it is an error record (a page
                // that cannot be read is accounted for, never skipped).
                Some(t) if t.is_symlink() => match std::fs::metadata(e.path()) {
                    Ok(meta) => meta.is_file(),
                    Err(err) => {
                        return Some(Entry::Error(ErrorRecord {
                            doc: child,
                            line: None,
                            message: format!("cannot read: {err}"),
                        }))
                    }
                },
                _ => false,
            };
            is_file.then(|| {
                Entry::Input(Input::File {
                    name: child.into(),
                    path: e.path().into(),
                })
            })
        }
        Err(e) => Some(Entry::Error(ErrorRecord {
            doc: name.to_string(),
            line: None,
            message: format!("cannot walk: {e}"),
        })),
    }
}

/// The reason a glob was refused, without the `ignore` crate's repetition of the glob.
fn glob_reason(e: &ignore::Error) -> String {
    match e {
        ignore::Error::Glob { err, .. } => err.clone(),
        other => other.to_string(),
    }
}

/// A list of paths, one per line (`--files-from`), from a file or `-` for standard input, read as a
/// stream. A list that cannot be opened is an error now; a line that cannot be read is an error record
/// naming the list and line, and the rest is still read.
pub fn path_list(
    list: &str,
) -> io::Result<impl Iterator<Item = Result<String, ErrorRecord>> + Send + 'static> {
    let reader: Box<dyn BufRead + Send> = if list == "-" {
        Box::new(BufReader::new(io::stdin()))
    } else {
        Box::new(BufReader::new(File::open(list)?))
    };
    let name = list.to_string();
    let mut failed = false;
    Ok(reader
        .split(b'\n')
        .enumerate()
        .map_while(move |(i, line)| {
            if failed {
                return None;
            }
            Some(match line {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(s) => Ok(s.trim().to_string()),
                    Err(_) => Err(ErrorRecord {
                        doc: name.clone(),
                        line: Some(i + 1),
                        message: "--files-from: this line is not UTF-8; it was skipped".into(),
                    }),
                },
                Err(e) => {
                    failed = true;
                    Err(ErrorRecord {
                        doc: name.clone(),
                        line: Some(i + 1),
                        message: format!("--files-from: cannot read further: {e}"),
                    })
                }
            })
        })
        .filter(|p| !matches!(p, Ok(s) if s.is_empty())))
}

/// Reads a list of paths, one per line (`--files-from`), from a file or `-` for standard input.
pub fn read_path_list(list: &str) -> io::Result<Vec<String>> {
    let text = if list == "-" {
        let mut s = String::new();
        io::stdin().read_to_string(&mut s)?;
        s
    } else {
        std::fs::read_to_string(list)?
    };
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect())
}

type Reader = Box<dyn BufRead + Send>;

fn open(input: &Input) -> io::Result<Reader> {
    Ok(match input {
        Input::File { path, .. } => {
            Box::new(BufReader::with_capacity(256 * 1024, File::open(path)?))
        }
        Input::Stdin => Box::new(BufReader::with_capacity(256 * 1024, io::stdin())),
    })
}

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];

/// The format of an input from its name and its first bytes.
fn sniff(name: &str, head: &[u8]) -> InputFormat {
    let lower = name.to_ascii_lowercase();
    let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
    let start: Vec<u8> = head
        .iter()
        .copied()
        .skip_while(|b| b.is_ascii_whitespace() || matches!(b, 0xef | 0xbb | 0xbf))
        .take(1024)
        .collect();
    let text_start = String::from_utf8_lossy(&start).to_ascii_lowercase();
    if lower.ends_with(".warc") || start.starts_with(b"WARC/") {
        InputFormat::Warc
    } else if [".jsonl", ".ndjson", ".jsonlines"]
        .iter()
        .any(|e| lower.ends_with(e))
        || start.starts_with(b"{")
    {
        InputFormat::Jsonl
    } else if [".html", ".htm", ".xhtml", ".shtml"]
        .iter()
        .any(|e| lower.ends_with(e))
        || [
            "<!doctype html",
            "<html",
            "<head",
            "<body",
            "<meta",
            "<div",
            "<table",
            "<p>",
        ]
        .iter()
        .any(|t| text_start.contains(t))
    {
        InputFormat::Html
    } else {
        InputFormat::Text
    }
}

/// Every document in one input, read lazily (a WARC or JSON Lines file is streamed record by record).
pub fn items(input: &Input, options: &SourceOptions) -> Box<dyn Iterator<Item = Item> + Send> {
    let name = match (input, &options.stdin_name) {
        (Input::Stdin, Some(name)) => name.clone(),
        _ => input.name().to_string(),
    };
    let mut reader = match open(input) {
        Ok(r) => r,
        Err(e) => {
            return Box::new(std::iter::once(error(
                name,
                None,
                format!("cannot read: {e}"),
            )))
        }
    };
    let head = match reader.fill_buf() {
        Ok(h) => h.to_vec(),
        Err(e) => {
            return Box::new(std::iter::once(error(
                name,
                None,
                format!("cannot read: {e}"),
            )))
        }
    };
    let gzipped = head.starts_with(GZIP_MAGIC);
    let mut format = match options.format {
        InputFormat::Auto => sniff(&name, &head),
        f => f,
    };
    if gzipped && format != InputFormat::Warc {
        // A gzip-compressed page or export (`.jsonl.gz`): look inside to tell what it is.
        reader = Box::new(BufReader::new(MultiGzDecoder::new(reader)));
        if options.format == InputFormat::Auto {
            match reader.fill_buf() {
                Ok(inner) => format = sniff(&name, inner),
                Err(e) => {
                    return Box::new(std::iter::once(error(
                        name,
                        None,
                        format!("bad gzip data: {e}"),
                    )))
                }
            }
        }
    }
    let max = options.max_doc_bytes;
    match format {
        InputFormat::Warc => Box::new(warc_items(name, reader, gzipped, max)),
        InputFormat::Jsonl => Box::new(JsonlItems {
            name,
            reader,
            line: 0,
            max,
        }),
        InputFormat::Text | InputFormat::Html | InputFormat::Auto => Box::new(std::iter::once(
            whole_item(name, reader, format == InputFormat::Html, max),
        )),
    }
}

/// A document from the whole of an input (text or HTML), cut at `max` bytes.
fn whole_item(name: String, reader: Reader, is_html: bool, max: usize) -> Item {
    let mut bytes = Vec::new();
    if let Err(e) = reader.take(max as u64 + 1).read_to_end(&mut bytes) {
        return error(name, None, format!("cannot read: {e}"));
    }
    let mut warnings = Vec::new();
    if bytes.len() > max {
        bytes.truncate(max);
        warnings.push(Warning {
            doc: name.clone(),
            message: format!("larger than --max-doc-bytes ({max} bytes): only the first {max} bytes were audited"),
        });
    }
    page_item(name, &bytes, is_html, None, Origin::default(), warnings)
}

/// One page given as bytes (a pasted message, a request body): read as `format` (`Auto`: by its name and
/// content), decoded from its charset (from `content_type` when given, else detected), HTML reduced to
/// its visible text, and cut at `max_doc_bytes` with a warning. WARC and JSON Lines are read as text.
pub fn read_page(
    name: &str,
    bytes: &[u8],
    format: InputFormat,
    content_type: Option<&str>,
    max_doc_bytes: usize,
) -> Item {
    let format = match format {
        InputFormat::Auto => sniff(name, bytes),
        f => f,
    };
    let mut warnings = Vec::new();
    let mut bytes = bytes;
    if bytes.len() > max_doc_bytes {
        bytes = &bytes[..max_doc_bytes];
        warnings.push(Warning {
            doc: name.to_string(),
            message: format!("larger than {max_doc_bytes} bytes: only the first {max_doc_bytes} bytes were audited"),
        });
    }
    let is_html = format == InputFormat::Html;
    page_item(
        name.to_string(),
        bytes,
        is_html,
        content_type,
        Origin::default(),
        warnings,
    )
}

/// Decodes a page's bytes (text or HTML, with an optional HTTP content type) into a document.
fn page_item(
    name: String,
    bytes: &[u8],
    is_html: bool,
    content_type: Option<&str>,
    mut origin: Origin,
    mut warnings: Vec<Warning>,
) -> Item {
    if bytes.is_empty() {
        warnings.push(Warning {
            doc: name.clone(),
            message: "empty document".into(),
        });
    }
    let decoded = if is_html {
        decode::decode_html(bytes, content_type)
    } else {
        decode::decode(
            bytes,
            content_type.and_then(decode::charset_from_content_type),
        )
    };
    let decoded = match decoded {
        Ok(d) => d,
        Err(e) => return error(name, None, e.to_string()),
    };
    origin.encoding = decoded.encoding.map(str::to_string);
    let mut doc = if is_html {
        let page = html::html_to_text(&decoded.text);
        let mut doc = Document::new(name, page.text);
        doc.title = page.title;
        doc
    } else {
        Document::new(name, decoded.text)
    };
    doc.origin = origin;
    Item::Document(doc, warnings)
}

fn warc_items(
    name: String,
    reader: Reader,
    gzipped: bool,
    max: usize,
) -> impl Iterator<Item = Item> + Send {
    warc::Reader::new(reader, gzipped, max).filter_map(move |record| match record {
        Err(e) => Some(error(format!("{name}@{}", e.offset), None, e.to_string())),
        Ok(r) => {
            let is_page = matches!(
                r.record_type.as_str(),
                "response" | "resource" | "conversion"
            );
            let content_type = r
                .content_type
                .clone()
                .unwrap_or_default()
                .to_ascii_lowercase();
            let is_html = content_type.contains("html");
            let is_text = content_type.is_empty() || content_type.starts_with("text/");
            if !is_page || !(is_html || is_text) {
                return None;
            }
            let doc_name = r
                .target_uri
                .clone()
                .unwrap_or_else(|| format!("{name}@{}", r.offset));
            let origin = Origin {
                encoding: None,
                container: Some(name.clone()),
                offset: Some(r.offset),
                container_line: None,
            };
            let mut warnings = Vec::new();
            if r.truncated {
                warnings.push(Warning {
                    doc: doc_name.clone(),
                    message: "payload truncated (at --max-doc-bytes, or cut short by the crawler)"
                        .into(),
                });
            }
            let ct = r.content_type.as_deref();
            Some(page_item(
                doc_name, &r.payload, is_html, ct, origin, warnings,
            ))
        }
    })
}

/// JSON Lines: one page per line, lines longer than `max` bytes refused without buffering them.
struct JsonlItems {
    name: String,
    reader: Reader,
    line: usize,
    max: usize,
}

impl JsonlItems {
    /// Reads the next line (without its terminator); `Ok(None)` at the end, `Err(len)` for a line over `max`.
    fn next_line(&mut self) -> io::Result<Option<Result<Vec<u8>, usize>>> {
        let mut buf = Vec::new();
        let mut total = 0usize;
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok((total > 0).then_some(if total > self.max {
                    Err(total)
                } else {
                    Ok(buf)
                }));
            }
            let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (i + 1, true),
                None => (chunk.len(), false),
            };
            total += take;
            if total <= self.max + 1 {
                buf.extend_from_slice(&chunk[..take]);
            }
            self.reader.consume(take);
            if done {
                return Ok(Some(if total > self.max + 1 {
                    Err(total)
                } else {
                    Ok(buf)
                }));
            }
        }
    }
}

impl Iterator for JsonlItems {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            self.line += 1;
            let at = format!("{}:{}", self.name, self.line);
            let bytes = match self.next_line() {
                Ok(None) => return None,
                Ok(Some(Ok(bytes))) => bytes,
                Ok(Some(Err(len))) => {
                    return Some(error(
                        at,
                        Some(self.line),
                        format!("record of {len} bytes is larger than --max-doc-bytes"),
                    ))
                }
                Err(e) => {
                    let item = error(at, Some(self.line), format!("cannot read: {e}"));
                    self.line = usize::MAX - 1;
                    self.reader = Box::new(io::empty());
                    return Some(item);
                }
            };
            let text = match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(_) => {
                    return Some(error(
                        at,
                        Some(self.line),
                        "not valid UTF-8 (JSON Lines must be UTF-8)",
                    ))
                }
            };
            match jsonl::parse_line(&text, self.line) {
                Ok(None) => continue,
                Err(message) => return Some(error(at, Some(self.line), message)),
                Ok(Some(page)) => {
                    let doc_name = page.url.clone().unwrap_or(at);
                    let origin = Origin {
                        container: Some(self.name.clone()),
                        container_line: Some(self.line),
                        ..Origin::default()
                    };
                    let (body, is_html) = match &page.body {
                        jsonl::Body::Text(t) => (t.as_bytes(), false),
                        jsonl::Body::Html(h) => (h.as_bytes(), true),
                    };
                    let mut item = page_item(
                        doc_name,
                        body,
                        is_html,
                        Some("charset=utf-8"),
                        origin,
                        Vec::new(),
                    );
                    if let (Item::Document(doc, _), Some(title)) = (&mut item, page.title) {
                        doc.title.get_or_insert(title);
                    }
                    return Some(item);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_formats() {
        assert_eq!(sniff("a.warc.gz", b"\x1f\x8b"), InputFormat::Warc);
        assert_eq!(sniff("x", b"WARC/1.0\r\n"), InputFormat::Warc);
        assert_eq!(sniff("x", b"  {\"url\":1}"), InputFormat::Jsonl);
        assert_eq!(sniff("page.HTM", b"hello"), InputFormat::Html);
        assert_eq!(
            sniff("x", b"\xef\xbb\xbf<!DOCTYPE html><html>"),
            InputFormat::Html
        );
        assert_eq!(
            sniff("notes.txt", "客服电话 400".as_bytes()),
            InputFormat::Text
        );
    }
}

#[cfg(test)]
mod stream_tests {
    use super::*;

    #[test]
    fn a_stream_yields_inputs_before_the_list_ends() {
        // An endless list: collecting it first would never return.
        let dir = std::env::temp_dir().join(format!("hotline-stream-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("page.txt");
        std::fs::write(&file, "x").unwrap();
        let name = file.display().to_string();
        let walk = Walk::new(&[]).unwrap();
        let endless = std::iter::repeat_with(move || Ok(name.clone()));
        let first: Vec<Entry> = walk.stream(endless).take(3).collect();
        assert_eq!(first.len(), 3);
        assert!(first.iter().all(|e| matches!(e, Entry::Input(_))));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_stream_gives_what_expand_gives_with_the_skipped_counts() {
        let dir = std::env::temp_dir().join(format!("hotline-stream2-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join(".ignore"), "skip.txt\n").unwrap();
        for f in ["a.txt", "sub/b.txt", "skip.txt", ".hidden.txt"] {
            std::fs::write(dir.join(f), "x").unwrap();
        }
        let paths = vec![
            dir.display().to_string(),
            dir.join("missing").display().to_string(),
        ];
        let walk = Walk::new(&[]).unwrap();
        let expanded = walk.expand(&paths);
        let mut stream = walk.stream(paths.iter().cloned().map(Ok));
        let entries: Vec<Entry> = (&mut stream).collect();
        let inputs: Vec<&Input> = entries
            .iter()
            .filter_map(|e| match e {
                Entry::Input(i) => Some(i),
                Entry::Error(_) => None,
            })
            .collect();
        assert_eq!(inputs, expanded.inputs.iter().collect::<Vec<_>>());
        assert_eq!(inputs.len(), 2);
        assert!(matches!(entries.last(), Some(Entry::Error(e)) if e.doc.ends_with("missing")));
        assert_eq!(
            stream.skipped(),
            (1, 2),
            "skip.txt ignored; .hidden.txt and .ignore hidden"
        );
        assert_eq!((expanded.ignored, expanded.hidden), (1, 2));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
