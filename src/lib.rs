//! TikTok API error codes as typed, self-explaining Rust errors.
//!
//! TikTok's APIs answer failures with codes such as `{"code":40100,…}` (Marketing API) or
//! `{"error":{"code":"spam_risk_too_many_posts",…}}` (Content Posting API). This crate says what
//! each code means, whether to retry, and how to fix it, and decodes raw responses into a
//! [`TikTokError`] you can `match` on without losing anything the response said.
//!
//! # Which call
//!
//! One builder ([`Decoder`]: family, status, headers), two results (a success or a
//! [`TikTokError`]), one serde type ([`TikTokResponse<T>`]). A success is a [`Reply`]: untyped,
//! `Reply<'a>`, when you want the payload as raw JSON borrowed from the body (nothing copied,
//! a [`RawData`]), typed, `Reply<'static, T>`, when you want it as your own type `T`; the same
//! accessors either way (`api`, `is_partial`, `raw_code`, `request_id`, `message`,
//! `http_status`).
//!
//! | # | I have | I want | call |
//! |---|---|---|---|
//! | 1 | a body (`&[u8]`, `&str`, `Vec<u8>`, …) and its family | the success or the error | [`decode`]`(api, body)` |
//! | 2 | a body, its status and headers | the same, with `Retry-After`, `x-tt-logid` and the status used | [`Decoder::new`]`(api).status(s).header(name, value).decode(body)` |
//! | 3 | a body of an unknown family | the same, the family read from the shape | [`Decoder::detect`]`().decode(body)` |
//! | 4 | a body (any of the above) | the payload as my type `T` | [`Decoder::decode_as`]`::<T>(body)` → [`Reply<'static, T>`](Reply) |
//! | 5 | an `http::Response<B>` (feature `http`) | untyped, or `T` | `Decoder::new(api).decode_response(&resp)`, `.decode_response_as::<T>(&resp)` |
//! | 6 | a `reqwest::Response` (feature `reqwest`) | `T`, transport errors apart | `resp.tiktok::<T>(api).await` (`tiktok_errors::reqwest::ResponseExt`) |
//! | 7 | a response inside my own serde type | `T`, with the status and headers if I have them | a [`TikTokResponse<T>`] field, then [`into_result`](TikTokResponse::into_result)`(api)` or [`into_result_with`](TikTokResponse::into_result_with)`(&decoder)` |
//! | 8 | an untyped [`Reply`] borrowing the body | to return it, keep it, send it to a task | [`Reply::into_owned`] |
//! | 9 | an error or a success | JSON for logs or an API | `serde_json::to_value(&x)` ([`TikTokError`], the untyped [`Reply`] with feature `report`, on by default; a typed `Reply<'_, T>` with `T: Serialize` always) |
//! | 10 | an error | what to do next | [`retry::RetryPolicy::decide`]; the HTTP adapters apply it for you (`middleware`, `tower`) |
//!
//! Each row, run:
//!
//! ```
//! use tiktok_errors::{decode, Api, Decoder, Reply, TikTokError, TikTokResponse};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let body = br#"{"code":0,"message":"OK","request_id":"r-1","data":{"id":"7"}}"#;
//! let error = br#"{"code":40100,"message":"App reaches the QPS limit."}"#;
//! #[derive(serde::Deserialize, serde::Serialize)]
//! struct Created { id: String }
//!
//! // 1. A body and its family.
//! assert_eq!(decode(Api::Ads, body)?.data_json(), Some(r#"{"id":"7"}"#));
//! // 2. With the status and headers.
//! let err = Decoder::new(Api::Ads).status(429).header("Retry-After", "3").decode(error).unwrap_err();
//! assert_eq!(err.retry_after(), Some(std::time::Duration::from_secs(3)));
//! // 3. A family read from the shape.
//! assert_eq!(Decoder::detect().decode(r#"{"error":"invalid_grant"}"#).unwrap_err().api(), Some(Api::OAuth));
//! // 4. The payload as my type.
//! let reply: Reply<'static, Created> = Decoder::new(Api::Ads).decode_as(body)?;
//! assert_eq!(reply.data().id, "7");
//! // 5. An `http::Response` (feature `http`).
//! # #[cfg(feature = "http")] {
//! let resp = http::Response::builder().status(200).header("x-tt-logid", "L").body(error.to_vec())?;
//! assert_eq!(Decoder::new(Api::Ads).decode_response(&resp).unwrap_err().http_status(), Some(200));
//! # }
//! // 6. A `reqwest::Response`: see `tiktok_errors::reqwest` (it needs a server).
//! // 7. Inside my own serde type.
//! #[derive(serde::Deserialize)]
//! struct Job { response: TikTokResponse<Created> }
//! let job: Job = serde_json::from_str(r#"{"response":{"code":0,"data":{"id":"8"}}}"#)?;
//! assert_eq!(job.response.into_result_with(&Decoder::new(Api::Ads).status(200))?.data().id, "8");
//! // 8. A success that outlives its body.
//! fn fetch() -> Result<Reply<'static>, TikTokError> {
//!     let body = String::from(r#"{"code":0,"data":{}}"#);
//!     Ok(decode(Api::Ads, &body)?.into_owned())
//! }
//! assert!(fetch().is_ok());
//! // 9. JSON.
//! assert_eq!(serde_json::to_value(&reply)?["data"]["id"], "7");
//! assert_eq!(serde_json::to_value(decode(Api::Ads, error).unwrap_err())?["retry"], "throttled");
//! // 10. What to do next.
//! use tiktok_errors::retry::{Attempt, RetryPolicy};
//! let decision = RetryPolicy::default().decide(&decode(Api::Ads, error).unwrap_err(), Attempt::first(true));
//! assert_eq!(decision.to_string(), "wait 1 s and resend");
//! # Ok(()) }
//! ```
//!
//! # What else is here
//!
//! Features `message` (message reading and search) and `report` (JSON views) are on by default;
//! with `default-features = false` the crate decodes and explains (catalogue, retry advice, rate
//! limits) and compiles faster (BENCHMARKS.md, issue 17).
//!
//! - **Catalogue**: one generated enum per API family ([`AdsCode`], [`ContentPostingCode`],
//!   [`BusinessMessagingCode`], [`OAuthCode`], [`ShopCode`] for TikTok Shop) plus [`AdsDiagnosis`]
//!   for the named conditions TikTok reports through code 40002 and [`ShopCondition`] for the
//!   meanings TikTok Shop reports through 36009004. Every variant answers title, description,
//!   fix, [`Category`], [`Retry`], HTTP status and [`Provenance`] (inherent methods; generic code
//!   uses the [`ErrorCode`] trait). The data lives in `codes/*.toml`; `build.rs` validates it
//!   and generates the enums and `phf` maps.
//! - **Lookup**: `AdsCode::from_int(40100)`, `ContentPostingCode::from_code("…")` per family,
//!   [`lookup`] across all of them, [`search()`] by phrase.
//! - **Reading the message**: [`ApiError::details`] says which field, what value was received
//!   and what would be accepted; [`ApiError::diagnoses`] names the catalogue conditions the
//!   free-text message most likely describes ([`message`]).
//! - **Retrying**: [`retry::RetryPolicy`], applied by the `reqwest-middleware` and `tower`
//!   adapters.
//! - **JSON views**: [`report`] (what the CLI's `--json` prints).
//! - **Rate limits**: TikTok's published limits as data ([`limits`]): Business API tiers, endpoint
//!   overrides and sandbox, v2 and Content Posting per-token limits, Research API quotas;
//!   [`limits::for_path`] gives the limits for a request path without allocating. With feature
//!   `budget`, `budget::Budget` spaces requests under them (shared by a fleet through Redis with
//!   feature `redis`).
//!
//! ```
//! use tiktok_errors::{decode, AdsCode, Api, ErrorCode, Retry, TikTokError};
//!
//! let body = br#"{"code":40100,"message":"App reaches the QPS limit.","request_id":"202611220001"}"#;
//! let err = decode(Api::Ads, body).unwrap_err();
//! match &err {
//!     TikTokError::Ads(e) if e.code() == Some(AdsCode::RequestTooFrequent) => {
//!         assert_eq!(e.retry(), Retry::Throttled);
//!         assert_eq!(e.retry_after(), Some(std::time::Duration::from_secs(1))); // a QPS limit
//!     }
//!     other => panic!("unexpected: {other}"),
//! }
//! assert_eq!(
//!     err.to_string(),
//!     "Ads error 40100 (Too many requests): App reaches the QPS limit. [request_id: 202611220001]"
//! );
//! ```
//!
//! TikTok Shop answers in the same envelope, also with 4xx statuses; its overloaded 36009004 is
//! read into the condition the message names:
//!
//! ```
//! use tiktok_errors::{Api, Decoder, Retry, ShopCondition, TikTokError};
//!
//! let body = r#"{"code":36009004,"data":null,"message":"Invalid credentials. Invalid 'app_key' query parameter. For more details: https://m.tiktok.shop/s/AIu6dbFhs2XW","request_id":"r"}"#;
//! let err = Decoder::new(Api::Shop).status(400).decode(body).unwrap_err();
//! let TikTokError::Shop(e) = &err else { unreachable!() };
//! assert_eq!(e.shop_condition(), Some(ShopCondition::AppKeyInvalid));
//! assert_eq!(err.retry(), Retry::FixRequest);
//! assert_eq!(err.tiktok_link(), Some("https://m.tiktok.shop/s/AIu6dbFhs2XW"));
//! ```
//!
//! # Matching codes this version does not know yet
//!
//! Every enum is `#[non_exhaustive]`. Codes TikTok adds later decode with `code() == None` and
//! keep their [`RawCode`], which compares with integers and strings; guard on it and the arm
//! keeps working after an upgrade adds a variant:
//!
//! ```
//! # use tiktok_errors::{decode, Api, TikTokError};
//! let err = decode(Api::Ads, br#"{"code":51234,"message":"new"}"#).unwrap_err();
//! match err {
//!     TikTokError::Ads(e) if *e.raw_code() == 51234 => { /* handle it */ }
//!     _ => unreachable!(),
//! }
//! ```
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(rust_2018_idioms)]
// clippy::pedantic on the hand-written code. Not followed, with reasons:
// - doc_markdown: catalogue prose and product names (TikTok, OAuth, QPS) are text, not code;
// - too_many_lines: the decoder's interpreter, search ranking and the page renderer each read
//   best as one function;
// - module_name_repetitions: `retry::RetryPolicy`, `report::ErrorReport` are named for use at the
//   crate root.
#![warn(clippy::pedantic)]
#![allow(
    clippy::doc_markdown,
    clippy::too_many_lines,
    clippy::module_name_repetitions
)]

