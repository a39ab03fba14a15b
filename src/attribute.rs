//! Attribution: which organisation and which role a page claims a contact for, the label it gives, the
//! hours it states, and the channel (WhatsApp, SMS, ...) it offers the contact on.

use std::sync::OnceLock;

use regex::Regex;

use crate::context::names::{is_channel_name, Name};
use crate::context::{countries_outside_orgs, Page, LABEL_WINDOW};
use crate::data::{channel_words, cue_terms, cues, is_freemail};
use crate::mention::email::registrable;
use crate::mention::Mention;
use crate::model::{Attribution, Kind, RoleSource};
use crate::numbering::cn;
use crate::reference::{Channel, OrgKind};
use crate::text::{
    ceil_boundary, floor_boundary, is_han, slice, strip_prefix_ignore_ascii_case,
    strip_suffix_ignore_ascii_case,
};

/// Hours written next to a contact: `24/7`, `24 小时`, `9:00-21:00`, `9:00 AM – 6:00 PM EST`, `工作日9:00至18:00`.
fn hours_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let time = r"(?:早|晚|上午|下午)?\d{1,2}(?:[:：]\d{2})?\s*(?:[AaPp]\.?[Mm]\.?|点)?";
        let clock = r"(?:早|晚|上午|下午)?\d{1,2}[:：]\d{2}";
        let meridiem = r"\d{1,2}(?:[:：]\d{2})?\s*[AaPp]\.?[Mm]\.?";
        let days = r"(?:工作日|每天|周[一二三四五六日]至周[一二三四五六日]|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\s*[-–—~]\s*(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*)";
        let zone = r"(?:\s*(?:[A-Z]{1,4}T|CST|EST|GMT|CET|JST|KST|SGT|IST|AEST|WIB|ICT|PHT|北京时间))?";
        Regex::new(&format!(
            r"24\s*/\s*7|24\s*[x×]\s*7|7\s*[x×]\s*24|24\s*(?:小时|hours|hrs)|全天候|(?:{days}\s*[,，:：]?\s*)?(?:{clock}\s*(?:[-–—~～至到]|to)\s*{time}|{meridiem}\s*(?:[-–—~～至到]|to)\s*{time}){zone}(?:\s*[,，]\s*{days}|\s*[(（]{days}[)）])?"
        ))
        .unwrap()
    })
}

/// Words that, written before a number, introduce it rather than describe it (`拨打`, `call`).
fn call_verbs() -> &'static [String] {
    cue_terms("call_verb")
}

fn is_label_break(c: char) -> bool {
    matches!(
        c,
        '。' | ';' | '；' | '!' | '！' | '?' | '？' | '|' | '｜' | '\n'
    )
}

fn label_edge(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '•'
                | '*'
                | '·'
                | '“'
                | '”'
                | '"'
                | '‘'
                | '’'
                | '「'
                | '」'
                | '('
                | '（'
                | ','
                | '，'
                | '①'
                | '②'
                | '③'
                | '④'
                | '⑤'
                | '>'
                | '→'
        )
}

fn is_colon(c: char) -> bool {
    c == ':' || c == '：'
}

/// Strips the call verbs that introduce a number (`Urgent Issue (China): Call` -> `Urgent Issue (China):`).
/// A label ending in a colon keeps its words (`Free Call:`).
fn strip_call_verbs(s: &str) -> &str {
    let mut s = s.trim_matches(label_edge);
    if s.ends_with(is_colon) {
        return s;
    }
    loop {
        let rest = call_verbs().iter().find_map(|v| {
            let rest = strip_suffix_ignore_ascii_case(s, v)?;
            let prev = rest.chars().next_back();
            let verb_alone = if v.is_ascii() {
                !prev.is_some_and(|c| c.is_ascii_alphanumeric())
            } else {
                // A one-character verb inside a word (`直拨`) is part of the label.
                v.chars().count() > 1 || !prev.is_some_and(is_han)
            };
            verb_alone.then_some(rest)
        });
        let Some(rest) = rest else {
            return s;
        };
        s = rest.trim_end_matches(label_edge);
    }
}

