//! The benchmark cases of `benches/` as one runnable binary, for the two figures criterion
//! does not give: instruction counts and interleaved wall-clock ratios. The cases run the exact
//! functions and inputs of the criterion benches (`benches/common/`).
//!
//! ```text
//! cargo run --release -p tiktok-errors-benches --bin bench_cases -- list                 # case names, ops per rep
//! cargo run --release -p tiktok-errors-benches --bin bench_cases -- run decode_error/ads/crate 1000
//! cargo run --release -p tiktok-errors-benches --bin bench_cases -- interleave [REGEX] [ROUNDS]
//! cargo run --release -p tiktok-errors-benches --bin bench_cases -- first-search-wall    # the index build, timed
//! ```
//!
//! - `run <case> <reps>` is what `benches/icount.sh` counts under callgrind: instructions per
//!   operation = (I(2N) - I(N)) / (N * ops per rep), so start-up and input set-up cancel out.
//! - `interleave` runs every case of a group (e.g. `decode_error/oauth/*`) in ~5 ms slices,
//!   rotating the order each round, and prints per-case median ns/op and the median of the
//!   per-round ratios to the group's baseline (`match` or `borrowed`): two methods are always
//!   compared under the same machine state, which holds on a shared, noisy machine.

mod common;

use std::hint::black_box;
use std::time::Instant;

use common::*;
use tiktok_errors::search::{search, SearchOptions};
use tiktok_errors::{AdsCode, Api, ContentPostingCode};

/// One case: the work of one repetition and how many operations it performs.
type Case = (Box<dyn FnMut()>, usize);

const STRATEGIES: &[&str] = &[
    "crate",
    "match",
    "match_by_len",
    "match_int_first",
    "hashmap_std",
    "linear",
];

fn lookup_case(group: &str, what: &str, strategy: &str) -> Option<Case> {
    fn pick<K: Clone + 'static>(set: KeySet<K>, what: &str) -> Option<Vec<K>> {
        match what {
            "hit" => Some(set.hits),
            "miss" => Some(set.misses),
            _ => None,
        }
    }
    let f: Box<dyn FnMut()> = match group {
        "ads_from_code" | "content_posting_from_code" => {
            let ads = group == "ads_from_code";
            let keys = pick(
                if ads {
                    ads_str_set()
                } else {
                    content_posting_str_set()
                },
                what,
            )?;
            macro_rules! family {
                ($c:ty, $m:expr, $ml:expr, $mi:expr) => {{
                    let map = str_hashmap::<$c>();
                    let int_first: Option<fn(&str) -> Option<$c>> = $mi;
                    match strategy {
                        "crate" => Box::new(move || run_batch(&keys, |k| crate_from_code::<$c>(k))),
                        "match" => Box::new(move || run_batch(&keys, |k| $m(k))),
                        "match_by_len" => Box::new(move || run_batch(&keys, |k| $ml(k))),
                        "match_int_first" => {
                            let f = int_first?;
                            Box::new(move || run_batch(&keys, |k| f(k)))
                        }
                        "hashmap_std" => {
                            Box::new(move || run_batch(&keys, |k| hashmap_from_code(&map, k)))
                        }
                        "linear" => {
                            Box::new(move || run_batch(&keys, |k| linear_from_code::<$c>(k)))
                        }
                        _ => return None,
                    }
                }};
            }
            if ads {
                family!(
                    AdsCode,
                    ads_from_code_match,
                    ads_from_code_match_by_len,
                    Some(ads_from_code_int_first)
                )
            } else {
                family!(
                    ContentPostingCode,
                    content_posting_from_code_match,
                    content_posting_from_code_match_by_len,
                    None
                )
            }
        }
        "ads_from_int" => {
            let keys = pick(ads_int_set(), what)?;
            let map = int_hashmap::<AdsCode>();
            match strategy {
                "crate" => Box::new(move || run_batch(&keys, |&k| crate_from_int::<AdsCode>(k))),
                "match" => Box::new(move || run_batch(&keys, |&k| ads_from_int_match(k))),
                "hashmap_std" => Box::new(move || run_batch(&keys, |&k| hashmap_from_int(&map, k))),
                "linear" => Box::new(move || run_batch(&keys, |&k| linear_from_int::<AdsCode>(k))),
                _ => return None,
            }
        }
        "lookup" => {
            let keys = pick(any_str_set(), what)?;
            let t = AnyTables::new();
            match strategy {
                "crate" => Box::new(move || run_batch(&keys, |k| crate_lookup(k))),
                "match" => Box::new(move || run_batch(&keys, |k| match_lookup(k))),
                "match_by_len" => Box::new(move || run_batch(&keys, |k| match_by_len_lookup(k))),
                "hashmap_std" => Box::new(move || run_batch(&keys, |k| hashmap_lookup(&t, k))),
                "linear" => Box::new(move || run_batch(&keys, |k| linear_lookup(&t, k))),
                _ => return None,
            }
        }
        "lookup_int" => {
            let keys = pick(any_int_set(), what)?;
            let t = AnyTables::new();
            match strategy {
                "crate" => Box::new(move || run_batch(&keys, |&k| crate_lookup_int(k))),
                "match" => Box::new(move || run_batch(&keys, |&k| match_lookup_int(k))),
                "hashmap_std" => Box::new(move || run_batch(&keys, |&k| hashmap_lookup_int(&t, k))),
                "linear" => Box::new(move || run_batch(&keys, |&k| linear_lookup_int(&t, k))),
                _ => return None,
            }
        }
        _ => return None,
    };
    Some((f, BATCH))
}

