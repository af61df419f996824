//! The library's main paths, built and run with the minimum supported Rust version.

use std::time::Duration;

use tiktok_errors::search::SearchOptions;
use tiktok_errors::{
    decode, lookup, AdsCode, Api, ContentPostingCode, Decoder, Retry,
    TikTokError,
};

fn main() {
    // Catalogue and lookups.
    let code = AdsCode::from_int(40100).expect("40100 is in the catalogue");
    assert_eq!(code.retry(), Retry::Throttled);
    assert!(!code.fix().is_empty());
    assert_eq!(
        ContentPostingCode::from_code("access_token_invalid").map(ContentPostingCode::retry),
        Some(Retry::RefreshToken)
    );
    assert!(lookup("40100").len() >= 2);
    assert!(code.entry().aliases().any(|a| a == "REQUEST_TOO_FREQUENT"));

    // Decoding every shape.
    let err = decode(
        Api::Ads,
        br#"{"code":40100,"message":"App reaches the QPS limit.","request_id":"r1"}"#,
    )
    .unwrap_err();
    assert_eq!(err.retry_after(), Some(Duration::from_secs(1)));
    assert_eq!(err.request_id(), Some("r1"));
    let ok = decode(Api::Ads, br#"{"code":0,"message":"OK","data":{"x":1}}"#).expect("success");
    assert_eq!(ok.data_json(), Some(r#"{"x":1}"#));
    let v2 = Decoder::detect().decode(br#"{"data":{},"error":{"code":"spam_risk_too_many_posts","message":"m","log_id":"L"}}"#)
        .unwrap_err();
    assert!(matches!(v2, TikTokError::ContentPosting(_)));
    let html = Decoder::new(Api::Ads).status(502).decode(b"<html>bad gateway</html>").unwrap_err();
    assert!(matches!(html, TikTokError::Malformed(_)));
    assert_eq!(html.retry(), Retry::Transient);

    // The `http` feature.
    let resp = http::Response::builder()
        .status(429)
        .header("retry-after", "7")
        .body(br#"{"code":40100,"message":"Too many requests"}"#.to_vec())
        .expect("response");
    let err = Decoder::new(Api::Ads).decode_response(&resp).unwrap_err();
    assert_eq!(err.retry_after(), Some(Duration::from_secs(7)));

    // Search.
    let hits = tiktok_errors::search("budget too low", &SearchOptions::default());
    assert!(!hits.is_empty());

    println!("msrv smoke: all checks passed");
}
