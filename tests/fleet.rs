//! The acceptance demo end to end: processes of `examples/fleet.rs` against a stand-in TikTok
//! on 127.0.0.1 that enforces the Basic tier's limits per app and endpoint in calendar seconds
//! and minutes, and an advertiser limit it states only in its 40133 messages; the budget shared
//! through a real `redis-server`.
#![cfg(all(feature = "redis", feature = "reqwest"))]

mod limited_tiktok;
mod redis_server;

use std::path::PathBuf;
use std::process::{Command, Stdio};

use limited_tiktok::{LimitedTikTok, Limits};
use redis_server::RedisServer;

/// The example's binary, built by `cargo test` next to this test's own directory.
fn fleet_bin() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    dir.join("examples")
        .join(format!("fleet{}", std::env::consts::EXE_SUFFIX))
}

fn run_fleet(processes: usize, args: &[&str]) -> Vec<serde_json::Value> {
    let children: Vec<_> = (0..processes)
        .map(|_| {
            Command::new(fleet_bin())
                .args(args)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("the fleet example is built by cargo test")
        })
        .collect();
    children
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().unwrap();
            let stdout = String::from_utf8(out.stdout).unwrap();
            assert!(
                out.status.success(),
                "{stdout}{}",
                String::from_utf8_lossy(&out.stderr)
            );
            serde_json::from_str(stdout.lines().last().unwrap()).unwrap()
        })
        .collect()
}

#[test]
fn a_fleet_sharing_redis_is_not_throttled() {
    let server = LimitedTikTok::start(Limits::basic(Some(4)), 0);
    let redis = RedisServer::start();
    let base = server.base_url();
    let url = redis.url();
    let args = [
        "--base-url",
        &base,
        "--path",
        "/open_api/v1.3/campaign/get/",
        "--token",
        "T1",
        "--tier",
        "basic",
        "--advertisers",
        "1001,1002,1003,1004",
        "--requests",
        "40",
        "--concurrency",
        "4",
        "--redis",
        &url,
    ];
    let results = run_fleet(2, &args);
    let (mut ok, mut throttled) = (0, 0);
    for r in &results {
        assert_eq!(r["requests"], 40);
        assert_eq!(r["gave_up"], 0, "{r}");
        ok += r["ok"].as_u64().unwrap();
        throttled += r["throttled"].as_u64().unwrap();
    }
    assert_eq!(ok, 80);
    // The advertiser limit is learned from the first 40133 of each advertiser (four of them,
    // and the turns already handed out when each arrived): after that, nothing. The app
    // limit, published, is hit only if a loaded machine bunches two spaced sends together.
    assert!(throttled <= 8, "{results:?}");
    let seconds = server.seconds();
    assert!(seconds.iter().all(|s| s.ok <= 10), "{seconds:?}");
}

/// README: `--help` lists the flags the issue spells out, and exits 0.
#[test]
fn help_lists_the_flags() {
    let out = Command::new(fleet_bin()).arg("--help").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for flag in [
        "--base-url",
        "--path",
        "--token",
        "--tier",
        "--advertisers",
        "--requests",
        "--concurrency",
        "--redis",
    ] {
        assert!(text.contains(flag), "{flag} missing from {text}");
    }
}
