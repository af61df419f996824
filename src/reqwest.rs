//! Reading `reqwest` responses: status, headers and body into a typed
//! [`Reply<'static, T>`](Reply) in one call (feature `reqwest`).
//!
//! ```no_run
//! use tiktok_errors::reqwest::{Error, ResponseExt};
//! use tiktok_errors::{Api, Retry};
//!
//! #[derive(serde::Deserialize)]
//! struct Page {
//!     list: Vec<serde_json::Value>,
//! }
//!
//! # async fn run(client: reqwest::Client) -> Result<(), Error> {
//! let reply = client
//!     .get("https://business-api.tiktok.com/open_api/v1.3/campaign/get/")
//!     .header("Access-Token", "…")
//!     .send()
//!     .await? // a transport error: `Error::Transport`
//!     .tiktok::<Page>(Api::Ads)
//!     .await;
//! match reply {
//!     Ok(reply) => println!("{} campaigns", reply.data().list.len()),
//!     Err(Error::TikTok { error, .. }) if error.retry() == Retry::Throttled => { /* wait error.retry_after() */ }
//!     Err(e) => return Err(e),
//! }
//! # Ok(()) }
//! ```

use std::fmt;
use std::future::Future;

use serde::de::DeserializeOwned;

use crate::retry::Decision;
use crate::{Api, Decoder, Reply, Retry, RetryAfter, TikTokError};

/// Reads a `reqwest::Response` as a TikTok response. Sealed: implemented for
/// `reqwest::Response` only.
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
pub trait ResponseExt: private::Sealed + Sized {
    /// Reads the body and decodes it as a response of `api`, with the HTTP status, the
    /// `x-tt-logid` header (the request id when the body has none) and `Retry-After`. The
    /// payload of a success becomes `T` in one pass (see [`Decoder::decode_as`]).
    ///
    /// # Errors
    ///
    /// Errors keep transport apart from TikTok: [`Error::Body`] when the body could not be
    /// read to its end (with what was read), [`Error::TikTok`] for everything TikTok said (or
    /// a body that is not a TikTok envelope, such as a gateway's HTML page).
    ///
    /// ```no_run
    /// use tiktok_errors::reqwest::ResponseExt;
    /// use tiktok_errors::Api;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Token { access_token: String, refresh_token: String }
    ///
    /// # async fn run(client: reqwest::Client) -> Result<(), tiktok_errors::reqwest::Error> {
    /// let token = client
    ///     .post("https://open.tiktokapis.com/v2/oauth/token/")
    ///     .send()
    ///     .await?
    ///     .tiktok::<Token>(Api::OAuth)
    ///     .await?
    ///     .into_data();
    /// # let _ = token.access_token; Ok(()) }
    /// ```
    fn tiktok<T: DeserializeOwned>(
        self,
        api: Api,
    ) -> impl Future<Output = Result<Reply<'static, T>, Error>> + Send;
}

mod private {
    pub trait Sealed {}
    impl Sealed for ::reqwest::Response {}
}

