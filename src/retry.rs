//! What to do after TikTok answered with an error: resend after a delay, refresh the token and
//! resend, reschedule the job for later, or give up, with the reason.
//!
//! [`RetryPolicy`] turns the advice the catalogue gives ([`Retry`], [`Wait`](crate::Wait), the
//! server's `Retry-After`, the limit TikTok's message names) into a [`Decision`] for one request
//! at one [`Attempt`]. It never sleeps and never sends anything itself, so it fits any loop, any
//! runtime and any queue; the `tower` and `reqwest-middleware` features apply it for you, and the
//! [`backon` recipe](#with-backon) shows it driving that crate.
//!
//! ```
//! use std::time::Duration;
//! use tiktok_errors::retry::{Attempt, Decision, GiveUpReason, RetryPolicy};
//! use tiktok_errors::{decode, Api};
//!
//! let policy = RetryPolicy::default();
//! let first = Attempt::first(true); // a read: safe to send twice
//!
//! let qps = decode(Api::Ads, br#"{"code":40100,"message":"App reaches the QPS limit."}"#).unwrap_err();
//! assert_eq!(policy.decide(&qps, first), Decision::Resend { after: Duration::from_secs(1) });
//!
//! let bad = decode(Api::Ads, br#"{"code":40002,"message":"budget: too low"}"#).unwrap_err();
//! assert_eq!(policy.decide(&bad, first), Decision::GiveUp(GiveUpReason::FixRequest));
//! assert_eq!(policy.decide(&bad, first).to_string(), "do not retry: fix the request");
//! ```
//!
//! # How a decision is made
//!
//! By the error's retry class ([`TikTokError::retry`]: the catalogue's, else what the HTTP status
//! or the code's range says):
//!
//! | class | decision |
//! |---|---|
//! | `throttled` | wait, then resend unchanged, idempotent or not (TikTok refused the request, so nothing happened) |
//! | `transient` | wait, then resend, **only if the request is idempotent** (a create that timed out may have taken effect) or [`RetryPolicy::retry_non_idempotent`] is on |
//! | `refresh_token` | [`Decision::RefreshThenResend`], at most once in a row: a second token error right after a refresh gives up ([`GiveUpReason::RefreshDidNotHelp`]) |
//! | `reauthorize`, `fix_request`, `account_action` | give up: resending cannot succeed until a person acts |
//! | `unknown` | give up: nothing says the failure is temporary |
//! | `not_needed` | give up: not a failure |
//!
//! The wait is, in this order: the server's `Retry-After` (seconds or an HTTP date), the limit
//! TikTok's message names (QPS: 1 s, QPM: 5 min, QPD: until the next 00:00 UTC), the catalogue's
//! window, else exponential backoff with jitter. A wait longer than
//! [`max_wait`](RetryPolicy::max_wait) is not a sleep: it becomes [`Decision::Reschedule`] with
//! the instant the job may run again (a per-day quota resets at 00:00 UTC; Content Posting's and
//! Business Messaging's 24-hour caps). A request that has used
//! [`max_attempts`](RetryPolicy::max_attempts) gives up.
//!
//! # The codes people get wrong
//!
//! - **Ads 40100 is throttling, not an authentication error.** Its number sits among the token
//!   codes, and some third-party lists call it "Authentication Failed"; refreshing or
//!   re-authorizing on it burns the user's patience and does nothing for the rate. The policy
//!   waits and resends.
//! - **`scope_not_authorized` (and Ads 40103, `invalid_grant`) are not fixed by a refresh**: a
//!   refreshed token keeps the scopes of the original consent. The policy gives up with
//!   [`GiveUpReason::Reauthorize`].
//! - **Business Messaging 40064 must not be slept on, nor resent in a loop**: TikTok documents no
//!   window (partners describe a daily cap, and a 48-hour window that reopens only when the user
//!   writes). The catalogue marks it [`reschedules`](crate::Entry::reschedules); the policy
//!   reschedules it after [`undocumented_window`](RetryPolicy::undocumented_window) (1 h).
//! - **Ads 40002 is a parameter error**, not a transient one: resending it unchanged fails again.
//! - **Ads 50002 and other 5xxxx codes** are TikTok-side: resent only when the request is
//!   idempotent, because the call may have taken effect. A TikTok Shop create is idempotent when
//!   its body carries an `idempotency_key` ([`Idempotent::of_request`]).
//! - **TikTok Shop 36009004 "`x-tts-access-token` header is invalid" is a token problem**, not a
//!   request to rewrite: the token is refreshed once and the request resent; refused again, the
//!   token belongs to another seller, user type or app, and the policy gives up.
//!
//! # With `backon`
//!
//! [`backon`](https://docs.rs/backon) drives the loop; the policy decides. Feed `backon` a
//! backoff that asks the policy, and stop when the policy says so:
//!
//! ```
//! use std::sync::Mutex;
//! use std::time::Duration;
//! use backon::{ConstantBuilder, Retryable};
//! use tiktok_errors::retry::{Attempt, RetryPolicy};
//! use tiktok_errors::{decode, Api, TikTokError};
//!
//! // A scripted TikTok: 50002 (a TikTok-side timeout) twice, then success.
//! let calls = Mutex::new(0);
//! let send = || async {
//!     let mut n = calls.lock().unwrap();
//!     *n += 1;
//!     let body: &[u8] = if *n < 3 {
//!         br#"{"code":50002,"message":"System timeout."}"#
//!     } else {
//!         br#"{"code":0,"message":"OK","data":{"id":"7"}}"#
//!     };
//!     decode(Api::Ads, body).map(|ok| ok.data_json().unwrap_or("").to_owned())
//! };
//!
//! let policy = RetryPolicy::default().jitter(false); // whole steps: 1 s, then 2 s
//! let attempt = Mutex::new(Attempt::first(true)); // a read: idempotent
//! // The policy gives every delay, so the builder's own only needs to never run out.
//! let unlimited = ConstantBuilder::default().with_delay(Duration::ZERO).without_max_times();
//! let retried = send.retry(unlimited).adjust(|err: &TikTokError, _| {
//!     let mut a = attempt.lock().unwrap();
//!     let decision = policy.decide(err, *a);
//!     *a = a.next(&decision)?; // `None` stops backon: give up or reschedule
//!     // `RefreshThenResend` resends at once: flag it here, refresh at the top of `send`.
//!     decision.delay()
//! });
//!
//! // Tokio's paused clock: the two sleeps take no real time.
//! let rt = tokio::runtime::Builder::new_current_thread()
//!     .enable_time()
//!     .start_paused(true)
//!     .build()
//!     .unwrap();
//! rt.block_on(async {
//!     let start = tokio::time::Instant::now();
//!     assert_eq!(retried.await.unwrap(), r#"{"id":"7"}"#);
//!     assert_eq!(start.elapsed(), Duration::from_secs(3));
//! });
//! assert_eq!(*calls.lock().unwrap(), 3);
//! ```
//!
//! On a reschedule `backon` returns the error: re-queue the job at [`Decision::Reschedule`]'s
//! instant (decide once more on the returned error to get it).

