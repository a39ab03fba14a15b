//! WARC and WARC.gz crawl archives: a streaming reader of records and their HTTP payloads.
//!
//! A `.warc.gz` file is a series of gzip members, usually one per record (Common Crawl); a file that is one
//! member holding many records is read too. Each record reports the offset of its gzip member in the file
//! (the offset an index such as a CDX file gives), or its own offset in a plain `.warc`.
//!
//! For `response` records the HTTP headers are stripped and the body is decoded as the server sent it
//! (chunked transfer encoding, gzip or deflate content encoding), so the payload is the page's bytes.
//!
//! Archives are hostile input: nothing here buffers more than `max_payload` bytes of a payload (a record's
//! excess is skipped, not stored), header lines and header blocks are bounded, a compressed body stops
//! being inflated at `max_payload`, and every error names the offset of the record or member it is in.

use std::cell::Cell;
use std::fmt;
use std::io::{self, BufRead, BufReader, Cursor, Read};

use flate2::bufread::{DeflateDecoder, GzDecoder, ZlibDecoder};

/// One WARC record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcRecord {
    /// Byte offset of the record in the file as stored (the gzip member's offset for .warc.gz).
    pub offset: u64,
    /// `WARC-Type`: response, request, warcinfo, resource, ... (empty when the header lacks it).
    pub record_type: String,
    /// `WARC-Target-URI`.
    pub target_uri: Option<String>,
    /// For `response` records: the HTTP Content-Type of the payload; else the WARC Content-Type.
    pub content_type: Option<String>,
    /// For `response` records: the HTTP body (headers stripped, chunked encoding undone if
    /// Transfer-Encoding: chunked, Content-Encoding gzip/deflate undone), else the block.
    pub payload: Vec<u8>,
    /// True when the payload is incomplete: cut at `max_payload` bytes, or its chunked or compressed
    /// encoding ended early (a crawler cut the download).
    pub truncated: bool,
}

/// A record that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    /// Offset of the record (plain WARC) or of its gzip member (WARC.gz).
    pub offset: u64,
    pub message: String,
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at offset {})", self.message, self.offset)
    }
}

impl std::error::Error for RecordError {}

/// Longest WARC or HTTP header line.
const MAX_LINE: usize = 64 * 1024;
/// Longest WARC or HTTP header block.
const MAX_HEADER: usize = 1024 * 1024;
/// Longest chunk-size line in a chunked body.
const MAX_CHUNK_LINE: usize = 1024;

/// Reads records from a WARC (`gzipped = false`) or WARC.gz (`gzipped = true`) stream.
///
/// The iterator yields each record or an error. Errors inside a record whose end is still known (an
/// undecodable payload) are followed by the next record; errors that lose the place in the stream (a
/// truncated or corrupt gzip member, a truncated record, a bad header) end the iteration.
///
/// The `gzipped` flag is a hint: a stream that starts with the gzip magic bytes is read as WARC.gz, and one
/// that starts with `WARC/` as plain WARC, whatever the flag says.
pub struct Reader<R: BufRead> {
    state: State<R>,
    max_payload: usize,
}

enum State<R> {
    /// Nothing read yet; `bool` is the caller's `gzipped` hint.
    Start(Counting<R>, bool),
    Plain(Counting<R>),
    /// WARC.gz, between gzip members.
    Between(Counting<R>),
    /// WARC.gz, inside the member starting at `offset`.
    Member {
        offset: u64,
        reader: BufReader<GzDecoder<Counting<R>>>,
    },
    Done,
}

impl<R: BufRead> Reader<R> {
    /// A reader of `inner`; payloads longer than `max_payload` bytes are cut there and marked `truncated`.
    pub fn new(inner: R, gzipped: bool, max_payload: usize) -> Self {
        Reader {
            state: State::Start(Counting { inner, pos: 0 }, gzipped),
            max_payload,
        }
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<WarcRecord, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return None,
                State::Start(mut input, gzipped) => {
                    let head = match input.fill_buf() {
                        Ok(head) => head,
                        Err(e) => return Some(Err(io_error(0, false, e.kind(), &e.to_string()))),
                    };
                    if head.is_empty() {
                        return None;
                    }
                    let gzipped = if head.starts_with(&[0x1f, 0x8b]) {
                        true
                    } else if head.starts_with(b"WARC/") {
                        false
                    } else {
                        gzipped
                    };
                    self.state = if gzipped {
                        State::Between(input)
                    } else {
                        State::Plain(input)
                    };
                }
                State::Plain(mut input) => {
                    match skip_blank_lines(&mut input) {
                        Ok(true) => {}
                        Ok(false) => return None,
                        Err(e) => {
                            return Some(Err(io_error(input.pos, false, e.kind(), &e.to_string())))
                        }
                    }
                    let offset = input.pos;
                    let result = read_record(&mut input, self.max_payload);
                    return Some(self.finish(offset, false, result, State::Plain(input)));
                }
                State::Between(mut input) => {
                    match input.fill_buf() {
                        Ok([]) => return None,
                        Ok(_) => {}
                        Err(e) => {
                            return Some(Err(io_error(input.pos, true, e.kind(), &e.to_string())))
                        }
                    }
                    let offset = input.pos;
                    self.state = State::Member {
                        offset,
                        reader: BufReader::with_capacity(64 * 1024, GzDecoder::new(input)),
                    };
                }
                State::Member { offset, mut reader } => {
                    match skip_blank_lines(&mut reader) {
                        Ok(true) => {}
                        Ok(false) => {
                            // The member ended (its checksum verified): on to the next one.
                            self.state = State::Between(reader.into_inner().into_inner());
                            continue;
                        }
                        Err(e) => {
                            return Some(Err(io_error(offset, true, e.kind(), &e.to_string())))
                        }
                    }
                    let result = read_record(&mut reader, self.max_payload);
                    return Some(self.finish(
                        offset,
                        true,
                        result,
                        State::Member { offset, reader },
                    ));
                }
            }
        }
    }
}