impl ResponseExt for ::reqwest::Response {
    async fn tiktok<T: DeserializeOwned>(mut self, api: Api) -> Result<Reply<'static, T>, Error> {
        let status = self.status().as_u16();
        let header = |name: &str| -> Option<String> {
            self.headers()
                .get_all(name)
                .iter()
                .find_map(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let decision = self.extensions().get::<Decision>().copied();
        let logid = header("x-tt-logid");
        let retry_after = header("retry-after");
        let content_length = self.content_length();
        // Capacity from Content-Length, bounded: the header is the server's word, not ours.
        let mut body = Vec::with_capacity(content_length.unwrap_or(0).min(1 << 20) as usize);
        loop {
            match self.chunk().await {
                Ok(Some(chunk)) => body.extend_from_slice(&chunk),
                Ok(None) => break,
                Err(source) => {
                    return Err(Error::Body(Box::new(BodyError {
                        status,
                        request_id: logid.filter(|l| !l.trim().is_empty()),
                        retry_after: retry_after.as_deref().and_then(RetryAfter::parse),
                        content_length,
                        read: body,
                        source,
                    })))
                }
            }
        }
        let mut decoder = Decoder::new(api).status(status);
        if let Some(v) = &logid {
            decoder = decoder.header("x-tt-logid", v);
        }
        if let Some(v) = &retry_after {
            decoder = decoder.header("retry-after", v);
        }
        decoder
            .decode_as::<T>(&body)
            .map_err(|error| Error::TikTok { error, decision })
    }
}

/// What reading a TikTok response with reqwest can fail with: transport apart from TikTok.
///
/// Every variant's `source()` is the error it wraps, so a chain walk (anyhow's `chain()`,
/// `downcast_ref` on each link) reaches the [`TikTokError`].
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
#[non_exhaustive]
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// TikTok's answer: an API error, a failed publish, or a body that is not a TikTok envelope
    /// (with the status, the body's start and whatever could be read).
    #[error("TikTok answered with an error{}", stopped(.decision.as_ref()))]
    TikTok {
        /// What TikTok said.
        #[source]
        error: TikTokError,
        /// The retry middleware's last word on this response, when one ran
        /// (`middleware::TikTokRetry`): give up (with the reason) or reschedule (with when).
        decision: Option<Decision>,
    },
    /// The response arrived but its body could not be read to its end (the connection
    /// dropped, the body was cut short, a timeout).
    #[error(transparent)]
    Body(Box<BodyError>),
    /// The request failed before a response arrived (`?` on `send()` converts into this).
    #[error("request to TikTok failed")]
    Transport(#[source] ::reqwest::Error),
    /// A middleware failed (`?` on `reqwest_middleware`'s `send()` converts into this; its
    /// transport errors become [`Error::Transport`]).
    #[error("a request middleware failed")]
    Middleware(#[source] crate::retry::BoxError),
}

fn stopped(decision: Option<&Decision>) -> String {
    decision.map_or_else(String::new, |d| format!(" (retry middleware: {d})"))
}

impl From<TikTokError> for Error {
    fn from(error: TikTokError) -> Self {
        Error::TikTok {
            error,
            decision: None,
        }
    }
}

impl From<::reqwest::Error> for Error {
    fn from(e: ::reqwest::Error) -> Self {
        Error::Transport(e)
    }
}

#[cfg(feature = "reqwest-middleware")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest-middleware")))]
impl From<reqwest_middleware::Error> for Error {
    /// reqwest's own errors become [`Error::Transport`], a middleware's [`Error::Middleware`]
    /// (its source chain kept).
    fn from(e: reqwest_middleware::Error) -> Self {
        match e {
            reqwest_middleware::Error::Reqwest(e) => Error::Transport(e),
            reqwest_middleware::Error::Middleware(e) => Error::Middleware(e.into()),
        }
    }
}

impl Error {
    /// TikTok's error, when the response was read.
    #[must_use]
    pub fn tiktok(&self) -> Option<&TikTokError> {
        match self {
            Error::TikTok { error, .. } => Some(error),
            _ => None,
        }
    }
    /// The retry middleware's final decision on the response, when it stopped on TikTok's
    /// error (give up, reschedule): readable here after `.tiktok::<T>()` consumed the response.
    ///
    /// ```no_run
    /// # #[cfg(feature = "reqwest-middleware")]
    /// # async fn run(client: reqwest_middleware::ClientWithMiddleware) -> Result<(), tiktok_errors::reqwest::Error> {
    /// use tiktok_errors::reqwest::ResponseExt;
    /// use tiktok_errors::retry::Decision;
    /// use tiktok_errors::Api;
    /// let result = client.get("https://business-api.tiktok.com/open_api/v1.3/advertiser/info/")
    ///     .send()
    ///     .await?
    ///     .tiktok::<serde_json::Value>(Api::Ads)
    ///     .await;
    /// if let Err(e) = &result {
    ///     if let Some(Decision::Reschedule { not_before, .. }) = e.decision() {
    ///         println!("quota used up; run the job again after {not_before:?}");
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn decision(&self) -> Option<Decision> {
        match self {
            Error::TikTok { decision, .. } => *decision,
            _ => None,
        }
    }
    /// Whether and how to retry: TikTok's advice for its errors; `Transient` for a body cut
    /// short and for connection failures and timeouts; `Unknown` for other transport errors
    /// (a bad URL, a redirect loop) and middleware failures, which a retry does not fix.
    #[must_use]
    pub fn retry(&self) -> Retry {
        match self {
            Error::TikTok { error, .. } => error.retry(),
            Error::Body(_) => Retry::Transient,
            Error::Transport(e) if e.is_connect() || e.is_timeout() => Retry::Transient,
            Error::Transport(_) | Error::Middleware(_) => Retry::Unknown,
        }
    }
    /// The request id: TikTok's, or the `x-tt-logid` header of a body that could not be read.
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::TikTok { error, .. } => error.request_id(),
            Error::Body(b) => b.request_id(),
            Error::Transport(_) | Error::Middleware(_) => None,
        }
    }
    /// The HTTP status, when a response arrived.
    #[must_use]
    pub fn http_status(&self) -> Option<u16> {
        match self {
            Error::TikTok { error, .. } => error.http_status(),
            Error::Body(b) => Some(b.status),
            Error::Transport(e) => e.status().map(|s| s.as_u16()),
            Error::Middleware(_) => None,
        }
    }
}

/// A body that could not be read to its end, with everything that was read.
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
#[derive(Debug)]
pub struct BodyError {
    status: u16,
    request_id: Option<String>,
    retry_after: Option<RetryAfter>,
    content_length: Option<u64>,
    read: Vec<u8>,
    source: ::reqwest::Error,
}

impl BodyError {
    /// The HTTP status of the response.
    #[must_use]
    pub fn http_status(&self) -> u16 {
        self.status
    }
    /// The `x-tt-logid` header, if the response had one.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref().map(str::trim)
    }
    /// The `Retry-After` header, if the response had a readable one.
    #[must_use]
    pub fn retry_after_header(&self) -> Option<RetryAfter> {
        self.retry_after
    }
    /// The length the response announced (`Content-Length`), if it did.
    #[must_use]
    pub fn content_length(&self) -> Option<u64> {
        self.content_length
    }
    /// The bytes read before the failure.
    #[must_use]
    pub fn read(&self) -> &[u8] {
        &self.read
    }
    /// The bytes read before the failure, owned.
    #[must_use]
    pub fn into_read(self) -> Vec<u8> {
        self.read
    }
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "reading a TikTok response body (HTTP {}) failed after {} bytes",
            self.status,
            self.read.len()
        )?;
        if let Some(n) = self.content_length {
            write!(f, " of {n}")?;
        }
        if let Some(id) = self.request_id() {
            f.write_str(" [x-tt-logid: ")?;
            crate::error::write_bounded(f, id, crate::DISPLAY_FIELD_LIMIT)?;
            f.write_str("]")?;
        }
        Ok(())
    }
}

impl std::error::Error for BodyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}
