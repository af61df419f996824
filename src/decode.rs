//! Decoding raw TikTok responses into a [`Reply`] or a [`TikTokError`].
//!
//! # Shapes
//!
//! | shape | success | error |
//! |---|---|---|
//! | Business API (Ads, Business Messaging) | `code` 0, or 20001 (partial) | `{"code": <int ≠ 0>, "message", "request_id"?, "data"?}` |
//! | v2 (Content Posting) | `error.code == "ok"` | `{"data", "error": {"code": <string>, "message", "log_id"}}`; also `ok` with `data.status == "FAILED"` (a failed publish) |
//! | OAuth v2 | a flat token object | `{"error": <string>, "error_description", "log_id"}` |
//!
//! The body's shape picks the envelope; the [`Api`] you pass picks between families that share
//! one (Ads and Business Messaging). [`Decoder::detect`] picks the family from the shape and the
//! code: a Business API body is TikTok Shop's when its code has 6 to 8 digits, Business
//! Messaging's when only that family knows its code (40064), a v2 family's when its code is
//! text (a bare v2 error struct, `{"code":"access_token_invalid",…}`), and Ads otherwise.
//!
//! # What decoding allocates
//!
//! A success allocates nothing: the payload and ids are borrowed from the body (an id with JSON
//! escapes is the exception: it is unescaped into a `String`). An error allocates its box, the
//! message and the request id (one `String` each), a string code, and a copy of `data` when the
//! error carried a non-empty one. serde_json's own scratch buffer may grow while it skips a
//! nested `data` (or any other nested value); nothing else grows with the body.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::{ApiError, MalformedReason, MalformedResponse, RawCode, RetryAfter};
use crate::response::RawData;
use crate::{
    AdsCode, Api, BusinessMessagingCode, ContentPostingCode, ErrorCode, OAuthCode, Reply, ShopCode,
    TikTokError,
};

/// A success code as sent: by construction one of these (`business_success` accepts `0` and
/// `20001`, as integers or strings; `v2` accepts `"ok"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum SuccessCode {
    IntZero,
    IntPartial,
    StrZero,
    StrPartial,
    Ok,
}

/// The [`RawCode`] of each [`SuccessCode`], made once: a success borrows its code from here.
static SUCCESS_CODES: std::sync::LazyLock<[RawCode; 5]> = std::sync::LazyLock::new(|| {
    [
        RawCode::Int(0),
        RawCode::Int(20001),
        RawCode::Str("0".to_owned()),
        RawCode::Str("20001".to_owned()),
        RawCode::Str("ok".to_owned()),
    ]
});

impl SuccessCode {
    /// The code a success was read with (read again only when it was escaped or oddly
    /// spelled, as `raw_code` would).
    fn of(code: CodeTok<'_>) -> Option<SuccessCode> {
        let raw = match code {
            CodeTok::Int(i) => return SuccessCode::int(i),
            CodeTok::Str(s) => return SuccessCode::text(s),
            CodeTok::Raw(_) => code.raw().ok()?,
        };
        match raw {
            RawCode::Int(i) => SuccessCode::int(i),
            RawCode::Str(s) => SuccessCode::text(&s),
            RawCode::Number(_) => None,
        }
    }
    fn int(i: i64) -> Option<SuccessCode> {
        match i {
            0 => Some(SuccessCode::IntZero),
            20001 => Some(SuccessCode::IntPartial),
            _ => None,
        }
    }
    fn text(s: &str) -> Option<SuccessCode> {
        match s {
            "0" => Some(SuccessCode::StrZero),
            "20001" => Some(SuccessCode::StrPartial),
            "ok" => Some(SuccessCode::Ok),
            _ => None,
        }
    }
    pub(crate) fn raw(self) -> &'static RawCode {
        &SUCCESS_CODES[self as usize]
    }
}

/// Decodes a response body of a known family. See [`Decoder`] to pass the HTTP status and
/// headers too.
///
/// # Errors
///
/// The [`TikTokError`] the body reports (its family's variant, or
/// [`PublishFailed`](TikTokError::PublishFailed)), or [`TikTokError::Malformed`] when the body is
/// not a TikTok envelope (empty, not JSON, not an object, no code where one is needed).
///
/// ```
/// use tiktok_errors::{decode, Api, ContentPostingCode, TikTokError};
/// let body = r#"{"data":{},"error":{"code":"spam_risk_too_many_posts","message":"","log_id":"L1"}}"#;
/// let err = decode(Api::ContentPosting, body).unwrap_err();
/// assert!(matches!(&err, TikTokError::ContentPosting(e)
///     if e.code() == Some(ContentPostingCode::SpamRiskTooManyPosts)));
/// assert_eq!(err.request_id(), Some("L1"));
/// ```
pub fn decode<B: AsRef<[u8]> + ?Sized>(api: Api, body: &B) -> Result<Reply<'_>, TikTokError> {
    Decoder::new(api).decode(body)
}

/// Decodes with the HTTP status and headers of the response.
///
/// ```
/// use std::time::Duration;
/// use tiktok_errors::{Api, Decoder, Retry};
/// let err = Decoder::new(Api::ContentPosting)
///     .status(429)
///     .header("Retry-After", "30")
///     .header("X-Tt-Logid", "20261122abc")
///     .decode(r#"{"error":{"code":"rate_limit_exceeded","message":"slow down"}}"#)
///     .unwrap_err();
/// assert_eq!(err.retry(), Retry::Throttled);
/// assert_eq!(err.retry_after(), Some(Duration::from_secs(30)));
/// assert_eq!(err.request_id(), Some("20261122abc")); // the body had no log_id
/// assert_eq!(err.http_status(), Some(429));
/// ```
#[derive(Clone, Debug, Default)]
#[must_use]
pub struct Decoder<'h> {
    api: Option<Api>,
    status: Option<u16>,
    logid: Option<&'h str>,
    retry_after: Option<RetryAfter>,
}