impl<R: BufRead> Reader<R> {
    /// Turns a record result into the iterator's item; keeps reading (`next`) unless the error was fatal.
    fn finish(
        &mut self,
        offset: u64,
        gzipped: bool,
        result: Result<Parsed, Failure>,
        next: State<R>,
    ) -> Result<WarcRecord, RecordError> {
        match result {
            Ok(parsed) => {
                self.state = next;
                Ok(WarcRecord {
                    offset,
                    record_type: parsed.record_type,
                    target_uri: parsed.target_uri,
                    content_type: parsed.content_type,
                    payload: parsed.payload,
                    truncated: parsed.truncated,
                })
            }
            Err(Failure::Skip(message)) => {
                self.state = next;
                Err(RecordError { offset, message })
            }
            Err(Failure::Fatal(message)) => Err(RecordError { offset, message }),
            Err(Failure::Io(kind, message)) => Err(io_error(offset, gzipped, kind, &message)),
        }
    }
}

/// An error from the underlying stream, in words that say what happened to the file.
fn io_error(offset: u64, gzipped: bool, kind: io::ErrorKind, message: &str) -> RecordError {
    let message = match (gzipped, kind) {
        (true, io::ErrorKind::UnexpectedEof) => {
            "truncated gzip member: the data ends inside compressed data".to_string()
        }
        (true, io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData) => {
            format!("corrupt gzip member: {message}")
        }
        (false, io::ErrorKind::UnexpectedEof) => "unexpected end of file".to_string(),
        _ => format!("cannot read: {message}"),
    };
    RecordError { offset, message }
}

/// A `BufRead` that counts the bytes consumed from it (the offset in the file as stored).
struct Counting<R> {
    inner: R,
    pos: u64,
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.inner.consume(amt);
        self.pos += amt as u64;
    }
}

/// A record read, before its offset is attached.
struct Parsed {
    record_type: String,
    target_uri: Option<String>,
    content_type: Option<String>,
    payload: Vec<u8>,
    truncated: bool,
}

enum Failure {
    /// The record cannot be used, but the next one can be read.
    Skip(String),
    /// The place in the stream is lost.
    Fatal(String),
    /// The underlying stream failed (an I/O error, a truncated or corrupt gzip member).
    Io(io::ErrorKind, String),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e.kind(), e.to_string())
    }
}

/// Consumes line breaks before a record; `false` at the end of the stream.
fn skip_blank_lines<S: BufRead + ?Sized>(src: &mut S) -> io::Result<bool> {
    loop {
        let buf = match src.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(false);
        }
        let blank = buf
            .iter()
            .position(|&b| b != b'\r' && b != b'\n')
            .unwrap_or(buf.len());
        if blank == 0 {
            return Ok(true);
        }
        src.consume(blank);
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Line {
    /// A line ending in `\n` was read.
    Complete,
    /// The stream ended after some bytes without a `\n`.
    Partial,
    /// The stream ended before any byte.
    Eof,
    /// `limit` bytes were read without a `\n` (the rest of the line is still in the stream).
    TooLong,
}

/// Reads one line (with its `\n`) into `out`, at most `limit` bytes.
fn read_line<S: BufRead + ?Sized>(
    src: &mut S,
    out: &mut Vec<u8>,
    limit: usize,
) -> io::Result<Line> {
    out.clear();
    loop {
        let buf = match src.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(if out.is_empty() {
                Line::Eof
            } else {
                Line::Partial
            });
        }
        let (take, complete) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        let room = limit.saturating_sub(out.len());
        if take > room {
            out.extend_from_slice(buf.get(..room).unwrap_or_default());
            src.consume(room);
            return Ok(Line::TooLong);
        }
        out.extend_from_slice(buf.get(..take).unwrap_or_default());
        src.consume(take);
        if complete {
            return Ok(Line::Complete);
        }
    }
}