use std::fmt;
use std::future::Future;
use std::hash::{BuildHasher, Hasher};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::clock::Clock;
use crate::{Category, Entry, Retry, TikTokError};

/// Default [`RetryPolicy::max_attempts`]: the first send and up to four resends.
pub const DEFAULT_MAX_ATTEMPTS: u32 = 5;
/// Default [`RetryPolicy::base_delay`]: 1 s, TikTok's shortest documented window (the per-second
/// limit); a resend sooner than that lands in the same rate window.
pub const DEFAULT_BASE_DELAY: Duration = Duration::from_secs(1);
/// Default [`RetryPolicy::max_backoff`]: 30 s. Past that, a TikTok-side failure is an incident,
/// and the attempt limit ends the loop anyway.
pub const DEFAULT_MAX_BACKOFF: Duration = Duration::from_secs(30);
/// Default [`RetryPolicy::max_wait`]: 15 min. The longest pause TikTok documents is the
/// per-minute limit's 5 minutes; 15 minutes leaves room for a server `Retry-After` a little
/// above it, while every window measured in hours (per-day quotas until 00:00 UTC, 24-hour
/// posting and messaging caps) becomes a reschedule.
pub const DEFAULT_MAX_WAIT: Duration = Duration::from_secs(15 * 60);
/// Default [`RetryPolicy::undocumented_window`]: 1 h. For throttled codes the catalogue marks as
/// needing a reschedule but whose window TikTok does not document (Business Messaging 40064:
/// a daily conversation cap, or a window that reopens only when the user writes): longer than
/// [`DEFAULT_MAX_WAIT`], so the default policy reschedules instead of sleeping, and short enough
/// that a cleared cap is not missed by a day.
pub const DEFAULT_UNDOCUMENTED_WINDOW: Duration = Duration::from_secs(60 * 60);

/// Whether a request is safe to send twice, as an extension on a request.
///
/// The `tower` and `reqwest-middleware` adapters read it from the request's extensions; without
/// it they apply [`Idempotent::of_request`]: the HTTP method's meaning (`GET`, `HEAD`, `PUT`,
/// `DELETE`, `OPTIONS`, `TRACE` are idempotent; `POST` and `PATCH` are not), except that a TikTok
/// Shop request whose JSON body carries an `idempotency_key` says so itself. Many TikTok reads
/// are `POST`s (Content Posting's status fetch, video lists): mark those `Idempotent(true)` to
/// have TikTok-side failures resent.
///
/// ```
/// use tiktok_errors::retry::Idempotent;
/// assert_eq!(Idempotent::default(), Idempotent(false));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Idempotent(pub bool);

impl Idempotent {
    /// Whether a request is safe to send twice, by the one rule every adapter applies:
    ///
    /// 1. The request's own mark (`mark`, its [`Idempotent`] extension) decides when it has one,
    ///    either way.
    /// 2. Else a `GET`, `HEAD`, `PUT`, `DELETE`, `OPTIONS` or `TRACE` is idempotent.
    /// 3. Else (`POST`, `PATCH`, anything else) only a TikTok Shop request (`api` is
    ///    [`Api::Shop`](crate::Api::Shop)) whose `body` is a JSON object with a top-level
    ///    `idempotency_key` that is a non-empty string: Shop's creates take that key so that a
    ///    resend with the same key cannot create a second object, so a create that failed on
    ///    TikTok's side may be resent as it is. Without the key, the create may have taken
    ///    effect and is not resent.
    ///
    /// `body` is the request body when it is in memory (`None` for a stream, or when the caller
    /// does not have it). Other families take no such key: their `POST`s need the mark.
    ///
    /// ```
    /// use tiktok_errors::retry::Idempotent;
    /// use tiktok_errors::Api;
    /// let keyed = br#"{"idempotency_key":"order-81-pkg-1","order_id":"81"}"#;
    /// assert!(Idempotent::of_request(Api::Shop, "POST", None, Some(keyed)));
    /// assert!(!Idempotent::of_request(Api::Shop, "POST", None, Some(br#"{"order_id":"81"}"#)));
    /// assert!(!Idempotent::of_request(Api::Shop, "POST", None, Some(br#"{"idempotency_key":""}"#)));
    /// // The mark wins; other families do not read the key.
    /// assert!(!Idempotent::of_request(Api::Shop, "POST", Some(Idempotent(false)), Some(keyed)));
    /// assert!(!Idempotent::of_request(Api::Ads, "POST", None, Some(keyed)));
    /// assert!(Idempotent::of_request(Api::Ads, "GET", None, None));
    /// ```
    #[must_use]
    pub fn of_request(
        api: crate::Api,
        method: &str,
        mark: Option<Idempotent>,
        body: Option<&[u8]>,
    ) -> bool {
        if let Some(Idempotent(marked)) = mark {
            return marked;
        }
        if ["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"].contains(&method) {
            return true;
        }
        api == crate::Api::Shop && body.is_some_and(carries_idempotency_key)
    }
}

/// Whether `body` is a JSON object whose top-level `idempotency_key` is a non-empty string.
fn carries_idempotency_key(body: &[u8]) -> bool {
    #[derive(serde::Deserialize)]
    struct Keyed<'a> {
        #[serde(borrow, default)]
        idempotency_key: Option<std::borrow::Cow<'a, str>>,
    }
    serde_json::from_slice::<Keyed<'_>>(body)
        .is_ok_and(|k| k.idempotency_key.is_some_and(|key| !key.trim().is_empty()))
}

/// Where a request stands: how many times it has been sent, whether it is idempotent, and
/// whether the last resend followed a token refresh.
///
/// ```
/// use tiktok_errors::retry::{Attempt, Decision};
/// use std::time::Duration;
/// let a = Attempt::first(false);
/// assert_eq!(a.number(), 1);
/// let b = a.next(&Decision::RefreshThenResend).unwrap();
/// assert_eq!((b.number(), b.follows_refresh()), (2, true));
/// let c = b.next(&Decision::Resend { after: Duration::from_secs(1) }).unwrap();
/// assert_eq!((c.number(), c.follows_refresh()), (3, false));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Attempt {
    number: u32,
    idempotent: bool,
    follows_refresh: bool,
}

