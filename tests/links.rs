//! Every entry's page link (`docs_url`), the serde view of decoded errors and successes (the
//! object `decode --json` prints), and the miette diagnostic.

use std::collections::HashSet;
use std::time::{Duration, UNIX_EPOCH};

use serde_json::Value;
use tiktok_errors::report::{decode_report, decode_report_at, result_json, ErrorReport};
use tiktok_errors::{
    decode, AdsCode, AdsDiagnosis, AnyCode, Api, ContentPostingCode, Decoder, OAuthCode,
    TikTokError, DOCS_BASE_URL,
};

#[test]
fn every_entry_has_a_unique_url_safe_path_made_of_family_and_code() {
    let mut seen = HashSet::new();
    for c in AnyCode::all() {
        let e = c.entry();
        let path = e.docs_path();
        assert!(seen.insert(path.clone()), "two entries share {path}");
        let (dir, file) = path.split_once('/').unwrap();
        assert_eq!(file, format!("{}.html", e.code()), "{c:?}");
        assert!(
            [
                "ads",
                "ads-diagnosis",
                "content-posting",
                "business-messaging",
                "oauth",
                "shop"
            ]
            .contains(&dir),
            "{path}"
        );
        // Nothing that needs percent-encoding, so the link is the same in every tool.
        assert!(
            path.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"/_-.".contains(&b)),
            "{path}"
        );
        assert_eq!(e.docs_url(), format!("{DOCS_BASE_URL}{path}"));
        assert_eq!(c.docs_url(), e.docs_url());
    }
    assert_eq!(seen.len(), AnyCode::all().count());
}

#[test]
fn published_paths_are_stable() {
    // These addresses are public: changing one breaks links in users' logs and issue trackers.
    assert_eq!(
        AdsCode::RequestTooFrequent.entry().docs_path(),
        "ads/40100.html"
    );
    assert_eq!(
        AdsDiagnosis::BidTooLow.entry().docs_path(),
        "ads-diagnosis/BID_TOO_LOW.html"
    );
    assert_eq!(
        ContentPostingCode::SpamRiskTooManyPosts.entry().docs_path(),
        "content-posting/spam_risk_too_many_posts.html"
    );
    assert_eq!(
        OAuthCode::from_code("invalid_grant")
            .unwrap()
            .entry()
            .docs_path(),
        "oauth/invalid_grant.html"
    );
    assert!(DOCS_BASE_URL.ends_with('/') && DOCS_BASE_URL.starts_with("https://"));
}

