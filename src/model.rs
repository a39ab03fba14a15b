//! The records hotline produces. The leaf of the crate: it imports no stage, and each stage fills in only
//! its own part of a [`Claim`]: the finder what the contact is and where ([`Kind`], [`NumberType`]),
//! attribution what the page claims for it ([`Attribution`]), verification what the reference says
//! ([`Verification`]), the rules and the cross-check the [`Signal`]s they raise, and the run the [`Risk`]
//! computed once from all of those. [`Conflict`]s are the cross-check's records.

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Serialize, Serializer};

/// The language of words for people (answers, evidence, reports).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    En,
    Zh,
}

/// What a contact is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Phone,
    Email,
    /// Presented as a phone number, but not a valid number for its country (kept for the
    /// `invalid-number` signal; never counted as a phone number).
    InvalidPhone,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Phone => "phone",
            Kind::Email => "email",
            Kind::InvalidPhone => "invalid_phone",
        }
    }
}

/// What kind of line a number is, as far as the numbering plan says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum NumberType {
    FixedLine,
    Mobile,
    FixedLineOrMobile,
    TollFree,
    PremiumRate,
    SharedCost,
    PersonalNumber,
    Voip,
    Pager,
    Uan,
    Voicemail,
    ShortCode,
}

impl NumberType {
    pub fn as_str(self) -> &'static str {
        match self {
            NumberType::FixedLine => "fixed_line",
            NumberType::Mobile => "mobile",
            NumberType::FixedLineOrMobile => "fixed_line_or_mobile",
            NumberType::TollFree => "toll_free",
            NumberType::PremiumRate => "premium_rate",
            NumberType::SharedCost => "shared_cost",
            NumberType::PersonalNumber => "personal_number",
            NumberType::Voip => "voip",
            NumberType::Pager => "pager",
            NumberType::Uan => "uan",
            NumberType::Voicemail => "voicemail",
            NumberType::ShortCode => "short_code",
        }
    }
}

/// How a number's region was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionSource {
    /// The number carries its country: `+44 …`, `0044 …`, `(852) …`.
    International,
    /// A country is named on the number's line (`- UK: 0800 …`, `1800 639 999 (Australia)`).
    Line,
    /// A country is named in the heading above it.
    Heading,
    /// The page's evidence: its script, currencies, domains, other numbers, the country of its brand.
    Page,
    /// The region the user chose (`--region`).
    Chosen,
    /// Nothing said where: the fallback (China for Chinese text, else the brand's home, else the US).
    Default,
    /// Only one country has numbers of this shape (`400 …`, `138 …` can only be Chinese).
    Shape,
}

/// The value without its extension (`+864006561155;ext=3` -> `+864006561155`).
pub fn base_value(value: &str) -> &str {
    value.split(";ext=").next().unwrap_or(value)
}

/// Where a document came from, beyond its name.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Origin {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
    /// The line of a JSON Lines export the document was read from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container_line: Option<usize>,
}

/// What a page says a contact is (set by attribution).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Attribution {
    /// The organisation, as the reference names it, when the reference lists it.
    pub org: Option<String>,
    /// The organisation as the page names it (`京东`, `Barclays`), listed or not.
    pub org_name: Option<String>,
    pub role: Option<String>,
    /// Whether the role comes from the contact's own label or only from a heading above it.
    pub role_source: Option<RoleSource>,
    pub label: Option<String>,
    pub hours: Option<String>,
    /// The messaging channel the page offers the contact on (`whatsapp`, `sms`, ...), if any.
    pub channel: Option<&'static str>,
}

/// Where a role came from: the contact's own label or description, or only a heading above it. Only
/// label roles are compared across sources (a heading describes a section, not each number in it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleSource {
    Label,
    Heading,
}

/// How sure the reference is about a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The organisation's own page (or a government page) says so.
    Official,
    /// Listed by community directories or news only.
    Unconfirmed,
    /// A former contact.
    Retired,
    /// Reported as used by scammers.
    ReportedScam,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Official => "official",
            Status::Unconfirmed => "unconfirmed",
            Status::Retired => "retired",
            Status::ReportedScam => "reported_scam",
        }
    }
}

/// What the reference says about a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Listed as official for this organisation (and role, when both are known).
    Official,
    /// Listed for this organisation, but no organisation-owned source confirms it.
    ListedUnconfirmed,
    /// Listed as a former contact.
    Retired,
    /// Listed as used by scammers.
    ReportedScam,
    /// Listed for a different organisation.
    WrongOrg,
    /// Official for this organisation, but for a different role than claimed.
    WrongRole,
    /// Not in the reference.
    Unverified,
    /// No organisation can be attributed, so nothing is claimed.
    NotAClaim,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Official => "official",
            Verdict::ListedUnconfirmed => "listed_unconfirmed",
            Verdict::Retired => "retired",
            Verdict::ReportedScam => "reported_scam",
            Verdict::WrongOrg => "wrong_org",
            Verdict::WrongRole => "wrong_role",
            Verdict::Unverified => "unverified",
            Verdict::NotAClaim => "not_a_claim",
        }
    }

    /// Verdicts for which a person should be offered the organisation's listed contacts instead.
    pub fn wants_alternatives(self) -> bool {
        matches!(
            self,
            Verdict::Unverified | Verdict::WrongOrg | Verdict::WrongRole | Verdict::ReportedScam
        )
    }
}

/// A reference row, as a verdict or an answer cites it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Listed {
    pub org: String,
    pub value: String,
    pub role: Option<String>,
    pub status: Status,
    /// Where the row was read: an address a person can open.
    pub source: String,
    /// The copy it was read from, when the source itself could not be reached.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub copy: String,
    /// When the source was read.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub retrieved: String,
    /// The date the page itself shows.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub page_date: String,
}