fn trim_line(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// A few bytes of `line` for an error message.
fn snippet(line: &[u8]) -> String {
    let shown = trim_line(line);
    let cut = shown.get(..shown.len().min(40)).unwrap_or_default();
    let mut text: String = String::from_utf8_lossy(cut).escape_debug().collect();
    if shown.len() > cut.len() {
        text.push_str("...");
    }
    text
}

/// Header fields: `(lower-case name, value)` in order.
type Fields = Vec<(String, String)>;

fn field<'a>(fields: &'a Fields, name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// Reads `Name: value` lines up to an empty line. `Ok(Err(message))` when the header is too long; `Ok(Ok(
/// (fields, ended)))` where `ended` is false when the stream ended before the empty line.
fn read_fields<S: BufRead + ?Sized>(src: &mut S) -> io::Result<Result<(Fields, bool), String>> {
    let mut fields: Fields = Vec::new();
    let mut line = Vec::new();
    let mut total = 0usize;
    loop {
        let status = read_line(src, &mut line, MAX_LINE)?;
        match status {
            Line::Eof => return Ok(Ok((fields, false))),
            Line::TooLong => return Ok(Err(format!("header line longer than {MAX_LINE} bytes"))),
            Line::Complete | Line::Partial => {}
        }
        total += line.len();
        if total > MAX_HEADER {
            return Ok(Err(format!("header longer than {MAX_HEADER} bytes")));
        }
        let text = trim_line(&line);
        if text.is_empty() {
            return Ok(Ok((fields, status == Line::Complete)));
        }
        let text = String::from_utf8_lossy(text);
        if text.starts_with([' ', '\t']) {
            // A continuation of the previous field's value.
            if let Some((_, value)) = fields.last_mut() {
                value.push(' ');
                value.push_str(text.trim());
            }
        } else if let Some((name, value)) = text.split_once(':') {
            fields.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
        if status == Line::Partial {
            return Ok(Ok((fields, false)));
        }
    }
}

/// Reads one record (version line, header, block) from `src`, which is positioned at its first byte.
fn read_record<S: BufRead + ?Sized>(src: &mut S, max_payload: usize) -> Result<Parsed, Failure> {
    let mut line = Vec::new();
    let status = read_line(src, &mut line, 1024)?;
    if !line.starts_with(b"WARC/") {
        return Err(Failure::Fatal(format!(
            "not a WARC record: expected a \"WARC/1.0\" line, found \"{}\"",
            snippet(&line)
        )));
    }
    if status != Line::Complete {
        return Err(Failure::Fatal(
            "truncated record: the header ends early".to_string(),
        ));
    }
    let fields = match read_fields(src)? {
        Ok((fields, true)) => fields,
        Ok((_, false)) => {
            return Err(Failure::Fatal(
                "truncated record: the header ends early".to_string(),
            ))
        }
        Err(message) => return Err(Failure::Fatal(format!("bad record header: {message}"))),
    };
    let length = match field(&fields, "content-length") {
        None => {
            return Err(Failure::Fatal(
                "bad record header: no Content-Length".to_string(),
            ))
        }
        Some(value) => value.parse::<u64>().map_err(|_| {
            Failure::Fatal(format!(
                "bad record header: Content-Length \"{}\" is not a number",
                snippet(value.as_bytes())
            ))
        })?,
    };
    let record_type = field(&fields, "warc-type").unwrap_or("").to_string();
    let target_uri = field(&fields, "warc-target-uri")
        .map(|uri| {
            uri.strip_prefix('<')
                .and_then(|u| u.strip_suffix('>'))
                .unwrap_or(uri)
        })
        .filter(|uri| !uri.is_empty())
        .map(str::to_string);
    let warc_type = field(&fields, "content-type").map(str::to_string);

    let mut block = Block {
        src,
        remaining: length,
        error: None,
    };
    let is_http_response = record_type.eq_ignore_ascii_case("response")
        && warc_type.as_deref().is_some_and(|t| {
            t.get(..16)
                .is_some_and(|p| p.eq_ignore_ascii_case("application/http"))
        });
    let result = if is_http_response {
        http_payload(&mut block, max_payload)
    } else {
        let (payload, truncated, error) = read_limited(&mut block, max_payload);
        match error {
            None => Ok((warc_type, payload, truncated)),
            Some(e) => Err(e.to_string()),
        }
    };

    // Skip what is left of the block without keeping it.
    let drained = io::copy(&mut block, &mut io::sink());
    if let Some((kind, message)) = block.error.take() {
        return Err(Failure::Io(kind, message));
    }
    drained?;
    if block.remaining > 0 {
        return Err(Failure::Fatal(format!(
            "truncated record: Content-Length is {length} but the data ends after {}",
            length - block.remaining
        )));
    }
    match result {
        Ok((content_type, payload, truncated)) => Ok(Parsed {
            record_type,
            target_uri,
            content_type,
            payload,
            truncated,
        }),
        Err(message) => Err(Failure::Skip(message)),
    }
}

/// A record's block: at most `remaining` bytes of `src`. The first error of `src` is kept (and returned
/// again) so a failure of the stream is told apart from a failure to decode the payload.
struct Block<'a, S: ?Sized> {
    src: &'a mut S,
    remaining: u64,
    error: Option<(io::ErrorKind, String)>,
}

impl<S: BufRead + ?Sized> Read for Block<'_, S> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        if let (Some(to), Some(from)) = (buf.get_mut(..n), available.get(..n)) {
            to.copy_from_slice(from);
        }
        self.consume(n);
        Ok(n)
    }
}

impl<S: BufRead + ?Sized> BufRead for Block<'_, S> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if let Some((kind, message)) = &self.error {
            return Err(io::Error::new(*kind, message.clone()));
        }
        if self.remaining == 0 {
            return Ok(&[]);
        }
        let len = match self.src.fill_buf() {
            Ok(buf) => buf.len(),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => return Err(e),
            Err(e) => {
                self.error = Some((e.kind(), e.to_string()));
                return Err(e);
            }
        };
        let n = usize::try_from(self.remaining).map_or(len, |r| r.min(len));
        let buf = self.src.fill_buf()?;
        Ok(buf.get(..n).unwrap_or_default())
    }

    fn consume(&mut self, amt: usize) {
        let amt = usize::try_from(self.remaining).map_or(amt, |r| r.min(amt));
        self.src.consume(amt);
        self.remaining -= amt as u64;
    }
}

/// Reads at most `max` bytes; `(bytes, truncated, error)`. The bytes read before an error are kept.
fn read_limited<R: Read + ?Sized>(r: &mut R, max: usize) -> (Vec<u8>, bool, Option<io::Error>) {
    let mut payload = Vec::new();
    let limit = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    let error = r.take(limit).read_to_end(&mut payload).err();
    let truncated = payload.len() > max;
    payload.truncate(max);
    (payload, truncated, error)
}

/// The content encodings a payload can be decoded from.
enum Coding {
    Identity,
    Gzip,
    Deflate,
}

