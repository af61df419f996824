//! Search quality and robustness (issue: search, list and export).
//!
//! The phrases are what a user would type: titles from the seed pages and messages TikTok
//! actually returns (quoted in shared/research), not this crate's variant names.

use tiktok_errors::search::{search, MatchKind, SearchOptions};
use tiktok_errors::{lookup, AnyCode, Api, Category};

/// (phrase, acceptable codes, the seed category or family it exercises)
const PHRASES: &[(&str, &[&str], &str)] = &[
    // Seed 000 (Ads decoder) titles, one or more per seed category.
    (
        "Campaign Budget Too Low",
        &["CAMPAIGN_BUDGET_TOO_LOW"],
        "Campaign Management",
    ),
    (
        "Duplicate Campaign Name",
        &["CAMPAIGN_NAME_DUPLICATE"],
        "Campaign Management",
    ),
    (
        "budget too low",
        &["CAMPAIGN_BUDGET_TOO_LOW", "ADGROUP_BUDGET_TOO_LOW"],
        "Campaign Management",
    ),
    (
        "Targeting Too Narrow",
        &["ADGROUP_TARGETING_TOO_NARROW"],
        "Ad Group Configuration",
    ),
    ("Bid Too High", &["BID_TOO_HIGH"], "Ad Group Configuration"),
    (
        "Invalid Conversion Window",
        &["CONVERSION_WINDOW_INVALID"],
        "Ad Group Configuration",
    ),
    ("Video Too Short", &["VIDEO_TOO_SHORT"], "Creative & Ads"),
    (
        "Music Copyright Issue",
        &["MUSIC_COPYRIGHT_VIOLATION"],
        "Creative & Ads",
    ),
    (
        "Pixel No Activity Detected",
        &["PIXEL_NO_ACTIVITY"],
        "Pixel & Tracking",
    ),
    (
        "Events API Authentication Failed",
        &["EVENTS_API_AUTH_FAILED"],
        "Pixel & Tracking",
    ),
    (
        "Ad Account Suspended",
        &["ACCOUNT_SUSPENDED"],
        "Account & Billing",
    ),
    (
        "Insufficient Account Balance",
        &["INSUFFICIENT_BALANCE"],
        "Account & Billing",
    ),
    (
        "Custom Audience Too Small",
        &["CUSTOM_AUDIENCE_TOO_SMALL"],
        "Audiences & Targeting",
    ),
    (
        "Lookalike Source Audience Too Small",
        &["LOOKALIKE_SOURCE_TOO_SMALL"],
        "Audiences & Targeting",
    ),
    (
        "Invalid Report Date Range",
        &["REPORT_DATE_RANGE_INVALID"],
        "Reporting & Data",
    ),
    (
        "Data Not Available Yet",
        &["DATA_NOT_AVAILABLE_YET"],
        "Reporting & Data",
    ),
    (
        "Ad Group in Learning Phase",
        &["LEARNING_PHASE_INCOMPLETE"],
        "Delivery & Policy",
    ),
    (
        "Creative Fatigue Detected",
        &["CREATIVE_FATIGUE"],
        "Delivery & Policy",
    ),
    (
        "Product Set Is Empty",
        &["PRODUCT_SET_EMPTY"],
        "Catalog & Products",
    ),
    (
        "Product Feed Sync Failed",
        &["PRODUCT_FEED_SYNC_FAILED"],
        "Catalog & Products",
    ),
    (
        "Spark Ad Authorization Expired",
        &["SPARK_AD_AUTH_EXPIRED"],
        "Spark Ads & Creators",
    ),
    (
        "Creator Not Eligible",
        &["CREATOR_MARKETPLACE_INELIGIBLE"],
        "Spark Ads & Creators",
    ),
    (
        "Sandbox Environment Limitation",
        &["SANDBOX_LIMITATION"],
        "Platform & System",
    ),
    (
        "Deprecated API Version",
        &["API_VERSION_DEPRECATED"],
        "Platform & System",
    ),
    (
        "Invalid Dayparting Schedule",
        &["DAYPARTING_INVALID"],
        "Campaign Configuration",
    ),
    (
        "Identity Type Mismatch",
        &["IDENTITY_TYPE_MISMATCH"],
        "Campaign Configuration",
    ),
    // Messages TikTok returns (research notes), seed 000's "API & Authentication".
    (
        "App reaches the QPS limit",
        &["ads:40100"],
        "API & Authentication",
    ),
    (
        "Access token is incorrect or has been revoked",
        &["ads:40105"],
        "API & Authentication",
    ),
    (
        "Duplicated material name",
        &["ads:40911"],
        "API & Authentication",
    ),
    (
        "The system is in maintenance",
        &["ads:60001"],
        "API & Authentication",
    ),
    ("Task is not ready", &["ads:40201"], "API & Authentication"),
    // Seed 001 (Content Posting) wording, one per seed category.
    (
        "access token is invalid",
        &["access_token_invalid"],
        "Authentication",
    ),
    (
        "Daily post limit reached",
        &["spam_risk_too_many_posts"],
        "Spam",
    ),
    (
        "pending share",
        &["spam_risk_too_many_pending_share"],
        "Spam",
    ),
    ("frame rate", &["frame_rate_check_failed"], "Video Format"),
    (
        "failed to pull video from URL",
        &["video_pull_failed"],
        "Media",
    ),
    (
        "rate limit exceeded",
        &["rate_limit_exceeded"],
        "Rate Limit",
    ),
    (
        "URL ownership not verified",
        &["url_ownership_unverified"],
        "App Status",
    ),
    (
        "problem with TikTok servers",
        &["internal", "internal_error"],
        "Server",
    ),
    // Seed 004 (Business Messaging) wording and a live message.
    (
        "You are sending messages too fast",
        &["business-messaging:40064"],
        "Business Messaging",
    ),
    (
        "file format you uploaded is not supported",
        &[
            "business-messaging:40908",
            "ads:40908",
            "file_format_check_failed",
        ],
        "Business Messaging",
    ),
];

