//! Invariants every decoding result must hold, whatever the body.
//!
//! Shared by `tests/fuzz_props.rs`, `tests/fuzz_regressions.rs` and the cargo-fuzz targets
//! (`fuzz/src/lib.rs` includes this file with `#[path]`), so a fuzz finding and its regression
//! test check exactly the same thing. Every check panics with a message naming the invariant.
//!
//! The oracle is independent of the decoder: it reads the body with `serde_json::Value` (when
//! the body is valid JSON) and with a lenient scan of every JSON string literal in it, and
//! re-derives from TikTok's documented envelope shapes what the decoder must have kept.
#![allow(dead_code)]

use std::collections::HashSet;
use std::time::{Duration, UNIX_EPOCH};

use serde_json::{Map, Value};
use tiktok_errors::{
    Api, ApiError, Category, Decoder, ErrorCode, MalformedReason, MalformedResponse, RawCode,
    Reply, Retry, RetryAfter, TikTokError, BODY_PREFIX_LIMIT, DISPLAY_FIELD_LIMIT,
    DISPLAY_MESSAGE_LIMIT,
};

/// The longest `… (N more chars)` marker `Display` appends to a cut field (N < 10^20).
pub const CUT_MARKER_BOUND: usize = 40;
/// How many characters of the body prefix `MalformedResponse`'s `Display` prints.
pub const BODY_PREVIEW_LIMIT: usize = 120;
/// Everything `Display` prints that is not a bounded field: labels, the API name, the catalogue
/// title, the malformed reason, the HTTP status.
pub const DISPLAY_OVERHEAD: usize = 200;

const fn max(a: usize, b: usize) -> usize {
    if a > b {
        a
    } else {
        b
    }
}

/// The most characters `Display` may print for any error: the message, two more bounded fields
/// (code and request id, or body preview and request id), a cut marker for each, and the fixed
/// text. 876 with today's limits.
pub const DISPLAY_BOUND: usize = DISPLAY_MESSAGE_LIMIT
    + DISPLAY_FIELD_LIMIT
    + max(DISPLAY_FIELD_LIMIT, BODY_PREVIEW_LIMIT)
    + 3 * CUT_MARKER_BOUND
    + DISPLAY_OVERHEAD;

const _: () = assert!(DISPLAY_BOUND <= 1024);

/// One decoding call: the body and everything the caller passed with it.
#[derive(Clone, Copy, Debug, Default)]
pub struct Call<'a> {
    /// The response body.
    pub body: &'a [u8],
    /// `Some` for `Decoder::new(api)`, `None` for detection.
    pub api: Option<Api>,
    /// `Decoder::status`.
    pub status: Option<u16>,
    /// The value passed as the `x-tt-logid` header, untrimmed.
    pub logid: Option<&'a str>,
    /// The value passed as the `Retry-After` header.
    pub retry_after: Option<&'a str>,
}

impl<'a> Call<'a> {
    /// The decoder this call describes.
    pub fn decoder(&self) -> Decoder<'a> {
        let mut d = match self.api {
            Some(api) => Decoder::new(api),
            None => Decoder::detect(),
        };
        if let Some(s) = self.status {
            d = d.status(s);
        }
        if let Some(v) = self.logid {
            d = d.header("x-tt-logid", v);
        }
        if let Some(v) = self.retry_after {
            d = d.header("Retry-After", v);
        }
        d
    }

    /// Decodes the body with [`decoder`](Self::decoder) and checks every invariant.
    pub fn run_and_check(&self) -> Result<Reply<'a>, TikTokError> {
        let r = self.decoder().decode(self.body);
        check(self, &r);
        r
    }

    fn header_logid(&self) -> Option<&'a str> {
        self.logid.map(str::trim).filter(|v| !v.is_empty())
    }
}

/// What the oracle knows about a body.
pub struct Facts<'a> {
    body: &'a [u8],
    /// Every JSON string literal in the body that unescapes (keys and values, at any depth).
    strings: HashSet<String>,
    /// The body as a JSON value, when it is valid JSON.
    value: Option<Value>,
}

impl<'a> Facts<'a> {
    /// Reads a body.
    pub fn new(body: &'a [u8]) -> Self {
        Facts {
            body,
            strings: string_literals(body),
            value: serde_json::from_slice(body).ok(),
        }
    }

    fn object(&self) -> Option<&Map<String, Value>> {
        self.value.as_ref().and_then(Value::as_object)
    }

    /// Whether `text` is in the body: a string literal (JSON-unescaped) or raw bytes of it.
    /// Arrays and objects in a text field are kept as `<array>` / `<object>`.
    fn appears(&self, text: &str) -> bool {
        self.strings.contains(text)
            || contains(self.body, text.as_bytes())
            || matches!(text, "<array>" | "<object>")
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

/// Every `"…"` literal of the body that unescapes as JSON, scanning left to right.
fn string_literals(body: &[u8]) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut i = 0;
    while i < body.len() {
        if body[i] != b'"' {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < body.len() && body[i] != b'"' {
            i += if body[i] == b'\\' { 2 } else { 1 };
        }
        if i < body.len() {
            if let Ok(s) = serde_json::from_slice::<String>(&body[start..=i]) {
                out.insert(s);
            }
        }
        i += 1;
    }
    out
}

/// The envelope shape the documented rules pick for a top-level object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// `error` is an object.
    V2,
    /// `error` is a string and there is no `code`.
    OAuth,
    /// `code` is present (and `error` is not an object).
    Business,
    /// `error` is neither an object, a string nor null, and there is no `code`.
    BadError,
    /// Neither `code` nor a non-null `error`.
    Bare,
}

fn shape(obj: &Map<String, Value>) -> Shape {
    let error = obj.get("error").filter(|v| !v.is_null());
    match (error, obj.contains_key("code")) {
        (Some(Value::Object(_)), _) => Shape::V2,
        (Some(Value::String(_)), false) => Shape::OAuth,
        (_, true) => Shape::Business,
        (Some(_), false) => Shape::BadError,
        (None, false) => Shape::Bare,
    }
}

/// The integer a Business-shaped body's `code` holds (a number, or a string of digits).
fn int_code(obj: &Map<String, Value>) -> Option<i64> {
    match obj.get("code")? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// Issue 20: a Business-shaped body asked for without a family is TikTok Shop's when its code
/// has 6 to 8 digits, or when it is a success whose message is Shop's `Success`.
fn shop_by_shape(obj: &Map<String, Value>) -> bool {
    match int_code(obj) {
        Some(100_000..=99_999_999) => true,
        Some(0) => obj.get("message") == Some(&Value::from("Success")),
        _ => false,
    }
}

/// Whether a body decoded as Shop may be Shop: asked for, or a code that can read as Shop's
/// (`-0` is a float to serde_json and an integer to the decoder).
fn may_be_shop(call: &Call<'_>, obj: &Map<String, Value>) -> bool {
    call.api == Some(Api::Shop)
        || (call.api.is_none()
            && (shop_by_shape(obj)
                || (obj.get("message") == Some(&Value::from("Success"))
                    && matches!(obj.get("code"), Some(Value::Number(n)) if n.as_f64() == Some(0.0)))))
}

/// The first field of `fields` (looked up in `obj`) that says something: not absent, not
/// `null`, not `""`.
fn first_text<'v>(obj: &'v Map<String, Value>, fields: &[&str]) -> Option<&'v Value> {
    fields
        .iter()
        .filter_map(|f| obj.get(*f))
        .find(|v| !v.is_null() && v.as_str() != Some(""))
}