impl Attempt {
    /// The first send of a request (`idempotent`: safe to send twice).
    #[must_use]
    pub const fn first(idempotent: bool) -> Attempt {
        Attempt {
            number: 1,
            idempotent,
            follows_refresh: false,
        }
    }
    /// The same request at send number `number` (1 for the first send; 0 reads as 1), for
    /// callers that keep the count themselves (a job queue's delivery count).
    #[must_use]
    pub const fn with_number(mut self, number: u32) -> Attempt {
        self.number = if number == 0 { 1 } else { number };
        self
    }
    /// Marks whether this send came right after a token refresh.
    #[must_use]
    pub const fn with_refresh(mut self, follows_refresh: bool) -> Attempt {
        self.follows_refresh = follows_refresh;
        self
    }
    /// How many times the request has been sent, this send included (1 for the first).
    #[must_use]
    pub const fn number(self) -> u32 {
        self.number
    }
    /// Whether the request is safe to send twice.
    #[must_use]
    pub const fn is_idempotent(self) -> bool {
        self.idempotent
    }
    /// Whether this send came right after a token refresh.
    #[must_use]
    pub const fn follows_refresh(self) -> bool {
        self.follows_refresh
    }
    /// The next send after `decision`, or `None` when the decision does not resend now
    /// ([`Decision::Reschedule`] and [`Decision::GiveUp`]).
    #[must_use]
    pub fn next(self, decision: &Decision) -> Option<Attempt> {
        let follows_refresh = match decision {
            Decision::Resend { .. } => false,
            Decision::RefreshThenResend => true,
            Decision::Reschedule { .. } | Decision::GiveUp(_) => return None,
        };
        Some(Attempt {
            number: self.number.saturating_add(1),
            idempotent: self.idempotent,
            follows_refresh,
        })
    }
}

/// What to do with a request TikTok answered with an error.
///
/// `Display` says it in words: `wait 1 s and resend`, `refresh the token, then resend`,
/// `reschedule after 00:00 UTC (in 6 h 30 min)`, `do not retry: fix the request`.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Decision {
    /// Wait `after`, then send the same request again.
    Resend {
        /// How long to wait first (at most [`RetryPolicy::max_wait`]).
        after: Duration,
    },
    /// Refresh the access token, then send the request again with the new token, right away.
    RefreshThenResend,
    /// The wait is too long to sleep through: put the job back and run it again no earlier than
    /// `not_before`.
    Reschedule {
        /// The earliest instant the request may succeed.
        not_before: SystemTime,
        /// The wait from the moment of the decision to `not_before`.
        after: Duration,
    },
    /// Do not send it again; the reason says what has to change.
    GiveUp(GiveUpReason),
}

impl Decision {
    /// The wait before resending, for [`Decision::Resend`] (and zero for
    /// [`Decision::RefreshThenResend`]); `None` when the request is not resent now.
    #[must_use]
    pub const fn delay(&self) -> Option<Duration> {
        match self {
            Decision::Resend { after } => Some(*after),
            Decision::RefreshThenResend => Some(Duration::ZERO),
            Decision::Reschedule { .. } | Decision::GiveUp(_) => None,
        }
    }
    /// Whether the request is sent again now (after the delay, or after a refresh).
    #[must_use]
    pub const fn resends(&self) -> bool {
        matches!(self, Decision::Resend { .. } | Decision::RefreshThenResend)
    }
    /// The reason, for [`Decision::GiveUp`].
    #[must_use]
    pub const fn give_up_reason(&self) -> Option<GiveUpReason> {
        match self {
            Decision::GiveUp(r) => Some(*r),
            _ => None,
        }
    }
    /// A stable machine name: `resend`, `refresh_then_resend`, `reschedule`, `give_up`.
    #[must_use]
    pub const fn as_str(&self) -> &'static str {
        match self {
            Decision::Resend { .. } => "resend",
            Decision::RefreshThenResend => "refresh_then_resend",
            Decision::Reschedule { .. } => "reschedule",
            Decision::GiveUp(_) => "give_up",
        }
    }
}

