//! Helpers shared by the integration tests: the seed documents in `../shared/seeds`, parsed
//! independently of the crate so they can check it.
#![allow(dead_code)] // each test crate uses a different subset

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tiktok_errors::Category;

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
        // Seeds may have been saved with Windows line endings.
        .replace("\r\n", "\n")
}

/// The one seed file whose name starts with `prefix` (`000_…`, `001_…`, `004_…`).
pub fn seed(prefix: &str) -> String {
    let dir = manifest_dir().join("../shared/seeds");
    let mut hits: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&format!("{prefix}_")))
        })
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "expected exactly one seed {prefix}_* in {}",
        dir.display()
    );
    read(&hits.remove(0))
}

/// The seed decoder's business areas, mapped by hand (an independent reading, not the crate's
/// own `Category::label`).
pub const SEED_000_AREAS: &[(&str, Category)] = &[
    ("Campaign Management", Category::CampaignManagement),
    ("Campaign Configuration", Category::CampaignConfiguration),
    ("Ad Group Configuration", Category::AdGroupConfiguration),
    ("Creative & Ads", Category::CreativeAndAds),
    ("Pixel & Tracking", Category::PixelAndTracking),
    ("Account & Billing", Category::AccountAndBilling),
    ("Audiences & Targeting", Category::AudiencesAndTargeting),
    ("Reporting & Data", Category::ReportingAndData),
    ("Delivery & Policy", Category::DeliveryAndPolicy),
    ("Catalog & Products", Category::CatalogAndProducts),
    ("Spark Ads & Creators", Category::SparkAdsAndCreators),
    ("Platform & System", Category::PlatformAndSystem),
];
/// The area the seed files its numeric codes under.
pub const SEED_000_NUMERIC_AREA: &str = "API & Authentication";

#[derive(Debug)]
pub struct Seed000 {
    pub numeric: Vec<(i64, String)>,
    pub symbolic: Vec<(String, String)>,
}

/// Seed 000 lists each code as a heading line `<CODE> <Area Name>`, then a title and a
/// paragraph. A heading is a line whose first word is a code (digits, or upper-case letters,
/// digits and underscores) and whose remaining words are all capitalised or `&`.
pub fn parse_seed_000() -> Seed000 {
    let text = seed("000");
    let mut out = Seed000 {
        numeric: Vec::new(),
        symbolic: Vec::new(),
    };
    for line in text.lines().map(str::trim) {
        let Some((code, area)) = line.split_once(' ') else {
            continue;
        };
        let area = area.trim();
        let code_like = code.len() >= 3
            && (code.bytes().all(|b| b.is_ascii_digit())
                || (code
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
                    && code.contains('_')));
        let area_like = !area.is_empty()
            && area
                .split(' ')
                .all(|w| w == "&" || w.chars().next().is_some_and(char::is_uppercase))
            && area.split(' ').count() <= 4;
        if !(code_like && area_like) {
            continue;
        }
        if let Ok(n) = code.parse::<i64>() {
            out.numeric.push((n, area.to_owned()));
        } else {
            out.symbolic.push((code.to_owned(), area.to_owned()));
        }
    }
    out
}

#[derive(Debug)]
pub struct Seed001Code {
    pub code: String,
    pub tag: &'static str,
    pub section: String,
}

/// Seed 001 lists codes between "All Error Codes" and "Best Practices" as a line
/// `<code><tag>` (the tag glued to the code: `refresh-token`, `user-error`, `retry`), a message
/// line, then `Solution:`. Sections are `#<Name>` lines.
pub fn parse_seed_001() -> (Vec<Seed001Code>, usize, BTreeMap<String, usize>) {
    const TAGS: &[&str] = &["refresh-token", "user-error", "retry"];
    let text = seed("001");
    let start = text
        .find("All Error Codes")
        .expect("seed 001: no `All Error Codes` section");
    let end = text
        .find("Best Practices")
        .expect("seed 001: no `Best Practices` section");
    let body: Vec<&str> = text[start..end]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut codes = Vec::new();
    let mut section = String::new();
    for (i, line) in body.iter().enumerate() {
        if let Some(name) = line.strip_prefix('#') {
            section = name.trim().to_owned();
            continue;
        }
        if body.get(i + 2) != Some(&"Solution:") {
            continue;
        }
        let tag = TAGS
            .iter()
            .find(|t| line.ends_with(*t))
            .unwrap_or_else(|| panic!("seed 001: code line {line:?} ends with no known tag"));
        let code = line[..line.len() - tag.len()].trim();
        assert!(!code.is_empty(), "seed 001: empty code in {line:?}");
        codes.push(Seed001Code {
            code: code.to_owned(),
            tag,
            section: section.clone(),
        });
    }
    // The page announces its own totals: "25 error codes" and "<Section>\n\n<n> errors".
    let announced = text
        .split_once(" error codes")
        .and_then(|(before, _)| before.rsplit(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .expect("seed 001: no `<n> error codes` headline");
    let mut per_section = BTreeMap::new();
    let head: Vec<&str> = text[..start]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    for w in head.windows(2) {
        if let Some(n) = w[1]
            .strip_suffix(" errors")
            .and_then(|n| n.parse::<usize>().ok())
        {
            per_section.insert(w[0].to_owned(), n);
        }
    }
    (codes, announced, per_section)
}

/// Seed 004 is a pipe table: each code row starts with a line `<digits> |`.
pub fn parse_seed_004() -> Vec<i64> {
    seed("004")
        .lines()
        .map(str::trim)
        .filter_map(|l| l.strip_suffix('|'))
        .map(str::trim)
        .filter(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit()))
        .map(|c| c.parse().expect("digits"))
        .collect()
}
