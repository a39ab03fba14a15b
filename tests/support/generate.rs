//! Grammar-based generators for hostile input, driven by a stream of bytes so that the same grammar serves
//! the fuzz targets (libFuzzer mutates the bytes, and every mutation is still a page made of contact forms),
//! the proptest suite (`tests/generated.rs`, where proptest draws and shrinks the bytes) and the
//! generated-input loop (`examples/hostile_loop.rs`, where a seeded generator draws them).
//!
//! A page is a sequence of pieces: real contact forms as people write them (`400-606-5500`, `95588`,
//! `+44 20 3865 9200`, full-width digits, `tel:`, `[at]` addresses, numbers with `转3`), mutated copies of
//! them, separators, extension markers, labels, and Unicode noise that breaks code which assumes one string's
//! offsets are valid in another: letters whose case mapping changes their length (`ẞ`, `İ`, `ﬀ`), full-width
//! forms, combining marks, right-to-left marks, zero-width and non-breaking spaces.

#![allow(dead_code)]

/// Choices read from a byte stream; once it is used up every choice is the first option, so any input is
/// a finite, valid derivation.
pub struct Choices<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Choices<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Choices { data, at: 0 }
    }

    pub fn exhausted(&self) -> bool {
        self.at >= self.data.len()
    }

    fn byte(&mut self) -> u8 {
        let b = self.data.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }

    /// A number below `n` (n ≤ 65,536).
    pub fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0 && n <= 1 << 16);
        if n <= 256 {
            usize::from(self.byte()) % n
        } else {
            (usize::from(self.byte()) << 8 | usize::from(self.byte())) % n
        }
    }

    pub fn pick<'s, T: ?Sized>(&mut self, options: &[&'s T]) -> &'s T {
        options[self.below(options.len())]
    }

    pub fn chance(&mut self, in_256: u8) -> bool {
        self.byte() < in_256
    }
}

/// The contact forms of issue 13, as a new user wrote them.
pub const FORMS: &[&str] = &[
    "400-606-5500",
    "+86 10 8911 6155",
    "95588",
    "1-800-MY-APPLE",
    "+44 20 3865 9200",
    "０２１－５３３９５２８８",
    "support@jd.com",
    "jd [at] jd [dot] com",
    "12315",
    "tel:+8613800138000",
    "400 656 0055转3",
    "(021)53395288",
];

/// More forms the finder reads: other regions, other spellings, short numbers, obfuscated addresses.
const MORE_FORMS: &[&str] = &[
    "4006065500",
    "400-820-8820",
    "800-820-8820",
    "+86-21-5339-5288",
    "+86 400 606 5500",
    "0086 10 8911 6155",
    "010-89116155",
    "(010) 8911 6155",
    "13800138000",
    "138 0013 8000",
    "+1 800 692 7753",
    "1 (800) 692-7753",
    "+1-212-555-0123",
    "0800 123 4567",
    "020 3865 9200",
    "+852 2888 8888",
    "+886 2 2345 6789",
    "+81 3-1234-5678",
    "110",
    "120",
    "10086",
    "96511",
    "1010-6888",
    "106 5751 5885",
    "４００－６０６－５５００",
    "＋８６　１０　８９１１　６１５５",
    "９５５８８",
    "help@ccb.com",
    "KeFu@JD.COM",
    "service [at] 95588 [dot] com",
    "kefu（at）jd（dot）com",
    "user@mail.例子.中国",
    "a.b-c+tag@sub.example.org",
    "mailto:support@apple.com",
    "tel:400-606-5500",
    "sms:95588",
    "wa.me/8613800138000",
    "400-606-5500 ext. 12",
    "021-53395288-808",
    "400 656 0055 x 7",
    "1-800-APPLE-00",
    "(021) 5339 5288 #2",
];

/// Characters the issue drew its noise from.
pub const ISSUE_ALPHABET: &[char] = &[
    'ẞ', 'İ', 'ı', 'ß', 'ǅ', 'ǈ', 'ﬀ', 'ﬁ', 'Σ', 'σ', 'ς', 'Ω', 'K', 'Å', '零', '一', '京', '东',
    '客', '服', '热', '线', '電', '話', '转', '分', '机', 'e', 'x', 't', ' ', '#', '：', ':', '|',
    '\t', '。', '，', '、', '(', ')', '（', '）', '-', '－', '\u{200B}', '\u{00A0}', '\u{3000}',
];

