//! Phone numbers in mixed English/Chinese text.
//!
//! One linear pass finds *runs*: digit groups (ASCII or full-width) joined by short separators (`-`, spaces,
//! `.`, `/`, dashes, brackets). A run is then cut, left to right, into the longest group-aligned prefixes that
//! are valid numbers for the region the context gives. Dates, glued identifiers (`JD1234567890`), amounts and
//! labelled non-phones (`订单号 ...`) are rejected; China short codes (95588, 12315) count only where the
//! text presents them as something to call.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::{Mention, Reading};
use crate::context::RegionHint;
use crate::data::{cue_terms, cues};
use crate::lexicon::Lexicon;
use crate::model::{Kind, NumberType, RegionSource};
use crate::numbering::cn;
use crate::numbering::parse::{parse_international, parse_national, PhoneNumber};
use crate::numbering::{short, split_country_code, Region};
use crate::text::{is_han, strip_prefix_ignore_ascii_case};

fn digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        _ => None,
    }
}

/// The keypad digit of a letter (`ABC` on 2 ... `WXYZ` on 9), for vanity numbers (`1-800-MY-APPLE`).
fn keypad(c: char) -> Option<char> {
    let digit = match c.to_ascii_uppercase() {
        'A'..='C' => '2',
        'D'..='F' => '3',
        'G'..='I' => '4',
        'J'..='L' => '5',
        'M'..='O' => '6',
        'P'..='S' => '7',
        'T'..='V' => '8',
        'W'..='Z' => '9',
        _ => return None,
    };
    Some(digit)
}

/// The letters of a vanity number written after a hyphen at `pos` (`MY-APPLE` in `1-800-MY-APPLE`,
/// `DNCL` in `1-866-580-DNCL`): capital letters, in at most two hyphenated words, with the digits they
/// dial. Where the page repeats those digits in brackets (`DNCL (3625)`), they are part of it. `None`
/// when what follows is not written like a vanity word.
fn vanity_letters(text: &str, pos: usize) -> Option<(String, usize)> {
    let mut digits = String::new();
    let mut end = pos;
    for k in 0..2 {
        let start = match k {
            0 => pos,
            _ if text[end..].starts_with('-') => end + 1,
            _ => break,
        };
        let letters = text[start..]
            .bytes()
            .take_while(u8::is_ascii_alphabetic)
            .count();
        let word = &text[start..start + letters];
        if !(2..=10).contains(&letters) || !word.bytes().all(|b| b.is_ascii_uppercase()) {
            if k == 0 {
                return None;
            }
            break;
        }
        digits.extend(word.chars().filter_map(keypad));
        end = start + letters;
    }
    // A letter glued after (`ABCdef`) is a word, not a number.
    if text[end..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return None;
    }
    let repeated = format!(" ({digits})");
    if text[end..].starts_with(&repeated) {
        end += repeated.len();
    }
    Some((digits, end))
}

fn is_plus(c: char) -> bool {
    c == '+' || c == '＋'
}

fn is_separator(c: char) -> bool {
    matches!(
        c,
        '-' | '‐'
            | '‑'
            | '‒'
            | '–'
            | '—'
            | '－'
            | ' '
            | '\u{a0}'
            | '\u{3000}'
            | '\u{2009}'
            | '\u{202f}'
            | '.'
            | '．'
            | '/'
            | '／'
    )
}

fn is_open(c: char) -> bool {
    c == '(' || c == '（'
}

fn is_close(c: char) -> bool {
    c == ')' || c == '）'
}

/// One group of digits inside a run, with the separator text that joined it to the previous group.
#[derive(Debug)]
struct Group {
    start: usize,
    end: usize,
    digits: String,
    joiner: String,
    /// Letters standing for digits (`MY-APPLE`): the group of a vanity number, always a run's last.
    vanity: bool,
}

impl Group {
    /// A joiner that can separate two numbers in a list ("a / b", "a  b"), not only parts of one number.
    fn joiner_separates_numbers(&self) -> bool {
        self.joiner
            .contains([' ', '/', '／', '\u{3000}', '(', '（'])
    }
}

struct Run {
    plus: bool,
    /// Where the run's text starts (at `+` when there is one).
    start: usize,
    groups: Vec<Group>,
}

