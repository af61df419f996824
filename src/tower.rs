//! A retry policy for `tower` services, deciding on TikTok's answers (feature `tower`).
//!
//! [`TikTokPolicy`] is a [`tower::retry::Policy`] that applies [`RetryPolicy`].
//!
//! # Which requests and responses
//!
//! [`TikTokPolicy`] works over `http::Request<B>` with a `Clone` body (`Bytes`, `String`,
//! `Vec<u8>`, `Full<Bytes>`: a request is resent, so its body must be kept) and
//! `http::Response<R>` with a body already in memory (`R: AsRef<[u8]>`: `Bytes`, `Vec<u8>`,
//! `String`). Tower calls a policy synchronously with the finished response, so the policy can
//! only read a body that is already buffered; a service whose responses stream (hyper's
//! `Incoming`) needs a layer that collects the body first, which is also what makes the
//! response usable after the policy has read it. TikTok's error envelopes are small JSON
//! documents, so buffering them costs little. Transport errors (`Err`) are not retried: the
//! policy cannot see inside a service's own error type to tell a refused connection from a
//! request that reached TikTok; classify them yourself and ask
//! [`RetryPolicy::decide_transport`].
//!
//! # Idempotency
//!
//! A TikTok-side failure is resent only for an idempotent request, decided by
//! [`Idempotent::of_request`]: the request's [`Idempotent`] extension, else its method, and for
//! a TikTok Shop policy a non-empty top-level `idempotency_key` in a JSON body the policy can
//! read (`Bytes`, `Vec<u8>`, `String`, `&'static [u8]`, `&'static str`; other body types, such
//! as `Full<Bytes>`, need the extension).
//!
//! # Token refresh
//!
//! Tower sends the request the policy kept, as it was, once the policy's wait is over; the
//! wait cannot edit it. So a refreshed token reaches the request through a second, inner layer:
//! the policy leaves a private marker in the request's extensions that the refresh fills, and
//! [`TikTokPolicy::token_layer`] writes the token from it into the request (the `Access-Token`
//! header, or `Authorization: Bearer …`). Put the layer *inside* the retry layer, as below. The
//! token only goes to the request that was refreshed (and its later resends), never to other
//! requests: a client serving many TikTok accounts stays correct.
//!
//! If the hook fails, the token error comes back with [`GiveUpReason::RefreshFailed`] in the
//! response's extensions and the hook's error beside it ([`RefreshFailed`]), as with the
//! `reqwest-middleware` adapter. One difference tower imposes: the policy learns of the
//! failure only after its wait, when tower resends regardless, so the request goes out once
//! more with its old token (TikTok rejects it; nothing takes effect) before the policy stops.
//!
//! When the policy stops on an error (give up or [`Decision::Reschedule`]), the returned
//! response carries the [`Decision`] in its extensions.
//!
//! ```
//! use bytes::Bytes;
//! use tiktok_errors::retry::RetryPolicy;
//! use tiktok_errors::tower::TikTokPolicy;
//! use tiktok_errors::Api;
//! use tower::{Service, ServiceBuilder, ServiceExt};
//!
//! # let rt = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
//! # rt.block_on(async {
//! let policy = TikTokPolicy::new(Api::Ads, RetryPolicy::default())
//!     .refresh_with(|| async { Ok::<_, std::io::Error>("act.new".to_owned()) });
//! // Your HTTP client as a tower service with buffered bodies; here, a stand-in that answers
//! // 40105 to the old token.
//! let client = tower::service_fn(|req: http::Request<Bytes>| async move {
//!     let body = if req.headers()["access-token"] == "act.old" {
//!         r#"{"code":40105,"message":"Access token is incorrect or has been revoked."}"#
//!     } else {
//!         r#"{"code":0,"message":"OK","data":{}}"#
//!     };
//!     Ok::<_, std::convert::Infallible>(http::Response::new(Bytes::from(body)))
//! });
//! let mut svc = ServiceBuilder::new()
//!     .retry(policy.clone())
//!     .layer(policy.token_layer())
//!     .service(client);
//! let req = http::Request::get("https://business-api.tiktok.com/open_api/v1.3/advertiser/info/")
//!     .header("Access-Token", "act.old")
//!     .body(Bytes::new())
//!     .unwrap();
//! let resp = svc.ready().await.unwrap().call(req).await.unwrap();
//! assert!(tiktok_errors::Decoder::new(Api::Ads).decode_response(&resp).is_ok());
//! # });
//! ```

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use crate::retry::{
    set_token, Attempt, Decision, GiveUpReason, Idempotent, RefreshFailed, RefreshToken,
    RetryPolicy,
};
use crate::{Api, Decoder};

