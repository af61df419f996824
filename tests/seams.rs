//! The seams a user harness found (issue 17 §2): each used to need user glue.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tiktok_errors::{
    decode, AdsCode, Api, ApiError, BusinessMessagingCode, ContentPostingCode, Decoder,
    MalformedReason, OAuthCode, RawCode, Reply, Retry, RetryAfter, TikTokError, TikTokResponse,
};

#[test]
fn every_family_error_converts_into_tiktok_error() {
    fn ads() -> Result<(), TikTokError> {
        Err(ApiError::new(AdsCode::RequestTooFrequent, "QPS"))?
    }
    fn cp() -> Result<(), TikTokError> {
        Err(ApiError::<ContentPostingCode>::from_raw(
            "spam_risk_too_many_posts",
            "",
        ))?
    }
    fn bm() -> Result<(), TikTokError> {
        Err(ApiError::<BusinessMessagingCode>::from_raw(40064, ""))?
    }
    fn oauth() -> Result<(), TikTokError> {
        Err(ApiError::<OAuthCode>::from_raw("invalid_grant", "expired"))?
    }
    assert!(
        matches!(ads(), Err(TikTokError::Ads(e)) if e.code() == Some(AdsCode::RequestTooFrequent))
    );
    assert!(matches!(cp(), Err(TikTokError::ContentPosting(_))));
    assert!(matches!(bm(), Err(TikTokError::BusinessMessaging(_))));
    assert!(matches!(oauth(), Err(TikTokError::OAuth(_))));
    // A failed publish taken out of its variant goes back into the same one.
    let body = r#"{"data":{"status":"FAILED","fail_reason":"file_format_check_failed"},"error":{"code":"ok","message":""}}"#;
    let TikTokError::PublishFailed(e) = decode(Api::ContentPosting, body).unwrap_err() else {
        panic!("a failed publish")
    };
    assert!(matches!(
        TikTokError::from(*e),
        TikTokError::PublishFailed(_)
    ));
}

