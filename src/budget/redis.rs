//! The Redis store (feature `redis`): one budget for every process and host of a fleet.
//!
//! - **One round trip per acquire**: `reserve.lua` reads, decides and writes every slot of the
//!   request atomically on the server (`EVALSHA`; the script is loaded again only after a server
//!   restart emptied its script cache).
//! - **Time from the server** (`TIME` inside the script): hosts need no clock agreement.
//! - **Keys hashed per app** (`tiktok-errors:{<app hash>}:...`): one Redis Cluster hash slot
//!   per app, so the script's keys always live together. Every key has a TTL: nothing grows
//!   without bound.
//! - **Bounded**: every call has a timeout ([`BudgetBuilder::store_timeout`]); an unreachable
//!   server is a typed [`BudgetError::Store`], or, opted in with [`BudgetBuilder::fallback`],
//!   an in-process budget at a share of each limit (reported through `tracing`). The connection
//!   reconnects by itself when the server is back.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{Client, Script, ScriptInvocation};

use super::lesson::Lessons;
use super::memory::Memory;
use super::{exhausted, fnv, Budget, BudgetBuilder, BudgetError, Plan, Scope, StoreError};

/// The default store timeout: how long one acquire waits for Redis before it fails or falls
/// back.
pub const DEFAULT_STORE_TIMEOUT: Duration = Duration::from_millis(500);

/// The script's source: the same arithmetic as `plan.rs`, on the server.
const SCRIPT: &str = include_str!("reserve.lua");

#[derive(Clone, Debug)]
pub(crate) struct RedisConfig {
    url: String,
    timeout: Duration,
    fallback: Option<f64>,
}

impl BudgetBuilder {
    /// Shares the budget through the Redis server at `url` (`redis://127.0.0.1:6379/`), for
    /// every process and host that uses the same app id (feature `redis`).
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), tiktok_errors::budget::BudgetError> {
    /// use tiktok_errors::budget::{Budget, Request};
    /// let budget = Budget::builder("app-123").redis("redis://127.0.0.1:6379/").build()?;
    /// budget.acquire(&Request::new("/open_api/v1.3/ad/get/")).await?;
    /// # Ok(()) }
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
    pub fn redis(mut self, url: impl Into<String>) -> Self {
        self.redis = Some(RedisConfig {
            url: url.into(),
            timeout: DEFAULT_STORE_TIMEOUT,
            fallback: None,
        });
        self
    }

    /// How long one call to the store may take ([`DEFAULT_STORE_TIMEOUT`]); past it the
    /// acquire fails with [`StoreError::Timeout`] or falls back. Only with [`redis`](Self::redis).
    #[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
    pub fn store_timeout(mut self, timeout: Duration) -> Self {
        if let Some(r) = &mut self.redis {
            r.timeout = timeout;
        }
        self
    }

    /// When the store cannot be reached, grant requests from an in-process budget at `share`
    /// of each limit (in (0, 1]; e.g. `0.25` for one of four processes) instead of failing.
    /// Each fallback grant is reported through `tracing` (feature `tracing`) and marked on
    /// the [`Permit`](super::Permit). Off by default. Only with [`redis`](Self::redis).
    #[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
    pub fn fallback(mut self, share: f64) -> Self {
        if let Some(r) = &mut self.redis {
            r.fallback = Some(share);
        }
        self
    }
}

pub(crate) struct RedisStore {
    client: Client,
    timeout: Duration,
    fallback: Option<(f64, Memory)>,
    script: Script,
    prefix: String,
    conn: Mutex<Option<ConnectionManager>>,
    sync_conn: Mutex<Option<redis::Connection>>,
}

/// What a call does.
#[derive(Clone, Copy)]
enum Mode<'a> {
    Reserve,
    Learn(&'a Lessons),
}