/// Reads the run starting at `i` (a digit or a plus sign). Returns the run and where scanning resumes.
fn read_run(text: &str, i: usize) -> (Option<Run>, usize) {
    let mut pos = i;
    let mut chars = text[i..].chars();
    let first = chars.next().unwrap_or(' ');
    let plus = is_plus(first);
    if plus {
        pos += first.len_utf8();
        let next = text[pos..].chars().next();
        if next == Some(' ') {
            pos += 1;
        }
        if text[pos..].chars().next().and_then(digit).is_none() {
            return (None, pos.max(i + first.len_utf8()));
        }
    }
    let mut groups = Vec::new();
    let mut joiner = String::new();
    loop {
        let start = pos;
        let mut digits = String::new();
        for c in text[pos..].chars() {
            match digit(c) {
                Some(d) => {
                    digits.push(d);
                    pos += c.len_utf8();
                }
                None => break,
            }
        }
        groups.push(Group {
            start,
            end: pos,
            digits,
            joiner: std::mem::take(&mut joiner),
            vanity: false,
        });
        if glued_time_after(text, pos) {
            split_hour_off(text, &mut groups);
            break;
        }
        // A joiner: at most three separator/bracket characters, at most one dot or slash.
        let joiner_start = pos;
        let mut marks = 0;
        for c in text[pos..].chars().take(3) {
            if !(is_separator(c) || is_open(c) || is_close(c)) {
                break;
            }
            if matches!(c, '.' | '．' | '/' | '／') {
                marks += 1;
            }
            joiner.push(c);
            pos += c.len_utf8();
            if text[pos..].chars().next().and_then(digit).is_some() {
                break;
            }
        }
        // An opening bracket inside a number encloses one group (`(0)20`, `(010) 1234`); otherwise it
        // opens a remark after the number (`(24/7)`, `(9 AM to 9 PM)`, `（24小时）`).
        let bracket_ok = !joiner.chars().any(is_open) || {
            let rest = &text[pos..];
            let digits_len = rest
                .find(|c: char| digit(c).is_none())
                .unwrap_or(rest.len());
            rest[digits_len..].starts_with(is_close)
        };
        let continues = !joiner.is_empty()
            && marks <= 1
            && bracket_ok
            && text[pos..].chars().next().and_then(digit).is_some();
        // `1-800-MY-APPLE`: after at least four digits, a hyphen and capital letters end the number.
        let digits_so_far: usize = groups.iter().map(|g| g.digits.len()).sum();
        if !continues && joiner == "-" && digits_so_far >= 4 {
            if let Some((digits, end)) = vanity_letters(text, pos) {
                groups.push(Group {
                    start: pos,
                    end,
                    digits,
                    joiner: std::mem::take(&mut joiner),
                    vanity: true,
                });
                pos = end;
                break;
            }
        }
        if !continues {
            pos = joiner_start;
            break;
        }
    }
    (
        Some(Run {
            plus,
            start: i,
            groups,
        }),
        pos,
    )
}

/// True when a clock time starts right at `pos` (`:30~17:30` after `0570-66-69109`): a flattened table
/// glued the opening hours to the number before them.
fn glued_time_after(text: &str, pos: usize) -> bool {
    let rest = text[pos..]
        .strip_prefix(':')
        .or_else(|| text[pos..].strip_prefix('：'));
    rest.is_some_and(|r| {
        let b = r.as_bytes();
        b.len() >= 2
            && b[0].is_ascii_digit()
            && b[1].is_ascii_digit()
            && !b.get(2).is_some_and(u8::is_ascii_digit)
    })
}

/// The last group's final two digits as groups of their own, joined by nothing, so that the number can
/// end before the hour whether it has one digit or two (`6910|9:30`, `691|09:30`); the longest valid
/// number still wins. Only after digits enough for a phone number, when the group has digits to spare.
fn split_hour_off(text: &str, groups: &mut Vec<Group>) {
    let total: usize = groups.iter().map(|g| g.digits.len()).sum();
    let Some(last) = groups
        .last_mut()
        .filter(|g| total >= 9 && g.digits.len() >= 4)
    else {
        return;
    };
    // Offsets of the last two digits as written: full-width digits are three bytes each.
    let written: Vec<usize> = text[last.start..last.end]
        .char_indices()
        .map(|(i, _)| last.start + i)
        .collect();
    let (end, ten, one) = (
        last.end,
        written[written.len() - 2],
        written[written.len() - 1],
    );
    let hour = last.digits.split_off(last.digits.len() - 2);
    last.end = ten;
    for ((start, end), d) in [(ten, one), (one, end)].into_iter().zip(hour.chars()) {
        groups.push(Group {
            start,
            end,
            digits: d.to_string(),
            joiner: String::new(),
            vanity: false,
        });
    }
}

fn is_year(d: &str) -> bool {
    d.len() == 4 && (d.starts_with("19") || d.starts_with("20"))
}

fn small(d: &str, max: u32) -> bool {
    d.len() <= 2 && d.parse::<u32>().is_ok_and(|v| (1..=max).contains(&v))
}

fn date_joiner(g: &Group) -> bool {
    matches!(g.joiner.as_str(), "-" | "/" | "." | "－" | "／" | "．")
}

/// How many groups starting at `s` form a date (`2024-03-15`, `15/03/2024`) or a year range (`2023-2024`).
fn date_len(groups: &[Group], s: usize) -> usize {
    let g = |k: usize| groups.get(s + k);
    let (Some(a), Some(b)) = (g(0), g(1)) else {
        return 0;
    };
    if !date_joiner(b) {
        return 0;
    }
    if is_year(&a.digits) && small(&b.digits, 12) {
        return match g(2) {
            Some(c) if date_joiner(c) && small(&c.digits, 31) => 3,
            _ => 2,
        };
    }
    if is_year(&a.digits) && is_year(&b.digits) {
        return 2;
    }
    match g(2) {
        Some(c)
            if small(&a.digits, 31)
                && small(&b.digits, 31)
                && date_joiner(c)
                && is_year(&c.digits) =>
        {
            3
        }
        _ => 0,
    }
}

/// A list item's number in brackets right before a phone number: `(1)400-1865-909`, `（2）95588`.
/// An area code in brackets starts with its trunk 0 or is followed by a space (`(02) 8888 1234`).
fn is_enumerator(text: &str, groups: &[Group], s: usize) -> bool {
    let opened = text[..groups[s].start].ends_with(['(', '（']);
    opened
        && groups[s].digits.len() <= 2
        && !groups[s].digits.starts_with('0')
        && groups
            .get(s + 1)
            .is_some_and(|g| matches!(g.joiner.as_str(), ")" | "）"))
}

