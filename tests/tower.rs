//! The tower adapter against a real HTTP server on 127.0.0.1 that scripts TikTok's answers,
//! with tokio's clock paused (see tests/middleware.rs for why the clock only moves for the
//! policy's waits). The client is reqwest behind a `service_fn` that buffers bodies.
#![cfg(feature = "tower")]

mod fake_tiktok;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use bytes::Bytes;
use fake_tiktok::{FakeTikTok, Reply};
use tiktok_errors::retry::{Decision, GiveUpReason, Idempotent, RefreshFailed, RetryPolicy};
use tiktok_errors::tower::TikTokPolicy;
use tiktok_errors::{Api, Decoder};
use tokio::time::Instant;
use tower::{Service, ServiceBuilder, ServiceExt};

const PATH: &str = "/open_api/v1.3/advertiser/info/";

/// reqwest as a tower service over buffered `http` types.
fn http_client() -> impl Service<
    http::Request<Bytes>,
    Response = http::Response<Bytes>,
    Error = reqwest::Error,
    Future = impl Send,
> + Clone {
    let client = reqwest::Client::builder()
        .pool_idle_timeout(None)
        .build()
        .unwrap();
    tower::service_fn(move |req: http::Request<Bytes>| {
        let client = client.clone();
        async move {
            let req = reqwest::Request::try_from(req)?;
            let resp = client.execute(req).await?;
            let mut out = http::Response::builder().status(resp.status());
            *out.headers_mut().unwrap() = resp.headers().clone();
            let body = resp.bytes().await?;
            Ok(out.body(body).unwrap())
        }
    })
}

async fn send(policy: TikTokPolicy, req: http::Request<Bytes>) -> http::Response<Bytes> {
    let mut svc = ServiceBuilder::new()
        .retry(policy.clone())
        .layer(policy.token_layer())
        .service(http_client());
    svc.ready().await.unwrap().call(req).await.unwrap()
}

fn get(server: &FakeTikTok) -> http::Request<Bytes> {
    http::Request::get(server.url(PATH))
        .header("Access-Token", "act.old")
        .body(Bytes::new())
        .unwrap()
}

fn post(server: &FakeTikTok) -> http::Request<Bytes> {
    http::Request::post(server.url(PATH))
        .header("Access-Token", "act.old")
        .body(Bytes::from_static(br#"{"advertiser_id":"1"}"#))
        .unwrap()
}

/// Decisions at noon UTC on a fixed day, whenever the test runs.
fn policy() -> TikTokPolicy {
    let noon = UNIX_EPOCH + Duration::from_secs(20_000 * 86_400 + 43_200);
    TikTokPolicy::new(
        Api::Ads,
        RetryPolicy::default()
            .jitter(false)
            .clock(tiktok_errors::clock::Clock::fixed(noon)),
    )
}

fn succeeded(resp: &http::Response<Bytes>) -> bool {
    Decoder::new(Api::Ads).decode_response(resp).is_ok()
}

#[tokio::test(start_paused = true)]
async fn qps_limit_waits_one_second_then_succeeds() {
    let server = FakeTikTok::start(vec![
        Reply::code(40100, "App reaches the QPS limit."),
        Reply::success(),
    ]);
    let start = Instant::now();
    let resp = send(policy(), get(&server)).await;
    assert_eq!(start.elapsed(), Duration::from_secs(1));
    assert_eq!(server.requests(), 2);
    assert!(succeeded(&resp));
}

#[tokio::test(start_paused = true)]
async fn invalid_token_is_refreshed_then_succeeds() {
    let server = FakeTikTok::start(vec![
        Reply::code(40105, "Access token is incorrect or has been revoked."),
        Reply::success(),
    ]);
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&calls);
    let p = policy().refresh_with(move || {
        counter.fetch_add(1, Ordering::SeqCst);
        async { Ok::<_, std::io::Error>("act.new".to_owned()) }
    });
    let start = Instant::now();
    let resp = send(p, post(&server)).await;
    assert_eq!(start.elapsed(), Duration::ZERO);
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].headers["access-token"], "act.old");
    assert_eq!(seen[1].headers["access-token"], "act.new");
    assert_eq!(seen[1].body, r#"{"advertiser_id":"1"}"#);
    assert!(succeeded(&resp));
}