/// A label without what a link leaves around its address: the HTML reader writes `<a href="tel:…">call
/// us</a>` as `call us (tel:…)`, so the text before the number ends in `(tel:` and the text after the
/// previous link starts with `)` and a connector (`) or email us (mailto:`).
fn strip_link_markup(label: &str) -> &str {
    let mut s = label;
    if let Some(before_colon) = label.trim_end().strip_suffix(':') {
        for scheme in ["tel", "mailto", "sms", "callto"] {
            if let Some(rest) = strip_suffix_ignore_ascii_case(before_colon, scheme) {
                if !rest.ends_with(|c: char| c.is_ascii_alphanumeric()) {
                    s = rest.trim_end().trim_end_matches(['(', '（']).trim_end();
                    break;
                }
            }
        }
    }
    let t = s.trim_start();
    if let Some(rest) = t.strip_prefix([')', '）']) {
        let rest = rest.trim_start();
        // `) or email us`: the connector joined the two links, it is not part of this one's label.
        let after_connector = cue_terms("connector").iter().find_map(|c| {
            let r = strip_prefix_ignore_ascii_case(rest, c)?;
            r.starts_with(char::is_whitespace).then(|| r.trim_start())
        });
        return after_connector.unwrap_or(rest);
    }
    s
}

/// The label as shown: no bullets, quotes, introducing verbs or trailing colon.
fn trim_label(s: &str) -> &str {
    strip_call_verbs(s)
        .trim_end_matches(is_colon)
        .trim_matches(label_edge)
}

/// Whether a clause reads like a label (`Label:`, `客服电话`, a short phrase) rather than running prose or
/// an instruction (`普通用户打 ...`, `查物流 / 改地址:拨打 ...`, which say when to call, not what it is).
fn reads_like_label(clause: &str) -> bool {
    let raw = clause.trim().trim_matches(label_edge);
    let stripped = strip_call_verbs(raw);
    let lower_raw = raw.to_lowercase();
    let ends_in_han_verb = call_verbs()
        .iter()
        .any(|v| !v.is_ascii() && lower_raw.ends_with(v.as_str()));
    // (`消费者协会：拨打`, `Report fraud: call` are a label and the verb that introduces its number.)
    let verb_after_colon = stripped.ends_with(is_colon);
    if (stripped.len() != raw.len() || ends_in_han_verb) && !verb_after_colon {
        return false;
    }
    let lower = stripped.to_lowercase();
    stripped.is_empty()
        || stripped.ends_with(is_colon)
        || cue_terms("line_noun")
            .iter()
            .any(|n| lower.ends_with(n.as_str()))
        || raw.chars().count() <= 24 && !raw.contains([',', '，', '。'])
}

fn truncate(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// A line marked as an advertisement: its contacts belong to the advertiser, not the page's brand.
fn is_ad_line(line: &str) -> bool {
    let t = line.trim_start();
    cue_terms("ad_marker")
        .iter()
        .any(|p| t.starts_with(p.as_str()))
}

struct Windows<'t> {
    /// Text naming the contact: a table row's first cell, or the clause before it.
    label: &'t str,
    /// Whether `label` reads like a label (a cell, `Label:`, `客服电话`) rather than running prose.
    label_like: bool,
    /// A description right after the contact: `(自营售后专线)`, `是第三方店铺纠纷`.
    after_label: &'t str,
    /// The rest of the line after the contact, up to the next contact.
    after: &'t str,
}

/// The clause that ends at `end`, starting after `from`.
fn clause_before(text: &str, from: usize, end: usize) -> &str {
    let before = slice(text, from, end);
    let mut start = before.rfind(is_label_break).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    // A sentence end (". ") also ends a clause; `JD.com` does not.
    if let Some(i) = before[start..].rfind(". ") {
        start += i + 2;
    }
    &before[start..]
}

