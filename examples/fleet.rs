//! One process of a fleet that shares a TikTok app's rate limits: every request goes through
//! the rate-limit budget (shared through Redis with `--redis`, in-process otherwise) and the
//! retry policy, so each ends in a success or a stated give-up.
//!
//! ```text
//! cargo run --release --example fleet --features redis,reqwest -- \
//!     --base-url http://127.0.0.1:PORT --path /open_api/v1.3/campaign/get/ \
//!     --token TOKEN --tier basic [--advertisers 1001,1002] \
//!     --requests 60 --concurrency 4 [--redis redis://127.0.0.1:PORT]
//! ```
//!
//! It sends `--requests` GET requests to `{base-url}{path}` (with `?advertiser_id=A`, the
//! advertisers taken in turn) with the header `Access-Token: TOKEN`, `--concurrency` at a time.
//! Give-ups are explained on standard error; the last line on standard output is one JSON
//! object: `{"requests":60,"ok":60,"gave_up":0,"throttled":N,"elapsed_s":F}` (`throttled`
//! counts the 40100 / 40133 answers received).

use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tiktok_errors::budget::{Budget, BudgetError, Request};
use tiktok_errors::limits::Tier;
use tiktok_errors::retry::{Attempt, Decision, RetryPolicy, TransportFailure};
use tiktok_errors::{Api, Decoder, TikTokError};

struct Args {
    base_url: String,
    path: String,
    token: String,
    tier: Tier,
    advertisers: Vec<String>,
    requests: usize,
    concurrency: usize,
    redis: Option<String>,
}

const USAGE: &str = "usage: fleet --base-url URL --path PATH --token TOKEN --tier TIER \
[--advertisers A,B] --requests N --concurrency C [--redis URL]";

fn parse() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let (mut base_url, mut path, mut token, mut redis) = (None, None, None, None);
    let (mut tier, mut advertisers, mut requests, mut concurrency) = (Tier::Basic, vec![], 60, 4);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--base-url" => base_url = Some(value()?.trim_end_matches('/').to_owned()),
            "--path" => path = Some(value()?),
            "--token" => token = Some(value()?),
            "--tier" => tier = value()?.parse().map_err(|e| format!("--tier: {e}"))?,
            "--advertisers" => {
                advertisers = value()?
                    .split(',')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(str::to_owned)
                    .collect();
            }
            "--requests" => requests = value()?.parse().map_err(|e| format!("--requests: {e}"))?,
            "--concurrency" => {
                concurrency = value()?
                    .parse()
                    .map_err(|e| format!("--concurrency: {e}"))?;
            }
            "--redis" => redis = Some(value()?),
            "--help" | "-h" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(Args {
        base_url: base_url.ok_or("--base-url is required")?,
        path: path.ok_or("--path is required")?,
        token: token.ok_or("--token is required")?,
        tier,
        advertisers,
        requests,
        concurrency: concurrency.max(1),
        redis,
    })
}

