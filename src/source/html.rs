//! HTML to text: the visible text of a page, with the structure that carries meaning kept as lines.
//!
//! The extractor downstream reads labels from lines (`Customer Service Hotline: 400-606-5500`), headings
//! above them and table headers, so: block elements become line breaks, list items start with `- `, a table
//! row is one line with its cells joined by ` | ` (the first line of a table block is its header row), and
//! `tel:` / `mailto:` links show their target. Script, style, templates, SVG and comments are dropped.
//!
//! Pages are hostile input, so this is a single pass over the token stream of `html5gum` (a WHATWG tokenizer
//! that builds no tree): no recursion, and the only state kept per nesting level is a small record per open
//! table (capped), so time and memory are linear in the input.

use std::convert::Infallible;

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};

/// The text of an HTML page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HtmlText {
    /// The first `<title>`, white space collapsed; `None` when absent or empty.
    pub title: Option<String>,
    /// Visible text, one block per line, lines trimmed, white space runs collapsed.
    pub text: String,
}

/// Converts an HTML page to its visible text (see the module documentation for the layout).
pub fn html_to_text(html: &str) -> HtmlText {
    let mut builder = Builder::default();
    {
        let mut emitter = CallbackEmitter::new(
            |event: CallbackEvent<'_>, _span: Span<()>| -> Option<Infallible> {
                builder.event(event);
                None
            },
        );
        // Switch the tokenizer to raw text after <script>, <style>, <title>, ... as a browser's tree builder
        // would, so their content is never read as markup.
        emitter.naively_switch_states(true);
        for _ in Tokenizer::new_with_emitter(html, emitter) {}
    }
    builder.finish()
}

/// Longest title kept, in characters.
const MAX_TITLE_CHARS: usize = 1000;
/// Longest `href` looked at for `tel:` / `mailto:` links, in bytes.
const MAX_HREF: usize = 4096;
/// Open tables tracked individually; deeper nesting is counted only (its cells act as the innermost
/// tracked table's).
const MAX_TABLES: usize = 256;

/// A tag name, ASCII lower case (the tokenizer lowers it); names longer than the buffer are "unknown".
#[derive(Default, Clone, Copy)]
struct TagName {
    bytes: [u8; 16],
    len: usize,
}

impl TagName {
    fn set(&mut self, name: &[u8]) {
        match self.bytes.get_mut(..name.len()) {
            Some(slot) => {
                slot.copy_from_slice(name);
                self.len = name.len();
            }
            None => self.len = 0,
        }
    }

    fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }
}

#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum TitleState {
    #[default]
    NotSeen,
    /// Inside the first `<title>`.
    Collecting,
    /// The title is known; a later `<title>`'s content is dropped.
    Seen,
    /// Inside a later `<title>`.
    Ignoring,
}

#[derive(Default, Clone, Copy)]
struct Table {
    row_open: bool,
    cell_open: bool,
    /// Cells started in the current row.
    cells: usize,
    /// ` | ` separators owed before the next text of the row (empty cells keep their column).
    pending_separators: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum LinkTarget {
    /// The part after `tel:`, percent-decoded.
    Tel(String),
    /// The address(es) after `mailto:`, percent-decoded, without `?subject=...`.
    Mail(String),
}

struct Anchor {
    /// Where the anchor's text starts in the output.
    start: usize,
    target: LinkTarget,
}

#[derive(Default)]
struct Builder {
    out: String,
    /// Byte offset in `out` where the current line starts.
    line_start: usize,
    /// A space is owed before the next character (written only inside a line).
    pending_space: bool,
    /// A line break (1) or a blank line (2) is owed before the next character.
    pending_break: u8,
    /// The next line starts with `- ` (a list item began).
    bullet: bool,
    /// Inside `<pre>` (and friends): line feeds are line breaks; the previous character was one.
    pre_depth: usize,
    pre_newline: bool,

    title: String,
    title_chars: usize,
    title_state: TitleState,

    /// Inside an element whose content is raw text and not shown (`script`, `style`, ...): its name.
    raw_skip: Option<TagName>,
    template_depth: usize,
    svg_depth: usize,

    tables: Vec<Table>,
    tables_overflow: usize,

    anchor: Option<Anchor>,

