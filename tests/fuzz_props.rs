//! Property tests: the invariants the fuzz targets check (`tests/invariants/mod.rs`), over
//! generated envelopes of every documented shape. Codes are integers, strings, floats and
//! wrong types; text is any Unicode, escaped in random ways; fields go missing, get repeated,
//! come in any order, and unknown fields are mixed in; status and headers are random.

mod invariants;

use invariants::{Call, DISPLAY_BOUND};
use proptest::prelude::*;
use serde_json::Value;
use tiktok_errors::{
    decode, AdsCode, Api, ApiError, ContentPostingCode, Decoder, OAuthCode, RawCode, RetryAfter,
};

/// A JSON string literal for `s`, escaped one of three ways: minimally (serde_json), all but
/// digits as `\uXXXX` (surrogate pairs above U+FFFF), or `/` as `\/`.
fn json_string(s: &str, style: u8) -> String {
    match style % 3 {
        0 => serde_json::to_string(s).unwrap(),
        1 => {
            let mut out = String::from("\"");
            for c in s.chars() {
                if c.is_ascii_digit() {
                    out.push(c);
                } else {
                    let mut units = [0u16; 2];
                    for u in c.encode_utf16(&mut units) {
                        out.push_str(&format!("\\u{u:04x}"));
                    }
                }
            }
            out.push('"');
            out
        }
        _ => serde_json::to_string(s).unwrap().replace('/', "\\/"),
    }
}

/// A JSON value as text. Numbers come as written in the wild: exponents, `-0`, past `u64`.
fn any_json() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_owned()),
        any::<bool>().prop_map(|b| b.to_string()),
        any::<i64>().prop_map(|i| i.to_string()),
        any::<u64>().prop_map(|i| i.to_string()),
        prop::num::f64::NORMAL.prop_map(|f| Value::from(f).to_string()),
        prop_oneof![
            Just("1e5"),
            Just("-0"),
            Just("1.0E+2"),
            Just("18446744073709551616"),
            Just("0.1000000000000000000001"),
            Just("4.01e4"),
        ]
        .prop_map(str::to_owned),
        (any::<String>(), any::<u8>()).prop_map(|(s, st)| json_string(&s, st)),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec(("[a-z_]{1,8}", inner), 0..4).prop_map(|v| {
                let fields: Vec<String> =
                    v.into_iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
                format!("{{{}}}", fields.join(","))
            }),
        ]
    })
}

/// Text for a message or an id: mostly strings (any Unicode, controls, quotes, backslashes),
/// sometimes another JSON type.
fn text_value() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (any::<String>(), any::<u8>()).prop_map(|(s, st)| json_string(&s, st)),
        2 => ("[ -~]{0,40}", any::<u8>()).prop_map(|(s, st)| json_string(&s, st)),
        1 => Just("\"\"".to_owned()),
        1 => any_json(),
        // TikTok Shop's shapes: its success word, an overloaded 36009004 message, templates and
        // the trailing documentation link.
        1 => prop::sample::select(vec![
            "Success",
            "Invalid timestamp. The value of the `timestamp` query parameter must not be earlier than 5 minutes before the current time. For more details: https://m.tiktok.shop/s/AIu6dbFhs2XW",
            "Invalid credentials. Invalid 'app_key' query parameter.",
            "Parameter price.amount is invalid. Reason: too low. Expected: a positive decimal",
            "The 'Battery type' field is required as you've selected 'Yes' for 'Contains batteries'.",
            "Allowed dimensions (width x height in pixels): 100 x 100 to 5000 x 5000",
            "see https://m.tiktok.shop/",
            "For more details: https://m.tiktok.shop/s/x.",
            "Parameter  is invalid. Reason:",
        ])
        .prop_map(|m| serde_json::to_string(m).unwrap()),
    ]
}

