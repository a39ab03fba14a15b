//! Batch audits over every input format a crawler produces, built by the test: each document is accounted
//! for, the same content yields the same contacts in every format, and the output does not depend on -j.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use flate2::write::GzEncoder;
use flate2::Compression;

const CONTACTS_TEXT: &str = "京东客服指南\n\
客服热线：400-606-5500（24小时）\n\
PLUS 会员专属热线：400-656-0055\n\
客服邮箱：help@jd.com\n\
- UK: 0800 028 9999\n";

const CONTACTS_HTML: &str = "<!DOCTYPE html><html><head><title>京东客服指南</title>\
<script>var tel = '400-000-0000';</script></head><body>\
<table><tr><th>热线</th><th>号码</th></tr>\
<tr><td>客服热线</td><td>400-606-5500（24小时）</td></tr>\
<tr><td>PLUS 会员专属热线</td><td><a href=\"tel:4006560055\">400-656-0055</a></td></tr></table>\
<p>客服邮箱：<a href=\"mailto:help@jd.com\">help&#64;jd.com</a></p>\
<ul><li>UK: 0800 028 9999</li></ul></body></html>";

const EXPECTED: [&str; 4] = [
    "+864006065500",
    "+864006560055",
    "help@jd.com",
    "+448000289999",
];

fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(text).0.into_owned()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn warc_record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    r
}

fn corpus() -> PathBuf {
    // One directory per call: tests run in parallel and each removes its directory first.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("hotline-batch-{}-{call}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
    write("a_plain.txt", CONTACTS_TEXT.as_bytes());
    write("b_page.html", CONTACTS_HTML.as_bytes());
    write("c_gbk.txt", &gbk(CONTACTS_TEXT));
    write(
        "d_gbk_meta.html",
        &gbk(&CONTACTS_HTML.replace("<head>", "<head><meta charset=\"gbk\">")),
    );
    let mut warc = Vec::new();
    warc.extend(gzip(&warc_record("warcinfo", "", b"software: test\r\n")));
    warc.extend(gzip(&warc_record(
        "request",
        "https://shop.example/help",
        b"GET /help HTTP/1.1\r\n\r\n",
    )));
    warc.extend(gzip(&warc_record(
        "response",
        "https://shop.example/help",
        &http("text/html; charset=utf-8", CONTACTS_HTML.as_bytes()),
    )));
    warc.extend(gzip(&warc_record(
        "response",
        "https://shop.example/gbk",
        &http("text/html; charset=GBK", &gbk(CONTACTS_HTML)),
    )));
    warc.extend(gzip(&warc_record(
        "response",
        "https://shop.example/logo.png",
        &http("image/png", b"\x89PNG\r\n"),
    )));
    write("e_crawl.warc.gz", &warc);
    let jsonl = format!(
        "{}\n{}\n{{broken\n",
        serde_json::json!({"url": "https://shop.example/text", "text": CONTACTS_TEXT}),
        serde_json::json!({"url": "https://shop.example/html", "html": CONTACTS_HTML}),
    );
    write("f_export.jsonl", jsonl.as_bytes());
    let mut truncated = gzip(&warc_record(
        "response",
        "https://x",
        &http("text/html", CONTACTS_HTML.as_bytes()),
    ));
    truncated.truncate(truncated.len() / 2);
    write("g_broken.warc.gz", &truncated);
    write("h_binary.bin", b"\x00\x01\x02PK\x03\x04\x00\x00binary");
    write("i_empty.txt", b"");
    dir
}

fn audit(dir: &Path, extra: &[&str]) -> (Vec<serde_json::Value>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_hotline"))
        .arg("audit")
        .arg(dir)
        .args(["--format", "jsonl"])
        .args(extra)
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let records: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // A broken input is an error record, and the exit code says some input failed.
    let failed = records.iter().any(|r| r["type"] == "error");
    assert_eq!(
        output.status.code(),
        Some(if failed { 2 } else { 0 }),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (records, text)
}

fn values_of(records: &[serde_json::Value], doc: &str) -> Vec<String> {
    let mut v: Vec<String> = records
        .iter()
        .filter(|r| r["type"] == "claim" && r["doc"].as_str().unwrap().ends_with(doc))
        .map(|r| r["value"].as_str().unwrap().to_string())
        .collect();
    v.dedup();
    v
}

#[test]
fn every_format_is_read_and_every_document_accounted_for() {
    let dir = corpus();
    let (records, _) = audit(&dir, &[]);
    let summary = records.last().unwrap();
    assert_eq!(summary["type"], "summary");
    // 4 files + 2 WARC pages + 2 JSONL pages + 1 bad JSONL line + 1 broken gzip + binary + empty.
    assert_eq!(summary["documents"], 12, "{summary}");
    assert_eq!(
        summary["failed"], 3,
        "bad JSONL line, truncated gzip, binary: {summary}"
    );
    assert_eq!(summary["audited"], 9, "{summary}");

    for doc in [
        "a_plain.txt",
        "b_page.html",
        "c_gbk.txt",
        "d_gbk_meta.html",
        "https://shop.example/help",
        "https://shop.example/gbk",
        "https://shop.example/text",
        "https://shop.example/html",
    ] {
        assert_eq!(values_of(&records, doc), EXPECTED, "{doc}");
    }
    let claim = |doc: &str| {
        records
            .iter()
            .find(|r| r["type"] == "claim" && r["doc"].as_str().unwrap().ends_with(doc))
            .unwrap()
    };
    assert_eq!(claim("c_gbk.txt")["encoding"], "GBK");
    assert_eq!(claim("https://shop.example/gbk")["encoding"], "GBK");
    assert!(claim("https://shop.example/help")["container"]
        .as_str()
        .unwrap()
        .ends_with("e_crawl.warc.gz"));
    assert!(
        claim("https://shop.example/help")["offset"]
            .as_u64()
            .unwrap()
            > 0
    );
    assert_eq!(claim("https://shop.example/html")["container_line"], 2);
    assert_eq!(
        claim("b_page.html")["role"],
        "customer_service",
        "table row label kept"
    );

    let error = |doc: &str| {
        records
            .iter()
            .find(|r| r["type"] == "error" && r["doc"].as_str().unwrap().contains(doc))
            .unwrap_or_else(|| panic!("no error for {doc}"))
    };
    assert_eq!(error("f_export.jsonl:3")["line"], 3);
    assert!(error("g_broken.warc.gz")["message"]
        .as_str()
        .unwrap()
        .contains("offset"));
    assert!(error("h_binary.bin")["message"]
        .as_str()
        .unwrap()
        .contains("binary"));
    assert!(records
        .iter()
        .any(|r| r["type"] == "warning" && r["doc"].as_str().unwrap().ends_with("i_empty.txt")));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn output_does_not_depend_on_the_number_of_threads() {
    let dir = corpus();
    let (_, one) = audit(&dir, &["-j", "1"]);
    let (_, eight) = audit(&dir, &["-j", "8"]);
    assert_eq!(one, eight);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn oversized_documents_are_cut_with_a_warning() {
    let dir = std::env::temp_dir().join(format!("hotline-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = format!("{}客服热线：400-606-5500\n", "无关内容。\n".repeat(1000));
    std::fs::write(dir.join("big.txt"), &page).unwrap();
    let (records, _) = audit(&dir, &["--max-doc-bytes", "1000"]);
    assert!(records
        .iter()
        .any(|r| r["type"] == "warning"
            && r["message"].as_str().unwrap().contains("--max-doc-bytes")));
    assert!(
        !records.iter().any(|r| r["type"] == "claim"),
        "the number is past the cut"
    );
}
