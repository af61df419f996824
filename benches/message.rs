//! `message::read_message` (what `ApiError::details()` runs) on typical TikTok messages, next to
//! trivial in-process baselines in the same run, and `message::diagnose` (what
//! `ApiError::diagnoses()` runs). The messages are real ones from `tests/data/messages.toml`.
//!
//! Baselines: `contains` is one case-sensitive substring test (`message.contains("invalid")`),
//! the least any caller does with a message; `lowercase_contains` is what callers write by hand
//! today (`message.to_lowercase().contains("not acceptable")`, one allocation).

mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use tiktok_errors::message::{diagnose, read_message};
use tiktok_errors::Api;

/// Typical messages: a leading path with value lists, a field list, a bound, a not-found id,
/// and one the reader finds nothing in.
const MESSAGES: &[(&str, &str)] = &[
    (
        "path_and_values",
        "brand_safety: one or more value of the params is not acceptable, correct is THIRD_PARTY, LIMITED_INVENTORY, current is NO_BRAND_SAFETY",
    ),
    (
        "field_list",
        "Please correct the information in invalid metric fields and try again. Invalid metric fields: ['voucher_spend', 'cash_spend']. ",
    ),
    ("bound", "max time span is 1 day when use stat_time_hour"),
    ("not_found", "The advertiser 123 doesn't exist or has been deleted."),
    ("nothing", "System error."),
    (
        "label_path",
        "Invalid Param(s): 'placement_type'. The placement_type only supports 'PLACEMENT_TYPE_NORMAL'.",
    ),
    (
        "rate_limit",
        "App 7659707118749564929 reaches the QPS limit 1, current QPS is 2.",
    ),
    // Round two: a named pair and a mismatch (diagnosed by the entry's stated condition), and
    // a condition with its subject that only the stated-condition rule diagnoses.
    ("named_pair", "Identity_type and Identity_bc_ID don't match"),
    ("stated_condition", "Unsupported report_type in sandbox environment."),
];

fn reading(c: &mut Criterion) {
    let mut g = c.benchmark_group("read_message");
    for (name, m) in MESSAGES {
        g.bench_function(format!("details/{name}"), |b| {
            b.iter(|| read_message(black_box(m)))
        });
        g.bench_function(format!("contains/{name}"), |b| {
            b.iter(|| black_box(m).contains("invalid"))
        });
        g.bench_function(format!("lowercase_contains/{name}"), |b| {
            b.iter(|| black_box(m).to_lowercase().contains("not acceptable"))
        });
    }
    g.finish();
}

fn diagnosing(c: &mut Criterion) {
    let mut g = c.benchmark_group("diagnose");
    // Warm the search index (built once, on first use).
    black_box(diagnose(MESSAGES[0].1, Some(Api::Ads)));
    for (name, m) in MESSAGES[1..4].iter().chain(&MESSAGES[5..]) {
        g.bench_function(*name, |b| b.iter(|| diagnose(black_box(m), Some(Api::Ads))));
    }
    g.finish();
}

criterion_group! {
    name = benches;
    // 29 benchmarks: about 40 seconds on this project's 2-vCPU machine.
    config = common::criterion_config(200, 800);
    targets = reading, diagnosing
}
criterion_main!(benches);
