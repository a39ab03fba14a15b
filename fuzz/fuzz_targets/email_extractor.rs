#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut out = Vec::new();
    hotline::mention::email::find(&text, &mut out);
    for m in out {
        assert!(m.value.contains('@'));
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
    }
});
