//! A rate-limit budget built from TikTok's published limits (feature `budget`; shared by a
//! fleet through Redis with feature `redis`).
//!
//! TikTok's Business API sends no rate-limit headers: throttling is HTTP 200 with `code: 40100`
//! (app limit) or `40133` (advertiser limit) in the body, after the fact. But TikTok publishes
//! its limits ([`crate::limits`]), so a client that knows the table can stay under it. Before a
//! request, [`Budget::acquire`] waits until the request fits every window that applies at once:
//!
//! - the app's limits for the endpoint (QPS, QPM and QPD from the tier's table, or the v2 and
//!   Research API limits), with a safety [margin](BudgetBuilder::margin);
//! - the advertiser's limit on the endpoint, which TikTok does not publish but states in 40133
//!   messages (`Advertiser (1001)'s QPS (12) reaches QPS limit 10 for current path, ...`): the
//!   budget learns it from the first such answer, for every process sharing the budget;
//! - a field value's limit (40132, e.g. one `pixel_code`), learned the same way;
//! - one user token's limit (Content Posting's per-token limits).
//!
//! Where nothing is published (TikTok Shop, whose limits are dynamic, or a path the table does
//! not know), an adaptive limit finds the rate: it grows by about one request a second for
//! every second of grants and halves on each throttle (additive increase, multiplicative
//! decrease). [`Budget::observe`] feeds TikTok's answers back: a 40100 that names its window
//! pauses that window for the rest of it (QPS: the current second; QPM: the 5 minutes TikTok
//! asks for; QPD: until 00:00 UTC, which `acquire` reports as [`BudgetError::Exhausted`], a
//! reschedule, never a day-long sleep).
//!
//! # How requests are spaced
//!
//! Each window is a spacing: `n` requests a second is one request every `1 s / n` (GCRA with no
//! burst). Evenly spaced requests keep every window of that length within the limit, however it
//! is aligned, so the budget needs no clock agreement with TikTok's servers; the price is that a
//! burst waits its turn. A request that needs several windows waits for the latest of them, and
//! reserves its instant in all of them at once. Daily limits are counts per UTC day.
//!
//! # Stores
//!
//! The in-process store (the default) shares the budget between the clones of one [`Budget`]:
//! sharded locks, one per slot group, so requests on different endpoints never wait for each
//! other. With feature `redis`, [`BudgetBuilder::redis`] shares it between processes and hosts:
//! one script call per acquire, keys hashed per app (one Redis Cluster slot per app) with TTLs,
//! time from the Redis server, bounded waits, and an opt-in in-process fallback.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), tiktok_errors::budget::BudgetError> {
//! use tiktok_errors::budget::{Budget, Request};
//! use tiktok_errors::limits::Tier;
//! use tiktok_errors::{decode, Api};
//!
//! let budget = Budget::builder("my-app-id").tier(Tier::Basic).build()?;
//! let request = Request::new("/open_api/v1.3/campaign/get/").advertiser("1001");
//! let permit = budget.acquire(&request).await?; // waits until the request fits
//! assert!(permit.wait() < std::time::Duration::from_secs(1));
//! // ... send it, then tell the budget what TikTok said:
//! let answer = decode(Api::Ads, br#"{"code":40133,"message":"Advertiser (1001)'s QPS (7) reaches QPS limit 5 for current path, request is temporarily restricted."}"#);
//! if let Err(e) = &answer {
//!     let learned = budget.observe(&request, e).await?;
//!     assert_eq!(learned.advertiser_limit(), Some(5));
//! }
//! # Ok(()) }
//! ```

mod lesson;
mod memory;
pub(crate) mod plan;
#[cfg(feature = "redis")]
mod redis;

use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub use lesson::Learned;
#[cfg(feature = "redis")]
#[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
pub use redis::DEFAULT_STORE_TIMEOUT;

use crate::clock::Clock;
use crate::limits::{self, Tier};
use crate::TikTokError;
use plan::{Adaptive, Outcome, Rule};

/// The default safety margin: requests are paced at 95% of each published limit.
pub const DEFAULT_MARGIN: f64 = 0.95;
/// The default longest wait `acquire` accepts before it answers [`BudgetError::Exhausted`].
pub const DEFAULT_MAX_WAIT: Duration = Duration::from_secs(60);
/// The adaptive limit's starting rate, requests per second.
pub const DEFAULT_ADAPTIVE_START: f64 = 5.0;

