//! JSON Lines crawl exports: one page per line, as an object with the page's text or HTML.

use serde_json::{Map, Value};

/// A page's content as the record gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// Already-extracted text (`"text"`, or `"content"` / `"body"`).
    Text(String),
    /// HTML to be converted (`"html"`).
    Html(String),
}

/// One page read from a JSON Lines record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedPage {
    /// The 1-based line number the record was on (as passed to [`parse_line`]).
    pub line: usize,
    pub url: Option<String>,
    pub title: Option<String>,
    pub body: Body,
}

/// Parses one JSON Lines record: an object with `"html"` or `"text"` (or `"content"` / `"body"`, read as text),
/// and optional `"url"` and `"title"` strings.
///
/// When a record has both non-empty `"html"` and `"text"`, the HTML is used: its tables, headings and links
/// keep the labels the extractor reads. Blank lines give `Ok(None)`. Anything else is an `Err` whose message
/// says what is wrong (`not a JSON object: expected value at column 1`, `no "text" or "html" field`).
/// A UTF-8 byte order mark and a trailing carriage return are ignored. Nesting deeper than `serde_json`'s
/// limit (128) is an error, not a stack overflow.
pub fn parse_line(line: &str, line_number: usize) -> Result<Option<ExportedPage>, String> {
    let trimmed = line.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let value: Value = match serde_json::from_str(trimmed) {
        Ok(value) => value,
        // Exports written by Python can hold `\ud800` escapes for undecodable bytes; read them as U+FFFD
        // rather than losing the page.
        Err(e) if e.to_string().contains("hex escape") => {
            serde_json::from_str(&replace_lone_surrogates(trimmed))
                .map_err(|e| format!("not a JSON object: {}", describe(&e)))?
        }
        Err(e) => return Err(format!("not a JSON object: {}", describe(&e))),
    };
    let Value::Object(object) = value else {
        return Err(format!("not a JSON object: found {}", kind(&value)));
    };
    let body = body(&object)?;
    Ok(Some(ExportedPage {
        line: line_number,
        url: string_field(&object, "url"),
        title: string_field(&object, "title"),
        body,
    }))
}

fn body(object: &Map<String, Value>) -> Result<Body, String> {
    let html = text_field(object, "html")?;
    let text = text_field(object, "text")?;
    let html_first = html.is_some_and(|h| !h.trim().is_empty()) || text.is_none();
    if let (true, Some(html)) = (html_first, html) {
        return Ok(Body::Html(html.to_string()));
    }
    if let Some(text) = text {
        return Ok(Body::Text(text.to_string()));
    }
    for name in ["content", "body"] {
        if let Some(text) = text_field(object, name)? {
            return Ok(Body::Text(text.to_string()));
        }
    }
    Err("no \"text\" or \"html\" field".to_string())
}

/// A field that holds page content: absent or `null` is `None`; a non-string is an error.
fn text_field<'a>(object: &'a Map<String, Value>, name: &str) -> Result<Option<&'a str>, String> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(format!(
            "the \"{name}\" field is {}, not a string",
            kind(other)
        )),
    }
}

/// An optional descriptive field (`url`, `title`): trimmed, `None` when absent, empty or not a string.
fn string_field(object: &Map<String, Value>, name: &str) -> Option<String> {
    match object.get(name) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    }
}