impl<'h> Decoder<'h> {
    /// A decoder for a known API family.
    pub fn new(api: Api) -> Self {
        Decoder {
            api: Some(api),
            ..Decoder::default()
        }
    }
    /// A decoder that detects the family from the body's shape.
    pub fn detect() -> Self {
        Decoder::default()
    }
    /// The HTTP status of the response.
    pub fn status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }
    /// A response header. `x-tt-logid` (the request id when the body has none) and
    /// `Retry-After` are read, case-insensitively; other headers are ignored.
    pub fn header(mut self, name: &str, value: &'h str) -> Self {
        if name.eq_ignore_ascii_case("x-tt-logid") {
            let v = value.trim();
            if !v.is_empty() {
                self.logid = Some(v);
            }
        } else if name.eq_ignore_ascii_case("retry-after") {
            self.retry_after = RetryAfter::parse(value);
        }
        self
    }

    /// The API family this decoder was made for (`None` when it detects the family).
    #[must_use]
    pub fn api(&self) -> Option<Api> {
        self.api
    }
    /// The HTTP status this decoder was given.
    #[must_use]
    pub fn http_status(&self) -> Option<u16> {
        self.status
    }

    /// Decodes a body (`&[u8]`, `&str`, `Vec<u8>`, `String`, …).
    ///
    /// # Errors
    ///
    /// The [`TikTokError`] the body reports (its family's variant, or
    /// [`PublishFailed`](TikTokError::PublishFailed)), or [`TikTokError::Malformed`] when the body is
    /// not a TikTok envelope (empty, not JSON, not an object, no code where one is needed).
    pub fn decode<'a, B: AsRef<[u8]> + ?Sized>(
        &self,
        body: &'a B,
    ) -> Result<Reply<'a>, TikTokError> {
        let body = body.as_ref();
        // The UTF-8 is checked once and the body parsed as text (strings are then not checked
        // again one by one); a body that is not UTF-8 is read as bytes, as before.
        // The envelope is filled in place (not moved through serde's layers).
        let inexact = Cell::new(false);
        let text = std::str::from_utf8(body).ok();
        let mut top = Top::default();
        let read = match text {
            Some(text) => read_top(
                serde_json::Deserializer::from_str(text),
                Some(&inexact),
                &mut top,
            ),
            None => read_top(
                serde_json::Deserializer::from_slice(body),
                Some(&inexact),
                &mut top,
            ),
        };
        let read = match read {
            Ok(()) if !inexact.get() => Ok(()),
            // A float in a text field (read again with the exact reader, which keeps its
            // text), or a body the fast reader refused: the exact reader decides, so what is
            // accepted (a number past f64 in a text field) and the parser's error are exactly
            // the exact reader's. Only these bodies are read twice.
            _ => {
                top = Top::default();
                match text {
                    Some(text) => {
                        read_top(serde_json::Deserializer::from_str(text), None, &mut top)
                    }
                    None => read_top(serde_json::Deserializer::from_slice(body), None, &mut top),
                }
            }
        };
        match read {
            Ok(()) => self.interpret(top, body),
            Err(e) => Err(self.malformed_unparsed(body, e)),
        }
    }

    pub(crate) fn malformed_unparsed(&self, body: &[u8], err: serde_json::Error) -> TikTokError {
        let first = body.iter().copied().find(|b| !b.is_ascii_whitespace());
        let (reason, source) = match first {
            None => (MalformedReason::EmptyBody, None),
            Some(b'{') => (MalformedReason::NotJson, Some(err)),
            Some(_) => match serde_json::from_slice::<IgnoredAny>(body) {
                Ok(_) => (
                    MalformedReason::NotAnObject {
                        found: json_type(first.unwrap_or(b'n')),
                    },
                    None,
                ),
                Err(e) => (MalformedReason::NotJson, Some(e)),
            },
        };
        self.malformed(MalformedResponse::new(self.api, reason, body, source))
    }

    pub(crate) fn malformed(&self, mut m: MalformedResponse) -> TikTokError {
        m.http_status = self.status;
        m.retry_after = self.retry_after;
        if m.request_id.is_none() {
            m.request_id = self.logid.map(str::to_owned);
        }
        TikTokError::Malformed(Box::new(m))
    }

    pub(crate) fn interpret<'a>(
        &self,
        top: Top<'a>,
        body: &'a [u8],
    ) -> Result<Reply<'a>, TikTokError> {
        match Shape::of(&top) {
            Shape::V2 => self.v2(top, body),
            Shape::OAuth => self.oauth(top, body),
            Shape::Business => self.business(top, body),
            Shape::BadError => Err(self.shape_error(
                top,
                body,
                MalformedReason::InvalidField {
                    field: "error",
                    expected: "an object or a string",
                },
            )),
            Shape::Bare => match self.api {
                Some(Api::OAuth) => self.oauth(top, body),
                None if top.access_token => self.oauth(top, body),
                Some(Api::Ads | Api::BusinessMessaging | Api::Shop) => {
                    Err(self.shape_error(top, body, MalformedReason::MissingCode { field: "code" }))
                }
                Some(_) => Err(self.shape_error(
                    top,
                    body,
                    MalformedReason::MissingCode { field: "error" },
                )),
                None => Err(self.shape_error(top, body, MalformedReason::UnknownShape)),
            },
        }
    }

    fn shape_error(&self, top: Top<'_>, body: &[u8], reason: MalformedReason) -> TikTokError {
        let mut m = MalformedResponse::new(self.api, reason, body, None);
        let (error_message, error_log_id) = match top.error {
            Some(ErrorField::Object {
                message, log_id, ..
            }) => (message, log_id),
            _ => (None, None),
        };
        m.message = top
            .message
            .or(top.error_description)
            .or(error_message)
            .map(Cow::into_owned);
        // Keep a v2 `error.log_id` too; an empty id is no id (the header is used instead).
        m.request_id = [top.request_id, top.log_id, error_log_id]
            .into_iter()
            .flatten()
            .find(|id| !id.is_empty())
            .map(Cow::into_owned);
        self.malformed(m)
    }

    fn request_id<'a>(&self, id: Option<Cow<'a, str>>) -> Option<Cow<'a, str>> {
        id.filter(|i| !i.is_empty())
            .or_else(|| self.logid.map(|l| Cow::Owned(l.to_owned())))
    }

    fn business<'a>(&self, top: Top<'a>, body: &'a [u8]) -> Result<Reply<'a>, TikTokError> {
        // A string code decodes as the family the caller asked for: TikTok's own pages print
        // bare v2 error structs (`{"code":"access_token_invalid","message":…,"log_id":…}`)
        // without the `error` wrapper. Integer codes, and the Business API's success codes sent
        // as strings (`"0"`, `"20001"`), stay the Business API's.
        let api = match self.api {
            Some(Api::BusinessMessaging) => Api::BusinessMessaging,
            Some(Api::Shop) => Api::Shop,
            None => detected_family(&top),
            Some(api @ (Api::ContentPosting | Api::OAuth))
                if top
                    .code
                    .is_some_and(|c| c.is_string() && business_success(Api::Ads, c).is_none()) =>
            {
                api
            }
            _ => Api::Ads,
        };
        // Success codes are recognised on the raw text: a success never copies its code.
        // (`code` is always present here: the Business API shape is chosen only when it is; were
        // it missing, it is reported as a shape error, not a panic.)
        let Some(Some(partial)) = top.code.map(|c| business_success(api, c)) else {
            let Some(Ok(raw)) = top.code.map(CodeTok::raw) else {
                return Err(self.shape_error(
                    top,
                    body,
                    MalformedReason::InvalidField {
                        field: "code",
                        expected: "an integer or a string",
                    },
                ));
            };
            let data = nonempty_data(top.data);
            let id = top.request_id.or(top.log_id);
            let msg = top.message.or(top.error_description);
            return Err(match api {
                Api::BusinessMessaging => TikTokError::BusinessMessaging(Box::new(
                    self.api_error::<BusinessMessagingCode>(raw, msg, id, data),
                )),
                Api::ContentPosting => TikTokError::ContentPosting(Box::new(
                    self.api_error::<ContentPostingCode>(raw, msg, id, data),
                )),
                Api::OAuth => {
                    TikTokError::OAuth(Box::new(self.api_error::<OAuthCode>(raw, msg, id, data)))
                }
                Api::Shop => {
                    TikTokError::Shop(Box::new(self.api_error::<ShopCode>(raw, msg, id, data)))
                }
                Api::Ads => {
                    TikTokError::Ads(Box::new(self.api_error::<AdsCode>(raw, msg, id, data)))
                }
            });
        };
        Ok(Reply {
            http_status: self.status,
            api,
            partial,
            data: RawData(top.data.filter(|d| *d != "null").map(Cow::Borrowed)),
            request_id: self.request_id(top.request_id.or(top.log_id)),
            message: top.message,
            code: top.code.and_then(SuccessCode::of),
        })
    }

    fn v2<'a>(&self, top: Top<'a>, body: &'a [u8]) -> Result<Reply<'a>, TikTokError> {
        let Some(ErrorField::Object {
            code,
            message,
            log_id,
        }) = top.error
        else {
            unreachable!("v2 is chosen only for an error object")
        };
        let id = log_id.or(top.log_id).or(top.request_id);
        // The usual success spelling is recognised without copying the code (success must not
        // allocate); any other spelling goes through `raw_code`.
        let plain_ok = code.is_some_and(CodeTok::is_plain_ok);
        let raw = match code.filter(|_| !plain_ok).map(CodeTok::raw) {
            None if plain_ok => None,
            Some(Ok(raw)) => Some(raw).filter(|r| *r != "ok"),
            Some(Err(())) | None => {
                let reason = if code.is_some() {
                    MalformedReason::InvalidField {
                        field: "error.code",
                        expected: "a string",
                    }
                } else {
                    MalformedReason::MissingCode {
                        field: "error.code",
                    }
                };
                let top = Top {
                    error: Some(ErrorField::Object {
                        code: None,
                        message,
                        log_id: id,
                    }),
                    ..Top::default()
                };
                return Err(self.shape_error(top, body, reason));
            }
        };
        if let Some(raw) = raw {
            let data = nonempty_data(top.data);
            return Err(TikTokError::ContentPosting(Box::new(
                self.api_error::<ContentPostingCode>(raw, message, id, data),
            )));
        }
        if let Some(text) = top.data {
            if let Some(reason) = publish_failure(text) {
                let mut e = self.api_error::<ContentPostingCode>(
                    RawCode::Str(reason.map(Cow::into_owned).unwrap_or_default()),
                    message,
                    id,
                    Some(text),
                );
                e.publish_failed = true;
                return Err(TikTokError::PublishFailed(Box::new(e)));
            }
        }
        Ok(Reply {
            http_status: self.status,
            api: Api::ContentPosting,
            partial: false,
            data: RawData(top.data.filter(|d| *d != "null").map(Cow::Borrowed)),
            request_id: self.request_id(id),
            message: message.filter(|m| !m.is_empty()),
            code: code.and_then(SuccessCode::of),
        })
    }

    fn oauth<'a>(&self, top: Top<'a>, body: &'a [u8]) -> Result<Reply<'a>, TikTokError> {
        let id = top.log_id.or(top.request_id);
        match top.error {
            Some(ErrorField::Str(code)) => {
                Err(TikTokError::OAuth(Box::new(self.api_error::<OAuthCode>(
                    RawCode::Str(code.into_owned()),
                    top.error_description.or(top.message),
                    id,
                    None,
                ))))
            }
            _ => Ok(Reply {
                http_status: self.status,
                api: Api::OAuth,
                partial: false,
                // The whole body is the token object. The parser does not check the UTF-8 of
                // values it skips, so a body that is not UTF-8 is refused here, not dropped.
                data: if let Ok(text) = std::str::from_utf8(body) {
                    RawData(Some(Cow::Borrowed(text.trim())))
                } else {
                    let source = de::Error::custom("invalid UTF-8 in the token object");
                    return Err(self.malformed(MalformedResponse::new(
                        self.api,
                        MalformedReason::NotJson,
                        body,
                        Some(source),
                    )));
                },
                request_id: self.request_id(id),
                message: None,
                code: None,
            }),
        }
    }

    fn api_error<C: ErrorCode>(
        &self,
        raw: RawCode,
        message: Option<Cow<'_, str>>,
        id: Option<Cow<'_, str>>,
        data: Option<&str>,
    ) -> ApiError<C> {
        let mut e = ApiError::<C>::with_parts(
            crate::error::resolve::<C>(&raw),
            raw,
            message.map(Cow::into_owned).unwrap_or_default(),
        );
        e.request_id = self.request_id(id).map(Cow::into_owned);
        e.http_status = self.status;
        e.retry_after = self.retry_after;
        e.data = data.map(Box::from);
        e
    }
}

