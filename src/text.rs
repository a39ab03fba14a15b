//! Offset-safe string helpers. Pages are hostile: an offset computed in one place (a window edge, a match in
//! a case-folded copy, the end of a neighbouring contact) must never be used to slice text it does not fit.
//! Everything here works on the original string and never panics.
//!
//! When text must be folded for matching, fold only ASCII (`eq_ignore_ascii_case`), which keeps every byte
//! offset valid in the original; a full Unicode fold (`to_lowercase`) changes lengths (`İ` is 2 bytes, its
//! lower case 3; `K`, the Kelvin sign, is 3 bytes, `k` is 1), so offsets found in it must not be reused.

use std::borrow::Cow;

/// `s` with traditional Chinese characters written in their simplified forms (`電話` as `电话`), for
/// matching word lists kept in simplified Chinese once instead of doubling every list. Every character
/// keeps its UTF-8 length, so a byte offset found in the result is valid in `s` and means the same place;
/// labels and raw text are still shown as written.
pub fn fold_traditional(s: &str) -> Cow<'_, str> {
    // Most Chinese text has no traditional character: checking a bit per character is far cheaper than
    // converting (a hash look-up and an allocation per scan), and then the text folds to itself. Short
    // strings (the word lists' terms, folded as `check` starts) are converted as they are until the
    // table exists: building it costs more than converting them.
    if s.is_ascii() || (s.len() >= FOLD_CHECK_MIN || FOLD_BITS.get().is_some()) && !has_foldable(s)
    {
        return Cow::Borrowed(s);
    }
    let whole = fast2s::convert(s);
    // The converter only rewrites 3-byte characters; the same total length means each stayed 3 bytes.
    if whole.len() == s.len() {
        return if whole == s {
            Cow::Borrowed(s)
        } else {
            Cow::Owned(whole)
        };
    }
    let mut folded = String::with_capacity(s.len());
    let mut buf = [0u8; 4];
    for c in s.chars() {
        let one = fast2s::convert(c.encode_utf8(&mut buf));
        let mut chars = one.chars();
        match (chars.next(), chars.next()) {
            (Some(f), None) if f.len_utf8() == c.len_utf8() => folded.push(f),
            _ => folded.push(c),
        }
    }
    Cow::Owned(folded)
}

/// The shortest text worth checking for foldable characters before converting it.
const FOLD_CHECK_MIN: usize = 64;

/// The range of the converter's table: every character it can change is a CJK unified ideograph.
const FOLDED_RANGE: std::ops::RangeInclusive<char> = '\u{4e00}'..='\u{9fff}';

/// Characters the converter changes only beside certain neighbours (`藉口`, `看著`), or leaves beside
/// them: each is marked as one that may fold, whatever it does alone.
const FOLDED_IN_CONTEXT: &str = "兒覆夥藉瞭麽幺於乾著苧闔鍾讎畫";

/// `may_fold`'s table, built on first use.
static FOLD_BITS: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();

/// A bit per character of `FOLDED_RANGE`, set for those folding may change: worked out once from the
/// converter itself (each character alone, between spaces), with `FOLDED_IN_CONTEXT`.
fn fold_bits() -> &'static [u64] {
    FOLD_BITS.get_or_init(|| {
        let first = u32::from(*FOLDED_RANGE.start());
        let spaced: String = FOLDED_RANGE.flat_map(|c| [c, ' ']).collect();
        let converted = fast2s::convert(&spaced);
        let mut bits = vec![0u64; (u32::from(*FOLDED_RANGE.end()) - first) as usize / 64 + 1];
        let changed = FOLDED_RANGE
            .zip(converted.chars().step_by(2))
            .filter(|(c, f)| c != f)
            .map(|(c, _)| c);
        for c in changed.chain(FOLDED_IN_CONTEXT.chars()) {
            let i = (u32::from(c) - first) as usize;
            bits[i / 64] |= 1 << (i % 64);
        }
        bits
    })
}

/// Whether `bits` marks code point `c` of `FOLDED_RANGE`.
fn marked(bits: &[u64], c: u32) -> bool {
    let first = u32::from(*FOLDED_RANGE.start());
    (first..=u32::from(*FOLDED_RANGE.end())).contains(&c) && {
        let i = (c - first) as usize;
        bits[i / 64] & (1 << (i % 64)) != 0
    }
}

/// True when folding may change `c`.
#[cfg(test)]
fn may_fold(c: char) -> bool {
    marked(fold_bits(), u32::from(c))
}

/// Whether some character of `s` may fold (`fold_traditional` may change `s`, and may fold a part of it
/// otherwise than the whole): `s.chars().any(may_fold)`.
pub fn has_foldable(s: &str) -> bool {
    next_foldable(s.as_bytes(), 0).is_some()
}

