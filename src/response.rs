//! Successful responses ([`Reply`], untyped or typed) and typed decoding: TikTok's envelope and
//! the caller's own payload type in one serde pass.
//!
//! [`TikTokResponse<T>`] is a `serde::Deserialize` type for any TikTok response body. When the body
//! is a success, `data` is deserialized straight into `T` in the same pass; when it is an
//! error, `data` is kept as raw JSON, exactly as [`decode`](crate::decode) keeps it.
//! [`TikTokResponse::into_result`] then gives a [`Reply<'static, T>`](Reply) or the same [`TikTokError`] that
//! [`decode`](crate::decode) gives for the same body. [`Decoder::decode_as`] does both steps
//! with the HTTP status and headers the [`Decoder`] was given.
//!
//! # When the payload becomes `T`
//!
//! | body | when `T` is read | if `data` does not fit `T` |
//! |---|---|---|
//! | Business API, `code` (0 or 20001) before `data` | as `data` is read: one pass | the serde call fails with serde's error |
//! | Business API, `data` before `code`; v2 (`data` before `error`) | at the end of the object, from `data`'s raw text (borrowed from the input when the input is borrowed) | the serde call fails with serde's error |
//! | OAuth token object (no `code`, no `error`); a bare v2 struct with code `"ok"` | in [`TikTokResponse::into_result`], when the family asked for makes it a success | [`MalformedReason::PayloadMismatch`] |
//!
//! Through [`Decoder::decode_as`] every case ends as a [`TikTokError`]: a payload that does not
//! fit `T` is a [`TikTokError::Malformed`] with reason [`MalformedReason::PayloadMismatch`] and
//! serde's error as its `source()`. In the last row `T` is read from owned text, so a `T` that
//! borrows (`&str` fields) cannot be read there; `Cow<str>` and `String` can.
//!
//! A payload of a success without `data` (or with `"data": null`) is read from JSON `null`:
//! use `Option<T>` or `()` for responses that carry none.
//!
//! # One limit of a single pass
//!
//! When a body repeats `code` (or adds a v2 `error` object) *after* a success code and `data`,
//! `data` has already become `T` when the contradiction arrives: the error is reported, but its
//! raw `data` is not kept (and a `data` that did not fit `T` fails the pass). TikTok does not
//! send such bodies; [`decode`](crate::decode) keeps the raw `data` there.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

use crate::decode::{
    business_success, publish_failure, text_from_raw, CodeTok, ErrorField, ErrorSeed, Key, Shape,
    SuccessCode, Top,
};
use crate::{Api, Decoder, MalformedReason, RawCode, TikTokError};

/// A TikTok response whose payload is your type `T`: deserialize it with any serde entry point
/// (`serde_json::from_slice`, `from_str`, `from_reader`, `from_value`, as a field of your own
/// type or `#[serde(flatten)]`ed into it), then call [`into_result`](TikTokResponse::into_result).
///
/// A success's `data` (or an OAuth token object) becomes `T` in the same pass; an error keeps
/// everything [`decode`](crate::decode) keeps. See the [module docs](crate::response) for the
/// details of each shape.
///
/// ```
/// use serde::Deserialize;
/// use tiktok_errors::{AdsCode, Api, TikTokResponse, TikTokError};
///
/// #[derive(Debug, Deserialize)]
/// struct Page {
///     list: Vec<Campaign>,
/// }
/// #[derive(Debug, Deserialize)]
/// struct Campaign {
///     campaign_id: String,
/// }
///
/// let body = br#"{"code":0,"message":"OK","request_id":"r-1",
///                 "data":{"list":[{"campaign_id":"17"}]}}"#;
/// let reply = serde_json::from_slice::<TikTokResponse<Page>>(body)?.into_result(Api::Ads)?;
/// assert_eq!(reply.data().list[0].campaign_id, "17");
/// assert_eq!(reply.request_id(), Some("r-1"));
///
/// // An error: the same `TikTokError` that `decode` gives.
/// let body = br#"{"code":40100,"message":"Too many requests","request_id":"r-2","data":{}}"#;
/// let err = serde_json::from_slice::<TikTokResponse<Page>>(body)?.into_result(Api::Ads).unwrap_err();
/// assert!(matches!(&err, TikTokError::Ads(e) if e.code() == Some(AdsCode::RequestTooFrequent)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct TikTokResponse<T> {
    // Every envelope field as its raw JSON text, read by `decode`'s own rules in `into_result`.
    code: Option<Box<str>>,
    message: Option<Box<str>>,
    request_id: Option<Box<str>>,
    error_description: Option<Box<str>>,
    log_id: Option<Box<str>>,
    error: Option<Box<str>>,
    access_token: bool,
    payload: Payload<T>,
    finish_raw: fn(&str) -> Result<T, serde_json::Error>,
    finish_entries: fn(&[Member]) -> Result<T, serde_json::Error>,
}

/// A member of an object: name and raw JSON value.
type Member = (Box<str>, Box<str>);

#[derive(Clone)]
enum Payload<T> {
    /// No `data` (or not one kept).
    Absent,
    /// A success's payload, read in the pass.
    Ready(T),
    /// `data` as raw JSON: an error's data, or a payload that only the family makes a success.
    Raw(Box<str>),
    /// Every member of an object without `code` or `error`: an OAuth token for `Api::OAuth`.
    Entries(Vec<Member>, Option<Box<str>>),
    /// `data` became `T`, then the body turned out to be an error.
    Spent,
}

// The payload is shown by what it holds (`data`, `data_json`, `members`), not as one field.
#[allow(clippy::missing_fields_in_debug)]
impl<T: fmt::Debug> fmt::Debug for TikTokResponse<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("TikTokResponse");
        d.field("code", &self.code)
            .field("message", &self.message)
            .field("request_id", &self.request_id)
            .field("error_description", &self.error_description)
            .field("log_id", &self.log_id)
            .field("error", &self.error)
            .field("access_token", &self.access_token);
        match &self.payload {
            Payload::Absent => d.field("data", &None::<()>),
            Payload::Ready(t) => d.field("data", t),
            Payload::Raw(r) => d.field("data_json", r),
            Payload::Entries(e, _) => d.field("members", &e.len()),
            Payload::Spent => d.field("data", &"<read into T, then the body was an error>"),
        };
        d.finish()
    }
}

