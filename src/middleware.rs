//! Retry middleware for `reqwest-middleware` clients, deciding on TikTok's answers (feature
//! `reqwest-middleware`).
//!
//! [`TikTokRetry`] is a [`reqwest_middleware::Middleware`] that applies [`RetryPolicy`].
//!
//! Generic retry middleware looks at HTTP statuses only, and TikTok's Business API reports its
//! errors inside HTTP 200. [`TikTokRetry`] reads each answer's body, decodes it with the crate and
//! asks the policy: a 40100 inside HTTP 200 waits and resends, a 40105 refreshes the token
//! through your hook and resends, a 40002 comes straight back to you.
//!
//! What it does to each request:
//!
//! - The body is buffered, then the response is handed on **untouched**: rebuilt from the same
//!   bytes with the same status, version, headers, URL and extensions. Responses that cannot be
//!   TikTok envelopes (2xx with a `video/`, `image/`, `audio/` or `application/octet-stream`
//!   content type) are passed on without being read ([`NotDecoded::Media`]).
//! - At most [`max_body`](TikTokRetry::max_body) bytes are buffered ([`DEFAULT_MAX_BODY`],
//!   1 MiB): a longer body (by `Content-Length`, or found while reading) is handed on
//!   undecoded, the bytes read followed by the rest of the stream, with
//!   [`NotDecoded::BodyTooLarge`] in the response's extensions.
//! - Transport failures (a refused connection, a timeout, a reset, a body cut short) are
//!   decided by [`RetryPolicy::decide_transport`]: resent when the request never left or is
//!   idempotent; otherwise reqwest's error comes back.
//! - Requests whose body cannot be cloned (streams) are sent once, never resent.
//! - Idempotency comes from the request's [`Idempotent`] extension (set it with
//!   `RequestBuilder::with_extension`), else from [`Idempotent::of_request`]: the method, and for
//!   a TikTok Shop client a non-empty top-level `idempotency_key` in the buffered JSON body (a
//!   Shop create that carries one is resent after a TikTok-side failure; one without is not).
//!   TikTok's other `POST` reads need `Idempotent(true)` to be resent after TikTok-side failures.
//! - When the policy stops (give up, or a wait long enough to [`Decision::Reschedule`]), the last
//!   response is returned with the [`Decision`] in its extensions, so the caller can re-queue
//!   the job at the right time; `.tiktok::<T>()` (feature `reqwest`, implied) keeps it in its
//!   error ([`Error::decision`](crate::reqwest::Error::decision)), and
//!   `reqwest_middleware::Error` converts into that error type, so one `?` serves both.
//! - A failed refresh hook gives the token error back with
//!   [`GiveUpReason::RefreshFailed`] and the hook's error ([`RefreshFailed`]) in the
//!   extensions, as the `tower` adapter does.
//! - Waits use `tokio::time::sleep`.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use tiktok_errors::middleware::TikTokRetry;
//! use tiktok_errors::retry::{Decision, RetryPolicy};
//! use tiktok_errors::{Api, Decoder};
//!
//! let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
//!     .with(TikTokRetry::new(Api::Ads, RetryPolicy::default())
//!         .refresh_with(|| async { Ok::<_, std::io::Error>(my_token_store_refresh().await) }))
//!     .build();
//! let resp = client
//!     .get("https://business-api.tiktok.com/open_api/v1.3/advertiser/info/")
//!     .header("Access-Token", "act.current")
//!     .send()
//!     .await?;
//! if let Some(Decision::Reschedule { not_before, .. }) = resp.extensions().get::<Decision>() {
//!     println!("quota used up; run again after {not_before:?}");
//! }
//! let status = resp.status().as_u16();
//! let body = resp.bytes().await?;
//! match Decoder::new(Api::Ads).status(status).decode(&body) {
//!     Ok(ok) => println!("{:?}", ok.data_json()),
//!     Err(e) => eprintln!("{e}"),
//! }
//! # Ok(()) }
//! # async fn my_token_store_refresh() -> String { String::new() }
//! ```

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use reqwest::{Request, Response, ResponseBuilderExt};
use reqwest_middleware::{Middleware, Next};

use crate::retry::{
    set_token, Attempt, Decision, GiveUpReason, Idempotent, RefreshFailed, RefreshToken,
    RetryPolicy, TransportFailure,
};
use crate::{Api, Decoder};

/// Default [`TikTokRetry::max_body`]: 1 MiB. TikTok's error envelopes are a few hundred bytes;
/// a larger body is a success (a report page) or not TikTok's, and is handed on undecoded
/// and unbuffered, so the cap costs nothing to the bodies past it.
pub const DEFAULT_MAX_BODY: usize = 1 << 20;