/// The most slots one request uses: the app's, the advertiser's, a field value's, a user
/// token's.
const MAX_SLOTS: usize = 4;

/// One request, as the budget sees it: the path, and whose quotas it also counts against.
///
/// ```
/// use tiktok_errors::budget::Request;
/// let r = Request::new("https://business-api.tiktok.com/open_api/v1.3/ad/get/?advertiser_id=7")
///     .advertiser("7")
///     .field("pixel_code", "C1");
/// assert_eq!(r.path(), "https://business-api.tiktok.com/open_api/v1.3/ad/get/?advertiser_id=7");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Request<'a> {
    path: &'a str,
    advertiser: Option<&'a str>,
    field: Option<(&'a str, &'a str)>,
    user_token: Option<&'a str>,
}

impl<'a> Request<'a> {
    /// A request to `path` (a path or a full URL; the query and host are ignored).
    #[must_use]
    pub fn new(path: &'a str) -> Self {
        Request {
            path,
            advertiser: None,
            field: None,
            user_token: None,
        }
    }
    /// The request acts for this advertiser (its `advertiser_id`): it also counts against the
    /// advertiser's limit on the endpoint, once one is learned.
    #[must_use]
    pub fn advertiser(mut self, id: &'a str) -> Self {
        self.advertiser = Some(id);
        self
    }
    /// The request carries a field value TikTok limits on its own (40132, e.g. a `pixel_code`).
    #[must_use]
    pub fn field(mut self, name: &'a str, value: &'a str) -> Self {
        self.field = Some((name, value));
        self
    }
    /// The request uses this user access token (Content Posting's limits are per token). Only
    /// a hash of it is kept.
    #[must_use]
    pub fn user_token(mut self, token: &'a str) -> Self {
        self.user_token = Some(token);
        self
    }
    /// The path as given.
    #[must_use]
    pub fn path(&self) -> &'a str {
        self.path
    }
}

/// A granted request: its turn, counted from when it was asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[must_use]
pub struct Permit {
    wait: Duration,
    fallback: bool,
}

impl Permit {
    /// How long the request had to wait for its turn: [`Budget::acquire`] has waited it;
    /// after [`Budget::reserve`], send the request this long from now.
    #[must_use]
    pub fn wait(&self) -> Duration {
        self.wait
    }
    /// Sleeps until the turn (tokio's timer), then hands the permit on.
    async fn waited_out(self) -> Permit {
        if !self.wait.is_zero() {
            sleep(self.wait).await;
        }
        self
    }

    /// [`waited_out`](Self::waited_out), blocking the thread.
    fn waited_out_blocking(self) -> Permit {
        if !self.wait.is_zero() {
            std::thread::sleep(self.wait);
        }
        self
    }

    /// Granted by the in-process fallback because the shared store was unreachable
    /// ([`BudgetBuilder::fallback`]).
    #[must_use]
    pub fn by_fallback(&self) -> bool {
        self.fallback
    }
}

/// Why the budget did not grant a request.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BudgetError {
    /// The request cannot go within the longest wait: a daily quota is used up (until 00:00
    /// UTC), or the queue for the window is longer than [`BudgetBuilder::max_wait`]. Nothing was
    /// reserved; reschedule the job for `not_before`.
    #[error("rate-limit budget exhausted: the request fits no earlier than {} (in {} s)", fmt_time(*.not_before), .after.as_secs())]
    Exhausted {
        /// The earliest time the request fits.
        not_before: SystemTime,
        /// How long from now that is.
        after: Duration,
    },
    /// The shared store could not be reached or answered wrongly (and no fallback is
    /// configured).
    #[error("rate-limit store: {0}")]
    Store(#[source] StoreError),
    /// The budget was configured with a value it cannot use.
    #[error("rate-limit budget configuration: {0}")]
    Config(&'static str),
}

/// A failure of the shared store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// No answer within the store timeout ([`BudgetBuilder::store_timeout`]).
    #[error("no answer within {0:?}")]
    Timeout(Duration),
    /// The store answered with an error, or the connection failed.
    #[error("{0}")]
    Backend(String),
}

fn fmt_time(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (d, s) = (secs / 86_400, secs % 86_400);
    format!(
        "day {d} of the Unix epoch, {:02}:{:02}:{:02} UTC",
        s / 3_600,
        s % 3_600 / 60,
        s % 60
    )
}