/// Checks that a text field the decoder kept is exactly what the body said at `expected`:
/// strings unescaped, numbers as written, booleans as `true`/`false`, arrays and objects as
/// `<array>`/`<object>`.
fn check_text(facts: &Facts<'_>, what: &str, got: Option<&str>, expected: Option<&Value>) {
    match (got, expected) {
        (None, None) => {}
        (Some(g), Some(Value::String(s))) => assert_eq!(g, s, "{what}: not the body's string"),
        (Some(g), Some(Value::Bool(b))) => assert_eq!(g, b.to_string(), "{what}: boolean"),
        (Some(g), Some(Value::Array(_))) => assert_eq!(g, "<array>", "{what}: array"),
        (Some(g), Some(Value::Object(_))) => assert_eq!(g, "<object>", "{what}: object"),
        (Some(g), Some(n @ Value::Number(_))) => {
            assert!(
                contains(facts.body, g.as_bytes()),
                "{what}: number {g:?} is not written so in the body (data lost)"
            );
            assert_eq!(
                serde_json::from_str::<Value>(g).ok().as_ref(),
                Some(n),
                "{what}: number {g:?} is not the body's number"
            );
        }
        (g, e) => panic!("{what}: decoded {g:?}, the body says {e:?}"),
    }
}

/// Checks a request id against the body's id fields (`fields`, in precedence order, of `obj`)
/// and the `x-tt-logid` header.
fn check_id(
    call: &Call<'_>,
    facts: &Facts<'_>,
    got: Option<&str>,
    obj: Option<&Map<String, Value>>,
    fields: &[&str],
) {
    assert_ne!(got, Some(""), "request id is an empty string");
    if let Some(obj) = obj {
        let from_body = first_text(obj, fields);
        match from_body {
            Some(v) => check_text(facts, "request id", got, Some(v)),
            None => assert_eq!(got, call.header_logid(), "request id: the body has none"),
        }
    } else if let Some(g) = got {
        assert!(
            facts.appears(g) || Some(g) == call.header_logid(),
            "request id {g:?} is neither in the body nor the header"
        );
    }
}

/// A v2 body's request id fields in one map: `error.log_id` from the error object, then the
/// top-level `log_id` and `request_id` (the decoder's precedence is `V2_ID_FIELDS`).
fn v2_id_source(obj: &Map<String, Value>) -> Map<String, Value> {
    let mut m = Map::new();
    if let Some(Value::Object(e)) = obj.get("error") {
        if let Some(v) = e.get("log_id") {
            m.insert("error.log_id".into(), v.clone());
        }
    }
    for k in ["log_id", "request_id"] {
        if let Some(v) = obj.get(k) {
            m.insert(k.into(), v.clone());
        }
    }
    m
}

/// A Business-shaped body whose `code` is a string, asked for as Content Posting or OAuth: a
/// bare v2 struct, decoded as the family asked for.
fn bare_v2(call: &Call<'_>, obj: &Map<String, Value>) -> bool {
    let code = obj.get("code").and_then(Value::as_str);
    shape(obj) == Shape::Business
        && match call.api {
            Some(Api::ContentPosting | Api::OAuth) => {
                code.is_some_and(|c| c != "0" && c != "20001")
            }
            // Issue 21: detected, a code that is text and not a number is a v2 family's.
            None => code.is_some_and(|c| c.parse::<i64>().is_err()),
            Some(_) => false,
        }
}

/// Issue 21: a Business-shaped body asked for without a family is Business Messaging's when its
/// integer code is one Business Messaging knows and Ads does not (40064).
fn business_messaging_by_code(call: &Call<'_>, obj: &Map<String, Value>) -> bool {
    call.api.is_none()
        && !shop_by_shape(obj)
        && int_code(obj).is_some_and(|i| {
            tiktok_errors::AdsCode::from_int(i).is_none()
                && tiktok_errors::BusinessMessagingCode::from_int(i).is_some()
        })
}

/// The family a bare v2 struct decodes as: the one asked for, or (detected) a v2 one.
fn check_bare_v2_family(call: &Call<'_>, api: Option<Api>) {
    match call.api {
        Some(_) => assert_eq!(api, call.api, "bare v2 struct: the family asked for"),
        None => assert!(
            matches!(api, Some(Api::ContentPosting | Api::OAuth)),
            "bare v2 struct detected as {api:?}"
        ),
    }
}

const V2_ID_FIELDS: &[&str] = &["error.log_id", "log_id", "request_id"];
const BUSINESS_ID_FIELDS: &[&str] = &["request_id", "log_id"];
const OAUTH_ID_FIELDS: &[&str] = &["log_id", "request_id"];

fn error_object(obj: &Map<String, Value>) -> Option<&Map<String, Value>> {
    obj.get("error").and_then(Value::as_object)
}

/// Every invariant of one decoding result.
pub fn check(call: &Call<'_>, result: &Result<Reply<'_>, TikTokError>) {
    let facts = Facts::new(call.body);
    match result {
        Ok(s) => check_success(call, &facts, s),
        Err(e) => {
            check_error(call, &facts, e);
            check_decision(e);
        }
    }
    check_serialized(call, result);
}

