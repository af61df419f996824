//! JSON views of the catalogue and of decoded responses: what the CLI prints with `--json` and
//! what `export` writes, available to programs too.
//!
//! # Entry objects
//!
//! [`entry_json`] gives one object per catalogue entry; `explain --json`, `search --json`,
//! `list --json` and `export` all use this shape (stable; fields are only ever added):
//!
//! | key | type | meaning |
//! |---|---|---|
//! | `api` | string | `ads`, `content-posting`, `business-messaging`, `oauth` |
//! | `kind` | string | `code` (sent by TikTok) or `diagnosis` (Ads diagnosis) |
//! | `code` | string | the wire code as text (`"40100"`, `"access_token_invalid"`, `"BID_TOO_LOW"`) |
//! | `code_type` | string | `int` or `str`: how the code travels on the wire |
//! | `name` | string | the Rust variant name |
//! | `aliases` | array of strings | other spellings |
//! | `title`, `description`, `fix` | string | the catalogue's text |
//! | `category` | string | see [`Category`](crate::Category) |
//! | `retry` | string | `transient`, `throttled`, `refresh_token`, `reauthorize`, `fix_request`, `account_action`, `not_needed` |
//! | `wait_seconds` | int or null | a fixed documented waiting window |
//! | `wait_until_utc_midnight` | bool | the window ends at 00:00 UTC |
//! | `http_status` | array of integers | documented HTTP statuses |
//! | `channels` | array of strings | Content Posting: `error_code`, `fail_reason` |
//! | `carried_by` | array of integers | diagnoses: the Ads codes that carry the condition |
//! | `known` | bool | always `true` for an entry |
//! | `verified` | bool | TikTok's own material confirms it |
//! | `evidence` | string | `official`, `official_name`, `third_party`, `seed_only` |
//! | `sources` | array of strings | URLs, best first |
//! | `seeds` | array of strings | seed documents that list it |
//! | `note` | string or null | maintainer's note |
//! | `disagreements` | array of objects (`source`, `says`) | other readings of the code |

use serde_json::{json, Map, Value};

use crate::{AnyCode, Api, Decoder, EntryKind, Success, TikTokError, Wait, WireCode};

/// The JSON object for one catalogue entry (shape in the module docs).
///
/// ```
/// use tiktok_errors::{report::entry_json, AdsCode};
/// let v = entry_json(AdsCode::RequestTooFrequent.into());
/// assert_eq!(v["code"], "40100");
/// assert_eq!(v["retry"], "throttled");
/// assert_eq!(v["known"], true);
/// ```
pub fn entry_json(code: AnyCode) -> Value {
    let e = code.entry();
    let p = e.provenance();
    let mut channels = Vec::new();
    if e.channels().error_code() {
        channels.push("error_code");
    }
    if e.channels().fail_reason() {
        channels.push("fail_reason");
    }
    json!({
        "api": e.api().as_str(),
        "kind": match e.kind() { EntryKind::Diagnosis => "diagnosis", _ => "code" },
        "code": e.code().to_string(),
        "code_type": match e.code() { WireCode::Int(_) => "int", WireCode::Str(_) => "str" },
        "name": e.name(),
        "aliases": e.aliases(),
        "title": e.title(),
        "description": e.description(),
        "fix": e.fix(),
        "category": e.category().as_str(),
        "retry": e.retry().as_str(),
        "wait_seconds": match e.wait() { Some(Wait::Seconds(s)) => Some(s), _ => None },
        "wait_until_utc_midnight": e.wait() == Some(Wait::UntilUtcMidnight),
        "http_status": e.http_statuses(),
        "channels": channels,
        "carried_by": e.carried_by_codes(),
        "known": true,
        "verified": p.verified(),
        "evidence": p.evidence().as_str(),
        "sources": p.sources(),
        "seeds": p.seeds(),
        "note": p.note(),
        "disagreements": p.disagreements().iter()
            .map(|d| json!({"source": d.source(), "says": d.says()}))
            .collect::<Vec<_>>(),
    })
}

/// The object printed for a code the catalogue does not know (`known: false`).
pub fn unknown_json(code: &str, api: Option<Api>) -> Value {
    json!({
        "api": api.map(Api::as_str),
        "code": code,
        "known": false,
    })
}