#[cfg(feature = "budget")]
#[cfg_attr(docsrs, doc(cfg(feature = "budget")))]
pub mod budget;
mod catalog;
pub mod clock;
mod decode;
mod docs;
mod error;
pub mod limits;
#[cfg(feature = "message")]
#[cfg_attr(docsrs, doc(cfg(feature = "message")))]
pub mod message;
#[cfg(feature = "reqwest-middleware")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest-middleware")))]
pub mod middleware;
#[cfg(feature = "miette")]
mod miette;
#[cfg(feature = "report")]
#[cfg_attr(docsrs, doc(cfg(feature = "report")))]
pub mod report;
#[cfg(feature = "reqwest")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
pub mod reqwest;
pub mod response;
pub mod retry;
#[cfg(feature = "message")]
#[cfg_attr(docsrs, doc(cfg(feature = "message")))]
pub mod search;
mod shop;
#[cfg(feature = "site")]
#[cfg_attr(docsrs, doc(cfg(feature = "site")))]
pub mod site;
#[cfg(feature = "tower")]
#[cfg_attr(docsrs, doc(cfg(feature = "tower")))]
pub mod tower;

pub use catalog::{
    lookup, lookup_int, AdsCode, AdsDiagnosis, AnyCode, Api, BusinessMessagingCode, Category,
    Channels, ContentPostingCode, Disagreement, Entry, EntryKind, ErrorCode, Evidence, OAuthCode,
    Provenance, Retry, ShopCode, Texts, UnknownCode, UnknownName, Wait, WireCode, CATALOG_DATE,
    CATALOG_VERSION,
};
pub use decode::{decode, Decoder};
pub use docs::DOCS_BASE_URL;
pub use error::{
    ApiError, MalformedReason, MalformedResponse, RawCode, RetryAfter, TikTokError,
    BODY_PREFIX_LIMIT, DISPLAY_FIELD_LIMIT, DISPLAY_MESSAGE_LIMIT,
};
pub use response::{RawData, Reply, TikTokResponse};
#[cfg(feature = "message")]
#[cfg_attr(docsrs, doc(cfg(feature = "message")))]
pub use search::search;
pub use shop::ShopCondition;

/// The README's code blocks, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