    // The start tag being read.
    in_start_tag: bool,
    tag: TagName,
    reading_href: bool,
    href_seen: bool,
    href: Option<String>,
}

impl Builder {
    fn event(&mut self, event: CallbackEvent<'_>) {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                self.in_start_tag = true;
                self.tag.set(name);
                self.reading_href = false;
                self.href_seen = false;
                self.href = None;
            }
            CallbackEvent::AttributeName { name } => {
                // Duplicate attributes: the first one counts, as in a browser.
                self.reading_href = self.in_start_tag
                    && !self.href_seen
                    && self.tag.as_bytes() == b"a"
                    && name == b"href";
                self.href_seen |= self.reading_href;
            }
            CallbackEvent::AttributeValue { value } => {
                if self.reading_href && value.len() <= MAX_HREF {
                    self.href = Some(String::from_utf8_lossy(value).into_owned());
                }
                self.reading_href = false;
            }
            CallbackEvent::CloseStartTag { self_closing } => {
                if self.in_start_tag {
                    self.in_start_tag = false;
                    let tag = self.tag;
                    self.start_tag(tag.as_bytes(), self_closing);
                }
            }
            CallbackEvent::EndTag { name } => {
                self.in_start_tag = false;
                self.end_tag(name);
            }
            CallbackEvent::String { value } => self.text(&String::from_utf8_lossy(value)),
            CallbackEvent::Comment { .. }
            | CallbackEvent::Doctype { .. }
            | CallbackEvent::Error(_) => {}
        }
    }

    fn skipping(&self) -> bool {
        self.raw_skip.is_some() || self.template_depth > 0 || self.svg_depth > 0
    }

    fn start_tag(&mut self, name: &[u8], self_closing: bool) {
        if self.raw_skip.is_some() {
            return;
        }
        if self.svg_depth > 0 && breaks_out_of_svg(name) {
            // A browser closes the SVG element here and shows what follows.
            self.svg_depth = 0;
        }
        if self.template_depth > 0 {
            if name == b"template" {
                self.template_depth += 1;
            }
            return;
        }
        if self.svg_depth > 0 {
            if name == b"svg" && !self_closing {
                self.svg_depth += 1;
            }
            return;
        }
        match name {
            // The tokenizer reads these as raw text up to their end tag.
            b"script" | b"style" | b"noscript" | b"iframe" | b"noembed" => {
                let mut tag = TagName::default();
                tag.set(name);
                self.raw_skip = Some(tag);
            }
            b"template" => self.template_depth = 1,
            b"svg" if !self_closing => self.svg_depth = 1,
            b"title" => {
                self.title_state = match self.title_state {
                    TitleState::NotSeen => TitleState::Collecting,
                    _ => TitleState::Ignoring,
                };
            }
            b"br" => self.line_break(1),
            b"hr" => self.line_break(2),
            b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" => self.line_break(2),
            b"li" => {
                self.line_break(1);
                if !self.in_cell() {
                    self.bullet = true;
                }
            }
            b"pre" | b"listing" | b"xmp" => {
                self.line_break(1);
                self.pre_depth += 1;
                self.pre_newline = false;
            }
            b"table" => self.start_table(),
            b"tr" => self.start_row(),
            b"td" | b"th" => self.start_cell(),
            b"thead" | b"tbody" | b"tfoot" => self.end_row(),
            b"caption" => {
                self.end_row();
                self.line_break(1);
            }
            b"a" => {
                self.finish_anchor();
                if let Some(target) = self.href.take().and_then(|h| link_target(&h)) {
                    self.anchor = Some(Anchor {
                        start: self.out.len(),
                        target,
                    });
                }
            }
            _ if is_block(name) => self.line_break(1),
            _ => {}
        }
    }

    fn end_tag(&mut self, name: &[u8]) {
        if let Some(tag) = self.raw_skip {
            if tag.as_bytes() == name {
                self.raw_skip = None;
            }
            return;
        }
        if matches!(
            self.title_state,
            TitleState::Collecting | TitleState::Ignoring
        ) {
            // The tokenizer reads a title as text up to `</title>`.
            if name == b"title" {
                self.title_state = TitleState::Seen;
            }
            return;
        }
        if self.template_depth > 0 {
            if name == b"template" {
                self.template_depth -= 1;
            }
            return;
        }
        if self.svg_depth > 0 {
            if name == b"svg" {
                self.svg_depth -= 1;
            }
            return;
        }
        match name {
            b"li" => {
                self.line_break(1);
                self.bullet = false;
            }
            b"pre" | b"listing" | b"xmp" => {
                self.pre_depth = self.pre_depth.saturating_sub(1);
                self.line_break(1);
            }
            b"td" | b"th" => {
                if let Some(table) = self.tables.last_mut() {
                    table.cell_open = false;
                }
            }
            b"tr" | b"thead" | b"tbody" | b"tfoot" => self.end_row(),
            b"table" => self.end_table(),
            b"a" => self.finish_anchor(),
            // `</br>` is read as `<br>` by browsers.
            b"br" | b"caption" | b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" => {
                self.line_break(1)
            }
            _ if is_block(name) => self.line_break(1),
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        match self.title_state {
            TitleState::Collecting => {
                if !self.skipping() {
                    self.title_text(text);
                }
                return;
            }
            TitleState::Ignoring => return,
            TitleState::NotSeen | TitleState::Seen => {}
        }
        if self.skipping() {
            return;
        }
        for c in text.chars() {
            if c == '\n' && self.pre_depth > 0 {
                let level = if self.pre_newline { 2 } else { 1 };
                self.line_break(level);
                self.pre_newline = true;
            } else if c.is_whitespace() {
                self.pending_space = true;
            } else if !is_invisible(c) {
                self.push_char(c);
            }
        }
    }

    fn title_text(&mut self, text: &str) {
        for c in text.chars() {
            if self.title_chars >= MAX_TITLE_CHARS {
                break;
            }
            if c.is_whitespace() {
                if !self.title.is_empty() && !self.title.ends_with(' ') {
                    self.title.push(' ');
                    self.title_chars += 1;
                }
            } else if !is_invisible(c) {
                self.title.push(c);
                self.title_chars += 1;
            }
        }
    }

    fn in_cell(&self) -> bool {
        self.tables.last().is_some_and(|t| t.cell_open)
    }

    /// Asks for a line break (1) or a blank line (2) before the next text; inside a table cell, a space.
    fn line_break(&mut self, level: u8) {
        if self.in_cell() {
            self.pending_space = true;
        } else {
            self.pending_break = self.pending_break.max(level);
        }
    }

    /// Writes what is owed (line break, cell separators, bullet, space), then `c`.
    fn push_char(&mut self, c: char) {
        self.pre_newline = false;
        if self.pending_break > 0 {
            if !self.out.is_empty() {
                self.out.push('\n');
                if self.pending_break > 1 {
                    self.out.push('\n');
                }
                self.line_start = self.out.len();
            }
            self.pending_break = 0;
            self.pending_space = false;
        }
        if let Some(table) = self.tables.last_mut() {
            for _ in 0..table.pending_separators {
                if self.out.len() > self.line_start {
                    self.out.push_str(" |");
                } else {
                    self.out.push('|');
                }
                self.pending_space = true;
            }
            table.pending_separators = 0;
        }
        if self.bullet {
            if self.out.len() == self.line_start {
                self.out.push_str("- ");
                self.pending_space = false;
            }
            self.bullet = false;
        }
        if self.pending_space {
            if self.out.len() > self.line_start {
                self.out.push(' ');
            }
            self.pending_space = false;
        }
        self.out.push(c);
    }

    fn push_text(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.pending_space = true;
            } else if !is_invisible(c) {
                self.push_char(c);
            }
        }
    }

    fn start_table(&mut self) {
        self.bullet = false;
        if self.tables.len() < MAX_TABLES {
            self.tables.push(Table::default());
        } else {
            self.tables_overflow += 1;
        }
        self.line_break(2);
    }

    fn end_table(&mut self) {
        if self.tables_overflow > 0 {
            self.end_row();
            self.tables_overflow -= 1;
        } else if !self.tables.is_empty() {
            self.end_row();
            self.tables.pop();
        }
        self.line_break(2);
    }

    fn start_row(&mut self) {
        self.end_row();
        match self.tables.last_mut() {
            Some(table) => table.row_open = true,
            None => self.line_break(1),
        }
    }

    fn end_row(&mut self) {
        if let Some(table) = self.tables.last_mut() {
            if table.row_open {
                *table = Table::default();
                self.line_break(1);
            }
        }
    }

    fn start_cell(&mut self) {
        let Some(table) = self.tables.last_mut() else {
            // A cell outside any table: keep its text apart from the previous.
            self.pending_space = true;
            return;
        };
        let new_row = !table.row_open;
        table.row_open = true;
        if table.cells > 0 {
            table.pending_separators += 1;
        }
        table.cells += 1;
        table.cell_open = false;
        if new_row {
            self.line_break(1);
        } else {
            self.pending_space = true;
        }
        if let Some(table) = self.tables.last_mut() {
            table.cell_open = true;
        }
    }

    /// Ends the open `tel:` / `mailto:` link: shows its target unless the link text already does.
    fn finish_anchor(&mut self) {
        let Some(anchor) = self.anchor.take() else {
            return;
        };
        let shown = self.out.get(anchor.start..).unwrap_or("");
        let addition = match &anchor.target {
            LinkTarget::Tel(number) => {
                let wanted = digits(number);
                if wanted.is_empty() || shows_number(&digits(shown), &wanted) {
                    return;
                }
                format!("(tel:{number})")
            }
            LinkTarget::Mail(addresses) => {
                let shown = shown.to_lowercase();
                let all_shown = addresses
                    .split([',', ';'])
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .all(|a| shown.contains(&a.to_lowercase()));
                if all_shown {
                    return;
                }
                format!("({addresses})")
            }
        };
        self.pending_space = true;
        self.push_text(&addition);
    }

    fn finish(mut self) -> HtmlText {
        self.finish_anchor();
        let title = self.title.trim();
        HtmlText {
            title: (!title.is_empty()).then(|| title.to_string()),
            text: self.out,
        }
    }
}