/// Words that only join two contacts sharing one label (`Use A (China) or B`).
fn only_connectors(s: &str) -> bool {
    let mut rest = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = (depth - 1).max(0),
            _ if depth == 0 => rest.push(c),
            _ => {}
        }
    }
    let t = rest.trim_matches(|c: char| label_edge(c) || c == '/' || c == '、');
    t.is_empty() || cue_terms("connector").contains(&t.to_lowercase())
}

fn is_email(m: &Mention) -> bool {
    m.kind == Kind::Email
}

/// A label that only says what kind of line follows (`Tel:`, `电话：`), naming nothing.
fn only_line_noun(label: &str) -> bool {
    let t = trim_label(label).to_lowercase();
    cue_terms("line_noun").contains(&t)
}

fn windows<'t>(page: &Page<'t>, mentions: &[Mention], i: usize) -> Windows<'t> {
    let text = page.text;
    let m = &mentions[i];
    let index = page.lines.index_of(m.start);
    let full = page.lines.range(text, index);
    let line = floor_boundary(text, m.start.saturating_sub(LABEL_WINDOW).max(full.start))
        ..ceil_boundary(text, (m.end + LABEL_WINDOW).min(full.end));
    let on_line = |k: &Mention| line.contains(&k.start);
    let prev = i
        .checked_sub(1)
        .map(|p| &mentions[p])
        .filter(|p| on_line(p));
    let next_start = mentions
        .get(i + 1)
        .filter(|n| on_line(n))
        .map_or(line.end, |n| n.start);
    let after = &text[m.end..next_start.max(m.end)];

    let after_label = {
        let t = after.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '”' | '"' | '’' | '」' | '』')
        });
        // `(号码:13118506027),自称是淘宝理赔中心的客服`: a number in brackets, and the sentence goes on about it.
        let t = t.strip_prefix([')', '）']).map_or(t, |rest| {
            rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '，'))
        });
        if let Some(inner) = t.strip_prefix(['(', '（']) {
            inner.split([')', '）']).next().unwrap_or("")
        } else {
            // `是第三方店铺纠纷`, `进行投诉举报`, `to file a complaint`: a short purpose clause.
            let clause = t
                .split(|c: char| is_label_break(c) || matches!(c, ',' | '，' | '.' | '('))
                .next()
                .unwrap_or("");
            let lower = clause.to_lowercase();
            let purpose = cue_terms("purpose_word")
                .iter()
                .any(|w| clause.starts_with(w.as_str()))
                && clause.chars().count() <= 14
                || (lower.starts_with("to ") || lower.starts_with("for ")) && clause.len() <= 40;
            if purpose {
                clause.trim_start_matches(['是', '为'])
            } else {
                ""
            }
        }
    };

    if page.is_table_row(index) {
        let before = &text[line.start..m.start];
        let cell_start = before.rfind(['|', '｜']).map_or(0, |i| i + 1);
        let first_cell = before
            .trim_start_matches(['|', '｜', ' '])
            .split(['|', '｜'])
            .next()
            .unwrap_or("");
        let in_first_cell = before[..cell_start]
            .trim_matches(['|', '｜', ' '])
            .is_empty();
        return Windows {
            label: if in_first_cell {
                &before[cell_start..]
            } else {
                first_cell
            },
            label_like: true,
            after_label,
            after,
        };
    }

    let from = prev.map_or(line.start, |p| p.end);
    let mut label = clause_before(text, from, m.start);
    if let Some(p) = prev {
        let between = slice(text, p.end, m.start);
        if let Some(comma) = between.rfind([',', '，']) {
            // The previous contact's description (`“A” 是自营售后,“B” 是…`) is not this one's label;
            // what follows the last comma is (`950618，邮箱kefu@jd.com`).
            let after_comma = &between[comma..];
            label = after_comma.trim_start_matches([',', '，']);
        } else if only_connectors(label) || is_email(p) == is_email(m) && only_line_noun(label) {
            // `Use 400-622-3377 (China) or business-support@jd.com`: both share the label before the first,
            // as do two numbers each after a bare `Tel:` (`HSBC Premier card holders Tel: … Tel: …`).
            label = clause_before(text, line.start, p.start);
        }
    }
    if trim_label(label).is_empty() && prev.is_none() && index > 0 {
        // A contact alone on its line takes the line above as its label (`China Domestic Toll-Free Number:`).
        let above = page.line(index - 1).trim();
        if above.len() <= LABEL_WINDOW
            && above.ends_with([':', '：'])
            && above.chars().count() <= 80
        {
            label = above;
        }
    }
    let label = strip_link_markup(label);
    let label_like = reads_like_label(label);
    Windows {
        label,
        label_like,
        after_label,
        after,
    }
}

