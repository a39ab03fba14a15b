//! The curated reference: organisations (aliases, domains), the role vocabulary, and known contacts.
//!
//! The CSV files under `reference/` are compiled in as the default and can be replaced or extended at run
//! time. A malformed file is refused with its name, line, column and what is wrong.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::lexicon::Lexicon;
use crate::model::{Listed, Status};
use crate::numbering::{cn, parse};

const ORGS_CSV: &str = include_str!("../reference/orgs.csv");
const ROLES_CSV: &str = include_str!("../reference/roles.csv");
const CONTACTS_CSV: &str = include_str!("../reference/contacts.csv");

/// An organisation that pages claim contacts for.
#[derive(Debug, Clone, Deserialize)]
pub struct Org {
    #[serde(rename = "org")]
    pub name: String,
    /// `company` or `government`: pages quote government lines (96110, 12315) as advice, not as the
    /// brand's own, so such a number is attributed to its government owner.
    pub kind: OrgKind,
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
    /// The address the organisation was read from (see `reference/README.md`).
    pub source: String,
    /// The copy the source was read from, when the original could not be reached.
    #[serde(default)]
    pub copy: String,
    /// When the source was read (`YYYY-MM-DD`).
    #[serde(default)]
    pub retrieved: String,
    /// The date the page itself shows, if any.
    #[serde(default)]
    pub page_date: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    Company,
    Government,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Phone,
    Email,
    Domain,
}

/// One known contact, with where it was read and when.
#[derive(Debug, Clone, serde::Serialize, PartialEq)]
pub struct Contact {
    pub org: String,
    pub channel: Channel,
    pub value: String,
    pub role: Option<String>,
    pub region: String,
    pub status: Status,
    /// The address the contact was read from: the organisation's own page where there is one.
    pub source: String,
    /// The copy the source was read from, when the original could not be reached.
    pub copy: String,
    /// When the source was read (`YYYY-MM-DD`).
    pub retrieved: String,
    /// The date the page itself shows, if any.
    pub page_date: String,
    pub note: String,
}

impl From<&Contact> for Listed {
    fn from(c: &Contact) -> Listed {
        Listed {
            org: c.org.clone(),
            value: c.value.clone(),
            role: c.role.clone(),
            status: c.status,
            source: c.source.clone(),
            copy: c.copy.clone(),
            retrieved: c.retrieved.clone(),
            page_date: c.page_date.clone(),
        }
    }
}

/// A contacts row as written, before its enumerations are checked (so errors can name the column).
#[derive(Deserialize)]
struct ContactRow {
    org: String,
    channel: String,
    value: String,
    role: String,
    region: String,
    status: String,
    source: String,
    #[serde(default)]
    copy: String,
    #[serde(default)]
    retrieved: String,
    #[serde(default)]
    page_date: String,
    #[serde(default)]
    note: String,
}

impl TryFrom<ContactRow> for Contact {
    type Error = (&'static str, String);

    fn try_from(r: ContactRow) -> Result<Contact, Self::Error> {
        let channel = match r.channel.as_str() {
            "phone" => Channel::Phone,
            "email" => Channel::Email,
            "domain" => Channel::Domain,
            other => {
                return Err((
                    "channel",
                    format!("unknown channel `{other}` (phone, email, domain)"),
                ))
            }
        };
        let status = match r.status.as_str() {
            "official" => Status::Official,
            "unconfirmed" => Status::Unconfirmed,
            "retired" => Status::Retired,
            "reported_scam" => Status::ReportedScam,
            other => {
                return Err((
                    "status",
                    format!(
                        "unknown status `{other}` (official, unconfirmed, retired, reported_scam)"
                    ),
                ))
            }
        };
        Ok(Contact {
            org: r.org,
            channel,
            value: r.value,
            role: (!r.role.is_empty()).then_some(r.role),
            region: r.region,
            status,
            source: r.source,
            copy: r.copy,
            retrieved: r.retrieved,
            page_date: r.page_date,
            note: r.note,
        })
    }
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
    /// The description in Chinese (optional in a user's file; the English one stands in).
    #[serde(default, deserialize_with = "empty_none")]
    pub description_zh: Option<String>,
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
        .map_err(|e| csv_error(file, text, &e, None))?
        .clone();
    let mut rows = Vec::new();
    // Records come in byte order, so line numbers are counted on from the previous record's.
    let (mut counted_to, mut newlines) = (0, 0);
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(file, text, &e, None))?;
        // Count lines from the byte offset: csv's own line counter skips blank lines.
        let line = record.position().map_or(0, |p| {
            let end = record_start(text, p.byte());
            if end < counted_to {
                (counted_to, newlines) = (0, 0);
            }
            newlines += memchr::memchr_iter(b'\n', &text.as_bytes()[counted_to..end]).count();
            counted_to = end;
            newlines as u64 + 1
        });
        let row = record
            .deserialize(Some(&headers))
            .map_err(|e| csv_error(file, text, &e, Some(&headers)))?;
        rows.push((line, row));
    }
    Ok(rows)
}

