//! The budget shared through a real `redis-server` on 127.0.0.1 (started by each test): one
//! command per acquire, a fleet of budgets sharing windows and lessons, bounded typed errors
//! when Redis is gone, the opt-in fallback, recovery after a restart, keys with TTLs.
#![cfg(feature = "redis")]

mod redis_server;

use std::time::{Duration, Instant};

use redis_server::RedisServer;
use tiktok_errors::budget::{Budget, BudgetError, Request, StoreError};
use tiktok_errors::{decode, Api};

const PATH: &str = "/open_api/v1.3/campaign/get/";

fn budget(server: &RedisServer, app: &str) -> Budget {
    Budget::builder(app)
        .margin(1.0)
        .redis(server.url())
        .build()
        .unwrap()
}

fn calls(server: &RedisServer, name: &str) -> u64 {
    server
        .command_calls()
        .into_iter()
        .find(|(n, _)| n == name)
        .map_or(0, |(_, c)| c)
}

#[tokio::test]
async fn one_command_per_acquire() {
    let server = RedisServer::start();
    let b = budget(&server, "app-one");
    // The first call loads the script (NOSCRIPT, then SCRIPT LOAD): not the steady state.
    let _ = b.reserve(&Request::new(PATH)).await.unwrap();
    assert!(server.command("CONFIG RESETSTAT").starts_with("+OK"));
    for i in 0..50 {
        let adv = format!("{}", 1000 + i % 3);
        let _ = b
            .reserve(&Request::new(PATH).advertiser(&adv))
            .await
            .unwrap();
    }
    // Redis counts the commands a script runs too: one TIME and, per slot (the app's and the
    // advertiser's), one HMGET, HSET and PEXPIRE per acquire. Anything else, or more, would
    // be a second round trip.
    assert_eq!(calls(&server, "evalsha"), 50);
    assert_eq!(calls(&server, "time"), 50);
    for inside in ["hmget", "hset", "pexpire"] {
        assert_eq!(calls(&server, inside), 100, "{inside}");
    }
    let stats = server.command_calls();
    let others: Vec<_> = stats
        .iter()
        .filter(|(n, _)| {
            !matches!(
                n.as_str(),
                "evalsha" | "info" | "config|resetstat" | "time" | "hmget" | "hset" | "pexpire"
            )
        })
        .collect();
    assert!(others.is_empty(), "{others:?}");
}

#[tokio::test]
async fn processes_share_the_windows() {
    let server = RedisServer::start();
    // Four "processes": four budgets, one app, one Redis.
    let fleet: Vec<Budget> = (0..4).map(|_| budget(&server, "app-fleet")).collect();
    let start = Instant::now();
    let mut turns = Vec::new();
    // /report/task/create/: 60 a minute, one a second for the app, whichever process asks.
    // (A turn is read as the client's clock plus the wait the server computed: a reply held
    // up on a loaded machine shifts one turn by that delay, hence the 100 ms of slack.)
    let report = Request::new("/open_api/v1.3/report/task/create/");
    for i in 0..8 {
        let p = fleet[i % 4].reserve(&report).await.unwrap();
        turns.push(start.elapsed() + p.wait());
    }
    turns.sort();
    for w in turns.windows(2) {
        assert!(w[1] - w[0] >= Duration::from_millis(900), "{turns:?}");
    }
    assert!(
        *turns.last().unwrap() >= Duration::from_millis(7_000),
        "{turns:?}"
    );
    // Another app shares nothing with it.
    let other = budget(&server, "another-app");
    assert!(other.reserve(&Request::new(PATH)).await.unwrap().wait() < Duration::from_millis(50));
}