/// The retry policy's decision for any decoded error: no panic, within its caps, consistent
/// with the retry class, and one line of words.
pub fn check_decision(e: &TikTokError) {
    use tiktok_errors::retry::{Attempt, Decision, RetryPolicy};
    use tiktok_errors::Retry;
    let now = UNIX_EPOCH + Duration::from_secs(1_795_780_800);
    for policy in [
        RetryPolicy::default(),
        RetryPolicy::default()
            .jitter(false)
            .max_wait(Duration::from_secs(2)),
    ] {
        for attempt in [Attempt::first(true), Attempt::first(false).with_number(3)] {
            let d = policy.decide_at(e, attempt, now);
            let words = d.to_string();
            assert!(
                !words.is_empty() && !words.contains('\n'),
                "decision words: {words:?}"
            );
            match d {
                Decision::Resend { after } => {
                    assert!(after <= policy.wait_limit(), "resend beyond max_wait");
                    assert!(
                        matches!(e.retry(), Retry::Throttled | Retry::Transient),
                        "resend for class {}",
                        e.retry()
                    );
                }
                Decision::RefreshThenResend => {
                    assert_eq!(e.retry(), Retry::RefreshToken, "refresh for another class")
                }
                Decision::Reschedule { not_before, after } => {
                    assert!(after > policy.wait_limit(), "reschedule within max_wait");
                    assert_eq!(not_before, now + after, "reschedule instant");
                }
                _ => {}
            }
            if matches!(
                e.retry(),
                Retry::Reauthorize | Retry::FixRequest | Retry::AccountAction | Retry::Unknown
            ) {
                assert!(d.give_up_reason().is_some(), "{} resent", e.retry());
            }
        }
    }
}

/// The serde view (what `decode --json` prints) of any result: an object that says what the
/// accessors say, with the code's page exactly when the code is known.
fn check_serialized(call: &Call<'_>, result: &Result<Reply<'_>, TikTokError>) {
    let v = match result {
        Ok(s) => serde_json::to_value(s),
        Err(e) => serde_json::to_value(e),
    }
    .expect("serializing a result never fails");
    assert!(v.is_object(), "serialized result is not an object: {v}");
    assert_eq!(
        v["http_status"],
        serde_json::json!(call.status),
        "serialized http_status"
    );
    match result {
        Ok(s) => {
            assert_eq!(v["outcome"], s.outcome(), "serialized outcome");
            assert_eq!(v["docs_url"], Value::Null, "a success has no page");
        }
        Err(e) => {
            assert_eq!(v["outcome"], e.outcome(), "serialized outcome");
            assert_eq!(
                v["code"].as_str(),
                e.raw_code().map(|c| c.as_text()).as_deref(),
                "serialized code"
            );
            assert_eq!(v["message"].as_str(), e.message(), "serialized message");
            match e.any_code() {
                Some(c) => assert_eq!(v["docs_url"], c.docs_url(), "serialized docs_url"),
                None => assert_eq!(v["docs_url"], Value::Null, "an unknown code has no page"),
            }
        }
    }
}

fn check_success(call: &Call<'_>, facts: &Facts<'_>, s: &Reply<'_>) {
    assert_eq!(
        s.outcome(),
        if s.is_partial() {
            "partial_success"
        } else {
            "success"
        },
        "outcome"
    );
    if s.is_partial() {
        assert!(
            matches!(s.api(), Api::Ads | Api::BusinessMessaging | Api::Shop),
            "partial outside the Business API envelope"
        );
    }
    if let Some(d) = s.data_json() {
        assert!(
            contains(call.body, d.as_bytes()),
            "data_json is not borrowed from the body"
        );
        assert!(
            serde_json::from_str::<serde::de::IgnoredAny>(d).is_ok(),
            "data_json is not JSON: {d:?}"
        );
    }
    if let Some(m) = s.message() {
        assert!(facts.appears(m), "success message {m:?} is not in the body");
    }
    let body_str = std::str::from_utf8(call.body).ok();
    if s.api() == Api::OAuth {
        // A token object is the payload; a bare v2 struct with code `"ok"` asked for as OAuth is
        // a v2-style success and has none.
        assert!(
            s.data_json().is_some() || s.raw_code().is_some_and(|c| *c == "ok"),
            "OAuth success without its token object"
        );
    }
    let Some(obj) = facts.object() else {
        // The decoder accepted a body serde_json::Value rejects (nesting deeper than its limit
        // inside an ignored field): nothing structural to compare, only that ids are real.
        check_id(call, facts, s.request_id(), None, &[]);
        return;
    };
    let shape = shape(obj);
    if bare_v2(call, obj) {
        // A bare v2 struct (`{"code":"ok",…}` without the `error` wrapper) asked for as a v2
        // family: a success of that family, read like a Business API body.
        check_bare_v2_family(call, Some(s.api()));
        assert_eq!(
            obj["code"],
            Value::from("ok"),
            "bare v2 success carries an error"
        );
        assert!(!s.is_partial(), "bare v2 partial");
        check_data(obj, s);
        check_id(call, facts, s.request_id(), Some(obj), BUSINESS_ID_FIELDS);
        return;
    }
    match s.api() {
        Api::Ads | Api::BusinessMessaging => {
            assert_eq!(
                shape,
                Shape::Business,
                "Business success for a {shape:?} body"
            );
            assert_eq!(
                s.api() == Api::BusinessMessaging,
                call.api == Some(Api::BusinessMessaging) || business_messaging_by_code(call, obj),
                "Business API family not the one asked for"
            );
            let code = &obj["code"];
            let partial = match code {
                Value::Number(n) if n.as_i64() == Some(0) => false,
                // `-0`, which serde_json reads as a float.
                Value::Number(n) if n.as_f64() == Some(0.0) && n.is_f64() => false,
                Value::Number(n) if n.as_i64() == Some(20001) => true,
                Value::String(c) if c == "0" => false,
                Value::String(c) if c == "20001" => true,
                other => panic!("success carries an error: code {other}"),
            };
            assert_eq!(s.is_partial(), partial, "partial");
            check_data(obj, s);
            check_id(call, facts, s.request_id(), Some(obj), BUSINESS_ID_FIELDS);
            check_text(
                facts,
                "success message",
                s.message(),
                first_text(obj, &["message"]),
            );
        }
        Api::ContentPosting => {
            assert_eq!(shape, Shape::V2, "v2 success for a {shape:?} body");
            let err = error_object(obj).expect("v2");
            assert_eq!(
                err.get("code"),
                Some(&Value::from("ok")),
                "success carries an error"
            );
            if let Some(Value::Object(data)) = obj.get("data") {
                assert_ne!(
                    data.get("status"),
                    Some(&Value::from("FAILED")),
                    "success carries an error: data.status is FAILED"
                );
            }
            check_data(obj, s);
            check_id(
                call,
                facts,
                s.request_id(),
                Some(&v2_id_source(obj)),
                V2_ID_FIELDS,
            );
            check_text(
                facts,
                "success message",
                s.message(),
                first_text(err, &["message"]),
            );
        }
        Api::OAuth => {
            assert!(
                shape == Shape::Bare
                    && (call.api == Some(Api::OAuth) || obj.contains_key("access_token")),
                "OAuth success for a {shape:?} body"
            );
            assert_eq!(
                s.data_json(),
                body_str.map(str::trim),
                "OAuth success: the token object is the whole body"
            );
            check_id(call, facts, s.request_id(), Some(obj), OAUTH_ID_FIELDS);
            assert_eq!(s.message(), None, "OAuth success message");
        }
        Api::Shop => {
            assert_eq!(shape, Shape::Business, "Shop success for a {shape:?} body");
            assert!(
                may_be_shop(call, obj),
                "Shop success neither asked for nor Shop-shaped"
            );
            check_data(obj, s);
            check_id(call, facts, s.request_id(), Some(obj), BUSINESS_ID_FIELDS);
            check_text(
                facts,
                "success message",
                s.message(),
                first_text(obj, &["message"]),
            );
            // Warnings are read from the body's own `data.warnings[].message`.
            for w in s.warnings() {
                assert!(facts.appears(&w), "warning {w:?} is not in the body");
            }
        }
        other => panic!("unknown family {other:?}"),
    }
}