/// Whether a Business-API-shaped body is TikTok Shop's, when no family was given: its integer
/// code has 6 to 8 digits (TikTok Shop's codes run from 101000 to 98001004; the Marketing and
/// Business Messaging APIs' have at most 5), or it is a success whose message is Shop's
/// `Success` (the Marketing API says `OK`).
pub(crate) fn shop_shaped(top: &Top<'_>) -> bool {
    let Some(code) = top.code else { return false };
    let int = match code {
        CodeTok::Int(i) => Some(i),
        CodeTok::Str(s) => s.parse::<i64>().ok(),
        // An escaped string or an unusual number: read as the text says (rare; detection only).
        CodeTok::Raw(text) if text.starts_with('"') => serde_json::from_str::<Cow<'_, str>>(text)
            .ok()
            .and_then(|s| s.parse::<i64>().ok()),
        CodeTok::Raw(text) => text.parse::<i64>().ok(),
    };
    match int {
        Some(100_000..=99_999_999) => true,
        Some(0) => top.message.as_deref() == Some("Success"),
        _ => false,
    }
}

/// The family of a Business-API-shaped body (one with a `code`) when none was given, from what
/// the catalogue knows of its code:
/// - TikTok Shop when [`shop_shaped`];
/// - a code that is text, not a number (`{"code":"access_token_invalid","message":…,"log_id":…}`,
///   a bare v2 error struct without its `error` wrapper, as TikTok's own pages print them): the
///   v2 family, Content Posting, or OAuth for a code only OAuth knows (`invalid_grant`);
/// - an integer code Ads does not know and Business Messaging does (40064): Business Messaging;
/// - anything else, Ads (codes both know, 40100 among them, keep the Ads reading).
pub(crate) fn detected_family(top: &Top<'_>) -> Api {
    if shop_shaped(top) {
        return Api::Shop;
    }
    let Some(code) = top.code else {
        return Api::Ads;
    };
    let text: Option<Cow<'_, str>> = match code {
        CodeTok::Str(s) => Some(Cow::Borrowed(s)),
        // Escapes are rare here and unescaped only for detection.
        CodeTok::Raw(raw) if raw.starts_with('"') => serde_json::from_str(raw).ok(),
        CodeTok::Raw(_) | CodeTok::Int(_) => None,
    };
    let int = match (&text, code) {
        (Some(t), _) => match t.parse::<i64>() {
            Ok(i) => Some(i),
            Err(_) => {
                return if ContentPostingCode::from_code(t).is_none()
                    && OAuthCode::from_code(t).is_some()
                {
                    Api::OAuth
                } else {
                    Api::ContentPosting
                };
            }
        },
        (None, CodeTok::Int(i)) => Some(i),
        (None, CodeTok::Raw(raw)) => raw.parse::<i64>().ok(),
        (None, CodeTok::Str(_)) => None,
    };
    match int {
        Some(i)
            if AdsCode::from_int(i).is_none() && BusinessMessagingCode::from_int(i).is_some() =>
        {
            Api::BusinessMessaging
        }
        _ => Api::Ads,
    }
}

