//! The curated reference: organisations (aliases, domains), the role vocabulary, and known contacts.
//!
//! The CSV files under `reference/` are compiled in as the default and can be replaced or extended at run
//! time. A malformed file is refused with its name, line, column and what is wrong.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::lexicon::Lexicon;

const ORGS_CSV: &str = include_str!("../reference/orgs.csv");
const ROLES_CSV: &str = include_str!("../reference/roles.csv");

/// An organisation that pages claim contacts for.
#[derive(Debug, Clone, Deserialize)]
pub struct Org {
    #[serde(rename = "org")]
    pub name: String,
    #[serde(deserialize_with = "empty_none")]
    pub parent: Option<String>,
    #[serde(deserialize_with = "empty_none")]
    pub home_region: Option<String>,
    #[serde(deserialize_with = "pipe_list")]
    pub aliases: Vec<String>,
    #[serde(deserialize_with = "pipe_list")]
    pub domains: Vec<String>,
    #[serde(deserialize_with = "pipe_list")]
    pub messaging: Vec<String>,
    pub source: String,
    #[serde(default)]
    pub retrieved: String,
}

/// A canonical role (`plus_member`) with the words pages use for it, in English and Chinese.
#[derive(Debug, Clone, Deserialize)]
pub struct Role {
    #[serde(rename = "role")]
    pub key: String,
    /// When a label matches several roles, the most specific (highest priority) wins.
    pub priority: u8,
    #[serde(deserialize_with = "pipe_list")]
    pub keywords: Vec<String>,
    pub description: String,
}

fn empty_none<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let s = String::deserialize(d)?;
    let s = s.trim();
    Ok((!s.is_empty()).then(|| s.to_string()))
}

fn pipe_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let s = String::deserialize(d)?;
    Ok(s.split('|')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect())
}

/// A problem in a reference file, located precisely enough to fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferenceError {
    pub file: String,
    pub line: u64,
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for ReferenceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)?;
        if let Some(c) = &self.column {
            write!(f, ": column `{c}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ReferenceError {}

/// Reads every row of a CSV file into `T`, failing on the first bad row with its location.
pub(crate) fn read_rows<T: for<'de> Deserialize<'de>>(
    file: &str,
    text: &str,
) -> Result<Vec<(u64, T)>, ReferenceError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| csv_error(file, &e, None))?
        .clone();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(file, &e, None))?;
        let line = record.position().map_or(0, |p| p.line());
        let row = record
            .deserialize(Some(&headers))
            .map_err(|e| csv_error(file, &e, Some(&headers)))?;
        rows.push((line, row));
    }
    Ok(rows)
}

fn csv_error(file: &str, e: &csv::Error, headers: Option<&csv::StringRecord>) -> ReferenceError {
    let line = e.position().map_or(0, |p| p.line());
    let (column, message) = match e.kind() {
        csv::ErrorKind::Deserialize { err, .. } => (
            err.field()
                .and_then(|i| headers.and_then(|h| h.get(i as usize)))
                .map(str::to_string),
            err.kind().to_string(),
        ),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => (
            None,
            format!(
                "expected {expected_len} fields, found {len} (a comma inside a field needs quotes)"
            ),
        ),
        _ => (None, e.to_string()),
    };
    ReferenceError {
        file: file.to_string(),
        line,
        column,
        message,
    }
}

/// Organisations and roles, with their compiled dictionaries.
pub struct Reference {
    pub orgs: Vec<Org>,
    pub roles: Vec<Role>,
    org_aliases: Lexicon<usize>,
    role_keywords: Lexicon<usize>,
    org_index: HashMap<String, usize>,
}

impl Reference {
    /// The reference compiled into the binary.
    pub fn embedded() -> &'static Reference {
        static REF: OnceLock<Reference> = OnceLock::new();
        REF.get_or_init(|| {
            Reference::from_csv(
                ("reference/orgs.csv", ORGS_CSV),
                ("reference/roles.csv", ROLES_CSV),
            )
            .expect("the embedded reference is validated by tests")
        })
    }

    pub fn from_csv(orgs: (&str, &str), roles: (&str, &str)) -> Result<Reference, ReferenceError> {
        let orgs: Vec<Org> = read_rows(orgs.0, orgs.1)?
            .into_iter()
            .map(|(_, o)| o)
            .collect();
        let roles: Vec<Role> = read_rows(roles.0, roles.1)?
            .into_iter()
            .map(|(_, r)| r)
            .collect();
        Ok(Reference::new(orgs, roles))
    }

    pub fn new(orgs: Vec<Org>, roles: Vec<Role>) -> Reference {
        // Organisation names are proper nouns: Latin aliases match case-sensitively (Apple, not apple),
        // domain-like ones in lower case too (JD.com, jd.com).
        let mut aliases = Vec::new();
        for (i, org) in orgs.iter().enumerate() {
            for alias in org.aliases.iter().chain(std::iter::once(&org.name)) {
                aliases.push((alias.clone(), i));
                if alias.contains('.') {
                    aliases.push((alias.to_lowercase(), i));
                }
            }
        }
        let keywords = roles
            .iter()
            .enumerate()
            .flat_map(|(i, r)| r.keywords.iter().map(move |k| (k.clone(), i)));
        let org_index = orgs
            .iter()
            .enumerate()
            .map(|(i, o)| (o.name.clone(), i))
            .collect();
        Reference {
            org_aliases: Lexicon::case_sensitive(aliases),
            role_keywords: Lexicon::new(keywords),
            orgs,
            roles,
            org_index,
        }
    }

    pub fn org(&self, name: &str) -> Option<&Org> {
        self.org_index.get(name).map(|&i| &self.orgs[i])
    }

    /// Organisation aliases found in `text`, as indexes into `orgs`.
    pub fn find_orgs<'a>(&'a self, text: &str) -> Vec<crate::lexicon::Hit<'a, usize>> {
        self.org_aliases.find_all(text)
    }

    /// Role keywords found in `text`, as indexes into `roles`.
    pub fn find_roles<'a>(&'a self, text: &str) -> Vec<crate::lexicon::Hit<'a, usize>> {
        self.role_keywords.find_all(text)
    }

    /// The top of an organisation's family (JD Logistics -> JD.com).
    pub fn family_root<'a>(&'a self, name: &'a str) -> &'a str {
        let mut current = name;
        for _ in 0..8 {
            match self.org(current).and_then(|o| o.parent.as_deref()) {
                Some(parent) if self.org(parent).is_some() => current = parent,
                _ => break,
            }
        }
        current
    }

    pub fn is_role(&self, key: &str) -> bool {
        self.roles.iter().any(|r| r.key == key)
            || key
                .strip_prefix("international:")
                .is_some_and(|iso| iso.len() == 2 && iso.chars().all(|c| c.is_ascii_uppercase()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_reference_loads() {
        let r = Reference::embedded();
        assert!(r.org("JD.com").is_some());
        assert_eq!(r.family_root("JD Pay"), "JD.com");
        assert!(r.is_role("plus_member"));
        assert!(r.is_role("international:GB"));
        assert!(!r.is_role("international:gb"));
    }

    #[test]
    fn bad_rows_are_located() {
        let bad = "role,priority,keywords,description\nx,high,a|b,desc\n";
        let err = Reference::from_csv(("orgs.csv", ORGS_CSV), ("roles.csv", bad))
            .err()
            .unwrap();
        assert_eq!(err.file, "roles.csv");
        assert_eq!(err.line, 2);
        assert_eq!(err.column.as_deref(), Some("priority"));
    }
}