fn run_bodies(bodies: &[Vec<u8>], f: impl Fn(&[u8]) -> bool) {
    for b in bodies {
        black_box(f(black_box(b)));
    }
}

fn decode_case(shape: Option<Shape>, variant: &str) -> Option<Case> {
    let (bodies, api, shape) = match shape {
        Some(s) => (error_bodies(s), s.api(), s),
        None => (success_bodies(), Api::Ads, Shape::Ads),
    };
    let n = bodies.len();
    let f: Box<dyn FnMut()> = match variant {
        "crate" => Box::new(move || run_bodies(&bodies, |x| crate_decode(api, x))),
        "borrowed" => Box::new(move || run_bodies(&bodies, |x| borrowed_decode(shape, x))),
        "value" => Box::new(move || run_bodies(&bodies, value_decode)),
        "ignored_any" => Box::new(move || run_bodies(&bodies, ignored_any_decode)),
        // Diagnostic, not in the criterion bench: the crate's serde envelope parse alone
        // (`TikTokResponse` with the payload skipped), without interpretation. (`Envelope`, the
        // borrowed reader this measured before issue 17, is gone.)
        "envelope_only" if n == BODIES => Box::new(move || {
            run_bodies(&bodies, |x| {
                serde_json::from_slice::<tiktok_errors::TikTokResponse<serde::de::IgnoredAny>>(x)
                    .is_ok()
            })
        }),
        "owned_typed" if n == BODIES => {
            Box::new(move || run_bodies(&bodies, |x| owned_decode(shape, x)))
        }
        _ => return None,
    };
    Some((f, n))
}

fn case(name: &str) -> Option<Case> {
    let parts: Vec<&str> = name.split('/').collect();
    match parts.as_slice() {
        ["noop"] => Some((Box::new(|| {}), 1)),
        ["decode_error", shape, variant] => {
            let shape = Shape::ALL.into_iter().find(|s| s.name() == *shape)?;
            decode_case(Some(shape), variant)
        }
        ["decode_success_10k", "ads", variant] => decode_case(None, variant),
        [group @ ("decode_typed_10k" | "decode_typed"), shape, variant] => {
            let shape = TypedShape::ALL
                .into_iter()
                .find(|s| s.group() == *group && s.name() == *shape)?;
            let f = typed_fn(variant)?;
            let bodies = shape.bodies();
            let n = bodies.len();
            Some((Box::new(move || run_bodies(&bodies, |x| f(shape, x))), n))
        }
        ["search", query] => {
            let q = query.to_string();
            let opts = SearchOptions::default();
            // Warm the index outside the counted difference (it is built once per process).
            black_box(search("warm", &opts));
            Some((
                Box::new(move || drop(black_box(search(black_box(&q), &opts)))),
                1,
            ))
        }
        // The first search of a process: builds the index. Run with reps = 1 only; its count
        // minus `noop` minus one warm search of the same query is the index build.
        ["search_cold", query] => {
            let q = query.to_string();
            Some((
                Box::new(move || drop(black_box(search(&q, &SearchOptions::default())))),
                1,
            ))
        }
        // The rate-limit budget's in-process reservation (three windows) and governor's
        // single-window check (benches/budget.rs): 1024 operations a repetition.
        ["budget", variant] => budget_case(variant),
        [group, what, strategy] => lookup_case(group, what, strategy),
        _ => None,
    }
}

fn budget_case(variant: &str) -> Option<Case> {
    use std::num::NonZeroU32;
    use tiktok_errors::budget::{Budget, Request};
    const N: usize = 1024;
    let f: Box<dyn FnMut()> = match variant {
        "governor_check" => {
            let l = governor::RateLimiter::direct(governor::Quota::per_second(NonZeroU32::MAX));
            Box::new(move || {
                for _ in 0..N {
                    black_box(l.check().is_ok());
                }
            })
        }
        "reserve_3_windows" | "reserve_3_windows_and_advertiser" => {
            let b = Budget::builder("bench-app")
                .max_wait(std::time::Duration::from_secs(10 * 365 * 86_400))
                .build()
                .ok()?;
            let adv = variant.ends_with("advertiser");
            Box::new(move || {
                let mut r = Request::new("/open_api/v1.3/event/track/");
                if adv {
                    r = r.advertiser("7000000001");
                }
                for _ in 0..N {
                    black_box(b.reserve_blocking(&r).is_ok());
                }
            })
        }
        "route_reserve_3_windows" => {
            let b = Budget::builder("bench-app")
                .max_wait(std::time::Duration::from_secs(10 * 365 * 86_400))
                .build()
                .ok()?;
            let route = b.route(&Request::new("/open_api/v1.3/event/track/"));
            Box::new(move || {
                for _ in 0..N {
                    black_box(route.reserve_blocking().is_ok());
                }
            })
        }
        _ => return None,
    };
    Some((f, N))
}