/// Which envelope a body is, from the fields it has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// `error` is an object: v2 (Content Posting).
    V2,
    /// `error` is a string and there is no `code`: an OAuth error.
    OAuth,
    /// `code` is present: the Business API (or a bare v2 error struct).
    Business,
    /// `error` is neither an object nor a string, and there is no `code`.
    BadError,
    /// Neither `code` nor `error`: an OAuth token, or a body without a code.
    Bare,
}

impl Shape {
    pub(crate) fn of(top: &Top<'_>) -> Shape {
        match (&top.error, &top.code) {
            (Some(ErrorField::Object { .. }), _) => Shape::V2,
            (Some(ErrorField::Str(_)), None) => Shape::OAuth,
            (_, Some(_)) => Shape::Business,
            (Some(ErrorField::Other(_)), None) => Shape::BadError,
            (None, None) => Shape::Bare,
        }
    }
}

/// A Business API success code, on the raw JSON text of `code`: `Some(partial)` for `0` and
/// `20001` (integers, or integers sent as strings), and for `"ok"` when the family asked for is
/// a v2 one (a bare v2 struct); `None` for anything else.
#[allow(clippy::match_same_arms)] // a table: one row per spelling TikTok sends
pub(crate) fn business_success(api: Api, code: CodeTok<'_>) -> Option<bool> {
    let code = match code {
        CodeTok::Int(0) => return Some(false),
        CodeTok::Int(20001) => return Some(true),
        CodeTok::Int(_) => return None,
        CodeTok::Str("0") => return Some(false),
        CodeTok::Str("20001") => return Some(true),
        CodeTok::Str("ok") if matches!(api, Api::ContentPosting | Api::OAuth) => {
            return Some(false)
        }
        CodeTok::Str(_) => return None,
        CodeTok::Raw(text) => text,
    };
    match code {
        "0" | r#""0""# => Some(false),
        "20001" | r#""20001""# => Some(true),
        r#""ok""# if matches!(api, Api::ContentPosting | Api::OAuth) => Some(false),
        // Other spellings: an escaped string (`"\u0030"`) is unescaped; a number is read as an
        // integer (`-0`); nothing is copied unless the code has escapes.
        _ if code.starts_with('"') => {
            if !code.contains('\\') {
                return None;
            }
            match serde_json::from_str::<Cow<'_, str>>(code).ok()?.as_ref() {
                "0" => Some(false),
                "20001" => Some(true),
                "ok" if matches!(api, Api::ContentPosting | Api::OAuth) => Some(false),
                _ => None,
            }
        }
        _ => match code.parse::<i64>() {
            Ok(0) => Some(false),
            Ok(20001) => Some(true),
            _ => None,
        },
    }
}