/// Builds a [`Budget`].
///
/// ```
/// use std::time::Duration;
/// use tiktok_errors::budget::Budget;
/// use tiktok_errors::limits::Tier;
///
/// let budget = Budget::builder("app-123")
///     .tier(Tier::Advanced)
///     .sandbox(false)
///     .margin(0.9)
///     .max_wait(Duration::from_secs(30))
///     .build()
///     .unwrap();
/// # drop(budget);
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct BudgetBuilder {
    app: String,
    tier: Tier,
    sandbox: bool,
    margin: f64,
    max_wait: Duration,
    clock: Clock,
    adaptive_start: f64,
    #[cfg(feature = "redis")]
    redis: Option<redis::RedisConfig>,
}

impl BudgetBuilder {
    /// The developer app's access tier ([`Tier::Basic`] by default).
    pub fn tier(mut self, tier: Tier) -> Self {
        self.tier = tier;
        self
    }
    /// The Business API sandbox: 1 / 30 / 1,000 per endpoint whatever the tier.
    pub fn sandbox(mut self, sandbox: bool) -> Self {
        self.sandbox = sandbox;
        self
    }
    /// The share of each published limit to use, in (0, 1] ([`DEFAULT_MARGIN`]). Lower leaves
    /// room for clients outside the budget and for network jitter.
    pub fn margin(mut self, margin: f64) -> Self {
        self.margin = margin;
        self
    }
    /// The longest `acquire` waits ([`DEFAULT_MAX_WAIT`]); past it, [`BudgetError::Exhausted`].
    pub fn max_wait(mut self, max_wait: Duration) -> Self {
        self.max_wait = max_wait;
        self
    }
    /// The clock of the in-process store ([`Clock::system`] by default). The Redis store takes
    /// the time from the Redis server.
    pub fn clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }
    /// The adaptive limit's starting rate in requests per second ([`DEFAULT_ADAPTIVE_START`]).
    pub fn adaptive_start(mut self, per_second: f64) -> Self {
        self.adaptive_start = per_second;
        self
    }

    /// Checks the configuration and builds the budget.
    ///
    /// # Errors
    ///
    /// [`BudgetError::Config`] when the margin is not in (0, 1], the adaptive start rate is not
    /// a positive number, or the app id is empty.
    pub fn build(self) -> Result<Budget, BudgetError> {
        if !(self.margin > 0.0 && self.margin <= 1.0) {
            return Err(BudgetError::Config("the margin must be in (0, 1]"));
        }
        if !(self.adaptive_start.is_finite() && self.adaptive_start > 0.0) {
            return Err(BudgetError::Config(
                "the adaptive start rate must be a positive number",
            ));
        }
        if self.app.is_empty() {
            return Err(BudgetError::Config("the app id is empty"));
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let start_milli = ((self.adaptive_start * 1_000.0) as u64).clamp(1, 1_000_000_000);
        let adaptive = Adaptive {
            start_milli,
            min_milli: 100,
            max_milli: 1_000_000_000,
        };
        let app_tag = format!("{:016x}", fnv(self.app.as_bytes()));
        #[cfg(feature = "redis")]
        let store = match self.redis {
            Some(cfg) => Store::Redis(Box::new(redis::RedisStore::new(&cfg, &app_tag)?)),
            None => Store::Memory(memory::Memory::new()),
        };
        #[cfg(not(feature = "redis"))]
        let store = {
            let _ = app_tag;
            Store::Memory(memory::Memory::new())
        };
        Ok(Budget {
            inner: Arc::new(Inner {
                tier: self.tier,
                sandbox: self.sandbox,
                margin: self.margin,
                max_wait: self.max_wait,
                clock: self.clock,
                adaptive,
                store,
            }),
        })
    }
}

/// The rate-limit budget. Cheap to clone; clones share the budget.
///
/// See the [module docs](self) for what it limits and how.
#[derive(Clone)]
pub struct Budget {
    inner: Arc<Inner>,
}

struct Inner {
    tier: Tier,
    sandbox: bool,
    margin: f64,
    max_wait: Duration,
    clock: Clock,
    adaptive: Adaptive,
    store: Store,
}

enum Store {
    Memory(memory::Memory),
    #[cfg(feature = "redis")]
    Redis(Box<redis::RedisStore>),
}