/// The HTTP body of a response record's block: `(Content-Type, body, truncated)`, or a message saying why
/// the body cannot be decoded.
fn http_payload<S: BufRead + ?Sized>(
    block: &mut Block<'_, S>,
    max_payload: usize,
) -> Result<(Option<String>, Vec<u8>, bool), String> {
    let mut status = Vec::new();
    match read_line(block, &mut status, 8 * 1024).map_err(|e| e.to_string())? {
        Line::Eof => return Ok((None, Vec::new(), false)),
        Line::Complete | Line::Partial | Line::TooLong => {}
    }
    if !status.starts_with(b"HTTP/") {
        // Not an HTTP message after all: the block is the payload.
        let mut body = Cursor::new(status).chain(block);
        let (payload, truncated, error) = read_limited(&mut body, max_payload);
        return match error {
            None => Ok((None, payload, truncated)),
            Some(e) => Err(e.to_string()),
        };
    }
    let fields = match read_fields(block).map_err(|e| e.to_string())? {
        Ok((fields, _)) => fields,
        Err(message) => return Err(format!("bad HTTP header in the response: {message}")),
    };
    let content_type = field(&fields, "content-type")
        .filter(|t| !t.is_empty())
        .map(str::to_string);
    let chunked = field(&fields, "transfer-encoding")
        .is_some_and(|te| te.to_ascii_lowercase().contains("chunked"));
    let coding_name = field(&fields, "content-encoding")
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let coding = match coding_name.as_str() {
        "" | "identity" | "none" => Coding::Identity,
        "gzip" | "x-gzip" => Coding::Gzip,
        "deflate" => Coding::Deflate,
        other => {
            return Err(format!(
                "the payload uses Content-Encoding \"{}\", which cannot be decoded",
                snippet(other.as_bytes())
            ))
        }
    };

    let broken = Cell::new(false);
    let mut body: Box<dyn BufRead + '_> = Box::new(block);
    if chunked {
        body = Box::new(BufReader::new(Dechunk::new(body, &broken)));
    }
    match coding {
        Coding::Identity => {}
        Coding::Gzip => {
            let (head, rest) = peek(body, 2).map_err(|e| e.to_string())?;
            body = if head.starts_with(&[0x1f, 0x8b]) {
                Box::new(BufReader::new(GzDecoder::new(
                    Cursor::new(head).chain(rest),
                )))
            } else {
                // Already decoded by the crawler, which kept the header.
                Box::new(Cursor::new(head).chain(rest))
            };
        }
        Coding::Deflate => {
            let (head, rest) = peek(body, 2).map_err(|e| e.to_string())?;
            let zlib = match head.as_slice() {
                [cmf, flg] => cmf & 0x0f == 8 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0,
                _ => false,
            };
            let source = Cursor::new(head).chain(rest);
            body = if zlib {
                Box::new(BufReader::new(ZlibDecoder::new(source)))
            } else {
                Box::new(BufReader::new(DeflateDecoder::new(source)))
            };
        }
    }
    let (payload, truncated, error) = read_limited(&mut body, max_payload);
    drop(body);
    match error {
        // The caller tells a failure of the stream (kept by the block) from one of the encoding.
        Some(e) if payload.is_empty() => Err(format!(
            "cannot decode the payload's Content-Encoding \"{coding_name}\": {e}"
        )),
        // A body cut short by the crawler: keep what was decoded.
        Some(_) => Ok((content_type, payload, true)),
        None => Ok((content_type, payload, truncated || broken.get())),
    }
}

/// The first `n` bytes of `r` (fewer at its end), and `r` to read the rest from.
fn peek<'a>(
    mut r: Box<dyn BufRead + 'a>,
    n: usize,
) -> io::Result<(Vec<u8>, Box<dyn BufRead + 'a>)> {
    let mut head = Vec::with_capacity(n);
    (&mut r).take(n as u64).read_to_end(&mut head)?;
    Ok((head, r))
}

/// Undoes `Transfer-Encoding: chunked`. When the body does not start with a chunk-size line (a crawler
/// removed the chunking but kept the header), it is passed through. A body that breaks off sets `broken`.
struct Dechunk<'f, R> {
    inner: R,
    state: ChunkState,
    broken: &'f Cell<bool>,
}

enum ChunkState {
    Start,
    Size,
    Data(u64),
    DataEnd,
    Done,
    /// Not chunked: `bytes[pos..]` first, then the rest of the input.
    Passthrough {
        bytes: Vec<u8>,
        pos: usize,
    },
}

impl<'f, R: BufRead> Dechunk<'f, R> {
    fn new(inner: R, broken: &'f Cell<bool>) -> Self {
        Dechunk {
            inner,
            state: ChunkState::Start,
            broken,
        }
    }

    fn fail(&mut self) -> io::Result<usize> {
        self.broken.set(true);
        self.state = ChunkState::Done;
        Ok(0)
    }
}

fn chunk_size(line: &[u8]) -> Option<u64> {
    let line = trim_line(line);
    let size = line.split(|&b| b == b';').next().unwrap_or_default();
    let size = std::str::from_utf8(size).ok()?.trim_matches([' ', '\t']);
    if size.is_empty() || size.len() > 16 || !size.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u64::from_str_radix(size, 16).ok()
}

