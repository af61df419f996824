#!/usr/bin/env bash
# Instruction counts per operation under callgrind: the noise-free second figure next to the
# criterion medians (see BENCHMARKS.md, "Instruction counts").
#
#   benches/icount.sh [REGEX]        # all cases, or those whose name matches REGEX
#
# Every case of benches/bench_cases.rs runs with N and 2N repetitions; instructions per operation =
# (I(2N) - I(N)) / (N * operations per repetition), so process start-up, input generation and
# table building cancel out. Output: tab-separated `case  instructions/op` on stdout, plus the
# one-time search index build (first search minus a warm search of the same query).
set -euo pipefail
cd "$(dirname "$0")/.."

pattern="${1:-.}"
cargo build --release --quiet -p tiktok-errors-benches --bin bench_cases
bin="${CARGO_TARGET_DIR:-target}/release/bench_cases"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Instructions executed by one run of the example (callgrind's "Collected" total).
instr() {
    valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$bin" run "$@" 2>&1 >/dev/null |
        awk '/Collected :/ { print $NF }'
}

reps_for() {
    case "$1" in
        decode_success_10k/*) echo 20 ;;
        decode_typed_10k/*) echo 20 ;;
        decode_typed/*) echo 100 ;;
        decode_error/*) echo 100 ;;
        search/*) echo 20 ;;
        *) echo 10 ;; # lookups: 10 batches of 1024 keys
    esac
}

printf 'case\tinstructions_per_op\n'
while IFS=$'\t' read -r name ops; do
    [[ "$name" == noop ]] && continue
    [[ "$name" =~ $pattern ]] || continue
    n="$(reps_for "$name")"
    i1="$(instr "$name" "$n")"
    i2="$(instr "$name" "$((2 * n))")"
    awk -v a="$i1" -v b="$i2" -v n="$n" -v ops="$ops" -v name="$name" \
        'BEGIN { printf "%s\t%.1f\n", name, (b - a) / (n * ops) }'
done < <("$bin" list)

if [[ "search_cold" =~ $pattern || "$pattern" == "." ]]; then
    q="budget too low"
    noop="$(instr noop 1)"
    cold="$(instr "search_cold/$q" 1)"
    w1="$(instr "search/$q" 20)"
    w2="$(instr "search/$q" 40)"
    awk -v noop="$noop" -v cold="$cold" -v w1="$w1" -v w2="$w2" \
        'BEGIN { warm = (w2 - w1) / 20; printf "search_index_build (first search - warm search)\t%.0f\n", cold - noop - warm }'
fi
