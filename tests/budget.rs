//! The rate-limit budget's in-process store, on a controlled clock: no simulated calendar
//! second, minute or day ever holds more requests than TikTok publishes; learned limits never
//! exceed the published ones; the budget recovers after a burst; throttles teach what they say.
#![cfg(feature = "budget")]

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use proptest::prelude::*;
use tiktok_errors::budget::{Budget, BudgetError, Request};
use tiktok_errors::clock::Clock;
use tiktok_errors::limits::{for_path, Tier, Window};
use tiktok_errors::{decode, Api};

/// 00:00 UTC on a fixed day, in microseconds.
const DAY0: u64 = 20_000 * 86_400 * 1_000_000;

/// A clock the test moves by hand (µs since the epoch).
fn manual_clock(start: u64) -> (Arc<AtomicU64>, Clock) {
    let now = Arc::new(AtomicU64::new(start));
    let n = Arc::clone(&now);
    let clock =
        Clock::from_fn(move || UNIX_EPOCH + Duration::from_micros(n.load(Ordering::SeqCst)));
    (now, clock)
}

/// Sends `count` requests to `path` as fast as the budget lets them go: each is reserved at the
/// current time and "sent" at its turn; the clock then moves to the next send. Returns the send
/// instants (µs).
fn drive(budget: &Budget, now: &AtomicU64, request: &Request<'_>, count: usize) -> Vec<u64> {
    let mut sent = Vec::with_capacity(count);
    for _ in 0..count {
        let t = now.load(Ordering::SeqCst);
        match budget.reserve_blocking(request) {
            Ok(p) => {
                let at = t + u64::try_from(p.wait().as_micros()).unwrap();
                sent.push(at);
                now.store(at, Ordering::SeqCst);
            }
            Err(BudgetError::Exhausted { not_before, .. }) => {
                let at = u64::try_from(not_before.duration_since(UNIX_EPOCH).unwrap().as_micros())
                    .unwrap();
                assert!(at > t);
                now.store(at, Ordering::SeqCst);
            }
            Err(e) => panic!("{e}"),
        }
    }
    sent
}

/// The most requests in any calendar window of `len` µs.
fn busiest(sent: &[u64], len: u64) -> usize {
    let mut counts = std::collections::HashMap::new();
    for t in sent {
        *counts.entry(t / len).or_insert(0usize) += 1;
    }
    counts.values().copied().max().unwrap_or(0)
}

/// The most requests in any sliding window of `len` µs.
fn busiest_sliding(sent: &[u64], len: u64) -> usize {
    let mut s = sent.to_vec();
    s.sort_unstable();
    let mut best = 0;
    let mut j = 0;
    for i in 0..s.len() {
        while s[i] - s[j] >= len {
            j += 1;
        }
        best = best.max(i - j + 1);
    }
    best
}

fn limit(path: &str, tier: Tier, w: Window) -> usize {
    usize::try_from(for_path(path, tier, false).unwrap().get(w).unwrap()).unwrap()
}

#[test]
fn ad_create_at_basic_keeps_every_window() {
    let path = "/open_api/v1.3/ad/create/";
    let (now, clock) = manual_clock(DAY0 + 3_600_000_000);
    let budget = Budget::builder("app")
        .margin(1.0)
        .clock(clock)
        .build()
        .unwrap();
    let sent = drive(&budget, &now, &Request::new(path), 400);
    // 5 a second, 150 a minute: the minute is the binding limit (one every 400 ms).
    assert!(busiest(&sent, 1_000_000) <= limit(path, Tier::Basic, Window::Second));
    assert!(busiest(&sent, 60_000_000) <= limit(path, Tier::Basic, Window::Minute));
    assert!(busiest_sliding(&sent, 60_000_000) <= 150);
    // And it uses what it is allowed: 400 requests in 160 s.
    assert_eq!(sent.last().unwrap() - sent[0], 399 * 400_000);
}

