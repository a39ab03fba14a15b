//! Scam signals as explainable rules. Each rule has an id, a severity, a one-line message, a documented
//! "why" with its sources, and its own positive and negative samples (`data/rules.json`, run as tests);
//! the logic of each rule is one function here. `risk` derives a claim's risk level from its verdict and
//! signals, in one place.

mod domains;

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::claim::{Claim, Evidence};
use crate::context::{Page, LABEL_WINDOW};
use crate::lexicon::cues;
use crate::mention::Kind;
use crate::numbering::{NumberType, Region};
use crate::reference::{OrgKind, Reference};
use crate::text::{ceil_boundary, floor_boundary};
use crate::verify::{base_value, Verdict};

pub use domains::{is_freemail, lookalike_of};

/// How strongly a signal points to a scam.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Low,
    Medium,
    High,
}

/// A rule's documentation and samples.
#[derive(Debug, Clone, Deserialize)]
pub struct Rule {
    pub id: String,
    pub severity: Severity,
    pub message: String,
    pub why: String,
    pub sources: Vec<String>,
    /// Pages on which some contact must carry the signal.
    pub positive: Vec<String>,
    /// Pages on which no contact may carry it.
    pub negative: Vec<String>,
}

/// Every rule, in the order they are documented.
pub fn rules() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES.get_or_init(|| {
        serde_json::from_str(include_str!("../../data/rules.json"))
            .expect("data/rules.json is checked by tests")
    })
}

pub fn rule(id: &str) -> Option<&'static Rule> {
    rules().iter().find(|r| r.id == id)
}

/// A claim's risk for the person who might call or write to it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum Risk {
    /// Listed as official (or no organisation is claimed) and no signal.
    #[default]
    Ok,
    /// Not confirmed (unverified, unconfirmed, former, wrong role) or a medium/low signal.
    Caution,
    /// Reported as a scam, another organisation's contact, or a high-severity signal.
    Danger,
}

impl Risk {
    pub fn as_str(self) -> &'static str {
        match self {
            Risk::Ok => "ok",
            Risk::Caution => "caution",
            Risk::Danger => "danger",
        }
    }
}

/// The risk level of a claim, from its verdict and signals. This is the one definition (see README).
pub fn risk(claim: &Claim) -> Risk {
    let severity = claim
        .signals
        .iter()
        .filter_map(|s| rule(s))
        .map(|r| r.severity)
        .max();
    match (claim.verdict, severity) {
        (Some(Verdict::ReportedScam | Verdict::WrongOrg), _) | (_, Some(Severity::High)) => {
            Risk::Danger
        }
        (_, Some(_)) => Risk::Caution,
        (Some(Verdict::Official | Verdict::NotAClaim) | None, None) => Risk::Ok,
        (Some(_), None) => Risk::Caution,
    }
}

/// Adds a signal (once) with its evidence.
pub fn flag(claim: &mut Claim, id: &str, evidence: String) {
    if !claim.signals.iter().any(|s| s == id) {
        claim.signals.push(id.to_string());
        claim.evidence.push(Evidence {
            rule: id.to_string(),
            detail: evidence,
        });
    }
    claim.risk = risk(claim);
}

