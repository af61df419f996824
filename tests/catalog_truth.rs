//! Regression tests for the catalogue's facts as TikTok's "Appendix – Return Codes" page states
//! them (issue 10), for the unknown-code fallback, and for the same facts seen through the CLI's
//! `explain --json`. The appendix facts below are this project's own summary of that page (see
//! codes/README.md for how it was read); nothing here reads outside the repository.

use std::time::{Duration, SystemTime};

use tiktok_errors::{
    decode, AdsCode, Api, ApiError, BusinessMessagingCode, Category, ContentPostingCode, ErrorCode,
    OAuthCode, Retry, TikTokError, Wait,
};

fn ads(code: i64) -> AdsCode {
    AdsCode::from_int(code).unwrap_or_else(|| panic!("Ads {code} is missing from the catalogue"))
}

fn text_of<C: ErrorCode>(c: C) -> String {
    let p = c.provenance();
    format!(
        "{} {} {} {}",
        c.title(),
        c.description(),
        c.fix(),
        p.note().unwrap_or("")
    )
}

/// Every code TikTok's return-code appendix lists, with the retry class its wording implies:
/// `Some(..)` where the appendix settles it ("retry may resolve this issue", "wait for … to
/// complete", rate-limit codes, parameter remedies), `None` where it gives no remedy.
const APPENDIX: &[(i64, Option<Retry>)] = &[
    (20001, None),
    (40000, Some(Retry::FixRequest)),
    (40001, None),
    (40002, Some(Retry::FixRequest)),
    (40006, Some(Retry::FixRequest)),
    (40007, Some(Retry::FixRequest)),
    (40008, Some(Retry::FixRequest)),
    (40009, Some(Retry::FixRequest)),
    (40010, Some(Retry::FixRequest)),
    (40011, Some(Retry::FixRequest)),
    (40013, Some(Retry::FixRequest)),
    (40014, Some(Retry::FixRequest)),
    (40016, Some(Retry::Throttled)),
    (40050, None),
    (40051, Some(Retry::FixRequest)),
    (40052, None),
    (40053, Some(Retry::FixRequest)),
    (40065, Some(Retry::FixRequest)),
    (40100, Some(Retry::Throttled)),
    (40101, Some(Retry::FixRequest)),
    (40102, None),
    (40103, Some(Retry::Reauthorize)),
    (40104, Some(Retry::FixRequest)),
    (40105, None),
    (40106, Some(Retry::FixRequest)),
    (40107, None),
    (40108, Some(Retry::FixRequest)),
    (40109, None),
    (40110, Some(Retry::Reauthorize)),
    (40112, None),
    (40113, Some(Retry::FixRequest)),
    (40115, Some(Retry::FixRequest)),
    (40116, None),
    (40117, None),
    (40118, None),
    (40119, Some(Retry::FixRequest)),
    (40121, Some(Retry::FixRequest)),
    (40122, Some(Retry::FixRequest)),
    (40124, Some(Retry::AccountAction)),
    (40125, None),
    (40132, Some(Retry::Throttled)),
    (40133, Some(Retry::Throttled)),
    (40200, Some(Retry::FixRequest)),
    (40201, Some(Retry::Transient)),
    (40202, Some(Retry::Transient)),
    (40300, Some(Retry::FixRequest)),
    (40301, Some(Retry::FixRequest)),
    (40502, Some(Retry::FixRequest)),
    (40700, Some(Retry::FixRequest)),
    (40900, Some(Retry::FixRequest)),
    (40901, Some(Retry::Transient)),
    (40902, Some(Retry::Transient)),
    (40903, Some(Retry::Transient)),
    (40904, Some(Retry::FixRequest)),
    (40905, Some(Retry::FixRequest)),
    (40906, Some(Retry::FixRequest)),
    (40907, Some(Retry::FixRequest)),
    (40908, Some(Retry::FixRequest)),
    (40909, Some(Retry::FixRequest)),
    (40910, Some(Retry::FixRequest)),
    (40911, Some(Retry::FixRequest)),
    (40912, Some(Retry::FixRequest)),
    (40913, Some(Retry::Transient)),
    (40914, Some(Retry::FixRequest)),
    (40915, Some(Retry::FixRequest)),
    (41000, None),
    (41001, Some(Retry::FixRequest)),
    (41002, Some(Retry::FixRequest)),
    (50000, Some(Retry::Transient)),
    (50002, Some(Retry::Transient)),
    (51305, Some(Retry::Transient)),
    (60001, Some(Retry::Transient)),
];

