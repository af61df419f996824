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
//! | `reschedule` | bool | no documented window, and a short sleep does not clear it: reschedule the work |
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
//! | `docs_url` | string | the entry's page in the error index (see [`DOCS_BASE_URL`](crate::DOCS_BASE_URL)) |
//!
//! # Decode reports
//!
//! [`decode_report`] (what `decode --json` prints) is the [`Serialize`] output of
//! [`TikTokError`] and the untyped [`Reply`]: the same object whether a program serializes a decoded
//! error itself or asks this module for it.

use std::time::SystemTime;

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{json, Map, Value};

use crate::error::clock_now;
use crate::limits::{Limits, Row, Tier, Window};
use crate::retry::{Attempt, Decision, RetryPolicy};
use crate::{AnyCode, Api, Decoder, EntryKind, RawData, Reply, TikTokError, Wait, WireCode};

/// The JSON object for one catalogue entry (shape in the module docs).
///
/// ```
/// use tiktok_errors::{report::entry_json, AdsCode};
/// let v = entry_json(AdsCode::RequestTooFrequent.into());
/// assert_eq!(v["code"], "40100");
/// assert_eq!(v["retry"], "throttled");
/// assert_eq!(v["known"], true);
/// ```
#[must_use]
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
        "reschedule": e.reschedules(),
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
        "docs_url": e.docs_url(),
    })
}

/// The JSON Schema (draft 2020-12) of the [`catalog_json`] export; the error index publishes
/// both, as `catalog.json` and `catalog.schema.json`.
pub const CATALOG_SCHEMA: &str = include_str!("catalog.schema.json");

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
/// `{"format": "tiktok-errors-catalog", "version": 1, "crate_version": "...",
/// "catalog_version": "2026.12.4", "catalog_date": "2026-12-02", "counts": {api: n}, "entries":
/// [entry objects], "limits": [rate-limit rows, see [`limit_row_json`]], "shop_conditions":
/// [TikTok Shop's 36009004 meanings, see [`shop_condition_json`]]}`. `version` (of the format) changes only if a key changes meaning or goes
/// away; new keys may appear at any time. [`CATALOG_SCHEMA`] is its JSON Schema.
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
        "catalog_version": crate::CATALOG_VERSION,
        "catalog_date": crate::CATALOG_DATE,
        "counts": counts,
        "entries": entries,
        "limits": crate::limits::rows().map(|r| limit_row_json(&r)).collect::<Vec<_>>(),
        "shop_conditions": crate::ShopCondition::ALL.iter().map(|&c| shop_condition_json(c)).collect::<Vec<_>>(),
    })
}

/// One TikTok Shop condition (a named meaning of an overloaded code, read from the message
/// keyword) as the export's `shop_conditions` key writes it: `code`, `name`, `title`,
/// `description`, `fix`, `category`, `retry`, `keywords` (groups of phrases; one group whose
/// every phrase is in the message selects it), `source`, in priority order.
///
/// ```
/// use tiktok_errors::{report::shop_condition_json, ShopCondition};
/// let v = shop_condition_json(ShopCondition::TimestampTooOld);
/// assert_eq!(v["code"], "36009004");
/// assert_eq!(v["retry"], "fix_request");
/// assert_eq!(v["keywords"][0][0], "timestamp");
/// ```
#[must_use]
pub fn shop_condition_json(c: crate::ShopCondition) -> Value {
    json!({
        "code": crate::ErrorCode::entry(c.code()).code().to_string(),
        "name": c.name(),
        "title": c.title(),
        "description": c.description(),
        "fix": c.fix(),
        "category": c.category().as_str(),
        "retry": c.retry().as_str(),
        "keywords": c.keywords(),
        "source": c.source(),
    })
}

fn windows_json(l: &Limits) -> Value {
    let mut m = Map::new();
    for w in Window::ALL {
        m.insert(w.key().to_owned(), json!(l.get(w)));
    }
    Value::Object(m)
}

