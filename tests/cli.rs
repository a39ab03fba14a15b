//! The binary as a user runs it: commands, formats, errors and exit codes.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The binary, run from the repository (no config file is read unless a test gives one).
fn cmd(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hotline"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .env_remove("NO_COLOR")
        .stdin(Stdio::null());
    c
}

fn hotline(args: &[&str]) -> Output {
    cmd(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh directory for one test.
fn temp(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("hotline-cli-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn summary(o: &Output) -> serde_json::Value {
    let out = stdout(o);
    let last = out.lines().last().expect("some output");
    let v: serde_json::Value = serde_json::from_str(last).unwrap();
    assert_eq!(v["type"], "summary", "{last}");
    v
}

fn hotline_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hotline"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
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

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn audit_reads_stdin_and_streams_jsonl() {
    let o = hotline_stdin(
        &["audit", "-", "--format", "jsonl"],
        "京东客服电话：400-606-5500（24小时）\n",
    );
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(first["type"], "claim");
    assert_eq!(first["doc"], "-");
    assert_eq!(first["value"], "+864006065500");
    assert_eq!(first["org"], "JD.com");
    assert_eq!(first["line"], 1);
    assert_eq!(first["column"], 8);
    let last: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!(last["type"], "summary");
    assert_eq!(last["claims"], 1);
}

#[test]
fn missing_input_is_an_error_record_and_the_rest_goes_on() {
    let o = hotline(&[
        "audit",
        "no/such/file.txt",
        "fixtures/seeds/001_d1cf8ef2f5378ac3.txt",
        "-f",
        "jsonl",
    ]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "the rest is audited, and the code says some input failed"
    );
    let out = stdout(&o);
    assert!(out
        .lines()
        .next()
        .unwrap()
        .contains(r#""type":"error","doc":"no/such/file.txt""#));
    assert!(
        out.contains(r#""documents":2,"audited":1,"failed":1"#),
        "{out}"
    );
}

#[test]
fn nothing_readable_exits_2() {
    let o = hotline(&["audit", "no/such/file.txt", "-f", "jsonl"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn bad_arguments_exit_2_with_help() {
    let o = hotline(&["audit"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("PATHS"));
    let o = hotline(&["audit", "x", "--region", "XX"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a region code"));
}

#[test]
fn csv_guards_formula_cells() {
    let o = hotline_stdin(
        &["audit", "-", "--format", "csv"],
        "Hotline: +86 400 606 5500\n",
    );
    let out = stdout(&o);
    let mut lines = out.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("doc,line,column,kind,raw,value"));
    let row = lines.next().unwrap();
    assert!(row.contains(",'+86 400 606 5500,'+864006065500,"), "{row}");
}

#[test]
fn text_output_strips_terminal_escapes_from_pages() {
    let o = hotline_stdin(
        &["audit", "-", "--format", "text"],
        "\x1b]0;pwned\x07客服：\x1b[31m400-606-5500\n",
    );
    let out = stdout(&o);
    assert!(!out.contains('\x1b'), "{out:?}");
    assert!(out.contains("+864006065500"));
}

#[test]
fn check_explains_a_400_number() {
    let o = hotline(&["check", "400-656-0055"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "answered, and not listed as official"
    );
    let out = stdout(&o);
    assert!(out.contains("+86 400 656 0055"), "{out}");
    assert!(out.contains("not free"), "{out}");
}

#[test]
fn check_json_and_invalid_numbers() {
    let o = hotline(&["check", "95588", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["value"], "95588");
    assert_eq!(v["number_type"], "short_code");
    let o = hotline(&["check", "400-606-55001"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a valid phone number"));
}

#[test]
fn check_in_documents_tells_the_user_it_is_unverified_and_contradicted() {
    let o = hotline(&["check", "400-656-0055", "--in", "fixtures/seeds"]);
    assert_eq!(o.status.code(), Some(1), "not listed as official");
    let out = stdout(&o);
    assert!(out.contains("NOT VERIFIED"), "{out}");
    assert!(out.contains("001_d1cf8ef2f5378ac3.txt:11"), "{out}");
    assert!(
        out.contains("+864000260598"),
        "another source's PLUS line: {out}"
    );
    assert!(out.contains("Listed contacts for JD.com"), "{out}");
    assert!(
        out.contains("+864006067733"),
        "JD's official consumer-rights line: {out}"
    );
}

#[test]
fn check_answers_official_numbers_in_chinese_with_source() {
    let o = hotline(&["check", "021-53395288", "--lang", "zh"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("是，已列为官方号码"), "{out}");
    assert!(out.contains("Pinduoduo"), "{out}");
    assert!(out.contains("来源"), "{out}");
}

#[test]
fn reference_check_locates_errors() {
    let dir = std::env::temp_dir().join(format!("hotline-ref-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.csv");
    std::fs::write(
        &bad,
        "org,channel,value,role,region,status,source,retrieved,note\nJD.com,phone,+864006065500,customer_service,CN,verified,http://x,,\n",
    )
    .unwrap();
    let o = hotline(&["reference", "check", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("bad.csv:2: column `status`: unknown status `verified`"),
        "{err}"
    );
    let o = hotline(&[
        "reference",
        "check",
        "reference/contacts.csv",
        "reference/orgs.csv",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn a_users_reference_file_changes_verdicts() {
    let dir = std::env::temp_dir().join(format!("hotline-mine-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mine = dir.join("mine.csv");
    std::fs::write(
        &mine,
        "org,channel,value,role,region,status,source,retrieved,note\nJD.com,phone,+864006560055,plus_member,CN,official,https://example.org/jd-plus,2026-11-01,\n",
    )
    .unwrap();
    let o = hotline_stdin(
        &[
            "audit",
            "-",
            "-f",
            "jsonl",
            "--reference",
            mine.to_str().unwrap(),
        ],
        "京东热线\nPLUS 会员专属热线：400-656-0055\n",
    );
    let first: serde_json::Value =
        serde_json::from_str(stdout(&o).lines().next().unwrap()).unwrap();
    assert_eq!(first["verdict"], "official");
    assert_eq!(first["listed"]["source"], "https://example.org/jd-plus");
}

// Item 7: a closed output stops the run quietly with the exit code it has earned, as ripgrep does.
#[test]
fn a_broken_pipe_keeps_the_code_the_run_earned() {
    // Enough output to fill any pipe buffer: the seeds twenty times over.
    let mut args = vec!["audit", "-f", "jsonl", "-j", "2"];
    args.extend(std::iter::repeat_n("fixtures/seeds", 20));
    let mut child = cmd(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains(r#""type":"claim""#), "{first}");
    let o = child.wait_with_output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "`audit | head -1`: the seeds' first page already holds a dangerous claim"
    );
    assert_eq!(stderr(&o), "", "stops quietly");

    // `check VALUE | true`: the answer is not "official", whether or not the write failed.
    let mut child = cmd(&["check", "138 0013 8000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
}

// Item 8: input errors also go to standard error, one line each, capped; the code says some input failed.
#[test]
fn input_errors_go_to_stderr_capped_and_exit_2() {
    let dir = temp("errors");
    let out = dir.join("x.jsonl");
    let o = hotline(&[
        "audit",
        "/nonexistent",
        "fixtures/seeds",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "2 wins over the seeds' flagged 1");
    let err = stderr(&o);
    assert!(
        err.contains("hotline: /nonexistent: cannot read: "),
        "{err}"
    );
    assert!(err.contains("1 of 6 documents could not be read"), "{err}");

    let missing: Vec<String> = (0..25).map(|i| format!("no/such/{i}.txt")).collect();
    let mut args = vec![
        "audit",
        "-f",
        "jsonl",
        "fixtures/seeds/001_d1cf8ef2f5378ac3.txt",
    ];
    args.extend(missing.iter().map(String::as_str));
    let o = hotline(&args);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().filter(|l| l.contains("cannot read")).collect();
    assert_eq!(lines.len(), 20, "{err}");
    assert!(err.contains("... and 5 more errors"), "{err}");
    assert!(
        err.contains("25 of 26 documents could not be read"),
        "{err}"
    );
    let records = stdout(&o).matches(r#""type":"error""#).count();
    assert_eq!(records, 25, "every error is still a record");

    // `check --in` follows the same table.
    let o = hotline(&["check", "400-656-0055", "--in", "/nonexistent"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/nonexistent: cannot read"));
}

// Item 9: CSV has a row for every unreadable input, and the risk column.
#[test]
fn csv_has_error_rows_and_risk() {
    let o = hotline(&[
        "audit",
        "no/such/file.txt",
        "fixtures/seeds/001_d1cf8ef2f5378ac3.txt",
        "-f",
        "csv",
    ]);
    let out = stdout(&o);
    let mut rows = csv::Reader::from_reader(out.as_bytes());
    let header = rows.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (kind, risk, message) = (col("kind"), col("risk"), col("message"));
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    let error = &rows[0];
    assert_eq!(&error[0], "no/such/file.txt");
    assert_eq!(&error[kind], "error");
    assert!(error[message].starts_with("cannot read"), "{error:?}");
    assert!(rows[1..]
        .iter()
        .all(|r| &r[kind] == "phone" || &r[kind] == "email" || &r[kind] == "invalid_phone"));
    assert!(rows[1..]
        .iter()
        .all(|r| ["ok", "caution", "danger"].contains(&&r[risk])));
}

// Item 10: every output path is checked before the first input is read, and none is emptied.
#[test]
fn output_paths_are_checked_before_reading() {
    let dir = temp("outputs");
    let out = dir.join("out.jsonl");
    write(&out, "an earlier run\n");
    let o = hotline(&[
        "audit",
        "fixtures/seeds",
        "-o",
        out.to_str().unwrap(),
        "--conflicts-csv",
        "/nonexistent/c.csv",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot write /nonexistent/c.csv"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "an earlier run\n");
    let fresh = dir.join("fresh.jsonl");
    let o = hotline(&[
        "audit",
        "fixtures/seeds",
        "-o",
        fresh.to_str().unwrap(),
        "--conflicts-csv",
        "/nonexistent/c.csv",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!fresh.exists(), "no half-written output is left");
}

// A device is an output too: `-o /dev/null` discards the records, as a script throwing them away expects.
#[cfg(unix)]
#[test]
fn output_to_a_device_is_written_not_truncated() {
    let o = hotline(&["audit", "fixtures/seeds", "-f", "jsonl", "-o", "/dev/null"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

// Item 11: a glob that is not one is a usage error.
#[test]
fn a_bad_glob_is_a_usage_error() {
    let o = hotline(&["audit", "fixtures/seeds", "--glob", "[", "-f", "jsonl"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad --glob: `[`"), "{}", stderr(&o));
    assert_eq!(stdout(&o), "", "nothing was read or counted");
}

// Item 12: ignore rules and hidden files, as ripgrep has them, and the summary says what was skipped.
#[test]
fn ignored_and_hidden_files_are_counted_and_can_be_read() {
    let dir = temp("ignore");
    write(&dir.join(".gitignore"), "crawl/\n");
    write(&dir.join("crawl/a.txt"), "京东客服电话：400-606-5500\n");
    write(&dir.join("crawl/b.txt"), "京东客服电话：400-606-5500\n");
    write(&dir.join(".cache/c.txt"), "京东客服电话：400-606-5500\n");
    write(&dir.join("page.txt"), "京东客服电话：400-606-5500\n");
    let d = dir.to_str().unwrap();
    let o = hotline(&["audit", d, "-f", "jsonl"]);
    let s = summary(&o);
    assert_eq!(s["documents"], 1);
    assert_eq!(s["ignored"], 2);
    assert_eq!(s["hidden"], 2, ".gitignore and .cache/c.txt");
    let text = hotline(&["audit", d, "-f", "text"]);
    assert!(
        stdout(&text).contains("skipped: 2 files by ignore rules (--no-ignore reads them), 2 files hidden (--hidden reads them)"),
        "{}",
        stdout(&text)
    );
    let s = summary(&hotline(&["audit", d, "-f", "jsonl", "--no-ignore"]));
    assert_eq!(s["documents"], 3);
    assert!(s.get("ignored").is_none());
    let s = summary(&hotline(&[
        "audit",
        d,
        "-f",
        "jsonl",
        "--no-ignore",
        "--hidden",
    ]));
    assert_eq!(s["documents"], 5, "{s}");

    // An empty run says why.
    let only = temp("ignore-only");
    write(&only.join(".gitignore"), "crawl/\n");
    write(&only.join("crawl/a.txt"), "京东客服电话：400-606-5500\n");
    let o = hotline(&["audit", only.to_str().unwrap(), "-f", "jsonl"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--no-ignore"), "{}", stderr(&o));
}

// Item 13: `check --in` lists the first appearances and summarises the rest.
#[test]
fn check_in_summarises_past_a_cap() {
    let dir = temp("cap");
    for i in 0..30 {
        write(
            &dir.join(format!("p{i:02}.txt")),
            "京东客服\n客服热线：400-656-0055\n",
        );
    }
    let o = hotline(&["check", "400-656-0055", "--in", dir.to_str().unwrap()]);
    let out = stdout(&o);
    let listed = out.lines().filter(|l| l.contains(".txt:2")).count();
    assert_eq!(listed, 20, "{out}");
    assert!(
        out.contains(
            "... and 10 more: 30 claims on 30 pages in all. --format json lists the first 50"
        ),
        "{out}"
    );
}

// Item 14: color and progress switches; -q silences standard output.
#[test]
fn color_progress_and_quiet() {
    let page = "京东客服电话：400-606-5500\n";
    let o = hotline_stdin(&["audit", "-", "-f", "text", "--color", "always"], page);
    assert!(stdout(&o).contains("\x1b[1m"), "{}", stdout(&o));
    let o = hotline_stdin(&["audit", "-", "-f", "text", "--color", "never"], page);
    assert!(!stdout(&o).contains('\x1b'));
    let o = hotline_stdin(&["audit", "-", "-f", "text", "--color", "auto"], page);
    assert!(!stdout(&o).contains('\x1b'), "not a terminal");
    let o = hotline_stdin(&["audit", "-", "--no-progress", "-f", "jsonl"], page);
    assert_eq!(o.status.code(), Some(0));
    assert!(!stdout(&o).is_empty());
    let o = hotline(&["audit", "fixtures/seeds", "-q"]);
    assert_eq!(o.status.code(), Some(1), "the code still says flagged");
    assert_eq!(stdout(&o), "");
    let o = hotline(&["check", "021-53395288", "-q"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
    let seed = "fixtures/seeds/001_d1cf8ef2f5378ac3.txt";
    let o = hotline(&["audit", seed, "-j", "0", "-f", "jsonl"]);
    assert_ne!(o.status.code(), Some(2), "-j 0 is all cores, not an error");
    let one = hotline(&["audit", seed, "-j", "1", "-f", "jsonl"]);
    assert_eq!(o.status.code(), one.status.code());
    assert_eq!(summary(&o)["claims"], summary(&one)["claims"]);
}

// Conventions: SARIF 2.1.0, one result per flagged claim, with the registry's rule ids and locations.
#[test]
fn sarif_results_name_registered_rules_and_locations() {
    let o = hotline(&["audit", "fixtures/seeds", "no/such/file.txt", "-f", "sarif"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    assert!(v["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "hotline");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let listed = stdout(&hotline(&["rules"]));
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let id = r["ruleId"].as_str().unwrap();
        assert_eq!(ids[r["ruleIndex"].as_u64().unwrap() as usize], id);
        assert!(
            id.starts_with("reference/") || listed.contains(id),
            "{id} is not in `hotline rules`"
        );
        let loc = &r["locations"][0]["physicalLocation"];
        assert!(loc["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .starts_with("fixtures/seeds/"));
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
    }
    let flagged = stdout(&hotline(&["audit", "fixtures/seeds", "-f", "jsonl"]))
        .lines()
        .filter(|l| l.contains(r#""type":"claim""#))
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|c| {
            !c["signals"].as_array().unwrap().is_empty()
                || ["reported_scam", "wrong_org"].contains(&c["verdict"].as_str().unwrap_or(""))
        })
        .count();
    assert_eq!(results.len(), flagged, "one result per flagged claim");
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
}

#[test]
fn stdin_filename_names_the_document_and_its_format() {
    let o = hotline_stdin(
        &["audit", "-", "--stdin-filename", "page.html", "-f", "jsonl"],
        "<p>京东客服电话：<b>400-606-5500</b></p>",
    );
    let first: serde_json::Value =
        serde_json::from_str(stdout(&o).lines().next().unwrap()).unwrap();
    assert_eq!(first["doc"], "page.html");
    assert_eq!(first["raw"], "400-606-5500", "read as HTML, without tags");
}

// Conventions: hotline.toml, found upwards from the working directory; --config, --no-config.
#[test]
fn config_file_upwards_and_overridden() {
    let dir = temp("config");
    write(
        &dir.join("hotline.toml"),
        "format = \"csv\"\nfail-on = \"never\"\nglob = [\"*.txt\"]\nreference = [\"mine.csv\"]\n",
    );
    write(
        &dir.join("mine.csv"),
        "org,channel,value,role,region,status,source,retrieved,note\nJD.com,phone,+864006560055,plus_member,CN,official,https://example.org/jd-plus,2026-11-01,\n",
    );
    write(
        &dir.join("pages/a.txt"),
        "京东热线\nPLUS 会员专属热线：400-656-0055\n",
    );
    write(&dir.join("pages/b.html"), "<p>京东客服：400-606-5500</p>");
    let sub = dir.join("pages");
    let run = |args: &[&str]| {
        let mut c = cmd(args);
        c.current_dir(&sub);
        c.output().unwrap()
    };
    let o = run(&["audit", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("doc,line,column"),
        "format from the config: {out}"
    );
    assert!(
        out.contains("./a.txt") && !out.contains("b.html"),
        "globs: {out}"
    );
    assert!(
        out.contains(",official,"),
        "the config's reference, relative to it: {out}"
    );
    let o = run(&["audit", ".", "-f", "jsonl"]);
    assert!(stdout(&o).starts_with('{'), "the command line wins");
    let o = run(&["audit", ".", "--no-config", "-f", "jsonl"]);
    assert_eq!(summary(&o)["documents"], 2, "no config: no glob");
    let o = run(&["check", "400-656-0055"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "check reads the config's reference too"
    );
    let other = dir.join("other.toml");
    write(&other, "format = \"sarif\"\n");
    let o = run(&["audit", ".", "--config", other.to_str().unwrap()]);
    assert!(stdout(&o).contains("\"2.1.0\""));
    write(&other, "formats = \"sarif\"\n");
    let o = run(&["audit", ".", "--config", other.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("other.toml"), "{}", stderr(&o));
}

#[test]
fn completions_and_man_page_come_from_the_definitions() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = hotline(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        assert!(stdout(&o).contains("no-ignore"), "{shell}");
    }
    let o = hotline(&["man"]);
    assert_eq!(o.status.code(), Some(0));
    let page = stdout(&o);
    assert!(
        page.starts_with(".ie") || page.contains(".TH hotline"),
        "{}",
        &page[..200.min(page.len())]
    );
    assert!(page.contains("hotline\\-audit") || page.contains("hotline-audit"));
}

// Item 17: the README says what happens: its example records come from a real run, set-up installs the
// binary the examples call, and it names what CI runs.
#[test]
fn the_readme_matches_a_real_run() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let o = hotline(&["audit", "fixtures/seeds", "-f", "jsonl"]);
    let out = stdout(&o);
    let real = summary(&o);
    let shown = readme
        .lines()
        .find(|l| l.starts_with(r#"{"type":"summary""#))
        .expect("a summary example");
    let shown: serde_json::Value = serde_json::from_str(&shown.replace(", ...}", "}")).unwrap();
    for (key, value) in shown.as_object().unwrap() {
        assert_eq!(&real[key], value, "README summary `{key}`");
    }
    let claim = readme
        .lines()
        .find(|l| l.starts_with(r#"{"type":"claim""#))
        .expect("a claim example");
    assert!(
        out.lines().any(|l| l == claim),
        "the README's claim is not in the real run:\n{claim}"
    );
    let setup = &readme[readme.find("## Set up").unwrap()..readme.find("## Use").unwrap()];
    assert!(setup.contains("cargo install --path ."), "{setup}");
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    for line in ci.lines().filter(|l| l.starts_with("cargo ")) {
        let sub = line.split_whitespace().nth(1).unwrap();
        assert!(
            setup.contains(sub),
            "CI runs `{line}`; the set-up does not say so"
        );
    }
    assert!(!readme.contains("CI runs exactly this"));
}
