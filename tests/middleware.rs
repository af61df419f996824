//! The reqwest-middleware adapter against a real HTTP server on 127.0.0.1 that scripts
//! TikTok's answers. Tokio's clock is paused: waits advance it instantly, and the tests assert
//! exactly how far. The server runs on its own thread and runtime, and the client has no timers
//! of its own (no pool idle timeout), so the clock only moves for the policy's sleeps.
#![cfg(feature = "reqwest-middleware")]

mod fake_tiktok;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use fake_tiktok::{FakeTikTok, Reply};
use tiktok_errors::clock::Clock;
use tiktok_errors::middleware::TikTokRetry;
use tiktok_errors::retry::{Decision, GiveUpReason, Idempotent, RetryPolicy};
use tiktok_errors::{decode, Api};
use tokio::time::Instant;

const PATH: &str = "/open_api/v1.3/advertiser/info/";

/// Noon UTC on a fixed day: the policy's decisions never depend on when the test runs (at
/// 23:49 UTC a QPD limit is rightly slept out, not rescheduled).
const NOON: u64 = 20_000 * 86_400 + 43_200;

fn policy() -> RetryPolicy {
    RetryPolicy::default()
        .jitter(false)
        .clock(Clock::fixed(UNIX_EPOCH + Duration::from_secs(NOON)))
}

fn client(mw: TikTokRetry) -> reqwest_middleware::ClientWithMiddleware {
    let inner = reqwest::Client::builder()
        .pool_idle_timeout(None)
        .build()
        .unwrap();
    reqwest_middleware::ClientBuilder::new(inner)
        .with(mw)
        .build()
}

/// A refresh hook that counts its calls and hands out `act.new-<n>`.
fn counting_hook(calls: &Arc<AtomicUsize>) -> impl tiktok_errors::retry::RefreshToken {
    let calls = Arc::clone(calls);
    move || {
        let n = calls.fetch_add(1, Ordering::SeqCst) + 1;
        async move { Ok::<_, std::io::Error>(format!("act.new-{n}")) }
    }
}

async fn body_of(resp: reqwest::Response) -> String {
    resp.text().await.unwrap()
}

#[tokio::test(start_paused = true)]
async fn qps_limit_waits_one_second_then_succeeds() {
    let server = FakeTikTok::start(vec![
        Reply::code(40100, "App reaches the QPS limit."),
        Reply::success(),
    ]);
    let c = client(TikTokRetry::new(Api::Ads, policy()));
    let start = Instant::now();
    let resp = c.get(server.url(PATH)).send().await.unwrap();
    assert_eq!(start.elapsed(), Duration::from_secs(1));
    assert_eq!(server.requests(), 2);
    assert!(resp.extensions().get::<Decision>().is_none());
    assert!(decode(Api::Ads, &body_of(resp).await).is_ok());
}

#[tokio::test(start_paused = true)]
async fn invalid_token_is_refreshed_once_then_succeeds() {
    let server = FakeTikTok::start(vec![
        Reply::code(40105, "Access token is incorrect or has been revoked."),
        Reply::success(),
    ]);
    let calls = Arc::new(AtomicUsize::new(0));
    let c = client(TikTokRetry::new(Api::Ads, policy()).refresh_with(counting_hook(&calls)));
    let start = Instant::now();
    let resp = c
        .post(server.url(PATH))
        .header("Access-Token", "act.old")
        .body(r#"{"advertiser_id":"1"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(start.elapsed(), Duration::ZERO);
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].headers["access-token"], "act.old");
    assert_eq!(seen[1].headers["access-token"], "act.new-1");
    assert_eq!(seen[1].body, r#"{"advertiser_id":"1"}"#);
    assert!(decode(Api::Ads, &body_of(resp).await).is_ok());
}

#[tokio::test(start_paused = true)]
async fn a_second_token_error_after_a_refresh_gives_up() {
    let server = FakeTikTok::start(vec![
        Reply::code(40105, "Access token is incorrect or has been revoked."),
        Reply::code(40105, "Access token is incorrect or has been revoked."),
        Reply::success(),
    ]);
    let calls = Arc::new(AtomicUsize::new(0));
    let c = client(TikTokRetry::new(Api::Ads, policy()).refresh_with(counting_hook(&calls)));
    let resp = c.get(server.url(PATH)).send().await.unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert_eq!(server.requests(), 2);
    assert_eq!(
        resp.extensions().get::<Decision>(),
        Some(&Decision::GiveUp(GiveUpReason::RefreshDidNotHelp))
    );
}

