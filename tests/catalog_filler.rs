//! A catalogue with no filler (issue 21): an entry's prose says what the code means and what to
//! do; that TikTok documents little about a code is said once, by its `evidence`
//! (`official_name`: only the SDK's constant name is known), not repeated in its text.
//!
//! The rule counted here: an entry's prose is a *disclaimer* when its description or its fix
//! holds one of the phrases in [`DISCLAIMERS`] (case-insensitive), each a way of saying that
//! nothing more is known. At most [`MAX_DISCLAIMERS`] entries may, and each one left must be
//! listed in [`ALLOWED`] with the reason it stays.

use tiktok_errors::{AdsCode, AnyCode, ErrorCode};

/// Ways the catalogue used to say "nothing more is known" (lowercase).
const DISCLAIMERS: &[&str] = &[
    "documents nothing",
    "documents no further",
    "no further detail",
    "describes it no further",
    "nothing further",
    "nothing more is documented",
    "nothing more is known",
    "is known to be at fault",
    "inferred from the sdk constant name",
    "meaning is not documented",
    "not documented",
    "undocumented",
];

/// The ceiling issue 21 sets.
const MAX_DISCLAIMERS: usize = 10;

/// Entries whose prose may still say that something is not documented, and why.
const ALLOWED: &[(&str, &str)] = &[];

fn disclaimers() -> Vec<String> {
    AnyCode::all()
        .filter(|c| {
            let e = c.entry();
            let text = format!("{} {}", e.description(), e.fix()).to_lowercase();
            DISCLAIMERS.iter().any(|d| text.contains(d))
        })
        .map(|c| c.to_string())
        .collect()
}

#[test]
fn at_most_ten_entries_are_disclaimers_and_each_is_allowed() {
    let found = disclaimers();
    assert!(
        found.len() <= MAX_DISCLAIMERS,
        "{} entries are disclaimers (at most {MAX_DISCLAIMERS}): {found:#?}",
        found.len()
    );
    for f in &found {
        assert!(
            ALLOWED.iter().any(|(name, _)| f.starts_with(name)),
            "{f} is a disclaimer and not in ALLOWED"
        );
    }
}

/// The rule does catch the old wording (a rule that matches nothing proves nothing).
#[test]
fn the_rule_catches_the_old_wordings() {
    for old in [
        "It belongs to the 51xxx block; TikTok documents nothing further.",
        "The fault is on TikTok's side and nothing more is documented.",
        "TikTok's web documentation describes it no further.",
        "TikTok documents no further detail.",
        "Nothing in your request is known to be at fault.",
    ] {
        let l = old.to_lowercase();
        assert!(DISCLAIMERS.iter().any(|d| l.contains(d)), "{old}");
    }
}

/// The 51xxx and 52xxx blocks' text (`[[block]]` in codes/ads.toml) reaches every entry of
/// the range once, after the entry's own sentence, and the 51xxx block's fix serves the entries
/// without one of their own (the 52xxx block has no fix: reads, writes and uploads differ).
#[test]
fn block_text_is_attached_to_every_entry_of_its_range() {
    let mut in_51 = 0;
    let mut in_52 = 0;
    for &c in AdsCode::ALL {
        let tiktok_errors::WireCode::Int(n) = c.code() else {
            continue;
        };
        let marker = match n {
            51000..=51099 => {
                in_51 += 1;
                "Codes 51000-51099 are failures inside TikTok"
            }
            52000..=52204 => {
                in_52 += 1;
                "Codes 52000-52204 are failures in TikTok's own storage"
            }
            _ => {
                assert!(!c.description().contains("Codes 510"), "{n}");
                continue;
            }
        };
        let d = c.description();
        assert_eq!(d.matches(marker).count(), 1, "{n}: {d}");
        assert!(!d.starts_with(marker), "{n}: its own sentence comes first");
        assert!(
            d.contains("\n\n"),
            "{n}: the block is a paragraph of its own"
        );
    }
    assert_eq!((in_51, in_52), (59, 12));
    // Most 51xxx entries take the block's fix; 51010, 51039 and 51065 keep their own.
    let shared = AdsCode::from_int(51000).unwrap().fix();
    let sharing = AdsCode::ALL.iter().filter(|c| c.fix() == shared).count();
    assert_eq!(sharing, 56);
}

/// The doubtful rows issue 21 lists, as their sources settled them (codes/ads.toml,
/// ads_diagnoses.toml, content_posting.toml).
#[test]
fn the_doubtful_rows_stay_settled() {
    use tiktok_errors::{AdsDiagnosis, Category, ContentPostingCode, Retry};
    let ads = |n: i64| AdsCode::from_int(n).unwrap_or_else(|| panic!("{n}"));
    // 40916: filed with file handling like every 409xx code on the appendix; the SDK name's
    // policy reading is a disagreement, and the text says no source settles it.
    let c = ads(40916);
    assert_eq!(
        (c.category(), c.retry()),
        (Category::Media, Retry::FixRequest)
    );
    assert_eq!(c.provenance().disagreements().len(), 1);
    assert!(c.description().contains("40904") && c.description().contains("No source"));
    // Diagnoses carried by the codes the appendix files them under.
    let carried = |d: AdsDiagnosis| d.entry().carried_by_codes().to_vec();
    assert_eq!(
        carried(AdsDiagnosis::SandboxLimitation),
        [40009, 40014, 40008]
    );
    assert_eq!(carried(AdsDiagnosis::RateLimitAppLevel), [40100, 40016]);
    assert_eq!(
        carried(AdsDiagnosis::ReportGenerationTimeout),
        [40067, 50002, 51010]
    );
    // The appendix states the 1,000-match floor: no hedge.
    let a = AdsDiagnosis::CustomAudienceTooSmall;
    assert_eq!(a.provenance().evidence().as_str(), "official");
    assert!(a.description().contains("1,000") && !a.fix().contains("check TikTok"));
    // 40067: a query to shrink, not to resend as it is.
    let q = ads(40067);
    assert_eq!(q.retry(), Retry::FixRequest);
    assert_eq!(q.provenance().evidence().as_str(), "third_party");
    // Research quotas: named here, sized once, in the rate-limit table.
    let d = ContentPostingCode::from_code("daily_quota_limit_exceeded").expect("quota code");
    assert!(d.description().contains("follower and following"));
    assert!(!d.description().contains("1,000") && !d.description().contains("20,000"));
    assert!(tiktok_errors::limits::rows().any(|r| r.path() == Some("/v2/research/user/followers/")));
    // A cancel the app asked for is no failure to fix.
    let p = ContentPostingCode::from_code("publish_cancelled").expect("publish_cancelled");
    assert_eq!(p.retry(), Retry::NotNeeded);
    // 51305 and 51035: two codes, no guess that one is a misprint.
    let s = ads(51305);
    let text = format!(
        "{} {}",
        s.description(),
        s.provenance().note().unwrap_or("")
    );
    assert!(text.contains("51035") && !text.contains("transposition") && !text.contains("may be"));
}