/// Elements shown as blocks (a line of their own). Tables, lists items, headings and `<pre>` are handled
/// separately.
fn is_block(name: &[u8]) -> bool {
    matches!(
        name,
        b"address"
            | b"article"
            | b"aside"
            | b"blockquote"
            | b"body"
            | b"center"
            | b"dd"
            | b"details"
            | b"dialog"
            | b"dir"
            | b"div"
            | b"dl"
            | b"dt"
            | b"fieldset"
            | b"figcaption"
            | b"figure"
            | b"footer"
            | b"form"
            | b"frameset"
            | b"header"
            | b"hgroup"
            | b"html"
            | b"legend"
            | b"main"
            | b"menu"
            | b"nav"
            | b"ol"
            | b"optgroup"
            | b"option"
            | b"p"
            | b"section"
            | b"summary"
            | b"textarea"
            | b"ul"
    )
}

/// HTML start tags that end foreign (SVG) content in the WHATWG tree builder.
fn breaks_out_of_svg(name: &[u8]) -> bool {
    matches!(
        name,
        b"b" | b"big"
            | b"blockquote"
            | b"body"
            | b"br"
            | b"center"
            | b"code"
            | b"dd"
            | b"div"
            | b"dl"
            | b"dt"
            | b"em"
            | b"embed"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"head"
            | b"hr"
            | b"i"
            | b"img"
            | b"li"
            | b"listing"
            | b"menu"
            | b"meta"
            | b"nobr"
            | b"ol"
            | b"p"
            | b"pre"
            | b"ruby"
            | b"s"
            | b"small"
            | b"span"
            | b"strong"
            | b"strike"
            | b"sub"
            | b"sup"
            | b"table"
            | b"tt"
            | b"u"
            | b"ul"
            | b"var"
    )
}

