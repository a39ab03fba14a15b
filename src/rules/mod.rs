//! Scam signals as explainable rules, in one typed registry ([`RULES`]). Each rule is one file here
//! holding everything about it: its id, severity and one-line message, why it matters and the sources
//! that say so, its evidence templates in English and Chinese, its own flagged and not-flagged sample
//! pages (run as tests), and the check itself. [`risk`] derives a claim's risk from its verdict and
//! signals, in one place.

mod conflict;
mod domains;
mod freemail;
mod invalid_number;
mod lookalike_domain;
mod outbound_400;
mod personal_mobile;
mod region_mismatch;
mod templated_series;
mod tollfree_mismatch;
mod unofficial_channel;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::context::{Page, LABEL_WINDOW};
use crate::model::{Claim, Lang, Risk, Signal, Verdict};
use crate::reference::{OrgKind, Reference};
use crate::text::{ceil_boundary, floor_boundary};

pub use conflict::RULE as CONFLICT;
pub use domains::lookalike_of;

/// Every rule, in the order `hotline rules` lists them and signals are raised.
pub const RULES: &[&Rule] = &[
    &tollfree_mismatch::RULE,
    &personal_mobile::RULE,
    &templated_series::RULE,
    &invalid_number::RULE,
    &region_mismatch::RULE,
    &freemail::RULE,
    &lookalike_domain::RULE,
    &unofficial_channel::RULE,
    &outbound_400::RULE,
    &conflict::RULE,
];

/// How strongly a signal points to a scam.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Low,
    Medium,
    High,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }
}

/// Words in both languages of the output.
#[derive(Debug)]
pub struct Text {
    pub en: &'static str,
    pub zh: &'static str,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

/// How one case of a rule's evidence reads: `{name}` stands for the fact of that name.
#[derive(Debug)]
pub struct Template {
    pub case: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
}

/// What a rule looks at.
#[derive(Debug)]
pub enum Check {
    /// One claim, with its page.
    Claim(fn(&Page, &Claim, &Reference) -> Option<Finding>),
    /// All claims of one page together: the findings and the index of the claim each belongs to.
    Page(fn(&[Claim]) -> Vec<(usize, Finding)>),
    /// Claims across documents: raised by the cross-check as a run goes on.
    CrossCheck,
}

/// A rule's finding: which of its evidence templates applies, and the facts it names.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub case: &'static str,
    pub facts: Vec<(&'static str, String)>,
}

/// A rule: what it flags, why, the evidence it gives, its samples and its check.
#[derive(Debug)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    /// What it flags, in one line.
    pub message: Text,
    /// Why it matters (documentation; `hotline explain`).
    pub why: &'static str,
    /// Where the facts behind it come from: addresses a person can open, or files in this repository.
    pub sources: &'static [&'static str],
    pub evidence: &'static [Template],
    pub check: Check,
    /// Pages on which some contact must carry the signal (`---8<---` lines separate documents of one run).
    pub positive: &'static [&'static str],
    /// Pages on which no contact may carry it.
    pub negative: &'static [&'static str],
}

impl Rule {
    fn template(&self, case: &str) -> Option<&'static Template> {
        self.evidence.iter().find(|t| t.case == case)
    }
}

pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

/// Adds `rule`'s signal to a claim (once per rule), with its evidence in English.
pub fn raise(claim: &mut Claim, rule: &'static Rule, finding: Finding) {
    if claim.signals.has(rule.id) {
        return;
    }
    let detail = render(rule, &finding.facts, finding.case, Lang::En)
        .unwrap_or_else(|| format!("{} ({})", rule.message.en, finding.case));
    claim.signals.0.push(Signal {
        rule: rule.id,
        case: finding.case,
        detail,
        facts: finding.facts,
    });
}

/// A signal's evidence in words, in `lang`.
pub fn evidence(signal: &Signal, lang: Lang) -> String {
    rule(signal.rule)
        .and_then(|r| render(r, &signal.facts, signal.case, lang))
        .unwrap_or_else(|| signal.detail.clone())
}

