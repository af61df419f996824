//! A stand-in TikTok Business API on 127.0.0.1 that enforces rate limits the way TikTok
//! documents them: per app (the `Access-Token`) and endpoint, counted in calendar seconds and
//! minutes, answering HTTP 200 with `code: 40100` ("App reaches the QPS limit.") past them; and
//! per advertiser and endpoint, a limit it publishes nowhere but states in its 40133 messages.
//! It records every second's answers for the fleet chart (`GET /stats`). A real axum server on
//! its own thread and runtime; used by tests/fleet.rs and the benches' `fleet_server`.
#![allow(dead_code)]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Response};

/// The limits the server enforces.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Per app and endpoint, per calendar second.
    pub qps: u32,
    /// Per app and endpoint, per calendar minute.
    pub qpm: u32,
    /// Per advertiser and endpoint, per calendar second (stated only in 40133 messages).
    pub advertiser_qps: Option<u32>,
}

impl Limits {
    /// TikTok's published Basic tier default (10 / 600) and an advertiser limit of `adv`.
    pub fn basic(adv: Option<u32>) -> Self {
        Limits {
            qps: 10,
            qpm: 600,
            advertiser_qps: adv,
        }
    }
}

/// What happened in one calendar second.
#[derive(Clone, Copy, Debug, Default, serde::Serialize)]
pub struct Second {
    pub unix: u64,
    pub ok: u32,
    pub throttled: u32,
}

#[derive(Default)]
struct Counters {
    /// (token, path, second) -> accepted
    sec: HashMap<(String, String, u64), u32>,
    /// (token, path, minute) -> accepted
    min: HashMap<(String, String, u64), u32>,
    /// (advertiser, path, second) -> accepted
    adv: HashMap<(String, String, u64), u32>,
    seconds: HashMap<u64, Second>,
}

struct Shared {
    limits: Limits,
    counters: Mutex<Counters>,
}

pub struct LimitedTikTok {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl LimitedTikTok {
    /// Starts the server on a free port of 127.0.0.1 (or `port` when given).
    pub fn start(limits: Limits, port: u16) -> Self {
        let shared = Arc::new(Shared {
            limits,
            counters: Mutex::new(Counters::default()),
        });
        let (tx_addr, rx_addr) = std::sync::mpsc::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let state = Arc::clone(&shared);
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
                    .await
                    .unwrap();
                tx_addr.send(listener.local_addr().unwrap()).unwrap();
                let app = axum::Router::new()
                    .route("/stats", axum::routing::get(stats))
                    .fallback(answer)
                    .with_state(state);
                axum::serve(listener, app)
                    .with_graceful_shutdown(async {
                        let _ = stop_rx.await;
                    })
                    .await
                    .unwrap();
            });
        });
        let addr = rx_addr.recv().unwrap();
        LimitedTikTok {
            addr,
            shared,
            stop: Some(stop_tx),
            thread: Some(thread),
        }
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every second with an answer, in order.
    pub fn seconds(&self) -> Vec<Second> {
        let c = self.shared.counters.lock().unwrap();
        let mut v: Vec<Second> = c.seconds.values().copied().collect();
        v.sort_by_key(|s| s.unix);
        v
    }
}

impl Drop for LimitedTikTok {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

async fn stats(State(s): State<Arc<Shared>>) -> Response {
    let c = s.counters.lock().unwrap();
    let mut v: Vec<Second> = c.seconds.values().copied().collect();
    v.sort_by_key(|s| s.unix);
    (
        [("content-type", "application/json")],
        serde_json::to_string(&v).unwrap_or_default(),
    )
        .into_response()
}

fn body(code: i64, message: &str) -> Response {
    (
        [("content-type", "application/json")],
        serde_json::json!({"code": code, "message": message, "request_id": "r-limited", "data": {}})
            .to_string(),
    )
        .into_response()
}

async fn answer(State(s): State<Arc<Shared>>, uri: Uri, headers: HeaderMap) -> Response {
    let advertiser = uri.query().and_then(|q| {
        q.split('&')
            .find_map(|kv| kv.strip_prefix("advertiser_id="))
            .map(str::to_owned)
    });
    let token = headers
        .get("access-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    if token.is_empty() {
        return body(40104, "Access token is empty.");
    }
    let path = uri.path().to_owned();
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    let (sec, min) = (now.as_secs(), now.as_secs() / 60);
    let l = s.limits;
    let mut c = s.counters.lock().unwrap();
    let record = |c: &mut Counters, ok: bool| {
        let e = c.seconds.entry(sec).or_insert(Second {
            unix: sec,
            ..Second::default()
        });
        if ok {
            e.ok += 1;
        } else {
            e.throttled += 1;
        }
    };
    let in_sec = *c.sec.get(&(token.clone(), path.clone(), sec)).unwrap_or(&0);
    if in_sec >= l.qps {
        record(&mut c, false);
        return body(40100, "App reaches the QPS limit.");
    }
    let in_min = *c.min.get(&(token.clone(), path.clone(), min)).unwrap_or(&0);
    if in_min >= l.qpm {
        record(&mut c, false);
        return body(40100, "App reaches the QPM limit.");
    }
    if let (Some(limit), Some(adv)) = (l.advertiser_qps, advertiser.as_ref()) {
        let n = *c.adv.get(&(adv.clone(), path.clone(), sec)).unwrap_or(&0);
        if n >= limit {
            record(&mut c, false);
            return body(
                40133,
                &format!(
                    "Advertiser ({adv})'s QPS ({}) reaches QPS limit {limit} for current path, request is temporarily restricted.",
                    n + 1
                ),
            );
        }
        *c.adv.entry((adv.clone(), path.clone(), sec)).or_insert(0) += 1;
    }
    *c.sec.entry((token.clone(), path.clone(), sec)).or_insert(0) += 1;
    *c.min.entry((token, path, min)).or_insert(0) += 1;
    record(&mut c, true);
    drop(c);
    (
        [("content-type", "application/json")],
        r#"{"code":0,"message":"OK","request_id":"r-ok","data":{"list":[]}}"#,
    )
        .into_response()
}
