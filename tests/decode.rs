//! Decoding raw TikTok responses: one table per envelope shape (bodies written from the shapes
//! TikTok documents), then odd and broken input, headers, detection, the serde path and
//! `Display`. Every case checks every field the decoder keeps.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tiktok_errors::{
    decode, AdsCode, AnyCode, Api, BusinessMessagingCode, Category, ContentPostingCode, Decoder,
    MalformedReason, MalformedResponse, OAuthCode, RawCode, Reply, Retry, RetryAfter, TikTokError,
    TikTokResponse, BODY_PREFIX_LIMIT, DISPLAY_FIELD_LIMIT, DISPLAY_MESSAGE_LIMIT,
};

// ---------------------------------------------------------------------------------------------
// Expectations
// ---------------------------------------------------------------------------------------------

fn ads(code: i64) -> AnyCode {
    AnyCode::Ads(AdsCode::from_int(code).unwrap_or_else(|| panic!("Ads {code} missing")))
}
fn bm(code: i64) -> AnyCode {
    AnyCode::BusinessMessaging(
        BusinessMessagingCode::from_int(code).unwrap_or_else(|| panic!("BM {code} missing")),
    )
}
fn cp(code: &str) -> AnyCode {
    AnyCode::ContentPosting(
        ContentPostingCode::from_code(code).unwrap_or_else(|| panic!("CP {code} missing")),
    )
}
fn oauth(code: &str) -> AnyCode {
    AnyCode::OAuth(OAuthCode::from_code(code).unwrap_or_else(|| panic!("OAuth {code} missing")))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Ads,
    ContentPosting,
    PublishFailed,
    BusinessMessaging,
    OAuth,
}

fn kind(e: &TikTokError) -> Option<Kind> {
    match e {
        TikTokError::Ads(_) => Some(Kind::Ads),
        TikTokError::ContentPosting(_) => Some(Kind::ContentPosting),
        TikTokError::PublishFailed(_) => Some(Kind::PublishFailed),
        TikTokError::BusinessMessaging(_) => Some(Kind::BusinessMessaging),
        TikTokError::OAuth(_) => Some(Kind::OAuth),
        _ => None,
    }
}

fn data_json(e: &TikTokError) -> Option<&str> {
    match e {
        TikTokError::Ads(a) => a.data_json(),
        TikTokError::ContentPosting(a) | TikTokError::PublishFailed(a) => a.data_json(),
        TikTokError::BusinessMessaging(a) => a.data_json(),
        TikTokError::OAuth(a) => a.data_json(),
        _ => None,
    }
}

fn malformed(e: &TikTokError) -> &MalformedResponse {
    match e {
        TikTokError::Malformed(m) => m,
        other => panic!("expected a malformed response, got {other:?}"),
    }
}

#[derive(Debug, Clone)]
struct Okay {
    api: Api,
    partial: bool,
    data: Option<&'static str>,
    id: Option<&'static str>,
    message: Option<&'static str>,
}

#[derive(Debug, Clone)]
struct Fail {
    kind: Kind,
    raw: RawCode,
    code: Option<AnyCode>,
    message: Option<&'static str>,
    id: Option<&'static str>,
    fail_reason: Option<&'static str>,
    retry: Retry,
    category: Category,
    data: Option<&'static str>,
}

#[derive(Debug, Clone)]
enum Want {
    Ok(Okay),
    Err(Fail),
}

struct Case {
    name: &'static str,
    api: Api,
    status: Option<u16>,
    body: &'static str,
    want: Want,
}

fn ok(
    api: Api,
    data: Option<&'static str>,
    id: Option<&'static str>,
    message: Option<&'static str>,
) -> Want {
    Want::Ok(Okay {
        api,
        partial: false,
        data,
        id,
        message,
    })
}

#[allow(clippy::too_many_arguments)]
fn fail(
    kind: Kind,
    raw: impl Into<RawCode>,
    code: Option<AnyCode>,
    message: Option<&'static str>,
    id: Option<&'static str>,
    retry: Retry,
    category: Category,
    data: Option<&'static str>,
) -> Want {
    Want::Err(Fail {
        kind,
        raw: raw.into(),
        code,
        message,
        id,
        fail_reason: None,
        retry,
        category,
        data,
    })
}

fn check_success(name: &str, s: &Reply<'_>, w: &Okay) {
    assert_eq!(s.api(), w.api, "{name}: api");
    assert_eq!(s.is_partial(), w.partial, "{name}: partial");
    assert_eq!(
        s.outcome(),
        if w.partial {
            "partial_success"
        } else {
            "success"
        },
        "{name}"
    );
    assert_eq!(s.data_json(), w.data, "{name}: data_json");
    assert_eq!(s.request_id(), w.id, "{name}: request_id");
    assert_eq!(s.message(), w.message, "{name}: message");
    if let Some(d) = w.data {
        // The payload is usable as JSON and as the caller's type.
        let v: serde_json::Value = s
            .data_as()
            .unwrap_or_else(|e| panic!("{name}: data_as: {e}"));
        assert_eq!(
            v,
            serde_json::from_str::<serde_json::Value>(d).expect("valid"),
            "{name}"
        );
    }
}

fn check_error(name: &str, e: &TikTokError, w: &Fail, status: Option<u16>) {
    assert_eq!(kind(e), Some(w.kind), "{name}: variant of {e:?}");
    let api = match w.kind {
        Kind::Ads => Api::Ads,
        Kind::ContentPosting | Kind::PublishFailed => Api::ContentPosting,
        Kind::BusinessMessaging => Api::BusinessMessaging,
        Kind::OAuth => Api::OAuth,
    };
    assert_eq!(e.api(), Some(api), "{name}: api");
    assert_eq!(e.raw_code(), Some(&w.raw), "{name}: raw code");
    assert_eq!(e.any_code(), w.code, "{name}: typed code");
    assert_eq!(e.is_known(), w.code.is_some(), "{name}");
    assert_eq!(e.message(), w.message, "{name}: message");
    assert_eq!(e.request_id(), w.id, "{name}: request id");
    assert_eq!(e.http_status(), status, "{name}: http status");
    assert_eq!(e.fail_reason(), w.fail_reason, "{name}: fail_reason");
    assert_eq!(e.retry(), w.retry, "{name}: retry");
    assert_eq!(e.category(), w.category, "{name}: category");
    assert_eq!(data_json(e), w.data, "{name}: data_json");
    assert_eq!(
        e.outcome(),
        if w.kind == Kind::PublishFailed {
            "publish_failed"
        } else {
            "error"
        },
        "{name}"
    );
    match w.code {
        Some(c) => {
            assert_eq!(e.title(), c.entry().title(), "{name}: title");
            assert_eq!(e.fix(), Some(c.entry().fix()), "{name}: fix");
        }
        None => {
            assert_eq!(e.title(), "unknown code", "{name}: title");
            assert_eq!(e.fix(), None, "{name}: fix");
        }
    }
    check_display(name, e);
}

/// `Display` is one line naming the API, the raw code, the title, the message and the id, each
/// exactly once, and stays short whatever the message.
fn check_display(name: &str, e: &TikTokError) {
    let shown = e.to_string();
    assert!(
        !shown.contains(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}']),
        "{name}: not one line: {shown:?}"
    );
    assert!(
        shown.len() <= 4 * (DISPLAY_MESSAGE_LIMIT + 2 * DISPLAY_FIELD_LIMIT) + 200,
        "{name}: {} bytes",
        shown.len()
    );
    let once = |what: &str, part: &str| {
        if !part.is_empty() {
            assert_eq!(
                shown.matches(part).count(),
                1,
                "{name}: {what} {part:?} not shown exactly once in {shown:?}"
            );
        }
    };
    let api = e.api().expect("api").label();
    assert!(
        shown.starts_with(api),
        "{name}: {shown:?} does not start with {api}"
    );
    once("title", &format!("({})", e.title()));
    let raw = e.raw_code().expect("raw").to_string();
    if raw.is_empty() {
        assert!(shown.contains("(none)"), "{name}: {shown:?}");
    } else if raw.len() <= DISPLAY_FIELD_LIMIT && !raw.contains(char::is_control) {
        once("code", &format!(" {raw} ("));
    }
    if let Some(m) = e.message() {
        if m.chars().count() <= DISPLAY_MESSAGE_LIMIT
            && !m.contains(char::is_control)
            && !m.contains(['\u{2028}', '\u{2029}'])
        {
            once("message", &format!(": {m}"));
        }
    }
    if let Some(id) = e.request_id() {
        if id.len() <= DISPLAY_FIELD_LIMIT && !id.contains(char::is_control) {
            once("id", &format!("{id}]"));
            assert!(shown.ends_with(&format!("_id: {id}]")), "{name}: {shown:?}");
        }
    }
}

fn decoder(api: Api, status: Option<u16>) -> Decoder<'static> {
    let d = Decoder::new(api);
    match status {
        Some(s) => d.status(s),
        None => d,
    }
}

fn run(cases: &[Case]) {
    for c in cases {
        let r = decoder(c.api, c.status).decode(c.body);
        match (&r, &c.want) {
            (Ok(s), Want::Ok(w)) => check_success(c.name, s, w),
            (Err(e), Want::Err(w)) => check_error(c.name, e, w, c.status),
            (got, want) => panic!("{}: got {got:?}, want {want:?}", c.name),
        }
        // The same body as bytes, as a Vec and as a String decodes the same way.
        let bytes = c.body.as_bytes().to_vec();
        let again = decoder(c.api, c.status).decode(&bytes);
        assert_eq!(
            format!("{r:?}"),
            format!("{again:?}"),
            "{}: bytes vs str",
            c.name
        );
        // The serde path agrees (it has no status: compare against a status-less decode).
        envelope_agrees(c.name, c.api, c.body);
    }
}