const HEDGES: &[&str] = &[
    "no further detail",
    "inferred from the SDK constant name",
    "SDK names this code",
    "not readable",
    "Verify against the live",
    "Ambiguous",
];

#[test]
fn every_appendix_code_is_official_and_unhedged() {
    assert_eq!(APPENDIX.len(), 72, "the appendix lists 72 codes");
    for &(code, retry) in APPENDIX {
        let c = ads(code);
        assert_eq!(
            c.provenance().evidence().as_str(),
            "official",
            "{code}: the appendix describes it"
        );
        assert!(
            c.provenance()
                .sources()
                .any(|s| s.contains("portal/docs?id=1737172488964097")),
            "{code} must cite the appendix"
        );
        let text = text_of(c);
        for h in HEDGES {
            assert!(!text.contains(h), "{code} still says {h:?}: {text}");
        }
        if let Some(r) = retry {
            assert_eq!(c.retry(), r, "{code}: retry class against the appendix");
        }
    }
}

/// Business Messaging shares the Business API's code space: the codes the appendix describes are
/// `official` there too, and none hedges.
#[test]
fn business_messaging_codes_on_the_appendix_are_official() {
    for code in [
        40001, 40002, 40007, 40100, 40102, 40103, 40104, 40105, 40908, 50000, 50002,
    ] {
        let c = BusinessMessagingCode::from_int(code).unwrap_or_else(|| panic!("{code}"));
        assert_eq!(c.provenance().evidence().as_str(), "official", "{code}");
        let text = text_of(c);
        for h in HEDGES.iter().filter(|h| **h != "SDK names this code") {
            assert!(!text.contains(h), "messaging {code} still says {h:?}");
        }
        assert_eq!(
            c.retry(),
            ads(code).retry(),
            "{code}: same code space, same retry class"
        );
    }
}

#[test]
fn ads_catalogue_has_169_codes() {
    assert_eq!(AdsCode::ALL.len(), 169);
}

// ---------------------------------------------------------------------------------------------
// The items issue 10 lists
// ---------------------------------------------------------------------------------------------