/// A code: integers (known ones often), strings, floats, wrong types.
fn code_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("0".to_owned()),
        Just("20001".to_owned()),
        Just("\"0\"".to_owned()),
        Just("\"20001\"".to_owned()),
        prop::sample::select(vec![
            40001i64, 40002, 40100, 40105, 41000, 50000, 50002, 51234
        ])
        .prop_map(|c| c.to_string()),
        // TikTok Shop's 6-8 digit codes (known, unknown, and the range's edges).
        prop::sample::select(vec![
            99_999i64,
            100_000,
            105_002,
            106_001,
            36_009_004,
            36_009_002,
            12_052_182,
            98_001_004,
            99_999_999,
            100_000_000
        ])
        .prop_map(|c| c.to_string()),
        Just("\"36009004\"".to_owned()),
        any::<i64>().prop_map(|c| c.to_string()),
        prop::sample::select(vec![
            "ok",
            "spam_risk_too_many_posts",
            "rate_limit_exceeded",
            "invalid_grant",
            "access_token_invalid",
            "40100",
            "",
        ])
        .prop_map(|s| serde_json::to_string(s).unwrap()),
        (any::<String>(), any::<u8>()).prop_map(|(s, st)| json_string(&s, st)),
        prop::num::f64::NORMAL.prop_map(|f| Value::from(f).to_string()),
        prop::sample::select(vec![
            "4.01e4",
            "1e400",
            "-0",
            "99999999999999999999",
            "null",
            "true",
            "[]",
            "{}"
        ])
        .prop_map(str::to_owned),
    ]
}

/// One object member: a key (maybe `\u`-escaped) and a value, or nothing.
fn member(
    key: &'static str,
    value: impl Strategy<Value = String>,
) -> impl Strategy<Value = Option<String>> {
    (prop::option::weighted(0.8, value), any::<u8>()).prop_map(move |(v, st)| {
        v.map(|v| format!("{}:{v}", json_string(key, if st < 200 { 0 } else { 1 })))
    })
}

/// An object from members, shuffled, with unknown members and repeats mixed in.
fn object(members: Vec<BoxedStrategy<Option<String>>>) -> impl Strategy<Value = String> {
    let extra = prop::collection::vec(("[a-z_]{1,12}", any_json()), 0..3).prop_map(|v| {
        v.into_iter()
            .map(|(k, v)| Some(format!("\"{k}\":{v}")))
            .collect::<Vec<_>>()
    });
    (members, extra, any::<bool>())
        .prop_flat_map(|(m, extra, repeat)| {
            let mut all: Vec<String> = m.into_iter().chain(extra).flatten().collect();
            if repeat {
                if let Some(first) = all.first().cloned() {
                    all.push(first);
                }
            }
            Just(all).prop_shuffle()
        })
        .prop_map(|all| format!("{{{}}}", all.join(",")))
}

fn business() -> impl Strategy<Value = String> {
    object(vec![
        member("code", code_value()).boxed(),
        member("message", text_value()).boxed(),
        member("request_id", text_value()).boxed(),
        member("log_id", text_value()).boxed(),
        member("data", any_json()).boxed(),
    ])
}

fn v2() -> impl Strategy<Value = String> {
    let status = prop_oneof![
        3 => Just("\"FAILED\"".to_owned()),
        1 => Just("\"FAIL\\u0045D\"".to_owned()),
        1 => Just("\"PROCESSING_UPLOAD\"".to_owned()),
        1 => text_value(),
    ];
    let fail_reason = prop_oneof![
        Just("\"file_format_check_failed\"".to_owned()),
        Just("\"publish_cancelled\"".to_owned()),
        text_value(),
    ];
    let data = prop_oneof![
        object(vec![
            member("status", status).boxed(),
            member("fail_reason", fail_reason).boxed()
        ]),
        any_json(),
    ];
    let error_code = prop_oneof![3 => Just("\"ok\"".to_owned()), 2 => code_value()];
    let error = object(vec![
        member("code", error_code).boxed(),
        member("message", text_value()).boxed(),
        member("log_id", text_value()).boxed(),
    ]);
    object(vec![
        member("data", data).boxed(),
        member("error", error).boxed(),
        member("log_id", text_value()).boxed(),
    ])
}

fn oauth() -> impl Strategy<Value = String> {
    object(vec![
        member("error", prop_oneof![code_value(), text_value()]).boxed(),
        member("error_description", text_value()).boxed(),
        member("log_id", text_value()).boxed(),
        member("access_token", text_value()).boxed(),
        member("expires_in", any_json()).boxed(),
    ])
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => business(),
        4 => v2(),
        3 => oauth(),
        1 => any_json(),
        1 => Just("<html><body>502 Bad Gateway</body></html>".to_owned()),
        1 => business().prop_map(|b| b.chars().take(b.chars().count() / 2).collect()),
        1 => "[ \t\r\n]{0,3}",
    ]
    .prop_map(String::into_bytes)
}