/// The JSON object for one row of TikTok's published rate limits ([`crate::limits::rows`]), as
/// the export's `limits` array holds them:
///
/// `name` (the path, or `Business API tier default`, `Business API sandbox`, `Streaming API`),
/// `path` (string or null; Business API paths are relative to `/open_api/v1.N`), `prefix`
/// (the row covers every path under `path`), `surface` (`business`, `sandbox`, `v2`,
/// `content-posting`, `research`), `per` (`app`, `user_token`), `reset` (`calendar`,
/// `sliding`), `by_tier`, `limits` (per tier name, `{"qps", "qpm", "qpd"}`: a count or null when
/// that window is not limited; the same four times when `by_tier` is false),
/// `records_per_day` (int or null), `source`, `via` (string or null), `note` (string or null).
///
/// ```
/// use tiktok_errors::{limits::rows, report::limit_row_json};
/// let ad = rows().find(|r| r.path() == Some("/ad/create/")).unwrap();
/// let v = limit_row_json(&ad);
/// assert_eq!(v["limits"]["advanced"]["qpm"], 200);
/// assert_eq!(v["per"], "app");
/// ```
#[must_use]
pub fn limit_row_json(row: &Row) -> Value {
    let mut by_tier = Map::new();
    for tier in Tier::ALL {
        by_tier.insert(tier.as_str().to_owned(), windows_json(&row.limits(tier)));
    }
    json!({
        "name": row.name(),
        "path": row.path(),
        "prefix": row.prefix(),
        "surface": row.surface().as_str(),
        "per": row.per().as_str(),
        "reset": row.reset().as_str(),
        "by_tier": row.by_tier(),
        "limits": by_tier,
        "records_per_day": row.records_per_day(),
        "source": row.source(),
        "via": row.via(),
        "note": row.note(),
    })
}

/// The limits that apply to one request path at `tier` ([`crate::limits::for_path`]), as
/// `tiktok-errors limits --json PATH` prints them: `path` (as given), `tier`, `known`, and when
/// known `surface`, `endpoint` (the matching row's path, or null for the tier default), `qps`,
/// `qpm`, `qpd` (a count or null), `per`, `reset`, `source`.
///
/// ```
/// use tiktok_errors::{limits::Tier, report::path_limits_json};
/// let v = path_limits_json("/open_api/v1.3/report/task/create/", Tier::Premium, false);
/// assert_eq!((v["known"].as_bool(), v["qpm"].as_u64()), (Some(true), Some(60)));
/// assert_eq!(path_limits_json("/api/orders/search", Tier::Basic, false)["known"], false);
/// ```
#[must_use]
pub fn path_limits_json(path: &str, tier: Tier, sandbox: bool) -> Value {
    let Some(l) = crate::limits::for_path(path, tier, sandbox) else {
        return json!({ "path": path, "tier": tier.as_str(), "known": false });
    };
    let mut v = json!({
        "path": path,
        "tier": tier.as_str(),
        "known": true,
        "surface": l.surface().as_str(),
        "endpoint": l.endpoint(),
        "per": l.per().as_str(),
        "reset": l.reset().as_str(),
        "source": l.source(),
    });
    if let (Value::Object(m), Value::Object(w)) = (&mut v, windows_json(&l)) {
        m.extend(w);
    }
    v
}

/// Decodes a response and describes the outcome as one JSON object: what `tiktok-errors decode
/// --json` prints. Never fails: whatever the body, the object says what it was.
///
/// Keys: `outcome` (`success`, `partial_success`, `error`, `publish_failed`, `malformed`), `api`,
/// `code` (raw, as a string: the error code, or the success code `0`, `20001`, `ok`; null only
/// for an OAuth token and a malformed body without one), `known`, `name`, `title`, `category`,
/// `retry`, `retry_after_seconds`, `message`, `request_id`, `http_status`, `fail_reason`, `fix`,
/// `docs_url` (the code's page, or null), `decision` (see [`decision_json`]; null for successes);
/// for malformed bodies also `reason`, `body_prefix`, `body_len`; for successes `data_bytes`.
///
/// ```
/// use tiktok_errors::{report::decode_report, Api};
/// let v = decode_report(Some(Api::Ads), Some(200), br#"{"code":40100,"message":"QPS","request_id":"r"}"#);
/// assert_eq!(v["outcome"], "error");
/// assert_eq!(v["code"], "40100");
/// assert_eq!(v["retry"], "throttled");
/// assert!(v["docs_url"].as_str().unwrap().ends_with("/ads/40100.html"));
/// ```
#[must_use]
pub fn decode_report(api: Option<Api>, status: Option<u16>, body: &[u8]) -> Value {
    decode_report_at(api, status, body, clock_now())
}