/// A failed publish answers `ok` with `data.status == "FAILED"`: `Some(fail_reason)` when
/// `data` (raw JSON text) says so. `data` is looked into only when it can say so, so large
/// payloads are not parsed twice: the letters are there, or `\u` escapes that may spell them.
#[allow(clippy::option_option)] // failed (outer) with or without a stated reason (inner)
pub(crate) fn publish_failure(data: &str) -> Option<Option<Cow<'_, str>>> {
    if data.starts_with('{') && (data.contains("FAILED") || data.contains("\\u")) {
        // `data` is valid JSON (the envelope reader checked it): without a backslash, its two
        // members are found by a byte scan instead of a second parse.
        if let Some((status, reason)) = publish_members(data) {
            return (status == Some("FAILED"))
                .then(|| reason.filter(|r| !r.is_empty()).map(Cow::Borrowed));
        }
        if let Ok(status) = serde_json::from_str::<PublishStatus<'_>>(data) {
            if status.status.0.as_deref() == Some("FAILED") {
                return Some(status.fail_reason.0);
            }
        }
    }
    None
}

/// `status` and `fail_reason` of a `data` object that is valid JSON without backslashes (last
/// value of a repeated key, as [`PublishStatus`] reads it), each when it is a string; `None`
/// when the object has a backslash or either member is not a string (then [`PublishStatus`]
/// reads it). Strings hold no escapes here, so a string ends at the next `"`.
#[allow(clippy::type_complexity)]
fn publish_members(data: &str) -> Option<(Option<&str>, Option<&str>)> {
    let b = data.as_bytes();
    if b.contains(&b'\\') {
        return None;
    }
    let ws = |i: &mut usize| {
        while b.get(*i).is_some_and(u8::is_ascii_whitespace) {
            *i += 1;
        }
    };
    // The string starting at `b[i] == '"'`: its contents, and the index after it.
    let string = |i: usize| -> Option<(&str, usize)> {
        let end = i + 1 + b.get(i + 1..)?.iter().position(|&c| c == b'"')?;
        Some((data.get(i + 1..end)?, end + 1))
    };
    let (mut status, mut reason) = (None, None);
    let mut i = 1; // after `{`
    loop {
        ws(&mut i);
        match b.get(i)? {
            b'}' => return Some((status, reason)),
            b',' => {
                i += 1;
                continue;
            }
            b'"' => {}
            _ => return None,
        }
        let (key, after) = string(i)?;
        i = after;
        ws(&mut i);
        i += 1; // `:`
        ws(&mut i);
        let slot = match key {
            "status" => Some(&mut status),
            "fail_reason" => Some(&mut reason),
            _ => None,
        };
        if let Some(slot) = slot {
            if b.get(i) != Some(&b'"') {
                return None;
            }
            let (value, after) = string(i)?;
            *slot = Some(value);
            i = after;
            continue;
        }
        // Skip the value: a string, a nested object or array, or a scalar.
        let mut depth = 0usize;
        loop {
            match *b.get(i)? {
                b'"' => i = string(i)?.1,
                b'{' | b'[' => {
                    depth += 1;
                    i += 1;
                }
                b'}' | b']' if depth > 0 => {
                    depth -= 1;
                    i += 1;
                }
                b',' | b'}' if depth == 0 => break,
                _ => i += 1,
            }
            if depth == 0 && matches!(b.get(i), Some(b',' | b'}')) {
                break;
            }
        }
    }
}

/// The whole body as one envelope, nothing after it.
fn read_top<'de, R: serde_json::de::Read<'de>>(
    mut de: serde_json::Deserializer<R>,
    fast: Option<&Cell<bool>>,
    out: &mut Top<'de>,
) -> Result<(), serde_json::Error> {
    TopSeed { fast, out }.deserialize(&mut de)?;
    de.end()
}

fn json_type(first: u8) -> &'static str {
    match first {
        b'n' => "null",
        b't' | b'f' => "boolean",
        b'"' => "string",
        b'[' => "array",
        _ => "number",
    }
}

fn nonempty_data(data: Option<&str>) -> Option<&str> {
    data.filter(|d| {
        let mut b = d.bytes().filter(|b| !b.is_ascii_whitespace());
        !matches!(
            (b.next(), b.next(), b.next()),
            (Some(b'{'), Some(b'}'), None)
                | (Some(b'['), Some(b']'), None)
                | (Some(b'n'), Some(b'u'), _)
        )
    })
}

/// A code as read: raw JSON text (the exact reader), or what the fast reader saw (an `i64`, or
/// a string without escapes borrowed from the body).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CodeTok<'a> {
    Raw(&'a str),
    Int(i64),
    Str(&'a str),
}

impl CodeTok<'_> {
    /// The code exactly as sent (`Err` for `null`, booleans, objects, arrays).
    pub(crate) fn raw(self) -> Result<RawCode, ()> {
        match self {
            CodeTok::Raw(text) => raw_code_text(text),
            CodeTok::Int(i) => Ok(RawCode::Int(i)),
            CodeTok::Str(s) => Ok(RawCode::Str(s.to_owned())),
        }
    }
    /// A JSON string.
    pub(crate) fn is_string(self) -> bool {
        match self {
            CodeTok::Raw(text) => text.starts_with('"'),
            CodeTok::Str(_) => true,
            CodeTok::Int(_) => false,
        }
    }
    /// `"ok"` spelled plainly (no escapes).
    fn is_plain_ok(self) -> bool {
        matches!(self, CodeTok::Raw(r#""ok""#) | CodeTok::Str("ok"))
    }
}

/// A code read with `deserialize_any`: an `i64` or a string without escapes, borrowed. Anything
/// else (escapes, floats, integers past `i64`, wrong types) sets the flag: the caller reads the
/// body again with the exact reader.
struct FastCode<'s>(&'s Cell<bool>);

impl<'de> DeserializeSeed<'de> for FastCode<'_> {
    type Value = Option<CodeTok<'de>>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        struct V<'s>(&'s Cell<bool>);
        impl V<'_> {
            fn inexact<T>(&self) -> Option<T> {
                self.0.set(true);
                None
            }
        }
        impl<'de> Visitor<'de> for V<'_> {
            type Value = Option<CodeTok<'de>>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Some(CodeTok::Str(v)))
            }
            fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
                Ok(self.inexact())
            }
            fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Some(CodeTok::Int(v)))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
                Ok(i64::try_from(v)
                    .ok()
                    .map(CodeTok::Int)
                    .or_else(|| self.inexact()))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(self.inexact())
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(self.inexact())
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(self.inexact())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
                while m.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(self.inexact())
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut s: A) -> Result<Self::Value, A::Error> {
                while s.next_element::<IgnoredAny>()?.is_some() {}
                Ok(self.inexact())
            }
        }
        d.deserialize_any(V(self.0))
    }
}

