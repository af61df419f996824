//! A [`reqwest_middleware::Middleware`] that applies [`RetryPolicy`] to TikTok's answers
//! (feature `reqwest-middleware`).
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
//!   content type) are passed on without being read.
//! - Requests whose body cannot be cloned (streams) are sent once, never resent.
//! - Idempotency comes from the request's [`Idempotent`] extension (set it with
//!   `RequestBuilder::with_extension`), else from the method: TikTok's `POST` reads need
//!   `Idempotent(true)` to be resent after TikTok-side failures.
//! - When the policy stops (give up, or a wait long enough to [`Decision::Reschedule`]), the last
//!   response is returned with the [`Decision`] in its extensions, so the caller can re-queue
//!   the job at the right time.
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

use std::sync::Arc;

use bytes::Bytes;
use reqwest::{Request, Response, ResponseBuilderExt};
use reqwest_middleware::{Middleware, Next};

use crate::retry::{
    is_idempotent, set_token, Attempt, Decision, GiveUpReason, Idempotent, RefreshFailed,
    RefreshToken, RetryPolicy,
};
use crate::{Api, Decoder};

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
}

impl std::fmt::Debug for TikTokRetry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TikTokRetry")
            .field("api", &self.api)
            .field("policy", &self.policy)
            .field("refresh", &self.refresh.is_some())
            .finish()
    }
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
        }
    }

    /// The hook that refreshes the access token on [`Decision::RefreshThenResend`]; the new
    /// token replaces the request's `Access-Token` (or `Authorization: Bearer`) header.
    #[must_use]
    pub fn refresh_with(mut self, hook: impl RefreshToken) -> Self {
        self.refresh = Some(Arc::new(hook));
        self
    }

    /// Reads the body and decides; `None` for a success or a response that is not read.
    async fn inspect(
        &self,
        resp: Response,
        attempt: Attempt,
    ) -> reqwest_middleware::Result<(Response, Option<Decision>)> {
        if !readable(&resp) {
            return Ok((resp, None));
        }
        let url = resp.url().clone();
        let mut head = http::Response::builder()
            .status(resp.status())
            .version(resp.version())
            .url(url)
            .body(())
            .map_err(reqwest_middleware::Error::middleware)?;
        *head.headers_mut() = resp.headers().clone();
        head.extensions_mut().extend(resp.extensions().clone());
        let body: Bytes = resp.bytes().await?;
        let (parts, ()) = head.into_parts();
        let buffered = http::Response::from_parts(parts, body);
        let decision = match Decoder::decode_http(self.api, &buffered) {
            Ok(_) => None,
            Err(e) => Some(self.policy.decide(&e, attempt)),
        };
        Ok((Response::from(buffered), decision))
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
        let idempotent = is_idempotent(extensions.get::<Idempotent>(), req.method());
        let mut attempt = Attempt::first(idempotent);
        let mut req = req;
        loop {
            let Some(mut spare) = req.try_clone() else {
                // A streamed body cannot be sent twice.
                return next.run(req, extensions).await;
            };
            let resp = next.clone().run(req, extensions).await?;
            let (mut resp, decision) = self.inspect(resp, attempt).await?;
            let Some(decision) = decision else {
                return Ok(resp);
            };
            match decision {
                Decision::Resend { after } => tokio::time::sleep(after).await,
                Decision::RefreshThenResend => {
                    let Some(hook) = &self.refresh else {
                        let no = Decision::GiveUp(GiveUpReason::RefreshUnavailable);
                        resp.extensions_mut().insert(no);
                        return Ok(resp);
                    };
                    let token = hook
                        .refresh()
                        .await
                        .map_err(|e| reqwest_middleware::Error::middleware(RefreshFailed(e)))?;
                    if !set_token(spare.headers_mut(), self.api, &token) {
                        return Err(reqwest_middleware::Error::middleware(RefreshFailed(
                            "the refreshed token is not a valid header value".into(),
                        )));
                    }
                }
                stop => {
                    resp.extensions_mut().insert(stop);
                    return Ok(resp);
                }
            }
            // `resends()` held above, so there is a next attempt.
            attempt = attempt.next(&decision).unwrap_or(attempt);
            req = spare;
        }
    }
}