/// Where the record at `byte` really starts (a record's position can sit on blank lines before it).
fn record_start(text: &str, byte: u64) -> usize {
    let bytes = text.as_bytes();
    let mut end = (byte as usize).min(bytes.len());
    while end < bytes.len() && matches!(bytes[end], b'\n' | b'\r') {
        end += 1;
    }
    end
}

/// The 1-based line of the record at `byte`.
fn line_at(text: &str, byte: u64) -> u64 {
    let end = record_start(text, byte);
    memchr::memchr_iter(b'\n', &text.as_bytes()[..end]).count() as u64 + 1
}

fn csv_error(
    file: &str,
    text: &str,
    e: &csv::Error,
    headers: Option<&csv::StringRecord>,
) -> ReferenceError {
    let line = e.position().map_or(0, |p| line_at(text, p.byte()));
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

/// A reference CSV given by name and content.
#[derive(Debug, Clone)]
pub struct ReferenceFile {
    pub name: String,
    pub text: String,
}

enum FileKind {
    Orgs,
    Roles,
    Contacts,
}

impl ReferenceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        ReferenceFile {
            name: name.into(),
            text: text.into(),
        }
    }

    /// Reads a file from disk.
    pub fn read(path: &std::path::Path) -> Result<Self, ReferenceError> {
        let text = std::fs::read_to_string(path).map_err(|e| ReferenceError {
            file: path.display().to_string(),
            line: 0,
            column: None,
            message: format!("cannot read: {e}"),
        })?;
        Ok(ReferenceFile::new(path.display().to_string(), text))
    }

    fn kind(&self) -> Result<FileKind, ReferenceError> {
        let header = self
            .text
            .lines()
            .next()
            .unwrap_or("")
            .trim_start_matches('\u{feff}');
        let first: Vec<&str> = header.split(',').map(str::trim).take(2).collect();
        match first.as_slice() {
            ["org", "channel"] => Ok(FileKind::Contacts),
            ["org", "kind"] => Ok(FileKind::Orgs),
            ["role", _] => Ok(FileKind::Roles),
            _ => Err(ReferenceError {
                file: self.name.clone(),
                line: 1,
                column: None,
                message: format!(
                    "unknown header `{header}`: expected a contacts file (org,channel,value,role,region,\
                     status,source,copy,retrieved,page_date,note), an orgs file (org,kind,parent,...) or a roles file"
                ),
            }),
        }
    }
}

/// How the extractor would write a phone value, or `None` if it is not a valid number. Numbers reported as
/// scam caller displays are kept as the victims saw them, so any digit string is accepted for those.
fn normalized_phone(value: &str, status: Status) -> Option<String> {
    let (main, ext) = match value.split_once(";ext=") {
        Some((m, e)) => (m, Some(e)),
        None => (value, None),
    };
    let parsed = match main.strip_prefix('+') {
        Some(digits) => parse::parse_international(digits),
        None => cn::short_code(main),
    };
    match parsed {
        Some(mut n) => {
            n.extension = ext.filter(|e| !e.is_empty()).map(str::to_string);
            Some(n.value())
        }
        None if status == Status::ReportedScam && main.chars().all(|c| c.is_ascii_digit()) => {
            Some(value.to_string())
        }
        None => None,
    }
}

