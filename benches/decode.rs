//! Decoding response bodies: the crate's `decode(api, bytes)` against `serde_json::from_slice`
//! into `serde_json::Value`, into a minimal borrowed `#[derive(Deserialize)]` struct of the same
//! shape (the baseline: `Cow` fields, `data` skipped with `IgnoredAny`, no code lookup), and into
//! `IgnoredAny` (serde_json's floor: validate the body, build nothing), and, for reference, into
//! an owning typed error built the plain way (`owned_typed`: owned `String` fields, the crate's
//! phf lookup, boxed; the floor of the crate's owning design). Same bodies, same
//! process. Each iteration decodes every body of a set (32 error bodies, 8 success bodies);
//! per-body time = time / set size. See BENCHMARKS.md.

mod common;

use common::*;
use criterion::{criterion_group, Criterion, Throughput};
use tiktok_errors::Api;

fn run(bodies: &[Vec<u8>], f: impl Fn(&[u8]) -> bool) {
    for b in bodies {
        std::hint::black_box(f(std::hint::black_box(b)));
    }
}

fn decodes(c: &mut Criterion) {
    check_bodies();
    for shape in Shape::ALL {
        let bodies = error_bodies(shape);
        let api = shape.api();
        let mut g = c.benchmark_group(format!("decode_error/{}", shape.name()));
        g.throughput(Throughput::Elements(bodies.len() as u64));
        g.bench_function("crate", |b| {
            b.iter(|| run(&bodies, |x| crate_decode(api, x)))
        });
        g.bench_function("borrowed", |b| {
            b.iter(|| run(&bodies, |x| borrowed_decode(shape, x)))
        });
        g.bench_function("value", |b| b.iter(|| run(&bodies, value_decode)));
        g.bench_function("ignored_any", |b| {
            b.iter(|| run(&bodies, ignored_any_decode))
        });
        g.bench_function("owned_typed", |b| {
            b.iter(|| run(&bodies, |x| owned_decode(shape, x)))
        });
        g.finish();
    }

    let bodies = success_bodies();
    let mut g = c.benchmark_group("decode_success_10k/ads");
    g.throughput(Throughput::Elements(bodies.len() as u64));
    g.bench_function("crate", |b| {
        b.iter(|| run(&bodies, |x| crate_decode(Api::Ads, x)))
    });
    g.bench_function("borrowed", |b| {
        b.iter(|| run(&bodies, |x| borrowed_decode(Shape::Ads, x)))
    });
    g.bench_function("value", |b| b.iter(|| run(&bodies, value_decode)));
    g.bench_function("ignored_any", |b| {
        b.iter(|| run(&bodies, ignored_any_decode))
    });
    g.finish();

    // Typed payloads: the user's page type from a 10 KB success body. Baseline: the
    // hand-written single pass (`hand_written`); the crate's `Response<T>` and `decode_as`;
    // the old `decode` + `data_as` path beside them.
    check_typed_bodies();
    for shape in TypedShape::ALL {
        let bodies = shape.bodies();
        let mut g = c.benchmark_group(format!("{}/{}", shape.group(), shape.name()));
        g.throughput(Throughput::Elements(bodies.len() as u64));
        for &v in TYPED_VARIANTS {
            let f = typed_fn(v).expect("variant");
            g.bench_function(v, |b| b.iter(|| run(&bodies, |x| f(shape, x))));
        }
        g.finish();
    }
}

criterion_group! {
    name = benches;
    // 32 benchmarks: about 75 seconds on this project's 2-vCPU machine.
    config = common::criterion_config(500, 1500);
    targets = decodes
}
criterion::criterion_main!(benches);
