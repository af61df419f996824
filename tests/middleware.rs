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
use tiktok_errors::retry::{Decision, GiveUpReason, Idempotent, RefreshFailed, RetryPolicy};
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

/// A TikTok Shop create that failed on TikTok's side (HTTP 500 with Shop's internal-error body,
/// then a gateway timeout) is resent only when its JSON body carries an `idempotency_key`: the
/// request says so itself, no extension needed (`Idempotent::of_request`).
#[tokio::test(start_paused = true)]
async fn a_shop_create_is_resent_only_with_its_idempotency_key() {
    const CREATE: &str = "/fulfillment/202309/packages";
    let script = || {
        vec![
            Reply::code(36009003, "Internal error.").status(500),
            Reply::code(36009007, "Request timeout.").status(504),
            Reply::ok_json(
                r#"{"code":0,"message":"Success","request_id":"r","data":{"package_id":"1"}}"#,
            ),
        ]
    };
    let c = client(TikTokRetry::new(Api::Shop, policy()));
    let keyed = r#"{"idempotency_key":"pkg-order-576-1","order_id":"576"}"#;

    let server = FakeTikTok::start(script());
    let start = Instant::now();
    let resp = c.post(server.url(CREATE)).body(keyed).send().await.unwrap();
    assert_eq!(server.requests(), 3);
    assert_eq!(start.elapsed(), Duration::from_secs(3));
    assert_eq!(resp.status(), 200);
    // Every resend carried the same key.
    assert!(server.seen().iter().all(|s| s.body == keyed.as_bytes()));

    for unkeyed in [
        r#"{"order_id":"576"}"#,
        r#"{"idempotency_key":"","order_id":"576"}"#,
        r#"{"order":{"idempotency_key":"nested-does-not-count"}}"#,
    ] {
        let server = FakeTikTok::start(script());
        let start = Instant::now();
        let resp = c
            .post(server.url(CREATE))
            .body(unkeyed)
            .send()
            .await
            .unwrap();
        assert_eq!(server.requests(), 1, "{unkeyed}");
        assert_eq!(start.elapsed(), Duration::ZERO);
        assert_eq!(resp.status(), 500);
        assert_eq!(
            resp.extensions().get::<Decision>(),
            Some(&Decision::GiveUp(GiveUpReason::NotIdempotent))
        );
    }

    // The key is Shop's: an Ads client does not read it.
    let server = FakeTikTok::start(vec![
        Reply::code(50002, "System timeout."),
        Reply::success(),
    ]);
    let ads = client(TikTokRetry::new(Api::Ads, policy()));
    ads.post(server.url(PATH)).body(keyed).send().await.unwrap();
    assert_eq!(server.requests(), 1);
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
async fn a_failing_refresh_hook_gives_the_token_error_back_saying_so() {
    let server = FakeTikTok::start(vec![Reply::code(40105, "revoked"), Reply::success()]);
    let hook = || async { Err::<String, _>(std::io::Error::other("no refresh token stored")) };
    let c = client(TikTokRetry::new(Api::Ads, policy()).refresh_with(hook));
    let resp = c.get(server.url(PATH)).send().await.unwrap();
    assert_eq!(server.requests(), 1);
    assert_eq!(
        resp.extensions().get::<Decision>(),
        Some(&Decision::GiveUp(GiveUpReason::RefreshFailed))
    );
    let failed = resp.extensions().get::<RefreshFailed>().unwrap();
    let chain = anyhow_chain(failed);
    assert!(chain.contains("token refresh failed"), "{chain}");
    assert!(chain.contains("no refresh token stored"), "{chain}");
    assert_eq!(
        Decision::GiveUp(GiveUpReason::RefreshFailed).to_string(),
        "do not retry: the token refresh failed; the token error stands"
    );
    // The token error itself comes back untouched.
    let err = decode(Api::Ads, &body_of(resp).await).unwrap_err();
    assert_eq!(*err.raw_code().unwrap(), 40105);

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

// ---------------------------------------------------------------------------------------------
// The reqwest extension behind the middleware: one error type, the decision kept.

#[derive(Debug, serde::Deserialize)]
struct Info {
    #[allow(dead_code)]
    id: String,
}

/// What an application writes: `?` on the middleware client and on `.tiktok()` into one error.
async fn info(
    c: &reqwest_middleware::ClientWithMiddleware,
    url: String,
) -> Result<Info, tiktok_errors::reqwest::Error> {
    use tiktok_errors::reqwest::ResponseExt;
    Ok(c.get(url)
        .send()
        .await?
        .tiktok::<Info>(Api::Ads)
        .await?
        .into_data())
}

#[tokio::test(start_paused = true)]
async fn the_decision_survives_tiktok_and_anyhow_finds_the_tiktok_error() {
    let server = FakeTikTok::start(vec![Reply::code(40002, "advertiser_id: invalid")]);
    let c = client(TikTokRetry::new(Api::Ads, policy()));
    let err = info(&c, server.url(PATH)).await.unwrap_err();
    assert_eq!(
        err.decision(),
        Some(Decision::GiveUp(GiveUpReason::FixRequest))
    );
    assert_eq!(
        err.to_string(),
        "TikTok answered with an error (retry middleware: do not retry: fix the request)"
    );
    let any = anyhow::Error::from(err);
    let found = any
        .chain()
        .find_map(|e| e.downcast_ref::<tiktok_errors::TikTokError>())
        .expect("the TikTok error in the chain");
    assert_eq!(*found.raw_code().unwrap(), 40002);
    assert!(format!("{any:#}").contains("Ads error 40002"), "{any:#}");

    // A rescheduled quota: when to run again, after the body was consumed.
    let server = FakeTikTok::start(vec![Reply::code(40100, "App reaches the QPD limit.")]);
    let err = info(&c, server.url(PATH)).await.unwrap_err();
    assert!(
        matches!(err.decision(), Some(Decision::Reschedule { .. })),
        "{err:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn middleware_errors_convert_into_the_reqwest_extensions_error() {
    // A failed middleware (here: a URL that is no request) and a refused connection.
    let mw: reqwest_middleware::Error =
        reqwest_middleware::Error::middleware(std::io::Error::other("rate budget spent"));
    let err = tiktok_errors::reqwest::Error::from(mw);
    assert!(matches!(err, tiktok_errors::reqwest::Error::Middleware(_)));
    assert!(
        anyhow_chain(&err).contains("rate budget spent"),
        "{}",
        anyhow_chain(&err)
    );

    let port = closed_port();
    let c = client(TikTokRetry::new(Api::Ads, policy().max_attempts(1)));
    let err = info(&c, format!("http://127.0.0.1:{port}{PATH}"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, tiktok_errors::reqwest::Error::Transport(_)),
        "{err:?}"
    );
    assert_eq!(err.retry(), tiktok_errors::Retry::Transient);
}

// ---------------------------------------------------------------------------------------------
// Bodies past the cap, and transport failures, against raw servers on 127.0.0.1.

/// A port nothing listens on.
fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// A raw HTTP/1.1 server on its own thread: reads each request's head, then `answer` writes
/// whatever it likes for connection `n` (0-based) and the connection is closed. Counts
/// connections.
struct RawServer {
    addr: std::net::SocketAddr,
    accepted: Arc<AtomicUsize>,
}

impl RawServer {
    fn start(answer: fn(usize, &mut std::net::TcpStream)) -> RawServer {
        use std::io::Read;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let accepted = Arc::new(AtomicUsize::new(0));
        let count = Arc::clone(&accepted);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { return };
                let n = count.fetch_add(1, Ordering::SeqCst);
                std::thread::spawn(move || {
                    let mut head = Vec::new();
                    let mut byte = [0u8; 1];
                    while !head.ends_with(b"\r\n\r\n") {
                        match stream.read(&mut byte) {
                            Ok(1) => head.push(byte[0]),
                            _ => return,
                        }
                    }
                    answer(n, &mut stream);
                });
            }
        });
        RawServer { addr, accepted }
    }
    fn url(&self) -> String {
        format!("http://{}{PATH}", self.addr)
    }
    fn connections(&self) -> usize {
        self.accepted.load(Ordering::SeqCst)
    }
}