fn is_ipv4(groups: &[Group]) -> bool {
    groups.len() == 4
        && groups[1..].iter().all(|g| g.joiner == ".")
        && groups.iter().all(|g| g.digits.len() <= 3)
}

/// Words that say the digits after them are not a phone number (`订单号 1234567890123`).
fn not_phone_cues() -> &'static Lexicon<()> {
    cues("not_phone")
}

/// Words that present a short code as something to call or text.
fn call_cues() -> &'static Lexicon<()> {
    cues("call")
}

/// Characters that end the clause a number belongs to; cues beyond them describe something else. Commas
/// do not: `拨打10086、10010或10000` and `ICBC 95588, CCB 95533` are lists after one cue.
fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '。' | ';' | '；' | '|' | '｜' | '!' | '！' | '?' | '？'
    )
}

/// The clause before `start` on its line (at most 60 characters). A bracket or quote still open at the
/// number also starts it: in `（购票请使用“铁路12306”App）` the number is part of a name.
fn clause_before(text: &str, start: usize) -> &str {
    &text[clause_start(text, start).0..start]
}

/// True when the number is part of a name in brackets or quotes (`“铁路12306”App`).
fn inside_name(text: &str, start: usize) -> bool {
    clause_start(text, start).1
}

/// Where the clause before `start` begins, and whether an open bracket or quote (a name) ended it.
/// Cut at its length limit, it starts after the word the limit falls in: the `ring` of a cut `spring` is
/// no call word.
fn clause_start(text: &str, start: usize) -> (usize, bool) {
    let mut begin = start;
    let mut closed = 0usize;
    for (count, (i, c)) in text[..start].char_indices().rev().enumerate() {
        if is_clause_break(c) {
            break;
        }
        if count >= 80 {
            if c.is_ascii_alphanumeric() {
                begin += text[begin..start]
                    .find(|c: char| !c.is_ascii_alphanumeric())
                    .unwrap_or(start - begin);
            }
            break;
        }
        match c {
            ')' | '）' | '”' | '」' => closed += 1,
            // A bracket or quote around the number alone (`“95580”`, `(如1069095311)`) names nothing.
            '(' | '（' | '“' | '「'
                if closed == 0 && !only_example_words(&text[i + c.len_utf8()..start]) =>
            {
                return (begin, true);
            }
            '(' | '（' | '“' | '「' if closed == 0 => {}
            '(' | '（' | '“' | '「' => closed -= 1,
            _ => {}
        }
        begin = i;
    }
    (begin, false)
}

/// True when the `+` at `plus` joins an area code to the number (`当地电话区号+11185`): a dialling
/// template, not an international prefix.
fn after_area_code_word(text: &str, plus: usize) -> bool {
    let before = text[..plus].trim_end();
    cue_terms("area_code_word")
        .iter()
        .any(|w| before.ends_with(w.as_str()))
}

/// True when `between` is empty or only says "for example" (`如`, `e.g.`).
fn only_example_words(between: &str) -> bool {
    let between = between.trim();
    between.is_empty() || cue_terms("example_word").iter().any(|w| w == between)
}

/// True when a `not_phone_cues` word labels the number directly (only spaces, colons, `#` or `No.` between).
fn labelled_not_phone(text: &str, start: usize) -> bool {
    let clause = clause_before(text, start);
    not_phone_cues().find_all(clause).last().is_some_and(|hit| {
        let gap = clause[hit.end..].trim_matches(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    ':' | '：' | '#' | '.' | 'N' | 'o' | '(' | '（' | '“' | '"'
                )
        });
        gap.is_empty()
    })
}

/// Short codes need a cue: a call word in the clause before; for China's codes also `打` right before the
/// number (`打950618`), the start of a table cell, a label's colon, or a line word after (`95588(电话)`).
fn presented_as_number(text: &str, start: usize, end: usize, chinese: bool) -> bool {
    let clause = clause_before(text, start);
    if call_cues().contains(clause) {
        return true;
    }
    // Elsewhere a label's colon or a table cell holds counts and codes as often as numbers.
    if !chinese {
        return false;
    }
    let before = text[..start].trim_end_matches([' ', '\u{3000}', '\u{a0}']);
    if before.ends_with('打') || before.ends_with("打了") || before.ends_with(['|', '｜']) {
        return true;
    }
    // `供电服务：95598；`: a label's value, standing alone up to the end of its clause.
    let next = text[end..].chars().next();
    let stands_alone = next.is_none_or(|c| !c.is_alphanumeric() || matches!(c, '（' | '('));
    if before.ends_with([':', '：']) && stands_alone {
        return true;
    }
    let after: String = text[end..].chars().take(12).collect();
    let after = after.trim_start_matches(['(', '（', ' ']);
    let line_words = cue_terms("line_word_after");
    if line_words.iter().any(|w| after.starts_with(w.as_str())) {
        return true;
    }
    // `95577的信用卡服务专线`: the number's own line, named after a possessive.
    after.strip_prefix('的').is_some_and(|rest| {
        let phrase = rest
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        line_words.iter().any(|w| phrase.contains(w.as_str()))
    })
}