impl Decision {
    /// The decision in words, in the terms of the API that answered: for a TikTok Shop error,
    /// what Shop calls things (`x-tts-access-token`, the token refresh endpoint, Partner Center's
    /// API packages, the seller re-authorizing the shop, an `idempotency_key`) and what the
    /// 36009004 condition asks for (check the clock, recompute the sign); for any other error,
    /// the same as `Display`.
    ///
    /// ```
    /// use tiktok_errors::retry::{Attempt, RetryPolicy};
    /// use tiktok_errors::{decode, Api};
    /// let policy = RetryPolicy::default();
    /// let late = decode(Api::Shop, r#"{"code":36009004,"message":"Invalid timestamp. The value of the `timestamp` query parameter must not be earlier than 5 minutes before the current time."}"#).unwrap_err();
    /// let d = policy.decide(&late, Attempt::first(true));
    /// assert_eq!(d.to_string(), "do not retry: fix the request");
    /// assert_eq!(d.words_for(&late), "do not retry: check the server clock (NTP), take a fresh timestamp and sign the request again");
    /// let expired = decode(Api::Shop, r#"{"code":105002,"message":"access token is expired, please refresh it"}"#).unwrap_err();
    /// let d = policy.decide(&expired, Attempt::first(false));
    /// assert_eq!(d.words_for(&expired), "refresh the access token (GET /api/v2/token/refresh with grant_type=refresh_token), then resend");
    /// ```
    #[must_use]
    pub fn words_for(&self, error: &TikTokError) -> String {
        use crate::ShopCondition as C;
        let TikTokError::Shop(e) = error else {
            return self.to_string();
        };
        let code = e.code();
        let condition = e.shop_condition();
        let words = match self {
            Decision::RefreshThenResend => "refresh the access token (GET /api/v2/token/refresh with grant_type=refresh_token), then resend",
            Decision::GiveUp(GiveUpReason::FixRequest) => match (condition, code) {
                (
                    Some(C::TimestampTooOld | C::TimestampInFuture | C::TimestampNegative | C::TimestampInvalid),
                    _,
                ) => "do not retry: check the server clock (NTP), take a fresh timestamp and sign the request again",
                (Some(C::SignatureMissing | C::SignatureInvalid), _)
                | (None, Some(crate::ShopCode::SignatureInvalid)) => {
                    "do not retry: recompute the sign over the exact path, query and body that are sent"
                }
                (Some(C::AppKeyInvalid), _) => {
                    "do not retry: use the app key Partner Center shows for this environment"
                }
                (Some(C::ShopCipherNotRequired | C::CategoryAssetCipherNotRequired), _) => {
                    "do not retry: drop the cipher this endpoint does not take, then sign again"
                }
                (None, Some(crate::ShopCode::ShopCipherMissing)) => {
                    "do not retry: add the shop's shop_cipher (from the authorized-shops endpoint)"
                }
                _ => return self.to_string(),
            },
            Decision::GiveUp(GiveUpReason::RefreshDidNotHelp)
                if condition == Some(C::AccessTokenHeaderInvalid) =>
            {
                "do not retry: a fresh token was refused too, so it belongs to another seller, user type or app; check the token against the endpoint, or have the right seller authorize"
            }
            Decision::GiveUp(GiveUpReason::Reauthorize | GiveUpReason::RefreshDidNotHelp) => {
                "do not retry: the seller must authorize the shop again (a token refresh cannot help)"
            }
            Decision::GiveUp(GiveUpReason::AccountAction) => match code {
                Some(crate::ShopCode::ApiPackageNotGranted) => "do not retry: add the endpoint's API package (scope) to the app in Partner Center, then have the seller authorize again",
                Some(crate::ShopCode::IpNotAllowed) => {
                    "do not retry: add this server's IP to the app's allow list in Partner Center"
                }
                _ => "do not retry: the shop, seller or app must change first (Seller Center or Partner Center)",
            },
            Decision::GiveUp(GiveUpReason::NotIdempotent) => "do not retry: the request may have taken effect; resend a create only with the idempotency_key it was first sent with",
            _ => return self.to_string(),
        };
        words.to_owned()
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Decision::Resend { after } if after.is_zero() => f.write_str("resend now"),
            Decision::Resend { after } => write!(f, "wait {} and resend", Human(*after)),
            Decision::RefreshThenResend => f.write_str("refresh the token, then resend"),
            Decision::Reschedule { not_before, after } => {
                let secs = not_before
                    .duration_since(UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs());
                let whole = not_before
                    .duration_since(UNIX_EPOCH)
                    .is_ok_and(|d| d.subsec_nanos() == 0);
                if whole && secs % 86_400 == 0 {
                    f.write_str("reschedule after 00:00 UTC")?;
                } else {
                    f.write_str("reschedule after ")?;
                    write_utc(f, secs)?;
                }
                write!(f, " (in {})", Human(*after))
            }
            Decision::GiveUp(reason) => write!(f, "do not retry: {reason}"),
        }
    }
}

/// Why a request must not be resent.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GiveUpReason {
    /// The input, media or configuration must change (`fix_request`).
    FixRequest,
    /// The user must authorize the app again; a token refresh cannot help (`reauthorize`).
    Reauthorize,
    /// The account or app must change first: review, audit, ban, billing (`account_action`).
    AccountAction,
    /// The code is not a failure (`not_needed`).
    NotAFailure,
    /// The code is not in the catalogue and neither the HTTP status nor the code's range says
    /// the failure is temporary.
    UnknownCode,
    /// A TikTok-side failure on a request that is not idempotent: it may have taken effect, so
    /// resending could do it twice. Check its effect before sending it again.
    NotIdempotent,
    /// The token was refreshed and the resend still failed with a token error: the grant itself
    /// is gone; the user must authorize again.
    RefreshDidNotHelp,
    /// The error asks for a token refresh and the policy was told none is possible
    /// ([`RetryPolicy::refresh`]).
    RefreshUnavailable,
    /// The token refresh hook failed, so no refresh happened: the token error stands. The
    /// adapters put the hook's error beside the decision ([`RefreshFailed`]).
    RefreshFailed,
    /// A write conflict (Ads 40202: another write to the same entity) on a request that is not
    /// idempotent. TikTok rejected the write, so nothing took effect; but resending it
    /// unchanged could overwrite the other write. Re-read the entity, then send again.
    Conflict,
    /// The request has been sent [`RetryPolicy::max_attempts`] times.
    AttemptsExhausted {
        /// How many times it was sent.
        attempts: u32,
    },
    /// The wait asked for does not fit in a [`SystemTime`] (a `Retry-After` of billions of
    /// years).
    WaitOutOfRange,
}

impl GiveUpReason {
    /// A stable machine name, e.g. `fix_request`, `attempts_exhausted`.
    #[must_use]
    pub const fn as_str(&self) -> &'static str {
        match self {
            GiveUpReason::FixRequest => "fix_request",
            GiveUpReason::Reauthorize => "reauthorize",
            GiveUpReason::AccountAction => "account_action",
            GiveUpReason::NotAFailure => "not_a_failure",
            GiveUpReason::UnknownCode => "unknown_code",
            GiveUpReason::NotIdempotent => "not_idempotent",
            GiveUpReason::RefreshDidNotHelp => "refresh_did_not_help",
            GiveUpReason::RefreshUnavailable => "refresh_unavailable",
            GiveUpReason::RefreshFailed => "refresh_failed",
            GiveUpReason::Conflict => "conflict",
            GiveUpReason::AttemptsExhausted { .. } => "attempts_exhausted",
            GiveUpReason::WaitOutOfRange => "wait_out_of_range",
        }
    }
}

impl fmt::Display for GiveUpReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GiveUpReason::FixRequest => f.write_str("fix the request"),
            GiveUpReason::Reauthorize => {
                f.write_str("the user must authorize again (a token refresh cannot help)")
            }
            GiveUpReason::AccountAction => f.write_str("the account or app must change first"),
            GiveUpReason::NotAFailure => f.write_str("not a failure"),
            GiveUpReason::UnknownCode => {
                f.write_str("unknown error, and nothing says it is temporary")
            }
            GiveUpReason::NotIdempotent => f.write_str(
                "the request is not idempotent and may have taken effect; check before resending",
            ),
            GiveUpReason::RefreshDidNotHelp => {
                f.write_str("the refreshed token was rejected too; the user must authorize again")
            }
            GiveUpReason::RefreshUnavailable => {
                f.write_str("the token needs a refresh and none is available")
            }
            GiveUpReason::RefreshFailed => {
                f.write_str("the token refresh failed; the token error stands")
            }
            GiveUpReason::Conflict => f.write_str(
                "the write was rejected (another write to the same entity); re-read it, then send again",
            ),
            GiveUpReason::AttemptsExhausted { attempts } => {
                write!(f, "sent {attempts} times, the attempt limit")
            }
            GiveUpReason::WaitOutOfRange => f.write_str("the server asked for an impossible wait"),
        }
    }
}

