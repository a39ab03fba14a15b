//! Cross-checking: contradictions between the claims of all documents in a run (and within one).
//!
//! Claims are added document by document; the index keeps, per group, at most `EXAMPLES` claims and a
//! count, so memory grows with the number of distinct values, not with the number of pages.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::data::cue_terms;
use crate::model::{
    base_value, Claim, ClaimRef, Conflict, ConflictKind, ConflictValue, Kind, Listed, Status,
};
use crate::reference::{Channel, Reference};
use crate::rules::{self, finding, Finding, CONFLICT};

/// Claims kept per value in a conflict record; the rest are counted.
const EXAMPLES: usize = 6;

/// Distinct values the index tracks. Past this, new values are not cross-checked (the summary says so), so
/// that memory stays bounded however large the crawl (about 400 bytes a value with both indexes and six
/// examples each).
pub const MAX_VALUES: usize = 30_000;

/// A claim as the index keeps it (32 bytes): where it was made, and what it says, shared.
#[derive(Debug, Clone, PartialEq)]
struct Slim {
    doc: Arc<str>,
    line: u32,
    said: Arc<Said>,
}

/// What a claim says about its value. Few distinct combinations exist, so each is stored once and shared
/// by every claim that says the same.
#[derive(Debug, PartialEq, Eq, Hash)]
struct Said {
    org: Option<Arc<str>>,
    role: Option<Arc<str>>,
    hours: Option<Arc<str>>,
}

impl Slim {
    fn to_ref(&self) -> ClaimRef {
        let said = &self.said;
        ClaimRef {
            doc: self.doc.clone(),
            line: self.line as usize,
            org: said.org.clone(),
            role: said.role.clone(),
            hours: said.hours.clone(),
        }
    }
}

#[derive(Default)]
struct Examples {
    /// A small vector, not a set: most values are claimed once, and a tree node per value would cost ~1 KB.
    claims: Vec<Slim>,
    total: usize,
}

impl Examples {
    fn add(&mut self, r: Slim) {
        self.total += 1;
        if self.claims.len() < EXAMPLES && !self.claims.contains(&r) {
            self.claims.reserve_exact(1);
            self.claims.push(r);
        }
    }

    fn to_value(&self, value: &str) -> ConflictValue {
        let mut claims: Vec<ClaimRef> = self.claims.iter().map(Slim::to_ref).collect();
        claims.sort();
        ConflictValue {
            value: value.to_string(),
            claims,
            more: self.total.saturating_sub(self.claims.len()),
        }
    }
}

/// Index of all claims of a run, for finding contradictions.
#[derive(Default)]
pub struct CrossCheck {
    /// (org, role, kind) -> value -> claims.
    by_role: BTreeMap<(String, String, Kind), BTreeMap<String, Examples>>,
    /// value -> claims (with org, role, hours).
    by_value: BTreeMap<String, Examples>,
    /// The document of the claims being added, shared by their references.
    current_doc: Option<Arc<str>>,
    /// Claims whose value arrived after the index was full.
    pub untracked: usize,
    /// Organisation, role and hours strings, shared by every claim that uses them.
    strings: std::collections::HashMap<String, Arc<str>>,
    /// Distinct combinations of them.
    saids: std::collections::HashSet<Arc<Said>>,
}

/// Hours in a comparable form: `24h`, or `HH:MM-HH:MM` ranges; `None` when not understood.
pub fn canonical_hours(hours: &str) -> Option<String> {
    let h = hours.to_lowercase();
    if cue_terms("all_day_hours")
        .iter()
        .any(|p| h.contains(p.as_str()))
    {
        return Some("24h".into());
    }
    let mut times = Vec::new();
    let bytes: Vec<char> = h.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let hour: u32 = bytes[start..i].iter().collect::<String>().parse().ok()?;
            let mut minute = 0;
            if i + 2 < bytes.len() && matches!(bytes[i], ':' | '：') {
                minute = bytes[i + 1..i + 3]
                    .iter()
                    .collect::<String>()
                    .parse()
                    .unwrap_or(0);
                i += 3;
            }
            let rest: String = bytes[i..].iter().take(5).collect::<String>();
            let rest = rest.trim_start();
            let hour = if (rest.starts_with("pm") || rest.starts_with("p.m")) && hour < 12 {
                hour + 12
            } else if (rest.starts_with("am") || rest.starts_with("a.m")) && hour == 12 {
                0
            } else {
                hour
            };
            if hour <= 24 && minute < 60 {
                times.push(format!("{hour:02}:{minute:02}"));
            }
        } else {
            i += 1;
        }
    }
    (times.len() == 2).then(|| format!("{}-{}", times[0], times[1]))
}

