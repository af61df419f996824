//! What a throttling answer teaches the budget.
//!
//! - 40100 / 40016 (the app's limit) and any other throttle: the window the message names is
//!   paused for the rest of it (QPS: the current second; QPM: the 5 minutes TikTok asks for;
//!   QPD: until 00:00 UTC). A limit the message states (`reaches the QPS limit 10`) becomes the
//!   app's learned limit, never above the published one. An adaptive slot halves its rate.
//! - 40133 (an advertiser's limit): `Advertiser (1001)'s QPS (12) reaches QPS limit 10 for
//!   current path` sets that advertiser's limit on the endpoint; without a readable number the
//!   advertiser's spacing doubles. The id in the message must be the request's advertiser.
//! - 40132 (a field value's limit): the same, for the request's field value.
//!
//! A message that does not read cleanly (no number after "limit", a number of 0 or past a
//! million, another advertiser's id) never sets a limit.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::plan::{spacing_for, Lesson, DAY_US, US};
use super::{Plan, Scope, MAX_SLOTS};
use crate::error::window_named_in;
use crate::limits::Window;
use crate::{Retry, TikTokError};

/// How long TikTok asks callers to pause after a per-minute limit.
const QPM_PAUSE_US: u64 = 300 * US;
/// The largest limit a message can set (anything larger is not a reading of a real message).
const MAX_STATED: u64 = 1_000_000;

/// What the budget learned from one answer.
///
/// ```
/// use tiktok_errors::budget::{Budget, Request};
/// use tiktok_errors::limits::Window;
/// use tiktok_errors::{decode, Api};
///
/// let budget = Budget::builder("app").build().unwrap();
/// let qpm = decode(Api::Ads, br#"{"code":40100,"message":"App reaches the QPM limit."}"#).unwrap_err();
/// let learned = budget.observe_blocking(&Request::new("/open_api/v1.3/ad/get/"), &qpm).unwrap();
/// assert_eq!(learned.window(), Some(Window::Minute));
/// assert!(learned.paused_until().is_some());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[must_use]
pub struct Learned {
    window: Option<Window>,
    paused_until: Option<SystemTime>,
    app_limit: Option<u64>,
    advertiser_limit: Option<u64>,
    field_limit: Option<u64>,
    decreased: bool,
}

impl Learned {
    /// The window the answer named (QPS, QPM, QPD), if it named one.
    #[must_use]
    pub fn window(&self) -> Option<Window> {
        self.window
    }
    /// Until when the budget holds requests on this endpoint back.
    #[must_use]
    pub fn paused_until(&self) -> Option<SystemTime> {
        self.paused_until
    }
    /// The app's limit the message stated, per [`window`](Self::window).
    #[must_use]
    pub fn app_limit(&self) -> Option<u64> {
        self.app_limit
    }
    /// The advertiser's limit a 40133 message stated, per [`window`](Self::window) (per second
    /// when it names none).
    #[must_use]
    pub fn advertiser_limit(&self) -> Option<u64> {
        self.advertiser_limit
    }
    /// The field value's limit a 40132 message stated.
    #[must_use]
    pub fn field_limit(&self) -> Option<u64> {
        self.field_limit
    }
    /// A slot with no stated limit slowed down (an adaptive rate halved, or a learned spacing
    /// doubled).
    #[must_use]
    pub fn decreased(&self) -> bool {
        self.decreased
    }
    /// Whether the answer taught anything.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Learned::default()
    }
}

/// The lessons for each slot of a plan, and their summary.
#[derive(Debug, Default)]
pub(crate) struct Lessons {
    pub(crate) each: [Option<Lesson>; MAX_SLOTS],
    pub(crate) learned: Learned,
    /// When the answer was read (µs): the lessons' pauses count from it.
    pub(crate) now: u64,
}

impl Lessons {
    pub(crate) fn is_empty(&self) -> bool {
        self.each.iter().all(Option::is_none)
    }
}

