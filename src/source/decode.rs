//! Bytes to text: byte order marks, declared charsets (HTTP header, `<meta>`), UTF-8, detection.
//!
//! Scraped pages are often not UTF-8 (GBK and Big5 pages are common on Chinese sites) and their labels are
//! often wrong, so the order of evidence is: a byte order mark, then the declared charset, then valid UTF-8,
//! then statistical detection (`chardetng`, the detector Firefox uses). Binary content (images, PDFs,
//! archives that slipped into a crawl) is refused rather than turned into noise.

use std::fmt;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, REPLACEMENT, UTF_16BE, UTF_16LE, UTF_8};

/// Text decoded from bytes, and the encoding it was in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// `None` when the input was UTF-8; otherwise the encoding's name (`encoding_rs::Encoding::name()`:
    /// "GBK", "gb18030", "Big5", "UTF-16LE", "windows-1252", ...).
    pub encoding: Option<&'static str>,
}

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes are not text: a NUL byte (outside UTF-16) at `offset`.
    Binary { offset: usize },
    /// The bytes are not text: more than 10% are control bytes; `offset` is the first.
    ControlBytes { offset: usize },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary { offset } => {
                write!(f, "binary content (NUL byte at offset {offset})")
            }
            DecodeError::ControlBytes { offset } => write!(
                f,
                "binary content (more than 10% control bytes, the first at offset {offset})"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes `bytes` to text.
///
/// Order of evidence:
/// 1. A byte order mark (UTF-8, UTF-16LE, UTF-16BE) wins; a UTF-8 BOM is stripped.
/// 2. `declared`: a charset label from an HTTP header or `<meta>` (`"gbk"`, `"gb2312"`, `"big5"`,
///    `"utf-8"`, ...). Unknown labels (and the "replacement" labels such as `iso-2022-kr`, which would turn
///    the page into a single U+FFFD) are ignored. Two kinds of common mislabelling are corrected: bytes
///    declared as a legacy encoding that are valid UTF-8 with non-ASCII content are read as UTF-8 (a
///    legacy-encoded page is practically never valid UTF-8 by accident), and bytes declared as UTF-8 with
///    more than a few invalid sequences go on to detection.
/// 3. UTF-16 without a BOM when the NUL bytes all fall on one side of the code units (ASCII-heavy text).
/// 4. Valid UTF-8.
/// 5. `chardetng` detection (UTF-8 not allowed as a guess, no TLD hint, ISO-2022-JP not allowed).
///
/// Binary content (a NUL byte outside UTF-16, or more than 10% control bytes) is an error. Invalid sequences
/// in a declared or detected legacy encoding become U+FFFD.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, DecodeError> {
    // 1. Byte order marks.
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        if encoding == UTF_8 {
            check_binary(body, bom_len)?;
            return Ok(Decoded {
                text: String::from_utf8_lossy(body).into_owned(),
                encoding: None,
            });
        }
        return decode_utf16(body, encoding, bom_len);
    }

    // 2. The declared charset.
    let declared = declared
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .filter(|&e| e != REPLACEMENT);
    if let Some(encoding) = declared {
        if encoding == UTF_16LE || encoding == UTF_16BE {
            // A UTF-16 label on bytes without NULs that are valid UTF-8 is a wrong label.
            if bytes.contains(&0) || std::str::from_utf8(bytes).is_err() {
                return decode_utf16(bytes, encoding, 0);
            }
        } else if encoding == UTF_8 {
            check_binary(bytes, 0)?;
            if let Some(text) = mostly_utf8(bytes) {
                return Ok(Decoded {
                    text,
                    encoding: None,
                });
            }
            // Too many invalid sequences for a UTF-8 page: the label is wrong; detect below.
        } else {
            check_binary(bytes, 0)?;
            let utf8_after_all = std::str::from_utf8(bytes).ok().filter(|s| !s.is_ascii());
            if let Some(text) = utf8_after_all {
                return Ok(Decoded {
                    text: text.to_owned(),
                    encoding: None,
                });
            }
            return Ok(decode_with(bytes, encoding));
        }
    }

    // 3. UTF-16 without a BOM.
    // Guessed UTF-16 must read as text: binary data with NULs on one side decodes to control characters.
    if let Some(encoding) = sniff_utf16(bytes) {
        if let Ok(decoded) = decode_utf16(bytes, encoding, 0) {
            let control = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c');
            if !decoded.text.chars().any(control) {
                return Ok(decoded);
            }
        }
    }

    check_binary(bytes, 0)?;

    // 4. UTF-8.
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_owned(),
            encoding: None,
        });
    }

    // 5. Detection.
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, Utf8Detection::Deny);
    Ok(decode_with(bytes, encoding))
}