/// Applies every per-page rule to the claims of one page (the `conflict` rule is applied across pages by
/// `crosscheck`), then sets each claim's risk.
pub fn apply(page: &Page, claims: &mut [Claim], reference: &Reference) {
    for claim in claims.iter_mut() {
        let found: Vec<(&str, String)> = [
            tollfree_mismatch(page, claim).map(|e| ("tollfree-mismatch", e)),
            personal_mobile(claim, reference).map(|e| ("personal-mobile", e)),
            invalid_number(claim).map(|e| ("invalid-number", e)),
            region_mismatch(claim).map(|e| ("region-mismatch", e)),
            freemail(claim, reference).map(|e| ("freemail", e)),
            lookalike_domain(claim, reference).map(|e| ("lookalike-domain", e)),
            unofficial_channel(claim, reference).map(|e| ("unofficial-channel", e)),
            outbound_400(page, claim).map(|e| ("outbound-400", e)),
        ]
        .into_iter()
        .flatten()
        .collect();
        for (id, evidence) in found {
            flag(claim, id, evidence);
        }
    }
    for (i, evidence) in templated_series(claims) {
        flag(&mut claims[i], "templated-series", evidence);
    }
    for c in claims.iter_mut() {
        c.risk = risk(c);
    }
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

fn tollfree_mismatch(page: &Page, c: &Claim) -> Option<String> {
    let t = c.number_type?;
    let lines = context_lines(page, c);
    if t == NumberType::PremiumRate {
        let said = lines.iter().find(|l| cues("local_rate").contains(l))?;
        return Some(format!(
            "a premium-rate number presented as a local call: “{}”",
            said.trim()
        ));
    }
    if t == NumberType::TollFree || c.kind != Kind::Phone {
        return None;
    }
    let said = lines
        .iter()
        .find(|l| cues("free").contains(l) && !cues("negation").contains(l))?;
    Some(format!(
        "called free in “{}”, but it is a {} number{}",
        said.trim(),
        t.as_str().replace('_', " "),
        if t == NumberType::SharedCost && c.region.as_deref() == Some("CN") {
            " (400: the caller pays the local rate)"
        } else {
            ""
        }
    ))
}

fn company(c: &Claim, reference: &Reference) -> Option<String> {
    let org = c.org.as_deref()?;
    let kind = reference.org(org).map_or(OrgKind::Company, |o| o.kind);
    (kind == OrgKind::Company).then(|| org.to_string())
}

fn personal_mobile(c: &Claim, reference: &Reference) -> Option<String> {
    if c.number_type != Some(NumberType::Mobile) {
        return None;
    }
    let org = company(c, reference)?;
    let national = c.value.strip_prefix("+86").unwrap_or("");
    let virtual_range = national.starts_with("170") || national.starts_with("171");
    Some(if virtual_range {
        format!("a 170/171 virtual-operator mobile, offered as {org}'s line (these ranges were widely used in fraud)")
    } else {
        format!("a mobile number offered as {org}'s line")
    })
}

fn invalid_number(c: &Claim) -> Option<String> {
    (c.kind == Kind::InvalidPhone).then(|| {
        format!(
            "{} is not a valid number in {} (wrong length or an unassigned range)",
            c.raw,
            c.region.as_deref().unwrap_or("any country")
        )
    })
}

fn region_mismatch(c: &Claim) -> Option<String> {
    let iso = c.role.as_deref()?.strip_prefix("international:")?;
    let named = Region::by_id(iso)?;
    let actual = Region::by_id(c.region.as_deref()?)?;
    if c.kind != Kind::Phone || named.country_code() == actual.country_code() {
        return None;
    }
    Some(format!(
        "listed for {iso}, but +{} is {}'s country code",
        actual.country_code(),
        actual.id()
    ))
}

fn email_domain(c: &Claim) -> Option<&str> {
    (c.kind == Kind::Email)
        .then(|| c.value.rsplit('@').next())
        .flatten()
}

fn freemail(c: &Claim, reference: &Reference) -> Option<String> {
    let domain = email_domain(c)?;
    let org = company(c, reference)?;
    let own = reference
        .family_domains(c.org.as_deref()?)
        .any(|d| d == domain);
    if !is_freemail(domain) || own {
        return None;
    }
    Some(format!(
        "{domain} is a free webmail service, not {org}'s domain"
    ))
}

fn lookalike_domain(c: &Claim, reference: &Reference) -> Option<String> {
    let domain = email_domain(c)?;
    let official = reference.official_domains();
    let (imitated, how) = lookalike_of(domain, official.clone().map(|(d, _)| d))?;
    let owner = official
        .clone()
        .find(|(d, _)| *d == imitated)
        .map_or("", |(_, o)| o);
    Some(format!("{domain} imitates {owner}'s {imitated} ({how})"))
}

fn unofficial_channel(c: &Claim, reference: &Reference) -> Option<String> {
    let channel = c.channel?;
    if !matches!(channel, "whatsapp" | "telegram" | "viber" | "wechat") {
        return None;
    }
    let org = company(c, reference)?;
    let uses = |o: &str| {
        reference
            .org(o)
            .is_some_and(|o| o.messaging.iter().any(|m| m.starts_with(channel)))
    };
    let known = reference
        .orgs
        .iter()
        .any(|o| reference.is_ancestor(&o.name, &org) && uses(&o.name));
    (!known).then(|| format!("{org} is not known to give support on {channel}"))
}

fn outbound_400(page: &Page, c: &Claim) -> Option<String> {
    let national = c.value.strip_prefix("+86")?;
    if !(national.starts_with("400") || national.starts_with("800")) {
        return None;
    }
    // Only the sentence holding the number: outbound words elsewhere describe something else.
    let sentence = sentence_of(page, c);
    if !cues("outbound").contains(sentence) || cues("negation").contains(sentence) {
        return None;
    }
    Some(format!(
        "the page says calls come from this 400/800 number: “{}”",
        sentence.trim()
    ))
}

/// Numbers for four or more countries on one page that end with the same three or four digits.
fn templated_series(claims: &[Claim]) -> Vec<(usize, String)> {
    let phones: Vec<(usize, u16, &str)> = claims
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c.kind, Kind::Phone | Kind::InvalidPhone))
        .filter_map(|(i, c)| {
            let code = Region::by_id(c.region.as_deref()?)?.country_code();
            let digits = base_value(&c.value);
            Some((i, code, digits))
        })
        .collect();
    let mut flagged: Vec<(usize, String)> = Vec::new();
    for width in [4, 3] {
        let mut endings: std::collections::BTreeMap<&str, Vec<(usize, u16)>> = Default::default();
        for &(i, code, digits) in &phones {
            if digits.len() > width + 4 {
                endings
                    .entry(&digits[digits.len() - width..])
                    .or_default()
                    .push((i, code));
            }
        }
        for (ending, members) in endings {
            let mut countries: Vec<u16> = members.iter().map(|&(_, c)| c).collect();
            countries.sort_unstable();
            countries.dedup();
            if countries.len() >= 4 {
                for (i, _) in members {
                    if !flagged.iter().any(|(f, _)| *f == i) {
                        let evidence = format!(
                            "{} countries on this page have numbers ending in {ending}",
                            countries.len()
                        );
                        flagged.push((i, evidence));
                    }
                }
            }
        }
    }
    flagged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_documented() {
        for r in rules() {
            assert!(
                !r.message.is_empty() && !r.why.is_empty() && !r.sources.is_empty(),
                "{}",
                r.id
            );
        }
        let ids: Vec<&str> = rules().iter().map(|r| r.id.as_str()).collect();
        for id in [
            "tollfree-mismatch",
            "personal-mobile",
            "templated-series",
            "invalid-number",
            "region-mismatch",
            "freemail",
            "lookalike-domain",
            "unofficial-channel",
            "outbound-400",
            "conflict",
        ] {
            assert!(ids.contains(&id), "{id}");
        }
    }
}
