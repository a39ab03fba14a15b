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
    // A page naming nobody that speaks as us from 20,000 addresses of one domain: each is that domain's
    // (whose the page is, is worked out once for the page, not once per address).
    let addresses: Vec<String> = (0..20_000)
        .map(|i| format!("desk{i}@samedomain.org"))
        .collect();
    std::fs::write(
        d.join("addresses.txt"),
        format!("Write to us at any of these.\n{}\n", addresses.join("\n")),
    )
    .unwrap();
    let (code, records) = audit(&[d.to_str().unwrap()]);
    assert_eq!(code, Some(0));
    assert_eq!(summary(&records)["audited"], 4);
    assert_eq!(
        summary(&records)["phones"],
        20_001,
        "20,000 on the line and one in the nested page"
    );
    let emails: Vec<&serde_json::Value> = records.iter().filter(|r| r["kind"] == "email").collect();
    assert_eq!(emails.len(), 20_000);
    assert!(emails.iter().all(|r| r["org_name"] == "samedomain.org"));
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
        Some(2),
        "the rest is audited, and the exit code says some input failed"
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

fn hotline_stdin(args: &[&str], input: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hotline"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// An extension marker glued to the next number (`…转400-606-5500`) made the finder report two overlapping
/// numbers, and attribution sliced the text between them backwards: a panic that killed the run at -j 1
/// and hung it at -j 2.
#[test]
fn an_extension_glued_to_the_next_number_is_audited() {
    let pages = "０２１－５３３９５２８８转400-606-5500\n400 656 0055转3400 656 0055\n";
    for jobs in ["1", "2"] {
        let o = hotline_stdin(
            &[
                "audit",
                "-",
                "-f",
                "jsonl",
                "--fail-on",
                "never",
                "-j",
                jobs,
            ],
            pages,
        );
        assert_eq!(o.status.code(), Some(0), "-j {jobs}: {o:?}");
        let out = String::from_utf8(o.stdout).unwrap();
        let values: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let first = &values[0];
        assert_eq!(first["value"], "+862153395288;ext=400");
        assert_eq!(summary(&values)["audited"], 1);
    }
}

/// `check` found the extension marker in a lower-cased copy and sliced the original at that offset, which
/// case-changing letters (`ẞ` -> `ß` is one byte shorter) move.
#[test]
fn check_reads_values_with_case_changing_letters() {
    for (value, code) in [("ẞẞx1", 2), ("İİ x5", 2), ("ẞ4006065500转3", 1)] {
        let o = Command::new(env!("CARGO_BIN_EXE_hotline"))
            .args(["check", value])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(code), "{value}: {o:?}");
    }
    let o = Command::new(env!("CARGO_BIN_EXE_hotline"))
        .args(["check", "ẞ4006065500转3", "--format", "json"])
        .output()
        .unwrap();
    let answer: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(answer["value"], "+864006065500;ext=3");
}

