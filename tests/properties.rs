//! Invariants checked on generated pages (proptest): positions point at the raw text, values re-parse to
//! themselves, and the same content gives the same contacts as text and as HTML.

use hotline::answer::identify;
use hotline::context::ReadOptions;
use hotline::document::Document;
use hotline::model::{Claim, Kind};
use hotline::numbering::Region;
use hotline::reference::Reference;
use hotline::run::audit_document;
use hotline::source::html::html_to_text;
use proptest::prelude::*;

/// Fragments pages are made of: labels, numbers in many spellings, addresses, traps, noise.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("客服热线：".to_string()),
        Just("Customer Service Hotline: ".to_string()),
        Just("- UK: ".to_string()),
        Just(" | ".to_string()),
        Just("\n".to_string()),
        Just("，".to_string()),
        Just("订单号 ".to_string()),
        Just("ＡＢＣ　".to_string()),
        "[0-9]{3}-[0-9]{3}-[0-9]{4}",
        "\\+86 1[3-9][0-9] [0-9]{4} [0-9]{4}",
        "４００－[０-９]{3}－[０-９]{4}",
        "95[0-9]{3}",
        "0800 [0-9]{3} [0-9]{4}",
        "[a-z]{2,8}@(jd|example|qq)\\.com",
        "[a-z]{2,6} \\[at\\] example \\[dot\\] org",
        "20[0-9]{2}-[01][0-9]-[0-3][0-9]",
        "\\PC{0,12}",
    ]
}

fn page() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 1..40)
        .prop_map(|parts| format!("京东客服\n{}", parts.concat()))
}

fn claims_of(text: &str) -> Vec<Claim> {
    let doc = Document::new("p", text);
    audit_document(&doc, Reference::embedded(), &ReadOptions::default())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn raw_is_the_text_at_line_and_column(text in page()) {
        let doc = Document::new("p", text.as_str());
        for c in audit_document(&doc, Reference::embedded(), &ReadOptions::default()) {
            let line = doc.text.split('\n').nth(c.line - 1).unwrap();
            let at: String = line.chars().skip(c.column - 1).take(c.raw.chars().count()).collect();
            prop_assert_eq!(&at, &c.raw);
        }
    }

    #[test]
    fn values_reparse_to_themselves(text in page()) {
        let cn = Region::by_id("CN").unwrap();
        for c in claims_of(&text) {
            match c.kind {
                Kind::Phone => {
                    let again = identify(&c.value, cn, Reference::embedded())
                        .map(|found| found.into_iter().map(|i| i.value).collect::<Vec<_>>());
                    prop_assert_eq!(again, Ok(vec![c.value.clone()]));
                }
                Kind::Email => prop_assert_eq!(c.value.to_lowercase(), c.value.clone()),
                Kind::InvalidPhone => {}
            }
        }
    }

    #[test]
    fn text_and_html_give_the_same_contacts(lines in prop::collection::vec((0usize..3, "[0-9]{3}-[0-9]{4}", "[a-z]{3,6}"), 1..12)) {
        let labels = ["客服热线：400-", "PLUS 会员专属热线：400-", "邮箱："];
        let mut text = String::from("京东客服\n");
        let mut html = String::from("<html><head><title>京东客服</title></head><body>");
        for (kind, digits, name) in &lines {
            let line = if *kind == 2 {
                format!("{}{name}@jd.com", labels[2])
            } else {
                format!("{}{digits}", labels[*kind])
            };
            text.push_str(&line);
            text.push('\n');
            html.push_str(&format!("<p>{line}</p>"));
        }
        html.push_str("</body></html>");
        let page = html_to_text(&html);
        let mut from_html = Document::new("h", page.text);
        from_html.title = page.title;
        let values = |doc: &Document| -> Vec<String> {
            audit_document(doc, Reference::embedded(), &ReadOptions::default())
                .into_iter()
                .map(|c| c.value)
                .collect()
        };
        prop_assert_eq!(values(&Document::new("t", text.as_str())), values(&from_html));
    }
}