fn matches(hit: AnyCode, want: &str) -> bool {
    let e = hit.entry();
    match want.split_once(':') {
        Some((api, code)) => {
            e.api().as_str() == api
                && e.code().to_string() == code
                && !matches!(hit, AnyCode::AdsDiagnosis(_))
        }
        None => e.code().to_string() == want,
    }
}

#[test]
fn phrases_rank_the_expected_entry_in_the_top_three() {
    let mut failures = Vec::new();
    for (phrase, want, _) in PHRASES {
        let hits = search(phrase, &SearchOptions::default().limit(3));
        if !hits
            .iter()
            .any(|h| want.iter().any(|w| matches(h.code(), w)))
        {
            let got: Vec<String> = hits.iter().map(|h| h.code().to_string()).collect();
            failures.push(format!("{phrase:?}: wanted one of {want:?}, got {got:?}"));
        }
    }
    assert!(PHRASES.len() >= 30);
    assert!(
        failures.is_empty(),
        "{} phrase(s) missed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn phrases_cover_every_seed_category() {
    let covered: std::collections::BTreeSet<&str> = PHRASES.iter().map(|p| p.2).collect();
    for cat in [
        "API & Authentication",
        "Campaign Management",
        "Ad Group Configuration",
        "Creative & Ads",
        "Pixel & Tracking",
        "Account & Billing",
        "Audiences & Targeting",
        "Reporting & Data",
        "Delivery & Policy",
        "Catalog & Products",
        "Spark Ads & Creators",
        "Platform & System",
        "Campaign Configuration",
        "Authentication",
        "Spam",
        "Video Format",
        "Media",
        "Rate Limit",
        "App Status",
        "Server",
        "Business Messaging",
    ] {
        assert!(covered.contains(cat), "no phrase for seed category {cat}");
    }
}

#[test]
fn exact_codes_and_aliases_rank_first() {
    for (query, code) in [
        ("40100", "40100"),
        ("access_token_invalid", "access_token_invalid"),
        ("BID_TOO_LOW", "BID_TOO_LOW"),
        ("bid too low", "BID_TOO_LOW"),
        ("REQUEST_TOO_FREQUENT", "REQUEST_TOO_FREQUENT"),
        ("invalid_params", "invalid_params"),
    ] {
        let hits = search(query, &SearchOptions::default());
        assert_eq!(hits[0].kind(), MatchKind::Code, "{query}");
        assert!(
            lookup(code).contains(&hits[0].code()),
            "{query}: {:?}",
            hits[0].code()
        );
    }
}

#[test]
fn tolerant_of_case_punctuation_underscores_and_plurals() {
    let want = search("spam risk too many posts", &SearchOptions::default())[0].code();
    for q in [
        "SPAM_RISK_TOO_MANY_POSTS",
        "spam-risk: too many post!",
        "  Spam Risk Too Many Posts  ",
    ] {
        assert_eq!(search(q, &SearchOptions::default())[0].code(), want, "{q}");
    }
    // plural in the query, singular in the entry and back
    let a = search("frame rates", &SearchOptions::default().limit(1));
    let b = search("frame rate", &SearchOptions::default().limit(1));
    assert_eq!(a[0].code(), b[0].code());
}

#[test]
fn filters_by_api_and_category() {
    let hits = search(
        "access token",
        &SearchOptions::default().api(Api::OAuth).limit(0),
    );
    assert!(hits.iter().all(|h| h.code().api() == Api::OAuth));
    let hits = search(
        "too many",
        &SearchOptions::default().category(Category::Spam).limit(0),
    );
    assert!(!hits.is_empty());
    assert!(hits
        .iter()
        .all(|h| h.code().entry().category() == Category::Spam));
    let all = search("token", &SearchOptions::default().limit(0));
    let some = search("token", &SearchOptions::default().limit(2));
    assert!(all.len() > 2 && some.len() == 2);
}

#[test]
fn odd_queries_return_cleanly() {
    let o = SearchOptions::default();
    assert!(search("", &o).is_empty());
    assert!(search("   ", &o).is_empty());
    assert!(search("?!.,;:-_()[]{}", &o).is_empty());
    let long = "budget ".repeat(10 * 1024 / 7);
    assert!(long.len() >= 10 * 1024 - 7);
    let hits = search(&long, &o);
    assert!(!hits.is_empty());
    let junk = "ä€𝄞".repeat(4000); // multi-byte characters straddling the read limit
    assert!(search(&junk, &o).is_empty());
    assert!(search("вид слишком короткий 视频太短 🎬", &o)
        .iter()
        .all(|h| h.score() >= 0.0));
    assert!(search("zzzzqqqq", &o).is_empty());
}

#[test]
fn results_are_ordered_by_tier_then_score() {
    let hits = search("token expired", &SearchOptions::default().limit(0));
    for w in hits.windows(2) {
        assert!(
            w[0].kind() < w[1].kind()
                || (w[0].kind() == w[1].kind() && w[0].score() >= w[1].score())
        );
    }
}

/// Issue 18: Rust variant names and aliases, spelled as the entry spells them, come first.
#[test]
fn variant_names_and_aliases_find_their_entry_first() {
    use tiktok_errors::{AdsCode, ContentPostingCode};
    let first = |q: &str| search(q, &SearchOptions::default())[0].code();
    assert_eq!(
        first("RequestTooFrequent"),
        AnyCode::Ads(AdsCode::RequestTooFrequent)
    );
    assert_eq!(
        first("invalid_params"),
        AnyCode::ContentPosting(ContentPostingCode::InvalidParam)
    );
    assert_eq!(
        first("INVALID_PARAMS"),
        AnyCode::Ads(AdsCode::InvalidParams)
    );
    assert_eq!(first("InvalidParams"), AnyCode::Ads(AdsCode::InvalidParams));
    assert_eq!(
        search("RequestTooFrequent", &SearchOptions::default())[0].kind(),
        MatchKind::Code
    );
}

/// Issue 18: unrelated entries do not pad the list.
#[test]
fn far_off_word_matches_are_cut() {
    let hits = search("budget too low", &SearchOptions::default());
    assert!(!hits.is_empty());
    for h in &hits {
        assert_ne!(
            h.code().entry().category(),
            Category::RateLimit,
            "{} in the results for \"budget too low\"",
            h.code().entry().code()
        );
    }
    let hits = search("frame rate", &SearchOptions::default());
    assert!(hits
        .iter()
        .all(|h| h.code().entry().category() != Category::RateLimit));
}

/// Issue 18: a pasted message lists the wire code that carries the condition it matches, then
/// the condition, then word matches; a message whose words are not all in the catalogue still
/// finds its code; a word match the message contradicts is left out.
#[test]
fn pasted_messages_list_what_they_describe_first() {
    use tiktok_errors::{AdsCode, AdsDiagnosis};
    let hits = search("App reaches the QPS limit.", &SearchOptions::default());
    assert_eq!(hits[0].code(), AnyCode::Ads(AdsCode::RequestTooFrequent));
    assert_eq!(hits[0].kind(), MatchKind::Message);
    assert_eq!(
        hits[1].code(),
        AnyCode::AdsDiagnosis(AdsDiagnosis::RateLimitAppLevel)
    );
    let hits = search(
        "Please correct the information in invalid metric fields and try again. Invalid metric fields: ['zzz_unknown'].",
        &SearchOptions::default().limit(3),
    );
    assert_eq!(hits[0].code(), AnyCode::Ads(AdsCode::ParamError));
    assert_eq!(
        hits[1].code(),
        AnyCode::AdsDiagnosis(AdsDiagnosis::ReportMetricsInvalid)
    );
    // "incorrect or revoked" contradicts "expired" and "missing".
    let hits = search(
        "Access token is incorrect or has been revoked.",
        &SearchOptions::default(),
    );
    assert_eq!(hits[0].code(), AnyCode::Ads(AdsCode::InvalidAccessToken));
    for h in &hits {
        let t = h.code().entry().title().to_ascii_lowercase();
        let only_expired = t.contains("expired") && !t.contains("invalid");
        assert!(!only_expired && !t.contains("missing"), "{t}");
    }
    // The API filter holds for what a message describes too.
    let hits = search(
        "App reaches the QPS limit.",
        &SearchOptions::default().api(Api::ContentPosting),
    );
    assert!(hits.iter().all(|h| h.code().api() == Api::ContentPosting));
}

/// Issue 18, round two: a few words that only complain about a parameter list the codes that
/// carry parameter problems; a format complaint is a parameter problem; a wire code's recorded
/// phrase finds it; exact codes and aliases still come first.
#[test]
fn parameter_complaints_and_recorded_phrases_find_their_code() {
    use tiktok_errors::{AdsCode, AdsDiagnosis, ContentPostingCode};
    let top3 = |q: &str| -> Vec<AnyCode> {
        search(q, &SearchOptions::default().limit(3))
            .iter()
            .map(tiktok_errors::search::Hit::code)
            .collect()
    };
    for q in ["Invalid parameter", "missing params", "invalid field value"] {
        let hits = top3(q);
        assert_eq!(hits[0], AnyCode::Ads(AdsCode::ParamError), "{q}: {hits:?}");
        assert!(
            hits.contains(&AnyCode::ContentPosting(ContentPostingCode::InvalidParam)),
            "{q}: {hits:?}"
        );
    }
    // A word that names something is not a parameter complaint in general.
    assert_ne!(
        top3("invalid metric")[0],
        AnyCode::Ads(AdsCode::ParamError),
        "invalid metric"
    );
    // Round three: a field as the subject and a condition said of it are a pasted message
    // however short, so the codes that carry a parameter problem come first.
    for q in ["advertiser_id is required", "budget_mode is invalid"] {
        assert!(!tiktok_errors::search::looks_like_message(q), "{q}");
        let hits = search(q, &SearchOptions::default().limit(3));
        assert_eq!(
            hits[0].code(),
            AnyCode::Ads(AdsCode::ParamError),
            "{q}: {hits:?}"
        );
        assert_eq!(hits[0].kind(), MatchKind::Message, "{q}");
    }
    // Exact aliases keep their entry first.
    assert_eq!(
        top3("invalid_params")[0],
        AnyCode::ContentPosting(ContentPostingCode::InvalidParam)
    );
    let hits = top3("Date format should be YYYY-MM-DD. Please try again.");
    assert_eq!(hits[0], AnyCode::Ads(AdsCode::ParamError), "{hits:?}");
    let hits =
        top3("Error processing request on TikTok side. Please see error message for details.");
    assert!(
        hits.contains(&AnyCode::Ads(AdsCode::SysTimeout)),
        "{hits:?}"
    );
    let hits = top3("Requests made too frequently");
    assert_eq!(
        hits[0],
        AnyCode::Ads(AdsCode::RequestTooFrequent),
        "{hits:?}"
    );
    assert!(
        hits.contains(&AnyCode::AdsDiagnosis(AdsDiagnosis::RateLimitAppLevel)),
        "{hits:?}"
    );
}

/// Round four: a message that names a field path an entry documents in backticks, or counts
/// something an entry is titled `Too many …` for, finds that entry before the generic codes.
#[test]
fn named_fields_and_counted_subjects_find_their_entry() {
    let top3 = |q: &str| -> Vec<AnyCode> {
        search(q, &SearchOptions::default().limit(3))
            .iter()
            .map(|h| h.code())
            .collect()
    };
    let titled = |codes: &[AnyCode], title: &str| codes.iter().any(|c| c.entry().title() == title);
    let hits = top3("The value of `pre_sale.fulfillment_type` was not provided; it is required.");
    assert!(
        titled(&hits, "Pre-sale fulfillment type missing"),
        "{hits:?}"
    );
    // `number of`/`count of` and the counted words; leading words may qualify the subject.
    let hits = top3("The number of provided product IDs exceeds 20.");
    assert!(titled(&hits, "Too many product IDs"), "{hits:?}");
    let hits = top3("The count of main images exceeds 9");
    assert!(titled(&hits, "Too many main images"), "{hits:?}");
}