/// Characters whose lower- or upper-case form has another length in bytes or characters.
const CASE_CHANGING: &[char] = &[
    'ẞ', 'İ', 'ı', 'ß', 'ǅ', 'ǈ', 'ǋ', 'ﬀ', 'ﬁ', 'ﬂ', 'ﬃ', 'ﬅ', 'Σ', 'σ', 'ς', 'Ω', 'Ω', 'K', 'Å',
    'ŉ', 'ǰ', 'ΐ', 'ᾈ', 'ῼ', 'Ⱥ', 'ȿ', 'ɐ', 'ᲀ', 'ꞵ', 'Ꭰ', 'ꭰ', 'ẚ',
];

/// Characters that are wider or narrower forms of ASCII, and ASCII look-alikes.
const WIDTH_CHANGING: &[char] = &[
    '０', '１', '５', '９', '＋', '－', '（', '）', '＠', '．', '：', '＃', 'ｘ', 'Ｅ', 'ｅ', '　',
    '‐', '‑', '‒', '–', '—', '―', '−', '٠', '٣', '۵', '०', '৭', '๘', '𝟎', '𝟗', '①', '⑨', '²', '³',
    '¹', '½',
];

/// Marks that change nothing visible, or the direction text is shown in.
const INVISIBLE: &[char] = &[
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}',
    '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2069}', '\u{2060}', '\u{FEFF}', '\u{00AD}',
    '\u{00A0}', '\u{3000}', '\u{2028}', '\u{2029}', '\u{0085}', '\r', '\u{000B}', '\u{000C}',
];

/// Combining marks (they attach to whatever precedes them, digits included).
const COMBINING: &[char] = &[
    '\u{0301}', '\u{0308}', '\u{0327}', '\u{0338}', '\u{20DD}', '\u{20E3}', '\u{FE0F}', '\u{FE0E}',
    '\u{3099}', '\u{0F72}',
];

const SEPARATORS: &[&str] = &[
    " ", "  ", "-", "－", ".", "/", "\t", "\n", "\n\n", "|", " | ", "、", "，", ",", "；", ";",
    "(", ")", "（", "）", "【", "】", "「", "」", "：", ":", "~", "—", "或", " or ", "/ ",
    "\u{3000}", "\u{00A0}",
];

const EXTENSIONS: &[&str] = &[
    "转",
    "轉",
    "ext",
    "ext.",
    "Ext",
    "EXT.",
    "x",
    "X",
    "#",
    "分机",
    "分機",
    "extension",
    " ext ",
    "转分机",
    "-",
    "～",
    "按",
];

const LABELS: &[&str] = &[
    "客服热线",
    "客服热线：",
    "客服電話：",
    "電話",
    "电话：",
    "Tel:",
    "TEL：",
    "Phone: ",
    "Hotline ",
    "Customer Service: ",
    "官方客服",
    "投诉电话 ",
    "全国统一服务热线",
    "服务时间 9:00-18:00 ",
    "Fax:",
    "传真：",
    "邮箱：",
    "Email: ",
    "E-mail：",
    "联系我们",
    "京东客服",
    "Apple Support",
    "中国建设银行",
    "工作日",
    "24小时",
    "订单号 ",
    "微信：",
    "WhatsApp ",
    "Call ",
    "拨打",
    "举报电话：",
    "地址：北京市",
    "第12315号",
    "2024-06-01",
];

fn push_char(c: &mut Choices, out: &mut String, set: &[char]) {
    out.push(set[c.below(set.len())]);
}

/// One character of noise from any of the hostile sets.
fn noise_char(c: &mut Choices, out: &mut String) {
    match c.below(6) {
        0 => push_char(c, out, ISSUE_ALPHABET),
        1 => push_char(c, out, CASE_CHANGING),
        2 => push_char(c, out, WIDTH_CHANGING),
        3 => push_char(c, out, INVISIBLE),
        4 => push_char(c, out, COMBINING),
        _ => {
            // Any scalar value at all, now and then.
            let v = (c.below(256) << 12 | c.below(4096)) as u32 % 0x11_0000;
            out.push(char::from_u32(v).unwrap_or('\u{FFFD}'));
        }
    }
}