/// A successful response: the payload, and what identifies the call.
///
/// One type for both ways of reading a success. `T` is the payload:
///
/// - [`RawData`] (the default, so `Reply<'a>`) from [`decode`](crate::decode) and
///   [`Decoder::decode`]: the payload as TikTok sent it, raw JSON borrowed from the body (nothing
///   copied); read it with [`data_json`](Reply::data_json) or [`data_as`](Reply::data_as), and
///   keep it past the body with [`into_owned`](Reply::into_owned);
/// - your own type from [`Decoder::decode_as`], [`TikTokResponse::into_result`] and the HTTP
///   integrations: a `Reply<'static, T>`, whose ids are owned, so it outlives the body.
///
/// Both answer the same accessors ([`api`](Reply::api), [`is_partial`](Reply::is_partial),
/// [`raw_code`](Reply::raw_code), [`request_id`](Reply::request_id),
/// [`message`](Reply::message), [`http_status`](Reply::http_status)), and
/// [`map`](Reply::map) turns one into the other.
///
/// ```
/// use tiktok_errors::{decode, Api, Decoder, RawCode, Reply};
/// let body = br#"{"code":20001,"message":"partial","request_id":"r","data":{"failed":[3]}}"#;
///
/// // Untyped: the payload borrowed from `body`.
/// let ok: Reply<'_> = decode(Api::Ads, body).unwrap();
/// assert_eq!(ok.data_json(), Some(r#"{"failed":[3]}"#));
///
/// // Typed: the payload as your type.
/// let reply: Reply<'static, serde_json::Value> =
///     Decoder::new(Api::Ads).status(200).decode_as(body).unwrap();
/// assert!(reply.is_partial());
/// assert_eq!(reply.raw_code(), Some(&RawCode::Int(20001)));
/// assert_eq!(reply.data()["failed"][0], 3);
/// assert_eq!(reply.http_status(), Some(200));
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Reply<'a, T = RawData<'a>> {
    pub(crate) data: T,
    pub(crate) api: Api,
    pub(crate) partial: bool,
    /// The success code as sent; `None` for an OAuth token.
    pub(crate) code: Option<SuccessCode>,
    pub(crate) request_id: Option<Cow<'a, str>>,
    pub(crate) message: Option<Cow<'a, str>>,
    pub(crate) http_status: Option<u16>,
}

// The code is shown as sent (`raw_code`), not as the private enum that stands for it.
impl<T: fmt::Debug> fmt::Debug for Reply<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reply")
            .field("data", &self.data)
            .field("api", &self.api)
            .field("partial", &self.partial)
            .field("code", &self.raw_code())
            .field("request_id", &self.request_id)
            .field("message", &self.message)
            .field("http_status", &self.http_status)
            .finish()
    }
}

/// The payload of an untyped [`Reply`], as TikTok sent it: `data` (Business API, v2) or the
/// whole token object (OAuth), as raw JSON text. Borrowed from the body by
/// [`decode`](crate::decode); owned after [`Reply::into_owned`].
///
/// ```
/// use tiktok_errors::{decode, Api, RawData};
/// let ok = decode(Api::Ads, br#"{"code":0,"message":"OK","data":{"id":"7"}}"#).unwrap();
/// let data: &RawData<'_> = ok.data();
/// assert_eq!(data.json(), Some(r#"{"id":"7"}"#));
/// // No payload (or `"data": null`): no text.
/// assert_eq!(decode(Api::Ads, br#"{"code":0,"data":null}"#).unwrap().data().json(), None);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RawData<'a>(pub(crate) Option<Cow<'a, str>>);

impl RawData<'_> {
    /// The payload as raw JSON; `None` when the response had no payload or it was `null`.
    #[must_use]
    pub fn json(&self) -> Option<&str> {
        self.0.as_deref()
    }
    /// The same payload, owning its text (copied once when borrowed).
    #[must_use]
    pub fn into_owned(self) -> RawData<'static> {
        RawData(self.0.map(|c| Cow::Owned(c.into_owned())))
    }
}

impl<'a, T> Reply<'a, T> {
    /// The payload.
    pub fn data(&self) -> &T {
        &self.data
    }
    /// The payload, mutably.
    pub fn data_mut(&mut self) -> &mut T {
        &mut self.data
    }
    /// The payload, dropping the rest.
    pub fn into_data(self) -> T {
        self.data
    }
    /// The same reply with the payload transformed.
    ///
    /// ```
    /// use tiktok_errors::{decode, Api, Reply};
    /// let ok = decode(Api::Ads, br#"{"code":0,"request_id":"r","data":{"n":2}}"#).unwrap();
    /// let n: Reply<'_, usize> = ok.map(|d| d.json().map_or(0, str::len));
    /// assert_eq!((*n.data(), n.request_id()), (7, Some("r")));
    /// ```
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Reply<'a, U> {
        Reply {
            data: f(self.data),
            api: self.api,
            partial: self.partial,
            code: self.code,
            request_id: self.request_id,
            message: self.message,
            http_status: self.http_status,
        }
    }
    /// The same reply owning its ids and message (the payload is kept as it is).
    pub(crate) fn owning_ids(self) -> Reply<'static, T> {
        let own = |c: Option<Cow<'_, str>>| c.map(|c| Cow::Owned(c.into_owned()));
        Reply {
            data: self.data,
            api: self.api,
            partial: self.partial,
            code: self.code,
            request_id: own(self.request_id),
            message: own(self.message),
            http_status: self.http_status,
        }
    }
    /// The API family the response was decoded as.
    pub fn api(&self) -> Api {
        self.api
    }
    /// `true` for a Business API partial success (`code` 20001): some items of a batch failed;
    /// the per-item results are in the payload.
    pub fn is_partial(&self) -> bool {
        self.partial
    }
    /// The success code exactly as TikTok sent it: `0` or `20001` (Business API, an integer
    /// or a string as sent), `"ok"` (v2). `None` for an OAuth token object, which has no code.
    ///
    /// ```
    /// use tiktok_errors::{decode, Api, RawCode};
    /// let ok = decode(Api::Ads, br#"{"code":20001,"message":"partial","data":{}}"#).unwrap();
    /// assert_eq!(ok.raw_code(), Some(&RawCode::Int(20001)));
    /// let ok = decode(Api::ContentPosting, br#"{"data":{},"error":{"code":"ok"}}"#).unwrap();
    /// assert_eq!(ok.raw_code(), Some(&RawCode::from("ok")));
    /// ```
    pub fn raw_code(&self) -> Option<&RawCode> {
        self.code.map(SuccessCode::raw)
    }
    /// The request id (`request_id`, `log_id`, or the `x-tt-logid` header).
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    /// TikTok's message (`"OK"` on most Business API successes), when present.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
    /// The HTTP status, when the [`Decoder`] was given one.
    pub fn http_status(&self) -> Option<u16> {
        self.http_status
    }
    /// `success` or `partial_success`, as the CLI's JSON says it.
    pub fn outcome(&self) -> &'static str {
        if self.partial {
            "partial_success"
        } else {
            "success"
        }
    }
}

