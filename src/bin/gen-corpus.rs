//! Generates a reproducible benchmark corpus: page-like text and HTML in English and Chinese, built from
//! the bundled fixtures with their digits varied, about one page in ten dense with numbers.
//!
//! Most pages of a crawl mention a contact or two in a lot of prose, so an ordinary page here is a seed's
//! prose lines, shuffled, 6 to 40 KB, with zero to four of the seed's contact lines put in. One page in
//! ten is a directory dense with numbers. `--directories` makes the worst case instead: every page a whole
//! seed (each a helpline directory, a contact every few hundred bytes) or a dense directory.
//!
//! `--mix crawl` makes a crawl's mix instead: nine pages in ten are ordinary prose with no contact at all
//! (English or Chinese news, shop and forum text with dates, prices, counts and order ids, written by
//! `prose_page` from its own word lists), and one in ten a contact page as above.
//!
//! `--as text|html|jsonl` writes every page in one form: `.txt` files, `.html` files, or JSON Lines files
//! of 500 `{"url":...,"text":...}` records each, so that each reader is measured. Without it, a third of
//! the pages are HTML unless `--text-only`.
//!
//! Usage: `cargo run --release --bin gen-corpus -- OUT_DIR MEGABYTES [SEED] [--text-only] [--directories]
//! [--mix crawl] [--as text|html|jsonl]`
//!
//! `--small N` writes N small pages instead (a few hundred bytes each, 1,000 to a folder), each claiming
//! its own number for JD.com's customer service, so that the crawl has about N distinct values; past the
//! first 30,000 values, pairs of pages claim one new number for two companies (planted conflicts, listed
//! in `OUT_DIR.planted.txt`).

use std::fs;
use std::io::Write;
use std::path::Path;

const SOURCES: &[&str] = &[
    include_str!("../../fixtures/seeds/000_d9a7547db497ca30.txt"),
    include_str!("../../fixtures/seeds/001_d1cf8ef2f5378ac3.txt"),
    include_str!("../../fixtures/seeds/002_7afdf4f3c9e2eaf0.txt"),
    include_str!("../../fixtures/seeds/003_6769d65fc4511666.txt"),
    include_str!("../../fixtures/seeds/004_0a13fc0d7143eddd.txt"),
];

/// A small deterministic generator (xorshift64*), so the corpus is the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Replaces digits after the third of each digit run with others (country codes and prefixes such as
/// `+86`, `400` stay, so most numbers stay valid, as on real pages).
fn vary_digits(text: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = 0;
    for c in text.chars() {
        if c.is_ascii_digit() {
            run += 1;
        } else if !matches!(c, '-' | ' ') {
            run = 0;
        }
        if c.is_ascii_digit() && run > 3 && rng.below(2) == 0 {
            out.push(char::from(b'0' + rng.below(10) as u8));
        } else {
            out.push(c);
        }
    }
    out
}

/// A page dense with numbers: the seed directories' rows (valid numbers of many countries) repeated with
/// their last digits varied, plus Chinese hotline lines.
fn dense_page(rng: &mut Rng) -> String {
    let rows: Vec<&str> = SOURCES[..3]
        .iter()
        .flat_map(|s| s.lines())
        .filter(|l| l.starts_with("- ") && l.chars().filter(char::is_ascii_digit).count() >= 7)
        .collect();
    let mut page = String::from("Customer Care Number | Toll Free Number | Global Helpline\n");
    for _ in 0..6 {
        for row in &rows {
            page.push_str(&vary_tail(row, rng));
            page.push('\n');
        }
        page.push_str(&format!(
            "客服热线：400-{:03}-{:04}（24小时）\n",
            rng.below(1000),
            rng.below(10_000)
        ));
    }
    page
}