impl fmt::Debug for Budget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.inner;
        f.debug_struct("Budget")
            .field("tier", &i.tier)
            .field("sandbox", &i.sandbox)
            .field("margin", &i.margin)
            .field("max_wait", &i.max_wait)
            .field(
                "store",
                &match i.store {
                    Store::Memory(_) => "memory",
                    #[cfg(feature = "redis")]
                    Store::Redis(_) => "redis",
                },
            )
            .finish_non_exhaustive()
    }
}

/// Which quota a slot counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Scope {
    /// The app's quota on an endpoint (published, or adaptive).
    App,
    /// An advertiser's quota on an endpoint (learned from 40133).
    Advertiser,
    /// A field value's quota (learned from 40132).
    Field,
    /// A user token's quota on an endpoint (published per token).
    UserToken,
}

impl Scope {
    /// The scope's letter in the Redis store's keys.
    #[cfg(feature = "redis")]
    fn tag(self) -> &'static str {
        match self {
            Scope::App => "a",
            Scope::Advertiser => "v",
            Scope::Field => "f",
            Scope::UserToken => "u",
        }
    }
}

/// One slot a request needs: its identity (for the in-process store, a 64-bit hash; for Redis,
/// a key built from the same parts) and its rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct SlotRef<'a> {
    pub(crate) scope: Scope,
    /// The endpoint the quota is on (normalized path, or the limits table's row).
    pub(crate) endpoint: &'a str,
    /// Whose quota: the advertiser id, `name=value`'s parts, or the token (hashed).
    pub(crate) who: (&'a str, &'a str),
    pub(crate) rule: Rule,
}

impl SlotRef<'_> {
    /// The in-process key.
    pub(crate) fn hash(&self) -> u64 {
        let mut h = Fnv(0xcbf2_9ce4_8422_2325);
        self.scope.hash(&mut h);
        self.endpoint.hash(&mut h);
        self.who.hash(&mut h);
        h.0
    }
}

/// The slots of one request, at most [`MAX_SLOTS`].
pub(crate) struct Plan<'a> {
    pub(crate) slots: [Option<SlotRef<'a>>; MAX_SLOTS],
}

impl Budget {
    /// A builder for the budget of one developer app (its app id or client key: slots are
    /// keyed by a hash of it, so apps sharing a store never share a quota).
    ///
    /// ```
    /// let budget = tiktok_errors::budget::Budget::builder("app-123").build().unwrap();
    /// # drop(budget);
    /// ```
    pub fn builder(app: impl Into<String>) -> BudgetBuilder {
        BudgetBuilder {
            app: app.into(),
            tier: Tier::Basic,
            sandbox: false,
            margin: DEFAULT_MARGIN,
            max_wait: DEFAULT_MAX_WAIT,
            clock: Clock::system(),
            adaptive_start: DEFAULT_ADAPTIVE_START,
            #[cfg(feature = "redis")]
            redis: None,
        }
    }

