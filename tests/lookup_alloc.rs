//! Code lookups never allocate: `ErrorCode::from_code`, `ErrorCode::from_int`, `lookup` and
//! `lookup_int`, on every known code and alias (hits) and on misses that look like codes (near
//! misses, novel codes, odd case and whitespace, non-ASCII, over-long keys), counted with a
//! counting global allocator. The lookup benches (benches/lookup.rs) time the same functions;
//! this test is where "no allocation" is held.
//!
//! The counter is thread-local: the test harness runs tests on parallel threads, and only the
//! allocations of the thread under measurement count.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;

use tiktok_errors::{
    lookup, lookup_int, AdsCode, AdsDiagnosis, AnyCode, BusinessMessagingCode, ContentPostingCode,
    ErrorCode, OAuthCode, WireCode,
};

struct Counting;

thread_local! {
    static ARMED: Cell<bool> = const { Cell::new(false) };
    static ALLOCS: Cell<usize> = const { Cell::new(0) };
}

fn count() {
    // `try_with`: the allocator also runs while thread-locals are being torn down.
    if ARMED.try_with(Cell::get).unwrap_or(false) {
        let _ = ALLOCS.try_with(|c| c.set(c.get() + 1));
    }
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged; the counters
// are const-initialised thread-locals without destructors, so touching them never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: forwarded unchanged; the caller upholds `GlobalAlloc::alloc`'s contract.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        // SAFETY: as above; `ptr` and `layout` come from this allocator.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The number of allocations `f` makes on this thread.
fn allocations(f: impl FnOnce()) -> usize {
    ALLOCS.with(|c| c.set(0));
    ARMED.with(|a| a.set(true));
    f();
    ARMED.with(|a| a.set(false));
    ALLOCS.with(Cell::get)
}

#[test]
fn the_counter_counts() {
    assert_eq!(allocations(|| drop(black_box(vec![1u8; 16]))), 1);
    assert_eq!(allocations(|| drop(black_box(String::from("x")))), 1);
    assert_eq!(allocations(|| _ = black_box(1 + 1)), 0);
}

/// Every code (as text) and alias of a family.
fn keys<C: ErrorCode>() -> Vec<String> {
    C::ALL
        .iter()
        .flat_map(|c| {
            let e = c.entry();
            std::iter::once(e.code().to_string()).chain(e.aliases().map(|a| a.to_string()))
        })
        .collect()
}

fn ints<C: ErrorCode>() -> Vec<i64> {
    C::ALL
        .iter()
        .filter_map(|c| match c.code() {
            WireCode::Int(i) => Some(i),
            WireCode::Str(_) => None,
        })
        .collect()
}

/// Keys that look like codes but are none: each known key with its last byte changed, in the
/// other case, padded, prefixed; plus novel, non-ASCII and over-long keys.
fn misses(known: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for k in known {
        let mut b = k.clone().into_bytes();
        if let Some(last) = b.last_mut() {
            *last = if *last == b'x' { b'y' } else { b'x' };
        }
        out.push(String::from_utf8(b).expect("ASCII"));
        out.push(k.to_ascii_uppercase());
        out.push(k.to_ascii_lowercase());
        out.push(format!("  {k}\t"));
        out.push(format!("{k}_v2"));
        out.push(format!("x{k}"));
    }
    out.extend(
        [
            "",
            " ",
            "0000",
            "-1",
            "99999999999999999999999",
            "CAMPAIGN_BUDGET_EXCEEDED_LIMIT",
            "spam_risk_new_policy",
            "accès_refusé",
            "😀",
            "ＡＣＣＥＳＳ",
        ]
        .map(String::from),
    );
    out.push("A".repeat(95));
    out.push("a".repeat(96));
    out.push("b".repeat(97));
    out.push("x".repeat(10_000));
    out
}

fn check_family<C: ErrorCode>(all: &[String], miss: &[String]) {
    let ks = keys::<C>();
    let n = allocations(|| {
        for k in &ks {
            assert!(black_box(C::from_code(black_box(k))).is_some());
        }
    });
    assert_eq!(n, 0, "{:?}::from_code allocated on hits", C::API);
    let n = allocations(|| {
        for k in all.iter().chain(miss) {
            black_box(C::from_code(black_box(k)));
        }
    });
    assert_eq!(n, 0, "{:?}::from_code allocated on misses", C::API);
    let is = ints::<C>();
    let n = allocations(|| {
        for &i in &is {
            assert!(black_box(C::from_int(black_box(i))).is_some());
        }
        for i in (-5..5).chain(39_990..60_010).chain([i64::MIN, i64::MAX]) {
            black_box(C::from_int(black_box(i)));
        }
    });
    assert_eq!(n, 0, "{:?}::from_int allocated", C::API);
}

#[test]
fn family_lookups_do_not_allocate() {
    let all: Vec<String> = keys::<AdsCode>()
        .into_iter()
        .chain(keys::<AdsDiagnosis>())
        .chain(keys::<ContentPostingCode>())
        .chain(keys::<BusinessMessagingCode>())
        .chain(keys::<OAuthCode>())
        .collect();
    let miss = misses(&all);
    check_family::<AdsCode>(&all, &miss);
    check_family::<AdsDiagnosis>(&all, &miss);
    check_family::<ContentPostingCode>(&all, &miss);
    check_family::<BusinessMessagingCode>(&all, &miss);
    check_family::<OAuthCode>(&all, &miss);
}

#[test]
fn cross_family_lookups_do_not_allocate() {
    let all: Vec<String> = AnyCode::all()
        .flat_map(|c| {
            let e = c.entry();
            std::iter::once(e.code().to_string()).chain(e.aliases().map(|a| a.to_string()))
        })
        .collect();
    let miss = misses(&all);
    let n = allocations(|| {
        for k in &all {
            assert!(!black_box(lookup(black_box(k))).is_empty(), "{k}");
        }
    });
    assert_eq!(n, 0, "lookup allocated on hits");
    let n = allocations(|| {
        for k in &miss {
            black_box(lookup(black_box(k)));
        }
    });
    assert_eq!(n, 0, "lookup allocated on misses and case variants");
    let known: Vec<i64> = AnyCode::all()
        .filter_map(|c| match c.entry().code() {
            WireCode::Int(i) => Some(i),
            WireCode::Str(_) => None,
        })
        .collect();
    let n = allocations(|| {
        for &i in &known {
            assert!(!black_box(lookup_int(black_box(i))).is_empty(), "{i}");
        }
        for i in (-5..5).chain(39_990..60_010).chain([i64::MIN, i64::MAX]) {
            black_box(lookup_int(black_box(i)));
        }
    });
    assert_eq!(n, 0, "lookup_int allocated");
}

#[test]
fn rate_limit_lookups_do_not_allocate() {
    use tiktok_errors::limits::{for_path, Tier};
    let mut paths: Vec<String> = tiktok_errors::limits::rows()
        .filter_map(|r| r.path())
        .flat_map(|p| {
            let full = if p.starts_with("/v2/") {
                p.to_owned()
            } else {
                format!("/open_api/v1.3{p}")
            };
            [
                format!("https://business-api.tiktok.com{full}?a=1"),
                full.trim_end_matches('/').to_owned(),
                full,
            ]
        })
        .collect();
    paths.extend(
        [
            "",
            "/",
            "/open_api/v1.3/campaign/get/",
            "/api/products/search",
            "/v2/research/video/query/",
        ]
        .map(str::to_owned),
    );
    let n = allocations(|| {
        for p in &paths {
            for tier in Tier::ALL {
                for sandbox in [false, true] {
                    black_box(for_path(black_box(p), tier, sandbox));
                }
            }
        }
    });
    assert_eq!(n, 0, "for_path allocated");
}