/// A code member: [`FastCode`] in fast mode, the raw JSON text otherwise.
fn next_code<'de, A: MapAccess<'de>>(
    m: &mut A,
    fast: Option<&Cell<bool>>,
) -> Result<Option<CodeTok<'de>>, A::Error> {
    match fast {
        Some(inexact) => m.next_value_seed(FastCode(inexact)),
        None => Ok(Some(CodeTok::Raw(m.next_value::<&'de RawValue>()?.get()))),
    }
}

/// Reads a code exactly as written: integers as `Int`, strings as `Str`, other numbers as
/// written. `Err` for `null`, booleans, objects and arrays.
fn raw_code_text(text: &str) -> Result<RawCode, ()> {
    match text.as_bytes().first() {
        // Without escapes, the string is the raw text between the quotes (the parser has
        // already checked it); only an escaped code needs a second parse.
        Some(b'"') if !text.contains('\\') => Ok(RawCode::Str(text[1..text.len() - 1].to_owned())),
        Some(b'"') => serde_json::from_str::<String>(text)
            .map(RawCode::Str)
            .map_err(|_| ()),
        Some(b'-' | b'0'..=b'9') => Ok(text
            .parse::<i64>()
            .map_or_else(|_| RawCode::Number(text.to_owned()), RawCode::Int)),
        _ => Err(()),
    }
}

/// `Text`, not `Option<Cow<str>>`: serde's derive never borrows a `Cow` inside an `Option`, so
/// that would allocate for every status it reads. Read leniently, like the envelope: unknown
/// keys are skipped and a repeated key keeps its last value (serde's derive rejects a repeated
/// key, and the failed publish would read as a success).
#[derive(Default)]
struct PublishStatus<'a> {
    status: Text<'a>,
    fail_reason: Text<'a>,
}

impl<'de> Deserialize<'de> for PublishStatus<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = PublishStatus<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a publish status object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
                let mut s = PublishStatus::default();
                while let Some(k) = m.next_key::<Key>()? {
                    match k {
                        Key::Status => s.status = m.next_value()?,
                        Key::FailReason => s.fail_reason = m.next_value()?,
                        _ => {
                            m.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(s)
            }
        }
        d.deserialize_map(V)
    }
}

/// The top-level fields of any TikTok envelope, borrowed from the body. Lenient: unknown keys
/// are skipped, a repeated key keeps its last value, a text field of the wrong type is kept as
/// its JSON text.
#[derive(Default, Debug)]
pub(crate) struct Top<'a> {
    /// `code` as read.
    pub(crate) code: Option<CodeTok<'a>>,
    pub(crate) message: Option<Cow<'a, str>>,
    pub(crate) request_id: Option<Cow<'a, str>>,
    /// Raw JSON text of `data`.
    pub(crate) data: Option<&'a str>,
    pub(crate) error: Option<ErrorField<'a>>,
    pub(crate) error_description: Option<Cow<'a, str>>,
    pub(crate) log_id: Option<Cow<'a, str>>,
    pub(crate) access_token: bool,
}

/// The `error` member: a v2 object, an OAuth string, or something else.
#[derive(Debug)]
pub(crate) enum ErrorField<'a> {
    Object {
        /// `error.code` as read.
        code: Option<CodeTok<'a>>,
        message: Option<Cow<'a, str>>,
        log_id: Option<Cow<'a, str>>,
    },
    Str(Cow<'a, str>),
    Other(&'static str),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Key {
    Code,
    Message,
    RequestId,
    Data,
    Error,
    ErrorDescription,
    LogId,
    AccessToken,
    Status,
    FailReason,
    Other,
}

impl Key {
    pub(crate) fn of(key: &str) -> Key {
        match key {
            "code" => Key::Code,
            "message" => Key::Message,
            "request_id" => Key::RequestId,
            "data" => Key::Data,
            "error" => Key::Error,
            "error_description" => Key::ErrorDescription,
            "log_id" => Key::LogId,
            "access_token" => Key::AccessToken,
            "status" => Key::Status,
            "fail_reason" => Key::FailReason,
            _ => Key::Other,
        }
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
                Ok(Key::of(v))
            }
        }
        d.deserialize_identifier(V)
    }
}

/// A text field read leniently: strings borrowed where possible, `null` and `""` as absent,
/// numbers and booleans kept as written, objects and arrays as their type name.
#[derive(Default)]
struct Text<'a>(Option<Cow<'a, str>>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Read the raw JSON, so a number keeps the text it was sent as (`1e5`, an id past
        // 2^64): parsed to a float and printed back, it would not be what TikTok sent.
        let raw = <&'de RawValue>::deserialize(d)?;
        text_from_raw(raw.get())
            .map(Text)
            .map_err(de::Error::custom)
    }
}