#[tokio::test(start_paused = true)]
async fn bearer_tokens_are_refreshed_in_authorization() {
    let server = FakeTikTok::start(vec![
        Reply::ok_json(
            r#"{"data":{},"error":{"code":"access_token_invalid","message":"","log_id":"L"}}"#,
        ),
        Reply::ok_json(
            r#"{"data":{"publish_id":"p"},"error":{"code":"ok","message":"","log_id":"L2"}}"#,
        ),
    ]);
    let calls = Arc::new(AtomicUsize::new(0));
    let c =
        client(TikTokRetry::new(Api::ContentPosting, policy()).refresh_with(counting_hook(&calls)));
    let resp = c
        .post(server.url("/v2/post/publish/status/fetch/"))
        .bearer_auth("act.old")
        .send()
        .await
        .unwrap();
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[1].headers["authorization"], "Bearer act.new-1");
    assert!(decode(Api::ContentPosting, &body_of(resp).await).is_ok());
}

#[tokio::test(start_paused = true)]
async fn server_timeouts_back_off_for_idempotent_requests() {
    let server = FakeTikTok::start(vec![
        Reply::code(50002, "System timeout."),
        Reply::code(50002, "System timeout."),
        Reply::success(),
    ]);
    let c = client(TikTokRetry::new(Api::Ads, policy()));
    let start = Instant::now();
    let resp = c.get(server.url(PATH)).send().await.unwrap();
    // Backoff without jitter: 1 s, then 2 s.
    assert_eq!(start.elapsed(), Duration::from_secs(3));
    assert_eq!(server.requests(), 3);
    assert!(decode(Api::Ads, &body_of(resp).await).is_ok());
}

#[tokio::test(start_paused = true)]
async fn server_timeouts_are_not_resent_for_a_post_unless_marked_idempotent() {
    let script = || {
        vec![
            Reply::code(50002, "System timeout."),
            Reply::code(50002, "System timeout."),
            Reply::success(),
        ]
    };
    let server = FakeTikTok::start(script());
    let c = client(TikTokRetry::new(Api::Ads, policy()));
    let start = Instant::now();
    let resp = c.post(server.url(PATH)).body("{}").send().await.unwrap();
    assert_eq!(start.elapsed(), Duration::ZERO);
    assert_eq!(server.requests(), 1);
    assert_eq!(
        resp.extensions().get::<Decision>(),
        Some(&Decision::GiveUp(GiveUpReason::NotIdempotent))
    );

    let server = FakeTikTok::start(script());
    let resp = c
        .post(server.url(PATH))
        .with_extension(Idempotent(true))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(server.requests(), 3);
    assert_eq!(start.elapsed(), Duration::from_secs(3));
    assert!(decode(Api::Ads, &body_of(resp).await).is_ok());
}

#[tokio::test(start_paused = true)]
async fn parameter_errors_come_back_untouched() {
    let body = r#"{"code":40002,"message":"budget: must be greater than or equal to 50","request_id":"r-40002"}"#;
    let server = FakeTikTok::start(vec![Reply::ok_json(body).header("x-custom", "kept")]);
    let c = client(TikTokRetry::new(Api::Ads, policy()));
    let start = Instant::now();
    let url = server.url(PATH);
    let resp = c.get(&url).send().await.unwrap();
    assert_eq!(start.elapsed(), Duration::ZERO);
    assert_eq!(server.requests(), 1);
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.url().as_str(), url);
    assert_eq!(resp.headers()["x-custom"], "kept");
    assert_eq!(resp.headers()["x-tt-logid"], "2026112712000001");
    assert_eq!(resp.headers()["content-type"], "application/json");
    assert_eq!(
        resp.extensions().get::<Decision>(),
        Some(&Decision::GiveUp(GiveUpReason::FixRequest))
    );
    assert_eq!(body_of(resp).await, body);
}

#[tokio::test(start_paused = true)]
async fn a_daily_quota_is_rescheduled_not_slept() {
    let server = FakeTikTok::start(vec![
        Reply::code(40100, "App reaches the QPD limit."),
        Reply::success(),
    ]);
    let c = client(TikTokRetry::new(Api::Ads, policy()));
    let start = Instant::now();
    let resp = c.get(server.url(PATH)).send().await.unwrap();
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
    assert!(decode(Api::Ads, &body_of(resp).await).is_err());
}

#[tokio::test(start_paused = true)]
async fn retry_after_and_gateway_pages() {
    let server = FakeTikTok::start(vec![
        Reply::ok_json("<html>Too Many Requests</html>")
            .status(429)
            .header("retry-after", "4"),
        Reply {
            status: 503,
            headers: vec![("content-type", "text/html".into())],
            body: "<html>503 Service Unavailable</html>".into(),
        },
        Reply::success(),
    ]);
    let c = client(TikTokRetry::new(Api::Ads, policy()));
    let start = Instant::now();
    let resp = c.get(server.url(PATH)).send().await.unwrap();
    // Retry-After: 4 s; then the 503 page: backoff step 2 (2 s).
    assert_eq!(start.elapsed(), Duration::from_secs(6));
    assert_eq!(server.requests(), 3);
    assert_eq!(resp.status(), 200);
}

