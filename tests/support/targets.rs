//! The bodies of the fuzz targets, in one place: `fuzz/fuzz_targets/*.rs` call them on libFuzzer's input,
//! `tests/generated.rs` calls them on proptest's and replays the committed seeds (`fuzz/seeds/`), and
//! `examples/hostile_loop.rs` shares the generators they use. Each returns normally or panics with what
//! went wrong.
//!
//! Include with `#[path = ".../tests/support/targets.rs"] mod targets;` next to `generate.rs` (as
//! `mod generate;` at the same level).

#![allow(dead_code)]

use std::io::{self, Write};
use std::sync::OnceLock;

use hotline::answer::{answer, echo, identify, Appearances, ECHO_MAX};
use hotline::context::{ReadOptions, RegionHint};
use hotline::document::{Document, ErrorRecord};
use hotline::mention::{find_mentions, Reading};
use hotline::model::{Claim, Conflict, Kind, Lang, RegionSource};
use hotline::numbering::Region;
use hotline::reference::{Reference, ReferenceFile};
use hotline::report::{printer, render_answer, OutputFormat};
use hotline::run::{audit_document, DocumentResult, Run, RunOptions, Sink, Summary};

use super::generate::{page, value, Choices};

fn region(id: &str) -> Region {
    Region::by_id(id).unwrap_or_else(|| panic!("no region {id}"))
}

// ---- the byte-level targets -------------------------------------------------------------------------

/// The per-page pipeline (find, normalize, attribute, verify, rules) on any text.
pub fn text_extractor(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let doc = Document::new("fuzz", text.as_ref());
    let claims = audit_document(&doc, Reference::embedded(), &ReadOptions::default());
    check_claims(&doc, &claims);
}

/// The address finder on any text.
pub fn email_extractor(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut out = Vec::new();
    hotline::mention::email::find(&text, &mut out);
    for m in out {
        assert!(m.value.contains('@'), "{:?}", m.value);
        assert!(m.start < m.end && m.end <= text.len());
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
    }
}

/// HTML to text, and the charset detection for HTML bytes.
pub fn html_reader(data: &[u8]) {
    let html = String::from_utf8_lossy(data);
    let _ = hotline::source::html::html_to_text(&html);
    let _ = hotline::source::decode::decode_html(data, None);
}

/// Every line of a JSON Lines export.
pub fn jsonl_reader(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for (i, line) in text.lines().enumerate() {
        let _ = hotline::source::jsonl::parse_line(line, i + 1);
    }
}

/// Reference CSV files (contacts, organisations) as a user could pass with `--reference`.
pub fn reference_csv(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for header in [
        "",
        "org,channel,value,role,region,status,source,retrieved,note\n",
        "org,kind,parent,home_region,aliases,domains,messaging,source,retrieved\n",
    ] {
        let file = ReferenceFile::new("fuzz.csv", format!("{header}{text}"));
        if let Err(e) = Reference::load(&[file], false) {
            assert!(!e.to_string().is_empty());
        }
    }
}

/// WARC records, plain and gzipped, with a payload cap.
pub fn warc_reader(data: &[u8]) {
    for gzipped in [false, true] {
        let records = hotline::source::warc::Reader::new(data, gzipped, 1 << 20).take(1000);
        for r in records.flatten() {
            assert!(r.payload.len() <= 1 << 20);
        }
    }
}

/// `hotline check VALUE` on any string, in a few regions.
pub fn check_value(data: &[u8]) {
    check_one(&String::from_utf8_lossy(data));
}

// ---- the structure-aware targets --------------------------------------------------------------------

/// The whole audit of one generated page, as `hotline audit` runs it (attribution, verification, rules,
/// the cross-check, risk) and prints it in every format, with the invariants of `check_claims`.
pub fn structured_page(data: &[u8]) {
    let text = page(&mut Choices::new(data));
    audit_page(&text);
}

/// `hotline check` on a generated value: never a panic, always a well-formed answer or error.
pub fn structured_check(data: &[u8]) {
    check_one(&value(&mut Choices::new(data)));
}

/// Runs at `-j 1` (one worker, on the calling thread) unless the program chose a pool size first: no
/// threads spawned for every input.
fn one_thread() {
    static POOL: OnceLock<()> = OnceLock::new();
    POOL.get_or_init(|| {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build_global();
    });
}

/// Keeps a run's results and passes them on to printers.
struct Collect<'w> {
    claims: Vec<Claim>,
    errors: Vec<ErrorRecord>,
    printers: Vec<Box<dyn Sink + 'w>>,
}