#[tokio::test(start_paused = true)]
async fn refresh_happens_at_most_once_in_a_row() {
    let server = FakeTikTok::start(vec![
        Reply::code(40105, "revoked"),
        Reply::code(40105, "revoked"),
        Reply::success(),
    ]);
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&calls);
    let p = policy().refresh_with(move || {
        counter.fetch_add(1, Ordering::SeqCst);
        async { Ok::<_, std::io::Error>("act.new".to_owned()) }
    });
    let resp = send(p, get(&server)).await;
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert_eq!(server.requests(), 2);
    assert_eq!(
        resp.extensions().get::<Decision>(),
        Some(&Decision::GiveUp(GiveUpReason::RefreshDidNotHelp))
    );
}

#[tokio::test(start_paused = true)]
async fn a_failing_refresh_hook_says_the_refresh_failed() {
    let server = FakeTikTok::start(vec![
        Reply::code(40105, "revoked"),
        Reply::code(40105, "revoked"),
        Reply::success(),
    ]);
    let p = policy().refresh_with(|| async {
        Err::<String, _>(std::io::Error::other("no refresh token stored"))
    });
    let resp = send(p, get(&server)).await;
    // As the middleware decides: the token error, with the reason and the hook's error.
    assert_eq!(
        resp.extensions().get::<Decision>(),
        Some(&Decision::GiveUp(GiveUpReason::RefreshFailed))
    );
    let failed = resp.extensions().get::<RefreshFailed>().unwrap();
    let source = std::error::Error::source(failed).unwrap().to_string();
    assert_eq!(source, "no refresh token stored");
    // Tower resends once the policy's wait is over, whatever the wait learnt: the old token
    // goes out again and is rejected.
    assert_eq!(server.requests(), 2);
    assert!(server
        .seen()
        .iter()
        .all(|s| s.headers["access-token"] == "act.old"));
}

#[tokio::test(start_paused = true)]
async fn server_timeouts_back_off_then_succeed() {
    let script = || {
        vec![
            Reply::code(50002, "System timeout."),
            Reply::code(50002, "System timeout."),
            Reply::success(),
        ]
    };
    let server = FakeTikTok::start(script());
    let start = Instant::now();
    let resp = send(policy(), get(&server)).await;
    assert_eq!(start.elapsed(), Duration::from_secs(3)); // 1 s, then 2 s
    assert_eq!(server.requests(), 3);
    assert!(succeeded(&resp));

    // A POST is not resent after a TikTok-side failure unless marked idempotent.
    let server = FakeTikTok::start(script());
    let resp = send(policy(), post(&server)).await;
    assert_eq!(server.requests(), 1);
    assert_eq!(
        resp.extensions().get::<Decision>(),
        Some(&Decision::GiveUp(GiveUpReason::NotIdempotent))
    );
    let server = FakeTikTok::start(script());
    let mut req = post(&server);
    req.extensions_mut().insert(Idempotent(true));
    let start = Instant::now();
    let resp = send(policy(), req).await;
    assert_eq!(server.requests(), 3);
    assert_eq!(start.elapsed(), Duration::from_secs(3));
    assert!(succeeded(&resp));
}

