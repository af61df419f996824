#!/usr/bin/env bash
# The budget's Redis store on loopback: reservations per second (benches/budget_redis_rate.rs)
# against redis-benchmark's own EVALSHA figure for the same script with the same keys and
# arguments, on the same machine and server, at the same concurrencies.
#
#   bash benches/budget_redis.sh [seconds]      (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-5}"
cargo build --quiet --release -p tiktok-errors-benches --bin budget_redis_rate
target="${CARGO_TARGET_DIR:-target}"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no >/dev/null &
rpid=$!
trap 'kill $rpid 2>/dev/null || true' EXIT
sleep 0.5
sha=$(redis-cli -p "$port" SCRIPT LOAD "$(cat src/budget/reserve.lua)")
# One reservation as the crate sends it: one slot (an endpoint at Basic: 10/s, 864,000/day
# with the 0.95 margin), mode r, server time.
key='tiktok-errors:{bench}:a:/open_api/v1.3/campaign/get::'
printf 'concurrency\tcrate_reservations_per_s\tredis_benchmark_evalsha_per_s\n'
for c in 1 8 32; do
  crate=$("$target/release/budget_redis_rate" "redis://127.0.0.1:$port/" "$c" "$secs" |
    python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["per_second"])')
  redis-cli -p "$port" FLUSHALL >/dev/null
  rb=$(redis-benchmark -p "$port" -c "$c" -n $((c * 20000)) -q \
    EVALSHA "$sha" 1 "$key" r 0 999999999999999 5000 100 1000000000 105264 820800 0 |
    awk '{for (i = 1; i <= NF; i++) if ($i == "requests") print $(i - 1)}' | tail -n 1)
  printf '%s\t%s\t%s\n' "$c" "$crate" "$rb"
done