    /// The slots `request` counts against, with their rules.
    fn plan<'r>(&self, request: &Request<'r>) -> Plan<'r> {
        let inner = &*self.inner;
        // The path is reduced once: the table lookup and the slot key both use it.
        let part = limits::path_part(request.path.trim());
        let published = part.and_then(|p| limits::for_path_part(p, inner.tier, inner.sandbox));
        let norm = part.map_or("/", |p| p.trim_end_matches('/'));
        let mut slots = [None; MAX_SLOTS];
        let mut app_rule = Rule::default();
        let mut endpoint = norm;
        let mut per_token = None;
        match published {
            Some(l) => {
                let rule = plan::published_rule(&l, inner.margin);
                if let Some(row) = l.endpoint() {
                    // A table row (an override, or a prefix such as the Research API's
                    // shared quota) is the quota's identity; a tier default counts per path.
                    endpoint = row;
                }
                match l.per() {
                    limits::Per::App => app_rule = rule,
                    limits::Per::UserToken => per_token = Some(rule),
                }
            }
            None => app_rule.adaptive = true,
        }
        slots[0] = Some(SlotRef {
            scope: Scope::App,
            endpoint,
            who: ("", ""),
            rule: app_rule,
        });
        if let Some(a) = request.advertiser {
            slots[1] = Some(SlotRef {
                scope: Scope::Advertiser,
                endpoint,
                who: (a, ""),
                rule: Rule::default(),
            });
        }
        if let Some((n, v)) = request.field {
            slots[2] = Some(SlotRef {
                scope: Scope::Field,
                endpoint: "",
                who: (n, v),
                rule: Rule::default(),
            });
        }
        if let (Some(t), Some(rule)) = (request.user_token, per_token) {
            slots[3] = Some(SlotRef {
                scope: Scope::UserToken,
                endpoint,
                who: (t, ""),
                rule,
            });
        }
        Plan { slots }
    }

    /// Waits until `request` fits every window that applies to it, and reserves its turn.
    ///
    /// # Errors
    ///
    /// [`BudgetError::Exhausted`] when the request cannot go within the longest wait (a daily
    /// quota used up: reschedule for 00:00 UTC); [`BudgetError::Store`] when the shared store
    /// fails and no fallback is configured. Nothing is reserved in either case.
    pub async fn acquire(&self, request: &Request<'_>) -> Result<Permit, BudgetError> {
        Ok(self.reserve(request).await?.waited_out().await)
    }

    /// [`acquire`](Self::acquire) for synchronous code: blocks the thread while it waits.
    ///
    /// ```
    /// use tiktok_errors::budget::{Budget, Request};
    /// let budget = Budget::builder("app").build().unwrap();
    /// let permit = budget.acquire_blocking(&Request::new("/open_api/v1.3/ad/get/")).unwrap();
    /// assert_eq!(permit.wait(), std::time::Duration::ZERO);
    /// ```
    ///
    /// # Errors
    ///
    /// As [`acquire`](Self::acquire).
    pub fn acquire_blocking(&self, request: &Request<'_>) -> Result<Permit, BudgetError> {
        Ok(self.reserve_blocking(request)?.waited_out_blocking())
    }

    /// Reserves the request's turn without waiting for it: the [`Permit`] says how long from
    /// now it may go. For schedulers that queue jobs instead of holding a task: send the
    /// request after [`Permit::wait`] (the turn is held for it, whether it is used or not).
    ///
    /// ```
    /// use std::time::Duration;
    /// use tiktok_errors::budget::{Budget, Request};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let budget = Budget::builder("app").margin(1.0).build().unwrap();
    /// // /report/task/create/ is limited to 2 a second: the turns are half a second apart.
    /// let r = Request::new("/open_api/v1.3/report/task/create/");
    /// let first = budget.reserve(&r).await.unwrap();
    /// let second = budget.reserve(&r).await.unwrap();
    /// assert!(second.wait() - first.wait() >= Duration::from_millis(499));
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`acquire`](Self::acquire).
    // Without feature `redis` the in-process store answers at once; the signature is the
    // shared store's.
    #[cfg_attr(not(feature = "redis"), allow(clippy::unused_async))]
    pub async fn reserve(&self, request: &Request<'_>) -> Result<Permit, BudgetError> {
        let plan = self.plan(request);
        let (wait, fallback) = match &self.inner.store {
            Store::Memory(m) => (self.reserve_memory(m, &plan, 1.0)?, false),
            #[cfg(feature = "redis")]
            Store::Redis(r) => r.reserve(self, &plan).await?,
        };
        Ok(Permit { wait, fallback })
    }

    /// [`reserve`](Self::reserve) for synchronous code (it blocks only on the store).
    ///
    /// # Errors
    ///
    /// As [`acquire`](Self::acquire).
    pub fn reserve_blocking(&self, request: &Request<'_>) -> Result<Permit, BudgetError> {
        let plan = self.plan(request);
        let (wait, fallback) = match &self.inner.store {
            Store::Memory(m) => (self.reserve_memory(m, &plan, 1.0)?, false),
            #[cfg(feature = "redis")]
            Store::Redis(r) => r.reserve_blocking(self, &plan)?,
        };
        Ok(Permit { wait, fallback })
    }

    /// Reserves in an in-process store, every spacing stretched by `1 / share` (the fallback
    /// runs at a share of the limit).
    fn reserve_memory(
        &self,
        m: &memory::Memory,
        plan: &Plan<'_>,
        share: f64,
    ) -> Result<Duration, BudgetError> {
        let wait = self.reserve_keyed(m, &memory::keyed(plan), share)?;
        trace_wait(plan, wait);
        Ok(wait)
    }

    /// [`reserve_memory`](Self::reserve_memory) for slots already keyed (a [`Route`]).
    fn reserve_keyed(
        &self,
        m: &memory::Memory,
        keyed: &memory::Keyed,
        share: f64,
    ) -> Result<Duration, BudgetError> {
        let inner = &*self.inner;
        let now = micros(inner.clock.now());
        let max_wait = u64::try_from(inner.max_wait.as_micros()).unwrap_or(u64::MAX);
        match m.reserve(keyed, now, max_wait, &inner.adaptive, share) {
            Outcome::Granted { at } => Ok(Duration::from_micros(at - now)),
            Outcome::Refused { at } => Err(exhausted(now, at)),
        }
    }

    /// Resolves `request` once (its endpoint's limits, its slots' keys) for sending many
    /// requests of the same shape: the in-process store then reserves without looking the path
    /// up again.
    ///
    /// ```
    /// use tiktok_errors::budget::{Budget, Request};
    /// let budget = Budget::builder("app").build().unwrap();
    /// let route = budget.route(&Request::new("/open_api/v1.3/campaign/get/").advertiser("1001"));
    /// for _ in 0..3 {
    ///     route.reserve_blocking().unwrap();
    /// }
    /// assert_eq!(route.request().path(), "/open_api/v1.3/campaign/get/");
    /// ```
    #[must_use]
    pub fn route(&self, request: &Request<'_>) -> Route {
        let plan = self.plan(request);
        Route {
            budget: self.clone(),
            keyed: memory::keyed(&plan),
            path: request.path.to_owned(),
            advertiser: request.advertiser.map(str::to_owned),
            field: request.field.map(|(n, v)| (n.to_owned(), v.to_owned())),
            user_token: request.user_token.map(str::to_owned),
        }
    }

    /// Tells the budget what TikTok answered to `request`, so it learns: a throttle that names
    /// its window pauses that window, a stated advertiser or field limit becomes that slot's
    /// limit for every process sharing the budget, and an adaptive slot halves its rate.
    /// Answers that are not throttles teach nothing.
    ///
    /// # Errors
    ///
    /// [`BudgetError::Store`] when the shared store fails (the lesson is then lost, and the
    /// next throttle teaches it again).
    #[cfg_attr(not(feature = "redis"), allow(clippy::unused_async))]
    pub async fn observe(
        &self,
        request: &Request<'_>,
        answer: &TikTokError,
    ) -> Result<Learned, BudgetError> {
        let (plan, lessons) = self.lessons(request, answer);
        match &self.inner.store {
            _ if lessons.is_empty() => {}
            Store::Memory(m) => m.learn(&plan, &lessons, &self.inner.adaptive),
            #[cfg(feature = "redis")]
            Store::Redis(r) => r.learn(self, &plan, &lessons).await?,
        }
        Ok(lessons.learned)
    }

    /// [`observe`](Self::observe) for synchronous code.
    ///
    /// # Errors
    ///
    /// As [`observe`](Self::observe).
    pub fn observe_blocking(
        &self,
        request: &Request<'_>,
        answer: &TikTokError,
    ) -> Result<Learned, BudgetError> {
        let (plan, lessons) = self.lessons(request, answer);
        match &self.inner.store {
            _ if lessons.is_empty() => {}
            Store::Memory(m) => m.learn(&plan, &lessons, &self.inner.adaptive),
            #[cfg(feature = "redis")]
            Store::Redis(r) => r.learn_blocking(self, &plan, &lessons)?,
        }
        Ok(lessons.learned)
    }

    /// What `answer` teaches the slots of `request`, now (reported through `tracing`).
    fn lessons<'r>(
        &self,
        request: &Request<'r>,
        answer: &TikTokError,
    ) -> (Plan<'r>, lesson::Lessons) {
        let plan = self.plan(request);
        let lessons = lesson::read(
            answer,
            &plan,
            micros(self.inner.clock.now()),
            self.inner.margin,
        );
        if !lessons.is_empty() {
            lesson::trace(answer, &lessons.learned);
        }
        (plan, lessons)
    }
}