impl<'a> Reply<'a, RawData<'a>> {
    /// The payload as raw JSON, borrowed from the body: `data` (Business API, v2) or the whole
    /// token object (OAuth). `None` when the response had no payload or `data` was `null`.
    ///
    /// ```
    /// use tiktok_errors::{decode, Api};
    /// let body = br#"{"code":0,"message":"OK","request_id":"r-9","data":{"list":[1,2]}}"#;
    /// let ok = decode(Api::Ads, body).unwrap();
    /// assert!(!ok.is_partial());
    /// assert_eq!(ok.data_json(), Some(r#"{"list":[1,2]}"#));
    /// assert_eq!(ok.request_id(), Some("r-9"));
    /// ```
    #[must_use]
    pub fn data_json(&self) -> Option<&str> {
        self.data.json()
    }
    /// Deserializes the payload into the caller's type (borrowing from the body where `T`
    /// allows). A missing payload deserializes as JSON `null`.
    ///
    /// ```
    /// use tiktok_errors::{decode, Api};
    /// let ok = decode(Api::Ads, br#"{"code":0,"data":{"list":[1,2]}}"#).unwrap();
    /// #[derive(serde::Deserialize)]
    /// struct Page { list: Vec<u32> }
    /// assert_eq!(ok.data_as::<Page>().unwrap().list, [1, 2]);
    /// ```
    ///
    /// # Errors
    ///
    /// serde's error when the payload does not fit `T`.
    pub fn data_as<'s, U: Deserialize<'s>>(&'s self) -> Result<U, serde_json::Error> {
        serde_json::from_str(self.data_json().unwrap_or("null"))
    }
    /// [`data_as`](Self::data_as) for a `U` that may borrow from the body itself.
    pub(crate) fn data_from_body<U: Deserialize<'a>>(&self) -> Result<U, serde_json::Error> {
        match &self.data.0 {
            Some(Cow::Borrowed(d)) => serde_json::from_str(d),
            // Not borrowed from the body (only `into_owned` makes this): read without lending.
            Some(Cow::Owned(d)) => {
                U::deserialize(&mut serde_json::Deserializer::from_reader(d.as_bytes()))
            }
            None => serde_json::from_str("null"),
        }
    }
    /// The same reply, owning its payload and ids, so it can outlive the body: return it
    /// from the function that read the body, keep it, or send it to another task. Copies the
    /// payload (and any borrowed id or message) once.
    ///
    /// ```
    /// use tiktok_errors::{decode, Api, Reply, TikTokError};
    /// fn fetch() -> Result<Reply<'static>, TikTokError> {
    ///     let body = String::from(r#"{"code":0,"message":"OK","request_id":"r","data":{"id":"7"}}"#);
    ///     Ok(decode(Api::Ads, &body)?.into_owned()) // `body` is dropped here
    /// }
    /// let ok = fetch().unwrap();
    /// assert_eq!(ok.data_json(), Some(r#"{"id":"7"}"#));
    /// std::thread::spawn(move || assert_eq!(ok.request_id(), Some("r"))).join().unwrap();
    /// ```
    #[must_use]
    pub fn into_owned(self) -> Reply<'static> {
        self.map(RawData::into_owned).owning_ids()
    }
    /// TikTok Shop: what TikTok changed on its own in a create or edit that succeeded,
    /// `data.warnings[].message` (for example a brand it cleared because it does not exist).
    /// The call succeeded, but what TikTok stored differs from what was sent. Empty for other
    /// families and for successes without warnings; read from `data` when called (decoding does
    /// not look for them).
    ///
    /// ```
    /// use tiktok_errors::{decode, Api};
    /// let body = r#"{"code":0,"message":"Success","request_id":"r","data":{"product_id":"17","warnings":[{"message":"The [brand_id]:123 field is incorrect and has been automatically cleared by the system."}]}}"#;
    /// let ok = decode(Api::Shop, body).unwrap();
    /// assert_eq!(ok.warnings().len(), 1);
    /// assert!(ok.warnings()[0].starts_with("The [brand_id]:123 field"));
    /// ```
    #[must_use]
    pub fn warnings(&self) -> Vec<Cow<'_, str>> {
        #[derive(Deserialize)]
        struct Data<'b> {
            #[serde(borrow, default)]
            warnings: Option<Vec<Warning<'b>>>,
        }
        #[derive(Deserialize)]
        struct Warning<'b> {
            #[serde(borrow, default)]
            message: Option<Cow<'b, str>>,
        }
        let Some(data) = self
            .data_json()
            .filter(|d| self.api == Api::Shop && d.contains("warnings"))
        else {
            return Vec::new();
        };
        serde_json::from_str::<Data<'_>>(data)
            .ok()
            .and_then(|d| d.warnings)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|w| w.message)
            .collect()
    }
}

