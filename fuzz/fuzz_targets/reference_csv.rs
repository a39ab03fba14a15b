//! Reference CSV files (contacts, orgs, roles) as a user could pass with --reference.
#![no_main]
use hotline::reference::{Reference, ReferenceFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
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
});
