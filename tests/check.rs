//! `hotline check` as a person runs it: which value it answers about, and advice and words that fit it.

use std::process::{Command, Output};

fn check(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hotline"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("check")
        .args(args)
        .output()
        .unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn words_around_a_value_are_read_as_the_finder_reads_text() {
    let o = check(&["Tel +1 800 555 0199", "-f", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["value"], "+18005550199", "{v}");
    assert_eq!(v["region"], "US");
    let o = check(&["Phone: +44 20 3865 9200"]);
    assert!(out(&o).contains("+44 20 3865 9200"), "{}", out(&o));
    assert!(!out(&o).contains("CN"), "{}", out(&o));
    assert!(err(&o).is_empty(), "{}", err(&o));
}

#[test]
fn no_contact_is_a_clear_error_and_several_are_each_answered() {
    let o = check(&["call me tomorrow"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).is_empty());
    assert!(
        err(&o).contains("neither a phone number nor an email address"),
        "{}",
        err(&o)
    );
    let o = check(&["京东 400-606-5500 或 jd-support@gmail.com", "-f", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let values: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["value"].as_str().unwrap())
        .collect();
    assert_eq!(values, ["+864006065500", "jd-support@gmail.com"]);
    // Each answer heads with its own contact as the message wrote it, not the whole message.
    let text = out(&check(&["京东 400-606-5500 或 jd-support@gmail.com"]));
    assert!(
        text.contains("\n400-606-5500  →  +86 400 606 5500\n")
            || text.starts_with("400-606-5500  →  +86 400 606 5500\n"),
        "{text}"
    );
    assert!(text.contains("\njd-support@gmail.com\n"), "{text}");
    assert!(!text.contains("京东"), "{text}");
}

#[test]
fn values_the_reference_lists_are_looked_up_before_validity() {
    for value in ["0633154848672", "26453692544"] {
        let o = check(&[value]);
        assert_eq!(o.status.code(), Some(1), "{value}: {}", err(&o));
        assert!(
            out(&o).contains("reported as used by scammers"),
            "{}",
            out(&o)
        );
        assert!(out(&o).contains("Listed for JD.com"), "{}", out(&o));
    }
}

#[test]
fn an_email_check_says_what_the_audit_knows_of_its_domain() {
    let free = out(&check(&["jd-support@gmail.com"]));
    let own = out(&check(&["support@jd.com"]));
    let lookalike = out(&check(&["kefu@jd-support.com"]));
    assert!(
        free.contains("gmail.com is a free webmail service"),
        "{free}"
    );
    assert!(own.contains("jd.com is JD.com's own domain"), "{own}");
    assert!(
        lookalike.contains("jd-support.com imitates JD.com's"),
        "{lookalike}"
    );
    assert_ne!(free, own);
    for text in [&free, &own] {
        assert!(!text.contains("look the number up"), "{text}");
    }
    let v: serde_json::Value =
        serde_json::from_slice(&check(&["jd-support@gmail.com", "-f", "json"]).stdout).unwrap();
    assert_eq!(v["domain"][0]["fact"], "freemail");
    assert_eq!(v["domain"][0]["rule"], "freemail");
}

#[test]
fn a_government_line_is_not_sent_to_the_company_app() {
    let text = out(&check(&["12315"]));
    assert!(!text.contains("company's own app"), "{text}");
    assert!(text.contains("government"), "{text}");
    let zh = out(&check(&["12315", "--lang", "zh"]));
    assert!(!zh.contains("企业官方 App"), "{zh}");
}

#[test]
fn chinese_answers_are_chinese() {
    let zh = out(&check(&["0633154848672", "--lang", "zh"]));
    for english in [
        "General consumer customer service",
        "Complaints and",
        "line for",
    ] {
        assert!(!zh.contains(english), "{english}: {zh}");
    }
    assert!(zh.contains("消费者客服"), "{zh}");
    for line in zh.lines() {
        // Addresses hold `https:`; the words around them take the full-width colon, once a label.
        assert!(
            line.matches('：').count() <= 2
                && !line.contains(": ")
                && !line.contains("：:")
                && !line.contains("： "),
            "one colon to a heading: {line}"
        );
    }
    assert!(zh.contains("JD.com 已登记的联系方式："), "{zh}");
    let email = out(&check(&["jd-support@gmail.com", "--lang", "zh"]));
    assert!(!email.contains("号码"), "an address is no 号码: {email}");
    let e = check(&["hello", "--lang", "zh"]);
    assert!(
        err(&e).contains("这既不是电话号码，也不是邮箱地址"),
        "{}",
        err(&e)
    );
    let e = check(&["", "--lang", "zh"]);
    assert!(
        err(&e).contains("请给出一个电话号码或邮箱地址"),
        "{}",
        err(&e)
    );
}

#[test]
fn an_empty_value_and_a_long_one_read_well() {
    for blank in ["", "   ", "\u{200B}"] {
        let o = check(&[blank]);
        assert_eq!(o.status.code(), Some(2));
        assert!(!err(&o).contains(": :"), "{}", err(&o));
        assert!(
            err(&o).starts_with("hotline: no value given"),
            "{:?}",
            err(&o)
        );
    }
    let long = format!(
        "{}@{}.{}.{}.org",
        "a".repeat(64),
        "b".repeat(60),
        "c".repeat(60),
        "d".repeat(60)
    );
    let text = out(&check(&[&long]));
    assert_eq!(text.matches(&long).count(), 1, "echoed once: {text}");
    let long = format!("{} 400-606-5500", "b".repeat(300));
    let text = out(&check(&[&long]));
    assert!(!text.contains(&"b".repeat(100)), "{text}");
    let digits = "1".repeat(300);
    let e = err(&check(&[&digits]));
    assert!(!e.contains(&"1".repeat(100)), "{e}");
}

#[test]
fn a_short_number_with_a_country_code_is_not_told_to_add_a_plus() {
    let o = check(&["+86 95588"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!err(&o).contains("give it with +"), "{}", err(&o));
    assert!(err(&o).contains("hotline check 95588"), "{}", err(&o));
}

#[test]
fn counts_take_the_singular() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hotline"))
        .args(["audit", "-", "-f", "text"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("京东客服电话：400-606-5500\n".as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    let text = out(&o);
    assert!(text.contains("1 document ("), "{text}");
    assert!(
        text.contains("1 claim (1 phone number, 0 email addresses)"),
        "{text}"
    );
    assert!(
        !text.contains("1 documents") && !text.contains("1 warnings"),
        "{text}"
    );
}

/// Each number's display format was compiled from the metadata's patterns again for every number, so a
/// value holding a thousand numbers took over half a minute in a debug build; the formats are now compiled
/// once per region (two seconds here, on an idle machine).
#[test]
fn a_value_holding_a_thousand_numbers_is_answered_quickly() {
    let value: String = (0..1000).map(|i| format!("400-606-{i:04} ")).collect();
    let started = std::time::Instant::now();
    let o = check(&[&value, "-q"]);
    let took = started.elapsed();
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(took.as_secs() < 20, "{took:?}");
    let o = check(&[&value[value.len() - 26..], "-f", "json"]);
    let answers: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(answers[1]["display"], "+86 400 606 0999");
}

/// A short number the metadata knows only as possible (US 170, GB 7726) is read by `check` as a page
/// presenting it is read, so every short number an audit reports can be checked; the answer says it is not
/// confirmed. A six-digit one still needs to be a valid short code.
#[test]
fn a_short_number_known_only_as_possible_is_answered_as_unconfirmed() {
    let o = check(&["170", "--region", "US", "-f", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["value"], "170", "{v}");
    assert_eq!(v["number_type"], "short_code", "{v}");
    assert_eq!(v["meaning"], "possible_short_code", "{v}");
    let text = out(&check(&["7726", "--region", "GB"]));
    assert!(text.contains("not confirmed"), "{text}");
    let o = check(&["Phone: 170", "--region", "US"]);
    assert_ne!(o.status.code(), Some(2), "{}", err(&o));
    let o = check(&["123456", "--region", "US"]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
}
