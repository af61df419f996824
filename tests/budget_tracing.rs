//! The budget's `tracing` events (feature `tracing`): a throttle and what it taught, a wait, a
//! store failure, with OpenTelemetry-style field names. A subscriber records every event.
#![cfg(all(feature = "tracing", feature = "redis"))]

use std::fmt::Debug;
use std::sync::{Arc, Mutex};
use std::time::{Duration, UNIX_EPOCH};

use tiktok_errors::budget::{Budget, Request};
use tiktok_errors::clock::Clock;
use tiktok_errors::{decode, Api};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// One event's (field name, value) pairs.
type Recorded = Vec<(String, String)>;

/// Every event.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<Recorded>>>);

struct Fields(Vec<(String, String)>);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut f = Fields(Vec::new());
        event.record(&mut f);
        self.0.lock().unwrap().push(f.0);
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

impl Recorder {
    fn find(&self, field: &str) -> Option<Vec<(String, String)>> {
        self.0
            .lock()
            .unwrap()
            .iter()
            .find(|e| e.iter().any(|(k, _)| k == field))
            .cloned()
    }
}

fn value<'a>(event: &'a [(String, String)], field: &str) -> &'a str {
    event
        .iter()
        .find(|(k, _)| k == field)
        .map_or("", |(_, v)| v.as_str())
}

#[test]
fn throttles_waits_and_store_failures_are_events() {
    let rec = Recorder::default();
    tracing::subscriber::with_default(rec.clone(), || {
        let now = UNIX_EPOCH + Duration::from_secs(20_000 * 86_400 + 43_200);
        let b = Budget::builder("app")
            .clock(Clock::fixed(now))
            .build()
            .unwrap();
        let r = Request::new("/open_api/v1.3/campaign/get/").advertiser("1001");
        let e = decode(
            Api::Ads,
            br#"{"code":40133,"message":"Advertiser (1001)'s QPS (6) reaches QPS limit 5 for current path, request is temporarily restricted.","request_id":"REQ-1"}"#,
        )
        .unwrap_err();
        let _ = b.observe_blocking(&r, &e).unwrap();
        let _ = b.reserve_blocking(&r).unwrap();
        let _ = b.reserve_blocking(&r).unwrap();

        let dead = Budget::builder("app")
            .redis("redis://127.0.0.1:1/")
            .store_timeout(Duration::from_millis(200))
            .build()
            .unwrap();
        assert!(dead.reserve_blocking(&r).is_err());
    });
    let throttle = rec
        .find("tiktok.budget.advertiser_limit")
        .expect("a throttle event");
    assert_eq!(value(&throttle, "error.type"), "throttled");
    assert_eq!(value(&throttle, "tiktok.code"), "40133");
    assert_eq!(value(&throttle, "tiktok.request_id"), "REQ-1");
    assert_eq!(value(&throttle, "tiktok.budget.advertiser_limit"), "5");
    let wait = rec.find("tiktok.budget.wait_ms").expect("a wait event");
    assert!(
        value(&wait, "tiktok.budget.wait_ms")
            .parse::<u64>()
            .unwrap()
            > 0
    );
    let store = rec
        .0
        .lock()
        .unwrap()
        .iter()
        .find(|e| value(e, "error.type") == "budget_store")
        .cloned()
        .expect("a store failure event");
    assert!(!value(&store, "error.message").is_empty());
}