/// How a request failed in transport, for [`RetryPolicy::decide_transport`].
///
/// With the `reqwest` feature, [`TransportFailure::of_reqwest`] classifies a `reqwest::Error`.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TransportFailure {
    /// The connection could not be made (refused, DNS, TLS, a connect timeout): the request
    /// never reached TikTok.
    Connect,
    /// No answer in time after the request was sent: it may have taken effect.
    Timeout,
    /// The connection was reset or closed before an answer came: it may have taken effect.
    Reset,
    /// The answer was cut short: TikTok processed the request.
    TruncatedBody,
}

impl TransportFailure {
    /// A stable machine name: `connect`, `timeout`, `reset`, `truncated_body`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            TransportFailure::Connect => "connect",
            TransportFailure::Timeout => "timeout",
            TransportFailure::Reset => "reset",
            TransportFailure::TruncatedBody => "truncated_body",
        }
    }

    /// Classifies a reqwest error; `None` for errors that are not transport failures (a bad
    /// URL, a redirect loop, a builder error), which a resend does not fix.
    #[cfg(feature = "reqwest")]
    #[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
    #[must_use]
    pub fn of_reqwest(e: &::reqwest::Error) -> Option<TransportFailure> {
        if e.is_connect() {
            Some(TransportFailure::Connect)
        } else if e.is_timeout() {
            Some(TransportFailure::Timeout)
        } else if e.is_body() || e.is_decode() {
            Some(TransportFailure::TruncatedBody)
        } else if e.is_request() {
            Some(TransportFailure::Reset)
        } else {
            None
        }
    }
}

/// A retry policy: configure it once, share it (`Clone + Send + Sync`; clones share one jitter
/// generator), and ask it what to do with each error.
///
/// Every number is configurable; the defaults and their reasons: [`DEFAULT_MAX_ATTEMPTS`],
/// [`DEFAULT_BASE_DELAY`], [`DEFAULT_MAX_BACKOFF`], [`DEFAULT_MAX_WAIT`]. The default is safe:
/// non-idempotent requests are not resent after TikTok-side failures, a token is refreshed at
/// most once in a row, and nothing sleeps longer than 15 minutes.
///
/// ```
/// use std::time::Duration;
/// use tiktok_errors::retry::RetryPolicy;
/// let policy = RetryPolicy::default()
///     .max_attempts(3)
///     .base_delay(Duration::from_millis(500))
///     .max_backoff(Duration::from_secs(10))
///     .max_wait(Duration::from_secs(60)); // a web request cannot hold on for 5 minutes
/// assert_eq!(policy.attempt_limit(), 3);
/// ```
#[derive(Clone)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_backoff: Duration,
    max_wait: Duration,
    undocumented_window: Duration,
    retry_non_idempotent: bool,
    refresh: bool,
    jitter: bool,
    rng: Arc<AtomicU64>,
    clock: Clock,
}

impl fmt::Debug for RetryPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RetryPolicy")
            .field("max_attempts", &self.max_attempts)
            .field("base_delay", &self.base_delay)
            .field("max_backoff", &self.max_backoff)
            .field("max_wait", &self.max_wait)
            .field("undocumented_window", &self.undocumented_window)
            .field("retry_non_idempotent", &self.retry_non_idempotent)
            .field("refresh", &self.refresh)
            .field("jitter", &self.jitter)
            .finish_non_exhaustive()
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        // A random seed from the standard library's per-process hash keys: no RNG dependency.
        let seed = std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish();
        RetryPolicy {
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            base_delay: DEFAULT_BASE_DELAY,
            max_backoff: DEFAULT_MAX_BACKOFF,
            max_wait: DEFAULT_MAX_WAIT,
            undocumented_window: DEFAULT_UNDOCUMENTED_WINDOW,
            retry_non_idempotent: false,
            refresh: true,
            jitter: true,
            rng: Arc::new(AtomicU64::new(seed)),
            clock: Clock::system(),
        }
    }
}