impl<R: BufRead> Read for Dechunk<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            match &mut self.state {
                ChunkState::Done => return Ok(0),
                ChunkState::Passthrough { bytes, pos } => {
                    let rest = bytes.get(*pos..).unwrap_or_default();
                    if rest.is_empty() {
                        return self.inner.read(buf);
                    }
                    let n = rest.len().min(buf.len());
                    if let (Some(to), Some(from)) = (buf.get_mut(..n), rest.get(..n)) {
                        to.copy_from_slice(from);
                    }
                    *pos += n;
                    return Ok(n);
                }
                ChunkState::Start | ChunkState::Size => {
                    let first = matches!(self.state, ChunkState::Start);
                    let mut line = Vec::new();
                    let status = read_line(&mut self.inner, &mut line, MAX_CHUNK_LINE)?;
                    let size = match status {
                        Line::Complete => chunk_size(&line),
                        _ => None,
                    };
                    match size {
                        Some(0) => self.state = ChunkState::Done,
                        Some(n) => self.state = ChunkState::Data(n),
                        None if first && status != Line::Eof => {
                            self.state = ChunkState::Passthrough {
                                bytes: line,
                                pos: 0,
                            }
                        }
                        None if first => self.state = ChunkState::Done,
                        None => return self.fail(),
                    }
                }
                ChunkState::Data(left) => {
                    let left_now = *left;
                    let available = self.inner.fill_buf()?;
                    if available.is_empty() {
                        return self.fail();
                    }
                    let n = usize::try_from(left_now)
                        .map_or(available.len(), |l| l.min(available.len()))
                        .min(buf.len());
                    if let (Some(to), Some(from)) = (buf.get_mut(..n), available.get(..n)) {
                        to.copy_from_slice(from);
                    }
                    self.inner.consume(n);
                    let left = left_now - n as u64;
                    self.state = if left == 0 {
                        ChunkState::DataEnd
                    } else {
                        ChunkState::Data(left)
                    };
                    return Ok(n);
                }
                ChunkState::DataEnd => {
                    let mut line = Vec::new();
                    match read_line(&mut self.inner, &mut line, MAX_CHUNK_LINE)? {
                        Line::Complete if trim_line(&line).is_empty() => {
                            self.state = ChunkState::Size
                        }
                        _ => return self.fail(),
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::{DeflateEncoder, GzEncoder, ZlibEncoder};
    use flate2::Compression;
    use std::io::Write;
    use std::time::{Duration, Instant};

    fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
             WARC-Date: 2024-05-01T00:00:00Z\r\n\
             WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>\r\n\
             Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn http(headers: &str, body: &[u8]) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
        out.extend_from_slice(body);
        out
    }

    fn response(uri: &str, headers: &str, body: &[u8]) -> Vec<u8> {
        record(
            "response",
            uri,
            "application/http; msgtype=response",
            &http(headers, body),
        )
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    fn chunked(body: &[u8], size: usize) -> Vec<u8> {
        let mut out = Vec::new();
        for chunk in body.chunks(size) {
            out.extend(format!("{:x};ext=1\r\n", chunk.len()).into_bytes());
            out.extend_from_slice(chunk);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"0\r\nX-Trailer: y\r\n\r\n");
        out
    }

    const HTML: &str = "<html><head><title>京东客服</title></head><body><p>客服热线：400-606-5500</p></body></html>";

    /// The records of a small crawl: warcinfo, request, HTML response, chunked response, GBK page.
    fn sample_records() -> Vec<Vec<u8>> {
        let gbk = encoding_rs::GBK
            .encode("<p>京东客服电话 400-606-5500</p>")
            .0;
        vec![
            record(
                "warcinfo",
                "",
                "application/warc-fields",
                b"software: test\r\nformat: WARC File Format 1.0\r\n",
            ),
            record(
                "request",
                "https://www.jd.com/",
                "application/http; msgtype=request",
                b"GET / HTTP/1.1\r\nHost: www.jd.com\r\n\r\n",
            ),
            response(
                "https://www.jd.com/",
                "Content-Type: text/html; charset=utf-8\r\nContent-Length: 99\r\n",
                HTML.as_bytes(),
            ),
            response(
                "https://help.jd.com/",
                "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
                &chunked(HTML.as_bytes(), 7),
            ),
            response(
                "http://www.example.cn/gbk",
                "Content-Type: text/html; charset=GBK\r\n",
                &gbk,
            ),
        ]
    }

    fn read_all(bytes: &[u8], gzipped: bool, max: usize) -> Vec<Result<WarcRecord, RecordError>> {
        Reader::new(bytes, gzipped, max).collect()
    }

    fn ok(results: &[Result<WarcRecord, RecordError>]) -> Vec<&WarcRecord> {
        results.iter().filter_map(|r| r.as_ref().ok()).collect()
    }

    fn check_sample(records: &[&WarcRecord], offsets: &[u64]) {
        assert_eq!(records.len(), 5);
        let types: Vec<_> = records.iter().map(|r| r.record_type.as_str()).collect();
        assert_eq!(
            types,
            ["warcinfo", "request", "response", "response", "response"]
        );
        let got: Vec<u64> = records.iter().map(|r| r.offset).collect();
        assert_eq!(got, offsets);
        assert_eq!(records[0].target_uri, None);
        assert_eq!(
            records[0].content_type.as_deref(),
            Some("application/warc-fields")
        );
        assert_eq!(
            records[0].payload,
            b"software: test\r\nformat: WARC File Format 1.0\r\n"
        );
        // A request's payload is its block, headers and all.
        assert!(records[1].payload.starts_with(b"GET / HTTP/1.1\r\n"));
        assert_eq!(
            records[1].content_type.as_deref(),
            Some("application/http; msgtype=request")
        );
        assert_eq!(
            records[2].target_uri.as_deref(),
            Some("https://www.jd.com/")
        );
        assert_eq!(
            records[2].content_type.as_deref(),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(records[2].payload, HTML.as_bytes());
        assert_eq!(records[3].payload, HTML.as_bytes());
        assert_eq!(records[3].content_type.as_deref(), Some("text/html"));
        let gbk = &records[4];
        assert_eq!(gbk.content_type.as_deref(), Some("text/html; charset=GBK"));
        let decoded =
            crate::source::decode::decode_html(&gbk.payload, gbk.content_type.as_deref()).unwrap();
        assert_eq!(decoded.text, "<p>京东客服电话 400-606-5500</p>");
        assert_eq!(decoded.encoding, Some("GBK"));
        assert!(records.iter().all(|r| !r.truncated));
    }

    #[test]
    fn plain_warc() {
        let parts = sample_records();
        let mut offsets = Vec::new();
        let mut file = Vec::new();
        for part in &parts {
            offsets.push(file.len() as u64);
            file.extend_from_slice(part);
        }
        let results = read_all(&file, false, 1 << 20);
        assert!(results.iter().all(Result::is_ok));
        check_sample(&ok(&results), &offsets);
    }

    #[test]
    fn gzip_member_per_record() {
        let mut offsets = Vec::new();
        let mut file = Vec::new();
        for part in sample_records() {
            offsets.push(file.len() as u64);
            file.extend(gzip(&part));
        }
        let results = read_all(&file, true, 1 << 20);
        assert!(results.iter().all(Result::is_ok));
        check_sample(&ok(&results), &offsets);
        // The gzip magic is recognised whatever the flag says.
        let results = read_all(&file, false, 1 << 20);
        check_sample(&ok(&results), &offsets);
        // Through a small-buffered reader (members straddle buffer boundaries).
        let results: Vec<_> = Reader::new(
            io::BufReader::with_capacity(7, file.as_slice()),
            true,
            1 << 20,
        )
        .collect();
        check_sample(&ok(&results), &offsets);
    }

    #[test]
    fn one_gzip_member_holding_many_records() {
        let plain: Vec<u8> = sample_records().concat();
        let file = gzip(&plain);
        let results = read_all(&file, true, 1 << 20);
        check_sample(&ok(&results), &[0; 5]);
        // A plain file read with the gzip flag set is still read as plain.
        let results = read_all(&plain, true, 1 << 20);
        assert_eq!(ok(&results).len(), 5);
    }

    #[test]
    fn lf_line_endings_and_angle_bracket_uris() {
        let file = b"\n\nWARC/1.0\nWARC-Type: resource\nWARC-Target-URI: <http://a.cn/>\n\
            Content-Type: text/plain\nContent-Length: 5\n\nhello\n\n"
            .to_vec();
        let results = read_all(&file, false, 100);
        let records = ok(&results);
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].offset, 2);
        assert_eq!(records[0].target_uri.as_deref(), Some("http://a.cn/"));
        assert_eq!(records[0].payload, b"hello");
    }

    #[test]
    fn payloads_are_cut_at_max_payload() {
        let big = "x".repeat(10_000);
        let mut file = response(
            "http://a.cn/",
            "Content-Type: text/html\r\n",
            big.as_bytes(),
        );
        file.extend(record(
            "resource",
            "http://b.cn/",
            "text/plain",
            big.as_bytes(),
        ));
        file.extend(response("http://c.cn/", "", b"small"));
        let results = read_all(&file, false, 100);
        let records = ok(&results);
        assert_eq!(records.len(), 3);
        assert_eq!(records[0].payload, &big.as_bytes()[..100]);
        assert!(records[0].truncated);
        assert_eq!(records[1].payload.len(), 100);
        assert!(records[1].truncated);
        assert_eq!(records[2].payload, b"small");
        assert!(!records[2].truncated);
        assert_eq!(records[2].content_type, None);
        // Exactly at the limit is not truncated; zero keeps nothing.
        let results = read_all(&file, false, 5);
        assert!(!ok(&results)[2].truncated);
        let results = read_all(&file, false, 0);
        assert!(ok(&results).iter().all(|r| r.payload.is_empty()));
    }

    #[test]
    fn content_encodings() {
        let html = HTML.as_bytes();
        let mut zlib = ZlibEncoder::new(Vec::new(), Compression::default());
        zlib.write_all(html).unwrap();
        let zlib = zlib.finish().unwrap();
        let mut raw = DeflateEncoder::new(Vec::new(), Compression::default());
        raw.write_all(html).unwrap();
        let raw = raw.finish().unwrap();
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("Content-Encoding: gzip\r\n", gzip(html)),
            ("Content-Encoding: x-gzip\r\n", gzip(html)),
            (
                "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n",
                chunked(&gzip(html), 5),
            ),
            ("Content-Encoding: deflate\r\n", zlib),
            ("Content-Encoding: deflate\r\n", raw),
            // Decoded by the crawler, header kept.
            ("Content-Encoding: gzip\r\n", html.to_vec()),
            ("Transfer-Encoding: chunked\r\n", html.to_vec()),
            ("Content-Encoding: identity\r\n", html.to_vec()),
            ("X-Crawler-Content-Encoding: gzip\r\n", html.to_vec()),
        ];
        for (headers, body) in cases {
            let file = response("http://a.cn/", headers, &body);
            let results = read_all(&file, false, 1 << 20);
            let records = ok(&results);
            assert_eq!(records.len(), 1, "{headers}");
            assert_eq!(records[0].payload, html, "{headers}");
            assert!(!records[0].truncated, "{headers}");
        }
    }