impl<T: serde::Serialize> serde::Serialize for Reply<'_, T> {
    /// The object `tiktok-errors decode --json` prints for a success (the keys of the untyped
    /// reply's, so a log line has one shape whatever was decoded), with the payload itself
    /// under `data` instead of its size.
    ///
    /// ```
    /// use tiktok_errors::{Api, Decoder};
    /// let body = br#"{"code":0,"message":"OK","request_id":"r","data":{"id":"7"}}"#;
    /// let reply = Decoder::new(Api::Ads).decode_as::<serde_json::Value>(body).unwrap();
    /// let v = serde_json::to_value(&reply).unwrap();
    /// assert_eq!(v["outcome"], "success");
    /// assert_eq!(v["request_id"], "r");
    /// assert_eq!(v["data"]["id"], "7");
    /// ```
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let none: Option<&str> = None;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("outcome", self.outcome())?;
        m.serialize_entry("api", self.api.as_str())?;
        m.serialize_entry("code", &self.raw_code().map(RawCode::as_text))?;
        m.serialize_entry("known", &true)?;
        m.serialize_entry("category", "success")?;
        m.serialize_entry("retry", "not_needed")?;
        m.serialize_entry("message", &self.message)?;
        m.serialize_entry("request_id", &self.request_id)?;
        m.serialize_entry("http_status", &self.http_status)?;
        m.serialize_entry("fix", &none)?;
        m.serialize_entry("data", &self.data)?;
        m.end()
    }
}

impl<T> TikTokResponse<T> {
    /// Interprets the response as one of `api`: the payload and ids of a success, or the error
    /// [`decode`](crate::decode) gives for the same body.
    ///
    /// # Errors
    ///
    /// The [`TikTokError`] [`decode`](crate::decode) gives for the same body, or
    /// [`MalformedReason::PayloadMismatch`] when a payload that only the family makes a
    /// success (an OAuth token object) does not fit `T`.
    ///
    /// ```
    /// use tiktok_errors::{Api, ContentPostingCode, TikTokResponse, TikTokError};
    /// // TikTok's error-handling page prints v2 errors without the `error` wrapper.
    /// let body = r#"{"code":"access_token_invalid","message":"The access token is invalid.","log_id":"L"}"#;
    /// let r: TikTokResponse<serde_json::Value> = serde_json::from_str(body).unwrap();
    /// let err = r.into_result(Api::ContentPosting).unwrap_err();
    /// assert!(matches!(&err, TikTokError::ContentPosting(e)
    ///     if e.code() == Some(ContentPostingCode::AccessTokenInvalid)));
    /// assert_eq!(err.request_id(), Some("L"));
    /// ```
    pub fn into_result(self, api: Api) -> Result<Reply<'static, T>, TikTokError> {
        self.into_result_body(&Decoder::new(api), b"")
    }

    /// [`into_result`](Self::into_result) with what serde could not see: the HTTP status and
    /// headers, given to a [`Decoder`] (its family, or detection). The result carries them as
    /// [`Decoder::decode_as`] would: the status in `http_status()`, `x-tt-logid` as the request
    /// id when the body has none, `Retry-After` and the status in the error's advice.
    ///
    /// # Errors
    ///
    /// The [`TikTokError`] the body describes, judged with the status and headers (a 429 or a
    /// 5xx gives an unknown code its retry class), or [`MalformedReason::PayloadMismatch`] when
    /// a success's payload does not fit `T`.
    ///
    /// ```
    /// use std::time::Duration;
    /// use tiktok_errors::{Api, Decoder, TikTokResponse, Retry};
    /// let body = r#"{"code":51999,"message":"new","data":{}}"#;
    /// let r: TikTokResponse<serde_json::Value> = serde_json::from_str(body).unwrap();
    /// let err = r
    ///     .into_result_with(&Decoder::new(Api::Ads).status(503).header("Retry-After", "7"))
    ///     .unwrap_err();
    /// assert_eq!(err.http_status(), Some(503));
    /// assert_eq!(err.retry(), Retry::Transient);
    /// assert_eq!(err.retry_after(), Some(Duration::from_secs(7)));
    /// ```
    pub fn into_result_with(self, decoder: &Decoder<'_>) -> Result<Reply<'static, T>, TikTokError> {
        self.into_result_body(decoder, b"")
    }

    /// `into_result` with a configured decoder (status, headers) and, when known, the body the
    /// response was read from (kept in a [`MalformedResponse`](crate::MalformedResponse)).
    pub(crate) fn into_result_body(
        self,
        decoder: &Decoder<'_>,
        body: &[u8],
    ) -> Result<Reply<'static, T>, TikTokError> {
        #[allow(clippy::ref_option)] // called on the fields as they are stored
        fn text(f: &Option<Box<str>>) -> Option<Cow<'_, str>> {
            f.as_deref().and_then(|r| text_from_raw(r).ok()?)
        }
        let error = self.error.as_deref().map(|raw| {
            ErrorSeed::default()
                .deserialize(&mut serde_json::Deserializer::from_str(raw))
                .unwrap_or(ErrorField::Other("unreadable"))
        });
        let data_raw = match &self.payload {
            Payload::Raw(r) => Some(&**r),
            Payload::Entries(_, data) => data.as_deref(),
            _ => None,
        };
        let top = Top {
            code: self.code.as_deref().map(CodeTok::Raw),
            message: text(&self.message),
            request_id: text(&self.request_id),
            data: data_raw,
            error,
            error_description: text(&self.error_description),
            log_id: text(&self.log_id),
            access_token: self.access_token,
        };
        // The envelope, its ids owned (they borrow from `self`, which the payload consumes).
        let head = decoder.interpret(top, body)?.map(|_| ()).owning_ids();
        let api = head.api();
        let data = match self.payload {
            Payload::Ready(t) => Ok(t),
            Payload::Raw(r) => (self.finish_raw)(&r),
            Payload::Absent => (self.finish_raw)("null"),
            Payload::Entries(e, data) => {
                if api == Api::OAuth {
                    (self.finish_entries)(&e)
                } else {
                    (self.finish_raw)(data.as_deref().unwrap_or("null"))
                }
            }
            Payload::Spent => Err(de::Error::custom("the payload was read before the body")),
        };
        let data = data.map_err(|e| decoder.payload_mismatch(body, e, head.request_id()))?;
        Ok(head.map(|()| data))
    }
}