/// Where the characters of `s` that may fold start.
pub fn foldable_offsets(s: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = s.as_bytes();
    std::iter::successors(next_foldable(bytes, 0), |&at| next_foldable(bytes, at + 3))
}

/// Where the first character that may fold starts at or after byte `from` of `bytes` (UTF-8, `from` on
/// a character boundary), read byte by byte. Every character of `FOLDED_RANGE` is three bytes with a
/// lead byte of 0xE4 to 0xE9, which no other byte of UTF-8 can be, so only those leads are decoded (a
/// Chinese window is checked at a few instructions a character).
fn next_foldable(bytes: &[u8], from: usize) -> Option<usize> {
    let bits = fold_bits();
    let mut i = from;
    while i < bytes.len() {
        let lead = bytes[i];
        if !(0xE4..=0xE9).contains(&lead) {
            i += 1;
            continue;
        }
        let (&b1, &b2) = (bytes.get(i + 1)?, bytes.get(i + 2)?);
        let c = (u32::from(lead & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
        if marked(bits, c) {
            return Some(i);
        }
        i += 3;
    }
    None
}

/// A Han (Chinese) character: Chinese writes no spaces, so a Han neighbour does not glue a number to a word.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// `21628` as `21,628`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// The largest character boundary at or before `i` (clamped to the text).
pub fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest character boundary at or after `i` (clamped to the text).
pub fn ceil_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// `text[start..end]` with both ends moved inward to character boundaries; empty when the range is
/// empty or reversed.
pub fn slice(text: &str, start: usize, end: usize) -> &str {
    let start = ceil_boundary(text, start);
    let end = floor_boundary(text, end);
    if start >= end {
        ""
    } else {
        &text[start..end]
    }
}

/// `s` without `prefix`, compared ignoring ASCII case.
pub fn strip_prefix_ignore_ascii_case<'s>(s: &'s str, prefix: &str) -> Option<&'s str> {
    let head = s.as_bytes().get(..prefix.len())?;
    (head.eq_ignore_ascii_case(prefix.as_bytes()) && s.is_char_boundary(prefix.len()))
        .then(|| &s[prefix.len()..])
}

/// `s` without `suffix`, compared ignoring ASCII case.
pub fn strip_suffix_ignore_ascii_case<'s>(s: &'s str, suffix: &str) -> Option<&'s str> {
    let at = s.len().checked_sub(suffix.len())?;
    (s.as_bytes()[at..].eq_ignore_ascii_case(suffix.as_bytes()) && s.is_char_boundary(at))
        .then(|| &s[..at])
}