#[derive(Default)]
struct Tally {
    ok: AtomicUsize,
    gave_up: AtomicUsize,
    throttled: AtomicUsize,
    waited_us: AtomicU64,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse() {
        Ok(a) => Arc::new(a),
        Err(e) => {
            eprintln!("fleet: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    // The app's identity is its token here: every process with the same token shares one
    // budget (only a hash of it is kept).
    let mut builder = Budget::builder(args.token.clone())
        .tier(args.tier)
        .max_wait(Duration::from_secs(600));
    if let Some(url) = &args.redis {
        builder = builder.redis(url.clone());
    }
    let budget = match builder.build() {
        Ok(b) => b,
        Err(e) => {
            eprintln!("fleet: {e}");
            return ExitCode::from(2);
        }
    };
    let client = reqwest::Client::new();
    let policy = RetryPolicy::default().max_attempts(8);
    let next = Arc::new(AtomicUsize::new(0));
    let tally = Arc::new(Tally::default());
    let start = Instant::now();
    let workers: Vec<_> = (0..args.concurrency)
        .map(|_| {
            let (args, budget, client, policy, next, tally) = (
                Arc::clone(&args),
                budget.clone(),
                client.clone(),
                policy.clone(),
                Arc::clone(&next),
                Arc::clone(&tally),
            );
            tokio::spawn(async move {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= args.requests {
                        break;
                    }
                    let adv = (!args.advertisers.is_empty())
                        .then(|| args.advertisers[i % args.advertisers.len()].as_str());
                    match one(&args, adv, &budget, &client, &policy, &tally).await {
                        Ok(()) => tally.ok.fetch_add(1, Ordering::SeqCst),
                        Err(why) => {
                            eprintln!("fleet: request {i} gave up: {why}");
                            tally.gave_up.fetch_add(1, Ordering::SeqCst)
                        }
                    };
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.await;
    }
    let summary = serde_json::json!({
        "requests": args.requests,
        "ok": tally.ok.load(Ordering::SeqCst),
        "gave_up": tally.gave_up.load(Ordering::SeqCst),
        "throttled": tally.throttled.load(Ordering::SeqCst),
        "elapsed_s": (start.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
    });
    eprintln!(
        "fleet: waited for the budget {:.1} s in all",
        Duration::from_micros(tally.waited_us.load(Ordering::SeqCst)).as_secs_f64()
    );
    println!("{summary}");
    ExitCode::SUCCESS
}

/// One request, through the budget and the retry policy, until it succeeds or the policy gives
/// up (the reason is returned).
async fn one(
    args: &Args,
    adv: Option<&str>,
    budget: &Budget,
    client: &reqwest::Client,
    policy: &RetryPolicy,
    tally: &Tally,
) -> Result<(), String> {
    let url = match adv {
        Some(a) => format!("{}{}?advertiser_id={a}", args.base_url, args.path),
        None => format!("{}{}", args.base_url, args.path),
    };
    let mut request = Request::new(&args.path);
    if let Some(a) = adv {
        request = request.advertiser(a);
    }
    let mut attempt = Attempt::first(true);
    loop {
        match budget.acquire(&request).await {
            Ok(p) => {
                let us = u64::try_from(p.wait().as_micros()).unwrap_or(u64::MAX);
                tally.waited_us.fetch_add(us, Ordering::SeqCst);
            }
            Err(BudgetError::Exhausted { after, .. }) => {
                return Err(format!(
                    "the budget says reschedule in {} s",
                    after.as_secs()
                ));
            }
            Err(e) => return Err(e.to_string()),
        }
        let sent = client
            .get(&url)
            .header("Access-Token", &args.token)
            .send()
            .await;
        let body = match sent {
            Ok(resp) => {
                let status = resp.status().as_u16();
                resp.bytes().await.map(|body| (status, body))
            }
            Err(e) => Err(e),
        };
        let error = match body {
            Ok((status, body)) => match Decoder::new(Api::Ads).status(status).decode(&body) {
                Ok(_) => return Ok(()),
                Err(e) => e,
            },
            Err(e) => {
                // No whole answer: the policy's transport rules (a GET is idempotent).
                let failure =
                    TransportFailure::of_reqwest(&e).ok_or_else(|| format!("transport: {e}"))?;
                let decision = policy.decide_transport(failure, attempt);
                let Decision::Resend { after } = decision else {
                    return Err(format!("transport: {e}: {decision}"));
                };
                tokio::time::sleep(after).await;
                attempt = attempt.next(&decision).unwrap_or(attempt);
                continue;
            }
        };
        if is_throttle(&error) {
            tally.throttled.fetch_add(1, Ordering::SeqCst);
            // The budget learns (the window's pause, the advertiser's stated limit) and holds
            // the resend back until then: the policy only decides whether to resend.
            if let Err(e) = budget.observe(&request, &error).await {
                eprintln!("fleet: could not record the throttle: {e}");
            }
        }
        let decision = policy.decide(&error, attempt);
        match decision {
            Decision::Resend { after } if !is_throttle(&error) => {
                tokio::time::sleep(after).await;
            }
            Decision::Resend { .. } | Decision::RefreshThenResend => {}
            other => return Err(format!("{error}: {other}")),
        }
        match attempt.next(&decision) {
            Some(a) => attempt = a,
            None => return Err(format!("{error}: {decision}")),
        }
    }
}

fn is_throttle(e: &TikTokError) -> bool {
    e.raw_code().is_some_and(|c| *c == 40100 || *c == 40133)
}