impl Decoder<'_> {
    /// Decodes a body into a typed [`Reply<'static, T>`](Reply) in one pass, with the status and
    /// headers this decoder was given: the payload becomes `T` as it is read. Every failure is a
    /// [`TikTokError`]: TikTok's errors as [`decode`](Decoder::decode) gives them, a body that is
    /// not an envelope as [`TikTokError::Malformed`], and a payload that does not fit `T` as
    /// `Malformed` with reason [`MalformedReason::PayloadMismatch`].
    ///
    /// # Errors
    ///
    /// TikTok's errors as [`decode`](Decoder::decode) gives them, a body that is not an envelope
    /// as [`TikTokError::Malformed`], and a payload that does not fit `T` as `Malformed` with
    /// reason [`MalformedReason::PayloadMismatch`] (keeping the body's request id).
    ///
    /// ```
    /// use tiktok_errors::{Api, Decoder, MalformedReason, Retry, TikTokError};
    ///
    /// #[derive(Debug, serde::Deserialize)]
    /// struct Upload { publish_id: String }
    ///
    /// let ok = Decoder::new(Api::ContentPosting)
    ///     .decode_as::<Upload>(r#"{"data":{"publish_id":"p-1"},"error":{"code":"ok","message":"","log_id":"L"}}"#)
    ///     .unwrap();
    /// assert_eq!(ok.data().publish_id, "p-1");
    ///
    /// let err = Decoder::new(Api::ContentPosting)
    ///     .status(429)
    ///     .header("Retry-After", "30")
    ///     .decode_as::<Upload>(r#"{"data":{},"error":{"code":"rate_limit_exceeded","message":"","log_id":"L"}}"#)
    ///     .unwrap_err();
    /// assert_eq!(err.retry(), Retry::Throttled);
    ///
    /// let err = Decoder::new(Api::Ads).decode_as::<Upload>(b"<html>502 Bad Gateway</html>").unwrap_err();
    /// assert!(matches!(&err, TikTokError::Malformed(m) if m.reason() == MalformedReason::NotJson));
    /// ```
    pub fn decode_as<'a, T>(
        &self,
        body: &'a (impl AsRef<[u8]> + ?Sized),
    ) -> Result<Reply<'static, T>, TikTokError>
    where
        T: Deserialize<'a>,
    {
        let body = body.as_ref();
        // Check the UTF-8 once and parse text. A body that is not UTF-8 takes `decode`'s own
        // path, then `T` from its payload: `decode` tolerates invalid UTF-8 in members it skips.
        let Ok(text) = std::str::from_utf8(body) else {
            let success = self.decode(body)?;
            let data = success
                .data_from_body::<T>()
                .map_err(|e| self.payload_mismatch(body, e, success.request_id()))?;
            return Ok(success.map(|_| data).owning_ids());
        };
        // An OAuth token is the whole body: read it straight into `T` (one pass, as a plain
        // serde struct would), watching the member names; anything that could make the body
        // an error or give it ids takes the envelope path below instead.
        if matches!(self.api(), None | Some(Api::OAuth)) {
            if let Some(reply) = self.token_in_one_pass::<T>(text) {
                return Ok(reply);
            }
        }
        let mut de = serde_json::Deserializer::from_str(text);
        match TikTokResponse::<T>::deserialize(&mut de).and_then(|r| de.end().map(|()| r)) {
            Ok(r) => r.into_result_body(self, body),
            // The pass failed: the body is not an envelope (then `decode` says why, exactly
            // as it says it without a payload type), or it is a success whose payload does not
            // fit `T`. Only failures pay for this second read.
            Err(e) => match self.decode(body) {
                Err(err) => Err(err),
                Ok(ok) => Err(self.payload_mismatch(body, e, ok.request_id())),
            },
        }
    }

    /// `T` from a token object in one pass: `None` when the body is not one (or `T` does not
    /// read it), and the envelope path decides. A body qualifies when its top level is an
    /// object with no member that the envelope reads (`code`, `error`, `message`, ids,
    /// `data`): the envelope of such a body is then known without reading it again (only
    /// whether it has `access_token`), and [`Decoder::interpret`] judges it exactly as the
    /// envelope path does.
    fn token_in_one_pass<'a, T: Deserialize<'a>>(
        &self,
        text: &'a str,
    ) -> Option<Reply<'static, T>> {
        let seen = Seen::default();
        let mut de = serde_json::Deserializer::from_str(text);
        let data = T::deserialize(Watch {
            de: &mut de,
            seen: &seen,
        })
        .ok()?;
        de.end().ok()?;
        if !seen.object.get() || seen.envelope.get() {
            return None;
        }
        let top = Top {
            access_token: seen.access_token.get(),
            ..Top::default()
        };
        let s = self.interpret(top, text.as_bytes()).ok()?;
        Some(s.map(|_| data).owning_ids())
    }

    /// A success whose payload does not fit `T`: the error keeps the success's request id
    /// (`request_id` or `log_id` from the body, else the `x-tt-logid` header).
    pub(crate) fn payload_mismatch(
        &self,
        body: &[u8],
        e: serde_json::Error,
        request_id: Option<&str>,
    ) -> TikTokError {
        let mut m = crate::MalformedResponse::new(
            self.api(),
            MalformedReason::PayloadMismatch,
            body,
            Some(e),
        );
        m.request_id = request_id.map(str::to_owned);
        self.malformed(m)
    }
}