/// Fills the template for `case` with the facts; `None` if the rule has no such case or a placeholder has
/// no fact.
fn render(rule: &Rule, facts: &[(&'static str, String)], case: &str, lang: Lang) -> Option<String> {
    let template = rule.template(case)?;
    let mut out = String::new();
    let mut rest = match lang {
        Lang::En => template.en,
        Lang::Zh => template.zh,
    };
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find('}')?;
        let name = &rest[open + 1..close];
        let value = facts.iter().find(|(n, _)| *n == name)?.1.as_str();
        out.push_str(&localize(name, value, lang));
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// A fact as it reads in `lang`: number types and lookalike kinds have words of their own; other facts
/// (quotes, values, names) are shown as they are.
fn localize<'v>(name: &str, value: &'v str, lang: Lang) -> Cow<'v, str> {
    match (name, lang) {
        ("number_type", Lang::En) => value.replace('_', " ").into(),
        ("number_type", Lang::Zh) => match value {
            "fixed_line" => "固定电话",
            "mobile" => "手机",
            "fixed_line_or_mobile" => "固定电话或手机",
            "toll_free" => "免费电话",
            "premium_rate" => "高额付费",
            "shared_cost" => "分摊付费",
            "personal_number" => "个人转接",
            "voip" => "网络电话",
            "pager" => "寻呼",
            "uan" => "统一接入",
            "voicemail" => "语音信箱",
            _ => "短",
        }
        .into(),
        ("how", _) => how_words(value, lang).into(),
        _ => value.into(),
    }
}

/// How a lookalike domain imitates an official one (a `how` fact), in `lang`.
pub fn how_words(how: &str, lang: Lang) -> &str {
    match lang {
        Lang::En => how,
        Lang::Zh => match how {
            domains::INSIDE_ANOTHER => "官方域名被嵌在另一个域名里",
            domains::WORDS_ADDED => "在品牌名上加了词",
            domains::THROWAWAY_TLD => "品牌名用在廉价顶级域名上",
            domains::LOOKALIKE_CHARACTERS => "使用形似的字符",
            domains::CHARACTERS_CHANGED => "改了一两个字符",
            other => other,
        },
    }
}

/// Applies every per-claim and per-page rule to the claims of one page, in registry order (the
/// cross-check raises `conflict` across pages later).
pub fn apply(page: &Page, claims: &mut [Claim], reference: &Reference) {
    for claim in claims.iter_mut() {
        for rule in RULES {
            if let Check::Claim(check) = rule.check {
                if let Some(finding) = check(page, claim, reference) {
                    raise(claim, rule, finding);
                }
            }
        }
    }
    for rule in RULES {
        if let Check::Page(check) = rule.check {
            for (i, finding) in check(claims) {
                raise(&mut claims[i], rule, finding);
            }
        }
    }
}

/// The risk level of a claim, from its verdict and signals. This is the one definition (see README).
pub fn risk(claim: &Claim) -> Risk {
    let severity = claim
        .signals
        .ids()
        .filter_map(rule)
        .map(|r| r.severity)
        .max();
    match (claim.verification.verdict, severity) {
        (Some(Verdict::ReportedScam | Verdict::WrongOrg), _) | (_, Some(Severity::High)) => {
            Risk::Danger
        }
        (_, Some(_)) => Risk::Caution,
        (Some(Verdict::Official | Verdict::NotAClaim) | None, None) => Risk::Ok,
        (Some(_), None) => Risk::Caution,
    }
}

/// The claim's organisation when it is a company (rules about brands' own lines ignore government ones).
fn company(c: &Claim, reference: &Reference) -> Option<String> {
    let org = c.org()?;
    let kind = reference.org(org).map_or(OrgKind::Company, |o| o.kind);
    (kind == OrgKind::Company).then(|| org.to_string())
}

/// The sentence holding a contact (on its line, within `LABEL_WINDOW` bytes of it), for rules that read
/// what the page says about it.
fn sentence_of<'p>(page: &'p Page, c: &Claim) -> &'p str {
    let text = page.text;
    let (start, end) = c.span;
    let line = page.lines.range(text, page.lines.index_of(start));
    let lo = floor_boundary(text, start.saturating_sub(LABEL_WINDOW).max(line.start));
    let hi = ceil_boundary(text, (end + LABEL_WINDOW).min(line.end));
    let is_end = |ch: char| matches!(ch, '。' | '!' | '?' | '！' | '？' | ';' | '；');
    let before = &text[lo..start];
    let mut from = before
        .char_indices()
        .rev()
        .find(|&(_, ch)| is_end(ch))
        .map_or(0, |(i, ch)| i + ch.len_utf8());
    if let Some(i) = before[from..].rfind(". ") {
        from += i + 2;
    }
    let after = &text[start..hi];
    let to = after
        .find(is_end)
        .into_iter()
        .chain(after.find(". "))
        .min()
        .unwrap_or(after.len());
    &text[lo + from..start + to]
}

