//! `TikTokResponse<T>`, the typed `Reply<'static, T>` and `Decoder::decode_as`: every envelope
//! shape through every serde entry point, agreeing field for field with `decode` (the table),
//! plus what only the typed path does (borrowing payloads, nesting, flattening, payload mismatches).

mod invariants;

use std::borrow::Cow;

use invariants::{check_typed, Call};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};
use tiktok_errors::{
    decode, AdsCode, Api, BusinessMessagingCode, ContentPostingCode, Decoder, MalformedReason,
    OAuthCode, RawCode, Reply, TikTokError, TikTokResponse,
};

#[derive(Debug, Deserialize, PartialEq)]
struct Page {
    list: Vec<Campaign>,
    page_info: PageInfo,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Campaign {
    campaign_id: String,
    campaign_name: String,
    budget: f64,
}

#[derive(Debug, Deserialize, PartialEq)]
struct PageInfo {
    page: u32,
    total_number: u32,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Token {
    access_token: String,
    expires_in: u64,
    open_id: String,
    refresh_token: String,
    scope: String,
}

const PAGE: &str = r#"{"list":[{"campaign_id":"1","campaign_name":"Spring \"sale\"","budget":50.5},{"campaign_id":"2","campaign_name":"Été","budget":100}],"page_info":{"page":1,"total_number":2}}"#;

fn page() -> Page {
    serde_json::from_str(PAGE).unwrap()
}

/// Every documented shape, and the odd ones the decoder has to survive.
fn table() -> Vec<(&'static str, Option<Api>, String)> {
    let mut t = vec![
        ("ads success, code first", Some(Api::Ads), format!(r#"{{"code":0,"message":"OK","request_id":"r-1","data":{PAGE}}}"#)),
        ("ads success, data first", Some(Api::Ads), format!(r#"{{"data":{PAGE},"request_id":"r-1","message":"OK","code":0}}"#)),
        ("ads success, string code", Some(Api::Ads), format!(r#"{{"code":"0","message":"OK","data":{PAGE}}}"#)),
        ("ads partial", Some(Api::Ads), r#"{"code":20001,"message":"partial","request_id":"r","data":{"failed":[{"id":3}]}}"#.into()),
        ("ads success, no data", Some(Api::Ads), r#"{"code":0,"message":"OK","request_id":"r"}"#.into()),
        ("ads success, null data", Some(Api::Ads), r#"{"code":0,"message":"OK","data":null}"#.into()),
        ("ads error", Some(Api::Ads), r#"{"code":40100,"message":"App reaches the QPS limit.","request_id":"r-2","data":{}}"#.into()),
        ("ads error with data", Some(Api::Ads), r#"{"code":40002,"message":"budget: too low","request_id":"r-3","data":{"field":"budget"}}"#.into()),
        ("ads error, data first", Some(Api::Ads), r#"{"data":{"field":"budget"},"message":"budget: too low","code":40002}"#.into()),
        ("ads unknown code", Some(Api::Ads), r#"{"code":51234,"message":"new","request_id":"r"}"#.into()),
        ("ads float code", Some(Api::Ads), r#"{"code":4.01e4,"message":"odd"}"#.into()),
        ("ads null code", Some(Api::Ads), r#"{"code":null,"message":"odd"}"#.into()),
        ("ads repeated code", Some(Api::Ads), r#"{"code":0,"code":40100,"message":"m"}"#.into()),
        ("ads id only in log_id", Some(Api::Ads), r#"{"code":40001,"message":"m","log_id":"L"}"#.into()),
        ("ads escaped message", Some(Api::Ads), r#"{"code":40001,"message":"a \"quoted\" \u00e9 word","request_id":"r\/1"}"#.into()),
        ("business messaging", Some(Api::BusinessMessaging), r#"{"code":0,"message":"OK","data":{"messages":[]}}"#.into()),
        ("business messaging error", Some(Api::BusinessMessaging), r#"{"code":40001,"message":"m"}"#.into()),
        ("v2 success", Some(Api::ContentPosting), r#"{"data":{"publish_id":"v_pub_1"},"error":{"code":"ok","message":"","log_id":"L1"}}"#.into()),
        ("v2 success, error first", Some(Api::ContentPosting), r#"{"error":{"code":"ok","message":"","log_id":"L1"},"data":{"publish_id":"v_pub_1"}}"#.into()),
        ("v2 error", Some(Api::ContentPosting), r#"{"data":{},"error":{"code":"spam_risk_too_many_posts","message":"too many","log_id":"L2"}}"#.into()),
        ("v2 publish failed", Some(Api::ContentPosting), r#"{"data":{"status":"FAILED","fail_reason":"frame_rate_check_failed","uploaded_bytes":10},"error":{"code":"ok","message":"","log_id":"L3"}}"#.into()),
        ("v2 publish complete", Some(Api::ContentPosting), r#"{"data":{"status":"PUBLISH_COMPLETE"},"error":{"code":"ok","message":"","log_id":"L3"}}"#.into()),
        ("v2 error asked as ads", Some(Api::Ads), r#"{"data":{},"error":{"code":"access_token_invalid","message":"m","log_id":"L"}}"#.into()),
        ("bare v2 error", Some(Api::ContentPosting), r#"{"code":"access_token_invalid","message":"The access token is invalid.","log_id":"L4"}"#.into()),
        ("bare v2 ok", Some(Api::ContentPosting), r#"{"code":"ok","message":"","log_id":"L4","data":{"publish_id":"p"}}"#.into()),
        ("bare v2 error asked as ads", Some(Api::Ads), r#"{"code":"access_token_invalid","message":"m","log_id":"L4"}"#.into()),
        ("bare oauth error code", Some(Api::OAuth), r#"{"code":"invalid_grant","message":"m"}"#.into()),
        ("oauth token", Some(Api::OAuth), r#"{"access_token":"act.1","expires_in":86400,"open_id":"o-1","refresh_expires_in":31536000,"refresh_token":"rft.1","scope":"user.info.basic","token_type":"Bearer","log_id":"L5"}"#.into()),
        ("oauth token, data member", Some(Api::OAuth), r#"{"data":{"x":1},"access_token":"a","error":null}"#.into()),
        // `decode_as` reads these straight into `T` (no member the envelope names at the top).
        ("oauth token, one pass", Some(Api::OAuth), r#"{"access_token":"act.1","expires_in":86400,"open_id":"o-1","scope":"s","token_type":"Bearer","extra":{"code":40100,"error":"x","log_id":"in"}}"#.into()),
        ("oauth token without access_token", Some(Api::OAuth), r#"{"open_id":"o-1","x":[{"message":"m"}]}"#.into()),
        ("oauth token, top-level status", Some(Api::OAuth), r#"{"access_token":"a","status":"FAILED"}"#.into()),
        ("oauth error", Some(Api::OAuth), r#"{"error":"invalid_grant","error_description":"Refresh token is invalid or expired.","log_id":"L6"}"#.into()),
        ("no code asked as ads", Some(Api::Ads), r#"{"message":"m","request_id":"r"}"#.into()),
        ("no code asked as v2", Some(Api::ContentPosting), r#"{"data":{}}"#.into()),
        ("error is a number", Some(Api::ContentPosting), r#"{"error":5}"#.into()),
        ("html page", Some(Api::Ads), "<html><body>502 Bad Gateway</body></html>".into()),
        ("empty", Some(Api::Ads), "".into()),
        ("array", Some(Api::Ads), "[1,2]".into()),
        ("truncated", Some(Api::Ads), r#"{"code":0,"message":"OK","data":{"list":[1,"#.into()),
        ("trailing garbage", Some(Api::Ads), r#"{"code":0} x"#.into()),
        ("typed too early", Some(Api::Ads), r#"{"code":0,"data":{"k":1},"code":40100}"#.into()),
        // Found by the typed_differential fuzz target.
        ("lone surrogate in a message", Some(Api::Ads), r#"{"message":"no code\ud03d\ude00"}"#.into()),
        ("number past f64 as an id", Some(Api::Ads), r#"{"code":51234,"message":1e5,"request_id":2026111e512345678901}"#.into()),
        ("repeated error, first unreadable", Some(Api::ContentPosting), r#"{"data":{},"error":{"code":"ok","log_id":"x\ud53d\ude00"},"error":{"code":"ok","log_id":"L"}}"#.into()),
        ("payload nested 127 deep", Some(Api::Ads), format!(r#"{{"code":0,"data":{}{}}}"#, "[".repeat(127), "]".repeat(127))),
        ("float message", Some(Api::Ads), r#"{"code":40001,"message":-0,"request_id":1.5e3}"#.into()),
        ("integer fields", Some(Api::Ads), r#"{"code":40001,"message":18446744073709551615,"request_id":-7}"#.into()),
    ];
    // Detection over the same bodies.
    let detect: Vec<_> = t.iter().map(|(n, _, b)| (*n, None, b.clone())).collect();
    t.extend(detect);
    t
}

#[test]
fn every_shape_agrees_with_decode_through_every_entry_point() {
    for (name, api, body) in table() {
        for status in [None, Some(200), Some(401), Some(429), Some(502)] {
            for logid in [None, Some("H-1")] {
                let call = Call {
                    body: body.as_bytes(),
                    api,
                    status,
                    logid,
                    retry_after: Some("7"),
                };
                let r = std::panic::catch_unwind(|| check_typed(&call));
                assert!(
                    r.is_ok(),
                    "{name} ({api:?}, status {status:?}, logid {logid:?})"
                );
            }
        }
    }
    // Not UTF-8 in a member the envelope skips: `decode` tolerates it, so does `decode_as`.
    let mut body = br#"{"code":0,"x":""#.to_vec();
    body.extend_from_slice(b"\xff\"");
    body.extend_from_slice(br#","data":{"list":[]}}"#);
    check_typed(&Call {
        body: &body,
        api: Some(Api::Ads),
        ..Call::default()
    });
}

/// `from_slice`, `from_str`, `from_reader`, `from_value` then `into_result`.
fn all_four<T: DeserializeOwned>(
    body: &str,
    api: Api,
) -> Vec<Result<Reply<'static, T>, TikTokError>> {
    vec![
        serde_json::from_slice::<TikTokResponse<T>>(body.as_bytes())
            .unwrap()
            .into_result(api),
        serde_json::from_str::<TikTokResponse<T>>(body)
            .unwrap()
            .into_result(api),
        serde_json::from_reader::<_, TikTokResponse<T>>(body.as_bytes())
            .unwrap()
            .into_result(api),
        serde_json::from_value::<TikTokResponse<T>>(serde_json::from_str(body).unwrap())
            .unwrap()
            .into_result(api),
    ]
}

#[test]
fn a_page_of_campaigns_in_every_order_and_entry_point() {
    for body in [
        format!(r#"{{"code":0,"message":"OK","request_id":"r-1","data":{PAGE}}}"#),
        format!(r#"{{"data":{PAGE},"code":0,"message":"OK","request_id":"r-1"}}"#),
    ] {
        for r in all_four::<Page>(&body, Api::Ads) {
            let r = r.unwrap();
            assert_eq!(r.data(), &page());
            assert_eq!(r.request_id(), Some("r-1"));
            assert_eq!(r.message(), Some("OK"));
            assert_eq!(r.raw_code(), Some(&RawCode::Int(0)));
            assert_eq!(r.api(), Api::Ads);
            assert!(!r.is_partial());
            assert_eq!(r.outcome(), "success");
        }
        let r = Decoder::new(Api::Ads)
            .status(200)
            .decode_as::<Page>(&body)
            .unwrap();
        assert_eq!(r.into_data(), page());
    }
}

#[test]
fn success_codes_are_kept_as_sent() {
    let r = Decoder::new(Api::Ads)
        .decode_as::<Option<Value>>(r#"{"code":"20001","message":"p","data":null}"#)
        .unwrap();
    assert_eq!(r.raw_code(), Some(&RawCode::from("20001")));
    assert!(r.is_partial());
    assert_eq!(r.data(), &None);
    let r = Decoder::new(Api::ContentPosting)
        .decode_as::<Value>(r#"{"data":{},"error":{"code":"ok"}}"#)
        .unwrap();
    assert_eq!(r.raw_code(), Some(&RawCode::from("ok")));
    let r = Decoder::new(Api::OAuth)
        .decode_as::<Token>(
            r#"{"access_token":"a","expires_in":1,"open_id":"o","refresh_token":"r","scope":"s"}"#,
        )
        .unwrap();
    assert_eq!(r.raw_code(), None);
    assert_eq!(r.data().open_id, "o");
    assert_eq!(
        tiktok_errors::report::decode_report(Some(Api::Ads), None, br#"{"code":0,"data":{}}"#)
            ["code"],
        "0"
    );
    assert_eq!(
        tiktok_errors::report::decode_report(
            Some(Api::ContentPosting),
            None,
            br#"{"data":{},"error":{"code":"ok"}}"#
        )["code"],
        "ok"
    );
}

#[test]
fn oauth_token_is_the_payload_and_oauth_errors_are_typed() {
    let body = r#"{"access_token":"act.1","expires_in":86400,"open_id":"o-1","refresh_expires_in":31536000,"refresh_token":"rft.1","scope":"user.info.basic","token_type":"Bearer","log_id":"L5"}"#;
    for r in all_four::<Token>(body, Api::OAuth) {
        let r = r.unwrap();
        assert_eq!(r.data().access_token, "act.1");
        assert_eq!(r.data().expires_in, 86400);
        assert_eq!(r.request_id(), Some("L5"));
        assert_eq!(r.api(), Api::OAuth);
    }
    let body = r#"{"error":"invalid_grant","error_description":"Refresh token is invalid or expired.","log_id":"L6"}"#;
    for r in all_four::<Token>(body, Api::OAuth) {
        let e = r.unwrap_err();
        assert!(matches!(&e, TikTokError::OAuth(x) if x.code() == Some(OAuthCode::InvalidGrant)));
        assert_eq!(e.request_id(), Some("L6"));
        assert_eq!(e.message(), Some("Refresh token is invalid or expired."));
    }
}

/// `decode_as` reads a token object in one pass (straight into `T`); it gives what the
/// envelope path gives (`TikTokResponse<T>` then `into_result_with`), with the header's log id,
/// through `Option<T>`, and falls back to the envelope path when the body names `log_id`.
#[test]
fn a_token_read_in_one_pass_is_what_the_envelope_path_gives() {
    let token = r#"{"access_token":"act.1","expires_in":86400,"open_id":"o-1","refresh_expires_in":31536000,"refresh_token":"rft.1","scope":"user.info.basic","token_type":"Bearer"}"#;
    let with_log_id = token.replace(r#""token_type""#, r#""log_id":"L5","token_type""#);
    for (body, id) in [(token, Some("H-1")), (with_log_id.as_str(), Some("L5"))] {
        for api in [Some(Api::OAuth), None] {
            let decoder = match api {
                Some(api) => Decoder::new(api),
                None => Decoder::detect(),
            }
            .status(200)
            .header("x-tt-logid", "H-1");
            let one: Reply<'static, Token> = decoder.decode_as(body).unwrap();
            let env = serde_json::from_str::<TikTokResponse<Token>>(body)
                .unwrap()
                .into_result_with(&decoder)
                .unwrap();
            assert_eq!(one.data().access_token, env.data().access_token);
            assert_eq!(one.data().expires_in, 86400);
            assert_eq!(one.request_id(), id);
            assert_eq!(
                (one.api(), one.raw_code(), one.message(), one.http_status()),
                (env.api(), env.raw_code(), env.message(), env.http_status())
            );
            assert_eq!(one.request_id(), env.request_id());
            let opt: Reply<'static, Option<Token>> = decoder.decode_as(body).unwrap();
            assert_eq!(opt.data().as_ref().map(|t| t.expires_in), Some(86400));
        }
    }
    // Not a token for the Marketing API; a token that does not fit `T` keeps its mismatch.
    assert!(Decoder::new(Api::Ads).decode_as::<Token>(token).is_err());
    let err = Decoder::new(Api::OAuth)
        .decode_as::<Token>(r#"{"access_token":"a"}"#)
        .unwrap_err();
    assert!(
        matches!(&err, TikTokError::Malformed(m) if m.reason() == MalformedReason::PayloadMismatch)
    );
}

#[test]
fn v2_shapes_including_a_failed_publish() {
    #[derive(Debug, Deserialize)]
    struct Status {
        status: String,
    }
    let failed = r#"{"data":{"status":"FAILED","fail_reason":"frame_rate_check_failed"},"error":{"code":"ok","message":"","log_id":"L"}}"#;
    for r in all_four::<Status>(failed, Api::ContentPosting) {
        let e = r.unwrap_err();
        assert!(matches!(&e, TikTokError::PublishFailed(x)
            if x.code() == Some(ContentPostingCode::FrameRateCheckFailed)));
        assert_eq!(e.request_id(), Some("L"));
    }
    let done =
        r#"{"data":{"status":"PUBLISH_COMPLETE"},"error":{"code":"ok","message":"","log_id":"L"}}"#;
    for r in all_four::<Status>(done, Api::ContentPosting) {
        assert_eq!(r.unwrap().data().status, "PUBLISH_COMPLETE");
    }
    let err =
        r#"{"data":{},"error":{"code":"spam_risk_too_many_posts","message":"m","log_id":"L"}}"#;
    for r in all_four::<Status>(err, Api::ContentPosting) {
        let e = r.unwrap_err();
        assert!(matches!(&e, TikTokError::ContentPosting(x)
            if x.code() == Some(ContentPostingCode::SpamRiskTooManyPosts)));
    }
}

#[test]
fn a_bare_v2_error_struct_is_the_family_asked_for() {
    let body = r#"{"code":"access_token_invalid","message":"The access token is invalid or not found in the request.","log_id":"202206221854370101130062072500FFA2"}"#;
    let e = decode(Api::ContentPosting, body).unwrap_err();
    assert!(
        matches!(&e, TikTokError::ContentPosting(x)
        if x.code() == Some(ContentPostingCode::AccessTokenInvalid)),
        "{e:?}"
    );
    assert_eq!(e.retry(), tiktok_errors::Retry::RefreshToken);
    assert_eq!(e.request_id(), Some("202206221854370101130062072500FFA2"));
    for r in all_four::<Value>(body, Api::ContentPosting) {
        assert_eq!(r.unwrap_err(), e);
    }
    assert_eq!(
        Decoder::new(Api::ContentPosting)
            .decode_as::<Value>(body)
            .unwrap_err(),
        e
    );
    // OAuth asked: an OAuth code.
    let e = decode(Api::OAuth, r#"{"code":"invalid_grant","message":"m"}"#).unwrap_err();
    assert!(matches!(&e, TikTokError::OAuth(x) if x.code() == Some(OAuthCode::InvalidGrant)));
    // Ads asked: the Business API's, as before (an unknown string code).
    let e = decode(Api::Ads, body).unwrap_err();
    assert!(matches!(&e, TikTokError::Ads(x) if x.code().is_none()));
    // Integer codes stay the Business API's whatever the family.
    let e = decode(Api::ContentPosting, r#"{"code":40100,"message":"m"}"#).unwrap_err();
    assert!(matches!(&e, TikTokError::Ads(x) if x.code() == Some(AdsCode::RequestTooFrequent)));
    let e = decode(Api::BusinessMessaging, r#"{"code":"40001","message":"m"}"#).unwrap_err();
    assert!(
        matches!(&e, TikTokError::BusinessMessaging(x) if x.code() == <BusinessMessagingCode as tiktok_errors::ErrorCode>::from_int(40001))
    );
}

#[test]
fn malformed_bodies_are_tiktok_errors_through_decode_as() {
    let d = Decoder::new(Api::Ads).status(502);
    let cases: [(&[u8], MalformedReason); 5] = [
        (b"<html>502 Bad Gateway</html>", MalformedReason::NotJson),
        (b"   ", MalformedReason::EmptyBody),
        (b"[1]", MalformedReason::NotAnObject { found: "array" }),
        (br#"{"code":0,"data":{"list":["#, MalformedReason::NotJson),
        (
            br#"{"code":0,"data":{"list":"not a list","page_info":{}}}"#,
            MalformedReason::PayloadMismatch,
        ),
    ];
    for (body, reason) in cases {
        let e = d.decode_as::<Page>(body).unwrap_err();
        let TikTokError::Malformed(m) = &e else {
            panic!("{e:?}")
        };
        assert_eq!(m.reason(), reason, "{}", String::from_utf8_lossy(body));
        assert_eq!(m.http_status(), Some(502));
        assert_eq!(m.body_len(), body.len());
    }
    // A payload mismatch says what serde found, as its source.
    let e = d
        .decode_as::<Page>(&br#"{"code":0,"data":{"list":"x"}}"#[..])
        .unwrap_err();
    let src = std::error::Error::source(&e).expect("source").to_string();
    assert!(src.contains("invalid type"), "{src}");
    // The same through into_result for a payload read there (an OAuth token).
    let r: TikTokResponse<Page> = serde_json::from_str(r#"{"access_token":"a"}"#).unwrap();
    let e = r.into_result(Api::OAuth).unwrap_err();
    assert!(
        matches!(&e, TikTokError::Malformed(m) if m.reason() == MalformedReason::PayloadMismatch)
    );
}

#[test]
fn borrowed_payloads_from_borrowed_input() {
    #[derive(Deserialize)]
    struct Item<'a> {
        #[serde(borrow)]
        name: Cow<'a, str>,
        id: &'a str,
    }
    let body = r#"{"code":0,"message":"OK","data":{"name":"plain","id":"7"}}"#;
    let r = serde_json::from_str::<TikTokResponse<Item<'_>>>(body)
        .unwrap()
        .into_result(Api::Ads)
        .unwrap();
    assert!(matches!(r.data().name, Cow::Borrowed("plain")));
    assert_eq!(r.data().id, "7");
    // data before the code and v2 payloads are read from the borrowed raw text.
    for (api, body) in [
        (Api::Ads, r#"{"data":{"name":"n","id":"8"},"code":0}"#),
        (
            Api::ContentPosting,
            r#"{"data":{"name":"n","id":"9"},"error":{"code":"ok"}}"#,
        ),
    ] {
        let r = Decoder::new(api).decode_as::<Item<'_>>(body).unwrap();
        assert!(matches!(r.data().name, Cow::Borrowed("n")));
    }
}

#[test]
fn nested_and_flattened_in_the_callers_types() {
    #[derive(Deserialize)]
    struct Stored {
        endpoint: String,
        response: TikTokResponse<Page>,
    }
    let stored = format!(
        r#"{{"endpoint":"/campaign/get/","response":{{"code":0,"message":"OK","request_id":"r","data":{PAGE}}}}}"#
    );
    let s: Stored = serde_json::from_str(&stored).unwrap();
    assert_eq!(s.endpoint, "/campaign/get/");
    assert_eq!(
        s.response.into_result(Api::Ads).unwrap().into_data(),
        page()
    );
    let s: Stored = serde_json::from_reader(stored.as_bytes()).unwrap();
    assert_eq!(
        s.response.into_result(Api::Ads).unwrap().into_data(),
        page()
    );

    #[derive(Deserialize)]
    struct Logged {
        received_at: u64,
        #[serde(flatten)]
        response: TikTokResponse<Page>,
    }
    let logged =
        format!(r#"{{"received_at":17,"code":0,"message":"OK","request_id":"r","data":{PAGE}}}"#);
    let l: Logged = serde_json::from_str(&logged).unwrap();
    assert_eq!(l.received_at, 17);
    let r = l.response.into_result(Api::Ads).unwrap();
    assert_eq!(r.data(), &page());
    assert_eq!(r.request_id(), Some("r"));
    let logged =
        r#"{"received_at":18,"code":40100,"message":"QPS","request_id":"r","data":{"a":[1,2]}}"#;
    let l: Logged = serde_json::from_str(logged).unwrap();
    let e = l.response.into_result(Api::Ads).unwrap_err();
    assert_eq!(e.raw_code(), Some(&RawCode::Int(40100)));
    let TikTokError::Ads(x) = &e else { panic!() };
    assert_eq!(x.data_json(), Some(r#"{"a":[1,2]}"#));
    assert_eq!(l.received_at, 18);
}

#[test]
fn typed_values_are_send_sync_and_owned_when_t_is() {
    fn send_sync<X: Send + Sync + 'static>() {}
    fn owned<X: DeserializeOwned>() {}
    send_sync::<TikTokResponse<Page>>();
    send_sync::<Reply<'static, Page>>();
    owned::<TikTokResponse<Page>>();
    owned::<TikTokResponse<Value>>();
    let r: Reply<'static, Page> = Decoder::new(Api::Ads)
        .decode_as(format!(r#"{{"code":0,"data":{PAGE}}}"#).as_str())
        .unwrap();
    let r = r.map(|p| p.list.len());
    assert_eq!(*r.data(), 2);
    let _ = format!(
        "{:?}",
        serde_json::from_str::<TikTokResponse<Value>>(r#"{"code":1}"#).unwrap()
    );
    assert_eq!(json!(r.outcome()), "success");
}