#[test]
fn advertiser_qps_limit_40133_is_throttled_for_one_second() {
    let c = ads(40133);
    assert_eq!(c.retry(), Retry::Throttled);
    assert_eq!(c.category(), Category::RateLimit);
    assert_eq!(c.wait(), Some(Wait::Seconds(1)));
    // TikTok's example message shape: the QPS it names sets retry_after, even without a header.
    let e = ApiError::new(
        c,
        "Advertiser (7000000000000)'s QPS (12) reaches QPS limit 10 for current path, request is temporarily restricted.",
    );
    assert_eq!(
        e.retry_after_at(SystemTime::UNIX_EPOCH),
        Some(Duration::from_secs(1))
    );
    let body = br#"{"code":40133,"message":"Advertiser (1)'s QPS (5) reaches QPS limit 5 for current path, request is temporarily restricted.","request_id":"r"}"#;
    match decode(Api::Ads, body) {
        Err(TikTokError::Ads(e)) => {
            assert_eq!(e.code(), Some(c));
            assert_eq!(e.retry(), Retry::Throttled);
            assert_ne!(e.category(), Category::Authentication);
            assert_eq!(e.retry_after(), Some(Duration::from_secs(1)));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn us_teen_targeting_40065_needs_a_request_fix() {
    let c = ads(40065);
    assert_eq!(c.retry(), Retry::FixRequest);
    assert!(c.description().contains("13-17"));
    assert!(c.fix().contains("AGE_13_17"));
}

#[test]
fn sandbox_40014_is_not_an_invalid_cluster() {
    let c = ads(40014);
    assert!(
        c.title().to_lowercase().contains("sandbox"),
        "{}",
        c.title()
    );
    assert!(!c.title().to_lowercase().contains("cluster"));
    assert_eq!(c.retry(), Retry::FixRequest);
}

#[test]
fn unmatched_advertiser_40301_is_a_request_fix_not_a_role_problem() {
    let c = ads(40301);
    assert_eq!(c.retry(), Retry::FixRequest);
    assert_ne!(c.category(), Category::Permission);
    assert!(c.fix().contains("advertiser_id"));
    assert!(!c.title().to_lowercase().contains("role"));
}

#[test]
fn calculate_type_40909_banned_region_41000() {
    let c = ads(40909);
    assert!(c.title().contains("calculate_type"), "{}", c.title());
    assert!(c.description().contains("calculate_type"));
    let c = ads(41000);
    let t = c.title().to_lowercase();
    assert!(t.contains("ip") && t.contains("country"), "{}", c.title());
    assert_ne!(c.retry(), Retry::Transient);
}

#[test]
fn app_credentials_40113_is_mostly_a_request_fix() {
    let c = ads(40113);
    assert_eq!(c.retry(), Retry::FixRequest);
    assert_ne!(c.category(), Category::AppStatus);
    assert!(c.description().contains("App ID") && c.description().contains("secret"));
}

#[test]
fn no_seed_000_claim_on_40131() {
    let c = ads(40131);
    for d in c.provenance().disagreements() {
        assert!(
            !d.source().contains("Seed 000"),
            "seed 000 does not list 40131: {d:?}"
        );
    }
}

#[test]
fn retry_may_resolve_codes_are_transient() {
    for code in [40202, 40902, 40903, 40913] {
        assert_eq!(ads(code).retry(), Retry::Transient, "{code}");
    }
    assert_eq!(ads(40914).retry(), Retry::FixRequest);
}

#[test]
fn connector_retried_codes_keep_both_readings() {
    for code in [40200, 40700] {
        let c = ads(code);
        assert_eq!(
            c.retry(),
            Retry::FixRequest,
            "{code}: the appendix says fix"
        );
        assert!(
            c.provenance()
                .disagreements()
                .iter()
                .any(|d| d.says().contains("etr")),
            "{code}: the connectors' retry reading is recorded"
        );
        assert!(c.fix().contains("retr"), "{code}: says when to retry");
    }
}

#[test]
fn settled_auth_codes_no_longer_hedge() {
    let c = ads(40101);
    assert_eq!(c.retry(), Retry::FixRequest);
    assert!(!c.fix().contains("frequency"), "{}", c.fix());
    assert_eq!(ads(40102).retry(), Retry::RefreshToken);
}

#[test]
fn token_lifetimes_follow_current_docs() {
    let g = OAuthCode::from_code("invalid_grant").expect("invalid_grant");
    let text = text_of(g);
    assert!(text.contains("180-day"), "{text}");
    assert!(text.contains("2 hours"), "{text}");
    assert!(text.contains("rotate"), "{text}");
    assert!(!g.description().contains("365") && !g.fix().contains("24 hours"));
    let a = ContentPostingCode::from_code("access_token_invalid").expect("access_token_invalid");
    assert!(a.description().contains("2 hours"), "{}", a.description());
    assert!(!a.description().contains("24 hours"));
}

#[test]
fn invalid_file_upload_states_the_transfer_guide_limits() {
    let c = ContentPostingCode::from_code("invalid_file_upload").expect("invalid_file_upload");
    for needle in ["4 GB", "20 MB", "5 MB", "64 MB", "1000"] {
        assert!(c.description().contains(needle), "missing {needle}");
    }
    assert!(!c.fix().contains("287"));
    assert!(!c.description().contains("287"));
}

#[test]
fn messaging_40064_promises_no_fixed_wait() {
    let c = BusinessMessagingCode::from_int(40064).expect("40064");
    assert_eq!(c.wait(), None);
    assert!(c.description().contains("48 hours") && c.description().contains("10 messages"));
    assert!(c.fix().contains("writes again"));
    let e = ApiError::new(c, "[40064] You are sending messages too fast. Take a rest.");
    assert_eq!(e.retry_after_at(SystemTime::UNIX_EPOCH), None);
}

#[test]
fn research_api_codes_say_where_they_come_from() {
    for code in ["invalid_request", "timeout", "daily_quota_limit_exceeded"] {
        let c = ContentPostingCode::from_code(code).expect(code);
        assert!(c.title().starts_with("Research API"), "{}", c.title());
        assert!(
            c.provenance().note().unwrap_or("").contains("Research API"),
            "{code}"
        );
    }
}

/// README "Which TikTok APIs share which family": other APIs' bodies decode with the family the
/// table names.
#[test]
fn other_tiktok_apis_decode_with_their_family() {
    // Events API 2.0 (`/open_api/v1.3/event/track/`): Business API envelope and codes.
    let body =
        br#"{"code":40002,"message":"event_source_id is required","request_id":"ev-1","data":{}}"#;
    match decode(Api::Ads, body) {
        Err(TikTokError::Ads(e)) => assert_eq!(e.code(), Some(ads(40002))),
        other => panic!("{other:?}"),
    }
    // Accounts API / Creator Marketplace token step: the appendix's authentication codes.
    let body =
        br#"{"code":40110,"message":"The auth_code is canceled.","request_id":"acc-1","data":{}}"#;
    match decode(Api::Ads, body) {
        Err(TikTokError::Ads(e)) => assert_eq!(e.retry(), Retry::Reauthorize),
        other => panic!("{other:?}"),
    }
    // Research API: the v2 envelope, decoded as the Content Posting family.
    let body = br#"{"data":{},"error":{"code":"daily_quota_limit_exceeded","message":"quota","log_id":"L"}}"#;
    match decode(Api::ContentPosting, body) {
        Err(TikTokError::ContentPosting(e)) => {
            let c = e.code().expect("a known Research API code");
            assert!(c.title().starts_with("Research API"));
            assert_eq!(e.retry(), Retry::Throttled);
        }
        other => panic!("{other:?}"),
    }
    // Display API: the shared v2 codes.
    let body = br#"{"data":{},"error":{"code":"rate_limit_exceeded","message":"","log_id":"L"}}"#;
    match decode(Api::ContentPosting, body) {
        Err(TikTokError::ContentPosting(e)) => assert_eq!(e.retry(), Retry::Throttled),
        other => panic!("{other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Unknown-code fallback
// ---------------------------------------------------------------------------------------------

fn unknown_ads(code: i64, message: &str) -> ApiError<AdsCode> {
    assert!(AdsCode::from_int(code).is_none(), "{code} is known");
    ApiError::from_raw(code, message)
}

/// 401xx codes the catalogue does not know.
fn unknown_401xx() -> Vec<i64> {
    (40100..=40199)
        .filter(|c| AdsCode::from_int(*c).is_none())
        .collect()
}

#[test]
fn unknown_401xx_is_not_authentication_unless_the_message_says_so() {
    let codes = unknown_401xx();
    assert!(codes.len() > 50);
    for &code in &codes {
        for neutral in ["", "Something went wrong.", "Unknown error"] {
            let e = unknown_ads(code, neutral);
            assert_ne!(e.category(), Category::Authentication, "{code} {neutral:?}");
            assert_eq!(e.category(), Category::Unknown, "{code} {neutral:?}");
            assert_eq!(e.retry(), Retry::Unknown, "{code} {neutral:?}");
        }
        let e = unknown_ads(code, "Access token is incorrect or has been revoked.");
        assert_eq!(e.category(), Category::Authentication, "{code}");
        assert_eq!(e.retry(), Retry::Unknown, "{code}: no class is guessed");
    }
}

#[test]
fn throttling_messages_make_unknown_codes_throttled() {
    let messages = [
        "Advertiser (1)'s QPS (12) reaches QPS limit 10 for current path, request is temporarily restricted.",
        "Requests made too frequently.",
        "request is temporarily restricted",
        "App reaches the QPM limit",
    ];
    for code in [40134, 40177, 40099, 40450] {
        for m in messages {
            let e = unknown_ads(code, m);
            assert_eq!(e.retry(), Retry::Throttled, "{code} {m:?}");
            assert_eq!(e.category(), Category::RateLimit, "{code} {m:?}");
        }
    }
    // The QPS the message names sets the wait.
    let e = unknown_ads(
        40177,
        "QPS limit reached, request is temporarily restricted",
    );
    assert_eq!(
        e.retry_after_at(SystemTime::UNIX_EPOCH),
        Some(Duration::from_secs(1))
    );
    // Through decode, as users meet it.
    let body = br#"{"code":40188,"message":"Requests made too frequently.","request_id":"r"}"#;
    match decode(Api::Ads, body) {
        Err(TikTokError::Ads(e)) => {
            assert!(!e.is_known());
            assert_eq!(e.retry(), Retry::Throttled);
            assert_eq!(e.category(), Category::RateLimit);
        }
        other => panic!("{other:?}"),
    }
    let body = br#"{"code":40188,"message":"Oops","request_id":"r"}"#;
    match decode(Api::Ads, body) {
        Err(TikTokError::Ads(e)) => assert_eq!(e.category(), Category::Unknown),
        other => panic!("{other:?}"),
    }
}

#[test]
fn range_rules_follow_the_appendix() {
    // 5xxxx: TikTok-side service errors.
    for code in [50001, 51999, 59999] {
        let e = unknown_ads(code, "");
        assert_eq!(
            (e.category(), e.retry()),
            (Category::Server, Retry::Transient)
        );
    }
    // 409xx: file handling, retry class varies per code.
    let e = unknown_ads(40999, "");
    assert_eq!((e.category(), e.retry()), (Category::Media, Retry::Unknown));
    // Elsewhere in 4xxxx: no range is uniform.
    for code in [40099, 40250, 40399, 41999] {
        let e = unknown_ads(code, "");
        assert_eq!(
            (e.category(), e.retry()),
            (Category::Unknown, Retry::Unknown)
        );
    }
    // HTTP status still comes first.
    let e = unknown_ads(40177, "").with_http_status(429);
    assert_eq!(e.retry(), Retry::Throttled);
    let e = unknown_ads(40177, "").with_http_status(401);
    assert_eq!(e.category(), Category::Authentication);
    // Business Messaging shares the envelope and the rule.
    let e: ApiError<BusinessMessagingCode> =
        ApiError::from_raw(40177, "Requests made too frequently");
    assert_eq!(e.retry(), Retry::Throttled);
    let e: ApiError<BusinessMessagingCode> = ApiError::from_raw(40177, "");
    assert_ne!(e.category(), Category::Authentication);
}

// ---------------------------------------------------------------------------------------------
// The same facts through `tiktok-errors explain --json`
// ---------------------------------------------------------------------------------------------

#[cfg(feature = "cli")]
mod cli {
    use serde_json::Value;
    use std::process::Command;

    fn explain(args: &[&str]) -> Vec<Value> {
        let out = Command::new(env!("CARGO_BIN_EXE_tiktok-errors"))
            .arg("explain")
            .args(args)
            .arg("--json")
            .output()
            .expect("the CLI runs");
        assert!(out.status.success(), "explain {args:?}: {out:?}");
        String::from_utf8(out.stdout)
            .expect("UTF-8")
            .lines()
            .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
            .collect()
    }

    fn one(args: &[&str]) -> Value {
        let mut v = explain(args);
        assert_eq!(v.len(), 1, "explain {args:?}: {v:?}");
        v.remove(0)
    }

    #[test]
    fn explain_40133_is_throttled() {
        let v = one(&["40133"]);
        assert_eq!(v["retry"], "throttled");
        assert_eq!(v["category"], "rate_limit");
        assert_eq!(v["wait_seconds"], 1);
        assert_eq!(v["evidence"], "official");
    }

    #[test]
    fn explain_shows_every_listed_fix() {
        let v = one(&["40065"]);
        assert_eq!(v["retry"], "fix_request");
        let v = one(&["40014"]);
        assert!(v["title"].as_str().unwrap().contains("sandbox"));
        let v = one(&["40301"]);
        assert_eq!(v["retry"], "fix_request");
        assert_ne!(v["category"], "permission");
        let v = one(&["40909"]);
        assert!(v["title"].as_str().unwrap().contains("calculate_type"));
        let v = one(&["41000"]);
        assert!(v["title"].as_str().unwrap().contains("banned country"));
        let v = one(&["40113"]);
        assert_eq!(v["retry"], "fix_request");
        assert_eq!(v["category"], "authentication");
        let v = one(&["40131"]);
        assert!(!v["disagreements"].to_string().contains("Seed 000"));
        for code in ["40200", "40700"] {
            let v = one(&[code]);
            assert_eq!(v["retry"], "fix_request", "{code}");
            assert!(!v["disagreements"].as_array().unwrap().is_empty(), "{code}");
        }
        let v = one(&["invalid_grant"]);
        assert!(v["description"].as_str().unwrap().contains("180-day"));
        assert!(v["fix"].as_str().unwrap().contains("2 hours"));
        let v = one(&["access_token_invalid"]);
        assert!(v["description"].as_str().unwrap().contains("2 hours"));
        let v = one(&["invalid_file_upload"]);
        let d = v["description"].as_str().unwrap();
        assert!(d.contains("4 GB") && d.contains("20 MB"));
        assert!(!v["fix"].as_str().unwrap().contains("287"));
        let v = one(&["40064", "--api", "business-messaging"]);
        assert_eq!(v["wait_seconds"], Value::Null);
        assert_eq!(v["wait_until_utc_midnight"], false);
        assert_eq!(v["reschedule"], true);
        let v = one(&["timeout"]);
        assert!(v["title"].as_str().unwrap().starts_with("Research API"));
    }
}
