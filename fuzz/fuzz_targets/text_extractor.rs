//! The whole per-page pipeline (find, normalize, attribute, verify, rules) on arbitrary text.
#![no_main]
use hotline::audit::audit_document;
use hotline::context::ReadOptions;
use hotline::document::Document;
use hotline::reference::Reference;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = Document::new("fuzz", text.into_owned());
    let claims = audit_document(&doc, Reference::embedded(), &ReadOptions::default());
    for c in claims {
        // Every reported `raw` must be the text at its position.
        assert!(!c.raw.is_empty());
    }
});
