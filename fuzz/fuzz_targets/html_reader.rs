//! The body is `targets::html_reader` in tests/support/targets.rs, shared with `cargo test`.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/generate.rs"]
mod generate;
#[path = "../../tests/support/targets.rs"]
mod targets;

fuzz_target!(|data: &[u8]| targets::html_reader(data));
