//! The shipped reference must stay valid: a bad edit fails CI.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use hotline::model::Status;
use hotline::reference::{is_openable, Reference};

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
        assert!(is_openable(&org.source), "{}: {}", org.name, org.source);
        assert!(
            org.copy.is_empty() || is_openable(&org.copy),
            "{}",
            org.name
        );
        assert!(
            !org.retrieved.is_empty(),
            "{} has a retrieval date",
            org.name
        );
    }
    for c in &r.contacts {
        assert!(is_openable(&c.source), "a source a person can open: {c:?}");
        assert!(c.copy.is_empty() || is_openable(&c.copy), "{c:?}");
        assert!(!c.retrieved.is_empty(), "a retrieval date: {c:?}");
        for text in [&c.source, &c.copy, &c.note] {
            assert!(
                !text.contains("github-code-index") && !text.contains("not exposed"),
                "{c:?}"
            );
        }
    }
}

#[test]
fn reference_check_refuses_a_row_without_an_openable_source_or_a_retrieval_date() {
    let dir = std::env::temp_dir().join(format!("hotline-sources-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let header = "org,channel,value,role,region,status,source,copy,retrieved,page_date,note\n";
    for (row, column) in [
        (
            "JD.com,phone,95588,customer_service,CN,official,github-code-index:file-id=1,,2026-12-02,,",
            "source",
        ),
        (
            "JD.com,phone,95588,customer_service,CN,official,https://www.jd.com/,,,,",
            "retrieved",
        ),
        (
            "JD.com,phone,95588,customer_service,CN,official,https://www.jd.com/,repo/path not exposed,2026-12-02,,",
            "copy",
        ),
    ] {
        let path = dir.join("contacts.csv");
        std::fs::write(&path, format!("{header}{row}\n")).unwrap();
        let o = Command::new(env!("CARGO_BIN_EXE_hotline"))
            .args(["reference", "check"])
            .arg(&path)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains(&format!("column `{column}`")), "{err}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn explain_cites_only_openable_addresses_and_files_in_the_repository() {
    for rule in hotline::rules::RULES {
        let o = Command::new(env!("CARGO_BIN_EXE_hotline"))
            .args(["explain", rule.id])
            .output()
            .unwrap();
        let out = String::from_utf8_lossy(&o.stdout);
        let sources = out
            .split("Sources:\n")
            .nth(1)
            .expect("explain lists sources");
        for line in sources.lines().take_while(|l| l.starts_with("  - ")) {
            let cited = line.trim_start_matches("  - ");
            let file = cited.split_whitespace().next().unwrap_or("");
            assert!(
                is_openable(cited)
                    || std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                        .join(file)
                        .is_file(),
                "{}: {cited}",
                rule.id
            );
            assert!(
                !cited.contains("numbering_cn.md") && !cited.contains("scam_guidance_intl.md"),
                "{cited}"
            );
        }
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