/// Why the middleware handed a response on without decoding it: in the response's extensions
/// (`resp.extensions().get::<NotDecoded>()`). The body is untouched either way.
///
/// ```no_run
/// # async fn run(client: reqwest_middleware::ClientWithMiddleware) -> reqwest_middleware::Result<()> {
/// use tiktok_errors::middleware::NotDecoded;
/// let resp = client.get("https://business-api.tiktok.com/open_api/v1.3/report/integrated/get/").send().await?;
/// if let Some(NotDecoded::BodyTooLarge { limit }) = resp.extensions().get::<NotDecoded>() {
///     println!("more than {limit} bytes: not checked for a TikTok error");
/// }
/// # Ok(()) }
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NotDecoded {
    /// A successful media body (`video/`, `image/`, `audio/`, `application/octet-stream`):
    /// not a TikTok envelope.
    Media,
    /// The body is longer than [`TikTokRetry::max_body`] (announced by `Content-Length`, or
    /// found while reading): what was read is handed on with the rest of the stream.
    BodyTooLarge {
        /// The cap in bytes.
        limit: usize,
    },
}

/// The retry middleware. Cheap to clone; one value serves every request of a client.
///
/// ```
/// use std::time::Duration;
/// use tiktok_errors::middleware::TikTokRetry;
/// use tiktok_errors::retry::RetryPolicy;
/// use tiktok_errors::Api;
///
/// let retry = TikTokRetry::new(Api::ContentPosting, RetryPolicy::default().max_attempts(3))
///     .refresh_with(|| async { Ok::<_, std::io::Error>("act.fresh".to_owned()) });
/// let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new()).with(retry).build();
/// # drop(client);
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest-middleware")))]
#[derive(Clone)]
pub struct TikTokRetry {
    api: Api,
    policy: RetryPolicy,
    refresh: Option<Arc<dyn RefreshToken>>,
    max_body: usize,
    #[cfg(feature = "budget")]
    budget: Option<crate::budget::Budget>,
}

impl std::fmt::Debug for TikTokRetry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TikTokRetry")
            .field("api", &self.api)
            .field("policy", &self.policy)
            .field("refresh", &self.refresh.is_some())
            .field("max_body", &self.max_body)
            .finish_non_exhaustive()
    }
}

/// What one send came to.
enum Outcome {
    /// Hand it on: a success, or a response that is not decoded.
    Done(Response),
    /// TikTok's error, what the policy says about it, and the error (for the budget).
    Error(Response, Decision, Box<crate::TikTokError>),
    /// No (whole) answer: a transport failure.
    Failed(reqwest_middleware::Error, Option<TransportFailure>),
}

impl TikTokRetry {
    /// A middleware for one API family's responses, applying `policy`. Without
    /// [`refresh_with`](Self::refresh_with), token errors come back to the caller.
    #[must_use]
    pub fn new(api: Api, policy: RetryPolicy) -> Self {
        TikTokRetry {
            api,
            policy,
            refresh: None,
            max_body: DEFAULT_MAX_BODY,
            #[cfg(feature = "budget")]
            budget: None,
        }
    }

    /// The hook that refreshes the access token on [`Decision::RefreshThenResend`]; the new
    /// token replaces the request's `Access-Token` (or `Authorization: Bearer`) header. If the
    /// hook fails, the token error comes back with [`GiveUpReason::RefreshFailed`] and the
    /// hook's error ([`RefreshFailed`]) in the response's extensions, as with the `tower`
    /// adapter.
    #[must_use]
    pub fn refresh_with(mut self, hook: impl RefreshToken) -> Self {
        self.refresh = Some(Arc::new(hook));
        self
    }

    /// The most bytes of a body the middleware buffers to decode it (default
    /// [`DEFAULT_MAX_BODY`]). A longer body is handed on undecoded, with
    /// [`NotDecoded::BodyTooLarge`] in the response's extensions.
    ///
    /// ```
    /// use tiktok_errors::middleware::TikTokRetry;
    /// use tiktok_errors::retry::RetryPolicy;
    /// use tiktok_errors::Api;
    /// // Reports can be large; errors never are.
    /// let retry = TikTokRetry::new(Api::Ads, RetryPolicy::default()).max_body(64 * 1024);
    /// # drop(retry);
    /// ```
    #[must_use]
    pub fn max_body(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }

    /// Sends every request, first sends and resends alike, through `budget` (feature `budget`):
    /// each waits for its turn under TikTok's published limits before it goes, and each
    /// throttling answer teaches the budget (a 40133's advertiser limit, a 40100's window), so
    /// a resend after a throttle waits exactly for the budget's pause, and resends never go out
    /// as a herd. The budget's request is the URL's path and its `advertiser_id` query
    /// parameter (an `advertiser_id` inside a JSON body is not read).
    ///
    /// When the budget cannot grant the request ([`BudgetError::Exhausted`]: a daily quota
    /// used up; [`BudgetError::Store`]), nothing is sent and the error is returned as
    /// `reqwest_middleware::Error::Middleware`, from which `downcast_ref::<BudgetError>()`
    /// reads it.
    ///
    /// ```
    /// use tiktok_errors::budget::Budget;
    /// use tiktok_errors::middleware::TikTokRetry;
    /// use tiktok_errors::retry::RetryPolicy;
    /// use tiktok_errors::Api;
    ///
    /// let budget = Budget::builder("my-app-id").build().unwrap();
    /// let retry = TikTokRetry::new(Api::Ads, RetryPolicy::default()).budget(budget);
    /// # drop(retry);
    /// ```
    ///
    /// [`BudgetError::Exhausted`]: crate::budget::BudgetError::Exhausted
    /// [`BudgetError::Store`]: crate::budget::BudgetError::Store
    #[cfg(feature = "budget")]
    #[cfg_attr(docsrs, doc(cfg(feature = "budget")))]
    #[must_use]
    pub fn budget(mut self, budget: crate::budget::Budget) -> Self {
        self.budget = Some(budget);
        self
    }

    /// Waits for the request's turn in the budget, if there is one.
    #[cfg(feature = "budget")]
    async fn acquire(
        &self,
        req: &Request,
    ) -> reqwest_middleware::Result<Option<crate::budget::Route>> {
        let Some(budget) = &self.budget else {
            return Ok(None);
        };
        let url = req.url();
        let advertiser = url
            .query_pairs()
            .find(|(k, _)| k == "advertiser_id")
            .map(|(_, v)| v.into_owned());
        let mut r = crate::budget::Request::new(url.path());
        if let Some(a) = &advertiser {
            r = r.advertiser(a);
        }
        let route = budget.route(&r);
        let _permit = route
            .acquire()
            .await
            .map_err(reqwest_middleware::Error::middleware)?;
        Ok(Some(route))
    }

    /// Teaches the budget a TikTok error; whether it was a throttle the budget paces.
    #[cfg(feature = "budget")]
    async fn observe(
        &self,
        route: Option<&crate::budget::Route>,
        error: &crate::TikTokError,
    ) -> bool {
        let Some(route) = route else {
            return false;
        };
        // A store failure loses the lesson only; the next throttle teaches it again.
        match route.observe(error).await {
            Ok(learned) => !learned.is_empty(),
            Err(_) => false,
        }
    }

    /// Reads the body (up to the cap) and decides.
    async fn inspect(&self, mut resp: Response, attempt: Attempt) -> Outcome {
        if !readable(&resp) {
            resp.extensions_mut().insert(NotDecoded::Media);
            return Outcome::Done(resp);
        }
        let url = resp.url().clone();
        let head = http::Response::builder()
            .status(resp.status())
            .version(resp.version())
            .url(url)
            .body(());
        let mut head = match head {
            Ok(head) => head,
            Err(e) => return Outcome::Failed(reqwest_middleware::Error::middleware(e), None),
        };
        *head.headers_mut() = resp.headers().clone();
        head.extensions_mut().extend(resp.extensions().clone());
        let (mut parts, ()) = head.into_parts();
        let too_large = NotDecoded::BodyTooLarge {
            limit: self.max_body,
        };
        if resp
            .content_length()
            .is_some_and(|n| n > self.max_body as u64)
        {
            resp.extensions_mut().insert(too_large);
            return Outcome::Done(resp);
        }
        let mut body = Vec::new();
        loop {
            match resp.chunk().await {
                Ok(Some(chunk)) if body.len() + chunk.len() > self.max_body => {
                    body.extend_from_slice(&chunk);
                    parts.extensions.insert(too_large);
                    let whole = Prefixed {
                        prefix: Some(Bytes::from(body)),
                        rest: reqwest::Body::from(resp),
                    };
                    let streamed = http::Response::from_parts(parts, reqwest::Body::wrap(whole));
                    return Outcome::Done(Response::from(streamed));
                }
                Ok(Some(chunk)) => body.extend_from_slice(&chunk),
                Ok(None) => break,
                Err(e) => {
                    let failure = TransportFailure::of_reqwest(&e);
                    return Outcome::Failed(e.into(), failure);
                }
            }
        }
        let buffered = http::Response::from_parts(parts, Bytes::from(body));
        let decision = match Decoder::new(self.api).decode_response(&buffered) {
            Ok(_) => None,
            Err(e) => Some((self.policy.decide(&e, attempt), Box::new(e))),
        };
        let resp = Response::from(buffered);
        match decision {
            Some((d, e)) => Outcome::Error(resp, d, e),
            None => Outcome::Done(resp),
        }
    }
}

