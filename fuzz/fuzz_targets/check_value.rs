//! The body is `targets::check_value` in tests/support/targets.rs, shared with `cargo test`.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/generate.rs"]
mod generate;
#[path = "../../tests/support/targets.rs"]
mod targets;

fuzz_target!(|data: &[u8]| targets::check_value(data));