/// A real contact form, possibly changed: digits made full-width or Arabic-Indic, letters re-cased, noise
/// put inside it, a piece cut off or doubled.
fn contact(c: &mut Choices, out: &mut String) {
    let form = if c.chance(160) {
        c.pick(FORMS)
    } else {
        c.pick(MORE_FORMS)
    };
    if c.chance(150) {
        out.push_str(form);
        return;
    }
    let mutation = c.below(8);
    let chars: Vec<char> = form.chars().collect();
    match mutation {
        0 => out.extend(chars.iter().map(|&ch| match ch {
            '0'..='9' => char::from_u32(ch as u32 - '0' as u32 + '０' as u32).unwrap(),
            '+' => '＋',
            '-' => '－',
            ' ' => '\u{3000}',
            other => other,
        })),
        1 => out.push_str(&form.to_uppercase()),
        2 => {
            // Noise at one place inside the form.
            let at = c.below(chars.len() + 1);
            out.extend(&chars[..at]);
            for _ in 0..=c.below(3) {
                noise_char(c, out);
            }
            out.extend(&chars[at..]);
        }
        3 => {
            // Cut short, or started late.
            let at = c.below(chars.len() + 1);
            if c.chance(128) {
                out.extend(&chars[..at]);
            } else {
                out.extend(&chars[at..]);
            }
        }
        4 => {
            // A digit changed, added or dropped.
            let at = c.below(chars.len());
            out.extend(&chars[..at]);
            match c.below(3) {
                0 => out.push(char::from(b'0' + c.below(10) as u8)),
                1 => {
                    out.push(char::from(b'0' + c.below(10) as u8));
                    out.push(chars[at]);
                }
                _ => {}
            }
            out.extend(&chars[at + 1..]);
        }
        5 => {
            // Every separator replaced by another.
            let sep = c.pick(SEPARATORS);
            for &ch in &chars {
                if matches!(ch, ' ' | '-' | '－' | '　') {
                    out.push_str(sep);
                } else {
                    out.push(ch);
                }
            }
        }
        6 => {
            // Combining marks on the digits.
            let mark = COMBINING[c.below(COMBINING.len())];
            for &ch in &chars {
                out.push(ch);
                if ch.is_ascii_digit() && c.chance(64) {
                    out.push(mark);
                }
            }
        }
        _ => {
            // Twice, glued.
            out.push_str(form);
            out.push_str(form);
        }
    }
}

/// Digits of some length, ASCII or full-width.
fn digits(c: &mut Choices, out: &mut String) {
    let wide = c.chance(48);
    for _ in 0..1 + c.below(14) {
        let d = c.below(10) as u32;
        let base = if wide { '０' as u32 } else { '0' as u32 };
        out.push(char::from_u32(base + d).unwrap());
    }
}

/// One piece of a page.
fn piece(c: &mut Choices, out: &mut String) {
    match c.below(16) {
        0..=4 => contact(c, out),
        5 | 6 => out.push_str(c.pick(SEPARATORS)),
        7 | 8 => out.push_str(c.pick(EXTENSIONS)),
        9 | 10 => out.push_str(c.pick(LABELS)),
        11 => digits(c, out),
        12 | 13 => {
            for _ in 0..1 + c.below(4) {
                noise_char(c, out);
            }
        }
        14 => {
            // An extension marker right after a number and right before the next: the issue's trigger.
            contact(c, out);
            out.push_str(c.pick(EXTENSIONS));
            if c.chance(128) {
                digits(c, out);
            } else {
                contact(c, out);
            }
        }
        _ => {
            // A labelled line, as a contact page writes it.
            out.push_str(c.pick(LABELS));
            contact(c, out);
            out.push('\n');
        }
    }
}

/// A page: up to 48 pieces (the first byte says how many).
pub fn page(c: &mut Choices) -> String {
    let mut out = String::new();
    let n = 1 + c.below(48);
    for _ in 0..n {
        piece(c, &mut out);
        if c.exhausted() {
            break;
        }
    }
    out
}

/// A value someone could ask `hotline check` about: a contact form with noise around or inside it, or a
/// few pieces.
pub fn value(c: &mut Choices) -> String {
    let mut out = String::new();
    match c.below(4) {
        0 => contact(c, &mut out),
        1 => {
            for _ in 0..c.below(3) {
                noise_char(c, &mut out);
            }
            contact(c, &mut out);
            for _ in 0..c.below(3) {
                noise_char(c, &mut out);
            }
        }
        2 => {
            for _ in 0..1 + c.below(4) {
                piece(c, &mut out);
            }
        }
        _ => {
            out.push_str(c.pick(LABELS));
            contact(c, &mut out);
            if c.chance(128) {
                out.push_str(c.pick(EXTENSIONS));
                digits(c, &mut out);
            }
        }
    }
    out
}

/// The issue's own generator, one piece: 0 to 3 characters of its alphabet, then one of its forms.
fn issue_piece(c: &mut Choices, out: &mut String) {
    for _ in 0..c.below(4) {
        push_char(c, out, ISSUE_ALPHABET);
    }
    out.push_str(c.pick(FORMS));
}

/// A page as issue 13 generated them: 1 to 8 pieces.
pub fn issue_page(c: &mut Choices) -> String {
    let mut out = String::new();
    for _ in 0..1 + c.below(8) {
        issue_piece(c, &mut out);
    }
    out
}

/// A `check` value as issue 13 generated them: one piece.
pub fn issue_value(c: &mut Choices) -> String {
    let mut out = String::new();
    issue_piece(c, &mut out);
    out
}