impl Sink for Collect<'_> {
    fn document(&mut self, result: &DocumentResult) -> io::Result<()> {
        self.claims.extend(result.claims.iter().cloned());
        self.errors.extend(result.errors.iter().cloned());
        self.printers
            .iter_mut()
            .try_for_each(|p| p.document(result))
    }

    fn finish(&mut self, conflicts: &[Conflict], summary: &Summary) -> io::Result<()> {
        self.printers
            .iter_mut()
            .try_for_each(|p| p.finish(conflicts, summary))
    }
}

/// A `Write` that several printers can share: what they write is kept apart by format.
#[derive(Clone, Default)]
struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Audits `text` as one document through a run, prints it in every format, and checks the claims.
pub fn audit_page(text: &str) {
    let doc = Document::new("generated", text);
    let formats = [
        OutputFormat::Text,
        OutputFormat::Jsonl,
        OutputFormat::Json,
        OutputFormat::Csv,
        OutputFormat::Sarif,
    ];
    let outputs: Vec<Shared> = formats.iter().map(|_| Shared::default()).collect();
    let mut sink = Collect {
        claims: Vec::new(),
        errors: Vec::new(),
        printers: formats
            .iter()
            .zip(&outputs)
            .map(|(f, o)| printer(*f, Box::new(o.clone()), false, true))
            .collect(),
    };
    one_thread();
    let mut run = Run::new(Reference::embedded(), RunOptions::default());
    run.audit_documents([doc.clone()], &mut sink).unwrap();
    let outcome = run.finish(&mut sink).unwrap();
    assert!(
        sink.errors.is_empty(),
        "the audit failed on {text:?}: {:?}",
        sink.errors
    );
    assert_eq!(outcome.summary.internal_errors, 0);
    assert_eq!(outcome.summary.audited, 1);
    assert_eq!(outcome.summary.claims, sink.claims.len());
    drop(sink.printers);
    let jsonl = String::from_utf8(outputs[1].0.borrow().clone()).expect("JSON Lines is UTF-8");
    let lines = jsonl.lines().count();
    assert_eq!(lines, sink.claims.len() + outcome.conflicts.len() + 1);
    for line in jsonl.lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("every JSON Lines record parses");
    }
    let json = outputs[2].0.borrow();
    serde_json::from_slice::<serde_json::Value>(&json).expect("the JSON output parses");
    let sarif = outputs[4].0.borrow();
    serde_json::from_slice::<serde_json::Value>(&sarif).expect("the SARIF output parses");
    check_claims(&doc, &sink.claims);
}

/// What every claim on a page must satisfy, whatever the page.
pub fn check_claims(doc: &Document, claims: &[Claim]) {
    let text = doc.text.as_str();
    let mut last_end = 0;
    for c in claims {
        let (start, end) = c.span;
        // The span points into the raw text, on character boundaries, and is what `raw` says.
        assert!(
            start < end && end <= text.len(),
            "span {:?} of {text:?}",
            c.span
        );
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        assert_eq!(&text[start..end], c.raw, "raw at its span in {text:?}");
        // In text order, never overlapping.
        assert!(start >= last_end, "claims overlap in {text:?}: {claims:#?}");
        last_end = end;
        // Line and column (1-based, in characters) name where the span starts.
        let line_start: usize = text.split('\n').take(c.line - 1).map(|l| l.len() + 1).sum();
        let line = text
            .get(line_start..)
            .unwrap_or_else(|| panic!("line {} of {text:?}", c.line));
        let at = line
            .char_indices()
            .nth(c.column - 1)
            .map_or(line.len(), |(i, _)| i);
        assert_eq!(
            line_start + at,
            start,
            "line {} column {} of {text:?}",
            c.line,
            c.column
        );
        match c.kind {
            Kind::Phone => {
                well_formed_number(&c.value);
                // The value read again (in the claim's region) is the value, and the raw text read as a
                // value in that region gives it too.
                // A number of no country (`001`: +800 freephone, +882 networks) carries its code, so any
                // region reads it again.
                let r = c
                    .region
                    .as_deref()
                    .and_then(Region::by_id)
                    .unwrap_or_else(Region::cn);
                let again: Vec<String> = identify(&c.value, r, Reference::embedded())
                    .unwrap_or_else(|e| panic!("{} does not re-read: {e:?} ({text:?})", c.value))
                    .into_iter()
                    .map(|i| i.value)
                    .collect();
                assert_eq!(again, std::slice::from_ref(&c.value), "{text:?}");
                // The raw text holds the number: its last seven digits (letters dialled on a keypad) and
                // its extension's, so a span cut short or shifted shows.
                let written = keypad_digits(&c.raw);
                let (number, ext) = c.value.split_once(";ext=").unwrap_or((&c.value, ""));
                let tail = &number[number.len().saturating_sub(7)..].trim_start_matches('+');
                let odd_digits = c.raw.chars().any(|ch| {
                    ch.is_numeric() && !ch.is_ascii_digit() && !('０'..='９').contains(&ch)
                });
                assert!(
                    odd_digits || (written.contains(tail) && written.contains(ext)),
                    "{:?} does not hold {} ({text:?})",
                    c.raw,
                    c.value
                );
            }
            Kind::Email => {
                assert_eq!(c.value.matches('@').count(), 1, "{}", c.value);
                assert_eq!(c.value.to_lowercase(), c.value);
                assert!(!c.value.starts_with('@') && !c.value.ends_with('@'));
                let raw_again = reread(&c.raw, Region::cn());
                assert!(
                    raw_again.contains(&c.value),
                    "{:?} read alone gives {raw_again:?}, not {} ({text:?})",
                    c.raw,
                    c.value
                );
            }
            Kind::InvalidPhone => assert!(!c.value.is_empty()),
        }
    }
}

