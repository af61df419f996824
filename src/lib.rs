//! TikTok API error codes as typed, self-explaining Rust errors.
//!
//! TikTok's APIs answer failures with codes such as `{"code":40100,…}` (Marketing API) or
//! `{"error":{"code":"spam_risk_too_many_posts",…}}` (Content Posting API). This crate says what
//! each code means, whether to retry, and how to fix it, and decodes raw responses into a
//! [`TikTokError`] you can `match` on without losing anything the response said.
//!
//! - **Catalogue**: one generated enum per API family ([`AdsCode`], [`ContentPostingCode`],
//!   [`BusinessMessagingCode`], [`OAuthCode`]) plus [`AdsDiagnosis`] for the named conditions
//!   TikTok reports through code 40002. Every variant answers [`ErrorCode`] methods: title,
//!   description, fix, [`Category`], [`Retry`], HTTP status and [`Provenance`]. The data lives in
//!   `codes/*.toml`; `build.rs` validates it and generates the enums and `phf` maps.
//! - **Lookup**: [`ErrorCode::from_code`] / [`ErrorCode::from_int`] per family, [`lookup`] across
//!   all of them, [`search()`] by phrase.
//! - **Decoding**: [`decode`], [`decode_detect`], [`Decoder`] (status and headers), [`Envelope`]
//!   (inside your own serde types), and `Decoder::decode_http` with the `http` feature.
//! - **Reading the message**: [`ApiError::details`] says which field, what value was received
//!   and what would be accepted; [`ApiError::diagnoses`] names the catalogue conditions the
//!   free-text message most likely describes ([`message`]).
//! - **Typed payloads in one pass**: [`Response<T>`] (serde, any entry point) and
//!   [`Decoder::decode_as`] give a [`Reply<T>`] with your own payload type or the same
//!   [`TikTokError`]; with the `reqwest` feature, `response.tiktok::<T>(api).await` (see
//!   `tiktok_errors::reqwest`).
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
// - missing_errors_doc: fallible functions return the crate's own typed errors, which document
//   every case on the types themselves;
// - too_many_lines: the decoder's interpreter, search ranking and the page renderer each read
//   best as one function;
// - module_name_repetitions: `retry::RetryPolicy`, `report::ErrorReport` are named for use at the
//   crate root.
#![warn(clippy::pedantic)]
#![allow(
    clippy::doc_markdown,
    clippy::missing_errors_doc,
    clippy::too_many_lines,
    clippy::module_name_repetitions
)]

mod catalog;
pub mod clock;
mod decode;
mod docs;
mod error;
pub mod message;
#[cfg(feature = "reqwest-middleware")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest-middleware")))]
pub mod middleware;
#[cfg(feature = "miette")]
mod miette;
pub mod report;
#[cfg(feature = "reqwest")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
pub mod reqwest;
pub mod response;
pub mod retry;
pub mod search;
#[cfg(feature = "site")]
#[cfg_attr(docsrs, doc(cfg(feature = "site")))]
pub mod site;
#[cfg(feature = "tower")]
#[cfg_attr(docsrs, doc(cfg(feature = "tower")))]
pub mod tower;

pub use catalog::{
    lookup, lookup_int, AdsCode, AdsDiagnosis, AnyCode, Api, BusinessMessagingCode, Category,
    Channels, ContentPostingCode, Disagreement, Entry, EntryKind, ErrorCode, Evidence, OAuthCode,
    Provenance, Retry, Texts, UnknownCode, UnknownName, Wait, WireCode, CATALOG_DATE,
    CATALOG_VERSION,
};
pub use decode::{decode, decode_detect, Decoder, Envelope, Success};
pub use docs::DOCS_BASE_URL;
pub use error::{
    ApiError, MalformedReason, MalformedResponse, RawCode, RetryAfter, TikTokError,
    BODY_PREFIX_LIMIT, DISPLAY_FIELD_LIMIT, DISPLAY_MESSAGE_LIMIT,
};
pub use report::decode_report;
pub use response::{Reply, Response};
pub use search::search;

/// The README's code blocks, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