/// A TikTok Shop create whose `Bytes` body carries an `idempotency_key` is resent after a
/// TikTok-side failure; without the key it is not (`Idempotent::of_request`).
#[tokio::test(start_paused = true)]
async fn a_shop_create_is_resent_only_with_its_idempotency_key() {
    let script = || {
        vec![
            Reply::code(36009003, "Internal error.").status(500),
            Reply::ok_json(r#"{"code":0,"message":"Success","request_id":"r","data":{}}"#),
        ]
    };
    let shop = TikTokPolicy::new(Api::Shop, RetryPolicy::default().jitter(false));
    let create = |server: &FakeTikTok, body: &'static [u8]| {
        http::Request::post(server.url("/product/202309/products"))
            .header("x-tts-access-token", "tts.old")
            .body(Bytes::from_static(body))
            .unwrap()
    };
    let server = FakeTikTok::start(script());
    let resp = send(
        shop.clone(),
        create(&server, br#"{"idempotency_key":"p-9","title":"t"}"#),
    )
    .await;
    assert_eq!(server.requests(), 2);
    assert_eq!(resp.status(), 200);

    let server = FakeTikTok::start(script());
    let resp = send(shop, create(&server, br#"{"title":"t"}"#)).await;
    assert_eq!(server.requests(), 1);
    assert_eq!(
        resp.extensions().get::<Decision>(),
        Some(&Decision::GiveUp(GiveUpReason::NotIdempotent))
    );
}

#[tokio::test(start_paused = true)]
async fn parameter_errors_are_not_retried() {
    let server = FakeTikTok::start(vec![
        Reply::code(40002, "budget: must be greater than or equal to 50"),
        Reply::success(),
    ]);
    let start = Instant::now();
    let resp = send(policy(), get(&server)).await;
    assert_eq!(start.elapsed(), Duration::ZERO);
    assert_eq!(server.requests(), 1);
    assert_eq!(resp.headers()["x-tt-logid"], "2026112712000001");
    assert_eq!(
        resp.extensions().get::<Decision>(),
        Some(&Decision::GiveUp(GiveUpReason::FixRequest))
    );
    assert!(!succeeded(&resp));
}

#[tokio::test(start_paused = true)]
async fn a_daily_quota_is_rescheduled_not_slept() {
    let server = FakeTikTok::start(vec![
        Reply::code(40100, "App reaches the QPD limit."),
        Reply::success(),
    ]);
    let start = Instant::now();
    let resp = send(policy(), get(&server)).await;
    assert_eq!(start.elapsed(), Duration::ZERO);
    assert_eq!(server.requests(), 1);
    let Some(Decision::Reschedule { not_before, .. }) = resp.extensions().get::<Decision>() else {
        panic!("{:?}", resp.extensions().get::<Decision>());
    };
    let secs = not_before.duration_since(UNIX_EPOCH).unwrap();
    assert_eq!(
        (secs.as_secs() % 86_400, secs.subsec_nanos()),
        (0, 0),
        "00:00 UTC"
    );
}

#[tokio::test(start_paused = true)]
async fn retry_after_header_sets_the_wait() {
    let server = FakeTikTok::start(vec![
        Reply::ok_json("rate limited")
            .status(429)
            .header("retry-after", "4"),
        Reply::success(),
    ]);
    let start = Instant::now();
    let resp = send(policy(), get(&server)).await;
    assert_eq!(start.elapsed(), Duration::from_secs(4));
    assert_eq!(server.requests(), 2);
    assert!(succeeded(&resp));
}

#[tokio::test(start_paused = true)]
async fn without_a_hook_token_errors_come_back() {
    let server = FakeTikTok::start(vec![Reply::code(40105, "revoked"), Reply::success()]);
    let resp = send(policy(), get(&server)).await;
    assert_eq!(server.requests(), 1);
    assert_eq!(
        resp.extensions().get::<Decision>(),
        Some(&Decision::GiveUp(GiveUpReason::RefreshUnavailable))
    );
}

#[tokio::test(start_paused = true)]
async fn a_refreshed_token_goes_only_to_its_own_request() {
    let server = FakeTikTok::start(vec![
        Reply::code(40105, "revoked"),
        Reply::code(40100, "App reaches the QPS limit."),
        Reply::success(),
        Reply::success(),
    ]);
    let p = policy().refresh_with(|| async { Ok::<_, std::io::Error>("act.a-new".to_owned()) });
    let mut svc = ServiceBuilder::new()
        .retry(p.clone())
        .layer(p.token_layer())
        .service(http_client());
    let start = Instant::now();
    // Account A: refreshed, then throttled, then resent: every resend carries the new token.
    let resp = svc.ready().await.unwrap().call(get(&server)).await.unwrap();
    assert!(succeeded(&resp));
    assert_eq!(start.elapsed(), Duration::from_secs(1));
    // Account B, through the same service: its own token, untouched.
    let b = http::Request::get(server.url(PATH))
        .header("Access-Token", "act.b")
        .body(Bytes::new())
        .unwrap();
    let resp = svc.ready().await.unwrap().call(b).await.unwrap();
    assert!(succeeded(&resp));
    let tokens: Vec<String> = server
        .seen()
        .iter()
        .map(|s| s.headers["access-token"].to_str().unwrap().to_owned())
        .collect();
    assert_eq!(tokens, ["act.old", "act.a-new", "act.a-new", "act.b"]);
}
