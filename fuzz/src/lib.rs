//! Structured inputs for the fuzz targets, and the invariants they check.
//!
//! The invariants live in `tests/invariants/mod.rs` of the main crate, shared with the property
//! tests and the regression tests, so a finding reproduces as a plain `cargo test`.

use arbitrary::Arbitrary;
use tiktok_errors::Api;

#[path = "../../tests/invariants/mod.rs"]
pub mod invariants;

use invariants::{check, same_result, Call};

/// An API family, chosen by the input.
#[derive(Arbitrary, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApiChoice {
    /// `Api::Ads`.
    Ads,
    /// `Api::ContentPosting`.
    ContentPosting,
    /// `Api::BusinessMessaging`.
    BusinessMessaging,
    /// `Api::OAuth`.
    OAuth,
    /// `Api::Shop`.
    Shop,
}

impl From<ApiChoice> for Api {
    fn from(a: ApiChoice) -> Api {
        match a {
            ApiChoice::Ads => Api::Ads,
            ApiChoice::ContentPosting => Api::ContentPosting,
            ApiChoice::BusinessMessaging => Api::BusinessMessaging,
            ApiChoice::OAuth => Api::OAuth,
            ApiChoice::Shop => Api::Shop,
        }
    }
}

/// Which of the two headers the decoder reads.
#[derive(Arbitrary, Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderKind {
    /// `x-tt-logid`: the request id when the body has none.
    LogId,
    /// `Retry-After`: delay-seconds or an HTTP date.
    RetryAfter,
}

/// One response header.
#[derive(Arbitrary, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header<'a> {
    /// Which header.
    pub kind: HeaderKind,
    /// Send the name in upper case (`X-TT-LOGID`, `RETRY-AFTER`): names are case-insensitive.
    pub shout: bool,
    /// The value, as sent.
    pub value: &'a str,
}

impl Header<'_> {
    /// The header's name as sent.
    pub fn name(&self) -> &'static str {
        match (self.kind, self.shout) {
            (HeaderKind::LogId, false) => "x-tt-logid",
            (HeaderKind::LogId, true) => "X-TT-LOGID",
            (HeaderKind::RetryAfter, false) => "retry-after",
            (HeaderKind::RetryAfter, true) => "RETRY-AFTER",
        }
    }
}

/// Input of `decode_explicit` and `decode_http`: a family, a status, a header and the body
/// (the rest of the input, so a plain JSON file after the few leading bytes is a body).
#[derive(Arbitrary, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Input<'a> {
    /// The family the caller asks for.
    pub api: ApiChoice,
    /// The HTTP status, when the caller passes one.
    pub status: Option<u16>,
    /// One response header, if any.
    pub header: Option<Header<'a>>,
    /// The response body.
    pub body: &'a [u8],
}

/// Input of `decode_detect`: no family.
#[derive(Arbitrary, Clone, Copy, Debug, PartialEq, Eq)]
pub struct DetectInput<'a> {
    /// The HTTP status, when the caller passes one.
    pub status: Option<u16>,
    /// One response header, if any.
    pub header: Option<Header<'a>>,
    /// The response body.
    pub body: &'a [u8],
}

/// The decoding call an input describes.
pub fn call<'a>(
    api: Option<Api>,
    status: Option<u16>,
    header: Option<Header<'a>>,
    body: &'a [u8],
) -> Call<'a> {
    let mut c = Call {
        body,
        api,
        status,
        logid: None,
        retry_after: None,
    };
    match header {
        Some(Header {
            kind: HeaderKind::LogId,
            value,
            ..
        }) => c.logid = Some(value),
        Some(Header {
            kind: HeaderKind::RetryAfter,
            value,
            ..
        }) => c.retry_after = Some(value),
        None => {}
    }
    c
}

/// `decode(api, body)` and `Decoder::new(api).status(..).header(..).decode(body)`, for every
/// family: invariants of each result, and the entry points agree with one another.
pub fn explicit(input: Input<'_>) {
    use tiktok_errors::{decode, Api, Decoder};

    let api = Api::from(input.api);
    let body = input.body;

    // The plain entry point.
    let plain = decode(api, body);
    check(
        &Call {
            body,
            api: Some(api),
            ..Call::default()
        },
        &plain,
    );
    same_result(
        &plain,
        &Decoder::new(api).decode(body),
        "decode vs Decoder::new",
    );

    // With the status and the header, the name spelled as the input says.
    let c = call(Some(api), input.status, input.header, body);
    let mut d = Decoder::new(api);
    if let Some(s) = input.status {
        d = d.status(s);
    }
    if let Some(h) = input.header {
        d = d.header(h.name(), h.value);
    }
    let full = d.decode(body);
    check(&c, &full);
    same_result(
        &full,
        &c.decoder().decode(body),
        "header names are case-insensitive",
    );
    // The serde path (`TikTokResponse`) is checked against `decode` by `typed_differential`.
}

/// `Decoder::detect().decode(body)`, with and without a status and a header: invariants of
/// each result, and detection agrees with decoding as the family it detected.
pub fn detect(input: DetectInput<'_>) {
    use tiktok_errors::{decode, Decoder, TikTokError};

    let body = input.body;

    let plain = Decoder::detect().decode(body);
    check(
        &Call {
            body,
            ..Call::default()
        },
        &plain,
    );

    // The family detection chose decodes the body the same way when asked for explicitly.
    let chosen = match &plain {
        Ok(s) => Some(s.api()),
        Err(TikTokError::Malformed(_)) => None,
        Err(e) => e.api(),
    };
    if let Some(api) = chosen {
        same_result(
            &plain,
            &decode(api, body),
            "detected family vs explicit family",
        );
    }

    let c = call(None, input.status, input.header, body);
    let mut d = Decoder::detect();
    if let Some(s) = input.status {
        d = d.status(s);
    }
    if let Some(h) = input.header {
        d = d.header(h.name(), h.value);
    }
    let full = d.decode(body);
    check(&c, &full);
}