// ---------------------------------------------------------------------------------------------
// The token object in one pass.

/// What [`Decoder::decode_as`] saw of a body it read straight into `T`: whether the top level
/// was an object, and which envelope members it had.
#[derive(Default)]
struct Seen {
    object: Cell<bool>,
    /// A member the envelope has a name for (a code, an error, ids, messages, `data`).
    envelope: Cell<bool>,
    access_token: Cell<bool>,
}

impl Seen {
    fn key(&self, key: &str) {
        match Key::of(key) {
            Key::AccessToken => self.access_token.set(true),
            Key::Other => {}
            Key::Status
            | Key::FailReason
            | Key::Data
            | Key::Code
            | Key::Message
            | Key::RequestId
            | Key::Error
            | Key::ErrorDescription
            | Key::LogId => self.envelope.set(true),
        }
    }
}

/// A deserializer that hands `T` the whole body and notes the top level's member names.
struct Watch<'s, D> {
    de: D,
    seen: &'s Seen,
}

/// The top level's visitor: an object's keys are noted, anything else passes through.
struct WatchTop<'s, V> {
    v: V,
    seen: &'s Seen,
}

struct WatchMap<'s, A> {
    m: A,
    seen: &'s Seen,
}

struct WatchKeySeed<'s, K> {
    k: K,
    seen: &'s Seen,
}

struct WatchKey<'s, D> {
    de: D,
    seen: &'s Seen,
}

struct WatchKeyVisitor<'s, V> {
    v: V,
    seen: &'s Seen,
}

macro_rules! forward_deserializer {
    ($wrap:ident; $($method:ident $(($($arg:ident: $ty:ty),*))?;)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, $($($arg: $ty,)*)? v: V) -> Result<V::Value, Self::Error> {
                self.de.$method($($($arg,)*)? $wrap { v, seen: self.seen })
            }
        )*
    };
}

macro_rules! deserializer_methods {
    ($wrap:ident) => {
        forward_deserializer! { $wrap;
            deserialize_any; deserialize_bool; deserialize_i8; deserialize_i16; deserialize_i32;
            deserialize_i64; deserialize_i128; deserialize_u8; deserialize_u16; deserialize_u32;
            deserialize_u64; deserialize_u128; deserialize_f32; deserialize_f64; deserialize_char;
            deserialize_str; deserialize_string; deserialize_bytes; deserialize_byte_buf;
            deserialize_option; deserialize_unit; deserialize_seq; deserialize_map;
            deserialize_identifier; deserialize_ignored_any;
            deserialize_unit_struct(name: &'static str);
            deserialize_newtype_struct(name: &'static str);
            deserialize_tuple(len: usize);
            deserialize_tuple_struct(name: &'static str, len: usize);
            deserialize_struct(name: &'static str, fields: &'static [&'static str]);
            deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        }
        fn is_human_readable(&self) -> bool {
            self.de.is_human_readable()
        }
    };
}

/// Visitor methods that pass a value through unchanged.
macro_rules! forward_visits {
    ($($method:ident($ty:ty);)*) => {
        $(
            fn $method<E: de::Error>(self, x: $ty) -> Result<Self::Value, E> {
                self.v.$method(x)
            }
        )*
    };
}

macro_rules! visitor_common {
    () => {
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.v.expecting(f)
        }
        forward_visits! {
            visit_bool(bool); visit_i8(i8); visit_i16(i16); visit_i32(i32); visit_i64(i64);
            visit_i128(i128); visit_u8(u8); visit_u16(u16); visit_u32(u32); visit_u64(u64);
            visit_u128(u128); visit_f32(f32); visit_f64(f64); visit_char(char);
            visit_bytes(&[u8]); visit_borrowed_bytes(&'de [u8]); visit_byte_buf(Vec<u8>);
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            self.v.visit_none()
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            self.v.visit_unit()
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, s: A) -> Result<Self::Value, A::Error> {
            self.v.visit_seq(s)
        }
        fn visit_enum<A: de::EnumAccess<'de>>(self, e: A) -> Result<Self::Value, A::Error> {
            self.v.visit_enum(e)
        }
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Watch<'_, D> {
    type Error = D::Error;
    deserializer_methods!(WatchTop);
}

impl<'de, V: Visitor<'de>> Visitor<'de> for WatchTop<'_, V> {
    type Value = V::Value;
    visitor_common!();
    forward_visits! { visit_str(&str); visit_borrowed_str(&'de str); visit_string(String); }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.v.visit_some(Watch {
            de: d,
            seen: self.seen,
        })
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.v.visit_newtype_struct(Watch {
            de: d,
            seen: self.seen,
        })
    }
    fn visit_map<A: MapAccess<'de>>(self, m: A) -> Result<Self::Value, A::Error> {
        // The body's top level (also through `Option` or a newtype); objects inside members
        // are not watched.
        self.seen.object.set(true);
        self.v.visit_map(WatchMap { m, seen: self.seen })
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for WatchMap<'_, A> {
    type Error = A::Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        k: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        self.m.next_key_seed(WatchKeySeed { k, seen: self.seen })
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, v: V) -> Result<V::Value, Self::Error> {
        self.m.next_value_seed(v)
    }
    fn size_hint(&self) -> Option<usize> {
        self.m.size_hint()
    }
}

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for WatchKeySeed<'_, K> {
    type Value = K::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.k.deserialize(WatchKey {
            de: d,
            seen: self.seen,
        })
    }
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for WatchKey<'_, D> {
    type Error = D::Error;
    deserializer_methods!(WatchKeyVisitor);
}

impl<'de, V: Visitor<'de>> Visitor<'de> for WatchKeyVisitor<'_, V> {
    type Value = V::Value;
    visitor_common!();
    fn visit_str<E: de::Error>(self, x: &str) -> Result<Self::Value, E> {
        self.seen.key(x);
        self.v.visit_str(x)
    }
    fn visit_borrowed_str<E: de::Error>(self, x: &'de str) -> Result<Self::Value, E> {
        self.seen.key(x);
        self.v.visit_borrowed_str(x)
    }
    fn visit_string<E: de::Error>(self, x: String) -> Result<Self::Value, E> {
        self.seen.key(&x);
        self.v.visit_string(x)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.v.visit_some(d)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.v.visit_newtype_struct(d)
    }
    fn visit_map<A: MapAccess<'de>>(self, m: A) -> Result<Self::Value, A::Error> {
        self.v.visit_map(m)
    }
}