/// A document whose audit panics (a bug, injected here) in a batch of 10,000 yields one error record; every
/// other document gives exactly what a clean run of the other 9,999 alone gives.
#[test]
fn a_panicking_document_costs_only_itself() {
    use hotline::document::ErrorRecord;
    use hotline::model::Conflict;
    use hotline::reference::Reference;
    use hotline::run::{DocumentResult, Faults, Run, RunOptions, Sink, Summary};
    use hotline::source::expand;

    /// Each claim as JSON with the folder's name taken out, and the error records.
    struct Collect<'p> {
        root: &'p str,
        claims: Vec<String>,
        errors: Vec<ErrorRecord>,
    }
    impl Sink for Collect<'_> {
        fn document(&mut self, result: &DocumentResult) -> std::io::Result<()> {
            self.errors.extend(result.errors.iter().cloned());
            for c in &result.claims {
                let json = serde_json::to_string(c).unwrap();
                self.claims.push(json.replace(self.root, "ROOT"));
            }
            Ok(())
        }
        fn finish(&mut self, _: &[Conflict], _: &Summary) -> std::io::Result<()> {
            Ok(())
        }
    }

    let with = dir("panic-with");
    let without = dir("panic-without");
    for i in 0..10_000 {
        let name = format!("{:02}/page{i:05}.txt", i % 40);
        let text = if i == 4_321 {
            "京东客服\n客服热线：400-606-5500 PANIC-HERE\n".to_string()
        } else {
            format!(
                "京东客服第{i}页\n客服热线：400-606-{:04}（24小时）\nemail: help{i}@jd.com\n",
                i % 9_000
            )
        };
        let targets: &[&PathBuf] = if i == 4_321 {
            &[&with]
        } else {
            &[&with, &without]
        };
        for d in targets {
            std::fs::create_dir_all(d.join(format!("{:02}", i % 40))).unwrap();
            std::fs::write(d.join(&name), &text).unwrap();
        }
    }
    let run = |root: &Path, threads: usize| {
        let (inputs, errors) = expand(&[root.display().to_string()], &[]);
        assert!(errors.is_empty());
        let options = RunOptions {
            faults: Faults {
                panic_in_document: Some("PANIC-HERE"),
                ..Faults::default()
            },
            ..RunOptions::default()
        };
        let mut sink = Collect {
            root: root.to_str().unwrap(),
            claims: Vec::new(),
            errors: Vec::new(),
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let mut run = Run::new(Reference::embedded(), options);
            run.audit_inputs(&inputs, &mut sink).unwrap();
            run.finish(&mut sink).unwrap();
        });
        (sink.claims, sink.errors)
    };
    let (clean, no_errors) = run(&without, 2);
    assert!(no_errors.is_empty());
    assert!(
        clean.len() >= 9_999 * 2,
        "a number and an address on every page"
    );
    for threads in [1, 2] {
        let (claims, errors) = run(&with, threads);
        assert_eq!(errors.len(), 1, "-j {threads}");
        assert!(errors[0].doc.ends_with("page04321.txt"));
        assert!(errors[0].message.starts_with("internal error"));
        assert_eq!(claims, clean, "-j {threads}");
    }
}

/// Through the binary, at several thread counts: a worker that dies mid-batch stops the run with exit 2 and
/// a message (no hang: the test's timeout would catch one), and a document that panics costs only itself.
/// The faults are injected through the debug-build-only environment hook.
#[test]
fn the_binary_survives_a_dead_worker_and_a_panicking_document() {
    let pages = dir("fault-cli");
    for i in 0..400 {
        let marker = if i == 250 { " FAULT-HERE" } else { "" };
        std::fs::write(
            pages.join(format!("page{i:03}.txt")),
            format!("客服热线：400-606-{:04}{marker}\n", 1000 + i),
        )
        .unwrap();
    }
    let run = |jobs: &str, hook: &str| {
        let child = Command::new(env!("CARGO_BIN_EXE_hotline"))
            .args(["audit", "-j", jobs, "-f", "jsonl", "--fail-on", "never"])
            .arg(&pages)
            .env(hook, "FAULT-HERE")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Output is read while the run goes on (a full pipe would stall it), on a thread, so that a hang
        // shows as a timeout here instead of stalling the test suite.
        let pid = child.id();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || tx.send(child.wait_with_output().unwrap()));
        rx.recv_timeout(std::time::Duration::from_secs(60))
            .unwrap_or_else(|_| {
                let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
                panic!("-j {jobs} with {hook}: the run hung")
            })
    };
    for jobs in ["1", "2", "8"] {
        let o = run(jobs, "HOTLINE_TEST_KILL_WORKER");
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "-j {jobs}: {stderr}");
        assert!(
            stderr.contains("a worker thread died"),
            "-j {jobs}: {stderr}"
        );

        let o = run(jobs, "HOTLINE_TEST_PANIC_IN_DOCUMENT");
        let stderr = String::from_utf8_lossy(&o.stderr);
        let records: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let errors: Vec<&serde_json::Value> =
            records.iter().filter(|r| r["type"] == "error").collect();
        assert_eq!(errors.len(), 1, "-j {jobs}: {stderr}");
        assert!(errors[0]["doc"].as_str().unwrap().ends_with("page250.txt"));
        assert!(stderr.contains("internal error"), "-j {jobs}: {stderr}");
        let claims = records.iter().filter(|r| r["type"] == "claim").count();
        assert_eq!(claims, 399, "-j {jobs}: every other page is audited");
        assert_ne!(
            o.status.code(),
            Some(0),
            "-j {jobs}: a panic is not a clean run"
        );
    }
}