    #[test]
    fn undecodable_payloads_are_skipped_not_fatal() {
        let mut file = response("http://a.cn/", "Content-Encoding: br\r\n", b"\x0b\x02\x80");
        file.extend(response(
            "http://b.cn/",
            "Content-Encoding: gzip\r\n",
            b"\x1f\x8b\x08\x00garbage that is not deflate",
        ));
        file.extend(response("http://c.cn/", "", b"fine"));
        let results = read_all(&file, false, 1 << 20);
        assert_eq!(results.len(), 3);
        let err = results[0].as_ref().unwrap_err();
        assert_eq!(err.offset, 0);
        assert!(err.message.contains("Content-Encoding \"br\""), "{err}");
        let err = results[1].as_ref().unwrap_err();
        assert!(err.message.contains("cannot decode"), "{err}");
        assert_eq!(results[2].as_ref().unwrap().payload, b"fine");
    }

    #[test]
    fn bodies_cut_by_the_crawler_are_kept_and_marked() {
        let html = HTML.repeat(50);
        let compressed = gzip(html.as_bytes());
        let cut = &compressed[..compressed.len() / 2];
        let mut file = response("http://a.cn/", "Content-Encoding: gzip\r\n", cut);
        let chunks = chunked(html.as_bytes(), 100);
        file.extend(response(
            "http://b.cn/",
            "Transfer-Encoding: chunked\r\n",
            &chunks[..chunks.len() / 2],
        ));
        file.extend(response(
            "http://c.cn/",
            "Transfer-Encoding: chunked\r\n",
            b"5\r\nhello\r\nzz\r\n",
        ));
        let results = read_all(&file, false, 1 << 20);
        let records = ok(&results);
        assert_eq!(records.len(), 3);
        assert!(records[0].truncated);
        assert!(!records[0].payload.is_empty());
        assert!(html.as_bytes().starts_with(&records[0].payload));
        assert!(records[1].truncated);
        assert!(html.as_bytes().starts_with(&records[1].payload));
        assert_eq!(records[2].payload, b"hello");
        assert!(records[2].truncated);
    }