/// A character right before a number that makes it part of something else.
fn glued_before(text: &str, start: usize) -> bool {
    let mut rev = text[..start].chars().rev();
    let Some(prev) = rev.next() else {
        return false;
    };
    let prev2 = rev.next();
    let before = &text.as_bytes()[..start];
    let ends_with_word = |word: &[u8]| {
        before.len() >= word.len() && before[before.len() - word.len()..].eq_ignore_ascii_case(word)
    };
    if ends_with_word(b"tel:") {
        return false;
    }
    if prev.is_ascii_alphabetic() {
        // `tel:`-less prefixes such as "Tel400..." are still phone labels; other letters glue.
        let word_start = before
            .iter()
            .rposition(|b| !b.is_ascii_alphabetic())
            .map_or(0, |i| i + 1);
        let word = &before[word_start..];
        return !cue_terms("glued_label")
            .iter()
            .any(|w| word.eq_ignore_ascii_case(w.as_bytes()));
    }
    match prev {
        '$' | '¥' | '￥' | '€' | '£' | '#' | '№' | '_' | '@' | '=' | '&' | '%' | '*' | '\\'
        | '~' => true,
        '.' | ',' | ':' | '-' | '/' => prev2.is_some_and(|c| c.is_ascii_alphanumeric()),
        _ => false,
    }
}

/// A character right after a number (or after one space) that makes it an amount, a count, a time or an
/// identifier: `12315 件`, `100%`, `10:30`, `500W`.
fn glued_after(text: &str, end: usize, grouped: bool) -> bool {
    let mut chars = text[end..].chars();
    let Some(next) = chars.next() else {
        return false;
    };
    let next2 = chars.next();
    if next.is_ascii_alphabetic() || next == '_' || next == '@' || next == '%' || next == '％' {
        return true;
    }
    let unit = |c: char| cue_terms("count_unit").iter().any(|u| u.starts_with(c));
    match next {
        '.' | ':' | ',' => next2.and_then(digit).is_some(),
        '号' => next2 != Some('码'),
        // `12315 件` counts things; `40088-95555 月日均…` is a grouped number before a table's next cell.
        ' ' => !grouped && next2.is_some_and(unit),
        c => unit(c),
    }
}

/// An extension written after the number: `ext 8888`, `x6770`, `#123`, `转8888`, `分机8888`.
/// Returns the extension digits and the byte length consumed.
fn extension_after(text: &str, end: usize) -> Option<(String, usize)> {
    let rest = &text[end..];
    let trimmed = rest.trim_start_matches([' ', ',', '，', '\u{a0}']);
    let after_marker = extension_markers()
        .iter()
        .find_map(|m| strip_prefix_ignore_ascii_case(trimmed, m))?;
    let digits_part = after_marker.trim_start_matches([' ', ':', '：', '.']);
    let mut ext = String::new();
    let mut used = 0;
    for c in digits_part.chars() {
        match digit(c) {
            Some(d) => {
                ext.push(d);
                used += c.len_utf8();
            }
            None => break,
        }
    }
    if ext.is_empty() || ext.len() > 6 {
        return None;
    }
    let total = rest.len() - digits_part.len() + used;
    Some((ext, total))
}

/// Finds the phone numbers in `text`. `region_at` gives the region the context implies at an offset.
pub fn find(
    text: &str,
    region_at: &dyn Fn(usize) -> RegionHint,
    reading: Reading,
    out: &mut Vec<Mention>,
) {
    let bytes = text.as_bytes();
    let first = out.len();
    // Short numbers the page shows without presenting them as something to call (`例如中国银行95566提供的`).
    let mut unpresented = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        i = next_run_start(bytes, i);
        if i == bytes.len() {
            break;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        if !(digit(c).is_some() || is_plus(c)) {
            i += c.len_utf8();
            continue;
        }
        let (run, next) = read_run(text, i);
        if let Some(run) = run {
            cut_run(text, &run, region_at, reading, out, &mut unpresented);
        }
        // A number's extension can reach past its run (`0055转3400 ...`): go on after it, so that mentions
        // never overlap.
        let last_end = out.last().map_or(0, |m| m.end);
        i = next.max(i + 1).max(last_end);
        while !text.is_char_boundary(i) {
            i += 1;
        }
    }
    // A short number the page presents once is a number wherever else the page gives it.
    let presented: HashSet<&str> = out[first..]
        .iter()
        .filter(|m| is_short(m))
        .map(|m| m.value.as_str())
        .collect();
    unpresented.retain(|m| presented.contains(m.value.as_str()));
    if !unpresented.is_empty() {
        out.extend(unpresented);
        out[first..].sort_by_key(|m| m.start);
    }
}

/// True when a short number names something rather than giving a number: it is inside a quoted or
/// bracketed name (`“铁路12306”App`), or a word after it makes it a name (`全国12315平台`, `12315怎么投诉`).
fn used_as_name(text: &str, start: usize, end: usize) -> bool {
    let after = text[end..].trim_start_matches(['”', '」', '"', ' ']);
    inside_name(text, start)
        || cue_terms("name_word_after")
            .iter()
            .any(|w| after.starts_with(w.as_str()))
}