/// An ordinary page: the title and shuffled prose lines of one seed, with a few of its contact lines.
fn ordinary_page(source: &str, rng: &mut Rng) -> String {
    let (contacts, prose): (Vec<&str>, Vec<&str>) = source
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .partition(|l| l.chars().filter(char::is_ascii_digit).count() >= 7);
    let mut page = format!("{}\n", source.lines().next().unwrap_or(""));
    let target = 6 * 1024 + rng.below(34 * 1024);
    let mut contacts_left = if contacts.is_empty() { 0 } else { rng.below(5) };
    while page.len() < target {
        if contacts_left > 0 && rng.below(40) == 0 {
            page.push_str(contacts[rng.below(contacts.len())]);
            contacts_left -= 1;
        } else {
            page.push_str(prose[rng.below(prose.len())]);
        }
        page.push('\n');
    }
    vary_digits(&page, rng)
}

/// Varies the last two digits of each digit run (lengths and prefixes stay valid).
fn vary_tail(line: &str, rng: &mut Rng) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    for (i, &c) in chars.iter().enumerate() {
        let run_ends_soon = chars.get(i + 1).is_some_and(|n| !n.is_ascii_digit())
            || chars.get(i + 2).is_some_and(|n| !n.is_ascii_digit());
        if c.is_ascii_digit() && run_ends_soon && i > 0 && chars[i - 1].is_ascii_digit() {
            out.push(char::from(b'0' + rng.below(10) as u8));
        } else {
            out.push(c);
        }
    }
    out
}

fn to_html(text: &str) -> String {
    let mut html = String::from("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>");
    let mut lines = text.lines();
    html.push_str(&escape(lines.next().unwrap_or("")));
    html.push_str("</title><script>var x = 1234567890;</script></head><body>\n");
    for line in lines {
        if line.contains(" | ") {
            html.push_str("<table><tr>");
            for cell in line.split(" | ") {
                html.push_str(&format!("<td>{}</td>", escape(cell)));
            }
            html.push_str("</tr></table>\n");
        } else if let Some(item) = line.strip_prefix("- ") {
            html.push_str(&format!("<ul><li>{}</li></ul>\n", escape(item)));
        } else {
            html.push_str(&format!("<p>{}</p>\n", escape(line)));
        }
    }
    html.push_str("</body></html>\n");
    html
}

/// Words for `prose_page`, in sentence slots: who, does what, to what.
const EN_SUBJECTS: &[&str] = &[
    "The city council",
    "Our editors",
    "The new model",
    "Most readers",
    "The team",
    "A local bakery",
    "The museum",
    "Shoppers",
    "The committee",
    "Researchers",
    "The school board",
    "Our reviewer",
];
const EN_VERBS: &[&str] = &[
    "announced",
    "tested",
    "compared",
    "reviewed",
    "postponed",
    "opened",
    "described",
    "measured",
    "approved",
    "recommended",
    "collected",
    "updated",
];
const EN_OBJECTS: &[&str] = &[
    "the spring schedule",
    "a cheaper version",
    "the river path",
    "its winter menu",
    "the survey results",
    "three new exhibits",
    "the delivery times",
    "the battery life",
    "a larger garden",
    "the summer camp",
];
const ZH_SUBJECTS: &[&str] = &[
    "市图书馆",
    "这款新手机",
    "我们的编辑",
    "不少网友",
    "该公司",
    "本店",
    "研究团队",
    "小区物业",
    "博物馆",
    "这家面馆",
];
const ZH_VERBS: &[&str] = &[
    "推出了",
    "调整了",
    "公布了",
    "测试了",
    "延长了",
    "更新了",
    "比较了",
    "举办了",
];
const ZH_OBJECTS: &[&str] = &[
    "春季课程安排",
    "会员积分规则",
    "夏季新品",
    "周末开放时间",
    "电池续航表现",
    "读书分享会",
    "配送范围",
    "年度调查结果",
];