// ---------------------------------------------------------------------------------------------
// Deserialization.

/// serde_json lends a raw value to a `deserialize_newtype_struct` call with this name (the
/// name `serde_json::value::RawValue` uses); other deserializers call `visit_newtype_struct`,
/// and the value is captured through `serde_json::Value` instead.
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

/// The raw JSON text of any value: borrowed from the input when the deserializer can lend it.
struct RawSeed;

impl<'de> DeserializeSeed<'de> for RawSeed {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_newtype_struct(RAW_VALUE_TOKEN, RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
        // serde_json hands the raw text over as a one-entry map keyed by the token.
        match m.next_key_seed(IsToken)? {
            Some(true) => m.next_value_seed(TextSeed),
            _ => Err(de::Error::custom(
                "a raw JSON value needs serde_json or a self-describing format",
            )),
        }
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        // Not serde_json's own reader (`#[serde(flatten)]`'s buffer, another format): the value
        // is rebuilt and printed as JSON.
        let v = serde_json::Value::deserialize(d)?;
        Ok(Cow::Owned(v.to_string()))
    }
}

struct IsToken;

impl<'de> DeserializeSeed<'de> for IsToken {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = bool;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E>(self, v: &str) -> Result<bool, E> {
                Ok(v == RAW_VALUE_TOKEN)
            }
        }
        d.deserialize_identifier(V)
    }
}

/// A string, borrowed when the deserializer lends it.
struct TextSeed;

impl<'de> DeserializeSeed<'de> for TextSeed {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Cow<'de, str>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Cow::Borrowed(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Cow::Owned(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(Cow::Owned(v))
            }
        }
        d.deserialize_str(V)
    }
}

/// A member name: what it means to the envelope, and its text when asked for.
struct KeySeed {
    keep: bool,
}

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = (Key, Option<Cow<'de, str>>);
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        struct V(bool);
        impl<'de> Visitor<'de> for V {
            type Value = (Key, Option<Cow<'de, str>>);
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok((Key::of(v), self.0.then_some(Cow::Borrowed(v))))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok((Key::of(v), self.0.then(|| Cow::Owned(v.to_owned()))))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok((Key::of(&v), self.0.then_some(Cow::Owned(v))))
            }
        }
        d.deserialize_identifier(V(self.keep))
    }
}

/// `T` from raw JSON text the input lent (so `T` may borrow from it) or owned text.
fn from_raw<'de, T: Deserialize<'de>>(raw: Cow<'de, str>) -> Result<T, serde_json::Error> {
    match raw {
        Cow::Borrowed(s) => T::deserialize(&mut serde_json::Deserializer::from_str(s)),
        Cow::Owned(s) => finish_raw::<T>(&s),
    }
}

/// `T` from owned raw JSON text. serde_json's reader of `io::Read` never lends, so this works
/// for any `T: Deserialize<'de>` that does not need to borrow.
fn finish_raw<'de, T: Deserialize<'de>>(raw: &str) -> Result<T, serde_json::Error> {
    T::deserialize(&mut serde_json::Deserializer::from_reader(raw.as_bytes()))
}

/// `T` from the members of a token object, in the order they came.
fn finish_entries<'de, T: Deserialize<'de>>(entries: &[Member]) -> Result<T, serde_json::Error> {
    T::deserialize(Members(entries))
}

struct Members<'r>(&'r [Member]);

impl<'de> Deserializer<'de> for Members<'_> {
    type Error = serde_json::Error;
    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        v.visit_map(MembersAccess {
            rest: self.0.iter(),
            value: None,
        })
    }
    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        v.visit_some(self)
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        v: V,
    ) -> Result<V::Value, Self::Error> {
        v.visit_newtype_struct(self)
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

struct MembersAccess<'r> {
    rest: std::slice::Iter<'r, Member>,
    value: Option<&'r str>,
}

impl<'de> MapAccess<'de> for MembersAccess<'_> {
    type Error = serde_json::Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        let Some((k, v)) = self.rest.next() else {
            return Ok(None);
        };
        self.value = Some(v);
        seed.deserialize(de::value::StrDeserializer::<serde_json::Error>::new(k))
            .map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        let raw = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("a value before its key"))?;
        seed.deserialize(&mut serde_json::Deserializer::from_reader(raw.as_bytes()))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.rest.len())
    }
}

fn boxed(c: Cow<'_, str>) -> Box<str> {
    match c {
        Cow::Borrowed(s) => Box::from(s),
        Cow::Owned(s) => s.into_boxed_str(),
    }
}

/// The envelope as it is read, borrowing from the input.
#[derive(Default)]
struct Fields<'de> {
    code: Option<Cow<'de, str>>,
    message: Option<Cow<'de, str>>,
    request_id: Option<Cow<'de, str>>,
    error_description: Option<Cow<'de, str>>,
    log_id: Option<Cow<'de, str>>,
    error: Option<Cow<'de, str>>,
    access_token: bool,
}

enum Data<'de, T> {
    Absent,
    Ready(T),
    Raw(Cow<'de, str>),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for TikTokResponse<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(ResponseVisitor(PhantomData))
    }
}

