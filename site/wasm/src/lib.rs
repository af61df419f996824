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
use tiktok_errors::{Api, Decoder, EntryKind, Retry};

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
/// `limit` hits (`path`, `label`, `code`, `title`, `category`, `retry`, `match`).
#[allow(unsafe_code)] // exporting the symbol; the body is safe
#[no_mangle]
pub extern "C" fn search(len: usize, limit: usize) -> usize {
    let query = with_input(len, |b| String::from_utf8_lossy(b).into_owned());
    answer(&search_json(&query, limit))
}

/// Decodes the first `len` input bytes as a response body; `status` 0 means none, `api` 0
/// detects the family (1 Ads, 2 Content Posting, 3 Business Messaging, 4 OAuth), `now_ms` is
/// the host's clock (milliseconds since 1970; 0 or less: none). Answers the `decode --json`
/// object plus `display` (the one-line message), `advice` (the retry advice in words) and
/// `path` (the code's page, or null).
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
                    "category": e.category().as_str(),
                    "retry": e.retry().as_str(),
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
        _ => None,
    };
    let mut decoder = api.map_or_else(Decoder::detect, Decoder::new);
    if let Ok(s @ 100..=599) = u16::try_from(status) {
        decoder = decoder.status(s);
    }
    // f64 -> u64 saturates; NaN and negatives give no clock.
    let now = (now_ms > 0.0).then(|| UNIX_EPOCH + Duration::from_millis(now_ms as u64));
    let result = decoder.decode(body);
    let (mut v, display, retry, path) = match &result {
        Ok(s) => {
            let what = if s.is_partial() {
                "Partial success: some items failed; check each item in data"
            } else {
                "Success: not an error"
            };
            let display = format!("{what} ({} API).", s.api());
            (json!(s), display, Retry::NotNeeded, None)
        }
        Err(e) => (
            json!(ErrorReport::at(e, now)),
            e.to_string(),
            e.retry(),
            e.any_code().map(|c| c.entry().docs_path()),
        ),
    };
    v["display"] = json!(display);
    v["advice"] = json!(retry.advice());
    v["path"] = json!(path);
    v
}