impl RetryPolicy {
    /// The default policy (same as [`Default::default`]).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// How many times a request may be sent in all, the first send included (at least 1; 1
    /// never resends). Default [`DEFAULT_MAX_ATTEMPTS`].
    #[must_use]
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }
    /// The first backoff step when nothing gives a wait; step `n` is `base · 2ⁿ⁻¹`, capped at
    /// [`max_backoff`](Self::max_backoff). Default [`DEFAULT_BASE_DELAY`].
    #[must_use]
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }
    /// The longest backoff step. Default [`DEFAULT_MAX_BACKOFF`].
    #[must_use]
    pub fn max_backoff(mut self, delay: Duration) -> Self {
        self.max_backoff = delay;
        self
    }
    /// The longest wait the policy answers with [`Decision::Resend`]; a longer one (from
    /// `Retry-After`, the message or the catalogue) becomes [`Decision::Reschedule`]. Backoff
    /// never goes beyond it. Default [`DEFAULT_MAX_WAIT`].
    #[must_use]
    pub fn max_wait(mut self, wait: Duration) -> Self {
        self.max_wait = wait;
        self
    }
    /// The wait assumed for a throttled code that the catalogue marks as needing a reschedule
    /// ([`Entry::reschedules`](crate::Entry::reschedules)) when nothing (header, message,
    /// catalogue) gives a window. Default [`DEFAULT_UNDOCUMENTED_WINDOW`]; longer than
    /// `max_wait`, it becomes a [`Decision::Reschedule`].
    #[must_use]
    pub fn undocumented_window(mut self, wait: Duration) -> Self {
        self.undocumented_window = wait;
        self
    }
    /// Resend non-idempotent requests after TikTok-side (`transient`) failures too. Off by
    /// default: a create that timed out on TikTok's side may have happened, and sending it again
    /// can create it twice. Turn it on only when your requests carry their own de-duplication.
    #[must_use]
    pub fn retry_non_idempotent(mut self, yes: bool) -> Self {
        self.retry_non_idempotent = yes;
        self
    }
    /// Whether a token refresh is possible (on by default). Off: token errors give up with
    /// [`GiveUpReason::RefreshUnavailable`].
    #[must_use]
    pub fn refresh(mut self, possible: bool) -> Self {
        self.refresh = possible;
        self
    }
    /// Whether backoff delays are jittered (on by default). With jitter, a `transient` delay is
    /// drawn from `[0, step]` ("full jitter") and a `throttled` one from
    /// `[base_delay, step]`, so that many clients failing together do not resend together. Off:
    /// always the whole step (for tests and for reproducing a schedule). Waits that TikTok
    /// gives (`Retry-After`, the named limit, the catalogue's window) are never jittered.
    #[must_use]
    pub fn jitter(mut self, on: bool) -> Self {
        self.jitter = on;
        self
    }
    /// Seeds the jitter generator (a random seed by default), for reproducible delays. Clones
    /// made after this call share the generator.
    #[must_use]
    pub fn jitter_seed(mut self, seed: u64) -> Self {
        self.rng = Arc::new(AtomicU64::new(seed));
        self
    }
    /// The clock [`decide`](Self::decide) reads ([`Clock::system`] by default): the current
    /// time turns `Retry-After` dates and "until 00:00 UTC" into waits. The adapters
    /// (`middleware`, `tower`) decide through their policy, so this clock is theirs too.
    ///
    /// ```
    /// use std::time::{Duration, UNIX_EPOCH};
    /// use tiktok_errors::clock::Clock;
    /// use tiktok_errors::retry::{Attempt, Decision, RetryPolicy};
    /// use tiktok_errors::{decode, Api};
    ///
    /// // 23:49 UTC: 11 minutes to the daily reset, within the default 15-minute longest wait.
    /// let late = UNIX_EPOCH + Duration::from_secs(20_000 * 86_400 + 86_400 - 11 * 60);
    /// let policy = RetryPolicy::default().clock(Clock::fixed(late));
    /// let qpd = decode(Api::Ads, br#"{"code":40100,"message":"App reaches the QPD limit."}"#)
    ///     .unwrap_err();
    /// assert!(matches!(
    ///     policy.decide(&qpd, Attempt::first(true)),
    ///     Decision::Resend { after, .. } if after == Duration::from_secs(660)
    /// ));
    /// ```
    #[must_use]
    pub fn clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// The configured attempt limit ([`max_attempts`](Self::max_attempts)).
    #[must_use]
    pub fn attempt_limit(&self) -> u32 {
        self.max_attempts
    }
    /// The configured longest wait answered with [`Decision::Resend`] ([`max_wait`](Self::max_wait)).
    #[must_use]
    pub fn wait_limit(&self) -> Duration {
        self.max_wait
    }
    /// The configured longest backoff step ([`max_backoff`](Self::max_backoff)).
    #[must_use]
    pub fn backoff_limit(&self) -> Duration {
        self.max_backoff
    }

    /// What to do with `error`, the answer to send number `attempt`, now (from the
    /// [`clock`](Self::clock)), with a fresh jitter draw.
    #[must_use]
    pub fn decide(&self, error: &TikTokError, attempt: Attempt) -> Decision {
        self.decide_at(error, attempt, self.clock.now())
    }

    /// [`decide`](Self::decide) at a given time.
    #[must_use]
    pub fn decide_at(&self, error: &TikTokError, attempt: Attempt, now: SystemTime) -> Decision {
        self.decide_with(error, attempt, now, self.next_unit())
    }

    /// [`decide`](Self::decide) at a given time with a given jitter draw `unit` in `[0, 1]` (the
    /// fraction of the backoff range to use; clamped; ignored when jitter is off). Pure: the
    /// same inputs give the same decision.
    ///
    /// ```
    /// use std::time::{Duration, UNIX_EPOCH};
    /// use tiktok_errors::retry::{Attempt, Decision, RetryPolicy};
    /// use tiktok_errors::{decode, Api};
    ///
    /// let err = decode(Api::Ads, br#"{"code":50002,"message":"timeout"}"#).unwrap_err();
    /// let policy = RetryPolicy::default();
    /// let now = UNIX_EPOCH + Duration::from_secs(1_790_000_000);
    /// // Third send: the step is 4 s; a draw of 0.5 waits 2 s.
    /// let third = Attempt::first(true).with_number(3);
    /// assert_eq!(
    ///     policy.decide_with(&err, third, now, 0.5),
    ///     Decision::Resend { after: Duration::from_secs(2) }
    /// );
    /// ```
    #[must_use]
    pub fn decide_with(
        &self,
        error: &TikTokError,
        attempt: Attempt,
        now: SystemTime,
        unit: f64,
    ) -> Decision {
        let wait = error.retry_after_at(now).or_else(|| {
            self.assumed_wait(error.any_code().is_some_and(|c| c.entry().reschedules()))
        });
        if let Some(conflict) = self.conflict(error.category(), error.retry(), attempt) {
            return conflict;
        }
        self.decide_class(error.retry(), wait, attempt, now, unit)
    }

    /// A write conflict on a request that is not idempotent: TikTok rejected the write, and a
    /// blind resend could overwrite the write it clashed with (see [`GiveUpReason::Conflict`]).
    fn conflict(&self, category: Category, class: Retry, attempt: Attempt) -> Option<Decision> {
        (category == Category::Conflict
            && class == Retry::Transient
            && !attempt.idempotent
            && !self.retry_non_idempotent)
            .then_some(Decision::GiveUp(GiveUpReason::Conflict))
    }

    /// What to do after a request failed in transport, with no answer from TikTok to judge
    /// (or an answer cut short): the same idempotency rules as a TikTok-side failure.
    ///
    /// - [`TransportFailure::Connect`]: the request never left (refused, DNS, TLS, a connect
    ///   timeout): resent with backoff, idempotent or not.
    /// - [`TransportFailure::Timeout`], [`TransportFailure::Reset`],
    ///   [`TransportFailure::TruncatedBody`]: the request may have reached TikTok and taken
    ///   effect: resent with backoff only when it is idempotent (or
    ///   [`retry_non_idempotent`](Self::retry_non_idempotent) is on), else
    ///   [`GiveUpReason::NotIdempotent`].
    ///
    /// The attempt limit applies as to every other failure.
    ///
    /// ```
    /// use std::time::Duration;
    /// use tiktok_errors::retry::{Attempt, Decision, GiveUpReason, RetryPolicy, TransportFailure};
    /// let policy = RetryPolicy::default().jitter(false);
    /// let create = Attempt::first(false);
    /// assert_eq!(
    ///     policy.decide_transport(TransportFailure::Connect, create),
    ///     Decision::Resend { after: Duration::from_secs(1) }
    /// );
    /// assert_eq!(
    ///     policy.decide_transport(TransportFailure::Timeout, create),
    ///     Decision::GiveUp(GiveUpReason::NotIdempotent)
    /// );
    /// ```
    #[must_use]
    pub fn decide_transport(&self, failure: TransportFailure, attempt: Attempt) -> Decision {
        let attempt = match failure {
            TransportFailure::Connect => Attempt {
                idempotent: true,
                ..attempt
            },
            TransportFailure::Timeout
            | TransportFailure::Reset
            | TransportFailure::TruncatedBody => attempt,
        };
        self.decide_class(
            Retry::Transient,
            None,
            attempt,
            self.clock.now(),
            self.next_unit(),
        )
    }

    /// The decision for a catalogue entry met at `now`, from what the catalogue alone says (its
    /// retry class and window, or the [undocumented window](Self::undocumented_window) for an
    /// entry that [reschedules](crate::Entry::reschedules)), without jitter: what `explain`
    /// prints.
    ///
    /// ```
    /// use std::time::{Duration, UNIX_EPOCH};
    /// use tiktok_errors::retry::{Attempt, Decision, RetryPolicy};
    /// use tiktok_errors::{BusinessMessagingCode, ErrorCode};
    /// let e = BusinessMessagingCode::from_int(40064).unwrap().entry();
    /// let d = RetryPolicy::default().decide_entry(e, Attempt::first(true), UNIX_EPOCH);
    /// assert!(matches!(d, Decision::Reschedule { .. }));
    /// ```
    #[must_use]
    pub fn decide_entry(&self, entry: &Entry, attempt: Attempt, now: SystemTime) -> Decision {
        let wait = entry
            .wait()
            .map(|w| w.duration_from(now))
            .or_else(|| self.assumed_wait(entry.reschedules()));
        if let Some(conflict) = self.conflict(entry.category(), entry.retry(), attempt) {
            return conflict;
        }
        self.decide_class(entry.retry(), wait, attempt, now, 1.0)
    }

    /// The wait assumed when nothing gives one: the undocumented window for an entry that must be
    /// rescheduled, none otherwise (then backoff applies).
    fn assumed_wait(&self, reschedules: bool) -> Option<Duration> {
        reschedules.then_some(self.undocumented_window)
    }

    /// The decision for a retry class and a known wait (`None`: nothing gives one), without an
    /// error value: for catalogue entries, or for errors you classify yourself.
    ///
    /// ```
    /// use std::time::{Duration, UNIX_EPOCH};
    /// use tiktok_errors::retry::{Attempt, Decision, RetryPolicy};
    /// use tiktok_errors::Retry;
    /// let now = UNIX_EPOCH;
    /// let d = RetryPolicy::default().decide_class(
    ///     Retry::Throttled, Some(Duration::from_secs(86_400)), Attempt::first(false), now, 0.0);
    /// assert_eq!(d, Decision::Reschedule {
    ///     not_before: now + Duration::from_secs(86_400), after: Duration::from_secs(86_400) });
    /// ```
    #[must_use]
    pub fn decide_class(
        &self,
        class: Retry,
        wait: Option<Duration>,
        attempt: Attempt,
        now: SystemTime,
        unit: f64,
    ) -> Decision {
        let n = attempt.number.max(1);
        let exhausted = Decision::GiveUp(GiveUpReason::AttemptsExhausted { attempts: n });
        match class {
            Retry::Throttled => {}
            Retry::Transient => {
                if !attempt.idempotent && !self.retry_non_idempotent {
                    return Decision::GiveUp(GiveUpReason::NotIdempotent);
                }
            }
            Retry::RefreshToken => {
                return if !self.refresh {
                    Decision::GiveUp(GiveUpReason::RefreshUnavailable)
                } else if attempt.follows_refresh {
                    Decision::GiveUp(GiveUpReason::RefreshDidNotHelp)
                } else if n >= self.max_attempts {
                    exhausted
                } else {
                    Decision::RefreshThenResend
                };
            }
            Retry::Reauthorize => return Decision::GiveUp(GiveUpReason::Reauthorize),
            Retry::FixRequest => return Decision::GiveUp(GiveUpReason::FixRequest),
            Retry::AccountAction => return Decision::GiveUp(GiveUpReason::AccountAction),
            Retry::NotNeeded => return Decision::GiveUp(GiveUpReason::NotAFailure),
            // `Unknown`, and any class a later version adds.
            _ => return Decision::GiveUp(GiveUpReason::UnknownCode),
        }
        let wait = match wait {
            Some(w) => w,
            None => self.backoff(n, class == Retry::Throttled, unit),
        };
        if wait > self.max_wait {
            return match now.checked_add(wait) {
                Some(not_before) => Decision::Reschedule {
                    not_before,
                    after: wait,
                },
                None => Decision::GiveUp(GiveUpReason::WaitOutOfRange),
            };
        }
        if n >= self.max_attempts {
            return exhausted;
        }
        Decision::Resend { after: wait }
    }

    /// The backoff before send `n + 1`: the step `base · 2ⁿ⁻¹` capped at `max_backoff` and
    /// `max_wait`, jittered.
    fn backoff(&self, n: u32, throttled: bool, unit: f64) -> Duration {
        let factor = 1u32.checked_shl(n - 1).unwrap_or(u32::MAX);
        let step = self
            .base_delay
            .saturating_mul(factor)
            .min(self.max_backoff)
            .min(self.max_wait);
        if !self.jitter {
            return step;
        }
        let unit = if unit.is_nan() {
            0.0
        } else {
            unit.clamp(0.0, 1.0)
        };
        let floor = if throttled {
            self.base_delay.min(step)
        } else {
            Duration::ZERO
        };
        floor + step.saturating_sub(floor).mul_f64(unit)
    }

    /// The next draw in `[0, 1)` from the shared SplitMix64 generator.
    fn next_unit(&self) -> f64 {
        const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut z = self
            .rng
            .fetch_add(GAMMA, Ordering::Relaxed)
            .wrapping_add(GAMMA);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        // 53 bits: exactly representable in an f64.
        #[allow(clippy::cast_precision_loss)]
        let unit = (z >> 11) as f64 / (1u64 << 53) as f64;
        unit
    }
}