/// Characters that take no room on screen and would split a number or address (zero-width space, word
/// joiner, BOM, soft hyphen), and control characters.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{ad}') || c.is_control()
}

/// The contact a link points to: `tel:` or `mailto:` (scheme without regard to case), percent-decoded.
fn link_target(href: &str) -> Option<LinkTarget> {
    let href = href.trim();
    let (scheme, rest) = href.split_once(':')?;
    if scheme.eq_ignore_ascii_case("tel") {
        let number = percent_decode(rest);
        let number = number.trim();
        (!number.is_empty()).then(|| LinkTarget::Tel(number.to_string()))
    } else if scheme.eq_ignore_ascii_case("mailto") {
        let addresses = rest.split('?').next().unwrap_or("");
        let addresses = percent_decode(addresses);
        let addresses = addresses.trim();
        (!addresses.is_empty()).then(|| LinkTarget::Mail(addresses.to_string()))
    } else {
        None
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(value) = hex {
                out.push(value);
                i += 3;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The decimal digits of a text (full-width digits count), in order.
fn digits(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')),
            _ => None,
        })
        .collect()
}

/// Whether the digits of a link's text already show the number it calls: all of its digits, or its national
/// part (the link adds a country code, the text a trunk `0`).
fn shows_number(shown: &str, wanted: &str) -> bool {
    if shown.contains(wanted) {
        return true;
    }
    let national = shown.trim_start_matches('0');
    national.len() >= 6 && wanted.ends_with(national)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn text(html: &str) -> String {
        html_to_text(html).text
    }

    #[test]
    fn title_and_blocks() {
        let page = html_to_text(
            "<!DOCTYPE html><html><head><title> 京东 &amp; 客服\n 热线 </title>\
             <meta charset=utf-8><link rel=stylesheet href=x.css></head>\
             <body><h1>联系我们</h1><p>客服热线：400-606-5500</p><div>全天服务</div>\
             <p>Line one<br>Line two</p></body></html>",
        );
        assert_eq!(page.title.as_deref(), Some("京东 & 客服 热线"));
        assert_eq!(
            page.text,
            "联系我们\n客服热线：400-606-5500\n全天服务\nLine one\nLine two"
        );
        assert_eq!(html_to_text("<p>no title</p>").title, None);
        assert_eq!(html_to_text("<title> </title>x").title, None);
        let long = format!("<title>{}</title>", "长".repeat(5000));
        assert_eq!(
            html_to_text(&long).title.map(|t| t.chars().count()),
            Some(MAX_TITLE_CHARS)
        );
        // Only the first title counts; a later one is not shown.
        let page = html_to_text("<title>A</title><p>x</p><title>B</title><p>y</p>");
        assert_eq!(page.title.as_deref(), Some("A"));
        assert_eq!(page.text, "x\ny");
    }

    #[test]
    fn headings_get_a_blank_line_before_them() {
        assert_eq!(
            text("<p>intro</p><h2>China Domestic Toll-Free Numbers</h2><p>a</p><h3>Email</h3>b"),
            "intro\n\nChina Domestic Toll-Free Numbers\na\n\nEmail\nb"
        );
        // Never more than one blank line in a row, none at the start.
        assert_eq!(
            text("<h1>A</h1><hr><hr><h2></h2><table></table><h3>B</h3>"),
            "A\n\nB"
        );
    }

    #[test]
    fn lists() {
        assert_eq!(
            text(
                "<p>China Domestic Toll-Free Numbers:</p><ul>\
                 <li>Customer Service Hotline: 400-606-5500 (24/7)</li>\
                 <li><p>JD Logistics Support: <b>400-622-3300</b></p></li>\
                 <li></li><li>\n  </li>\
                 <li>Nested<ol><li>inner</li></ol></li></ul>after"
            ),
            "China Domestic Toll-Free Numbers:\n\
             - Customer Service Hotline: 400-606-5500 (24/7)\n\
             - JD Logistics Support: 400-622-3300\n\
             - Nested\n\
             - inner\n\
             after"
        );
    }

    #[test]
    fn tables_are_one_line_per_row() {
        let html = "<p>核心热线</p><table>\
            <thead><tr><th>热线类型</th><th>号码</th><th>服务时间</th></tr></thead>\
            <tbody><tr><td>PLUS 会员专属热线</td><td>400-656-0055</td><td>24 小时</td></tr>\
            <tr>\n<td>\n  售后 <br>服务 </td>\n<td><p>950618</p></td><td></td></tr>\
            <tr><td></td><td>400-606-5500</td><td>9:00-21:00</td></tr>\
            <tr><td></td><td></td></tr>\
            </tbody></table><p>after</p>";
        assert_eq!(
            text(html),
            "核心热线\n\n\
             热线类型 | 号码 | 服务时间\n\
             PLUS 会员专属热线 | 400-656-0055 | 24 小时\n\
             售后 服务 | 950618\n\
             | 400-606-5500 | 9:00-21:00\n\nafter"
        );
    }

    #[test]
    fn tables_without_end_tags_and_nested() {
        // Implied end tags, as HTML allows.
        assert_eq!(
            text("<table><tr><th>A<th>B<tr><td>1<td>2<tr><td>3<td>4</table>x"),
            "A | B\n1 | 2\n3 | 4\n\nx"
        );
        // Cells without a row, text between cells.
        assert_eq!(text("<table><td>a<td>b</table>"), "a | b");
        // A layout table holding a data table: the inner rows are lines of their own.
        assert_eq!(
            text(
                "<table><tr><td>Menu</td><td><table><tr><td>Hotline</td><td>400-606-5500</td>\
                 <td>24h</td></tr></table></td></tr></table>"
            ),
            "Menu\n\nHotline | 400-606-5500 | 24h"
        );
        // Stray table tags do not panic.
        assert_eq!(text("</table></tr></td><td>x</td><tr>y"), "x\ny");
    }

    #[test]
    fn hidden_content_is_dropped() {
        let html = "<head><style>p{color:red}</style><script>var tel='400-000-0000';</script>\
            <noscript>enable js 400-111-1111</noscript></head><body>\
            <!-- 400-222-2222 --><p>shown</p><template><p>400-333-3333</p></template>\
            <svg><title>icon</title><text>400-444-4444</text></svg>\
            <script>document.write('</p><p>')</script><iframe><p>frame</p></iframe>\
            <p>end</p></body>";
        assert_eq!(text(html), "shown\nend");
        assert_eq!(html_to_text(html).title, None);
        // Script content that looks like markup stays hidden.
        assert_eq!(
            text("<script>if (a<b) { x = '<p>400-555-5555</p>'; }</script>ok"),
            "ok"
        );
        // An unclosed SVG ends where a browser would end it.
        assert_eq!(text("<svg><path d=x><p>Hotline 400</p>"), "Hotline 400");
        assert_eq!(text("<svg/><p>after</p>"), "after");
        assert_eq!(text("<template><template>a</template>b</template>c"), "c");
    }

    #[test]
    fn entities_and_white_space() {
        assert_eq!(
            text("<p>&#x4e2d;&#22269; &amp;&lt;&gt;&quot; a&nbsp;b &copy 2024</p>"),
            "中国 &<>\" a b © 2024"
        );
        assert_eq!(
            text("<p>  lots   of\n\n\t space  </p>\n\n<p>\u{3000}\u{3000}缩进</p>"),
            "lots of space\n缩进"
        );
        // Zero-width characters do not split a number.
        assert_eq!(text("400\u{200b}606&#8203;5500"), "4006065500");
        assert_eq!(text("a<span>b</span> <b>c</b>"), "ab c");
    }

    #[test]
    fn pre_keeps_lines() {
        assert_eq!(
            text("<pre>Hotline:  400-606-5500\nEmail: a@b.cn\n\n\n\nend</pre>after"),
            "Hotline: 400-606-5500\nEmail: a@b.cn\n\nend\nafter"
        );
    }

    #[test]
    fn tel_and_mailto_links() {
        assert_eq!(
            text("<p><a href=\"tel:+86-400-606-5500\">Call us</a></p>"),
            "Call us (tel:+86-400-606-5500)"
        );
        assert_eq!(
            text("<p><a href=\"mailto:ir@jd.com\">投资者关系</a></p>"),
            "投资者关系 (ir@jd.com)"
        );
        // Percent-decoded, query dropped, scheme case ignored.
        assert_eq!(
            text("<a href=' MAILTO:Investor%20Relations%20%3Cir%40jd.com%3E?subject=Hi&body=x'>IR</a>"),
            "IR (Investor Relations <ir@jd.com>)"
        );
        assert_eq!(
            text("<a href=\"tel:+86%20400%20606%205500\">Hotline</a>"),
            "Hotline (tel:+86 400 606 5500)"
        );
        // Not repeated when the text shows it already.
        assert_eq!(
            text("<a href=\"tel:4006065500\">400-606-5500</a>"),
            "400-606-5500"
        );
        assert_eq!(
            text("<a href=\"tel:+864006065500\">400 606 5500</a>"),
            "400 606 5500"
        );
        assert_eq!(
            text("<a href=\"tel:+861012345678\">(010) 1234-5678</a>"),
            "(010) 1234-5678"
        );
        assert_eq!(
            text("<a href=\"mailto:IR@jd.com\">Email ir@JD.com</a>"),
            "Email ir@JD.com"
        );
        // An icon-only link still shows its target; other schemes do not.
        assert_eq!(
            text("<p>Call <a href=\"tel:950618\"><img src=i.png></a></p>"),
            "Call (tel:950618)"
        );
        assert_eq!(text("<a href=\"https://jd.com/tel:1\">site</a>"), "site");
        assert_eq!(text("<a href=\"tel:\">x</a><a href=mailto:>y</a>"), "xy");
        // The first href counts; an unclosed link ends at the next link or the end.
        assert_eq!(
            text("<a href=tel:111111 href=tel:222222>A<a href=mailto:b@c.cn>B"),
            "A (tel:111111)B (b@c.cn)"
        );
        // Inside a table cell.
        assert_eq!(
            text("<table><tr><td>客服</td><td><a href=tel:95118>拨打</a></td></tr></table>"),
            "客服 | 拨打 (tel:95118)"
        );
    }

    #[test]
    fn malformed_markup_does_not_panic() {
        for html in [
            "",
            "<",
            "</",
            "<a",
            "<a href",
            "<a href=",
            "<a href='tel:1",
            "&",
            "&#",
            "&#x110000;",
            "&#xffffffffffffffff;",
            "<!--",
            "<![CDATA[x",
            "<title>unterminated",
            "<script>unterminated",
            "<td><th></tr></table></li><li>",
            "<a href=%>x</a>",
            "<a href=tel:%E4%B8>x</a>",
            "\u{0}<p>\u{0}</p>",
            "<p/></p/><br/></br>",
            "<plaintext><p>shown as text",
        ] {
            let _ = html_to_text(html);
        }
        assert_eq!(text("<plaintext><p>as text"), "<p>as text");
        assert_eq!(text("a</br>b"), "a\nb");
    }

    /// Runs `f` and fails when it takes longer than `limit`, or on a loaded machine longer than 40 times
    /// what 2 MB of ordinary markup takes right now: a quadratic case takes thousands of times longer, so
    /// the check still catches one while tolerating a busy machine.
    fn fast(what: &str, limit: Duration, f: impl FnOnce() -> String) -> String {
        let ordinary = "<p>some <b>ordinary</b> text, 2024-01-01</p>\n".repeat(2_000_000 / 45);
        let started = Instant::now();
        let _ = text(&ordinary);
        let budget = limit.max(started.elapsed() * 40);
        let started = Instant::now();
        let out = f();
        let took = started.elapsed();
        assert!(took < budget, "{what} took {took:?} (budget {budget:?})");
        out
    }

    #[test]
    fn deep_nesting_is_linear() {
        let depth = 100_000;
        let html = "<div><span><table><tr><td><ul><li>".repeat(depth / 5)
            + "deep 400-606-5500"
            + &"</li></ul></td></tr></table></span></div>".repeat(depth / 5);
        let out = fast("deep nesting", Duration::from_secs(3), || text(&html));
        assert!(out.contains("deep 400-606-5500"));
        let html = "<svg>".repeat(depth) + "x" + &"<template>".repeat(depth) + "y";
        assert_eq!(fast("deep svg", Duration::from_secs(3), || text(&html)), "");
    }

    #[test]
    fn many_attributes_are_linear() {
        let mut html = String::from("<a ");
        for i in 0..50_000 {
            html.push('a');
            html.push_str(&i.to_string());
            html.push_str("=1 ");
        }
        html.push_str("href=tel:95118>x</a>");
        let out = fast("many attributes", Duration::from_secs(3), || text(&html));
        assert_eq!(out, "x (tel:95118)");
        let html = format!("<p {}>y", "a ".repeat(1_000_000));
        assert_eq!(
            fast("repeated attributes", Duration::from_secs(3), || text(
                &html
            )),
            "y"
        );
    }

    #[test]
    fn long_lines_are_linear() {
        let line = "客服 400-606-5500 ".repeat(50_000);
        let html = format!("<p>{line}</p>");
        let out = fast("long line", Duration::from_secs(3), || text(&html));
        assert_eq!(out, line.trim_end());
        let cells = "<td>x".repeat(50_000);
        let html = format!("<table><tr>{cells}</table>");
        let out = fast("wide row", Duration::from_secs(3), || text(&html));
        assert_eq!(out.lines().count(), 1);
        let anchors = "<a href=tel:1234567>1234567</a>".repeat(20_000);
        fast("many links", Duration::from_secs(3), || text(&anchors));
        let entities = "&amp;&#x4e2d;&notin;&bogus;&".repeat(20_000);
        fast("entities", Duration::from_secs(3), || text(&entities));
        let lt = "<<<<</</</<!<!-<a<b=<".repeat(20_000);
        fast("angle brackets", Duration::from_secs(3), || text(&lt));
    }
}