impl RedisStore {
    pub(crate) fn new(cfg: &RedisConfig, app_tag: &str) -> Result<Self, BudgetError> {
        let client = Client::open(cfg.url.as_str())
            .map_err(|e| BudgetError::Store(StoreError::Backend(e.to_string())))?;
        if cfg.timeout.is_zero() {
            return Err(BudgetError::Config("the store timeout must be above zero"));
        }
        let fallback = match cfg.fallback {
            Some(s) if s > 0.0 && s <= 1.0 => Some((s, Memory::new())),
            Some(_) => return Err(BudgetError::Config("the fallback share must be in (0, 1]")),
            None => None,
        };
        Ok(RedisStore {
            client,
            timeout: cfg.timeout,
            fallback,
            script: Script::new(SCRIPT),
            prefix: format!("tiktok-errors:{{{app_tag}}}"),
            conn: Mutex::new(None),
            sync_conn: Mutex::new(None),
        })
    }

    /// The key of one slot: the app's hash tag, the scope, the endpoint and whose quota it is
    /// (tokens and long or unusual values hashed).
    fn key(&self, scope: Scope, endpoint: &str, who: (&str, &str)) -> String {
        let part = |s: &str| {
            if s.len() <= 96
                && s.bytes()
                    .all(|c| c.is_ascii_graphic() && c != b'{' && c != b'}')
            {
                s.to_owned()
            } else {
                format!("#{:016x}", fnv(s.as_bytes()))
            }
        };
        let who0 = if scope == Scope::UserToken {
            format!("#{:016x}", fnv(who.0.as_bytes()))
        } else {
            part(who.0)
        };
        format!(
            "{}:{}:{}:{}:{}",
            self.prefix,
            scope.tag(),
            part(endpoint),
            who0,
            part(who.1)
        )
    }

