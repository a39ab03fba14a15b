//! Verification: each claim against the curated reference, with a verdict and the evidence for it, and
//! the listed contacts to use instead when it is not the organisation's own.

use crate::model::{
    base_value, Alternative, Claim, Kind, Listed, RoleSource, Status, Verdict, Verification,
};
use crate::reference::{Channel, Contact, OrgKind, Reference};

/// Rows listing the value, or (for a number with an extension) its main number.
fn rows_for<'r>(reference: &'r Reference, claim: &Claim) -> Vec<&'r Contact> {
    let channel = match claim.kind {
        Kind::Email => Channel::Email,
        Kind::Phone | Kind::InvalidPhone => Channel::Phone,
    };
    let exact: Vec<&Contact> = reference
        .rows_for(&claim.value)
        .filter(|c| c.channel == channel)
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    reference
        .rows_for(base_value(&claim.value))
        .filter(|c| c.channel == channel)
        .collect()
}

/// Roles compare only when the page's label says what the contact is for (a heading above a list says
/// little about each number in it), and a per-country directory row says where, not what.
fn comparable_role(claim: &Claim) -> Option<&str> {
    let labelled = claim.attribution.role_source == Some(RoleSource::Label);
    claim
        .attribution
        .role
        .as_deref()
        .filter(|r| labelled && !r.starts_with("international:"))
}

/// How many listed contacts a claim offers instead.
const ALTERNATIVES: usize = 3;

/// What the reference says about a claim. A government line quoted on a brand's page (`如有疑问请拨打96110`)
/// is advice, not the brand's contact: its government owner becomes the `owner`, and the verdict is about
/// the owner.
pub fn verify(claim: &Claim, reference: &Reference) -> Verification {
    let rows = rows_for(reference, claim);
    let is_government = |c: &Contact| {
        reference
            .org(&c.org)
            .is_some_and(|o| o.kind == OrgKind::Government)
    };
    let claimed = claim.attribution.org.as_deref();
    let owner = rows
        .iter()
        .find(|c| is_government(c))
        .filter(|gov| {
            claimed.map(|o| reference.family_root(o)) != Some(reference.family_root(&gov.org))
        })
        .map(|gov| gov.org.clone());
    let org = owner.as_deref().or(claimed);
    let (verdict, note, listed) = judge(claim, org, reference, &rows);
    let alternatives = match org {
        Some(org) if verdict.wants_alternatives() => {
            let role = claim.attribution.role.as_deref();
            alternatives(reference, org, role)
                .into_iter()
                .take(ALTERNATIVES)
                .map(|c| Alternative {
                    value: c.value.clone(),
                    role: c.role.clone(),
                    status: c.status,
                })
                .collect()
        }
        _ => Vec::new(),
    };
    Verification {
        verdict: Some(verdict),
        verdict_note: Some(note),
        listed,
        owner,
        alternatives,
    }
}