/// A body's first bytes, read while looking for the end, followed by the rest of its stream.
struct Prefixed {
    prefix: Option<Bytes>,
    rest: reqwest::Body,
}

impl http_body::Body for Prefixed {
    type Data = Bytes;
    type Error = reqwest::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, reqwest::Error>>> {
        if let Some(prefix) = self.prefix.take() {
            return Poll::Ready(Some(Ok(http_body::Frame::data(prefix))));
        }
        Pin::new(&mut self.rest).poll_frame(cx)
    }

    fn size_hint(&self) -> http_body::SizeHint {
        let mut hint = self.rest.size_hint();
        let n = self.prefix.as_ref().map_or(0, |p| p.len() as u64);
        hint.set_lower(hint.lower().saturating_add(n));
        if let Some(upper) = hint.upper() {
            hint.set_upper(upper.saturating_add(n));
        }
        hint
    }
}

/// Whether the response may be a TikTok envelope: everything except successful media bodies.
fn readable(resp: &Response) -> bool {
    if !resp.status().is_success() {
        return true;
    }
    let Some(ct) = resp
        .headers()
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return true;
    };
    let ct = ct.trim_start().to_ascii_lowercase();
    !["video/", "image/", "audio/", "application/octet-stream"]
        .iter()
        .any(|p| ct.starts_with(p))
}

#[async_trait::async_trait]
impl Middleware for TikTokRetry {
    async fn handle(
        &self,
        req: Request,
        extensions: &mut http::Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<Response> {
        let idempotent = Idempotent::of_request(
            self.api,
            req.method().as_str(),
            extensions.get::<Idempotent>().copied(),
            req.body().and_then(reqwest::Body::as_bytes),
        );
        let mut attempt = Attempt::first(idempotent);
        let mut req = req;
        loop {
            let Some(mut spare) = req.try_clone() else {
                // A streamed body cannot be sent twice.
                return next.run(req, extensions).await;
            };
            #[cfg(feature = "budget")]
            let route = self.acquire(&req).await?;
            let outcome = match next.clone().run(req, extensions).await {
                Ok(resp) => self.inspect(resp, attempt).await,
                Err(e) => {
                    let failure = match &e {
                        reqwest_middleware::Error::Reqwest(r) => TransportFailure::of_reqwest(r),
                        reqwest_middleware::Error::Middleware(_) => None,
                    };
                    Outcome::Failed(e, failure)
                }
            };
            let decision = match outcome {
                Outcome::Done(resp) => return Ok(resp),
                Outcome::Failed(e, None) => return Err(e),
                Outcome::Failed(e, Some(failure)) => {
                    let decision = self.policy.decide_transport(failure, attempt);
                    let Decision::Resend { after } = decision else {
                        return Err(e);
                    };
                    tokio::time::sleep(after).await;
                    decision
                }
                Outcome::Error(mut resp, decision, error) => {
                    #[cfg(feature = "budget")]
                    let paced = self.observe(route.as_ref(), &error).await;
                    #[cfg(not(feature = "budget"))]
                    let paced = {
                        let _ = error;
                        false
                    };
                    match decision {
                        // A throttle the budget learned from: its pause is the next acquire's
                        // wait, so the policy's own wait is not slept on top of it.
                        Decision::Resend { .. } if paced => {}
                        Decision::Resend { after } => tokio::time::sleep(after).await,
                        Decision::RefreshThenResend => {
                            let Some(hook) = &self.refresh else {
                                let no = Decision::GiveUp(GiveUpReason::RefreshUnavailable);
                                resp.extensions_mut().insert(no);
                                return Ok(resp);
                            };
                            let failed = match hook.refresh().await {
                                Ok(token) if set_token(spare.headers_mut(), self.api, &token) => {
                                    None
                                }
                                Ok(_) => Some(RefreshFailed::new(
                                    "the refreshed token is not a valid header value",
                                )),
                                Err(e) => Some(RefreshFailed::new(e)),
                            };
                            if let Some(failed) = failed {
                                let ext = resp.extensions_mut();
                                ext.insert(Decision::GiveUp(GiveUpReason::RefreshFailed));
                                ext.insert(failed);
                                return Ok(resp);
                            }
                        }
                        stop => {
                            resp.extensions_mut().insert(stop);
                            return Ok(resp);
                        }
                    }
                    decision
                }
            };
            // The decision resends, so there is a next attempt.
            attempt = attempt.next(&decision).unwrap_or(attempt);
            req = spare;
        }
    }
}
