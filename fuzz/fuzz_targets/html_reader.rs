#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let _ = hotline::source::html::html_to_text(&html);
    let _ = hotline::source::decode::decode_html(data, None);
});
