//! `hotline serve` over real HTTP on an ephemeral loopback port (in-process), and the HTML report written
//! by the binary: the page, the API (the same objects as the command line's JSON), limits, errors, the
//! Content-Security-Policy and escaping of hostile input.
#![cfg(feature = "serve")]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::Command;
use std::time::Duration;

use hotline::reference::Reference;
use hotline::serve::{serve, Options};
use serde_json::Value;

/// Starts a server with `options` on its own thread and runtime; returns its address.
fn start(options: Options) -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            serve(listener, options).await.unwrap();
        });
    });
    rx.recv_timeout(Duration::from_secs(30)).unwrap()
}

fn server() -> SocketAddr {
    start(Options::new(Reference::embedded()))
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// One HTTP/1.1 request on a fresh connection, read until the server closes it.
fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (n, v) in headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    if !body.is_empty() || method == "POST" {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    // The server may answer (413) before it has read the whole body, and close: that is fine.
    let _ = stream.write_all(body);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("no reply: {text:?}"));
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_string()
    };
    Reply {
        status,
        headers,
        body,
    }
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n]);
        body = &rest[n + 2..];
    }
    out
}

fn get(addr: SocketAddr, path: &str) -> Reply {
    request(addr, "GET", path, &[], b"")
}

fn form(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn hotline(args: &[&str], stdin: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hotline"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// A message holding three numbers, in my own words.
const THREE: &str =
    "Hi, this is your parcel desk. Call our JD.com customer service on 400-606-5500 today, \
or the refunds team on 400-656-0055. After hours ring 021-53395288.";

#[test]
fn health_page_and_headers() {
    let addr = server();
    let health = get(addr, "/healthz");
    assert_eq!(health.status, 200);
    assert_eq!(health.json()["status"], "ok");

    let page = get(addr, "/");
    assert_eq!(page.status, 200);
    let csp = page
        .header("content-security-policy")
        .expect("a CSP header");
    assert!(
        csp.contains("default-src 'none'") && csp.contains("script-src 'sha256-"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    assert!(page.body.contains("<form") && page.body.contains("method=\"post\""));
    // No external asset: nothing is loaded from another origin.
    for attr in [
        "src=\"http",
        "href=\"http",
        "src=\"//",
        "href=\"//",
        "@import",
    ] {
        assert!(!page.body.contains(attr), "{attr}");
    }
    // Every inline script and style is the one the policy's hashes allow.
    assert_eq!(page.body.matches("<script>").count(), 1);
    assert_eq!(page.body.matches("<style>").count(), 1);
}

#[test]
fn the_language_follows_the_browser_and_the_switch() {
    let addr = server();
    let zh = request(
        addr,
        "GET",
        "/",
        &[("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8")],
        b"",
    );
    assert!(zh.body.contains("<html lang=\"zh\""), "{}", &zh.body[..200]);
    assert!(zh.body.contains("这个号码是官方的吗"));
    let en = request(
        addr,
        "GET",
        "/",
        &[("Accept-Language", "fr-FR,en;q=0.5,zh;q=0.3")],
        b"",
    );
    assert!(en.body.contains("<html lang=\"en\""));
    let switched = request(
        addr,
        "GET",
        "/?lang=en",
        &[("Accept-Language", "zh-CN")],
        b"",
    );
    assert!(switched.body.contains("Is this number official?"));
    assert!(
        switched.body.contains("href=\"/?lang=zh\""),
        "the switch links the other language"
    );
}

#[test]
fn the_form_answers_each_contact_as_check_does() {
    let addr = server();
    let body = form(&[("text", THREE), ("region", "CN"), ("lang", "en")]);
    let reply = request(
        addr,
        "POST",
        "/",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        body.as_bytes(),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body.matches("<section class=\"answer\"").count(), 3);
    assert!(reply.body.contains("3 contacts found"));
    assert!(
        reply.body.contains("YES, listed as official"),
        "021-53395288 is Pinduoduo's"
    );
    assert!(reply.body.contains("NOT VERIFIED"));
    // In Chinese, with the same words as `hotline check --lang zh`.
    let zh = hotline(
        &["check", "400-656-0055", "--lang", "zh", "--no-config"],
        "",
    );
    let first_zh_line = zh.lines().find(|l| l.starts_with("是否官方")).unwrap();
    let body = form(&[("text", "400-656-0055"), ("lang", "zh")]);
    let reply = request(
        addr,
        "POST",
        "/",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        body.as_bytes(),
    );
    let standing = first_zh_line.trim_start_matches("是否官方？").trim();
    assert!(reply.body.contains(standing), "{standing}");
}

#[test]
fn the_form_escapes_what_was_pasted() {
    let addr = server();
    let hostile = "<script>alert('x')</script><img src=x onerror=alert(1)> \
                   <a href=\"javascript:alert(2)\">call</a> 400-656-0055";
    let body = form(&[("text", hostile)]);
    let reply = request(
        addr,
        "POST",
        "/",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        body.as_bytes(),
    );
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.body.matches("<script").count(),
        1,
        "only the page's own script"
    );
    assert!(!reply.body.contains("<img"));
    assert!(!reply.body.contains("<a href=\"javascript"));
    assert!(reply.body.contains("&lt;script&gt;alert("));
    // Nothing found: a clear 4xx with the reason, on the page.
    let body = form(&[("text", "hello there")]);
    let reply = request(
        addr,
        "POST",
        "/",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        body.as_bytes(),
    );
    assert_eq!(reply.status, 422);
    assert!(reply
        .body
        .contains("neither a phone number nor an email address"));
}

#[test]
fn api_check_is_the_check_object() {
    let addr = server();
    for value in ["021-53395288", "400-656-0055", "jd-support@gmail.com"] {
        let reply = get(addr, &format!("/api/check?value={}", encode(value)));
        assert_eq!(reply.status, 200, "{}", reply.body);
        assert_eq!(reply.header("content-type"), Some("application/json"));
        let cli: Value = serde_json::from_str(&hotline(
            &["check", value, "--format", "json", "--no-config"],
            "",
        ))
        .unwrap();
        assert_eq!(reply.json(), cli, "{value}");
    }
    assert_eq!(
        get(addr, "/api/check?value=021-53395288").json()["standing"],
        "official"
    );
    let several = get(addr, &format!("/api/check?value={}", encode(THREE)));
    assert_eq!(several.json().as_array().map(Vec::len), Some(3));
}

#[test]
fn bad_input_gets_a_clear_4xx() {
    let addr = server();
    let cases = [
        ("/api/check", 400, "give the value"),
        ("/api/check?value=hello", 422, "neither a phone number"),
        ("/api/check?value=", 422, "no value given"),
        (
            "/api/check?value=1234567&region=XX",
            400,
            "not a region code",
        ),
        ("/api/check?value=%FF%FE", 422, "neither a phone number"),
        ("/nowhere", 404, "no such page"),
    ];
    for (path, status, words) in cases {
        let reply = get(addr, path);
        assert_eq!(reply.status, status, "{path}: {}", reply.body);
        let error = reply.json()["error"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(!error.is_empty(), "{path}: a message");
        assert!(error.contains(words), "{path}: {error}");
    }
    let empty = request(addr, "POST", "/api/audit", &[], b"");
    assert_eq!(empty.status, 400);
    assert!(empty.json()["error"].as_str().unwrap().contains("empty"));
    let wrong_method = request(addr, "DELETE", "/api/check", &[], b"");
    assert_eq!(wrong_method.status, 405);
}

#[test]
fn api_audit_gives_the_records_of_audit_json() {
    let addr = server();
    let reply = request(
        addr,
        "POST",
        "/api/audit?name=-",
        &[("Content-Type", "text/plain; charset=utf-8")],
        THREE.as_bytes(),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let served = reply.json();
    let cli: Value = serde_json::from_str(&hotline(
        &[
            "audit",
            "-",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--no-config",
        ],
        THREE,
    ))
    .unwrap();
    assert_eq!(served, cli);
    assert_eq!(served["summary"]["claims"], 3);

    // HTML by its content type: the visible text is audited, the script is not.
    let page = "<html><head><title>JD.com help</title><script>var t='400-606-5501';</script></head>\
                <body><p>Customer service: <a href=\"tel:4006065500\">400-606-5500</a></p></body></html>";
    let reply = request(
        addr,
        "POST",
        "/api/audit",
        &[("Content-Type", "text/html")],
        page.as_bytes(),
    );
    let claims = reply.json()["claims"].as_array().cloned().unwrap();
    assert!(!claims.is_empty());
    assert!(
        claims.iter().all(|c| c["value"] == "+864006065500"),
        "{claims:?}"
    );
}

#[test]
fn bodies_beyond_the_cap_get_413() {
    let mut options = Options::new(Reference::embedded());
    options.max_body = 4096;
    let addr = start(options);
    let big = "Call 400-606-5500. ".repeat(1000);
    let reply = request(
        addr,
        "POST",
        "/api/audit",
        &[("Content-Type", "text/plain")],
        big.as_bytes(),
    );
    assert_eq!(reply.status, 413);
    assert!(
        reply.json()["error"]
            .as_str()
            .unwrap()
            .contains("4096 bytes"),
        "{}",
        reply.body
    );
    let body = form(&[("text", &big)]);
    let reply = request(
        addr,
        "POST",
        "/",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        body.as_bytes(),
    );
    assert_eq!(reply.status, 413);
    assert!(reply.body.contains("4096 bytes"));
    // Just under the cap is fine.
    let small = "Call 400-606-5500. ".repeat(100);
    let reply = request(
        addr,
        "POST",
        "/api/audit",
        &[("Content-Type", "text/plain")],
        small.as_bytes(),
    );
    assert_eq!(reply.status, 200);
}

#[test]
fn slow_requests_time_out_with_408() {
    let mut options = Options::new(Reference::embedded());
    options.timeout = Duration::from_millis(1);
    options.max_body = 8 * 1024 * 1024;
    let addr = start(options);
    // A directory of thousands of numbers takes far longer than a millisecond to audit.
    let page: String = (0..20_000)
        .map(|i| format!("Line {i}: JD.com hotline 400-606-{:04}\n", i % 10_000))
        .collect();
    let reply = request(
        addr,
        "POST",
        "/api/audit",
        &[("Content-Type", "text/plain")],
        page.as_bytes(),
    );
    assert_eq!(
        reply.status,
        408,
        "{}",
        &reply.body[..reply.body.len().min(200)]
    );
    assert!(reply.json()["error"]
        .as_str()
        .unwrap()
        .contains("longer than"));
}

/// A page that tries to run script wherever hotline shows page content, in my own words.
const HOSTILE: &str = "<script>document.title='pwned'</script> JD.com hotline: 400-656-0055\n\
<img src=x onerror=\"document.title='pwned'\"> refunds desk 400-656-0056\n\
<a href=\"javascript:alert(1)\">javascript:alert(1)</a> support: kefu@jd-support.com\n";

#[test]
fn the_report_matches_the_summary_and_escapes_pages() {
    let dir = std::env::temp_dir().join(format!("hotline-web-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A file name is page content too: it is shown on every row.
    let hostile = dir.join("<img src=x onerror=alert(1)>hostile.txt");
    std::fs::write(&hostile, HOSTILE).unwrap();
    let report = dir.join("report.html");
    let claims = dir.join("claims.jsonl");
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds");
    hotline(
        &[
            "audit",
            seeds,
            hostile.to_str().unwrap(),
            "--report",
            report.to_str().unwrap(),
            "-f",
            "jsonl",
            "-o",
            claims.to_str().unwrap(),
            "--fail-on",
            "never",
            "--no-config",
        ],
        "",
    );
    let html = std::fs::read_to_string(&report).unwrap();
    let jsonl = std::fs::read_to_string(&claims).unwrap();
    let summary: Value = serde_json::from_str(jsonl.lines().last().unwrap()).unwrap();
    assert_figures(&html, &summary);
    assert!(summary["claims"].as_u64().unwrap() > 100);
    // The charts add up to the summary too.
    let verdict_total: u64 = summary["verdicts"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    let chart = &html
        [html.find("id=\"chart-verdicts\"").unwrap()..html.find("id=\"chart-risks\"").unwrap()];
    let drawn: u64 = chart
        .split("data-count=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(drawn, verdict_total);
    // One self-contained file: its own script only, nothing from elsewhere, page content as text.
    assert_eq!(html.matches("<script").count(), 1);
    assert!(!html.contains("<img"));
    assert!(!html.contains("href=\"javascript"));
    assert!(!html.contains("src=\"http") && !html.contains("href=\"http"));
    assert!(html.contains("Content-Security-Policy"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;hostile.txt"));
    assert!(html.contains("kefu@jd-support.com"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `hotline serve ARGS…` as a person starts it (the real binary on an ephemeral port): the process, its
/// address, and its standard error line by line.
struct Served {
    child: std::process::Child,
    addr: SocketAddr,
    stderr: std::sync::mpsc::Receiver<String>,
}

impl Served {
    fn start(args: &[&str]) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_hotline"))
            .args(["serve", "--addr", "127.0.0.1:0", "--no-config"])
            .args(args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, stderr) = std::sync::mpsc::channel();
        let pipe = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(pipe).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let first = stderr
            .recv_timeout(Duration::from_secs(60))
            .expect("serve says where it listens");
        let addr = first
            .split("http://")
            .nth(1)
            .and_then(|a| a.split('/').next())
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("no address in {first:?}"));
        Served {
            child,
            addr,
            stderr,
        }
    }

    /// Sends `signal` (`TERM`, `INT`) with the `kill` command and waits for the exit code and the rest
    /// of standard error.
    fn stop(mut self, signal: &str) -> (Option<i32>, String) {
        let killed = Command::new("kill")
            .args([&format!("-{signal}"), &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let status = self.child.wait().unwrap();
        let mut rest = String::new();
        while let Ok(line) = self.stderr.recv_timeout(Duration::from_secs(5)) {
            rest.push_str(&line);
            rest.push('\n');
        }
        (status.code(), rest)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs the binary to the end; its exit code and standard error.
fn hotline_status(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_hotline"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

/// Pages that claim one unverified number for a brand, in my own words.
const SEEN_A: &str = "Meituan rider support, call 400-860-1234 any time\n";
const SEEN_B: &str = "Late deliveries: Meituan hotline 400-860-1234 (9:00-21:00)\n";
const SEEN_C: &str = "Refunds for Meituan orders on 400-860-1234\n";

#[test]
fn serve_db_says_where_each_contact_was_seen() {
    let dir = std::env::temp_dir().join(format!("hotline-web-seen-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("pages")).unwrap();
    std::fs::write(dir.join("pages/rider.txt"), SEEN_A).unwrap();
    // A page name is shown on the page: it must come back as text.
    std::fs::write(
        dir.join("pages/<img src=x onerror=alert(1)>late.txt"),
        SEEN_B,
    )
    .unwrap();
    let db = dir.join("evidence.sqlite");
    let db = db.to_str().unwrap();
    let pages = dir.join("pages");
    let audit = |path: &str| {
        hotline_status(&[
            "audit",
            path,
            "--db",
            db,
            "-f",
            "jsonl",
            "--fail-on",
            "never",
            "--no-config",
        ])
    };
    let (code, why) = audit(pages.to_str().unwrap());
    assert_eq!(code, Some(0), "{why}");

    let served = Served::start(&["--db", db]);
    let value = "400-860-1234";
    let reply = get(served.addr, &format!("/api/check?value={value}"));
    assert_eq!(reply.status, 200, "{}", reply.body);
    let api = reply.json();
    let cli: Value = serde_json::from_str(&hotline(
        &[
            "check",
            value,
            "--db",
            db,
            "--format",
            "json",
            "--no-config",
        ],
        "",
    ))
    .unwrap();
    assert_eq!(api, cli, "the API says what `check --db` says");
    assert_eq!(api["seen"]["pages"], 2);
    let docs: Vec<&str> = api["seen"]["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["doc"].as_str().unwrap())
        .collect();
    assert!(docs.iter().any(|d| d.ends_with("rider.txt")), "{docs:?}");
    assert!(
        docs.iter()
            .any(|d| d.ends_with("<img src=x onerror=alert(1)>late.txt")),
        "{docs:?}"
    );

    // The page, in English and in Chinese, with the words of `check --db`.
    let post = |lang: &str| {
        let body = form(&[("text", value), ("lang", lang)]);
        request(
            served.addr,
            "POST",
            "/",
            &[("Content-Type", "application/x-www-form-urlencoded")],
            body.as_bytes(),
        )
    };
    let en = post("en");
    assert_eq!(en.status, 200, "{}", en.body);
    assert!(
        en.body.contains("Seen in the evidence store"),
        "{}",
        en.body
    );
    assert!(en.body.contains("claimed 2 times on 2 pages now"));
    assert!(en.body.contains("rider.txt:1"));
    assert!(en
        .body
        .contains("&lt;img src=x onerror=alert(1)&gt;late.txt:1"));
    assert!(!en.body.contains("<img"));
    let zh = post("zh");
    assert!(zh.body.contains("证据库中的记录"), "{}", zh.body);

    // An audit writing to the store while it is served still works, and the page sees its claims.
    let third = dir.join("refunds.txt");
    std::fs::write(&third, SEEN_C).unwrap();
    let (code, why) = audit(third.to_str().unwrap());
    assert_eq!(code, Some(0), "{why}");
    let again = get(served.addr, &format!("/api/check?value={value}")).json();
    assert_eq!(again["seen"]["pages"], 3, "{again}");

    // Without a store, no `seen` at all (as `check` without --db).
    let plain = server();
    assert!(get(plain, &format!("/api/check?value={value}")).json()["seen"].is_null());
    drop(served);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn serve_refuses_a_missing_or_foreign_store() {
    let dir = std::env::temp_dir().join(format!("hotline-web-nodb-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let missing = dir.join("missing.sqlite");
    let text = dir.join("notes.txt");
    std::fs::write(&text, "not a database\n").unwrap();
    let foreign = dir.join("foreign.sqlite");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);")
        .unwrap();
    for (file, says) in [
        (&missing, "no such store"),
        (&text, "not a hotline evidence store"),
        (&foreign, "not a hotline evidence store"),
    ] {
        let file = file.to_str().unwrap();
        let (code, why) = hotline_status(&[
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--db",
            file,
            "--no-config",
        ]);
        assert_eq!(code, Some(2), "{file}: {why}");
        assert!(why.contains(says) && why.contains(file), "{why}");
        // `check --db` says the same.
        let (code, check_why) = hotline_status(&["check", "95588", "--db", file, "--no-config"]);
        assert_eq!((code, check_why), (Some(2), why));
    }
    assert!(!missing.exists(), "nothing was created");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn sigterm_lets_the_request_in_flight_finish_and_exits_0() {
    let served = Served::start(&["--timeout", "120", "--max-body", "8000000"]);
    let addr = served.addr;
    // An audit that takes a while: thousands of numbers.
    let page: String = (0..5_000)
        .map(|i| format!("Line {i}: JD.com hotline 400-606-{:04}\n", i % 10_000))
        .collect();
    let in_flight = std::thread::spawn(move || {
        request(
            addr,
            "POST",
            "/api/audit",
            &[("Content-Type", "text/plain")],
            page.as_bytes(),
        )
    });
    std::thread::sleep(Duration::from_millis(400));
    let (code, stderr) = served.stop("TERM");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("SIGTERM: stopping"), "{stderr}");
    assert!(stderr.contains("hotline: stopped"), "{stderr}");
    let reply = in_flight.join().unwrap();
    assert_eq!(
        reply.status,
        200,
        "{}",
        &reply.body[..reply.body.len().min(200)]
    );
    assert_eq!(reply.json()["summary"]["documents"], 1);
    assert!(TcpStream::connect(addr).is_err(), "no longer listening");
}

#[test]
fn ctrl_c_stops_an_idle_server_with_exit_0() {
    let served = Served::start(&[]);
    assert_eq!(get(served.addr, "/healthz").status, 200);
    let (code, stderr) = served.stop("INT");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("Ctrl-C: stopping"), "{stderr}");
}

/// Each summary figure of the report (`id="figure-X" data-value=N`) equals the JSONL summary's.
fn assert_figures(html: &str, summary: &Value) {
    for figure in [
        "documents",
        "audited",
        "failed",
        "claims",
        "phones",
        "emails",
        "conflicts",
        "warnings",
    ] {
        let marker = format!("id=\"figure-{figure}\" data-value=\"");
        let at = html
            .find(&marker)
            .unwrap_or_else(|| panic!("no figure {figure}"))
            + marker.len();
        let shown: u64 = html[at..].split('"').next().unwrap().parse().unwrap();
        assert_eq!(Some(shown), summary[figure].as_u64(), "{figure}");
    }
}

#[test]
fn the_report_in_chinese_has_chinese_headings_and_the_same_figures() {
    let dir = std::env::temp_dir().join(format!("hotline-web-report-zh-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let claims = dir.join("claims.jsonl");
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds");
    let report = |lang: &str| {
        let file = dir.join(format!("report-{lang}.html"));
        hotline(
            &[
                "audit",
                seeds,
                "--report",
                file.to_str().unwrap(),
                "--lang",
                lang,
                "-f",
                "jsonl",
                "-o",
                claims.to_str().unwrap(),
                "--fail-on",
                "never",
                "--no-config",
            ],
            "",
        );
        std::fs::read_to_string(&file).unwrap()
    };
    let zh = report("zh");
    let jsonl = std::fs::read_to_string(&claims).unwrap();
    let summary: Value = serde_json::from_str(jsonl.lines().last().unwrap()).unwrap();
    assert!(
        summary["conflicts"].as_u64().unwrap() > 0 && summary["claims"].as_u64().unwrap() > 100
    );
    assert_figures(&zh, &summary);
    assert!(zh.contains("<html lang=\"zh\">"));
    for heading in [
        "hotline 审核报告",
        "概要",
        "来源之间的矛盾（",
        "出现在最多页面上的未核实号码",
        "机构（",
        "有风险的声称（",
        "按核实结果的声称",
    ] {
        assert!(zh.contains(heading), "{heading}");
    }
    for english in [
        "Summary",
        "Conflicts between sources",
        "Claims at risk",
        "Organisations (",
    ] {
        assert!(!zh.contains(english), "{english}");
    }
    // The documents behind a conflict name their roles in words, not by key.
    assert!(
        zh.contains("JD.com，消费者客服"),
        "role words in conflict lines"
    );
    assert!(
        !zh.contains("，customer_service"),
        "a role key in a conflict line"
    );
    // The charts' labels are in Chinese too.
    let chart =
        &zh[zh.find("id=\"chart-verdicts\"").unwrap()..zh.find("id=\"chart-risks\"").unwrap()];
    assert!(chart.contains(">未核实<"), "{chart}");
    let en = report("en");
    assert!(en.contains("<html lang=\"en\">") && en.contains("Conflicts between sources ("));
    assert!(!en.contains("来源之间的矛盾"));
    std::fs::remove_dir_all(&dir).unwrap();
}