/// An address a person can open: `http://` or `https://` and a host, optionally followed by a short
/// description in brackets (`https://… (SEC filing 0001193125-22-125563)`).
pub fn is_openable(source: &str) -> bool {
    let address = source.split_whitespace().next().unwrap_or("");
    let rest = address
        .strip_prefix("https://")
        .or_else(|| address.strip_prefix("http://"));
    let host = rest.map_or("", |r| r.split(['/', '?', '#']).next().unwrap_or(""));
    host.contains('.') && !host.starts_with('.')
}

/// A `YYYY-MM-DD` date with a month and day that exist.
fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts[..] else { return false };
    let number = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse::<u32>().ok())
    };
    matches!(
        (number(y, 4), number(m, 2), number(d, 2)),
        (Some(Some(_)), Some(Some(1..=12)), Some(Some(1..=31)))
    )
}

/// Checks a row's sourcing (`reference/README.md`): a source a person can open, a copy that is one too
/// when there is a copy, the date the source was read, and the page's own date in the same form when
/// there is one. Returns the offending column and what is wrong.
fn check_sourcing(
    source: &str,
    copy: &str,
    retrieved: &str,
    page_date: &str,
) -> Result<(), (&'static str, String)> {
    if source.trim().is_empty() {
        return Err((
            "source",
            "missing source: every row needs the address it was read from".into(),
        ));
    }
    if !is_openable(source) {
        return Err((
            "source",
            format!(
                "`{source}` is not an address a person can open: give the page's http(s) address (and \
                 the copy it was read from in `copy`)"
            ),
        ));
    }
    if !copy.trim().is_empty() && !is_openable(copy) {
        return Err((
            "copy",
            format!(
                "`{copy}` is not an address a person can open: give the copy's http(s) address"
            ),
        ));
    }
    if retrieved.trim().is_empty() {
        return Err((
            "retrieved",
            "missing retrieval date: every row needs the date its source was read (YYYY-MM-DD)"
                .into(),
        ));
    }
    if !is_date(retrieved) {
        return Err((
            "retrieved",
            format!("`{retrieved}` is not a date: write YYYY-MM-DD"),
        ));
    }
    if !page_date.is_empty() && !is_date(page_date) {
        return Err((
            "page_date",
            format!("`{page_date}` is not a date: write YYYY-MM-DD, or leave it empty"),
        ));
    }
    Ok(())
}

/// Organisations, roles and known contacts, with their compiled dictionaries.
pub struct Reference {
    pub orgs: Vec<Org>,
    pub roles: Vec<Role>,
    pub contacts: Vec<Contact>,
    /// Contact rows by value (phones and emails) and by domain.
    by_value: HashMap<String, Vec<usize>>,
    /// Alias and keyword dictionaries, built on first use (`check` never needs them).
    org_aliases: OnceLock<Lexicon<usize>>,
    role_keywords: OnceLock<Lexicon<usize>>,
    org_index: HashMap<String, usize>,
    /// The family root of each organisation (an index into `orgs`), worked out once.
    roots: Vec<usize>,
    /// The family root of each contact's organisation, so family filters compare indexes, not names.
    contact_roots: Vec<Option<usize>>,
    /// Official domains (orgs-file domains and official domain rows) with their organisation.
    official_domains: Vec<(String, usize)>,
}