/// The refreshed token for one request (or why there is none): filled by the policy's
/// refresh, read by the token layer and by the policy's next decision. Travels in the
/// request's extensions.
#[derive(Clone, Default)]
struct PendingToken(Arc<Mutex<Option<Result<String, RefreshFailed>>>>);

impl PendingToken {
    fn token(&self) -> Option<String> {
        self.0.lock().ok()?.as_ref()?.as_ref().ok().cloned()
    }
    fn failure(&self) -> Option<RefreshFailed> {
        self.0.lock().ok()?.as_ref()?.as_ref().err().cloned()
    }
}

/// A `tower::retry::Policy` for TikTok responses: see the [module docs](self).
///
/// Tower clones the policy for each request, so one value serves a whole client; the attempt
/// count and the refresh state are per request.
#[cfg_attr(docsrs, doc(cfg(feature = "tower")))]
#[derive(Clone)]
pub struct TikTokPolicy {
    api: Api,
    policy: RetryPolicy,
    sent: u32,
    follows_refresh: bool,
    refresh: Option<Arc<dyn RefreshToken>>,
}

impl std::fmt::Debug for TikTokPolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TikTokPolicy")
            .field("api", &self.api)
            .field("policy", &self.policy)
            .field("sent", &self.sent)
            .field("follows_refresh", &self.follows_refresh)
            .field("refresh", &self.refresh.is_some())
            .finish_non_exhaustive()
    }
}

impl TikTokPolicy {
    /// A policy for one API family's responses. Without
    /// [`refresh_with`](Self::refresh_with), token errors come back to the caller.
    #[must_use]
    pub fn new(api: Api, policy: RetryPolicy) -> Self {
        TikTokPolicy {
            api,
            policy,
            sent: 1,
            follows_refresh: false,
            refresh: None,
        }
    }

    /// The hook that refreshes the access token on [`Decision::RefreshThenResend`]. The token
    /// reaches requests through [`token_layer`](Self::token_layer).
    #[must_use]
    pub fn refresh_with(mut self, hook: impl RefreshToken) -> Self {
        self.refresh = Some(Arc::new(hook));
        self
    }

    /// The layer that writes a refreshed token into the request it was refreshed for (inside
    /// the retry layer). Other requests pass through unchanged.
    #[must_use]
    pub fn token_layer(&self) -> TokenLayer {
        TokenLayer { api: self.api }
    }
}

type Wait = Pin<Box<dyn Future<Output = ()> + Send>>;

/// A request body's bytes, when it is one of the in-memory types the policy can read
/// (`Bytes`, `Vec<u8>`, `String`, `&'static [u8]`, `&'static str`); `None` for any other.
fn body_bytes<B: 'static>(body: &B) -> Option<&[u8]> {
    let any: &dyn std::any::Any = body;
    if let Some(b) = any.downcast_ref::<bytes::Bytes>() {
        Some(b.as_ref())
    } else if let Some(b) = any.downcast_ref::<Vec<u8>>() {
        Some(b.as_slice())
    } else if let Some(b) = any.downcast_ref::<String>() {
        Some(b.as_bytes())
    } else if let Some(b) = any.downcast_ref::<&'static [u8]>() {
        Some(b)
    } else {
        any.downcast_ref::<&'static str>().map(|b| b.as_bytes())
    }
}