#[test]
fn errors_link_their_page_but_display_stays_one_line_without_it() {
    let err = decode(
        Api::Ads,
        br#"{"code":40100,"message":"QPS","request_id":"r"}"#,
    )
    .unwrap_err();
    let url = err.docs_url().unwrap();
    assert_eq!(url, AdsCode::RequestTooFrequent.docs_url());
    assert!(!err.to_string().contains("http"), "{err}");
    let TikTokError::Ads(api) = &err else {
        panic!()
    };
    assert_eq!(api.docs_url(), Some(url));

    // A failed publish links its fail_reason's page.
    let body = br#"{"data":{"status":"FAILED","fail_reason":"file_format_check_failed"},"error":{"code":"ok","message":""}}"#;
    let err = decode(Api::ContentPosting, body).unwrap_err();
    assert!(err
        .docs_url()
        .unwrap()
        .ends_with("content-posting/file_format_check_failed.html"));

    // Unknown codes and unreadable bodies have no page.
    assert_eq!(
        decode(Api::Ads, br#"{"code":51234}"#)
            .unwrap_err()
            .docs_url(),
        None
    );
    assert_eq!(decode(Api::Ads, b"<html>").unwrap_err().docs_url(), None);
}

/// Bodies covering every outcome and shape.
const BODIES: &[(Option<Api>, Option<u16>, &str)] = &[
    (
        Some(Api::Ads),
        Some(200),
        r#"{"code":40100,"message":"App reaches the QPD limit.","request_id":"r"}"#,
    ),
    (
        Some(Api::Ads),
        None,
        r#"{"code":0,"message":"OK","request_id":"r","data":{"a":1}}"#,
    ),
    (
        Some(Api::Ads),
        Some(200),
        r#"{"code":20001,"message":"partial","data":[]}"#,
    ),
    (
        Some(Api::Ads),
        Some(503),
        r#"{"code":"51234","message":"new"}"#,
    ),
    (
        Some(Api::Ads),
        Some(502),
        "<html><body>502 Bad Gateway</body></html>",
    ),
    (None, None, ""),
    (None, Some(429), "[1,2]"),
    (
        None,
        None,
        r#"{"error":{"code":"spam_risk_too_many_posts","message":"","log_id":"L"}}"#,
    ),
    (
        None,
        None,
        r#"{"data":{"status":"FAILED","fail_reason":"frame_rate_check_failed"},"error":{"code":"ok"}}"#,
    ),
    (
        Some(Api::OAuth),
        Some(400),
        r#"{"error":"invalid_grant","error_description":"expired"}"#,
    ),
    (
        Some(Api::OAuth),
        Some(200),
        r#"{"access_token":"a","expires_in":86400}"#,
    ),
    (
        Some(Api::BusinessMessaging),
        None,
        r#"{"code":40105,"message":"token"}"#,
    ),
];

#[test]
fn serializing_a_result_gives_the_decode_report() {
    for &(api, status, body) in BODIES {
        let mut d = api.map_or_else(Decoder::detect, Decoder::new);
        if let Some(s) = status {
            d = d.status(s);
        }
        let result = d.decode(body);
        let direct = match &result {
            Ok(s) => serde_json::to_value(s).unwrap(),
            Err(e) => serde_json::to_value(e).unwrap(),
        };
        // The clock-dependent keys may differ by the second that passes between two readings
        // of the system clock: compared below at a fixed time.
        let timeless = |mut v: Value| {
            if let Some(o) = v.as_object_mut() {
                o.remove("retry_after_seconds");
                o.remove("decision");
            }
            v
        };
        assert_eq!(
            timeless(direct.clone()),
            timeless(decode_report(api, status, body.as_bytes())),
            "{body}"
        );
        assert_eq!(
            timeless(direct.clone()),
            timeless(result_json(&result, status)),
            "{body}"
        );
        if let Err(e) = &result {
            let at = Some(UNIX_EPOCH + Duration::from_secs(1_795_388_400));
            assert_eq!(
                serde_json::to_value(ErrorReport::at(e, at)).unwrap(),
                decode_report_at(api, status, body.as_bytes(), at),
                "{body}"
            );
        }
        assert_eq!(direct["http_status"], serde_json::json!(status), "{body}");
        let keys: Vec<&str> = direct
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        for k in [
            "outcome", "api", "code", "known", "retry", "fix", "docs_url",
        ] {
            assert!(keys.contains(&k), "{k} missing for {body}");
        }
    }
}

#[test]
fn retry_windows_are_counted_from_the_time_given() {
    let body = br#"{"code":40100,"message":"App reaches the QPD limit."}"#;
    let err = decode(Api::Ads, body).unwrap_err();
    let at_23h = UNIX_EPOCH + Duration::from_secs(1_795_388_400);
    let v = serde_json::to_value(ErrorReport::at(&err, Some(at_23h))).unwrap();
    assert_eq!(v["retry_after_seconds"], 3600);
    // Without a clock (as on wasm32-unknown-unknown) a window that depends on the time of day
    // is left out; a fixed one is not.
    let v = decode_report_at(Some(Api::Ads), None, body, None);
    assert_eq!(v["retry_after_seconds"], Value::Null);
    let qps = br#"{"code":40100,"message":"App reaches the QPS limit."}"#;
    assert_eq!(
        decode_report_at(Some(Api::Ads), None, qps, None)["retry_after_seconds"],
        1
    );
}

#[test]
fn exports_and_entry_objects_carry_the_link() {
    let v = tiktok_errors::report::entry_json(AdsCode::RequestTooFrequent.into());
    assert_eq!(v["docs_url"], AdsCode::RequestTooFrequent.docs_url());
}

#[cfg(feature = "miette")]
#[test]
fn miette_reports_code_help_url_and_severity() {
    use miette::{Diagnostic, Severity};
    let cases = [
        (
            Api::Ads,
            r#"{"code":40100,"message":"QPS"}"#,
            "tiktok::ads::40100",
        ),
        (
            Api::ContentPosting,
            r#"{"error":{"code":"spam_risk_too_many_posts","message":""}}"#,
            "tiktok::content-posting::spam_risk_too_many_posts",
        ),
        (
            Api::OAuth,
            r#"{"error":"invalid_grant"}"#,
            "tiktok::oauth::invalid_grant",
        ),
        (Api::Ads, r#"{"code":51234}"#, "tiktok::ads::51234"),
        (Api::Ads, "<html>", "tiktok::malformed"),
    ];
    for (api, body, code) in cases {
        let err = decode(api, body).unwrap_err();
        assert_eq!(err.code().unwrap().to_string(), code);
        assert_eq!(err.severity(), Some(Severity::Error));
        let help = err.help().unwrap().to_string();
        assert!(help.contains("Next: "), "{help}");
        if let Some(fix) = err.fix() {
            assert!(help.starts_with(fix));
        }
        assert_eq!(err.url().map(|u| u.to_string()), err.docs_url());
    }
}