/// Decodes HTML bytes, taking the charset from the HTTP `Content-Type` header when it names one, else from a
/// `<meta>` declaration near the start of the page.
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> Result<Decoded, DecodeError> {
    let from_header = content_type.and_then(charset_from_content_type);
    match from_header {
        Some(label) => decode(bytes, Some(label)),
        None => decode(bytes, sniff_meta_charset(bytes).as_deref()),
    }
}

fn decode_with(bytes: &[u8], encoding: &'static Encoding) -> Decoded {
    let (text, _had_errors) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: (encoding != UTF_8).then(|| encoding.name()),
    }
}

/// UTF-8 with at most a few invalid sequences (a truncated character, a stray byte), decoded lossily.
fn mostly_utf8(bytes: &[u8]) -> Option<String> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some(text.to_owned());
    }
    let text = String::from_utf8_lossy(bytes);
    let replaced = text.chars().filter(|&c| c == '\u{fffd}').count();
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    (replaced <= 2 || replaced * 50 <= non_ascii).then(|| text.into_owned())
}

fn decode_utf16(
    body: &[u8],
    encoding: &'static Encoding,
    start: usize,
) -> Result<Decoded, DecodeError> {
    let (text, _had_errors) = encoding.decode_without_bom_handling(body);
    // Binary check on the decoded characters; offsets count UTF-16 code units back to bytes.
    let mut controls = 0usize;
    let mut first_control = None;
    let mut offset = start;
    let mut chars = 0usize;
    for c in text.chars() {
        chars += 1;
        if c == '\0' {
            return Err(DecodeError::Binary { offset });
        }
        // C1 controls (U+0080..U+009F) count too: binary read as UTF-16 is full of them.
        let control = if c.is_ascii() {
            is_control_byte(c as u8)
        } else {
            c.is_control()
        };
        if control {
            controls += 1;
            first_control.get_or_insert(offset);
        }
        offset += 2 * c.len_utf16();
    }
    if let Some(offset) = first_control.filter(|_| too_many_controls(controls, chars)) {
        return Err(DecodeError::ControlBytes { offset });
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: Some(encoding.name()),
    })
}

/// UTF-16 without a BOM: in the first 4 KiB, at least 30% of the code units have a NUL on one side and none on
/// the other (ASCII-heavy text such as HTML markup).
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = bytes.get(..bytes.len().min(4096)).unwrap_or_default();
    let units = sample.len() / 2;
    if units < 2 {
        return None;
    }
    let (mut nul_even, mut nul_odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        if let [a, b] = pair {
            nul_even += usize::from(*a == 0);
            nul_odd += usize::from(*b == 0);
        }
    }
    if nul_even == 0 && nul_odd * 10 >= units * 3 {
        Some(UTF_16LE)
    } else if nul_odd == 0 && nul_even * 10 >= units * 3 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// C0 control bytes that do not occur in text. Tab, line feed, form feed, carriage return and escape (used by
/// ISO-2022-JP) are allowed.
fn is_control_byte(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0c | b'\r' | 0x1b)
}

fn too_many_controls(controls: usize, total: usize) -> bool {
    controls >= 4 && controls * 10 > total
}

/// An error for the first NUL byte, or for the first control byte when more than 10% are control bytes.
/// Offsets are reported from `base`.
fn check_binary(bytes: &[u8], base: usize) -> Result<(), DecodeError> {
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(DecodeError::Binary {
            offset: base + offset,
        });
    }
    // A plain sum, which the compiler vectorizes (a filter-count is several times slower on big pages).
    let controls: usize = bytes.iter().map(|&b| usize::from(is_control_byte(b))).sum();
    if too_many_controls(controls, bytes.len()) {
        let first = bytes.iter().position(|&b| is_control_byte(b)).unwrap_or(0);
        return Err(DecodeError::ControlBytes {
            offset: base + first,
        });
    }
    Ok(())
}