/// The most specific role named in `text` (highest priority keyword) and its priority.
fn best_role(page: &Page, text: &str) -> Option<String> {
    page.reference
        .find_roles(text)
        .iter()
        .map(|hit| &page.reference.roles[*hit.value])
        .max_by_key(|role| role.priority)
        .map(|role| role.key.clone())
}

const GENERIC_ROLE: &str = "customer_service";

/// Attributes `mentions[i]` (its neighbours on the line bound its label and description).
pub fn attribute(page: &Page, mentions: &[Mention], i: usize) -> Attribution {
    let m = &mentions[i];
    let index = page.lines.index_of(m.start);
    let w = windows(page, mentions, i);
    let label = if w.label_like {
        trim_label(w.label)
    } else {
        ""
    };
    let reference = page.reference;

    // Role: a specific role in the label, else in the description after the contact, else a generic one;
    // a directory row naming only a country is that country's line; else the headings above.
    let candidates = [best_role(page, label), best_role(page, w.after_label)];
    let mut role = candidates
        .iter()
        .flatten()
        .find(|r| *r != GENERIC_ROLE)
        .or(candidates.iter().flatten().next())
        .cloned();
    let mut role_source = role.as_ref().map(|_| RoleSource::Label);
    // A short instruction naming a country (`美国用户请拨打`) is that country's line too.
    let short_instruction = !w.label_like && w.label.trim().chars().count() <= 12;
    if role.is_none() && (w.label_like || short_instruction) {
        let named_in = if w.label_like { label } else { w.label };
        let country = country_named(page, named_in).or_else(|| country_named(page, w.after_label));
        if let Some(iso) = country {
            role = Some(format!("international:{iso}"));
            role_source = Some(RoleSource::Label);
        }
    }
    if role.is_none() {
        for heading in page.headings_above(index, 2) {
            if let Some(found) = best_role(page, page.line(heading)) {
                role = Some(found);
                role_source = Some(RoleSource::Heading);
                break;
            }
        }
    }

    // Organisation: one named in the label or right after the contact, else in the headings above, else
    // the page's own.
    let (org, org_name) = if is_ad_line(page.line(index)) {
        (None, None)
    } else {
        // A government line stays the government's under a brand's heading (`中国邮政投诉渠道` above
        // 12305) and in a story about a brand (`告知天猫客服系假冒,并立即拨打96110`): only its own label or
        // description can say otherwise. A sentence before a contact names it too (`… or the National Scam
        // Response Centre at 997`).
        let headings = page.headings_above(index, 2);
        named_in(page, label, Nearest::End)
            .or_else(|| named_in(page, w.after_label, Nearest::Start))
            .or_else(|| line_for_abroad(page, index, label))
            .or_else(|| government_line(page, index, &m.value))
            .or_else(|| {
                (!w.label_like)
                    .then(|| {
                        let names = page.names().in_sentence_all(w.label);
                        named_in_shapes(page, w.label, Nearest::End, names)
                    })
                    .flatten()
            })
            .or_else(|| table_intro(page, index))
            .or_else(|| {
                headings
                    .iter()
                    .find_map(|&h| named_in_heading(page, page.line(h)))
            })
            .unwrap_or_else(|| {
                let subject = page.subject();
                if subject.org.is_none() && subject.name.is_none() {
                    if let Some(owner) = page.address_owner(|| address_owner(page, mentions)) {
                        return owner;
                    }
                }
                (subject.org, subject.name.clone())
            })
    };
    let org = org.map(|i| reference.orgs[i].name.clone());

    // Hours: the table's hours column, else hours written after the contact on its line.
    // (Only up to the end of the sentence: hours in the next sentence describe something else.)
    let sentence = w
        .after
        .split(['。', '!', '?', '！', '？'])
        .next()
        .unwrap_or("");
    let sentence = sentence.split(". ").next().unwrap_or(sentence);
    let hours = table_hours(page, index).or_else(|| hours_in(sentence));

    let described = format!("{} {}", label.to_lowercase(), w.after_label.to_lowercase());
    let channel = channel_words()
        .iter()
        .find(|(word, _)| {
            described
                .match_indices(word.as_str())
                .any(|(at, _)| !described[..at].ends_with(|c: char| c.is_ascii_alphanumeric()))
        })
        .map(|(_, c)| c.as_str());

    let shown = if label.is_empty() {
        w.after_label.trim()
    } else {
        label
    };
    Attribution {
        org,
        org_name,
        role,
        role_source,
        label: (!shown.is_empty()).then(|| truncate(shown, 80)),
        hours,
        channel,
    }
}

