//! Reservations per second through the budget's Redis store on loopback:
//! `budget_redis_rate REDIS_URL CONCURRENCY SECONDS`. Each task reserves in a loop (no waiting:
//! the reservation is the store's work; `acquire` would then sleep). Prints one JSON line.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tiktok_errors::budget::{Budget, Request};

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [url, concurrency, seconds] = args.as_slice() else {
        eprintln!("usage: budget_redis_rate REDIS_URL CONCURRENCY SECONDS");
        std::process::exit(2);
    };
    let concurrency: usize = concurrency.parse().unwrap();
    let run = Duration::from_secs(seconds.parse().unwrap());
    let budget = Budget::builder("bench-redis")
        .max_wait(Duration::from_secs(10 * 365 * 86_400))
        .redis(url.clone())
        .build()
        .unwrap();
    // Load the script and connect before timing.
    let _ = budget
        .reserve(&Request::new("/open_api/v1.3/event/track/"))
        .await
        .unwrap();
    let done = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let tasks: Vec<_> = (0..concurrency)
        .map(|i| {
            let (b, done) = (budget.clone(), Arc::clone(&done));
            tokio::spawn(async move {
                // One endpoint per task: the tasks do not queue behind each other's turns.
                let path = format!("/open_api/v1.3/bench{i}/get/");
                while start.elapsed() < run {
                    let _ = b.reserve(&Request::new(&path)).await.unwrap();
                    done.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
    let n = done.load(Ordering::Relaxed);
    #[allow(clippy::cast_precision_loss)]
    let rate = n as f64 / start.elapsed().as_secs_f64();
    println!(
        "{}",
        serde_json::json!({"concurrency": concurrency, "reservations": n, "per_second": rate.round()})
    );
}