struct ResponseVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ResponseVisitor<T> {
    type Value = TikTokResponse<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a TikTok response object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<TikTokResponse<T>, A::Error> {
        let mut f = Fields::default();
        let mut data: Data<'de, T> = Data::Absent;
        // Every member, kept while the body may still be a token object (no `code`, no
        // `error` yet): an OAuth token is the whole object. Dropped once the shape is known.
        let mut members: Option<Vec<(Cow<'de, str>, Cow<'de, str>)>> = Some(Vec::new());
        while let Some((key, name)) = m.next_key_seed(KeySeed {
            keep: members.is_some(),
        })? {
            let read_raw = |m: &mut A| m.next_value_seed(RawSeed);
            let value = match key {
                Key::Code => {
                    f.code = Some(read_raw(&mut m)?);
                    members = None;
                    continue;
                }
                Key::Error => {
                    let raw = read_raw(&mut m)?;
                    // `"error": null` says nothing (as in `decode`).
                    if &*raw == "null" {
                        f.error = None;
                        raw
                    } else {
                        // Read now, as `decode` reads every `error` it meets: a repeated
                        // `error` whose text does not read fails here too.
                        ErrorSeed::default()
                            .deserialize(&mut serde_json::Deserializer::from_str(&raw))
                            .map_err(de::Error::custom)?;
                        f.error = Some(raw);
                        members = None;
                        continue;
                    }
                }
                Key::Data => {
                    let business_ok = f.code.as_deref().is_some_and(|c| {
                        business_success(Api::Ads, CodeTok::Raw(c)).is_some()
                            && !f.error.as_deref().is_some_and(|e| e.starts_with('{'))
                    });
                    if business_ok {
                        // The single pass: a Business API success code came first.
                        data = Data::Ready(m.next_value::<T>()?);
                        continue;
                    }
                    let raw = read_raw(&mut m)?;
                    data = Data::Raw(raw.clone());
                    raw
                }
                Key::Message => store(&mut f.message, read_raw(&mut m)?)?,
                Key::RequestId => store(&mut f.request_id, read_raw(&mut m)?)?,
                Key::ErrorDescription => store(&mut f.error_description, read_raw(&mut m)?)?,
                Key::LogId => store(&mut f.log_id, read_raw(&mut m)?)?,
                Key::AccessToken => {
                    f.access_token = true;
                    if members.is_none() {
                        m.next_value::<IgnoredAny>()?;
                        continue;
                    }
                    read_raw(&mut m)?
                }
                Key::Status | Key::FailReason | Key::Other => {
                    if members.is_none() {
                        m.next_value::<IgnoredAny>()?;
                        continue;
                    }
                    read_raw(&mut m)?
                }
            };
            if let (Some(members), Some(name)) = (&mut members, name) {
                members.push((name, value));
            }
        }
        finish::<T, A::Error>(f, data, members)
    }
}

/// Keeps a text member's raw value, and gives it back for the member list. A string whose
/// escapes do not read (a lone surrogate) fails here, as it fails `decode`.
fn store<'de, E: de::Error>(
    slot: &mut Option<Cow<'de, str>>,
    raw: Cow<'de, str>,
) -> Result<Cow<'de, str>, E> {
    text_from_raw(&raw).map_err(E::custom)?;
    *slot = Some(raw.clone());
    Ok(raw)
}

/// Ends the pass: a success's payload becomes `T` now (when the shape alone makes it one).
fn finish<'de, T: Deserialize<'de>, E: de::Error>(
    f: Fields<'de>,
    data: Data<'de, T>,
    members: Option<Vec<(Cow<'de, str>, Cow<'de, str>)>>,
) -> Result<TikTokResponse<T>, E> {
    let error = match f.error.as_deref() {
        Some(raw) => Some(
            ErrorSeed::default()
                .deserialize(&mut serde_json::Deserializer::from_str(raw))
                .map_err(E::custom)?,
        ),
        None => None,
    };
    let v2_ok = match &error {
        Some(ErrorField::Object { code: Some(c), .. }) => {
            c.raw().is_ok_and(|c| c == "ok")
                && !matches!(&data, Data::Raw(d) if publish_failure(d).is_some())
        }
        _ => false,
    };
    let shape = Shape::of(&Top {
        code: f.code.as_deref().map(CodeTok::Raw),
        error,
        ..Top::default()
    });
    let success = match shape {
        Shape::Business => f
            .code
            .as_deref()
            .is_some_and(|c| business_success(Api::Ads, CodeTok::Raw(c)).is_some()),
        Shape::V2 => v2_ok,
        _ => false,
    };
    let payload = match (data, members) {
        // Read in the pass after a Business API success code; a later v2 `error` object makes
        // it a v2 body whose failed-publish status could not be checked: not kept.
        (Data::Ready(t), _) if success && shape == Shape::Business => Payload::Ready(t),
        (Data::Ready(_), _) => Payload::Spent,
        (Data::Raw(raw), _) if success => {
            Payload::Ready(from_raw::<T>(raw).map_err(de::Error::custom)?)
        }
        (Data::Absent, _) if success => {
            let null = &mut serde_json::Deserializer::from_str("null");
            Payload::Ready(T::deserialize(null).map_err(de::Error::custom)?)
        }
        (data, Some(members)) if shape == Shape::Bare => Payload::Entries(
            members
                .into_iter()
                .map(|(k, v)| (boxed(k), boxed(v)))
                .collect(),
            match data {
                Data::Raw(r) => Some(boxed(r)),
                _ => None,
            },
        ),
        (Data::Raw(raw), _) => Payload::Raw(boxed(raw)),
        (Data::Absent, _) => Payload::Absent,
    };
    Ok(TikTokResponse {
        code: f.code.map(boxed),
        message: f.message.map(boxed),
        request_id: f.request_id.map(boxed),
        error_description: f.error_description.map(boxed),
        log_id: f.log_id.map(boxed),
        error: f.error.map(boxed),
        access_token: f.access_token,
        payload,
        finish_raw: finish_raw::<T>,
        finish_entries: finish_entries::<T>,
    })
}