fn list() -> Vec<String> {
    let mut out = vec!["noop".to_owned()];
    for v in [
        "governor_check",
        "reserve_3_windows",
        "reserve_3_windows_and_advertiser",
        "route_reserve_3_windows",
    ] {
        out.push(format!("budget/{v}"));
    }
    for group in [
        "ads_from_code",
        "content_posting_from_code",
        "ads_from_int",
        "lookup",
        "lookup_int",
    ] {
        for what in ["hit", "miss"] {
            for s in STRATEGIES {
                let name = format!("{group}/{what}/{s}");
                if lookup_case(group, what, s).is_some() {
                    out.push(name);
                }
            }
        }
    }
    for v in [
        "crate",
        "borrowed",
        "value",
        "ignored_any",
        "owned_typed",
        "envelope_only",
    ] {
        for s in Shape::ALL {
            out.push(format!("decode_error/{}/{v}", s.name()));
        }
        if !matches!(v, "owned_typed" | "envelope_only") {
            out.push(format!("decode_success_10k/ads/{v}"));
        }
    }
    for s in TypedShape::ALL {
        for v in TYPED_VARIANTS {
            out.push(format!("{}/{}/{v}", s.group(), s.name()));
        }
    }
    for q in QUERIES {
        out.push(format!("search/{q}"));
    }
    out
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Interleaved wall-clock runs: see the module docs.
fn interleave(pattern: &str, rounds: usize) {
    const SLICE: f64 = 0.005;
    let names: Vec<String> = list()
        .into_iter()
        .filter(|n| n != "noop" && !n.starts_with("search") && n.contains(pattern))
        .collect();
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for n in names {
        let g = n.rsplit_once('/').map_or(n.as_str(), |(g, _)| g).to_owned();
        match groups.iter_mut().find(|(name, _)| *name == g) {
            Some((_, v)) => v.push(n),
            None => groups.push((g, vec![n])),
        }
    }
    println!("case\tmedian_ns_per_op\tmedian_ratio_to_baseline\tbaseline");
    for (_, members) in groups {
        let mut cases: Vec<(String, Case, usize)> = members
            .iter()
            .map(|n| {
                let mut c = case(n).expect("listed cases exist");
                // Calibrate: repetitions per ~5 ms slice.
                (c.0)();
                let t = Instant::now();
                let mut reps = 0;
                while t.elapsed().as_secs_f64() < SLICE {
                    (c.0)();
                    reps += 1;
                }
                (n.clone(), c, reps.max(1))
            })
            .collect();
        let base = cases
            .iter()
            .position(|(n, _, _)| n.ends_with("/match") || n.ends_with("/borrowed"))
            .unwrap_or(0);
        let k = cases.len();
        let mut ns: Vec<Vec<f64>> = vec![Vec::new(); k];
        let mut ratio: Vec<Vec<f64>> = vec![Vec::new(); k];
        for round in 0..rounds {
            let mut this = vec![0.0; k];
            for j in 0..k {
                let i = (j + round) % k;
                let (_, (f, ops), reps) = &mut cases[i];
                let t = Instant::now();
                for _ in 0..*reps {
                    f();
                }
                this[i] = t.elapsed().as_secs_f64() * 1e9 / (*reps * *ops) as f64;
            }
            for i in 0..k {
                ns[i].push(this[i]);
                ratio[i].push(this[i] / this[base]);
            }
        }
        for i in 0..k {
            println!(
                "{}\t{:.2}\t{:.3}\t{}",
                cases[i].0,
                median(&mut ns[i]),
                median(&mut ratio[i]),
                cases[base].0.rsplit('/').next().unwrap_or("")
            );
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("interleave") => {
            let pattern = args.get(1).map_or("", String::as_str);
            let rounds = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(60);
            interleave(pattern, rounds);
        }
        Some("list") => {
            for name in list() {
                let (_, ops) = case(&name).expect("listed cases exist");
                println!("{name}\t{ops}");
            }
        }
        Some("first-search-wall") => {
            let opts = SearchOptions::default();
            let t = Instant::now();
            black_box(search(QUERIES[0], &opts));
            let first = t.elapsed();
            let t = Instant::now();
            black_box(search(QUERIES[0], &opts));
            let second = t.elapsed();
            println!("{}\t{}", first.as_nanos(), second.as_nanos());
        }
        Some("run") => {
            let name = args.get(1).expect("usage: bench_cases run <case> <reps>");
            let reps: usize = args
                .get(2)
                .and_then(|r| r.parse().ok())
                .expect("usage: bench_cases run <case> <reps>");
            let (mut f, _) = case(name).unwrap_or_else(|| panic!("unknown case `{name}`"));
            for _ in 0..reps {
                f();
            }
        }
        _ => eprintln!(
            "usage: bench_cases list | run <case> <reps> | interleave [SUBSTRING] [ROUNDS] | first-search-wall"
        ),
    }
}