fn check_data(obj: &Map<String, Value>, s: &Reply<'_>) {
    match (obj.get("data"), s.data_json()) {
        (None | Some(Value::Null), None) => {}
        (Some(v), Some(d)) => assert_eq!(
            &serde_json::from_str::<Value>(d).expect("data is JSON"),
            v,
            "data_json is not the body's data"
        ),
        (v, d) => panic!("data_json {d:?}, the body's data {v:?}"),
    }
}

fn check_display(e: &TikTokError) {
    let shown = e.to_string();
    let n = shown.chars().count();
    assert!(
        n <= DISPLAY_BOUND,
        "Display is {n} chars (bound {DISPLAY_BOUND}): {shown}"
    );
    assert!(
        !shown
            .chars()
            .any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')),
        "Display is not one line of printable text: {shown:?}"
    );
    let _ = format!("{e:?}");
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let _ = s.to_string();
        source = s.source();
    }
}

fn check_accessors(e: &TikTokError) {
    let _ = (
        e.category(),
        e.retry(),
        e.title(),
        e.fix(),
        e.is_known(),
        e.outcome(),
    );
    for now in [
        UNIX_EPOCH,
        UNIX_EPOCH + Duration::from_secs(1_790_000_000),
        UNIX_EPOCH + Duration::from_secs(86_399),
        UNIX_EPOCH + Duration::from_secs(1 << 40),
    ] {
        let _ = e.retry_after_at(now);
    }
    if let Some(m) = e.message() {
        assert!(!m.is_empty(), "message() is Some(\"\")");
        check_message_reading(m);
        assert_eq!(
            e.details(),
            tiktok_errors::message::read_message(m),
            "details()"
        );
        let _ = e.diagnoses();
    } else {
        assert!(e.details().is_empty(), "details() without a message");
        assert!(e.diagnoses().is_empty(), "diagnoses() without a message");
    }
    assert_eq!(e.is_known(), e.any_code().is_some(), "is_known");
    assert_eq!(
        e.fail_reason().is_some(),
        matches!(e, TikTokError::PublishFailed(x) if x.fail_reason().is_some()),
        "fail_reason outside a failed publish"
    );
}

/// Issue 10: the fallback for an unknown Business API integer code (no telling HTTP status) reads
/// the message: throttling words mean `Throttled`; an unknown 401xx code is `Authentication` only
/// when the message talks about tokens, authorization or credentials.
fn check_unknown_code_fallback<C: ErrorCode + PartialEq + std::fmt::Debug>(
    call: &Call<'_>,
    e: &ApiError<C>,
) {
    if e.code().is_some()
        || !matches!(C::API, Api::Ads | Api::BusinessMessaging)
        || !matches!(call.status, None | Some(200))
    {
        return;
    }
    let RawCode::Int(i) = e.raw_code() else {
        return;
    };
    let m = e.message().to_ascii_lowercase();
    if m.contains("qps") || m.contains("too frequent") || m.contains("temporarily restricted") {
        assert_eq!(
            e.retry(),
            Retry::Throttled,
            "unknown {i} with a throttling message"
        );
    }
    if (40100..=40199).contains(i) && e.category() == Category::Authentication {
        assert!(
            ["token", "auth", "secret"].iter().any(|w| m.contains(w)),
            "unknown {i} called Authentication without the message saying so: {m:?}"
        );
    }
}

fn check_api_error<C: ErrorCode + PartialEq + std::fmt::Debug>(
    call: &Call<'_>,
    facts: &Facts<'_>,
    e: &ApiError<C>,
    publish_failed: bool,
) {
    assert_eq!(e.http_status(), call.status, "http status");
    assert_eq!(
        e.retry_after_header(),
        call.retry_after.and_then(RetryAfter::parse),
        "Retry-After"
    );
    let resolved = match e.raw_code() {
        RawCode::Int(i) => {
            assert!(
                contains(call.body, i.to_string().as_bytes()),
                "raw code {i} not in the body"
            );
            C::from_int(*i)
        }
        RawCode::Str(s) => {
            assert!(
                (publish_failed && s.is_empty()) || facts.appears(s),
                "raw code {s:?} not in the body"
            );
            C::from_code(s)
        }
        RawCode::Number(t) => {
            assert!(
                contains(call.body, t.as_bytes()),
                "raw code {t:?} not in the body"
            );
            assert!(t.parse::<i64>().is_err(), "an i64 code kept as Number: {t}");
            None
        }
        other => panic!("unknown raw code kind {other:?}"),
    };
    assert_eq!(e.code(), resolved, "typed code does not match the raw code");
    check_unknown_code_fallback(call, e);
    assert!(
        facts.appears(e.message()),
        "message {:?} not in the body",
        e.message()
    );
    if let Some(d) = e.data_json() {
        assert!(
            contains(call.body, d.as_bytes()),
            "data_json not from the body"
        );
    }
}

