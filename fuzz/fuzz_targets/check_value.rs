//! `hotline check VALUE`'s argument parser: any string, in a few regions.
#![no_main]
use hotline::check::identify;
use hotline::numbering::Region;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let value = String::from_utf8_lossy(data);
    for region in ["CN", "US", "GB", "AR", "MX"] {
        if let Ok(id) = identify(&value, Region::by_id(region).unwrap()) {
            assert!(!id.value.is_empty());
        }
    }
});