/// A request resolved once by [`Budget::route`]: the same budget, without the per-request path
/// lookup. Cheap to share by reference across tasks (`Send + Sync`).
#[derive(Clone)]
pub struct Route {
    budget: Budget,
    keyed: memory::Keyed,
    path: String,
    advertiser: Option<String>,
    field: Option<(String, String)>,
    user_token: Option<String>,
}

impl fmt::Debug for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Route")
            .field("path", &self.path)
            .field("advertiser", &self.advertiser)
            .finish_non_exhaustive()
    }
}

impl Route {
    /// The request this route was resolved from.
    #[must_use]
    pub fn request(&self) -> Request<'_> {
        Request {
            path: &self.path,
            advertiser: self.advertiser.as_deref(),
            field: self.field.as_ref().map(|(n, v)| (n.as_str(), v.as_str())),
            user_token: self.user_token.as_deref(),
        }
    }

    /// [`Budget::acquire`] for this route.
    ///
    /// # Errors
    ///
    /// As [`Budget::acquire`].
    pub async fn acquire(&self) -> Result<Permit, BudgetError> {
        Ok(self.reserve().await?.waited_out().await)
    }

    /// [`Budget::acquire_blocking`] for this route.
    ///
    /// # Errors
    ///
    /// As [`Budget::acquire`].
    pub fn acquire_blocking(&self) -> Result<Permit, BudgetError> {
        Ok(self.reserve_blocking()?.waited_out_blocking())
    }

    /// [`Budget::reserve`] for this route.
    ///
    /// # Errors
    ///
    /// As [`Budget::acquire`].
    pub async fn reserve(&self) -> Result<Permit, BudgetError> {
        match self.reserve_in_process() {
            Some(permit) => permit,
            None => self.budget.reserve(&self.request()).await,
        }
    }

    /// [`Budget::reserve_blocking`] for this route.
    ///
    /// # Errors
    ///
    /// As [`Budget::acquire`].
    pub fn reserve_blocking(&self) -> Result<Permit, BudgetError> {
        match self.reserve_in_process() {
            Some(permit) => permit,
            None => self.budget.reserve_blocking(&self.request()),
        }
    }

    /// The in-process store's reservation from the keys resolved once; `None` for a shared
    /// store, which reserves through the request.
    #[cfg_attr(not(feature = "redis"), allow(clippy::unnecessary_wraps))]
    fn reserve_in_process(&self) -> Option<Result<Permit, BudgetError>> {
        match &self.budget.inner.store {
            Store::Memory(m) => {
                Some(
                    self.budget
                        .reserve_keyed(m, &self.keyed, 1.0)
                        .map(|wait| Permit {
                            wait,
                            fallback: false,
                        }),
                )
            }
            #[cfg(feature = "redis")]
            Store::Redis(_) => None,
        }
    }

    /// [`Budget::observe`] for this route.
    ///
    /// # Errors
    ///
    /// As [`Budget::observe`].
    pub async fn observe(&self, answer: &TikTokError) -> Result<Learned, BudgetError> {
        self.budget.observe(&self.request(), answer).await
    }

    /// [`Budget::observe_blocking`] for this route.
    ///
    /// # Errors
    ///
    /// As [`Budget::observe`].
    pub fn observe_blocking(&self, answer: &TikTokError) -> Result<Learned, BudgetError> {
        self.budget.observe_blocking(&self.request(), answer)
    }
}

fn exhausted(now: u64, at: u64) -> BudgetError {
    BudgetError::Exhausted {
        not_before: UNIX_EPOCH + Duration::from_micros(at),
        after: Duration::from_micros(at.saturating_sub(now)),
    }
}

fn micros(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_micros()).unwrap_or(u64::MAX))
}

/// Waits with tokio's timer (which a paused test clock advances).
async fn sleep(d: Duration) {
    tokio::time::sleep(d).await;
}

#[cfg(feature = "tracing")]
fn trace_wait(plan: &Plan<'_>, wait: Duration) {
    if !wait.is_zero() {
        let endpoint = plan.slots[0].map_or("", |s| s.endpoint);
        tracing::debug!(
            tiktok.budget.wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
            tiktok.endpoint = endpoint,
            "tiktok budget: waiting for the request's turn"
        );
    }
}

#[cfg(not(feature = "tracing"))]
fn trace_wait(_: &Plan<'_>, _: Duration) {}

/// FNV-1a, 64 bits: the in-process slot keys and the app's Redis hash tag. Stable across
/// processes and versions (Redis keys written by one version are read by the next).
pub(crate) fn fnv(bytes: &[u8]) -> u64 {
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    h.write(bytes);
    h.0
}

struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}
