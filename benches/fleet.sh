#!/usr/bin/env bash
# The rate-limit budget's acceptance run (issue 19), against the stand-in TikTok
# (benches/fleet_server.rs: Basic limits per app and endpoint in calendar seconds and minutes,
# an advertiser limit stated only in 40133 messages) and a real redis-server, all on 127.0.0.1.
#
#   bash benches/fleet.sh [requests-per-process]      (default 100)
#
# Three runs of 4 fleet processes (examples/fleet.rs, concurrency 4 each) on one app:
#   shared      the budget shared through Redis;
#   local       in-process budgets only (each process paces itself, none knows the others);
#   advertiser  one advertiser whose limit (5/s) TikTok publishes nowhere, shared through Redis.
# Writes benches/results/fleet/*.{out,json} and benches/results/fleet/fleet.svg (the chart in
# BENCHMARKS.md) and prints a summary table. Needs redis-server and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-100}"
out=benches/results/fleet
mkdir -p "$out"
cargo build --quiet --release --example fleet --features redis,reqwest
cargo build --quiet --release -p tiktok-errors-benches --bin fleet_server
target="${CARGO_TARGET_DIR:-target}"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

rport=$(free_port)
redis-server --port "$rport" --bind 127.0.0.1 --save '' --appendonly no >/dev/null &
rpid=$!
pids=()
trap 'kill $rpid "${pids[@]}" 2>/dev/null || true' EXIT
sleep 0.5

scenario() {
  local name=$1 adv_limit=$2
  shift 2
  local sport spid
  sport=$(free_port)
  # shellcheck disable=SC2086
  "$target/release/fleet_server" "$sport" 10 600 $adv_limit >/dev/null &
  spid=$!
  pids=("$spid")
  sleep 0.5
  local started
  started=$(date +%s.%N)
  local procs=()
  for i in 1 2 3 4; do
    "$target/release/examples/fleet" --base-url "http://127.0.0.1:$sport" \
      --path /open_api/v1.3/campaign/get/ --token fleet-token --tier basic \
      --requests "$n" --concurrency 4 "$@" >"$out/$name-$i.out" 2>"$out/$name-$i.err" &
    procs+=($!)
  done
  wait "${procs[@]}"
  python3 -c 'import sys,urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1]).read().decode())' \
    "http://127.0.0.1:$sport/stats" >"$out/$name-stats.json"
  kill "$spid"
  wait "$spid" 2>/dev/null || true
  echo "$name $started" >>"$out/runs.txt"
}

: >"$out/runs.txt"
scenario shared "" --redis "redis://127.0.0.1:$rport/"
redis-cli -p "$rport" FLUSHALL >/dev/null
scenario local ""
redis-cli -p "$rport" FLUSHALL >/dev/null
scenario advertiser 5 --advertisers 1001 --redis "redis://127.0.0.1:$rport/"

python3 benches/fleet_chart.py "$out"