fn check_error(call: &Call<'_>, facts: &Facts<'_>, e: &TikTokError) {
    check_display(e);
    check_accessors(e);
    assert_eq!(e.http_status(), call.status, "http status");
    let obj = facts.object();
    let shape = obj.map(shape);
    match e {
        TikTokError::Ads(x) => check_api_error(call, facts, &**x, false),
        TikTokError::BusinessMessaging(x) => check_api_error(call, facts, &**x, false),
        TikTokError::ContentPosting(x) => check_api_error(call, facts, &**x, false),
        TikTokError::PublishFailed(x) => check_api_error(call, facts, &**x, true),
        TikTokError::OAuth(x) => check_api_error(call, facts, &**x, false),
        TikTokError::Shop(x) => {
            check_api_error(call, facts, &**x, false);
            // A condition is only ever read for the code TikTok overloads, and the link is a
            // piece of the message.
            if let Some(c) = x.shop_condition() {
                assert_eq!(x.code(), Some(c.code()), "condition {c} on another code");
                assert_eq!(x.retry(), c.retry(), "the condition's retry class");
            }
            if let Some(link) = x.tiktok_link() {
                assert!(
                    x.message().contains(link),
                    "link {link:?} not in the message"
                );
                assert!(link.starts_with("https://m.tiktok.shop/"), "link {link:?}");
            }
        }
        TikTokError::Malformed(m) => return check_malformed(call, facts, m),
        other => panic!("unknown variant {other:?}"),
    }
    let Some(obj) = obj else {
        if let Some(id) = e.request_id() {
            assert!(
                facts.appears(id) || Some(id) == call.header_logid(),
                "request id {id:?} is neither in the body nor the header"
            );
        }
        return;
    };
    let shape = shape.expect("object");
    let message = e.message();
    if bare_v2(call, obj) {
        check_bare_v2_family(call, e.api());
        assert!(
            matches!(e, TikTokError::ContentPosting(_) | TikTokError::OAuth(_)),
            "bare v2 error as {e:?}"
        );
        check_id(call, facts, e.request_id(), Some(obj), BUSINESS_ID_FIELDS);
        check_text(
            facts,
            "message",
            message,
            first_text(obj, &["message", "error_description"]),
        );
        return;
    }
    if call.api.is_none() && shop_by_shape(obj) && shape == Shape::Business {
        assert!(
            matches!(e, TikTokError::Shop(_)),
            "a Shop-shaped body (6-8 digit code) detected as {:?}",
            e.api()
        );
    }
    match e {
        TikTokError::Shop(_) => {
            assert_eq!(shape, Shape::Business, "Shop error for a {shape:?} body");
            assert!(
                may_be_shop(call, obj),
                "Shop error neither asked for nor Shop-shaped"
            );
            check_id(call, facts, e.request_id(), Some(obj), BUSINESS_ID_FIELDS);
            check_text(
                facts,
                "message",
                message,
                first_text(obj, &["message", "error_description"]),
            );
        }
        TikTokError::Ads(_) | TikTokError::BusinessMessaging(_) => {
            assert_eq!(
                shape,
                Shape::Business,
                "Business error for a {shape:?} body"
            );
            assert_eq!(
                matches!(e, TikTokError::BusinessMessaging(_)),
                call.api == Some(Api::BusinessMessaging) || business_messaging_by_code(call, obj),
                "Business API family not the one asked for"
            );
            check_id(call, facts, e.request_id(), Some(obj), BUSINESS_ID_FIELDS);
            check_text(
                facts,
                "message",
                message,
                first_text(obj, &["message", "error_description"]),
            );
        }
        TikTokError::ContentPosting(_) | TikTokError::PublishFailed(_) => {
            assert_eq!(shape, Shape::V2, "v2 error for a {shape:?} body");
            let err = error_object(obj).expect("v2");
            let failed_publish = err.get("code") == Some(&Value::from("ok"));
            assert_eq!(
                matches!(e, TikTokError::PublishFailed(_)),
                failed_publish,
                "a v2 error is a failed publish exactly when error.code is ok"
            );
            if failed_publish {
                let data = obj
                    .get("data")
                    .and_then(Value::as_object)
                    .expect("data object");
                assert_eq!(
                    data.get("status"),
                    Some(&Value::from("FAILED")),
                    "publish status"
                );
                let reason = e.raw_code().expect("code").as_text();
                check_text(
                    facts,
                    "fail_reason",
                    Some(&*reason).filter(|r| !r.is_empty()),
                    first_text(data, &["fail_reason"]),
                );
            }
            check_id(
                call,
                facts,
                e.request_id(),
                Some(&v2_id_source(obj)),
                V2_ID_FIELDS,
            );
            check_text(facts, "message", message, first_text(err, &["message"]));
        }
        TikTokError::OAuth(_) => {
            assert_eq!(shape, Shape::OAuth, "OAuth error for a {shape:?} body");
            check_id(call, facts, e.request_id(), Some(obj), OAUTH_ID_FIELDS);
            check_text(
                facts,
                "message",
                message,
                first_text(obj, &["error_description", "message"]),
            );
        }
        _ => unreachable!(),
    }
}

fn check_malformed(call: &Call<'_>, facts: &Facts<'_>, m: &MalformedResponse) {
    assert_eq!(m.api(), call.api, "malformed: api");
    assert_eq!(m.http_status(), call.status, "malformed: http status");
    assert_eq!(
        m.retry_after_header(),
        call.retry_after.and_then(RetryAfter::parse),
        "malformed: Retry-After"
    );
    assert_eq!(m.body_len(), call.body.len(), "malformed: body_len");
    let prefix = m.body_prefix();
    assert!(
        prefix.chars().count() <= BODY_PREFIX_LIMIT,
        "malformed: body prefix too long"
    );
    if let Ok(body) = std::str::from_utf8(call.body) {
        assert!(
            body.starts_with(prefix),
            "malformed: body prefix is not the body's start"
        );
        if body.len() <= BODY_PREFIX_LIMIT {
            assert_eq!(prefix, body, "malformed: a short body is kept whole");
        } else {
            assert!(
                prefix.len() + 3 >= BODY_PREFIX_LIMIT,
                "malformed: body prefix cut short"
            );
        }
    }
    if let Some(msg) = m.message() {
        assert!(!msg.is_empty(), "malformed: message is Some(\"\")");
    }
    let blank = call.body.iter().all(u8::is_ascii_whitespace);
    assert_eq!(
        m.reason() == MalformedReason::EmptyBody,
        blank,
        "malformed: EmptyBody"
    );
    let Some(value) = &facts.value else {
        // Not JSON to serde_json::Value (the decoder is more lenient: it does not validate
        // strings it skips, nor their nesting depth). Whatever it kept must be real.
        if let Some(id) = m.request_id() {
            assert!(
                facts.appears(id) || Some(id) == call.header_logid(),
                "malformed: request id {id:?} is neither in the body nor the header"
            );
        }
        if let Some(msg) = m.message() {
            assert!(
                facts.appears(msg),
                "malformed: message {msg:?} not in the body"
            );
        }
        return;
    };
    let Some(obj) = value.as_object() else {
        let found = match value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => unreachable!(),
        };
        assert_eq!(
            m.reason(),
            MalformedReason::NotAnObject { found },
            "malformed: JSON non-object"
        );
        assert_eq!(
            m.request_id(),
            call.header_logid(),
            "malformed: request id of a non-object"
        );
        assert_eq!(m.message(), None, "malformed: message of a non-object");
        return;
    };
    let shape = shape(obj);
    let reason = m.reason();
    let expected = match shape {
        Shape::V2 => {
            let code = error_object(obj).and_then(|e| e.get("code"));
            if code.is_none() {
                MalformedReason::MissingCode {
                    field: "error.code",
                }
            } else {
                MalformedReason::InvalidField {
                    field: "error.code",
                    expected: "a string",
                }
            }
        }
        Shape::Business => MalformedReason::InvalidField {
            field: "code",
            expected: "an integer or a string",
        },
        Shape::BadError => MalformedReason::InvalidField {
            field: "error",
            expected: "an object or a string",
        },
        Shape::Bare => match call.api {
            Some(Api::Ads | Api::BusinessMessaging | Api::Shop) => {
                MalformedReason::MissingCode { field: "code" }
            }
            Some(Api::OAuth) => panic!("a bare object is an OAuth success"),
            Some(_) => MalformedReason::MissingCode { field: "error" },
            None => {
                assert!(
                    !obj.contains_key("access_token"),
                    "a token object is an OAuth success"
                );
                MalformedReason::UnknownShape
            }
        },
        Shape::OAuth => panic!("an OAuth error body decoded as malformed: {reason:?}"),
    };
    assert_eq!(reason, expected, "malformed: reason for a {shape:?} body");
    match shape {
        Shape::V2 => {
            // Only null, booleans, objects and arrays are not codes.
            let err = error_object(obj).expect("v2");
            if let Some(code) = err.get("code") {
                assert!(
                    matches!(
                        code,
                        Value::Null | Value::Bool(_) | Value::Array(_) | Value::Object(_)
                    ),
                    "malformed: error.code {code} is a code"
                );
            }
            check_id(
                call,
                facts,
                m.request_id(),
                Some(&v2_id_source(obj)),
                V2_ID_FIELDS,
            );
            check_text(
                facts,
                "malformed message",
                m.message(),
                first_text(err, &["message"]),
            );
        }
        _ => {
            if shape == Shape::Business {
                let code = &obj["code"];
                assert!(
                    matches!(
                        code,
                        Value::Null | Value::Bool(_) | Value::Array(_) | Value::Object(_)
                    ),
                    "malformed: code {code} is a code"
                );
            }
            check_id(call, facts, m.request_id(), Some(obj), BUSINESS_ID_FIELDS);
            check_text(
                facts,
                "malformed message",
                m.message(),
                first_text(obj, &["message", "error_description"]),
            );
        }
    }
}

