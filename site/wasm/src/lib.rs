//! The error index's WebAssembly entry point (`decoder.wasm`): search and decode exactly as the
//! `tiktok-errors` crate does, for the page's JavaScript glue (`site/shell/app.js`).
//!
//! The host writes its input into the buffer `buf(len)` returns, calls `search` or `decode`
//! with the input's length, and reads that many bytes of JSON at `out()`. Everything is safe
//! Rust; the only `unsafe_code` lint exception is the exporting of the symbols themselves.
#![deny(unsafe_code)]
#![deny(missing_docs)]

use std::cell::RefCell;
use std::time::{Duration, UNIX_EPOCH};

use serde_json::{json, Value};
use tiktok_errors::report::ErrorReport;
use tiktok_errors::search::{search as search_catalogue, SearchOptions};
use tiktok_errors::site::retry_label;
use tiktok_errors::{Api, Category, Decoder, EntryKind, Retry};

thread_local! {
    static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static OUTPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Makes the input buffer `len` bytes long (zeroed) and returns where it starts.
#[allow(unsafe_code)] // exporting the symbol; the body is safe
#[no_mangle]
pub extern "C" fn buf(len: usize) -> *mut u8 {
    INPUT.with(|b| {
        let mut b = b.borrow_mut();
        b.clear();
        b.resize(len, 0);
        b.as_mut_ptr()
    })
}

/// Where the last answer starts.
#[allow(unsafe_code)] // exporting the symbol; the body is safe
#[no_mangle]
pub extern "C" fn out() -> *const u8 {
    OUTPUT.with(|b| b.borrow().as_ptr())
}

/// Searches the catalogue for the first `len` input bytes; answers a JSON array of at most
/// `limit` hits (`path`, `label`, `code`, `title`, `category`, `retry`, `match`; `category` and
/// `retry` in words, as the pages show them).
#[allow(unsafe_code)] // exporting the symbol; the body is safe
#[no_mangle]
pub extern "C" fn search(len: usize, limit: usize) -> usize {
    let query = with_input(len, |b| String::from_utf8_lossy(b).into_owned());
    answer(&search_json(&query, limit))
}

/// Decodes the first `len` input bytes as a response body; `status` 0 means none, `api` 0
/// detects the family (1 Ads, 2 Content Posting, 3 Business Messaging, 4 OAuth), `now_ms` is
/// the host's clock (milliseconds since 1970; 0 or less: none). Answers the `decode --json`
/// object plus `display` (the one-line message), `advice` (the retry advice in words),
/// `retry_label` and `category_label` (the retry class and category in words) and `path` (the
/// code's page, or null).
#[allow(unsafe_code)] // exporting the symbol; the body is safe
#[no_mangle]
pub extern "C" fn decode(len: usize, status: u32, api: u32, now_ms: f64) -> usize {
    let v = with_input(len, |body| decode_json(body, status, api, now_ms));
    answer(&v)
}

fn with_input<T>(len: usize, f: impl FnOnce(&[u8]) -> T) -> T {
    INPUT.with(|b| {
        let b = b.borrow();
        f(&b[..len.min(b.len())])
    })
}

fn answer(v: &Value) -> usize {
    let text = v.to_string().into_bytes();
    let n = text.len();
    OUTPUT.with(|b| *b.borrow_mut() = text);
    n
}

/// The search answer (public for native tests of the entry point).
pub fn search_json(query: &str, limit: usize) -> Value {
    let hits = search_catalogue(query, &SearchOptions::default().limit(limit.clamp(1, 50)));
    Value::Array(
        hits.iter()
            .map(|h| {
                let e = h.code().entry();
                json!({
                    "path": e.docs_path(),
                    "label": if e.kind() == EntryKind::Diagnosis { "Ads diagnosis" } else { e.api().label() },
                    "code": e.code().to_string(),
                    "title": e.title(),
                    "category": e.category().label(),
                    "retry": retry_label(e.retry()),
                    "match": h.kind(),
                })
            })
            .collect(),
    )
}

/// The decode answer (public for native tests of the entry point).
pub fn decode_json(body: &[u8], status: u32, api: u32, now_ms: f64) -> Value {
    let api = match api {
        1 => Some(Api::Ads),
        2 => Some(Api::ContentPosting),
        3 => Some(Api::BusinessMessaging),
        4 => Some(Api::OAuth),
        5 => Some(Api::Shop),
        _ => None,
    };
    let mut decoder = api.map_or_else(Decoder::detect, Decoder::new);
    if let Ok(s @ 100..=599) = u16::try_from(status) {
        decoder = decoder.status(s);
    }
    // f64 -> u64 saturates; NaN, negatives and times the platform cannot represent give no
    // clock.
    let now = if now_ms > 0.0 {
        UNIX_EPOCH.checked_add(Duration::from_millis(now_ms as u64))
    } else {
        None
    };
    let result = decoder.decode(body);
    let (mut v, display, retry, category, path) = match &result {
        Ok(s) => {
            let what = if s.is_partial() {
                "Partial success: some items failed; check each item in data"
            } else {
                "Success: not an error"
            };
            let display = format!("{what} ({} API).", s.api());
            (json!(s), display, Retry::NotNeeded, Category::Success, None)
        }
        Err(e) => (
            json!(ErrorReport::at(e, now)),
            e.to_string(),
            e.retry(),
            e.category(),
            e.any_code().map(|c| c.entry().docs_path()),
        ),
    };
    v["display"] = json!(display);
    v["advice"] = json!(retry.advice());
    v["retry_label"] = json!(retry_label(retry));
    v["category_label"] = json!(category.label());
    v["path"] = json!(path);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_answers_pages_in_the_crates_order() {
        let v = search_json("budget too low", 5);
        let hits = v.as_array().unwrap();
        assert_eq!(hits[0]["code"], "CAMPAIGN_BUDGET_TOO_LOW");
        assert_eq!(
            hits[0]["path"],
            "ads-diagnosis/CAMPAIGN_BUDGET_TOO_LOW.html"
        );
        assert_eq!(hits.len(), 5);
        // Words, not the data's tokens.
        assert_eq!(hits[0]["retry"], "Fix the request");
        assert!(!hits[0]["category"].as_str().unwrap().contains('_'));
        assert_eq!(search_json("", 5), json!([]));
    }

    #[test]
    fn decode_reads_tiktok_shop_asked_for_and_detected() {
        let body = br#"{"code":36009004,"data":null,"message":"Invalid credentials. Invalid 'app_key' query parameter. For more details: https://m.tiktok.shop/s/AIu6dbFhs2XW","request_id":"r"}"#;
        for api in [5, 0] {
            let v = decode_json(body, 400, api, 0.0);
            assert_eq!(v["api"], "shop", "api {api}");
            assert_eq!(v["code"], "36009004");
            assert_eq!(v["retry"], "fix_request");
            assert_eq!(v["shop_condition"], "AppKeyInvalid");
            assert_eq!(v["tiktok_link"], "https://m.tiktok.shop/s/AIu6dbFhs2XW");
            assert_eq!(v["path"], "shop/36009004.html");
        }
    }

    #[test]
    fn decode_answers_the_report_with_words_and_the_page() {
        let body = br#"{"code":40100,"message":"App reaches the QPD limit."}"#;
        // 2026-11-22 23:00:00 UTC, in milliseconds: the daily quota resets in an hour.
        let v = decode_json(body, 200, 1, 1_795_388_400_000.0);
        assert_eq!(v["retry"], "throttled");
        assert_eq!(v["retry_after_seconds"], 3600);
        assert_eq!(v["http_status"], 200);
        assert_eq!(v["path"], "ads/40100.html");
        assert_eq!(v["advice"], Retry::Throttled.advice());
        assert_eq!(v["retry_label"], "Wait, then retry");
        assert_eq!(v["category_label"], "Rate limit");
        // No clock: the window that depends on the time of day is left out.
        assert_eq!(
            decode_json(body, 0, 0, 0.0)["retry_after_seconds"],
            Value::Null
        );
        assert_eq!(
            decode_json(body, 0, 0, f64::NAN)["http_status"],
            Value::Null
        );

        let v = decode_json(b"<html>502</html>", 502, 0, 0.0);
        assert_eq!(v["outcome"], "malformed");
        assert_eq!(v["retry"], "transient");
        assert_eq!(v["path"], Value::Null);
        // Statuses outside 100..=599 are ignored rather than trusted.
        assert_eq!(
            decode_json(b"{}", 70000, 0, 0.0)["http_status"],
            Value::Null
        );
    }

    #[test]
    fn decode_detects_bare_v2_structs_and_business_messaging_codes() {
        let v = decode_json(
            br#"{"code":"access_token_invalid","message":"The access token is invalid.","log_id":"l"}"#,
            401,
            0,
            0.0,
        );
        assert_eq!(v["api"], "content-posting");
        assert_eq!(v["path"], "content-posting/access_token_invalid.html");
        assert_eq!(v["retry_label"], "Refresh the token");
        let v = decode_json(
            br#"{"code":40064,"message":"[40064] You are sending messages too fast. Take a rest."}"#,
            200,
            0,
            0.0,
        );
        assert_eq!(v["api"], "business-messaging");
        assert_eq!(v["path"], "business-messaging/40064.html");
    }

    #[test]
    fn any_input_gives_an_answer() {
        // A deterministic spray of bodies: pieces of TikTok envelopes glued at random, odd
        // bytes, and every status/api/clock the host could pass.
        let pieces: [&[u8]; 12] = [
            b"{",
            b"}",
            br#""code":"#,
            b"40100",
            br#""error":"#,
            br#"{"code":"ok"}"#,
            br#""message":"QPD""#,
            b",",
            b"\xff",
            b"[",
            br#""data":{"status":"FAILED"}"#,
            b"null",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let mut body = Vec::new();
            for _ in 0..next() % 8 {
                body.extend_from_slice(pieces[(next() % 12) as usize]);
            }
            let status = [0, 200, 429, 502, 700, u32::MAX][(next() % 6) as usize];
            let api = (next() % 6) as u32;
            let now = [0.0, -1.0, f64::NAN, f64::INFINITY, 1.8e12][(next() % 5) as usize];
            let v = decode_json(&body, status, api, now);
            assert!(v["outcome"].is_string(), "{v}");
            assert!(v["advice"].is_string() && v["display"].is_string(), "{v}");
            let q = String::from_utf8_lossy(&body);
            assert!(search_json(&q, (next() % 100) as usize).is_array());
        }
    }

    #[test]
    fn the_buffer_round_trips() {
        let p = buf(3);
        assert!(!p.is_null());
        INPUT.with(|b| b.borrow_mut().copy_from_slice(b"abc"));
        let n = search(3, 3);
        assert_eq!(OUTPUT.with(|b| b.borrow().len()), n);
        // A length past the buffer reads what there is.
        assert_eq!(with_input(100, <[u8]>::len), 3);
    }
}
