//! The page `hotline serve` shows: a form to paste a number, an address or a whole message, and for each
//! contact found the same answer as `hotline check`, in English or Chinese, with the same words
//! (`answer::Words`). A plain form post: it works without JavaScript and reads on a phone.

use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::answer::{role_words, standing_words, status_words, Words, EN, ZH};
use super::store::{self as seen_words, said};
use super::web::{content_security_policy, SCRIPT, STYLE};
use crate::answer::{Advice, Answer, Checked, Standing};
use crate::model::{Lang, Listed};
use crate::reference::Reference;
use crate::store::{Seen, SEEN_PAGES};

/// What the page shows below the form.
pub enum Shown<'a> {
    /// Nothing asked yet.
    Nothing,
    /// The answers, one per contact found (with where the evidence store has seen it, under `--db`).
    Answers(&'a [Checked]),
    /// Why nothing could be answered, in the page's language.
    Error(&'a str),
}

/// The words of the page around the answers.
struct Ui {
    lang: &'static str,
    title: &'static str,
    intro: &'static str,
    label: &'static str,
    region: &'static str,
    submit: &'static str,
    other_lang: &'static str,
    other_code: &'static str,
    found: fn(usize) -> String,
    footer: &'static str,
}

const UI_EN: Ui = Ui {
    lang: "en",
    title: "Is this number official?",
    intro: "Paste a phone number, an email address, or a whole message, text or web page. hotline finds every \
            contact in it and says what it is and whether it is listed as official, with the official \
            alternatives and their sources.",
    label: "Number, address or message",
    region: "Numbers without + are dialled in",
    submit: "Check",
    other_lang: "中文",
    other_code: "zh",
    found: |n| match n {
        1 => "1 contact found".into(),
        n => format!("{n} contacts found"),
    },
    footer: "Runs on this computer: nothing you paste leaves it.",
};

const UI_ZH: Ui = Ui {
    lang: "zh",
    title: "这个号码是官方的吗？",
    intro:
        "粘贴一个电话号码、邮箱地址，或整条短信、消息、网页文字。hotline 会找出其中的每个联系方式，\
            说明它是什么、是否登记为官方，并给出官方替代号码及其来源。",
    label: "号码、邮箱或消息",
    region: "不带 + 的号码按此地区拨号",
    submit: "查询",
    other_lang: "English",
    other_code: "en",
    found: |n| format!("找到 {n} 个联系方式"),
    footer: "在本机运行：您粘贴的内容不会离开这台电脑。",
};

fn words(lang: Lang) -> (&'static Words, &'static Ui) {
    match lang {
        Lang::En => (&EN, &UI_EN),
        Lang::Zh => (&ZH, &UI_ZH),
    }
}

/// The whole page: the form (holding `input` and `region` as given) and what is shown below it.
pub fn check_page(
    lang: Lang,
    input: &str,
    region: &str,
    shown: Shown<'_>,
    reference: &Reference,
) -> String {
    let (w, ui) = words(lang);
    let page: Markup = html! {
        (DOCTYPE)
        html lang=(ui.lang) {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(content_security_policy());
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { "hotline — " (ui.title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                main {
                    nav.lang { a #lang-switch href={ "/?lang=" (ui.other_code) } hreflang=(ui.other_code) { (ui.other_lang) } }
                    h1 { (ui.title) }
                    p.muted { (ui.intro) }
                    form #check method="post" action={ "/?lang=" (ui.lang) } {
                        label for="text" { b { (ui.label) } }
                        textarea #text name="text" required rows="5" autofocus { (input) }
                        div.row {
                            label for="region" { (ui.region) }
                            input #region type="text" name="region" value=(region) maxlength="2" size="3" autocapitalize="characters";
                            input type="hidden" name="lang" value=(ui.lang);
                            button type="submit" #submit { (ui.submit) }
                        }
                    }
                    @match shown {
                        Shown::Nothing => {}
                        Shown::Error(why) => { div.error #error role="alert" { (why) } }
                        Shown::Answers(answers) => {
                            p #found { ((ui.found)(answers.len())) }
                            @for c in answers { (answer(c, lang, w, reference, answers.len() == 1)) }
                        }
                    }
                    p.muted.small { (ui.footer) }
                }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    };
    page.into_string()
}

fn standing_class(s: Standing) -> &'static str {
    match s {
        Standing::Official => "verdict v-ok",
        Standing::ReportedScam | Standing::Retired => "verdict v-danger",
        Standing::ListedUnconfirmed | Standing::Unverified => "verdict v-caution",
    }
}

/// A source as a link when it is a web address, else as text.
fn source(l: &Listed, w: &Words) -> Markup {
    let text = (w.sourced)(l);
    let web = l.source.starts_with("https://") || l.source.starts_with("http://");
    html! {
        @match text.strip_prefix(l.source.as_str()).filter(|_| web) {
            Some(rest) => { a href=(l.source) rel="noreferrer noopener" { (l.source) } (rest) }
            None => { (text) }
        }
    }
}

/// One answer, with the sections `hotline check` prints.
/// `echo`: repeat what was given (for a single contact; with several, it is the whole message).
fn answer(c: &Checked, lang: Lang, w: &Words, reference: &Reference, echo: bool) -> Markup {
    let a: &Answer = &c.answer;
    let id = &a.identified;
    html! {
        section.answer data-value=(id.value) data-standing=(format!("{:?}", a.standing)) {
            h2.value { (id.display) }
            @if let (true, Some(given)) = (echo, &id.echo) { p.muted.small.value { (given) " → " (id.display) } }
            @if let Some(m) = id.meaning { p.what { b { (w.what) (w.colon) } (m.text(lang)) } }
            p {
                b { (w.official) } " "
                span class=(standing_class(a.standing)) { (standing_words(a.standing, id.kind, lang)) }
            }
            @if !a.domain.is_empty() || !a.listed.is_empty() {
                ul.facts {
                    @for f in &a.domain { li.signal { ((w.domain)(f)) } }
                    @for l in &a.listed {
                        li.listed {
                            (w.listed_for) " " (l.org) (w.open) (role_words(reference, l.role.as_deref(), w)) (w.close)
                            (w.comma) (status_words(l.status, lang)) (w.semicolon) (w.source) (w.colon) (source(l, w))
                        }
                    }
                }
            }
            @if !a.appearances.is_empty() {
                h3 { (w.appears) }
                ul {
                    @for c in &a.appearances {
                        li { (c.doc) ":" (c.line) " " (w.claimed_as) " "
                             (c.attribution.org.as_deref().unwrap_or("-")) (w.comma)
                             (role_words(reference, c.attribution.role.as_deref(), w)) }
                    }
                }
            } @else if a.documents > 0 { p { (w.nowhere) } }
            @if let Some(s) = &c.seen { (seen(s, lang)) }
            @if let Some(org) = &a.alternatives_for {
                @if !a.alternatives.is_empty() {
                    h3 { ((w.listed_contacts)(org)) }
                    ul.alternatives {
                        @for l in &a.alternatives {
                            li.alternative {
                                span.value { (l.value) } " · " (status_words(l.status, lang)) " · "
                                (role_words(reference, l.role.as_deref(), w))
                                br; span.small.muted { (w.source) (w.colon) (source(l, w)) }
                            }
                        }
                    }
                }
            }
            @if let Some(advice) = a.advice {
                p.advice {
                    (match advice {
                        Advice::CompanyNumber => w.company_advice,
                        Advice::GovernmentLine => w.government_advice,
                        Advice::Address => w.address_advice,
                    })
                }
            }
        }
    }
}

/// Where the evidence store has seen the value, as `hotline check --db` says it (the same words).
fn seen(s: &Seen, lang: Lang) -> Markup {
    let w = seen_words::words(lang);
    html! {
        div.seen data-pages=(s.pages) data-pages-ever=(s.pages_ever) {
            @if s.pages_ever == 0 && s.pages == 0 {
                p.seen-never { (w.never) }
            } @else {
                h3 { (w.seen) }
                p { ((w.pages)(s.pages, s.claims, s.pages_ever)) }
                @if let (Some(first), Some(last)) = (&s.first_seen, &s.last_seen) {
                    p.small.muted { (w.first) (w.colon) (first) "; " (w.last) (w.colon) (last) }
                }
                ul.places {
                    @for p in &s.places {
                        li.place data-doc=(p.doc) {
                            span.doc { (p.doc) ":" (p.line) } " " (w.claimed_as) " " (said(p, w))
                            " " span.small.muted { "(" (p.seen) ")" }
                        }
                    }
                }
                @if s.claims > s.places.len() {
                    p.small.muted { ((w.more)(s.places.len().min(SEEN_PAGES), s.claims)) }
                }
            }
        }
    }
}