/// Checks that two results of decoding the same body agree (used to compare entry points:
/// `decode` against `Decoder`, `decode_response` against `Decoder`, detection against the family it
/// detected).
pub fn same_result(
    a: &Result<Reply<'_>, TikTokError>,
    b: &Result<Reply<'_>, TikTokError>,
    what: &str,
) {
    match (a, b) {
        (Ok(x), Ok(y)) => {
            assert_eq!(x.api(), y.api(), "{what}: api");
            assert_eq!(x.is_partial(), y.is_partial(), "{what}: partial");
            assert_eq!(x.data_json(), y.data_json(), "{what}: data");
            assert_eq!(x.request_id(), y.request_id(), "{what}: request id");
            assert_eq!(x.message(), y.message(), "{what}: message");
        }
        (Err(x), Err(y)) => assert_eq!(x, y, "{what}"),
        (x, y) => panic!("{what}: {x:?} vs {y:?}"),
    }
}

/// Invariants of reading a message (`read_message`, `diagnose`): never a panic, every string
/// it reports is a slice of the message's read prefix, an empty reading reports nothing, and
/// diagnoses are few, explained and deterministic.
pub fn check_message_reading(message: &str) {
    check_throttle_lessons(message);
    use tiktok_errors::message::{diagnose, read_message, MESSAGE_READ_LIMIT};
    let d = read_message(message);
    let start = message.as_ptr() as usize;
    let end = start + message.len().min(MESSAGE_READ_LIMIT);
    let inside = |s: &str, what: &str| {
        let p = s.as_ptr() as usize;
        assert!(
            p >= start && p + s.len() <= end,
            "{what} {s:?} is not a slice of the message's read prefix"
        );
        assert!(!s.is_empty(), "empty {what}");
        // TikTok Shop's templates name properties in words (`Battery type`); free text never
        // yields a value with white space.
        assert!(
            d.is_templated() || !s.contains(char::is_whitespace),
            "{what} {s:?} has whitespace"
        );
        assert_eq!(s, s.trim(), "{what} {s:?} has surrounding white space");
    };
    if let Some(link) = d.link() {
        assert!(message.contains(link), "link {link:?} not in the message");
        assert!(link.starts_with("https://m.tiktok.shop/"), "link {link:?}");
    }
    if let Some(r) = d.reason() {
        let p = r.as_ptr() as usize;
        assert!(
            p >= start && p + r.len() <= end,
            "reason not in the message"
        );
        assert!(d.is_templated() && !r.is_empty(), "reason {r:?}");
    }
    for f in d.fields() {
        // A list parameter's name comes from the reader's table of the nouns messages use
        // for it (`metric fields:` → `metrics`); every other field is a slice of the message.
        let p = f.as_str().as_ptr() as usize;
        let named = ["metrics", "dimensions"].contains(&f.as_str())
            && !(p >= start && p < end)
            && message
                .to_ascii_lowercase()
                .contains(f.as_str().trim_end_matches('s'));
        if !named {
            inside(f.as_str(), "field");
        }
        assert!(!f.name().is_empty(), "field {f} has an empty name");
        assert!(f.as_str().starts_with(f.name()), "field name not a prefix");
        // Error codes, statuses and aliases of any family are never fields.
        assert!(
            tiktok_errors::lookup(f.as_str()).is_empty(),
            "field {f} is an error code"
        );
        // A path has no empty segment and does not end in a separator.
        assert!(
            !f.as_str().contains("..") && !f.as_str().ends_with('.'),
            "field {f} is not a path"
        );
    }
    for v in d.received() {
        inside(v, "received value");
        // A value the caller sent is not also read as a field from the same words
        // (`Invalid value for dimensions: province_id …`: `province_id` is an item of
        // `dimensions`, not a field of its own).
        let (vs, ve) = (v.as_ptr() as usize, v.as_ptr() as usize + v.len());
        assert!(
            !d.fields().iter().any(|f| {
                let fs = f.as_str().as_ptr() as usize;
                fs < ve && vs < fs + f.as_str().len()
            }),
            "{v:?} read as both a field and a received value"
        );
    }
    // A limit read from a size complaint names the request itself (`Your query is too large`).
    if d.kind() == Some(tiktok_errors::message::DetailKind::Limit) {
        let lower = message.to_ascii_lowercase();
        assert!(
            [
                "qps",
                "qpm",
                "qpd",
                "too many",
                "too fast",
                "too frequent",
                "rate limit",
                "restricted",
                "quota",
                "too large",
                "too big"
            ]
            .iter()
            .any(|w| lower.contains(w)),
            "a limit without a limit word"
        );
    }
    // A not-supported reading has a refusal or restriction word in the message (`not
    // supported`, `not allowed`, `can't be used`, `only for`, a closing `only`).
    if d.kind() == Some(tiktok_errors::message::DetailKind::NotSupported) {
        let lower = message.to_ascii_lowercase();
        assert!(
            [
                "support",
                "only",
                "not allowed",
                "unknown field",
                "be used",
                "be modified"
            ]
            .iter()
            .any(|w| lower.contains(w)),
            "not supported without a refusal word"
        );
    }
    for v in d.accepted() {
        inside(v, "accepted value");
    }
    if let Some(l) = d.limit() {
        let p = l.as_ptr() as usize;
        assert!(p >= start && p + l.len() <= end, "limit not in the message");
        // A number, or a currency sign and a number (`$50`).
        let digits = l.trim_start_matches(['$', '\u{20ac}', '\u{a3}', '\u{a5}']);
        assert!(
            digits.starts_with(|c: char| c.is_ascii_digit()),
            "limit {l:?}"
        );
        assert!(!l.ends_with(' ') && !l.contains("  "), "limit {l:?}");
    }
    // The credentials kind is a complaint about the token the message names.
    if d.kind() == Some(tiktok_errors::message::DetailKind::Credentials) {
        assert!(
            message.to_ascii_lowercase().contains("token"),
            "credentials without a token"
        );
    }
    if d.is_empty() {
        assert!(
            d.fields().is_empty()
                && d.received().is_empty()
                && d.accepted().is_empty()
                && d.limit().is_none(),
            "an empty reading reports something"
        );
        assert_eq!(d.to_string(), "", "an empty reading displays something");
    }
    assert!(!d.to_string().contains('\n'), "reading display spans lines");
    for api in [None, Some(Api::Ads), Some(Api::ContentPosting)] {
        let found = diagnose(message, api);
        assert!(found.len() <= 3, "more than three diagnoses");
        for g in &found {
            assert!(
                !g.why().is_empty(),
                "diagnosis {} without a reason",
                g.name()
            );
            if api == Some(Api::Ads) {
                assert!(
                    matches!(g.code(), tiktok_errors::AnyCode::AdsDiagnosis(_)),
                    "an Ads diagnosis outside the diagnoses"
                );
            }
        }
        assert_eq!(
            found,
            diagnose(message, api),
            "diagnose is not deterministic"
        );
    }
    // Pasted as a search (what it describes first, the codes that carry its kind of problem,
    // then word matches): bounded, no entry twice, deterministic.
    let opts = tiktok_errors::search::SearchOptions::default().limit(5);
    let hits = tiktok_errors::search::search(message, &opts);
    assert!(hits.len() <= 5, "more results than the limit");
    for (i, h) in hits.iter().enumerate() {
        assert!(
            !hits[..i].iter().any(|o| o.code() == h.code()),
            "{} listed twice",
            h.code().entry().code()
        );
    }
    assert_eq!(
        hits,
        tiktok_errors::search::search(message, &opts),
        "search is not deterministic"
    );
}

