//! The arithmetic of the budget, shared by every store: which slots a request needs, what each
//! slot limits, and the reservation itself. The in-process store runs [`reserve`] under its
//! locks; the Redis store runs the same steps in `reserve.lua` on the server (one script call),
//! and `tests/budget_redis.rs` checks the two agree step by step at the same instants.
//!
//! Time is in microseconds since the Unix epoch (the unit of Redis `TIME`).

use crate::limits::{Limits, Window};

/// A microsecond.
pub(crate) const US: u64 = 1_000_000;
/// A UTC day in microseconds.
pub(crate) const DAY_US: u64 = 86_400 * US;
/// How long a learned limit is kept after the throttle that taught it.
pub(crate) const LEARNED_TTL_US: u64 = 3_600 * US;

/// What one slot limits. A request that needs several slots goes when all of them allow it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) struct Rule {
    /// The least spacing between two requests, in µs (0: none). Per-second and per-minute
    /// limits are both spacings: `n` a second is one request every `1 s / n`, which keeps every
    /// window of that length, calendar-aligned or sliding, within the limit.
    pub(crate) interval: u64,
    /// Requests per UTC day (0: no daily limit).
    pub(crate) daily: u64,
    /// The spacing is learned (additive increase, multiplicative decrease): nothing is
    /// published for this slot.
    pub(crate) adaptive: bool,
}

/// The stored state of one slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) struct Slot {
    /// The earliest instant the next request may go (GCRA's theoretical arrival time).
    pub(crate) tat: u64,
    /// Paused until this instant: a throttle named this slot's window.
    pub(crate) until: u64,
    /// A learned spacing (µs; 0: none), never shorter than the published one.
    pub(crate) learned: u64,
    /// Adaptive slots: the current rate in thousandths of a request per second (0: not set).
    pub(crate) rate_milli: u64,
    /// The UTC day number `count` is for.
    pub(crate) day: u64,
    /// Requests granted on `day`.
    pub(crate) count: u64,
    /// When the slot may be forgotten (µs).
    pub(crate) expires: u64,
}

/// How the adaptive limit moves (additive increase, multiplicative decrease). Rates are in
/// thousandths of a request per second.
#[allow(clippy::struct_field_names)] // the unit is in every name on purpose
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Adaptive {
    /// The starting rate, thousandths of a request per second.
    pub(crate) start_milli: u64,
    /// The lowest rate a throttle can bring it to.
    pub(crate) min_milli: u64,
    /// The highest rate it can grow to.
    pub(crate) max_milli: u64,
}

/// The answer of a reservation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Granted: the request may go at `at` (µs; `at >= now`).
    Granted { at: u64 },
    /// Not granted (nothing was reserved): the earliest instant is `at`, past the longest wait.
    Refused { at: u64 },
}

/// The spacing a slot enforces now.
pub(crate) fn spacing(slot: &Slot, rule: &Rule, adaptive: &Adaptive) -> u64 {
    if rule.adaptive {
        let rate = if slot.rate_milli == 0 {
            adaptive.start_milli
        } else {
            slot.rate_milli
        };
        (US * 1_000).div_ceil(rate.max(1))
    } else {
        rule.interval.max(slot.learned)
    }
}

/// Reserves the next instant every slot allows, at most `max_wait` µs after `now`, and updates
/// the slots as if the request went then. Refused: the slots are unchanged.
pub(crate) fn reserve(
    slots: &mut [Slot],
    rules: &[Rule],
    now: u64,
    max_wait: u64,
    adaptive: &Adaptive,
) -> Outcome {
    let mut at = now;
    for s in slots.iter() {
        at = at.max(s.tat).max(s.until);
    }
    // A daily limit used up moves the request to the next UTC day, and that day's count may
    // be full too only if the limit is zero (rejected when the rules are built).
    for (s, r) in slots.iter().zip(rules) {
        if r.daily > 0 && s.day == at / DAY_US && s.count >= r.daily {
            at = at.max((at / DAY_US + 1) * DAY_US);
        }
    }
    if at - now > max_wait {
        return Outcome::Refused { at };
    }
    for (s, r) in slots.iter_mut().zip(rules) {
        let iv = spacing(s, r, adaptive);
        s.tat = at + iv;
        let day = at / DAY_US;
        if r.daily > 0 {
            if s.day != day {
                s.day = day;
                s.count = 0;
            }
            s.count += 1;
        }
        if r.adaptive {
            // Additive increase: about one request per second more for every second of grants.
            let rate = if s.rate_milli == 0 {
                adaptive.start_milli
            } else {
                s.rate_milli
            };
            s.rate_milli = (rate + (US / rate.max(1)).max(1)).min(adaptive.max_milli);
        }
        let mut keep = s.tat.max(s.until) + iv;
        if r.daily > 0 {
            keep = keep.max((day + 1) * DAY_US);
        }
        if s.learned > 0 || r.adaptive {
            keep = keep.max(at + LEARNED_TTL_US);
        }
        s.expires = s.expires.max(keep);
    }
    Outcome::Granted { at }
}

/// What a throttle teaches one slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) struct Lesson {
    /// Pause the slot until this instant (0: no pause).
    pub(crate) until: u64,
    /// Set the learned spacing to this (0: unchanged).
    pub(crate) learned: u64,
    /// Halve the adaptive rate (multiplicative decrease) or, for a slot with no published
    /// limit and nothing stated, double the learned spacing.
    pub(crate) decrease: bool,
}

