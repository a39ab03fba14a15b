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
