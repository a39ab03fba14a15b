#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for gzipped in [false, true] {
        for record in hotline::source::warc::Reader::new(data, gzipped, 1 << 20).take(1000) {
            if let Ok(r) = record {
                assert!(r.payload.len() <= 1 << 20);
            }
        }
    }
});