impl CrossCheck {
    pub fn add(&mut self, claims: &[Claim]) {
        // Invalid numbers are not compared: their digits are unreliable by definition.
        for c in claims.iter().filter(|c| c.kind != Kind::InvalidPhone) {
            let value = base_value(&c.value);
            if self.by_value.len() >= MAX_VALUES && !self.by_value.contains_key(value) {
                self.untracked += 1;
                continue;
            }
            let doc = match &self.current_doc {
                Some(d) if **d == *c.doc => d.clone(),
                _ => {
                    let d: Arc<str> = Arc::from(c.doc.as_str());
                    self.current_doc = Some(d.clone());
                    d
                }
            };
            let said = Said {
                org: c.org().map(|s| self.intern(s)),
                role: c.labelled_role().map(|s| self.intern(s)),
                hours: c.attribution.hours.as_deref().map(|s| self.intern(s)),
            };
            let r = Slim {
                doc,
                line: u32::try_from(c.line).unwrap_or(u32::MAX),
                said: self.share(said),
            };
            if let (Some(org), Some(role)) = (c.org(), c.labelled_role()) {
                self.by_role
                    .entry((org.to_string(), role.to_string(), c.kind))
                    .or_default()
                    .entry(value.to_string())
                    .or_default()
                    .add(r.clone());
            }
            if c.org().is_some() {
                self.by_value.entry(value.to_string()).or_default().add(r);
            }
        }
    }

    fn intern(&mut self, s: &str) -> Arc<str> {
        if let Some(shared) = self.strings.get(s) {
            return shared.clone();
        }
        let shared: Arc<str> = Arc::from(s);
        // Hours are free text; stop sharing new strings once there are very many (memory stays bounded).
        if self.strings.len() < MAX_VALUES {
            self.strings.insert(s.to_string(), shared.clone());
        }
        shared
    }

    fn share(&mut self, said: Said) -> Arc<Said> {
        if let Some(shared) = self.saids.get(&said) {
            return shared.clone();
        }
        let shared = Arc::new(said);
        if self.saids.len() < MAX_VALUES {
            self.saids.insert(shared.clone());
        }
        shared
    }

    /// Adds a document's claims and flags (`conflict` signal) each claim that contradicts a claim added
    /// before it (from earlier documents, or earlier on the same page) or the reference's official value
    /// for its role.
    pub fn add_and_flag(&mut self, claims: &mut [Claim], reference: &Reference) {
        for claim in claims.iter_mut() {
            self.add(std::slice::from_ref(claim));
            if let Some(finding) = self.contradiction(claim, reference) {
                rules::raise(claim, &CONFLICT, finding);
            }
        }
    }

    fn contradiction(&self, c: &Claim, reference: &Reference) -> Option<Finding> {
        if c.kind == Kind::InvalidPhone {
            return None;
        }
        let value = base_value(&c.value);
        let describe = |e: &Examples| {
            e.claims
                .iter()
                .find(|r| *r.doc != *c.doc || r.line as usize != c.line)
                .map(|r| format!("{}:{}", r.doc, r.line))
                .unwrap_or_default()
        };
        if let (Some(org), Some(role), Kind::Phone) = (c.org(), c.labelled_role(), c.kind) {
            if let Some(values) = self
                .by_role
                .get(&(org.to_string(), role.to_string(), c.kind))
            {
                if let Some((other, e)) = values.iter().find(|(v, _)| v.as_str() != value) {
                    let facts = [
                        ("org", org),
                        ("role", role),
                        ("other", other),
                        ("place", &describe(e)),
                    ];
                    return Some(finding("role_value", &facts));
                }
            }
            let official: Vec<&str> = reference
                .contacts
                .iter()
                .filter(|r| {
                    r.org == org
                        && r.channel == Channel::Phone
                        && r.status == Status::Official
                        && r.role.as_deref() == Some(role)
                        && !role.starts_with("international:")
                })
                .map(|r| base_value(&r.value))
                .collect();
            if !official.is_empty() && !official.contains(&value) {
                let official = official.join(", ");
                let facts = [("org", org), ("role", role), ("official", &official)];
                return Some(finding("reference", &facts));
            }
        }
        let examples = self.by_value.get(value)?;
        claims_disagree(examples, reference).then(|| {
            finding(
                "value_claims",
                &[("value", value), ("place", &describe(examples))],
            )
        })
    }

    /// All conflicts found, in a stable order.
    pub fn conflicts(&self, reference: &Reference) -> Vec<Conflict> {
        let mut out = Vec::new();
        // Several mailboxes for one role are normal (per language, per team); several numbers are not.
        for ((org, role, kind), values) in &self.by_role {
            if *kind == Kind::Phone && values.len() >= 2 {
                out.push(Conflict {
                    kind: ConflictKind::SameRoleDifferentValues,
                    org: Some(org.clone()),
                    role: Some(role.clone()),
                    values: values.iter().map(|(v, e)| e.to_value(v)).collect(),
                    reference: Vec::new(),
                });
            }
        }
        for (value, examples) in &self.by_value {
            if claims_disagree(examples, reference) {
                out.push(Conflict {
                    kind: ConflictKind::SameValueDifferentClaims,
                    org: None,
                    role: None,
                    values: vec![examples.to_value(value)],
                    reference: Vec::new(),
                });
            }
        }
        for ((org, role, kind), values) in &self.by_role {
            if role.starts_with("international:") {
                continue;
            }
            let channel = match kind {
                Kind::Email => Channel::Email,
                Kind::Phone | Kind::InvalidPhone => Channel::Phone,
            };
            let official: Vec<Listed> = reference
                .contacts
                .iter()
                .filter(|c| {
                    &c.org == org
                        && c.channel == channel
                        && c.status == Status::Official
                        && c.role.as_deref() == Some(role.as_str())
                })
                .map(Listed::from)
                .collect();
            let disagreeing: Vec<ConflictValue> = values
                .iter()
                .filter(|(v, _)| !official.iter().any(|o| base_value(&o.value) == v.as_str()))
                .map(|(v, e)| e.to_value(v))
                .collect();
            if !official.is_empty() && !disagreeing.is_empty() {
                out.push(Conflict {
                    kind: ConflictKind::ReferenceDisagreement,
                    org: Some(org.clone()),
                    role: Some(role.clone()),
                    values: disagreeing,
                    reference: official,
                });
            }
        }
        out
    }
}

