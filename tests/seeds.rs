//! Snapshot of `hotline audit fixtures/seeds --format jsonl`: every contact in the five seed articles,
//! reviewed by hand. A change in output fails here; if the change is right, regenerate the snapshot with
//! `HOTLINE_UPDATE_SNAPSHOTS=1 cargo test --test seeds` and review the diff before committing.

use std::path::Path;
use std::process::Command;

#[test]
fn seed_audit_matches_reviewed_snapshot() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new(env!("CARGO_BIN_EXE_hotline"))
        .current_dir(root)
        .args(["audit", "fixtures/seeds", "--format", "jsonl"])
        .output()
        .unwrap();
    let got = String::from_utf8(output.stdout).unwrap();
    let path = root.join("tests/snapshots/seeds.jsonl");
    if std::env::var_os("HOTLINE_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap();
    let diff: Vec<String> = want
        .lines()
        .zip(got.lines())
        .enumerate()
        .filter(|(_, (w, g))| w != g)
        .map(|(i, (w, g))| format!("line {}:\n  want {w}\n  got  {g}", i + 1))
        .take(10)
        .collect();
    assert!(
        diff.is_empty() && want.lines().count() == got.lines().count(),
        "output differs from tests/snapshots/seeds.jsonl ({} vs {} lines):\n{}",
        want.lines().count(),
        got.lines().count(),
        diff.join("\n")
    );
}

/// Seed 004 is a troubleshooting post that names JD but gives no JD contact at all.
#[test]
fn otp_post_has_no_phone_claims() {
    let output = Command::new(env!("CARGO_BIN_EXE_hotline"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "audit",
            "fixtures/seeds/004_0a13fc0d7143eddd.txt",
            "--format",
            "jsonl",
        ])
        .output()
        .unwrap();
    let out = String::from_utf8(output.stdout).unwrap();
    assert!(!out.contains(r#""type":"claim""#), "{out}");
    assert!(out.contains(r#""documents":1,"audited":1"#), "{out}");
}

fn seed_records() -> Vec<serde_json::Value> {
    let output = Command::new(env!("CARGO_BIN_EXE_hotline"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["audit", "fixtures/seeds", "--format", "jsonl"])
        .output()
        .unwrap();
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// `[(value, [(doc, line)])]` of a conflict, docs shortened to their seed number.
fn conflict_values(c: &serde_json::Value) -> Vec<(String, Vec<(String, u64)>)> {
    c["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let claims = v["claims"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    (
                        r["doc"].as_str().unwrap()[15..18].to_string(),
                        r["line"].as_u64().unwrap(),
                    )
                })
                .collect();
            (v["value"].as_str().unwrap().to_string(), claims)
        })
        .collect()
}

fn find_conflict<'a>(
    records: &'a [serde_json::Value],
    kind: &str,
    key: &str,
) -> &'a serde_json::Value {
    records
        .iter()
        .find(|r| {
            r["type"] == "conflict"
                && r["kind"] == kind
                && (r["role"] == key || r["values"][0]["value"] == key)
        })
        .unwrap_or_else(|| panic!("no {kind} conflict for {key}"))
}

#[test]
fn seeds_contradict_each_other_where_the_issue_says() {
    let records = seed_records();
    let plus = find_conflict(&records, "same_role_different_values", "plus_member");
    assert_eq!(plus["org"], "JD.com");
    assert_eq!(
        conflict_values(plus),
        [
            ("+864000260598".to_string(), vec![("003".to_string(), 29)]),
            ("+864006560055".to_string(), vec![("001".to_string(), 11)]),
        ]
    );
    let seller = find_conflict(&records, "same_role_different_values", "seller_support");
    assert_eq!(
        conflict_values(seller),
        [
            (
                "+864006223377".to_string(),
                vec![("000".to_string(), 19), ("000".to_string(), 55)]
            ),
            ("+864006229068".to_string(), vec![("001".to_string(), 13)]),
        ]
    );
    let hotline = find_conflict(&records, "same_value_different_claims", "+864006065500");
    let claims = hotline["values"][0]["claims"].as_array().unwrap();
    let says = |doc: &str, line: u64| {
        claims
            .iter()
            .find(|c| c["doc"].as_str().unwrap().contains(doc) && c["line"] == line)
            .unwrap_or_else(|| panic!("{doc}:{line} missing from {hotline}"))
    };
    assert_eq!(says("000_", 16)["role"], "customer_service");
    assert_eq!(says("000_", 16)["hours"], "24/7");
    assert_eq!(says("003_", 21)["role"], "after_sales");
    assert_eq!(says("003_", 21)["hours"], "9:00-22:00");
    // Every claim has a verdict.
    assert!(records
        .iter()
        .filter(|r| r["type"] == "claim")
        .all(|r| r["verdict"].is_string()));
}