fn envelope_agrees(name: &str, api: Api, body: &str) {
    let direct = decode(api, body);
    let r: TikTokResponse<serde_json::Value> =
        serde_json::from_str(body).unwrap_or_else(|e| panic!("{name}: TikTokResponse: {e}"));
    let via = r.into_result(api);
    match (&direct, &via) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.api(), b.api(), "{name}: serde api");
            assert_eq!(a.is_partial(), b.is_partial(), "{name}: serde partial");
            assert_eq!(a.request_id(), b.request_id(), "{name}: serde id");
            assert_eq!(a.message(), b.message(), "{name}: serde message");
            assert_eq!(a.raw_code(), b.raw_code(), "{name}: serde code");
            let data: serde_json::Value = a.data_as().unwrap();
            assert_eq!(&data, b.data(), "{name}: serde data");
        }
        (Err(TikTokError::Malformed(a)), Err(TikTokError::Malformed(b))) => {
            // The serde path has no body to quote; everything else matches.
            assert_eq!(
                (a.reason(), a.message(), a.request_id()),
                (b.reason(), b.message(), b.request_id()),
                "{name}"
            );
        }
        (Err(a), Err(b)) => assert_eq!(a, b, "{name}: serde error"),
        _ => panic!("{name}: decode gave {direct:?}, the serde path {via:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Business API: Ads
// ---------------------------------------------------------------------------------------------

#[test]
fn business_api_ads() {
    use Category as C;
    use Retry as R;
    let k = Kind::Ads;
    run(&[
        Case {
            name: "success",
            api: Api::Ads,
            status: Some(200),
            body: r#"{"code":0,"message":"OK","request_id":"2026112201","data":{"list":[{"campaign_id":"1"}],"page_info":{"page":1}}}"#,
            want: ok(
                Api::Ads,
                Some(r#"{"list":[{"campaign_id":"1"}],"page_info":{"page":1}}"#),
                Some("2026112201"),
                Some("OK"),
            ),
        },
        Case {
            name: "success, lower-case ok, no request_id, pretty-printed",
            api: Api::Ads,
            status: None,
            body: "{\n  \"code\": 0,\n  \"message\": \"ok\",\n  \"data\": {}\n}\n",
            want: ok(Api::Ads, Some("{}"), None, Some("ok")),
        },
        Case {
            name: "success, data null",
            api: Api::Ads,
            status: None,
            body: r#"{"code":0,"message":"OK","data":null,"request_id":"r"}"#,
            want: ok(Api::Ads, None, Some("r"), Some("OK")),
        },
        Case {
            name: "success, no data, no message",
            api: Api::Ads,
            status: None,
            body: r#"{"code":0}"#,
            want: ok(Api::Ads, None, None, None),
        },
        Case {
            name: "success, data array, reordered keys, extra keys",
            api: Api::Ads,
            status: None,
            body: r#"{"data":[{"video_id":"v1"}],"extra":{"x":[1,{"y":null}]},"request_id":"r9","message":"OK","code":0,"flag":true}"#,
            want: ok(
                Api::Ads,
                Some(r#"[{"video_id":"v1"}]"#),
                Some("r9"),
                Some("OK"),
            ),
        },
        Case {
            name: "partial success 20001",
            api: Api::Ads,
            status: Some(200),
            body: r#"{"code":20001,"message":"Partial success","request_id":"r2","data":{"results":[{"ok":true},{"ok":false,"message":"bad"}]}}"#,
            want: Want::Ok(Okay {
                api: Api::Ads,
                partial: true,
                data: Some(r#"{"results":[{"ok":true},{"ok":false,"message":"bad"}]}"#),
                id: Some("r2"),
                message: Some("Partial success"),
            }),
        },
        Case {
            name: "40100 rate limit",
            api: Api::Ads,
            status: Some(200),
            body: r#"{"code":40100,"message":"App reaches the QPS limit.","request_id":"2026112203","data":{}}"#,
            want: fail(
                k,
                40100,
                Some(ads(40100)),
                Some("App reaches the QPS limit."),
                Some("2026112203"),
                R::Throttled,
                C::RateLimit,
                None,
            ),
        },
        Case {
            name: "40105 without request_id or data (connector fixture)",
            api: Api::Ads,
            status: Some(200),
            body: r#"{"code":40105,"message":"Access token is incorrect or has been revoked."}"#,
            want: fail(
                k,
                40105,
                Some(ads(40105)),
                Some("Access token is incorrect or has been revoked."),
                None,
                R::RefreshToken,
                C::Authentication,
                None,
            ),
        },
        Case {
            name: "40002 with data, keys reordered",
            api: Api::Ads,
            status: None,
            body: r#"{"data":{"field":"budget"},"request_id":"r4","message":"budget: must be at least 50","code":40002}"#,
            want: fail(
                k,
                40002,
                Some(ads(40002)),
                Some("budget: must be at least 50"),
                Some("r4"),
                R::FixRequest,
                C::InvalidRequest,
                Some(r#"{"field":"budget"}"#),
            ),
        },
        Case {
            name: "50000 with HTTP 200",
            api: Api::Ads,
            status: Some(200),
            body: r#"{"code":50000,"message":"System error.","request_id":"r5","data":null}"#,
            want: fail(
                k,
                50000,
                Some(ads(50000)),
                Some("System error."),
                Some("r5"),
                R::Transient,
                C::Server,
                None,
            ),
        },
        Case {
            name: "50002",
            api: Api::Ads,
            status: None,
            body: r#"{"code":50002,"message":"Error processing request on TikTok side.","request_id":"r6"}"#,
            want: fail(
                k,
                50002,
                Some(ads(50002)),
                Some("Error processing request on TikTok side."),
                Some("r6"),
                R::Transient,
                C::Server,
                None,
            ),
        },
        Case {
            name: "data as array on an error",
            api: Api::Ads,
            status: None,
            body: r#"{"code":40911,"message":"Duplicated material name.","request_id":"r7","data":[{"material_id":"m1"}]}"#,
            want: fail(
                k,
                40911,
                Some(ads(40911)),
                Some("Duplicated material name."),
                Some("r7"),
                R::FixRequest,
                C::Conflict,
                Some(r#"[{"material_id":"m1"}]"#),
            ),
        },
        Case {
            name: "empty data array on an error",
            api: Api::Ads,
            status: None,
            body: r#"{"code":40002,"message":"m","request_id":"r","data":[ ]}"#,
            want: fail(
                k,
                40002,
                Some(ads(40002)),
                Some("m"),
                Some("r"),
                R::FixRequest,
                C::InvalidRequest,
                None,
            ),
        },
        Case {
            name: "empty data object with white space on an error",
            api: Api::Ads,
            status: None,
            body: "{\"code\":40002,\"message\":\"m\",\"request_id\":\"r\",\"data\":{\n }}",
            want: fail(
                k,
                40002,
                Some(ads(40002)),
                Some("m"),
                Some("r"),
                R::FixRequest,
                C::InvalidRequest,
                None,
            ),
        },
        Case {
            name: "unknown code 51234",
            api: Api::Ads,
            status: Some(200),
            body: r#"{"code":51234,"message":"new downstream failure","request_id":"r8"}"#,
            // Every 5xxxx code TikTok lists is a TikTok-side failure.
            want: fail(
                k,
                51234,
                None,
                Some("new downstream failure"),
                Some("r8"),
                R::Transient,
                C::Server,
                None,
            ),
        },
        Case {
            name: "unknown code 49999, no status",
            api: Api::Ads,
            status: None,
            body: r#"{"code":49999,"message":"?"}"#,
            want: fail(
                k,
                49999,
                None,
                Some("?"),
                None,
                R::Unknown,
                C::Unknown,
                None,
            ),
        },
        Case {
            name: "unknown code 49999 with HTTP 400",
            api: Api::Ads,
            status: Some(400),
            body: r#"{"code":49999,"message":"?"}"#,
            want: fail(
                k,
                49999,
                None,
                Some("?"),
                None,
                R::FixRequest,
                C::InvalidRequest,
                None,
            ),
        },
        Case {
            name: "message with unicode and escapes, id with escapes",
            api: Api::Ads,
            status: None,
            body: r#"{"code":40002,"message":"caf\u00e9 \"quoted\" back\\slash \/ é 😀 \ud83d\ude00","request_id":"id\"1"}"#,
            want: fail(
                k,
                40002,
                Some(ads(40002)),
                Some("café \"quoted\" back\\slash / é 😀 😀"),
                Some("id\"1"),
                R::FixRequest,
                C::InvalidRequest,
                None,
            ),
        },
        Case {
            name: "numeric request_id is kept as text",
            api: Api::Ads,
            status: None,
            body: r#"{"code":40002,"message":"m","request_id":2026112204}"#,
            want: fail(
                k,
                40002,
                Some(ads(40002)),
                Some("m"),
                Some("2026112204"),
                R::FixRequest,
                C::InvalidRequest,
                None,
            ),
        },
        Case {
            name: "empty message",
            api: Api::Ads,
            status: None,
            body: r#"{"code":40100,"message":"","request_id":"r"}"#,
            want: fail(
                k,
                40100,
                Some(ads(40100)),
                None,
                Some("r"),
                R::Throttled,
                C::RateLimit,
                None,
            ),
        },
        Case {
            name: "extra keys on an error",
            api: Api::Ads,
            status: None,
            body: r#"{"trace":{"a":[1,2,{"b":"c"}]},"code":40100,"x":null,"message":"m","request_id":"r","y":[true,false]}"#,
            want: fail(
                k,
                40100,
                Some(ads(40100)),
                Some("m"),
                Some("r"),
                R::Throttled,
                C::RateLimit,
                None,
            ),
        },
    ]);
}

// ---------------------------------------------------------------------------------------------
// Business API: Business Messaging
// ---------------------------------------------------------------------------------------------

#[test]
fn business_api_business_messaging() {
    use Category as C;
    use Retry as R;
    let k = Kind::BusinessMessaging;
    run(&[
        Case {
            name: "success",
            api: Api::BusinessMessaging,
            status: Some(200),
            body: r#"{"code":0,"message":"OK","request_id":"bm1","data":{"message_id":"m-1"}}"#,
            want: ok(
                Api::BusinessMessaging,
                Some(r#"{"message_id":"m-1"}"#),
                Some("bm1"),
                Some("OK"),
            ),
        },
        Case {
            name: "40064 messaging restriction",
            api: Api::BusinessMessaging,
            status: Some(200),
            body: r#"{"code":40064,"message":"[40064] You are sending messages too fast. Take a rest.","request_id":"bm2","data":{}}"#,
            want: fail(
                k,
                40064,
                Some(bm(40064)),
                Some("[40064] You are sending messages too fast. Take a rest."),
                Some("bm2"),
                R::Throttled,
                C::RateLimit,
                None,
            ),
        },
        Case {
            name: "40100 rate limit",
            api: Api::BusinessMessaging,
            status: None,
            body: r#"{"code":40100,"message":"slow down","request_id":"bm3"}"#,
            want: fail(
                k,
                40100,
                Some(bm(40100)),
                Some("slow down"),
                Some("bm3"),
                R::Throttled,
                C::RateLimit,
                None,
            ),
        },
        Case {
            name: "40105 token",
            api: Api::BusinessMessaging,
            status: None,
            body: r#"{"code":40105,"message":"The access token is missing or incorrect."}"#,
            want: fail(
                k,
                40105,
                Some(bm(40105)),
                Some("The access token is missing or incorrect."),
                None,
                R::RefreshToken,
                C::Authentication,
                None,
            ),
        },
        Case {
            name: "51065 system error",
            api: Api::BusinessMessaging,
            status: None,
            body: r#"{"code":51065,"message":"A system error occurred.","request_id":"bm4"}"#,
            want: fail(
                k,
                51065,
                Some(bm(51065)),
                Some("A system error occurred."),
                Some("bm4"),
                R::Transient,
                C::Server,
                None,
            ),
        },
        Case {
            name: "unknown 51234",
            api: Api::BusinessMessaging,
            status: None,
            body: r#"{"code":51234,"message":"?","request_id":"bm5"}"#,
            want: fail(
                k,
                51234,
                None,
                Some("?"),
                Some("bm5"),
                R::Transient,
                C::Server,
                None,
            ),
        },
    ]);
}

// ---------------------------------------------------------------------------------------------
// v2: Content Posting
// ---------------------------------------------------------------------------------------------

#[test]
fn v2_content_posting() {
    use Category as C;
    use Retry as R;
    let k = Kind::ContentPosting;
    run(&[
        Case {
            name: "success",
            api: Api::ContentPosting,
            status: Some(200),
            body: r#"{"data":{"publish_id":"v_pub_file~v2-1.123","upload_url":"https://open-upload.tiktokapis.com/video/?upload_id=1"},"error":{"code":"ok","message":"","log_id":"202611220000000000000000000000000A"}}"#,
            want: ok(
                Api::ContentPosting,
                Some(
                    r#"{"publish_id":"v_pub_file~v2-1.123","upload_url":"https://open-upload.tiktokapis.com/video/?upload_id=1"}"#,
                ),
                Some("202611220000000000000000000000000A"),
                None,
            ),
        },
        Case {
            name: "success, error first, extra keys",
            api: Api::ContentPosting,
            status: None,
            body: r#"{"error":{"log_id":"L0","extra":[1],"code":"ok","message":"fine"},"data":[],"other":{}}"#,
            want: ok(Api::ContentPosting, Some("[]"), Some("L0"), Some("fine")),
        },
        Case {
            name: "access_token_invalid with HTTP 401",
            api: Api::ContentPosting,
            status: Some(401),
            body: r#"{"data":{},"error":{"code":"access_token_invalid","message":"The access token is invalid or not found in the request.","log_id":"L2"}}"#,
            want: fail(
                k,
                "access_token_invalid",
                Some(cp("access_token_invalid")),
                Some("The access token is invalid or not found in the request."),
                Some("L2"),
                R::RefreshToken,
                C::Authentication,
                None,
            ),
        },
        Case {
            name: "spam_risk_too_many_posts with HTTP 200 (intentional)",
            api: Api::ContentPosting,
            status: Some(200),
            body: r#"{"data":{},"error":{"code":"spam_risk_too_many_posts","message":"The daily post cap has been reached.","log_id":"L3"}}"#,
            want: fail(
                k,
                "spam_risk_too_many_posts",
                Some(cp("spam_risk_too_many_posts")),
                Some("The daily post cap has been reached."),
                Some("L3"),
                R::Throttled,
                C::Spam,
                None,
            ),
        },
        Case {
            name: "scope_not_authorized needs the user",
            api: Api::ContentPosting,
            status: Some(401),
            body: r#"{"data":{},"error":{"code":"scope_not_authorized","message":"m","log_id":"L4"}}"#,
            want: fail(
                k,
                "scope_not_authorized",
                Some(cp("scope_not_authorized")),
                Some("m"),
                Some("L4"),
                R::Reauthorize,
                C::Authentication,
                None,
            ),
        },
        Case {
            name: "invalid_params spelling resolves to invalid_param",
            api: Api::ContentPosting,
            status: Some(400),
            body: r#"{"error":{"code":"invalid_params","message":"m","log_id":"L5"}}"#,
            want: fail(
                k,
                "invalid_params",
                Some(cp("invalid_param")),
                Some("m"),
                Some("L5"),
                R::FixRequest,
                C::InvalidRequest,
                None,
            ),
        },
        Case {
            name: "unknown code brand_new_code, HTTP 200",
            api: Api::ContentPosting,
            status: Some(200),
            body: r#"{"data":{},"error":{"code":"brand_new_code","message":"something new","log_id":"L6"}}"#,
            want: fail(
                k,
                "brand_new_code",
                None,
                Some("something new"),
                Some("L6"),
                R::Unknown,
                C::Unknown,
                None,
            ),
        },
        Case {
            name: "unknown code brand_new_code, HTTP 503",
            api: Api::ContentPosting,
            status: Some(503),
            body: r#"{"data":{},"error":{"code":"brand_new_code","message":"something new","log_id":"L6"}}"#,
            want: fail(
                k,
                "brand_new_code",
                None,
                Some("something new"),
                Some("L6"),
                R::Transient,
                C::Server,
                None,
            ),
        },
        Case {
            name: "unknown code brand_new_code, HTTP 429",
            api: Api::ContentPosting,
            status: Some(429),
            body: r#"{"error":{"code":"brand_new_code","message":"","log_id":"L6"}}"#,
            want: fail(
                k,
                "brand_new_code",
                None,
                None,
                Some("L6"),
                R::Throttled,
                C::RateLimit,
                None,
            ),
        },
        Case {
            name: "error with data kept",
            api: Api::ContentPosting,
            status: Some(500),
            body: r#"{"data":{"hint":[1,2]},"error":{"code":"internal_error","message":"Something went wrong.","log_id":"L7"}}"#,
            want: fail(
                k,
                "internal_error",
                Some(cp("internal_error")),
                Some("Something went wrong."),
                Some("L7"),
                R::Transient,
                C::Server,
                Some(r#"{"hint":[1,2]}"#),
            ),
        },
        Case {
            name: "log_id at top level when the error object has none",
            api: Api::ContentPosting,
            status: None,
            body: r#"{"log_id":"TOP","error":{"code":"rate_limit_exceeded","message":"slow"}}"#,
            want: fail(
                k,
                "rate_limit_exceeded",
                Some(cp("rate_limit_exceeded")),
                Some("slow"),
                Some("TOP"),
                R::Throttled,
                C::RateLimit,
                None,
            ),
        },
        Case {
            name: "unicode and escapes in the message",
            api: Api::ContentPosting,
            status: None,
            body: r#"{"error":{"code":"invalid_param","message":"\u00c9chec : \"title\" \\ 日本語 \t tab","log_id":"L\u00e9"}}"#,
            want: fail(
                k,
                "invalid_param",
                Some(cp("invalid_param")),
                Some("Échec : \"title\" \\ 日本語 \t tab"),
                Some("Lé"),
                R::FixRequest,
                C::InvalidRequest,
                None,
            ),
        },
    ]);
}

// ---------------------------------------------------------------------------------------------
// v2: publish status
// ---------------------------------------------------------------------------------------------

fn failed(
    raw: &'static str,
    code: Option<AnyCode>,
    retry: Retry,
    category: Category,
    data: &'static str,
) -> Want {
    Want::Err(Fail {
        kind: Kind::PublishFailed,
        raw: raw.into(),
        code,
        message: None,
        id: Some("LS"),
        fail_reason: Some(raw).filter(|r| !r.is_empty()),
        retry,
        category,
        data: Some(data),
    })
}

#[test]
fn v2_publish_status() {
    const PULL: &str = r#"{"status":"FAILED","fail_reason":"video_pull_failed","publicaly_available_post_id":[],"uploaded_bytes":0}"#;
    const AUTH: &str = r#"{"fail_reason":"auth_removed","status":"FAILED"}"#;
    const INTERNAL: &str = r#"{"status":"FAILED","fail_reason":"internal"}"#;
    const NEW: &str = r#"{"status":"FAILED","fail_reason":"new_reason"}"#;
    const NONE: &str = r#"{"status":"FAILED"}"#;
    const SPAM: &str = r#"{"status":"FAILED","fail_reason":"spam_risk_too_many_posts"}"#;
    let body = |data: &str| -> &'static str {
        Box::leak(
            format!(r#"{{"data":{data},"error":{{"code":"ok","message":"","log_id":"LS"}}}}"#)
                .into_boxed_str(),
        )
    };
    run(&[
        Case {
            name: "FAILED video_pull_failed",
            api: Api::ContentPosting,
            status: Some(200),
            body: body(PULL),
            want: failed(
                "video_pull_failed",
                Some(cp("video_pull_failed")),
                Retry::Transient,
                Category::Media,
                PULL,
            ),
        },
        Case {
            name: "FAILED auth_removed",
            api: Api::ContentPosting,
            status: None,
            body: body(AUTH),
            want: failed(
                "auth_removed",
                Some(cp("auth_removed")),
                Retry::Reauthorize,
                Category::Authentication,
                AUTH,
            ),
        },
        Case {
            name: "FAILED internal (the fail_reason spelling)",
            api: Api::ContentPosting,
            status: None,
            body: body(INTERNAL),
            want: failed(
                "internal",
                Some(cp("internal")),
                Retry::Transient,
                Category::Server,
                INTERNAL,
            ),
        },
        Case {
            name: "FAILED spam_risk_too_many_posts",
            api: Api::ContentPosting,
            status: None,
            body: body(SPAM),
            want: failed(
                "spam_risk_too_many_posts",
                Some(cp("spam_risk_too_many_posts")),
                Retry::Throttled,
                Category::Spam,
                SPAM,
            ),
        },
        Case {
            name: "FAILED with an unknown reason",
            api: Api::ContentPosting,
            status: None,
            body: body(NEW),
            want: failed("new_reason", None, Retry::Unknown, Category::Unknown, NEW),
        },
        Case {
            name: "FAILED without a reason",
            api: Api::ContentPosting,
            status: None,
            body: body(NONE),
            want: failed("", None, Retry::Unknown, Category::Unknown, NONE),
        },
        Case {
            name: "PUBLISH_COMPLETE",
            api: Api::ContentPosting,
            status: None,
            body: r#"{"data":{"status":"PUBLISH_COMPLETE","publicaly_available_post_id":[7]},"error":{"code":"ok","message":"","log_id":"LS"}}"#,
            want: ok(
                Api::ContentPosting,
                Some(r#"{"status":"PUBLISH_COMPLETE","publicaly_available_post_id":[7]}"#),
                Some("LS"),
                None,
            ),
        },
        Case {
            name: "PROCESSING_UPLOAD that mentions FAILED elsewhere",
            api: Api::ContentPosting,
            status: None,
            body: r#"{"data":{"status":"PROCESSING_UPLOAD","note":"FAILED","fail_reason":"internal"},"error":{"code":"ok","message":"","log_id":"LS"}}"#,
            want: ok(
                Api::ContentPosting,
                Some(r#"{"status":"PROCESSING_UPLOAD","note":"FAILED","fail_reason":"internal"}"#),
                Some("LS"),
                None,
            ),
        },
    ]);
    // Display names the failed publish, once.
    let e = decode(Api::ContentPosting, body(PULL)).unwrap_err();
    let shown = e.to_string();
    assert!(
        shown.starts_with("Content Posting publish failed: fail_reason video_pull_failed ("),
        "{shown}"
    );
    assert!(shown.ends_with("[log_id: LS]"), "{shown}");
}

// ---------------------------------------------------------------------------------------------
// OAuth
// ---------------------------------------------------------------------------------------------

const TOKEN: &str = r#"{"access_token":"act.example","expires_in":86400,"open_id":"o-1","refresh_expires_in":31536000,"refresh_token":"rft.example","scope":"user.info.basic,video.list","token_type":"Bearer"}"#;

#[test]
fn oauth_errors_and_tokens() {
    use Category as C;
    use Retry as R;
    let k = Kind::OAuth;
    run(&[
        Case {
            name: "invalid_grant",
            api: Api::OAuth,
            status: Some(400),
            body: r#"{"error":"invalid_grant","error_description":"Authorization code is expired.","log_id":"202206221854370101130062072500FFA2"}"#,
            want: fail(
                k,
                "invalid_grant",
                Some(oauth("invalid_grant")),
                Some("Authorization code is expired."),
                Some("202206221854370101130062072500FFA2"),
                R::Reauthorize,
                C::Authentication,
                None,
            ),
        },
        Case {
            name: "invalid_grant with HTTP 200",
            api: Api::OAuth,
            status: Some(200),
            body: r#"{"log_id":"l2","error_description":"Refresh token is invalid or expired.","error":"invalid_grant"}"#,
            want: fail(
                k,
                "invalid_grant",
                Some(oauth("invalid_grant")),
                Some("Refresh token is invalid or expired."),
                Some("l2"),
                R::Reauthorize,
                C::Authentication,
                None,
            ),
        },
        Case {
            name: "server_error",
            api: Api::OAuth,
            status: None,
            body: r#"{"error":"server_error","error_description":"","log_id":"l3"}"#,
            want: fail(
                k,
                "server_error",
                Some(oauth("server_error")),
                None,
                Some("l3"),
                R::Transient,
                C::Server,
                None,
            ),
        },
        Case {
            name: "unknown OAuth error",
            api: Api::OAuth,
            status: None,
            body: r#"{"error":"brand_new_oauth_error","error_description":"new"}"#,
            want: fail(
                k,
                "brand_new_oauth_error",
                None,
                Some("new"),
                None,
                R::Unknown,
                C::Unknown,
                None,
            ),
        },
        Case {
            name: "token success",
            api: Api::OAuth,
            status: Some(200),
            body: TOKEN,
            want: ok(Api::OAuth, Some(TOKEN), None, None),
        },
        Case {
            name: "token success with log_id, surrounded by white space",
            api: Api::OAuth,
            status: None,
            body: " \n{\"access_token\":\"a\",\"log_id\":\"lt\"}\n ",
            want: ok(
                Api::OAuth,
                Some("{\"access_token\":\"a\",\"log_id\":\"lt\"}"),
                Some("lt"),
                None,
            ),
        },
    ]);
}

// ---------------------------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------------------------

#[test]
fn detect_picks_the_family_from_the_shape() {
    let cases: &[(&str, Result<Api, Api>)] = &[
        (
            r#"{"code":0,"message":"OK","request_id":"r","data":{}}"#,
            Ok(Api::Ads),
        ),
        (r#"{"code":40100,"message":"m"}"#, Err(Api::Ads)),
        (
            r#"{"data":{},"error":{"code":"ok","message":"","log_id":"l"}}"#,
            Ok(Api::ContentPosting),
        ),
        (
            r#"{"data":{},"error":{"code":"access_token_invalid","message":"","log_id":"l"}}"#,
            Err(Api::ContentPosting),
        ),
        (
            r#"{"data":{"status":"FAILED","fail_reason":"internal"},"error":{"code":"ok"}}"#,
            Err(Api::ContentPosting),
        ),
        (
            r#"{"error":"invalid_grant","error_description":"d","log_id":"l"}"#,
            Err(Api::OAuth),
        ),
        (TOKEN, Ok(Api::OAuth)),
        // A bare v2 error struct (no `error` wrapper), as TikTok's pages print them: the code
        // is text, so a v2 family (issue 21).
        (
            r#"{"code":"access_token_invalid","message":"The access token is invalid.","log_id":"l"}"#,
            Err(Api::ContentPosting),
        ),
        (
            r#"{"code":"ok","message":"","log_id":"l"}"#,
            Ok(Api::ContentPosting),
        ),
        (
            r#"{"code":"spam\u005frisk_too_many_posts","message":"m"}"#,
            Err(Api::ContentPosting),
        ),
        // A text code only OAuth knows.
        (
            r#"{"code":"invalid_grant","message":"m","log_id":"l"}"#,
            Err(Api::OAuth),
        ),
        // A number sent as text stays the Business API's.
        (r#"{"code":"40100","message":"m"}"#, Err(Api::Ads)),
        (r#"{"code":"0","message":"OK"}"#, Ok(Api::Ads)),
        // Business Messaging's 40064, which Ads does not have (issue 21); 40100, which both
        // have, keeps the Ads reading.
        (
            r#"{"code":40064,"message":"[40064] You are sending messages too fast. Take a rest.","request_id":"r"}"#,
            Err(Api::BusinessMessaging),
        ),
        // A code neither knows: Ads, unknown.
        (r#"{"code":49999,"message":"m"}"#, Err(Api::Ads)),
    ];
    for (body, want) in cases {
        match (Decoder::detect().decode(body), want) {
            (Ok(s), Ok(api)) => assert_eq!(s.api(), *api, "{body}"),
            (Err(e), Err(api)) => {
                assert_eq!(e.api(), Some(*api), "{body}");
                assert!(e.raw_code().is_some(), "{body}: {e:?}");
            }
            (got, _) => panic!("{body}: {got:?}, want {want:?}"),
        }
    }
    // Detected, the bare struct and 40064 read as their families' known codes.
    let e = Decoder::detect()
        .decode(r#"{"code":"access_token_invalid","message":"m","log_id":"l"}"#)
        .unwrap_err();
    assert_eq!(e.any_code(), Some(cp("access_token_invalid")));
    assert_eq!(e.request_id(), Some("l"));
    let e = Decoder::detect()
        .decode(r#"{"code":40064,"message":"[40064] You are sending messages too fast."}"#)
        .unwrap_err();
    assert_eq!(e.any_code(), Some(bm(40064)));
    assert_eq!(e.retry(), Retry::Throttled);
    let detected = Decoder::detect()
        .decode(r#"{"data":{"status":"FAILED","fail_reason":"internal"},"error":{"code":"ok"}}"#);
    assert!(matches!(detected, Err(TikTokError::PublishFailed(_))));
    // Nothing to go on: an object without code, error or token.
    let e = Decoder::detect()
        .decode(r#"{"message":"hello","request_id":"r"}"#)
        .unwrap_err();
    let m = malformed(&e);
    assert_eq!(m.reason(), MalformedReason::UnknownShape);
    assert_eq!(m.api(), None);
    assert_eq!(m.message(), Some("hello"));
    assert_eq!(m.request_id(), Some("r"));
    // The detect decoder takes the status and headers too.
    let e = Decoder::detect()
        .status(429)
        .header("x-tt-logid", "H")
        .decode(r#"{"error":{"code":"rate_limit_exceeded"}}"#)
        .unwrap_err();
    assert_eq!(
        (e.api(), e.http_status(), e.request_id()),
        (Some(Api::ContentPosting), Some(429), Some("H"))
    );
}

// ---------------------------------------------------------------------------------------------
// Headers: x-tt-logid and Retry-After
// ---------------------------------------------------------------------------------------------

#[test]
fn logid_header_only_when_the_body_has_no_id() {
    let with_id = r#"{"code":40100,"message":"m","request_id":"BODY"}"#;
    let without = r#"{"code":40100,"message":"m"}"#;
    let empty_id = r#"{"code":40100,"message":"m","request_id":""}"#;
    let d = Decoder::new(Api::Ads).header("X-TT-LOGID", "HEADER");
    assert_eq!(d.decode(with_id).unwrap_err().request_id(), Some("BODY"));
    assert_eq!(d.decode(without).unwrap_err().request_id(), Some("HEADER"));
    assert_eq!(d.decode(empty_id).unwrap_err().request_id(), Some("HEADER"));
    // Successes too.
    assert_eq!(
        d.decode(r#"{"code":0,"request_id":"BODY"}"#)
            .unwrap()
            .request_id(),
        Some("BODY")
    );
    assert_eq!(
        d.decode(r#"{"code":0}"#).unwrap().request_id(),
        Some("HEADER")
    );
    // v2: error.log_id, then the header.
    let v2 = Decoder::new(Api::ContentPosting).header("x-tt-logid", " HEADER ");
    assert_eq!(
        v2.decode(r#"{"error":{"code":"internal_error","log_id":"BODY"}}"#)
            .unwrap_err()
            .request_id(),
        Some("BODY")
    );
    assert_eq!(
        v2.decode(r#"{"error":{"code":"internal_error"}}"#)
            .unwrap_err()
            .request_id(),
        Some("HEADER")
    );
    assert_eq!(
        v2.decode(r#"{"error":{"code":"ok"}}"#)
            .unwrap()
            .request_id(),
        Some("HEADER")
    );
    // OAuth.
    let o = Decoder::new(Api::OAuth).header("x-tt-logid", "HEADER");
    assert_eq!(
        o.decode(r#"{"error":"invalid_grant","log_id":"BODY"}"#)
            .unwrap_err()
            .request_id(),
        Some("BODY")
    );
    assert_eq!(
        o.decode(r#"{"error":"invalid_grant"}"#)
            .unwrap_err()
            .request_id(),
        Some("HEADER")
    );
    // A malformed body: from the body when it has one, else the header.
    let m = Decoder::new(Api::Ads).header("x-tt-logid", "HEADER");
    assert_eq!(
        m.decode(r#"{"message":"m","request_id":"BODY"}"#)
            .unwrap_err()
            .request_id(),
        Some("BODY")
    );
    assert_eq!(
        m.decode(r#"{"message":"m","request_id":""}"#)
            .unwrap_err()
            .request_id(),
        Some("HEADER")
    );
    assert_eq!(m.decode("<html>").unwrap_err().request_id(), Some("HEADER"));
    // Blank header values are ignored; other headers are ignored.
    let blank = Decoder::new(Api::Ads)
        .header("x-tt-logid", "  ")
        .header("x-request-id", "OTHER");
    assert_eq!(blank.decode(without).unwrap_err().request_id(), None);
}

/// 2026-11-22 23:00:00 UTC.
fn late_evening() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_795_388_400)
}

#[test]
fn retry_after_header_beats_the_message_and_the_catalogue() {
    let now = late_evening();
    let qpd = r#"{"code":40100,"message":"App reaches the QPD limit.","request_id":"r"}"#;
    let qpm = r#"{"code":40100,"message":"App reaches the QPM limit.","request_id":"r"}"#;
    let qps = r#"{"code":40100,"message":"App reaches the QPS limit.","request_id":"r"}"#;
    let plain = r#"{"code":40100,"message":"Too many requests.","request_id":"r"}"#;
    let ads = Decoder::new(Api::Ads);
    // The limit the message names: QPD waits until 00:00 UTC (one hour from 23:00).
    assert_eq!(
        ads.decode(qpd).unwrap_err().retry_after_at(now),
        Some(Duration::from_secs(3600))
    );
    assert_eq!(
        ads.decode(qpm).unwrap_err().retry_after_at(now),
        Some(Duration::from_secs(300))
    );
    assert_eq!(
        ads.decode(qps).unwrap_err().retry_after_at(now),
        Some(Duration::from_secs(1))
    );
    // Else the catalogue's window.
    let catalogue = AdsCode::from_int(40100)
        .and_then(|c| c.wait())
        .map(|w| w.duration_from(now));
    assert!(catalogue.is_some(), "40100 documents a window");
    assert_eq!(
        ads.decode(plain).unwrap_err().retry_after_at(now),
        catalogue
    );
    // Retry-After beats both, as seconds or as a date.
    let h = Decoder::new(Api::Ads).header("Retry-After", "42");
    let e = h.decode(qpd).unwrap_err();
    assert_eq!(e.retry_after_at(now), Some(Duration::from_secs(42)));
    let TikTokError::Ads(a) = &e else { panic!() };
    assert_eq!(
        a.retry_after_header(),
        Some(RetryAfter::Delay(Duration::from_secs(42)))
    );
    let date = Decoder::new(Api::Ads).header("retry-after", "Sun, 22 Nov 2026 23:10:00 GMT");
    assert_eq!(
        date.decode(plain).unwrap_err().retry_after_at(now),
        Some(Duration::from_secs(600))
    );
    // A date in the past means now.
    let past = Decoder::new(Api::Ads).header("retry-after", "Sun, 06 Nov 1994 08:49:37 GMT");
    assert_eq!(
        past.decode(plain).unwrap_err().retry_after_at(now),
        Some(Duration::ZERO)
    );
    // An unreadable Retry-After is ignored.
    let junk = Decoder::new(Api::Ads).header("retry-after", "soon");
    assert_eq!(
        junk.decode(qpm).unwrap_err().retry_after_at(now),
        Some(Duration::from_secs(300))
    );
    // A message naming a limit does not make a non-throttled code wait.
    let not_throttled = r#"{"code":40002,"message":"QPD field is invalid"}"#;
    assert_eq!(
        ads.decode(not_throttled).unwrap_err().retry_after_at(now),
        None
    );
    // Retry-After also reaches malformed responses.
    let e = Decoder::new(Api::Ads)
        .status(503)
        .header("Retry-After", "7")
        .decode("<html>busy</html>")
        .unwrap_err();
    assert_eq!(e.retry_after_at(now), Some(Duration::from_secs(7)));
    // v2 daily quota: until 00:00 UTC, from the catalogue.
    let quota = r#"{"error":{"code":"daily_quota_limit_exceeded","message":"","log_id":"l"}}"#;
    assert_eq!(
        decode(Api::ContentPosting, quota)
            .unwrap_err()
            .retry_after_at(now),
        Some(Duration::from_secs(3600))
    );
    // Not throttled, nothing named: no window.
    assert_eq!(
        decode(Api::Ads, r#"{"code":40105}"#)
            .unwrap_err()
            .retry_after_at(now),
        None
    );
}

// ---------------------------------------------------------------------------------------------
// Display
// ---------------------------------------------------------------------------------------------

#[test]
fn display_is_one_line_with_everything_once() {
    let e = Decoder::new(Api::Ads)
        .status(200)
        .decode(r#"{"code":40100,"message":"App reaches the QPS limit.","request_id":"2026112201234567"}"#)
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "Ads error 40100 (Too many requests) HTTP 200: App reaches the QPS limit. [request_id: 2026112201234567]"
    );
    let e = decode(
        Api::ContentPosting,
        r#"{"error":{"code":"brand_new_code","message":"new","log_id":"L1"}}"#,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "Content Posting error brand_new_code (unknown code): new [log_id: L1]"
    );
    let e = decode(Api::Ads, r#"{"code":40105}"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "Ads error 40105 ({})",
            AdsCode::from_int(40105).unwrap().title()
        )
    );
    // Line breaks of every kind are escaped.
    let e = decode(Api::OAuth, r#"{"error":"invalid_grant","error_description":"a\nb\r\nc\u2028d\u2029e\u0085f\u0000g","log_id":"x\ny"}"#).unwrap_err();
    check_display("line breaks", &e);
    assert_eq!(
        e.message(),
        Some("a\nb\r\nc\u{2028}d\u{2029}e\u{85}f\u{0}g"),
        "the accessor keeps the message whole"
    );
    assert_eq!(e.to_string().lines().count(), 1);
}

#[test]
fn display_is_bounded_for_a_1_mb_message() {
    let message = "é".repeat(1 << 19) + &"x".repeat(1 << 19);
    let id = "i".repeat(10_000);
    let body = serde_json::json!({"code": 40002, "message": message, "request_id": id}).to_string();
    assert!(body.len() > 1 << 20);
    let e = decode(Api::Ads, &body).unwrap_err();
    assert_eq!(
        e.message(),
        Some(message.as_str()),
        "the accessor keeps the whole message"
    );
    assert_eq!(e.request_id(), Some(id.as_str()));
    let shown = e.to_string();
    assert!(shown.len() < 2048, "Display printed {} bytes", shown.len());
    assert_eq!(shown.lines().count(), 1);
    assert!(shown.starts_with("Ads error 40002 ("), "{}", &shown[..80]);
    assert!(shown.contains("more chars)"), "the cut is marked");
    // A huge malformed body is bounded too.
    let html = format!("<html>{}</html>", "\n<p>bad gateway</p>".repeat(60_000));
    let e = Decoder::new(Api::Ads)
        .status(502)
        .decode(&html)
        .unwrap_err();
    let shown = e.to_string();
    assert!(
        shown.len() < 2048 && shown.lines().count() == 1,
        "{} bytes",
        shown.len()
    );
    assert_eq!(malformed(&e).body_len(), html.len());
    assert!(malformed(&e).body_prefix().len() <= BODY_PREFIX_LIMIT);
}

// ---------------------------------------------------------------------------------------------
// Bad input: each returns a typed result, never panics, and keeps what was readable
// ---------------------------------------------------------------------------------------------

fn bad(api: Api, status: Option<u16>, body: &[u8]) -> TikTokError {
    let d = decoder(api, status).header("x-tt-logid", "HDR");
    let r = std::panic::catch_unwind(|| d.decode(body).map(|s| format!("{s:?}")));
    let e = r.unwrap_or_else(|_| {
        panic!(
            "decode panicked on {:?}",
            String::from_utf8_lossy(&body[..body.len().min(80)])
        )
    });
    let e = e.expect_err("bad input decoded as a success");
    // Display and the accessors never panic either, and Display stays one line.
    let shown = e.to_string();
    assert_eq!(shown.lines().count(), 1, "{shown:?}");
    let _ = (
        e.retry(),
        e.category(),
        e.title(),
        e.fix(),
        e.message(),
        e.retry_after(),
    );
    e
}

fn assert_malformed(
    e: &TikTokError,
    api: Option<Api>,
    status: Option<u16>,
    reason: MalformedReason,
    body: &[u8],
) {
    let m = malformed(e);
    assert_eq!(m.reason(), reason, "{m:?}");
    assert_eq!(m.api(), api);
    assert_eq!(m.http_status(), status);
    assert_eq!(m.body_len(), body.len());
    assert_eq!(e.raw_code(), None);
    assert_eq!(e.any_code(), None);
    assert_eq!(e.outcome(), "malformed");
    assert_eq!(e.title(), "malformed response");
    let want_prefix = String::from_utf8_lossy(&body[..body.len().min(BODY_PREFIX_LIMIT)]);
    if body.len() <= BODY_PREFIX_LIMIT {
        assert_eq!(m.body_prefix(), want_prefix, "short bodies are kept whole");
    }
}

#[test]
fn bad_empty_body() {
    let e = bad(Api::Ads, Some(200), b"");
    assert_malformed(
        &e,
        Some(Api::Ads),
        Some(200),
        MalformedReason::EmptyBody,
        b"",
    );
    assert_eq!(e.request_id(), Some("HDR"));
    assert!(std::error::Error::source(&e).is_none());
    assert_eq!(e.retry(), Retry::Unknown);
}

#[test]
fn bad_whitespace_body() {
    let body = b" \r\n\t ";
    let e = bad(Api::ContentPosting, Some(504), body);
    assert_malformed(
        &e,
        Some(Api::ContentPosting),
        Some(504),
        MalformedReason::EmptyBody,
        body,
    );
    assert_eq!(
        (e.retry(), e.category()),
        (Retry::Transient, Category::Server)
    );
}

#[test]
fn bad_null() {
    let e = bad(Api::Ads, None, b"null");
    assert_malformed(
        &e,
        Some(Api::Ads),
        None,
        MalformedReason::NotAnObject { found: "null" },
        b"null",
    );
}

#[test]
fn bad_array() {
    let body = br#"[{"code":40100,"message":"m"}]"#;
    let e = bad(Api::Ads, None, body);
    assert_malformed(
        &e,
        Some(Api::Ads),
        None,
        MalformedReason::NotAnObject { found: "array" },
        body,
    );
    assert!(
        malformed(&e).body_prefix().contains("40100"),
        "the body is quoted"
    );
}

#[test]
fn bad_number() {
    for body in [&b"40100"[..], b"-1", b" 1.5e3 "] {
        let e = bad(Api::Ads, None, body);
        assert_malformed(
            &e,
            Some(Api::Ads),
            None,
            MalformedReason::NotAnObject { found: "number" },
            body,
        );
    }
}

#[test]
fn bad_string_and_boolean() {
    let e = bad(Api::OAuth, None, br#""invalid_grant""#);
    assert_malformed(
        &e,
        Some(Api::OAuth),
        None,
        MalformedReason::NotAnObject { found: "string" },
        br#""invalid_grant""#,
    );
    let e = bad(Api::OAuth, None, b"true");
    assert_malformed(
        &e,
        Some(Api::OAuth),
        None,
        MalformedReason::NotAnObject { found: "boolean" },
        b"true",
    );
}

#[test]
fn bad_code_as_string() {
    let e = bad(
        Api::Ads,
        None,
        br#"{"code":"40001","message":"No permission","request_id":"r"}"#,
    );
    let TikTokError::Ads(a) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(a.raw_code(), &RawCode::Str("40001".into()));
    assert_eq!(a.code(), AdsCode::from_int(40001));
    assert!(a.code().is_some());
    assert_eq!((a.message(), a.request_id()), ("No permission", Some("r")));
    // "0" as a string is still success.
    assert!(decode(Api::Ads, r#"{"code":"0","message":"OK"}"#).is_ok());
    assert!(decode(Api::Ads, r#"{"code":"20001","message":"OK"}"#)
        .unwrap()
        .is_partial());
}

#[test]
fn bad_code_as_float_negative_or_huge() {
    for (code, raw) in [
        ("40100.0", RawCode::Number("40100.0".into())),
        ("4.01e4", RawCode::Number("4.01e4".into())),
        ("-40100", RawCode::Int(-40100)),
        ("-0", RawCode::Int(0)),
        (
            "18446744073709551616",
            RawCode::Number("18446744073709551616".into()),
        ),
        (
            "9223372036854775808",
            RawCode::Number("9223372036854775808".into()),
        ),
        (
            "-9223372036854775809",
            RawCode::Number("-9223372036854775809".into()),
        ),
        (
            "123456789012345678901234567890",
            RawCode::Number("123456789012345678901234567890".into()),
        ),
    ] {
        let body = format!(r#"{{"code":{code},"message":"m","request_id":"r"}}"#);
        let r = decode(Api::Ads, &body);
        if raw == RawCode::Int(0) {
            assert!(r.is_ok(), "{code}: -0 is the integer 0");
            continue;
        }
        let e = bad(Api::Ads, None, body.as_bytes());
        let TikTokError::Ads(a) = &e else {
            panic!("{code}: {e:?}")
        };
        assert_eq!(a.raw_code(), &raw, "{code}");
        assert_eq!(a.code(), None, "{code}");
        assert_eq!((a.message(), a.request_id()), ("m", Some("r")), "{code}");
        assert!(
            e.to_string().contains(&format!(" {code} (unknown code)")),
            "{code}: {e}"
        );
    }
}

#[test]
fn bad_code_of_another_type() {
    for code in ["null", "true", "{}", "[40100]"] {
        let body = format!(r#"{{"code":{code},"message":"m","request_id":"r"}}"#);
        let e = bad(Api::Ads, None, body.as_bytes());
        let m = malformed(&e);
        assert_eq!(
            m.reason(),
            MalformedReason::InvalidField {
                field: "code",
                expected: "an integer or a string"
            },
            "{code}"
        );
        assert_eq!(
            (m.message(), m.request_id()),
            (Some("m"), Some("r")),
            "{code}"
        );
    }
}

#[test]
fn v2_ok_is_success_only_when_it_is_the_string_ok() {
    // Escaped spelling of "ok" is still success.
    let s = decode(
        Api::ContentPosting,
        r#"{"data":{"a":1},"error":{"code":"\u006fk","log_id":"L"}}"#,
    )
    .unwrap();
    assert_eq!(
        (s.data_json(), s.request_id()),
        (Some(r#"{"a":1}"#), Some("L"))
    );
    // Anything else is an error kept as written: an integer 0, an upper-case OK, an empty code.
    for (code, raw) in [
        ("0", RawCode::Int(0)),
        (r#""OK""#, RawCode::Str("OK".into())),
        (r#""""#, RawCode::Str(String::new())),
    ] {
        let body =
            format!(r#"{{"data":{{}},"error":{{"code":{code},"message":"m","log_id":"L"}}}}"#);
        let e = bad(Api::ContentPosting, None, body.as_bytes());
        assert!(matches!(e, TikTokError::ContentPosting(_)), "{code}: {e:?}");
        assert_eq!(e.raw_code(), Some(&raw), "{code}");
        assert_eq!(e.any_code(), None, "{code}");
        assert_eq!(
            (e.message(), e.request_id()),
            (Some("m"), Some("L")),
            "{code}"
        );
    }
}

#[test]
fn bad_missing_code_keeps_the_message() {
    let body = br#"{"message":"Something happened","request_id":"r1","data":{}}"#;
    let e = bad(Api::Ads, Some(200), body);
    assert_malformed(
        &e,
        Some(Api::Ads),
        Some(200),
        MalformedReason::MissingCode { field: "code" },
        body,
    );
    assert_eq!(e.message(), Some("Something happened"));
    assert_eq!(e.request_id(), Some("r1"));
    // Display quotes the message, not the whole body.
    let shown = e.to_string();
    assert_eq!(shown.matches("Something happened").count(), 1, "{shown}");
    // v2: `error` object without `code`; message and log id are kept.
    let body = br#"{"data":{},"error":{"message":"no code here","log_id":"L9"}}"#;
    let e = bad(Api::ContentPosting, None, body);
    assert_malformed(
        &e,
        Some(Api::ContentPosting),
        None,
        MalformedReason::MissingCode {
            field: "error.code",
        },
        body,
    );
    assert_eq!(e.message(), Some("no code here"));
    assert_eq!(e.request_id(), Some("L9"));
    // v2 family asked, but nothing at all.
    let e = bad(Api::ContentPosting, None, br#"{"message":"m"}"#);
    assert_eq!(
        malformed(&e).reason(),
        MalformedReason::MissingCode { field: "error" }
    );
    assert_eq!(e.message(), Some("m"));
    // OAuth asked for, an object with neither error nor token reads as an (odd) token success:
    // the token endpoint's success has no fixed key the crate may require.
    assert!(decode(Api::OAuth, r#"{"message":"m"}"#).is_ok());
}

#[test]
fn bad_error_field_of_another_type() {
    for error in ["42", "true", "[1,2]"] {
        let body = format!(r#"{{"error":{error},"error_description":"desc","log_id":"L"}}"#);
        let e = bad(Api::OAuth, None, body.as_bytes());
        let m = malformed(&e);
        assert_eq!(
            m.reason(),
            MalformedReason::InvalidField {
                field: "error",
                expected: "an object or a string"
            },
            "{error}"
        );
        assert_eq!(
            (m.message(), m.request_id()),
            (Some("desc"), Some("L")),
            "{error}"
        );
    }
    // `"error": null` says nothing: the OAuth body is a token success, the v2 one lacks its code.
    assert!(decode(Api::OAuth, r#"{"error":null,"access_token":"a"}"#).is_ok());
    let e = bad(Api::ContentPosting, None, br#"{"error":null,"data":{}}"#);
    assert_eq!(
        malformed(&e).reason(),
        MalformedReason::MissingCode { field: "error" }
    );
    // error.code of a wrong type.
    let e = bad(
        Api::ContentPosting,
        None,
        br#"{"error":{"code":null,"message":"m","log_id":"L"}}"#,
    );
    assert_eq!(
        malformed(&e).reason(),
        MalformedReason::InvalidField {
            field: "error.code",
            expected: "a string"
        }
    );
    assert_eq!((e.message(), e.request_id()), (Some("m"), Some("L")));
}

#[test]
fn bad_duplicated_keys_keep_the_last_value() {
    let e = bad(Api::Ads, None, br#"{"code":0,"message":"first","code":40100,"message":"second","request_id":"a","request_id":"b"}"#);
    let TikTokError::Ads(a) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(a.raw_code(), &RawCode::Int(40100));
    assert_eq!((a.message(), a.request_id()), ("second", Some("b")));
    let s = decode(Api::Ads, r#"{"code":40100,"code":0,"data":1,"data":[2]}"#).unwrap();
    assert_eq!(s.data_json(), Some("[2]"));
    let e = bad(
        Api::ContentPosting,
        None,
        br#"{"error":{"code":"ok","code":"internal_error","log_id":"x","log_id":"y"}}"#,
    );
    assert_eq!(
        (e.raw_code(), e.request_id()),
        (Some(&RawCode::Str("internal_error".into())), Some("y"))
    );
}

#[test]
fn bad_deeply_nested_data_still_decodes_the_code() {
    const DEPTH: usize = 100_000;
    for (api, prefix, suffix) in [
        (
            Api::Ads,
            r#"{"code":40002,"message":"deep","request_id":"r","data":"#,
            "}",
        ),
        (
            Api::ContentPosting,
            r#"{"error":{"code":"invalid_param","message":"deep","log_id":"r"},"data":"#,
            "}",
        ),
    ] {
        let mut body = String::with_capacity(DEPTH * 2 + 100);
        body.push_str(prefix);
        body.push_str(&"[".repeat(DEPTH));
        body.push_str(&"]".repeat(DEPTH));
        body.push_str(suffix);
        let e = bad(api, None, body.as_bytes());
        assert_eq!(e.api(), Some(api));
        assert!(e.is_known(), "{api}: {e:?}");
        assert_eq!((e.message(), e.request_id()), (Some("deep"), Some("r")));
        assert_eq!(data_json(&e).map(str::len), Some(DEPTH * 2));
        // The data before the code works too.
        let reordered = format!(
            r#"{{"data":{}1{},"code":40002}}"#,
            "{\"a\":".repeat(DEPTH),
            "}".repeat(DEPTH)
        );
        if api == Api::Ads {
            let e = bad(api, None, reordered.as_bytes());
            assert_eq!(e.raw_code(), Some(&RawCode::Int(40002)));
        }
    }
    // A deeply nested success decodes too.
    let body = format!(
        r#"{{"code":0,"data":{}{}}}"#,
        "[".repeat(DEPTH),
        "]".repeat(DEPTH)
    );
    assert_eq!(
        decode(Api::Ads, &body).unwrap().data_json().map(str::len),
        Some(DEPTH * 2)
    );
}

#[test]
fn bad_10_mb_data() {
    let data = format!("[{}0]", "1234567890,".repeat(1 << 20));
    assert!(data.len() > 10_000_000);
    let body = format!(r#"{{"code":40002,"message":"big","request_id":"r","data":{data}}}"#);
    let e = bad(Api::Ads, Some(200), body.as_bytes());
    assert!(e.is_known());
    assert_eq!(
        data_json(&e),
        Some(data.as_str()),
        "a non-empty data is kept whole"
    );
    let ok_body = format!(r#"{{"code":0,"message":"OK","data":{data}}}"#);
    let s = decode(Api::Ads, &ok_body).unwrap();
    assert_eq!(s.data_json().map(str::len), Some(data.len()));
    assert!(
        std::ptr::eq(
            s.data_json().unwrap().as_ptr(),
            ok_body[ok_body.len() - 1 - data.len()..].as_ptr()
        ),
        "borrowed, not copied"
    );
}

#[test]
fn bad_invalid_utf8_inside_a_string() {
    let mut body = br#"{"code":40100,"message":"bad "#.to_vec();
    body.extend_from_slice(&[0xff, 0xfe]);
    body.extend_from_slice(br#"","request_id":"r"}"#);
    let e = bad(Api::Ads, Some(200), &body);
    assert_malformed(
        &e,
        Some(Api::Ads),
        Some(200),
        MalformedReason::NotJson,
        &body,
    );
    assert!(
        std::error::Error::source(&e).is_some(),
        "the parser's error is the source"
    );
    assert!(malformed(&e)
        .body_prefix()
        .starts_with(r#"{"code":40100,"message":"bad "#));
    assert!(malformed(&e).body_prefix().contains('\u{FFFD}'));
    assert_eq!(e.request_id(), Some("HDR"));
}

#[test]
fn bad_invalid_utf8_raw_bytes() {
    let body = [0xff, 0xfe, 0xfd, b'{', b'}', 0x80];
    let e = bad(Api::Ads, None, &body);
    assert_malformed(&e, Some(Api::Ads), None, MalformedReason::NotJson, &body);
    assert!(std::error::Error::source(&e).is_some());
    // A long body whose UTF-8 is cut mid-character at the prefix limit keeps only whole
    // characters, and quotes the body faithfully.
    for pad in 0..4 {
        let body = format!("<html>{}{}</html>", "x".repeat(pad), "é€😀".repeat(200));
        let e = bad(Api::Ads, Some(502), body.as_bytes());
        let prefix = malformed(&e).body_prefix();
        assert!(
            !prefix.contains('\u{FFFD}'),
            "pad {pad}: prefix ends in a broken character: {prefix:?}"
        );
        assert!(body.starts_with(prefix), "pad {pad}");
        assert!(
            prefix.len() > BODY_PREFIX_LIMIT - 4 && prefix.len() <= BODY_PREFIX_LIMIT,
            "pad {pad}: {}",
            prefix.len()
        );
    }
}

#[test]
fn bad_truncated_body() {
    let full = r#"{"code":40100,"message":"App reaches the QPS limit.","request_id":"r","data":{"a":[1,2,3]}}"#;
    for cut in 1..full.len() {
        let body = &full.as_bytes()[..cut];
        let e = bad(Api::Ads, Some(200), body);
        assert_malformed(
            &e,
            Some(Api::Ads),
            Some(200),
            MalformedReason::NotJson,
            body,
        );
        assert!(std::error::Error::source(&e).is_some(), "cut {cut}");
        assert_eq!(e.request_id(), Some("HDR"));
    }
    // Trailing garbage after a complete object is not a clean envelope either.
    let e = bad(Api::Ads, None, br#"{"code":0}{"code":0}"#);
    assert_eq!(malformed(&e).reason(), MalformedReason::NotJson);
}

#[test]
fn bad_invalid_utf8_in_a_skipped_member() {
    // The parser does not validate strings it skips: what the envelope needs is still read.
    let mut body = br#"{"code":40100,"message":"m","request_id":"r","debug":""#.to_vec();
    body.extend_from_slice(&[0xff, 0xfe]);
    body.extend_from_slice(br#""}"#);
    let e = bad(Api::Ads, None, &body);
    assert_eq!(e.any_code(), Some(ads(40100)));
    assert_eq!((e.message(), e.request_id()), (Some("m"), Some("r")));
    // An OAuth token success is the whole body: a body that is not UTF-8 cannot be lent out.
    let mut token = br#"{"access_token":"a","scope":""#.to_vec();
    token.extend_from_slice(&[0xc3, 0x28]);
    token.extend_from_slice(br#""}"#);
    let e = bad(Api::OAuth, None, &token);
    assert_eq!(malformed(&e).reason(), MalformedReason::NotJson);
}

#[test]
fn malformed_display_prints_each_thing_once() {
    for (api, body, reason) in [
        (
            None,
            &br#"{"message":"hello there","request_id":"rid-1"}"#[..],
            "no TikTok envelope fits",
        ),
        (
            Some(Api::OAuth),
            br#"{"error":42,"error_description":"hello there","log_id":"rid-1"}"#,
            "`error` is not an object or a string",
        ),
        (
            Some(Api::Ads),
            br#"{"message":"hello there","request_id":"rid-1"}"#,
            "no `code` in the body",
        ),
    ] {
        let d = match api {
            Some(api) => Decoder::new(api),
            None => Decoder::detect(),
        };
        let e = d.decode(body).unwrap_err();
        let shown = e.to_string();
        assert!(shown.contains(reason), "{shown}");
        assert_eq!(shown.matches("hello there").count(), 1, "{shown}");
        assert_eq!(shown.matches("rid-1").count(), 1, "{shown}");
        assert!(shown.ends_with("[request_id: rid-1]"), "{shown}");
    }
    // Without a message, the body is quoted so the reader sees what came back.
    let e = decode(Api::Ads, r#"{"code":null}"#).unwrap_err();
    assert!(
        e.to_string().contains(r#"body starts "{"code":null}""#),
        "{e}"
    );
}

#[test]
fn bad_html_error_pages() {
    let page = b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n";
    let e = bad(Api::Ads, Some(502), page);
    assert_malformed(
        &e,
        Some(Api::Ads),
        Some(502),
        MalformedReason::NotJson,
        page,
    );
    assert_eq!(
        (e.retry(), e.category()),
        (Retry::Transient, Category::Server)
    );
    assert!(malformed(&e).body_prefix().starts_with("<html>"));
    let shown = e.to_string();
    assert!(
        shown.starts_with(
            "malformed Ads response (HTTP 502): body is not JSON; body starts \"<html>"
        ),
        "{shown}"
    );
    assert!(shown.ends_with("[request_id: HDR]"), "{shown}");

    let page = b"<html><body>Too Many Requests</body></html>";
    let e = bad(Api::ContentPosting, Some(429), page);
    assert_malformed(
        &e,
        Some(Api::ContentPosting),
        Some(429),
        MalformedReason::NotJson,
        page,
    );
    assert_eq!(
        (e.retry(), e.category()),
        (Retry::Throttled, Category::RateLimit)
    );

    // Plain text.
    let e = bad(Api::Ads, Some(404), b"Not Found");
    assert_malformed(
        &e,
        Some(Api::Ads),
        Some(404),
        MalformedReason::NotJson,
        b"Not Found",
    );
    assert_eq!(e.retry(), Retry::Unknown);
}

// ---------------------------------------------------------------------------------------------
// The serde path
// ---------------------------------------------------------------------------------------------

#[test]
fn a_response_inside_a_caller_type_matches_decode() {
    #[derive(serde::Deserialize)]
    struct Stored {
        responses: Vec<TikTokResponse<serde_json::Value>>,
    }
    let bodies = [
        (
            Api::Ads,
            r#"{"code":40100,"message":"m","request_id":"r","data":{"x":1}}"#,
        ),
        (
            Api::Ads,
            r#"{"code":0,"message":"OK","request_id":"r","data":[1]}"#,
        ),
        (Api::BusinessMessaging, r#"{"code":40064,"message":"m"}"#),
        (
            Api::ContentPosting,
            r#"{"data":{"status":"FAILED","fail_reason":"internal"},"error":{"code":"ok","message":"","log_id":"l"}}"#,
        ),
        (
            Api::ContentPosting,
            r#"{"data":{},"error":{"code":"spam_risk_text","message":"m\u00e9","log_id":"l"}}"#,
        ),
        (
            Api::OAuth,
            r#"{"error":"invalid_grant","error_description":"d","log_id":"l"}"#,
        ),
        (Api::OAuth, TOKEN),
        (Api::Ads, r#"{"message":"no code","request_id":"r"}"#),
    ];
    let json = format!(
        "{{\"responses\":[{}]}}",
        bodies.iter().map(|(_, b)| *b).collect::<Vec<_>>().join(",")
    );
    let stored: Stored = serde_json::from_str(&json).expect("stored");
    assert_eq!(stored.responses.len(), bodies.len());
    for ((api, body), env) in bodies.iter().zip(stored.responses) {
        envelope_agrees(body, *api, body);
        let via = env.into_result(*api);
        let direct = decode(*api, body);
        assert_eq!(via.is_ok(), direct.is_ok(), "{body}");
        if let (Err(a), Err(b)) = (&via, &direct) {
            assert_eq!(a.raw_code(), b.raw_code(), "{body}");
            assert_eq!(a.message(), b.message(), "{body}");
            assert_eq!(a.request_id(), b.request_id(), "{body}");
        }
    }
    // Bad envelopes fail as serde errors, not panics.
    assert!(serde_json::from_str::<TikTokResponse<serde_json::Value>>("[1]").is_err());
    assert!(serde_json::from_str::<TikTokResponse<serde_json::Value>>("null").is_err());
}

// ---------------------------------------------------------------------------------------------
// http
// ---------------------------------------------------------------------------------------------

#[cfg(feature = "http")]
#[test]
fn decode_response_takes_status_and_headers() {
    let resp = http::Response::builder()
        .status(429)
        .header("X-Tt-Logid", "L-http")
        .header("Retry-After", "12")
        .body(br#"{"code":40100,"message":"App reaches the QPM limit."}"#.to_vec())
        .expect("response");
    let e = Decoder::new(Api::Ads).decode_response(&resp).unwrap_err();
    assert_eq!(e.http_status(), Some(429));
    assert_eq!(e.request_id(), Some("L-http"));
    assert_eq!(
        e.retry_after_at(late_evening()),
        Some(Duration::from_secs(12))
    );
    assert_eq!(e.any_code(), Some(ads(40100)));

    let resp = http::Response::builder()
        .status(200)
        .header("x-tt-logid", "ignored")
        .body(String::from(
            r#"{"code":0,"message":"OK","request_id":"body-id","data":{"k":"v"}}"#,
        ))
        .expect("response");
    let s = Decoder::new(Api::Ads).decode_response(&resp).unwrap();
    assert_eq!(
        (s.request_id(), s.data_json()),
        (Some("body-id"), Some(r#"{"k":"v"}"#))
    );

    let resp = http::Response::builder()
        .status(502)
        .body(&b"<html>bad gateway</html>"[..])
        .expect("response");
    let e = Decoder::new(Api::ContentPosting)
        .decode_response(&resp)
        .unwrap_err();
    assert_eq!((e.http_status(), e.retry()), (Some(502), Retry::Transient));
    assert_eq!(malformed(&e).reason(), MalformedReason::NotJson);
}

#[test]
fn error_is_small_send_sync() {
    fn assert_traits<T: Send + Sync + 'static + std::error::Error>() {}
    assert_traits::<TikTokError>();
    assert!(std::mem::size_of::<TikTokError>() <= 2 * std::mem::size_of::<usize>());
    assert!(std::mem::size_of::<Result<Reply<'_>, TikTokError>>() <= 96);
}