/// True when the group is a word of its own: no code-like token (`1Z`, `AA1`, `XXX`) or joining mark
/// (`-`, `*`, `#`, `/`) right beside it, and not an address (`350 Fifth Avenue`).
fn stands_as_word(text: &str, group: &Group) -> bool {
    let before = &text[..group.start];
    let token_before = before
        .rfind(|c: char| c.is_whitespace() || is_han(c))
        .map_or(before, |i| &before[i..])
        .trim_start_matches(|c: char| c.is_whitespace() || is_han(c));
    // Chinese writes no spaces: a Han neighbour (`手機直撥123客服中心`) does not glue a number to a word.
    let touching_before = text[..group.start].chars().next_back().is_some_and(|c| {
        !c.is_whitespace() && !is_han(c) && !matches!(c, '"' | '\'' | '“' | '(' | '（')
    });
    let after = &text[group.end..];
    let touching_after = after.chars().next().is_some_and(|c| {
        !c.is_whitespace()
            && !is_han(c)
            && !matches!(
                c,
                '.' | ',' | ';' | '!' | '?' | ')' | '）' | '"' | '\'' | '”'
            )
    });
    // The next word on the same line: a heading or sentence on the next line is not an address.
    let rest_of_line = &after[..after.find('\n').unwrap_or(after.len())];
    let next_word = rest_of_line.split_whitespace().next().unwrap_or("");
    let code_like = |w: &str| w.chars().any(|c| c.is_ascii_digit());
    let address = next_word.chars().next().is_some_and(char::is_uppercase);
    let counted = cue_terms("count_word_after").iter().any(|w| {
        next_word
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .eq_ignore_ascii_case(w)
    });
    !touching_before
        && !touching_after
        && !code_like(token_before)
        && !code_like(next_word)
        && !address
        && !counted
}

fn is_short(m: &Mention) -> bool {
    m.number
        .as_ref()
        .is_some_and(|n| n.number_type == NumberType::ShortCode)
}

/// Group `s` of a run read as a short number of the region, with the number of groups it takes: China's
/// allocated service codes, or what the region's short-number metadata allows. Elsewhere the metadata
/// allows most three- to six-digit strings, so on a page such a number must stand alone as a word (not in
/// `1Z 999 AA1`, `400-XXX`, `4111 1111`), and four-digit years never count. A run of two groups (`770-50`,
/// `116 116`, `33 700`) is one short number only when the metadata calls it a short code.
fn short_number(
    text: &str,
    run: &Run,
    s: usize,
    hint: RegionHint,
    as_value: bool,
) -> Option<(PhoneNumber, usize)> {
    let region = hint.region?;
    let groups = &run.groups;
    if region == Region::cn() {
        // `1010-5557`: an eight-digit service number is sometimes split like a landline.
        let split = match &groups[s..] {
            [first, second, ..] if second.joiner == "-" => {
                cn::short_code(&format!("{}{}", first.digits, second.digits)).map(|n| (n, 2))
            }
            _ => None,
        };
        return cn::short_code(&groups[s].digits).map(|n| (n, 1)).or(split);
    }
    let (digits, used) = match groups.as_slice() {
        [one] => (one.digits.clone(), 1),
        [first, second]
            if matches!(second.joiner.as_str(), "-" | " ")
                && first.digits.len() > 1
                && !is_year(&first.digits) =>
        {
            (format!("{}{}", first.digits, second.digits), 2)
        }
        _ => return None,
    };
    if !(3..=6).contains(&digits.len()) {
        return None;
    }
    let span = Group {
        start: groups[0].start,
        end: groups[used - 1].end,
        digits: String::new(),
        joiner: String::new(),
        vanity: false,
    };
    let page_word = || !is_year(&digits) && stands_as_word(text, &span);
    if !as_value && !page_word() {
        return None;
    }
    // Six digits are more often an id than a number: they need a valid short number, as does one written
    // in groups. A value asked about is read as a page presenting it would be, so `check` can re-read every
    // short number an audit reports; one the metadata knows only as possible says so in its meaning.
    let short = short::short_number(region, &digits)?;
    if (digits.len() == 6 || used > 1) && !short.is_valid() {
        return None;
    }
    Some((
        PhoneNumber {
            region,
            national: digits,
            number_type: NumberType::ShortCode,
            extension: None,
        },
        used,
    ))
}

/// Only ASCII digits, '+' and full-width forms (UTF-8 lead byte 0xEF) can start a run.
fn may_start_run(b: u8) -> bool {
    b.is_ascii_digit() || b == b'+' || b == 0xEF
}

/// The first byte at or after `from` that may start a run, or the text's length. Tests 32 bytes at a time
/// without early exits, which the compiler vectorizes: prose is skipped several bytes per cycle.
fn next_run_start(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < bytes.len() {
        let chunk = &bytes[i..bytes.len().min(i + 32)];
        if chunk
            .iter()
            .fold(false, |found, &b| found | may_start_run(b))
        {
            return i + chunk.iter().position(|&b| may_start_run(b)).unwrap_or(0);
        }
        i += chunk.len();
    }
    bytes.len()
}

