//! The check page and the HTML report as a person uses them: Debian's headless Chromium, driven through
//! chromedriver (WebDriver, `fantoccini`). `.ci/browser-deps` installs both. Screenshots of the check
//! page (English, Chinese) and of the report are saved under `target/screenshots/`.
//!
//! `HOTLINE_BROWSER_TESTS=0` skips these tests on a machine without a browser, except under CI (`CI`
//! set), where a missing browser is a failure.
#![cfg(feature = "serve")]

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hotline::reference::Reference;
use hotline::serve::{serve, Evidence, Options};
use serde_json::{json, Value};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Whether to run: a missing browser fails under CI and when not told to skip.
fn wanted() -> bool {
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    let skip = std::env::var("HOTLINE_BROWSER_TESTS").is_ok_and(|v| v == "0");
    if skip && !ci {
        eprintln!("browser tests skipped: HOTLINE_BROWSER_TESTS=0");
        return false;
    }
    assert!(
        Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists(),
        "the browser tests need {CHROMIUM} and {CHROMEDRIVER}: run .ci/browser-deps \
         (or set HOTLINE_BROWSER_TESTS=0 outside CI to skip them)"
    );
    true
}

/// chromedriver on a free loopback port, stopped when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start() -> Driver {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "chromedriver did not listen"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver { child, port }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn browser(driver: &Driver, width: u32, height: u32) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": CHROMIUM,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     format!("--window-size={width},{height}"), "--hide-scrollbars"],
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a chromium session")
}

/// The server on an ephemeral loopback port, on the test's runtime.
async fn server() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve(listener, Options::new(Reference::embedded())));
    addr
}

fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn save(client: &Client, name: &str) {
    let png = client.screenshot().await.unwrap();
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    std::fs::write(screenshots().join(name), png).unwrap();
}

async fn title(client: &Client) -> String {
    client.title().await.unwrap()
}

async fn texts(client: &Client, css: &str) -> Vec<String> {
    let mut out = Vec::new();
    for e in client.find_all(Locator::Css(css)).await.unwrap() {
        out.push(e.text().await.unwrap());
    }
    out
}

