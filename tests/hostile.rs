//! Hostile input: sizes and shapes that break naive extractors, and a batch with broken documents mixed in.
//! Each test checks the run completes with every document accounted for; timings for the full-size cases
//! are measured by `scripts/limits.sh` (not by tests).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use flate2::write::GzEncoder;
use flate2::Compression;

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("hotline-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn audit(args: &[&str]) -> (Option<i32>, Vec<serde_json::Value>) {
    let o = Command::new(env!("CARGO_BIN_EXE_hotline"))
        .arg("audit")
        .args(args)
        .args(["--format", "jsonl", "--fail-on", "never"])
        .output()
        .unwrap();
    let records = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (o.status.code(), records)
}

fn summary(records: &[serde_json::Value]) -> &serde_json::Value {
    let s = records.last().unwrap();
    assert_eq!(s["type"], "summary");
    s
}

#[test]
fn many_candidates_on_one_line_and_a_million_digits() {
    let d = dir("shapes");
    let line: Vec<String> = (0..20_000)
        .map(|i| format!("400-606-{:04}", i % 10_000))
        .collect();
    std::fs::write(
        d.join("candidates.txt"),
        format!("京东客服 {}\n", line.join(" ")),
    )
    .unwrap();
    std::fs::write(
        d.join("digits.txt"),
        format!("客服热线：{}\n", "7".repeat(1_000_000)),
    )
    .unwrap();
    let nested = format!(
        "<html><body>{}客服：400-606-5500{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    std::fs::write(d.join("nested.html"), nested).unwrap();
    let (code, records) = audit(&[d.to_str().unwrap()]);
    assert_eq!(code, Some(0));
    assert_eq!(summary(&records)["audited"], 3);
    assert_eq!(
        summary(&records)["phones"],
        20_001,
        "20,000 on the line and one in the nested page"
    );
}

#[test]
fn a_huge_page_and_a_gzip_bomb_are_cut_with_warnings() {
    let d = dir("huge");
    let unit = "Customer care 400-606-5500, visit us. ";
    std::fs::write(d.join("line.txt"), unit.repeat(5_000_000 / unit.len())).unwrap();
    let body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n";
    let zeros = 64 * 1024 * 1024;
    let mut record = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://bomb\r\nContent-Length: {}\r\n\r\n",
        body.len() + zeros
    )
    .into_bytes();
    record.extend_from_slice(body);
    let mut gz = GzEncoder::new(Vec::new(), Compression::best());
    gz.write_all(&record).unwrap();
    let chunk = vec![b'0'; 1 << 20];
    for _ in 0..64 {
        gz.write_all(&chunk).unwrap();
    }
    gz.write_all(b"\r\n\r\n").unwrap();
    std::fs::write(d.join("bomb.warc.gz"), gz.finish().unwrap()).unwrap();
    let (code, records) = audit(&[d.to_str().unwrap(), "--max-doc-bytes", "1000000"]);
    assert_eq!(code, Some(0));
    let warnings: Vec<&str> = records
        .iter()
        .filter(|r| r["type"] == "warning")
        .map(|r| r["doc"].as_str().unwrap())
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert_eq!(summary(&records)["audited"], 2);
}

/// 10,000 documents of which 1% are broken in different ways: every document is accounted for, and the
/// good ones give exactly what a clean run of the same documents gives.
#[test]
fn a_batch_with_broken_documents_loses_nothing_else() {
    let clean = dir("clean");
    let mixed = dir("mixed");
    let page = |i: usize| {
        format!(
            "京东客服第{i}页\n客服热线：400-606-{:04}\n邮箱：kefu{i}@jd.com\n订单号 1234567890123\n",
            i % 10_000
        )
    };
    for i in 0..9_900 {
        let name = format!("{:02}/page{i:05}.txt", i % 50);
        for d in [&clean, &mixed] {
            std::fs::create_dir_all(d.join(format!("{:02}", i % 50))).unwrap();
            std::fs::write(d.join(&name), page(i)).unwrap();
        }
    }
    let broken = mixed.join("broken");
    std::fs::create_dir_all(&broken).unwrap();
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 100\r\n\r\nHTTP/1.1 200 OK\r\n",
    )
    .unwrap();
    let truncated = gz.finish().unwrap();
    for i in 0..100 {
        let path = broken.join(format!("b{i:03}"));
        match i % 5 {
            0 => std::fs::write(
                path.with_extension("warc.gz"),
                &truncated[..truncated.len() / 2],
            )
            .unwrap(),
            1 => std::fs::write(
                path.with_extension("jsonl"),
                b"{\"url\": \"x\", \"text\": \"\xff\xfe not UTF-8\"}\n",
            )
            .unwrap(),
            2 => std::fs::write(path.with_extension("bin"), [0u8, 159, 146, 150, 0, 1, 2, 3])
                .unwrap(),
            3 => std::fs::write(
                path.with_extension("jsonl"),
                "{\"url\": \"x\", \"text\": \"unterminated\n",
            )
            .unwrap(),
            _ => {
                // A link to nothing: unreadable however permissions are set.
                std::os::unix::fs::symlink(
                    Path::new("/nonexistent/hotline"),
                    path.with_extension("txt"),
                )
                .unwrap()
            }
        }
    }
    let (code, clean_records) = audit(&[clean.to_str().unwrap()]);
    assert_eq!(code, Some(0));
    let (code, mixed_records) = audit(&[mixed.to_str().unwrap()]);
    assert_eq!(
        code,
        Some(0),
        "some documents were audited, so the run succeeds"
    );
    let s = summary(&mixed_records);
    assert_eq!(s["documents"], 10_000, "{s}");
    assert_eq!(s["failed"], 100, "{s}");
    assert_eq!(s["audited"], 9_900, "{s}");
    let claims = |records: &[serde_json::Value], root: &Path| -> Vec<String> {
        records
            .iter()
            .filter(|r| r["type"] == "claim")
            .map(|r| r.to_string().replace(root.to_str().unwrap(), "ROOT"))
            .collect()
    };
    let (clean_claims, mixed_claims) = (
        claims(&clean_records, &clean),
        claims(&mixed_records, &mixed),
    );
    assert_eq!(clean_claims.len(), mixed_claims.len());
    let first_difference = clean_claims.iter().zip(&mixed_claims).find(|(a, b)| a != b);
    assert_eq!(first_difference, None);
    assert_eq!(summary(&clean_records)["claims"], s["claims"]);
}