/// Claims of one value disagree when they name organisations of different families, different roles
/// (per-country directory roles aside), or hours that cannot both be true.
fn claims_disagree(examples: &Examples, reference: &Reference) -> bool {
    let claims = &examples.claims;
    let families: BTreeSet<&str> = claims
        .iter()
        .filter_map(|c| c.said.org.as_deref())
        .map(|o| reference.family_root(o))
        .collect();
    let roles: BTreeSet<&str> = claims
        .iter()
        .filter_map(|c| c.said.role.as_deref())
        .filter(|r| !r.starts_with("international:"))
        .collect();
    let hours: BTreeSet<String> = claims
        .iter()
        .filter_map(|c| c.said.hours.as_deref().and_then(canonical_hours))
        .collect();
    families.len() > 1 || roles.len() > 1 || hours.len() > 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::ReadOptions;
    use crate::document::Document;
    use crate::run::extract_claims;

    fn run(docs: &[(&str, &str)]) -> Vec<Conflict> {
        let reference = Reference::embedded();
        let mut index = CrossCheck::default();
        for (name, text) in docs {
            let doc = Document::new(*name, *text);
            index.add(&extract_claims(&doc, reference, &ReadOptions::default()));
        }
        index.conflicts(reference)
    }

    #[test]
    fn same_role_different_values_across_languages() {
        let c = run(&[
            ("a.txt", "京东热线\nPLUS 会员专属热线：400-656-0055\n"),
            (
                "b.txt",
                "JD.com helplines\n- JD PLUS member hotline: 400-026-0598\n",
            ),
        ]);
        let c = c
            .iter()
            .find(|c| c.kind == ConflictKind::SameRoleDifferentValues)
            .unwrap();
        assert_eq!(c.org.as_deref(), Some("JD.com"));
        assert_eq!(c.role.as_deref(), Some("plus_member"));
        let values: Vec<&str> = c.values.iter().map(|v| v.value.as_str()).collect();
        assert_eq!(values, ["+864000260598", "+864006560055"]);
        assert_eq!(&*c.values[0].claims[0].doc, "b.txt");
        assert_eq!(c.values[0].claims[0].line, 2);
    }

    #[test]
    fn same_value_different_roles_orgs_or_hours() {
        let hours = run(&[
            (
                "a.txt",
                "JD.com\n- Customer Service Hotline: 400-606-5500 (24/7)\n",
            ),
            (
                "b.txt",
                "京东\n- 京东客服热线：400-606-5500，服务时间 9:00-22:00\n",
            ),
        ]);
        assert!(hours
            .iter()
            .any(|c| c.kind == ConflictKind::SameValueDifferentClaims));
        let orgs = run(&[
            ("a.txt", "京东\n京东客服热线：400-606-5500\n"),
            ("b.txt", "拼多多\n拼多多客服热线：400-606-5500\n"),
        ]);
        assert!(orgs
            .iter()
            .any(|c| c.kind == ConflictKind::SameValueDifferentClaims));
        let agree = run(&[
            ("a.txt", "京东\n京东客服热线：400-606-5500（24小时）\n"),
            (
                "b.txt",
                "JD.com\nJD customer service hotline: 400-606-5500 (24/7)\n",
            ),
        ]);
        assert!(agree.is_empty(), "{agree:?}");
    }

    #[test]
    fn reference_disagreement() {
        // Pinduoduo's own site lists 021-53395288 for customer service.
        let c = run(&[("a.txt", "拼多多客服\n拼多多客服热线：400-000-9999\n")]);
        let c = c
            .iter()
            .find(|c| c.kind == ConflictKind::ReferenceDisagreement)
            .unwrap();
        assert_eq!(c.values[0].value, "+864000009999");
        assert_eq!(c.reference[0].value, "+862153395288");
    }

    #[test]
    fn hours_compare_in_canonical_form() {
        assert_eq!(canonical_hours("24 小时").as_deref(), Some("24h"));
        assert_eq!(
            canonical_hours("9:00 AM – 6:00 PM EST").as_deref(),
            Some("09:00-18:00")
        );
        assert_eq!(
            canonical_hours("9:00-22:00").as_deref(),
            Some("09:00-22:00")
        );
        assert_eq!(canonical_hours("工作日"), None);
    }
}