/// Whose a page that names no organisation is, by its own addresses: when every address on it that is not
/// free webmail is at one registrable domain (`abuse@chase.com`), the page writes as that domain's owner (an
/// official page, or a copy of one, says `us` and names itself only there). An official domain names its
/// listed organisation; any other is the name as the page writes it.
fn address_owner(page: &Page, mentions: &[Mention]) -> Option<(Option<usize>, Option<String>)> {
    if !page.writes_as_us() {
        return None;
    }
    let mut domains = mentions
        .iter()
        .filter(|m| m.kind == Kind::Email)
        .filter_map(|m| m.value.rsplit_once('@'))
        .map(|(_, domain)| registrable(domain))
        .filter(|domain| !is_freemail(domain));
    let first = domains.next()?;
    if domains.any(|other| other != first) {
        return None;
    }
    Some((page.reference.org_of_domain(first), Some(first.to_string())))
}

/// Which end of a text is nearest the contact it describes: a label before it ends there, a description
/// after it (or a heading above it) starts there.
#[derive(Clone, Copy, PartialEq)]
enum Nearest {
    End,
    Start,
}

/// The organisation `text` names nearest the contact, listed (`顺丰微信客服` is SF Express's) or not
/// (`Mastercard:`), and the name as written. A name by its shape that holds a listed alias (`中国邮政储蓄银行`
/// holds `中国邮政`) is the name; a label that is only a role (`Fraud Prevention`) names nobody.
fn named_in(page: &Page, text: &str, nearest: Nearest) -> Option<(Option<usize>, Option<String>)> {
    named_in_shapes(page, text, nearest, page.names().in_label_all(text))
}

/// A heading above a contact names its organisation only by a name's shape (`… Bank`, `…银行`): a
/// heading that is a bare capitalised phrase is a section (`Premier Banking`, `Community Manager`).
fn named_in_heading(page: &Page, heading: &str) -> Option<(Option<usize>, Option<String>)> {
    let suffixed = page.names().in_label(heading).filter(|n| n.suffixed);
    named_in_shapes(
        page,
        heading,
        Nearest::Start,
        suffixed.into_iter().collect(),
    )
}

