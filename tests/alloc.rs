//! What decoding allocates, measured with a counting global allocator.
//!
//! The crate promises (src/decode.rs, "What decoding allocates"): a success allocates nothing,
//! its payload and ids are borrowed from the body; an error allocates its box, the message and
//! the request id (one `String` each), a string code, and a copy of a non-empty `data`. Nothing
//! grows with the size of the body. These tests hold the decoder to exact counts, so a new
//! allocation on the hot path fails here rather than in a profile.
//!
//! Counters are thread-local: the test harness runs tests on parallel threads, and only the
//! allocations of the thread under measurement count.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use tiktok_errors::{decode, Api, Decoder, TikTokError};

struct Counting;

thread_local! {
    static ARMED: Cell<bool> = const { Cell::new(false) };
    static ALLOCS: Cell<usize> = const { Cell::new(0) };
    static BYTES: Cell<usize> = const { Cell::new(0) };
}

fn count(bytes: usize) {
    // `try_with`: the allocator also runs while thread-locals are being torn down.
    let armed = ARMED.try_with(Cell::get).unwrap_or(false);
    if armed {
        let _ = ALLOCS.try_with(|c| c.set(c.get() + 1));
        let _ = BYTES.try_with(|c| c.set(c.get() + bytes));
    }
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged; the counters
// are const-initialised thread-locals without destructors, so touching them never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: forwarded unchanged; the caller upholds `GlobalAlloc::alloc`'s contract.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // A growth is a new allocation of `new_size` bytes as far as cost goes.
        count(new_size);
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

/// Runs `f` and returns its result with the number of allocations and bytes it made. The
/// result is dropped by the caller, outside the measurement.
fn measure<T>(f: impl FnOnce() -> T) -> (T, usize, usize) {
    ALLOCS.with(|c| c.set(0));
    BYTES.with(|c| c.set(0));
    ARMED.with(|a| a.set(true));
    let out = std::hint::black_box(f());
    ARMED.with(|a| a.set(false));
    (out, ALLOCS.with(Cell::get), BYTES.with(Cell::get))
}

/// Decodes `body` and returns (allocations, bytes) made by decoding alone.
fn cost(decoder: &Decoder<'_>, body: &str) -> (usize, usize) {
    let (result, n, bytes) = measure(|| decoder.decode(body).map(|s| s.api()));
    drop(result);
    (n, bytes)
}

fn cost_of(api: Api, body: &str) -> usize {
    cost(&Decoder::new(api), body).0
}

#[test]
fn the_counter_counts() {
    // Guards the harness: a counter that saw nothing would pass every bound below.
    let (v, n, bytes) = measure(|| vec![0u8; 100]);
    assert_eq!((n, bytes), (1, 100));
    drop(v);
    let ((), n, _) = measure(|| ());
    assert_eq!(n, 0);
    // And it sees the decoder: an error allocates at least its box.
    assert!(cost_of(Api::Ads, r#"{"code":40100}"#) >= 1);
}

#[test]
fn successes_with_escape_free_ids_allocate_nothing() {
    let cases: &[(Api, &str)] = &[
        (
            Api::Ads,
            r#"{"code":0,"message":"OK","request_id":"2026112201","data":{"campaign_id":"1","budget":50.0,"name":"x"}}"#,
        ),
        (
            Api::Ads,
            r#"{"code":0,"message":"OK","request_id":"2026112201"}"#,
        ),
        (
            Api::Ads,
            r#"{"code":0,"message":"OK","request_id":"r","data":null,"extra":[1,"two",null]}"#,
        ),
        (
            Api::Ads,
            r#"{"code":"0","message":"OK","request_id":"r","data":[1,2,3]}"#,
        ),
        (
            Api::Ads,
            r#"{"code":20001,"message":"OK","request_id":"r","data":[1,2,3]}"#,
        ),
        (
            Api::BusinessMessaging,
            r#"{"code":0,"message":"OK","request_id":"bm","data":{"message_id":"m"}}"#,
        ),
        (
            Api::ContentPosting,
            r#"{"data":{"publish_id":"v_pub_1"},"error":{"code":"ok","message":"","log_id":"L1"}}"#,
        ),
        // Mentions FAILED, so the publish status is parsed; the parse borrows.
        (
            Api::ContentPosting,
            r#"{"data":{"status":"PUBLISH_COMPLETE","note":"FAILED"},"error":{"code":"ok","message":"","log_id":"L1"}}"#,
        ),
        (
            Api::OAuth,
            r#"{"access_token":"act.1","expires_in":86400,"open_id":"o","refresh_expires_in":31536000,"refresh_token":"rft.1","scope":"user.info.basic","token_type":"Bearer","log_id":"L"}"#,
        ),
    ];
    for (api, body) in cases {
        assert!(decode(*api, body).is_ok(), "{body}");
        assert_eq!(cost_of(*api, body), 0, "{body}");
    }
    // Detection costs nothing extra.
    for (_, body) in cases {
        assert_eq!(cost(&Decoder::detect(), body).0, 0, "detect: {body}");
    }
}

#[test]
fn nested_success_data_only_grows_the_parsers_scratch() {
    // serde_json keeps a stack of the brackets it is skipping in its scratch buffer when `data`
    // (or any skipped value) nests two or more levels: one small allocation (documented in
    // src/decode.rs), never a copy.
    for body in [
        r#"{"code":0,"message":"OK","request_id":"r","data":{"list":[{"id":"1"}],"page_info":{"page":1,"total_number":1}}}"#,
        r#"{"code":0,"message":"OK","request_id":"r","data":null,"extra":{"a":{"b":[1]}}}"#,
        r#"{"data":{"videos":[{"id":"1"}]},"error":{"code":"ok","message":"","log_id":"L"}}"#,
    ] {
        let api = if body.starts_with(r#"{"code""#) {
            Api::Ads
        } else {
            Api::ContentPosting
        };
        let (n, bytes) = cost(&Decoder::new(api), body);
        assert!(
            n <= 1 && bytes <= 16,
            "{body}: {n} allocations, {bytes} bytes"
        );
    }
}

#[test]
fn escaped_ids_and_header_ids_are_the_documented_exceptions() {
    // An id with JSON escapes: serde_json unescapes it into its scratch buffer (1), and the
    // decoder keeps it as a `String` (1).
    let (n, _) = cost(
        &Decoder::new(Api::Ads),
        r#"{"code":0,"message":"OK","request_id":"r\"1"}"#,
    );
    assert_eq!(n, 2);
    // An id that only the `x-tt-logid` header has: copied into the result (1).
    let d = Decoder::new(Api::Ads).header("x-tt-logid", "L-header");
    assert_eq!(cost(&d, r#"{"code":0,"message":"OK"}"#).0, 1);
    // A body id wins and the header costs nothing.
    assert_eq!(
        cost(&d, r#"{"code":0,"message":"OK","request_id":"r"}"#).0,
        0
    );
}

/// What an error may allocate, one item each: its box, the message (when non-empty), the
/// request id (when present), the code when it is a string (v2, OAuth, a fail reason, a
/// Business API code sent as a string), and a copy of `data` when it is non-empty.
fn error_budget(message: bool, id: bool, string_code: bool, data: bool) -> usize {
    1 + usize::from(message) + usize::from(id) + usize::from(string_code) + usize::from(data)
}

/// serde_json's scratch buffer, when the body has a skipped value nested two levels or more.
const SCRATCH: usize = 1;

#[test]
fn errors_allocate_box_message_id_and_string_code_only() {
    let cases: &[(Api, &str, usize)] = &[
        (
            Api::Ads,
            r#"{"code":40100,"message":"App reaches the QPS limit.","request_id":"r"}"#,
            error_budget(true, true, false, false),
        ),
        (
            Api::Ads,
            r#"{"code":40100,"message":"m","request_id":"r","data":{}}"#,
            error_budget(true, true, false, false),
        ),
        (
            Api::Ads,
            r#"{"code":40100,"message":"m","request_id":"r","data":[ ]}"#,
            error_budget(true, true, false, false),
        ),
        (
            Api::Ads,
            r#"{"code":40100,"message":"m","request_id":"r","data":null}"#,
            error_budget(true, true, false, false),
        ),
        (
            Api::Ads,
            r#"{"code":40002,"message":"m","request_id":"r","data":{"field":"budget"}}"#,
            error_budget(true, true, false, true),
        ),
        (
            Api::Ads,
            r#"{"code":40105}"#,
            error_budget(false, false, false, false),
        ),
        (
            Api::Ads,
            r#"{"code":40105,"message":""}"#,
            error_budget(false, false, false, false),
        ),
        (
            Api::Ads,
            r#"{"code":51234,"message":"new","request_id":"r","extra":[1,2,3]}"#,
            error_budget(true, true, false, false),
        ),
        (
            Api::Ads,
            r#"{"code":51234,"message":"new","request_id":"r","extra":{"big":[1,2,3]}}"#,
            error_budget(true, true, false, false) + SCRATCH,
        ),
        (
            Api::Ads,
            r#"{"code":"40001","message":"m","request_id":"r"}"#,
            error_budget(true, true, true, false),
        ),
        (
            Api::BusinessMessaging,
            r#"{"code":40064,"message":"m","request_id":"r"}"#,
            error_budget(true, true, false, false),
        ),
        (
            Api::ContentPosting,
            r#"{"data":{},"error":{"code":"access_token_invalid","message":"m","log_id":"L"}}"#,
            error_budget(true, true, true, false),
        ),
        (
            Api::ContentPosting,
            r#"{"data":{},"error":{"code":"spam_risk_too_many_posts","message":"","log_id":"L"}}"#,
            error_budget(false, true, true, false),
        ),
        // A failed publish: the fail reason is the string code, `data` is kept.
        (
            Api::ContentPosting,
            r#"{"data":{"status":"FAILED","fail_reason":"video_pull_failed"},"error":{"code":"ok","message":"","log_id":"L"}}"#,
            error_budget(false, true, true, true),
        ),
        (
            Api::OAuth,
            r#"{"error":"invalid_grant","error_description":"Authorization code is expired.","log_id":"L"}"#,
            error_budget(true, true, true, false),
        ),
    ];
    for (api, body, budget) in cases {
        assert!(decode(*api, body).is_err(), "{body}");
        assert_eq!(cost_of(*api, body), *budget, "{body}");
    }
}

fn big_success_body(min_len: usize) -> String {
    let mut body =
        String::from(r#"{"code":0,"message":"OK","request_id":"2026112201","data":{"list":["#);
    let mut i = 0;
    while body.len() < min_len {
        if i > 0 {
            body.push(',');
        }
        body.push_str(&format!(r#"{{"campaign_id":"{i}","name":"campaign number {i}","budget":{i}.5,"tags":["a","b"]}}"#));
        i += 1;
    }
    body.push_str(r#"],"page_info":{"page":1}}}"#);
    body
}

#[test]
fn a_1_mb_success_does_not_allocate_with_its_size() {
    let body = big_success_body(1 << 20);
    let (n, bytes) = cost(&Decoder::new(Api::Ads), &body);
    assert!(bytes < 1024, "1 MB success: {n} allocations, {bytes} bytes");
    // The same for v2.
    let v2 = format!(
        r#"{{"data":{},"error":{{"code":"ok","message":"","log_id":"L"}}}}"#,
        &body[body.find(r#"{"list""#).unwrap()..body.len() - 1]
    );
    assert!(v2.len() > 1 << 20);
    assert!(decode(Api::ContentPosting, &v2).is_ok());
    let (n, bytes) = cost(&Decoder::new(Api::ContentPosting), &v2);
    assert!(
        bytes < 1024,
        "1 MB v2 success: {n} allocations, {bytes} bytes"
    );
}

#[test]
fn a_1_mb_error_allocates_only_what_it_keeps() {
    // The megabyte sits in a key the decoder skips: the error costs what a small one does.
    let body = format!(
        r#"{{"code":40100,"message":"m","request_id":"r","debug":{}}}"#,
        &big_success_body(1 << 20)
    );
    let (n, bytes) = cost(&Decoder::new(Api::Ads), &body);
    assert_eq!(
        n,
        error_budget(true, true, false, false) + SCRATCH,
        "{bytes} bytes"
    );
    assert!(bytes < 1024, "{bytes} bytes");
}

#[test]
fn a_large_unreadable_body_costs_a_bounded_amount() {
    // A gateway page of any size: the error keeps a bounded prefix, never the body.
    for size in [1_000, 1 << 20] {
        let page = format!(
            "<html><body>{}</body></html>",
            "502 Bad Gateway ".repeat(size / 16)
        );
        let d = Decoder::new(Api::Ads).status(502);
        assert!(matches!(d.decode(&page), Err(TikTokError::Malformed(_))));
        let (_, bytes) = cost(&d, &page);
        assert!(bytes < 2048, "{} byte page: {bytes} bytes", page.len());
    }
}

/// `read_message` borrows everything it reports from the message: a message it reads nothing
/// from costs no allocation, and one it reads costs only the lists it fills.
#[cfg(feature = "message")]
#[test]
fn reading_a_message_allocates_only_what_it_finds() {
    use tiktok_errors::message::read_message;
    for m in [
        "System error.",
        "internal service timeout",
        "Could not acquire IP",
        "",
        "An error occurred processing the code.",
    ] {
        let (d, n, _) = measure(|| read_message(m));
        assert!(d.is_empty(), "{m}");
        assert_eq!(n, 0, "{m:?} allocated {n} times");
    }
    // Something found: at most one allocation per list filled, plus the scanner's one list of
    // claimed spans.
    let m = "brand_safety: one or more value of the params is not acceptable, correct is \
             THIRD_PARTY, LIMITED_INVENTORY, current is NO_BRAND_SAFETY";
    let (d, n, _) = measure(|| read_message(m));
    assert_eq!(d.accepted().len(), 2);
    assert!(n <= 8, "{n} allocations");
}