/// A contact the reference lists for the claimed organisation, offered instead of an unconfirmed one.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Alternative {
    pub value: String,
    pub role: Option<String>,
    pub status: Status,
}

/// What the reference says about a claim (set by verification).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Verification {
    pub verdict: Option<Verdict>,
    /// The verdict's reason in plain words.
    pub verdict_note: Option<String>,
    /// The reference row the verdict rests on.
    pub listed: Option<Listed>,
    /// A government line quoted on another organisation's page (`如有疑问请拨打96110`) is advice, not that
    /// organisation's contact: its government owner, which the verdict is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The claimed organisation's listed contacts to use instead (for unverified, wrong and scam claims).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<Alternative>,
}

/// One rule's finding on a claim: which rule, the facts it rests on (for templates in any language), and
/// those facts in English words (`detail`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signal {
    pub rule: &'static str,
    /// Which of the rule's evidence templates applies.
    #[serde(skip)]
    pub case: &'static str,
    pub detail: String,
    #[serde(serialize_with = "facts_map")]
    pub facts: Vec<(&'static str, String)>,
}

impl Signal {
    pub fn fact(&self, name: &str) -> Option<&str> {
        self.facts
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn facts_map<S: Serializer>(facts: &[(&'static str, String)], s: S) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(facts.len()))?;
    for (name, value) in facts {
        map.serialize_entry(name, value)?;
    }
    map.end()
}

/// The signals raised on a claim, in the order they were raised. Written as `signals` (the rule ids) and
/// `evidence` (each signal in full, left out when there is none).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Signals(pub Vec<Signal>);

impl Signals {
    pub fn has(&self, rule: &str) -> bool {
        self.0.iter().any(|s| s.rule == rule)
    }

    pub fn ids(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.iter().map(|s| s.rule)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Signals {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Ids<'a>(&'a [Signal]);
        impl Serialize for Ids<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut seq = s.serialize_seq(Some(self.0.len()))?;
                for signal in self.0 {
                    seq.serialize_element(signal.rule)?;
                }
                seq.end()
            }
        }
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("signals", &Ids(&self.0))?;
        if !self.0.is_empty() {
            map.serialize_entry("evidence", &self.0)?;
        }
        map.end()
    }
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

/// One contact as a page presents it: what it is, where, what it is claimed to be, what the reference says
/// about it, the signals raised and its risk.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Claim {
    pub doc: String,
    pub line: usize,
    pub column: usize,
    pub kind: Kind,
    /// The contact exactly as written.
    pub raw: String,
    /// Normalized: E.164 (or a bare short code) for phones, the lower-cased address for emails.
    pub value: String,
    pub region: Option<String>,
    pub region_source: Option<RegionSource>,
    pub number_type: Option<NumberType>,
    #[serde(flatten)]
    pub attribution: Attribution,
    #[serde(flatten)]
    pub verification: Verification,
    #[serde(flatten)]
    pub signals: Signals,
    /// `ok`, `caution` or `danger`, from the verdict and the signals (`rules::risk`).
    pub risk: Risk,
    #[serde(flatten)]
    pub origin: Origin,
    /// Byte span of `raw` in the document text (for the rules; not part of the output).
    #[serde(skip)]
    pub span: (usize, usize),
}

impl Claim {
    /// The organisation the contact is for: the government owner of a government line, else the one the
    /// page claims. Cross-checks and rules compare this.
    pub fn org(&self) -> Option<&str> {
        self.verification
            .owner
            .as_deref()
            .or(self.attribution.org.as_deref())
    }

    /// The role the contact's own label gives it (not one taken from a heading).
    pub fn labelled_role(&self) -> Option<&str> {
        (self.attribution.role_source == Some(RoleSource::Label))
            .then_some(self.attribution.role.as_deref())
            .flatten()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// One organisation and role, several numbers (or addresses).
    SameRoleDifferentValues,
    /// One number claimed for different organisations, roles or hours.
    SameValueDifferentClaims,
    /// Sources claim a role for which the reference lists a different official value.
    ReferenceDisagreement,
}

impl ConflictKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictKind::SameRoleDifferentValues => "same_role_different_values",
            ConflictKind::SameValueDifferentClaims => "same_value_different_claims",
            ConflictKind::ReferenceDisagreement => "reference_disagreement",
        }
    }
}

/// Where a claim was made and what it said.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct ClaimRef {
    /// Shared between all claims of a document.
    pub doc: std::sync::Arc<str>,
    pub line: usize,
    /// Shared with every claim that says the same: a large conflict lists tens of thousands of claims.
    pub org: Option<std::sync::Arc<str>>,
    pub role: Option<std::sync::Arc<str>>,
    pub hours: Option<std::sync::Arc<str>>,
}

/// One of the competing values, with the claims that make it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ConflictValue {
    pub value: String,
    pub claims: Vec<ClaimRef>,
    /// Further claims not listed (beyond the examples kept).
    #[serde(skip_serializing_if = "is_zero")]
    pub more: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A contradiction between sources.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Conflict {
    pub kind: ConflictKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    pub values: Vec<ConflictValue>,
    /// The reference's official value(s) for this organisation and role (reference disagreements).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reference: Vec<Listed>,
}

impl Conflict {
    /// True if one of the competing values is `value` (or its main number).
    pub fn involves(&self, value: &str) -> bool {
        self.values.iter().any(|v| v.value == base_value(value))
    }
}