fn named_in_shapes(
    page: &Page,
    text: &str,
    nearest: Nearest,
    shapes: Vec<Name>,
) -> Option<(Option<usize>, Option<String>)> {
    let listed = page
        .reference
        .find_orgs(text)
        .into_iter()
        .filter(|h| page.listed_in(&text[h.start..h.end]).is_some())
        .map(|h| (h.start, h.end, Some(*h.value)));
    let shaped = shapes
        .into_iter()
        .filter(|n| n.suffixed || best_role(page, &n.text).is_none() && !is_channel_name(&n.text))
        .map(|n| (n.start, n.end, page.listed_in(&n.text)));
    let mut candidates: Vec<(usize, usize, Option<usize>)> = listed.chain(shaped).collect();
    // Leftmost first, and of two starting together the longer (the name holding an alias).
    candidates.sort_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
    let outermost = candidates
        .iter()
        .filter(|&&(s, e, _)| {
            !candidates
                .iter()
                .any(|&(s2, e2, _)| s2 <= s && e <= e2 && (s2, e2) != (s, e))
        })
        .copied();
    let (start, end, org) = match nearest {
        Nearest::Start => outermost.min_by_key(|&(s, _, _)| s),
        Nearest::End => outermost.max_by_key(|&(_, e, _)| e),
    }?;
    Some((org, Some(text[start..end].to_string())))
}

/// The organisation named by the line that introduces the table a row belongs to (`… contact the Regional
/// Office of the Reserve Bank of India` right above `Office | Kanpur | Lucknow`): the table is its.
fn table_intro(page: &Page, index: usize) -> Option<(Option<usize>, Option<String>)> {
    if !page.is_table_row(index) {
        return None;
    }
    let first = page.table_header(index).unwrap_or(index);
    // (One blank line may part them.)
    let intro = (first.saturating_sub(2)..first)
        .rev()
        .map(|i| page.line(i))
        .find(|line| !line.trim().is_empty())?;
    // (As for a heading, only a name's shape counts: `Asia-Pacific` above a table names a region.)
    named_in_heading(page, intro)
}

/// The organisation of the line above, for a line whose label only says it is for callers elsewhere
/// (`- Mastercard: 0800 …` then `- international (R-Gespräch): +1 …`).
fn line_for_abroad(
    page: &Page,
    index: usize,
    label: &str,
) -> Option<(Option<usize>, Option<String>)> {
    if label.is_empty() || index == 0 || cues("abroad_label").find_all(label).is_empty() {
        return None;
    }
    let above = page.line(index - 1);
    let first_digit = above.find(|c: char| c.is_ascii_digit() || c == '+')?;
    let above_label = above[..first_digit]
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '*' | '•'))
        .trim_end_matches(|c: char| c.is_whitespace() || is_colon(c));
    named_in(page, above_label, Nearest::End)
}

/// A government line (`96110`, `12315`) that the page quotes without naming whose it is: the page gives it
/// as the government's, not as the brand's (`如有疑问请拨打96110` on a shop's page).
fn government_line(
    page: &Page,
    index: usize,
    value: &str,
) -> Option<(Option<usize>, Option<String>)> {
    let reference = page.reference;
    // `010-12345` is Beijing's 12345: the same government line, dialled with its city's area code.
    let in_city = cn::national_of(value).and_then(cn::service_after_area_code);
    let row = reference
        .rows_for(value)
        .chain(
            in_city
                .into_iter()
                .flat_map(|code| reference.rows_for(code)),
        )
        .find(|c| {
            c.channel == Channel::Phone
                && reference
                    .org(&c.org)
                    .is_some_and(|o| o.kind == OrgKind::Government)
        })?;
    let org = reference.orgs.iter().position(|o| o.name == row.org)?;
    // The name as the line writes it (`公安機關`), else as the page mostly does, else the reference's.
    let line = page.line(index);
    let written = reference
        .find_orgs(line)
        .into_iter()
        .find(|h| *h.value == org)
        .map(|h| line[h.start..h.end].to_string())
        .or_else(|| page.written_name(org).map(str::to_string))
        .unwrap_or_else(|| row.org.clone());
    Some((Some(org), Some(written)))
}

/// A country named in `text` that is not part of an organisation's name (`中国移动` is not China).
fn country_named(page: &Page, text: &str) -> Option<&'static str> {
    countries_outside_orgs(text, page.reference)
        .first()
        .map(|c| c.value.id())
}