#[tokio::test(start_paused = true)]
async fn streamed_bodies_are_sent_once() {
    let server = FakeTikTok::start(vec![
        Reply::code(40100, "App reaches the QPS limit."),
        Reply::success(),
    ]);
    let c = client(TikTokRetry::new(Api::Ads, policy()));
    let body = reqwest::Body::wrap(http_body_util::Full::new(bytes::Bytes::from_static(b"{}")));
    let resp = c.put(server.url(PATH)).body(body).send().await.unwrap();
    assert_eq!(server.requests(), 1);
    assert!(decode(Api::Ads, &body_of(resp).await).is_err());
}

#[tokio::test(start_paused = true)]
async fn media_bodies_are_not_read() {
    let server = FakeTikTok::start(vec![Reply {
        status: 200,
        headers: vec![("content-type", "video/mp4".into())],
        body: r#"{"code":50002,"message":"looks like an error, is a video"}"#.into(),
    }]);
    let c = client(TikTokRetry::new(Api::Ads, policy()));
    let resp = c.get(server.url("/video.mp4")).send().await.unwrap();
    assert_eq!(server.requests(), 1);
    assert!(resp.extensions().get::<Decision>().is_none());
}

#[tokio::test(start_paused = true)]
async fn a_failing_refresh_hook_is_an_error() {
    let server = FakeTikTok::start(vec![Reply::code(40105, "revoked"), Reply::success()]);
    let hook = || async { Err::<String, _>(std::io::Error::other("no refresh token stored")) };
    let c = client(TikTokRetry::new(Api::Ads, policy()).refresh_with(hook));
    let err = c.get(server.url(PATH)).send().await.unwrap_err();
    assert_eq!(server.requests(), 1);
    let chain = format!("{:#}", anyhow_chain(&err));
    assert!(chain.contains("token refresh failed"), "{chain}");
    assert!(chain.contains("no refresh token stored"), "{chain}");

    // Without a hook, the token error comes back with the decision.
    let server = FakeTikTok::start(vec![Reply::code(40105, "revoked"), Reply::success()]);
    let c = client(TikTokRetry::new(Api::Ads, policy()));
    let resp = c.get(server.url(PATH)).send().await.unwrap();
    assert_eq!(server.requests(), 1);
    assert_eq!(
        resp.extensions().get::<Decision>(),
        Some(&Decision::GiveUp(GiveUpReason::RefreshUnavailable))
    );
}

fn anyhow_chain(err: &dyn std::error::Error) -> String {
    let mut out = err.to_string();
    let mut cur = err.source();
    while let Some(e) = cur {
        out.push_str(": ");
        out.push_str(&e.to_string());
        cur = e.source();
    }
    out
}

#[tokio::test(start_paused = true)]
async fn attempts_are_capped() {
    let server = FakeTikTok::start(vec![Reply::code(50002, "System timeout."); 10]);
    let c = client(TikTokRetry::new(Api::Ads, policy().max_attempts(3)));
    let start = Instant::now();
    let resp = c.get(server.url(PATH)).send().await.unwrap();
    assert_eq!(server.requests(), 3);
    assert_eq!(start.elapsed(), Duration::from_secs(3));
    assert_eq!(
        resp.extensions().get::<Decision>(),
        Some(&Decision::GiveUp(GiveUpReason::AttemptsExhausted {
            attempts: 3
        }))
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
    let calls = Arc::new(AtomicUsize::new(0));
    let c = client(TikTokRetry::new(Api::Ads, policy()).refresh_with(counting_hook(&calls)));
    let start = Instant::now();
    let a = c
        .get(server.url(PATH))
        .header("Access-Token", "act.old")
        .send()
        .await
        .unwrap();
    assert!(decode(Api::Ads, &body_of(a).await).is_ok());
    assert_eq!(start.elapsed(), Duration::from_secs(1));
    let b = c
        .get(server.url(PATH))
        .header("Access-Token", "act.b")
        .send()
        .await
        .unwrap();
    assert!(decode(Api::Ads, &body_of(b).await).is_ok());
    let tokens: Vec<String> = server
        .seen()
        .iter()
        .map(|s| s.headers["access-token"].to_str().unwrap().to_owned())
        .collect();
    assert_eq!(tokens, ["act.old", "act.new-1", "act.new-1", "act.b"]);
}
