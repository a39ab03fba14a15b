#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for (i, line) in text.lines().enumerate() {
        let _ = hotline::source::jsonl::parse_line(line, i + 1);
    }
});
