//! Property: whatever code, message and id TikTok sends, an error body written by serde_json
//! decodes back to the same raw code, message and id, for every envelope shape. Messages and
//! ids are drawn from all of Unicode plus a pool of the characters JSON must escape (quotes,
//! backslashes, control characters, line separators, astral-plane characters).

use proptest::prelude::*;
use serde_json::{json, Value};
use tiktok_errors::{
    decode, AdsCode, Api, ContentPostingCode, Decoder, OAuthCode, RawCode, TikTokError,
    TikTokResponse,
};

/// Text that stresses JSON escaping.
fn tricky_text() -> impl Strategy<Value = String> {
    let pool = prop_oneof![
        Just('"'),
        Just('\\'),
        Just('/'),
        Just('\n'),
        Just('\r'),
        Just('\t'),
        Just('\u{0}'),
        Just('\u{1f}'),
        Just('\u{7f}'),
        Just('\u{85}'),
        Just('\u{2028}'),
        Just('\u{2029}'),
        Just('\u{feff}'),
        Just('é'),
        Just('日'),
        Just('😀'),
        Just('\u{10ffff}'),
        Just(' '),
        Just('a'),
    ];
    prop_oneof![
        any::<String>(),
        prop::collection::vec(pool, 0..40).prop_map(|v| v.into_iter().collect()),
        "[ -~]{0,40}",
    ]
}

/// An optional `data` member: absent, empty, or a small nested value.
fn data() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        Just(None),
        Just(Some(json!({}))),
        Just(Some(json!([]))),
        Just(Some(Value::Null)),
        tricky_text().prop_map(|s| Some(json!({ "detail": s, "list": [1, {"x": null}] }))),
    ]
}

/// Writes an object with its members in the given order (serde_json's own maps sort their
/// keys), each value encoded by serde_json, plus an optional unknown member.
fn object(members: Vec<(&str, Value)>, extra: Option<Value>) -> String {
    let mut parts: Vec<String> = members
        .into_iter()
        .map(|(k, v)| {
            format!(
                "{}:{}",
                json!(k),
                serde_json::to_string(&v).expect("serializable")
            )
        })
        .collect();
    if let Some(extra) = extra {
        parts.insert(parts.len() / 2, format!("\"zz_extra\":{extra}"));
    }
    format!("{{{}}}", parts.join(","))
}

/// The id as the decoder reports it: an empty id is no id.
fn want_id(id: &str) -> Option<&str> {
    Some(id).filter(|i| !i.is_empty())
}

fn api_error_parts(e: &TikTokError) -> (Option<&RawCode>, &str, Option<&str>) {
    let message = match e {
        TikTokError::Ads(a) => a.message(),
        TikTokError::BusinessMessaging(a) => a.message(),
        TikTokError::ContentPosting(a) | TikTokError::PublishFailed(a) => a.message(),
        TikTokError::OAuth(a) => a.message(),
        other => panic!("not an API error: {other:?}"),
    };
    (e.raw_code(), message, e.request_id())
}