async fn submit(client: &Client, text: &str) {
    let area = client.find(Locator::Css("#text")).await.unwrap();
    area.clear().await.unwrap();
    area.send_keys(text).await.unwrap();
    // The answer of a previous submit is on the page until the new page replaces it: wait for that, or
    // the new answer's checks could read the old page.
    let previous = client.find(Locator::Css("#found, #error")).await.ok();
    client
        .find(Locator::Css("#submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    if let Some(previous) = previous {
        let start = std::time::Instant::now();
        while previous.text().await.is_ok() {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "the page did not change"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css("#found, #error"))
        .await
        .unwrap();
}

/// A page that tries to run script wherever its text is shown, in my own words. Every attempt would
/// change the document's title.
const HOSTILE: &str = "<script>document.title='pwned'</script> JD.com hotline: 400-656-0055\n\
<img src=x onerror=\"document.title='pwned'\"> refunds desk 400-606-5500\n\
<a href=\"javascript:document.title='pwned'\">open</a> write to kefu@jd-support.com\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_check_page_in_a_real_browser() {
    if !wanted() {
        return;
    }
    let driver = Driver::start();
    let addr = server().await;
    // A phone's screen.
    let client = browser(&driver, 412, 1400).await;

    // Type a number, submit, read the verdict and the alternatives.
    client
        .goto(&format!("http://{addr}/?lang=en"))
        .await
        .unwrap();
    submit(&client, "0633154848672").await;
    let verdicts = texts(&client, ".answer .verdict").await;
    assert_eq!(verdicts, ["NO: reported as used by scammers"]);
    let alternatives = texts(&client, ".answer .alternative .value").await;
    assert!(
        alternatives.iter().any(|a| a == "+864006067733"),
        "JD.com's official complaints line is offered: {alternatives:?}"
    );
    save(&client, "check-en.png").await;

    // A message with three numbers: three answers.
    submit(
        &client,
        "Your JD.com order is delayed. Call customer service 400-606-5500, or the refunds desk \
         400-656-0055; from abroad ring 021-53395288.",
    )
    .await;
    assert_eq!(texts(&client, ".answer").await.len(), 3);
    assert_eq!(texts(&client, "#found").await, ["3 contacts found"]);

    // The switch to Chinese, and the same message answered in Chinese.
    client
        .find(Locator::Css("#lang-switch"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client
        .wait()
        .for_element(Locator::Css("html[lang=zh]"))
        .await
        .unwrap();
    submit(
        &client,
        "京东客服 400-606-5500，退款专线 400-656-0055，或拨打 021-53395288",
    )
    .await;
    assert_eq!(texts(&client, ".answer").await.len(), 3);
    let verdicts = texts(&client, ".answer .verdict").await;
    assert!(
        verdicts.iter().any(|v| v.starts_with("未核实")),
        "{verdicts:?}"
    );
    assert!(
        verdicts.iter().any(|v| v.starts_with("是，已列为官方")),
        "{verdicts:?}"
    );
    save(&client, "check-zh.png").await;

    // A hostile message: nothing in it runs, and it shows as the text it is.
    let page_title = title(&client).await;
    submit(&client, HOSTILE).await;
    assert_eq!(
        title(&client).await,
        page_title,
        "the pasted script did not run"
    );
    let pasted = client.find(Locator::Css("#text")).await.unwrap();
    let value = pasted.prop("value").await.unwrap().unwrap_or_default();
    assert!(
        value.contains("<script>document.title='pwned'</script>"),
        "{value}"
    );
    assert_eq!(texts(&client, ".answer").await.len(), 3);
    let images = client.find_all(Locator::Css("img")).await.unwrap();
    assert!(images.is_empty(), "no element was made from the message");
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_in_a_real_browser() {
    if !wanted() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("hotline-browser-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let hostile = dir.join("<img src=x onerror=document.title=1>hostile.txt");
    std::fs::write(&hostile, HOSTILE).unwrap();
    let (report, claims) = (dir.join("report.html"), dir.join("claims.jsonl"));
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds");
    let status = Command::new(env!("CARGO_BIN_EXE_hotline"))
        .args(["audit", seeds])
        .arg(&hostile)
        .arg("--report")
        .arg(&report)
        .args(["-f", "jsonl", "-o"])
        .arg(&claims)
        .args(["--fail-on", "never", "--no-config"])
        .status()
        .unwrap();
    assert!(status.success());
    let jsonl = std::fs::read_to_string(&claims).unwrap();
    let summary: Value = serde_json::from_str(jsonl.lines().last().unwrap()).unwrap();

    let driver = Driver::start();
    let client = browser(&driver, 1280, 2000).await;
    client
        .goto(&format!("file://{}", report.display()))
        .await
        .unwrap();
    assert!(
        title(&client).await.starts_with("hotline audit"),
        "no script changed the title"
    );
    for figure in [
        "documents",
        "audited",
        "claims",
        "phones",
        "emails",
        "conflicts",
    ] {
        let shown = texts(&client, &format!("#figure-{figure}")).await;
        let expected = summary[figure].as_u64().unwrap();
        let shown: u64 = shown[0].replace(',', "").parse().unwrap();
        assert_eq!(shown, expected, "{figure}");
    }
    // The hostile file name is shown as text, and made no element.
    let source = client.source().await.unwrap();
    assert!(source.contains("&lt;img src=x onerror=document.title=1&gt;hostile.txt"));
    assert!(client
        .find_all(Locator::Css("main img"))
        .await
        .unwrap()
        .is_empty());
    save(&client, "report.png").await;

    // The report's own script runs (the CSP hash allows it): a filter box narrows the claims table.
    let table = "#claims-table tbody tr";
    let all = client.find_all(Locator::Css(table)).await.unwrap().len();
    assert!(all > 10, "{all} claim rows");
    let filter = client
        .find(Locator::Css("input.filter[placeholder='Filter claims']"))
        .await
        .expect("the filter box the script adds");
    filter.send_keys("hostile.txt").await.unwrap();
    let visible: Value = client
        .execute(
            "return Array.from(document.querySelectorAll(arguments[0])).filter(r => !r.hidden).length",
            vec![json!(table)],
        )
        .await
        .unwrap();
    let visible = visible.as_u64().unwrap() as usize;
    assert!(
        visible > 0 && visible < all,
        "{visible} of {all} rows shown"
    );

    // The same report in Chinese: its headings, the same figures.
    let report_zh = dir.join("report-zh.html");
    let status = Command::new(env!("CARGO_BIN_EXE_hotline"))
        .args(["audit", seeds])
        .arg(&hostile)
        .arg("--report")
        .arg(&report_zh)
        .args([
            "--lang",
            "zh",
            "-f",
            "jsonl",
            "--fail-on",
            "never",
            "--no-config",
        ])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    client
        .goto(&format!("file://{}", report_zh.display()))
        .await
        .unwrap();
    assert_eq!(texts(&client, "#summary").await, ["概要"]);
    let shown = texts(&client, "#figure-claims").await;
    assert_eq!(
        shown[0].replace(',', "").parse::<u64>().unwrap(),
        summary["claims"].as_u64().unwrap()
    );
    save(&client, "report-zh.png").await;
    client.close().await.unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_check_page_says_where_a_number_was_seen() {
    if !wanted() {
        return;
    }
    // Two pages claim one number; the name of one tries to make an element, its text to run script.
    let dir = std::env::temp_dir().join(format!("hotline-browser-db-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("pages")).unwrap();
    std::fs::write(
        dir.join("pages/desk.txt"),
        "Meituan rider support desk: 400-860-1234\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("pages/<img src=x onerror=document.title=1>.txt"),
        format!("{HOSTILE}Meituan hotline 400-860-1234\n"),
    )
    .unwrap();
    let db = dir.join("evidence.sqlite");
    let status = Command::new(env!("CARGO_BIN_EXE_hotline"))
        .arg("audit")
        .arg(dir.join("pages"))
        .arg("--db")
        .arg(&db)
        .args(["-f", "jsonl", "--fail-on", "never", "--no-config"])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let mut options = Options::new(Reference::embedded());
    options.evidence = Some(std::sync::Arc::new(Evidence::open(&db).unwrap()));
    tokio::spawn(serve(listener, options));

    let driver = Driver::start();
    let client = browser(&driver, 412, 1400).await;
    client
        .goto(&format!("http://{addr}/?lang=en"))
        .await
        .unwrap();
    let page_title = title(&client).await;
    submit(&client, "400-860-1234").await;
    let heading = texts(&client, ".answer .seen h3").await;
    assert_eq!(heading, ["Seen in the evidence store"]);
    let docs = texts(&client, ".answer .seen .place .doc").await;
    assert_eq!(docs.len(), 2, "{docs:?}");
    assert!(
        docs.iter()
            .any(|d| d.contains("<img src=x onerror=document.title=1>.txt:")),
        "the page's name is shown as text: {docs:?}"
    );
    assert_eq!(title(&client).await, page_title, "nothing ran");
    assert!(client
        .find_all(Locator::Css("img"))
        .await
        .unwrap()
        .is_empty());
    save(&client, "check-db.png").await;
    client.close().await.unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}