/// [`decode_report`] with the time `retry_after_seconds` is counted from (`None`: no clock, as
/// on `wasm32-unknown-unknown`; windows that depend on the time of day are then left out).
#[must_use]
pub fn decode_report_at(
    api: Option<Api>,
    status: Option<u16>,
    body: &[u8],
    now: Option<SystemTime>,
) -> Value {
    let mut decoder = match api {
        Some(api) => Decoder::new(api),
        None => Decoder::detect(),
    };
    if let Some(s) = status {
        decoder = decoder.status(s);
    }
    match &decoder.decode(body) {
        Ok(s) => to_value(s),
        Err(e) => to_value(&ErrorReport::at(e, now)),
    }
}

/// The [`decode_report`] object for a result already decoded (`status`: the HTTP status that
/// was passed to the decoder, reported for a success decoded without one).
#[must_use]
pub fn result_json(result: &Result<Reply<'_>, TikTokError>, status: Option<u16>) -> Value {
    match result {
        Ok(s) => {
            let mut v = to_value(s);
            if s.http_status().is_none() {
                v["http_status"] = json!(status);
            }
            v
        }
        Err(e) => error_json(e),
    }
}

/// The message-reading keys of a decode report ([`crate::message`]): `fields`,
/// `received_values`, `allowed_values` (arrays of strings), `detail_kind` (`missing`,
/// `invalid_value`, `not_supported`, `out_of_range`, `not_found`, `denied`, `conflict`,
/// `limit`, `credentials`, `other`, or null), `detail_limit` (the stated bound or null) and `diagnoses` (the
/// symbolic codes of the likely catalogue entries, best first). Empty arrays and nulls when
/// nothing was read.
///
/// ```
/// use tiktok_errors::{report::decode_report, Api};
/// let v = decode_report(Some(Api::Ads), None, br#"{"code":40002,"message":"Invalid metric fields: ['video_views']"}"#);
/// assert_eq!(v["fields"][0], "metrics");
/// assert_eq!(v["received_values"][0], "video_views");
/// assert_eq!(v["detail_kind"], "invalid_value");
/// assert_eq!(v["diagnoses"][0], "REPORT_METRICS_INVALID");
/// let ok = decode_report(Some(Api::Ads), None, br#"{"code":0,"message":"OK"}"#);
/// assert_eq!(ok["fields"], serde_json::json!([]));
/// assert_eq!(ok["detail_kind"], serde_json::Value::Null);
/// ```
fn serialize_message_reading<M: SerializeMap>(
    m: &mut M,
    details: &crate::message::MessageDetails<'_>,
    diagnoses: &[crate::message::Diagnosis],
) -> Result<(), M::Error> {
    m.serialize_entry("fields", &details.field_names().collect::<Vec<_>>())?;
    m.serialize_entry("received_values", details.received())?;
    m.serialize_entry("allowed_values", details.accepted())?;
    m.serialize_entry(
        "detail_kind",
        &details.kind().map(crate::message::DetailKind::as_str),
    )?;
    m.serialize_entry("detail_limit", &details.limit())?;
    m.serialize_entry(
        "diagnoses",
        &diagnoses
            .iter()
            .map(super::message::Diagnosis::name)
            .collect::<Vec<_>>(),
    )
}

/// The JSON object for a decoded error (the `error`, `publish_failed` and `malformed` cases of
/// [`decode_report`]); the same as serializing the error.
#[must_use]
pub fn error_json(e: &TikTokError) -> Value {
    to_value(e)
}

