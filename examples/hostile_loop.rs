//! The generated-input loop of issue 13, through the real binary: 1,500 generated pages (each on its own
//! through `audit -`, then all of them as one folder at `-j 1`, `-j 2` and `-j 8`) and 1,500 generated
//! `check` values. Fails on any panic (exit 101), any other unexpected exit code, and any run that does
//! not finish in time (a hang).
//!
//! `scripts/hostile-loop.sh` builds the release binary and runs this; by hand:
//! `cargo run --release --example hostile_loop -- target/release/hotline [COUNT] [SEED] [--structured]`
//! (`--structured`: the fuzz targets' richer grammar instead of the issue's alphabet).

#[path = "../tests/support/generate.rs"]
mod generate;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use generate::Choices;

/// xorshift64*: reproducible bytes from a seed, without a dependency.
struct Bytes(u64);

impl Bytes {
    fn next(&mut self, n: usize) -> Vec<u8> {
        (0..n)
            .map(|_| {
                self.0 ^= self.0 >> 12;
                self.0 ^= self.0 << 25;
                self.0 ^= self.0 >> 27;
                (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
            })
            .collect()
    }
}

/// Runs `command` (with `stdin` written to it) and waits at most `limit`: the exit code (`None` when it
/// had to be killed), standard output and standard error.
fn run(mut command: Command, stdin: &str, limit: Duration) -> (Option<i32>, String, String) {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut input = child.stdin.take().unwrap();
    let text = stdin.to_string();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(text.as_bytes());
    });
    let read = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut all = Vec::new();
            let _ = pipe.read_to_end(&mut all);
            String::from_utf8_lossy(&all).into_owned()
        })
    };
    let out = read(Box::new(child.stdout.take().unwrap()));
    let err = read(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let status: Option<ExitStatus> = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let _ = writer.join();
    let code = status.map(|s| s.code().unwrap_or(-1));
    (code, out.join().unwrap(), err.join().unwrap())
}

struct Tally {
    name: String,
    codes: BTreeMap<String, usize>,
    bad: Vec<String>,
}

impl Tally {
    fn new(name: &str) -> Tally {
        Tally {
            name: name.to_string(),
            codes: BTreeMap::new(),
            bad: Vec::new(),
        }
    }

    /// Counts one run; `allowed` are the exit codes that answer normally.
    fn add(&mut self, code: Option<i32>, allowed: &[i32], input: &str, stderr: &str) {
        let key = code.map_or("hung (killed)".to_string(), |c| format!("exit {c}"));
        *self.codes.entry(key.clone()).or_default() += 1;
        if !code.is_some_and(|c| allowed.contains(&c)) {
            self.bad.push(format!(
                "{key} on {input:?}: {}",
                stderr.lines().next().unwrap_or("")
            ));
        }
    }

    fn report(&self) -> bool {
        let total: usize = self.codes.values().sum();
        println!("{}: {total} runs, {:?}", self.name, self.codes);
        for b in self.bad.iter().take(20) {
            println!("  FAIL {b}");
        }
        self.bad.is_empty()
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let structured = args.iter().any(|a| a == "--structured");
    let positional: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let binary = PathBuf::from(
        positional
            .first()
            .expect("usage: hostile_loop HOTLINE [COUNT] [SEED] [--structured]"),
    );
    let count: usize = positional.get(1).map_or(1500, |n| n.parse().unwrap());
    let seed: u64 = positional.get(2).map_or(13, |n| n.parse().unwrap());
    let mut bytes = Bytes(seed.max(1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let (pages, values): (Vec<String>, Vec<String>) = (0..count)
        .map(|_| {
            let b = bytes.next(256);
            if structured {
                (
                    generate::page(&mut Choices::new(&b)),
                    generate::value(&mut Choices::new(&b[128..])),
                )
            } else {
                (
                    generate::issue_page(&mut Choices::new(&b)),
                    generate::issue_value(&mut Choices::new(&b[128..])),
                )
            }
        })
        .unzip();
    let grammar = if structured {
        "structured grammar"
    } else {
        "issue 13's alphabet"
    };
    println!("{count} pages and {count} values from {grammar}, seed {seed}");
    let started = Instant::now();

    // Exit codes an audit may end with: 0 clean (`--fail-on never`). Anything else is a failure here.
    let mut one_by_one = Tally::new("audit - (each page alone, -j 1)");
    for p in &pages {
        let mut c = Command::new(&binary);
        c.args(["audit", "-", "-f", "jsonl", "--fail-on", "never", "-j", "1"]);
        let (code, _, err) = run(c, p, Duration::from_secs(20));
        one_by_one.add(code, &[0], p, &err);
    }

    let dir = std::env::temp_dir().join(format!("hotline-hostile-loop-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (i, p) in pages.iter().enumerate() {
        std::fs::write(dir.join(format!("page{i:05}.txt")), p).unwrap();
    }
    let mut batches = Tally::new("audit DIR (all pages, -j 1, 2, 8)");
    for jobs in ["1", "2", "8"] {
        let mut c = Command::new(&binary);
        c.args(["audit", dir.to_str().unwrap(), "-f", "jsonl"]);
        c.args(["--fail-on", "never", "-j", jobs]);
        let (code, out, err) = run(c, "", Duration::from_secs(300));
        batches.add(code, &[0], &format!("the folder at -j {jobs}"), &err);
        // Every page audited, none failed.
        let summary = audited(&out);
        if summary != Some(count) {
            batches
                .bad
                .push(format!("-j {jobs}: {summary:?} of {count} pages audited"));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);

    // `check`: 0 official, 1 not listed as official, 2 not a number or address; never 101.
    let mut checks = Tally::new("check VALUE");
    for v in &values {
        let mut c = Command::new(&binary);
        c.args(["check", "--", v]);
        let (code, _, err) = run(c, "", Duration::from_secs(20));
        checks.add(code, &[0, 1, 2], v, &err);
    }

    let ok = [one_by_one.report(), batches.report(), checks.report()]
        .into_iter()
        .all(|ok| ok);
    println!("{:.0?} in all", started.elapsed());
    if !ok {
        std::process::exit(1);
    }
}

/// How many documents a folder run's summary says were audited, if none failed.
fn audited(jsonl: &str) -> Option<usize> {
    let summary: serde_json::Value = serde_json::from_str(jsonl.lines().last()?).ok()?;
    (summary["type"] == "summary" && summary["failed"] == 0)
        .then(|| summary["audited"].as_u64())
        .flatten()
        .map(|n| n as usize)
}