impl<B, R, E> ::tower::retry::Policy<http::Request<B>, http::Response<R>, E> for TikTokPolicy
where
    B: Clone + 'static,
    R: AsRef<[u8]>,
{
    type Future = Wait;

    fn retry(
        &mut self,
        req: &mut http::Request<B>,
        result: &mut Result<http::Response<R>, E>,
    ) -> Option<Wait> {
        let resp = result.as_mut().ok()?;
        let err = Decoder::new(self.api).decode_response(resp).err()?;
        let idempotent = Idempotent::of_request(
            self.api,
            req.method().as_str(),
            req.extensions().get::<Idempotent>().copied(),
            body_bytes(req.body()),
        );
        let attempt = Attempt::first(idempotent)
            .with_number(self.sent)
            .with_refresh(self.follows_refresh);
        let mut decision = self.policy.decide(&err, attempt);
        if decision == Decision::RefreshThenResend && self.refresh.is_none() {
            decision = Decision::GiveUp(GiveUpReason::RefreshUnavailable);
        }
        // The last wait was a refresh that failed: the request went out with its old token,
        // and this answer is not what a refreshed token got.
        let failed = self
            .follows_refresh
            .then(|| req.extensions().get::<PendingToken>()?.failure())
            .flatten();
        if let Some(failed) = failed {
            decision = Decision::GiveUp(GiveUpReason::RefreshFailed);
            resp.extensions_mut().insert(failed);
        }
        let wait: Wait = match decision {
            Decision::Resend { after } => Box::pin(tokio::time::sleep(after)),
            Decision::RefreshThenResend => {
                let hook = self.refresh.clone()?;
                let slot = PendingToken::default();
                req.extensions_mut().insert(slot.clone());
                Box::pin(async move {
                    let token = hook.refresh().await.map_err(RefreshFailed::new);
                    if let Ok(mut s) = slot.0.lock() {
                        *s = Some(token);
                    }
                })
            }
            stop => {
                resp.extensions_mut().insert(stop);
                return None;
            }
        };
        self.sent = self.sent.saturating_add(1);
        self.follows_refresh = decision == Decision::RefreshThenResend;
        Some(wait)
    }

    fn clone_request(&mut self, req: &http::Request<B>) -> Option<http::Request<B>> {
        let mut clone = http::Request::new(req.body().clone());
        *clone.method_mut() = req.method().clone();
        *clone.uri_mut() = req.uri().clone();
        *clone.version_mut() = req.version();
        *clone.headers_mut() = req.headers().clone();
        *clone.extensions_mut() = req.extensions().clone();
        Some(clone)
    }
}

/// Writes a refreshed token into the request it was refreshed for: see
/// [`TikTokPolicy::token_layer`].
#[cfg_attr(docsrs, doc(cfg(feature = "tower")))]
#[derive(Clone, Debug)]
pub struct TokenLayer {
    api: Api,
}

impl<S> ::tower::Layer<S> for TokenLayer {
    type Service = WithToken<S>;
    fn layer(&self, inner: S) -> WithToken<S> {
        WithToken {
            inner,
            layer: self.clone(),
        }
    }
}

/// The service [`TokenLayer`] makes.
#[cfg_attr(docsrs, doc(cfg(feature = "tower")))]
#[derive(Clone, Debug)]
pub struct WithToken<S> {
    inner: S,
    layer: TokenLayer,
}

impl<S, B> ::tower::Service<http::Request<B>> for WithToken<S>
where
    S: ::tower::Service<http::Request<B>>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: http::Request<B>) -> S::Future {
        let token = req
            .extensions()
            .get::<PendingToken>()
            .and_then(PendingToken::token);
        if let Some(token) = token {
            set_token(req.headers_mut(), self.layer.api, &token);
        }
        self.inner.call(req)
    }
}

