//! The fuzz targets' generators and invariants under proptest, so every `cargo test` runs a few hundred
//! generated pages and `check` values through them (the fuzz runs themselves are in `fuzz/`), and the
//! committed seeds (`fuzz/seeds/<target>/`) replayed through their targets.

#[path = "support/generate.rs"]
mod generate;
#[path = "support/targets.rs"]
mod targets;

use generate::{issue_page, issue_value, page, value, Choices};
use proptest::prelude::*;

proptest! {
    // A whole audit, printed five ways, per case: few cases, so `cargo test` stays quick.
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn a_generated_page_is_audited_and_its_claims_hold(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        targets::structured_page(&bytes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_generated_value_gets_an_answer_or_an_error(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        targets::structured_check(&bytes);
    }

    #[test]
    fn the_issues_pages_and_values_are_read(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        targets::audit_page(&issue_page(&mut Choices::new(&bytes)));
        targets::check_one(&issue_value(&mut Choices::new(&bytes)));
    }
}

/// The generators make what they promise: pages hold the contact forms, and a byte stream always ends in a
/// page (no input is rejected or loops).
#[test]
fn the_generators_build_pages_of_contact_forms() {
    let empty = page(&mut Choices::new(&[]));
    assert!(!empty.is_empty(), "even no bytes give a page");
    let mut with_forms = 0;
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    for _ in 0..200 {
        let bytes: Vec<u8> = (0..200)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect();
        let p = page(&mut Choices::new(&bytes));
        if generate::FORMS.iter().any(|f| p.contains(f)) {
            with_forms += 1;
        }
        assert!(!value(&mut Choices::new(&bytes)).is_empty());
        let issue = issue_page(&mut Choices::new(&bytes));
        assert!(
            generate::FORMS.iter().any(|f| issue.contains(f)),
            "{issue:?}"
        );
    }
    assert!(with_forms > 150, "{with_forms} of 200 pages hold a form");
}

/// Every committed seed, through the target it was found for: what once reached new code keeps working.
#[test]
fn the_committed_seeds_pass_their_targets() {
    type Target = (&'static str, fn(&[u8]));
    let targets: [Target; 9] = [
        ("text_extractor", targets::text_extractor),
        ("email_extractor", targets::email_extractor),
        ("html_reader", targets::html_reader),
        ("jsonl_reader", targets::jsonl_reader),
        ("reference_csv", targets::reference_csv),
        ("warc_reader", targets::warc_reader),
        ("check_value", targets::check_value),
        ("structured_page", targets::structured_page),
        ("structured_check", targets::structured_check),
    ];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let mut replayed = 0;
    for (name, target) in targets {
        let Ok(dir) = std::fs::read_dir(root.join(name)) else {
            continue;
        };
        for entry in dir {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| target(&bytes));
            assert!(outcome.is_ok(), "{name}: seed {} fails", path.display());
            replayed += 1;
        }
    }
    assert!(replayed > 0, "no seeds under {}", root.display());
}