// ---------------------------------------------------------------------------------------------
// Typed responses (`TikTokResponse<T>`, `Decoder::decode_as`) agree with `decode` + `data_as`.

/// The top-level members of a JSON object in order, repeats included.
struct Members(Vec<(String, Box<serde_json::value::RawValue>)>);

impl<'de> serde::Deserialize<'de> for Members {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Members;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut m: A,
            ) -> Result<Members, A::Error> {
                let mut v = Vec::new();
                while let Some(k) = m.next_key::<String>()? {
                    v.push((k, m.next_value()?));
                }
                Ok(Members(v))
            }
        }
        d.deserialize_map(V)
    }
}

/// `true` when a single pass reads `data` into `T` before the body turns out to be something
/// else than a Business API success: a `data` after a success `code` (no v2 `error` object yet),
/// and then another `code` or a v2 `error` object. `TikTokResponse<T>` documents this limit: the error
/// is reported without its raw `data` (and a `data` that did not fit `T` fails the pass).
pub fn typed_too_early(body: &[u8]) -> bool {
    let Ok(Members(members)) = serde_json::from_slice::<Members>(body) else {
        return false;
    };
    let success = |raw: &str| match serde_json::from_str::<Value>(raw) {
        Ok(Value::Number(n)) => {
            n.as_i64() == Some(0) || n.as_i64() == Some(20001) || n.as_f64() == Some(0.0)
        }
        Ok(Value::String(s)) => s == "0" || s == "20001",
        _ => false,
    };
    let (mut code_ok, mut error_obj, mut typed) = (false, false, false);
    for (k, v) in &members {
        match k.as_str() {
            "code" => {
                if typed && !success(v.get()) {
                    return true;
                }
                code_ok = success(v.get());
            }
            "error" => {
                error_obj = v.get().starts_with('{');
                if typed && error_obj {
                    return true;
                }
            }
            "data" if code_ok && !error_obj => typed = true,
            _ => {}
        }
    }
    false
}