/// Sends every request through a rate-limit budget (features `tower` and `budget`): each call,
/// first sends and resends alike, waits for its turn under TikTok's published limits before
/// the inner service sees it, and each TikTok error in the response teaches the budget (a
/// 40133's advertiser limit, a 40100's window). Put it *inside* the retry layer, so tower's
/// resends go through it too and never leave as a herd:
///
/// ```
/// use bytes::Bytes;
/// use tiktok_errors::budget::Budget;
/// use tiktok_errors::retry::RetryPolicy;
/// use tiktok_errors::tower::{BudgetLayer, TikTokPolicy};
/// use tiktok_errors::Api;
///
/// let policy = TikTokPolicy::new(Api::Ads, RetryPolicy::default());
/// let budget = Budget::builder("my-app-id").build().unwrap();
/// let svc = tower::ServiceBuilder::new()
///     .retry(policy.clone())
///     .layer(BudgetLayer::new(Api::Ads, budget))
///     .service(tower::service_fn(|_req: http::Request<Bytes>| async {
///         Ok::<_, std::io::Error>(http::Response::new(Bytes::from_static(br#"{"code":0}"#)))
///     }));
/// # drop(svc);
/// ```
///
/// The budget's request is the URI's path and its `advertiser_id` query parameter. A request
/// the budget cannot grant is not sent: the call fails with the
/// [`BudgetError`](crate::budget::BudgetError), boxed (`tower::BoxError`), as the inner
/// service's errors are.
#[cfg(feature = "budget")]
#[cfg_attr(docsrs, doc(cfg(all(feature = "tower", feature = "budget"))))]
#[derive(Clone, Debug)]
pub struct BudgetLayer {
    api: Api,
    budget: crate::budget::Budget,
}

#[cfg(feature = "budget")]
impl BudgetLayer {
    /// A layer pacing one API family's requests with `budget`.
    #[must_use]
    pub fn new(api: Api, budget: crate::budget::Budget) -> Self {
        BudgetLayer { api, budget }
    }
}

#[cfg(feature = "budget")]
impl<S> ::tower::Layer<S> for BudgetLayer {
    type Service = WithBudget<S>;
    fn layer(&self, inner: S) -> WithBudget<S> {
        WithBudget {
            inner,
            layer: self.clone(),
        }
    }
}

/// The service [`BudgetLayer`] makes.
#[cfg(feature = "budget")]
#[cfg_attr(docsrs, doc(cfg(all(feature = "tower", feature = "budget"))))]
#[derive(Clone, Debug)]
pub struct WithBudget<S> {
    inner: S,
    layer: BudgetLayer,
}

/// The error type of [`WithBudget`]: the budget's, or the inner service's, boxed.
#[cfg(feature = "budget")]
type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[cfg(feature = "budget")]
impl<S, B, R> ::tower::Service<http::Request<B>> for WithBudget<S>
where
    S: ::tower::Service<http::Request<B>, Response = http::Response<R>> + Clone + Send + 'static,
    S::Error: Into<BoxError>,
    S::Future: Send,
    B: Send + 'static,
    R: AsRef<[u8]> + Send,
{
    type Response = http::Response<R>;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<http::Response<R>, BoxError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.inner.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, req: http::Request<B>) -> Self::Future {
        // The service that was polled ready serves this call; a clone takes its place.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let layer = self.layer.clone();
        Box::pin(async move {
            let advertiser = req.uri().query().and_then(|q| {
                q.split('&')
                    .find_map(|kv| kv.strip_prefix("advertiser_id="))
                    .map(str::to_owned)
            });
            let mut r = crate::budget::Request::new(req.uri().path());
            if let Some(a) = &advertiser {
                r = r.advertiser(a);
            }
            let route = layer.budget.route(&r);
            let _permit = route.acquire().await?;
            let resp = inner.call(req).await.map_err(Into::into)?;
            if let Err(e) = Decoder::new(layer.api).decode_response(&resp) {
                // A store failure loses the lesson only; the next throttle teaches it again.
                let _ = route.observe(&e).await;
            }
            Ok(resp)
        })
    }
}