#[test]
fn raw_codes_compare_with_every_integer_type_and_numeric_strings() {
    let int = RawCode::Int(40100);
    let text = RawCode::from("40100");
    for code in [&int, &text] {
        assert_eq!(*code, 40100_i32);
        assert_eq!(*code, 40100_u16);
        assert_eq!(*code, 40100_u32);
        assert_eq!(*code, 40100_i64);
        assert_eq!(*code, 40100_u64);
        assert_eq!(*code, 40100_i128);
        assert_eq!(*code, 40100_u128);
        assert_eq!(*code, 40100_usize);
        assert_eq!(*code, 40100_isize);
        assert_eq!(40100_u32, *code);
        assert_eq!(*code, "40100");
        assert_eq!("40100", *code);
        assert_eq!(*code, String::from("40100"));
        assert_ne!(*code, 40101);
        assert_ne!(*code, 64_u8);
    }
    // The rule: the integer's own spelling only.
    for other in ["040100", "+40100", " 40100", "40100.0", "4.01e4"] {
        assert_ne!(RawCode::from(other), 40100, "{other}");
        assert_ne!(int, other, "{other}");
    }
    assert_ne!(RawCode::Number("4.01e4".into()), 40100);
    assert_eq!(RawCode::Number("4.01e4".into()), "4.01e4");
    assert_eq!(RawCode::Int(-1), -1_i8);
    assert_ne!(RawCode::Int(-1), u64::MAX);
    assert_eq!(RawCode::from("0"), 0_u8);
    assert_ne!(RawCode::from("-0"), 0_u8);
    // A decoded error whose integer code arrived as a JSON string.
    let err = decode(Api::Ads, br#"{"code":"40100","message":"QPS"}"#).unwrap_err();
    assert_eq!(*err.raw_code().unwrap(), 40100);
}

fn fetch_campaigns() -> Result<Reply<'static>, TikTokError> {
    let body =
        String::from(r#"{"code":0,"message":"OK","request_id":"r-\u0031","data":{"list":[1,2]}}"#);
    let ok = decode(Api::Ads, &body)?.into_owned();
    drop(body);
    Ok(ok)
}

#[test]
fn a_success_outlives_its_body_and_crosses_threads() {
    let ok = fetch_campaigns().unwrap();
    let handle = std::thread::spawn(move || {
        assert_eq!(ok.data_json(), Some(r#"{"list":[1,2]}"#));
        assert_eq!(ok.request_id(), Some("r-1"));
        assert_eq!(ok.message(), Some("OK"));
        assert_eq!(ok.raw_code(), Some(&RawCode::Int(0)));
        #[derive(serde::Deserialize)]
        struct Page {
            list: Vec<u32>,
        }
        assert_eq!(ok.data_as::<Page>().unwrap().list, [1, 2]);
    });
    handle.join().unwrap();
    // Every success code survives.
    for (api, body, code) in [
        (
            Api::Ads,
            r#"{"code":"20001","data":{}}"#,
            RawCode::from("20001"),
        ),
        (
            Api::Ads,
            r#"{"code":"\u0030","data":{}}"#,
            RawCode::from("0"),
        ),
        (
            Api::ContentPosting,
            r#"{"data":{},"error":{"code":"ok"}}"#,
            RawCode::from("ok"),
        ),
    ] {
        let ok = decode(api, body).unwrap();
        let (partial, raw) = (ok.is_partial(), ok.raw_code().cloned());
        let owned = ok.into_owned();
        assert_eq!(
            (owned.is_partial(), owned.raw_code().cloned()),
            (partial, raw)
        );
        assert_eq!(owned.raw_code(), Some(&code));
    }
}

#[test]
fn the_serde_entry_point_takes_the_status_and_headers() {
    let r: TikTokResponse<serde_json::Value> =
        serde_json::from_str(r#"{"code":51999,"message":"new","data":{}}"#).unwrap();
    let err = r
        .into_result_with(
            &Decoder::new(Api::Ads)
                .status(503)
                .header("Retry-After", "7")
                .header("x-tt-logid", "L-1"),
        )
        .unwrap_err();
    assert_eq!(err.http_status(), Some(503));
    assert_eq!(err.retry(), Retry::Transient);
    assert_eq!(err.retry_after(), Some(Duration::from_secs(7)));
    assert_eq!(err.request_id(), Some("L-1"));

    let r: TikTokResponse<serde_json::Value> =
        serde_json::from_str(r#"{"code":0,"message":"OK","data":{"a":1}}"#).unwrap();
    let ok = r
        .into_result_with(
            &Decoder::new(Api::Ads)
                .status(200)
                .header("x-tt-logid", "L-2"),
        )
        .unwrap();
    assert_eq!(ok.http_status(), Some(200));
    assert_eq!(ok.request_id(), Some("L-2"));
}

#[cfg(feature = "report")]
#[test]
fn a_typed_result_serializes_like_the_error() {
    #[derive(serde::Deserialize, serde::Serialize)]
    struct Created {
        campaign_id: String,
    }
    let body = br#"{"code":0,"message":"OK","request_id":"r-9","data":{"campaign_id":"17"}}"#;
    let reply = Decoder::new(Api::Ads)
        .status(200)
        .decode_as::<Created>(body)
        .unwrap();
    let v = serde_json::to_value(&reply).unwrap();
    assert_eq!(v["outcome"], "success");
    assert_eq!(v["api"], "ads");
    assert_eq!(v["code"], "0");
    assert_eq!(v["request_id"], "r-9");
    assert_eq!(v["http_status"], 200);
    assert_eq!(v["data"]["campaign_id"], "17");
    // The keys the error's object has, where a success has a value for them.
    let err = decode(Api::Ads, br#"{"code":40100,"message":"QPS"}"#).unwrap_err();
    let e = serde_json::to_value(&err).unwrap();
    for key in [
        "outcome",
        "api",
        "code",
        "known",
        "category",
        "retry",
        "message",
        "request_id",
        "http_status",
        "fix",
    ] {
        assert!(e.get(key).is_some() && v.get(key).is_some(), "{key}");
    }
}

#[test]
fn a_payload_that_does_not_fit_keeps_the_request_id() {
    #[derive(Debug, serde::Deserialize)]
    struct Strict {
        #[allow(dead_code)]
        id: u64,
    }
    // Business API, code first (the single pass), code after data, and v2 (log id).
    for (api, body, id) in [
        (
            Api::Ads,
            r#"{"code":0,"message":"OK","request_id":"r-1","data":{"id":"x"}}"#,
            "r-1",
        ),
        (
            Api::Ads,
            r#"{"data":{"id":"x"},"code":0,"message":"OK","request_id":"r-2"}"#,
            "r-2",
        ),
        (
            Api::ContentPosting,
            r#"{"data":{"id":"x"},"error":{"code":"ok","message":"","log_id":"L-3"}}"#,
            "L-3",
        ),
    ] {
        let err = Decoder::new(api).decode_as::<Strict>(body).unwrap_err();
        assert!(
            matches!(&err, TikTokError::Malformed(m) if m.reason() == MalformedReason::PayloadMismatch),
            "{err}"
        );
        assert_eq!(err.request_id(), Some(id), "{body}");
        // The serde entry point too.
        let r: TikTokResponse<Strict> = match serde_json::from_str(body) {
            Ok(r) => r,
            Err(_) => continue, // the single pass fails inside serde: serde's error
        };
        assert_eq!(r.into_result(api).unwrap_err().request_id(), Some(id));
    }
    // The body's id beats the header; the header serves when the body has none.
    let err = Decoder::new(Api::Ads)
        .header("x-tt-logid", "L-h")
        .decode_as::<Strict>(r#"{"code":0,"data":{"id":"x"}}"#)
        .unwrap_err();
    assert_eq!(err.request_id(), Some("L-h"));
}

#[test]
fn an_api_errors_display_includes_the_http_status() {
    let err = Decoder::new(Api::Ads)
        .status(429)
        .decode(br#"{"code":40100,"message":"App reaches the QPS limit.","request_id":"r"}"#)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Ads error 40100 (Too many requests) HTTP 429: App reaches the QPS limit. [request_id: r]"
    );
    // Without a status, as before.
    let err = decode(Api::Ads, br#"{"code":40100,"message":"m"}"#).unwrap_err();
    assert_eq!(err.to_string(), "Ads error 40100 (Too many requests): m");
    // Still one bounded line.
    let long = "x\n".repeat(10_000);
    let body =
        serde_json::json!({"code": 40100, "message": long, "request_id": "r".repeat(10_000)});
    let err = Decoder::new(Api::Ads)
        .status(503)
        .decode(body.to_string().as_bytes())
        .unwrap_err();
    let line = err.to_string();
    assert!(!line.contains('\n') && line.chars().count() < 600, "{line}");
    assert!(line.contains("HTTP 503"));
}

#[test]
fn retry_after_dates_in_every_http_date_form() {
    let at = UNIX_EPOCH + Duration::from_secs(784_111_777);
    for v in [
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
    ] {
        assert_eq!(RetryAfter::parse(v), Some(RetryAfter::At(at)), "{v}");
    }
    for v in ["", "soon", "Sun, 06 Nov 1994 25:49:37 GMT", "-1", "1.5"] {
        assert_eq!(RetryAfter::parse(v), None, "{v}");
    }
    let _: SystemTime = at;
}