/// The error type a [`RefreshToken`] hook may fail with.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The future a [`RefreshToken`] hook returns: the new access token, or why there is none.
pub type RefreshFuture = Pin<Box<dyn Future<Output = Result<String, BoxError>> + Send>>;

/// The token refresh the HTTP adapters call on [`Decision::RefreshThenResend`]: returns a new
/// access token (run your OAuth refresh-token grant, update your store, return the token).
///
/// Any `Fn() -> impl Future<Output = Result<String, E>>` closure is one. The adapters put the
/// token where the request carried its old one: the `Access-Token` header (Business API), or
/// `Authorization: Bearer …` (v2 APIs); a request with neither gets the header its API family
/// uses.
///
/// ```
/// use tiktok_errors::retry::RefreshToken;
/// fn takes(_: impl RefreshToken) {}
/// takes(|| async { Ok::<_, std::io::Error>("act.new-token".to_owned()) });
/// ```
pub trait RefreshToken: Send + Sync + 'static {
    /// Obtains a new access token.
    fn refresh(&self) -> RefreshFuture;
}

impl<F, Fut, E> RefreshToken for F
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<String, E>> + Send + 'static,
    E: Into<BoxError>,
{
    fn refresh(&self) -> RefreshFuture {
        let fut = self();
        Box::pin(async move { fut.await.map_err(Into::into) })
    }
}