    #[test]
    fn response_without_http_or_body() {
        let mut file = record(
            "response",
            "dns:a.cn",
            "text/dns",
            b"a.cn. 300 IN A 1.2.3.4",
        );
        file.extend(record(
            "response",
            "http://a.cn/",
            "application/http; msgtype=response",
            b"not http at all",
        ));
        file.extend(record(
            "response",
            "http://b.cn/",
            "application/http; msgtype=response",
            b"HTTP/1.1 304 Not Modified\r\nETag: x\r\n",
        ));
        file.extend(record("response", "http://c.cn/", "application/http", b""));
        let results = read_all(&file, false, 1 << 20);
        let records = ok(&results);
        assert_eq!(records.len(), 4);
        assert_eq!(records[0].payload, b"a.cn. 300 IN A 1.2.3.4");
        assert_eq!(records[0].content_type.as_deref(), Some("text/dns"));
        assert_eq!(records[1].payload, b"not http at all");
        assert!(records[2].payload.is_empty());
        assert!(records[3].payload.is_empty());
    }

    #[test]
    fn truncated_gzip_ends_with_one_error() {
        let mut file = Vec::new();
        let mut offsets = Vec::new();
        for part in sample_records() {
            offsets.push(file.len() as u64);
            file.extend(gzip(&part));
        }
        let last = *offsets.last().unwrap();
        // Cut inside the last record's compressed data.
        let cut = &file[..(last as usize + file.len()) / 2];
        let results = read_all(cut, true, 1 << 20);
        assert_eq!(results.len(), 5);
        assert_eq!(ok(&results).len(), 4);
        let err = results[4].as_ref().unwrap_err();
        assert_eq!(err.offset, last);
        assert!(err.message.contains("truncated gzip member"), "{err}");
        assert!(err.to_string().ends_with(&format!("(at offset {last})")));
        // Cut in the member's trailer (the record itself was inflated whole): the record, then the error.
        let results = read_all(&file[..file.len() - 4], true, 1 << 20);
        assert_eq!(results.len(), 6);
        assert_eq!(ok(&results).len(), 5);
        assert_eq!(results[5].as_ref().unwrap_err().offset, last);
    }

    #[test]
    fn corrupt_gzip_and_garbage() {
        // Garbage where a gzip member should be.
        let mut file = gzip(&sample_records()[0]);
        let garbage_at = file.len() as u64;
        file.extend(b"this is not gzip at all");
        file.extend(gzip(&sample_records()[1]));
        let results = read_all(&file, true, 1 << 20);
        assert_eq!(results.len(), 2);
        assert!(results[0].is_ok());
        let err = results[1].as_ref().unwrap_err();
        assert_eq!(err.offset, garbage_at);
        assert!(err.message.contains("corrupt gzip member"), "{err}");

        // A flipped byte inside the compressed data: an error, then the end.
        let mut file = gzip(&sample_records().concat());
        let middle = file.len() / 2;
        file[middle] ^= 0xff;
        let results = read_all(&file, true, 1 << 20);
        assert!(results.last().unwrap().is_err());
        assert!(results.len() <= 6);

        // Garbage for a plain WARC.
        let results = read_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", false, 100);
        assert_eq!(results.len(), 1);
        let err = results[0].as_ref().unwrap_err();
        assert_eq!(err.offset, 0);
        assert_eq!(
            err.message,
            "not a WARC record: expected a \"WARC/1.0\" line, found \"GET / HTTP/1.1\""
        );
        // Random bytes with the gzip flag.
        let results = read_all(b"\x00\x01\x02 binary", true, 100);
        assert_eq!(results.len(), 1);
        assert!(results[0].is_err());
        // Empty input: no records.
        assert!(read_all(b"", true, 100).is_empty());
        assert!(read_all(b"\r\n\r\n", false, 100).is_empty());
    }

    #[test]
    fn truncated_and_bad_records() {
        let good = record("resource", "http://a.cn/", "text/plain", b"hello");
        // Content-Length beyond the end of the file.
        let mut file = good.clone();
        file.extend(&good[..good.len() - 8]);
        let results = read_all(&file, false, 100);
        assert_eq!(results.len(), 2);
        let err = results[1].as_ref().unwrap_err();
        assert_eq!(err.offset, good.len() as u64);
        assert_eq!(
            err.message,
            "truncated record: Content-Length is 5 but the data ends after 1"
        );
        // Header without an end.
        let results = read_all(b"WARC/1.0\r\nWARC-Type: resource\r\n", false, 100);
        assert!(results[0]
            .as_ref()
            .unwrap_err()
            .message
            .contains("header ends early"));
        // No or bad Content-Length.
        let results = read_all(b"WARC/1.0\r\nWARC-Type: x\r\n\r\nabc", false, 100);
        assert_eq!(
            results[0].as_ref().unwrap_err().message,
            "bad record header: no Content-Length"
        );
        let results = read_all(b"WARC/1.0\r\nContent-Length: -1\r\n\r\n", false, 100);
        assert!(results[0]
            .as_ref()
            .unwrap_err()
            .message
            .contains("not a number"));
        // Garbage after a good record ends the iteration after one error.
        let mut file = good.clone();
        file.extend(b"garbage\r\n");
        file.extend(&good);
        let results = read_all(&file, false, 100);
        assert_eq!(results.len(), 2);
        assert!(results[0].is_ok());
        assert!(results[1].is_err());
    }