/// `Decoder::new(api).decode_response(&http::Response)`: invariants of the result, and it equals
/// `Decoder::new(api).status(..).header(..)` given what the response carries.
pub fn http(input: Input<'_>) {
    use tiktok_errors::{Api, Decoder};

    let api = Api::from(input.api);
    // A response always has a status; keep it in http's valid range (100..=999).
    let status = 100 + input.status.unwrap_or(200).saturating_sub(100) % 900;
    let mut builder = http::Response::builder().status(status);
    let mut header = None;
    if let Some(h) = input.header {
        if let Ok(v) = http::HeaderValue::from_bytes(h.value.as_bytes()) {
            builder = builder.header(h.name(), v.clone());
            // decode_http reads a header only when it is visible ASCII (`to_str`).
            if v.to_str().is_ok() {
                header = Some(h);
            }
        }
    }
    let resp = builder.body(input.body.to_vec()).expect("valid response");

    let r = Decoder::new(api).decode_response(&resp);
    let c = call(Some(api), Some(status), header, resp.body());
    check(&c, &r);
    same_result(
        &r,
        &c.decoder().decode(resp.body()),
        "decode_response vs Decoder",
    );
}

/// Input of `cli_decode`: what `tiktok-errors decode` takes (an optional family, an optional
/// status, the body).
#[derive(Arbitrary, Clone, Copy, Debug, PartialEq, Eq)]
pub struct CliInput<'a> {
    /// `--api`, or detection.
    pub api: Option<ApiChoice>,
    /// `--status`.
    pub status: Option<u16>,
    /// The body.
    pub body: &'a [u8],
}

/// The CLI's decode path as a library call, `decode_report(api, status, body)`: never panics,
/// always an object that serializes and reads back, and it says what the typed decoder says.
pub fn cli(input: CliInput<'_>) {
    use serde_json::Value;
    use tiktok_errors::{report::decode_report, TikTokError};

    let api = input.api.map(Api::from);
    let body = input.body;
    let report = decode_report(api, input.status, body);

    let c = call(api, input.status, None, body);
    let typed = c.decoder().decode(body);
    check(&c, &typed);

    let obj = report.as_object().expect("the report is an object");
    let text = serde_json::to_string(&report).expect("the report serializes");
    assert!(!text.contains('\n'), "the report is one line of JSON");
    let back: Value = serde_json::from_str(&text).expect("the report reads back");
    assert_eq!(back, report, "the report round-trips");

    let s = |k: &str| obj.get(k).and_then(Value::as_str);
    match &typed {
        Ok(ok) => {
            assert_eq!(s("outcome"), Some(ok.outcome()), "outcome");
            assert_eq!(s("api"), Some(ok.api().as_str()), "api");
            assert_eq!(s("message"), ok.message(), "message");
            assert_eq!(s("request_id"), ok.request_id(), "request id");
            assert_eq!(
                s("code").map(str::to_owned),
                ok.raw_code().map(|c| c.as_text().into_owned()),
                "a success reports its raw code (none for an OAuth token)"
            );
            assert_eq!(
                obj.get("data_bytes").and_then(Value::as_u64),
                Some(ok.data_json().map_or(0, str::len) as u64),
                "data_bytes"
            );
        }
        Err(e) => {
            assert_eq!(s("outcome"), Some(e.outcome()), "outcome");
            assert_eq!(s("api"), e.api().map(Api::as_str), "api");
            assert_eq!(
                s("code").map(str::to_owned),
                e.raw_code().map(|c| c.as_text().into_owned()),
                "code"
            );
            assert_eq!(s("message"), e.message(), "message");
            assert_eq!(s("request_id"), e.request_id(), "request id");
            assert_eq!(s("fail_reason"), e.fail_reason(), "fail_reason");
            assert_eq!(s("retry"), Some(e.retry().as_str()), "retry");
            assert_eq!(
                obj.get("known").and_then(Value::as_bool),
                Some(e.is_known()),
                "known"
            );
            if let TikTokError::Malformed(m) = e {
                assert_eq!(s("body_prefix"), Some(m.body_prefix()), "body_prefix");
                assert_eq!(
                    obj.get("body_len").and_then(Value::as_u64),
                    Some(body.len() as u64),
                    "body_len"
                );
            }
        }
    }
    assert_eq!(
        obj.get("http_status").and_then(Value::as_u64),
        input.status.map(u64::from),
        "http_status"
    );
}

/// `read_message` and `diagnose` on any text: the message-reading invariants.
pub fn message(text: &str) {
    invariants::check_message_reading(text);
}

/// `TikTokResponse<T>` (`from_slice`, `from_str`, `from_reader`, `from_value`) and
/// `Decoder::decode_as` agree with `decode` then `data_as` on every field, for the family the
/// input asks for and for detection (`invariants::check_typed`).
pub fn typed(input: Input<'_>) {
    let api = tiktok_errors::Api::from(input.api);
    invariants::check_typed(&call(Some(api), input.status, input.header, input.body));
    invariants::check_typed(&call(None, input.status, input.header, input.body));
}