/// A text field from its raw JSON text (the `Text` rules): strings unescaped (borrowed when
/// they have no escapes), `null` and `""` as absent, numbers and booleans as written, objects
/// and arrays as their type name.
pub(crate) fn text_from_raw(text: &str) -> Result<Option<Cow<'_, str>>, serde_json::Error> {
    let value = match text.as_bytes().first() {
        Some(b'"') if !text.contains('\\') => Cow::Borrowed(&text[1..text.len() - 1]),
        Some(b'"') => Cow::Owned(serde_json::from_str::<String>(text)?),
        Some(b'n') => return Ok(None),
        Some(b'[') => Cow::Borrowed("<array>"),
        Some(b'{') => Cow::Borrowed("<object>"),
        _ => Cow::Borrowed(text),
    };
    // `""` says nothing, like `null`: the next source is used (`log_id` after an empty
    // `request_id`, then the `x-tt-logid` header).
    Ok(Some(value).filter(|v| !v.is_empty()))
}

/// Reads the `error` member. `fast`: read text with [`FastText`] (flagging what it cannot
/// print back exactly); `None`: the exact reader.
#[derive(Clone, Copy, Default)]
pub(crate) struct ErrorSeed<'s> {
    pub(crate) fast: Option<&'s Cell<bool>>,
}

/// A text member: [`FastText`] in fast mode, the exact [`Text`] reader otherwise.
fn next_text<'de, A: MapAccess<'de>>(
    m: &mut A,
    fast: Option<&Cell<bool>>,
) -> Result<Option<Cow<'de, str>>, A::Error> {
    match fast {
        Some(inexact) => m.next_value_seed(FastText(inexact)),
        None => Ok(m.next_value::<Text<'de>>()?.0),
    }
}

/// A text field read with `deserialize_any`, by the [`Text`] rules, without capturing raw
/// JSON: strings borrowed where possible, integers printed back (JSON integers have one
/// spelling), booleans, `null` and `""` as absent, objects and arrays as their type name. A
/// float (or an integer past `u64`, which serde_json reads as one) cannot be printed back as
/// sent: the flag is set and the caller reads the body again with the exact reader.
struct FastText<'s>(&'s Cell<bool>);

impl<'de> DeserializeSeed<'de> for FastText<'_> {
    type Value = Option<Cow<'de, str>>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        struct V<'s>(&'s Cell<bool>);
        impl<'de> Visitor<'de> for V<'_> {
            type Value = Option<Cow<'de, str>>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Some(Cow::Borrowed(v)).filter(|v| !v.is_empty()))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Some(Cow::<str>::Owned(v.to_owned())).filter(|v| !v.is_empty()))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(Some(Cow::<str>::Owned(v)).filter(|v| !v.is_empty()))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
                Ok(Some(Cow::Borrowed(if v { "true" } else { "false" })))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Some(Cow::Owned(v.to_string())))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Some(Cow::Owned(v.to_string())))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                self.0.set(true);
                Ok(None)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
                while m.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Some(Cow::Borrowed("<object>")))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut s: A) -> Result<Self::Value, A::Error> {
                while s.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Some(Cow::Borrowed("<array>")))
            }
        }
        d.deserialize_any(V(self.0))
    }
}

impl<'de> DeserializeSeed<'de> for ErrorSeed<'_> {
    type Value = ErrorField<'de>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        struct V<'s>(Option<&'s Cell<bool>>);
        impl<'de> Visitor<'de> for V<'_> {
            type Value = ErrorField<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an error object or string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(ErrorField::Str(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(ErrorField::Str(Cow::Owned(v.to_owned())))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
                let (mut code, mut message, mut log_id) = (None, None, None);
                while let Some(k) = m.next_key::<Key>()? {
                    match k {
                        Key::Code => code = next_code(&mut m, self.0)?,
                        Key::Message => message = next_text(&mut m, self.0)?,
                        Key::LogId => log_id = next_text(&mut m, self.0)?,
                        _ => {
                            m.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(ErrorField::Object {
                    code,
                    message,
                    log_id,
                })
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(ErrorField::Other("null"))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(ErrorField::Other("boolean"))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(ErrorField::Other("number"))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(ErrorField::Other("number"))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(ErrorField::Other("number"))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut s: A) -> Result<Self::Value, A::Error> {
                while s.next_element::<IgnoredAny>()?.is_some() {}
                Ok(ErrorField::Other("array"))
            }
        }
        d.deserialize_any(V(self.fast))
    }
}

impl<'de> Deserialize<'de> for Top<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut top = Top::default();
        TopSeed {
            fast: None,
            out: &mut top,
        }
        .deserialize(d)?;
        Ok(top)
    }
}

/// Reads the envelope into `out`, in fast or exact mode (see [`ErrorSeed`]).
struct TopSeed<'s, 'de> {
    fast: Option<&'s Cell<bool>>,
    out: &'s mut Top<'de>,
}