    #[test]
    fn every_prefix_and_byte_flip_is_handled() {
        let plain = sample_records().concat();
        for cut in 0..plain.len() {
            let _ = read_all(&plain[..cut], false, 64).len();
        }
        let mut gz = Vec::new();
        for part in sample_records() {
            gz.extend(gzip(&part));
        }
        for cut in 0..gz.len() {
            let results = read_all(&gz[..cut], true, 64);
            assert!(results.len() <= 6);
            assert!(results.iter().filter(|r| r.is_err()).count() <= 1);
        }
        for i in (0..plain.len()).step_by(3) {
            let mut flipped = plain.clone();
            flipped[i] ^= 0x5a;
            let _ = read_all(&flipped, false, 64).len();
        }
        for i in (0..gz.len()).step_by(5) {
            let mut flipped = gz.clone();
            flipped[i] ^= 0x5a;
            let _ = read_all(&flipped, true, 64).len();
        }
    }

    fn fast<T>(what: &str, limit: Duration, f: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let out = f();
        let took = started.elapsed();
        assert!(took < limit, "{what} took {took:?}");
        out
    }

    /// A gzip member that inflates to `1 + 258 * matches` zero bytes: one fixed-Huffman deflate block of a
    /// literal 0 and `<length 258, distance 1>` copies (13 bits per 258 bytes). The trailer is not valid;
    /// a reader that stops at its limit never gets there.
    fn zero_bomb(matches: usize) -> Vec<u8> {
        struct Bits {
            out: Vec<u8>,
            acc: u32,
            n: u32,
        }
        impl Bits {
            fn put(&mut self, value: u32, bits: u32) {
                self.acc |= value << self.n;
                self.n += bits;
                while self.n >= 8 {
                    self.out.push(self.acc as u8);
                    self.acc >>= 8;
                    self.n -= 8;
                }
            }
            /// A Huffman code, most significant bit first.
            fn code(&mut self, code: u32, bits: u32) {
                for i in (0..bits).rev() {
                    self.put((code >> i) & 1, 1);
                }
            }
        }
        let mut bits = Bits {
            out: vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff],
            acc: 0,
            n: 0,
        };
        bits.put(1, 1); // final block
        bits.put(1, 2); // fixed Huffman codes
        bits.code(0x30, 8); // literal 0
        for _ in 0..matches {
            bits.code(0xc5, 8); // length 258
            bits.code(0, 5); // distance 1
        }
        bits.code(0, 7); // end of block
        bits.put(0, 7);
        bits.out.extend([0; 8]);
        bits.out
    }

    #[test]
    fn gzip_bomb_in_the_payload_stops_at_max_payload() {
        // The generator is right: a small one inflates whole (its made-up checksum fails at the end).
        let small = response(
            "http://a.cn/",
            "Content-Encoding: gzip\r\n",
            &zero_bomb(1000),
        );
        let results = read_all(&small, false, 1 << 20);
        assert_eq!(ok(&results)[0].payload, vec![0; 258_001]);
        // About 260 MB of zeros in 1.6 MB: inflating stops at max_payload, the rest is skipped compressed.
        let bomb = zero_bomb(1_000_000);
        let mut file = response("http://bomb.cn/", "Content-Encoding: gzip\r\n", &bomb);
        file.extend(response("http://after.cn/", "", b"after"));
        let results = fast("payload bomb", Duration::from_secs(2), || {
            read_all(&file, false, 1 << 20)
        });
        let records = ok(&results);
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].payload, vec![0; 1 << 20]);
        assert!(records[0].truncated);
        assert_eq!(records[1].payload, b"after");
    }

    #[test]
    fn huge_records_in_a_member_are_skipped_not_buffered() {
        // A 16 MB record compressed into a small member, then a normal one.
        let block = vec![b'a'; 16 << 20];
        let mut file = gzip(&record("resource", "http://big.cn/", "text/plain", &block));
        let second = file.len() as u64;
        file.extend(gzip(&record(
            "resource",
            "http://b.cn/",
            "text/plain",
            b"b",
        )));
        let results = fast("member bomb", Duration::from_secs(3), || {
            read_all(&file, true, 1000)
        });
        let records = ok(&results);
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].payload.len(), 1000);
        assert!(records[0].truncated);
        assert_eq!(records[1].offset, second);
        assert_eq!(records[1].payload, b"b");
    }

    #[test]
    fn long_header_lines_are_bounded() {
        let mut file = b"WARC/1.0\r\nWARC-Type: ".to_vec();
        file.extend(vec![b'a'; 10 << 20]);
        let results = fast("long header line", Duration::from_secs(2), || {
            read_all(&file, false, 100)
        });
        assert_eq!(results.len(), 1);
        assert!(results[0]
            .as_ref()
            .unwrap_err()
            .message
            .contains("header line longer than"));
        let mut file = b"WARC/1.0\r\n".to_vec();
        for _ in 0..100_000 {
            file.extend(b"X-Field: some value here\r\n");
        }
        let results = read_all(&file, false, 100);
        assert!(results[0]
            .as_ref()
            .unwrap_err()
            .message
            .contains("header longer than"));
        // A single version line without an end.
        let mut file = b"WARC/1.0".to_vec();
        file.extend(vec![b'0'; 1 << 20]);
        assert_eq!(read_all(&file, false, 100).len(), 1);
        // An endless chunk-size line in a body.
        let mut block = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        block.extend(vec![b'f'; 1 << 20]);
        let file = record("response", "http://a.cn/", "application/http", &block);
        let results = read_all(&file, false, 100);
        assert_eq!(results.len(), 1);
        assert_eq!(results[0].as_ref().unwrap().payload.len(), 100);
    }
}