fn api() -> impl Strategy<Value = Option<Api>> {
    prop::option::weighted(
        0.8,
        prop::sample::select(vec![
            Api::Ads,
            Api::ContentPosting,
            Api::BusinessMessaging,
            Api::OAuth,
            Api::Shop,
        ]),
    )
}

fn retry_after() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<u64>().prop_map(|s| s.to_string()),
        Just("Sun, 06 Nov 1994 08:49:37 GMT".to_owned()),
        (1u64..=31, any::<u64>(), 0u64..24)
            .prop_map(|(d, y, h)| format!("Sun, {d:02} Mar {y} {h:02}:00:00 GMT")),
        "\\PC{0,30}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Every generated body, every family (and detection), random status and headers.
    #[test]
    fn decoding_keeps_the_invariants(
        body in body(),
        api in api(),
        status in prop::option::of(any::<u16>()),
        logid in prop::option::of(prop_oneof!["[ -~]{0,20}", "\\PC{0,20}"]),
        retry in prop::option::of(retry_after()),
    ) {
        let call = Call {
            body: &body,
            api,
            status,
            logid: logid.as_deref(),
            retry_after: retry.as_deref(),
        };
        let _ = call.run_and_check();
        // The bare entry points too.
        let plain = Call { body: &body, api, ..Call::default() };
        let r = match api {
            Some(a) => decode(a, &body),
            None => Decoder::detect().decode(&body),
        };
        invariants::check(&plain, &r);
        invariants::same_result(&r, &plain.decoder().decode(&body), "entry points");
    }

    /// `TikTokResponse<T>` (four serde entry points) and `Decoder::decode_as` agree with `decode`
    /// and `data_as` field for field, on every generated body.
    #[test]
    fn typed_paths_agree_with_decode(
        body in body(),
        api in api(),
        status in prop::option::of(any::<u16>()),
        logid in prop::option::of("[ -~]{0,20}"),
        retry in prop::option::of(retry_after()),
    ) {
        let call = Call {
            body: &body,
            api,
            status,
            logid: logid.as_deref(),
            retry_after: retry.as_deref(),
        };
        invariants::check_typed(&call);
    }

    /// `Display` of a hand-made error is one bounded line, whatever its parts.
    #[test]
    fn display_is_one_bounded_line(
        code in prop_oneof![any::<i64>().prop_map(RawCode::Int), any::<String>().prop_map(RawCode::Str)],
        message in any::<String>(),
        id in any::<String>(),
        controls in 0usize..400,
    ) {
        let message = format!("{message}{}", "\u{1}\n\u{2028}".repeat(controls));
        let shown = [
            ApiError::<AdsCode>::from_raw(code.clone(), message.clone()).with_request_id(id.clone()).to_string(),
            ApiError::<ContentPostingCode>::from_raw(code.clone(), message.clone()).with_request_id(id.clone()).to_string(),
            ApiError::<OAuthCode>::from_raw(code, message).with_request_id(id).to_string(),
        ];
        for s in shown {
            prop_assert!(s.chars().count() <= DISPLAY_BOUND, "{} chars: {s}", s.chars().count());
            prop_assert!(!s.chars().any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')), "{s:?}");
        }
    }

    /// `Retry-After` parsing never panics (overflow included) and only accepts what it
    /// documents.
    #[test]
    fn retry_after_never_panics(value in retry_after()) {
        if let Some(RetryAfter::Delay(d)) = RetryAfter::parse(&value) {
            prop_assert_eq!(Some(d.as_secs()), value.trim().parse::<u64>().ok());
        }
    }
}

