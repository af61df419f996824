//! Code lookups: the crate's phf maps (`from_code`, `from_int`, `lookup`, `lookup_int`) against a
//! generated `match`, a std `HashMap` built once, and a linear scan, on the same keys in the same
//! process. Each iteration looks up `BATCH` (1024) keys; per-lookup time = time / 1024
//! (criterion's throughput line shows it as elements per second). See BENCHMARKS.md.

mod common;

use common::*;
use criterion::{criterion_group, BenchmarkGroup, Criterion, Throughput};
use tiktok_errors::{AdsCode, ContentPostingCode};

type Group<'a> = BenchmarkGroup<'a, criterion::measurement::WallTime>;

fn group<'a>(c: &'a mut Criterion, name: &str) -> Group<'a> {
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Elements(BATCH as u64));
    g
}

fn str_family<C: tiktok_errors::ErrorCode>(
    c: &mut Criterion,
    name: &str,
    set: &KeySet<String>,
    matcher: fn(&str) -> Option<C>,
    matcher_by_len: fn(&str) -> Option<C>,
    matcher_int_first: Option<fn(&str) -> Option<C>>,
) {
    let map = str_hashmap::<C>();
    for (what, keys) in [("hit", &set.hits), ("miss", &set.misses)] {
        let mut g = group(c, &format!("{name}/{what}"));
        g.bench_function("crate", |b| {
            b.iter(|| run_batch(keys, |k| crate_from_code::<C>(k)))
        });
        g.bench_function("match", |b| b.iter(|| run_batch(keys, |k| matcher(k))));
        g.bench_function("match_by_len", |b| {
            b.iter(|| run_batch(keys, |k| matcher_by_len(k)))
        });
        if let Some(m) = matcher_int_first {
            g.bench_function("match_int_first", |b| b.iter(|| run_batch(keys, |k| m(k))));
        }
        g.bench_function("hashmap_std", |b| {
            b.iter(|| run_batch(keys, |k| hashmap_from_code(&map, k)))
        });
        g.bench_function("linear", |b| {
            b.iter(|| run_batch(keys, |k| linear_from_code::<C>(k)))
        });
        g.finish();
    }
}

fn lookups(c: &mut Criterion) {
    check_lookup_strategies();

    str_family::<AdsCode>(
        c,
        "ads_from_code",
        &ads_str_set(),
        ads_from_code_match,
        ads_from_code_match_by_len,
        Some(ads_from_code_int_first),
    );
    str_family::<ContentPostingCode>(
        c,
        "content_posting_from_code",
        &content_posting_str_set(),
        content_posting_from_code_match,
        content_posting_from_code_match_by_len,
        None,
    );

    let set = ads_int_set();
    let map = int_hashmap::<AdsCode>();
    for (what, keys) in [("hit", &set.hits), ("miss", &set.misses)] {
        let mut g = group(c, &format!("ads_from_int/{what}"));
        g.bench_function("crate", |b| {
            b.iter(|| run_batch(keys, |&k| crate_from_int::<AdsCode>(k)))
        });
        g.bench_function("match", |b| {
            b.iter(|| run_batch(keys, |&k| ads_from_int_match(k)))
        });
        g.bench_function("hashmap_std", |b| {
            b.iter(|| run_batch(keys, |&k| hashmap_from_int(&map, k)))
        });
        g.bench_function("linear", |b| {
            b.iter(|| run_batch(keys, |&k| linear_from_int::<AdsCode>(k)))
        });
        g.finish();
    }

    let t = AnyTables::new();
    let set = any_str_set();
    for (what, keys) in [("hit", &set.hits), ("miss", &set.misses)] {
        let mut g = group(c, &format!("lookup/{what}"));
        g.bench_function("crate", |b| b.iter(|| run_batch(keys, |k| crate_lookup(k))));
        g.bench_function("match", |b| b.iter(|| run_batch(keys, |k| match_lookup(k))));
        g.bench_function("match_by_len", |b| {
            b.iter(|| run_batch(keys, |k| match_by_len_lookup(k)))
        });
        g.bench_function("hashmap_std", |b| {
            b.iter(|| run_batch(keys, |k| hashmap_lookup(&t, k)))
        });
        g.bench_function("linear", |b| {
            b.iter(|| run_batch(keys, |k| linear_lookup(&t, k)))
        });
        g.finish();
    }

    let set = any_int_set();
    for (what, keys) in [("hit", &set.hits), ("miss", &set.misses)] {
        let mut g = group(c, &format!("lookup_int/{what}"));
        g.bench_function("crate", |b| {
            b.iter(|| run_batch(keys, |&k| crate_lookup_int(k)))
        });
        g.bench_function("match", |b| {
            b.iter(|| run_batch(keys, |&k| match_lookup_int(k)))
        });
        g.bench_function("hashmap_std", |b| {
            b.iter(|| run_batch(keys, |&k| hashmap_lookup_int(&t, k)))
        });
        g.bench_function("linear", |b| {
            b.iter(|| run_batch(keys, |&k| linear_lookup_int(&t, k)))
        });
        g.finish();
    }
}

criterion_group! {
    name = benches;
    // 48 benchmarks: about 85 seconds on this project's 2-vCPU machine.
    config = common::criterion_config(300, 1200);
    targets = lookups
}
criterion::criterion_main!(benches);
