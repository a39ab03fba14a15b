//! Email addresses in text: plain, full-width `＠`, glued to neighbouring words, and the common
//! obfuscations (`name [at] domain [dot] com`, `name(at)domain.com`, `name AT domain DOT com`).

use std::sync::OnceLock;

use regex::Regex;

use super::Mention;
use crate::model::Kind;
use crate::text::{ceil_boundary, floor_boundary, Replaced};

const LOCAL: &str = r"[A-Za-z0-9](?:[A-Za-z0-9._%+\-]{0,63}[A-Za-z0-9_%+\-])?";
const LABEL: &str = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?";

fn plain() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            r"(?P<local>{LOCAL}) ?[@＠] ?(?P<domain>{LABEL}(?:[.．]{LABEL})+)"
        ))
        .unwrap()
    })
}

fn obfuscated() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let at = r"(?:\s*[\[(\{]\s*(?i:at|@)\s*[\])\}]\s*|\s+AT\s+)";
        let dot = r"(?:\s*[\[(\{]\s*(?i:dot|\.)\s*[\])\}]\s*|\s+DOT\s+|\.)";
        Regex::new(&format!(
            r"(?P<local>{LOCAL}){at}(?P<domain>{LABEL}(?:{dot}{LABEL})+)"
        ))
        .unwrap()
    })
}

/// Just the "at" of an obfuscated address (`[at]`, `( @ )`, ` AT `), to skip the full pattern on pages
/// without one. Hand-written around `memchr`: as a regex, its leading `\s` alternative made it test every
/// space of every page.
fn has_obfuscation_marker(text: &str) -> bool {
    let bracketed = memchr::memchr3_iter(b'[', b'(', b'{', text.as_bytes()).any(|i| {
        let inside = text[i + 1..].trim_start();
        let rest = if let Some(rest) = inside.strip_prefix('@') {
            rest
        } else if inside.len() >= 2 && inside.as_bytes()[..2].eq_ignore_ascii_case(b"at") {
            &inside[2..]
        } else {
            return false;
        };
        rest.trim_start().starts_with([']', ')', '}'])
    });
    bracketed
        || memchr::memmem::find_iter(text.as_bytes(), b"AT").any(|i| {
            text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace)
                && text[i + 2..]
                    .chars()
                    .next()
                    .is_some_and(char::is_whitespace)
        })
}

fn dot_word() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\s*[\[(\{]\s*(?i:dot|\.)\s*[\])\}]\s*|\s+DOT\s+|．").unwrap())
}

/// The registrable domain (`mail.jd.com` -> `jd.com`, `x.com.cn` -> `x.com.cn`), by the public suffix list.
pub fn registrable(domain: &str) -> &str {
    psl::domain_str(domain).unwrap_or(domain)
}

fn known_suffix(domain: &str) -> bool {
    psl::suffix(domain.to_ascii_lowercase().as_bytes()).is_some_and(|s| s.is_known())
        && domain.contains('.')
}

/// Cuts a domain glued to the following word (`jd.comWithin` -> `jd.com`) at a public suffix.
/// Returns the domain's byte length in `domain`, or `None` if no public suffix ends it.
///
/// Only a case change (`comWithin`) or a very common top-level domain (`jd.comwithin`) justifies a cut:
/// otherwise `logo@2x.png` would become an address at Pitcairn's `.pn`.
fn domain_len(domain: &str) -> Option<usize> {
    if known_suffix(domain) {
        return Some(domain.len());
    }
    let last_dot = domain.rfind('.')?;
    let last = &domain[last_dot + 1..];
    (1..last.len())
        .rev()
        .map(|k| last_dot + 1 + k)
        .find(|&end| {
            let (kept, glued) = (&domain[last_dot + 1..end], &domain[end..]);
            let camel = glued.starts_with(|c: char| c.is_ascii_uppercase())
                && kept.ends_with(|c: char| c.is_ascii_lowercase());
            let common = matches!(
                kept.to_ascii_lowercase().as_str(),
                "com" | "net" | "org" | "cn" | "edu" | "gov"
            ) && glued.len() >= 2;
            (camel || common) && known_suffix(&domain[..end])
        })
}