#[tokio::test]
async fn a_lesson_reaches_every_process() {
    let server = RedisServer::start();
    let a = budget(&server, "app-learn");
    let b = budget(&server, "app-learn");
    let r = Request::new(PATH).advertiser("1001");
    let e = decode(
        Api::Ads,
        br#"{"code":40133,"message":"Advertiser (1001)'s QPS (6) reaches QPS limit 2 for current path, request is temporarily restricted."}"#,
    )
    .unwrap_err();
    assert_eq!(a.observe(&r, &e).await.unwrap().advertiser_limit(), Some(2));
    // Process b never saw the throttle: it paces advertiser 1001 at 2 a second.
    let start = Instant::now();
    let mut turns = Vec::new();
    for _ in 0..5 {
        turns.push(start.elapsed() + b.reserve(&r).await.unwrap().wait());
    }
    // 500 ms apart (without the lesson: 100 ms); 100 ms of slack for a loaded machine.
    for w in turns.windows(2) {
        assert!(w[1] - w[0] >= Duration::from_millis(400), "{turns:?}");
    }
    assert!(
        *turns.last().unwrap() >= Duration::from_millis(1_900),
        "{turns:?}"
    );
    // The keys expire: every key of the app has a TTL.
    let keys = server.command("KEYS tiktok-errors:*");
    let names: Vec<&str> = keys
        .lines()
        .filter(|l| l.starts_with("tiktok-errors:"))
        .collect();
    assert!(!names.is_empty());
    for k in names {
        let ttl = server.command(&format!("PTTL {k}"));
        let ms: i64 = ttl.trim().trim_start_matches(':').parse().unwrap();
        assert!(ms > 0, "{k} has no TTL ({ttl})");
        assert!(k.contains('{') && k.contains('}'), "{k}: no hash tag");
    }
}

#[tokio::test]
async fn an_unreachable_store_is_a_bounded_typed_error_or_the_fallback() {
    let mut server = RedisServer::start();
    let url = server.url();
    server.stop();
    let strict = Budget::builder("app-down")
        .redis(url.clone())
        .store_timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let start = Instant::now();
    let err = strict.acquire(&Request::new(PATH)).await.unwrap_err();
    assert!(matches!(err, BudgetError::Store(_)), "{err}");
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    // The blocking form too.
    let err = strict.acquire_blocking(&Request::new(PATH)).unwrap_err();
    assert!(matches!(
        err,
        BudgetError::Store(StoreError::Backend(_) | StoreError::Timeout(_))
    ));

    let lenient = Budget::builder("app-down")
        .margin(1.0)
        .redis(url)
        .store_timeout(Duration::from_millis(300))
        .fallback(0.5)
        .build()
        .unwrap();
    let start = Instant::now();
    let first = lenient.reserve(&Request::new(PATH)).await.unwrap();
    assert!(first.by_fallback());
    let first_turn = start.elapsed() + first.wait();
    let second = lenient.reserve(&Request::new(PATH)).await.unwrap();
    let second_turn = start.elapsed() + second.wait();
    // Half of 10 a second: 200 ms apart (each call also spent up to the store timeout).
    assert!(
        second_turn - first_turn >= Duration::from_millis(190),
        "{first_turn:?} then {second_turn:?}"
    );
}

#[tokio::test]
async fn the_budget_recovers_after_a_restart() {
    let mut server = RedisServer::start();
    let b = Budget::builder("app-restart")
        .redis(server.url())
        .store_timeout(Duration::from_millis(500))
        .build()
        .unwrap();
    let r = Request::new(PATH);
    assert!(b.acquire(&r).await.is_ok());
    server.stop();
    // While Redis is down: typed errors, no panic, no hang.
    let err = b.acquire(&r).await.unwrap_err();
    assert!(matches!(err, BudgetError::Store(_)), "{err}");
    server.restart();
    // Back: the same budget value works again (the connection reconnects, the script reloads).
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match b.acquire(&r).await {
            Ok(_) => break,
            Err(e) if Instant::now() < deadline => {
                assert!(matches!(e, BudgetError::Store(_)), "{e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => panic!("not recovered: {e}"),
        }
    }
    assert!(b.acquire_blocking(&r).is_ok());
}