    fn invocation<'s>(
        &'s self,
        budget: &Budget,
        plan: &Plan<'_>,
        mode: Mode<'_>,
        now: u64,
    ) -> ScriptInvocation<'s> {
        let inner = &*budget.inner;
        let mut inv = self.script.prepare_invoke();
        inv.arg(match mode {
            Mode::Reserve => "r",
            Mode::Learn(_) => "l",
        })
        .arg(now)
        .arg(u64::try_from(inner.max_wait.as_micros()).unwrap_or(u64::MAX))
        .arg(inner.adaptive.start_milli)
        .arg(inner.adaptive.min_milli)
        .arg(inner.adaptive.max_milli);
        for (i, s) in plan.slots.iter().enumerate() {
            let Some(s) = s else { continue };
            inv.key(self.key(s.scope, s.endpoint, s.who));
            inv.arg(s.rule.interval)
                .arg(s.rule.daily)
                .arg(u8::from(s.rule.adaptive));
            if let Mode::Learn(lessons) = mode {
                match lessons.each[i] {
                    Some(l) => inv
                        .arg(1)
                        .arg(l.until.saturating_sub(lessons.now))
                        .arg(l.learned)
                        .arg(u8::from(l.decrease)),
                    None => inv.arg(0).arg(0).arg(0).arg(0),
                };
            }
        }
        inv
    }

    async fn connection(&self) -> redis::RedisResult<ConnectionManager> {
        if let Some(c) = self
            .conn
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
        {
            return Ok(c);
        }
        let cfg = ConnectionManagerConfig::new()
            .set_connection_timeout(self.timeout)
            .set_response_timeout(self.timeout)
            .set_number_of_retries(1);
        let c = ConnectionManager::new_with_config(self.client.clone(), cfg).await?;
        *self.conn.lock().unwrap_or_else(PoisonError::into_inner) = Some(c.clone());
        Ok(c)
    }

    async fn call(&self, inv: &ScriptInvocation<'_>) -> Result<(u8, u64, u64), StoreError> {
        let run = async {
            let mut c = self.connection().await?;
            inv.invoke_async::<(u8, u64, u64)>(&mut c).await
        };
        match tokio::time::timeout(self.timeout, run).await {
            Ok(Ok(v)) => Ok(v),
            Ok(Err(e)) => Err(StoreError::Backend(e.to_string())),
            Err(_) => Err(StoreError::Timeout(self.timeout)),
        }
    }

    fn call_blocking(&self, inv: &ScriptInvocation<'_>) -> Result<(u8, u64, u64), StoreError> {
        let mut guard = self
            .sync_conn
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if guard.is_none() {
            let c = self
                .client
                .get_connection_with_timeout(self.timeout)
                .map_err(|e| StoreError::Backend(e.to_string()))?;
            c.set_read_timeout(Some(self.timeout))
                .and_then(|()| c.set_write_timeout(Some(self.timeout)))
                .map_err(|e| StoreError::Backend(e.to_string()))?;
            *guard = Some(c);
        }
        let Some(c) = guard.as_mut() else {
            return Err(StoreError::Backend("no connection".to_owned()));
        };
        let r = inv.invoke::<(u8, u64, u64)>(c);
        if r.is_err() {
            // A broken connection is dropped; the next call connects afresh.
            *guard = None;
        }
        r.map_err(|e| {
            if e.is_timeout() {
                StoreError::Timeout(self.timeout)
            } else {
                StoreError::Backend(e.to_string())
            }
        })
    }

    fn answer(
        &self,
        budget: &Budget,
        plan: &Plan<'_>,
        reply: Result<(u8, u64, u64), StoreError>,
    ) -> Result<(Duration, bool), BudgetError> {
        match reply {
            Ok((1, wait, _)) => {
                let wait = Duration::from_micros(wait);
                super::trace_wait(plan, wait);
                Ok((wait, false))
            }
            Ok((_, after, now)) => Err(exhausted(now, now.saturating_add(after))),
            Err(e) => {
                if let Some((share, memory)) = &self.fallback {
                    trace_fallback(&e);
                    return budget
                        .reserve_memory(memory, plan, *share)
                        .map(|w| (w, true));
                }
                trace_store_error(&e);
                Err(BudgetError::Store(e))
            }
        }
    }

    pub(crate) async fn reserve(
        &self,
        budget: &Budget,
        plan: &Plan<'_>,
    ) -> Result<(Duration, bool), BudgetError> {
        let inv = self.invocation(budget, plan, Mode::Reserve, 0);
        let reply = self.call(&inv).await;
        self.answer(budget, plan, reply)
    }

    pub(crate) fn reserve_blocking(
        &self,
        budget: &Budget,
        plan: &Plan<'_>,
    ) -> Result<(Duration, bool), BudgetError> {
        let inv = self.invocation(budget, plan, Mode::Reserve, 0);
        let reply = self.call_blocking(&inv);
        self.answer(budget, plan, reply)
    }

    fn learned(
        &self,
        budget: &Budget,
        plan: &Plan<'_>,
        lessons: &Lessons,
        reply: Result<(u8, u64, u64), StoreError>,
    ) -> Result<(), BudgetError> {
        match reply {
            Ok(_) => Ok(()),
            Err(e) => {
                if let Some((_, memory)) = &self.fallback {
                    memory.learn(plan, lessons, &budget.inner.adaptive);
                    trace_fallback(&e);
                    return Ok(());
                }
                trace_store_error(&e);
                Err(BudgetError::Store(e))
            }
        }
    }

    pub(crate) async fn learn(
        &self,
        budget: &Budget,
        plan: &Plan<'_>,
        lessons: &Lessons,
    ) -> Result<(), BudgetError> {
        let inv = self.invocation(budget, plan, Mode::Learn(lessons), 0);
        let reply = self.call(&inv).await;
        self.learned(budget, plan, lessons, reply)
    }

    pub(crate) fn learn_blocking(
        &self,
        budget: &Budget,
        plan: &Plan<'_>,
        lessons: &Lessons,
    ) -> Result<(), BudgetError> {
        let inv = self.invocation(budget, plan, Mode::Learn(lessons), 0);
        let reply = self.call_blocking(&inv);
        self.learned(budget, plan, lessons, reply)
    }
}

#[cfg(feature = "tracing")]
fn trace_fallback(e: &StoreError) {
    tracing::warn!(
        error.type = "budget_store",
        error.message = %e,
        "tiktok budget: store unreachable; granted by the in-process fallback"
    );
}

#[cfg(not(feature = "tracing"))]
fn trace_fallback(_: &StoreError) {}

#[cfg(feature = "tracing")]
fn trace_store_error(e: &StoreError) {
    tracing::error!(
        error.type = "budget_store",
        error.message = %e,
        "tiktok budget: store unreachable"
    );
}

#[cfg(not(feature = "tracing"))]
fn trace_store_error(_: &StoreError) {}
