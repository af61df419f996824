//! The clock every time-dependent decision reads.
//!
//! The retry policy turns "until 00:00 UTC" and `Retry-After` dates into waits, and the
//! rate-limit budget counts calendar seconds, minutes and UTC days: both ask a [`Clock`] for
//! the time instead of reading the system clock themselves, so a test (or a simulation) can
//! pin the time of day, and no decision depends on when a test happens to run.
//!
//! ```
//! use std::time::{Duration, UNIX_EPOCH};
//! use tiktok_errors::clock::Clock;
//!
//! let noon = UNIX_EPOCH + Duration::from_secs(20_000 * 86_400 + 12 * 3_600);
//! let clock = Clock::fixed(noon);
//! assert_eq!(clock.now(), noon);
//! assert!(Clock::system().now() > noon - Duration::from_secs(20_000 * 86_400));
//! ```

use std::fmt;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

/// A source of the current wall-clock time: the system clock (the default), a fixed instant,
/// or any function. Cheap to clone (one `Arc` at most) and `Send + Sync`.
#[derive(Clone, Default)]
pub struct Clock(Source);

#[derive(Clone, Default)]
enum Source {
    #[default]
    System,
    Fixed(SystemTime),
    Fn(Arc<dyn Fn() -> SystemTime + Send + Sync>),
}

impl Clock {
    /// The system clock (`SystemTime::now`). On `wasm32-unknown-unknown`, which has no clock,
    /// it reads the Unix epoch.
    #[must_use]
    pub fn system() -> Self {
        Clock(Source::System)
    }

    /// A clock stopped at `at`.
    ///
    /// ```
    /// use std::time::UNIX_EPOCH;
    /// use tiktok_errors::clock::Clock;
    /// assert_eq!(Clock::fixed(UNIX_EPOCH).now(), UNIX_EPOCH);
    /// ```
    #[must_use]
    pub fn fixed(at: SystemTime) -> Self {
        Clock(Source::Fixed(at))
    }

    /// A clock that calls `now` for the time: a simulated clock, or one that follows tokio's
    /// paused test clock.
    ///
    /// ```
    /// use std::sync::atomic::{AtomicU64, Ordering};
    /// use std::sync::Arc;
    /// use std::time::{Duration, UNIX_EPOCH};
    /// use tiktok_errors::clock::Clock;
    ///
    /// let secs = Arc::new(AtomicU64::new(100));
    /// let s = Arc::clone(&secs);
    /// let clock = Clock::from_fn(move || UNIX_EPOCH + Duration::from_secs(s.load(Ordering::Relaxed)));
    /// secs.store(160, Ordering::Relaxed);
    /// assert_eq!(clock.now(), UNIX_EPOCH + Duration::from_secs(160));
    /// ```
    #[must_use]
    pub fn from_fn(now: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        Clock(Source::Fn(Arc::new(now)))
    }

    /// The current time by this clock.
    #[must_use]
    pub fn now(&self) -> SystemTime {
        match &self.0 {
            Source::System => crate::error::clock_now().unwrap_or(UNIX_EPOCH),
            Source::Fixed(at) => *at,
            Source::Fn(f) => f(),
        }
    }
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Source::System => f.write_str("Clock::system()"),
            Source::Fixed(at) => write!(f, "Clock::fixed({at:?})"),
            Source::Fn(_) => f.write_str("Clock::from_fn(..)"),
        }
    }
}