/// The number `digits` make, and how its region was decided.
fn parse_digits(digits: &str, plus: bool, hint: RegionHint) -> Option<(PhoneNumber, RegionSource)> {
    if plus {
        return parse_international(digits).map(|n| (n, RegionSource::International));
    }
    let national = hint.region.and_then(|r| {
        let n = parse_national(digits, r)?;
        // China's service numbers are dialled as written, even those the plan also gives a national
        // form (1010xxxx): the short-number reading below decides them.
        let cn_service = || cn::short_code(digits).is_some() || cn::lacks_trunk_prefix(digits, &n);
        if r == Region::cn() && cn_service() {
            return None;
        }
        // Read with an international prefix or its country code (`0044 …`, `86 400 …`), the number says
        // where it is from; otherwise the hint did.
        let carried = n.region.country_code() != r.country_code() || digits.starts_with("00");
        let source = if carried {
            RegionSource::International
        } else {
            hint.source
        };
        Some((n, source))
    });
    national
        .or_else(|| {
            (hint.region == Some(Region::cn()))
                .then(|| cn::area_service_number(digits))
                .flatten()
                .map(|n| (n, hint.source))
        })
        .or_else(|| {
            (!hint.named)
                .then(|| cn::distinctively_chinese(digits, hint.chinese_shapes))
                .flatten()
                .map(|n| (n, RegionSource::Shape))
        })
        .or_else(|| {
            // `00` is the international prefix nearly everywhere, even where the context region uses another
            // (`Brazil 00551149330713`, where 00 would start a carrier code); under a country named for
            // the number, only when it dials that same country.
            let same_country = |n: &PhoneNumber| {
                hint.region
                    .is_none_or(|r| !hint.named || r.country_code() == n.region.country_code())
            };
            digits
                .strip_prefix("00")
                .and_then(parse_international)
                .filter(same_country)
                .map(|n| (n, RegionSource::International))
        })
}

/// Extension markers, longest first (`分机号` before `分机`).
fn extension_markers() -> &'static [String] {
    static MARKERS: OnceLock<Vec<String>> = OnceLock::new();
    MARKERS.get_or_init(|| {
        let mut m = cue_terms("extension_marker").to_vec();
        m.sort_by_key(|t| std::cmp::Reverse(t.len()));
        m
    })
}

/// True when the words around a number (its clause, or what follows) call its last hyphenated part an
/// extension: `4006561155-3（“-3”为分机号）`, `各部门分机：... 010-6278 5500-3`.
fn says_extension(text: &str, start: usize, end: usize) -> bool {
    let words = cues("extension_word");
    let after: String = text[end..].chars().take(30).collect();
    words.contains(&after) || words.contains(clause_before(text, start))
}

/// Where a number made of `groups[s..e]` ends once its extension is read, and the group to go on from;
/// `None` when the number is glued to a word, unit or time after it.
fn accept_end(
    text: &str,
    groups: &[Group],
    s: usize,
    e: usize,
    mut number: PhoneNumber,
) -> Option<(PhoneNumber, usize, usize)> {
    let mut end = groups[e - 1].end;
    let mut next = e;
    if let Some((ext, used)) = extension_after(text, end) {
        number.extension = Some(ext);
        end += used;
    } else if let Some(g) = groups.get(e) {
        // `4006561155-3`: a hyphenated sub-line after a number written without hyphens.
        let hyphen_free = groups[s + 1..e].iter().all(|g| !g.joiner.contains('-'));
        // `021-53395288-808`: a third group after a Chinese area code and landline is its extension.
        let cn_landline = number.region == Region::cn()
            && e - s == 2
            && groups[s].digits.starts_with('0')
            && matches!(
                number.number_type,
                NumberType::FixedLine | NumberType::FixedLineOrMobile
            );
        if g.joiner == "-"
            && !g.vanity
            && g.digits.len() <= 4
            && (hyphen_free || cn_landline || says_extension(text, groups[s].start, g.end))
            && groups.len() == e + 1
        {
            number.extension = Some(g.digits.clone());
            end = g.end;
            next = e + 1;
        }
    }
    // Letters after a number that is whole without them (`400-606-5500-EXT`) are not part of it.
    if groups.get(next).is_some_and(|g| g.vanity) {
        next = groups.len();
    } else if next == groups.len() && glued_after(text, end, e - s > 1) {
        return None;
    }
    // `403-7719283-5561024`: a number that runs on with a hyphen into more digits is part of an ID.
    if groups.get(next).is_some_and(|g| g.joiner == "-") {
        return None;
    }
    Some((number, end, next))
}

/// Whether group `s` is the run's last and glued to what follows it (`268人`, `17%`, `1159元`), with no
/// extension there: then every reading of it, as a number of any region, a short number or an invalid
/// candidate, ends at that group and is refused by the same `glued_after`, so it is decided without the
/// region (and a page of prose whose digits are all amounts never works out its context).
fn glued_last_group(text: &str, groups: &[Group], s: usize) -> bool {
    let end = groups[s].end;
    s + 1 == groups.len() && glued_after(text, end, false) && extension_after(text, end).is_none()
}

/// The rest of a run (from group `s`) that no valid number explains, when the page presents it as a phone
/// number: written with `+`, after a call word, or after `Country:` in a directory row. Such numbers are
/// reported (as `invalid_phone`) because an invalid number offered as a hotline is itself a warning sign.
fn invalid_candidate(
    text: &str,
    run: &Run,
    s: usize,
    start: usize,
    hint: RegionHint,
    as_value: bool,
) -> Option<Mention> {
    let groups = &run.groups[s..];
    let digits: String = groups.iter().map(|g| g.digits.as_str()).collect();
    let plus = run.plus && s == 0;
    // A page's short or single-group digit strings are usually amounts or ids; a value someone asks about
    // is meant as a number whatever its length.
    let too_short = if as_value {
        digits.len() < 3
    } else {
        digits.len() < 7 || groups.len() < 2 && !plus && digits.len() < 9
    };
    if too_short || digits.len() > 17 {
        return None;
    }
    let end = groups.last()?.end;
    if glued_after(text, end, groups.len() > 1) {
        return None;
    }
    let clause = clause_before(text, start);
    let before = text[..start].trim_end();
    let presented = as_value
        || plus
        || call_cues().contains(clause)
        || (hint.named && before.ends_with([':', '：']));
    // After a `+` the digits name their own country (none, if no country has their code).
    let (region, region_source) = if plus {
        let region =
            split_country_code(&digits).find_map(|(code, _)| Region::for_country_code(code).next());
        (region, RegionSource::International)
    } else {
        (hint.region, hint.source)
    };
    presented.then(|| Mention {
        start,
        end,
        kind: Kind::InvalidPhone,
        value: if plus { format!("+{digits}") } else { digits },
        number: None,
        region,
        region_source: Some(region_source),
    })
}

