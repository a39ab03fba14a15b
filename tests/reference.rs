//! The shipped reference must stay valid: a bad edit fails CI.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use hotline::model::Status;
use hotline::reference::Reference;

#[test]
fn shipped_reference_is_valid_and_sourced() {
    // Loading validates the schema, every value's normalization, known orgs and roles, and sources.
    let r = Reference::load(&[], false).expect("the shipped reference is valid");
    assert!(r.orgs.len() >= 30, "at least 30 organisations");
    let with_contacts: BTreeSet<&str> = r.contacts.iter().map(|c| c.org.as_str()).collect();
    assert!(
        with_contacts.len() >= 30,
        "{} orgs have contact rows",
        with_contacts.len()
    );
    assert!(r.contacts.len() >= 60);
    for org in &r.orgs {
        assert!(!org.aliases.is_empty(), "{} has aliases", org.name);
        assert!(!org.source.trim().is_empty(), "{} has a source", org.name);
    }
    for c in &r.contacts {
        assert!(
            c.source.starts_with("http") || c.source.starts_with("github-code-index:"),
            "{c:?}"
        );
    }
}

#[test]
fn no_duplicate_or_conflicting_rows() {
    let text = include_str!("../reference/contacts.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut seen = BTreeSet::new();
    for row in reader.records() {
        let row = row.unwrap();
        let key = (row[0].to_string(), row[1].to_string(), row[2].to_string());
        assert!(seen.insert(key.clone()), "duplicate row {key:?}");
    }
    // One value may be official for one organisation family only.
    let r = Reference::embedded();
    let mut owners: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for c in r.contacts.iter().filter(|c| c.status == Status::Official) {
        owners
            .entry(c.value.as_str())
            .or_default()
            .insert(r.family_root(&c.org));
    }
    for (value, families) in owners {
        assert_eq!(families.len(), 1, "{value} is official for {families:?}");
    }
}

#[test]
fn check_names_bank_and_payment_lines_with_their_source() {
    for (value, org) in [("95188", "Alipay"), ("95588", "ICBC")] {
        let o = Command::new(env!("CARGO_BIN_EXE_hotline"))
            .args(["check", value])
            .output()
            .unwrap();
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.contains(&format!("Listed for {org}")), "{out}");
        assert!(out.contains("source: http"), "{out}");
    }
}