/// Serializes one of this module's objects into a `Value`. They are maps of plain values, which
/// `serde_json` always represents.
fn to_value<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// A decoded error's JSON object, with the time its `retry_after_seconds` is counted from.
///
/// Serializing a [`TikTokError`] serializes `ErrorReport::at(error, now)` with the system clock;
/// use this type directly to fix the time (tests, replays) or where there is no clock
/// (`wasm32-unknown-unknown`: pass the time the host gives, or `None`).
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use tiktok_errors::{decode, report::ErrorReport, Api};
/// let err = decode(Api::Ads, br#"{"code":40100,"message":"App reaches the QPD limit."}"#).unwrap_err();
/// let at_23h = UNIX_EPOCH + Duration::from_secs(1_795_388_400); // 23:00 UTC
/// let v = serde_json::to_value(ErrorReport::at(&err, Some(at_23h))).unwrap();
/// assert_eq!(v["retry_after_seconds"], 3600);
/// assert_eq!(serde_json::to_value(&err).unwrap()["code"], "40100");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ErrorReport<'a> {
    error: &'a TikTokError,
    now: Option<SystemTime>,
}

impl<'a> ErrorReport<'a> {
    /// The report of `error`, waiting windows counted from `now`.
    #[must_use]
    pub fn at(error: &'a TikTokError, now: Option<SystemTime>) -> Self {
        ErrorReport { error, now }
    }
}

impl Serialize for ErrorReport<'_> {
    /// One key per line: adding a key to `decode --json` is one `entry` call here.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.error;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("outcome", e.outcome())?;
        m.serialize_entry("api", &e.api().map(Api::as_str))?;
        m.serialize_entry("code", &e.raw_code().map(|c| c.as_text()))?;
        m.serialize_entry("known", &e.is_known())?;
        m.serialize_entry("name", &e.any_code().map(|c| c.entry().name()))?;
        m.serialize_entry("title", e.title())?;
        m.serialize_entry("category", e.category().as_str())?;
        m.serialize_entry("retry", e.retry().as_str())?;
        let wait = e.retry_after_from(self.now).map(|d| d.as_secs());
        m.serialize_entry("retry_after_seconds", &wait)?;
        m.serialize_entry("message", &e.message())?;
        m.serialize_entry("request_id", &e.request_id())?;
        m.serialize_entry("http_status", &e.http_status())?;
        m.serialize_entry("fail_reason", &e.fail_reason())?;
        m.serialize_entry("fix", &e.fix())?;
        m.serialize_entry("docs_url", &e.docs_url())?;
        m.serialize_entry("decision", &self.now.map(|now| decision_json(e, now)))?;
        serialize_message_reading(&mut m, &e.details(), &e.diagnoses())?;
        if let TikTokError::Shop(x) = e {
            // The named meaning of an overloaded Shop code (36009004), when the message names one,
            // and the documentation link TikTok put at the end of the message.
            m.serialize_entry(
                "shop_condition",
                &x.shop_condition().map(crate::ShopCondition::name),
            )?;
            m.serialize_entry("tiktok_link", &x.tiktok_link())?;
            m.serialize_entry("detail_reason", &x.details().reason())?;
        }
        if let TikTokError::Malformed(x) = e {
            m.serialize_entry("reason", &x.reason().to_string())?;
            m.serialize_entry("body_prefix", x.body_prefix())?;
            m.serialize_entry("body_len", &x.body_len())?;
        }
        m.end()
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "report")))]
impl Serialize for TikTokError {
    /// The object `tiktok-errors decode --json` prints (see [`decode_report`]), waiting windows
    /// counted from the system clock.
    ///
    /// ```
    /// use tiktok_errors::{decode, Api};
    /// let err = decode(Api::Ads, br#"{"code":40105,"message":"Access token is invalid."}"#).unwrap_err();
    /// let v = serde_json::to_value(&err).unwrap();
    /// assert_eq!(v["outcome"], "error");
    /// assert_eq!(v["retry"], "refresh_token");
    /// assert_eq!(v, tiktok_errors::report::error_json(&err));
    /// ```
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ErrorReport::at(self, clock_now()).serialize(s)
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "report")))]
impl Serialize for Reply<'_, RawData<'_>> {
    /// The object `tiktok-errors decode --json` prints for a success (see [`decode_report`]):
    /// the payload's size in `data_bytes`, not the payload (a typed `Reply<'_, T>` with
    /// `T: Serialize` puts the payload itself under `data`).
    ///
    /// ```
    /// use tiktok_errors::{Api, Decoder};
    /// let body = br#"{"code":0,"message":"OK","request_id":"r","data":{"list":[]}}"#;
    /// let ok = Decoder::new(Api::Ads).status(200).decode(body).unwrap();
    /// let v = serde_json::to_value(&ok).unwrap();
    /// assert_eq!(v["outcome"], "success");
    /// assert_eq!(v["http_status"], 200);
    /// assert_eq!(v["data_bytes"], 11);
    /// ```
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let none: Option<&str> = None;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("outcome", self.outcome())?;
        m.serialize_entry("api", self.api().as_str())?;
        // The success code as sent (`0`, `20001`, `ok`); null for an OAuth token.
        m.serialize_entry("code", &self.raw_code().map(|c| c.as_text().into_owned()))?;
        m.serialize_entry("known", &true)?;
        m.serialize_entry("name", &none)?;
        m.serialize_entry("title", &none)?;
        m.serialize_entry("category", "success")?;
        m.serialize_entry("retry", "not_needed")?;
        m.serialize_entry("retry_after_seconds", &none)?;
        m.serialize_entry("message", &self.message())?;
        m.serialize_entry("request_id", &self.request_id())?;
        m.serialize_entry("http_status", &self.http_status())?;
        m.serialize_entry("fail_reason", &none)?;
        m.serialize_entry("fix", &none)?;
        m.serialize_entry("docs_url", &none)?;
        m.serialize_entry("decision", &none)?;
        serialize_message_reading(&mut m, &crate::message::MessageDetails::default(), &[])?;
        m.serialize_entry("data_bytes", &self.data_json().map_or(0, str::len))?;
        if self.api() == Api::Shop {
            // What TikTok cleared or changed on its own in a create or edit that succeeded.
            m.serialize_entry("warnings", &self.warnings())?;
        }
        m.end()
    }
}