fn judge(
    claim: &Claim,
    org: Option<&str>,
    reference: &Reference,
    rows: &[&Contact],
) -> (Verdict, String, Option<Listed>) {
    let Some(org) = org else {
        let note = match rows.first() {
            Some(r) => format!(
                "no organisation is named for it here; the reference lists it for {}",
                r.org
            ),
            None => "no organisation is named for it here".to_string(),
        };
        return (
            Verdict::NotAClaim,
            note,
            rows.first().map(|r| Listed::from(*r)),
        );
    };
    let family = reference.family_root(org);
    let same_family: Vec<&Contact> = rows
        .iter()
        .copied()
        .filter(|r| reference.family_root(&r.org) == family)
        .collect();
    let role = comparable_role(claim);

    if !same_family.is_empty() {
        // The closest row: same organisation, then same role, then the exact value.
        let row = *same_family
            .iter()
            .max_by_key(|r| {
                (
                    r.org == org,
                    role.is_some() && r.role.as_deref() == role,
                    r.value == claim.value,
                )
            })
            .expect("not empty");
        let listed = Some(Listed::from(row));
        let role_text = row.role.as_deref().unwrap_or("an unspecified role");
        return match row.status {
            Status::Official => match (role, row.role.as_deref()) {
                (Some(claimed), Some(actual)) if claimed != actual => (
                    Verdict::WrongRole,
                    format!("official {} line for {actual}, not {claimed}", row.org),
                    listed,
                ),
                _ => (
                    Verdict::Official,
                    format!("listed as official for {} ({role_text})", row.org),
                    listed,
                ),
            },
            Status::Unconfirmed => (
                Verdict::ListedUnconfirmed,
                format!(
                    "listed for {} ({role_text}), but no source owned by {} confirms it",
                    row.org, row.org
                ),
                listed,
            ),
            Status::Retired => (
                Verdict::Retired,
                format!("a former {} contact", row.org),
                listed,
            ),
            Status::ReportedScam => (
                Verdict::ReportedScam,
                format!("reported as used by scammers impersonating {}", row.org),
                listed,
            ),
        };
    }
    if let Some(row) = rows.first() {
        return (
            Verdict::WrongOrg,
            format!(
                "this is {}'s contact ({}), not {org}'s",
                row.org,
                row.role.as_deref().unwrap_or("unspecified role")
            ),
            Some(Listed::from(*row)),
        );
    }
    let note = match claim.kind {
        Kind::Email => email_domain_note(claim, reference, org),
        Kind::Phone | Kind::InvalidPhone => {
            let listed = reference
                .family_contacts(org)
                .filter(|c| c.channel == Channel::Phone && c.status == Status::Official)
                .count();
            if listed > 0 {
                format!("not in the reference, which lists {listed} official numbers for {family}")
            } else {
                format!("not in the reference, which has no official number for {family}")
            }
        }
    };
    (Verdict::Unverified, note, None)
}

/// Whether an unlisted address is at least on one of the organisation's own domains.
fn email_domain_note(claim: &Claim, reference: &Reference, org: &str) -> String {
    let domain = claim.value.rsplit('@').next().unwrap_or("");
    let family = reference.family_root(org);
    let domains: Vec<&str> = reference.family_domains(org).collect();
    let own = domains
        .iter()
        .find(|d| domain == **d || domain.ends_with(&format!(".{d}")));
    match own {
        Some(d) => format!("not listed, but on {family}'s domain {d}"),
        None if domains.is_empty() => {
            format!("not listed, and the reference has no domains for {family}")
        }
        None => format!(
            "not listed, and {domain} is not one of {family}'s domains ({})",
            domains.join(", ")
        ),
    }
}