/// Rewrites `\uXXXX` escapes of unpaired UTF-16 surrogates as `\ufffd`; everything else is copied.
fn replace_lone_surrogates(json: &str) -> String {
    fn escape_at(bytes: &[u8], i: usize) -> Option<u32> {
        let rest = bytes.get(i..i + 6)?;
        if !rest.starts_with(b"\\u") {
            return None;
        }
        let hex = std::str::from_utf8(rest.get(2..)?).ok()?;
        u32::from_str_radix(hex, 16).ok()
    }
    let bytes = json.as_bytes();
    let mut out = String::with_capacity(json.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes.get(i) != Some(&b'\\') {
            i += 1;
            continue;
        }
        match escape_at(bytes, i) {
            Some(0xd800..=0xdbff) => {
                if matches!(escape_at(bytes, i + 6), Some(0xdc00..=0xdfff)) {
                    i += 12;
                } else {
                    out.push_str(json.get(copied..i).unwrap_or(""));
                    out.push_str("\\ufffd");
                    i += 6;
                    copied = i;
                }
            }
            Some(0xdc00..=0xdfff) => {
                out.push_str(json.get(copied..i).unwrap_or(""));
                out.push_str("\\ufffd");
                i += 6;
                copied = i;
            }
            // Any other escape, including `\\`: skip both characters.
            _ => i += 2,
        }
    }
    out.push_str(json.get(copied..).unwrap_or(""));
    out
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `serde_json`'s message with the position as a column only (a record is one line).
fn describe(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = message.strip_suffix(&suffix).unwrap_or(&message);
    if e.line() == 0 {
        message.to_string()
    } else {
        format!("{message} at column {}", e.column())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(line: &str) -> ExportedPage {
        parse_line(line, 7).unwrap().unwrap()
    }

    #[test]
    fn text_and_html_records() {
        let p = page(r#"{"url":"https://jd.com/help","title":"客服","text":"热线 400-606-5500"}"#);
        assert_eq!(p.line, 7);
        assert_eq!(p.url.as_deref(), Some("https://jd.com/help"));
        assert_eq!(p.title.as_deref(), Some("客服"));
        assert_eq!(p.body, Body::Text("热线 400-606-5500".into()));

        let p = page(r#"{"html":"<p>x</p>","extra":[1,2,{"a":null}]}"#);
        assert_eq!(p.body, Body::Html("<p>x</p>".into()));
        assert_eq!(p.url, None);
        assert_eq!(p.title, None);

        assert_eq!(page(r#"{"content":"c"}"#).body, Body::Text("c".into()));
        assert_eq!(page(r#"{"body":"b"}"#).body, Body::Text("b".into()));
        assert_eq!(page(r#"{"text":""}"#).body, Body::Text(String::new()));
    }

    #[test]
    fn html_wins_over_text_unless_empty() {
        assert_eq!(
            page(r#"{"text":"t","html":"<td>h</td>"}"#).body,
            Body::Html("<td>h</td>".into())
        );
        assert_eq!(
            page(r#"{"text":"t","html":"  "}"#).body,
            Body::Text("t".into())
        );
        assert_eq!(
            page(r#"{"text":null,"html":""}"#).body,
            Body::Html(String::new())
        );
        assert_eq!(
            page(r#"{"text":"t","content":"c"}"#).body,
            Body::Text("t".into())
        );
    }

    #[test]
    fn optional_fields_that_are_not_strings_are_ignored() {
        let p = page(r#"{"url":5,"title":"  ","text":"x"}"#);
        assert_eq!(p.url, None);
        assert_eq!(p.title, None);
    }

    #[test]
    fn blank_lines() {
        assert_eq!(parse_line("", 1), Ok(None));
        assert_eq!(parse_line("  \t\r", 1), Ok(None));
        assert_eq!(parse_line("\u{feff}", 1), Ok(None));
        assert!(parse_line("\u{feff}{\"text\":\"x\"}\r", 1)
            .unwrap()
            .is_some());
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(
            parse_line("hello", 1),
            Err("not a JSON object: expected value at column 1".into())
        );
        assert_eq!(
            parse_line(r#"{"text": "x""#, 1),
            Err("not a JSON object: EOF while parsing an object at column 12".into())
        );
        assert_eq!(
            parse_line(r#"["text"]"#, 1),
            Err("not a JSON object: found an array".into())
        );
        assert_eq!(
            parse_line(r#""text""#, 1),
            Err("not a JSON object: found a string".into())
        );
        assert_eq!(
            parse_line(r#"{"url":"u"}"#, 1),
            Err("no \"text\" or \"html\" field".into())
        );
        assert_eq!(
            parse_line(r#"{"text":3}"#, 1),
            Err("the \"text\" field is a number, not a string".into())
        );
        assert_eq!(
            parse_line(r#"{"html":{"a":1}}"#, 1),
            Err("the \"html\" field is an object, not a string".into())
        );
        assert!(parse_line(r#"{"text":"x"} {"text":"y"}"#, 1)
            .unwrap_err()
            .starts_with("not a JSON object: trailing characters"));
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        assert_eq!(
            page(r#"{"text":"a\ud800b\udc00c\ud83d\ude00\\ud800"}"#).body,
            Body::Text("a\u{fffd}b\u{fffd}c\u{1f600}\\ud800".into())
        );
        assert_eq!(
            page(r#"{"text":"\ud800\ud800\udbff"}"#).body,
            Body::Text("\u{fffd}\u{fffd}\u{fffd}".into())
        );
        assert!(parse_line(r#"{"text":"\ud800", oops}"#, 1).is_err());
        assert!(parse_line(r#"{"text":"\ud8"}"#, 1).is_err());
    }

    #[test]
    fn hostile_lines() {
        // Deep nesting hits serde_json's recursion limit instead of the stack.
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        let err = parse_line(&deep, 1).unwrap_err();
        assert!(err.contains("recursion limit"), "{err}");
        let deep = format!("{{\"text\":\"x\",\"a\":{}}}", "{\"b\":".repeat(100_000));
        assert!(parse_line(&deep, 1).is_err());
        // A long line and many keys stay linear.
        let text = "客服 400-606-5500 ".repeat(100_000);
        let line = serde_json::json!({ "text": text }).to_string();
        assert_eq!(page(&line).body, Body::Text(text));
        let mut many = String::from("{");
        for i in 0..100_000 {
            many.push_str(&format!("\"k{i}\":{i},"));
        }
        many.push_str("\"text\":\"x\"}");
        assert_eq!(page(&many).body, Body::Text("x".into()));
        // Invalid escapes are errors, not panics.
        assert!(parse_line(r#"{"text":"\x"}"#, 1).is_err());
        assert!(parse_line("{\"text\":\"1e999999\", \"n\": 1e999999}", 1).is_err());
    }
}