/// Hours written in `text`, except response times (`within 24 hours`, `24小时内`).
fn hours_in(text: &str) -> Option<String> {
    hours_pattern()
        .find_iter(text)
        .find(|h| {
            let before = text[..h.start()].trim_end().to_lowercase();
            !before.ends_with("within") && !text[h.end()..].starts_with('内')
        })
        .map(|h| h.as_str().trim().trim_end_matches('.').to_string())
}

/// The text of the hours column (`服务时间`, `Hours`) in table row `index`.
fn table_hours(page: &Page, index: usize) -> Option<String> {
    let header = page.table_header(index)?;
    let columns: Vec<&str> = page.line(header).split(['|', '｜']).collect();
    let column = columns.iter().position(|c| {
        let c = c.trim().to_lowercase();
        cue_terms("hours_column")
            .iter()
            .any(|k| c.contains(k.as_str()))
    })?;
    page.line(index)
        .split(['|', '｜'])
        .nth(column)
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::{Page, ReadOptions};
    use crate::document::Document;
    use crate::mention::{find_mentions, Reading};
    use crate::reference::Reference;

    fn attributions(title: &str, body: &str) -> Vec<(String, Attribution)> {
        let doc = Document::new("t", format!("{title}\n{body}"));
        let page = Page::new(&doc, Reference::embedded(), &ReadOptions::default());
        let mentions = find_mentions(&doc.text, &|o| page.region_at(o), Reading::Page);
        (0..mentions.len())
            .map(|i| (mentions[i].value.clone(), attribute(&page, &mentions, i)))
            .collect()
    }

    #[test]
    fn table_row_label_role_and_hours() {
        let got = attributions(
            "京东热线",
            "热线类型 | 号码 | 服务时间 |\nPLUS 会员专属热线 | 400-656-0055(电话直拨) | 24 小时 |",
        );
        let a = &got[0].1;
        assert_eq!(a.org.as_deref(), Some("JD.com"));
        assert_eq!(a.role.as_deref(), Some("plus_member"));
        assert_eq!(a.label.as_deref(), Some("PLUS 会员专属热线"));
        assert_eq!(a.hours.as_deref(), Some("24 小时"));
    }

    #[test]
    fn two_cell_rows_are_table_rows() {
        let got = attributions("京东客服", "PLUS 会员专属热线 | 400-656-0055");
        assert_eq!(got[0].1.role.as_deref(), Some("plus_member"));
        assert_eq!(got[0].1.label.as_deref(), Some("PLUS 会员专属热线"));
    }

    #[test]
    fn description_after_number_beats_generic_label() {
        let got = attributions(
            "京东400",
            "- 对应热线:400-606-5500(自营售后专线),服务时间 9:00-22:00;",
        );
        assert_eq!(got[0].1.role.as_deref(), Some("after_sales"));
        assert_eq!(got[0].1.hours.as_deref(), Some("9:00-22:00"));
    }

    #[test]
    fn link_labels_lose_the_link_markup() {
        let got = attributions(
            "JD.com support",
            "JD.com support: call us (tel:+864006065500) or email us (mailto:help@jd.com)",
        );
        let labels: Vec<_> = got.iter().map(|(_, a)| a.label.as_deref()).collect();
        assert_eq!(labels, [Some("JD.com support: call us"), Some("email us")]);
    }

    #[test]
    fn directory_rows_and_ads() {
        let got = attributions(
            "JD.com Global Helpline",
            "- Germany: +49-69-1208-1850 (9:00 AM – 5:00 PM CET, Monday–Friday)\nAD:合作咨询请致电 13800000000",
        );
        assert_eq!(
            got[0].1.role.as_deref(),
            Some("international:DE"),
            "{got:?}"
        );
        assert_eq!(
            got[0].1.hours.as_deref(),
            Some("9:00 AM – 5:00 PM CET, Monday–Friday")
        );
        assert_eq!(got[1].1.org, None);
    }
}