/// The token refresh hook failed; the source is the hook's error. When an adapter gives up
/// with [`GiveUpReason::RefreshFailed`], the response carries this beside the [`Decision`] in
/// its extensions (cheap to clone: the hook's error is shared).
///
/// ```
/// use tiktok_errors::retry::RefreshFailed;
/// let e = RefreshFailed::new(std::io::Error::other("no refresh token stored"));
/// assert_eq!(e.to_string(), "TikTok token refresh failed");
/// assert_eq!(std::error::Error::source(&e).unwrap().to_string(), "no refresh token stored");
/// ```
#[derive(Clone, Debug, thiserror::Error)]
#[error("TikTok token refresh failed")]
pub struct RefreshFailed(#[source] Arc<dyn std::error::Error + Send + Sync>);

impl RefreshFailed {
    /// Wraps the hook's error.
    pub fn new(error: impl Into<BoxError>) -> Self {
        RefreshFailed(Arc::from(error.into()))
    }
}

/// Writes a refreshed token where the request carried its old one. `false` if the token is not
/// a valid header value.
#[cfg(any(feature = "tower", feature = "reqwest-middleware"))]
pub(crate) fn set_token(headers: &mut http::HeaderMap, api: crate::Api, token: &str) -> bool {
    use http::header::{HeaderName, HeaderValue, AUTHORIZATION};
    // TikTok Shop carries the token in `x-tts-access-token`.
    let shop = HeaderName::from_static("x-tts-access-token");
    if api == crate::Api::Shop || headers.contains_key(&shop) {
        let Ok(mut value) = HeaderValue::from_str(token) else {
            return false;
        };
        value.set_sensitive(true);
        headers.insert(shop, value);
        return true;
    }
    let access = HeaderName::from_static("access-token");
    let bearer = if headers.contains_key(&access) {
        false
    } else if headers.contains_key(AUTHORIZATION) {
        true
    } else {
        matches!(api, crate::Api::ContentPosting | crate::Api::OAuth)
    };
    let value = if bearer {
        HeaderValue::from_str(&format!("Bearer {token}"))
    } else {
        HeaderValue::from_str(token)
    };
    let Ok(mut value) = value else { return false };
    value.set_sensitive(true);
    headers.insert(if bearer { AUTHORIZATION } else { access }, value);
    true
}

/// A duration in words: `250 ms`, `1 s`, `1.5 s`, `5 min`, `6 h 30 min`.
struct Human(Duration);

impl fmt::Display for Human {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        let secs = d.as_secs();
        if secs == 0 {
            return write!(f, "{} ms", d.subsec_millis());
        }
        if secs < 60 {
            let tenths = d.subsec_millis() / 100;
            return if tenths == 0 {
                write!(f, "{secs} s")
            } else {
                write!(f, "{secs}.{tenths} s")
            };
        }
        let (hours, mins, rest) = (secs / 3600, secs % 3600 / 60, secs % 60);
        let mut parts = Vec::new();
        if hours > 0 {
            parts.push(format!("{hours} h"));
        }
        if mins > 0 {
            parts.push(format!("{mins} min"));
        }
        if rest > 0 && hours == 0 {
            parts.push(format!("{rest} s"));
        }
        f.write_str(&parts.join(" "))
    }
}

/// Writes `YYYY-MM-DD HH:MM:SS UTC` for seconds since the epoch.
#[allow(clippy::many_single_char_names)] // the algorithm's own names
fn write_utc(f: &mut fmt::Formatter<'_>, secs: u64) -> fmt::Result {
    let days = secs / 86_400;
    let tod = secs % 86_400;
    // Civil from days (Howard Hinnant's algorithm), for days since 1970-01-01.
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    write!(
        f,
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        tod / 3600,
        tod % 3600 / 60,
        tod % 60
    )
}

const _: () = {
    const fn assert_traits<T: Clone + Send + Sync + 'static>() {}
    assert_traits::<RetryPolicy>();
    assert_traits::<Decision>();
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_durations() {
        let h =
            |s: u64, ms: u64| Human(Duration::from_secs(s) + Duration::from_millis(ms)).to_string();
        assert_eq!(h(0, 250), "250 ms");
        assert_eq!(h(1, 0), "1 s");
        assert_eq!(h(1, 500), "1.5 s");
        assert_eq!(h(300, 0), "5 min");
        assert_eq!(h(90, 0), "1 min 30 s");
        assert_eq!(h(86_400, 0), "24 h");
        assert_eq!(h(6 * 3600 + 1800 + 5, 0), "6 h 30 min");
    }

    #[test]
    fn utc_dates() {
        struct U(u64);
        impl fmt::Display for U {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write_utc(f, self.0)
            }
        }
        assert_eq!(U(0).to_string(), "1970-01-01 00:00:00 UTC");
        assert_eq!(U(784_111_777).to_string(), "1994-11-06 08:49:37 UTC");
        assert_eq!(U(951_782_400).to_string(), "2000-02-29 00:00:00 UTC");
    }

    #[test]
    fn draws_are_in_range_and_vary() {
        let p = RetryPolicy::default().jitter_seed(7);
        let draws: Vec<f64> = (0..1000).map(|_| p.next_unit()).collect();
        assert!(draws.iter().all(|u| (0.0..1.0).contains(u)));
        let mean = draws.iter().sum::<f64>() / 1000.0;
        assert!((0.4..0.6).contains(&mean), "{mean}");
        // Clones share the generator: no two workers draw the same sequence.
        let q = p.clone();
        assert_ne!(p.next_unit().to_bits(), q.next_unit().to_bits());
    }
}