/// `Decoder::decode_as::<Value>` agrees with `decode` then `data_as::<Value>` on every field,
/// and so do `TikTokResponse<Value>` read with `from_slice`, `from_str`, `from_reader` and
/// `from_value` (for a family given, on UTF-8 bodies), apart from what only a body can give (the
/// body prefix of a malformed response) and the single-pass limit of [`typed_too_early`].
///
/// This is also the check between the two text readers: `decode` reads text fields with the
/// fast `deserialize_any` reader (and falls back to the exact one for floats), `TikTokResponse<T>`
/// captures raw JSON and reads it with the exact rules; every message and id must agree.
pub fn check_typed(call: &Call<'_>) {
    use tiktok_errors::{report::error_json, Reply, TikTokResponse};
    let decoder = call.decoder();
    let old = decoder.decode(call.body);
    let early = typed_too_early(call.body);
    let new = decoder.decode_as::<Value>(call.body);
    agree("decode_as", &old, &new, early, true);
    let (Some(api), Ok(text)) = (call.api, std::str::from_utf8(call.body)) else {
        return;
    };
    let plain = Decoder::new(api);
    let old = plain.decode(call.body);
    let via = |name: &str, r: Result<TikTokResponse<Value>, serde_json::Error>| {
        let new = match r {
            Ok(r) => r.into_result(api),
            // A serde entry point fails exactly where `decode_as` reports the body or the
            // payload as malformed.
            Err(_) => match plain.decode_as::<Value>(call.body) {
                Err(TikTokError::Malformed(_)) => return,
                other if early => {
                    let _ = other;
                    return;
                }
                other => panic!("{name}: the serde pass failed, decode_as gave {other:?}"),
            },
        };
        agree(name, &old, &new, early, false);
    };
    via("from_slice", serde_json::from_slice(call.body));
    via("from_str", serde_json::from_str(text));
    via("from_reader", serde_json::from_reader(call.body));
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        // A `Value` has lost repeated keys and key order: compare with its own text.
        let again = value.to_string();
        let old = plain.decode(again.as_bytes());
        let new =
            serde_json::from_value::<TikTokResponse<Value>>(value).map(|r| r.into_result(api));
        match new {
            Ok(new) => agree(
                "from_value",
                &old,
                &new,
                typed_too_early(again.as_bytes()),
                false,
            ),
            Err(e) => assert!(
                matches!(
                    plain.decode_as::<Value>(again.as_bytes()),
                    Err(TikTokError::Malformed(_))
                ),
                "from_value failed ({e}) where decode_as did not"
            ),
        }
    }

    fn close(a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
                let (x, y) = (
                    x.as_f64().unwrap_or(f64::NAN),
                    y.as_f64().unwrap_or(f64::NAN),
                );
                x == y || (x - y).abs() <= 1e-12 * x.abs().max(y.abs())
            }
            (Value::Array(x), Value::Array(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(x, y)| close(x, y))
            }
            (Value::Object(x), Value::Object(y)) => {
                x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| close(v, w)))
            }
            _ => a == b,
        }
    }

    fn agree(
        name: &str,
        old: &Result<Reply<'_>, TikTokError>,
        new: &Result<Reply<'static, Value>, TikTokError>,
        early: bool,
        with_body: bool,
    ) {
        match (old, new) {
            (Ok(s), Ok(r)) => {
                let data = s.data_as::<Value>().expect("a Value reads any JSON");
                // serde_json reads a float to the nearest f64 only with `float_roundtrip`; a
                // `Value` printed and read again may move by an ulp. Text itself is exact.
                assert!(
                    if name == "from_value" {
                        close(r.data(), &data)
                    } else {
                        r.data() == &data
                    },
                    "{name}: payload {:?} != {data:?}",
                    r.data()
                );
                assert_eq!(r.api(), s.api(), "{name}: api");
                assert_eq!(r.is_partial(), s.is_partial(), "{name}: partial");
                assert_eq!(r.raw_code(), s.raw_code(), "{name}: raw code");
                assert_eq!(r.request_id(), s.request_id(), "{name}: request id");
                assert_eq!(r.message(), s.message(), "{name}: message");
                assert_eq!(r.outcome(), s.outcome(), "{name}: outcome");
            }
            (Err(a), Err(b)) if early => {
                let (mut a, mut b) = (error_json(a), error_json(b));
                for k in ["body_prefix", "body_len"] {
                    a.as_object_mut().map(|o| o.remove(k));
                    b.as_object_mut().map(|o| o.remove(k));
                }
                assert_eq!(a, b, "{name}: error (data read too early)");
            }
            // Malformed: the same everything; serde_json's error may point one column apart
            // (the readers stop at different bytes of the same bad token).
            (Err(TikTokError::Malformed(a)), Err(TikTokError::Malformed(b))) => {
                assert_eq!(a.reason(), b.reason(), "{name}: malformed reason");
                assert_eq!(a.message(), b.message(), "{name}: malformed message");
                assert_eq!(a.request_id(), b.request_id(), "{name}: malformed id");
                assert_eq!(a.api(), b.api(), "{name}: malformed api");
                let source = |m: &MalformedResponse| std::error::Error::source(m).is_some();
                if with_body {
                    assert_eq!(a.body_prefix(), b.body_prefix(), "{name}: body prefix");
                    assert_eq!(a.body_len(), b.body_len(), "{name}: body len");
                    assert_eq!(a.http_status(), b.http_status(), "{name}: status");
                    assert_eq!(
                        a.retry_after_header(),
                        b.retry_after_header(),
                        "{name}: retry"
                    );
                    assert_eq!(source(a), source(b), "{name}: source");
                }
            }
            (Err(a), Err(b)) => assert_eq!(a, b, "{name}: error"),
            (_, _) if early => {}
            // The payload does not fit `T` on either path, or it nests past serde_json's
            // recursion limit (128) once counted from the body's top rather than from `data`.
            (Ok(s), Err(TikTokError::Malformed(m)))
                if m.reason() == MalformedReason::PayloadMismatch
                    && (s.data_as::<Value>().is_err()
                        || std::error::Error::source(&**m)
                            .is_some_and(|e| e.to_string().starts_with("recursion limit"))) => {}
            (Ok(_), Err(TikTokError::Malformed(m))) => panic!(
                "{name}: decode succeeded, the typed path says {} ({:?})",
                m.reason(),
                std::error::Error::source(&**m).map(ToString::to_string)
            ),
            (a, b) => panic!("{name}: decode gave {a:?}, the typed path {b:?}"),
        }
    }
}

/// Invariants of the rate-limit budget's reading of throttle messages (feature `budget`): on
/// any text, as the message of a 40100, 40133 or 40132, `observe` never panics, a stated limit
/// it learns is a number the message holds (1 to 1,000,000), and the budget still grants the
/// next request a turn (within the longest wait, or a typed reschedule).
#[cfg(feature = "budget")]
pub fn check_throttle_lessons(message: &str) {
    use tiktok_errors::budget::{Budget, BudgetError, Request};
    use tiktok_errors::clock::Clock;
    use tiktok_errors::{AdsCode, ApiError, TikTokError};
    let now = UNIX_EPOCH + Duration::from_secs(20_000 * 86_400 + 43_200);
    let budget = Budget::builder("fuzz")
        .clock(Clock::fixed(now))
        .build()
        .expect("a valid configuration");
    let request = Request::new("/open_api/v1.3/campaign/get/")
        .advertiser("1001")
        .field("pixel_code", "C1");
    for code in [
        AdsCode::RequestTooFrequent,
        AdsCode::from_int(40133).expect("40133 is catalogued"),
        AdsCode::from_int(40132).expect("40132 is catalogued"),
    ] {
        let e = TikTokError::from(ApiError::new(code, message));
        let learned = budget
            .observe_blocking(&request, &e)
            .expect("the in-process store never fails");
        for n in [
            learned.app_limit(),
            learned.advertiser_limit(),
            learned.field_limit(),
        ]
        .into_iter()
        .flatten()
        {
            assert!((1..=1_000_000).contains(&n), "learned limit {n}");
            assert!(
                message.contains(&n.to_string()),
                "limit {n} not in the message"
            );
        }
        match budget.reserve_blocking(&request) {
            Ok(_) | Err(BudgetError::Exhausted { .. }) => {}
            Err(other) => panic!("reserve after a lesson: {other}"),
        }
    }
}

#[cfg(not(feature = "budget"))]
pub fn check_throttle_lessons(_: &str) {}
