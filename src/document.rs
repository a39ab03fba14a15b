//! Documents: the text of one page, its name, and a map from byte offsets to lines and columns; and the
//! records that stand for a document that could not be read, or was read with a warning.

use serde::Serialize;

use crate::model::Origin;

/// One page's text, as read from a source.
#[derive(Debug, Clone)]
pub struct Document {
    /// How the user named it (a path as given, a URL, `-` for stdin).
    pub name: String,
    pub text: String,
    /// The page title when the source has one (HTML `<title>`); otherwise the first line stands in.
    pub title: Option<String>,
    /// Provenance kept in the output (the encoding when it was not UTF-8, a WARC file and offset, ...).
    pub origin: Origin,
}

/// A page that could not be read or audited; the rest of the run goes on.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ErrorRecord {
    pub doc: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    pub message: String,
}

/// Something the user should know about a page that was still audited (for example, truncated).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Warning {
    pub doc: String,
    pub message: String,
}

impl Document {
    /// A document; terminal control sequences and other control characters in the text become spaces
    /// (same character count, so lines and columns still match the source).
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            name: name.into(),
            text: blank_controls(text.into()),
            title: None,
            origin: Origin::default(),
        }
    }

    /// The title, or the first non-empty line of the text.
    pub fn title_or_first_line(&self) -> &str {
        match &self.title {
            Some(t) => t,
            None => self
                .text
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or(""),
        }
    }
}

fn is_unwanted_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t')
}

/// Replaces control characters, and whole ANSI escape sequences (`ESC [ 31 m`, `ESC ] 0 ; title BEL`), with
/// spaces: pages are hostile and a sequence must neither reach a terminal nor glue itself to a number.
fn blank_controls(text: String) -> String {
    if !may_have_controls(text.as_bytes()) || !text.chars().any(is_unwanted_control) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(if is_unwanted_control(c) { ' ' } else { c });
            continue;
        }
        out.push(' ');
        match chars.peek() {
            // CSI: parameters and intermediates up to a final byte in @..~ .
            Some('[') => {
                for c in chars.by_ref() {
                    out.push(' ');
                    if ('@'..='~').contains(&c) && c != '[' {
                        break;
                    }
                }
            }
            // OSC: up to BEL or ESC \ .
            Some(']') => {
                for c in chars.by_ref() {
                    out.push(' ');
                    if c == '\u{7}' || c == '\\' {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Line structure of a text: byte offset <-> (line, column) with columns counted in characters.
#[derive(Debug, Clone)]
pub struct Lines {
    starts: Vec<usize>,
    len: usize,
}

impl Lines {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text).map(|i| i + 1));
        Lines {
            starts,
            len: text.len(),
        }
    }

    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line index of a byte offset.
    pub fn index_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// Byte range of line `index` without its line terminator.
    pub fn range(&self, text: &str, index: usize) -> std::ops::Range<usize> {
        let start = self.starts[index];
        let mut end = self.starts.get(index + 1).map_or(self.len, |&s| s - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    pub fn line<'t>(&self, text: &'t str, index: usize) -> &'t str {
        &text[self.range(text, index)]
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', text.as_bytes())
}

/// A quick byte test that is false for nearly every page: C0 controls other than tab, line feed and carriage
/// return, DEL, and the lead byte of C1 controls (U+0080..U+009F start with 0xC2). Written without early
/// exits inside a chunk so the compiler vectorizes it.
fn may_have_controls(bytes: &[u8]) -> bool {
    bytes.chunks(64).any(|chunk| {
        chunk.iter().fold(false, |found, &b| {
            found | (b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r') | (b == 0x7f) | (b == 0xc2)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_sequences_become_spaces() {
        let doc = Document::new("t", "a\u{1b}[31m400\u{1b}]0;x\u{7}b\u{0}c");
        assert_eq!(doc.text, "a     400      b c");
    }

    #[test]
    fn c1_controls_and_del_become_spaces() {
        assert_eq!(Document::new("t", "a\u{85}b\u{7f}c é").text, "a b c é");
        assert!(!may_have_controls("plain\ttext\r\n客服".as_bytes()));
        assert!(may_have_controls(
            format!("{}\u{1}", "x".repeat(100)).as_bytes()
        ));
    }

    #[test]
    fn positions_count_characters() {
        let text = "第一行\r\n客服 400\nlast";
        let lines = Lines::new(text);
        assert_eq!(lines.count(), 3);
        let offset = text.find("400").unwrap();
        assert_eq!(lines.index_of(offset), 1);
        assert_eq!(lines.line(text, 1), "客服 400");
        assert_eq!(lines.line(text, 0), "第一行");
        assert_eq!(lines.line(text, 2), "last");
    }
}
