//! Helpers shared by the integration tests: the codes the seed documents list, kept as test
//! data in `tests/data/seed_codes.tsv` (read independently of the crate so they can check it).
#![allow(dead_code)] // each test crate uses a different subset

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tiktok_errors::Category;

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The rows of `tests/data/seed_codes.tsv` for one seed (`000`, `001`, `004`,
/// `001-announced`): `(code, group, tag)`, comments and blank lines skipped.
pub fn seed_rows(seed: &str) -> Vec<(String, String, String)> {
    let path = manifest_dir().join("tests/data/seed_codes.tsv");
    read(&path)
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(
                cols.len(),
                4,
                "{}: row {l:?} has not 4 columns",
                path.display()
            );
            (cols[0] == seed).then(|| (cols[1].to_owned(), cols[2].to_owned(), cols[3].to_owned()))
        })
        .collect()
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

/// Seed 000's codes with the business area it files each under; numeric codes first.
pub fn parse_seed_000() -> Seed000 {
    let mut out = Seed000 {
        numeric: Vec::new(),
        symbolic: Vec::new(),
    };
    for (code, area, _) in seed_rows("000") {
        if let Ok(n) = code.parse::<i64>() {
            out.numeric.push((n, area));
        } else {
            out.symbolic.push((code, area));
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

/// Seed 001's codes (with their section and tag), the total the page announces, and the
/// count it announces per section.
pub fn parse_seed_001() -> (Vec<Seed001Code>, usize, BTreeMap<String, usize>) {
    const TAGS: &[&str] = &["refresh-token", "user-error", "retry"];
    let codes = seed_rows("001")
        .into_iter()
        .map(|(code, section, tag)| Seed001Code {
            tag: TAGS
                .iter()
                .find(|t| **t == tag)
                .unwrap_or_else(|| panic!("seed 001: {code:?} has unknown tag {tag:?}")),
            code,
            section,
        })
        .collect();
    let mut announced = 0;
    let mut per_section = BTreeMap::new();
    for (section, n, _) in seed_rows("001-announced") {
        let n: usize = n.parse().expect("announced count");
        if section == "*" {
            announced = n;
        } else {
            per_section.insert(section, n);
        }
    }
    (codes, announced, per_section)
}

/// Seed 004's Business Messaging codes.
pub fn parse_seed_004() -> Vec<i64> {
    seed_rows("004")
        .into_iter()
        .map(|(c, _, _)| c.parse().expect("seed 004 code is a number"))
        .collect()
}