/// The whole catalogue as one JSON document, for tools in other languages.
///
/// `{"format": "tiktok-errors-catalog", "version": 1, "crate_version": "...", "counts": {api:
/// n}, "entries": [entry objects]}`. `version` changes only if a key changes meaning or goes
/// away; new keys may appear at any time.
///
/// ```
/// let v = tiktok_errors::report::catalog_json();
/// assert_eq!(v["format"], "tiktok-errors-catalog");
/// assert!(v["entries"].as_array().unwrap().len() > 300);
/// ```
pub fn catalog_json() -> Value {
    let entries: Vec<Value> = AnyCode::all().map(entry_json).collect();
    let mut counts = Map::new();
    for c in AnyCode::all() {
        let key = match c {
            AnyCode::AdsDiagnosis(_) => "ads-diagnosis",
            other => other.api().as_str(),
        };
        let n = counts.entry(key).or_insert(json!(0));
        *n = json!(n.as_u64().unwrap_or(0) + 1);
    }
    json!({
        "format": "tiktok-errors-catalog",
        "version": 1,
        "crate_version": env!("CARGO_PKG_VERSION"),
        "counts": counts,
        "entries": entries,
    })
}

/// Decodes a response and describes the outcome as one JSON object: what `tiktok-errors decode
/// --json` prints. Never fails: whatever the body, the object says what it was.
///
/// Keys: `outcome` (`success`, `partial_success`, `error`, `publish_failed`, `malformed`), `api`,
/// `code` (raw, as a string: the error code, or the success code `0`, `20001`, `ok`; null only
/// for an OAuth token and a malformed body without one), `known`, `name`, `title`, `category`, `retry`,
/// `retry_after_seconds`, `message`, `request_id`, `http_status`, `fail_reason`, `fix`; for
/// malformed bodies also `reason`, `body_prefix`, `body_len`; for successes `data_bytes`.
///
/// ```
/// use tiktok_errors::{report::decode_report, Api};
/// let v = decode_report(Some(Api::Ads), Some(200), br#"{"code":40100,"message":"QPS","request_id":"r"}"#);
/// assert_eq!(v["outcome"], "error");
/// assert_eq!(v["code"], "40100");
/// assert_eq!(v["retry"], "throttled");
/// ```
pub fn decode_report(api: Option<Api>, status: Option<u16>, body: &[u8]) -> Value {
    let mut decoder = match api {
        Some(api) => Decoder::new(api),
        None => Decoder::detect(),
    };
    if let Some(s) = status {
        decoder = decoder.status(s);
    }
    result_json(&decoder.decode(body), status)
}

/// The [`decode_report`] object for a result already decoded (`status`: the HTTP status that
/// was passed to the decoder, reported for successes).
pub fn result_json(result: &Result<Success<'_>, TikTokError>, status: Option<u16>) -> Value {
    match result {
        Ok(s) => json!({
            "outcome": s.outcome(),
            "api": s.api().as_str(),
            // The success code as sent (`0`, `20001`, `ok`); null for an OAuth token.
            "code": s.raw_code().map(|c| c.as_text().into_owned()),
            "known": true,
            "name": null,
            "title": null,
            "category": "success",
            "retry": "not_needed",
            "retry_after_seconds": null,
            "message": s.message(),
            "request_id": s.request_id(),
            "http_status": status,
            "fail_reason": null,
            "fix": null,
            "data_bytes": s.data_json().map_or(0, str::len),
        }),
        Err(e) => error_json(e),
    }
}

/// The JSON object for a decoded error (the `error`, `publish_failed` and `malformed` cases of
/// [`decode_report`]).
pub fn error_json(e: &TikTokError) -> Value {
    let mut v = json!({
        "outcome": e.outcome(),
        "api": e.api().map(Api::as_str),
        "code": e.raw_code().map(|c| c.as_text().into_owned()),
        "known": e.is_known(),
        "name": e.any_code().map(|c| c.entry().name()),
        "title": e.title(),
        "category": e.category().as_str(),
        "retry": e.retry().as_str(),
        "retry_after_seconds": e.retry_after().map(|d| d.as_secs()),
        "message": e.message(),
        "request_id": e.request_id(),
        "http_status": e.http_status(),
        "fail_reason": e.fail_reason(),
        "fix": e.fix(),
    });
    if let TikTokError::Malformed(m) = e {
        v["reason"] = json!(m.reason().to_string());
        v["body_prefix"] = json!(m.body_prefix());
        v["body_len"] = json!(m.body_len());
    }
    v
}
