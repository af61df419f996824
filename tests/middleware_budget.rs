//! The reqwest-middleware adapter with the rate-limit budget wired in, against the stand-in
//! TikTok of tests/limited_tiktok (a real server on 127.0.0.1 enforcing per-app limits in
//! calendar seconds and an advertiser limit stated only in its 40133 messages).
#![cfg(all(feature = "reqwest-middleware", feature = "budget"))]

mod limited_tiktok;

use std::time::{Duration, Instant};

use limited_tiktok::{LimitedTikTok, Limits};
use tiktok_errors::budget::{Budget, BudgetError};
use tiktok_errors::middleware::TikTokRetry;
use tiktok_errors::retry::RetryPolicy;
use tiktok_errors::{decode, Api};

fn client(mw: TikTokRetry) -> reqwest_middleware::ClientWithMiddleware {
    reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
        .with(mw)
        .build()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_send_goes_through_the_budget_and_teaches_it() {
    let server = LimitedTikTok::start(Limits::basic(Some(3)), 0);
    let budget = Budget::builder("T1").build().unwrap();
    let c =
        client(TikTokRetry::new(Api::Ads, RetryPolicy::default().max_attempts(6)).budget(budget));
    let url = format!(
        "{}/open_api/v1.3/campaign/get/?advertiser_id=1001",
        server.base_url()
    );
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..12 {
        let (c, url) = (c.clone(), url.clone());
        tasks.push(tokio::spawn(async move {
            let resp = c
                .get(&url)
                .header("Access-Token", "T1")
                .send()
                .await
                .unwrap();
            let body = resp.bytes().await.unwrap();
            decode(Api::Ads, &body).is_ok()
        }));
    }
    for t in tasks {
        assert!(t.await.unwrap(), "a request did not end in a success");
    }
    let seconds = server.seconds();
    let throttled: u32 = seconds.iter().map(|s| s.throttled).sum();
    // The advertiser's 3 a second is learned from the first 40133; the turns already handed out
    // at the app's pace when it arrived (up to a second's worth) still go out and are throttled.
    // From the second calendar second after the first throttle on, the resends and the rest go at
    // the learned pace (see `late_throttles`). The pace keeps
    // every calendar second at 3 only if each request leaves at its turn: on a loaded machine a
    // task woken late can land in the next second beside that second's own three, so one throttle
    // there is the machine's, not the budget's (two or more would be the budget's).
    assert!(throttled <= 10, "{seconds:?}");
    assert!(late_throttles(&seconds) <= 1, "{seconds:?}");
    assert!(
        start.elapsed() >= Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn a_request_the_budget_cannot_grant_is_not_sent() {
    let server = LimitedTikTok::start(Limits::basic(None), 0);
    // One a second on this endpoint, and no wait longer than 100 ms accepted: the second request
    // cannot go now, so it is not sent and the budget's error comes back.
    let budget = Budget::builder("T2")
        .max_wait(Duration::from_millis(100))
        .build()
        .unwrap();
    let c = client(TikTokRetry::new(Api::Ads, RetryPolicy::default()).budget(budget));
    let url = format!("{}/open_api/v1.3/report/task/create/", server.base_url());
    let first = c.post(&url).header("Access-Token", "T2").send().await;
    assert!(first.is_ok());
    let second = c
        .post(&url)
        .header("Access-Token", "T2")
        .send()
        .await
        .unwrap_err();
    let reqwest_middleware::Error::Middleware(e) = &second else {
        panic!("{second:?}");
    };
    assert!(
        matches!(
            e.downcast_ref::<BudgetError>(),
            Some(BudgetError::Exhausted { .. })
        ),
        "{e:?}"
    );
    let sent: u32 = server.seconds().iter().map(|s| s.ok + s.throttled).sum();
    assert_eq!(sent, 1);
}

/// The tower adapter: `BudgetLayer` inside the retry layer, over a reqwest-backed service, against
/// the same stand-in: resends go through the budget and the advertiser's limit is learned.
#[cfg(feature = "tower")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tower_sends_and_resends_through_the_budget() {
    use bytes::Bytes;
    use tiktok_errors::tower::{BudgetLayer, TikTokPolicy};
    use tower::{Service, ServiceBuilder, ServiceExt};

    let server = LimitedTikTok::start(Limits::basic(Some(3)), 0);
    let client = reqwest::Client::new();
    let http = tower::service_fn(move |req: http::Request<Bytes>| {
        let client = client.clone();
        async move {
            let resp = client.execute(reqwest::Request::try_from(req)?).await?;
            let status = resp.status();
            let body = resp.bytes().await?;
            Ok::<_, reqwest::Error>(http::Response::builder().status(status).body(body).unwrap())
        }
    });
    let policy = TikTokPolicy::new(Api::Ads, RetryPolicy::default().max_attempts(6));
    let budget = Budget::builder("T3").build().unwrap();
    let svc = ServiceBuilder::new()
        .retry(policy)
        .layer(BudgetLayer::new(Api::Ads, budget))
        .service(http);
    let url = format!(
        "{}/open_api/v1.3/campaign/get/?advertiser_id=2002",
        server.base_url()
    );
    let mut tasks = Vec::new();
    for _ in 0..9 {
        let (mut svc, url) = (svc.clone(), url.clone());
        tasks.push(tokio::spawn(async move {
            let req = http::Request::get(&url)
                .header("Access-Token", "T3")
                .body(Bytes::new())
                .unwrap();
            let resp = svc.ready().await.unwrap().call(req).await.unwrap();
            decode(Api::Ads, resp.body()).is_ok()
        }));
    }
    for t in tasks {
        assert!(t.await.unwrap(), "a request did not end in a success");
    }
    let seconds = server.seconds();
    assert!(late_throttles(&seconds) <= 1, "{seconds:?}");
}

/// Throttles two calendar seconds or more after the first one: the limit is learned from the
/// first throttle, the turns handed out at the app's pace before it (up to a second's worth, which
/// may straddle two calendar seconds) still go out, and from then on every send is at the
/// learned pace. One late throttle is the machine's (a task woken late lands beside the next
/// second's own turns); two or more would be the budget's. Counted from the first throttle, not
/// from the test's start, so a start late in a calendar second does not shift the window.
fn late_throttles(seconds: &[limited_tiktok::Second]) -> u32 {
    let Some(first) = seconds.iter().find(|s| s.throttled > 0).map(|s| s.unix) else {
        return 0;
    };
    seconds
        .iter()
        .filter(|s| s.unix >= first + 2)
        .map(|s| s.throttled)
        .sum()
}