/// One sentence with a date, a price, a count or an order id in it: the digits of a real page that are
/// not contacts.
fn prose_sentence(chinese: bool, rng: &mut Rng) -> String {
    let pick = |list: &[&'static str], rng: &mut Rng| list[rng.below(list.len())];
    let (y, m, d) = (2020 + rng.below(7), 1 + rng.below(12), 1 + rng.below(28));
    if chinese {
        let (s, v, o) = (
            pick(ZH_SUBJECTS, rng),
            pick(ZH_VERBS, rng),
            pick(ZH_OBJECTS, rng),
        );
        match rng.below(5) {
            0 => format!("{y}年{m}月{d}日，{s}{v}{o}。"),
            1 => format!(
                "{s}{v}{o}，售价{}元，比去年便宜{}%。",
                19 + rng.below(5000),
                1 + rng.below(60)
            ),
            2 => format!(
                "{s}{v}{o}，已有{}人参加，浏览量超过{}万次。",
                12 + rng.below(900),
                1 + rng.below(99)
            ),
            3 => format!(
                "订单号 DD{y}{m:02}{d:02}{:06} 已发货，{s}{v}{o}。",
                rng.below(1_000_000)
            ),
            _ => format!(
                "{s}于{m}月{d}日 {:02}:{:02} {v}{o}，共{}项。",
                rng.below(24),
                rng.below(60),
                2 + rng.below(30)
            ),
        }
    } else {
        let (s, v, o) = (
            pick(EN_SUBJECTS, rng),
            pick(EN_VERBS, rng),
            pick(EN_OBJECTS, rng),
        );
        match rng.below(5) {
            0 => format!("On {y}-{m:02}-{d:02}, {} {v} {o}.", s.to_lowercase()),
            1 => format!(
                "{s} {v} {o}, now ${}.{:02}, down {}% from last year.",
                3 + rng.below(900),
                rng.below(100),
                1 + rng.below(60)
            ),
            2 => format!(
                "{s} {v} {o} after {} visitors and {} comments.",
                100 + rng.below(90_000),
                3 + rng.below(800)
            ),
            3 => format!(
                "Order #{y}{m:02}{d:02}-{:05} shipped; {} {v} {o}.",
                rng.below(100_000),
                s.to_lowercase()
            ),
            _ => format!(
                "{s} {v} {o} at {}:{:02} on {m}/{d}/{y}, in {} parts.",
                1 + rng.below(12),
                rng.below(60),
                2 + rng.below(30)
            ),
        }
    }
}

/// An ordinary page of a crawl with no contact: a title, then paragraphs of a few sentences, 4 to 40 KB.
fn prose_page(rng: &mut Rng) -> String {
    let chinese = rng.below(2) == 0;
    let mut page = prose_sentence(chinese, rng);
    page.push('\n');
    let target = 4 * 1024 + rng.below(36 * 1024);
    while page.len() < target {
        for _ in 0..2 + rng.below(5) {
            page.push_str(&prose_sentence(chinese, rng));
            if !chinese {
                page.push(' ');
            }
        }
        page.push('\n');
    }
    page
}

/// A JSON Lines record of one page, as a crawl exports it.
fn json_record(url: &str, text: &str) -> String {
    let mut line = serde_json::json!({ "url": url, "text": text }).to_string();
    line.push('\n');
    line
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `--small N`: N small pages, with planted conflicts among values past the 30,000th.
fn small_pages(out: &Path, n: usize, rng: &mut Rng) {
    let mut planted = Vec::new();
    for i in 0..n {
        let source = SOURCES[rng.below(SOURCES.len())];
        let prose: Vec<&str> = source
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty() && !l.chars().any(|c| c.is_ascii_digit()))
            .collect();
        let title = source.lines().next().unwrap_or("");
        let before = [prose[rng.below(prose.len())], prose[rng.below(prose.len())]];
        // Every 25,000th page past the 40,000th, and the next one, claim one new number for two companies,
        // right under the title: a prose line before it can be a heading naming another country (`Australia
        // & New Zealand:`), in which the number would be read, and be invalid, so not a conflict.
        let k = i.checked_sub(40_000).map(|j| (j / 25_000, j % 25_000));
        let value = |k: usize| format!("400-5{:02}-{:04}", k / 10_000 % 100, k % 10_000);
        let planted_line = match k {
            Some((k, 0)) => {
                planted.push(value(k));
                Some(format!("京东客服热线：{}\n", value(k)))
            }
            Some((k, 1)) => Some(format!("拼多多客服热线：{}\n", value(k))),
            _ => None,
        };
        let mut page = format!("{title}\n");
        if let Some(line) = &planted_line {
            page.push_str(line);
        }
        for line in before {
            page.push_str(line);
            page.push('\n');
        }
        if planted_line.is_none() {
            page.push_str(&format!(
                "京东客服热线：400-6{:02}-{:04}\n",
                i / 10_000 % 100,
                i % 10_000
            ));
        }
        page.push_str(prose[rng.below(prose.len())]);
        page.push('\n');
        let dir = out.join(format!("{:04}", i / 1000));
        if i % 1000 == 0 {
            fs::create_dir_all(&dir).unwrap();
        }
        fs::write(dir.join(format!("page{i:07}.txt")), page).unwrap();
    }
    let list = format!("{}.planted.txt", out.display());
    fs::write(&list, planted.join("\n") + "\n").unwrap();
    eprintln!(
        "gen-corpus: {n} small pages in {}, {} planted conflicts listed in {list}",
        out.display(),
        planted.len()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--small") {
        let (Some(out), Some(n)) = (args.get(1), args.get(i + 1).and_then(|n| n.parse().ok()))
        else {
            eprintln!("usage: gen-corpus OUT_DIR --small N");
            std::process::exit(2);
        };
        let out = Path::new(out);
        fs::create_dir_all(out).unwrap();
        small_pages(out, n, &mut Rng(20261121));
        return;
    }
    if args.len() < 3 {
        eprintln!("usage: gen-corpus OUT_DIR MEGABYTES [SEED] [--text-only] [--directories] [--mix crawl] [--as text|html|jsonl]");
        eprintln!("       gen-corpus OUT_DIR --small N");
        std::process::exit(2);
    }
    let out = Path::new(&args[1]);
    let megabytes: usize = args[2].parse().unwrap_or_else(|_| {
        eprintln!("gen-corpus: MEGABYTES must be a whole number");
        std::process::exit(2)
    });
    let seed: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(20261121);
    let text_only = args.iter().any(|a| a == "--text-only");
    let directories = args.iter().any(|a| a == "--directories");
    let value_of = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let crawl = value_of("--mix").is_some_and(|m| m == "crawl");
    let form = value_of("--as").map(String::as_str);
    if !matches!(form, None | Some("text" | "html" | "jsonl")) {
        eprintln!("gen-corpus: --as is text, html or jsonl");
        std::process::exit(2);
    }
    fs::create_dir_all(out).unwrap();
    let mut rng = Rng(seed | 1);
    let target = megabytes * 1024 * 1024;
    let mut written = 0;
    let mut n = 0usize;
    let mut jsonl: Option<fs::File> = None;
    while written < target {
        let source = SOURCES[rng.below(SOURCES.len())];
        let mut page = if crawl && rng.below(10) != 0 {
            prose_page(&mut rng)
        } else if rng.below(10) == 0 {
            dense_page(&mut rng)
        } else if directories {
            vary_digits(source, &mut rng)
        } else {
            ordinary_page(source, &mut rng)
        };
        let dir = out.join(format!("{:03}", n / 1000));
        fs::create_dir_all(&dir).unwrap();
        if form == Some("jsonl") {
            if n % 500 == 0 {
                jsonl = Some(fs::File::create(dir.join(format!("pages{n:06}.jsonl"))).unwrap());
            }
            let record = json_record(&format!("https://example.com/page{n:06}"), &page);
            jsonl
                .as_mut()
                .unwrap()
                .write_all(record.as_bytes())
                .unwrap();
            written += record.len();
            n += 1;
            continue;
        }
        let html = match form {
            Some(form) => form == "html",
            None => !text_only && rng.below(3) == 0,
        };
        if html {
            page = to_html(&page);
        }
        let name = dir.join(format!("page{n:06}.{}", if html { "html" } else { "txt" }));
        let mut f = fs::File::create(name).unwrap();
        f.write_all(page.as_bytes()).unwrap();
        written += page.len();
        n += 1;
    }
    eprintln!(
        "gen-corpus: {n} pages, {:.1} MB in {}",
        written as f64 / 1e6,
        out.display()
    );
}