/// What the default [`RetryPolicy`] (without jitter: the whole backoff step) decides for the
/// first send of a request that got `error`, at `now`: the `decision` key of `decode --json`.
///
/// `{"action": "resend" | "refresh_then_resend" | "reschedule" | "give_up", "words": "wait 1 s
/// and resend", "delay_ms": int or null, "not_before_unix": int or null, "reason": string or
/// null, "non_idempotent": {the same keys, for a request that is not safe to send twice}}`.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use tiktok_errors::{decode, report::decision_json, Api};
/// let e = decode(Api::Ads, br#"{"code":50002,"message":"System timeout."}"#).unwrap_err();
/// let v = decision_json(&e, UNIX_EPOCH + Duration::from_secs(1_795_780_800));
/// assert_eq!(v["action"], "resend");
/// assert_eq!(v["words"], "wait 1 s and resend");
/// assert_eq!(v["delay_ms"], 1000);
/// assert_eq!(v["non_idempotent"]["reason"], "not_idempotent");
/// ```
#[must_use]
pub fn decision_json(error: &TikTokError, now: std::time::SystemTime) -> Value {
    let policy = RetryPolicy::default().jitter(false);
    let one = |idempotent: bool| {
        let d = policy.decide_at(error, Attempt::first(idempotent), now);
        json!({
            "action": d.as_str(),
            "words": d.words_for(error),
            "delay_ms": d.delay().map(|t| u64::try_from(t.as_millis()).unwrap_or(u64::MAX)),
            "not_before_unix": match d {
                Decision::Reschedule { not_before, .. } => not_before
                    .duration_since(std::time::UNIX_EPOCH)
                    .ok()
                    .map(|t| t.as_secs()),
                _ => None,
            },
            "reason": d.give_up_reason().map(|r| r.as_str()),
        })
    };
    let mut v = one(true);
    v["non_idempotent"] = one(false);
    v
}