/// The contact's sentence, its label line (a line ending with `:` just above) and the nearest heading.
fn context_lines<'p>(page: &'p Page, claim: &Claim) -> Vec<&'p str> {
    let index = claim
        .line
        .saturating_sub(1)
        .min(page.lines.count().saturating_sub(1));
    let mut lines = vec![sentence_of(page, claim)];
    let above = if index > 0 { page.line(index - 1) } else { "" };
    if above.len() <= LABEL_WINDOW && above.trim_end().ends_with([':', '：']) {
        lines.push(above);
    }
    lines.extend(
        page.headings_above(index, 1)
            .into_iter()
            .map(|h| page.line(h)),
    );
    lines
}

/// A finding with one template case and its facts.
pub fn finding(case: &'static str, facts: &[(&'static str, &str)]) -> Finding {
    Finding {
        case,
        facts: facts.iter().map(|&(n, v)| (n, v.to_string())).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names a template refers to.
    fn placeholders(template: &str) -> Vec<&str> {
        template
            .split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn every_rule_is_documented_and_its_templates_agree_across_languages() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len(), "rule ids are unique");
        for r in RULES {
            assert!(
                !r.message.en.is_empty() && !r.message.zh.is_empty() && r.why.len() > 80,
                "{}",
                r.id
            );
            assert!(!r.sources.is_empty(), "{} cites no source", r.id);
            for s in r.sources {
                let opens = s.starts_with("http://") || s.starts_with("https://");
                let file = s.split_whitespace().next().unwrap_or("");
                assert!(
                    opens
                        || std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                            .join(file)
                            .exists(),
                    "{}: a source must be an address or a file in the repository: {s}",
                    r.id
                );
            }
            assert!(!r.evidence.is_empty(), "{} has no evidence template", r.id);
            for t in r.evidence {
                let (mut en, mut zh) = (placeholders(t.en), placeholders(t.zh));
                en.sort_unstable();
                zh.sort_unstable();
                assert_eq!(
                    en, zh,
                    "{} {}: both languages name the same facts",
                    r.id, t.case
                );
            }
        }
        assert!(matches!(CONFLICT.check, Check::CrossCheck));
    }

    #[test]
    fn templates_render_in_both_languages() {
        let facts = vec![
            ("quote", "免费热线".to_string()),
            ("number_type", "shared_cost".into()),
        ];
        let rule = rule("tollfree-mismatch").unwrap();
        assert_eq!(
            render(rule, &facts, "not_free", Lang::En).unwrap(),
            "called free in “免费热线”, but it is a shared cost number"
        );
        assert_eq!(
            render(rule, &facts, "not_free", Lang::Zh).unwrap(),
            "页面称其免费（“免费热线”），但它是分摊付费号码"
        );
        assert_eq!(
            render(rule, &facts, "premium", Lang::En).unwrap(),
            "a premium-rate number presented as a local call: “免费热线”"
        );
        assert_eq!(
            render(rule, &facts[..1], "not_free", Lang::En),
            None,
            "a missing fact"
        );
        assert_eq!(render(rule, &facts, "no_such_case", Lang::En), None);
    }
}