impl Reference {
    /// The reference compiled into the binary.
    pub fn embedded() -> &'static Reference {
        static REF: OnceLock<Reference> = OnceLock::new();
        REF.get_or_init(|| {
            // Trusted: `tests/reference.rs` validates exactly these files with `Reference::load`, and
            // skipping the per-row checks here keeps `hotline check` fast to start.
            Reference::read(&[], false, false)
                .expect("the embedded reference is validated by tests")
        })
    }

    /// The embedded reference (without its orgs and contacts if `replace`) extended by `files`, in order:
    /// a later row overrides an earlier one for the same organisation (orgs files), role (roles files) or
    /// org/channel/value (contacts files). Files are told apart by their header.
    pub fn load(files: &[ReferenceFile], replace: bool) -> Result<Reference, ReferenceError> {
        Reference::read(files, replace, true)
    }

    fn read(
        files: &[ReferenceFile],
        replace: bool,
        validate: bool,
    ) -> Result<Reference, ReferenceError> {
        let mut orgs: Vec<Org> = Vec::new();
        let mut roles: Vec<Role> = Vec::new();
        // A later row for the same (org, channel, value) replaces an earlier one and takes its place at the
        // end; replaced rows become `None`. The index keeps loading linear (a retain per row was quadratic:
        // 60% of `hotline check`'s start-up).
        let mut contacts: Vec<Option<(String, u64, Contact)>> = Vec::new();
        let mut contact_index: HashMap<(String, Channel, String), usize> = HashMap::new();
        let embedded = [
            ReferenceFile::new("reference/roles.csv", ROLES_CSV),
            ReferenceFile::new("reference/orgs.csv", ORGS_CSV),
            ReferenceFile::new("reference/contacts.csv", CONTACTS_CSV),
        ];
        let defaults = if replace {
            &embedded[..1]
        } else {
            &embedded[..]
        };
        for file in defaults.iter().chain(files) {
            match file.kind()? {
                FileKind::Orgs => {
                    for (line, org) in read_rows::<Org>(&file.name, &file.text)? {
                        if validate {
                            check_sourcing(&org.source, &org.copy, &org.retrieved, &org.page_date)
                                .map_err(|(column, message)| ReferenceError {
                                    file: file.name.clone(),
                                    line,
                                    column: Some(column.to_string()),
                                    message,
                                })?;
                        }
                        orgs.retain(|o| o.name != org.name);
                        orgs.push(org);
                    }
                }
                FileKind::Roles => {
                    for (_, role) in read_rows::<Role>(&file.name, &file.text)? {
                        roles.retain(|r| r.key != role.key);
                        roles.push(role);
                    }
                }
                FileKind::Contacts => {
                    for (line, row) in read_rows::<ContactRow>(&file.name, &file.text)? {
                        let c =
                            Contact::try_from(row).map_err(|(column, message)| ReferenceError {
                                file: file.name.clone(),
                                line,
                                column: Some(column.to_string()),
                                message,
                            })?;
                        let key = (c.org.clone(), c.channel, c.value.clone());
                        if let Some(old) = contact_index.insert(key, contacts.len()) {
                            contacts[old] = None;
                        }
                        contacts.push(Some((file.name.clone(), line, c)));
                    }
                }
            }
        }
        let contacts: Vec<(String, u64, Contact)> = contacts.into_iter().flatten().collect();
        let checker = Reference::new(orgs, roles, Vec::new());
        for (file, line, contact) in contacts.iter().filter(|_| validate) {
            checker
                .validate(contact)
                .map_err(|(column, message)| ReferenceError {
                    file: file.clone(),
                    line: *line,
                    column: Some(column.to_string()),
                    message,
                })?;
        }
        let Reference { orgs, roles, .. } = checker;
        Ok(Reference::new(
            orgs,
            roles,
            contacts.into_iter().map(|(_, _, c)| c).collect(),
        ))
    }

    /// Checks one contact row: known organisation and role, a source, and a value normalized exactly as the
    /// extractor normalizes it. Returns the offending column and what is wrong.
    pub fn validate(&self, c: &Contact) -> Result<(), (&'static str, String)> {
        if self.org(&c.org).is_none() {
            return Err((
                "org",
                format!("unknown organisation `{}` (add it to an orgs file)", c.org),
            ));
        }
        if let Some(role) = &c.role {
            if !self.is_role(role) {
                return Err((
                    "role",
                    format!("unknown role `{role}` (see reference/roles.csv)"),
                ));
            }
        }
        check_sourcing(&c.source, &c.copy, &c.retrieved, &c.page_date)?;
        let expected = match c.channel {
            Channel::Phone => normalized_phone(&c.value, c.status),
            Channel::Email | Channel::Domain => Some(c.value.to_lowercase()),
        };
        match expected {
            Some(v) if v == c.value => Ok(()),
            Some(v) => Err((
                "value",
                format!("`{}` is not normalized: write `{v}`", c.value),
            )),
            None => Err((
                "value",
                format!(
                    "`{}` is not a valid phone number: use E.164 (+864006065500, `;ext=3` for an \
                     extension) or the bare digits of a China short code (95588)",
                    c.value
                ),
            )),
        }
    }

    pub fn new(orgs: Vec<Org>, roles: Vec<Role>, contacts: Vec<Contact>) -> Reference {
        let org_index: HashMap<String, usize> = orgs
            .iter()
            .enumerate()
            .map(|(i, o)| (o.name.clone(), i))
            .collect();
        let mut by_value: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, c) in contacts.iter().enumerate() {
            by_value.entry(c.value.clone()).or_default().push(i);
        }
        let org_index: HashMap<String, usize> = org_index;
        let roots = (0..orgs.len())
            .map(|i| {
                let mut current = i;
                for _ in 0..8 {
                    match orgs[current].parent.as_ref().and_then(|p| org_index.get(p)) {
                        Some(&parent) => current = parent,
                        None => break,
                    }
                }
                current
            })
            .collect::<Vec<usize>>();
        let contact_roots = contacts
            .iter()
            .map(|c| org_index.get(&c.org).map(|&i| roots[i]))
            .collect();
        let mut official_domains: Vec<(String, usize)> = Vec::new();
        for (i, o) in orgs.iter().enumerate() {
            official_domains.extend(o.domains.iter().map(|d| (d.to_lowercase(), i)));
        }
        for c in &contacts {
            if let (Channel::Domain, Status::Official, Some(&i)) =
                (c.channel, c.status, org_index.get(&c.org))
            {
                official_domains.push((c.value.clone(), i));
            }
        }
        official_domains.sort();
        official_domains.dedup();
        Reference {
            org_aliases: OnceLock::new(),
            role_keywords: OnceLock::new(),
            orgs,
            roles,
            contacts,
            by_value,
            org_index,
            roots,
            contact_roots,
            official_domains,
        }
    }

    /// Rows listing exactly this value (a normalized phone number or address, or a domain).
    pub fn rows_for(&self, value: &str) -> impl Iterator<Item = &Contact> {
        self.by_value
            .get(value)
            .into_iter()
            .flatten()
            .map(|&i| &self.contacts[i])
    }

    /// Official domains of the organisation's whole family.
    pub fn family_domains<'a>(&'a self, org: &str) -> impl Iterator<Item = &'a str> {
        let root = self.org_index.get(org).map(|&i| self.roots[i]);
        self.official_domains
            .iter()
            .filter(move |(_, i)| Some(self.roots[*i]) == root)
            .map(|(d, _)| d.as_str())
    }

    /// Every official domain, with the organisation that owns it.
    pub fn official_domains(&self) -> impl Iterator<Item = (&str, &str)> + Clone {
        self.official_domains
            .iter()
            .map(|(d, i)| (d.as_str(), self.orgs[*i].name.as_str()))
    }

    /// The organisation that owns the official domain `domain` exactly (an index into `orgs`).
    pub fn org_of_domain(&self, domain: &str) -> Option<usize> {
        let at = self
            .official_domains
            .partition_point(|(d, _)| d.as_str() < domain);
        self.official_domains
            .get(at)
            .filter(|(d, _)| d == domain)
            .map(|&(_, i)| i)
    }

    /// Contacts of an organisation's family (the org, its parent group and its subsidiaries).
    pub fn family_contacts<'a>(&'a self, org: &'a str) -> impl Iterator<Item = &'a Contact> {
        let root = self.org_index.get(org).map(|&i| self.roots[i]);
        self.contacts
            .iter()
            .zip(&self.contact_roots)
            .filter(move |(c, contact_root)| match root {
                Some(_) => **contact_root == root,
                None => c.org == org,
            })
            .map(|(c, _)| c)
    }

    pub fn org(&self, name: &str) -> Option<&Org> {
        self.org_index.get(name).map(|&i| &self.orgs[i])
    }

    /// Organisation aliases found in `text`, as indexes into `orgs`.
    pub fn find_orgs<'a>(&'a self, text: &str) -> Vec<crate::lexicon::Hit<'a, usize>> {
        self.org_lexicon().find_all(text)
    }

    /// Organisation aliases found in `text` (`folded` is its folded form), read so that its windows can
    /// be asked too.
    pub fn found_orgs_in<'a>(
        &'a self,
        text: &str,
        folded: &str,
    ) -> crate::lexicon::Found<'a, usize> {
        self.org_lexicon().found_in(text, folded)
    }

    fn org_lexicon(&self) -> &Lexicon<usize> {
        self.org_aliases.get_or_init(|| {
            // Organisation names are proper nouns: Latin aliases match case-sensitively (Apple, not
            // apple), domain-like ones in lower case too (JD.com, jd.com).
            let mut aliases = Vec::new();
            for (i, org) in self.orgs.iter().enumerate() {
                for alias in org.aliases.iter().chain(std::iter::once(&org.name)) {
                    aliases.push((alias.clone(), i));
                    if alias.contains('.') {
                        aliases.push((alias.to_lowercase(), i));
                    }
                }
            }
            Lexicon::case_sensitive(aliases)
        })
    }

    /// Role keywords found in `text`, as indexes into `roles`.
    pub fn find_roles<'a>(&'a self, text: &str) -> Vec<crate::lexicon::Hit<'a, usize>> {
        self.role_keywords
            .get_or_init(|| {
                let keywords = self
                    .roles
                    .iter()
                    .enumerate()
                    .flat_map(|(i, r)| r.keywords.iter().map(move |k| (k.clone(), i)));
                Lexicon::new(keywords)
            })
            .find_all(text)
    }

    /// True if `ancestor` is `org` or one of its parents (JD.com for JD Pay, via JD Finance).
    pub fn is_ancestor(&self, ancestor: &str, org: &str) -> bool {
        let mut current = org;
        for _ in 0..8 {
            if current == ancestor {
                return true;
            }
            match self.org(current).and_then(|o| o.parent.as_deref()) {
                Some(parent) => current = parent,
                None => return false,
            }
        }
        false
    }

    /// The top of an organisation's family (JD Logistics -> JD.com).
    pub fn family_root<'a>(&'a self, name: &'a str) -> &'a str {
        match self.org_index.get(name) {
            Some(&i) => &self.orgs[self.roots[i]].name,
            None => name,
        }
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
        assert!(r.contacts.len() >= 60);
        assert_eq!(r.family_root("JD Pay"), "JD.com");
        assert!(r.is_role("plus_member"));
        assert!(r.is_role("international:GB"));
        assert!(!r.is_role("international:gb"));
    }

    fn load_error(name: &str, text: &str) -> ReferenceError {
        Reference::load(&[ReferenceFile::new(name, text)], false)
            .err()
            .expect("the file is malformed")
    }

    const HEADER: &str = "org,channel,value,role,region,status,source,retrieved,note\n";

    fn contacts_file(row: &str) -> String {
        format!("{HEADER}{row}\n")
    }

    #[test]
    fn malformed_reference_files_are_located() {
        let e = load_error(
            "roles.csv",
            "role,priority,keywords,description\nx,high,a|b,desc\n",
        );
        assert_eq!(
            (e.file.as_str(), e.line, e.column.as_deref()),
            ("roles.csv", 2, Some("priority"))
        );

        let e = load_error(
            "c.csv",
            &contacts_file("JD.com,phone,+864006065500,customer_service,CN,maybe,https://example.org/x,2026-11-01,"),
        );
        assert_eq!((e.line, e.column.as_deref()), (2, Some("status")));
        assert!(e.message.contains("unknown status `maybe`"), "{e}");

        let e = load_error(
            "c.csv",
            &contacts_file("JD.com,phone,400-606-5500,customer_service,CN,official,https://example.org/x,2026-11-01,"),
        );
        assert_eq!((e.line, e.column.as_deref()), (2, Some("value")));
        assert!(e.message.contains("not a valid phone number"), "{e}");

        let e = load_error(
            "c.csv",
            &format!("{HEADER}\nJD.com,email,Help@JD.com,,CN,official,https://example.org/x,2026-11-01,\n"),
        );
        assert_eq!((e.line, e.column.as_deref()), (3, Some("value")));
        assert!(e.message.contains("write `help@jd.com`"), "{e}");

        let e = load_error(
            "c.csv",
            &contacts_file("JD.com,phone,95588,customer_service,CN,official,,,"),
        );
        assert_eq!(e.column.as_deref(), Some("source"));

        let e = load_error(
            "c.csv",
            &contacts_file("Nobody Inc,phone,95588,,CN,official,https://example.org/x,2026-11-01,"),
        );
        assert_eq!(e.column.as_deref(), Some("org"));

        let e = load_error(
            "c.csv",
            &contacts_file(
                "JD.com,phone,95588,refunds,CN,official,https://example.org/x,2026-11-01,",
            ),
        );
        assert_eq!(e.column.as_deref(), Some("role"));

        let e = load_error("c.csv", &contacts_file("JD.com,phone,95588,"));
        assert!(e.message.contains("expected 9 fields, found 4"), "{e}");

        let e = load_error("x.csv", "name,number\n");
        assert!(e.message.contains("unknown header"), "{e}");
    }

    #[test]
    fn every_row_has_a_source_a_person_can_open_and_a_retrieval_date() {
        const NEW: &str =
            "org,channel,value,role,region,status,source,copy,retrieved,page_date,note\n";
        let row = |source: &str, copy: &str, retrieved: &str, page_date: &str| {
            format!("{NEW}JD.com,phone,95588,customer_service,CN,official,{source},{copy},{retrieved},{page_date},\n")
        };
        let column = |text: String| {
            Reference::load(&[ReferenceFile::new("c.csv", text)], false)
                .err()
                .and_then(|e| e.column)
        };
        let ok = "https://www.jd.com/";
        assert_eq!(column(row(ok, "", "2026-12-02", "")), None);
        assert_eq!(
            column(row(
                ok,
                "https://example.org/copy",
                "2026-12-02",
                "2023-05-10"
            )),
            None
        );
        for unopenable in [
            "github-code-index:file-id=10441510740",
            "repo/path not exposed",
            "www.jd.com",
            "http://x",
            "file:///tmp/page.html",
        ] {
            assert_eq!(
                column(row(unopenable, "", "2026-12-02", "")).as_deref(),
                Some("source"),
                "{unopenable}"
            );
            assert_eq!(
                column(row(ok, unopenable, "2026-12-02", "")).as_deref(),
                Some("copy"),
                "{unopenable}"
            );
        }
        assert_eq!(column(row(ok, "", "", "")).as_deref(), Some("retrieved"));
        assert_eq!(
            column(row(ok, "", "2026-13-01", "")).as_deref(),
            Some("retrieved")
        );
        assert_eq!(
            column(row(ok, "", "2026-12-02", "May 2023")).as_deref(),
            Some("page_date")
        );
        let orgs = "org,kind,parent,home_region,aliases,domains,messaging,source,copy,retrieved,page_date\n\
                    X Corp,company,,CN,X Corp,x.example,none_known,github-code-index:file-id=1,,2026-12-02,\n";
        assert_eq!(column(orgs.to_string()).as_deref(), Some("source"));
    }

    #[test]
    fn later_files_override_earlier_rows() {
        let mine = contacts_file(
            "JD.com,phone,+864006067733,complaints,CN,retired,http://example.org,2026-01-01,",
        );
        let r = Reference::load(&[ReferenceFile::new("mine.csv", mine)], false).unwrap();
        let rows: Vec<_> = r.rows_for("+864006067733").collect();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].status, Status::Retired);
        let replaced = Reference::load(&[], true).unwrap();
        assert!(replaced.contacts.is_empty() && replaced.orgs.is_empty());
        assert!(!replaced.roles.is_empty(), "the role vocabulary stays");
    }
}