/// Pieces TikTok's messages are made of (a path, a condition, a cue, a list, a bound), to build
/// messages that exercise every branch of the reader, glued with arbitrary text.
fn message_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("brand_safety: ".to_owned()),
        Just("fields.1: ".to_owned()),
        Just("budget.0: ".to_owned()),
        Just("Missing data for required field.".to_owned()),
        Just("one or more value of the params is not acceptable".to_owned()),
        Just(", correct is ".to_owned()),
        Just(", current is ".to_owned()),
        Just(", error is ".to_owned()),
        Just(" only supports ".to_owned()),
        Just("Invalid metric fields: ".to_owned()),
        Just("Invalid Param(s): ".to_owned()),
        Just("max time span is ".to_owned()),
        Just(" doesn't exist or has been deleted.".to_owned()),
        Just("Invalid ".to_owned()),
        Just(" or ".to_owned()),
        Just(" is required".to_owned()),
        Just("value for ".to_owned()),
        // Issue 18's shapes: prefix, path and complaint; list parameters; bounds with units and
        // currencies; ids after a label; token complaints; error-code words.
        Just("Invalid param: ".to_owned()),
        Just(" must be set to object".to_owned()),
        Just("Invalid dimension fields: ".to_owned()),
        Just(" must not be less than ".to_owned()),
        Just(" at least ".to_owned()),
        Just("$".to_owned()),
        Just(" USD".to_owned()),
        Just(" characters".to_owned()),
        Just("500x500 pixels".to_owned()),
        Just(" exceeds ".to_owned()),
        Just("pixel code: ".to_owned()),
        Just("AB12CD34EF".to_owned()),
        Just("Access token is incorrect".to_owned()),
        Just("access_denied".to_owned()),
        Just("server_error".to_owned()),
        Just("v1.3".to_owned()),
        Just("'s ".to_owned()),
        // Round two: type and format complaints, a refused scope, a stated condition with its
        // subject (sandbox, API version, report dimensions), a parameter complaint in general.
        Just(" must be set to array".to_owned()),
        Just(" should be ".to_owned()),
        Just(" did not authorize the scope".to_owned()),
        Just("Unsupported ".to_owned()),
        Just(" in sandbox environment".to_owned()),
        Just("Conflict occurs. ".to_owned()),
        Just(" metrics and dimensions ".to_owned()),
        Just(" API version does not support ".to_owned()),
        Just("Invalid parameter".to_owned()),
        Just("Please select ".to_owned()),
        Just(" don't match".to_owned()),
        Just(" cannot be modified".to_owned()),
        Just("Identity_type and Identity_bc_ID".to_owned()),
        Just(" name already exists".to_owned()),
        // Round three: a value for a field then its complaint, the request as the subject of a
        // size complaint, a mismatch said with `matched`.
        Just("Invalid value for dimensions: ".to_owned()),
        Just("province_id is not supported.".to_owned()),
        Just("Your query is too large".to_owned()),
        Just(" is not matched with ".to_owned()),
        // Round four: a restriction to a context, options that exclude each other, `limit of`
        // and a number, lowerCamel names.
        Just(" field is for America market(US) only.".to_owned()),
        Just(" is only for ".to_owned()),
        Just(" modes are mutually exclusive.".to_owned()),
        Just(" exceeds the limit of 10".to_owned()),
        Just("categoryID".to_owned()),
        "[a-z]{2,6}[A-Z][A-Za-z0-9]{0,6}",
        "[a-z]{1,6}\\.[0-9]{1,2}\\.[a-z_]{1,8}",
        "[A-Z][a-z]{1,5}\\.[0-9]\\.[a-z_]{1,8}: ",
        Just("['".to_owned()),
        Just("', '".to_owned()),
        Just("']".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just("…".to_owned()),
        "[A-Z_]{1,12}",
        "[a-z_.0-9]{1,12}",
        "[0-9]{1,4}( days?)?",
        "\\PC{0,8}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// `read_message` and `diagnose` keep their invariants on messages assembled from the
    /// shapes TikTok uses and on arbitrary text; `ApiError::details` reads the same.
    #[test]
    fn reading_messages_keeps_the_invariants(
        pieces in prop::collection::vec(message_piece(), 0..12),
        noise in any::<String>(),
    ) {
        let message: String = pieces.concat();
        invariants::check_message_reading(&message);
        invariants::check_message_reading(&noise);
        let e = ApiError::new(AdsCode::ParamError, message.clone());
        prop_assert_eq!(e.details(), tiktok_errors::message::read_message(&message));
        for d in e.diagnoses() {
            prop_assert!(matches!(d.code(), tiktok_errors::AnyCode::AdsDiagnosis(_)));
        }
    }
}