/// The values in `raw` read on its own, as a value in `region`.
fn reread(raw: &str, region: Region) -> Vec<String> {
    let hint = RegionHint {
        region: Some(region),
        named: true,
        source: RegionSource::Chosen,
        chinese_shapes: false,
        short_elsewhere: None,
    };
    find_mentions(raw, &|_| hint, Reading::Value)
        .into_iter()
        .map(|m| m.value)
        .collect()
}

/// The digits of `raw`, full-width ones and letters (as on a phone keypad) as ASCII digits.
fn keypad_digits(raw: &str) -> String {
    raw.chars()
        .filter_map(|ch| match ch {
            '0'..='9' => Some(ch),
            '０'..='９' => char::from_u32(ch as u32 - '０' as u32 + '0' as u32),
            _ if ch.is_ascii_alphabetic() => {
                let keys = b"22233344455566677778889999";
                Some(char::from(
                    keys[usize::from(ch.to_ascii_uppercase() as u8 - b'A')],
                ))
            }
            _ => None,
        })
        .collect()
}

/// `+` and digits (or a bare short code), and maybe `;ext=` and digits.
fn well_formed_number(value: &str) {
    let (number, ext) = match value.split_once(";ext=") {
        Some((n, e)) => (n, Some(e)),
        None => (value, None),
    };
    let digits = number.strip_prefix('+').unwrap_or(number);
    assert!(
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()),
        "{value}"
    );
    if let Some(ext) = ext {
        assert!(
            !ext.is_empty() && ext.bytes().all(|b| b.is_ascii_digit()),
            "{value}"
        );
    }
}

/// `check` on one value in a few regions: an answer for each contact found, printed in both languages and
/// as JSON, or an error message; never a panic.
pub fn check_one(input: &str) {
    let reference = Reference::embedded();
    for id in ["CN", "US", "GB", "HK"] {
        match identify(input, region(id), reference) {
            Ok(found) => {
                assert!(!found.is_empty(), "{input:?}");
                for i in found {
                    assert!(!i.value.is_empty() && !i.display.is_empty(), "{input:?}");
                    match i.kind {
                        Kind::Phone => well_formed_number(&i.value),
                        Kind::Email => assert!(i.value.contains('@'), "{input:?}"),
                        Kind::InvalidPhone => panic!("an invalid number was answered: {input:?}"),
                    }
                    if let Some(e) = &i.echo {
                        assert!(e.chars().count() <= ECHO_MAX + 1, "{e:?}");
                        assert!(!e.chars().any(char::is_control), "{e:?}");
                    }
                    let a = answer(i, reference, Appearances::of(input));
                    serde_json::to_string(&a).unwrap();
                    for lang in [Lang::En, Lang::Zh] {
                        let mut out = Vec::new();
                        render_answer(&mut out, &a, lang, reference).unwrap();
                        assert!(!out.is_empty());
                    }
                }
            }
            Err(e) => {
                for lang in [Lang::En, Lang::Zh] {
                    let message = e.message(input, lang);
                    assert!(!message.is_empty(), "{input:?}");
                    assert!(
                        message.chars().count() <= 2 * ECHO_MAX + e.text(lang).chars().count(),
                        "{message:?}"
                    );
                }
                let _ = echo(input);
            }
        }
    }
}