/// The most digits a written phone number holds: `00`, a 15-digit E.164 number and a trunk `0`.
const MAX_DIGITS: usize = 18;

/// Cuts a run into numbers (see the module documentation) and pushes the accepted ones.
fn cut_run(
    text: &str,
    run: &Run,
    region_at: &dyn Fn(usize) -> RegionHint,
    reading: Reading,
    out: &mut Vec<Mention>,
    unpresented: &mut Vec<Mention>,
) {
    let as_value = reading == Reading::Value;
    let groups = &run.groups;
    // Fewer than three digits (`24/7`, `9:00`) is never a number: skip the context work.
    if is_ipv4(groups) || groups.iter().map(|g| g.digits.len()).sum::<usize>() < 3 {
        return;
    }
    let first = out.len();
    // Whether some group of the run belongs to no number found (a value someone asks about must be one
    // number, or a list of whole numbers, not a number cut out of longer digits).
    let mut unexplained = false;
    let mut s = 0;
    // Whether the group before `s` belongs to a number or date found in this run. A number does not
    // start right after unexplained digits joined by a space (`9400 1118 9922 3345 6789 01`).
    let mut prev_explained = true;
    while s < groups.len() {
        let dates = date_len(groups, s);
        if dates > 0 {
            s += dates;
            prev_explained = true;
            unexplained = true;
            continue;
        }
        if is_enumerator(text, groups, s) {
            s += 1;
            prev_explained = true;
            unexplained = true;
            continue;
        }
        let joiner = groups[s].joiner.as_str();
        let enumerated = s > 0 && is_enumerator(text, groups, s - 1);
        let weak_start = !prev_explained && !enumerated && !joiner.contains(['/', '／', '(', '（']);
        if s > 0 && !enumerated && (!groups[s].joiner_separates_numbers() || weak_start) {
            s += 1;
            prev_explained = false;
            unexplained = true;
            continue;
        }
        let plus = run.plus && s == 0 && !after_area_code_word(text, run.start);
        let start = if plus { run.start } else { groups[s].start };
        if glued_before(text, start)
            || !as_value && glued_last_group(text, groups, s)
            || labelled_not_phone(text, start)
        {
            s += 1;
            prev_explained = false;
            unexplained = true;
            continue;
        }
        let hint = region_at(start);
        let mut digits = String::new();
        let mut prefixes = Vec::new();
        for (k, g) in groups.iter().skip(s).enumerate() {
            // `010-96110(010)96110`: a bracket opened after a number's digits starts the next number; after
            // a country code or trunk prefix (`+44 (0)20`, `1 (800)`) it belongs to this one.
            if k > 0 && digits.len() >= 5 && g.joiner.contains(['(', '（']) {
                break;
            }
            // Bounded by digits, not groups: German pages split a number into pairs and single digits
            // (`(0)69-7 93 31 91 0`); no number, even with `00` and a trunk `0`, has more than 18.
            if digits.len() + g.digits.len() > MAX_DIGITS {
                break;
            }
            digits.push_str(&g.digits);
            prefixes.push(digits.clone());
        }
        // `852-2215-5100`: a country code written as a group of its own, without its `+`.
        let code_group = (!plus
            && groups
                .get(s + 1)
                .is_some_and(|g| g.joiner == "-" || g.joiner == " "))
        .then(|| groups[s].digits.as_str())
        .filter(|d| d.len() <= 3 && !d.starts_with('0'))
        .and_then(|d| d.parse::<u16>().ok())
        // A geographic country's code: `800` starts toll-free numbers in many countries, so it is never
        // taken for the international freephone code without its `+`.
        .filter(|&code| {
            Region::for_country_code(code)
                .next()
                .is_some_and(|r| r.id() != "001")
        });
        // The longest group-aligned prefix that is a valid number and not glued to what follows.
        let mut found = prefixes
            .iter()
            .enumerate()
            .rev()
            .find_map(|(k, candidate)| {
                let without_plus = || {
                    let code = code_group.filter(|_| k > 0)?;
                    let number = parse_international(candidate)?;
                    (number.region.country_code() == code)
                        .then_some((number, RegionSource::International))
                };
                // Vanity words are a North American habit: `1-800-MY-APPLE` is +1 wherever it is written.
                let vanity = !plus
                    && groups[s + k].vanity
                    && candidate.len() == 11
                    && candidate.starts_with('1');
                let nanp = || {
                    vanity
                        .then(|| parse_international(candidate))
                        .flatten()
                        .map(|n| (n, RegionSource::International))
                };
                let (number, source) = nanp()
                    .or_else(|| parse_digits(candidate, plus, hint))
                    .or_else(without_plus)?;
                accept_end(text, groups, s, s + k + 1, number).map(|a| (a, source))
            });
        let alone = |k: usize| groups.get(k).is_none_or(|g| g.joiner_separates_numbers());
        if found.is_none() && !plus {
            let elsewhere = hint.short_elsewhere.map(|r| RegionHint {
                region: Some(r),
                source: RegionSource::Page,
                ..hint
            });
            let short = [Some(hint), elsewhere].into_iter().flatten().find_map(|h| {
                short_number(text, run, s, h, as_value)
                    .filter(|&(_, used)| alone(s + used))
                    .and_then(|(n, used)| accept_end(text, groups, s, s + used, n))
                    .map(|found| (found, h.source))
            });
            if let Some(((number, end, next), source)) = short {
                let chinese = number.region == Region::cn();
                if as_value || presented_as_number(text, start, end, chinese) {
                    found = Some(((number, end, next), source));
                } else if !used_as_name(text, start, end) {
                    // Not presented here; it counts if the page presents the same number elsewhere.
                    unpresented.push(Mention {
                        start,
                        end,
                        kind: Kind::Phone,
                        value: number.value(),
                        region: Some(number.region),
                        region_source: Some(source),
                        number: Some(number),
                    });
                }
            }
        }
        let Some(((number, end, next), region_source)) = found else {
            if let Some(invalid) = invalid_candidate(text, run, s, start, hint, as_value) {
                out.push(invalid);
                unexplained = true;
                break;
            }
            s += 1;
            prev_explained = false;
            unexplained = true;
            continue;
        };
        prev_explained = true;
        // `(+86) 138...` and `(010) 1234...`: keep an opening bracket that belongs to the number.
        let mut raw_start = start;
        if let Some(open) = text[..start].chars().next_back().filter(|&c| is_open(c)) {
            if groups
                .get(s + 1)
                .is_some_and(|g| g.joiner.chars().any(is_close))
            {
                raw_start -= open.len_utf8();
            }
        }
        out.push(Mention {
            start: raw_start,
            end,
            kind: Kind::Phone,
            value: number.value(),
            region: Some(number.region),
            region_source: Some(region_source),
            number: Some(number),
        });
        s = next;
    }
    if as_value && unexplained {
        out.truncate(first);
        let hint = region_at(run.start);
        out.extend(invalid_candidate(text, run, 0, run.start, hint, true));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_starts_found_across_chunks() {
        let text = format!("{}7{}＋{}", "a".repeat(70), "b".repeat(40), "c".repeat(3));
        let bytes = text.as_bytes();
        assert_eq!(next_run_start(bytes, 0), 70);
        assert_eq!(next_run_start(bytes, 71), 111);
        // Inside the full-width plus, past its lead byte: nothing more starts a run.
        assert_eq!(next_run_start(bytes, 112), bytes.len());
        assert_eq!(next_run_start(b"no digits here", 0), 14);
    }

    fn phones_in(text: &str, region: &str) -> Vec<String> {
        let hint = RegionHint {
            region: Region::by_id(region),
            named: false,
            source: RegionSource::Page,
            chinese_shapes: true,
            short_elsewhere: None,
        };
        let mut out = Vec::new();
        find(text, &|_| hint, Reading::Page, &mut out);
        out.into_iter().map(|m| m.value).collect()
    }

    /// How many times reading `text` asks for the region.
    fn region_questions(text: &str) -> usize {
        let asked = std::cell::Cell::new(0);
        let hint = RegionHint {
            region: Region::by_id("CN"),
            named: false,
            source: RegionSource::Page,
            chinese_shapes: true,
            short_elsewhere: None,
        };
        let mut out = Vec::new();
        find(
            text,
            &|_| {
                asked.set(asked.get() + 1);
                hint
            },
            Reading::Page,
            &mut out,
        );
        asked.get()
    }

    #[test]
    fn amounts_and_counts_need_no_region() {
        // Each of these ends glued to a unit, a percent sign or a word, which no region's reading accepts.
        assert_eq!(
            region_questions("已有268人参加，售价1159元，便宜17%，浏览量超过86万次。"),
            0
        );
        assert_eq!(
            region_questions("2023年4月11日，up 45% on 20000km of road"),
            0
        );
        // An extension after a glued marker (`x6770`) or a number standing alone still asks.
        assert_eq!(region_questions("Call 555-0100x6770"), 1);
        assert_eq!(region_questions("客服热线95533。"), 1);
    }

    #[test]
    fn cut_lists_and_ranges() {
        assert_eq!(
            phones_in("400-606-5500 / 400-616-5500", "CN"),
            ["+864006065500", "+864006165500"]
        );
        assert_eq!(
            phones_in("Call 400-606-5500 (24/7)", "CN"),
            ["+864006065500"]
        );
        assert!(phones_in("2024/03/15 10:00", "CN").is_empty());
        assert!(phones_in("192.168.100.200", "CN").is_empty());
    }

    #[test]
    fn raw_keeps_brackets_and_extensions() {
        let text = "(+86) 138 0013 8999 and 4006561155-3";
        let hint = RegionHint {
            region: Region::by_id("CN"),
            named: false,
            source: RegionSource::Page,
            chinese_shapes: true,
            short_elsewhere: None,
        };
        let mut out = Vec::new();
        find(text, &|_| hint, Reading::Page, &mut out);
        assert_eq!(&text[out[0].start..out[0].end], "(+86) 138 0013 8999");
        assert_eq!(out[1].value, "+864006561155;ext=3");
    }
}
