//! `tiktok_errors::search::search` on typical queries, one criterion benchmark per query
//! (target: < 20 µs each). The index is built on the first call (a `OnceLock`); it is warmed
//! before measuring, and the cost of that first call is printed separately (one sample per
//! run; `benches/icount.sh` gives its instruction count). See BENCHMARKS.md.

mod common;

use std::hint::black_box;
use std::time::Instant;

use common::QUERIES;
use criterion::{criterion_group, Criterion};
use tiktok_errors::search::{search, SearchOptions};

fn searches(c: &mut Criterion) {
    let opts = SearchOptions::default();
    let mut g = c.benchmark_group("search");
    for q in QUERIES {
        assert!(!search(q, &opts).is_empty(), "no results for {q:?}");
        g.bench_function(*q, |b| b.iter(|| search(black_box(q), &opts)));
    }
    g.finish();
}

criterion_group! {
    name = benches;
    // 10 benchmarks: about 17 seconds on this project's 2-vCPU machine.
    config = common::criterion_config(300, 1200);
    targets = searches
}

fn main() {
    // The first call builds the index; time it before criterion warms anything up.
    let opts = SearchOptions::default();
    let t = Instant::now();
    black_box(search(QUERIES[0], &opts));
    let first = t.elapsed();
    let t = Instant::now();
    black_box(search(QUERIES[0], &opts));
    let second = t.elapsed();
    println!(
        "search index: first call (builds the index) {:.1} µs, second call {:.1} µs, \
         one-time build ≈ {:.1} µs",
        first.as_secs_f64() * 1e6,
        second.as_secs_f64() * 1e6,
        (first.saturating_sub(second)).as_secs_f64() * 1e6
    );
    benches();
    Criterion::default().configure_from_args().final_summary();
}