/// The `charset` parameter of a `Content-Type` value: `text/html; charset=GBK` -> `Some("GBK")`. Quotes are
/// removed; the parameter name is matched without regard to case.
pub fn charset_from_content_type(content_type: &str) -> Option<&str> {
    let mut params = content_type.split(';');
    params.next(); // the media type
    for param in params {
        let Some((name, value)) = param.split_once('=') else {
            continue;
        };
        if !name.trim().eq_ignore_ascii_case("charset") {
            continue;
        }
        let value = value.trim();
        let value = match value.strip_prefix('"') {
            Some(rest) => rest.split('"').next().unwrap_or(""),
            None => match value.strip_prefix('\'') {
                Some(rest) => rest.split('\'').next().unwrap_or(""),
                None => value,
            },
        };
        let value = value.trim();
        return (!value.is_empty()).then_some(value);
    }
    None
}

/// How far into a page to look for a `<meta>` charset declaration (as browsers' prescan does).
const META_SCAN: usize = 4096;

/// The charset a page declares in `<meta charset="gbk">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">` within its first 4096 bytes.
/// A byte scan (ASCII case-insensitive) in the manner of the WHATWG prescan: comments are skipped, and the
/// first `<meta>` that declares a charset wins.
pub fn sniff_meta_charset(bytes: &[u8]) -> Option<String> {
    let head = bytes.get(..bytes.len().min(META_SCAN)).unwrap_or_default();
    let mut i = 0;
    while i < head.len() {
        let rest = head.get(i..).unwrap_or_default();
        if rest.starts_with(b"<!--") {
            i = match find(rest.get(4..).unwrap_or_default(), b"-->") {
                Some(end) => i + 4 + end + 3,
                None => return None,
            };
            continue;
        }
        if starts_with_ignore_case(rest, b"<meta")
            && rest
                .get(5)
                .is_some_and(|&b| b.is_ascii_whitespace() || b == b'/')
        {
            let (charset, end) = meta_charset(head, i + 5);
            if charset.is_some() {
                return charset;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    None
}

/// Reads the attributes of a `<meta` tag starting at `i`; returns the charset it declares and where it ends.
fn meta_charset(head: &[u8], mut i: usize) -> (Option<String>, usize) {
    let mut charset: Option<String> = None;
    let mut content: Option<String> = None;
    let mut http_equiv_content_type = false;
    loop {
        let Some((name, value, next)) = attribute(head, i) else {
            // End of tag or of the scanned bytes.
            let end = head
                .get(i..)
                .and_then(|r| r.iter().position(|&b| b == b'>'))
                .map_or(head.len(), |p| i + p + 1);
            let found = charset.or_else(|| {
                if http_equiv_content_type {
                    content.as_deref().and_then(charset_in_content)
                } else {
                    None
                }
            });
            return (found.filter(|c| !c.is_empty()), end);
        };
        i = next;
        match name.as_slice() {
            b"charset" if charset.is_none() => {
                charset = Some(String::from_utf8_lossy(&value).trim().to_string());
            }
            b"content" if content.is_none() => {
                content = Some(String::from_utf8_lossy(&value).into_owned());
            }
            b"http-equiv" => {
                http_equiv_content_type |= value.eq_ignore_ascii_case(b"content-type");
            }
            _ => {}
        }
    }
}

/// One attribute at `i` (WHATWG "get an attribute", simplified): `(lower-case name, value, next index)`, or
/// `None` at `>` or the end of the bytes.
fn attribute(head: &[u8], mut i: usize) -> Option<(Vec<u8>, Vec<u8>, usize)> {
    while head
        .get(i)
        .is_some_and(|&b| b.is_ascii_whitespace() || b == b'/')
    {
        i += 1;
    }
    match head.get(i) {
        None | Some(b'>') => return None,
        _ => {}
    }
    let mut name = Vec::new();
    while let Some(&b) = head.get(i) {
        if b == b'=' && !name.is_empty() {
            break;
        }
        if b.is_ascii_whitespace() || b == b'/' || b == b'>' {
            break;
        }
        name.push(b.to_ascii_lowercase());
        i += 1;
    }
    while head.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
        i += 1;
    }
    if head.get(i) != Some(&b'=') {
        return Some((name, Vec::new(), i));
    }
    i += 1;
    while head.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
        i += 1;
    }
    let mut value = Vec::new();
    match head.get(i) {
        Some(&q) if q == b'"' || q == b'\'' => {
            i += 1;
            while let Some(&b) = head.get(i) {
                i += 1;
                if b == q {
                    break;
                }
                value.push(b);
            }
        }
        _ => {
            while let Some(&b) = head.get(i) {
                if b.is_ascii_whitespace() || b == b'>' {
                    break;
                }
                value.push(b);
                i += 1;
            }
        }
    }
    Some((name, value, i))
}

/// WHATWG "extract a character encoding from a meta element": the value after `charset=` in a `content`.
fn charset_in_content(content: &str) -> Option<String> {
    let lower = content.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = content.get(at + "charset".len()..)?.trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let value = match rest.chars().next() {
        Some(q @ ('"' | '\'')) => rest.get(1..)?.split(q).next()?,
        _ => rest
            .split(|c: char| c.is_ascii_whitespace() || c == ';')
            .next()?,
    };
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

fn starts_with_ignore_case(haystack: &[u8], prefix: &[u8]) -> bool {
    haystack
        .get(..prefix.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(prefix))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gbk(text: &str) -> Vec<u8> {
        encoding_rs::GBK.encode(text).0.into_owned()
    }

    #[test]
    fn utf8_is_passed_through() {
        let d = decode("客服热线 400-606-5500".as_bytes(), None).unwrap();
        assert_eq!(d.text, "客服热线 400-606-5500");
        assert_eq!(d.encoding, None);
        let d = decode(b"", None).unwrap();
        assert_eq!(d.text, "");
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let d = decode("\u{feff}hello 你好".as_bytes(), None).unwrap();
        assert_eq!(d.text, "hello 你好");
        assert_eq!(d.encoding, None);
        // The BOM wins over a declared legacy charset.
        let d = decode("\u{feff}你好".as_bytes(), Some("gbk")).unwrap();
        assert_eq!(d.text, "你好");
    }

    #[test]
    fn utf16_boms() {
        let mut le = vec![0xff, 0xfe];
        le.extend("客服 400".encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(&le, Some("gbk")).unwrap();
        assert_eq!(d.text, "客服 400");
        assert_eq!(d.encoding, Some("UTF-16LE"));

        let mut be = vec![0xfe, 0xff];
        be.extend("<p>Hi</p>".encode_utf16().flat_map(u16::to_be_bytes));
        let d = decode(&be, None).unwrap();
        assert_eq!(d.text, "<p>Hi</p>");
        assert_eq!(d.encoding, Some("UTF-16BE"));

        // An odd trailing byte is an invalid sequence, not a panic.
        let mut odd = le.clone();
        odd.push(b'x');
        assert!(decode(&odd, None).unwrap().text.ends_with('\u{fffd}'));
    }

    #[test]
    fn utf16_without_bom_and_declared() {
        let le: Vec<u8> = "<html><body>Call 400-606-5500</body></html>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let d = decode(&le, None).unwrap();
        assert_eq!(d.text, "<html><body>Call 400-606-5500</body></html>");
        assert_eq!(d.encoding, Some("UTF-16LE"));
        let d = decode(&le, Some("utf-16")).unwrap();
        assert_eq!(d.encoding, Some("UTF-16LE"));
        // A UTF-16 label on plain UTF-8 bytes is wrong.
        let d = decode("plain 文本".as_bytes(), Some("utf-16")).unwrap();
        assert_eq!(d.text, "plain 文本");
        assert_eq!(d.encoding, None);
    }

    #[test]
    fn declared_gbk_and_big5() {
        let bytes = gbk("京东客服电话：400-606-5500，邮箱 kefu@jd.com");
        for label in ["gbk", "GBK", " gb2312 ", "GB18030"] {
            let d = decode(&bytes, Some(label)).unwrap();
            assert_eq!(d.text, "京东客服电话：400-606-5500，邮箱 kefu@jd.com");
        }
        assert_eq!(
            decode(&bytes, Some("gb2312")).unwrap().encoding,
            Some("GBK")
        );
        assert_eq!(
            decode(&bytes, Some("gb18030")).unwrap().encoding,
            Some("gb18030")
        );

        let big5 = encoding_rs::BIG5.encode("客服專線 0800-000-123").0;
        let d = decode(&big5, Some("big5")).unwrap();
        assert_eq!(d.text, "客服專線 0800-000-123");
        assert_eq!(d.encoding, Some("Big5"));
    }

    #[test]
    fn unknown_and_replacement_labels_are_ignored() {
        let bytes = "héllo wörld".as_bytes();
        let d = decode(bytes, Some("no-such-charset")).unwrap();
        assert_eq!(d.text, "héllo wörld");
        assert_eq!(d.encoding, None);
        // iso-2022-kr maps to the "replacement" encoding, which would erase the page.
        let d = decode(b"plain ascii", Some("iso-2022-kr")).unwrap();
        assert_eq!(d.text, "plain ascii");
    }

    #[test]
    fn declared_legacy_on_utf8_bytes_reads_utf8() {
        // Servers often send `charset=ISO-8859-1` for UTF-8 pages.
        let d = decode("客服 400".as_bytes(), Some("iso-8859-1")).unwrap();
        assert_eq!(d.text, "客服 400");
        assert_eq!(d.encoding, None);
        // Pure ASCII follows the label (same text either way).
        let d = decode(b"ascii", Some("windows-1252")).unwrap();
        assert_eq!(d.encoding, Some("windows-1252"));
    }

    #[test]
    fn declared_utf8_on_gbk_bytes_is_detected() {
        let text = "京东客服电话是多少？京东商城的官方客服热线为四零零，全天二十四小时为您服务，欢迎致电咨询。";
        let d = decode(&gbk(text), Some("utf-8")).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, Some("GBK"));
        // One stray byte in a UTF-8 page keeps UTF-8.
        let mut bytes = "客服热线 400-606-5500 全天服务".as_bytes().to_vec();
        bytes.push(0xe4);
        let d = decode(&bytes, Some("utf-8")).unwrap();
        assert_eq!(d.encoding, None);
        assert!(d.text.starts_with("客服热线 400-606-5500"));
        assert!(d.text.ends_with('\u{fffd}'));
    }

    #[test]
    fn undeclared_gbk_is_detected() {
        let text = "京东客服电话是多少？京东商城的官方客服热线为四零零，全天二十四小时为您服务，欢迎致电咨询。";
        let d = decode(&gbk(text), None).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, Some("GBK"));
    }

    #[test]
    fn invalid_sequences_in_legacy_encodings_become_replacement() {
        let mut bytes = gbk("客服");
        bytes.push(0x81); // a lead byte with no trail byte
        let d = decode(&bytes, Some("gbk")).unwrap();
        assert_eq!(d.text, "客服\u{fffd}");
    }

    #[test]
    fn binary_is_refused() {
        let err = decode(b"GIF89a\x01\x00\x01\x00\x00\xff", None).unwrap_err();
        assert_eq!(err, DecodeError::Binary { offset: 7 });
        assert_eq!(err.to_string(), "binary content (NUL byte at offset 7)");
        assert!(decode(b"\x1f\x8b\x08\x00rest", Some("utf-8")).is_err());
        assert!(decode(b"abc\0", Some("gbk")).is_err());
        // Many control bytes without a NUL.
        let err = decode(b"ab\x01\x02\x03\x04\x05\x06cd", None).unwrap_err();
        assert_eq!(err, DecodeError::ControlBytes { offset: 2 });
        assert_eq!(
            err.to_string(),
            "binary content (more than 10% control bytes, the first at offset 2)"
        );
        // A few control bytes in a long text are tolerated.
        let mut text = "正文 text ".repeat(20).into_bytes();
        text.extend(b"\x01\x02\x03\x04");
        assert!(decode(&text, None).is_ok());
        // Tabs, form feeds, CR/LF and ESC (ISO-2022-JP) are text.
        assert!(decode(b"a\tb\r\n\x0c\x1b$B", None).is_ok());
        // NUL code units inside UTF-16.
        let mut le = vec![0xff, 0xfe];
        le.extend([b'a', 0, 0, 0]);
        assert_eq!(
            decode(&le, None).unwrap_err(),
            DecodeError::Binary { offset: 4 }
        );
    }

    #[test]
    fn content_type_charset() {
        assert_eq!(
            charset_from_content_type("text/html; charset=GBK"),
            Some("GBK")
        );
        assert_eq!(
            charset_from_content_type("text/html;Charset=\"utf-8\"; q=1"),
            Some("utf-8")
        );
        assert_eq!(
            charset_from_content_type("text/html; boundary=x; charset = 'big5' "),
            Some("big5")
        );
        assert_eq!(charset_from_content_type("text/html"), None);
        assert_eq!(charset_from_content_type("text/html; charset="), None);
        assert_eq!(charset_from_content_type("charset=gbk"), None);
        assert_eq!(charset_from_content_type(""), None);
        assert_eq!(
            charset_from_content_type("text/html; charset=\"gbk"),
            Some("gbk")
        );
    }

    #[test]
    fn meta_charset() {
        assert_eq!(
            sniff_meta_charset(b"<html><head><meta charset=\"gbk\"><title>x</title>").as_deref(),
            Some("gbk")
        );
        assert_eq!(
            sniff_meta_charset(b"<META CHARSET=Big5>").as_deref(),
            Some("Big5")
        );
        assert_eq!(
            sniff_meta_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\" />"
            )
            .as_deref(),
            Some("gb2312")
        );
        assert_eq!(
            sniff_meta_charset(
                b"<meta content='text/html;charset=utf-8' http-equiv='content-type'>"
            )
            .as_deref(),
            Some("utf-8")
        );
        // A content attribute without http-equiv does not count.
        assert_eq!(
            sniff_meta_charset(b"<meta name=x content=\"charset=gbk\"><meta charset=utf-8>")
                .as_deref(),
            Some("utf-8")
        );
        // Commented out, not a meta tag, beyond 4096 bytes, unterminated: nothing.
        assert_eq!(sniff_meta_charset(b"<!-- <meta charset=gbk> -->"), None);
        assert_eq!(sniff_meta_charset(b"<metadata charset=gbk>"), None);
        let mut far = vec![b' '; 4100];
        far.extend_from_slice(b"<meta charset=gbk>");
        assert_eq!(sniff_meta_charset(&far), None);
        assert_eq!(
            sniff_meta_charset(b"<meta charset=\"gbk"),
            Some("gbk".into())
        );
        assert_eq!(sniff_meta_charset(b"<meta charset="), None);
        assert_eq!(sniff_meta_charset(b"<meta"), None);
        assert_eq!(sniff_meta_charset(b""), None);
    }

    #[test]
    fn decode_html_prefers_the_header() {
        let mut page = b"<meta charset=big5>".to_vec();
        page.extend(gbk("客服电话"));
        let d = decode_html(&page, Some("text/html; charset=gbk")).unwrap();
        assert!(d.text.ends_with("客服电话"));
        let mut page = b"<meta charset=gbk>".to_vec();
        page.extend(gbk("客服电话"));
        let d = decode_html(&page, Some("text/html")).unwrap();
        assert!(d.text.ends_with("客服电话"));
        assert_eq!(d.encoding, Some("GBK"));
    }

    #[test]
    fn hostile_inputs_do_not_panic() {
        let mut junk = Vec::new();
        for i in 0..5000u32 {
            junk.push((i.wrapping_mul(2_654_435_761) >> 13) as u8);
        }
        for cut in [0, 1, 2, 3, 4, 5, 17, 999, 4095, 4096, 4097, 5000] {
            let bytes = &junk[..cut];
            let _ = decode(bytes, None);
            let _ = decode(bytes, Some("gbk"));
            let _ = decode(bytes, Some("utf-16be"));
            let _ = sniff_meta_charset(bytes);
        }
        let metas =
            b"<meta <meta charset <meta http-equiv=content-type content=charset <!-- <meta ="
                .repeat(100);
        let _ = sniff_meta_charset(&metas);
        // Long inputs stay fast.
        let big = "客服 400-606-5500 ".repeat(200_000);
        let d = decode(big.as_bytes(), None).unwrap();
        assert_eq!(d.text.len(), big.len());
    }
}