/// The byte offset of the first occurrence of `needle` in `haystack`, ignoring ASCII case.
pub fn find_ignore_ascii_case(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    (0..=h.len().checked_sub(n.len())?)
        .find(|&i| haystack.is_char_boundary(i) && h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// A text with some spans replaced (`jd [dot] com` -> `jd.com`, a full-width `．` -> `.`), which keeps the
/// way back: an offset found in the replaced text is mapped to the original with [`Replaced::original`]
/// instead of being used there (the lengths differ).
#[derive(Debug, Clone)]
pub struct Replaced {
    pub text: String,
    /// Each replacement: (start in `text`, start in the original, length of what it replaced).
    replacements: Vec<(usize, usize, usize)>,
    with_len: usize,
}

impl Replaced {
    /// `original` with each of `spans` (byte ranges in text order, not overlapping, on character
    /// boundaries) replaced by `with`. Spans that break those rules are left as they are.
    pub fn new(
        original: &str,
        spans: impl IntoIterator<Item = (usize, usize)>,
        with: &str,
    ) -> Replaced {
        let mut text = String::with_capacity(original.len());
        let mut replacements = Vec::new();
        let mut copied = 0;
        for (start, end) in spans {
            let fits = copied <= start
                && start <= end
                && original.is_char_boundary(start)
                && original.is_char_boundary(end);
            if !fits {
                continue;
            }
            text.push_str(&original[copied..start]);
            replacements.push((text.len(), start, end - start));
            text.push_str(with);
            copied = end;
        }
        text.push_str(&original[copied..]);
        Replaced {
            text,
            replacements,
            with_len: with.len(),
        }
    }

    /// The offset in the original of `offset` in the replaced text. An offset inside a replacement maps
    /// to the end of what it replaced; one past the end, to the original's end.
    pub fn original(&self, offset: usize) -> usize {
        let i = self
            .replacements
            .partition_point(|&(at, _, _)| at <= offset);
        let Some(&(at, from, len)) = i.checked_sub(1).map(|i| &self.replacements[i]) else {
            return offset;
        };
        if offset == at {
            from
        } else if offset < at + self.with_len {
            from + len
        } else {
            from + len + (offset - at - self.with_len)
        }
    }
}

/// `n` and a noun in the number `n` takes (`1 document`, `2 documents`, `0 documents`).
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_traditional_keeps_every_offset() {
        let s = "撥打中國銀行客服電話 95566，或 Call 𠀀 İ";
        let folded = fold_traditional(s);
        assert_eq!(folded.len(), s.len());
        assert!(folded.starts_with("拨打中国银行客服电话"));
        for ((i, a), (j, b)) in s.char_indices().zip(folded.char_indices()) {
            assert_eq!((i, a.len_utf8()), (j, b.len_utf8()));
        }
        assert!(matches!(fold_traditional("plain ascii"), Cow::Borrowed(_)));
        assert!(matches!(
            fold_traditional(&"拨打客服电话".repeat(8)),
            Cow::Borrowed(_)
        ));
        // Once the table exists, short strings are checked with it too, and still fold.
        assert_eq!(fold_traditional("電話"), "电话");
        assert!(matches!(fold_traditional("电话"), Cow::Borrowed(_)));
        assert_eq!(fold_traditional("憑藉口碑"), fast2s::convert("憑藉口碑"));
    }

    #[test]
    fn foldable_characters_found_byte_by_byte_as_char_by_char() {
        let texts = [
            "撥打中國銀行客服電話 95566",
            "拨打客服电话 95566",
            "ascii only",
            "é ü ß ẞ İ 𠀀𪚥 ㄅ 가 の 中文 一 鿿 〇",
            "著",
            "看著",
            "",
        ];
        for text in texts {
            assert_eq!(has_foldable(text), text.chars().any(may_fold), "{text}");
            let by_char: Vec<usize> = text
                .char_indices()
                .filter(|&(_, c)| may_fold(c))
                .map(|(i, _)| i)
                .collect();
            assert_eq!(
                foldable_offsets(text).collect::<Vec<_>>(),
                by_char,
                "{text}"
            );
        }
        let every: String = ('\u{3000}'..='\u{a000}').collect();
        for (i, c) in every.char_indices() {
            let one = &every[i..i + c.len_utf8()];
            assert_eq!(has_foldable(one), may_fold(c), "{c}");
        }
    }

    #[test]
    fn only_characters_marked_as_folding_ever_fold() {
        let mut buf = [0u8; 4];
        let unmarked = ('\u{80}'..='\u{ffff}').filter(|&c| !may_fold(c));
        for c in unmarked {
            let alone = c.encode_utf8(&mut buf);
            assert_eq!(
                fast2s::convert(alone),
                *alone,
                "{c} folds but is not marked"
            );
        }
    }

    #[test]
    fn replaced_offsets_map_back_to_the_original() {
        let original = "jd [dot] co．uk glued";
        let spans = [(2, 9), (11, 14)];
        let r = Replaced::new(original, spans, ".");
        assert_eq!(r.text, "jd.co.uk glued");
        for (at, back) in [(0, 0), (2, 2), (3, 9), (5, 11), (6, 14), (8, 16), (14, 22)] {
            assert_eq!(r.original(at), back, "{at}");
        }
        let cut = r.text.find(' ').unwrap();
        assert_eq!(&original[..r.original(cut)], "jd [dot] co．uk");
        let none = Replaced::new("ẞİ", [(1, 2), (0, 9)], "x");
        assert_eq!((none.text.as_str(), none.original(3)), ("ẞİ", 3));
    }

    #[test]
    fn slices_never_panic() {
        let s = "ẞx转3";
        assert_eq!(slice(s, 1, 4), "x", "both ends move inward");
        assert_eq!(slice(s, 5, 2), "", "reversed");
        assert_eq!(slice(s, 0, 99), s, "clamped");
        assert_eq!(floor_boundary(s, 2), 0);
        assert_eq!(ceil_boundary(s, 2), 3);
        assert_eq!(ceil_boundary(s, 99), s.len());
    }

    #[test]
    fn ascii_case_folding_keeps_offsets() {
        // A full fold of `İ` is longer than `İ`, so an offset found in it overshoots the original.
        let s = "İİ EXT 5";
        assert_eq!(find_ignore_ascii_case(s, "ext"), Some(5));
        assert_eq!(&s[5..], "EXT 5");
        assert_eq!(strip_suffix_ignore_ascii_case("ẞ Call", "call"), Some("ẞ "));
        assert_eq!(strip_prefix_ignore_ascii_case("Ext. 3", "ext."), Some(" 3"));
        assert_eq!(strip_prefix_ignore_ascii_case("转3", "x"), None);
        assert_eq!(strip_suffix_ignore_ascii_case("a", "abc"), None);
    }
}
