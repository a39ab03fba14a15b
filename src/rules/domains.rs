//! Domain checks for addresses: domains built to look like an official one.

/// How a domain imitates an official one (the `how` of the lookalike-domain evidence).
pub const INSIDE_ANOTHER: &str = "the official domain inside another domain";
pub const WORDS_ADDED: &str = "the brand name with words added";
pub const THROWAWAY_TLD: &str = "the brand name on a throwaway top-level domain";
pub const LOOKALIKE_CHARACTERS: &str = "characters that look alike";
pub const CHARACTERS_CHANGED: &str = "one or two characters changed";

use crate::mention::email::registrable;

/// The label before the public suffix (`jd.com` -> `jd`, `jd-support.com.cn` -> `jd-support`).
fn brand_label(domain: &str) -> &str {
    let reg = registrable(domain);
    reg.split('.').next().unwrap_or(reg)
}

/// Top-level domains popular with throwaway phishing sites: a brand's name on one of these is suspect even
/// without other changes (`pinduoduo.xyz`); on other TLDs it may be the brand's own country site.
const THROWAWAY_TLDS: &[&str] = &[
    "xyz", "top", "shop", "online", "site", "club", "vip", "cc", "icu", "buzz", "live", "work",
    "info", "support", "help", "services", "service", "cn.com",
];

/// Character sequences that read alike (Unicode TS #39 confusables, restricted to what an ASCII domain can
/// hold): `rn` looks like `m`, `0` like `o`, `1` and `I` like `l`, `vv` like `w`, `cl` like `d`.
fn skeleton(label: &str) -> String {
    label
        .to_lowercase()
        .replace("rn", "m")
        .replace("vv", "w")
        .replace("cl", "d")
        .chars()
        .map(|c| match c {
            '0' => 'o',
            '1' | 'i' => 'l',
            '5' => 's',
            '3' => 'e',
            _ => c,
        })
        .collect()
}

/// Levenshtein distance, capped: returns `cap + 1` as soon as it is exceeded.
fn edit_distance(a: &str, b: &str, cap: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > cap {
        return cap + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        if cur.iter().min().copied().unwrap_or(0) > cap {
            return cap + 1;
        }
        prev = cur;
    }
    prev[b.len()]
}

/// If `domain` imitates one of `official` (and is not itself official or a sub-domain of one), the imitated
/// domain and how.
pub fn lookalike_of<'a>(
    domain: &str,
    official: impl Iterator<Item = &'a str> + Clone,
) -> Option<(&'a str, &'static str)> {
    let domain = domain.to_lowercase();
    let is_official = |d: &str| domain == d || domain.ends_with(&format!(".{d}"));
    if official.clone().any(is_official) {
        return None;
    }
    let label = brand_label(&domain);
    let tld = registrable(&domain).split_once('.').map_or("", |(_, t)| t);
    for o in official {
        let brand = brand_label(o);
        if brand.len() < 2 {
            continue;
        }
        // `jd.com.help-center.xyz`: the official domain as the start of another.
        if domain.starts_with(&format!("{o}.")) || domain.contains(&format!(".{o}.")) {
            return Some((o, INSIDE_ANOTHER));
        }
        // `jd-support.com`, `pinduoduohelp.com`: the brand plus words.
        let tokens: Vec<&str> = label.split(['-', '_']).collect();
        let glued = brand.len() >= 5 && label != brand && label.contains(brand);
        if (tokens.len() > 1 && tokens.contains(&brand)) || glued {
            return Some((o, WORDS_ADDED));
        }
        if label == brand {
            if tld != o.split_once('.').map_or("", |(_, t)| t) && THROWAWAY_TLDS.contains(&tld) {
                return Some((o, THROWAWAY_TLD));
            }
            continue;
        }
        if brand.len() >= 4 && skeleton(label) == skeleton(brand) {
            return Some((o, LOOKALIKE_CHARACTERS));
        }
        let cap = if brand.len() >= 6 { 2 } else { 1 };
        if brand.len() >= 5 && edit_distance(label, brand, cap) <= cap {
            return Some((o, CHARACTERS_CHANGED));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFICIAL: &[&str] = &["jd.com", "pinduoduo.com", "paypal.com", "amazon.com"];

    fn check(domain: &str) -> Option<&'static str> {
        lookalike_of(domain, OFFICIAL.iter().copied()).map(|(_, how)| how)
    }

    #[test]
    fn lookalikes() {
        assert!(check("jd-support.com").is_some());
        assert!(check("jd.com.help-center.xyz").is_some());
        assert!(check("pinduoduo-service.net").is_some());
        assert!(check("pinduodou.com").is_some());
        assert!(check("paypa1.com").is_some());
        assert!(check("arnazon.com").is_some());
        assert!(check("pinduoduo.xyz").is_some());
    }

    #[test]
    fn not_lookalikes() {
        for d in [
            "jd.com",
            "mail.jd.com",
            "pinduoduo.com",
            "example.org",
            "gmail.com",
            "jdsports.com",
            "amazon.co.uk",
        ] {
            assert_eq!(check(d), None, "{d}");
        }
    }
}
