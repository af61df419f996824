//! The rate-limit budget's in-process reservation against governor's `check()` in the same run
//! (issue 19: "in-process acquire for three windows, uncontended: ≤ 2x governor's single-window
//! check()"), and whether threads on different keys serialize. See BENCHMARKS.md, "Budget".
//!
//! Neither side waits: the budget's `reserve_blocking` computes and records the request's turn
//! (`acquire` then sleeps until it, which is not what is measured); governor's `check()` answers
//! yes or no. Both read their own clock (the system clock; governor's quanta clock).

use std::num::NonZeroU32;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use governor::{Quota, RateLimiter};
use tiktok_errors::budget::{Budget, Request};

/// The Events API: 1,000 a second, 600,000 a minute, 86.4 M a day (three windows).
const EVENTS: &str = "/open_api/v1.3/event/track/";

fn budget() -> Budget {
    Budget::builder("bench-app")
        .max_wait(Duration::from_secs(10 * 365 * 86_400))
        .build()
        .unwrap()
}

fn single(c: &mut Criterion) {
    let mut g = c.benchmark_group("budget/uncontended");
    let limiter = RateLimiter::direct(Quota::per_second(NonZeroU32::MAX));
    g.bench_function("governor_check", |b| {
        b.iter(|| std::hint::black_box(limiter.check().is_ok()))
    });
    let bud = budget();
    let r = Request::new(EVENTS);
    g.bench_function("budget_reserve_3_windows", |b| {
        b.iter(|| std::hint::black_box(bud.reserve_blocking(&r).is_ok()))
    });
    let route = bud.route(&r);
    g.bench_function("route_reserve_3_windows", |b| {
        b.iter(|| std::hint::black_box(route.reserve_blocking().is_ok()))
    });
    let ra = Request::new(EVENTS).advertiser("7000000001");
    g.bench_function("budget_reserve_3_windows_and_advertiser", |b| {
        b.iter(|| std::hint::black_box(bud.reserve_blocking(&ra).is_ok()))
    });
    g.finish();
}

/// `threads` threads, each reserving `n` times on its own endpoint (or all on one): the wall
/// time of the whole batch.
fn batch(bud: &Budget, threads: usize, n: u64, same_key: bool) -> Duration {
    let paths: Vec<String> = (0..threads)
        .map(|i| {
            if same_key {
                EVENTS.to_owned()
            } else {
                format!("/open_api/v1.3/bench{i}/get/")
            }
        })
        .collect();
    let start = Instant::now();
    std::thread::scope(|s| {
        for p in &paths {
            s.spawn(move || {
                let r = Request::new(p);
                for _ in 0..n {
                    std::hint::black_box(bud.reserve_blocking(&r).is_ok());
                }
            });
        }
    });
    start.elapsed()
}

fn threads(c: &mut Criterion) {
    let mut g = c.benchmark_group("budget/threads");
    let bud = budget();
    for (name, threads, same) in [
        ("1_thread", 1, false),
        ("8_threads_different_keys", 8, false),
        ("8_threads_one_key", 8, true),
    ] {
        // Wall time per reservation: `iters` reservations shared out among the threads, so a
        // figure below the one thread's means the threads ran in parallel.
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let per_thread = iters.div_ceil(threads as u64).max(1);
                batch(&bud, threads, per_thread, same)
            })
        });
    }
    g.finish();
}

criterion_group!(benches, single, threads);
criterion_main!(benches);