/// Finds email addresses in `text`.
pub fn find(text: &str, out: &mut Vec<Mention>) {
    // Plain addresses: look only around each `@` (a local part is at most 64 characters), so the
    // pattern never scans text without one, and matches come in text order.
    let mut plain_spans: Vec<(usize, usize)> = Vec::new();
    let mut searched_to = 0;
    for at in at_signs(text) {
        if at < searched_to {
            continue;
        }
        let lo = ceil_boundary(text, at.saturating_sub(MAX_LOCAL).max(searched_to));
        let hi = floor_boundary(text, (at + MAX_DOMAIN).min(text.len()));
        let window = &text[lo..hi];
        let mut caps_iter = plain().captures_iter(window);
        let found = caps_iter.find(|c| c.get(0).is_some_and(|m| lo + m.end() > at));
        searched_to = at + 1;
        if let Some(caps) = found {
            if let Some(m) = accept(text, &caps, lo, false) {
                searched_to = m.end;
                plain_spans.push((m.start, m.end));
                out.push(m);
            }
        }
    }
    // Obfuscated addresses (`name [at] domain [dot] com`): only on pages that have the marker.
    if has_obfuscation_marker(text) {
        for caps in obfuscated().captures_iter(text) {
            let Some(whole) = caps.get(0) else { continue };
            // Spans are sorted: one binary search finds an overlap with a plain address.
            let i = plain_spans.partition_point(|&(_, e)| e <= whole.start());
            if plain_spans.get(i).is_some_and(|&(s, _)| s < whole.end()) {
                continue;
            }
            if let Some(m) = accept(text, &caps, 0, true) {
                out.push(m);
            }
        }
    }
}

/// Byte offsets of `@` and full-width `＠` (bytes EF BC A0), in text order.
fn at_signs(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'@', 0xEF, bytes)
        .filter(move |&i| bytes[i] == b'@' || bytes[i..].starts_with("＠".as_bytes()))
}

/// Longest local part looked for before an `@`, and longest domain after it, in bytes.
const MAX_LOCAL: usize = 72;
const MAX_DOMAIN: usize = 300;

/// The mention for one match of either pattern (`offset`: where the searched window starts in `text`).
fn accept(text: &str, caps: &regex::Captures, offset: usize, obfuscated: bool) -> Option<Mention> {
    let whole = caps.get(0)?;
    let local = caps.name("local")?;
    // A local part continuing a longer token (`a.b@` inside a URL path) starts at a word edge.
    let before = text[..offset + local.start()].chars().next_back();
    if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '/' || c == '=') {
        return None;
    }
    let domain_match = caps.name("domain")?;
    let written = domain_match.as_str();
    // The domain with its dots written as dots; the cut below is found there and mapped back.
    let dots = if obfuscated {
        Replaced::new(
            written,
            dot_word().find_iter(written).map(|m| (m.start(), m.end())),
            ".",
        )
    } else {
        Replaced::new(
            written,
            written.match_indices('．').map(|(i, d)| (i, i + d.len())),
            ".",
        )
    };
    let len = domain_len(&dots.text)?;
    let domain = &dots.text[..len];
    // Where the raw text ends: all of the matched domain, or the part before the glued word.
    let end = if len == dots.text.len() {
        whole.end()
    } else {
        domain_match.start() + dots.original(len)
    };
    Some(Mention {
        start: offset + whole.start(),
        end: offset + end,
        kind: Kind::Email,
        // Both parts lower-cased: mailbox names are case-insensitive in practice.
        value: format!(
            "{}@{}",
            local.as_str().to_ascii_lowercase(),
            domain.to_ascii_lowercase()
        ),
        number: None,
        region: None,
        region_source: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn obfuscation_marker_prefilter() {
        for text in [
            "jd [at] jd.com",
            "jd ( @ ) jd.com",
            "jd{AT}jd.com",
            "jd AT jd DOT com",
        ] {
            assert!(has_obfuscation_marker(text), "{text}");
        }
        for text in ["that is at the (atlas) [a t]", "AT&T", "(at", "CHAT now"] {
            assert!(!has_obfuscation_marker(text), "{text}");
        }
    }

    #[test]
    fn at_signs_in_order() {
        let text = "a@b 客服＠c，d@e";
        let expected = vec![1, text.find('＠').unwrap(), text.rfind('@').unwrap()];
        assert_eq!(at_signs(text).collect::<Vec<_>>(), expected);
    }

    fn emails(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        find(text, &mut out);
        out.sort_by_key(|m| m.start);
        out.into_iter().map(|m| m.value).collect()
    }

    #[test]
    fn forms() {
        assert_eq!(emails("发送邮件至support@jd.com获取"), ["support@jd.com"]);
        assert_eq!(
            emails("write to contact@jd.comWithin 24h"),
            ["contact@jd.com"]
        );
        assert_eq!(emails("[Help@JD.com]"), ["help@jd.com"]);
        assert_eq!(emails("客服邮箱：kefu＠jd.com"), ["kefu@jd.com"]);
        assert_eq!(emails("name [at] example [dot] com"), ["name@example.com"]);
        assert_eq!(emails("name(at)example.com"), ["name@example.com"]);
        assert_eq!(
            emails("name AT example DOT co DOT uk"),
            ["name@example.co.uk"]
        );
        assert_eq!(
            emails("mailto:a.b-c@mail.example.org."),
            ["a.b-c@mail.example.org"]
        );
    }

    #[test]
    fn not_emails() {
        assert!(emails("follow @JDcom on Weibo").is_empty());
        assert!(emails("logo@2x.png").is_empty());
        assert!(emails("meet me at home dot later").is_empty());
    }
}