#[test]
fn a_daily_quota_is_a_reschedule_to_midnight() {
    // /report/task/create/: 4,500 a day at every tier.
    let path = "/open_api/v1.3/report/task/create/";
    // One a second (60 a minute): 4,500 fit in the day from 01:00.
    let (now, clock) = manual_clock(DAY0 + 3_600_000_000);
    let budget = Budget::builder("app")
        .margin(1.0)
        .clock(clock)
        .max_wait(Duration::from_secs(5))
        .build()
        .unwrap();
    let r = Request::new(path);
    let sent = drive(&budget, &now, &r, 4_500);
    assert_eq!(busiest(&sent, 86_400_000_000), 4_500);
    // The 4,501st: not before 00:00 UTC, and nothing is reserved.
    match budget.reserve_blocking(&r) {
        Err(BudgetError::Exhausted { not_before, .. }) => assert_eq!(
            not_before,
            UNIX_EPOCH + Duration::from_micros(DAY0 + 86_400_000_000)
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn throttles_teach_the_window_and_the_advertiser_limit() {
    let path = "/open_api/v1.3/campaign/get/";
    let (now, clock) = manual_clock(DAY0 + 43_200_000_000 + 250_000);
    let budget = Budget::builder("app")
        .margin(1.0)
        .clock(clock)
        .build()
        .unwrap();
    let r = Request::new(path).advertiser("1001");

    // 40100 naming the minute: the endpoint pauses for the 5 minutes TikTok asks for.
    let qpm = decode(
        Api::Ads,
        br#"{"code":40100,"message":"App reaches the QPM limit."}"#,
    )
    .unwrap_err();
    let learned = budget.observe_blocking(&r, &qpm).unwrap();
    assert_eq!(learned.window(), Some(Window::Minute));
    // Five minutes is past the longest wait (60 s): a reschedule, not a sleep.
    match budget.reserve_blocking(&r) {
        Err(BudgetError::Exhausted { after, .. }) => assert_eq!(after, Duration::from_secs(300)),
        other => panic!("{other:?}"),
    }
    now.fetch_add(300_000_000, Ordering::SeqCst);
    assert_eq!(budget.reserve_blocking(&r).unwrap().wait(), Duration::ZERO);

    // 40133 stating the advertiser's limit: 3 a second from now on, for that advertiser only.
    let adv = decode(Api::Ads, br#"{"code":40133,"message":"Advertiser (1001)'s QPS (4) reaches QPS limit 3 for current path, request is temporarily restricted."}"#).unwrap_err();
    let learned = budget.observe_blocking(&r, &adv).unwrap();
    assert_eq!(learned.advertiser_limit(), Some(3));
    now.fetch_add(1_000_000, Ordering::SeqCst);
    let sent = drive(&budget, &now, &r, 60);
    assert!(
        busiest_sliding(&sent, 1_000_000) <= 3,
        "{}",
        busiest_sliding(&sent, 1_000_000)
    );
    // Another advertiser on the same endpoint runs at the app's limit (10 a second).
    let other = Request::new(path).advertiser("2002");
    let sent = drive(&budget, &now, &other, 60);
    assert_eq!(busiest_sliding(&sent, 1_000_000), 10);

    // A message that does not read cleanly sets no limit.
    for m in [
        r#"{"code":40133,"message":"Advertiser (1001)'s QPS reaches the limit, request is temporarily restricted."}"#,
        r#"{"code":40133,"message":"Advertiser (9999)'s QPS (4) reaches QPS limit 1 for current path"}"#,
        r#"{"code":40133,"message":"QPS limit 0"}"#,
    ] {
        let e = decode(Api::Ads, m.as_bytes()).unwrap_err();
        let learned = budget.observe_blocking(&r, &e).unwrap();
        assert_eq!(learned.advertiser_limit(), None, "{m}");
        assert_eq!(learned.app_limit(), None, "{m}");
    }
    // Answers that are not throttles teach nothing.
    let bad = decode(Api::Ads, br#"{"code":40002,"message":"budget too low"}"#).unwrap_err();
    assert!(budget.observe_blocking(&r, &bad).unwrap().is_empty());
}

#[test]
fn a_stated_app_limit_never_loosens_the_published_one() {
    let path = "/open_api/v1.3/ad/create/";
    let (now, clock) = manual_clock(DAY0);
    let budget = Budget::builder("app")
        .margin(1.0)
        .clock(clock)
        .build()
        .unwrap();
    let r = Request::new(path);
    // "limit 50" is above the published 5 a second: the published spacing stays.
    let e = decode(
        Api::Ads,
        br#"{"code":40100,"message":"App reaches the QPS limit 50, current QPS is 51"}"#,
    )
    .unwrap_err();
    assert_eq!(
        budget.observe_blocking(&r, &e).unwrap().app_limit(),
        Some(50)
    );
    now.fetch_add(2_000_000, Ordering::SeqCst);
    let sent = drive(&budget, &now, &r, 100);
    assert!(busiest_sliding(&sent, 1_000_000) <= 5);
    assert!(busiest_sliding(&sent, 60_000_000) <= 150);
}

#[test]
fn unknown_paths_adapt() {
    // TikTok Shop publishes no table: the adaptive limit starts at 5 a second, grows while
    // nothing is throttled, and halves on a throttle.
    let path = "https://open-api.tiktokglobalshop.com/order/202309/orders/search";
    let (now, clock) = manual_clock(DAY0);
    let budget = Budget::builder("shop-app").clock(clock).build().unwrap();
    let r = Request::new(path);
    let sent = drive(&budget, &now, &r, 400);
    let first = busiest_sliding(&sent[..20], 1_000_000);
    let later = busiest_sliding(&sent[300..], 1_000_000);
    assert!(first <= 8 && later > 2 * first, "{first} then {later}");
    let throttled =
        decode(Api::Ads, br#"{"code":40100,"message":"Too many requests"}"#).unwrap_err();
    let learned = budget.observe_blocking(&r, &throttled).unwrap();
    assert!(learned.decreased());
    now.fetch_add(1_000_000, Ordering::SeqCst);
    let after = drive(&budget, &now, &r, 20);
    assert!(busiest_sliding(&after, 1_000_000) <= later / 2 + 2);
}

#[test]
fn a_route_shares_the_budget_of_its_request() {
    let path = "/open_api/v1.3/ad/create/";
    let (now, clock) = manual_clock(DAY0);
    let budget = Budget::builder("app")
        .margin(1.0)
        .clock(clock)
        .build()
        .unwrap();
    let route = budget.route(&Request::new(path));
    // Turns alternate between the route and the request: one queue, 400 ms apart (150/min).
    let waits: Vec<Duration> = (0..4)
        .map(|i| {
            if i % 2 == 0 {
                route.reserve_blocking().unwrap().wait()
            } else {
                budget.reserve_blocking(&Request::new(path)).unwrap().wait()
            }
        })
        .collect();
    assert_eq!(
        waits,
        [0, 400, 800, 1_200].map(Duration::from_millis).to_vec()
    );
    let e = decode(
        Api::Ads,
        br#"{"code":40100,"message":"App reaches the QPS limit."}"#,
    )
    .unwrap_err();
    assert_eq!(
        route.observe_blocking(&e).unwrap().window(),
        Some(Window::Second)
    );
    now.fetch_add(10_000_000, Ordering::SeqCst);
    assert_eq!(route.reserve_blocking().unwrap().wait(), Duration::ZERO);
}

#[test]
fn the_budget_recovers_after_a_burst() {
    // 60 requests at once to a 5-a-second, 150-a-minute endpoint queue up to 23.6 s ahead;
    // once that time has passed, the next request goes at once.
    let path = "/open_api/v1.3/ad/create/";
    let (now, clock) = manual_clock(DAY0);
    let budget = Budget::builder("app")
        .margin(1.0)
        .clock(clock)
        .build()
        .unwrap();
    let r = Request::new(path);
    let last = (0..60)
        .map(|_| budget.reserve_blocking(&r).unwrap().wait())
        .max()
        .unwrap();
    assert_eq!(last, Duration::from_millis(59 * 400));
    now.fetch_add(24_000_000, Ordering::SeqCst);
    assert_eq!(budget.reserve_blocking(&r).unwrap().wait(), Duration::ZERO);
}

#[test]
fn configuration_is_checked() {
    for b in [
        Budget::builder("app").margin(0.0),
        Budget::builder("app").margin(1.5),
        Budget::builder("app").margin(f64::NAN),
        Budget::builder("app").adaptive_start(-1.0),
        Budget::builder(""),
    ] {
        assert!(matches!(b.build(), Err(BudgetError::Config(_))));
    }
}

#[tokio::test(start_paused = true)]
async fn acquire_waits_its_turn() {
    // tokio's paused clock drives both the sleeps and the budget's clock.
    let start = tokio::time::Instant::now();
    let base = UNIX_EPOCH + Duration::from_micros(DAY0);
    let clock = Clock::from_fn(move || base + start.elapsed());
    let budget = Budget::builder("app")
        .margin(1.0)
        .clock(clock)
        .build()
        .unwrap();
    let r = Request::new("/open_api/v1.3/report/task/create/");
    let mut tasks = Vec::new();
    for _ in 0..6 {
        let b = budget.clone();
        tasks.push(tokio::spawn(async move {
            let _ = b
                .acquire(&Request::new("/open_api/v1.3/report/task/create/"))
                .await
                .unwrap();
            start.elapsed()
        }));
    }
    let mut at = Vec::new();
    for t in tasks {
        at.push(t.await.unwrap());
    }
    at.sort();
    // 2 a second but 60 a minute: one a second, 0 to 5 s.
    assert_eq!(at.last().copied(), Some(Duration::from_secs(5)));
    assert_eq!(
        budget.acquire(&r).await.unwrap().wait(),
        Duration::from_secs(1)
    );
}

#[test]
fn threads_on_different_endpoints_do_not_wait_for_each_other() {
    let budget = Budget::builder("app").margin(1.0).build().unwrap();
    let paths: Vec<String> = (0..8)
        .map(|i| format!("/open_api/v1.3/e{i}/get/"))
        .collect();
    std::thread::scope(|s| {
        for p in &paths {
            let b = budget.clone();
            s.spawn(move || {
                // Ten each: each endpoint's own 10 a second, so nobody waits past 0.9 s.
                for _ in 0..10 {
                    let w = b.reserve_blocking(&Request::new(p)).unwrap().wait();
                    assert!(w <= Duration::from_millis(901), "{w:?}");
                }
            });
        }
    });
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any mix of endpoints, tiers, advertisers, throttles and idle gaps: no calendar second,
    /// minute or day ever holds more requests to an endpoint than TikTok publishes for it.
    #[test]
    fn no_window_is_ever_exceeded(
        tier in prop::sample::select(vec![Tier::Basic, Tier::Advanced, Tier::Premium, Tier::Ultimate]),
        steps in prop::collection::vec((0usize..4, 0u64..3_000_000, 0u8..20), 1..300),
        margin in 0.5f64..=1.0,
    ) {
        let paths = [
            "/open_api/v1.3/ad/create/",
            "/open_api/v1.3/report/task/create/",
            "/open_api/v1.3/creative/smart_video/create/",
            "/open_api/v1.3/campaign/get/",
        ];
        let (now, clock) = manual_clock(DAY0 + 86_400_000_000 - 30_000_000);
        let budget = Budget::builder("app").tier(tier).margin(margin).clock(clock).build().unwrap();
        let mut sent: Vec<Vec<u64>> = vec![Vec::new(); paths.len()];
        for (p, gap, event) in steps {
            now.fetch_add(gap, Ordering::SeqCst);
            let r = Request::new(paths[p]);
            if event == 0 {
                let e = decode(Api::Ads, br#"{"code":40100,"message":"App reaches the QPS limit 1000"}"#).unwrap_err();
                let _ = budget.observe_blocking(&r, &e).unwrap();
                continue;
            }
            let burst = usize::from(event % 5) + 1;
            let t = now.load(Ordering::SeqCst);
            for _ in 0..burst {
                if let Ok(permit) = budget.reserve_blocking(&r) {
                    sent[p].push(t + u64::try_from(permit.wait().as_micros()).unwrap());
                }
            }
        }
        for (p, s) in paths.iter().zip(&sent) {
            let l = for_path(p, tier, false).unwrap();
            for (w, n) in l.windows() {
                let len = u64::try_from(w.duration().as_micros()).unwrap();
                let n = usize::try_from(n).unwrap();
                prop_assert!(busiest(s, len) <= n, "{p} {w}: {} > {n}", busiest(s, len));
                if w != Window::Day {
                    prop_assert!(busiest_sliding(s, len) <= n);
                }
            }
        }
    }
}