/// A JSON success whose body streams in 1000-byte chunks, far past any cap (`CHUNKS` chunks).
const CHUNKS: usize = 64;

fn stream_big(_: usize, s: &mut std::net::TcpStream) {
    use std::io::Write;
    let _ = s.write_all(
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n",
    );
    let mut chunk = |data: &[u8]| {
        let _ = write!(s, "{:x}\r\n", data.len());
        let _ = s.write_all(data);
        let _ = s.write_all(b"\r\n");
    };
    chunk(br#"{"code":0,"message":"OK","data":{"pad":""#);
    for _ in 0..CHUNKS {
        chunk(&[b'x'; 1000]);
    }
    chunk(br#""}}"#);
    let _ = s.write_all(b"0\r\n\r\n");
}

#[tokio::test(start_paused = true)]
async fn a_body_past_the_cap_is_handed_on_undecoded_and_whole() {
    use tiktok_errors::middleware::{NotDecoded, DEFAULT_MAX_BODY};
    assert_eq!(DEFAULT_MAX_BODY, 1 << 20);
    let server = RawServer::start(stream_big);
    let c = client(TikTokRetry::new(Api::Ads, policy()).max_body(4096));
    let resp = c.get(server.url()).send().await.unwrap();
    assert_eq!(
        resp.extensions().get::<NotDecoded>(),
        Some(&NotDecoded::BodyTooLarge { limit: 4096 })
    );
    assert!(resp.extensions().get::<Decision>().is_none());
    // What was read and the rest of the stream, in order, nothing lost.
    let body = body_of(resp).await;
    assert_eq!(body.len(), 40 + CHUNKS * 1000 + 3);
    assert!(decode(Api::Ads, &body).is_ok());
    assert_eq!(server.connections(), 1);

    // Announced by Content-Length: not read at all.
    let big = format!(
        r#"{{"code":0,"message":"OK","data":"{}"}}"#,
        "y".repeat(10_000)
    );
    let server = FakeTikTok::start(vec![Reply::ok_json(&big)]);
    let resp = c.get(server.url(PATH)).send().await.unwrap();
    assert_eq!(
        resp.extensions().get::<NotDecoded>(),
        Some(&NotDecoded::BodyTooLarge { limit: 4096 })
    );
    assert_eq!(body_of(resp).await, big);

    // Under the cap: decoded as before.
    let c = client(TikTokRetry::new(Api::Ads, policy()));
    let server = RawServer::start(stream_big);
    let resp = c.get(server.url()).send().await.unwrap();
    assert!(resp.extensions().get::<NotDecoded>().is_none());
    assert!(resp.extensions().get::<Decision>().is_none());
}

#[tokio::test(start_paused = true)]
async fn an_endless_body_does_not_exhaust_memory() {
    use tiktok_errors::middleware::NotDecoded;
    fn endless(_: usize, s: &mut std::net::TcpStream) {
        use std::io::Write;
        let _ = s.write_all(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n",
        );
        loop {
            let chunk = [b' '; 8192];
            if write!(s, "2000\r\n").is_err()
                || s.write_all(&chunk).is_err()
                || s.write_all(b"\r\n").is_err()
            {
                return;
            }
        }
    }
    let server = RawServer::start(endless);
    let c = client(TikTokRetry::new(Api::Ads, policy()).max_body(64 * 1024));
    let mut resp = c.get(server.url()).send().await.unwrap();
    assert_eq!(
        resp.extensions().get::<NotDecoded>(),
        Some(&NotDecoded::BodyTooLarge { limit: 64 * 1024 })
    );
    // The caller reads on as far as it likes, then drops it.
    let mut read = 0;
    while read < 1 << 20 {
        read += resp.chunk().await.unwrap().unwrap().len();
    }
}

fn reset(_: usize, s: &mut std::net::TcpStream) {
    let _ = s.shutdown(std::net::Shutdown::Both);
}

fn truncated(_: usize, s: &mut std::net::TcpStream) {
    use std::io::Write;
    let _ = s.write_all(
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{\"code\":0,",
    );
    let _ = s.shutdown(std::net::Shutdown::Both);
}

#[tokio::test(start_paused = true)]
async fn transport_failures_follow_the_idempotency_rules() {
    let c = client(TikTokRetry::new(Api::Ads, policy().max_attempts(3)));
    for answer in [reset as fn(usize, &mut std::net::TcpStream), truncated] {
        // A read: resent with backoff (1 s, 2 s), then the error comes back.
        let server = RawServer::start(answer);
        let start = Instant::now();
        let err = c.get(server.url()).send().await.unwrap_err();
        assert_eq!(server.connections(), 3, "{err:?}");
        assert_eq!(start.elapsed(), Duration::from_secs(3));
        // A create: it may have taken effect; sent once.
        let server = RawServer::start(answer);
        c.post(server.url()).body("{}").send().await.unwrap_err();
        assert_eq!(server.connections(), 1);
        // Marked idempotent: resent.
        let server = RawServer::start(answer);
        c.post(server.url())
            .with_extension(Idempotent(true))
            .body("{}")
            .send()
            .await
            .unwrap_err();
        assert_eq!(server.connections(), 3);
    }
    // A refused connection never reached TikTok: a create is resent too.
    let port = closed_port();
    let start = Instant::now();
    let err = c
        .post(format!("http://127.0.0.1:{port}{PATH}"))
        .body("{}")
        .send()
        .await
        .unwrap_err();
    assert!(err.is_connect(), "{err:?}");
    assert_eq!(start.elapsed(), Duration::from_secs(3));
}