impl<'de> DeserializeSeed<'de> for TopSeed<'_, 'de> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        struct V<'s, 'de>(Option<&'s Cell<bool>>, &'s mut Top<'de>);
        impl<'de> Visitor<'de> for V<'_, 'de> {
            type Value = ();
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a TikTok response object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<(), A::Error> {
                let top = self.1;
                while let Some(k) = m.next_key::<Key>()? {
                    match k {
                        Key::Code => top.code = next_code(&mut m, self.0)?,
                        Key::Message => top.message = next_text(&mut m, self.0)?,
                        Key::RequestId => top.request_id = next_text(&mut m, self.0)?,
                        Key::Data => top.data = Some(m.next_value::<&'de RawValue>()?.get()),
                        Key::Error => {
                            top.error = match m.next_value_seed(ErrorSeed { fast: self.0 })? {
                                // `"error": null` says nothing; treat it as absent.
                                ErrorField::Other("null") => None,
                                e => Some(e),
                            }
                        }
                        Key::ErrorDescription => top.error_description = next_text(&mut m, self.0)?,
                        Key::LogId => top.log_id = next_text(&mut m, self.0)?,
                        Key::AccessToken => {
                            m.next_value::<IgnoredAny>()?;
                            top.access_token = true;
                        }
                        Key::Status | Key::FailReason | Key::Other => {
                            m.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(())
            }
        }
        d.deserialize_map(V(self.fast, self.out))
    }
}

#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl<'h> Decoder<'h> {
    /// Reads `x-tt-logid` and `Retry-After` from an `http::HeaderMap` (the first readable value
    /// of each). Requires the `http` feature.
    ///
    /// ```
    /// # #[cfg(feature = "http")] {
    /// use tiktok_errors::{Api, Decoder};
    /// let mut headers = http::HeaderMap::new();
    /// headers.insert("x-tt-logid", "L-9".parse().unwrap());
    /// headers.insert("retry-after", "5".parse().unwrap());
    /// let err = Decoder::new(Api::Ads)
    ///     .status(429)
    ///     .headers(&headers)
    ///     .decode(br#"{"code":40100,"message":"QPS"}"#)
    ///     .unwrap_err();
    /// assert_eq!(err.request_id(), Some("L-9"));
    /// assert_eq!(err.retry_after(), Some(std::time::Duration::from_secs(5)));
    /// # }
    /// ```
    pub fn headers(mut self, headers: &'h http::HeaderMap) -> Self {
        for name in ["x-tt-logid", "retry-after"] {
            if let Some(v) = headers.get_all(name).iter().find_map(|v| v.to_str().ok()) {
                self = self.header(name, v);
            }
        }
        self
    }

    /// Decodes an `http::Response` with this decoder's family: status and headers are taken
    /// from the response. Requires the `http` feature.
    ///
    /// # Errors
    ///
    /// The [`TikTokError`] the body reports (its family's variant, or
    /// [`PublishFailed`](TikTokError::PublishFailed)), or [`TikTokError::Malformed`] when the body is
    /// not a TikTok envelope (empty, not JSON, not an object, no code where one is needed).
    ///
    /// ```
    /// # #[cfg(feature = "http")] {
    /// use tiktok_errors::{Api, Decoder};
    /// let resp = http::Response::builder()
    ///     .status(401)
    ///     .header("x-tt-logid", "L-8")
    ///     .body(r#"{"error":"invalid_grant","error_description":"expired"}"#)
    ///     .unwrap();
    /// let err = Decoder::detect().decode_response(&resp).unwrap_err();
    /// assert_eq!(err.api(), Some(Api::OAuth));
    /// assert_eq!(err.request_id(), Some("L-8"));
    /// # }
    /// ```
    pub fn decode_response<'a, B: AsRef<[u8]>>(
        &self,
        response: &'a http::Response<B>,
    ) -> Result<Reply<'a>, TikTokError>
    where
        'h: 'a,
    {
        let d: Decoder<'a> = self.clone();
        d.status(response.status().as_u16())
            .headers(response.headers())
            .decode(response.body())
    }

    /// [`decode_as`](Decoder::decode_as) for an `http::Response`: status and headers are taken
    /// from the response. Requires the `http` feature.
    ///
    /// # Errors
    ///
    /// As [`decode_as`](Decoder::decode_as).
    ///
    /// ```
    /// # #[cfg(feature = "http")] {
    /// use tiktok_errors::{Api, Decoder};
    /// #[derive(serde::Deserialize)]
    /// struct Info { display_name: String }
    /// let resp = http::Response::builder()
    ///     .header("x-tt-logid", "L-3")
    ///     .body(br#"{"data":{"display_name":"A"},"error":{"code":"ok","message":""}}"#.to_vec())
    ///     .unwrap();
    /// let reply = Decoder::new(Api::ContentPosting).decode_response_as::<Info>(&resp).unwrap();
    /// assert_eq!(reply.data().display_name, "A");
    /// assert_eq!(reply.request_id(), Some("L-3"));
    /// assert_eq!(reply.http_status(), Some(200));
    /// # }
    /// ```
    pub fn decode_response_as<'a, T>(
        &self,
        response: &'a http::Response<impl AsRef<[u8]>>,
    ) -> Result<Reply<'static, T>, TikTokError>
    where
        'h: 'a,
        T: Deserialize<'a>,
    {
        let d: Decoder<'a> = self.clone();
        d.status(response.status().as_u16())
            .headers(response.headers())
            .decode_as(response.body())
    }
}

#[cfg(test)]
mod tests {
    use super::{publish_members, PublishStatus};

    /// The byte scan of a failed publish's `data` reads what the serde reader reads, or hands
    /// the object to it.
    #[test]
    fn the_publish_scan_agrees_with_the_serde_reader() {
        let cases = [
            r#"{"status":"FAILED","fail_reason":"file_format_check_failed","uploaded_bytes":12}"#,
            r#"{ "publicaly_available_post_id" : [ {"status":"x"} , "}" ] , "status" : "FAILED" }"#,
            r#"{"status":"FAILED","fail_reason":""}"#,
            r#"{"status":"PROCESSING_UPLOAD","status":"FAILED","fail_reason":"a","fail_reason":"b"}"#,
            r#"{"nested":{"status":"FAILED","deep":[[{}],{"a":null}]},"status":"PUBLISH_COMPLETE"}"#,
            r#"{"n":-1.5e3,"t":true,"f":false,"z":null,"status":"FAILED"}"#,
            r#"{"status":null,"fail_reason":"a"}"#,
            r#"{"status":"FAILED","fail_reason":7}"#,
            r#"{"status":"FAIL\u0045D"}"#,
            "{}",
            "{\n\t\"status\"\r:\n\"FAILED\"\n}",
        ];
        for data in cases {
            let serde = serde_json::from_str::<PublishStatus<'_>>(data).unwrap();
            let serde = (
                serde.status.0.as_deref().map(str::to_owned),
                serde.fail_reason.0.as_deref().map(str::to_owned),
            );
            if let Some((status, reason)) = publish_members(data) {
                let scan = (
                    status.filter(|s| !s.is_empty()).map(str::to_owned),
                    reason.filter(|s| !s.is_empty()).map(str::to_owned),
                );
                assert_eq!(scan, serde, "{data}");
            }
        }
        // What the scan hands on: escapes, and members that are not strings.
        assert_eq!(publish_members(r#"{"status":"FAIL\u0045D"}"#), None);
        assert_eq!(publish_members(r#"{"status":null}"#), None);
        assert_eq!(
            publish_members(r#"{"a":[1,{"b":"}"}],"status":"FAILED"}"#),
            Some((Some("FAILED"), None))
        );
    }
}