/// Decoding through the serde type (`TikTokResponse`) gives the same error.
fn envelope_same(api: Api, body: &str, direct: &TikTokError) -> Result<(), TestCaseError> {
    let env: TikTokResponse<Value> =
        serde_json::from_str(body).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let via = env.into_result(api).err();
    prop_assert_eq!(via.as_ref(), Some(direct));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn business_api_error_roundtrips(
        code in any::<i64>().prop_filter("not a success code", |c| *c != 0 && *c != 20001),
        message in tricky_text(),
        id in tricky_text(),
        data in data(),
        messaging in any::<bool>(),
        extra in proptest::option::of(tricky_text().prop_map(Value::String)),
    ) {
        let mut members = vec![("code", json!(code)), ("message", json!(message)), ("request_id", json!(id))];
        if let Some(d) = data.clone() {
            members.push(("data", d));
        }
        let body = object(members, extra);
        let api = if messaging { Api::BusinessMessaging } else { Api::Ads };
        let e = decode(api, &body).expect_err("a non-zero code is an error");
        prop_assert_eq!(e.api(), Some(api));
        let (raw, msg, rid) = api_error_parts(&e);
        prop_assert_eq!(raw, Some(&RawCode::Int(code)));
        prop_assert_eq!(msg, message.as_str());
        prop_assert_eq!(rid, want_id(&id));
        if !messaging {
            prop_assert_eq!(e.any_code().map(|c| c.entry()), AdsCode::from_int(code).map(|c| c.entry()));
        }
        envelope_same(api, &body, &e)?;
        let shown = e.to_string();
        prop_assert_eq!(shown.lines().count(), 1, "{:?}", shown);
    }

    #[test]
    fn business_api_string_code_roundtrips(code in tricky_text(), message in tricky_text(), id in tricky_text()) {
        prop_assume!(code != "0" && code != "20001");
        let body = object(vec![("request_id", json!(id)), ("message", json!(message)), ("code", json!(code))], None);
        let e = decode(Api::Ads, &body).expect_err("error");
        let (raw, msg, rid) = api_error_parts(&e);
        prop_assert_eq!(raw, Some(&RawCode::Str(code.clone())));
        prop_assert_eq!(msg, message.as_str());
        prop_assert_eq!(rid, want_id(&id));
        envelope_same(Api::Ads, &body, &e)?;
    }

    #[test]
    fn v2_error_roundtrips(
        code in tricky_text(),
        message in tricky_text(),
        id in tricky_text(),
        data in data(),
        error_first in any::<bool>(),
    ) {
        prop_assume!(code != "ok");
        let error = json!({"code": code, "message": message, "log_id": id});
        let mut members = vec![("error", error)];
        if let Some(d) = data {
            if error_first { members.push(("data", d)) } else { members.insert(0, ("data", d)) }
        }
        let body = object(members, None);
        for decoded in [decode(Api::ContentPosting, &body), Decoder::detect().decode(&body)] {
            let e = decoded.expect_err("not ok");
            prop_assert!(matches!(e, TikTokError::ContentPosting(_)), "{:?}", e);
            let (raw, msg, rid) = api_error_parts(&e);
            prop_assert_eq!(raw, Some(&RawCode::Str(code.clone())));
            prop_assert_eq!(msg, message.as_str());
            prop_assert_eq!(rid, want_id(&id));
            prop_assert_eq!(e.any_code().map(|c| c.entry()), ContentPostingCode::from_code(&code).map(|c| c.entry()));
        }
        let e = decode(Api::ContentPosting, &body).unwrap_err();
        envelope_same(Api::ContentPosting, &body, &e)?;
    }

    #[test]
    fn publish_failed_roundtrips(reason in tricky_text(), id in tricky_text()) {
        let body = serde_json::to_string(&json!({
            "data": {"status": "FAILED", "fail_reason": reason},
            "error": {"code": "ok", "message": "", "log_id": id},
        })).expect("json");
        let e = decode(Api::ContentPosting, &body).expect_err("failed publish");
        prop_assert!(matches!(e, TikTokError::PublishFailed(_)), "{:?}", e);
        prop_assert_eq!(e.raw_code(), Some(&RawCode::Str(reason.clone())));
        prop_assert_eq!(e.fail_reason(), Some(reason.as_str()).filter(|r| !r.is_empty()));
        prop_assert_eq!(e.request_id(), want_id(&id));
    }

    #[test]
    fn oauth_error_roundtrips(code in tricky_text(), description in tricky_text(), id in tricky_text()) {
        let body = object(vec![("error", json!(code)), ("error_description", json!(description)), ("log_id", json!(id))], None);
        for decoded in [decode(Api::OAuth, &body), Decoder::detect().decode(&body)] {
            let e = decoded.expect_err("error");
            prop_assert!(matches!(e, TikTokError::OAuth(_)), "{:?}", e);
            let (raw, msg, rid) = api_error_parts(&e);
            prop_assert_eq!(raw, Some(&RawCode::Str(code.clone())));
            prop_assert_eq!(msg, description.as_str());
            prop_assert_eq!(rid, want_id(&id));
            prop_assert_eq!(e.any_code().map(|c| c.entry()), OAuthCode::from_code(&code).map(|c| c.entry()));
        }
        let e = decode(Api::OAuth, &body).unwrap_err();
        envelope_same(Api::OAuth, &body, &e)?;
    }

    #[test]
    fn success_ids_and_data_roundtrip(id in tricky_text(), data in data()) {
        let mut members = vec![("code", json!(0)), ("message", json!("OK")), ("request_id", json!(id))];
        if let Some(d) = data.clone() {
            members.push(("data", d));
        }
        let body = object(members, None);
        let s = decode(Api::Ads, &body).expect("success");
        prop_assert_eq!(s.request_id(), want_id(&id));
        let got: Option<Value> = s.data_json().map(|d| serde_json::from_str(d).expect("raw JSON"));
        // `"data": null` reads as no payload.
        prop_assert_eq!(got, data.filter(|d| !d.is_null()));
    }
}