/// The lessons `answer` teaches the slots of `plan` at `now` (µs).
pub(crate) fn read(answer: &TikTokError, plan: &Plan<'_>, now: u64, margin: f64) -> Lessons {
    let mut out = Lessons {
        now,
        ..Lessons::default()
    };
    if answer.retry() != Retry::Throttled {
        return out;
    }
    let message = answer.message().unwrap_or("");
    let window = window_named_in(message);
    let stated = stated_limit(message);
    let is = |n: i64| answer.raw_code().is_some_and(|c| *c == n);
    let target = if is(40133) {
        Scope::Advertiser
    } else if is(40132) {
        Scope::Field
    } else {
        Scope::App
    };
    // The slot the answer is about; a throttle of a scope the request does not carry (or of
    // another advertiser) only pauses the app's slot.
    let (i, scoped) = match target {
        Scope::Advertiser => match (plan.slots[1], advertiser_named_in(message)) {
            (Some(s), named) if named.is_none_or(|n| n == s.who.0) => (1, true),
            _ => (0, false),
        },
        Scope::Field if plan.slots[2].is_some() => (2, true),
        Scope::Field => (0, false),
        Scope::App | Scope::UserToken => (0, true),
    };
    let Some(slot) = plan.slots[i] else {
        return out;
    };
    let mut lesson = Lesson::default();
    let w = window.unwrap_or(Window::Second);
    lesson.until = match w {
        Window::Second => (now / US + 1) * US,
        Window::Minute => now + QPM_PAUSE_US,
        Window::Day => (now / DAY_US + 1) * DAY_US,
    };
    if !scoped {
        // Only the pause.
    } else if let Some(n) = stated.filter(|_| w != Window::Day) {
        lesson.learned = spacing_for(w.duration().as_micros(), n, margin);
        match slot.scope {
            Scope::Advertiser => out.learned.advertiser_limit = Some(n),
            Scope::Field => out.learned.field_limit = Some(n),
            Scope::App | Scope::UserToken => out.learned.app_limit = Some(n),
        }
    } else if slot.rule.adaptive || slot.scope != Scope::App {
        lesson.decrease = true;
        out.learned.decreased = true;
    }
    if slot.rule.adaptive && window.is_none() {
        // Nothing published and no window named: the rate halves, and the pause is the
        // answer's own wait when it gives one (Retry-After), else the rest of the second.
        if let Some(d) = answer.retry_after_at(UNIX_EPOCH + Duration::from_micros(now)) {
            let d = u64::try_from(d.as_micros()).unwrap_or(u64::MAX);
            lesson.until = now.saturating_add(d.min(QPM_PAUSE_US));
        }
        lesson.decrease = true;
        out.learned.decreased = true;
    }
    out.learned.window = window;
    out.learned.paused_until = Some(UNIX_EPOCH + Duration::from_micros(lesson.until));
    out.each[i] = Some(lesson);
    out
}

/// The number after the word "limit" (`reaches QPS limit 10`, `the QPS limit 10, current ...`,
/// `limit: 10`, `limit is 10`), when it is a plausible limit.
fn stated_limit(message: &str) -> Option<u64> {
    let b = message.as_bytes();
    let mut from = 0;
    while let Some(p) = find_ci(&b[from..], b"limit") {
        let mut i = from + p + 5;
        from = i;
        let skip = |i: &mut usize| {
            while *i < b.len() && matches!(b[*i], b' ' | b':' | b'=') {
                *i += 1;
            }
        };
        skip(&mut i);
        for word in [&b"is"[..], b"of"] {
            if b.len() > i + word.len()
                && b[i..i + word.len()].eq_ignore_ascii_case(word)
                && b[i + word.len()] == b' '
            {
                i += word.len();
                skip(&mut i);
            }
        }
        let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 || digits > 7 {
            continue;
        }
        // Not a decimal or a longer token: `10.5`, `10x`.
        if b.get(i + digits).is_some_and(|c| {
            c.is_ascii_alphanumeric()
                || *c == b'.' && b.get(i + digits + 1).is_some_and(u8::is_ascii_digit)
        }) {
            continue;
        }
        let n: u64 = message[i..i + digits].parse().ok()?;
        return (1..=MAX_STATED).contains(&n).then_some(n);
    }
    None
}

/// The id in `Advertiser (1001)'s ...`.
fn advertiser_named_in(message: &str) -> Option<&str> {
    let b = message.as_bytes();
    let p = find_ci(b, b"advertiser")?;
    let rest = message.get(p + 10..)?.trim_start();
    let rest = rest.strip_prefix('(')?;
    let end = rest.find(')')?;
    let id = rest[..end].trim();
    (!id.is_empty()
        && id
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-'))
    .then_some(id)
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// A `tracing` event for a throttle and what it taught (feature `tracing`).
#[cfg(feature = "tracing")]
pub(crate) fn trace(answer: &TikTokError, learned: &Learned) {
    let code = answer.raw_code().map(|c| c.as_text().into_owned());
    tracing::warn!(
        error.type = "throttled",
        tiktok.code = code.as_deref().unwrap_or(""),
        tiktok.request_id = answer.request_id().unwrap_or(""),
        tiktok.budget.window = learned.window().map_or("", Window::abbr),
        tiktok.budget.advertiser_limit = learned.advertiser_limit(),
        tiktok.budget.app_limit = learned.app_limit(),
        tiktok.budget.field_limit = learned.field_limit(),
        tiktok.budget.decreased = learned.decreased(),
        "tiktok budget: throttled; limit learned"
    );
}

#[cfg(not(feature = "tracing"))]
pub(crate) fn trace(_: &TikTokError, _: &Learned) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stated_limits() {
        let m = "Advertiser (1001)'s QPS (12) reaches QPS limit 10 for current path, request is temporarily restricted.";
        assert_eq!(stated_limit(m), Some(10));
        assert_eq!(advertiser_named_in(m), Some("1001"));
        assert_eq!(
            stated_limit("App reaches the QPS limit 10, current QPS is 14"),
            Some(10)
        );
        assert_eq!(stated_limit("limit: 25"), Some(25));
        assert_eq!(stated_limit("the limit is 3."), Some(3));
        assert_eq!(stated_limit("App reaches the QPS limit."), None);
        assert_eq!(stated_limit("limit 0"), None);
        assert_eq!(stated_limit("limit 99999999"), None);
        assert_eq!(stated_limit("limit 10.5"), None);
        assert_eq!(stated_limit("limit 10x"), None);
        assert_eq!(stated_limit("limited limit 7"), Some(7));
        assert_eq!(advertiser_named_in("Advertiser ()'s QPS"), None);
        assert_eq!(advertiser_named_in("Advertiser (a b)'s"), None);
    }
}