/// Applies a lesson to a slot.
pub(crate) fn learn(slot: &mut Slot, rule: &Rule, lesson: &Lesson, now: u64, adaptive: &Adaptive) {
    slot.until = slot.until.max(lesson.until);
    if lesson.learned > 0 {
        slot.learned = lesson.learned.max(rule.interval);
    }
    if lesson.decrease {
        if rule.adaptive {
            let rate = if slot.rate_milli == 0 {
                adaptive.start_milli
            } else {
                slot.rate_milli
            };
            slot.rate_milli = (rate / 2).max(adaptive.min_milli);
        } else if lesson.learned == 0 {
            let base = slot.learned.max(rule.interval).max(US / 100);
            slot.learned = base.saturating_mul(2).min(60 * US);
        }
    }
    slot.expires = slot.expires.max(slot.until).max(now + LEARNED_TTL_US);
}

/// The spacing and daily count of a published limit, with the safety margin applied
/// (`margin` in (0, 1]: 0.9 keeps 10% below the limit).
pub(crate) fn published_rule(limits: &Limits, margin: f64) -> Rule {
    let mut rule = Rule::default();
    for (w, n) in limits.windows() {
        match w {
            Window::Second | Window::Minute => {
                let window_us = w.duration().as_micros();
                rule.interval = rule.interval.max(spacing_for(window_us, n, margin));
            }
            Window::Day => rule.daily = allowed(n, margin),
        }
    }
    rule
}

/// The spacing that keeps `n` requests per `window_us` with the margin: `window / (n * margin)`.
pub(crate) fn spacing_for(window_us: u128, n: u64, margin: f64) -> u64 {
    let n = allowed_f(n, margin);
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    let iv = (window_us as f64 / n).ceil() as u64;
    iv.max(1)
}

/// `n * margin`, at least one request.
fn allowed_f(n: u64, margin: f64) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let v = n as f64 * margin;
    v.max(1.0)
}

/// `floor(n * margin)`, at least one request.
pub(crate) fn allowed(n: u64, margin: f64) -> u64 {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let v = allowed_f(n, margin).floor() as u64;
    v.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: Adaptive = Adaptive {
        start_milli: 5_000,
        min_milli: 100,
        max_milli: 1_000_000,
    };

    #[test]
    fn spacing_queues_requests() {
        let rule = Rule {
            interval: 100_000,
            ..Rule::default()
        };
        let mut slot = [Slot::default()];
        let now = 10 * US;
        let ats: Vec<_> = (0..3)
            .map(|_| reserve(&mut slot, &[rule], now, US, &A))
            .collect();
        assert_eq!(
            ats,
            [
                Outcome::Granted { at: now },
                Outcome::Granted { at: now + 100_000 },
                Outcome::Granted { at: now + 200_000 }
            ]
        );
        // Past the longest wait: refused, nothing reserved.
        let before = slot;
        assert_eq!(
            reserve(&mut slot, &[rule], now, 250_000, &A),
            Outcome::Refused { at: now + 300_000 }
        );
        assert_eq!(slot, before);
    }

    #[test]
    fn a_full_day_moves_to_the_next_utc_day() {
        let rule = Rule {
            daily: 2,
            ..Rule::default()
        };
        let mut slot = [Slot::default()];
        let now = 5 * DAY_US + 3_600 * US;
        assert!(matches!(
            reserve(&mut slot, &[rule], now, DAY_US, &A),
            Outcome::Granted { .. }
        ));
        assert!(matches!(
            reserve(&mut slot, &[rule], now, DAY_US, &A),
            Outcome::Granted { .. }
        ));
        assert_eq!(
            reserve(&mut slot, &[rule], now, DAY_US, &A),
            Outcome::Granted { at: 6 * DAY_US }
        );
        assert_eq!(
            reserve(&mut slot, &[rule], now, 60 * US, &A),
            Outcome::Refused { at: 6 * DAY_US }
        );
    }

    #[test]
    fn adaptive_rate_halves_on_a_throttle_and_grows_back() {
        let rule = Rule {
            adaptive: true,
            ..Rule::default()
        };
        let mut slot = [Slot::default()];
        reserve(&mut slot, &[rule], 0, US, &A);
        let grown = slot[0].rate_milli;
        assert!(grown > A.start_milli);
        let lesson = Lesson {
            decrease: true,
            ..Lesson::default()
        };
        learn(&mut slot[0], &rule, &lesson, 0, &A);
        assert_eq!(slot[0].rate_milli, grown / 2);
        for _ in 0..10_000 {
            learn(&mut slot[0], &rule, &lesson, 0, &A);
        }
        assert_eq!(slot[0].rate_milli, A.min_milli);
    }

    #[test]
    fn margins_and_spacings() {
        assert_eq!(spacing_for(1_000_000, 10, 1.0), 100_000);
        assert_eq!(spacing_for(60_000_000, 150, 1.0), 400_000);
        assert_eq!(spacing_for(1_000_000, 10, 0.5), 200_000);
        assert_eq!(allowed(4_500, 0.9), 4_050);
        assert_eq!(allowed(1, 0.1), 1);
    }
}
