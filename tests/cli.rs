//! The binary as a user runs it: commands, formats, errors and exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn hotline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hotline"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap()
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
    assert_eq!(o.status.code(), Some(0), "one readable input is enough");
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