/// Listed contacts to offer instead, from the organisation, its parents and its subsidiaries (not its
/// sister companies): first those for the role, then the organisation's other official ones; official
/// before unconfirmed, the organisation's own before its relatives', phones before addresses.
pub fn alternatives<'r>(
    reference: &'r Reference,
    org: &'r str,
    role: Option<&str>,
) -> Vec<&'r Contact> {
    let related =
        |other: &str| reference.is_ancestor(org, other) || reference.is_ancestor(other, org);
    let usable = |c: &&Contact| {
        c.channel != Channel::Domain
            && matches!(c.status, Status::Official | Status::Unconfirmed)
            && related(&c.org)
    };
    let for_role = |c: &Contact| role.is_some() && c.role.as_deref() == role;
    let mut rows: Vec<&Contact> = reference
        .contacts
        .iter()
        .filter(usable)
        .filter(|c| for_role(c) || c.status == Status::Official)
        .collect();
    rows.sort_by_key(|c| {
        (
            !for_role(c),
            c.status != Status::Official,
            c.org != org,
            c.channel == Channel::Email,
        )
    });
    rows.truncate(8);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::ReadOptions;
    use crate::document::Document;
    use crate::reference::ReferenceFile;
    use crate::run::extract_claims;

    const HEADER: &str = "org,channel,value,role,region,status,source,retrieved,note\n";

    fn reference() -> Reference {
        let rows = "\
JD.com,phone,+864006067733,complaints,CN,official,https://example.org/jd,2026-11-01,
JD.com,phone,+864006561155,content_reporting,CN,official,https://example.org/jd,2026-11-01,
JD.com,phone,950618,customer_service,CN,unconfirmed,https://example.org/dir,2026-11-01,
JD.com,phone,+864006065500,customer_service,CN,retired,https://example.org/old,2026-11-01,
JD.com,phone,+861066279113,customer_service,CN,reported_scam,https://example.org/police,2026-11-01,
ICBC,phone,95588,customer_service,CN,official,https://example.org/icbc,2026-11-01,
Ministry of Public Security,phone,96110,security_fraud,CN,official,https://example.org/gov,2026-11-01,
";
        let orgs = include_str!("../reference/orgs.csv");
        Reference::load(
            &[
                ReferenceFile::new("orgs.csv", orgs),
                ReferenceFile::new("t.csv", format!("{HEADER}{rows}")),
            ],
            true,
        )
        .unwrap()
    }

    fn verdicts(text: &str) -> Vec<(String, Verdict, Option<String>)> {
        let reference = reference();
        let doc = Document::new("t", text);
        extract_claims(&doc, &reference, &ReadOptions::default())
            .into_iter()
            .map(|mut c| {
                c.verification = verify(&c, &reference);
                let org = c.org().map(str::to_string);
                (c.value, c.verification.verdict.unwrap(), org)
            })
            .collect()
    }

    #[test]
    fn every_verdict() {
        let v = verdicts(
            "京东客服指南\n\
             - 消费者维权热线：400-606-7733\n\
             - 京东客服热线：950618\n\
             - 老客服电话：400-606-5500\n\
             - 京东退款专员：010-66279113\n\
             - 京东客服热线：95588\n\
             - 京东退款客服热线：400-656-1155\n\
             - 京东PLUS热线：400-656-0055\n\
             - 如有疑问请拨打96110咨询\n",
        );
        let got: Vec<Verdict> = v.iter().map(|(_, verdict, _)| *verdict).collect();
        assert_eq!(
            got,
            [
                Verdict::Official,
                Verdict::ListedUnconfirmed,
                Verdict::Retired,
                Verdict::ReportedScam,
                Verdict::WrongOrg,
                Verdict::WrongRole,
                Verdict::Unverified,
                Verdict::Official,
            ],
            "{v:?}"
        );
        assert_eq!(
            v[7].2.as_deref(),
            Some("Ministry of Public Security"),
            "government line re-attributed"
        );
        let none = verdicts("Random text with a number 13800138000 and no brand at all.");
        assert_eq!(none[0].1, Verdict::NotAClaim);
    }

    #[test]
    fn email_domains() {
        let reference = Reference::embedded();
        let doc = Document::new(
            "t",
            "京东客服邮箱\n京东售后邮箱：help@jd.com\n京东客服邮箱：jd-help@gmail.com\n",
        );
        let verified: Vec<Verification> = extract_claims(&doc, reference, &ReadOptions::default())
            .iter()
            .map(|c| verify(c, reference))
            .collect();
        assert_eq!(verified[0].verdict, Some(Verdict::Unverified));
        let note = |i: usize| verified[i].verdict_note.clone().unwrap();
        assert!(note(0).contains("on JD.com's domain jd.com"));
        assert!(note(1).contains("gmail.com is not one of JD.com's domains"));
    }

    #[test]
    fn alternatives_prefer_official_rows_for_the_role() {
        let r = reference();
        let alts = alternatives(&r, "JD.com", Some("complaints"));
        assert_eq!(alts[0].value, "+864006067733", "the role's own line first");
        assert!(alts.iter().all(|c| c.status == Status::Official));
        let any = alternatives(&r, "JD.com", Some("plus_member"));
        assert_eq!(any[0].status, Status::Official);
        let pdd = alternatives(Reference::embedded(), "Pinduoduo", Some("customer_service"));
        assert_eq!(pdd[0].value, "+862153395288");
        assert!(
            pdd.iter().all(|c| c.org != "Temu"),
            "sister companies are not alternatives"
        );
    }
}
